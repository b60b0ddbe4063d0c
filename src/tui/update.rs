//! `update`: the one place where messages change the state.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Pane, Top};
use super::edit;
use super::keys::{Action, Ctx, lookup};
use super::motion;
use super::msg::Msg;
use super::overlay::{MemoFor, Overlay, PickFor, Whose};
use super::{codebook_door, codebook_pane, mouse, retrieve, review, search, strings, worker};

/// Handles one message.
pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Key(k) => on_key(app, k),
        // The review has no mouse targets; the panes underneath must not react.
        Msg::Mouse(_) if app.review.is_some() => {}
        Msg::Mouse(m) => mouse::on_mouse(app, m),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.relayout();
            review::relayout(app);
        }
        Msg::Paste(s) => on_paste(app, &s),
        Msg::Tick => {
            app.ticks = app.ticks.wrapping_add(1);
            codebook_door::poll_disk(app);
        }
        Msg::Saved { file, error } => {
            if let Some(e) = &error {
                app.error(format!("NOT SAVED: {e}"));
            }
            if app.session.on_saved(file, error) {
                app.refresh_codings();
            }
        }
        Msg::OtherCodings(codings) => {
            app.others = codings;
            app.refresh_codings();
        }
        Msg::DocStats(stats) => {
            for s in stats {
                if let Some(row) = app.docs.iter_mut().find(|d| d.id == s.id) {
                    row.words = Some(s.words);
                    row.chars = Some(s.chars);
                }
            }
        }
        Msg::Orphans(list) => {
            let n = list.len();
            app.orphans = list;
            if n == 0 {
                app.info("no orphaned codings: every coding found its text");
            }
        }
        Msg::Progress(label, done, total) => {
            app.jobs.insert(label, (done, total));
        }
        Msg::JobDone(label) => {
            app.jobs.remove(&label);
        }
        Msg::Search(result) => search::on_result(app, result),
        Msg::Agreement { generation, data } => review::on_data(app, generation, *data),
        Msg::ConsensusSaved { file, error } => review::on_saved(app, file, error),
        Msg::InputClosed => quit_saving(app),
        Msg::Signal(n) => {
            app.info(format!("signal {n}: saving and quitting"));
            quit_saving(app);
        }
    }
}

fn on_paste(app: &mut App, s: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Memo(ed)) => {
            ed.area.insert_str(s);
        }
        Some(Overlay::CodeForm(form)) => form.paste(s),
        Some(Overlay::Prompt(pr)) => pr.input.push_str(s.lines().next().unwrap_or("")),
        Some(Overlay::Picker(p)) => {
            p.input.push_str(s.lines().next().unwrap_or(""));
            p.filter();
        }
        Some(Overlay::Search) if app.search.editing => {
            app.search.query.push_str(s.lines().next().unwrap_or(""));
        }
        _ => {}
    }
}

/// Edits a one-line input with a key; true if the key was consumed.
pub(super) fn edit_line(input: &mut String, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.push(c);
            true
        }
        KeyCode::Backspace => {
            input.pop();
            true
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.clear();
            true
        }
        _ => false,
    }
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Quits from anywhere (Ctrl-C, a signal, the terminal gone); a memo being written is
/// saved first. The event loop then waits for the writers and restores the terminal.
pub fn quit_saving(app: &mut App) {
    if let Some(Overlay::Memo(ed)) = app.overlay.take() {
        edit::save_memo(app, &ed);
    }
    app.quit = true;
}

fn on_key(app: &mut App, key: KeyEvent) {
    if is_ctrl_c(&key) {
        quit_saving(app);
        return;
    }
    match app.top() {
        Top::Overlay => overlay_key(app, key),
        Top::Chooser | Top::Review => review::input::on_key(app, &key),
        Top::DocFilter => doc_filter_key(app, &key),
        Top::Pane(_) => {
            if let Some(action) = lookup(app.ctx(), &key, true) {
                act(app, action);
            }
        }
    }
}

