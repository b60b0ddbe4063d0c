//! The segments reader, on the app's side: exporting what it shows to a file (the core's
//! [`glose::reader::export`], written atomically under `exports/`), and reading it again
//! after a recode or a memo made from it.

use glose::export::formats::Format;
use glose::reader::ReaderQuery;

use super::app::App;
use super::layers::retrieve::Retrieve;
use super::plans::Source;
use super::strings;

/// Exports the reader's selection in `format` to `exports/segments-<code>.<ext>`
/// (`segments-search.<ext>` for a search's passages); the status line names the file (or
/// says why not).
pub fn export(app: &mut App, query: &ReaderQuery, format: Format, source: Source) {
    let from_search = matches!(source, Source::Hits { .. });
    let all = source.codings(&app.session.study);
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

/// Opens the reader and asks for its passages (read off the UI thread).
pub fn open(app: &mut App, mut reader: Retrieve) {
    let job = reader.job(&app.env());
    app.open(reader);
    super::worker::spawn_job(super::plans::Job::Read(job), app.tx.clone());
}

/// Takes a reading to the reader that asked (dropped when it is closed or asked again).
pub fn on_reading(app: &mut App, generation: u64, result: Result<glose::reader::Reading, String>) {
    let Some(i) = reader_index(app) else {
        return;
    };
    let mut layer = app.layers.remove(i);
    if let Some(r) = super::layers::downcast_mut::<Retrieve>(layer.as_mut()) {
        r.receive(&app.env(), generation, result);
    }
    app.layers.insert(i, layer);
}

/// Whether a reader or an auto-coding preview waits for its passages or its plan.
pub fn waiting(app: &App) -> bool {
    use super::layers::{autocode::AutoCode, downcast_ref};
    app.layers.iter().any(|l| {
        downcast_ref::<Retrieve>(l.as_ref()).is_some_and(|r| r.computing)
            || downcast_ref::<AutoCode>(l.as_ref()).is_some_and(|a| a.computing)
    })
}

fn reader_index(app: &App) -> Option<usize> {
    app.layers
        .iter()
        .rposition(|l| super::layers::downcast_ref::<Retrieve>(l.as_ref()).is_some())
}

/// Reads the passages of an open reader again (after a change to a coding), off the UI
/// thread.
pub fn refresh(app: &mut App) {
    let Some(i) = reader_index(app) else {
        return;
    };
    let mut layer = app.layers.remove(i);
    let job = super::layers::downcast_mut::<Retrieve>(layer.as_mut()).map(|r| r.job(&app.env()));
    app.layers.insert(i, layer);
    if let Some(job) = job {
        super::worker::spawn_job(super::plans::Job::Read(job), app.tx.clone());
    }
}
