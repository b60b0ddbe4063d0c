//! What the study's files and git history say, gathered once for the appendix.

use std::collections::BTreeMap;

use super::Item;
use crate::agreement::consensus::ADJUDICATED_CODER;
use crate::agreement::methods::{Lang, methods_paragraph};
use crate::export::Pseudonyms;
use crate::export::report::{ReportOptions, report_agreement};
use crate::saturation::order::DATE_ATTRIBUTES;
use crate::saturation::study::{SaturationOptions, study_saturation};
use crate::store::AllCodings;
use crate::study::Study;

const ADDED: &str = "Additional items (glose)";

pub(super) struct Facts {
    pub commit: Option<(String, String)>,
    interviews: usize,
    stages: Vec<(String, usize)>,
    attributes: Vec<String>,
    dates: Option<(String, String, String)>,
    coders: Vec<(String, usize)>,
    consensus: Option<usize>,
    codebook: String,
    history: String,
    saturation: String,
    agreement: String,
    pseudonyms: String,
    suggested: String,
}

/// The commit the study's root is at, and its commit time (`git log -1`).
fn git_commit(study: &Study) -> Option<(String, String)> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(&study.root)
        .args(["log", "-1", "--format=%H%n%cI"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    Some((lines.next()?.to_string(), lines.next()?.to_string()))
}

fn count_phrase(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Facts {
    pub fn gather(study: &Study, all: &AllCodings) -> Facts {
        let mut by_stage: BTreeMap<String, usize> = BTreeMap::new();
        for e in &study.entries {
            if let Some(s) = study.stage_of(&e.id) {
                *by_stage.entry(s).or_default() += 1;
            }
        }
        let mut stages: Vec<(String, usize)> = study
            .stage_names()
            .into_iter()
            .filter_map(|s| by_stage.remove(&s).map(|n| (s, n)))
            .collect();
        stages.extend(by_stage);
        let count = |coder: &str| all.codings.iter().filter(|c| c.coder == coder).count();
        Facts {
            commit: git_commit(study),
            interviews: study.entries.len(),
            stages,
            attributes: study
                .cases
                .columns
                .iter()
                .filter(|c| c.as_str() != "id")
                .cloned()
                .collect(),
            dates: date_range(study),
            coders: all
                .coders
                .iter()
                .filter(|c| c.as_str() != ADJUDICATED_CODER)
                .map(|c| (c.clone(), count(c)))
                .collect(),
            consensus: all
                .coders
                .iter()
                .any(|c| c == ADJUDICATED_CODER)
                .then(|| count(ADJUDICATED_CODER)),
            codebook: codebook_tree(study),
            history: format!("{}{}", codebook_history(study), codebook_commits(study)),
            saturation: saturation(study, all),
            agreement: match report_agreement(study, all, &ReportOptions::default()) {
                Ok(a) => methods_paragraph(&a, study.entries.len(), Lang::En),
                Err(e) => format!("Agreement could not be computed: {e}."),
            },
            pseudonyms: pseudonyms(study),
            suggested: suggested(study, all),
        }
    }

    /// The answer to COREQ item `number`, with its source.
    pub fn answer(&self, number: u8) -> Option<(String, String)> {
        let a = match number {
            12 => (
                format!("{} interviews, one transcript each.", self.interviews),
                "the corpus folder".into(),
            ),
            16 => (
                self.sample(),
                "corpus/cases.csv and the transcripts' headers".into(),
            ),
            22 => (
                self.saturation.clone(),
                "glose saturation (base 4, run 2, ≤5%, 1,000 orders, seed 1)".into(),
            ),
            24 => (self.coders_answer(), "the codings folder".into()),
            25 => (
                format!("{} {}", self.codebook, self.history),
                "the codebook, its recorded history (glose codebook log) and git log".into(),
            ),
            27 => (
                format!(
                    "glose {} (coding, agreement, saturation and exports), on plain-text transcripts \
                     and codings kept in git.",
                    env!("CARGO_PKG_VERSION")
                ),
                "glose".into(),
            ),
            29 => (
                format!(
                    "Quotations in glose's exports are identified by interview id (E01, …) and stage. {}",
                    self.pseudonyms
                ),
                "glose export, corpus/pseudonyms.csv".into(),
            ),
            _ => return None,
        };
        Some(a)
    }

    /// The answer to SRQR item `number`, with its source: the COREQ answers that hold it.
    pub fn srqr_answer(&self, number: u8) -> Option<(String, String)> {
        let join = |items: &[u8]| {
            let parts: Vec<(String, String)> =
                items.iter().filter_map(|&n| self.answer(n)).collect();
            (!parts.is_empty()).then(|| {
                let (answers, sources): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
                (answers.join(" "), sources.join("; "))
            })
        };
        match number {
            8 => join(&[12, 22]),
            10 => self.dates.as_ref().map(|(attr, first, last)| {
                (
                    format!("Interviews dated ({attr}) from {first} to {last}."),
                    format!("the `{attr}` attribute"),
                )
            }),
            11 => join(&[27]).map(|(a, s)| {
                (
                    format!("{a} Machine assistance: {}", self.suggested),
                    format!("{s}; the codings folder"),
                )
            }),
            12 => join(&[12, 16]),
            13 => join(&[27, 29]),
            14 => join(&[24, 25]),
            15 => Some((
                format!("{} Machine assistance: {}", self.agreement, self.suggested),
                "glose agreement (sentences, default design); the codings folder".into(),
            )),
            17 => join(&[29]),
            _ => None,
        }
    }

    fn sample(&self) -> String {
        let mut s = String::new();
        if !self.stages.is_empty() {
            let parts: Vec<String> = self
                .stages
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            s.push_str(&format!("Interviews by stage: {}. ", parts.join(", ")));
        }
        if !self.attributes.is_empty() {
            s.push_str(&format!(
                "Attributes recorded per interview: {}.",
                self.attributes.join(", ")
            ));
        }
        if let Some((attr, first, last)) = &self.dates {
            s.push_str(&format!(
                " Interviews dated ({attr}) from {first} to {last}."
            ));
        }
        s.trim().to_string()
    }

    fn coders_answer(&self) -> String {
        if self.coders.is_empty() {
            return "No coder has coded yet: the codings folder holds no coding.".into();
        }
        let names: Vec<String> = self
            .coders
            .iter()
            .map(|(c, n)| format!("{c} ({})", count_phrase(*n, "coding", "codings")))
            .collect();
        let mut s = format!(
            "{}: {}.",
            count_phrase(self.coders.len(), "coder", "coders"),
            names.join(", ")
        );
        if let Some(n) = self.consensus {
            s.push_str(&format!(
                " Disagreements were adjudicated into a consensus file ({}).",
                count_phrase(n, "coding", "codings")
            ));
        }
        s
    }

    /// The items glose adds to the checklist.
    pub fn additions(&self) -> Vec<Item> {
        let item = |topic, question, answer: &str, source: &str| Item {
            number: None,
            domain: ADDED,
            topic,
            question,
            answer: Some(answer.to_string()),
            source: Some(source.to_string()),
        };
        let reproducible = match &self.commit {
            Some((hash, time)) => format!(
                "Generated from commit {hash} ({time}) with glose {}; regenerating from that commit gives the same file.",
                env!("CARGO_PKG_VERSION")
            ),
            None => {
                "The study is not in a git repository: no commit identifies these files.".into()
            }
        };
        vec![
            item(
                "Inter-coder agreement",
                "How far did coders agree, by which method?",
                &self.agreement,
                "glose agreement (sentences, default design)",
            ),
            item(
                "Machine assistance",
                "Was machine assistance used in coding, and how accurate was it?",
                &self.suggested,
                "the codings folder",
            ),
            item(
                "Reproducibility",
                "Which version of the data and software produced these figures?",
                &reproducible,
                "git",
            ),
        ]
    }
}

fn date_range(study: &Study) -> Option<(String, String, String)> {
    DATE_ATTRIBUTES.iter().find_map(|attr| {
        let mut values: Vec<jiff::civil::Date> = study
            .entries
            .iter()
            .filter_map(|e| study.attributes(&e.id).remove(*attr))
            .filter_map(|v| v.trim().parse().ok())
            .collect();
        values.sort();
        Some((
            (*attr).to_string(),
            values.first()?.to_string(),
            values.last()?.to_string(),
        ))
    })
}

fn codebook_tree(study: &Study) -> String {
    let cb = &study.codebook;
    let codes = cb.tree_order();
    let depth = codes.iter().map(|c| cb.depth(&c.id)).max().unwrap_or(0);
    let groups: Vec<String> = cb
        .roots()
        .map(|g| {
            let n = cb.descendants_and_self(&g.id).len().saturating_sub(1);
            format!("{} ({})", g.id, count_phrase(n, "code", "codes"))
        })
        .collect();
    format!(
        "The coding tree holds {} in {} (up to depth {depth}): {}.",
        count_phrase(codes.len(), "code", "codes"),
        count_phrase(groups.len(), "top-level group", "top-level groups"),
        groups.join(", ")
    )
}

fn codebook_history(study: &Study) -> String {
    let (entries, _) = crate::codebook::read_history(&study.codebook.path);
    if entries.is_empty() {
        return "No change to the codebook is recorded in its history.".into();
    }
    let mut ops: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &entries {
        *ops.entry(e.op.as_str()).or_default() += 1;
    }
    let day = |t: &jiff::Timestamp| t.to_string().chars().take(10).collect::<String>();
    let first = entries.iter().map(|e| e.at).min().map(|t| day(&t));
    let last = entries.iter().map(|e| e.at).max().map(|t| day(&t));
    let ops: Vec<String> = ops.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!(
        "Its history records {} from {} to {} ({}).",
        count_phrase(entries.len(), "change", "changes"),
        first.unwrap_or_default(),
        last.unwrap_or_default(),
        ops.join(", ")
    )
}

/// How many commits changed the codebook file, from when to when (`git log`).
fn codebook_commits(study: &Study) -> String {
    let Ok(out) = std::process::Command::new("git")
        .arg("-C")
        .arg(&study.root)
        .args(["log", "--format=%cI", "--"])
        .arg(&study.codebook.path)
        .output()
    else {
        return String::new();
    };
    if !out.status.success() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let day = |t: &&str| t.chars().take(10).collect::<String>();
    match (times.last(), times.first()) {
        (Some(first), Some(last)) => format!(
            " In git, {} changed the codebook file, from {} to {}.",
            count_phrase(times.len(), "commit", "commits"),
            day(first),
            day(last)
        ),
        _ => String::new(),
    }
}

fn saturation(study: &Study, all: &AllCodings) -> String {
    let opts = SaturationOptions {
        coders: all
            .coders
            .iter()
            .filter(|c| c.as_str() != ADJUDICATED_CODER)
            .cloned()
            .collect(),
        ..SaturationOptions::default()
    };
    match study_saturation(study, all, &opts) {
        Ok(s) => s
            .coders
            .iter()
            .map(|c| c.sentence.clone())
            .collect::<Vec<_>>()
            .join(" "),
        Err(e) => format!("Saturation could not be assessed from the files: {e}."),
    }
}

fn pseudonyms(study: &Study) -> String {
    let path = Pseudonyms::path(study);
    if !path.exists() {
        return "No pseudonym table (corpus/pseudonyms.csv): names are not replaced automatically."
            .into();
    }
    match Pseudonyms::load(&path) {
        Ok(p) => format!(
            "Names listed in corpus/pseudonyms.csv ({}) are replaced by their pseudonyms in every export, \
             and exports are scanned for any listed name left.",
            count_phrase(p.rules.len(), "entry", "entries")
        ),
        Err(e) => format!("The pseudonym table cannot be read: {e}."),
    }
}

/// Codings carrying a machine-suggestion mark (`"suggested"` in the coder's file), per
/// coder and code, with the model's precision at R measured now on that coder's codings
/// (leave-one-interview-out, seed 21, sentences: `glose suggest eval`).
fn suggested(study: &Study, all: &AllCodings) -> String {
    let mut marked: Vec<(String, BTreeMap<String, usize>)> = Vec::new();
    for coder in &all.coders {
        let Ok(file) = crate::suggest::load_coder(study, coder) else {
            continue;
        };
        let mut codes: BTreeMap<String, usize> = BTreeMap::new();
        for c in file.codings.iter().filter(|c| c.suggested.is_some()) {
            *codes.entry(c.code.clone()).or_default() += 1;
        }
        if !codes.is_empty() {
            marked.push((coder.clone(), codes));
        }
    }
    if marked.is_empty() {
        return "No coding carries a machine-suggestion mark: every coding was applied by its coder."
            .into();
    }
    let corpus = crate::suggest::Corpus::open(study, crate::suggest::Unit::Sentence);
    let opts = crate::suggest::EvalOptions {
        min_precision: crate::suggest::min_precision(study),
        curve: Vec::new(),
        ..crate::suggest::EvalOptions::default()
    };
    let mut parts: Vec<String> = Vec::new();
    for (coder, codes) in &marked {
        let file = crate::suggest::load_coder(study, coder).ok();
        for (code, n) in codes {
            let measured = match (&corpus, &file, study.codebook.get(code)) {
                (Ok(corpus), Some(file), Some(def)) => {
                    let e = crate::suggest::evaluate_code(corpus, def, coder, &file.codings, &opts);
                    match e.scores.model.recall_at_r {
                        Some(p) => {
                            format!("precision at R {p:.2} over {} held-out interviews", e.folds)
                        }
                        None => "precision not measurable (too few codings)".to_string(),
                    }
                }
                _ => "precision not measurable".to_string(),
            };
            parts.push(format!(
                "{coder}, {code}: {} ({measured})",
                count_phrase(*n, "coding", "codings")
            ));
        }
    }
    format!(
        "Codings accepted from glose's local suggestions (model {} v{}, trained only on the coder's own codings, \
         nothing sent off the machine): {}. Precision measured by leave-one-interview-out on the coder's \
         current codings, the accepted ones included (glose suggest eval, sentences, seed {}).",
        crate::suggest::MODEL_NAME,
        crate::suggest::MODEL_VERSION,
        parts.join("; "),
        opts.train.seed
    )
}
