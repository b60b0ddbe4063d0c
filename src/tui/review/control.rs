//! The review on the app's side: opening its layer (the session takes the consensus
//! lock), doing what the layer asks ([`Ask`]: commit a decision, compute the table, undo),
//! taking the worker's answers, and closing it.

use glose::agreement::consensus::Decision;
use glose::agreement::select::Selection;

use super::super::app::App;
use super::super::layers::review::Ask;
use super::super::layers::review_coders::{Chooser, Scope};
use super::super::session::Step;
use super::super::strings;
use super::super::writer::Saved;
use super::Review;
use super::job::{self, ReviewData};

/// Opens the review: the session takes the consensus lock (read-only if it is held), the
/// layer goes on top and its table is computed.
pub fn open(app: &mut App) {
    let read_only = app.session.open_consensus();
    app.open(Review::new());
    recompute(app);
    match read_only {
        Some(why) => app.error(strings::consensus_read_only(&why)),
        None => app.info(strings::COMPUTING_AGREEMENT),
    }
}

/// Does what the review's layer asked (but undo, redo and the global actions, which
/// `update` does as from anywhere).
pub fn run(app: &mut App, ask: Ask) {
    match ask {
        Ask::Decide { decision, edit } => {
            let res = decide(app, &decision, *edit);
            report(app, res);
        }
        Ask::Compute(selection, generation) => compute(app, selection, generation),
        Ask::ChooseCoders => choose_coders(app),
        // Handled by `update` (one undo for every change, the global actions).
        Ask::Undo | Ask::Redo | Ask::Act(_) => {}
        Ask::Error(e) => app.error(e),
        Ask::Closed => {
            app.session.close_consensus();
            app.relayout();
        }
    }
    relayout(app);
}

fn report(app: &mut App, res: Result<String, String>) {
    match res {
        Ok(m) => app.info(m),
        Err(e) => app.error(e),
    }
}

/// Asks the worker for a fresh table (the old one stays shown meanwhile).
pub fn recompute(app: &mut App) {
    if let Some((selection, generation)) = app.review_mut().map(Review::recompute) {
        compute(app, selection, generation);
    }
}

fn compute(app: &mut App, selection: Selection, generation: u64) {
    job::spawn_compute(
        app.session.study.clone(),
        selection,
        generation,
        app.tx.clone(),
    );
}

/// Opens the popup choosing whom the review compares (the open document can be chosen).
fn choose_coders(app: &mut App) {
    let doc = app.view.as_ref().map(|v| v.doc.id.clone());
    let Some(r) = app.review() else {
        return;
    };
    let Some(data) = r.data.as_ref() else {
        app.info(strings::STILL_COMPUTING);
        return;
    };
    let scope = if r.selection.docs.is_some() {
        Scope::Current
    } else {
        Scope::Common
    };
    let chooser = Chooser::new(&data.candidates, &data.coders, scope, doc);
    app.open(chooser);
    app.info(strings::CHOOSER_HINT);
}

/// Compares the coders and documents chosen in the popup: recomputes the table.
pub fn compare(app: &mut App, selection: Selection) {
    let Some(r) = app.review_mut() else {
        return;
    };
    r.previous = Some(std::mem::replace(&mut r.selection, selection));
    r.sel = 0;
    recompute(app);
    app.info(strings::COMPUTING_AGREEMENT);
}

/// The table and disagreements arrived.
pub fn on_data(app: &mut App, generation: u64, data: Result<ReviewData, String>) {
    let consensus = app.session.consensus.as_ref();
    let Some(r) = app
        .layers
        .iter_mut()
        .rev()
        .find_map(|l| super::super::layers::downcast_mut::<Review>(l.as_mut()))
    else {
        return;
    };
    match r.on_data(generation, data, consensus) {
        Some((m, false)) => app.info(m),
        Some((e, true)) => app.error(e),
        None => {}
    }
    relayout(app);
}

/// The consensus writer confirmed (or failed) a decision.
pub fn on_saved(app: &mut App, saved: Saved) {
    let error = saved.error.clone();
    if app.session.on_consensus_saved(saved)
        && let Some(c) = app.session.consensus.as_ref()
        && let Some(r) = app
            .layers
            .iter_mut()
            .rev()
            .find_map(|l| super::super::layers::downcast_mut::<Review>(l.as_mut()))
    {
        r.refresh_settled(c);
    }
    if let Some(e) = error {
        app.error(strings::consensus_not_saved(&e));
    }
}

/// Re-wraps the open disagreement's transcript to the screen.
pub fn relayout(app: &mut App) {
    let size = app.size;
    if let Some(r) = app.review_mut() {
        r.relayout(size);
    }
}

/// Commits a decision's edit: the session applies it to the consensus file and records it
/// in the one history; the review follows. Returns the status message or why it was
/// refused.
fn decide(app: &mut App, decision: &Decision, edit: glose::store::Edit) -> Result<String, String> {
    let ops = edit.ops.clone();
    app.session.commit(edit, true)?;
    let consensus = app.session.consensus.as_ref();
    let r = app
        .layers
        .iter_mut()
        .rev()
        .find_map(|l| super::super::layers::downcast_mut::<Review>(l.as_mut()))
        .ok_or(strings::REVIEW_NOT_OPEN)?;
    let flipped = consensus.map_or_else(Vec::new, |c| r.changed(&ops, c));
    Ok(r.decided(decision, &flipped))
}

/// The picker chose the code of an edited decision: settle with the selected span.
pub fn picked_code(app: &mut App, code: &str) {
    let edit = {
        let (Some(r), Some(c)) = (app.review(), app.session.consensus.as_ref()) else {
            return;
        };
        let Some(decision) = r.custom_decision(code) else {
            app.info(strings::NEED_SELECTION);
            return;
        };
        r.decision_edit(&decision, c).map(|e| (decision, e))
    };
    let res = edit.and_then(|(decision, edit)| decide(app, &decision, edit));
    if res.is_ok()
        && let Some(r) = app.review_mut()
        && r.phase == super::Phase::Edit
    {
        // Nothing left to advance to: show the decided one again.
        r.show();
    }
    report(app, res);
    relayout(app);
}

/// An undo or redo acted on the consensus file: the review's table and flags follow, and
/// it goes back to the disagreement it changed.
pub fn stepped(app: &mut App, verb: &str, step: &Step) {
    let consensus = app.session.consensus.as_ref();
    let found = app
        .layers
        .iter_mut()
        .rev()
        .find_map(|l| super::super::layers::downcast_mut::<Review>(l.as_mut()));
    let message = match (found, consensus) {
        (Some(r), Some(c)) => {
            let flipped = r.changed(&step.edit.ops, c);
            r.stepped(verb, &step.what, &flipped)
        }
        _ => strings::stepped(verb, &step.what),
    };
    app.info(message);
    relayout(app);
}
