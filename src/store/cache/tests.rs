use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;

/// The sample study's coder file, with memos, codings of several documents out of order,
/// a coding with the optional fields, an invalid line and a torn last line: everything an
/// entry must give back exactly.
fn sample() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("codings/coder-a.jsonl")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // E02's first coding before E01's: the file is not sorted by document.
    let e02 = lines
        .iter()
        .position(|l| l.contains(r#""doc":"E02""#))
        .unwrap();
    let moved = lines.remove(e02);
    lines.insert(0, moved);
    let mut out = lines.join("\n");
    out.push('\n');
    out.push_str(
        r#"{"type":"coding","id":"x-1","doc":"E09","code":"practice.ads","start":3,"end":9,"memo":"à revoir","created":"2026-11-23T17:57:32.5Z","modified":"2026-11-23T17:57:32Z","anchor":{"quote":"le devis","prefix":"","suffix":"","doc_hash":"x"},"selection_name":"line:3","suggested":{"model":"tfidf-logreg","version":1,"at":"2026-12-01T10:00:00Z"}}"#,
    );
    out.push_str("\nnot json\n<<<<<<< HEAD\n{\"type\":\"coding\",\"id\":");
    out
}

fn write_file(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

fn same(a: &LoadedFile, b: &LoadedFile) {
    assert_eq!(a.file, b.file);
    assert_eq!(a.problems, b.problems);
}

struct Fixture {
    _dir: tempfile::TempDir,
    source: std::path::PathBuf,
    cache: std::path::PathBuf,
}

impl Fixture {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("coder-a.jsonl");
        write_file(&source, text);
        let cache = dir.path().join(".glose/cache/codings");
        Self {
            _dir: dir,
            source,
            cache,
        }
    }

    fn load(&self) -> LoadedFile {
        load(&self.source, "coder-a", &self.cache).unwrap()
    }

    fn plain(&self) -> LoadedFile {
        CoderFile::load(&self.source, "coder-a").unwrap()
    }

    fn entry(&self) -> std::path::PathBuf {
        entry_path(&self.cache, "coder-a")
    }
}

#[test]
fn a_cached_load_gives_the_parsed_file() {
    let f = Fixture::new(&sample());
    let plain = f.plain();
    assert!(plain.problems.len() >= 3, "{:?}", plain.problems);
    assert!(plain.file.memos.len() >= 2);
    same(&plain, &f.load());
    assert!(f.entry().is_file());
    // The source is older than the entry: read from the entry alone, and the same again.
    set_mtime(&f.source, SystemTime::now() - Duration::from_secs(60));
    same(&plain, &f.load());
    same(&plain, &f.load());
    // A missing coder file is an empty one.
    std::fs::remove_file(&f.source).unwrap();
    same(&f.plain(), &f.load());
    assert!(f.load().file.codings.is_empty());
}

/// The stat key is what is trusted when the source is older than the entry (as git
/// trusts its index): same size and time, and the file is not read at all.
#[test]
fn a_file_older_than_its_entry_is_not_read_again() {
    let f = Fixture::new(&sample());
    let old = SystemTime::now() - Duration::from_secs(3600);
    set_mtime(&f.source, old);
    let first = f.load();
    // Same size, same time, other bytes, put back behind the cache's back.
    let text = sample().replacen("E01", "E99", 1);
    write_file(&f.source, &text);
    set_mtime(&f.source, old);
    same(&first, &f.load());
    // Any change of time is noticed.
    set_mtime(&f.source, old + Duration::from_nanos(1));
    let now = f.load();
    assert_ne!(first.file, now.file);
    same(&f.plain(), &now);
}

#[test]
fn an_edit_in_the_same_tick_with_the_same_size_is_seen() {
    let f = Fixture::new(&sample());
    // The file's time is not older than the entry: racily clean, so its bytes are hashed
    // on every load until it is.
    let tick = SystemTime::now() + Duration::from_secs(30);
    set_mtime(&f.source, tick);
    same(&f.plain(), &f.load());
    let text = sample().replacen("E01", "E98", 1);
    assert_eq!(text.len(), sample().len());
    write_file(&f.source, &text);
    set_mtime(&f.source, tick);
    let loaded = f.load();
    same(&f.plain(), &loaded);
    assert!(loaded.file.codings.iter().any(|c| c.doc == "E98"));
    // And without playing with times: written, loaded, rewritten at once, same size.
    let g = Fixture::new(&sample());
    same(&g.plain(), &g.load());
    write_file(&g.source, &text);
    same(&g.plain(), &g.load());
    let doc = load_doc(&g.source, "coder-a", &g.cache, "E98").unwrap();
    assert!(!doc.file.codings.is_empty());
}

#[test]
fn a_damaged_or_deleted_cache_is_rebuilt() {
    let f = Fixture::new(&sample());
    set_mtime(&f.source, SystemTime::now() - Duration::from_secs(60));
    let plain = f.plain();
    f.load();
    let good = std::fs::read(f.entry()).unwrap();
    let damaged_at = |i: usize| {
        let mut bytes = good.clone();
        bytes[i] ^= 0x55;
        bytes
    };
    for bad in [
        damaged_at(good.len() - 10),       // in a block
        damaged_at(good.len() / 2),        // in a block
        damaged_at(PREFIX_LEN + 3),        // in the head
        damaged_at(2),                     // the magic
        damaged_at(9),                     // the format
        good[..good.len() - 1].to_vec(),   // truncated
        good[..PREFIX_LEN + 5].to_vec(),   // truncated in the head
        Vec::new(),                        // empty
        b"GLOSECFC not an entry".to_vec(), // garbage
    ] {
        std::fs::write(f.entry(), &bad).unwrap();
        same(&plain, &f.load());
        let doc = load_doc(&f.source, "coder-a", &f.cache, "E02").unwrap();
        assert!(!doc.file.codings.is_empty());
        assert!(doc.file.codings.iter().all(|c| c.doc == "E02"));
    }
    // Deleted, folder and all: rebuilt.
    std::fs::remove_dir_all(&f.cache).unwrap();
    same(&plain, &f.load());
    assert!(f.entry().is_file());
    // An entry of another coder file (copied over) is not used.
    let other = Fixture::new(&sample().replacen("E01", "E97", 1));
    other.load();
    std::fs::copy(other.entry(), f.entry()).unwrap();
    same(&plain, &f.load());
}

#[test]
fn a_file_changed_by_another_process_is_read_again() {
    let f = Fixture::new(&sample());
    same(&f.plain(), &f.load());
    let line = r#"{"type":"coding","id":"z-1","doc":"E05","code":"practice.ads","start":1,"end":4,"created":"2026-11-23T17:57:32Z","modified":"2026-11-23T17:57:32Z","anchor":{"quote":"abc","prefix":"","suffix":"","doc_hash":"y"}}"#;
    // Another process rewrites the file (as git checkout or another glose would).
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf '%s\\n' '{line}' > \"$1\""))
        .arg("sh")
        .arg(&f.source)
        .status()
        .unwrap();
    assert!(status.success());
    let loaded = f.load();
    same(&f.plain(), &loaded);
    assert_eq!(loaded.file.codings.len(), 1);
    assert_eq!(loaded.file.codings[0].id, "z-1");
    // Touched without a change (a new time, the same bytes): the same file.
    set_mtime(&f.source, SystemTime::now() - Duration::from_secs(5));
    same(&f.plain(), &f.load());
    same(&f.plain(), &f.load());
}

#[test]
fn one_documents_codings_are_read_alone() {
    let f = Fixture::new(&sample());
    set_mtime(&f.source, SystemTime::now() - Duration::from_secs(60));
    let plain = f.plain();
    for doc in ["E01", "E02", "E09", "E404"] {
        let expected: Vec<&Coding> = plain.file.codings.iter().filter(|c| c.doc == doc).collect();
        // From a stale or missing entry, then from the fresh one.
        for _ in 0..2 {
            let got = load_doc(&f.source, "coder-a", &f.cache, doc).unwrap();
            let got: Vec<&Coding> = got.file.codings.iter().collect();
            assert_eq!(got, expected, "{doc}");
            assert_eq!(
                load_doc(&f.source, "coder-a", &f.cache, doc)
                    .unwrap()
                    .problems,
                plain.problems
            );
        }
        std::fs::remove_dir_all(&f.cache).unwrap();
    }
}
