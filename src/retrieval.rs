//! Retrieval: every passage coded with a code (or its descendants), grouped by document or
//! by a dimension such as the stage, filtered by case attributes.
//!
//! A passage's stage is given by the house's rule ([`crate::export::dims::DocDims`]: the
//! stage code its coder applied over it, else the interview's attribute), so retrieval by
//! stage files a passage exactly where `glose export --by stage` does.

use std::collections::{BTreeMap, HashMap};

use crate::export::dims::{Dimension, DocDims};
use crate::store::Coding;
use crate::study::Study;

/// How passages are grouped.
#[derive(Debug, Clone)]
pub enum GroupBy {
    /// One group per document, in id order.
    Document,
    /// One group per value of a dimension (a code group such as the stages, or an
    /// attribute), in the dimension's order, passages without a value last.
    Dimension(Dimension),
}

impl GroupBy {
    /// Grouping by the study's stage, as `glose export --by stage` resolves it; by
    /// document when the study has no stage.
    pub fn stage(study: &Study) -> Self {
        Dimension::resolve(study, "stage").map_or(GroupBy::Document, GroupBy::Dimension)
    }
}

/// One group of passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'c> {
    /// The document id, or the dimension's value (`None`: the passages without one).
    pub key: Option<String>,
    /// The passages, by document, start and coder.
    pub passages: Vec<&'c Coding>,
}

/// Whether a document's attributes satisfy a filter: `key=value` words compare one
/// attribute (accent- and case-insensitively, by whole value or word), bare words any
/// attribute (by substring). Every word must hold; an empty filter keeps everything.
pub fn attributes_match(attrs: &BTreeMap<String, String>, filter: &str) -> bool {
    filter.split_whitespace().all(|word| {
        let word = crate::text::fold(word);
        match word.split_once('=') {
            Some((k, v)) => attrs.iter().any(|(ak, av)| {
                crate::text::fold(ak) == k && value_matches(&crate::text::fold(av), v)
            }),
            None => attrs
                .values()
                .any(|av| crate::text::fold(av).contains(&word)),
        }
    })
}

/// Whether a folded attribute value matches a folded wanted value: the whole value, or
/// one of its words (`ceramique` in `artisanat (vaisselle en ceramique)`; `launch` is not
/// `pre-launch`).
fn value_matches(value: &str, wanted: &str) -> bool {
    value == wanted
        || value
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| w == wanted)
}

/// The passages of `pool` coded with `code` or a descendant, on documents whose attributes
/// match `filter`, grouped by `by`. `pool` is every coding the caller may show (one
/// coder's or several); a dimension's codes among them decide each passage's value.
pub fn retrieve<'c>(
    study: &Study,
    pool: impl IntoIterator<Item = &'c Coding>,
    code: &str,
    filter: &str,
    by: &GroupBy,
) -> Vec<Group<'c>> {
    let codes = study.codebook.descendants_and_self(code);
    let mut kept: HashMap<&str, bool> = HashMap::new();
    let mut by_doc: BTreeMap<&str, Vec<&'c Coding>> = BTreeMap::new();
    for c in pool {
        let ok = *kept
            .entry(c.doc.as_str())
            .or_insert_with(|| attributes_match(&study.attributes(&c.doc), filter));
        if ok {
            by_doc.entry(c.doc.as_str()).or_default().push(c);
        }
    }
    let selected = |c: &Coding| codes.contains(&c.code.as_str());
    let mut groups: BTreeMap<(u8, usize, String), Group<'c>> = BTreeMap::new();
    for (doc, list) in by_doc {
        if !list.iter().any(|c| selected(c)) {
            continue;
        }
        match by {
            GroupBy::Document => {
                let passages = list.into_iter().filter(|c| selected(c)).collect();
                let key = (0, 0, doc.to_string());
                groups.insert(
                    key,
                    Group {
                        key: Some(doc.to_string()),
                        passages,
                    },
                );
            }
            GroupBy::Dimension(dim) => {
                let dims = std::slice::from_ref(dim);
                let attrs = study.attributes(doc);
                let rule =
                    DocDims::new(dims, list.iter().copied(), |name| attrs.get(name).cloned());
                for c in list.iter().copied().filter(|c| selected(c)) {
                    let value = rule
                        .values(dims, &c.coder, c.start, c.end)
                        .into_iter()
                        .next()
                        .and_then(|v| v.value);
                    groups
                        .entry(dim.sort_key(value.as_deref()))
                        .or_insert_with(|| Group {
                            key: value.clone(),
                            passages: Vec::new(),
                        })
                        .passages
                        .push(c);
                }
            }
        }
    }
    let mut out: Vec<Group<'c>> = groups.into_values().collect();
    for g in &mut out {
        g.passages
            .sort_by(|a, b| (&a.doc, a.start, &a.coder).cmp(&(&b.doc, b.start, &b.coder)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_filter_by_key_and_bare_word() {
        let attrs: BTreeMap<String, String> = [
            ("sector".to_string(), "artisanat (céramique)".to_string()),
            ("stage".to_string(), "pre-launch".to_string()),
        ]
        .into_iter()
        .collect();
        assert!(attributes_match(&attrs, "sector=ceramique"));
        assert!(attributes_match(&attrs, "Stage=pre-launch artisanat"));
        assert!(!attributes_match(&attrs, "stage=growth"));
        assert!(!attributes_match(&attrs, "stage=launch"));
        assert!(attributes_match(&attrs, ""));
    }
}
