//! The codebook pane's operations on the selected code: new code, new child, rename,
//! move, merge, delete, the edit form; and "add this passage to its code's examples".

use glose::codebook::CodeFields;

use super::app::App;
use super::codebook_door::{self, commit_change, still_coded, top_level_item};
use super::edit;
use super::keys::Action;
use super::layers::code_form::CodeForm;
use super::layers::picker::{PickFor, Picker};
use super::layers::prompt::{Prompt, PromptFor};
use super::strings;

/// An action of the codebook pane on `code`, the selected code.
pub fn act(app: &mut App, action: Action, code: &str) {
    match action {
        Action::NewCode => {
            let parent = app
                .session
                .study
                .codebook
                .get(code)
                .and_then(|c| c.parent.clone());
            ask_new(app, parent);
        }
        Action::NewChild => ask_new(app, Some(code.to_string())),
        Action::RenameCode => {
            let label = app.label(code).to_string();
            let title = format!("Rename {label} ({} label)", app.lang);
            app.open(Prompt {
                purpose: PromptFor::Rename(code.to_string()),
                title,
                input: label.into(),
            });
        }
        Action::MoveCode => {
            let mut items = edit::code_items(app);
            items.insert(0, top_level_item());
            app.open(Picker::new(PickFor::MoveUnder(code.to_string()), items));
        }
        Action::MergeCode => {
            let items = edit::code_items(app);
            app.open(Picker::new(PickFor::MergeInto(code.to_string()), items));
        }
        Action::DeleteCode => delete(app, code),
        Action::EditCode => {
            if let Some(form) = open_form(app, code) {
                app.open(form);
            }
        }
        _ => {}
    }
}

fn ask_new(app: &mut App, parent: Option<String>) {
    let under = parent
        .as_deref()
        .map_or(strings::TOP_LEVEL.to_string(), |p| app.label(p).to_string());
    app.open(Prompt {
        purpose: PromptFor::NewCode(parent),
        title: format!("New code under {under}: its label"),
        input: Default::default(),
    });
}

/// Renames a code in the label language.
pub fn rename(app: &mut App, code: &str, label: &str) {
    let mut fields = glose::codebook::CodeFields::default();
    if app.lang == "en" {
        fields.label_en = Some(label.to_string());
    } else {
        fields.label_fr = Some(label.to_string());
    }
    match app.session.study.codebook.op_edit(code, &fields) {
        Ok(change) => {
            commit_change(app, change, true);
        }
        Err(e) => app.error(format!("not renamed: {e}")),
    }
}

/// Moves a code under a parent (`""`: the top level).
pub fn move_under(app: &mut App, code: &str, parent: &str) {
    let parent = (!parent.is_empty()).then_some(parent);
    match app.session.study.codebook.op_move(code, parent) {
        Ok(change) => {
            if commit_change(app, change, true) {
                codebook_door::select_code(app, code);
            }
        }
        Err(e) => app.error(format!("not moved: {e}")),
    }
}

/// Merges a code into another: every coder's codings of it count as the other.
pub fn merge_into(app: &mut App, from: &str, into: &str) {
    match app.session.study.codebook.op_merge(from, into) {
        Ok(change) => {
            if commit_change(app, change, true) {
                codebook_door::select_code(app, into);
                app.info(strings::merged_into(from, into, app.label(into)));
            }
        }
        Err(e) => app.error(format!("not merged: {e}")),
    }
}

/// Deletes a code: refused while codings use it (saying how many and whose) or while it
/// has children.
fn delete(app: &mut App, code: &str) {
    let change = match app.session.study.codebook.op_remove(code, &[]) {
        Ok(c) => c,
        Err(e) => {
            app.error(format!("not deleted: {e}"));
            return;
        }
    };
    if let Some(why) = still_coded(app, &change) {
        app.error(format!("not deleted: {why}"));
        return;
    }
    if commit_change(app, change, true) {
        app.info(strings::deleted_code(code));
    }
}

/// Adds the passage of the coding under the cursor to its code's examples.
pub fn add_example(app: &mut App) {
    let Some(c) = app.coding_here().cloned() else {
        app.info(strings::NO_CODING_HERE);
        return;
    };
    let Some(quote) = app
        .view
        .as_ref()
        .map(|v| v.doc.slice(c.start..c.end).to_string())
    else {
        return;
    };
    let cb = &app.session.study.codebook;
    let code = cb
        .resolve_coding(&c.id, &c.code)
        .unwrap_or(&c.code)
        .to_string();
    match cb.op_add_example(&code, &quote) {
        Ok(change) => {
            if commit_change(app, change, true) {
                app.info(strings::example_added(app.label(&code)));
            }
        }
        Err(e) => app.error(format!("no example added: {e}")),
    }
}

