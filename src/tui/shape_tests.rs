//! The shape of the TUI's modules, read from their source: which file uses which (`use
//! super::…`, `crate::tui::…` and inline `super::x::` paths), and which files name the
//! store's writer and coder-file types.
//!
//! No file may be in an import circle, and no file outside the session (`session.rs` and
//! its writer thread `writer.rs`) may name the store's coder-file or writer types: the
//! rest of the TUI changes coder files only by handing operations to the session.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Types only the session (`session.rs` and its writer thread, `writer.rs`) may name.
const CODER_FILE_TYPES: [&str; 4] = ["CoderStore", "CoderFile", "Writer", "rebase_mirror"];

fn tui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui")
}

/// Every `.rs` file under `src/tui` except tests, as (module path, text).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = tui_dir();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = std::iter::once("tui".to_string())
            .chain(parts)
            .collect::<Vec<_>>();
        let name = name.join("::");
        if name.ends_with("tests") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        // Test modules inside a file are not part of its shape.
        let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        out.insert(name, text);
    }
    out
}

/// The module `super` means from a module (`tui::review::input` → `tui::review`).
fn parent_of(module: &str) -> String {
    module.rsplit_once("::").map_or("", |(p, _)| p).to_string()
}

/// The paths a source text names through `super::` or `crate::tui::`, resolved to module
/// paths (groups `{a, b::c}` expanded one level).
fn named_paths(module: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("super::").or_else(|| rest.find("crate::tui::")) {
            let j = rest.find("crate::tui::").filter(|j| *j < i).unwrap_or(i);
            let (mut base, mut tail) = if rest[j..].starts_with("crate::tui::") {
                ("tui".to_string(), &rest[j + "crate::tui::".len()..])
            } else {
                (parent_of(module), &rest[j + "super::".len()..])
            };
            while let Some(t) = tail.strip_prefix("super::") {
                base = parent_of(&base);
                tail = t;
            }
            if let Some(group) = tail.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let item = item.trim();
                    if !item.is_empty() {
                        out.push(format!("{base}::{item}"));
                    }
                }
                rest = &group[end..];
            } else {
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                out.push(format!("{base}::{}", &tail[..end]));
                rest = &tail[end..];
            }
        }
    }
    out
}

/// The file-level dependency graph: module → modules it uses (the longest named prefix
/// that is a file).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let mut g = BTreeMap::new();
    for (m, text) in &mods {
        let mut deps = BTreeSet::new();
        for p in named_paths(m, text) {
            let mut cand = p.trim_end_matches("::").to_string();
            loop {
                if mods.contains_key(&cand) {
                    if &cand != m && !m.starts_with(&format!("{cand}::")) {
                        deps.insert(cand);
                    }
                    break;
                }
                match cand.rsplit_once("::") {
                    Some((p, _)) => cand = p.to_string(),
                    None => break,
                }
            }
        }
        g.insert(m.clone(), deps);
    }
    g
}

/// Files that are in a cycle: those that can reach themselves.
fn in_circle(g: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for start in g.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = g[start].iter().collect();
        while let Some(n) = stack.pop() {
            if n == start {
                out.insert(start.clone());
                break;
            }
            if seen.insert(n.clone()) {
                stack.extend(g.get(n).into_iter().flatten());
            }
        }
    }
    out
}

#[test]
fn the_reader_resolves_uses() {
    let p = named_paths(
        "tui::view::help",
        "use super::super::app::App;\nuse super::{pad, popup};",
    );
    assert_eq!(p, ["tui::app::App", "tui::view::pad", "tui::view::popup"]);
    let g = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(in_circle(&g), BTreeSet::from(["a".into(), "b".into()]));
}

#[test]
fn no_tui_file_is_in_an_import_circle() {
    let g = graph();
    assert!(g.len() > 30, "read only {} files", g.len());
    assert_eq!(in_circle(&g), BTreeSet::new(), "files in an import circle");
}

#[test]
fn only_the_session_names_the_coder_file_types() {
    let mut now = BTreeSet::new();
    for (m, text) in modules() {
        if m == "tui::writer" || m == "tui::session" {
            continue;
        }
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if CODER_FILE_TYPES.iter().any(|t| {
            code.match_indices(t).any(|(i, _)| {
                let before = code[..i].chars().next_back();
                let after = code[i + t.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        }) {
            now.insert(m);
        }
    }
    assert_eq!(
        now,
        BTreeSet::new(),
        "files outside the session naming coder-file types"
    );
}
