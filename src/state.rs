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
//!
//! Both the build ([`build`]) and the state stream: the saved state is read one record at a
//! time ([`Reader`]) and the new one written one record at a time, so neither the corpus nor
//! the state is ever held whole.

use crate::clean::{self, RepeatedLines};
use crate::error::{Error, Result};
use crate::ingest;
use crate::model::{Document, Mention, Relation, Span};
use crate::pipeline::{self, Build, DocReport, Extractor, Pass, Progress};
use crate::resolve::{DocResult, Resolver};
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
    /// The sentences as resolution reads them: span and text, the text only for the
    /// sentences that support a relation (whitespace collapsed, as extraction gives it).
    fn evidence_sentences(&self) -> Vec<(Span, String)> {
        let mut wanted = vec![false; self.sentences.len()];
        for r in &self.relations {
            if let Some(w) = wanted.get_mut(r.sentence) {
                *w = true;
            }
        }
        self.sentences
            .iter()
            .zip(wanted)
            .map(|(s, w)| {
                let text = if w { self.text.get(s.start..s.end).map(pipeline::sentence_text) } else { None };
                (*s, text.unwrap_or_default())
            })
            .collect()
    }

    /// The record as `serde_json::to_writer` writes it (a test compares the two), with the
    /// text, most of the record, escaped eight bytes at a time rather than by serde_json's
    /// byte loop, and the mentions, relations and sentence spans written by hand; the other
    /// fields go through serde_json.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(b"{\"id\":");
        serde_json::to_writer(&mut *out, &self.id)?;
        out.extend_from_slice(b",\"date\":");
        serde_json::to_writer(&mut *out, &self.date)?;
        out.extend_from_slice(b",\"text\":");
        crate::export::jsonld::write_str(out, &self.text)?;
        out.extend_from_slice(b",\"repeated\":");
        serde_json::to_writer(&mut *out, &self.repeated)?;
        out.extend_from_slice(b",\"mentions\":[");
        for (i, m) in self.mentions.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::mention(out, m)?;
        }
        out.extend_from_slice(b"],\"relations\":[");
        for (i, r) in self.relations.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::relation(out, r)?;
        }
        out.extend_from_slice(b"],\"sentences\":[");
        for (i, span) in self.sentences.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::span(out, *span);
        }
        out.push(b']');
        out.extend_from_slice(b",\"report\":");
        serde_json::to_writer(&mut *out, &self.report)?;
        out.push(b'}');
        Ok(())
    }

    /// Serialises the record (unless no state is saved), then hands its results to
    /// resolution with `sentences`.
    fn into_extracted(self, sentences: Vec<(Span, String)>, outcome: Outcome, save: bool) -> Result<Extracted> {
        let mut json = Vec::new();
        if save {
            // Room for the text (which dominates the record) and its escapes, to spare regrowing.
            json.reserve_exact(self.text.len() + self.text.len() / 2 + 1024);
            self.write_json(&mut json)?;
        }
        let len = self.text.len();
        let result =
            DocResult { doc: self.id, date: self.date, mentions: self.mentions, relations: self.relations, sentences };
        Ok((json, result, self.report, len, outcome))
    }
}

/// A state file read one record at a time: the header is checked on opening, each document's
/// line is handed out as read, so that a state of any size costs one record of memory.
#[derive(Debug)]
pub struct Reader {
    path: PathBuf,
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
    /// Number of the last line read (1 is the header).
    line: usize,
    extractor: String,
    documents: usize,
    /// Records handed out so far.
    read: usize,
    /// The id of the last record, to check that ids ascend.
    last_id: Option<String>,
}

/// One document's line of a state file, with its id read and the rest left as JSON.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its line number in the file.
    pub line: usize,
    /// The document id.
    pub id: String,
    /// The line itself.
    pub json: String,
}

/// The part of a record that is read to find its id.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// The part of a record that the first pass of a build reads.
#[derive(Deserialize)]
struct TextOnly {
    text: String,
}

/// The part of a record that `stats` reads.
#[derive(Deserialize)]
struct ReportAndText {
    text: String,
    report: DocReport,
}

/// The [`Error::State`] for line `line` of `path`, with what to do about it.
fn bad(path: &Path, line: usize, why: impl std::fmt::Display) -> Error {
    Error::State {
        path: path.to_path_buf(),
        message: format!("line {line}: {why}; rebuild the graph from all articles without --into"),
    }
}

