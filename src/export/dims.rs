//! Dimensions that segments are grouped by: code groups (such as the stages) and case
//! attributes (such as the sector), and the rule that gives a segment its value.
//!
//! **Stage resolution.** Founders tell their whole story in one interview, so a passage
//! about the pre-launch months of a growth-stage company belongs to pre-launch. For a code
//! group, a segment's value is the child of the group (or a descendant of that child) that
//! *the same coder* applied to spans overlapping the segment: the value whose spans cover
//! the most characters of the segment wins ([`ValueRule::Code`]). When two or more values
//! cover exactly as many characters, the one that comes first in the codebook wins (for
//! the stages: the earlier stage) and the rule says so ([`ValueRule::CodeTie`]). Only when
//! no such span overlaps the segment does the document's attribute of the same name (for
//! the stages: `stage` in `cases.csv` or the header) give the value
//! ([`ValueRule::Attribute`]).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::ExportError;
use super::segments::Shared;
use crate::codebook::Codebook;
use crate::study::Study;

/// What gave a segment its value for a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ValueRule {
    /// A code of the group, applied by the same coder, overlaps the segment the most.
    Code,
    /// Several codes of the group overlap it equally; the first in codebook order won.
    CodeTie,
    /// No code of the group overlaps it: the document's attribute.
    Attribute,
    /// Neither: the segment has no value.
    None,
}

impl ValueRule {
    /// The name written in exports (`code`, `code-tie`, `attribute`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueRule::Code => "code",
            ValueRule::CodeTie => "code-tie",
            ValueRule::Attribute => "attribute",
            ValueRule::None => "none",
        }
    }
}

/// A segment's value for one dimension and the rule that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimValue {
    /// The value (`pre-launch`, `mode (friperie en ligne)`), `None` when unknown.
    pub value: Option<Shared>,
    /// Which rule gave it.
    pub rule: ValueRule,
}

/// A dimension of `--by`, `--rows` or `--cols`.
#[derive(Debug, Clone)]
pub enum Dimension {
    /// A code group: values are its children's short names.
    Group {
        /// The name given (`stage`).
        name: String,
        /// The group's code id.
        group: String,
        /// The children's short names, in codebook order.
        values: Vec<String>,
        /// The children's code ids, in the same order.
        value_codes: Vec<String>,
        /// Every code in the group's subtree (the group excluded) → index of its child.
        members: FxHashMap<String, usize>,
        /// The attribute used when no code of the group overlaps (the group's short name).
        fallback: String,
    },
    /// A case attribute (`cases.csv` column or header field).
    Attribute {
        /// The attribute's name.
        name: String,
    },
}

/// The attribute names of a study: `cases.csv` columns, then header fields.
pub fn attribute_names(study: &Study) -> Vec<String> {
    let mut names: Vec<String> = study.cases.columns.clone();
    let mut extra: BTreeSet<String> = BTreeSet::new();
    for e in &study.entries {
        for (k, _) in &e.header.fields {
            if k != "id" && !names.contains(k) {
                extra.insert(k.clone());
            }
        }
    }
    names.extend(extra);
    names
}

impl Dimension {
    /// Resolves a name: a code with children (a group) first, else a case attribute.
    pub fn resolve(study: &Study, name: &str) -> Result<Self, ExportError> {
        let cb = &study.codebook;
        if let Some(group) = cb.get(name)
            && cb.children(&group.id).next().is_some()
        {
            return Ok(Self::group(cb, &group.id, name));
        }
        let attrs = attribute_names(study);
        if attrs.iter().any(|a| a == name) {
            return Ok(Dimension::Attribute {
                name: name.to_string(),
            });
        }
        let mut known: Vec<String> = cb
            .codes
            .iter()
            .filter(|c| cb.children(&c.id).next().is_some())
            .map(|c| c.id.clone())
            .collect();
        known.extend(attrs);
        let mut close: Vec<(f64, &String)> = known
            .iter()
            .map(|k| (strsim::jaro_winkler(name, k), k))
            .filter(|(s, _)| *s > 0.75)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        Err(ExportError::UnknownDimension {
            name: name.to_string(),
            suggestions: close.into_iter().take(3).map(|(_, k)| k.clone()).collect(),
            known: known.join(", "),
        })
    }

