//! The coding store as a researcher relies on it: codings survive, files stay readable and
//! mergeable, two writers never overwrite each other.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use crate::common;
use common::sample_copy;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use glose::check::check;
use glose::store::{CoderFile, CoderStore, Op, ProblemKind, StoreError, load_all, new_coding};
use glose::study::Study;

fn open(dir: &Path) -> Study {
    Study::open(dir).unwrap()
}

#[test]
fn codings_round_trip_sorted_and_deterministic() {
    let dir = sample_copy(&["E03", "E07"]);
    let study = open(dir.path());
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let e07 = study.load_document("E07").unwrap();
    let e03 = study.load_document("E03").unwrap();
    // Added out of order on purpose.
    let spans = [
        (&e07, 500..600),
        (&e03, 900..950),
        (&e03, 100..180),
        (&e07, 20..40),
    ];
    for (doc, range) in spans {
        let c = new_coding(doc, "practice.ads", range, None, "coder-a");
        store.apply(&Op::Add(c)).unwrap();
    }
    let path = store.path().to_path_buf();
    drop(store);
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = CoderFile::parse("coder-a", &text);
    assert!(loaded.problems.is_empty());
    let keys: Vec<(String, usize)> = loaded
        .file
        .codings
        .iter()
        .map(|c| (c.doc.clone(), c.start))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("E03".to_string(), 100),
            ("E03".to_string(), 900),
            ("E07".to_string(), 20),
            ("E07".to_string(), 500)
        ]
    );
    // The first save created the file; the three saves after it only added codings, so
    // their lines follow it, sorted among themselves (docs/FORMATS.md, "Folding by
    // appending").
    let starts: Vec<&str> = text
        .lines()
        .map(|l| &l[l.find("\"start\"").unwrap()..])
        .collect();
    let starts: Vec<&str> = starts.iter().map(|s| &s[..s.find(',').unwrap()]).collect();
    assert_eq!(
        starts,
        [
            "\"start\":500",
            "\"start\":100",
            "\"start\":900",
            "\"start\":20"
        ]
    );
    // The next fold that rewrites the file sorts it: writing what was read then gives the
    // same bytes, no churn in git.
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let first = loaded.file.codings[0].clone();
    let mut recoded = first.clone();
    recoded.memo = Some("relu".into());
    store
        .apply(&Op::Update {
            before: first.clone(),
            after: recoded.clone(),
        })
        .unwrap();
    store
        .apply(&Op::Update {
            before: recoded,
            after: first,
        })
        .unwrap();
    drop(store);
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = CoderFile::parse("coder-a", &text);
    assert_eq!(loaded.file.serialize(), text);
    // The anchor quotes the coded text.
    let c = &loaded.file.codings[0];
    assert_eq!(c.anchor.quote, e03.slice(100..180));
    assert_eq!(c.anchor.doc_hash, e03.hash);
}

/// A coder file's text as the format defines it, built independently of the writer: each
/// coding is `{"type":"coding",` followed by the coding's own fields in declaration order,
/// then the memos, one per line, sorted.
fn expected_text(file: &CoderFile) -> String {
    let mut codings = file.codings.clone();
    codings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut out = String::new();
    for c in &codings {
        let fields = serde_json::to_string(c).unwrap();
        out.push_str(&format!("{{\"type\":\"coding\",{}\n", &fields[1..]));
    }
    let mut memos = file.memos.clone();
    memos.sort_by(|a, b| (&a.target, &a.id).cmp(&(&b.target, &b.id)));
    let js = |v: &str| serde_json::to_string(v).unwrap();
    for m in &memos {
        let (kind, key, value) = match &m.target {
            glose::store::MemoTarget::Doc(d) => ("doc_memo", "doc", d),
            glose::store::MemoTarget::Code(c) => ("code_memo", "code", c),
        };
        out.push_str(&format!(
            "{{\"type\":\"{kind}\",\"id\":{},\"{key}\":{},\"text\":{},\"created\":{},\"modified\":{}}}\n",
            js(&m.id),
            js(value),
            js(&m.text),
            serde_json::to_string(&m.created).unwrap(),
            serde_json::to_string(&m.modified).unwrap(),
        ));
    }
    out
}

