//! The review flow in TestBackend render tests: the table, a disagreement with two coders'
//! lanes, settling into codings/consensus.jsonl, undo and redo, editing a decision, and
//! the read-only review when the consensus file is locked.

use std::time::Duration;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;

use glose::store::{CoderFile, CoderStore, MemoTarget, Op, new_coding};
use glose::study::Study;

use super::layers::review_coders::Chooser;
use super::review::Phase;
use super::review::job::COMPUTING;
use super::tests::{Harness, sample_study};
use super::update::update;

/// A temp study where coder-a and coder-b coded E01 (through the store):
/// a: s2 practice, s3 role.sales; b: s2 practice, s4 role.sales, s5 practice.
/// Disagreements (sentences): s3 role.sales, s4 role.sales, s5 practice.
fn two_coder_study() -> tempfile::TempDir {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E01").unwrap();
    let s = |i: usize| doc.sentences[i].clone();
    for (coder, list) in [
        ("coder-a", vec![(2, "practice"), (3, "role.sales")]),
        (
            "coder-b",
            vec![(2, "practice"), (4, "role.sales"), (5, "practice")],
        ),
    ] {
        let mut store = CoderStore::open(&study, coder).unwrap();
        let ops: Vec<Op> = list
            .into_iter()
            .map(|(i, code)| Op::Add(new_coding(&doc, code, s(i), None, coder)))
            .collect();
        store.apply_all(&ops).unwrap();
    }
    dir
}

/// Waits until the agreement is computed and every decision is saved.
fn settle_io(h: &mut Harness) {
    loop {
        let busy = h.app.review().is_some_and(|r| r.computing)
            || h.app.session.saving()
            || h.app.session.jobs.contains_key(COMPUTING);
        if !busy {
            return;
        }
        let m = h.rx.recv_timeout(Duration::from_secs(30)).unwrap();
        update(&mut h.app, m);
    }
}

fn consensus_on_disk(h: &Harness) -> CoderFile {
    let path = h.dir.path().join("codings/consensus.jsonl");
    CoderFile::load(&path, "consensus").unwrap().file
}

fn open_review(w: u16, height: u16) -> (Harness, usize) {
    let dir = two_coder_study();
    let n = Study::open(dir.path())
        .unwrap()
        .load_document("E01")
        .unwrap()
        .sentences
        .len();
    let mut h = Harness::on(dir, w, height);
    h.keys("A");
    settle_io(&mut h);
    (h, n)
}

#[test]
fn table_lists_codes_worst_first_with_the_pooled_line() {
    let (mut h, n) = open_review(120, 30);
    let screen = h.draw();
    // role.sales: a on s3, b on s4, N units both coded. Krippendorff's nominal alpha from
    // its definition: D_o = 2/N, D_e = 4(N-1)/(N(2N-1)), alpha = -1/(2(N-1)).
    let alpha = -1.0 / (2.0 * (n as f64 - 1.0));
    let pct = (n as f64 - 2.0) / n as f64 * 100.0;
    let r = h.app.review().unwrap();
    let data = r.data.as_ref().unwrap();
    assert_eq!(data.coders, ["coder-a", "coder-b"]);
    let codes: Vec<&str> = data.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["role.sales", "practice"]);
    assert_eq!(data.rows[0].disagreements, 2);
    assert_eq!(data.pooled.disagreements, 3);
    let row = screen.lines().find(|l| l.contains("role.sales")).unwrap();
    assert!(row.contains(&format!("{alpha:.3}")), "{row}");
    assert!(row.contains(&format!("{pct:.1}%")), "{row}");
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cols[cols.len() - 3..], ["2", "0/2", "┃"], "{row}");
    let pooled = screen.lines().find(|l| l.contains("all codes")).unwrap();
    assert!(pooled.contains("0/3"), "{pooled}");
    assert!(
        screen.contains("Compared: 2 coders (coder-a, coder-b)"),
        "{screen}"
    );
    assert_snapshot!("review_table", h.term.backend());
}

