//! Where the query matched inside a passage: the passage is re-tokenised with the same
//! analyser as the index, and the query's words, prefixes and phrases are matched against
//! its tokens. tantivy keeps no offsets in its postings, so this is the exact way to get
//! them (and it is phrase-aware, unlike tantivy's snippets).

use std::ops::Range;

use super::analysis::{Lang, Tok, terms as terms_of, tokens};
use super::query::Node;

/// One positive thing to find in a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// Consecutive terms (a word gives one term, `aujourd'hui` two), the last one a prefix
    /// when `prefix` is set.
    Seq { terms: Vec<String>, prefix: bool },
    /// Terms near each other (tantivy's slop: total displacement at most `slop`).
    Near { terms: Vec<String>, slop: usize },
}

/// The highlighter of one query for one language.
#[derive(Debug, Clone)]
pub struct Highlighter {
    lang: Lang,
    patterns: Vec<Pattern>,
}

/// Collects the positive leaves of a query (those not under a NOT).
fn positive_leaves<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    match node {
        Node::And(c) | Node::Or(c) => c.iter().for_each(|n| positive_leaves(n, out)),
        Node::Not(_) | Node::Filter { .. } | Node::Uncoded { .. } => {}
        leaf => out.push(leaf),
    }
}

impl Highlighter {
    /// Prepares the patterns of `root` for passages in `lang`.
    pub fn new(root: &Node, lang: Lang) -> Self {
        let mut leaves = Vec::new();
        positive_leaves(root, &mut leaves);
        let mut analyzer = lang.analyzer();
        let mut patterns = Vec::new();
        for leaf in leaves {
            let pattern = match leaf {
                Node::Word { text, .. }
                | Node::Phrase {
                    text, slop: None, ..
                } => Pattern::Seq {
                    terms: terms_of(&mut analyzer, text),
                    prefix: false,
                },
                Node::Phrase {
                    text,
                    slop: Some(slop),
                    ..
                } => Pattern::Near {
                    terms: terms_of(&mut analyzer, text),
                    slop: *slop as usize,
                },
                Node::Prefix { text, .. } => {
                    let folded = tokens(&mut Lang::folding_analyzer(), text);
                    let Some(last) = folded.last() else { continue };
                    let head = text.get(..last.bytes.start).unwrap_or("");
                    let mut terms = terms_of(&mut analyzer, head);
                    terms.push(last.term.clone());
                    Pattern::Seq {
                        terms,
                        prefix: true,
                    }
                }
                _ => continue,
            };
            let empty = match &pattern {
                Pattern::Seq { terms, .. } | Pattern::Near { terms, .. } => terms.is_empty(),
            };
            if !empty {
                patterns.push(pattern);
            }
        }
        Self { lang, patterns }
    }

