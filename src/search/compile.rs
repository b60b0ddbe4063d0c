//! From a parsed [`Query`] to a tantivy query, checked against the study (filter names,
//! codes, document ids) so that a typo is an error with a position, not zero hits.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, SegmentReader, Term};

use super::analysis::{Lang, attribute_key, filter_words, tokens};
use super::query::{Node, QueryError};
use super::schema::Fields;
use super::{CodedSpan, Query as GloseQuery};
use crate::study::Study;

/// Filter names that are not case attributes.
pub const BUILTIN_FILTERS: &[&str] = &["doc", "speaker", "role", "code", "coder"];

/// Everything compiling needs.
pub struct Compiler<'a> {
    /// The study (attributes, codebook, documents).
    pub study: &'a Study,
    /// The index fields.
    pub fields: Fields,
    /// Languages present in the index.
    pub langs: Vec<Lang>,
    /// The codings to apply `code:`, `coder:` and `uncoded` with.
    pub spans: &'a [CodedSpan],
}

type Boxed = Box<dyn Query>;

fn filter(q: Boxed) -> Boxed {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn all() -> Boxed {
    filter(Box::new(AllQuery))
}

fn union(mut qs: Vec<Boxed>) -> Boxed {
    if qs.len() == 1 {
        return qs.remove(0);
    }
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Terms of `text` analysed for `lang`, with their positions relative to the first.
fn analysed(lang: Lang, text: &str) -> Vec<(usize, String)> {
    let toks = tokens(&mut lang.analyzer(), text);
    let first = toks.first().map_or(0, |t| t.position);
    toks.into_iter()
        .map(|t| (t.position - first, t.term))
        .collect()
}

fn phrase(field: Field, terms: Vec<(usize, String)>, slop: u32) -> Option<Boxed> {
    let mut terms: Vec<(usize, Term)> = terms
        .into_iter()
        .map(|(p, t)| (p, Term::from_field_text(field, &t)))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.remove(0).1,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))),
    }
}

fn nothing_to_search(at: usize, text: &str) -> QueryError {
    QueryError::new(
        at,
        format!("nothing to search in `{text}`: use letters or digits"),
    )
}

