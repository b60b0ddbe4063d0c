//! Choosing the coder and opening their file for writing.

use glose::store::{CoderSource, CoderStore, resolve_coder};
use glose::study::Study;
use glose::words::cli as words;

use super::Cli;
use super::lang::lang;

/// The coder for this command: --coder, GLOSE_CODER, glose.toml, the user name.
pub fn coder_name(cli: &Cli, study: &Study) -> anyhow::Result<(String, CoderSource)> {
    let env = std::env::var("GLOSE_CODER").ok();
    let user = std::env::var("USER")
        .ok()
        .or_else(|| std::env::var("LOGNAME").ok())
        .or_else(|| std::env::var("USERNAME").ok());
    Ok(resolve_coder(
        cli.coder.as_deref(),
        env.as_deref(),
        study.config.coder.as_deref(),
        user.as_deref(),
    )?)
}

/// Opens the coder's file for writing, telling the user about any repair.
pub fn open_store(cli: &Cli, study: &Study) -> anyhow::Result<CoderStore> {
    let (coder, _) = coder_name(cli, study)?;
    told(CoderStore::open(study, &coder)?)
}

/// Opens the coder's file for writing codings on one document (only its codings are
/// read), telling the user about any repair.
pub fn open_store_for_doc(cli: &Cli, study: &Study, doc: &str) -> anyhow::Result<CoderStore> {
    let (coder, _) = coder_name(cli, study)?;
    told(CoderStore::open_for_doc(study, &coder, doc)?)
}

fn told(store: CoderStore) -> anyhow::Result<CoderStore> {
    if let Some(msg) = store.repaired() {
        errln!("{}", words::repaired(lang(), msg));
    }
    Ok(store)
}
