//! The progress bar of long builds, on standard error: documents, MB/s, ETA.
//! Silent when standard error is not a terminal or with `--quiet`.

use actorgraph::pipeline::{Pass, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A callback for [`actorgraph::pipeline::Extractor::build_with_progress`] and the bar it draws.
pub fn bar(quiet: bool) -> (impl FnMut(Progress), ProgressBar) {
    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{prefix:>8} {wide_bar} {pos}/{len} docs {msg} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        b.set_style(style);
        b
    };
    let shown = bar.clone();
    let mut pass = None;
    let mut start = std::time::Instant::now();
    let update = move |p: Progress| {
        if pass != Some(p.pass) {
            pass = Some(p.pass);
            start = std::time::Instant::now();
            shown.reset();
            shown.set_length(p.total as u64);
            shown.set_prefix(match p.pass {
                Pass::Scan => "scan",
                Pass::Extract => "extract",
            });
        }
        shown.set_position(p.documents as u64);
        let secs = start.elapsed().as_secs_f64().max(1e-6);
        shown.set_message(format!("{:.1} MB/s", p.bytes as f64 / 1e6 / secs));
    };
    (update, bar)
}