impl Reader {
    /// Opens a state file and checks its header.
    ///
    /// # Errors
    /// [`Error::Read`] when it cannot be read, [`Error::State`] when it is not a state file this
    /// version can use (with what to do about it).
    pub fn open(path: &Path) -> Result<Reader> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        let mut lines = std::io::BufReader::new(file).lines();
        let first = lines
            .next()
            .ok_or_else(|| bad(path, 1, "empty file"))?
            .map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        let header: Header =
            serde_json::from_str(&first).map_err(|e| bad(path, 1, format!("not a state header ({e})")))?;
        if header.format != MAGIC || header.version != VERSION {
            return Err(bad(
                path,
                1,
                format!("state format {} v{} is not {MAGIC} v{VERSION}", header.format, header.version),
            ));
        }
        Ok(Reader {
            path: path.to_path_buf(),
            lines,
            line: 1,
            extractor: header.extractor,
            documents: header.documents,
            read: 0,
            last_id: None,
        })
    }

    /// The tool version and schema the saved results were extracted with (see [`extractor_id`]).
    #[must_use]
    pub fn extractor(&self) -> &str {
        &self.extractor
    }

    /// The number of documents the header lists.
    #[must_use]
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The state file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Parses one of this file's records as `T`.
    fn parse<T: serde::de::DeserializeOwned>(path: &Path, r: &Record) -> Result<T> {
        serde_json::from_str(&r.json).map_err(|e| bad(path, r.line, e))
    }
}

impl Iterator for Reader {
    type Item = Result<Record>;

    /// The next record; at the end, an error if fewer records were found than the header lists.
    fn next(&mut self) -> Option<Result<Record>> {
        loop {
            let Some(l) = self.lines.next() else {
                if self.read != self.documents {
                    let why = format!("{} documents listed, {} found (truncated file?)", self.documents, self.read);
                    self.read = self.documents;
                    return Some(Err(bad(&self.path, 1, why)));
                }
                return None;
            };
            self.line += 1;
            let json = match l {
                Ok(json) => json,
                Err(source) => return Some(Err(Error::Read { path: self.path.clone(), source })),
            };
            if json.trim().is_empty() {
                continue;
            }
            let id = match serde_json::from_str::<IdOnly>(&json) {
                Ok(r) => r.id,
                Err(e) => return Some(Err(bad(&self.path, self.line, e))),
            };
            if self.last_id.as_ref().is_some_and(|last| *last >= id) {
                return Some(Err(bad(&self.path, self.line, format!("document {id:?} is out of id order"))));
            }
            self.read += 1;
            if self.read > self.documents {
                let why = format!("more documents than the {} listed", self.documents);
                return Some(Err(bad(&self.path, self.line, why)));
            }
            self.last_id = Some(id.clone());
            return Some(Ok(Record { line: self.line, id, json }));
        }
    }
}

/// Writes a state file one record at a time, to a temporary file that
/// [`Pending::commit`] renames into place.
#[derive(Debug)]
struct Writer {
    tmp: PathBuf,
    w: std::io::BufWriter<std::fs::File>,
    /// Records the header announced, and records written.
    expected: usize,
    written: usize,
}

impl Writer {
    /// Creates `dir/.state.jsonl.tmp` and writes the header.
    fn create(dir: &Path, extractor: &str, documents: usize) -> Result<Writer> {
        let tmp = dir.join(format!(".{FILE_NAME}.tmp"));
        let file = std::fs::File::create(&tmp).map_err(|source| Error::Write { path: tmp.clone(), source })?;
        // Records are a few kilobytes each: a large buffer writes many per system call.
        let w = std::io::BufWriter::with_capacity(1 << 20, file);
        let mut w = Writer { tmp, w, expected: documents, written: 0 };
        let header = Header { format: MAGIC.into(), version: VERSION, extractor: extractor.to_string(), documents };
        w.line(&header)?;
        Ok(w)
    }

    /// Writes one JSON line.
    fn line<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let err = |tmp: &Path, source| Error::Write { path: tmp.to_path_buf(), source };
        serde_json::to_writer(&mut self.w, value).map_err(|e| err(&self.tmp, e.into()))?;
        self.w.write_all(b"\n").map_err(|e| err(&self.tmp, e))
    }

    /// Writes one document's record, serialised already (one line, without its newline).
    fn record(&mut self, json: &[u8]) -> Result<()> {
        self.written += 1;
        let err = |source| Error::Write { path: self.tmp.clone(), source };
        self.w.write_all(json).map_err(err)?;
        self.w.write_all(b"\n").map_err(err)
    }

    /// Flushes and syncs the file; it must hold as many records as the header says.
    fn finish(self, dir: &Path) -> Result<Pending> {
        if self.written != self.expected {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(Error::Io(std::io::Error::other(format!(
                "{} documents expected, {} extracted: were inputs changed during the build?",
                self.expected, self.written
            ))));
        }
        let tmp = self.tmp.clone();
        let file = self.w.into_inner().map_err(|e| Error::Write { path: tmp.clone(), source: e.into_error() })?;
        file.sync_all().map_err(|source| Error::Write { path: tmp.clone(), source })?;
        Ok(Pending { tmp: Some(tmp), path: dir.join(FILE_NAME), done: false })
    }
}

