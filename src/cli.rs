//! Command-line arguments, parsed by clap and validated into a configuration.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Turn news articles into a knowledge graph of actors and what they do to each other.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, long_about = None,
    after_help = "Example:\n  actorgraph build examples/articles --out out\n\nExit status: 0 all good, 1 some input skipped, 2 nothing usable or bad usage.")]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and write the graph (GraphML and JSON-LD by default).
    #[command(
        after_help = "Example:\n  actorgraph build articles/ more.txt --out out --format graphml,jsonld\n  cat article.txt | actorgraph build - --out out"
    )]
    Build {
        /// Article files and directories (searched recursively for *.txt); `-` reads one document from stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing); writes graph.<format> there.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Output formats, comma-separated: graphml, jsonld, gexf, nt (N-Triples), neo4j (CSV for neo4j-admin import).
        #[arg(short, long, default_value = "graphml,jsonld", value_delimiter = ',')]
        format: Vec<String>,
        /// A directory of schema files that replace the compiled-in ones of the same name.
        #[arg(long)]
        schema: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show, sentence by sentence, the mentions and relations found in one article.
    #[command(after_help = "Example:\n  actorgraph explain examples/articles/01_car_pmc_recruitment.txt")]
    Explain {
        /// The article.
        input: PathBuf,
        /// A directory of schema files that replace the compiled-in ones of the same name.
        #[arg(long)]
        schema: Option<PathBuf>,
    },
}
