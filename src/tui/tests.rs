//! Render and flow tests: the real app driven by messages, drawn into a `TestBackend`.

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use glose::store::{CoderFile, MemoTarget};
use glose::study::Study;

use super::app::{App, Pane};
use super::layers::memo::MemoEditor;
use super::layers::picker::Picker;
use super::layers::retrieve::{Retrieve, RetrieveRow, Whose};
use super::layers::search::HitRow;
use super::msg::{Msg, SearchResult};
use super::theme::{ColorMode, Theme};
use super::update::update;
use super::{open_app, view};

/// The app over a temp study, drawn into a test terminal.
pub(super) struct Harness {
    pub(super) app: App,
    pub(super) rx: Receiver<Msg>,
    pub(super) term: Terminal<TestBackend>,
    pub(super) dir: tempfile::TempDir,
}

/// A temp copy of the sample study.
pub(super) fn sample_study() -> tempfile::TempDir {
    crate::testkit::sample_study(None).unwrap()
}

impl Harness {
    pub(super) fn on(dir: tempfile::TempDir, w: u16, h: u16) -> Self {
        let study = Study::open(dir.path()).unwrap();
        let (tx, rx) = channel();
        let theme = Theme {
            mode: ColorMode::TrueColor,
        };
        let mut app = open_app(study, "tester".into(), theme, tx);
        update(&mut app, Msg::Resize(w, h));
        let term = Terminal::new(TestBackend::new(w, h)).unwrap();
        Self { app, rx, term, dir }
    }

    pub(super) fn new(w: u16, h: u16) -> Self {
        Self::on(sample_study(), w, h)
    }

    /// The status line's last message ("" when there is none).
    pub(super) fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.0.clone())
            .unwrap_or_default()
    }

    pub(super) fn send(&mut self, m: Msg) {
        update(&mut self.app, m);
        self.pump();
    }

    pub(super) fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub(super) fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub(super) fn keys(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Waits until the writer confirmed every change and the readings and plans asked for
    /// off the UI thread came back.
    pub(super) fn pump(&mut self) {
        while self.app.session.mine.pending > 0 || super::reading::waiting(&self.app) {
            let m = self.rx.recv_timeout(Duration::from_secs(10)).unwrap();
            update(&mut self.app, m);
        }
    }

    pub(super) fn draw(&mut self) -> String {
        let app = &self.app;
        self.term.draw(|f| view::draw(app, f)).unwrap();
        let buf = self.term.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    pub(super) fn on_disk(&self) -> CoderFile {
        let path = self.dir.path().join("codings/tester.jsonl");
        CoderFile::load(&path, "tester").unwrap().file
    }

    pub(super) fn mouse(&mut self, kind: MouseEventKind, x: u16, y: u16) {
        self.send(Msg::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    }
}

#[test]
fn documents_pane_at_80x24() {
    let mut h = Harness::new(80, 24);
    h.draw();
    assert_snapshot!("documents_80x24", h.term.backend());
}

#[test]
fn transcript_at_80x24_sets_speakers_apart() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Pane::Transcript);
    let screen = h.draw();
    assert!(screen.contains("Bonjour Claire, merci"), "{screen}");
    assert_snapshot!("transcript_80x24", h.term.backend());
    // The speaker label is bold, the interviewer's words italic.
    let buf = h.term.backend().buffer();
    assert!(
        buf[(1, 1)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    assert!(
        buf[(20, 1)]
            .modifier
            .contains(ratatui::style::Modifier::ITALIC)
    );
}

#[test]
fn wide_terminal_shows_three_panes_and_adapts_on_resize() {
    let mut h = Harness::new(160, 40);
    let screen = h.draw();
    assert!(screen.contains("Documents 18/18"));
    assert!(screen.contains("Codebook (38)"));
    assert!(screen.contains("Intervieweuse"));
    assert_snapshot!("three_panes_160x40", h.term.backend());
    h.send(Msg::Resize(80, 24));
    h.term.backend_mut().resize(80, 24);
    let screen = h.draw();
    assert!(!screen.contains("Codebook"));
}

#[test]
fn select_code_undo_redo_and_save() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("jjs");
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    let doc = &h.app.view.as_ref().unwrap().doc;
    assert_eq!(
        doc.slice(sel.clone()),
        "Comme je vous l’ai écrit, c’est pour une étude sur les très petites entreprises et les réseaux sociaux."
    );
    h.key(KeyCode::Char('c'));
    assert!(h.app.top_layer::<Picker>().is_some());
    h.keys("cocre");
    let screen = h.draw();
    assert!(screen.contains("Co-création avec les abonnés"));
    assert_snapshot!("picker_filtered", h.term.backend());
    h.key(KeyCode::Enter);
    assert!(h.app.layers.is_empty());
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].code, "practice.community.cocreation");
    assert_eq!(
        (file.codings[0].start, file.codings[0].end),
        (sel.start, sel.end)
    );
    let screen = h.draw();
    assert!(screen.contains("cocreation"), "stripe label drawn");
    assert!(screen.contains("saved ✓"));
    assert_snapshot!("coded_with_stripe", h.term.backend());
    // Recent code 1 applies the same code to the next sentence.
    h.key(KeyCode::Esc);
    h.keys("s");
    h.keys("1");
    assert_eq!(h.on_disk().codings.len(), 2);
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), 1);
    // Undo names what was done, not the inverse that undoes it (#18).
    assert_eq!(
        h.app.message.as_ref().unwrap().0,
        "undid: added practice.community.cocreation"
    );
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), 0);
    h.keys("u");
    assert_eq!(h.app.message.as_ref().unwrap().0, "nothing to undo");
    h.keys("U");
    h.ctrl('r');
    assert_eq!(h.on_disk().codings.len(), 2);
}

