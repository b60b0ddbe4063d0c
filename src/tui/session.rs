//! The study session below the screen: the coder files open for writing (this coder's,
//! and the consensus file while the review is open), each an [`OpenFile`]: the file as it
//! will be on disk (the mirror), the writer thread that saves it, what is on its way;
//! and this coder's undo history. No ratatui types here; the screen's layers read the
//! mirrors and ask the session to change them.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::mpsc::Sender;

use glose::agreement::consensus::ADJUDICATED_CODER as CONSENSUS_CODER;
use glose::store::{CoderFile, CoderStore, Coding, Edit, History, Memo, Op, coder_path};
use glose::study::Study;

use super::msg::Msg;
use super::strings;
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
                let file = s.file().clone_on_all_cores();
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

/// This coder's session: their file open for writing, the consensus file while the
/// review has it open, and one undo history of the edits made to either.
#[derive(Debug)]
pub struct Session {
    /// The study: its configuration, documents and codebook.
    pub study: Study,
    /// This coder.
    pub coder: String,
    /// The other coders' codings (read on opening, or after the first frame), for the
    /// team view, retrieval and search filters.
    pub others: Vec<Coding>,
    /// The other coders' memos on documents and codes, with their coder (read with their
    /// codings; shown read-only in the memo browser).
    pub others_memos: Vec<(String, Memo)>,
    /// The documents the other coders' memos are on (their own or their codings').
    pub others_memo_docs: HashSet<String>,
    /// Background jobs running: label → (done, total).
    pub jobs: BTreeMap<String, (usize, usize)>,
    /// This coder's file (it reads as the [`CoderFile`] mirror).
    pub mine: OpenFile,
    /// The consensus file, while the review has it open (sorted, as the disk is).
    pub consensus: Option<OpenFile>,
    /// Undo and redo of every edit, each on the file it acts on ([`Edit::file`]).
    pub history: History,
    /// The consensus file was opened by an undo or redo while the review was closed: it
    /// is closed again (its lock released) once its writes are confirmed.
    consensus_for_step: bool,
    /// Where the writers report back.
    tx: Sender<Msg>,
}

/// What an undo or a redo did.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the user had done (`added practice`, `settled role in E01 as …`).
    pub what: String,
    /// The edit applied (for an undo, the inverse of the one recorded): where it acts
    /// (`Edit::place`) and on which file (`Edit::file`).
    pub edit: Edit,
}

impl Session {
    /// Opens this coder's file (taking its lock), and says what was repaired in it, if
    /// anything. When another glose holds the lock, the file is read as it is on disk,
    /// without the lock, and the session is read-only: the coder sees their codings.
    pub fn open(study: Study, coder: String, tx: &Sender<Msg>) -> (Self, Option<String>) {
        match CoderStore::open(&study, &coder) {
            Ok(store) => {
                let repaired = store.repaired().map(str::to_string);
                (Self::new(study, coder, Ok(store), tx), repaired)
            }
            Err(e) => {
                let path = coder_path(&study.codings_dir(), &coder);
                let file = CoderFile::load(&path, &coder)
                    .map(|l| l.file)
                    .unwrap_or_else(|_| empty(&coder));
                let mine = OpenFile::new(Err((file, e.to_string())), tx, Msg::Saved, false);
                (Self::with_file(study, coder, mine, tx), None)
            }
        }
    }

    /// A session over the coder's store, or read-only with why it could not be opened.
    pub fn new(
        study: Study,
        coder: String,
        store: Result<CoderStore, String>,
        tx: &Sender<Msg>,
    ) -> Self {
        let store = store.map_err(|why| (empty(&coder), why));
        let mine = OpenFile::new(store, tx, Msg::Saved, false);
        Self::with_file(study, coder, mine, tx)
    }

    fn with_file(study: Study, coder: String, mine: OpenFile, tx: &Sender<Msg>) -> Self {
        Self {
            study,
            coder,
            others: Vec::new(),
            others_memos: Vec::new(),
            others_memo_docs: HashSet::new(),
            jobs: BTreeMap::new(),
            mine,
            consensus: None,
            history: History::default(),
            consensus_for_step: false,
            tx: tx.clone(),
        }
    }

    /// Reads the other coders' codings now (a small study; a large one reads them after
    /// the first frame with [`spawn_other_codings`]).
    pub fn read_other_codings(&mut self) {
        let others = glose::store::other_coders(&self.study, &self.coder, |_, _| {});
        self.set_others(others);
    }

    /// Takes in the other coders' codings and memos, and which documents their memos are
    /// on (computed once here: they do not change while this coder works).
    pub fn set_others(&mut self, others: glose::store::Others) {
        let memos = others.memos.iter().map(|(_, m)| m);
        self.others_memo_docs = glose::memos::documents_with_memos(&others.codings, memos);
        self.others = others.codings;
        self.others_memos = others.memos;
    }

    /// Opens the consensus file for the review (taking its lock), unless it is open;
    /// returns why it is read-only, if it is.
    pub fn open_consensus(&mut self) -> Option<String> {
        self.consensus_for_step = false;
        let (study, tx) = (&self.study, &self.tx);
        let file = self.consensus.get_or_insert_with(|| {
            OpenFile::open(study, CONSENSUS_CODER, tx, Msg::ConsensusSaved, true)
        });
        file.read_only.clone()
    }

    /// Closes the consensus file (waits for its writes, releases its lock). Its edits stay
    /// in the history; undoing one opens the file again for as long as the write takes.
    pub fn close_consensus(&mut self) {
        self.consensus_for_step = false;
        if let Some(mut f) = self.consensus.take() {
            f.finish();
        }
    }