    /// Byte ranges in `text` of the matched words, sorted and merged.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let toks = tokens(&mut self.lang.analyzer(), text);
        let needs_folded = self
            .patterns
            .iter()
            .any(|p| matches!(p, Pattern::Seq { prefix: true, .. }));
        let folded: Vec<String> = if needs_folded {
            let mut fa = Lang::folding_analyzer();
            toks.iter()
                .map(|t| {
                    let word = text.get(t.bytes.clone()).unwrap_or("");
                    tokens(&mut fa, word)
                        .into_iter()
                        .next()
                        .map(|t| t.term)
                        .unwrap_or_default()
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut out = Vec::new();
        for p in &self.patterns {
            match p {
                Pattern::Seq { terms, prefix } => {
                    seq_matches(&toks, &folded, terms, *prefix, &mut out);
                }
                Pattern::Near { terms, slop } => near_matches(&toks, terms, *slop, &mut out),
            }
        }
        merge(out)
    }
}

fn seq_matches(
    toks: &[Tok],
    folded: &[String],
    terms: &[String],
    prefix: bool,
    out: &mut Vec<Range<usize>>,
) {
    let n = terms.len();
    if n == 0 || toks.len() < n {
        return;
    }
    for i in 0..=toks.len() - n {
        let ok = terms.iter().enumerate().all(|(j, term)| {
            let t = &toks[i + j];
            let consecutive = t.position == toks[i].position + j;
            let is_last = j + 1 == n;
            let equal = if prefix && is_last {
                folded
                    .get(i + j)
                    .is_some_and(|f| f.starts_with(term.as_str()))
            } else {
                &t.term == term
            };
            consecutive && equal
        });
        if ok {
            out.push(toks[i].bytes.start..toks[i + n - 1].bytes.end);
        }
    }
}

/// Words of a proximity query: every occurrence that belongs to some choice of one
/// occurrence per term whose total displacement from the exact phrase is at most `slop`
/// (as tantivy counts it: term `j` is expected at the previous term's position + 1).
///
/// Two passes of min-plus relaxation (the cheapest way to reach each occurrence from the
/// first term, and from it to the last term), each a linear sweep over sorted positions:
/// the work is the number of terms times the number of occurrences, however large the
/// slop and the passage.
fn near_matches(toks: &[Tok], terms: &[String], slop: usize, out: &mut Vec<Range<usize>>) {
    if terms.len() == 1 {
        seq_matches(toks, &[], terms, false, out);
        return;
    }
    let occurrences: Vec<Vec<&Tok>> = terms
        .iter()
        .map(|term| toks.iter().filter(|t| &t.term == term).collect())
        .collect();
    let positions: Vec<Vec<i64>> = occurrences
        .iter()
        .map(|occ| occ.iter().map(|t| position(t)).collect())
        .collect();
    let n = terms.len();
    let mut forward: Vec<Vec<i64>> = vec![Vec::new(); n];
    forward[0] = vec![0; positions[0].len()];
    for j in 1..n {
        forward[j] = relax(&positions[j - 1], &forward[j - 1], &positions[j], -1, 1);
    }
    let mut backward: Vec<Vec<i64>> = vec![Vec::new(); n];
    backward[n - 1] = vec![0; positions[n - 1].len()];
    for j in (0..n - 1).rev() {
        backward[j] = relax(&positions[j + 1], &backward[j + 1], &positions[j], 1, -1);
    }
    let slop = i64::try_from(slop).unwrap_or(i64::MAX);
    for j in 0..n {
        for (k, t) in occurrences[j].iter().enumerate() {
            if forward[j][k].saturating_add(backward[j][k]) <= slop {
                out.push(t.bytes.clone());
            }
        }
    }
}

fn position(t: &Tok) -> i64 {
    i64::try_from(t.position).unwrap_or(i64::MAX / 4)
}

const UNREACHABLE: i64 = i64::MAX / 4;

/// For each target position `d`, the least `cost[s] + step(s, d)` over source positions
/// `s != d` (both lists sorted), where the step is `d - s + below` for `s < d` and
/// `s - d + above` for `s > d`.
fn relax(sources: &[i64], cost: &[i64], targets: &[i64], below: i64, above: i64) -> Vec<i64> {
    let mut best = vec![UNREACHABLE; targets.len()];
    let mut i = 0;
    let mut low = UNREACHABLE;
    for (k, &d) in targets.iter().enumerate() {
        while i < sources.len() && sources[i] < d {
            low = low.min(cost[i].saturating_sub(sources[i]));
            i += 1;
        }
        if low < UNREACHABLE {
            best[k] = best[k].min(low + d + below);
        }
    }
    let mut i = sources.len();
    let mut high = UNREACHABLE;
    for (k, &d) in targets.iter().enumerate().rev() {
        while i > 0 && sources[i - 1] > d {
            i -= 1;
            high = high.min(cost[i].saturating_add(sources[i]));
        }
        if high < UNREACHABLE {
            best[k] = best[k].min(high - d + above);
        }
    }
    best.iter_mut()
        .for_each(|b| *b = (*b).clamp(0, UNREACHABLE));
    best
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse_query;

    fn marks(query: &str, text: &str) -> Vec<String> {
        let q = parse_query(query).unwrap();
        Highlighter::new(&q.root, Lang::Fr)
            .ranges(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn words_are_found_through_accents_and_stems() {
        assert_eq!(
            marks("reseaux communauté", "Les Réseaux, nos communautés."),
            vec!["Réseaux", "communautés"]
        );
    }

    #[test]
    fn phrases_are_one_range_and_only_where_adjacent() {
        let text = "Le bouche à oreille marche ; la bouche et l'oreille non.";
        assert_eq!(
            marks("\"bouche à oreille\"", text),
            vec!["bouche à oreille"]
        );
    }

    #[test]
    fn proximity_marks_words_within_distance() {
        let text =
            "la communauté de nos clients ; clients loin loin loin loin loin loin communauté";
        assert_eq!(
            marks("\"communauté clients\"~3", text),
            vec!["communauté", "clients", "clients"]
        );
    }

    #[test]
    fn proximity_work_is_linear_in_occurrences() {
        // Before: every choice of one occurrence per term was enumerated (here about
        // 400^5 choices within the slop); now a linear pass.
        let text = "a b c d e ".repeat(400);
        let q = parse_query("\"a b c d e\"~1000").unwrap();
        let ranges = Highlighter::new(&q.root, Lang::Fr).ranges(&text);
        assert_eq!(ranges.len(), 2000);
        assert_eq!(ranges[1999].end, text.trim_end().len());
    }

    #[test]
    fn proximity_respects_the_distance_in_both_directions() {
        assert_eq!(
            marks("\"chat chien\"~3", "chien x chat ; chat x x x x x x chien"),
            vec!["chien", "chat"]
        );
        assert_eq!(
            marks("\"chat chien\"~0", "chien chat chien"),
            vec!["chat", "chien"]
        );
    }

    #[test]
    fn prefixes_and_negations() {
        assert_eq!(
            marks(
                "influenc* -Instagram",
                "Les influenceuses et Instagram, l'influence."
            ),
            vec!["influenceuses", "influence"]
        );
    }
}
