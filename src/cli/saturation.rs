//! `glose saturation`: new codes per interview, the cumulative curve and the stopping rule
//! of Guest, Namey & Chen (2020), per coder.

use std::process::ExitCode;

use clap::Args;
use glose::export::Pseudonyms;
use glose::saturation::order::OrderBy;
use glose::saturation::study::{SaturationOptions, StudySaturation, percent, study_saturation};
use glose::saturation::{Rule, SaturationError};
use glose::store::load_all;
use glose::words::cli as words;

use super::lang::lang;
use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// `glose saturation`: thematic saturation by the method of Guest, Namey & Chen (2020,
/// PLOS ONE, doi:10.1371/journal.pone.0232076).
///
/// The base is the first --base interviews; a run is --run consecutive interviews after
/// it, moving forward one interview at a time; saturation is reached at n+run when the
/// run after interview n brings at most --threshold new codes relative to the base's
/// codes. Interviews are ordered by their `date` attribute (else `interview_date`), any
/// attribute (--order-by), or an explicit list (--order). Codes of exclusive groups (the
/// stages) are not counted. By default every coder file is assessed, consensus included;
/// --coder C assesses one.
#[derive(Debug, Args)]
pub struct SaturationArgs {
    /// Order the interviews by this attribute (`date`: `date`, else `interview_date`).
    #[arg(long, default_value = "date", value_name = "date|ATTRIBUTE")]
    pub order_by: String,
    /// Order the interviews as listed (comma-separated document ids); overrides --order-by.
    #[arg(long, value_delimiter = ',', value_name = "DOC")]
    pub order: Vec<String>,
    /// Assess the consensus file only.
    #[arg(long)]
    pub consensus: bool,
    /// Count codes at this depth of the code tree (0: top-level groups); default: as applied.
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Interviews in the base.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub base: usize,
    /// Interviews in a run.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub run: usize,
    /// New-information threshold, a share (0.05 = ≤5%).
    #[arg(long, default_value_t = 0.05, value_name = "SHARE")]
    pub threshold: f64,
    /// Random interview orders for the band (0: none).
    #[arg(long, default_value_t = 1_000, value_name = "N")]
    pub bands: usize,
    /// Seed of the random orders.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Print the curves as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print everything as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `glose saturation`.
pub fn run(cli: &Cli, a: &SaturationArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    let all = load_all(&study);
    for p in &all.problems {
        errln!("{}", words::warning(lang(), &p));
    }
    let coders = match (&cli.coder, a.consensus) {
        (Some(_), true) => return Err(Exit::new(2, words::CODER_OR_CONSENSUS.get(lang())).into()),
        (Some(c), false) => vec![c.clone()],
        (None, true) => vec![glose::agreement::consensus::ADJUDICATED_CODER.to_string()],
        (None, false) => Vec::new(),
    };
    let order = if !a.order.is_empty() {
        OrderBy::Explicit(a.order.clone())
    } else if a.order_by == "date" {
        OrderBy::Date
    } else {
        OrderBy::Attribute(a.order_by.clone())
    };
    let opts = SaturationOptions {
        coders,
        order,
        depth: a.depth,
        rule: Rule {
            base: a.base,
            run: a.run,
            threshold: a.threshold,
        },
        orders: a.bands,
        seed: a.seed,
    };
    let mut s = study_saturation(&study, &all, &opts)
        .map_err(|e: SaturationError| Exit::new(2, e.to_string()))?;
    s.pseudonymise(&Pseudonyms::load(&Pseudonyms::path(&study))?);
    if a.json {
        print_json(&s)?;
    } else if a.csv {
        out!("{}", s.to_csv()?);
    } else {
        print_text(&s)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(s: &StudySaturation) -> anyhow::Result<()> {
    use glose::words::saturation as said;
    let lang = lang();
    let rule = (s.rule.base, s.rule.run, percent(s.rule.threshold));
    let rule = (rule.0, rule.1, rule.2.as_str());
    outln!("{}", said::rule_line(lang, rule, &s.order_by, s.depth));
    if !s.groups_not_counted.is_empty() {
        let groups = s.groups_not_counted.join(", ");
        outln!("{}", said::not_counted(lang, &groups));
    }
    for c in &s.coders {
        outln!();
        outln!("{}", c.coder);
        let rows: Vec<Vec<String>> = c
            .interviews
            .iter()
            .map(|r| {
                let band = c
                    .band
                    .as_ref()
                    .and_then(|b| b.curve.iter().find(|p| p.position == r.position))
                    .map_or(String::new(), |p| format!("{}–{}", p.p5, p.p95));
                vec![
                    r.position.to_string(),
                    r.doc.clone(),
                    r.order_value.clone(),
                    r.codes.to_string(),
                    r.new_codes.len().to_string(),
                    r.cumulative.to_string(),
                    band,
                ]
            })
            .collect();
        out!(
            "{}",
            table(
                &[
                    said::POSITION,
                    said::INTERVIEW,
                    said::ORDER,
                    said::CODES,
                    said::NEW,
                    said::CUMULATIVE,
                    said::BAND
                ]
                .map(|w| w.get(lang)),
                &rows
            )
        );
        if !c.not_coded.is_empty() {
            let docs = c.not_coded.join(", ");
            outln!("{}", said::not_coded(lang, &c.coder, &docs));
        }
        outln!("{}", c.sentence);
    }
    Ok(())
}
