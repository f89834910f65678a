//! Writers for the output formats, one module per format, all reading one [`KnowledgeGraph`].
//!
//! | format            | name      | files                                         | for                          |
//! |-------------------|-----------|-----------------------------------------------|------------------------------|
//! | [`Format::GraphMl`]  | `graphml` | `graph.graphml`                               | Gephi, networkx, igraph, yEd, APOC |
//! | [`Format::JsonLd`]   | `jsonld`  | `graph.jsonld`                                | RDF stores, pyld             |
//! | [`Format::Gexf`]     | `gexf`    | `graph.gexf`                                  | Gephi (keeps parallel relations apart) |
//! | [`Format::NTriples`] | `nt`      | `graph.nt`                                    | RDF stores, line tools       |
//! | [`Format::Neo4j`]    | `neo4j`   | `nodes.csv`, `relationships.csv`, `load.cypher` | `neo4j-admin database import`, `LOAD CSV` |
//!
//! The RDF formats share one view of the graph ([`rdf`]); the visual attributes (colour, size,
//! position) of GraphML and GEXF come from [`style`]. No writer computes its own view.

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) mod ascii;
pub mod gexf;
pub mod graphml;
pub mod jsonld;
pub mod neo4j;
pub mod ntriples;
pub mod rdf;
pub mod style;
mod xml;

/// A serializer of the whole graph into one stream.
pub trait Exporter {
    /// Writes `graph` to `w` and hands the writer back.
    ///
    /// # Errors
    /// When writing to `w` fails.
    fn write<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> Result<W>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// GraphML, for Gephi, networkx, igraph, yEd, Neo4j APOC.
    GraphMl,
    /// JSON-LD 1.0 with a self-contained context, for RDF stores.
    JsonLd,
    /// GEXF 1.3, for Gephi: colours, sizes, positions, spells, relations kept apart.
    Gexf,
    /// N-Triples: the same triples as the JSON-LD, one per line.
    NTriples,
    /// CSV files for `neo4j-admin database import full`, and a Cypher script for `LOAD CSV`.
    Neo4j,
}

/// One file that a [`Format`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Output {
    /// `graph.graphml`.
    GraphMl,
    /// `graph.jsonld`.
    JsonLd,
    /// `graph.gexf`.
    Gexf,
    /// `graph.nt`.
    NTriples,
    /// `nodes.csv`: one row per actor.
    Neo4jNodes,
    /// `relationships.csv`: one row per edge.
    Neo4jRelationships,
    /// `load.cypher`: loads the two CSV files with `LOAD CSV`.
    Neo4jLoad,
}

impl Output {
    /// The file name the output is written under.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Output::GraphMl => "graph.graphml",
            Output::JsonLd => "graph.jsonld",
            Output::Gexf => "graph.gexf",
            Output::NTriples => "graph.nt",
            Output::Neo4jNodes => neo4j::NODES_FILE,
            Output::Neo4jRelationships => neo4j::RELATIONSHIPS_FILE,
            Output::Neo4jLoad => neo4j::LOAD_FILE,
        }
    }

    /// Whether the file carries the graph's drawing ([`style::visuals`]: positions, sizes,
    /// colours).
    fn is_drawn(self) -> bool {
        matches!(self, Output::GraphMl | Output::Gexf)
    }

    /// Writes this file of `graph` to `w`.
    ///
    /// # Errors
    /// When writing to `w` fails.
    pub fn write<W: Write>(self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        match self {
            Output::GraphMl => graphml::GraphMl::new().write(graph, w),
            Output::JsonLd => jsonld::JsonLd.write(graph, w),
            Output::Gexf => gexf::Gexf::new().write(graph, w),
            Output::NTriples => ntriples::NTriples.write(graph, w),
            Output::Neo4jNodes => neo4j::Nodes.write(graph, w),
            Output::Neo4jRelationships => neo4j::Relationships.write(graph, w),
            Output::Neo4jLoad => neo4j::LoadScript.write(graph, w),
        }
    }
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [Format::GraphMl, Format::JsonLd, Format::Gexf, Format::NTriples, Format::Neo4j];

    /// The file extension of the format's (first) file, without the dot.
    #[must_use]
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::GraphMl => "graphml",
            Format::JsonLd => "jsonld",
            Format::Gexf => "gexf",
            Format::NTriples => "nt",
            Format::Neo4j => "csv",
        }
    }

    /// The files the format writes, in order.
    ///
    /// ```
    /// use actorgraph::export::Format;
    /// let names: Vec<&str> = Format::Neo4j.outputs().iter().map(|o| o.file_name()).collect();
    /// assert_eq!(names, ["nodes.csv", "relationships.csv", "load.cypher"]);
    /// ```
    #[must_use]
    pub fn outputs(self) -> &'static [Output] {
        match self {
            Format::GraphMl => &[Output::GraphMl],
            Format::JsonLd => &[Output::JsonLd],
            Format::Gexf => &[Output::Gexf],
            Format::NTriples => &[Output::NTriples],
            Format::Neo4j => &[Output::Neo4jNodes, Output::Neo4jRelationships, Output::Neo4jLoad],
        }
    }

    /// The format named `name` (`graphml`, `jsonld`, `gexf`, `nt`, `neo4j`; case-insensitive).
    ///
    /// # Errors
    /// [`Error::UnknownFormat`] for any other name.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "graphml" => Ok(Format::GraphMl),
            "jsonld" | "json-ld" => Ok(Format::JsonLd),
            "gexf" => Ok(Format::Gexf),
            "nt" | "ntriples" | "n-triples" => Ok(Format::NTriples),
            "neo4j" => Ok(Format::Neo4j),
            other => Err(Error::UnknownFormat(other.to_string())),
        }
    }

    /// Writes `graph` in this format to `w`. A format of several files ([`Format::Neo4j`])
    /// writes its first ([`Format::outputs`] lists them; [`Output::write`] writes each).
    ///
    /// # Errors
    /// When writing to `w` fails.
    pub fn write<W: Write>(self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        match self.outputs().first() {
            Some(output) => output.write(graph, w),
            None => Ok(w),
        }
    }
}