#[test]
fn a_disagreement_shows_both_coders_lanes_and_settling_writes_consensus() {
    let (mut h, _) = open_review(120, 30);
    h.key(KeyCode::Enter);
    let r = h.app.review().unwrap();
    assert_eq!(r.phase, Phase::Step);
    let d = r.disagreement().unwrap().clone();
    assert_eq!(d.code, "role.sales");
    let doc = h.app.session.study.load_document("E01").unwrap();
    assert_eq!(d.range, doc.sentences[3]);
    let screen = h.draw();
    assert!(screen.contains("Disagreement 1 of 2"), "{screen}");
    assert!(screen.contains("0/2 settled"));
    assert!(screen.contains("1 coder-a") && screen.contains("2 coder-b"));
    assert!(screen.contains("consensus"));
    assert_snapshot!("review_disagreement", h.term.backend());
    // The range is highlighted.
    let theme = h.app.theme;
    let lit = h
        .term
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.bg == theme.matched().bg.unwrap())
        .count();
    assert!(lit >= 10, "{lit}");

    // Take coder-a's version.
    h.keys("1");
    settle_io(&mut h);
    let file = consensus_on_disk(&h);
    assert_eq!(file.codings.len(), 1);
    let c = &file.codings[0];
    assert_eq!(
        (c.code.as_str(), c.range()),
        ("role.sales", d.range.clone())
    );
    assert_eq!(
        c.memo.as_deref(),
        Some("consensus: took coder-a's version (coder-b: nothing)")
    );
    let memo = file.memo(&MemoTarget::Doc("E01".into())).unwrap();
    assert!(memo.text.contains("took coder-a's version"));
    assert_eq!(
        h.app.session.consensus.as_ref().unwrap().file,
        file,
        "mirror = disk"
    );
    let r = h.app.review().unwrap();
    assert_eq!(r.progress(Some("role.sales")), (1, 2));
    assert_eq!(r.pos, 1, "advanced to the next unsettled one");
    let screen = h.draw();
    assert!(screen.contains("1/2 settled"), "{screen}");
    assert!(screen.contains("Disagreement 2 of 2"));

    // Back to the table: recomputed, the settled count follows the consensus.
    h.key(KeyCode::Esc);
    settle_io(&mut h);
    assert_eq!(h.app.review().unwrap().phase, Phase::Table);
    let screen = h.draw();
    let row = screen.lines().find(|l| l.contains("role.sales")).unwrap();
    assert!(row.contains("1/2"), "{row}");
    let pooled = screen.lines().find(|l| l.contains("all codes")).unwrap();
    assert!(pooled.contains("1/3"), "{pooled}");
    // The consensus coder is not compared.
    let data = h.app.review().unwrap().data.as_ref().unwrap();
    assert_eq!(data.coders, ["coder-a", "coder-b"]);
}

#[test]
fn undo_and_redo_a_decision() {
    let (mut h, _) = open_review(120, 30);
    h.key(KeyCode::Enter);
    h.keys("1");
    settle_io(&mut h);
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
    h.keys("u");
    settle_io(&mut h);
    let file = consensus_on_disk(&h);
    assert!(file.codings.is_empty());
    assert!(file.memo(&MemoTarget::Doc("E01".into())).is_none());
    let r = h.app.review().unwrap();
    assert_eq!(r.progress(Some("role.sales")), (0, 2));
    assert_eq!(r.pos, 0, "back on the undone disagreement");
    let screen = h.draw();
    assert!(screen.contains("0/2 settled") && screen.contains("Disagreement 1 of 2"));
    assert!(
        screen.contains("undid: settled role.sales in E01 as coder-a's version"),
        "{screen}"
    );
    h.keys("U");
    settle_io(&mut h);
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
    // None on the second: only the memo line records it, and it counts as settled.
    h.keys("n");
    h.keys("0");
    settle_io(&mut h);
    let file = consensus_on_disk(&h);
    assert_eq!(file.codings.len(), 1);
    let memo = file.memo(&MemoTarget::Doc("E01".into())).unwrap();
    assert!(
        memo.text.contains("role.sales does not apply"),
        "{}",
        memo.text
    );
    assert_eq!(h.app.review().unwrap().progress(Some("role.sales")), (2, 2));
}

