//! The writer of one coder's file: locked, durable, refusing to overwrite what it cannot
//! read, and noticing when the file changed on disk (a `git pull` while the TUI is open).
//!
//! A change is saved by appending it to the coder file's journal (`journal.rs`) and
//! syncing that; the journal is folded into the coder file past a size, when the front
//! end is idle ([`CoderStore::compact`]), and when the store is closed (dropped). A fold
//! whose saves only added codings appends their lines to the coder file (`append.rs`);
//! any other fold rewrites the file atomically (temp, fsync, rename), sorted.
//!
//! A store opened for one document ([`CoderStore::open_for_doc`], `glose code add`)
//! reads only that document's codings, through the parsed-file cache; it reads the whole
//! file before doing anything that needs it (an operation on another document, a fold
//! that rewrites the file).

use std::path::{Path, PathBuf};

use super::Coding;
use super::file::{CoderFile, ProblemKind, coding_line, coding_order};
use super::journal::{self, Appender};
use super::lock::CoderLock;
use super::ops::{Op, OpError};
use crate::fsutil::{LockError, PathError, Stamp, holder_description, write_atomic_locked};
use crate::study::Study;
use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

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

/// The journal size past which a save also folds the journal into the coder file, so
/// that replaying it (by every reader) stays cheap.
const COMPACT_AT_BYTES: u64 = 4 << 20;

/// Batches of more operations than this are written into the coder file directly.
const DIRECT_WRITE_OPS: usize = 256;

/// `<file>.damaged-<UTC time>`, beside `path`.
fn damaged_copy_name(path: &Path) -> PathBuf {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".damaged-{stamp}"));
    path.with_file_name(name)
}

type Fingerprint = Stamp;

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    Stamp::of(&std::fs::metadata(path).ok()?)
}

/// A coder's file opened for writing. Holds the coder's lock until dropped.
#[derive(Debug)]
pub struct CoderStore {
    coder: String,
    path: PathBuf,
    lock: CoderLock,
    file: CoderFile,
    seen: Option<Fingerprint>,
    repaired: Option<String>,
    /// Coding id -> its line as last written, so a save re-serialises only the codings that
    /// changed (filled by the first save, cleared when the file is read again).
    lines: FastMap<String, Box<[u8]>>,
    /// The ids of the codings in `file`, so adding one checks for a duplicate id without
    /// scanning the file.
    ids: LazyIds,
    /// Whether `file.codings` is sorted (always, once written), so codings are found and
    /// placed by binary search.
    sorted: bool,
    /// How many times the file was read from disk.
    reads: u64,
    /// Where each change is saved first.
    journal: Appender,
    /// Whether the journal may hold changes the coder file does not (folded in by
    /// [`CoderStore::compact`]).
    pending: bool,
    /// The parsed-file cache (`.glose/cache/codings/`).
    cache: PathBuf,
    /// The document whose codings alone are loaded, when the store was opened for one.
    scope: Option<String>,
    /// The codings the journal's saves added since the last fold, when they did nothing
    /// else (`None` once a save did more): a fold appends them to the file.
    appended: Option<Vec<Coding>>,
    /// Set when the store is being closed: a journal written in is then removed, not
    /// emptied.
    closing: bool,
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

    /// Opens `coder`'s file for writing codings on `doc`: only that document's codings
    /// are read (through the parsed-file cache), so [`CoderStore::file`] holds those
    /// alone (and every memo). Operations on other documents read the whole file first.
    pub fn open_for_doc(study: &Study, coder: &str, doc: &str) -> Result<Self, StoreError> {
        Self::open_scoped(
            &study.codings_dir(),
            &study.cache_dir().join("locks"),
            coder,
            Some(doc),
        )
    }

    /// Opens `<codings_dir>/<coder>.jsonl` for writing, with its lock in `lock_dir` (the
    /// parsed-file cache beside it, in `cache/codings/`).
    pub fn open_at(codings_dir: &Path, lock_dir: &Path, coder: &str) -> Result<Self, StoreError> {
        Self::open_scoped(codings_dir, lock_dir, coder, None)
    }

