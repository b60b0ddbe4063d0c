//! The nonparametric bootstrap of alpha over units (Efron's bootstrap; recommended for
//! alpha and kappa by Zapf, Castell, Morawietz & Karch 2016, *BMC Med Res Methodol*
//! 16:93; R `krippendorffsalpha`; NOTES 4 "Criticism"): each replicate draws N units with
//! replacement from the N units and recomputes alpha on them. The 95% interval is the
//! percentile interval of the replicates.
//!
//! Unlike Krippendorff's pair resampling ([`super::krippendorff_bootstrap`]), it keeps
//! each unit's ratings together, so the interval reflects how many units carry the
//! information. With few units on which coders disagree, or few units that any coder
//! coded, the replicates take a handful of values and the interval says little:
//! [`interval_caution`] says so in words.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::data::ReliabilityData;
use super::krippendorff::{Metric, krippendorff_alpha};
use super::{AgreementError, Coefficient};

/// Fewest units with a disagreement, and fewest units with a rating outside the most
/// frequent category, below which an interval is flagged as not trustworthy.
///
/// Why 10: with fewer, a bootstrap replicate holds a few such units or none, alpha
/// jumps between a handful of values (or is undefined), and the percentile bounds are
/// artefacts of that discreteness rather than of sampling error. It is glose's rule of
/// thumb, stated in the output, not a published cut-off.
pub const MIN_INFORMATIVE_UNITS: u64 = 10;

/// The unit bootstrap of alpha.
#[derive(Debug, Clone, Serialize)]
pub struct UnitBootstrap {
    /// Alpha on the data.
    pub alpha: f64,
    /// Replicates asked for.
    pub replicates: usize,
    /// Replicates on which alpha was undefined (a single value drawn); left out of the
    /// summaries.
    pub undefined_replicates: usize,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
    /// 2.5th percentile of the defined replicates.
    pub ci95_low: f64,
    /// 97.5th percentile of the defined replicates.
    pub ci95_high: f64,
    /// Share of defined replicates below 0.667.
    pub p_below_0_667: f64,
    /// Share of defined replicates below 0.800.
    pub p_below_0_800: f64,
    /// Standard deviation of the defined replicates.
    pub sd: f64,
}

/// Units (counting multiplicities) with a disagreement, and units with a rating outside
/// the most frequent category, among units with two ratings or more.
pub fn informative_units(data: &ReliabilityData) -> (u64, u64) {
    let counts = data.unit_counts();
    let mut totals = vec![0.0; data.categories()];
    for u in counts.iter().filter(|u| u.ratings >= 2.0) {
        for (t, c) in totals.iter_mut().zip(&u.counts) {
            *t += u.weight * c;
        }
    }
    let modal = totals
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(k, _)| k);
    let (mut disagree, mut minority) = (0u64, 0u64);
    for (u, uc) in counts.iter().enumerate() {
        if uc.ratings < 2.0 {
            continue;
        }
        let w = data.multiplicity(u);
        let used = uc.counts.iter().filter(|&&n| n > 0.0).count();
        if used > 1 {
            disagree += w;
        }
        let outside = uc
            .counts
            .iter()
            .enumerate()
            .any(|(k, &n)| k != modal && n > 0.0);
        if outside {
            minority += w;
        }
    }
    (disagree, minority)
}

/// Why an interval of alpha on `data` cannot be trusted, if it cannot (see
/// [`MIN_INFORMATIVE_UNITS`]).
pub fn interval_caution(data: &ReliabilityData) -> Option<String> {
    let (disagree, minority) = informative_units(data);
    if disagree < MIN_INFORMATIVE_UNITS {
        Some(format!(
            "only {disagree} unit(s) with a disagreement (fewer than {MIN_INFORMATIVE_UNITS}): the interval cannot be trusted"
        ))
    } else if minority < MIN_INFORMATIVE_UNITS {
        Some(format!(
            "only {minority} unit(s) with a rating other than the most frequent one (fewer than {MIN_INFORMATIVE_UNITS}): the interval cannot be trusted"
        ))
    } else {
        None
    }
}

