//! No input, however malformed, makes glose's parsers panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;

use glose::codebook::{Codebook, validate};
use glose::document::{Document, parse_header};
use glose::store::{CoderFile, find_quote};
use proptest::prelude::*;

/// Strings made of the pieces transcripts and their damage are made of.
fn transcript_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("id: E01\n".to_string()),
        Just("Fondatrice\u{a0}: ".to_string()),
        Just("[00:12:31] Intervieweuse : ".to_string()),
        Just("M. Dupont. ".to_string()),
        Just("etc. ".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("e\u{301}".to_string()),
        Just("😀‍👩 ".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just(" : ".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn documents_parse_and_units_slice_the_text(raw in transcript_like()) {
        let labels = vec!["Intervieweuse".to_string()];
        let doc = Document::parse("E01", Path::new("E01.txt"), &raw, &labels);
        let len = doc.char_len();
        for r in doc.sentences.iter().chain(doc.paragraphs.iter()) {
            prop_assert!(r.start <= r.end && r.end <= len);
            let s = doc.slice(r.clone());
            prop_assert!(!s.trim().is_empty());
        }
        for t in &doc.turns {
            prop_assert!(t.range.start <= t.content.start && t.content.end <= t.range.end);
            prop_assert!(t.range.end <= len);
        }
        let _ = parse_header(&raw);
    }

    #[test]
    fn coder_files_never_panic(raw in "\\PC{0,300}") {
        let loaded = CoderFile::parse("a", &raw);
        let _ = loaded.file.serialize();
    }

    #[test]
    fn codebooks_never_panic(raw in "\\PC{0,300}") {
        if let Ok(cb) = Codebook::parse(Path::new("c.json"), &raw) {
            let _ = validate(&cb);
            let _ = cb.tree_order();
        }
    }

    #[test]
    fn quotes_found_slice_back_to_equivalent_text(text in transcript_like(), start in 0usize..50, len in 1usize..20) {
        let chars: Vec<char> = text.chars().collect();
        if start + len <= chars.len() {
            let quote: String = chars[start..start + len].iter().collect();
            if !quote.trim().is_empty() {
                for r in find_quote(&text, &quote) {
                    prop_assert!(r.end <= chars.len());
                }
            }
        }
    }
}
