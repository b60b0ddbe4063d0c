//! Background work, so the UI thread never waits: the writer that owns the coder's store
//! (every change is applied and saved there, in order), and one-off jobs (document sizes,
//! orphan scan) that report back with messages.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use glose::store::{CoderFile, CoderStore, Op};
use glose::study::Study;

use glose::search::{CodedSpan, Index, Order, SearchOptions, parse_query};

use super::layers::search::HitRow;
use super::msg::{DocStat, Msg, Orphan, SearchResult};

/// How a writer reports one saved (or failed) batch: the error if it failed, and the file
/// as it now is in the store when the writer had to read it again from disk (someone else
/// changed it) or the batch failed; `None` otherwise, since the UI's mirror already holds
/// the change.
pub type SavedMsg = fn(Option<Box<CoderFile>>, Option<String>) -> Msg;

/// The thread that owns a coder's store (the coder's, or the consensus file in the
/// review) and saves each batch of operations durably, in order, as one write.
///
/// Dropping it waits until every queued operation is on disk, so quitting (or unwinding
/// after a panic) never loses an acknowledged change.
#[derive(Debug)]
pub struct Writer {
    tx: Option<Sender<Vec<Op>>>,
    handle: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer over an open store; each batch is answered with `saved`.
    pub fn spawn(mut store: CoderStore, out: Sender<Msg>, saved: SavedMsg) -> Self {
        let (tx, rx): (Sender<Vec<Op>>, Receiver<Vec<Op>>) = channel();
        let handle = std::thread::Builder::new()
            .name(format!("glose-writer-{}", store.coder()))
            .spawn(move || {
                for ops in rx {
                    let reads = store.reads();
                    let error = store.apply_all(&ops).err().map(|e| e.to_string());
                    let file = (error.is_some() || store.reads() != reads)
                        .then(|| Box::new(store.file().clone()));
                    // If the UI is gone, keep saving what was queued.
                    let _ = out.send(saved(file, error));
                }
            })
            .ok();
        Self {
            tx: Some(tx),
            handle,
        }
    }

    /// Queues a batch of operations (saved as one write); false if the writer is gone.
    pub fn send(&self, ops: Vec<Op>) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(ops).is_ok())
    }

    /// Waits until every queued operation is saved.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Shows the file as the store has it, with the operations still on their way to the
/// writer applied on top (they will be saved after it).
pub fn rebase_mirror<'a>(
    mirror: &mut CoderFile,
    file: CoderFile,
    unconfirmed: impl IntoIterator<Item = &'a Op>,
) {
    *mirror = file;
    for op in unconfirmed {
        let _ = op.apply(mirror);
    }
}

/// Loads every document once to measure it, reporting progress.
pub fn spawn_doc_stats(study: Study, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-stats".into())
        .spawn(move || {
            let label = "measuring documents".to_string();
            let total = study.entries.len();
            let mut stats = Vec::with_capacity(total);
            for (i, e) in study.entries.iter().enumerate() {
                if let Ok(doc) = study.load_document(&e.id) {
                    stats.push(DocStat {
                        id: e.id.clone(),
                        words: doc.word_count(),
                        chars: doc.char_len(),
                    });
                }
                if i % 8 == 0 {
                    let _ = out.send(Msg::Progress(label.clone(), i + 1, total));
                }
            }
            let _ = out.send(Msg::DocStats(stats));
            let _ = out.send(Msg::JobDone(label));
        });
}

/// Reads the other coders' codings (for retrieval, search filters and review) after the
/// first frame: at two thousand interviews they are hundreds of megabytes.
pub fn spawn_other_codings(study: Study, coder: String, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-others".into())
        .spawn(move || {
            let label = "reading other coders' codings".to_string();
            let files: Vec<_> = glose::store::coder_files(&study.codings_dir())
                .into_iter()
                .filter(|(name, _)| *name != coder && glose::store::valid_coder_name(name))
                .collect();
            let mut codings = Vec::new();
            for (i, (name, path)) in files.iter().enumerate() {
                let _ = out.send(Msg::Progress(label.clone(), i, files.len()));
                if let Ok(loaded) = glose::store::CoderFile::load(path, name) {
                    codings.extend(loaded.file.codings);
                }
            }
            let _ = out.send(Msg::OtherCodings(codings));
            let _ = out.send(Msg::JobDone(label));
        });
}

/// Finds this coder's codings whose text is gone (after transcripts were edited).
pub fn spawn_orphan_scan(study: Study, codings: Vec<glose::store::Coding>, out: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-orphans".into())
        .spawn(move || {
            let label = "looking for orphaned codings".to_string();
            let _ = out.send(Msg::Progress(label.clone(), 0, 1));
            let orphans = glose::store::orphans::orphans(&study, &codings)
                .into_iter()
                .map(|c| Orphan { coding: c.clone() })
                .collect();
            let _ = out.send(Msg::Orphans(orphans));
            let _ = out.send(Msg::JobDone(label));
        });
}

/// The search thread's mailbox: a query and the codings `code:` / `coder:` see.
type SearchJob = (String, Vec<CodedSpan>);

/// The search thread: opens (or builds) the index once, then answers queries in order
/// (only the latest of several waiting queries is run).
#[derive(Debug)]
pub struct Searcher {
    tx: Sender<SearchJob>,
}

impl Searcher {
    /// Queues a query; false if the thread is gone.
    pub fn send(&self, query: String, spans: Vec<CodedSpan>) -> bool {
        self.tx.send((query, spans)).is_ok()
    }
}

/// How many hits a search returns at most.
pub const SEARCH_LIMIT: usize = 500;

fn run_query(
    study: &Study,
    index: &Index,
    source: &str,
    spans: &[CodedSpan],
) -> Result<Vec<HitRow>, String> {
    let query = parse_query(source).map_err(|e| format!("column {}: {}", e.column(), e.message))?;
    let options = SearchOptions {
        limit: SEARCH_LIMIT,
        order: Order::Document,
    };
    let hits = index
        .search(study, &query, &options, spans)
        .map_err(|e| e.to_string())?;
    Ok(hits
        .into_iter()
        .map(|h| HitRow {
            doc: h.doc,
            range: h.range,
            speaker: h.speaker,
            text: h.text,
            matches: h.matches,
        })
        .collect())
}

/// Starts the search thread: brings the index up to date (reporting progress), then
/// answers queries with [`Msg::Search`].
pub fn spawn_searcher(study: Study, out: Sender<Msg>) -> Option<Searcher> {
    let (tx, rx): (Sender<SearchJob>, Receiver<SearchJob>) = channel();
    std::thread::Builder::new()
        .name("glose-search".into())
        .spawn(move || {
            let label = "indexing".to_string();
            let _ = out.send(Msg::Progress(label.clone(), 0, study.entries.len()));
            let index = Index::open_or_build(&study, |p| {
                let _ = out.send(Msg::Progress(label.clone(), p.done, p.total));
            });
            let _ = out.send(Msg::JobDone(label));
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let (query, spans) = job;
                let hits = match &index {
                    Ok(index) => run_query(&study, index, &query, &spans),
                    Err(e) => Err(format!("the search index cannot be opened: {e}")),
                };
                if out.send(Msg::Search(SearchResult { query, hits })).is_err() {
                    return;
                }
            }
        })
        .ok()?;
    Some(Searcher { tx })
}
