//! Consensus decisions on disagreements, written to the `consensus` coder's ordinary file
//! (`codings/consensus.jsonl`) as store operations, so they are undoable, diffable and
//! merge like any coder's work.
//!
//! Every decision writes (1) the codings it keeps, each with a memo saying what was
//! decided ("consensus: took coder-a's version (coder-b: role.sales)"), and (2) a line in
//! the consensus coder's memo on the document: `[start..end code] <decision>`. The memo
//! line is what makes a decision to code *nothing* visible, and what [`settled`] reads.

use std::ops::Range;

use super::disagreements::Disagreement;
use crate::document::Document;
use crate::store::{CoderFile, Memo, MemoTarget, Op, new_coding, new_id, now};

/// The coder of the adjudicated consensus: the file (`codings/consensus.json`) the review
/// writes the reviewers' decisions to. Never a compared coder. Not to be confused with
/// `export::consensus::INTERSECTION_CODER`, computed, never stored.
pub const ADJUDICATED_CODER: &str = "consensus";

/// What the reviewers decided on one disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Keep this coder's codings (possibly none) on the disagreement.
    TakeCoder(String),
    /// Keep every coder's codings (identical spans once).
    Both,
    /// The code does not apply here.
    None,
    /// Code this span with this code instead.
    Custom {
        /// The span.
        range: Range<usize>,
        /// The code.
        code: String,
    },
}

/// Why a decision cannot be turned into operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsensusError {
    /// The coder named is not part of the disagreement.
    #[error("{coder} is not one of the coders of this disagreement ({known})")]
    UnknownCoder {
        /// The name given.
        coder: String,
        /// The coders of the disagreement, comma-separated.
        known: String,
    },
    /// The custom span is empty or outside the document.
    #[error("span {start}..{end} is empty or outside {doc} ({len} characters)")]
    BadSpan {
        /// Document id.
        doc: String,
        /// Start.
        start: usize,
        /// End.
        end: usize,
        /// Document length.
        len: usize,
    },
    /// The document given is not the disagreement's.
    #[error("the disagreement is on {expected}, not {found}")]
    WrongDocument {
        /// The disagreement's document.
        expected: String,
        /// The document passed.
        found: String,
    },
}

