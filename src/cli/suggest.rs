//! `glose suggest`: passages to code, learned from the coder's own codings (#21);
//! `glose suggest accept|reject|eval|consistency`.

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use glose::study::Study;
use glose::suggest::consistency::{NEAR_IDENTICAL, near_identical, outliers};
use glose::suggest::eval::{Scores, macro_average};
use glose::suggest::{
    Corpus, EvalOptions, Rejections, SuggestRequest, Unit, accepted_coding, evaluate, load_coder,
    min_precision, suggest,
};
use glose::words::cli as words;

use super::code::{check_code, check_span, codable_code, save_new_coding};
use super::coder::{coder_name, open_store_for_doc};
use super::lang::lang;
use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// Suggest passages for a code, learned only from your own codings of it (nothing leaves
/// the machine). Each suggestion shows the words that weigh most and your nearest coded
/// example. A code whose measured precision is below `suggest_min_precision` (glose.toml)
/// gets no suggestions, with the reason.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SuggestArgs {
    #[command(subcommand)]
    command: Option<SuggestCommand>,
    /// The code to suggest passages for.
    #[arg(required = true)]
    code: Option<String>,
    /// Only passages of this document.
    #[arg(long)]
    doc: Option<String>,
    #[command(flatten)]
    common: Common,
    /// At most this many suggestions.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Suggest even when the code's precision is unmeasured or below the threshold.
    #[arg(long)]
    ungated: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct Common {
    /// What a passage is.
    #[arg(long, value_enum, default_value = "sentence")]
    unit: UnitArg,
    /// Seed of the training order and of the random baseline.
    #[arg(long, default_value_t = 21)]
    seed: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UnitArg {
    /// Sentences.
    Sentence,
    /// Speaker turns.
    Turn,
}

impl Common {
    fn unit(&self) -> Unit {
        match self.unit {
            UnitArg::Sentence => Unit::Sentence,
            UnitArg::Turn => Unit::Turn,
        }
    }

    fn eval_options(&self, study: &Study) -> EvalOptions {
        let mut opts = EvalOptions {
            min_precision: min_precision(study),
            ..EvalOptions::default()
        };
        opts.train.seed = self.seed;
        opts
    }
}

#[derive(Debug, Subcommand)]
enum SuggestCommand {
    /// Code a suggested passage: the coding is marked as suggested (model, time).
    Accept(Target),
    /// Reject a suggestion: the passage is not proposed again for the code.
    Reject(Target),
    /// Measure the suggestions: leave-one-interview-out per code and coder, with baselines.
    Eval(EvalArgs),
    /// Your near-identical passages coded differently, and your codings least like their code.
    Consistency(ConsistencyArgs),
}

#[derive(Debug, Args)]
struct Target {
    /// The code.
    code: String,
    /// The document id.
    #[arg(long)]
    doc: String,
    /// Start offset of the passage (chars of the normalised body, as suggested).
    #[arg(long)]
    start: usize,
    /// End offset (exclusive).
    #[arg(long)]
    end: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// Only this code.
    #[arg(long)]
    code: Option<String>,
    /// Every coder (default: the --coder flag, $GLOSE_CODER… or all when none is set).
    #[arg(long)]
    all_coders: bool,
    #[command(flatten)]
    common: Common,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ConsistencyArgs {
    /// At most this many entries per list.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    common: Common,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `glose suggest …`.
pub fn run(cli: &Cli, args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    match &args.command {
        Some(SuggestCommand::Accept(t)) => accept(cli, &study, t),
        Some(SuggestCommand::Reject(t)) => reject(cli, &study, t),
        Some(SuggestCommand::Eval(e)) => eval(cli, &study, e),
        Some(SuggestCommand::Consistency(c)) => consistency(cli, &study, c),
        None => list(cli, &study, args),
    }
}

fn bad_input(e: glose::suggest::SuggestError) -> anyhow::Error {
    Exit::new(2, e.to_string()).into()
}

fn list(cli: &Cli, study: &Study, args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let code = args.code.as_deref().unwrap_or_default();
    check_code(study, code)?;
    let (coder, _) = coder_name(cli, study)?;
    let file = load_coder(study, &coder).map_err(bad_input)?;
    let corpus = Corpus::open(study, args.common.unit())?;
    let rejections = Rejections::load(study, &coder).map_err(bad_input)?;
    let req = SuggestRequest {
        code,
        doc: args.doc.as_deref(),
        limit: args.limit,
        gate: !args.ungated,
        opts: args.common.eval_options(study),
    };
    let s = suggest(&study.codebook, &corpus, &file, &rejections, &req).map_err(bad_input)?;
    if args.json {
        print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let measured = s.evaluation.as_ref().map_or_else(
        || "unmeasured (--ungated)".to_string(),
        |e| format!("precision at R {}", num(e.scores.model.recall_at_r)),
    );
    outln!(
        "{} suggestion(s) for {} from {}'s {} coded {}(s) ({} v{}, {measured}; {} rejected left out)",
        s.items.len(),
        s.code,
        s.coder,
        s.positives,
        s.unit.as_str(),
        s.model,
        s.version,
        s.rejected
    );
    for item in &s.items {
        outln!();
        outln!(
            "{} {}..{}  score {:.2}  «{}»",
            item.doc,
            item.start,
            item.end,
            item.score,
            excerpt(&item.text, 100)
        );
        let like = item.why.nearest.as_ref().map_or_else(String::new, |n| {
            format!("; like your {} «{}»", n.doc, excerpt(&n.quote, 60))
        });
        outln!("  why: {}{like}", item.why.words.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{cut}…")
}

fn accept(cli: &Cli, study: &Study, t: &Target) -> anyhow::Result<ExitCode> {
    let code = codable_code(study, &t.code)?;
    let doc = study
        .load_document(&t.doc)
        .map_err(|e| Exit::new(2, e.to_string()))?;
    let range = t.start..t.end;
    check_span(&doc, &range)?;
    let mut store = open_store_for_doc(cli, study, &doc.id)?;
    let coding = accepted_coding(&doc, &code, range, store.coder());
    save_new_coding(&mut store, coding, t.json, ", suggested")
}

fn reject(cli: &Cli, study: &Study, t: &Target) -> anyhow::Result<ExitCode> {
    check_code(study, &t.code)?;
    let (coder, _) = coder_name(cli, study)?;
    let doc = study
        .load_document(&t.doc)
        .map_err(|e| Exit::new(2, e.to_string()))?;
    let range = t.start..t.end;
    check_span(&doc, &range)?;
    let mut rejections = Rejections::load(study, &coder).map_err(bad_input)?;
    let new = rejections
        .reject(&t.code, &doc.id, range, doc.slice(t.start..t.end))
        .map_err(bad_input)?;
    if t.json {
        print_json(
            &serde_json::json!({"code": t.code, "doc": doc.id, "start": t.start, "end": t.end, "new": new}),
        )?;
    } else {
        let place = format!("{} {}..{}", doc.id, t.start, t.end);
        outln!("{}", words::rejected(lang(), new, &place, &t.code));
    }
    Ok(ExitCode::SUCCESS)
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

fn eval(cli: &Cli, study: &Study, e: &EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(code) = &e.code {
        check_code(study, code)?;
    }
    let coders: Vec<String> =
        if e.all_coders || (cli.coder.is_none() && std::env::var_os("GLOSE_CODER").is_none()) {
            glose::store::coder_files(&study.codings_dir())
                .into_iter()
                .map(|(c, _)| c)
                .filter(|c| glose::store::valid_coder_name(c))
                .collect()
        } else {
            vec![coder_name(cli, study)?.0]
        };
    let mut files = Vec::new();
    for coder in &coders {
        files.push(load_coder(study, coder).map_err(bad_input)?);
    }
    if files.is_empty() {
        return Err(Exit::new(2, words::NOTHING_TO_MEASURE.get(lang())).into());
    }
    let corpus = Corpus::open(study, e.common.unit())?;
    let opts = e.common.eval_options(study);
    let evals = evaluate(&corpus, &study.codebook, &files, e.code.as_deref(), &opts);
    let average = macro_average(&evals);
    if e.json {
        print_json(&serde_json::json!({
            "unit": corpus.unit,
            "seed": opts.train.seed,
            "min_precision": opts.min_precision,
            "codes": evals,
            "macro_average": average,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let cells = |s: &Scores| {
        format!(
            "{} / {} / {}",
            num(s.precision_at_10),
            num(s.recall_at_r),
            num(s.average_precision)
        )
    };
    let mut rows: Vec<Vec<String>> = evals
        .iter()
        .map(|ev| {
            let curve: Vec<String> = ev.curve.iter().map(|p| num(p.average_precision)).collect();
            vec![
                ev.coder.clone(),
                ev.code.clone(),
                ev.positives.to_string(),
                ev.folds.to_string(),
                cells(&ev.scores.model),
                cells(&ev.scores.keyword),
                cells(&ev.scores.centroid),
                cells(&ev.scores.random),
                curve.join(" "),
                ev.verdict
                    .reason()
                    .map_or_else(|| "suggest".to_string(), |_| "withheld".to_string()),
            ]
        })
        .collect();
    rows.push(vec![
        "all".into(),
        "macro average".into(),
        String::new(),
        String::new(),
        cells(&average.model),
        cells(&average.keyword),
        cells(&average.centroid),
        cells(&average.random),
        String::new(),
        String::new(),
    ]);
    outln!(
        "leave-one-interview-out, unit {}, seed {}; each cell: P@10 / recall@R / AP; curve: AP at {} positives",
        corpus.unit.as_str(),
        opts.train.seed,
        opts.curve
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("/")
    );
    out!(
        "{}",
        table(
            &[
                "coder", "code", "pos", "folds", "model", "keyword", "centroid", "random", "curve",
                "verdict"
            ],
            &rows
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn consistency(cli: &Cli, study: &Study, c: &ConsistencyArgs) -> anyhow::Result<ExitCode> {
    let (coder, _) = coder_name(cli, study)?;
    let file = load_coder(study, &coder).map_err(bad_input)?;
    let corpus = Corpus::open(study, c.common.unit())?;
    let opts = c.common.eval_options(study);
    let mut pairs = near_identical(&corpus, &file.codings, NEAR_IDENTICAL);
    pairs.truncate(c.limit);
    let mut odd = outliers(&corpus, &file.codings, &opts.train);
    odd.truncate(c.limit);
    if c.json {
        print_json(
            &serde_json::json!({"coder": coder, "near_identical": pairs, "least_like_their_code": odd}),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{coder}: {} near-identical pair(s) coded differently",
        pairs.len()
    );
    for p in &pairs {
        outln!(
            "  {:.2}  {} {}..{} [{}] «{}»  vs  {} {}..{} [{}] «{}»",
            p.similarity,
            p.a.doc,
            p.a.start,
            p.a.end,
            p.a.codes.join(", "),
            excerpt(&p.a.text, 50),
            p.b.doc,
            p.b.start,
            p.b.end,
            p.b.codes.join(", "),
            excerpt(&p.b.text, 50)
        );
    }
    outln!("{coder}: codings least like the rest of their code (model trained without them)");
    for o in &odd {
        outln!(
            "  {:.2}  {} {} {}..{} ({}) «{}»",
            o.score,
            o.code,
            o.doc,
            o.start,
            o.end,
            o.id,
            excerpt(&o.quote, 60)
        );
    }
    Ok(ExitCode::SUCCESS)
}
