//! Operations on a coder's file as plain, invertible data (the shape of undo and redo).

use std::ops::Range;

use super::{CoderFile, Coding, Memo, MemoTarget};

/// One change to a coder file. Every operation carries what it needs to be undone.
///
/// Operations are few and short-lived (one per user action), so the size of a coding
/// carried by value does not matter; plain values keep them easy to build and compare.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Add a coding.
    Add(Coding),
    /// Remove a coding.
    Remove(Coding),
    /// Replace a coding (change its code, resize its span, edit its memo).
    Update {
        /// The coding as it was.
        before: Coding,
        /// The coding as it becomes (same id).
        after: Coding,
    },
    /// Set, change or clear the memo on a document or a code.
    SetMemo {
        /// What the memo is on.
        target: MemoTarget,
        /// The memo as it was.
        before: Option<Memo>,
        /// The memo as it becomes.
        after: Option<Memo>,
    },
}

/// Why an operation does not apply to the file as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    /// Adding a coding whose id exists.
    #[error("a coding with id {0} already exists")]
    Exists(String),
    /// Removing or changing a coding that is not there.
    #[error("no coding with id {0} (was it removed by someone else?)")]
    Missing(String),
    /// The coding changed since the operation was made (a newer version).
    #[error("coding {0} was changed since (a newer version is on disk)")]
    Changed(String),
    /// The memo changed since the operation was made.
    #[error("the memo was changed since (a newer version is on disk)")]
    MemoChanged,
}

impl Op {
    /// The operation with the memo text it sets in stored form (line ends `\n`, see
    /// [`crate::memos::normalize_memo_text`]); what it replaces is left as it was, so
    /// that its conflict check still compares with the file. Build ops with it wherever
    /// text comes from a person (a paste, a flag).
    pub fn normalized(self) -> Op {
        use crate::memos::normalize_memo_text as norm;
        let fix = |mut c: Coding| {
            c.memo = c.memo.as_deref().map(norm);
            c
        };
        match self {
            Op::Add(c) => Op::Add(fix(c)),
            Op::Update { before, after } => Op::Update {
                before,
                after: fix(after),
            },
            Op::SetMemo {
                target,
                before,
                after,
            } => Op::SetMemo {
                target,
                before,
                after: after.map(|mut m| {
                    m.text = norm(&m.text);
                    m
                }),
            },
            op @ Op::Remove(_) => op,
        }
    }

