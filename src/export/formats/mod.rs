//! The export formats of coded segments.

pub mod csv;
pub mod html;
pub mod md;
pub mod xlsx;

use serde::Serialize;

use super::ExportError;
use super::segments::SegmentSet;
use crate::codebook::Codebook;

/// An output format of `glose export segments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// RFC 4180 CSV (comma, CRLF, quotes doubled).
    Csv,
    /// Tab-separated values, quoted like CSV when needed.
    Tsv,
    /// One JSON object per line.
    Jsonl,
    /// Markdown grouped by dimension, code and quotation.
    Md,
    /// A standalone HTML page grouped like Markdown.
    Html,
    /// An Excel workbook: a summary sheet and one sheet per value of the first dimension.
    Xlsx,
}

impl Format {
    /// Parses a format name or a file extension (`csv`, `tsv`, `jsonl`, `md`, `html`,
    /// `xlsx`, plus `markdown`, `htm`, `json`).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "md" | "markdown" => Format::Md,
            "html" | "htm" => Format::Html,
            "xlsx" => Format::Xlsx,
            _ => return None,
        })
    }

    /// Whether the output is text (everything but XLSX).
    pub fn is_text(self) -> bool {
        self != Format::Xlsx
    }
}

/// A rendered export.
#[derive(Debug, Clone)]
pub struct Rendered {
    content: Content,
}

/// What a rendered export holds: text (kept as text, so that it is not checked for UTF-8
/// again before a pseudonym scan or printing), or a workbook with its strings.
#[derive(Debug, Clone)]
enum Content {
    Text(String),
    Workbook {
        bytes: Vec<u8>,
        /// Every string written into the workbook, for the pseudonym scan.
        strings: String,
    },
}

impl Rendered {
    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        match &self.content {
            Content::Text(t) => t.as_bytes(),
            Content::Workbook { bytes, .. } => bytes,
        }
    }

    /// The file's bytes, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        match self.content {
            Content::Text(t) => t.into_bytes(),
            Content::Workbook { bytes, .. } => bytes,
        }
    }

    /// The text a pseudonym scan should look at (the output itself, or for XLSX every
    /// string written into the workbook).
    pub fn scan_text(&self) -> &str {
        match &self.content {
            Content::Text(t) => t,
            Content::Workbook { strings, .. } => strings,
        }
    }
}

/// Renders `set` in `format`. `title` heads Markdown and HTML.
pub fn render(
    set: &SegmentSet,
    format: Format,
    cb: &Codebook,
    title: &str,
) -> Result<Rendered, ExportError> {
    let text = |s: String| Rendered {
        content: Content::Text(s),
    };
    Ok(match format {
        Format::Csv => text(csv::write_delimited(set, b',')?),
        Format::Tsv => text(csv::write_delimited(set, b'\t')?),
        Format::Jsonl => text(csv::write_jsonl(set)?),
        Format::Md => text(md::write_markdown(set, cb, title)),
        Format::Html => text(html::write_html(set, cb, title)),
        Format::Xlsx => Rendered {
            content: Content::Workbook {
                bytes: xlsx::write_xlsx(set, cb)?,
                strings: csv::write_delimited(set, b'\t')?,
            },
        },
    })
}

/// A heading of the grouped formats (Markdown, HTML, report): a dimension value or a
/// code, with what it holds.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// The heading (a stage label, an attribute value, a code label).
    pub label: String,
    /// The value or code id (for anchors and data attributes; empty for no value).
    pub key: String,
    /// Number of records below.
    pub count: usize,
    /// Sub-headings (dimension values, then codes).
    pub children: Vec<Node<'a>>,
    /// The quotations (only at the code level).
    pub records: Vec<&'a crate::export::SegmentRecord>,
}

/// Groups the (sorted) records of `set` by each dimension, then by code.
pub fn tree<'a>(set: &'a SegmentSet, cb: &Codebook) -> Vec<Node<'a>> {
    let records: Vec<&crate::export::SegmentRecord> = set.records.iter().collect();
    group_level(set, cb, &records, 0)
}

fn group_level<'a>(
    set: &'a SegmentSet,
    cb: &Codebook,
    records: &[&'a crate::export::SegmentRecord],
    level: usize,
) -> Vec<Node<'a>> {
    let key_of = |r: &crate::export::SegmentRecord| -> Option<String> {
        match set.dims.get(level) {
            Some(_) => r.dim(level).map(str::to_string),
            None => Some(r.code.to_string()),
        }
    };
    let mut out: Vec<Node<'a>> = Vec::new();
    let mut start = 0;
    while let Some(first) = records.get(start) {
        let key = key_of(first);
        let len = records
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|r| key_of(r) == key)
            .count();
        let chunk = records.get(start..start + len).unwrap_or(&[]);
        let (label, children, recs) = match set.dims.get(level) {
            Some(dim) => (
                dim.label(key.as_deref(), cb, &set.lang),
                group_level(set, cb, chunk, level + 1),
                Vec::new(),
            ),
            None => {
                let id = key.clone().unwrap_or_default();
                let label = cb
                    .get(&id)
                    .map_or(id.clone(), |c| c.label(&set.lang).to_string());
                (label, Vec::new(), chunk.to_vec())
            }
        };
        out.push(Node {
            label,
            key: key.unwrap_or_default(),
            count: len,
            children,
            records: recs,
        });
        start += len.max(1);
    }
    out
}
