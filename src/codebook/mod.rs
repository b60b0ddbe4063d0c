//! The codebook: a tree of codes with bilingual labels, definitions and colours.

mod appendix;
mod change;
mod commit;
mod csv_import;
mod history;
mod identity;
mod kind;
mod ops;
mod storage;
mod tree;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use appendix::{AppendixFormat, CodeUsage, appendix, usage};
pub use change::{Change, ChangeError, Step};
pub use commit::{CommitError, commit, lock_path, migrate, migration_advice};
pub use csv_import::{CSV_COLUMNS, import_csv};
pub use history::{HistoryEntry, history_dir, read_history};
pub use identity::{CodeMeta, CodeRecord, new_code_id};
pub use kind::{ChangeKind, CodeField};
pub use ops::{CodeFields, OpError};
pub use storage::{Layout, codebook_stamp};
pub use validate::{CodebookProblem, validate};

/// The version of the one-file codebook format (every code inline in `codes`).
pub const CODEBOOK_SCHEMA_VERSION: u32 = 1;

/// The version of the folder format: one file per code, written by `glose codebook migrate`.
pub const CODEBOOK_DIR_SCHEMA_VERSION: u32 = 2;

/// One code of the codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Stable id, levels separated by dots (`practice.community.cocreation`).
    pub id: String,
    /// The parent's id, `None` for a top-level group.
    #[serde(default)]
    pub parent: Option<String>,
    /// French label.
    #[serde(default)]
    pub label_fr: String,
    /// English label.
    #[serde(default)]
    pub label_en: String,
    /// What the code means.
    #[serde(default)]
    pub definition: String,
    /// When to apply it.
    #[serde(default)]
    pub when_to_use: String,
    /// When not to apply it (and what to use instead).
    #[serde(default)]
    pub when_not_to_use: String,
    /// A typical quotation.
    #[serde(default)]
    pub example: String,
    /// Display colour, `#RRGGBB`.
    #[serde(default)]
    pub color: String,
    /// On a group: its children are mutually exclusive (like the stages).
    #[serde(default)]
    pub exclusive: bool,
    /// Whether codings may be made with it; `false` only for a folder imported as
    /// non-codable from another tool (kept so that re-export says so too).
    #[serde(default = "codable_default", skip_serializing_if = "is_codable")]
    pub codable: bool,
}

fn codable_default() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_codable(codable: &bool) -> bool {
    *codable
}

impl Code {
    /// The last segment of the id (`growth` for `stage.growth`).
    pub fn short_name(&self) -> &str {
        self.id.rsplit('.').next().unwrap_or(&self.id)
    }

    /// The label in `lang` (`fr` or `en`), falling back to the other one, then the id.
    pub fn label(&self, lang: &str) -> &str {
        let (first, second) = if lang == "en" {
            (&self.label_en, &self.label_fr)
        } else {
            (&self.label_fr, &self.label_en)
        };
        [first, second]
            .into_iter()
            .find(|l| !l.trim().is_empty())
            .map_or(self.id.as_str(), String::as_str)
    }

    /// The colour as RGB, if it is a valid `#RRGGBB`.
    pub fn rgb(&self) -> Option<(u8, u8, u8)> {
        parse_color(&self.color)
    }
}

/// Parses `#RRGGBB`.
pub fn parse_color(color: &str) -> Option<(u8, u8, u8)> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// The codebook file as stored on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CodebookFile {
    schema_version: u32,
    #[serde(default)]
    name: String,
    /// The folder of code files (relative to this file), in the folder format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codes_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codes: Option<Vec<CodeRecord>>,
}

/// Errors loading or saving a codebook.
#[derive(Debug, thiserror::Error)]
pub enum CodebookError {
    /// The file could not be read or written.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// The JSON is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        /// The codebook file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// A CSV codebook could not be read.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A loaded codebook with its tree indexed.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    /// The codebook's name.
    pub name: String,
    /// The codes, parents before children.
    pub codes: Vec<Code>,
    by_id: FxHashMap<String, usize>,
    children: FxHashMap<String, Vec<usize>>,
    /// Depth of each code (index into `codes`), computed once on load.
    depths: Vec<usize>,
    /// Indices of the top-level codes, in order.
    root_list: Vec<usize>,
    /// Where it was loaded from (used to report lines of problems).
    pub path: PathBuf,
    source: String,
    /// Identity bookkeeping per code id (aliases, claimed codings, sibling position).
    meta: FxHashMap<String, CodeMeta>,
    /// Old id -> the code that absorbed it (from every code's `aliases`).
    alias_of: FxHashMap<String, String>,
    /// Coding id -> the code it was split into (from every code's `claims`).
    claim_of: FxHashMap<String, String>,
    /// One file or one file per code.
    pub layout: Layout,
    /// The file's schema version as read.
    pub schema_version: u32,
    /// The fingerprint of the files as loaded ([`codebook_stamp`]).
    stamp: String,
}

