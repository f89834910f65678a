//! The stages wired in order: ingest → clean → segment → recognise → relate → resolve → graph.

use crate::clean::{self, Boilerplate, RepeatedLines};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::ingest::{self, Source};
use crate::lexicon::Lexicon;
use crate::model::Document;
use crate::recognise::{self, Words};
use crate::relate;
use crate::resolve::{DocResult, Resolver};
use rayon::prelude::*;
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
        self.extract_with(doc, repeated, true)
    }

    /// [`Extractor::extract_counted`], with the text of only the sentences that support a
    /// relation when `all_sentences` is false (all that resolution reads).
    pub(crate) fn extract_with(
        &self,
        doc: &Document,
        repeated: &RepeatedLines,
        all_sentences: bool,
    ) -> (DocResult, DocReport) {
        self.extract_noting(doc, repeated, all_sentences, None)
    }

    /// [`Extractor::extract_with`], also putting in `own` (when given) the keys of the
    /// document's lines that are in `repeated` (see [`clean::clean_noting`]).
    pub(crate) fn extract_noting(
        &self,
        doc: &Document,
        repeated: &RepeatedLines,
        all_sentences: bool,
        own: Option<&mut Vec<String>>,
    ) -> (DocResult, DocReport) {
        let blocks = clean::clean_noting(&doc.text, &self.boilerplate, repeated, own);
        let sentences = crate::segment::segment(&doc.text, &blocks);
        // One `Words` per sentence, for both recognition and relations.
        let words: Vec<Words<'_>> = sentences.iter().enumerate().map(|(i, s)| Words::new(&doc.text, i, s)).collect();
        let mentions = recognise::recognise_words(&self.lexicon, &doc.text, &words);
        let relations = relate::relate(&self.lexicon, &doc.text, &words, &mentions);
        let report = DocReport {
            id: doc.id.clone(),
            lines: doc.text.lines().filter(|l| !l.trim().is_empty()).count(),
            kept: blocks.len(),
            mentions: mentions.len(),
            relations: relations.len(),
        };
        let mut wanted = vec![all_sentences; sentences.len()];
        for r in &relations {
            if let Some(w) = wanted.get_mut(r.sentence) {
                *w = true;
            }
        }
        let result = DocResult {
            doc: doc.id.clone(),
            date: doc.date.clone(),
            mentions,
            relations,
            sentences: sentences
                .iter()
                .zip(wanted)
                .map(|(s, w)| {
                    let text = if w { sentence_text(&doc.text[s.span.start..s.span.end]) } else { String::new() };
                    (s.span, text)
                })
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
        let mut resolver = Resolver::new();
        let mut reports = Vec::with_capacity(docs.len());
        for chunk in docs.chunks(CHUNK) {
            let results: Vec<(DocResult, DocReport)> =
                chunk.par_iter().map(|d| self.extract_with(d, &repeated, false)).collect();
            for (r, report) in results {
                resolver.add(&r);
                reports.push(report);
            }
        }
        (resolver.finish(), reports, repeated.len())
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
        self.build_with_progress(inputs, options, |_| {})
    }

    /// [`Extractor::build`], calling `progress` after each batch of documents.
    ///
    /// The corpus is streamed twice, never held whole: a first pass keeps only the hashes of
    /// short lines (to find those that repeat across documents), a second extracts batches of
    /// documents in parallel and hands their results, in input order, to the [`Resolver`].
    /// The graph is the same whatever the number of threads.
    pub fn build_with_progress(
        &self,
        inputs: &[PathBuf],
        options: &ingest::Options,
        mut progress: impl FnMut(Progress),
    ) -> Build {
        let (sources, mut skipped) = ingest::collect(inputs);
        // Standard input can be read only once; it is one document, so it is kept.
        let stdin =
            std::sync::Mutex::new(sources.iter().find(|i| i.source == Source::Stdin).map(|i| ingest::load(i, options)));
        let stdin_doc = |keep: bool| -> Result<ingest::Loaded> {
            let mut guard = stdin.lock().map_err(|_| Error::Io(std::io::Error::other("stdin lock poisoned")))?;
            match guard.take() {
                Some(Ok(d)) => {
                    if keep {
                        *guard = Some(Ok(ingest::Loaded { document: d.document.clone(), note: d.note.clone() }));
                    }
                    Ok(d)
                }
                Some(Err(e)) => Err(e),
                None => Err(Error::Io(std::io::Error::other("standard input already read"))),
            }
        };
        let read = |i: &ingest::Input, keep: bool| match i.source {
            Source::Stdin => stdin_doc(keep),
            Source::File(_) => ingest::load(i, options),
        };
        let total = sources.len();
        let mut repeated = RepeatedLines::new();
        if total >= MIN_REPEAT_DOCS {
            let mut hashes = LineCounter::default();
            let (mut ok, mut done, mut bytes) = (0, 0, 0u64);
            for chunk in sources.chunks(CHUNK) {
                let found: Vec<Option<(Vec<u64>, usize)>> = chunk
                    .par_iter()
                    .map(|s| read(s, true).ok().map(|l| (short_line_hashes(&l.document.text), l.document.text.len())))
                    .collect();
                for (h, len) in found.into_iter().flatten() {
                    ok += 1;
                    bytes += len as u64;
                    hashes.add(&h);
                }
                done += chunk.len();
                progress(Progress { pass: Pass::Scan, documents: done, total, bytes });
            }
            if ok >= MIN_REPEAT_DOCS {
                repeated = hashes.repeated();
            }
        }
        let mut resolver = Resolver::new();
        let (mut reports, mut notes) = (Vec::new(), Vec::new());
        let (mut documents, mut done, mut bytes) = (0, 0, 0u64);
        for chunk in sources.chunks(CHUNK) {
            let results: Vec<Result<Extracted>> = chunk
                .par_iter()
                .map(|s| {
                    read(s, false).map(|l| {
                        let (r, report) = self.extract_with(&l.document, &repeated, false);
                        (r, report, l.note, l.document.text.len())
                    })
                })
                .collect();
            for r in results {
                match r {
                    Ok((r, report, note, len)) => {
                        resolver.add(&r);
                        reports.push(report);
                        notes.extend(note);
                        documents += 1;
                        bytes += len as u64;
                    }
                    Err(e) => skipped.push(e),
                }
            }
            done += chunk.len();
            progress(Progress { pass: Pass::Extract, documents: done, total, bytes });
        }
        let repeated_lines = repeated.len();
        Build { graph: resolver.finish(), documents, skipped, reports, repeated_lines, notes }
    }
}

