//! Krippendorff's bootstrap of alpha (NOTES section 4; Hayes & Krippendorff 2007, KALPHA,
//! as implemented in Stata `kalpha`): resamples *pairs from the coincidence matrix*, not
//! units. Deterministic for a given seed (ChaCha8).

use super::data::ReliabilityData;
use super::krippendorff::{CoincidenceMatrix, Metric};
use super::{AgreementError, Coefficient};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Distribution of bootstrapped alpha and its summaries (NOTES 4 step 6).
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapResult {
    /// The point estimate alpha on the data.
    pub alpha: f64,
    /// Metric used.
    pub metric: Metric,
    /// Number of replicates X.
    pub replicates: usize,
    /// Pairs drawn per replicate, `M = min(25·Q, round(n..(m−1)/2))`.
    pub draws_per_replicate: usize,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
    /// Lower bound of the 95% interval, `α*_(max(0.025X, 1))` (1-based, sorted).
    pub ci95_low: f64,
    /// Upper bound of the 95% interval, `α*_(floor(0.975X)+1)`.
    pub ci95_high: f64,
    /// Mean of the replicates (after the corrections of step 5).
    pub mean: f64,
    /// Standard deviation of the replicates (divisor X−1).
    pub sd: f64,
    /// q(.667): share of replicates with α* < 0.667.
    pub p_below_0_667: f64,
    /// q(.800): share of replicates with α* < 0.800.
    pub p_below_0_800: f64,
    #[serde(skip)]
    sorted: Vec<f64>,
}

impl BootstrapResult {
    /// q(α_min) = #(α* < α_min)/X, the probability of failing to reach α_min.
    pub fn p_below(&self, alpha_min: f64) -> f64 {
        let below = self.sorted.partition_point(|&a| a < alpha_min);
        below as f64 / self.sorted.len().max(1) as f64
    }

    /// The sorted replicates.
    pub fn replicates_sorted(&self) -> &[f64] {
        &self.sorted
    }
}

/// Walker/Vose alias table over the non-empty cells, storing each cell's contribution
/// `f = δ²/(M·D_e)` directly so a draw is one `u64` and two loads.
struct Alias {
    threshold: Vec<u64>,
    f_main: Vec<f64>,
    f_alias: Vec<f64>,
}

impl Alias {
    fn new(probs: &[f64], f: &[f64]) -> Self {
        let k = probs.len();
        let total: f64 = probs.iter().sum();
        let mut scaled: Vec<f64> = probs.iter().map(|p| p * k as f64 / total).collect();
        let mut alias: Vec<usize> = (0..k).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..k).partition(|&i| scaled.get(i).copied().unwrap_or(0.0) < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            if let Some(a) = alias.get_mut(s) {
                *a = l;
            }
            let ps = scaled.get(s).copied().unwrap_or(1.0);
            if let Some(pl) = scaled.get_mut(l) {
                *pl -= 1.0 - ps;
                if *pl < 1.0 {
                    large.pop();
                    small.push(l);
                }
            }
        }
        // Leftovers (rounding) keep their own cell with probability 1.
        for i in large.into_iter().chain(small) {
            if let Some(p) = scaled.get_mut(i) {
                *p = 1.0;
            }
        }
        let threshold = scaled
            .iter()
            .map(|&p| (p.clamp(0.0, 1.0) * 4_294_967_296.0) as u64)
            .collect();
        let f_main = f.to_vec();
        let f_alias = alias
            .iter()
            .map(|&a| f.get(a).copied().unwrap_or(0.0))
            .collect();
        Alias {
            threshold,
            f_main,
            f_alias,
        }
    }

    #[inline]
    fn draw(&self, rng: &mut ChaCha8Rng) -> f64 {
        let r = rng.next_u64();
        let k = self.threshold.len() as u64;
        let i = (((r >> 32) * k) >> 32) as usize;
        let low = r & 0xffff_ffff;
        match self.threshold.get(i) {
            Some(&t) if low < t => self.f_main.get(i).copied().unwrap_or(0.0),
            Some(_) => self.f_alias.get(i).copied().unwrap_or(0.0),
            None => 0.0,
        }
    }
}

