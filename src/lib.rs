//! glose: qualitative coding of interview transcripts.
