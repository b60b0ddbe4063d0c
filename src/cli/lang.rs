//! The language of the command line's messages: the locale's until a study is open, then
//! the study's choice ([`Lang::for_study`]: glose.toml's `[ui] language`, the locale, the
//! study's language). The words themselves are in [`glose::words::cli`].

use std::sync::atomic::{AtomicU8, Ordering};

use glose::config::StudyConfig;
use glose::locale::Lang;
use glose::study::Study;

/// 0: not chosen yet; 1: English; 2: French.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// The language messages are written in now.
pub fn lang() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::Fr,
        _ => {
            let var = |k: &str| std::env::var(k).ok();
            let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
            Lang::from_locale([all.as_deref(), messages.as_deref(), lang.as_deref()])
                .unwrap_or_default()
        }
    }
}

/// From now on, messages speak `study`'s language.
pub fn choose_for(study: &Study) {
    choose_for_config(&study.config);
}

/// From now on, messages speak the language of the study configured by `config`.
pub fn choose_for_config(config: &StudyConfig) {
    let code = match Lang::for_study(config) {
        Lang::En => 1,
        Lang::Fr => 2,
    };
    CHOSEN.store(code, Ordering::Relaxed);
}
