//! Which documents, coders and codes a command looks at: the one filter both doors parse
//! their flags into. `None` means "no restriction" (every one, or the use case's default:
//! the agreement's default coders, for instance); a list is a restriction.
//!
//! The use cases' own selections ([`crate::agreement::select::Selection`],
//! [`crate::export::Selection`]) are built from a filter, so that `--docs`, `--coders`
//! and `--codes` mean the same thing in every command.

use crate::codebook::{Code, Codebook};
use crate::text::fold;

/// Which documents, coders and codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these documents.
    pub docs: Option<Vec<String>>,
    /// Only these coders.
    pub coders: Option<Vec<String>>,
    /// Only these codes (with their descendants where the use case says so).
    pub codes: Option<Vec<String>>,
}

impl Filter {
    /// The filter of lists as flags give them (comma-separated or repeated): an empty list
    /// is no restriction; blank items and repeats are dropped, order is kept.
    pub fn from_lists(docs: &[String], coders: &[String], codes: &[String]) -> Filter {
        Filter {
            docs: restriction(docs),
            coders: restriction(coders),
            codes: restriction(codes),
        }
    }

    /// Whether document `id` passes.
    pub fn keeps_doc(&self, id: &str) -> bool {
        self.docs.as_ref().is_none_or(|d| d.iter().any(|x| x == id))
    }

    /// Whether coder `name` passes.
    pub fn keeps_coder(&self, name: &str) -> bool {
        self.coders
            .as_ref()
            .is_none_or(|c| c.iter().any(|x| x == name))
    }
}

/// The code a filter value names: its id, or else the one code whose short name, French
/// label or English label it is (case and accents do not matter: `croissance`, `Growth`,
/// `growth` and `stage.growth` all name `stage.growth`). `None` when no code or several
/// match.
pub fn resolve_code<'a>(codebook: &'a Codebook, value: &str) -> Option<&'a Code> {
    resolve_among(codebook.tree_order(), value)
}

/// The stage a filter value names, as [`resolve_code`] but among the stage group's
/// children only.
pub fn resolve_stage<'a>(codebook: &'a Codebook, value: &str) -> Option<&'a Code> {
    let group = codebook.stage_group()?;
    resolve_among(codebook.children(&group.id).collect(), value)
}

/// The value of attribute `key` a filter value stands for: for `stage`, the stage's short
/// name as cases.csv writes it (`growth` for `croissance`, `Growth` or `stage.growth`);
/// any other value as given.
pub fn attribute_value(codebook: &Codebook, key: &str, value: &str) -> String {
    if crate::text::fold(key.trim()) == "stage"
        && let Some(stage) = resolve_stage(codebook, value)
    {
        return stage.short_name().to_string();
    }
    value.to_string()
}

/// A documents filter typed by a person (the TUI's documents pane): every word must
/// hold. `key=value` compares one attribute as [`crate::retrieval::attributes_match`]
/// does, a stage named by its id, French or English label (`stage=croissance`); a bare
/// word is a substring of the document's id, attribute values or stage labels (the
/// caller's folded haystack, see [`Haystacks::of`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocQuery {
    /// `key=value` words, the value as cases.csv writes it, folded.
    attrs: Vec<String>,
    /// Bare words, folded.
    bare: Vec<String>,
}

impl DocQuery {
    /// Parses the typed text.
    pub fn parse(codebook: &Codebook, text: &str) -> DocQuery {
        let mut q = DocQuery::default();
        for word in text.split_whitespace() {
            match word.split_once('=') {
                Some((k, v)) => q
                    .attrs
                    .push(fold(&format!("{k}={}", attribute_value(codebook, k, v)))),
                None => q.bare.push(fold(word)),
            }
        }
        q
    }

    /// Whether nothing is asked.
    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.bare.is_empty()
    }

    /// Whether a document matches: `haystack` from [`Haystacks::of`], `attrs` its
    /// attributes (asked only when a `key=value` word needs them).
    pub fn matches(
        &self,
        haystack: &str,
        attrs: impl FnOnce() -> std::collections::BTreeMap<String, String>,
    ) -> bool {
        if !self.bare.iter().all(|w| haystack.contains(w.as_str())) {
            return false;
        }
        self.attrs.is_empty() || crate::retrieval::attributes_match(&attrs(), &self.attrs.join(" "))
    }
}

