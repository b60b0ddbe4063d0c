//! Folds that only add codings append their lines to the coder file (#16), and a store
//! opened for one document (`glose code add`) reads only that document's codings: the
//! file is then "sorted lines, then appended lines", which every reader, `glose check`
//! and the next full fold accept; nothing acknowledged is lost at any instant.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use crate::common::sample_copy;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use glose::check::check;
use glose::diag::Severity;
use glose::store::{
    CoderFile, CoderStore, Coding, Op, ProblemKind, load_all, load_all_on_doc, new_coding,
};
use glose::study::Study;

fn journal_of(root: &Path, coder: &str) -> PathBuf {
    root.join(format!("codings/.{coder}.jsonl.glose-journal"))
}

/// The line of a coding in a coder file, built from the format's definition.
fn line_of(c: &Coding) -> String {
    let fields = serde_json::to_string(c).unwrap();
    format!("{{\"type\":\"coding\",{}\n", &fields[1..])
}

fn ids(codings: &[Coding]) -> BTreeSet<String> {
    codings.iter().map(|c| c.id.clone()).collect()
}

fn errors(study: &Study) -> Vec<String> {
    check(study)
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message)
        .collect()
}

/// A study whose coder-a has codings on E03 and E07, written sorted by a full fold.
fn study_with_codings() -> (tempfile::TempDir, Study, Vec<Coding>) {
    let dir = sample_copy(&["E03", "E07"]);
    let study = Study::open(dir.path()).unwrap();
    let mut codings = Vec::new();
    for doc in ["E03", "E07"] {
        let doc = study.load_document(doc).unwrap();
        for i in 0..5 {
            let start = 100 + 50 * i;
            codings.push(new_coding(
                &doc,
                "practice.ads",
                start..start + 30,
                None,
                "coder-a",
            ));
        }
    }
    let ops: Vec<Op> = codings.iter().cloned().map(Op::Add).collect();
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    store.apply_all(&ops).unwrap();
    // An update: the fold rewrites the file whole.
    let mut changed = codings[0].clone();
    changed.memo = Some("relu".into());
    store
        .apply(&Op::Update {
            before: codings[0].clone(),
            after: changed.clone(),
        })
        .unwrap();
    codings[0] = changed;
    drop(store);
    (dir, study, codings)
}

#[test]
fn a_fold_of_additions_appends_their_lines_and_the_next_full_fold_sorts_again() {
    let (dir, study, mut codings) = study_with_codings();
    let path = dir.path().join("codings/coder-a.jsonl");
    let sorted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        CoderFile::parse("coder-a", &sorted).file.serialize(),
        sorted
    );
    let errors_before = errors(&study);
    // Two additions early in E03 (they sort before every line of the file), by a store
    // opened for E03 as `glose code add` opens it.
    let e03 = study.load_document("E03").unwrap();
    let mut store = CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap();
    assert!(store.file().codings.iter().all(|c| c.doc == "E03"));
    assert_eq!(store.file().codings.len(), 5);
    let a = new_coding(&e03, "role.sales", 1..20, None, "coder-a");
    let b = new_coding(&e03, "practice.ads", 2..20, None, "coder-a");
    store.apply(&Op::Add(b.clone())).unwrap();
    store.apply(&Op::Add(a.clone())).unwrap();
    drop(store);
    assert!(!journal_of(dir.path(), "coder-a").exists());
    // The file's bytes are untouched; the two lines follow, in the file's order.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, format!("{sorted}{}{}", line_of(&a), line_of(&b)));
    codings.extend([a.clone(), b.clone()]);
    // Every reader sees them, sorted; `check` finds nothing new.
    let plain = CoderFile::load(&path, "coder-a").unwrap();
    assert!(plain.problems.is_empty());
    assert!(
        plain
            .file
            .codings
            .is_sorted_by(|x, y| x.sort_key() <= y.sort_key())
    );
    assert_eq!(ids(&plain.file.codings), ids(&codings));
    let all = load_all(&study);
    assert_eq!(all.codings.len(), codings.len());
    assert_eq!(all.codings.first().map(|c| &c.id), Some(&a.id));
    let on_e03 = load_all_on_doc(&study, "E03");
    assert_eq!(on_e03.codings.len(), 7);
    assert_eq!(
        ids(&on_e03.codings),
        ids(&plain
            .file
            .codings
            .iter()
            .filter(|c| c.doc == "E03")
            .cloned()
            .collect::<Vec<_>>())
    );
    assert_eq!(errors(&study), errors_before);
    // A whole-file store reads it as well and appends after the appended lines.
    let e07 = study.load_document("E07").unwrap();
    let c = new_coding(&e07, "role.identity", 5..25, None, "coder-a");
    let mut store = CoderStore::open(&study, "coder-a").unwrap();
    assert_eq!(ids(&store.file().codings), ids(&codings));
    store.apply(&Op::Add(c.clone())).unwrap();
    drop(store);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{text}{}", line_of(&c))
    );
    codings.push(c);
    // A removal: the fold writes the file whole again, sorted.
    let mut store = CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap();
    store.apply(&Op::Remove(a.clone())).unwrap();
    drop(store);
    codings.retain(|x| x.id != a.id);
    let text = std::fs::read_to_string(&path).unwrap();
    let parsed = CoderFile::parse("coder-a", &text);
    assert_eq!(parsed.file.serialize(), text, "not sorted again");
    assert_eq!(ids(&parsed.file.codings), ids(&codings));
}

