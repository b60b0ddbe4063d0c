//! The parsed coder-file cache: each coder file, once parsed, kept in a compact binary
//! form under `.glose/cache/codings/<coder>.bin`, so that readers (check, agreement,
//! exports, matrix, report, `code list`) do not parse tens of megabytes of JSON lines on
//! every command.
//!
//! An entry is keyed as git's index keys a file: by the coder file's path, size and
//! modification time (nanoseconds). Those alone are trusted only when the file's
//! modification time is older than the entry's own (git's racy-timestamp rule: a file
//! changed in the same clock tick as the entry was written may keep its size and time);
//! otherwise the file is read and its SHA-256 compared with the one the entry holds, and
//! on any difference it is parsed again and the entry rewritten. The codings are stored in
//! blocks, one per run of codings on the same document, each with its own checksum, so
//! that one document's codings are read without the rest ([`load_doc`]).
//!
//! The cache is derived data, never the source of truth: safe to delete, written through
//! a temp file and a rename without fsync, and an entry that cannot be read (damaged,
//! truncated, of another format) is ignored and rebuilt. A failure to write it only costs
//! time.

use std::fs::{File, Metadata};
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHasher;
use sha2::{Digest, Sha256};

use super::file::{CoderFile, FileProblem, LoadedFile, ProblemKind};
use super::{Anchor, AnchorTexts, Coding, Memo, MemoTarget, Suggested};
use crate::fsutil::{PathError, Stamp, mtime};

mod codec;
mod tail;
use codec::{Reader, Writer};

/// Version of the entry format; bump it whenever the layout or what it holds changes.
const FORMAT: u32 = 2;

const MAGIC: &[u8; 8] = b"GLOSECFC";

/// Magic, format, head length, head checksum.
const PREFIX_LEN: usize = 8 + 4 + 8 + 8;

/// The entry of `coder` in the cache folder `dir`.
pub(crate) fn entry_path(dir: &Path, coder: &str) -> PathBuf {
    dir.join(format!("{coder}.bin"))
}

/// A coder file, through the cache in `dir`: the same [`LoadedFile`] as
/// [`CoderFile::load`] gives.
pub(super) fn load(path: &Path, coder: &str, dir: &Path) -> Result<LoadedFile, PathError> {
    load_with(path, coder, dir, AnchorTexts::Read)
}

/// [`load`], with the anchors' texts read or not (`texts`) when the entry is fresh.
pub(super) fn load_with(
    path: &Path,
    coder: &str,
    dir: &Path,
    texts: AnchorTexts,
) -> Result<LoadedFile, PathError> {
    let Some(meta) = stat(path)? else {
        return Ok(CoderFile::missing(coder));
    };
    let file = entry_path(dir, coder);
    let entry = Entry::open(&file, path, coder);
    let stamp = Stamp::of(&meta);
    if let Some(entry) = &entry
        && let Some(loaded) = entry.decode_fresh(dir, path, coder, stamp, None, texts)
    {
        return Ok(loaded);
    }
    // Stated before reading: a change after this makes the next stat differ, or (in the
    // same tick) the file newer than the entry written below.
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(CoderFile::missing(coder));
        }
        Err(e) => return Err(PathError::with(path, "cannot read")(e)),
    };
    let content: [u8; 32] = Sha256::digest(&bytes).into();
    if let Some(entry) = entry
        && entry.head.content == content
        // Read whole: the entry is written again from what is decoded here.
        && let Some(loaded) = entry.decode_all(AnchorTexts::Read)
    {
        // Same bytes, new time (touched, or checked out again): the entry is stamped anew.
        if let Some(stamp) = stamp.filter(|s| s.size == bytes.len() as u64) {
            write(&file, path, stamp, content, &loaded);
        }
        return Ok(loaded);
    }
    let loaded = CoderFile::from_bytes(coder, &bytes);
    // Bytes read are the size stated, or the file grew meanwhile (a writer's append): an
    // entry must describe exactly the bytes of its stamp, which a tail may extend.
    if let Some(stamp) = stamp.filter(|s| s.size == bytes.len() as u64) {
        write(&file, path, stamp, content, &loaded);
    }
    Ok(loaded)
}

