//! `glose index`, and the progress bar every command that updates the index shows.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Args;
use glose::search::{Index, IndexStats, Phase, Progress};
use glose::words::cli as words;
use indicatif::{ProgressBar, ProgressStyle};

use super::output::print_json;
use super::{Cli, open_study};

/// Build or update the full-text search index (`.glose/index/`).
///
/// Only transcripts added, changed or removed since the last update are indexed again.
/// The index is derived data: deleting `.glose/` is always safe. Searching updates the
/// index by itself; this command shows what it does, or rebuilds it from scratch.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Delete the index and build it again from the corpus.
    #[arg(long)]
    pub rebuild: bool,
    /// Print what was done as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A progress bar on stderr when it is a terminal, nothing otherwise.
pub struct Reporter {
    bar: ProgressBar,
}

impl Reporter {
    /// A reporter that draws only on a terminal.
    pub fn new() -> Self {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        } else {
            ProgressBar::hidden()
        };
        Self { bar }
    }

    /// Shows one progress step.
    pub fn update(&self, p: Progress) {
        let msg = match p.phase {
            Phase::Scanning => "reading",
            Phase::Indexing => "indexing",
            Phase::Committing => "saving",
        };
        self.bar.set_message(msg);
        self.bar.set_length(p.total as u64);
        self.bar.set_position(p.done as u64);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Opens the index (updating it) with a progress bar.
pub fn open_index(study: &glose::study::Study, rebuild: bool) -> anyhow::Result<Index> {
    let reporter = Reporter::new();
    let result = if rebuild {
        Index::rebuild(study, |p| reporter.update(p))
    } else {
        Index::open_or_build(study, |p| reporter.update(p))
    };
    reporter.finish();
    Ok(result?)
}

/// Runs `glose index`.
pub fn run(cli: &Cli, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let index = open_index(&study, args.rebuild)?;
    for (doc, lang) in glose::search::unstemmed_documents(&study) {
        let why = glose::search::unstemmed_warning(&lang);
        errln!(
            "{}",
            words::warning(super::lang::lang(), &format!("{doc}: {why}"))
        );
    }
    if args.json {
        print_json(index.stats())?;
    } else {
        out!(
            "{}",
            describe(index.stats(), &study.rel(index.dir()).display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What an update did, in a few lines, in the messages' language.
pub fn describe(s: &IndexStats, dir: &str) -> String {
    let lang = super::lang::lang();
    let mut out = String::new();
    if let Some(reason) = &s.rebuilt {
        out.push_str(&words::index_built(lang, dir, reason));
        out.push('\n');
    }
    for skipped in &s.skipped {
        out.push_str(&words::index_skipped(lang, skipped));
        out.push('\n');
    }
    out.push_str(&words::index_summary(lang, s));
    out.push('\n');
    out
}
