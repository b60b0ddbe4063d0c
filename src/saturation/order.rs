//! The order the interviews were conducted in: a date attribute (`date`, else
//! `interview_date`), any attribute, or an explicit list. Values sort as dates when they
//! all are ISO dates (`2026-01-14`), as numbers when they all are numbers, else as text;
//! ties keep the documents' id order.

use serde::Serialize;

use super::SaturationError;
use crate::study::Study;

/// The attributes tried, in turn, by [`OrderBy::Date`].
pub const DATE_ATTRIBUTES: [&str; 2] = ["date", "interview_date"];

/// How to order the interviews.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OrderBy {
    /// The first of [`DATE_ATTRIBUTES`] the study's documents have.
    #[default]
    Date,
    /// Any attribute of `cases.csv` or the transcripts' headers.
    Attribute(String),
    /// The documents in this order.
    Explicit(Vec<String>),
}

/// The interviews in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ordered {
    /// What ordered them: the attribute's name, or `the order given`.
    pub by: String,
    /// `(document, its value of the attribute)`, in order (the value is the 1-based
    /// position in the list for an explicit order).
    pub docs: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    Date(jiff::civil::Date),
    Number(f64),
    Text(String),
}

/// Puts `docs` in interview order.
pub fn order_interviews(
    study: &Study,
    docs: &[String],
    by: &OrderBy,
) -> Result<Ordered, SaturationError> {
    let attribute = match by {
        OrderBy::Explicit(list) => return explicit(docs, list),
        OrderBy::Attribute(a) => a.clone(),
        OrderBy::Date => date_attribute(study)?,
    };
    let mut missing = Vec::new();
    let mut values = Vec::new();
    for d in docs {
        match study.attributes(d).remove(&attribute) {
            Some(v) if !v.trim().is_empty() => values.push((d.clone(), v.trim().to_string())),
            _ => missing.push(d.as_str()),
        }
    }
    if !missing.is_empty() {
        return Err(SaturationError::Order(format!(
            "{} coded interview(s) have no `{attribute}` attribute: {}; give each one a value \
             (a `{attribute}` column in {} or `{attribute}:` in the transcript's header), or \
             choose another order with --order-by ATTRIBUTE or --order E01,E02,…",
            missing.len(),
            shorten(&missing),
            study.rel(&study.cases.path).display()
        )));
    }
    let keys = keys(&values);
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| {
        keys.get(a)
            .partial_cmp(&keys.get(b))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                values
                    .get(a)
                    .map(|v| &v.0)
                    .cmp(&values.get(b).map(|v| &v.0))
            })
    });
    Ok(Ordered {
        by: attribute,
        docs: idx
            .into_iter()
            .filter_map(|i| values.get(i).cloned())
            .collect(),
    })
}

/// The first date attribute any document has, or a message saying none has one.
fn date_attribute(study: &Study) -> Result<String, SaturationError> {
    let has = |name: &str| {
        study.cases.columns.iter().any(|c| c == name)
            || study
                .entries
                .iter()
                .any(|e| e.header.get(name).is_some_and(|v| !v.trim().is_empty()))
    };
    DATE_ATTRIBUTES
        .iter()
        .find(|a| has(a))
        .map(|a| (*a).to_string())
        .ok_or_else(|| {
            SaturationError::Order(format!(
                "no interview has a `date` attribute (nor `interview_date`): saturation needs the \
                 order the interviews were conducted in; add a `date` column to {} (or `date:` to \
                 each transcript's header), or give the order with --order-by ATTRIBUTE or \
                 --order E01,E02,…",
                study.rel(&study.cases.path).display()
            ))
        })
}

fn explicit(docs: &[String], list: &[String]) -> Result<Ordered, SaturationError> {
    let left_out: Vec<&str> = docs
        .iter()
        .filter(|d| !list.contains(d))
        .map(String::as_str)
        .collect();
    if !left_out.is_empty() {
        return Err(SaturationError::Order(format!(
            "--order leaves out {} coded interview(s): {}; list every coded interview once",
            left_out.len(),
            shorten(&left_out)
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = list.iter().find(|d| !seen.insert(d.as_str())) {
        return Err(SaturationError::Order(format!(
            "--order lists {twice} twice; list every coded interview once"
        )));
    }
    Ok(Ordered {
        by: "the order given".into(),
        docs: list
            .iter()
            .enumerate()
            .filter(|(_, d)| docs.contains(d))
            .map(|(i, d)| (d.clone(), (i + 1).to_string()))
            .collect(),
    })
}

fn keys(values: &[(String, String)]) -> Vec<Key> {
    let dates: Option<Vec<Key>> = values
        .iter()
        .map(|(_, v)| v.parse::<jiff::civil::Date>().ok().map(Key::Date))
        .collect();
    if let Some(k) = dates {
        return k;
    }
    let numbers: Option<Vec<Key>> = values
        .iter()
        .map(|(_, v)| {
            v.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Key::Number)
        })
        .collect();
    numbers.unwrap_or_else(|| values.iter().map(|(_, v)| Key::Text(v.clone())).collect())
}

/// At most five names, then "and N more".
fn shorten(names: &[&str]) -> String {
    let mut s = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        s.push_str(&format!(" and {} more", names.len() - 5));
    }
    s
}
