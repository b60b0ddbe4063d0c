//! The passages the assistants rank, and their TF-IDF vectors over the index's own terms.
//!
//! Every transcript is cut into units (sentences or speaker turns, as the document model
//! finds them); each unit's text goes through the index's analyser (folding, stemming:
//! [`crate::search::TermAnalyser`]) and becomes a vector of sublinear term frequency times
//! smoothed inverse document frequency (`1 + ln tf` times `ln((1 + N) / (1 + df)) + 1`,
//! N the number of units), scaled to unit length. The corpus is the text only: no coder's
//! file is read here.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use crate::document::Document;
use crate::search::{Lang, TermAnalyser, document_lang};
use crate::study::{Study, StudyError};

use super::postings::Postings;
use super::vector::SparseVec;

/// What a passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A sentence (never crossing a paragraph).
    #[default]
    Sentence,
    /// A speaker turn, without its label.
    Turn,
}

impl Unit {
    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Sentence => "sentence",
            Unit::Turn => "turn",
        }
    }

    /// The char ranges of this unit in `doc`, empty ones left out.
    pub fn ranges(self, doc: &Document) -> Vec<Range<usize>> {
        match self {
            Unit::Sentence => doc.sentences.clone(),
            Unit::Turn => doc.turns.iter().map(|t| t.content.clone()).collect(),
        }
        .into_iter()
        .filter(|r| r.start < r.end)
        .collect()
    }
}

/// One passage of the corpus.
#[derive(Debug, Clone)]
pub struct Passage {
    /// The document id.
    pub doc: String,
    /// Char range in the document's normalised body.
    pub range: Range<usize>,
    /// Its text.
    pub text: String,
    /// Its TF-IDF vector, unit length (empty when the text has no word).
    pub vector: SparseVec,
}

/// Every passage of the study, with the vocabulary of their terms.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The unit the passages are.
    pub unit: Unit,
    /// The passages, document by document in corpus order, then by position.
    pub passages: Vec<Passage>,
    /// Term of each term id.
    pub terms: Vec<String>,
    /// The passages of each document, as an index range into `passages`.
    pub by_doc: BTreeMap<String, Range<usize>>,
    /// Inverse document frequency of each term id.
    pub idf: Vec<f64>,
    langs: HashMap<String, Lang>,
    ids: HashMap<String, u32>,
    /// The inverted index of the passage vectors, built on first use ([`Corpus::postings`]).
    postings: OnceLock<Postings>,
}

impl Corpus {
    /// Cuts and analyses every transcript of `study`, from the transcripts themselves (no
    /// cache: see [`Corpus::open`]).
    pub fn build(study: &Study, unit: Unit) -> Result<Self, StudyError> {
        let mut vocab = Vocabulary::default();
        let mut analysers = Analysers::default();
        let mut docs = Vec::with_capacity(study.entries.len());
        for e in &study.entries {
            let doc = study.load_document(&e.id)?;
            let lang = document_lang(study, &e.id);
            docs.push(analyse(&doc, lang, unit, analysers.get(lang), &mut vocab));
        }
        Ok(assemble(unit, &vocab, docs))
    }

    /// [`Corpus::build`] through the passage cache under `.glose/cache/suggest/`: the
    /// documents whose file is unchanged since the cache was written are not read again,
    /// the others are cut and analysed and the cache is rewritten. The result is the same
    /// as [`Corpus::build`]'s, whatever the cache holds.
    pub fn open(study: &Study, unit: Unit) -> Result<Self, StudyError> {
        super::cache::open(study, unit)
    }

    /// Cuts and analyses `docs` (each with the language it is analysed in).
    pub fn from_documents(docs: &[(Document, Lang)], unit: Unit) -> Self {
        let mut vocab = Vocabulary::default();
        let mut analysers = Analysers::default();
        let analysed: Vec<Analysed> = docs
            .iter()
            .map(|(doc, lang)| analyse(doc, *lang, unit, analysers.get(*lang), &mut vocab))
            .collect();
        assemble(unit, &vocab, analysed)
    }

    /// The passages holding each term, built on first use and kept (the passages are not
    /// changed once the corpus is assembled): worth it for a corpus that answers many
    /// similar-passages queries, as the TUI's assistant does (about 0.6 s and 200 MB at
    /// 2,000 interviews, then about 1 ms to 40 ms a query instead of 65 ms).
    pub fn postings(&self) -> &Postings {
        self.postings
            .get_or_init(|| Postings::of(&self.passages, self.terms.len()))
    }

