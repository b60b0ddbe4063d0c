//! Identities across the exchange: glose ids made from other tools' names, and REFI-QDA
//! GUIDs made from glose ids.
//!
//! glose ids are readable and stable (`practice.community-building`, `E03`, `marie`);
//! REFI-QDA wants GUIDs. Exporting derives every GUID from the glose id by hashing, so
//! that exporting the same study twice gives the same GUIDs and the files diff cleanly;
//! importing derives ids from names (ASCII-folded slugs, deduplicated).

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use crate::refi::Guid;

/// A GUID derived from `kind` and `key` (a UUID v8 built from SHA-256), the same on every
/// export. `kind` keeps a document and a code with the same id apart.
pub fn stable_guid(kind: &str, key: &str) -> Guid {
    let digest = Sha256::digest(format!("glose:{kind}:{key}").as_bytes());
    let mut bytes = [0u8; 16];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    let uuid = uuid::Builder::from_custom_bytes(bytes).into_uuid();
    // A hyphenated UUID always parses; the fallback only keeps this function total.
    Guid::parse(&uuid.hyphenated().to_string()).unwrap_or_default()
}

/// The GUID of an existing glose id that is already a UUID (codings, memos), else a
/// stable one derived from it.
pub fn guid_of_id(kind: &str, id: &str) -> Guid {
    Guid::parse(id).unwrap_or_else(|| stable_guid(kind, id))
}

/// Folds a name to lower-case ASCII: accents removed, ligatures spelled out.
pub fn ascii_fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in crate::text::fold(name).chars() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

/// A code id segment from a code name: `"Community building"` → `community-building`,
/// `"Co-création"` → `co-creation`; `code` when nothing is left.
pub fn slug(name: &str) -> String {
    let folded = ascii_fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let short: String = trimmed.chars().take(48).collect();
    let short = short.trim_end_matches('-');
    if short.is_empty() {
        "code".to_string()
    } else {
        short.to_string()
    }
}

/// A document id from a file or source name: the extension of a known document type
/// dropped, accents folded, case kept, anything but letters, digits, `-` and `_` turned
/// into `-` (`"Interview 1.docx"` → `Interview-1`); `doc` when nothing is left.
pub fn doc_id(name: &str) -> String {
    let name = name.trim();
    let stem = match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && matches!(
                    ext.to_ascii_lowercase().as_str(),
                    "txt" | "md" | "docx" | "doc" | "odt" | "rtf" | "pdf" | "vtt" | "srt"
                ) =>
        {
            stem
        }
        _ => name,
    };
    let mut out = String::new();
    for c in stem.chars() {
        let folded: String = if c.is_ascii() {
            c.to_string()
        } else {
            let lower = ascii_fold(&c.to_string());
            if c.is_uppercase() {
                lower.to_ascii_uppercase()
            } else {
                lower
            }
        };
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() || f == '_' || f == '-' {
                out.push(f);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    let out = out.trim_matches('-');
    let short: String = out.chars().take(64).collect();
    if short.is_empty() {
        "doc".to_string()
    } else {
        short
    }
}

/// A coder name from a user name: letters and digits kept (accents too: coder names may
/// have them), anything else turned into `-`; `None` when nothing is left.
pub fn coder_name(user: &str) -> Option<String> {
    let mut out = String::new();
    for c in user.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(64).collect();
    let out = out.trim_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// Makes `base` unique among `used` by appending `-2`, `-3`… and records it.
pub fn unique(base: &str, used: &mut HashSet<String>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 2;
    loop {
        let candidate = format!("{base}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Colours given to imported codes that have none (NVivo exports none): readable on both
/// dark and light terminals.
const PALETTE: [&str; 12] = [
    "#2E86AB", "#A23B72", "#F18F01", "#3B8B5A", "#C73E1D", "#6C5B7B", "#1B998B", "#B07D2B",
    "#5C7AEA", "#D1495B", "#00798C", "#8E7DBE",
];

/// A default colour for a code without one, chosen from its id so it stays the same.
pub fn default_color(id: &str) -> String {
    let digest = Sha256::digest(id.as_bytes());
    let i = usize::from(digest.first().copied().unwrap_or(0)) % PALETTE.len();
    PALETTE.get(i).copied().unwrap_or("#2E86AB").to_string()
}

/// Makes a value fit on one header line: line breaks become spaces, ends trimmed.
pub fn one_line(value: &str) -> String {
    value
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_french_and_english_names() {
        assert_eq!(slug("Community building"), "community-building");
        assert_eq!(
            slug("Co-création avec les abonnés"),
            "co-creation-avec-les-abonnes"
        );
        assert_eq!(slug("  Œuvre & cœur  "), "oeuvre-coeur");
        assert_eq!(slug("Étapes"), "etapes");
        assert_eq!(slug("\"rushed\""), "rushed");
        assert_eq!(slug("Oltás – szkepticizmus"), "oltas-szkepticizmus");
        assert_eq!(slug("🙂"), "code");
        assert_eq!(slug("code:3.1"), "code-3-1");
    }

    #[test]
    fn document_ids_keep_case_and_drop_known_extensions() {
        assert_eq!(doc_id("E03"), "E03");
        assert_eq!(doc_id("Interview 1.docx"), "Interview-1");
        assert_eq!(doc_id("Entretien à Lyon.TXT"), "Entretien-a-Lyon");
        assert_eq!(doc_id("ÉCOLE.srt"), "ECOLE");
        assert_eq!(doc_id("ICLS 2024 3-10"), "ICLS-2024-3-10");
        assert_eq!(doc_id("v1.2 notes"), "v1-2-notes");
        assert_eq!(doc_id("..."), "doc");
    }

    #[test]
    fn coder_names_are_valid() {
        assert_eq!(
            coder_name("Szilvia Farkas").as_deref(),
            Some("Szilvia-Farkas")
        );
        assert_eq!(coder_name("ATLAS.ti").as_deref(), Some("ATLAS-ti"));
        assert_eq!(coder_name("  "), None);
        assert!(crate::store::valid_coder_name(
            &coder_name("Émilie (PhD)").unwrap()
        ));
    }

    #[test]
    fn unique_appends_numbers() {
        let mut used = HashSet::new();
        assert_eq!(unique("a", &mut used), "a");
        assert_eq!(unique("a", &mut used), "a-2");
        assert_eq!(unique("a", &mut used), "a-3");
    }

    #[test]
    fn stable_guids_are_valid_distinct_and_repeatable() {
        let a = stable_guid("code", "practice");
        assert_eq!(a, stable_guid("code", "practice"));
        assert_ne!(a, stable_guid("doc", "practice"));
        assert!(Guid::parse(a.as_str()).is_some());
        let v7 = "0193b5f4-1c2d-7a8b-9c0d-1e2f3a4b5c6d";
        assert_eq!(guid_of_id("coding", v7).as_str(), v7);
        assert_ne!(guid_of_id("coding", "x1"), guid_of_id("memo", "x1"));
    }

    #[test]
    fn default_colours_are_valid() {
        for id in ["a", "b", "practice.x"] {
            assert!(crate::codebook::parse_color(&default_color(id)).is_some());
        }
        assert_eq!(one_line(" a\nb \r\n c "), "a b c");
    }
}