/// The codings of one coder on one document (and all their memos and problems), reading
/// only that document's blocks when the entry is fresh, else through [`load`].
pub(super) fn load_doc(
    path: &Path,
    coder: &str,
    dir: &Path,
    doc: &str,
) -> Result<LoadedFile, PathError> {
    if let Some(meta) = stat(path)?
        && let Some(entry) = Entry::open(&entry_path(dir, coder), path, coder)
        && let Some(loaded) = entry.decode_fresh(
            dir,
            path,
            coder,
            Stamp::of(&meta),
            Some(doc),
            AnchorTexts::Read,
        )
    {
        return Ok(loaded);
    }
    let mut loaded = load(path, coder, dir)?;
    loaded.file.codings.retain(|c| c.doc == doc);
    Ok(loaded)
}

/// Records that a writer appended `appended` (whole coding lines) to `path`, which was
/// `before` and is now `after`, so that readers read the appended codings from the cache
/// (`tail.rs`) instead of parsing the whole file again.
pub(super) fn extend(
    path: &Path,
    coder: &str,
    dir: &Path,
    before: Stamp,
    after: Stamp,
    appended: &[u8],
) {
    tail::extend(dir, path, coder, before, after, appended);
}

/// The file's metadata; `None` when it does not exist.
fn stat(path: &Path) -> Result<Option<Metadata>, PathError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(PathError::with(path, "cannot read")(e)),
    }
}

/// What an entry says of the file it was made from, and where its blocks are.
struct Head {
    source: String,
    stamp: Stamp,
    content: [u8; 32],
    coder: String,
    problems: Vec<FileProblem>,
    memos: Vec<Memo>,
    blocks: Vec<BlockRef>,
}

/// One run of codings on the same document, in the entry's block section.
struct BlockRef {
    doc: String,
    offset: u64,
    len: u64,
    sum: u64,
}

/// An entry opened: its head read and checked, its blocks not yet.
struct Entry {
    file: File,
    /// When the entry was written (its own modification time).
    written: (u64, u32),
    head: Head,
    /// Where the blocks begin in the file (each block's end is checked to fall within
    /// the file when the entry is opened).
    blocks_at: u64,
}

impl Entry {
    /// The entry at `file` if it is intact and made from `source` for `coder`.
    fn open(file: &Path, source: &Path, coder: &str) -> Option<Self> {
        let mut f = File::open(file).ok()?;
        let meta = f.metadata().ok()?;
        let written = mtime(&meta)?;
        let mut prefix = [0u8; PREFIX_LEN];
        f.read_exact(&mut prefix).ok()?;
        let (head_len, head_sum) = read_prefix(&prefix, MAGIC)?;
        let total = meta.len();
        let blocks_at = (PREFIX_LEN as u64).checked_add(head_len)?;
        let blocks_len = total.checked_sub(blocks_at)?;
        let mut head = vec![0u8; usize::try_from(head_len).ok()?];
        f.read_exact(&mut head).ok()?;
        if checksum(&head) != head_sum {
            return None;
        }
        let head = decode_head(&head)?;
        let ends_fit = head.blocks.iter().all(|b| {
            b.offset
                .checked_add(b.len)
                .is_some_and(|end| end <= blocks_len)
        });
        let ours = head.source == source.to_string_lossy() && head.coder == coder;
        (ends_fit && ours).then_some(Self {
            file: f,
            written,
            head,
            blocks_at,
        })
    }

    /// Whether the file, as stated now, is the one the entry was made from without
    /// reading it: same size and time, and older than the entry (git's racy rule).
    fn fresh(&self, now: Option<Stamp>) -> bool {
        now.is_some_and(|s| s == self.head.stamp && s.older_than(self.written))
    }

    fn loaded(&self, codings: Vec<Coding>) -> LoadedFile {
        LoadedFile {
            file: CoderFile {
                coder: self.head.coder.clone(),
                codings,
                memos: self.head.memos.clone(),
            },
            problems: self.head.problems.clone(),
        }
    }

