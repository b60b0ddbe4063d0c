//! The review's background work: computing the agreement table and the disagreements off
//! the UI thread, and the writer that owns the consensus coder's store.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use glose::agreement::Coefficient;
use glose::agreement::disagreements::{Disagreement, disagreements};
use glose::agreement::report::{UnitChoice, categorical_report};
use glose::agreement::select::{Selection, prepare};
use glose::agreement::units::{CodeSet, Inputs, SpanOptions, UnitKind};
use glose::document::Document;
use glose::store::{CoderStore, Op, load_all};
use glose::study::Study;

use super::super::msg::Msg;

/// The label of the computation in the progress indicator.
pub const COMPUTING: &str = "computing agreement";

/// One line of the agreement table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Code id (`all codes` on the pooled line).
    pub code: String,
    /// Units (unit × code decisions on the pooled line).
    pub units: usize,
    /// Krippendorff's alpha (nominal).
    pub alpha: Coefficient,
    /// Cohen's kappa (2 coders) or Light's (more).
    pub kappa: Coefficient,
    /// Mean pairwise percent agreement.
    pub percent: Coefficient,
    /// Disagreements on this code.
    pub disagreements: usize,
}

/// What the review shows: the per-code table, worst first, the pooled line, and every
/// disagreement with the documents they are on.
#[derive(Debug, Clone)]
pub struct ReviewData {
    /// Compared coders (never `consensus`), in lane order.
    pub coders: Vec<String>,
    /// One row per code, lowest alpha first.
    pub rows: Vec<Row>,
    /// Every code pooled.
    pub pooled: Row,
    /// Every disagreement, by document and position.
    pub disagreements: Vec<Disagreement>,
    /// The compared documents.
    pub docs: Vec<Document>,
    /// Things to tell the user (codings of unknown codes…).
    pub warnings: Vec<String>,
}

/// The unit the review compares on (the default of `glose agreement`).
pub const UNIT: UnitChoice = UnitChoice::Units(UnitKind::Sentence);

/// Computes the table and the disagreements with the defaults of `glose agreement`
/// (sentences, every coder but `consensus`, the codes they applied).
pub fn compute(study: &Study) -> Result<ReviewData, String> {
    let all = load_all(study);
    let prepared = prepare(study, &all, &Selection::default()).map_err(|e| e.to_string())?;
    let inputs = Inputs {
        docs: &prepared.docs,
        codings: &prepared.codings,
        coders: &prepared.coders,
    };
    let opts = SpanOptions::default();
    let report = categorical_report(&inputs, &study.codebook, &prepared.codes, UNIT, &opts, None)
        .map_err(|e| e.to_string())?;
    let set = CodeSet::new(&study.codebook, &prepared.codes, opts.rollup);
    let list = disagreements(&inputs, &set, UNIT, &opts).map_err(|e| e.to_string())?;
    let row = |line: &glose::agreement::report::ReportLine, n: usize| Row {
        code: line.id.clone(),
        units: line.units,
        alpha: line.krippendorff_alpha.clone(),
        kappa: line.kappa.clone(),
        percent: line.percent_agreement.clone(),
        disagreements: n,
    };
    let rows = report
        .codes
        .iter()
        .map(|l| row(l, list.iter().filter(|d| d.code == l.id).count()))
        .collect();
    let pooled = row(&report.pooled, list.len());
    let mut warnings = prepared.warnings.clone();
    warnings.extend(all.problems.iter().map(ToString::to_string));
    Ok(ReviewData {
        coders: prepared.coders.clone(),
        rows,
        pooled,
        disagreements: list,
        docs: prepared.docs,
        warnings,
    })
}

/// Computes on a thread; answers with [`Msg::Agreement`] tagged with `generation`, and
/// shows the work in the progress indicator meanwhile.
pub fn spawn_compute(study: Study, generation: u64, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-agreement".into())
        .spawn(move || {
            let _ = out.send(Msg::Progress(COMPUTING.to_string(), 0, 1));
            let data = Box::new(compute(&study));
            let _ = out.send(Msg::Agreement { generation, data });
            let _ = out.send(Msg::JobDone(COMPUTING.to_string()));
        });
}

/// The thread that owns the consensus coder's store: each decision (a batch of operations)
/// is written durably as one write, then confirmed with [`Msg::ConsensusSaved`].
///
/// Dropping it waits until every queued decision is on disk (and releases the lock).
#[derive(Debug)]
pub struct ConsensusWriter {
    tx: Option<Sender<Vec<Op>>>,
    handle: Option<JoinHandle<()>>,
}

impl ConsensusWriter {
    /// Starts the writer over the open consensus store.
    pub fn spawn(mut store: CoderStore, out: Sender<Msg>) -> Self {
        let (tx, rx): (Sender<Vec<Op>>, Receiver<Vec<Op>>) = channel();
        let handle = std::thread::Builder::new()
            .name("glose-consensus".into())
            .spawn(move || {
                for ops in rx {
                    let error = store.apply_all(&ops).err().map(|e| e.to_string());
                    let file = Box::new(store.file().clone());
                    // If the UI is gone, keep saving what was queued.
                    let _ = out.send(Msg::ConsensusSaved { file, error });
                }
            })
            .ok();
        Self {
            tx: Some(tx),
            handle,
        }
    }

    /// Queues a decision; false if the writer is gone.
    pub fn send(&self, ops: Vec<Op>) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(ops).is_ok())
    }

    /// Waits until every queued decision is saved.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for ConsensusWriter {
    fn drop(&mut self) {
        self.finish();
    }
}
