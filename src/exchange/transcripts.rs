//! Adding transcripts to a study from Word, LibreOffice, subtitle and text files.
//!
//! Each file is converted by [`crate::transcript_import`], given an id from its name and a
//! header (`id`, `title`, `language` from `--language`, else guessed, else `glose.toml`), and written to the corpus with a
//! row in `cases.csv`. All files are converted before anything is written; documents are
//! created without ever replacing an existing file, and if anything fails, the files
//! already written are removed, so an import adds everything or nothing.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cases::{CaseRow, Cases};
use crate::fsutil::PathError;
use crate::study::Study;
use crate::transcript_import::{Format, import_bytes};

use super::ExchangeError;
use super::ids::{doc_id, one_line};
use super::new_study::NewDocument;

/// One transcript added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedTranscript {
    /// The file imported.
    pub file: PathBuf,
    /// Its document id.
    pub id: String,
    /// The transcript written.
    pub path: PathBuf,
    /// What the file was (`docx`, `odt`, `vtt`, `srt`, `text (UTF-16LE)`…).
    pub format: String,
    /// Words in the body.
    pub words: usize,
}

/// What an import of transcripts did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TranscriptReport {
    /// The transcripts added, in the order given.
    pub added: Vec<AddedTranscript>,
    /// Remarks of the converters and of the import, prefixed with the file.
    pub warnings: Vec<String>,
}

fn format_name(f: Format) -> String {
    match f {
        Format::Docx => "docx".to_string(),
        Format::Odt => "odt".to_string(),
        Format::Pdf => "pdf".to_string(),
        Format::Vtt => "vtt".to_string(),
        Format::Srt => "srt".to_string(),
        Format::Text { encoding } => format!("text ({})", encoding.name()),
    }
}

/// The language of an imported text: whatlang's guess when reliable, else the study's
/// language with a warning.
fn guess_language(study: &Study, file: &Path, body: &str, warnings: &mut Vec<String>) -> String {
    let default = &study.config.language;
    match crate::langdetect::detect(body) {
        Some(g) if g.reliable => g.code,
        Some(g) => {
            warnings.push(format!(
                "{}: the language is unsure (perhaps {}, confidence {:.2}); written as the \
                 study's {default:?}: pass --language to choose",
                file.display(),
                g.name,
                g.confidence
            ));
            default.clone()
        }
        None => {
            warnings.push(format!(
                "{}: no language could be guessed; written as the study's {default:?}",
                file.display()
            ));
            default.clone()
        }
    }
}

/// Converts `files` and adds them to the study, with `stage` in their `cases.csv` rows and
/// `language` in their headers (guessed from each text when `None`; the study's language
/// when the guess is unsure, with a warning).
pub fn import_transcripts(
    study: &Study,
    files: &[PathBuf],
    stage: Option<&str>,
    language: Option<&str>,
) -> Result<TranscriptReport, ExchangeError> {
    check_stage(study, stage)?;
    let corpus = study.corpus_dir();
    let mut report = TranscriptReport::default();
    let mut taken: HashSet<String> = study.entries.iter().map(|e| e.id.to_lowercase()).collect();
    let mut docs = Vec::new();
    for file in files {
        docs.push(convert(study, file, language, &mut taken, &mut report)?);
    }
    let cases_path = corpus.join("cases.csv");
    let cases = cases_with_new_rows(study, &cases_path, stage, &docs);
    write_all_or_nothing(&corpus, &docs, &cases_path, &cases)?;
    crate::fsutil::sync_dir(&corpus);
    Ok(report)
}

/// A converted transcript, ready to write, with the header values its `cases.csv` row repeats.
struct Converted {
    doc: NewDocument,
    title: String,
    language: String,
}

/// Refuses a `--stage` the study does not define (any stage goes when it defines none).
fn check_stage(study: &Study, stage: Option<&str>) -> Result<(), ExchangeError> {
    if let Some(stage) = stage {
        let known = study.stage_names();
        if !known.is_empty() && !known.iter().any(|k| k == stage) {
            return Err(ExchangeError::UnknownStage {
                stage: stage.to_string(),
                known: known.join(", "),
            });
        }
    }
    Ok(())
}

