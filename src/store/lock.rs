//! The lock a coder's writer holds: on the coder file itself, not only in `.glose/`.
//!
//! `.glose/` is derived data that a researcher may delete at any time, so a lock kept only
//! there stops being a lock once it is deleted. The writer therefore also holds an
//! exclusive advisory lock on the coder file it writes (its current inode): every atomic
//! write locks the new file before it replaces the old one, so the lock follows the file,
//! and before every write the writer checks that the file on disk is still the one it
//! holds (a `git pull` or another program may have replaced it) and locks the new one, or
//! refuses if someone else holds it. The `.glose/locks/<coder>.lock` file remains, to name
//! the holder in messages and to guard a coder file that does not exist yet.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::fsutil::{FileLock, LockError, PathError};

/// A coder's writer lock, held until dropped.
#[derive(Debug)]
pub(super) struct CoderLock {
    coder_file: PathBuf,
    holder: FileLock,
    /// The coder file as last locked (`None` while it does not exist).
    held: Option<File>,
}

impl CoderLock {
    /// Takes the lock of `coder_file`, naming the holder in `holder_file`.
    pub(super) fn acquire(
        coder_file: &Path,
        holder_file: &Path,
        holder: &str,
    ) -> Result<Self, LockError> {
        let holder_lock = FileLock::try_acquire(holder_file, holder)?;
        let mut lock = Self {
            coder_file: coder_file.to_path_buf(),
            holder: holder_lock,
            held: None,
        };
        lock.ensure()?;
        Ok(lock)
    }

    /// Makes sure the coder file on disk is the one locked (locking it if it was replaced
    /// since), or refuses when another process holds it.
    pub(super) fn ensure(&mut self) -> Result<(), LockError> {
        for _ in 0..8 {
            let on_disk = match std::fs::metadata(&self.coder_file) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    self.release();
                    return Ok(());
                }
                Err(e) => return Err(PathError::with(&self.coder_file, "cannot read")(e).into()),
            };
            if let Some(held) = &self.held
                && same_file(held, &on_disk)
            {
                return Ok(());
            }
            let file = match File::open(&self.coder_file) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(PathError::with(&self.coder_file, "cannot open")(e).into()),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Err(self.held_elsewhere()),
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(PathError::with(&self.coder_file, "cannot lock")(e).into());
                }
            }
            // Locked: keep it if it is still the file on disk (it may have been replaced
            // between the open and the lock), else try again with the new one.
            if std::fs::metadata(&self.coder_file).is_ok_and(|m| same_file(&file, &m)) {
                self.release();
                self.held = Some(file);
                return Ok(());
            }
            let _ = file.unlock();
        }
        Err(self.held_elsewhere())
    }

    /// Records the file that replaced the coder file (already locked by the atomic write).
    pub(super) fn replaced_by(&mut self, file: File) {
        self.release();
        self.held = Some(file);
    }

    /// Unlocks the file held, explicitly: closing it would not release the lock while a
    /// child process started meanwhile still shares the descriptor (until its exec).
    fn release(&mut self) {
        if let Some(old) = self.held.take() {
            let _ = old.unlock();
        }
    }

    fn held_elsewhere(&self) -> LockError {
        let holder = std::fs::read_to_string(self.holder.path())
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && *s != crate::fsutil::holder_description())
            .unwrap_or_else(|| "another process".to_string());
        LockError::Held {
            path: self.coder_file.clone(),
            holder,
        }
    }
}

impl Drop for CoderLock {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(unix)]
fn same_file(file: &File, on_disk: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    file.metadata()
        .is_ok_and(|m| m.dev() == on_disk.dev() && m.ino() == on_disk.ino())
}

#[cfg(not(unix))]
fn same_file(file: &File, on_disk: &std::fs::Metadata) -> bool {
    file.metadata()
        .is_ok_and(|m| m.len() == on_disk.len() && m.modified().ok() == on_disk.modified().ok())
}
