//! `glose code add|rm|list`.

use glose::unit::Unit;
use std::ops::Range;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use glose::document::Document;
use glose::store::{CoderStore, Coding, Op, find_quote, load_all, new_coding};
use glose::study::Study;
use glose::words::cli as words;

use super::coder::{open_store, open_store_for_doc};
use super::lang::lang;
use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// Add, remove and list codings.
#[derive(Debug, Args)]
pub struct CodeArgs {
    #[command(subcommand)]
    command: CodeCommand,
}

#[derive(Debug, Subcommand)]
enum CodeCommand {
    /// Code a span of a document (by offsets or by quoting its text).
    Add(AddArgs),
    /// Remove one of your codings by id (or a unique prefix of it).
    Rm(RmArgs),
    /// List codings.
    List(ListArgs),
}

#[derive(Debug, Clone, Args)]
struct AddArgs {
    /// The document id (E03).
    #[arg(long, required_unless_present = "from_search")]
    doc: Option<String>,
    /// The code id (practice.community.cocreation).
    #[arg(long)]
    code: String,
    /// Start offset (chars of the normalised body).
    #[arg(long, requires = "end", conflicts_with = "quote")]
    start: Option<usize>,
    /// End offset (exclusive).
    #[arg(long, requires = "start")]
    end: Option<usize>,
    /// The exact text to code (spaces and apostrophes are matched loosely).
    #[arg(long, required_unless_present_any = ["start", "from_search"])]
    quote: Option<String>,
    /// Auto-code: code every hit of this search query (see docs/QUERY.md).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["quote", "start", "doc"])]
    from_search: Option<String>,
    /// With --from-search: code the passage of each hit, each sentence holding a match, or
    /// the whole turn.
    #[arg(long, value_parser = auto_unit_parser(), default_value = "hit", requires = "from_search")]
    unit: Unit,
    /// With --from-search: say what would be coded without writing.
    #[arg(long, requires = "from_search")]
    dry_run: bool,
    /// Which occurrence of --quote (1 = first) when it appears several times.
    #[arg(long, requires = "quote")]
    occurrence: Option<usize>,
    /// A memo on the new coding.
    #[arg(long)]
    memo: Option<String>,
    /// Print the new coding as JSON.
    #[arg(long)]
    json: bool,
}

/// The values of `--unit` for `--from-search`, with their help, as the core's units.
fn auto_unit_parser() -> impl clap::builder::TypedValueParser<Value = Unit> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("hit").help("The passage the search returned"),
        PossibleValue::new("sentence").help("Each sentence that holds a matched word"),
        PossibleValue::new("turn").help("The whole speaker turn (without its label)"),
    ])
    .try_map(|name| name.parse::<Unit>())
}

