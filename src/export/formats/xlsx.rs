//! XLSX: a summary sheet (codes × values of the first dimension) and one sheet per value.
//!
//! Text is always written as text: cells that a spreadsheet would read as a formula get
//! Excel's "quote prefix" format (the text is unchanged, Excel keeps it as text even when
//! edited). The creation date property is fixed, so the same export gives the same bytes.

use std::collections::HashSet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::super::ExportError;
use super::super::matrix::{Axis, Measure, crosstab};
use super::super::sanitize::is_formula_like;
use super::super::segments::{SegmentRecord, SegmentSet};
use super::csv::{Cell, cells, header};
use crate::codebook::Codebook;

/// Excel's limit on the characters of a cell (UTF-16 units).
const MAX_CELL: usize = 32_767;
/// Excel's limit on rows per sheet.
const MAX_ROWS: usize = 1_048_576;
/// Excel's limit on the length of a sheet name.
const MAX_SHEET_NAME: usize = 31;

fn xerr(context: impl Into<String>) -> impl FnOnce(XlsxError) -> ExportError {
    let context = context.into();
    move |e| ExportError::Xlsx {
        context,
        message: e.to_string(),
    }
}

/// A text no longer than Excel accepts in one cell (cut with a visible mark).
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL {
        return text.into();
    }
    const MARK: &str = " […cut: longer than an Excel cell allows]";
    let budget = MAX_CELL - MARK.encode_utf16().count();
    let mut used = 0;
    let mut cut = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        cut.push(c);
    }
    cut.push_str(MARK);
    cut.into()
}

