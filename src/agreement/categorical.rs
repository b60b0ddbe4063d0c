//! Categorical agreement coefficients for pre-defined units (NOTES section 1):
//! percent agreement (1.1), Cohen/Light/Conger (1.2), Scott (1.3), Fleiss (1.4),
//! Gwet's AC1 (1.6) and Brennan–Prediger (1.7). Krippendorff's alpha is in
//! [`super::krippendorff`].

use super::Coefficient;
use super::data::{ReliabilityData, UnitCounts};

/// Fleiss' P̄ / Gwet's p_a (NOTES 1.1 "mean pairwise"): mean over units with r_i ≥ 2 of
/// `Σ_k n_ik(n_ik−1) / (r_i(r_i−1))`. `None` when no unit is pairable.
fn p_bar(counts: &[UnitCounts]) -> Option<f64> {
    let mut sum = 0.0;
    let mut n = 0usize;
    for u in counts.iter().filter(|u| u.ratings >= 2.0) {
        let agree: f64 = u.counts.iter().map(|&c| c * (c - 1.0)).sum();
        sum += agree / (u.ratings * (u.ratings - 1.0));
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}

/// Gwet's category shares `π_k = (1/N') Σ_i n_ik/r_i` over the N' units with r_i ≥ 1
/// (NOTES 1.4 (a), 1.6). `None` when no unit has a rating.
fn gwet_shares(counts: &[UnitCounts], q: usize) -> Option<Vec<f64>> {
    let mut shares = vec![0.0; q];
    let mut n = 0usize;
    for u in counts.iter().filter(|u| u.ratings >= 1.0) {
        for (s, c) in shares.iter_mut().zip(&u.counts) {
            *s += c / u.ratings;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    shares.iter_mut().for_each(|s| *s /= n as f64);
    Some(shares)
}

const NO_PAIRABLE: &str = "no unit has two or more ratings";

/// Two-coder simple percent agreement (NOTES 1.1, "two-coder simple"; Cohen, NVivo,
/// ATLAS.ti): share of the units both coders rated on which they chose the same category.
/// Undefined unless there are exactly 2 coders with at least one jointly rated unit.
pub fn percent_agreement_two_coder(data: &ReliabilityData) -> Coefficient {
    if data.n_coders() != 2 {
        return Coefficient::undefined(
            "two-coder percent agreement needs exactly 2 coders (see mean_pairwise_agreement)",
        );
    }
    let joint = data.joint(0, 1);
    if joint.is_empty() {
        return Coefficient::undefined("no unit was rated by both coders");
    }
    let same = joint.iter().filter(|(a, b)| a == b).count();
    Coefficient::finite(same as f64 / joint.len() as f64, "non-finite")
}

/// Mean pairwise agreement P̄ (NOTES 1.1; Fleiss 1971, Gwet's p_a, irrCAC `pa`): every
/// pairable unit (r_i ≥ 2) weighs the same, whatever its number of ratings.
pub fn mean_pairwise_agreement(data: &ReliabilityData) -> Coefficient {
    match p_bar(&data.unit_counts()) {
        Some(p) => Coefficient::finite(p, "non-finite"),
        None => Coefficient::undefined(NO_PAIRABLE),
    }
}

/// Unanimity (NOTES 1.1): share of the units with r_i ≥ 2 on which all ratings agree.
pub fn unanimity(data: &ReliabilityData) -> Coefficient {
    let counts = data.unit_counts();
    let pairable: Vec<&UnitCounts> = counts.iter().filter(|u| u.ratings >= 2.0).collect();
    if pairable.is_empty() {
        return Coefficient::undefined(NO_PAIRABLE);
    }
    let all = pairable
        .iter()
        .filter(|u| u.counts.contains(&u.ratings))
        .count();
    Coefficient::finite(all as f64 / pairable.len() as f64, "non-finite")
}

/// Number of pairable units (r_i ≥ 2), the units every coefficient here actually uses.
pub fn pairable_units(data: &ReliabilityData) -> usize {
    data.unit_counts()
        .iter()
        .filter(|u| u.ratings >= 2.0)
        .count()
}

/// Prevalence of each category: its share of all ratings given (all units, pooled over
/// coders). All zeros when there is no rating. Shown next to kappas because a dominant
/// category depresses them (NOTES 5, "kappa paradoxes").
pub fn prevalence(data: &ReliabilityData) -> Vec<f64> {
    let mut totals = vec![0.0; data.categories()];
    for u in data.unit_counts() {
        for (t, c) in totals.iter_mut().zip(&u.counts) {
            *t += c;
        }
    }
    let n: f64 = totals.iter().sum();
    if n > 0.0 {
        totals.iter_mut().for_each(|t| *t /= n);
    }
    totals
}

/// Observed agreement and the two coders' marginal proportions over jointly rated units.
fn pair_table(data: &ReliabilityData, a: usize, b: usize) -> Option<(f64, Vec<f64>, Vec<f64>)> {
    let joint = data.joint(a, b);
    if joint.is_empty() {
        return None;
    }
    let n = joint.len() as f64;
    let q = data.categories();
    let (mut pa, mut pb) = (vec![0.0; q], vec![0.0; q]);
    let mut same = 0.0;
    for &(x, y) in &joint {
        if let Some(s) = pa.get_mut(x) {
            *s += 1.0 / n;
        }
        if let Some(s) = pb.get_mut(y) {
            *s += 1.0 / n;
        }
        if x == y {
            same += 1.0;
        }
    }
    Some((same / n, pa, pb))
}

/// Cohen's kappa between coders `a` and `b` (NOTES 1.2; Cohen 1960), on the units both
/// rated, with each coder's own marginals: `p_e = Σ_k p_{A,k} p_{B,k}`.
pub fn cohen_kappa_pair(data: &ReliabilityData, a: usize, b: usize) -> Coefficient {
    if a >= data.n_coders() || b >= data.n_coders() || a == b {
        return Coefficient::undefined("Cohen's kappa needs two distinct existing coders");
    }
    let Some((p_o, pa, pb)) = pair_table(data, a, b) else {
        return Coefficient::undefined("no unit was rated by both coders");
    };
    let p_e: f64 = pa.iter().zip(&pb).map(|(x, y)| x * y).sum();
    Coefficient::chance_corrected(p_o, p_e, "chance agreement p_e is 1 (one category only)")
}

/// Cohen's kappa (NOTES 1.2) for exactly 2 coders; undefined otherwise (see
/// [`light_kappa`]).
pub fn cohen_kappa(data: &ReliabilityData) -> Coefficient {
    if data.n_coders() != 2 {
        return Coefficient::undefined("Cohen's kappa needs exactly 2 coders (see Light's kappa)");
    }
    cohen_kappa_pair(data, 0, 1)
}

/// Light's kappa (NOTES 1.2): the mean of the pairwise Cohen kappas over all coder pairs
/// (m ≥ 2; equals Cohen's kappa for m = 2). Undefined if any pair's kappa is undefined,
/// naming that pair, so a silent partial mean is never reported.
pub fn light_kappa(data: &ReliabilityData) -> Coefficient {
    let m = data.n_coders();
    if m < 2 {
        return Coefficient::undefined("Light's kappa needs at least 2 coders");
    }
    let mut sum = 0.0;
    let mut n = 0usize;
    for a in 0..m {
        for b in a + 1..m {
            match cohen_kappa_pair(data, a, b) {
                Coefficient::Value(k) => {
                    sum += k;
                    n += 1;
                }
                Coefficient::Undefined { reason } => {
                    let name = |i: usize| data.coders().get(i).cloned().unwrap_or_default();
                    return Coefficient::undefined(format!(
                        "Cohen's kappa of {} and {} is undefined: {reason}",
                        name(a),
                        name(b)
                    ));
                }
            }
        }
    }
    Coefficient::finite(sum / n as f64, "non-finite")
}

/// Scott's pi (NOTES 1.3; Scott 1955) for exactly 2 coders, on jointly rated units, with
/// pooled marginals `p_e = Σ_k ((p_{A,k}+p_{B,k})/2)²`.
pub fn scott_pi(data: &ReliabilityData) -> Coefficient {
    if data.n_coders() != 2 {
        return Coefficient::undefined("Scott's pi needs exactly 2 coders (see Fleiss' kappa)");
    }
    let Some((p_o, pa, pb)) = pair_table(data, 0, 1) else {
        return Coefficient::undefined("no unit was rated by both coders");
    };
    let p_e: f64 = pa
        .iter()
        .zip(&pb)
        .map(|(x, y)| ((x + y) / 2.0).powi(2))
        .sum();
    Coefficient::chance_corrected(p_o, p_e, "chance agreement p_e is 1 (one category only)")
}

/// Conger's kappa (NOTES 1.2; Conger 1980) in the multi-rater, missing-data form of Gwet
/// 2014 / irrCAC `conger.kappa.raw`: p_a = P̄; `p_gk` = share of coder g's ratings in k;
/// `p_e = Σ_k (p̄_k² − s²_k/m)` with `s²_k` the variance of `p_gk` over coders (divisor
/// m−1). Depends on coder identities. Undefined if a coder rated nothing.
pub fn conger_kappa(data: &ReliabilityData) -> Coefficient {
    let m = data.n_coders();
    let q = data.categories();
    if m < 2 {
        return Coefficient::undefined("Conger's kappa needs at least 2 coders");
    }
    let Some(p_a) = p_bar(&data.unit_counts()) else {
        return Coefficient::undefined(NO_PAIRABLE);
    };
    let mut p = vec![vec![0.0; q]; m];
    for (g, row) in p.iter_mut().enumerate() {
        let mut n = 0.0;
        for v in data
            .units()
            .iter()
            .filter_map(|u| u.get(g).copied().flatten())
        {
            if let Some(s) = row.get_mut(v as usize) {
                *s += 1.0;
                n += 1.0;
            }
        }
        if n == 0.0 {
            let name = data.coders().get(g).cloned().unwrap_or_default();
            return Coefficient::undefined(format!("coder {name} rated no unit"));
        }
        row.iter_mut().for_each(|s| *s /= n);
    }
    let mf = m as f64;
    let mut p_e = 0.0;
    for k in 0..q {
        let col = p.iter().map(|row| row.get(k).copied().unwrap_or(0.0));
        let mean = col.clone().sum::<f64>() / mf;
        let sq: f64 = col.map(|x| x * x).sum();
        let var = (sq - mf * mean * mean) / (mf - 1.0);
        p_e += mean * mean - var / mf;
    }
    Coefficient::chance_corrected(p_a, p_e, "chance agreement p_e is 1")
}

/// Fleiss' kappa (NOTES 1.4; Fleiss 1971) for complete data: every unit has the same
/// number n ≥ 2 of ratings. Undefined otherwise; use [`fleiss_kappa_gwet`] or
/// [`fleiss_kappa_pooled`] for missing data. Uses only the counts n_ik.
pub fn fleiss_kappa(data: &ReliabilityData) -> Coefficient {
    let counts = data.unit_counts();
    let Some(first) = counts.first() else {
        return Coefficient::undefined("no units");
    };
    let n = first.ratings;
    if n < 2.0 || counts.iter().any(|u| u.ratings != n) {
        return Coefficient::undefined(
            "Fleiss' kappa needs the same number (≥ 2) of ratings on every unit; \
             see the Gwet or pooled missing-data extensions",
        );
    }
    fleiss_pooled_on(&counts, data.categories())
}

/// Fleiss' kappa, missing-data extension (a) of NOTES 1.4 (Gwet 2014 / irrCAC
/// `fleiss.kappa.raw`): P̄ over units with r_i ≥ 2, and `p_k = (1/N') Σ_i n_ik/r_i` over
/// units with r_i ≥ 1. Equals [`fleiss_kappa`] on complete data.
pub fn fleiss_kappa_gwet(data: &ReliabilityData) -> Coefficient {
    let counts = data.unit_counts();
    let (Some(p_a), Some(shares)) = (p_bar(&counts), gwet_shares(&counts, data.categories()))
    else {
        return Coefficient::undefined(NO_PAIRABLE);
    };
    let p_e: f64 = shares.iter().map(|p| p * p).sum();
    Coefficient::chance_corrected(p_a, p_e, "chance agreement p_e is 1 (one category only)")
}

/// Fleiss' kappa, missing-data extension (b) of NOTES 1.4: P̄ over units with r_i ≥ 2 and
/// marginals pooled over the ratings of those pairable units, `p_k = Σ n_ik / Σ r_i`.
/// Equals [`fleiss_kappa`] on complete data.
pub fn fleiss_kappa_pooled(data: &ReliabilityData) -> Coefficient {
    fleiss_pooled_on(&data.unit_counts(), data.categories())
}

fn fleiss_pooled_on(counts: &[UnitCounts], q: usize) -> Coefficient {
    let Some(p_a) = p_bar(counts) else {
        return Coefficient::undefined(NO_PAIRABLE);
    };
    let mut totals = vec![0.0; q];
    let mut n = 0.0;
    for u in counts.iter().filter(|u| u.ratings >= 2.0) {
        for (t, c) in totals.iter_mut().zip(&u.counts) {
            *t += c;
        }
        n += u.ratings;
    }
    let p_e: f64 = totals.iter().map(|t| (t / n).powi(2)).sum();
    Coefficient::chance_corrected(p_a, p_e, "chance agreement p_e is 1 (one category only)")
}

/// Gwet's AC1 (NOTES 1.6; Gwet 2008, missing data as Gwet 2014): p_a = P̄ and
/// `p_e = Σ_k π_k(1−π_k)/(q−1)` with Gwet's shares π_k and q the declared categories.
pub fn gwet_ac1(data: &ReliabilityData) -> Coefficient {
    let q = data.categories();
    if q < 2 {
        return Coefficient::undefined("AC1 needs at least 2 declared categories");
    }
    let counts = data.unit_counts();
    let (Some(p_a), Some(shares)) = (p_bar(&counts), gwet_shares(&counts, q)) else {
        return Coefficient::undefined(NO_PAIRABLE);
    };
    let p_e: f64 = shares.iter().map(|p| p * (1.0 - p)).sum::<f64>() / (q as f64 - 1.0);
    Coefficient::chance_corrected(p_a, p_e, "chance agreement p_e is 1")
}

/// Brennan–Prediger kappa_n = Bennett's S = Randolph's free-marginal kappa (NOTES 1.7):
/// `(P̄ − 1/q)/(1 − 1/q)` with q the declared categories (irrCAC convention).
pub fn brennan_prediger(data: &ReliabilityData) -> Coefficient {
    let q = data.categories();
    if q < 2 {
        return Coefficient::undefined("Brennan–Prediger needs at least 2 declared categories");
    }
    match p_bar(&data.unit_counts()) {
        Some(p_a) => Coefficient::chance_corrected(p_a, 1.0 / q as f64, "q < 2"),
        None => Coefficient::undefined(NO_PAIRABLE),
    }
}

#[cfg(test)]
#[path = "categorical_tests.rs"]
mod tests;
