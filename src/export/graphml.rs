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
//! | node | `labels`       | string | Neo4j labels (`:Person`), for `readLabels: true`   |
//! | edge | `relation`     | string | `says`, `recruits`, `fights-for`, `allied-with`    |
//! | edge | `edge_label` / `label` | string | the relation again, for Gephi              |
//! | edge | `weight`       | double | number of supporting sentences                     |
//! | edge | `evidence`     | string | every supporting sentence, joined by `" \|\| "`    |
//! | edge | `sources`      | string | ids of the documents the evidence comes from, `" \| "` |
//!
//! Data whose value is the empty string is left out.
//!
//! # Escaping
//!
//! Text and attribute values go through `Escaped`: `&`, `<`, `>` and `"` become entity
//! references, `\r` becomes `&#13;` (a parser would otherwise turn it into `\n`), and characters
//! XML 1.0 does not allow (controls other than tab, newline and carriage return, U+FFFE, U+FFFF)
//! are dropped, so the output is well-formed whatever the input strings hold.

use crate::error::{Error, Result};
use crate::graph::{Edge, KnowledgeGraph, Node};
use std::fmt;
use std::io::{BufWriter, Write};

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
///     documents: vec!["a.txt".into()],
///     dates: None,
/// };
/// let graph = KnowledgeGraph::from_parts(vec![node], vec![]);
/// let out = String::from_utf8(GraphMl.write(&graph, Vec::new())?).expect("UTF-8");
/// assert!(out.contains(
///     "    <node id=\"country:russia\">\n      <data key=\"label\">Russia</data>\n"
/// ));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphMl;

impl super::Exporter for GraphMl {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        let mut out = BufWriter::new(w);
        write_document(graph, &mut out)?;
        let mut w = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        w.flush()?;
        Ok(w)
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
const KEYS: [KeyDecl; 11] = [
    key("label", "node", "label", "string"),
    key("type", "node", "type", "string"),
    key("aliases", "node", "aliases", "string"),
    key("mentions", "node", "mentions", "int"),
    key("documents", "node", "documents", "int"),
    key("labels", "node", "labels", "string"),
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

fn write_document<W: Write>(graph: &KnowledgeGraph, w: &mut W) -> Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for k in &KEYS {
        writeln!(w, r#"  <key id="{}" for="{}" attr.name="{}" attr.type="{}"/>"#, k.id, k.domain, k.name, k.kind)?;
    }
    writeln!(w, r#"  <graph id="actorgraph" edgedefault="directed">"#)?;
    for node in graph.nodes() {
        write_node(w, node)?;
    }
    for (i, (source, target, edge)) in graph.edges().enumerate() {
        write_edge(w, i, source, target, edge)?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    Ok(())
}

fn write_node<W: Write>(w: &mut W, node: &Node) -> Result<()> {
    writeln!(w, r#"    <node id="{}">"#, Escaped(&node.id))?;
    write_data(w, "label", &node.label)?;
    write_data(w, "type", node.kind.as_str())?;
    write_data(w, "aliases", &node.aliases.join(LIST_SEPARATOR))?;
    write_data(w, "mentions", &node.mentions.to_string())?;
    write_data(w, "documents", &node.documents.len().to_string())?;
    write_data(w, "labels", &format!(":{}", node.kind.as_str()))?;
    writeln!(w, "    </node>")?;
    Ok(())
}

fn write_edge<W: Write>(w: &mut W, i: usize, source: &Node, target: &Node, edge: &Edge) -> Result<()> {
    writeln!(w, r#"    <edge id="e{i}" source="{}" target="{}">"#, Escaped(&source.id), Escaped(&target.id))?;
    let relation = edge.relation.as_str();
    let sentences: Vec<&str> = edge.evidence.iter().map(|e| e.sentence.as_str()).collect();
    write_data(w, "relation", relation)?;
    write_data(w, "edge_label", relation)?;
    // `{:?}` keeps the decimal point (`2.0`), which typed readers expect of a double.
    write_data(w, "weight", &format!("{:?}", edge.weight()))?;
    write_data(w, "evidence", &sentences.join(EVIDENCE_SEPARATOR))?;
    write_data(w, "sources", &edge.sources().join(LIST_SEPARATOR))?;
    writeln!(w, "    </edge>")?;
    Ok(())
}

/// Writes one `<data>` line, or nothing when `value` is empty.
fn write_data<W: Write>(w: &mut W, key: &str, value: &str) -> Result<()> {
    if !value.is_empty() {
        writeln!(w, r#"      <data key="{key}">{}</data>"#, Escaped(value))?;
    }
    Ok(())
}

/// A string displayed as XML 1.0 character data, safe in text and in double-quoted attributes.
///
/// Tab and newline are kept: they survive in text, and the only attributes written are ids,
/// which never hold them.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\r' => "&#13;",
                c if !is_xml_char(c) => "",
                _ => continue,
            };
            f.write_str(&s[start..i])?;
            f.write_str(replacement)?;
            start = i + c.len_utf8();
        }
        f.write_str(&s[start..])
    }
}

/// Whether XML 1.0 allows `c` in a document (production `Char`; surrogates cannot occur).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        Escaped(s).to_string()
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(esc(r#"a < b & "c" > d"#), "a &lt; b &amp; &quot;c&quot; &gt; d");
        assert_eq!(esc("&amp;"), "&amp;amp;");
    }

    #[test]
    fn drops_characters_xml_forbids() {
        assert_eq!(esc("a\u{0}b\u{1}c\u{1b}d\u{1f}e"), "abcde");
        assert_eq!(esc("x\u{FFFE}\u{FFFF}y"), "xy");
    }

    #[test]
    fn keeps_allowed_whitespace_and_unicode() {
        assert_eq!(esc("a\tb\nc"), "a\tb\nc");
        assert_eq!(esc("a\r\nb"), "a&#13;\nb");
        let s = "emoji 🚀, RTL \u{200F}שלום, \u{7F}\u{85}\u{FFFD}\u{10FFFF}";
        assert_eq!(esc(s), s);
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert_eq!(esc(""), "");
        assert_eq!(esc("person:vladimir-putin"), "person:vladimir-putin");
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
