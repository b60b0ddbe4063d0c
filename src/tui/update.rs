//! `update`: the one place where messages change the state.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use glose::locale::Lang;

use super::app::{App, Pane, Top};
use super::edit;
use super::keys::{Action, lookup};
use super::layers::doc_filter::DocFilter;
use super::layers::help::Help;
use super::layers::memo::MemoFor;
use super::layers::orphans::Orphans;
use super::layers::picker::PickFor;
use super::layers::placing::Placing;
use super::layers::retrieve::Retrieve;
use super::layers::review::Ask;
use super::layers::{Command, Outcome};
use super::motion;
use super::msg::Msg;
use super::widgets::short;
use super::{
    assist, codebook_door, codebook_pane, memo_door, mouse, play, reading, review, search, strings,
    team, worker,
};

/// Handles one message.
pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Key(k) => on_key(app, k),
        Msg::Mouse(m) => mouse::on_mouse(app, m),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.relayout();
            review::control::relayout(app);
        }
        Msg::Paste(s) => on_paste(app, &s),
        Msg::Tick => {
            app.ticks = app.ticks.wrapping_add(1);
            play::reap(&mut app.players);
            codebook_door::poll_disk(app);
        }
        Msg::Saved(saved) => {
            if let Some(e) = &saved.error {
                app.error(format!("NOT SAVED: {e}"));
            }
            if app.session.on_saved(saved) {
                app.refresh_codings();
            }
        }
        Msg::Others(others) => {
            app.set_others(*others);
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
                app.info(strings::NO_ORPHANS_FOUND);
            }
        }
        Msg::Progress(label, done, total) => {
            app.session.jobs.insert(label, (done, total));
        }
        Msg::JobDone(label) => {
            app.session.jobs.remove(&label);
        }
        Msg::Search(result) => search::on_result(app, result),
        Msg::Agreement { generation, data } => review::control::on_data(app, generation, *data),
        Msg::ConsensusSaved(saved) => review::control::on_saved(app, saved),
        Msg::InputClosed => quit_saving(app),
        Msg::Signal(n) => {
            app.info(strings::signal_quit(n));
            quit_saving(app);
        }
        Msg::Assist(reply) => assist::on_reply(app, *reply),
        Msg::Reading { generation, result } => reading::on_reading(app, generation, *result),
        Msg::Plan { generation, result } => search::on_plan(app, generation, *result),
        Msg::Exported(result) => reading::on_exported(app, *result),
    }
}

