//! GEXF 1.3 writer, for Gephi.
//!
//! The same graph as the GraphML, with what Gephi reads from GEXF only:
//!
//! - `viz:color`, `viz:size` and `viz:position` per node, from [`super::style`];
//! - typed attributes (`integer`, `double`, `string`) declared once in `<attributes>`;
//! - the relation as the edge's `kind`, so that Gephi keeps two edges between the same actors
//!   apart when their relations differ (from GraphML it merges them and sums their weights);
//! - spells: a node is alive from the first to the last date of the documents that mention it
//!   (`Node::dates`). The graph model keeps no date per evidence sentence, so an edge's spell
//!   is the intersection of its two nodes' spells: every document that supports the edge
//!   mentions both actors, so the edge's true dates lie inside it. Nodes and edges without
//!   dates (or with an empty intersection) get no spell and are always visible.
//!
//! | class | id / title   | type    | value                                             |
//! |-------|--------------|---------|---------------------------------------------------|
//! | node  | `type`       | string  | `Person`, `Organization`, `Country` or `Group`    |
//! | node  | `aliases`    | string  | every surface form, joined by `" \| "`            |
//! | node  | `mentions`   | integer | mentions over the corpus                          |
//! | node  | `documents`  | integer | number of documents that mention the actor        |
//! | node  | `first_seen` | string  | earliest document date, when known                |
//! | node  | `last_seen`  | string  | latest document date, when known                  |
//! | edge  | `relation`   | string  | `says`, `recruits`, `fights-for`, `allied-with`   |
//! | edge  | `evidence`   | string  | every supporting sentence, joined by `" \|\| "`   |
//! | edge  | `sources`    | string  | ids of the documents the evidence comes from      |
//!
//! Labels are the `label` attribute of `<node>` and `<edge>`, weights the edge's `weight`.
//! Text is escaped for XML 1.0 as in the GraphML writer; in attribute values tab and line
//! breaks are written as character references, so parsers keep them.

use super::style::{self, Visual};
use super::xml::EscapedAttr;
use crate::error::Result;
use crate::graph::{Edge, KnowledgeGraph, Node};
use std::io::Write;

/// Writes a [`KnowledgeGraph`] as GEXF 1.3.
///
/// # Example
///
/// ```
/// use actorgraph::export::{gexf::Gexf, Exporter};
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
/// let gexf = Gexf::new().with_positions(vec![(1.0, -2.0)]);
/// let out = String::from_utf8(gexf.write(&graph, Vec::new())?).expect("UTF-8");
/// assert!(out.contains(
///     "        <viz:color r=\"0\" g=\"158\" b=\"115\"/>\n        <viz:size value=\"10.0\"/>\n        <viz:position x=\"1.0\" y=\"-2.0\" z=\"0.0\"/>\n"
/// ));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Gexf {
    positions: Option<Vec<(f64, f64)>>,
}

impl Gexf {
    /// A writer that places nodes where [`crate::layout::layout`] puts them.
    #[must_use]
    pub fn new() -> Self {
        Gexf::default()
    }

    /// Places the nodes at `positions` (one per node, in node order) instead.
    #[must_use]
    pub fn with_positions(mut self, positions: Vec<(f64, f64)>) -> Self {
        self.positions = Some(positions);
        self
    }
}

impl super::Exporter for Gexf {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        let visuals = style::visuals(graph, self.positions.as_deref());
        super::buffered(w, |out| write_document(graph, &visuals, out))
    }
}

/// GEXF 1.3 namespace (as the 1.3 schema and networkx spell it).
const NS: &str = "http://gexf.net/1.3";
/// GEXF 1.3 visualisation namespace.
const NS_VIZ: &str = "http://gexf.net/1.3/viz";

/// Node attributes: (id and title, type).
const NODE_ATTRIBUTES: [(&str, &str); 6] = [
    ("type", "string"),
    ("aliases", "string"),
    ("mentions", "integer"),
    ("documents", "integer"),
    ("first_seen", "string"),
    ("last_seen", "string"),
];
/// Edge attributes: (id and title, type).
const EDGE_ATTRIBUTES: [(&str, &str); 3] = [("relation", "string"), ("evidence", "string"), ("sources", "string")];

/// Separator of list values, as in GraphML.
const LIST_SEPARATOR: &str = " | ";
/// Separator of evidence sentences, as in GraphML.
const EVIDENCE_SEPARATOR: &str = " || ";

/// The spell of an edge between `a` and `b`: the intersection of their spells, if not empty.
/// Dates are `YYYY-MM-DD`, so comparing strings compares dates.
fn edge_spell<'a>(a: &'a Node, b: &'a Node) -> Option<(&'a str, &'a str)> {
    let (a_start, a_end) = a.dates.as_ref()?;
    let (b_start, b_end) = b.dates.as_ref()?;
    let start = a_start.max(b_start);
    let end = a_end.min(b_end);
    (start <= end).then_some((start.as_str(), end.as_str()))
}

