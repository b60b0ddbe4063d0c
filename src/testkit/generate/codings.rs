//! Codings of several coders on one generated interview, with a controlled agreement.
//!
//! "True" passages are chosen every few founder sentences, each with a code drawn from the
//! codebook; stage codes go on whole founder turns (story segments). Each coder codes a
//! true passage with the same code with probability `p`, else uses a neighbouring code
//! (a sibling, or the adjacent stage) or skips it, and moves its boundaries by a few words
//! with probability `1 - p`.

use std::collections::BTreeMap;
use std::ops::Range;

use glose::codebook::Codebook;
use glose::document::{Document, Role};
use glose::store::{Coding, make_anchor};
use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// The codes a generator can draw from.
#[derive(Debug, Clone)]
pub struct CodeSpace {
    /// Every code outside the stage group (groups included, they are rarer).
    pub topical: Vec<String>,
    /// For each topical code, the codes a hesitating coder might use instead.
    pub neighbours: BTreeMap<String, Vec<String>>,
    /// The stage codes, in codebook order.
    pub stages: Vec<String>,
}

impl CodeSpace {
    /// Reads the code tree of a codebook.
    pub fn new(codebook: &Codebook) -> Self {
        let stage_root = codebook.stage_group().map(|g| g.id.clone());
        let stages: Vec<String> = stage_root
            .as_deref()
            .map(|g| codebook.children(g).map(|c| c.id.clone()).collect())
            .unwrap_or_default();
        let in_stage = |id: &str| {
            stage_root
                .as_deref()
                .is_some_and(|g| id == g || id.starts_with(&format!("{g}.")))
        };
        let topical: Vec<String> = codebook
            .codes
            .iter()
            .filter(|c| !in_stage(&c.id))
            .map(|c| c.id.clone())
            .collect();
        let mut neighbours = BTreeMap::new();
        for c in codebook.codes.iter().filter(|c| !in_stage(&c.id)) {
            let mut near: Vec<String> = match &c.parent {
                Some(parent) => codebook
                    .children(parent)
                    .filter(|s| s.id != c.id)
                    .map(|s| s.id.clone())
                    .chain(std::iter::once(parent.clone()))
                    .collect(),
                None => codebook.children(&c.id).map(|s| s.id.clone()).collect(),
            };
            near.extend(codebook.children(&c.id).map(|s| s.id.clone()));
            near.sort();
            near.dedup();
            neighbours.insert(c.id.clone(), near);
        }
        Self {
            topical,
            neighbours,
            stages,
        }
    }

    fn neighbour(&self, code: &str, rng: &mut ChaCha8Rng) -> Option<String> {
        if let Some(i) = self.stages.iter().position(|s| s == code) {
            let mut near = Vec::new();
            if i > 0 {
                near.push(i - 1);
            }
            if i + 1 < self.stages.len() {
                near.push(i + 1);
            }
            return near.choose(rng).and_then(|j| self.stages.get(*j)).cloned();
        }
        self.neighbours.get(code)?.choose(rng).cloned()
    }
}

/// How the codings of one interview are made.
#[derive(Debug, Clone, Copy)]
pub struct CodingPlan {
    /// Number of coders.
    pub coders: usize,
    /// Probability that a coder codes a true passage as it is.
    pub agreement: f64,
    /// Codings per interview per coder, on average.
    pub per_interview: usize,
    /// Creation time of the first coding of this interview, in Unix seconds.
    pub t0: i64,
}

/// A true passage: a span inside one founder turn, and its code.
struct Passage {
    range: Range<usize>,
    turn: Range<usize>,
    code: String,
}

