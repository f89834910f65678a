//! Writers for the output formats, one module per format, all reading one [`KnowledgeGraph`].

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::io::Write;

pub mod graphml;
pub mod jsonld;

/// A serializer of the whole graph into one format.
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
}

impl Format {
    /// Every format, in the default output order.
    pub const ALL: [Format; 2] = [Format::GraphMl, Format::JsonLd];

    /// The file extension, without the dot.
    #[must_use]
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::GraphMl => "graphml",
            Format::JsonLd => "jsonld",
        }
    }

    /// The format named `name` (`graphml`, `jsonld`; case-insensitive).
    ///
    /// # Errors
    /// [`Error::UnknownFormat`] for any other name.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "graphml" => Ok(Format::GraphMl),
            "jsonld" | "json-ld" => Ok(Format::JsonLd),
            other => Err(Error::UnknownFormat(other.to_string())),
        }
    }

    /// Writes `graph` in this format to `w`.
    ///
    /// # Errors
    /// When writing to `w` fails.
    pub fn write<W: Write>(self, graph: &KnowledgeGraph, w: W) -> Result<W> {
        match self {
            Format::GraphMl => graphml::GraphMl.write(graph, w),
            Format::JsonLd => jsonld::JsonLd.write(graph, w),
        }
    }
}

/// Writes each format into `dir` as `graph.<extension>`, atomically: every file is first written
/// in full to a temporary file beside it, and only when all of them are complete are they renamed
/// into place, so a failed run leaves the previous outputs untouched (and no temporary files).
/// Returns the paths written.
///
/// # Errors
/// [`Error::Write`] naming the file that could not be written.
pub fn write_all(graph: &KnowledgeGraph, formats: &[Format], dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
    let mut staged = Vec::new();
    for f in formats {
        let path = dir.join(format!("graph.{}", f.file_extension()));
        let tmp = dir.join(format!(".graph.{}.tmp", f.file_extension()));
        if let Err(e) = write_temp(graph, *f, &tmp) {
            // Only temporary files of our own are removed; a failed removal changes nothing else.
            for t in staged.iter().map(|(t, _)| t).chain([&tmp]) {
                let _ = std::fs::remove_file(t);
            }
            return Err(e);
        }
        staged.push((tmp, path));
    }
    let mut written = Vec::new();
    for (tmp, path) in staged {
        std::fs::rename(&tmp, &path).map_err(|source| Error::Write { path: path.clone(), source })?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `graph` in `format` to the file `tmp`, synced to disk.
fn write_temp(graph: &KnowledgeGraph, format: Format, tmp: &std::path::Path) -> Result<()> {
    let file = std::fs::File::create(tmp).map_err(|source| Error::Write { path: tmp.to_path_buf(), source })?;
    let w = format.write(graph, std::io::BufWriter::new(file))?;
    let file = w.into_inner().map_err(|e| Error::Write { path: tmp.to_path_buf(), source: e.into_error() })?;
    file.sync_all().map_err(|source| Error::Write { path: tmp.to_path_buf(), source })
}
