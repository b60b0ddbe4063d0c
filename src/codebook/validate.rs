//! Codebook validation: everything `glose check` says about a codebook.

use std::collections::{HashMap, HashSet};

use super::{Code, Codebook, parse_color};

/// A problem found in a codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookProblem {
    /// The code concerned.
    pub code: String,
    /// 1-based line in the codebook file, when known.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
}

/// Checks ids, parents, cycles, colours and labels.
pub fn validate(cb: &Codebook) -> Vec<CodebookProblem> {
    let mut report = Report {
        lines: cb.id_lines(),
        problems: Vec::new(),
    };
    duplicate_ids(cb, &mut report);
    for code in &cb.codes {
        check_code(cb, code, &mut report);
    }
    parent_cycles(cb, &mut report);
    let mut problems = report.problems;
    problems.extend(super::identity::identity_problems(cb));
    problems
}

/// The problems found so far, each placed on its code's line of the codebook file.
struct Report {
    lines: HashMap<String, usize>,
    problems: Vec<CodebookProblem>,
}

impl Report {
    /// Records a problem of `code`.
    fn push(&mut self, code: &str, message: String) {
        self.problems.push(CodebookProblem {
            code: code.to_string(),
            line: self.lines.get(code).copied(),
            message,
        });
    }
}

/// Reports each id used by more than one code (once per id).
fn duplicate_ids(cb: &Codebook, report: &mut Report) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for code in &cb.codes {
        let count = seen.entry(code.id.as_str()).or_default();
        *count += 1;
        if *count == 2 {
            report.push(
                &code.id,
                format!(
                    "code id {:?} is used more than once: ids must be unique",
                    code.id
                ),
            );
        }
    }
}

/// Checks one code on its own: its id's form, that its parent exists, its labels, its colour.
fn check_code(cb: &Codebook, code: &Code, report: &mut Report) {
    if !valid_id(&code.id) {
        report.push(
            &code.id,
            format!(
                "code id {:?} is not valid: use lower-case letters, digits, '-' or '_', with '.' between levels",
                code.id
            ),
        );
    }
    if let Some(parent) = &code.parent
        && !cb.contains(parent)
    {
        report.push(
            &code.id,
            format!("parent {parent:?} of code {:?} does not exist", code.id),
        );
    }
    if code.label_fr.trim().is_empty() && code.label_en.trim().is_empty() {
        report.push(
            &code.id,
            format!("code {:?} has no label: give label_fr or label_en", code.id),
        );
    } else if code.label_fr.trim().is_empty() || code.label_en.trim().is_empty() {
        report.push(
            &code.id,
            format!(
                "code {:?} has an empty {} label",
                code.id,
                if code.label_fr.trim().is_empty() {
                    "French"
                } else {
                    "English"
                }
            ),
        );
    }
    if parse_color(&code.color).is_none() {
        report.push(
            &code.id,
            format!(
                "code {:?} has colour {:?}: write it as #RRGGBB, e.g. \"#2E86AB\"",
                code.id, code.color
            ),
        );
    }
}

/// Reports cycles of parents: follows parents from every code, each code walked once; a
/// walk that comes back to itself is a cycle.
fn parent_cycles(cb: &Codebook, report: &mut Report) {
    let mut done: HashSet<&str> = HashSet::new();
    for code in &cb.codes {
        let mut chain: Vec<&str> = Vec::new();
        let mut on_chain: HashMap<&str, usize> = HashMap::new();
        let mut cur = Some(code.id.as_str());
        while let Some(id) = cur {
            if done.contains(id) {
                break;
            }
            if let Some(&pos) = on_chain.get(id) {
                let mut names: Vec<&str> = chain[pos..].to_vec();
                names.push(id);
                report.push(
                    id,
                    format!("codes form a cycle of parents: {}", names.join(" → ")),
                );
                break;
            }
            on_chain.insert(id, chain.len());
            chain.push(id);
            cur = cb.get(id).and_then(|c| c.parent.as_deref());
        }
        done.extend(chain);
    }
}