    /// The operation that undoes this one.
    pub fn inverse(&self) -> Op {
        match self {
            Op::Add(c) => Op::Remove(c.clone()),
            Op::Remove(c) => Op::Add(c.clone()),
            Op::Update { before, after } => Op::Update {
                before: after.clone(),
                after: before.clone(),
            },
            Op::SetMemo {
                target,
                before,
                after,
            } => Op::SetMemo {
                target: target.clone(),
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// Applies the operation to a file in memory.
    pub fn apply(&self, file: &mut CoderFile) -> Result<(), OpError> {
        match self {
            Op::Add(c) => {
                if file.coding(&c.id).is_some() {
                    return Err(OpError::Exists(c.id.clone()));
                }
                let mut c = c.clone();
                c.coder.clone_from(&file.coder);
                file.codings.push(c);
            }
            Op::Remove(c) => {
                let before = file.codings.len();
                file.codings.retain(|x| x.id != c.id);
                if file.codings.len() == before {
                    return Err(OpError::Missing(c.id.clone()));
                }
            }
            Op::Update { before, after } => {
                let slot = file
                    .codings
                    .iter_mut()
                    .find(|x| x.id == before.id)
                    .ok_or_else(|| OpError::Missing(before.id.clone()))?;
                *slot = after.clone();
                slot.coder.clone_from(&file.coder);
            }
            Op::SetMemo { target, after, .. } => {
                file.memos.retain(|m| &m.target != target);
                if let Some(m) = after {
                    file.memos.push(m.clone());
                }
            }
        }
        Ok(())
    }

    /// Where the operation acts: the document and, for a coding, its span (the span it
    /// will have once applied). `None` for a memo on a code.
    pub fn place(&self) -> Option<(&str, std::ops::Range<usize>)> {
        match self {
            Op::Add(c) | Op::Remove(c) | Op::Update { after: c, .. } => {
                Some((c.doc.as_str(), c.range()))
            }
            Op::SetMemo {
                target: MemoTarget::Doc(d),
                ..
            } => Some((d.as_str(), 0..0)),
            Op::SetMemo { .. } => None,
        }
    }

    /// Whether applying the operation would overwrite a version it did not see: the
    /// coding (or memo) it expects is not in `file` as it expects it (changed or removed
    /// since, by a `git pull` or another tool), or the coding it adds is there already.
    /// Undo and redo check this first, so they never silently revert a newer version.
    pub fn conflict(&self, file: &CoderFile) -> Option<OpError> {
        let same = |expected: &Coding| {
            file.coding(&expected.id).is_some_and(|current| {
                current.code == expected.code
                    && current.range() == expected.range()
                    && current.memo == expected.memo
                    && current.modified == expected.modified
            })
        };
        match self {
            Op::Add(c) => file
                .coding(&c.id)
                .is_some()
                .then(|| OpError::Exists(c.id.clone())),
            Op::Remove(c) | Op::Update { before: c, .. } => match file.coding(&c.id) {
                None => Some(OpError::Missing(c.id.clone())),
                Some(_) if !same(c) => Some(OpError::Changed(c.id.clone())),
                Some(_) => None,
            },
            Op::SetMemo { target, before, .. } => {
                let current = file.memo(target);
                let unchanged = match (current, before) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.text == b.text && a.modified == b.modified,
                    _ => false,
                };
                (!unchanged).then_some(OpError::MemoChanged)
            }
        }
    }

    /// What the operation does, as data for a front door to word (the TUI's undo
    /// messages, `glose memo`'s output): the core names no action in any language.
    pub fn summary(&self) -> OpSummary {
        let on = |c: &Coding| (c.doc.clone(), c.range());
        match self {
            Op::Add(c) => {
                let (doc, span) = on(c);
                OpSummary::Added {
                    code: c.code.clone(),
                    doc,
                    span,
                }
            }
            Op::Remove(c) => {
                let (doc, span) = on(c);
                OpSummary::Removed {
                    code: c.code.clone(),
                    doc,
                    span,
                }
            }
            Op::Update { before, after } if before.code != after.code => {
                let (doc, span) = on(after);
                OpSummary::Recoded {
                    from: before.code.clone(),
                    to: after.code.clone(),
                    doc,
                    span,
                }
            }
            Op::Update { before, after } if before.range() != after.range() => {
                let (doc, span) = on(after);
                OpSummary::Resized {
                    code: after.code.clone(),
                    doc,
                    span,
                }
            }
            Op::Update { after, .. } => {
                let (doc, span) = on(after);
                OpSummary::CodingMemo {
                    code: after.code.clone(),
                    doc,
                    span,
                }
            }
            Op::SetMemo { target, after, .. } => OpSummary::Memo {
                target: target.clone(),
                cleared: after.is_none(),
            },
        }
    }
}

/// What one operation does ([`Op::summary`]): the kind of change, the code, the document
/// and the span it acts on (the span after the change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpSummary {
    /// A coding was added.
    Added {
        /// Its code.
        code: String,
        /// Its document.
        doc: String,
        /// Its span.
        span: Range<usize>,
    },
    /// A coding was removed.
    Removed {
        /// Its code.
        code: String,
        /// Its document.
        doc: String,
        /// Its span.
        span: Range<usize>,
    },
    /// A coding's code was changed.
    Recoded {
        /// The code it had.
        from: String,
        /// The code it has.
        to: String,
        /// Its document.
        doc: String,
        /// Its span.
        span: Range<usize>,
    },
    /// A coding's span was changed.
    Resized {
        /// Its code.
        code: String,
        /// Its document.
        doc: String,
        /// Its new span.
        span: Range<usize>,
    },
    /// A coding's memo was edited.
    CodingMemo {
        /// The coding's code.
        code: String,
        /// Its document.
        doc: String,
        /// Its span.
        span: Range<usize>,
    },
    /// The memo on a document or a code was saved (`cleared`: removed).
    Memo {
        /// What the memo is on.
        target: MemoTarget,
        /// Whether the memo was removed rather than saved.
        cleared: bool,
    },
}

/// What an edit did ([`Edit::summary`]), as data for the front door to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditSummary {
    /// The words the door gave when it made the edit ([`Edit::many`]).
    Said(String),
    /// An edit of one operation.
    One(OpSummary),
    /// An edit of several operations given no words: how many.
    Changes(usize),
}

