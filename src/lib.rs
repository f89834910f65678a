//! actorgraph: news articles in, a deduplicated knowledge graph of actors out.
//!
//! The pipeline runs in stages, one module each, data flowing one way:
//! [`ingest`] → [`clean`] → [`segment`] → [`recognise`] → [`relate`] →
//! [`resolve`] → [`graph`] → [`export`]. Around the graph: [`layout`] and [`render`]
//! draw it, [`stats`] sums it up, [`import`] reads a saved one back, and [`state`] lets a
//! build grow with new articles, keeping its evidence sentences on disk ([`spill`]). Stages
//! share only the types in [`model`]; lexicons are data in `schema/` ([`lexicon`]).
//!
//! ```
//! use actorgraph::{export::Format, model::Document, pipeline::Extractor};
//!
//! let extractor = Extractor::new(None).unwrap();
//! let doc = Document {
//!     id: "a.txt".into(),
//!     text: "The Kremlin is recruiting Syrian volunteers to fight in Ukraine, officials said.".into(),
//!     date: None,
//! };
//! let graph = extractor.build_documents(&[doc]);
//! let recruits = graph.edges().any(|(s, t, e)| {
//!     s.label == "Kremlin" && t.label == "Syrian volunteers" && e.relation.as_str() == "recruits"
//! });
//! assert!(recruits);
//! let mut out = Vec::new();
//! Format::GraphMl.write(&graph, &mut out).unwrap();
//! ```
#![warn(missing_docs)]

pub mod clean;
pub mod error;
pub mod export;
pub mod graph;
pub mod import;
pub mod ingest;
pub mod layout;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod recognise;
pub mod relate;
pub mod relations;
pub mod render;
pub mod resolve;
pub mod segment;
pub mod spill;
pub mod state;
pub mod stats;
#[cfg(test)]
mod test_rng;

pub use error::{Error, Result};
