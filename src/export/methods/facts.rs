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

/// Codings carrying a machine-suggestion mark (`"suggested"` in the coder's file).
fn suggested(study: &Study, all: &AllCodings) -> String {
    let mut marked: Vec<(String, usize)> = Vec::new();
    for coder in &all.coders {
        let path = crate::store::coder_path(&study.codings_dir(), coder);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let n = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v.get("type").and_then(|t| t.as_str()) == Some("coding"))
            .filter(|v| v.get("suggested").is_some_and(|s| !s.is_null()))
            .count();
        if n > 0 {
            marked.push((coder.clone(), n));
        }
    }
    if marked.is_empty() {
        return "No coding carries a machine-suggestion mark: every coding was applied by its coder."
            .into();
    }
    let parts: Vec<String> = marked.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!(
        "Codings accepted from glose's local suggestions (trained only on the coder's own codings): {}. \
         Their measured precision is not recorded in the study's files (see glose suggest eval): needs the authors.",
        parts.join(", ")
    )
}