/// The codings of each coder on `doc`, whose case is at stage `stage_index`.
pub fn code_document(
    doc: &Document,
    stage_index: usize,
    space: &CodeSpace,
    plan: &CodingPlan,
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<Coding>> {
    let passages = true_passages(doc, stage_index, space, plan, rng);
    let chars: Vec<char> = doc.text.chars().collect();
    let p = plan.agreement.clamp(0.0, 1.0);
    let mut out = Vec::with_capacity(plan.coders);
    for coder in 0..plan.coders {
        let mut t = plan.t0 + coder as i64 * 97 + rng.random_range(0..600);
        let mut codings = Vec::with_capacity(passages.len());
        for passage in &passages {
            let r: f64 = rng.random();
            let code = if r < p {
                passage.code.clone()
            } else if r < p + (1.0 - p) / 2.0 {
                match space.neighbour(&passage.code, rng) {
                    Some(c) => c,
                    None => continue,
                }
            } else {
                continue;
            };
            let mut range = passage.range.clone();
            if rng.random_bool(1.0 - p) {
                range = drift(&chars, range, passage.turn.clone(), rng);
            }
            t += rng.random_range(4..90);
            codings.push(coding(doc, &code, range, t, coder_name(coder), rng));
        }
        out.push(codings);
    }
    out
}

/// The name of coder `i`: `coder-a`, `coder-b`, …
pub fn coder_name(i: usize) -> String {
    match u8::try_from(i).ok().filter(|i| *i < 26) {
        Some(i) => format!("coder-{}", char::from(b'a' + i)),
        None => format!("coder-{}", i + 1),
    }
}

fn coding(
    doc: &Document,
    code: &str,
    range: Range<usize>,
    t: i64,
    coder: String,
    rng: &mut ChaCha8Rng,
) -> Coding {
    let ts = jiff::Timestamp::from_second(t).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let bytes: [u8; 10] = rng.random();
    let millis = u64::try_from(t).unwrap_or(0) * 1000 + rng.random_range(0..1000);
    let id = uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
        .into_uuid()
        .to_string();
    let memo = rng
        .random_bool(0.02)
        .then(|| "À discuter : le passage pourrait relever d’un autre code.".to_string());
    Coding {
        id,
        doc: doc.id.clone(),
        code: code.to_string(),
        start: range.start,
        end: range.end,
        memo,
        created: ts,
        modified: ts,
        anchor: make_anchor(doc, range),
        selection_name: None,
        suggested: None,
        coder,
    }
}

/// Founder sentences grouped by turn: (turn content, sentence ranges).
fn founder_turns(doc: &Document) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
    let mut out = Vec::new();
    for turn in doc.turns.iter().filter(|t| t.role == Role::Respondent) {
        let lo = doc
            .sentences
            .partition_point(|s| s.start < turn.content.start);
        let hi = doc.sentences.partition_point(|s| s.end <= turn.content.end);
        if let Some(s) = doc.sentences.get(lo..hi).filter(|s| !s.is_empty()) {
            out.push((turn.content.clone(), s.to_vec()));
        }
    }
    out
}

fn true_passages(
    doc: &Document,
    stage_index: usize,
    space: &CodeSpace,
    plan: &CodingPlan,
    rng: &mut ChaCha8Rng,
) -> Vec<Passage> {
    let turns = founder_turns(doc);
    let flat: Vec<(usize, usize)> = turns
        .iter()
        .enumerate()
        .flat_map(|(t, (_, s))| (0..s.len()).map(move |k| (t, k)))
        .collect();
    if flat.is_empty() || space.topical.is_empty() {
        return Vec::new();
    }
    let p = plan.agreement.clamp(0.0, 1.0);
    let n = (plan.per_interview as f64 * 2.0 / (1.0 + p)).round() as usize;
    let n_stage = if space.stages.is_empty() {
        0
    } else {
        (n / 10).max(1).min(turns.len())
    };
    let mut out = Vec::with_capacity(n);
    // Stage codes on story segments: whole founder turns, mostly the case's own stage,
    // sometimes an earlier one told in retrospect.
    let step = (turns.len() / n_stage.max(1)).max(1);
    for k in 0..n_stage {
        let t = (k * step + rng.random_range(0..step)).min(turns.len() - 1);
        let Some((content, sentences)) = turns.get(t) else {
            continue;
        };
        let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
            continue;
        };
        let stage = if stage_index > 0 && rng.random_bool(0.3) {
            rng.random_range(0..stage_index)
        } else {
            stage_index
        };
        if let Some(code) = space.stages.get(stage) {
            out.push(Passage {
                range: first.start..last.end,
                turn: content.clone(),
                code: code.clone(),
            });
        }
    }
    let n_topical = n.saturating_sub(n_stage).max(1);
    let step = (flat.len() / n_topical).max(1);
    for k in 0..n_topical {
        let i = k * step + rng.random_range(0..step);
        let Some(&(t, s)) = flat.get(i) else {
            break;
        };
        let Some((content, sentences)) = turns.get(t) else {
            continue;
        };
        let len = rng.random_range(1..=3usize);
        let end_s = (s + len).min(sentences.len()) - 1;
        let (Some(a), Some(b)) = (sentences.get(s), sentences.get(end_s)) else {
            continue;
        };
        let Some(code) = space.topical.choose(rng) else {
            continue;
        };
        out.push(Passage {
            range: a.start..b.end,
            turn: content.clone(),
            code: code.clone(),
        });
    }
    out
}