#[test]
fn each_save_is_read_back_exactly_each_fold_writes_the_whole_file_and_a_failed_batch_changes_nothing()
 {
    let dir = sample_copy(&["E03", "E07"]);
    let study = open(dir.path());
    let e03 = study.load_document("E03").unwrap();
    let e07 = study.load_document("E07").unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let path = store.path().to_path_buf();
    let on_disk = || std::fs::read_to_string(&path).unwrap();
    // Forty codings, added out of order in one batch.
    let codings: Vec<_> = (0..40)
        .map(|i| {
            let doc = if i % 2 == 0 { &e07 } else { &e03 };
            let start = (37 * i) % 900;
            new_coding(doc, "practice.ads", start..start + 20, None, "coder-a")
        })
        .collect();
    store
        .apply_all(&codings.iter().cloned().map(Op::Add).collect::<Vec<_>>())
        .unwrap();
    // A save goes to the journal; folding it in writes the whole file.
    store.compact().unwrap();
    assert_eq!(on_disk(), expected_text(store.file()));
    // Memo edit, a move to the other end of the file, a recode, a memo, a removal: after
    // each save the file holds exactly the codings in memory, sorted, in the format.
    let mut current = codings[5].clone();
    let mut steps = Vec::new();
    let mut next = current.clone();
    next.memo = Some("« à revoir »\nligne 2".to_string());
    steps.push(Op::Update {
        before: current.clone(),
        after: next.clone(),
    });
    current = next.clone();
    next.start = 0;
    next.end = 3;
    steps.push(Op::Update {
        before: current.clone(),
        after: next.clone(),
    });
    current = next.clone();
    next.code = "role.sales".to_string();
    steps.push(Op::Update {
        before: current,
        after: next.clone(),
    });
    steps.push(Op::SetMemo {
        target: glose::store::MemoTarget::Code("role.sales".to_string()),
        before: None,
        after: Some(glose::store::Memo {
            id: "m2".to_string(),
            target: glose::store::MemoTarget::Code("role.sales".to_string()),
            text: "Ventes \"directes\"".to_string(),
            created: glose::store::now(),
            modified: glose::store::now(),
        }),
    });
    steps.push(Op::Remove(codings[11].clone()));
    for op in &steps {
        store.apply(op).unwrap();
        // Saved: a reader (file and journal) sees exactly what the store holds.
        let read = CoderFile::load(&path, "coder-a").unwrap();
        assert!(read.problems.is_empty());
        assert_eq!(&read.file, store.file());
        store.compact().unwrap();
        let text = on_disk();
        assert_eq!(text, expected_text(store.file()));
        assert_eq!(&CoderFile::parse("coder-a", &text).file, store.file());
    }
    // A batch whose second operation does not apply: neither the file nor memory changes.
    let before_text = on_disk();
    let before_file = store.file().clone();
    let mut recoded = next.clone();
    recoded.code = "practice.ads".to_string();
    let failing = [
        Op::Update {
            before: next.clone(),
            after: recoded.clone(),
        },
        Op::Remove(codings[11].clone()),
    ];
    assert!(matches!(
        store.apply_all(&failing),
        Err(StoreError::Op { .. })
    ));
    assert_eq!(on_disk(), before_text);
    assert!(
        !store.has_pending(),
        "nothing was journalled for the failed batch"
    );
    assert_eq!(store.file(), &before_file);
    // The next save writes the coding as it is, not as the failed batch left it.
    let mut memo_only = next.clone();
    memo_only.memo = None;
    store
        .apply(&Op::Update {
            before: next,
            after: memo_only,
        })
        .unwrap();
    store.compact().unwrap();
    assert_eq!(on_disk(), expected_text(store.file()));
    assert!(on_disk().contains("role.sales"));
}