/// A valid, unique sheet name for `value` (Excel forbids `[]:*?/\`, control characters,
/// leading or trailing apostrophes, more than 31 characters, the reserved name `History`,
/// and names equal but for case).
pub fn sheet_name(value: &str, taken: &mut HashSet<String>) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| {
            if c.is_whitespace() {
                ' '
            } else if "[]:*?/\\".contains(c) || crate::text::is_unsafe_control(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim().to_string();
    let base = if cleaned.is_empty() {
        "(none)".to_string()
    } else if cleaned.eq_ignore_ascii_case("history") {
        format!("{cleaned} (sheet)")
    } else {
        cleaned
    };
    let shorten = |s: &str, room: usize| -> String {
        let mut out = String::new();
        let mut used = 0;
        for c in s.chars() {
            used += c.len_utf16();
            if used > room {
                break;
            }
            out.push(c);
        }
        out
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let head = shorten(&base, MAX_SHEET_NAME - suffix.encode_utf16().count());
        let head = head.trim_end().trim_end_matches('\'');
        let name = format!("{head}{suffix}");
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    quoted: &Format,
) -> Result<(), XlsxError> {
    let text = fit(text);
    if is_formula_like(&text) {
        ws.write_string_with_format(row, col, text.as_ref(), quoted)?;
    } else {
        ws.write_string(row, col, text.as_ref())?;
    }
    Ok(())
}

fn write_records(
    ws: &mut Worksheet,
    head: &[String],
    records: &[&SegmentRecord],
    bold: &Format,
    quoted: &Format,
) -> Result<(), XlsxError> {
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
        let width = match h.as_str() {
            "text" => 80.0,
            "memo" | "code_path" => 40.0,
            "code_label_fr" | "code_label_en" | "code" | "company" => 24.0,
            _ => 12.0,
        };
        ws.set_column_width(c as u16, width)?;
    }
    for (i, r) in records.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in cells(r).into_iter().enumerate() {
            match cell {
                Cell::Text(t) => write_text(ws, row, c as u16, t, quoted)?,
                Cell::Number(n) => {
                    ws.write_number(row, c as u16, n as f64)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes the workbook.
pub fn write_xlsx(set: &SegmentSet, cb: &Codebook) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xerr("creation date"))?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("glose export of coded segments"),
    );
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let bold_quoted = Format::new().set_bold().set_quote_prefix();
    let mut taken = HashSet::new();

    // Summary: codes × values of the first dimension, with totals.
    let summary_name = sheet_name("Summary", &mut taken);
    {
        let ws = wb.add_worksheet();
        ws.set_name(&summary_name).map_err(xerr("summary sheet"))?;
        let cols = if set.dims.is_empty() {
            Axis::Coder
        } else {
            Axis::Dim(0)
        };
        let m = crosstab(set, &Axis::Code, &cols, Measure::Segments, cb);
        let mut head = vec!["code".to_string(), "label".to_string()];
        head.extend(m.col_labels.iter().cloned());
        head.push("total".into());
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, fit(h).as_ref(), &bold_quoted)
                .map_err(xerr("summary header"))?;
        }
        let n_cols = m.cols.len();
        for (i, (key, label)) in m.rows.iter().zip(&m.row_labels).enumerate() {
            let row = i as u32 + 1;
            let cells = m.cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            (|| -> Result<(), XlsxError> {
                write_text(ws, row, 0, key, &quoted)?;
                write_text(ws, row, 1, label, &quoted)?;
                for (j, v) in cells.iter().enumerate() {
                    ws.write_number(row, j as u16 + 2, *v as f64)?;
                }
                ws.write_number(
                    row,
                    n_cols as u16 + 2,
                    m.row_totals.get(i).copied().unwrap_or(0) as f64,
                )?;
                Ok(())
            })()
            .map_err(xerr(format!("summary row {key}")))?;
        }
        let row = m.rows.len() as u32 + 1;
        (|| -> Result<(), XlsxError> {
            ws.write_string_with_format(row, 0, "total", &bold)?;
            for (j, v) in m.col_totals.iter().enumerate() {
                ws.write_number_with_format(row, j as u16 + 2, *v as f64, &bold)?;
            }
            ws.write_number_with_format(row, n_cols as u16 + 2, m.total as f64, &bold)?;
            ws.set_column_width(0, 36)?;
            ws.set_column_width(1, 36)?;
            ws.set_freeze_panes(1, 2)?;
            Ok(())
        })()
        .map_err(xerr("summary totals"))?;
    }

    // One sheet per value of the first dimension (or one sheet of every segment).
    let head = header(set);
    let mut groups: Vec<(String, Vec<&SegmentRecord>)> = Vec::new();
    for r in &set.records {
        let label = match set.dims.first() {
            Some(_) => r.dim(0).unwrap_or("(none)").to_string(),
            None => "Segments".to_string(),
        };
        match groups.last_mut() {
            Some((l, list)) if *l == label => list.push(r),
            _ => groups.push((label, vec![r])),
        }
    }
    if groups.is_empty() {
        groups.push(("Segments".into(), Vec::new()));
    }
    for (label, list) in groups {
        let name = sheet_name(&label, &mut taken);
        if list.len() + 1 > MAX_ROWS {
            return Err(ExportError::Xlsx {
                context: format!("sheet {name}"),
                message: format!(
                    "{} segments do not fit in one sheet (Excel's limit is {} rows): \
                     export CSV, or select fewer codes or documents",
                    list.len(),
                    MAX_ROWS - 1
                ),
            });
        }
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(xerr(format!("sheet {name}")))?;
        write_records(ws, &head, &list, &bold_quoted, &quoted)
            .map_err(xerr(format!("sheet {name}")))?;
    }
    wb.save_to_buffer().map_err(xerr("saving the workbook"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("Summary", &mut taken), "Summary");
        assert_eq!(sheet_name("summary", &mut taken), "summary (2)");
        assert_eq!(sheet_name("a/b:c*?[d]", &mut taken), "a_b_c___d_");
        assert_eq!(sheet_name("artisanat\u{1b}", &mut taken), "artisanat_");
        assert_eq!(
            sheet_name("ligne\nsuivante\t", &mut taken),
            "ligne suivante"
        );
        assert_eq!(sheet_name("\u{9b}x\u{202e}", &mut taken), "_x_");
        assert_eq!(sheet_name("History", &mut taken), "History (sheet)");
        assert_eq!(sheet_name("history", &mut taken), "history (sheet) (2)");
        let quoted = format!("{}'x", "a".repeat(30));
        assert!(!sheet_name(&quoted, &mut taken).ends_with('\''));
        assert_eq!(sheet_name("", &mut taken), "(none)");
        let long = "mode (friperie en ligne et vêtements de seconde main)";
        let n = sheet_name(long, &mut taken);
        assert_eq!(n.encode_utf16().count(), 31);
        let n2 = sheet_name(long, &mut taken);
        assert!(n2.ends_with(" (2)") && n2.encode_utf16().count() <= 31);
    }

    #[test]
    fn long_cells_are_cut_to_excel_limit() {
        let s = "é".repeat(40_000);
        assert!(fit(&s).encode_utf16().count() <= MAX_CELL);
        assert_eq!(fit("court"), "court");
    }
}