#[test]
fn edit_a_decision_with_a_new_span_and_code() {
    let (mut h, _) = open_review(120, 30);
    h.key(KeyCode::End); // the pooled line: all codes
    h.key(KeyCode::Enter);
    h.keys("nn"); // s5 practice
    let d = h.app.review().unwrap().disagreement().unwrap().clone();
    assert_eq!(d.code, "practice");
    h.keys("e");
    let screen = h.draw();
    assert!(screen.contains("EDIT"), "{screen}");
    // Extend the span by the next sentence, then pick the code.
    h.keys("s");
    h.keys("c");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    settle_io(&mut h);
    let doc = h.app.session.study.load_document("E01").unwrap();
    let file = consensus_on_disk(&h);
    let c = &file.codings[0];
    assert_eq!(c.code, "role.sales");
    assert_eq!(c.range(), doc.sentences[5].start..doc.sentences[6].end);
    assert!(c.memo.as_deref().unwrap().starts_with("consensus: coded"));
    assert_eq!(h.app.review().unwrap().phase, Phase::Step);
}

#[test]
fn review_is_read_only_when_the_consensus_file_is_locked() {
    let dir = two_coder_study();
    let study = Study::open(dir.path()).unwrap();
    let _held = CoderStore::open(&study, "consensus").unwrap();
    let mut h = Harness::on(dir, 120, 30);
    h.keys("A");
    settle_io(&mut h);
    h.key(KeyCode::Enter);
    h.keys("1");
    assert!(h.app.message.as_ref().unwrap().0.contains("read-only"));
    assert!(h.draw().contains("consensus read-only"));
    assert!(!h.dir.path().join("codings/consensus.jsonl").exists());
    // Escape twice closes the review and the panes come back.
    h.key(KeyCode::Esc);
    settle_io(&mut h);
    h.key(KeyCode::Esc);
    assert!(h.app.review().is_none());
    assert!(h.draw().contains("Documents"));
}

#[test]
fn small_terminal_and_help_in_the_review() {
    let (mut h, _) = open_review(80, 24);
    h.key(KeyCode::Enter);
    h.term.backend_mut().resize(80, 24);
    let screen = h.draw();
    assert!(screen.contains("Disagreement 1 of 2"), "{screen}");
    assert!(screen.contains("1 coder-a: role.sales"), "{screen}");
    h.keys("?");
    let screen = h.draw();
    assert!(screen.contains("take coder 1's version"), "{screen}");
    h.keys("x");
    assert_eq!(h.app.review().unwrap().phase, Phase::Step);
    // Quitting waits for the consensus writer: the decision is on disk.
    h.keys("b");
    h.ctrl('c');
    assert!(h.app.quit);
    h.app.finish();
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
}

/// Undoing a decision never reverts a consensus coding changed on disk since (a `git
/// pull` of a colleague's adjudication): the undo is refused and says why.
#[test]
fn undo_of_a_decision_never_reverts_a_newer_version() {
    let (mut h, _) = open_review(120, 30);
    h.key(KeyCode::Enter);
    h.keys("1");
    settle_io(&mut h);
    let path = h.dir.path().join("codings/consensus.jsonl");
    let mut newer = consensus_on_disk(&h);
    assert_eq!(newer.codings.len(), 1);
    newer.codings[0].code = "role".into();
    newer.codings[0].modified = glose::store::now();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&path, newer.serialize()).unwrap();
    // The next decision reads the file again; its undo is fine, the first one's is not.
    h.keys("n");
    h.keys("0");
    settle_io(&mut h);
    h.keys("u");
    settle_io(&mut h);
    h.keys("u");
    settle_io(&mut h);
    let (msg, is_error) = h.app.message.clone().unwrap();
    assert!(is_error && msg.contains("newer version"), "{msg}");
    let file = consensus_on_disk(&h);
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].code, "role");
}

/// Adds codings of `coder` on E01's sentences (`(sentence, code)`).
fn code_e01(dir: &tempfile::TempDir, coder: &str, list: &[(usize, &str)]) {
    code_doc(dir, "E01", coder, list);
}

