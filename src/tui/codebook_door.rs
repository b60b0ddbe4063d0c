//! The codebook door: codes created while coding (the picker's "create «…»", in-vivo
//! coding), codebook changes and their undo and redo, and a codebook changed on disk.
//! Every change goes through [`glose::codebook::commit`] (the study's codebook lock, the
//! check against the file on disk, the history); the codebook it returns replaces the
//! app's, and the codings are read again, since merges and splits live in the codebook.

use std::time::{Duration, Instant};

pub use super::codebook_undo::CodebookDoor;
use super::codebook_undo::Entry;

use glose::codebook::{Change, CodeFields, Codebook, CommitError, commit};

use super::app::App;
use super::edit;
use super::layers::picker::{PickFor, PickItem, Picker};
use super::strings;

/// How often the codebook on disk is looked at.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// Takes in the coding changes the session recorded since we last looked (they are newer
/// than anything here, and recording one cleared the redo steps).
fn reconcile(app: &mut App) {
    let known = CodebookDoor::count_coding(&app.cb.undo);
    let recorded = app.session.history.undo_len();
    if recorded > known {
        app.cb
            .undo
            .extend(std::iter::repeat_n(Entry::Coding, recorded - known));
        app.cb.redo.clear();
    }
}

/// How a commit went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Done,
    /// Refused for now (the lock is held, a file cannot be written): may be retried.
    Refused,
    /// The codebook on disk no longer matches the change: it cannot be retried.
    Stale,
}

/// Commits a codebook change made in the TUI: under the lock, onto the codebook on disk;
/// recorded for undo when `record`. The status line says what was done or why not.
pub fn commit_change(app: &mut App, change: Change, record: bool) -> bool {
    try_commit(app, change, record) == Outcome::Done
}

fn try_commit(app: &mut App, change: Change, record: bool) -> Outcome {
    if record {
        reconcile(app);
    }
    match commit(&app.session.study, &change, &app.session.coder, None) {
        Ok(cb) => {
            install(app, cb);
            app.info(glose::text::escape_controls(&strings::codebook_done(
                &change,
            )));
            if record {
                app.cb.undo.push(Entry::Codebook(change));
                app.cb.redo.clear();
                while app.session.history.redo_len() > 0 {
                    app.session.history.drop_redo();
                }
            }
            Outcome::Done
        }
        Err(e) => {
            app.error(format!("codebook not changed: {e}"));
            if matches!(e, CommitError::Change(_)) {
                Outcome::Stale
            } else {
                Outcome::Refused
            }
        }
    }
}

/// Puts a codebook in place: the tree (keeping the selected code), the other coders'
/// codings as they now resolve, the counts.
pub fn install(app: &mut App, cb: Codebook) {
    let selected = selected_code(app);
    app.session.study.codebook = cb;
    rebuild_tree(app);
    if let Some(id) = selected {
        select_code(app, &id);
    }
    // The other coders' codings are read again off the UI thread (a git pull may have
    // brought new ones); until they arrive, those already read resolve in the new codebook.
    super::session::spawn_other_codings(
        app.session.study.clone(),
        app.session.coder.clone(),
        app.tx.clone(),
    );
    app.recent
        .retain(|c| app.session.study.codebook.contains(c));
    app.refresh_codings();
}

/// Rebuilds the codebook pane's rows from the codebook.
pub fn rebuild_tree(app: &mut App) {
    let cb = &app.session.study.codebook;
    let index: std::collections::HashMap<&str, usize> = cb
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    app.tree = cb
        .tree_order()
        .into_iter()
        .filter_map(|c| Some((*index.get(c.id.as_str())?, cb.depth(&c.id))))
        .collect();
    app.code_sel = app.code_sel.min(app.tree.len().saturating_sub(1));
}

/// The code of the selected codebook row.
pub fn selected_code(app: &App) -> Option<String> {
    let (i, _) = app.tree.get(app.code_sel)?;
    Some(app.session.study.codebook.codes.get(*i)?.id.clone())
}

/// Selects a code's row in the codebook pane.
pub fn select_code(app: &mut App, id: &str) {
    let codes = &app.session.study.codebook.codes;
    if let Some(row) = app
        .tree
        .iter()
        .position(|(i, _)| codes.get(*i).is_some_and(|c| c.id == id))
    {
        app.code_sel = row;
    }
}

