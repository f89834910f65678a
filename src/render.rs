//! A picture of the graph as SVG: force-directed positions ([`crate::layout`]), nodes coloured
//! by type and sized by degree, edges coloured by relation with arrowheads on directed
//! relations, labels on the most connected actors, and a legend.
//!
//! The picture is built as a string without I/O ([`Svg::to_string`]), then written
//! ([`Svg::write`]). Equal graphs give equal bytes: positions are deterministic and numbers are
//! written with fixed precision.

use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::model::{EntityType, RelationKind};

pub mod png;
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

/// Builds an SVG picture of a graph.
///
/// ```
/// use actorgraph::graph::{KnowledgeGraph, Node};
/// use actorgraph::model::EntityType;
/// use actorgraph::render::Svg;
///
/// let node = Node {
///     id: "country:russia".into(),
///     label: "Russia".into(),
///     kind: EntityType::Country,
///     aliases: vec![],
///     mentions: 2,
///     documents: 0,
///     dates: None,
/// };
/// let graph = KnowledgeGraph::from_parts(vec![node], vec![]);
/// let svg = Svg::new().width(800.0).height(600.0).to_string(&graph);
/// assert!(svg.starts_with("<?xml"));
/// assert!(svg.contains(">Russia</text>"));
/// ```
#[derive(Debug, Clone)]
pub struct Svg {
    width: f64,
    height: f64,
    labels: usize,
    title: Option<String>,
}

impl Default for Svg {
    fn default() -> Self {
        Svg { width: 1600.0, height: 1200.0, labels: 30, title: None }
    }
}

/// Width of the legend panel on the right.
const LEGEND_WIDTH: f64 = 250.0;

/// The most a node's radius grows with its degree, in pixels (a leaf's is 3.5).
const MAX_GROWTH: f64 = 36.0;

/// Space around the drawing.
const MARGIN: f64 = 40.0;
/// Height of the title line.
const TITLE_HEIGHT: f64 = 36.0;

/// Fill colour of a node type: the exports' colour ([`crate::export::style::color`]), so the
/// picture and Gephi agree.
#[must_use]
pub fn type_colour(t: EntityType) -> String {
    let c = crate::export::style::color(t);
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Stroke colour of a relation.
#[must_use]
pub fn relation_colour(r: RelationKind) -> &'static str {
    match r {
        // The rest of the Okabe–Ito palette, apart from the node colours; `says`, the most
        // common, in grey so that it does not drown the others.
        RelationKind::Says => "#8a8f98",
        RelationKind::Recruits => "#e69f00",
        RelationKind::FightsFor => "#882255",
        RelationKind::AlliedWith => "#56b4e9",
        RelationKind::Custom(def) => &def.colour,
    }
}

const TYPES: [EntityType; 4] = [EntityType::Person, EntityType::Organization, EntityType::Country, EntityType::Group];

impl Svg {
    /// A 1600×1200 picture that labels the 30 most connected actors.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The picture's width in pixels (at least 400).
    #[must_use]
    pub fn width(mut self, w: f64) -> Self {
        self.width = w.max(400.0);
        self
    }

    /// The picture's height in pixels (at least 300).
    #[must_use]
    pub fn height(mut self, h: f64) -> Self {
        self.height = h.max(300.0);
        self
    }

    /// How many of the most connected actors get a label (0: none).
    #[must_use]
    pub fn labels(mut self, n: usize) -> Self {
        self.labels = n;
        self
    }

