//! The codebook pane's operations on the selected code: new code, new child, rename,
//! move, merge, delete, the edit form; and "add this passage to its code's examples".

use ratatui::crossterm::event::KeyEvent;

use super::app::App;
use super::code_form::{self, CodeForm};
use super::codebook_door::{self, commit_change, still_coded, top_level_item};
use super::edit;
use super::keys::{Action, Ctx, lookup};
use super::overlay::{Overlay, PickFor, Picker};
use super::prompt::{Prompt, PromptFor};
use super::strings;
use glose::codebook::CodeFields;

/// An action of the codebook pane on `code`, the selected code.
pub fn act(app: &mut App, action: Action, code: &str) {
    match action {
        Action::NewCode => {
            let parent = app.study.codebook.get(code).and_then(|c| c.parent.clone());
            ask_new(app, parent);
        }
        Action::NewChild => ask_new(app, Some(code.to_string())),
        Action::RenameCode => {
            let label = app.label(code).to_string();
            app.overlay = Some(Overlay::Prompt(Box::new(Prompt {
                purpose: PromptFor::Rename(code.to_string()),
                title: format!("Rename {label} ({} label)", app.lang),
                input: label,
            })));
        }
        Action::MoveCode => {
            let mut items = edit::code_items(app);
            items.insert(0, top_level_item());
            let p = Picker::new(PickFor::MoveUnder(code.to_string()), items);
            app.overlay = Some(Overlay::Picker(p));
        }
        Action::MergeCode => {
            let p = Picker::new(PickFor::MergeInto(code.to_string()), edit::code_items(app));
            app.overlay = Some(Overlay::Picker(p));
        }
        Action::DeleteCode => delete(app, code),
        Action::EditCode => {
            if let Some(form) = open_form(app, code) {
                app.overlay = Some(Overlay::CodeForm(Box::new(form)));
            }
        }
        _ => {}
    }
}

fn ask_new(app: &mut App, parent: Option<String>) {
    let under = parent
        .as_deref()
        .map_or(strings::TOP_LEVEL.to_string(), |p| app.label(p).to_string());
    app.overlay = Some(Overlay::Prompt(Box::new(Prompt {
        purpose: PromptFor::NewCode(parent),
        title: format!("New code under {under}: its label"),
        input: String::new(),
    })));
}

/// Renames a code in the label language.
pub fn rename(app: &mut App, code: &str, label: &str) {
    let mut fields = glose::codebook::CodeFields::default();
    if app.lang == "en" {
        fields.label_en = Some(label.to_string());
    } else {
        fields.label_fr = Some(label.to_string());
    }
    match app.study.codebook.op_edit(code, &fields) {
        Ok(change) => {
            commit_change(app, change, true);
        }
        Err(e) => app.error(format!("not renamed: {e}")),
    }
}

