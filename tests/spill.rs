//! Evidence sentences kept on disk ([`actorgraph::spill`]): a graph whose sentences are stored
//! in a file writes the same bytes in every format as one that holds them, whatever the cap.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the test failure we want")]

mod common;

use actorgraph::export::Format;
use actorgraph::model::{Document, Sentence};
use actorgraph::pipeline::Extractor;
use actorgraph::resolve::Resolver;
use actorgraph::spill::SentenceFile;
use actorgraph::stats::Summary;
use common::TempDir;

/// Documents where one sentence supports several edges, one edge has sentences from several
/// documents, and two sentences of a document read the same.
fn documents() -> Vec<Document> {
    let texts = [
        "The Kremlin is recruiting Syrian volunteers to fight in Ukraine, officials said. \
         The Kremlin is recruiting Syrian volunteers to fight in Ukraine, officials said.\n\n\
         Ana Ruiz, a researcher, said Chechen fighters joined the Wagner Group.",
        "Officials said the Kremlin was recruiting Syrian volunteers again.\n\n\
         The Wagner Group recruited Syrian volunteers, Ana Ruiz said.",
        "Belarus and Russia are allied, the minister said. Russia recruits Serbian volunteers.",
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document { id: format!("d{i}.txt"), text: (*t).to_string(), date: None })
        .collect()
}

fn bytes(graph: &actorgraph::graph::KnowledgeGraph) -> Vec<Vec<u8>> {
    Format::ALL.iter().flat_map(|f| f.outputs()).map(|o| o.write(graph, Vec::new()).expect("writes")).collect()
}

#[test]
fn stored_sentences_export_as_held_ones() {
    let extractor = Extractor::new(None).expect("lexicons");
    let results: Vec<_> = documents().iter().map(|d| extractor.extract(d, &Default::default())).collect();
    let dir = TempDir::new("spill");
    for cap in [0, 1, 2, 25] {
        let mut held = Resolver::with_max_evidence(cap);
        let file = SentenceFile::create_in(dir.path()).expect("sentence file");
        let mut stored = Resolver::with_max_evidence(cap).with_sentence_file(file);
        for r in &results {
            held.add(r);
            stored.add(r);
        }
        let (held, stored) = (held.finish(), stored.finish());
        assert!(held.edge_count() >= 4, "cap {cap}: {} edges", held.edge_count());
        assert!(stored.edges().all(|(_, _, e)| e.evidence.iter().all(|x| matches!(x.sentence, Sentence::Stored(_)))));
        assert!(held.edges().all(|(_, _, e)| e.evidence.iter().all(|x| matches!(x.sentence, Sentence::Text(_)))));
        assert_eq!(bytes(&held), bytes(&stored), "cap {cap}");
        assert_eq!(Summary::new(&held, None).expect("held"), Summary::new(&stored, None).expect("stored"));
    }
    if cfg!(unix) {
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert!(left.is_empty(), "the sentence files are removed once open: {left:?}");
    }
}

#[test]
fn a_build_that_spills_writes_the_same_files() {
    const BIN: &str = env!("CARGO_BIN_EXE_actorgraph");
    const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let dir = TempDir::new("spill-cli");
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let build = |name: &str, extra: &[&str]| {
        let mut args = vec!["build", EXAMPLES, "--quiet", "--format", "graphml,jsonld,gexf,nt,neo4j"];
        args.extend(extra);
        let target = out(name);
        args.extend(["--out", target.as_str()]);
        let o = std::process::Command::new(BIN).args(&args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    for (held, stored, cap) in [("held", "stored", "25"), ("held1", "stored1", "1")] {
        build(held, &["--max-evidence", cap]);
        build(stored, &["--max-evidence", cap, "--spill-above", "0"]);
        let mut names: Vec<_> = std::fs::read_dir(out(held)).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        let mut spilled: Vec<_> = std::fs::read_dir(out(stored)).unwrap().map(|e| e.unwrap().file_name()).collect();
        spilled.sort();
        assert_eq!(names, spilled, "the same files, and no temporary one left");
        for name in names {
            let a = std::fs::read(dir.path().join(held).join(&name)).unwrap();
            let b = std::fs::read(dir.path().join(stored).join(&name)).unwrap();
            assert!(a == b, "{name:?} differs with the sentences on disk (cap {cap})");
        }
    }
}
