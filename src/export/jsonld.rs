//! JSON-LD 1.0 writer, for RDF stores (Oxigraph, Jena, rdflib, pyld).
//!
//! The output is one object: `{"@context": …, "@graph": […]}`, with the context of
//! `schema/context.jsonld` inline, so that no reader needs the network. It keeps to JSON-LD
//! 1.0 (no `@version`, scoped contexts, `@nest` or `@json`), which Oxigraph requires.
//!
//! The `@graph` holds, in this order:
//!
//! - one node per actor, in id order: `@id` `https://actorgraph.dev/id/<type>/<slug>`
//!   (the node id with its first `:` made a `/`), `@type` (`schema:Person`,
//!   `schema:Organization`, `schema:Country`, `ag:Group`), `name`, `alternateName`, `mentions`,
//!   `documents`, and each relation as a direct property (`says`, `recruits`, `fightsFor`,
//!   `alliedWith`) whose values are the targets' IRIs, so `?a ag:recruits ?b` works in SPARQL;
//! - one `rdf:Statement` per edge, in edge order, which reifies the relation (`subject`,
//!   `predicate`, `object`) and carries its `weight` and `evidence`: nodes with `sentence`,
//!   `document`, `start` and `end`. Statements have no `name` and none of the relation
//!   properties, so they are never taken for actors or relations. Their IRI is derived from
//!   the edge (`https://actorgraph.dev/statement/<source id>/<relation>/<target id>`), so it
//!   stays the same when other edges come and go.
//!
//! Node keys are written in a fixed order (structs, not maps) and the context's keys sorted,
//! so equal graphs give equal bytes.

use crate::error::{Error, Result};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityType, RelationKind};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

/// The JSON-LD context document, also published as `schema/context.jsonld`.
pub const CONTEXT: &str = include_str!("../../schema/context.jsonld");

/// Namespace of actor IRIs.
const ID_BASE: &str = "https://actorgraph.dev/id/";
/// Namespace of statement IRIs.
const STATEMENT_BASE: &str = "https://actorgraph.dev/statement/";

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
///     documents: vec!["a.txt".into()],
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
        let document = Document::new(graph)?;
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
struct Document<'a> {
    #[serde(rename = "@context")]
    context: Value,
    #[serde(rename = "@graph")]
    graph: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Actor(Actor<'a>),
    Statement(Statement<'a>),
}

/// An actor with its outgoing relations.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Actor<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    alternate_name: &'a [String],
    mentions: usize,
    documents: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    says: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    recruits: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fights_for: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allied_with: Vec<String>,
}

/// One edge, reified.
#[derive(Serialize)]
struct Statement<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    subject: String,
    predicate: String,
    object: String,
    weight: f64,
    evidence: Vec<EvidenceNode<'a>>,
}

/// One supporting sentence of a statement.
#[derive(Serialize)]
struct EvidenceNode<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    sentence: &'a str,
    document: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Document<'a> {
    fn new(graph: &'a KnowledgeGraph) -> Result<Self> {
        let mut actors: BTreeMap<&str, Actor<'a>> = graph.nodes().map(|n| (n.id.as_str(), Actor::new(n))).collect();
        let mut statements = Vec::with_capacity(graph.edge_count());
        for (source, target, edge) in graph.edges() {
            if let Some(actor) = actors.get_mut(source.id.as_str()) {
                actor.relation_mut(edge.relation).push(node_iri(&target.id));
            }
            statements.push(Item::Statement(Statement::new(source, target, edge)));
        }
        let graph = actors.into_values().map(Item::Actor).chain(statements).collect();
        Ok(Document { context: context()?, graph })
    }
}

impl<'a> Actor<'a> {
    fn new(node: &'a Node) -> Self {
        Actor {
            id: node_iri(&node.id),
            // Terms of the context, which map them to schema.org (or ag:Group).
            kind: match node.kind {
                EntityType::Person => "Person",
                EntityType::Organization => "Organization",
                EntityType::Country => "Country",
                EntityType::Group => "Group",
            },
            name: &node.label,
            alternate_name: &node.aliases,
            mentions: node.mentions,
            documents: node.documents.len(),
            says: Vec::new(),
            recruits: Vec::new(),
            fights_for: Vec::new(),
            allied_with: Vec::new(),
        }
    }

    fn relation_mut(&mut self, relation: RelationKind) -> &mut Vec<String> {
        match relation {
            RelationKind::Says => &mut self.says,
            RelationKind::Recruits => &mut self.recruits,
            RelationKind::FightsFor => &mut self.fights_for,
            RelationKind::AlliedWith => &mut self.allied_with,
        }
    }
}