#[test]
fn change_remove_and_resize_a_coding() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("jjs");
    edit_apply(&mut h, "practice.community");
    let id = h.on_disk().codings[0].id.clone();
    // Change its code through the picker.
    h.keys("r");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    assert_eq!(h.on_disk().codings[0].code, "role.sales");
    // Resize: select it, extend by a sentence, apply the span.
    h.keys("xs");
    h.keys("a");
    let c = &h.on_disk().codings[0];
    assert_eq!(c.id, id);
    assert!(c.anchor.quote.ends_with("Pour commencer, est-ce que vous pouvez vous présenter, et présenter Brindille Céramique\u{a0}?"));
    // Remove.
    h.keys("d");
    assert!(h.on_disk().codings.is_empty());
}

fn edit_apply(h: &mut Harness, code: &str) {
    h.keys("c");
    h.keys(code);
    h.key(KeyCode::Enter);
}

#[test]
fn motions_move_by_word_sentence_turn_and_coding() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    let cur = |h: &Harness| h.app.view.as_ref().unwrap().cursor;
    h.keys("w");
    assert_eq!(cur(&h), "Intervieweuse : ".chars().count());
    h.keys("e");
    assert_eq!(cur(&h), "Intervieweuse : Bonjour".chars().count());
    h.keys("}");
    let doc = h.app.view.as_ref().unwrap().doc.clone();
    assert_eq!(cur(&h), doc.turns[1].content.start);
    h.keys("{");
    assert_eq!(cur(&h), doc.turns[0].content.start);
    h.keys(")");
    assert_eq!(cur(&h), doc.sentences[1].start);
    h.keys("G");
    assert_eq!(cur(&h), doc.char_len());
    let screen = h.draw();
    assert!(screen.contains("337/337") || screen.contains("100%"));
    h.keys("g");
    assert_eq!(cur(&h), 0);
    // Turn selection: the whole content of the first turn, then the next one added.
    h.keys("t");
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    assert_eq!(sel, doc.turns[0].content.clone());
    h.keys("t");
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    assert_eq!(sel.end, doc.turns[1].content.end);
    edit_apply(&mut h, "practice.community");
    h.keys("g");
    h.keys("]");
    assert_eq!(cur(&h), doc.turns[0].content.start);
    assert!(h.app.view.as_ref().unwrap().focus.is_some());
}

#[test]
fn help_lists_the_keys_of_the_pane() {
    // Tall enough for the transcript's keys and the first global ones.
    let mut h = Harness::new(100, 44);
    h.key(KeyCode::Enter);
    h.keys("?");
    let screen = h.draw();
    assert!(screen.contains("select the sentence"));
    assert!(screen.contains("quit (everything is already saved)"));
    assert_snapshot!("help_transcript", h.term.backend());
    h.keys("x");
    assert!(h.app.layers.is_empty());
}

