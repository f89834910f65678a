//! A deterministic layout of the graph, for the exports that carry positions and for pictures.

use crate::graph::KnowledgeGraph;

/// A position per node, in the graph's node order, in a square around the origin.
///
/// Deterministic: the same graph gives the same positions.
#[must_use]
pub fn layout(graph: &KnowledgeGraph) -> Vec<(f64, f64)> {
    let n = graph.node_count().max(1) as f64;
    (0..graph.node_count())
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n;
            (500.0 * a.cos(), 500.0 * a.sin())
        })
        .collect()
}
