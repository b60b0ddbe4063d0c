//! Tests of the memo browser and the memo marks (#18 item 3): the real app driven by
//! keys, drawn into a `TestBackend`.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;

use glose::memos::MemoAbout;

use super::app::Pane;
use super::layers::memo::MemoEditor;
use super::layers::memos::MemoBrowser;
use super::tests::{Harness, sample_study};

/// A temp sample study with the sample coders' files (coder-a, coder-b).
fn study_with_coders() -> tempfile::TempDir {
    let dir = sample_study();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    dir
}

fn browser(h: &Harness) -> &MemoBrowser {
    h.app.top_layer::<MemoBrowser>().expect("the memo browser")
}

/// Opens E01, codes its second sentence with `practice.community` and writes `memo` on
/// that coding; returns the coded range.
fn coding_with_memo(h: &mut Harness, memo: &str) -> std::ops::Range<usize> {
    h.key(KeyCode::Enter);
    h.keys("jjs");
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    h.keys("c");
    h.keys("practice.community");
    h.key(KeyCode::Enter);
    h.keys("m");
    assert!(h.app.top_layer::<MemoEditor>().is_some());
    h.keys(memo);
    h.ctrl('s');
    sel
}

#[test]
fn the_browser_lists_every_memo_with_quotes_searches_filters_and_goes_there() {
    let mut h = Harness::on(study_with_coders(), 120, 36);
    let range = coding_with_memo(&mut h, "Prévente à vérifier");
    h.keys("W");
    let all = browser(&h).shown().count();
    assert!(all > 10, "the other coders' memos are listed too: {all}");
    // Search: accents and case do not matter.
    h.keys("/PREVENTE");
    h.key(KeyCode::Enter);
    let found: Vec<_> = browser(&h).shown().cloned().collect();
    assert!(found.len() >= 2, "{found:?}");
    assert!(
        found
            .iter()
            .all(|e| glose::text::fold(&e.text).contains("prevente"))
    );
    // Coder filter: coder-a, coder-b, tester, then all again.
    h.keys("ccc");
    assert_eq!(browser(&h).coder.as_deref(), Some("tester"));
    let mine: Vec<_> = browser(&h).shown().cloned().collect();
    assert_eq!(mine.len(), 1);
    let screen = h.draw();
    // The coding is shown by its quote, not its offsets.
    assert!(
        screen.contains("«Comme je vous l’ai écrit"),
        "quote shown:\n{screen}"
    );
    assert!(screen.contains("Prévente à vérifier"), "{screen}");
    assert!(screen.contains("coder tester"), "{screen}");
    // Enter goes to the passage, selected; `;` brings the browser back.
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<MemoBrowser>().is_none());
    let view = h.app.view.as_ref().unwrap();
    assert_eq!(view.doc.id, "E01");
    assert_eq!(view.selection(), Some(range));
    assert_eq!(h.app.focus, Pane::Transcript);
    h.keys(";");
    assert_eq!(browser(&h).shown().count(), 1);
    // `e` edits through the memo editor; the browser shows the new text.
    h.keys("e");
    assert!(h.app.top_layer::<MemoEditor>().is_some());
    h.keys(" (oui)");
    h.ctrl('s');
    let e = browser(&h).current().unwrap().clone();
    assert_eq!(e.text, "Prévente à vérifier (oui)");
    assert_eq!(
        h.on_disk().codings[0].memo.as_deref(),
        Some("Prévente à vérifier (oui)")
    );
    // Another coder's memo is read-only.
    h.keys("c");
    assert_eq!(browser(&h).coder, None);
    h.keys("c");
    assert_eq!(browser(&h).coder.as_deref(), Some("coder-a"));
    h.keys("e");
    assert!(h.app.top_layer::<MemoEditor>().is_none());
    assert_eq!(h.message(), super::strings::MEMO_READ_ONLY.get());
}

#[test]
fn document_and_code_filters_cycle_through_what_has_memos() {
    let mut h = Harness::on(study_with_coders(), 120, 36);
    h.keys("W");
    h.keys("d");
    assert_eq!(browser(&h).doc.as_deref(), Some("E01"));
    let on_e01: Vec<_> = browser(&h).shown().cloned().collect();
    assert!(!on_e01.is_empty());
    assert!(on_e01.iter().all(|e| match &e.about {
        MemoAbout::Coding { doc, .. } | MemoAbout::Document { doc } => doc == "E01",
        MemoAbout::Code { .. } => false,
    }));
    h.keys("d");
    assert_eq!(browser(&h).doc.as_deref(), Some("E02"));
    h.keys("t");
    let code = browser(&h).code.clone().unwrap();
    let cb = &h.app.session.study.codebook;
    assert!(browser(&h).shown().all(|e| match &e.about {
        MemoAbout::Coding { code: c, doc, .. } =>
            doc == "E02" && cb.descendants_and_self(&code).contains(&c.as_str()),
        _ => false,
    }));
    let screen = h.draw();
    assert!(screen.contains("document E02"), "{screen}");
}