/// One user action as undo sees it: the operations applied together (a recode, a merge
/// of duplicate spans, an auto-coding batch, a review decision) and what to call it.
///
/// An edit is undone as a whole: its inverse undoes the operations last first. Its
/// summary stays the original's, so that "undid: added practice.ads" names what the user
/// did, not the inverse that undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The operations, in the order they were applied.
    pub ops: Vec<Op>,
    /// What the user did, for messages; `None`: summed up from the operations
    /// ([`Edit::summary`]).
    pub what: Option<EditSummary>,
    /// The coder file the edit acts on, by coder name (`consensus` for a review
    /// decision); `None`: the file of the coder whose session records it. A history that
    /// holds edits on several files undoes each on its own file.
    pub file: Option<String>,
}

impl Edit {
    /// An edit of one operation.
    pub fn one(op: Op) -> Edit {
        Edit {
            ops: vec![op],
            what: None,
            file: None,
        }
    }

    /// An edit of several operations applied together, described as `what`.
    pub fn many(ops: Vec<Op>, what: impl Into<String>) -> Edit {
        Edit {
            ops,
            what: Some(EditSummary::Said(what.into())),
            file: None,
        }
    }

    /// The same edit, acting on `coder`'s file instead of the session's own.
    pub fn on_file(mut self, coder: impl Into<String>) -> Edit {
        self.file = Some(coder.into());
        self
    }

    /// The edit that undoes this one (operations inverted, last first), described as
    /// this one is, on the same file.
    pub fn inverse(&self) -> Edit {
        Edit {
            ops: self.ops.iter().rev().map(Op::inverse).collect(),
            what: Some(self.summary()),
            file: self.file.clone(),
        }
    }

    /// What the user did: the door's words, else its one operation, else how many.
    pub fn summary(&self) -> EditSummary {
        match (&self.what, self.ops.as_slice()) {
            (Some(what), _) => what.clone(),
            (None, [op]) => EditSummary::One(op.summary()),
            (None, ops) => EditSummary::Changes(ops.len()),
        }
    }

    /// Where the edit acts: the place of its first operation that has one.
    pub fn place(&self) -> Option<(&str, std::ops::Range<usize>)> {
        self.ops.iter().find_map(Op::place)
    }

    /// Whether applying the edit would overwrite a version it did not see (see
    /// [`Op::conflict`]). An operation on a coding that an earlier operation of the same
    /// edit touches is checked by that earlier one only.
    pub fn conflict(&self, file: &CoderFile) -> Option<OpError> {
        let mut seen: Vec<&str> = Vec::new();
        for op in &self.ops {
            let id = match op {
                Op::Add(c) | Op::Remove(c) | Op::Update { before: c, .. } => Some(c.id.as_str()),
                Op::SetMemo { .. } => None,
            };
            if let Some(id) = id {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
            }
            if let Some(e) = op.conflict(file) {
                return Some(e);
            }
        }
        None
    }
}

impl From<Op> for Edit {
    fn from(op: Op) -> Edit {
        Edit::one(op)
    }
}

