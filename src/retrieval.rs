//! Retrieval filters: whether a document's case attributes satisfy a filter typed by a
//! person (`sector=artisanat stage=growth`, or bare words). The segments reader
//! ([`crate::reader`]) selects, groups and shows the passages; this is its filter.

use std::collections::BTreeMap;

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
