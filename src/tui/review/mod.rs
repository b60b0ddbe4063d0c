//! The agreement review: the per-code table (computed off the UI thread), stepping through
//! the disagreements of a code (or all) with every coder's stripes side by side, and
//! settling each one into the `consensus` coder's file, with undo.
//!
//! The consensus file is an ordinary coder file, open for writing as the coder's own is
//! ([`super::session::OpenFile`]: the review takes its lock when it opens; if another
//! glose holds it, the review is read-only). A mirror is updated at once and each decision
//! is confirmed by the writer once it is on disk.

pub mod control;
pub mod input;
pub mod job;

use glose::agreement::consensus::{Decision, consensus_ops, settled};
use glose::agreement::disagreements::Disagreement;
use glose::store::Op;

use super::actions::Ctx;
use super::doc_view::DocView;
use super::session::{OpenFile, SendError};
use super::strings;
use job::ReviewData;

/// What the review shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The per-code table.
    Table,
    /// One disagreement at a time.
    Step,
}

/// A decision as recorded for undo: the disagreement (index) and the operations written.
type Done = (usize, Vec<Op>);

/// The review's state.
#[derive(Debug)]
pub struct Review {
    /// Table or stepping.
    pub phase: Phase,
    /// The latest computation asked for (answers to older ones are dropped).
    pub generation: u64,
    /// Whether a computation is running.
    pub computing: bool,
    /// The table and the disagreements, once computed.
    pub data: Option<ReviewData>,
    /// Why they could not be computed.
    pub error: Option<String>,
    /// Selected table row (`rows.len()` is the pooled line, "all codes").
    pub sel: usize,
    /// The code being stepped through (`None`: all codes).
    pub code: Option<String>,
    /// The disagreements stepped through (indices into `data.disagreements`).
    pub list: Vec<usize>,
    /// Position in `list`.
    pub pos: usize,
    /// Whether each disagreement has a decision in the consensus file.
    pub settled: Vec<bool>,
    /// The consensus file open for writing (read-only when another glose holds it).
    pub consensus: OpenFile,
    /// Decisions to undo, latest last.
    pub undo: Vec<Done>,
    /// Undone decisions to redo.
    pub redo: Vec<Done>,
    /// The open disagreement's transcript (cursor and selection are used when editing).
    pub view: Option<DocView>,
    /// Whether keys select a new span for the decision.
    pub editing: bool,
    /// What is compared (the default: the design's coders and documents).
    pub selection: glose::agreement::select::Selection,
    /// The popup choosing coders and documents, when open.
    /// The selection before the popup's last choice, restored if that choice fails.
    pub previous: Option<glose::agreement::select::Selection>,
}

impl Review {
    /// The key context: the table, stepping, or editing a decision.
    pub fn ctx(&self) -> Ctx {
        match (self.phase, self.editing) {
            (Phase::Table, _) => Ctx::ReviewTable,
            (Phase::Step, false) => Ctx::Review,
            (Phase::Step, true) => Ctx::ReviewEdit,
        }
    }

    /// Recomputes which disagreements are settled from the consensus mirror.
    pub fn refresh_settled(&mut self) {
        self.settled = self.data.as_ref().map_or_else(Vec::new, |d| {
            d.disagreements
                .iter()
                .map(|x| settled(x, &self.consensus))
                .collect()
        });
    }

    /// Recomputes the settled flags of the disagreements on the documents `ops` touch
    /// (a decision touches one document; the whole study can hold thousands).
    fn refresh_settled_for(&mut self, ops: &[Op]) {
        let docs: Vec<&str> = ops
            .iter()
            .map(|op| match op {
                Op::Add(c) | Op::Remove(c) | Op::Update { after: c, .. } => c.doc.as_str(),
                Op::SetMemo { target, .. } => match target {
                    glose::store::MemoTarget::Doc(d) => d.as_str(),
                    _ => "",
                },
            })
            .collect();
        let Some(data) = self.data.as_ref() else {
            return;
        };
        if self.settled.len() != data.disagreements.len() {
            self.refresh_settled();
            return;
        }
        for (d, flag) in data.disagreements.iter().zip(self.settled.iter_mut()) {
            if docs.contains(&d.doc.as_str()) {
                *flag = settled(d, &self.consensus);
            }
        }
    }

    /// The disagreement under review (its index).
    pub fn current(&self) -> Option<usize> {
        self.list.get(self.pos).copied()
    }

    /// The disagreement under review.
    pub fn disagreement(&self) -> Option<&Disagreement> {
        self.data.as_ref()?.disagreements.get(self.current()?)
    }

    /// Settled disagreements of a code (`None`: all), and how many there are.
    pub fn progress(&self, code: Option<&str>) -> (usize, usize) {
        let Some(data) = self.data.as_ref() else {
            return (0, 0);
        };
        data.disagreements
            .iter()
            .zip(&self.settled)
            .filter(|(d, _)| code.is_none_or(|c| d.code == c))
            .fold((0, 0), |(s, n), (_, ok)| (s + usize::from(*ok), n + 1))
    }

    /// Starts stepping through the disagreements of the selected row, at the first
    /// unsettled one; false when there is none.
    pub fn start(&mut self) -> bool {
        let Some(data) = self.data.as_ref() else {
            return false;
        };
        let code = data.rows.get(self.sel).map(|r| r.code.clone());
        self.list = data
            .disagreements
            .iter()
            .enumerate()
            .filter(|(_, d)| code.as_ref().is_none_or(|c| &d.code == c))
            .map(|(i, _)| i)
            .collect();
        if self.list.is_empty() {
            return false;
        }
        self.code = code;
        self.pos = self
            .list
            .iter()
            .position(|i| !self.settled.get(*i).copied().unwrap_or(false))
            .unwrap_or(0);
        self.phase = Phase::Step;
        self.show();
        true
    }

