//! Times the phases of `matrix` and `export` on a study (a profiling aid, not a test).
use std::time::Instant;

use glose::export::matrix::{Axis, Measure, crosstab};
use glose::export::{Dimension, ExportOptions, build_segments};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let t = Instant::now();
    let study = glose::study::Study::open(std::path::Path::new(&dir))?;
    eprintln!("open {:?}", t.elapsed());
    let t = Instant::now();
    let all = glose::store::load_all(&study);
    eprintln!("load_all {:?} ({} codings)", t.elapsed(), all.codings.len());
    for lean in [true, false] {
        let dim = Dimension::resolve(&study, "stage")?;
        let opts = ExportOptions {
            by: vec![dim],
            lean,
            ..Default::default()
        };
        let t = Instant::now();
        let set = build_segments(&study, &all, &opts)?;
        eprintln!("build_segments lean={lean} {:?}", t.elapsed());
        let t = Instant::now();
        let m = crosstab(
            &set,
            &Axis::Code,
            &Axis::Dim(0),
            Measure::Segments,
            &study.codebook,
        );
        eprintln!("crosstab {:?} {}", t.elapsed(), m.max_cell());
        std::mem::forget(set);
    }
    std::mem::forget(all);
    Ok(())
}