/// A draw of Binomial(n, p) by inversion, in chunks small enough that `(1 − p)^chunk`
/// does not underflow, and through the complement when p > 1/2: expected cost
/// O(n·min(p, 1 − p) + chunks).
fn binomial(rng: &mut ChaCha8Rng, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    if p > 0.5 {
        return n - binomial(rng, n, 1.0 - p);
    }
    let log_q = (1.0 - p).ln(); // < 0
    let chunk = ((600.0 / -log_q).floor() as u64).clamp(1, n);
    let ratio = p / (1.0 - p);
    let mut total = 0;
    let mut left = n;
    while left > 0 {
        let m = left.min(chunk);
        left -= m;
        // Walk the CDF of Binomial(m, p) from 0.
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let mut pmf = (m as f64 * log_q).exp();
        let mut cdf = pmf;
        let mut k = 0;
        while u > cdf && k < m {
            pmf *= (m - k) as f64 / (k + 1) as f64 * ratio;
            k += 1;
            cdf += pmf;
        }
        total += k;
    }
    total
}

/// How many of `n = Σ weights` units drawn with replacement fall on each row:
/// Multinomial(n, weights/n) by conditional binomials, the heaviest row taking the rest,
/// so a replicate costs about the number of units outside that row, not n.
fn multinomial(rng: &mut ChaCha8Rng, weights: &[u64]) -> Vec<u64> {
    let n: u64 = weights.iter().sum();
    let heaviest = weights
        .iter()
        .enumerate()
        .max_by_key(|(_, w)| **w)
        .map_or(0, |(i, _)| i);
    let mut counts = vec![0u64; weights.len()];
    let mut left_n = n;
    let mut left_w = n;
    for (i, &w) in weights.iter().enumerate() {
        if i == heaviest || w == 0 || left_n == 0 {
            continue;
        }
        let k = binomial(rng, left_n, w as f64 / left_w as f64);
        if let Some(c) = counts.get_mut(i) {
            *c = k;
        }
        left_n -= k;
        left_w -= w;
    }
    if let Some(c) = counts.get_mut(heaviest) {
        *c = left_n;
    }
    counts
}

