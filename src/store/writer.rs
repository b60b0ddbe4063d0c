//! The writer of one coder's file: locked, atomic, refusing to overwrite what it cannot
//! read, and noticing when the file changed on disk (a `git pull` while the TUI is open).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::file::{CoderFile, ProblemKind};
use super::ops::{Op, OpError};
use crate::fsutil::{FileLock, LockError, PathError, holder_description, write_atomic};
use crate::study::Study;

/// Errors writing codings.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process is writing this coder's file.
    #[error(transparent)]
    Locked(#[from] LockError),
    /// The file has lines glose cannot read; it is left untouched.
    #[error(
        "{path}:{line}: {message}. glose will not write this file until it is fixed \
         (`glose check` lists every problem)"
    )]
    Unparseable {
        /// The coder file.
        path: PathBuf,
        /// 1-based line of the first problem.
        line: usize,
        /// The problem.
        message: String,
    },
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] PathError),
    /// The operation does not fit the file.
    #[error("{path}: {source}")]
    Op {
        /// The coder file.
        path: PathBuf,
        /// Why.
        source: OpError,
    },
}

type Fingerprint = (u64, Option<SystemTime>);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// A coder's file opened for writing. Holds the coder's lock until dropped.
#[derive(Debug)]
pub struct CoderStore {
    coder: String,
    path: PathBuf,
    _lock: FileLock,
    file: CoderFile,
    seen: Option<Fingerprint>,
    repaired: Option<String>,
}

impl CoderStore {
    /// Opens `coder`'s file of a study for writing.
    pub fn open(study: &Study, coder: &str) -> Result<Self, StoreError> {
        Self::open_at(
            &study.codings_dir(),
            &study.cache_dir().join("locks"),
            coder,
        )
    }

    /// Opens `<codings_dir>/<coder>.jsonl` for writing, with its lock in `lock_dir`.
    pub fn open_at(codings_dir: &Path, lock_dir: &Path, coder: &str) -> Result<Self, StoreError> {
        let path = super::coder_path(codings_dir, coder);
        let lock = FileLock::try_acquire(
            &lock_dir.join(format!("{coder}.lock")),
            &holder_description(),
        )?;
        let mut store = Self {
            coder: coder.to_string(),
            path,
            _lock: lock,
            file: CoderFile::default(),
            seen: None,
            repaired: None,
        };
        crate::fsutil::remove_stale_temps(&store.path);
        store.reload()?;
        Ok(store)
    }

    /// Re-reads the file from disk; repairs a torn last line, refuses anything else.
    fn reload(&mut self) -> Result<(), StoreError> {
        let loaded = CoderFile::load(&self.path, &self.coder)?;
        if let Some(p) = loaded
            .problems
            .iter()
            .find(|p| p.kind != ProblemKind::TornTail)
        {
            return Err(StoreError::Unparseable {
                path: self.path.clone(),
                line: p.line,
                message: p.message.clone(),
            });
        }
        self.file = loaded.file;
        if let Some(torn) = loaded.problems.first() {
            let stamp = jiff::Timestamp::now()
                .strftime("%Y%m%dT%H%M%SZ")
                .to_string();
            let mut name = self.path.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".damaged-{stamp}"));
            let copy = self.path.with_file_name(name);
            std::fs::copy(&self.path, &copy).map_err(PathError::with(
                &copy,
                "cannot keep a copy of the damaged file",
            ))?;
            write_atomic(&self.path, self.file.serialize().as_bytes())?;
            self.repaired = Some(format!(
                "{}:{}: the last line was incomplete (an interrupted write) and was removed; \
                 the damaged file is kept as {}",
                self.path.display(),
                torn.line,
                copy.display()
            ));
        }
        self.seen = fingerprint(&self.path);
        Ok(())
    }

    /// What a repair on opening did, if anything, to tell the user.
    pub fn repaired(&self) -> Option<&str> {
        self.repaired.as_deref()
    }

    /// The coder.
    pub fn coder(&self) -> &str {
        &self.coder
    }

    /// The coder file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The codings and memos as last read or written.
    pub fn file(&self) -> &CoderFile {
        &self.file
    }

    /// Applies an operation and saves it durably before returning: once this returns
    /// `Ok`, the change survives a crash or a power cut. If the file changed on disk since
    /// it was read, it is read again first, so nothing written by someone else is lost.
    pub fn apply(&mut self, op: &Op) -> Result<(), StoreError> {
        self.apply_all(std::slice::from_ref(op))
    }

    /// Applies several operations as one write: all of them or none.
    pub fn apply_all(&mut self, ops: &[Op]) -> Result<(), StoreError> {
        if fingerprint(&self.path) != self.seen {
            self.reload()?;
        }
        let mut next = self.file.clone();
        for op in ops {
            op.apply(&mut next).map_err(|source| StoreError::Op {
                path: self.path.clone(),
                source,
            })?;
        }
        next.sort();
        write_atomic(&self.path, next.serialize().as_bytes())?;
        self.file = next;
        self.seen = fingerprint(&self.path);
        Ok(())
    }
}
