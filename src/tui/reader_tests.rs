//! The segments reader (`R`) and the search popup, driven through the real app into a
//! `TestBackend` (the harness of `tests.rs`).

use ratatui::crossterm::event::KeyCode;

use glose::reader::Grouping;

use super::layers::memo::MemoEditor;
use super::layers::picker::Picker;
use super::layers::retrieve::{Retrieve, RetrieveRow};
use super::tests::Harness;

/// Codes E01's third sentence and E03's first sentence after its first turn, then opens
/// the reader on their parent code.
fn reader_on_two_passages(h: &mut Harness) {
    h.key(KeyCode::Enter);
    h.keys("jjs");
    apply(h, "practice.community.cocreation");
    h.keys("o");
    h.keys("E03");
    h.key(KeyCode::Enter);
    h.keys("}s");
    apply(h, "practice.community.teasing");
    h.keys("R");
    h.keys("practice.community");
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<Retrieve>().is_some());
}

fn apply(h: &mut Harness, code: &str) {
    h.keys("c");
    h.keys(code);
    h.key(KeyCode::Enter);
}

fn reader(h: &Harness) -> &Retrieve {
    h.app.top_layer::<Retrieve>().unwrap()
}

/// Each passage is shown in full, between the sentences before and after it in a dim
/// italic style; `+` and `-` change how many; `g` cycles document, stage, coder, code.
#[test]
fn reader_shows_passages_in_full_with_context_grouped_as_asked() {
    let mut h = Harness::new(120, 40);
    reader_on_two_passages(&mut h);
    let e01 = h.app.session.study.load_document("E01").unwrap();
    let coded = h
        .on_disk()
        .codings
        .iter()
        .find(|c| c.doc == "E01")
        .unwrap()
        .range();
    let i = e01.sentences.iter().position(|s| *s == coded).unwrap();
    assert!(i > 0);
    let screen = h.draw();
    // The whole passage (it wraps over lines), and the sentence either side.
    for s in [i - 1, i, i + 1] {
        let sentence = e01.slice(e01.sentences[s].clone());
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for w in words.chunks(4) {
            let w = w.join(" ");
            assert!(
                screen.lines().any(|l| l.contains(&w)) || w.split(' ').all(|x| screen.contains(x)),
                "{w}\n{screen}"
            );
        }
    }
    // The coded sentence is drawn plain, its context dim and italic.
    let buf = h.term.backend().buffer().clone();
    let find = |word: &str| {
        let w = ratatui::layout::Rect::new(0, 0, 120, 40);
        (w.y..w.height).find_map(|y| {
            let row: String = (0..w.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.find(word).map(|b| (row[..b].chars().count() as u16, y))
        })
    };
    let passage_word = e01.slice(coded.start..coded.start + 4).to_string();
    let (x, y) = find(&passage_word).unwrap();
    assert!(
        !buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::ITALIC)
    );
    let (x, y) = find("Bonjour Claire").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::ITALIC)
    );
    // Less context: the neighbours go; more: they come back.
    h.keys("-");
    assert_eq!(reader(&h).context, 0);
    let screen = h.draw();
    assert!(!screen.contains("Bonjour Claire"), "{screen}");
    h.keys("++");
    assert_eq!(reader(&h).context, 2);
    // Grouping: document → stage → coder → code → document.
    for (want, heading) in [
        (Grouping::Stage, "pre-launch (1)"),
        (Grouping::Coder, "tester (2)"),
        (
            Grouping::Code,
            "Co-création avec les abonnés · practice.community.cocreation (1)",
        ),
        (Grouping::Document, "E01 Brindille"),
    ] {
        h.keys("g");
        assert_eq!(reader(&h).grouping, want);
        let screen = h.draw();
        assert!(screen.contains(heading), "{want:?}: {heading}\n{screen}");
    }
    // j / k move between passages; Enter opens the document with the passage selected.
    assert!(
        matches!(&reader(&h).rows[reader(&h).sel], RetrieveRow::Passage { doc, .. } if doc == "E01")
    );
    h.keys("j");
    assert!(
        matches!(&reader(&h).rows[reader(&h).sel], RetrieveRow::Passage { doc, .. } if doc == "E03")
    );
    h.keys("k");
    h.key(KeyCode::Enter);
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, "E01");
    assert_eq!(v.selection(), Some(coded));
}

