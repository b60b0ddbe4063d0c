//! The segments reader, on the app's side: exporting what it shows to a file (the core's
//! [`glose::reader::export`], written atomically under `exports/`, off the UI thread), and
//! reading it again after a recode or a memo made from it.

use glose::export::formats::Format;
use glose::reader::ReaderQuery;

use super::app::App;
use super::layers::retrieve::Retrieve;
use super::plans::{ExportJob, Exported, Job, Source};
use super::strings;

/// Exports the reader's selection in `format` off the UI thread ([`ExportJob`]: to
/// `exports/segments-<code>.<ext>`); the status line says "exporting…", then names the
/// file (or says why not) when [`on_exported`] takes the answer.
pub fn export(app: &mut App, query: &ReaderQuery, format: Format, source: Source) {
    let job = ExportJob {
        study: app.session.study.clone(),
        source,
        query: query.clone(),
        format,
    };
    with_reader(app, |r| r.exporting += 1);
    app.info(strings::EXPORTING);
    super::worker::spawn_job(Job::Export(job), app.tx.clone());
}

/// Takes an export's answer: the file written (and any real names left in it), or why not.
pub fn on_exported(app: &mut App, result: Result<Exported, String>) {
    with_reader(app, |r| r.exporting = r.exporting.saturating_sub(1));
    match result {
        Ok(done) => {
            let mut text = strings::exported(done.count, &done.rel);
            if done.leaks > 0 {
                text.push_str(&strings::export_leaks(done.leaks));
                return app.error(text);
            }
            app.info(text);
        }
        Err(e) => app.error(e),
    }
}

fn with_reader(app: &mut App, f: impl FnOnce(&mut Retrieve)) {
    let layer = reader_index(app).and_then(|i| app.layers.get_mut(i));
    if let Some(r) = layer.and_then(|l| super::layers::downcast_mut::<Retrieve>(l.as_mut())) {
        f(r);
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

/// Whether a reader or an auto-coding preview waits for its passages, its export or its
/// plan.
pub fn waiting(app: &App) -> bool {
    use super::layers::{autocode::AutoCode, downcast_ref};
    app.layers.iter().any(|l| {
        downcast_ref::<Retrieve>(l.as_ref()).is_some_and(|r| r.computing || r.exporting > 0)
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
