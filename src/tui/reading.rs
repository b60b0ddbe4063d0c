//! The segments reader, on the app's side: exporting what it shows to a file (the core's
//! [`glose::reader::export`], written atomically under `exports/`), and reading it again
//! after a recode or a memo made from it.

use glose::export::formats::Format;
use glose::reader::ReaderQuery;
use glose::store::AllCodings;

use super::app::App;
use super::layers::retrieve::{Retrieve, codings_of};
use super::strings;

/// Exports the reader's selection in `format` to `exports/segments-<code>.<ext>`
/// (`segments-search.<ext>` for a search's passages); the status line names the file (or
/// says why not).
pub fn export(app: &mut App, query: &ReaderQuery, format: Format, search: Option<AllCodings>) {
    let from_search = search.is_some();
    let all = search.unwrap_or_else(|| codings_of(&app.env()));
    let out = match glose::reader::export(&app.session.study, &all, query, format) {
        Ok(out) => out,
        Err(e) => return app.error(e.to_string()),
    };
    let code = match query.selection.codes.first() {
        _ if from_search => "search",
        Some(c) => c.as_str(),
        None => "all",
    };
    let ext = format!("{format:?}").to_lowercase();
    let rel = format!("exports/segments-{code}.{ext}");
    let path = app.session.study.root.join(&rel);
    if let Err(e) = glose::export::out_path::refuse_study_file(&app.session.study, &path) {
        return app.error(e.to_string());
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .map_err(|e| format!("{}: {e}", path.display()))
        .and_then(|()| {
            glose::fsutil::write_atomic(&path, &out.rendered.bytes).map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => {
            let mut text = strings::exported(out.count, &rel);
            if !out.leaks.is_empty() {
                text.push_str(&strings::export_leaks(out.leaks.len()));
                return app.error(text);
            }
            app.info(text);
        }
        Err(e) => app.error(e),
    }
}

/// Reads the passages of an open reader again (after a change to a coding).
pub fn refresh(app: &mut App) {
    let Some(i) = app
        .layers
        .iter()
        .rposition(|l| super::layers::downcast_ref::<Retrieve>(l.as_ref()).is_some())
    else {
        return;
    };
    let mut layer = app.layers.remove(i);
    if let Some(r) = super::layers::downcast_mut::<Retrieve>(layer.as_mut()) {
        r.rebuild(&app.env());
    }
    app.layers.insert(i, layer);
}
