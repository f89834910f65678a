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

use super::ascii::{has_byte, has_byte_below, Integer};
use super::rdf;
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;
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
        super::buffered(w, |out| write_document(graph, out))
    }
}

/// Writes `graph` as JSON-LD to `out`, which should buffer (the writer makes many small writes).
pub(crate) fn write_document<W: Write>(graph: &KnowledgeGraph, out: &mut W) -> Result<()> {
    let mut context = context()?;
    add_custom_terms(&mut context, graph);
    // The bytes of `serde_json::to_writer_pretty` of `{"@context": …, "@graph": [actors…,
    // statements…]}`, with the framing written here and each item written on its own at
    // its depth, so that only one item's IRIs exist at a time.
    out.write_all(b"{\n  \"@context\": ")?;
    serde_json::to_writer_pretty(Indented { out: &mut *out, indent: b"  " }, &context)?;
    out.write_all(b",\n  \"@graph\": [")?;
    let mut items = 0usize;
    let mut item = |out: &mut W| -> std::io::Result<()> {
        out.write_all(if items == 0 { b"\n    " } else { b",\n    " })?;
        items += 1;
        Ok(())
    };
    for actor in rdf::actors(graph) {
        item(out)?;
        write_actor(out, &actor)?;
    }
    for statement in rdf::statements(graph) {
        item(out)?;
        write_statement(out, &statement?)?;
    }
    out.write_all(if items == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
    Ok(())
}

// The `@graph` items are written by hand, byte for byte as `serde_json::to_writer_pretty`
// writes their `Serialize` forms nested two levels deep (a test compares the two): the
// serde path cost a formatter call per token and a scan of every byte for line breaks.

/// Indentation of an item's keys (the items themselves sit at four spaces).
const ITEM_KEYS: usize = 6;

/// White space to indent with, sliced to the depth.
const SPACES: &[u8; 16] = b"                ";

/// One JSON object being written, in serde_json's pretty layout: each key on its own line at
/// `indent` spaces, the closing brace two spaces less.
struct Object<'w, W> {
    out: &'w mut W,
    indent: usize,
    empty: bool,
}

impl<'w, W: Write> Object<'w, W> {
    fn open(out: &'w mut W, indent: usize) -> std::io::Result<Self> {
        out.write_all(b"{")?;
        Ok(Object { out, indent, empty: true })
    }

    /// Starts the entry `key`: what follows is its value.
    fn key(&mut self, key: &str) -> std::io::Result<&mut W> {
        self.out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        self.out.write_all(&SPACES[..self.indent])?;
        write_str(self.out, key)?;
        self.out.write_all(b": ")?;
        Ok(self.out)
    }

    fn str(&mut self, key: &str, value: &str) -> std::io::Result<()> {
        let out = self.key(key)?;
        write_str(out, value)
    }

    fn uint(&mut self, key: &str, value: usize) -> std::io::Result<()> {
        let out = self.key(key)?;
        write_uint(out, value)
    }

    fn strings<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> std::io::Result<()> {
        let indent = self.indent + 2;
        let out = self.key(key)?;
        write_array(out, indent, values, |out, v| write_str(out, v.as_ref()))
    }

    fn close(self) -> std::io::Result<()> {
        if !self.empty {
            self.out.write_all(b"\n")?;
            self.out.write_all(&SPACES[..self.indent - 2])?;
        }
        self.out.write_all(b"}")
    }
}

/// An array in serde_json's pretty layout, its elements at `indent` spaces: `[]` when empty.
fn write_array<W: Write, T>(
    out: &mut W,
    indent: usize,
    values: &[T],
    mut each: impl FnMut(&mut W, &T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if values.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (i, v) in values.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        out.write_all(&SPACES[..indent])?;
        each(out, v)?;
    }
    out.write_all(b"\n")?;
    out.write_all(&SPACES[..indent - 2])?;
    out.write_all(b"]")
}

/// An actor as its `Serialize` form: fields in declaration order, empty relations left out.
fn write_actor<W: Write>(out: &mut W, a: &rdf::Actor<'_>) -> std::io::Result<()> {
    let mut o = Object::open(out, ITEM_KEYS)?;
    o.str("@id", &a.id)?;
    o.str("@type", rdf::type_term(a.kind))?;
    o.str("name", a.name)?;
    o.strings("alternateName", a.alternate_name)?;
    o.uint("mentions", a.mentions)?;
    o.uint("documents", a.documents)?;
    if let Some(first) = a.first_seen {
        o.str("firstSeen", first)?;
    }
    if let Some(last) = a.last_seen {
        o.str("lastSeen", last)?;
    }
    for (key, targets) in
        [("says", &a.says), ("recruits", &a.recruits), ("fightsFor", &a.fights_for), ("alliedWith", &a.allied_with)]
    {
        if !targets.is_empty() {
            o.strings(key, targets)?;
        }
    }
    for (relation, targets) in &a.custom.0 {
        o.strings(relation.property(), targets)?;
    }
    o.close()
}