#[test]
fn memo_on_a_coding_and_on_the_document() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice.community");
    h.keys("m");
    assert!(h.app.top_layer::<MemoEditor>().is_some());
    h.keys("Première ligne");
    h.key(KeyCode::Enter);
    h.keys("deuxième, déjà.");
    let screen = h.draw();
    assert!(screen.contains("deuxième, déjà."));
    h.key(KeyCode::Esc);
    assert_eq!(
        h.on_disk().codings[0].memo.as_deref(),
        Some("Première ligne\ndeuxième, déjà.")
    );
    h.keys("M");
    h.keys("Entretien riche.");
    h.ctrl('s');
    let file = h.on_disk();
    assert_eq!(
        file.memo(&MemoTarget::Doc("E01".into()))
            .map(|m| m.text.as_str()),
        Some("Entretien riche.")
    );
    // Undo takes the document memo away again.
    h.keys("u");
    assert!(h.on_disk().memo(&MemoTarget::Doc("E01".into())).is_none());
    // Ctrl-g discards.
    h.keys("M");
    h.keys("brouillon");
    h.ctrl('g');
    assert!(h.on_disk().memo(&MemoTarget::Doc("E01".into())).is_none());
}

#[test]
fn retrieve_lists_coded_passages_and_jumps() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter);
    h.keys("jjs");
    edit_apply(&mut h, "practice.community.cocreation");
    h.keys("o");
    h.keys("E03");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.as_ref().unwrap().doc.id, "E03");
    h.keys("}s");
    edit_apply(&mut h, "practice.community.teasing");
    // Retrieve the parent code: both passages, grouped by document.
    h.keys("R");
    h.keys("practice.community");
    h.key(KeyCode::Enter);
    let screen = h.draw();
    assert!(screen.contains("2 passages"), "{screen}");
    assert!(screen.contains("E01 Brindille"));
    assert!(screen.contains("E03 Pousse-Pousse"));
    assert_snapshot!("retrieve_by_document", h.term.backend());
    h.keys("g");
    let screen = h.draw();
    assert!(screen.contains("pre-launch (1)") && screen.contains("launch (1)"));
    h.keys("f");
    h.keys("stage=launch");
    h.key(KeyCode::Enter);
    let screen = h.draw();
    assert!(screen.contains("1 passages"), "{screen}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.as_ref().unwrap().doc.id, "E03");
    assert!(h.app.view.as_ref().unwrap().selection().is_some());
}

#[test]
fn search_results_jump_and_highlight() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("instagram");
    // The search thread is not started here: feed a result as the worker would.
    let doc = h.app.session.study.load_document("E02").unwrap();
    let start = doc.text.find("Instagram").map(|b| doc.char_of(b)).unwrap();
    let range = doc
        .sentences
        .iter()
        .find(|s| s.contains(&start))
        .unwrap()
        .clone();
    let hit = HitRow {
        doc: "E02".into(),
        range: range.clone(),
        speaker: "Fondateur".into(),
        text: doc.slice(range.clone()).to_string(),
        matches: std::iter::once(start..start + "Instagram".chars().count()).collect(),
    };
    h.app.search_mut().query = "instagram".into();
    h.send(Msg::Search(SearchResult {
        query: "instagram".into(),
        hits: Ok(vec![hit]),
    }));
    let screen = h.draw();
    assert!(screen.contains("1 hits"));
    assert!(screen.contains("E02 · Fondateur"));
    assert_snapshot!("search_results", h.term.backend());
    h.key(KeyCode::Enter);
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, "E02");
    assert_eq!(v.cursor, start);
    assert_eq!(v.matches.len(), 1);
    h.draw();
    // The match is drawn with the match background.
    let buf = h.term.backend().buffer();
    let theme = h.app.theme;
    let found = buf
        .content()
        .iter()
        .any(|c| c.bg == theme.matched().bg.unwrap() && c.symbol() == "g");
    assert!(found);
    h.keys("n");
    assert_eq!(h.app.view.as_ref().unwrap().cursor, start);
}

