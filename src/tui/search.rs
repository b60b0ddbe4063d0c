//! The search popup: edit a query, run it off the UI thread, list hits with their
//! snippets, jump to a hit with its matches highlighted, and step through hits with n / N.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::App;
use super::keys::{Action, Ctx, lookup};
use super::msg::SearchResult;
use super::overlay::Overlay;
use super::update::go_to;

/// Opens the search popup with the query ready to edit.
pub fn open(app: &mut App) {
    app.search.editing = true;
    app.overlay = Some(Overlay::Search);
}

/// Handles a key while the search popup is open.
pub fn on_key(app: &mut App, key: KeyEvent) {
    if app.search.editing {
        match key.code {
            KeyCode::Enter => run(app),
            KeyCode::Esc => {
                if app.search.hits.is_empty() {
                    app.overlay = None;
                }
                app.search.editing = false;
            }
            KeyCode::Down => app.search.editing = false,
            KeyCode::Backspace => {
                app.search.query.pop();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
            {
                app.search.query.push(c);
            }
            _ => {}
        }
        return;
    }
    let page = app.page_height();
    let len = app.search.hits.len();
    let s = &mut app.search;
    match lookup(Ctx::Search, &key, false) {
        Some(Action::Up) => s.sel = s.sel.saturating_sub(1),
        Some(Action::Down) => s.sel = (s.sel + 1).min(len.saturating_sub(1)),
        Some(Action::PageUp) => s.sel = s.sel.saturating_sub(page),
        Some(Action::PageDown) => s.sel = (s.sel + page).min(len.saturating_sub(1)),
        Some(Action::Search) => s.editing = true,
        Some(Action::Escape) => app.overlay = None,
        Some(Action::Open) => {
            app.overlay = None;
            show_hit(app);
        }
        _ => {}
    }
}

/// Runs the query in the background.
pub fn run(app: &mut App) {
    let query = app.search.query.trim().to_string();
    if query.is_empty() {
        return;
    }
    app.search.editing = false;
    app.search.error = None;
    match app.searcher.as_ref() {
        Some(w) if w.send(query, app.all_spans()) => {
            app.search.running = true;
        }
        _ => app.search.error = Some("search is not available".to_string()),
    }
}

/// Takes the result of a search.
pub fn on_result(app: &mut App, result: SearchResult) {
    if result.query != app.search.query.trim() {
        return;
    }
    app.search.running = false;
    match result.hits {
        Ok(hits) => {
            app.search.sel = 0;
            app.search.hits = hits;
            app.search.error = None;
            app.search.editing = false;
        }
        Err(e) => {
            app.search.error = Some(e);
            app.search.editing = true;
        }
    }
}

/// Opens the highlighted hit in its transcript, with its matches highlighted.
pub fn show_hit(app: &mut App) {
    let Some(hit) = app.search.hits.get(app.search.sel).cloned() else {
        return;
    };
    let pos = hit.matches.first().map_or(hit.range.start, |m| m.start);
    go_to(app, &hit.doc, pos, None);
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
        app.info("no search hits: / to search");
        return;
    }
    app.search.sel = if forward {
        (app.search.sel + 1) % n
    } else {
        (app.search.sel + n - 1) % n
    };
    show_hit(app);
}
