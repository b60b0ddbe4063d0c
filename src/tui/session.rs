//! The study session below the screen: the coder files open for writing (this coder's,
//! and the consensus file while the review is open), each an [`OpenFile`]: the file as it
//! will be on disk (the mirror), the writer thread that saves it, what is on its way;
//! and this coder's undo history. No ratatui types here; the screen's layers read the
//! mirrors and ask the session to change them.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;

use glose::store::{CoderFile, CoderStore, Edit, History, Op, coder_path};
use glose::study::Study;

use super::msg::Msg;
use super::writer::{Saved, SavedMsg, Writer, rebase_mirror};

/// Why a change could not be sent to the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The file is open read-only (why).
    ReadOnly(String),
    /// An operation does not apply to the mirror.
    Op(String),
    /// The writer thread stopped.
    Stopped,
}

/// A coder file open for writing: one type for this coder's file and the consensus file.
#[derive(Debug)]
pub struct OpenFile {
    /// The codings and memos, as they will be on disk.
    pub file: CoderFile,
    /// Changes sent to the writer and not yet confirmed.
    pub pending: usize,
    /// Why the file cannot be written, when it cannot.
    pub read_only: Option<String>,
    /// Why the last save failed, until a save succeeds (the status line says so).
    pub save_failed: Option<String>,
    /// Keep the mirror sorted (the consensus file is compared with the disk in order).
    sorted: bool,
    /// The changes not yet confirmed, oldest first (re-applied over the file when the
    /// writer read it again from disk).
    unconfirmed: VecDeque<Vec<Op>>,
    /// The writer thread (None when read-only).
    writer: Option<Writer>,
}

impl std::ops::Deref for OpenFile {
    type Target = CoderFile;

    fn deref(&self) -> &CoderFile {
        &self.file
    }
}

impl OpenFile {
    /// A file over an open store, or read-only with `fallback` as its content and why the
    /// store could not be opened. `saved` wraps the writer's answers.
    pub fn new(
        store: Result<CoderStore, (CoderFile, String)>,
        tx: &Sender<Msg>,
        saved: SavedMsg<Msg>,
        sorted: bool,
    ) -> Self {
        let (file, writer, read_only) = match store {
            Ok(s) => {
                let file = s.file().clone();
                (file, Some(Writer::spawn(s, tx.clone(), saved)), None)
            }
            Err((file, why)) => (file, None, Some(why)),
        };
        Self {
            file,
            pending: 0,
            read_only,
            save_failed: None,
            sorted,
            unconfirmed: VecDeque::new(),
            writer,
        }
    }

    /// Opens a coder's file of the study (taking its lock); read-only, with the file as
    /// it is on disk, when the lock is held or the file cannot be opened.
    pub fn open(
        study: &Study,
        coder: &str,
        tx: &Sender<Msg>,
        saved: SavedMsg<Msg>,
        sorted: bool,
    ) -> Self {
        let store = CoderStore::open(study, coder).map_err(|e| {
            let path = coder_path(&study.codings_dir(), coder);
            let file = CoderFile::load(&path, coder)
                .map(|l| l.file)
                .unwrap_or_else(|_| empty(coder));
            (file, e.to_string())
        });
        Self::new(store, tx, saved, sorted)
    }

    /// Applies operations to the mirror and hands them to the writer as one change; the
    /// mirror is left as it was when any of them does not apply or the writer stopped.
    pub fn send(&mut self, ops: &[Op]) -> Result<(), SendError> {
        if let Some(why) = &self.read_only {
            return Err(SendError::ReadOnly(why.clone()));
        }
        for (i, op) in ops.iter().enumerate() {
            if let Err(e) = op.apply(&mut self.file) {
                self.roll_back(&ops[..i]);
                return Err(SendError::Op(e.to_string()));
            }
        }
        if !self.writer.as_ref().is_some_and(|w| w.send(ops.to_vec())) {
            self.roll_back(ops);
            return Err(SendError::Stopped);
        }
        if self.sorted {
            self.file.sort();
        }
        self.pending += 1;
        self.unconfirmed.push_back(ops.to_vec());
        Ok(())
    }

    fn roll_back(&mut self, applied: &[Op]) {
        for op in applied.iter().rev() {
            let _ = op.inverse().apply(&mut self.file);
        }
    }

