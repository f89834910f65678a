//! User-defined relation types (`relations.tsv` in a `--schema` directory): found by their cue
//! words with the general agent–cue–target rule, written by every exporter, saved in the state
//! and read back from GraphML. The sentences and names are made up.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the test failure we want")]

mod common;

use actorgraph::export::Output;
use actorgraph::graph::KnowledgeGraph;
use actorgraph::model::{Document, RelationKind};
use actorgraph::pipeline::Extractor;
use common::TempDir;
use std::process::Command;

const RELATIONS: &str = "# test relations\n\
    supplies\tdirected\tsupplied|supplies|supplying|shipped weapons to\t#009e73\n\
    trades-with\tsymmetric\ttrades with|traded with\n";

fn schema(dir: &TempDir) -> std::path::PathBuf {
    dir.file("schema/relations.tsv", RELATIONS);
    dir.path().join("schema")
}

fn graph(text: &str) -> KnowledgeGraph {
    let dir = TempDir::new("relations-lib");
    let extractor = Extractor::new(Some(&schema(&dir))).unwrap();
    let doc = Document { id: "a.txt".into(), text: text.into(), date: None };
    extractor.build_documents(&[doc])
}

/// The graph's edges as (source label, relation, target label).
fn edges(g: &KnowledgeGraph) -> Vec<(String, String, String)> {
    g.edges().map(|(s, t, e)| (s.label.clone(), e.relation.to_string(), t.label.clone())).collect()
}

fn has(g: &KnowledgeGraph, s: &str, r: &str, t: &str) -> bool {
    edges(g).iter().any(|(a, b, c)| a.contains(s) && b == r && c.contains(t))
}

#[test]
fn active_cue_links_agent_to_target() {
    let g = graph("Norway supplied drones to Kurdish fighters last spring.");
    assert!(has(&g, "Norway", "supplies", "Kurdish fighters"), "{:?}", edges(&g));
}

#[test]
fn multiword_cue() {
    let g = graph("Last year Chile shipped weapons to the Basque separatists.");
    assert!(has(&g, "Chile", "supplies", "Basque separatists"), "{:?}", edges(&g));
}

#[test]
fn passive_swaps_source_and_target() {
    let g = graph("The Kurdish fighters were supplied by Norway.");
    assert!(has(&g, "Norway", "supplies", "Kurdish fighters"), "{:?}", edges(&g));
    assert!(!has(&g, "Kurdish fighters", "supplies", "Norway"));
}

#[test]
fn negated_and_hypothetical_cues_give_no_edge() {
    assert!(edges(&graph("Sweden has never supplied the Kurdish fighters.")).is_empty());
    assert!(edges(&graph("If Sweden supplied the Kurdish fighters, Turkey would object.")).is_empty());
}

#[test]
fn symmetric_relation_has_one_edge_whichever_way_it_is_said() {
    let g = graph("Peru traded with Chile in May. In June Chile traded with Peru again.");
    let e = edges(&g);
    assert_eq!(e.iter().filter(|(_, r, _)| r == "trades-with").count(), 1, "{e:?}");
}

#[test]
fn without_the_schema_the_cues_mean_nothing() {
    let extractor = Extractor::new(None).unwrap();
    let doc = Document { id: "a.txt".into(), text: "Norway supplied drones to Kurdish fighters.".into(), date: None };
    assert!(extractor.build_documents(&[doc]).edges().all(|(_, _, e)| e.relation.as_str() != "supplies"));
}

#[test]
fn every_format_names_the_relation() {
    let g = graph("Norway supplied drones to Kurdish fighters last spring.");
    let kind = g.edges().map(|(_, _, e)| e.relation).next().unwrap();
    assert!(matches!(kind, RelationKind::Custom(_)));
    let text = |f: Output| String::from_utf8(f.write(&g, Vec::new()).unwrap()).unwrap();
    assert!(text(Output::GraphMl).contains("<data key=\"relation\">supplies</data>"));
    let jsonld = text(Output::JsonLd);
    assert!(jsonld.contains("\"supplies\": {"), "the context defines the property");
    assert!(jsonld.contains("\"@id\": \"ag:supplies\""));
    assert!(jsonld.contains("\"predicate\": \"ag:supplies\""));
    assert!(text(Output::NTriples).contains("<https://actorgraph.dev/ns#supplies>"));
    assert!(text(Output::Gexf).contains("kind=\"supplies\""));
    assert!(text(Output::Neo4jRelationships).contains("SUPPLIES"));
    assert!(text(Output::Neo4jLoad).contains("MERGE (s)-[r:SUPPLIES]->(t)"));
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
}

#[test]
fn cli_saves_the_relation_and_reads_it_back() {
    let dir = TempDir::new("relations-cli");
    let schema = schema(&dir);
    let a = dir.file("in/a.txt", "Arms flow\n\nNorway supplied drones to Kurdish fighters last spring.\n");
    let b = dir.file("new/b.txt", "More arms\n\nFinland supplied rifles to the Kurdish fighters.\n");
    let out = dir.path().join("out");
    let run = |args: &[&str]| {
        let o = bin().args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let (s, o) = (schema.to_str().unwrap(), out.to_str().unwrap());
    run(&["build", a.to_str().unwrap(), "--out", o, "--schema", s, "--quiet"]);
    run(&["build", b.to_str().unwrap(), "--into", o, "--schema", s, "--quiet"]);
    let full = dir.path().join("full");
    run(&[
        "build",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        full.to_str().unwrap(),
        "--schema",
        s,
        "--quiet",
    ]);
    for f in ["graph.graphml", "graph.jsonld"] {
        assert_eq!(std::fs::read(out.join(f)).unwrap(), std::fs::read(full.join(f)).unwrap(), "{f}");
    }
    let stats = run(&["stats", out.join("graph.graphml").to_str().unwrap()]);
    assert!(stats.contains("supplies 2"), "{stats}");
    let svg = dir.path().join("g.svg");
    run(&["render", out.join("graph.graphml").to_str().unwrap(), "-o", svg.to_str().unwrap()]);
    assert!(std::fs::read_to_string(svg).unwrap().contains("#009e73"), "the picture uses the relation's colour");
}

#[test]
fn bad_relation_lines_name_file_and_line() {
    for (line, expect) in [
        ("supplies\tsideways\tsupplied", "directed|symmetric"),
        ("Supplies\tdirected\tsupplied", "lower-case"),
        ("recruits\tdirected\thired", "built-in"),
        ("name\tdirected\tcalled", "JSON-LD term"),
        ("supplies\tdirected\t", "cue phrase"),
        ("supplies\tdirected\tsupplied\tgreen", "#rrggbb"),
    ] {
        let dir = TempDir::new("relations-bad");
        dir.file("schema/relations.tsv", format!("# mine\n{line}\n"));
        let article = dir.file("a.txt", common::ARTICLE);
        let o = bin()
            .args(["build", article.to_str().unwrap(), "--out"])
            .arg(dir.path().join("out"))
            .arg("--schema")
            .arg(dir.path().join("schema"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{line}: {err}");
        assert!(err.contains("relations.tsv:2") && err.contains(expect), "{line}: {err}");
    }
}
