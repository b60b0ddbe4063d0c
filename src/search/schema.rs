//! The tantivy schema of the passage index and the tokenizers it needs.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

use super::analysis::Lang;

/// Bumped whenever the schema, the analysers or the passage cutting change: an index
/// with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// Tokenizer of the filter fields: words are prepared by [`super::analysis::filter_words`].
pub const WS_TOKENIZER: &str = "glose_ws";

/// The fields of a passage document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document id as written (stored, fast, used to delete and to join codings).
    pub doc: Field,
    /// The document id lower-cased and folded, for `doc:`.
    pub doc_key: Field,
    /// Passage start (char offset, fast + stored).
    pub start: Field,
    /// Passage end (char offset, fast + stored).
    pub end: Field,
    /// Turn index + 1 (0 when outside any turn).
    pub turn: Field,
    /// The speaker label as written (stored).
    pub speaker: Field,
    /// The speaker's folded words (for `speaker:`).
    pub speaker_key: Field,
    /// `interviewer`, `respondent` or `unknown`.
    pub role: Field,
    /// The passage text (stored only).
    pub text: Field,
    /// The document's language code (`fr`, `en`), to pick the analyser for highlights.
    pub lang: Field,
    /// The text analysed in each language, in [`Lang::ALL`] order (`text_fr`, `text_en`…).
    pub texts: [Field; Lang::ALL.len()],
    /// Attribute words as `key=word` tokens (for `stage:`, `sector:`…).
    pub attrs: Field,
}

impl Fields {
    /// The analysed text field of a language.
    pub fn text_of(&self, lang: Lang) -> Field {
        self.texts[lang as usize]
    }

    /// Builds the schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analysed = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let fields = Fields {
            doc: b.add_text_field("doc", STRING | STORED | FAST),
            doc_key: b.add_text_field("doc_key", STRING),
            start: b.add_u64_field("start", INDEXED | STORED | FAST),
            end: b.add_u64_field("end", STORED | FAST),
            turn: b.add_u64_field("turn", STORED),
            speaker: b.add_text_field("speaker", STORED),
            speaker_key: b.add_text_field("speaker_key", analysed(WS_TOKENIZER)),
            role: b.add_text_field("role", STRING | STORED),
            text: b.add_text_field("text", STORED),
            lang: b.add_text_field("lang", STRING | STORED),
            texts: Lang::ALL.map(|l| {
                b.add_text_field(&format!("text_{}", l.code()), analysed(&l.tokenizer_name()))
            }),
            attrs: b.add_text_field("attrs", analysed(WS_TOKENIZER)),
        };
        (b.build(), fields)
    }

    /// Finds our fields in an existing index's schema; `None` when it is not ours.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let (expected, fields) = Self::schema();
        if schema.fields().count() != expected.fields().count() {
            return None;
        }
        for (field, entry) in expected.fields() {
            let found = schema.get_field(entry.name()).ok()?;
            if found != field || schema.get_field_entry(found) != entry {
                return None;
            }
        }
        Some(fields)
    }
}

/// Registers glose's analysers on an index (tokenizers are not persisted by tantivy).
pub fn register_tokenizers(index: &tantivy::Index) {
    for lang in Lang::ALL {
        index
            .tokenizers()
            .register(&lang.tokenizer_name(), lang.analyzer());
    }
    index.tokenizers().register(
        WS_TOKENIZER,
        TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
    );
}
