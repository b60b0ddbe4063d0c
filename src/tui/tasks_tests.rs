//! The common tasks of docs/TUI.md ("Common tasks, key by key"), each row's keys read
//! from the document and played through the real app, then checked: the docs cannot
//! drift from what the keys do.

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::layers::retrieve::Retrieve;
use super::msg::Msg;
use super::tests::{Harness, sample_study};
use super::update::update;

/// The rows of the table: (task, its keys as written).
fn rows() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/TUI.md")).unwrap();
    let start = text
        .find("## Common tasks, key by key")
        .expect("the section");
    let section = &text[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Task") && l.ends_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            let keys = cells[1]
                .split('`')
                .enumerate()
                .filter(|(i, t)| i % 2 == 1 && !t.is_empty())
                .map(|(_, t)| t.to_string())
                .collect();
            (cells[0].trim().to_string(), keys)
        })
        .collect()
}

/// Presses one written key (`Enter`, `Ctrl-s`, `Space`, `a`) or types a word.
fn press(h: &mut Harness, token: &str) {
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let msgs: Vec<Msg> = match token {
        "Enter" => vec![key(KeyCode::Enter)],
        "Esc" => vec![key(KeyCode::Esc)],
        "Space" => vec![key(KeyCode::Char(' '))],
        "Tab" => vec![key(KeyCode::Tab)],
        t if t.starts_with("Ctrl-") && t.chars().count() == 6 => {
            let c = t.chars().last().unwrap();
            vec![Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::CONTROL,
            ))]
        }
        t => t.chars().map(|c| key(KeyCode::Char(c))).collect(),
    };
    for m in msgs {
        h.send(m);
        settle(h);
    }
}

/// Waits for what runs off the UI thread: a search, the agreement table, saves.
fn settle(h: &mut Harness) {
    loop {
        let busy = h.app.search().running
            || h.app.review().is_some_and(|r| r.computing)
            || h.app.session.saving()
            || super::reading::waiting(&h.app);
        if !busy {
            return;
        }
        let m = h.rx.recv_timeout(Duration::from_secs(60)).unwrap();
        update(&mut h.app, m);
    }
}

/// What each task must have done (checked after its keys).
fn check(h: &Harness, task: &str, before: usize) {
    let mine = &h.app.session.mine.codings;
    let why = format!("{task}: {} · in {:?}", h.message(), h.app.ctx());
    match task {
        t if t.starts_with("Open the first interview") => {
            assert_eq!(h.app.view.as_ref().unwrap().doc.id, "E01", "{why}");
        }
        t if t.starts_with("Code the sentence under the cursor") => {
            assert_eq!(mine.len(), before + 1, "{why}");
            assert_eq!(mine[0].code, "practice.community.cocreation", "{why}");
        }
        t if t.starts_with("Code the next sentence") => {
            assert_eq!(mine.len(), before + 1, "{why}");
            assert!(mine[1].start >= mine[0].end, "{why}");
            assert_eq!(mine[1].code, mine[0].code, "{why}");
        }
        t if t.starts_with("Memo on the coding") => {
            assert!(
                mine.iter()
                    .any(|c| c.memo.as_deref() == Some("Intéressant")),
                "{why}"
            );
        }
        t if t.starts_with("Read every passage") => {
            let r = h.app.top_layer::<Retrieve>().expect(&why);
            assert_eq!(r.code, "practice.community.cocreation");
            assert_eq!(r.passages, 2, "{why}");
        }
        t if t.starts_with("Export a code's passages") => {
            let path = h
                .dir
                .path()
                .join("exports/segments-practice.community.cocreation.md");
            assert!(path.exists(), "{why}");
        }
        t if t.starts_with("Search and auto-code") => {
            assert!(mine.len() > before, "{why}");
            assert!(
                mine.iter().any(|c| c.code == "practice.platform-choice"),
                "{why}"
            );
        }
        t if t.starts_with("Read the hits of a search") => {
            let r = h.app.top_layer::<Retrieve>().expect(&why);
            assert!(r.search.is_some() && r.passages > 0, "{why}");
        }
        t if t.starts_with("Find a memo") => {
            let view = h.app.view.as_ref().unwrap();
            let c = mine
                .iter()
                .find(|c| c.memo.as_deref() == Some("Intéressant"))
                .unwrap();
            assert_eq!(view.selection(), Some(c.range()), "{why}");
        }
        t if t.starts_with("See another coder") => {
            assert_eq!(h.app.shown.len(), 1, "{why}");
        }
        t if t.starts_with("Review a disagreement") => {
            let r = h.app.review().expect(&why);
            assert!(r.phase == super::review::Phase::Step, "{why}");
            assert!(consensus_entries(h) > 0, "a decision written: {why}");
        }
        other => panic!("no check for the task «{other}»: add one"),
    }
}

/// The decisions in the consensus file (codings and memos).
fn consensus_entries(h: &Harness) -> usize {
    let path = h.dir.path().join("codings/consensus.jsonl");
    glose::store::CoderFile::load(&path, "consensus")
        .map_or(0, |l| l.file.codings.len() + l.file.memos.len())
}

#[test]
fn every_common_task_of_the_docs_does_what_it_says() {
    let table = rows();
    assert!(table.len() >= 10, "{table:?}");
    let dir = sample_study();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    let mut h = Harness::on(dir, 160, 45);
    assert_eq!(consensus_entries(&h), 0);
    h.app.searcher = super::worker::spawn_searcher(h.app.session.study.clone(), h.app.tx.clone());
    for (task, keys) in &table {
        // No popup left open by the row before.
        while !h.app.layers.is_empty() {
            press(&mut h, "Esc");
        }
        let before = h.app.session.mine.codings.len();
        for k in keys {
            press(&mut h, k);
        }
        check(&h, task, before);
    }
}
