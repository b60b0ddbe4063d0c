//! Transcript importers on real files (tests/fixtures/import, made by make_fixtures.py),
//! hostile inputs, and SRT/VTT round trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::io::{Cursor, Write};

use glose::transcript_import::subtitles::{parse_srt, parse_vtt, render_srt, render_vtt};
use glose::transcript_import::{
    Cue, Format, ImportError, ImportOptions, TextEncoding, import_bytes, import_bytes_with,
};
use proptest::prelude::*;
use zip::write::SimpleFileOptions;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import_fixture(name: &str) -> glose::transcript_import::Imported {
    import_bytes(name, &fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

// ------------------------------------------------------------------ fixtures

#[test]
fn docx_fixture() {
    let imported = import_fixture("entretien.docx");
    assert_eq!(imported.detected, Format::Docx);
    assert_eq!(
        imported.body,
        "Intervieweuse : Bonjour Inès, merci d’avoir accepté cet entretien.\n\
         \n\
         Fondatrice : Oui, bien sûr. Alors… Pousse-Pousse, c’est « une boutique en ligne » \
         de vêtements d’occasion.\t(rires)\n\
         On a commencé en 2019 & ça a marché.\n\
         \n\
         Intervieweuse : Et au moment du lancement\u{a0}?\n\
         \n\
         Fondatrice : L’équipe, c’était nous deux.\n"
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn odt_fixture() {
    let imported = import_fixture("entretien.odt");
    assert_eq!(imported.detected, Format::Odt);
    assert_eq!(
        imported.body,
        "Entretien E07 — Atelier Brindille\n\
         \n\
         Enquêteur : Comment est née l’idée ?\n\
         \n\
         Fondateur : Un peu par hasard.  On fabriquait des jouets en bois pour nos enfants,\n\
         puis les voisins en ont voulu.\n\
         \n\
         Enquêteur :\t« Les voisins » ?\n\
         \n\
         Fondateur : Oui, c’est parti de là.\n"
    );
}

#[test]
fn vtt_fixture() {
    let imported = import_fixture("entretien.vtt");
    assert_eq!(imported.detected, Format::Vtt);
    assert_eq!(
        imported.body,
        "[00:00:01] Intervieweuse : Bonjour Karim, merci d’être là.\n\
         [00:00:04] On commence par « la genèse » ?\n\
         \n\
         [00:00:07] Karim : Oui ! Alors, au départ, c’était un compte Instagram & une idée.\n\
         [00:00:13] Rien de plus.\n\
         \n\
         [00:01:02] Intervieweuse : Et ensuite ?\n\
         \n\
         [00:01:05] Locuteur : (rires)\n"
    );
}

#[test]
fn srt_fixture_with_bom_and_crlf() {
    let bytes = fixture("entretien.srt");
    assert!(bytes.starts_with(b"\xef\xbb\xbf1\r\n"));
    let imported = import_fixture("entretien.srt");
    assert_eq!(imported.detected, Format::Srt);
    assert_eq!(
        imported.body,
        "[00:00:00] Enquêtrice : Vous vendez surtout sur Instagram ?\n\
         \n\
         [00:00:03] Fondateur : Au début, oui. Maintenant on passe par TikTok.\n\
         \n\
         [00:00:07] Locuteur : Et « le bouche-à-oreille ».\n\
         \n\
         [00:00:10] Enquêtrice : D’accord.\n"
    );
    assert_eq!(
        imported.warnings,
        ["entretien.srt: 1 cue(s) without a speaker were given the label \"Locuteur\""]
    );
    // The label for cues without a speaker is a parameter.
    let options = ImportOptions {
        default_speaker: "Inconnu".into(),
        ..ImportOptions::default()
    };
    let imported = import_bytes_with("entretien.srt", &bytes, &options).unwrap();
    assert!(imported.body.contains("[00:00:07] Inconnu : Et « le"));
}

#[test]
fn srt_without_speakers_becomes_paragraphs_split_on_pauses() {
    let imported = import_fixture("sans-locuteur.srt");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(
        imported.body,
        "[00:00:01] Alors on a lancé la boutique\n\
         [00:00:03] en mars 2020.\n\
         \n\
         [00:00:08] C’était le confinement.\n"
    );
}

#[test]
fn utf16le_text_fixture() {
    let imported = import_fixture("ancien-utf16le.txt");
    assert_eq!(
        imported.detected,
        Format::Text {
            encoding: TextEncoding::Utf16Le
        }
    );
    assert_eq!(
        imported.body,
        "Intervieweur : Comment avez-vous trouvé vos premiers clients ?\n\
         \n\
         Fondatrice : Par le bouche-à-oreille… et « Leboncoin ».\n"
    );
    assert_eq!(imported.warnings.len(), 1);
    assert!(imported.warnings[0].contains("UTF-16LE"));
}

#[test]
fn windows_1252_text_fixture() {
    let imported = import_fixture("ancien-cp1252.txt");
    assert_eq!(
        imported.detected,
        Format::Text {
            encoding: TextEncoding::Windows1252
        }
    );
    assert_eq!(
        imported.body,
        "Enquêteur : Quel budget ?\nFondateur : Environ 3 000 € ; c’était « à l’œil ».\n"
    );
    assert!(imported.warnings[0].contains("Windows-1252"));
}

#[test]
fn extension_is_case_insensitive() {
    let imported = import_bytes("ENTRETIEN.DOCX", &fixture("entretien.docx")).unwrap();
    assert_eq!(imported.detected, Format::Docx);
}

// ------------------------------------------------------------------ hostile inputs

fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const DOC: &[u8] =
    br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:body></w:document>"#;

fn err_of(name: &str, bytes: &[u8]) -> (ImportError, String) {
    let err = import_bytes(name, bytes).expect_err("hostile input must be refused");
    let msg = err.to_string();
    assert!(msg.starts_with(name), "message must name the file: {msg}");
    (err, msg)
}

#[test]
fn zip_slip_entry_is_refused() {
    let bytes = make_zip(&[("word/document.xml", DOC), ("../../.bashrc", b"rm -rf ~")]);
    let (err, msg) = err_of("slip.docx", &bytes);
    assert!(matches!(err, ImportError::UnsafeZip { .. }));
    assert!(
        msg.contains("../../.bashrc") && msg.contains("traversal"),
        "{msg}"
    );
    let bytes = make_zip(&[("/etc/cron.d/x", b"x"), ("content.xml", b"<a/>")]);
    let (_, msg) = err_of("abs.odt", &bytes);
    assert!(msg.contains("absolute"), "{msg}");
}

#[test]
fn zip_bomb_is_refused() {
    // 16 MiB of empty paragraphs deflates to a few kilobytes.
    let mut xml = b"<w:document xmlns:w=\"x\"><w:body>".to_vec();
    xml.extend(b"<w:p/>".repeat(16 * 1024 * 1024 / 6));
    xml.extend(b"</w:body></w:document>");
    let bytes = make_zip(&[("word/document.xml", &xml)]);
    assert!(bytes.len() < 200_000);
    let (err, msg) = err_of("bomb.docx", &bytes);
    assert!(matches!(err, ImportError::UnsafeZip { .. }));
    assert!(
        msg.contains("word/document.xml") && msg.contains("zip bomb"),
        "{msg}"
    );
}

#[test]
fn zip_sizes_in_headers_are_not_trusted() {
    let mut xml = b"<w:document xmlns:w=\"x\"><w:body>".to_vec();
    xml.extend(b"<w:p/>".repeat(500_000));
    xml.extend(b"</w:body></w:document>");
    let mut bytes = make_zip(&[("word/document.xml", &xml)]);
    // Claim 100 bytes uncompressed in the local header (offset 22) and the central
    // directory entry (offset 24 from its signature).
    bytes[22..26].copy_from_slice(&100u32.to_le_bytes());
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
    let _ = err_of("liar.docx", &bytes);
}

#[test]
fn entity_declarations_are_refused() {
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
    let (err, msg) = err_of("laughs.docx", &make_zip(&[("word/document.xml", laughs)]));
    assert!(matches!(err, ImportError::Xml { .. }));
    assert!(
        msg.contains("word/document.xml") && msg.contains("DOCTYPE"),
        "{msg}"
    );
    let xxe = br#"<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>"#;
    let (_, msg) = err_of("xxe.odt", &make_zip(&[("content.xml", xxe)]));
    assert!(
        msg.contains("content.xml") && msg.contains("DOCTYPE"),
        "{msg}"
    );
}

#[test]
fn truncated_zip_is_refused() {
    let bytes = fixture("entretien.docx");
    let (err, _) = err_of("cut.docx", &bytes[..bytes.len() / 2]);
    assert!(matches!(err, ImportError::Zip { .. }));
    let bytes = fixture("entretien.odt");
    let (err, _) = err_of("cut.odt", &bytes[..bytes.len() - 10]);
    assert!(matches!(err, ImportError::Zip { .. }));
}

#[test]
fn wrong_kind_of_zip_names_the_missing_entry() {
    let (err, msg) = err_of("odt-renamed.docx", &fixture("entretien.odt"));
    assert!(matches!(err, ImportError::MissingEntry { .. }));
    assert!(msg.contains("word/document.xml"), "{msg}");
}

#[test]
fn garbage_bytes_are_refused() {
    // Deterministic pseudo-random bytes (xorshift), including NULs and control bytes.
    let mut x: u32 = 0x9e37_79b9;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    for name in ["g.docx", "g.odt", "g.vtt", "g.srt", "g.txt", "g.md"] {
        let (_, msg) = err_of(name, &garbage);
        assert!(!msg.is_empty());
    }
    let (err, _) = err_of("g.txt", &garbage);
    assert!(matches!(err, ImportError::Encoding { .. }), "{err}");
    let (_, msg) = err_of("words.srt", b"just some words\nnothing else\n");
    assert!(msg.starts_with("words.srt: line 1:"), "{msg}");
    let (_, msg) = err_of("words.vtt", b"just some words\n");
    assert!(msg.contains("WEBVTT"), "{msg}");
}

#[test]
fn empty_files_are_refused() {
    for name in ["e.docx", "e.odt", "e.vtt", "e.srt", "e.txt", "e.md"] {
        let (err, msg) = err_of(name, b"");
        assert!(matches!(err, ImportError::Empty { .. }), "{msg}");
    }
}

#[test]
fn pathological_cue_lines_stay_linear() {
    // Quadratic scanning would take minutes on these lines.
    for filler in ["<", "{\\", "&"] {
        let line = filler.repeat(300_000);
        let vtt = format!("WEBVTT\n\n00:00.000 --> 00:01.000\n{line}\n");
        let srt = format!("1\n00:00:00,000 --> 00:00:01,000\n{line}\n");
        assert!(import_bytes("p.vtt", vtt.as_bytes()).is_ok());
        assert!(import_bytes("p.srt", srt.as_bytes()).is_ok());
    }
}

// ------------------------------------------------------------------ round trips

fn word() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9àéèêçôœÉ«»’?!,.()'-]{1,10}"
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..=max).prop_map(|w| w.join(" "))
}

fn cue() -> impl Strategy<Value = Cue> {
    let speaker = prop::option::of(
        prop::collection::vec("[A-Z][a-zéè]{0,7}", 1..=3).prop_map(|w| w.join(" ")),
    );
    let text = prop::collection::vec(words(6), 1..=3).prop_map(|l| l.join("\n"));
    (0u64..360_000_000, 0u64..100_000, speaker, text).prop_map(|(start, len, speaker, text)| Cue {
        start_ms: start,
        end_ms: start + len,
        speaker,
        text,
        line: 0,
    })
}

/// The cues without their file lines (which a rendered file gives them anew), checking
/// that those lines rise through the file.
fn without_lines(cues: Vec<Cue>) -> Vec<Cue> {
    assert!(
        cues.windows(2)
            .all(|w| w[0].line <= w[1].line && w[0].line > 0)
    );
    cues.into_iter().map(|c| Cue { line: 0, ..c }).collect()
}

proptest! {
    #[test]
    fn srt_round_trip(cues in prop::collection::vec(cue(), 1..20)) {
        let text = render_srt(&cues);
        prop_assert_eq!(without_lines(parse_srt("p.srt", &text).unwrap()), cues.clone());
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        prop_assert_eq!(without_lines(parse_srt("p.srt", &crlf).unwrap()), cues);
    }

    #[test]
    fn vtt_round_trip(cues in prop::collection::vec(cue(), 1..20), extra in "[&<>]{0,3}") {
        // Markup characters in the text must survive escaping.
        let mut cues = cues;
        if let Some(first) = cues.first_mut() {
            first.text.push_str(&extra);
        }
        let text = render_vtt(&cues);
        prop_assert_eq!(without_lines(parse_vtt("p.vtt", &text).unwrap()), cues);
    }

    #[test]
    fn subtitle_parsers_never_panic(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "WEBVTT\n", "\n", "\r\n", "1\n", "00:00:01.000 --> 00:00:02.000 align:start\n",
                "00:01,5 --> 99:59:59,999\n", "-->", "<v A B>", "<v.x>", "</v>", "<i>", "<",
                ">", "&amp;", "&#x0;", "&#99999999;", "&", ";", "{\\an8}", "{", "NOTE ", "Q : ",
                "A:", "é", "\u{feff}", " ", "\t", "x",
            ]),
            0..60,
        )
    ) {
        let text: String = parts.concat();
        let _ = parse_srt("f.srt", &text);
        let _ = parse_vtt("f.vtt", &text);
        let _ = import_bytes("f.vtt", text.as_bytes());
    }

    #[test]
    fn importers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for name in ["f.srt", "f.vtt", "f.txt", "f.docx", "f.odt"] {
            let _ = import_bytes(name, &bytes);
        }
    }
}

