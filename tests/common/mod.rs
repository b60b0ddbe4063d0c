//! Helpers shared by the integration tests: temporary copies of the sample study.

#![allow(dead_code, reason = "each test crate uses some of these")]

use std::path::{Path, PathBuf};

/// The repository root, which is the sample study.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder and everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A temporary copy of the whole sample study (glose.toml, corpus, codebooks), without
/// codings.
pub fn sample_study() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    copy_dir(&repo().join("corpus"), &dir.path().join("corpus"));
    copy_dir(&repo().join("codebooks"), &dir.path().join("codebooks"));
    dir
}

/// A temporary copy of the sample study with only the given interviews, and no codings.
pub fn sample_copy(docs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    copy_dir(&repo().join("codebooks"), &dir.path().join("codebooks"));
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    for d in docs {
        let name = format!("corpus/{d}.txt");
        std::fs::copy(repo().join(&name), dir.path().join(&name)).unwrap();
    }
    dir
}
