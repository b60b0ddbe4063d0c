//! Saturation of a study: per coder (the consensus file is a coder like any other), in
//! interview order, with codes counted as applied or rolled up to a depth of the code
//! tree. Codes of exclusive groups (the stages) classify an interview rather than
//! describe what it says, so they are not counted.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::band::{Band, band};
use super::order::{OrderBy, Ordered, order_interviews};
use super::{Assessment, Rule, SaturationError, assess, new_codes_per_interview};
use crate::agreement::consensus::ADJUDICATED_CODER;
use crate::codebook::Codebook;
use crate::store::AllCodings;
use crate::study::Study;

/// What to assess.
#[derive(Debug, Clone, PartialEq)]
pub struct SaturationOptions {
    /// The coders (empty: every coder file, the consensus file included).
    pub coders: Vec<String>,
    /// The interview order.
    pub order: OrderBy,
    /// Count codes at this depth of the tree (0: the top-level groups); `None`: as applied.
    pub depth: Option<usize>,
    /// The stopping rule.
    pub rule: Rule,
    /// Random orders for the band (0: no band).
    pub orders: usize,
    /// Their seed.
    pub seed: u64,
}

impl Default for SaturationOptions {
    fn default() -> Self {
        SaturationOptions {
            coders: Vec::new(),
            order: OrderBy::Date,
            depth: None,
            rule: Rule::default(),
            orders: 1_000,
            seed: 1,
        }
    }
}

/// One interview of a coder's curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewRow {
    /// 1-based position in the order.
    pub position: usize,
    /// The document.
    pub doc: String,
    /// Its value of the ordering attribute.
    pub order_value: String,
    /// Distinct codes the coder applied in it.
    pub codes: usize,
    /// The codes first seen in it, in id order.
    pub new_codes: Vec<String>,
    /// Distinct codes found so far.
    pub cumulative: usize,
}

/// One coder's saturation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoderSaturation {
    /// The coder.
    pub coder: String,
    /// The curve, in interview order (only the interviews this coder coded).
    pub interviews: Vec<InterviewRow>,
    /// Interviews in the order that this coder has not coded (left out of the curve).
    pub not_coded: Vec<String>,
    /// The rule applied in interview order.
    pub assessment: Option<Assessment>,
    /// Why the rule could not be applied.
    pub not_assessed: Option<String>,
    /// The band over random orders.
    pub band: Option<Band>,
    /// A sentence for a methods section.
    pub sentence: String,
}

/// A study's saturation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudySaturation {
    /// What ordered the interviews.
    pub order_by: String,
    /// The depth codes were counted at (`None`: as applied).
    pub depth: Option<usize>,
    /// The rule.
    pub rule: Rule,
    /// Random orders of the band.
    pub orders: usize,
    /// Their seed.
    pub seed: u64,
    /// The exclusive groups whose codes are not counted.
    pub groups_not_counted: Vec<String>,
    /// Per coder.
    pub coders: Vec<CoderSaturation>,
}

/// The code a coding counts as: `None` for codes of exclusive groups, the ancestor at
/// `depth` for deeper codes, the code itself otherwise (codes not in the codebook too).
pub fn counted_code(cb: &Codebook, id: &str, depth: Option<usize>) -> Option<String> {
    let path = cb.path_of(id);
    if path.iter().any(|c| c.exclusive) {
        return None;
    }
    match depth.and_then(|d| path.get(d)) {
        Some(ancestor) => Some(ancestor.id.clone()),
        None => Some(id.to_string()),
    }
}

