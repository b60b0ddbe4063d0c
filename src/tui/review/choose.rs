//! The review's small popup that chooses whom it compares: a checkbox per coder (never
//! `consensus`; coders with no codings are shown but cannot be chosen) and the document
//! scope. Applying turns it into a [`Selection`] for the core.

use glose::agreement::select::Selection;

/// Which documents are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every document coded by every chosen coder (the default).
    Common,
    /// The document open in the transcript only.
    Current,
}

/// One coder in the popup.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Coder name.
    pub coder: String,
    /// Their number of codings (0: shown greyed, cannot be chosen).
    pub codings: usize,
    /// Whether they are compared.
    pub on: bool,
}

/// The popup's state.
#[derive(Debug, Clone)]
pub struct Chooser {
    /// Every coder but `consensus`.
    pub coders: Vec<Choice>,
    /// The document scope.
    pub scope: Scope,
    /// The document open in the transcript, if any (the `Current` scope).
    pub current_doc: Option<String>,
    /// Highlighted row: a coder, then the two scope rows.
    pub sel: usize,
}

impl Chooser {
    /// A popup over `candidates` (coder, codings) with `compared` ticked.
    pub fn new(
        candidates: &[(String, usize)],
        compared: &[String],
        scope: Scope,
        current_doc: Option<String>,
    ) -> Self {
        let coders = candidates
            .iter()
            .map(|(c, n)| Choice {
                coder: c.clone(),
                codings: *n,
                on: *n > 0 && compared.contains(c),
            })
            .collect();
        Self {
            coders,
            scope,
            current_doc,
            sel: 0,
        }
    }

    /// Rows: the coders, then "all documents…", then "this document only".
    pub fn rows(&self) -> usize {
        self.coders.len() + 2
    }

    /// Moves the highlight.
    pub fn step(&mut self, down: bool) {
        let last = self.rows().saturating_sub(1);
        self.sel = if down {
            (self.sel + 1).min(last)
        } else {
            self.sel.saturating_sub(1)
        };
    }

    /// Toggles the highlighted coder or picks the highlighted scope; why not, if it cannot.
    pub fn toggle(&mut self) -> Result<(), String> {
        let n = self.coders.len();
        if let Some(c) = self.coders.get_mut(self.sel) {
            if c.codings == 0 {
                return Err(format!("{} has no codings", c.coder));
            }
            c.on = !c.on;
        } else if self.sel == n {
            self.scope = Scope::Common;
        } else if self.current_doc.is_some() {
            self.scope = Scope::Current;
        } else {
            return Err("no document is open".to_string());
        }
        Ok(())
    }

    /// The selection to compute, or why it cannot be.
    pub fn selection(&self) -> Result<Selection, String> {
        let coders: Vec<String> = (self.coders.iter().filter(|c| c.on))
            .map(|c| c.coder.clone())
            .collect();
        if coders.len() < 2 {
            return Err("choose at least two coders".to_string());
        }
        let docs = match (self.scope, &self.current_doc) {
            (Scope::Current, Some(d)) => Some(vec![d.clone()]),
            _ => None,
        };
        Ok(Selection {
            coders: Some(coders),
            docs,
            ..Selection::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chooser() -> Chooser {
        let c = |n: &str, k| (n.to_string(), k);
        Chooser::new(
            &[c("a", 3), c("b", 2), c("c", 0), c("d", 1)],
            &["a".to_string(), "b".to_string()],
            Scope::Common,
            Some("doc1".into()),
        )
    }

    #[test]
    fn toggling_changes_the_selection() {
        let mut ch = chooser();
        ch.sel = 3;
        ch.toggle().unwrap();
        ch.sel = 0;
        ch.toggle().unwrap();
        let s = ch.selection().unwrap();
        assert_eq!(s.coders, Some(vec!["b".to_string(), "d".to_string()]));
        assert_eq!(s.docs, None);
    }

    #[test]
    fn coders_without_codings_cannot_be_chosen() {
        let mut ch = chooser();
        ch.sel = 2;
        assert!(ch.toggle().is_err());
        assert!(!ch.coders[2].on);
    }

    #[test]
    fn one_coder_is_refused_and_the_current_scope_names_the_document() {
        let mut ch = chooser();
        ch.toggle().unwrap();
        assert!(ch.selection().is_err());
        ch.toggle().unwrap();
        ch.sel = ch.rows() - 1;
        ch.toggle().unwrap();
        assert_eq!(ch.selection().unwrap().docs, Some(vec!["doc1".to_string()]));
    }
}