#[test]
fn a_store_for_one_document_reads_the_rest_before_anything_else_and_loses_nothing() {
    let (dir, study, mut codings) = study_with_codings();
    let path = dir.path().join("codings/coder-a.jsonl");
    let e03 = study.load_document("E03").unwrap();
    let e07 = study.load_document("E07").unwrap();
    let mut store = CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap();
    let reads = store.reads();
    let a = new_coding(&e03, "role.sales", 1..20, None, "coder-a");
    store.apply(&Op::Add(a.clone())).unwrap();
    assert_eq!(store.file().codings.len(), 6);
    // A coding on another document: the whole file is read first (with the journal).
    let b = new_coding(&e07, "role.sales", 1..20, None, "coder-a");
    store.apply(&Op::Add(b.clone())).unwrap();
    assert!(store.reads() > reads);
    codings.extend([a.clone(), b.clone()]);
    assert_eq!(ids(&store.file().codings), ids(&codings));
    // A removal on E03 by a fresh store for E03, and one of the earlier codings: the
    // whole file is rewritten from all of it.
    drop(store);
    let mut store = CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap();
    let gone = codings[1].clone();
    store.apply(&Op::Remove(gone.clone())).unwrap();
    drop(store);
    codings.retain(|c| c.id != gone.id);
    let loaded = CoderFile::load(&path, "coder-a").unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(ids(&loaded.file.codings), ids(&codings));
    // A coding made twice on the document is still refused by the id check.
    let mut store = CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap();
    assert!(store.apply(&Op::Add(a.clone())).is_err());
    drop(store);
    assert_eq!(
        ids(&CoderFile::load(&path, "coder-a").unwrap().file.codings),
        ids(&codings)
    );
}

