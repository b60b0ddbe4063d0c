//! The session's writer thread: it owns a coder's store (the coder's, or the consensus
//! file in the review) and saves each batch of operations durably, in order, reporting
//! each one back as a [`Saved`] message. Each save is appended to the coder file's journal;
//! when no save came for a moment, and when the session ends, the writer folds the journal
//! into the coder file (`glose::store::CoderStore::compact`), off the UI thread.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use glose::store::{CoderFile, CoderStore, Op};

/// How long the writer waits without a save before it folds the journal into the coder
/// file (each save is durable in the journal at once; this only brings the file git sees
/// up to date).
const IDLE: Duration = Duration::from_secs(3);

/// A writer's report on one saved (or failed) batch, for the session that sent it.
#[derive(Debug)]
pub struct Saved {
    /// The file as it now is in the store, only when the writer had to read it again from
    /// disk (someone else changed it) or the batch failed; `None` otherwise, since the
    /// session's mirror already holds the change.
    pub file: Option<Box<CoderFile>>,
    /// Why the write failed, if it did.
    pub error: Option<String>,
}

/// How a writer's reports become messages (`Msg::Saved` or `Msg::ConsensusSaved`).
pub type SavedMsg<M> = fn(Saved) -> M;

/// The thread that owns a coder's store (the coder's, or the consensus file in the
/// review) and saves each batch of operations durably, in order, as one write.
///
/// Dropping it waits until every queued operation is on disk, so quitting (or unwinding
/// after a panic) never loses an acknowledged change.
#[derive(Debug)]
pub struct Writer {
    tx: Option<Sender<Vec<Op>>>,
    handle: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer over an open store; each batch is answered with `saved`.
    pub fn spawn<M: Send + 'static>(
        mut store: CoderStore,
        out: Sender<M>,
        saved: SavedMsg<M>,
    ) -> Self {
        let (tx, rx): (Sender<Vec<Op>>, Receiver<Vec<Op>>) = channel();
        let handle = std::thread::Builder::new()
            .name(format!("glose-writer-{}", store.coder()))
            .spawn(move || {
                store.prepare_for_changes();
                loop {
                    let ops = match rx.recv_timeout(IDLE) {
                        Ok(ops) => ops,
                        // Idle: fold the journal into the coder file, so that git sees
                        // the changes. Nothing to report: they were saved already.
                        Err(RecvTimeoutError::Timeout) => {
                            let _ = store.compact_if_unchanged();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => break,
                    };
                    let reads = store.reads();
                    let error = store.apply_all(&ops).err().map(|e| e.to_string());
                    let file = (error.is_some() || store.reads() != reads)
                        .then(|| Box::new(store.file().clone()));
                    // If the UI is gone, keep saving what was queued.
                    let _ = out.send(saved(Saved { file, error }));
                }
                // Dropping the store folds the journal into the coder file.
            })
            .ok();
        Self {
            tx: Some(tx),
            handle,
        }
    }

    /// Queues a batch of operations (saved as one write); false if the writer is gone.
    pub fn send(&self, ops: Vec<Op>) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(ops).is_ok())
    }

    /// Waits until every queued operation is saved.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Shows the file as the store has it, with the operations still on their way to the
/// writer applied on top (they will be saved after it).
pub fn rebase_mirror<'a>(
    mirror: &mut CoderFile,
    file: CoderFile,
    unconfirmed: impl IntoIterator<Item = &'a Op>,
) {
    *mirror = file;
    for op in unconfirmed {
        let _ = op.apply(mirror);
    }
}
