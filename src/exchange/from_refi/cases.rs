//! Cases and variables: the columns and rows of `corpus/cases.csv`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::cases::{CaseRow, Cases};
use crate::exchange::ids::{doc_id, one_line};
use crate::refi::{self, Case, Guid, QdaProject, Value, WarningKind};

use super::Importer;

/// A variable value as a `cases.csv` cell.
pub(super) fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Boolean(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Date(d) => d.to_string(),
        Value::DateTime(t) => t.to_string(),
    }
}

/// The `cases.csv` column of each variable of `p`: its name on one line, prefixed with
/// `variable-` when it is empty or `id`.
pub(super) fn variable_names(p: &QdaProject) -> HashMap<&Guid, String> {
    p.variables
        .iter()
        .map(|v| {
            let n = one_line(&v.name);
            let n = if n.is_empty() || n == "id" {
                format!("variable-{n}")
            } else {
                n
            };
            (&v.guid, n)
        })
        .collect()
}

impl Importer<'_> {
    /// Gives a case's name and variables to its documents; a case with no imported
    /// document is reported and left out.
    pub(super) fn add_case(&mut self, case: &Case) {
        let docs = self.case_documents(case);
        if docs.is_empty() {
            if !case.variable_values.is_empty() || case.name.is_some() {
                self.warnings.push(refi::Warning::new(
                    WarningKind::DataLoss,
                    Some(&case.guid),
                    format!(
                        "case {:?} has no imported document: its variables are not kept",
                        case.name.as_deref().unwrap_or("")
                    ),
                ));
            }
            return;
        }
        if !case.selection_refs.is_empty() || !case.code_refs.is_empty() {
            self.warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(&case.guid),
                "case selections and case codes are not kept (glose cases are whole documents)",
            ));
        }
        for i in docs {
            self.apply_case(case, i);
        }
    }

    /// The imported documents of a case: those of its sources, or the one of its name
    /// when it refers to no source.
    fn case_documents(&mut self, case: &Case) -> Vec<usize> {
        let mut docs: Vec<usize> = case
            .source_refs
            .iter()
            .filter_map(|g| self.doc_of_source.get(g).copied())
            .collect();
        // QualCoder re-exports cases without SourceRef; each case is named after its document.
        if docs.is_empty()
            && case.source_refs.is_empty()
            && let Some(&i) = case
                .name
                .as_deref()
                .and_then(|n| self.doc_of_name.get(n.trim()))
        {
            self.warnings.push(refi::Warning::new(
                WarningKind::Tolerated,
                Some(&case.guid),
                format!(
                    "case {:?} refers to no source: matched by name to the source of the same name",
                    case.name.as_deref().unwrap_or("")
                ),
            ));
            docs.push(i);
        }
        docs
    }

    /// Adds the case's name (when it is not the document's) and the variables the
    /// document does not have yet to document `i`; a conflicting value is reported and
    /// the document's kept.
    fn apply_case(&mut self, case: &Case, i: usize) {
        let (Some(a), Some(d)) = (self.attrs.get_mut(i), self.documents.get(i)) else {
            return;
        };
        if let Some(n) = case
            .name
            .as_ref()
            .map(|n| one_line(n))
            .filter(|n| !n.is_empty())
            && n != d.id
            && doc_id(&n) != d.id
        {
            let cell = a.entry("case".to_string()).or_default();
            if !cell.is_empty() {
                cell.push(';');
            }
            cell.push_str(&n);
        }
        for vv in &case.variable_values {
            let (Some(n), Some(v)) = (self.variables.get(&vv.variable), vv.value.as_ref()) else {
                continue;
            };
            let v = value_text(v);
            match a.get(n) {
                Some(old) if *old != v => self.warnings.push(refi::Warning::new(
                    WarningKind::InvalidValue,
                    Some(&case.guid),
                    format!(
                        "{} has {n} = {old:?} and {v:?} (from its case): kept {old:?}",
                        d.id
                    ),
                )),
                Some(_) => {}
                None => {
                    a.insert(n.clone(), v);
                }
            }
        }
    }

    /// `corpus/cases.csv`: the variables in the project's order, then the other values,
    /// one row per document.
    pub(super) fn cases_csv(&mut self) -> Cases {
        let mut columns: Vec<String> = Vec::new();
        for v in &self.project.variables {
            if let Some(n) = self.variables.get(&v.guid)
                && self.attrs.iter().any(|a| a.contains_key(n))
                && !columns.contains(n)
            {
                columns.push(n.clone());
            }
        }
        for a in &self.attrs {
            for k in a.keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
        let rows = self
            .documents
            .iter()
            .zip(std::mem::take(&mut self.attrs))
            .enumerate()
            .map(|(i, (d, values))| CaseRow {
                id: d.id.clone(),
                values,
                line: i + 2,
            })
            .collect();
        Cases::from_rows(PathBuf::from("corpus/cases.csv"), columns, rows)
    }
}
