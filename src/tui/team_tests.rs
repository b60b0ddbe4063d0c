//! Tests of the team's view and the coding-view fixes (#18 items 2 and 6): other coders on
//! screen, the read-only second glose, continuity, lanes and labels, units, removal and
//! duplicate spans. The real app driven by keys, drawn into a `TestBackend`.

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};

use glose::store::{Coding, Op, new_coding};
use glose::study::Study;
use glose::unit::Unit;

use super::layers::show_coders::ShowCoders;
use super::tests::{Harness, sample_study};
use super::update::update;
use super::view::transcript::geometry;

/// A temp sample study with the sample coders' files (coder-a, coder-b).
fn study_with_coders() -> tempfile::TempDir {
    let dir = sample_study();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    dir
}

/// The cell symbols of screen row `y` from column `x`, `n` wide.
fn cells(h: &Harness, x: u16, y: u16, n: u16) -> String {
    let buf = h.term.backend().buffer();
    (x..x + n)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Codes `range` of the open document with `code` (as the picker would).
fn code_range(h: &mut Harness, code: &str, range: std::ops::Range<usize>) -> Coding {
    let doc = h.app.view.as_ref().unwrap().doc.clone();
    let c = new_coding(&doc, code, range, None, "tester");
    assert!(h.app.commit(Op::Add(c.clone()), true), "{}", h.message());
    h.pump();
    c
}

fn doc(h: &Harness) -> glose::document::Document {
    h.app.view.as_ref().unwrap().doc.clone()
}

/// Waits until the other coders' codings have been read again (off the UI thread).
fn wait_for_others(h: &mut Harness) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let m =
            h.rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
                .expect("the other coders' codings never arrived");
        let done = matches!(m, super::msg::Msg::Others(_));
        update(&mut h.app, m);
        if done {
            return;
        }
    }
}

#[test]
fn chosen_coders_codings_are_drawn_beside_yours_lettered_and_read_only() {
    let mut h = Harness::on(study_with_coders(), 120, 36);
    h.key(KeyCode::Enter);
    assert_eq!(doc(&h).id, "E01");
    // Nobody else is drawn by default.
    assert!(h.app.view.as_ref().unwrap().team.codings.is_empty());
    h.keys("C");
    let ch = h
        .app
        .top_layer::<ShowCoders>()
        .expect("the chooser is open");
    assert_eq!(ch.coders.len(), 2);
    assert_eq!(
        (ch.coders[0].coder.as_str(), ch.coders[0].letter),
        ("coder-a", 'A')
    );
    h.keys(" ");
    h.key(KeyCode::Enter);
    assert!(h.app.layers.is_empty());
    assert_eq!(h.app.shown, ["coder-a"]);
    let team = h.app.view.as_ref().unwrap().team.codings.clone();
    assert_eq!(team.len(), 33, "coder-a's codings of E01");
    assert!(team.iter().all(|c| c.coder == "coder-a" && c.doc == "E01"));
    assert!(h.message().contains("A coder-a"), "{}", h.message());
    // The legend names the coder; their stripes carry their letter.
    let screen = h.draw();
    assert!(screen.contains("also A coder-a (33)"), "{screen}");
    let area = h.app.rects().transcript.unwrap();
    let geo = geometry(area);
    let v = h.app.view.as_ref().unwrap();
    let (first, _, lane) = v.team.lanes.spans[0];
    assert!(first >= v.top);
    let row = geo.lanes.y + u16::try_from(first - v.top).unwrap();
    let x = geo.lanes.x + u16::try_from(lane).unwrap();
    assert_eq!(cells(&h, x, row, 1), "A", "{screen}");
    let labels = cells(&h, geo.labels.x, row, geo.labels.width);
    assert!(labels.contains("A·"), "{labels}");
    // A click on their stripe names their coding, and selects nothing.
    h.mouse(MouseEventKind::Down(MouseButton::Left), x, row);
    let m = h.message();
    assert!(
        m.starts_with("A coder-a: «") && m.ends_with("(read-only)"),
        "{m}"
    );
    assert_eq!(h.app.view.as_ref().unwrap().focus, None);
    assert_eq!(h.app.view.as_ref().unwrap().selection(), None);
    // Read-only: d never removes another coder's coding.
    h.app.view.as_mut().unwrap().cursor = team[0].start;
    h.keys("d");
    assert!(
        h.message().contains("no coding under the cursor"),
        "{}",
        h.message()
    );
    assert_eq!(h.app.view.as_ref().unwrap().team.codings.len(), 33);
    // Remembered for the session: another document shows coder-a's codings too.
    h.keys("o");
    h.keys("E02");
    h.key(KeyCode::Enter);
    assert_eq!(doc(&h).id, "E02");
    let team = &h.app.view.as_ref().unwrap().team.codings;
    assert_eq!(team.len(), 33);
    // Both coders, then none.
    h.keys("C");
    h.keys("a");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.shown, ["coder-a", "coder-b"]);
    h.keys("Ca");
    h.key(KeyCode::Enter);
    assert!(h.app.shown.is_empty());
    assert!(h.app.view.as_ref().unwrap().team.codings.is_empty());
    assert!(!h.draw().contains("also "));
}