/// Converts one file into a new document with a free id, recording it (and the
/// converter's remarks) in `report`; nothing is written yet.
fn convert(
    study: &Study,
    file: &Path,
    language: Option<&str>,
    taken: &mut HashSet<String>,
    report: &mut TranscriptReport,
) -> Result<Converted, ExchangeError> {
    let bytes = std::fs::read(file).map_err(PathError::with(file, "cannot read"))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let imported = import_bytes(&name, &bytes)?;
    if imported.body.trim().is_empty() {
        return Err(ExchangeError::EmptyTranscript {
            file: file.to_path_buf(),
        });
    }
    for w in &imported.warnings {
        report.warnings.push(format!("{}: {w}", file.display()));
    }
    let id = free_id(study, file, &name, taken, &mut report.warnings)?;
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| id.clone());
    let title = one_line(&stem);
    let layout = imported.layout_description();
    let language = match language {
        Some(l) => l.to_string(),
        None => guess_language(study, file, &imported.body, &mut report.warnings),
    };
    let doc = NewDocument {
        id: id.clone(),
        header: vec![
            ("title".to_string(), title.clone()),
            ("language".to_string(), language.clone()),
        ],
        body: imported.body,
    };
    report.added.push(AddedTranscript {
        file: file.to_path_buf(),
        id,
        path: study.rel(&study.corpus_dir().join(format!("{}.txt", doc.id))),
        format: format!("{}, turns: {}", format_name(imported.detected), layout),
        words: crate::text::word_count(&doc.body),
    });
    Ok(Converted {
        doc,
        title,
        language,
    })
}

/// The id for a file named `name`: refused when the study already has that document,
/// suffixed `-2`, `-3`… (with a warning) when another file of this import or of the corpus
/// holds it.
fn free_id(
    study: &Study,
    file: &Path,
    name: &str,
    taken: &mut HashSet<String>,
    warnings: &mut Vec<String>,
) -> Result<String, ExchangeError> {
    let base = doc_id(name);
    if let Some(e) = study
        .entries
        .iter()
        .find(|e| e.id.eq_ignore_ascii_case(&base))
    {
        return Err(ExchangeError::DocumentExists {
            file: file.to_path_buf(),
            id: base,
            existing: study.rel(&e.path),
        });
    }
    let corpus = study.corpus_dir();
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id.to_lowercase()) || corpus.join(format!("{id}.txt")).exists() {
        id = format!("{base}-{n}");
        n += 1;
    }
    if id != base {
        warnings.push(format!(
            "{}: document id {base:?} is taken; this transcript is {id:?}",
            file.display()
        ));
    }
    taken.insert(id.to_lowercase());
    Ok(id)
}

/// `cases.csv` with a row per new document; a new table gets rows for existing ones too.
fn cases_with_new_rows(
    study: &Study,
    cases_path: &Path,
    stage: Option<&str>,
    docs: &[Converted],
) -> Cases {
    let mut cases = if cases_path.is_file() {
        study.cases.clone()
    } else {
        Cases::from_rows(
            cases_path.to_path_buf(),
            Vec::new(),
            study
                .entries
                .iter()
                .map(|e| CaseRow {
                    id: e.id.clone(),
                    values: Default::default(),
                    line: 0,
                })
                .collect(),
        )
    };
    if stage.is_some() && !cases.columns.iter().any(|c| c == "stage") {
        cases.columns.push("stage".to_string());
    }
    for Converted {
        doc,
        title,
        language,
    } in docs
    {
        let values = cases
            .columns
            .iter()
            .map(|c| {
                // Columns that repeat a header key get the header's value, so that
                // `glose check` finds them in agreement; the others stay empty.
                let v = match c.as_str() {
                    "stage" => stage.unwrap_or_default().to_string(),
                    "language" => language.clone(),
                    "title" => title.clone(),
                    _ => String::new(),
                };
                (c.clone(), v)
            })
            .collect();
        cases.rows.push(CaseRow {
            id: doc.id.clone(),
            values,
            line: 0,
        });
    }
    cases
}

/// Writes every new transcript and `cases.csv`; on any failure removes the transcripts
/// already written, so the import adds everything or nothing.
fn write_all_or_nothing(
    corpus: &Path,
    docs: &[Converted],
    cases_path: &Path,
    cases: &Cases,
) -> Result<(), ExchangeError> {
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<(), ExchangeError> {
        std::fs::create_dir_all(corpus).map_err(PathError::with(corpus, "cannot create folder"))?;
        for c in docs {
            written.push(create_new_transcript(corpus, &c.doc)?);
        }
        crate::fsutil::write_atomic(cases_path, cases.to_csv().as_bytes())?;
        Ok(())
    })();
    if let Err(e) = result {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }
    Ok(())
}

/// Writes one transcript durably under `corpus`, never replacing a file (even one that
/// appeared meanwhile); returns its path.
fn create_new_transcript(corpus: &Path, doc: &NewDocument) -> Result<PathBuf, ExchangeError> {
    let path = corpus.join(format!("{}.txt", doc.id));
    let mut tmp = tempfile::Builder::new()
        .prefix(".")
        .suffix(".glose-tmp")
        .tempfile_in(corpus)
        .map_err(PathError::with(corpus, "cannot create a temporary file"))?;
    tmp.write_all(doc.file_text().as_bytes())
        .map_err(PathError::with(&path, "cannot write"))?;
    tmp.as_file()
        .sync_all()
        .map_err(PathError::with(&path, "cannot flush to disk"))?;
    // persist_noclobber never replaces a file that appeared meanwhile.
    tmp.persist_noclobber(&path)
        .map_err(|e| PathError::with(&path, "refusing to overwrite")(e.error))?;
    Ok(path)
}
