//! N-Triples writer: the triples of the JSON-LD output, one per line.
//!
//! Both writers read the same RDF view ([`super::rdf::actors`], [`super::rdf::statements`]),
//! and literals take the form a
//! JSON-LD processor gives them when it turns the JSON-LD into RDF: strings plain, counts and
//! offsets `xsd:integer`, dates `xsd:date`, weights `xsd:double` in canonical form (`2.0E0`).
//! So a store that loads either file holds the same graph. Triples are grouped by subject, in
//! the JSON-LD's order (actors, then statements, each followed by its evidence).

use super::rdf::{self, AG, RDF, SCHEMA, XSD};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use std::fmt;
use std::io::Write;

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
        super::buffered(w, |out| {
            let mut triples = Triples { out, rdf_type: format!("{RDF}type") };
            for actor in rdf::actors(graph) {
                triples.actor(&actor)?;
            }
            for statement in rdf::statements(graph) {
                triples.statement(&statement?)?;
            }
            Ok(())
        })
    }
}

/// An RDF term in object position.
#[derive(Debug, Clone, PartialEq)]
enum Object<'a> {
    /// An IRI.
    Iri(&'a str),
    /// A plain (`xsd:string`) literal.
    String(&'a str),
    /// A literal of a datatype, given by its local name in `xsd:`.
    Typed(&'a str, &'static str),
}

/// One triple.
#[derive(Debug, Clone, PartialEq)]
struct Triple<'a> {
    subject: &'a str,
    predicate: &'a str,
    object: Object<'a>,
}

/// Writes the triples of each item of the RDF view as it comes, in output order, so that no
/// more than one item's terms exist at a time.
struct Triples<'w, W> {
    out: &'w mut W,
    /// `rdf:type`, made once.
    rdf_type: String,
}

impl<W: Write> Triples<'_, W> {
    fn actor(&mut self, a: &rdf::Actor<'_>) -> Result<()> {
        let Triples { out, rdf_type } = self;
        let mut add = |predicate: &str, object: Object<'_>| -> Result<()> {
            writeln!(out, "{}", Triple { subject: &a.id, predicate, object })?;
            Ok(())
        };
        add(rdf_type, Object::Iri(&rdf::type_iri(a.kind)))?;
        add(&format!("{SCHEMA}name"), Object::String(a.name))?;
        for alias in a.alternate_name {
            add(&format!("{SCHEMA}alternateName"), Object::String(alias))?;
        }
        add(&format!("{AG}mentions"), Object::Typed(&a.mentions.to_string(), "integer"))?;
        add(&format!("{AG}documents"), Object::Typed(&a.documents.to_string(), "integer"))?;
        if let Some(d) = a.first_seen {
            add(&format!("{AG}firstSeen"), Object::Typed(d, "date"))?;
        }
        if let Some(d) = a.last_seen {
            add(&format!("{AG}lastSeen"), Object::Typed(d, "date"))?;
        }
        for (relation, targets) in a.relations() {
            let predicate = format!("{AG}{}", relation.property());
            for t in targets {
                add(&predicate, Object::Iri(t))?;
            }
        }
        Ok(())
    }

    fn statement(&mut self, s: &rdf::Statement<'_>) -> Result<()> {
        let Triples { out, rdf_type } = self;
        let mut add = |subject: &str, predicate: &str, object: Object<'_>| -> Result<()> {
            writeln!(out, "{}", Triple { subject, predicate, object })?;
            Ok(())
        };
        add(&s.id, rdf_type, Object::Iri(&format!("{RDF}Statement")))?;
        add(&s.id, &format!("{RDF}subject"), Object::Iri(&s.subject))?;
        add(&s.id, &format!("{RDF}predicate"), Object::Iri(&format!("{AG}{}", s.relation.property())))?;
        add(&s.id, &format!("{RDF}object"), Object::Iri(&s.object))?;
        add(&s.id, &format!("{AG}weight"), Object::Typed(&canonical_double(s.weight), "double"))?;
        let evidence = format!("{AG}evidence");
        for e in &s.evidence {
            add(&s.id, &evidence, Object::Iri(&e.id))?;
        }
        for e in &s.evidence {
            add(&e.id, rdf_type, Object::Iri(&format!("{AG}Evidence")))?;
            add(&e.id, &format!("{AG}sentence"), Object::String(&e.sentence))?;
            add(&e.id, &format!("{AG}document"), Object::String(e.document))?;
            add(&e.id, &format!("{AG}start"), Object::Typed(&e.start.to_string(), "integer"))?;
            add(&e.id, &format!("{AG}end"), Object::Typed(&e.end.to_string(), "integer"))?;
        }
        Ok(())
    }
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

impl fmt::Display for Triple<'_> {
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
