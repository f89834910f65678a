//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in actorgraph.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not UTF-8 text.
    #[error("{path}: not UTF-8 text ({reason})")]
    NotText {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// An output could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing to a stream failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// A schema (lexicon) file is malformed.
    #[error("{file}:{line}: {message}")]
    Schema {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An unknown output format was asked for.
    #[error("unknown format '{0}' (expected graphml, jsonld, gexf, nt or neo4j)")]
    UnknownFormat(String),
    /// JSON serialisation failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
