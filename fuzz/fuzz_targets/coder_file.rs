//! The coder-file reader: any bytes load (bad lines reported), and what loads re-serialises
//! to something that loads again with the same codings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = glose::store::CoderFile::parse("fuzz", &text);
    let again = glose::store::CoderFile::parse("fuzz", &loaded.file.serialize());
    assert_eq!(again.file.codings.len(), loaded.file.codings.len());
});
