//! Merging a `.qdc` codebook into a study's codebook: new codes are added, codes the
//! study already has keep their id and their fields, and differences are reported.
//!
//! A code of the file is the same as a code of the study when its GUID is the one glose
//! exports for that id, when its description carries that glose id, or when it sits under
//! the same parent with the same label (or the same id segment).

use std::collections::HashSet;

use serde::Serialize;

use crate::codebook::{Code, Codebook};
use crate::refi::{self, Guid};
use crate::text::fold;

use super::ReportWarning;
use super::codes::{map_code, split_flat_paths};
use super::describe::parse_description;
use super::ids::{one_line, slug, stable_guid};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// The file merged.
    pub file: std::path::PathBuf,
    /// Ids of the codes added.
    pub added: Vec<String>,
    /// Ids of the codes the study already had.
    pub kept: Vec<String>,
    /// Differences between a code of the file and the study's code (the study's is kept).
    pub conflicts: Vec<String>,
    /// Warnings from reading the file.
    pub warnings: Vec<ReportWarning>,
}

fn same_code(existing: &Codebook, c: &refi::Code, parent: Option<&str>) -> Option<String> {
    if let Some(code) = existing
        .codes
        .iter()
        .find(|x| stable_guid("code", &x.id) == c.guid)
    {
        return Some(code.id.clone());
    }
    let d = parse_description(c.description.as_deref().unwrap_or(""));
    if let Some(id) = d.id.filter(|id| existing.contains(id)) {
        return Some(id);
    }
    let name = fold(one_line(&c.name).as_str());
    let s = slug(&c.name);
    existing
        .codes
        .iter()
        .filter(|x| x.parent.as_deref() == parent)
        .find(|x| fold(&x.label_fr) == name || fold(&x.label_en) == name || x.short_name() == s)
        .map(|x| x.id.clone())
}

fn compare(old: &Code, c: &refi::Code, parent: Option<&str>, lang: &str, out: &mut Vec<String>) {
    let name = one_line(&c.name);
    if !name.is_empty() && name != old.label(lang) && name != old.label_fr && name != old.label_en {
        out.push(format!(
            "{}: named {name:?} in the file, {:?} in the codebook",
            old.id,
            old.label(lang)
        ));
    }
    if let Some(rgb) = c.color
        && !rgb.to_string().eq_ignore_ascii_case(&old.color)
    {
        out.push(format!(
            "{}: colour {rgb} in the file, {} in the codebook",
            old.id, old.color
        ));
    }
    if old.parent.as_deref() != parent {
        out.push(format!(
            "{}: under {} in the file, under {} in the codebook",
            old.id,
            parent.unwrap_or("(top level)"),
            old.parent.as_deref().unwrap_or("(top level)")
        ));
    }
    let d = parse_description(c.description.as_deref().unwrap_or(""));
    if !d.definition.is_empty() && d.definition.trim() != old.definition.trim() {
        out.push(format!("{}: the definition differs", old.id));
    }
}

/// Merges `incoming` into a copy of `existing`.
pub fn merge_codebook(
    existing: &Codebook,
    incoming: &refi::Codebook,
    lang: &str,
) -> (Codebook, MergeReport) {
    let mut warnings = Vec::new();
    let tree = split_flat_paths(&incoming.codes, &mut warnings);
    let mut report = MergeReport::default();
    report.warn_all(&warnings);
    if !incoming.sets.is_empty() {
        let names: Vec<String> = incoming
            .sets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect();
        report.warn_all(&[super::warning(
            refi::WarningKind::DataLoss,
            format!(
                "{} sets (code groups) are not imported: glose has no sets ({})",
                incoming.sets.len(),
                names.join(", ")
            ),
        )]);
    }
    let mut codes = existing.codes.clone();
    let mut used: HashSet<String> = codes.iter().map(|c| c.id.clone()).collect();
    let mut seen: HashSet<Guid> = HashSet::new();
    let mut stack: Vec<(&refi::Code, Option<String>, usize)> =
        tree.iter().rev().map(|c| (c, None, 0)).collect();
    while let Some((c, parent, depth)) = stack.pop() {
        if !seen.insert(c.guid.clone()) {
            continue;
        }
        let id = match same_code(existing, c, parent.as_deref()) {
            Some(id) => {
                if let Some(old) = existing.get(&id) {
                    compare(old, c, parent.as_deref(), lang, &mut report.conflicts);
                }
                if !report.kept.contains(&id) {
                    report.kept.push(id.clone());
                }
                id
            }
            None => {
                let code = map_code(c, parent.as_deref(), lang, &mut used);
                let id = code.id.clone();
                report.added.push(id.clone());
                codes.push(code);
                id
            }
        };
        if depth < 64 {
            for child in c.children.iter().rev() {
                stack.push((child, Some(id.clone()), depth + 1));
            }
        }
    }
    let mut merged = Codebook::from_codes(&existing.name, codes);
    merged.path = existing.path.clone();
    (merged, report)
}

impl MergeReport {
    /// Adds REFI-QDA warnings.
    pub fn warn_all(&mut self, warnings: &[refi::Warning]) {
        self.warnings
            .extend(warnings.iter().map(ReportWarning::from));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::to_refi::codebook_to_refi;

    fn code(id: &str, parent: Option<&str>, label: &str) -> Code {
        Code {
            id: id.into(),
            parent: parent.map(Into::into),
            label_fr: label.into(),
            label_en: label.into(),
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            color: "#112233".into(),
            exclusive: false,
            codable: true,
        }
    }

    #[test]
    fn own_export_merges_to_nothing_new() {
        let cb = Codebook::from_codes(
            "cb",
            vec![
                code("practice", None, "Pratiques"),
                code("practice.ads", Some("practice"), "Pub"),
            ],
        );
        let (merged, r) = merge_codebook(&cb, &codebook_to_refi(&cb, "fr"), "fr");
        assert_eq!(merged.codes, cb.codes);
        assert!(r.added.is_empty() && r.conflicts.is_empty(), "{r:?}");
        assert_eq!(r.kept, ["practice", "practice.ads"]);
    }

    #[test]
    fn new_codes_are_added_and_differences_reported() {
        let cb = Codebook::from_codes("cb", vec![code("practice", None, "Pratiques")]);
        let mut incoming = codebook_to_refi(&cb, "fr");
        incoming.codes[0].guid = Guid::new_v7();
        incoming.codes[0].description = None;
        incoming.codes[0].color = refi::Rgb::parse("#ff0000");
        incoming.codes[0].children.push(refi::Code {
            guid: Guid::new_v7(),
            name: "Community building".into(),
            color: None,
            description: Some("Working with followers".into()),
            is_codable: true,
            note_refs: vec![],
            children: vec![],
        });
        let (merged, r) = merge_codebook(&cb, &incoming, "fr");
        assert_eq!(r.kept, ["practice"]);
        assert_eq!(r.added, ["practice.community-building"]);
        assert_eq!(r.conflicts.len(), 1, "{r:?}");
        let added = merged.get("practice.community-building").unwrap();
        assert_eq!(added.definition, "Working with followers");
        assert_eq!(merged.get("practice").unwrap().color, "#112233");
    }
}