/// Unlimited undo and redo of edits for one session.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Records an edit (one operation or several) that was just applied (clears the redo
    /// stack).
    pub fn record(&mut self, edit: impl Into<Edit>) {
        self.undo.push(edit.into());
        self.redo.clear();
    }

    /// The edit to apply to undo the last change; call [`History::undone`] once it is
    /// applied.
    pub fn peek_undo(&self) -> Option<Edit> {
        self.undo.last().map(Edit::inverse)
    }

    /// The last change done, as it was recorded (for where and what it was).
    pub fn last_done(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// Marks the last change as undone.
    pub fn undone(&mut self) {
        if let Some(edit) = self.undo.pop() {
            self.redo.push(edit);
        }
    }

    /// The edit to apply to redo; call [`History::redone`] once it is applied.
    pub fn peek_redo(&self) -> Option<Edit> {
        self.redo.last().cloned()
    }

    /// Marks the last undone change as redone.
    pub fn redone(&mut self) {
        if let Some(edit) = self.redo.pop() {
            self.undo.push(edit);
        }
    }

    /// Forgets the last change without undoing it (it can no longer be undone safely).
    pub fn drop_undo(&mut self) {
        self.undo.pop();
    }

    /// Forgets the last undone change without redoing it.
    pub fn drop_redo(&mut self) {
        self.redo.pop();
    }

    /// Number of changes that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of changes that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Anchor, now};

    fn coding(id: &str, code: &str, start: usize) -> Coding {
        let t = now();
        Coding {
            id: id.into(),
            doc: "E01".into(),
            code: code.into(),
            start,
            end: start + 5,
            selection_name: None,
            suggested: None,
            coder: "a".into(),
            memo: None,
            anchor: Anchor {
                quote: "xxxxx".into(),
                prefix: String::new(),
                suffix: String::new(),
                doc_hash: "h".into(),
            },
            created: t,
            modified: t,
        }
    }

    fn file(codings: Vec<Coding>) -> CoderFile {
        CoderFile {
            coder: "a".into(),
            codings,
            memos: Vec::new(),
        }
    }

    /// An edit of several operations is undone and redone as one, last operation first,
    /// and both directions are named after what the user did.
    #[test]
    fn an_edit_of_several_ops_undoes_as_one_and_keeps_its_name() {
        let a = coding("c1", "practice", 10);
        let b = coding("c2", "practice", 40);
        let widened = Coding {
            end: 50,
            ..a.clone()
        };
        let merge = Edit::many(
            vec![
                Op::Update {
                    before: a.clone(),
                    after: widened.clone(),
                },
                Op::Remove(b.clone()),
            ],
            "merged 2 codings of practice",
        );
        let mut f = file(vec![a.clone(), b.clone()]);
        for op in &merge.ops {
            op.apply(&mut f).unwrap();
        }
        let mut history = History::default();
        history.record(merge.clone());
        let undo = history.peek_undo().unwrap();
        let merged = EditSummary::Said("merged 2 codings of practice".into());
        assert_eq!(undo.summary(), merged);
        assert_eq!(undo.ops[0], Op::Add(b.clone()), "last op undone first");
        assert_eq!(undo.place(), Some(("E01", 40..45)));
        assert!(undo.conflict(&f).is_none());
        for op in &undo.ops {
            op.apply(&mut f).unwrap();
        }
        f.codings.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(f.codings, vec![a.clone(), b]);
        history.undone();
        let redo = history.peek_redo().unwrap();
        assert_eq!(redo, merge);
        assert!(redo.conflict(&f).is_none());
        // One operation: undoing an add is named "added", not "removed".
        let mut h = History::default();
        h.record(Op::Add(a));
        assert_eq!(
            h.peek_undo().unwrap().summary(),
            EditSummary::One(OpSummary::Added {
                code: "practice".into(),
                doc: "E01".into(),
                span: 10..15,
            })
        );
    }

    /// An edit on another coder's file (a review decision on the consensus file) is
    /// undone and redone on that file: the history keeps which file each edit acts on.
    #[test]
    fn an_edit_keeps_the_file_it_acts_on_through_undo_and_redo() {
        let mut h = History::default();
        h.record(Op::Add(coding("c1", "practice", 0)));
        h.record(
            Edit::many(
                vec![Op::Add(coding("c2", "role", 10))],
                "settled role as coder-a's version",
            )
            .on_file("consensus"),
        );
        let undo = h.peek_undo().unwrap();
        assert_eq!(undo.file.as_deref(), Some("consensus"));
        let settled = EditSummary::Said("settled role as coder-a's version".into());
        assert_eq!(undo.summary(), settled);
        h.undone();
        assert_eq!(h.peek_redo().unwrap().file.as_deref(), Some("consensus"));
        assert_eq!(h.peek_undo().unwrap().file, None, "the coder's own edit");
    }

    /// A later operation on a coding an earlier one touches is checked by the earlier:
    /// an edit that changes a coding then removes it is not a conflict with itself.
    #[test]
    fn an_edit_is_checked_once_per_coding() {
        let a = coding("c1", "practice", 10);
        let recoded = Coding {
            code: "role".into(),
            ..a.clone()
        };
        let edit = Edit::many(
            vec![
                Op::Update {
                    before: a.clone(),
                    after: recoded.clone(),
                },
                Op::Remove(recoded),
            ],
            "recoded then removed",
        );
        assert!(edit.conflict(&file(vec![a.clone()])).is_none());
        assert!(edit.conflict(&file(Vec::new())).is_some());
    }

    /// The inverse of a change applies to the file it left; once the coding changed
    /// again (a newer version pulled from git), it is refused instead of reverting it.
    #[test]
    fn undo_refuses_to_overwrite_a_newer_version() {
        let before = coding("c1", "practice", 10);
        let mut after = before.clone();
        after.code = "role".into();
        let change = Op::Update {
            before: before.clone(),
            after: after.clone(),
        };
        let undo = change.inverse();
        assert_eq!(undo.conflict(&file(vec![after.clone()])), None);
        let mut newer = after.clone();
        newer.code = "stage".into();
        assert_eq!(
            undo.conflict(&file(vec![newer])),
            Some(OpError::Changed("c1".into()))
        );
        assert_eq!(
            undo.conflict(&file(Vec::new())),
            Some(OpError::Missing("c1".into()))
        );
        // Undoing an addition (a removal) checks the same; redoing it checks the id.
        let add = Op::Add(before.clone());
        assert_eq!(add.inverse().conflict(&file(vec![before.clone()])), None);
        assert_eq!(
            add.conflict(&file(vec![before.clone()])),
            Some(OpError::Exists("c1".into()))
        );
        assert_eq!(undo.place(), Some(("E01", 10..15)));
    }

    /// Pasted carriage returns are stored as line feeds; what the op replaces is kept.
    #[test]
    fn normalized_ops_store_line_feeds() {
        let mut before = coding("c1", "x", 0);
        before.memo = Some("ancien\r\ntexte".into());
        let mut after = before.clone();
        after.memo = Some("un\r\ndeux\rtrois".into());
        let Op::Update {
            before: b,
            after: a,
        } = (Op::Update {
            before: before.clone(),
            after,
        })
        .normalized()
        else {
            panic!("an update stays an update");
        };
        assert_eq!(b, before);
        assert_eq!(a.memo.as_deref(), Some("un\ndeux\ntrois"));
        let t = now();
        let memo = Memo {
            id: "m".into(),
            target: MemoTarget::Doc("E01".into()),
            text: "a\r\nb".into(),
            created: t,
            modified: t,
        };
        let op = Op::SetMemo {
            target: memo.target.clone(),
            before: None,
            after: Some(memo),
        }
        .normalized();
        let Op::SetMemo { after: Some(m), .. } = op else {
            panic!("a memo stays set");
        };
        assert_eq!(m.text, "a\nb");
    }
}
