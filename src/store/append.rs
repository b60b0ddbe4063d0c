//! Appending lines to a coder file in place: how a fold that only adds codings writes
//! them (`writer.rs`), without rewriting and syncing the whole file.
//!
//! The caller holds the coder's lock and keeps the saves in the journal until this
//! returns: a crash inside the append leaves a last line without its newline (or a
//! complete line whose newline did not reach the disk), which the journal still covers;
//! the next writer cuts such a line off, keeping a copy, and replays the journal.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::fsutil::{PathError, Stamp};

/// Appends `lines` (whole lines, each ending with a newline) to the file at `path` and
/// flushes them to disk (fdatasync), if the file is still `seen` (same size and time) and
/// ends with a newline. Returns its stamp after the append, or `None` when it did not
/// append (the file changed, does not end a line, or cannot be opened for appending),
/// leaving the file as it was: the caller then rewrites it whole.
pub(crate) fn append_lines(
    path: &Path,
    seen: Stamp,
    lines: &[u8],
) -> Result<Option<Stamp>, PathError> {
    if lines.is_empty() || !lines.ends_with(b"\n") {
        return Ok(None);
    }
    let Ok(mut file) = OpenOptions::new().read(true).append(true).open(path) else {
        return Ok(None);
    };
    let stated = |f: &std::fs::File| f.metadata().ok().as_ref().and_then(Stamp::of);
    if stated(&file) != Some(seen) || !ends_with_newline(&file, seen.size) {
        return Ok(None);
    }
    if let Err(e) = file.write_all(lines).and_then(|()| file.sync_data()) {
        // Cut back to where it was, so the file keeps no half line; should that fail
        // too, the next writer cuts the torn line off (the journal holds the saves).
        let _ = file.set_len(seen.size).and_then(|()| file.sync_data());
        return Err(PathError::with(path, "cannot save")(e));
    }
    Ok(stated(&file))
}

/// Whether the file's last byte (of `size`) is a newline; an empty file ends a line.
fn ends_with_newline(file: &std::fs::File, size: u64) -> bool {
    let Some(last) = size.checked_sub(1) else {
        return true;
    };
    let mut byte = [0u8; 1];
    crate::fsutil::read_exact_at(file, last, &mut byte).is_ok() && byte == *b"\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap()).unwrap()
    }

    #[test]
    fn appends_only_to_the_file_as_seen_ending_with_a_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "one\n").unwrap();
        let seen = stamp(&path);
        let after = append_lines(&path, seen, b"two\n").unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        assert_eq!(after, stamp(&path));
        // Seen before the last append: refused, file unchanged.
        assert!(append_lines(&path, seen, b"three\n").unwrap().is_none());
        // A last line without its newline is never continued.
        std::fs::write(&path, "one\ntw").unwrap();
        assert!(append_lines(&path, stamp(&path), b"x\n").unwrap().is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\ntw");
        // Nor is a half line appended.
        std::fs::write(&path, "").unwrap();
        assert!(append_lines(&path, stamp(&path), b"x").unwrap().is_none());
        assert!(append_lines(&path, stamp(&path), b"x\n").unwrap().is_some());
    }
}
