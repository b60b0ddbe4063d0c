//! CSV (RFC 4180), TSV and JSON lines.

use serde_json::Value;

use super::super::ExportError;
use super::super::sanitize::neutralise;
use super::super::segments::{SegmentRecord, SegmentSet};

/// The fixed columns after the dimension columns.
pub const COLUMNS: &[&str] = &[
    "code",
    "code_label_fr",
    "code_label_en",
    "code_path",
    "doc",
    "company",
    "speaker",
    "role",
    "turn",
    "timestamp",
    "start",
    "end",
    "text",
    "memo",
    "coder",
    "created",
    "modified",
    "id",
];

/// The header: `<dim>`, `<dim>_rule` for each dimension, then [`COLUMNS`].
pub fn header(set: &SegmentSet) -> Vec<String> {
    let mut h = Vec::new();
    for d in &set.dims {
        h.push(d.name().to_string());
        h.push(format!("{}_rule", d.name()));
    }
    h.extend(COLUMNS.iter().map(|c| (*c).to_string()));
    h
}

/// A cell of a record: text, or a number (spreadsheets keep numbers as numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// A text cell.
    Text(&'a str),
    /// A number cell.
    Number(usize),
}

/// The cells of a record, in [`header`] order.
pub fn cells(r: &SegmentRecord) -> Vec<Cell<'_>> {
    let mut out = Vec::with_capacity(r.dims.len() * 2 + COLUMNS.len());
    for d in &r.dims {
        out.push(Cell::Text(d.value.as_deref().unwrap_or("")));
        out.push(Cell::Text(d.rule.as_str()));
    }
    out.extend([
        Cell::Text(&r.code),
        Cell::Text(&r.code_label_fr),
        Cell::Text(&r.code_label_en),
        Cell::Text(&r.code_path),
        Cell::Text(&r.doc),
        Cell::Text(&r.company),
        Cell::Text(&r.speaker),
        Cell::Text(&r.role),
        Cell::Number(r.turn),
        Cell::Text(r.timestamp.as_deref().unwrap_or("")),
        Cell::Number(r.start),
        Cell::Number(r.end),
        Cell::Text(&r.text),
        Cell::Text(r.memo.as_deref().unwrap_or("")),
        Cell::Text(&r.coder),
        Cell::Text(&r.created),
        Cell::Text(&r.modified),
        Cell::Text(&r.id),
    ]);
    out
}

/// Writes CSV (`delimiter` `,`) or TSV (`\t`): RFC 4180 quoting, CRLF line ends, every
/// text cell neutralised against formula injection.
pub fn write_delimited(set: &SegmentSet, delimiter: u8) -> Result<String, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(set.records.len() * 512));
    let header = header(set);
    w.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    let mut row: Vec<String> = Vec::new();
    for r in &set.records {
        row.clear();
        for cell in cells(r) {
            row.push(match cell {
                Cell::Text(t) => neutralise(t).into_owned(),
                Cell::Number(n) => n.to_string(),
            });
        }
        w.write_record(&row)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Writes one JSON object per record, keys in [`header`] order (JSON is not a spreadsheet:
/// text is written as it is).
pub fn write_jsonl(set: &SegmentSet) -> Result<String, ExportError> {
    let header = header(set);
    let mut out = String::with_capacity(set.records.len() * 600);
    for r in &set.records {
        out.push('{');
        for (i, (name, cell)) in header.iter().zip(cells(r)).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(name)?);
            out.push(':');
            let v = match cell {
                Cell::Number(n) => Value::from(n),
                Cell::Text("") if name == "memo" || name == "timestamp" => Value::Null,
                Cell::Text(t) => Value::from(t),
            };
            out.push_str(&serde_json::to_string(&v)?);
        }
        out.push_str("}\n");
    }
    Ok(out)
}
