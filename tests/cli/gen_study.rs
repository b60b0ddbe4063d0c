//! The study generator (`glose::testkit::generate`, run by `examples/gen_study`): valid, deterministic, realistic sizes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use glose::testkit::generate as generator;

use std::path::{Path, PathBuf};

use generator::{GenOptions, generate};
use glose::study::Study;

fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn small(seed: u64) -> GenOptions {
    GenOptions {
        interviews: 5,
        coders: 2,
        seed,
        ..GenOptions::default()
    }
}

/// Every file of a folder, relative path and bytes, sorted.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn generated_study_passes_check_with_realistic_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("study");
    let report = generate(&sample_root(), &out, &small(7)).unwrap();
    assert_eq!(report.interviews, 5);
    let study = Study::open(&out).unwrap();
    let check = glose::check::check(&study);
    let errors: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == glose::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(study.entries.len(), 5);
    for entry in &study.entries {
        let doc = study.load_document(&entry.id).unwrap();
        let words = doc.word_count();
        assert!(
            (5000..=12000).contains(&words),
            "{}: {words} words",
            entry.id
        );
        // Turns alternate between the interviewer and the founder.
        let roles: Vec<_> = doc.turns.iter().map(|t| t.role).collect();
        assert!(roles.len() > 20);
        assert!(roles.windows(2).all(|w| w[0] != w[1]), "{}", entry.id);
        assert!(study.stage_of(&entry.id).is_some());
    }
    // Two coders, about fifty codings per interview each, on codebook codes.
    let all = glose::store::load_all(&study);
    assert_eq!(all.coders, vec!["coder-a", "coder-b"]);
    assert!(all.problems.is_empty(), "{:?}", all.problems);
    for coder in &all.coders {
        let n = all.codings.iter().filter(|c| &c.coder == coder).count();
        assert!((200..=300).contains(&n), "{coder}: {n} codings");
    }
    assert!(all.codings.iter().any(|c| c.code.starts_with("stage.")));
    assert!(all.codings.iter().any(|c| c.code.starts_with("role.")));
}

#[test]
fn same_seed_same_bytes_other_seed_other_study() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let c = dir.path().join("c");
    generate(&sample_root(), &a, &small(3)).unwrap();
    generate(&sample_root(), &b, &small(3)).unwrap();
    generate(&sample_root(), &c, &small(4)).unwrap();
    let (sa, sb, sc) = (snapshot(&a), snapshot(&b), snapshot(&c));
    assert_eq!(sa.len(), sb.len());
    for (x, y) in sa.iter().zip(&sb) {
        assert!(x == y, "{} differs between two runs", x.0.display());
    }
    let differing = sa.iter().zip(&sc).filter(|(x, y)| x != y).count();
    assert!(
        differing >= 5,
        "only {differing} files differ for another seed"
    );
}

#[test]
fn full_agreement_gives_identical_coders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let opts = GenOptions {
        interviews: 2,
        coders: 3,
        agreement: 1.0,
        codings_per_interview: 20,
        ..GenOptions::default()
    };
    generate(&sample_root(), &out, &opts).unwrap();
    let study = Study::open(&out).unwrap();
    let all = glose::store::load_all(&study);
    let spans = |coder: &str| -> Vec<(String, usize, usize, String)> {
        all.codings
            .iter()
            .filter(|c| c.coder == coder)
            .map(|c| (c.doc.clone(), c.start, c.end, c.code.clone()))
            .collect()
    };
    assert_eq!(spans("coder-a").len(), 40);
    assert_eq!(spans("coder-a"), spans("coder-b"));
    assert_eq!(spans("coder-a"), spans("coder-c"));
}

#[test]
fn refuses_a_non_empty_folder_and_stage_proportions_follow_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
    let err = generate(&sample_root(), dir.path(), &small(1)).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert!(dir.path().join("keep.txt").is_file());

    let out = dir.path().join("s");
    let opts = GenOptions {
        interviews: 36,
        coders: 1,
        codings_per_interview: 5,
        words: (1000, 1500),
        ..GenOptions::default()
    };
    generate(&sample_root(), &out, &opts).unwrap();
    let study = Study::open(&out).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for e in &study.entries {
        *counts.entry(study.stage_of(&e.id).unwrap()).or_insert(0) += 1;
    }
    // The sample has 2, 4, 7 and 5 of 18 interviews in each stage.
    assert_eq!(counts["pre-launch"], 4);
    assert_eq!(counts["launch"], 8);
    assert_eq!(counts["growth"], 14);
    assert_eq!(counts["consolidation"], 10);
}