/// What each coder other than `except` applied, for the memo: "coder-b: role.sales".
fn others(d: &Disagreement, except: Option<&str>) -> String {
    d.coders
        .iter()
        .filter(|c| Some(c.coder.as_str()) != except)
        .map(|c| {
            let what = match c.applied {
                None => "did not code the document".to_string(),
                Some(false) => "nothing".to_string(),
                Some(true) => {
                    let mut codes: Vec<&str> = c.codings.iter().map(|x| x.code.as_str()).collect();
                    codes.sort_unstable();
                    codes.dedup();
                    if codes.is_empty() {
                        d.code.clone()
                    } else {
                        codes.join(", ")
                    }
                }
            };
            format!("{}: {what}", c.coder)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The memo recording a decision, e.g. "consensus: took coder-a's version (coder-b:
/// role.sales)".
pub fn decision_memo(d: &Disagreement, decision: &Decision) -> String {
    match decision {
        Decision::TakeCoder(name) => format!(
            "consensus: took {name}'s version ({})",
            others(d, Some(name))
        ),
        Decision::Both => format!("consensus: kept every version ({})", others(d, None)),
        Decision::None => format!("consensus: {} does not apply ({})", d.code, others(d, None)),
        Decision::Custom { range, code } => format!(
            "consensus: coded {}..{} as {code} ({})",
            range.start,
            range.end,
            others(d, None)
        ),
    }
}

/// The log line of a decision in the consensus memo on the document.
fn log_line(d: &Disagreement, memo: &str) -> String {
    format!("[{}..{} {}] {memo}", d.range.start, d.range.end, d.code)
}

/// Parse a log line back: (range, code).
fn parse_log_line(line: &str) -> Option<(Range<usize>, &str)> {
    let rest = line.strip_prefix('[')?;
    let (head, _) = rest.split_once(']')?;
    let (span, code) = head.split_once(' ')?;
    let (a, b) = span.split_once("..")?;
    Some((a.parse().ok()?..b.parse().ok()?, code))
}

/// The operations that record `decision` on `d` in the consensus coder's file `consensus`
/// (as currently on disk) for document `doc` (the disagreement's, loaded).
///
/// Earlier consensus codings of the code lying inside the disagreement's range are
/// removed first, so deciding again replaces the earlier decision; the memo keeps every
/// decision line, latest last.
pub fn consensus_ops(
    d: &Disagreement,
    decision: &Decision,
    doc: &Document,
    consensus: &CoderFile,
) -> Result<Vec<Op>, ConsensusError> {
    if doc.id != d.doc {
        return Err(ConsensusError::WrongDocument {
            expected: d.doc.clone(),
            found: doc.id.clone(),
        });
    }
    let memo = decision_memo(d, decision);
    let coder = consensus.coder.as_str();
    let mut spans: Vec<(Range<usize>, String)> = Vec::new();
    match decision {
        Decision::TakeCoder(name) => {
            let view = d.coder(name).ok_or_else(|| ConsensusError::UnknownCoder {
                coder: name.clone(),
                known: d
                    .coders
                    .iter()
                    .map(|c| c.coder.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            spans.extend(
                view.codings
                    .iter()
                    .map(|c| (c.start..c.end, c.code.clone())),
            );
        }
        Decision::Both => {
            for v in &d.coders {
                spans.extend(v.codings.iter().map(|c| (c.start..c.end, c.code.clone())));
            }
        }
        Decision::None => {}
        Decision::Custom { range, code } => {
            let len = doc.char_len();
            if range.start >= range.end || range.end > len {
                return Err(ConsensusError::BadSpan {
                    doc: doc.id.clone(),
                    start: range.start,
                    end: range.end,
                    len,
                });
            }
            spans.push((range.clone(), code.clone()));
        }
    }
    spans.sort_by(|a, b| (a.0.start, a.0.end, &a.1).cmp(&(b.0.start, b.0.end, &b.1)));
    spans.dedup();
    let mut ops: Vec<Op> = consensus
        .codings
        .iter()
        .filter(|c| c.doc == d.doc && c.code == d.code)
        .filter(|c| c.start >= d.range.start && c.end <= d.range.end)
        .map(|c| Op::Remove(c.clone()))
        .collect();
    for (range, code) in spans {
        ops.push(Op::Add(new_coding(
            doc,
            &code,
            range,
            Some(memo.clone()),
            coder,
        )));
    }
    let target = MemoTarget::Doc(d.doc.clone());
    let before = consensus.memo(&target).cloned();
    let line = log_line(d, &memo);
    let after = match &before {
        Some(m) => Memo {
            text: format!("{}\n{line}", m.text.trim_end()),
            modified: now(),
            ..m.clone()
        },
        None => {
            let t = now();
            Memo {
                id: new_id(),
                target: target.clone(),
                text: line,
                created: t,
                modified: t,
            }
        }
    };
    ops.push(Op::SetMemo {
        target,
        before,
        after: Some(after),
    });
    Ok(ops)
}

/// Whether the consensus file already holds a decision covering `d`: a decision line for
/// the same code whose range contains the disagreement's, or a consensus coding of the
/// code overlapping it.
pub fn settled(d: &Disagreement, consensus: &CoderFile) -> bool {
    let logged = consensus
        .memo(&MemoTarget::Doc(d.doc.clone()))
        .is_some_and(|m| {
            m.text
                .lines()
                .filter_map(parse_log_line)
                .any(|(r, code)| code == d.code && r.start <= d.range.start && r.end >= d.range.end)
        });
    logged
        || consensus
            .codings
            .iter()
            .any(|c| c.doc == d.doc && c.code == d.code && c.overlaps(d.range.start, d.range.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::disagreements::{CoderView, CodingRef};
    use crate::agreement::test_fixtures::{doc, span};

    fn disagreement(d: &Document) -> Disagreement {
        let r = span(d, "Première phrase ici.");
        Disagreement {
            doc: d.id.clone(),
            range: r.clone(),
            code: "role.sales".into(),
            coders: vec![
                CoderView {
                    coder: "coder-a".into(),
                    applied: Some(true),
                    codings: vec![CodingRef {
                        id: "x1".into(),
                        code: "role.sales".into(),
                        start: r.start,
                        end: r.start + 8,
                    }],
                },
                CoderView {
                    coder: "coder-b".into(),
                    applied: Some(false),
                    codings: vec![],
                },
            ],
        }
    }

    fn apply(file: &mut CoderFile, ops: &[Op]) {
        for op in ops {
            op.apply(file).unwrap();
        }
    }

    #[test]
    fn take_coder_copies_codings_with_a_memo_and_settles() {
        let d = doc("D1");
        let dis = disagreement(&d);
        let mut file = CoderFile {
            coder: ADJUDICATED_CODER.into(),
            ..CoderFile::default()
        };
        assert!(!settled(&dis, &file));
        let ops = consensus_ops(&dis, &Decision::TakeCoder("coder-a".into()), &d, &file).unwrap();
        assert_eq!(ops.len(), 2);
        apply(&mut file, &ops);
        let c = &file.codings[0];
        assert_eq!(
            (c.code.as_str(), c.start, c.end),
            ("role.sales", dis.range.start, dis.range.start + 8)
        );
        assert_eq!(c.coder, "consensus");
        assert_eq!(
            c.memo.as_deref(),
            Some("consensus: took coder-a's version (coder-b: nothing)")
        );
        assert!(settled(&dis, &file));
        // Deciding again replaces the consensus coding and appends to the log.
        let ops = consensus_ops(&dis, &Decision::None, &d, &file).unwrap();
        assert!(matches!(ops[0], Op::Remove(_)));
        apply(&mut file, &ops);
        assert!(file.codings.is_empty());
        assert!(
            settled(&dis, &file),
            "a decision to code nothing is still a decision"
        );
        let memo = file.memo(&MemoTarget::Doc("D1".into())).unwrap();
        assert_eq!(memo.text.lines().count(), 2);
        assert!(memo.text.ends_with(
            "consensus: role.sales does not apply (coder-a: role.sales; coder-b: nothing)"
        ));
        // Ops are invertible: undo everything.
        for op in ops.iter().rev() {
            op.inverse().apply(&mut file).unwrap();
        }
        assert_eq!(file.codings.len(), 1);
    }

    #[test]
    fn take_other_coder_memo_names_what_was_dropped() {
        let d = doc("D1");
        let dis = disagreement(&d);
        let file = CoderFile {
            coder: ADJUDICATED_CODER.into(),
            ..CoderFile::default()
        };
        let ops = consensus_ops(&dis, &Decision::TakeCoder("coder-b".into()), &d, &file).unwrap();
        // coder-b coded nothing: only the memo.
        assert_eq!(ops.len(), 1);
        let Op::SetMemo { after: Some(m), .. } = &ops[0] else {
            panic!("{ops:?}");
        };
        assert!(
            m.text
                .ends_with("consensus: took coder-b's version (coder-a: role.sales)")
        );
    }

    #[test]
    fn custom_both_and_errors() {
        let d = doc("D1");
        let dis = disagreement(&d);
        let file = CoderFile {
            coder: ADJUDICATED_CODER.into(),
            ..CoderFile::default()
        };
        let r = span(&d, "Deuxième phrase là.");
        let custom = Decision::Custom {
            range: r.clone(),
            code: "role.communication".into(),
        };
        let ops = consensus_ops(&dis, &custom, &d, &file).unwrap();
        let Op::Add(c) = &ops[0] else { panic!() };
        assert_eq!((c.range(), c.code.as_str()), (r, "role.communication"));
        assert_eq!(c.anchor.quote, "Deuxième phrase là.");
        let both = consensus_ops(&dis, &Decision::Both, &d, &file).unwrap();
        assert_eq!(both.len(), 2);
        assert!(matches!(
            consensus_ops(&dis, &Decision::TakeCoder("zoe".into()), &d, &file),
            Err(ConsensusError::UnknownCoder { .. })
        ));
        let bad = Decision::Custom {
            range: 5..5,
            code: "role.sales".into(),
        };
        assert!(matches!(
            consensus_ops(&dis, &bad, &d, &file),
            Err(ConsensusError::BadSpan { .. })
        ));
        assert!(matches!(
            consensus_ops(&dis, &Decision::None, &doc("D2"), &file),
            Err(ConsensusError::WrongDocument { .. })
        ));
        assert_eq!(
            parse_log_line("[3..9 role.sales] consensus: x"),
            Some((3..9, "role.sales"))
        );
        assert_eq!(parse_log_line("free text"), None);
    }
}
