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

use super::rdf::{Actor, Document, Statement};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use serde::Serialize;
use serde_json::Value;
use std::io::{BufWriter, Write};

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
        let view = Document::new(graph);
        let items = view.actors.iter().map(Item::Actor).chain(view.statements.iter().map(Item::Statement)).collect();
        let mut context = context()?;
        add_custom_terms(&mut context, &view);
        let document = Output { context, graph: items };
        let mut out = BufWriter::new(w);
        serde_json::to_writer_pretty(&mut out, &document)?;
        out.write_all(b"\n")?;
        let mut w = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        w.flush()?;
        Ok(w)
    }
}

/// The whole output.
#[derive(Serialize)]
struct Output<'v, 'a> {
    #[serde(rename = "@context")]
    context: Value,
    #[serde(rename = "@graph")]
    graph: Vec<Item<'v, 'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'v, 'a> {
    Actor(&'v Actor<'a>),
    Statement(&'v Statement<'a>),
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
fn add_custom_terms(context: &mut Value, view: &Document<'_>) {
    let Value::Object(map) = context else { return };
    for actor in &view.actors {
        for relation in actor.custom.0.keys() {
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
