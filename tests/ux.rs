//! Working with the graph from the command line: `render`, `stats`, `build --into`, `--schema`
//! files that extend the built-ins, `completions`.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the test failure we want")]

use quick_xml::events::Event;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_actorgraph");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
const EXAMPLE_SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/schema");

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn ok<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let o = run(args);
    assert!(o.status.success(), "{:?}: {}", o.status, String::from_utf8_lossy(&o.stderr));
    o
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Builds the examples into `dir/out` and returns the GraphML path.
fn build_examples(dir: &TempDir) -> PathBuf {
    let out = dir.path().join("out");
    ok(&["build", EXAMPLES, "--out", p(&out), "--quiet"]);
    out.join("graph.graphml")
}

/// Every element name in an XML document, failing on malformed XML.
fn elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned())
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

#[test]
fn render_writes_well_formed_deterministic_svg() {
    let dir = TempDir::new("render");
    let graph = build_examples(&dir);
    let a = dir.path().join("a.svg");
    let b = dir.path().join("b.svg");
    ok(&["render", p(&graph), "-o", p(&a)]);
    ok(&["render", p(&graph), "-o", p(&b), "--quiet"]);
    let svg = std::fs::read_to_string(&a).unwrap();
    assert_eq!(svg, std::fs::read_to_string(&b).unwrap(), "the same graph gives the same picture");
    let names = elements(&svg);
    assert_eq!(names[0], "svg");
    let stats: serde_json::Value = serde_json::from_str(&text(&ok(&["stats", p(&graph), "--json"]))).unwrap();
    let nodes = stats["nodes"].as_u64().unwrap() as usize;
    // One circle per node, and one per actor type in the legend.
    assert_eq!(names.iter().filter(|n| *n == "circle").count(), nodes + 4);
    for legend in ["Person (", "Organization (", "Country (", "Group (", "recruits (", "allied-with, both ways ("] {
        assert!(svg.contains(legend), "legend lacks {legend}");
    }
    assert!(svg.contains("marker-end=\"url(#arrow-recruits)\""), "directed relations have arrowheads");
    assert!(names.iter().filter(|n| *n == "text").count() > 10, "labels");
}

