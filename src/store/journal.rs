//! The write-ahead journal of a coder file: `codings/.<coder>.jsonl.glose-journal`.
//!
//! Saving one change appends one line to the journal and flushes it to disk, instead of
//! rewriting the whole coder file: a line is one acknowledged save (all its operations or
//! none), a JSON array of entries, each the full after-state of a coding or a memo, or the
//! removal of one. Replaying is idempotent (the last entry for an id wins), so a journal
//! replayed over a file it was already written into changes nothing. The writer folds the
//! journal into the coder file (an atomic rewrite) and empties it afterwards; every reader
//! of a coder file replays it, so nothing acknowledged is ever missed.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::file::{LoadedFile, coding_order};
use super::ops::Op;
use super::{CoderFile, Coding, Memo, MemoTarget};
use crate::fsutil::PathError;

/// The suffix of a journal beside its coder file.
const JOURNAL_SUFFIX: &str = ".glose-journal";

/// The journal of `coder_file`: `codings/.coder-a.jsonl.glose-journal`.
pub(crate) fn journal_path(coder_file: &Path) -> PathBuf {
    let name = coder_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    coder_file.with_file_name(format!(".{name}{JOURNAL_SUFFIX}"))
}

/// One entry of a journal line: a coding or memo as a save left it, with the state it
/// replaced (`was`, `None` when there was none), so that a replay over a file changed
/// since by someone else (a `git pull`) never overwrites their newer version.
// Entries live for one save or one replay: their size does not matter (as for `Op`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Entry {
    /// A coding as it now is (added or changed).
    Coding {
        /// The coding.
        coding: Coding,
        /// What it replaced.
        was: Option<Coding>,
    },
    /// A coding removed.
    DeleteCoding {
        /// Its id.
        id: String,
        /// The coding removed.
        was: Option<Coding>,
    },
    /// A memo as it now is.
    Memo {
        /// The memo.
        memo: Memo,
        /// What it replaced.
        was: Option<Memo>,
    },
    /// The memo on a target removed.
    DeleteMemo {
        /// What it was on.
        target: MemoTarget,
        /// The memo removed.
        was: Option<Memo>,
    },
}

/// The state before an operation, as the store holds it: the coding(s) with the ids it
/// touches, or the memo on its target.
#[derive(Debug, Default)]
pub(crate) struct Was {
    /// The coding with the operation's (first) id.
    pub coding: Option<Coding>,
    /// For an update changing the id: the coding with the new id.
    pub other: Option<Coding>,
    /// The memo on the target.
    pub memo: Option<Memo>,
}

/// The entries recording one operation, given the state it replaced and the file after.
pub(crate) fn entries(op: &Op, was: Was, out: &mut Vec<Entry>) {
    match op {
        Op::Add(c) => out.push(Entry::Coding {
            coding: c.clone(),
            was: was.coding,
        }),
        Op::Remove(c) => out.push(Entry::DeleteCoding {
            id: c.id.clone(),
            was: was.coding,
        }),
        Op::Update { before, after } => {
            if before.id != after.id {
                out.push(Entry::DeleteCoding {
                    id: before.id.clone(),
                    was: was.coding,
                });
                out.push(Entry::Coding {
                    coding: after.clone(),
                    was: was.other,
                });
            } else {
                out.push(Entry::Coding {
                    coding: after.clone(),
                    was: was.coding,
                });
            }
        }
        Op::SetMemo { target, after, .. } => out.push(match after {
            Some(m) => Entry::Memo {
                memo: m.clone(),
                was: was.memo,
            },
            None => Entry::DeleteMemo {
                target: target.clone(),
                was: was.memo,
            },
        }),
    }
}

/// The journal line of a batch, newline included.
pub(crate) fn line(entries: &[Entry]) -> Vec<u8> {
    // Serialising strings, numbers and timestamps cannot fail.
    let mut out = serde_json::to_vec(entries).unwrap_or_default();
    out.push(b'\n');
    out
}

