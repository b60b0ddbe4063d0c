//! An inverted index over the passage vectors: for each term, the passages holding it and
//! their weight there, so that a query's dot products with the whole corpus are summed over
//! the postings of the query's own few terms instead of a merge with every passage, and
//! the best few are found without summing the longest postings (those of the commonest,
//! lightest terms) for every passage: a "max-score" pruning that gives exactly the
//! passages and scores a full scan gives.

use super::corpus::Passage;
use super::vector::SparseVec;

/// Term id → (passage index, weight) postings, side by side in three flat buffers
/// (compressed sparse columns); each term's postings are in passage order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postings {
    /// Where each term's postings start in `passages` and `weights` (one more than terms).
    starts: Vec<usize>,
    passages: Vec<u32>,
    weights: Vec<f64>,
    /// Each term's largest weight in any passage (0 for a term no passage holds).
    max_weight: Vec<f64>,
}

impl Postings {
    /// The postings of `passages`' vectors, over `dim` terms (terms beyond are left out).
    pub fn of(passages: &[Passage], dim: usize) -> Self {
        let mut starts = vec![0usize; dim + 1];
        for p in passages {
            for &(t, _) in &p.vector.0 {
                if let Some(s) = starts.get_mut(t as usize + 1) {
                    *s += 1;
                }
            }
        }
        for t in 0..dim {
            starts[t + 1] += starts[t];
        }
        let total = starts[dim];
        let mut next = starts.clone();
        let mut ids = vec![0u32; total];
        let mut weights = vec![0.0f64; total];
        let mut max_weight = vec![0.0f64; dim];
        for (i, p) in passages.iter().enumerate() {
            for &(t, w) in &p.vector.0 {
                if let Some(at) = next.get_mut(t as usize).filter(|_| (t as usize) < dim) {
                    ids[*at] = i as u32;
                    weights[*at] = w;
                    *at += 1;
                    let m = &mut max_weight[t as usize];
                    *m = m.max(w.abs());
                }
            }
        }
        Postings {
            starts,
            passages: ids,
            weights,
            max_weight,
        }
    }