#[derive(Debug, Args)]
struct RmArgs {
    /// The coding's id or a unique prefix (at least 6 characters).
    id: String,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Only this document.
    #[arg(long)]
    doc: Option<String>,
    /// Only this code and its descendants.
    #[arg(long)]
    code: Option<String>,
    /// Only this coder (default: every coder).
    #[arg(long = "of", value_name = "CODER")]
    of: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose code …`.
pub fn run(cli: &Cli, args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    match &args.command {
        CodeCommand::Add(a) => add(cli, &study, a),
        CodeCommand::Rm(a) => rm(cli, &study, a),
        CodeCommand::List(a) => list(&study, a),
    }
}

/// Refuses an unknown code id, suggesting the closest ones.
pub fn check_code(study: &Study, code: &str) -> anyhow::Result<()> {
    if study.codebook.contains(code) {
        return Ok(());
    }
    let close = study.codebook.suggest(code);
    let hint = if close.is_empty() {
        "see `glose check` for the codebook's codes".to_string()
    } else {
        format!("did you mean {}?", close.join(", "))
    };
    Err(Exit::new(2, format!("unknown code {code:?}: {hint}")).into())
}

/// The code a coding is made with: an id of the codebook, or a retired id merged into
/// one (resolved, with a note); refuses unknown ids and groups that are not codable.
pub fn codable_code(study: &Study, code: &str) -> anyhow::Result<String> {
    let Some(found) = study.codebook.resolve(code) else {
        check_code(study, code)?;
        bail!(Exit::new(2, format!("unknown code {code:?}")));
    };
    if found.id != code {
        errln!(
            "note: {code:?} was merged into {:?} ({}); coding with it",
            found.id,
            found.label_fr
        );
    }
    if !found.codable {
        let children: Vec<&str> = study
            .codebook
            .children(&found.id)
            .filter(|c| c.codable)
            .map(|c| c.id.as_str())
            .collect();
        let hint = if children.is_empty() {
            "it only groups other codes".to_string()
        } else {
            format!("code one of its codes: {}", children.join(", "))
        };
        bail!(Exit::new(
            2,
            format!(
                "code {:?} ({}) is a group, not codable: {hint}",
                found.id, found.label_fr
            )
        ));
    }
    Ok(found.id.clone())
}

/// Checks a span: inside the document, not empty, not only whitespace.
pub fn check_span(doc: &Document, range: &Range<usize>) -> anyhow::Result<()> {
    let len = doc.char_len();
    if range.start >= range.end {
        return Err(Exit::new(
            2,
            format!(
                "empty span {}..{}: --end must be after --start",
                range.start, range.end
            ),
        )
        .into());
    }
    if range.end > len {
        return Err(Exit::new(
            2,
            format!(
                "span {}..{} is outside {} ({} characters)",
                range.start, range.end, doc.id, len
            ),
        )
        .into());
    }
    if doc.slice(range.clone()).trim().is_empty() {
        return Err(Exit::new(
            2,
            format!(
                "span {}..{} of {} is only whitespace",
                range.start, range.end, doc.id
            ),
        )
        .into());
    }
    Ok(())
}

fn add(cli: &Cli, study: &Study, a: &AddArgs) -> anyhow::Result<ExitCode> {
    if let Some(problem) = study.codebook.unsound() {
        bail!(Exit::new(
            2,
            format!("{problem}: fix the codebook (see `glose check`) before coding")
        ));
    }
    let resolved = AddArgs {
        code: codable_code(study, &a.code)?,
        ..a.clone()
    };
    let a = &resolved;
    if let Some(query) = &a.from_search {
        return auto_code(cli, study, a, query);
    }
    let doc_id = a.doc.as_deref().unwrap_or_default();
    let doc = study
        .load_document(doc_id)
        .map_err(|e| Exit::new(2, e.to_string()))?;
    if let Some(p) = doc
        .header_problems
        .iter()
        .find(|p| p.message.contains("never closed"))
    {
        bail!(Exit::new(
            2,
            format!(
                "{}:{}: {} (offsets would move once it is fixed: fix it before coding)",
                study.rel(&doc.path).display(),
                p.line,
                p.message
            )
        ));
    }
    let range = match (&a.quote, a.start, a.end) {
        (Some(q), _, _) => {
            let hits = find_quote(&doc.text, q);
            match (hits.len(), a.occurrence) {
                (0, _) => bail!(Exit::new(
                    2,
                    format!("quote not found in {}: {q:?}", doc.id)
                )),
                (1, None | Some(1)) => hits[0].clone(),
                (n, Some(k)) if k >= 1 && k <= n => hits[k - 1].clone(),
                (n, Some(k)) => bail!(Exit::new(
                    2,
                    format!(
                        "--occurrence {k}: the quote appears {n} time(s) in {}",
                        doc.id
                    )
                )),
                (n, None) => {
                    let places: Vec<String> = hits
                        .iter()
                        .map(|r| format!("{}..{}", r.start, r.end))
                        .collect();
                    bail!(Exit::new(
                        2,
                        format!(
                            "the quote appears {n} times in {} (at {}): add --occurrence K",
                            doc.id,
                            places.join(", ")
                        )
                    ))
                }
            }
        }
        (None, Some(s), Some(e)) => s..e,
        _ => bail!(Exit::new(2, words::GIVE_QUOTE.get(lang()))),
    };
    check_span(&doc, &range)?;
    // Only this document's codings are read: enough to refuse a coding made twice.
    let mut store = open_store_for_doc(cli, study, &doc.id)?;
    let coding = new_coding(
        &doc,
        &a.code,
        range,
        a.memo.as_deref().map(glose::memos::normalize_memo_text),
        store.coder(),
    );
    save_new_coding(&mut store, coding, a.json, "")
}

/// Saves a new coding, unless this coder already coded the span with the code, and
/// prints it (`note` is added after the offsets, such as ", suggested"). The store needs
/// the codings on the coding's document only.
pub fn save_new_coding(
    store: &mut CoderStore,
    coding: Coding,
    json: bool,
    note: &str,
) -> anyhow::Result<ExitCode> {
    if let Some(existing) = store
        .file()
        .codings
        .iter()
        .find(|c| c.doc == coding.doc && c.code == coding.code && c.range() == coding.range())
    {
        let why = words::already_coded(lang(), store.coder(), &coding.code, &existing.id);
        bail!(Exit::new(2, why));
    }
    store
        .apply(&Op::Add(coding.clone()))
        .context("saving the coding")?;
    if json {
        print_json(&coding)?;
    } else {
        let quote = excerpt(&coding.anchor.quote, 60);
        outln!("{}", words::coding_added(lang(), &coding, note, &quote));
    }
    Ok(ExitCode::SUCCESS)
}

fn rm(cli: &Cli, study: &Study, a: &RmArgs) -> anyhow::Result<ExitCode> {
    let mut store = open_store(cli, study)?;
    let matches: Vec<&Coding> = store
        .file()
        .codings
        .iter()
        .filter(|c| c.id == a.id || (a.id.len() >= 6 && c.id.starts_with(&a.id)))
        .collect();
    let coding = match matches.as_slice() {
        [one] => (*one).clone(),
        [] => bail!(Exit::new(
            2,
            words::no_such_coding(lang(), store.coder(), &a.id)
        )),
        many => bail!(Exit::new(2, words::ambiguous_id(lang(), &a.id, many.len()))),
    };
    store.apply(&Op::Remove(coding.clone()))?;
    outln!("{}", words::coding_removed(lang(), &coding));
    Ok(ExitCode::SUCCESS)
}

fn list(study: &Study, a: &ListArgs) -> anyhow::Result<ExitCode> {
    let all = match &a.doc {
        Some(doc) => glose::store::load_all_on_doc(study, doc),
        None => load_all(study),
    };
    for p in &all.problems {
        errln!("{p}");
    }
    let code = match &a.code {
        Some(code) => match study.codebook.resolve(code) {
            Some(found) => Some(found.id.clone()),
            None => {
                check_code(study, code)?;
                Some(code.clone())
            }
        },
        None => None,
    };
    let filter = glose::filter::Filter {
        docs: a.doc.clone().map(|d| vec![d]),
        coders: a.of.clone().map(|o| vec![o]),
        codes: code.map(|c| vec![c]),
    };
    let codings = glose::filter::select_codings(&filter, &study.codebook, &all.codings);
    if a.json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            coder: &'a str,
            #[serde(flatten)]
            coding: &'a Coding,
        }
        let rows: Vec<Row> = codings
            .iter()
            .map(|c| Row {
                coder: &c.coder,
                coding: c,
            })
            .collect();
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = codings
        .iter()
        .map(|c| {
            vec![
                c.id.chars().take(13).collect(),
                c.coder.clone(),
                c.doc.clone(),
                format!("{}..{}", c.start, c.end),
                c.code.clone(),
                excerpt(&c.anchor.quote, 50),
            ]
        })
        .collect();
    out!(
        "{}",
        table(&["id", "coder", "doc", "span", "code", "text"], &rows)
    );
    outln!("{} coding(s)", rows.len());
    Ok(ExitCode::SUCCESS)
}

/// `glose code add --from-search`: codes every hit, skipping what the coder already coded
/// with that code.
fn auto_code(cli: &Cli, study: &Study, a: &AddArgs, query_text: &str) -> anyhow::Result<ExitCode> {
    use glose::search::{Order, SearchOptions, coded_spans, parse_query};
    let query = parse_query(query_text).map_err(|e| super::search::query_exit(query_text, &e))?;
    let index = super::index::open_index(study, false)?;
    let options = SearchOptions {
        limit: usize::MAX,
        order: Order::Document,
    };
    let codings = if query.uses_codings() {
        coded_spans(study)
    } else {
        Vec::new()
    };
    let hits = match index.search(study, &query, &options, &codings) {
        Ok(h) => h,
        Err(glose::search::SearchError::Query(e)) => {
            return Err(super::search::query_exit(query_text, &e).into());
        }
        Err(e) => return Err(e.into()),
    };
    let mut store = open_store(cli, study)?;
    let unit = a.unit;
    let request = glose::autocode::Request {
        code: &a.code,
        unit,
        memo: a.memo.clone(),
        coder: store.coder(),
    };
    let plan = glose::autocode::plan(study, &hits, &store.file().codings, &request)?;
    let skipped = plan.skipped;
    let ops: Vec<Op> = plan.adds.into_iter().map(Op::Add).collect();
    if !a.dry_run {
        store.apply_all(&ops)?;
    }
    if a.json {
        let added: Vec<&Coding> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Add(c) => Some(c),
                _ => None,
            })
            .collect();
        print_json(
            &serde_json::json!({ "hits": hits.len(), "added": added, "skipped": skipped, "dry_run": a.dry_run }),
        )?;
    } else {
        outln!(
            "{} {} coding(s) of {} from {} hit(s); skipped {} already coded by {}",
            if a.dry_run { "would add" } else { "added" },
            ops.len(),
            a.code,
            hits.len(),
            skipped,
            store.coder()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The first `n` characters of a text on one line, with an ellipsis when cut.
pub fn excerpt(text: &str, n: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = flat.chars().take(n).collect();
    if flat.chars().count() > n {
        s.push('…');
    }
    glose::text::escape_controls(&s)
}
