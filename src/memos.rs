//! Memos of a study: listing them with filters (documents, codes, coders, words of the
//! text), coding memos shown with the quote they are about; and the one rule for memo
//! text (line ends), applied wherever a memo is set.

use serde::Serialize;

use crate::codebook::Codebook;
use crate::filter::Filter;
use crate::store::{AllCodings, Coding, Memo, MemoTarget};
use crate::text::fold;

/// What a memo is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MemoAbout {
    /// A document.
    Document {
        /// The document id.
        doc: String,
    },
    /// A code.
    Code {
        /// The code id.
        code: String,
    },
    /// A coding, with the text it codes.
    Coding {
        /// The coding id.
        id: String,
        /// The document id.
        doc: String,
        /// The code id.
        code: String,
        /// Char offsets in the document's body.
        start: usize,
        /// End offset (exclusive).
        end: usize,
        /// The coded text (the coding's anchor quote).
        quote: String,
    },
}

/// One memo of a study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemoEntry {
    /// Who wrote it.
    pub coder: String,
    /// What it is about (`target` in JSON).
    #[serde(rename = "target")]
    pub about: MemoAbout,
    /// The text.
    pub text: String,
    /// When it last changed.
    pub modified: jiff::Timestamp,
}

/// Which memos: `filter` keeps memos on its documents (document memos and coding memos
/// there), on its codes and their descendants (code memos and coding memos), by its
/// coders; `words`, when given, keeps memos whose text holds it (case and accents do not
/// matter).
#[derive(Debug, Clone, Default)]
pub struct MemoQuery {
    /// Documents, codes and coders.
    pub filter: Filter,
    /// Words the text must hold.
    pub words: Option<String>,
}

/// The memos of `all` that `query` keeps: document and code memos first (by target, then
/// coder), then coding memos by document and position.
pub fn list_memos(all: &AllCodings, codebook: &Codebook, query: &MemoQuery) -> Vec<MemoEntry> {
    let memos = all.memos.iter().map(|(coder, m)| (coder.as_str(), m));
    let entries = gather(&all.codings, memos);
    let kept = select(&entries, codebook, query);
    let mut keep = vec![false; entries.len()];
    for i in kept {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
    }
    entries
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect()
}

/// Every memo among `codings` (those with a memo) and `memos` (with their coder), in the
/// order [`list_memos`] gives.
pub fn gather<'a>(
    codings: impl IntoIterator<Item = &'a Coding>,
    memos: impl IntoIterator<Item = (&'a str, &'a Memo)>,
) -> Vec<MemoEntry> {
    let mut out: Vec<MemoEntry> = memos
        .into_iter()
        .map(|(coder, m)| MemoEntry {
            coder: coder.to_string(),
            about: match &m.target {
                MemoTarget::Doc(d) => MemoAbout::Document { doc: d.clone() },
                MemoTarget::Code(c) => MemoAbout::Code { code: c.clone() },
            },
            text: m.text.clone(),
            modified: m.modified,
        })
        .collect();
    out.sort_by(|a, b| (target_key(&a.about), &a.coder).cmp(&(target_key(&b.about), &b.coder)));
    let mut with_memo: Vec<&Coding> = codings.into_iter().filter(|c| has_memo(c)).collect();
    with_memo.sort_by(|a, b| (a.sort_key(), &a.coder).cmp(&(b.sort_key(), &b.coder)));
    out.extend(with_memo.into_iter().map(|c| MemoEntry {
        coder: c.coder.clone(),
        about: MemoAbout::Coding {
            id: c.id.clone(),
            doc: c.doc.clone(),
            code: c.code.clone(),
            start: c.start,
            end: c.end,
            quote: c.anchor.quote.clone(),
        },
        text: c.memo.clone().unwrap_or_default(),
        modified: c.modified,
    }));
    out
}

/// Whether a coding carries a memo (a blank one does not count).
pub fn has_memo(coding: &Coding) -> bool {
    coding.memo.as_deref().is_some_and(|m| !m.trim().is_empty())
}