#[cfg(feature = "png")]
#[test]
fn render_png_writes_a_deterministic_png_beside_the_svg() {
    let dir = TempDir::new("render-png");
    let graph = build_examples(&dir);
    let svg = dir.path().join("pic.svg");
    let out = text(&ok(&["render", p(&graph), "-o", p(&svg), "--png", "--width", "800", "--height", "600"]));
    assert!(out.contains("pic.png: 800x600 pixels"), "{out}");
    let first = std::fs::read(svg.with_extension("png")).unwrap();
    assert!(first.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    ok(&["render", p(&graph), "-o", p(&svg), "--png", "--width", "800", "--height", "600", "--quiet"]);
    assert_eq!(first, std::fs::read(svg.with_extension("png")).unwrap(), "the same graph gives the same PNG");
    let o = run(&["render", p(&graph), "-o", "-", "--png"]);
    assert_eq!(o.status.code(), Some(2), "--png needs a file: {}", err(&o));
}

#[test]
fn render_defaults_to_the_graph_path_with_svg_and_refuses_a_directory() {
    let dir = TempDir::new("render-default");
    let graph = build_examples(&dir);
    ok(&["render", p(&graph)]);
    assert!(graph.with_extension("svg").exists());
    let o = run(&["render", p(graph.parent().unwrap())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("graph.graphml"), "says which file to give: {}", err(&o));
    let junk = dir.file("junk.graphml", "<graphml><graph><node id=\"a\"><data key=\"type\">Alien</data></node>");
    let o = run(&["render", p(&junk)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("junk.graphml"), "{}", err(&o));
}

#[test]
fn stats_text_and_json_agree() {
    let dir = TempDir::new("stats");
    let graph = build_examples(&dir);
    let human = text(&ok(&["stats", p(&graph)]));
    let json: serde_json::Value = serde_json::from_str(&text(&ok(&["stats", p(&graph), "--json"]))).unwrap();
    assert!(human.starts_with(&format!("{} actors: ", json["nodes"])), "{human}");
    assert!(human.contains("Most connected actors:") && human.contains("Strongest relations:"), "{human}");
    let top = &json["top_actors"][0];
    assert!(human.contains(top["label"].as_str().unwrap()));
    let strongest = &json["strongest_edges"][0];
    assert!(!strongest["evidence"].as_str().unwrap().is_empty(), "one sentence each");
    // The state beside the graph gives the corpus record.
    assert_eq!(json["corpus"]["documents"], 7);
    assert!(json["corpus"]["boilerplate_lines"].as_u64().is_some());
    assert!(json["corpus"]["empty_documents"].is_array());
    assert!(human.contains("boilerplate removed"), "{human}");
}

#[test]
fn build_stats_json_is_one_object() {
    let dir = TempDir::new("build-json");
    let out = dir.path().join("out");
    let o = ok(&["build", EXAMPLES, "--out", p(&out), "--stats", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(v["documents"], 7);
    assert_eq!(v["stats"]["nodes"], v["nodes"]);
    assert_eq!(v["outputs"].as_array().unwrap().len(), 3);
}

/// Short articles; the line "Russia is recruiting Syrian fighters, officials said." stands in
/// two of them, so it is boilerplate in a corpus of three or more and article text in two.
fn corpus(dir: &TempDir) -> (PathBuf, PathBuf, PathBuf) {
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let c = dir.path().join("c");
    let shared = "Russia is recruiting Syrian fighters, officials said.";
    dir.file(
        "a/one.txt",
        format!("{shared}\n\nThe Wagner Group hired Libyan mercenaries to guard oil fields in Sudan, a report said.\n"),
    );
    dir.file("a/two.txt", "Ingrid Solberg, a labour researcher, said Mongolia was recruiting Laotian volunteers.\n");
    dir.file(
        "b/three.txt",
        format!("{shared}\n\nThe Kremlin is recruiting Serbian volunteers to fight in Ukraine, officials said.\n"),
    );
    dir.file("c/four.txt", "Hezbollah fighters fought for the Syrian government near Aleppo, witnesses said.\n");
    (a, b, c)
}

#[test]
fn into_gives_the_same_bytes_as_a_full_rebuild() {
    let dir = TempDir::new("into");
    let (a, b, c) = corpus(&dir);
    let full = dir.path().join("full");
    let grown = dir.path().join("grown");
    ok(&["build", p(&a), p(&b), p(&c), "--out", p(&full), "--quiet"]);
    ok(&["build", p(&a), "--out", p(&grown), "--quiet"]);
    // Two documents: the shared line still counts as article.
    let two: serde_json::Value =
        serde_json::from_str(&text(&ok(&["stats", p(&grown.join("graph.graphml")), "--json"]))).unwrap();
    assert_eq!(two["corpus"]["repeated_lines"], 0);
    // Adding b makes it repeated: one.txt must be extracted again from its saved text.
    let o = ok(&["build", p(&b), "--into", p(&grown), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!((v["reused"].as_u64(), v["reextracted"].as_u64()), (Some(1), Some(1)), "{v}");
    let o = ok(&["build", p(&c), "--into", p(&grown), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!((v["reused"].as_u64(), v["reextracted"].as_u64()), (Some(3), Some(0)), "{v}");
    for f in ["graph.graphml", "graph.jsonld", "state.jsonl"] {
        assert_eq!(std::fs::read(full.join(f)).unwrap(), std::fs::read(grown.join(f)).unwrap(), "{f} differs");
    }
}

#[test]
fn no_state_writes_the_same_graph_and_removes_an_old_state() {
    let dir = TempDir::new("no-state");
    let (with, without) = (dir.path().join("with"), dir.path().join("without"));
    ok(&["build", EXAMPLES, "--out", p(&with), "--quiet"]);
    // An old state in the output directory would describe another graph: it goes.
    ok(&["build", EXAMPLES, "--out", p(&without), "--quiet"]);
    ok(&["build", EXAMPLES, "--out", p(&without), "--quiet", "--no-state"]);
    let mut names: Vec<String> =
        std::fs::read_dir(&without).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["graph.graphml", "graph.jsonld"]);
    for f in names {
        assert_eq!(std::fs::read(with.join(&f)).unwrap(), std::fs::read(without.join(&f)).unwrap(), "{f} differs");
    }
    let o = run(&["build", EXAMPLES, "--into", p(&with), "--no-state"]);
    assert!(!o.status.success() && err(&o).contains("--no-state"), "{}", err(&o));
}

/// The example articles copied into two folders, `first` and `second`, alternately.
fn split_examples(dir: &TempDir) -> (PathBuf, PathBuf) {
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    let mut names: Vec<PathBuf> = std::fs::read_dir(EXAMPLES).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for (i, path) in names.iter().enumerate() {
        let to = if i % 2 == 0 { &first } else { &second };
        std::fs::create_dir_all(to).unwrap();
        std::fs::copy(path, to.join(path.file_name().unwrap())).unwrap();
    }
    (first, second)
}

#[test]
fn into_the_examples_in_two_steps_equals_one_build() {
    let dir = TempDir::new("into-examples");
    let (first, second) = split_examples(&dir);
    let (full, grown) = (dir.path().join("full"), dir.path().join("grown"));
    ok(&["build", EXAMPLES, "--out", p(&full), "--quiet"]);
    ok(&["build", p(&first), "--out", p(&grown), "--quiet"]);
    ok(&["build", p(&second), "--into", p(&grown), "--quiet"]);
    let graphml = |d: &Path| std::fs::read(d.join("graph.graphml")).unwrap();
    assert_eq!(graphml(&full), graphml(&grown));
}

#[test]
fn an_evidence_cap_keeps_the_weights_and_into_equals_one_capped_build() {
    let dir = TempDir::new("into-capped");
    let (first, second) = split_examples(&dir);
    let (full, capped, grown) = (dir.path().join("full"), dir.path().join("capped"), dir.path().join("grown"));
    ok(&["build", EXAMPLES, "--out", p(&full), "--quiet", "--max-evidence", "0"]);
    ok(&["build", EXAMPLES, "--out", p(&capped), "--quiet", "--max-evidence", "1"]);
    ok(&["build", p(&first), "--out", p(&grown), "--quiet", "--max-evidence", "1"]);
    ok(&["build", p(&second), "--into", p(&grown), "--quiet", "--max-evidence", "1"]);
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    for f in ["graph.graphml", "graph.jsonld"] {
        assert_eq!(read(&capped, f), read(&grown, f), "{f}");
    }
    // The same weights, one sentence per edge.
    let weights = |xml: &str| -> Vec<String> {
        xml.split("<data key=\"weight\">").skip(1).map(|s| s.split('<').next().unwrap().to_string()).collect()
    };
    let (all, one) = (read(&full, "graph.graphml"), read(&capped, "graph.graphml"));
    assert_eq!(weights(&all), weights(&one));
    assert!(weights(&one).iter().any(|w| w != "1.0"), "no edge was capped");
    assert!(one.len() < all.len());
    for xml in [&all, &one] {
        let evidence = xml.split("<data key=\"evidence\">").skip(1).map(|s| s.split('<').next().unwrap());
        let most = evidence.map(|e| e.split(" || ").count()).max().unwrap();
        assert_eq!(most > 1, std::ptr::eq(xml, &all));
    }
}

#[test]
fn into_a_directory_without_state_says_what_to_do() {
    let dir = TempDir::new("into-nothing");
    let (a, _, _) = corpus(&dir);
    let o = run(&["build", p(&a), "--into", p(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("state.jsonl") && e.contains("actorgraph build"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn a_new_article_with_an_old_name_replaces_it() {
    let dir = TempDir::new("replace");
    let (a, _, _) = corpus(&dir);
    let out = dir.path().join("out");
    ok(&["build", p(&a), "--out", p(&out), "--quiet"]);
    let newer = dir.file("newer/two.txt", "Hezbollah fighters fought for the Syrian government, witnesses said.\n");
    let v: serde_json::Value =
        serde_json::from_str(&text(&ok(&["build", p(&newer), "--into", p(&out), "--json"]))).unwrap();
    assert_eq!((v["documents"].as_u64(), v["replaced"].as_u64()), (Some(2), Some(1)), "{v}");
    let graphml = std::fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert!(!graphml.contains("Solberg"), "the old two.txt is gone");
}

#[test]
fn user_schema_extends_the_built_ins() {
    let dir = TempDir::new("schema");
    let article = dir.file(
        "in/nsb.txt",
        "The Northern Shield Brigade is recruiting Serbian volunteers, officials said.\n\n\
         The NSB is also recruiting Syrian fighters, a report said.\n\n\
         Last week the Shield recruited Laotian volunteers.\n\n\
         The Kremlin is recruiting Chadian mercenaries, a report said.\n",
    );
    let out = dir.path().join("out");
    ok(&["build", p(&article), "--out", p(&out), "--schema", EXAMPLE_SCHEMA, "--quiet"]);
    let graphml = std::fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert!(
        graphml.contains("<data key=\"aliases\">NSB | Northern Shield Brigade | Shield</data>"),
        "one actor under the user's name and alias: {graphml}"
    );
    assert!(graphml.contains(">Kremlin<"), "the built-in lexicons are still there: {graphml}");
}

#[test]
fn a_replace_marker_makes_a_schema_file_replace_the_built_in() {
    let dir = TempDir::new("schema-replace");
    let schema = dir.path().join("schema");
    dir.file("schema/cues.tsv", "#! replace\nsays\tsaid\n");
    let article = dir.file("in/a.txt", "The Kremlin is recruiting Syrian volunteers to fight in Ukraine.\n");
    let out = dir.path().join("out");
    ok(&["build", p(&article), "--out", p(&out), "--schema", p(&schema), "--quiet"]);
    let graphml = std::fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert!(!graphml.contains("recruits"), "no recruitment cue words left: {graphml}");
}

#[test]
fn bad_schema_files_name_the_file_and_line() {
    let dir = TempDir::new("schema-bad");
    let schema = dir.path().join("schema");
    dir.file("schema/titles.txt", "# my titles\nwarlord\toverlord\n");
    let article = dir.file("in/a.txt", "The Kremlin is recruiting Syrian volunteers.\n");
    let o = run(&["build", p(&article), "--out", p(&dir.path().join("out")), "--schema", p(&schema)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("titles.txt:2:"), "{}", err(&o));
    std::fs::remove_file(schema.join("titles.txt")).unwrap();
    dir.file("schema/organisations.tsv", "Acme\tOrganization\n");
    let o = run(&["build", p(&article), "--out", p(&dir.path().join("out")), "--schema", p(&schema)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("organisations.tsv") && err(&o).contains("organizations.tsv"), "{}", err(&o));
}

#[test]
fn completions_for_bash() {
    let o = ok(&["completions", "bash"]);
    let script = text(&o);
    assert!(script.contains("actorgraph") && script.contains("render") && script.contains("--into"));
}

#[test]
fn help_has_examples() {
    for sub in ["build", "render", "stats"] {
        let o = ok(&[sub, "--help"]);
        assert!(text(&o).contains("Example"), "{sub} --help: {}", text(&o));
    }
}

#[test]
fn into_with_another_schema_extracts_every_saved_article_again() {
    let dir = TempDir::new("into-schema");
    let (a, b, _) = corpus(&dir);
    let out = dir.path().join("out");
    ok(&["build", p(&a), "--out", p(&out), "--quiet"]);
    let o = ok(&["build", p(&b), "--into", p(&out), "--schema", EXAMPLE_SCHEMA, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!((v["reused"].as_u64(), v["reextracted"].as_u64()), (Some(0), Some(2)), "{v}");
}

#[test]
fn into_replacing_an_article_that_made_a_line_repeated_equals_a_full_rebuild() {
    let dir = TempDir::new("into-replace-repeated");
    let (a, b, c) = corpus(&dir);
    let grown = dir.path().join("grown");
    ok(&["build", p(&a), p(&b), p(&c), "--out", p(&grown), "--quiet"]);
    // The new three.txt lacks the shared line: in one.txt it is article text again.
    let newer = dir
        .file("newer/three.txt", "The Kremlin is recruiting Serbian volunteers to fight in Ukraine, officials said.\n");
    let o = ok(&["build", p(&newer), "--into", p(&grown), "--json", "-j", "2"]);
    let v: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!((v["replaced"].as_u64(), v["reextracted"].as_u64(), v["reused"].as_u64()), (Some(1), Some(1), Some(2)));
    let full = dir.path().join("full");
    let all = dir.path().join("all");
    for (from, name) in [(&a, "one.txt"), (&a, "two.txt"), (&c, "four.txt")] {
        std::fs::create_dir_all(&all).unwrap();
        std::fs::copy(from.join(name), all.join(name)).unwrap();
    }
    ok(&["build", p(&all), p(&newer), "--out", p(&full), "--quiet", "-j", "1"]);
    for f in ["graph.graphml", "graph.jsonld", "state.jsonl"] {
        assert_eq!(std::fs::read(full.join(f)).unwrap(), std::fs::read(grown.join(f)).unwrap(), "{f} differs");
    }
    assert!(!grown.join(".state.jsonl.tmp").exists(), "no temporary state left behind");
}

#[test]
fn into_a_truncated_state_is_refused_and_leaves_it_untouched() {
    let dir = TempDir::new("into-truncated");
    let (a, b, _) = corpus(&dir);
    let out = dir.path().join("out");
    ok(&["build", p(&a), "--out", p(&out), "--quiet"]);
    let state = out.join("state.jsonl");
    let saved = std::fs::read_to_string(&state).unwrap();
    let cut: String = saved.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&state, &cut).unwrap();
    let o = run(&["build", p(&b), "--into", p(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("truncated"), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(&state).unwrap(), cut);
    assert!(!out.join(".state.jsonl.tmp").exists(), "no temporary state left behind");
}