/// Writes every file of each format into `dir`, atomically: each file is first written to a
/// temporary file beside it, and only when all of them are complete are they renamed into
/// place, so a failed run leaves the previous outputs untouched (and the files of one format,
/// such as Neo4j's `nodes.csv` and `relationships.csv`, never come from two runs). Returns the
/// paths written.
///
/// # Errors
/// [`Error::Write`] naming the file that could not be written.
pub fn write_all(graph: &KnowledgeGraph, formats: &[Format], dir: &Path) -> Result<Vec<PathBuf>> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
    let mut outputs: Vec<Output> = formats.iter().flat_map(|f| f.outputs().iter().copied()).collect();
    outputs.sort_unstable();
    outputs.dedup();
    // The files are written side by side, each by one task: the drawn ones (GraphML, GEXF)
    // share one layout and come in one task, started first because the layout is the longest
    // part; every other file is a task of its own. Each file's bytes are the same whichever
    // thread writes it.
    let (drawn, plain): (Vec<Output>, Vec<Output>) = outputs.iter().partition(|o| o.is_drawn());
    let mut tasks: Vec<Vec<Output>> = plain.into_iter().map(|o| vec![o]).collect();
    if !drawn.is_empty() {
        tasks.insert(0, drawn);
    }
    let results: Vec<(Output, Result<()>)> = tasks
        .into_par_iter()
        .flat_map_iter(|task| {
            let visuals = task.iter().any(|o| o.is_drawn()).then(|| style::visuals(graph, None));
            task.into_iter()
                .map(|output| (output, write_temporary(graph, output, visuals.as_deref(), &temporary(dir, output))))
                .collect::<Vec<_>>()
        })
        .collect();
    if results.iter().any(|(_, r)| r.is_err()) {
        // Leave no half-written temporaries behind; the outputs themselves are untouched.
        for (output, _) in &results {
            let _ = std::fs::remove_file(temporary(dir, *output));
        }
        let mut results = results;
        results.sort_by_key(|(output, _)| *output);
        if let Some((_, Err(e))) = results.into_iter().find(|(_, r)| r.is_err()) {
            return Err(e);
        }
    }
    let mut written = Vec::with_capacity(outputs.len());
    for output in outputs {
        let path = dir.join(output.file_name());
        std::fs::rename(temporary(dir, output), &path).map_err(|source| Error::Write { path: path.clone(), source })?;
        written.push(path);
    }
    Ok(written)
}

/// Where `output` is written before it is renamed into place.
fn temporary(dir: &Path, output: Output) -> PathBuf {
    dir.join(format!(".{}.tmp", output.file_name()))
}

/// Writes `output` to the file `tmp` and syncs it to disk; a drawn output is drawn with
/// `visuals` when given.
fn write_temporary(
    graph: &KnowledgeGraph,
    output: Output,
    visuals: Option<&[style::Visual]>,
    tmp: &Path,
) -> Result<()> {
    let file = std::fs::File::create(tmp).map_err(|source| Error::Write { path: tmp.to_path_buf(), source })?;
    // Outputs run to hundreds of megabytes: a large buffer means fewer system calls.
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    // The writers that take a buffering writer write into this buffer, not through a second.
    match (output, visuals) {
        (Output::GraphMl, Some(v)) => graphml::write_document(graph, v, &mut w),
        (Output::Gexf, Some(v)) => gexf::write_document(graph, v, &mut w),
        (Output::JsonLd, _) => jsonld::write_document(graph, &mut w),
        _ => output.write(graph, &mut w).map(drop),
    }
    .map_err(|e| match e {
        Error::Io(source) => Error::Write { path: tmp.to_path_buf(), source },
        other => other,
    })?;
    let file = w.into_inner().map_err(|e| Error::Write { path: tmp.to_path_buf(), source: e.into_error() })?;
    file.sync_all().map_err(|source| Error::Write { path: tmp.to_path_buf(), source })
}

/// Runs `body` on a buffered `w`, then flushes and hands `w` back: the common frame of the
/// exporters that write one document.
///
/// # Errors
/// When `body` or the final flush fails.
pub(crate) fn buffered<W: Write>(w: W, body: impl FnOnce(&mut std::io::BufWriter<W>) -> Result<()>) -> Result<W> {
    let mut out = std::io::BufWriter::new(w);
    body(&mut out)?;
    let mut w = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    w.flush()?;
    Ok(w)
}
