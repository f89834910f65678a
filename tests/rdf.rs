//! The RDF outputs read by a real RDF toolkit: the JSON-LD parsed by Oxigraph's JSON-LD 1.0
//! parser and loaded into an in-memory store, where SPARQL finds known facts with their
//! evidence; the N-Triples parsed too, holding exactly the same triples; every term they use
//! declared in `schema/ontology.ttl`.

use actorgraph::export::Format;
use actorgraph::graph::{Edge, KnowledgeGraph, Node};
use actorgraph::model::{EntityType, Evidence, RelationKind, Span};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashSet;

const PREFIXES: &str = "PREFIX ag: <https://actorgraph.dev/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

fn node(id: &str, label: &str, kind: EntityType, dates: Option<(&str, &str)>) -> Node {
    Node {
        id: id.into(),
        label: label.into(),
        kind,
        aliases: vec![label.into()],
        mentions: 2,
        documents: 1,
        dates: dates.map(|(a, b)| (a.into(), b.into())),
    }
}

fn evidence(doc: &str, sentence: &str, start: usize) -> Evidence {
    Evidence { doc: doc.into(), sentence: sentence.into(), span: Span::new(start, start + sentence.len()) }
}

/// Wagner recruits prisoners (two sentences), the Kremlin backs Wagner, and a sentence with
/// characters that need escaping in every syntax.
fn graph() -> KnowledgeGraph {
    let nodes = vec![
        node("organization:wagner-group", "Wagner Group", EntityType::Organization, Some(("2023-06-01", "2023-06-24"))),
        node("group:prisoners", "prisoners", EntityType::Group, None),
        node("country:russia", "Russia", EntityType::Country, Some(("2023-06-02", "2023-06-02"))),
        node("person:yevgeny-prigozhin", "Yevgeny Prigozhin", EntityType::Person, None),
    ];
    let edge = |s: &str, relation, t: &str, evidence| (s.to_string(), t.to_string(), Edge::new(relation, evidence));
    let edges = vec![
        edge(
            "organization:wagner-group",
            RelationKind::Recruits,
            "group:prisoners",
            vec![
                evidence("a.txt", "Wagner recruited prisoners in Russian jails.", 10),
                evidence("b.txt", "The group recruits convicts.", 200),
            ],
        ),
        edge(
            "organization:wagner-group",
            RelationKind::AlliedWith,
            "country:russia",
            vec![evidence("a.txt", "Wagner is backed by Russia.", 60)],
        ),
        edge(
            "person:yevgeny-prigozhin",
            RelationKind::Says,
            "organization:wagner-group",
            vec![evidence("b.txt", "Prigozhin said: \"Wagner\\PMC <is> ours\"\u{1}\r\n🚀 \u{200F}שלום.", 0)],
        ),
    ];
    KnowledgeGraph::from_parts(nodes, edges)
}

fn render(format: Format) -> String {
    String::from_utf8(format.write(&graph(), Vec::new()).expect("writes")).expect("UTF-8")
}

fn parse(format: RdfFormat, text: &str) -> HashSet<Triple> {
    RdfParser::from_format(format)
        .for_reader(text.as_bytes())
        .map(|q| Triple::from(q.expect("parses")))
        .collect::<HashSet<_>>()
}

fn jsonld() -> RdfFormat {
    RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }
}

fn store() -> Store {
    let store = Store::new().expect("in-memory store");
    store.load_from_reader(jsonld(), render(Format::JsonLd).as_bytes()).expect("the JSON-LD loads");
    store
}

/// The solutions of `query` as rows of strings: IRIs and literal values as they are. (The
/// store keeps numbers as numbers, so a double reads back as `2`, whatever its lexical form.)
fn select(store: &Store, query: &str) -> Vec<Vec<String>> {
    let results = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{query}"))
        .expect("valid SPARQL")
        .on_store(store)
        .execute()
        .expect("query runs");
    let QueryResults::Solutions(solutions) = results else { panic!("not a SELECT") };
    let variables: Vec<_> = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.expect("solution");
            variables.iter().map(|v| s.get(v).map_or_else(String::new, show)).collect()
        })
        .collect()
}

fn show(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn plain(s: &str) -> String {
    s.to_string()
}

#[test]
fn sparql_finds_who_recruits_whom() {
    let rows = select(
        &store(),
        "SELECT ?recruiter ?recruited WHERE {
            ?a ag:recruits ?b . ?a schema:name ?recruiter . ?b schema:name ?recruited .
        }",
    );
    assert_eq!(rows, [[plain("Wagner Group"), plain("prisoners")]]);
}