/// Moves a code under a parent (`""`: the top level).
pub fn move_under(app: &mut App, code: &str, parent: &str) {
    let parent = (!parent.is_empty()).then_some(parent);
    match app.study.codebook.op_move(code, parent) {
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
    match app.study.codebook.op_merge(from, into) {
        Ok(change) => {
            if commit_change(app, change, true) {
                codebook_door::select_code(app, into);
                app.info(format!(
                    "merged {from:?} into {:?} ({}): its codings count as it now (u undoes)",
                    into,
                    app.label(into)
                ));
            }
        }
        Err(e) => app.error(format!("not merged: {e}")),
    }
}

/// Deletes a code: refused while codings use it (saying how many and whose) or while it
/// has children.
fn delete(app: &mut App, code: &str) {
    let change = match app.study.codebook.op_remove(code, &[]) {
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
        app.info(format!("deleted code {code:?} (u undoes)"));
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
    let cb = &app.study.codebook;
    let code = cb
        .resolve_coding(&c.id, &c.code)
        .unwrap_or(&c.code)
        .to_string();
    match cb.op_add_example(&code, &quote) {
        Ok(change) => {
            if commit_change(app, change, true) {
                app.info(format!(
                    "added the passage to the examples of {} (u undoes)",
                    app.label(&code)
                ));
            }
        }
        Err(e) => app.error(format!("no example added: {e}")),
    }
}

/// A key in the code form: Tab / Shift-Tab between fields, Esc or Ctrl-s saves, Ctrl-g
/// discards, other keys edit the field.
pub fn form_key(app: &mut App, mut form: Box<CodeForm>, key: KeyEvent) {
    match lookup(Ctx::CodeForm, &key, false) {
        Some(Action::Open) => save_form(app, form),
        Some(Action::Escape) => app.info("code form closed: nothing changed"),
        Some(Action::FocusNext) => {
            form.step(true);
            app.overlay = Some(Overlay::CodeForm(form));
        }
        Some(Action::FocusPrev) => {
            form.step(false);
            app.overlay = Some(Overlay::CodeForm(form));
        }
        _ => {
            form.input(key);
            app.overlay = Some(Overlay::CodeForm(form));
        }
    }
}

/// A form on a code, filled with its values.
fn open_form(app: &mut App, code: &str) -> Option<CodeForm> {
    let Some(c) = app.study.codebook.get(code) else {
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
    let areas = original.iter().map(|v| code_form::text_area(v)).collect();
    Some(CodeForm {
        code: code.to_string(),
        areas,
        original,
        field: 0,
    })
}

/// Saves the form: the changed fields through `op_edit` and the codebook commit. When it
/// is refused, the form stays open with the reason, so nothing typed is lost.
fn save_form(app: &mut App, form: Box<CodeForm>) {
    let fields = form.changes();
    if fields == CodeFields::default() {
        app.info("code unchanged");
        return;
    }
    let saved = match app.study.codebook.op_edit(&form.code, &fields) {
        Ok(change) => commit_change(app, change, true),
        Err(e) => {
            app.error(format!("not saved: {e}"));
            false
        }
    };
    if !saved {
        app.overlay = Some(Overlay::CodeForm(form));
    }
}

/// A key in the prompt: Enter does it, Esc cancels, other keys edit the line.
pub fn prompt_key(app: &mut App, mut pr: Prompt, key: &KeyEvent) {
    match lookup(Ctx::Prompt, key, false) {
        Some(Action::Open) => prompt_done(app, &pr),
        Some(Action::Escape) => app.info("cancelled: nothing changed"),
        _ => {
            super::update::edit_line(&mut pr.input, key);
            app.overlay = Some(Overlay::Prompt(Box::new(pr)));
        }
    }
}

fn prompt_done(app: &mut App, pr: &Prompt) {
    let text = pr.input.trim();
    if text.is_empty() {
        app.error("an empty label: nothing changed".to_string());
        return;
    }
    match &pr.purpose {
        PromptFor::NewCode(parent) => {
            if let Some(id) = codebook_door::create_code(app, text, parent.as_deref()) {
                codebook_door::select_code(app, &id);
            }
        }
        PromptFor::Rename(code) => rename(app, code, text),
    }
}

/// Marks or unmarks the highlighted passage of a retrieval.
pub fn toggle_mark(r: &mut super::overlay::Retrieve) {
    if let Some(super::overlay::RetrieveRow::Passage { id, .. }) = r.rows.get(r.sel)
        && !r.marked.remove(id)
    {
        r.marked.insert(id.clone());
    }
}

/// Opens the choice of the code the marked passages (or the highlighted one) move to.
pub fn ask_split(app: &mut App, r: &super::overlay::Retrieve) {
    let moves: Vec<(String, String)> = r
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| match row {
            super::overlay::RetrieveRow::Passage { id, code, .. }
                if r.marked.contains(id) || (r.marked.is_empty() && i == r.sel) =>
            {
                Some((id.clone(), code.clone()))
            }
            _ => None,
        })
        .collect();
    if moves.is_empty() {
        app.info("no passage to split: mark some with x");
        app.overlay = Some(Overlay::Retrieve(r.clone()));
        return;
    }
    let mut p = Picker::new(PickFor::SplitInto(moves), edit::code_items(app));
    p.parent = app
        .study
        .codebook
        .get(&r.code)
        .and_then(|c| c.parent.clone());
    app.overlay = Some(Overlay::Picker(p));
}

/// Splits codings (id, the code each counts as now) into `into`: the target claims them,
/// and every reader counts them as it; no coder file is rewritten.
pub fn split_into(app: &mut App, moves: &[(String, String)], into: &str) {
    let mut all = app.others.clone();
    let mut mine = app.session.mine.codings.clone();
    app.study.codebook.resolve_codings(&mut mine);
    all.extend(mine);
    let mut froms: Vec<&str> = moves.iter().map(|(_, from)| from.as_str()).collect();
    froms.sort_unstable();
    froms.dedup();
    let mut cb = app.study.codebook.clone();
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
        app.info(format!(
            "moved {} passage(s) to {} (u undoes)",
            moves.len(),
            app.label(into)
        ));
    }
}
