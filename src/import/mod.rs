//! Readers of our own outputs, so that `render` and `stats` can work from a saved graph.

pub mod graphml;
