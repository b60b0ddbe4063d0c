//! The envelope of the per-transcript records under `.glose/cache/documents/`
//! (`lengths.txt`, `headers.txt`): a first line `glose-<kind> <format> <checksum>`, then
//! the body, so that a damaged or foreign file is ignored as a whole.

use std::hash::Hasher;
use std::path::Path;

use rustc_hash::FxHasher;

/// The checksum of a derived file's body (FxHash of its bytes and length): catches a
/// damaged or truncated file, not a forgery.
pub(crate) fn checksum(body: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(body);
    h.write_usize(body.len());
    h.finish()
}

fn first_line(kind: &str, format: u32, body: &str) -> String {
    format!("glose-{kind} {format} {:016x}", checksum(body.as_bytes()))
}

/// The body of `text` when its first line is `kind`'s, at `format`, with the body's
/// checksum.
pub(super) fn body<'t>(text: &'t str, kind: &str, format: u32) -> Option<&'t str> {
    let (first, body) = text.split_once('\n')?;
    (first == first_line(kind, format, body)).then_some(body)
}

/// Writes `body` under its first line to `file`, atomically (errors ignored: a record that
/// cannot be written only costs time).
pub(super) fn write(file: &Path, kind: &str, format: u32, body: &str) {
    let text = format!("{}\n{body}", first_line(kind, format, body));
    crate::fsutil::write_derived(file, text.as_bytes());
}