/// The folded text a documents filter's bare words search in, for the documents of one
/// study: each stage value's labels are looked up once, not once per document.
#[derive(Debug)]
pub struct Haystacks<'a> {
    codebook: &'a Codebook,
    /// A stage value -> its labels in both languages, when it names a stage.
    stages: rustc_hash::FxHashMap<String, Option<[String; 2]>>,
}

impl<'a> Haystacks<'a> {
    /// For documents of a study with this codebook.
    pub fn new(codebook: &'a Codebook) -> Self {
        Self {
            codebook,
            stages: Default::default(),
        }
    }

    /// The haystack of document `id` with these attributes: the id, every attribute value
    /// and, for the stage, its labels in both languages (`growth Croissance Growth`).
    pub fn of(&mut self, id: &str, attrs: &std::collections::BTreeMap<String, String>) -> String {
        let mut hay = id.to_string();
        for (k, v) in attrs {
            hay.push(' ');
            hay.push_str(v);
            if fold(k) != "stage" {
                continue;
            }
            let codebook = self.codebook;
            let labels = self.stages.entry(v.clone()).or_insert_with(|| {
                resolve_stage(codebook, v).map(|s| [s.label_fr.clone(), s.label_en.clone()])
            });
            for label in labels.iter().flatten() {
                hay.push(' ');
                hay.push_str(label);
            }
        }
        fold(&hay)
    }
}

fn resolve_among<'a>(codes: Vec<&'a Code>, value: &str) -> Option<&'a Code> {
    let wanted = fold(value.trim());
    if wanted.is_empty() {
        return None;
    }
    if let Some(c) = codes.iter().find(|c| fold(&c.id) == wanted) {
        return Some(c);
    }
    let mut named = codes.into_iter().filter(|c| {
        [c.short_name(), c.label_fr.as_str(), c.label_en.as_str()]
            .into_iter()
            .any(|n| fold(n.trim()) == wanted)
    });
    match (named.next(), named.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Filters of the query language taken from a study's own data, to show a person what
/// to type: a respondent's speaker label from the first transcripts, a stage as the study's
/// language names it, a top-level code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryExamples {
    /// `speaker:Fondatrice`.
    pub speaker: Option<String>,
    /// `stage:croissance`.
    pub stage: Option<String>,
    /// `code:practice`.
    pub code: Option<String>,
}

impl QueryExamples {
    /// The examples as query filters (`speaker:Fondatrice stage:croissance code:practice`
    /// filters, in that order), with `role:respondent` when no speaker label was found.
    pub fn filters(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(c) = &self.code {
            out.push(format!("code:{c}"));
        }
        if let Some(s) = &self.stage {
            out.push(format!("stage:{s}"));
        }
        match &self.speaker {
            Some(s) => out.push(format!("speaker:{s}")),
            None => out.push("role:respondent".to_string()),
        }
        out
    }
}

/// How many transcripts [`query_examples`] reads at most to find a speaker label.
const EXAMPLE_DOCS: usize = 3;

/// Query filters a person can type in this study (see [`QueryExamples`]). Reads at most a
/// few transcripts; a label or stage with a space is left out (it would need quotes).
pub fn query_examples(study: &crate::study::Study) -> QueryExamples {
    let one_word = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
    let speaker = study
        .entries
        .iter()
        .take(EXAMPLE_DOCS)
        .filter_map(|e| study.load_document(&e.id).ok())
        .find_map(|doc| {
            doc.turns
                .iter()
                .find(|t| t.role == crate::document::Role::Respondent && one_word(&t.speaker))
                .map(|t| t.speaker.clone())
        });
    let cb = &study.codebook;
    let lang = study.config.language.as_str();
    let stage = cb.stage_group().and_then(|g| {
        let stages: Vec<&Code> = cb.children(&g.id).collect();
        let named = |own: bool| {
            move |c: &&Code| {
                let label = fold(c.label(lang));
                (one_word(&label) && (!own || label != c.short_name())).then_some(label)
            }
        };
        // A later stage in the study's own words reads best (`croissance`, not
        // `pre-launch`, nor `consolidation`, which is the same in both languages).
        stages
            .iter()
            .rev()
            .find_map(named(true))
            .or_else(|| stages.iter().rev().find_map(named(false)))
            .or_else(|| stages.first().map(|c| c.short_name().to_string()))
    });
    let code = cb
        .tree_order()
        .into_iter()
        .find(|c| {
            c.parent.is_none() && Some(c.id.as_str()) != cb.stage_group().map(|g| g.id.as_str())
        })
        .map(|c| c.id.clone());
    QueryExamples {
        speaker,
        stage,
        code,
    }
}

