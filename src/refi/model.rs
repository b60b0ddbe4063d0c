//! A neutral, self-contained model of what glose exchanges through REFI-QDA:
//! users, a code tree, plain-text sources with coded selections, cases,
//! variables, notes and sets. The study layer maps to and from it.
//!
//! Invariants after reading (and expected by the writer): every selection
//! satisfies `start <= end <= text.chars().count()` in code points of the
//! normalised text (no BOM, LF line ends, NFC), end exclusive.

use std::fmt;

/// A REFI-QDA GUID in canonical form: lower-case, hyphenated, no braces.
///
/// Files use either case and optional braces (spec §1.6 of the notes); they are
/// compared case-insensitively, so the canonical form is what we keep.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Guid(String);

impl Guid {
    /// Parses `8-4-4-4-12` hex digits, either case, optionally in braces and
    /// surrounded by whitespace (the XSD type is a token).
    pub fn parse(s: &str) -> Option<Guid> {
        let s = s.trim();
        let s = s
            .strip_prefix('{')
            .and_then(|x| x.strip_suffix('}'))
            .unwrap_or(s);
        let groups: Vec<&str> = s.split('-').collect();
        let lens = [8usize, 4, 4, 4, 12];
        if groups.len() != lens.len() {
            return None;
        }
        for (g, len) in groups.iter().zip(lens) {
            if g.len() != len || !g.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
        }
        Some(Guid(s.to_ascii_lowercase()))
    }

    /// A fresh time-ordered GUID (UUID v7), for elements that lack a valid one.
    pub fn new_v7() -> Guid {
        Guid(uuid::Uuid::now_v7().hyphenated().to_string())
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An RGB colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#RGB`, `#RRGGBB`, `#RRGGBBAA` (alpha dropped) and `rgb(r, g, b)`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix('#') {
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let digit = |i: usize| {
                hex.get(i..i + 1)
                    .and_then(|d| u8::from_str_radix(d, 16).ok())
            };
            let pair = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|d| u8::from_str_radix(d, 16).ok())
            };
            return match hex.len() {
                3 => Some(Rgb([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
                6 | 8 => Some(Rgb([pair(0)?, pair(2)?, pair(4)?])),
                _ => None,
            };
        }
        let inner = s
            .strip_prefix("rgb(")
            .or_else(|| s.strip_prefix("RGB("))?
            .strip_suffix(')')?;
        let parts: Vec<u8> = inner
            .split(',')
            .map(|p| p.trim().parse::<u8>())
            .collect::<Result<_, _>>()
            .ok()?;
        match parts.as_slice() {
            [r, g, b] => Some(Rgb([*r, *g, *b])),
            _ => None,
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02X}{g:02X}{b:02X}")
    }
}

/// A whole exchanged project (`project.qde` inside a `.qdpx`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QdaProject {
    /// `Project/@name` (required by the schema).
    pub name: String,
    /// The exporting software (`Project/@origin`), used to guess offset units.
    pub origin: Option<String>,
    /// Project description.
    pub description: Option<String>,
    /// Who created the project.
    pub creating_user: Option<Guid>,
    /// When the project was created.
    pub creation_date: Option<jiff::Timestamp>,
    /// Users referenced by `creatingUser` attributes.
    pub users: Vec<User>,
    /// The code tree (top-level codes).
    pub codes: Vec<Code>,
    /// Variable definitions (attributes of cases and sources).
    pub variables: Vec<Variable>,
    /// Cases (participants, sites…).
    pub cases: Vec<Case>,
    /// Plain-text sources with their selections.
    pub sources: Vec<TextSource>,
    /// Notes (memos); where they attach is given by `note_refs` fields.
    pub notes: Vec<Note>,
    /// Sets (groups of codes, sources and notes).
    pub sets: Vec<Set>,
    /// Notes about the project as a whole.
    pub note_refs: Vec<Guid>,
}

/// A user of the exporting tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Identity.
    pub guid: Guid,
    /// Display name (may be empty).
    pub name: String,
}

/// One node of the code tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// Identity.
    pub guid: Guid,
    /// Name (ATLAS.ti 8 encodes hierarchy as `Parent::Child` in it).
    pub name: String,
    /// Colour, if the tool exported one (NVivo does not).
    pub color: Option<Rgb>,
    /// Definition or memo text.
    pub description: Option<String>,
    /// `false` for categories that only group other codes.
    pub is_codable: bool,
    /// Notes attached to this code (project files only; .qdc cannot carry them).
    pub note_refs: Vec<Guid>,
    /// Sub-codes.
    pub children: Vec<Code>,
}

/// A plain-text source and its selections.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextSource {
    /// Identity.
    pub guid: Guid,
    /// Display name.
    pub name: String,
    /// The text: UTF-8, no BOM, LF line ends, NFC.
    pub text: String,
    /// Description.
    pub description: Option<String>,
    /// Who added the source.
    pub creating_user: Option<Guid>,
    /// When it was added.
    pub creation_date: Option<jiff::Timestamp>,
    /// Coded (or annotated) spans of the text.
    pub selections: Vec<Selection>,
    /// Codings of the whole document (`TextSource/Coding`).
    pub codings: Vec<CodeRef>,
    /// Notes attached to the source.
    pub note_refs: Vec<Guid>,
    /// Document variables.
    pub variable_values: Vec<VariableValue>,
}

