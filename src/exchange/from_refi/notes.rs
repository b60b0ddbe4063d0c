//! Notes: where each one goes, which found no place, and memo texts before they become
//! memos.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::exchange::warning;
use crate::refi::{Guid, Note, QdaProject, WarningKind};
use crate::store::MemoTarget;

use super::Importer;

/// One note's text, with its source GUID and date.
pub(super) type MemoPiece = (Guid, String, Option<jiff::Timestamp>);

/// The text of a note, with its user and date.
pub(super) struct NoteText {
    /// The text (or description, or name, when the text is empty).
    pub(super) text: String,
    /// The user who wrote it.
    pub(super) user: Option<Guid>,
    /// When it was written.
    pub(super) date: Option<jiff::Timestamp>,
}

/// The project's notes by GUID, and the ones taken so far.
pub(super) struct Notes<'p> {
    /// Every note by GUID.
    by_guid: HashMap<&'p Guid, &'p Note>,
    /// The notes something referred to.
    used: HashSet<Guid>,
}

impl<'p> Notes<'p> {
    /// The notes of `p`, none used yet.
    pub(super) fn of(p: &'p QdaProject) -> Self {
        Notes {
            by_guid: p.notes.iter().map(|n| (&n.guid, n)).collect(),
            used: HashSet::new(),
        }
    }

    /// The note `g` refers to, marked as used; `None` for an unknown GUID.
    pub(super) fn take(&mut self, g: &Guid) -> Option<NoteText> {
        let n = self.by_guid.get(g)?;
        self.used.insert(g.clone());
        let text = if !n.text.trim().is_empty() {
            n.text.clone()
        } else if let Some(d) = n.description.as_ref().filter(|d| !d.trim().is_empty()) {
            d.clone()
        } else {
            n.name.clone()
        };
        Some(NoteText {
            text,
            user: n.creating_user.clone(),
            date: n.creation_date,
        })
    }

    /// The texts of the notes `refs` refer to, in order, marked as used.
    pub(super) fn take_texts(&mut self, refs: &[Guid]) -> Vec<String> {
        refs.iter()
            .filter_map(|g| self.take(g))
            .map(|n| n.text)
            .collect()
    }
}

/// Memo texts gathered per (coder, target) before they become memos.
#[derive(Default)]
pub(super) struct Memos {
    /// The pieces of each memo, in the order they were met.
    pub(super) by_target: BTreeMap<(String, MemoTarget), Vec<MemoPiece>>,
}

impl Memos {
    /// Adds a piece to the memo of `coder` on `target`.
    pub(super) fn add(&mut self, coder: String, target: MemoTarget, piece: MemoPiece) {
        self.by_target
            .entry((coder, target))
            .or_default()
            .push(piece);
    }
}

impl Importer<'_> {
    /// Warns of the notes nothing glose keeps refers to, and of the sets.
    pub(super) fn warn_unimported_notes_and_sets(&mut self) {
        let p = self.project;
        let loose: Vec<&str> = p
            .notes
            .iter()
            .filter(|n| !self.notes.used.contains(&n.guid))
            .map(|n| n.name.as_str())
            .collect();
        if !loose.is_empty() {
            self.warnings.push(warning(
                WarningKind::DataLoss,
                format!(
                    "{} notes are attached to the project, a case or nothing glose keeps: not imported ({})",
                    loose.len(),
                    loose.join(", ")
                ),
            ));
        }
        if !p.sets.is_empty() {
            self.warnings.push(warning(
                WarningKind::DataLoss,
                format!(
                    "{} sets (code and document groups) are not imported: glose has no sets",
                    p.sets.len()
                ),
            ));
        }
    }
}

/// The memos of one coding, without empty ones and without repeats: glose (and other
/// tools) write the same memo in a `Description` and in a `Note`.
pub(super) fn distinct_memos(memos: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in memos {
        if m.trim().is_empty() || out.iter().any(|o| o.trim() == m.trim()) {
            continue;
        }
        out.push(m);
    }
    let all: Vec<String> = out.clone();
    out.into_iter()
        .enumerate()
        .filter(|(i, m)| {
            let others: Vec<String> = all
                .iter()
                .enumerate()
                .filter(|(j, _)| j != i)
                .map(|(_, o)| o.clone())
                .collect();
            others.len() < 2 || !repeats(m, &others)
        })
        .map(|(_, m)| m)
        .collect()
}

/// Whether `description` only repeats `memos` (one of them, or all joined as glose writes them).
pub(super) fn repeats(description: &str, memos: &[String]) -> bool {
    let d = description.trim();
    memos.iter().any(|m| m.trim() == d) || (!memos.is_empty() && memos.join("\n\n").trim() == d)
}