impl Compiler<'_> {
    /// Compiles the query.
    pub fn compile(&self, query: &GloseQuery) -> Result<Boxed, QueryError> {
        let mut coders = Vec::new();
        let mut has_code = false;
        query.root.walk(&mut |n| match n {
            Node::Filter { key, values, .. } if key == "coder" => {
                coders.extend(values.iter().map(|v| v.to_lowercase()));
            }
            Node::Filter { key, .. } if key == "code" => has_code = true,
            Node::Uncoded { .. } => has_code = true,
            _ => {}
        });
        let ctx = Ctx { coders, has_code };
        self.node(&query.root, &ctx)
    }

    fn node(&self, node: &Node, ctx: &Ctx) -> Result<Boxed, QueryError> {
        Ok(match node {
            Node::And(children) => {
                let mut clauses = Vec::new();
                for c in children {
                    match c {
                        Node::Not(inner) => clauses.push((Occur::MustNot, self.node(inner, ctx)?)),
                        other => clauses.push((Occur::Must, self.node(other, ctx)?)),
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, all()));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(children) => {
                let qs = children
                    .iter()
                    .map(|c| self.node(c, ctx))
                    .collect::<Result<Vec<_>, _>>()?;
                union(qs)
            }
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, all()),
                (Occur::MustNot, self.node(inner, ctx)?),
            ])),
            Node::Word { text, at } => self.text_query(text, None, *at)?,
            Node::Phrase { text, slop, at } => {
                self.text_query(text, Some(slop.unwrap_or(0)), *at)?
            }
            Node::Prefix { text, at } => self.prefix_query(text, *at)?,
            Node::Filter {
                key,
                values,
                at,
                value_at,
            } => filter(self.filter(key, values, *at, *value_at, ctx)?),
            Node::Uncoded { .. } => {
                let spans = self.spans_for(None, &ctx.coders);
                filter(coded_predicate(spans, true))
            }
        })
    }

    /// A word or a phrase, in every language of the index.
    fn text_query(&self, text: &str, slop: Option<u32>, at: usize) -> Result<Boxed, QueryError> {
        let mut qs = Vec::new();
        for lang in &self.langs {
            if let Some(q) = phrase(
                self.fields.text_of(*lang),
                analysed(*lang, text),
                slop.unwrap_or(0),
            ) {
                qs.push(q);
            }
        }
        if qs.is_empty() {
            if analysed(Lang::Fr, text).is_empty() {
                return Err(nothing_to_search(at, text));
            }
            return Ok(Box::new(tantivy::query::EmptyQuery));
        }
        Ok(union(qs))
    }

    /// `influenc*`: index terms starting with the folded, unstemmed prefix. A prefix of
    /// several words (`aujourd'h*`) is a phrase whose last word is a prefix.
    fn prefix_query(&self, text: &str, at: usize) -> Result<Boxed, QueryError> {
        let folded = tokens(&mut Lang::folding_analyzer(), text);
        let Some(last) = folded.last() else {
            return Err(nothing_to_search(at, text));
        };
        let mut qs: Vec<Boxed> = Vec::new();
        for lang in &self.langs {
            let field = self.fields.text_of(*lang);
            if folded.len() == 1 {
                let pattern = format!("{}.*", regex_escape(&last.term));
                let q = RegexQuery::from_pattern(&pattern, field)
                    .map_err(|e| QueryError::new(at, format!("bad prefix: {e}")))?;
                qs.push(Box::new(q));
            } else {
                let head = text.get(..last.bytes.start).unwrap_or("");
                let mut terms: Vec<Term> = analysed(*lang, head)
                    .into_iter()
                    .map(|(_, t)| Term::from_field_text(field, &t))
                    .collect();
                terms.push(Term::from_field_text(field, &last.term));
                let mut q = PhrasePrefixQuery::new(terms);
                q.set_max_expansions(1000);
                qs.push(Box::new(q));
            }
        }
        if qs.is_empty() {
            return Ok(Box::new(tantivy::query::EmptyQuery));
        }
        Ok(union(qs))
    }

    fn filter(
        &self,
        key: &str,
        values: &[String],
        at: usize,
        value_at: usize,
        ctx: &Ctx,
    ) -> Result<Boxed, QueryError> {
        let f = self.fields;
        match key {
            "doc" => {
                let mut qs: Vec<Boxed> = Vec::new();
                for v in values {
                    let folded = crate::text::fold(v);
                    if !self
                        .study
                        .entries
                        .iter()
                        .any(|e| crate::text::fold(&e.id) == folded)
                    {
                        let hint = self.study.entry(v).err().map(|e| e.to_string());
                        return Err(QueryError::new(
                            value_at,
                            hint.unwrap_or_else(|| format!("no document {v:?}")),
                        ));
                    }
                    qs.push(Box::new(TermQuery::new(
                        Term::from_field_text(f.doc_key, &folded),
                        IndexRecordOption::Basic,
                    )));
                }
                Ok(union(qs))
            }
            "speaker" => Ok(union(self.word_phrases(
                f.speaker_key,
                "",
                values,
                value_at,
            )?)),
            "role" => {
                let mut qs: Vec<Boxed> = Vec::new();
                for v in values {
                    let role = match crate::text::fold(v).as_str() {
                        "respondent" | "repondant" | "repondante" | "enquete" | "enquetee" => {
                            "respondent"
                        }
                        "interviewer" | "intervieweur" | "intervieweuse" | "enqueteur"
                        | "enquetrice" => "interviewer",
                        "unknown" | "inconnu" => "unknown",
                        _ => {
                            return Err(QueryError::new(
                                value_at,
                                format!("unknown role {v:?}: use respondent or interviewer"),
                            ));
                        }
                    };
                    qs.push(Box::new(TermQuery::new(
                        Term::from_field_text(f.role, role),
                        IndexRecordOption::Basic,
                    )));
                }
                Ok(union(qs))
            }
            "code" => {
                let mut codes = BTreeSet::new();
                for v in values {
                    let Some(code) = self.find_code(v) else {
                        let close = self.study.codebook.suggest(v);
                        let hint = if close.is_empty() {
                            String::new()
                        } else {
                            format!(" (did you mean {}?)", close.join(", "))
                        };
                        return Err(QueryError::new(
                            value_at,
                            format!("no code {v:?} in the codebook{hint}"),
                        ));
                    };
                    codes.extend(
                        self.study
                            .codebook
                            .descendants_and_self(code)
                            .into_iter()
                            .map(str::to_string),
                    );
                }
                Ok(coded_predicate(
                    self.spans_for(Some(&codes), &ctx.coders),
                    false,
                ))
            }
            "coder" if ctx.has_code => Ok(Box::new(AllQuery)),
            "coder" => Ok(coded_predicate(self.spans_for(None, &ctx.coders), false)),
            _ => {
                let attr = attribute_key(key);
                let known = self.attribute_keys();
                if !known.contains(&attr) {
                    let mut names: Vec<&str> = BUILTIN_FILTERS.to_vec();
                    names.extend(known.iter().map(String::as_str));
                    let close: Vec<&str> = names
                        .iter()
                        .copied()
                        .filter(|n| strsim::jaro_winkler(n, &attr) > 0.8)
                        .take(2)
                        .collect();
                    let hint = if close.is_empty() {
                        format!("filters are uncoded, {}", names.join(", "))
                    } else {
                        format!("did you mean {}?", close.join(", "))
                    };
                    return Err(QueryError::new(
                        at,
                        format!("unknown filter `{key}:` ({hint})"),
                    ));
                }
                // A stage may be named by its label in either language or its id.
                let values: Vec<String> = values
                    .iter()
                    .map(|v| crate::filter::attribute_value(&self.study.codebook, &attr, v))
                    .collect();
                Ok(union(self.word_phrases(
                    f.attrs,
                    &format!("{attr}="),
                    &values,
                    value_at,
                )?))
            }
        }
    }

    /// One phrase query per value over a field of `prefix + folded word` tokens.
    fn word_phrases(
        &self,
        field: Field,
        prefix: &str,
        values: &[String],
        value_at: usize,
    ) -> Result<Vec<Boxed>, QueryError> {
        values
            .iter()
            .map(|v| {
                let words: Vec<(usize, String)> = filter_words(v)
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| (i, format!("{prefix}{w}")))
                    .collect();
                phrase(field, words, 0).ok_or_else(|| nothing_to_search(value_at, v))
            })
            .collect()
    }

    /// The code with this id (case-insensitive), or the one code with this short name or
    /// label in French or English (see [`crate::filter::resolve_code`]).
    fn find_code(&self, value: &str) -> Option<&str> {
        let cb = &self.study.codebook;
        if let Some(c) = cb.get(&value.to_lowercase()) {
            return Some(c.id.as_str());
        }
        crate::filter::resolve_code(cb, value).map(|c| c.id.as_str())
    }

    /// Attribute keys of the study (folded), for checking filter names.
    fn attribute_keys(&self) -> BTreeSet<String> {
        let mut keys: BTreeSet<String> = self
            .study
            .cases
            .columns
            .iter()
            .map(|c| attribute_key(c))
            .collect();
        for e in &self.study.entries {
            keys.extend(e.header.fields.iter().map(|(k, _)| attribute_key(k)));
        }
        keys
    }

    /// Spans of the given codes (all codes when `None`) by the given coders (all when
    /// empty), grouped by document.
    fn spans_for(&self, codes: Option<&BTreeSet<String>>, coders: &[String]) -> SpanMap {
        let mut map: HashMap<String, Vec<(u64, u64)>> = HashMap::new();
        for s in self.spans {
            if codes.is_some_and(|c| !c.contains(&s.code)) {
                continue;
            }
            if !coders.is_empty() && !coders.contains(&s.coder.to_lowercase()) {
                continue;
            }
            map.entry(s.doc.clone())
                .or_default()
                .push((s.start as u64, s.end as u64));
        }
        Arc::new(map)
    }
}

