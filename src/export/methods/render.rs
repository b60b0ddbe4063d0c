//! The appendix as Markdown or as a self-contained HTML page.

use std::fmt::Write;

use super::{Item, MethodsAppendix};
use crate::export::formats::html::{PAGE_END, escape, page_start};

/// What an unanswered item says.
pub const NEEDS_AUTHORS: &str = "Needs the authors.";

fn header_line(a: &MethodsAppendix) -> String {
    let commit = a.commit.as_ref().map_or_else(
        || "not in git".to_string(),
        |(hash, time)| format!("commit {hash} ({time})"),
    );
    format!(
        "Checklist: {}. Software: {}. Data: {commit}. {} of {} items answered from the study's files; \
         the others need the authors.",
        a.checklist,
        a.software,
        a.answered(),
        a.items.len()
    )
}

fn srqr_line(a: &MethodsAppendix) -> String {
    format!(
        "Checklist: {}. {} of {} items answered from the study's files; the others need the authors.",
        a.srqr_checklist,
        a.srqr_answered(),
        a.srqr.len()
    )
}

fn number(i: &Item, prefix: &str) -> String {
    i.number.map_or(String::new(), |n| format!("{prefix}{n}. "))
}

fn items_markdown(out: &mut String, items: &[Item], prefix: &str, level: &str) {
    let mut domain = "";
    for i in items {
        if i.domain != domain {
            domain = i.domain;
            let _ = writeln!(out, "{level} {domain}\n");
        }
        let _ = writeln!(
            out,
            "**{}{}**: {}\n",
            number(i, prefix),
            i.topic,
            i.question
        );
        match &i.answer {
            Some(answer) => {
                let _ = writeln!(out, "{answer}\n");
                if let Some(s) = &i.source {
                    let _ = writeln!(out, "*Source: {s}.*\n");
                }
            }
            None => {
                let _ = writeln!(out, "*{NEEDS_AUTHORS}*\n");
            }
        }
    }
}

/// The appendix in Markdown.
pub fn to_markdown(a: &MethodsAppendix) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Methods appendix: {}\n", a.study);
    let _ = writeln!(out, "{}\n", header_line(a));
    items_markdown(&mut out, &a.items, "", "##");
    let _ = writeln!(out, "## SRQR\n");
    let _ = writeln!(out, "{}\n", srqr_line(a));
    items_markdown(&mut out, &a.srqr, "S", "###");
    out
}

fn items_html(out: &mut String, items: &[Item], prefix: &str, level: &str) {
    let mut domain = "";
    for i in items {
        if i.domain != domain {
            if !domain.is_empty() {
                out.push_str("</dl>\n");
            }
            domain = i.domain;
            let _ = writeln!(out, "<{level}>{}</{level}>\n<dl>", escape(domain));
        }
        let _ = writeln!(
            out,
            "<dt><strong>{}{}</strong>: {}</dt>",
            escape(&number(i, prefix)),
            escape(i.topic),
            escape(i.question)
        );
        match &i.answer {
            Some(answer) => {
                let source = i.source.as_deref().map_or(String::new(), |s| {
                    format!(" <span class=\"muted\">(source: {})</span>", escape(s))
                });
                let _ = writeln!(
                    out,
                    "<dd class=\"answered\">{}{source}</dd>",
                    escape(answer)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<dd class=\"needs-authors\"><em>{NEEDS_AUTHORS}</em></dd>"
                );
            }
        }
    }
    if !domain.is_empty() {
        out.push_str("</dl>\n");
    }
}

/// The appendix as an HTML page (no script, nothing loaded).
pub fn to_html(a: &MethodsAppendix) -> String {
    let title = format!("Methods appendix: {}", a.study);
    let mut out = page_start(&title);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&header_line(a)));
    items_html(&mut out, &a.items, "", "h2");
    out.push_str("<h2>SRQR</h2>\n");
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&srqr_line(a)));
    items_html(&mut out, &a.srqr, "S", "h3");
    out.push_str(PAGE_END);
    out
}
