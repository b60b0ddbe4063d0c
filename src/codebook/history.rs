//! The codebook's history: one JSON line per change (who, when, what, why), in one file
//! per person (`<codebook folder>/history/<who>.jsonl`), so that clones appending at the
//! same time never touch the same file and git merges them cleanly. Read back merged and
//! sorted by time.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Change;
use crate::diag::Diagnostic;
use crate::fsutil::PathError;

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When (UTC, to the second).
    pub at: jiff::Timestamp,
    /// Who (the coder name).
    pub who: String,
    /// The operation (`add`, `merge`…).
    pub op: String,
    /// What it did.
    pub summary: String,
    /// Why, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The change itself (the records before and after), so it can be audited or undone.
    pub change: Change,
}

/// The history folder of a codebook file.
pub fn history_dir(codebook_file: &Path) -> PathBuf {
    codebook_file
        .parent()
        .unwrap_or(Path::new(""))
        .join("history")
}

/// Appends one entry to `who`'s history file (one line, flushed to disk).
pub(crate) fn append(codebook_file: &Path, entry: &HistoryEntry) -> Result<(), PathError> {
    let dir = history_dir(codebook_file);
    std::fs::create_dir_all(&dir).map_err(PathError::with(&dir, "cannot create folder"))?;
    let path = dir.join(format!("{}.jsonl", entry.who));
    let mut line = serde_json::to_string(entry).unwrap_or_default();
    line.push('\n');
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(PathError::with(&path, "cannot open history file"))?;
    file.write_all(line.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(PathError::with(&path, "cannot write history file"))
}

/// Every history entry, oldest first; unreadable lines are reported and skipped.
pub fn read_history(codebook_file: &Path) -> (Vec<HistoryEntry>, Vec<Diagnostic>) {
    let dir = history_dir(codebook_file);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            problems.push(Diagnostic::warning(
                path.clone(),
                None,
                "cannot read history file".to_string(),
            ));
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<HistoryEntry>(line) {
                Ok(e) => entries.push(e),
                Err(e) => problems.push(Diagnostic::warning(
                    path.clone(),
                    Some(i + 1),
                    format!("unreadable history line ({e}); skipped"),
                )),
            }
        }
    }
    entries.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.who.cmp(&b.who)));
    (entries, problems)
}