/// A key while the documents filter is typed: Enter keeps it, Esc clears it.
fn doc_filter_key(app: &mut App, key: &KeyEvent) {
    match key.code {
        KeyCode::Enter => app.doc_filter_editing = false,
        KeyCode::Esc => {
            app.doc_filter_editing = false;
            app.doc_filter.clear();
            app.apply_filter();
        }
        _ => {
            if edit_line(&mut app.doc_filter, key) {
                app.apply_filter();
            }
        }
    }
}

fn overlay_key(app: &mut App, key: KeyEvent) {
    let Some(overlay) = app.overlay.take() else {
        return;
    };
    match overlay {
        Overlay::Help { ctx, scroll } => match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                app.overlay = Some(Overlay::Help {
                    ctx,
                    scroll: scroll + 1,
                });
            }
            KeyCode::Up | KeyCode::Char('k') => {
                app.overlay = Some(Overlay::Help {
                    ctx,
                    scroll: scroll.saturating_sub(1),
                });
            }
            _ => {}
        },
        Overlay::Picker(mut p) => match lookup(Ctx::Picker, &key, false) {
            Some(Action::Up) => {
                p.sel = p.sel.saturating_sub(1);
                app.overlay = Some(Overlay::Picker(p));
            }
            Some(Action::Down) => {
                p.sel = (p.sel + 1).min(p.rows().saturating_sub(1));
                app.overlay = Some(Overlay::Picker(p));
            }
            Some(Action::Open) => {
                if let Some(item) = p.current().cloned() {
                    picked(app, &p.purpose, &item.id);
                } else if p.on_create() {
                    codebook_door::create_from_picker(app, &p);
                } else {
                    app.info(format!("nothing matches «{}»", short(p.input.trim(), 40)));
                    app.overlay = Some(Overlay::Picker(p));
                }
            }
            Some(Action::ChooseParent) if p.purpose.offers_create() => {
                codebook_door::choose_parent(app, p);
            }
            Some(Action::Escape) => {
                if p.purpose == PickFor::Parent {
                    codebook_door::parent_cancelled(app);
                }
            }
            _ => {
                if edit_line(&mut p.input, &key) {
                    p.filter();
                }
                app.overlay = Some(Overlay::Picker(p));
            }
        },
        Overlay::Memo(mut ed) => match lookup(Ctx::Memo, &key, false) {
            Some(Action::Open) => edit::save_memo(app, &ed),
            Some(Action::Escape) => app.info("memo discarded"),
            _ => {
                ed.area.input(key);
                app.overlay = Some(Overlay::Memo(ed));
            }
        },
        Overlay::Prompt(pr) => codebook_pane::prompt_key(app, *pr, &key),
        Overlay::CodeForm(form) => codebook_pane::form_key(app, form, key),
        Overlay::Search => {
            app.overlay = Some(Overlay::Search);
            search::on_key(app, key);
        }
        Overlay::Retrieve(mut r) => {
            if r.editing {
                match key.code {
                    KeyCode::Enter | KeyCode::Esc => {
                        r.editing = false;
                        retrieve::rebuild(app, &mut r);
                    }
                    _ => {
                        edit_line(&mut r.filter, &key);
                    }
                }
                app.overlay = Some(Overlay::Retrieve(r));
                return;
            }
            let page = app.page_height();
            match lookup(Ctx::Retrieve, &key, false) {
                Some(Action::Up) => {
                    r.sel = retrieve::first_passage(&r.rows, r.sel.saturating_sub(1), false)
                        .unwrap_or(r.sel);
                }
                Some(Action::Down) => {
                    r.sel = retrieve::first_passage(&r.rows, r.sel + 1, true).unwrap_or(r.sel);
                }
                Some(Action::PageUp) => {
                    r.sel = retrieve::first_passage(&r.rows, r.sel.saturating_sub(page), false)
                        .or_else(|| retrieve::first_passage(&r.rows, 0, true))
                        .unwrap_or(r.sel);
                }
                Some(Action::PageDown) => {
                    r.sel = retrieve::first_passage(&r.rows, r.sel + page, true)
                        .or_else(|| {
                            retrieve::first_passage(&r.rows, r.rows.len().saturating_sub(1), false)
                        })
                        .unwrap_or(r.sel);
                }
                Some(Action::CycleCoder) => {
                    r.whose = retrieve::next_whose(app, &r.whose);
                    retrieve::rebuild(app, &mut r);
                }
                Some(Action::CycleGroup) => {
                    r.by_stage = !r.by_stage;
                    retrieve::rebuild(app, &mut r);
                }
                Some(Action::Filter) => r.editing = true,
                Some(Action::Code) => {
                    edit::open_picker(app, PickFor::Retrieve);
                    return;
                }
                Some(Action::Open) => {
                    if let Some(super::overlay::RetrieveRow::Passage { doc, range, .. }) =
                        r.rows.get(r.sel).cloned()
                    {
                        go_to(app, &doc, range.start, Some(range));
                        return;
                    }
                }
                Some(Action::Mark) => codebook_pane::toggle_mark(&mut r),
                Some(Action::Split) => {
                    codebook_pane::ask_split(app, &r);
                    return;
                }
                Some(Action::Escape) => return,
                _ => {}
            }
            app.overlay = Some(Overlay::Retrieve(r));
        }
        Overlay::Orphans { mut sel } => {
            match lookup(Ctx::Orphans, &key, false) {
                Some(Action::Up) => sel = sel.saturating_sub(1),
                Some(Action::Down) => sel = (sel + 1).min(app.orphans.len().saturating_sub(1)),
                Some(Action::Open) => {
                    if let Some(o) = app.orphans.get(sel).cloned() {
                        go_to(app, &o.coding.doc, o.coding.start, None);
                        app.placing = Some(o.coding.id.clone());
                        if let Some(v) = app.view.as_mut() {
                            v.focus = Some(o.coding.id.clone());
                        }
                        app.info(format!(
                            "placing {} «{}»: select its new span, then press a (Esc cancels)",
                            o.coding.code,
                            short(&o.coding.anchor.quote, 40)
                        ));
                        return;
                    }
                }
                Some(Action::Escape) => return,
                _ => {}
            }
            app.overlay = Some(Overlay::Orphans { sel });
        }
    }
}

