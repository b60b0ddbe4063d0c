//! The terminal UI: the study in three panes (documents, transcript with coding stripes,
//! codebook), popups for coding, memos, search and retrieval.
//!
//! Shape: one message stream (`Msg`: keys, mouse, resize, ticks, worker results), one
//! `update` that changes the state, one `draw` that reads it. Slow work (saving, measuring
//! documents, indexing, searching) runs on threads that answer with messages, so the UI
//! never waits. Every change is handed to the writer thread, which saves it durably before
//! confirming; quitting waits for the writer, so nothing is lost.

pub mod actions;
pub mod app;
pub mod app_session;
pub mod app_view;
pub mod assist;
pub mod assist_jobs;
pub mod assist_state;
pub mod codebook_door;
pub mod codebook_pane;
pub mod codebook_undo;
pub mod doc_view;
pub mod edit;
pub mod keyhelp;
pub mod keys;
pub mod keys_fr;
pub mod keys_layers;
pub mod keys_review;
pub mod layers;
pub mod layout;
pub mod line_input;
pub mod memo_door;
pub mod motion;
pub mod mouse;
pub mod msg;
pub mod panes;
pub mod plans;
pub mod play;
pub mod reading;
pub mod review;
pub mod search;
pub mod session;
pub mod strings;
pub mod team;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;
pub mod worker;
pub mod wrap;
pub mod writer;

use std::io::stdout;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use glose::study::Study;

use app::App;
use msg::Msg;
use theme::Theme;

/// Builds the app for a study and coder: takes the coder's lock (read-only if another
/// glose holds it), reads the other coders' codings and opens the first document.
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the render tests and benches/tui.rs open the app this way"
    )
)]
pub fn open_app(study: Study, coder: String, theme: Theme, tx: Sender<Msg>) -> App {
    open_app_with(study, coder, theme, tx, true)
}

/// Like [`open_app`]; with `read_others` false the other coders' codings are left for
/// [`session::spawn_other_codings`], so that a large study shows its first frame at once.
fn open_app_with(
    study: Study,
    coder: String,
    theme: Theme,
    tx: Sender<Msg>,
    read_others: bool,
) -> App {
    let (mut session, repaired) = session::Session::open(study, coder, &tx);
    if read_others {
        session.read_other_codings();
    }
    let mut app = App::new(session, theme, tx);
    let mut notes = app.resume();
    let mut error = !notes.is_empty();
    if let Some(r) = repaired {
        notes.insert(0, format!("repaired {r}"));
    }
    if let Some(why) = app.session.mine.read_only.clone() {
        notes.insert(0, format!("read-only: {why}: {}", strings::READ_ONLY_SHOWN));
        error = true;
    }
    if !notes.is_empty() {
        app.message = Some((notes.join(" · "), error));
    }
    app
}

/// Runs the TUI until the user quits. The terminal is restored on every exit path
/// (ratatui's panic hook, plus mouse capture turned off first).
pub fn run(study: Study, coder: String) -> anyhow::Result<()> {
    let (tx, rx) = channel();
    let lang = glose::locale::Lang::for_study(&study.config);
    strings::set_lang(lang);
    let mut app = open_app_with(study, coder, Theme::detect(), tx.clone(), false);
    app.set_lang(lang);
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    spawn_signals(tx.clone());
    // The first frame before the background jobs: on two cores they would share them with
    // it (reading other coders' files, measuring every document, opening the index).
    let result = first_frame(&mut terminal, &mut app).and_then(|()| {
        spawn_background(&mut app, &tx);
        spawn_input(tx);
        event_loop(&mut terminal, &mut app, &rx)
    });
    // However the loop ended (a quit, a signal, a terminal that can no longer be drawn
    // on), the memo being typed is saved and every change is on disk before returning.
    update::quit_saving(&mut app);
    app.finish();
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Turns SIGHUP (terminal closed), SIGTERM and SIGINT into [`Msg::Signal`], so that they
/// end the TUI as Ctrl-C does: the memo being typed is saved, the writers finish, the
/// terminal is restored. Without this, the default action kills the process at once.
fn spawn_signals(tx: Sender<Msg>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("glose-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if tx.send(Msg::Signal(sig)).is_err() {
                    return;
                }
            }
        });
}

/// Reads terminal events on their own thread.
fn spawn_input(tx: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("glose-input".into())
        .spawn(move || {
            loop {
                match ratatui::crossterm::event::read() {
                    Ok(ev) => {
                        if let Some(m) = Msg::from_event(ev)
                            && tx.send(m).is_err()
                        {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Msg::InputClosed);
                        return;
                    }
                }
            }
        });
}

/// Sizes the app to the terminal and draws it once.
fn first_frame(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    update::update(app, Msg::Resize(size.width, size.height));
    terminal.draw(|f| view::draw(app, f))?;
    Ok(())
}

/// What the first frame does not wait for: the other coders' codings, every document's
/// size, the search thread.
fn spawn_background(app: &mut App, tx: &Sender<Msg>) {
    session::spawn_other_codings(
        app.session.study.clone(),
        app.session.coder.clone(),
        tx.clone(),
    );
    worker::spawn_doc_stats(app.session.study.clone(), tx.clone());
    app.searcher = worker::spawn_searcher(app.session.study.clone(), tx.clone());
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Msg>,
) -> anyhow::Result<()> {
    loop {
        if app.quit {
            return Ok(());
        }
        terminal.draw(|f| view::draw(app, f))?;
        let busy = !app.session.jobs.is_empty() || app.search().running || app.session.saving();
        let msg = if busy {
            match rx.recv_timeout(Duration::from_millis(120)) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => Msg::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            // Idle: still tick now and then, to notice a codebook changed on disk.
            match rx.recv_timeout(Duration::from_secs(2)) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => Msg::Tick,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        };
        update::update(app, msg);
        // Handle what queued up meanwhile before drawing again (coalesces redraws).
        for _ in 0..64 {
            if app.quit {
                break;
            }
            match rx.try_recv() {
                Ok(m) => update::update(app, m),
                Err(_) => break,
            }
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod review_tests;

#[cfg(test)]
mod codebook_tests;

#[cfg(test)]
mod shape_tests;

#[cfg(test)]
mod lang_tests;

#[cfg(test)]
mod team_tests;

#[cfg(test)]
mod house_tests;

#[cfg(test)]
mod reader_tests;

#[cfg(test)]
mod assist_tests;

#[cfg(test)]
mod memo_tests;

#[cfg(test)]
mod tasks_tests;
