//! Which codings an export keeps: the [`Selection`] of coders, codes and documents,
//! checked against the study, with the consensus of the selected coders applied.

use std::borrow::Cow;

use super::ExportError;
use super::consensus::consensus_codings;
use crate::filter::{Filter, or_empty};
use crate::store::{AllCodings, Coding};
use crate::study::Study;
use rustc_hash::FxHashSet as FastSet;

/// Which codings to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these coders (empty: every coder).
    pub coders: Vec<String>,
    /// Export the segments the selected coders agree on instead of each coder's codings.
    pub consensus: bool,
    /// Only these codes and their descendants (empty: every code).
    pub codes: Vec<String>,
    /// Only these documents (empty: every document).
    pub docs: Vec<String>,
}

impl Selection {
    /// The selection of `filter` (no restriction is an empty list here), with
    /// `consensus` segments or each coder's codings.
    pub fn from_filter(filter: &Filter, consensus: bool) -> Selection {
        Selection {
            coders: or_empty(&filter.coders),
            consensus,
            codes: or_empty(&filter.codes),
            docs: or_empty(&filter.docs),
        }
    }

    /// The documents, coders and codes of this selection.
    pub fn filter(&self) -> Filter {
        Filter::from_lists(&self.docs, &self.coders, &self.codes)
    }
}

/// Checks a selection against the study and returns the selected code ids (with their
/// descendants), or `None` for every code.
pub(super) fn check_selection(
    study: &Study,
    all: &AllCodings,
    sel: &Selection,
) -> Result<Option<FastSet<String>>, ExportError> {
    for c in &sel.coders {
        if !all.coders.contains(c) {
            return Err(ExportError::UnknownCoder {
                name: c.clone(),
                known: all.coders.join(", "),
            });
        }
    }
    for d in &sel.docs {
        study.entry(d).map_err(ExportError::UnknownDocument)?;
    }
    if sel.codes.is_empty() {
        return Ok(None);
    }
    let cb = &study.codebook;
    let mut set = FastSet::default();
    for id in &sel.codes {
        if !cb.contains(id) {
            return Err(ExportError::UnknownCode {
                id: id.clone(),
                suggestions: cb.suggest(id).into_iter().map(str::to_string).collect(),
            });
        }
        set.extend(cb.descendants_and_self(id).into_iter().map(str::to_string));
    }
    Ok(Some(set))
}

/// The codings a selection keeps (coders and documents), consensus applied.
pub fn selected_codings(
    study: &Study,
    all: &AllCodings,
    sel: &Selection,
) -> Result<(Vec<Coding>, Vec<String>), ExportError> {
    let (codings, coders) = select(study, all, sel)?;
    Ok((codings.into_iter().map(Cow::into_owned).collect(), coders))
}

/// [`selected_codings`] without copying the codings a selection keeps as they are.
pub(super) fn select<'a>(
    study: &Study,
    all: &'a AllCodings,
    sel: &Selection,
) -> Result<(Vec<Cow<'a, Coding>>, Vec<String>), ExportError> {
    check_selection(study, all, sel)?;
    let coders: Vec<String> = if sel.coders.is_empty() {
        all.coders.clone()
    } else {
        sel.coders.clone()
    };
    let docs: FastSet<&str> = sel.docs.iter().map(String::as_str).collect();
    let mut kept: Vec<&Coding> = Vec::with_capacity(all.codings.len());
    kept.extend(all.codings.iter().filter(|c| {
        coders.contains(&c.coder) && (docs.is_empty() || docs.contains(c.doc.as_str()))
    }));
    if sel.consensus {
        // The agreement design's coders (never `consensus`, no barely-started coder).
        let design = super::consensus::consensus_design(study, all, &sel.coders, &sel.docs)
            .map_err(|e| ExportError::Consensus(e.to_string()))?;
        let with_codings = design.coders;
        let owned: Vec<Coding> = kept.into_iter().cloned().collect();
        return Ok((
            consensus_codings(&owned, &with_codings)
                .into_iter()
                .map(Cow::Owned)
                .collect(),
            vec![super::consensus::INTERSECTION_CODER.to_string()],
        ));
    }
    Ok((kept.into_iter().map(Cow::Borrowed).collect(), coders))
}
