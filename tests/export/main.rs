//! Exports and the report.
//!
//! One test binary for the group (#17): each file is a module, as it was a binary before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

#[path = "../export_support/mod.rs"]
mod export_support;

mod export_report;
mod segments_and_formats;
