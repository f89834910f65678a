//! Issue #6: any input, no panic, no half-written output, the same bytes every run.
//!
//! - bad inputs through the binary: each gives one line naming the file and the reason, the run
//!   goes on, and the exit code says how it went (0 all good, 1 some skipped, 2 nothing usable);
//! - adversarial text through the pipeline: every output is well-formed, ids unique and XML-safe;
//! - a failed write leaves the previous outputs untouched; a bad `--out` fails before any work;
//! - determinism over runs, thread counts, input order and same-named files in two folders;
//! - a bounded, seeded random-bytes run of the whole pipeline (the fuzz target's smoke test),
//!   and the inputs the fuzzers found, kept as regression tests.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the test failure we want")]

use actorgraph::export::{Format, Output};
use actorgraph::graph::KnowledgeGraph;
use actorgraph::model::Document;
use actorgraph::pipeline::Extractor;
use quick_xml::events::Event;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{TempDir, ARTICLE};

const BIN: &str = env!("CARGO_BIN_EXE_actorgraph");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> Run {
    let o = Command::new(BIN)
        .arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn utf16le_with_bom(s: &str) -> Vec<u8> {
    [0xFF, 0xFE].into_iter().chain(s.encode_utf16().flat_map(u16::to_le_bytes)).collect()
}

/// One bad input: its name, how to make it, and the reason its message must give.
struct Case {
    name: &'static str,
    make: fn(&TempDir) -> PathBuf,
    /// What the one line says; `None` where the file is read after all.
    skipped_because: Option<&'static str>,
    /// A warning (the file is read) and its text.
    warning: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "missing path",
            make: |d| d.path().join("no-such.txt"),
            skipped_because: Some("no such file"),
            warning: None,
        },
        Case {
            name: "directory without articles",
            make: |d| {
                d.file("notes/readme.md", b"Not an article.");
                d.path().join("notes")
            },
            skipped_because: Some("no *.txt files"),
            warning: None,
        },
        Case {
            name: "empty file",
            make: |d| d.file("empty.txt", b""),
            skipped_because: Some("empty file"),
            warning: None,
        },
        Case {
            name: "only whitespace",
            make: |d| d.file("blank.txt", b" \n\r\n\t \n"),
            skipped_because: Some("only whitespace"),
            warning: None,
        },
        Case {
            name: "only markup",
            make: |d| {
                d.file("markup.txt", b"<html><head><script></script></head><body><div>&nbsp;</div></body></html>")
            },
            skipped_because: Some("only markup"),
            warning: None,
        },
        Case {
            name: "binary (NUL bytes)",
            make: |d| d.file("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"),
            skipped_because: Some("binary data"),
            warning: None,
        },
        Case {
            name: "invalid UTF-8 (a lone surrogate as bytes)",
            make: |d| d.file("surrogate.txt", b"Ingrid Solberg said \xED\xA0\x80 nothing."),
            skipped_because: Some("invalid UTF-8 at byte 20"),
            warning: None,
        },
        Case {
            name: "mixed UTF-8 and Latin-1",
            make: |d| d.file("mixed.txt", "Zoë and Caf".bytes().chain([0xE9]).collect::<Vec<u8>>().as_slice()),
            skipped_because: Some("not clearly Latin-1"),
            warning: None,
        },
        Case {
            name: "too large",
            make: |d| d.file("huge.txt", ARTICLE.repeat(600).as_bytes()),
            skipped_because: Some("too large"),
            warning: None,
        },
        Case {
            name: "a device that never ends",
            make: |_| PathBuf::from("/dev/zero"),
            skipped_because: Some("too large"),
            warning: None,
        },
        Case {
            name: "Windows-1252",
            make: |d| {
                d.file("cp1252.txt", b"The Northern Salt Company hired \x93caf\xe9\x94 guards, officials said.\n")
            },
            skipped_because: None,
            warning: Some("read as Windows-1252"),
        },
        Case {
            name: "UTF-16 with BOM",
            make: |d| d.file("utf16.txt", utf16le_with_bom(ARTICLE)),
            skipped_because: None,
            warning: None,
        },
        Case {
            name: "UTF-8 with BOM",
            make: |d| d.file("bom.txt", [b"\xEF\xBB\xBF".as_slice(), ARTICLE.as_bytes()].concat()),
            skipped_because: None,
            warning: None,
        },
        Case {
            name: "one very long line",
            make: |d| d.file("line.txt", "Mongolia recruits Bolivian mercenaries; ".repeat(2_000).as_bytes()),
            skipped_because: None,
            warning: None,
        },
    ]
}

