//! Reading and writing one coder file (`codings/<coder>.jsonl`).

use std::borrow::Cow;
use std::path::Path;

use rustc_hash::FxHashSet;

use serde::{Deserialize, Serialize};

use super::{Coding, Memo, MemoTarget};

/// One line of a coder file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum Line {
    Coding(Coding),
    DocMemo {
        id: String,
        doc: String,
        text: String,
        created: jiff::Timestamp,
        modified: jiff::Timestamp,
    },
    CodeMemo {
        id: String,
        code: String,
        text: String,
        created: jiff::Timestamp,
        modified: jiff::Timestamp,
    },
}

/// A coding line, read directly (the common case): the fields of [`Coding`] beside the
/// `type` tag, no other field. Reading it this way skips the buffering an internally
/// tagged enum needs; whatever does not read this way goes through [`Line`], which gives
/// the same value for every line this accepts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodingLine {
    #[serde(rename = "type")]
    kind: CodingTag,
    id: String,
    doc: String,
    code: String,
    start: usize,
    end: usize,
    #[serde(default)]
    memo: Option<String>,
    created: jiff::Timestamp,
    modified: jiff::Timestamp,
    anchor: super::Anchor,
    #[serde(default)]
    selection_name: Option<String>,
    #[serde(default)]
    suggested: Option<Box<super::Suggested>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum CodingTag {
    Coding,
}

/// Parses one line of a coder file.
fn parse_line(line: &str) -> Result<Line, serde_json::Error> {
    if let Ok(c) = serde_json::from_str::<CodingLine>(line) {
        let CodingTag::Coding = c.kind;
        return Ok(Line::Coding(Coding {
            id: c.id,
            doc: c.doc,
            code: c.code,
            start: c.start,
            end: c.end,
            memo: c.memo,
            created: c.created,
            modified: c.modified,
            anchor: c.anchor,
            selection_name: c.selection_name,
            suggested: c.suggested,
            coder: String::new(),
        }));
    }
    serde_json::from_str::<Line>(line)
}

/// One line of a coder file, borrowed, for writing: serialises exactly as [`Line`] does
/// (same tag, same fields, same order) without cloning the coding or the memo.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum LineRef<'a> {
    Coding(&'a Coding),
    DocMemo {
        id: &'a str,
        doc: &'a str,
        text: &'a str,
        created: &'a jiff::Timestamp,
        modified: &'a jiff::Timestamp,
    },
    CodeMemo {
        id: &'a str,
        code: &'a str,
        text: &'a str,
        created: &'a jiff::Timestamp,
        modified: &'a jiff::Timestamp,
    },
}

/// The line of a coding in a coder file, newline included.
pub(crate) fn coding_line(c: &Coding) -> Vec<u8> {
    to_line(&LineRef::Coding(c))
}

/// The line of a memo in a coder file, newline included.
pub(crate) fn memo_line(m: &Memo) -> Vec<u8> {
    to_line(&match &m.target {
        MemoTarget::Doc(doc) => LineRef::DocMemo {
            id: &m.id,
            doc,
            text: &m.text,
            created: &m.created,
            modified: &m.modified,
        },
        MemoTarget::Code(code) => LineRef::CodeMemo {
            id: &m.id,
            code,
            text: &m.text,
            created: &m.created,
            modified: &m.modified,
        },
    })
}

fn to_line(line: &LineRef) -> Vec<u8> {
    // Serialising plain strings, numbers and timestamps cannot fail; an empty line would
    // be skipped by the reader.
    let mut out = serde_json::to_vec(line).unwrap_or_default();
    if !out.is_empty() {
        out.push(b'\n');
    }
    out
}

/// The order of codings in a coder file.
pub(crate) fn coding_order(a: &Coding, b: &Coding) -> std::cmp::Ordering {
    a.sort_key().cmp(&b.sort_key())
}

fn memo_order(a: &Memo, b: &Memo) -> std::cmp::Ordering {
    (&a.target, &a.id).cmp(&(&b.target, &b.id))
}

/// The codings and memos of one coder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoderFile {
    /// The coder (the file's name).
    pub coder: String,
    /// Codings, sorted by (document, start, end, code, id) as read (a file may hold
    /// appended lines after its sorted ones).
    pub codings: Vec<Coding>,
    /// Memos on documents and codes.
    pub memos: Vec<Memo>,
}

/// What kind of problem a line has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A git conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`).
    ConflictMarker,
    /// A line that is not a valid coding or memo.
    Invalid,
    /// The last line is incomplete (a write was cut short): repairable.
    TornTail,
}