/// A state file written in full under a temporary name; dropped without
/// [`Pending::commit`], it is removed.
#[derive(Debug)]
pub struct Pending {
    /// The new state under its temporary name; `None` when the build saves no state.
    tmp: Option<PathBuf>,
    path: PathBuf,
    done: bool,
}

impl Pending {
    /// Renames the state into place (`state.jsonl`) and returns its path; for a build that
    /// saves no state ([`Job::save_state`]), removes an old `state.jsonl` (which describes
    /// another graph) and returns `None`.
    ///
    /// # Errors
    /// [`Error::Write`] naming the file.
    pub fn commit(mut self) -> Result<Option<PathBuf>> {
        let write = |source| Error::Write { path: self.path.clone(), source };
        let Some(tmp) = &self.tmp else {
            return match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(write(e)),
                _ => Ok(None),
            };
        };
        std::fs::rename(tmp, &self.path).map_err(write)?;
        self.done = true;
        Ok(Some(self.path.clone()))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let (Some(tmp), false) = (&self.tmp, self.done) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Per-document reports and the corpus' count of repeated lines, as the build that wrote the
/// state at `path` recorded them; the file is streamed.
///
/// # Errors
/// As [`Reader::open`], and a record that cannot be read.
pub fn reports(path: &Path) -> Result<(Vec<DocReport>, usize)> {
    let mut reader = Reader::open(path)?;
    let mut reports = Vec::with_capacity(reader.documents());
    let mut hashes = pipeline::LineCounter::default();
    for r in reader.by_ref() {
        let d: ReportAndText = Reader::parse(path, &r?)?;
        hashes.add(&pipeline::short_line_hashes(&d.text));
        reports.push(d.report);
    }
    let repeated = if reports.len() < pipeline::MIN_REPEAT_DOCS { 0 } else { hashes.repeated().len() };
    Ok((reports, repeated))
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

/// The keys of the lines of `text` that are in `repeated`, sorted.
fn own_repeated(text: &str, repeated: &RepeatedLines) -> Vec<String> {
    if repeated.is_empty() {
        return Vec::new();
    }
    // Most lines are not repeated: test the hash first and build only the keys that are.
    // `line_hash` equals the key's hash except where `line_key` splits at white space the
    // ASCII split does not (vertical tab) or lower-cases beyond ASCII; those lines take the
    // key's own hash.
    // Nor does a line of more words than a repeated one has.
    let maybe = |l: &str| {
        if !repeated.may_hold(clean::words_up_to(l, clean::MAX_REPEATED_WORDS + 1)) {
            return false;
        }
        if l.is_ascii() && !l.contains('\u{b}') {
            repeated.contains_line(l)
        } else {
            repeated.contains(&clean::line_key(l))
        }
    };
    let mut keys: Vec<String> = text.lines().filter(|l| maybe(l)).map(clean::line_key).collect();
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

/// What a build reads, and where it writes its state.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The extractor.
    pub extractor: &'a Extractor,
    /// Its [`extractor_id`], written to the state.
    pub extractor_id: &'a str,
    /// Article files and directories, `-` for standard input.
    pub inputs: &'a [PathBuf],
    /// Reading options.
    pub options: &'a ingest::Options,
    /// The saved state to add the inputs to (`--into`), if any.
    pub previous: Option<&'a Path>,
    /// The directory the new state is written to.
    pub out: &'a Path,
    /// Whether to keep every document's [`DocReport`] in [`Build::reports`] (for `--stats`
    /// and `--verbose`); they are the one part of the result that grows with the corpus.
    pub keep_reports: bool,
    /// Supporting sentences kept per edge (0: all); see [`Resolver::with_max_evidence`].
    /// The state keeps every document's results, so `--into` applies the cap afresh to the
    /// whole corpus and equals a full build with the same cap.
    pub max_evidence: usize,
    /// Corpora of more bytes of text than this keep their supporting sentences in a temporary
    /// file in `out` rather than in memory ([`crate::spill`]; 0: always).
    pub spill_above: u64,
    /// Whether to write the new state (`state.jsonl`, which `--into` reads); without it a
    /// build saves the cost of serialising and writing every record (about a fifth of its
    /// time).
    pub save_state: bool,
}

/// The corpus size above which a build keeps its evidence sentences on disk by default
/// (`build --spill-above`): reading them back costs about 5% of a build's time, and below
/// this size holding them costs less than 150 MB.
pub const DEFAULT_SPILL_ABOVE: u64 = 512 << 20;

/// Supporting sentences kept per edge by default (`build --max-evidence`): enough to read
/// why an edge is there, few enough that memory follows the graph, not the corpus.
pub const DEFAULT_MAX_EVIDENCE: usize = 25;

/// The result of [`build`].
#[derive(Debug)]
pub struct Built {
    /// The graph and what the build read. With no new document read, it has no graph.
    pub build: Build,
    /// What an incremental build reused.
    pub reuse: Reuse,
    /// The new state, written under a temporary name: [`Pending::commit`] puts it in place
    /// (after the graph's outputs). `None` when no new document could be read.
    pub state: Option<Pending>,
}

/// One document to take in: an old one (a saved record), a new one (an input), or a new one
/// with the id of an old one (which it replaces if it can be read).
enum Item {
    Old(Record),
    New(usize),
    Both(Record, usize),
}

/// The saved records and the new inputs, both sorted by id, merged in id order.
struct Merge<'a> {
    old: Option<std::iter::Peekable<Reader>>,
    sources: &'a [ingest::Input],
    next: usize,
}

impl Merge<'_> {
    fn new<'a>(previous: Option<&Path>, sources: &'a [ingest::Input]) -> Result<Merge<'a>> {
        let old = previous.map(Reader::open).transpose()?.map(Iterator::peekable);
        Ok(Merge { old, sources, next: 0 })
    }
}

