//! A deterministic force-directed layout of the graph, for the exports that carry positions and
//! for pictures.
//!
//! Fruchterman–Reingold with two ForceAtlas2 habits: attraction grows with the logarithm of an
//! edge's weight (so one heavily evidenced edge does not collapse its ends onto each other), and
//! a weak gravity towards the centre keeps disconnected components on the canvas. Repulsion
//! between nodes scales with their degrees, so hubs push their neighbourhoods apart.
//!
//! Repulsion is summed over a Barnes–Hut quadtree, as in ForceAtlas2: far groups of nodes push
//! as one, so a round costs n log n.
//!
//! Starting positions come from a hash of each node's id, not from a random generator, and every
//! loop runs in node order, so the same graph always gives the same positions (on the same
//! platform: the arithmetic is plain `f64`).

use crate::graph::KnowledgeGraph;
use petgraph::visit::EdgeRef;

/// Strength of the pull towards the centre.
const GRAVITY: f64 = 0.12;

/// Half the side of the square the positions are scaled into.
pub const EXTENT: f64 = 500.0;

/// A position per node, in the graph's node order, in the square `[-500, 500]²` around the origin.
///
/// Deterministic: the same graph gives the same positions.
///
/// ```
/// use actorgraph::graph::{KnowledgeGraph, Node};
/// use actorgraph::model::EntityType;
///
/// let node = |id: &str| Node {
///     id: id.into(),
///     label: id.into(),
///     kind: EntityType::Group,
///     aliases: vec![],
///     mentions: 1,
///     documents: 0,
///     dates: None,
/// };
/// let graph = KnowledgeGraph::from_parts(vec![node("a"), node("b"), node("c")], vec![]);
/// let p = actorgraph::layout::layout(&graph);
/// assert_eq!(p.len(), 3);
/// assert_eq!(p, actorgraph::layout::layout(&graph));
/// assert!(p.iter().all(|(x, y)| x.abs() <= 500.0 && y.abs() <= 500.0));
/// ```
#[must_use]
pub fn layout(graph: &KnowledgeGraph) -> Vec<(f64, f64)> {
    let g = graph.petgraph();
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    // Undirected, merged springs: (a, b, strength) with a < b.
    let mut springs: std::collections::BTreeMap<(usize, usize), f64> = std::collections::BTreeMap::new();
    let mut degree = vec![0usize; n];
    for e in g.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        if a == b {
            continue;
        }
        degree[a] += 1;
        degree[b] += 1;
        *springs.entry((a.min(b), a.max(b))).or_default() += 1.0 + e.weight().weight().ln_1p();
    }
    let springs: Vec<(usize, usize, f64)> = springs.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    let mass: Vec<f64> = degree.iter().map(|d| 1.0 + *d as f64).collect();

    // Ideal edge length for a unit square of area n.
    let side = (n as f64).sqrt() * 10.0;
    let k = side / (n as f64).sqrt();
    let mut pos: Vec<(f64, f64)> = g
        .node_weights()
        .map(|node| {
            let h = fnv1a(node.id.as_bytes());
            let x = (splitmix(h) as f64 / u64::MAX as f64 - 0.5) * side;
            let y = (splitmix(h ^ 0x9E37_79B9_7F4A_7C15) as f64 / u64::MAX as f64 - 0.5) * side;
            (x, y)
        })
        .collect();

    // Fewer rounds on big graphs, whose rounds cost more.
    let iterations = if n > 2500 {
        100
    } else if n > 600 {
        150
    } else {
        400
    };
    let mut temperature = side / 8.0;
    let cooling = (0.01f64).powf(1.0 / iterations as f64);
    let gravity = GRAVITY;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    let mut tree = Tree::default();
    for _ in 0..iterations {
        tree.build(&pos, &mass);
        tree.repulsion(&pos, &mass, k * k, &mut disp);
        for &(a, b, w) in &springs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-2);
            // d² / k along the unit vector: d · (dx, dy) / k.
            let f = d / k * w;
            disp[a].0 -= dx * f / mass[a];
            disp[a].1 -= dy * f / mass[a];
            disp[b].0 += dx * f / mass[b];
            disp[b].1 += dy * f / mass[b];
        }
        for i in 0..n {
            let (x, y) = pos[i];
            // "Strong" gravity (ForceAtlas2's option): grows with the distance, so isolated
            // actors stay near the rest instead of drifting to the edge of the picture.
            disp[i].0 -= x * gravity * mass[i];
            disp[i].1 -= y * gravity * mass[i];
            let (dx, dy) = disp[i];
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 {
                let step = len.min(temperature);
                pos[i].0 += dx / len * step;
                pos[i].1 += dy / len * step;
            }
        }
        temperature *= cooling;
    }
    scale_into_square(&mut pos);
    pos
}

