//! `glose check`: validates a whole study and summarises it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cases::CaseRow;
use crate::codebook::validate;
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::store::CoderFilesCheck;
use crate::study::{DocEntry, Study};

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
    let mut checker = Checker::new(study);
    for entry in &study.entries {
        checker.document(entry);
    }
    checker.study_wide();
    checker.finish()
}

/// A check under way: the diagnostics found so far and the counts of the documents read.
struct Checker<'s> {
    study: &'s Study,
    diags: Vec<Diagnostic>,
    coder_files: CoderFilesCheck,
    stage_names: Vec<String>,
    cases_file: PathBuf,
    has_cases: bool,
    by_stage: BTreeMap<String, Counts>,
    total: Counts,
    layouts: BTreeMap<&'static str, usize>,
}

impl<'s> Checker<'s> {
    /// Starts with the study's own problems, the coder files' and the codebook's.
    fn new(study: &'s Study) -> Self {
        let mut diags = study.problems.clone();
        let mut coder_files = CoderFilesCheck::default();
        coder_files.begin(study, &mut diags);
        let codebook_file = study.rel(&study.codebook.path);
        for p in validate(&study.codebook) {
            diags.push(Diagnostic::error(codebook_file.clone(), p.line, p.message));
        }
        Checker {
            study,
            diags,
            coder_files,
            stage_names: study.stage_names(),
            cases_file: study.rel(&study.cases.path),
            has_cases: study.cases.path.is_file(),
            by_stage: BTreeMap::new(),
            total: Counts::default(),
            layouts: BTreeMap::new(),
        }
    }

    /// Loads one transcript, checks it, its cases row and its stage, and counts it.
    fn document(&mut self, entry: &DocEntry) {
        let study = self.study;
        let rel = study.rel(&entry.path);
        let doc = match study.load_document(&entry.id) {
            Ok(d) => d,
            Err(crate::study::StudyError::Document(e)) => {
                self.diags
                    .push(Diagnostic::error(rel, e.line(), e.message()));
                return;
            }
            Err(e) => {
                self.diags.push(Diagnostic::error(rel, None, e.to_string()));
                return;
            }
        };
        self.transcript(entry, &rel, &doc);
        let case_row = study.cases.get(&entry.id);
        self.case_row(entry, &rel, case_row);
        let stage = study
            .stage_of(&entry.id)
            .unwrap_or_else(|| "(none)".to_string());
        if stage != "(none)" && !self.stage_names.is_empty() && !self.stage_names.contains(&stage) {
            self.diags.push(Diagnostic::warning(
                self.cases_file.clone(),
                case_row.map(|r| r.line),
                format!(
                    "stage {stage:?} of {} is not a stage code of the codebook ({})",
                    entry.id,
                    self.stage_names.join(", ")
                ),
            ));
        }
        let counts = Counts {
            documents: 1,
            words: doc.word_count(),
            turns: doc.turns.len(),
            sentences: doc.sentences.len(),
        };
        self.total.add(&counts);
        self.by_stage.entry(stage).or_default().add(&counts);
        self.coder_files.document(&doc, &mut self.diags);
    }

    /// The transcript's own problems: empty, its language, its structure, no speaker turns;
    /// and its layout counted.
    fn transcript(&mut self, entry: &DocEntry, rel: &Path, doc: &Document) {
        if doc.text.trim().is_empty() {
            self.diags.push(Diagnostic::error(
                rel.to_path_buf(),
                Some(doc.header.lines.max(1)),
                "the transcript is empty: add its text below the header, or remove the file",
            ));
        }
        *self
            .layouts
            .entry(
                doc.layout
                    .map_or("no speaker labels", crate::document::Layout::describe),
            )
            .or_insert(0) += 1;
        if let Some(lang) = self.study.attributes(&entry.id).get("language")
            && crate::search::Lang::parse(lang).is_none()
        {
            self.diags.push(Diagnostic::warning(
                rel.to_path_buf(),
                None,
                crate::search::unstemmed_warning(lang),
            ));
        }
        for w in &doc.structure_warnings {
            self.diags.push(Diagnostic::warning(
                rel.to_path_buf(),
                Some(doc.header.lines + w.line),
                w.message.clone(),
            ));
        }
        if doc.turns.iter().all(|t| t.speaker.is_empty()) && !doc.text.trim().is_empty() {
            self.diags.push(Diagnostic::warning(
                rel.to_path_buf(),
                None,
                "no speaker turns found: start each turn with a label such as `Intervieweuse :`",
            ));
        }
    }

