//! Who is compared on what: the one definition of an agreement design, used by
//! `glose agreement`, the report, the TUI review and `export segments --consensus`.
//!
//! Rules:
//! - `consensus` (the adjudicated file) is never a coder of a comparison.
//! - By default the coders are every other coder with a coding in the candidate documents
//!   who coded at least [`DEFAULT_MIN_COVERAGE`] of the documents coded by more than one
//!   coder; a coder below it (a barely-started coder) is left out, and said so.
//! - By default ([`Missing::Excluded`]) the documents are those coded by **every**
//!   compared coder, so every coefficient sees every coder on every unit. With
//!   [`Missing::Allowed`] ("missing coders" design) they are the documents coded by at
//!   least two compared coders, and a coder who did not code a document is missing there.
//!
//! A coder "coded" a document when they have at least one coding in it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::consensus::ADJUDICATED_CODER;

/// Default minimum share of the multiply coded documents a coder must have coded to
/// join a default comparison (see the module documentation).
///
/// Why 0.5: a reliability subsample is usually coded in full by each second coder (a
/// coder covering it has share 1); a coder who has opened two of the seven double-coded
/// interviews (share 0.29) would shrink every-coder comparisons to those two.
pub const DEFAULT_MIN_COVERAGE: f64 = 0.5;

/// Whether documents a compared coder did not code are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Only documents coded by every compared coder (complete data).
    #[default]
    Excluded,
    /// Documents coded by at least two compared coders; absent coders are missing data.
    Allowed,
}

/// What a design is asked for; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct DesignOptions {
    /// Coders (default: see the module documentation).
    pub coders: Option<Vec<String>>,
    /// Candidate documents (default: every document a candidate coder coded).
    pub docs: Option<Vec<String>>,
    /// Minimum coverage of a default coder (default [`DEFAULT_MIN_COVERAGE`]).
    pub min_coverage: Option<f64>,
    /// Whether documents not coded by every compared coder are compared.
    pub missing: Missing,
}

/// Something left out of a comparison, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    /// Coder name or document id.
    pub id: String,
    /// Why, in words.
    pub reason: String,
}

/// Who is compared on what.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Design {
    /// The compared coders, sorted (never `consensus`).
    pub coders: Vec<String>,
    /// The compared documents, sorted.
    pub docs: Vec<String>,
    /// Whether absent coders are missing data (`allowed`) or excluded documents.
    pub missing: Missing,
    /// The coders that could have been compared but were left out.
    pub coders_left_out: Vec<LeftOut>,
    /// The candidate documents that were left out.
    pub docs_left_out: Vec<LeftOut>,
    /// Candidate documents: coded by a candidate coder (or given).
    pub candidate_docs: usize,
    /// Candidate documents coded by more than one candidate coder.
    pub multiply_coded_docs: usize,
    /// The minimum coverage rule applied to default coders (`None` with explicit coders).
    pub min_coverage: Option<f64>,
}

/// Why no design can be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    /// A coder has no coder file.
    #[error("no coder {coder:?} (coders with a file: {known})")]
    UnknownCoder {
        /// The name.
        coder: String,
        /// Known coders, comma-separated.
        known: String,
    },
    /// `consensus` was asked for as a coder.
    #[error(
        "\"consensus\" is the adjudicated file (codings/consensus.jsonl), not a coder: it is never part of an agreement"
    )]
    ConsensusIsNotACoder,
    /// A named coder has no coding in the candidate documents.
    #[error("coder {coder:?} has no coding{}", if *.in_docs { " in the selected documents" } else { "" })]
    CoderWithoutCodings {
        /// The name.
        coder: String,
        /// Whether documents were selected.
        in_docs: bool,
    },
    /// Fewer than two coders.
    #[error("agreement needs at least 2 coders; {}", few(.found, .left_out))]
    TooFewCoders {
        /// The coders that qualify.
        found: Vec<String>,
        /// Those left out, with why.
        left_out: Vec<LeftOut>,
    },
    /// No document is coded by every compared coder (or by two, with missing coders).
    #[error(
        "no document is coded by {}: {}{}",
        if *.missing == Missing::Allowed { "at least two of" } else { "every one of" },
        .coders.join(", "),
        if *.missing == Missing::Allowed { "" } else { " (pass --missing-coders to compare documents coded by at least two of them)" }
    )]
    NoCommonDocument {
        /// The coders.
        coders: Vec<String>,
        /// The design asked for.
        missing: Missing,
    },
    /// The minimum coverage is not a share.
    #[error("the minimum coverage must be between 0 and 1, not {0}")]
    BadCoverage(f64),
}

fn few(found: &[String], left_out: &[LeftOut]) -> String {
    let mut s = if found.is_empty() {
        "found none".to_string()
    } else {
        format!("found only {}", found.join(", "))
    };
    for l in left_out {
        s.push_str(&format!("; {}: {}", l.id, l.reason));
    }
    s
}

