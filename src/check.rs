//! `glose check`: validates a whole study and summarises it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::codebook::validate;
use crate::diag::{Diagnostic, Severity};
use crate::store::CoderFilesCheck;
use crate::study::Study;

/// Counts for one stage (or for the whole study).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Transcripts.
    pub documents: usize,
    /// Words in the bodies.
    pub words: usize,
    /// Speaker turns.
    pub turns: usize,
    /// Sentences.
    pub sentences: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.documents += other.documents;
        self.words += other.words;
        self.turns += other.turns;
        self.sentences += other.sentences;
    }
}

/// What a study holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// The study's name.
    pub study: String,
    /// Totals over all documents.
    pub total: Counts,
    /// Counts per stage, stages in codebook order, then other values, then `(none)`.
    pub by_stage: Vec<(String, Counts)>,
    /// Number of codes per top-level group, in codebook order.
    pub codes_by_group: Vec<(String, usize)>,
    /// Total number of codes.
    pub codes: usize,
    /// Number of transcripts per speaker-turn layout (docs/FORMATS.md).
    pub layouts: Vec<(String, usize)>,
}

/// The result of a check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// Everything found, errors first, then by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What the study holds.
    pub summary: Summary,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Checks every part of an open study: transcripts, cases, codebook and coder files.
/// Every transcript is loaded once; the coder-file check compares its codings' anchors
/// with each document as it is loaded.
pub fn check(study: &Study) -> CheckReport {
    let mut diags = study.problems.clone();
    let mut coder_files = CoderFilesCheck::default();
    coder_files.begin(study, &mut diags);
    let codebook_file = study.rel(&study.codebook.path);
    for p in validate(&study.codebook) {
        diags.push(Diagnostic::error(codebook_file.clone(), p.line, p.message));
    }
    let stage_names = study.stage_names();
    let cases_file = study.rel(&study.cases.path);
    let has_cases = study.cases.path.is_file();
    let mut by_stage: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let mut layouts: std::collections::BTreeMap<&str, usize> = Default::default();
    for entry in &study.entries {
        let rel = study.rel(&entry.path);
        let doc = match study.load_document(&entry.id) {
            Ok(d) => d,
            Err(crate::study::StudyError::Document(e)) => {
                diags.push(Diagnostic::error(rel, e.line(), e.message()));
                continue;
            }
            Err(e) => {
                diags.push(Diagnostic::error(rel, None, e.to_string()));
                continue;
            }
        };
        if doc.text.trim().is_empty() {
            diags.push(Diagnostic::error(
                rel.clone(),
                Some(doc.header.lines.max(1)),
                "the transcript is empty: add its text below the header, or remove the file",
            ));
        }
        *layouts
            .entry(
                doc.layout
                    .map_or("no speaker labels", crate::document::Layout::describe),
            )
            .or_insert(0) += 1;
        if let Some(lang) = study.attributes(&entry.id).get("language")
            && crate::search::Lang::parse(lang).is_none()
        {
            diags.push(Diagnostic::warning(
                rel.clone(),
                None,
                crate::search::unstemmed_warning(lang),
            ));
        }
        for w in &doc.structure_warnings {
            diags.push(Diagnostic::warning(
                rel.clone(),
                Some(doc.header.lines + w.line),
                w.message.clone(),
            ));
        }
        if doc.turns.iter().all(|t| t.speaker.is_empty()) && !doc.text.trim().is_empty() {
            diags.push(Diagnostic::warning(
                rel.clone(),
                None,
                "no speaker turns found: start each turn with a label such as `Intervieweuse :`",
            ));
        }
        let case_row = study.cases.get(&entry.id);
        match case_row {
            Some(row) => {
                for (key, value) in &entry.header.fields {
                    if let Some(other) = row.values.get(key)
                        && other.trim() != value.trim()
                    {
                        diags.push(Diagnostic::error(
                                rel.clone(),
                                header_line(&entry.header, key),
                                format!(
                                    "header says {key} = {value:?} but {} line {} says {other:?}: make them agree",
                                    cases_file.display(),
                                    row.line
                                ),
                            ));
                    }
                }
            }
            None if has_cases => diags.push(Diagnostic::error(
                cases_file.clone(),
                None,
                format!(
                    "document {} ({}) has no row: add one",
                    entry.id,
                    rel.display()
                ),
            )),
            None => {}
        }
        let stage = study
            .stage_of(&entry.id)
            .unwrap_or_else(|| "(none)".to_string());
        if stage != "(none)" && !stage_names.is_empty() && !stage_names.contains(&stage) {
            diags.push(Diagnostic::warning(
                cases_file.clone(),
                case_row.map(|r| r.line),
                format!(
                    "stage {stage:?} of {} is not a stage code of the codebook ({})",
                    entry.id,
                    stage_names.join(", ")
                ),
            ));
        }
        let counts = Counts {
            documents: 1,
            words: doc.word_count(),
            turns: doc.turns.len(),
            sentences: doc.sentences.len(),
        };
        total.add(&counts);
        by_stage.entry(stage).or_default().add(&counts);
        coder_files.document(&doc, &mut diags);
    }
    duplicate_warnings(&coder_files, &mut diags);
    if study.entries.is_empty() {
        diags.push(Diagnostic::warning(
            study.rel(&study.corpus_dir()),
            None,
            "no transcripts: add .txt or .md files here, or `glose import transcript FILE…`",
        ));
    }
    if has_cases && study.cases.delimiter != b',' && study.cases.delimiter != 0 {
        diags.push(Diagnostic::warning(
            cases_file.clone(),
            Some(1),
            format!(
                "columns are separated by {} (read as such; commas are the default)",
                crate::cases::delimiter_name(study.cases.delimiter)
            ),
        ));
    }
    if !has_cases {
        diags.push(Diagnostic::warning(
            cases_file.clone(),
            None,
            "no cases.csv: documents have no attributes (stage, sector…)",
        ));
    }
    for row in &study.cases.rows {
        if study.entry(&row.id).is_err() {
            diags.push(Diagnostic::error(
                cases_file.clone(),
                Some(row.line),
                format!("row for document {:?}, which is not in the corpus", row.id),
            ));
        }
    }
    diags.sort_by(|a, b| {
        (a.severity, &a.file, a.line.unwrap_or(0)).cmp(&(b.severity, &b.file, b.line.unwrap_or(0)))
    });
    let mut ordered: Vec<(String, Counts)> = Vec::new();
    for name in &stage_names {
        if let Some(c) = by_stage.remove(name) {
            ordered.push((name.clone(), c));
        }
    }
    let none = by_stage.remove("(none)");
    ordered.extend(by_stage);
    if let Some(c) = none {
        ordered.push(("(none)".to_string(), c));
    }
    let codes_by_group = study
        .codebook
        .roots()
        .map(|g| {
            (
                g.id.clone(),
                study.codebook.descendants_and_self(&g.id).len(),
            )
        })
        .collect();
    CheckReport {
        diagnostics: diags,
        summary: Summary {
            study: study.config.name.clone(),
            total,
            by_stage: ordered,
            codes_by_group,
            codes: study.codebook.codes.len(),
            layouts: layouts
                .into_iter()
                .map(|(l, n)| (l.to_string(), n))
                .collect(),
        },
    }
}