    /// The open file an edit acts on (`None`: this coder's).
    pub fn file(&self, file: Option<&str>) -> Option<&OpenFile> {
        match file {
            None => Some(&self.mine),
            Some(name) => self.consensus.as_ref().filter(|f| f.coder == name),
        }
    }

    fn file_mut(&mut self, file: Option<&str>) -> Result<&mut OpenFile, String> {
        match file {
            None => Ok(&mut self.mine),
            Some(name) if name == CONSENSUS_CODER => {
                if self.consensus.is_none() {
                    self.open_consensus();
                    self.consensus_for_step = true;
                }
                self.consensus
                    .as_mut()
                    .ok_or_else(|| strings::file_closed(name))
            }
            Some(name) => Err(strings::file_closed(name)),
        }
    }

    /// Applies an edit (one operation or several, as one write) to the mirror of the file
    /// it acts on, hands it to that file's writer and records it for undo when `record`
    /// is set. Returns what was done, or why it was not.
    pub fn commit(&mut self, edit: impl Into<Edit>, record: bool) -> Result<String, String> {
        let edit = edit.into();
        let name = edit.file.clone();
        let file = self.file_mut(name.as_deref())?;
        file.send(&edit.ops).map_err(|e| match e {
            SendError::ReadOnly(why) => strings::read_only(name.as_deref(), &why),
            SendError::Op(e) => e,
            SendError::Stopped => strings::writer_stopped(name.as_deref()),
        })?;
        let what = strings::edit_done(&edit.summary());
        if record {
            self.history.record(edit);
        }
        Ok(what)
    }

    /// Undoes the last edit, on the file it acted on; `Ok(None)` when there is nothing to
    /// undo. Refused (and forgotten) when it would overwrite a newer version. A review
    /// decision is undone on the consensus file even after the review closed: the file
    /// is opened (its lock taken) for the write and closed again.
    pub fn undo(&mut self) -> Result<Option<Step>, String> {
        self.step(
            History::peek_undo,
            History::undone,
            History::drop_undo,
            strings::NOT_UNDONE.get(),
        )
    }

    /// Redoes the last undone edit; see [`Session::undo`].
    pub fn redo(&mut self) -> Result<Option<Step>, String> {
        self.step(
            History::peek_redo,
            History::redone,
            History::drop_redo,
            strings::NOT_REDONE.get(),
        )
    }

    /// One undo or redo: the edit `peek` gives, applied to its file unless it would
    /// overwrite a newer version (then `drop` forgets it and the error says `refused`);
    /// `done` moves it to the other stack.
    fn step(
        &mut self,
        peek: fn(&History) -> Option<Edit>,
        done: fn(&mut History),
        drop: fn(&mut History),
        refused: &str,
    ) -> Result<Option<Step>, String> {
        let Some(edit) = peek(&self.history) else {
            return Ok(None);
        };
        let what = strings::edit_done(&edit.summary());
        let result = self.apply_step(&edit, &what, drop, refused);
        self.release_step_consensus();
        result?;
        done(&mut self.history);
        Ok(Some(Step { what, edit }))
    }

    /// Applies an undo or redo's edit to its file unless it would overwrite a newer
    /// version (then `drop` forgets it).
    fn apply_step(
        &mut self,
        edit: &Edit,
        what: &str,
        drop: fn(&mut History),
        refused: &str,
    ) -> Result<(), String> {
        let file = self.file_mut(edit.file.as_deref())?;
        if let Some(why) = edit.conflict(file) {
            drop(&mut self.history);
            return Err(format!("{refused}: {what}: {why}"));
        }
        self.commit(edit.clone(), false).map(|_| ())
    }

    /// Closes the consensus file an undo or redo opened, once nothing is on its way to it.
    fn release_step_consensus(&mut self) {
        let settled = self.consensus.as_ref().is_none_or(|f| f.pending == 0);
        if self.consensus_for_step && settled {
            self.close_consensus();
        }
    }

    /// The writer confirmed (or failed) the oldest change; see [`OpenFile::on_saved`].
    pub fn on_saved(&mut self, saved: Saved) -> bool {
        self.mine.on_saved(saved)
    }

    /// The consensus writer confirmed (or failed) a decision; see [`OpenFile::on_saved`].
    pub fn on_consensus_saved(&mut self, saved: Saved) -> bool {
        let changed = self.consensus.as_mut().is_some_and(|f| f.on_saved(saved));
        self.release_step_consensus();
        changed
    }

    /// Whether a change is on its way to a writer.
    pub fn saving(&self) -> bool {
        self.mine.pending > 0 || self.consensus.as_ref().is_some_and(|f| f.pending > 0)
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        self.mine.finish();
        if let Some(f) = self.consensus.as_mut() {
            f.finish();
        }
    }
}

/// Reads the other coders' codings (for retrieval, search filters and review) after the
/// first frame: at two thousand interviews they are hundreds of megabytes.
pub fn spawn_other_codings(study: Study, coder: String, out: Sender<Msg>) {
    let label = super::strings::READING_OTHERS.to_string();
    let _ = std::thread::Builder::new()
        .name("glose-others".into())
        .spawn(move || {
            let others = glose::store::other_coders(&study, &coder, |i, n| {
                let _ = out.send(Msg::Progress(label.clone(), i, n));
            });
            let _ = out.send(Msg::Others(Box::new(others)));
            let _ = out.send(Msg::JobDone(label));
        });
}
