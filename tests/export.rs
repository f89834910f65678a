//! Export formats: exact output against golden files, well-formedness, determinism, and the
//! Neo4j CSV files read back by a CSV parser. (The RDF formats are loaded into a store in
//! `tests/rdf.rs`; `scripts/check_outputs.py` reads the files with networkx, igraph and pyld.)
//!
//! Re-bless the golden files in `tests/expected/` with `BLESS=1 cargo test --test export`.

use actorgraph::export::{gexf::Gexf, graphml::GraphMl, neo4j, Exporter, Format, Output};
use actorgraph::graph::{Edge, KnowledgeGraph, Node};
use actorgraph::model::{EntityType, Evidence, RelationKind, Span};
use quick_xml::events::Event;
use std::path::PathBuf;

/// A sentence with everything that can break a writer: markup characters, a control character,
/// a carriage return, an emoji, a right-to-left mark and a non-character.
const NASTY: &str = "Putin said: \"Wagner <PMC> & co\" \u{1}is\r\nours 🚀 \u{200F}שלום\u{FFFE}.";

fn node(id: &str, label: &str, kind: EntityType, aliases: &[&str], mentions: usize, docs: &[&str]) -> Node {
    Node {
        id: id.to_string(),
        label: label.to_string(),
        kind,
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        mentions,
        documents: docs.len(),
        dates: Some(("2023-06-01".into(), "2023-06-24".into())),
    }
}

fn edge(
    source: &str,
    relation: RelationKind,
    target: &str,
    evidence: &[(&str, &str, usize)],
) -> (String, String, Edge) {
    let evidence = evidence
        .iter()
        .map(|(doc, sentence, start)| Evidence {
            doc: (*doc).into(),
            sentence: (*sentence).into(),
            span: Span::new(*start, start + sentence.len()),
        })
        .collect();
    (source.to_string(), target.to_string(), Edge::new(relation, evidence))
}

/// Four actors of four types, one edge of each relation, and two edges between one pair.
fn tiny() -> KnowledgeGraph {
    let nodes = vec![
        node(
            "person:vladimir-putin",
            "Vladimir Putin",
            EntityType::Person,
            &["Putin", "Vladimir Putin"],
            5,
            &["a.txt", "b.txt"],
        ),
        node(
            "organization:wagner-group",
            "Wagner Group",
            EntityType::Organization,
            &["PMC \"Wagner\"", "Wagner", "Wagner Group"],
            7,
            &["a.txt", "b.txt"],
        ),
        node("country:russia", "Russia", EntityType::Country, &["Russia", "the Kremlin"], 3, &["b.txt"]),
        node("group:prisoners", "prisoners", EntityType::Group, &["convicts", "prisoners"], 2, &["a.txt"]),
    ];
    let edges = vec![
        edge("person:vladimir-putin", RelationKind::Says, "organization:wagner-group", &[("a.txt", NASTY, 0)]),
        edge(
            "organization:wagner-group",
            RelationKind::Recruits,
            "group:prisoners",
            &[
                ("b.txt", "Wagner recruited prisoners; many died.", 10),
                ("a.txt", "The group recruits convicts | and more.", 120),
            ],
        ),
        edge(
            "group:prisoners",
            RelationKind::FightsFor,
            "organization:wagner-group",
            &[("a.txt", "Convicts fight for Wagner.", 200)],
        ),
        // Given in the non-canonical direction: the graph stores it from country:russia.
        edge(
            "organization:wagner-group",
            RelationKind::AlliedWith,
            "country:russia",
            &[("b.txt", "Wagner is backed by Russia.", 40)],
        ),
        // A second relation between the same two actors, in the same direction as the alliance.
        edge(
            "country:russia",
            RelationKind::Says,
            "organization:wagner-group",
            &[("b.txt", "The Kremlin praised Wagner.", 70)],
        ),
    ];
    KnowledgeGraph::from_parts(nodes, edges)
}

fn render(format: Format, graph: &KnowledgeGraph) -> String {
    let bytes = format.write(graph, Vec::new()).expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("output is UTF-8")
}

fn render_output(output: Output, graph: &KnowledgeGraph) -> String {
    let bytes = output.write(graph, Vec::new()).expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("output is UTF-8")
}

/// Fixed positions, so that the golden files do not change with the layout algorithm.
fn positions(graph: &KnowledgeGraph) -> Vec<(f64, f64)> {
    (0..graph.node_count()).map(|i| (100.0 * i as f64, -50.5 * i as f64)).collect()
}

fn render_graphml(graph: &KnowledgeGraph) -> String {
    let bytes = GraphMl::new().with_positions(positions(graph)).write(graph, Vec::new()).expect("writes");
    String::from_utf8(bytes).expect("output is UTF-8")
}

fn render_gexf(graph: &KnowledgeGraph) -> String {
    let bytes = Gexf::new().with_positions(positions(graph)).write(graph, Vec::new()).expect("writes");
    String::from_utf8(bytes).expect("output is UTF-8")
}

