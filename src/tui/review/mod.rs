//! The agreement review: the per-code table (computed off the UI thread), stepping through
//! the disagreements of a code (or all) with every coder's stripes side by side, and
//! settling each one into the `consensus` coder's file, with undo.
//!
//! The consensus file is an ordinary coder file, held by the session as the coder's own is
//! ([`super::session::Session::consensus`], an [`OpenFile`]: its lock is taken when the
//! review opens; if another glose holds it, the review is read-only). A decision is an
//! [`Edit`] on that file, committed and undone through the session's one history with
//! the coder's own edits; the review only turns a decision into the edit and follows the
//! consensus mirror (which disagreements are settled).

pub mod control;
pub mod draw;
pub mod job;

use glose::agreement::consensus::{Decision, consensus_ops, settled};
use glose::agreement::disagreements::Disagreement;
use glose::store::{Edit, Op};

use super::actions::Ctx;
use super::doc_view::DocView;
use super::layout::Wrapped;
use super::session::OpenFile;
use super::strings;
use job::ReviewData;

/// What the review shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The per-code table.
    Table,
    /// One disagreement at a time.
    Step,
    /// Editing the decision on the current disagreement: keys select a new span (the
    /// transcript's motions), then `c` picks its code.
    Edit,
}

/// The review's state: a layer over the panes (its keys and drawing are in
/// `layers::review`).
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
    /// The open disagreement's transcript (cursor and selection are used when editing).
    pub view: Option<DocView>,
    /// What is compared (the default: the design's coders and documents).
    pub selection: glose::agreement::select::Selection,
    /// The popup choosing coders and documents, when open.
    /// The selection before the popup's last choice, restored if that choice fails.
    pub previous: Option<glose::agreement::select::Selection>,
}

impl Default for Review {
    fn default() -> Self {
        Self::new()
    }
}

impl Review {
    /// The review over the study, in its table, before the first computation.
    pub fn new() -> Self {
        Self {
            phase: Phase::Table,
            generation: 0,
            computing: false,
            data: None,
            error: None,
            sel: 0,
            code: None,
            list: Vec::new(),
            pos: 0,
            settled: Vec::new(),
            view: None,
            selection: glose::agreement::select::Selection::default(),
            previous: None,
        }
    }

    /// The key context: the table, stepping, or editing a decision.
    pub fn key_ctx(&self) -> Ctx {
        match self.phase {
            Phase::Table => Ctx::ReviewTable,
            Phase::Step => Ctx::Review,
            Phase::Edit => Ctx::ReviewEdit,
        }
    }

    /// Starts a new computation of the table: what to compute, and its generation
    /// (answers to older ones are dropped).
    pub fn recompute(&mut self) -> (glose::agreement::select::Selection, u64) {
        self.generation += 1;
        self.computing = true;
        (self.selection.clone(), self.generation)
    }

    /// The table and disagreements of computation `generation` arrived (ignored if a newer
    /// one was asked for): returns the message for the status line and whether it is an
    /// error, or `None`.
    pub fn on_data(
        &mut self,
        generation: u64,
        data: Result<ReviewData, String>,
        consensus: Option<&OpenFile>,
    ) -> Option<(String, bool)> {
        if generation != self.generation {
            return None;
        }
        self.computing = false;
        let previous = self.previous.take();
        match data {
            Ok(d) => {
                self.sel = self.sel.min(d.rows.len());
                self.error = None;
                // Stepping keeps its list only if the disagreements did not change.
                let same = self
                    .data
                    .as_ref()
                    .is_some_and(|old| old.disagreements == d.disagreements);
                if !same && self.phase != Phase::Table {
                    self.phase = Phase::Table;
                    self.view = None;
                }
                self.data = Some(d);
                if let Some(c) = consensus {
                    self.refresh_settled(c);
                }
                let n = self.data.as_ref().map_or(0, |d| d.disagreements.len());
                let s = self.settled.iter().filter(|x| **x).count();
                Some((strings::agreement_computed(s, n), false))
            }
            Err(e) if self.data.is_some() && previous.is_some() => {
                // The table shown is still the previous choice's: keep comparing that.
                if let Some(p) = previous {
                    self.selection = p;
                }
                Some((strings::kept_previous_coders(&e), true))
            }
            Err(e) => {
                self.error = Some(e.clone());
                Some((e, true))
            }
        }
    }

    /// Re-wraps the open disagreement's transcript to the review's text width on a screen
    /// of `size`, and keeps the range (or, when editing, the cursor) in view.
    pub fn relayout(&mut self, size: (u16, u16)) {
        let lanes = self.data.as_ref().map_or(2, |d| d.coders.len() + 1);
        let geo = draw::step_geometry(draw::body(size), lanes);
        let editing = self.phase == Phase::Edit;
        let Some(v) = self.view.as_mut() else {
            return;
        };
        let width = usize::from(geo.text.width).max(8);
        let fresh = v.wrapped.width != width || v.wrapped.lines.is_empty();
        if fresh {
            v.wrapped = Wrapped::new(&v.doc.text, width);
        }
        let height = usize::from(geo.text.height).max(1);
        let target = if editing {
            v.cursor
        } else {
            v.matches.first().map_or(v.cursor, |m| m.start)
        };
        let line = v.wrapped.line_of(target);
        if !editing {
            // Scrolling is free; only a fresh layout puts the range back in view.
            if fresh {
                v.top = line.saturating_sub(2);
            }
            v.top = v.top.min(v.wrapped.lines.len().saturating_sub(1));
            return;
        }
        if line < v.top {
            v.top = line;
        } else if line >= v.top + height {
            v.top = line + 1 - height;
        }
    }

