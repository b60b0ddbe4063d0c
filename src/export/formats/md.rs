//! Markdown: grouped by dimension, then code, then quotation, each quotation cited.

use std::fmt::Write;

use super::super::segments::{SegmentRecord, SegmentSet};
use super::{Node, tree};
use crate::codebook::Codebook;
use crate::locale::Lang;
use crate::words::report as w;

/// Escapes the characters Markdown would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '|')
            || (line_start && matches!(c, '#' | '+' | '-'))
        {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n';
    }
    out
}

/// `E03 (Pousse-Pousse), Fondatrice, 00:12:31`: how the quotation is cited, in `lang`.
pub fn citation(r: &SegmentRecord, lang: Lang) -> String {
    let doc = if r.company.is_empty() {
        r.doc.to_string()
    } else {
        format!("{} ({})", r.doc, r.company)
    };
    let mut parts = vec![doc];
    if !r.speaker.is_empty() {
        parts.push(r.speaker.to_string());
    }
    match (&r.timestamp, r.turn) {
        (Some(ts), n) if n > 0 => parts.push(format!("{}, {ts}", w::turn(lang, n))),
        (Some(ts), _) => parts.push(ts.clone()),
        (None, 0) => {}
        (None, n) => parts.push(w::turn(lang, n)),
    }
    parts.join(", ")
}

/// Writes the Markdown export, its own words in the labels' language (`set.lang`).
pub fn write_markdown(set: &SegmentSet, cb: &Codebook, title: &str) -> String {
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(title));
    let by: Vec<&str> = set.dims.iter().map(|d| d.name()).collect();
    let summary = w::segments_summary(lang, set.records.len(), &set.coders, &by);
    let _ = writeln!(out, "{summary}\n");
    for node in tree(set, cb) {
        write_node(&mut out, &node, 2, lang);
    }
    out
}

fn write_node(out: &mut String, node: &Node<'_>, level: usize, lang: Lang) {
    let hashes = "#".repeat(level.min(6));
    if node.records.is_empty() {
        let _ = writeln!(out, "{hashes} {} ({})\n", escape(&node.label), node.count);
    } else {
        let _ = writeln!(
            out,
            "{hashes} {} — `{}` ({})\n",
            escape(&node.label),
            node.key.replace('`', ""),
            node.count
        );
    }
    for child in &node.children {
        write_node(out, child, level + 1, lang);
    }
    for r in &node.records {
        for line in escape(&r.text).lines() {
            let _ = writeln!(out, "> {line}");
        }
        let _ = writeln!(
            out,
            ">\n> — {} [{}]\n",
            escape(&citation(r, lang)),
            escape(&r.coder)
        );
        if let Some(memo) = r.memo.as_deref().filter(|m| !m.trim().is_empty()) {
            let memo = escape(memo).replace('\n', " ");
            let _ = writeln!(out, "*{}* {memo}\n", w::MEMO.get(lang).trim_end());
        }
    }
}
