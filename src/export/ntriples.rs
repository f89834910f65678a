//! N-Triples writer: the triples of the JSON-LD output, one per line.
//!
//! Both writers read the same RDF view ([`super::rdf::Document`]), and literals take the form a
//! JSON-LD processor gives them when it turns the JSON-LD into RDF: strings plain, counts and
//! offsets `xsd:integer`, dates `xsd:date`, weights `xsd:double` in canonical form (`2.0E0`).
//! So a store that loads either file holds the same graph. Triples are grouped by subject, in
//! the JSON-LD's order (actors, then statements, each followed by its evidence).

use super::rdf::{self, Document, AG, RDF, SCHEMA, XSD};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::fmt;
use std::io::{BufWriter, Write};

/// Writes a [`KnowledgeGraph`] as N-Triples.
///
/// # Example
///
/// ```
/// use actorgraph::export::{ntriples::NTriples, Exporter};
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
/// let out = String::from_utf8(NTriples.write(&graph, Vec::new())?).expect("UTF-8");
/// assert!(out.starts_with(
///     "<https://actorgraph.dev/id/country/russia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Country> .\n"
/// ));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NTriples;

impl super::Exporter for NTriples {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        let view = Document::new(graph);
        let mut out = BufWriter::new(w);
        for triple in triples(&view) {
            writeln!(out, "{triple}")?;
        }
        let mut w = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        w.flush()?;
        Ok(w)
    }
}

/// An RDF term in object position.
#[derive(Debug, Clone, PartialEq)]
enum Object {
    /// An IRI.
    Iri(String),
    /// A plain (`xsd:string`) literal.
    String(String),
    /// A literal of a datatype, given by its local name in `xsd:`.
    Typed(String, &'static str),
}

/// One triple.
#[derive(Debug, Clone, PartialEq)]
struct Triple {
    subject: String,
    predicate: String,
    object: Object,
}

/// Every triple of the view, in output order.
fn triples(view: &Document<'_>) -> Vec<Triple> {
    let mut out = Vec::new();
    let mut add = |subject: &str, predicate: String, object: Object| {
        out.push(Triple { subject: subject.to_string(), predicate, object });
    };
    let rdf_type = format!("{RDF}type");
    for a in &view.actors {
        add(&a.id, rdf_type.clone(), Object::Iri(rdf::type_iri(a.kind)));
        add(&a.id, format!("{SCHEMA}name"), Object::String(a.name.to_string()));
        for alias in a.alternate_name {
            add(&a.id, format!("{SCHEMA}alternateName"), Object::String(alias.clone()));
        }
        add(&a.id, format!("{AG}mentions"), Object::Typed(a.mentions.to_string(), "integer"));
        add(&a.id, format!("{AG}documents"), Object::Typed(a.documents.to_string(), "integer"));
        if let Some(d) = a.first_seen {
            add(&a.id, format!("{AG}firstSeen"), Object::Typed(d.to_string(), "date"));
        }
        if let Some(d) = a.last_seen {
            add(&a.id, format!("{AG}lastSeen"), Object::Typed(d.to_string(), "date"));
        }
        for (relation, targets) in a.relations() {
            for t in targets {
                add(&a.id, format!("{AG}{}", relation.property()), Object::Iri(t.clone()));
            }
        }
    }
    for s in &view.statements {
        add(&s.id, rdf_type.clone(), Object::Iri(format!("{RDF}Statement")));
        add(&s.id, format!("{RDF}subject"), Object::Iri(s.subject.clone()));
        add(&s.id, format!("{RDF}predicate"), Object::Iri(format!("{AG}{}", s.relation.property())));
        add(&s.id, format!("{RDF}object"), Object::Iri(s.object.clone()));
        add(&s.id, format!("{AG}weight"), Object::Typed(canonical_double(s.weight), "double"));
        for e in &s.evidence {
            add(&s.id, format!("{AG}evidence"), Object::Iri(e.id.clone()));
        }
        for e in &s.evidence {
            add(&e.id, rdf_type.clone(), Object::Iri(format!("{AG}Evidence")));
            add(&e.id, format!("{AG}sentence"), Object::String(e.sentence.to_string()));
            add(&e.id, format!("{AG}document"), Object::String(e.document.to_string()));
            add(&e.id, format!("{AG}start"), Object::Typed(e.start.to_string(), "integer"));
            add(&e.id, format!("{AG}end"), Object::Typed(e.end.to_string(), "integer"));
        }
    }
    out
}

/// The canonical `xsd:double` form that JSON-LD's RDF conversion gives a number: a mantissa
/// with one digit before the point and at least one after it, then `E` and the exponent
/// (`2.0E0`, `1.25E2`).
fn canonical_double(v: f64) -> String {
    let s = format!("{:E}", if v.is_finite() { v } else { 0.0 });
    match s.split_once('E') {
        Some((mantissa, exponent)) if !mantissa.contains('.') => format!("{mantissa}.0E{exponent}"),
        _ => s,
    }
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // IRIs need no escaping: the rdf module percent-encodes everything N-Triples forbids.
        write!(f, "<{}> <{}> ", self.subject, self.predicate)?;
        match &self.object {
            Object::Iri(iri) => write!(f, "<{iri}>")?,
            Object::String(s) => write!(f, "\"{}\"", Literal(s))?,
            Object::Typed(s, datatype) => write!(f, "\"{}\"^^<{XSD}{datatype}>", Literal(s))?,
        }
        f.write_str(" .")
    }
}

/// The body of an N-Triples string literal: `"` and `\` escaped, line breaks as `\n` and `\r`,
/// other control characters as `\uXXXX`, everything else as UTF-8.
struct Literal<'a>(&'a str);

impl fmt::Display for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                c if c.is_control() => write!(f, "\\u{:04X}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_are_canonical() {
        assert_eq!(canonical_double(1.0), "1.0E0");
        assert_eq!(canonical_double(2.0), "2.0E0");
        assert_eq!(canonical_double(125.0), "1.25E2");
        assert_eq!(canonical_double(f64::NAN), "0.0E0");
    }

    #[test]
    fn literals_are_escaped() {
        assert_eq!(Literal("a\"b\\c\nd\re\u{1}f\tg🚀").to_string(), "a\\\"b\\\\c\\nd\\re\\u0001f\\u0009g🚀");
    }
}
