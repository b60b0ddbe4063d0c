//! Spreadsheet safety: neutralising cells that a spreadsheet would run as formulas.
//!
//! A transcript may contain a line such as `=HYPERLINK("http://…")` or `-2+3`; opened in a
//! spreadsheet, a CSV cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! taken as a formula (CSV injection, OWASP). glose stores such cells as text:
//! in CSV and TSV by prefixing a single quote `'` (the convention spreadsheets recognise);
//! in XLSX with Excel's own "quote prefix" cell format, so the text stays unchanged.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read this cell as a formula.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(FORMULA_TRIGGERS)
}

/// The cell as text a spreadsheet will not evaluate: a leading `'` when it starts with a
/// formula trigger, unchanged otherwise.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_every_trigger_and_nothing_else() {
        for cell in [
            "=1+1",
            "+33 6 12",
            "-2+3",
            "@SUM(A1)",
            "\t=x",
            "\r=x",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["Bonjour", "", " =1", "a=b", "'déjà"] {
            assert_eq!(neutralise(cell), cell);
        }
    }
}