fn on_paste(app: &mut App, s: &str) {
    if let Some(layer) = app.key_layer().and_then(|i| app.layers.get_mut(i)) {
        layer.on_paste(s);
    }
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Quits from anywhere (Ctrl-C, a signal, the terminal gone); what the layers must finish
/// first (a memo being written) is done. The event loop then waits for the writers and
/// restores the terminal.
pub fn quit_saving(app: &mut App) {
    while let Some(mut layer) = app.layers.pop() {
        if let Some(cmd) = layer.on_quit() {
            run_command(app, cmd);
        }
    }
    app.save_continuity();
    app.quit = true;
}

fn on_key(app: &mut App, key: KeyEvent) {
    if is_ctrl_c(&key) {
        quit_saving(app);
        return;
    }
    match app.top() {
        Top::Layer => layer_key(app, &key),
        Top::Pane(_) => {
            if let Some(action) = lookup(app.ctx(), &key, true) {
                act(app, action);
            }
        }
    }
}

/// A key for the top layer, and what its outcome asks of the app.
fn layer_key(app: &mut App, key: &KeyEvent) {
    let Some(i) = app.key_layer() else {
        return;
    };
    let mut layer = app.layers.remove(i);
    let outcome = layer.on_key(key, &app.env());
    match outcome {
        Outcome::Stay => app.layers.insert(i, layer),
        Outcome::Close => {}
        Outcome::Do(cmd) => {
            app.layers.insert(i, layer);
            run_command(app, cmd);
        }
        Outcome::CloseThen(cmd) => run_command(app, cmd),
    }
}

/// Does what a layer asked.
fn run_command(app: &mut App, cmd: Command) {
    match cmd {
        Command::Pick { purpose, id } => {
            picked(app, &purpose, &id);
            // A reader just opened reads once; one under a recode reads again.
            if !matches!(purpose, PickFor::Retrieve) {
                reading::refresh(app);
            }
        }
        Command::SaveMemo(ed) => {
            edit::save_memo(app, &ed);
            reading::refresh(app);
        }
        Command::Info(text) => app.info(text),
        Command::GoTo { doc, pos, select } => app.go_to(&doc, pos, select),
        Command::Place(coding) => start_placing(app, &coding),
        Command::OpenPicker(purpose) => edit::open_picker(app, purpose),
        Command::RunSearch(query) => search::run(app, query),
        Command::KeepSearch { state, show } => search::keep(app, *state, show),
        Command::CompareCoders(selection) => review::control::compare(app, selection),
        Command::CreateCode {
            purpose,
            label,
            parent,
        } => codebook_pane::create_from_picker(app, &purpose, &label, parent.as_deref()),
        Command::ChooseParent(picker) => codebook_door::choose_parent(app, picker),
        Command::ParentChosen { back, parent } => codebook_door::parent_chosen(app, back, &parent),
        Command::Reopen(picker) => app.layers.push(picker),
        Command::PromptDone { purpose, text } => codebook_pane::prompt_done(app, &purpose, &text),
        Command::SaveCodeForm(form) => codebook_pane::save_form(app, form),
        Command::Split(moves) => codebook_pane::open_split_picker(app, moves),
        Command::SetDocFilter(text) => {
            app.doc_filter = text;
            app.apply_filter();
        }
        Command::Review(Ask::Undo) => codebook_door::undo(app),
        Command::Review(Ask::Redo) => codebook_door::redo(app),
        Command::Review(Ask::Act(action)) => act(app, action),
        Command::Review(ask) => review::control::run(app, ask),
        Command::ShowCoders(coders) => team::shown(app, coders),
        Command::Help(ctx) => app.open(Help::new(ctx)),
        Command::MemoOnCoding(id) => edit::open_memo(app, MemoFor::Coding(id)),
        Command::ExportReading {
            query,
            format,
            source,
        } => reading::export(app, &query, format, *source),
        Command::AutoCode { code, adds } => search::autocode(app, &code, adds),
        Command::AcceptSuggestion { code, doc, range } => assist::accept(app, &code, &doc, range),
        Command::RejectSuggestion {
            code,
            doc,
            range,
            text,
        } => assist::reject(app, code, doc, range, text),
        Command::Aside { layer, doc, range } => assist::aside(app, layer, &doc, range),
        Command::AskSimilar(source) => assist::ask_similar(app, source),
        Command::OpenMemo(target) => edit::open_memo(app, target),
        Command::CodePassage { doc, range } => {
            app.go_to(&doc, range.start, Some(range));
            edit::open_picker(app, PickFor::Apply);
        }
        Command::ShowCode(code) => memo_door::show_code(app, &code),
        Command::ReadHits { query, hits } => {
            let r = Retrieve::open_search(&query, hits);
            reading::open(app, r);
        }
        Command::Compute(job) => worker::spawn_job(*job, app.tx.clone()),
    }
}

/// Starts placing an orphaned coding again: its document opens where it was, and the
/// next `a` on a selection gives it that span.
fn start_placing(app: &mut App, coding: &glose::store::Coding) {
    app.go_to(&coding.doc, coding.start, None);
    app.stop_placing();
    app.open(Placing {
        id: coding.id.clone(),
    });
    if let Some(v) = app.view.as_mut() {
        v.focus = Some(coding.id.clone());
    }
    app.info(strings::placing(
        &coding.code,
        &short(&coding.anchor.quote, 40),
    ));
}

fn picked(app: &mut App, purpose: &PickFor, id: &str) {
    match purpose {
        PickFor::Apply => {
            edit::code_selection(app, id);
        }
        PickFor::Change(coding) => edit::change_code(app, coding, id),
        PickFor::Retrieve => reading::open(app, Retrieve::open(id)),
        PickFor::Consensus => review::control::picked_code(app, id),
        // A parent chooser answers with `Command::ParentChosen` (it holds the picker).
        PickFor::Parent => {}
        PickFor::MoveUnder(code) => codebook_pane::move_under(app, code, id),
        PickFor::MergeInto(code) => codebook_pane::merge_into(app, code, id),
        PickFor::SplitInto(moves) => codebook_pane::split_into(app, moves, id),
        PickFor::AutoCode => search::open_autocode(app, id),
        PickFor::JumpDoc => {
            if app.open_doc(id, 0) {
                app.focus = Pane::Transcript;
                app.relayout();
            }
        }
        PickFor::Suggest => assist::suggest(app, id),
    }
}

fn cycle_focus(app: &mut App, forward: bool) {
    let order = [Pane::Documents, Pane::Transcript, Pane::Codebook];
    let i = order.iter().position(|p| *p == app.focus).unwrap_or(0);
    let next = if forward { (i + 1) % 3 } else { (i + 2) % 3 };
    app.set_focus(order[next]);
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
        Action::Quit => quit_saving(app),
        Action::Help => {
            let ctx = app.ctx();
            app.open(Help::new(ctx));
        }
        Action::FocusNext => cycle_focus(app, true),
        Action::FocusPrev => cycle_focus(app, false),
        Action::Search => search::open(app),
        Action::HitNext => search::step(app, true),
        Action::HitPrev => search::step(app, false),
        Action::Retrieve => {
            if app.focus == Pane::Codebook {
                if let Some(code) = selected_code(app) {
                    reading::open(app, Retrieve::open(&code));
                }
            } else {
                edit::open_picker(app, PickFor::Retrieve);
            }
        }
        Action::Orphans => {
            app.open(Orphans::default());
            worker::spawn_orphan_scan(
                app.session.study.clone(),
                app.session.mine.codings.clone(),
                app.tx.clone(),
            );
        }
        Action::JumpDoc => edit::open_picker(app, PickFor::JumpDoc),
        Action::Agreement => review::control::open(app),
        Action::Undo => codebook_door::undo(app),
        Action::Redo => codebook_door::redo(app),
        Action::Lang => {
            let lang = if app.lang == "fr" { Lang::En } else { Lang::Fr };
            app.set_lang(lang);
            app.info(strings::LANGUAGE_NOW);
        }
        Action::Suggest => {
            let code = selected_code(app).filter(|_| app.focus == Pane::Codebook);
            assist::open_suggest(app, code);
        }
        Action::Similar => assist::open_similar(app),
        Action::Consistency => assist::open_consistency(app),
        Action::BackToList => assist::back(app),
        Action::Memos => memo_door::open(app),
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
                    app.set_focus(Pane::Transcript);
                }
            }
        }
        Action::Filter => {
            let text = app.doc_filter.as_str().into();
            app.open(DocFilter { text });
        }
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
    Some(app.session.study.codebook.codes.get(*i)?.id.clone())
}

fn codebook_action(app: &mut App, action: Action, page: usize) {
    let len = app.tree.len();
    if list_move(&mut app.code_sel, len, action, page) {
        return;
    }
    if let Action::HalfDown | Action::HalfUp = action {
        codebook_pane::scroll_definition(app, action == Action::HalfDown, None);
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
    if motion::select_key(view, action) {
        app.relayout();
        return;
    }
    match action {
        Action::CodingNext | Action::CodingPrev
            if !motion::jump_coding(view, action == Action::CodingNext) =>
        {
            app.info(strings::NO_MORE_CODINGS);
        }
        Action::Escape => {
            view.anchor = None;
            view.selecting = false;
            view.focus = None;
            view.unit = None;
            if app.stop_placing() {
                app.info(strings::PLACING_CANCELLED);
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
            None => app.info(strings::no_recent(n)),
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
        Action::PlayRecording => play::play_here(app),
        Action::ShowCoders => team::choose(app),
        Action::MergeDuplicates => team::merge_duplicates(app),
        _ => {}
    }
    app.relayout();
}
