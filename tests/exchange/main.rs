//! REFI-QDA and transcript exchange: export, import, pseudonyms, QualCoder, round trips, hostile archives, independent readers, real samples.
//!
//! One test binary for the group (#17): each file is a module, as it was a binary before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

#[path = "../exchange_support/mod.rs"]
mod exchange_support;

mod exchange_export;
mod exchange_import;
mod exchange_pseudonyms;
mod exchange_qualcoder;
mod exchange_roundtrip;
mod exchange_transcripts;
mod refi_hostile;
mod refi_readers;
mod refi_roundtrip;
mod refi_samples;