impl Iterator for Merge<'_> {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Result<Item>> {
        use std::cmp::Ordering;
        let order = match (self.old.as_mut().and_then(std::iter::Peekable::peek), self.sources.get(self.next)) {
            (None, None) => return None,
            (Some(Err(_)), _) | (Some(Ok(_)), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(Ok(r)), Some(n)) => r.id.as_str().cmp(n.id.as_str()),
        };
        let mut take_old = || self.old.as_mut().and_then(Iterator::next);
        match order {
            Ordering::Less => take_old().map(|r| r.map(Item::Old)),
            Ordering::Equal => {
                let r = take_old()?;
                self.next += 1;
                Some(r.map(|r| Item::Both(r, self.next - 1)))
            }
            Ordering::Greater => {
                self.next += 1;
                Some(Ok(Item::New(self.next - 1)))
            }
        }
    }
}

/// Up to `n` items of `merge`, or its first error.
fn batch(merge: &mut Merge<'_>, n: usize) -> Result<Vec<Item>> {
    merge.by_ref().take(n).collect()
}

/// A new document read in the first pass.
struct NewDoc {
    index: usize,
    note: Option<String>,
    /// Standard input's document, which cannot be read twice.
    stdin: Option<Document>,
}

/// What the first pass learns of one [`Item`].
#[derive(Default)]
struct Scanned {
    /// The short-line hashes and byte size of the document the build takes in, if any.
    doc: Option<(Vec<u64>, usize)>,
    new: Option<NewDoc>,
    skipped: Option<Error>,
}

/// What the second pass makes of one document: its state record (a JSON line, UTF-8), its
/// result for the resolver, its report, and where it came from.
type Extracted = (Vec<u8>, DocResult, DocReport, usize, Outcome);