/// The bootstrap over units of alpha with `metric` (see the module documentation).
///
/// Errors with [`AgreementError::BootstrapUndefined`] when alpha is undefined on the
/// data, there are no units, zero replicates are asked for, or every replicate is
/// undefined.
pub fn unit_bootstrap(
    data: &ReliabilityData,
    metric: Metric,
    replicates: usize,
    seed: u64,
) -> Result<UnitBootstrap, AgreementError> {
    let undefined = |reason: String| AgreementError::BootstrapUndefined { reason };
    if replicates == 0 {
        return Err(undefined("zero replicates requested".into()));
    }
    let alpha = match krippendorff_alpha(data, metric) {
        Coefficient::Value(a) => a,
        Coefficient::Undefined { reason } => return Err(undefined(reason)),
    };
    let weights: Vec<u64> = (0..data.units().len())
        .map(|u| data.multiplicity(u))
        .collect();
    if weights.iter().all(|&w| w == 0) {
        return Err(undefined("no units".into()));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut values = Vec::with_capacity(replicates);
    for _ in 0..replicates {
        let counts = multinomial(&mut rng, &weights);
        let replicate = data.clone().with_multiplicity(counts)?;
        if let Some(a) = krippendorff_alpha(&replicate, metric).value() {
            values.push(a);
        }
    }
    if values.is_empty() {
        return Err(undefined("alpha is undefined on every replicate".into()));
    }
    values.sort_by(f64::total_cmp);
    let x = values.len();
    let at = |p: f64| {
        let i = ((p * (x - 1) as f64).round() as usize).min(x - 1);
        values.get(i).copied().unwrap_or(alpha)
    };
    let below = |t: f64| values.partition_point(|&a| a < t) as f64 / x as f64;
    let mean = values.iter().sum::<f64>() / x as f64;
    let var = values.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (x as f64 - 1.0).max(1.0);
    Ok(UnitBootstrap {
        alpha,
        replicates,
        undefined_replicates: replicates - x,
        seed,
        ci95_low: at(0.025),
        ci95_high: at(0.975),
        p_below_0_667: below(0.667),
        p_below_0_800: below(0.800),
        sd: var.sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::load;
    use super::*;

    #[test]
    fn interval_covers_alpha_and_is_reproducible() {
        let d = load("kripp2011_C_4obs_12units_missing.json");
        let a = unit_bootstrap(&d, Metric::Nominal, 2_000, 5).unwrap();
        let b = unit_bootstrap(&d, Metric::Nominal, 2_000, 5).unwrap();
        assert_eq!(a.ci95_low, b.ci95_low);
        assert!(a.ci95_low < a.alpha && a.alpha < a.ci95_high, "{a:?}");
        // Resampling 12 units is wider than Krippendorff's pair resampling (NOTES 4:
        // [0.615, 0.872]); Gwet's analytic interval for these data is [0.419, 1.0].
        assert!(a.ci95_high - a.ci95_low > 0.872 - 0.615, "{a:?}");
        assert!(a.ci95_low > 0.3 && a.ci95_high <= 1.0, "{a:?}");
    }

    #[test]
    fn multiplicities_resample_like_expanded_units() {
        // Binary data with 100 units as 4 distinct rows: the replicates draw units, so
        // the spread is that of 100 units, and the compressed and expanded data agree.
        let names = vec!["a".to_string(), "b".to_string()];
        let rows = vec![
            vec![Some(0), Some(0)],
            vec![Some(1), Some(1)],
            vec![Some(0), Some(1)],
            vec![Some(1), Some(0)],
        ];
        let d = ReliabilityData::new(names.clone(), rows.clone(), 2)
            .unwrap()
            .with_multiplicity(vec![60, 30, 6, 4])
            .unwrap();
        let b = unit_bootstrap(&d, Metric::Nominal, 1_000, 1).unwrap();
        assert!(b.sd > 0.02 && b.sd < 0.15, "{b:?}");
        assert!(interval_caution(&d).is_none());
        assert_eq!(informative_units(&d), (10, 40));
    }

    #[test]
    fn multinomial_draws_have_the_right_moments() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let weights = [5u64, 90_000, 300, 9_695];
        let n: u64 = weights.iter().sum();
        let reps = 4_000;
        let mut sum = [0.0f64; 4];
        let mut sq = [0.0f64; 4];
        for _ in 0..reps {
            let c = multinomial(&mut rng, &weights);
            assert_eq!(c.iter().sum::<u64>(), n);
            for i in 0..4 {
                sum[i] += c[i] as f64;
                sq[i] += (c[i] as f64).powi(2);
            }
        }
        for i in 0..4 {
            let p = weights[i] as f64 / n as f64;
            let mean = sum[i] / reps as f64;
            let var = sq[i] / reps as f64 - mean * mean;
            let (m0, v0) = (n as f64 * p, n as f64 * p * (1.0 - p));
            // Within 5 standard errors of the mean, and the variance within 15%.
            assert!(
                (mean - m0).abs() < 5.0 * (v0 / reps as f64).sqrt(),
                "row {i}: {mean} vs {m0}"
            );
            assert!((var - v0).abs() < 0.15 * v0, "row {i}: {var} vs {v0}");
        }
        // Edge cases: p = 0, p = 1, p > 1/2, and chunks (n·p far beyond underflow).
        assert_eq!(binomial(&mut rng, 10, 0.0), 0);
        assert_eq!(binomial(&mut rng, 10, 1.0), 10);
        let big = binomial(&mut rng, 1_000_000, 0.3);
        assert!((big as f64 - 300_000.0).abs() < 3_000.0, "{big}");
        let high = binomial(&mut rng, 1_000, 0.999);
        assert!(high >= 990, "{high}");
    }

    #[test]
    fn few_disagreements_are_flagged() {
        // The case: a rare code, 1,338 units, a handful of disagreements.
        let names = vec!["a".to_string(), "b".to_string()];
        let rows = vec![
            vec![Some(0), Some(0)],
            vec![Some(1), Some(1)],
            vec![Some(0), Some(1)],
        ];
        let d = ReliabilityData::new(names, rows, 2)
            .unwrap()
            .with_multiplicity(vec![1_330, 2, 6])
            .unwrap();
        let why = interval_caution(&d).unwrap();
        assert!(
            why.starts_with("only 6 unit(s) with a disagreement"),
            "{why}"
        );
        let b = unit_bootstrap(&d, Metric::Nominal, 300, 2).unwrap();
        assert!(b.ci95_low >= -1.0 && b.ci95_high <= 1.0);
    }

    #[test]
    fn undefined_alpha_or_no_replicates_is_an_error() {
        let names = vec!["a".to_string(), "b".to_string()];
        let d = ReliabilityData::new(names, vec![vec![Some(0), Some(0)]; 3], 2).unwrap();
        assert!(unit_bootstrap(&d, Metric::Nominal, 100, 1).is_err());
        let d = load("kripp2011_A_binary_2obs.json");
        assert!(unit_bootstrap(&d, Metric::Nominal, 0, 1).is_err());
    }
}