/// Compares `actual` with `tests/expected/<name>`, or rewrites the file when `BLESS` is set.
fn assert_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create tests/expected");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1 to create it)", path.display()));
    assert!(expected == actual, "{name} differs from the golden file; BLESS=1 re-blesses.\n--- actual:\n{actual}");
}

/// Every event of `xml`, failing on anything that is not well-formed; returns the text nodes
/// and the (unescaped) attribute values.
fn xml_texts(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return texts,
            Ok(Event::Text(t)) => texts.push(t.unescape().expect("valid escapes").into_owned()),
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    texts.push(a.unescape_value().expect("valid escapes").into_owned());
                }
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
        }
    }
}

#[test]
fn graphml_matches_golden_file() {
    assert_golden("tiny.graphml", &render_graphml(&tiny()));
}

#[test]
fn gexf_matches_golden_file() {
    assert_golden("tiny.gexf", &render_gexf(&tiny()));
}

#[test]
fn ntriples_matches_golden_file() {
    assert_golden("tiny.nt", &render(Format::NTriples, &tiny()));
}

#[test]
fn neo4j_files_match_golden_files() {
    for output in Format::Neo4j.outputs() {
        assert_golden(&format!("tiny.{}", output.file_name()), &render_output(*output, &tiny()));
    }
}

#[test]
fn jsonld_matches_golden_file() {
    assert_golden("tiny.jsonld", &render(Format::JsonLd, &tiny()));
}

#[test]
fn graphml_is_well_formed_and_keeps_the_text() {
    let xml = render_graphml(&tiny());
    let texts = xml_texts(&xml);
    // The control character and U+FFFE are dropped; `\r` survives as `&#13;`.
    let kept = "Putin said: \"Wagner <PMC> & co\" is\r\nours 🚀 \u{200F}שלום.";
    assert!(texts.iter().any(|t| t == kept), "evidence not found intact in {texts:?}");
    assert!(texts.iter().any(|t| t == "PMC \"Wagner\" | Wagner | Wagner Group"));
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}') && !xml.contains('\r'));
}

