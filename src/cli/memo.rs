//! `glose memo`: memos on documents, codes and codings.

use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};
use glose::filter::Filter;
use glose::memos::{MemoAbout, MemoEntry, MemoQuery, list_memos};
use glose::store::{Memo, MemoTarget, Op, load_all, new_id, now};
use glose::words::cli as words;
use glose::words::tables;

use super::code::check_code;
use super::coder::open_store;
use super::lang::lang;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// Show, write or clear memos.
///
/// With TEXT, sets the memo; with --clear, removes it; with neither, prints it.
#[derive(Debug, Args)]
pub struct MemoArgs {
    #[command(subcommand)]
    command: MemoCommand,
}

#[derive(Debug, Subcommand)]
enum MemoCommand {
    /// The memo on a document.
    Doc(TargetArgs),
    /// The memo on a code.
    Code(TargetArgs),
    /// The memo on one of your codings (id or unique prefix).
    Coding(TargetArgs),
    /// Every memo of every coder (or those the filters keep); coding memos with the text
    /// they are about.
    List(ListArgs),
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Only memos on these documents (and on codings there).
    #[arg(long, value_delimiter = ',', value_name = "DOC")]
    doc: Vec<String>,
    /// Only memos on these codes and their sub-codes (and on their codings).
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    code: Vec<String>,
    /// Only memos by these coders.
    #[arg(long, value_delimiter = ',', value_name = "CODER")]
    coder: Vec<String>,
    /// Only memos whose text holds these words (case and accents do not matter).
    #[arg(long, visible_alias = "grep", value_name = "TEXT")]
    search: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct TargetArgs {
    /// The document id, code id or coding id.
    target: String,
    /// The new text (multi-line allowed; quote it in the shell).
    text: Option<String>,
    /// Remove the memo.
    #[arg(long, conflicts_with = "text")]
    clear: bool,
}

/// Runs `glose memo …`.
pub fn run(cli: &Cli, args: &MemoArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let (t, target) = match &args.command {
        MemoCommand::List(l) => return list(&study, l),
        MemoCommand::Doc(t) => {
            study
                .entry(&t.target)
                .map_err(|e| Exit::new(2, e.to_string()))?;
            (t, Some(MemoTarget::Doc(t.target.clone())))
        }
        MemoCommand::Code(t) => {
            check_code(&study, &t.target)?;
            (t, Some(MemoTarget::Code(t.target.clone())))
        }
        MemoCommand::Coding(t) => (t, None),
    };
    let mut store = open_store(cli, &study)?;
    let new_text = if t.clear {
        Some(None)
    } else {
        t.text.clone().map(Some)
    };
    match target {
        Some(target) => {
            let before = store.file().memo(&target).cloned();
            let Some(text) = new_text else {
                match before {
                    Some(m) => outln!("{}", m.text),
                    None => outln!("{}", words::NO_MEMO.get(lang())),
                }
                return Ok(ExitCode::SUCCESS);
            };
            let after = text.map(|text| Memo {
                id: before.as_ref().map_or_else(new_id, |m| m.id.clone()),
                target: target.clone(),
                text,
                created: before.as_ref().map_or_else(now, |m| m.created),
                modified: now(),
            });
            let op = Op::SetMemo {
                target,
                before,
                after,
            }
            .normalized();
            store.apply(&op)?;
            outln!("{}", memo_done(&op.summary()));
        }
        None => {
            let matches: Vec<_> = store
                .file()
                .codings
                .iter()
                .filter(|c| {
                    c.id == t.target || (t.target.len() >= 6 && c.id.starts_with(&t.target))
                })
                .cloned()
                .collect();
            let [coding] = matches.as_slice() else {
                let why = words::no_single_coding(lang(), store.coder(), &t.target);
                bail!(Exit::new(2, why));
            };
            let Some(text) = new_text else {
                let none = words::NO_MEMO.get(lang());
                outln!("{}", coding.memo.as_deref().unwrap_or(none));
                return Ok(ExitCode::SUCCESS);
            };
            let mut after = coding.clone();
            after.memo = text;
            after.modified = now();
            let op = Op::Update {
                before: coding.clone(),
                after,
            }
            .normalized();
            store.apply(&op)?;
            outln!("{}", memo_done(&op.summary()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the memos `l` asks for.
fn list(study: &glose::study::Study, l: &ListArgs) -> anyhow::Result<ExitCode> {
    for c in &l.code {
        check_code(study, c)?;
    }
    for d in &l.doc {
        study.entry(d).map_err(|e| Exit::new(2, e.to_string()))?;
    }
    let all = load_all(study);
    let query = MemoQuery {
        filter: Filter::from_lists(&l.doc, &l.coder, &l.code),
        words: l.search.clone(),
    };
    let rows: Vec<MemoRow> = list_memos(&all, &study.codebook, &query)
        .into_iter()
        .map(MemoRow::from)
        .collect();
    if l.json {
        print_json(&rows)?;
    } else {
        for r in &rows {
            outln!(
                "── {} ({}, {}) ──\n{}\n",
                r.title,
                r.memo.coder,
                r.memo.modified,
                r.memo.text
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One memo of `glose memo list`: the core's entry and a one-line title.
#[derive(serde::Serialize)]
struct MemoRow {
    /// `document E03`, `code role.sales`, `coding <id> (role.sales on E03: «quote»)`.
    about: String,
    /// The same in the messages' language.
    #[serde(skip)]
    title: String,
    #[serde(flatten)]
    memo: MemoEntry,
}

impl From<MemoEntry> for MemoRow {
    fn from(memo: MemoEntry) -> MemoRow {
        // `about` is JSON (English, stable); the title speaks the messages' language.
        let title = |lang| match &memo.about {
            MemoAbout::Document { doc } => format!("{} {doc}", tables::DOCUMENT.get(lang)),
            MemoAbout::Code { code } => format!("{} {code}", tables::CODE.get(lang)),
            MemoAbout::Coding {
                id,
                doc,
                code,
                quote,
                ..
            } => tables::memo_on_coding(lang, id, code, doc, &short_quote(quote)),
        };
        MemoRow {
            about: title(glose::locale::Lang::En),
            title: title(lang()),
            memo,
        }
    }
}

/// A quote on one line, at most 80 chars (cut with `…`).
fn short_quote(quote: &str) -> String {
    let flat = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 80 {
        return flat;
    }
    let cut: String = flat.chars().take(79).collect();
    format!("{}…", cut.trim_end())
}

/// What `glose memo` did, from the core's summary of its operation.
fn memo_done(done: &glose::store::OpSummary) -> String {
    use glose::store::OpSummary as O;
    match done {
        O::CodingMemo { code, .. } => format!("edited the memo of {code}"),
        O::Memo { cleared: true, .. } => "cleared a memo".into(),
        O::Memo { cleared: false, .. } => "saved a memo".into(),
        O::Added { code, .. } => format!("added {code}"),
        O::Removed { code, .. } => format!("removed {code}"),
        O::Recoded { from, to, .. } => format!("changed {from} to {to}"),
        O::Resized { code, .. } => format!("resized {code}"),
    }
}
