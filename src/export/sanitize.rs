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
    // The word ends at the first char that is not a letter, digit or `_`; that char must
    // be the `|` (so a long quotation is not scanned to its end for one). ASCII words are
    // measured on bytes; the Unicode tables only from the first other char on.
    let bytes = cell.as_bytes();
    let ascii_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut head_len = bytes
        .iter()
        .position(|b| !ascii_word(b))
        .unwrap_or(bytes.len());
    if bytes.get(head_len).is_some_and(|b| !b.is_ascii()) {
        head_len = cell
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(cell.len());
    }
    let Some(tail) = cell.get(head_len..).and_then(|t| t.strip_prefix('|')) else {
        return false;
    };
    head_len > 0 && tail.contains('!')
}

/// Whether a spreadsheet would read this cell as a formula (see the module's rule).
pub fn is_formula_like(cell: &str) -> bool {
    // Most cells begin with a letter, a digit or other printable ASCII that is neither a
    // trigger nor skipped: decided from the first byte (and the DDE shape).
    match cell.as_bytes().first() {
        None => return false,
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => return is_dde_like(cell),
        Some(b) if b.is_ascii_graphic() && !matches!(b, b'=' | b'+' | b'-' | b'@') => {
            return false;
        }
        Some(_) => {}
    }
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

    /// The DDE shape as first written (split at the first `|`): the reference.
    fn dde_by_split(cell: &str) -> bool {
        let Some((head, tail)) = cell.split_once('|') else {
            return false;
        };
        !head.is_empty()
            && head.chars().all(|c| c.is_alphanumeric() || c == '_')
            && tail.contains('!')
    }

    proptest::proptest! {
        #[test]
        fn dde_shape_matches_the_split_reference(cell in "[a-zé_0-9|! '/]{0,12}") {
            proptest::prop_assert_eq!(is_dde_like(&cell), dde_by_split(&cell));
        }

        #[test]
        fn formula_check_matches_the_rule_without_shortcuts(
            cell in "[a-zé_0-9|!=+@\\- '\"/\t\r\n\u{a0}\u{200b}\u{feff}\u{ff1d}]{0,10}",
        ) {
            let lead = cell.trim_start_matches(is_ignorable_lead);
            let by_rule = cell.starts_with(FORMULA_TRIGGERS)
                || lead.starts_with(FORMULA_TRIGGERS)
                || dde_by_split(lead);
            proptest::prop_assert_eq!(is_formula_like(&cell), by_rule);
        }
    }

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
