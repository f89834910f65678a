//! The `actorgraph` binary: parse, run, map errors to exit codes.

mod cli;
mod commands;

use actorgraph::Error;
use clap::Parser;
use std::process::ExitCode;

// The stages allocate many small strings; mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actorgraph: {e}");
            ExitCode::from(2)
        }
    }
}