#[test]
fn a_read_only_second_glose_shows_the_coders_own_codings() {
    let dir = sample_study();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("codings")).unwrap();
    std::fs::copy(
        root.join("codings/coder-a.jsonl"),
        dir.path().join("codings/tester.jsonl"),
    )
    .unwrap();
    let study = Study::open(dir.path()).unwrap();
    let expected =
        glose::store::CoderFile::load(&study.codings_dir().join("tester.jsonl"), "tester")
            .unwrap()
            .file
            .codings
            .len();
    // The first glose holds the coder's file.
    let _held = glose::store::CoderStore::open(&study, "tester").unwrap();
    let mut h = Harness::on(dir, 120, 36);
    assert!(h.app.session.mine.read_only.is_some());
    assert_eq!(h.app.session.mine.codings.len(), expected);
    assert!(
        h.app.docs.iter().all(|d| d.coded > 0),
        "every document shows its % coded"
    );
    assert!(h.message().starts_with("read-only"), "{}", h.message());
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.as_ref().unwrap().codings.len(), 33);
    let screen = h.draw();
    assert!(screen.contains("read-only"), "{screen}");
    assert!(
        screen.contains("pre-launch"),
        "the coder's stripes are drawn: {screen}"
    );
    // Changes are refused, nothing is written.
    h.keys("s");
    h.keys("cpractice");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.session.mine.codings.len(), expected);
}

#[test]
fn after_a_codebook_change_the_other_coders_codings_are_read_off_the_ui_thread() {
    let mut h = Harness::on(study_with_coders(), 120, 36);
    assert!(h.app.session.others.iter().any(|c| c.coder == "coder-b"));
    // coder-b's file goes away on disk (a git pull, say).
    std::fs::remove_file(h.dir.path().join("codings/coder-b.jsonl")).unwrap();
    let id = super::codebook_door::create_code(&mut h.app, "Nouveau code", None);
    assert!(id.is_some(), "{}", h.message());
    // The UI thread did not read them again: what was read is kept until the answer.
    assert!(h.app.session.others.iter().any(|c| c.coder == "coder-b"));
    wait_for_others(&mut h);
    assert!(!h.app.session.others.iter().any(|c| c.coder == "coder-b"));
    assert!(h.app.session.others.iter().any(|c| c.coder == "coder-a"));
}

#[test]
fn reopening_returns_to_the_document_place_and_recent_codes() {
    let mut h = Harness::new(80, 24);
    h.keys("o");
    h.keys("E03");
    h.key(KeyCode::Enter);
    let d = doc(&h);
    let sentence = d.units(Unit::Sentence)[4].clone();
    h.app.view.as_mut().unwrap().cursor = sentence.start;
    h.keys("s");
    h.keys("cpractice.community.cocreation");
    h.key(KeyCode::Enter);
    h.keys("s");
    h.keys("crole.sales");
    h.key(KeyCode::Enter);
    let place = h.app.view.as_ref().unwrap().cursor;
    h.keys("q");
    assert!(h.app.quit);
    let Harness { mut app, dir, .. } = h;
    app.finish();
    drop(app);
    let mut h = Harness::on(dir, 80, 24);
    let v = h.app.view.as_ref().unwrap();
    assert_eq!((v.doc.id.as_str(), v.cursor), ("E03", place));
    assert_eq!(h.app.focus, super::app::Pane::Transcript);
    assert_eq!(
        h.app.recent,
        ["role.sales", "practice.community.cocreation"]
    );
    // The recent list is shown, with the keys that apply it, at 80×24.
    let screen = h.draw();
    let foot = screen.lines().nth(21).unwrap();
    assert!(foot.contains("recent 1 Vente"), "{foot}");
    assert!(foot.contains("2 Co-cr"), "{foot}");
    // And `1` applies the first of them.
    h.keys("s1");
    assert_eq!(h.on_disk().codings.last().unwrap().code, "role.sales");
}

