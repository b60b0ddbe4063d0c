//! The reader's readings and exports and the auto-coding previews' plans, computed off the
//! UI thread: a layer asks for one with a [`Job`] (numbered, so that an answer to an older
//! request is dropped), shows "computing…" (or "exporting…") meanwhile, and takes the
//! answer from a message (`Msg::Reading`, `Msg::Plan`, `Msg::Exported`; the thread is
//! `worker::spawn_job`, the answers go to the layers in `reading::on_reading`,
//! `reading::on_exported` and `search::on_plan`). Types only: no app here.

use glose::autocode::{Plan, Request};
use glose::export::formats::Format;
use glose::reader::{ReaderQuery, Reading};
use glose::search::Hit;
use glose::store::{AllCodings, Coding};
use glose::study::Study;
use glose::unit::Unit;

/// What the reader reads from: codings, or a search's hits.
#[derive(Debug, Clone)]
pub enum Source {
    /// Every coder's codings (the session's).
    Codings(AllCodings),
    /// A search's hits.
    Hits {
        /// The query.
        query: String,
        /// The hits.
        hits: Vec<Hit>,
    },
}

impl Source {
    /// The codings to read: these, or the hits as passages
    /// ([`glose::reader::search_passages`], which reads their documents).
    pub fn codings(self, study: &Study) -> AllCodings {
        match self {
            Source::Codings(all) => all,
            Source::Hits { query, hits } => glose::reader::search_passages(study, &query, &hits),
        }
    }
}

/// The passages the reader shows, to read.
#[derive(Debug, Clone)]
pub struct ReadJob {
    /// Which request of the reader this is.
    pub generation: u64,
    /// The study.
    pub study: Study,
    /// What to read from.
    pub source: Source,
    /// What to read.
    pub query: ReaderQuery,
}

impl ReadJob {
    /// Reads (the core's [`glose::reader::read`]).
    pub fn run(self) -> Result<Reading, String> {
        let all = self.source.codings(&self.study);
        glose::reader::read(&self.study, &all, &self.query).map_err(|e| e.to_string())
    }
}

/// The codings an auto-coding would add, to plan.
#[derive(Debug, Clone)]
pub struct PlanJob {
    /// Which request of the preview this is.
    pub generation: u64,
    /// The study.
    pub study: Study,
    /// The hits to code.
    pub hits: Vec<Hit>,
    /// This coder's codings (codes resolved), so that what is coded already is skipped.
    pub mine: Vec<Coding>,
    /// The code.
    pub code: String,
    /// The unit.
    pub unit: Unit,
    /// The coder.
    pub coder: String,
}

impl PlanJob {
    /// Plans (the core's [`glose::autocode::plan`]).
    pub fn run(&self) -> Result<Plan, String> {
        let req = Request {
            code: &self.code,
            unit: self.unit,
            memo: None,
            coder: &self.coder,
        };
        glose::autocode::plan(&self.study, &self.hits, &self.mine, &req).map_err(|e| e.to_string())
    }
}

/// What the reader shows, to export to a file under `exports/`.
#[derive(Debug, Clone)]
pub struct ExportJob {
    /// The study.
    pub study: Study,
    /// What the reader reads from.
    pub source: Source,
    /// What it shows.
    pub query: ReaderQuery,
    /// The export format.
    pub format: Format,
}

/// An export written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// How many passages it holds.
    pub count: usize,
    /// The file, relative to the study's root.
    pub rel: String,
    /// How many real names of `pseudonyms.csv` still appear in it.
    pub leaks: usize,
}

impl ExportJob {
    /// Exports (the core's [`glose::reader::export`]) to `exports/segments-<code>.<ext>`
    /// (`segments-search.<ext>` for a search's passages), written atomically; never one
    /// of the study's own files.
    pub fn run(self) -> Result<Exported, String> {
        let from_search = matches!(self.source, Source::Hits { .. });
        let study = &self.study;
        let code = match self.query.selection.codes.first() {
            _ if from_search => "search".to_string(),
            Some(c) => c.clone(),
            None => "all".to_string(),
        };
        let all = self.source.codings(study);
        let out = glose::reader::export(study, &all, &self.query, self.format)
            .map_err(|e| e.to_string())?;
        let ext = format!("{:?}", self.format).to_lowercase();
        let rel = format!("exports/segments-{code}.{ext}");
        let path = study.root.join(&rel);
        glose::export::out_path::refuse_study_file(study, &path).map_err(|e| e.to_string())?;
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        glose::fsutil::write_atomic(&path, out.rendered.bytes()).map_err(|e| e.to_string())?;
        Ok(Exported {
            count: out.count,
            rel,
            leaks: out.leaks.len(),
        })
    }
}

/// Work a layer asks to be done off the UI thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// A reading of the segments reader.
    Read(ReadJob),
    /// An auto-coding plan.
    Plan(PlanJob),
    /// An export of what the reader shows.
    Export(ExportJob),
}
