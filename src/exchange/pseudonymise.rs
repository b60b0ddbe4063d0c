//! `corpus/pseudonyms.csv` applied to a REFI-QDA project before it leaves glose.
//!
//! Every text of the project goes through [`crate::export::pseudonyms`]: transcripts and
//! their header values, selection names, memos and descriptions, code names and
//! definitions, case values, the project's name. A source uses the rules of its
//! document; a memo on a coding or a document uses the rules of that document; everything
//! else (codes, code and project memos) only the rules listed for every document.
//!
//! Names and pseudonyms differ in length, so every selection is moved to the
//! pseudonymised text: its new text is exactly what `export segments` shows for the
//! same span (a name cut by the span's edge is replaced whole). After replacement the
//! whole project is scanned for every listed real name ([`leaks`]).

use std::collections::HashMap;

use crate::export::pseudonyms::{DocPseudonyms, Leak, Pseudonyms};
use crate::refi::{Guid, QdaProject, TextSource, Value, Warning, WarningKind};

/// Replaces the listed real names in `project`. `doc_of` gives the glose document id of
/// each source (by GUID); sources without one use the rules listed for every document.
/// Returns the selections that could not be placed exactly (none in practice).
pub fn pseudonymise_project(
    project: &mut QdaProject,
    pseudonyms: &Pseudonyms,
    doc_of: &HashMap<Guid, String>,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let global = pseudonyms.for_doc("");
    let mut note_doc: HashMap<Guid, String> = HashMap::new();
    for s in &mut project.sources {
        let doc = doc_of.get(&s.guid).cloned().unwrap_or_default();
        let rules = pseudonyms.for_doc(&doc);
        for g in s
            .note_refs
            .iter()
            .chain(s.selections.iter().flat_map(|sel| {
                sel.note_refs
                    .iter()
                    .chain(sel.codings.iter().flat_map(|c| &c.note_refs))
            }))
        {
            note_doc.insert(g.clone(), doc.clone());
        }
        pseudonymise_source(s, &rules, &mut warnings);
    }
    for n in &mut project.notes {
        let doc = note_doc.get(&n.guid).map_or("", String::as_str);
        let rules = pseudonyms.for_doc(doc);
        replace(&mut n.text, &rules);
        replace(&mut n.name, &rules);
        replace_opt(&mut n.description, &rules);
    }
    let case_doc: HashMap<&Guid, &String> = doc_of.iter().collect();
    for c in &mut project.cases {
        let doc = c
            .source_refs
            .iter()
            .find_map(|g| case_doc.get(g).map(|d| d.as_str()))
            .unwrap_or("");
        let rules = pseudonyms.for_doc(doc);
        if let Some(name) = &mut c.name {
            replace(name, &rules);
        }
        replace_opt(&mut c.description, &rules);
        for vv in &mut c.variable_values {
            replace_value(&mut vv.value, &rules);
        }
    }
    let mut stack: Vec<&mut crate::refi::Code> = project.codes.iter_mut().collect();
    while let Some(code) = stack.pop() {
        replace(&mut code.name, &global);
        replace_opt(&mut code.description, &global);
        stack.extend(code.children.iter_mut());
    }
    for set in &mut project.sets {
        replace(&mut set.name, &global);
        replace_opt(&mut set.description, &global);
    }
    replace(&mut project.name, &global);
    replace_opt(&mut project.description, &global);
    warnings
}

/// The codes of a codebook (names and definitions) with the rules listed for every document.
pub fn pseudonymise_codes(codes: &mut [crate::refi::Code], pseudonyms: &Pseudonyms) {
    let global = pseudonyms.for_doc("");
    let mut stack: Vec<&mut crate::refi::Code> = codes.iter_mut().collect();
    while let Some(code) = stack.pop() {
        replace(&mut code.name, &global);
        replace_opt(&mut code.description, &global);
        stack.extend(code.children.iter_mut());
    }
}

fn replace(s: &mut String, rules: &DocPseudonyms<'_>) {
    if let std::borrow::Cow::Owned(new) = rules.apply(s) {
        *s = new;
    }
}

fn replace_opt(s: &mut Option<String>, rules: &DocPseudonyms<'_>) {
    if let Some(s) = s {
        replace(s, rules);
    }
}

fn replace_value(v: &mut Option<Value>, rules: &DocPseudonyms<'_>) {
    if let Some(Value::Text(t)) = v {
        replace(t, rules);
    }
}

