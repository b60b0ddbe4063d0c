//! Printing `--disagreements`: every unit where the coders disagree, with its text.

use glose::agreement::disagreements::Disagreement;
use glose::agreement::select::Prepared;
use serde::Serialize;

use glose::words::agreement as words;
use glose::words::tables::CODE;

use super::super::code::excerpt;
use super::super::lang::lang;
use super::super::output::{print_json, table};
use super::emit;

/// One disagreement as JSON, with the text of its unit.
#[derive(Serialize)]
struct DisagreementRow<'a> {
    excerpt: String,
    #[serde(flatten)]
    disagreement: &'a Disagreement,
}

/// The text of the disagreement's unit.
fn text_of(prepared: &Prepared, d: &Disagreement) -> String {
    prepared
        .docs
        .iter()
        .find(|x| x.id == d.doc)
        .map(|doc| doc.slice(d.range.clone()).to_string())
        .unwrap_or_default()
}

/// Prints the disagreements as JSON, each with the text of its unit.
pub(super) fn print_disagreements_json(
    list: &[Disagreement],
    prepared: &Prepared,
) -> anyhow::Result<()> {
    let rows: Vec<DisagreementRow> = list
        .iter()
        .map(|d| DisagreementRow {
            excerpt: text_of(prepared, d),
            disagreement: d,
        })
        .collect();
    print_json(&rows)
}

/// Prints the disagreements as a table: document, unit, code, what each coder applied
/// and the start of the text.
pub(super) fn print_disagreements(
    list: &[Disagreement],
    prepared: &Prepared,
) -> anyhow::Result<()> {
    let lang = lang();
    let mut header: Vec<String> = [words::DOC, words::UNIT, CODE]
        .map(|w| w.get(lang).to_string())
        .into();
    header.extend(prepared.coders.iter().cloned());
    header.push(words::TEXT.get(lang).into());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|d| {
            let mut r = vec![
                d.doc.clone(),
                format!("{}..{}", d.range.start, d.range.end),
                d.code.clone(),
            ];
            for c in &d.coders {
                r.push(match c.applied {
                    None => words::NOT_CODED.get(lang).into(),
                    Some(false) => "—".into(),
                    Some(true) => {
                        let mut codes: Vec<&str> =
                            c.codings.iter().map(|x| x.code.as_str()).collect();
                        codes.dedup();
                        codes.join(", ")
                    }
                });
            }
            r.push(excerpt(&text_of(prepared, d), 60));
            r
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut o = String::new();
    out!(o, "{}", table(&header, &rows));
    outln!(o, "{}", words::disagreements(lang, rows.len()));
    emit(&o)
}
