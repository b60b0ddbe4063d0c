//! The review on the app's side: opening it (taking the consensus lock), asking for the
//! table, taking the worker's answers, closing it, and laying out its transcript.

use glose::agreement::consensus::CONSENSUS_CODER;

use super::super::app::App;
use super::super::layout::Wrapped;
use super::super::msg::Msg;
use super::super::session::OpenFile;
use super::super::view::review::{body, step_geometry};
use super::super::writer::Saved;
use super::job::{self, ReviewData};
use super::{Phase, Review};

/// Opens the review: takes the consensus lock (read-only if it is held) and starts
/// computing the table.
pub fn open(app: &mut App) {
    let consensus = OpenFile::open(
        &app.study,
        CONSENSUS_CODER,
        &app.tx,
        Msg::ConsensusSaved,
        true,
    );
    let read_only = consensus.read_only.clone();
    app.review = Some(Box::new(Review {
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
        consensus,
        undo: Vec::new(),
        redo: Vec::new(),
        view: None,
        editing: false,
        selection: glose::agreement::select::Selection::default(),
        previous: None,
    }));
    recompute(app);
    match read_only {
        Some(why) => app.error(format!("consensus is read-only: {why}")),
        None => app.info("computing agreement…"),
    }
}

/// Asks the worker for a fresh table (the old one stays shown meanwhile).
pub fn recompute(app: &mut App) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    r.generation += 1;
    r.computing = true;
    job::spawn_compute(
        app.study.clone(),
        r.selection.clone(),
        r.generation,
        app.tx.clone(),
    );
}

/// Closes the review (waits for its writes, releases the consensus lock).
pub fn close(app: &mut App) {
    if let Some(mut r) = app.review.take() {
        r.consensus.finish();
    }
    app.relayout();
}

/// The table and disagreements arrived.
pub fn on_data(app: &mut App, generation: u64, data: Result<ReviewData, String>) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    if generation != r.generation {
        return;
    }
    r.computing = false;
    let previous = r.previous.take();
    match data {
        Ok(d) => {
            r.sel = r.sel.min(d.rows.len());
            r.error = None;
            // Stepping keeps its list only if the disagreements did not change.
            let same = r
                .data
                .as_ref()
                .is_some_and(|old| old.disagreements == d.disagreements);
            if !same && r.phase == Phase::Step {
                r.phase = Phase::Table;
                r.view = None;
                r.editing = false;
            }
            if !same {
                r.undo.clear();
                r.redo.clear();
            }
            r.data = Some(d);
            r.refresh_settled();
            let n = r.data.as_ref().map_or(0, |d| d.disagreements.len());
            let s = r.settled.iter().filter(|x| **x).count();
            app.info(format!("agreement computed: {s}/{n} disagreements settled"));
        }
        Err(e) if r.data.is_some() && previous.is_some() => {
            // The table shown is still the previous choice's: keep comparing that.
            if let Some(p) = previous {
                r.selection = p;
            }
            app.error(format!("kept the previous coders: {e}"));
        }
        Err(e) => {
            r.error = Some(e.clone());
            app.error(e);
        }
    }
}

/// The consensus writer confirmed (or failed) a decision.
pub fn on_saved(app: &mut App, saved: Saved) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let error = saved.error.clone();
    if r.consensus.on_saved(saved) {
        r.refresh_settled();
    }
    if let Some(e) = error {
        app.error(format!("consensus NOT SAVED: {e}"));
    }
}

/// Re-wraps the open disagreement's transcript to the review's text width and keeps the
/// range (or, when editing, the cursor) in view.
pub fn relayout(app: &mut App) {
    let size = app.size;
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let lanes = r.data.as_ref().map_or(2, |d| d.coders.len() + 1);
    let geo = step_geometry(body(size), lanes);
    let Some(v) = r.view.as_mut() else {
        return;
    };
    let width = usize::from(geo.text.width).max(8);
    let fresh = v.wrapped.width != width || v.wrapped.lines.is_empty();
    if fresh {
        v.wrapped = Wrapped::new(&v.doc.text, width);
    }
    let height = usize::from(geo.text.height).max(1);
    let target = if r.editing {
        v.cursor
    } else {
        v.matches.first().map_or(v.cursor, |m| m.start)
    };
    let line = v.wrapped.line_of(target);
    if !r.editing {
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
