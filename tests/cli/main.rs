//! The command line as researchers use it: check, escapes, --out, search, codebook, play, re-anchoring, saturation, suggestions, the study generator.
//!
//! One test binary for the group (#17): each file is a module, as it was a binary before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

#[path = "../common/mod.rs"]
mod common;

mod cli_check;
mod cli_escapes;
mod cli_out;
mod cli_search;
mod codebook_cli;
mod gen_study;
mod lang_cli;
mod play;
mod reanchor;
mod saturation_cli;
mod suggest;
