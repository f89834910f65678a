//! The saved state of a build, so that a corpus can grow without reading its old articles again.
//!
//! Every build writes `state.jsonl` beside its outputs: a header line, then one JSON line per
//! document with its text, what extraction found in it (mentions, relations, sentence spans),
//! and which of its lines the corpus repeated when it was extracted.
//!
//! `build NEW --into DIR` reads that state, adds the new documents, and gives the graph a full
//! rebuild over all documents would give, byte for byte. The cross-document boilerplate filter
//! ([`pipeline::repeated_lines`]) is why the texts are kept: a new document can make a short
//! line of an old one "repeated" (or, when it replaces a document, no longer repeated), and
//! exactly those old documents are extracted again from their saved text. The others keep
//! their saved results. When the schema or the tool's version differ from the ones the state
//! was made with, every document is extracted again.

use crate::clean::{self, RepeatedLines};
use crate::error::{Error, Result};
use crate::model::{Document, Mention, Relation, Span};
use crate::pipeline::{self, Build, DocReport, Extractor};
use crate::resolve::{self, DocResult};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The state's file name inside an output directory.
pub const FILE_NAME: &str = "state.jsonl";

/// What the header line says the file is.
const MAGIC: &str = "actorgraph-state";
/// Version of the layout of the file.
const VERSION: u32 = 1;

/// The first line of a state file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// The tool version and schema the results were extracted with.
    extractor: String,
    documents: usize,
}

/// One document with what extraction found in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocState {
    /// Document id.
    pub id: String,
    /// Publication date.
    pub date: Option<String>,
    /// The full text.
    pub text: String,
    /// The document's lines (keys, sorted) that the corpus repeated when it was extracted.
    pub repeated: Vec<String>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Relations between mentions.
    pub relations: Vec<Relation>,
    /// Spans of the kept sentences (their text is the span's, whitespace collapsed).
    pub sentences: Vec<Span>,
    /// Counts of what the document gave.
    pub report: DocReport,
}

impl DocState {
    fn document(&self) -> Document {
        Document { id: self.id.clone(), text: self.text.clone(), date: self.date.clone() }
    }

    fn result(&self) -> DocResult {
        DocResult {
            doc: self.id.clone(),
            date: self.date.clone(),
            mentions: self.mentions.clone(),
            relations: self.relations.clone(),
            sentences: self
                .sentences
                .iter()
                .map(|s| {
                    let text = self.text.get(s.start..s.end).unwrap_or("");
                    (*s, text.split_whitespace().collect::<Vec<_>>().join(" "))
                })
                .collect(),
        }
    }
}

/// The state of a build: every document, in document order.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Identifies the tool version and schema that made the results.
    pub extractor: String,
    /// The documents.
    pub documents: Vec<DocState>,
}

impl State {
    /// Reads a state file.
    ///
    /// # Errors
    /// [`Error::Read`] when it cannot be read, [`Error::State`] when it is not a state file this
    /// version can use (with what to do about it).
    pub fn load(path: &Path) -> Result<State> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        let bad = |line: usize, why: String| Error::State {
            path: path.to_path_buf(),
            message: format!("line {line}: {why}; rebuild the graph from all articles without --into"),
        };
        let mut lines = std::io::BufReader::new(file).lines();
        let first = lines
            .next()
            .ok_or_else(|| bad(1, "empty file".into()))?
            .map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        let header: Header = serde_json::from_str(&first).map_err(|e| bad(1, format!("not a state header ({e})")))?;
        if header.format != MAGIC || header.version != VERSION {
            return Err(bad(
                1,
                format!("state format {} v{} is not {MAGIC} v{VERSION}", header.format, header.version),
            ));
        }
        let mut documents = Vec::with_capacity(header.documents);
        for (i, l) in lines.enumerate() {
            let l = l.map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
            if l.trim().is_empty() {
                continue;
            }
            documents.push(serde_json::from_str(&l).map_err(|e| bad(i + 2, e.to_string()))?);
        }
        if documents.len() != header.documents {
            return Err(bad(
                1,
                format!("{} documents listed, {} found (truncated file?)", header.documents, documents.len()),
            ));
        }
        Ok(State { extractor: header.extractor, documents })
    }

    /// Writes the state to `w` and hands the writer back.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write<W: Write>(&self, mut w: W) -> Result<W> {
        let header = Header {
            format: MAGIC.into(),
            version: VERSION,
            extractor: self.extractor.clone(),
            documents: self.documents.len(),
        };
        serde_json::to_writer(&mut w, &header)?;
        w.write_all(b"\n")?;
        for d in &self.documents {
            serde_json::to_writer(&mut w, d)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        Ok(w)
    }

    /// Writes the state as `dir/state.jsonl`, atomically (temporary file, then rename).
    ///
    /// # Errors
    /// [`Error::Write`] naming the file.
    pub fn save(&self, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(FILE_NAME);
        let tmp = dir.join(format!(".{FILE_NAME}.tmp"));
        let file = std::fs::File::create(&tmp).map_err(|source| Error::Write { path: tmp.clone(), source })?;
        let w = self.write(std::io::BufWriter::new(file)).map_err(|e| match e {
            Error::Io(source) => Error::Write { path: tmp.clone(), source },
            other => other,
        })?;
        w.into_inner().map_err(|e| Error::Write { path: tmp.clone(), source: e.into_error() })?;
        std::fs::rename(&tmp, &path).map_err(|source| Error::Write { path: path.clone(), source })?;
        Ok(path)
    }

    /// Per-document reports and the corpus' count of repeated lines, as a build records them.
    #[must_use]
    pub fn reports(&self) -> (Vec<DocReport>, usize) {
        let docs: Vec<Document> = self.documents.iter().map(DocState::document).collect();
        (self.documents.iter().map(|d| d.report.clone()).collect(), pipeline::repeated_lines(&docs).len())
    }
}

