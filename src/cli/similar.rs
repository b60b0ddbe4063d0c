//! `glose similar`: passages like a coding or a selection, with the words they share.

use std::process::ExitCode;

use clap::Args;
use glose::store::load_all;
use glose::suggest::{Corpus, SimilarFilter, Unit, similar};
use glose::words::cli as words;

use super::code::{check_code, check_span};
use super::lang::lang;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// Passages across the corpus like a coding (--coding ID) or a selection (--doc, --start,
/// --end): TF-IDF cosine over the index's own terms, with the shared words shown.
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// A coding id (or a unique prefix of it), any coder's.
    #[arg(long, conflicts_with_all = ["doc", "start", "end"], required_unless_present = "doc")]
    coding: Option<String>,
    /// The document of the selection.
    #[arg(long, requires_all = ["start", "end"])]
    doc: Option<String>,
    /// Start offset of the selection (chars of the normalised body).
    #[arg(long)]
    start: Option<usize>,
    /// End offset (exclusive).
    #[arg(long)]
    end: Option<usize>,
    /// Only passages coded by this coder (with --uncoded: not coded by them).
    #[arg(long, value_name = "CODER")]
    coded_by: Option<String>,
    /// Only passages coded with this code (with --uncoded: not coded with it).
    #[arg(long)]
    code: Option<String>,
    /// Only passages no coding touches (restricted by --coded-by and --code when given).
    #[arg(long)]
    uncoded: bool,
    /// Sentences or speaker turns.
    #[arg(long, default_value = "sentence", value_parser = ["sentence", "turn"])]
    unit: String,
    /// At most this many passages.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose similar`.
pub fn run(cli: &Cli, args: &SimilarArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    if let Some(code) = &args.code {
        check_code(&study, code)?;
    }
    let all = load_all(&study);
    let (doc_id, range) = match (&args.coding, &args.doc, args.start, args.end) {
        (Some(id), _, _, _) => {
            let found: Vec<_> = all
                .codings
                .iter()
                .filter(|c| c.id.starts_with(id.as_str()))
                .collect();
            match found[..] {
                [c] => (c.doc.clone(), c.range()),
                [] => return Err(Exit::new(2, words::no_coding_with_id(lang(), id)).into()),
                _ => {
                    let why = words::ambiguous_id(lang(), id, found.len());
                    return Err(Exit::new(2, why).into());
                }
            }
        }
        (None, Some(doc), Some(start), Some(end)) => (doc.clone(), start..end),
        _ => return Err(Exit::new(2, words::GIVE_CODING_OR_SPAN.get(lang())).into()),
    };
    let doc = study
        .load_document(&doc_id)
        .map_err(|e| Exit::new(2, e.to_string()))?;
    check_span(&doc, &range)?;
    let unit = if args.unit == "turn" {
        Unit::Turn
    } else {
        Unit::Sentence
    };
    let corpus = Corpus::open(&study, unit)?;
    let query = corpus.vectorize(&doc.id, doc.slice(range.clone()));
    if query.is_empty() {
        return Err(Exit::new(
            2,
            format!(
                "{} {}..{} has no word to compare",
                doc.id, range.start, range.end
            ),
        )
        .into());
    }
    let filter = SimilarFilter {
        coder: args.coded_by.as_deref(),
        code: args.code.as_deref(),
        uncoded: args.uncoded,
    };
    let found = similar(
        &corpus,
        &query,
        (&doc.id, range.clone()),
        &all.codings,
        filter,
        args.limit,
    );
    if args.json {
        print_json(&found)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{} passage(s) like {} {}..{}",
        found.len(),
        doc.id,
        range.start,
        range.end
    );
    for s in &found {
        let flat: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = flat.chars().take(100).collect();
        let more = if flat.chars().count() > 100 {
            "…"
        } else {
            ""
        };
        outln!(
            "{:.2}  {} {}..{}  «{short}{more}»",
            s.similarity,
            s.doc,
            s.start,
            s.end
        );
        outln!("      shared: {}", s.shared.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
