//! The segments reader's rows: the core's reading as section headings and passages,
//! the codings it reads from, and whose codings it shows (`c` cycles them).

use std::ops::Range;

use glose::reader::{Grouping, Reading};
use glose::store::{AllCodings, Coding};

use super::super::strings;
use super::Env;

/// Whose codings a retrieval shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    /// The current coder's.
    Mine,
    /// Another coder's.
    Coder(String),
    /// Everybody's.
    All,
}

/// A row of the reader: a section heading or a passage.
#[derive(Debug, Clone)]
pub enum RetrieveRow {
    /// A section heading (document, stage, coder or code), with its count.
    Header(String),
    /// A coded passage.
    Passage {
        /// The coding's id.
        id: String,
        /// Document id.
        doc: String,
        /// Span.
        range: Range<usize>,
        /// Coder.
        coder: String,
        /// The code (a descendant of the retrieved code, or itself).
        code: String,
        /// Its text, context, citation and memo.
        shown: Box<Shown>,
    },
}

/// What the reader shows of a passage.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The passage in full.
    pub text: String,
    /// The context before and after it.
    pub context: (String, String),
    /// How to cite it (`E03, Fondatrice, 00:12:31`).
    pub citation: String,
    /// The coder's memo on it.
    pub memo: Option<String>,
}

/// The codings the reader may show: this coder's as they count now (merges and splits
/// live in the codebook; the others' are read resolved) and everybody else's.
pub fn codings_of(env: &Env) -> AllCodings {
    let mut codings: Vec<Coding> = env.mine.to_vec();
    env.study.codebook.resolve_codings(&mut codings);
    codings.extend(env.others.iter().cloned());
    let mut coders: Vec<String> = codings.iter().map(|c| c.coder.clone()).collect();
    coders.push(env.coder.to_string());
    coders.sort();
    coders.dedup();
    AllCodings {
        codings,
        coders,
        ..AllCodings::default()
    }
}

/// The rows of a reading: a heading per section, then its passages.
pub fn rows_of(env: &Env, reading: &Reading, grouping: Grouping) -> Vec<RetrieveRow> {
    let mut rows = Vec::new();
    for s in &reading.sections {
        let n = s.passages.len();
        let name = s
            .key
            .clone()
            .unwrap_or_else(|| strings::NO_STAGE.to_string());
        let label = match grouping {
            Grouping::Document => {
                let attrs = env.study.attributes(&name);
                let company = attrs
                    .get("company")
                    .or_else(|| attrs.get("title"))
                    .cloned()
                    .unwrap_or_default();
                format!("{name} {company} ({n})")
            }
            Grouping::Code => format!("{} · {name} ({n})", env.label(&name)),
            Grouping::Stage | Grouping::Coder => format!("{name} ({n})"),
        };
        rows.push(RetrieveRow::Header(label));
        for p in &s.passages {
            let r = &p.record;
            rows.push(RetrieveRow::Passage {
                id: r.id.clone(),
                doc: r.doc.to_string(),
                range: r.start..r.end,
                coder: r.coder.to_string(),
                code: r.code.to_string(),
                shown: Box::new(Shown {
                    text: r.text.clone(),
                    context: (p.before.clone(), p.after.clone()),
                    citation: r.citation(),
                    memo: r.memo.clone(),
                }),
            });
        }
    }
    rows
}

/// The first passage row at or after (or before) `from`.
pub fn first_passage(rows: &[RetrieveRow], from: usize, forward: bool) -> Option<usize> {
    let is_p = |i: &usize| matches!(rows.get(*i), Some(RetrieveRow::Passage { .. }));
    if forward {
        (from..rows.len()).find(is_p)
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(is_p)
    }
}

/// The next choice of whose codings: mine, then each other coder, then all.
pub fn next_whose(env: &Env, whose: &Whose) -> Whose {
    let mut coders: Vec<String> = env.others.iter().map(|c| c.coder.clone()).collect();
    coders.sort();
    coders.dedup();
    coders.retain(|c| c != env.coder);
    match whose {
        Whose::Mine => coders
            .first()
            .map_or(Whose::All, |c| Whose::Coder(c.clone())),
        Whose::Coder(cur) => {
            let i = coders
                .iter()
                .position(|c| c == cur)
                .map_or(coders.len(), |i| i + 1);
            coders
                .get(i)
                .map_or(Whose::All, |c| Whose::Coder(c.clone()))
        }
        Whose::All => Whose::Mine,
    }
}

/// Whose codings a retrieval shows, as text.
pub fn whose_label(coder: &str, w: &Whose) -> String {
    match w {
        Whose::Mine => format!("{coder} ({})", strings::ME),
        Whose::Coder(c) => c.clone(),
        Whose::All => strings::ALL_CODERS.to_string(),
    }
}
