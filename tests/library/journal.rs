//! The write-ahead journal of coder files (#16): a save is one appended, flushed line; the
//! coder file is rewritten when the journal is folded into it. Nothing acknowledged is
//! lost at any instant, and every reader sees the journalled changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use crate::common::sample_copy;

use std::path::{Path, PathBuf};

use glose::check::check;
use glose::diag::Severity;
use glose::store::{CoderFile, CoderStore, Coding, Op, load_all, new_coding, other_coders};
use glose::study::Study;

fn journal_of(root: &Path, coder: &str) -> PathBuf {
    root.join(format!("codings/.{coder}.jsonl.glose-journal"))
}

fn ids(file: &CoderFile) -> Vec<String> {
    let mut ids: Vec<String> = file.codings.iter().map(|c| c.id.clone()).collect();
    ids.sort();
    ids
}

/// A journal line adding `c`, as the writer writes it.
fn added_line(c: &Coding) -> String {
    let json = serde_json::to_string(c).unwrap();
    format!("[{{\"type\":\"coding\",\"coding\":{json},\"was\":null}}]\n")
}

#[test]
fn a_save_goes_to_the_journal_and_the_file_is_written_when_the_store_closes() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "newbie").unwrap();
    let path = store.path().to_path_buf();
    // The first save of a new coder creates the file (readers list coder files).
    let first = new_coding(&doc, "practice.ads", 10..50, None, "newbie");
    store.apply(&Op::Add(first.clone())).unwrap();
    let file_after_first = std::fs::read(&path).unwrap();
    let second = new_coding(&doc, "role.sales", 60..90, None, "newbie");
    store.apply(&Op::Add(second.clone())).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        file_after_first,
        "the second save did not rewrite the coder file"
    );
    let journal = std::fs::read_to_string(journal_of(dir.path(), "newbie")).unwrap();
    assert_eq!(journal.lines().count(), 1);
    assert!(journal.contains(&second.id));
    // Readers replay it while the writer is open.
    let read = CoderFile::load(&path, "newbie").unwrap();
    assert_eq!(ids(&read.file), ids(store.file()));
    assert!(store.has_pending());
    drop(store);
    assert!(!journal_of(dir.path(), "newbie").exists());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&second.id) && text.contains(&first.id));
    assert!(CoderFile::parse("newbie", &text).problems.is_empty());
}

/// kill -9 of a writer (a child process) between saves: the acknowledged codings are in
/// the journal, every reader sees them, `glose check` says the journal is pending, and
/// the next writer folds it into the file.
#[test]
fn codings_acknowledged_by_a_killed_writer_are_in_the_journal_and_seen_by_readers() {
    let dir = sample_copy(&["E03"]);
    let root = dir.path();
    let acked = crate::store::kill_rounds(root, "crashed", 3, 0x2545_f491_4f6c_dd1d);
    assert!(!acked.is_empty());
    let study = Study::open(root).unwrap();
    let all = load_all(&study);
    let seen: std::collections::HashSet<&str> = all
        .codings
        .iter()
        .filter(|c| c.coder == "crashed")
        .map(|c| c.id.as_str())
        .collect();
    let missing: Vec<_> = acked
        .iter()
        .filter(|id| !seen.contains(id.as_str()))
        .collect();
    assert!(missing.is_empty(), "lost by load_all: {missing:?}");
    let others = other_coders(&study, "coder-a", |_, _| {});
    let seen_by_others = others
        .codings
        .iter()
        .filter(|c| c.coder == "crashed")
        .count();
    assert_eq!(seen_by_others, seen.len());
    let journal = journal_of(root, "crashed");
    assert!(journal.exists(), "the killed writer left its journal");
    let report = check(&study);
    if std::fs::read(&journal).unwrap().contains(&b'\n') {
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning
                    && d.message.contains("not yet written into this file")),
            "{:?}",
            report.diagnostics
        );
    }
    // The next writer folds the journal in and closes it.
    drop(CoderStore::open(&study, "crashed").unwrap());
    assert!(!journal.exists());
    let text = std::fs::read_to_string(root.join("codings/crashed.jsonl")).unwrap();
    let file = CoderFile::parse("crashed", &text).file;
    let on_disk: std::collections::HashSet<String> = ids(&file).into_iter().collect();
    assert!(acked.iter().all(|id| on_disk.contains(id)));
}

