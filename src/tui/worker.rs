//! Background work, so the UI thread never waits: one-off jobs (document sizes, the other
//! coders' codings, the orphan scan) and the search thread, which report back with
//! messages. The coder files' writer thread is the session's (`writer.rs`).

use std::sync::mpsc::{Receiver, Sender, channel};

use glose::study::Study;

use glose::search::{CodedSpan, Index, Order, SearchOptions, parse_query};

use super::layers::search::HitRow;
use super::msg::{DocStat, Msg, Orphan, SearchResult};

/// Loads every document once to measure it, reporting progress.
pub fn spawn_doc_stats(study: Study, out: Sender<Msg>) {
    let label = super::strings::MEASURING.to_string();
    let _ = std::thread::Builder::new()
        .name("glose-stats".into())
        .spawn(move || {
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

/// Finds this coder's codings whose text is gone (after transcripts were edited).
pub fn spawn_orphan_scan(study: Study, codings: Vec<glose::store::Coding>, out: Sender<Msg>) {
    let label = super::strings::LOOKING_ORPHANS.to_string();
    let _ = std::thread::Builder::new()
        .name("glose-orphans".into())
        .spawn(move || {
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
    let label = super::strings::INDEXING.to_string();
    let (tx, rx): (Sender<SearchJob>, Receiver<SearchJob>) = channel();
    std::thread::Builder::new()
        .name("glose-search".into())
        .spawn(move || {
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
