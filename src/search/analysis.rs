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

/// Every language the index can analyse: each of tantivy's Snowball stemmers, plus
/// [`Lang::Plain`] for a language without one.
macro_rules! languages {
    ($($variant:ident $code:literal $stem:ident [$($alias:literal),*];)*) => {
        /// A language the index can analyse.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Lang {
            $(
                #[doc = concat!("`", $code, "` (Snowball ", stringify!($stem), " stemmer).")]
                $variant,
            )*
            /// A language glose has no stemmer for: folded, not stemmed.
            Plain,
        }

        impl Lang {
            /// Every language, in field order (the order of the variants).
            pub const ALL: [Lang; 19] = [$(Lang::$variant,)* Lang::Plain];

            /// The short code (`fr`, `en`…; `plain` for [`Lang::Plain`]).
            pub fn code(self) -> &'static str {
                match self {
                    $(Lang::$variant => $code,)*
                    Lang::Plain => "plain",
                }
            }

            fn stemmer(self) -> Option<Language> {
                match self {
                    $(Lang::$variant => Some(Language::$stem),)*
                    Lang::Plain => None,
                }
            }

            /// Reads a language attribute (`fr`, `de`, `français`, `german`, `de-AT`…);
            /// `None` when it is not one glose can stem.
            pub fn parse(value: &str) -> Option<Self> {
                let v = crate::text::fold(value.trim()).replace('_', "-");
                // A region or script tag does not change the stemmer: `pt-BR` is `pt`.
                let base = v.split('-').next().unwrap_or("");
                $(
                    if [$code, $($alias),*].contains(&v.as_str())
                        || [$code, $($alias),*].contains(&base)
                    {
                        return Some(Lang::$variant);
                    }
                )*
                None
            }
        }
    };
}

languages! {
    Fr "fr" French ["fra", "fre", "french", "francais"];
    En "en" English ["eng", "english", "anglais"];
    Ar "ar" Arabic ["ara", "arabic", "arabe"];
    Da "da" Danish ["dan", "danish", "danois", "dansk"];
    Nl "nl" Dutch ["nld", "dut", "dutch", "neerlandais", "nederlands"];
    Fi "fi" Finnish ["fin", "finnish", "finnois", "suomi"];
    De "de" German ["deu", "ger", "german", "allemand", "deutsch"];
    El "el" Greek ["ell", "gre", "greek", "grec"];
    Hu "hu" Hungarian ["hun", "hungarian", "hongrois", "magyar"];
    It "it" Italian ["ita", "italian", "italien", "italiano"];
    No "no" Norwegian ["nor", "nob", "nb", "nn", "nno", "norwegian", "norvegien", "norsk"];
    Pt "pt" Portuguese ["por", "portuguese", "portugais", "portugues"];
    Ro "ro" Romanian ["ron", "rum", "romanian", "roumain", "romana"];
    Ru "ru" Russian ["rus", "russian", "russe"];
    Es "es" Spanish ["spa", "spanish", "espagnol", "espanol"];
    Sv "sv" Swedish ["swe", "swedish", "suedois", "svenska"];
    Ta "ta" Tamil ["tam", "tamil", "tamoul"];
    Tr "tr" Turkish ["tur", "turkish", "turc", "turkce"];
}

impl Lang {
    /// The language a document is analysed in: its `language` attribute when glose can
    /// stem it, [`Lang::Plain`] when it names another language.
    pub fn for_document(value: &str) -> Self {
        Self::parse(value).unwrap_or(Lang::Plain)
    }

    /// The language of a stored code ([`Lang::code`]), as written in the index.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The codes of the languages glose can stem, for messages.
    pub fn supported_codes() -> String {
        let codes: Vec<&str> = Self::ALL
            .into_iter()
            .filter(|l| l.stemmer().is_some())
            .map(|l| l.code())
            .collect();
        codes.join(", ")
    }

    /// The name under which the analyser is registered in the index.
    pub fn tokenizer_name(self) -> String {
        format!("glose_{}", self.code())
    }

    /// Builds this language's analyser (without a stemmer for [`Lang::Plain`]).
    pub fn analyzer(self) -> TextAnalyzer {
        match self.stemmer() {
            Some(stem) => TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(stem))
                .build(),
            None => Self::folding_analyzer(),
        }
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

/// The documents whose `language` attribute names a language glose cannot stem, as
/// (document id, language as written): they are indexed without stemming.
pub fn unstemmed_documents(study: &crate::study::Study) -> Vec<(String, String)> {
    study
        .entries
        .iter()
        .filter_map(|e| {
            let lang = study.attribute(&e.id, "language")?;
            (Lang::for_document(lang) == Lang::Plain).then(|| (e.id.clone(), lang.to_string()))
        })
        .collect()
}

/// The warning for a document in a language without a stemmer.
pub fn unstemmed_warning(lang: &str) -> String {
    format!(
        "language {lang:?} has no stemmer in glose: this transcript is searched without \
         stemming (exact words, accents folded); stemmers exist for {}",
        Lang::supported_codes()
    )
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

/// The index's analyser for one language, for code outside `src/search` that needs the
/// same terms the index holds (the suggestion models): only `src/search` sees tantivy.
pub struct TermAnalyser(TextAnalyzer);

impl TermAnalyser {
    /// The analyser the index uses for `lang` (folding, then stemming).
    pub fn new(lang: Lang) -> Self {
        Self(lang.analyzer())
    }

    /// The tokens of `text`: terms, positions and byte ranges.
    pub fn tokens(&mut self, text: &str) -> Vec<Tok> {
        tokens(&mut self.0, text)
    }

    /// The terms of `text`, in order.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        terms(&mut self.0, text)
    }
}

impl std::fmt::Debug for TermAnalyser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TermAnalyser")
    }
}

/// The language a document of `study` is analysed in: its `language` attribute, else the
/// study's (the same choice the index makes).
pub fn document_lang(study: &crate::study::Study, doc: &str) -> Lang {
    let default = Lang::parse(&study.config.language).unwrap_or(Lang::Fr);
    study
        .attribute(doc, "language")
        .map_or(default, Lang::for_document)
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
    fn term_analyser_gives_the_index_terms() {
        let mut a = TermAnalyser::new(Lang::Fr);
        assert_eq!(a.terms("Les communautés"), fr("les communauté"));
        assert_eq!(a.tokens("l’équipe")[1].bytes, 4..11);
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
        assert_eq!(Lang::parse("de"), Some(Lang::De));
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::parse("Deutsch"), Some(Lang::De));
        assert_eq!(Lang::parse("ja"), None);
        assert_eq!(Lang::for_document("ja"), Lang::Plain);
    }

    #[test]
    fn every_language_has_a_distinct_code_and_analyser() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            if lang != Lang::Plain {
                assert_eq!(Lang::parse(lang.code()), Some(lang));
            }
        }
        let mut de = Lang::De.analyzer();
        assert_eq!(terms(&mut de, "Häuser"), terms(&mut de, "hauser"));
        let mut da = Lang::Da.analyzer();
        assert_eq!(terms(&mut da, "forskerne"), terms(&mut da, "forskeren"));
        let mut es = Lang::Es.analyzer();
        assert_eq!(terms(&mut es, "empresas"), terms(&mut es, "empresa"));
        // Without a stemmer, folding only.
        let mut plain = Lang::Plain.analyzer();
        assert_eq!(terms(&mut plain, "Cafés"), vec!["cafes"]);
    }
}
