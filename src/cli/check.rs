//! `glose check`.

use std::process::ExitCode;

use clap::Args;
use glose::check::{CheckReport, check, check_root};
use glose::locale::Lang;
use glose::words::{check as words, cli::NOTE, tables::TOTAL};

use super::lang::{choose_for_config, lang};
use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// Validate the study: transcripts, cases.csv, codebook and coder files.
///
/// Prints every problem as `file:line: error: …` with how to fix it, then a summary.
/// Exit status 0 when the study is sound, 1 when there are errors (warnings do not fail).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `glose check`.
pub fn run(cli: &Cli, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir()?;
    let root = match &cli.study {
        Some(dir) => dir.clone(),
        None => glose::config::find_root(&cwd)?,
    };
    let report = check_root(&root);
    // A study that does not open may still say its language.
    if let Ok(config) = glose::config::load(&root) {
        choose_for_config(&config);
    }
    if args.json {
        print_json(&report)?;
    } else {
        for d in &report.diagnostics {
            outln!("{d}");
        }
        if !report.diagnostics.is_empty() {
            outln!();
        }
        out!("{}", render_summary(&report, lang()));
        let verdict = words::verdict(lang(), report.errors(), report.warnings());
        outln!("\n{verdict}");
        if let Ok(study) = glose::study::Study::open(&root)
            && let Some(advice) = glose::codebook::migration_advice(&study)
        {
            eprintln!("glose: {}{advice}", NOTE.get(lang()));
        }
    }
    if report.errors() > 0 {
        return Err(Exit::new(1, "").into());
    }
    Ok(ExitCode::SUCCESS)
}

/// `glose` with no command when not on a terminal: the study summary.
pub fn summary(cli: &Cli) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let report = check(&study);
    out!("{}", render_summary(&report, lang()));
    if report.errors() > 0 {
        outln!("\n{}", words::errors_see_check(lang(), report.errors()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The summary as aligned tables, in `lang`.
pub fn render_summary(report: &CheckReport, lang: Lang) -> String {
    let s = &report.summary;
    let mut out = format!("{}\n\n", words::study(lang, &s.study));
    let mut rows: Vec<Vec<String>> = s
        .by_stage
        .iter()
        .map(|(stage, c)| {
            vec![
                stage.clone(),
                c.documents.to_string(),
                c.words.to_string(),
                c.turns.to_string(),
                c.sentences.to_string(),
            ]
        })
        .collect();
    rows.push(vec![
        TOTAL.get(lang).to_string(),
        s.total.documents.to_string(),
        s.total.words.to_string(),
        s.total.turns.to_string(),
        s.total.sentences.to_string(),
    ]);
    let header = [
        words::STAGE,
        words::DOCUMENTS,
        words::WORDS,
        words::TURNS,
        words::SENTENCES,
    ];
    out.push_str(&table(&header.map(|w| w.get(lang)), &rows));
    out.push('\n');
    if !s.layouts.is_empty() {
        let shown: Vec<String> = s
            .layouts
            .iter()
            .map(|(layout, n)| format!("{layout}: {n}"))
            .collect();
        let layouts = words::TURN_LAYOUTS.get(lang);
        out.push_str(&format!("{layouts}{}\n\n", shown.join("; ")));
    }
    let mut rows: Vec<Vec<String>> = s
        .codes_by_group
        .iter()
        .map(|(g, n)| vec![g.clone(), n.to_string()])
        .collect();
    rows.push(vec![TOTAL.get(lang).to_string(), s.codes.to_string()]);
    let header = [words::CODE_GROUP.get(lang), words::CODES.get(lang)];
    out.push_str(&table(&header, &rows));
    out
}