    /// Moves to the next unsettled disagreement after the current one (wrapping); false
    /// when every one is settled.
    pub fn advance(&mut self) -> bool {
        let n = self.list.len();
        let found = (1..=n).map(|k| (self.pos + k) % n.max(1)).find(|p| {
            self.list
                .get(*p)
                .is_some_and(|i| !self.settled.get(*i).copied().unwrap_or(false))
        });
        if let Some(p) = found {
            self.pos = p;
            self.show();
        }
        found.is_some()
    }

    /// Steps by one disagreement (no wrapping).
    pub fn step(&mut self, forward: bool) -> bool {
        let next = if forward {
            (self.pos + 1 < self.list.len()).then_some(self.pos + 1)
        } else {
            self.pos.checked_sub(1)
        };
        if let Some(p) = next {
            self.pos = p;
            self.show();
        }
        next.is_some()
    }

    /// Shows the current disagreement: its document, the range highlighted and in view.
    pub fn show(&mut self) {
        self.editing = false;
        let Some(d) = self.disagreement().cloned() else {
            self.view = None;
            return;
        };
        let reuse = self.view.as_ref().is_some_and(|v| v.doc.id == d.doc);
        if !reuse {
            let Some(doc) = self
                .data
                .as_ref()
                .and_then(|x| x.docs.iter().find(|doc| doc.id == d.doc))
                .cloned()
            else {
                self.view = None;
                return;
            };
            self.view = Some(DocView::new(doc, 0));
        }
        if let Some(v) = self.view.as_mut() {
            v.cursor = d.range.start;
            v.anchor = None;
            v.selecting = false;
            v.matches = vec![d.range.clone()];
            if !v.wrapped.lines.is_empty() {
                v.top = v.wrapped.line_of(d.range.start).saturating_sub(2);
            }
        }
    }

    /// Applies a decision's operations to the mirror and hands them to the writer.
    fn write(&mut self, ops: &[Op]) -> Result<(), String> {
        self.consensus.send(ops).map_err(|e| match e {
            SendError::ReadOnly(why) => format!("consensus is read-only: {why}"),
            SendError::Op(e) => e,
            SendError::Stopped => {
                "the consensus writer stopped: decisions can no longer be saved".to_string()
            }
        })?;
        self.refresh_settled_for(ops);
        Ok(())
    }

    /// Records a decision on the current disagreement; returns the status message.
    pub fn decide(&mut self, decision: &Decision) -> Result<String, String> {
        let idx = self.current().ok_or("no disagreement under review")?;
        let data = self.data.as_ref().ok_or("the table is not computed yet")?;
        let d = data
            .disagreements
            .get(idx)
            .ok_or("no disagreement under review")?;
        let doc = data
            .docs
            .iter()
            .find(|x| x.id == d.doc)
            .ok_or_else(|| format!("document {} is not loaded", d.doc))?;
        let ops = consensus_ops(d, decision, doc, &self.consensus).map_err(|e| e.to_string())?;
        let what = describe(decision);
        self.write(&ops)?;
        self.undo.push((idx, ops));
        self.redo.clear();
        let (s, n) = self.progress(self.code.as_deref());
        let more = if self.advance() {
            String::new()
        } else {
            " · every disagreement here is settled".to_string()
        };
        Ok(format!("{what} · {s}/{n} settled{more}"))
    }

    /// Undoes the last decision and goes back to its disagreement.
    pub fn undo(&mut self) -> Result<String, String> {
        let (idx, ops) = self.undo.last().cloned().ok_or("no decision to undo")?;
        let inverse: Vec<Op> = ops.iter().rev().map(Op::inverse).collect();
        if let Some(why) = self.conflict(&inverse) {
            self.undo.pop();
            self.go_to(idx);
            return Err(format!("{}: {why}", strings::NOT_UNDONE));
        }
        self.write(&inverse)?;
        self.undo.pop();
        self.redo.push((idx, ops));
        self.go_to(idx);
        let (s, n) = self.progress(self.code.as_deref());
        Ok(format!("undid the decision · {s}/{n} settled"))
    }

    /// Redoes the last undone decision.
    pub fn redo(&mut self) -> Result<String, String> {
        let (idx, ops) = self.redo.last().cloned().ok_or("no decision to redo")?;
        if let Some(why) = self.conflict(&ops) {
            self.redo.pop();
            self.go_to(idx);
            return Err(format!("{}: {why}", strings::NOT_REDONE));
        }
        self.write(&ops)?;
        self.redo.pop();
        self.undo.push((idx, ops));
        self.go_to(idx);
        let (s, n) = self.progress(self.code.as_deref());
        Ok(format!("redid the decision · {s}/{n} settled"))
    }

    /// Why a batch would overwrite a newer version of the consensus file (changed on disk
    /// since the decision), if it would.
    fn conflict(&self, ops: &[Op]) -> Option<String> {
        self.consensus.conflict(ops)
    }

    fn go_to(&mut self, idx: usize) {
        if self.phase == Phase::Step
            && let Some(p) = self.list.iter().position(|i| *i == idx)
        {
            self.pos = p;
            self.show();
        }
    }
}

/// A decision in words, for the status line.
pub fn describe(decision: &Decision) -> String {
    match decision {
        Decision::TakeCoder(c) => format!("took {c}'s version"),
        Decision::Both => "kept every version".to_string(),
        Decision::None => "the code does not apply".to_string(),
        Decision::Custom { range, code } => {
            format!("coded {}..{} as {code}", range.start, range.end)
        }
    }
}
