//! The team in the transcript: choosing the other coders whose codings are drawn beside
//! this coder's (read-only), and this coder's own duplicate spans (overlapping codings
//! of one code), warned about when made and merged into one on request, as one undoable
//! change.

use glose::duplicates::{DuplicateGroup, duplicate_spans, merge_plan};
use glose::store::Edit;

use super::app::App;
use super::layers::show_coders::ShowCoders;
use super::strings;

/// Opens the chooser of the coders shown beside this coder's codings.
pub fn choose(app: &mut App) {
    if app.team.is_empty() {
        let busy = app.session.jobs.keys().any(|j| j.contains("other coders"));
        app.info(if busy {
            strings::OTHERS_STILL_READING
        } else {
            strings::NO_OTHER_CODERS
        });
        return;
    }
    let chooser = ShowCoders::new(&app.team, &app.shown);
    app.open(chooser);
}

/// The chooser was applied: these coders are shown from now on.
pub fn shown(app: &mut App, coders: Vec<String>) {
    let message = if coders.is_empty() {
        strings::SHOWING_ONLY_YOURS.to_string()
    } else {
        strings::showing(&legend(app, &coders))
    };
    app.show_coders(coders);
    app.info(message);
}

/// `A coder-a · B coder-b`: the letter and name of each shown coder.
pub fn legend(app: &App, coders: &[String]) -> String {
    coders
        .iter()
        .map(|c| match app.coder_letter(c) {
            Some((_, l)) => format!("{l} {c}"),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// This coder's group of overlapping codings of one code on the open document that holds
/// the coding `id`, if there is one.
pub fn duplicates_of(app: &App, id: &str) -> Option<DuplicateGroup> {
    let view = app.view.as_ref()?;
    duplicate_spans(&view.codings)
        .into_iter()
        .find(|g| g.codings.iter().any(|c| c.id == id))
}

/// The group of duplicate spans to merge: the one holding the coding under focus, else
/// one under the cursor.
fn group_here(app: &App) -> Option<DuplicateGroup> {
    let view = app.view.as_ref()?;
    let groups = duplicate_spans(&view.codings);
    if let Some(id) = &view.focus
        && let Some(g) = groups
            .iter()
            .find(|g| g.codings.iter().any(|c| &c.id == id))
    {
        return Some(g.clone());
    }
    groups
        .into_iter()
        .find(|g| g.union().contains(&view.cursor))
}

/// Merges this coder's overlapping codings of one code under the cursor into one coding
/// over their union, as one change (one `u` undoes it).
pub fn merge_duplicates(app: &mut App) {
    let Some(group) = group_here(app) else {
        app.info(strings::NO_DUPLICATES_HERE);
        return;
    };
    let Some(view) = app.view.as_ref() else {
        return;
    };
    let ops = merge_plan(&view.doc, &group);
    let keep = group.codings.first().map(|c| c.id.clone());
    let what = strings::merged(group.codings.len(), app.label(&group.code));
    if app.commit(Edit::many(ops, what), true)
        && let Some(v) = app.view.as_mut()
    {
        v.focus = keep;
    }
}

/// Warns when the coding just made overlaps another of this coder's with the same code
/// (exports would count the passage twice), and says how to merge them.
pub fn warn_duplicate(app: &mut App, id: &str) {
    if let Some(group) = duplicates_of(app, id) {
        let warning = strings::duplicate_warning(app.label(&group.code), group.codings.len());
        app.error(warning);
    }
}
