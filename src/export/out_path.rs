//! Where an export may be written: never over the study's own files.
//!
//! Every command with `--out` asks [`refuse_study_file`] first, so that an export can
//! never replace a transcript, a coder file, the codebook, `cases.csv`,
//! `pseudonyms.csv` or `glose.toml`.

use std::path::{Path, PathBuf};

use crate::config::STUDY_FILE;
use crate::study::Study;

/// An output path that is one of the study's own files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refusing to write to {path}: it is {what}, and an export never replaces the study's own \
     files; choose an --out outside corpus/, codings/ and the codebook"
)]
pub struct StudyFileError {
    /// The output path as given.
    pub path: PathBuf,
    /// What the file is (`the codebook`, `a coder file`…).
    pub what: String,
}

/// The absolute path `path` designates, symbolic links resolved as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => absolute,
    }
}

/// Refuses `out` when it is (or, through a link, points at) one of the study's files:
/// `glose.toml`, the codebook, or anything in the corpus or codings folders.
pub fn refuse_study_file(study: &Study, out: &Path) -> Result<(), StudyFileError> {
    let target = resolve(out);
    let refuse = |what: &str| {
        Err(StudyFileError {
            path: out.to_path_buf(),
            what: what.to_string(),
        })
    };
    if target == resolve(&study.root.join(STUDY_FILE)) {
        return refuse("the study's settings (glose.toml)");
    }
    let codebook = resolve(&study.root.join(&study.config.codebook));
    if target == codebook {
        return refuse("the codebook");
    }
    if target.is_file()
        && codebook
            .parent()
            .is_some_and(|dir| target.parent() == Some(dir))
    {
        return refuse("a file of the codebook's folder");
    }
    let corpus = resolve(&study.corpus_dir());
    if target == corpus.join("cases.csv") {
        return refuse("the case table (cases.csv)");
    }
    if target == corpus.join("pseudonyms.csv") {
        return refuse("the pseudonym table (pseudonyms.csv)");
    }
    if target.starts_with(&corpus) {
        return refuse(if crate::study::is_transcript_file(&target) {
            "a transcript of the corpus"
        } else {
            "inside the corpus folder"
        });
    }
    if target.starts_with(resolve(&study.codings_dir())) {
        return refuse("inside the codings folder (coder files)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_studys_files_are_refused_and_other_paths_accepted() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let study = Study::open(root).unwrap();
        let refused = |p: &Path| refuse_study_file(&study, p).unwrap_err().what;
        assert!(refused(&root.join("glose.toml")).contains("glose.toml"));
        assert!(refused(&root.join("codebooks/codebook.json")).contains("codebook"));
        assert!(refused(&root.join("corpus/E01.txt")).contains("transcript"));
        assert!(refused(&root.join("corpus/cases.csv")).contains("cases.csv"));
        assert!(refused(&root.join("corpus/pseudonyms.csv")).contains("pseudonyms"));
        assert!(refused(&root.join("codings/coder-a.jsonl")).contains("coder"));
        assert!(refused(&root.join("codings/new.jsonl")).contains("coder"));
        assert!(refused(&root.join("corpus/../glose.toml")).contains("glose.toml"));
        assert!(refused(&root.join("codebooks/codebook.csv")).contains("codebook"));
        assert!(refuse_study_file(&study, &root.join("codebooks/new-export.qdc")).is_ok());
        let tmp = tempfile::tempdir().unwrap();
        assert!(refuse_study_file(&study, &tmp.path().join("segments.csv")).is_ok());
        assert!(refuse_study_file(&study, &root.join("exports/segments.csv")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_study_file_is_refused() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let study = Study::open(root).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let link = tmp.path().join("innocent.csv");
        std::os::unix::fs::symlink(root.join("corpus/cases.csv"), &link).unwrap();
        assert!(refuse_study_file(&study, &link).is_err());
    }
}
