//! Integration tests of full-text search (one binary).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

mod common;
mod filters;
mod index_life;
mod matching;
mod sample;
#[path = "../common/mod.rs"]
mod shared_study;
