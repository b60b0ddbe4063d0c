//! The agreement review as a layer over the panes: the per-code table, stepping through
//! the disagreements, and editing a decision (its own modal input, [`Phase::Edit`]). It
//! owns its state ([`Review`]), its keys (here) and its drawing
//! ([`crate::tui::review::draw`]); what needs the app (committing a decision on the
//! consensus file, computing the table, undo) it asks for with an [`Ask`].

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use glose::agreement::consensus::Decision;
use glose::agreement::select::Selection;
use glose::store::Edit;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::motion;
use super::super::review::{Phase, Review, draw};
use super::super::strings;
use super::picker::PickFor;
use super::{Command, Env, Layer, Outcome};

/// What the review asks of the app.
#[derive(Debug)]
pub enum Ask {
    /// Commit a decision's edit on the consensus file (recorded in the history), then
    /// tell the review.
    Decide {
        /// The decision (for the message).
        decision: Decision,
        /// Its edit on the consensus file.
        edit: Box<Edit>,
    },
    /// Compute the table of this selection (this generation) off the UI thread.
    Compute(Selection, u64),
    /// Open the popup choosing the compared coders and documents.
    ChooseCoders,
    /// Undo the last change (a decision or a coding: one history).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// A global action (quit, help, label language).
    Act(Action),
    /// Say why something was refused.
    Error(String),
    /// The review closed: release the consensus file.
    Closed,
}

fn ask(a: Ask) -> Outcome {
    Outcome::Do(Command::Review(a))
}

fn info(text: impl Into<String>) -> Outcome {
    Outcome::Do(Command::Info(text.into()))
}

impl Layer for Review {
    fn ctx(&self) -> Ctx {
        self.key_ctx()
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        let ctx = self.key_ctx();
        let action = if ctx == Ctx::ReviewEdit {
            lookup(Ctx::ReviewEdit, key, false).or_else(|| lookup(Ctx::Transcript, key, true))
        } else {
            lookup(ctx, key, true)
        };
        let Some(action) = action else {
            return Outcome::Stay;
        };
        let out = match action {
            Action::Quit | Action::Help | Action::Lang => ask(Ask::Act(action)),
            Action::Undo => ask(Ask::Undo),
            Action::Redo => ask(Ask::Redo),
            _ => match self.phase {
                Phase::Table => self.table_key(action, env),
                Phase::Step => self.step_key(action, env),
                Phase::Edit => self.edit_key(action, env),
            },
        };
        self.relayout(env.size);
        out
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        draw::draw(env, self, f, area);
    }
}

impl Review {
    fn table_key(&mut self, action: Action, env: &Env) -> Outcome {
        let last = self.data.as_ref().map_or(0, |d| d.rows.len());
        let page = env.page;
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(last),
            Action::PageUp => self.sel = self.sel.saturating_sub(page),
            Action::PageDown => self.sel = (self.sel + page).min(last),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = last,
            Action::Open => {
                return if self.data.is_none() {
                    info(strings::STILL_COMPUTING)
                } else if !self.start() {
                    info(strings::NO_DISAGREEMENT_HERE)
                } else {
                    let (s, n) = self.progress(self.code.as_deref());
                    info(strings::stepping_hint(s, n))
                };
            }
            Action::ChooseCoders => {
                return if self.data.is_none() {
                    info(strings::STILL_COMPUTING)
                } else {
                    ask(Ask::ChooseCoders)
                };
            }
            Action::Escape => return Outcome::CloseThen(Command::Review(Ask::Closed)),
            _ => {}
        }
        Outcome::Stay
    }

    fn step_key(&mut self, action: Action, env: &Env) -> Outcome {
        let decision = match action {
            Action::Take(n) => {
                let coder = self.disagreement().and_then(|d| {
                    d.coders
                        .get(usize::from(n).saturating_sub(1))
                        .map(|c| c.coder.clone())
                });
                match coder {
                    Some(c) => Some(Decision::TakeCoder(c)),
                    None => return info(strings::no_coder_here(n)),
                }
            }
            Action::TakeBoth => Some(Decision::Both),
            Action::TakeNone => Some(Decision::None),
            _ => None,
        };
        if let Some(decision) = decision {
            return self.decide(decision, env);
        }
        match action {
            Action::NextDisagreement | Action::PrevDisagreement
                if !self.step(action == Action::NextDisagreement) =>
            {
                return info(strings::NO_MORE_DISAGREEMENTS);
            }
            Action::Up | Action::Down => {
                if let Some(v) = self.view.as_mut() {
                    v.top = if action == Action::Up {
                        v.top.saturating_sub(1)
                    } else {
                        v.top + 1
                    };
                }
            }
            Action::EditDecision => {
                if env.consensus.is_none_or(|c| c.read_only.is_some()) {
                    return ask(Ask::Error(strings::CONSENSUS_READ_ONLY.to_string()));
                }
                let range = self.disagreement().map(|d| d.range.clone());
                if let (Some(v), Some(range)) = (self.view.as_mut(), range) {
                    v.anchor = Some(range.start);
                    v.cursor = range.end;
                    v.selecting = true;
                    self.phase = Phase::Edit;
                    return info(strings::EDIT_HINT);
                }
            }
            Action::Escape => {
                self.phase = Phase::Table;
                self.view = None;
                let (selection, generation) = self.recompute();
                return ask(Ask::Compute(selection, generation));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn edit_key(&mut self, action: Action, env: &Env) -> Outcome {
        let Some(v) = self.view.as_mut() else {
            return Outcome::Stay;
        };
        if motion::move_cursor(v, action, env.page) || motion::select_key(v, action) {
            return Outcome::Stay;
        }
        match action {
            Action::Code => {
                return if v.selection().is_some() {
                    Outcome::Do(Command::OpenPicker(PickFor::Consensus))
                } else {
                    info(strings::NEED_SELECTION)
                };
            }
            Action::Escape => {
                self.show();
                return info(strings::EDIT_CANCELLED);
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// A decision on the current disagreement: its edit, for the app to commit.
    fn decide(&self, decision: Decision, env: &Env) -> Outcome {
        let Some(consensus) = env.consensus else {
            return ask(Ask::Error(strings::REVIEW_NOT_OPEN.to_string()));
        };
        match self.decision_edit(&decision, consensus) {
            Ok(edit) => ask(Ask::Decide {
                decision,
                edit: Box::new(edit),
            }),
            Err(e) => ask(Ask::Error(e)),
        }
    }

    /// The picker chose the code of an edited decision: the decision with the selected
    /// span, or `None` when nothing is selected.
    pub fn custom_decision(&self, code: &str) -> Option<Decision> {
        let range = self.view.as_ref()?.selection()?;
        Some(Decision::Custom {
            range,
            code: code.to_string(),
        })
    }
}
