//! The assistants' TUI door (#21): opening the suggestions, similar passages and
//! consistency review layers, sending their questions to the assistant thread
//! ([`worker::spawn_assistant`]), handing its answers to the layer that asked, and doing
//! what the layers ask (accept = an ordinary undoable coding through the session, reject
//! = remembered on the assistant thread). The use cases are `glose::suggest`'s.

use std::ops::Range;

use glose::store::Op;
use glose::suggest::accepted_coding;

use super::app::App;
use super::assist_jobs::{AssistJob, AssistReply, SimilarScope, SimilarSource};
use super::layers::Layer;
use super::layers::consistency::ConsistencyReview;
use super::layers::picker::PickFor;
use super::layers::similar::SimilarList;
use super::layers::suggest::SuggestList;
use super::strings;
use super::worker;

/// Sends a job to the assistant thread, starting it first if needed.
fn send(app: &mut App, job: AssistJob) {
    if app.assist.thread.is_none() {
        app.assist.thread = worker::spawn_assistant(
            app.session.study.clone(),
            app.session.coder.clone(),
            app.tx.clone(),
        );
    }
    let sent = app.assist.thread.as_ref().is_some_and(|t| t.send(job));
    if !sent {
        app.assist.thread = None;
        app.error(strings::ASSISTANT_GONE.to_string());
    }
}

/// `S`: suggestions of `code` (the codebook's selected code), or of a code chosen in the
/// picker, for the open document.
pub fn open_suggest(app: &mut App, code: Option<String>) {
    if app.view.is_none() {
        app.info(strings::NO_DOCUMENT);
        return;
    }
    match code {
        Some(code) => suggest(app, &code),
        None => super::edit::open_picker(app, PickFor::Suggest),
    }
}

/// Opens the suggestions of `code` for the open document and asks the assistant.
pub fn suggest(app: &mut App, code: &str) {
    let Some(doc) = app.view.as_ref().map(|v| v.doc.id.clone()) else {
        app.info(strings::NO_DOCUMENT);
        return;
    };
    app.open(SuggestList::waiting(code, &doc));
    let codings = app.session.mine.codings.clone();
    send(
        app,
        AssistJob::Suggest {
            code: code.to_string(),
            doc,
            codings,
        },
    );
}

/// Codes an accepted suggestion: the coding carries the model's receipt, and is undone
/// like any other.
pub fn accept(app: &mut App, code: &str, doc: &str, range: Range<usize>) {
    let coder = app.session.coder.clone();
    let coding = match app.view.as_ref().filter(|v| v.doc.id == doc) {
        Some(v) => accepted_coding(&v.doc, code, range, &coder),
        None => match app.session.study.load_document(doc) {
            Ok(d) => accepted_coding(&d, code, range, &coder),
            Err(e) => {
                app.error(e.to_string());
                return;
            }
        },
    };
    if app.commit(Op::Add(coding), true) {
        app.touch_recent(code);
    }
}

/// Remembers a rejected suggestion (the file is written on the assistant thread).
pub fn reject(app: &mut App, code: String, doc: String, range: Range<usize>, text: String) {
    app.info(strings::rejected_note(app.label(&code)));
    send(
        app,
        AssistJob::Reject {
            code,
            doc,
            range,
            text,
        },
    );
}

/// `~`: passages like the selection, or else the coding under the cursor.
pub fn open_similar(app: &mut App) {
    let Some(view) = app.view.as_ref() else {
        app.info(strings::NO_DOCUMENT);
        return;
    };
    let range = view
        .selection()
        .or_else(|| app.coding_here().map(|c| c.start..c.end));
    let Some(range) = range.filter(|r| r.start < r.end) else {
        app.info(strings::NEED_SOURCE);
        return;
    };
    let source = SimilarSource {
        doc: view.doc.id.clone(),
        text: view.doc.slice(range.clone()).to_string(),
        range,
        scope: SimilarScope::Any,
    };
    app.open(SimilarList::waiting(source.clone()));
    ask_similar(app, source);
}

/// Asks the assistant for passages like `source`, with the codings its filter counts.
pub fn ask_similar(app: &mut App, source: SimilarSource) {
    let codings = match source.scope {
        SimilarScope::Any => Vec::new(),
        SimilarScope::CodedByMe => app.session.mine.codings.clone(),
        SimilarScope::Uncoded => app
            .session
            .mine
            .codings
            .iter()
            .chain(&app.session.others)
            .cloned()
            .collect(),
    };
    send(app, AssistJob::Similar { source, codings });
}

/// `I`: the consistency review of this coder's codings.
pub fn open_consistency(app: &mut App) {
    app.open(ConsistencyReview::default());
    let codings = app.session.mine.codings.clone();
    send(app, AssistJob::Consistency { codings });
}

/// Puts a list aside and goes to a passage, selected.
pub fn aside(app: &mut App, layer: Box<dyn Layer>, doc: &str, range: Range<usize>) {
    app.assist.aside = Some(layer);
    app.go_to(doc, range.start, Some(range));
}

/// `;`: the list put aside comes back.
pub fn back(app: &mut App) {
    match app.assist.aside.take() {
        Some(layer) => app.layers.push(layer),
        None => app.info(strings::NO_LIST_ASIDE),
    }
}

/// The layer of type `T` an answer is for: on the stack, or else put aside.
fn target<T: Layer>(app: &mut App) -> Option<&mut T> {
    if app.layer_mut::<T>().is_some() {
        return app.layer_mut::<T>();
    }
    super::layers::downcast_mut::<T>(app.assist.aside.as_deref_mut()?)
}

/// Hands the assistant's answer to the layer that asked (dropped if it was closed).
pub fn on_reply(app: &mut App, reply: AssistReply) {
    match reply {
        AssistReply::Suggestions { code, doc, result } => {
            if let Some(l) = target::<SuggestList>(app) {
                l.receive(&code, &doc, result);
            }
        }
        AssistReply::Similar { source, result } => {
            if let Some(l) = target::<SimilarList>(app) {
                l.receive(&source, result);
            }
        }
        AssistReply::Consistency(result) => {
            if let Some(l) = target::<ConsistencyReview>(app) {
                l.receive(result);
            }
        }
        AssistReply::Rejected(Ok(())) => {}
        AssistReply::Rejected(Err(e)) => app.error(e),
    }
}