/// A journal as read from disk.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    /// The entries of every complete, valid line, in order.
    pub entries: Vec<Entry>,
    /// How many valid lines (acknowledged saves).
    pub lines: usize,
    /// The length of the journal up to the end of its last complete line.
    pub valid_len: u64,
    /// Whether the last line was cut short (a save interrupted before it was acknowledged).
    pub torn: bool,
    /// The 1-based numbers of complete lines that could not be read (damage).
    pub damaged: Vec<usize>,
}

/// Reads the journal of `coder_file`; `None` when there is none.
pub(crate) fn read(coder_file: &Path) -> Result<Option<Journal>, PathError> {
    let path = journal_path(coder_file);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(PathError::with(&path, "cannot read")(e)),
    };
    Ok(Some(parse(&bytes)))
}

/// Parses a journal's bytes.
fn parse(bytes: &[u8]) -> Journal {
    let mut journal = Journal::default();
    let mut start = 0;
    let mut line_no = 0;
    while start < bytes.len() {
        line_no += 1;
        let Some(end) = bytes[start..].iter().position(|b| *b == b'\n') else {
            // No newline: the last save was interrupted before its flush returned.
            journal.torn = true;
            break;
        };
        let text = &bytes[start..start + end];
        start += end + 1;
        journal.valid_len = start as u64;
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Vec<Entry>>(text) {
            Ok(entries) => {
                journal.entries.extend(entries);
                journal.lines += 1;
            }
            Err(_) => journal.damaged.push(line_no),
        }
    }
    journal
}

/// Whether two codings are the same version (their coder aside).
fn same_coding(a: Option<&Coding>, b: Option<&Coding>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.id == b.id
                && a.doc == b.doc
                && a.code == b.code
                && a.range() == b.range()
                && a.memo == b.memo
                && a.created == b.created
                && a.modified == b.modified
                && a.anchor == b.anchor
                && a.selection_name == b.selection_name
                && a.suggested == b.suggested
        }
        _ => false,
    }
}

/// Applies journal entries, in order, to a file read from disk. An entry applies where
/// the file holds the state it replaced; where the file already holds its result (a
/// journal folded in before a crash) it changes nothing; elsewhere (a newer version came
/// from someone else) it is left out, as undo leaves out a step it cannot take. Codings
/// end sorted. Returns how many entries were left out.
pub(crate) fn apply(file: &mut CoderFile, entries: Vec<Entry>) -> usize {
    if entries.is_empty() {
        return 0;
    }
    // The current state of every id the journal touches, starting from the file.
    let mut codings: FxHashMap<String, Option<Coding>> = FxHashMap::default();
    let mut memos: BTreeMap<MemoTarget, Option<Memo>> = BTreeMap::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, c) in file.codings.iter().enumerate() {
        index.insert(c.id.as_str(), i);
    }
    let mut skipped = 0;
    for e in entries {
        let (id, after, was) = match e {
            Entry::Coding { coding, was } => (coding.id.clone(), Some(coding), was),
            Entry::DeleteCoding { id, was } => (id, None, was),
            Entry::Memo { memo, was } => {
                let current = memos
                    .entry(memo.target.clone())
                    .or_insert_with(|| file.memo(&memo.target).cloned());
                let same = |a: Option<&Memo>, b: Option<&Memo>| match (a, b) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.text == b.text && a.modified == b.modified,
                    _ => false,
                };
                if same(current.as_ref(), was.as_ref()) {
                    *current = Some(memo);
                } else if !same(current.as_ref(), Some(&memo)) {
                    skipped += 1;
                }
                continue;
            }
            Entry::DeleteMemo { target, was } => {
                let current = memos
                    .entry(target.clone())
                    .or_insert_with(|| file.memo(&target).cloned());
                let unchanged = match (current.as_ref(), was.as_ref()) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.text == b.text && a.modified == b.modified,
                    _ => false,
                };
                if unchanged {
                    *current = None;
                } else if current.is_some() {
                    skipped += 1;
                }
                continue;
            }
        };
        let current = codings.entry(id.clone()).or_insert_with(|| {
            index
                .get(id.as_str())
                .and_then(|i| file.codings.get(*i))
                .cloned()
        });
        if same_coding(current.as_ref(), was.as_ref()) {
            *current = after;
        } else if !same_coding(current.as_ref(), after.as_ref()) {
            skipped += 1;
        }
    }
    drop(index);
    file.codings.retain(|c| !codings.contains_key(&c.id));
    let coder = file.coder.clone();
    let mut added: Vec<Coding> = codings
        .into_values()
        .flatten()
        .map(|mut c| {
            c.coder.clone_from(&coder);
            c
        })
        .collect();
    added.sort_by(coding_order);
    file.codings.extend(added);
    file.memos.retain(|m| !memos.contains_key(&m.target));
    file.memos.extend(memos.into_values().flatten());
    file.sort();
    skipped
}