/// Builds the graph of the inputs, added to the saved state `job.previous` if any, and
/// writes the new state beside the outputs (under a temporary name: see [`Built::state`]).
///
/// A new document with the id of an old one replaces it. Documents are taken in id order,
/// so the graph equals the one a full build over all of them gives, byte for byte.
///
/// Nothing is held whole: a first pass streams the inputs and the saved records to find the
/// lines the corpus repeats (as 64-bit hashes); a second extracts batches of documents in
/// parallel, feeds the results to the streaming [`Resolver`] in id order and appends each
/// document's record to the new state as it goes. An old document keeps its saved results
/// when the extractor is the same and its repeated lines did not change; otherwise it is
/// extracted again from its saved text. `progress` is called after each batch.
///
/// # Errors
/// A saved state that cannot be read or used, an input that changed between the passes, or
/// a state that cannot be written.
pub fn build(job: &Job<'_>, mut progress: impl FnMut(Progress)) -> Result<Built> {
    let (sources, mut skipped) = ingest::collect(job.inputs);
    let old_path = job.previous.unwrap_or(Path::new(""));
    let (same_extractor, old_total) = match job.previous {
        Some(p) => {
            let r = Reader::open(p)?;
            (r.extractor() == job.extractor_id, r.documents())
        }
        None => (false, 0),
    };
    let total = sources.len() + old_total;
    let items_done =
        |items: &[Item]| items.iter().map(|i| if matches!(i, Item::Both(..)) { 2 } else { 1 }).sum::<usize>();

    // Pass 1: which new documents can be read, and the hashes of every document's short lines.
    let scan_old = |r: &Record| -> Result<(Vec<u64>, usize)> {
        let t: TextOnly = Reader::parse(old_path, r)?;
        Ok((pipeline::short_line_hashes(&t.text), t.text.len()))
    };
    let scan_new = |index: usize, s: &mut Scanned| match ingest::load(&sources[index], job.options) {
        Ok(l) => {
            s.doc = Some((pipeline::short_line_hashes(&l.document.text), l.document.text.len()));
            let stdin = (sources[index].source == ingest::Source::Stdin).then_some(l.document);
            s.new = Some(NewDoc { index, note: l.note, stdin });
        }
        Err(e) => s.skipped = Some(e),
    };
    let mut readable = vec![false; sources.len()];
    let (mut notes, mut stdin, mut hashes) = (Vec::new(), None, pipeline::LineCounter::default());
    let (mut documents, mut new_documents, mut done, mut bytes) = (0, 0, 0, 0u64);
    let mut merge = Merge::new(job.previous, &sources)?;
    loop {
        let items = batch(&mut merge, pipeline::CHUNK)?;
        if items.is_empty() {
            break;
        }
        done += items_done(&items);
        let scanned: Vec<Result<Scanned>> = items
            .into_par_iter()
            .map(|item| {
                let mut s = Scanned::default();
                match item {
                    Item::Old(r) => s.doc = Some(scan_old(&r)?),
                    Item::New(i) => scan_new(i, &mut s),
                    Item::Both(r, i) => {
                        scan_new(i, &mut s);
                        if s.doc.is_none() {
                            s.doc = Some(scan_old(&r)?);
                        }
                    }
                }
                Ok(s)
            })
            .collect();
        for s in scanned {
            let s = s?;
            if let Some((h, len)) = s.doc {
                documents += 1;
                bytes += len as u64;
                hashes.add(&h);
            }
            if let Some(n) = s.new {
                readable[n.index] = true;
                new_documents += 1;
                notes.extend(n.note);
                stdin = stdin.or(n.stdin);
            }
            skipped.extend(s.skipped);
        }
        progress(Progress { pass: Pass::Scan, documents: done, total, bytes });
    }
    let repeated = if documents >= pipeline::MIN_REPEAT_DOCS { hashes.repeated() } else { RepeatedLines::new() };
    let mut reuse = Reuse::default();
    if new_documents == 0 {
        let build = Build { skipped, notes, ..Build::default() };
        return Ok(Built { build, reuse, state: None });
    }

    // Pass 2: extract (or take from the state), resolve in id order, write the new state.
    let writer = if job.save_state { Some(Writer::create(job.out, job.extractor_id, documents)?) } else { None };
    // `own`: the document's repeated lines where known; else cleaning notes them, and only
    // when the state is saved (nothing else reads them).
    let extract = |doc: Document, own: Option<Vec<String>>, outcome: Outcome| -> Result<Extracted> {
        let (r, report, own) = match own {
            Some(own) => {
                let (r, report) = job.extractor.extract_with(&doc, &repeated, false);
                (r, report, own)
            }
            None => {
                let mut own = Vec::new();
                let noted = job.save_state.then_some(&mut own);
                let (r, report) = job.extractor.extract_noting(&doc, &repeated, false, noted);
                (r, report, own)
            }
        };
        let state = DocState {
            id: doc.id,
            date: doc.date,
            text: doc.text,
            repeated: own,
            mentions: r.mentions,
            relations: r.relations,
            sentences: r.sentences.iter().map(|(s, _)| *s).collect(),
            report,
        };
        state.into_extracted(r.sentences, outcome, job.save_state)
    };
    let take = |item: Item| -> Result<Extracted> {
        match item {
            Item::New(i) | Item::Both(_, i) => {
                // (`Both` has become `New` or `Old` by now.)
                let doc = match &sources[i].source {
                    ingest::Source::Stdin => stdin.clone().ok_or_else(|| {
                        Error::Io(std::io::Error::other("standard input was read in the first pass only"))
                    })?,
                    ingest::Source::File(_) => ingest::load(&sources[i], job.options)?.document,
                };
                extract(doc, None, Outcome::New)
            }
            Item::Old(r) => {
                let s: DocState = Reader::parse(old_path, &r)?;
                let own = own_repeated(&s.text, &repeated);
                if same_extractor && s.repeated == own {
                    let sentences = s.evidence_sentences();
                    return s.into_extracted(sentences, Outcome::Kept, job.save_state);
                }
                extract(Document { id: s.id, text: s.text, date: s.date }, Some(own), Outcome::Reextracted)
            }
        }
    };
    let mut sink = Sink {
        writer,
        resolver: if bytes > job.spill_above || job.spill_above == 0 {
            spilling(Resolver::with_max_evidence(job.max_evidence), job.out)
        } else {
            Resolver::with_max_evidence(job.max_evidence)
        },
        reuse: Reuse::default(),
        reports: Vec::new(),
        bytes: 0,
    };
    let mut done = 0;
    let mut merge = Merge::new(job.previous, &sources)?;
    // Batch k + 1 is extracted while batch k is resolved and written, so the resolver and the
    // writer do not leave the other threads idle; batches are still taken in, strictly in id
    // order, one after the other, so the results are the same.
    let mut pending: Option<(Vec<Result<Extracted>>, usize)> = None;
    loop {
        let items = match batch(&mut merge, pipeline::CHUNK) {
            Ok(items) => items,
            Err(e) => {
                // An error in the batch before is the first one.
                if let Some((previous, _)) = pending.take() {
                    sink.take_in(previous, job.keep_reports)?;
                }
                return Err(e);
            }
        };
        if items.is_empty() {
            break;
        }
        done += items_done(&items);
        // New documents that could not be read were reported in the first pass; an old
        // document is replaced only by a new one that could be read.
        let items: Vec<Item> = items
            .into_iter()
            .filter_map(|item| match item {
                Item::New(n) if !readable[n] => None,
                Item::Both(r, n) if !readable[n] => Some(Item::Old(r)),
                Item::Both(_, n) => {
                    reuse.replaced += 1;
                    Some(Item::New(n))
                }
                other => Some(other),
            })
            .collect();
        let previous = pending.take();
        let extract = || items.into_par_iter().map(take).collect::<Vec<_>>();
        let take_in = || previous.map(|(p, documents)| sink.take_in(p, job.keep_reports).map(|()| documents));
        let (extracted, taken_in) = if rayon::current_num_threads() > 1 {
            rayon::join(extract, take_in)
        } else {
            // Nothing to overlap on one thread: take the previous batch in first, so that only
            // one batch's results are held at a time.
            let taken_in = take_in();
            let failed = matches!(taken_in, Some(Err(_)));
            (if failed { Vec::new() } else { extract() }, taken_in)
        };
        if let Some(documents) = taken_in.transpose()? {
            progress(Progress { pass: Pass::Extract, documents, total, bytes: sink.bytes });
        }
        pending = Some((extracted, done));
    }
    if let Some((last, documents)) = pending.take() {
        sink.take_in(last, job.keep_reports)?;
        progress(Progress { pass: Pass::Extract, documents, total, bytes: sink.bytes });
    }
    let Sink { writer, resolver, reuse: taken, reports, .. } = sink;
    reuse.kept = taken.kept;
    reuse.reextracted = taken.reextracted;
    let pending = match writer {
        Some(w) => w.finish(job.out)?,
        None => Pending { tmp: None, path: job.out.join(FILE_NAME), done: false },
    };
    // The input paths (one per document) and the repeated lines are done with: free them
    // before the graph is built, which is when the resolver holds the most.
    let repeated_lines = repeated.len();
    drop(merge);
    drop((sources, repeated, readable, stdin));
    let graph = resolver.finish();
    if let Some(e) = graph.sentence_write_error() {
        let source = std::io::Error::new(e.kind(), format!("evidence sentences (temporary file): {e}"));
        return Err(Error::Write { path: job.out.to_path_buf(), source });
    }
    let build = Build { graph, documents, skipped, reports, repeated_lines, notes };
    Ok(Built { build, reuse, state: Some(pending) })
}

