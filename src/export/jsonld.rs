//! JSON-LD 1.0 writer, for RDF stores (Oxigraph, Jena, rdflib, pyld).
//!
//! The output is one object: `{"@context": …, "@graph": […]}`, with the context of
//! `schema/context.jsonld` inline, so that no reader needs the network. It keeps to JSON-LD
//! 1.0 (no `@version`, scoped contexts, `@nest` or `@json`), which Oxigraph requires.
//!
//! The `@graph` is the RDF view of [`super::rdf`]: the actors, then the statements with their
//! evidence. [`super::ntriples`] writes the same triples.
//!
//! Node keys are written in a fixed order (structs, not maps) and the context's keys sorted,
//! so equal graphs give equal bytes.

use super::rdf;
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// The JSON-LD context document, also published as `schema/context.jsonld`.
pub const CONTEXT: &str = include_str!("../../schema/context.jsonld");

/// Writes a [`KnowledgeGraph`] as JSON-LD 1.0.
///
/// # Example
///
/// ```
/// use actorgraph::export::{jsonld::JsonLd, Exporter};
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
/// let out = String::from_utf8(JsonLd.write(&graph, Vec::new())?).expect("UTF-8");
/// assert!(out.contains(
///     r#"      "@id": "https://actorgraph.dev/id/country/russia",
///       "@type": "Country",
///       "name": "Russia","#
/// ));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLd;

impl super::Exporter for JsonLd {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        let mut context = context()?;
        add_custom_terms(&mut context, graph);
        // The bytes of `serde_json::to_writer_pretty` of `{"@context": …, "@graph": [actors…,
        // statements…]}`, with the framing written here and each item serialised on its own
        // at its depth, so that only one item's IRIs exist at a time.
        super::buffered(w, |out| {
            out.write_all(b"{\n  \"@context\": ")?;
            serde_json::to_writer_pretty(Indented { out: &mut *out, indent: b"  " }, &context)?;
            out.write_all(b",\n  \"@graph\": [")?;
            let mut items = 0usize;
            for actor in rdf::actors(graph) {
                write_item(out, &actor, &mut items)?;
            }
            for statement in rdf::statements(graph) {
                write_item(out, &statement, &mut items)?;
            }
            out.write_all(if items == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
            Ok(())
        })
    }
}

/// Writes one element of the `@graph` array as the pretty printer does: on its own line, after
/// a comma unless it is the first, indented two levels.
fn write_item<W: Write, T: Serialize>(out: &mut W, item: &T, items: &mut usize) -> Result<()> {
    out.write_all(if *items == 0 { b"\n    " } else { b",\n    " })?;
    serde_json::to_writer_pretty(Indented { out, indent: b"    " }, item)?;
    *items += 1;
    Ok(())
}

/// A writer that adds `indent` after every line break: a value pretty-printed through it reads
/// as if nested that deep. serde_json escapes line breaks inside strings (`\n`), so every raw
/// `\n` byte it writes is its own formatting.
struct Indented<'w, W> {
    out: &'w mut W,
    indent: &'static [u8],
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> std::io::Result<()> {
        while let Some(i) = buf.iter().position(|&b| b == b'\n') {
            let (line, rest) = buf.split_at(i + 1);
            self.out.write_all(line)?;
            self.out.write_all(self.indent)?;
            buf = rest;
        }
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The object under `@context` in [`CONTEXT`].
fn context() -> Result<Value> {
    match serde_json::from_str(CONTEXT)? {
        Value::Object(mut doc) => Ok(doc.remove("@context").unwrap_or(Value::Object(doc))),
        other => Ok(other),
    }
}

/// The terms [`CONTEXT`] defines (`name`, `recruits`, …), which a user's relation may not take.
#[must_use]
pub fn context_terms() -> Vec<String> {
    match context() {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Defines the property of each user-defined relation of the graph, as the context does the
/// built-in ones, so that its values read as IRIs.
fn add_custom_terms(context: &mut Value, graph: &KnowledgeGraph) {
    let Value::Object(map) = context else { return };
    for relation in graph.relation_kinds() {
        if let RelationKind::Custom(_) = relation {
            let property = relation.property();
            map.entry(property.to_string()).or_insert_with(
                || serde_json::json!({ "@id": format!("ag:{property}"), "@type": "@id", "@container": "@set" }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_inner_object() {
        let ctx = context().expect("context parses");
        assert_eq!(ctx["ag"], "https://actorgraph.dev/ns#");
        assert_eq!(ctx["fightsFor"]["@id"], "ag:fightsFor");
        assert_eq!(ctx["firstSeen"]["@type"], "xsd:date");
        assert!(ctx.get("@context").is_none() && ctx.get("@version").is_none());
    }

    #[test]
    fn strings_are_escaped_by_serde_json() {
        let s = serde_json::to_string("a\"b\\c\u{1}\n🚀").expect("serializes");
        assert_eq!(s, r#""a\"b\\c\u0001\n🚀""#);
    }
}