/// Pseudonymises one source and moves its selections onto the new text.
fn pseudonymise_source(s: &mut TextSource, rules: &DocPseudonyms<'_>, warnings: &mut Vec<Warning>) {
    replace(&mut s.name, rules);
    replace_opt(&mut s.description, rules);
    for vv in &mut s.variable_values {
        replace_value(&mut vv.value, rules);
    }
    for sel in &mut s.selections {
        replace_opt(&mut sel.description, rules);
    }
    let std::borrow::Cow::Owned(new_text) = rules.apply(&s.text) else {
        return;
    };
    let bounds: Vec<usize> = s
        .selections
        .iter()
        .flat_map(|sel| [sel.start, sel.end])
        .collect();
    let map = OffsetMap::new(&s.text, rules, &bounds);
    let new_chars: Vec<usize> = new_text.char_indices().map(|(i, _)| i).collect();
    let byte_at = |c: usize| new_chars.get(c).copied().unwrap_or(new_text.len());
    let old_bytes: Vec<usize> = s.text.char_indices().map(|(i, _)| i).collect();
    let old_byte_at = |c: usize| old_bytes.get(c).copied().unwrap_or(s.text.len());
    for sel in &mut s.selections {
        let expected = rules.apply_span(&s.text, old_byte_at(sel.start)..old_byte_at(sel.end));
        let (mut a, mut b) = (map.start(sel.start), map.end(sel.end));
        if new_text.get(byte_at(a)..byte_at(b)) != Some(expected.as_str()) {
            // The fast path disagrees with the matcher; place the span by the slow path.
            a = slow_start(&s.text, rules, old_byte_at(sel.start));
            b = a + expected.chars().count();
            if new_text.get(byte_at(a)..byte_at(b)) != Some(expected.as_str()) {
                warnings.push(Warning::new(
                    WarningKind::Selection,
                    Some(&sel.guid),
                    format!(
                        "selection {}..{} of {:?} could not be placed exactly on the pseudonymised text; check it in the other tool",
                        sel.start, sel.end, s.name
                    ),
                ));
            }
        }
        sel.start = a;
        sel.end = b.max(a);
        sel.name =
            super::to_refi::selection_name(new_text.get(byte_at(a)..byte_at(b)).unwrap_or(""));
    }
    s.text = new_text;
}

/// Where the pseudonymised text of a span starting at byte `start` begins, in chars.
fn slow_start(text: &str, rules: &DocPseudonyms<'_>, start: usize) -> usize {
    let prefix = rules.apply_span(text, 0..start).chars().count();
    prefix
        - rules
            .apply_span(text, start..start)
            .chars()
            .count()
            .min(prefix)
}

/// Old char positions → positions in the pseudonymised text, computed chunk by chunk.
///
/// `apply_span(full, a..b)` replaces a name cut by `a` or `b` whole, so a name straddling
/// a boundary appears in both neighbouring chunks; `apply_span(full, b..b)` is that name's
/// pseudonym (empty when `b` cuts no name) and is counted once.
struct OffsetMap {
    /// (old char position, pseudonymised prefix length in chars, straddling pseudonym length).
    points: HashMap<usize, (usize, usize)>,
}

impl OffsetMap {
    fn new(text: &str, rules: &DocPseudonyms<'_>, bounds: &[usize]) -> Self {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let byte_at = |c: usize| starts.get(c).copied().unwrap_or(text.len());
        let mut sorted: Vec<usize> = bounds.to_vec();
        sorted.push(0);
        sorted.sort_unstable();
        sorted.dedup();
        let mut points = HashMap::new();
        let (mut prev, mut prefix, mut straddle) = (0usize, 0usize, 0usize);
        for &b in &sorted {
            if b > prev {
                let chunk = rules.apply_span(text, byte_at(prev)..byte_at(b));
                prefix = prefix - straddle.min(prefix) + chunk.chars().count();
                straddle = rules
                    .apply_span(text, byte_at(b)..byte_at(b))
                    .chars()
                    .count();
                prev = b;
            }
            points.insert(b, (prefix, straddle));
        }
        OffsetMap { points }
    }

    fn start(&self, old: usize) -> usize {
        self.points.get(&old).map_or(0, |&(p, s)| p - s.min(p))
    }

    fn end(&self, old: usize) -> usize {
        self.points.get(&old).map_or(0, |&(p, _)| p)
    }
}