fn share(n: usize, of: usize) -> String {
    format!("{n} of {of}")
}

/// The coders' documents, restricted to the candidate documents when some are given.
struct Scope<'a> {
    coded: &'a BTreeMap<String, BTreeSet<String>>,
    docs: Option<&'a [String]>,
    /// `of[coder]`: the documents the coder coded, within the scope (computed once, as
    /// the loops below ask for them once per document).
    of: BTreeMap<&'a str, BTreeSet<&'a String>>,
}

impl<'a> Scope<'a> {
    /// The scope of `coded` within `docs` (every document when `None`).
    fn new(coded: &'a BTreeMap<String, BTreeSet<String>>, docs: Option<&'a [String]>) -> Self {
        let given: Option<BTreeSet<&String>> = docs.map(|l| l.iter().collect());
        let of = coded
            .iter()
            .map(|(c, set)| {
                let mine = set
                    .iter()
                    .filter(|d| given.as_ref().is_none_or(|g| g.contains(d)))
                    .collect();
                (c.as_str(), mine)
            })
            .collect();
        Scope { coded, docs, of }
    }

    /// The documents coder `c` coded, within the scope.
    fn docs_of(&self, c: &str) -> &BTreeSet<&'a String> {
        static NONE: BTreeSet<&String> = BTreeSet::new();
        self.of.get(c).unwrap_or(&NONE)
    }

    /// Named coders, checked: known, not `consensus`, with a coding in scope.
    fn named(&self, list: &[String]) -> Result<Vec<String>, DesignError> {
        for c in list {
            if c == ADJUDICATED_CODER {
                return Err(DesignError::ConsensusIsNotACoder);
            }
            if !self.coded.contains_key(c) {
                let known: Vec<&str> = self
                    .coded
                    .keys()
                    .map(String::as_str)
                    .filter(|k| *k != ADJUDICATED_CODER)
                    .collect();
                return Err(DesignError::UnknownCoder {
                    coder: c.clone(),
                    known: known.join(", "),
                });
            }
            if self.docs_of(c).is_empty() {
                return Err(DesignError::CoderWithoutCodings {
                    coder: c.clone(),
                    in_docs: self.docs.is_some(),
                });
            }
        }
        let set: BTreeSet<String> = list.iter().cloned().collect();
        Ok(set.into_iter().collect())
    }

    /// The candidates who coded at least `min` of the multiply coded documents, and
    /// those left out with why.
    fn by_coverage(
        &self,
        candidates: &[&String],
        candidate_docs: usize,
        multiply: &BTreeSet<&String>,
        min: f64,
    ) -> (Vec<String>, Vec<LeftOut>) {
        let mut kept = Vec::new();
        let mut left_out = Vec::new();
        for c in candidates {
            let mine = self.docs_of(c);
            let covered = multiply.iter().filter(|d| mine.contains(*d)).count();
            if covered > 0 && covered as f64 >= min * multiply.len() as f64 {
                kept.push((*c).clone());
            } else {
                left_out.push(LeftOut {
                    id: (*c).clone(),
                    reason: format!(
                        "coded {} interviews ({covered} of the {} coded by more than one coder, under the minimum share {min}), left out; pass --coders to include",
                        share(mine.len(), candidate_docs),
                        multiply.len()
                    ),
                });
            }
        }
        (kept, left_out)
    }

    /// The candidate documents compared under `missing`, and those left out with why.
    fn documents(
        &self,
        coders: &[String],
        candidate_docs: &BTreeSet<&String>,
        missing: Missing,
    ) -> (Vec<String>, Vec<LeftOut>) {
        let mut docs = Vec::new();
        let mut left_out = Vec::new();
        for d in candidate_docs {
            let absent: Vec<&str> = coders
                .iter()
                .filter(|c| !self.docs_of(c).contains(d))
                .map(String::as_str)
                .collect();
            let present = coders.len() - absent.len();
            let ok = match missing {
                Missing::Excluded => absent.is_empty(),
                Missing::Allowed => present >= 2,
            };
            if ok {
                docs.push((*d).clone());
                continue;
            }
            let reason = if present < 2 {
                format!("coded by {present} compared coder(s) only")
            } else {
                format!(
                    "not coded by {} (pass --missing-coders to include it)",
                    absent.join(", ")
                )
            };
            left_out.push(LeftOut {
                id: (*d).clone(),
                reason,
            });
        }
        (docs, left_out)
    }
}

