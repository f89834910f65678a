//! GraphML writer, for Gephi, networkx, igraph, yEd and Neo4j (`apoc.import.graphml`).
//!
//! The document is written line by line: the `<key>` declarations, then every node, then every
//! edge, indented by two spaces, in the graph's (sorted) order, so equal graphs give equal bytes.
//!
//! # Keys
//!
//! Every key's `id` equals its `attr.name`, with one exception: nodes and edges both carry a
//! `label` (Gephi shows the data named `label` on either), and key ids must be unique, so the
//! edge key is `id="edge_label" attr.name="label"`. networkx names the data by `attr.name`;
//! Gephi matches its special keys by id and then by `attr.name`, so both still see an edge
//! `label` (and `weight`). Ids are never numbered: Gephi takes a node key with id `d3` (yEd's
//! default) for the label and an edge key `d7` for the edge label, whatever its name. No key is
//! named `id`: networkx stores the edge's own `id` attribute as data `id`.
//!
//! | for  | id / attr.name | type   | value                                              |
//! |------|----------------|--------|----------------------------------------------------|
//! | node | `label`        | string | canonical name                                     |
//! | node | `type`         | string | `Person`, `Organization`, `Country` or `Group`     |
//! | node | `aliases`      | string | every surface form, joined by `" \| "`             |
//! | node | `mentions`     | int    | mentions over the corpus                           |
//! | node | `documents`    | int    | number of documents that mention the actor         |
//! | node | `first_seen`   | string | earliest document date, `YYYY-MM-DD`, when known   |
//! | node | `last_seen`    | string | latest document date, when known                   |
//! | node | `labels`       | string | Neo4j labels (`:Actor:Person`), for `readLabels: true` |
//! | node | `x`, `y`       | double | position, from [`crate::layout::layout`]           |
//! | node | `size`         | double | [`super::style::size`] of the degree               |
//! | node | `r`, `g`, `b`  | int    | [`super::style::color`] of the type                |
//! | edge | `relation`     | string | `says`, `recruits`, `fights-for`, `allied-with`    |
//! | edge | `edge_label` / `label` | string | the relation again, for Gephi              |
//! | edge | `weight`       | double | number of supporting sentences                     |
//! | edge | `evidence`     | string | every supporting sentence, joined by `" \|\| "`    |
//! | edge | `sources`      | string | ids of the documents the evidence comes from, `" \| "` |
//!
//! Data whose value is the empty string is left out. Gephi's GraphML importer takes the keys
//! `x`, `y`, `size`, `r`, `g` and `b` (matched by id, then by name) for the node's position,
//! size and colour rather than as data columns.
//!
//! # Neo4j
//!
//! `apoc.import.graphml(…, {readLabels: true})` gives a node the labels in its `labels`
//! attribute and a relationship the type in the edge's `label` attribute, so each `<node>`
//! carries `labels=":Actor:Person"` and each `<edge>` `label="RECRUITS"`: the labels and types
//! of [`super::neo4j`]. Other readers ignore these attributes.
//!
//! # Escaping
//!
//! Text and attribute values are escaped for XML 1.0 (see the `xml` module): markup
//! characters become references, and characters XML 1.0 does not allow are dropped, so the
//! output is well-formed whatever the input strings hold.

use super::ascii::Integer;
use super::neo4j;
use super::style::{self, Visual};
use super::xml;
use crate::error::Result;
use crate::graph::{Edge, KnowledgeGraph, Node};
use std::io::Write;

/// Writes a [`KnowledgeGraph`] as GraphML.
///
/// # Example
///
/// ```
/// use actorgraph::export::{graphml::GraphMl, Exporter};
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
/// let graph = KnowledgeGraph::from_parts(vec![node], vec![]);
/// let graphml = GraphMl::new().with_positions(vec![(1.5, -2.0)]);
/// let out = String::from_utf8(graphml.write(&graph, Vec::new())?).expect("UTF-8");
/// assert!(out.contains(
///     "    <node id=\"country:russia\" labels=\":Actor:Country\">\n      <data key=\"label\">Russia</data>\n"
/// ));
/// assert!(out.contains("      <data key=\"x\">1.5</data>\n      <data key=\"y\">-2.0</data>\n"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct GraphMl {
    positions: Option<Vec<(f64, f64)>>,
}

