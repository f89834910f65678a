//! What the graph looks like: colour by actor type, size by degree, position from
//! [`crate::layout::layout`]. GraphML and GEXF both read it from here.

use crate::graph::KnowledgeGraph;
use crate::model::EntityType;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// How one node is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visual {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// Diameter: [`size`] of the node's degree.
    pub size: f64,
    /// [`color`] of the node's type.
    pub color: Rgb,
}

/// The colour of an actor type (a colour-blind-safe palette: Okabe and Ito).
///
/// ```
/// use actorgraph::export::style::{color, Rgb};
/// use actorgraph::model::EntityType;
/// assert_eq!(color(EntityType::Person), Rgb { r: 0, g: 114, b: 178 });
/// ```
#[must_use]
pub fn color(kind: EntityType) -> Rgb {
    let (r, g, b) = match kind {
        EntityType::Person => (0, 114, 178),
        EntityType::Organization => (213, 94, 0),
        EntityType::Country => (0, 158, 115),
        EntityType::Group => (204, 121, 167),
    };
    Rgb { r, g, b }
}

/// The size of a node with `degree` edges: 10 for an isolated node, growing with the square
/// root of the degree so that hubs stand out without hiding everything else.
///
/// ```
/// assert_eq!(actorgraph::export::style::size(0), 10.0);
/// assert_eq!(actorgraph::export::style::size(4), 30.0);
/// ```
#[must_use]
pub fn size(degree: usize) -> f64 {
    10.0 + 10.0 * (degree as f64).sqrt()
}

/// How each node is drawn, in the graph's node order, at `positions` (one per node, in node
/// order) or, when `None`, where [`crate::layout::layout`] puts them. Coordinates and sizes are rounded
/// to hundredths: no viewer needs more, and it keeps the files readable.
#[must_use]
pub fn visuals(graph: &KnowledgeGraph, positions: Option<&[(f64, f64)]>) -> Vec<Visual> {
    let computed;
    let positions = match positions {
        Some(p) => p,
        None => {
            computed = crate::layout::layout(graph);
            &computed
        }
    };
    let round = |v: f64| (v * 100.0).round() / 100.0;
    // Every node's degree ([`KnowledgeGraph::degree`]) from one pass over the edges, not a
    // lookup by id and a walk of its edges per node.
    let g = graph.petgraph();
    let mut degree = vec![0usize; g.node_count()];
    for e in g.raw_edges() {
        degree[e.source().index()] += 1;
        degree[e.target().index()] += 1;
    }
    graph
        .nodes()
        .zip(degree)
        .enumerate()
        .map(|(i, (node, degree))| {
            // The layout gives one position per node; a short answer puts the rest at the origin.
            let (x, y) = positions.get(i).copied().unwrap_or((0.0, 0.0));
            Visual { x: round(x), y: round(y), size: round(size(degree)), color: color(node.kind) }
        })
        .collect()
}

/// `value` as written in the outputs: `{:?}` keeps the decimal point (`2.0`), which typed
/// readers expect of a double, and non-finite values (which no reader accepts) become 0.
#[must_use]
pub(crate) fn number(value: f64) -> String {
    if value.is_finite() {
        // `+ 0.0` turns `-0.0` into `0.0`.
        format!("{:?}", value + 0.0)
    } else {
        "0.0".to_string()
    }
}
