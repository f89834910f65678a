//! The stages wired in order: ingest → clean → segment → recognise → relate → resolve → graph.

use crate::clean::{self, Boilerplate, RepeatedLines};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::ingest;
use crate::lexicon::Lexicon;
use crate::model::Document;
use crate::recognise::{self, Words};
use crate::relate;
use crate::resolve::{self, DocResult};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything extraction needs, loaded once.
#[derive(Debug)]
pub struct Extractor {
    lexicon: Lexicon,
    boilerplate: Boilerplate,
}

/// The result of a build.
#[derive(Debug, Default)]
pub struct Build {
    /// The graph.
    pub graph: KnowledgeGraph,
    /// Documents read.
    pub documents: usize,
    /// Inputs skipped, each with its reason.
    pub skipped: Vec<Error>,
    /// What each document gave, in document order.
    pub reports: Vec<DocReport>,
    /// Number of distinct short lines dropped because two or more documents repeat them.
    pub repeated_lines: usize,
    /// Notes on documents read with a guess (an encoding), one line each, naming the file.
    pub notes: Vec<String>,
}

/// What one document gave: lines kept and dropped, mentions and relations found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocReport {
    /// Document id.
    pub id: String,
    /// Non-blank lines in the text.
    pub lines: usize,
    /// Lines kept as article (the rest was boilerplate).
    pub kept: usize,
    /// Mentions of actors.
    pub mentions: usize,
    /// Relations between them.
    pub relations: usize,
}

impl Extractor {
    /// The compiled-in schema, with files in `schema_dir` taking the place of their namesakes.
    ///
    /// # Errors
    /// A malformed or unreadable schema file.
    pub fn new(schema_dir: Option<&Path>) -> Result<Self> {
        let lexicon = Lexicon::load(schema_dir)?;
        // A user's list extends the built-in one, unless it starts with `#! replace`.
        let junk = match schema_dir.map(|d| d.join("boilerplate.tsv")) {
            Some(p) if p.exists() => {
                let user = std::fs::read_to_string(&p).map_err(|source| Error::Read { path: p, source })?;
                if crate::lexicon::replaces(&user) {
                    user
                } else {
                    format!("{}\n{user}", clean::BUILTIN)
                }
            }
            _ => clean::BUILTIN.to_string(),
        };
        Ok(Extractor { lexicon, boilerplate: Boilerplate::parse(&junk) })
    }

    /// The lexicons in use.
    #[must_use]
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts mentions and relations from one document.
    #[must_use]
    pub fn extract(&self, doc: &Document, repeated: &RepeatedLines) -> DocResult {
        self.extract_counted(doc, repeated).0
    }

    /// Extracts mentions and relations from one document, with counts of what it gave.
    #[must_use]
    pub fn extract_counted(&self, doc: &Document, repeated: &RepeatedLines) -> (DocResult, DocReport) {
        let blocks = clean::clean(&doc.text, &self.boilerplate, repeated);
        let sentences = crate::segment::segment(&doc.text, &blocks);
        let mentions = recognise::recognise(&self.lexicon, &doc.text, &sentences);
        let words: Vec<Words<'_>> = sentences.iter().enumerate().map(|(i, s)| Words::new(&doc.text, i, s)).collect();
        let relations = relate::relate(&self.lexicon, &doc.text, &words, &mentions);
        let report = DocReport {
            id: doc.id.clone(),
            lines: doc.text.lines().filter(|l| !l.trim().is_empty()).count(),
            kept: blocks.len(),
            mentions: mentions.len(),
            relations: relations.len(),
        };
        let result = DocResult {
            doc: doc.id.clone(),
            date: doc.date.clone(),
            mentions,
            relations,
            sentences: sentences
                .iter()
                .map(|s| (s.span, doc.text[s.span.start..s.span.end].split_whitespace().collect::<Vec<_>>().join(" ")))
                .collect(),
        };
        (result, report)
    }

    /// Builds the graph of a set of documents.
    #[must_use]
    pub fn build_documents(&self, docs: &[Document]) -> KnowledgeGraph {
        self.build_counted(docs).0
    }