impl GraphMl {
    /// A writer that places nodes where [`crate::layout::layout`] puts them.
    #[must_use]
    pub fn new() -> Self {
        GraphMl::default()
    }

    /// Places the nodes at `positions` (one per node, in node order) instead.
    #[must_use]
    pub fn with_positions(mut self, positions: Vec<(f64, f64)>) -> Self {
        self.positions = Some(positions);
        self
    }
}

impl super::Exporter for GraphMl {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        let visuals = style::visuals(graph, self.positions.as_deref());
        super::buffered(w, |out| write_document(graph, &visuals, out))
    }
}

/// A `<key>` declaration.
struct KeyDecl {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
}

const fn key(id: &'static str, domain: &'static str, name: &'static str, kind: &'static str) -> KeyDecl {
    KeyDecl { id, domain, name, kind }
}

/// Every key, in output order (see the module docs for why `edge_label` differs from its name).
const KEYS: [KeyDecl; 19] = [
    key("label", "node", "label", "string"),
    key("type", "node", "type", "string"),
    key("aliases", "node", "aliases", "string"),
    key("mentions", "node", "mentions", "int"),
    key("documents", "node", "documents", "int"),
    key("first_seen", "node", "first_seen", "string"),
    key("last_seen", "node", "last_seen", "string"),
    key("labels", "node", "labels", "string"),
    key("x", "node", "x", "double"),
    key("y", "node", "y", "double"),
    key("size", "node", "size", "double"),
    key("r", "node", "r", "int"),
    key("g", "node", "g", "int"),
    key("b", "node", "b", "int"),
    key("relation", "edge", "relation", "string"),
    key("edge_label", "edge", "label", "string"),
    key("weight", "edge", "weight", "double"),
    key("evidence", "edge", "evidence", "string"),
    key("sources", "edge", "sources", "string"),
];

/// Separator of list values (aliases, sources).
const LIST_SEPARATOR: &str = " | ";
/// Separator of evidence sentences; wider than [`LIST_SEPARATOR`] because sentences hold `|`
/// more often than names do.
const EVIDENCE_SEPARATOR: &str = " || ";

