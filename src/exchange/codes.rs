//! Other tools' code trees as glose codes: ids derived from names (or read back from a
//! glose description), labels, normalised colours, nesting kept (non-codable folders
//! become groups), ATLAS.ti 8's flat `Parent::Child` names rebuilt as a tree.

use std::collections::{HashMap, HashSet};

use crate::codebook::Code;
use crate::refi::{self, Guid, WarningKind};

use super::describe::parse_description;
use super::ids::{default_color, one_line, slug, stable_guid, unique};

/// A mapped code tree.
#[derive(Debug, Clone, Default)]
pub struct MappedCodes {
    /// The glose codes, parents before children.
    pub codes: Vec<Code>,
    /// The glose id of every REFI-QDA code GUID.
    pub by_guid: HashMap<Guid, String>,
    /// Notes attached to codes: (code id, note GUIDs).
    pub notes: Vec<(String, Vec<Guid>)>,
    /// Memos written in a code's description (after `Memos: `): (code id, text).
    pub described_memos: Vec<(String, String)>,
    /// GUIDs given to more than one code: (GUID, name of the code dropped).
    pub duplicates: Vec<(Guid, String)>,
}

/// Whether `id` is a valid glose code id (the rule of `glose check`).
pub fn valid_code_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
}

/// Rebuilds ATLAS.ti 8's hierarchy: top-level codes named `Parent::Child` go under a
/// (new, non-codable) `Parent` code. Other trees are returned unchanged.
pub fn split_flat_paths(
    codes: &[refi::Code],
    warnings: &mut Vec<refi::Warning>,
) -> Vec<refi::Code> {
    if !codes.iter().any(|c| c.name.contains("::")) {
        return codes.to_vec();
    }
    // Codes without "::" first (in their order), so that "Coke::diet Coke" finds "Coke"
    // wherever it is listed; a missing parent is created as a non-codable group.
    let split = |c: &refi::Code| -> Option<(String, Vec<String>)> {
        let parts: Vec<String> = c.name.split("::").map(|p| p.trim().to_string()).collect();
        let (leaf, groups) = parts.split_last()?;
        (!groups.is_empty() && !leaf.is_empty() && groups.iter().all(|g| !g.is_empty()))
            .then(|| (leaf.clone(), groups.to_vec()))
    };
    let mut out: Vec<refi::Code> = codes
        .iter()
        .filter(|c| split(c).is_none())
        .cloned()
        .collect();
    let mut moved = 0;
    for c in codes {
        let Some((leaf, groups)) = split(c) else {
            continue;
        };
        moved += 1;
        let mut child = c.clone();
        child.name = leaf;
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        insert_under(&mut out, &groups, String::new(), child);
    }
    warnings.push(refi::Warning::new(
        WarningKind::Tolerated,
        None,
        format!(
            "{moved} codes named \"Parent::Child\" (ATLAS.ti 8) were nested under their parent"
        ),
    ));
    out
}

/// Inserts `leaf` under the chain of group names `groups`, creating missing groups.
fn insert_under(level: &mut Vec<refi::Code>, groups: &[&str], path: String, leaf: refi::Code) {
    let Some((g, rest)) = groups.split_first() else {
        level.push(leaf);
        return;
    };
    let path = format!("{path}{g}::");
    let pos = match level.iter().position(|x| x.name == *g) {
        Some(p) => p,
        None => {
            level.push(refi::Code {
                guid: stable_guid("code-group", &path),
                name: (*g).to_string(),
                color: None,
                description: None,
                is_codable: false,
                note_refs: Vec::new(),
                children: Vec::new(),
            });
            level.len() - 1
        }
    };
    if let Some(node) = level.get_mut(pos) {
        insert_under(&mut node.children, rest, path, leaf);
    }
}

/// One REFI-QDA code as a glose code under `parent`, with a fresh id unless its
/// description carries a glose id not yet used.
pub fn map_code(
    c: &refi::Code,
    parent: Option<&str>,
    lang: &str,
    used: &mut HashSet<String>,
) -> Code {
    let d = parse_description(c.description.as_deref().unwrap_or(""));
    let id = match d.id.as_deref() {
        Some(id) if valid_code_id(id) && !used.contains(id) => {
            used.insert(id.to_string());
            id.to_string()
        }
        _ => {
            let base = match parent {
                Some(p) => format!("{p}.{}", slug(&c.name)),
                None => slug(&c.name),
            };
            unique(&base, used)
        }
    };
    let name = one_line(&c.name);
    let name = if name.is_empty() { id.clone() } else { name };
    let pick = |marker: Option<String>, this_lang: bool| match marker.filter(|l| !l.is_empty()) {
        Some(l) if !(this_lang && l != name) => l,
        _ => name.clone(),
    };
    Code {
        parent: parent.map(str::to_string),
        label_fr: pick(d.label_fr, lang != "en"),
        label_en: pick(d.label_en, lang == "en"),
        definition: d.definition,
        when_to_use: d.when_to_use,
        when_not_to_use: d.when_not_to_use,
        example: d.example,
        color: c
            .color
            .map(|rgb| rgb.to_string())
            .unwrap_or_else(|| default_color(&id)),
        exclusive: d.exclusive,
        codable: c.is_codable,
        id,
    }
}