/// Every listed real name left anywhere in the texts of `project`.
pub fn leaks(project: &QdaProject, pseudonyms: &Pseudonyms) -> Vec<Leak> {
    let mut all = String::new();
    let mut push = |s: &str| {
        all.push_str(s);
        all.push('\n');
    };
    push(&project.name);
    push(project.description.as_deref().unwrap_or(""));
    let mut codes = Vec::new();
    crate::refi::model::walk_codes(&project.codes, &mut codes);
    for c in codes {
        push(&c.name);
        push(c.description.as_deref().unwrap_or(""));
    }
    let text_values = |values: &[crate::refi::VariableValue], push: &mut dyn FnMut(&str)| {
        for vv in values {
            if let Some(Value::Text(t)) = &vv.value {
                push(t);
            }
        }
    };
    for v in &project.variables {
        push(&v.name);
    }
    for c in &project.cases {
        push(c.name.as_deref().unwrap_or(""));
        push(c.description.as_deref().unwrap_or(""));
        text_values(&c.variable_values, &mut push);
    }
    for s in &project.sources {
        push(&s.name);
        push(&s.text);
        push(s.description.as_deref().unwrap_or(""));
        text_values(&s.variable_values, &mut push);
        for sel in &s.selections {
            push(&sel.name);
            push(sel.description.as_deref().unwrap_or(""));
        }
    }
    for n in &project.notes {
        push(&n.name);
        push(&n.text);
        push(n.description.as_deref().unwrap_or(""));
    }
    for set in &project.sets {
        push(&set.name);
        push(set.description.as_deref().unwrap_or(""));
    }
    pseudonyms.scan(&all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refi::Selection;

    fn table(csv: &str) -> Pseudonyms {
        Pseudonyms::parse(std::path::Path::new("pseudonyms.csv"), csv).unwrap()
    }

    fn source(text: &str, spans: &[(&str, usize)]) -> TextSource {
        let char_pos = |b: usize| text[..b].chars().count();
        TextSource {
            text: text.to_string(),
            name: "E01".into(),
            selections: spans
                .iter()
                .map(|(quote, nth)| {
                    let b = text.match_indices(quote).nth(*nth).unwrap().0;
                    Selection {
                        start: char_pos(b),
                        end: char_pos(b + quote.len()),
                        ..Selection::default()
                    }
                })
                .collect(),
            ..TextSource::default()
        }
    }

    fn quotes(s: &TextSource) -> Vec<String> {
        s.selections
            .iter()
            .map(|sel| {
                s.text
                    .chars()
                    .skip(sel.start)
                    .take(sel.end - sel.start)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn selections_follow_names_of_other_lengths() {
        let p =
            table("real,pseudonym,doc\nJulie Karam,[Amie 1],E01\nLyon,[Ville 1],\nÉmilie,É.,E01\n");
        let text = "Avec Julie Karam, à Lyon 😀. Puis Émilie m’a dit : Lyon, Julie Karam, fin.";
        let mut s = source(
            text,
            &[
                ("Puis Émilie", 0),
                ("Lyon, Julie", 0),
                ("fin.", 0),
                ("Avec Julie Karam, à Lyon 😀", 0),
                ("aram", 0),
                ("Lyo", 0),
            ],
        );
        let mut w = Vec::new();
        pseudonymise_source(&mut s, &p.for_doc("E01"), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            s.text,
            "Avec [Amie 1], à [Ville 1] 😀. Puis É. m’a dit : [Ville 1], [Amie 1], fin."
        );
        assert_eq!(
            quotes(&s),
            [
                "Puis É.",
                "[Ville 1], [Amie 1]",
                "fin.",
                "Avec [Amie 1], à [Ville 1] 😀",
                "[Amie 1]",
                "[Ville 1]"
            ]
        );
        assert_eq!(s.selections[1].name, "[Ville 1], [Amie 1]");
        assert!(p.scan(&s.text).is_empty());
    }

    #[test]
    fn a_document_rule_stays_in_its_document() {
        let p = table("real,pseudonym,doc\nBastien,[Associé 1],E02\n");
        let mut s = source("Bastien est là.", &[("Bastien", 0)]);
        let mut w = Vec::new();
        pseudonymise_source(&mut s, &p.for_doc("E01"), &mut w);
        assert_eq!(s.text, "Bastien est là.");
        assert_eq!(quotes(&s), ["Bastien"]);
    }
}
