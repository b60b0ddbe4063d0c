//! Importing a codebook kept in a spreadsheet (CSV, one row per code).

use std::path::Path;

use super::{Code, Codebook, CodebookError};

/// The columns glose reads, in its preferred order. Only `id` is required.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "parent",
    "label_fr",
    "label_en",
    "definition",
    "when_to_use",
    "when_not_to_use",
    "example",
    "color",
    "exclusive",
];

/// Reads a codebook from CSV (header row with the columns of [`CSV_COLUMNS`], any order).
pub fn import_csv(path: &Path, name: &str) -> Result<Codebook, CodebookError> {
    let bytes = std::fs::read(path).map_err(crate::fsutil::PathError::with(path, "cannot read"))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| CodebookError::Csv {
        path: path.to_path_buf(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        message: "invalid UTF-8: save the spreadsheet as CSV UTF-8".to_string(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.contains(';') && !l.contains(','))
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let err = |line: usize, message: String| CodebookError::Csv {
        path: path.to_path_buf(),
        line,
        message,
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| err(1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let id_col = col("id").ok_or_else(|| err(1, "the header has no `id` column".to_string()))?;
    let mut codes = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let record = record.map_err(|e| err(line, e.to_string()))?;
        let get = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let id = record.get(id_col).unwrap_or("").trim().to_string();
        if id.is_empty() {
            return Err(err(line, "empty id".to_string()));
        }
        let parent = get("parent");
        let exclusive = get("exclusive").to_lowercase();
        codes.push(Code {
            id,
            parent: (!parent.is_empty()).then_some(parent),
            label_fr: get("label_fr"),
            label_en: get("label_en"),
            definition: get("definition"),
            when_to_use: get("when_to_use"),
            when_not_to_use: get("when_not_to_use"),
            example: get("example"),
            color: get("color"),
            exclusive: matches!(exclusive.as_str(), "true" | "yes" | "oui" | "1" | "x"),
            codable: true,
        });
    }
    Ok(Codebook::from_codes(name, codes))
}
