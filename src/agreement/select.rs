//! Choosing what a study's agreement compares: documents, coders and codes, with the
//! defaults of `glose agreement`, and loading the documents.

use std::collections::BTreeSet;

use crate::document::Document;
use crate::store::{AllCodings, Coding};
use crate::study::{Study, StudyError};

use super::consensus::CONSENSUS_CODER;

/// What to compare; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Coders (default: every coder but `consensus` with a coding in the documents).
    pub coders: Option<Vec<String>>,
    /// Documents (default: every document one of the coders coded).
    pub docs: Option<Vec<String>>,
    /// Codes (default: the codebook's codes, in tree order, that a compared coder applied
    /// in the documents; with rollup, also codes whose descendants were applied).
    pub codes: Option<Vec<String>>,
    /// Count descendants for their ancestors (affects the default codes).
    pub rollup: bool,
}

/// The documents, codings, coders and codes of one comparison, ready for
/// [`super::units::Inputs`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The documents, loaded.
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
    /// A coder has no coder file.
    #[error("no coder {coder:?} (coders with a file: {known})")]
    UnknownCoder {
        /// The name.
        coder: String,
        /// Known coders, comma-separated.
        known: String,
    },
    /// Fewer than two coders to compare.
    #[error(
        "agreement needs at least 2 coders who coded the selected documents; found {}",
        if .found.is_empty() { "none".to_string() } else { .found.join(", ") }
    )]
    TooFewCoders {
        /// The coders found.
        found: Vec<String>,
    },
}

fn hint(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", s.join(", "))
    }
}

/// Resolve a selection against a study and its codings, and load the documents.
pub fn prepare(study: &Study, all: &AllCodings, sel: &Selection) -> Result<Prepared, SelectError> {
    if let Some(coders) = &sel.coders {
        for c in coders {
            if !all.coders.contains(c) {
                return Err(SelectError::UnknownCoder {
                    coder: c.clone(),
                    known: all.coders.join(", "),
                });
            }
        }
    }
    if let Some(docs) = &sel.docs {
        for d in docs {
            study.entry(d)?;
        }
    }
    let coder_ok = |c: &str| match &sel.coders {
        Some(list) => list.iter().any(|x| x == c),
        None => c != CONSENSUS_CODER,
    };
    let doc_ok = |d: &str| {
        sel.docs
            .as_ref()
            .is_none_or(|list| list.iter().any(|x| x == d))
    };
    let codings: Vec<Coding> = all
        .codings
        .iter()
        .filter(|c| coder_ok(&c.coder) && doc_ok(&c.doc) && study.entry(&c.doc).is_ok())
        .cloned()
        .collect();
    let doc_ids: Vec<String> = match &sel.docs {
        Some(list) => list.clone(),
        None => codings
            .iter()
            .map(|c| c.doc.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    let coders: Vec<String> = match &sel.coders {
        Some(list) => list.clone(),
        None => codings
            .iter()
            .map(|c| c.coder.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    if coders.len() < 2 {
        return Err(SelectError::TooFewCoders { found: coders });
    }
    let codebook = &study.codebook;
    let mut warnings = Vec::new();
    let unknown: BTreeSet<&str> = codings
        .iter()
        .map(|c| c.code.as_str())
        .filter(|c| !codebook.contains(c))
        .collect();
    if !unknown.is_empty() {
        warnings.push(format!(
            "codings of codes not in the codebook are left out: {}",
            unknown.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let codes: Vec<String> = match &sel.codes {
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
        None => {
            let used: BTreeSet<&str> = codings.iter().map(|c| c.code.as_str()).collect();
            codebook
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
                .collect()
        }
    };
    let mut docs = Vec::with_capacity(doc_ids.len());
    for id in &doc_ids {
        docs.push(study.load_document(id)?);
    }
    Ok(Prepared {
        docs,
        codings,
        coders,
        codes,
        warnings,
    })
}