#[test]
fn sparql_finds_the_evidence_of_a_relation() {
    let rows = select(
        &store(),
        "SELECT ?sentence ?document ?start ?end ?weight WHERE {
            ?st a rdf:Statement ; rdf:subject ?a ; rdf:predicate ag:recruits ; rdf:object ?b ;
                ag:weight ?weight ; ag:evidence ?e .
            ?a schema:name \"Wagner Group\" . ?b schema:name \"prisoners\" .
            ?e a ag:Evidence ; ag:sentence ?sentence ; ag:document ?document ; ag:start ?start ; ag:end ?end .
        } ORDER BY ?document",
    );
    let int = |n: usize| n.to_string();
    let weight = "2".to_string();
    let first = "Wagner recruited prisoners in Russian jails.";
    let second = "The group recruits convicts.";
    assert_eq!(
        rows,
        [
            [plain(first), plain("a.txt"), int(10), int(10 + first.len()), weight.clone()],
            [plain(second), plain("b.txt"), int(200), int(200 + second.len()), weight],
        ]
    );
}

#[test]
fn sparql_sees_types_dates_and_the_symmetric_alliance() {
    let store = store();
    let rows = select(&store, "SELECT ?t WHERE { ?a schema:name \"Russia\" ; a ?t }");
    assert_eq!(rows, [["http://schema.org/Country".to_string()]]);
    let rows = select(
        &store,
        "SELECT ?name WHERE { ?a ag:firstSeen ?d ; schema:name ?name . FILTER(?d < \"2023-06-02\"^^xsd:date) }",
    );
    assert_eq!(rows, [[plain("Wagner Group")]]);
    // Symmetric: stored once, from the actor whose id sorts first.
    let rows = select(&store, "SELECT ?x ?y WHERE { ?a ag:alliedWith ?b . ?a schema:name ?x . ?b schema:name ?y }");
    assert_eq!(rows, [[plain("Russia"), plain("Wagner Group")]]);
}

#[test]
fn hard_text_survives_the_round_trip() {
    let rows = select(&store(), "SELECT ?s WHERE { ?st rdf:predicate ag:says ; ag:evidence/ag:sentence ?s }");
    let sentence = "Prigozhin said: \"Wagner\\PMC <is> ours\"\u{1}\r\n🚀 \u{200F}שלום.";
    assert_eq!(rows, [[plain(sentence)]]);
}

#[test]
fn ntriples_hold_exactly_the_triples_of_the_jsonld() {
    let from_jsonld = parse(jsonld(), &render(Format::JsonLd));
    let from_nt = parse(RdfFormat::NTriples, &render(Format::NTriples));
    assert_eq!(render(Format::NTriples).lines().count(), from_nt.len(), "no repeated triple");
    assert_eq!(from_nt.len(), from_jsonld.len());
    let only_nt: Vec<_> = from_nt.difference(&from_jsonld).collect();
    let only_jsonld: Vec<_> = from_jsonld.difference(&from_nt).collect();
    assert!(
        only_nt.is_empty() && only_jsonld.is_empty(),
        "only in N-Triples: {only_nt:#?}\nonly in JSON-LD: {only_jsonld:#?}"
    );
}

#[test]
fn every_term_used_is_declared_in_the_ontology() {
    let ontology = Store::new().expect("store");
    let ttl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/ontology.ttl")).expect("ontology");
    ontology.load_from_reader(RdfFormat::Turtle, ttl.as_bytes()).expect("the ontology parses");
    let ag = "https://actorgraph.dev/ns#";
    for triple in parse(jsonld(), &render(Format::JsonLd)) {
        let p = triple.predicate.as_str();
        if let Some(local) = p.strip_prefix(ag) {
            let rows =
                select(&ontology, &format!("SELECT ?d ?r WHERE {{ ag:{local} rdfs:domain ?d ; rdfs:range ?r }}"));
            assert_eq!(rows.len(), 1, "ag:{local} needs one domain and one range in ontology.ttl");
        }
        if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" {
            if let Term::NamedNode(class) = &triple.object {
                if let Some(local) = class.as_str().strip_prefix(ag) {
                    let rows = select(&ontology, &format!("SELECT ?c WHERE {{ ag:{local} a ?c }}"));
                    assert!(!rows.is_empty(), "class ag:{local} is not declared");
                }
            }
        }
    }
}