/// The first `n` chars of a text, one line, escaped.
pub fn short(s: &str, n: usize) -> String {
    let one: String = glose::text::escape_controls(s).replace(['\n', '\t'], " ");
    if one.chars().count() > n {
        let mut t: String = one.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        one
    }
}

/// Opens a document at a position, optionally selecting a range, focus on the transcript.
pub fn go_to(app: &mut App, doc: &str, pos: usize, select: Option<std::ops::Range<usize>>) {
    if app.open_doc(doc, pos) {
        if let Some(v) = app.view.as_mut() {
            v.cursor = pos.min(v.doc.char_len());
            match select {
                Some(r) => {
                    v.anchor = Some(r.start);
                    v.cursor = r.end.min(v.doc.char_len());
                    v.selecting = false;
                }
                None => v.anchor = None,
            }
        }
        app.focus = Pane::Transcript;
        app.relayout();
        // Put the passage's start in view too.
        if let Some(v) = app.view.as_mut() {
            let line = v.wrapped.line_of(pos);
            if line < v.top {
                v.top = line;
            }
        }
    }
}

fn picked(app: &mut App, purpose: &PickFor, id: &str) {
    match purpose {
        PickFor::Apply => {
            edit::code_selection(app, id);
        }
        PickFor::Change(coding) => edit::change_code(app, coding, id),
        PickFor::Retrieve => {
            let r = retrieve::open(app, id);
            app.overlay = Some(Overlay::Retrieve(r));
        }
        PickFor::Consensus => review::input::picked_code(app, id),
        PickFor::Parent => codebook_door::parent_chosen(app, id),
        PickFor::MoveUnder(code) => codebook_pane::move_under(app, code, id),
        PickFor::MergeInto(code) => codebook_pane::merge_into(app, code, id),
        PickFor::SplitInto(moves) => codebook_pane::split_into(app, moves, id),
        PickFor::JumpDoc => {
            if app.open_doc(id, 0) {
                app.focus = Pane::Transcript;
                app.relayout();
            }
        }
    }
}

