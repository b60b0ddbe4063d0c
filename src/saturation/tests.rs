use super::band::band;
use super::*;

fn fixture(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/saturation")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn num(v: &serde_json::Value, key: &str) -> usize {
    v[key].as_u64().unwrap() as usize
}

/// Guest, Namey & Chen (2020), Fig 2: a base of 4 with 37 themes, a first run of 2
/// bringing 7 new themes = 19% new information, above ≤5%. Any split of those totals
/// between the interviews must give the same answer.
#[test]
fn guest_2020_figure_2_first_run() {
    let f = fixture("guest2020.json");
    let p = &f["published"];
    let (base, run) = (num(p, "base_size"), num(p, "run_length"));
    let (base_themes, run_themes) = (num(p, "base_unique_themes"), num(p, "first_run_new_themes"));
    let rule = Rule {
        base,
        run,
        threshold: f["defaults_recommended"]["threshold"].as_f64().unwrap(),
    };
    assert_eq!(rule, Rule::default());
    let splits: [([usize; 4], [usize; 2]); 3] = [
        ([base_themes, 0, 0, 0], [run_themes, 0]),
        ([20, 9, 5, 3], [4, 3]),
        ([10, 10, 10, 7], [0, run_themes]),
    ];
    for (b, r) in splits {
        assert_eq!(b.iter().sum::<usize>(), base_themes);
        assert_eq!(r.iter().sum::<usize>(), run_themes);
        let counts: Vec<usize> = b.iter().chain(r.iter()).copied().collect();
        let a = assess(&counts, &rule).unwrap();
        assert_eq!(a.base_codes, 37);
        let first = &a.runs[0];
        assert_eq!((first.first, first.last), (5, 6));
        assert_eq!(first.new_codes, 7);
        assert_eq!(
            study::percent_round(first.share),
            p["first_run_new_information_percent"].to_string()
        );
        assert!(!first.within, "19% is above the 5% threshold");
        assert_eq!(a.saturation, None);
    }
}

