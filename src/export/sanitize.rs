//! Spreadsheet safety: neutralising cells that a spreadsheet would run as formulas.
//!
//! A transcript may contain a line such as `=HYPERLINK("http://…")` or `-2+3`; opened in a
//! spreadsheet, a CSV cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! taken as a formula (CSV injection, OWASP). glose stores such cells as text:
//! in CSV and TSV by prefixing a single quote `'` (the convention spreadsheets recognise);
//! in XLSX with Excel's own "quote prefix" cell format, so the text stays unchanged.
//!
//! **The rule.** A cell is neutralised when, after any leading whitespace (space, no-break
//! space, tab, line break…) and invisible characters (zero-width space, joiners, word
//! joiner, BOM), it starts with `=`, `+`, `-`, `@` or their full-width forms `＝ ＋ － ＠`;
//! when it starts with a tab or a carriage return; or when it has the shape of a DDE call
//! (`cmd|' /C calc'!A0`: a word, `|`, then a `!`).

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Characters a spreadsheet skips before deciding that a cell is a formula.
fn is_ignorable_lead(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// `word|…!…`: the shape of a DDE call (`cmd|' /C calc'!A0`).
fn is_dde_like(cell: &str) -> bool {
    let Some((head, tail)) = cell.split_once('|') else {
        return false;
    };
    !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || c == '_') && tail.contains('!')
}

/// Whether a spreadsheet would read this cell as a formula (see the module's rule).
pub fn is_formula_like(cell: &str) -> bool {
    if cell.starts_with(FORMULA_TRIGGERS) {
        return true;
    }
    let lead = cell.trim_start_matches(is_ignorable_lead);
    lead.starts_with(FORMULA_TRIGGERS) || is_dde_like(lead)
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
        for cell in [
            " =1",
            "\u{a0}=1",
            "\u{200b}=1",
            "\u{feff}+1",
            "\n-1",
            "＝1+1",
            "＋33",
            "－2",
            "＠SUM(A1)",
            "cmd|' /C calc'!A0",
            "  =cmd|' /C calc'!A0",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "Bonjour",
            "",
            "  Bonjour",
            "a=b",
            "'déjà",
            "oui | non !",
            "a|b",
        ] {
            assert_eq!(neutralise(cell), cell);
        }
    }
}
