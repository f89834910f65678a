//! The knowledge graph: one node per actor, one edge per (source, relation, target).
//!
//! Every export format reads this one model; none computes its own view of the data.

use crate::error::Result;
use crate::model::{EntityType, Evidence, RelationKind, Sentence};
use crate::spill::SentenceReader;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

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
///
/// A node's index is its place in id order, so a lookup by id is a binary search (no second
/// copy of the ids). The evidence texts are held in the edges or, for a graph a build made,
/// kept in a sentence file ([`crate::spill`]) that the graph reads them back from.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    sentences: Option<Arc<SentenceReader>>,
}

impl KnowledgeGraph {
    /// Builds a graph from nodes and `(source id, target id, edge)` triples.
    ///
    /// Nodes are ordered by id and edges by (source, relation, target), so the
    /// result does not depend on the order of the input. Edges between unknown
    /// ids are dropped; edges with the same key are merged (their evidence joined without
    /// repeats, their omitted counts added).
    #[must_use]
    pub fn from_parts(mut nodes: Vec<Node>, edges: Vec<(String, String, Edge)>) -> Self {
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes.dedup_by(|a, b| a.id == b.id);
        let mut g = Self::from_sorted_nodes(nodes.into_iter());
        let mut merged: BTreeMap<(String, RelationKind, String), (Vec<Evidence>, usize)> = BTreeMap::new();
        for (s, t, e) in edges {
            let (s, t) = if e.relation.is_symmetric() && t < s { (t, s) } else { (s, t) };
            if s == t || g.place(&s).is_none() || g.place(&t).is_none() {
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
            if let (Some(s), Some(t)) = (g.place(&s), g.place(&t)) {
                g.push_edge(s, t, Edge { relation, evidence, omitted });
            }
        }
        g
    }

    /// A graph of these nodes, which must be in id order, one per id, and no edges yet.
    pub(crate) fn from_sorted_nodes(nodes: impl ExactSizeIterator<Item = Node>) -> Self {
        let mut graph = DiGraph::with_capacity(nodes.len(), 0);
        for n in nodes {
            graph.add_node(n);
        }
        KnowledgeGraph { graph, sentences: None }
    }

    /// Takes the file that the stored sentences of this graph's evidence are in.
    pub(crate) fn set_sentence_file(&mut self, file: SentenceReader) {
        self.sentences = Some(Arc::new(file));
    }

    /// The text of an evidence sentence of this graph.
    ///
    /// # Errors
    /// When the sentence is stored and its file cannot be read (or was not fully written).
    pub fn sentence<'a>(&self, evidence: &'a Evidence) -> Result<Cow<'a, str>> {
        match &evidence.sentence {
            Sentence::Text(t) => Ok(Cow::Borrowed(t)),
            Sentence::Stored(place) => {
                let file = self.sentences.as_ref().ok_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "evidence sentence stored outside this graph")
                })?;
                Ok(Cow::Owned(file.read(*place)?))
            }
        }
    }

    /// Whether writing the stored sentences failed (a full disk, say); exporting then fails.
    #[must_use]
    pub fn sentence_write_error(&self) -> Option<&std::io::Error> {
        self.sentences.as_ref().and_then(|f| f.write_error())
    }

    /// Makes room for `n` more edges, so that the edge list is not grown by doubling.
    pub(crate) fn reserve_edges(&mut self, n: usize) {
        self.graph.reserve_exact_edges(n);
    }

    /// Adds an edge between the nodes at these places (in id order); edges must come in
    /// (source id, relation, target id) order, one per key. Unknown places are ignored.
    pub(crate) fn push_edge(&mut self, source: usize, target: usize, edge: Edge) {
        if source < self.graph.node_count() && target < self.graph.node_count() {
            self.graph.add_edge(NodeIndex::new(source), NodeIndex::new(target), edge);
        }
    }

    /// The place (node index) of the node with this id.
    fn place(&self, id: &str) -> Option<usize> {
        self.graph.raw_nodes().binary_search_by(|n| n.weight.id.as_str().cmp(id)).ok()
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
        self.place(id).map(|ix| &self.graph[NodeIndex::new(ix)])
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
        self.place(id).map_or(0, |ix| {
            let ix = NodeIndex::new(ix);
            self.graph.edges_directed(ix, petgraph::Direction::Outgoing).count()
                + self.graph.edges_directed(ix, petgraph::Direction::Incoming).count()
        })
    }

    /// The underlying petgraph graph, for algorithms.
    #[must_use]
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }
}