/// One document's result and report, its reading note and its size in bytes.
type Extracted = (DocResult, DocReport, Option<String>, usize);

/// Documents extracted in parallel at a time: enough to keep every thread busy, few enough
/// that memory does not grow with the corpus.
pub(crate) const CHUNK: usize = 256;

/// Lines repeat across a corpus only from this many documents on.
pub(crate) const MIN_REPEAT_DOCS: usize = 3;

/// Where a build is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The pass running.
    pub pass: Pass,
    /// Inputs done in this pass.
    pub documents: usize,
    /// Inputs in all.
    pub total: usize,
    /// Bytes of text read in this pass.
    pub bytes: u64,
}

/// The passes of a build over the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The first pass: hashes of short lines, for the cross-document boilerplate filter.
    Scan,
    /// The second pass: extraction and resolution.
    Extract,
}

/// A sentence's text with its runs of white space made single spaces.
pub(crate) fn sentence_text(s: &str) -> String {
    // Most sentences have no other white space than single spaces between words: their text
    // is themselves, copied at once.
    if single_spaced(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether the only white space of `s` is single spaces between other characters, with vectorised
/// byte searches rather than a test of every character.
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') || memchr::memmem::find(b, b"  ").is_some() {
        return false;
    }
    // The other ASCII white space (`char::is_whitespace`): tab, line feed, vertical tab, form
    // feed, carriage return.
    if memchr::memchr3(b'\t', b'\n', b'\x0b', b).is_some() || memchr::memchr2(b'\x0c', b'\r', b).is_some() {
        return false;
    }
    // White space beyond ASCII (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000) starts with
    // one of these bytes; a look at the character there tells.
    let is_space_at = |i: usize| s.get(i..).and_then(|t| t.chars().next()).is_some_and(char::is_whitespace);
    !(memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(is_space_at) || memchr::memchr_iter(0xE3, b).any(is_space_at))
}