    /// The postings if [`Corpus::postings`] built them already (a single query is
    /// answered faster by a scan than by building them).
    pub fn built_postings(&self) -> Option<&Postings> {
        self.postings.get()
    }

    /// Number of distinct terms.
    pub fn dim(&self) -> usize {
        self.terms.len()
    }

    /// The passages of `doc` (empty for an unknown document).
    pub fn doc_passages(&self, doc: &str) -> Range<usize> {
        self.by_doc.get(doc).cloned().unwrap_or(0..0)
    }

    /// The vector of any text, analysed as a passage of `doc` (terms the corpus does not
    /// know are left out).
    pub fn vectorize(&self, doc: &str, text: &str) -> SparseVec {
        let lang = self.langs.get(doc).copied().unwrap_or(Lang::Fr);
        let mut tf: BTreeMap<u32, u32> = BTreeMap::new();
        for term in TermAnalyser::new(lang).terms(text) {
            if let Some(&id) = self.ids.get(&term) {
                *tf.entry(id).or_default() += 1;
            }
        }
        SparseVec(
            tf.into_iter()
                .map(|(t, c)| (t, (1.0 + f64::from(c).ln()) * self.idf[t as usize]))
                .collect(),
        )
        .normalized()
    }

    /// The words of a passage as written, for each of `term_ids` (the first occurrence of
    /// the term; the stem itself when the passage does not hold it).
    pub fn surface_words(&self, passage: &Passage, term_ids: &[u32]) -> Vec<String> {
        let lang = self.langs.get(&passage.doc).copied().unwrap_or(Lang::Fr);
        let tokens = TermAnalyser::new(lang).tokens(&passage.text);
        term_ids
            .iter()
            .map(|&id| {
                let term = self.terms.get(id as usize).map_or("", String::as_str);
                tokens
                    .iter()
                    .find(|t| t.term == term)
                    .and_then(|t| passage.text.get(t.bytes.clone()))
                    .unwrap_or(term)
                    .to_lowercase()
            })
            .collect()
    }
}

/// Terms and their ids, in the order they were first met.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    pub(crate) terms: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// The id of `term`, added when new.
    pub(crate) fn id(&mut self, term: String) -> u32 {
        let next = self.terms.len() as u32;
        *self.ids.entry(term).or_insert_with_key(|t| {
            self.terms.push(t.clone());
            next
        })
    }
}

/// One analyser per language, made once.
#[derive(Default)]
pub(crate) struct Analysers(HashMap<Lang, TermAnalyser>);

impl Analysers {
    pub(crate) fn get(&mut self, lang: Lang) -> &mut TermAnalyser {
        self.0
            .entry(lang)
            .or_insert_with(|| TermAnalyser::new(lang))
    }
}

/// One passage cut and analysed, before weighting: what the cache keeps.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawPassage {
    pub(crate) range: Range<usize>,
    pub(crate) text: String,
    /// (term id in the vocabulary, count), in the order the terms first occur.
    pub(crate) tf: Vec<(u32, u32)>,
}

/// One document's passages, analysed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Analysed {
    pub(crate) doc: String,
    pub(crate) lang: Lang,
    pub(crate) passages: Vec<RawPassage>,
}

/// Cuts `doc` into `unit`s and counts each one's analysed terms.
pub(crate) fn analyse(
    doc: &Document,
    lang: Lang,
    unit: Unit,
    analyser: &mut TermAnalyser,
    vocab: &mut Vocabulary,
) -> Analysed {
    let passages = unit
        .ranges(doc)
        .into_iter()
        .map(|range| {
            let text = doc.slice(range.clone()).to_string();
            let mut tf: Vec<(u32, u32)> = Vec::new();
            for term in analyser.terms(&text) {
                let id = vocab.id(term);
                match tf.iter_mut().find(|(t, _)| *t == id) {
                    Some((_, c)) => *c += 1,
                    None => tf.push((id, 1)),
                }
            }
            RawPassage { range, text, tf }
        })
        .collect();
    Analysed {
        doc: doc.id.clone(),
        lang,
        passages,
    }
}

/// The corpus id of each vocabulary id (`u32::MAX`: unused): terms are numbered in the
/// order they first occur in `docs`, so the corpus does not depend on the vocabulary's
/// history (a cache's leftovers).
pub(crate) fn canonical_ids(vocab: &Vocabulary, docs: &[Analysed]) -> Vec<u32> {
    let mut remap = vec![u32::MAX; vocab.terms.len()];
    let mut next = 0u32;
    for p in docs.iter().flat_map(|a| &a.passages) {
        for &(old, _) in &p.tf {
            if let Some(slot) = remap.get_mut(old as usize).filter(|s| **s == u32::MAX) {
                *slot = next;
                next += 1;
            }
        }
    }
    remap
}

