//! What each subcommand does: thin glue between the arguments and the library.

use crate::cli::{self, BuildArgs, RenderArgs, StatsArgs};
use actorgraph::pipeline::{Build, Extractor, Pass, Progress};
use actorgraph::state;
use actorgraph::stats::{Corpus, Summary};
use actorgraph::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Runs a parsed command line.
pub fn run(args: cli::Args) -> Result<ExitCode> {
    match args.command {
        cli::Command::Build(b) => build(&b),
        cli::Command::Render(r) => render(&r),
        cli::Command::Stats(s) => stats(&s),
        cli::Command::Explain { input, schema } => {
            let extractor = Extractor::new(schema.as_deref())?;
            let doc = actorgraph::ingest::read(&actorgraph::ingest::Source::File(input))?;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(extractor.explain(&doc).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Completions { shell } => {
            let mut cmd = <cli::Args as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "actorgraph", &mut std::io::stdout().lock());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(args: &BuildArgs) -> Result<ExitCode> {
    let formats = args.formats()?;
    if let Some(n) = args.jobs {
        // A second initialisation can only fail if a pool exists already; the default is then used.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let start = Instant::now();
    let out = args.out_dir();
    let previous = match &args.into {
        Some(dir) => Some(state_path(dir)?),
        None => None,
    };
    check_output_dir(out)?;
    let extractor = Extractor::new(args.schema.as_deref())?;
    let extractor_id = state::extractor_id(args.schema.as_deref())?;
    if args.verbose {
        if let Some(p) = &previous {
            if state::Reader::open(p)?.extractor() != extractor_id {
                eprintln!(
                    "actorgraph: the schema or version differs from the saved state's: extracting every article again"
                );
            }
        }
    }
    let options = actorgraph::ingest::Options { max_doc_bytes: args.max_doc_bytes };
    let job = state::Job {
        extractor: &extractor,
        extractor_id: &extractor_id,
        inputs: &args.inputs,
        options: &options,
        previous: previous.as_deref(),
        out,
        keep_reports: args.verbose || args.stats,
        max_evidence: args.max_evidence,
        spill_above: args.spill_above,
        save_state: !args.no_state,
    };
    let bar = Bar::new(args.quiet);
    let built = state::build(&job, |p| bar.update(p));
    bar.finish();
    // The lexicons are not needed to write the graph: free them before the exporters run.
    drop(extractor);
    let state::Built { build, reuse, state: pending } = built?;
    for e in &build.skipped {
        eprintln!("actorgraph: skipped {e}");
    }
    for note in &build.notes {
        eprintln!("actorgraph: warning: {note}");
    }
    let Some(pending) = pending else {
        eprintln!("actorgraph: no documents could be read; give article files (*.txt) or directories of them");
        return Ok(ExitCode::from(2));
    };
    let mut written = actorgraph::export::write_all(&build.graph, &formats, out)?;
    written.extend(pending.commit()?);
    if args.verbose {
        for r in &build.reports {
            eprintln!(
                "actorgraph: {}: {} of {} lines kept, {} mentions, {} relations",
                r.id, r.kept, r.lines, r.mentions, r.relations
            );
        }
        if args.into.is_some() {
            eprintln!(
                "actorgraph: reused {} saved articles, extracted {} again (repeated lines changed), replaced {}",
                reuse.kept, reuse.reextracted, reuse.replaced
            );
        }
    }
    let summary = args
        .stats
        .then(|| Summary::new(&build.graph, Some(Corpus::new(&build.reports, build.repeated_lines))))
        .transpose()?;
    let secs = start.elapsed().as_secs_f64();
    if args.json {
        let value = serde_json::json!({
            "documents": build.documents,
            "nodes": build.graph.node_count(),
            "edges": build.graph.edge_count(),
            "skipped": build.skipped.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "outputs": written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "reused": reuse.kept,
            "reextracted": reuse.reextracted,
            "replaced": reuse.replaced,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "stats": summary,
        });
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, &value)?;
        writeln!(stdout)?;
    } else if !args.quiet {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", line(&build, secs)?)?;
        if let Some(s) = &summary {
            writeln!(stdout, "\n{}", s.to_text().trim_end())?;
        }
    }
    Ok(if build.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The state file in `dir`, which must exist (`--into`); its header is checked.
fn state_path(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(state::FILE_NAME);
    if !path.exists() {
        return Err(Error::State {
            path,
            message: "not found: --into needs a directory written by `actorgraph build` (build it first with \
                      `actorgraph build ARTICLES --out DIR`)"
                .into(),
        });
    }
    state::Reader::open(&path)?;
    Ok(path)
}

/// The progress bar of a build, on standard error: documents, MB/s and time left, per pass.
/// Hidden with `--quiet` or when standard error is not a terminal.
struct Bar {
    /// Whether to draw at all.
    shown: bool,
    /// Made at the first update, so that nothing is drawn before there is something to show.
    bar: std::cell::OnceCell<indicatif::ProgressBar>,
    /// When the pass shown began, and when the last update came.
    start: std::cell::Cell<Instant>,
    last: std::cell::Cell<Instant>,
    /// The pass shown.
    pass: std::cell::Cell<Option<Pass>>,
}

impl Bar {
    /// A bar shown unless `quiet` or standard error is not a terminal.
    fn new(quiet: bool) -> Bar {
        use std::io::IsTerminal;
        Bar {
            shown: !quiet && std::io::stderr().is_terminal(),
            bar: std::cell::OnceCell::new(),
            start: std::cell::Cell::new(Instant::now()),
            last: std::cell::Cell::new(Instant::now()),
            pass: std::cell::Cell::new(None),
        }
    }

    /// The indicatif bar, hidden until its first position is set.
    fn make(total: u64) -> indicatif::ProgressBar {
        let style =
            indicatif::ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} documents, {msg}, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> ");
        indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::hidden()).with_style(style)
    }

    /// Shows where the build is; a new pass starts the bar (and its rate) again.
    fn update(&self, p: Progress) {
        if !self.shown {
            return;
        }
        let first = self.bar.get().is_none();
        let bar = self.bar.get_or_init(|| Bar::make(p.total as u64));
        if self.pass.get() != Some(p.pass) {
            self.pass.set(Some(p.pass));
            // The pass began when the previous one's last batch ended.
            self.start.set(self.last.get());
            bar.reset();
            bar.set_length(p.total as u64);
            bar.set_prefix(match p.pass {
                Pass::Scan => "scanning",
                Pass::Extract => "extracting",
            });
        }
        let secs = self.start.get().elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{:.1} MB/s", p.bytes as f64 / 1e6 / secs));
        bar.set_position(p.documents as u64);
        if first {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.last.set(Instant::now());
    }

    /// Clears the bar, before the summary is printed.
    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// The one-line summary of a build.
fn line(build: &Build, secs: f64) -> Result<String> {
    let s = Summary::new(&build.graph, None)?;
    let join = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    };
    Ok(format!(
        "{} documents, {} nodes ({}), {} edges ({}), {:.2}s",
        build.documents,
        s.nodes,
        join(&s.types),
        s.edges,
        join(&s.relations),
        secs
    ))
}

fn read_graph(path: &Path) -> Result<actorgraph::graph::KnowledgeGraph> {
    if path.is_dir() {
        return Err(Error::Import {
            path: path.to_path_buf(),
            position: 0,
            message: format!("is a directory; give the GraphML file in it ({})", path.join("graph.graphml").display()),
        });
    }
    actorgraph::import::graphml::read_file(path)
}

fn render(args: &RenderArgs) -> Result<ExitCode> {
    let graph = read_graph(&args.graph)?;
    let mut svg = actorgraph::render::Svg::new().width(args.width).height(args.height).labels(args.labels);
    if let Some(t) = &args.title {
        svg = svg.title(t.clone());
    }
    let output = args.output.clone().unwrap_or_else(|| args.graph.with_extension("svg"));
    if output.as_os_str() == "-" {
        if args.png {
            return Err(Error::Png("--png writes a file beside the SVG: give -o FILE.svg, not -".into()));
        }
        drop(svg.write(&graph, std::io::stdout().lock())?);
        return Ok(ExitCode::SUCCESS);
    }
    let text = svg.to_string(&graph);
    write_atomically(&output, text.as_bytes())?;
    if !args.quiet {
        println!("{}: {} actors, {} relations", output.display(), graph.node_count(), graph.edge_count());
    }
    if args.png {
        let png_path = output.with_extension("png");
        let png = actorgraph::render::png::rasterise(&text)?;
        if png.fonts == 0 {
            eprintln!("warning: no system fonts found: {} has no labels", png_path.display());
        }
        write_atomically(&png_path, &png.bytes)?;
        if !args.quiet {
            println!("{}: {}x{} pixels", png_path.display(), png.width, png.height);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp: PathBuf = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(|source| Error::Write { path: tmp.clone(), source })?;
    std::fs::rename(&tmp, path).map_err(|source| Error::Write { path: path.to_path_buf(), source })
}

fn stats(args: &StatsArgs) -> Result<ExitCode> {
    let graph = read_graph(&args.graph)?;
    // The build's record of its documents lives in the state beside the graph.
    let state_path = args.graph.with_file_name(state::FILE_NAME);
    let corpus = if state_path.exists() {
        let (reports, repeated) = state::reports(&state_path)?;
        Some(Corpus::new(&reports, repeated))
    } else {
        None
    };
    let summary = Summary::new(&graph, corpus)?;
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &summary)?;
        writeln!(stdout)?;
    } else {
        stdout.write_all(summary.to_text().as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates the output directory and proves it writable with a probe file, before any input is
/// read, so a bad `--out` fails at once rather than after the work.
fn check_output_dir(out: &std::path::Path) -> Result<()> {
    let err = |source| Error::OutputDir { path: out.to_path_buf(), source };
    std::fs::create_dir_all(out).map_err(err)?;
    let probe = out.join(format!(".actorgraph-probe-{}", std::process::id()));
    std::fs::File::create(&probe).map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)
}