/// `None` for an empty list, else the trimmed, non-blank, first-seen items.
fn restriction(items: &[String]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|x| x == item) {
            out.push(item.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// An optional list as a flat one (empty for none), for selections that keep lists.
pub(crate) fn or_empty(list: &Option<Vec<String>>) -> Vec<String> {
    list.clone().unwrap_or_default()
}

/// The codings `filter` keeps (its codes with their descendants), sorted by document,
/// place, code and coder: what `glose code list` prints.
pub fn select_codings<'a>(
    filter: &Filter,
    codebook: &Codebook,
    codings: &'a [crate::store::Coding],
) -> Vec<&'a crate::store::Coding> {
    let codes: Option<Vec<&str>> = filter.codes.as_ref().map(|ids| {
        ids.iter()
            .flat_map(|id| codebook.descendants_and_self(id))
            .collect()
    });
    let mut kept: Vec<&crate::store::Coding> = codings
        .iter()
        .filter(|c| filter.keeps_doc(&c.doc) && filter.keeps_coder(&c.coder))
        .filter(|c| {
            codes
                .as_ref()
                .is_none_or(|ids| ids.contains(&c.code.as_str()))
        })
        .collect();
    kept.sort_by(|x, y| (x.sort_key(), &x.coder).cmp(&(y.sort_key(), &y.coder)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn empty_lists_do_not_restrict_and_lists_do() {
        let f = Filter::from_lists(&[], &v(&["alice", " bob", "alice", ""]), &v(&[""]));
        assert_eq!(f.docs, None);
        assert_eq!(f.coders, Some(v(&["alice", "bob"])));
        assert_eq!(f.codes, None);
        assert!(f.keeps_doc("E01"));
        assert!(f.keeps_coder("bob") && !f.keeps_coder("carol"));
    }

    /// The agreement's and the export's selections mean the same by one filter.
    #[test]
    fn both_selections_read_one_filter_alike() {
        let f = Filter::from_lists(&v(&["E01"]), &v(&["alice", "bob"]), &[]);
        let agreement = crate::agreement::select::Selection::from_filter(&f);
        let export = crate::export::Selection::from_filter(&f, false);
        assert_eq!(agreement.filter(), f);
        assert_eq!(export.filter(), f);
        assert_eq!(agreement.docs, Some(v(&["E01"])));
        assert_eq!(export.docs, v(&["E01"]));
        assert!(export.codes.is_empty() && agreement.codes.is_none());
    }

    /// Stage and code values in French, in English or as ids, on the sample study's
    /// codebook (the repository root).
    #[test]
    fn stage_and_code_labels_in_either_language_and_ids() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let cb = &study.codebook;
        for v in [
            "croissance",
            "Croissance",
            "Growth",
            "growth",
            "stage.growth",
        ] {
            assert_eq!(
                resolve_stage(cb, v).map(|c| c.id.as_str()),
                Some("stage.growth")
            );
            assert_eq!(attribute_value(cb, "stage", v), "growth");
        }
        assert_eq!(
            attribute_value(cb, "stage", "avant le lancement"),
            "pre-launch"
        );
        assert_eq!(attribute_value(cb, "sector", "Croissance"), "Croissance");
        assert_eq!(attribute_value(cb, "stage", "later"), "later");
        assert_eq!(
            resolve_code(cb, "Coulisses et quotidien").map(|c| c.id.as_str()),
            Some("practice.community.behind-the-scenes")
        );
        assert_eq!(
            resolve_code(cb, "behind the scenes").map(|c| c.id.as_str()),
            Some("practice.community.behind-the-scenes")
        );
        assert!(resolve_code(cb, "nothing like this").is_none());
    }

    /// The sample study is French: its examples are its own speaker label and a stage in
    /// French, each of which the query language accepts.
    #[test]
    fn query_examples_come_from_the_study() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let ex = query_examples(&study);
        let speaker = ex.speaker.clone().unwrap();
        assert_ne!(speaker.to_lowercase(), "founder");
        let doc = study.load_document(&study.entries[0].id).unwrap();
        assert!(doc.turns.iter().any(|t| t.speaker == speaker));
        let stage = ex.stage.clone().unwrap();
        assert!(resolve_stage(&study.codebook, &stage).is_some(), "{stage}");
        assert_ne!(attribute_value(&study.codebook, "stage", &stage), stage);
        assert_eq!(ex.code.as_deref(), Some("practice"));
        let filters = ex.filters();
        assert_eq!(filters[0], "code:practice");
        for f in &filters {
            assert!(crate::search::parse_query(f).is_ok(), "{f}");
        }
    }

    #[test]
    fn codings_are_selected_by_document_coder_and_code_tree() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let all = crate::store::load_all(&study);
        let filter = Filter {
            docs: Some(vec!["E01".into()]),
            coders: Some(vec!["coder-a".into()]),
            codes: Some(vec!["practice".into()]),
        };
        let kept = select_codings(&filter, &study.codebook, &all.codings);
        assert!(!kept.is_empty());
        assert!(kept.iter().all(|c| c.doc == "E01" && c.coder == "coder-a"));
        assert!(kept.iter().all(|c| c.code.starts_with("practice")));
        assert!(kept.iter().any(|c| c.code != "practice"), "children count");
        assert!(kept.windows(2).all(|w| w[0].start <= w[1].start));
        let every = select_codings(&Filter::default(), &study.codebook, &all.codings);
        assert_eq!(every.len(), all.codings.len());
    }
}

