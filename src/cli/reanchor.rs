//! `glose reanchor`: puts codings back on their text after transcripts were edited.

use std::process::ExitCode;

use clap::Args;
use glose::store::{CoderStore, ReanchorCounts, coder_files, reanchor_ops};
use glose::words::cli as words;
use glose::words::tables::{self, CODER, EXACT, FUZZY, MOVED, ORPHANED, UNCHANGED};

use super::lang::lang;
use super::output::{print_json, table};
use super::{Cli, open_study};

/// Move codings back onto their text after transcripts were edited.
///
/// Every coding remembers its quote and context. For each coding on a changed transcript,
/// glose looks for the quote at its old place, elsewhere, then approximately. Codings it
/// cannot place are orphaned: kept untouched, listed by `glose check`, placed again in the
/// TUI. Runs over every coder's file (each coder's lock is taken in turn).
#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// Report what would change without writing.
    #[arg(long)]
    dry_run: bool,
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose reanchor`.
pub fn run(cli: &Cli, args: &ReanchorArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let mut report: Vec<(String, ReanchorCounts)> = Vec::new();
    for (coder, _) in coder_files(&study.codings_dir()) {
        let mut store = CoderStore::open(&study, &coder)?;
        let (ops, counts, _) = reanchor_ops(&study, store.file());
        if !args.dry_run {
            store.apply_all(&ops)?;
        }
        report.push((coder, counts));
    }
    if args.json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = report
        .iter()
        .map(|(coder, c)| {
            vec![
                coder.clone(),
                c.unchanged.to_string(),
                c.exact.to_string(),
                c.moved.to_string(),
                c.fuzzy.to_string(),
                c.orphaned.to_string(),
            ]
        })
        .collect();
    out!(
        "{}",
        table(
            &tables::header(lang(), &[CODER, UNCHANGED, EXACT, MOVED, FUZZY, ORPHANED]),
            &rows
        )
    );
    if args.dry_run {
        outln!("{}", words::DRY_RUN.get(lang()));
    }
    Ok(ExitCode::SUCCESS)
}
