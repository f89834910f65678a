//! A summary of a graph: nodes per type, edges per relation, the most connected actors, the
//! strongest edges with one supporting sentence each, and — where the build's record is at
//! hand — the documents that gave nothing and the boilerplate removed.
//!
//! [`Summary::new`] computes the numbers (reading only the sentences it shows); [`Summary::to_text`] and JSON (through
//! `serde`) present them.

use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::pipeline::DocReport;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many actors and edges the top lists hold.
pub const TOP: usize = 10;

/// The summary of a graph.
///
/// ```
/// use actorgraph::pipeline::Extractor;
/// use actorgraph::model::Document;
/// use actorgraph::stats::Summary;
///
/// let doc = Document {
///     id: "a.txt".into(),
///     text: "The Kremlin is recruiting Syrian volunteers to fight in Ukraine, officials said.".into(),
///     date: None,
/// };
/// let graph = Extractor::new(None)?.build_documents(&[doc]);
/// let s = Summary::new(&graph, None)?;
/// assert_eq!(s.relations.get("recruits"), Some(&1));
/// assert!(s.to_text().contains("recruits 1"));
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// Number of actors.
    pub nodes: usize,
    /// Number of edges.
    pub edges: usize,
    /// Actors per type.
    pub types: BTreeMap<String, usize>,
    /// Edges per relation.
    pub relations: BTreeMap<String, usize>,
    /// The most connected actors, most connected first.
    pub top_actors: Vec<Actor>,
    /// The edges with the most supporting sentences, strongest first.
    pub strongest_edges: Vec<StrongEdge>,
    /// What the build recorded about its documents, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<Corpus>,
}

/// An actor in the top list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Actor {
    /// Node id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Edges in either direction.
    pub degree: usize,
    /// Mentions over the corpus.
    pub mentions: usize,
    /// Documents that mention the actor.
    pub documents: usize,
}

/// An edge in the strongest list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StrongEdge {
    /// Source label.
    pub source: String,
    /// Relation.
    pub relation: String,
    /// Target label.
    pub target: String,
    /// Supporting sentences.
    pub weight: usize,
    /// Documents the sentences come from.
    pub sources: Vec<String>,
    /// One supporting sentence: the shortest, which reads best in a list.
    pub evidence: String,
}

/// What a build recorded about its documents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Corpus {
    /// Documents read.
    pub documents: usize,
    /// Documents that gave no relation, with the number of actor mentions found in each.
    pub empty_documents: Vec<EmptyDocument>,
    /// Non-blank lines read.
    pub lines: usize,
    /// Lines dropped as boilerplate (navigation, share bars, footers, repeated lines).
    pub boilerplate_lines: usize,
    /// Distinct short lines dropped because two or more documents repeat them.
    pub repeated_lines: usize,
}

/// A document that gave no relation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EmptyDocument {
    /// Document id.
    pub id: String,
    /// Actor mentions found (0: nothing recognised at all).
    pub mentions: usize,
    /// Lines kept as article, of the non-blank lines read.
    pub kept_lines: usize,
}

impl Corpus {
    /// The corpus record from per-document reports and the count of repeated lines.
    #[must_use]
    pub fn new(reports: &[DocReport], repeated_lines: usize) -> Self {
        Corpus {
            documents: reports.len(),
            empty_documents: reports
                .iter()
                .filter(|r| r.relations == 0)
                .map(|r| EmptyDocument { id: r.id.clone(), mentions: r.mentions, kept_lines: r.kept })
                .collect(),
            lines: reports.iter().map(|r| r.lines).sum(),
            boilerplate_lines: reports.iter().map(|r| r.lines.saturating_sub(r.kept)).sum(),
            repeated_lines,
        }
    }
}