/// How far a group of nodes must be for its pull to be taken as one node's at its centre of
/// mass: the side of its square over the distance, below this. Barnes and Hut's θ; ForceAtlas2
/// uses 1.2, a smaller one is closer to the exact sum.
const THETA: f64 = 0.7;

/// At most this many nodes in a leaf of the tree: below it, summing each is cheaper than
/// splitting the square further.
const LEAF: usize = 8;

/// Squares are split at most this deep (nodes at one point share a leaf however many).
const MAX_DEPTH: usize = 32;

/// The pushes of `strength / d` on a node at `a` from `mass` at `b`, along `b → a`.
fn push(a: (f64, f64), b: (f64, f64), strength: f64) -> (f64, f64) {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    let d2 = (dx * dx + dy * dy).max(1e-4);
    let f = strength / d2 * 0.2;
    (dx * f, dy * f)
}

/// A Barnes–Hut quadtree over the positions: repulsion from far groups of nodes is taken from
/// their centre of mass, so a round costs n log n, not n², and, unlike a grid cut off at some
/// distance, every node still pushes every other.
///
/// Deterministic: the tree depends on the positions only (nodes are placed in node order), and
/// each node's push is summed by one thread, walking the tree in one order.
#[derive(Default)]
struct Tree {
    cells: Vec<Cell>,
    /// The nodes, ordered so that each leaf's are one run: `order[cell.first..cell.end]`.
    order: Vec<usize>,
}

/// A square of the tree.
#[derive(Clone, Copy)]
struct Cell {
    /// Centre of mass and total mass of the nodes inside.
    x: f64,
    y: f64,
    mass: f64,
    /// The side of the square.
    side: f64,
    /// The nodes inside: `order[first..end]`.
    first: usize,
    end: usize,
    /// The index of the first of its four children, which follow each other; 0 for a leaf.
    children: usize,
}

impl Tree {
    fn build(&mut self, pos: &[(f64, f64)], mass: &[f64]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..pos.len());
        let (mut minx, mut maxx, mut miny, mut maxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in pos {
            minx = minx.min(x);
            maxx = maxx.max(x);
            miny = miny.min(y);
            maxy = maxy.max(y);
        }
        let side = (maxx - minx).max(maxy - miny).max(1e-9);
        self.cells.push(Cell { x: 0.0, y: 0.0, mass: 0.0, side, first: 0, end: pos.len(), children: 0 });
        self.split(0, (minx, miny), 0, pos, mass);
    }

    /// Fills in cell `c` (its square's corner at `corner`): its centre of mass, and its children
    /// where it holds more than [`LEAF`] nodes.
    fn split(&mut self, c: usize, corner: (f64, f64), depth: usize, pos: &[(f64, f64)], mass: &[f64]) {
        let Cell { first, end, side, .. } = self.cells[c];
        let (mut mx, mut my, mut m) = (0.0, 0.0, 0.0);
        for &i in &self.order[first..end] {
            mx += pos[i].0 * mass[i];
            my += pos[i].1 * mass[i];
            m += mass[i];
        }
        let cell = &mut self.cells[c];
        (cell.x, cell.y, cell.mass) = if m > 0.0 { (mx / m, my / m, m) } else { (0.0, 0.0, 0.0) };
        if end - first <= LEAF || depth >= MAX_DEPTH {
            return;
        }
        // The nodes by quadrant (keeping node order within each), then a child per quadrant.
        let half = side / 2.0;
        let (midx, midy) = (corner.0 + half, corner.1 + half);
        let quadrant = |i: usize| usize::from(pos[i].0 >= midx) + 2 * usize::from(pos[i].1 >= midy);
        let mut runs: [Vec<usize>; 4] = Default::default();
        for &i in &self.order[first..end] {
            runs[quadrant(i)].push(i);
        }
        let children = self.cells.len();
        self.cells[c].children = children;
        let mut at = first;
        for run in &runs {
            self.order[at..at + run.len()].copy_from_slice(run);
            self.cells.push(Cell {
                x: 0.0,
                y: 0.0,
                mass: 0.0,
                side: half,
                first: at,
                end: at + run.len(),
                children: 0,
            });
            at += run.len();
        }
        for q in 0..4 {
            let corner = (corner.0 + half * (q % 2) as f64, corner.1 + half * (q / 2) as f64);
            if self.cells[children + q].end > self.cells[children + q].first {
                self.split(children + q, corner, depth + 1, pos, mass);
            }
        }
    }

