//! A REFI-QDA project as the files of a new glose study.
//!
//! | REFI-QDA | glose |
//! |---|---|
//! | text `TextSource` | `corpus/<id>.txt`, id from its name, header `id` and `title` |
//! | code tree | the codebook ([`super::codes`]) |
//! | `Coding` of a selection (or of a whole source) | a coding in its user's coder file; identical spans of one code by one user merge into one coding |
//! | `Note` on a coding or selection / source / code | the coding's memo / a document memo / a code memo |
//! | source and case variables | columns of `corpus/cases.csv` |
//!
//! Offsets were already converted by [`crate::refi`]; every coding's quote is checked
//! again against the transcript as glose will read it, and what does not fit is reported
//! and left out, never shifted.
//!
//! One importer holds the state of an import; each step of the mapping is a method in
//! its own file: users to coders (`coders`), code memos (`code_memos`), one source
//! (`source`) and its codings (`coding`), cases and `cases.csv` (`cases`), notes and
//! memos (`notes`) and the coder files (`coder_files`).

mod cases;
mod code_memos;
mod coder_files;
mod coders;
mod coding;
mod notes;
mod source;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::codebook::Codebook;
use crate::config::StudyConfig;
use crate::refi::{self, Guid, QdaProject};
use crate::store::Coding;

use super::codes::{MappedCodes, map_tree, split_flat_paths};
use super::ids::one_line;
use super::new_study::{NewDocument, NewStudy};

use coders::Coders;
use coding::CodingKey;
use notes::{Memos, Notes};

/// The header key keeping a source's name in the other tool when it differs from the
/// document id (`ICLS 2024 3-10` for `ICLS-2024-3-10`); exports use it as the name.
pub const SOURCE_NAME: &str = "source-name";

/// Coder of codings and notes that name no user.
pub const FALLBACK_CODER: &str = "imported";

/// Builds the new study from `p`; `name` is used when the project has none.
pub fn project_to_study(
    p: &QdaProject,
    name: &str,
    language: &str,
) -> (NewStudy, Vec<refi::Warning>) {
    let mut importer = Importer::new(p, language);
    for s in &p.sources {
        importer.add_source(s);
    }
    for case in &p.cases {
        importer.add_case(case);
    }
    importer.warn_unimported_notes_and_sets();
    importer.finish(name, language)
}

/// The state of one import, filled step by step.
struct Importer<'p> {
    /// The project being imported.
    project: &'p QdaProject,
    /// The interviewer labels documents are parsed with.
    labels: Vec<String>,
    /// Everything tolerated, adjusted or lost, in the order it was met.
    warnings: Vec<refi::Warning>,
    /// The coder of each user.
    coders: Coders,
    /// The codebook and where each code GUID went.
    codes: MappedCodes,
    /// The project's notes, and which of them found a place.
    notes: Notes<'p>,
    /// Memo texts waiting to become memos.
    memos: Memos,
    /// The `cases.csv` column of each variable.
    variables: HashMap<&'p Guid, String>,
    /// Document ids taken, in lower case.
    used_docs: HashSet<String>,
    /// The new documents.
    documents: Vec<NewDocument>,
    /// The `cases.csv` values of each new document (same order).
    attrs: Vec<BTreeMap<String, String>>,
    /// The document of each imported source.
    doc_of_source: HashMap<&'p Guid, usize>,
    /// The first document of each source name (trimmed).
    doc_of_name: HashMap<String, usize>,
    /// The codings, in the order they were met.
    codings: Vec<Coding>,
    /// The coding of each (document, span, code, coder), to merge repeats.
    seen: HashMap<CodingKey, usize>,
    /// Coding and memo ids taken.
    used_ids: HashSet<String>,
}

impl<'p> Importer<'p> {
    /// Starts an import of `p`: its users become coders, its codes the codebook, and the
    /// notes on codes code memos.
    fn new(p: &'p QdaProject, language: &str) -> Self {
        let mut warnings = Vec::new();
        let coders = Coders::of_users(p);
        let tree = split_flat_paths(&p.codes, &mut warnings);
        let codes = map_tree(&tree, language, &mut HashSet::new());
        let mut importer = Importer {
            project: p,
            labels: StudyConfig::default().interviewer_labels(),
            warnings,
            coders,
            codes,
            notes: Notes::of(p),
            memos: Memos::default(),
            variables: cases::variable_names(p),
            used_docs: HashSet::new(),
            documents: Vec::new(),
            attrs: Vec::new(),
            doc_of_source: HashMap::new(),
            doc_of_name: HashMap::new(),
            codings: Vec::new(),
            seen: HashMap::new(),
            used_ids: HashSet::new(),
        };
        importer.warn_duplicate_codes();
        importer.add_code_memos();
        importer
    }

    /// The new study, once every step is done.
    fn finish(mut self, name: &str, language: &str) -> (NewStudy, Vec<refi::Warning>) {
        let p = self.project;
        let cases = self.cases_csv();
        let coder_files = self.coder_files();
        let study_name = if p.name.trim().is_empty() {
            name.to_string()
        } else {
            one_line(&p.name)
        };
        let codebook_name = p
            .description
            .as_deref()
            .and_then(|d| d.strip_prefix("Codebook: "))
            .map(one_line)
            .unwrap_or_else(|| study_name.clone());
        let config = StudyConfig {
            name: study_name,
            language: language.to_string(),
            ..StudyConfig::default()
        };
        let study = NewStudy {
            config,
            codebook: Codebook::from_codes(&codebook_name, self.codes.codes),
            documents: self.documents,
            cases,
            coder_files,
        };
        (study, self.warnings)
    }
}