/// Krippendorff's bootstrap of alpha (NOTES 4, steps 1-6), with `replicates` = X
/// (KALPHA's default is 20,000) and a seed for reproducibility.
///
/// Errors with [`AgreementError::BootstrapUndefined`] when alpha itself is undefined or
/// X = 0. The pair-resampling design is Krippendorff's; it is known to give narrower
/// intervals than a unit-level bootstrap (NOTES 4, "Criticism").
pub fn krippendorff_bootstrap(
    data: &ReliabilityData,
    metric: Metric,
    replicates: usize,
    seed: u64,
) -> Result<BootstrapResult, AgreementError> {
    let undefined = |reason: String| AgreementError::BootstrapUndefined { reason };
    if replicates == 0 {
        return Err(undefined("zero replicates requested".into()));
    }
    let cm = CoincidenceMatrix::from_data(data);
    let delta = cm.delta2(data, metric);
    let alpha = match cm.alpha(&delta) {
        Coefficient::Value(a) => a,
        Coefficient::Undefined { reason } => return Err(undefined(reason)),
    };
    let n = cm.n();
    let (_, d_e) = cm.disagreements(&delta);
    let q = cm.totals().len();

    // Step 2: M = min(25·Q, round(n..(m−1)/2)), Q = non-zero cells (both triangles).
    let nonzero = cm.rows().iter().flatten().filter(|&&o| o > 0.0).count();
    let m = data.n_coders() as f64;
    let draws = ((25 * nonzero) as f64)
        .min((n * (m - 1.0) / 2.0).round())
        .max(1.0) as usize;

    // Step 3: cells c ≤ k with probabilities o_cc/n.., 2·o_ck/n.. and f = δ²/(M·D_e).
    let (mut probs, mut f, mut diag_probs) = (Vec::new(), Vec::new(), Vec::new());
    for c in 0..q {
        for k in c..q {
            let o = cm.get(c, k);
            if o <= 0.0 {
                continue;
            }
            let p = if c == k { o / n } else { 2.0 * o / n };
            if c == k {
                diag_probs.push(p);
            }
            probs.push(p);
            let d = delta.get(c).and_then(|r| r.get(k)).copied().unwrap_or(0.0);
            f.push(d / (draws as f64 * d_e));
        }
    }
    let table = Alias::new(&probs, &f);

    // Step 4: α* = 1 − Σ f over M draws; α* < −1 is set to −1.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sorted = Vec::with_capacity(replicates);
    let mut ones = Vec::new();
    for r in 0..replicates {
        let mut sum = 0.0;
        for _ in 0..draws {
            sum += table.draw(&mut rng);
        }
        if sum == 0.0 {
            ones.push(r);
        }
        sorted.push((1.0 - sum).max(-1.0));
    }

    // Step 5: replicates with α* = 1 stand for samples on a single diagonal cell.
    let reset = if diag_probs.len() <= 1 {
        ones.len()
    } else {
        let expected: f64 = diag_probs.iter().map(|p| p.powf(draws as f64)).sum();
        ((replicates as f64 * expected).round() as usize).min(ones.len())
    };
    for &r in ones.iter().take(reset) {
        if let Some(a) = sorted.get_mut(r) {
            *a = 0.0;
        }
    }

    // Step 6: sort, interval, q(α_min).
    sorted.sort_by(f64::total_cmp);
    let x = replicates as f64;
    let lo = ((0.025 * x).floor() as usize).max(1) - 1;
    let hi = ((0.975 * x).floor() as usize).min(replicates - 1);
    let mean = sorted.iter().sum::<f64>() / x;
    let var = sorted.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (x - 1.0).max(1.0);
    let mut result = BootstrapResult {
        alpha,
        metric,
        replicates,
        draws_per_replicate: draws,
        seed,
        ci95_low: sorted.get(lo).copied().unwrap_or(alpha),
        ci95_high: sorted.get(hi).copied().unwrap_or(alpha),
        mean,
        sd: var.sqrt(),
        p_below_0_667: 0.0,
        p_below_0_800: 0.0,
        sorted,
    };
    result.p_below_0_667 = result.p_below(0.667);
    result.p_below_0_800 = result.p_below(0.800);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::load;
    use super::*;

    #[test]
    fn kripp2011_c_reference_distribution() {
        // NOTES 4: M = 60, CI95 = [0.6151, 0.8717], mean 0.7448, sd 0.0660,
        // q(.667) = 0.126, q(.800) = 0.782 (numpy seed 1; random, so compare loosely).
        let d = load("kripp2011_C_4obs_12units_missing.json");
        let b = krippendorff_bootstrap(&d, Metric::Nominal, 20_000, 7).unwrap();
        assert_eq!(b.draws_per_replicate, 60);
        assert!((b.alpha - 0.7434211).abs() < 5e-8);
        assert!((b.ci95_low - 0.6151).abs() < 0.02, "{}", b.ci95_low);
        assert!((b.ci95_high - 0.8717).abs() < 0.02, "{}", b.ci95_high);
        assert!((b.mean - 0.7448).abs() < 0.01, "{}", b.mean);
        assert!((b.sd - 0.0660).abs() < 0.01, "{}", b.sd);
        assert!(
            (b.p_below_0_667 - 0.126).abs() < 0.02,
            "{}",
            b.p_below_0_667
        );
        assert!(
            (b.p_below_0_800 - 0.782).abs() < 0.02,
            "{}",
            b.p_below_0_800
        );
        assert_eq!(b.p_below(0.667), b.p_below_0_667);
        assert_eq!(b.replicates_sorted().len(), 20_000);
    }

    #[test]
    fn same_seed_same_result_other_seed_differs() {
        let d = load("kripp2011_B_nominal_2obs_bengerry.json");
        let a = krippendorff_bootstrap(&d, Metric::Nominal, 2_000, 42).unwrap();
        let b = krippendorff_bootstrap(&d, Metric::Nominal, 2_000, 42).unwrap();
        let c = krippendorff_bootstrap(&d, Metric::Nominal, 2_000, 43).unwrap();
        assert_eq!(a.replicates_sorted(), b.replicates_sorted());
        assert_ne!(a.replicates_sorted(), c.replicates_sorted());
        // n.. = 24, m = 2 → M = min(25·12, 12) = 12.
        assert_eq!(a.draws_per_replicate, 12);
    }

    #[test]
    fn replicates_are_bounded_and_ones_reset() {
        // Perfect agreement on two categories: every draw is diagonal, all α* = 1 at first;
        // nx = round(X(0.5^M + 0.5^M)) of them are reset to 0 (NOTES 4 step 5).
        let names = vec!["a".to_string(), "b".to_string()];
        let rows = vec![vec![Some(0), Some(0)], vec![Some(1), Some(1)]];
        let d = ReliabilityData::new(names, rows, 2).unwrap();
        let b = krippendorff_bootstrap(&d, Metric::Nominal, 1_000, 1).unwrap();
        // n.. = 4, Q = 2 → M = min(50, 2) = 2; nx = round(1000·(0.25 + 0.25)) = 500.
        assert_eq!(b.draws_per_replicate, 2);
        let zeros = b.replicates_sorted().iter().filter(|&&a| a == 0.0).count();
        assert_eq!(zeros, 500);
        assert!(
            b.replicates_sorted()
                .iter()
                .all(|&a| (-1.0..=1.0).contains(&a))
        );
    }

    #[test]
    fn undefined_alpha_is_an_error() {
        let names = vec!["a".to_string(), "b".to_string()];
        let d = ReliabilityData::new(names, vec![vec![Some(0), Some(0)]; 3], 2).unwrap();
        assert!(matches!(
            krippendorff_bootstrap(&d, Metric::Nominal, 100, 1),
            Err(AgreementError::BootstrapUndefined { .. })
        ));
        let d = load("kripp2011_A_binary_2obs.json");
        assert!(krippendorff_bootstrap(&d, Metric::Nominal, 0, 1).is_err());
    }
}