    /// The dimension of a code group of `cb`, named `name`.
    pub fn group(cb: &Codebook, group: &str, name: &str) -> Self {
        let children: Vec<&crate::codebook::Code> = cb.children(group).collect();
        let mut members = FxHashMap::default();
        for (i, child) in children.iter().enumerate() {
            for id in cb.descendants_and_self(&child.id) {
                members.entry(id.to_string()).or_insert(i);
            }
        }
        Dimension::Group {
            name: name.to_string(),
            group: group.to_string(),
            values: children
                .iter()
                .map(|c| c.short_name().to_string())
                .collect(),
            value_codes: children.iter().map(|c| c.id.clone()).collect(),
            members,
            fallback: group.rsplit('.').next().unwrap_or(group).to_string(),
        }
    }

    /// The dimension's name (a column header in exports).
    pub fn name(&self) -> &str {
        match self {
            Dimension::Group { name, .. } | Dimension::Attribute { name } => name,
        }
    }

    /// The attribute consulted when no code decides (`stage` for the stage group).
    pub fn attribute(&self) -> &str {
        match self {
            Dimension::Group { fallback, .. } => fallback,
            Dimension::Attribute { name } => name,
        }
    }

    /// For a group: the index of the child whose subtree holds `code`.
    pub fn member(&self, code: &str) -> Option<usize> {
        match self {
            Dimension::Group { members, .. } => members.get(code).copied(),
            Dimension::Attribute { .. } => None,
        }
    }

    /// The value of child `i` of a group.
    pub fn value(&self, i: usize) -> Option<&str> {
        match self {
            Dimension::Group { values, .. } => values.get(i).map(String::as_str),
            Dimension::Attribute { .. } => None,
        }
    }

    /// The known values in order (a group's children; nothing for an attribute).
    pub fn known_values(&self) -> &[String] {
        match self {
            Dimension::Group { values, .. } => values,
            Dimension::Attribute { .. } => &[],
        }
    }

    /// The sort key of a value: a group's values in codebook order, then other values
    /// alphabetically, then no value last.
    pub fn sort_key(&self, value: Option<&str>) -> (u8, usize, String) {
        match value {
            None => (2, 0, String::new()),
            Some(v) => match self.known_values().iter().position(|k| k == v) {
                Some(i) => (0, i, String::new()),
                None => (1, 0, v.to_string()),
            },
        }
    }

    /// A heading for a value: a group child's label in `lang`, the value itself for an
    /// attribute, `(no <name>)` when there is none.
    pub fn label(&self, value: Option<&str>, cb: &Codebook, lang: &str) -> String {
        let Some(v) = value else {
            return format!("(no {})", self.name());
        };
        if let Dimension::Group {
            values,
            value_codes,
            ..
        } = self
            && let Some(i) = values.iter().position(|k| k == v)
            && let Some(code) = value_codes.get(i).and_then(|id| cb.get(id))
        {
            return code.label(lang).to_string();
        }
        v.to_string()
    }
}

/// A coder's span of a group's code in one document: `(start, end, child index)`.
pub type GroupSpan = (usize, usize, usize);

/// The group value covering the most of `[start, end)` among `spans` (sorted by start),
/// counting each character once per value; `None` when nothing overlaps. The flag is true
/// when the best value was tied with another one (the first in codebook order won).
pub fn best_overlap(spans: &[GroupSpan], start: usize, end: usize) -> Option<(usize, bool)> {
    let upto = spans.partition_point(|s| s.0 < end);
    let mut pieces: Vec<(usize, usize, usize)> = spans
        .get(..upto)
        .unwrap_or(&[])
        .iter()
        .filter(|s| s.1 > start && s.0 < s.1)
        .map(|s| (s.2, s.0.max(start), s.1.min(end)))
        .filter(|p| p.1 < p.2)
        .collect();
    if pieces.is_empty() {
        return None;
    }
    pieces.sort_unstable();
    // Union length per value.
    let mut totals: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize, usize)> = None;
    for (v, s, e) in pieces {
        match cur {
            Some((cv, cs, ce)) if cv == v && s <= ce => cur = Some((cv, cs, ce.max(e))),
            Some((cv, cs, ce)) => {
                add(&mut totals, cv, ce - cs);
                cur = Some((v, s, e));
            }
            None => cur = Some((v, s, e)),
        }
    }
    if let Some((cv, cs, ce)) = cur {
        add(&mut totals, cv, ce - cs);
    }
    let best = totals.iter().map(|t| t.1).max()?;
    let mut winners = totals.iter().filter(|t| t.1 == best).map(|t| t.0);
    let first = winners.next()?;
    Some((first, winners.next().is_some()))
}

