//! Checks shared by the fuzz targets: every output reads back.

use actorgraph::export::{Format, Output};
use actorgraph::graph::KnowledgeGraph;
use quick_xml::events::Event;
use std::collections::BTreeSet;

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Parses XML to the end; returns the `node` ids (each must be unique).
fn check_xml(xml: &str) -> usize {
    assert!(xml.chars().all(is_xml_char), "a character XML 1.0 forbids");
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut ids = BTreeSet::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes().with_checks(true) {
                    a.expect("attribute").unescape_value().expect("attribute value");
                }
                if e.name().as_ref() == b"node" {
                    let id = e.try_get_attribute("id").expect("id").expect("id").unescape_value().expect("id");
                    assert!(ids.insert(id.into_owned()), "duplicate node id");
                }
            }
            Event::Text(t) => {
                t.unescape().expect("text");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    ids.len()
}

/// Writes `graph` in every output and reads each back.
pub fn check_graph(graph: &KnowledgeGraph, unique_ids: bool) {
    for output in Format::ALL.iter().flat_map(|f| f.outputs()) {
        let bytes = output.write(graph, Vec::new()).expect("writing to memory");
        let text = std::str::from_utf8(&bytes).expect("UTF-8 output");
        match output {
            Output::GraphMl | Output::Gexf => {
                let nodes = check_xml(text);
                if unique_ids {
                    assert_eq!(nodes, graph.node_count(), "{output:?}");
                }
            }
            Output::JsonLd => {
                let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
                let items = v["@graph"].as_array().expect("@graph");
                assert_eq!(items.len(), graph.node_count() + graph.edge_count());
            }
            _ => {}
        }
    }
}
