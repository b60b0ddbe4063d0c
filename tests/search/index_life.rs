//! The index on disk: incremental updates, additions, deletions, recovery.

use glose::search::Index;

use crate::common::{E02, TestStudy};

#[test]
fn first_build_then_nothing_to_do() {
    let s = TestStudy::new();
    let mut phases = Vec::new();
    let first = Index::open_or_build(&s.study(), |p| phases.push(p.phase)).unwrap();
    let st = first.stats();
    assert_eq!(
        (st.added, st.updated, st.removed, st.unchanged),
        (3, 0, 0, 0)
    );
    assert!(st.rebuilt.is_some());
    assert!(st.passages > 0);
    assert_eq!(first.passage_count() as usize, st.passages);
    assert!(phases.contains(&glose::search::Phase::Committing));
    drop(first);
    let again = s.index();
    let st = again.stats();
    assert_eq!(
        (st.added, st.updated, st.removed, st.unchanged),
        (0, 0, 0, 3)
    );
    assert_eq!(st.passages_written, 0);
    assert!(st.rebuilt.is_none());
    // Only .glose/ was written.
    let mut top: Vec<String> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, vec![".glose", "codebooks", "corpus", "glose.toml"]);
}

#[test]
fn editing_one_transcript_reindexes_only_it() {
    let s = TestStudy::new();
    s.index();
    s.write("E02", &E02.replace("grandit vite", "grandit lentement"));
    let st = s.index().stats().clone();
    assert_eq!(
        (st.added, st.updated, st.removed, st.unchanged),
        (0, 1, 0, 2)
    );
    assert_eq!(s.docs("lentement"), vec!["E02"]);
    assert!(s.search("vite").is_empty());
    // No duplicate passages were left behind.
    assert_eq!(s.search("influenceuse").len(), 1);
}

#[test]
fn attribute_changes_reindex_the_document() {
    let s = TestStudy::new();
    s.index();
    let cases = crate::common::CASES.replace(
        "E02,mobilité (vélos),growth",
        "E02,mobilité (vélos),consolidation",
    );
    std::fs::write(s.root().join("corpus/cases.csv"), cases).unwrap();
    let st = s.index().stats().clone();
    assert_eq!((st.updated, st.unchanged), (1, 2));
    assert!(s.search("stage:growth").is_empty());
    assert_eq!(s.docs("stage:consolidation"), vec!["E02"]);
}

#[test]
fn adding_and_deleting_transcripts() {
    let s = TestStudy::new();
    s.index();
    s.write("E04", "Fondatrice : Nous vendons sur Etsy et au marché.\n");
    let st = s.index().stats().clone();
    assert_eq!((st.added, st.unchanged), (1, 3));
    assert_eq!(s.docs("etsy"), vec!["E04"]);
    s.remove("E01");
    let st = s.index().stats().clone();
    assert_eq!((st.removed, st.unchanged), (1, 3));
    assert!(s.search("\"bouche à oreille\"").is_empty());
    assert_eq!(s.docs("reseaux"), vec!["E02"]);
}

#[test]
fn a_deleted_index_is_rebuilt() {
    let s = TestStudy::new();
    s.index();
    std::fs::remove_dir_all(s.root().join(".glose")).unwrap();
    let st = s.index().stats().clone();
    assert_eq!(st.added, 3);
    assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);
}

fn damage_every_file(s: &TestStudy, f: impl Fn(&std::path::Path)) {
    for entry in std::fs::read_dir(s.index_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_file() && !name.starts_with('.') {
            f(&path);
        }
    }
}

#[test]
fn truncated_or_garbled_index_files_are_rebuilt() {
    let s = TestStudy::new();
    s.index();
    damage_every_file(&s, |p| {
        let len = std::fs::metadata(p).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(p)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
    let st = s.index().stats().clone();
    assert!(st.rebuilt.is_some());
    assert_eq!(st.added, 3);
    assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);

    // Garble the segment files only (manifest and meta.json intact).
    damage_every_file(&s, |p| {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            return;
        }
        let mut bytes = std::fs::read(p).unwrap();
        for b in bytes.iter_mut().step_by(7) {
            *b ^= 0x5a;
        }
        std::fs::write(p, bytes).unwrap();
    });
    let st = s.index().stats().clone();
    let reason = st.rebuilt.clone().unwrap_or_default();
    assert!(reason.contains("damaged"), "{reason}");
    assert_eq!(s.docs("équipe"), vec!["E01", "E02"]);

    // A garbled manifest and meta.json.
    std::fs::write(s.index_dir().join("glose-manifest.json"), "{not json").unwrap();
    std::fs::write(s.index_dir().join("meta.json"), "\u{0}\u{1}garbage").unwrap();
    assert!(s.index().stats().rebuilt.is_some());
    assert_eq!(s.docs("partenariat"), vec!["E01", "E02"]);
}

#[test]
fn a_stale_schema_version_rebuilds() {
    let s = TestStudy::new();
    s.index();
    let path = s.index_dir().join("glose-manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"schema_version\": 2"), "{text}");
    std::fs::write(
        &path,
        text.replace("\"schema_version\": 2", "\"schema_version\": 0"),
    )
    .unwrap();
    let reason = s.index().stats().rebuilt.clone().unwrap_or_default();
    assert!(reason.contains("another version"), "{reason}");
}

