//! HTML: a standalone page (no network: a strict Content-Security-Policy, inline style
//! only) grouped by dimension, code and quotation; the report reuses its pieces.

use std::fmt::Write;

use super::super::segments::SegmentSet;
use super::md::citation;
use super::{Node, tree};
use crate::codebook::Codebook;
use crate::locale::Lang;
use crate::words::report as w;

/// The Content-Security-Policy of every page glose writes: nothing is loaded from
/// anywhere; only the page's own inline style and script run.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "&#xFFFD;");
            }
            c => out.push(c),
        }
    }
    out
}

/// The shared stylesheet.
pub const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
blockquote{margin:.8rem 0 .2rem 0;padding:.4rem .9rem;border-left:4px solid #9a8a69;background:#f7f5f0;white-space:pre-wrap}
.cite{margin:0 0 .9rem 1rem;color:#555;font-size:.92rem}.memo{margin:0 0 1rem 1rem;font-style:italic;color:#444}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f0f0f0}
td.total,th.total{font-weight:bold;background:#fafafa}
details{margin:.3rem 0 .3rem .8rem}summary{cursor:pointer;font-weight:600}
.bar{display:inline-block;height:.8rem;background:#037db0;vertical-align:middle}
.muted{color:#666}.code-id{color:#777;font-family:monospace;font-size:.85rem}
"#;

/// Opens a page: doctype, charset, CSP, title and style.
pub fn page_start(title: &str) -> String {
    page_start_in(title, "fr")
}

/// Opens a page whose words are in `lang` (`fr`, `en`: its `<html lang>`).
pub fn page_start_in(title: &str, lang: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(lang),
        escape(title)
    )
}

/// Closes a page.
pub const PAGE_END: &str = "</body>\n</html>\n";

/// Writes grouped quotations. With `details`, every group is a collapsed `<details>`
/// (the report); otherwise headings (`<h2>`, `<h3>`…) starting at `level`. Citations and
/// memos are introduced in `lang`.
pub fn write_nodes(out: &mut String, nodes: &[Node<'_>], level: usize, details: bool, lang: Lang) {
    for node in nodes {
        let is_code = !node.records.is_empty();
        let id_part = if is_code {
            format!(" <span class=\"code-id\">{}</span>", escape(&node.key))
        } else {
            String::new()
        };
        if details {
            let _ = writeln!(
                out,
                "<details data-key=\"{}\"><summary>{}{id_part} <span class=\"muted\">({})</span></summary>",
                escape(&node.key),
                escape(&node.label),
                node.count
            );
        } else {
            let h = level.min(6);
            let _ = writeln!(
                out,
                "<h{h}>{}{id_part} <span class=\"muted\">({})</span></h{h}>",
                escape(&node.label),
                node.count
            );
        }
        write_nodes(out, &node.children, level + 1, details, lang);
        for r in &node.records {
            let _ = writeln!(
                out,
                "<blockquote>{}</blockquote>\n<p class=\"cite\">— {} <span class=\"muted\">[{}]</span></p>",
                escape(&r.text),
                escape(&citation(r, lang)),
                escape(&r.coder)
            );
            if let Some(m) = r.memo.as_deref().filter(|m| !m.trim().is_empty()) {
                let memo = w::MEMO.get(lang);
                let _ = writeln!(out, "<p class=\"memo\">{memo}{}</p>", escape(m));
            }
        }
        if details {
            out.push_str("</details>\n");
        }
    }
}

/// Writes the HTML export of segments, its own words in the labels' language (`set.lang`).
pub fn write_html(set: &SegmentSet, cb: &Codebook, title: &str) -> String {
    let lang = Lang::from_code(&set.lang).unwrap_or_default();
    let mut out = page_start_in(title, lang.code());
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let by: Vec<&str> = set.dims.iter().map(|d| d.name()).collect();
    let summary = w::segments_summary(lang, set.records.len(), &set.coders, &by);
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&summary));
    write_nodes(&mut out, &tree(set, cb), 2, false, lang);
    out.push_str(PAGE_END);
    out
}