struct Ctx {
    coders: Vec<String>,
    has_code: bool,
}

type SpanMap = Arc<HashMap<String, Vec<(u64, u64)>>>;

/// Passages overlapping a span of `spans` (or, with `negate`, overlapping none).
fn coded_predicate(spans: SpanMap, negate: bool) -> Boxed {
    let factory = move |reader: &SegmentReader| {
        let ff = reader.fast_fields();
        let starts = ff.u64("start")?;
        let ends = ff.u64("end")?;
        let mut by_ord: HashMap<u64, Vec<(u64, u64)>> = HashMap::new();
        if let Some(docs) = ff.str("doc")? {
            for (id, list) in spans.iter() {
                if let Some(ord) = docs.dictionary().term_ord(id)? {
                    by_ord.insert(ord, list.clone());
                }
            }
            let ords = docs.ords().clone();
            Ok(Box::new(move |doc: DocId| {
                let touched = ords
                    .first(doc)
                    .and_then(|o| by_ord.get(&o))
                    .is_some_and(|list| {
                        let (s, e) = (starts.first(doc).unwrap_or(0), ends.first(doc).unwrap_or(0));
                        list.iter().any(|(a, b)| *a < e && s < *b)
                    });
                touched != negate
            }) as Box<dyn Fn(DocId) -> bool + Send + Sync>)
        } else {
            Ok(Box::new(move |_doc: DocId| negate) as Box<dyn Fn(DocId) -> bool + Send + Sync>)
        }
    };
    let predicate = FunctionPredicate::from(factory);
    Box::new(DocPredicateQuery::from(predicate))
}

/// Escapes a term for tantivy's regex syntax.
fn regex_escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for c in term.chars() {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