/// Every bad input alone, and beside a good article: one line naming the file and the reason,
/// the good article still built, and exit 2 (nothing usable) or 1 (some skipped) or 0.
#[test]
fn each_bad_input_gives_one_line_naming_it_and_the_run_goes_on() {
    let limit = ["--max-doc-bytes", "100000"];
    for case in cases() {
        let dir = TempDir::new("case");
        let bad = (case.make)(&dir);
        let shown = bad.display().to_string();
        let good = dir.file("good.txt", ARTICLE.as_bytes());
        let out = dir.path().join("out");

        let alone = build(&[&bad], &out, &limit);
        let both = build(&[&good, &bad], &out, &limit);
        let lines: Vec<&str> = both.stderr.lines().collect();
        match (case.skipped_because, case.warning) {
            (Some(reason), _) => {
                assert_eq!(alone.code, Some(2), "{}: alone: {}", case.name, alone.stderr);
                assert!(alone.stdout.is_empty(), "{}: {}", case.name, alone.stdout);
                assert_eq!(both.code, Some(1), "{}: {}", case.name, both.stderr);
                assert_eq!(lines.len(), 1, "{}: one line: {}", case.name, both.stderr);
                assert!(lines[0].contains(&shown) && lines[0].contains(reason), "{}: {}", case.name, lines[0]);
                assert!(both.stdout.starts_with("1 documents, "), "{}: {}", case.name, both.stdout);
            }
            (None, warning) => {
                assert_eq!(alone.code, Some(0), "{}: alone: {}", case.name, alone.stderr);
                assert_eq!(both.code, Some(0), "{}: {}", case.name, both.stderr);
                match warning {
                    Some(w) => {
                        assert_eq!(lines.len(), 1, "{}: one line: {}", case.name, both.stderr);
                        assert!(lines[0].contains(&shown) && lines[0].contains(w), "{}: {}", case.name, lines[0]);
                    }
                    None => assert!(lines.is_empty(), "{}: {}", case.name, both.stderr),
                }
                assert!(both.stdout.starts_with("2 documents, "), "{}: {}", case.name, both.stdout);
            }
        }
        if both.code != Some(2) {
            check_outputs(&out);
        }
    }
}

