//! The query parser: any text parses or fails with a position inside it, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match glose::search::parse_query(text) {
        Ok(q) => {
            let mut nodes = 0usize;
            q.root.walk(&mut |_| nodes += 1);
            assert!(nodes <= text.chars().count() + 1);
            let _ = q.uses_codings();
        }
        Err(e) => assert!(e.position <= text.chars().count()),
    }
});
