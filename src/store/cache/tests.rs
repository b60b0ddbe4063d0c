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

/// The sample study's coder file as it is: no problem, so codings can be appended to it.
fn clean() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("codings/coder-a.jsonl")).unwrap()
}

/// The line of a coding `id` on `doc`, as glose writes it.
fn coding_text(id: &str, doc: &str) -> String {
    format!(
        r#"{{"type":"coding","id":"{id}","doc":"{doc}","code":"practice.ads","start":1,"end":4,"memo":null,"created":"2026-11-23T17:57:32Z","modified":"2026-11-23T17:57:32Z","anchor":{{"quote":"abc","prefix":"","suffix":"","doc_hash":"y"}}}}"#
    ) + "\n"
}

fn stamp(path: &Path) -> Stamp {
    Stamp::of(&std::fs::metadata(path).unwrap()).unwrap()
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

impl Fixture {
    /// A clean coder file, older than the entry a first load writes.
    fn appendable() -> Self {
        let f = Self::new(&clean());
        set_mtime(&f.source, SystemTime::now() - Duration::from_secs(60));
        assert!(f.plain().problems.is_empty());
        same(&f.plain(), &f.load());
        f
    }

    /// Appends `lines` as the writer does (in place, then the cache's tail).
    fn append(&self, lines: &str) {
        let before = stamp(&self.source);
        let after = crate::store::append::append_lines(&self.source, before, lines.as_bytes())
            .unwrap()
            .unwrap();
        extend(
            &self.source,
            "coder-a",
            &self.cache,
            before,
            after,
            lines.as_bytes(),
        );
    }

    fn tail(&self) -> std::path::PathBuf {
        tail::path(&self.cache, "coder-a")
    }

    fn doc(&self, doc: &str) -> LoadedFile {
        load_doc(&self.source, "coder-a", &self.cache, doc).unwrap()
    }
}

/// What a reader gets for one document, from a plain parse.
fn on_doc(plain: &LoadedFile, doc: &str) -> Vec<Coding> {
    let mut codings: Vec<Coding> = plain.file.codings.clone();
    codings.retain(|c| c.doc == doc);
    codings
}

#[test]
fn appended_codings_are_read_from_the_tail_without_parsing_the_file_again() {
    let f = Fixture::appendable();
    let entry_before = std::fs::read(f.entry()).unwrap();
    let entry_time = modified(&f.entry());
    f.append(&coding_text("t-1", "E01"));
    f.append(&(coding_text("t-2", "E02") + &coding_text("t-0", "E01")));
    assert!(f.tail().is_file());
    let plain = f.plain();
    assert!(plain.problems.is_empty());
    assert_eq!(plain.file.codings.len(), f.load().file.codings.len());
    // Sorted, as a reader of the whole file gets them, and the same for one document.
    same(&plain, &f.load());
    for doc in ["E01", "E02", "E404"] {
        assert_eq!(f.doc(doc).file.codings, on_doc(&plain, doc), "{doc}");
    }
    assert!(f.doc("E01").file.codings.iter().any(|c| c.id == "t-0"));
    // The entry was not written again: nothing parsed the whole file.
    assert_eq!(std::fs::read(f.entry()).unwrap(), entry_before);
    assert_eq!(modified(&f.entry()), entry_time);
}

#[test]
fn a_tail_is_not_trusted_once_the_file_is_rewritten_truncated_or_racily_stamped() {
    // Rewritten with the same size, its time in the same second as the append.
    let f = Fixture::appendable();
    f.append(&coding_text("t-1", "E01"));
    let text = std::fs::read_to_string(&f.source).unwrap();
    let changed = text.replacen("\"doc\":\"E01\"", "\"doc\":\"E77\"", 1);
    assert_eq!(changed.len(), text.len());
    let t = modified(&f.source);
    write_file(&f.source, &changed);
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
    let same_second = SystemTime::UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_nanos(7);
    set_mtime(
        &f.source,
        if same_second == t {
            t + Duration::from_nanos(1)
        } else {
            same_second
        },
    );
    let loaded = f.load();
    same(&f.plain(), &loaded);
    assert!(loaded.file.codings.iter().any(|c| c.doc == "E77"));
    assert_eq!(f.doc("E77").file.codings, on_doc(&f.plain(), "E77"));

    // A prefix changed, then an append: the writer's tail must not extend what it does
    // not describe.
    let f = Fixture::appendable();
    f.append(&coding_text("t-1", "E01"));
    let text = std::fs::read_to_string(&f.source).unwrap();
    write_file(
        &f.source,
        &text.replacen("\"doc\":\"E01\"", "\"doc\":\"E78\"", 1),
    );
    f.append(&coding_text("t-2", "E02"));
    same(&f.plain(), &f.load());
    assert!(f.load().file.codings.iter().any(|c| c.doc == "E78"));
    assert_eq!(f.doc("E01").file.codings, on_doc(&f.plain(), "E01"));

    // Truncated: back to the entry's bytes, then inside the appended line.
    let f = Fixture::appendable();
    let base = std::fs::read_to_string(&f.source).unwrap();
    f.append(&coding_text("t-1", "E01"));
    write_file(&f.source, &base);
    same(&f.plain(), &f.load());
    assert!(f.doc("E01").file.codings.iter().all(|c| c.id != "t-1"));
    f.append(&coding_text("t-2", "E01"));
    let full = std::fs::read_to_string(&f.source).unwrap();
    write_file(&f.source, &full[..full.len() - 10]);
    let loaded = f.load();
    same(&f.plain(), &loaded);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.file.codings.iter().all(|c| c.id != "t-2"));

    // Stamped in a tick the tail is not newer than (racy), then rewritten with the same
    // size and time: read again, never taken from the tail.
    let f = Fixture::appendable();
    let line = coding_text("t-1", "E01");
    let before = stamp(&f.source);
    crate::store::append::append_lines(&f.source, before, line.as_bytes())
        .unwrap()
        .unwrap();
    let tick = SystemTime::now() + Duration::from_secs(30);
    set_mtime(&f.source, tick);
    extend(
        &f.source,
        "coder-a",
        &f.cache,
        before,
        stamp(&f.source),
        line.as_bytes(),
    );
    let text = std::fs::read_to_string(&f.source).unwrap();
    write_file(
        &f.source,
        &text.replacen("\"id\":\"t-1\"", "\"id\":\"t-9\"", 1),
    );
    set_mtime(&f.source, tick);
    let loaded = f.load();
    same(&f.plain(), &loaded);
    assert!(loaded.file.codings.iter().any(|c| c.id == "t-9"));
    assert!(f.doc("E01").file.codings.iter().any(|c| c.id == "t-9"));
}

