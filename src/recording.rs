//! Playing a transcript's recording from a passage's time.
//!
//! A transcript names its audio or video file in its header (`recording: E20.mp3`, relative
//! to the transcript's folder, or absolute). The player is the `[player] command` of
//! `glose.toml` (`"mpv --start={seconds} {file}"`), else the first of mpv, ffplay and vlc
//! found on `PATH`. [`play_command`] builds the argument vector; [`launch`] starts it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::{Document, format_timestamp};

/// The header key naming a transcript's recording.
pub const RECORDING_KEY: &str = "recording";

/// The `[player]` table of `glose.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayerConfig {
    /// The command, split at spaces: `{file}` becomes the recording, `{seconds}` the start
    /// in whole seconds, `{time}` the start as `hh:mm:ss`. Without `{file}`, the recording
    /// is the last argument.
    pub command: String,
}

/// The players tried when `glose.toml` names none, in order, with their start option.
pub const DEFAULT_PLAYERS: [(&str, &str); 3] = [
    ("mpv", "mpv --start={seconds} {file}"),
    ("ffplay", "ffplay -ss {seconds} {file}"),
    ("vlc", "vlc --start-time={seconds} {file}"),
];

/// Why a recording cannot be played.
#[derive(Debug, thiserror::Error)]
pub enum RecordingError {
    /// The transcript's header names no recording.
    #[error(
        "{doc} names no recording: add a line `{RECORDING_KEY}: file.mp3` to the header of {path}"
    )]
    NoRecording {
        /// The document id.
        doc: String,
        /// The transcript.
        path: PathBuf,
    },
    /// The recording named is not there.
    #[error("the recording of {doc} is not found: {path} (named in its header)")]
    Missing {
        /// The document id.
        doc: String,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// No player in `glose.toml` and none on `PATH`.
    #[error(
        "no player found: none of mpv, ffplay or vlc is on PATH; install one, or set \
         [player] command = \"yourplayer --start={{seconds}} {{file}}\" in glose.toml"
    )]
    NoPlayer,
    /// The configured command is empty.
    #[error("glose.toml: [player] command is empty")]
    EmptyCommand,
    /// The player could not be started.
    #[error("cannot start the player {program}: {source}")]
    Launch {
        /// The program.
        program: String,
        /// The OS error.
        source: std::io::Error,
    },
}

/// What to run to play a recording from a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlayCommand {
    /// The recording.
    pub recording: PathBuf,
    /// Where playing starts, in seconds.
    pub seconds: u32,
    /// The program and its arguments.
    pub argv: Vec<String>,
}

/// The recording a transcript names in its header, resolved against its folder.
pub fn recording_path(doc: &Document) -> Result<PathBuf, RecordingError> {
    let named = doc
        .header
        .get(RECORDING_KEY)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| RecordingError::NoRecording {
            doc: doc.id.clone(),
            path: doc.path.clone(),
        })?;
    let path = match doc.path.parent() {
        Some(dir) => dir.join(named),
        None => PathBuf::from(named),
    };
    if !path.is_file() {
        return Err(RecordingError::Missing {
            doc: doc.id.clone(),
            path,
        });
    }
    Ok(path)
}

/// The command that plays `doc`'s recording from `seconds`: with `player` when given,
/// else the first default player found in `path_var` (the value of `PATH`).
pub fn play_command(
    doc: &Document,
    seconds: u32,
    player: Option<&PlayerConfig>,
    path_var: Option<&OsStr>,
) -> Result<PlayCommand, RecordingError> {
    let recording = recording_path(doc)?;
    let template = match player {
        Some(p) => p.command.clone(),
        None => default_player(path_var).ok_or(RecordingError::NoPlayer)?,
    };
    let argv = fill(&template, &recording, seconds)?;
    Ok(PlayCommand {
        recording,
        seconds,
        argv,
    })
}

/// The command of the first default player on `path_var`, with its full path.
fn default_player(path_var: Option<&OsStr>) -> Option<String> {
    let dirs: Vec<PathBuf> = path_var.map(|p| std::env::split_paths(p).collect())?;
    DEFAULT_PLAYERS.iter().find_map(|(name, template)| {
        let found = dirs
            .iter()
            .map(|d| d.join(name))
            .find(|p| is_executable(p))?;
        let rest = template.strip_prefix(name).unwrap_or(template);
        Some(format!("{}{rest}", found.display()))
    })
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}

