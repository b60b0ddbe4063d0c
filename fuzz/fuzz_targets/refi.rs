//! REFI-QDA readers: any .qdc or .qdpx is read or refused, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let qdc = dir.path().join("f.qdc");
    if std::fs::write(&qdc, data).is_ok() {
        let _ = glose::refi::read_qdc(&qdc);
    }
    let qdpx = dir.path().join("f.qdpx");
    if std::fs::write(&qdpx, data).is_ok() {
        let _ = glose::refi::read_qdpx(&qdpx);
    }
});