#[test]
fn mouse_click_drag_and_stripe_click() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    // Transcript pane starts at x=0 (the codebook beside it); text at x=1, y=1.
    h.mouse(MouseEventKind::Down(MouseButton::Left), 1, 1);
    assert_eq!(h.app.view.as_ref().unwrap().cursor, 0);
    h.mouse(MouseEventKind::Drag(MouseButton::Left), 1 + 13, 1);
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    assert_eq!(h.app.view.as_ref().unwrap().doc.slice(sel), "Intervieweuse");
    h.mouse(MouseEventKind::Up(MouseButton::Left), 1 + 13, 1);
    edit_apply(&mut h, "practice");
    // Click the stripe: its coding is selected and focused.
    let geo = super::view::transcript::geometry(h.app.rects().transcript.unwrap());
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char('g'));
    h.mouse(MouseEventKind::Down(MouseButton::Left), geo.lanes.x, 1);
    let v = h.app.view.as_ref().unwrap();
    assert!(v.focus.is_some());
    assert_eq!(v.selection(), Some(0..13));
    h.mouse(MouseEventKind::ScrollDown, 4, 5);
    assert_eq!(h.app.view.as_ref().unwrap().top, 3);
}

#[test]
fn orphaned_coding_is_found_and_placed_again() {
    let dir = sample_study();
    let mut h = Harness::on(dir, 100, 30);
    h.key(KeyCode::Enter);
    h.keys("jjs");
    edit_apply(&mut h, "practice");
    drop(h.app);
    // Edit the transcript so the coded sentence is gone.
    let path = h.dir.path().join("corpus/E01.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "Comme je vous l’ai écrit, c’est pour une étude sur les très petites entreprises et les réseaux sociaux.",
            "Tout autre chose ici.",
        ),
    )
    .unwrap();
    let mut h = Harness::on(h.dir, 100, 30);
    h.keys("O");
    let m = h.rx.recv_timeout(Duration::from_secs(10)).unwrap();
    update(&mut h.app, m);
    while h.app.orphans.is_empty() {
        let m = h.rx.recv_timeout(Duration::from_secs(10)).unwrap();
        update(&mut h.app, m);
    }
    let screen = h.draw();
    assert!(screen.contains("Comme je vous"), "{screen}");
    h.key(KeyCode::Enter);
    assert!(h.app.placing().is_some());
    h.keys("s");
    h.keys("a");
    let c = &h.on_disk().codings[0];
    assert_eq!(c.anchor.quote, "Tout autre chose ici.");
    assert!(h.app.placing().is_none());
}