#[test]
fn a_torn_last_journal_line_is_ignored_with_a_warning_and_earlier_lines_are_kept() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let base = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    CoderStore::open(&study, "coder-a")
        .unwrap()
        .apply(&Op::Add(base.clone()))
        .unwrap();
    let a = new_coding(&doc, "role.sales", 60..90, None, "coder-a");
    let b = new_coding(&doc, "role.identity", 100..140, None, "coder-a");
    let torn = new_coding(&doc, "practice.ads", 200..240, None, "coder-a");
    let torn_line = added_line(&torn);
    let journal = journal_of(dir.path(), "coder-a");
    std::fs::write(
        &journal,
        format!(
            "{}{}{}",
            added_line(&a),
            added_line(&b),
            &torn_line[..torn_line.len() / 2]
        ),
    )
    .unwrap();
    let path = dir.path().join("codings/coder-a.jsonl");
    let read = CoderFile::load(&path, "coder-a").unwrap();
    let mut expected = vec![base.id.clone(), a.id.clone(), b.id.clone()];
    expected.sort();
    assert_eq!(ids(&read.file), expected);
    let report = check(&study);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && d.message.contains("is incomplete")),
        "{:?}",
        report.diagnostics
    );
    // The writer cuts the torn line off (so the next save does not run into it), says so,
    // and keeps the two saves before it.
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    assert!(store.repaired().unwrap().contains("interrupted"));
    assert_eq!(ids(store.file()), expected);
    let c = new_coding(&doc, "role.sales", 300..340, None, "coder-a");
    store.apply(&Op::Add(c.clone())).unwrap();
    drop(store);
    expected.push(c.id);
    expected.sort();
    assert_eq!(
        ids(&CoderFile::load(&path, "coder-a").unwrap().file),
        expected
    );
}

/// A crash after the folded file was renamed into place but before the journal was
/// emptied: replaying the journal over the new file changes nothing.
#[test]
fn replaying_a_journal_already_folded_into_the_file_changes_nothing() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let first = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    store.apply(&Op::Add(first.clone())).unwrap();
    // Add, change, remove and memo: every kind of entry.
    let mut changed = new_coding(&doc, "role.sales", 60..90, None, "coder-a");
    store.apply(&Op::Add(changed.clone())).unwrap();
    let mut after = changed.clone();
    after.code = "role.identity".into();
    after.end = 120;
    store
        .apply(&Op::Update {
            before: changed.clone(),
            after: after.clone(),
        })
        .unwrap();
    changed = after;
    store.apply(&Op::Remove(first.clone())).unwrap();
    let memo = glose::store::Memo {
        id: glose::store::new_id(),
        target: glose::store::MemoTarget::Doc("E03".into()),
        text: "à relire".into(),
        created: glose::store::now(),
        modified: glose::store::now(),
    };
    store
        .apply(&Op::SetMemo {
            target: memo.target.clone(),
            before: None,
            after: Some(memo.clone()),
        })
        .unwrap();
    let journal = journal_of(dir.path(), "coder-a");
    let kept = std::fs::read(&journal).unwrap();
    assert_eq!(kept.iter().filter(|b| **b == b'\n').count(), 4);
    let path = store.path().to_path_buf();
    drop(store);
    let folded = std::fs::read(&path).unwrap();
    // As if the process died right after the rename: the journal is still there.
    std::fs::write(&journal, &kept).unwrap();
    let read = CoderFile::load(&path, "coder-a").unwrap().file;
    assert_eq!(read.serialize().as_bytes(), folded.as_slice());
    assert_eq!(read.codings.len(), 1);
    assert_eq!(read.codings[0], {
        let mut c = changed.clone();
        c.coder = "coder-a".into();
        c
    });
    assert_eq!(read.memos, vec![memo]);
    drop(CoderStore::open(&study, "coder-a").unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), folded);
    assert!(!journal.exists());
}

/// Undo and redo are operations like any other: journalled, replayed, folded.
#[test]
fn undo_and_redo_go_through_the_journal() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let path = store.path().to_path_buf();
    let kept = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    store.apply(&Op::Add(kept.clone())).unwrap();
    let c = new_coding(&doc, "role.sales", 60..90, None, "coder-a");
    let mut recoded = c.clone();
    recoded.code = "role.identity".into();
    let edit = [
        Op::Add(c.clone()),
        Op::Update {
            before: c.clone(),
            after: recoded.clone(),
        },
    ];
    store.apply_all(&edit).unwrap();
    let undo: Vec<Op> = edit.iter().rev().map(Op::inverse).collect();
    store.apply_all(&undo).unwrap();
    let read = CoderFile::load(&path, "coder-a").unwrap().file;
    assert_eq!(
        ids(&read),
        vec![kept.id.clone()],
        "undone, as a reader sees it"
    );
    store.apply_all(&edit).unwrap();
    let read = CoderFile::load(&path, "coder-a").unwrap().file;
    assert_eq!(read.coding(&c.id).unwrap().code, "role.identity", "redone");
    drop(store);
    let on_disk = CoderFile::load(&path, "coder-a").unwrap().file;
    assert_eq!(on_disk.coding(&c.id).unwrap().code, "role.identity");
    assert_eq!(on_disk.codings.len(), 2);
}