/// A store opened over a file refuses a coding whose id it already holds, and takes one
/// whose id it no longer holds, whatever removals and id changes came before the first
/// addition (the ids are gathered only when an addition needs them).
#[test]
fn a_reopened_store_knows_which_ids_it_holds_after_removals_and_changes() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let first = new_coding(&doc, "practice.ads", 10..50, None, "a");
    let second = new_coding(&doc, "role.sales", 60..90, None, "a");
    {
        let mut store = CoderStore::open(&study, "a").unwrap();
        store
            .apply_all(&[Op::Add(first.clone()), Op::Add(second.clone())])
            .unwrap();
    }
    let mut store = CoderStore::open(&study, "a").unwrap();
    let mut renamed = second.clone();
    renamed.id = format!("{}-renamed", second.id);
    store.apply(&Op::Remove(first.clone())).unwrap();
    store
        .apply(&Op::Update {
            before: second.clone(),
            after: renamed.clone(),
        })
        .unwrap();
    let refused = store.apply(&Op::Add(renamed.clone()));
    assert!(
        matches!(&refused, Err(e @ StoreError::Op { .. }) if format!("{e:?}").contains("Exists")),
        "{refused:?}"
    );
    assert!(refused.unwrap_err().to_string().contains(&renamed.id));
    store.apply(&Op::Add(first.clone())).unwrap();
    store.apply(&Op::Add(second.clone())).unwrap();
    // The ids are gathered now: changes of id and removals must keep them true (each
    // step below fails if they do not; a refused change would gather them anew).
    let mut again = first.clone();
    again.id = format!("{}-again", first.id);
    store
        .apply(&Op::Update {
            before: first.clone(),
            after: again.clone(),
        })
        .unwrap();
    store.apply(&Op::Add(first.clone())).unwrap();
    store.apply(&Op::Remove(again.clone())).unwrap();
    store.apply(&Op::Add(again.clone())).unwrap();
    let mut moved = second.clone();
    moved.id = format!("{}-moved", second.id);
    store
        .apply(&Op::Update {
            before: second.clone(),
            after: moved.clone(),
        })
        .unwrap();
    assert!(store.apply(&Op::Add(moved.clone())).is_err());
    let mut ids: Vec<&str> = store.file().codings.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected = vec![
        first.id.as_str(),
        again.id.as_str(),
        moved.id.as_str(),
        renamed.id.as_str(),
    ];
    expected.sort_unstable();
    assert_eq!(ids, expected);
}

#[test]
fn every_operation_is_undone_by_its_inverse() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "a").unwrap();
    let original = new_coding(&doc, "practice.ads", 10..50, None, "a");
    store.apply(&Op::Add(original.clone())).unwrap();
    let empty_and_one = store.file().clone();
    let mut changed = original.clone();
    changed.code = "role.sales".to_string();
    changed.start = 5;
    changed.memo = Some("À discuter".to_string());
    let ops = vec![
        Op::Update {
            before: original.clone(),
            after: changed.clone(),
        },
        Op::SetMemo {
            target: glose::store::MemoTarget::Doc("E03".to_string()),
            before: None,
            after: Some(glose::store::Memo {
                id: "m1".to_string(),
                target: glose::store::MemoTarget::Doc("E03".to_string()),
                text: "Entretien riche.\nÀ relire.".to_string(),
                created: glose::store::now(),
                modified: glose::store::now(),
            }),
        },
        Op::Remove(changed),
    ];
    let mut history = glose::store::History::default();
    for op in &ops {
        store.apply(op).unwrap();
        history.record(op.clone());
    }
    while let Some(undo) = history.peek_undo() {
        store.apply_all(&undo.ops).unwrap();
        history.undone();
    }
    assert_eq!(store.file(), &empty_and_one);
    while let Some(redo) = history.peek_redo() {
        store.apply_all(&redo.ops).unwrap();
        history.redone();
    }
    assert!(store.file().codings.is_empty());
    assert_eq!(store.file().memos.len(), 1);
}

#[test]
fn a_second_writer_is_refused_and_told_who_holds_the_file() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let _first = CoderStore::open(&study, "coder-a").unwrap();
    let err = CoderStore::open(&study, "coder-a").unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)));
    let msg = err.to_string();
    assert!(msg.contains("pid"), "{msg}");
    // Another coder is not blocked, and readers never need the lock.
    CoderStore::open(&study, "coder-b").unwrap();
    assert!(load_all(&study).problems.is_empty());
}

