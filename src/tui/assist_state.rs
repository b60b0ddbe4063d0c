//! The assistants' state kept by the app (#21): their thread, started on first use, and
//! the list last put aside with Enter (`;` brings it back). State only; `assist.rs`
//! changes it.

use super::assist_jobs::Assistant;
use super::layers::Layer;

/// The assistant thread and the list put aside.
#[derive(Debug, Default)]
pub struct AssistDoor {
    /// The thread, once started.
    pub thread: Option<Assistant>,
    /// The list `;` brings back.
    pub aside: Option<Box<dyn Layer>>,
}
