//! Markdown: grouped by dimension, then code, then quotation, each quotation cited.

use std::fmt::Write;

use super::super::segments::{SegmentRecord, SegmentSet};
use super::{Node, tree};
use crate::codebook::Codebook;

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

/// `E03 (Pousse-Pousse), Fondatrice, 00:12:31`: how the quotation is cited.
pub fn citation(r: &SegmentRecord) -> String {
    let doc = if r.company.is_empty() {
        r.doc.clone()
    } else {
        format!("{} ({})", r.doc, r.company)
    };
    let mut parts = vec![doc];
    if !r.speaker.is_empty() {
        parts.push(r.speaker.clone());
    }
    match (&r.timestamp, r.turn) {
        (Some(ts), n) if n > 0 => parts.push(format!("turn {n}, {ts}")),
        (Some(ts), _) => parts.push(ts.clone()),
        (None, 0) => {}
        (None, n) => parts.push(format!("turn {n}")),
    }
    parts.join(", ")
}

/// Writes the Markdown export.
pub fn write_markdown(set: &SegmentSet, cb: &Codebook, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(title));
    let by: Vec<&str> = set.dims.iter().map(|d| d.name()).collect();
    let _ = writeln!(
        out,
        "{} segment(s); coders: {}{}.\n",
        set.records.len(),
        set.coders.join(", "),
        if by.is_empty() {
            String::new()
        } else {
            format!("; grouped by {}", by.join(", then "))
        }
    );
    for node in tree(set, cb) {
        write_node(&mut out, &node, 2);
    }
    out
}

fn write_node(out: &mut String, node: &Node<'_>, level: usize) {
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
        write_node(out, child, level + 1);
    }
    for r in &node.records {
        for line in escape(&r.text).lines() {
            let _ = writeln!(out, "> {line}");
        }
        let _ = writeln!(
            out,
            ">\n> — {} [{}]\n",
            escape(&citation(r)),
            escape(&r.coder)
        );
        if let Some(memo) = r.memo.as_deref().filter(|m| !m.trim().is_empty()) {
            let _ = writeln!(out, "*Memo:* {}\n", escape(memo).replace('\n', " "));
        }
    }
}