/// Writes `graph` to `w`, which should buffer, drawn as `visuals` says (one per node, in node
/// order): GraphML and GEXF can then share one drawing.
pub(crate) fn write_document<W: Write>(graph: &KnowledgeGraph, visuals: &[Visual], w: &mut W) -> Result<()> {
    // A graph with no dates at all is static; Gephi then shows no timeline.
    let dynamic = graph.nodes().any(|n| n.dates.is_some());
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" version="1.3">"#)?;
    writeln!(w, "  <meta>\n    <creator>actorgraph</creator>\n  </meta>")?;
    if dynamic {
        writeln!(
            w,
            r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">"#
        )?;
    } else {
        writeln!(w, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    }
    write_attributes(w, "node", &NODE_ATTRIBUTES)?;
    write_attributes(w, "edge", &EDGE_ATTRIBUTES)?;
    writeln!(w, "    <nodes>")?;
    for (node, visual) in graph.nodes().zip(visuals) {
        write_node(w, node, visual)?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, "    <edges>")?;
    for (i, (source, target, edge)) in graph.edges().enumerate() {
        write_edge(w, graph, i, source, target, edge)?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    Ok(())
}

fn write_attributes<W: Write>(w: &mut W, class: &str, attributes: &[(&str, &str)]) -> Result<()> {
    writeln!(w, r#"    <attributes class="{class}" mode="static">"#)?;
    for (id, kind) in attributes {
        writeln!(w, r#"      <attribute id="{id}" title="{id}" type="{kind}"/>"#)?;
    }
    writeln!(w, "    </attributes>")?;
    Ok(())
}

fn write_node<W: Write>(w: &mut W, node: &Node, visual: &Visual) -> Result<()> {
    writeln!(w, r#"      <node id="{}" label="{}">"#, EscapedAttr(&node.id), EscapedAttr(&node.label))?;
    let mut values = vec![
        ("type", node.kind.as_str().to_string()),
        ("aliases", node.aliases.join(LIST_SEPARATOR)),
        ("mentions", node.mentions.to_string()),
        ("documents", node.documents.to_string()),
    ];
    if let Some((first, last)) = &node.dates {
        values.push(("first_seen", first.clone()));
        values.push(("last_seen", last.clone()));
    }
    write_attvalues(w, &values)?;
    if let Some((first, last)) = &node.dates {
        write_spell(w, first, last)?;
    }
    let c = visual.color;
    writeln!(w, r#"        <viz:color r="{}" g="{}" b="{}"/>"#, c.r, c.g, c.b)?;
    writeln!(w, r#"        <viz:size value="{}"/>"#, style::number(visual.size))?;
    writeln!(w, r#"        <viz:position x="{}" y="{}" z="0.0"/>"#, style::number(visual.x), style::number(visual.y))?;
    writeln!(w, "      </node>")?;
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
    let relation = edge.relation.as_str();
    writeln!(
        w,
        r#"      <edge id="e{i}" source="{}" target="{}" kind="{relation}" label="{relation}" weight="{}">"#,
        EscapedAttr(&source.id),
        EscapedAttr(&target.id),
        style::number(edge.weight())
    )?;
    let sentences = edge.evidence.iter().map(|e| graph.sentence(e)).collect::<Result<Vec<_>>>()?;
    let values = [
        ("relation", relation.to_string()),
        ("evidence", sentences.join(EVIDENCE_SEPARATOR)),
        ("sources", edge.sources().join(LIST_SEPARATOR)),
    ];
    write_attvalues(w, &values)?;
    if let Some((start, end)) = edge_spell(source, target) {
        write_spell(w, start, end)?;
    }
    writeln!(w, "      </edge>")?;
    Ok(())
}

/// Writes the `<attvalues>` of one node or edge, leaving out empty values.
fn write_attvalues<W: Write>(w: &mut W, values: &[(&str, String)]) -> Result<()> {
    writeln!(w, "        <attvalues>")?;
    for (id, value) in values.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(w, r#"          <attvalue for="{id}" value="{}"/>"#, EscapedAttr(value))?;
    }
    writeln!(w, "        </attvalues>")?;
    Ok(())
}

fn write_spell<W: Write>(w: &mut W, start: &str, end: &str) -> Result<()> {
    writeln!(
        w,
        r#"        <spells>
          <spell start="{}" end="{}"/>
        </spells>"#,
        EscapedAttr(start),
        EscapedAttr(end)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType;

    fn node(dates: Option<(&str, &str)>) -> Node {
        Node {
            id: "x".into(),
            label: "x".into(),
            kind: EntityType::Group,
            aliases: vec![],
            mentions: 1,
            documents: 0,
            dates: dates.map(|(a, b)| (a.to_string(), b.to_string())),
        }
    }

    #[test]
    fn edge_spell_is_the_intersection_of_node_spells() {
        let a = node(Some(("2023-01-01", "2023-06-30")));
        let b = node(Some(("2023-03-01", "2023-12-31")));
        assert_eq!(edge_spell(&a, &b), Some(("2023-03-01", "2023-06-30")));
        let c = node(Some(("2024-01-01", "2024-02-01")));
        assert_eq!(edge_spell(&a, &c), None);
        assert_eq!(edge_spell(&a, &node(None)), None);
    }
}
