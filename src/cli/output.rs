//! Printing data: aligned tables for people, JSON for scripts.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Prints `value` as pretty JSON on stdout, C1 and bidirectional controls escaped too.
pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", glose::text::escape_json_controls(&json))?;
    Ok(())
}

/// Text for the terminal: JSON keeps its syntax ([`glose::text::escape_json_controls`]),
/// anything else gets visible escapes ([`glose::text::escape_controls`]); bytes that are
/// not UTF-8 are printed as replacement characters.
pub fn terminal_text(bytes: &[u8]) -> Cow<'_, str> {
    let escape = |text: &str| -> String {
        if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            glose::text::escape_json_controls(text)
        } else {
            glose::text::escape_controls(text)
        }
    };
    match simdutf8::basic::from_utf8(bytes) {
        // Borrowed when nothing needs escaping: a large export is not copied again.
        Ok(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() => {
            glose::text::escape_json_controls_cow(text)
        }
        Ok(text) => glose::text::escape_controls_cow(text),
        Err(_) => Cow::Owned(escape(&String::from_utf8_lossy(bytes))),
    }
}

/// Right-aligns numeric-looking columns and pads by display width (accents, CJK).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let numeric: Vec<bool> = (0..cols)
        .map(|i| {
            rows.iter().all(|r| {
                r.get(i).is_none_or(|c| {
                    c.is_empty()
                        || c.chars().all(|ch| {
                            ch.is_ascii_digit()
                                || matches!(ch, '.' | '-' | '%' | ' ' | '+' | '–' | '—')
                        })
                })
            })
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut parts = Vec::with_capacity(cols);
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            if numeric[i] && i > 0 {
                parts.push(format!("{}{cell}", " ".repeat(pad)));
            } else {
                parts.push(format!("{cell}{}", " ".repeat(pad)));
            }
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    line(
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}
