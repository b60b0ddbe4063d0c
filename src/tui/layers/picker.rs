//! The picker popup: an input that filters codes (or documents) as you type.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::strings;
use super::super::widgets::{fit, list_offset, pane_block, popup_rect};
use super::{Command, Env, Layer, Outcome, edit_line};

/// What a picker choice is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Code the selection.
    Apply,
    /// Change the code of a coding (its id).
    Change(String),
    /// Retrieve the passages of a code.
    Retrieve,
    /// Open a document.
    JumpDoc,
    /// The code of an edited consensus decision.
    Consensus,
    /// The parent of the code the picker put aside (`Picker::back`) would create.
    Parent,
    /// Move a code (its id) under the chosen parent.
    MoveUnder(String),
    /// Merge a code (its id) into the chosen code.
    MergeInto(String),
    /// Split codings (id, the code each counts as now) into the chosen code.
    SplitInto(Vec<(String, String)>),
    /// Auto-code the search's hits with the chosen code (a preview first).
    AutoCode,
    /// Suggestions of the chosen code for the open document.
    Suggest,
}

impl PickFor {
    /// Whether the typed text can become a new code ("create «…»" as the last row).
    pub fn offers_create(&self) -> bool {
        matches!(
            self,
            PickFor::Apply | PickFor::Change(_) | PickFor::SplitInto(_)
        )
    }
}

/// One candidate in a picker.
#[derive(Debug, Clone)]
pub struct PickItem {
    /// Code or document id.
    pub id: String,
    /// What is shown.
    pub label: String,
    /// Shown dimmed after the label.
    pub detail: String,
    /// Code colour.
    pub rgb: Option<(u8, u8, u8)>,
    /// Indentation depth.
    pub depth: usize,
    /// Folded text matched by the filter.
    pub hay: String,
}

/// A list that filters as you type.
#[derive(Debug, Clone)]
pub struct Picker {
    /// What the choice is for.
    pub purpose: PickFor,
    /// Typed text.
    pub input: String,
    /// Every candidate.
    pub all: Vec<PickItem>,
    /// Indices into `all` that match, best first.
    pub shown: Vec<usize>,
    /// Highlighted row of `shown` (`shown.len()` is the "create «…»" row when offered).
    pub sel: usize,
    /// Where a code created from the typed text goes (`None`: a new top-level group).
    pub parent: Option<String>,
    /// The code picker put aside while this one chooses its new code's parent.
    pub back: Option<Box<Picker>>,
}

impl Picker {
    /// A picker over candidates.
    pub fn new(purpose: PickFor, all: Vec<PickItem>) -> Self {
        let mut p = Self {
            purpose,
            input: String::new(),
            all,
            shown: Vec::new(),
            sel: 0,
            parent: None,
            back: None,
        };
        p.filter();
        p
    }

    /// Re-filters after the input changed. Every typed word must be in the candidate;
    /// ranked by how the typed text names it: exactly (its id, short name or a label in
    /// either language), then as the start of a name, then as the start of a word of a
    /// name, then anywhere; tree order within a rank.
    pub fn filter(&mut self) {
        let needle = glose::text::fold(self.input.trim());
        let mut scored: Vec<(u8, usize)> = self
            .all
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                if needle.is_empty() {
                    return Some((0, i));
                }
                let words_ok = needle.split_whitespace().all(|w| it.hay.contains(w));
                words_ok.then(|| (rank(it, &needle), i))
            })
            .collect();
        scored.sort();
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.sel = 0;
    }

    /// The highlighted candidate.
    pub fn current(&self) -> Option<&PickItem> {
        self.all.get(*self.shown.get(self.sel)?)
    }

    /// The label a new code would get: the typed text, when creating is offered.
    pub fn create_label(&self) -> Option<&str> {
        let label = self.input.trim();
        (self.purpose.offers_create() && !label.is_empty()).then_some(label)
    }

    /// Rows that can be highlighted: the candidates, and the create row when offered.
    pub fn rows(&self) -> usize {
        self.shown.len() + usize::from(self.create_label().is_some())
    }

    /// Whether the create row is highlighted.
    pub fn on_create(&self) -> bool {
        self.create_label().is_some() && self.sel == self.shown.len()
    }

    /// What Enter does: the highlighted candidate, the create row, or (nothing matches)
    /// a word in the status line with the picker left open.
    fn choose(&mut self) -> Outcome {
        if let Some(item) = self.current() {
            let id = item.id.clone();
            if let Some(back) = self.back.take() {
                return Outcome::CloseThen(Command::ParentChosen { back, parent: id });
            }
            return Outcome::CloseThen(Command::Pick {
                purpose: self.purpose.clone(),
                id,
            });
        }
        if let Some(label) = self.create_label() {
            return Outcome::CloseThen(Command::CreateCode {
                purpose: self.purpose.clone(),
                label: label.to_string(),
                parent: self.parent.clone(),
            });
        }
        Outcome::Do(Command::Info(format!(
            "nothing matches «{}»",
            super::super::widgets::short(self.input.trim(), 40)
        )))
    }
}