/// `r` recodes and `m` writes a memo on the highlighted passage without leaving the
/// reader, which shows the change; another coder's passage is refused.
#[test]
fn reader_recodes_and_memos_in_place() {
    let mut h = Harness::new(120, 40);
    reader_on_two_passages(&mut h);
    h.keys("r");
    assert!(h.app.top_layer::<Picker>().is_some());
    h.keys("practice.community.teasing");
    h.key(KeyCode::Enter);
    assert!(
        h.app.top_layer::<Retrieve>().is_some(),
        "back in the reader"
    );
    let codes: Vec<String> = h.on_disk().codings.iter().map(|c| c.code.clone()).collect();
    assert_eq!(
        codes,
        ["practice.community.teasing", "practice.community.teasing"]
    );
    let screen = h.draw();
    assert!(!screen.contains("Co-création avec les abonnés"), "{screen}");
    h.keys("m");
    assert!(h.app.top_layer::<MemoEditor>().is_some());
    h.keys("à relire");
    h.key(KeyCode::Esc);
    assert!(h.app.top_layer::<Retrieve>().is_some());
    let file = h.on_disk();
    assert!(
        file.codings
            .iter()
            .any(|c| c.memo.as_deref() == Some("à relire"))
    );
    assert!(h.draw().contains("memo: à relire"));
    // One undo per change, as anywhere.
    h.key(KeyCode::Esc);
    h.keys("u");
    assert!(h.on_disk().codings.iter().all(|c| c.memo.is_none()));
}

/// Another coder's passages are shown read-only.
#[test]
fn reader_refuses_to_recode_another_coders_passage() {
    let dir = super::tests::sample_study();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    let mut h = Harness::on(dir, 120, 40);
    let study = h.app.session.study.clone();
    h.app.session.others = glose::store::load_all(&study).codings;
    h.keys("R");
    h.keys("stage");
    h.key(KeyCode::Enter);
    h.keys("c");
    assert!(reader(&h).passages > 0);
    h.keys("r");
    assert!(h.app.top_layer::<Picker>().is_none());
    let (msg, _) = h.app.message.clone().unwrap();
    assert!(msg.contains("coder-a's"), "{msg}");
}

/// `e` exports what is shown through the export core (same passages, pseudonymised) to a
/// file under exports/, named in the status line; `E` changes the format.
#[test]
fn reader_exports_what_is_shown() {
    let mut h = Harness::new(120, 40);
    reader_on_two_passages(&mut h);
    h.keys("f");
    h.keys("stage=lancement");
    h.key(KeyCode::Enter);
    assert_eq!(reader(&h).passages, 1);
    h.keys("E");
    h.keys("E");
    h.keys("E");
    h.keys("E");
    h.keys("e");
    let (msg, error) = h.app.message.clone().unwrap();
    assert!(!error, "{msg}");
    assert!(
        msg.contains("exported 1 passage(s) to exports/segments-practice.community.jsonl"),
        "{msg}"
    );
    let path = h
        .dir
        .path()
        .join("exports/segments-practice.community.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("\"doc\":\"E03\""), "{text}");
    assert!(h.app.top_layer::<Retrieve>().is_some());
}

/// Feeds the open search popup hits as the search thread would: every sentence of `doc`
/// holding `word`.
pub(super) fn feed_hits(h: &mut Harness, doc: &str, word: &str) -> usize {
    use super::layers::search::HitRow;
    use super::msg::{Msg, SearchResult};
    let d = h.app.session.study.load_document(doc).unwrap();
    let mut hits = Vec::new();
    for (b, _) in d.text.match_indices(word) {
        let start = d.char_of(b);
        let range = d
            .sentences
            .iter()
            .find(|s| s.contains(&start))
            .unwrap()
            .clone();
        hits.push(HitRow {
            doc: doc.into(),
            range: range.clone(),
            speaker: String::new(),
            text: d.slice(range).to_string(),
            matches: std::iter::once(start..start + word.chars().count()).collect(),
        });
    }
    let n = hits.len();
    h.app.search_mut().query = word.into();
    h.send(Msg::Search(SearchResult {
        query: word.into(),
        hits: Ok(hits),
    }));
    n
}