/// Assesses saturation for the coders of `opts`.
pub fn study_saturation(
    study: &Study,
    all: &AllCodings,
    opts: &SaturationOptions,
) -> Result<StudySaturation, SaturationError> {
    opts.rule.validate()?;
    if all.coders.is_empty() {
        return Err(SaturationError::NoCoders);
    }
    let coders = if opts.coders.is_empty() {
        all.coders.clone()
    } else {
        for c in &opts.coders {
            if !all.coders.contains(c) {
                return Err(SaturationError::UnknownCoder {
                    name: c.clone(),
                    known: all.coders.join(", "),
                });
            }
        }
        opts.coders.clone()
    };
    let cb = &study.codebook;
    // The codings of each (coder, document), found in one pass (a scan of every coding
    // per coder and interview was quadratic: minutes at 2,000 interviews).
    let mut by_coder_doc: HashMap<(&str, &str), Vec<&str>> = HashMap::default();
    for c in &all.codings {
        by_coder_doc
            .entry((c.coder.as_str(), c.doc.as_str()))
            .or_default()
            .push(c.code.as_str());
    }
    let codes_of = |coder: &str, doc: &str| -> BTreeSet<String> {
        by_coder_doc
            .get(&(coder, doc))
            .into_iter()
            .flatten()
            .filter_map(|code| counted_code(cb, code, opts.depth))
            .collect()
    };
    let coded: BTreeSet<String> = all
        .codings
        .iter()
        .filter(|c| coders.contains(&c.coder))
        .filter(|c| counted_code(cb, &c.code, opts.depth).is_some())
        .map(|c| c.doc.clone())
        .collect();
    let coded: Vec<String> = coded.into_iter().collect();
    let ordered = order_interviews(study, &coded, &opts.order)?;
    let per_coder = coders
        .iter()
        .map(|coder| coder_saturation(coder, &ordered, |d| codes_of(coder, d), opts))
        .collect();
    Ok(StudySaturation {
        order_by: ordered.by.clone(),
        depth: opts.depth,
        rule: opts.rule,
        orders: opts.orders,
        seed: opts.seed,
        groups_not_counted: cb.exclusive_groups().map(|g| g.id.clone()).collect(),
        coders: per_coder,
    })
}