/// The fields of a new code labelled `label` in the label language.
pub fn label_fields(app: &App, label: &str) -> CodeFields {
    let mut fields = CodeFields::default();
    if app.lang == "en" {
        fields.label_en = Some(label.to_string());
    } else {
        fields.label_fr = Some(label.to_string());
    }
    fields
}

/// Creates a code labelled `label` under `parent` and returns its id (`None`, with the
/// reason in the status line, when refused).
pub fn create_code(app: &mut App, label: &str, parent: Option<&str>) -> Option<String> {
    let fields = label_fields(app, label);
    let change = match app.session.study.codebook.op_add(None, parent, &fields) {
        Ok(c) => c,
        Err(e) => {
            app.error(format!("code not created: {e}"));
            return None;
        }
    };
    let id = change.steps.first()?.id.clone();
    commit_change(app, change, true).then_some(id)
}

/// Creates a code and codes the selection with it, in one step (the picker's create row,
/// in-vivo coding). The selection is checked first, so that no code is created for
/// nothing.
pub fn create_and_apply(app: &mut App, label: &str, parent: Option<&str>) -> bool {
    if app.view.as_ref().and_then(|v| v.selection()).is_none() {
        app.error(strings::NEED_SELECTION.to_string());
        return false;
    }
    if let Some(why) = &app.session.mine.read_only {
        app.error(format!("read-only: {why}: no code created"));
        return false;
    }
    let Some(id) = create_code(app, label, parent) else {
        return false;
    };
    if edit::code_selection(app, &id) {
        app.info(strings::created_and_coded(&id, app.label(&id)));
        true
    } else {
        false
    }
}

/// In-vivo coding: a code named after the selected words, applied to them.
pub fn in_vivo(app: &mut App) {
    let Some(words) = app
        .view
        .as_ref()
        .and_then(|v| Some(v.doc.slice(v.selection()?).to_string()))
    else {
        app.error(strings::NEED_SELECTION.to_string());
        return;
    };
    let label = in_vivo_label(&words);
    if label.is_empty() {
        app.error("the selection has no words to name a code after".to_string());
        return;
    }
    let parent = edit::default_parent(app);
    create_and_apply(app, &label, parent.as_deref());
}

/// A code label from a passage's words: one line, quotes and punctuation trimmed, at most
/// six words and 40 characters, cut between words, and at the end of the first clause
/// once it has three words.
pub fn in_vivo_label(words: &str) -> String {
    const MAX_WORDS: usize = 6;
    const MAX_CHARS: usize = 40;
    let trim = |c: char| !c.is_alphanumeric();
    let mut label = String::new();
    for (n, w) in words.split_whitespace().take(MAX_WORDS).enumerate() {
        if n >= 3 && label.ends_with([',', ';', ':', '.', '!', '?', '»']) {
            break;
        }
        let candidate = if label.is_empty() {
            w.to_string()
        } else {
            format!("{label} {w}")
        };
        if candidate.trim_matches(trim).chars().count() > MAX_CHARS {
            if label.is_empty() {
                label = w.chars().take(MAX_CHARS).collect();
            }
            break;
        }
        label = candidate;
    }
    label.trim_matches(trim).to_string()
}

/// Puts the picker aside (inside the parent chooser, which gives it back) and opens the
/// choice of the new code's parent.
pub fn choose_parent(app: &mut App, p: Box<Picker>) {
    let mut items = edit::code_items(app);
    items.insert(0, top_level_item());
    let mut chooser = Picker::new(PickFor::Parent, items);
    chooser.back = Some(p);
    app.open(chooser);
}

/// The "top level" candidate of a parent choice (id empty).
pub fn top_level_item() -> PickItem {
    PickItem {
        id: String::new(),
        label: strings::TOP_LEVEL.to_string(),
        detail: String::new(),
        rgb: None,
        depth: 0,
        hay: glose::text::fold(&strings::TOP_LEVEL),
    }
}

/// The parent was chosen (`""`: top level): back to the picker put aside, with it.
pub fn parent_chosen(app: &mut App, mut p: Box<Picker>, parent: &str) {
    p.parent = (!parent.is_empty()).then(|| parent.to_string());
    let under = p
        .parent
        .as_deref()
        .map_or(strings::TOP_LEVEL.to_string(), |id| {
            app.label(id).to_string()
        });
    app.info(format!("a new code will go under {under}"));
    p.sel = p.rows().saturating_sub(1);
    app.layers.push(p);
}

