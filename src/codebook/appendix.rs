//! The codebook as a paper's appendix (Markdown or HTML): the tree, labels, definitions,
//! when to use and not, examples (the codebook's own and real quotations from the codings,
//! pseudonymised), and per code the number of codings, interviews and coders.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Code, Codebook};
use crate::export::Pseudonyms;
use crate::locale::Lang;
use crate::store::Coding;
use crate::words::appendix as w;

/// How much a code is used.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CodeUsage {
    /// Codings (all coders).
    pub codings: usize,
    /// Distinct interviews.
    pub interviews: usize,
    /// Distinct coders.
    pub coders: usize,
}

/// The appendix formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendixFormat {
    /// Markdown.
    Markdown,
    /// A standalone HTML page.
    Html,
}

/// Usage of every code by `codings` (already resolved), keyed by code id.
pub fn usage(codings: &[Coding]) -> BTreeMap<String, CodeUsage> {
    let mut sets: BTreeMap<&str, (usize, BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for c in codings {
        let e = sets.entry(c.code.as_str()).or_default();
        e.0 += 1;
        e.1.insert(&c.doc);
        e.2.insert(&c.coder);
    }
    sets.into_iter()
        .map(|(k, (n, docs, coders))| {
            (
                k.to_string(),
                CodeUsage {
                    codings: n,
                    interviews: docs.len(),
                    coders: coders.len(),
                },
            )
        })
        .collect()
}

const QUOTES_PER_CODE: usize = 2;
const QUOTE_CHARS: usize = 400;

fn quotations<'a>(code: &str, codings: &'a [Coding], names: &Pseudonyms) -> Vec<(&'a str, String)> {
    let mut mine: Vec<&Coding> = codings.iter().filter(|c| c.code == code).collect();
    mine.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut seen = BTreeSet::new();
    mine.into_iter()
        .filter(|c| !c.anchor.quote.trim().is_empty() && seen.insert(c.doc.as_str()))
        .take(QUOTES_PER_CODE)
        .map(|c| {
            let text = names
                .for_doc(&c.doc)
                .apply(c.anchor.quote.trim())
                .into_owned();
            let short: String = if text.chars().count() > QUOTE_CHARS {
                let mut s: String = text.chars().take(QUOTE_CHARS).collect();
                s.push('…');
                s
            } else {
                text
            };
            (c.doc.as_str(), short)
        })
        .collect()
}

