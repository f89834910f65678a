//! The binary end to end: outputs, exit codes (0 ok, 1 some input skipped,
//! 2 nothing usable or bad usage), messages, stdin, determinism, `explain`.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the test failure we want")]

use quick_xml::events::Event;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::{TempDir, ARTICLE};

const BIN: &str = env!("CARGO_BIN_EXE_actorgraph");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");

fn run(args: &[&Path]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// `actorgraph build <inputs> --out <out> <extra>`.
fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&Path> = vec![Path::new("build")];
    args.extend_from_slice(inputs);
    args.extend([Path::new("--out"), out]);
    args.extend(extra.iter().map(Path::new));
    run(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn build_examples_writes_both_formats_and_one_summary_line() {
    let out = TempDir::new("examples");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(
        files_in(out.path()),
        ["graph.graphml", "graph.jsonld", "state.jsonl"],
        "and no temporary files left over"
    );
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "one summary line: {lines:?}");
    assert!(lines[0].starts_with("7 documents, "), "{}", lines[0]);
    assert!(lines[0].contains(" nodes (") && lines[0].contains(" edges ("), "{}", lines[0]);
    assert!(stderr(&o).is_empty(), "nothing on stderr: {}", stderr(&o));
}

#[test]
fn graphml_is_well_formed_with_nodes_before_edges() {
    let out = TempDir::new("graphml");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let xml = std::fs::read_to_string(out.path().join("graph.graphml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut nodes, mut edges, mut node_after_edge) = (0, 0, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"node" => {
                    nodes += 1;
                    node_after_edge |= edges > 0;
                }
                b"edge" => edges += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(nodes > 0 && edges > 0, "{nodes} nodes, {edges} edges");
    assert!(!node_after_edge, "a node comes after an edge");
    let summary = stdout(&o);
    assert!(summary.contains(&format!(" {nodes} nodes (")), "{summary}");
    assert!(summary.contains(&format!(" {edges} edges (")), "{summary}");
}

#[test]
fn jsonld_is_json() {
    let out = TempDir::new("jsonld");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &["--format", "jsonld"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(files_in(out.path()), ["graph.jsonld", "state.jsonl"]);
    let text = std::fs::read_to_string(out.path().join("graph.jsonld")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(value.get("@context").is_some(), "no @context");
}

#[test]
fn format_graphml_writes_only_graphml() {
    let out = TempDir::new("only-graphml");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &["--format", "graphml"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(files_in(out.path()), ["graph.graphml", "state.jsonl"]);
}

#[test]
fn unknown_format_is_exit_2_and_writes_nothing() {
    let out = TempDir::new("bad-format");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &["--format", "graphml,dot"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("dot"), "the message names the format: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(files_in(out.path()).is_empty(), "nothing written: {:?}", files_in(out.path()));
}

#[test]
fn missing_input_is_exit_1_and_the_rest_is_still_built() {
    let dir = TempDir::new("missing");
    let good = dir.file("good.txt", ARTICLE.as_bytes());
    let missing = dir.path().join("no-such-article.txt");
    let out = dir.path().join("out");
    let o = build(&[&good, &missing], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].contains("no-such-article.txt"), "names the path: {err}");
    assert!(stdout(&o).starts_with("1 documents, "), "{}", stdout(&o));
    assert_eq!(files_in(&out), ["graph.graphml", "graph.jsonld", "state.jsonl"]);
}

#[test]
fn nothing_usable_is_exit_2() {
    let dir = TempDir::new("nothing");
    let out = dir.path().join("out");
    let o = build(&[&dir.path().join("absent.txt")], &out, &[]);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("absent.txt"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(!out.join("graph.graphml").exists());
}

#[test]
fn latin1_is_read_with_a_warning_and_binary_is_skipped_by_name() {
    let dir = TempDir::new("not-text");
    let good = dir.file("good.txt", ARTICLE.as_bytes());
    let latin1 = dir.file("latin1.txt", b"Caf\xe9 de la Paix: the Northern Salt Company hired guards.\n");
    let binary = dir.file("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    let out = dir.path().join("out");
    let o = build(&[&good, &latin1, &binary], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "one line per file: {err}");
    assert!(
        err.lines().any(|l| l.contains("warning") && l.contains("latin1.txt") && l.contains("Windows-1252")),
        "{err}"
    );
    assert!(err.lines().any(|l| l.contains("skipped") && l.contains("binary.txt") && l.contains("binary")), "{err}");
    assert!(stdout(&o).starts_with("2 documents, "), "{}", stdout(&o));
}

#[test]
fn a_directory_of_only_unreadable_files_is_exit_2() {
    let dir = TempDir::new("all-bad");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("a.txt"), b"\0\0\0").unwrap();
    std::fs::write(articles.join("skipped.md"), ARTICLE).unwrap();
    let o = build(&[&articles], &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("a.txt"), "{}", stderr(&o));
}

#[test]
fn dash_reads_stdin() {
    let out = TempDir::new("stdin");
    let mut child = Command::new(BIN)
        .args(["build", "-", "--out"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ARTICLE.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(stdout(&o).starts_with("1 documents, "), "{}", stdout(&o));
    let xml = std::fs::read_to_string(out.path().join("graph.graphml")).unwrap();
    assert!(xml.contains("Northern Salt Company"), "{xml}");
    assert!(xml.contains("stdin"), "the document id is stdin");
}

#[test]
fn quiet_prints_nothing() {
    let out = TempDir::new("quiet");
    let o = build(&[Path::new(EXAMPLES)], out.path(), &["--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    assert!(out.path().join("graph.graphml").exists());
}

fn outputs(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (std::fs::read(dir.join("graph.graphml")).unwrap(), std::fs::read(dir.join("graph.jsonld")).unwrap())
}

#[test]
fn two_runs_give_byte_identical_files() {
    let (a, b) = (TempDir::new("det-a"), TempDir::new("det-b"));
    assert_eq!(build(&[Path::new(EXAMPLES)], a.path(), &[]).status.code(), Some(0));
    assert_eq!(build(&[Path::new(EXAMPLES)], b.path(), &["--jobs", "1"]).status.code(), Some(0));
    assert!(outputs(a.path()) == outputs(b.path()), "outputs differ between runs (and thread counts)");
}

#[test]
fn input_order_does_not_change_the_output() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(EXAMPLES).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let forward: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let backward: Vec<&Path> = forward.iter().rev().copied().collect();
    let (a, b, c) = (TempDir::new("order-a"), TempDir::new("order-b"), TempDir::new("order-dir"));
    assert_eq!(build(&forward, a.path(), &[]).status.code(), Some(0));
    assert_eq!(build(&backward, b.path(), &[]).status.code(), Some(0));
    assert_eq!(build(&[Path::new(EXAMPLES)], c.path(), &[]).status.code(), Some(0));
    assert!(outputs(a.path()) == outputs(b.path()), "reversing the inputs changes the output");
    assert!(outputs(a.path()) == outputs(c.path()), "files and their directory give different outputs");
}

#[test]
fn the_same_file_twice_counts_once() {
    let dir = TempDir::new("twice");
    let good = dir.file("good.txt", ARTICLE.as_bytes());
    let o = build(&[&good, &good], &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("1 documents, "), "{}", stdout(&o));
}

#[test]
fn explain_prints_sentences_mentions_and_relations() {
    let dir = TempDir::new("explain");
    let file = dir.file("article.txt", ARTICLE.as_bytes());
    let o = run(&[Path::new("explain"), &file]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("[0] The Northern Salt Company has hired"), "{text}");
    assert!(text.contains("[1] Ingrid Solberg"), "{text}");
    assert!(text.contains("Organization"), "{text}");
    assert!(text.contains("=> Northern Salt Company -recruits-> Zambian mercenaries"), "{text}");
}

#[test]
fn explain_a_missing_file_is_exit_2_naming_it() {
    let o = run(&[Path::new("explain"), Path::new("no/such/article.txt")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/article.txt"), "{err}");
}

#[test]
fn no_arguments_is_a_usage_error() {
    let o = run(&[Path::new("build")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage"), "{}", stderr(&o));
}

#[test]
fn a_very_long_sentence_does_not_hang() {
    let dir = TempDir::new("long-sentence");
    let text = "Mongolia and Laos recruit Bolivian mercenaries, said Ingrid Solberg, ".repeat(4000);
    let file = dir.file("long.txt", text.as_bytes());
    let mut child =
        Command::new(BIN).args(["build", "--quiet", "--out"]).arg(dir.path().join("out")).arg(&file).spawn().unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        // Linear now (about 0.5 s in release); the margin is for unoptimised test builds on a
        // loaded machine. Before the segmenter capped sentence length it took minutes.
        if start.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("still running after 30 s on a 280 KB sentence");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
