//! The lock a coder's writer holds: beside the coder file and on it, not only in `.glose/`.
//!
//! `.glose/` is derived data that a researcher may delete at any time, so a lock kept only
//! there stops being a lock once it is deleted. The writer therefore holds two more
//! exclusive advisory locks:
//! - on a lock file beside the coder file, `codings/.<coder>.jsonl.glose-lock`: neither
//!   derived data nor tracked by git, so neither deleting `.glose/` nor a `git pull` that
//!   replaces the coder file takes it away. It exists only while a writer holds it (the
//!   holder removes it before unlocking; a taker checks that the file it locked is still
//!   the one at that path). It names the holder, for messages.
//! - on the coder file itself (its current inode): every atomic write locks the new file
//!   before it replaces the old one, so the lock follows the file, and before every write
//!   the writer checks that the file on disk is still the one it holds (a `git pull` or
//!   another program may have replaced it) and locks the new one, or refuses if someone
//!   else (an older glose, without the lock file beside) holds it.
//!
//! The `.glose/locks/<coder>.lock` file remains, as older versions of glose look there.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fsutil::{FileLock, LockError, PathError};

/// The suffix of the lock file beside a coder file.
const SIDE_LOCK_SUFFIX: &str = ".glose-lock";

/// The lock file beside `coder_file`: `codings/.coder-a.jsonl.glose-lock`.
fn side_lock_path(coder_file: &Path) -> PathBuf {
    let name = coder_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    coder_file.with_file_name(format!(".{name}{SIDE_LOCK_SUFFIX}"))
}

/// The lock file beside a coder file, held (and present) while a writer is open.
#[derive(Debug)]
struct SideLock {
    file: File,
    path: PathBuf,
}

impl SideLock {
    /// Takes the lock beside `coder_file`, recording `holder` in it.
    fn acquire(coder_file: &Path, holder: &str) -> Result<Self, LockError> {
        let path = side_lock_path(coder_file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(PathError::with(dir, "cannot create folder"))?;
        }
        for _ in 0..8 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(PathError::with(&path, "cannot open lock file"))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        path: coder_file.to_path_buf(),
                        holder: holder_named_in(&path),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(PathError::with(&path, "cannot lock")(e).into());
                }
            }
            // The last holder may have removed the file between our open and our lock:
            // a lock on a file no longer at that path guards nothing, so start again.
            if std::fs::metadata(&path).is_ok_and(|m| same_file(&file, &m)) {
                // Not synced: the lock is the flock, which no crash outlives; the holder's
                // name is for messages, read by other processes through the page cache.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{holder}");
                return Ok(Self { file, path });
            }
            let _ = file.unlock();
        }
        Err(LockError::Held {
            path: coder_file.to_path_buf(),
            holder: holder_named_in(&path),
        })
    }
}

impl Drop for SideLock {
    fn drop(&mut self) {
        // Removed while still locked, so that whoever opened it meanwhile sees, once it
        // gets the lock, that it is no longer the file at that path.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        #[cfg(not(unix))]
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// Who holds a lock, as its file says (`another process` when it says nothing useful).
fn holder_named_in(path: &Path) -> String {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && *s != crate::fsutil::holder_description())
        .unwrap_or_else(|| "another process".to_string())
}

/// A coder's writer lock, held until dropped.
#[derive(Debug)]
pub(super) struct CoderLock {
    coder_file: PathBuf,
    holder: FileLock,
    _side: SideLock,
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
        let side = SideLock::acquire(coder_file, holder)?;
        let mut lock = Self {
            coder_file: coder_file.to_path_buf(),
            holder: holder_lock,
            _side: side,
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
        LockError::Held {
            path: self.coder_file.clone(),
            holder: holder_named_in(self.holder.path()),
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
