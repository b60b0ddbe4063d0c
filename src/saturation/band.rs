//! The band over interview orders: the same interviews shuffled into `orders` random
//! orders (ChaCha8 seeded with `seed`, so the same seed gives the same band), each
//! assessed with the same rule. The band of the curve is the 5th, 50th and 95th
//! nearest-rank percentiles of the cumulative number of codes at each position; the
//! saturation point is summarised the same way over the orders that reached it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{Rule, assess, percentile};

/// The cumulative curve at one position over the random orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandPoint {
    /// 1-based position in the order.
    pub position: usize,
    /// 5th percentile of the cumulative codes.
    pub p5: usize,
    /// Median (nearest rank).
    pub median: usize,
    /// 95th percentile.
    pub p95: usize,
}

/// The assessment repeated over random orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// Random orders drawn.
    pub orders: usize,
    /// Their seed.
    pub seed: u64,
    /// The curve's band, per position.
    pub curve: Vec<BandPoint>,
    /// Orders in which saturation was reached.
    pub reached: usize,
    /// 5th percentile of the saturation point (the `n` of `n+run`) over those orders.
    pub at_p5: Option<usize>,
    /// Its median.
    pub at_median: Option<usize>,
    /// Its 95th percentile.
    pub at_p95: Option<usize>,
}

/// A uniform index below `bound` (> 0) from 64 random bits (multiply-shift).
fn below(rng: &mut ChaCha8Rng, bound: usize) -> usize {
    ((u128::from(rng.next_u64()) * bound as u128) >> 64) as usize
}

/// Shuffles in place (Fisher–Yates).
fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i + 1);
        items.swap(i, j);
    }
}

/// The band of `interviews` (each its set of codes) over `orders` random orders.
/// Orders in which the rule cannot be applied (an empty base) count as not reached.
pub fn band(interviews: &[Vec<String>], rule: &Rule, orders: usize, seed: u64) -> Band {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = interviews.len();
    let (numbered, distinct) = number_codes(interviews);
    let mut order: Vec<usize> = (0..n).collect();
    let mut cumulative: Vec<Vec<usize>> = vec![Vec::with_capacity(orders); n];
    let mut points = Vec::new();
    let mut seen = vec![false; distinct];
    for _ in 0..orders {
        shuffle(&mut order, &mut rng);
        let new = new_codes_in_order(&numbered, &order, &mut seen);
        let mut total = 0;
        for (pos, k) in new.iter().enumerate() {
            total += k;
            if let Some(c) = cumulative.get_mut(pos) {
                c.push(total);
            }
        }
        if let Ok(a) = assess(&new, rule)
            && let Some(r) = a.saturation
        {
            points.push(r.at);
        }
    }
    let curve = cumulative
        .iter_mut()
        .enumerate()
        .filter_map(|(i, c)| {
            c.sort_unstable();
            Some(BandPoint {
                position: i + 1,
                p5: percentile(c, 5.0)?,
                median: percentile(c, 50.0)?,
                p95: percentile(c, 95.0)?,
            })
        })
        .collect();
    points.sort_unstable();
    Band {
        orders,
        seed,
        curve,
        reached: points.len(),
        at_p5: percentile(&points, 5.0),
        at_median: percentile(&points, 50.0),
        at_p95: percentile(&points, 95.0),
    }
}

/// The interviews with each code replaced by a number (`0..distinct`), so that the orders
/// compare integers instead of hashing strings: the same counts as
/// [`super::new_codes_per_interview`].
fn number_codes(interviews: &[Vec<String>]) -> (Vec<Vec<usize>>, usize) {
    let mut numbers: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let numbered = interviews
        .iter()
        .map(|codes| {
            codes
                .iter()
                .map(|c| {
                    let next = numbers.len();
                    *numbers.entry(c.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    (numbered, numbers.len())
}

/// The number of codes first seen in each interview of `order` (`seen` is scratch space
/// with one flag per code number).
fn new_codes_in_order(numbered: &[Vec<usize>], order: &[usize], seen: &mut [bool]) -> Vec<usize> {
    seen.fill(false);
    order
        .iter()
        .filter_map(|&i| numbered.get(i))
        .map(|codes| {
            codes
                .iter()
                .filter(|&&c| seen.get_mut(c).is_some_and(|s| !std::mem::replace(s, true)))
                .count()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbered count gives what the string count gives, in any order.
    #[test]
    fn numbered_counts_match_the_string_counts() {
        let interviews: Vec<Vec<String>> = [
            vec!["a", "b"],
            vec!["b", "c", "c"],
            vec![],
            vec!["d", "a"],
            vec!["e"],
        ]
        .iter()
        .map(|v| v.iter().map(|s| s.to_string()).collect())
        .collect();
        let (numbered, distinct) = number_codes(&interviews);
        assert_eq!(distinct, 5);
        let mut seen = vec![false; distinct];
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [1, 3, 0, 4, 2]] {
            let shuffled: Vec<&[String]> =
                order.iter().map(|&i| interviews[i].as_slice()).collect();
            assert_eq!(
                new_codes_in_order(&numbered, &order, &mut seen),
                super::super::new_codes_per_interview(&shuffled),
                "{order:?}"
            );
        }
    }
}
