//! Sparse vectors of term weights: (term id, weight) pairs sorted by term id.

/// A sparse vector, sorted by term id, without zeros.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec(pub Vec<(u32, f64)>);

impl SparseVec {
    /// Whether it has no term.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The dot product with another sparse vector (a merge of the two sorted lists).
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// The dot product with a dense vector.
    pub fn dot_dense(&self, dense: &[f64]) -> f64 {
        dot_dense(&self.0, dense)
    }

    /// The Euclidean norm.
    pub fn norm(&self) -> f64 {
        self.0.iter().map(|(_, w)| w * w).sum::<f64>().sqrt()
    }

    /// The vector scaled to unit length (unchanged when empty).
    pub fn normalized(mut self) -> SparseVec {
        let n = self.norm();
        if n > 0.0 {
            for (_, w) in &mut self.0 {
                *w /= n;
            }
        }
        self
    }

    /// The cosine similarity (0 when either vector is empty).
    pub fn cosine(&self, other: &SparseVec) -> f64 {
        let n = self.norm() * other.norm();
        if n > 0.0 { self.dot(other) / n } else { 0.0 }
    }

    /// The terms both vectors hold, with the product of their weights, largest first.
    pub fn shared(&self, other: &SparseVec) -> Vec<(u32, f64)> {
        let theirs: std::collections::HashMap<u32, f64> = other.0.iter().copied().collect();
        let mut out: Vec<(u32, f64)> = self
            .0
            .iter()
            .filter_map(|&(t, w)| theirs.get(&t).map(|v| (t, w * v)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// Sparse vectors side by side in one buffer, so that going through them reads memory in
/// order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    pairs: Vec<(u32, f64)>,
    ends: Vec<usize>,
}

impl Packed {
    /// `vectors` packed, in order.
    pub fn of<'a>(vectors: impl IntoIterator<Item = &'a SparseVec>) -> Self {
        let mut packed = Packed::default();
        for v in vectors {
            packed.pairs.extend_from_slice(&v.0);
            packed.ends.push(packed.pairs.len());
        }
        packed
    }

    /// Number of vectors.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `k`-th vector's (term id, weight) pairs.
    pub fn get(&self, k: usize) -> &[(u32, f64)] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.pairs[start..self.ends[k]]
    }
}

impl SparseVec {
    /// This vector as a dense one of `dim` weights (terms beyond `dim` left out).
    pub fn to_dense(&self, dim: usize) -> Vec<f64> {
        let mut dense = vec![0.0; dim];
        for &(t, w) in &self.0 {
            if let Some(d) = dense.get_mut(t as usize) {
                *d = w;
            }
        }
        dense
    }
}

/// The dot product of sparse `pairs` (term id, weight) with a dense vector.
pub fn dot_dense(pairs: &[(u32, f64)], dense: &[f64]) -> f64 {
    pairs
        .iter()
        .map(|&(t, w)| dense.get(t as usize).copied().unwrap_or(0.0) * w)
        .sum()
}

/// The mean of `vectors` as a sparse vector (empty for no vector).
pub fn centroid<'a>(vectors: impl IntoIterator<Item = &'a SparseVec>) -> SparseVec {
    let mut sum: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    let mut n = 0usize;
    for v in vectors {
        n += 1;
        for &(t, w) in &v.0 {
            *sum.entry(t).or_default() += w;
        }
    }
    if n == 0 {
        return SparseVec::default();
    }
    SparseVec(
        sum.into_iter()
            .map(|(t, w)| (t, w / n as f64))
            .filter(|(_, w)| *w != 0.0)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_cosine_and_shared_terms() {
        let a = SparseVec(vec![(0, 1.0), (2, 2.0), (5, 1.0)]);
        let b = SparseVec(vec![(2, 3.0), (5, -1.0), (7, 4.0)]);
        assert_eq!(a.dot(&b), 5.0);
        assert_eq!(a.dot_dense(&[1.0, 0.0, 0.5]), 2.0);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-12);
        assert_eq!(a.cosine(&SparseVec::default()), 0.0);
        assert_eq!(a.shared(&b), vec![(2, 6.0), (5, -1.0)]);
        let c = centroid([&a, &b]);
        assert_eq!(c.0, vec![(0, 0.5), (2, 2.5), (7, 2.0)]);
    }
}
