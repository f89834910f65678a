//! Reads back the GraphML that [`crate::export::graphml`] writes.
//!
//! Data is matched by the key's `attr.name` (`label`, `type`, `aliases`, `mentions`,
//! `documents`, `relation`, `evidence`, `sources`), so files that other tools rewrote with
//! numbered key ids (`d0`, `d1`, …) read as well. Unknown keys are ignored.
//!
//! GraphML keeps less than the graph: the reader fills in what it can.
//!
//! - A node's `documents` is a count (at least the number of sources of the node's edges).
//! - An edge's `weight` counts all of its supporting sentences; those beyond the sentences
//!   written (a build with `--max-evidence`) are counted in [`Edge::omitted`].
//! - An edge's sentences are not tied to their documents. Sentences and sources are both
//!   written sorted by document, so the reader gives sentences to the sources in order, one at least
//!   each, the rest to the last one: the set of sources is exact, the document of a single
//!   sentence on an edge with several sources may not be. Spans are unknown; the sentence's
//!   position on the edge stands in, so repeated sentences are kept.
//! - Dates come from `first_seen` and `last_seen`; positions (`x`, `y`) and colours are not
//!   kept: [`crate::layout`] computes them again from the graph.

use crate::error::{Error, Result};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityType, Evidence, RelationKind, Span};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use std::path::Path;

/// Reads a GraphML file written by actorgraph.
///
/// # Errors
/// [`Error::Read`] when the file cannot be read, [`Error::Import`] naming the file and the
/// byte position when it is not GraphML that can be read back.
pub fn read_file(path: &Path) -> Result<KnowledgeGraph> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    read(std::io::BufReader::new(file)).map_err(|e| match e {
        Error::Import { path: _, position, message } => Error::Import { path: path.to_path_buf(), position, message },
        other => other,
    })
}

