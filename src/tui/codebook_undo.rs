//! The state of the codebook door (no behaviour here, so that `App` can hold it without
//! depending on the door): undo and redo steps in the order they were made, the picker put
//! aside while a parent is chosen, and when the codebook on disk was last looked at.

use std::time::Instant;

use glose::codebook::Change;

/// What an undo step undoes: a coding change (kept by the session's history) or a
/// codebook change (kept here, as committed).
#[derive(Debug, Clone)]
pub enum Entry {
    /// A coding change.
    Coding,
    /// A codebook change, as committed.
    Codebook(Change),
}

/// The codebook door's state.
#[derive(Debug, Default)]
pub struct CodebookDoor {
    /// Undo steps, oldest first, coding and codebook changes in the order they were made.
    pub undo: Vec<Entry>,
    /// Redo steps, the next to redo last.
    pub redo: Vec<Entry>,
    /// When the codebook on disk was last looked at.
    pub last_poll: Option<Instant>,
    /// The codebook changed on disk while an edit was open: reload once it closes.
    pub reload_waiting: bool,
}

impl CodebookDoor {
    /// How many entries are coding changes.
    pub fn count_coding(list: &[Entry]) -> usize {
        list.iter().filter(|e| matches!(e, Entry::Coding)).count()
    }
}
