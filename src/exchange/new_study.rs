//! The files of a new study, built in memory and written all at once.

use std::path::{Path, PathBuf};

use crate::cases::Cases;
use crate::codebook::Codebook;
use crate::config::StudyConfig;
use crate::refi;
use crate::store::CoderFile;

use super::{ExchangeError, Report};

/// A transcript of the new study.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// The document id (and file name).
    pub id: String,
    /// Header fields after `id`.
    pub header: Vec<(String, String)>,
    /// The normalised body.
    pub body: String,
}

impl NewDocument {
    /// The file's text: the header then the body.
    pub fn file_text(&self) -> String {
        let mut s = format!("---\nid: {}\n", self.id);
        for (k, v) in &self.header {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push_str("---\n");
        s.push_str(&self.body);
        s
    }
}

/// Everything a new study is made of, before it is written.
#[derive(Debug, Clone)]
pub struct NewStudy {
    /// `glose.toml`.
    pub config: StudyConfig,
    /// The codebook.
    pub codebook: Codebook,
    /// The transcripts.
    pub documents: Vec<NewDocument>,
    /// `cases.csv`.
    pub cases: Cases,
    /// One file per coder.
    pub coder_files: Vec<CoderFile>,
}

impl NewStudy {
    /// Counts for the import report.
    pub fn report(&self, file: &Path, warnings: &[refi::Warning]) -> Report {
        let mut r = Report {
            file: file.to_path_buf(),
            documents: self.documents.len(),
            codes: self.codebook.codes.len(),
            codings: self.coder_files.iter().map(|f| f.codings.len()).sum(),
            memos: self
                .coder_files
                .iter()
                .map(|f| f.memos.len() + f.codings.iter().filter(|c| c.memo.is_some()).count())
                .sum(),
            cases: self.cases.rows.len(),
            coders: self.coder_files.iter().map(|f| f.coder.clone()).collect(),
            warnings: Vec::new(),
            ..Report::default()
        };
        r.warn_all(warnings);
        r
    }
}

/// Writes a new study into `dir`, which must not exist or be empty. Everything is written
/// into a temporary folder beside it first, then renamed, so a failure leaves nothing.
pub fn write_study(dir: &Path, s: &NewStudy) -> Result<(), ExchangeError> {
    use crate::fsutil::PathError;
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    // A link to a folder: the study goes into the folder it points at (the link stays).
    let dir = match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(&dir).map_err(PathError::with(&dir, "cannot follow the link"))?
        }
        _ => dir,
    };
    let exists = dir.exists();
    if exists {
        let mut listing = std::fs::read_dir(&dir).map_err(PathError::with(&dir, "cannot list"))?;
        if listing.next().is_some() {
            return Err(ExchangeError::TargetNotEmpty { dir });
        }
    }
    let parent = dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).map_err(PathError::with(&parent, "cannot create folder"))?;
    let tmp = tempfile::Builder::new()
        .prefix(".glose-import-")
        .tempdir_in(&parent)
        .map_err(PathError::with(&parent, "cannot create a temporary folder"))?;
    let root = tmp.path();
    let write = |rel: &Path, text: &str| -> Result<(), PathError> {
        let path = root.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(PathError::with(p, "cannot create folder"))?;
        }
        std::fs::write(&path, text).map_err(PathError::with(&path, "cannot write"))
    };
    let toml = format!(
        "# A glose study imported from a REFI-QDA project.\n{}",
        s.config.to_toml()
    );
    write(Path::new(crate::config::STUDY_FILE), &toml)?;
    write(&s.config.codebook, &s.codebook.to_json())?;
    let corpus = s.config.corpus.clone();
    for d in &s.documents {
        write(&corpus.join(format!("{}.txt", d.id)), &d.file_text())?;
    }
    write(&corpus.join("cases.csv"), &s.cases.to_csv())?;
    std::fs::create_dir_all(root.join(&s.config.codings)).map_err(PathError::with(
        &root.join(&s.config.codings),
        "cannot create folder",
    ))?;
    for f in &s.coder_files {
        write(
            &s.config.codings.join(format!("{}.jsonl", f.coder)),
            &f.serialize(),
        )?;
    }
    if exists {
        std::fs::remove_dir(&dir)
            .map_err(PathError::with(&dir, "cannot replace the empty folder"))?;
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, &dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        PathError::with(&dir, "cannot move the new study into place")(e)
    })?;
    crate::fsutil::sync_dir(&parent);
    Ok(())
}
