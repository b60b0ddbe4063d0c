//! Re-anchoring after realistic transcript corrections: no coding is lost silently, and
//! almost all come back exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use crate::common;
use common::sample_copy;

use std::collections::HashMap;
use std::path::Path;

use glose::store::{CoderStore, Op, Placement, new_coding, reanchor_ops};
use glose::study::Study;

/// Codes sentences and pairs of sentences of the respondent, as a coder would.
fn code_documents(study: &Study, docs: &[&str]) -> usize {
    let mut store = CoderStore::open(study, "coder-a").unwrap();
    let codes = [
        "practice.ads",
        "role.sales",
        "practice.community.engagement",
        "role.identity",
    ];
    let mut ops = Vec::new();
    for id in docs {
        let doc = study.load_document(id).unwrap();
        let respondent: Vec<_> = doc
            .sentences
            .iter()
            .filter(|s| {
                doc.turn_at(s.start)
                    .is_some_and(|t| t.role == glose::document::Role::Respondent)
                    && s.len() > 25
            })
            .cloned()
            .collect();
        for (i, s) in respondent.iter().enumerate() {
            let range = match i % 6 {
                0 => s.clone(),
                3 if i + 1 < respondent.len() && respondent[i + 1].start < s.end + 3 => {
                    s.start..respondent[i + 1].end
                }
                _ => continue,
            };
            let code = codes[i % codes.len()];
            ops.push(Op::Add(new_coding(&doc, code, range, None, "coder-a")));
        }
    }
    let n = ops.len();
    store.apply_all(&ops).unwrap();
    n
}

/// The corrections transcribers really make, applied to the file on disk.
fn edit(path: &Path, edits: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{} has no {from:?}", path.display());
        text = text.replacen(from, to, 1);
    }
    std::fs::write(path, text).unwrap();
}

fn sentence_containing(study: &Study, doc: &str, nth_long: usize) -> String {
    let d = study.load_document(doc).unwrap();
    d.sentences
        .iter()
        .filter(|s| s.len() > 60)
        .nth(nth_long)
        .map(|s| d.slice(s.clone()).to_string())
        .unwrap()
}

