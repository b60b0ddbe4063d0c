//! Ranking measures, as defined in Manning, Raghavan & Schütze (2008), *Introduction to
//! Information Retrieval*, ch. 8: a ranking is the relevance of each result in rank order,
//! and `total_relevant` counts the relevant items of the collection (retrieved or not).

/// Precision at `k`: the share of relevant results among the first `k` (a ranking shorter
/// than `k` counts its missing places as not relevant); `None` for `k = 0`.
pub fn precision_at(ranking: &[bool], k: usize) -> Option<f64> {
    if k == 0 {
        return None;
    }
    let hits = ranking.iter().take(k).filter(|&&r| r).count();
    Some(hits as f64 / k as f64)
}

/// Recall at R (R = `total_relevant`): the share of the relevant items found in the first
/// R results, which equals the R-precision; `None` when nothing is relevant.
pub fn recall_at_r(ranking: &[bool], total_relevant: usize) -> Option<f64> {
    if total_relevant == 0 {
        return None;
    }
    let hits = ranking.iter().take(total_relevant).filter(|&&r| r).count();
    Some(hits as f64 / total_relevant as f64)
}

/// Average precision: the mean, over the relevant items, of the precision at the rank of
/// each (0 for those never retrieved); `None` when nothing is relevant.
pub fn average_precision(ranking: &[bool], total_relevant: usize) -> Option<f64> {
    if total_relevant == 0 {
        return None;
    }
    let mut hits = 0usize;
    let mut sum = 0.0;
    for (i, &r) in ranking.iter().enumerate() {
        if r {
            hits += 1;
            sum += hits as f64 / (i + 1) as f64;
        }
    }
    Some(sum / total_relevant as f64)
}

/// The mean of the values present; `None` when there is none.
pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(s: &str) -> Vec<bool> {
        s.split_whitespace().map(|t| t == "R").collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-4)
    }

    /// Manning et al. 2008, exercise 8.8: 4 relevant documents, two systems' top 10.
    /// By hand: system 1 AP = (1/1 + 2/3 + 3/9 + 4/10) / 4 = 0.6;
    /// system 2 AP = (1/2 + 2/5 + 3/6 + 4/7) / 4 = 0.4929.
    #[test]
    fn average_precision_of_exercise_8_8() {
        let s1 = ranking("R N R N N N N N R R");
        let s2 = ranking("N R N N R R R N N N");
        assert!(close(average_precision(&s1, 4), 0.6));
        assert!(close(average_precision(&s2, 4), 0.492_857));
        assert!(close(precision_at(&s1, 10), 0.4));
        assert!(close(recall_at_r(&s1, 4), 0.5));
        assert!(close(recall_at_r(&s2, 4), 0.25));
    }

    /// Manning et al. 2008, exercise 8.9: 20 results, 8 relevant documents in the
    /// collection. By hand: P@20 = 6/20; R-precision = 2/8 (two relevant in the top 8);
    /// AP = (1/1 + 2/2 + 3/9 + 4/11 + 5/15 + 6/20) / 8 = 0.4163 (the 2 unretrieved add 0).
    #[test]
    fn measures_of_exercise_8_9() {
        let r = ranking("R R N N N N N N R N R N N N R N N N N R");
        assert!(close(precision_at(&r, 20), 0.3));
        assert!(close(recall_at_r(&r, 8), 0.25));
        assert!(close(average_precision(&r, 8), 0.416_288));
    }

    #[test]
    fn nothing_relevant_is_no_number() {
        assert_eq!(average_precision(&[false, false], 0), None);
        assert_eq!(recall_at_r(&[], 0), None);
        assert_eq!(precision_at(&[true], 0), None);
        assert_eq!(precision_at(&[true], 10), Some(0.1));
        assert_eq!(mean([None, Some(1.0), Some(0.0)]), Some(0.5));
        assert_eq!(mean([None]), None);
    }
}