/// The identity of a file on disk, to tell whether it was replaced meanwhile.
fn identity(path: &Path) -> Option<(u64, u64, u64, Option<std::time::SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Some((dev, ino, meta.len(), meta.modified().ok()))
}

/// Reads a coder file with `load` and replays its journal over it, as a reader (no lock)
/// does: should the writer fold the journal in meanwhile (the file is replaced), it reads
/// both again, so it never replays a journal over a file it does not belong to.
pub(crate) fn load_replayed(
    path: &Path,
    coder: &str,
    load: impl Fn(&Path, &str) -> Result<LoadedFile, PathError>,
) -> Result<LoadedFile, PathError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let before = identity(path);
        let mut loaded = load(path, coder)?;
        let Some(journal) = read(path)? else {
            return Ok(loaded);
        };
        if identity(path) != before && attempts < 8 {
            continue;
        }
        let _ = apply(&mut loaded.file, journal.entries);
        return Ok(loaded);
    }
}

/// Whether the journal of `coder_file` holds saves not yet written into it.
pub(crate) fn holds_saves(coder_file: &Path) -> bool {
    read(coder_file).is_ok_and(|j| j.is_some_and(|j| j.lines > 0))
}

/// What `glose check` says of a coder file's journal, if anything.
pub(crate) fn status(coder_file: &Path) -> Vec<String> {
    let name = journal_path(coder_file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let journal = match read(coder_file) {
        Ok(Some(j)) => j,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![e.to_string()],
    };
    let mut out = Vec::new();
    if journal.lines > 0 {
        out.push(format!(
            "{} saved change(s) are in the journal {name}, not yet written into this file: \
             glose counts them, but git does not see them until glose writes them in (when \
             the session or command that made them ends; quit the TUI before `git commit`)",
            journal.lines
        ));
    }
    if journal.torn {
        out.push(format!(
            "the last line of the journal {name} is incomplete (a save interrupted before it \
             was confirmed): it is ignored, and the next write by this coder removes it"
        ));
    }
    for line in &journal.damaged {
        out.push(format!(
            "line {line} of the journal {name} cannot be read: it is skipped; the next write \
             by this coder keeps a copy of the journal and writes in the rest"
        ));
    }
    out
}

/// The journal a writer appends to (it holds the coder's lock).
#[derive(Debug)]
pub(crate) struct Appender {
    path: PathBuf,
    file: Option<File>,
    /// Bytes in the journal.
    pub len: u64,
    /// Saves in the journal not yet written into the coder file.
    pub lines: usize,
}

impl Appender {
    /// The appender of `coder_file`'s journal, as `journal` found it (`len` valid bytes).
    pub fn new(coder_file: &Path, lines: usize, len: u64) -> Self {
        Self {
            path: journal_path(coder_file),
            file: None,
            len,
            lines,
        }
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Cuts the journal to `len` bytes (dropping a torn last line), durably.
    pub fn truncate_to(&mut self, len: u64) -> Result<(), PathError> {
        let file = self.open()?;
        file.set_len(len)
            .and_then(|()| file.sync_all())
            .map_err(PathError::with(&self.path, "cannot repair"))?;
        self.len = len;
        Ok(())
    }

    /// Opens the journal for appending (creating it, durably, if need be). Returns `None`
    /// when the journal this appender was writing to is no longer at its path (deleted):
    /// what it held must then be written into the coder file.
    fn current(&mut self) -> Result<Option<&mut File>, PathError> {
        if let Some(f) = &self.file {
            let same = match (f.metadata(), std::fs::metadata(&self.path)) {
                (Ok(a), Ok(b)) => same_inode(&a, &b),
                _ => false,
            };
            if !same {
                self.file = None;
                if self.len > 0 {
                    return Ok(None);
                }
            }
        }
        self.open().map(Some)
    }

    fn open(&mut self) -> Result<&mut File, PathError> {
        if self.file.is_none() {
            let existed = self.path.exists();
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(PathError::with(&self.path, "cannot open"))?;
            if !existed && let Some(dir) = self.path.parent() {
                crate::fsutil::sync_dir(dir);
            }
            self.file = Some(file);
        }
        self.file
            .as_mut()
            .ok_or_else(|| PathError::with(&self.path, "cannot open")(std::io::Error::other("")))
    }

    /// Appends one save and flushes it to disk. `Ok(false)` when the journal was deleted
    /// behind the writer's back (nothing appended: write the coder file instead). A failed
    /// append is cut off again, so the journal never keeps half a line before the next.
    pub fn append(&mut self, line: &[u8]) -> Result<bool, PathError> {
        let len = self.len;
        let path = self.path.clone();
        let Some(file) = self.current()? else {
            return Ok(false);
        };
        let result = file.write_all(line).and_then(|()| file.sync_data());
        if let Err(e) = result {
            if file.set_len(len).and_then(|()| file.sync_data()).is_err() {
                // The journal may keep half a line: start a new one after the next write
                // of the coder file.
                self.file = None;
            }
            return Err(PathError::with(&path, "cannot save")(e));
        }
        self.len += line.len() as u64;
        self.lines += 1;
        Ok(true)
    }

    /// Empties the journal once the coder file holds everything in it.
    pub fn clear(&mut self) -> Result<(), PathError> {
        if self.file.is_none() && !self.path.exists() {
            self.len = 0;
            self.lines = 0;
            return Ok(());
        }
        // A journal that may hold half a line (a failed cut) is replaced, not emptied.
        let file = self.open()?;
        file.set_len(0)
            .and_then(|()| file.sync_data())
            .map_err(PathError::with(&self.path, "cannot empty"))?;
        self.len = 0;
        self.lines = 0;
        Ok(())
    }

    /// Removes the journal once the coder file holds everything in it (the writer
    /// closing), without emptying it first: not synced, since a journal a crash brings
    /// back replays as nothing. Empties it instead if it cannot be removed.
    pub fn remove(&mut self) -> Result<(), PathError> {
        self.file = None;
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return self.clear(),
        }
        self.len = 0;
        self.lines = 0;
        Ok(())
    }

    /// Removes the (empty) journal, when the writer closes.
    pub fn remove_if_empty(&mut self) {
        if self.len == 0 && self.lines == 0 {
            self.file = None;
            if std::fs::metadata(&self.path).is_ok_and(|m| m.len() == 0) {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_ignored_and_earlier_lines_kept() {
        let bytes = b"[{\"type\":\"delete_coding\",\"id\":\"a\",\"was\":null}]\n[{\"type\":\"delete_coding\",\"id\":\"b\",\"was\":null}]\n[{\"type\":\"dele";
        let j = parse(bytes);
        assert_eq!(j.lines, 2);
        assert!(j.torn);
        assert!(j.damaged.is_empty());
        assert_eq!(j.entries.len(), 2);
        let first_two = bytes.iter().filter(|b| **b == b'\n').count();
        assert_eq!(first_two, 2);
        assert_eq!(
            j.valid_len as usize,
            bytes.len() - "[{\"type\":\"dele".len()
        );
    }

    #[test]
    fn a_damaged_middle_line_is_skipped_and_named() {
        let j = parse(b"[{\"type\":\"delete_coding\",\"id\":\"a\",\"was\":null}]\nnot json\n[]\n");
        assert_eq!(j.damaged, vec![2]);
        assert_eq!(j.lines, 2);
        assert!(!j.torn);
    }
}