// ------------------------------------------------------------------ #20 item 11

/// Replaces every occurrence of `from` by `to` (same length) in raw archive bytes, so that
/// the local header and the central directory both carry the new name.
fn patch_bytes(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut i = 0;
    let mut hits = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            hits += 1;
        }
        i += 1;
    }
    assert!(
        hits >= 2,
        "name found in local header and central directory"
    );
}

#[test]
fn docx_with_two_document_entries_is_refused() {
    let other = br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>hidden</w:t></w:r></w:p></w:body></w:document>"#;
    let mut bytes = make_zip(&[("word/document.xml", DOC), ("word/documenX.xml", other)]);
    patch_bytes(&mut bytes, b"word/documenX.xml", b"word/document.xml");
    let (err, msg) = err_of("twice.docx", &bytes);
    assert!(
        matches!(err, ImportError::UnsafeZip { .. } | ImportError::Zip { .. }),
        "{err:?}"
    );
    assert!(
        msg.contains("word/document.xml") || msg.contains("uplicate"),
        "{msg}"
    );
}

#[test]
fn docx_character_reference_to_a_control_is_refused() {
    for reference in ["&#27;", "&#x1b;", "&#x9b;", "&#7;"] {
        let xml = format!(
            r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>a{reference}[2Jb</w:t></w:r></w:p></w:body></w:document>"#
        );
        let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
        let (err, msg) = err_of("esc.docx", &bytes);
        assert!(matches!(err, ImportError::Xml { .. }), "{err:?}");
        assert!(msg.contains("control character"), "{msg}");
    }
    // A tab and a line break written as references are ordinary text.
    let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve">a&#9;b&#10;c</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
    assert_eq!(import_bytes("ok.docx", &bytes).unwrap().body, "a\tb\nc\n");
}

// ------------------------------------------------------------------ every cue keeps its time

fn parsed(body: &str) -> glose::document::Document {
    let labels: Vec<String> = glose::document::DEFAULT_INTERVIEWER_LABELS
        .iter()
        .map(|s| s.to_string())
        .collect();
    glose::document::Document::parse("x", std::path::Path::new("x.txt"), body, &labels)
}

#[test]
fn every_vtt_cue_keeps_its_start_time_in_the_document() {
    let doc = parsed(&import_fixture("entretien.vtt").body);
    assert_eq!(doc.layout, Some(glose::document::Layout::TimeLabel));
    let speakers: Vec<&str> = doc.turns.iter().map(|t| t.speaker.as_str()).collect();
    assert_eq!(
        speakers,
        ["Intervieweuse", "Karim", "Intervieweuse", "Locuteur"]
    );
    let time_of = |needle: &str| {
        let byte = doc.text.find(needle).unwrap();
        doc.time_at(doc.char_of(byte))
    };
    assert_eq!(time_of("Bonjour Karim"), Some(1));
    assert_eq!(time_of("On commence"), Some(4));
    assert_eq!(time_of("Rien de plus"), Some(13));
    assert_eq!(time_of("Et ensuite"), Some(62));
}

#[test]
fn a_sentence_may_span_two_cues() {
    let doc = parsed(&import_fixture("sans-locuteur.srt").body);
    let sentences: Vec<&str> = doc.sentences.iter().map(|r| doc.slice(r.clone())).collect();
    assert_eq!(
        sentences,
        [
            "[00:00:01] Alors on a lancé la boutique\n[00:00:03] en mars 2020.",
            "[00:00:08] C’était le confinement."
        ]
    );
    let second_cue = doc.char_of(doc.text.find("en mars").unwrap());
    assert_eq!(doc.time_at(second_cue), Some(3));
}