#[test]
fn a_file_glose_cannot_parse_is_never_overwritten() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let path = study.codings_dir().join("coder-a.jsonl");
    std::fs::create_dir_all(study.codings_dir()).unwrap();
    let broken = "{\"type\":\"coding\",\"id\":\"x\"}\nnot json at all\n";
    std::fs::write(&path, broken).unwrap();
    let err = CoderStore::open(&study, "coder-a").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("coder-a.jsonl:1:"), "{msg}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // Readers load what they can and warn.
    let all = load_all(&study);
    assert_eq!(all.codings.len(), 0);
    assert_eq!(all.problems.len(), 2);
}

#[test]
fn a_torn_last_line_is_repaired_and_the_damaged_file_kept() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let path = {
        let mut store = CoderStore::open(&study, "coder-a").unwrap();
        let c = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
        store.apply(&Op::Add(c)).unwrap();
        store.path().to_path_buf()
    };
    let good = std::fs::read_to_string(&path).unwrap();
    let torn = format!("{good}{{\"type\":\"coding\",\"id\":\"0193");
    std::fs::write(&path, &torn).unwrap();
    let loaded = CoderFile::load(&path, "coder-a").unwrap();
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].kind, ProblemKind::TornTail);
    let store = CoderStore::open(&study, "coder-a").unwrap();
    let msg = store.repaired().unwrap().to_string();
    assert!(msg.contains("incomplete"), "{msg}");
    assert_eq!(store.file().codings.len(), 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), good);
    let copies: Vec<PathBuf> = std::fs::read_dir(study.codings_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(std::fs::read_to_string(&copies[0]).unwrap(), torn);
}

#[test]
fn git_conflict_markers_are_reported_by_check_with_their_lines() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    std::fs::create_dir_all(study.codings_dir()).unwrap();
    std::fs::write(
        study.codings_dir().join("coder-a.jsonl"),
        "<<<<<<< HEAD\n=======\n>>>>>>> origin/main\n",
    )
    .unwrap();
    let report = check(&study);
    let lines: Vec<Option<usize>> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("conflict marker"))
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, vec![Some(1), Some(2), Some(3)]);
    assert!(report.errors() >= 3);
}

#[test]
fn a_file_changed_on_disk_is_read_again_before_writing() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    store
        .apply(&Op::Add(new_coding(
            &doc,
            "practice.ads",
            10..50,
            None,
            "coder-a",
        )))
        .unwrap();
    // Someone (a git pull) adds a coding behind the writer's back.
    let mut other =
        CoderFile::parse("coder-a", &std::fs::read_to_string(store.path()).unwrap()).file;
    other
        .codings
        .push(new_coding(&doc, "role.sales", 60..90, None, "coder-a"));
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(store.path(), other.serialize()).unwrap();
    store
        .apply(&Op::Add(new_coding(
            &doc,
            "role.identity",
            100..140,
            None,
            "coder-a",
        )))
        .unwrap();
    let codes: Vec<String> = store
        .file()
        .codings
        .iter()
        .map(|c| c.code.clone())
        .collect();
    assert_eq!(codes, vec!["practice.ads", "role.sales", "role.identity"]);
}

/// The `i`-th coding a crash-test child adds, on E03 (the span moves with `i`).
pub(crate) fn crash_coding(i: usize, coder: &str, now: jiff::Timestamp) -> glose::store::Coding {
    glose::store::Coding {
        id: glose::store::new_id(),
        doc: "E03".into(),
        code: "practice.ads".into(),
        start: i * 37 % 5000,
        end: i * 37 % 5000 + 40,
        memo: None,
        created: now,
        modified: now,
        anchor: glose::store::Anchor {
            quote: "x".repeat(40),
            prefix: String::new(),
            suffix: String::new(),
            doc_hash: "0".into(),
        },
        selection_name: None,
        suggested: None,
        coder: coder.to_string(),
    }
}

