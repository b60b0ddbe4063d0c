//! `glose play`: plays a transcript's recording from a passage's time.

use std::process::ExitCode;

use clap::Args;
use glose::recording::{launch, play_command, start_seconds};
use glose::words::cli as words;

use super::lang::lang;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// Play a transcript's recording (header `recording: file.mp3`) from a passage's time.
///
/// The player is `[player] command` in glose.toml (`"mpv --start={seconds} {file}"`;
/// `{time}` gives hh:mm:ss), else the first of mpv, ffplay and vlc on PATH.
#[derive(Debug, Args)]
pub struct PlayArgs {
    /// The document id.
    pub doc: String,
    /// Where to start: a time (hh:mm:ss or mm:ss), or a character offset into the
    /// document (its passage's time); default: the beginning.
    #[arg(long, value_name = "OFFSET|TIME")]
    pub at: Option<String>,
    /// Print the player's command as JSON instead of starting it (a dry run).
    #[arg(long)]
    pub json: bool,
}

/// Runs `glose play`.
pub fn run(cli: &Cli, args: &PlayArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let doc = study.load_document(&args.doc)?;
    let seconds = match &args.at {
        None => 0,
        Some(at) => start_seconds(&doc, at).ok_or_else(|| {
            Exit::new(2, words::bad_play_time(lang(), at, &doc.id, doc.char_len()))
        })?,
    };
    let player = glose::config::load_player(&study.root)?;
    let path = std::env::var_os("PATH");
    let cmd = play_command(&doc, seconds, player.as_ref(), path.as_deref())
        .map_err(|e| Exit::new(2, e.to_string()))?;
    if args.json {
        print_json(&cmd)?;
        return Ok(ExitCode::SUCCESS);
    }
    let status = launch(&cmd, false)
        .map_err(|e| Exit::new(2, e.to_string()))?
        .wait()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
