//! A one-line prompt over the panes: the label of a new code, a code's new name.

/// What the typed line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The label of a new code under this parent (`None`: a new top-level group).
    NewCode(Option<String>),
    /// The new label (in the label language) of a code.
    Rename(String),
}

/// The prompt's state.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What it is for.
    pub purpose: PromptFor,
    /// The question.
    pub title: String,
    /// The typed text.
    pub input: String,
}