/// Adds codings of `coder` on a document's sentences (`(sentence, code)`).
fn code_doc(dir: &tempfile::TempDir, doc: &str, coder: &str, list: &[(usize, &str)]) {
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document(doc).unwrap();
    let mut store = CoderStore::open(&study, coder).unwrap();
    let ops: Vec<Op> = list
        .iter()
        .map(|(i, code)| {
            Op::Add(new_coding(
                &doc,
                code,
                doc.sentences[*i].clone(),
                None,
                coder,
            ))
        })
        .collect();
    store.apply_all(&ops).unwrap();
}

/// The table's top border: the review's header.
fn header_line(screen: &str) -> &str {
    screen.lines().next().unwrap()
}

#[test]
fn the_header_names_the_compared_coders_and_never_consensus() {
    let dir = two_coder_study();
    code_e01(&dir, "consensus", &[(3, "role.sales")]);
    let mut h = Harness::on(dir, 120, 30);
    h.keys("A");
    settle_io(&mut h);
    let screen = h.draw();
    let head = header_line(&screen);
    assert!(
        head.contains("Compared: 2 coders (coder-a, coder-b)"),
        "{head}"
    );
    assert!(!head.contains("consensus"), "{head}");
    assert!(!head.contains("left out"), "{head}");
    let data = h.app.review().unwrap().data.as_ref().unwrap();
    assert_eq!(data.coders, ["coder-a", "coder-b"]);
}

#[test]
fn the_coder_popup_lists_coders_and_applying_it_changes_the_comparison() {
    let dir = two_coder_study();
    code_e01(&dir, "coder-c", &[(2, "practice"), (5, "practice")]);
    code_e01(&dir, "consensus", &[(3, "role.sales")]);
    // A coder whose file holds no coding.
    std::fs::write(dir.path().join("codings/coder-d.jsonl"), "").unwrap();
    let mut h = Harness::on(dir, 120, 36);
    h.keys("A");
    settle_io(&mut h);
    let screen = h.draw();
    let head = header_line(&screen);
    assert!(
        head.contains("3 coders (coder-a, coder-b, coder-c)"),
        "{head}"
    );
    h.keys("C");
    let screen = h.draw();
    assert!(screen.contains("[x] coder-c  2 codings"), "{screen}");
    assert!(screen.contains("[ ] coder-d  no codings"), "{screen}");
    assert!(!screen.contains("] consensus"), "{screen}");
    assert!(screen.contains("(•) all documents coded by every chosen coder"));
    assert_snapshot!("review_coder_popup", h.term.backend());
    // coder-d has no codings: space does not tick it.
    h.keys("jjj ");
    assert!(!h.app.top_layer::<Chooser>().unwrap().coders[3].on);
    // Untick coder-a, apply: coder-b and coder-c are compared.
    h.keys("kkk ");
    h.key(KeyCode::Enter);
    settle_io(&mut h);
    let r = h.app.review().unwrap();
    assert!(h.app.top_layer::<Chooser>().is_none());
    assert_eq!(r.data.as_ref().unwrap().coders, ["coder-b", "coder-c"]);
    let screen = h.draw();
    let head = header_line(&screen);
    assert!(head.contains("2 coders (coder-b, coder-c)"), "{head}");
    // Esc in the popup changes nothing.
    h.keys("C ");
    h.key(KeyCode::Esc);
    settle_io(&mut h);
    let r = h.app.review().unwrap();
    assert!(h.app.top_layer::<Chooser>().is_none());
    assert_eq!(r.data.as_ref().unwrap().coders, ["coder-b", "coder-c"]);
}

#[test]
fn the_popup_can_compare_the_open_document_only() {
    let dir = two_coder_study();
    let mut h = Harness::on(dir, 120, 36);
    let open = h.app.view.as_ref().map(|v| v.doc.id.clone());
    h.keys("A");
    settle_io(&mut h);
    h.keys("C");
    let rows = h.app.top_layer::<Chooser>().unwrap().rows();
    for _ in 0..rows {
        h.keys("j");
    }
    h.keys(" ");
    h.key(KeyCode::Enter);
    settle_io(&mut h);
    let r = h.app.review().unwrap();
    assert_eq!(r.selection.docs, open.map(|d| vec![d]));
    assert!(r.error.is_none(), "{:?}", r.error);
}