#[cfg(test)]
mod doc_query_tests {
    use super::*;
    use std::collections::BTreeMap;

    /// One `Haystacks` over many documents gives each the haystack it would have alone:
    /// a stage looked up for one document is not carried to another.
    #[test]
    fn haystacks_of_many_documents_are_each_documents_own() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let cb = &study.codebook;
        let doc = |stage: &str| -> BTreeMap<String, String> {
            [("stage".to_string(), stage.to_string())].into()
        };
        let docs = [
            ("E01", doc("growth")),
            ("E02", doc("launch")),
            ("E03", doc("growth")),
            ("E04", doc("not a stage")),
            ("E05", BTreeMap::new()),
        ];
        let mut many = Haystacks::new(cb);
        for (id, attrs) in &docs {
            assert_eq!(many.of(id, attrs), Haystacks::new(cb).of(id, attrs), "{id}");
        }
        assert!(many.of("E02", &docs[1].1).contains("lancement"));
        assert!(!many.of("E02", &docs[1].1).contains("croissance"));
    }

    #[test]
    fn a_documents_filter_names_stages_in_either_language_or_by_id() {
        let study =
            crate::study::Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let cb = &study.codebook;
        let attrs: BTreeMap<String, String> = [
            ("company".to_string(), "Trame".to_string()),
            ("stage".to_string(), "growth".to_string()),
        ]
        .into();
        let hay = Haystacks::new(cb).of("E11", &attrs);
        let yes = |t: &str| DocQuery::parse(cb, t).matches(&hay, || attrs.clone());
        for t in [
            "stage=croissance",
            "stage=Growth",
            "stage=stage.growth",
            "croissance",
            "croiss",
            "trame stage=croissance",
            "",
        ] {
            assert!(yes(t), "{t}");
        }
        for t in [
            "stage=lancement",
            "stage=launch",
            "lancement",
            "company=other",
        ] {
            assert!(!yes(t), "{t}");
        }
    }
}
