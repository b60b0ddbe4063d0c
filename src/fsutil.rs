//! Durable file writes and advisory locks.
//!
//! Researchers' files are months of work: every write goes to a temporary file in the same
//! folder, is flushed to disk, renamed over the original, and the folder is synced, so that
//! a crash or power cut at any instant leaves either the old file or the new one, never a
//! mix.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An I/O error with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {action}: {source}")]
pub struct PathError {
    /// The file or folder.
    pub path: PathBuf,
    /// What glose was doing (`cannot write`, `cannot lock`…).
    pub action: &'static str,
    /// The underlying error.
    pub source: io::Error,
}

impl PathError {
    /// Builds a closure that wraps an `io::Error` with a path and an action.
    pub fn with(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| Self {
            path,
            action,
            source,
        }
    }
}

/// Writes `contents` to `path` atomically and durably (temp file, fsync, rename, fsync of
/// the folder).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), PathError> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// Like [`write_atomic`], with the contents written by `write` through a buffer, so a large
/// file made of many pieces (one per line) needs no copy in memory and few system calls.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), PathError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(PathError::with(&dir, "cannot create folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(PathError::with(&dir, "cannot create a temporary file"))?;
    {
        let mut buffered = io::BufWriter::with_capacity(WRITE_BUFFER, tmp.as_file_mut());
        write(&mut buffered)
            .and_then(|()| buffered.flush())
            .map_err(PathError::with(path, "cannot write"))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(PathError::with(path, "cannot flush to disk"))?;
    tmp.persist(path)
        .map_err(|e| PathError::with(path, "cannot replace")(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Bytes gathered before each write to the temporary file.
const WRITE_BUFFER: usize = 1 << 20;

/// Suffix of glose's temporary files (hidden, ignored by every reader).
pub const TEMP_SUFFIX: &str = ".glose-tmp";

/// The prefix of temporary files written for `path`: `.<file name>.`.
fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Removes temporary files left beside `path` by a writer that was killed mid-write. Call
/// it only while holding the lock that guards `path`.
pub fn remove_stale_temps(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let prefix = temp_prefix(path);
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Syncs a folder so that a rename in it survives a power cut (best effort: not every
/// platform can open a folder).
pub fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// An exclusive advisory lock on a file, held until dropped.
///
/// The lock file records the holder (process id, host, command) so that a refused writer
/// can say who holds it. The lock is released by the OS when the process dies, so a
/// crashed glose never leaves a study locked.
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock.
    #[error("{path} is being written by another glose ({holder}); close it and try again")]
    Held {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, as recorded in the lock file.
        holder: String,
    },
    /// The lock file could not be opened.
    #[error(transparent)]
    Io(#[from] PathError),
}

impl FileLock {
    /// Tries to take the lock at `path` without waiting.
    pub fn try_acquire(path: &Path, holder: &str) -> Result<Self, LockError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(PathError::with(dir, "cannot create folder"))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(PathError::with(path, "cannot open lock file"))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(path)
                    .ok()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "unknown process".to_string());
                return Err(LockError::Held {
                    path: path.to_path_buf(),
                    holder,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(PathError::with(path, "cannot lock")(e).into());
            }
        }
        let _ = file.set_len(0);
        let _ = writeln!(file, "{holder}");
        let _ = file.sync_all();
        Ok(Self {
            file,
            path: path.to_path_buf(),
        })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// A description of this process for lock files: `pid 123 on host, glose code add`.
pub fn holder_description() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "this machine".to_string());
    let args: Vec<String> = std::env::args().take(3).collect();
    format!("pid {} on {host}, `{}`", std::process::id(), args.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        write_atomic(&path, b"one\n").unwrap();
        write_atomic(&path, b"two\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn second_lock_is_refused_with_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = FileLock::try_acquire(&path, "pid 1 on test").unwrap();
        let err = FileLock::try_acquire(&path, "pid 2").unwrap_err();
        assert!(err.to_string().contains("pid 1 on test"), "{err}");
        drop(first);
        FileLock::try_acquire(&path, "pid 2").unwrap();
    }
}