/// A form on a code, filled with its values.
fn open_form(app: &mut App, code: &str) -> Option<CodeForm> {
    let Some(c) = app.session.study.codebook.get(code) else {
        app.error(format!("no code {code:?}"));
        return None;
    };
    let original = vec![
        c.label_fr.clone(),
        c.label_en.clone(),
        c.definition.clone(),
        c.when_to_use.clone(),
        c.when_not_to_use.clone(),
        c.example.clone(),
        c.color.clone(),
    ];
    Some(CodeForm::new(code, original))
}

/// Saves the form: the changed fields through `op_edit` and the codebook commit. When it
/// is refused, the form stays open with the reason, so nothing typed is lost.
pub fn save_form(app: &mut App, form: Box<CodeForm>) {
    let fields = form.changes();
    if fields == CodeFields::default() {
        app.info("code unchanged");
        return;
    }
    let saved = match app.session.study.codebook.op_edit(&form.code, &fields) {
        Ok(change) => commit_change(app, change, true),
        Err(e) => {
            app.error(format!("not saved: {e}"));
            false
        }
    };
    if !saved && !form.quitting {
        app.layers.push(form);
    }
}

/// A prompt's line was entered.
pub fn prompt_done(app: &mut App, purpose: &PromptFor, text: &str) {
    if text.is_empty() {
        app.error("an empty label: nothing changed".to_string());
        return;
    }
    match purpose {
        PromptFor::NewCode(parent) => {
            if let Some(id) = codebook_door::create_code(app, text, parent.as_deref()) {
                codebook_door::select_code(app, &id);
            }
        }
        PromptFor::Rename(code) => rename(app, code, text),
    }
}

/// Opens the choice of the code these codings (id, the code each counts as now) move
/// to: an existing code, or a new one typed in the picker (beside the first's code).
pub fn open_split_picker(app: &mut App, moves: Vec<(String, String)>) {
    let parent = moves
        .first()
        .and_then(|(_, code)| app.session.study.codebook.get(code))
        .and_then(|c| c.parent.clone());
    let mut p = Picker::new(PickFor::SplitInto(moves), edit::code_items(app));
    p.parent = parent;
    app.open(p);
}

/// Splits codings (id, the code each counts as now) into `into`: the target claims them,
/// and every reader counts them as it; no coder file is rewritten.
pub fn split_into(app: &mut App, moves: &[(String, String)], into: &str) {
    let mut all = app.session.others.clone();
    let mut mine = app.session.mine.codings.clone();
    app.session.study.codebook.resolve_codings(&mut mine);
    all.extend(mine);
    let mut froms: Vec<&str> = moves.iter().map(|(_, from)| from.as_str()).collect();
    froms.sort_unstable();
    froms.dedup();
    let mut cb = app.session.study.codebook.clone();
    let mut total: Option<glose::codebook::Change> = None;
    for from in froms {
        let ids: Vec<String> = moves
            .iter()
            .filter(|(_, f)| f == from)
            .map(|(id, _)| id.clone())
            .collect();
        let step = match cb.op_split(from, into, &ids, &all) {
            Ok(c) => c,
            Err(e) => {
                app.error(format!("not split: {e}"));
                return;
            }
        };
        if let Err(e) = step.apply(&mut cb) {
            app.error(format!("not split: {e}"));
            return;
        }
        total = Some(match total {
            Some(t) => t.then(step),
            None => step,
        });
    }
    let Some(change) = total else {
        return;
    };
    if commit_change(app, change, true) {
        app.info(strings::passages_moved(moves.len(), app.label(into)));
    }
}

/// Creates a code from a picker's typed text and uses it as the picker was opened for
/// (code the selection, change a coding's code, split codings into it).
pub fn create_from_picker(app: &mut App, purpose: &PickFor, label: &str, parent: Option<&str>) {
    match purpose {
        PickFor::SplitInto(moves) => {
            if let Some(id) = codebook_door::create_code(app, label, parent) {
                split_into(app, moves, &id);
            }
        }
        PickFor::Change(coding) => {
            if let Some(id) = codebook_door::create_code(app, label, parent) {
                edit::change_code(app, coding, &id);
            }
        }
        _ => {
            codebook_door::create_and_apply(app, label, parent);
        }
    }
}

/// Scrolls the definition pane of the selected code down or up by `rows` (half its
/// height when `None`), within its text.
pub fn scroll_definition(app: &mut App, down: bool, rows: Option<usize>) {
    let Some(area) = app.rects().codebook else {
        return;
    };
    let max = super::view::codebook::max_def_scroll(app, area);
    let step = rows.unwrap_or_else(|| {
        usize::from(
            super::view::codebook::detail_area(area)
                .height
                .saturating_sub(2)
                / 2,
        )
        .max(1)
    });
    let now = if app.def_scroll.0 == app.code_sel {
        app.def_scroll.1.min(max)
    } else {
        0
    };
    let next = if down {
        (now + step).min(max)
    } else {
        now.saturating_sub(step)
    };
    app.def_scroll = (app.code_sel, next);
}
