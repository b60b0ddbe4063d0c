//! The review on the app's side: opening it (taking the consensus lock), asking for the
//! table, taking the worker's answers, closing it, and laying out its transcript.

use super::super::app::App;
use super::super::layout::Wrapped;
use glose::agreement::consensus::Decision;

use super::super::session::Step;
use super::super::view::review::{body, step_geometry};
use super::super::writer::Saved;
use super::job::{self, ReviewData};
use super::{Phase, Review};

/// Opens the review: takes the consensus lock (read-only if it is held) and starts
/// computing the table.
pub fn open(app: &mut App) {
    let read_only = app.session.open_consensus(&app.study, &app.tx);
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

/// Closes the review (waits for its writes, releases the consensus lock; its decisions
/// stay in the session's history).
pub fn close(app: &mut App) {
    app.review = None;
    app.session.close_consensus();
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
            r.data = Some(d);
            if let Some(c) = app.session.consensus.as_ref() {
                r.refresh_settled(c);
            }
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
    let error = saved.error.clone();
    if app.session.on_consensus_saved(saved)
        && let (Some(r), Some(c)) = (app.review.as_mut(), app.session.consensus.as_ref())
    {
        r.refresh_settled(c);
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

/// Records a decision on the current disagreement: its edit is committed by the session
/// on the consensus file and recorded in the one history; the review follows. Returns
/// the status message or why it was refused.
pub fn decide(app: &mut App, decision: &Decision) -> Result<String, String> {
    let (Some(r), Some(c)) = (app.review.as_ref(), app.session.consensus.as_ref()) else {
        return Err("the review is not open".to_string());
    };
    let edit = r.decision_edit(decision, c)?;
    let ops = edit.ops.clone();
    app.session.commit(edit, true)?;
    let (Some(r), Some(c)) = (app.review.as_mut(), app.session.consensus.as_ref()) else {
        return Err("the review is not open".to_string());
    };
    let flipped = r.changed(&ops, c);
    Ok(r.decided(decision, &flipped))
}

/// An undo or redo acted on the consensus file: the review's table and flags follow, and
/// it goes back to the disagreement it changed.
pub fn stepped(app: &mut App, verb: &str, step: &Step) {
    let message = match (app.review.as_mut(), app.session.consensus.as_ref()) {
        (Some(r), Some(c)) => {
            let flipped = r.changed(&step.edit.ops, c);
            r.stepped(verb, &step.what, &flipped)
        }
        _ => format!("{verb}: {}", step.what),
    };
    app.info(message);
    relayout(app);
}
