//! Seeing the team while coding: which other coders have codings, the letter each is
//! shown with, and their codings of one document, for a door to draw beside the coder's
//! own (read-only).

use crate::store::Coding;

/// Every coder of `codings` with their number of codings, by name.
pub fn coders(codings: &[Coding]) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in codings {
        *counts.entry(c.coder.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(name, n)| (name.to_string(), n))
        .collect()
}

/// The letter coder number `index` (in the order of [`coders`]) is shown with: `A`, `B`,
/// … `Z`, then `a` … `z`, then `+`.
pub fn letter(index: usize) -> char {
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    LETTERS.get(index).map_or('+', |b| char::from(*b))
}

/// The codings of `shown` coders on document `doc`, by start (the longest first at one
/// start), as a transcript draws them.
pub fn codings_on(codings: &[Coding], doc: &str, shown: &[String]) -> Vec<Coding> {
    if shown.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Coding> = codings
        .iter()
        .filter(|c| c.doc == doc && shown.contains(&c.coder))
        .cloned()
        .collect();
    out.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), &a.coder, &a.id).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            &b.coder,
            &b.id,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::new_coding;

    #[test]
    fn the_shown_coders_codings_of_a_document_by_position() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let e01 = study.load_document("E01").unwrap();
        let e02 = study.load_document("E02").unwrap();
        let codings = vec![
            new_coding(&e01, "role.sales", 30..40, None, "bob"),
            new_coding(&e01, "role.sales", 10..20, None, "ana"),
            new_coding(&e01, "role.sales", 10..50, None, "bob"),
            new_coding(&e02, "role.sales", 0..5, None, "bob"),
            new_coding(&e01, "role.sales", 0..5, None, "cleo"),
        ];
        assert_eq!(
            coders(&codings),
            [
                ("ana".to_string(), 1),
                ("bob".into(), 3),
                ("cleo".into(), 1)
            ]
        );
        let shown = ["bob".to_string(), "ana".to_string()];
        let on = codings_on(&codings, "E01", &shown);
        let spans: Vec<(usize, usize, &str)> = on
            .iter()
            .map(|c| (c.start, c.end, c.coder.as_str()))
            .collect();
        assert_eq!(spans, [(10, 50, "bob"), (10, 20, "ana"), (30, 40, "bob")]);
        assert!(codings_on(&codings, "E01", &[]).is_empty());
        assert_eq!(
            (letter(0), letter(1), letter(26), letter(99)),
            ('A', 'B', 'a', '+')
        );
    }
}