impl<'a> Statement<'a> {
    fn new(source: &Node, target: &Node, edge: &'a Edge) -> Self {
        let id = statement_iri(&source.id, edge.relation, &target.id);
        let evidence = edge
            .evidence
            .iter()
            .enumerate()
            .map(|(i, e)| EvidenceNode {
                id: format!("{id}#evidence-{i}"),
                kind: "Evidence",
                sentence: &e.sentence,
                document: &e.doc,
                start: e.span.start,
                end: e.span.end,
            })
            .collect();
        Statement {
            subject: node_iri(&source.id),
            predicate: format!("ag:{}", edge.relation.property()),
            object: node_iri(&target.id),
            weight: edge.weight(),
            evidence,
            kind: "Statement",
            id,
        }
    }
}

/// The object under `@context` in [`CONTEXT`].
fn context() -> Result<Value> {
    match serde_json::from_str(CONTEXT)? {
        Value::Object(mut doc) => Ok(doc.remove("@context").unwrap_or(Value::Object(doc))),
        other => Ok(other),
    }
}

/// The IRI of the actor with node id `id`: `person:vladimir-putin` becomes
/// `https://actorgraph.dev/id/person/vladimir-putin`.
fn node_iri(id: &str) -> String {
    let mut iri = String::from(ID_BASE);
    match id.split_once(':') {
        Some((kind, slug)) => {
            push_segment(&mut iri, kind);
            iri.push('/');
            push_segment(&mut iri, slug);
        }
        None => push_segment(&mut iri, id),
    }
    iri
}

/// The IRI of the statement `source relation target`. Node ids are kept whole (`:` is allowed
/// in a path segment) and `/` is always encoded in them, so distinct edges get distinct IRIs.
fn statement_iri(source: &str, relation: RelationKind, target: &str) -> String {
    let mut iri = String::from(STATEMENT_BASE);
    push_segment(&mut iri, source);
    iri.push('/');
    iri.push_str(relation.property());
    iri.push('/');
    push_segment(&mut iri, target);
    iri
}

/// Appends `s` as one IRI path segment: ASCII unreserved characters, `:` and non-ASCII letters
/// and digits as they are, every other byte percent-encoded (so `/`, `%`, `#`, `?` and spaces
/// cannot change the IRI's structure).
fn push_segment(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~' | ':')
            || (!c.is_ascii() && c.is_alphanumeric());
        if keep {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_iri_replaces_the_first_colon() {
        assert_eq!(node_iri("person:vladimir-putin"), "https://actorgraph.dev/id/person/vladimir-putin");
        assert_eq!(node_iri("group:a:b"), "https://actorgraph.dev/id/group/a:b");
        assert_eq!(node_iri("plain"), "https://actorgraph.dev/id/plain");
    }

    #[test]
    fn node_iri_encodes_unsafe_characters() {
        assert_eq!(
            node_iri("group:a b/c#d?e%f<g>\"h\u{1}"),
            "https://actorgraph.dev/id/group/a%20b%2Fc%23d%3Fe%25f%3Cg%3E%22h%01"
        );
        assert_eq!(node_iri("person:zoë-😀"), "https://actorgraph.dev/id/person/zoë-%F0%9F%98%80");
        assert_eq!(node_iri("person:a\u{200F}"), "https://actorgraph.dev/id/person/a%E2%80%8F");
    }

    #[test]
    fn statement_iri_is_derived_from_the_edge() {
        assert_eq!(
            statement_iri("organization:wagner", RelationKind::FightsFor, "country:russia"),
            "https://actorgraph.dev/statement/organization:wagner/fightsFor/country:russia"
        );
        assert_ne!(statement_iri("a/b", RelationKind::Says, "c"), statement_iri("a", RelationKind::Says, "b/c"));
    }

    #[test]
    fn context_is_the_inner_object() {
        let ctx = context().expect("context parses");
        assert_eq!(ctx["ag"], "https://actorgraph.dev/ns#");
        assert_eq!(ctx["fightsFor"]["@id"], "ag:fightsFor");
        assert!(ctx.get("@context").is_none() && ctx.get("@version").is_none());
    }

    #[test]
    fn strings_are_escaped_by_serde_json() {
        let s = serde_json::to_string("a\"b\\c\u{1}\n🚀").expect("serializes");
        assert_eq!(s, r#""a\"b\\c\u0001\n🚀""#);
    }
}
