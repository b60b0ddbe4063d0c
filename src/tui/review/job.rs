//! The review's background work: computing the core's agreement table and disagreements
//! ([`glose::review`]) off the UI thread, and the writer that owns the consensus coder's
//! store.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

pub use glose::review::{ReviewData, Row, compute};
use glose::store::{CoderStore, Op};
use glose::study::Study;

use super::super::msg::Msg;

/// The label of the computation in the progress indicator.
pub const COMPUTING: &str = "computing agreement";

/// Computes on a thread; answers with [`Msg::Agreement`] tagged with `generation`, and
/// shows the work in the progress indicator meanwhile.
pub fn spawn_compute(study: Study, generation: u64, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-agreement".into())
        .spawn(move || {
            let _ = out.send(Msg::Progress(COMPUTING.to_string(), 0, 1));
            let data = Box::new(compute(&study).map_err(|e| e.to_string()));
            let _ = out.send(Msg::Agreement { generation, data });
            let _ = out.send(Msg::JobDone(COMPUTING.to_string()));
        });
}

/// The thread that owns the consensus coder's store: each decision (a batch of operations)
/// is written durably as one write, then confirmed with [`Msg::ConsensusSaved`].
///
/// Dropping it waits until every queued decision is on disk (and releases the lock).
#[derive(Debug)]
pub struct ConsensusWriter {
    tx: Option<Sender<Vec<Op>>>,
    handle: Option<JoinHandle<()>>,
}

impl ConsensusWriter {
    /// Starts the writer over the open consensus store.
    pub fn spawn(mut store: CoderStore, out: Sender<Msg>) -> Self {
        let (tx, rx): (Sender<Vec<Op>>, Receiver<Vec<Op>>) = channel();
        let handle = std::thread::Builder::new()
            .name("glose-consensus".into())
            .spawn(move || {
                for ops in rx {
                    let error = store.apply_all(&ops).err().map(|e| e.to_string());
                    let file = Box::new(store.file().clone());
                    // If the UI is gone, keep saving what was queued.
                    let _ = out.send(Msg::ConsensusSaved { file, error });
                }
            })
            .ok();
        Self {
            tx: Some(tx),
            handle,
        }
    }

    /// Queues a decision; false if the writer is gone.
    pub fn send(&self, ops: Vec<Op>) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(ops).is_ok())
    }

    /// Waits until every queued decision is saved.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for ConsensusWriter {
    fn drop(&mut self) {
        self.finish();
    }
}