    /// The document's `cases.csv` row: present when there is a table, agreeing with the
    /// header on every key both give.
    fn case_row(&mut self, entry: &DocEntry, rel: &Path, case_row: Option<&CaseRow>) {
        match case_row {
            Some(row) => {
                for (key, value) in &entry.header.fields {
                    if let Some(other) = row.values.get(key)
                        && other.trim() != value.trim()
                    {
                        self.diags.push(Diagnostic::error(
                                rel.to_path_buf(),
                                header_line(&entry.header, key),
                                format!(
                                    "header says {key} = {value:?} but {} line {} says {other:?}: make them agree",
                                    self.cases_file.display(),
                                    row.line
                                ),
                            ));
                    }
                }
            }
            None if self.has_cases => self.diags.push(Diagnostic::error(
                self.cases_file.clone(),
                None,
                format!(
                    "document {} ({}) has no row: add one",
                    entry.id,
                    rel.display()
                ),
            )),
            None => {}
        }
    }

    /// What only the whole study shows: duplicate codings, no transcripts, the cases
    /// table's separator or absence, rows for documents not in the corpus.
    fn study_wide(&mut self) {
        let study = self.study;
        duplicate_warnings(&self.coder_files, &mut self.diags);
        if study.entries.is_empty() {
            self.diags.push(Diagnostic::warning(
                study.rel(&study.corpus_dir()),
                None,
                "no transcripts: add .txt or .md files here, or `glose import transcript FILE…`",
            ));
        }
        if self.has_cases && study.cases.delimiter != b',' && study.cases.delimiter != 0 {
            self.diags.push(Diagnostic::warning(
                self.cases_file.clone(),
                Some(1),
                format!(
                    "columns are separated by {} (read as such; commas are the default)",
                    crate::cases::delimiter_name(study.cases.delimiter)
                ),
            ));
        }
        if !self.has_cases {
            self.diags.push(Diagnostic::warning(
                self.cases_file.clone(),
                None,
                "no cases.csv: documents have no attributes (stage, sector…)",
            ));
        }
        for row in &study.cases.rows {
            if study.entry(&row.id).is_err() {
                self.diags.push(Diagnostic::error(
                    self.cases_file.clone(),
                    Some(row.line),
                    format!("row for document {:?}, which is not in the corpus", row.id),
                ));
            }
        }
    }

    /// The report: diagnostics errors first, then by file and line; stages in codebook
    /// order, then other values, then `(none)`.
    fn finish(mut self) -> CheckReport {
        let study = self.study;
        self.diags.sort_by(|a, b| {
            (a.severity, &a.file, a.line.unwrap_or(0)).cmp(&(
                b.severity,
                &b.file,
                b.line.unwrap_or(0),
            ))
        });
        let mut ordered: Vec<(String, Counts)> = Vec::new();
        for name in &self.stage_names {
            if let Some(c) = self.by_stage.remove(name) {
                ordered.push((name.clone(), c));
            }
        }
        let none = self.by_stage.remove("(none)");
        ordered.extend(self.by_stage);
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
            diagnostics: self.diags,
            summary: Summary {
                study: study.config.name.clone(),
                total: self.total,
                by_stage: ordered,
                codes_by_group,
                codes: study.codebook.codes.len(),
                layouts: self
                    .layouts
                    .into_iter()
                    .map(|(l, n)| (l.to_string(), n))
                    .collect(),
            },
        }
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