    /// A title line at the top (default: the counts of actors and relations).
    #[must_use]
    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = Some(t.into());
        self
    }

    /// Writes the picture of `graph` to `w` and hands the writer back.
    ///
    /// # Errors
    /// When writing to `w` fails.
    pub fn write<W: Write>(&self, graph: &KnowledgeGraph, mut w: W) -> Result<W> {
        w.write_all(self.to_string(graph).as_bytes())?;
        w.flush()?;
        Ok(w)
    }

    /// The picture of `graph` as an SVG document.
    #[must_use]
    pub fn to_string(&self, graph: &KnowledgeGraph) -> String {
        let g = graph.petgraph();
        let n = g.node_count();
        let positions = crate::layout::layout(graph);
        let degree: Vec<usize> = g.node_weights().map(|node| graph.degree(&node.id)).collect();
        // Area grows with the degree; on a big corpus the hubs have thousands of edges, so the
        // growth is scaled down until the biggest node is at most `MAX_GROWTH` wider than a leaf.
        let max_degree = degree.iter().copied().max().unwrap_or(0) as f64;
        let growth = 2.4f64.min(MAX_GROWTH / max_degree.sqrt().max(1.0));
        let radius: Vec<f64> = degree.iter().map(|d| 3.5 + growth * (*d as f64).sqrt()).collect();

        // Map [-500, 500]² into the plot area, keeping the aspect ratio.
        let (px0, py0) = (MARGIN, MARGIN + TITLE_HEIGHT);
        let (pw, ph) = (self.width - LEGEND_WIDTH - 2.0 * MARGIN, self.height - TITLE_HEIGHT - 2.0 * MARGIN);
        let scale = pw.min(ph) / (2.0 * crate::layout::EXTENT);
        let (cx, cy) = (px0 + pw / 2.0, py0 + ph / 2.0);
        let xy: Vec<(f64, f64)> = positions.iter().map(|(x, y)| (cx + x * scale, cy + y * scale)).collect();

        let mut out = String::new();
        let (w, h) = (self.width, self.height);
        let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="Helvetica, Arial, sans-serif">"#
        );
        out.push_str("  <defs>\n");
        for r in graph.relation_kinds().into_iter().filter(|r| !r.is_symmetric()) {
            let _ = writeln!(
                out,
                r#"    <marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
                r.as_str(),
                relation_colour(r)
            );
        }
        out.push_str("  </defs>\n");
        let _ = writeln!(out, r##"  <rect width="100%" height="100%" fill="#ffffff"/>"##);
        let title = self
            .title
            .clone()
            .unwrap_or_else(|| format!("{} actors, {} relations", graph.node_count(), graph.edge_count()));
        let _ = writeln!(
            out,
            r##"  <text x="{MARGIN:.0}" y="{:.0}" font-size="20" font-weight="bold" fill="#333333">{}</text>"##,
            MARGIN + 8.0,
            esc(&title)
        );

        // Edges: the k-th edge between a pair bends further, so parallel and opposite edges part.
        let mut pair_seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        out.push_str("  <g id=\"edges\" fill=\"none\" stroke-opacity=\"0.6\">\n");
        for e in g.edge_references() {
            let (s, t) = (e.source().index(), e.target().index());
            let k = pair_seen.entry((s.min(t), s.max(t))).or_default();
            let bend = 0.12 * (*k as f64 + 1.0);
            *k += 1;
            let (a, b) = (xy[s], xy[t]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            if len < 1e-6 {
                continue;
            }
            // Control point off the middle, to the left of the direction of travel.
            let c = ((a.0 + b.0) / 2.0 - dy * bend, (a.1 + b.1) / 2.0 + dx * bend);
            let start = towards(a, c, radius[s] + 1.0);
            let end = towards(b, c, radius[t] + 1.5);
            let rel = e.weight().relation;
            let width = 0.9 + 0.9 * e.weight().weight().ln_1p();
            let marker = if rel.is_symmetric() {
                String::new()
            } else {
                format!(r#" marker-end="url(#arrow-{})""#, rel.as_str())
            };
            let _ = writeln!(
                out,
                r#"    <path d="M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}" stroke="{}" stroke-width="{width:.2}"{marker}><title>{} {} {} ({} sentence{})</title></path>"#,
                start.0,
                start.1,
                c.0,
                c.1,
                end.0,
                end.1,
                relation_colour(rel),
                esc(&g[e.source()].label),
                rel.as_str(),
                esc(&g[e.target()].label),
                e.weight().evidence_count(),
                if e.weight().evidence_count() == 1 { "" } else { "s" }
            );
        }
        out.push_str("  </g>\n");

        // Nodes, least connected first so hubs are drawn on top.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|i| (degree[*i], *i));
        out.push_str("  <g id=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1.2\">\n");
        for &i in &order {
            let node = &g[petgraph::graph::NodeIndex::new(i)];
            let _ = writeln!(
                out,
                r#"    <circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}"><title>{} ({}, {} connection{}, {} mention{})</title></circle>"#,
                xy[i].0,
                xy[i].1,
                radius[i],
                type_colour(node.kind),
                esc(&node.label),
                node.kind.as_str(),
                degree[i],
                if degree[i] == 1 { "" } else { "s" },
                node.mentions,
                if node.mentions == 1 { "" } else { "s" }
            );
        }
        out.push_str("  </g>\n");

        // Labels for the most connected actors, skipping one that would cover a placed one.
        let mut ranked: Vec<usize> = (0..n).filter(|i| degree[*i] > 0 || n <= self.labels).collect();
        ranked.sort_by(|a, b| {
            let (na, nb) = (&g[petgraph::graph::NodeIndex::new(*a)], &g[petgraph::graph::NodeIndex::new(*b)]);
            degree[*b].cmp(&degree[*a]).then(nb.mentions.cmp(&na.mentions)).then(na.id.cmp(&nb.id))
        });
        let max_degree = max_degree.max(1.0);
        let mut placed: Vec<Rect> = Vec::new();
        out.push_str(
            "  <g id=\"labels\" fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n",
        );
        for &i in ranked.iter().take(self.labels) {
            let node = &g[petgraph::graph::NodeIndex::new(i)];
            let size = 11.0 + 5.0 * (degree[i] as f64 / max_degree).sqrt();
            let text_w = size * 0.56 * node.label.chars().count() as f64;
            let (x, y, r) = (xy[i].0, xy[i].1, radius[i]);
            // Right, left, above, below the node.
            let candidates = [
                (x + r + 3.0, y + size * 0.35, "start"),
                (x - r - 3.0, y + size * 0.35, "end"),
                (x, y - r - 4.0, "middle"),
                (x, y + r + size, "middle"),
            ];
            let fits = candidates.iter().find_map(|&(lx, ly, anchor)| {
                let left = match anchor {
                    "start" => lx,
                    "end" => lx - text_w,
                    _ => lx - text_w / 2.0,
                };
                let rect = Rect { x0: left, y0: ly - size, x1: left + text_w, y1: ly + size * 0.25 };
                let inside =
                    rect.x0 >= 2.0 && rect.x1 <= w - LEGEND_WIDTH && rect.y0 >= TITLE_HEIGHT && rect.y1 <= h - 2.0;
                (inside && !placed.iter().any(|p| p.overlaps(&rect))).then_some((lx, ly, anchor, rect))
            });
            if let Some((lx, ly, anchor, rect)) = fits {
                placed.push(rect);
                let weight = if degree[i] as f64 >= max_degree * 0.5 { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    out,
                    r#"    <text x="{lx:.1}" y="{ly:.1}" font-size="{size:.1}" text-anchor="{anchor}"{weight}>{}</text>"#,
                    esc(&node.label)
                );
            }
        }
        out.push_str("  </g>\n");

        self.legend(graph, &mut out);
        out.push_str("</svg>\n");
        out
    }

    fn legend(&self, graph: &KnowledgeGraph, out: &mut String) {
        let mut types: BTreeMap<EntityType, usize> = BTreeMap::new();
        for node in graph.nodes() {
            *types.entry(node.kind).or_default() += 1;
        }
        let mut rels: BTreeMap<RelationKind, usize> = BTreeMap::new();
        for (_, _, e) in graph.edges() {
            *rels.entry(e.relation).or_default() += 1;
        }
        let x = self.width - LEGEND_WIDTH + 10.0;
        let mut y = MARGIN + TITLE_HEIGHT;
        let _ = writeln!(
            out,
            r##"  <g id="legend" font-size="13" fill="#333333">
    <rect x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}" rx="6" fill="#f7f7f7" stroke="#dddddd"/>"##,
            x - 10.0,
            y - 22.0,
            LEGEND_WIDTH - 20.0,
            // Heading, four types, gap, heading, four relations, gap, two notes, padding.
            22.0 + 4.0 * 22.0 + 34.0 + 4.0 * 22.0 + 34.0 + 16.0 + 14.0
        );
        let _ = writeln!(out, r#"    <text x="{x:.0}" y="{y:.0}" font-weight="bold">Actors</text>"#);
        for t in TYPES {
            y += 22.0;
            let _ = writeln!(
                out,
                r#"    <circle cx="{:.0}" cy="{:.0}" r="6" fill="{}"/><text x="{:.0}" y="{:.0}">{} ({})</text>"#,
                x + 8.0,
                y - 4.0,
                type_colour(t),
                x + 22.0,
                y,
                t.as_str(),
                types.get(&t).copied().unwrap_or(0)
            );
        }
        y += 34.0;
        let _ = writeln!(out, r#"    <text x="{x:.0}" y="{y:.0}" font-weight="bold">Relations</text>"#);
        for r in graph.relation_kinds() {
            y += 22.0;
            let marker =
                if r.is_symmetric() { String::new() } else { format!(r#" marker-end="url(#arrow-{})""#, r.as_str()) };
            let _ = writeln!(
                out,
                r#"    <path d="M{:.0},{:.0} L{:.0},{:.0}" stroke="{}" stroke-width="2"{marker}/><text x="{:.0}" y="{:.0}">{}{} ({})</text>"#,
                x,
                y - 4.0,
                x + 30.0,
                y - 4.0,
                relation_colour(r),
                x + 40.0,
                y,
                r.as_str(),
                if r.is_symmetric() { ", both ways" } else { "" },
                rels.get(&r).copied().unwrap_or(0)
            );
        }
        y += 34.0;
        let _ = writeln!(
            out,
            r##"    <text x="{x:.0}" y="{y:.0}" font-size="11" fill="#666666">Size: number of connections.</text>"##
        );
        y += 16.0;
        let _ = writeln!(
            out,
            r##"    <text x="{x:.0}" y="{y:.0}" font-size="11" fill="#666666">Labels: the {} most connected.</text>"##,
            self.labels
        );
        out.push_str("  </g>\n");
    }
}

/// The point at distance `d` from `from`, towards `to`.
fn towards(from: (f64, f64), to: (f64, f64), d: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    (from.0 + dx / len * d, from.1 + dy / len * d)
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Escapes text for SVG character data and attributes; drops characters XML does not allow.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..) => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(esc("a<b & \"c\"\u{1}\n"), "a&lt;b &amp; &quot;c&quot; ");
    }

    #[test]
    fn empty_graph_is_a_picture_too() {
        let s = Svg::new().to_string(&KnowledgeGraph::default());
        assert!(s.contains("0 actors, 0 relations"));
        assert!(s.ends_with("</svg>\n"));
    }

    #[test]
    fn a_hub_of_thousands_stays_a_node_not_the_canvas() {
        use crate::graph::{Edge, Node};
        use crate::model::{EntityType, Evidence, RelationKind, Span};
        let node = |id: String| Node {
            label: id.clone(),
            id,
            kind: EntityType::Group,
            aliases: vec![],
            mentions: 1,
            documents: 1,
            dates: None,
        };
        let nodes: Vec<Node> = (0..3000).map(|i| node(format!("n{i}"))).collect();
        let edges = (1..3000)
            .map(|i| {
                let evidence = vec![Evidence { doc: "d".into(), sentence: "s".into(), span: Span::new(0, 1) }];
                ("n0".to_string(), format!("n{i}"), Edge::new(RelationKind::Recruits, evidence))
            })
            .collect();
        let svg = Svg::new().to_string(&KnowledgeGraph::from_parts(nodes, edges));
        let radii: Vec<f64> = svg
            .split("<circle ")
            .skip(1)
            .filter_map(|c| c.split("r=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        let biggest = radii.iter().copied().fold(0.0, f64::max);
        assert!(biggest > 30.0 && biggest <= 3.5 + MAX_GROWTH + 0.05, "biggest radius {biggest}");
    }
}
