//! The knowledge graph: one node per actor, one edge per (source, relation, target).
//!
//! Every export format reads this one model; none computes its own view of the data.

use crate::model::{EntityType, Evidence, RelationKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;

/// An actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable, XML-safe slug such as `person:vladimir-putin`.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// The actor's type.
    pub kind: EntityType,
    /// Every surface form the actor was seen under, sorted, including the label.
    pub aliases: Vec<String>,
    /// Number of mentions over the corpus.
    pub mentions: usize,
    /// Number of documents that mention the actor.
    pub documents: usize,
    /// Earliest and latest document date (`YYYY-MM-DD`) where known.
    pub dates: Option<(String, String)>,
}

/// A relation between two actors with its supporting sentences.
///
/// A build may keep only the first sentences of a heavily supported edge (`build
/// --max-evidence`); `omitted` counts the others, so that the weight is still the number of
/// every supporting sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The relation.
    pub relation: RelationKind,
    /// Supporting sentences, sorted and without repeats: all of them, or the first ones.
    pub evidence: Vec<Evidence>,
    /// Supporting sentences not kept in `evidence` (0 unless evidence was capped).
    pub omitted: usize,
}

impl Edge {
    /// An edge with all of its supporting sentences.
    #[must_use]
    pub fn new(relation: RelationKind, evidence: Vec<Evidence>) -> Self {
        Edge { relation, evidence, omitted: 0 }
    }

    /// The number of supporting sentences, kept or not.
    #[must_use]
    pub fn evidence_count(&self) -> usize {
        self.evidence.len() + self.omitted
    }

    /// The number of supporting sentences, kept or not, as the edge's weight.
    #[must_use]
    pub fn weight(&self) -> f64 {
        self.evidence_count() as f64
    }

    /// Sorted ids of the documents the kept evidence comes from.
    #[must_use]
    pub fn sources(&self) -> Vec<&str> {
        let mut s: Vec<&str> = self.evidence.iter().map(|e| &*e.doc).collect();
        s.sort_unstable();
        s.dedup();
        s
    }
}

/// The graph: nodes sorted by id, edges sorted by (source id, relation, target id).
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
}

impl KnowledgeGraph {
    /// Builds a graph from nodes and `(source id, target id, edge)` triples.
    ///
    /// Nodes are ordered by id and edges by (source, relation, target), so the
    /// result does not depend on the order of the input. Edges between unknown
    /// ids are dropped; edges with the same key are merged (their evidence joined without
    /// repeats, their omitted counts added).
    #[must_use]
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<(String, String, Edge)>) -> Self {
        let (mut graph, index) = Self::indexed_nodes(nodes);
        let mut merged: BTreeMap<(String, RelationKind, String), (Vec<Evidence>, usize)> = BTreeMap::new();
        for (s, t, e) in edges {
            let (s, t) = if e.relation.is_symmetric() && t < s { (t, s) } else { (s, t) };
            if s == t || !index.contains_key(&s) || !index.contains_key(&t) {
                continue;
            }
            let slot = merged.entry((s, e.relation, t)).or_default();
            if slot.0.is_empty() {
                slot.0 = e.evidence;
            } else {
                slot.0.extend(e.evidence);
            }
            slot.1 += e.omitted;
        }
        for ((s, relation, t), (mut evidence, omitted)) in merged {
            evidence.sort();
            evidence.dedup();
            graph.add_edge(index[&s], index[&t], Edge { relation, evidence, omitted });
        }
        KnowledgeGraph { graph, index }
    }

    /// The nodes in id order, one per id, and the index from id to node.
    fn indexed_nodes(mut nodes: Vec<Node>) -> (DiGraph<Node, Edge>, BTreeMap<String, NodeIndex>) {
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes.dedup_by(|a, b| a.id == b.id);
        let mut graph = DiGraph::new();
        let mut index = BTreeMap::new();
        for n in nodes {
            let id = n.id.clone();
            let ix = graph.add_node(n);
            index.insert(id, ix);
        }
        (graph, index)
    }

    /// Builds a graph from nodes and edges already merged: `edges` holds one edge per
    /// (source id, relation, target id), in that order, between known ids, with its evidence
    /// sorted and without repeats. The same graph as [`KnowledgeGraph::from_parts`] of them,
    /// without a second copy of the edges' keys.
    pub(crate) fn from_merged<'a>(nodes: Vec<Node>, edges: impl IntoIterator<Item = (&'a str, &'a str, Edge)>) -> Self {
        let (mut graph, index) = Self::indexed_nodes(nodes);
        for (s, t, e) in edges {
            if let (Some(&s), Some(&t)) = (index.get(s), index.get(t)) {
                graph.add_edge(s, t, e);
            }
        }
        KnowledgeGraph { graph, index }
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Edges as `(source, target, edge)` in (source id, relation, target id) order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.graph.edge_references().map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight()))
    }

    /// The relations a reader of this graph should know: the built-in ones, then the
    /// user-defined ones its edges use, in order.
    #[must_use]
    pub fn relation_kinds(&self) -> Vec<RelationKind> {
        let custom: std::collections::BTreeSet<RelationKind> =
            self.graph.edge_weights().map(|e| e.relation).filter(|r| matches!(r, RelationKind::Custom(_))).collect();
        RelationKind::ALL.into_iter().chain(custom).collect()
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|ix| &self.graph[*ix])
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Number of edges touching a node, in either direction.
    #[must_use]
    pub fn degree(&self, id: &str) -> usize {
        self.index.get(id).map_or(0, |ix| {
            self.graph.edges_directed(*ix, petgraph::Direction::Outgoing).count()
                + self.graph.edges_directed(*ix, petgraph::Direction::Incoming).count()
        })
    }

    /// The underlying petgraph graph, for algorithms.
    #[must_use]
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }
}
