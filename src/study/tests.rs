//! Tests of opening a study: headers, the header record, listing the corpus.

use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Bytes read so far by this process (`rchar` of /proc/self/io), where available.
fn rchar() -> Option<u64> {
    std::fs::read_to_string("/proc/self/io")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("rchar:"))?
        .trim()
        .parse()
        .ok()
}

#[test]
fn reads_a_short_header_from_the_first_kibibyte() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Intervieweuse : Bonjour.\n".repeat(4000);
    let path = write(
        dir.path(),
        "E01.txt",
        &format!("---\nid: E01\nstage: launch\n---\n{body}"),
    );
    let before = rchar();
    let (header, problems, bytes) = read_header(&path).unwrap();
    let after = rchar();
    assert!(problems.is_empty());
    assert_eq!(header.get("stage"), Some("launch"));
    assert_eq!(header.lines, 4);
    assert_eq!(bytes, std::fs::metadata(&path).unwrap().len());
    if let (Some(b), Some(a)) = (before, after) {
        // Other threads may read too; the file is 100 KB, the header is in the first KiB.
        assert!(a - b < 16 * 1024, "read {} bytes", a - b);
    }
}

#[test]
fn reads_more_while_a_long_header_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let note = "é".repeat(3000);
    let text = format!("\u{feff}---\r\nid: E02\r\nnote: {note}\r\nstage: growth\r\n---\r\nbody\n");
    let path = write(dir.path(), "E02.txt", &text);
    let (header, problems, _) = read_header(&path).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(header.get("note").map(|n| n.chars().count()), Some(3000));
    assert_eq!(header.get("stage"), Some("growth"));
}

#[test]
fn no_header_and_unclosed_header() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = "x".repeat(5000);
    let path = write(
        dir.path(),
        "a.txt",
        &format!("{long_line}\n---\nid: no\n---\n"),
    );
    let (header, problems, _) = read_header(&path).unwrap();
    assert!(problems.is_empty());
    assert_eq!(header.lines, 0);
    let path = write(dir.path(), "b.txt", "----\nid: no\n---\n");
    assert_eq!(read_header(&path).unwrap().0.lines, 0);
    let fields: String = (0..2000).map(|i| format!("k{i}: v\n")).collect();
    let unclosed = format!("---\nid: E03\n{fields}");
    let path = write(dir.path(), "c.txt", &unclosed);
    let (header, problems, _) = read_header(&path).unwrap();
    assert_eq!(header.lines, 0);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("never closed"));
    let path = write(dir.path(), "d.txt", "--");
    assert_eq!(read_header(&path).unwrap().0.lines, 0);
}

/// A study with an empty corpus folder and an empty codebook.
fn empty_study() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("glose.toml"), "[study]\nname = \"t\"\n").unwrap();
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::create_dir_all(root.join("codebooks")).unwrap();
    std::fs::write(
        root.join("codebooks/codebook.json"),
        r#"{"schema_version": 1, "name": "t", "codes": []}"#,
    )
    .unwrap();
    dir
}

#[test]
fn finds_entries_and_duplicate_ids_among_many() {
    let dir = empty_study();
    let root = dir.path();
    for i in 0..300 {
        write(
            &root.join("corpus"),
            &format!("f{i:03}.txt"),
            &format!("---\nid: D{i}\n---\nx\n"),
        );
    }
    write(&root.join("corpus"), "z.txt", "---\nid: D7\n---\ny\n");
    let study = Study::open(root).unwrap();
    assert_eq!(study.entries.len(), 300);
    for i in 0..300 {
        let e = study.entry(&format!("D{i}")).unwrap();
        assert_eq!(e.path.file_name().unwrap(), format!("f{i:03}.txt").as_str());
    }
    let dups: Vec<_> = study.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(dups.len(), 1, "{dups:?}");
    assert!(
        dups[0].contains("\"D7\" is also used by corpus/f007.txt"),
        "{dups:?}"
    );
    match study.entry("d299") {
        Err(StudyError::UnknownDocument { suggestions, .. }) => {
            assert_eq!(suggestions.first().map(String::as_str), Some("D299"));
        }
        other => panic!("{other:?}"),
    }
}

fn small_study(n: usize) -> tempfile::TempDir {
    let dir = empty_study();
    let root = dir.path();
    for i in 0..n {
        write(
            &root.join("corpus"),
            &format!("E{i:02}.txt"),
            &format!("---\nid: E{i:02}\nstage: launch\nbad line\n---\nFondatrice : oui.\n"),
        );
    }
    dir
}

