//! Code co-occurrence: how often two codes overlap in the same coder's codings.
//!
//! Two codings co-occur when they are in the same document, by the same coder, with
//! different codes, and their spans share at least one character. Each such pair counts
//! once in both cells (the matrix is symmetric). The diagonal holds each code's number of
//! segments, as MAXQDA's code relations browser does.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::segments::{SegmentRecord, SegmentSet};
use crate::codebook::Codebook;

/// The code × code matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Cooccurrence {
    /// The codes, tree order (only codes with at least one segment).
    pub codes: Vec<String>,
    /// Their labels.
    pub labels: Vec<String>,
    /// `counts[a][b]`: overlapping pairs of codings of `a` and `b`; diagonal: segments.
    pub counts: Vec<Vec<u64>>,
}

/// Builds the co-occurrence matrix of the records of `set`.
pub fn cooccurrence(set: &SegmentSet, cb: &Codebook) -> Cooccurrence {
    let mut codes: Vec<String> = set
        .codes
        .iter()
        .filter(|c| set.records.iter().any(|r| *r.code == ***c))
        .cloned()
        .collect();
    let mut extra: Vec<String> = set
        .records
        .iter()
        .filter(|r| !set.codes.iter().any(|c| **c == *r.code))
        .map(|r| r.code.to_string())
        .collect();
    extra.sort();
    extra.dedup();
    codes.extend(extra);
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let n = codes.len();
    let mut counts = vec![vec![0u64; n]; n];
    let mut groups: BTreeMap<(&str, &str), Vec<&SegmentRecord>> = BTreeMap::new();
    for r in &set.records {
        groups
            .entry((r.doc.as_ref(), r.coder.as_ref()))
            .or_default()
            .push(r);
    }
    for (_, mut list) in groups {
        list.sort_by_key(|r| (r.start, r.end));
        for (i, a) in list.iter().enumerate() {
            let Some(&ai) = index.get(a.code.as_ref()) else {
                continue;
            };
            if let Some(v) = counts.get_mut(ai).and_then(|row| row.get_mut(ai)) {
                *v += 1;
            }
            for b in list.iter().skip(i + 1).take_while(|b| b.start < a.end) {
                if b.code == a.code || b.end <= a.start || b.start == b.end || a.start == a.end {
                    continue;
                }
                let Some(&bi) = index.get(b.code.as_ref()) else {
                    continue;
                };
                for (x, y) in [(ai, bi), (bi, ai)] {
                    if let Some(v) = counts.get_mut(x).and_then(|row| row.get_mut(y)) {
                        *v += 1;
                    }
                }
            }
        }
    }
    let labels = codes
        .iter()
        .map(|c| {
            cb.get(c)
                .map_or(c.clone(), |code| code.label(&set.lang).to_string())
        })
        .collect();
    Cooccurrence {
        codes,
        labels,
        counts,
    }
}

impl Cooccurrence {
    /// The matrix as text rows with a header (code, one column per code id), for aligned
    /// tables and CSV.
    pub fn to_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec!["code".to_string()];
        header.extend(self.codes.iter().cloned());
        let rows = self
            .codes
            .iter()
            .zip(&self.counts)
            .map(|(c, row)| {
                let mut out = vec![c.clone()];
                out.extend(row.iter().map(u64::to_string));
                out
            })
            .collect();
        (header, rows)
    }
}
