//! Per-stage and end-to-end benchmarks on the example articles (divan).
//!
//! `cargo bench` runs them; CI only checks that they compile. For corpus-scale timing see
//! `bench/compare.sh` and `docs/performance.md`.

#![allow(clippy::unwrap_used, reason = "benchmarks on fixed example data, like tests")]

use actorgraph::clean::{self, Boilerplate, RepeatedLines};
use actorgraph::export::Format;
use actorgraph::ingest;
use actorgraph::model::Document;
use actorgraph::pipeline::Extractor;
use actorgraph::recognise::{self, Words};
use actorgraph::resolve::{self, DocResult};
use actorgraph::{lexicon::Lexicon, relate, segment};
use divan::{black_box, counter::BytesCount, Bencher};

fn main() {
    divan::main();
}

fn docs() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let (sources, _) = ingest::collect(&[dir]);
    sources.iter().filter_map(|s| ingest::load(s, &ingest::Options::default()).ok()).map(|l| l.document).collect()
}

fn bytes(docs: &[Document]) -> BytesCount {
    BytesCount::new(docs.iter().map(|d| d.text.len()).sum::<usize>())
}

#[divan::bench]
fn clean(b: Bencher) {
    let docs = docs();
    let junk = Boilerplate::parse(clean::BUILTIN);
    let rep = RepeatedLines::new();
    b.counter(bytes(&docs)).bench(|| docs.iter().map(|d| clean::clean(&d.text, &junk, &rep).len()).sum::<usize>());
}

#[divan::bench]
fn segment(b: Bencher) {
    let docs = docs();
    let junk = Boilerplate::parse(clean::BUILTIN);
    let blocks: Vec<_> = docs.iter().map(|d| clean::clean(&d.text, &junk, &RepeatedLines::new())).collect();
    b.counter(bytes(&docs))
        .bench(|| docs.iter().zip(&blocks).map(|(d, bl)| segment::segment(&d.text, bl).len()).sum::<usize>());
}

#[divan::bench]
fn recognise(b: Bencher) {
    let docs = docs();
    let lex = Lexicon::builtin().unwrap();
    let junk = Boilerplate::parse(clean::BUILTIN);
    let sents: Vec<_> =
        docs.iter().map(|d| segment::segment(&d.text, &clean::clean(&d.text, &junk, &RepeatedLines::new()))).collect();
    b.counter(bytes(&docs))
        .bench(|| docs.iter().zip(&sents).map(|(d, s)| recognise::recognise(&lex, &d.text, s).len()).sum::<usize>());
}

#[divan::bench]
fn relate(b: Bencher) {
    let docs = docs();
    let lex = Lexicon::builtin().unwrap();
    let junk = Boilerplate::parse(clean::BUILTIN);
    let prepared: Vec<_> = docs
        .iter()
        .map(|d| {
            let s = segment::segment(&d.text, &clean::clean(&d.text, &junk, &RepeatedLines::new()));
            let m = recognise::recognise(&lex, &d.text, &s);
            (s, m)
        })
        .collect();
    b.counter(bytes(&docs)).bench(|| {
        let mut n = 0;
        for (d, (s, m)) in docs.iter().zip(&prepared) {
            let words: Vec<Words<'_>> = s.iter().enumerate().map(|(i, x)| Words::new(&d.text, i, x)).collect();
            n += relate::relate(&lex, &d.text, &words, m).len();
        }
        n
    });
}

fn results() -> Vec<DocResult> {
    let extractor = Extractor::new(None).unwrap();
    docs().iter().map(|d| extractor.extract(d, &RepeatedLines::new())).collect()
}

#[divan::bench]
fn resolve(b: Bencher) {
    let results = results();
    b.bench(|| resolve::resolve(black_box(&results)).node_count());
}

#[divan::bench(args = [Format::GraphMl, Format::JsonLd])]
fn export(b: Bencher, format: Format) {
    let graph = resolve::resolve(&results());
    b.bench(|| {
        let mut out = Vec::new();
        format.write(&graph, &mut out).unwrap();
        out.len()
    });
}

#[divan::bench]
fn end_to_end(b: Bencher) {
    let docs = docs();
    let extractor = Extractor::new(None).unwrap();
    b.counter(bytes(&docs)).bench(|| {
        let graph = extractor.build_documents(black_box(&docs));
        let mut out = Vec::new();
        Format::GraphMl.write(&graph, &mut out).unwrap();
        Format::JsonLd.write(&graph, &mut out).unwrap();
        out.len()
    });
}
