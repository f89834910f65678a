//! The whole pipeline on arbitrary bytes: decode, extract, resolve, write every format, and
//! read the outputs back. The first byte picks how the rest is split into documents.
#![no_main]

use actorgraph::model::Document;
use actorgraph::pipeline::Extractor;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

mod check;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(None).expect("the built-in schema loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    // Up to four documents, split at the byte `split` (so corpora of several files are tried).
    let parts: Vec<&[u8]> = rest.split(|b| *b == split).take(4).collect();
    let mut docs = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if let Ok((text, _)) = actorgraph::ingest::decode(Path::new("f.txt"), part.to_vec()) {
            docs.push(Document { id: format!("doc{i}.txt"), text, date: None });
        }
    }
    let graph = extractor().build_documents(&docs);
    check::check_graph(&graph, true);
});