    /// The file as stated now (`now`), whole or only the codings on `doc`, when the entry
    /// describes it freshly, alone or with the tail of codings appended since.
    fn decode_fresh(
        &self,
        dir: &Path,
        source: &Path,
        coder: &str,
        now: Option<Stamp>,
        doc: Option<&str>,
        texts: AnchorTexts,
    ) -> Option<LoadedFile> {
        let decode = |entry: &Self| match doc {
            Some(doc) => entry.decode_doc(doc, texts),
            None => entry.decode_all(texts),
        };
        if self.fresh(now) {
            return decode(self);
        }
        let tail = tail::Tail::open(&tail::path(dir, coder), source, coder)?;
        if !tail.fresh(now) || !tail.extends(self) {
            return None;
        }
        let mut loaded = decode(self)?;
        loaded.file.codings.extend(tail.codings(doc).cloned());
        loaded.file.sort();
        Some(loaded)
    }

    /// The whole file, every block checked.
    fn decode_all(&self, texts: AnchorTexts) -> Option<LoadedFile> {
        // Runs of blocks are read and decoded on every core (a coder of a large study has
        // a hundred thousand codings, and the TUI waits for them before its first frame),
        // then joined in block order.
        let runs = block_runs(&self.head.blocks, rayon::current_num_threads());
        let decoded: Vec<Vec<Coding>> = runs
            .par_iter()
            .map(|run| self.decode_run(run, texts))
            .collect::<Option<_>>()?;
        let mut parts = decoded.into_iter();
        let mut codings = parts.next().unwrap_or_default();
        codings.reserve(parts.as_slice().iter().map(Vec::len).sum());
        for part in parts {
            codings.extend(part);
        }
        Some(self.loaded(codings))
    }

    /// The codings of a run of blocks, reading only the bytes they span.
    fn decode_run(&self, run: &[BlockRef], texts: AnchorTexts) -> Option<Vec<Coding>> {
        let from = run.iter().map(|b| b.offset).min()?;
        let to = run
            .iter()
            .try_fold(from, |to, b| Some(to.max(b.offset.checked_add(b.len)?)))?;
        let mut bytes = vec![0u8; usize::try_from(to.checked_sub(from)?).ok()?];
        crate::fsutil::read_exact_at(&self.file, self.blocks_at.checked_add(from)?, &mut bytes)
            .ok()?;
        let mut codings = Vec::new();
        for b in run {
            let start = usize::try_from(b.offset.checked_sub(from)?).ok()?;
            let end = start.checked_add(usize::try_from(b.len).ok()?)?;
            decode_block(
                bytes.get(start..end)?,
                b,
                &self.head.coder,
                texts,
                &mut codings,
            )?;
        }
        Some(codings)
    }

    /// The codings on `doc` only, reading only its blocks.
    fn decode_doc(&self, doc: &str, texts: AnchorTexts) -> Option<LoadedFile> {
        let mut codings = Vec::new();
        for b in self.head.blocks.iter().filter(|b| b.doc == doc) {
            codings.extend(self.decode_run(std::slice::from_ref(b), texts)?);
        }
        Some(self.loaded(codings))
    }
}

/// `blocks` cut into at most `n` runs of consecutive blocks holding about as many bytes
/// each (none empty).
fn block_runs(blocks: &[BlockRef], n: usize) -> Vec<&[BlockRef]> {
    let total: u64 = blocks.iter().map(|b| b.len).sum();
    let share = total / u64::try_from(n.max(1)).unwrap_or(1) + 1;
    let mut runs = Vec::with_capacity(n);
    let (mut from, mut bytes) = (0, 0);
    for (i, b) in blocks.iter().enumerate() {
        bytes += b.len;
        if bytes >= share {
            runs.push(&blocks[from..=i]);
            (from, bytes) = (i + 1, 0);
        }
    }
    if from < blocks.len() {
        runs.push(&blocks[from..]);
    }
    runs
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Writes the entry of `loaded`, read from `source` as `stamp` with `content` as its hash.
fn write(file: &Path, source: &Path, stamp: Stamp, content: [u8; 32], loaded: &LoadedFile) {
    let (blocks, refs) = encode_blocks(&loaded.file.codings);
    let mut head = Writer::default();
    head.str(&source.to_string_lossy());
    write_stamp(&mut head, stamp);
    head.raw(&content);
    head.str(&loaded.file.coder);
    head.uint(loaded.problems.len() as u64);
    for p in &loaded.problems {
        head.uint(p.line as u64);
        head.byte(kind_tag(p.kind));
        head.str(&p.message);
    }
    head.uint(loaded.file.memos.len() as u64);
    for m in &loaded.file.memos {
        encode_memo(&mut head, m);
    }
    write_block_refs(&mut head, &refs);
    crate::fsutil::write_derived(file, &framed(MAGIC, &head.finish(), &blocks));
}

/// The blocks of `codings` (one per run on the same document) and where each is.
fn encode_blocks(codings: &[Coding]) -> (Vec<u8>, Vec<BlockRef>) {
    let mut blocks: Vec<u8> = Vec::new();
    let mut refs = Vec::new();
    let mut rest = codings;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|c| c.doc == first.doc).count();
        let (block, after) = rest.split_at(run);
        let bytes = encode_block(block);
        refs.push(BlockRef {
            doc: first.doc.clone(),
            offset: blocks.len() as u64,
            len: bytes.len() as u64,
            sum: checksum(&bytes),
        });
        blocks.extend_from_slice(&bytes);
        rest = after;
    }
    (blocks, refs)
}