/// Maps a whole tree, parents before children.
pub fn map_tree(codes: &[refi::Code], lang: &str, used: &mut HashSet<String>) -> MappedCodes {
    fn walk(
        codes: &[refi::Code],
        parent: Option<&str>,
        lang: &str,
        used: &mut HashSet<String>,
        out: &mut MappedCodes,
        depth: usize,
    ) {
        for c in codes {
            if out.by_guid.contains_key(&c.guid) {
                out.duplicates.push((c.guid.clone(), c.name.clone()));
                continue;
            }
            let code = map_code(c, parent, lang, used);
            let id = code.id.clone();
            let memos = parse_description(c.description.as_deref().unwrap_or("")).memos;
            if !memos.trim().is_empty() {
                out.described_memos.push((id.clone(), memos));
            }
            out.by_guid.insert(c.guid.clone(), id.clone());
            if !c.note_refs.is_empty() {
                out.notes.push((id.clone(), c.note_refs.clone()));
            }
            out.codes.push(code);
            if depth < 64 {
                walk(&c.children, Some(&id), lang, used, out, depth + 1);
            }
        }
    }
    let mut out = MappedCodes::default();
    walk(codes, None, lang, used, &mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refi::Rgb;

    fn rc(name: &str, children: Vec<refi::Code>) -> refi::Code {
        refi::Code {
            guid: Guid::new_v7(),
            name: name.into(),
            color: None,
            description: None,
            is_codable: true,
            note_refs: Vec::new(),
            children,
        }
    }

    #[test]
    fn nested_names_become_dotted_ids() {
        let mut tree = vec![rc(
            "Practices",
            vec![
                rc("Community building", vec![]),
                rc("Community  building", vec![]),
            ],
        )];
        tree[0].children[0].color = Rgb::parse("#abc");
        tree[0].is_codable = false;
        let m = map_tree(&tree, "en", &mut HashSet::new());
        let ids: Vec<&str> = m.codes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "practices",
                "practices.community-building",
                "practices.community-building-2"
            ]
        );
        assert_eq!(m.codes[1].parent.as_deref(), Some("practices"));
        assert_eq!(m.codes[1].color, "#AABBCC");
        assert_eq!(m.codes[1].label_fr, "Community building");
        assert!(crate::codebook::parse_color(&m.codes[0].color).is_some());
    }

    #[test]
    fn flat_atlas_paths_are_nested() {
        let codes = vec![
            rc("Drinks::Coke", vec![]),
            rc("Food::Bread::Rye", vec![]),
            rc("x", vec![]),
            rc("Drinks", vec![]),
        ];
        let mut w = Vec::new();
        let tree = split_flat_paths(&codes, &mut w);
        let names: Vec<&str> = tree.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["x", "Drinks", "Food"]);
        assert!(tree[1].is_codable);
        assert_eq!(tree[1].children[0].name, "Coke");
        assert!(!tree[2].is_codable);
        assert_eq!(tree[2].children[0].name, "Bread");
        assert_eq!(tree[2].children[0].children[0].name, "Rye");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn a_non_codable_code_stays_non_codable_on_re_export() {
        let mut tree = vec![rc("Folder", vec![rc("Leaf", vec![])])];
        tree[0].is_codable = false;
        let m = map_tree(&tree, "en", &mut HashSet::new());
        assert!(!m.codes[0].codable);
        assert!(m.codes[1].codable);
        let cb = crate::codebook::Codebook::from_codes("cb", m.codes);
        let back = crate::exchange::to_refi::codebook_codes(&cb, "en", &HashMap::new());
        assert!(!back[0].is_codable);
        assert!(back[0].children[0].is_codable);
        // Only the non-codable code carries the field in the codebook file.
        let json = serde_json::to_string(&cb.codes).unwrap();
        assert_eq!(json.matches("\"codable\":false").count(), 1);
        assert!(!json.contains("\"codable\":true"));
    }
}
