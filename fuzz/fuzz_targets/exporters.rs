//! Every exporter on arbitrary graphs: any labels, aliases, evidence and document ids (and ids
//! made by the crate's slug), checked to read back as XML or JSON with the same counts.
#![no_main]

use actorgraph::graph::{Edge, KnowledgeGraph, Node};
use actorgraph::model::{EntityType, Evidence, RelationKind, Span};
use actorgraph::resolve::alias::slug;
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

mod check;

const KINDS: [EntityType; 4] = [EntityType::Person, EntityType::Organization, EntityType::Country, EntityType::Group];

fn graph(u: &mut Unstructured<'_>) -> Result<KnowledgeGraph> {
    let mut nodes = Vec::new();
    for i in 0..u.int_in_range(0..=8)? {
        let kind = KINDS[u.choose_index(KINDS.len())?];
        let label: String = u.arbitrary()?;
        let aliases: Vec<String> = u.arbitrary()?;
        let documents: usize = u.int_in_range(0..=1000)?;
        let dates: Option<(String, String)> = u.arbitrary()?;
        // Ids as the crate makes them: prefix and slug, made unique by a number.
        let id = format!("{}:{}-{i}", kind.id_prefix(), slug(&label));
        nodes.push(Node { id, label, kind, aliases, mentions: u.arbitrary()?, documents, dates });
    }
    let mut edges = Vec::new();
    if !nodes.is_empty() {
        for _ in 0..u.int_in_range(0..=12)? {
            let s = nodes[u.choose_index(nodes.len())?].id.clone();
            let t = nodes[u.choose_index(nodes.len())?].id.clone();
            let relation = RelationKind::ALL[u.choose_index(RelationKind::ALL.len())?];
            let mut evidence = Vec::new();
            for _ in 0..u.int_in_range(1..=3)? {
                let (a, b): (usize, usize) = u.arbitrary()?;
                evidence.push(Evidence { doc: u.arbitrary::<String>()?.into(), sentence: u.arbitrary::<String>()?.into(), span: Span::new(a, b) });
            }
            edges.push((s, t, Edge::new(relation, evidence)));
        }
    }
    Ok(KnowledgeGraph::from_parts(nodes, edges))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(g) = graph(&mut u) {
        check::check_graph(&g, true);
    }
});