/// A stamp, in a head.
fn write_stamp(w: &mut Writer, s: Stamp) {
    w.uint(s.size);
    w.uint(s.mtime.0);
    w.uint(u64::from(s.mtime.1));
}

/// A stamp written by [`write_stamp`].
fn read_stamp(r: &mut Reader) -> Option<Stamp> {
    Some(Stamp {
        size: r.uint()?,
        mtime: (r.uint()?, u32::try_from(r.uint()?).ok()?),
    })
}

/// The block references written by [`write_block_refs`].
fn read_block_refs(r: &mut Reader) -> Option<Vec<BlockRef>> {
    (0..r.count()?)
        .map(|_| {
            Some(BlockRef {
                doc: r.string()?,
                offset: r.uint()?,
                len: r.uint()?,
                sum: r.fixed_u64()?,
            })
        })
        .collect()
}

/// Where the blocks are, in a head.
fn write_block_refs(head: &mut Writer, refs: &[BlockRef]) {
    head.uint(refs.len() as u64);
    for b in refs {
        head.str(&b.doc);
        head.uint(b.offset);
        head.uint(b.len);
        head.raw(&b.sum.to_le_bytes());
    }
}

/// An entry's bytes: magic, format, the head's length and checksum, the head, the blocks.
fn framed(magic: &[u8; 8], head: &[u8], blocks: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PREFIX_LEN + head.len() + blocks.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(head).to_le_bytes());
    out.extend_from_slice(head);
    out.extend_from_slice(blocks);
    out
}

/// Reads a framed entry's prefix: `(head length, head checksum)` if the magic and format
/// are these.
fn read_prefix(prefix: &[u8; PREFIX_LEN], magic: &[u8; 8]) -> Option<(u64, u64)> {
    let mut r = Reader::plain(prefix);
    if r.bytes(8)? != magic || r.fixed_u32()? != FORMAT {
        return None;
    }
    Some((r.fixed_u64()?, r.fixed_u64()?))
}

fn kind_tag(kind: ProblemKind) -> u8 {
    match kind {
        ProblemKind::ConflictMarker => 0,
        ProblemKind::Invalid => 1,
        ProblemKind::TornTail => 2,
    }
}

fn decode_head(bytes: &[u8]) -> Option<Head> {
    let mut r = Reader::section(bytes)?;
    let source = r.string()?;
    let stamp = read_stamp(&mut r)?;
    let content: [u8; 32] = r.bytes(32)?.try_into().ok()?;
    let coder = r.string()?;
    let mut problems = Vec::new();
    for _ in 0..r.count()? {
        let line = usize::try_from(r.uint()?).ok()?;
        let kind = match r.byte()? {
            0 => ProblemKind::ConflictMarker,
            1 => ProblemKind::Invalid,
            2 => ProblemKind::TornTail,
            _ => return None,
        };
        let message = r.string()?;
        problems.push(FileProblem {
            line,
            kind,
            message,
        });
    }
    let mut memos = Vec::new();
    for _ in 0..r.count()? {
        memos.push(decode_memo(&mut r)?);
    }
    let blocks = read_block_refs(&mut r)?;
    r.done().then_some(Head {
        source,
        stamp,
        content,
        coder,
        problems,
        memos,
        blocks,
    })
}

