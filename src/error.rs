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
    /// A file is not text: binary data, or bytes in no encoding that can be told.
    #[error("{path}: not text: {reason}")]
    NotText {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A file holds no text to read: it is empty, only whitespace, or only markup and symbols.
    #[error("{path}: no text ({reason})")]
    NoText {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A document is larger than the limit (`--max-doc-bytes`).
    #[error("{path}: too large ({size} bytes; the limit is {limit}, see --max-doc-bytes)")]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size in bytes (at least; a stream is not read past the limit).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A directory given as input holds no `*.txt` file.
    #[error("{path}: no *.txt files in this directory")]
    NoArticles {
        /// The directory.
        path: PathBuf,
    },
    /// The output directory cannot be created or written to; checked before any input is read.
    #[error("{path}: output directory is not writable: {source}")]
    OutputDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
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
    /// A saved graph could not be read back.
    #[error("{path}: byte {position}: {message}")]
    Import {
        /// The file.
        path: PathBuf,
        /// Byte offset of the fault (0 when it concerns the whole file).
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// A saved build state cannot be used.
    #[error("{path}: {message}")]
    State {
        /// The state file.
        path: PathBuf,
        /// What is wrong, and what to do.
        message: String,
    },
    /// The picture could not be rasterised.
    #[error("PNG: {0}")]
    Png(String),
    /// JSON serialisation failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