    /// [`CoderStore::open_at`], for one document's codings when `doc` is given.
    pub fn open_scoped(
        codings_dir: &Path,
        lock_dir: &Path,
        coder: &str,
        doc: Option<&str>,
    ) -> Result<Self, StoreError> {
        let path = super::coder_path(codings_dir, coder);
        let path_for_journal = path.clone();
        let lock = CoderLock::acquire(
            &path,
            &lock_dir.join(format!("{coder}.lock")),
            &holder_description(),
        )?;
        let mut store = Self {
            coder: coder.to_string(),
            path,
            lock,
            file: CoderFile::default(),
            seen: None,
            repaired: None,
            lines: FastMap::default(),
            ids: LazyIds::default(),
            sorted: false,
            reads: 0,
            journal: Appender::new(&path_for_journal, 0, 0),
            pending: false,
            cache: lock_dir
                .parent()
                .unwrap_or(lock_dir)
                .join("cache")
                .join("codings"),
            scope: doc.map(str::to_string),
            appended: Some(Vec::new()),
            closing: false,
        };
        crate::fsutil::remove_stale_temps(&store.path);
        store.reload()?;
        // A journal left by a writer that did not close (a crash, a kill -9): folded into
        // the file now, so the next saves start from an empty journal.
        store.compact()?;
        Ok(store)
    }

    /// Re-reads the file from disk and replays its journal; repairs a torn last line of
    /// the file or of the journal, refuses anything else it cannot read in the file.
    fn reload(&mut self) -> Result<(), StoreError> {
        self.load_file()?;
        let found = journal::read(&self.path)?.unwrap_or_default();
        if self.scope.is_some() && (found.lines > 0 || !found.damaged.is_empty()) {
            // Saves not yet folded in (a crash, or this store's own): replayed over the
            // whole file, which the fold then rewrites.
            self.scope = None;
            self.load_file()?;
        }
        self.journal = Appender::new(&self.path, found.lines, found.valid_len);
        let mut notes = Vec::new();
        if !found.damaged.is_empty() {
            let copy = damaged_copy_name(self.journal.path());
            std::fs::copy(self.journal.path(), &copy).map_err(PathError::with(
                &copy,
                "cannot keep a copy of the damaged journal",
            ))?;
            notes.push(format!(
                "{}: line(s) {:?} could not be read and were left out; the journal is kept \
                 as {}",
                self.journal.path().display(),
                found.damaged,
                copy.display()
            ));
        } else if found.torn {
            self.journal.truncate_to(found.valid_len)?;
            notes.push(format!(
                "{}: the last save was interrupted before it was confirmed; its incomplete \
                 line was removed",
                self.journal.path().display()
            ));
        }
        // A damaged journal is folded into the file and emptied before anything else is
        // appended to it.
        self.pending = found.lines > 0 || !found.damaged.is_empty();
        self.appended = (!self.pending).then(Vec::new);
        if found.lines > 0 {
            let _ = journal::apply(&mut self.file, found.entries);
            self.ids.reset();
            self.sorted = true;
        }
        if !notes.is_empty() {
            notes.extend(self.repaired.take());
            self.repaired = Some(notes.join("; "));
        }
        Ok(())
    }

    /// Reads the coder file alone (through the parsed-file cache; one document's codings
    /// when the store is scoped to one); repairs a torn last line, refuses anything else.
    fn load_file(&mut self) -> Result<(), StoreError> {
        let seen = fingerprint(&self.path);
        let loaded = match &self.scope {
            Some(doc) => super::cache::load_doc(&self.path, &self.coder, &self.cache, doc)?,
            None => super::cache::load(&self.path, &self.coder, &self.cache)?,
        };
        if self.scope.is_some() && !loaded.problems.is_empty() {
            // Refusing or repairing the file needs all of it.
            self.scope = None;
            return self.load_file();
        }
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
        self.lines.clear();
        self.ids.reset();
        self.sorted = self
            .file
            .codings
            .is_sorted_by(|a, b| coding_order(a, b).is_le());
        if let Some(torn) = loaded.problems.first() {
            let copy = damaged_copy_name(&self.path);
            std::fs::copy(&self.path, &copy).map_err(PathError::with(
                &copy,
                "cannot keep a copy of the damaged file",
            ))?;
            let text = self.file.serialize();
            let written = write_atomic_locked(&self.path, |w| w.write_all(text.as_bytes()))?;
            self.lock.replaced_by(written);
            self.repaired = Some(format!(
                "{}:{}: the last line was incomplete (an interrupted write) and was removed; \
                 the damaged file is kept as {}",
                self.path.display(),
                torn.line,
                copy.display()
            ));
            self.seen = fingerprint(&self.path);
        } else {
            // Stated before reading: a change made meanwhile is seen by the next write.
            self.seen = seen;
        }
        self.reads += 1;
        Ok(())
    }