/// What opening found, comparable across opens.
fn seen(study: &Study) -> (Vec<String>, Vec<String>) {
    let entries = study
        .entries
        .iter()
        .map(|e| {
            format!(
                "{} {:?} {:?} {} {:?}",
                e.id, e.path, e.header, e.bytes, e.stamp
            )
        })
        .collect();
    let problems = study.problems.iter().map(|p| p.to_string()).collect();
    (entries, problems)
}

fn set_mtime(path: &Path, t: std::time::SystemTime) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

#[test]
fn the_header_record_gives_what_reading_gives() {
    let dir = small_study(5);
    let root = dir.path();
    let record = headers::record_file(&root.join(".glose"));
    let first = Study::open(root).unwrap();
    assert!(record.is_file());
    assert_eq!(first.problems.len(), 5, "{:?}", first.problems);
    let again = Study::open(root).unwrap();
    assert_eq!(seen(&again), seen(&first));
    // Deleted or damaged: ignored, and written again.
    for damage in ["", "glose-headers 1 0000\nx\n", "garbage"] {
        std::fs::write(&record, damage).unwrap();
        assert_eq!(seen(&Study::open(root).unwrap()), seen(&first));
        let text = std::fs::read_to_string(&record).unwrap();
        assert_eq!(text.lines().count(), 6, "{text}");
    }
    std::fs::remove_dir_all(root.join(".glose")).unwrap();
    assert_eq!(seen(&Study::open(root).unwrap()), seen(&first));
    assert!(record.is_file());
    // A transcript gone is gone from the record too.
    std::fs::remove_file(root.join("corpus/E03.txt")).unwrap();
    let fewer = Study::open(root).unwrap();
    assert_eq!(fewer.entries.len(), 4);
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(!text.contains("E03"), "{text}");
    // A study whose derived-data folder cannot be written opens all the same.
    std::fs::remove_dir_all(root.join(".glose")).unwrap();
    std::fs::write(root.join(".glose"), "not a folder").unwrap();
    assert_eq!(seen(&Study::open(root).unwrap()), seen(&fewer));
}

#[test]
fn a_header_changed_in_the_same_second_keeping_its_size_is_seen() {
    let dir = small_study(2);
    let root = dir.path();
    let path = root.join("corpus/E01.txt");
    let record = headers::record_file(&root.join(".glose"));
    // A file system that keeps whole seconds: the transcript and the record written in
    // the same second get the same time.
    let now = std::time::SystemTime::now();
    let secs = now.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let tick = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    set_mtime(&path, tick);
    Study::open(root).unwrap();
    set_mtime(&record, tick);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("stage: launch", "stage: growth");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, &edited).unwrap();
    set_mtime(&path, tick);
    let study = Study::open(root).unwrap();
    assert_eq!(
        study.entry("E01").unwrap().header.get("stage"),
        Some("growth")
    );
    // Once the record is two seconds younger than the file, the file is not read again: the same
    // bytes put back with another header are not seen (what the stamp promises).
    set_mtime(&record, tick + std::time::Duration::from_secs(2));
    std::fs::write(&path, &text).unwrap();
    set_mtime(&path, tick);
    let study = Study::open(root).unwrap();
    assert_eq!(
        study.entry("E01").unwrap().header.get("stage"),
        Some("growth")
    );
    // A new time: read again.
    set_mtime(&path, tick + std::time::Duration::from_secs(1));
    let study = Study::open(root).unwrap();
    assert_eq!(
        study.entry("E01").unwrap().header.get("stage"),
        Some("launch")
    );
}

#[test]
fn abandoned_temporary_files_in_the_corpus_are_removed_from_the_one_listing() {
    let dir = small_study(1);
    let corpus = dir.path().join("corpus");
    let old = write(&corpus, ".E00.txt.Ab12.glose-tmp", "half");
    set_mtime(
        &old,
        std::time::SystemTime::now() - std::time::Duration::from_secs(60),
    );
    let young = write(&corpus, ".E00.txt.Cd34.glose-tmp", "being written");
    let study = Study::open(dir.path()).unwrap();
    assert!(!old.exists() && young.exists());
    assert_eq!(study.entries.len(), 1);
    let warned: Vec<String> = study.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        warned
            .iter()
            .any(|w| w.contains(".E00.txt.Ab12.glose-tmp") && w.contains("interrupted")),
        "{warned:?}"
    );
}

#[test]
fn borrowed_attributes_are_the_attributes() {
    let study = Study::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(!study.entries.is_empty());
    for e in &study.entries {
        let owned = study.attributes(&e.id);
        let borrowed = study.attribute_refs(e);
        let as_owned: Vec<(&str, &str)> = owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(borrowed, as_owned, "{}", e.id);
        for key in ["stage", "language", "id", "title", "nope"] {
            assert_eq!(
                study.attribute(&e.id, key),
                owned.get(key).map(String::as_str)
            );
        }
    }
}
