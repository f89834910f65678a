//! Neo4j writer: `nodes.csv` and `relationships.csv` in the header format of
//! `neo4j-admin database import full`, and `load.cypher`, which loads the same two files with
//! `LOAD CSV` into a running database.
//!
//! # Header format
//!
//! Each file starts with a header row of `<name>:<type>` fields. `:ID`, `:LABEL`, `:START_ID`,
//! `:END_ID` and `:TYPE` are the import tool's special fields; `int`, `double`, `date` and
//! `string[]` type the properties (a field without a type is a string). Arrays and multiple
//! labels are separated by `;`, the tool's default `--array-delimiter`.
//!
//! ```text
//! id:ID,:LABEL,name,type,aliases:string[],mentions:int,documents:int,first_seen:date,last_seen:date
//! :START_ID,:END_ID,:TYPE,relation,weight:double,evidence:string[],sources:string[]
//! ```
//!
//! Every node has the labels `Actor` and its type (`Person`, `Organization`, `Country`,
//! `Group`); every relationship the type of its relation (`SAYS`, `RECRUITS`, `FIGHTS_FOR`,
//! `ALLIED_WITH`). The GraphML writer gives APOC the same labels and types.
//!
//! # Escaping
//!
//! Fields are separated by `,`. Every string field is quoted with `"`, and a `"` inside is
//! doubled (RFC 4180, the tool's default; quoting also keeps leading and trailing spaces, which
//! the tool trims from unquoted fields). Numbers are not quoted; an unknown date is an empty
//! field, which the tool imports as no property. The import tool cannot escape the array
//! delimiter, so a `;` inside an array element (an evidence sentence, say) is written as `；`
//! (U+FF1B FULLWIDTH SEMICOLON). A field may hold a line break only if the input did;
//! `--multiline-fields=true` reads those.

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::model::{EntityType, RelationKind};
use std::fmt;
use std::io::{BufWriter, Write};

/// File name of the nodes.
pub const NODES_FILE: &str = "nodes.csv";
/// File name of the relationships.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";
/// File name of the `LOAD CSV` script.
pub const LOAD_FILE: &str = "load.cypher";

/// The header row of `nodes.csv`.
pub const NODES_HEADER: [&str; 9] = [
    "id:ID",
    ":LABEL",
    "name",
    "type",
    "aliases:string[]",
    "mentions:int",
    "documents:int",
    "first_seen:date",
    "last_seen:date",
];

/// The header row of `relationships.csv`.
pub const RELATIONSHIPS_HEADER: [&str; 7] =
    [":START_ID", ":END_ID", ":TYPE", "relation", "weight:double", "evidence:string[]", "sources:string[]"];

/// Separator of array elements and of labels (the import tool's default).
pub const ARRAY_DELIMITER: char = ';';
/// What an [`ARRAY_DELIMITER`] inside an array element is written as.
const DELIMITER_STAND_IN: char = '\u{FF1B}';

/// Every actor type, in output order.
const TYPES: [EntityType; 4] = [EntityType::Person, EntityType::Organization, EntityType::Country, EntityType::Group];

/// The Neo4j labels of an actor of type `kind`: `Actor` and the type.
///
/// ```
/// use actorgraph::model::EntityType;
/// assert_eq!(actorgraph::export::neo4j::labels(EntityType::Person), ["Actor", "Person"]);
/// ```
#[must_use]
pub fn labels(kind: EntityType) -> [&'static str; 2] {
    ["Actor", kind.as_str()]
}

/// The Neo4j relationship type of a relation (`FIGHTS_FOR`).
#[must_use]
pub fn relationship_type(relation: RelationKind) -> &'static str {
    match relation {
        RelationKind::Says => "SAYS",
        RelationKind::Recruits => "RECRUITS",
        RelationKind::FightsFor => "FIGHTS_FOR",
        RelationKind::AlliedWith => "ALLIED_WITH",
        RelationKind::Custom(def) => &def.neo4j_type,
    }
}