/// An identifier of the extractor: the tool version and a hash of the schema files in use.
///
/// # Errors
/// [`Error::Read`] when a schema file cannot be read.
pub fn extractor_id(schema_dir: Option<&Path>) -> Result<String> {
    let mut bytes = Vec::new();
    if let Some(dir) = schema_dir {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
        let mut paths: Vec<PathBuf> =
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
        paths.sort();
        for p in paths {
            bytes.extend(p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default().as_bytes());
            bytes.push(0);
            bytes.extend(std::fs::read(&p).map_err(|source| Error::Read { path: p.clone(), source })?);
            bytes.push(0);
        }
    }
    Ok(format!("{} schema:{:016x}", env!("CARGO_PKG_VERSION"), crate::layout::fnv1a(&bytes)))
}

/// The keys of `doc`'s lines that are in `repeated`, sorted.
fn own_repeated(doc: &Document, repeated: &RepeatedLines) -> Vec<String> {
    let mut keys: Vec<String> = doc.text.lines().map(clean::line_key).filter(|k| repeated.contains(k)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// How many documents an incremental build took from the state and how many it extracted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    /// Old documents whose saved results were used.
    pub kept: usize,
    /// Old documents extracted again from their saved text (their repeated lines changed, or
    /// the schema or tool version did).
    pub reextracted: usize,
    /// Old documents replaced by a new document of the same id.
    pub replaced: usize,
}

/// Builds the graph of `previous`'s documents and `new` ones, and the state to save.
///
/// With no previous state this is a full build of `new`. A new document with the id of an old
/// one replaces it. The documents are put in id order, as a full build reads them, so the
/// graph equals the one a full build over all of them gives.
#[must_use]
pub fn build(
    extractor: &Extractor,
    extractor_id: &str,
    previous: Option<State>,
    new: Vec<Document>,
    skipped: Vec<Error>,
) -> (Build, State, Reuse) {
    let mut reuse = Reuse::default();
    let same_extractor = previous.as_ref().is_some_and(|p| p.extractor == extractor_id);
    // (document, saved state if still usable, whether it was saved)
    let mut all: Vec<(Document, Option<DocState>, bool)> = Vec::new();
    if let Some(prev) = previous {
        for d in prev.documents {
            if new.iter().any(|n| n.id == d.id) {
                reuse.replaced += 1;
                continue;
            }
            all.push((d.document(), same_extractor.then_some(d), true));
        }
    }
    all.extend(new.into_iter().map(|d| (d, None, false)));
    // Stable: documents of one id keep their order, as in ingest.
    all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let docs: Vec<Document> = all.iter().map(|(d, _, _)| d.clone()).collect();
    let repeated = pipeline::repeated_lines(&docs);
    let outcomes: Vec<(DocState, Outcome)> = all
        .into_par_iter()
        .map(|(doc, saved, old)| {
            let own = own_repeated(&doc, &repeated);
            let outcome = if old { Outcome::Reextracted } else { Outcome::New };
            if let Some(s) = saved.filter(|s| s.repeated == own) {
                return (s, Outcome::Kept);
            }
            let (r, report) = extractor.extract_counted(&doc, &repeated);
            let state = DocState {
                id: doc.id,
                date: doc.date,
                text: doc.text,
                repeated: own,
                mentions: r.mentions,
                relations: r.relations,
                sentences: r.sentences.into_iter().map(|(s, _)| s).collect(),
                report,
            };
            (state, outcome)
        })
        .collect();
    let mut states = Vec::with_capacity(outcomes.len());
    for (s, o) in outcomes {
        match o {
            Outcome::Kept => reuse.kept += 1,
            Outcome::Reextracted => reuse.reextracted += 1,
            Outcome::New => {}
        }
        states.push(s);
    }
    let results: Vec<DocResult> = states.iter().map(DocState::result).collect();
    let graph = resolve::resolve(&results);
    let build = Build {
        graph,
        documents: states.len(),
        skipped,
        reports: states.iter().map(|s| s.report.clone()).collect(),
        repeated_lines: repeated.len(),
        notes: Vec::new(),
    };
    (build, State { extractor: extractor_id.to_string(), documents: states }, reuse)
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Kept,
    Reextracted,
    New,
}