#[test]
fn control_characters_and_wide_text_are_drawn_safely() {
    let dir = sample_study();
    std::fs::write(
        dir.path().join("corpus/E00.txt"),
        "---\nid: E00\n---\nIntervieweuse : Bonjour \u{1b}[2J 日本語 👍🏽.\n",
    )
    .unwrap();
    let mut h = Harness::on(dir, 80, 24);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.as_ref().unwrap().doc.id, "E00");
    let screen = h.draw();
    assert!(screen.contains("\\u{1b}[2J"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    assert!(screen.contains("日") && screen.contains("👍🏽"));
}

#[test]
fn read_only_when_another_glose_holds_the_lock() {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let _held = glose::store::CoderStore::open(&study, "tester").unwrap();
    let mut h = Harness::on(dir, 100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice");
    assert!(h.app.session.mine.codings.is_empty());
    assert!(h.draw().contains("read-only"));
}

#[test]
fn ctrl_c_quits_and_nothing_is_lost() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice");
    h.keys("m");
    h.keys("en cours");
    h.ctrl('c');
    assert!(h.app.quit);
    h.app.finish();
    assert_eq!(h.on_disk().codings[0].memo.as_deref(), Some("en cours"));
}

#[test]
fn no_color_draws_without_colours() {
    let mut h = Harness::new(100, 30);
    h.app.theme = Theme {
        mode: ColorMode::None,
    };
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice");
    h.draw();
    let buf = h.term.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

#[test]
fn documents_filter() {
    let mut h = Harness::new(80, 24);
    h.keys("f");
    h.keys("growth");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.doc_filtered.len(), 7);
    let screen = h.draw();
    assert!(screen.contains("Documents 7/18"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.doc_filtered.len(), 18);
}

#[test]
fn real_search_runs_off_the_ui_thread() {
    let mut h = Harness::new(120, 40);
    h.app.searcher = super::worker::spawn_searcher(h.app.session.study.clone(), h.app.tx.clone());
    h.keys("/");
    h.keys("instagram");
    h.key(KeyCode::Enter);
    assert!(h.app.search().running);
    while h.app.search().running {
        let m = h.rx.recv_timeout(Duration::from_secs(60)).unwrap();
        update(&mut h.app, m);
    }
    assert!(h.app.search().error.is_none(), "{:?}", h.app.search().error);
    assert!(!h.app.search().hits.is_empty());
    let first = h.app.search().hits[0].clone();
    h.key(KeyCode::Enter);
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, first.doc);
    assert_eq!(v.cursor, first.matches[0].start);
    assert_eq!(
        v.doc.slice(first.matches[0].clone()).to_lowercase(),
        "instagram"
    );
    // A malformed query reports its column.
    h.keys("/");
    h.key(KeyCode::Char('u'));
    h.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    h.app.search_mut().query = "\"unclosed".into();
    h.key(KeyCode::Enter);
    while h.app.search().running {
        let m = h.rx.recv_timeout(Duration::from_secs(60)).unwrap();
        update(&mut h.app, m);
    }
    assert!(
        h.app
            .search()
            .error
            .as_deref()
            .unwrap_or("")
            .contains("column"),
        "{:?}",
        h.app.search().error
    );
}

#[test]
fn other_coders_codings_arrive_after_the_first_frame() {
    let dir = sample_study();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    let study = Study::open(dir.path()).unwrap();
    let expected = glose::store::load_all(&study).codings.len();
    assert!(expected > 0);
    let (tx, rx) = channel();
    let theme = Theme {
        mode: ColorMode::TrueColor,
    };
    let mut app = super::open_app_with(study, "tester".into(), theme, tx.clone(), false);
    assert!(
        app.session.others.is_empty(),
        "the first frame does not wait for them"
    );
    super::session::spawn_other_codings(app.session.study.clone(), "tester".into(), tx);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.session.others.is_empty() && std::time::Instant::now() < deadline {
        if let Ok(m) = rx.recv_timeout(std::time::Duration::from_millis(200)) {
            update(&mut app, m);
        }
    }
    assert_eq!(app.session.others.len(), expected);
    assert!(app.session.others.iter().any(|c| c.coder == "coder-b"));
}

/// The TUI's retrieval by stage files every passage under the stage `glose export --by
/// stage` gives it (the house's rule: the coder's stage code over the passage, else the
/// interview's attribute), for every code of the sample study and every coder.
#[test]
fn retrieval_by_stage_equals_the_export_grouping() {
    use glose::export::{Dimension, ExportOptions, Selection, ValueRule, build_segments};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = sample_study();
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    let h = Harness::on(dir, 120, 40);
    let study = h.app.session.study.clone();
    let all = glose::store::load_all(&study);
    let stage = Dimension::resolve(&study, "stage").unwrap();
    let mut compared = 0;
    let mut by_code_not_attribute = 0;
    let codes: Vec<String> = study.codebook.codes.iter().map(|c| c.id.clone()).collect();
    for code in codes {
        let mut r = Retrieve::open(&code);
        r.whose = Whose::All;
        r.grouping = glose::reader::Grouping::Stage;
        r.rebuild(&h.app.env());
        let mut tui: Vec<(String, String, usize, usize, String)> = Vec::new();
        let mut heading = String::new();
        for row in &r.rows {
            match row {
                RetrieveRow::Header(label) => {
                    heading = label.rsplit_once(" (").unwrap().0.to_string();
                }
                RetrieveRow::Passage {
                    doc, range, coder, ..
                } => tui.push((
                    heading.clone(),
                    doc.clone(),
                    range.start,
                    range.end,
                    coder.clone(),
                )),
            }
        }
        let opts = ExportOptions {
            by: vec![stage.clone()],
            selection: Selection {
                codes: vec![code.clone()],
                ..Selection::default()
            },
            lean: true,
            ..ExportOptions::default()
        };
        let set = build_segments(&study, &all, &opts).unwrap();
        let mut export: Vec<(String, String, usize, usize, String)> = set
            .records
            .iter()
            .map(|rec| {
                let d = &rec.dims[0];
                if d.rule == ValueRule::Code
                    && study.stage_of(&rec.doc).as_deref() != d.value.as_deref()
                {
                    by_code_not_attribute += 1;
                }
                (
                    d.value.as_deref().unwrap_or("(no stage)").to_string(),
                    rec.doc.to_string(),
                    rec.start,
                    rec.end,
                    rec.coder.to_string(),
                )
            })
            .collect();
        tui.sort();
        export.sort();
        assert_eq!(tui, export, "code {code}");
        compared += export.len();
    }
    assert!(compared > 300, "{compared} passages compared");
    // The sample has passages whose stage code differs from the interview's attribute:
    // grouping by the attribute alone would file them elsewhere.
    assert!(by_code_not_attribute > 0);
}

/// #20.5: after a failed save (here: conflict markers from a merge) the status line says
/// NOT SAVED, never "saved ✓", until a save succeeds again.
#[test]
fn a_failed_save_shows_not_saved_until_a_save_succeeds() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice");
    assert!(h.draw().contains("saved ✓"));
    let path = h.dir.path().join("codings/tester.jsonl");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("<<<<<<< HEAD\n{good}=======\n>>>>>>> theirs\n"),
    )
    .unwrap();
    h.keys("js");
    edit_apply(&mut h, "practice");
    let screen = h.draw();
    assert!(screen.contains("NOT SAVED"), "{screen}");
    assert!(!screen.contains("saved ✓"), "{screen}");
    assert!(h.app.session.mine.save_failed.is_some());
    // The merge is resolved: the next change is saved and the status says so.
    std::fs::write(&path, &good).unwrap();
    h.keys("js");
    edit_apply(&mut h, "practice");
    let screen = h.draw();
    assert!(screen.contains("saved ✓"), "{screen}");
    assert!(!screen.contains("NOT SAVED"), "{screen}");
    assert_eq!(h.on_disk().codings.len(), 2);
}