    /// Reads the whole file (with the journal replayed over it) when the store holds one
    /// document's codings only. The codings this store added are kept even if the
    /// journal no longer holds them (deleted behind its back).
    fn ensure_whole(&mut self) -> Result<(), StoreError> {
        if self.scope.take().is_none() {
            return Ok(());
        }
        let mine = self.appended.take().unwrap_or_default();
        self.reload()?;
        let ids = self.ids.of(&self.file.codings);
        let missing: Vec<Coding> = mine.into_iter().filter(|c| !ids.contains(&c.id)).collect();
        if !missing.is_empty() {
            self.pending = true;
            self.appended = None;
            for c in missing {
                self.ids.note(&c.id);
                self.insert_sorted(c);
            }
        }
        Ok(())
    }

    /// Whether the operations can be applied to the codings loaded: always, unless the
    /// store holds one document's codings and an operation is anything but an addition
    /// of a coding on it, or they are too many to be journalled, or the file cannot be
    /// written (so that the file is only ever rewritten from all of it).
    fn fits_scope(&self, ops: &[Op]) -> bool {
        let Some(doc) = &self.scope else {
            return true;
        };
        let writable = std::fs::metadata(&self.path).is_ok_and(|m| !m.permissions().readonly());
        writable
            && ops.len() <= DIRECT_WRITE_OPS
            && ops
                .iter()
                .all(|op| matches!(op, Op::Add(c) if &c.doc == doc))
    }

