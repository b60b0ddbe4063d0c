//! Background work, so the UI thread never waits: one-off jobs (document sizes, the other
//! coders' codings, the orphan scan) and the search thread, which report back with
//! messages. The coder files' writer thread is the session's (`writer.rs`).

use std::sync::mpsc::{Receiver, Sender, channel};

use glose::study::Study;

use glose::search::{CodedSpan, Index, Order, SearchOptions, parse_query};

use super::assist_jobs::{AssistJob, AssistReply, Assistant, ConsistencyData, SimilarScope};
use super::layers::search::HitRow;
use super::msg::{Msg, Orphan, SearchResult};

/// Loads every document once to measure it, reporting progress.
pub fn spawn_doc_stats(study: Study, out: Sender<Msg>) {
    let label = super::strings::MEASURING.to_string();
    let _ = std::thread::Builder::new()
        .name("glose-stats".into())
        .spawn(move || {
            let sizes = glose::progress::document_sizes(&study, |done, total| {
                let _ = out.send(Msg::Progress(label.clone(), done, total));
            });
            let _ = out.send(Msg::DocStats(sizes));
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

/// Runs a reading, a plan or an export on a thread of its own; its answer comes back as a
/// message.
pub fn spawn_job(job: super::plans::Job, out: Sender<Msg>) {
    use super::plans::Job;
    let _ = std::thread::Builder::new()
        .name("glose-plan".into())
        .spawn(move || {
            let msg = match job {
                Job::Read(j) => Msg::Reading {
                    generation: j.generation,
                    result: Box::new(j.run()),
                },
                Job::Plan(j) => Msg::Plan {
                    generation: j.generation,
                    result: Box::new(j.run()),
                },
                Job::Export(j) => Msg::Exported(Box::new(j.run())),
            };
            let _ = out.send(msg);
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

// The assistants (#21): suggestions, similar passages, the consistency review.

/// How many suggestions or similar passages a list shows at most.
pub const ASSIST_LIMIT: usize = 50;

/// The assistants' state on their thread: the passages and their vectors, this coder's
/// rejections.
struct AssistState {
    study: Study,
    coder: String,
    corpus: Result<glose::suggest::Corpus, String>,
    rejections: Result<glose::suggest::Rejections, String>,
}

impl AssistState {
    fn answer(&mut self, job: AssistJob) -> AssistReply {
        use glose::suggest::{SimilarFilter, SuggestRequest, consistency, similar, suggest_for};
        let corpus = match &self.corpus {
            Ok(c) => c,
            Err(e) => return failed(job, e),
        };
        match job {
            AssistJob::Suggest { code, doc, codings } => {
                let result = self.rejections.clone().and_then(|rejections| {
                    let opts = glose::suggest::EvalOptions {
                        min_precision: glose::suggest::min_precision(&self.study),
                        ..Default::default()
                    };
                    let req = SuggestRequest {
                        code: &code,
                        doc: Some(&doc),
                        limit: ASSIST_LIMIT,
                        gate: true,
                        opts,
                    };
                    suggest_for(
                        &self.study.codebook,
                        corpus,
                        &self.coder,
                        &codings,
                        &rejections,
                        &req,
                    )
                    .map(Box::new)
                    .map_err(|e| e.to_string())
                });
                AssistReply::Suggestions { code, doc, result }
            }
            AssistJob::Similar { source, codings } => {
                let query = corpus.vectorize(&source.doc, &source.text);
                let filter = match source.scope {
                    SimilarScope::Any => SimilarFilter::default(),
                    SimilarScope::Uncoded => SimilarFilter {
                        uncoded: true,
                        ..SimilarFilter::default()
                    },
                    SimilarScope::CodedByMe => SimilarFilter {
                        coder: Some(&self.coder),
                        ..SimilarFilter::default()
                    },
                };
                let span = (source.doc.as_str(), source.range.clone());
                // Built by the first request and kept: the next ones are answered through
                // them (milliseconds instead of a scan of every passage).
                corpus.postings();
                let found = similar(corpus, &query, span, &codings, filter, ASSIST_LIMIT);
                AssistReply::Similar {
                    source,
                    result: Ok(found),
                }
            }
            AssistJob::Consistency { codings } => {
                let pairs =
                    consistency::near_identical(corpus, &codings, consistency::NEAR_IDENTICAL);
                let outliers = consistency::outliers(corpus, &codings, &Default::default());
                AssistReply::Consistency(Ok(ConsistencyData { pairs, outliers }))
            }
            AssistJob::Reject {
                code,
                doc,
                range,
                text,
            } => AssistReply::Rejected(match &mut self.rejections {
                Ok(r) => r
                    .reject(&code, &doc, range, &text)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.clone()),
            }),
        }
    }
}

/// The answer to `job` when the corpus could not be read.
fn failed(job: AssistJob, why: &str) -> AssistReply {
    let why = why.to_string();
    match job {
        AssistJob::Suggest { code, doc, .. } => AssistReply::Suggestions {
            code,
            doc,
            result: Err(why),
        },
        AssistJob::Similar { source, .. } => AssistReply::Similar {
            source,
            result: Err(why),
        },
        AssistJob::Consistency { .. } => AssistReply::Consistency(Err(why)),
        AssistJob::Reject { .. } => AssistReply::Rejected(Err(why)),
    }
}

/// Starts the assistant thread: cuts and analyses the transcripts once (reporting
/// progress), reads this coder's rejections, then answers jobs in order with
/// [`Msg::Assist`].
pub fn spawn_assistant(study: Study, coder: String, out: Sender<Msg>) -> Option<Assistant> {
    let (tx, rx): (Sender<AssistJob>, Receiver<AssistJob>) = channel();
    std::thread::Builder::new()
        .name("glose-assist".into())
        .spawn(move || {
            let label = super::strings::PREPARING_ASSISTANTS.to_string();
            let _ = out.send(Msg::Progress(label.clone(), 0, 1));
            let corpus = glose::suggest::Corpus::open(&study, glose::suggest::Unit::Sentence)
                .map_err(|e| e.to_string());
            let rejections =
                glose::suggest::Rejections::load(&study, &coder).map_err(|e| e.to_string());
            let _ = out.send(Msg::JobDone(label));
            let mut state = AssistState {
                study,
                coder,
                corpus,
                rejections,
            };
            while let Ok(job) = rx.recv() {
                let label = super::strings::ASSISTANT_WORKING.to_string();
                let _ = out.send(Msg::Progress(label.clone(), 0, 1));
                let reply = state.answer(job);
                let _ = out.send(Msg::JobDone(label));
                if out.send(Msg::Assist(Box::new(reply))).is_err() {
                    return;
                }
            }
        })
        .ok()?;
    Some(Assistant::new(tx))
}
