//! Changes to codings and memos: code, remove, change code, resize or place, memos, undo
//! and redo. Every change goes through [`App::commit`], which hands it to the writer.

use glose::store::{Memo, MemoTarget, Op, make_anchor, new_coding, new_id, now};

use super::app::App;
use super::layers::memo::{MemoEditor, MemoFor};
use super::layers::picker::{PickFor, PickItem, Picker};
use super::session::Step;
use super::strings;

/// Codes the selection (or nothing, with a message) with `code`.
pub fn code_selection(app: &mut App, code: &str) -> bool {
    if !app.session.study.codebook.contains(code) {
        app.error(strings::unknown_code(code));
        return false;
    }
    let coder = app.session.coder.clone();
    let Some(view) = app.view.as_ref() else {
        app.error(strings::NO_DOCUMENT.to_string());
        return false;
    };
    let Some(range) = view.selection() else {
        app.error(strings::NEED_SELECTION.to_string());
        return false;
    };
    let coding = new_coding(&view.doc, code, range, None, &coder);
    let id = coding.id.clone();
    if app.commit(Op::Add(coding), true) {
        app.touch_recent(code);
        if let Some(v) = app.view.as_mut() {
            v.anchor = None;
            v.selecting = false;
            v.unit = None;
            v.focus = Some(id.clone());
        }
        super::team::warn_duplicate(app, &id);
        true
    } else {
        false
    }
}

/// Removes the coding under focus, or else the innermost under the cursor, and says
/// which (its code) and how many others are still under the cursor.
pub fn remove_here(app: &mut App) {
    let Some(c) = app.coding_here().cloned() else {
        app.error(strings::NO_CODING_HERE.to_string());
        return;
    };
    let label = app.label(&c.code).to_string();
    if app.commit(Op::Remove(c.clone()), true) {
        let others = app.view.as_ref().map_or(0, |v| {
            v.codings
                .iter()
                .filter(|o| o.start <= v.cursor && v.cursor < o.end)
                .count()
        });
        app.info(strings::removed(&label, &c.code, others));
    }
}

/// Changes the code of a coding.
pub fn change_code(app: &mut App, coding_id: &str, code: &str) {
    let Some(before) = app.session.mine.coding(coding_id).cloned() else {
        app.error(strings::NO_CODING_HERE.to_string());
        return;
    };
    if before.code == code {
        return;
    }
    let mut after = before.clone();
    after.code = code.to_string();
    after.modified = now();
    if app.commit(Op::Update { before, after }, true) {
        app.touch_recent(code);
    }
}

/// Gives the coding under focus (or being placed) the selected span.
pub fn respan(app: &mut App) {
    let target = app
        .placing()
        .map(str::to_string)
        .or_else(|| app.coding_here().map(|c| c.id.clone()));
    let Some(id) = target else {
        app.error(strings::NO_CODING_HERE.to_string());
        return;
    };
    let Some(view) = app.view.as_ref() else {
        return;
    };
    let Some(range) = view.selection() else {
        app.error(strings::NEED_SELECTION.to_string());
        return;
    };
    let Some(before) = app.session.mine.coding(&id).cloned() else {
        app.error(strings::NO_CODING_HERE.to_string());
        return;
    };
    if before.doc != view.doc.id {
        app.error(strings::belongs_to(&before.doc));
        return;
    }
    let mut after = before.clone();
    after.start = range.start;
    after.end = range.end;
    after.anchor = make_anchor(&view.doc, range);
    after.modified = now();
    if app.commit(Op::Update { before, after }, true) {
        if app.stop_placing() {
            app.orphans.retain(|o| o.coding.id != id);
            app.info(strings::PLACED);
        }
        if let Some(v) = app.view.as_mut() {
            v.anchor = None;
            v.selecting = false;
            v.focus = Some(id);
        }
    }
}

/// Undoes the last change (a coding, or a review decision on the consensus file), on the
/// file it acted on; the session refuses it if it would overwrite a newer version.
pub fn undo(app: &mut App) {
    match app.session.undo() {
        Ok(Some(step)) => stepped(app, strings::UNDID.get(), &step),
        Ok(None) => app.info(strings::NOTHING_TO_UNDO),
        Err(e) => app.error(e),
    }
}

/// Redoes the last undone change.
pub fn redo(app: &mut App) {
    match app.session.redo() {
        Ok(Some(step)) => stepped(app, strings::REDID.get(), &step),
        Ok(None) => app.info(strings::NOTHING_TO_REDO),
        Err(e) => app.error(e),
    }
}

/// Shows where an undo or redo acted: a coding change in the transcript, a decision in
/// the review.
fn stepped(app: &mut App, verb: &str, step: &Step) {
    if step.edit.file.is_some() {
        super::review::control::stepped(app, verb, step);
        return;
    }
    show_place(app, &step.edit);
    app.refresh_codings();
    app.info(strings::stepped(verb, &step.what));
}