    /// Adds to each node's displacement the push of all the others, blocks of nodes shared
    /// among threads.
    fn repulsion(&self, pos: &[(f64, f64)], mass: &[f64], kk: f64, disp: &mut [(f64, f64)]) {
        use rayon::prelude::*;
        disp.par_iter_mut().enumerate().with_min_len(64).for_each_init(Vec::new, |stack, (i, d)| {
            *d = self.push_on(i, pos, mass, kk, stack);
        });
    }

    /// The push on node `i` from every other node: exact from the nodes of leaves it comes
    /// close to, from the centre of mass of squares far enough away.
    fn push_on(&self, i: usize, pos: &[(f64, f64)], mass: &[f64], kk: f64, stack: &mut Vec<usize>) -> (f64, f64) {
        let p = pos[i];
        let strength = kk * mass[i];
        let (mut ax, mut ay) = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.end == cell.first {
                continue;
            }
            if cell.children == 0 {
                for &j in &self.order[cell.first..cell.end] {
                    if j != i {
                        let f = push(p, pos[j], strength * mass[j]);
                        ax += f.0;
                        ay += f.1;
                    }
                }
                continue;
            }
            let (dx, dy) = (p.0 - cell.x, p.1 - cell.y);
            let d2 = dx * dx + dy * dy;
            if cell.side * cell.side < THETA * THETA * d2 {
                let f = push(p, (cell.x, cell.y), strength * cell.mass);
                ax += f.0;
                ay += f.1;
            } else {
                // Children visited in order 0 to 3.
                stack.extend((0..4).rev().map(|q| cell.children + q));
            }
        }
        (ax, ay)
    }
}

/// Centres the positions and scales them so the farthest coordinate is [`EXTENT`].
fn scale_into_square(pos: &mut [(f64, f64)]) {
    let (mut minx, mut maxx, mut miny, mut maxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pos.iter() {
        minx = minx.min(x);
        maxx = maxx.max(x);
        miny = miny.min(y);
        maxy = maxy.max(y);
    }
    let (cx, cy) = ((minx + maxx) / 2.0, (miny + maxy) / 2.0);
    let half = ((maxx - minx).max(maxy - miny) / 2.0).max(1e-9);
    for p in pos.iter_mut() {
        p.0 = (p.0 - cx) / half * EXTENT;
        p.1 = (p.1 - cy) / half * EXTENT;
        // Round away float noise so the numbers written to files are stable and short.
        p.0 = (p.0 * 1000.0).round() / 1000.0;
        p.1 = (p.1 * 1000.0).round() / 1000.0;
    }
}

/// FNV-1a, 64 bits: a hash fixed by its definition, unlike `std`'s.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One round of splitmix64, to spread the bits of a hash.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node};
    use crate::model::{EntityType, Evidence, RelationKind, Span};

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            label: id.into(),
            kind: EntityType::Group,
            aliases: vec![],
            mentions: 1,
            documents: 0,
            dates: None,
        }
    }

    fn edge(s: &str, t: &str) -> (String, String, Edge) {
        let evidence = vec![Evidence { doc: "d".into(), sentence: format!("{s} {t}").into(), span: Span::new(0, 1) }];
        (s.into(), t.into(), Edge::new(RelationKind::Recruits, evidence))
    }

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn big_graphs_stay_deterministic() {
        let n = 3000;
        let nodes: Vec<Node> = (0..n).map(|i| node(&format!("n{i:05}"))).collect();
        let edges: Vec<_> = (1..n).map(|i| edge(&format!("n{:05}", i / 2), &format!("n{i:05}"))).collect();
        let g = KnowledgeGraph::from_parts(nodes, edges);
        let start = std::time::Instant::now();
        let p = layout(&g);
        assert!(start.elapsed().as_secs() < 60, "too slow: {:?}", start.elapsed());
        assert_eq!(p.len(), n);
        assert!(p.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        assert_eq!(p, layout(&g));
    }

    #[test]
    fn empty_and_single() {
        assert!(layout(&KnowledgeGraph::default()).is_empty());
        assert_eq!(layout(&KnowledgeGraph::from_parts(vec![node("a")], vec![])), vec![(0.0, 0.0)]);
    }

    #[test]
    fn connected_nodes_end_up_closer_than_unconnected_ones() {
        let nodes = ["a", "b", "c", "d", "e", "f"].map(node).to_vec();
        let edges =
            vec![edge("a", "b"), edge("b", "c"), edge("a", "c"), edge("d", "e"), edge("e", "f"), edge("d", "f")];
        let g = KnowledgeGraph::from_parts(nodes, edges);
        let p = layout(&g);
        assert_eq!(p, layout(&g));
        let within = dist(p[0], p[1]).max(dist(p[1], p[2])).max(dist(p[0], p[2]));
        let across = dist(p[0], p[3]).min(dist(p[0], p[4])).min(dist(p[2], p[5]));
        assert!(within < across, "within {within} across {across}");
    }
}