/// One warning per group of a coder's overlapping codings with the same code (exports
/// count such a passage twice).
fn duplicate_warnings(coder_files: &CoderFilesCheck, diags: &mut Vec<Diagnostic>) {
    for (rel, file) in coder_files.files() {
        for g in crate::duplicates::duplicate_spans(&file.codings) {
            let spans: Vec<String> = g
                .codings
                .iter()
                .map(|c| format!("{}..{} ({})", c.start, c.end, short_id(&c.id)))
                .collect();
            diags.push(Diagnostic::warning(
                rel.clone(),
                None,
                format!(
                    "{} codings of {} on {} overlap ({}): the passage is counted {} times in \
                     exports; merge them into one coding (or remove the extra ones)",
                    g.codings.len(),
                    g.code,
                    g.doc,
                    spans.join(", "),
                    g.codings.len()
                ),
            ));
        }
    }
}

fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn header_line(header: &crate::document::Header, key: &str) -> Option<usize> {
    header
        .fields
        .iter()
        .position(|(k, _)| k == key)
        .map(|i| i + 2)
}

/// Opens the study at `root` and checks it; a study that cannot be opened at all gives a
/// report with that single error.
pub fn check_root(root: &Path) -> CheckReport {
    match Study::open(root) {
        Ok(study) => check(&study),
        Err(e) => CheckReport {
            diagnostics: vec![Study::open_error_diagnostic(root, &e)],
            summary: Summary::default(),
        },
    }
}
