//! glose: qualitative coding of interview transcripts.
pub mod transcript_import;
