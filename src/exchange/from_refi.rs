//! A REFI-QDA project as the files of a new glose study.
//!
//! | REFI-QDA | glose |
//! |---|---|
//! | text `TextSource` | `corpus/<id>.txt`, id from its name, header `id` and `title` |
//! | code tree | the codebook ([`super::codes`]) |
//! | `Coding` of a selection (or of a whole source) | a coding in its user's coder file; identical spans of one code by one user merge into one coding |
//! | `Note` on a coding or selection / source / code | the coding's memo / a document memo / a code memo |
//! | source and case variables | columns of `corpus/cases.csv` |
//!
//! Offsets were already converted by [`crate::refi`]; every coding's quote is checked
//! again against the transcript as glose will read it, and what does not fit is reported
//! and left out, never shifted.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cases::{CaseRow, Cases};
use crate::codebook::Codebook;
use crate::config::StudyConfig;
use crate::document::Document;
use crate::refi::offsets::{name_matches, slice_chars};
use crate::refi::{self, Guid, Note, QdaProject, Value, WarningKind};
use crate::store::{CoderFile, Coding, Memo, MemoTarget, make_anchor, new_id, now};

use super::codes::{map_tree, split_flat_paths};
use super::ids::{coder_name, doc_id, one_line, stable_guid, unique};
use super::new_study::{NewDocument, NewStudy};
use super::warning;

/// The header key keeping a source's name in the other tool when it differs from the
/// document id (`ICLS 2024 3-10` for `ICLS-2024-3-10`); exports use it as the name.
pub const SOURCE_NAME: &str = "source-name";

/// Coder of codings and notes that name no user.
pub const FALLBACK_CODER: &str = "imported";

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Boolean(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Date(d) => d.to_string(),
        Value::DateTime(t) => t.to_string(),
    }
}

/// Memo texts gathered per (coder, target) before they become memos.
/// One note's text, with its source GUID and date.
type MemoPiece = (Guid, String, Option<jiff::Timestamp>);

#[derive(Default)]
struct Memos {
    by_target: BTreeMap<(String, MemoTarget), Vec<MemoPiece>>,
}