#[test]
fn a_damaged_or_foreign_tail_is_ignored() {
    let f = Fixture::appendable();
    f.append(&coding_text("t-1", "E01"));
    let good = std::fs::read(f.tail()).unwrap();
    let plain = f.plain();
    for bad in [
        {
            let mut b = good.clone();
            let at = b.len() - 3;
            b[at] ^= 0x21;
            b
        },
        good[..good.len() - 1].to_vec(),
        Vec::new(),
    ] {
        std::fs::write(f.tail(), &bad).unwrap();
        same(&plain, &f.load());
        assert_eq!(f.doc("E01").file.codings, on_doc(&plain, "E01"));
    }
    // With the tail deleted, the file is parsed again: the same codings.
    let g = Fixture::appendable();
    g.append(&coding_text("t-1", "E01"));
    std::fs::remove_file(g.tail()).unwrap();
    same(&g.plain(), &g.load());
    assert!(g.load().file.codings.iter().any(|c| c.id == "t-1"));
}

/// Skipping the anchors' texts leaves every other field as it is, and never reaches the
/// entry: a full read afterwards, even one that stamps the entry anew, has the texts.
#[test]
fn skipping_anchor_texts_leaves_the_rest_and_the_entry_whole() {
    let f = Fixture::new(&sample());
    let plain = f.plain();
    let skip = |f: &Fixture| load_with(&f.source, "coder-a", &f.cache, AnchorTexts::Skip).unwrap();
    let without_texts = |l: &LoadedFile| {
        let mut codings = l.file.codings.clone();
        for c in &mut codings {
            (c.anchor.quote, c.anchor.prefix, c.anchor.suffix) = Default::default();
        }
        codings
    };
    assert!(
        plain
            .file
            .codings
            .iter()
            .any(|c| !c.anchor.quote.is_empty())
    );
    // First read: no entry yet, the file is parsed (texts and all).
    same(&plain, &skip(&f));
    // Touched to an older time: same bytes, the entry is stamped anew from a whole read.
    let old = SystemTime::now() - Duration::from_secs(60);
    set_mtime(&f.source, old);
    same(&plain, &skip(&f));
    // The source older than the entry: fresh, the texts are skipped.
    let fresh = skip(&f);
    assert!(fresh.file.codings.iter().all(|c| c.anchor.quote.is_empty()));
    assert_eq!(fresh.file.codings, without_texts(&plain));
    assert_eq!(fresh.file.memos, plain.file.memos);
    assert_eq!(fresh.problems, plain.problems);
    same(&plain, &f.load());
    // Touched again: stamped anew from a whole read, then fresh again.
    set_mtime(&f.source, old + Duration::from_secs(1));
    same(&plain, &skip(&f));
    assert_eq!(skip(&f).file.codings, without_texts(&plain));
    same(&plain, &f.load());
}

/// Blocks are cut into runs that hold every block once, in order, none empty, at most as
/// many as asked for, so that a load decoded on several cores joins them as one would be.
#[test]
fn block_runs_cover_the_blocks_in_order() {
    let block = |i: u64, len: u64| BlockRef {
        doc: format!("D{i}"),
        offset: i * 1000,
        len,
        sum: 0,
    };
    for lens in [
        vec![],
        vec![5],
        vec![1, 1, 1, 1, 1],
        vec![100, 1, 1, 1, 300, 2, 2],
    ] {
        let blocks: Vec<BlockRef> = lens
            .iter()
            .enumerate()
            .map(|(i, &l)| block(i as u64, l))
            .collect();
        for n in [1, 2, 3, 8] {
            let runs = block_runs(&blocks, n);
            assert!(
                runs.len() <= n.max(1),
                "{lens:?} in {n}: {} runs",
                runs.len()
            );
            assert!(runs.iter().all(|r| !r.is_empty()), "{lens:?} in {n}");
            let joined: Vec<&str> = runs
                .iter()
                .flat_map(|r| r.iter().map(|b| b.doc.as_str()))
                .collect();
            let all: Vec<&str> = blocks.iter().map(|b| b.doc.as_str()).collect();
            assert_eq!(joined, all, "{lens:?} in {n}");
        }
    }
}
