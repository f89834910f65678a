//! A deterministic force-directed layout of the graph, for the exports that carry positions and
//! for pictures.
//!
//! Fruchterman–Reingold with two ForceAtlas2 habits: attraction grows with the logarithm of an
//! edge's weight (so one heavily evidenced edge does not collapse its ends onto each other), and
//! a weak gravity towards the centre keeps disconnected components on the canvas. Repulsion
//! between nodes scales with their degrees, so hubs push their neighbourhoods apart.
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
    let iterations = if n > GRID_ABOVE {
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
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        if n <= GRID_ABOVE {
            for i in 0..n {
                for j in (i + 1)..n {
                    let f = repulsion(pos[i], pos[j], k * k * mass[i] * mass[j]);
                    disp[i].0 += f.0;
                    disp[i].1 += f.1;
                    disp[j].0 -= f.0;
                    disp[j].1 -= f.1;
                }
            }
        } else {
            grid_repulsion(&pos, &mass, k, &mut disp);
        }
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

/// Above this many nodes, repulsion comes only from nodes nearby (a grid of cells), as in
/// Fruchterman and Reingold's own variant: all pairs would cost n² per round.
const GRID_ABOVE: usize = 2500;

/// The repulsive push on a node at `a` from one at `b`: `strength / d` along `b → a`.
fn repulsion(a: (f64, f64), b: (f64, f64), strength: f64) -> (f64, f64) {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    let d2 = (dx * dx + dy * dy).max(1e-4);
    let f = strength / d2 * 0.2;
    (dx * f, dy * f)
}

/// Repulsion from the nodes in the same and the eight neighbouring cells of side `4k`.
/// Deterministic: cells are filled and visited in node order, and each node's push is summed
/// in that order by one thread (nodes are shared among threads, never one node's sum).
///
/// The sums are the ones a plain loop over each node's neighbours gives, bit for bit: the
/// cells' members are copied into one array, cell after cell, so a neighbour cell is read as
/// a contiguous run, and the members of a cell (which share their neighbour cells) are
/// summed [`LANES`] at a time, each in its own accumulator, so that one node's chain of
/// additions does not wait on another's.
fn grid_repulsion(pos: &[(f64, f64)], mass: &[f64], k: f64, disp: &mut [(f64, f64)]) {
    use rayon::prelude::*;
    let cell = 4.0 * k;
    let key = |p: (f64, f64)| ((p.0 / cell).floor() as i64, (p.1 / cell).floor() as i64);
    // Cells numbered in order of first appearance; each one's members in node order.
    let mut index: rustc_hash::FxHashMap<(i64, i64), usize> = rustc_hash::FxHashMap::default();
    let mut keys: Vec<(i64, i64)> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, p) in pos.iter().enumerate() {
        let kp = key(*p);
        let c = *index.entry(kp).or_insert_with(|| {
            keys.push(kp);
            members.push(Vec::new());
            members.len() - 1
        });
        members[c].push(i);
    }
    // The members of all cells end to end: node, x, y, mass; `starts[c]..starts[c + 1]`.
    let mut starts = Vec::with_capacity(members.len() + 1);
    let mut packed: Vec<Packed> = Vec::with_capacity(pos.len());
    for m in &members {
        starts.push(packed.len());
        packed.extend(m.iter().map(|&i| Packed { node: i, x: pos[i].0, y: pos[i].1, mass: mass[i] }));
    }
    starts.push(packed.len());
    let kk = k * k;
    let sums: Vec<Vec<(f64, f64)>> = (0..members.len())
        .into_par_iter()
        .map(|c| {
            let (cx, cy) = keys[c];
            // The neighbour cells in the order the plain loop visits them.
            let mut near: [&[Packed]; 9] = [&[]; 9];
            let mut count = 0;
            for dx in -1..=1 {
                for dy in -1..=1 {
                    if let Some(&n) = index.get(&(cx + dx, cy + dy)) {
                        near[count] = &packed[starts[n]..starts[n + 1]];
                        count += 1;
                    }
                }
            }
            let near = &near[..count];
            let own = &packed[starts[c]..starts[c + 1]];
            let mut out = Vec::with_capacity(own.len());
            for group in own.chunks(LANES) {
                out.extend_from_slice(&cell_sums(group, near, kk)[..group.len()]);
            }
            out
        })
        .collect();
    for (m, s) in members.iter().zip(&sums) {
        for (&i, d) in m.iter().zip(s) {
            disp[i].0 += d.0;
            disp[i].1 += d.1;
        }
    }
}

/// How many nodes of a cell [`cell_sums`] takes at once.
const LANES: usize = 4;

/// A node as [`grid_repulsion`] reads it.
#[derive(Clone, Copy)]
struct Packed {
    node: usize,
    x: f64,
    y: f64,
    mass: f64,
}

/// The repulsion on each node of `group` (up to [`LANES`] of them) from every node in `near`
/// but itself, each summed in the order of `near`, starting from zero.
///
/// The lanes are kept as separate arrays so that the compiler can do the [`LANES`]
/// computations in vector registers; each lane's arithmetic is [`repulsion`]'s, step for step.
#[inline]
fn cell_sums(group: &[Packed], near: &[&[Packed]], kk: f64) -> [(f64, f64); LANES] {
    let lane = |l: usize| group.get(l).copied().unwrap_or(Packed { node: usize::MAX, x: 0.0, y: 0.0, mass: 0.0 });
    let node: [usize; LANES] = std::array::from_fn(|l| lane(l).node);
    let px: [f64; LANES] = std::array::from_fn(|l| lane(l).x);
    let py: [f64; LANES] = std::array::from_fn(|l| lane(l).y);
    // `k * k * mass[i] * mass[j]` is evaluated left to right: the first product is per node.
    let strength: [f64; LANES] = std::array::from_fn(|l| kk * lane(l).mass);
    let (mut ax, mut ay) = ([0.0f64; LANES], [0.0f64; LANES]);
    for run in near {
        for q in *run {
            for l in 0..LANES {
                let (dx, dy) = (px[l] - q.x, py[l] - q.y);
                let d2 = (dx * dx + dy * dy).max(1e-4);
                let f = strength[l] * q.mass / d2 * 0.2;
                // A node does not push itself. Adding -0.0 leaves every sum as it is (-0.0
                // included), so the skip can be an addition like the others.
                let keep = q.node != node[l];
                ax[l] += if keep { dx * f } else { -0.0 };
                ay[l] += if keep { dy * f } else { -0.0 };
            }
        }
    }
    std::array::from_fn(|l| (ax[l], ay[l]))
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
    fn big_graphs_take_the_grid_and_stay_deterministic() {
        let n = GRID_ABOVE + 10;
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