/// The resolver, writing the supporting sentences to a temporary file in `out` (so that a
/// large build's memory holds the graph, not its text), or holding them where the file
/// cannot be made.
fn spilling(resolver: Resolver, out: &Path) -> Resolver {
    match crate::spill::SentenceFile::create_in(out) {
        Ok(file) => resolver.with_sentence_file(file),
        Err(_) => resolver,
    }
}

/// Where the second pass puts each extracted document, in id order: the new state, the
/// resolver, the counts of reuse and the reports.
struct Sink {
    /// The new state, if saved.
    writer: Option<Writer>,
    resolver: Resolver,
    /// `kept` and `reextracted` (`replaced` is counted as batches are formed).
    reuse: Reuse,
    reports: Vec<DocReport>,
    /// Bytes of text taken in.
    bytes: u64,
}

impl Sink {
    /// Takes in one batch, in order; stops at its first error.
    fn take_in(&mut self, extracted: Vec<Result<Extracted>>, keep_reports: bool) -> Result<()> {
        for e in extracted {
            let (json, result, report, len, outcome) = e?;
            if let Some(w) = &mut self.writer {
                w.record(&json)?;
            }
            self.bytes += len as u64;
            self.resolver.add(&result);
            match outcome {
                Outcome::Kept => self.reuse.kept += 1,
                Outcome::Reextracted => self.reuse.reextracted += 1,
                Outcome::New => {}
            }
            if keep_reports {
                self.reports.push(report);
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Kept,
    Reextracted,
    New,
}

/// The parts of a record written by hand, byte for byte as serde_json writes the derived
/// `Serialize` of their types (the test of [`DocState::write_json`] compares the two).
mod json {
    use crate::error::Result;
    use crate::model::{EntityType, Form, Key, Mention, Relation, RelationKind, Span};

    /// An unsigned integer in decimal.
    pub(super) fn uint(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(crate::export::ascii::Integer::new(n).as_str().as_bytes());
    }

    fn string(out: &mut Vec<u8>, s: &str) -> Result<()> {
        crate::export::jsonld::write_str(out, s)?;
        Ok(())
    }

    fn option_string(out: &mut Vec<u8>, s: Option<&str>) -> Result<()> {
        match s {
            Some(s) => string(out, s),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }

    pub(super) fn span(out: &mut Vec<u8>, span: Span) {
        out.extend_from_slice(b"{\"start\":");
        uint(out, span.start);
        out.extend_from_slice(b",\"end\":");
        uint(out, span.end);
        out.push(b'}');
    }

    fn key(out: &mut Vec<u8>, key: &Key) -> Result<()> {
        match key {
            Key::Country(c) => {
                out.extend_from_slice(b"{\"Country\":");
                string(out, c)?;
            }
            Key::Group { origin, qualifiers, head } => {
                out.extend_from_slice(b"{\"Group\":{\"origin\":");
                string(out, origin)?;
                out.extend_from_slice(b",\"qualifiers\":");
                string(out, qualifiers)?;
                out.extend_from_slice(b",\"head\":");
                string(out, head)?;
                out.push(b'}');
            }
            Key::Name(n) => {
                out.extend_from_slice(b"{\"Name\":");
                string(out, n)?;
            }
        }
        out.push(b'}');
        Ok(())
    }

    fn form(form: Form) -> &'static [u8] {
        match form {
            Form::Name => b"\"Name\"",
            Form::Acronym => b"\"Acronym\"",
            Form::Partial => b"\"Partial\"",
            Form::Adjective => b"\"Adjective\"",
            Form::Metonym => b"\"Metonym\"",
            Form::Reference => b"\"Reference\"",
            Form::Place => b"\"Place\"",
        }
    }

    fn kind(kind: EntityType) -> &'static [u8] {
        match kind {
            EntityType::Person => b"\"Person\"",
            EntityType::Organization => b"\"Organization\"",
            EntityType::Country => b"\"Country\"",
            EntityType::Group => b"\"Group\"",
        }
    }

    pub(super) fn mention(out: &mut Vec<u8>, m: &Mention) -> Result<()> {
        out.extend_from_slice(b"{\"sentence\":");
        uint(out, m.sentence);
        out.extend_from_slice(b",\"tokens\":[");
        uint(out, m.tokens.0);
        out.push(b',');
        uint(out, m.tokens.1);
        out.extend_from_slice(b"],\"span\":");
        span(out, m.span);
        out.extend_from_slice(b",\"surface\":");
        string(out, &m.surface)?;
        out.extend_from_slice(b",\"kind\":");
        out.extend_from_slice(kind(m.kind));
        out.extend_from_slice(b",\"key\":");
        key(out, &m.key)?;
        out.extend_from_slice(b",\"form\":");
        out.extend_from_slice(form(m.form));
        out.extend_from_slice(b",\"same_as\":");
        match &m.same_as {
            Some(k) => key(out, k)?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"backers\":[");
        for (i, b) in m.backers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, b)?;
        }
        out.extend_from_slice(if m.host { b"],\"host\":true,\"label\":" } else { b"],\"host\":false,\"label\":" });
        option_string(out, m.label.as_deref())?;
        out.push(b'}');
        Ok(())
    }

