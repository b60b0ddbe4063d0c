//! The interface's language, and the layout, picker and memo defects of #18, driven
//! through the render harness (`tests::Harness`).

use ratatui::crossterm::event::KeyCode;

use glose::locale::Lang;

use super::layers::memo::MemoEditor;
use super::layers::picker::Picker;
use super::msg::Msg;
use super::strings;
use super::tests::Harness;

/// The labels of the picker's candidates, best first.
fn shown_labels(h: &Harness) -> Vec<String> {
    let p = h.app.top_layer::<Picker>().expect("the picker is open");
    p.shown
        .iter()
        .filter_map(|i| p.all.get(*i))
        .map(|it| it.label.clone())
        .collect()
}

#[test]
fn the_picker_puts_an_exact_label_before_longer_ones() {
    let mut h = Harness::new(120, 36);
    h.key(KeyCode::Enter);
    h.keys("s");
    h.keys("c");
    h.keys("lancement");
    let shown = shown_labels(&h);
    assert_eq!(
        shown.first().map(String::as_str),
        Some("Lancement"),
        "{shown:?}"
    );
    assert!(shown.iter().any(|l| l == "Avant le lancement"), "{shown:?}");
    // Then a name's start, then a word's start, then the rest.
    h.key(KeyCode::Esc);
    h.keys("c");
    h.keys("avant");
    assert_eq!(
        shown_labels(&h).first().map(String::as_str),
        Some("Avant le lancement")
    );
    h.key(KeyCode::Enter);
    h.pump();
    assert_eq!(h.on_disk().codings[0].code, "stage.pre-launch");
}

#[test]
fn a_pasted_memo_with_carriage_returns_is_stored_with_line_feeds() {
    let mut h = Harness::new(100, 30);
    h.key(KeyCode::Enter);
    h.keys("s");
    h.keys("c");
    h.keys("practice.community");
    h.key(KeyCode::Enter);
    h.keys("m");
    assert!(h.app.top_layer::<MemoEditor>().is_some());
    h.send(Msg::Paste("un\rdeux\r\ntrois".into()));
    let screen = h.draw();
    assert!(!screen.contains('\r'));
    h.key(KeyCode::Esc);
    h.pump();
    assert_eq!(
        h.on_disk().codings[0].memo.as_deref(),
        Some("un\ndeux\ntrois")
    );
    // The document's memo too.
    h.keys("M");
    h.send(Msg::Paste("a\rb".into()));
    h.ctrl('s');
    h.pump();
    let memos = h.on_disk().memos;
    assert_eq!(
        memos.first().map(|m| m.text.as_str()),
        Some("a\nb"),
        "{memos:?}"
    );
}

#[test]
fn the_interface_speaks_french_when_asked() {
    let mut h = Harness::new(120, 36);
    h.app.set_lang(Lang::Fr);
    let screen = h.draw();
    assert!(screen.contains("Documents"), "{screen}");
    assert!(screen.contains("ouvrir"), "the key hints: {screen}");
    assert!(screen.contains("quitter"), "{screen}");
    assert!(screen.contains("enregistré"), "{screen}");
    h.keys("?");
    let screen = h.draw();
    assert!(screen.contains("Touches"), "{screen}");
    assert!(screen.contains("document suivant"), "{screen}");
    h.key(KeyCode::Esc);
    h.keys("u");
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("rien à annuler")
    );
    // L goes back to English, words and labels.
    h.keys("L");
    assert_eq!(strings::lang(), Lang::En);
    assert_eq!(h.app.lang, "en");
    h.keys("u");
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("nothing to undo")
    );
}

#[test]
fn at_120_columns_the_codebook_and_its_definition_are_beside_the_transcript() {
    let mut h = Harness::new(120, 36);
    h.key(KeyCode::Enter);
    let screen = h.draw();
    assert!(screen.contains(" Codebook ("), "{screen}");
    assert!(screen.contains(" Definition"), "{screen}");
    // After a round of Tab (documents, transcript), the codebook is back beside it.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, super::app::Pane::Transcript);
    let screen = h.draw();
    assert!(screen.contains(" Definition"), "{screen}");
    assert!(!screen.contains(" Documents "), "{screen}");
}

#[test]
fn the_definition_pane_scrolls_with_keys_and_the_mouse() {
    use ratatui::crossterm::event::MouseEventKind;
    let mut h = Harness::new(120, 36);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, super::app::Pane::Codebook);
    let before = h.draw();
    assert!(
        before.contains(" Definition · 1-"),
        "a long definition says it scrolls: {before}"
    );
    h.keys("J");
    let after = h.draw();
    assert_ne!(before, after);
    assert!(h.app.def_scroll.1 > 0);
    assert!(!after.contains(" Definition · 1-"), "{after}");
    h.keys("K");
    assert_eq!(h.app.def_scroll.1, 0);
    // The wheel over the definition scrolls it, not the code list.
    let area = h.app.rects().codebook.unwrap();
    let detail = super::view::codebook::detail_area(area);
    let sel = h.app.code_sel;
    h.mouse(MouseEventKind::ScrollDown, detail.x + 2, detail.y + 2);
    assert_eq!(h.app.code_sel, sel);
    assert_eq!(h.app.def_scroll, (sel, 3));
    // It never scrolls past the end.
    for _ in 0..50 {
        h.keys("J");
    }
    let max = super::view::codebook::max_def_scroll(&h.app, area);
    assert_eq!(h.app.def_scroll.1, max);
    assert!(
        h.draw()
            .contains(&format!("/{} ", max + usize::from(detail.height - 2)))
    );
}

