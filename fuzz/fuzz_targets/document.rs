//! The document model: header, turns, paragraphs, sentences, passages and quote anchors
//! stay inside the text for any input.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let labels = vec!["Intervieweuse".to_string()];
    let doc = glose::document::Document::parse("F", Path::new("F.txt"), raw, &labels);
    let len = doc.char_len();
    for r in doc.sentences.iter().chain(doc.paragraphs.iter()) {
        assert!(r.start <= r.end && r.end <= len);
    }
    for t in &doc.turns {
        assert!(t.range.end <= len);
    }
    for p in glose::search::passages(&doc, glose::search::PassageUnit::DEFAULT) {
        assert!(p.range.end <= len);
    }
    let _ = glose::document::parse_header(raw);
    if let Some(word) = doc.text.split_whitespace().next() {
        for r in glose::store::find_quote(&doc.text, word) {
            assert!(r.end <= len);
        }
    }
});
