//! The two codebook layouts on disk: one file (schema 1, every code inline), or a header
//! file and one file per code (schema 2, `codes_dir`), so that two clones adding codes
//! touch different files and git merges them without a conflict.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{CODEBOOK_DIR_SCHEMA_VERSION, CodeRecord, Codebook, CodebookError, CodebookFile};
use crate::fsutil::{PathError, write_atomic};

/// How a codebook is laid out on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Layout {
    /// Every code inline in the codebook file (schema 1).
    #[default]
    OneFile,
    /// One `<id>.json` per code in this folder, relative to the codebook file (schema 2).
    Folder(String),
}

/// The folder of code files, absolute.
pub(crate) fn folder_path(codebook_file: &Path, dir: &str) -> PathBuf {
    codebook_file.parent().unwrap_or(Path::new("")).join(dir)
}

fn code_files(folder: &Path) -> Result<Vec<PathBuf>, PathError> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(folder) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(PathError::with(folder, "cannot list the code folder")(e)),
    };
    files.sort();
    Ok(files)
}

/// Reads every code file of the folder format, sorted by file name.
pub(crate) fn load_code_dir(
    codebook_file: &Path,
    dir: &str,
) -> Result<Vec<CodeRecord>, CodebookError> {
    let folder = folder_path(codebook_file, dir);
    let mut out = Vec::new();
    for path in code_files(&folder)? {
        let text = std::fs::read_to_string(&path)
            .map_err(PathError::with(&path, "cannot read code file"))?;
        let record: CodeRecord = serde_json::from_str(&text).map_err(|e| CodebookError::Json {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message: format!("{e}"),
        })?;
        out.push(record);
    }
    Ok(out)
}

fn pretty(value: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// The header file of the folder format.
pub(crate) fn header_json(cb: &Codebook, dir: &str) -> String {
    pretty(&CodebookFile {
        schema_version: CODEBOOK_DIR_SCHEMA_VERSION,
        name: cb.name.clone(),
        codes_dir: Some(dir.to_string()),
        codes: None,
    })
}

/// The text of one code's file.
pub(crate) fn record_json(record: &CodeRecord) -> String {
    pretty(record)
}

/// Writes the folder format: each code file that changed (atomically), then removes the
/// files of codes that are gone, so an interrupted save never loses a code.
pub(crate) fn save_folder(cb: &Codebook, path: &Path, dir: &str) -> Result<(), CodebookError> {
    let folder = folder_path(path, dir);
    std::fs::create_dir_all(&folder)
        .map_err(PathError::with(&folder, "cannot create the code folder"))?;
    let mut keep = std::collections::HashSet::new();
    for code in &cb.codes {
        let file = folder.join(format!("{}.json", code.id));
        let text = record_json(&cb.record(code));
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            write_atomic(&file, text.as_bytes())?;
        }
        keep.insert(file);
    }
    let header = header_json(cb, dir);
    if std::fs::read_to_string(path).ok().as_deref() != Some(header.as_str()) {
        write_atomic(path, header.as_bytes())?;
    }
    for file in code_files(&folder)? {
        if !keep.contains(&file) {
            std::fs::remove_file(&file)
                .map_err(PathError::with(&file, "cannot remove the code file"))?;
        }
    }
    Ok(())
}

/// A fingerprint of the codebook as stored (header and every code file), so an open TUI
/// can tell that it changed on disk (a `git pull`, another coder) and reload it.
pub fn codebook_stamp(path: &Path) -> String {
    let mut hash = Sha256::new();
    let header = std::fs::read(path).unwrap_or_default();
    hash.update(&header);
    if let Ok(file) = serde_json::from_slice::<CodebookFile>(&header)
        && let Some(dir) = file.codes_dir
    {
        for f in code_files(&folder_path(path, &dir)).unwrap_or_default() {
            hash.update(f.to_string_lossy().as_bytes());
            hash.update(std::fs::read(&f).unwrap_or_default());
        }
    }
    hash.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}
