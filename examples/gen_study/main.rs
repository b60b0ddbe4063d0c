//! Generates a large glose study for benchmarks and agreement tests:
//!
//! ```text
//! cargo run --release --example gen_study -- --interviews 2000 --coders 3 --seed 1 --out DIR
//! ```
//!
//! The sample study of the repository is the material: its transcripts are read at run
//! time, recombined and varied. Same options and seed, byte-identical study.

use glose::testkit::generate as generator;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

/// Writes a complete glose study of generated interviews.
#[derive(Debug, Parser)]
#[command(name = "gen_study")]
struct Args {
    /// Number of interviews.
    #[arg(long, default_value_t = 2000)]
    interviews: usize,
    /// Number of coders.
    #[arg(long, default_value_t = 3)]
    coders: usize,
    /// Seed of the random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Probability that a coder codes a passage as the others do (0..=1).
    #[arg(long, default_value_t = 0.8)]
    agreement: f64,
    /// Codings per interview per coder, on average.
    #[arg(long, default_value_t = 50)]
    codings_per_interview: usize,
    /// The new study's folder (must be missing or empty).
    #[arg(long)]
    out: PathBuf,
    /// The sample study used as material (default: the repository root).
    #[arg(long)]
    sample: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let sample = args
        .sample
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let opts = generator::GenOptions {
        interviews: args.interviews,
        coders: args.coders,
        seed: args.seed,
        agreement: args.agreement,
        codings_per_interview: args.codings_per_interview,
        ..generator::GenOptions::default()
    };
    let started = Instant::now();
    let report = generator::generate(&sample, &args.out, &opts)?;
    let codings: usize = report.codings.iter().map(|(_, n)| n).sum();
    println!(
        "{}: {} interviews, {} words ({} per interview), {} codings ({}), {:.1} MB, {:.1} s",
        args.out.display(),
        report.interviews,
        report.words,
        report.words / report.interviews.max(1),
        codings,
        report
            .codings
            .iter()
            .map(|(c, n)| format!("{c}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        report.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
