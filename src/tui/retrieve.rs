//! Retrieval: every passage coded with a code (or its descendants), by this coder, another
//! coder or all, grouped by document or by stage, filtered by case attributes.

use std::collections::BTreeMap;

use glose::store::Coding;

use super::app::App;
use super::overlay::{Retrieve, RetrieveRow, Whose};

/// Opens retrieval for a code.
pub fn open(app: &mut App, code: &str) -> Retrieve {
    let mut r = Retrieve {
        code: code.to_string(),
        whose: Whose::Mine,
        by_stage: false,
        filter: String::new(),
        editing: false,
        rows: Vec::new(),
        sel: 0,
        passages: 0,
    };
    rebuild(app, &mut r);
    r
}

/// Whether a document's attributes satisfy the filter: `key=value` words compare one
/// attribute (accent- and case-insensitively, by substring), bare words any attribute.
pub fn attributes_match(attrs: &BTreeMap<String, String>, filter: &str) -> bool {
    filter.split_whitespace().all(|word| {
        let word = glose::text::fold(word);
        match word.split_once('=') {
            Some((k, v)) => attrs.iter().any(|(ak, av)| {
                glose::text::fold(ak) == k && value_matches(&glose::text::fold(av), v)
            }),
            None => attrs
                .values()
                .any(|av| glose::text::fold(av).contains(&word)),
        }
    })
}

/// Whether a folded attribute value matches a folded wanted value: the whole value, or
/// one of its words (`ceramique` in `artisanat (vaisselle en ceramique)`; `launch` is not
/// `pre-launch`).
fn value_matches(value: &str, wanted: &str) -> bool {
    value == wanted
        || value
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| w == wanted)
}

/// Recomputes the rows after the code, coder, grouping or filter changed.
pub fn rebuild(app: &App, r: &mut Retrieve) {
    let codes = app.study.codebook.descendants_and_self(&r.code);
    let pool: Vec<&Coding> = match &r.whose {
        Whose::Mine => app.mine.codings.iter().collect(),
        Whose::Coder(name) => app.others.iter().filter(|c| &c.coder == name).collect(),
        Whose::All => app.mine.codings.iter().chain(app.others.iter()).collect(),
    };
    let mut attr_cache: BTreeMap<&str, (bool, String)> = BTreeMap::new();
    let mut groups: BTreeMap<(usize, String), Vec<&Coding>> = BTreeMap::new();
    let stages = app.study.stage_names();
    for c in pool {
        if !codes.contains(&c.code.as_str()) {
            continue;
        }
        let (ok, stage) = attr_cache.entry(c.doc.as_str()).or_insert_with(|| {
            let attrs = app.study.attributes(&c.doc);
            let stage = attrs.get("stage").cloned().unwrap_or_default();
            (attributes_match(&attrs, &r.filter), stage)
        });
        if !*ok {
            continue;
        }
        let key = if r.by_stage {
            let order = stages.iter().position(|s| s == stage).unwrap_or(usize::MAX);
            let name = if stage.is_empty() {
                "(no stage)".to_string()
            } else {
                stage.clone()
            };
            (order, name)
        } else {
            (0, c.doc.clone())
        };
        groups.entry(key).or_default().push(c);
    }
    let mut rows = Vec::new();
    let mut passages = 0;
    for ((_, name), mut list) in groups {
        list.sort_by(|a, b| (&a.doc, a.start, &a.coder).cmp(&(&b.doc, b.start, &b.coder)));
        let label = if r.by_stage {
            format!("{name} ({})", list.len())
        } else {
            let company = app
                .docs
                .iter()
                .find(|d| d.id == name)
                .map(|d| d.company.clone())
                .unwrap_or_default();
            format!("{name} {company} ({})", list.len())
        };
        rows.push(RetrieveRow::Header(label));
        for c in list {
            passages += 1;
            rows.push(RetrieveRow::Passage {
                doc: c.doc.clone(),
                range: c.range(),
                coder: c.coder.clone(),
                code: c.code.clone(),
                text: glose::text::escape_controls(&c.anchor.quote).replace(['\n', '\t'], " "),
            });
        }
    }
    r.rows = rows;
    r.passages = passages;
    r.sel = first_passage(&r.rows, 0, true).unwrap_or(0);
}

/// The first passage row at or after (or before) `from`.
pub fn first_passage(rows: &[RetrieveRow], from: usize, forward: bool) -> Option<usize> {
    let is_p = |i: &usize| matches!(rows.get(*i), Some(RetrieveRow::Passage { .. }));
    if forward {
        (from..rows.len()).find(is_p)
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(is_p)
    }
}

/// The next choice of whose codings: mine, then each other coder, then all.
pub fn next_whose(app: &App, whose: &Whose) -> Whose {
    let mut coders: Vec<String> = app.others.iter().map(|c| c.coder.clone()).collect();
    coders.sort();
    coders.dedup();
    coders.retain(|c| c != &app.coder);
    match whose {
        Whose::Mine => coders
            .first()
            .map_or(Whose::All, |c| Whose::Coder(c.clone())),
        Whose::Coder(cur) => {
            let i = coders
                .iter()
                .position(|c| c == cur)
                .map_or(coders.len(), |i| i + 1);
            coders
                .get(i)
                .map_or(Whose::All, |c| Whose::Coder(c.clone()))
        }
        Whose::All => Whose::Mine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_filter_by_key_and_bare_word() {
        let attrs: BTreeMap<String, String> = [
            ("sector".to_string(), "artisanat (céramique)".to_string()),
            ("stage".to_string(), "pre-launch".to_string()),
        ]
        .into_iter()
        .collect();
        assert!(attributes_match(&attrs, "sector=ceramique"));
        assert!(attributes_match(&attrs, "Stage=pre-launch artisanat"));
        assert!(!attributes_match(&attrs, "stage=growth"));
        assert!(!attributes_match(&attrs, "stage=launch"));
        assert!(attributes_match(&attrs, ""));
    }
}