    /// How many times the file was read from disk: once on opening, then again whenever a
    /// write found it changed by someone else. A front end that mirrors the file needs to
    /// take the store's copy only when this moved.
    pub fn reads(&self) -> u64 {
        self.reads
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

    /// The codings and memos as last read or written (only one document's codings, and
    /// every memo, in a store opened with [`CoderStore::open_for_doc`] that has not
    /// needed the rest).
    pub fn file(&self) -> &CoderFile {
        &self.file
    }

    /// Applies an operation and saves it durably before returning: once this returns
    /// `Ok`, the change survives a crash or a power cut. If the file changed on disk since
    /// it was read, it is read again first, so nothing written by someone else is lost.
    pub fn apply(&mut self, op: &Op) -> Result<(), StoreError> {
        self.apply_all(std::slice::from_ref(op))
    }

    /// Gathers what the first change will need (the codings' ids) now rather than then:
    /// for a writer thread that has time before its first change.
    pub fn prepare_for_changes(&mut self) {
        self.ids.of(&self.file.codings);
    }

    /// Applies several operations as one write: all of them or none.
    ///
    /// The operations change the file in memory in place, finding and placing codings by
    /// binary search (the file is kept sorted); only the codings they touch are serialised
    /// again (the others' lines are cached). Should an operation not apply or the write
    /// fail, the codings touched and the memos are put back as they were.
    pub fn apply_all(&mut self, ops: &[Op]) -> Result<(), StoreError> {
        self.lock.ensure()?;
        if fingerprint(&self.path) != self.seen {
            self.reload()?;
        }
        if !self.fits_scope(ops) {
            self.ensure_whole()?;
        }
        let touched: Vec<&str> = ops.iter().flat_map(touched_ids).collect();
        let mut saved_codings: Vec<Coding> = Vec::new();
        for op in ops {
            let hint = match op {
                Op::Add(c) | Op::Remove(c) => c,
                Op::Update { before, .. } => before,
                Op::SetMemo { .. } => continue,
            };
            if let Some(i) = self.position(hint)
                && let Some(c) = self.file.codings.get(i)
                && !saved_codings.iter().any(|s| s.id == c.id)
            {
                saved_codings.push(c.clone());
            }
        }
        let saved_memos = self.file.memos.clone();
        let result = self.apply_and_write(ops, &touched);
        if result.is_err() {
            self.file
                .codings
                .retain(|c| !touched.contains(&c.id.as_str()));
            for id in &touched {
                self.lines.remove(*id);
            }
            self.file.codings.extend(saved_codings);
            self.ids.reset();
            self.file.memos = saved_memos;
            self.file.sort();
            self.sorted = true;
        }
        result?;
        if self.journal.len >= COMPACT_AT_BYTES {
            // The change is saved (in the journal); a failed fold is tried again later.
            let _ = self.compact();
        }
        Ok(())
    }

    /// Whether the journal holds changes not yet folded into the coder file.
    pub fn has_pending(&self) -> bool {
        self.pending
    }

    /// Folds the journal into the coder file, then empties the journal: appends the lines
    /// of the codings it added (one write, fdatasync) when that is all it holds, else
    /// rewrites the file atomically and durably (temp, fsync, rename). A crash between
    /// the two leaves a journal whose replay changes nothing; a crash inside the append
    /// leaves a torn last line that the journal still covers. If the file changed on
    /// disk since it was read, it is read again first (with the journal replayed over
    /// it).
    pub fn compact(&mut self) -> Result<(), StoreError> {
        if !self.pending {
            return Ok(());
        }
        self.lock.ensure()?;
        if fingerprint(&self.path) != self.seen {
            self.reload()?;
        }
        self.fold()
    }

    /// Writes the journal's saves into the coder file (appended when they only added
    /// codings), then empties the journal.
    fn fold(&mut self) -> Result<(), StoreError> {
        if !self.append_added()? {
            self.ensure_whole()?;
            self.write_file()?;
        }
        self.journal_written();
        Ok(())
    }

    /// Empties the journal, once the coder file holds everything in it (durably); when
    /// the store closes, removes it instead.
    fn journal_written(&mut self) {
        // Should emptying fail, the journal keeps lines whose replay changes nothing; so
        // does a removal that a crash undoes (it is not synced).
        let done = if self.closing {
            self.journal.remove()
        } else {
            self.journal.clear()
        };
        if done.is_ok() {
            self.pending = false;
            self.appended = Some(Vec::new());
        }
    }

    /// Appends the lines of the codings the journal added to the coder file, when that is
    /// all it holds and the file is as this store read it, ending with a complete line.
    /// Returns whether it did.
    fn append_added(&mut self) -> Result<bool, StoreError> {
        let (Some(added), Some(seen)) = (&self.appended, self.seen) else {
            return Ok(false);
        };
        if added.is_empty() {
            return Ok(false);
        }
        let mut sorted: Vec<&Coding> = added.iter().collect();
        sorted.sort_by(|a, b| coding_order(a, b));
        let lines: Vec<u8> = sorted.into_iter().flat_map(coding_line).collect();
        let Some(after) = super::append::append_lines(&self.path, seen, &lines)? else {
            return Ok(false);
        };
        self.seen = Some(after);
        super::cache::extend(&self.path, &self.coder, &self.cache, seen, after, &lines);
        Ok(true)
    }

    /// [`CoderStore::compact`] when the coder file is as this store last read it; does
    /// nothing otherwise, so that a front end mirroring the file learns of the change
    /// with its next save (whose `reads` moves). Returns whether it folded the journal.
    pub fn compact_if_unchanged(&mut self) -> Result<bool, StoreError> {
        if !self.pending || fingerprint(&self.path) != self.seen {
            return Ok(false);
        }
        self.compact()?;
        Ok(true)
    }

    /// What an operation replaces, as the store holds it now (for the journal).
    fn was(&mut self, op: &Op) -> journal::Was {
        let exists = match op {
            Op::Add(c) => self.ids.of(&self.file.codings).contains(&c.id),
            _ => false,
        };
        let find = |c: &Coding| {
            self.position(c)
                .and_then(|i| self.file.codings.get(i))
                .cloned()
        };
        match op {
            Op::Add(c) if exists => journal::Was {
                coding: self.file.coding(&c.id).cloned(),
                ..journal::Was::default()
            },
            Op::Add(_) => journal::Was::default(),
            Op::Remove(c) => journal::Was {
                coding: find(c),
                ..journal::Was::default()
            },
            Op::Update { before, after } => journal::Was {
                coding: find(before),
                other: (before.id != after.id)
                    .then(|| self.file.coding(&after.id).cloned())
                    .flatten(),
                memo: None,
            },
            Op::SetMemo { target, .. } => journal::Was {
                memo: self.file.memo(target).cloned(),
                ..journal::Was::default()
            },
        }
    }

    /// Where the coding with `c`'s id is: a binary search on `c`'s sort key when the file
    /// is sorted and `c` is as stored, else a linear search.
    fn position(&self, c: &Coding) -> Option<usize> {
        let codings = &self.file.codings;
        if self.sorted
            && let Ok(i) = codings.binary_search_by(|x| coding_order(x, c))
            && codings.get(i).is_some_and(|x| x.id == c.id)
        {
            return Some(i);
        }
        codings.iter().position(|x| x.id == c.id)
    }

    /// Puts `c` where it belongs in the sorted codings.
    fn insert_sorted(&mut self, c: Coding) {
        let at = self
            .file
            .codings
            .partition_point(|x| coding_order(x, &c).is_lt());
        self.file.codings.insert(at, c);
    }

    /// Applies one operation, keeping the codings sorted when they are.
    fn apply_one(&mut self, op: &Op) -> Result<(), OpError> {
        match op {
            Op::Add(c) if self.sorted => {
                if !self.ids.of(&self.file.codings).insert(c.id.clone()) {
                    return Err(OpError::Exists(c.id.clone()));
                }
                let mut c = c.clone();
                c.coder.clone_from(&self.file.coder);
                self.insert_sorted(c);
            }
            Op::Remove(c) if self.sorted => {
                let i = self
                    .position(c)
                    .ok_or_else(|| OpError::Missing(c.id.clone()))?;
                self.file.codings.remove(i);
                self.ids.forget(&c.id);
            }
            Op::Update { before, after } if self.sorted => {
                let i = self
                    .position(before)
                    .ok_or_else(|| OpError::Missing(before.id.clone()))?;
                let mut after = after.clone();
                after.coder.clone_from(&self.file.coder);
                self.ids.forget(&before.id);
                self.ids.note(&after.id);
                let codings = &mut self.file.codings;
                let stays = (i == 0
                    || codings
                        .get(i - 1)
                        .is_some_and(|p| coding_order(p, &after).is_le()))
                    && codings
                        .get(i + 1)
                        .is_none_or(|n| coding_order(&after, n).is_le());
                if stays {
                    if let Some(slot) = codings.get_mut(i) {
                        *slot = after;
                    }
                } else {
                    codings.remove(i);
                    self.insert_sorted(after);
                }
            }
            _ => {
                op.apply(&mut self.file)?;
                if !matches!(op, Op::SetMemo { .. }) {
                    self.sorted = false;
                    self.ids.reset();
                }
            }
        }
        Ok(())
    }

    fn apply_and_write(&mut self, ops: &[Op], touched: &[&str]) -> Result<(), StoreError> {
        let mut entries = Vec::with_capacity(ops.len());
        for op in ops {
            let was = self.was(op);
            self.apply_one(op).map_err(|source| StoreError::Op {
                path: self.path.clone(),
                source,
            })?;
            journal::entries(op, was, &mut entries);
        }
        for id in touched {
            self.lines.remove(*id);
        }
        if !self.sorted {
            self.file.sort();
            self.sorted = true;
        }
        // A new coder's first save creates the file (readers list coder files, not
        // journals); a large batch (a re-anchoring) is cheaper written in whole; a
        // read-only file is refused by the write, as before, not journalled.
        let writable = std::fs::metadata(&self.path).is_ok_and(|m| !m.permissions().readonly());
        if self.seen.is_some() && writable && ops.len() <= DIRECT_WRITE_OPS {
            let line = journal::line(&entries);
            if self.journal.append(&line)? {
                self.pending = true;
                self.note_saved(&entries);
                return Ok(());
            }
        }
        // Not journalled: the whole file is written, with these operations.
        if self.scope.is_some() && self.seen.is_some() {
            let mine = self.appended.get_or_insert_with(Vec::new);
            mine.extend(entries.into_iter().filter_map(|e| match e {
                journal::Entry::Coding { coding, .. } => Some(coding),
                _ => None,
            }));
            self.ensure_whole()?;
        }
        self.write_file()?;
        self.journal_written();
        Ok(())
    }

    /// Keeps the codings a journalled save added, while saves only add codings.
    fn note_saved(&mut self, entries: &[journal::Entry]) {
        let Some(added) = &mut self.appended else {
            return;
        };
        for e in entries {
            match e {
                journal::Entry::Coding { coding, was: None } => {
                    let mut c = coding.clone();
                    c.coder.clone_from(&self.coder);
                    added.push(c);
                }
                _ => {
                    self.appended = None;
                    return;
                }
            }
        }
    }

    /// Rewrites the coder file from memory, atomically and durably; only the codings
    /// changed since the last write are serialised again. Never from one document's
    /// codings over an existing file.
    fn write_file(&mut self) -> Result<(), StoreError> {
        if self.scope.is_some() && self.path.exists() {
            self.ensure_whole()?;
        }
        let lines = &mut self.lines;
        let written = write_atomic_locked(&self.path, |w| {
            self.file
                .write_sorted_lines(w, |c, w| match lines.get(c.id.as_str()) {
                    Some(line) => w.write_all(line),
                    None => {
                        let line = coding_line(c).into_boxed_slice();
                        w.write_all(&line)?;
                        lines.insert(c.id.clone(), line);
                        Ok(())
                    }
                })
        })?;
        self.lock.replaced_by(written);
        self.seen = fingerprint(&self.path);
        Ok(())
    }
}

/// The ids of a store's codings, gathered the first time they are needed: a store
/// handed to the TUI's writer thread does not gather them before the first frame.
#[derive(Debug, Default)]
struct LazyIds(Option<FastSet<String>>);

impl LazyIds {
    /// The codings changed wholesale (read again, a change undone): gathered anew when
    /// next needed.
    fn reset(&mut self) {
        self.0 = None;
    }