/// #20.3: SIGTERM, SIGHUP (the terminal closed) and a terminal that can no longer be read
/// end the TUI as Ctrl-C does: the memo being typed is saved.
#[test]
fn signals_and_a_closed_terminal_save_the_memo_being_typed() {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    for (i, msg) in [Msg::Signal(SIGTERM), Msg::Signal(SIGHUP), Msg::InputClosed]
        .into_iter()
        .enumerate()
    {
        let mut h = Harness::new(100, 30);
        h.key(KeyCode::Enter);
        h.keys("s");
        edit_apply(&mut h, "practice");
        h.keys("m");
        let memo = format!("en cours {i}");
        h.keys(&memo);
        h.send(msg);
        assert!(h.app.quit);
        h.app.finish();
        assert_eq!(h.on_disk().codings[0].memo.as_deref(), Some(memo.as_str()));
    }
}

/// Undo acts where it can be seen: undoing a coding made in E01 while E02 is shown opens
/// E01 at the coding; and it refuses to revert a coding changed on disk since (a `git
/// pull`), dropping that step so the next undo goes further back.
#[test]
fn undo_shows_where_it_acts_and_never_reverts_a_newer_version() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    edit_apply(&mut h, "practice");
    let made = h.on_disk().codings[0].clone();
    assert_eq!(made.doc, "E01");
    // Show E02, then undo: the view goes back to E01, at the coding.
    assert!(h.app.open_doc("E02", 0));
    h.keys("u");
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, "E01");
    assert_eq!(v.cursor, made.start);
    assert!(h.on_disk().codings.is_empty());
    // Redo, then someone else changes the coding on disk (a newer version).
    h.ctrl('r');
    assert_eq!(h.on_disk().codings.len(), 1);
    let path = h.dir.path().join("codings/tester.jsonl");
    let mut newer = h.on_disk();
    newer.codings[0].code = "role".into();
    newer.codings[0].modified = glose::store::now();
    std::fs::write(&path, newer.serialize()).unwrap();
    // The next save reloads the file and shows it; undo must not remove the newer coding.
    h.keys("js");
    edit_apply(&mut h, "practice");
    assert_eq!(h.on_disk().codings.len(), 2);
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), 1, "the last addition is undone");
    h.keys("u");
    let (msg, is_error) = h.app.message.clone().unwrap();
    assert!(is_error && msg.contains("newer version"), "{msg}");
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].code, "role");
}

