//! The deterministic order of an export's records (by dimension, code, document, span,
//! coder and id).

use super::dims::Dimension;
use super::segments::SegmentRecord;
use rustc_hash::{FxBuildHasher as FastBuild, FxHashMap as FastMap, FxHashSet as FastSet};

/// The order of the records of an export: by each dimension's value, then code (tree
/// order, then id), document, start, end, coder and coding id.
///
/// Strings are ranked once per distinct value (a few dozen codes, documents, coders and
/// dimension values), so the sort of 100,000 records compares integers, not strings
/// behind pointers; it gives exactly the order of comparing the strings themselves.
pub(super) fn record_order(records: &[SegmentRecord], by: &[Dimension]) -> Vec<usize> {
    /// The rank of each distinct value by `key` (equal keys, equal ranks).
    fn ranks<V: std::hash::Hash + Eq + Copy, K: Ord>(
        values: impl Iterator<Item = V>,
        key: impl Fn(V) -> K,
    ) -> FastMap<V, u32> {
        let mut distinct: Vec<(K, V)> = values
            .collect::<FastSet<V>>()
            .into_iter()
            .map(|v| (key(v), v))
            .collect();
        distinct.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = FastMap::with_capacity_and_hasher(distinct.len(), FastBuild);
        let mut rank = 0u32;
        for (i, (k, v)) in distinct.iter().enumerate() {
            if i > 0 && distinct.get(i - 1).is_some_and(|(p, _)| p != k) {
                rank += 1;
            }
            out.insert(*v, rank);
        }
        out
    }
    let dims = by.len();
    let mut dim_ranks: Vec<u32> = Vec::with_capacity(records.len() * dims);
    let per_dim: Vec<FastMap<Option<&str>, u32>> = by
        .iter()
        .enumerate()
        .map(|(i, d)| ranks(records.iter().map(|r| r.dim(i)), |v| d.sort_key(v)))
        .collect();
    let mut code_order: FastMap<&str, usize> = FastMap::default();
    for r in records {
        code_order.entry(r.code.as_ref()).or_insert(r.code_order);
    }
    let codes = ranks(code_order.iter().map(|(c, o)| (*c, *o)), |(c, o)| (o, c));
    let codes: FastMap<&str, u32> = codes.into_iter().map(|((c, _), r)| (c, r)).collect();
    let docs = ranks(records.iter().map(|r| r.doc.as_ref()), |d| d);
    let coders = ranks(records.iter().map(|r| r.coder.as_ref()), |c| c);
    let rank = |m: &FastMap<&str, u32>, v: &str| m.get(v).copied().unwrap_or(u32::MAX);
    let mut keys: Vec<(u32, u32, usize, usize, u32)> = Vec::with_capacity(records.len());
    for r in records {
        for (i, m) in per_dim.iter().enumerate() {
            dim_ranks.push(m.get(&r.dim(i)).copied().unwrap_or(u32::MAX));
        }
        keys.push((
            rank(&codes, &r.code),
            rank(&docs, &r.doc),
            r.start,
            r.end,
            rank(&coders, &r.coder),
        ));
    }
    let dims_of = |i: usize| dim_ranks.get(i * dims..(i + 1) * dims).unwrap_or(&[]);
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| {
        dims_of(a)
            .cmp(dims_of(b))
            .then_with(|| keys.get(a).cmp(&keys.get(b)))
            .then_with(|| match (records.get(a), records.get(b)) {
                (Some(ra), Some(rb)) => ra.id.cmp(&rb.id),
                _ => std::cmp::Ordering::Equal,
            })
    });
    order
}
