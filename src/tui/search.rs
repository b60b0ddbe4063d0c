//! Search, on the app's side: opening the popup ([`super::layers::search`]) with the
//! last search, sending a query to the search thread, taking its result, and stepping
//! through hits in the transcript with n / N.

use super::app::App;
use super::layers::autocode::AutoCode;
use super::layers::search::SearchState;
use super::msg::SearchResult;
use super::strings;

/// Opens the search popup with the last query ready to edit.
pub fn open(app: &mut App) {
    let mut state = std::mem::take(&mut app.search);
    state.editing = true;
    if state.hint.is_none() {
        let examples = glose::filter::query_examples(&app.session.study).filters();
        state.hint = Some(strings::search_hint(&examples));
    }
    app.open(state);
}

/// Runs the query in the background.
pub fn run(app: &mut App, query: String) {
    let sent = match app.searcher.as_ref() {
        Some(w) => w.send(query, app.all_spans()),
        None => false,
    };
    let s = app.search_mut();
    if sent {
        s.running = true;
    } else {
        s.hits.clear();
        s.marked.clear();
        s.error = Some(strings::SEARCH_UNAVAILABLE.to_string());
    }
}

/// Takes the result of a search.
pub fn on_result(app: &mut App, result: SearchResult) {
    app.search_mut().on_result(&result.query, result.hits);
}

/// Keeps a search as its popup closes; opens its highlighted hit when `show` is set.
pub fn keep(app: &mut App, state: SearchState, show: bool) {
    app.search = state;
    if show {
        show_hit(app);
    }
}

/// Opens the highlighted hit in its transcript, with its matches highlighted.
pub fn show_hit(app: &mut App) {
    let Some(hit) = app.search.hits.get(app.search.sel).cloned() else {
        return;
    };
    let pos = hit.matches.first().map_or(hit.range.start, |m| m.start);
    app.go_to(&hit.doc, pos, None);
    let doc_matches: Vec<std::ops::Range<usize>> = app
        .search
        .hits
        .iter()
        .filter(|h| h.doc == hit.doc)
        .flat_map(|h| h.matches.iter().cloned())
        .collect();
    if let Some(v) = app.view.as_mut() {
        v.matches = doc_matches;
    }
    let n = app.search.hits.len();
    app.info(format!(
        "hit {}/{n} · {} · {}",
        app.search.sel + 1,
        hit.doc,
        hit.speaker
    ));
}

/// Goes to the next (or previous) hit.
pub fn step(app: &mut App, forward: bool) {
    let n = app.search.hits.len();
    if n == 0 {
        app.info(strings::NO_HITS);
        return;
    }
    app.search.sel = if forward {
        (app.search.sel + 1) % n
    } else {
        (app.search.sel + n - 1) % n
    };
    show_hit(app);
}

/// Opens the auto-coding preview for the open search's hits (the marked ones, or all)
/// with `code`.
pub fn open_autocode(app: &mut App, code: &str) {
    let hits = app.search().chosen_hits();
    if hits.is_empty() {
        app.info(strings::NO_HITS_TO_CODE);
        return;
    }
    let mut preview = AutoCode::new(code, hits);
    let job = preview.job(&app.env());
    app.open(preview);
    super::worker::spawn_job(super::plans::Job::Plan(job), app.tx.clone());
}

/// Takes a plan to the preview that asked (dropped when it is closed or asked again).
pub fn on_plan(app: &mut App, generation: u64, result: Result<glose::autocode::Plan, String>) {
    if let Some(a) = app.layer_mut::<AutoCode>() {
        a.receive(generation, result);
    }
}

/// Codes an auto-coding's passages as one change (one undo).
pub fn autocode(app: &mut App, code: &str, adds: Vec<glose::store::Coding>) {
    let n = adds.len();
    let ops = adds.into_iter().map(glose::store::Op::Add).collect();
    let edit = glose::store::Edit::many(ops, strings::auto_coded(n, code));
    if app.commit(edit, true) {
        app.touch_recent(code);
    }
}
