//! SRT and WebVTT: any text parses or is refused with a message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = glose::transcript_import::subtitles::parse_srt("f.srt", &text);
    let _ = glose::transcript_import::subtitles::parse_vtt("f.vtt", &text);
    let _ = glose::transcript_import::import_bytes("f.srt", data);
    let _ = glose::transcript_import::import_bytes("f.vtt", data);
});
