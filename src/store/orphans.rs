//! The one re-anchoring scan: which codings were made on an earlier version of their
//! transcript, and where their text is now. `glose check`, `glose reanchor` and the TUI's
//! orphan list all ask this module.

use super::Coding;
use super::anchor::{Placement, Relocation, Relocator};
use crate::document::Document;
use crate::study::Study;

/// The codings of one document compared with its current text.
#[derive(Debug)]
pub struct DocScan<T> {
    /// How many were made on this very text.
    pub unchanged: usize,
    /// The others, each with where its text is now (in the order given).
    pub stale: Vec<(T, Relocation)>,
}

/// Compares codings with the current text of `doc`; `coding` gives the coding of each
/// item (items can carry more, such as the file a coding came from). The text is
/// prepared for relocation only when some coding needs it.
pub fn scan_document<T>(
    doc: &Document,
    items: impl IntoIterator<Item = T>,
    coding: impl Fn(&T) -> &Coding,
) -> DocScan<T> {
    let mut relocator = None;
    let mut scan = DocScan {
        unchanged: 0,
        stale: Vec::new(),
    };
    for item in items {
        let c = coding(&item);
        if c.anchor.doc_hash == doc.hash {
            scan.unchanged += 1;
            continue;
        }
        let r = relocator
            .get_or_insert_with(|| Relocator::new(doc))
            .relocate(c);
        scan.stale.push((item, r));
    }
    scan
}

/// Scans codings document by document (in id order), loading each transcript once;
/// `each` gets the document and its scan. Documents that cannot be read are skipped
/// (`glose check` reports them).
pub fn scan<'c>(
    study: &Study,
    codings: impl IntoIterator<Item = &'c Coding>,
    mut each: impl FnMut(&Document, DocScan<&'c Coding>),
) {
    let mut by_doc: std::collections::BTreeMap<&str, Vec<&'c Coding>> = Default::default();
    for c in codings {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    for (doc_id, list) in by_doc {
        let Ok(doc) = study.load_document(doc_id) else {
            continue;
        };
        let s = scan_document(&doc, list, |c| c);
        each(&doc, s);
    }
}

/// The codings whose text is no longer in their transcript (they are kept, for the coder
/// to place again).
pub fn orphans<'c>(
    study: &Study,
    codings: impl IntoIterator<Item = &'c Coding>,
) -> Vec<&'c Coding> {
    let mut out = Vec::new();
    scan(study, codings, |_, s| {
        out.extend(
            s.stale
                .into_iter()
                .filter(|(_, r)| r.placement == Placement::Orphaned)
                .map(|(c, _)| c),
        );
    });
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::document::DEFAULT_INTERVIEWER_LABELS;
    use crate::store::new_coding;

    fn doc(body: &str) -> Document {
        let labels: Vec<String> = DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let raw = format!("---\nid: E01\n---\n{body}");
        Document::parse("E01", Path::new("E01.txt"), &raw, &labels)
    }

    fn span(d: &Document, needle: &str) -> std::ops::Range<usize> {
        let byte = d.text.find(needle).unwrap();
        let start = d.text[..byte].chars().count();
        start..start + needle.chars().count()
    }

    /// Unchanged text, text that moved and text that is gone, sorted apart once.
    #[test]
    fn one_scan_sorts_unchanged_moved_and_orphaned() {
        let before = doc("Fondatrice : On a lancé en 2021. La boutique marche bien.\n");
        let kept = new_coding(&before, "a", span(&before, "On a lancé"), None, "x");
        let moves = new_coding(&before, "b", span(&before, "La boutique"), None, "x");
        let gone = new_coding(&before, "c", span(&before, "marche bien"), None, "x");
        // Same text: every coding is unchanged, nothing is relocated.
        let s = scan_document(&before, [&kept, &moves, &gone], |c| c);
        assert_eq!((s.unchanged, s.stale.len()), (3, 0));
        // Edited: a sentence inserted before, the last words rewritten.
        let after = doc("Fondatrice : Bonjour. On a lancé en 2021. La boutique tourne.\n");
        let s = scan_document(&after, [&kept, &moves, &gone], |c| c);
        assert_eq!(s.unchanged, 0);
        let placements: Vec<(&str, Placement)> = s
            .stale
            .iter()
            .map(|(c, r)| (c.code.as_str(), r.placement))
            .collect();
        assert_eq!(
            placements,
            [
                ("a", Placement::Moved),
                ("b", Placement::Moved),
                ("c", Placement::Orphaned)
            ]
        );
        assert_eq!(
            s.stale[1]
                .1
                .range
                .clone()
                .map(|r| after.slice(r).to_string()),
            Some("La boutique".to_string())
        );
    }
}
