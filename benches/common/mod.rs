//! What every benchmark shares: the sample study and the generated studies of 200 and
//! 2,000 interviews, generated once into `target/bench-studies/` and reused after.
#![allow(dead_code)]

pub use glose::testkit::generate as generator;

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// The repository root, which is also the sample study.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The cargo target folder of the running benchmark (`target/release/deps/…` → `target`).
pub fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| sample_root().join("target"))
}

/// The options of the generated study of `interviews` interviews used by benchmarks:
/// three coders, agreement 0.8, fifty codings per interview and coder, seed 1.
pub fn options(interviews: usize) -> generator::GenOptions {
    generator::GenOptions {
        interviews,
        ..generator::GenOptions::default()
    }
}

/// The generated study of `interviews` interviews, generated on first use.
pub fn generated(interviews: usize) -> PathBuf {
    generated_with(&options(interviews))
}

/// The generated study for `opts`, generated on first use.
pub fn generated_with(opts: &generator::GenOptions) -> PathBuf {
    let interviews = opts.interviews;
    let cache = target_dir().join("bench-studies");
    let started = std::time::Instant::now();
    let dir = generator::ensure_study(&sample_root(), &cache, opts)
        .unwrap_or_else(|e| panic!("cannot generate the {interviews}-interview study: {e}"));
    let took = started.elapsed();
    if took > Duration::from_secs(1) {
        eprintln!("generated {} in {:.1} s", dir.display(), took.as_secs_f64());
    }
    dir
}

/// The studies every benchmark runs on: (name, root).
pub fn studies() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("sample", sample_root()),
        ("gen200", generated(200)),
        ("gen2000", generated(2000)),
    ]
}

/// Criterion settings that keep a full `cargo bench` run short on a shared machine.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