/// `a` in the search results codes every hit with a code: a preview (count, passages,
/// unit), then Enter makes one change that one undo takes back.
#[test]
fn search_hits_are_auto_coded_after_a_preview_with_one_undo() {
    use super::layers::autocode::AutoCode;
    use glose::unit::Unit;
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("Instagram");
    let n = feed_hits(&mut h, "E02", "Instagram");
    assert!(n >= 2, "{n}");
    h.keys("a");
    assert!(h.app.top_layer::<Picker>().is_some());
    h.keys("practice.platform-choice");
    h.key(KeyCode::Enter);
    let preview = h
        .app
        .top_layer::<AutoCode>()
        .unwrap_or_else(|| panic!("{:?} {:?}", h.app.message, h.app.layers));
    assert_eq!(preview.unit, Unit::Sentence);
    let sentences = preview.plan.adds.len();
    assert!(sentences >= 1 && sentences <= n);
    let screen = h.draw();
    assert!(
        screen.contains(&format!("Auto-code {sentences} passage(s) with")),
        "{screen}"
    );
    assert!(screen.contains("unit: sentence"), "{screen}");
    // Turns: fewer or as many passages, each a whole turn.
    h.keys("u");
    let preview = h.app.top_layer::<AutoCode>().unwrap();
    assert_eq!(preview.unit, Unit::Turn);
    assert!(preview.plan.adds.len() <= sentences);
    h.keys("uu");
    assert_eq!(h.app.top_layer::<AutoCode>().unwrap().unit, Unit::Sentence);
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<AutoCode>().is_none());
    let file = h.on_disk();
    assert_eq!(file.codings.len(), sentences);
    assert!(
        file.codings
            .iter()
            .all(|c| c.code == "practice.platform-choice")
    );
    let (msg, _) = h.app.message.clone().unwrap();
    assert_eq!(
        msg,
        format!("auto-coded {sentences} passages with practice.platform-choice")
    );
    // Back in the results; a second run finds everything coded already.
    h.keys("a");
    h.keys("practice.platform-choice");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.top_layer::<AutoCode>().unwrap().plan.skipped,
        sentences
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    // One undo takes the whole batch back.
    h.keys("u");
    assert!(h.on_disk().codings.is_empty());
    let (msg, _) = h.app.message.clone().unwrap();
    assert!(msg.contains("auto-coded"), "{msg}");
}

/// Marked hits (x) are the only ones auto-coded.
#[test]
fn only_the_marked_hits_are_auto_coded() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("Instagram");
    feed_hits(&mut h, "E02", "Instagram");
    h.keys("x");
    assert!(h.draw().contains("✓ E02"));
    h.keys("a");
    h.keys("practice.platform-choice");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    let first = h.app.search().hits[0].clone();
    assert!(file.codings[0].range().contains(&first.matches[0].start));
}

/// A snippet cut before its first match starts at a word, marked by an ellipsis.
#[test]
fn snippets_never_start_mid_word() {
    use super::layers::search::{HitRow, snippet};
    let theme = super::theme::Theme {
        mode: super::theme::ColorMode::TrueColor,
    };
    // Words of seven letters: the cut at 96 - 60 / 3 = 76 falls inside the tenth word.
    let text: String = (0..20).map(|i| format!("mot{i:04} ")).collect();
    let start = text.find("mot0012").unwrap();
    let hit = HitRow {
        doc: "E01".into(),
        range: 1000..1000 + text.chars().count(),
        speaker: String::new(),
        text: text.clone(),
        matches: std::iter::once(1000 + start..1000 + start + 7).collect(),
    };
    let line = snippet(&theme, &hit, 60);
    let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(shown.starts_with("… mot0010 mot0011 mot0012"), "{shown:?}");
    // A match near the start shows the text from its beginning.
    let hit = HitRow {
        matches: std::iter::once(1000..1007).collect(),
        ..hit
    };
    let shown: String = snippet(&theme, &hit, 60)
        .spans
        .iter()
        .map(|s| s.content.to_string())
        .collect();
    assert!(shown.starts_with("  mot0000"), "{shown:?}");
}