/// An append cut short (a kill -9 inside it): the coder file ends with part of a line and
/// the journal still holds the save. Readers skip the partial line and replay the journal
/// (so they see the coding), `check` warns rather than errs, and the next writer cuts
/// the line off, keeps a copy of the file and writes the save in.
#[test]
fn a_torn_append_is_covered_by_the_journal_and_repaired_by_the_next_writer() {
    let (dir, study, mut codings) = study_with_codings();
    let path = dir.path().join("codings/coder-a.jsonl");
    let e03 = study.load_document("E03").unwrap();
    let a = new_coding(&e03, "role.sales", 1..20, None, "coder-a");
    let journal = journal_of(dir.path(), "coder-a");
    let sorted = std::fs::read_to_string(&path).unwrap();
    // The state a writer killed mid-append leaves: journal line synced, half the line
    // appended.
    std::fs::write(
        &journal,
        format!(
            "[{{\"type\":\"coding\",\"coding\":{},\"was\":null}}]\n",
            serde_json::to_string(&a).unwrap()
        ),
    )
    .unwrap();
    let line = line_of(&a);
    codings.push(a.clone());
    for cut in [line.len() / 2, line.len() - 1] {
        std::fs::write(
            &journal,
            format!(
                "[{{\"type\":\"coding\",\"coding\":{},\"was\":null}}]\n",
                serde_json::to_string(&a).unwrap()
            ),
        )
        .unwrap();
        std::fs::write(&path, format!("{sorted}{}", &line[..cut])).unwrap();
        let loaded = CoderFile::load(&path, "coder-a").unwrap();
        assert!(loaded.file.codings.iter().any(|c| c.id == a.id));
        assert!(
            loaded
                .problems
                .iter()
                .all(|p| p.kind == ProblemKind::TornTail),
            "{:?}",
            loaded.problems
        );
        assert!(
            load_all_on_doc(&study, "E03")
                .codings
                .iter()
                .any(|c| c.id == a.id)
        );
        let report = check(&study);
        let torn: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("interrupted append"))
            .collect();
        // A line cut before its newline is torn; one missing only its newline is whole.
        if cut < line.len() - 1 {
            assert_eq!(torn.len(), 1, "{:?}", report.diagnostics);
            assert_eq!(torn[0].severity, Severity::Warning);
        } else {
            assert!(torn.is_empty());
        }
        // The next writer (as `code add` opens it) leaves a clean, sorted file.
        drop(CoderStore::open_for_doc(&study, "coder-a", "E03").unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = CoderFile::parse("coder-a", &text);
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.file.serialize(), text);
        assert_eq!(ids(&parsed.file.codings), ids(&codings));
        assert!(!journal.exists());
    }
}

/// The child of the kill test below: runs `glose code add` as the CLI does, forever
/// (open for one document, add one coding, close, which appends it to the coder file),
/// printing each id once the save is acknowledged.
#[test]
fn crash_command_child() {
    let Ok(root) = std::env::var("GLOSE_CRASH_CHILD") else {
        return;
    };
    let root = Path::new(&root);
    let coder = std::env::var("GLOSE_CRASH_CODER").unwrap();
    let now = glose::store::now();
    for i in 0usize.. {
        let mut store = CoderStore::open_scoped(
            &root.join("codings"),
            &root.join(".glose/locks"),
            &coder,
            Some("E03"),
        )
        .unwrap();
        let c = super::store::crash_coding(i, &coder, now);
        store.apply(&Op::Add(c.clone())).unwrap();
        println!("ACK {}", c.id);
        drop(store);
    }
}

/// Commands adding one coding each, killed with -9 at random instants (inside the
/// journal append, the file append, the emptying of the journal): after every kill,
/// every acknowledged coding is seen by readers and the file has at most a torn last
/// line; the next writer leaves a clean file holding all of them.
#[test]
fn acknowledged_additions_survive_kill_9_inside_appends() {
    let dir = sample_copy(&["E03"]);
    let root = dir.path().to_path_buf();
    let workers: Vec<_> = (0..4u64)
        .map(|lane| {
            let root = root.clone();
            std::thread::spawn(move || {
                let coder = format!("cmd-{lane}");
                let acked = crate::store::kill_rounds_of(
                    &root,
                    &coder,
                    60,
                    0x2545_f491_4f6c_dd1d ^ (lane << 7),
                    "append::crash_command_child",
                );
                (coder, acked)
            })
        })
        .collect();
    for worker in workers {
        let (coder, acked) = worker.join().unwrap();
        assert!(acked.len() >= 60, "{} acknowledgements", acked.len());
        let path = root.join(format!("codings/{coder}.jsonl"));
        let study = Study::open(&root).unwrap();
        drop(CoderStore::open(&study, &coder).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = CoderFile::parse(&coder, &text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let on_disk = ids(&parsed.file.codings);
        let lost: Vec<_> = acked.iter().filter(|id| !on_disk.contains(*id)).collect();
        assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
        // Through the cache too (tails written by the killed commands included).
        let all = load_all(&study);
        let seen: BTreeSet<String> = all
            .codings
            .iter()
            .filter(|c| c.coder == coder)
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(seen, on_disk);
    }
}
