//! glose: qualitative coding of interview transcripts.
pub mod agreement;