/// Writes `nodes.csv`.
///
/// # Example
///
/// ```
/// use actorgraph::export::{neo4j::Nodes, Exporter};
/// use actorgraph::graph::{KnowledgeGraph, Node};
/// use actorgraph::model::EntityType;
///
/// let node = Node {
///     id: "country:russia".into(),
///     label: "Russia".into(),
///     kind: EntityType::Country,
///     aliases: vec!["Russia".into(), "the \"Kremlin\"".into()],
///     mentions: 2,
///     documents: 1,
///     dates: None,
/// };
/// let graph = KnowledgeGraph::from_parts(vec![node], vec![]);
/// let out = String::from_utf8(Nodes.write(&graph, Vec::new())?).expect("UTF-8");
/// assert_eq!(
///     out.lines().nth(1),
///     Some(r#""country:russia","Actor;Country","Russia","Country","Russia;the ""Kremlin""",2,1,,"#)
/// );
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Nodes;

/// Writes `relationships.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Relationships;

/// Writes `load.cypher`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadScript;

impl super::Exporter for Nodes {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        write_csv(&NODES_HEADER, node_rows(graph).map(Ok), w)
    }
}

impl super::Exporter for Relationships {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        write_csv(&RELATIONSHIPS_HEADER, relationship_rows(graph), w)
    }
}

impl super::Exporter for LoadScript {
    fn write<W: Write>(&self, graph: &KnowledgeGraph, mut w: W) -> Result<W> {
        w.write_all(load_script(&graph.relation_kinds()).as_bytes())?;
        w.flush()?;
        Ok(w)
    }
}

/// One CSV field.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    /// A quoted string.
    Str(String),
    /// An unquoted integer.
    Int(usize),
    /// An unquoted double, with its decimal point.
    Double(f64),
    /// A quoted array of strings.
    Array(Vec<String>),
    /// Nothing: the property is absent.
    Empty,
}

/// The rows of `nodes.csv`, in node order, each made when the writer reaches it.
fn node_rows(graph: &KnowledgeGraph) -> impl Iterator<Item = Vec<Field>> + '_ {
    graph.nodes().map(|n| {
        let (first, last) = match &n.dates {
            Some((first, last)) => (Field::Str(first.clone()), Field::Str(last.clone())),
            None => (Field::Empty, Field::Empty),
        };
        vec![
            Field::Str(n.id.clone()),
            Field::Array(labels(n.kind).iter().map(|l| (*l).to_string()).collect()),
            Field::Str(n.label.clone()),
            Field::Str(n.kind.as_str().to_string()),
            Field::Array(n.aliases.clone()),
            Field::Int(n.mentions),
            Field::Int(n.documents),
            first,
            last,
        ]
    })
}

/// The rows of `relationships.csv`, in edge order, each made when the writer reaches it (a
/// row holds a copy of its edge's sentences: all rows at once would copy every kept sentence).
fn relationship_rows(graph: &KnowledgeGraph) -> impl Iterator<Item = Result<Vec<Field>>> + '_ {
    graph.edges().map(|(s, t, e)| {
        let sentences = e.evidence.iter().map(|ev| graph.sentence(ev).map(String::from)).collect::<Result<_>>()?;
        Ok(vec![
            Field::Str(s.id.clone()),
            Field::Str(t.id.clone()),
            Field::Str(relationship_type(e.relation).to_string()),
            Field::Str(e.relation.as_str().to_string()),
            Field::Double(e.weight()),
            Field::Array(sentences),
            Field::Array(e.sources().into_iter().map(str::to_string).collect()),
        ])
    })
}

fn write_csv<W: Write>(header: &[&str], rows: impl Iterator<Item = Result<Vec<Field>>>, w: W) -> Result<W> {
    let mut out = BufWriter::new(w);
    writeln!(out, "{}", header.join(","))?;
    for row in rows {
        let row = row?;
        let line: Vec<String> = row.iter().map(ToString::to_string).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    let mut w = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    w.flush()?;
    Ok(w)
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Str(s) => write_quoted(f, s.chars()),
            Field::Int(n) => write!(f, "{n}"),
            Field::Double(x) => f.write_str(&super::style::number(*x)),
            Field::Array(items) => {
                let mut joined = String::new();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        joined.push(ARRAY_DELIMITER);
                    }
                    joined.extend(item.chars().map(|c| if c == ARRAY_DELIMITER { DELIMITER_STAND_IN } else { c }));
                }
                write_quoted(f, joined.chars())
            }
            Field::Empty => Ok(()),
        }
    }
}