#[test]
fn the_header_says_which_coders_the_default_left_out() {
    let dir = two_coder_study();
    for doc in ["E02", "E03"] {
        code_doc(&dir, doc, "coder-a", &[(1, "practice")]);
        code_doc(&dir, doc, "coder-b", &[(1, "practice"), (2, "practice")]);
    }
    // coder-c coded 1 of 3 interviews: below the default coverage.
    code_e01(&dir, "coder-c", &[(2, "practice")]);
    let mut h = Harness::on(dir, 160, 30);
    h.keys("A");
    settle_io(&mut h);
    let screen = h.draw();
    let head = header_line(&screen);
    assert!(
        head.contains("Compared: 2 coders (coder-a, coder-b) on 3 of 3"),
        "{head}"
    );
    assert!(head.contains("left out: coder-c (C chooses)"), "{head}");
    // Choosing coder-c with the others compares the one interview all three coded.
    h.keys("C");
    h.keys("jj ");
    h.key(KeyCode::Enter);
    settle_io(&mut h);
    let screen = h.draw();
    let head = header_line(&screen);
    assert!(
        head.contains("3 coders (coder-a, coder-b, coder-c) on 1 of"),
        "{head}"
    );
    assert!(!head.contains("left out"), "{head}");
}

#[test]
fn a_choice_that_cannot_be_compared_keeps_the_previous_coders() {
    let dir = two_coder_study();
    code_doc(&dir, "E02", "coder-c", &[(2, "practice")]);
    let mut h = Harness::on(dir, 120, 30);
    h.keys("A");
    settle_io(&mut h);
    // coder-a and coder-c never coded the same interview.
    h.keys("C");
    h.keys("j j ");
    h.key(KeyCode::Enter);
    settle_io(&mut h);
    let r = h.app.review().unwrap();
    assert_eq!(r.data.as_ref().unwrap().coders, ["coder-a", "coder-b"]);
    assert_eq!(r.selection.coders, None);
    let screen = h.draw();
    assert!(
        screen.contains("kept the previous coders: no document"),
        "{screen}"
    );
}

/// Codes the third sentence of E01 as `tester` (co-creation), in the coding view.
fn code_a_sentence(h: &mut Harness) {
    h.key(KeyCode::Enter);
    h.keys("jjs");
    h.keys("c");
    h.keys("cocre");
    h.key(KeyCode::Enter);
    assert_eq!(h.on_disk().codings.len(), 1);
}

/// One history for the coder's edits and the review's decisions: `u` in the review undoes
/// the last decision, then the coding made before the review opened, each on its own
/// file; `U` redoes them in order, and the review's flags follow.
#[test]
fn undo_goes_back_across_a_decision_and_a_coder_edit() {
    let dir = two_coder_study();
    let mut h = Harness::on(dir, 120, 30);
    code_a_sentence(&mut h);
    h.keys("A");
    settle_io(&mut h);
    h.key(KeyCode::Enter);
    h.keys("1");
    settle_io(&mut h);
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
    assert_eq!(h.app.session.history.undo_len(), 2);
    let last = h.app.session.history.last_done().unwrap();
    assert_eq!(last.file.as_deref(), Some("consensus"));
    assert_eq!(
        last.summary(),
        glose::store::EditSummary::Said("settled role.sales in E01 as coder-a's version".into())
    );
    // The decision first, on the consensus file only.
    h.keys("u");
    settle_io(&mut h);
    assert!(consensus_on_disk(&h).codings.is_empty());
    assert_eq!(
        h.on_disk().codings.len(),
        1,
        "the coder's file is untouched"
    );
    let r = h.app.review().unwrap();
    assert_eq!(r.progress(Some("role.sales")), (0, 2));
    // Then the coding, on the coder's file, the review still open.
    h.keys("u");
    settle_io(&mut h);
    assert!(h.on_disk().codings.is_empty());
    assert_eq!(
        h.app.message.as_ref().unwrap().0,
        "undid: added practice.community.cocreation"
    );
    assert!(h.app.review().is_some());
    h.keys("u");
    assert_eq!(h.app.message.as_ref().unwrap().0, "nothing to undo");
    // Redo in the order they were made.
    h.keys("U");
    settle_io(&mut h);
    assert_eq!(h.on_disk().codings.len(), 1);
    assert!(consensus_on_disk(&h).codings.is_empty());
    h.keys("U");
    settle_io(&mut h);
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
    let r = h.app.review().unwrap();
    assert_eq!(r.progress(Some("role.sales")), (1, 2));
    assert_eq!(r.pos, 0, "back on the redone disagreement");
    assert!(
        h.app
            .message
            .as_ref()
            .unwrap()
            .0
            .starts_with("redid: settled role.sales in E01 as coder-a's version · 1/2 settled"),
        "{:?}",
        h.app.message
    );
}