/// The hashes of a document's short lines (1 to 20 words), each once.
pub(crate) fn short_line_hashes(text: &str) -> Vec<u64> {
    let mut v: Vec<u64> = text
        .lines()
        .filter(|line| {
            (1..=clean::MAX_REPEATED_WORDS).contains(&clean::words_up_to(line, clean::MAX_REPEATED_WORDS + 1))
        })
        .map(clean::line_hash)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Counts the [`short_line_hashes`] of a corpus, a document at a time, to find those of two
/// or more documents.
///
/// New hashes wait in a buffer that is merged, once it holds a quarter as many as there are
/// distinct hashes (and at least 64k), into two sorted lists: hashes seen in one document
/// and hashes seen in more. A line the corpus repeats costs 8 bytes once, not once per
/// document; a line seen once, 8 bytes. The result is the same as sorting every document's
/// hashes together and taking those that occur twice.
#[derive(Debug, Default)]
pub(crate) struct LineCounter {
    once: Vec<u64>,
    many: Vec<u64>,
    buffer: Vec<u64>,
}

impl LineCounter {
    /// Takes in one document's hashes (each once, as [`short_line_hashes`] gives them).
    pub(crate) fn add(&mut self, hashes: &[u64]) {
        self.buffer.extend_from_slice(hashes);
        if self.buffer.len() >= (self.once.len() / 4).max(1 << 16) {
            self.merge();
        }
    }

    fn merge(&mut self) {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.sort_unstable();
        // Distinct new hashes: to `once` if seen in one document so far, else to `many`.
        let (mut add_once, mut add_many, mut leave_once) = (Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < buffer.len() {
            let h = buffer[i];
            let mut j = i + 1;
            while j < buffer.len() && buffer[j] == h {
                j += 1;
            }
            if self.many.binary_search(&h).is_err() {
                let in_once = self.once.binary_search(&h).is_ok();
                if in_once {
                    leave_once.push(h);
                }
                if in_once || j - i >= 2 {
                    add_many.push(h);
                } else {
                    add_once.push(h);
                }
            }
            i = j;
        }
        drop(buffer);
        if !leave_once.is_empty() {
            let mut k = 0;
            self.once.retain(|h| {
                while k < leave_once.len() && leave_once[k] < *h {
                    k += 1;
                }
                leave_once.get(k) != Some(h)
            });
        }
        merge_sorted(&mut self.once, &add_once);
        merge_sorted(&mut self.many, &add_many);
    }

    /// The hashes seen in two or more documents.
    pub(crate) fn repeated(self) -> RepeatedLines {
        RepeatedLines::from_short_hashes(self.repeated_hashes())
    }

    /// The hashes seen in two or more documents, sorted.
    fn repeated_hashes(mut self) -> Vec<u64> {
        self.merge();
        self.many
    }
}

/// Merges the sorted `add` (no value of which is in `into`) into the sorted `into`, in place.
fn merge_sorted(into: &mut Vec<u64>, add: &[u64]) {
    if add.is_empty() {
        return;
    }
    let old = into.len();
    into.reserve_exact(add.len());
    into.resize(old + add.len(), 0);
    let (mut a, mut b, mut w) = (old, add.len(), old + add.len());
    while b > 0 {
        if a > 0 && into[a - 1] > add[b - 1] {
            into[w - 1] = into[a - 1];
            a -= 1;
        } else {
            into[w - 1] = add[b - 1];
            b -= 1;
        }
        w -= 1;
    }
}

/// Short lines that appear in two or more documents of a corpus of three or more:
/// site furniture (share bars, mastheads, footers) rather than article.
#[must_use]
pub fn repeated_lines(docs: &[Document]) -> RepeatedLines {
    if docs.len() < MIN_REPEAT_DOCS {
        return RepeatedLines::new();
    }
    let mut counter = LineCounter::default();
    for d in docs {
        counter.add(&short_line_hashes(&d.text));
    }
    counter.repeated()
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

#[cfg(test)]
mod tests {
    use super::LineCounter;

    #[test]
    fn white_space_beyond_ascii_starts_with_the_bytes_single_spaced_looks_at() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace() && !c.is_ascii()) {
            let mut b = [0; 4];
            assert!(matches!(c.encode_utf8(&mut b).as_bytes()[0], 0xC2 | 0xE1 | 0xE2 | 0xE3), "{c:?}");
        }
    }

    #[test]
    fn sentence_text_is_the_words_joined_by_spaces() {
        let by_words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let alphabet = [
            "a", "Z", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "é", "“", "”", "—",
            "\u{2009}", "\u{205f}", "\u{3000}", "日", "\u{1680}", "ᚁ",
        ];
        // White space rarer than letters, so that both paths come up.
        let piece = |x: u64| alphabet.get((x % 60) as usize).copied().unwrap_or("w");
        for s in crate::test_rng::strings(0x2545_f491_4f6c_dd1d, 5000, 17, piece) {
            assert_eq!(super::sentence_text(&s), by_words(&s), "{s:?}");
        }
    }

    #[test]
    fn line_counter_finds_the_hashes_of_two_or_more_documents() {
        // Documents of distinct hashes, drawn so that some recur across documents, enough to
        // merge the buffer many times; against sorting them all and taking the repeats.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            x = crate::test_rng::next(x);
            x
        };
        let mut counter = LineCounter::default();
        let mut all = Vec::new();
        for _ in 0..40_000 {
            let mut doc: Vec<u64> = (0..1 + next() % 12).map(|_| next() % 300_000).collect();
            doc.sort_unstable();
            doc.dedup();
            counter.add(&doc);
            all.extend(doc);
        }
        all.sort_unstable();
        let mut expected: Vec<u64> = all.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
        expected.dedup();
        assert!(expected.len() > 1000);
        assert_eq!(counter.repeated_hashes(), expected);
    }
}
