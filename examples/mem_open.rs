//! Peak memory and bytes read when opening a large study, as the TUI does:
//!
//! ```text
//! cargo run --release --example mem_open [-- STUDY_DIR]
//! ```
//!
//! Without an argument it opens the generated 2,000-interview study of the benchmarks
//! (`target/bench-studies/i2000-…`, generated first if missing). It prints, after each
//! step, the time taken, the peak resident memory (`VmHWM` of /proc/self/status) and the
//! bytes read so far (`rchar` of /proc/self/io), so one can check that `Study::open` reads
//! only the transcripts' headers. With `--check` it then runs `glose check`'s checks
//! (documents, cases, coder files) and reports their time.

use glose::testkit::generate as generator;

use std::path::PathBuf;
use std::time::Instant;

fn proc_field(file: &str, key: &str) -> u64 {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn report_step(step: &str, started: Instant, rchar0: u64) {
    println!(
        "{step:<36} {:>8.0} ms   peak RSS {:>6} MB   RSS {:>6} MB   read {:>7.1} MB",
        started.elapsed().as_secs_f64() * 1000.0,
        proc_field("/proc/self/status", "VmHWM:") / 1024,
        proc_field("/proc/self/status", "VmRSS:") / 1024,
        (proc_field("/proc/self/io", "rchar:") - rchar0) as f64 / 1e6,
    );
}

fn main() -> anyhow::Result<()> {
    let run_check = std::env::args().any(|a| a == "--check");
    let root = match std::env::args_os().skip(1).find(|a| a != "--check") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let target = std::env::current_exe()?
                .parent()
                .and_then(|p| p.parent())
                .and_then(|p| p.parent())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("target"));
            let opts = generator::GenOptions::default();
            generator::ensure_study(
                &PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                &target.join("bench-studies"),
                &opts,
            )?
        }
    };
    let rchar0 = proc_field("/proc/self/io", "rchar:");
    report_step("start", Instant::now(), rchar0);

    let t = Instant::now();
    let study = glose::study::Study::open(&root)?;
    report_step("Study::open (headers, codebook)", t, rchar0);
    let corpus: u64 = study.entries.iter().map(|e| e.bytes).sum();
    println!(
        "  {} transcripts, {:.1} MB of transcripts on disk",
        study.entries.len(),
        corpus as f64 / 1e6
    );

    let t = Instant::now();
    let all = glose::store::load_all(&study);
    report_step("load_all (every coder file)", t, rchar0);
    println!(
        "  {} codings of {} coders",
        all.codings.len(),
        all.coders.len()
    );

    let t = Instant::now();
    let mut largest = (0, String::new());
    for e in &study.entries {
        let doc = study.load_document(&e.id)?;
        if doc.char_len() > largest.0 {
            largest = (doc.char_len(), e.id.clone());
        }
    }
    report_step("load every document, one at a time", t, rchar0);

    let t = Instant::now();
    let doc = study.load_document(&largest.1)?;
    let on_doc = all.codings.iter().filter(|c| c.doc == doc.id).count();
    report_step("hold the largest document", t, rchar0);
    println!(
        "  {}: {} words, {} codings",
        doc.id,
        doc.word_count(),
        on_doc
    );
    drop(all);
    if run_check {
        let t = Instant::now();
        let checked = glose::check::check(&study);
        report_step("check (documents, cases, coder files)", t, rchar0);
        println!(
            "  {} errors, {} warnings",
            checked.errors(),
            checked.warnings()
        );
    }
    Ok(())
}
