//! The RDF view of the graph, shared by the JSON-LD and N-Triples writers, so both say exactly
//! the same triples: [`actors`] and [`statements`] make it one item at a time, without I/O (so
//! that no writer holds the IRIs of the whole graph); [`super::jsonld`] serialises it with the
//! context of `schema/context.jsonld`, [`super::ntriples`] as one triple per line.
//!
//! The view holds, in this order:
//!
//! - one [`Actor`] per node, in id order: IRI `https://actorgraph.dev/id/<type>/<slug>` (the
//!   node id with its first `:` made a `/`), type (`schema:Person`, `schema:Organization`,
//!   `schema:Country`, `ag:Group`), `schema:name`, `schema:alternateName`, `ag:mentions`,
//!   `ag:documents`, `ag:firstSeen` and `ag:lastSeen` (`xsd:date`, when known), and each
//!   relation as a direct property (`ag:says`, `ag:recruits`, `ag:fightsFor`, `ag:alliedWith`)
//!   whose values are the targets' IRIs, so `?a ag:recruits ?b` works in SPARQL;
//! - one [`Statement`] (`rdf:Statement`) per edge, in edge order, which reifies the relation
//!   (`rdf:subject`, `rdf:predicate`, `rdf:object`) and carries its `ag:weight` and its
//!   `ag:evidence`: one [`EvidenceNode`] per supporting sentence with `ag:sentence`,
//!   `ag:document`, `ag:start` and `ag:end`. Statements have no name and none of the relation
//!   properties, so they are never taken for actors or relations. Their IRI is derived from the
//!   edge (`https://actorgraph.dev/statement/<source id>/<relation>/<target id>`), so it stays
//!   the same when other edges come and go; evidence IRIs add `#evidence-<n>`.

use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityType, RelationKind};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Namespace of the actorgraph vocabulary (`schema/ontology.ttl`).
pub const AG: &str = "https://actorgraph.dev/ns#";
/// Namespace of schema.org.
pub const SCHEMA: &str = "http://schema.org/";
/// Namespace of RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// Namespace of XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Namespace of actor IRIs.
pub const ID_BASE: &str = "https://actorgraph.dev/id/";
/// Namespace of statement IRIs.
pub const STATEMENT_BASE: &str = "https://actorgraph.dev/statement/";

/// An actor with its outgoing relations. Field names are the JSON-LD context's terms.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor<'a> {
    /// The actor's IRI.
    #[serde(rename = "@id")]
    pub id: String,
    /// The actor's type.
    #[serde(rename = "@type", serialize_with = "serialize_kind")]
    pub kind: EntityType,
    /// `schema:name`.
    pub name: &'a str,
    /// `schema:alternateName`: every surface form.
    pub alternate_name: &'a [String],
    /// `ag:mentions`.
    pub mentions: usize,
    /// `ag:documents`: the number of documents.
    pub documents: usize,
    /// `ag:firstSeen`: the earliest document date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<&'a str>,
    /// `ag:lastSeen`: the latest document date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<&'a str>,
    /// `ag:says` targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub says: Vec<String>,
    /// `ag:recruits` targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recruits: Vec<String>,
    /// `ag:fightsFor` targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fights_for: Vec<String>,
    /// `ag:alliedWith` targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allied_with: Vec<String>,
    /// The targets of the user-defined relations, each under its property (`ag:suppliesArmsTo`).
    #[serde(flatten)]
    pub custom: CustomRelations,
}

/// An actor's user-defined relations, by relation, written as one JSON-LD property each.
#[derive(Debug, Default)]
pub struct CustomRelations(pub BTreeMap<RelationKind, Vec<String>>);

impl Serialize for CustomRelations {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (relation, targets) in &self.0 {
            map.serialize_entry(relation.property(), targets)?;
        }
        map.end()
    }
}

/// One edge, reified.
#[derive(Debug, Serialize)]
pub struct Statement<'a> {
    /// The statement's IRI.
    #[serde(rename = "@id")]
    pub id: String,
    /// Always `Statement` (`rdf:Statement`).
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The source actor's IRI.
    pub subject: String,
    /// The relation as a compact IRI (`ag:recruits`).
    pub predicate: String,
    /// The target actor's IRI.
    pub object: String,
    /// The number of supporting sentences.
    pub weight: f64,
    /// The supporting sentences.
    pub evidence: Vec<EvidenceNode<'a>>,
    /// The relation.
    #[serde(skip)]
    pub relation: RelationKind,
}

/// One supporting sentence of a statement.
#[derive(Debug, Serialize)]
pub struct EvidenceNode<'a> {
    /// The evidence's IRI.
    #[serde(rename = "@id")]
    pub id: String,
    /// Always `Evidence` (`ag:Evidence`).
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The sentence text.
    pub sentence: Cow<'a, str>,
    /// The document id.
    pub document: &'a str,
    /// First byte of the sentence in the document.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The actors of `graph`, in node id order, each with the targets of its outgoing edges in
