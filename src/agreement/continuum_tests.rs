use super::*;
use crate::agreement::test_fixtures::{CODEBOOK, coding, doc, names, span};
use crate::agreement::{cohen_kappa, mean_pairwise_agreement};
use crate::codebook::Codebook;
use crate::document::{DEFAULT_INTERVIEWER_LABELS, Document};

fn codebook() -> Codebook {
    Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap()
}

#[test]
fn char_units_match_nvivo_help_example() {
    // NOTES 3.5: a 1000-character document, 50 chars coded by both users, 150 by exactly
    // one, 800 by neither: agreement (800+50)/1000 = 85%. Kappa by NVivo's formula:
    // EF1 = 100·150/1000 = 15, EF2 = 900·850/1000 = 765,
    // K = (850 − 780)/(1000 − 780) = 70/220.
    let labels: Vec<String> = DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let d = Document::parse(
        "D",
        std::path::Path::new("d.txt"),
        &"a".repeat(1000),
        &labels,
    );
    assert_eq!(d.char_len(), 1000);
    let codings = vec![
        coding(&d, "a", "role.sales", 0..100),
        coding(&d, "b", "role.sales", 50..120),
        coding(&d, "b", "role.sales", 110..200),
    ];
    let coders = names(&["a", "b"]);
    let docs = [d];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let codes = CodeSet::new(&codebook(), &["role.sales".to_string()], false);
    let m = CharMatrix::build(&inputs, &codes).unwrap();
    assert_eq!(
        m.runs(0, 0),
        &[(0..50, 0b01), (50..100, 0b11), (100..200, 0b10)]
    );
    let data = m.data(&[0], None).unwrap();
    assert_eq!(data.n_units(), 1000);
    assert!((mean_pairwise_agreement(&data).value().unwrap() - 0.85).abs() < 1e-12);
    assert!((cohen_kappa(&data).value().unwrap() - 70.0 / 220.0).abs() < 1e-12);
}

#[test]
fn mask_runs_three_coders() {
    let a = std::slice::from_ref(&(0..10));
    let b = [5..10, 12..15];
    let c: [Range<usize>; 0] = [];
    let runs = mask_runs(&[a, &b, &c]);
    assert_eq!(runs, vec![(0..5, 0b001), (5..10, 0b011), (12..15, 0b010)]);
}

#[test]
fn segment_view_pairs_and_missing_documents() {
    let (d1, d2) = (doc("D1"), doc("D2"));
    let s = span(&d1, "Première phrase ici.");
    let codings = vec![
        coding(&d1, "a", "role.sales", s.clone()),
        // 19 of 20 chars: overlap/union = 0.95 ≥ 0.9 → agreement.
        coding(&d1, "b", "role.sales", s.start + 1..s.end),
        coding(&d1, "a", "role.communication", span(&d1, "Merci.")),
        coding(&d2, "a", "role.sales", span(&d2, "Merci.")),
    ];
    let coders = names(&["a", "b"]);
    let docs = [d1, d2];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let wanted = vec!["role.sales".to_string(), "role.communication".to_string()];
    let codes = CodeSet::new(&codebook(), &wanted, false);
    let r = segment_comparison(&inputs, &codes, 0.9);
    assert_eq!(r.len(), 1);
    let p = &r[0];
    // D2 was not coded by b: left out.
    assert_eq!(p.documents, 1);
    let rows: Vec<(&str, usize, usize, usize)> = p
        .per_code
        .iter()
        .map(|r| (r.code.as_str(), r.agreements, r.only_first, r.only_second))
        .collect();
    assert_eq!(
        rows,
        vec![("role.sales", 2, 0, 0), ("role.communication", 0, 1, 0)]
    );
    // p_o = 2/3, chance 1/2 → κ = (2/3 − 1/2)/(1/2) = 1/3.
    assert!((p.kappa.value().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // A stricter threshold breaks the match.
    let strict = segment_comparison(&inputs, &codes, 0.96);
    assert_eq!(strict[0].agreements, 0);
}

#[test]
fn domain_report_per_document_and_pooled() {
    let (d1, d2) = (doc("D1"), doc("D2"));
    let s = span(&d1, "Première phrase ici.");
    let codings = vec![
        coding(&d1, "a", "stage.launch", s.clone()),
        coding(&d1, "b", "stage.launch", s.clone()),
        coding(&d1, "a", "stage.growth", span(&d1, "Merci.")),
        coding(&d1, "b", "stage.growth", span(&d1, "Merci.")),
        // In D2, b applies two stages to overlapping text: D2 is undefined.
        coding(&d2, "a", "stage.launch", span(&d2, "Merci.")),
        coding(&d2, "b", "stage.launch", span(&d2, "Merci.")),
        coding(&d2, "b", "stage.growth", span(&d2, "Merci.")),
    ];
    let coders = names(&["a", "b"]);
    let docs = [d1, d2];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let group: Vec<String> = codebook().children("stage").map(|c| c.id.clone()).collect();
    let codes = CodeSet::new(&codebook(), &group, true);
    let r = domain_report(&inputs, "stage", &codes).unwrap();
    assert_eq!(r.per_document.len(), 2);
    match &r.per_document[0].result {
        ContinuumResult::Alphas(a) => {
            assert_eq!(a.u_alpha.value(), Some(1.0));
            assert_eq!(a.binary_u_alpha.value(), Some(1.0));
        }
        other => panic!("{other:?}"),
    }
    match &r.per_document[1].result {
        ContinuumResult::Undefined(why) => assert!(why.contains("b applied two codes"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(r.pooled.result, ContinuumResult::Undefined(_)));
}