    /// The memory its buffers hold, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * std::mem::size_of::<usize>()
            + self.passages.capacity() * std::mem::size_of::<u32>()
            + (self.weights.capacity() + self.max_weight.capacity()) * std::mem::size_of::<f64>()
    }

    /// The postings of term `t`: (passage indices, weights).
    fn of_term(&self, t: u32) -> (&[u32], &[f64]) {
        let t = t as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&from), Some(&to)) => (&self.passages[from..to], &self.weights[from..to]),
            _ => (&[], &[]),
        }
    }

    /// The `limit` passages with the largest positive score, best first (ties in corpus
    /// order), among those `keep` accepts; `score(i)` is passage `i`'s exact dot product
    /// with `query` (the pruning only decides which passages are scored).
    ///
    /// The query's terms are summed from the heaviest bound (query weight times the term's
    /// largest weight) down. Once `limit` kept passages have a partial sum above what all
    /// the terms left could add, no passage untouched so far can make the list: the terms
    /// left are added to the touched passages only, and only those whose sum reaches the
    /// list are scored.
    pub fn best(
        &self,
        query: &SparseVec,
        n: usize,
        limit: usize,
        keep: impl Fn(usize) -> bool,
        score: impl Fn(usize) -> f64,
    ) -> Vec<(usize, f64)> {
        if limit == 0 {
            return Vec::new();
        }
        if query.0.iter().any(|&(_, q)| q < 0.0) {
            // The bounds hold for non-negative weights only: score every passage.
            return best_by_scan(n, limit, keep, score);
        }
        // (term, its query weight, the most it can add to a passage's score).
        let mut terms: Vec<(u32, f64, f64)> = query
            .0
            .iter()
            .map(|&(t, q)| {
                let bound = self.max_weight.get(t as usize).map_or(0.0, |m| q * m);
                (t, q, bound)
            })
            .filter(|&(_, _, b)| b > 0.0)
            .collect();
        terms.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut rest: f64 = terms.iter().map(|t| t.2).sum();
        let mut partial = vec![0.0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        // What `keep` said of each passage, asked only when needed: 0 not asked, 1 kept,
        // 2 left out.
        let mut kept = vec![0u8; n];
        let mut keeps = |i: usize| {
            if kept[i] == 0 {
                kept[i] = if keep(i) { 1 } else { 2 };
            }
            kept[i] == 1
        };
        let mut threshold = f64::NEG_INFINITY;
        let mut highest = 0.0f64;
        let mut done = terms.len();
        for (at, &(t, q, bound)) in terms.iter().enumerate() {
            let (ids, ws) = self.of_term(t);
            for (&i, &w) in ids.iter().zip(ws) {
                let Some(s) = partial.get_mut(i as usize) else {
                    continue;
                };
                if *s == 0.0 {
                    touched.push(i);
                }
                // Non-negative products: a touched passage's sum stays above 0.
                *s += (q * w).max(f64::MIN_POSITIVE);
                highest = highest.max(*s);
            }
            rest -= bound;
            // The list's last score is at most the highest partial sum: no use looking
            // for it while that is below what the terms left could add.
            if highest <= rest + slack(rest) {
                continue;
            }
            if let Some(t) = limit_th_kept(&touched, &partial, limit, &mut keeps) {
                threshold = t;
                if threshold > rest + slack(rest) {
                    done = at + 1;
                    break;
                }
            }
        }
        if done < terms.len() {
            // No untouched passage can make the list any more: the terms left are added to
            // the touched passages only, so that the sums are whole and few need scoring.
            for &(t, q, _) in &terms[done..] {
                let (ids, ws) = self.of_term(t);
                for (&i, &w) in ids.iter().zip(ws) {
                    if let Some(s) = partial.get_mut(i as usize).filter(|s| **s > 0.0) {
                        *s += (q * w).max(f64::MIN_POSITIVE);
                    }
                }
            }
            rest = 0.0;
            if let Some(t) = limit_th_kept(&touched, &partial, limit, &mut keeps) {
                threshold = t;
            }
        }
        let reach = threshold - rest - slack(rest);
        let mut scored: Vec<(usize, f64)> = touched
            .into_iter()
            .map(|i| i as usize)
            .filter(|&i| partial[i] >= reach && keeps(i))
            .map(|i| (i, score(i)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        top(&mut scored, limit)
    }
}

/// The `limit`-th largest partial sum among the touched passages `keeps` accepts (`None`
/// when fewer are accepted), asking `keeps` about the best touched passages only.
fn limit_th_kept(
    touched: &[u32],
    partial: &[f64],
    limit: usize,
    keeps: &mut impl FnMut(usize) -> bool,
) -> Option<f64> {
    let mut scored: Vec<(f64, u32)> = touched.iter().map(|&i| (partial[i as usize], i)).collect();
    let by_partial = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0);
    let mut window = (2 * limit).min(scored.len());
    let mut from = 0;
    loop {
        // The best `window` first, in order; those before `from` were asked already.
        if window < scored.len() {
            scored[from..].select_nth_unstable_by(window - from, by_partial);
        }
        scored[from..window].sort_unstable_by(by_partial);
        let mut found = scored[..from]
            .iter()
            .filter(|&&(_, i)| keeps(i as usize))
            .count();
        for &(p, i) in &scored[from..window] {
            if keeps(i as usize) {
                found += 1;
                if found == limit {
                    return Some(p);
                }
            }
        }
        if window >= scored.len() {
            return None;
        }
        from = window;
        window = (window * 4).min(scored.len());
    }
}

/// What [`Postings::best`] gives, by scoring every one of the `n` passages: for a single
/// query, cheaper than building the postings first.
pub fn best_by_scan(
    n: usize,
    limit: usize,
    keep: impl Fn(usize) -> bool,
    score: impl Fn(usize) -> f64,
) -> Vec<(usize, f64)> {
    let mut all: Vec<(usize, f64)> = (0..n)
        .filter(|&i| keep(i))
        .map(|i| (i, score(i)))
        .filter(|&(_, s)| s > 0.0)
        .collect();
    top(&mut all, limit)
}

/// A margin for the rounding of the running sums, so that pruning stays conservative.
fn slack(rest: f64) -> f64 {
    1e-9 * (1.0 + rest.abs())
}

/// The best `limit` of `scored`, best first: score, then corpus order (a total order).
fn top(scored: &mut Vec<(usize, f64)>, limit: usize) -> Vec<(usize, f64)> {
    let order = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
    }
    scored.truncate(limit);
    scored.sort_by(order);
    std::mem::take(scored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::corpus::{Unit, tests::corpus_of};

    /// Every passage scored and sorted: what `best` must give.
    fn full_scan(
        c: &crate::suggest::Corpus,
        q: &SparseVec,
        limit: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<(usize, f64)> {
        let mut all: Vec<(usize, f64)> = (0..c.passages.len())
            .filter(|&i| keep(i))
            .map(|i| (i, q.dot(&c.passages[i].vector)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(limit);
        all
    }

    #[test]
    fn the_pruned_best_are_the_full_scan_best() {
        let words = [
            "je",
            "la",
            "communauté",
            "Instagram",
            "clientes",
            "stock",
            "live",
            "banque",
            "recrutement",
            "marque",
            "le",
            "de",
            "vente",
            "photo",
            "partenaire",
            "lancement",
        ];
        // Sentences drawn from the words by a fixed rule: common words everywhere, rare
        // ones in a few sentences, repeated sentences (ties) here and there.
        let docs: Vec<(String, String)> = (0..6)
            .map(|d| {
                let text = (0..12)
                    .map(|s| {
                        let n = 3 + (d * 7 + s * 5) % 6;
                        let picked: Vec<&str> = (0..n)
                            .map(|k| words[(d * 3 + s * s + k * (k + 1)) % words.len()])
                            .collect();
                        format!("{}.", picked.join(" "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n");
                (format!("D{d}"), text)
            })
            .collect();
        let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let c = corpus_of(&refs, Unit::Sentence);
        let postings = Postings::of(&c.passages, c.dim());
        let n = c.passages.len();
        assert!(n > 50, "{n} passages");
        for q in &c.passages {
            for limit in [1, 2, 3, 5, 10, 200] {
                let all = |_: usize| true;
                let odd = |i: usize| i % 2 == 1;
                for keep in [&all as &dyn Fn(usize) -> bool, &odd] {
                    let got = postings.best(&q.vector, n, limit, keep, |i| {
                        q.vector.dot(&c.passages[i].vector)
                    });
                    assert_eq!(got, full_scan(&c, &q.vector, limit, keep));
                    let scanned =
                        best_by_scan(n, limit, keep, |i| q.vector.dot(&c.passages[i].vector));
                    assert_eq!(scanned, got);
                }
            }
        }
        let empty = postings.best(&SparseVec::default(), n, 5, |_| true, |_| 1.0);
        assert!(empty.is_empty());
    }
}
