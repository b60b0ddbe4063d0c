//! Choosing what a study's agreement compares: documents, coders and codes, with the
//! defaults of `glose agreement`, and loading the documents.

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::doc_cache;
use super::doc_units::DocUnits;
use crate::document::Document;
use crate::filter::Filter;
use crate::store::{AllCodings, Coding};
use crate::study::{Study, StudyError};

use super::design::{Design, DesignError, DesignOptions, Missing, coded_documents};

/// What to compare; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Coders (default: the design's, see [`super::design`]).
    pub coders: Option<Vec<String>>,
    /// Candidate documents (default: every document one of the coders coded).
    pub docs: Option<Vec<String>>,
    /// Codes (default: the codebook's codes, in tree order, that a compared coder applied
    /// in the documents; with rollup, also codes whose descendants were applied).
    pub codes: Option<Vec<String>>,
    /// Count descendants for their ancestors (affects the default codes).
    pub rollup: bool,
    /// Minimum coverage of a default coder (see [`super::design::DEFAULT_MIN_COVERAGE`]).
    pub min_coverage: Option<f64>,
    /// Whether documents not coded by every compared coder are compared.
    pub missing: Missing,
}

impl Selection {
    /// The selection of `filter`, with the defaults for everything else.
    pub fn from_filter(filter: &Filter) -> Selection {
        Selection {
            coders: filter.coders.clone(),
            docs: filter.docs.clone(),
            codes: filter.codes.clone(),
            ..Selection::default()
        }
    }

    /// The documents, coders and codes of this selection.
    pub fn filter(&self) -> Filter {
        Filter {
            docs: self.docs.clone(),
            coders: self.coders.clone(),
            codes: self.codes.clone(),
        }
    }

    /// The design options of this selection.
    pub fn design_options(&self) -> DesignOptions {
        DesignOptions {
            coders: self.coders.clone(),
            docs: self.docs.clone(),
            min_coverage: self.min_coverage,
            missing: self.missing,
        }
    }
}

/// The documents, codings, coders and codes of one comparison, ready for
/// [`super::units::Inputs`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Who is compared on what, and what was left out.
    pub design: Design,
    /// The documents, loaded, in the design's order.
    pub docs: Vec<Document>,
    /// The compared coders' codings in those documents.
    pub codings: Vec<Coding>,
    /// Coders.
    pub coders: Vec<String>,
    /// Codes.
    pub codes: Vec<String>,
    /// Things the user should know (codings of codes missing from the codebook…).
    pub warnings: Vec<String>,
}

/// Why a selection cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    /// A document could not be loaded or does not exist.
    #[error(transparent)]
    Study(#[from] StudyError),
    /// A code is not in the codebook.
    #[error("unknown code {code:?}{}", hint(.suggestions))]
    UnknownCode {
        /// The code.
        code: String,
        /// Close ids.
        suggestions: Vec<String>,
    },
    /// The coders or documents cannot be compared.
    #[error(transparent)]
    Design(#[from] DesignError),
}

fn hint(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", s.join(", "))
    }
}

/// The design of a selection over a study's codings (codings of documents that are not
/// in the corpus are ignored).
pub fn design<'a>(
    study: &Study,
    all: &'a AllCodings,
    sel: &Selection,
) -> Result<Design, SelectError> {
    if let Some(docs) = &sel.docs {
        for d in docs {
            study.entry(d)?;
        }
    }
    // Whether a document is in the corpus, asked once per run of codings of one document.
    let mut last: Option<(&str, bool)> = None;
    let mut in_corpus = |c: &&'a Coding| match last {
        Some((d, known)) if d == c.doc => known,
        _ => {
            let known = study.entry(&c.doc).is_ok();
            last = Some((c.doc.as_str(), known));
            known
        }
    };
    let coded = coded_documents(
        &all.coders,
        all.codings
            .iter()
            .filter(|c| in_corpus(c))
            .map(|c| (c.coder.as_str(), c.doc.as_str())),
    );
    Ok(Design::new(&coded, &sel.design_options())?)
}

/// Resolve a selection against a study and its codings, and load the documents (in
/// parallel, in the design's order).
pub fn prepare(study: &Study, all: &AllCodings, sel: &Selection) -> Result<Prepared, SelectError> {
    let choice = choose(study, all, sel)?;
    let codings: Vec<Coding> = choice.codings_in(all).cloned().collect();
    let docs = choice
        .design
        .docs
        .par_iter()
        .map(|id| study.load_document(id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Prepared {
        docs,
        codings,
        coders: choice.design.coders.clone(),
        design: choice.design,
        codes: choice.codes,
        warnings: choice.warnings,
    })
}

/// What a selection compares, before any document is loaded or coding copied.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Who is compared on what, and what was left out.
    pub design: Design,
    /// Codes.
    pub codes: Vec<String>,
    /// Things the user should know (codings of codes missing from the codebook…).
    pub warnings: Vec<String>,
}

impl Choice {
    /// The compared coders' codings in the compared documents, in `all`'s order.
    pub fn codings_in<'a>(&self, all: &'a AllCodings) -> impl Iterator<Item = &'a Coding> {
        let docs: FxHashSet<String> = self.design.docs.iter().cloned().collect();
        let coders = self.design.coders.clone();
        all.codings
            .iter()
            .filter(move |c| coders.contains(&c.coder) && docs.contains(c.doc.as_str()))
    }
}

/// The units of the documents `ids` ([`DocUnits`]), from the cache under
/// `.glose/cache/documents/` when their transcripts did not change
/// ([`super::doc_cache`]), in parallel, in the order of `ids`: what the coefficients
/// need, without the texts.
pub fn load_units(study: &Study, ids: &[String]) -> Result<Vec<DocUnits>, SelectError> {
    Ok(ids
        .par_iter()
        .map(|id| doc_cache::load(study, id))
        .collect::<Result<Vec<_>, _>>()?)
}

/// The design and codes of a selection, and its warnings.
pub fn choose(study: &Study, all: &AllCodings, sel: &Selection) -> Result<Choice, SelectError> {
    let design = design(study, all, sel)?;
    let codebook = &study.codebook;
    let mut choice = Choice {
        design,
        codes: Vec::new(),
        warnings: Vec::new(),
    };
    let used: FxHashSet<&str> = choice.codings_in(all).map(|c| c.code.as_str()).collect();
    let unknown: BTreeSet<&str> = used
        .iter()
        .copied()
        .filter(|c| !codebook.contains(c))
        .collect();
    if !unknown.is_empty() {
        choice.warnings.push(format!(
            "codings of codes not in the codebook are left out: {}",
            unknown.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    choice.codes = match &sel.codes {
        Some(list) => {
            for c in list {
                if !codebook.contains(c) {
                    return Err(SelectError::UnknownCode {
                        code: c.clone(),
                        suggestions: codebook
                            .suggest(c)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                    });
                }
            }
            list.clone()
        }
        None => codebook
            .tree_order()
            .into_iter()
            .filter(|code| {
                if sel.rollup {
                    codebook
                        .descendants_and_self(&code.id)
                        .iter()
                        .any(|d| used.contains(d))
                } else {
                    used.contains(code.id.as_str())
                }
            })
            .map(|c| c.id.clone())
            .collect(),
    };
    Ok(choice)
}