/// Writes the appendix. `lang` picks labels (`fr` or `en`).
pub fn appendix(
    cb: &Codebook,
    codings: &[Coding],
    names: &Pseudonyms,
    lang: &str,
    format: AppendixFormat,
) -> String {
    let used = usage(codings);
    let mut out = String::new();
    let words = Lang::from_code(lang).unwrap_or_default();
    let title = if cb.name.is_empty() {
        w::CODEBOOK.get(words)
    } else {
        &cb.name
    };
    match format {
        AppendixFormat::Markdown => {
            let _ = writeln!(out, "# {}\n", md(title));
        }
        AppendixFormat::Html => {
            let _ = write!(
                out,
                "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
                 <style>body{{font-family:serif;max-width:50em;margin:2em auto}}.swatch{{display:inline-block;width:.8em;height:.8em;margin-right:.3em}}blockquote{{color:#333}}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
                html(lang),
                html(title),
                html(title)
            );
        }
    }
    for code in cb.tree_order() {
        let n = used.get(&code.id).cloned().unwrap_or_default();
        let quotes = quotations(&code.id, codings, names);
        match format {
            AppendixFormat::Markdown => write_md(&mut out, cb, code, lang, &n, &quotes),
            AppendixFormat::Html => write_html(&mut out, cb, code, lang, &n, &quotes),
        }
    }
    if format == AppendixFormat::Html {
        out.push_str("</body>\n</html>\n");
    }
    // The codebook's own text (definitions, examples) belongs to no document: every
    // listed name is replaced there, whichever document it is listed for.
    everywhere(names).for_doc("").apply(&out).into_owned()
}

/// The pseudonym table with every rule applying to every document (first rule per name).
fn everywhere(names: &Pseudonyms) -> Pseudonyms {
    Pseudonyms {
        rules: names
            .rules
            .iter()
            .map(|r| crate::export::pseudonyms::PseudonymRule {
                doc: None,
                ..r.clone()
            })
            .collect(),
    }
}

fn counts(n: &CodeUsage, lang: &str) -> String {
    let lang = Lang::from_code(lang).unwrap_or_default();
    w::usage(lang, n.codings, n.interviews, n.coders)
}

fn sections<'a>(code: &'a Code, lang: &str) -> [(&'static str, &'a str); 4] {
    let lang = Lang::from_code(lang).unwrap_or_default();
    [
        (w::DEFINITION.get(lang), code.definition.as_str()),
        (w::WHEN_TO_USE.get(lang), code.when_to_use.as_str()),
        (w::WHEN_NOT_TO_USE.get(lang), code.when_not_to_use.as_str()),
        (w::EXAMPLE.get(lang), code.example.as_str()),
    ]
}

fn write_md(
    out: &mut String,
    cb: &Codebook,
    code: &Code,
    lang: &str,
    n: &CodeUsage,
    quotes: &[(&str, String)],
) {
    let depth = cb.depth(&code.id).min(4);
    let other = if lang == "en" {
        &code.label_fr
    } else {
        &code.label_en
    };
    let _ = writeln!(
        out,
        "{} {}{}\n",
        "#".repeat(depth + 2),
        md(code.label(lang)),
        if other.trim().is_empty() || other == code.label(lang) {
            String::new()
        } else {
            format!(" / {}", md(other))
        }
    );
    let _ = writeln!(
        out,
        "`{}` · {} · {}\n",
        code.id,
        code.color,
        counts(n, lang)
    );
    for (name, text) in sections(code, lang) {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "**{name}.** {}\n", md(text.trim()));
        }
    }
    if !quotes.is_empty() {
        let words = Lang::from_code(lang).unwrap_or_default();
        let _ = writeln!(out, "{}\n", w::QUOTATIONS.get(words));
        for (doc, q) in quotes {
            for line in q.lines() {
                let _ = writeln!(out, "> {}", md(line));
            }
            let _ = writeln!(out, ">\n> — {}\n", md(doc));
        }
    }
}

fn write_html(
    out: &mut String,
    cb: &Codebook,
    code: &Code,
    lang: &str,
    n: &CodeUsage,
    quotes: &[(&str, String)],
) {
    let level = (cb.depth(&code.id) + 2).min(6);
    let other = if lang == "en" {
        &code.label_fr
    } else {
        &code.label_en
    };
    let color = if super::parse_color(&code.color).is_some() {
        code.color.as_str()
    } else {
        "#888888"
    };
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h{level}><span class=\"swatch\" style=\"background:{color}\"></span>{}{}</h{level}>",
        html(&code.id),
        html(code.label(lang)),
        if other.trim().is_empty() || other == code.label(lang) {
            String::new()
        } else {
            format!(" / {}", html(other))
        }
    );
    let _ = writeln!(
        out,
        "<p><code>{}</code> · {}</p>",
        html(&code.id),
        counts(n, lang)
    );
    for (name, text) in sections(code, lang) {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "<p><strong>{name}.</strong> {}</p>", html(text.trim()));
        }
    }
    for (doc, q) in quotes {
        let _ = writeln!(
            out,
            "<blockquote><p>{}</p><footer>— {}</footer></blockquote>",
            html(q).replace('\n', "<br>"),
            html(doc)
        );
    }
    out.push_str("</section>\n");
}

fn html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}

fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                o.push('\\');
                o.push(c);
            }
            c if c.is_control() && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}