/// Separates the names in a [`PickItem::hay`] (id, French label, English label), so
/// that a whole name can be told from a word inside one.
pub const NAME_SEP: char = '\u{1f}';

/// How well a folded, non-empty `needle` names a candidate: 0 exactly, 1 a name's start,
/// 2 a word's start, 3 elsewhere.
fn rank(it: &PickItem, needle: &str) -> u8 {
    let id = glose::text::fold(&it.id);
    let short = id.rsplit('.').next().unwrap_or(&id).to_string();
    let label = glose::text::fold(it.label.trim());
    let mut names: Vec<&str> = it.hay.split(NAME_SEP).map(str::trim).collect();
    names.extend([id.as_str(), short.as_str(), label.as_str()]);
    if names.contains(&needle) {
        0
    } else if names.iter().any(|n| n.starts_with(needle)) {
        1
    } else if names.iter().any(|n| word_start(n, needle)) {
        2
    } else {
        3
    }
}

/// Whether `needle` occurs in `name` at the start of a word.
fn word_start(name: &str, needle: &str) -> bool {
    name.match_indices(needle).any(|(i, _)| {
        name[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

impl Layer for Picker {
    fn ctx(&self) -> Ctx {
        Ctx::Picker
    }

    fn on_key(&mut self, key: &KeyEvent, _env: &Env) -> Outcome {
        match lookup(Ctx::Picker, key, false) {
            Some(Action::Up) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Down) => {
                self.sel = (self.sel + 1).min(self.rows().saturating_sub(1));
            }
            Some(Action::Open) => return self.choose(),
            Some(Action::ChooseParent) if self.purpose.offers_create() => {
                return Outcome::CloseThen(Command::ChooseParent(Box::new(self.clone())));
            }
            Some(Action::Escape) => {
                return match self.back.take() {
                    Some(back) => Outcome::CloseThen(Command::Reopen(back)),
                    None => Outcome::Close,
                };
            }
            _ => {
                if edit_line(&mut self.input, key) {
                    self.filter();
                }
            }
        }
        Outcome::Stay
    }

    fn on_paste(&mut self, text: &str) {
        self.input.push_str(text.lines().next().unwrap_or(""));
        self.filter();
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let p = self;
        let theme = env.theme;
        let r = popup_rect(area, 70, 20, env.keep_visible, 6);
        f.render_widget(ratatui::widgets::Clear, r);
        let title = match p.purpose {
            PickFor::Apply => strings::PICK_CODE,
            PickFor::Change(_) => strings::CHANGE_CODE,
            PickFor::Retrieve => strings::RETRIEVE_CODE,
            PickFor::JumpDoc => strings::JUMP_DOC,
            PickFor::Consensus => strings::CONSENSUS_CODE,
            PickFor::Parent => strings::PICK_PARENT,
            PickFor::MoveUnder(_) => strings::MOVE_UNDER,
            PickFor::MergeInto(_) => strings::MERGE_INTO,
            PickFor::SplitInto(_) => strings::SPLIT_INTO,
            PickFor::AutoCode => strings::AUTOCODE_CODE,
            PickFor::Suggest => strings::SUGGEST_CODE,
        };
        let block = pane_block(theme, format!(" {title} "), true);
        let inner = block.inner(r);
        f.render_widget(block, r);
        if inner.height < 2 {
            return;
        }
        let buf = f.buffer_mut();
        let input = Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(p.input.clone()),
            Span::styled("▏", theme.key()),
            Span::styled(format!("  {}/{}", p.shown.len(), p.all.len()), theme.dim()),
        ]);
        buf.set_line(inner.x, inner.y, &input, inner.width);
        let height = usize::from(inner.height - 1);
        let offset = list_offset(p.sel, height);
        if let Some(label) = p.create_label() {
            draw_create_row(env, buf, inner, p, label, offset, height);
        }
        let w = usize::from(inner.width);
        let filtering = !p.input.trim().is_empty();
        for (row, &i) in p.shown.iter().enumerate().skip(offset).take(height) {
            let Some(item) = p.all.get(i) else { continue };
            let indent = if filtering {
                String::new()
            } else {
                "  ".repeat(item.depth)
            };
            let label = fit(&item.label, w.saturating_sub(indent.len() + 4));
            let detail_w = w.saturating_sub(
                indent.len() + 3 + unicode_width::UnicodeWidthStr::width(label.as_str()),
            );
            let mut spans = vec![Span::raw(indent)];
            if matches!(p.purpose, PickFor::JumpDoc) {
                spans.push(Span::raw(" "));
            } else {
                spans.push(Span::styled("■ ", theme.code_fg(item.rgb)));
            }
            let style = if row == p.sel {
                theme.list_selected()
            } else {
                theme.text()
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::styled(
                format!(" {}", fit(&item.detail, detail_w)),
                theme.dim(),
            ));
            let y = inner.y + 1 + u16::try_from(row - offset).unwrap_or(0);
            buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        }
    }
}

/// The last row: the typed text as a new code, with where it would go (Tab changes it).
fn draw_create_row(
    env: &Env,
    buf: &mut ratatui::buffer::Buffer,
    inner: Rect,
    p: &Picker,
    label: &str,
    offset: usize,
    height: usize,
) {
    let row = p.shown.len();
    if row < offset || row >= offset + height {
        return;
    }
    let under = p
        .parent
        .as_deref()
        .map_or(strings::TOP_LEVEL.to_string(), |id| {
            env.label(id).to_string()
        });
    let theme = env.theme;
    let style = if p.sel == row {
        theme.list_selected()
    } else {
        theme.text()
    };
    let w = usize::from(inner.width);
    let line = Line::from(vec![
        Span::styled("+ ", theme.key()),
        Span::styled(
            format!("{} «{}»", strings::CREATE, fit(label, w.saturating_sub(12))),
            style,
        ),
        Span::styled(format!(" under {under} (Tab: another parent)"), theme.dim()),
    ]);
    let y = inner.y + 1 + u16::try_from(row - offset).unwrap_or(0);
    buf.set_line(inner.x, y, &line, inner.width);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, label: &str) -> PickItem {
        PickItem {
            id: id.into(),
            label: label.into(),
            detail: String::new(),
            rgb: None,
            depth: 0,
            hay: glose::text::fold(&format!("{id} {label}")),
        }
    }

    #[test]
    fn picker_filters_by_label_without_accents_and_by_id() {
        let mut p = Picker::new(
            PickFor::Apply,
            vec![
                item("practice.community", "Construction de communauté"),
                item("practice.community.cocreation", "Co-création"),
                item("role.sales", "Ventes"),
            ],
        );
        assert_eq!(p.shown.len(), 3);
        p.input = "creation".into();
        p.filter();
        assert_eq!(
            p.current().map(|i| i.id.as_str()),
            Some("practice.community.cocreation")
        );
        p.input = "communaute".into();
        p.filter();
        assert_eq!(p.shown.len(), 1);
        p.input = "role.sales".into();
        p.filter();
        assert_eq!(p.current().map(|i| i.id.as_str()), Some("role.sales"));
    }
}