#[test]
fn utf16_is_read_as_its_text() {
    let dir = TempDir::new("utf16");
    let file = dir.file("utf16.txt", utf16le_with_bom(ARTICLE));
    let r = build(&[&file], &dir.path().join("out"), &["--format", "graphml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let xml = std::fs::read_to_string(dir.path().join("out/graph.graphml")).unwrap();
    assert!(xml.contains("Northern Salt Company"), "{xml}");
}

#[test]
fn an_unreadable_file_is_skipped_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let good = dir.file("good.txt", ARTICLE.as_bytes());
    let locked = dir.file("locked.txt", ARTICLE.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("running with permission to read any file (root): nothing to test");
        return;
    }
    let r = build(&[&good, &locked], &dir.path().join("out"), &[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("locked.txt") && r.stderr.contains("ermission"), "{}", r.stderr);
}

#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = TempDir::new("loop");
    dir.file("articles/a.txt", ARTICLE.as_bytes());
    std::os::unix::fs::symlink(dir.path().join("articles"), dir.path().join("articles/again")).unwrap();
    let r = build(&[&dir.path().join("articles")], &dir.path().join("out"), &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("1 documents, "), "{}", r.stdout);
}

#[test]
fn a_file_reached_by_a_link_a_directory_and_its_own_path_is_read_once() {
    let dir = TempDir::new("same-file");
    dir.file("articles/a.txt", ARTICLE.as_bytes());
    dir.file("other/b.txt", ARTICLE.replace("Kyiv", "Odesa").as_bytes());
    // A link to a file in another directory, and one to a directory: both lead to files
    // already found, so each is one document.
    std::os::unix::fs::symlink(dir.path().join("articles/a.txt"), dir.path().join("other/link.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("other"), dir.path().join("articles/more")).unwrap();
    let a = dir.path().join("articles");
    let r = build(&[&a, &a.join("a.txt"), &dir.path().join("other")], &dir.path().join("out"), &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("2 documents, "), "{}", r.stdout);
}

#[test]
fn a_bad_output_dir_fails_before_any_input_is_read() {
    let dir = TempDir::new("bad-out");
    let file = dir.file("plain-file", b"x");
    // stdin stays open and empty: a run that read its inputs first would wait for ever.
    let mut child = Command::new(BIN)
        .args(["build", "-", "--out"])
        .arg(file.join("out"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("the bad --out was not noticed before reading stdin");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("plain-file/out") && err.contains("not writable"), "{err}");
}

#[test]
fn a_failed_write_leaves_the_previous_outputs_untouched() {
    let dir = TempDir::new("failed-write");
    let first = dir.file("first.txt", ARTICLE.as_bytes());
    let second = dir.file("second.txt", b"Russia recruits Serbian volunteers, officials said.\n");
    let out = dir.path().join("out");
    assert_eq!(build(&[&first], &out, &[]).code, Some(0));
    let before: Vec<Vec<u8>> =
        ["graph.graphml", "graph.jsonld"].iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect();
    // The JSON-LD's temporary file cannot be created (a directory is in its place), after the
    // GraphML has been written in full to its own.
    std::fs::create_dir(out.join(".graph.jsonld.tmp")).unwrap();
    let r = build(&[&first, &second], &out, &[]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains(".graph.jsonld.tmp"), "{}", r.stderr);
    let after: Vec<Vec<u8>> =
        ["graph.graphml", "graph.jsonld"].iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect();
    assert!(before == after, "a failed run changed the previous outputs");
    assert_eq!(
        files_in(&out),
        [".graph.jsonld.tmp", "graph.graphml", "graph.jsonld", "state.jsonl"],
        "no temporary left over"
    );
}

/// Reads every output in `dir` back: XML ones well-formed XML 1.0 with unique node ids, JSON
/// ones JSON.
fn check_outputs(dir: &Path) {
    for name in files_in(dir) {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        if name.ends_with(".graphml") || name.ends_with(".gexf") {
            check_xml(&String::from_utf8(bytes).unwrap());
        } else if name.ends_with(".jsonld") {
            let _: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        }
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Parses `xml` to the end (names balanced, attributes and entities valid), checks that every
/// character is one XML 1.0 allows, and that node ids are unique and safe. Returns the number
/// of nodes and edges.
fn check_xml(xml: &str) -> (usize, usize) {
    if let Some(bad) = xml.chars().find(|c| !is_xml_char(*c)) {
        panic!("character {bad:?} not allowed in XML 1.0");
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut ids = BTreeSet::new();
    let (mut nodes, mut edges, mut depth) = (0, 0, 0i32);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes().with_checks(true) {
                    let a = a.unwrap();
                    a.unescape_value().unwrap();
                }
                if e.name().as_ref() == b"node" {
                    nodes += 1;
                    let id = e.try_get_attribute("id").unwrap().unwrap().unescape_value().unwrap().into_owned();
                    assert!(
                        id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')),
                        "unsafe id {id:?}"
                    );
                    assert!(ids.insert(id.clone()), "duplicate node id {id}");
                } else if e.name().as_ref() == b"edge" {
                    edges += 1;
                }
            }
            Event::Text(t) => {
                t.unescape().unwrap();
            }
            Event::Eof => break,
            _ => {}
        }
        depth += 1;
    }
    assert!(depth > 0);
    (nodes, edges)
}

/// Writes `graph` in every output and reads each back.
fn check_graph(graph: &KnowledgeGraph) {
    for output in Format::ALL.iter().flat_map(|f| f.outputs()) {
        let bytes = output.write(graph, Vec::new()).unwrap();
        match output {
            Output::GraphMl | Output::Gexf => {
                let (nodes, _) = check_xml(std::str::from_utf8(&bytes).unwrap());
                assert_eq!(nodes, graph.node_count(), "{output:?}");
            }
            Output::JsonLd => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                let items = v["@graph"].as_array().unwrap();
                assert_eq!(items.len(), graph.node_count() + graph.edge_count());
            }
            _ => {
                std::str::from_utf8(&bytes).unwrap();
            }
        }
    }
}

/// Text that tries every way of breaking a writer, as it would reach the pipeline from a file.
const ADVERSARIAL: &[&str] = &[
    "The \"Northern <Salt> & Co\" Company hired Zambian mercenaries, officials said.",
    "Ingrid Sol\u{1}berg\u{7}, a researcher, said Mongolia was recruiting Laotian\u{0} volunteers.",
    "Mongolia\u{200F} and \u{202E}Laos\u{202C} recruit Bolivian mercenaries 🚀🇺🇦, said Ingrid Solberg.",
    "The Kremlin is recruiting Syrian volunteers\u{FFFE}\u{FFFF} to fight in Ukraine, officials said.",
    "Wagner's <script>alert('x')</script> &amp; &#0; ]]> fighters fight for Russia, said Kirby.",
    "Ivan Petrov\r\nsaid\rRussia recruits \"Serbian\" volunteers.\u{85}\u{2028}The Wagner Group denied it.",
    "'''\"\"\"<<<>>>&&&;;;:::---___...!!!???",
    "ملیشیا کے جنگجو Russia کے لیے لڑتے ہیں، said Ahmad al-Hassan of the Free Syrian Army.",
    "A\u{301}lvaro Go\u{308}mez, the Zoë Mercenary Front's leader, said Chad recruits Sudanese fighters.",
];

#[test]
fn adversarial_documents_give_valid_outputs() {
    let extractor = Extractor::new(None).unwrap();
    let docs: Vec<Document> = ADVERSARIAL
        .iter()
        .enumerate()
        .map(|(i, t)| Document { id: format!("doc <{i}> & \"x\".txt"), text: (*t).to_string(), date: None })
        .collect();
    // One by one, and all together.
    for d in &docs {
        check_graph(&extractor.build_documents(std::slice::from_ref(d)));
    }
    let graph = extractor.build_documents(&docs);
    assert!(graph.node_count() > 5, "{} nodes", graph.node_count());
    check_graph(&graph);
}

/// A small xorshift generator: the same sequence every run, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Random documents made of pieces of text that matter to the stages (names, cues, quotes,
/// punctuation, markup, odd bytes), run through decoding, the pipeline and every writer.
#[test]
fn random_documents_never_panic_and_give_valid_outputs() {
    const PIECES: &[&str] = &[
        "Russia",
        "Wagner Group",
        "Ingrid Solberg",
        " said ",
        " recruits ",
        " mercenaries",
        " fighters",
        " the ",
        "\"",
        "“",
        "”",
        "«",
        "(",
        ")",
        "[",
        ".",
        ". ",
        ", ",
        "; ",
        ": ",
        "—",
        "\n",
        "\n\n",
        "Mr.",
        "U.S.",
        " he ",
        " they ",
        " it ",
        "<div>",
        "&amp;",
        "\u{0}",
        "\u{1}",
        "\r",
        "\u{200F}",
        "🚀",
        "\u{FFFE}",
        "é",
        "e\u{301}",
        "Free Syrian Army",
        " allied with ",
        " fight for ",
        "’s",
        "'",
        "-",
        "Kim",
        "Jong",
        "FSB",
        " of ",
        "x",
    ];
    let extractor = Extractor::new(None).unwrap();
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let start = Instant::now();
    for _ in 0..150 {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(120) {
            if rng.below(20) == 0 {
                bytes.push(rng.next() as u8);
            } else {
                bytes.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
            }
        }
        if let Ok((text, _)) = actorgraph::ingest::decode(Path::new("r.txt"), bytes) {
            check_graph(&extractor.build_documents(&[Document { id: "r.txt".into(), text, date: None }]));
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
}

fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_in(dir).into_iter().map(|f| (f.clone(), std::fs::read(dir.join(f)).unwrap())).collect()
}

#[test]
fn same_named_files_in_two_folders_get_unique_stable_ids() {
    let dir = TempDir::new("same-name");
    let a = dir.file("corpus/2023/report.txt", ARTICLE.as_bytes());
    let b = dir.file("corpus/2024/report.txt", b"Russia recruits Serbian volunteers, officials said.\n");
    let c = dir.file("corpus/other.txt", b"Chad recruits Sudanese fighters, officials said.\n");
    let (x, y, z) = (TempDir::new("same-a"), TempDir::new("same-b"), TempDir::new("same-c"));
    let by_dir = build(&[&dir.path().join("corpus")], x.path(), &["--jobs", "1"]);
    assert_eq!(by_dir.code, Some(0), "{}", by_dir.stderr);
    assert!(by_dir.stdout.starts_with("3 documents, "), "{}", by_dir.stdout);
    let jsonld = std::fs::read_to_string(x.path().join("graph.jsonld")).unwrap();
    assert!(jsonld.contains(r#""document": "2023/report.txt""#), "{jsonld}");
    let (inputs, errors) = actorgraph::ingest::collect(&[c.clone(), dir.path().join("corpus"), b.clone()]);
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = inputs.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2023/report.txt", "2024/report.txt", "other.txt"], "a name without a clash stays plain");
    // The directory walked with two threads, and the files in two orders.
    assert_eq!(build(&[&dir.path().join("corpus")], y.path(), &["--jobs", "2"]).code, Some(0));
    assert!(outputs(x.path()) == outputs(y.path()), "thread counts give different outputs");
    let r = build(&[&c, &b, &a], z.path(), &[]);
    let s = build(&[&a, &c, &b], y.path(), &[]);
    assert_eq!((r.code, s.code), (Some(0), Some(0)));
    assert!(outputs(z.path()) == outputs(y.path()), "input order changes the output");
}

#[test]
fn every_format_is_byte_identical_across_runs_threads_and_order() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let forward: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let backward: Vec<&Path> = forward.iter().rev().copied().collect();
    let all = "graphml,jsonld,gexf,nt,neo4j";
    let dirs: Vec<TempDir> = (0..3).map(|i| TempDir::new(&format!("det-{i}"))).collect();
    assert_eq!(build(&forward, dirs[0].path(), &["--jobs", "1", "--format", all]).code, Some(0));
    assert_eq!(build(&backward, dirs[1].path(), &["--jobs", "2", "--format", all]).code, Some(0));
    assert_eq!(build(&[&examples], dirs[2].path(), &["--format", all]).code, Some(0));
    let first = outputs(dirs[0].path());
    assert!(first.len() >= 5, "{:?}", first.iter().map(|f| &f.0).collect::<Vec<_>>());
    for d in &dirs[1..] {
        assert!(outputs(d.path()) == first, "outputs differ");
    }
}
