//! The review's background work: computing the core's agreement table and disagreements
//! ([`glose::review`]) off the UI thread. The consensus file is written by the same
//! [`super::super::writer::Writer`] as the coder's.

use std::sync::mpsc::Sender;

use glose::agreement::select::Selection;
pub use glose::review::{ReviewData, Row, compute_with};
use glose::study::Study;

use super::super::msg::Msg;

/// The label of the computation in the progress indicator.
pub const COMPUTING: &str = "computing agreement";

/// Computes `selection` on a thread; answers with [`Msg::Agreement`] tagged with `generation`, and
/// shows the work in the progress indicator meanwhile.
pub fn spawn_compute(study: Study, selection: Selection, generation: u64, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-agreement".into())
        .spawn(move || {
            let _ = out.send(Msg::Progress(COMPUTING.to_string(), 0, 1));
            let data = Box::new(compute_with(&study, &selection).map_err(|e| e.to_string()));
            let _ = out.send(Msg::Agreement { generation, data });
            let _ = out.send(Msg::JobDone(COMPUTING.to_string()));
        });
}
