//! Test fixtures for the span-based agreement code: a tiny codebook, a tiny transcript and
//! codings made through the store's own constructor.

use std::ops::Range;
use std::path::Path;

use crate::document::{DEFAULT_INTERVIEWER_LABELS, Document};
use crate::store::{Coding, new_coding};

/// A codebook with a non-exclusive group (role) and an exclusive one (stage).
pub const CODEBOOK: &str = r#"{"schema_version": 1, "name": "t", "codes": [
  {"id": "role"},
  {"id": "role.sales", "parent": "role"},
  {"id": "role.communication", "parent": "role"},
  {"id": "role.communication.press", "parent": "role.communication"},
  {"id": "stage", "exclusive": true},
  {"id": "stage.pre-launch", "parent": "stage"},
  {"id": "stage.launch", "parent": "stage"},
  {"id": "stage.growth", "parent": "stage"},
  {"id": "stage.consolidation", "parent": "stage"}
]}"#;

/// Three turns, three paragraphs, five sentences:
/// "Question un ?", "Première phrase ici.", "Deuxième phrase là.", "Troisième.", "Merci."
pub const TEXT: &str = "Intervieweuse : Question un ?\n\nFondatrice : Première phrase ici. \
Deuxième phrase là. Troisième.\n\nIntervieweuse : Merci.\n";

/// The transcript above with id `id`.
pub fn doc(id: &str) -> Document {
    let labels: Vec<String> = DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let raw = format!("---\nid: {id}\n---\n{TEXT}");
    Document::parse(id, Path::new("x.txt"), &raw, &labels)
}

/// The char range of the first occurrence of `needle` in the body.
pub fn span(doc: &Document, needle: &str) -> Range<usize> {
    let byte = doc.text.find(needle).unwrap();
    let start = doc.char_of(byte);
    start..start + needle.chars().count()
}

/// A coding by `coder`.
pub fn coding(doc: &Document, coder: &str, code: &str, range: Range<usize>) -> Coding {
    new_coding(doc, code, range, None, coder)
}

/// Owned coder names.
pub fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| s.to_string()).collect()
}