/// A problem in a coder file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// 1-based line.
    pub line: usize,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong, in plain words.
    pub message: String,
}

/// A coder file as read from disk, with whatever could not be read.
#[derive(Debug, Clone, Default)]
pub struct LoadedFile {
    /// Everything that parsed.
    pub file: CoderFile,
    /// Problems, in line order.
    pub problems: Vec<FileProblem>,
}

impl LoadedFile {
    /// Whether the only problem (if any) is a torn last line, which glose can repair.
    pub fn is_writable(&self) -> bool {
        self.problems
            .iter()
            .all(|p| p.kind == ProblemKind::TornTail)
    }
}

fn conflict_marker(line: &str) -> bool {
    line.starts_with("<<<<<<<") || line.starts_with("=======") || line.starts_with(">>>>>>>")
}

impl CoderFile {
    /// A copy, its codings copied on every core: the TUI copies its coder's file (a
    /// hundred thousand codings in a large study) for the writer before its first frame.
    pub fn clone_on_all_cores(&self) -> Self {
        use rayon::prelude::*;
        Self {
            coder: self.coder.clone(),
            codings: self.codings.par_iter().cloned().collect(),
            memos: self.memos.clone(),
        }
    }

    /// Parses the text of a coder file. Never fails: problems are collected per line.
    pub fn parse(coder: &str, text: &str) -> LoadedFile {
        let mut loaded = LoadedFile {
            file: CoderFile {
                coder: coder.to_string(),
                ..CoderFile::default()
            },
            problems: Vec::new(),
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let ends_with_newline = text.ends_with('\n');
        let lines: Vec<&str> = text.lines().collect();
        loaded.file.codings.reserve(lines.len());
        // Ids seen so far, borrowed from the text when the line has them unescaped.
        let mut ids: FxHashSet<Cow<'_, str>> = FxHashSet::default();
        for (i, line) in lines.iter().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            if conflict_marker(line) {
                loaded.problems.push(FileProblem {
                    line: line_no,
                    kind: ProblemKind::ConflictMarker,
                    message: "git conflict marker: two versions of this file were merged and \
                              git could not combine them. Keep the lines you want between the \
                              markers, delete the marker lines, then run `glose check` again"
                        .to_string(),
                });
                continue;
            }
            let (parsed, raw_id) = match super::fast_line::read_coding(line) {
                Some(fast) => (Ok(Line::Coding(fast.coding)), fast.raw_id),
                None => (parse_line(line), None),
            };
            match parsed {
                Ok(parsed) => {
                    let id = match &parsed {
                        Line::Coding(c) => c.id.as_str(),
                        Line::DocMemo { id, .. } | Line::CodeMemo { id, .. } => id.as_str(),
                    };
                    if ids.contains(id) {
                        loaded.problems.push(FileProblem {
                            line: line_no,
                            kind: ProblemKind::Invalid,
                            message: format!("id {id} appears twice: delete one of the two lines"),
                        });
                        continue;
                    }
                    ids.insert(raw_id.map_or_else(|| Cow::Owned(id.to_string()), Cow::Borrowed));
                    match parsed {
                        Line::Coding(mut c) => {
                            if c.end <= c.start {
                                loaded.problems.push(FileProblem {
                                    line: line_no,
                                    kind: ProblemKind::Invalid,
                                    message: format!(
                                        "coding {} has an empty span ({}..{})",
                                        c.id, c.start, c.end
                                    ),
                                });
                                continue;
                            }
                            c.coder = coder.to_string();
                            loaded.file.codings.push(c);
                        }
                        Line::DocMemo {
                            id,
                            doc,
                            text,
                            created,
                            modified,
                        } => loaded.file.memos.push(Memo {
                            id,
                            target: MemoTarget::Doc(doc),
                            text,
                            created,
                            modified,
                        }),
                        Line::CodeMemo {
                            id,
                            code,
                            text,
                            created,
                            modified,
                        } => loaded.file.memos.push(Memo {
                            id,
                            target: MemoTarget::Code(code),
                            text,
                            created,
                            modified,
                        }),
                    }
                }
                Err(e) => {
                    let last = i + 1 == lines.len();
                    let torn = last && !ends_with_newline;
                    loaded.problems.push(FileProblem {
                        line: line_no,
                        kind: if torn {
                            ProblemKind::TornTail
                        } else {
                            ProblemKind::Invalid
                        },
                        message: if torn {
                            "the last line is incomplete (a write was interrupted)".to_string()
                        } else {
                            format!("not a valid coding or memo: {e}")
                        },
                    });
                }
            }
        }
        // Readers see the codings in the file's order (document, start, end, code, id)
        // even when lines were appended after the sorted ones (`store/writer.rs`).
        loaded.file.sort();
        loaded
    }

