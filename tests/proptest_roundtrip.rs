//! Property tests: generated entity names and evidence sentences round-trip through GraphML
//! (read back with quick-xml) and JSON-LD (read back with `serde_json`) with the same counts and,
//! where the format can carry them, the same strings.
//!
//! GraphML drops the characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF), so the
//! strings it gives back are the generated ones without those; JSON-LD gives back every string
//! exactly. Case counts are kept modest so that `cargo test` stays quick on two cores.

use actorgraph::export::{graphml::GraphMl, jsonld::JsonLd, Exporter};
use actorgraph::graph::{Edge, KnowledgeGraph, Node};
use actorgraph::model::{EntityType, Evidence, RelationKind, Span};
use actorgraph::resolve::alias::slug;
use proptest::prelude::*;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Strings that mix the characters writers get wrong with ordinary text.
fn nasty_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z ]{1,8}",
        1 => prop::sample::select(vec![
            "<", ">", "&", "\"", "'", "&amp;", "]]>", "\r", "\n", "\t", "\u{0}", "\u{1}", "\u{1b}", "\u{7f}",
            "\u{85}", "\u{200F}", "\u{202E}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "🚀", "🇺🇦", "é", "e\u{301}",
            "ש", "ع", "||", " | ", "\\", "%", "#", "/",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.concat())
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What GraphML gives back of `s`.
fn xml_visible(s: &str) -> String {
    s.chars().filter(|c| is_xml_char(*c)).collect()
}

/// A graph of one node per name (ids made as the crate makes them) and one edge between each
/// consecutive pair, carrying one evidence sentence.
fn graph(names: &[String], sentences: &[String]) -> KnowledgeGraph {
    let nodes: Vec<Node> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Node {
            id: format!("person:{}-{i}", slug(n)),
            label: n.clone(),
            kind: EntityType::Person,
            aliases: vec![n.clone()],
            mentions: 1,
            documents: 1,
            dates: None,
        })
        .collect();
    let edges = nodes
        .windows(2)
        .zip(sentences)
        .map(|(pair, sentence)| {
            let evidence =
                vec![Evidence { doc: "d.txt".into(), sentence: sentence.as_str().into(), span: Span::new(0, 1) }];
            (pair[0].id.clone(), pair[1].id.clone(), Edge::new(RelationKind::Recruits, evidence))
        })
        .collect();
    KnowledgeGraph::from_parts(nodes, edges)
}

/// Node labels by id and edge evidence in order, as read back from GraphML.
fn read_graphml(xml: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let (mut labels, mut evidence) = (BTreeMap::new(), Vec::new());
    let (mut node, mut key) = (None::<String>, None::<String>);
    loop {
        match reader.read_event().expect("well-formed GraphML") {
            Event::Start(e) => match e.name().as_ref() {
                b"node" => {
                    let id = e.try_get_attribute("id").expect("attr").expect("id");
                    node = Some(id.unescape_value().expect("id").into_owned());
                }
                b"data" => {
                    let k = e.try_get_attribute("key").expect("attr").expect("key");
                    key = Some(k.unescape_value().expect("key").into_owned());
                }
                _ => {}
            },
            Event::Text(t) => {
                let text = t.unescape().expect("text").into_owned();
                match (key.as_deref(), &node) {
                    (Some("label"), Some(id)) => {
                        labels.insert(id.clone(), text);
                    }
                    (Some("evidence"), _) => evidence.push(text),
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"node" => node = None,
                b"data" => key = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (labels, evidence)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn names_and_evidence_round_trip_through_graphml(
        names in prop::collection::vec(nasty_string(), 1..6),
        sentences in prop::collection::vec(nasty_string(), 0..6),
    ) {
        let g = graph(&names, &sentences);
        let xml = String::from_utf8(GraphMl::new().write(&g, Vec::new()).expect("writes")).expect("UTF-8");
        let (labels, evidence) = read_graphml(&xml);
        // Labels that are empty once XML drops what it forbids are left out, as all empty data is.
        let expected: BTreeMap<String, String> =
            g.nodes().map(|n| (n.id.clone(), xml_visible(&n.label))).filter(|(_, l)| !l.is_empty()).collect();
        prop_assert_eq!(labels, expected);
        let expected: Vec<String> = g
            .edges()
            .map(|(_, _, e)| xml_visible(&g.sentence(&e.evidence[0]).expect("held")))
            .filter(|s| !s.is_empty())
            .collect();
        prop_assert_eq!(evidence, expected);
        prop_assert_eq!(xml.matches("<node ").count(), g.node_count());
        prop_assert_eq!(xml.matches("<edge ").count(), g.edge_count());
    }

    #[test]
    fn names_and_evidence_round_trip_through_jsonld(
        names in prop::collection::vec(nasty_string(), 1..6),
        sentences in prop::collection::vec(nasty_string(), 0..6),
    ) {
        let g = graph(&names, &sentences);
        let bytes = JsonLd.write(&g, Vec::new()).expect("writes");
        let v: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let items = v["@graph"].as_array().expect("@graph");
        let actors: Vec<&str> = items.iter().filter_map(|i| i.get("name")?.as_str()).collect();
        let statements: Vec<&serde_json::Value> = items.iter().filter(|i| i.get("subject").is_some()).collect();
        let labels: Vec<&str> = g.nodes().map(|n| n.label.as_str()).collect();
        prop_assert_eq!(actors, labels);
        prop_assert_eq!(statements.len(), g.edge_count());
        for ((_, _, e), s) in g.edges().zip(&statements) {
            let sentence = g.sentence(&e.evidence[0]).expect("held");
            prop_assert_eq!(s["evidence"][0]["sentence"].as_str(), Some(&*sentence));
        }
        let mut ids: Vec<&str> = items.iter().filter_map(|i| i.get("@id")?.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), n, "IRIs are unique");
    }
}
