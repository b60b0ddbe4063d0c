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

/// Query text made of the language's pieces, including the deep and long shapes that
/// once overflowed the stack.
fn query_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("-".to_string()),
        Just("NOT ".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just("\"".to_string()),
        Just("~5 ".to_string()),
        Just("*".to_string()),
        Just("stage:".to_string()),
        Just("|".to_string()),
        Just("réseaux ".to_string()),
        Just(" ".to_string()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn queries_parse_or_fail_with_a_position_inside_the_text(raw in query_like()) {
        match glose::search::parse_query(&raw) {
            Ok(q) => {
                // The tree is bounded by the depth limit: walking it is safe.
                let mut nodes = 0usize;
                q.root.walk(&mut |_| nodes += 1);
                prop_assert!(nodes <= raw.chars().count() + 1);
            }
            Err(e) => prop_assert!(e.position <= raw.chars().count()),
        }
    }

    #[test]
    fn deep_queries_are_refused_not_overflowed(depth in 0usize..5000, kind in 0u8..3) {
        let raw = match kind {
            0 => format!("{}a{}", "(".repeat(depth), ")".repeat(depth)),
            1 => format!("{}a", "NOT ".repeat(depth)),
            _ => format!("{}a", "-".repeat(depth)),
        };
        let parsed = glose::search::parse_query(&raw);
        if depth <= 64 {
            prop_assert!(parsed.is_ok(), "{depth}");
        } else {
            prop_assert!(parsed.is_err(), "{depth}");
        }
    }

    #[test]
    fn codebook_trees_of_any_shape_are_walked_in_linear_work(
        parents in prop::collection::vec(prop::option::of(0usize..400), 0..400)
    ) {
        let codes: Vec<glose::codebook::Code> = parents
            .iter()
            .enumerate()
            .map(|(i, p)| glose::codebook::Code {
                id: format!("c{i}"),
                parent: p.map(|p| format!("c{p}")),
                label_fr: "x".into(),
                label_en: "x".into(),
                definition: String::new(),
                when_to_use: String::new(),
                when_not_to_use: String::new(),
                example: String::new(),
                color: "#000000".into(),
                exclusive: false,
                codable: true,
            })
            .collect();
        let cb = Codebook::from_codes("p", codes);
        prop_assert_eq!(cb.tree_order().len(), cb.codes.len());
        for c in &cb.codes {
            prop_assert_eq!(cb.depth(&c.id), cb.path_of(&c.id).len() - 1);
        }
        let _ = validate(&cb);
        let _ = cb.unsound();
    }

    #[test]
    fn subtitles_never_panic(raw in transcript_like()) {
        let _ = glose::transcript_import::subtitles::parse_srt("x.srt", &raw);
        let _ = glose::transcript_import::subtitles::parse_vtt("x.vtt", &format!("WEBVTT\n\n{raw}"));
        let _ = glose::transcript_import::import_bytes("x.srt", raw.as_bytes());
    }

    #[test]
    fn office_documents_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), xml in "\\PC{0,400}") {
        let _ = glose::transcript_import::docx::extract_text("x.docx", &bytes);
        let _ = glose::transcript_import::odt::extract_text("x.odt", &bytes);
        let _ = glose::transcript_import::docx::document_text("x.docx", xml.as_bytes());
        let _ = glose::transcript_import::odt::content_text("x.odt", xml.as_bytes());
    }

    #[test]
    fn zips_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let reader = std::io::Cursor::new(bytes);
        if let Ok(mut zip) = glose::safezip::SafeZip::new(reader, "x.zip".into(), Default::default()) {
            for name in zip.names().to_vec() {
                let _ = zip.read(&name);
            }
        }
    }

    #[test]
    fn refi_codebooks_never_panic(xml in "\\PC{0,400}") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.qdc");
        std::fs::write(&path, format!("<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>{xml}</Codes></CodeBook>")).unwrap();
        let _ = glose::refi::read_qdc(&path);
        std::fs::write(&path, &xml).unwrap();
        let _ = glose::refi::read_qdc(&path);
    }

    #[test]
    fn cases_and_pseudonyms_never_panic(raw in "\\PC{0,300}", text in transcript_like(), a in 0usize..400, b in 0usize..400) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        std::fs::write(&path, &raw).unwrap();
        let _ = glose::cases::Cases::load(&path);
        if let Ok(p) = glose::export::Pseudonyms::parse(Path::new("p.csv"), &format!("real,pseudonym\n{raw}")) {
            let d = p.for_doc("E01");
            let _ = d.apply(&text);
            let _ = d.apply_span(&text, a.min(b)..a.max(b));
            let _ = p.scan(&text);
        }
    }

    #[test]
    fn sheet_names_are_always_valid(values in prop::collection::vec("\\PC{0,40}", 1..20)) {
        let mut taken = std::collections::HashSet::new();
        for v in values {
            let name = glose::export::formats::xlsx::sheet_name(&v, &mut taken);
            prop_assert!(!name.is_empty() && name.encode_utf16().count() <= 31, "{name:?}");
            prop_assert!(!name.chars().any(|c| "[]:*?/\\".contains(c) || c.is_control()), "{name:?}");
            prop_assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}");
            prop_assert!(!name.eq_ignore_ascii_case("history"));
        }
    }

    #[test]
    fn printed_text_carries_no_terminal_control(raw in "\\PC{0,200}", c in any::<char>()) {
        let s = format!("{raw}{c}\u{1b}\u{9b}\u{202e}");
        let out = glose::text::escape_controls(&s);
        let chars: Vec<char> = out.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            let crlf = *ch == '\r' && chars.get(i + 1) == Some(&'\n');
            prop_assert!(!glose::text::is_unsafe_control(*ch) || crlf, "{out:?}");
        }
        let cell = glose::export::sanitize::neutralise(&s);
        prop_assert!(!cell.starts_with(['=', '+', '-', '@']));
    }
}