/// Moves the view to where an undo or redo acts (opening its document if another one is
/// shown), so that a change is never made out of sight.
fn show_place(app: &mut App, edit: &glose::store::Edit) {
    let Some((doc, range)) = edit.place() else {
        return;
    };
    let shown = app.view.as_ref().is_some_and(|v| v.doc.id == doc);
    let cursor = app.view.as_ref().map_or(0, |v| v.cursor);
    if !shown || !range.contains(&cursor) {
        let doc = doc.to_string();
        app.open_doc(&doc, range.start);
    }
}

/// The codebook as picker candidates, in tree order.
pub fn code_items(app: &App) -> Vec<PickItem> {
    app.tree
        .iter()
        .filter_map(|(i, depth)| {
            let c = app.session.study.codebook.codes.get(*i)?;
            Some(PickItem {
                id: c.id.clone(),
                label: c.label(&app.lang).to_string(),
                detail: c.id.clone(),
                rgb: c.rgb(),
                depth: *depth,
                hay: glose::text::fold(
                    &[&c.id, &c.label_fr, &c.label_en]
                        .map(|s| s.as_str())
                        .join(&super::layers::picker::NAME_SEP.to_string()),
                ),
            })
        })
        .collect()
}

/// Opens the code picker for a purpose.
pub fn open_picker(app: &mut App, purpose: PickFor) {
    let items = match purpose {
        PickFor::JumpDoc => app
            .docs
            .iter()
            .map(|d| PickItem {
                id: d.id.clone(),
                label: format!("{}  {}", d.id, d.company),
                detail: app.stage_label(&d.stage).to_string(),
                rgb: None,
                depth: 0,
                hay: d.haystack.clone(),
            })
            .collect(),
        _ => code_items(app),
    };
    let mut picker = Picker::new(purpose, items);
    if picker.purpose.offers_create() {
        picker.parent = default_parent(app);
    }
    app.open(picker);
}

/// Opens the memo editor on a target.
pub fn open_memo(app: &mut App, target: MemoFor) {
    let (title, text) = match &target {
        MemoFor::Coding(id) => {
            let Some(c) = app.session.mine.coding(id) else {
                app.error(strings::NO_CODING_HERE.to_string());
                return;
            };
            (
                format!("{} on {} · {}", strings::MEMO, app.label(&c.code), c.doc),
                c.memo.clone().unwrap_or_default(),
            )
        }
        MemoFor::Doc(d) => (
            format!("{} {} {d}", strings::MEMO, strings::ON_DOCUMENT),
            app.session
                .mine
                .memo(&MemoTarget::Doc(d.clone()))
                .map(|m| m.text.clone())
                .unwrap_or_default(),
        ),
        MemoFor::Code(c) => (
            format!("{} {} {}", strings::MEMO, strings::ON_CODE, app.label(c)),
            app.session
                .mine
                .memo(&MemoTarget::Code(c.clone()))
                .map(|m| m.text.clone())
                .unwrap_or_default(),
        ),
    };
    app.open(MemoEditor::new(target, title, text));
}

/// Saves the memo being edited (if it changed).
pub fn save_memo(app: &mut App, editor: &MemoEditor) {
    let text = editor.text();
    let trimmed = text.trim_end().to_string();
    if trimmed == editor.original.trim_end() {
        app.info(strings::MEMO_UNCHANGED);
        return;
    }
    let memo = (!trimmed.trim().is_empty()).then_some(trimmed);
    match &editor.target {
        MemoFor::Coding(id) => {
            let Some(before) = app.session.mine.coding(id).cloned() else {
                app.error(strings::NO_CODING_HERE.to_string());
                return;
            };
            let mut after = before.clone();
            after.memo = memo;
            after.modified = now();
            app.commit(Op::Update { before, after }.normalized(), true);
        }
        MemoFor::Doc(_) | MemoFor::Code(_) => {
            let target = match &editor.target {
                MemoFor::Doc(d) => MemoTarget::Doc(d.clone()),
                MemoFor::Code(c) => MemoTarget::Code(c.clone()),
                MemoFor::Coding(_) => return,
            };
            let before = app.session.mine.memo(&target).cloned();
            let after = memo.map(|text| {
                let created = before.as_ref().map_or_else(now, |m| m.created);
                Memo {
                    id: before.as_ref().map_or_else(new_id, |m| m.id.clone()),
                    target: target.clone(),
                    text,
                    created,
                    modified: now(),
                }
            });
            app.commit(
                Op::SetMemo {
                    target,
                    before,
                    after,
                }
                .normalized(),
                true,
            );
        }
    }
}

/// Where a code created while coding goes: beside the code last used, else a new
/// top-level group.
pub fn default_parent(app: &App) -> Option<String> {
    let last = app.recent.first()?;
    app.session.study.codebook.get(last)?.parent.clone()
}