#[test]
fn enter_on_a_code_memo_shows_the_code_and_on_a_document_memo_opens_it() {
    let mut h = Harness::new(160, 40);
    // A memo on the codebook's selected code, one on the document E03.
    h.app.set_focus(Pane::Codebook);
    h.keys("jj");
    let code = {
        let (i, _) = h.app.tree[h.app.code_sel];
        h.app.session.study.codebook.codes[i].id.clone()
    };
    h.keys("m");
    h.keys("Sur le code");
    h.ctrl('s');
    h.app.set_focus(Pane::Documents);
    h.keys("jjM");
    h.keys("Sur E03");
    h.ctrl('s');
    h.app.set_focus(Pane::Transcript);
    h.app.code_sel = 0;
    h.keys("W");
    // Document memos come first, then code memos.
    assert!(matches!(
        &browser(&h).current().unwrap().about,
        MemoAbout::Document { doc } if doc == "E03"
    ));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.as_ref().unwrap().doc.id, "E03");
    h.keys("W");
    h.keys("j");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Pane::Codebook);
    let (i, _) = h.app.tree[h.app.code_sel];
    assert_eq!(h.app.session.study.codebook.codes[i].id, code);
}

#[test]
fn documents_and_lines_with_memos_are_marked() {
    let mut h = Harness::new(120, 36);
    let screen = h.draw();
    assert!(
        !screen.contains(super::strings::MEMO_MARK.get()),
        "{screen}"
    );
    coding_with_memo(&mut h, "Une note");
    // At 120 columns the documents list shows while it has the focus.
    while h.app.focus != super::app::Pane::Documents {
        h.key(KeyCode::Tab);
    }
    let screen = h.draw();
    let rows: Vec<&str> = screen.lines().collect();
    let e01 = rows.iter().find(|r| r.contains("E01✎"));
    assert!(e01.is_some(), "E01 marked:\n{screen}");
    assert!(!screen.contains("E02✎"), "{screen}");
    while h.app.focus != super::app::Pane::Transcript {
        h.key(KeyCode::Tab);
    }
    h.draw();
    // The transcript marks the coding's first line, between the text and the stripes.
    let view = h.app.view.as_ref().unwrap();
    let line = view.wrapped.line_of(view.codings[0].start) - view.top;
    let geo = super::view::transcript::geometry(h.app.rects().transcript.unwrap());
    let y = usize::from(geo.text.y) + line;
    let x = geo.lanes.x - 1;
    let buf = h.term.backend().buffer();
    assert_eq!(buf[(x, u16::try_from(y).unwrap())].symbol(), "✎");
    // Without the memo, no mark.
    h.keys("m");
    h.ctrl('u');
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.ctrl('s');
    assert_eq!(h.on_disk().codings[0].memo, None, "{}", h.message());
    let screen = h.draw();
    assert!(
        !screen.contains(super::strings::MEMO_MARK.get()),
        "{screen}"
    );
}

/// An undo (or redo) of a memo's change while the browser is put aside shows in the
/// browser when it comes back: its list follows the session, not only the memo editor.
#[test]
fn the_browser_follows_an_undo_of_a_memo() {
    let mut h = Harness::on(study_with_coders(), 120, 36);
    coding_with_memo(&mut h, "Prévente à vérifier");
    h.keys("W");
    h.keys("ccc");
    assert_eq!(browser(&h).coder.as_deref(), Some("tester"));
    h.keys("e");
    h.keys(" (oui)");
    h.ctrl('s');
    assert_eq!(
        browser(&h).current().unwrap().text,
        "Prévente à vérifier (oui)"
    );
    // Enter puts the browser aside at the passage; `u` undoes the memo's change.
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<MemoBrowser>().is_none());
    h.keys("u");
    assert_eq!(
        h.on_disk().codings[0].memo.as_deref(),
        Some("Prévente à vérifier")
    );
    h.keys(";");
    assert_eq!(browser(&h).current().unwrap().text, "Prévente à vérifier");
    let screen = h.draw();
    assert!(!screen.contains("(oui)"), "{screen}");
    // A redo brings the new text back, the browser too.
    h.key(KeyCode::Enter);
    h.keys("U");
    h.keys(";");
    assert_eq!(
        browser(&h).current().unwrap().text,
        "Prévente à vérifier (oui)"
    );
    // Undoing both changes and the writing of the memo takes it out of the list.
    h.key(KeyCode::Enter);
    h.keys("uu");
    h.keys(";");
    assert_eq!(
        browser(&h).shown().count(),
        0,
        "{:?}",
        browser(&h).current()
    );
}
