//! Which documents, coders and codes a command looks at: the one filter both doors parse
//! their flags into. `None` means "no restriction" (every one, or the use case's default:
//! the agreement's default coders, for instance); a list is a restriction.
//!
//! The use cases' own selections ([`crate::agreement::select::Selection`],
//! [`crate::export::Selection`]) are built from a filter, so that `--docs`, `--coders`
//! and `--codes` mean the same thing in every command.

/// Which documents, coders and codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these documents.
    pub docs: Option<Vec<String>>,
    /// Only these coders.
    pub coders: Option<Vec<String>>,
    /// Only these codes (with their descendants where the use case says so).
    pub codes: Option<Vec<String>>,
}

impl Filter {
    /// The filter of lists as flags give them (comma-separated or repeated): an empty list
    /// is no restriction; blank items and repeats are dropped, order is kept.
    pub fn from_lists(docs: &[String], coders: &[String], codes: &[String]) -> Filter {
        Filter {
            docs: restriction(docs),
            coders: restriction(coders),
            codes: restriction(codes),
        }
    }

    /// Whether document `id` passes.
    pub fn keeps_doc(&self, id: &str) -> bool {
        self.docs.as_ref().is_none_or(|d| d.iter().any(|x| x == id))
    }

    /// Whether coder `name` passes.
    pub fn keeps_coder(&self, name: &str) -> bool {
        self.coders
            .as_ref()
            .is_none_or(|c| c.iter().any(|x| x == name))
    }
}

/// `None` for an empty list, else the trimmed, non-blank, first-seen items.
fn restriction(items: &[String]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|x| x == item) {
            out.push(item.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// An optional list as a flat one (empty for none), for selections that keep lists.
pub(crate) fn or_empty(list: &Option<Vec<String>>) -> Vec<String> {
    list.clone().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn empty_lists_do_not_restrict_and_lists_do() {
        let f = Filter::from_lists(&[], &v(&["alice", " bob", "alice", ""]), &v(&[""]));
        assert_eq!(f.docs, None);
        assert_eq!(f.coders, Some(v(&["alice", "bob"])));
        assert_eq!(f.codes, None);
        assert!(f.keeps_doc("E01"));
        assert!(f.keeps_coder("bob") && !f.keeps_coder("carol"));
    }

    /// The agreement's and the export's selections mean the same by one filter.
    #[test]
    fn both_selections_read_one_filter_alike() {
        let f = Filter::from_lists(&v(&["E01"]), &v(&["alice", "bob"]), &[]);
        let agreement = crate::agreement::select::Selection::from_filter(&f);
        let export = crate::export::Selection::from_filter(&f, false);
        assert_eq!(agreement.filter(), f);
        assert_eq!(export.filter(), f);
        assert_eq!(agreement.docs, Some(v(&["E01"])));
        assert_eq!(export.docs, v(&["E01"]));
        assert!(export.codes.is_empty() && agreement.codes.is_none());
    }
}
