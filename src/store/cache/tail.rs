//! The tail of a cache entry: the codings a writer appended to a coder file after the
//! bytes the entry was made from (`.glose/cache/codings/<coder>.tail.bin`).
//!
//! A fold that only adds codings appends their lines to the coder file instead of
//! rewriting it (`store/writer.rs`); the entry then no longer matches the file's size and
//! time, and reading it again would parse the whole file. The writer, which holds the
//! coder's lock, knows exactly what it appended to a file it had read through a fresh
//! entry, so it records the appended codings here, keyed by the file's new size and time
//! and by the entry they extend (its stamp and content hash). A reader uses the tail only
//! when the file's stamp is the tail's and older than the tail itself (git's racy rule,
//! as for the entry) and the entry is the one the tail extends; anything else (a rewrite,
//! a truncation, an edit in the same tick, a deleted entry) makes the reader parse the
//! file again, as without a tail.

use std::path::{Path, PathBuf};

use super::codec::{Reader, Writer};
use super::{
    AnchorTexts, CoderFile, Coding, Entry, Head, PREFIX_LEN, checksum, decode_block, encode_blocks,
    framed, read_block_refs, read_prefix, read_stamp, write_block_refs, write_stamp,
};
use crate::fsutil::{Stamp, mtime};

const MAGIC: &[u8; 8] = b"GLOSECFT";

/// The tail of `coder`'s entry in the cache folder `dir`.
pub(super) fn path(dir: &Path, coder: &str) -> PathBuf {
    dir.join(format!("{coder}.tail.bin"))
}

/// A tail read and checked.
pub(super) struct Tail {
    /// The coder file's stamp once the codings were appended.
    stamp: Stamp,
    /// When the tail was written.
    written: (u64, u32),
    /// The entry it extends: its stamp and content hash.
    base_stamp: Stamp,
    base_content: [u8; 32],
    /// The appended codings, in the order of the file.
    codings: Vec<Coding>,
}

impl Tail {
    /// The tail at `file` if it is intact and made from `source` for `coder`.
    pub(super) fn open(file: &Path, source: &Path, coder: &str) -> Option<Self> {
        let bytes = std::fs::read(file).ok()?;
        let written = mtime(&std::fs::metadata(file).ok()?)?;
        let prefix: &[u8; PREFIX_LEN] = bytes.get(..PREFIX_LEN)?.try_into().ok()?;
        let (head_len, head_sum) = read_prefix(prefix, MAGIC)?;
        let head_end = PREFIX_LEN.checked_add(usize::try_from(head_len).ok()?)?;
        let head = bytes.get(PREFIX_LEN..head_end)?;
        let blocks = bytes.get(head_end..)?;
        if checksum(head) != head_sum {
            return None;
        }
        let mut r = Reader::section(head)?;
        if r.string()? != source.to_string_lossy() || r.string()? != coder {
            return None;
        }
        let stamp = read_stamp(&mut r)?;
        let base_stamp = read_stamp(&mut r)?;
        let base_content: [u8; 32] = r.bytes(32)?.try_into().ok()?;
        let mut codings = Vec::new();
        for block in read_block_refs(&mut r)? {
            let start = usize::try_from(block.offset).ok()?;
            let end = start.checked_add(usize::try_from(block.len).ok()?)?;
            decode_block(
                blocks.get(start..end)?,
                &block,
                coder,
                AnchorTexts::Read,
                &mut codings,
            )?;
        }
        r.done().then_some(Self {
            stamp,
            written,
            base_stamp,
            base_content,
            codings,
        })
    }

    /// Whether the file, as stated now, is the one this tail describes: same size and
    /// time, older than the tail (git's racy rule).
    pub(super) fn fresh(&self, now: Option<Stamp>) -> bool {
        now.is_some_and(|s| s == self.stamp && s.older_than(self.written))
    }

    /// Whether this tail extends `entry` (the entry as it was when the codings were
    /// appended).
    pub(super) fn extends(&self, entry: &Entry) -> bool {
        entry.head.stamp == self.base_stamp && entry.head.content == self.base_content
    }

    /// The appended codings (on `doc` only, when given).
    pub(super) fn codings(&self, doc: Option<&str>) -> impl Iterator<Item = &Coding> {
        self.codings
            .iter()
            .filter(move |c| doc.is_none_or(|d| c.doc == d))
    }

    /// Consumes the tail into its codings.
    pub(super) fn into_codings(self) -> Vec<Coding> {
        self.codings
    }
}

/// Records that `appended` (whole lines of codings, nothing else) was appended to
/// `source`, which was `before` and is now `after`: a new tail over the entry, or over
/// the tail, that described `before` freshly. Does nothing when neither does, or when the
/// appended bytes hold anything but valid codings (the next reader parses the file).
pub(super) fn extend(
    dir: &Path,
    source: &Path,
    coder: &str,
    before: Stamp,
    after: Stamp,
    appended: &[u8],
) {
    let Some(entry) = Entry::open(&super::entry_path(dir, coder), source, coder) else {
        return;
    };
    let file = path(dir, coder);
    let mut codings = if entry.fresh(Some(before)) {
        Vec::new()
    } else {
        match Tail::open(&file, source, coder) {
            Some(t) if t.fresh(Some(before)) && t.extends(&entry) => t.into_codings(),
            _ => return,
        }
    };
    // A tail follows a file glose could read whole and that ends with a complete line.
    let Ok(text) = std::str::from_utf8(appended) else {
        return;
    };
    let parsed = CoderFile::parse(coder, text);
    if !entry.head.problems.is_empty()
        || !parsed.problems.is_empty()
        || !parsed.file.memos.is_empty()
        || !text.ends_with('\n')
        || after.size != before.size.saturating_add(appended.len() as u64)
    {
        return;
    }
    codings.extend(parsed.file.codings);
    write(&file, source, coder, &entry.head, after, &codings);
}

/// Writes the tail, then makes sure it is newer than the coder file (so that readers may
/// trust it on its stamp): a tail written in the same clock tick as the append is
/// written again a moment later.
fn write(file: &Path, source: &Path, coder: &str, base: &Head, stamp: Stamp, codings: &[Coding]) {
    let (blocks, refs) = encode_blocks(codings);
    let mut head = Writer::default();
    head.str(&source.to_string_lossy());
    head.str(coder);
    write_stamp(&mut head, stamp);
    write_stamp(&mut head, base.stamp);
    head.raw(&base.content);
    write_block_refs(&mut head, &refs);
    let bytes = framed(MAGIC, &head.finish(), &blocks);
    for _ in 0..5 {
        crate::fsutil::write_derived(file, &bytes);
        let newer = std::fs::metadata(file)
            .ok()
            .and_then(|m| mtime(&m))
            .is_some_and(|written| stamp.older_than(written));
        if newer {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}
