//! Codebook validation: everything `glose check` says about a codebook.

use std::collections::{HashMap, HashSet};

use super::{Codebook, parse_color};

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
    let mut problems = Vec::new();
    let mut push = |code: &str, message: String| {
        problems.push(CodebookProblem {
            code: code.to_string(),
            line: cb.line_of(code),
            message,
        });
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for code in &cb.codes {
        let count = seen.entry(code.id.as_str()).or_default();
        *count += 1;
        if *count == 2 {
            push(
                &code.id,
                format!(
                    "code id {:?} is used more than once: ids must be unique",
                    code.id
                ),
            );
        }
    }
    for code in &cb.codes {
        if !valid_id(&code.id) {
            push(
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
            push(
                &code.id,
                format!("parent {parent:?} of code {:?} does not exist", code.id),
            );
        }
        if code.label_fr.trim().is_empty() && code.label_en.trim().is_empty() {
            push(
                &code.id,
                format!("code {:?} has no label: give label_fr or label_en", code.id),
            );
        } else if code.label_fr.trim().is_empty() || code.label_en.trim().is_empty() {
            push(
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
            push(
                &code.id,
                format!(
                    "code {:?} has colour {:?}: write it as #RRGGBB, e.g. \"#2E86AB\"",
                    code.id, code.color
                ),
            );
        }
    }
    // Cycles: follow parents from every code; a chain that comes back is a cycle.
    let mut reported: HashSet<&str> = HashSet::new();
    for code in &cb.codes {
        let mut chain: Vec<&str> = vec![code.id.as_str()];
        let mut cur = code.parent.as_deref();
        while let Some(p) = cur {
            if let Some(pos) = chain.iter().position(|c| *c == p) {
                let cycle = &chain[pos..];
                if cycle.iter().all(|c| reported.insert(c)) {
                    let mut names: Vec<&str> = cycle.to_vec();
                    names.push(p);
                    push(
                        p,
                        format!("codes form a cycle of parents: {}", names.join(" → ")),
                    );
                }
                break;
            }
            chain.push(p);
            cur = cb.get(p).and_then(|c| c.parent.as_deref());
        }
    }
    problems.extend(super::identity::identity_problems(cb));
    problems
}
