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
///
/// A symlink is written through: its target is replaced and the link stays. An existing
/// file keeps its permissions; a new one gets the process umask (like any program's
/// files). A read-only file is refused, never replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), PathError> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// Like [`write_atomic`], with the contents written by `write` through a buffer, so a large
/// file made of many pieces (one per line) needs no copy in memory and few system calls.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), PathError> {
    // Unlocked explicitly: a child process started meanwhile may share the descriptor.
    write_atomic_locked(path, write).map(|file| {
        let _ = file.unlock();
    })
}

/// Like [`write_atomic_with`], returning the new file still open and locked (an exclusive
/// advisory lock taken on the temporary file before it replaced the old one), so a writer
/// that locks the file it writes keeps its lock across the replacement.
pub fn write_atomic_locked(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<File, PathError> {
    let target = resolve_symlinks(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = std::fs::metadata(&target).ok().filter(|m| m.is_file());
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(PathError::with(path, "cannot write")(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only, so glose leaves it as it is (make it writable, \
             `chmod u+w`, to let glose change it)",
        )));
    }
    std::fs::create_dir_all(&dir).map_err(PathError::with(&dir, "cannot create folder"))?;
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file: 0666 less the umask, as the OS applies it at creation.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(&dir)
        .map_err(PathError::with(&dir, "cannot create a temporary file"))?;
    // Locked while it is being written, so a cleaner can tell a live temporary file
    // (locked) from one left by a killed writer (not locked).
    let _ = tmp.as_file().try_lock();
    if let Some(meta) = &existing {
        // The existing file's mode exactly, whatever the umask.
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(PathError::with(path, "cannot keep the file's permissions"))?;
    }
    {
        let mut buffered = io::BufWriter::with_capacity(WRITE_BUFFER, tmp.as_file_mut());
        write(&mut buffered)
            .and_then(|()| buffered.flush())
            .map_err(PathError::with(path, "cannot write"))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(PathError::with(path, "cannot flush to disk"))?;
    let file = tmp
        .persist(&target)
        .map_err(|e| PathError::with(path, "cannot replace")(e.error))?;
    sync_dir(&dir);
    Ok(file)
}

/// The file a path finally names, following symlinks (also dangling ones: writing through
/// a dangling link creates its target). Gives up after 40 links, as the OS does.
pub fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return current;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            return current;
        };
        current = if target.is_absolute() {
            target
        } else {
            current
                .parent()
                .map_or_else(|| target.clone(), |p| p.join(&target))
        };
    }
    current
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

/// How old an unlocked temporary file must be before [`remove_abandoned_temps`] takes it
/// for abandoned (a live writer locks its temporary file within microseconds of creating
/// it, and holds the lock until the rename).
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether a file name is one of glose's temporary files (`.<name>.<random>.glose-tmp`).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

/// Removes the temporary file at `path` if no live writer holds it (unlocked, and older
/// than a writer needs to lock it); true when it was removed.
pub fn remove_if_abandoned(path: &Path) -> bool {
    let old = std::fs::symlink_metadata(path)
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= ABANDONED_AFTER);
    if !old {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    file.try_lock().is_ok() && std::fs::remove_file(path).is_ok()
}

