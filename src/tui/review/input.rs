//! Keys in the review: the table, stepping through disagreements, editing a decision.

use ratatui::crossterm::event::KeyEvent;

use glose::agreement::consensus::Decision;

use super::super::app::App;
use super::super::edit;
use super::super::keys::{Action, Ctx, lookup};
use super::super::layers::picker::PickFor;
use super::super::layers::review_coders::{Chooser, Scope};
use super::super::motion;
use super::super::strings;
use super::super::update;
use super::Phase;
use super::control::{close, recompute, relayout};

/// The key context of the review.
pub fn ctx(app: &App) -> Option<Ctx> {
    app.review.as_ref().map(|r| r.ctx())
}

/// Handles a key while the review is open (and no popup is over it).
pub fn on_key(app: &mut App, key: &KeyEvent) {
    let Some(ctx) = ctx(app) else {
        return;
    };
    let action = if ctx == Ctx::ReviewEdit {
        lookup(Ctx::ReviewEdit, key, false).or_else(|| lookup(Ctx::Transcript, key, true))
    } else {
        lookup(ctx, key, true)
    };
    let Some(action) = action else {
        return;
    };
    match action {
        Action::Quit | Action::Help | Action::Lang => {
            update::act(app, action);
            return;
        }
        Action::Undo | Action::Redo => {
            let res = app.review.as_mut().map(|r| {
                if action == Action::Undo {
                    r.undo()
                } else {
                    r.redo()
                }
            });
            report(app, res);
        }
        _ => match ctx {
            Ctx::ReviewTable => table_action(app, action),
            Ctx::Review => step_action(app, action),
            _ => edit_action(app, action),
        },
    }
    relayout(app);
}

/// Shows the outcome of a decision (or why it was refused).
fn report(app: &mut App, res: Option<Result<String, String>>) {
    match res {
        Some(Ok(m)) => app.info(m),
        Some(Err(e)) => app.error(e),
        None => {}
    }
}

fn table_action(app: &mut App, action: Action) {
    let page = app.page_height();
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let last = r.data.as_ref().map_or(0, |d| d.rows.len());
    match action {
        Action::Up => r.sel = r.sel.saturating_sub(1),
        Action::Down => r.sel = (r.sel + 1).min(last),
        Action::PageUp => r.sel = r.sel.saturating_sub(page),
        Action::PageDown => r.sel = (r.sel + page).min(last),
        Action::Top => r.sel = 0,
        Action::Bottom => r.sel = last,
        Action::Open => {
            if r.data.is_none() {
                app.info("the table is still being computed");
            } else if !r.start() {
                app.info("no disagreement to review here");
            } else {
                let (s, n) = r.progress(r.code.as_deref());
                app.info(format!(
                    "{s}/{n} settled: 1-9 take a coder's version, b both, 0 none, e edit"
                ));
            }
        }
        Action::ChooseCoders => {
            let Some(data) = r.data.as_ref() else {
                app.info("the table is still being computed");
                return;
            };
            let scope = if r.selection.docs.is_some() {
                Scope::Current
            } else {
                Scope::Common
            };
            let doc = app.view.as_ref().map(|v| v.doc.id.clone());
            let chooser = Chooser::new(&data.candidates, &data.coders, scope, doc);
            app.open(chooser);
            app.info("space toggles, Enter applies, Esc cancels");
        }
        Action::Escape => close(app),
        _ => {}
    }
}

/// Compares the coders and documents chosen in the popup: recomputes the table.
pub fn compare(app: &mut App, selection: glose::agreement::select::Selection) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    r.previous = Some(std::mem::replace(&mut r.selection, selection));
    r.sel = 0;
    recompute(app);
    app.info("computing agreement…");
}

fn step_action(app: &mut App, action: Action) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let decision = match action {
        Action::Take(n) => {
            let coder = r.disagreement().and_then(|d| {
                d.coders
                    .get(usize::from(n).saturating_sub(1))
                    .map(|c| c.coder.clone())
            });
            match coder {
                Some(c) => Some(Decision::TakeCoder(c)),
                None => {
                    app.info(format!("there is no coder {n} here"));
                    return;
                }
            }
        }
        Action::TakeBoth => Some(Decision::Both),
        Action::TakeNone => Some(Decision::None),
        _ => None,
    };
    if let Some(decision) = decision {
        let res = r.decide(&decision);
        report(app, Some(res));
        return;
    }
    match action {
        Action::NextDisagreement | Action::PrevDisagreement
            if !r.step(action == Action::NextDisagreement) =>
        {
            app.info("no more disagreements this way");
        }
        Action::Up | Action::Down => {
            if let Some(v) = r.view.as_mut() {
                v.top = if action == Action::Up {
                    v.top.saturating_sub(1)
                } else {
                    v.top + 1
                };
            }
        }
        Action::EditDecision => {
            if r.consensus.read_only.is_some() {
                app.error("consensus is read-only: decisions cannot be saved".to_string());
                return;
            }
            let range = r.disagreement().map(|d| d.range.clone());
            if let (Some(v), Some(range)) = (r.view.as_mut(), range) {
                v.anchor = Some(range.start);
                v.cursor = range.end;
                v.selecting = true;
                r.editing = true;
                app.info(
                    "edit: adjust the span (v, s, t, motions), then c picks its code; Esc cancels",
                );
            }
        }
        Action::Escape => {
            r.phase = Phase::Table;
            r.view = None;
            recompute(app);
        }
        _ => {}
    }
}

fn edit_action(app: &mut App, action: Action) {
    let page = app.page_height();
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let Some(v) = r.view.as_mut() else {
        return;
    };
    if motion::move_cursor(v, action, page) {
        return;
    }
    match action {
        Action::ToggleSelect => {
            if v.selecting {
                v.selecting = false;
            } else {
                v.anchor = Some(v.cursor);
                v.selecting = true;
            }
        }
        Action::SelectSentence => motion::select_unit(v, glose::unit::Unit::Sentence),
        Action::SelectTurn => motion::select_unit(v, glose::unit::Unit::Turn),
        Action::Code => {
            if v.selection().is_some() {
                edit::open_picker(app, PickFor::Consensus);
            } else {
                app.info(strings::NEED_SELECTION);
            }
        }
        Action::Escape => {
            r.show();
            app.info("edit cancelled");
        }
        _ => {}
    }
}

/// The picker chose the code of an edited decision: settle with the selected span.
pub fn picked_code(app: &mut App, code: &str) {
    let Some(r) = app.review.as_mut() else {
        return;
    };
    let Some(range) = r.view.as_ref().and_then(|v| v.selection()) else {
        app.info(strings::NEED_SELECTION);
        return;
    };
    let res = r.decide(&Decision::Custom {
        range,
        code: code.to_string(),
    });
    if res.is_ok() && r.editing {
        // Nothing left to advance to: show the decided one again.
        r.show();
    }
    report(app, Some(res));
    relayout(app);
}