impl Design {
    /// The design for the coders' documents `coded[coder] = documents with a coding`
    /// (every coder with a file, `consensus` included or not: it is never compared),
    /// under `opts`.
    pub fn new(
        coded: &BTreeMap<String, BTreeSet<String>>,
        opts: &DesignOptions,
    ) -> Result<Design, DesignError> {
        let min = opts.min_coverage.unwrap_or(DEFAULT_MIN_COVERAGE);
        if !(0.0..=1.0).contains(&min) {
            return Err(DesignError::BadCoverage(min));
        }
        let scope = Scope::new(coded, opts.docs.as_deref());
        let candidates: Vec<&String> = coded
            .keys()
            .filter(|c| c.as_str() != ADJUDICATED_CODER && !scope.docs_of(c).is_empty())
            .collect();
        let candidate_docs: BTreeSet<&String> = match &opts.docs {
            Some(list) => list.iter().collect(),
            None => candidates
                .iter()
                .flat_map(|c| scope.docs_of(c).iter().copied())
                .collect(),
        };
        let multiply: BTreeSet<&String> = candidate_docs
            .iter()
            .copied()
            .filter(|d| {
                candidates
                    .iter()
                    .filter(|c| scope.docs_of(c).contains(d))
                    .count()
                    >= 2
            })
            .collect();
        let (coders, coders_left_out, min_coverage) = match &opts.coders {
            Some(list) => (scope.named(list)?, Vec::new(), None),
            None => {
                let (kept, out) =
                    scope.by_coverage(&candidates, candidate_docs.len(), &multiply, min);
                (kept, out, Some(min))
            }
        };
        if coders.len() < 2 {
            return Err(DesignError::TooFewCoders {
                found: coders,
                left_out: coders_left_out,
            });
        }
        let (docs, docs_left_out) = scope.documents(&coders, &candidate_docs, opts.missing);
        if docs.is_empty() {
            return Err(DesignError::NoCommonDocument {
                coders,
                missing: opts.missing,
            });
        }
        Ok(Design {
            coders,
            docs,
            missing: opts.missing,
            coders_left_out,
            docs_left_out,
            candidate_docs: candidate_docs.len(),
            multiply_coded_docs: multiply.len(),
            min_coverage,
        })
    }

    /// The lines that say, before any figure, who was compared on what and what was left
    /// out (e.g. "coder-c: coded 2 of 18 interviews …, left out; pass --coders to include").
    pub fn describe(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Compared: {} coders ({}) on {} of {} interviews ({}).",
            self.coders.len(),
            self.coders.join(", "),
            self.docs.len(),
            self.candidate_docs,
            match self.missing {
                Missing::Excluded => "those coded by every one of them",
                Missing::Allowed =>
                    "missing-coders design: those coded by at least two of them; a coder who did not code an interview is missing there",
            }
        )];
        for l in &self.coders_left_out {
            out.push(format!("  coder {}: {}", l.id, l.reason));
        }
        if !self.docs_left_out.is_empty() {
            let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for l in &self.docs_left_out {
                by_reason.entry(&l.reason).or_default().push(&l.id);
            }
            for (reason, ids) in by_reason {
                out.push(format!(
                    "  left out, {reason}: {} interview(s): {}",
                    ids.len(),
                    ids.join(", ")
                ));
            }
        }
        out
    }
}