    /// Builds the graph of a set of documents, with what each gave and how many repeated lines
    /// were dropped.
    #[must_use]
    pub fn build_counted(&self, docs: &[Document]) -> (KnowledgeGraph, Vec<DocReport>, usize) {
        let repeated = repeated_lines(docs);
        let (results, reports): (Vec<DocResult>, Vec<DocReport>) =
            docs.par_iter().map(|d| self.extract_counted(d, &repeated)).unzip();
        (resolve::resolve(&results), reports, repeated.len())
    }

    /// Reads the inputs (files, directories, `-`): the documents, and the inputs that could not
    /// be read with their reasons.
    #[must_use]
    pub fn read(inputs: &[PathBuf]) -> (Vec<Document>, Vec<Error>) {
        let (docs, skipped, _) = Self::read_with(inputs, &ingest::Options::default());
        (docs, skipped)
    }

    /// [`Extractor::read`] with reading options; also returns the notes on documents read with a
    /// guess (an encoding), one line each.
    #[must_use]
    pub fn read_with(inputs: &[PathBuf], options: &ingest::Options) -> (Vec<Document>, Vec<Error>, Vec<String>) {
        let (sources, mut skipped) = ingest::collect(inputs);
        let read: Vec<Result<ingest::Loaded>> = sources.par_iter().map(|s| ingest::load(s, options)).collect();
        let mut docs: Vec<Document> = Vec::new();
        let mut notes = Vec::new();
        for r in read {
            match r {
                Ok(loaded) => {
                    notes.extend(loaded.note);
                    docs.push(loaded.document);
                }
                Err(e) => skipped.push(e),
            }
        }
        (docs, skipped, notes)
    }

    /// Reads the inputs (files, directories, `-`) and builds their graph.
    /// Inputs that cannot be read are skipped and reported in [`Build::skipped`].
    #[must_use]
    pub fn build(&self, inputs: &[PathBuf]) -> Build {
        self.build_with(inputs, &ingest::Options::default())
    }

    /// [`Extractor::build`] with reading options (the document size limit).
    #[must_use]
    pub fn build_with(&self, inputs: &[PathBuf], options: &ingest::Options) -> Build {
        let (docs, skipped, notes) = Self::read_with(inputs, options);
        let (graph, reports, repeated_lines) = self.build_counted(&docs);
        Build { graph, documents: docs.len(), skipped, reports, repeated_lines, notes }
    }
}

/// Short lines that appear in two or more documents of a corpus of three or more:
/// site furniture (share bars, mastheads, footers) rather than article.
#[must_use]
pub fn repeated_lines(docs: &[Document]) -> RepeatedLines {
    let mut counts: HashMap<String, usize> = HashMap::new();
    if docs.len() < 3 {
        return RepeatedLines::new();
    }
    for d in docs {
        let mut seen = std::collections::HashSet::new();
        for line in d.text.lines() {
            let words = line.split_whitespace().count();
            if (1..=20).contains(&words) {
                let k = clean::line_key(line);
                if seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
    }
    counts.into_iter().filter(|(_, n)| *n >= 2).map(|(k, _)| k).collect()
}

impl Extractor {
    /// A readable account of what extraction found in one document: each kept
    /// sentence with its mentions (type, form, identity) and relations.
    #[must_use]
    pub fn explain(&self, doc: &Document) -> String {
        use std::fmt::Write as _;
        let r = self.extract(doc, &RepeatedLines::new());
        let mut out = String::new();
        for (i, (_, text)) in r.sentences.iter().enumerate() {
            let _ = writeln!(out, "[{i}] {text}");
            for m in r.mentions.iter().filter(|m| m.sentence == i) {
                let _ = writeln!(
                    out,
                    "    {:<12} {:<9} {:?}  «{}»",
                    m.kind.as_str(),
                    format!("{:?}", m.form),
                    m.key,
                    m.surface
                );
            }
            for rel in r.relations.iter().filter(|x| x.sentence == i) {
                let s = &r.mentions[rel.source];
                let t = &r.mentions[rel.target];
                let _ = writeln!(out, "    => {} -{}-> {}", s.surface, rel.kind, t.surface);
            }
        }
        out
    }
}
