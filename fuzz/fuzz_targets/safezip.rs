//! The safe zip reader: any bytes are an archive whose entries read within the limits, or
//! an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = glose::safezip::Limits::default();
    let max = limits.max_entry_bytes;
    let reader = std::io::Cursor::new(data.to_vec());
    if let Ok(mut zip) = glose::safezip::SafeZip::new(reader, "f.zip".into(), limits) {
        for name in zip.names().to_vec() {
            if let Ok(bytes) = zip.read(&name) {
                assert!(bytes.len() as u64 <= max);
            }
        }
    }
});