/// Writes `chars` between double quotes, doubling any double quote.
fn write_quoted(f: &mut fmt::Formatter<'_>, chars: impl Iterator<Item = char>) -> fmt::Result {
    f.write_str("\"")?;
    for c in chars {
        if c == '"' {
            f.write_str("\"\"")?;
        } else {
            write!(f, "{c}")?;
        }
    }
    f.write_str("\"")
}

/// The `LOAD CSV` script: the same nodes, labels, relationships and properties as the import
/// tool makes of the two files. It uses `MERGE`, so running it twice changes nothing.
fn load_script(relations: &[RelationKind]) -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "// Loads actorgraph's nodes.csv and relationships.csv into a running Neo4j with LOAD CSV.\n\
         // Copy both files into the database's import directory, then: cypher-shell -f load.cypher\n\
         \n\
         CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n\
         \n\
         LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n\
         MERGE (a:Actor {id: row.`id:ID`})\n\
         SET a.name = row.name,\n    \
             a.type = row.type,\n    \
             a.aliases = split(row.`aliases:string[]`, ';'),\n    \
             a.mentions = toInteger(row.`mentions:int`),\n    \
             a.documents = toInteger(row.`documents:int`),\n    \
             a.first_seen = date(row.`first_seen:date`),\n    \
             a.last_seen = date(row.`last_seen:date`);\n",
    );
    for kind in TYPES {
        let _ = write!(s, "\nMATCH (a:Actor {{type: '{0}'}}) SET a:{0};\n", kind.as_str());
    }
    for &relation in relations {
        let _ = write!(
            s,
            "\nLOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n\
             WITH row WHERE row.`:TYPE` = '{0}'\n\
             MATCH (s:Actor {{id: row.`:START_ID`}}), (t:Actor {{id: row.`:END_ID`}})\n\
             MERGE (s)-[r:{0}]->(t)\n\
             SET r.relation = row.relation,\n    \
                 r.weight = toFloat(row.`weight:double`),\n    \
                 r.evidence = split(row.`evidence:string[]`, ';'),\n    \
                 r.sources = split(row.`sources:string[]`, ';');\n",
            relationship_type(relation)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_quotes_doubled() {
        assert_eq!(Field::Str(r#"a "b", c"#.into()).to_string(), r#""a ""b"", c""#);
        assert_eq!(Field::Str(" padded ".into()).to_string(), "\" padded \"");
    }

    #[test]
    fn numbers_are_bare_and_doubles_keep_the_point() {
        assert_eq!(Field::Int(7).to_string(), "7");
        assert_eq!(Field::Double(2.0).to_string(), "2.0");
        assert_eq!(Field::Empty.to_string(), "");
    }

    #[test]
    fn array_delimiters_inside_elements_are_replaced() {
        let f = Field::Array(vec!["a; b".into(), "c".into()]);
        assert_eq!(f.to_string(), "\"a\u{FF1B} b;c\"");
    }

    #[test]
    fn load_script_covers_every_type_and_relation() {
        let s = load_script(&RelationKind::ALL);
        for kind in TYPES {
            assert!(s.contains(&format!("SET a:{};", kind.as_str())));
        }
        for relation in RelationKind::ALL {
            assert!(s.contains(&format!("MERGE (s)-[r:{}]->(t)", relationship_type(relation))));
        }
        for field in NODES_HEADER.iter().chain(&RELATIONSHIPS_HEADER).filter(|f| !f.starts_with(':')) {
            assert!(s.contains(&format!("row.`{field}`")) || s.contains(&format!("row.{field}")), "{field}");
        }
    }
}