    /// Reads a coder file, with the saves still in its journal replayed over it
    /// (`store/journal.rs`); a missing file is an empty one.
    pub fn load(path: &Path, coder: &str) -> Result<LoadedFile, crate::fsutil::PathError> {
        super::journal::load_replayed(path, coder, Self::load_without_journal)
    }

    /// Reads a coder file as it is on disk, without its journal.
    pub(crate) fn load_without_journal(
        path: &Path,
        coder: &str,
    ) -> Result<LoadedFile, crate::fsutil::PathError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Self::from_bytes(coder, &bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::missing(coder)),
            Err(e) => Err(crate::fsutil::PathError::with(path, "cannot read")(e)),
        }
    }

    /// Reads a coder file for a reader (check, agreement, export, lists) through the
    /// parsed-file cache in `cache` (`.glose/cache/codings/`): the same answer as
    /// [`CoderFile::load`], without parsing a file that did not change. The cache holds
    /// the file as it is on disk; the journal's saves are replayed over it.
    pub fn load_cached(
        path: &Path,
        coder: &str,
        cache: &Path,
    ) -> Result<LoadedFile, crate::fsutil::PathError> {
        Self::load_cached_with(path, coder, cache, super::AnchorTexts::Read)
    }

    /// [`CoderFile::load_cached`], reading the anchors' texts or not (`texts`).
    pub fn load_cached_with(
        path: &Path,
        coder: &str,
        cache: &Path,
        texts: super::AnchorTexts,
    ) -> Result<LoadedFile, crate::fsutil::PathError> {
        super::journal::load_replayed(path, coder, |p, c| {
            super::cache::load_with(p, c, cache, texts)
        })
    }

    /// One document's codings of a coder file (and all its memos and problems) through
    /// the parsed-file cache, reading only that document's part when it is fresh; the
    /// journal's saves are replayed over it.
    pub fn load_cached_doc(
        path: &Path,
        coder: &str,
        cache: &Path,
        doc: &str,
    ) -> Result<LoadedFile, crate::fsutil::PathError> {
        let mut loaded = super::journal::load_replayed(path, coder, |p, c| {
            super::cache::load_doc(p, c, cache, doc)
        })?;
        loaded.file.codings.retain(|c| c.doc == doc);
        Ok(loaded)
    }

    /// What a missing coder file reads as: an empty one.
    pub(crate) fn missing(coder: &str) -> LoadedFile {
        LoadedFile {
            file: CoderFile {
                coder: coder.to_string(),
                ..CoderFile::default()
            },
            problems: Vec::new(),
        }
    }

    /// Parses the bytes of a coder file; bytes that are not UTF-8 are a problem on the
    /// line where they are (or a torn last line, when a write was cut inside a character).
    pub(crate) fn from_bytes(coder: &str, bytes: &[u8]) -> LoadedFile {
        // Validated once: the lossy decoding is only for a file that is not UTF-8.
        let utf8 = match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Ok(text),
            // The slower check says where the first bad byte is.
            Err(_) => std::str::from_utf8(bytes),
        };
        let mut loaded = match utf8 {
            Ok(text) => Self::parse(coder, text),
            Err(_) => Self::parse(coder, &String::from_utf8_lossy(bytes)),
        };
        if let Err(e) = utf8 {
            // A write cut inside a multi-byte character leaves an incomplete sequence at
            // the very end: that is a torn last line (reported as such by `parse`),
            // repaired like one cut between characters.
            let cut_at_end = e.error_len().is_none() && !bytes.ends_with(b"\n");
            if cut_at_end
                && loaded
                    .problems
                    .last()
                    .is_some_and(|p| p.kind == ProblemKind::TornTail)
            {
                return loaded;
            }
            let line = 1 + bytes
                .get(..e.valid_up_to())
                .unwrap_or_default()
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            loaded.problems.insert(
                0,
                FileProblem {
                    line,
                    kind: ProblemKind::Invalid,
                    message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                },
            );
        }
        loaded
    }

    /// Sorts codings by (document, start, end, code, id) and memos by target. A file that
    /// is already sorted is only checked (linear); a nearly sorted one (after one change)
    /// sorts in about linear time.
    pub fn sort(&mut self) {
        if !self.codings.is_sorted_by(|a, b| coding_order(a, b).is_le()) {
            self.codings.sort_by(coding_order);
        }
        if !self.memos.is_sorted_by(|a, b| memo_order(a, b).is_le()) {
            self.memos.sort_by(memo_order);
        }
    }

    /// The file's text: one JSON object per line, codings then memos, sorted.
    pub fn serialize(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_lines(&mut out, |c, w| {
            w.extend_from_slice(&coding_line(c));
            Ok(())
        });
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the file's lines in sorted order (sorting references, never the data, when it
    /// is not sorted yet); `coding` writes the line of one coding (a cached one, say).
    pub(crate) fn write_lines<W: std::io::Write + ?Sized>(
        &self,
        w: &mut W,
        mut coding: impl FnMut(&Coding, &mut W) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if self.codings.is_sorted_by(|a, b| coding_order(a, b).is_le()) {
            return self.write_sorted_lines(w, coding);
        }
        let mut refs: Vec<&Coding> = self.codings.iter().collect();
        refs.sort_by(|a, b| coding_order(a, b));
        for c in refs {
            coding(c, w)?;
        }
        self.write_memos(w)
    }

    /// [`CoderFile::write_lines`] for a file known to be sorted ([`CoderFile::sort`] was
    /// just called): the codings are written in their order, without checking it again.
    pub(crate) fn write_sorted_lines<W: std::io::Write + ?Sized>(
        &self,
        w: &mut W,
        mut coding: impl FnMut(&Coding, &mut W) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        for c in &self.codings {
            coding(c, w)?;
        }
        self.write_memos(w)
    }

    fn write_memos<W: std::io::Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let mut memos: Vec<&Memo> = self.memos.iter().collect();
        memos.sort_by(|a, b| memo_order(a, b));
        for m in memos {
            w.write_all(&memo_line(m))?;
        }
        Ok(())
    }

    /// The coding with this id.
    pub fn coding(&self, id: &str) -> Option<&Coding> {
        self.codings.iter().find(|c| c.id == id)
    }

    /// The memo on a target.
    pub fn memo(&self, target: &MemoTarget) -> Option<&Memo> {
        self.memos.iter().find(|m| &m.target == target)
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    /// The copy made on every core is the file, codings in the same order.
    #[test]
    fn a_copy_on_all_cores_is_the_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("codings/coder-a.jsonl");
        let text = std::fs::read_to_string(&path).unwrap();
        let file = CoderFile::parse("coder-a", &text).file;
        assert!(file.codings.len() > 100 && !file.memos.is_empty());
        assert_eq!(file.clone_on_all_cores(), file);
    }

    fn coding_of(line: Line) -> Coding {
        match line {
            Line::Coding(c) => c,
            other => panic!("not a coding: {other:?}"),
        }
    }

    /// The direct reader gives the coding the tagged enum gives, for every optional field
    /// present or absent (a new field must be read by both, or lines carrying it would
    /// take the slow path, or worse, lose it).
    #[test]
    fn the_fast_line_reader_agrees_with_the_tagged_enum() {
        let base = r#""type":"coding","id":"c1","doc":"E01","code":"practice.ads","start":3,"end":9,"created":"2026-11-23T17:57:32Z","modified":"2026-11-23T17:57:32Z","anchor":{"quote":"le devis","prefix":"","suffix":"","doc_hash":"x"}"#;
        let extras = [
            "",
            r#","memo":null"#,
            r#","memo":"à revoir""#,
            r#","selection_name":"Sélection 1""#,
            r#","suggested":{"model":"tfidf-logreg","version":1,"at":"2026-12-01T10:00:00Z"}"#,
            r#","memo":"m","selection_name":"s","suggested":{"model":"tfidf-logreg","version":1,"at":"2026-12-01T10:00:00Z"}"#,
        ];
        for extra in extras {
            let line = format!("{{{base}{extra}}}");
            assert!(
                serde_json::from_str::<CodingLine>(&line).is_ok(),
                "the fast reader refuses {line}"
            );
            let fast = coding_of(parse_line(&line).unwrap());
            let slow = coding_of(serde_json::from_str::<Line>(&line).unwrap());
            assert_eq!(fast, slow, "{line}");
        }
        let with = coding_of(parse_line(&format!("{{{base}{}}}", extras[4])).unwrap());
        assert_eq!(with.suggested.unwrap().model, "tfidf-logreg");
    }
}