/// Reads GraphML from `r`.
///
/// ```
/// use actorgraph::export::Format;
/// use actorgraph::graph::{KnowledgeGraph, Node};
/// use actorgraph::model::EntityType;
///
/// let node = Node {
///     id: "country:russia".into(),
///     label: "Russia".into(),
///     kind: EntityType::Country,
///     aliases: vec!["Russia".into()],
///     mentions: 2,
///     documents: 1,
///     dates: None,
/// };
/// let graph = KnowledgeGraph::from_parts(vec![node.clone()], vec![]);
/// let bytes = Format::GraphMl.write(&graph, Vec::new())?;
/// let back = actorgraph::import::graphml::read(&bytes[..])?;
/// assert_eq!(back.nodes().next(), Some(&node));
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
/// [`Error::Import`] (with an empty path) for malformed XML, an unknown type or relation, or
/// an edge to a node that is not declared.
pub fn read<R: BufRead>(r: R) -> Result<KnowledgeGraph> {
    let mut reader = Reader::from_reader(r);
    let mut buf = Vec::new();
    // key id → attr.name
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut raw_nodes: Vec<RawItem> = Vec::new();
    let mut raw_edges: Vec<RawItem> = Vec::new();
    let mut current: Option<(bool, RawItem)> = None; // (is edge, item)
    let mut data_key: Option<String> = None;
    let mut text = String::new();
    let mut seen_root = false;
    let fail = |reader: &Reader<R>, message: String| Error::Import {
        path: std::path::PathBuf::new(),
        position: reader.buffer_position(),
        message,
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| fail(&reader, e.to_string()))?;
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let empty = matches!(event, Event::Empty(_));
                let attrs = attributes(s).map_err(|m| fail(&reader, m))?;
                match s.local_name().as_ref() {
                    b"graphml" => seen_root = true,
                    b"key" => {
                        if let Some(id) = attrs.get("id") {
                            let name = attrs.get("attr.name").unwrap_or(id).clone();
                            keys.insert(id.clone(), name);
                        }
                    }
                    b"node" => {
                        let id = attrs.get("id").cloned().ok_or_else(|| fail(&reader, "node without id".into()))?;
                        let item = RawItem { id, ..RawItem::default() };
                        if empty {
                            raw_nodes.push(item);
                        } else {
                            current = Some((false, item));
                        }
                    }
                    b"edge" => {
                        let (Some(source), Some(target)) = (attrs.get("source"), attrs.get("target")) else {
                            return Err(fail(&reader, "edge without source or target".into()));
                        };
                        let item = RawItem { id: source.clone(), target: target.clone(), ..RawItem::default() };
                        if empty {
                            raw_edges.push(item);
                        } else {
                            current = Some((true, item));
                        }
                    }
                    b"data" if !empty => {
                        data_key = attrs.get("key").cloned();
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if data_key.is_some() => {
                let s = t.unescape().map_err(|e| fail(&reader, e.to_string()))?;
                text.push_str(&s);
            }
            Event::CData(t) if data_key.is_some() => text.push_str(&String::from_utf8_lossy(&t.into_inner())),
            Event::End(e) => match e.local_name().as_ref() {
                b"data" => {
                    if let (Some(k), Some((_, item))) = (data_key.take(), current.as_mut()) {
                        let name = keys.get(&k).cloned().unwrap_or(k);
                        item.data.insert(name, std::mem::take(&mut text));
                    }
                }
                b"node" | b"edge" => match current.take() {
                    Some((true, item)) => raw_edges.push(item),
                    Some((false, item)) => raw_nodes.push(item),
                    None => {}
                },
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(fail(
            &reader,
            "not GraphML (no <graphml> element): give the graph.graphml that `actorgraph build` writes".into(),
        ));
    }
    assemble(raw_nodes, raw_edges).map_err(|message| Error::Import {
        path: std::path::PathBuf::new(),
        position: 0,
        message,
    })
}

/// A node or edge as read: its id (an edge's source), an edge's target, its data by name.
#[derive(Debug, Default)]
struct RawItem {
    id: String,
    target: String,
    data: BTreeMap<String, String>,
}

fn attributes(s: &BytesStart<'_>) -> std::result::Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
        out.insert(key, value);
    }
    Ok(out)
}

fn split_list(s: Option<&String>, sep: &str) -> Vec<String> {
    s.map(|s| s.split(sep).map(str::to_string).filter(|v| !v.is_empty()).collect()).unwrap_or_default()
}

fn entity_type(s: &str) -> Option<EntityType> {
    [EntityType::Person, EntityType::Organization, EntityType::Country, EntityType::Group]
        .into_iter()
        .find(|t| t.as_str() == s)
}

fn assemble(raw_nodes: Vec<RawItem>, raw_edges: Vec<RawItem>) -> std::result::Result<KnowledgeGraph, String> {
    let declared: BTreeSet<&str> = raw_nodes.iter().map(|n| n.id.as_str()).collect();
    let mut edges = Vec::new();
    let mut node_sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in &raw_edges {
        for end in [&e.id, &e.target] {
            if !declared.contains(end.as_str()) {
                return Err(format!("edge to undeclared node '{end}'"));
            }
        }
        let rel_name = e.data.get("relation").map_or("", String::as_str);
        if rel_name.trim().is_empty() {
            return Err(format!("edge {} -> {}: no relation", e.id, e.target));
        }
        // A relation name we do not know comes from a user's schema: read it as one.
        let relation = RelationKind::from_name(rel_name);
        let sentences = split_list(e.data.get("evidence"), " || ");
        let sources = split_list(e.data.get("sources"), " | ");
        for s in &sources {
            node_sources.entry(e.id.clone()).or_default().insert(s.clone());
            node_sources.entry(e.target.clone()).or_default().insert(s.clone());
        }
        // A capped build keeps only the first sentences; the weight counts them all.
        let weight = e.data.get("weight").and_then(|w| w.trim().parse::<f64>().ok());
        let evidence: Vec<Evidence> = sentences
            .into_iter()
            .enumerate()
            .map(|(i, sentence)| Evidence {
                doc: sources
                    .get(i.min(sources.len().saturating_sub(1)))
                    .map_or_else(|| "".into(), |s| s.as_str().into()),
                sentence: sentence.into(),
                span: Span::new(i, i),
            })
            .collect();
        let omitted = weight.map_or(0, |w| (w.max(0.0) as usize).saturating_sub(evidence.len()));
        edges.push((e.id.clone(), e.target.clone(), Edge { relation, evidence, omitted }));
    }
    let mut nodes = Vec::new();
    for n in raw_nodes {
        let type_name = n.data.get("type").map_or("", String::as_str);
        let kind = entity_type(type_name).ok_or_else(|| format!("node {}: unknown type '{type_name}'", n.id))?;
        let number = |key: &str| -> std::result::Result<usize, String> {
            n.data
                .get(key)
                .map_or(Ok(0), |v| v.trim().parse().map_err(|_| format!("node {}: {key} '{v}' is not a count", n.id)))
        };
        let count = number("documents")?;
        let documents = count.max(node_sources.remove(&n.id).map_or(0, |s| s.len()));
        nodes.push(Node {
            label: n.data.get("label").cloned().unwrap_or_else(|| n.id.clone()),
            kind,
            aliases: split_list(n.data.get("aliases"), " | "),
            mentions: number("mentions")?,
            documents,
            dates: match (n.data.get("first_seen"), n.data.get("last_seen")) {
                (Some(a), Some(b)) => Some((a.clone(), b.clone())),
                (Some(a), None) | (None, Some(a)) => Some((a.clone(), a.clone())),
                (None, None) => None,
            },
            id: n.id,
        });
    }
    Ok(KnowledgeGraph::from_parts(nodes, edges))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Format;

    fn node(id: &str, kind: EntityType, docs: &[&str]) -> Node {
        Node {
            id: id.into(),
            label: format!("Label & <{id}>"),
            kind,
            aliases: vec!["A | B".replace(" | ", "/"), "Z".into()],
            mentions: 3,
            documents: docs.len(),
            dates: Some(("2024-01-02".into(), "2024-03-04".into())),
        }
    }

    #[test]
    fn round_trips_what_graphml_keeps() {
        let ev = |doc: &str, s: &str, i| Evidence { doc: doc.into(), sentence: s.into(), span: Span::new(i, i) };
        let nodes = vec![
            node("group:a", EntityType::Group, &["a.txt", "b.txt"]),
            node("person:b", EntityType::Person, &["a.txt", "b.txt"]),
        ];
        let edges = vec![(
            "group:a".to_string(),
            "person:b".to_string(),
            Edge {
                relation: RelationKind::Recruits,
                evidence: vec![ev("a.txt", "One \"quoted\" line.", 0), ev("b.txt", "Two.", 1)],
                // Sentences a capped build did not keep: the weight (5) brings them back.
                omitted: 3,
            },
        )];
        let g = KnowledgeGraph::from_parts(nodes, edges);
        let bytes = Format::GraphMl.write(&g, Vec::new()).unwrap();
        let back = read(&bytes[..]).unwrap();
        assert_eq!(back.nodes().cloned().collect::<Vec<_>>(), g.nodes().cloned().collect::<Vec<_>>());
        let (s, t, e) = back.edges().next().unwrap();
        assert_eq!((s.id.as_str(), t.id.as_str()), ("group:a", "person:b"));
        assert_eq!(e, g.edges().next().unwrap().2);
        // And written again, the same bytes.
        assert_eq!(Format::GraphMl.write(&back, Vec::new()).unwrap(), bytes);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            "{\"@context\": {}}",
            "<graphml><graph><node id=\"a\"><data key=\"type\">Alien</data></node></graph></graphml>",
            "<graphml><graph><edge source=\"a\" target=\"b\"/></graph></graphml>",
            "<graphml><graph><node id=\"a\"></graph>",
            "<graphml><graph><node id=\"a\"><data key=\"type\">Group</data><data key=\"mentions\">x</data></node></graph></graphml>",
        ] {
            assert!(read(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
