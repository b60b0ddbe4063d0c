//! glose: qualitative coding of interview transcripts.
//!
//! The core library: the document model, the codebook, the study on disk, checks, the
//! coding store, search, agreement, export and exchange.
//!
//! Two front doors sit on top of the core, as library modules so that tests and benches
//! reach them through their public API: [`cli`] (the command line, `glose …`) and [`tui`]
//! (the terminal UI, `glose code`). They only translate between people and the core; the
//! core modules never import `ratatui`, `crossterm`, `clap` or `anyhow`
//! (`testkit/purity.rs` checks it). [`testkit`] is the shared test support (study
//! generator, sample-study copies).

// The front doors write `glose::…` like any user of the library would.
extern crate self as glose;

pub mod agreement;
pub mod autocode;
pub mod cases;
pub mod check;
pub mod codebook;
pub mod config;
pub mod continuity;
pub mod diag;
pub mod document;
pub mod duplicates;
pub mod exchange;
pub mod export;
pub mod filter;
pub mod fsutil;
pub mod langdetect;
pub mod locale;
pub mod memos;
pub mod progress;
pub mod reader;
pub mod recording;
pub mod refi;
pub mod retrieval;
pub mod review;
pub mod safezip;
pub mod saturation;
pub mod search;
pub mod spans;
pub mod store;
pub mod study;
pub mod suggest;
pub mod team;
pub mod text;
pub mod transcript_import;
pub mod unit;
pub mod words;

pub mod cli;
pub mod testkit;
pub mod tui;
