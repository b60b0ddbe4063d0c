//! Thematic saturation: new codes per interview, the cumulative curve, and the stopping
//! rule of Guest, Namey & Chen (2020, PLOS ONE 15(5): e0232076,
//! doi:10.1371/journal.pone.0232076).
//!
//! The rule has three parameters. The **base** is the first `base` interviews; the
//! number of distinct codes found in them is the denominator. A **run** is `run`
//! consecutive interviews after the base; runs move forward one interview at a time
//! (interviews 5–6, then 6–7, …). The **new-information threshold** is the largest share
//! of new codes a run may bring, relative to the base's codes, for saturation to be
//! declared. Saturation is reached at the interview `n` before the first run within the
//! threshold, and reported as `n+run` (for example `8+2`: after eight interviews, the
//! next two brought at most 5% new information). The defaults are the paper's: a base of
//! four, a run of two and a threshold of 5% (`≤5%`).
//!
//! [`assess`] works on the number of new codes per interview in interview order;
//! [`study`] builds those counts from a study (per coder, for the consensus file, at a
//! chosen depth of the code tree, in the order of a date or any attribute) and [`band`]
//! repeats the assessment over seeded random interview orders.

pub mod band;
pub mod order;
pub mod study;

use serde::Serialize;

/// The stopping rule's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    /// Interviews in the base.
    pub base: usize,
    /// Interviews in a run.
    pub run: usize,
    /// The new-information threshold, a share (0.05 is ≤5%).
    pub threshold: f64,
}

impl Default for Rule {
    /// The defaults of Guest, Namey & Chen (2020): base 4, run 2, ≤5%.
    fn default() -> Self {
        Rule {
            base: 4,
            run: 2,
            threshold: 0.05,
        }
    }
}

impl Rule {
    /// Checks the parameters: base and run at least 1, the threshold a share in [0, 1].
    pub fn validate(&self) -> Result<(), SaturationError> {
        if self.base == 0 || self.run == 0 {
            return Err(SaturationError::BadRule(
                "the base and the run must each hold at least one interview".into(),
            ));
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(SaturationError::BadRule(format!(
                "the new-information threshold is a share between 0 and 1 (0.05 is 5%), not {}",
                self.threshold
            )));
        }
        Ok(())
    }

    /// Whether `new` new codes against `base_codes` codes in the base are within the
    /// threshold (compared as integers where possible, so that 1 of 20 is exactly 5%).
    pub fn within(&self, new: usize, base_codes: usize) -> bool {
        let limit = self.threshold * base_codes as f64;
        (new as f64) <= limit + limit.abs() * 1e-12
    }
}

/// One run of the rule: interviews `first..=last` (1-based positions in the order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunStep {
    /// First interview of the run (1-based).
    pub first: usize,
    /// Last interview of the run (1-based).
    pub last: usize,
    /// Codes first seen in the run.
    pub new_codes: usize,
    /// `new_codes` over the base's codes.
    pub share: f64,
    /// Whether the share is within the threshold.
    pub within: bool,
}

/// Where saturation was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reached {
    /// The interviews before the confirming run (the `n` of `n+run`).
    pub at: usize,
    /// The run that confirmed it.
    pub run: usize,
    /// `n+run`, as the paper reports it.
    pub notation: String,
    /// Distinct codes found in the first `at + run` interviews.
    pub codes_found: usize,
    /// `codes_found` over every code found in all the interviews.
    pub share_of_codes: f64,
}

/// The rule applied to one order of interviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The rule.
    pub rule: Rule,
    /// Interviews assessed.
    pub interviews: usize,
    /// Distinct codes in the base (the denominator).
    pub base_codes: usize,
    /// Distinct codes in every interview.
    pub total_codes: usize,
    /// Every run, from the first after the base to the last complete one.
    pub runs: Vec<RunStep>,
    /// Where saturation was reached, if it was.
    pub saturation: Option<Reached>,
}

/// Why saturation cannot be assessed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaturationError {
    /// The rule's parameters make no sense.
    #[error("{0}")]
    BadRule(String),
    /// Fewer interviews than a base and one run.
    #[error(
        "{have} coded interview(s): the rule needs at least {need} (a base of {base} and a run of {run}); \
         lower --base or --run, or code more interviews"
    )]
    TooFewInterviews {
        /// Interviews available.
        have: usize,
        /// Base plus run.
        need: usize,
        /// The base.
        base: usize,
        /// The run.
        run: usize,
    },
    /// The base has no code, so no share of new information can be computed.
    #[error(
        "the first {base} interview(s) hold no code: the share of new information has no denominator"
    )]
    EmptyBase {
        /// The base.
        base: usize,
    },
    /// The interviews cannot be put in order (a missing or unusable attribute).
    #[error("{0}")]
    Order(String),
    /// A coder named does not exist.
    #[error("no coder {name:?} in the codings folder; coders: {known}")]
    UnknownCoder {
        /// The name asked for.
        name: String,
        /// The coders found.
        known: String,
    },
    /// No coder file to assess.
    #[error("no coder has codings yet: saturation counts the codes coders applied")]
    NoCoders,
}

/// The number of codes first seen in each interview, for interviews given in order as
/// their sets of codes.
pub fn new_codes_per_interview<I: AsRef<[S]>, S: AsRef<str>>(interviews: &[I]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    interviews
        .iter()
        .map(|codes| {
            codes
                .as_ref()
                .iter()
                .filter(|c| seen.insert(c.as_ref().to_string()))
                .count()
        })
        .collect()
}

/// Applies the rule to the number of new codes per interview, in interview order.
pub fn assess(new_per_interview: &[usize], rule: &Rule) -> Result<Assessment, SaturationError> {
    rule.validate()?;
    let n = new_per_interview.len();
    let need = rule.base + rule.run;
    if n < need {
        return Err(SaturationError::TooFewInterviews {
            have: n,
            need,
            base: rule.base,
            run: rule.run,
        });
    }
    let prefix: Vec<usize> = std::iter::once(0)
        .chain(new_per_interview.iter().scan(0usize, |acc, x| {
            *acc += x;
            Some(*acc)
        }))
        .collect();
    let found_by = |k: usize| prefix.get(k).copied().unwrap_or(0);
    let base_codes = found_by(rule.base);
    if base_codes == 0 {
        return Err(SaturationError::EmptyBase { base: rule.base });
    }
    let total_codes = found_by(n);
    let mut runs = Vec::new();
    let mut saturation = None;
    for before in rule.base..=(n - rule.run) {
        let new_codes = found_by(before + rule.run) - found_by(before);
        let within = rule.within(new_codes, base_codes);
        runs.push(RunStep {
            first: before + 1,
            last: before + rule.run,
            new_codes,
            share: new_codes as f64 / base_codes as f64,
            within,
        });
        if within && saturation.is_none() {
            let codes_found = found_by(before + rule.run);
            saturation = Some(Reached {
                at: before,
                run: rule.run,
                notation: format!("{before}+{}", rule.run),
                codes_found,
                share_of_codes: codes_found as f64 / total_codes.max(1) as f64,
            });
        }
    }
    Ok(Assessment {
        rule: *rule,
        interviews: n,
        base_codes,
        total_codes,
        runs,
        saturation,
    })
}

/// The nearest-rank percentile `p` (0–100) of sorted values (`None` when empty).
pub fn percentile(sorted: &[usize], p: f64) -> Option<usize> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

#[cfg(test)]
mod tests;