#[test]
fn realistic_edits_keep_codings_and_most_come_back_exact() {
    let docs = ["E07", "E09", "E12", "E15"];
    let dir = sample_copy(&docs);
    let study = Study::open(dir.path()).unwrap();
    let total = code_documents(&study, &docs);
    assert!(total > 150, "only {total} codings");

    // Quotes of codings that the edits below hit on purpose.
    let coded: Vec<glose::store::Coding> = CoderStore::open(&study, "coder-a")
        .unwrap()
        .file()
        .codings
        .clone();
    let quote_in = |doc: &str, nth: usize| {
        coded
            .iter()
            .filter(|c| c.doc == doc && c.anchor.quote.len() > 40 && !c.anchor.quote.contains('\n'))
            .nth(nth)
            .map(|c| c.anchor.quote.clone())
            .unwrap()
    };
    let typo_target = quote_in("E07", 3);
    let typo_fixed = typo_target.replacen("e", "ee", 1);
    let deleted_coded = quote_in("E09", 2);

    // E07: a typo fixed in two sentences and inside a coded quote, a sentence inserted near
    // the start, and a pseudonymised name everywhere.
    let s1 = sentence_containing(&study, "E07", 5);
    let s1_fixed = s1
        .replacen(' ', "  ", 1)
        .replacen("  ", " ", 1)
        .replacen('e', "é", 1);
    let s2 = sentence_containing(&study, "E07", 20);
    let s2_fixed = s2.replacen('a', "à", 1);
    edit(
        &dir.path().join("corpus/E07.txt"),
        &[
            (&s1, &s1_fixed),
            (&s2, &s2_fixed),
            (&typo_target, &typo_fixed),
            (
                "Intervieweuse",
                "Intervieweuse : [Précision ajoutée à la relecture.]\n\nIntervieweuse",
            ),
        ],
    );
    let e07 = std::fs::read_to_string(dir.path().join("corpus/E07.txt")).unwrap();
    std::fs::write(
        dir.path().join("corpus/E07.txt"),
        e07.replace("Agnès", "[Salariée 1]"),
    )
    .unwrap();

    // E09: two sentences deleted, one re-transcribed passage inserted mid-interview.
    let d1 = sentence_containing(&study, "E09", 10);
    let d2 = sentence_containing(&study, "E09", 30);
    let mid = sentence_containing(&study, "E09", 40);
    edit(
        &dir.path().join("corpus/E09.txt"),
        &[
            (&d1, ""),
            (&d2, ""),
            (&deleted_coded, ""),
            (
                &mid,
                &format!("{mid} [inaudible] Enfin, je veux dire, c’était important pour nous."),
            ),
        ],
    );

    // E12: the respondent's label renamed in every turn.
    let e12 = std::fs::read_to_string(dir.path().join("corpus/E12.txt")).unwrap();
    std::fs::write(
        dir.path().join("corpus/E12.txt"),
        e12.replace("Fondatrice", "Nadia"),
    )
    .unwrap();

    // E15: untouched (its codings must stay exactly where they are).

    let study = Study::open(dir.path()).unwrap();
    // `glose check` reports every orphan as an error and every coding to re-anchor.
    let once = glose::check::check(&study);
    let orphan_errors = once
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("is orphaned"))
        .count();
    let to_reanchor = once
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("must be re-anchored"))
        .count();
    let store = CoderStore::open(&study, "coder-a").unwrap();
    let (ops, counts, details) = reanchor_ops(&study, store.file());
    assert_eq!(orphan_errors, counts.orphaned);
    assert_eq!(to_reanchor, counts.moved + counts.fuzzy);
    eprintln!("re-anchoring {total} codings: {counts:?}");
    let accounted = counts.unchanged + counts.exact + counts.moved + counts.fuzzy + counts.orphaned;
    assert_eq!(
        accounted, total,
        "every coding is accounted for: {counts:?}"
    );
    let back = counts.unchanged + counts.exact + counts.moved;
    assert!(
        back * 100 >= total * 95,
        "only {back} of {total} came back exact or moved: {counts:?}"
    );
    assert!(
        counts.fuzzy >= 1,
        "the typo inside a coded quote gives a fuzzy match: {counts:?}"
    );
    assert!(
        counts.orphaned >= 1,
        "the deleted coded sentence is orphaned: {counts:?}"
    );
    assert!(counts.orphaned <= 4, "{counts:?}");
    let orphan_quotes: Vec<&str> = details
        .iter()
        .filter(|(_, r)| r.placement == Placement::Orphaned)
        .map(|(c, _)| c.anchor.quote.as_str())
        .collect();
    assert!(
        orphan_quotes.contains(&deleted_coded.as_str()),
        "{orphan_quotes:?}"
    );

    // Every relocated coding points at its old text (exact, moved) or at close text (fuzzy).
    let mut texts: HashMap<&str, glose::document::Document> = HashMap::new();
    for id in docs {
        texts.insert(id, study.load_document(id).unwrap());
    }
    for (coding, reloc) in &details {
        let doc = &texts[coding.doc.as_str()];
        match (reloc.placement, &reloc.range) {
            (Placement::Exact | Placement::Moved, Some(r)) => {
                assert_eq!(doc.slice(r.clone()), coding.anchor.quote);
            }
            (Placement::Fuzzy(score), Some(_)) => assert!(score >= 0.6),
            (Placement::Orphaned, None) => {}
            other => panic!("inconsistent relocation {other:?}"),
        }
    }

    // Applying the relocations keeps orphans untouched and every coding present.
    let mut store = store;
    store.apply_all(&ops).unwrap();
    assert_eq!(store.file().codings.len(), total);
    drop(store);
    let (_, again, _) = reanchor_ops(&study, CoderStore::open(&study, "coder-a").unwrap().file());
    assert_eq!(again.moved + again.fuzzy + again.exact, 0, "{again:?}");
    assert_eq!(again.orphaned, counts.orphaned);
}
