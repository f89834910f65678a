//! GraphML writer (stub).
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use std::io::Write;
/// GraphML.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphMl;
impl super::Exporter for GraphMl {
    fn write<W: Write>(&self, _graph: &KnowledgeGraph, w: W) -> Result<W> { Ok(w) }
}