/// A span of a source's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Identity.
    pub guid: Guid,
    /// `@name`: empty (NVivo), the quote (QualCoder), a truncated quote (ATLAS.ti)…
    pub name: String,
    /// First code point, counted from 0 in the normalised text.
    pub start: usize,
    /// Code point after the last one (exclusive).
    pub end: usize,
    /// Who made the selection.
    pub creating_user: Option<Guid>,
    /// When.
    pub creation_date: Option<jiff::Timestamp>,
    /// A comment on the segment (MAXQDA writes these without any coding).
    pub description: Option<String>,
    /// The codes applied to this span.
    pub codings: Vec<CodeRef>,
    /// Notes attached to the span.
    pub note_refs: Vec<Guid>,
}

/// One coding: a code applied to a selection or a whole source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeRef {
    /// Identity of the coding itself.
    pub guid: Guid,
    /// The code applied.
    pub code_guid: Guid,
    /// Who coded.
    pub creating_user: Option<Guid>,
    /// When.
    pub creation_date: Option<jiff::Timestamp>,
    /// Notes attached to this coding.
    pub note_refs: Vec<Guid>,
}

/// A case (participant, organisation…) grouping sources and carrying variables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    /// Identity.
    pub guid: Guid,
    /// Name; MAXQDA writes nameless cases holding one document's variables.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Codes that characterise the case.
    pub code_refs: Vec<Guid>,
    /// Variable values of the case.
    pub variable_values: Vec<VariableValue>,
    /// Sources belonging to the case.
    pub source_refs: Vec<Guid>,
    /// Selections belonging to the case.
    pub selection_refs: Vec<Guid>,
}

/// The type of a variable (`typeOfVariable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariableType {
    /// Free text.
    Text,
    /// true / false.
    Boolean,
    /// Whole number.
    Integer,
    /// Decimal number.
    Float,
    /// Calendar date.
    Date,
    /// Date and time.
    DateTime,
}

impl VariableType {
    /// The schema's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            VariableType::Text => "Text",
            VariableType::Boolean => "Boolean",
            VariableType::Integer => "Integer",
            VariableType::Float => "Float",
            VariableType::Date => "Date",
            VariableType::DateTime => "DateTime",
        }
    }

    /// Parses the schema's spelling (case-insensitive).
    pub fn parse(s: &str) -> Option<VariableType> {
        let all = [
            VariableType::Text,
            VariableType::Boolean,
            VariableType::Integer,
            VariableType::Float,
            VariableType::Date,
            VariableType::DateTime,
        ];
        all.into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// A variable definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Identity.
    pub guid: Guid,
    /// Name.
    pub name: String,
    /// Value type.
    pub kind: VariableType,
    /// Description.
    pub description: Option<String>,
}

/// A typed variable value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `TextValue`.
    Text(String),
    /// `BooleanValue`.
    Boolean(bool),
    /// `IntegerValue`.
    Integer(i64),
    /// `FloatValue` (an xsd:decimal; NaN and infinities cannot be written).
    Float(f64),
    /// `DateValue`.
    Date(jiff::civil::Date),
    /// `DateTimeValue`.
    DateTime(jiff::Timestamp),
}

/// The value of one variable for a case or a source.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableValue {
    /// The variable.
    pub variable: Guid,
    /// The value; `None` when the file leaves it empty (allowed by the schema).
    pub value: Option<Value>,
}

/// A note (memo). Attachment is recorded on the annotated element's `note_refs`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    /// Identity.
    pub guid: Guid,
    /// Title.
    pub name: String,
    /// Text (normalised like source texts).
    pub text: String,
    /// Description.
    pub description: Option<String>,
    /// Author.
    pub creating_user: Option<Guid>,
    /// When written.
    pub creation_date: Option<jiff::Timestamp>,
}

/// A set: a named group of codes, sources and notes (ATLAS.ti code and document groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    /// Identity.
    pub guid: Guid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Member codes.
    pub member_codes: Vec<Guid>,
    /// Member sources (project files only).
    pub member_sources: Vec<Guid>,
    /// Member notes (project files only).
    pub member_notes: Vec<Guid>,
}

/// A codebook exchanged on its own (`.qdc`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Codebook {
    /// The exporting software.
    pub origin: Option<String>,
    /// The code tree.
    pub codes: Vec<Code>,
    /// Code sets.
    pub sets: Vec<Set>,
}

impl Default for Guid {
    /// A fresh v7 GUID, so that `Default` values are still valid identities.
    fn default() -> Self {
        Guid::new_v7()
    }
}

/// Visits every code of a tree, depth first, parents before children.
pub fn walk_codes<'a>(codes: &'a [Code], out: &mut Vec<&'a Code>) {
    for c in codes {
        out.push(c);
        walk_codes(&c.children, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_canonicalised() {
        let g = Guid::parse(" {D7AA29DA-519B-4946-9b90-253b6db8fd0a} ").unwrap();
        assert_eq!(g.as_str(), "d7aa29da-519b-4946-9b90-253b6db8fd0a");
        assert!(Guid::parse("d7aa29da519b49469b90253b6db8fd0a").is_none());
        assert!(Guid::parse("urn:uuid:d7aa29da-519b-4946-9b90-253b6db8fd0a").is_none());
        assert!(Guid::parse(&Guid::new_v7().to_string()).is_some());
    }

    #[test]
    fn colours_are_normalised() {
        assert_eq!(Rgb::parse("#ffff00").unwrap().to_string(), "#FFFF00");
        assert_eq!(Rgb::parse("#f0a").unwrap().to_string(), "#FF00AA");
        assert_eq!(Rgb::parse("#11223344").unwrap().to_string(), "#112233");
        assert_eq!(Rgb::parse("rgb(1, 2, 255)").unwrap().to_string(), "#0102FF");
        assert!(Rgb::parse("red").is_none());
        assert!(Rgb::parse("#12345").is_none());
    }
}
