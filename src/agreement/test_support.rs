//! Test helpers: load the published worked examples of `tests/fixtures/agreement/`.

use super::ReliabilityData;
use serde_json::Value;

/// Directory of the example JSON files (their sources: the README beside them).
pub const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/agreement/");

/// Parse one example file.
pub fn example(name: &str) -> Value {
    let path = format!("{EXAMPLES}{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Build reliability data from an example's `units` (and `categories` if present).
/// Numeric labels become categories sorted by value, with their numbers as category values.
pub fn units(v: &Value) -> ReliabilityData {
    let rows = v["units"].as_array().unwrap();
    let m = rows[0].as_array().unwrap().len();
    let coders: Vec<String> = (0..m).map(|i| format!("coder {}", i + 1)).collect();
    let numeric = rows
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .all(|x| x.is_null() || x.is_number());
    if numeric {
        let rows: Vec<Vec<Option<i64>>> = rows
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|x| x.as_i64()).collect())
            .collect();
        let book: Option<Vec<i64>> = v.get("categories").map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
                .collect()
        });
        let (d, labels) = ReliabilityData::from_labels(coders, &rows, book.as_deref()).unwrap();
        d.with_category_values(labels.iter().map(|&l| l as f64).collect())
            .unwrap()
    } else {
        let rows: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .collect();
        let book: Option<Vec<String>> = v.get("categories").map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_owned())
                .collect()
        });
        ReliabilityData::from_labels(coders, &rows, book.as_deref())
            .unwrap()
            .0
    }
}

/// Load an example file straight into reliability data.
pub fn load(name: &str) -> ReliabilityData {
    units(&example(name))
}

/// Assert a coefficient rounds to `expected` at `digits` decimals.
#[track_caller]
pub fn assert_rounds(c: &super::Coefficient, expected: f64, digits: i32) {
    let v = c.value().unwrap_or_else(|| panic!("undefined: {c:?}"));
    let scale = 10f64.powi(digits);
    assert!(
        ((v * scale).round() - expected * scale).abs() < 0.5,
        "{v} does not round to {expected} at {digits} digits"
    );
}

/// Assert a coefficient is within `tol` of `expected`.
#[track_caller]
pub fn assert_close(c: &super::Coefficient, expected: f64, tol: f64) {
    let v = c.value().unwrap_or_else(|| panic!("undefined: {c:?}"));
    assert!((v - expected).abs() <= tol, "{v} != {expected} ± {tol}");
}

/// Load a unitized example: coders in order of first appearance, categories = sorted
/// distinct labels. Panics if the data are invalid (use [`unitized_result`] to test that).
pub fn unitized(name: &str) -> (super::UnitizedData, Vec<String>) {
    unitized_result(name).unwrap()
}

/// Load a unitized example, keeping the validation error.
pub fn unitized_result(
    name: &str,
) -> Result<(super::UnitizedData, Vec<String>), super::AgreementError> {
    let (length, coders, segments, labels) = unitized_raw(name);
    let q = labels.len();
    super::UnitizedData::new(length, coders, segments, q).map(|d| (d, labels))
}

/// Raw unitized example: length, coders (order of first appearance), per-coder segments
/// (possibly overlapping across codes) and the sorted distinct labels.
pub fn unitized_raw(name: &str) -> (u64, Vec<String>, Vec<Vec<super::Segment>>, Vec<String>) {
    let v = example(name);
    let length = v["length"].as_u64().unwrap();
    let annotations = v["annotations"].as_array().unwrap();
    let mut labels: Vec<String> = annotations
        .iter()
        .map(|a| a["category"].as_str().unwrap().to_owned())
        .collect();
    labels.sort();
    labels.dedup();
    let mut coders: Vec<String> = Vec::new();
    let mut segments: Vec<Vec<super::Segment>> = Vec::new();
    for a in annotations {
        let coder = a["coder"].as_str().unwrap().to_owned();
        let i = match coders.iter().position(|c| *c == coder) {
            Some(i) => i,
            None => {
                coders.push(coder);
                segments.push(Vec::new());
                coders.len() - 1
            }
        };
        let label = a["category"].as_str().unwrap();
        segments[i].push(super::Segment {
            start: a["start"].as_u64().unwrap(),
            end: a["end"].as_u64().unwrap(),
            category: labels.iter().position(|l| l == label).unwrap() as u32,
        });
    }
    (length, coders, segments, labels)
}