#[test]
fn changing_document_is_kept_even_without_a_quit() {
    let mut h = Harness::new(80, 24);
    assert!(
        !h.dir.path().join(".glose/state/tester.txt").exists(),
        "opening writes nothing"
    );
    h.keys("o");
    h.keys("E05");
    h.key(KeyCode::Enter);
    // No quit (a crash, a killed terminal): the document change was kept.
    let Harness { mut app, dir, .. } = h;
    app.finish();
    drop(app);
    let h = Harness::on(dir, 80, 24);
    assert_eq!(doc(&h).id, "E05");
}

#[test]
fn a_damaged_state_file_is_shown_as_a_warning_not_a_failure() {
    let dir = sample_study();
    let state = dir.path().join(".glose/state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(
        state.join("tester.txt"),
        "doc = E99\nplace = beaucoup\nrecent = role.sales\nrecent = no.such.code\n",
    )
    .unwrap();
    let mut h = Harness::on(dir, 80, 24);
    let m = h.message();
    assert!(m.contains("tester.txt:2: place is not a number"), "{m}");
    assert!(m.contains("E99"), "{m}");
    assert_eq!(doc(&h).id, "E01", "the first document, as without a state");
    assert_eq!(h.app.recent, ["role.sales"], "unknown codes are dropped");
    assert!(h.draw().contains("tester.txt:2"));
}

#[test]
fn the_hidden_lanes_counter_counts_the_lane_it_covers() {
    // At 80 columns the transcript has five lanes.
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    let area = h.app.rects().transcript.unwrap();
    let geo = geometry(area);
    assert_eq!(geo.lanes.width, 5);
    let s = doc(&h).units(Unit::Sentence)[1].clone();
    let codes = [
        "practice",
        "practice.community",
        "practice.community.cocreation",
        "role.sales",
        "role.communication",
        "role.learning",
    ];
    // Six nested codings over one line: lanes 0-3 drawn, lane 4 gives way to the count.
    for (i, code) in codes.iter().enumerate() {
        code_range(&mut h, code, s.start + i..s.start + 20);
    }
    let v = h.app.view.as_ref().unwrap();
    let line = v.wrapped.line_of(s.start);
    let row = geo.lanes.y + u16::try_from(line - v.top).unwrap();
    h.draw();
    let lanes = cells(&h, geo.lanes.x, row, 5);
    assert_eq!(
        lanes.chars().last(),
        Some('2'),
        "two codings hidden: {lanes:?}"
    );
}

#[test]
fn one_line_codings_keep_their_labels_on_a_wide_terminal() {
    let mut h = Harness::new(200, 50);
    h.key(KeyCode::Enter);
    let d = doc(&h);
    // A turn over several lines, and its first sentence, on one line.
    let turn = d
        .units(Unit::Turn)
        .into_iter()
        .find(|t| t.len() > 400)
        .unwrap();
    let first = d.unit_at(Unit::Sentence, turn.start).unwrap();
    code_range(&mut h, "role.communication", turn.clone());
    code_range(&mut h, "practice.community.cocreation", first.clone());
    h.key(KeyCode::Esc);
    let v = h.app.view.as_ref().unwrap();
    let line = v.wrapped.line_of(first.start);
    assert_eq!(line, v.wrapped.line_of(first.end - 1), "one line");
    assert!(v.wrapped.line_of(turn.end - 1) > line, "several lines");
    let geo = geometry(h.app.rects().transcript.unwrap());
    let row = geo.labels.y + u16::try_from(line - v.top).unwrap();
    h.draw();
    let label_at = |h: &Harness, r: u16| cells(h, geo.labels.x, r, geo.labels.width);
    assert!(
        label_at(&h, row).contains("cocreation"),
        "the one-line coding's label: {:?}",
        label_at(&h, row)
    );
    assert!(
        label_at(&h, row + 1).contains("communication"),
        "the turn's label, on its next line: {:?}",
        label_at(&h, row + 1)
    );
}