/// Undoes the last change, coding or codebook.
pub fn undo(app: &mut App) {
    reconcile(app);
    match app.cb.undo.last().cloned() {
        Some(Entry::Codebook(change)) => {
            if let Some(why) = still_coded(app, &change.inverse()) {
                app.error(glose::text::escape_controls(&strings::not_undone(
                    &strings::codebook_done(&change),
                    &why,
                )));
                return;
            }
            match try_commit(app, change.inverse(), false) {
                Outcome::Done => {
                    app.cb.undo.pop();
                    app.info(glose::text::escape_controls(&strings::stepped(
                        strings::UNDID.get(),
                        &strings::codebook_done(&change),
                    )));
                    app.cb.redo.push(Entry::Codebook(change));
                }
                // Changed since by someone else: it can no longer be undone safely.
                Outcome::Stale => {
                    app.cb.undo.pop();
                }
                Outcome::Refused => {}
            }
        }
        _ => {
            let (undo, redo) = lens(app);
            edit::undo(app);
            let (undo2, redo2) = lens(app);
            if undo2 < undo {
                app.cb.undo.pop();
                if redo2 > redo {
                    app.cb.redo.push(Entry::Coding);
                }
            }
        }
    }
}

/// Redoes the last undone change, coding or codebook.
pub fn redo(app: &mut App) {
    reconcile(app);
    match app.cb.redo.last().cloned() {
        Some(Entry::Codebook(change)) => match try_commit(app, change.clone(), false) {
            Outcome::Done => {
                app.cb.redo.pop();
                app.info(glose::text::escape_controls(&strings::stepped(
                    strings::REDID.get(),
                    &strings::codebook_done(&change),
                )));
                app.cb.undo.push(Entry::Codebook(change));
            }
            Outcome::Stale => {
                app.cb.redo.pop();
            }
            Outcome::Refused => {}
        },
        _ => {
            let (undo, redo) = lens(app);
            edit::redo(app);
            let (undo2, redo2) = lens(app);
            if redo2 < redo {
                app.cb.redo.pop();
                if undo2 > undo {
                    app.cb.undo.push(Entry::Coding);
                }
            }
        }
    }
}

fn lens(app: &App) -> (usize, usize) {
    (
        app.session.history.undo_len(),
        app.session.history.redo_len(),
    )
}

/// Why a change would leave codings without their code (how many, and whose), or `None`.
/// The coder's own codings are the session's, so those not yet saved count too.
pub fn still_coded(app: &App, change: &Change) -> Option<String> {
    let mut all = app.session.others.clone();
    all.extend(app.session.mine.codings.iter().cloned());
    let by = change.would_orphan(&app.session.study.codebook, &all);
    if by.is_empty() {
        return None;
    }
    let total: usize = by.values().sum();
    let whose: Vec<String> = by.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    Some(format!(
        "{total} coding(s) would lose their code {} ({}): remove or move them first",
        change.codes().join(", "),
        whose.join(", ")
    ))
}

/// Looks at the codebook on disk (at most every two seconds) and takes a change in
/// (a `git pull`, another coder), or says it will once the open edit is closed.
pub fn poll_disk(app: &mut App) {
    let now = Instant::now();
    if app
        .cb
        .last_poll
        .is_some_and(|t| now.duration_since(t) < POLL_EVERY)
    {
        return;
    }
    app.cb.last_poll = Some(now);
    reload_if_changed(app);
}

impl App {
    /// Lets the next tick look at the codebook on disk at once (tests).
    #[cfg(test)]
    pub fn cb_poll_now(&mut self) {
        self.cb.last_poll = None;
    }
}

/// Reloads the codebook if it changed on disk; returns whether it did.
pub fn reload_if_changed(app: &mut App) -> bool {
    if !app.cb.reload_waiting && !app.session.study.codebook.changed_on_disk() {
        return false;
    }
    if !app.layers.is_empty() {
        if !app.cb.reload_waiting {
            app.cb.reload_waiting = true;
            app.info("the codebook changed on disk: it will be read again when this closes");
        }
        return false;
    }
    app.cb.reload_waiting = false;
    let path = app
        .session
        .study
        .root
        .join(&app.session.study.config.codebook);
    match Codebook::load(&path) {
        Ok(cb) => {
            install(app, cb);
            app.info("the codebook changed on disk (a git pull, another coder): read again");
            true
        }
        Err(e) => {
            app.error(format!(
                "the codebook changed on disk and cannot be read: {e}; keeping the one shown"
            ));
            false
        }
    }
}