/// A malformed query's error replaces the previous results on screen.
#[test]
fn a_malformed_query_clears_the_previous_results() {
    use super::msg::{Msg, SearchResult};
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("Instagram");
    feed_hits(&mut h, "E02", "Instagram");
    assert!(h.draw().contains("E02 ·"));
    h.keys("/");
    h.ctrl('u');
    h.keys("\"unclosed");
    h.key(KeyCode::Enter);
    h.send(Msg::Search(SearchResult {
        query: "\"unclosed".into(),
        hits: Err("column 1: unclosed quote".into()),
    }));
    let s = h.app.search();
    assert!(s.hits.is_empty());
    let screen = h.draw();
    assert!(screen.contains("column 1: unclosed quote"), "{screen}");
    assert!(!screen.contains("E02 ·"), "{screen}");
    assert!(screen.contains("0 hits"), "{screen}");
}

/// The search box edits like a shell's line: Ctrl-W, Ctrl-U, the cursor keys.
#[test]
fn the_search_box_has_readline_keys() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("instagram facebook");
    h.ctrl('w');
    assert_eq!(h.app.search().query.text(), "instagram ");
    h.key(KeyCode::Home);
    h.keys("\"");
    h.key(KeyCode::End);
    h.key(KeyCode::Backspace);
    h.keys("\"");
    assert_eq!(h.app.search().query.text(), "\"instagram\"");
    h.key(KeyCode::Left);
    h.ctrl('u');
    assert_eq!(h.app.search().query.text(), "\"");
    // The cursor is drawn where it is (on the quote, reversed).
    h.draw();
    let buf = h.term.backend().buffer();
    let cell = (0..120u16)
        .flat_map(|x| (0..40u16).map(move |y| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "\"")
        .unwrap();
    assert!(
        buf[cell]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

/// The documents filter, the reader's filter and the prompt edit the same way.
#[test]
fn every_single_line_input_has_the_same_keys() {
    let mut h = Harness::new(120, 40);
    h.keys("f");
    h.keys("growth zzz");
    assert_eq!(h.app.doc_filtered.len(), 0);
    h.ctrl('w');
    assert_eq!(h.app.doc_filter, "growth ");
    assert_eq!(h.app.doc_filtered.len(), 7);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    // The reader's filter.
    reader_on_two_passages(&mut h);
    h.keys("f");
    h.keys("stage=lancement junk");
    h.ctrl('w');
    h.key(KeyCode::Enter);
    assert_eq!(reader(&h).filter.text(), "stage=lancement ");
    assert_eq!(reader(&h).passages, 1);
    h.key(KeyCode::Esc);
    // The prompt (a new code's label, in the codebook pane).
    h.key(KeyCode::Tab);
    while h.app.focus != super::app::Pane::Codebook {
        h.key(KeyCode::Tab);
    }
    h.keys("a");
    let prompt = |h: &Harness| {
        h.app
            .top_layer::<super::layers::prompt::Prompt>()
            .unwrap()
            .input
            .text()
    };
    h.keys("Nouveau code faux");
    h.ctrl('w');
    h.key(KeyCode::Left);
    h.ctrl('u');
    assert_eq!(prompt(&h), " ");
    h.ctrl('k');
    h.keys("Bon");
    assert_eq!(prompt(&h), "Bon");
}

/// The search's hint proposes filters of this study (its speaker label and a stage in
/// its language), never an English `speaker:founder` that finds nothing here.
#[test]
fn the_search_hint_speaks_the_studys_language() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    let screen = h.draw();
    let doc = h.app.session.study.load_document("E01").unwrap();
    let speaker = doc
        .turns
        .iter()
        .find(|t| t.role == glose::document::Role::Respondent)
        .unwrap()
        .speaker
        .clone();
    assert!(
        screen.contains(&format!("speaker:{speaker}")),
        "{speaker}\n{screen}"
    );
    assert!(screen.contains("stage:croissance"), "{screen}");
    assert!(!screen.contains("speaker:founder"), "{screen}");
}

/// `?` in the search results, the reader and the orphans lists that layer's keys.
#[test]
fn question_mark_shows_the_keys_of_each_popup() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    feed_hits(&mut h, "E02", "Instagram");
    h.keys("?");
    assert!(h.draw().contains("auto-code the hits"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    reader_on_two_passages(&mut h);
    h.keys("?");
    assert!(h.draw().contains("more context"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.keys("O");
    h.keys("?");
    assert!(h.draw().contains("go there to place it"));
}

/// `R` in the search results opens the segments reader on the hits: each in full with
/// its context, by document; `r` codes a hit, `e` exports them (#18: the reader on a
/// search).
#[test]
fn search_hits_are_read_in_full_coded_and_exported_from_the_reader() {
    let mut h = Harness::new(120, 40);
    h.keys("/");
    h.keys("Instagram");
    let n = feed_hits(&mut h, "E02", "Instagram");
    assert!(n >= 2, "{n}");
    h.keys("R");
    let r = reader(&h);
    assert!(r.search.is_some());
    assert_eq!(r.passages, n);
    assert_eq!(r.error, None);
    let passages: Vec<_> = r
        .rows
        .iter()
        .filter_map(|row| match row {
            RetrieveRow::Passage { doc, shown, .. } => Some((doc.clone(), shown.clone())),
            RetrieveRow::Header(_) => None,
        })
        .collect();
    assert!(passages.iter().all(|(doc, s)| doc == "E02"
        && s.text.contains("Instagram")
        && !(s.context.0.is_empty() && s.context.1.is_empty())));
    let screen = h.draw();
    assert!(screen.contains("/ Instagram"), "{screen}");
    assert!(screen.contains("search hits"), "{screen}");
    // A key for codings says what works instead.
    h.keys("m");
    assert_eq!(
        h.app.message.as_ref().unwrap().0,
        super::strings::NOT_FOR_HITS.get()
    );
    // Export what is shown.
    h.keys("e");
    let path = h.dir.path().join("exports/segments-search.md");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("Instagram"), "{md}");
    // Esc comes back to the search results; `R` again, then `r` codes the hit.
    h.key(KeyCode::Esc);
    assert!(
        h.app
            .top_layer::<super::layers::search::SearchState>()
            .is_some()
    );
    h.keys("R");
    let first = match reader(&h).rows.get(reader(&h).sel) {
        Some(RetrieveRow::Passage { range, .. }) => range.clone(),
        other => panic!("{other:?}"),
    };
    h.keys("r");
    assert!(h.app.top_layer::<Picker>().is_some());
    h.keys("practice.platform-choice");
    h.key(KeyCode::Enter);
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].range(), first);
    assert_eq!(file.codings[0].code, "practice.platform-choice");
}

/// Waits for the next message `pick` takes (handing the others to the app).
fn next_message<T>(
    h: &mut Harness,
    pick: impl Fn(&super::msg::Msg) -> Option<T>,
) -> (T, super::msg::Msg) {
    loop {
        let m =
            h.rx.recv_timeout(std::time::Duration::from_secs(20))
                .expect("no answer from the background");
        if let Some(t) = pick(&m) {
            return (t, m);
        }
        super::update::update(&mut h.app, m);
    }
}

/// The reader's passages and the auto-coding plan are computed off the UI thread: the
/// layer says "computing…" until the answer arrives as a message, and an answer to an
/// older request is dropped (#18: no blocking work on the UI thread).
#[test]
fn readings_and_plans_arrive_as_messages_computing_meanwhile() {
    use super::layers::autocode::AutoCode;
    use super::msg::Msg;
    use super::update::update;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let press = |c: KeyCode| Msg::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Enter);
    h.keys("jjs");
    apply(&mut h, "practice.community.cocreation");
    h.keys("R");
    h.keys("practice.community");
    // The last key without waiting: the reader opens, computing.
    update(&mut h.app, press(KeyCode::Enter));
    assert!(reader(&h).computing);
    assert!(reader(&h).rows.is_empty());
    let screen = h.draw();
    assert!(
        screen.contains(super::strings::COMPUTING_OFF_THREAD.get()),
        "{screen}"
    );
    let (_, m) = next_message(&mut h, |m| matches!(m, Msg::Reading { .. }).then_some(()));
    update(&mut h.app, m);
    assert!(!reader(&h).computing);
    assert_eq!(reader(&h).passages, 1);
    // Two groupings asked at once: whichever answer comes last, the reader shows the
    // second (by coder).
    update(&mut h.app, press(KeyCode::Char('g')));
    update(&mut h.app, press(KeyCode::Char('g')));
    assert_eq!(reader(&h).grouping, Grouping::Coder);
    for _ in 0..2 {
        let (_, m) = next_message(&mut h, |m| matches!(m, Msg::Reading { .. }).then_some(()));
        update(&mut h.app, m);
    }
    assert!(!reader(&h).computing);
    assert!(
        matches!(&reader(&h).rows[0], RetrieveRow::Header(h) if h.starts_with("tester")),
        "{:?}",
        reader(&h).rows[0]
    );
    h.key(KeyCode::Esc);
    // The auto-coding preview's plan.
    h.keys("/");
    h.keys("Instagram");
    feed_hits(&mut h, "E02", "Instagram");
    h.keys("a");
    h.keys("practice.platform-choice");
    update(&mut h.app, press(KeyCode::Enter));
    let preview = h.app.top_layer::<AutoCode>().unwrap();
    assert!(preview.computing && preview.plan.adds.is_empty());
    // Enter while computing codes nothing.
    update(&mut h.app, press(KeyCode::Enter));
    assert!(h.app.top_layer::<AutoCode>().is_some());
    assert!(h.on_disk().codings.len() == 1);
    let (_, m) = next_message(&mut h, |m| matches!(m, Msg::Plan { .. }).then_some(()));
    update(&mut h.app, m);
    let preview = h.app.top_layer::<AutoCode>().unwrap();
    assert!(!preview.computing);
    assert!(!preview.plan.adds.is_empty());
}

