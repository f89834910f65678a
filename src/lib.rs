//! actorgraph: news articles in, a deduplicated knowledge graph of actors out.
#![warn(missing_docs)]

pub mod error;
pub mod export;
pub mod graph;
pub mod model;

pub use error::{Error, Result};