#[test]
fn the_picker_leaves_the_selected_text_visible() {
    for (w, h, down) in [
        (100u16, 30u16, 0usize),
        (100, 30, 18),
        (80, 24, 12),
        (160, 40, 25),
    ] {
        let mut hs = Harness::new(w, h);
        hs.key(KeyCode::Enter);
        for _ in 0..down {
            hs.key(KeyCode::Char('j'));
        }
        hs.keys("s");
        let (first, last) =
            super::view::selection_rows(&hs.app).expect("the selection is on screen");
        let before = hs.draw();
        hs.keys("c");
        let after = hs.draw();
        assert!(hs.app.top_layer::<Picker>().is_some());
        let rows = |s: &str, a: u16, b: u16| -> Vec<String> {
            s.lines()
                .skip(usize::from(a))
                .take(usize::from(b - a + 1))
                .map(str::to_string)
                .collect()
        };
        let text = super::view::transcript::geometry(hs.app.rects().transcript.unwrap()).text;
        let cut = |rows: Vec<String>| -> Vec<String> {
            rows.into_iter()
                .map(|l| {
                    l.chars()
                        .skip(usize::from(text.x))
                        .take(usize::from(text.width))
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            cut(rows(&after, first, last)),
            cut(rows(&before, first, last)),
            "{w}x{h}: the picker covers the selection:\n{after}"
        );
        assert!(after.contains("Code (type to filter"), "{after}");
    }
}

#[test]
fn long_document_ids_keep_the_company_and_the_coverage_in_the_list() {
    for (w, h) in [(120u16, 36u16), (80, 24), (160, 40)] {
        let mut hs = Harness::new(w, h);
        for (i, d) in hs.app.docs.iter_mut().enumerate() {
            d.id = format!("entretien-2025-fondatrice-{i:02}");
            d.chars = Some(1000);
            d.words = Some(180);
            d.coded = 250;
        }
        let screen = hs.draw();
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains("25%")).collect();
        assert_eq!(rows.len(), 18.min(usize::from(h) - 4), "{w}x{h}:\n{screen}");
        for (row, d) in rows.iter().zip(&hs.app.docs) {
            let company: String = d.company.chars().take(5).collect();
            assert!(row.contains(&company), "{w}x{h}: no company in {row:?}");
            let tail: String = d.id.chars().skip(d.id.chars().count() - 5).collect();
            assert!(
                row.contains(&tail),
                "{w}x{h}: the id's end tells them apart: {row:?}"
            );
        }
    }
}

#[test]
fn the_documents_filter_takes_stages_in_either_language_and_shows_them_in_the_ui_language() {
    let mut h = Harness::new(120, 36);
    let screen = h.draw();
    assert!(screen.contains("Croissan"), "French labels: {screen}");
    h.keys("f");
    h.keys("stage=croissance");
    h.key(KeyCode::Enter);
    let growth: Vec<&str> = h
        .app
        .doc_filtered
        .iter()
        .map(|i| h.app.docs[*i].stage.as_str())
        .collect();
    assert_eq!(growth.len(), 7, "{growth:?}");
    assert!(growth.iter().all(|s| *s == "growth"));
    h.key(KeyCode::Esc);
    h.keys("f");
    h.keys("croissance");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.doc_filtered.len(), 7);
    h.key(KeyCode::Esc);
    h.keys("f");
    h.keys("stage=growth");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.doc_filtered.len(), 7);
    // In English, the stages read in English.
    h.key(KeyCode::Esc);
    h.keys("L");
    let screen = h.draw();
    assert!(screen.contains("Growth"), "{screen}");
    assert!(!screen.contains("Croissan"), "{screen}");
}

/// Undo and redo word what was done from the core's summary of the edit, in the
/// interface's language (#17): the core returns data, the TUI words it.
#[test]
fn the_undo_message_is_worded_in_french_and_in_english() {
    let mut h = Harness::new(120, 36);
    h.key(KeyCode::Enter);
    h.keys("s");
    h.keys("c");
    h.keys("practice.community.cocreation");
    h.key(KeyCode::Enter);
    h.pump();
    assert_eq!(h.on_disk().codings.len(), 1);
    h.app.set_lang(Lang::Fr);
    h.keys("u");
    h.pump();
    assert_eq!(h.on_disk().codings.len(), 0);
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("annulé : ajout de practice.community.cocreation")
    );
    h.keys("U");
    h.pump();
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("rétabli : ajout de practice.community.cocreation")
    );
    h.app.set_lang(Lang::En);
    h.keys("u");
    h.pump();
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("undid: added practice.community.cocreation")
    );
    h.keys("U");
    h.pump();
    assert_eq!(
        h.app.message.as_ref().map(|m| m.0.as_str()),
        Some("redid: added practice.community.cocreation")
    );
    assert_eq!(h.on_disk().codings.len(), 1);
}