/// A decision stays in the history when the review closes: the coder's later edit is
/// undone first, then `u` undoes the decision on the consensus file (opened for the write,
/// its lock released after), and the table shows it when the review opens again.
#[test]
fn a_decision_is_undone_on_the_consensus_file_after_the_review_closed() {
    let dir = two_coder_study();
    let mut h = Harness::on(dir, 120, 30);
    h.keys("A");
    settle_io(&mut h);
    h.key(KeyCode::Enter);
    h.keys("1");
    settle_io(&mut h);
    h.key(KeyCode::Esc);
    settle_io(&mut h);
    h.key(KeyCode::Esc);
    assert!(h.app.review().is_none() && h.app.session.consensus.is_none());
    code_a_sentence(&mut h);
    h.keys("u");
    assert!(h.on_disk().codings.is_empty());
    assert_eq!(consensus_on_disk(&h).codings.len(), 1);
    h.keys("u");
    settle_io(&mut h);
    let (msg, is_error) = h.app.message.clone().unwrap();
    assert!(
        !is_error && msg.starts_with("undid: settled role.sales"),
        "{msg}"
    );
    assert!(
        consensus_on_disk(&h).codings.is_empty(),
        "the decision is undone"
    );
    assert!(
        h.app.session.consensus.is_none(),
        "the consensus file is closed again once written"
    );
    assert_eq!(h.app.session.history.undo_len(), 0);
    h.keys("A");
    settle_io(&mut h);
    let screen = h.draw();
    let row = screen.lines().find(|l| l.contains("role.sales")).unwrap();
    assert!(row.contains("0/2"), "the table follows the undo: {row}");
    h.keys("U");
    settle_io(&mut h);
    assert_eq!(
        consensus_on_disk(&h).codings.len(),
        1,
        "redone in the review"
    );
    let screen = h.draw();
    let row = screen.lines().find(|l| l.contains("role.sales")).unwrap();
    assert!(row.contains("1/2"), "{row}");
}

/// The review is a layer on the stack: the key context is the top layer's (the table,
/// stepping, editing a decision, the coder popup over it), and closing it pops it.
#[test]
fn the_review_is_a_layer_and_the_top_layer_gives_the_key_context() {
    use super::keys::Ctx;
    let (mut h, _) = open_review(120, 30);
    assert_eq!(h.app.layers.len(), 1);
    assert!(h.app.top_layer::<super::review::Review>().is_some());
    assert_eq!(h.app.ctx(), Ctx::ReviewTable);
    h.keys("C");
    assert!(h.app.top_layer::<Chooser>().is_some());
    // The popup over it has the keys: j moves in the popup, not in the table.
    h.keys("j");
    assert_eq!(h.app.top_layer::<Chooser>().unwrap().sel, 1);
    assert_eq!(h.app.review().unwrap().sel, 0);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.ctx(), Ctx::Review);
    h.keys("e");
    assert_eq!(h.app.ctx(), Ctx::ReviewEdit);
    assert_eq!(h.app.review().unwrap().phase, Phase::Edit);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.ctx(), Ctx::Review);
    h.key(KeyCode::Esc);
    settle_io(&mut h);
    h.key(KeyCode::Esc);
    assert!(h.app.layers.is_empty() && h.app.session.consensus.is_none());
    assert_eq!(h.app.ctx(), Ctx::Documents);
}

