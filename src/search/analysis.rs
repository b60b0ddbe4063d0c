//! Text analysis: how passages and query words become index terms.
//!
//! One analyser per language, the same for indexing, querying and highlighting: split on
//! anything that is not a letter or digit (so `l’équipe` gives `l` + `équipe`), drop tokens
//! over 40 bytes, lower-case, fold accents, then stem. Folding comes BEFORE stemming:
//! Snowball's French stemmer treats accented and unaccented forms differently, and folding
//! first makes `equipe` and `équipe`, `tres` and `très` give the same term. No stop words:
//! `je`, `ne`, `pas` matter to qualitative analysis and phrases need them.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// A language the index can analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// French (Snowball French stemmer). The default.
    Fr,
    /// English (Snowball English stemmer).
    En,
}

impl Lang {
    /// Every supported language, in field order.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// Reads a language attribute (`fr`, `en`, `français`, `english`…); `None` when it is
    /// not one glose can stem.
    pub fn parse(value: &str) -> Option<Self> {
        let v = crate::text::fold(value.trim());
        match v.as_str() {
            "fr" | "fra" | "fre" | "french" | "francais" | "fr-fr" | "fr-ca" | "fr-be" => {
                Some(Lang::Fr)
            }
            "en" | "eng" | "english" | "anglais" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The short code (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The name under which the analyser is registered in the index.
    pub fn tokenizer_name(self) -> &'static str {
        match self {
            Lang::Fr => "glose_fr",
            Lang::En => "glose_en",
        }
    }

    /// Builds this language's analyser.
    pub fn analyzer(self) -> TextAnalyzer {
        let stem = match self {
            Lang::Fr => Language::French,
            Lang::En => Language::English,
        };
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(stem))
            .build()
    }

    /// The analyser without its stemmer: used for prefix queries, whose last word must
    /// not be stemmed (`influenc*` is already a stem-like prefix).
    pub fn folding_analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }
}

/// A token of analysed text: its term, its position and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// The index term (lower-cased, folded, stemmed).
    pub term: String,
    /// The token's position (word number).
    pub position: usize,
    /// Byte range of the word in the analysed text.
    pub bytes: std::ops::Range<usize>,
}

/// Runs `analyzer` over `text` and collects its tokens.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(Tok {
            term: t.text.clone(),
            position: t.position,
            bytes: t.offset_from..t.offset_to,
        });
    }
    out
}

/// The terms of `text` under `analyzer`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|t| t.term).collect()
}

/// Splits a filter value (an attribute, a speaker label) into folded words: runs of
/// letters, digits, `-`, `'` and `’`, so that `pre-launch` stays one word and does not
/// match `stage:launch`, while `sector:artisanat` matches `artisanat (vaisselle…)`.
pub fn filter_words(value: &str) -> Vec<String> {
    crate::text::fold(value)
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['-', '\'', '’']))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'"))
        .collect()
}

/// Folds an attribute name (`Sector`, `Secteur d’activité`) into a key usable in the
/// index and in queries: folded words joined by `_`.
pub fn attribute_key(name: &str) -> String {
    filter_words(name).join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> Vec<String> {
        terms(&mut Lang::Fr.analyzer(), text)
    }

    #[test]
    fn folding_makes_accents_optional() {
        assert_eq!(fr("réseaux"), fr("reseaux"));
        assert_eq!(fr("équipe"), fr("equipe"));
        assert_eq!(fr("Très"), fr("tres"));
    }

    #[test]
    fn french_stemming_joins_singular_and_plural() {
        assert_eq!(fr("communauté"), fr("communautés"));
        assert_eq!(fr("partenariat"), fr("partenariats"));
    }

    #[test]
    fn english_stemming() {
        let mut en = Lang::En.analyzer();
        assert_eq!(terms(&mut en, "communities"), terms(&mut en, "community"));
    }

    #[test]
    fn tokens_keep_byte_offsets_through_filters() {
        let text = "l’équipe Réseaux";
        let toks = tokens(&mut Lang::Fr.analyzer(), text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.bytes.clone()]).collect();
        assert_eq!(words, vec!["l", "équipe", "Réseaux"]);
    }

    #[test]
    fn filter_words_keep_hyphens() {
        assert_eq!(filter_words("Pre-Launch"), vec!["pre-launch"]);
        assert_eq!(
            filter_words("artisanat (vaisselle en céramique)"),
            vec!["artisanat", "vaisselle", "en", "ceramique"]
        );
        assert_eq!(attribute_key("Secteur d’activité"), "secteur_d'activite");
        assert_eq!(Lang::parse("Français"), Some(Lang::Fr));
        assert_eq!(Lang::parse("de"), None);
    }
}