impl Codebook {
    /// Builds a codebook from codes (order kept as given).
    pub fn from_codes(name: &str, codes: Vec<Code>) -> Self {
        let records = codes
            .into_iter()
            .map(|code| CodeRecord {
                code,
                meta: CodeMeta::default(),
            })
            .collect();
        Self::from_records(name, records)
    }

    /// Builds a codebook from records (code and identity bookkeeping).
    pub(crate) fn from_records(name: &str, records: Vec<CodeRecord>) -> Self {
        let mut codes = Vec::with_capacity(records.len());
        let mut meta = FxHashMap::default();
        for r in records {
            if !r.meta.is_empty() {
                meta.insert(r.code.id.clone(), r.meta);
            }
            codes.push(r.code);
        }
        let mut cb = Self {
            name: name.to_string(),
            codes,
            meta,
            schema_version: CODEBOOK_SCHEMA_VERSION,
            ..Self::default()
        };
        cb.reindex();
        cb.fill_positions();
        cb
    }

    /// Gives every code without a stored position (the one-file format keeps order by
    /// place in the file) its rank among its siblings, so that a code removed and put
    /// back (undo) returns to its place.
    fn fill_positions(&mut self) {
        let groups: Vec<Vec<usize>> = std::iter::once(self.root_list.clone())
            .chain(self.children.values().cloned())
            .collect();
        let mut filled = false;
        for group in groups {
            for (rank, i) in group.into_iter().enumerate() {
                let id = self.codes[i].id.clone();
                let meta = self.meta.entry(id).or_default();
                if meta.position == 0 {
                    meta.position = u32::try_from(rank + 1).unwrap_or(u32::MAX);
                    filled = true;
                }
            }
        }
        if filled {
            self.reindex();
        }
    }

    /// Loads a codebook from its JSON file.
    pub fn load(path: &Path) -> Result<Self, CodebookError> {
        let source = std::fs::read_to_string(path)
            .map_err(crate::fsutil::PathError::with(path, "cannot read codebook"))?;
        let stamp = codebook_stamp(path);
        let mut cb = Self::parse(path, &source)?;
        cb.stamp = stamp;
        Ok(cb)
    }

    /// Whether the codebook on disk differs from this one as loaded (a `git pull`,
    /// another coder's change): then load it again. Reads the header and code files.
    pub fn changed_on_disk(&self) -> bool {
        codebook_stamp(&self.path) != self.stamp
    }