/// Builds the new study from `p`; `name` is used when the project has none.
pub fn project_to_study(
    p: &QdaProject,
    name: &str,
    language: &str,
) -> (NewStudy, Vec<refi::Warning>) {
    let mut warnings = Vec::new();
    let labels = StudyConfig::default().interviewer_labels();

    // Users become coders.
    let mut used_coders = HashSet::new();
    let mut coders: HashMap<Guid, String> = HashMap::new();
    for u in &p.users {
        let base = coder_name(&u.name).unwrap_or_else(|| "user".to_string());
        coders.insert(u.guid.clone(), unique(&base, &mut used_coders));
    }
    let default_coder = p
        .creating_user
        .as_ref()
        .and_then(|g| coders.get(g).cloned())
        .unwrap_or_else(|| FALLBACK_CODER.to_string());
    let coder_of = |g: Option<&Guid>| -> String {
        g.and_then(|g| coders.get(g).cloned())
            .unwrap_or_else(|| default_coder.clone())
    };

    // Codes.
    let tree = split_flat_paths(&p.codes, &mut warnings);
    let mapped = map_tree(&tree, language, &mut HashSet::new());
    let notes: HashMap<&Guid, &Note> = p.notes.iter().map(|n| (&n.guid, n)).collect();
    let mut used_notes: HashSet<Guid> = HashSet::new();
    let mut memos = Memos::default();
    let note_text = |g: &Guid,
                     used: &mut HashSet<Guid>|
     -> Option<(String, Option<Guid>, Option<jiff::Timestamp>)> {
        let n = notes.get(g)?;
        used.insert(g.clone());
        let text = if !n.text.trim().is_empty() {
            n.text.clone()
        } else if let Some(d) = n.description.as_ref().filter(|d| !d.trim().is_empty()) {
            d.clone()
        } else {
            n.name.clone()
        };
        Some((text, n.creating_user.clone(), n.creation_date))
    };
    for (guid, name) in &mapped.duplicates {
        warnings.push(refi::Warning::new(
            WarningKind::DataLoss,
            Some(guid),
            format!(
                "two codes share the GUID {guid}: {name:?} is not imported, and codings that refer to this GUID go to the first code"
            ),
        ));
    }
    let mut code_memo_texts: HashMap<&str, Vec<String>> = HashMap::new();
    for (code, refs) in &mapped.notes {
        for g in refs {
            if let Some((text, user, date)) = note_text(g, &mut used_notes) {
                code_memo_texts.entry(code).or_default().push(text.clone());
                memos
                    .by_target
                    .entry((coder_of(user.as_ref()), MemoTarget::Code(code.clone())))
                    .or_default()
                    .push((g.clone(), text, date));
            }
        }
    }
    // A tool that keeps descriptions but drops notes (QualCoder) still brings the memos
    // glose wrote in a code's description back.
    for (code, text) in &mapped.described_memos {
        let known = code_memo_texts
            .get(code.as_str())
            .cloned()
            .unwrap_or_default();
        if !repeats(text, &known) {
            memos
                .by_target
                .entry((default_coder.clone(), MemoTarget::Code(code.clone())))
                .or_default()
                .push((stable_guid("code-memo", code), text.clone(), None));
        }
    }

    // Documents and codings.
    let mut used_docs: HashSet<String> = HashSet::new();
    let mut documents = Vec::new();
    let mut attrs: Vec<BTreeMap<String, String>> = Vec::new();
    let mut doc_of_source: HashMap<&Guid, usize> = HashMap::new();
    let mut doc_of_name: HashMap<String, usize> = HashMap::new();
    let mut codings: Vec<Coding> = Vec::new();
    let mut seen: HashMap<(String, usize, usize, String, String), usize> = HashMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let var_names: HashMap<&Guid, String> = p
        .variables
        .iter()
        .map(|v| {
            let n = one_line(&v.name);
            let n = if n.is_empty() || n == "id" {
                format!("variable-{n}")
            } else {
                n
            };
            (&v.guid, n)
        })
        .collect();
    for s in &p.sources {
        if s.text.trim().is_empty() {
            warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(&s.guid),
                format!(
                    "source {:?} has no text: not imported ({} selections)",
                    s.name,
                    s.selections.len()
                ),
            ));
            continue;
        }
        let base = doc_id(&s.name);
        // Unique ignoring case, so that files do not collide on macOS or Windows.
        let mut id = base.clone();
        let mut n = 2;
        while used_docs.contains(&id.to_lowercase()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used_docs.insert(id.to_lowercase());
        let mut a = BTreeMap::new();
        for vv in &s.variable_values {
            match (var_names.get(&vv.variable), &vv.value) {
                (Some(n), Some(v)) => {
                    a.insert(n.clone(), value_text(v));
                }
                (Some(_), None) => {}
                (None, _) => warnings.push(refi::Warning::new(
                    WarningKind::InvalidValue,
                    Some(&vv.variable),
                    format!("value of an undefined variable on {:?}: ignored", s.name),
                )),
            }
        }
        let title = a.get("title").cloned().unwrap_or_else(|| one_line(&s.name));
        let mut header = vec![("title".to_string(), one_line(&title))];
        if let Some(l) = a.get("language") {
            header.push(("language".to_string(), one_line(l)));
        }
        // The name the other tool gave the source, for the next export.
        if one_line(&s.name) != id && !one_line(&s.name).is_empty() {
            header.push((SOURCE_NAME.to_string(), one_line(&s.name)));
        }
        if one_line(&title) != title {
            a.insert("title".to_string(), one_line(&title));
        }
        let nd = NewDocument {
            id: id.clone(),
            header,
            body: s.text.clone(),
        };
        let doc = Document::parse(
            &id,
            Path::new(&format!("{id}.txt")),
            &nd.file_text(),
            &labels,
        );
        if doc.text != s.text {
            warnings.push(refi::Warning::new(
                WarningKind::Selection,
                Some(&s.guid),
                format!("the text of {:?} changes when glose reads it back; its codings are checked one by one", s.name),
            ));
        }
        doc_of_source.insert(&s.guid, documents.len());
        doc_of_name
            .entry(s.name.trim().to_string())
            .or_insert(documents.len());

        let mut merged = 0;
        let mut add = |start: usize,
                       end: usize,
                       cr: &refi::CodeRef,
                       user: Option<&Guid>,
                       date: Option<jiff::Timestamp>,
                       memo: Vec<String>,
                       selection_name: Option<&str>,
                       warnings: &mut Vec<refi::Warning>| {
            let Some(code) = mapped.by_guid.get(&cr.code_guid) else {
                warnings.push(refi::Warning::new(
                    WarningKind::DataLoss,
                    Some(&cr.guid),
                    format!(
                        "coding in {:?} refers to no code of the codebook: not imported",
                        s.name
                    ),
                ));
                return;
            };
            let coder = coder_of(cr.creating_user.as_ref().or(user));
            let quote = slice_chars(&s.text, start, end);
            if doc.slice(start..end) != quote {
                warnings.push(refi::Warning::new(
                    WarningKind::Selection,
                    Some(&cr.guid),
                    format!("coding of {code} at {start}..{end} in {:?} does not fit the text glose reads: not imported", s.name),
                ));
                return;
            }
            let key = (id.clone(), start, end, code.clone(), coder.clone());
            let memo = distinct_memos(memo);
            if let Some(&i) = seen.get(&key) {
                merged += 1;
                if let Some(c) = codings.get_mut(i) {
                    for m in memo {
                        let joined = match c.memo.take() {
                            Some(old) if !old.contains(&m) => format!("{old}\n\n{m}"),
                            Some(old) => old,
                            None => m,
                        };
                        c.memo = Some(joined);
                    }
                }
                return;
            }
            let cid = cr.guid.to_string();
            let cid = if used_ids.insert(cid.clone()) {
                cid
            } else {
                warnings.push(refi::Warning::new(
                    WarningKind::InvalidValue,
                    Some(&cr.guid),
                    format!(
                        "coding GUID {cid} is used twice (coding of {code} at {start}..{end} in {:?}): imported under a new id",
                        s.name
                    ),
                ));
                new_id()
            };
            let created = cr.creation_date.or(date).unwrap_or_else(now);
            seen.insert(key, codings.len());
            codings.push(Coding {
                id: cid,
                doc: id.clone(),
                code: code.clone(),
                start,
                end,
                memo: (!memo.is_empty()).then(|| memo.join("\n\n")),
                created,
                modified: created,
                anchor: make_anchor(&doc, start..end),
                selection_name: selection_name.filter(|n| !n.is_empty()).map(str::to_string),
                suggested: None,
                coder,
            });
        };
        for sel in &s.selections {
            let quote = slice_chars(&s.text, sel.start, sel.end);
            if sel.start >= sel.end {
                warnings.push(refi::Warning::new(
                    WarningKind::Selection,
                    Some(&sel.guid),
                    format!(
                        "empty selection at {} in {:?}: not imported",
                        sel.start, s.name
                    ),
                ));
                continue;
            }
            if sel.name.chars().count() >= 3
                && !sel.name.starts_with("line:")
                && !name_matches(&sel.name, &quote)
            {
                warnings.push(refi::Warning::new(
                    WarningKind::Selection,
                    Some(&sel.guid),
                    format!("selection {}..{} in {:?} is named {:?} but its text is {:?}; kept at these offsets", sel.start, sel.end, s.name, sel.name, quote),
                ));
            }
            let mut sel_memo: Vec<String> = sel.description.iter().cloned().collect();
            for g in &sel.note_refs {
                if let Some((t, _, _)) = note_text(g, &mut used_notes) {
                    sel_memo.push(t);
                }
            }
            if sel.codings.is_empty() {
                if !sel_memo.is_empty() {
                    let coder = coder_of(sel.creating_user.as_ref());
                    memos
                        .by_target
                        .entry((coder, MemoTarget::Doc(id.clone())))
                        .or_default()
                        .push((
                            sel.guid.clone(),
                            format!("«{}» {}", quote, sel_memo.join("\n\n")),
                            sel.creation_date,
                        ));
                    warnings.push(refi::Warning::new(
                        WarningKind::Tolerated,
                        Some(&sel.guid),
                        format!(
                            "comment on an uncoded segment of {:?} kept in the document memo",
                            s.name
                        ),
                    ));
                }
                continue;
            }
            for (i, cr) in sel.codings.iter().enumerate() {
                let mut memo = if i == 0 { sel_memo.clone() } else { Vec::new() };
                for g in &cr.note_refs {
                    if let Some((t, _, _)) = note_text(g, &mut used_notes) {
                        memo.push(t);
                    }
                }
                add(
                    sel.start,
                    sel.end,
                    cr,
                    sel.creating_user.as_ref(),
                    sel.creation_date,
                    memo,
                    Some(&sel.name),
                    &mut warnings,
                );
            }
        }
        let len = doc.char_len();
        for cr in &s.codings {
            let mut memo = Vec::new();
            for g in &cr.note_refs {
                if let Some((t, _, _)) = note_text(g, &mut used_notes) {
                    memo.push(t);
                }
            }
            add(
                0,
                len,
                cr,
                s.creating_user.as_ref(),
                s.creation_date,
                memo,
                None,
                &mut warnings,
            );
        }
        if merged > 0 {
            warnings.push(refi::Warning::new(
                WarningKind::Tolerated,
                Some(&s.guid),
                format!("{merged} codings of {:?} repeat a span, code and user (NVivo writes one selection per coding): merged", s.name),
            ));
        }
        let mut doc_memos = Vec::new();
        for g in &s.note_refs {
            if let Some((text, user, date)) = note_text(g, &mut used_notes) {
                doc_memos.push(text.clone());
                memos
                    .by_target
                    .entry((coder_of(user.as_ref()), MemoTarget::Doc(id.clone())))
                    .or_default()
                    .push((g.clone(), text, date));
            }
        }
        // QualCoder writes a document's memo as the source's Description; glose writes
        // both, so a Description that repeats the notes is not a second memo.
        if let Some(d) = s.description.as_ref().filter(|d| !d.trim().is_empty())
            && !repeats(d, &doc_memos)
        {
            memos
                .by_target
                .entry((
                    coder_of(s.creating_user.as_ref()),
                    MemoTarget::Doc(id.clone()),
                ))
                .or_default()
                .push((s.guid.clone(), d.clone(), s.creation_date));
        }
        documents.push(nd);
        attrs.push(a);
    }

    // Cases and their variables.
    for case in &p.cases {
        let mut docs: Vec<usize> = case
            .source_refs
            .iter()
            .filter_map(|g| doc_of_source.get(g).copied())
            .collect();
        // QualCoder re-exports cases without SourceRef; each case is named after its document.
        if docs.is_empty()
            && case.source_refs.is_empty()
            && let Some(&i) = case.name.as_deref().and_then(|n| doc_of_name.get(n.trim()))
        {
            warnings.push(refi::Warning::new(
                WarningKind::Tolerated,
                Some(&case.guid),
                format!(
                    "case {:?} refers to no source: matched by name to the source of the same name",
                    case.name.as_deref().unwrap_or("")
                ),
            ));
            docs.push(i);
        }
        if docs.is_empty() {
            if !case.variable_values.is_empty() || case.name.is_some() {
                warnings.push(refi::Warning::new(
                    WarningKind::DataLoss,
                    Some(&case.guid),
                    format!(
                        "case {:?} has no imported document: its variables are not kept",
                        case.name.as_deref().unwrap_or("")
                    ),
                ));
            }
            continue;
        }
        if !case.selection_refs.is_empty() || !case.code_refs.is_empty() {
            warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(&case.guid),
                "case selections and case codes are not kept (glose cases are whole documents)",
            ));
        }
        for i in docs {
            let (Some(a), Some(d)) = (attrs.get_mut(i), documents.get(i)) else {
                continue;
            };
            if let Some(n) = case
                .name
                .as_ref()
                .map(|n| one_line(n))
                .filter(|n| !n.is_empty())
                && n != d.id
                && doc_id(&n) != d.id
            {
                let cell = a.entry("case".to_string()).or_default();
                if !cell.is_empty() {
                    cell.push(';');
                }
                cell.push_str(&n);
            }
            for vv in &case.variable_values {
                let (Some(n), Some(v)) = (var_names.get(&vv.variable), vv.value.as_ref()) else {
                    continue;
                };
                let v = value_text(v);
                match a.get(n) {
                    Some(old) if *old != v => warnings.push(refi::Warning::new(
                        WarningKind::InvalidValue,
                        Some(&case.guid),
                        format!(
                            "{} has {n} = {old:?} and {v:?} (from its case): kept {old:?}",
                            d.id
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        a.insert(n.clone(), v);
                    }
                }
            }
        }
    }
    let mut columns: Vec<String> = Vec::new();
    for v in &p.variables {
        if let Some(n) = var_names.get(&v.guid)
            && attrs.iter().any(|a| a.contains_key(n))
            && !columns.contains(n)
        {
            columns.push(n.clone());
        }
    }
    for a in &attrs {
        for k in a.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let cases = Cases::from_rows(
        PathBuf::from("corpus/cases.csv"),
        columns,
        documents
            .iter()
            .zip(attrs)
            .enumerate()
            .map(|(i, (d, values))| CaseRow {
                id: d.id.clone(),
                values,
                line: i + 2,
            })
            .collect(),
    );

    // Notes nobody refers to, and what glose has no place for.
    let loose: Vec<&str> = p
        .notes
        .iter()
        .filter(|n| !used_notes.contains(&n.guid))
        .map(|n| n.name.as_str())
        .collect();
    if !loose.is_empty() {
        warnings.push(warning(
            WarningKind::DataLoss,
            format!(
                "{} notes are attached to the project, a case or nothing glose keeps: not imported ({})",
                loose.len(),
                loose.join(", ")
            ),
        ));
    }
    if !p.sets.is_empty() {
        warnings.push(warning(
            WarningKind::DataLoss,
            format!(
                "{} sets (code and document groups) are not imported: glose has no sets",
                p.sets.len()
            ),
        ));
    }

    // Coder files.
    let mut files: BTreeMap<String, CoderFile> = BTreeMap::new();
    // Every user becomes a coder, with or without codings, so a re-export keeps them.
    for coder in coders.values() {
        files.entry(coder.clone()).or_insert_with(|| CoderFile {
            coder: coder.clone(),
            ..CoderFile::default()
        });
    }
    for c in codings {
        files
            .entry(c.coder.clone())
            .or_insert_with(|| CoderFile {
                coder: c.coder.clone(),
                ..CoderFile::default()
            })
            .codings
            .push(c);
    }
    for ((coder, target), texts) in memos.by_target {
        let first = texts
            .first()
            .map(|(g, _, _)| g.to_string())
            .unwrap_or_else(new_id);
        let id = if used_ids.insert(first.clone()) {
            first
        } else {
            new_id()
        };
        let created = texts
            .iter()
            .filter_map(|(_, _, d)| *d)
            .min()
            .unwrap_or_else(now);
        let text = texts
            .into_iter()
            .map(|(_, t, _)| t)
            .collect::<Vec<_>>()
            .join("\n\n");
        files
            .entry(coder.clone())
            .or_insert_with(|| CoderFile {
                coder: coder.clone(),
                ..CoderFile::default()
            })
            .memos
            .push(Memo {
                id,
                target,
                text,
                created,
                modified: created,
            });
    }
    let mut coder_files: Vec<CoderFile> = files.into_values().collect();
    for f in &mut coder_files {
        f.sort();
    }

    let study_name = if p.name.trim().is_empty() {
        name.to_string()
    } else {
        one_line(&p.name)
    };
    let codebook_name = p
        .description
        .as_deref()
        .and_then(|d| d.strip_prefix("Codebook: "))
        .map(one_line)
        .unwrap_or_else(|| study_name.clone());
    let config = StudyConfig {
        name: study_name,
        language: language.to_string(),
        ..StudyConfig::default()
    };
    let study = NewStudy {
        config,
        codebook: Codebook::from_codes(&codebook_name, mapped.codes),
        documents,
        cases,
        coder_files,
    };
    (study, warnings)
}

/// The memos of one coding, without empty ones and without repeats: glose (and other
/// tools) write the same memo in a `Description` and in a `Note`.
fn distinct_memos(memos: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in memos {
        if m.trim().is_empty() || out.iter().any(|o| o.trim() == m.trim()) {
            continue;
        }
        out.push(m);
    }
    let all: Vec<String> = out.clone();
    out.into_iter()
        .enumerate()
        .filter(|(i, m)| {
            let others: Vec<String> = all
                .iter()
                .enumerate()
                .filter(|(j, _)| j != i)
                .map(|(_, o)| o.clone())
                .collect();
            others.len() < 2 || !repeats(m, &others)
        })
        .map(|(_, m)| m)
        .collect()
}

/// Whether `description` only repeats `memos` (one of them, or all joined as glose writes them).
fn repeats(description: &str, memos: &[String]) -> bool {
    let d = description.trim();
    memos.iter().any(|m| m.trim() == d) || (!memos.is_empty() && memos.join("\n\n").trim() == d)
}
