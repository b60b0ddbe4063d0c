//! `P`: play the open transcript's recording from the cursor's time, with the player of
//! glose.toml or the first of mpv, ffplay and vlc (the core's `recording` does the work).

use glose::document::format_timestamp;
use glose::recording::{launch, play_command};

use super::app::App;
use super::strings;

/// Starts the player from the time of the cursor's passage (the turn's start when the
/// passage has no time of its own); every failure is a sentence on the message line.
pub fn play_here(app: &mut App) {
    let Some(view) = app.view.as_ref() else {
        app.info(strings::NO_DOCUMENT);
        return;
    };
    let seconds = view.doc.time_at(view.cursor).unwrap_or(0);
    let player = match glose::config::load_player(&app.session.study.root) {
        Ok(p) => p,
        Err(e) => return app.error(e.to_string()),
    };
    let started = play_command(
        &view.doc,
        seconds,
        player.as_ref(),
        std::env::var_os("PATH").as_deref(),
    )
    .and_then(|cmd| launch(&cmd, true).map(|child| (cmd, child)));
    match started {
        Ok((cmd, child)) => {
            app.players.push(child);
            let program = cmd.argv.first().cloned().unwrap_or_default();
            app.info(format!(
                "{} {} {} ({program})",
                strings::PLAYING,
                cmd.recording.display(),
                format_timestamp(cmd.seconds)
            ));
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// Forgets players that have ended (so none is left a zombie).
pub fn reap(players: &mut Vec<std::process::Child>) {
    players.retain_mut(|p| matches!(p.try_wait(), Ok(None)));
}