/// The child side of the crash test: adds codings forever, printing each id once it is
/// acknowledged (after `apply` returned). It opens only the codings folder (no study, no
/// transcript), so that a round costs little more than the writes it is killed among.
#[test]
fn crash_writer_child() {
    let Ok(root) = std::env::var("GLOSE_CRASH_CHILD") else {
        return;
    };
    let root = Path::new(&root);
    let coder = std::env::var("GLOSE_CRASH_CODER").unwrap();
    let mut store =
        CoderStore::open_at(&root.join("codings"), &root.join(".glose/locks"), &coder).unwrap();
    let mut i = store.file().codings.len();
    let now = glose::store::now();
    loop {
        let mut c = crash_coding(i, &coder, now);
        c.memo = i.is_multiple_of(3).then(|| "un mémo accentué".to_string());
        store.apply(&Op::Add(c.clone())).unwrap();
        println!("ACK {}", c.id);
        i += 1;
    }
}

/// Kills a writer of `coder` `rounds` times, each at a random instant of its write loop (a
/// kill lands inside the atomic write most of the time: the loop does little else), and
/// returns the ids it acknowledged.
pub(crate) fn kill_rounds(root: &Path, coder: &str, rounds: usize, seed: u64) -> Vec<String> {
    // The child test's full name inside this binary (`store::crash_writer_child`).
    let child_test = match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::crash_writer_child"),
        None => "crash_writer_child".to_string(),
    };
    kill_rounds_of(root, coder, rounds, seed, &child_test)
}

/// [`kill_rounds`] of the child test `child_test` (its name inside this binary). After
/// every kill, readers see every acknowledged id, and the coder file has no problem but,
/// for a child that appends to the coder file itself (not only to its journal), a torn
/// last line.
pub(crate) fn kill_rounds_of(
    root: &Path,
    coder: &str,
    rounds: usize,
    mut seed: u64,
    child_test: &str,
) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let appends = !child_test.ends_with("crash_writer_child");
    let mut acknowledged: Vec<String> = Vec::new();
    let path = root.join(format!("codings/{coder}.jsonl"));
    for _ in 0..rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = Command::new(&exe)
            .args(["--exact", child_test, "--nocapture", "--test-threads=1"])
            .env("GLOSE_CRASH_CHILD", root)
            .env("GLOSE_CRASH_CODER", coder)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("ACK ") {
                    let _ = tx.send(id.to_string());
                }
            }
        });
        // Once the writer is writing, kill it at a random moment of its write loop.
        if let Ok(first) = rx.recv_timeout(Duration::from_secs(20)) {
            acknowledged.push(first);
        }
        std::thread::sleep(Duration::from_micros(seed % 4_000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(rx.try_iter());
        if path.exists() {
            let loaded = CoderFile::load(&path, coder).unwrap();
            if appends {
                assert!(
                    loaded
                        .problems
                        .iter()
                        .all(|p| p.kind == ProblemKind::TornTail),
                    "{:?}",
                    loaded.problems
                );
                let seen: std::collections::HashSet<&str> =
                    loaded.file.codings.iter().map(|c| c.id.as_str()).collect();
                let unseen: Vec<_> = acknowledged
                    .iter()
                    .filter(|id| !seen.contains(id.as_str()))
                    .collect();
                assert!(unseen.is_empty(), "acknowledged, not seen: {unseen:?}");
            } else {
                assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            }
        }
    }
    acknowledged
}

/// A thousand kill -9 rounds: eight writers of eight coders killed 125 times each, side
/// by side (the rounds wait mostly on process start and fsync, so lanes keep it short).
#[test]
fn acknowledged_codings_survive_kill_9_at_random_moments() {
    let dir = sample_copy(&["E03"]);
    let (lanes, rounds) = (8, 125);
    let root = dir.path().to_path_buf();
    let workers: Vec<_> = (0..lanes)
        .map(|lane| {
            let root = root.clone();
            std::thread::spawn(move || {
                let coder = format!("crash-{lane}");
                let acked = kill_rounds(&root, &coder, rounds, 0x9e37_79b9_7f4a_7c15 + lane);
                (coder, acked)
            })
        })
        .collect();
    for worker in workers {
        let (coder, acknowledged) = worker.join().unwrap();
        check_survivors(&root, &coder, &acknowledged, rounds);
    }
}