    /// Recomputes which disagreements are settled from the consensus mirror.
    pub fn refresh_settled(&mut self, consensus: &OpenFile) {
        self.settled = self.data.as_ref().map_or_else(Vec::new, |d| {
            d.disagreements
                .iter()
                .map(|x| settled(x, consensus))
                .collect()
        });
    }

    /// The consensus file changed by `ops` (a decision, its undo or redo): recomputes the
    /// settled flags of the disagreements on the documents they touch (a decision touches
    /// one document; the whole study can hold thousands) and returns the disagreements
    /// whose flag changed, in order.
    pub fn changed(&mut self, ops: &[Op], consensus: &OpenFile) -> Vec<usize> {
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
            return Vec::new();
        };
        if self.settled.len() != data.disagreements.len() {
            self.refresh_settled(consensus);
            return Vec::new();
        }
        let mut flipped = Vec::new();
        for (i, (d, flag)) in data
            .disagreements
            .iter()
            .zip(self.settled.iter_mut())
            .enumerate()
        {
            if docs.contains(&d.doc.as_str()) {
                let now = settled(d, consensus);
                if now != *flag {
                    flipped.push(i);
                }
                *flag = now;
            }
        }
        flipped
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
        if self.phase == Phase::Edit {
            self.phase = Phase::Step;
        }
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

    /// The edit that records a decision on the current disagreement in the consensus
    /// file (`consensus`, its mirror), named after what was decided.
    pub fn decision_edit(&self, decision: &Decision, consensus: &OpenFile) -> Result<Edit, String> {
        let idx = self.current().ok_or(strings::NO_DISAGREEMENT)?;
        let data = self.data.as_ref().ok_or(strings::STILL_COMPUTING)?;
        let d = data
            .disagreements
            .get(idx)
            .ok_or(strings::NO_DISAGREEMENT)?;
        let doc = data
            .docs
            .iter()
            .find(|x| x.id == d.doc)
            .ok_or_else(|| strings::doc_not_loaded(&d.doc))?;
        let ops = consensus_ops(d, decision, doc, consensus).map_err(|e| e.to_string())?;
        let what = strings::settled_in(&d.code, &d.doc, &settled_as(decision));
        Ok(Edit::many(ops, what).on_file(consensus.coder.clone()))
    }

    /// A decision was committed and settled (or unsettled) the disagreements `flipped`:
    /// moves on to the next unsettled one; returns the status message.
    pub fn decided(&mut self, decision: &Decision, flipped: &[usize]) -> String {
        let what = describe(decision);
        let now_settled = flipped
            .iter()
            .filter(|i| self.settled.get(**i).copied().unwrap_or(false))
            .count();
        let many = if now_settled > 1 {
            strings::settled_at_once(now_settled)
        } else {
            String::new()
        };
        let (s, n) = self.progress(self.code.as_deref());
        let more = if self.advance() {
            String::new()
        } else {
            strings::ALL_SETTLED.to_string()
        };
        format!("{what}{many}{}{more}", strings::progress(s, n))
    }

    /// A decision was undone or redone (`what`, `verb`: undid, redid), changing the
    /// disagreements `flipped`: goes back to the first of them; returns the message.
    pub fn stepped(&mut self, verb: &str, what: &str, flipped: &[usize]) -> String {
        if let Some(idx) = flipped.iter().find(|i| self.list.contains(i)) {
            self.go_to(*idx);
        }
        let (s, n) = self.progress(self.code.as_deref());
        format!(
            "{}{}",
            strings::stepped(verb, what),
            strings::progress(s, n)
        )
    }

    fn go_to(&mut self, idx: usize) {
        if self.phase != Phase::Table
            && let Some(p) = self.list.iter().position(|i| *i == idx)
        {
            self.pos = p;
            self.show();
        }
    }
}

/// What a disagreement was settled as, for the history (`settled role in E01 as …`).
pub fn settled_as(decision: &Decision) -> String {
    match decision {
        Decision::TakeCoder(c) => strings::as_coders_version(c),
        Decision::Both => strings::AS_EVERY_VERSION.to_string(),
        Decision::None => strings::AS_NOT_APPLYING.to_string(),
        Decision::Custom { range, code } => strings::as_custom(code, range.start, range.end),
    }
}

/// A decision in words, for the status line.
pub fn describe(decision: &Decision) -> String {
    match decision {
        Decision::TakeCoder(c) => strings::took_version(c),
        Decision::Both => strings::KEPT_EVERY_VERSION.to_string(),
        Decision::None => strings::DOES_NOT_APPLY.to_string(),
        Decision::Custom { range, code } => strings::coded_as(code, range.start, range.end),
    }
}