/// The argument vector of a command template (placeholders filled argument by argument,
/// so a recording's path with spaces stays one argument).
fn fill(template: &str, recording: &Path, seconds: u32) -> Result<Vec<String>, RecordingError> {
    let file = recording.display().to_string();
    let mut has_file = false;
    let mut argv: Vec<String> = template
        .split_whitespace()
        .map(|arg| {
            has_file |= arg.contains("{file}");
            arg.replace("{seconds}", &seconds.to_string())
                .replace("{time}", &format_timestamp(seconds))
                .replace("{file}", &file)
        })
        .collect();
    if argv.is_empty() {
        return Err(RecordingError::EmptyCommand);
    }
    if !has_file {
        argv.push(file);
    }
    Ok(argv)
}

/// Where a passage starts playing: `hh:mm:ss` or `mm:ss` is a time, a plain number a
/// character offset into the document (the time written at or before it). `None` when
/// `at` is neither, or the offset is past the end.
pub fn start_seconds(doc: &Document, at: &str) -> Option<u32> {
    let at = at.trim();
    if at.contains(':') {
        return parse_time(at);
    }
    let offset: usize = at.parse().ok()?;
    if offset > doc.char_len() {
        return None;
    }
    Some(doc.time_at(offset).unwrap_or(0))
}

/// Reads `hh:mm:ss`, `mm:ss` (fractions of a second dropped).
pub fn parse_time(text: &str) -> Option<u32> {
    let whole = text.split(['.', ',']).next()?;
    let parts: Vec<&str> = whole.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut seconds: u32 = 0;
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u32 = p.parse().ok()?;
        if i > 0 && v >= 60 {
            return None;
        }
        seconds = seconds.checked_mul(60)?.checked_add(v)?;
    }
    Some(seconds)
}

/// Starts the player. `detached` (for the TUI): its input and output are not the
/// terminal's; otherwise (the CLI) it shares the terminal, so its keys work.
pub fn launch(cmd: &PlayCommand, detached: bool) -> Result<std::process::Child, RecordingError> {
    let (program, args) = cmd.argv.split_first().ok_or(RecordingError::EmptyCommand)?;
    let mut command = std::process::Command::new(program);
    command.args(args);
    if detached {
        use std::process::Stdio;
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    command.spawn().map_err(|source| RecordingError::Launch {
        program: program.clone(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_in(dir: &Path, header: &str) -> Document {
        let path = dir.join("E20.txt");
        let raw = format!(
            "---\nid: E20\n{header}---\n[00:00:04] Intervieweuse : Bonjour.\n\
             [00:01:05] Fondatrice : On a lancé.\n"
        );
        std::fs::write(&path, &raw).unwrap();
        Document::load(&path, &[]).unwrap()
    }

    #[test]
    fn times_and_offsets_give_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let doc = doc_in(dir.path(), "");
        assert_eq!(parse_time("01:02:03"), Some(3723));
        assert_eq!(parse_time("02:03"), Some(123));
        assert_eq!(parse_time("00:61"), None);
        assert_eq!(parse_time("1:2:3:4"), None);
        assert_eq!(parse_time("99999999999:00"), None);
        let lance = doc.char_of(doc.text.find("On a lancé").unwrap());
        assert_eq!(start_seconds(&doc, &lance.to_string()), Some(65));
        assert_eq!(start_seconds(&doc, "0"), Some(4));
        assert_eq!(start_seconds(&doc, "999999"), None);
        assert_eq!(start_seconds(&doc, "soon"), None);
    }

    #[test]
    fn the_command_fills_its_placeholders_and_keeps_a_spaced_path_whole() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mon entretien.mp3"), b"").unwrap();
        let doc = doc_in(dir.path(), "recording: mon entretien.mp3\n");
        let player = PlayerConfig {
            command: "play --from {time} --start={seconds}".into(),
        };
        let cmd = play_command(&doc, 65, Some(&player), None).unwrap();
        let file = dir.path().join("mon entretien.mp3").display().to_string();
        assert_eq!(
            cmd.argv,
            vec!["play", "--from", "00:01:05", "--start=65", file.as_str()]
        );
    }

    #[test]
    fn missing_recordings_and_players_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let doc = doc_in(dir.path(), "");
        let err = play_command(&doc, 0, None, None).unwrap_err().to_string();
        assert!(err.contains("E20 names no recording"), "{err}");
        let doc = doc_in(dir.path(), "recording: absent.wav\n");
        let err = play_command(&doc, 0, None, None).unwrap_err().to_string();
        assert!(err.contains("absent.wav"), "{err}");
        std::fs::write(dir.path().join("absent.wav"), b"").unwrap();
        let empty = tempfile::tempdir().unwrap();
        let err = play_command(&doc, 0, None, Some(empty.path().as_os_str()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no player found"), "{err}");
    }
}