    /// Parses one-file codebook JSON; `path` is used in messages. A folder-format header
    /// (`codes_dir`) is read with its code files by [`Codebook::load`].
    pub fn parse(path: &Path, source: &str) -> Result<Self, CodebookError> {
        let file: CodebookFile = serde_json::from_str(source).map_err(|e| CodebookError::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: format!("{e}"),
        })?;
        if file.schema_version > CODEBOOK_DIR_SCHEMA_VERSION || file.schema_version == 0 {
            let line = source
                .lines()
                .position(|l| l.contains("\"schema_version\""))
                .map_or(1, |i| i + 1);
            return Err(CodebookError::Json {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: format!(
                    "schema_version {} is not one this glose reads (it reads up to {}): a newer glose \
                     wrote this codebook; update glose",
                    file.schema_version, CODEBOOK_DIR_SCHEMA_VERSION
                ),
            });
        }
        let records = match &file.codes_dir {
            Some(dir) => storage::load_code_dir(path, dir)?,
            None => file.codes.clone().unwrap_or_default(),
        };
        let mut cb = Self::from_records(&file.name, records);
        cb.schema_version = file.schema_version;
        cb.layout = match file.codes_dir {
            Some(dir) => Layout::Folder(dir),
            None => Layout::OneFile,
        };
        cb.path = path.to_path_buf();
        cb.source = source.to_string();
        Ok(cb)
    }

    /// Serialises to the stable, pretty-printed one-file JSON format (parents before
    /// children), whatever the layout it was loaded from.
    pub fn to_json(&self) -> String {
        let file = CodebookFile {
            schema_version: CODEBOOK_SCHEMA_VERSION,
            name: self.name.clone(),
            codes_dir: None,
            // The order in the file is the order: positions are not written.
            codes: Some(
                self.tree_order()
                    .into_iter()
                    .map(|c| {
                        let mut r = self.record(c);
                        r.meta.position = 0;
                        r
                    })
                    .collect(),
            ),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Saves the codebook atomically at `path`, in its layout (one file, or the header
    /// and one file per code).
    pub fn save(&self, path: &Path) -> Result<(), CodebookError> {
        match &self.layout {
            Layout::OneFile => {
                crate::fsutil::write_atomic(path, self.to_json().as_bytes())?;
            }
            Layout::Folder(dir) => storage::save_folder(self, path, dir)?,
        }
        Ok(())
    }

    /// A code with its identity bookkeeping, as stored.
    pub fn record(&self, code: &Code) -> CodeRecord {
        CodeRecord {
            code: code.clone(),
            meta: self.meta.get(&code.id).cloned().unwrap_or_default(),
        }
    }

    /// The stored record of the code with this id.
    pub fn record_of(&self, id: &str) -> Option<CodeRecord> {
        self.get(id).map(|c| self.record(c))
    }

    /// The identity bookkeeping of a code (empty when it has none).
    pub fn meta(&self, id: &str) -> CodeMeta {
        self.meta.get(id).cloned().unwrap_or_default()
    }

    /// Ids closest to an unknown id, for "did you mean" messages.
    pub fn suggest(&self, unknown: &str) -> Vec<&str> {
        let folded = crate::text::fold(unknown);
        let mut scored: Vec<(f64, &str)> = self
            .codes
            .iter()
            .map(|c| {
                let by_id = strsim::jaro_winkler(&folded, &c.id);
                let by_short = strsim::jaro_winkler(&folded, c.short_name());
                let by_label = strsim::jaro_winkler(&folded, &crate::text::fold(&c.label_fr)).max(
                    strsim::jaro_winkler(&folded, &crate::text::fold(&c.label_en)),
                );
                (by_id.max(by_short).max(by_label), c.id.as_str())
            })
            .filter(|(s, _)| *s > 0.7)
            .collect();
        // An old id merged into another code: the code it became comes first.
        if let Some(to) = self.resolve(unknown).filter(|c| c.id != unknown) {
            scored.retain(|(_, id)| *id != to.id);
            scored.insert(0, (f64::INFINITY, to.id.as_str()));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }

    /// The first problem that makes answers about this codebook wrong (a cycle of parents,
    /// a repeated id, a missing parent), as a message naming it; `None` for a sound tree.
    /// Commands that count or group codings refuse to run on such a codebook.
    pub fn unsound(&self) -> Option<String> {
        validate(self)
            .into_iter()
            .find(|p| {
                p.message.contains("cycle of parents")
                    || p.message.contains("more than once")
                    || p.message.contains("does not exist")
            })
            .map(|p| match p.line {
                Some(line) => format!("{}:{line}: {}", self.path.display(), p.message),
                None => format!("{}: {}", self.path.display(), p.message),
            })
    }

    /// The 1-based line of every `"id": "<id>"` in the loaded file (the first one of
    /// each id), read in one pass: messages about many codes look their lines up here.
    pub fn id_lines(&self) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for (n, line) in self.source.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("\"id\"") {
                rest = &rest[at + 4..];
                let value = rest.trim_start().strip_prefix(':').map(str::trim_start);
                if let Some(Ok(id)) = value.and_then(|v| {
                    serde_json::Deserializer::from_str(v)
                        .into_iter::<String>()
                        .next()
                }) {
                    out.entry(id).or_insert(n + 1);
                }
            }
        }
        out
    }

    /// The 1-based line of `"id": "<id>"` in the loaded file, for messages.
    pub fn line_of(&self, id: &str) -> Option<usize> {
        let needle = format!("\"{id}\"");
        self.source
            .lines()
            .position(|l| l.contains("\"id\"") && l.contains(&needle))
            .map(|i| i + 1)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod ops_tests;