#[test]
fn a_locked_index_answers_from_the_last_completed_update() {
    let s = TestStudy::new();
    s.index();
    let lock =
        glose::fsutil::FileLock::try_acquire(&s.root().join(".glose/index.lock"), "pid 42 on test")
            .unwrap();
    // Up to date: searching works without the lock.
    assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);
    // Another glose is indexing a change: a search is not refused, it reads the index as
    // that writer last completed it (and says so).
    s.write("E04", "Fondatrice : Etsy.\n");
    let index = Index::open_or_build(&s.study(), |_| {}).unwrap();
    assert!(index.stats().stale);
    assert!(s.docs("etsy").is_empty());
    assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);
    drop(lock);
    assert_eq!(s.docs("etsy"), vec!["E04"]);
    assert!(!s.index().stats().stale);
}

#[test]
fn searches_are_not_refused_while_another_glose_rebuilds() {
    let s = TestStudy::new();
    s.index();
    let study = s.study();
    let rebuilding = std::sync::atomic::AtomicBool::new(true);
    std::thread::scope(|scope| {
        let rebuilder = scope.spawn(|| {
            let outcome: Result<(), String> = (0..4).try_for_each(|_| {
                Index::rebuild(&study, |_| {})
                    .map(drop)
                    .map_err(|e| e.to_string())
            });
            rebuilding.store(false, std::sync::atomic::Ordering::SeqCst);
            outcome
        });
        let mut searches = 0;
        while rebuilding.load(std::sync::atomic::Ordering::SeqCst) || searches < 5 {
            let index = Index::open_or_build(&study, |_| {});
            assert!(index.is_ok(), "search refused: {:?}", index.err());
            assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);
            searches += 1;
        }
        rebuilder.join().unwrap().unwrap();
    });
}

#[test]
fn rebuild_on_request() {
    let s = TestStudy::new();
    s.index();
    let again = Index::rebuild(&s.study(), |_| {}).unwrap();
    assert_eq!(again.stats().added, 3);
    assert!(again.stats().rebuilt.is_some());
}

/// Sets a transcript's modification time.
fn set_mtime(s: &TestStudy, id: &str, t: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(s.root().join(format!("corpus/{id}.txt")))
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn knowing_the_index_is_current_reads_no_transcript() {
    let s = TestStudy::new();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for id in ["E01", "E02", "E03"] {
        set_mtime(&s, id, hour_ago);
    }
    assert_eq!(s.index().stats().read, 3);
    let again = s.index();
    assert_eq!((again.stats().read, again.stats().unchanged), (0, 3));
    // A changed file (new size or time) is read, and only it.
    s.write("E04", "Fondatrice : Etsy.\n");
    s.write("E02", &E02.replace("influenceurs", "créateurs"));
    let st = s.index().stats().clone();
    assert_eq!((st.read, st.added, st.updated), (2, 1, 1));
    assert_eq!(s.docs("créateurs"), vec!["E02"]);
}

#[test]
fn a_change_within_the_same_second_keeping_the_size_is_seen() {
    let s = TestStudy::new();
    s.index();
    // Same size, and a coarse file system gives it the same modification time: only the
    // content tells, and the time being that close to the reading, glose hashes it.
    let path = s.root().join("corpus/E02.txt");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let edited = E02.replace("influenceurs", "ambassadeurs");
    assert_eq!(edited.len(), E02.len());
    s.write("E02", &edited);
    set_mtime(&s, "E02", before);
    assert_eq!(s.index().stats().updated, 1);
    assert_eq!(s.docs("ambassadeurs"), vec!["E02"]);
}

#[test]
fn the_up_to_date_check_uses_the_stamps_taken_when_the_study_was_opened() {
    let s = TestStudy::new();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for id in ["E01", "E02", "E03"] {
        set_mtime(&s, id, hour_ago);
    }
    let opened = s.study();
    assert_eq!(
        Index::open_or_build(&opened, |_| {}).unwrap().stats().read,
        3
    );
    // Changed after that study was opened: the check compares the stamps it took then
    // (no second stat), so that study's index holds what it saw...
    s.write("E02", &E02.replace("influenceurs", "créateurs"));
    let same = Index::open_or_build(&opened, |_| {}).unwrap();
    assert_eq!((same.stats().read, same.stats().unchanged), (0, 3));
    // ...and the next command's study sees the change.
    let st = s.index().stats().clone();
    assert_eq!((st.read, st.updated), (1, 1));
    assert_eq!(s.docs("créateurs"), vec!["E02"]);
}

#[test]
fn a_header_attribute_changed_in_the_same_second_keeping_the_size_is_seen() {
    let s = TestStudy::new();
    let with_header = |city: &str| format!("---\nid: E02\ncity: {city}\n---\n{E02}");
    s.write("E02", &with_header("Lille"));
    s.index();
    assert_eq!(s.docs("city:lille"), vec!["E02"]);
    let path = s.root().join("corpus/E02.txt");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    s.write("E02", &with_header("Paris"));
    set_mtime(&s, "E02", before);
    // The study's header record and the index's manifest both see the new header.
    assert_eq!(
        s.study().entry("E02").unwrap().header.get("city"),
        Some("Paris")
    );
    assert_eq!(s.index().stats().updated, 1);
    assert_eq!(s.docs("city:paris"), vec!["E02"]);
    assert!(s.docs("city:lille").is_empty());
}