/// The positions in `entries` of the memos `query` keeps, in order.
pub fn select(entries: &[MemoEntry], codebook: &Codebook, query: &MemoQuery) -> Vec<usize> {
    let f = &query.filter;
    let codes: Option<Vec<&str>> = f.codes.as_ref().map(|list| {
        list.iter()
            .flat_map(|c| codebook.descendants_and_self(c))
            .collect()
    });
    let keeps_code = |code: &str| codes.as_ref().is_none_or(|cs| cs.contains(&code));
    let words = query
        .words
        .as_deref()
        .map(fold)
        .filter(|w| !w.trim().is_empty());
    let keeps_text = |text: &str| words.as_ref().is_none_or(|w| fold(text).contains(w.trim()));
    let keeps = |e: &MemoEntry| {
        f.keeps_coder(&e.coder)
            && keeps_text(&e.text)
            && match &e.about {
                MemoAbout::Document { doc } => codes.is_none() && f.keeps_doc(doc),
                MemoAbout::Code { code } => f.docs.is_none() && keeps_code(code),
                MemoAbout::Coding { doc, code, .. } => f.keeps_doc(doc) && keeps_code(code),
            }
    };
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| keeps(e))
        .map(|(i, _)| i)
        .collect()
}

/// The documents, codes and coders memos are about or by (each sorted, once): what a
/// browser's filters can choose from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Documents with a memo (on the document or on a coding there).
    pub docs: Vec<String>,
    /// Codes with a memo (on the code or on a coding of it).
    pub codes: Vec<String>,
    /// Coders who wrote memos.
    pub coders: Vec<String>,
}

/// The facets of `entries`.
pub fn facets(entries: &[MemoEntry]) -> Facets {
    let mut docs = std::collections::BTreeSet::new();
    let mut codes = std::collections::BTreeSet::new();
    let mut coders = std::collections::BTreeSet::new();
    for e in entries {
        coders.insert(e.coder.clone());
        match &e.about {
            MemoAbout::Document { doc } => {
                docs.insert(doc.clone());
            }
            MemoAbout::Code { code } => {
                codes.insert(code.clone());
            }
            MemoAbout::Coding { doc, code, .. } => {
                docs.insert(doc.clone());
                codes.insert(code.clone());
            }
        }
    }
    Facets {
        docs: docs.into_iter().collect(),
        codes: codes.into_iter().collect(),
        coders: coders.into_iter().collect(),
    }
}

/// The documents that have a memo among `codings` and `memos` (on the document, or on a
/// coding there): where the documents list shows a mark.
pub fn documents_with_memos<'a>(
    codings: impl IntoIterator<Item = &'a Coding>,
    memos: impl IntoIterator<Item = &'a Memo>,
) -> std::collections::HashSet<String> {
    let on_docs = memos.into_iter().filter_map(|m| match &m.target {
        MemoTarget::Doc(d) => Some(d.clone()),
        MemoTarget::Code(_) => None,
    });
    codings
        .into_iter()
        .filter(|c| has_memo(c))
        .map(|c| c.doc.clone())
        .chain(on_docs)
        .collect()
}

fn target_key(about: &MemoAbout) -> (u8, &str) {
    match about {
        MemoAbout::Document { doc } => (0, doc),
        MemoAbout::Code { code } => (1, code),
        MemoAbout::Coding { id, .. } => (2, id),
    }
}