fn encode_memo(w: &mut Writer, m: &Memo) {
    w.str(&m.id);
    match &m.target {
        MemoTarget::Doc(d) => {
            w.byte(0);
            w.str(d);
        }
        MemoTarget::Code(c) => {
            w.byte(1);
            w.str(c);
        }
    }
    w.str(&m.text);
    w.time(&m.created);
    w.time(&m.modified);
}

fn decode_memo(r: &mut Reader) -> Option<Memo> {
    let id = r.string()?;
    let target = match r.byte()? {
        0 => MemoTarget::Doc(r.string()?),
        1 => MemoTarget::Code(r.string()?),
        _ => return None,
    };
    Some(Memo {
        id,
        target,
        text: r.string()?,
        created: r.time()?,
        modified: r.time()?,
    })
}

/// A block: the distinct document hashes of its anchors, then each coding (its document
/// is the block's).
fn encode_block(codings: &[Coding]) -> Vec<u8> {
    let mut w = Writer::default();
    let mut hashes: Vec<&str> = Vec::new();
    for c in codings {
        if !hashes.contains(&c.anchor.doc_hash.as_str()) {
            hashes.push(&c.anchor.doc_hash);
        }
    }
    w.uint(hashes.len() as u64);
    for h in &hashes {
        w.str(h);
    }
    w.uint(codings.len() as u64);
    for c in codings {
        w.str(&c.id);
        w.str(&c.code);
        w.uint(c.start as u64);
        w.uint(c.end as u64);
        w.opt_str(c.memo.as_deref());
        w.time(&c.created);
        w.time(&c.modified);
        w.str(&c.anchor.quote);
        w.str(&c.anchor.prefix);
        w.str(&c.anchor.suffix);
        let hash = hashes.iter().position(|h| *h == c.anchor.doc_hash);
        w.uint(hash.unwrap_or_default() as u64);
        w.opt_str(c.selection_name.as_deref());
        match &c.suggested {
            None => w.byte(0),
            Some(s) => {
                w.byte(1);
                w.str(&s.model);
                w.uint(u64::from(s.version));
                w.time(&s.at);
            }
        }
    }
    w.finish()
}

fn decode_block(
    bytes: &[u8],
    b: &BlockRef,
    coder: &str,
    texts: AnchorTexts,
    out: &mut Vec<Coding>,
) -> Option<()> {
    if checksum(bytes) != b.sum {
        return None;
    }
    let mut r = Reader::section(bytes)?;
    let hashes: Vec<String> = (0..r.count()?).map(|_| r.string()).collect::<Option<_>>()?;
    let n = r.count()?;
    out.reserve(n);
    for _ in 0..n {
        let id = r.string()?;
        let code = r.string()?;
        let start = usize::try_from(r.uint()?).ok()?;
        let end = usize::try_from(r.uint()?).ok()?;
        let memo = r.opt_string()?;
        let created = r.time()?;
        let modified = r.time()?;
        let [quote, prefix, suffix] = match texts {
            AnchorTexts::Read => [r.string()?, r.string()?, r.string()?],
            AnchorTexts::Skip => {
                for _ in 0..3 {
                    r.skip_string()?;
                }
                Default::default()
            }
        };
        let doc_hash = hashes.get(usize::try_from(r.uint()?).ok()?)?.clone();
        let selection_name = r.opt_string()?;
        let suggested = match r.byte()? {
            0 => None,
            1 => Some(Box::new(Suggested {
                model: r.string()?,
                version: u32::try_from(r.uint()?).ok()?,
                at: r.time()?,
            })),
            _ => return None,
        };
        out.push(Coding {
            id,
            doc: b.doc.clone(),
            code,
            start,
            end,
            memo,
            created,
            modified,
            anchor: Anchor {
                quote,
                prefix,
                suffix,
                doc_hash,
            },
            selection_name,
            suggested,
            coder: coder.to_string(),
        });
    }
    r.done().then_some(())
}

#[cfg(test)]
mod tests;
