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
///
/// Rows are written in runs on every core and joined in order (a row's bytes depend on
/// its cells alone); cells are borrowed, not copied, unless neutralised.
pub fn write_delimited(set: &SegmentSet, delimiter: u8) -> Result<String, ExportError> {
    use rayon::prelude::*;
    let mut head = delimited_writer(delimiter, Vec::new());
    head.write_record(header(set).iter().map(|h| neutralise(h).into_owned()))?;
    let mut bytes = head
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    let runs: Vec<Vec<u8>> = set
        .records
        .par_chunks(ROWS_PER_RUN)
        .map(|records| delimited_rows(records, delimiter))
        .collect::<Result<_, _>>()?;
    bytes.reserve(runs.iter().map(Vec::len).sum());
    for run in runs {
        bytes.extend_from_slice(&run);
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Rows written together by one core in [`write_delimited`].
const ROWS_PER_RUN: usize = 4096;

fn delimited_writer(delimiter: u8, into: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(into)
}

/// The rows of `records`, as [`write_delimited`] writes them.
fn delimited_rows(records: &[SegmentRecord], delimiter: u8) -> Result<Vec<u8>, ExportError> {
    let mut w = delimited_writer(delimiter, Vec::with_capacity(records.len() * 512));
    let mut row: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for r in records {
        row.clear();
        row.extend(cells(r).into_iter().map(|cell| match cell {
            Cell::Text(t) => neutralise(t),
            Cell::Number(n) => n.to_string().into(),
        }));
        w.write_record(row.iter().map(|c| c.as_bytes()))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ExportOptions, build_segments};

    /// Rows written in runs on several cores join to what one writer gives for them all,
    /// header first, at more rows than one run holds.
    #[test]
    fn rows_written_in_runs_are_the_rows_written_at_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let study = crate::study::Study::open(root).unwrap();
        let all = crate::store::load_all(&study);
        let mut set = build_segments(&study, &all, &ExportOptions::default()).unwrap();
        let sample = set.records.clone();
        assert!(!sample.is_empty());
        while set.records.len() <= 2 * ROWS_PER_RUN + 7 {
            set.records.extend(sample.iter().cloned());
        }
        for delimiter in [b',', b'\t'] {
            let mut head = delimited_writer(delimiter, Vec::new());
            head.write_record(header(&set).iter().map(|h| neutralise(h).into_owned()))
                .unwrap();
            let mut at_once = head.into_inner().unwrap();
            at_once.extend(delimited_rows(&set.records, delimiter).unwrap());
            let in_runs = write_delimited(&set, delimiter).unwrap();
            assert_eq!(in_runs.as_bytes(), at_once.as_slice());
            let rows = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(in_runs.as_bytes())
                .records()
                .count();
            assert_eq!(rows, set.records.len());
        }
    }
}