    /// The ids, gathered from `codings` (the store's) if they are not yet.
    fn of(&mut self, codings: &[Coding]) -> &mut FastSet<String> {
        self.0
            .get_or_insert_with(|| codings.iter().map(|c| c.id.clone()).collect())
    }

    /// A coding with `id` was added: noted if the ids are gathered (else they will be,
    /// from the codings that then hold it).
    fn note(&mut self, id: &str) {
        if let Some(ids) = &mut self.0 {
            ids.insert(id.to_string());
        }
    }

    /// The coding with `id` is gone: forgotten if the ids are gathered.
    fn forget(&mut self, id: &str) {
        if let Some(ids) = &mut self.0 {
            ids.remove(id);
        }
    }
}

impl Drop for CoderStore {
    /// Folds the journal into the coder file before the lock is released, so that the
    /// file git sees holds every change once glose closes. Should that fail, the journal
    /// keeps the changes for the next reader and writer.
    fn drop(&mut self) {
        self.closing = true;
        if self.compact().is_ok() {
            self.journal.remove_if_empty();
        }
    }
}

/// The ids of the codings an operation adds, removes or changes.
fn touched_ids(op: &Op) -> Vec<&str> {
    match op {
        Op::Add(c) | Op::Remove(c) => vec![c.id.as_str()],
        Op::Update { before, after } => vec![before.id.as_str(), after.id.as_str()],
        Op::SetMemo { .. } => Vec::new(),
    }
}
