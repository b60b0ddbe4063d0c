//! The disagreements behind the numbers: every unit (or run of characters) where the
//! coders who read a document did not all do the same with a code. The CLI lists them;
//! the TUI review walks through them and records a consensus decision for each.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::AgreementError;
use super::continuum::CharMatrix;
use super::units::{CodeSet, Inputs, SpanOptions, UnitMatrix};
use crate::store::Coding;
use crate::unit::Unit;

/// A coding, as a disagreement shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodingRef {
    /// Coding id.
    pub id: String,
    /// Its code (a descendant of the compared code with rollup).
    pub code: String,
    /// Span start.
    pub start: usize,
    /// Span end.
    pub end: usize,
}

/// What one coder did on a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoderView {
    /// Coder.
    pub coder: String,
    /// Whether they applied the code (`None`: did not code the document).
    pub applied: Option<bool>,
    /// Their codings of the code (or its descendants with rollup) overlapping the range.
    pub codings: Vec<CodingRef>,
}

/// One disagreement: a unit (or run of characters) and a code on which the coders who
/// coded the document did not all agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Document id.
    pub doc: String,
    /// The unit's range (chars of the body).
    pub range: Range<usize>,
    /// The compared code.
    pub code: String,
    /// One entry per compared coder, in column order.
    pub coders: Vec<CoderView>,
}

impl Disagreement {
    /// The coder's view, by name.
    pub fn coder(&self, name: &str) -> Option<&CoderView> {
        self.coders.iter().find(|c| c.coder == name)
    }
}

/// Every disagreement, by document, position and code. With pre-defined units, one per
/// (unit, code); with characters, one per maximal run on which the coders differ.
pub fn disagreements(
    inputs: &Inputs,
    codes: &CodeSet,
    unit: Unit,
    opts: &SpanOptions,
) -> Result<Vec<Disagreement>, AgreementError> {
    // (doc index, code index, range, present mask, applied mask)
    let mut raw: Vec<(usize, usize, Range<usize>, u64, u64)> = Vec::new();
    let split = |present: u64, mask: u64| {
        let applied = mask & present;
        present.count_ones() >= 2 && applied != 0 && applied != present
    };
    match unit {
        kind @ (Unit::Sentence | Unit::Paragraph | Unit::Turn | Unit::Passage) => {
            let m = UnitMatrix::build(inputs, codes, kind, opts)?;
            for d in 0..m.docs.len() {
                let present = m.present.get(d).copied().unwrap_or(0);
                for k in 0..codes.codes.len() {
                    for &(u, mask) in m.touched(k, d) {
                        let range = m.units.get(d).and_then(|x| x.get(u as usize));
                        if let Some(range) = range.filter(|_| split(present, mask)) {
                            raw.push((d, k, range.clone(), present, mask));
                        }
                    }
                }
            }
        }
        Unit::Char => {
            let m = CharMatrix::build(inputs, codes)?;
            for d in 0..m.docs.len() {
                let present = m.present.get(d).copied().unwrap_or(0);
                for k in 0..codes.codes.len() {
                    for (range, mask) in m.runs(k, d) {
                        if split(present, *mask) {
                            raw.push((d, k, range.clone(), present, *mask));
                        }
                    }
                }
            }
        }
    }
    raw.sort_by_key(|r| (r.0, r.2.start, r.2.end, r.1));
    // Codings by (doc, coder) for the per-coder lists.
    let mut by: HashMap<(&str, &str), Vec<&Coding>> = HashMap::new();
    for c in inputs.codings {
        by.entry((c.doc.as_str(), c.coder.as_str()))
            .or_default()
            .push(c);
    }
    let mut out = Vec::with_capacity(raw.len());
    for (d, k, range, present, mask) in raw {
        let Some(doc) = inputs.docs.get(d) else {
            continue;
        };
        let coders = inputs
            .coders
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let codings = by
                    .get(&(doc.id.as_str(), name.as_str()))
                    .into_iter()
                    .flatten()
                    .filter(|x| x.overlaps(range.start, range.end))
                    .filter(|x| codes.targets(&x.code).contains(&k))
                    .map(|x| CodingRef {
                        id: x.id.clone(),
                        code: x.code.clone(),
                        start: x.start,
                        end: x.end,
                    })
                    .collect();
                CoderView {
                    coder: name.clone(),
                    applied: (present >> c & 1 == 1).then_some(mask >> c & 1 == 1),
                    codings,
                }
            })
            .collect();
        out.push(Disagreement {
            doc: doc.id.clone(),
            range,
            code: codes.codes.get(k).cloned().unwrap_or_default(),
            coders,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::test_fixtures::{CODEBOOK, coding, doc, names, span};
    use crate::codebook::Codebook;

    #[test]
    fn lists_units_where_coders_differ_with_their_codings() {
        let (d1, d2) = (doc("D1"), doc("D2"));
        let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
        let a_press = coding(
            &d1,
            "a",
            "role.communication.press",
            span(&d1, "Troisième."),
        );
        let codings = vec![
            a_press.clone(),
            coding(&d1, "b", "role.sales", span(&d1, "Merci.")),
            coding(&d1, "a", "role.sales", span(&d1, "Merci.")),
            coding(&d2, "a", "role.sales", span(&d2, "Merci.")),
        ];
        let coders = names(&["a", "b"]);
        let docs = [d1.clone(), d2];
        let inputs = Inputs {
            docs: &docs,
            codings: &codings,
            coders: &coders,
        };
        let codes = CodeSet::new(&cb, &names(&["role.communication", "role.sales"]), true);
        let unit = Unit::Sentence;
        let list = disagreements(&inputs, &codes, unit, &SpanOptions::default()).unwrap();
        // Only D1 sentence 4: a (via press, rolled up) vs b. D1 "Merci." agrees; in D2 b
        // is missing, so a alone disagrees with nobody.
        assert_eq!(list.len(), 1);
        let d = &list[0];
        assert_eq!(
            (d.doc.as_str(), d.code.as_str()),
            ("D1", "role.communication")
        );
        assert_eq!(d.range, span(&d1, "Troisième."));
        let a = d.coder("a").unwrap();
        assert_eq!(a.applied, Some(true));
        assert_eq!(a.codings[0].id, a_press.id);
        assert_eq!(d.coder("b").unwrap().applied, Some(false));
        assert!(d.coder("b").unwrap().codings.is_empty());
        // Characters: the same disagreement is the run of "Troisième.".
        let chars = disagreements(&inputs, &codes, Unit::Char, &SpanOptions::default()).unwrap();
        assert_eq!(chars.len(), 1);
        assert_eq!(chars[0].range, span(&d1, "Troisième."));
    }
}
