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
