use super::*;
use crate::agreement::test_fixtures::{CODEBOOK, coding, doc, names, span};
use crate::agreement::{krippendorff_alpha, summary};
use crate::unit::Unit;

#[test]
fn overlap_threshold_counts_non_space_characters() {
    let d = doc("D1");
    let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
    // "Première phrase ici." has 18 non-space characters; "phrase ici" covers 9.
    let part = span(&d, "phrase ici");
    let codings = vec![
        coding(&d, "a", "role.sales", part),
        // b's coding runs over the space after the sentence: it must not touch the next.
        coding(&d, "b", "role.sales", span(&d, "Première phrase ici. ")),
    ];
    let coders = names(&["a", "b"]);
    let docs = [d];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let codes = CodeSet::new(&cb, &["role.sales".to_string()], false);
    let at = |min: f64| {
        let opts = SpanOptions {
            rollup: false,
            min_overlap: min,
        };
        let m = UnitMatrix::build(&inputs, &codes, Unit::Sentence, &opts).unwrap();
        (0..m.units[0].len())
            .map(|u| m.cell(0, 0, u))
            .collect::<Vec<_>>()
    };
    let t = Some(true);
    let f = Some(false);
    // Units: "Question un ?", "Première phrase ici.", "Deuxième phrase là.", "Troisième.",
    // "Merci."
    assert_eq!(
        at(0.0),
        vec![vec![f, f], vec![t, t], vec![f, f], vec![f, f], vec![f, f]]
    );
    assert_eq!(at(0.5)[1], vec![t, t]);
    assert_eq!(at(0.51)[1], vec![f, t]);
    assert_eq!(at(1.0)[1], vec![f, t]);
}

#[test]
fn rollup_counts_descendants_and_missing_coders_are_missing() {
    let (d1, d2) = (doc("D1"), doc("D2"));
    let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
    let codings = vec![
        coding(
            &d1,
            "a",
            "role.communication.press",
            span(&d1, "Troisième."),
        ),
        coding(&d1, "b", "role.communication", span(&d1, "Troisième.")),
        coding(&d1, "c", "role.sales", span(&d1, "Merci.")),
        // c never coded D2: missing there, not "absent".
        coding(&d2, "a", "role.sales", span(&d2, "Merci.")),
        coding(&d2, "b", "role.sales", span(&d2, "Merci.")),
    ];
    let coders = names(&["a", "b", "c"]);
    let docs = [d1, d2];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let wanted = vec!["role.communication".to_string()];
    let flat = CodeSet::new(&cb, &wanted, false);
    let rolled = CodeSet::new(&cb, &wanted, true);
    let opts = SpanOptions::default();
    let m = UnitMatrix::build(&inputs, &flat, Unit::Sentence, &opts).unwrap();
    assert_eq!(m.cell(0, 0, 3), vec![Some(false), Some(true), Some(false)]);
    let r = UnitMatrix::build(&inputs, &rolled, Unit::Sentence, &opts).unwrap();
    assert_eq!(r.cell(0, 0, 3), vec![Some(true), Some(true), Some(false)]);
    assert_eq!(r.cell(0, 1, 3), vec![Some(false), Some(false), None]);
    // Pooled data: 10 units; D2's units have two ratings, D1's three.
    let data = r.data(&[0]).unwrap();
    assert_eq!(data.n_units(), 10);
    let mut expanded: Vec<Vec<Option<u32>>> = Vec::new();
    for doc in 0..2 {
        for u in 0..5 {
            expanded.push(
                r.cell(0, doc, u)
                    .into_iter()
                    .map(|c| c.map(u32::from))
                    .collect(),
            );
        }
    }
    let plain = ReliabilityData::new(coders.clone(), expanded, 2).unwrap();
    assert_eq!(
        krippendorff_alpha(&plain, crate::agreement::Metric::Nominal),
        krippendorff_alpha(&data, crate::agreement::Metric::Nominal)
    );
    assert_eq!(
        summary(&plain).pairable_units,
        summary(&data).pairable_units
    );
}

#[test]
fn paragraph_and_turn_units() {
    let d = doc("D1");
    let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
    let codings = vec![
        coding(&d, "a", "role.sales", span(&d, "Deuxième")),
        coding(&d, "b", "role.sales", span(&d, "Troisième")),
    ];
    let coders = names(&["a", "b"]);
    let docs = [d];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let codes = CodeSet::new(&cb, &["role.sales".to_string()], false);
    for kind in [Unit::Paragraph, Unit::Turn] {
        let m = UnitMatrix::build(&inputs, &codes, kind, &SpanOptions::default()).unwrap();
        // Three turns, three paragraphs; both coders applied the code to the second.
        assert_eq!(m.units[0].len(), 3, "{kind:?}");
        assert_eq!(m.cell(0, 0, 1), vec![Some(true), Some(true)]);
        assert_eq!(m.cell(0, 0, 0), vec![Some(false), Some(false)]);
    }
}

#[test]
fn exclusive_group_as_one_nominal_variable() {
    let d = doc("D1");
    let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
    let s2 = span(&d, "Première phrase ici.");
    let codings = vec![
        coding(&d, "a", "stage.launch", s2.clone()),
        coding(&d, "b", "stage.growth", s2.clone()),
        // c applied both to sentence 2: launch covers more, so launch wins.
        coding(&d, "c", "stage.launch", s2.start..s2.start + 12),
        coding(&d, "c", "stage.growth", s2.start + 12..s2.end),
        coding(&d, "a", "stage.growth", span(&d, "Merci.")),
        coding(&d, "b", "stage.growth", span(&d, "Merci.")),
        coding(&d, "c", "stage.growth", span(&d, "Merci.")),
    ];
    let coders = names(&["a", "b", "c"]);
    let docs = [d];
    let inputs = Inputs {
        docs: &docs,
        codings: &codings,
        coders: &coders,
    };
    let group: Vec<String> = cb
        .children("stage")
        .map(|c| c.id.clone())
        .collect::<Vec<_>>();
    let codes = CodeSet::new(&cb, &group, true);
    let data = nominal_data(&inputs, &codes, Unit::Sentence, &SpanOptions::default()).unwrap();
    // Categories: pre-launch 0, launch 1, growth 2, consolidation 3, none 4.
    assert_eq!(data.categories(), 5);
    assert_eq!(data.n_units(), 5);
    let rows: Vec<(Vec<Option<u32>>, u64)> = data
        .units()
        .iter()
        .enumerate()
        .map(|(u, r)| (r.clone(), data.multiplicity(u)))
        .collect();
    assert!(rows.contains(&(vec![Some(1), Some(2), Some(1)], 1)));
    assert!(rows.contains(&(vec![Some(2), Some(2), Some(2)], 1)));
    assert!(rows.contains(&(vec![Some(4), Some(4), Some(4)], 3)));
}

#[test]
fn too_many_coders_is_an_error() {
    let cb = Codebook::parse(std::path::Path::new("cb.json"), CODEBOOK).unwrap();
    let coders: Vec<String> = (0..65).map(|i| format!("c{i}")).collect();
    let inputs: Inputs = Inputs {
        docs: &[],
        codings: &[],
        coders: &coders,
    };
    let codes = CodeSet::new(&cb, &[], false);
    assert!(UnitMatrix::build(&inputs, &codes, Unit::Sentence, &SpanOptions::default()).is_err());
}
