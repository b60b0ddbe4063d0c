//! The core stays free of the front doors' crates: no module outside `src/cli/` and
//! `src/tui/` names `ratatui`, `crossterm`, `clap` or `anyhow`.

use std::path::{Path, PathBuf};

const FRONT_DOOR_CRATES: [&str; 4] = ["ratatui", "crossterm", "clap", "anyhow"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The first front-door crate a line of code names, if any (comments skipped).
fn names_front_door(line: &str) -> Option<&'static str> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return None;
    }
    FRONT_DOOR_CRATES.into_iter().find(|k| {
        code.match_indices(k).any(|(i, _)| {
            let before = code[..i].chars().next_back();
            let after = &code[i + k.len()..];
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && (after.starts_with("::") || after.starts_with(" as ") || after.starts_with(';'))
        })
    })
}

#[test]
fn core_modules_do_not_import_front_door_crates() {
    let src = super::sample_root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let doors = [src.join("cli"), src.join("tui")];
    let this_file = src.join("testkit/purity.rs");
    let mut bad = Vec::new();
    for f in files
        .iter()
        .filter(|f| !doors.iter().any(|d| f.starts_with(d)) && **f != this_file)
    {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(k) = names_front_door(line) {
                bad.push(format!("{}:{}: {k}", f.display(), n + 1));
            }
        }
    }
    assert!(files.len() > 50, "found only {} files", files.len());
    assert!(
        bad.is_empty(),
        "core modules import front-door crates:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_sees_an_import() {
    assert_eq!(
        names_front_door("use ratatui::layout::Rect;"),
        Some("ratatui")
    );
    assert_eq!(names_front_door("    anyhow::bail!(\"x\")"), Some("anyhow"));
    assert_eq!(names_front_door("//! not `ratatui`"), None);
    assert_eq!(names_front_door("let clapping = 1;"), None);
}