/// Writes `graph` to `w`, which should buffer, drawn as `visuals` says (one per node, in node
/// order): GraphML and GEXF can then share one drawing.
pub(crate) fn write_document<W: Write>(graph: &KnowledgeGraph, visuals: &[Visual], w: &mut W) -> Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for k in &KEYS {
        writeln!(w, r#"  <key id="{}" for="{}" attr.name="{}" attr.type="{}"/>"#, k.id, k.domain, k.name, k.kind)?;
    }
    writeln!(w, r#"  <graph id="actorgraph" edgedefault="directed">"#)?;
    // The nodes and edges are written piece by piece, without `core::fmt` (which cost a call
    // per piece and a `String` per value): the same bytes as the `writeln!` form.
    let mut labels = String::new();
    for (node, visual) in graph.nodes().zip(visuals) {
        write_node(w, node, visual, &mut labels)?;
    }
    for (i, (source, target, edge)) in graph.edges().enumerate() {
        write_edge(w, graph, i, source, target, edge)?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    Ok(())
}

fn write_node<W: Write>(w: &mut W, node: &Node, visual: &Visual, labels: &mut String) -> Result<()> {
    labels.clear();
    for l in neo4j::labels(node.kind) {
        labels.push(':');
        labels.push_str(l);
    }
    w.write_all(b"    <node id=\"")?;
    xml::write_text(w, &node.id)?;
    w.write_all(b"\" labels=\"")?;
    w.write_all(labels.as_bytes())?;
    w.write_all(b"\">\n")?;
    write_data(w, "label", &node.label)?;
    write_data(w, "type", node.kind.as_str())?;
    write_joined(w, "aliases", &node.aliases, LIST_SEPARATOR)?;
    write_data(w, "mentions", Integer::new(node.mentions).as_str())?;
    write_data(w, "documents", Integer::new(node.documents).as_str())?;
    if let Some((first, last)) = &node.dates {
        write_data(w, "first_seen", first)?;
        write_data(w, "last_seen", last)?;
    }
    write_data(w, "labels", labels)?;
    write_data(w, "x", &style::number(visual.x))?;
    write_data(w, "y", &style::number(visual.y))?;
    write_data(w, "size", &style::number(visual.size))?;
    write_data(w, "r", Integer::new(visual.color.r.into()).as_str())?;
    write_data(w, "g", Integer::new(visual.color.g.into()).as_str())?;
    write_data(w, "b", Integer::new(visual.color.b.into()).as_str())?;
    w.write_all(b"    </node>\n")?;
    Ok(())
}

fn write_edge<W: Write>(
    w: &mut W,
    graph: &KnowledgeGraph,
    i: usize,
    source: &Node,
    target: &Node,
    edge: &Edge,
) -> Result<()> {
    w.write_all(b"    <edge id=\"e")?;
    w.write_all(Integer::new(i).as_str().as_bytes())?;
    w.write_all(b"\" source=\"")?;
    xml::write_text(w, &source.id)?;
    w.write_all(b"\" target=\"")?;
    xml::write_text(w, &target.id)?;
    w.write_all(b"\" label=\"")?;
    w.write_all(neo4j::relationship_type(edge.relation).as_bytes())?;
    w.write_all(b"\">\n")?;
    let relation = edge.relation.as_str();
    write_data(w, "relation", relation)?;
    write_data(w, "edge_label", relation)?;
    write_data(w, "weight", &weight(edge.weight()))?;
    let sentences = edge.evidence.iter().map(|e| graph.sentence(e)).collect::<Result<Vec<_>>>()?;
    write_joined(w, "evidence", &sentences, EVIDENCE_SEPARATOR)?;
    write_joined(w, "sources", &edge.sources(), LIST_SEPARATOR)?;
    w.write_all(b"    </edge>\n")?;
    Ok(())
}

/// An edge's weight as [`style::number`] writes it; a whole count below 10^15 (which `{:?}`
/// writes as its digits and `.0`) without a formatter.
fn weight(v: f64) -> std::borrow::Cow<'static, str> {
    if v.fract() == 0.0 && v.is_sign_positive() && v < 1e15 {
        let mut s = String::with_capacity(24);
        s.push_str(Integer::new(v as usize).as_str());
        s.push_str(".0");
        s.into()
    } else {
        style::number(v).into()
    }
}

/// Writes one `<data>` line, or nothing when `value` is empty.
fn write_data<W: Write>(w: &mut W, key: &str, value: &str) -> Result<()> {
    if !value.is_empty() {
        data_open(w, key)?;
        xml::write_text(w, value)?;
        w.write_all(b"</data>\n")?;
    }
    Ok(())
}

/// Writes one `<data>` line of `values` joined by `separator` (which needs no escaping), as
/// [`write_data`] of the joined string would, without joining them.
fn write_joined<W: Write, S: AsRef<str>>(w: &mut W, key: &str, values: &[S], separator: &str) -> Result<()> {
    // The joined string is empty only for no values or one empty one.
    if values.is_empty() || (values.len() == 1 && values[0].as_ref().is_empty()) {
        return Ok(());
    }
    data_open(w, key)?;
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            w.write_all(separator.as_bytes())?;
        }
        xml::write_text(w, v.as_ref())?;
    }
    w.write_all(b"</data>\n")?;
    Ok(())
}

fn data_open<W: Write>(w: &mut W, key: &str) -> std::io::Result<()> {
    w.write_all(b"      <data key=\"")?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        for n in [0usize, 7, 10, 255, 12_345, usize::MAX] {
            assert_eq!(Integer::new(n).as_str(), n.to_string());
        }
        for v in [0.0, 1.0, 25.0, 1e15 - 1.0, 1e15, 1e16, 0.5, -0.0, -2.0, f64::NAN, f64::INFINITY] {
            assert_eq!(weight(v), style::number(v));
        }
    }

    #[test]
    fn key_ids_are_unique_and_not_numbered() {
        let mut ids: Vec<&str> = KEYS.iter().map(|k| k.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), KEYS.len());
        let numbered = |id: &str| id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        assert!(ids.iter().all(|id| *id != "id" && !numbered(id)));
    }
}