impl Summary {
    /// Summarises `graph`, with the build's record of its documents if known.
    ///
    /// # Errors
    /// When a stored evidence sentence of a strongest edge cannot be read back.
    pub fn new(graph: &KnowledgeGraph, corpus: Option<Corpus>) -> Result<Self> {
        let mut types: BTreeMap<String, usize> = BTreeMap::new();
        for n in graph.nodes() {
            *types.entry(n.kind.as_str().to_string()).or_default() += 1;
        }
        let mut relations: BTreeMap<String, usize> = BTreeMap::new();
        for (_, _, e) in graph.edges() {
            *relations.entry(e.relation.as_str().to_string()).or_default() += 1;
        }
        let mut top_actors: Vec<Actor> = graph
            .nodes()
            .map(|n| Actor {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.as_str().to_string(),
                degree: graph.degree(&n.id),
                mentions: n.mentions,
                documents: n.documents,
            })
            .filter(|a| a.degree > 0)
            .collect();
        top_actors.sort_by(|a, b| b.degree.cmp(&a.degree).then(b.mentions.cmp(&a.mentions)).then(a.id.cmp(&b.id)));
        top_actors.truncate(TOP);
        // Stable sort: ties keep the graph's edge order. Only the kept edges read a sentence.
        let mut strongest: Vec<_> = graph.edges().map(|(s, t, e)| (s, t, e, e.sources().len())).collect();
        strongest.sort_by(|a, b| b.2.evidence_count().cmp(&a.2.evidence_count()).then(b.3.cmp(&a.3)));
        strongest.truncate(TOP);
        let strongest_edges = strongest
            .into_iter()
            .map(|(s, t, e, _)| {
                let sentences = e.evidence.iter().map(|x| graph.sentence(x)).collect::<Result<Vec<_>>>()?;
                Ok(StrongEdge {
                    source: s.label.clone(),
                    relation: e.relation.as_str().to_string(),
                    target: t.label.clone(),
                    weight: e.evidence_count(),
                    sources: e.sources().into_iter().map(str::to_string).collect(),
                    evidence: sentences
                        .iter()
                        .min_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)))
                        .map_or_else(String::new, |x| x.to_string()),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Summary {
            nodes: graph.node_count(),
            edges: graph.edge_count(),
            types,
            relations,
            top_actors,
            strongest_edges,
            corpus,
        })
    }

    /// The summary as text for people.
    #[must_use]
    pub fn to_text(&self) -> String {
        let join = |m: &BTreeMap<String, usize>| {
            if m.is_empty() {
                "none".to_string()
            } else {
                m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
            }
        };
        let mut out = String::new();
        let _ = writeln!(out, "{} actors: {}", self.nodes, join(&self.types));
        let _ = writeln!(out, "{} relations: {}", self.edges, join(&self.relations));
        if !self.top_actors.is_empty() {
            let _ = writeln!(out, "\nMost connected actors:");
            let width = self.top_actors.iter().map(|a| a.label.chars().count()).max().unwrap_or(0);
            for a in &self.top_actors {
                let _ = writeln!(
                    out,
                    "  {:<width$}  {:<12}  {} edge{}, {} mention{} in {} document{}",
                    a.label,
                    a.kind,
                    a.degree,
                    if a.degree == 1 { "" } else { "s" },
                    a.mentions,
                    if a.mentions == 1 { "" } else { "s" },
                    a.documents,
                    if a.documents == 1 { "" } else { "s" }
                );
            }
        }
        if !self.strongest_edges.is_empty() {
            let _ = writeln!(out, "\nStrongest relations:");
            for e in &self.strongest_edges {
                let _ = writeln!(
                    out,
                    "  {} -{}-> {}  ({} sentence{}; {})",
                    e.source,
                    e.relation,
                    e.target,
                    e.weight,
                    if e.weight == 1 { "" } else { "s" },
                    e.sources.join(", ")
                );
                let _ = writeln!(out, "      \"{}\"", shorten(&e.evidence, 160));
            }
        }
        if let Some(c) = &self.corpus {
            let _ = writeln!(
                out,
                "\n{} documents; boilerplate removed: {} of {} non-blank lines ({} distinct lines repeated across documents)",
                c.documents, c.boilerplate_lines, c.lines, c.repeated_lines
            );
            if c.empty_documents.is_empty() {
                let _ = writeln!(out, "Every document gave at least one relation.");
            } else {
                let _ = writeln!(out, "Documents that gave no relation ({}):", c.empty_documents.len());
                for d in &c.empty_documents {
                    let _ = writeln!(
                        out,
                        "  {}  ({} mention{}, {} line{} kept)",
                        d.id,
                        d.mentions,
                        if d.mentions == 1 { "" } else { "s" },
                        d.kept_lines,
                        if d.kept_lines == 1 { "" } else { "s" }
                    );
                }
            }
        }
        out
    }
}

/// `s` cut to at most `max` characters at a word boundary, with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_words() {
        assert_eq!(shorten("one two three", 100), "one two three");
        assert_eq!(shorten("one two three", 9), "one two…");
    }

    #[test]
    fn corpus_counts() {
        let r = |id: &str, lines, kept, relations| DocReport { id: id.into(), lines, kept, mentions: 2, relations };
        let c = Corpus::new(&[r("a", 10, 7, 1), r("b", 5, 5, 0)], 2);
        assert_eq!((c.documents, c.lines, c.boilerplate_lines, c.repeated_lines), (2, 15, 3, 2));
        assert_eq!(c.empty_documents, vec![EmptyDocument { id: "b".into(), mentions: 2, kept_lines: 5 }]);
    }
}
