//! The `actorgraph` binary: parse, run, map errors to exit codes.

mod cli;
mod progress;

use actorgraph::export::Format;
use actorgraph::pipeline::Extractor;
use actorgraph::{Error, Result};
use clap::Parser;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

// The stages allocate many small strings; mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actorgraph: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: cli::Args) -> Result<ExitCode> {
    match args.command {
        cli::Command::Build { inputs, out, format, schema, jobs, quiet } => {
            build(&inputs, &out, &format, schema.as_deref(), jobs, quiet)
        }
        cli::Command::Explain { input, schema } => {
            let extractor = Extractor::new(schema.as_deref())?;
            let doc = actorgraph::ingest::read(&actorgraph::ingest::Source::File(input))?;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(extractor.explain(&doc).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(
    inputs: &[std::path::PathBuf],
    out: &Path,
    format: &[String],
    schema: Option<&Path>,
    jobs: Option<usize>,
    quiet: bool,
) -> Result<ExitCode> {
    let formats = format.iter().map(|f| Format::from_name(f)).collect::<Result<Vec<_>>>()?;
    if let Some(n) = jobs {
        // A second initialisation can only fail if a pool exists already; the default is then used.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let start = Instant::now();
    std::fs::create_dir_all(out).map_err(|source| Error::Write { path: out.to_path_buf(), source })?;
    let extractor = Extractor::new(schema)?;
    let (on_progress, bar) = progress::bar(quiet);
    let build = extractor.build_with_progress(inputs, on_progress);
    bar.finish_and_clear();
    for e in &build.skipped {
        eprintln!("actorgraph: skipped {e}");
    }
    if build.documents == 0 {
        eprintln!("actorgraph: no documents could be read");
        return Ok(ExitCode::from(2));
    }
    actorgraph::export::write_all(&build.graph, &formats, out)?;
    if !quiet {
        println!("{}", summary(&build, start.elapsed().as_secs_f64()));
    }
    Ok(if build.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn summary(build: &actorgraph::pipeline::Build, secs: f64) -> String {
    use std::collections::BTreeMap;
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    for n in build.graph.nodes() {
        *types.entry(n.kind.as_str()).or_default() += 1;
    }
    let mut rels: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, e) in build.graph.edges() {
        *rels.entry(e.relation.as_str()).or_default() += 1;
    }
    let join = |m: &BTreeMap<&str, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    format!(
        "{} documents, {} nodes ({}), {} edges ({}), {:.2}s",
        build.documents,
        build.graph.node_count(),
        join(&types),
        build.graph.edge_count(),
        join(&rels),
        secs
    )
}
