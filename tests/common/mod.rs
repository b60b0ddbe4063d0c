//! Helpers shared by the integration tests: temporary copies of the sample study.

#![allow(dead_code, reason = "each test crate uses some of these")]

use std::path::{Path, PathBuf};

/// The repository root, which is the sample study.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder and everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    glose::testkit::copy_dir(from, to).unwrap();
}

/// A temporary copy of the whole sample study (glose.toml, corpus, codebooks), without
/// codings.
pub fn sample_study() -> tempfile::TempDir {
    glose::testkit::sample_study(None).unwrap()
}

/// A temporary copy of the sample study with only the given interviews, and no codings.
pub fn sample_copy(docs: &[&str]) -> tempfile::TempDir {
    glose::testkit::sample_study(Some(docs)).unwrap()
}
