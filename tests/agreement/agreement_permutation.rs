//! Property: the order in which coders are listed changes no coefficient and no
//! disagreement (only the column order of what is reported per coder).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;

use glose::agreement::disagreements::disagreements;
use glose::agreement::report::categorical_report;
use glose::agreement::units::{CodeSet, Inputs, SpanOptions};
use glose::codebook::Codebook;
use glose::document::{DEFAULT_INTERVIEWER_LABELS, Document};
use glose::store::{Coding, new_coding};
use glose::unit::Unit;
use proptest::prelude::*;

const CODEBOOK: &str = r#"{"schema_version": 1, "name": "t", "codes": [
  {"id": "role"}, {"id": "role.sales", "parent": "role"},
  {"id": "role.press", "parent": "role"},
  {"id": "stage", "exclusive": true},
  {"id": "stage.launch", "parent": "stage"}, {"id": "stage.growth", "parent": "stage"}
]}"#;

/// A disagreement with its coders sorted by name.
type Key = (String, usize, usize, String, Vec<(String, Option<bool>)>);

const CODES: [&str; 4] = ["role.sales", "role.press", "stage.launch", "stage.growth"];

fn docs() -> Vec<Document> {
    let labels: Vec<String> = DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let body = "Intervieweuse : Une question ? Et une autre.\n\nFondatrice : Oui. On vend en ligne. \
                On poste tous les jours, enfin presque. Et la presse en a parlé.\n\n\
                Intervieweuse : Merci beaucoup.\n";
    ["D1", "D2"]
        .iter()
        .map(|id| Document::parse(id, Path::new("x.txt"), body, &labels))
        .collect()
}

fn values(v: &serde_json::Value, out: &mut Vec<(String, Option<f64>)>, path: String) {
    match v {
        serde_json::Value::Number(n) => out.push((path, n.as_f64())),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                values(x, out, format!("{path}.{k}"));
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                values(x, out, format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn permuting_coders_changes_no_coefficient(
        spans in prop::collection::vec((0usize..3, 0usize..2, 0usize..4, 0usize..140, 1usize..60), 0..30),
        perm in Just(vec![0usize, 1, 2]).prop_shuffle(),
        char_units in any::<bool>(),
    ) {
        let docs = docs();
        let cb = Codebook::parse(Path::new("cb.json"), CODEBOOK).unwrap();
        let names = ["ann", "ben", "cat"];
        let codings: Vec<Coding> = spans
            .iter()
            .filter_map(|&(coder, d, code, start, len)| {
                let doc = &docs[d];
                let n = doc.char_len();
                let s = start.min(n.saturating_sub(1));
                let e = (s + len).min(n);
                (e > s).then(|| new_coding(doc, CODES[code], s..e, None, names[coder]))
            })
            .collect();
        let codes: Vec<String> = CODES.iter().map(|s| s.to_string()).collect();
        let unit = if char_units { Unit::Char } else { Unit::Sentence };
        let opts = SpanOptions::default();
        let run = |order: &[usize]| {
            let coders: Vec<String> = order.iter().map(|&i| names[i].to_string()).collect();
            let inputs = Inputs { docs: &docs, codings: &codings, coders: &coders };
            let r = categorical_report(&inputs, &cb, &codes, unit, &opts, None).unwrap();
            let mut v = serde_json::to_value(&r).unwrap();
            v["coders"] = serde_json::Value::Null;
            let mut nums = Vec::new();
            values(&v, &mut nums, String::new());
            let set = CodeSet::new(&cb, &codes, false);
            let mut dis: Vec<Key> =
                disagreements(&inputs, &set, unit, &opts)
                    .unwrap()
                    .into_iter()
                    .map(|d| {
                        let mut who: Vec<(String, Option<bool>)> =
                            d.coders.iter().map(|c| (c.coder.clone(), c.applied)).collect();
                        who.sort();
                        (d.doc, d.range.start, d.range.end, d.code, who)
                    })
                    .collect();
            dis.sort();
            (nums, dis)
        };
        let (a, da) = run(&[0, 1, 2]);
        let (b, db) = run(&perm);
        prop_assert_eq!(a.len(), b.len());
        for ((pa, va), (pb, vb)) in a.iter().zip(&b) {
            prop_assert_eq!(pa, pb);
            match (va, vb) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{}: {} vs {}", pa, x, y),
                _ => prop_assert_eq!(va, vb),
            }
        }
        prop_assert_eq!(da, db);
    }
}