/// `e` writes the export off the UI thread: the status line says "exporting…" at once, and
/// the file's name when the answer arrives as a message (#18).
#[test]
fn the_readers_export_is_written_off_the_ui_thread() {
    use super::msg::Msg;
    use super::update::update;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut h = Harness::new(120, 40);
    reader_on_two_passages(&mut h);
    // The key without waiting for the background.
    update(
        &mut h.app,
        Msg::Key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE)),
    );
    assert_eq!(h.message(), super::strings::EXPORTING.get());
    assert_eq!(reader(&h).exporting, 1);
    assert!(super::reading::waiting(&h.app));
    let (_, m) = next_message(&mut h, |m| matches!(m, Msg::Exported(_)).then_some(()));
    update(&mut h.app, m);
    assert_eq!(reader(&h).exporting, 0);
    let (msg, error) = h.app.message.clone().unwrap();
    assert!(!error, "{msg}");
    assert!(
        msg.contains("exported 2 passage(s) to exports/segments-practice.community.md"),
        "{msg}"
    );
    let path = h.dir.path().join("exports/segments-practice.community.md");
    assert!(std::fs::read_to_string(path).unwrap().contains("E03"));
    // An export that cannot be written says why, in the status line.
    std::fs::remove_dir_all(h.dir.path().join("exports")).unwrap();
    std::fs::write(h.dir.path().join("exports"), "a file in the way").unwrap();
    h.keys("e");
    let (msg, error) = h.app.message.clone().unwrap();
    assert!(error, "{msg}");
    assert!(msg.contains("exports"), "{msg}");
}