fn coder_saturation(
    coder: &str,
    ordered: &Ordered,
    codes_of: impl Fn(&str) -> BTreeSet<String>,
    opts: &SaturationOptions,
) -> CoderSaturation {
    let mut sets: Vec<Vec<String>> = Vec::new();
    let mut rows = Vec::new();
    let mut not_coded = Vec::new();
    let mut seen = BTreeSet::new();
    for (doc, value) in &ordered.docs {
        let codes = codes_of(doc);
        if codes.is_empty() {
            not_coded.push(doc.clone());
            continue;
        }
        let new_codes: Vec<String> = codes
            .iter()
            .filter(|c| !seen.contains(*c))
            .cloned()
            .collect();
        seen.extend(codes.iter().cloned());
        rows.push(InterviewRow {
            position: rows.len() + 1,
            doc: doc.clone(),
            order_value: value.clone(),
            codes: codes.len(),
            new_codes,
            cumulative: seen.len(),
        });
        sets.push(codes.into_iter().collect());
    }
    let new = new_codes_per_interview(&sets);
    let (assessment, not_assessed) = match assess(&new, &opts.rule) {
        Ok(a) => (Some(a), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let band = (opts.orders > 0 && assessment.is_some())
        .then(|| band(&sets, &opts.rule, opts.orders, opts.seed));
    let mut out = CoderSaturation {
        coder: coder.to_string(),
        interviews: rows,
        not_coded,
        assessment,
        not_assessed,
        band,
        sentence: String::new(),
    };
    out.sentence = sentence(&out, &ordered.by, opts.depth);
    out
}

/// A percentage without needless decimals: `5`, `2.5`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

fn whose(coder: &str) -> String {
    if coder == ADJUDICATED_CODER {
        "the consensus file's codes".into()
    } else {
        format!("{coder}'s codes")
    }
}

/// The sentence for a methods section (English).
pub fn sentence(s: &CoderSaturation, order_by: &str, depth: Option<usize>) -> String {
    let Some(a) = &s.assessment else {
        return format!(
            "Thematic saturation could not be assessed for {}: {}.",
            whose(&s.coder),
            s.not_assessed.as_deref().unwrap_or("no interview coded")
        );
    };
    let r = &a.rule;
    let depth = depth.map_or(String::new(), |d| {
        format!(" (counted at depth {d} of the code tree)")
    });
    let mut out = format!(
        "Thematic saturation was assessed with the method of Guest, Namey and Chen (2020) on {}{depth} \
         over {} interviews ordered by {order_by}: with a base of {} interviews, runs of {} and a \
         new-information threshold of ≤{}%, ",
        whose(&s.coder),
        a.interviews,
        r.base,
        r.run,
        percent(r.threshold)
    );
    match &a.saturation {
        Some(reached) => {
            let run = a.runs.iter().find(|x| x.first == reached.at + 1);
            let (first, last, new, share) =
                run.map_or((0, 0, 0, 0.0), |x| (x.first, x.last, x.new_codes, x.share));
            out.push_str(&format!(
                "saturation was reached at {} (interviews {first}–{last} added {new} new code(s), {}% of \
                 the {} codes of the base); {} of the {} codes ({}%) had been identified by then.",
                reached.notation,
                percent_round(share),
                a.base_codes,
                reached.codes_found,
                a.total_codes,
                percent_round(reached.share_of_codes)
            ));
        }
        None => {
            let least = a
                .runs
                .iter()
                .min_by(|x, y| x.share.total_cmp(&y.share).then(x.first.cmp(&y.first)));
            out.push_str(&match least {
                Some(x) => format!(
                    "saturation was not reached: the run with the least new information \
                     (interviews {}–{}) added {} new code(s), {}% of the {} codes of the base.",
                    x.first,
                    x.last,
                    x.new_codes,
                    percent_round(x.share),
                    a.base_codes
                ),
                None => "saturation was not reached.".into(),
            });
        }
    }
    if let Some(b) = &s.band {
        out.push_str(&format!(
            " Over {} random interview orders (seed {}), saturation was reached in {} ({}%)",
            b.orders,
            b.seed,
            b.reached,
            percent_round(b.reached as f64 / b.orders.max(1) as f64)
        ));
        match (b.at_median, b.at_p5, b.at_p95) {
            (Some(m), Some(lo), Some(hi)) => out.push_str(&format!(
                ", after a median of {m} interviews (5th–95th percentile: {lo}–{hi})."
            )),
            _ => out.push('.'),
        }
    }
    out
}

/// A share as a whole percentage (`19` for 7/37).
pub fn percent_round(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

impl StudySaturation {
    /// Replaces listed real names in the ordering values (an order by a name-bearing
    /// attribute must not leak it).
    pub fn pseudonymise(&mut self, pseudonyms: &crate::export::Pseudonyms) {
        for c in &mut self.coders {
            for row in &mut c.interviews {
                row.order_value = pseudonyms
                    .for_doc(&row.doc)
                    .apply(&row.order_value)
                    .into_owned();
            }
        }
    }

    /// The curves as CSV: one row per coder and interview, with the band when drawn.
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "coder",
            "position",
            "doc",
            "order_value",
            "codes",
            "new_codes",
            "cumulative",
            "band_p5",
            "band_median",
            "band_p95",
            "new_code_ids",
        ])?;
        for c in &self.coders {
            for r in &c.interviews {
                let point = c
                    .band
                    .as_ref()
                    .and_then(|b| b.curve.iter().find(|p| p.position == r.position));
                let cell = |f: fn(&super::band::BandPoint) -> usize| {
                    point.map_or(String::new(), |p| f(p).to_string())
                };
                w.write_record([
                    c.coder.clone(),
                    r.position.to_string(),
                    r.doc.clone(),
                    r.order_value.clone(),
                    r.codes.to_string(),
                    r.new_codes.len().to_string(),
                    r.cumulative.to_string(),
                    cell(|p| p.p5),
                    cell(|p| p.median),
                    cell(|p| p.p95),
                    r.new_codes.join(";"),
                ])?;
            }
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
