//! Character spans `(start, end)` of one document, as codings cover them: their union.

/// The spans merged where they overlap or touch, sorted; empty spans are dropped.
pub fn union(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans.into_iter().filter(|(s, e)| s < e) {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// How many characters the spans cover together.
pub fn union_len(spans: Vec<(usize, usize)>) -> usize {
    union(spans).iter().map(|(s, e)| e - s).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_touching_spans_merge() {
        assert_eq!(
            union(vec![(5, 15), (0, 10), (15, 18), (20, 25), (7, 7)]),
            vec![(0, 18), (20, 25)]
        );
        assert_eq!(union_len(vec![(0, 10), (5, 15), (20, 25)]), 20);
        assert_eq!(union_len(Vec::new()), 0);
    }
}
