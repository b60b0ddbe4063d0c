//! A study on disk: `glose.toml`, the corpus, `cases.csv` and the codebook.
//!
//! Opening a study lists the corpus once and stats each transcript once; headers come from
//! the header record ([`crate::document::headers`]) for files that did not change, and
//! only the headers of the others are read; full texts are loaded on demand.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::cases::{Cases, CasesProblem};
use crate::codebook::{Codebook, CodebookError};
use crate::config::{self, ConfigError, StudyConfig};
use crate::diag::Diagnostic;
use crate::document::headers::{self, HeaderRecord, Recorded};
use crate::document::{Document, DocumentError, Header, HeaderProblem, parse_header};
use crate::fsutil::Stamp;

/// A transcript known to the study, before its text is loaded.
#[derive(Debug, Clone)]
pub struct DocEntry {
    /// The document id.
    pub id: String,
    /// Absolute path of the transcript.
    pub path: PathBuf,
    /// The parsed header.
    pub header: Header,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// The file's size and modification time when the study was opened (`None` when the
    /// system gave no time): the one `stat` of the transcript per command, which the
    /// index's up-to-date check reuses.
    pub stamp: Option<Stamp>,
}

/// A transcript listed and stat-ed, with its header (from the record or read).
struct Scanned {
    path: PathBuf,
    /// The path relative to the root, the record's key.
    key: String,
    bytes: u64,
    stamp: Option<Stamp>,
    /// `None` when the file has no time or could not be read (then not recorded).
    recorded: Option<Recorded>,
}

/// Errors that prevent opening a study at all.
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    /// `glose.toml` is missing or broken.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The codebook is unreadable.
    #[error(transparent)]
    Codebook(#[from] CodebookError),
    /// The corpus folder cannot be listed.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// No document with that id.
    #[error("no document {id:?} in the corpus{}", suggestion_text(.suggestions))]
    UnknownDocument {
        /// The id asked for.
        id: String,
        /// Close ids.
        suggestions: Vec<String>,
    },
    /// A transcript could not be read.
    #[error(transparent)]
    Document(#[from] DocumentError),
}

fn suggestion_text(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", s.join(", "))
    }
}

/// An open study.
#[derive(Debug, Clone)]
pub struct Study {
    /// The folder holding `glose.toml`.
    pub root: PathBuf,
    /// The settings of `glose.toml`.
    pub config: StudyConfig,
    /// The codebook.
    pub codebook: Codebook,
    /// The case table.
    pub cases: Cases,
    /// The transcripts, sorted by id.
    pub entries: Vec<DocEntry>,
    /// Problems found while opening (bad headers, bad case rows, duplicate ids…).
    pub problems: Vec<Diagnostic>,
    /// glose's temporary files seen while listing the corpus (checked once opened).
    corpus_temps: Vec<PathBuf>,
}

/// Whether a file in the corpus folder is a transcript.
pub fn is_transcript_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext_ok = name.ends_with(".txt") || name.ends_with(".md");
    ext_ok && !name.starts_with('.') && !name.starts_with('_') && !name.starts_with("readme.")
}

impl Study {
    /// Finds the study above `start` (or at `explicit`) and opens it.
    pub fn discover(start: &Path, explicit: Option<&Path>) -> Result<Self, StudyError> {
        let root = match explicit {
            Some(dir) => {
                let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                if !dir.join(config::STUDY_FILE).is_file() {
                    return Err(ConfigError::NotFound { start: dir }.into());
                }
                dir
            }
            None => config::find_root(start)?,
        };
        Self::open(&root)
    }

    /// Opens the study whose root is `root`.
    pub fn open(root: &Path) -> Result<Self, StudyError> {
        let config = config::load(root)?;
        let codebook = Codebook::load(&root.join(&config.codebook))?;
        let mut study = Self {
            root: root.to_path_buf(),
            codebook,
            cases: Cases::default(),
            entries: Vec::new(),
            problems: Vec::new(),
            corpus_temps: Vec::new(),
            config,
        };
        // The corpus is listed (a stat per transcript) while `cases.csv` and the header
        // record are read: at thousands of interviews each takes tens of milliseconds.
        let cases_path = study.corpus_dir().join("cases.csv");
        let corpus_dir = study.corpus_dir();
        let record_file = headers::record_file(&study.cache_dir());
        let (listing, (cases, record)) = rayon::join(
            || list_corpus(&corpus_dir),
            || (Cases::load(&cases_path), HeaderRecord::open(record_file)),
        );
        study.take_cases(&cases_path, cases);
        study.scan_corpus(listing?, record);
        study.remove_abandoned_temps();
        Ok(study)
    }