#[test]
fn graphml_lists_nodes_before_edges_in_graph_order() {
    let xml = render(Format::GraphMl, &tiny());
    let last_node = xml.rfind("<node ").expect("has nodes");
    let first_edge = xml.find("<edge ").expect("has edges");
    assert!(last_node < first_edge);
    assert!(xml.contains(r#"<edge id="e0" source="country:russia" target="organization:wagner-group" label="SAYS">"#));
    assert!(xml
        .contains(r#"<edge id="e1" source="country:russia" target="organization:wagner-group" label="ALLIED_WITH">"#));
    assert!(xml
        .contains(r#"<edge id="e4" source="person:vladimir-putin" target="organization:wagner-group" label="SAYS">"#));
    assert!(!xml.contains("directed=\"true\"") && !xml.contains("directed=\"false\""));
}

#[test]
fn jsonld_parses_and_has_direct_relations() {
    let json = render(Format::JsonLd, &tiny());
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(doc["@context"]["ag"], "https://actorgraph.dev/ns#");
    assert!(doc["@context"].get("@version").is_none(), "JSON-LD 1.0 only");
    let graph = doc["@graph"].as_array().expect("@graph is an array");
    assert_eq!(graph.len(), 4 + 5, "four actors, five statements");
    let wagner = graph
        .iter()
        .find(|n| n["@id"] == "https://actorgraph.dev/id/organization/wagner-group")
        .expect("Wagner is in the graph");
    assert_eq!(wagner["recruits"], serde_json::json!(["https://actorgraph.dev/id/group/prisoners"]));
    let says = graph
        .iter()
        .find(|n| n["predicate"] == "ag:says" && n["subject"] == "https://actorgraph.dev/id/person/vladimir-putin")
        .expect("Putin's says statement");
    assert_eq!(says["evidence"][0]["sentence"], NASTY);
    assert!(says.get("name").is_none() && says.get("says").is_none());
}

#[test]
fn graphml_carries_gephi_and_apoc_attributes() {
    let xml = render_graphml(&tiny());
    for key in ["x", "y", "size", "r", "g", "b"] {
        assert!(xml.contains(&format!(r#"<key id="{key}" for="node" attr.name="{key}""#)), "{key}");
    }
    assert!(xml.contains(r#"<node id="person:vladimir-putin" labels=":Actor:Person">"#));
    assert!(xml.contains(r#"<data key="first_seen">2023-06-01</data>"#));
    // Putin has one edge: size 10 + 10·√1; Wagner has five: 10 + 10·√5, rounded.
    assert!(xml.contains("<data key=\"size\">20.0</data>"));
    assert!(xml.contains("<data key=\"size\">32.36</data>"));
}

#[test]
fn gexf_is_well_formed_and_keeps_parallel_relations_apart() {
    let xml = render_gexf(&tiny());
    let texts = xml_texts(&xml);
    // In attribute values the line break survives too, as a character reference.
    let kept = "Putin said: \"Wagner <PMC> & co\" is\r\nours 🚀 \u{200F}שלום.";
    assert!(texts.iter().any(|t| t == kept), "evidence not found intact in {texts:?}");
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}') && !xml.contains('\r'));
    let parallel = r#"source="country:russia" target="organization:wagner-group" kind="#;
    assert_eq!(xml.matches(parallel).count(), 2);
    assert!(xml.contains(r#"kind="says""#) && xml.contains(r#"kind="allied-with""#));
    assert!(xml.contains(r#"<spell start="2023-06-01" end="2023-06-24"/>"#));
}

#[test]
fn neo4j_headers_follow_the_import_tool_format() {
    let nodes = render_output(Output::Neo4jNodes, &tiny());
    let rels = render_output(Output::Neo4jRelationships, &tiny());
    assert_eq!(
        nodes.lines().next(),
        Some("id:ID,:LABEL,name,type,aliases:string[],mentions:int,documents:int,first_seen:date,last_seen:date")
    );
    assert_eq!(
        rels.lines().next(),
        Some(":START_ID,:END_ID,:TYPE,relation,weight:double,evidence:string[],sources:string[]")
    );
    // Quotes doubled, strings quoted, numbers bare, arrays joined by `;`.
    assert!(nodes.contains(r#""organization:wagner-group","Actor;Organization","Wagner Group","Organization","PMC ""Wagner"";Wagner;Wagner Group",7,2,"2023-06-01","2023-06-24""#));
    // A `;` inside an evidence sentence cannot be escaped, so it is replaced.
    assert!(rels.contains(";Wagner recruited prisoners\u{FF1B} many died.\""));
}

#[test]
fn neo4j_csv_reads_back_with_the_same_counts_and_values() {
    let graph = tiny();
    let nodes = render_output(Output::Neo4jNodes, &graph);
    let mut reader = csv::Reader::from_reader(nodes.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, neo4j::NODES_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
    assert_eq!(rows.len(), graph.node_count());
    for (row, node) in rows.iter().zip(graph.nodes()) {
        assert_eq!(&row[0], node.id);
        assert_eq!(&row[2], node.label);
        assert_eq!(row[4].split(';').collect::<Vec<_>>(), node.aliases);
        assert_eq!(row[5].parse::<usize>().expect("int"), node.mentions);
    }

    let rels = render_output(Output::Neo4jRelationships, &graph);
    let mut reader = csv::Reader::from_reader(rels.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
    assert_eq!(rows.len(), graph.edge_count());
    for (row, (s, t, e)) in rows.iter().zip(graph.edges()) {
        assert_eq!((&row[0], &row[1]), (s.id.as_str(), t.id.as_str()));
        assert_eq!(&row[2], neo4j::relationship_type(e.relation));
        assert!((row[4].parse::<f64>().expect("double") - e.weight()).abs() < f64::EPSILON);
        assert_eq!(row[5].split(';').count(), e.evidence.len());
    }
    let says = rows.iter().find(|r| &r[0] == "person:vladimir-putin").expect("Putin's edge");
    assert_eq!(&says[5], NASTY, "the nasty sentence survives CSV quoting");
}

#[test]
fn write_all_writes_every_file_of_every_format() {
    let dir = std::env::temp_dir().join(format!("actorgraph-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = actorgraph::export::write_all(&tiny(), &Format::ALL, &dir).expect("writes");
    let mut names: Vec<String> =
        written.iter().map(|p| p.file_name().expect("a file").to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        ["graph.gexf", "graph.graphml", "graph.jsonld", "graph.nt", "load.cypher", "nodes.csv", "relationships.csv"]
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, names, "no temporary file is left behind");
    let nodes = std::fs::read_to_string(dir.join("nodes.csv")).expect("nodes.csv");
    assert_eq!(nodes, render_output(Output::Neo4jNodes, &tiny()));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn format_names() {
    for (name, format) in [
        ("graphml", Format::GraphMl),
        ("jsonld", Format::JsonLd),
        ("gexf", Format::Gexf),
        ("nt", Format::NTriples),
        ("NEO4J", Format::Neo4j),
    ] {
        assert_eq!(Format::from_name(name).expect(name), format);
    }
    assert!(Format::from_name("dot").is_err());
}

#[test]
fn output_is_deterministic() {
    for format in Format::ALL {
        for output in format.outputs() {
            assert_eq!(render_output(*output, &tiny()), render_output(*output, &tiny()), "{output:?}");
        }
    }
}

#[test]
fn empty_graph_gives_valid_documents() {
    let empty = KnowledgeGraph::default();
    let xml = render(Format::GraphMl, &empty);
    xml_texts(&xml);
    xml_texts(&render(Format::Gexf, &empty));
    assert_eq!(render(Format::NTriples, &empty), "");
    assert_eq!(render_output(Output::Neo4jRelationships, &empty).lines().count(), 1);
    assert!(xml.ends_with("  <graph id=\"actorgraph\" edgedefault=\"directed\">\n  </graph>\n</graphml>\n"));
    let doc: serde_json::Value = serde_json::from_str(&render(Format::JsonLd, &empty)).expect("valid JSON");
    assert_eq!(doc["@graph"], serde_json::json!([]));
}
