//! Crosstabs of coded segments: codes by stage, or any pair of codes, documents, coders,
//! code groups and case attributes, with row and column totals.

use std::collections::HashSet;

use serde::Serialize;

use super::segments::{SegmentRecord, SegmentSet};
use crate::codebook::Codebook;
use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

/// An axis of a matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// One row or column per code (tree order).
    Code,
    /// One per document.
    Doc,
    /// One per coder.
    Coder,
    /// One per value of the set's dimension `i` (a code group or an attribute).
    Dim(usize),
}

/// What a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Coded segments.
    Segments,
    /// Distinct documents with at least one segment.
    Documents,
    /// Words in the segments' text.
    Words,
    /// Distinct coders with at least one segment.
    Coders,
}

impl Measure {
    /// Parses `segments`, `documents`, `words` or `coders`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "segments" => Measure::Segments,
            "documents" | "docs" => Measure::Documents,
            "words" => Measure::Words,
            "coders" => Measure::Coders,
            _ => return None,
        })
    }

    /// Whether totals count distinct items rather than summing cells.
    pub fn is_distinct(self) -> bool {
        matches!(self, Measure::Documents | Measure::Coders)
    }
}

/// A crosstab with totals. For distinct measures (documents, coders) the totals count
/// distinct items, so they are not the sums of the cells.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// What the cells count.
    pub measure: Measure,
    /// Row keys (code ids, document ids, coders, values; empty for "no value").
    pub rows: Vec<String>,
    /// Row headings.
    pub row_labels: Vec<String>,
    /// Column keys.
    pub cols: Vec<String>,
    /// Column headings.
    pub col_labels: Vec<String>,
    /// `cells[row][col]`.
    pub cells: Vec<Vec<u64>>,
    /// Per row.
    pub row_totals: Vec<u64>,
    /// Per column.
    pub col_totals: Vec<u64>,
    /// Grand total.
    pub total: u64,
}

/// The keys and labels of an axis, and the key of each record.
fn axis_keys(set: &SegmentSet, axis: Axis, cb: &Codebook) -> (Vec<String>, Vec<String>) {
    let mut keys: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |k: &str, keys: &mut Vec<String>| {
        if seen.insert(k.to_string()) {
            keys.push(k.to_string());
        }
    };
    match axis {
        Axis::Code => {
            for c in &set.codes {
                push(c, &mut keys);
            }
            let known: HashSet<&str> = set.codes.iter().map(String::as_str).collect();
            let mut extra: Vec<&str> = set
                .records
                .iter()
                .map(|r| r.code.as_ref())
                .filter(|c| !known.contains(c))
                .collect();
            extra.sort_unstable();
            extra.dedup();
            for c in extra {
                push(c, &mut keys);
            }
        }
        Axis::Doc => {
            let mut docs: Vec<&str> = set.records.iter().map(|r| r.doc.as_ref()).collect();
            docs.sort_unstable();
            docs.dedup();
            for d in docs {
                push(d, &mut keys);
            }
        }
        Axis::Coder => {
            for c in &set.coders {
                push(c, &mut keys);
            }
        }
        Axis::Dim(i) => {
            if let Some(dim) = set.dims.get(i) {
                for v in dim.known_values() {
                    push(v, &mut keys);
                }
                // Distinct values first: sorting every record's value would build a sort
                // key (a String) per comparison.
                let mut others: Vec<Option<&str>> = set
                    .records
                    .iter()
                    .map(|r| r.dim(i))
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect();
                others.sort_by_cached_key(|v| (dim.sort_key(*v), *v));
                for v in others {
                    push(v.unwrap_or(""), &mut keys);
                }
            }
        }
    }
    let labels = keys
        .iter()
        .map(|k| match axis {
            Axis::Code => cb
                .get(k)
                .map_or(k.clone(), |c| c.label(&set.lang).to_string()),
            Axis::Dim(i) => set.dims.get(i).map_or(k.clone(), |d| {
                d.label((!k.is_empty()).then_some(k.as_str()), cb, &set.lang)
            }),
            Axis::Doc | Axis::Coder => k.clone(),
        })
        .collect();
    (keys, labels)
}

