//! A glose code in a REFI-QDA `Description`, and back.
//!
//! REFI-QDA codes have a name, a colour and one free-text description; glose codes have
//! an id, two labels, a definition, when to use, when not to use, an example and an
//! exclusivity flag. The description carries the definition first (what other tools
//! show), then `When to use: …`, `When not to use: …` and `Example: …` paragraphs, then
//! one last line `[glose] {"id":…}` with what has no place elsewhere, so that a study
//! exported and imported again keeps its code ids and both labels. Other tools show that
//! line as text; a description without it is read as a plain definition.

use serde::{Deserialize, Serialize};

use crate::codebook::Code;

/// The prefix of the last line of a description written by glose.
pub const MARKER: &str = "[glose] ";

const SECTIONS: [&str; 4] = ["When to use: ", "When not to use: ", "Example: ", MEMOS];

/// The heading of the memos on a code, written last before the marker: QualCoder shows a
/// code's `Description` as its memo and reads no `Note`.
pub const MEMOS: &str = "Memos: ";

/// What the marker line holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Marker {
    id: String,
    #[serde(default)]
    label_fr: String,
    #[serde(default)]
    label_en: String,
    #[serde(default)]
    exclusive: bool,
}

/// The fields of a glose code recovered from a description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Described {
    /// The glose id, when the description was written by glose.
    pub id: Option<String>,
    /// French label from the marker.
    pub label_fr: Option<String>,
    /// English label from the marker.
    pub label_en: Option<String>,
    /// The definition (the whole description when there is no marker).
    pub definition: String,
    /// When to use.
    pub when_to_use: String,
    /// When not to use.
    pub when_not_to_use: String,
    /// Example.
    pub example: String,
    /// Whether the group's children are mutually exclusive.
    pub exclusive: bool,
    /// The memos glose wrote after [`MEMOS`] (they are also in `Note`s).
    pub memos: String,
}

/// The description written for `code`.
pub fn code_description(code: &Code) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !code.definition.is_empty() {
        parts.push(code.definition.clone());
    }
    for (heading, value) in
        SECTIONS
            .iter()
            .zip([&code.when_to_use, &code.when_not_to_use, &code.example])
    {
        if !value.is_empty() {
            parts.push(format!("{heading}{value}"));
        }
    }
    let marker = Marker {
        id: code.id.clone(),
        label_fr: code.label_fr.clone(),
        label_en: code.label_en.clone(),
        exclusive: code.exclusive,
    };
    let json = serde_json::to_string(&marker).unwrap_or_default();
    parts.push(format!("{MARKER}{json}"));
    parts.join("\n\n")
}

/// Reads a description, written by glose or not.
pub fn parse_description(desc: &str) -> Described {
    let (rest, marker) = match desc.rsplit_once('\n') {
        Some((rest, last)) if last.starts_with(MARKER) => (rest, Some(last)),
        None if desc.starts_with(MARKER) => ("", Some(desc)),
        _ => (desc, None),
    };
    let marker: Option<Marker> =
        marker.and_then(|m| serde_json::from_str(m.get(MARKER.len()..).unwrap_or("")).ok());
    let Some(marker) = marker else {
        return Described {
            definition: desc.trim().to_string(),
            ..Described::default()
        };
    };
    let mut rest = rest.trim_end_matches('\n');
    let mut fields = [String::new(), String::new(), String::new(), String::new()];
    for (i, heading) in SECTIONS.iter().enumerate().rev() {
        let sep = format!("\n\n{heading}");
        if let Some(pos) = rest.rfind(&sep) {
            fields[i] = rest.get(pos + sep.len()..).unwrap_or("").to_string();
            rest = rest.get(..pos).unwrap_or("");
        } else if let Some(value) = rest.strip_prefix(heading) {
            fields[i] = value.to_string();
            rest = "";
        }
    }
    let [when_to_use, when_not_to_use, example, memos] = fields;
    Described {
        id: Some(marker.id),
        label_fr: Some(marker.label_fr),
        label_en: Some(marker.label_en),
        definition: rest.to_string(),
        when_to_use,
        when_not_to_use,
        example,
        exclusive: marker.exclusive,
        memos,
    }
}

/// `description` (as written by [`code_description`]) with `memos` added before its
/// marker line.
pub fn with_memos(description: &str, memos: &[&str]) -> String {
    let memos: Vec<&str> = memos
        .iter()
        .copied()
        .filter(|m| !m.trim().is_empty())
        .collect();
    if memos.is_empty() {
        return description.to_string();
    }
    let section = format!("{MEMOS}{}", memos.join("\n\n"));
    match description.rsplit_once("\n\n") {
        Some((rest, marker)) if marker.starts_with(MARKER) => {
            format!("{rest}\n\n{section}\n\n{marker}")
        }
        None if description.starts_with(MARKER) => format!("{section}\n\n{description}"),
        _ => format!("{description}\n\n{section}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> Code {
        Code {
            id: "practice.community".into(),
            parent: Some("practice".into()),
            label_fr: "Construction de communauté".into(),
            label_en: "Community building".into(),
            definition: "Actions visant…\n\nSecond paragraphe.".into(),
            when_to_use: "Pour les propos généraux.".into(),
            when_not_to_use: String::new(),
            example: "« Une vraie commu. »".into(),
            color: "#319A80".into(),
            exclusive: true,
            codable: true,
        }
    }

    #[test]
    fn round_trips_every_field() {
        let c = code();
        let d = parse_description(&code_description(&c));
        assert_eq!(d.id.as_deref(), Some("practice.community"));
        assert_eq!(d.label_fr.as_deref(), Some("Construction de communauté"));
        assert_eq!(d.label_en.as_deref(), Some("Community building"));
        assert_eq!(d.definition, c.definition);
        assert_eq!(d.when_to_use, c.when_to_use);
        assert_eq!(d.when_not_to_use, "");
        assert_eq!(d.example, c.example);
        assert!(d.exclusive);
        let empty = Code {
            definition: String::new(),
            when_to_use: String::new(),
            example: String::new(),
            ..c
        };
        let d = parse_description(&code_description(&empty));
        assert_eq!(d.definition, "");
        assert_eq!(d.id.as_deref(), Some("practice.community"));
        let only_example = Code {
            example: "x".into(),
            ..empty
        };
        let d = parse_description(&code_description(&only_example));
        assert_eq!((d.definition.as_str(), d.example.as_str()), ("", "x"));
    }

    #[test]
    fn memos_go_before_the_marker_and_come_back_apart() {
        let c = code();
        let desc = with_memos(&code_description(&c), &["Premier mémo.", "", "Second."]);
        assert!(
            desc.contains("\n\nMemos: Premier mémo.\n\nSecond.\n\n[glose] "),
            "{desc}"
        );
        let d = parse_description(&desc);
        assert_eq!(d.example, c.example);
        assert_eq!(d.memos, "Premier mémo.\n\nSecond.");
        assert_eq!(d.id.as_deref(), Some("practice.community"));
        assert_eq!(with_memos("x", &[]), "x");
    }

    #[test]
    fn other_tools_descriptions_are_definitions() {
        let d = parse_description("Anything about jobs or taxes or business\n");
        assert_eq!(d.id, None);
        assert_eq!(d.definition, "Anything about jobs or taxes or business");
        let d = parse_description("x\n[glose] not json");
        assert_eq!(d.id, None);
    }
}
