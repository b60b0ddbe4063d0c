//! A codebook change as plain data: the records of the codes it touches, before and after.
//! Applying checks that every touched code is still as it was (so a change made on a stale
//! codebook is refused, naming the code), and the inverse swaps before and after, so any
//! change can be undone and redone.

use serde::{Deserialize, Serialize};

use super::{ChangeKind, CodeRecord, Codebook};

/// One code's record before and after (`None`: the code does not exist on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The code id.
    pub id: String,
    /// The record before the change.
    pub before: Option<CodeRecord>,
    /// The record after the change.
    pub after: Option<CodeRecord>,
}

/// An invertible codebook change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The operation (`add`, `edit`, `move`, `merge`, `split`, `rm`, `migrate`, `undo`…).
    pub op: String,
    /// What it does, in an English sentence (the history file's `summary`, from `kind`).
    pub summary: String,
    /// The codes it touches.
    pub steps: Vec<Step>,
    /// What it does, as data for the front doors to word (not in the history file: a
    /// change read back from it is [`ChangeKind::Recorded`]).
    #[serde(skip)]
    pub kind: ChangeKind,
}

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// A touched code is no longer as the change expects.
    #[error(
        "code {code:?} was changed by someone else since the codebook was read \
         (another glose, a git pull): nothing was changed; read it again and retry"
    )]
    Stale {
        /// The code.
        code: String,
    },
    /// The result would break the tree.
    #[error("{0}: nothing was changed")]
    Broken(String),
}

impl Change {
    /// A change of `kind` made of `steps`, with its operation's name and sentence.
    pub fn new(kind: ChangeKind, steps: Vec<Step>) -> Change {
        Change {
            op: kind.op(),
            summary: kind.sentence(),
            steps,
            kind,
        }
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        Change {
            op: format!("undo {}", self.op),
            summary: format!("undo: {}", self.summary),
            kind: ChangeKind::Undo(Box::new(self.kind.clone())),
            steps: self
                .steps
                .iter()
                .rev()
                .map(|s| Step {
                    id: s.id.clone(),
                    before: s.after.clone(),
                    after: s.before.clone(),
                })
                .collect(),
        }
    }

    /// The ids of the codes touched.
    pub fn codes(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.id.as_str()).collect()
    }

    /// Applies the change to `cb`, all or nothing. Steps apply in order, each checked
    /// against the state the previous ones left.
    pub fn apply(&self, cb: &mut Codebook) -> Result<(), ChangeError> {
        let mut next = cb.clone();
        for step in &self.steps {
            if next.record_of(&step.id) != step.before {
                return Err(ChangeError::Stale {
                    code: step.id.clone(),
                });
            }
            next.put(&step.id, step.after.clone());
            next.reindex();
        }
        check_touched(&next, self)?;
        *cb = next;
        Ok(())
    }

    /// The codings (every coder's, as stored) that have a code on `cb` and would have
    /// none once this change is applied to it, counted per coder (an undo of an `add`
    /// whose code was used since, for instance). Empty when none would, or when the change
    /// does not apply (committing it says why).
    pub fn would_orphan(
        &self,
        cb: &Codebook,
        codings: &[crate::store::Coding],
    ) -> std::collections::BTreeMap<String, usize> {
        let mut after = cb.clone();
        let mut by = std::collections::BTreeMap::new();
        if self.apply(&mut after).is_err() {
            return by;
        }
        for c in codings {
            if cb.resolve_coding(&c.id, &c.code).is_some()
                && after.resolve_coding(&c.id, &c.code).is_none()
            {
                *by.entry(c.coder.clone()).or_default() += 1;
            }
        }
        by
    }

    /// This change followed by `then` (computed on the codebook this one leaves).
    pub fn then(mut self, then: Change) -> Change {
        self.summary = format!("{}; {}", self.summary, then.summary);
        self.steps.extend(then.steps);
        self.kind = self.kind.then(then.kind);
        self
    }
}

/// The tree stays whole around the touched codes: parents exist, no cycle, ids unique.
fn check_touched(cb: &Codebook, change: &Change) -> Result<(), ChangeError> {
    for step in &change.steps {
        let Some(after) = &step.after else {
            if let Some(child) = cb.children(&step.id).next() {
                return Err(ChangeError::Broken(format!(
                    "code {:?} still has child {:?}",
                    step.id, child.id
                )));
            }
            continue;
        };
        if let Some(parent) = &after.code.parent {
            if !cb.contains(parent) {
                return Err(ChangeError::Broken(format!(
                    "parent {parent:?} of code {:?} does not exist",
                    step.id
                )));
            }
            if cb.path_of(parent).iter().any(|c| c.id == step.id) {
                return Err(ChangeError::Broken(format!(
                    "code {:?} would be its own ancestor",
                    step.id
                )));
            }
        }
        if cb.codes.iter().filter(|c| c.id == step.id).count() > 1 {
            return Err(ChangeError::Broken(format!(
                "code id {:?} would be used twice",
                step.id
            )));
        }
    }
    Ok(())
}

impl Codebook {
    /// Replaces, inserts or removes one code's record (the caller reindexes).
    fn put(&mut self, id: &str, record: Option<CodeRecord>) {
        let at = self.codes.iter().position(|c| c.id == id);
        match (at, record) {
            (Some(i), Some(r)) => {
                self.codes[i] = r.code;
                self.set_meta(id, r.meta);
            }
            (None, Some(r)) => {
                self.codes.push(r.code);
                self.set_meta(id, r.meta);
            }
            (Some(i), None) => {
                self.codes.remove(i);
                self.set_meta(id, Default::default());
            }
            (None, None) => {}
        }
    }

    fn set_meta(&mut self, id: &str, meta: super::CodeMeta) {
        if meta.is_empty() {
            self.meta.remove(id);
        } else {
            self.meta.insert(id.to_string(), meta);
        }
    }
}