fn record_key(r: &SegmentRecord, axis: Axis) -> &str {
    match axis {
        Axis::Code => &r.code,
        Axis::Doc => &r.doc,
        Axis::Coder => &r.coder,
        Axis::Dim(i) => r.dim(i).unwrap_or(""),
    }
}

/// Builds the crosstab of `set` by `rows` and `cols`.
pub fn crosstab(
    set: &SegmentSet,
    rows: &Axis,
    cols: &Axis,
    measure: Measure,
    cb: &Codebook,
) -> Matrix {
    let (row_keys, row_labels) = axis_keys(set, *rows, cb);
    let (col_keys, col_labels) = axis_keys(set, *cols, cb);
    let row_index: FastMap<&str, usize> = row_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let col_index: FastMap<&str, usize> = col_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let (nr, nc) = (row_keys.len(), col_keys.len());
    let mut cells = vec![vec![0u64; nc]; nr];
    let mut row_totals = vec![0u64; nr];
    let mut col_totals = vec![0u64; nc];
    let mut total = 0u64;
    let mut cell_items: FastSet<(usize, usize, &str)> = FastSet::default();
    let mut row_items: FastSet<(usize, &str)> = FastSet::default();
    let mut col_items: FastSet<(usize, &str)> = FastSet::default();
    let mut all_items: FastSet<&str> = FastSet::default();
    for r in &set.records {
        let (Some(&ri), Some(&ci)) = (
            row_index.get(record_key(r, *rows)),
            col_index.get(record_key(r, *cols)),
        ) else {
            continue;
        };
        let add = match measure {
            Measure::Segments => 1,
            Measure::Words => r.words as u64,
            Measure::Documents | Measure::Coders => {
                let item = if measure == Measure::Documents {
                    r.doc.as_ref()
                } else {
                    r.coder.as_ref()
                };
                let bump = |v: &mut u64, fresh: bool| {
                    if fresh {
                        *v += 1;
                    }
                };
                if let Some(v) = cells.get_mut(ri).and_then(|row| row.get_mut(ci)) {
                    bump(v, cell_items.insert((ri, ci, item)));
                }
                if let Some(v) = row_totals.get_mut(ri) {
                    bump(v, row_items.insert((ri, item)));
                }
                if let Some(v) = col_totals.get_mut(ci) {
                    bump(v, col_items.insert((ci, item)));
                }
                bump(&mut total, all_items.insert(item));
                continue;
            }
        };
        if let Some(v) = cells.get_mut(ri).and_then(|row| row.get_mut(ci)) {
            *v += add;
        }
        if let Some(v) = row_totals.get_mut(ri) {
            *v += add;
        }
        if let Some(v) = col_totals.get_mut(ci) {
            *v += add;
        }
        total += add;
    }
    Matrix {
        measure,
        rows: row_keys,
        row_labels,
        cols: col_keys,
        col_labels,
        cells,
        row_totals,
        col_totals,
        total,
    }
}

impl Matrix {
    /// The largest cell (for heatmap shading).
    pub fn max_cell(&self) -> u64 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The matrix as text rows with a header (row heading, columns, `total`) and a final
    /// total row, for aligned tables and CSV.
    pub fn to_rows(&self, row_heading: &str, ids: bool) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![row_heading.to_string()];
        header.extend(self.col_labels.iter().cloned());
        header.push("total".into());
        let mut rows = Vec::with_capacity(self.rows.len() + 1);
        for (i, label) in self.row_labels.iter().enumerate() {
            let key = self.rows.get(i).map_or("", String::as_str);
            let head = if ids && key != label {
                format!("{label} ({key})")
            } else {
                label.clone()
            };
            let mut row = vec![head];
            row.extend(self.cells.get(i).into_iter().flatten().map(u64::to_string));
            row.push(self.row_totals.get(i).copied().unwrap_or(0).to_string());
            rows.push(row);
        }
        let mut last = vec!["total".to_string()];
        last.extend(self.col_totals.iter().map(u64::to_string));
        last.push(self.total.to_string());
        rows.push(last);
        (header, rows)
    }
}