/// Which documents each coder coded, from their codings (`(coder, document)` pairs), with
/// every coder in `coders` present (possibly with no document).
pub fn coded_documents<'a>(
    coders: impl IntoIterator<Item = &'a String>,
    codings: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = coders
        .into_iter()
        .map(|c| (c.clone(), BTreeSet::new()))
        .collect();
    // Codings come grouped by coder and document: a pair seen just before adds nothing,
    // and a name is copied only the first time it is seen.
    let mut last: Option<(&str, &str)> = None;
    for (coder, doc) in codings {
        if last == Some((coder, doc)) {
            continue;
        }
        last = Some((coder, doc));
        if !map.contains_key(coder) {
            map.insert(coder.to_string(), BTreeSet::new());
        }
        if let Some(docs) = map.get_mut(coder)
            && !docs.contains(doc)
        {
            docs.insert(doc.to_string());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study(spec: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
        spec.iter()
            .map(|(c, docs)| (c.to_string(), docs.iter().map(|d| d.to_string()).collect()))
            .collect()
    }

    const A: &[&str] = &[
        "E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E11", "E12", "E13",
        "E14", "E15", "E16", "E17", "E18",
    ];
    const B: &[&str] = &["E01", "E02", "E03", "E04", "E05", "E06", "E07"];
    const C: &[&str] = &["E01", "E02"];

    /// The sample: a codes 18, b 7 of them, c has started 2, and a consensus file.
    fn sample() -> BTreeMap<String, BTreeSet<String>> {
        study(&[
            ("coder-a", A),
            ("coder-b", B),
            ("coder-c", C),
            ("consensus", &["E01", "E03"]),
        ])
    }

    #[test]
    fn default_leaves_out_consensus_and_a_barely_started_coder() {
        let d = Design::new(&sample(), &DesignOptions::default()).unwrap();
        assert_eq!(d.coders, vec!["coder-a", "coder-b"]);
        assert_eq!(d.docs, B);
        assert_eq!(d.candidate_docs, 18);
        assert_eq!(d.multiply_coded_docs, 7);
        assert_eq!(d.coders_left_out.len(), 1);
        assert_eq!(d.coders_left_out[0].id, "coder-c");
        assert!(
            d.coders_left_out[0]
                .reason
                .starts_with("coded 2 of 18 interviews"),
            "{}",
            d.coders_left_out[0].reason
        );
        assert!(
            d.coders_left_out[0]
                .reason
                .ends_with("pass --coders to include")
        );
        assert_eq!(d.docs_left_out.len(), 11);
        let text = d.describe().join("\n");
        assert!(text.starts_with("Compared: 2 coders (coder-a, coder-b) on 7 of 18 interviews"));
        assert!(text.contains("coder coder-c: coded 2 of 18"), "{text}");
        assert!(!text.contains("consensus:"), "{text}");
    }

    #[test]
    fn explicit_coders_compare_documents_coded_by_all_of_them() {
        let opts = DesignOptions {
            coders: Some(vec!["coder-c".into(), "coder-a".into(), "coder-b".into()]),
            ..DesignOptions::default()
        };
        let d = Design::new(&sample(), &opts).unwrap();
        assert_eq!(d.coders, vec!["coder-a", "coder-b", "coder-c"]);
        assert_eq!(d.docs, C);
        assert!(d.coders_left_out.is_empty());
        assert!(
            d.docs_left_out
                .iter()
                .any(|l| l.id == "E05" && l.reason.contains("not coded by coder-c"))
        );
        // The missing-coders design keeps every document coded by two of them.
        let d = Design::new(
            &sample(),
            &DesignOptions {
                missing: Missing::Allowed,
                ..opts
            },
        )
        .unwrap();
        assert_eq!(d.docs, B);
        assert!(d.describe()[0].contains("missing-coders design"));
    }

    #[test]
    fn bad_coders_are_refused_with_a_reason() {
        let with = |coders: &[&str]| DesignOptions {
            coders: Some(coders.iter().map(|c| c.to_string()).collect()),
            ..DesignOptions::default()
        };
        let s = sample();
        assert_eq!(
            Design::new(&s, &with(&["coder-a", "consensus"])),
            Err(DesignError::ConsensusIsNotACoder)
        );
        let e = Design::new(&s, &with(&["coder-a", "coder-z"])).unwrap_err();
        assert!(e.to_string().contains("coder-z"), "{e}");
        assert!(!e.to_string().contains("consensus"), "{e}");
        let e = Design::new(&s, &with(&["coder-a"])).unwrap_err();
        assert!(matches!(e, DesignError::TooFewCoders { .. }), "{e}");
        let mut s2 = s.clone();
        s2.insert("coder-d".into(), BTreeSet::new());
        let e = Design::new(&s2, &with(&["coder-a", "coder-d"])).unwrap_err();
        assert_eq!(e.to_string(), "coder \"coder-d\" has no coding");
        let disjoint = study(&[("x", &["E01"]), ("y", &["E02"])]);
        let e = Design::new(&disjoint, &with(&["x", "y"])).unwrap_err();
        assert!(e.to_string().contains("--missing-coders"), "{e}");
        // Only one real coder besides consensus: too few, and says why.
        let one = study(&[("coder-a", A), ("consensus", A)]);
        let e = Design::new(&one, &DesignOptions::default()).unwrap_err();
        assert!(e.to_string().contains("coder-a"), "{e}");
        let bad = DesignOptions {
            min_coverage: Some(1.5),
            ..DesignOptions::default()
        };
        assert_eq!(Design::new(&s, &bad), Err(DesignError::BadCoverage(1.5)));
    }

    #[test]
    fn selected_documents_and_coverage_rule() {
        let opts = DesignOptions {
            docs: Some(vec!["E01".into(), "E02".into(), "E03".into()]),
            ..DesignOptions::default()
        };
        // In E01..E03, c coded 2 of 3 multiply coded documents: above 0.5, kept; the
        // comparison of all three is on E01, E02.
        let d = Design::new(&sample(), &opts).unwrap();
        assert_eq!(d.coders, vec!["coder-a", "coder-b", "coder-c"]);
        assert_eq!(d.docs, vec!["E01", "E02"]);
        let strict = DesignOptions {
            min_coverage: Some(1.0),
            ..opts
        };
        let d = Design::new(&sample(), &strict).unwrap();
        assert_eq!(d.coders, vec!["coder-a", "coder-b"]);
        assert_eq!(d.docs, vec!["E01", "E02", "E03"]);
    }
}
