//! Duplicate-span coding: one coder coding overlapping spans with the same code (two
//! overlapping selections), which exports then count twice. [`duplicate_spans`] finds
//! them, `glose check` reports them, and [`merge_plan`] gives the ops that merge a group
//! into one coding (for a door to offer).

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::store::{Coding, Op, make_anchor, now};

/// Codings of one coder with one code on one document whose spans overlap (each
/// overlaps the union of those before it, in order of position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// The coder.
    pub coder: String,
    /// The document.
    pub doc: String,
    /// The code.
    pub code: String,
    /// The codings (two or more), by position.
    pub codings: Vec<Coding>,
}

impl DuplicateGroup {
    /// The span the group covers (the union: its spans overlap).
    pub fn union(&self) -> Range<usize> {
        let start = self.codings.iter().map(|c| c.start).min().unwrap_or(0);
        let end = self.codings.iter().map(|c| c.end).max().unwrap_or(0);
        start..end
    }
}

/// Every group of overlapping same-code codings of one coder, by coder, document and
/// position. Spans that only touch (`0..5` and `5..9`) do not overlap.
pub fn duplicate_spans(codings: &[Coding]) -> Vec<DuplicateGroup> {
    let mut sorted: Vec<&Coding> = codings.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.coder, &a.doc, &a.code, a.start, a.end, &a.id)
            .cmp(&(&b.coder, &b.doc, &b.code, b.start, b.end, &b.id))
    });
    let mut out = Vec::new();
    let mut run: Vec<&Coding> = Vec::new();
    let mut end = 0;
    let flush = |run: &mut Vec<&Coding>, out: &mut Vec<DuplicateGroup>| {
        if let [first, _, ..] = run.as_slice() {
            out.push(DuplicateGroup {
                coder: first.coder.clone(),
                doc: first.doc.clone(),
                code: first.code.clone(),
                codings: run.iter().map(|c| (*c).clone()).collect(),
            });
        }
        run.clear();
    };
    for c in sorted {
        let joins = run.last().is_some_and(|last| {
            (&last.coder, &last.doc, &last.code) == (&c.coder, &c.doc, &c.code) && c.start < end
        });
        if !joins {
            flush(&mut run, &mut out);
            end = c.end;
        }
        end = end.max(c.end);
        run.push(c);
    }
    flush(&mut run, &mut out);
    out
}

/// The ops that merge `group` into one coding over its union, on `doc` (the group's
/// document): the first coding is widened (same id, anchor made again, memos of the
/// others appended, each once), the others removed. Applied in order, they can be
/// undone as one change by applying their inverses in reverse.
pub fn merge_plan(doc: &Document, group: &DuplicateGroup) -> Vec<Op> {
    let Some((first, rest)) = group.codings.split_first() else {
        return Vec::new();
    };
    let range = group.union();
    let mut memos: Vec<&str> = Vec::new();
    for m in group.codings.iter().filter_map(|c| c.memo.as_deref()) {
        if !m.trim().is_empty() && !memos.contains(&m) {
            memos.push(m);
        }
    }
    let mut after = first.clone();
    after.start = range.start;
    after.end = range.end;
    after.anchor = make_anchor(doc, range);
    after.memo = (!memos.is_empty()).then(|| memos.join("\n\n"));
    after.modified = now();
    let mut ops = vec![Op::Update {
        before: first.clone(),
        after,
    }];
    ops.extend(rest.iter().cloned().map(Op::Remove));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::new_coding;

    #[test]
    fn overlapping_same_code_spans_of_one_coder_are_found_and_merged() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let doc = study.load_document("E01").unwrap();
        let c = |code: &str, r: Range<usize>, coder: &str, memo: Option<&str>| {
            new_coding(&doc, code, r, memo.map(str::to_string), coder)
        };
        let codings = vec![
            c("role.sales", 10..40, "ana", Some("vente")),
            c("role.sales", 30..60, "ana", Some("vente")),
            c("role.sales", 55..70, "ana", Some("suite")),
            c("role.sales", 70..80, "ana", None), // touches only
            c("role.sales", 35..50, "bob", None), // another coder
            c("role.marketing", 35..50, "ana", None), // another code
        ];
        let groups = duplicate_spans(&codings);
        assert_eq!(groups.len(), 1, "{groups:?}");
        let g = &groups[0];
        assert_eq!((g.coder.as_str(), g.code.as_str()), ("ana", "role.sales"));
        assert_eq!(g.codings.len(), 3);
        assert_eq!(g.union(), 10..70);
        let ops = merge_plan(&doc, g);
        assert_eq!(ops.len(), 3);
        let Op::Update { before, after } = &ops[0] else {
            panic!("first op widens the first coding");
        };
        assert_eq!(before.id, after.id);
        assert_eq!(after.range(), 10..70);
        assert_eq!(after.anchor.quote, doc.slice(10..70));
        assert_eq!(after.memo.as_deref(), Some("vente\n\nsuite"));
        assert!(matches!(&ops[1], Op::Remove(x) if x.id == g.codings[1].id));
        // Applied to the coder's file, no duplicate is left.
        let mut file = crate::store::CoderFile {
            coder: "ana".into(),
            codings: codings.clone(),
            memos: Vec::new(),
        };
        for op in &ops {
            op.apply(&mut file).unwrap();
        }
        assert!(duplicate_spans(&file.codings).is_empty());
        assert_eq!(file.codings.len(), codings.len() - 2);
    }
}
