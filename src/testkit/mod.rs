//! Test support shared by the unit tests, the integration tests, the benches and the
//! examples: the study generator and copies of the sample study (the repository root).
//!
//! Nothing here is a use case; it exists so that every test and bench builds its studies
//! the same way instead of carrying its own copy of these helpers.

pub mod generate;

use std::io;
use std::path::{Path, PathBuf};

/// The repository root, which is the sample study.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder and everything below it.
pub fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// Copies the sample study's configuration and codebooks into `to`, and the interviews
/// `docs` (all of them when `None`), without codings.
pub fn copy_sample(to: &Path, docs: Option<&[&str]>) -> io::Result<()> {
    let root = sample_root();
    std::fs::copy(root.join("glose.toml"), to.join("glose.toml"))?;
    copy_dir(&root.join("codebooks"), &to.join("codebooks"))?;
    match docs {
        None => copy_dir(&root.join("corpus"), &to.join("corpus"))?,
        Some(docs) => {
            std::fs::create_dir_all(to.join("corpus"))?;
            for d in docs {
                let name = format!("corpus/{d}.txt");
                std::fs::copy(root.join(&name), to.join(&name))?;
            }
        }
    }
    Ok(())
}

/// A temporary copy of the sample study (see [`copy_sample`]).
pub fn sample_study(docs: Option<&[&str]>) -> io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    copy_sample(dir.path(), docs)?;
    Ok(dir)
}

/// A study of one transcript, `corpus/E01.txt` holding `text`, with the sample's
/// codebook: for tests of what glose derives from one document (its caches).
pub fn one_document_study(text: &str) -> io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("corpus"))?;
    std::fs::write(
        dir.path().join("glose.toml"),
        "[study]\nname = \"t\"\nlanguage = \"fr\"\ncorpus = \"corpus\"\n\
         codebook = \"codebook.json\"\ncodings = \"codings\"\n",
    )?;
    std::fs::copy(
        sample_root().join("codebooks/codebook.json"),
        dir.path().join("codebook.json"),
    )?;
    std::fs::write(dir.path().join("corpus/E01.txt"), text)?;
    Ok(dir)
}

/// Sets a file's modification time (the caches' racy-rule tests).
pub fn set_mtime(path: &Path, t: std::time::SystemTime) -> io::Result<()> {
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(t)
}

#[cfg(test)]
mod purity;