    pub(super) fn relation(out: &mut Vec<u8>, r: &Relation) -> Result<()> {
        out.extend_from_slice(b"{\"source\":");
        uint(out, r.source);
        out.extend_from_slice(b",\"kind\":");
        match r.kind {
            RelationKind::Says => out.extend_from_slice(b"\"Says\""),
            RelationKind::Recruits => out.extend_from_slice(b"\"Recruits\""),
            RelationKind::FightsFor => out.extend_from_slice(b"\"FightsFor\""),
            RelationKind::AlliedWith => out.extend_from_slice(b"\"AlliedWith\""),
            RelationKind::Custom(_) => serde_json::to_writer(&mut *out, &r.kind)?,
        }
        out.extend_from_slice(b",\"target\":");
        uint(out, r.target);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, r.sentence);
        out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Form, Key};

    #[test]
    fn cleaning_notes_the_repeated_lines_own_repeated_finds() {
        // Lines of every shape the two ask about: blank, white space beyond ASCII, a vertical
        // tab, upper case beyond ASCII, inside a script, an end marker, long ones.
        let pieces = [
            "Share this",
            "  SHARE   this ",
            "share\u{b}this",
            "share \u{b} this",
            "",
            "   ",
            "\u{a0}",
            "\u{a0}Share this\u{3000}",
            "ÉDITION Spéciale",
            "édition spéciale",
            "<script>",
            "var x = 1;",
            "</script>",
            "Comments",
            "Related articles",
            "Russia recruits volunteers in Serbia for the war, officials said on Monday in Belgrade.",
            "word word word word word word word word word word word word word word word word word word word word",
            "word word word word word word word word word word word word word word word word word word word word x",
        ];
        let extractor = Extractor::new(None).expect("lexicons load");
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            x = crate::test_rng::next(x);
            x
        };
        for round in 0..300 {
            let lines: Vec<&str> =
                (0..1 + next() % 14).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let text = lines.join(if round % 3 == 0 { "\r\n" } else { "\n" });
            // Repeated: the keys of some pieces, as the corpus pass would hash them.
            let picked: Vec<&str> = pieces.iter().copied().filter(|_| next() % 2 == 0).collect();
            let repeated = RepeatedLines::from_short_hashes(
                picked
                    .iter()
                    .filter(|p| clean::words_up_to(p, clean::MAX_REPEATED_WORDS + 1) <= clean::MAX_REPEATED_WORDS)
                    .map(|p| clean::line_hash(p)),
            );
            let mut by_hand = RepeatedLines::new();
            for p in &picked {
                by_hand.insert(clean::line_key(p));
            }
            for repeated in [&repeated, &by_hand, &RepeatedLines::new()] {
                let doc = Document { id: "a.txt".into(), text: text.clone(), date: None };
                let mut own = vec!["stale".to_string()];
                let (noted, _) = extractor.extract_noting(&doc, repeated, false, Some(&mut own));
                assert_eq!(own, own_repeated(&text, repeated), "{text:?}");
                let (plain, _) = extractor.extract_with(&doc, repeated, false);
                assert_eq!(noted.sentences, plain.sentences, "{text:?}");
            }
        }
    }

    #[test]
    fn a_record_is_written_as_serde_json_writes_it() {
        let extractor = Extractor::new(None).expect("lexicons load");
        let text = "Moscow, 3 May.\n\nRussia recruits \"volunteers\" \\ in Serbia,\t officials said.\u{1}\r\nThe Wagner Group fights for Russia. é🚀\n";
        for date in [None, Some("2024-05-03".to_string())] {
            let doc = Document { id: "a\"b.txt".into(), text: text.into(), date: date.clone() };
            let (r, report) = extractor.extract_with(&doc, &RepeatedLines::new(), false);
            assert!(!r.mentions.is_empty() && !r.relations.is_empty());
            let mut mentions = r.mentions;
            let mut relations = r.relations;
            // Every shape of the parts written by hand: keys, options, lists, flags, and a
            // user's relation.
            let mut m = mentions[0].clone();
            m.key =
                Key::Group { origin: "Rus\"sia".into(), qualifiers: "local young".into(), head: "fighter\\".into() };
            m.same_as = Some(Key::Country("Pe\u{1}ru".into()));
            m.backers = vec!["Iran".into(), "é\t".into()];
            m.host = true;
            m.label = Some("Russian fighters".into());
            m.form = Form::Adjective;
            m.kind = crate::model::EntityType::Group;
            m.span = Span::new(12_345_678_901, 0);
            mentions.push(m);
            for (form, kind) in [
                (Form::Acronym, crate::model::EntityType::Organization),
                (Form::Partial, crate::model::EntityType::Person),
                (Form::Metonym, crate::model::EntityType::Country),
                (Form::Reference, crate::model::EntityType::Person),
                (Form::Place, crate::model::EntityType::Country),
            ] {
                let mut m = mentions[0].clone();
                m.form = form;
                m.kind = kind;
                m.same_as = Some(m.key.clone());
                mentions.push(m);
            }
            for kind in [
                crate::model::RelationKind::Says,
                crate::model::RelationKind::Recruits,
                crate::model::RelationKind::FightsFor,
                crate::model::RelationKind::AlliedWith,
                crate::model::RelationKind::from_name("funds-state-test"),
            ] {
                relations.push(Relation { source: 0, kind, target: 1, sentence: usize::MAX });
            }
            let state = DocState {
                id: doc.id,
                date,
                text: doc.text,
                repeated: vec!["x\u{7f}".into(), "y\n".into()],
                mentions,
                relations,
                sentences: r.sentences.iter().map(|(s, _)| *s).collect(),
                report,
            };
            let mut by_hand = Vec::new();
            state.write_json(&mut by_hand).expect("writes");
            assert_eq!(String::from_utf8(by_hand).expect("UTF-8"), serde_json::to_string(&state).expect("serializes"));
        }
    }
}
