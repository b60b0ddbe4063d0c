//! Integration tests of full-text search (one binary).

mod common;
mod filters;
mod index_life;
mod matching;
mod sample;
#[path = "../common/mod.rs"]
mod shared_study;
