//! glose: qualitative coding of interview transcripts.
//!
//! The core library: the document model, the codebook, the study on disk, checks, the
//! coding store, search, agreement, export and exchange. The command line (`src/cli/`) and
//! the terminal UI (`src/tui/`) are front ends on top of it; nothing here draws to a
//! terminal.

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
pub mod refi;
pub mod retrieval;
pub mod review;
pub mod safezip;
pub mod search;
pub mod store;
pub mod study;
pub mod text;
pub mod transcript_import;
pub mod unit;
