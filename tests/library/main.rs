//! The library's durable core: coder files and locks, sentences, transcript import, no panic on hostile input.
//!
//! One test binary for the group (#17): each file is a module, as it was a binary before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

#[path = "../common/mod.rs"]
mod common;

mod append;
mod journal;
mod no_panic;
mod sentences;
mod store;
mod transcript_import;
