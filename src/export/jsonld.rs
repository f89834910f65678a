//! JSON-LD writer (stub).
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use std::io::Write;
/// JSON-LD.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLd;
impl super::Exporter for JsonLd {
    fn write<W: Write>(&self, _graph: &KnowledgeGraph, w: W) -> Result<W> { Ok(w) }
}