/// edge order. Each actor is made when the iterator reaches it, so that a writer holds the
/// IRIs of one actor at a time, not of the whole graph.
pub fn actors(graph: &KnowledgeGraph) -> impl Iterator<Item = Actor<'_>> {
    let g = graph.petgraph();
    g.node_indices().map(move |ix| {
        let mut actor = Actor::new(&g[ix]);
        // petgraph lists a node's edges newest first: sort them back into edge order.
        let mut out: Vec<_> = g.edges_directed(ix, Direction::Outgoing).collect();
        out.sort_unstable_by_key(EdgeRef::id);
        for e in out {
            actor.relation_mut(e.weight().relation).push(node_iri(&g[e.target()].id));
        }
        actor
    })
}

/// The statements of `graph`, one per edge, in edge order, each made when the iterator
/// reaches it (as [`actors`]).
///
/// # Errors
/// An item is an error where a stored evidence sentence cannot be read back.
pub fn statements(graph: &KnowledgeGraph) -> impl Iterator<Item = crate::error::Result<Statement<'_>>> {
    graph.edges().map(move |(source, target, edge)| Statement::new(graph, source, target, edge))
}

impl<'a> Actor<'a> {
    fn new(node: &'a Node) -> Self {
        Actor {
            id: node_iri(&node.id),
            kind: node.kind,
            name: &node.label,
            alternate_name: &node.aliases,
            mentions: node.mentions,
            documents: node.documents,
            first_seen: node.dates.as_ref().map(|(first, _)| first.as_str()),
            last_seen: node.dates.as_ref().map(|(_, last)| last.as_str()),
            says: Vec::new(),
            recruits: Vec::new(),
            fights_for: Vec::new(),
            allied_with: Vec::new(),
            custom: CustomRelations::default(),
        }
    }

    fn relation_mut(&mut self, relation: RelationKind) -> &mut Vec<String> {
        match relation {
            RelationKind::Says => &mut self.says,
            RelationKind::Recruits => &mut self.recruits,
            RelationKind::FightsFor => &mut self.fights_for,
            RelationKind::AlliedWith => &mut self.allied_with,
            custom @ RelationKind::Custom(_) => self.custom.0.entry(custom).or_default(),
        }
    }

    /// The targets of each relation: the built-in ones in [`RelationKind::ALL`] order, then the
    /// user-defined ones the actor has.
    #[must_use]
    pub fn relations(&self) -> Vec<(RelationKind, &[String])> {
        let builtin = [
            (RelationKind::Says, self.says.as_slice()),
            (RelationKind::Recruits, &self.recruits),
            (RelationKind::FightsFor, &self.fights_for),
            (RelationKind::AlliedWith, &self.allied_with),
        ];
        builtin.into_iter().chain(self.custom.0.iter().map(|(r, t)| (*r, t.as_slice()))).collect()
    }
}

impl<'a> Statement<'a> {
    fn new(graph: &KnowledgeGraph, source: &Node, target: &Node, edge: &'a Edge) -> crate::error::Result<Self> {
        let id = statement_iri(&source.id, edge.relation, &target.id);
        let evidence = edge
            .evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                Ok(EvidenceNode {
                    id: format!("{id}#evidence-{i}"),
                    kind: "Evidence",
                    sentence: graph.sentence(e)?,
                    document: &e.doc,
                    start: e.span.start,
                    end: e.span.end,
                })
            })
            .collect::<crate::error::Result<_>>()?;
        Ok(Statement {
            subject: node_iri(&source.id),
            predicate: format!("ag:{}", edge.relation.property()),
            object: node_iri(&target.id),
            weight: edge.weight(),
            evidence,
            kind: "Statement",
            relation: edge.relation,
            id,
        })
    }
}

/// The context term of an actor type, which the context maps to schema.org (or `ag:Group`).
#[must_use]
pub fn type_term(kind: EntityType) -> &'static str {
    kind.as_str()
}

/// The full IRI of an actor type.
#[must_use]
pub fn type_iri(kind: EntityType) -> String {
    match kind {
        EntityType::Group => format!("{AG}Group"),
        other => format!("{SCHEMA}{}", other.as_str()),
    }
}

fn serialize_kind<S: serde::Serializer>(kind: &EntityType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(type_term(*kind))
}

/// The IRI of the actor with node id `id`: `person:vladimir-putin` becomes
/// `https://actorgraph.dev/id/person/vladimir-putin`.
#[must_use]
pub fn node_iri(id: &str) -> String {
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
#[must_use]
pub fn statement_iri(source: &str, relation: RelationKind, target: &str) -> String {
    let mut iri = String::from(STATEMENT_BASE);
    push_segment(&mut iri, source);
    iri.push('/');
    iri.push_str(relation.property());
    iri.push('/');
    push_segment(&mut iri, target);
    iri
}

/// Appends `s` as one IRI path segment: ASCII unreserved characters, `:` and non-ASCII letters
/// and digits as they are, every other byte percent-encoded (so `/`, `%`, `#`, `?`, spaces and
/// the characters N-Triples forbids in an IRI cannot occur).
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
    fn type_iris_follow_the_context() {
        assert_eq!(type_iri(EntityType::Person), "http://schema.org/Person");
        assert_eq!(type_iri(EntityType::Group), "https://actorgraph.dev/ns#Group");
    }
}