fn cycle_focus(app: &mut App, forward: bool) {
    let order = [Pane::Documents, Pane::Transcript, Pane::Codebook];
    let i = order.iter().position(|p| *p == app.focus).unwrap_or(0);
    let next = if forward { (i + 1) % 3 } else { (i + 2) % 3 };
    set_focus(app, order[next]);
}

/// Gives a pane the focus.
pub fn set_focus(app: &mut App, pane: Pane) {
    if pane != Pane::Transcript {
        app.side = pane;
    }
    app.focus = pane;
    app.relayout();
}

fn list_move(sel: &mut usize, len: usize, action: Action, page: usize) -> bool {
    let last = len.saturating_sub(1);
    *sel = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (*sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (*sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}

/// Performs an action from a key binding.
pub fn act(app: &mut App, action: Action) {
    let page = app.page_height();
    match action {
        Action::Quit => app.quit = true,
        Action::Help => {
            let ctx = app.ctx();
            app.overlay = Some(Overlay::Help { ctx, scroll: 0 });
        }
        Action::FocusNext => cycle_focus(app, true),
        Action::FocusPrev => cycle_focus(app, false),
        Action::Search => search::open(app),
        Action::HitNext => search::step(app, true),
        Action::HitPrev => search::step(app, false),
        Action::Retrieve => {
            if app.focus == Pane::Codebook {
                if let Some(code) = selected_code(app) {
                    let r = retrieve::open(app, &code);
                    app.overlay = Some(Overlay::Retrieve(r));
                }
            } else {
                edit::open_picker(app, PickFor::Retrieve);
            }
        }
        Action::Orphans => {
            app.overlay = Some(Overlay::Orphans { sel: 0 });
            worker::spawn_orphan_scan(
                app.study.clone(),
                app.session.mine.codings.clone(),
                app.tx.clone(),
            );
        }
        Action::JumpDoc => edit::open_picker(app, PickFor::JumpDoc),
        Action::Agreement => review::open(app),
        Action::Undo => codebook_door::undo(app),
        Action::Redo => codebook_door::redo(app),
        Action::Lang => {
            app.lang = if app.lang == "fr" {
                "en".into()
            } else {
                "fr".into()
            };
            app.info(format!("labels: {}", app.lang));
        }
        _ => match app.focus {
            Pane::Documents => documents_action(app, action, page),
            Pane::Transcript => transcript_action(app, action, page),
            Pane::Codebook => codebook_action(app, action, page),
        },
    }
}

fn documents_action(app: &mut App, action: Action, page: usize) {
    let len = app.doc_filtered.len();
    if list_move(&mut app.doc_sel, len, action, page) {
        return;
    }
    let current = app
        .doc_filtered
        .get(app.doc_sel)
        .and_then(|i| app.docs.get(*i))
        .map(|d| d.id.clone());
    match action {
        Action::Open => {
            if let Some(id) = current {
                let keep = app
                    .view
                    .as_ref()
                    .filter(|v| v.doc.id == id)
                    .map(|v| v.cursor);
                if app.open_doc(&id, keep.unwrap_or(0)) {
                    set_focus(app, Pane::Transcript);
                }
            }
        }
        Action::Filter => app.doc_filter_editing = true,
        Action::Escape => {
            app.doc_filter.clear();
            app.apply_filter();
        }
        Action::MemoDoc => {
            if let Some(id) = current {
                edit::open_memo(app, MemoFor::Doc(id));
            }
        }
        _ => {}
    }
}

fn selected_code(app: &App) -> Option<String> {
    let (i, _) = app.tree.get(app.code_sel)?;
    Some(app.study.codebook.codes.get(*i)?.id.clone())
}

fn codebook_action(app: &mut App, action: Action, page: usize) {
    let len = app.tree.len();
    if list_move(&mut app.code_sel, len, action, page) {
        return;
    }
    let Some(code) = selected_code(app) else {
        return;
    };
    match action {
        Action::Code => {
            edit::code_selection(app, &code);
        }
        Action::MemoCode => edit::open_memo(app, MemoFor::Code(code)),
        _ => codebook_pane::act(app, action, &code),
    }
}

fn transcript_action(app: &mut App, action: Action, page: usize) {
    let Some(view) = app.view.as_mut() else {
        if action != Action::Escape {
            app.info(strings::NO_DOCUMENT);
        }
        return;
    };
    if motion::move_cursor(view, action, page) {
        view.focus = None;
        app.relayout();
        return;
    }
    match action {
        Action::ToggleSelect => {
            if view.selecting {
                view.selecting = false;
            } else {
                view.anchor = Some(view.cursor);
                view.selecting = true;
            }
        }
        Action::SelectSentence => motion::select_unit(view, false),
        Action::SelectTurn => motion::select_unit(view, true),
        Action::CodingNext | Action::CodingPrev
            if !motion::jump_coding(view, action == Action::CodingNext) =>
        {
            app.info("no more codings this way");
        }
        Action::Escape => {
            view.anchor = None;
            view.selecting = false;
            view.focus = None;
            if app.placing.take().is_some() {
                app.info("placing cancelled");
            }
        }
        Action::SelectCoding => {
            if let Some(c) = app.coding_here().cloned() {
                if let Some(v) = app.view.as_mut() {
                    v.anchor = Some(c.start);
                    v.cursor = c.end;
                    v.selecting = true;
                    v.focus = Some(c.id);
                }
            } else {
                app.info(strings::NO_CODING_HERE);
            }
        }
        Action::Code => {
            if view.selection().is_some() {
                edit::open_picker(app, PickFor::Apply);
            } else {
                app.info(strings::NEED_SELECTION);
            }
        }
        Action::Recent(n) => match app.recent.get(usize::from(n).saturating_sub(1)).cloned() {
            Some(code) => {
                edit::code_selection(app, &code);
            }
            None => app.info(format!("no recent code {n} yet")),
        },
        Action::RemoveCoding => edit::remove_here(app),
        Action::InVivo => codebook_door::in_vivo(app),
        Action::AddExample => codebook_pane::add_example(app),
        Action::ChangeCode => match app.coding_here().map(|c| c.id.clone()) {
            Some(id) => edit::open_picker(app, PickFor::Change(id)),
            None => app.info(strings::NO_CODING_HERE),
        },
        Action::Respan => edit::respan(app),
        Action::MemoCoding => match app.coding_here().map(|c| c.id.clone()) {
            Some(id) => edit::open_memo(app, MemoFor::Coding(id)),
            None => app.info(strings::NO_CODING_HERE),
        },
        Action::MemoDoc => {
            let id = view.doc.id.clone();
            edit::open_memo(app, MemoFor::Doc(id));
        }
        _ => {}
    }
    app.relayout();
}

/// Whose codings a retrieval shows, as text.
pub fn whose_label(app: &App, w: &Whose) -> String {
    match w {
        Whose::Mine => format!("{} (me)", app.coder),
        Whose::Coder(c) => c.clone(),
        Whose::All => "all coders".to_string(),
    }
}