/// The hand-worked examples of tests/fixtures/saturation/README.md (derived from the
/// paper's definitions by hand; not published numbers).
#[test]
fn hand_worked_examples() {
    let f = fixture("hand_worked.json");
    for ex in f["examples"].as_array().unwrap() {
        let name = ex["name"].as_str().unwrap();
        let counts: Vec<usize> = ex["new_per_interview"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let rule = Rule {
            base: num(ex, "base"),
            run: num(ex, "run"),
            threshold: ex["threshold"].as_f64().unwrap(),
        };
        let a = assess(&counts, &rule).unwrap();
        assert_eq!(a.base_codes, num(ex, "base_codes"), "{name}");
        assert_eq!(a.total_codes, num(ex, "total_codes"), "{name}");
        let runs: Vec<u64> = a.runs.iter().map(|r| r.new_codes as u64).collect();
        let expected: Vec<u64> = ex["runs_new"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(runs, expected, "{name}");
        match ex["saturation"].as_str() {
            Some(n) => {
                let r = a.saturation.as_ref().unwrap();
                assert_eq!(r.notation, n, "{name}");
                assert_eq!(r.codes_found, num(ex, "codes_found"), "{name}");
            }
            None => assert_eq!(a.saturation, None, "{name}"),
        }
    }
}

#[test]
fn new_codes_are_counted_once_in_order() {
    let interviews = vec![
        vec!["a", "b"],
        vec!["b", "c"],
        vec!["a"],
        vec!["d", "c", "e"],
    ];
    assert_eq!(new_codes_per_interview(&interviews), vec![2, 1, 0, 2]);
}

#[test]
fn bad_rules_and_inputs_are_refused_with_what_is_missing() {
    let bad = Rule {
        base: 0,
        ..Rule::default()
    };
    assert!(matches!(
        assess(&[1, 2, 3], &bad),
        Err(SaturationError::BadRule(_))
    ));
    let bad = Rule {
        threshold: 5.0,
        ..Rule::default()
    };
    let e = assess(&[1; 10], &bad).unwrap_err().to_string();
    assert!(e.contains("0.05 is 5%"), "{e}");
    let e = assess(&[3, 2, 1, 0, 0], &Rule::default()).unwrap_err();
    assert_eq!(
        e,
        SaturationError::TooFewInterviews {
            have: 5,
            need: 6,
            base: 4,
            run: 2
        }
    );
    assert!(e.to_string().contains("lower --base or --run"));
    assert_eq!(
        assess(&[0, 0, 0, 0, 1, 1], &Rule::default()).unwrap_err(),
        SaturationError::EmptyBase { base: 4 }
    );
}

#[test]
fn percentiles_are_nearest_rank() {
    let v: Vec<usize> = (1..=20).collect();
    assert_eq!(percentile(&v, 5.0), Some(1));
    assert_eq!(percentile(&v, 50.0), Some(10));
    assert_eq!(percentile(&v, 95.0), Some(19));
    assert_eq!(percentile(&[], 50.0), None);
    assert_eq!(percentile(&[7], 95.0), Some(7));
}

fn sets(raw: &[&[&str]]) -> Vec<Vec<String>> {
    raw.iter()
        .map(|s| s.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_band_is_deterministic_for_a_seed() {
    let interviews = sets(&[
        &["a", "b", "c"],
        &["a", "d"],
        &["e"],
        &["b", "f", "g"],
        &["a"],
        &["h"],
        &["a", "b"],
        &["c"],
    ]);
    let rule = Rule::default();
    let one = band(&interviews, &rule, 200, 7);
    assert_eq!(one, band(&interviews, &rule, 200, 7));
    assert_eq!(one.orders, 200);
    assert_eq!(one.curve.len(), 8);
    // Whatever the order, all eight codes are found by the last interview.
    let last = one.curve.last().unwrap();
    assert_eq!((last.p5, last.median, last.p95), (8, 8, 8));
    for p in &one.curve {
        assert!(p.p5 <= p.median && p.median <= p.p95);
    }
    let other = band(&interviews, &rule, 200, 8);
    assert_ne!(one.curve, other.curve, "another seed, another band");
}

#[test]
fn identical_interviews_saturate_in_every_order() {
    let pair: &[&str] = &["a", "b"];
    let interviews = sets(&[pair; 8]);
    let b = band(&interviews, &Rule::default(), 50, 1);
    assert_eq!(b.reached, 50);
    assert_eq!(
        (b.at_p5, b.at_median, b.at_p95),
        (Some(4), Some(4), Some(4))
    );
    assert!(b.curve.iter().all(|p| p.median == 2));
}

#[test]
fn codes_roll_up_to_a_depth_and_stages_are_not_counted() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let study = crate::study::Study::open(root).unwrap();
    let cb = &study.codebook;
    let id = "practice.community.cocreation";
    assert_eq!(study::counted_code(cb, id, None).as_deref(), Some(id));
    assert_eq!(
        study::counted_code(cb, id, Some(0)).as_deref(),
        Some("practice")
    );
    assert_eq!(
        study::counted_code(cb, id, Some(1)).as_deref(),
        Some("practice.community")
    );
    // Shallower than the depth: the code itself.
    assert_eq!(
        study::counted_code(cb, "practice.platform-choice", Some(2)).as_deref(),
        Some("practice.platform-choice")
    );
    assert_eq!(study::counted_code(cb, "stage.launch", None), None);
    assert_eq!(
        study::counted_code(cb, "not.in.codebook", Some(0)).as_deref(),
        Some("not.in.codebook")
    );
}

#[test]
fn fewer_codes_at_a_shallower_depth_on_the_sample_study() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let study = crate::study::Study::open(root).unwrap();
    let all = crate::store::load_all(&study);
    let at = |depth| {
        let opts = study::SaturationOptions {
            coders: vec!["coder-a".into()],
            depth,
            orders: 0,
            ..Default::default()
        };
        let s = study::study_saturation(&study, &all, &opts).unwrap();
        s.coders[0].interviews.last().unwrap().cumulative
    };
    let (groups, applied) = (at(Some(0)), at(None));
    // Two top-level groups besides the stages (practice, role).
    assert_eq!(groups, 2);
    assert!(applied > groups);
    let e = study::study_saturation(
        &study,
        &all,
        &study::SaturationOptions {
            coders: vec!["nobody".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("no coder \"nobody\""), "{e}");
}