/// Removes the temporary files in `dir` that no live writer holds (left by a writer that
/// was killed mid-write: the file they were meant to replace is intact), and returns
/// their paths. Safe to call without any lock: a temporary file being written is locked.
pub fn remove_abandoned_temps(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_temp_name(&name) {
            continue;
        }
        let path = entry.path();
        if remove_if_abandoned(&path) {
            removed.push(path);
        }
    }
    removed
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
        // Not synced: the lock is the flock, which no crash outlives; the holder's name is
        // for messages, read by other processes through the page cache.
        let _ = file.set_len(0);
        let _ = writeln!(file, "{holder}");
        Ok(Self {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Takes the lock at `path`, waiting up to `patience` for its holder to let it go.
    pub fn acquire_within(
        path: &Path,
        holder: &str,
        patience: std::time::Duration,
    ) -> Result<Self, LockError> {
        let started = std::time::Instant::now();
        loop {
            match Self::try_acquire(path, holder) {
                Err(LockError::Held { .. }) if started.elapsed() < patience => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other,
            }
        }
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

/// A file's size and modification time: what a cache keyed like git's index compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time since the epoch: (seconds, nanoseconds).
    pub mtime: (u64, u32),
}

impl Stamp {
    /// The stamp of a file's metadata (`None` when the system gives no time).
    pub fn of(meta: &std::fs::Metadata) -> Option<Self> {
        Some(Self {
            size: meta.len(),
            mtime: mtime(meta)?,
        })
    }

    /// Whether the file was modified strictly before `written` (a cache entry's own
    /// modification time). git's racy-timestamp rule: only then may an entry whose stamp
    /// matches be trusted without reading the file, as a change made in the same clock
    /// tick as the entry may keep both size and time.
    pub fn older_than(&self, written: (u64, u32)) -> bool {
        self.mtime < written
    }
}

/// Reads `buf.len()` bytes of `file` at `offset` without using its cursor, so that several
/// threads may read one file at once. Where the platform has no such read, an error
/// (callers then take their slower way: parse the file, rewrite instead of append).
pub fn read_exact_at(file: &File, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while let Some(rest) = buf.get_mut(done..).filter(|r| !r.is_empty()) {
            let at = offset.saturating_add(u64::try_from(done).unwrap_or(u64::MAX));
            match file.seek_read(rest, at)? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, offset, buf);
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// A file's modification time since the epoch: (seconds, nanoseconds).
pub fn mtime(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let t = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((t.as_secs(), t.subsec_nanos()))
}

/// Writes derived data (a cache entry) at `file`: a temp file in its folder renamed into
/// place, so readers never see half an entry, without fsync (a torn entry fails its
/// checksum and is rebuilt); the folder is created if needed, and errors are ignored (a
/// cache that cannot be written only costs time).
pub fn write_derived(file: &Path, contents: &[u8]) {
    let Some(dir) = file.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut temp) = tempfile::Builder::new()
        .prefix(".entry")
        .suffix(".glose-tmp")
        .tempfile_in(dir)
    else {
        return;
    };
    if temp.write_all(contents).is_ok() {
        let _ = temp.persist(file);
    }
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

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_mode_and_a_new_one_gets_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "one\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"two\n").unwrap();
        assert_eq!(mode(&path), 0o664);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"three\n").unwrap();
        assert_eq!(mode(&path), 0o600);
        // A new file gets what any program's new file gets: 0666 less the umask.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "x").unwrap();
        let fresh = dir.path().join("new.csv");
        write_atomic(&fresh, b"x").unwrap();
        assert_eq!(mode(&fresh), mode(&plain));
        assert_ne!(mode(&fresh) & 0o044, 0, "not 0600: {:o}", mode(&fresh));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        let target = shared.join("coder-a.jsonl");
        std::fs::write(&target, "old\n").unwrap();
        let link = dir.path().join("coder-a.jsonl");
        std::os::unix::fs::symlink("shared/coder-a.jsonl", &link).unwrap();
        write_atomic(&link, b"new\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "keep\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"lost\n").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert!(err.to_string().contains("a.jsonl"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep\n");
        assert_eq!(mode(&path), 0o444);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn abandoned_temps_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let abandoned = dir.path().join(".a.jsonl.x1.glose-tmp");
        std::fs::write(&abandoned, "half").unwrap();
        File::options()
            .write(true)
            .open(&abandoned)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let live = dir.path().join(".a.jsonl.x2.glose-tmp");
        std::fs::write(&live, "writing").unwrap();
        let held = File::options().write(true).open(&live).unwrap();
        held.set_modified(old).unwrap();
        held.lock().unwrap();
        let young = dir.path().join(".a.jsonl.x3.glose-tmp");
        std::fs::write(&young, "just created").unwrap();
        let removed = remove_abandoned_temps(dir.path());
        assert_eq!(removed, vec![abandoned.clone()]);
        assert!(!abandoned.exists());
        assert!(live.exists() && young.exists());
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
