//! `glose search`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use glose::search::{Hit, Order, QueryError, SearchError, SearchOptions, parse_query};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::index::open_index;
use super::output::print_json;
use super::{Cli, Exit, open_study};

/// Search the transcripts (see docs/QUERY.md for the query language).
///
/// Words match whatever their case, accents and plural: `reseaux` finds « réseaux »,
/// `communauté` finds « communautés ». Also: "exact phrases", "near words"~5, prefixes*,
/// AND / OR / NOT / -word, (parentheses), and filters such as stage:growth, doc:E03,
/// speaker:Fondatrice, role:respondent, sector:…, code:practice.community, uncoded.
/// Malformed queries exit with status 2 and a caret under the problem.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several arguments are joined with spaces).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// At most this many passages.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Best matches first, or in document order.
    #[arg(long, value_enum, default_value_t = OrderArg::Score)]
    pub order: OrderArg,
    /// Print the hits as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The `--order` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// Best BM25 score first.
    Score,
    /// By document, then position.
    Document,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    query: &'a str,
    hits: &'a [Hit],
}

/// Runs `glose search`.
pub fn run(cli: &Cli, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    let query = parse_query(&text).map_err(|e| query_exit(&text, &e))?;
    let study = open_study(cli)?;
    let index = open_index(&study, false)?;
    let options = SearchOptions {
        limit: args.limit,
        order: match args.order {
            OrderArg::Score => Order::Score,
            OrderArg::Document => Order::Document,
        },
    };
    let codings = if query.uses_codings() {
        glose::search::coded_spans(&study)
    } else {
        Vec::new()
    };
    let hits = match index.search(&study, &query, &options, &codings) {
        Ok(h) => h,
        Err(SearchError::Query(e)) => return Err(query_exit(&text, &e).into()),
        Err(e) => return Err(e.into()),
    };
    super::leave_to_os((study, index));
    if args.json {
        print_json(&JsonOut {
            query: &text,
            hits: &hits,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    for h in &hits {
        writeln!(
            out,
            "{}  {}–{}  {}",
            glose::text::escape_controls(&h.doc),
            h.range.start,
            h.range.end,
            if h.speaker.is_empty() {
                "—".to_string()
            } else {
                glose::text::escape_controls(&h.speaker)
            }
        )?;
        writeln!(out, "  {}\n", marked(h, bold))?;
    }
    writeln!(
        out,
        "{} passage(s){}",
        hits.len(),
        if hits.len() == args.limit {
            " (more with --limit)"
        } else {
            ""
        }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a query error with a caret under its position and gives exit status 2.
pub fn query_exit(text: &str, e: &QueryError) -> Exit {
    let before: String = text.chars().take(e.position).collect();
    let pad = " ".repeat(before.width());
    Exit::new(2, format!("{e}\n  {text}\n  {pad}^"))
}

/// The passage on one line with its matches in bold (terminal) or [brackets].
fn marked(h: &Hit, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let chars: Vec<char> = h.text.chars().collect();
    let piece = |a: usize, b: usize| {
        let s: String = chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect();
        glose::text::escape_controls(&s).replace('\n', " ")
    };
    let mut out = String::new();
    let mut at = 0;
    for m in &h.matches {
        let a = m.start.saturating_sub(h.range.start).max(at);
        let b = m.end.saturating_sub(h.range.start).max(a);
        out.push_str(&piece(at, a));
        out.push_str(open);
        out.push_str(&piece(a, b));
        out.push_str(close);
        at = b;
    }
    out.push_str(&piece(at, chars.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_matches_with_brackets_and_carets_under_errors() {
        let h = Hit {
            doc: "E01".into(),
            range: 10..30,
            speaker: "F".into(),
            role: glose::document::Role::Respondent,
            turn: Some(1),
            text: "Les réseaux\nsociaux.".into(),
            score: 1.0,
            matches: vec![std::ops::Range { start: 14, end: 21 }],
        };
        assert_eq!(marked(&h, false), "Les [réseaux] sociaux.");
        let e = parse_query("équipe \"bouche").unwrap_err();
        assert_eq!(
            query_exit("équipe \"bouche", &e).message,
            "query:8: unclosed quote: add a closing \"\n  équipe \"bouche\n         ^"
        );
    }
}
