//! The memo browser's door: the memos of the session (this coder's file, the other
//! coders' codings and memos) gathered by the core for the browser, refreshed after a
//! memo changes, and where a code memo leads (the code in the codebook pane).

use glose::memos::{MemoEntry, gather};

use super::app::{App, Pane};
use super::codebook_door;
use super::layers::memos::MemoBrowser;
use super::layers::{downcast_mut, downcast_ref};

/// Every memo the session knows: this coder's, then the other coders' (read-only).
pub fn entries(app: &App) -> Vec<MemoEntry> {
    let s = &app.session;
    let coder = s.coder.as_str();
    let memos = s
        .mine
        .memos
        .iter()
        .map(|m| (coder, m))
        .chain(s.others_memos.iter().map(|(c, m)| (c.as_str(), m)));
    gather(s.mine.codings.iter().chain(s.others.iter()), memos)
}

/// `W`: opens the memo browser.
pub fn open(app: &mut App) {
    let list = entries(app);
    let browser = MemoBrowser::new(list, &app.env());
    app.open(browser);
}

/// Gives the browser (open, or put aside with Enter) the memos as they are now.
pub fn refresh(app: &mut App) {
    let i = app
        .layers
        .iter()
        .rposition(|l| downcast_ref::<MemoBrowser>(l.as_ref()).is_some());
    // The layer is taken out so that it can read the app's environment.
    let mut layer = match i {
        Some(i) => app.layers.remove(i),
        None => match app.assist.aside.take() {
            Some(l) => l,
            None => return,
        },
    };
    if let Some(b) = downcast_mut::<MemoBrowser>(layer.as_mut()) {
        b.refresh(entries(app), &app.env());
    }
    match i {
        Some(i) => app.layers.insert(i, layer),
        None => app.assist.aside = Some(layer),
    }
}

/// Enter on a code memo: the code, highlighted in the codebook pane.
pub fn show_code(app: &mut App, code: &str) {
    codebook_door::select_code(app, code);
    app.set_focus(Pane::Codebook);
    app.relayout();
}