/// The terms in corpus order, for ids from [`canonical_ids`].
pub(crate) fn canonical_terms(vocab: &Vocabulary, remap: &[u32]) -> Vec<String> {
    let mut terms = vec![String::new(); remap.iter().filter(|&&r| r != u32::MAX).count()];
    for (old, &new) in remap.iter().enumerate() {
        if let Some(slot) = terms.get_mut(new as usize) {
            slot.clone_from(&vocab.terms[old]);
        }
    }
    terms
}

/// Weights the analysed documents into a corpus, with the term ids of [`canonical_ids`].
pub(crate) fn assemble(unit: Unit, vocab: &Vocabulary, docs: Vec<Analysed>) -> Corpus {
    let remap = canonical_ids(vocab, &docs);
    let mut corpus = Corpus {
        unit,
        terms: canonical_terms(vocab, &remap),
        ..Corpus::default()
    };
    corpus.ids = corpus
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u32))
        .collect();
    let mut df: Vec<u32> = vec![0; corpus.terms.len()];
    let mut counts: Vec<Vec<(u32, u32)>> = Vec::new();
    for a in docs {
        corpus.langs.insert(a.doc.clone(), a.lang);
        let first = corpus.passages.len();
        for p in a.passages {
            let mut tf: Vec<(u32, u32)> =
                p.tf.iter()
                    .filter_map(|&(old, c)| Some((*remap.get(old as usize)?, c)))
                    .filter(|&(t, _)| t != u32::MAX)
                    .collect();
            for &(t, _) in &tf {
                df[t as usize] += 1;
            }
            tf.sort_unstable_by_key(|&(t, _)| t);
            counts.push(tf);
            corpus.passages.push(Passage {
                doc: a.doc.clone(),
                range: p.range,
                text: p.text,
                vector: SparseVec::default(),
            });
        }
        corpus.by_doc.insert(a.doc, first..corpus.passages.len());
    }
    let n = corpus.passages.len() as f64;
    corpus.idf = df
        .iter()
        .map(|&d| ((1.0 + n) / (1.0 + f64::from(d))).ln() + 1.0)
        .collect();
    for (p, tf) in corpus.passages.iter_mut().zip(counts) {
        p.vector = SparseVec(
            tf.into_iter()
                .map(|(t, c)| (t, (1.0 + f64::from(c).ln()) * corpus.idf[t as usize]))
                .collect(),
        )
        .normalized();
    }
    corpus
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A corpus of small French documents, one sentence per line.
    pub(crate) fn corpus_of(docs: &[(&str, &str)], unit: Unit) -> Corpus {
        let docs: Vec<(Document, Lang)> = docs
            .iter()
            .map(|(id, text)| {
                (
                    Document::parse(id, std::path::Path::new("x.txt"), text, &[]),
                    Lang::Fr,
                )
            })
            .collect();
        Corpus::from_documents(&docs, unit)
    }

    #[test]
    fn passages_share_stemmed_folded_terms() {
        let c = corpus_of(
            &[
                ("A", "Les communautés grandissent.\n\nLa communauté achète."),
                ("B", "Rien à voir."),
            ],
            Unit::Sentence,
        );
        assert_eq!(c.passages.len(), 3);
        assert_eq!(c.doc_passages("A"), 0..2);
        assert_eq!(c.doc_passages("Z"), 0..0);
        let (a0, a1, b0) = (&c.passages[0], &c.passages[1], &c.passages[2]);
        assert!(a0.vector.cosine(&a1.vector) > 0.0);
        assert_eq!(a0.vector.cosine(&b0.vector), 0.0);
        assert!((a0.vector.norm() - 1.0).abs() < 1e-12);
        let shared: Vec<u32> = a0.vector.shared(&a1.vector).iter().map(|s| s.0).collect();
        assert!(
            c.surface_words(a0, &shared)
                .contains(&"communautés".to_string())
        );
        // A rarer term weighs more: "grandissent" (1 passage) over "communauté" (2).
        let weight = |v: &SparseVec, word: &str| {
            let id = c.ids[&TermAnalyser::new(Lang::Fr).terms(word)[0]];
            v.0.iter().find(|(t, _)| *t == id).map_or(0.0, |x| x.1)
        };
        assert!(weight(&a0.vector, "grandissent") > weight(&a0.vector, "communautés"));
        assert_eq!(c.vectorize("A", "communauté inconnue").0.len(), 1);
    }
}