/// Moves the start and the end of `range` by up to three words, inside `within`.
fn drift(
    chars: &[char],
    range: Range<usize>,
    within: Range<usize>,
    rng: &mut ChaCha8Rng,
) -> Range<usize> {
    let lo = within.start.min(chars.len());
    let hi = within.end.min(chars.len());
    let ds: i32 = rng.random_range(-3..=3);
    let de: i32 = rng.random_range(-3..=3);
    let start = move_words(chars, range.start, ds, lo, hi, true);
    let end = move_words(chars, range.end, de, lo, hi, false);
    if start < end
        && chars
            .get(start..end)
            .is_some_and(|s| s.iter().any(|c| !c.is_whitespace()))
    {
        start..end
    } else {
        range
    }
}

/// Moves a boundary by `n` words (forward if positive). A start boundary lands on the
/// first char of a word, an end boundary just after the last char of one.
fn move_words(chars: &[char], mut pos: usize, n: i32, lo: usize, hi: usize, start: bool) -> usize {
    let ws = |i: usize| chars.get(i).is_none_or(|c| c.is_whitespace());
    for _ in 0..n.unsigned_abs() {
        if n > 0 {
            if start {
                while pos < hi && !ws(pos) {
                    pos += 1;
                }
                while pos < hi && ws(pos) {
                    pos += 1;
                }
            } else {
                while pos < hi && ws(pos) {
                    pos += 1;
                }
                while pos < hi && !ws(pos) {
                    pos += 1;
                }
            }
        } else if start {
            while pos > lo && ws(pos - 1) {
                pos -= 1;
            }
            while pos > lo && !ws(pos - 1) {
                pos -= 1;
            }
        } else {
            while pos > lo && !ws(pos - 1) {
                pos -= 1;
            }
            while pos > lo && ws(pos - 1) {
                pos -= 1;
            }
        }
    }
    pos
}

#[cfg(test)]
// Benchmarks include this module too, without a test harness: their `cfg(test)` build
// drops the `#[test]` functions and leaves the import unused.
#[allow(unused_imports)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_move_by_whole_words() {
        let chars: Vec<char> = "un deux trois quatre cinq".chars().collect();
        // "trois" is 8..13.
        assert_eq!(move_words(&chars, 8, 1, 0, chars.len(), true), 14);
        assert_eq!(move_words(&chars, 8, -1, 0, chars.len(), true), 3);
        assert_eq!(move_words(&chars, 13, 1, 0, chars.len(), false), 20);
        assert_eq!(move_words(&chars, 13, -1, 0, chars.len(), false), 7);
        assert_eq!(move_words(&chars, 8, -9, 3, chars.len(), true), 3);
    }

    #[test]
    fn coder_names_are_letters_then_numbers() {
        assert_eq!(coder_name(0), "coder-a");
        assert_eq!(coder_name(25), "coder-z");
        assert_eq!(coder_name(26), "coder-27");
    }
}
