//! Key names and help texts derived from the bindings: the help popup, the status-line
//! hints and the tables of docs/TUI.md.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::keys::{Action, Ctx, all_bindings};

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
            rows.push((seen.join(" "), b.help));
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

/// The key tables of docs/TUI.md, one per context, generated from the bindings.
#[cfg(test)]
pub fn markdown_tables() -> String {
    let mut out = String::new();
    for (ctx, title) in [
        (Ctx::Global, "Everywhere (outside text inputs)"),
        (Ctx::Documents, "Documents pane"),
        (Ctx::Transcript, "Transcript"),
        (Ctx::Codebook, "Codebook pane"),
        (Ctx::Picker, "Code picker (type to filter)"),
        (Ctx::Memo, "Memo editor (other keys edit the text)"),
        (Ctx::Prompt, "Prompt (a new code's label, a rename)"),
        (
            Ctx::CodeForm,
            "Code form (after `e` in the codebook pane; other keys edit the field)",
        ),
        (
            Ctx::Search,
            "Search results (after `/`; Enter runs the query)",
        ),
        (Ctx::Retrieve, "Retrieve"),
        (Ctx::Orphans, "Orphaned codings"),
        (Ctx::ReviewTable, "Agreement table (after `A`)"),
        (Ctx::Review, "Reviewing disagreements"),
        (
            Ctx::ReviewEdit,
            "Editing a decision (after `e`; motions and selection keys of the transcript)",
        ),
        (
            Ctx::ShowCoders,
            "Other coders on screen (after `C` in the transcript)",
        ),
        (
            Ctx::AutoCode,
            "Auto-coding preview (after `a` in the search results)",
        ),
        (Ctx::Suggest, "Suggestions (after `S`)"),
        (Ctx::Similar, "Similar passages (after `~`)"),
        (Ctx::Consistency, "Consistency review (after `I`)"),
        (
            Ctx::ReviewCoders,
            "Coders compared (after `C` in the agreement table)",
        ),
        (Ctx::Memos, "Memos (after `W`)"),
    ] {
        out.push_str(&format!("### {title}\n\n| Keys | Action |\n|---|---|\n"));
        for (keys, help) in help_rows(ctx, false) {
            let keys = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {keys} | {help} |\n"));
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