/// A file written before the journal existed opens, takes saves and is written back
/// with the same bytes for what did not change (no migration step, nothing lost).
#[test]
fn a_study_from_before_the_journal_opens_and_keeps_every_line() {
    let dir = sample_copy(&["E03", "E07"]);
    let study = Study::open(dir.path()).unwrap();
    let path = dir.path().join("codings/coder-a.jsonl");
    let doc = study.load_document("E03").unwrap();
    // A file as an older glose wrote it: sorted lines, no journal beside it.
    let mut old = CoderFile {
        coder: "coder-a".into(),
        ..CoderFile::default()
    };
    for (i, code) in ["practice.ads", "role.sales", "role.identity"]
        .iter()
        .enumerate()
    {
        old.codings.push(new_coding(
            &doc,
            code,
            100 * i + 5..100 * i + 60,
            None,
            "coder-a",
        ));
    }
    old.sort();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let before = old.serialize();
    std::fs::write(&path, &before).unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let c = new_coding(&doc, "practice.ads", 1..30, None, "coder-a");
    store.apply(&Op::Add(c.clone())).unwrap();
    store.apply(&Op::Remove(c)).unwrap();
    assert!(store.has_pending());
    drop(store);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert!(!journal_of(dir.path(), "coder-a").exists());
}

/// A `git pull` replaces the coder file while saves are still in the journal: the pulled
/// newer version of a coding wins over the journal's older change to it, and the
/// journal's other changes are kept.
#[test]
fn a_pulled_newer_version_wins_over_the_journal_and_other_saves_are_kept() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let path = store.path().to_path_buf();
    let shared = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    store.apply(&Op::Add(shared.clone())).unwrap();
    let pulled_base = std::fs::read_to_string(&path).unwrap();
    // Journalled: a recode of the shared coding, and a new coding.
    let mut mine = shared.clone();
    mine.code = "role.sales".into();
    store
        .apply(&Op::Update {
            before: shared.clone(),
            after: mine,
        })
        .unwrap();
    let kept = new_coding(&doc, "role.identity", 60..90, None, "coder-a");
    store.apply(&Op::Add(kept.clone())).unwrap();
    // The pull: the same coding, changed elsewhere, later.
    let mut theirs = CoderFile::parse("coder-a", &pulled_base).file;
    theirs.codings[0].code = "role.other".into();
    theirs.codings[0].modified =
        jiff::Timestamp::from_second(shared.modified.as_second() + 5).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, theirs.serialize()).unwrap();
    let read = CoderFile::load(&path, "coder-a").unwrap().file;
    assert_eq!(read.coding(&shared.id).unwrap().code, "role.other");
    assert!(read.coding(&kept.id).is_some());
    // The writer reads it the same way, and folds it so.
    drop(store);
    let folded = CoderFile::parse("coder-a", &std::fs::read_to_string(&path).unwrap()).file;
    assert_eq!(folded.coding(&shared.id).unwrap().code, "role.other");
    assert!(folded.coding(&kept.id).is_some());
}

#[test]
fn readers_through_the_parsed_file_cache_see_the_journal() {
    let dir = sample_copy(&["E03"]);
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "newbie").unwrap();
    store
        .apply(&Op::Add(new_coding(
            &doc,
            "practice.ads",
            10..50,
            None,
            "newbie",
        )))
        .unwrap();
    // The file now exists: a reader fills the cache entry of it as it is on disk.
    let before = load_all(&study);
    assert_eq!(
        before
            .codings
            .iter()
            .filter(|c| c.coder == "newbie")
            .count(),
        1
    );
    // Journalled saves leave the file (so the cache entry) unchanged.
    let second = new_coding(&doc, "role.sales", 60..90, None, "newbie");
    store.apply(&Op::Add(second.clone())).unwrap();
    assert!(store.has_pending());
    let all = load_all(&study);
    assert!(
        all.codings.iter().any(|c| c.id == second.id),
        "a cached read missed a journalled save"
    );
    let one = glose::store::load_all_on_doc(&study, "E03");
    assert!(one.codings.iter().any(|c| c.id == second.id));
    drop(store);
}
