//! Writing a codebook change: under the study's codebook lock, onto the codebook as it is
//! on disk now (a change made on a stale copy is refused, naming the code), saved
//! atomically, and recorded in the history.

use std::path::{Path, PathBuf};

use super::history::append;
use super::storage::folder_path;
use super::{
    Change, ChangeError, ChangeKind, CodeMeta, Codebook, CodebookError, HistoryEntry, Layout, Step,
};
use crate::fsutil::{FileLock, LockError, holder_description};
use crate::study::Study;

/// Why a change was not written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Another glose is changing the codebook.
    #[error(
        "the codebook is being changed by another glose ({holder}); nothing was changed: try again when it is done"
    )]
    Locked {
        /// Who holds the lock.
        holder: String,
    },
    /// The lock file could not be used.
    #[error(transparent)]
    Lock(LockError),
    /// The codebook on disk cannot be read or written.
    #[error(transparent)]
    Codebook(#[from] CodebookError),
    /// The change does not fit the codebook on disk.
    #[error(transparent)]
    Change(#[from] ChangeError),
    /// The history could not be written (the change itself was saved).
    #[error("the change was saved but not recorded in the history: {0}")]
    History(crate::fsutil::PathError),
    /// Already in the folder format.
    #[error("{0} is already in the folder format (schema 2): nothing to migrate")]
    AlreadyMigrated(PathBuf),
}

/// The lock serialising codebook writers of a study.
pub fn lock_path(study: &Study) -> PathBuf {
    study.cache_dir().join("locks").join("codebook.lock")
}

fn lock(study: &Study) -> Result<FileLock, CommitError> {
    FileLock::try_acquire(&lock_path(study), &holder_description()).map_err(|e| match e {
        LockError::Held { holder, .. } => CommitError::Locked { holder },
        other => CommitError::Lock(other),
    })
}

fn codebook_file(study: &Study) -> PathBuf {
    study.root.join(&study.config.codebook)
}

/// Applies `change` to the study's codebook on disk, saves it and records it in `who`'s
/// history (with `reason`). Returns the codebook as saved.
pub fn commit(
    study: &Study,
    change: &Change,
    who: &str,
    reason: Option<&str>,
) -> Result<Codebook, CommitError> {
    let _lock = lock(study)?;
    let path = codebook_file(study);
    let mut cb = Codebook::load(&path)?;
    change.apply(&mut cb)?;
    cb.save(&path)?;
    record(&path, change, who, reason)?;
    Codebook::load(&path).map_err(CommitError::from)
}

fn record(
    path: &Path,
    change: &Change,
    who: &str,
    reason: Option<&str>,
) -> Result<(), CommitError> {
    let entry = HistoryEntry {
        at: crate::store::now(),
        who: who.to_string(),
        op: change.op.clone(),
        summary: change.summary.clone(),
        reason: reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(String::from),
        change: change.clone(),
    };
    append(path, &entry).map_err(CommitError::History)
}

/// What `glose check` says about a codebook still in the one-file format.
pub fn migration_advice(study: &Study) -> Option<String> {
    (study.codebook.layout == Layout::OneFile).then(|| {
        format!(
            "{} keeps every code in one file: two clones that each add a code will conflict \
             in git. `glose codebook migrate` moves it to one file per code (ids and codings \
             do not change)",
            study.rel(&study.codebook.path).display()
        )
    })
}

/// Moves a one-file codebook (schema 1) to the folder format (schema 2): the same codes
/// with the same ids, one file per code in `codes/` beside it, sibling order kept as
/// positions. No coding changes (ids are kept). Returns the codebook as saved.
pub fn migrate(study: &Study, who: &str) -> Result<Codebook, CommitError> {
    let _lock = lock(study)?;
    let path = codebook_file(study);
    let before = Codebook::load(&path)?;
    if matches!(before.layout, Layout::Folder(_)) {
        return Err(CommitError::AlreadyMigrated(study.rel(&path)));
    }
    let mut cb = before.clone();
    let mut steps = Vec::new();
    let ids: Vec<String> = cb.tree_order().iter().map(|c| c.id.clone()).collect();
    for id in &ids {
        let siblings: Vec<String> = match cb.get(id).and_then(|c| c.parent.clone()) {
            Some(p) => cb.children(&p).map(|c| c.id.clone()).collect(),
            None => cb.roots().map(|c| c.id.clone()).collect(),
        };
        let position = siblings.iter().position(|s| s == id).unwrap_or(0) + 1;
        let old = cb.meta(id);
        let meta = CodeMeta {
            position: u32::try_from(position).unwrap_or(u32::MAX),
            ..old
        };
        steps.push((id.clone(), meta));
    }
    let mut change_steps = Vec::new();
    for (id, meta) in steps {
        let before_rec = cb.record_of(&id);
        cb.set_meta_for(&id, meta);
        change_steps.push(Step {
            id: id.clone(),
            before: before_rec,
            after: cb.record_of(&id),
        });
    }
    cb.reindex();
    let dir = "codes".to_string();
    if folder_path(&path, &dir).exists() {
        return Err(CommitError::Codebook(CodebookError::Io(
            crate::fsutil::PathError::with(
                &folder_path(&path, &dir),
                "cannot migrate: the folder already exists",
            )(std::io::Error::from(std::io::ErrorKind::AlreadyExists)),
        )));
    }
    cb.layout = Layout::Folder(dir);
    cb.save(&path)?;
    let change = Change::new(
        ChangeKind::Migrated {
            codes: cb.codes.len(),
        },
        change_steps,
    );
    record(&path, &change, who, None)?;
    Codebook::load(&path).map_err(CommitError::from)
}

impl Codebook {
    pub(crate) fn set_meta_for(&mut self, id: &str, meta: CodeMeta) {
        if meta.is_empty() {
            self.meta.remove(id);
        } else {
            self.meta.insert(id.to_string(), meta);
        }
    }
}