/// A statement as its `Serialize` form, with its evidence nodes.
fn write_statement<W: Write>(out: &mut W, s: &rdf::Statement<'_>) -> std::io::Result<()> {
    let mut o = Object::open(out, ITEM_KEYS)?;
    o.str("@id", &s.id)?;
    o.str("@type", s.kind)?;
    o.str("subject", &s.subject)?;
    o.str("predicate", &s.predicate)?;
    o.str("object", &s.object)?;
    write_f64(o.key("weight")?, s.weight)?;
    let indent = ITEM_KEYS + 2;
    write_array(o.key("evidence")?, indent, &s.evidence, |out, e| {
        let mut o = Object::open(out, indent + 2)?;
        o.str("@id", &e.id)?;
        o.str("@type", e.kind)?;
        o.str("sentence", &e.sentence)?;
        o.str("document", e.document)?;
        o.uint("start", e.start)?;
        o.uint("end", e.end)?;
        o.close()
    })?;
    o.close()
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"`, `\\` and the control
/// characters, the common ones by their short forms, the others as `\u00xx`.
pub(crate) fn write_str<W: Write>(out: &mut W, s: &str) -> std::io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs escaping (most of a sentence).
        if let Some(word) = bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let w = u64::from_le_bytes(word);
            if !(has_byte_below(w, 0x20) || has_byte(w, b'"') || has_byte(w, b'\\')) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F => b"",
            _ => continue,
        };
        out.write_all(&bytes[start..i - 1])?;
        if short.is_empty() {
            out.write_all(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]])?;
        } else {
            out.write_all(short)?;
        }
        start = i;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// `n` in decimal, as serde_json writes integers.
fn write_uint<W: Write>(out: &mut W, n: usize) -> std::io::Result<()> {
    out.write_all(Integer::new(n).as_str().as_bytes())
}

/// `v` as serde_json writes an `f64`. A weight is a whole count, which serde_json (ryu) writes
/// as its digits and `.0` (below 10^16; this takes below 10^15); anything else goes to serde_json.
fn write_f64<W: Write>(out: &mut W, v: f64) -> std::io::Result<()> {
    if v.fract() == 0.0 && v.is_sign_positive() && v < 1e15 {
        write_uint(out, v as usize)?;
        return out.write_all(b".0");
    }
    serde_json::to_writer(out, &v).map_err(std::io::Error::from)
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
    use serde::Serialize;

    #[test]
    fn context_is_the_inner_object() {
        let ctx = context().expect("context parses");
        assert_eq!(ctx["ag"], "https://actorgraph.dev/ns#");
        assert_eq!(ctx["fightsFor"]["@id"], "ag:fightsFor");
        assert_eq!(ctx["firstSeen"]["@type"], "xsd:date");
        assert!(ctx.get("@context").is_none() && ctx.get("@version").is_none());
    }

    /// An item as the serde path writes it: pretty-printed, nested two levels deep.
    fn by_serde<T: Serialize>(item: &T) -> String {
        let mut out = Vec::new();
        serde_json::to_writer_pretty(Indented { out: &mut out, indent: b"    " }, item).expect("serializes");
        String::from_utf8(out).expect("UTF-8")
    }

    fn by_hand(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn items_written_by_hand_equal_serde_json_pretty() {
        use crate::graph::{Edge, Node};
        use crate::model::{EntityType, Evidence, Span};
        let every_control: String = (0u8..0x20).map(char::from).chain(['"', '\\', '\u{7f}', 'é', '🚀']).collect();
        let node = |id: &str, aliases: Vec<String>, dates: Option<(String, String)>| Node {
            id: id.into(),
            label: format!("{id} {every_control}"),
            kind: EntityType::Group,
            aliases,
            mentions: 12345,
            documents: 0,
            dates,
        };
        let nodes = vec![
            node("group:a", vec![], None),
            node(
                "group:b \"q\"",
                vec!["x".into(), every_control.clone()],
                Some(("2024-01-01".into(), "2024-02-03".into())),
            ),
            node("person:c", vec!["c".into()], None),
        ];
        let ev = |doc: &str, sentence: &str, s: usize| Evidence {
            doc: doc.into(),
            sentence: sentence.into(),
            span: Span::new(s, s + 7),
        };
        let custom = RelationKind::from_name("supplies arms to");
        let edges = vec![
            (
                "group:a".to_string(),
                "person:c".to_string(),
                Edge::new(RelationKind::Recruits, vec![ev("d1", &every_control, 0), ev("d2", "two", 10)]),
            ),
            ("group:a".into(), "group:b \"q\"".into(), Edge::new(RelationKind::AlliedWith, vec![])),
            ("group:a".into(), "person:c".into(), Edge::new(custom, vec![ev("d3", "", 3)])),
            (
                "person:c".into(),
                "group:a".into(),
                Edge { relation: RelationKind::Says, evidence: vec![ev("d", "s", 1)], omitted: 1 << 40 },
            ),
        ];
        let graph = KnowledgeGraph::from_parts(nodes, edges);
        let mut items = 0;
        for actor in rdf::actors(&graph) {
            assert_eq!(by_hand(|out| write_actor(out, &actor)), by_serde(&actor));
            items += 1;
        }
        for statement in rdf::statements(&graph) {
            let statement = statement.expect("held sentences");
            assert_eq!(by_hand(|out| write_statement(out, &statement)), by_serde(&statement));
            items += 1;
        }
        assert_eq!(items, 7);
        for v in [0.0, 1.0, 25.0, 1e15 - 1.0, 1e15, 1e16, 1e17, 0.5, -0.0, -3.0, f64::NAN] {
            assert_eq!(by_hand(|out| write_f64(out, v)), serde_json::to_string(&v).expect("serializes"));
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it_at_every_offset() {
        let specials: Vec<char> = (0u8..0x20).map(char::from).chain(['"', '\\', '\u{7f}', 'é', ' ', 'a']).collect();
        for c in &specials {
            for offset in 0..17 {
                let s: String = "x".repeat(offset) + &c.to_string() + "yyyyyyyyy" + &c.to_string();
                assert_eq!(by_hand(|out| write_str(out, &s)), serde_json::to_string(&s).expect("serializes"));
            }
        }
    }

    #[test]
    fn strings_are_escaped_by_serde_json() {
        let s = serde_json::to_string("a\"b\\c\u{1}\n🚀").expect("serializes");
        assert_eq!(s, r#""a\"b\\c\u0001\n🚀""#);
    }
}