/// The house's rule for one document: each dimension's value for a segment on it, from
/// every coder's spans of the dimension's codes there, else the document's attribute.
/// The one place the rule is applied: exports and the TUI's retrieval both ask it.
#[derive(Debug)]
pub struct DocDims<'a> {
    /// Per dimension: each coder's spans of the group's codes, sorted by start.
    spans: Vec<FxHashMap<&'a str, Vec<GroupSpan>>>,
    /// Per dimension: a group's values, shared by the segments that take them.
    values: Vec<Vec<Shared>>,
    /// Per dimension: the document's attribute value (already pseudonymised if need be).
    attributes: Vec<Option<Shared>>,
}

impl<'a> DocDims<'a> {
    /// Prepares the rule on one document: `codings` are every coding on it (any code, any
    /// coder), `attribute` gives the document's value of an attribute (`None` or empty:
    /// none).
    pub fn new(
        dims: &[Dimension],
        codings: impl IntoIterator<Item = &'a crate::store::Coding> + Clone,
        attribute: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let spans = dims
            .iter()
            .map(|dim| {
                let mut m: FxHashMap<&str, Vec<GroupSpan>> = FxHashMap::default();
                for c in codings.clone() {
                    if let Some(v) = dim.member(&c.code) {
                        m.entry(c.coder.as_str())
                            .or_default()
                            .push((c.start, c.end, v));
                    }
                }
                for spans in m.values_mut() {
                    spans.sort_unstable();
                }
                m
            })
            .collect();
        let values = dims
            .iter()
            .map(|dim| {
                dim.known_values()
                    .iter()
                    .map(|v| v.as_str().into())
                    .collect()
            })
            .collect();
        let attributes = dims
            .iter()
            .map(|dim| {
                attribute(dim.attribute())
                    .filter(|v| !v.is_empty())
                    .map(Shared::from)
            })
            .collect();
        DocDims {
            spans,
            values,
            attributes,
        }
    }

    /// The values of a segment by `coder` over `[start, end)`, one per dimension.
    pub fn values(
        &self,
        dims: &[Dimension],
        coder: &str,
        start: usize,
        end: usize,
    ) -> Vec<DimValue> {
        (0..dims.len())
            .map(|i| {
                let by_code = self
                    .spans
                    .get(i)
                    .and_then(|m| m.get(coder))
                    .and_then(|spans| best_overlap(spans, start, end));
                match by_code {
                    Some((v, tie)) => DimValue {
                        value: self.values.get(i).and_then(|vs| vs.get(v)).cloned(),
                        rule: if tie {
                            ValueRule::CodeTie
                        } else {
                            ValueRule::Code
                        },
                    },
                    None => match self.attributes.get(i).cloned().flatten() {
                        Some(v) => DimValue {
                            value: Some(v),
                            rule: ValueRule::Attribute,
                        },
                        None => DimValue {
                            value: None,
                            rule: ValueRule::None,
                        },
                    },
                }
            })
            .collect()
    }
}

fn add(totals: &mut Vec<(usize, usize)>, value: usize, len: usize) {
    match totals.iter_mut().find(|t| t.0 == value) {
        Some(t) => t.1 += len,
        None => totals.push((value, len)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_overlap_wins_and_ties_go_to_the_first_value() {
        // value 2 covers [0, 10), value 0 covers [8, 30): on [5, 20) value 0 has 12 chars.
        let spans = [(0, 10, 2), (8, 30, 0)];
        assert_eq!(best_overlap(&spans, 5, 20), Some((0, false)));
        assert_eq!(best_overlap(&spans, 0, 9), Some((2, false)));
        // [6, 12): value 2 has 4, value 0 has 4: tie, value 0 (first in codebook) wins.
        assert_eq!(best_overlap(&spans, 6, 12), Some((0, true)));
        assert_eq!(best_overlap(&spans, 30, 40), None);
        assert_eq!(best_overlap(&[], 0, 5), None);
    }

    #[test]
    fn overlapping_spans_of_one_value_count_once() {
        // value 1 twice on the same chars: 5 chars, not 10; value 0 has 6.
        let spans = [(0, 5, 1), (0, 5, 1), (5, 11, 0)];
        assert_eq!(best_overlap(&spans, 0, 11), Some((0, false)));
    }
}
