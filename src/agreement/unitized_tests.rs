//! Worked examples and properties of the u-alpha family (NOTES 3.2).

use super::super::test_support::{assert_close, unitized, unitized_raw, unitized_result};
use super::super::{AgreementError, Metric, ReliabilityData, krippendorff_alpha};
use super::*;
use proptest::prelude::*;

const E6: f64 = 5e-7;

fn seg(start: u64, end: u64, category: u32) -> Segment {
    Segment {
        start,
        end,
        category,
    }
}

fn names(m: usize) -> Vec<String> {
    (0..m).map(|i| format!("c{i}")).collect()
}

#[test]
fn alex_paul_suzan_reference_values() {
    // NOTES 3.2, reference-implementation values (uα also = PyPI krippendorff-unitized-alpha).
    let (d, labels) = unitized("unitized_alex_paul_suzan.json");
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7"]);
    let a = unitized_alphas(&d);
    assert_close(&a.u_alpha, 0.509670, E6);
    assert_close(&a.binary_u_alpha, 0.413226, E6);
    assert_close(&a.cu_alpha, 0.724082, E6);
    assert_close(&a.cu_alpha_variant_r, 0.725606, E6);
    assert_close(&a.coverage, 0.761468, E6);
    let k: Vec<Option<f64>> = a.per_category.iter().map(|c| c.k_u_alpha.value()).collect();
    for (got, want) in k.iter().zip([1.0, 0.0, 0.0, 0.0, 1.0, 1.0]) {
        assert!((got.unwrap() - want).abs() < 1e-9, "{k:?}");
    }
    assert!(a.per_category[6].k_u_alpha.reason().is_some());
}

#[test]
fn adjacent_same_valued_units_are_indistinguishable() {
    // NOTES 3.2: k = 6 alone, [32,36)+[36,44) vs [32,44) → uα = 1.0.
    let (d, labels) = unitized("unitized_alex_paul_suzan.json");
    let six = labels.iter().position(|l| l == "6").unwrap() as u32;
    assert_close(&unitized_alphas(&d.only_category(six)).u_alpha, 1.0, 1e-12);
}

#[test]
fn kripp2004_fig2_binary_and_character_level() {
    // NOTES 3.2: Fig. 2 category c: |uα = 0.516280, character-level nominal α = 0.498445.
    let (length, coders, segments, labels) = unitized_raw("unitized_kripp2004_fig2.json");
    let c = labels.iter().position(|l| l == "c").unwrap() as u32;
    let only_c = UnitizedData::single_code(length, coders, &segments, c).unwrap();
    let d = &only_c;
    assert_close(&unitized_alphas(&only_c).binary_u_alpha, 0.516280, E6);
    let rows: Vec<Vec<Option<u32>>> = (0..d.length())
        .map(|x| {
            only_c
                .segments()
                .iter()
                .map(|s| Some(u32::from(s.iter().any(|g| g.start <= x && x < g.end))))
                .collect()
        })
        .collect();
    let chars = ReliabilityData::new(names(2), rows, 2).unwrap();
    assert_close(&krippendorff_alpha(&chars, Metric::Nominal), 0.498445, E6);
}

/// Coders A: [0,4) c0, [4,8) c1; B: [0,4) c0, [4,8) c0; optionally C who coded nothing.
fn empty_coder_case(with_empty: bool) -> UnitizedData {
    let mut segs = vec![
        vec![seg(0, 4, 0), seg(4, 8, 1)],
        vec![seg(0, 4, 0), seg(4, 8, 0)],
    ];
    if with_empty {
        segs.push(Vec::new());
    }
    UnitizedData::new(10, names(segs.len()), segs, 2).unwrap()
}

#[test]
fn cu_alpha_transcriptions_agree_for_two_coders() {
    // By hand (m = 2): l*_00 = 8, l*_01 = l*_10 = 4, l*.. = 16, C = (48, 16) in both
    // readings, denominator 16 − 64/16 = 12, e*_00 = 8, e*_11 = 0 → cuα = 1 − 8/8 = 0.
    let a = unitized_alphas(&empty_coder_case(false));
    assert_close(&a.cu_alpha, 0.0, 1e-12);
    assert_close(&a.cu_alpha_variant_r, 0.0, 1e-12);
}

#[test]
fn cu_alpha_transcriptions_differ_with_an_empty_third_coder() {
    // By hand (m = 3, factor 1/2): l*_00 = 4, l*_01 = l*_10 = 2, l*.. = 8, margins (6, 2).
    // Pairwise C = (24, 8): denominator 8 − 32/8 = 4, e*_00 = 3, e*_11 = −1,
    // cuα = 1 − 4/6 = 1/3. Union C = (48, 16): denominator 8 − 64/8 = 0 → undefined.
    // (Floating-point code that divides by that 0 gets −inf diagonals and reports 1.0,
    // which is the "1.0 (quallmer variant)" of NOTES 3.2.)
    let a = unitized_alphas(&empty_coder_case(true));
    assert_close(&a.cu_alpha, 1.0 / 3.0, 1e-12);
    assert!(
        a.cu_alpha_variant_r.reason().is_some(),
        "{:?}",
        a.cu_alpha_variant_r
    );
}

