//! Export formats: exact output against golden files, well-formedness, determinism.
//!
//! Re-bless the golden files in `tests/expected/` with `BLESS=1 cargo test --test export`.

use actorgraph::export::Format;
use actorgraph::graph::{Edge, KnowledgeGraph, Node};
use actorgraph::model::{EntityType, Evidence, RelationKind, Span};
use quick_xml::events::Event;
use std::path::PathBuf;

/// A sentence with everything that can break a writer: markup characters, a control character,
/// a carriage return, an emoji, a right-to-left mark and a non-character.
const NASTY: &str = "Putin said: \"Wagner <PMC> & co\" \u{1}is\r\nours 🚀 \u{200F}שלום\u{FFFE}.";

fn node(id: &str, label: &str, kind: EntityType, aliases: &[&str], mentions: usize, docs: &[&str]) -> Node {
    Node {
        id: id.to_string(),
        label: label.to_string(),
        kind,
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        mentions,
        documents: docs.iter().map(|d| (*d).to_string()).collect(),
        dates: Some(("2023-06-01".into(), "2023-06-24".into())),
    }
}

fn edge(
    source: &str,
    relation: RelationKind,
    target: &str,
    evidence: &[(&str, &str, usize)],
) -> (String, String, Edge) {
    let evidence = evidence
        .iter()
        .map(|(doc, sentence, start)| Evidence {
            doc: (*doc).to_string(),
            sentence: (*sentence).to_string(),
            span: Span::new(*start, start + sentence.len()),
        })
        .collect();
    (source.to_string(), target.to_string(), Edge { relation, evidence })
}

/// Four actors of four types and one edge of each relation.
fn tiny() -> KnowledgeGraph {
    let nodes = vec![
        node(
            "person:vladimir-putin",
            "Vladimir Putin",
            EntityType::Person,
            &["Putin", "Vladimir Putin"],
            5,
            &["a.txt", "b.txt"],
        ),
        node(
            "organization:wagner-group",
            "Wagner Group",
            EntityType::Organization,
            &["PMC \"Wagner\"", "Wagner", "Wagner Group"],
            7,
            &["a.txt", "b.txt"],
        ),
        node("country:russia", "Russia", EntityType::Country, &["Russia", "the Kremlin"], 3, &["b.txt"]),
        node("group:prisoners", "prisoners", EntityType::Group, &["convicts", "prisoners"], 2, &["a.txt"]),
    ];
    let edges = vec![
        edge("person:vladimir-putin", RelationKind::Says, "organization:wagner-group", &[("a.txt", NASTY, 0)]),
        edge(
            "organization:wagner-group",
            RelationKind::Recruits,
            "group:prisoners",
            &[("b.txt", "Wagner recruited prisoners.", 10), ("a.txt", "The group recruits convicts | and more.", 120)],
        ),
        edge(
            "group:prisoners",
            RelationKind::FightsFor,
            "organization:wagner-group",
            &[("a.txt", "Convicts fight for Wagner.", 200)],
        ),
        // Given in the non-canonical direction: the graph stores it from country:russia.
        edge(
            "organization:wagner-group",
            RelationKind::AlliedWith,
            "country:russia",
            &[("b.txt", "Wagner is backed by Russia.", 40)],
        ),
    ];
    KnowledgeGraph::from_parts(nodes, edges)
}

fn render(format: Format, graph: &KnowledgeGraph) -> String {
    let bytes = format.write(graph, Vec::new()).expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("output is UTF-8")
}

/// Compares `actual` with `tests/expected/<name>`, or rewrites the file when `BLESS` is set.
fn assert_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create tests/expected");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1 to create it)", path.display()));
    assert!(expected == actual, "{name} differs from the golden file; BLESS=1 re-blesses.\n--- actual:\n{actual}");
}

/// Every event of `xml`, failing on anything that is not well-formed; returns the text nodes.
fn xml_texts(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return texts,
            Ok(Event::Text(t)) => texts.push(t.unescape().expect("valid escapes").into_owned()),
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
        }
    }
}

#[test]
fn graphml_matches_golden_file() {
    assert_golden("tiny.graphml", &render(Format::GraphMl, &tiny()));
}

#[test]
fn jsonld_matches_golden_file() {
    assert_golden("tiny.jsonld", &render(Format::JsonLd, &tiny()));
}

#[test]
fn graphml_is_well_formed_and_keeps_the_text() {
    let xml = render(Format::GraphMl, &tiny());
    let texts = xml_texts(&xml);
    // The control character and U+FFFE are dropped; `\r` survives as `&#13;`.
    let kept = "Putin said: \"Wagner <PMC> & co\" is\r\nours 🚀 \u{200F}שלום.";
    assert!(texts.iter().any(|t| t == kept), "evidence not found intact in {texts:?}");
    assert!(texts.iter().any(|t| t == "PMC \"Wagner\" | Wagner | Wagner Group"));
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}') && !xml.contains('\r'));
}

#[test]
fn graphml_lists_nodes_before_edges_in_graph_order() {
    let xml = render(Format::GraphMl, &tiny());
    let last_node = xml.rfind("<node ").expect("has nodes");
    let first_edge = xml.find("<edge ").expect("has edges");
    assert!(last_node < first_edge);
    assert!(xml.contains(r#"<edge id="e0" source="country:russia" target="organization:wagner-group">"#));
    assert!(xml.contains(r#"<edge id="e3" source="person:vladimir-putin" target="organization:wagner-group">"#));
    assert!(!xml.contains("directed=\"true\"") && !xml.contains("directed=\"false\""));
}

#[test]
fn jsonld_parses_and_has_direct_relations() {
    let json = render(Format::JsonLd, &tiny());
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(doc["@context"]["ag"], "https://actorgraph.dev/ns#");
    assert!(doc["@context"].get("@version").is_none(), "JSON-LD 1.0 only");
    let graph = doc["@graph"].as_array().expect("@graph is an array");
    assert_eq!(graph.len(), 4 + 4, "four actors, four statements");
    let wagner = graph
        .iter()
        .find(|n| n["@id"] == "https://actorgraph.dev/id/organization/wagner-group")
        .expect("Wagner is in the graph");
    assert_eq!(wagner["recruits"], serde_json::json!(["https://actorgraph.dev/id/group/prisoners"]));
    let says = graph.iter().find(|n| n["predicate"] == "ag:says").expect("a says statement");
    assert_eq!(says["evidence"][0]["sentence"], NASTY);
    assert!(says.get("name").is_none() && says.get("says").is_none());
}

#[test]
fn output_is_deterministic() {
    for format in Format::ALL {
        assert_eq!(render(format, &tiny()), render(format, &tiny()), "{format:?}");
    }
}

#[test]
fn empty_graph_gives_valid_documents() {
    let empty = KnowledgeGraph::default();
    let xml = render(Format::GraphMl, &empty);
    xml_texts(&xml);
    assert!(xml.ends_with("  <graph id=\"actorgraph\" edgedefault=\"directed\">\n  </graph>\n</graphml>\n"));
    let doc: serde_json::Value = serde_json::from_str(&render(Format::JsonLd, &empty)).expect("valid JSON");
    assert_eq!(doc["@graph"], serde_json::json!([]));
}
