//! `glose play`: a transcript's recording played from a passage's time, by the player of
//! glose.toml or the first one on PATH; a stand-in player records the arguments it got.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::{Command, Output};

use crate::common;

const TIMED: &str = "---\nid: E20\nrecording: media/E20 audio.mp3\n---\n\
[00:00:04] Intervieweuse : Bonjour, merci d’être là.\n\
[00:01:05] Fondatrice : On a lancé sur Instagram.\n";

fn glose(dir: &Path, path_var: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(args)
        .current_dir(dir)
        .env("PATH", path_var)
        .output()
        .unwrap()
}

/// A script named `name` in `dir` that writes its arguments, one per line, to `log`.
#[cfg(unix)]
fn stand_in_player(dir: &Path, name: &str, log: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn timed_study() -> tempfile::TempDir {
    let dir = common::sample_copy(&["E03"]);
    std::fs::write(dir.path().join("corpus/E20.txt"), TIMED).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus/media")).unwrap();
    std::fs::write(dir.path().join("corpus/media/E20 audio.mp3"), b"ID3").unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn the_configured_player_gets_the_recording_and_the_passage_time() {
    let study = timed_study();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("args.txt");
    let player = stand_in_player(bin.path(), "myplayer", &log);
    let toml = study.path().join("glose.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config.push_str(&format!(
        "\n[player]\ncommand = \"{} --start={{seconds}} {{file}}\"\n",
        player.display()
    ));
    std::fs::write(&toml, config).unwrap();
    let recording = study.path().join("corpus/media/E20 audio.mp3");
    let out = glose(
        study.path(),
        bin.path(),
        &["play", "E20", "--at", "00:01:05"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let args = std::fs::read_to_string(&log).unwrap();
    assert_eq!(args, format!("--start=65\n{}\n", recording.display()));
    // A character offset plays from its passage's time; --json only says what would run.
    std::fs::remove_file(&log).unwrap();
    let offset = TIMED
        .split("---\n")
        .nth(2)
        .unwrap()
        .find("Instagram")
        .unwrap();
    let offset = TIMED.split("---\n").nth(2).unwrap()[..offset]
        .chars()
        .count();
    let out = glose(
        study.path(),
        bin.path(),
        &["play", "E20", "--at", &offset.to_string(), "--json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["seconds"], 65);
    assert_eq!(
        json["argv"],
        serde_json::json!([
            player.display().to_string(),
            "--start=65",
            recording.display().to_string()
        ])
    );
    assert!(!log.exists(), "--json starts nothing");
}

#[cfg(unix)]
#[test]
fn without_configuration_the_first_player_on_path_is_used() {
    let study = timed_study();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("args.txt");
    stand_in_player(bin.path(), "vlc", &log);
    let ffplay = stand_in_player(bin.path(), "ffplay", &log);
    let out = glose(
        study.path(),
        bin.path(),
        &["play", "E20", "--at", "1:05", "--json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["argv"][0], ffplay.display().to_string());
    assert_eq!(json["argv"][1], "-ss");
    assert_eq!(json["argv"][2], "65");
}

#[test]
fn no_player_no_recording_and_a_bad_time_are_said_plainly() {
    let study = timed_study();
    let empty = tempfile::tempdir().unwrap();
    let out = glose(study.path(), empty.path(), &["play", "E20"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no player found"), "{err}");
    let out = glose(study.path(), empty.path(), &["play", "E03"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E03 names no recording"), "{err}");
    std::fs::remove_file(study.path().join("corpus/media/E20 audio.mp3")).unwrap();
    let out = glose(study.path(), empty.path(), &["play", "E20"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E20 audio.mp3") && err.contains("not found"),
        "{err}"
    );
    let out = glose(
        study.path(),
        empty.path(),
        &["play", "E20", "--at", "later"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--at \"later\""), "{err}");
    let help = glose(study.path(), empty.path(), &["play", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--at"));
}
