//! DOCX and ODT: any archive or XML is read or refused, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = glose::transcript_import::docx::extract_text("f.docx", data);
    let _ = glose::transcript_import::odt::extract_text("f.odt", data);
    let _ = glose::transcript_import::docx::document_text("f.docx", data);
    let _ = glose::transcript_import::odt::content_text("f.odt", data);
});