fn check_survivors(root: &Path, coder: &str, acknowledged: &[String], rounds: usize) {
    let dir = root;
    let loaded = CoderFile::load(&dir.join(format!("codings/{coder}.jsonl")), coder).unwrap();
    assert!(loaded.problems.is_empty());
    let present: std::collections::HashSet<&str> =
        loaded.file.codings.iter().map(|c| c.id.as_str()).collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !present.contains(id.as_str()))
        .collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert!(
        acknowledged.len() >= rounds,
        "the writer rarely got to write ({} acknowledgements): the test is not exercising writes",
        acknowledged.len()
    );
    // Killed writers leave at most temporary files, which the next writer removes.
    let study = Study::open(dir).unwrap();
    drop(CoderStore::open(&study, coder).unwrap());
    let prefix = format!(".{coder}.jsonl.");
    let temps = std::fs::read_dir(dir.join("codings"))
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            name.starts_with(&prefix) && name.ends_with(".glose-tmp")
        })
        .count();
    assert_eq!(temps, 0);
}

#[test]
fn deleting_dot_glose_while_a_writer_is_open_keeps_the_lock() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let mut first = CoderStore::open(&study, "coder-a").unwrap();
    first
        .apply(&Op::Add(new_coding(
            &doc,
            "practice.ads",
            10..50,
            None,
            "coder-a",
        )))
        .unwrap();
    // "Safe to delete at any time": the derived data goes, locks included.
    std::fs::remove_dir_all(study.cache_dir()).unwrap();
    let err = CoderStore::open(&study, "coder-a").unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)), "{err}");
    assert!(err.to_string().contains("coder-a.jsonl"), "{err}");
    // The first writer goes on writing, and a later writer sees all of it.
    first
        .apply(&Op::Add(new_coding(
            &doc,
            "role.sales",
            60..90,
            None,
            "coder-a",
        )))
        .unwrap();
    drop(first);
    let second = CoderStore::open(&study, "coder-a").unwrap();
    assert_eq!(second.file().codings.len(), 2);
}

/// Replaces a coder file by a copy of itself, as `git pull` does (a new inode).
fn replace_as_git_pull_does(dir: &Path, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let tmp = dir.join("codings/pulled.tmp");
    std::fs::write(&tmp, &text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_pulled_coder_file_and_a_deleted_dot_glose_still_refuse_a_second_writer() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let mut first = CoderStore::open(&study, "coder-a").unwrap();
    let c = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    first.apply(&Op::Add(c)).unwrap();
    // The file is replaced (as `git pull` does) and `.glose/` deleted: nothing derived and
    // no lock on the old inode is left, yet the lock file beside the coder file is.
    replace_as_git_pull_does(dir.path(), first.path());
    std::fs::remove_dir_all(study.cache_dir()).unwrap();
    let err = CoderStore::open(&study, "coder-a").unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)), "{err}");
    assert!(err.to_string().contains("coder-a.jsonl"), "{err}");
    // The first writer goes on (it locks the pulled file), and a later one sees it all.
    let c = new_coding(&doc, "role.sales", 60..90, None, "coder-a");
    first.apply(&Op::Add(c)).unwrap();
    drop(first);
    let side = dir.path().join("codings/.coder-a.jsonl.glose-lock");
    #[cfg(unix)]
    assert!(!side.exists(), "the lock file goes with its writer");
    let mut second = CoderStore::open(&study, "coder-a").unwrap();
    let c = new_coding(&doc, "role.identity", 100..140, None, "coder-a");
    second.apply(&Op::Add(c)).unwrap();
    assert_eq!(load_all(&study).codings.len(), 3);
}

#[test]
fn a_lock_file_left_by_a_killed_writer_does_not_block() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let side = dir.path().join("codings/.coder-a.jsonl.glose-lock");
    std::fs::create_dir_all(side.parent().unwrap()).unwrap();
    std::fs::write(&side, "pid 1 on gone, `glose tui`\n").unwrap();
    let store = CoderStore::open(&study, "coder-a").unwrap();
    drop(store);
    assert_eq!(load_all(&study).codings.len(), 0);
}