/// One writer type for the coder and the consensus file: it confirms each batch, and sends
/// the file back only when it had to read it again from disk (someone else changed it) or
/// the write failed, never a full copy with every save.
#[test]
fn the_writer_returns_the_file_only_when_it_read_it_again() {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E01").unwrap();
    let store = glose::store::CoderStore::open(&study, "w").unwrap();
    let (tx, rx) = channel();
    let mut writer = super::writer::Writer::spawn(store, tx, Msg::Saved);
    let s = doc.sentences[0].clone();
    let mine = glose::store::new_coding(&doc, "practice", s, None, "w");
    assert!(writer.send(vec![glose::store::Op::Add(mine.clone())]));
    let recv = || rx.recv_timeout(Duration::from_secs(10)).unwrap();
    match recv() {
        Msg::Saved(s) => assert!(s.file.is_none() && s.error.is_none()),
        other => panic!("{other:?}"),
    }
    // Someone else adds a coding on disk (a git pull).
    let path = dir.path().join("codings/w.jsonl");
    let mut on_disk = CoderFile::load(&path, "w").unwrap().file;
    let theirs = glose::store::new_coding(&doc, "role", doc.sentences[1].clone(), None, "w");
    on_disk.codings.push(theirs.clone());
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&path, on_disk.serialize()).unwrap();
    let next = glose::store::new_coding(&doc, "stage", doc.sentences[2].clone(), None, "w");
    assert!(writer.send(vec![glose::store::Op::Add(next.clone())]));
    match recv() {
        Msg::Saved(super::writer::Saved {
            file: Some(file),
            error: None,
        }) => {
            let ids: Vec<&str> = file.codings.iter().map(|c| c.id.as_str()).collect();
            for c in [&mine, &theirs, &next] {
                assert!(ids.contains(&c.id.as_str()), "{ids:?}");
            }
        }
        other => panic!("{other:?}"),
    }
    writer.finish();
}

/// `P` plays the transcript's recording from the cursor's time with the player of
/// glose.toml, and the status line shows that time; a stand-in player records its
/// arguments.
#[cfg(unix)]
#[test]
fn play_key_starts_the_player_at_the_passage_time_shown_in_the_status_line() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sample_study();
    let root = dir.path().to_path_buf();
    std::fs::write(
        root.join("corpus/E20.txt"),
        "---\nid: E20\nrecording: media/E20.mp3\n---\n\
         [00:00:04] Intervieweuse : Bonjour, merci d’être là.\n\n\
         [00:01:05] Fondatrice : On a lancé sur Instagram.\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("corpus/media")).unwrap();
    std::fs::write(root.join("corpus/media/E20.mp3"), b"not really audio").unwrap();
    let log = root.join("player-args.txt");
    let script = root.join("stand-in-player");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let toml = std::fs::read_to_string(root.join("glose.toml")).unwrap();
    std::fs::write(
        root.join("glose.toml"),
        format!(
            "{toml}\n[player]\ncommand = \"{} --start={{seconds}} {{file}}\"\n",
            script.display()
        ),
    )
    .unwrap();

    let mut h = Harness::on(dir, 120, 30);
    let at = {
        let study = Study::open(&root).unwrap();
        let doc = study.load_document("E20").unwrap();
        doc.text.find("On a lancé").unwrap()
    };
    let at = h.app.session.study.load_document("E20").unwrap().text[..at]
        .chars()
        .count();
    assert!(h.app.open_doc("E20", at));
    h.app.focus = Pane::Transcript;
    let screen = h.draw();
    assert!(screen.contains("00:01:05"), "{screen}");

    h.key(KeyCode::Char('P'));
    let mut args = String::new();
    for _ in 0..100 {
        args = std::fs::read_to_string(&log).unwrap_or_default();
        if !args.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let lines: Vec<&str> = args.lines().collect();
    assert_eq!(lines.first(), Some(&"--start=65"), "{args}");
    assert!(
        lines.last().is_some_and(|f| f.ends_with("media/E20.mp3")),
        "{args}"
    );
    let screen = h.draw();
    assert!(screen.contains("playing"), "{screen}");
}

/// Without a recording named in its header, `P` says so on the message line.
#[test]
fn play_key_without_a_recording_says_so() {
    let mut h = Harness::new(120, 30);
    assert!(h.app.open_doc("E01", 0));
    h.app.focus = Pane::Transcript;
    h.key(KeyCode::Char('P'));
    let screen = h.draw();
    assert!(screen.contains("names no recording"), "{screen}");
}