    /// Removes the temporary files that writers killed mid-write left in the codings and
    /// corpus folders (the files they were replacing are intact), noting each for
    /// `glose check`. A temporary file being written is locked by its writer and kept.
    fn remove_abandoned_temps(&mut self) {
        let mut removed = crate::fsutil::remove_abandoned_temps(&self.codings_dir());
        // The corpus was listed once already: only the temporary files seen then.
        let corpus_temps = std::mem::take(&mut self.corpus_temps);
        removed.extend(
            corpus_temps
                .into_iter()
                .filter(|p| crate::fsutil::remove_if_abandoned(p)),
        );
        for path in removed {
            self.problems.push(Diagnostic::warning(
                self.rel(&path),
                None,
                "removed this temporary file, left by an interrupted write (the file it \
                 was replacing is intact)",
            ));
        }
    }

    /// A diagnostic for an error that prevented opening the study.
    pub fn open_error_diagnostic(root: &Path, err: &StudyError) -> Diagnostic {
        let rel = |p: &Path| {
            p.strip_prefix(root)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| p.to_path_buf())
        };
        match err {
            StudyError::Config(ConfigError::Parse {
                path,
                line,
                message,
            }) => Diagnostic::error(rel(path), Some(*line), message.clone()),
            StudyError::Codebook(CodebookError::Json {
                path,
                line,
                message,
                ..
            }) => Diagnostic::error(rel(path), Some(*line), message.clone()),
            other => Diagnostic::error(config::STUDY_FILE, None, other.to_string()),
        }
    }

    /// A path relative to the root, for messages.
    pub fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    /// The corpus folder.
    pub fn corpus_dir(&self) -> PathBuf {
        self.root.join(&self.config.corpus)
    }

    /// The codings folder.
    pub fn codings_dir(&self) -> PathBuf {
        self.root.join(&self.config.codings)
    }

    /// The derived-data folder (`.glose/`), safe to delete.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(".glose")
    }

    /// Takes `cases.csv` as read from `path`, noting its problems.
    fn take_cases(&mut self, path: &Path, (cases, problems): (Cases, Vec<CasesProblem>)) {
        let rel = self.rel(path);
        self.problems.extend(
            problems
                .into_iter()
                .map(|p| Diagnostic::error(rel.clone(), Some(p.line), p.message)),
        );
        self.cases = cases;
    }

    /// Lists the corpus once, with one `stat` per transcript, and takes each header from
    /// the header record when the file did not change (reading it otherwise).
    fn scan_corpus(&mut self, (files, temps): Listing, mut record: HeaderRecord) {
        self.corpus_temps = temps;
        let mut scanned: Vec<Scanned> = Vec::with_capacity(files.len());
        let mut read_any = false;
        for (path, bytes, stamp) in files {
            let key = self.rel(&path).to_string_lossy().into_owned();
            let known = stamp.and_then(|s| record.take(&key, s));
            let (header, problems, unreadable) = match known {
                Some((header, problems)) => (header, problems, false),
                None => {
                    read_any = true;
                    // An unreadable transcript stays in the study (its cases row still
                    // matches); `glose check` reports why it cannot be read.
                    match read_header(&path) {
                        Ok((header, problems, _)) => (header, problems, false),
                        Err(_) => (Header::default(), Vec::new(), true),
                    }
                }
            };
            scanned.push(Scanned {
                path,
                key,
                bytes,
                stamp,
                recorded: stamp.filter(|_| !unreadable).map(|stamp| Recorded {
                    stamp,
                    header,
                    problems,
                }),
            });
        }
        // Rewritten only when a header was read or a transcript went away.
        if read_any || !record.is_empty() {
            record.save(
                scanned
                    .iter()
                    .filter_map(|s| Some((s.key.as_str(), s.recorded.as_ref()?))),
            );
        }
        self.add_entries(scanned);
    }

    /// Makes the study's entries of the scanned transcripts (noting their header problems
    /// and duplicate ids), sorted by id.
    fn add_entries(&mut self, scanned: Vec<Scanned>) {
        let mut entries: Vec<DocEntry> = Vec::with_capacity(scanned.len());
        // Id -> position in `entries`, so duplicate ids are found in constant time.
        let mut seen: FxHashMap<String, usize> = FxHashMap::default();
        seen.reserve(scanned.len());
        for s in scanned {
            let (header, problems) = s
                .recorded
                .map(|r| (r.header, r.problems))
                .unwrap_or_default();
            if !problems.is_empty() {
                let rel = PathBuf::from(&s.key);
                for p in problems {
                    self.problems
                        .push(Diagnostic::error(rel.clone(), Some(p.line), p.message));
                }
            }
            let id = match header.get("id").filter(|v| !v.is_empty()) {
                Some(id) => id.to_string(),
                None => s
                    .path
                    .file_stem()
                    .map(|st| st.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            if let Some(first) = seen.get(&id).and_then(|&i| entries.get(i)) {
                self.problems.push(Diagnostic::error(
                    PathBuf::from(&s.key),
                    None,
                    format!(
                        "document id {id:?} is also used by {}: give each transcript its own id",
                        self.rel(&first.path).display()
                    ),
                ));
                continue;
            }
            seen.insert(id.clone(), entries.len());
            entries.push(DocEntry {
                id,
                path: s.path,
                header,
                bytes: s.bytes,
                stamp: s.stamp,
            });
        }
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        self.entries = entries;
    }

    /// The entry of a document.
    ///
    /// `entries` is sorted by id, so this is a binary search (logarithmic: `glose check`
    /// looks up the document of every coding). Should the entries have been reordered by
    /// hand, a linear search still finds the document.
    pub fn entry(&self, id: &str) -> Result<&DocEntry, StudyError> {
        let found = match self.entries.binary_search_by(|e| e.id.as_str().cmp(id)) {
            Ok(i) => self.entries.get(i),
            Err(_) => self.entries.iter().find(|e| e.id == id),
        };
        found.ok_or_else(|| {
            let mut close: Vec<(f64, &str)> = self
                .entries
                .iter()
                .map(|e| {
                    (
                        strsim::jaro_winkler(&id.to_lowercase(), &e.id.to_lowercase()),
                        e.id.as_str(),
                    )
                })
                .filter(|(s, _)| *s > 0.6)
                .collect();
            close.sort_by(|a, b| b.0.total_cmp(&a.0));
            StudyError::UnknownDocument {
                id: id.to_string(),
                suggestions: close
                    .into_iter()
                    .take(3)
                    .map(|(_, i)| i.to_string())
                    .collect(),
            }
        })
    }

    /// The folder of what glose derives from each transcript (`.glose/cache/documents/`:
    /// parsed documents, agreement units, the header and body-length records).
    pub fn documents_cache_dir(&self) -> PathBuf {
        self.cache_dir().join("cache").join("documents")
    }

    /// Loads a document's full text and units, its structure from the cache under
    /// `.glose/cache/documents/` when the transcript's bytes did not change.
    pub fn load_document(&self, id: &str) -> Result<Document, StudyError> {
        let entry = self.entry(id)?;
        let cache = self.documents_cache_dir();
        let mut doc =
            Document::load_cached(&entry.path, &self.config.interviewer_labels(), Some(&cache))?;
        doc.id = entry.id.clone();
        Ok(doc)
    }

    /// A document's attributes: its `cases.csv` row, then its header fields (minus `id`).
    pub fn attributes(&self, id: &str) -> BTreeMap<String, String> {
        let mut attrs = BTreeMap::new();
        if let Some(row) = self.cases.get(id) {
            attrs.extend(row.values.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if let Ok(entry) = self.entry(id) {
            for (k, v) in &entry.header.fields {
                if k != "id" {
                    attrs.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
        attrs
    }

    /// One attribute of a document, as [`Study::attributes`] has it, without copying.
    pub fn attribute(&self, id: &str, key: &str) -> Option<&str> {
        if let Some(v) = self.cases.get(id).and_then(|row| row.values.get(key)) {
            return Some(v);
        }
        if key == "id" {
            return None;
        }
        self.entry(id).ok()?.header.get(key)
    }

    /// [`Study::attributes`] of an entry, borrowed and sorted by name (no copy: the index's
    /// up-to-date check looks at every document's attributes).
    pub fn attribute_refs<'a>(&'a self, entry: &'a DocEntry) -> Vec<(&'a str, &'a str)> {
        let mut attrs: Vec<(&str, &str)> = Vec::new();
        if let Some(row) = self.cases.get(&entry.id) {
            attrs.extend(row.values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        let from_cases = attrs.len();
        for (k, v) in &entry.header.fields {
            let in_cases = attrs[..from_cases]
                .binary_search_by(|(a, _)| (*a).cmp(k.as_str()))
                .is_ok();
            if k != "id" && !in_cases {
                attrs.push((k, v));
            }
        }
        attrs.sort_by(|a, b| a.0.cmp(b.0));
        attrs
    }

    /// A document's stage attribute (`stage` in `cases.csv` or its header).
    pub fn stage_of(&self, id: &str) -> Option<String> {
        self.attributes(id)
            .remove("stage")
            .filter(|s| !s.is_empty())
    }

    /// The stage short names in codebook order (`pre-launch`, `launch`, …).
    pub fn stage_names(&self) -> Vec<String> {
        self.codebook
            .stage_group()
            .map(|g| {
                self.codebook
                    .children(&g.id)
                    .map(|c| c.short_name().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The transcripts of the corpus folder with their stamps (one `stat` each: of the entry
/// itself through the folder, or of its target for a symlink), and glose's temporary
/// files found there; sorted by path.
type Listing = (Vec<(PathBuf, u64, Option<Stamp>)>, Vec<PathBuf>);

fn list_corpus(dir: &Path) -> Result<Listing, StudyError> {
    use rayon::prelude::*;
    let listing = std::fs::read_dir(dir).map_err(crate::fsutil::PathError::with(
        dir,
        "cannot list the corpus folder",
    ))?;
    let mut candidates = Vec::new();
    let mut temps = Vec::new();
    for entry in listing.filter_map(Result::ok) {
        let path = entry.path();
        if crate::fsutil::is_temp_name(&entry.file_name().to_string_lossy()) {
            temps.push(path);
        } else if is_transcript_file(&path) {
            candidates.push((entry, path));
        }
    }
    // One stat per transcript, on every core (as git's preloaded index does): at twenty
    // thousand interviews the stats are most of opening the study.
    let mut files: Vec<(PathBuf, u64, Option<Stamp>)> = candidates
        .into_par_iter()
        .filter_map(|(entry, path)| {
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            let meta = if is_link {
                std::fs::metadata(&path)
            } else {
                entry.metadata()
            };
            let meta = meta.ok().filter(std::fs::Metadata::is_file)?;
            Some((path, meta.len(), Stamp::of(&meta)))
        })
        .collect();
    // All in one folder: the paths' bytes order them as their names (and faster than
    // comparing them component by component).
    files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    Ok((files, temps))
}

/// How much of a transcript `read_header` reads first; it reads more (doubling) only while
/// the header opened by `---` is not closed yet.
const HEADER_CHUNK: usize = 1024;

/// Reads only as much of a transcript as its header needs: 1 KiB first, then more while the
/// header opened by `---` has not been closed, and nothing more once the first line is not
/// `---` (no header). A header never closed is read to the end of the file, as
/// `Document::load` would, so both report the same problem.
fn read_header(path: &Path) -> Result<(Header, Vec<HeaderProblem>, u64), DocumentError> {
    let io = |source| DocumentError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head: Vec<u8> = Vec::new();
    let mut want = HEADER_CHUNK;
    loop {
        let eof = fill(&mut file, &mut head, want).map_err(io)?;
        let body = head
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(&head);
        let may_have_header = body.starts_with(b"---") || b"---".starts_with(body);
        // Cut at the last complete line, so a multi-byte character is never split.
        let complete = if eof {
            head.len()
        } else {
            head.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)
        };
        if eof || !may_have_header || complete > 0 {
            let text = crate::document::decode_utf8(path, &head[..complete])?;
            let normalized = crate::text::normalize(text);
            let (header, problems) = parse_header(&normalized);
            let first_line_is_open = normalized
                .split('\n')
                .next()
                .is_some_and(|l| l.trim_end() == "---");
            let closed = header.lines > 0;
            if eof || !may_have_header || closed || !first_line_is_open {
                return Ok((header, problems, bytes));
            }
        }
        want = head.len().saturating_mul(2).max(HEADER_CHUNK);
    }
}

/// Reads from `file` until `buf` holds `len` bytes or the file ends; true at the end.
fn fill(file: &mut std::fs::File, buf: &mut Vec<u8>, len: usize) -> std::io::Result<bool> {
    let start = buf.len();
    if start >= len {
        return Ok(false);
    }
    let got = file.by_ref().take((len - start) as u64).read_to_end(buf)?;
    Ok(got < len - start)
}

#[cfg(test)]
mod tests;
