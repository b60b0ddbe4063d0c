//! Key names and help texts derived from the bindings: the help popup, the status-line
//! hints and the tables of docs/TUI.md.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use glose::locale::Lang;

use super::keys::{Action, Ctx, all_bindings};
use super::keys_fr;
use super::strings;

/// A binding's help in `lang` (its English text when no French is written yet).
pub fn help_in(en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => keys_fr::french(en).unwrap_or(en),
    }
}

/// A key as the help shows it (`Ctrl-r`, `PgDn`, `q`).
pub fn key_name((code, mods): (KeyCode, KeyModifiers)) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The help rows of a context: (keys, description), global ones included when asked.
/// A global row whose keys the context already lists (the context's binding wins, as
/// `n`, `u` and `U` do in the review) is left out, so no key is listed twice.
pub fn help_rows(ctx: Ctx, with_global: bool) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    let mut push = |c: Ctx, skip_listed: bool| {
        for b in all_bindings().filter(|b| b.ctx == c && !b.help.is_empty()) {
            let mut seen = Vec::new();
            for k in b.keys {
                let name = key_name(*k);
                if !seen.contains(&name) {
                    seen.push(name);
                }
            }
            if skip_listed && seen.iter().all(|k| listed.contains(k)) {
                continue;
            }
            if !skip_listed {
                listed.extend(seen.iter().cloned());
            }
            rows.push((seen.join(" "), help_in(b.help, strings::lang())));
        }
    };
    push(ctx, false);
    if with_global && ctx != Ctx::Global {
        push(Ctx::Global, true);
    }
    rows
}

/// The first key of an action in a context, for hints (`c`).
pub fn first_key(ctx: Ctx, action: Action) -> String {
    all_bindings()
        .filter(|b| b.ctx == ctx || b.ctx == Ctx::Global)
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| key_name(*k))
        .unwrap_or_default()
}

/// The key tables of docs/TUI.md, one per context, generated from the bindings: each
/// action in English and in French.
#[cfg(test)]
pub fn markdown_tables() -> String {
    let mut out = String::new();
    for &ctx in Ctx::ALL {
        let (title, title_fr) = (ctx.info().doc_title.en, ctx.info().doc_title.fr);
        out.push_str(&format!(
            "### {title} · {title_fr}\n\n| Keys | Action | En français |\n|---|---|---|\n"
        ));
        let rows = help_rows(ctx, false);
        for (keys, help) in rows {
            let keys = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            let fr = keys_fr::french(help).unwrap_or("");
            out.push_str(&format!("| {keys} | {help} | {fr} |\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod doc_tests {
    use super::super::keys::Ctx;

    #[test]
    fn the_review_help_lists_each_key_once() {
        for ctx in [
            Ctx::ReviewTable,
            Ctx::Review,
            Ctx::ReviewEdit,
            Ctx::Transcript,
        ] {
            let rows = super::help_rows(ctx, true);
            let mut keys: Vec<&str> = rows.iter().flat_map(|(k, _)| k.split(' ')).collect();
            let n = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), n, "{ctx:?}: a key is listed twice: {rows:?}");
        }
    }

    #[test]
    fn every_key_help_has_a_french_text() {
        let missing: Vec<&str> = super::all_bindings()
            .map(|b| b.help)
            .filter(|h| !h.is_empty() && super::keys_fr::french(h).is_none_or(str::is_empty))
            .collect();
        assert!(
            missing.is_empty(),
            "bindings without French help (add them to tui/keys_fr.rs): {missing:?}"
        );
    }

    /// The steps of docs/ARCHITECTURE.md "a popup or a modal input is one file": every
    /// row of the one table of contexts (`Ctx::ALL`, `actions.rs`) has bindings, a name
    /// and a docs/TUI.md heading in both languages.
    #[test]
    fn every_context_has_bindings_words_and_a_doc_table() {
        for &ctx in Ctx::ALL {
            let info = ctx.info();
            let words = [
                info.name.en,
                info.name.fr,
                info.doc_title.en,
                info.doc_title.fr,
            ];
            assert!(
                words.iter().all(|w| !w.trim().is_empty()),
                "{ctx:?}: a name or a doc heading is missing: {words:?}"
            );
            assert_eq!(super::strings::context_words(ctx).0, info.name);
            let bindings: Vec<_> = super::all_bindings().filter(|b| b.ctx == ctx).collect();
            assert!(
                !bindings.is_empty(),
                "{ctx:?} has no key bindings in tui/keys*.rs"
            );
            assert!(
                super::markdown_tables().contains(&format!(
                    "### {} · {}\n",
                    info.doc_title.en, info.doc_title.fr
                )),
                "{ctx:?} has no table in the generated docs"
            );
        }
        let mut seen = std::collections::HashSet::new();
        assert!(
            Ctx::ALL.iter().all(|c| seen.insert(*c)),
            "a context is listed twice"
        );
    }

    #[test]
    fn docs_tui_md_lists_every_key() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/TUI.md"))
            .unwrap_or_default();
        let tables = super::markdown_tables();
        if std::env::var_os("GLOSE_PRINT_KEYS").is_some() {
            println!("{tables}");
        }
        assert!(
            doc.contains(&tables),
            "docs/TUI.md is out of date: run GLOSE_PRINT_KEYS=1 cargo test --lib \
             docs_tui_md -- --nocapture and paste the tables"
        );
    }
}
