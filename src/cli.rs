//! Command-line arguments, parsed by clap and validated into a configuration.

use actorgraph::export::Format;
use actorgraph::Result;
use clap::{Args as ClapArgs, Parser, Subcommand};
use std::path::PathBuf;

/// Turn news articles into a knowledge graph of actors and what they do to each other.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, long_about = None,
    after_help = "Examples:
  actorgraph build examples/articles --out out          # graph.graphml, graph.jsonld, state.jsonl
  actorgraph build new-articles/ --into out             # add articles to that graph
  actorgraph stats out/graph.graphml                    # what is in it
  actorgraph render out/graph.graphml -o out/graph.svg  # a picture of it
  actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph

Exit status: 0 all good, 1 some input skipped, 2 nothing usable or bad usage.")]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and write the graph (GraphML and JSON-LD by default) and its build state.
    #[command(after_help = "Examples:
  actorgraph build articles/ more.txt --out out --format graphml,jsonld
  cat article.txt | actorgraph build - --out out
  actorgraph build new/ --into out                     # grow the graph in out/ (reads out/state.jsonl)
  actorgraph build articles/ --out out --stats --json  # a summary for scripts
  actorgraph build articles/ --schema my-schema/       # add your own actors and cue words

--into gives the same graph as a full build over the old and the new articles together;
a new article with the file name of an old one replaces it.")]
    Build(BuildArgs),
    /// Draw the graph as SVG: force-directed layout, colour by type and relation, a legend.
    #[command(after_help = "Examples:
  actorgraph render out/graph.graphml -o out/graph.svg
  actorgraph render out/graph.graphml --png              # out/graph.svg and out/graph.png")]
    Render(RenderArgs),
    /// Summarise a graph: actors per type, relations, hubs, strongest edges, empty documents.
    #[command(after_help = "Examples:
  actorgraph stats out/graph.graphml
  actorgraph stats out/graph.graphml --json | jq '.top_actors[0]'

Documents that gave nothing and boilerplate counts come from the state.jsonl beside the graph,
when there is one.")]
    Stats(StatsArgs),
    /// Show, sentence by sentence, the mentions and relations found in one article.
    #[command(after_help = "Example:\n  actorgraph explain examples/articles/01_car_pmc_recruitment.txt")]
    Explain {
        /// The article.
        input: PathBuf,
        /// A directory of schema files that extend the compiled-in ones (see examples/schema).
        #[arg(long, value_name = "DIR")]
        schema: Option<PathBuf>,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph
  actorgraph completions zsh > ~/.zfunc/_actorgraph
  actorgraph completions fish > ~/.config/fish/completions/actorgraph.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Arguments of `build`.
#[derive(Debug, ClapArgs)]
pub struct BuildArgs {
    /// Article files and directories (searched recursively for *.txt); `-` reads one document from stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing); writes graph.<format> and state.jsonl there.
    #[arg(short, long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Add the inputs to the graph already in DIR (reads DIR/state.jsonl, writes DIR).
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub into: Option<PathBuf>,
    /// Output formats, comma-separated: graphml, jsonld, gexf, nt (N-Triples), neo4j (CSV for neo4j-admin import).
    #[arg(short, long, default_value = "graphml,jsonld", value_delimiter = ',')]
    pub format: Vec<String>,
    /// A directory of schema files that extend the compiled-in ones (see examples/schema).
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Print the graph's summary (as `actorgraph stats` does) after building.
    #[arg(long)]
    pub stats: bool,
    /// Print the run's summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also report each document and what an incremental build reused.
    #[arg(short, long)]
    pub verbose: bool,
    /// Keep at most N supporting sentences per edge, the first by document id then sentence;
    /// the edge's weight still counts them all. 0 keeps every sentence.
    #[arg(long, value_name = "N", default_value_t = actorgraph::state::DEFAULT_MAX_EVIDENCE)]
    pub max_evidence: usize,
    /// Keep the supporting sentences in a temporary file in the output directory, not in
    /// memory, when the corpus has more than this many bytes of text (0: always). The output
    /// is the same either way.
    #[arg(long, value_name = "BYTES", default_value_t = actorgraph::state::DEFAULT_SPILL_ABOVE)]
    pub spill_above: u64,
    /// Do not save the state (`state.jsonl`) that `--into` grows a graph from: a one-off build
    /// is then about a fifth faster. An old `state.jsonl` in the output directory is removed,
    /// as it would no longer describe the graph.
    #[arg(long, conflicts_with = "into")]
    pub no_state: bool,
    /// Skip documents larger than this many bytes (the default is 10 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = actorgraph::ingest::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: u64,
}

impl BuildArgs {
    /// The output formats, validated.
    ///
    /// # Errors
    /// An unknown format name.
    pub fn formats(&self) -> Result<Vec<Format>> {
        self.format.iter().map(|f| Format::from_name(f)).collect()
    }

    /// The output directory: `--into`'s when growing a graph, else `--out`'s.
    pub fn out_dir(&self) -> &std::path::Path {
        self.into.as_deref().unwrap_or(&self.out)
    }
}

/// Arguments of `render`.
#[derive(Debug, ClapArgs)]
pub struct RenderArgs {
    /// A GraphML file written by `actorgraph build`.
    pub graph: PathBuf,
    /// The SVG file to write (default: the graph's path with `.svg`); `-` writes to stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How many of the most connected actors get a label.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub labels: usize,
    /// Picture width in pixels.
    #[arg(long, default_value_t = 1600.0)]
    pub width: f64,
    /// Picture height in pixels.
    #[arg(long, default_value_t = 1200.0)]
    pub height: f64,
    /// Title line (default: the counts of actors and relations).
    #[arg(long)]
    pub title: Option<String>,
    /// Also write a PNG beside the SVG (same name, `.png`), rasterised with resvg and the
    /// system's fonts.
    #[arg(long)]
    pub png: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `stats`.
#[derive(Debug, ClapArgs)]
pub struct StatsArgs {
    /// A GraphML file written by `actorgraph build`.
    pub graph: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}