#[test]
fn validation_errors() {
    // NOTES: Annotator2 overlaps itself at 43-45 in the pygamma quickstart continuum.
    let err = unitized_result("unitized_pygamma_quickstart_x10.json").unwrap_err();
    assert!(matches!(
        err,
        AgreementError::OverlappingSegments {
            coder: 1,
            first_start: 23,
            first_end: 45,
            second_start: 43,
            ..
        }
    ));
    let out = UnitizedData::new(10, names(2), vec![vec![seg(5, 11, 0)], vec![]], 1);
    assert!(matches!(out, Err(AgreementError::SegmentOutOfRange { .. })));
    let empty = UnitizedData::new(10, names(2), vec![vec![seg(5, 5, 0)], vec![]], 1);
    assert!(matches!(
        empty,
        Err(AgreementError::SegmentOutOfRange { .. })
    ));
    let cat = UnitizedData::new(10, names(2), vec![vec![seg(1, 2, 3)], vec![]], 1);
    assert!(matches!(cat, Err(AgreementError::SegmentCategory { .. })));
}

#[test]
fn degenerate_inputs_are_undefined() {
    let one = UnitizedData::new(10, names(1), vec![vec![seg(1, 3, 0)]], 1).unwrap();
    assert!(
        unitized_alphas(&one)
            .u_alpha
            .reason()
            .unwrap()
            .contains("2 coders")
    );
    let nothing = UnitizedData::new(10, names(2), vec![vec![], vec![]], 1).unwrap();
    let a = unitized_alphas(&nothing);
    assert!(!a.u_alpha.is_defined() && !a.binary_u_alpha.is_defined());
    assert!(!a.cu_alpha.is_defined() && !a.coverage.is_defined());
}

#[test]
fn map_categories_to_domains() {
    let d = UnitizedData::new(
        20,
        names(2),
        vec![
            vec![seg(0, 5, 0), seg(5, 9, 1)],
            vec![seg(0, 5, 2), seg(5, 9, 1)],
        ],
        3,
    )
    .unwrap();
    let domains = d.map_categories(&[0, 0, 0], 1).unwrap();
    assert_close(&unitized_alphas(&domains).u_alpha, 1.0, 1e-12);
    assert!(d.map_categories(&[0], 1).is_err());
}

/// Random valid unitization: per coder, disjoint segments on [0, 60) with 3 categories.
fn coder_strategy() -> impl Strategy<Value = Vec<Segment>> {
    prop::collection::vec((0u64..6, 1u64..8, 0u32..3), 0..6).prop_map(|raw| {
        let mut pos = 0;
        let mut out = Vec::new();
        for (gap, len, c) in raw {
            let start = pos + gap;
            let end = (start + len).min(60);
            if start >= end {
                break;
            }
            out.push(seg(start, end, c));
            pos = end;
        }
        out
    })
}

proptest! {
    #[test]
    fn two_coder_cu_alpha_readings_coincide(a in coder_strategy(), b in coder_strategy()) {
        let d = UnitizedData::new(60, names(2), vec![a, b], 3).unwrap();
        let r = unitized_alphas(&d);
        match (r.cu_alpha.value(), r.cu_alpha_variant_r.value()) {
            (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
            (x, y) => prop_assert_eq!(x.is_some(), y.is_some()),
        }
    }

    #[test]
    fn coder_order_does_not_matter(segs in prop::collection::vec(coder_strategy(), 2..5)) {
        let m = segs.len();
        let d = UnitizedData::new(60, names(m), segs.clone(), 3).unwrap();
        let mut rev = segs;
        rev.reverse();
        let r = UnitizedData::new(60, names(m), rev, 3).unwrap();
        let (x, y) = (unitized_alphas(&d), unitized_alphas(&r));
        for (p, q) in [
            (x.u_alpha, y.u_alpha),
            (x.binary_u_alpha, y.binary_u_alpha),
            (x.cu_alpha, y.cu_alpha),
            (x.cu_alpha_variant_r, y.cu_alpha_variant_r),
        ] {
            match (p.value(), q.value()) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a.is_some(), b.is_some()),
            }
        }
    }

    #[test]
    fn identical_coders_agree_perfectly(s in coder_strategy(), m in 2usize..5) {
        let d = UnitizedData::new(60, names(m), vec![s; m], 3).unwrap();
        let r = unitized_alphas(&d);
        for c in [r.u_alpha, r.binary_u_alpha, r.cu_alpha] {
            if let Some(v) = c.value() {
                prop_assert!((v - 1.0).abs() < 1e-9, "{v}");
            } else {
                prop_assert!(c.reason().is_some());
            }
        }
    }
}
