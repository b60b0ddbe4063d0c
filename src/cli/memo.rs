//! `glose memo`: memos on documents, codes and codings.

use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};
use glose::store::{Memo, MemoTarget, Op, load_all, new_id, now};

use super::code::check_code;
use super::coder::open_store;
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
    /// Every memo of every coder.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
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
        MemoCommand::List { json } => {
            let all = load_all(&study);
            let rows = memo_rows(&all);
            if *json {
                print_json(&rows)?;
            } else {
                for r in &rows {
                    outln!(
                        "── {} ({}, {}) ──\n{}\n",
                        r.about,
                        r.coder,
                        r.modified,
                        r.text
                    );
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
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
                    None => outln!("(no memo)"),
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
            };
            store.apply(&op)?;
            outln!("{}", op.describe());
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
                bail!(Exit::new(
                    2,
                    format!(
                        "{} has no single coding matching {:?}",
                        store.coder(),
                        t.target
                    )
                ));
            };
            let Some(text) = new_text else {
                outln!("{}", coding.memo.as_deref().unwrap_or("(no memo)"));
                return Ok(ExitCode::SUCCESS);
            };
            let mut after = coding.clone();
            after.memo = text;
            after.modified = now();
            let op = Op::Update {
                before: coding.clone(),
                after,
            };
            store.apply(&op)?;
            outln!("{}", op.describe());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One memo of `glose memo list`: on a document, a code or a coding.
#[derive(serde::Serialize)]
struct MemoRow<'a> {
    coder: &'a str,
    /// `document E03`, `code role.sales`, `coding <id> (role.sales on E03 120..240)`.
    about: String,
    text: &'a str,
    modified: jiff::Timestamp,
}

/// Every memo of every coder, documents and codes first, then codings, in a stable order.
fn memo_rows(all: &glose::store::AllCodings) -> Vec<MemoRow<'_>> {
    let mut rows: Vec<MemoRow> = all
        .memos
        .iter()
        .map(|(coder, m)| MemoRow {
            coder,
            about: match &m.target {
                MemoTarget::Doc(d) => format!("document {d}"),
                MemoTarget::Code(c) => format!("code {c}"),
            },
            text: &m.text,
            modified: m.modified,
        })
        .collect();
    rows.sort_by(|a, b| (&a.about, a.coder).cmp(&(&b.about, b.coder)));
    let mut codings: Vec<_> = all.codings.iter().filter(|c| c.memo.is_some()).collect();
    codings.sort_by(|a, b| (a.sort_key(), &a.coder).cmp(&(b.sort_key(), &b.coder)));
    rows.extend(codings.into_iter().map(|c| MemoRow {
        coder: &c.coder,
        about: format!(
            "coding {} ({} on {} {}..{})",
            c.id, c.code, c.doc, c.start, c.end
        ),
        text: c.memo.as_deref().unwrap_or_default(),
        modified: c.modified,
    }));
    rows
}