#[test]
fn a_writer_whose_file_was_replaced_and_locked_by_another_refuses_to_write() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let mut first = CoderStore::open(&study, "coder-a").unwrap();
    let c = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    first.apply(&Op::Add(c)).unwrap();
    // The file is replaced and the new one locked by another program (an older glose,
    // which knows no lock file beside the coder file): the first must not write behind
    // its back.
    replace_as_git_pull_does(dir.path(), first.path());
    let other = std::fs::File::open(first.path()).unwrap();
    other.try_lock().unwrap();
    let err = first
        .apply(&Op::Add(new_coding(
            &doc,
            "role.sales",
            60..90,
            None,
            "coder-a",
        )))
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)), "{err}");
    other.unlock().unwrap();
    assert_eq!(load_all(&study).codings.len(), 1);
}

#[test]
fn a_torn_last_line_cut_inside_a_character_is_repaired_too() {
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let path = {
        let mut store = CoderStore::open(&study, "coder-a").unwrap();
        let c = new_coding(&doc, "practice.ads", 10..50, Some("é".into()), "coder-a");
        store.apply(&Op::Add(c)).unwrap();
        store.path().to_path_buf()
    };
    let good = std::fs::read(&path).unwrap();
    // The next line was cut between the two bytes of "é".
    let mut torn = good.clone();
    torn.extend_from_slice("{\"type\":\"coding\",\"id\":\"x\",\"memo\":\"é".as_bytes());
    torn.pop();
    std::fs::write(&path, &torn).unwrap();
    let loaded = CoderFile::load(&path, "coder-a").unwrap();
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert_eq!(loaded.problems[0].kind, ProblemKind::TornTail);
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    assert!(store.repaired().unwrap().contains("incomplete"));
    assert_eq!(std::fs::read(&path).unwrap(), good);
    let copy: Vec<PathBuf> = std::fs::read_dir(study.codings_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(std::fs::read(&copy[0]).unwrap(), torn);
    store
        .apply(&Op::Add(new_coding(
            &doc,
            "role.sales",
            60..90,
            None,
            "coder-a",
        )))
        .unwrap();
    assert_eq!(store.file().codings.len(), 2);
}

#[cfg(unix)]
#[test]
fn a_symlinked_coder_file_is_written_through_and_a_read_only_one_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sample_copy(&["E03"]);
    let study = open(dir.path());
    let doc = study.load_document("E03").unwrap();
    let shared = tempfile::tempdir().unwrap();
    let target = shared.path().join("coder-a.jsonl");
    std::fs::write(&target, "").unwrap();
    std::fs::create_dir_all(study.codings_dir()).unwrap();
    let link = study.codings_dir().join("coder-a.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let c = new_coding(&doc, "practice.ads", 10..50, None, "coder-a");
    store.apply(&Op::Add(c)).unwrap();
    store.compact().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("practice.ads")
    );
    // A second writer is refused through the link too.
    assert!(matches!(
        CoderStore::open(&study, "coder-a"),
        Err(StoreError::Locked(_))
    ));
    drop(store);

    let before = std::fs::read_to_string(&target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    let err = store
        .apply(&Op::Add(new_coding(
            &doc,
            "role.sales",
            60..90,
            None,
            "coder-a",
        )))
        .unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
    assert_eq!(store.file().codings.len(), 1, "the failed change is undone");
}

#[test]
fn abandoned_temp_files_are_removed_on_open_and_reported_by_check() {
    let dir = sample_copy(&["E03"]);
    std::fs::create_dir_all(dir.path().join("codings")).unwrap();
    let temp = dir.path().join("codings/.coder-a.jsonl.Ab12Cd.glose-tmp");
    std::fs::write(&temp, "{\"type\":\"cod").unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let study = open(dir.path());
    assert!(!temp.exists());
    let report = check(&study);
    assert!(
        report.diagnostics.iter().any(|d| d
            .file
            .to_string_lossy()
            .contains(".coder-a.jsonl.Ab12Cd.glose-tmp")
            && d.message.contains("interrupted write")),
        "{:?}",
        report.diagnostics
    );
}