/// The review's help is titled with the people's name of where one is (never the key
/// context's internal name, `ReviewTable`), and says each key once (#18).
#[test]
fn the_review_help_is_titled_by_its_name() {
    let (mut h, _) = open_review(120, 40);
    h.keys("?");
    let screen = h.draw();
    assert!(screen.contains("Keys · Agreement table"), "{screen}");
    assert!(!screen.contains("ReviewTable"), "{screen}");
    let n_undo = screen.matches("undo the last change").count();
    assert_eq!(n_undo, 1, "u is listed once: {screen}");
    h.keys("x");
    h.key(KeyCode::Enter);
    h.keys("?");
    let screen = h.draw();
    assert!(
        screen.contains("Keys · Reviewing disagreements"),
        "{screen}"
    );
    assert_eq!(screen.matches("next disagreement").count(), 1, "{screen}");
    assert!(
        !screen.contains("next search hit"),
        "n is the review's: {screen}"
    );
}

/// One decision can settle several disagreements: a coding taken from a coder covers
/// every disagreement it spans. The status line says how many it settled, and the key's
/// help says so (#18).
#[test]
fn a_decision_that_settles_several_disagreements_says_how_many() {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E01").unwrap();
    let s = |i: usize| doc.sentences[i].clone();
    // coder-a codes sentences 3 and 4 as one passage; coder-b codes neither.
    for (coder, list) in [
        (
            "coder-a",
            vec![(s(2), "practice"), (s(3).start..s(4).end, "role.sales")],
        ),
        ("coder-b", vec![(s(2), "practice")]),
    ] {
        let mut store = CoderStore::open(&study, coder).unwrap();
        let ops: Vec<Op> = list
            .into_iter()
            .map(|(range, code)| Op::Add(new_coding(&doc, code, range, None, coder)))
            .collect();
        store.apply_all(&ops).unwrap();
    }
    let mut h = Harness::on(dir, 120, 30);
    h.keys("A");
    settle_io(&mut h);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.review().unwrap().progress(Some("role.sales")), (0, 2));
    h.keys("1");
    settle_io(&mut h);
    assert_eq!(h.app.review().unwrap().progress(Some("role.sales")), (2, 2));
    let (msg, _) = h.app.message.clone().unwrap();
    assert!(
        msg.contains("settled 2 disagreements at once"),
        "the message says how many: {msg}"
    );
    // A decision settling only its own disagreement says nothing more.
    h.keys("u");
    settle_io(&mut h);
    h.keys("0");
    settle_io(&mut h);
    let (msg, _) = h.app.message.clone().unwrap();
    assert!(!msg.contains("at once"), "{msg}");
    // The key's help says it.
    let help = super::keyhelp::help_rows(super::keys::Ctx::Review, false);
    let take = help.iter().find(|(k, _)| k == "1").unwrap();
    assert!(take.1.contains("every disagreement"), "{}", take.1);
}

/// The coder chooser over the table has its own keys: `?` lists them (not the table's),
/// and `q` cancels it, leaving the table as it was.
#[test]
fn the_coder_chooser_answers_with_its_own_keys() {
    use super::keys::Ctx;
    let (mut h, _) = open_review(120, 40);
    h.keys("C");
    assert_eq!(h.app.ctx(), Ctx::ReviewCoders);
    h.keys("?");
    let screen = h.draw();
    assert!(screen.contains("next coder or scope"), "{screen}");
    assert!(
        !screen.contains("search the corpus"),
        "no global keys in a popup: {screen}"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.ctx(), Ctx::ReviewCoders);
    h.keys("q");
    assert_eq!(h.app.ctx(), Ctx::ReviewTable);
    assert!(h.app.top_layer::<Chooser>().is_none());
}