    /// Why applying `ops` would overwrite a newer version of a coding or memo (changed on
    /// disk since), if it would.
    pub fn conflict(&self, ops: &[Op]) -> Option<String> {
        let mut next = self.file.clone();
        for op in ops {
            if let Some(e) = op.conflict(&next) {
                return Some(e.to_string());
            }
            let _ = op.apply(&mut next);
        }
        None
    }

    /// The writer confirmed (or failed) the oldest change. When it read the file again
    /// (the write failed, or someone else changed it: a git pull), the mirror becomes what
    /// the store has with the changes still on their way on top; returns whether it did.
    pub fn on_saved(&mut self, saved: Saved) -> bool {
        self.pending = self.pending.saturating_sub(1);
        self.unconfirmed.pop_front();
        self.save_failed = saved.error;
        match saved.file {
            Some(file) => {
                rebase_mirror(&mut self.file, *file, self.unconfirmed.iter().flatten());
                if self.sorted {
                    self.file.sort();
                }
                true
            }
            None => false,
        }
    }

    /// Waits until every change is saved (on quit, on closing the review).
    pub fn finish(&mut self) {
        if let Some(w) = self.writer.as_mut() {
            w.finish();
        }
    }
}

/// An empty file of a coder.
fn empty(coder: &str) -> CoderFile {
    CoderFile {
        coder: coder.to_string(),
        ..CoderFile::default()
    }
}

/// This coder's session: their file open for writing and the undo history.
#[derive(Debug)]
pub struct Session {
    /// This coder's file (it reads as the [`CoderFile`] mirror).
    pub mine: OpenFile,
    /// Undo and redo.
    pub history: History,
}

impl Session {
    /// Opens this coder's file (taking its lock; read-only if another glose holds it), and
    /// says what was repaired in it, if anything.
    pub fn open(study: &Study, coder: &str, tx: &Sender<Msg>) -> (Self, Option<String>) {
        let store = CoderStore::open(study, coder).map_err(|e| e.to_string());
        let repaired = store
            .as_ref()
            .ok()
            .and_then(|s| s.repaired().map(str::to_string));
        (Self::new(coder, store, tx), repaired)
    }

    /// A session over the coder's store, or read-only with why it could not be opened.
    pub fn new(coder: &str, store: Result<CoderStore, String>, tx: &Sender<Msg>) -> Self {
        let store = store.map_err(|why| (empty(coder), why));
        Self {
            mine: OpenFile::new(store, tx, Msg::Saved, false),
            history: History::default(),
        }
    }

    /// Applies an edit (one operation or several, as one write) to the mirror, hands it
    /// to the writer and records it for undo when `record` is set. Returns what was done,
    /// or why it was not.
    pub fn commit(&mut self, edit: impl Into<Edit>, record: bool) -> Result<String, String> {
        let edit = edit.into();
        self.mine.send(&edit.ops).map_err(|e| match e {
            SendError::ReadOnly(why) => format!("read-only: {why}"),
            SendError::Op(e) => e,
            SendError::Stopped => "the writer stopped: changes can no longer be saved".to_string(),
        })?;
        let what = edit.describe();
        if record {
            self.history.record(edit);
        }
        Ok(what)
    }

    /// The writer confirmed (or failed) the oldest change; see [`OpenFile::on_saved`].
    pub fn on_saved(&mut self, saved: Saved) -> bool {
        self.mine.on_saved(saved)
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        self.mine.finish();
    }
}

/// Reads the other coders' codings (for retrieval, search filters and review) after the
/// first frame: at two thousand interviews they are hundreds of megabytes.
pub fn spawn_other_codings(study: Study, coder: String, out: Sender<Msg>) {
    let label = super::strings::READING_OTHERS.to_string();
    let _ = std::thread::Builder::new()
        .name("glose-others".into())
        .spawn(move || {
            let files: Vec<_> = glose::store::coder_files(&study.codings_dir())
                .into_iter()
                .filter(|(name, _)| *name != coder && glose::store::valid_coder_name(name))
                .collect();
            let mut codings = Vec::new();
            for (i, (name, path)) in files.iter().enumerate() {
                let _ = out.send(Msg::Progress(label.clone(), i, files.len()));
                if let Ok(loaded) = CoderFile::load(path, name) {
                    codings.extend(loaded.file.codings);
                }
            }
            let _ = out.send(Msg::OtherCodings(codings));
            let _ = out.send(Msg::JobDone(label));
        });
}
