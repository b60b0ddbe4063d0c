//! The popups over the panes: code picker, memo editor, search, retrieval, orphans, help.

use std::ops::Range;

use ratatui_textarea::TextArea;

use super::keys::Ctx;

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
    /// The parent of the code the stashed picker would create (`app.cb.stash`).
    Parent,
    /// Move a code (its id) under the chosen parent.
    MoveUnder(String),
    /// Merge a code (its id) into the chosen code.
    MergeInto(String),
    /// Split codings (id, the code each counts as now) into the chosen code.
    SplitInto(Vec<(String, String)>),
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
        };
        p.filter();
        p
    }

    /// Re-filters after the input changed: words starting with the typed text first, then
    /// any containing it; tree order otherwise.
    pub fn filter(&mut self) {
        let needle = glose::text::fold(self.input.trim());
        let mut scored: Vec<(u8, usize)> = self
            .all
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                if needle.is_empty() {
                    return Some((1, i));
                }
                let words_ok = needle.split_whitespace().all(|w| it.hay.contains(w));
                if !words_ok {
                    return None;
                }
                let starts = it
                    .hay
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(needle.split_whitespace().next().unwrap_or("")));
                Some((
                    if it.id == needle {
                        0
                    } else if starts {
                        1
                    } else {
                        2
                    },
                    i,
                ))
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
}

/// What a memo is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoFor {
    /// A coding (its id).
    Coding(String),
    /// A document.
    Doc(String),
    /// A code.
    Code(String),
}

/// The memo editor.
#[derive(Debug)]
pub struct MemoEditor {
    /// What the memo is on.
    pub target: MemoFor,
    /// Title line.
    pub title: String,
    /// The text being edited.
    pub area: TextArea<'static>,
    /// The text when the editor opened.
    pub original: String,
}

impl MemoEditor {
    /// The text as typed.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// One search hit, as the results list shows it.
#[derive(Debug, Clone)]
pub struct HitRow {
    /// Document id.
    pub doc: String,
    /// The passage's char range.
    pub range: Range<usize>,
    /// Who speaks.
    pub speaker: String,
    /// The passage text.
    pub text: String,
    /// Matched ranges, in document char offsets.
    pub matches: Vec<Range<usize>>,
}

/// The search popup's state (kept when it closes, so n / N keep working).
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query.
    pub query: String,
    /// Whether keys edit the query.
    pub editing: bool,
    /// The hits of the last search.
    pub hits: Vec<HitRow>,
    /// The highlighted hit.
    pub sel: usize,
    /// A query error or a search failure.
    pub error: Option<String>,
    /// Whether a search is running.
    pub running: bool,
}

/// Whose codings a retrieval shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    /// The current coder's.
    Mine,
    /// Another coder's.
    Coder(String),
    /// Everybody's.
    All,
}

/// A row of retrieval results.
#[derive(Debug, Clone)]
pub enum RetrieveRow {
    /// A group heading (document or stage).
    Header(String),
    /// A coded passage.
    Passage {
        /// The coding's id.
        id: String,
        /// Document id.
        doc: String,
        /// Span.
        range: Range<usize>,
        /// Coder.
        coder: String,
        /// The code (a descendant of the retrieved code, or itself).
        code: String,
        /// The passage (escaped, one line).
        text: String,
    },
}

/// The retrieval popup's state.
#[derive(Debug, Clone)]
pub struct Retrieve {
    /// The code retrieved (with its descendants).
    pub code: String,
    /// Whose codings.
    pub whose: Whose,
    /// Group by stage instead of by document.
    pub by_stage: bool,
    /// Attribute filter (`key=value` words, all must hold).
    pub filter: String,
    /// Whether keys edit the filter.
    pub editing: bool,
    /// The rows.
    pub rows: Vec<RetrieveRow>,
    /// Highlighted row (always a passage when there is one).
    pub sel: usize,
    /// Passages shown.
    pub passages: usize,
    /// Codings marked for a split (ids).
    pub marked: std::collections::BTreeSet<String>,
}

/// A popup.
#[derive(Debug)]
pub enum Overlay {
    /// Keys of the pane underneath.
    Help {
        /// The context whose keys are shown.
        ctx: Ctx,
        /// Scroll offset.
        scroll: usize,
    },
    /// A picker.
    Picker(Picker),
    /// The memo editor.
    Memo(Box<MemoEditor>),
    /// A one-line prompt (a new code's label, a rename).
    Prompt(Box<super::prompt::Prompt>),
    /// The code edit form.
    CodeForm(Box<super::code_form::CodeForm>),
    /// Search.
    Search,
    /// Retrieval.
    Retrieve(Retrieve),
    /// Orphaned codings.
    Orphans {
        /// The highlighted orphan.
        sel: usize,
    },
}

impl Overlay {
    /// The key context.
    pub fn ctx(&self) -> Ctx {
        match self {
            Overlay::Help { .. } => Ctx::Global,
            Overlay::Picker(_) => Ctx::Picker,
            Overlay::Memo(_) => Ctx::Memo,
            Overlay::Prompt(_) => Ctx::Prompt,
            Overlay::CodeForm(_) => Ctx::CodeForm,
            Overlay::Search => Ctx::Search,
            Overlay::Retrieve(_) => Ctx::Retrieve,
            Overlay::Orphans { .. } => Ctx::Orphans,
        }
    }
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