#[test]
fn t_after_s_selects_the_turn_of_the_sentence() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    let d = doc(&h);
    let turn = d.units(Unit::Turn)[1].clone();
    let last = d
        .units(Unit::Sentence)
        .into_iter()
        .rfind(|s| turn.contains(&s.start))
        .unwrap();
    assert_eq!(last.end, turn.end, "the turn's last sentence ends it");
    h.app.view.as_mut().unwrap().cursor = last.start;
    h.keys("s");
    assert_eq!(h.app.view.as_ref().unwrap().selection(), Some(last.clone()));
    h.keys("t");
    assert_eq!(h.app.view.as_ref().unwrap().selection(), Some(turn.clone()));
    // t again adds the next turn; s again adds the next sentence.
    h.keys("t");
    let next = d.units(Unit::Turn)[2].clone();
    assert_eq!(
        h.app.view.as_ref().unwrap().selection(),
        Some(turn.start..next.end)
    );
    h.key(KeyCode::Esc);
    h.app.view.as_mut().unwrap().cursor = last.start;
    h.keys("ss");
    let after = d
        .units(Unit::Sentence)
        .into_iter()
        .find(|s| s.start >= last.end)
        .unwrap();
    assert_eq!(
        h.app.view.as_ref().unwrap().selection(),
        Some(last.start..after.end)
    );
}

#[test]
fn d_says_which_coding_it_removed_and_the_focus_decides() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    let d = doc(&h);
    let turn = d.units(Unit::Turn)[1].clone();
    let sentence = d.unit_at(Unit::Sentence, turn.start).unwrap();
    let outer = code_range(&mut h, "role.communication", turn.clone());
    let inner = code_range(&mut h, "role.sales", sentence.clone());
    let inner_label = h.app.label("role.sales").to_string();
    let v = h.app.view.as_mut().unwrap();
    v.focus = None;
    v.cursor = sentence.start + 2;
    h.keys("d");
    let m = h.message();
    assert!(m.contains(&inner_label) && m.contains("role.sales"), "{m}");
    assert!(m.contains("1 other coding"), "{m}");
    assert_eq!(h.on_disk().codings, vec![outer.clone()]);
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), 2);
    // With the focus on the outer coding, d removes that one.
    let v = h.app.view.as_mut().unwrap();
    v.focus = Some(outer.id.clone());
    v.cursor = sentence.start + 2;
    h.keys("d");
    assert!(
        h.message().contains("role.communication"),
        "{}",
        h.message()
    );
    let left: Vec<String> = h.on_disk().codings.into_iter().map(|c| c.id).collect();
    assert_eq!(left, [inner.id]);
}

#[test]
fn the_status_line_names_the_focused_coding_and_its_coder() {
    let mut h = Harness::new(120, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    h.keys("crole.sales");
    h.key(KeyCode::Enter);
    h.keys("g]");
    assert!(h.app.view.as_ref().unwrap().focus.is_some());
    let label = h.app.label("role.sales").to_string();
    let screen = h.draw();
    let status = screen.lines().nth(28).unwrap();
    assert!(
        status.contains(&format!("saved ✓ · {label} (tester)")),
        "{status}"
    );
    // At 80 columns the save state stays and the label is cut to the room left.
    h.send(super::msg::Msg::Resize(80, 24));
    h.term.backend_mut().resize(80, 24);
    let screen = h.draw();
    let status = screen.lines().nth(22).unwrap();
    assert!(status.contains("saved ✓ · "), "{status}");
    assert!(status.contains("(tester)"), "{status}");
}

#[test]
fn coding_a_span_twice_warns_and_d_merges_as_one_undoable_change() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    let d = doc(&h);
    let s = d.units(Unit::Sentence);
    h.app.view.as_mut().unwrap().cursor = s[1].start;
    h.keys("s");
    h.keys("crole.sales");
    h.key(KeyCode::Enter);
    assert!(!h.message().contains("warning"), "{}", h.message());
    // An overlapping selection (the end of sentence 1 and sentence 2), the same code.
    let v = h.app.view.as_mut().unwrap();
    v.anchor = Some(s[1].end - 5);
    v.cursor = s[2].end;
    h.keys("1");
    let m = h.message();
    assert!(m.starts_with("warning") && m.contains("D merges"), "{m}");
    assert_eq!(h.on_disk().codings.len(), 2);
    h.keys("D");
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].range(), s[1].start..s[2].end);
    assert!(
        h.message().contains("merged 2 overlapping codings"),
        "{}",
        h.message()
    );
    // One undo brings both back.
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), 2);
    assert!(
        h.message().starts_with("undid: merged 2"),
        "{}",
        h.message()
    );
    h.keys("U");
    assert_eq!(h.on_disk().codings.len(), 1);
    // Nothing to merge elsewhere.
    h.keys("G");
    h.keys("D");
    assert!(
        h.message().contains("no overlapping codings"),
        "{}",
        h.message()
    );
}