/// Memo text as stored: line ends are `\n` (a pasted `\r\n` or lone `\r`, as terminals
/// paste, becomes `\n`).
pub fn normalize_memo_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Anchor;

    fn coding(coder: &str, doc: &str, code: &str, memo: &str) -> Coding {
        let t = jiff::Timestamp::UNIX_EPOCH;
        Coding {
            id: format!("{coder}-{doc}-{code}"),
            doc: doc.into(),
            code: code.into(),
            start: 3,
            end: 9,
            memo: Some(memo.into()),
            created: t,
            modified: t,
            anchor: Anchor {
                quote: "le devis".into(),
                prefix: String::new(),
                suffix: String::new(),
                doc_hash: String::new(),
            },
            selection_name: None,
            suggested: None,
            coder: coder.into(),
        }
    }

    fn memo(target: MemoTarget, text: &str) -> Memo {
        let t = jiff::Timestamp::UNIX_EPOCH;
        Memo {
            id: text.into(),
            target,
            text: text.into(),
            created: t,
            modified: t,
        }
    }

    fn sample() -> (AllCodings, Codebook) {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let all = AllCodings {
            codings: vec![
                coding("ana", "E01", "stage.growth", "Phase de croissance ?"),
                coding("bob", "E02", "role.sales", "Vente directe"),
            ],
            memos: vec![
                (
                    "ana".into(),
                    memo(MemoTarget::Doc("E01".into()), "Entretien riche"),
                ),
                (
                    "bob".into(),
                    memo(MemoTarget::Code("stage".into()), "Étapes floues"),
                ),
            ],
            coders: vec!["ana".into(), "bob".into()],
            problems: Vec::new(),
        };
        (all, study.codebook)
    }

    fn about(list: &[MemoEntry]) -> Vec<String> {
        list.iter()
            .map(|m| match &m.about {
                MemoAbout::Document { doc } => format!("doc {doc}"),
                MemoAbout::Code { code } => format!("code {code}"),
                MemoAbout::Coding {
                    doc, code, quote, ..
                } => format!("{code} {doc} «{quote}»"),
            })
            .collect()
    }

    #[test]
    fn memos_by_document_code_coder_and_words() {
        let (all, cb) = sample();
        let list = |docs: &[&str], coders: &[&str], codes: &[&str], words: Option<&str>| {
            let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            let query = MemoQuery {
                filter: Filter::from_lists(&v(docs), &v(coders), &v(codes)),
                words: words.map(str::to_string),
            };
            about(&list_memos(&all, &cb, &query))
        };
        assert_eq!(
            list(&[], &[], &[], None),
            [
                "doc E01",
                "code stage",
                "stage.growth E01 «le devis»",
                "role.sales E02 «le devis»"
            ]
        );
        assert_eq!(
            list(&["E01"], &[], &[], None),
            ["doc E01", "stage.growth E01 «le devis»"]
        );
        // A code keeps its descendants' codings.
        assert_eq!(
            list(&[], &[], &["stage"], None),
            ["code stage", "stage.growth E01 «le devis»"]
        );
        assert_eq!(
            list(&[], &["bob"], &[], None),
            ["code stage", "role.sales E02 «le devis»"]
        );
        assert_eq!(list(&[], &[], &[], Some("etapes")), ["code stage"]);
        assert_eq!(
            list(&[], &[], &[], Some("CROISSANCE")),
            ["stage.growth E01 «le devis»"]
        );
    }

    #[test]
    fn facets_and_documents_with_memos() {
        let (all, _) = sample();
        let memos = all.memos.iter().map(|(c, m)| (c.as_str(), m));
        let entries = gather(&all.codings, memos);
        let f = facets(&entries);
        assert_eq!(f.docs, ["E01", "E02"]);
        assert_eq!(f.codes, ["role.sales", "stage", "stage.growth"]);
        assert_eq!(f.coders, ["ana", "bob"]);
        let mut blank = all.codings[1].clone();
        blank.doc = "E09".into();
        blank.memo = Some("  ".into());
        let docs = documents_with_memos(
            all.codings.iter().chain([&blank]),
            all.memos.iter().map(|(_, m)| m),
        );
        let mut docs: Vec<_> = docs.into_iter().collect();
        docs.sort();
        // A blank memo is no memo.
        assert_eq!(docs, ["E01", "E02"]);
    }

    #[test]
    fn pasted_carriage_returns_become_line_feeds() {
        assert_eq!(
            normalize_memo_text("un\r\ndeux\rtrois\n"),
            "un\ndeux\ntrois\n"
        );
        assert_eq!(
            normalize_memo_text("sans fin de ligne"),
            "sans fin de ligne"
        );
    }
}
