//! The command line: one module per command, each with its clap arguments and a `run`.

/// Like `println!`, but a closed pipe (`glose … | head`) becomes an error instead of a panic,
/// and control characters are escaped ([`glose::text::escape_controls`]).
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout())?
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), "{}", glose::text::escape_controls(&format!($($arg)*)))?
    }};
}

/// Like `print!`, with the same care for closed pipes and control characters.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout(), "{}", glose::text::escape_controls(&format!($($arg)*)))?
    }};
}

/// Like `eprintln!`, with control characters escaped: messages quote file names, ids and
/// labels that come from files.
macro_rules! errln {
    ($($arg:tt)*) => {{
        eprintln!("{}", glose::text::escape_controls(&format!($($arg)*)))
    }};
}

mod agreement;
mod check;
mod code;
mod codebook;
mod coder;
mod exchange;
mod export;
mod index;
mod lang;
mod matrix;
mod memo;
mod output;
mod play;
mod reanchor;
mod report;
mod saturation;
mod search;
mod similar;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use glose::study::Study;

/// glose — qualitative coding of interview transcripts.
///
/// Run without a command to open the study in the terminal UI. Every command finds the
/// study by walking up from the current folder to a `glose.toml`, or takes --study.
#[derive(Debug, Parser)]
#[command(name = "glose", version, about, long_about)]
pub struct Cli {
    /// The study's root folder (holding glose.toml); default: found from the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub study: Option<PathBuf>,
    /// The coder (letters, digits, - and _); default: $GLOSE_CODER, glose.toml, the user name.
    #[arg(long, global = true, value_name = "NAME")]
    pub coder: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Inter-coder agreement: per code (worst first), per group, pooled; or the disagreements.
    Agreement(agreement::AgreementArgs),
    /// Validate the whole study and summarise it.
    Check(check::CheckArgs),
    /// Add, remove and list codings.
    Code(code::CodeArgs),
    /// Show, grow and reshape the codebook (add, edit, move, merge, split), its history, its appendix.
    Codebook(codebook::CodebookArgs),
    /// Show, write or clear memos on documents, codes and codings.
    Memo(memo::MemoArgs),
    /// Move codings back onto their text after transcripts were edited.
    Reanchor(reanchor::ReanchorArgs),
    /// Search the transcripts.
    Search(search::SearchArgs),
    /// Build or update the search index.
    Index(index::IndexArgs),
    /// Import a project, a codebook or transcripts.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: exchange::ImportWhat,
    },
    /// Export coded segments (CSV, TSV, JSON lines, Markdown, HTML, XLSX) or the project (REFI-QDA).
    Export(export::ExportArgs),
    /// Crosstab of coded segments: codes by stage, or any attribute or code group.
    Matrix(matrix::MatrixArgs),
    /// Codes by codes: how often two codes overlap in the same coder's codings.
    Cooccurrence(matrix::CooccurrenceArgs),
    /// Write a self-contained HTML report (heatmap, frequencies, agreement, quotations).
    Report(report::ReportArgs),
    /// Play a transcript's recording from a passage's time.
    Play(play::PlayArgs),
    /// Suggest passages for a code from your own codings; accept, reject, measure (eval).
    Suggest(suggest::SuggestArgs),
    /// Passages like a coding or a selection, with the words they share.
    Similar(similar::SimilarArgs),
    /// Thematic saturation (Guest, Namey & Chen 2020): new codes per interview, the stopping rule.
    Saturation(saturation::SaturationArgs),
}

/// An error that carries its own exit status (1 for failed checks, 2 for bad input).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Exit {
    /// The exit status.
    pub code: u8,
    /// What to print (may be empty when everything was printed already).
    pub message: String,
}

impl Exit {
    /// Exits with `code` after printing `message`.
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Runs the command line and turns errors into messages and exit statuses.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            for cause in err.chain() {
                if let Some(io) = cause.downcast_ref::<std::io::Error>()
                    && io.kind() == std::io::ErrorKind::BrokenPipe
                {
                    return ExitCode::SUCCESS;
                }
            }
            if let Some(exit) = err.downcast_ref::<Exit>() {
                if !exit.message.is_empty() {
                    errln!("glose: {}", exit.message);
                }
                return ExitCode::from(exit.code);
            }
            errln!("glose: {}", chain_message(&err));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each cause once: core errors often quote their
/// source already (`path: cannot read: No such file…`), and anyhow's `{:#}` would repeat it.
fn chain_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Agreement(args)) => agreement::run(&cli, args),
        Some(Command::Check(args)) => check::run(&cli, args),
        Some(Command::Code(args)) => code::run(&cli, args),
        Some(Command::Codebook(args)) => codebook::run(&cli, args),
        Some(Command::Memo(args)) => memo::run(&cli, args),
        Some(Command::Reanchor(args)) => reanchor::run(&cli, args),
        Some(Command::Search(args)) => search::run(&cli, args),
        Some(Command::Index(args)) => index::run(&cli, args),
        Some(Command::Import { what }) => exchange::run_import(&cli, what),
        Some(Command::Export(args)) => export::run(&cli, args),
        Some(Command::Matrix(args)) => matrix::run_matrix(&cli, args),
        Some(Command::Cooccurrence(args)) => matrix::run_cooccurrence(&cli, args),
        Some(Command::Report(args)) => report::run(&cli, args),
        Some(Command::Play(args)) => play::run(&cli, args),
        Some(Command::Suggest(args)) => suggest::run(&cli, args),
        Some(Command::Similar(args)) => similar::run(&cli, args),
        Some(Command::Saturation(args)) => saturation::run(&cli, args),
        None => run_tui(&cli),
    }
}

/// `glose` with no command: the TUI on a terminal, the study summary otherwise.
fn run_tui(cli: &Cli) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return check::summary(cli);
    }
    let study = open_study(cli)?;
    let (coder, _) = coder::coder_name(cli, &study)?;
    crate::tui::run(study, coder)?;
    Ok(ExitCode::SUCCESS)
}

/// Leaves what a command read to the operating system as the process ends: freeing the
/// hundreds of thousands of small allocations of a large study one by one costs a tenth
/// of a command (a sixth of a search at 20,000 interviews). For plain data only, after
/// everything was printed and written: nothing it holds needs dropping (no lock, no
/// writer, no unflushed file).
pub(crate) fn leave_to_os<T>(value: T) {
    std::mem::forget(value);
}

/// Opens the study named by `--study` or found from the current folder.
pub fn open_study(cli: &Cli) -> anyhow::Result<Study> {
    let cwd = std::env::current_dir()?;
    let study = Study::discover(&cwd, cli.study.as_deref())?;
    lang::choose_for(&study);
    Ok(study)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_quoting_its_source_says_it_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let err: anyhow::Error = glose::fsutil::PathError {
            path: "x.csv".into(),
            action: "cannot read",
            source: io,
        }
        .into();
        assert_eq!(
            super::chain_message(&err),
            "x.csv: cannot read: No such file"
        );
        let err = anyhow::anyhow!("inner").context("outer");
        assert_eq!(super::chain_message(&err), "outer: inner");
    }
}
