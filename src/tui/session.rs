//! The study session below the screen: this coder's file as it will be on disk (the
//! mirror), the writer thread that saves it, what is on its way, and the undo history.
//! No ratatui types here; the screen's layers read the mirror and ask the session to
//! change it.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;

use glose::store::{CoderFile, CoderStore, History, Op};

use super::msg::Msg;
use super::worker::{Writer, rebase_mirror};

/// This coder's file open for writing.
#[derive(Debug)]
pub struct Session {
    /// This coder's codings and memos, as they will be on disk.
    pub mine: CoderFile,
    /// Undo and redo.
    pub history: History,
    /// Operations sent to the writer and not yet confirmed.
    pub pending: usize,
    /// Why the coder file cannot be written, when it cannot.
    pub read_only: Option<String>,
    /// Why the last save failed, until a save succeeds (the status line says so).
    pub save_failed: Option<String>,
    /// The operations not yet confirmed, oldest first (re-applied over the file when the
    /// writer read it again from disk).
    unconfirmed: VecDeque<Op>,
    /// The writer thread (None when read-only).
    writer: Option<Writer>,
}

impl Session {
    /// A session over the coder's store, or read-only with why it could not be opened.
    pub fn new(coder: &str, store: Result<CoderStore, String>, tx: &Sender<Msg>) -> Self {
        let (mine, writer, read_only) = match store {
            Ok(s) => {
                let file = s.file().clone();
                (file, Some(Writer::spawn(s, tx.clone(), Msg::saved)), None)
            }
            Err(e) => (
                CoderFile {
                    coder: coder.to_string(),
                    ..CoderFile::default()
                },
                None,
                Some(e),
            ),
        };
        Self {
            mine,
            history: History::default(),
            pending: 0,
            read_only,
            save_failed: None,
            unconfirmed: VecDeque::new(),
            writer,
        }
    }

    /// Applies an operation to the mirror, hands it to the writer and records it for undo
    /// when `record` is set. Returns what was done, or why it was not.
    pub fn commit(&mut self, op: Op, record: bool) -> Result<String, String> {
        if let Some(why) = &self.read_only {
            return Err(format!("read-only: {why}"));
        }
        op.apply(&mut self.mine).map_err(|e| e.to_string())?;
        let sent = self
            .writer
            .as_ref()
            .is_some_and(|w| w.send(vec![op.clone()]));
        if !sent {
            return Err("the writer stopped: changes can no longer be saved".to_string());
        }
        self.pending += 1;
        self.unconfirmed.push_back(op.clone());
        let what = op.describe();
        if record {
            self.history.record(op);
        }
        Ok(what)
    }

    /// The writer confirmed (or failed) the oldest change. When it read the file again
    /// (the write failed, or someone else changed it: a git pull), the mirror becomes what
    /// the store has with the changes still on their way on top; returns whether it did.
    pub fn on_saved(&mut self, file: Option<Box<CoderFile>>, error: Option<String>) -> bool {
        self.pending = self.pending.saturating_sub(1);
        self.unconfirmed.pop_front();
        self.save_failed = error;
        match file {
            Some(file) => {
                rebase_mirror(&mut self.mine, *file, &self.unconfirmed);
                true
            }
            None => false,
        }
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        if let Some(w) = self.writer.as_mut() {
            w.finish();
        }
    }
}
