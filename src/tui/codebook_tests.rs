//! Flows of the codebook door through the TestBackend harness: create from the picker
//! (default and chosen parent, refused under another glose's lock), in-vivo coding, undo
//! and redo of codebook changes, the codebook pane's keys and form, a codebook changed on
//! disk.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use glose::codebook::{CodeFields, Codebook, commit, lock_path};
use glose::fsutil::FileLock;
use glose::locale::Lang;
use glose::study::Study;

use super::app::Pane;
use super::codebook_door::{in_vivo_label, select_code};
use super::layers::code_form::CodeForm;
use super::layers::picker::Picker;
use super::layers::retrieve::Retrieve;
use super::msg::Msg;
use super::tests::Harness;

fn on_disk_codebook(h: &Harness) -> Codebook {
    Study::open(h.dir.path()).unwrap().codebook
}

fn code_labelled<'a>(cb: &'a Codebook, label: &str) -> Option<&'a glose::codebook::Code> {
    cb.codes.iter().find(|c| c.label_fr == label)
}

/// Opens the first document and selects its third line's sentence.
fn select_a_sentence(h: &mut Harness) {
    h.key(KeyCode::Enter);
    h.keys("jjs");
    assert!(h.app.view.as_ref().unwrap().selection().is_some());
}

fn msg(h: &Harness) -> String {
    h.app.message.clone().unwrap_or_default().0
}

fn codebook_pane_on(h: &mut Harness, code: &str) {
    h.app.focus = Pane::Codebook;
    select_code(&mut h.app, code);
}

#[test]
fn create_from_the_picker_codes_the_selection_and_undoes_in_order() {
    let mut h = Harness::new(100, 30);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("risques zz");
    let Some(p) = h.app.top_layer::<Picker>() else {
        panic!("picker open")
    };
    assert!(
        p.shown.is_empty() && p.on_create(),
        "the create row is highlighted"
    );
    let screen = h.draw();
    assert!(screen.contains("create «risques zz»"), "{screen}");
    h.key(KeyCode::Enter);
    assert!(h.app.layers.is_empty());
    let cb = on_disk_codebook(&h);
    let code = code_labelled(&cb, "risques zz").expect("code created on disk");
    assert_eq!(code.parent, None, "no code used yet: a new top-level group");
    let id = code.id.clone();
    let file = h.on_disk();
    assert_eq!(file.codings.len(), 1);
    assert_eq!(file.codings[0].code, id);
    assert!(msg(&h).contains("created code"), "{}", msg(&h));
    // Undo: the coding first, then the code; redo both.
    h.keys("u");
    assert!(h.on_disk().codings.is_empty());
    assert!(on_disk_codebook(&h).contains(&id));
    h.keys("u");
    assert!(!on_disk_codebook(&h).contains(&id), "{}", msg(&h));
    assert!(!h.app.session.study.codebook.contains(&id));
    h.keys("U");
    assert!(on_disk_codebook(&h).contains(&id));
    h.keys("U");
    assert_eq!(h.on_disk().codings[0].code, id);
    // Every change is in the codebook's history.
    let path = h
        .app
        .session
        .study
        .root
        .join(&h.app.session.study.config.codebook);
    let (history, _) = glose::codebook::read_history(&path);
    let ops: Vec<&str> = history.iter().map(|e| e.op.as_str()).collect();
    assert_eq!(ops, ["add", "undo add", "add"]);
}

#[test]
fn a_name_matching_nothing_never_closes_the_jump_picker_silently() {
    let mut h = Harness::new(100, 30);
    h.keys("o");
    h.keys("zzzz");
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<Picker>().is_some());
    assert!(msg(&h).contains("nothing matches «zzzz»"));
}

#[test]
fn the_new_code_goes_beside_the_last_used_or_under_a_chosen_parent() {
    let mut h = Harness::new(100, 30);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("practice.community.cocreation");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    h.keys("s");
    h.keys("c");
    h.keys("tout nouveau");
    let Some(p) = h.app.top_layer::<Picker>() else {
        panic!("picker open")
    };
    assert_eq!(p.parent.as_deref(), Some("practice.community"));
    // Tab: choose another parent, then back to the picker with it.
    h.key(KeyCode::Tab);
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    let Some(p) = h.app.top_layer::<Picker>() else {
        panic!("back to the code picker")
    };
    assert_eq!(p.parent.as_deref(), Some("role.sales"));
    assert_eq!(p.input, "tout nouveau");
    h.key(KeyCode::Enter);
    let cb = on_disk_codebook(&h);
    let code = code_labelled(&cb, "tout nouveau").expect("created");
    assert_eq!(code.parent.as_deref(), Some("role.sales"));
    assert_eq!(h.on_disk().codings.len(), 2);
}

#[test]
fn creating_under_another_gloses_lock_is_refused_and_nothing_changes() {
    let mut h = Harness::new(100, 30);
    let _held = FileLock::try_acquire(&lock_path(&h.app.session.study), "someone else").unwrap();
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("bloqué");
    h.key(KeyCode::Enter);
    assert!(msg(&h).contains("another glose"), "{}", msg(&h));
    assert!(h.app.message.as_ref().unwrap().1, "an error");
    assert!(code_labelled(&on_disk_codebook(&h), "bloqué").is_none());
    assert!(h.on_disk().codings.is_empty());
}

#[test]
fn in_vivo_names_a_code_after_the_selected_words() {
    assert_eq!(
        in_vivo_label("  « on fait tout au feeling », "),
        "on fait tout au feeling"
    );
    assert_eq!(
        in_vivo_label("Comme je vous l’ai écrit, c’est pour une étude"),
        "Comme je vous l’ai écrit"
    );
    assert!(in_vivo_label(&"x".repeat(90)).chars().count() <= 40);
    let mut h = Harness::new(100, 30);
    select_a_sentence(&mut h);
    h.keys("i");
    let cb = on_disk_codebook(&h);
    let code = code_labelled(&cb, "Comme je vous l’ai écrit").expect("in-vivo code");
    assert_eq!(h.on_disk().codings[0].code, code.id);
}

#[test]
fn merge_from_the_codebook_pane_moves_the_codings_and_undoes() {
    let mut h = Harness::new(120, 36);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.counts.get("role.sales").map(|c| c.1), Some(1));
    codebook_pane_on(&mut h, "role.sales");
    h.keys("M");
    h.keys("practice.community.cocreation");
    h.key(KeyCode::Enter);
    assert!(!on_disk_codebook(&h).contains("role.sales"), "{}", msg(&h));
    // The coder's file is not rewritten; the coding counts as the target now.
    assert_eq!(h.on_disk().codings[0].code, "role.sales");
    assert_eq!(
        h.app
            .counts
            .get("practice.community.cocreation")
            .map(|c| c.1),
        Some(1)
    );
    h.keys("u");
    assert!(on_disk_codebook(&h).contains("role.sales"), "{}", msg(&h));
    assert_eq!(h.app.counts.get("role.sales").map(|c| c.1), Some(1));
}

#[test]
fn delete_is_refused_while_coded_and_saying_whose() {
    let mut h = Harness::new(120, 36);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    codebook_pane_on(&mut h, "role.sales");
    h.keys("d");
    assert!(
        msg(&h).contains("1 coding(s)") && msg(&h).contains("tester: 1"),
        "{}",
        msg(&h)
    );
    assert!(on_disk_codebook(&h).contains("role.sales"));
    // Once uncoded it goes, and u brings it back.
    h.app.focus = Pane::Transcript;
    h.keys("x");
    h.keys("d");
    codebook_pane_on(&mut h, "role.sales");
    h.keys("d");
    assert!(!on_disk_codebook(&h).contains("role.sales"), "{}", msg(&h));
    h.keys("u");
    assert!(on_disk_codebook(&h).contains("role.sales"));
}

#[test]
fn new_child_rename_and_move_from_the_codebook_pane() {
    let mut h = Harness::new(120, 36);
    codebook_pane_on(&mut h, "practice");
    h.keys("C");
    h.keys("enfant neuf");
    h.key(KeyCode::Enter);
    let cb = on_disk_codebook(&h);
    let id = code_labelled(&cb, "enfant neuf").expect("child").id.clone();
    assert_eq!(cb.get(&id).unwrap().parent.as_deref(), Some("practice"));
    // Rename (the prompt starts with the label; Ctrl-u clears it).
    codebook_pane_on(&mut h, &id);
    h.keys("r");
    h.ctrl('u');
    h.keys("enfant renommé");
    h.key(KeyCode::Enter);
    assert_eq!(
        on_disk_codebook(&h).get(&id).unwrap().label_fr,
        "enfant renommé"
    );
    // Move under role.
    h.keys("p");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    assert_eq!(
        on_disk_codebook(&h).get(&id).unwrap().parent.as_deref(),
        Some("role.sales"),
        "{}",
        msg(&h)
    );
    // Move it under itself: refused, naming the code.
    h.keys("p");
    h.keys(&id);
    h.key(KeyCode::Enter);
    assert!(msg(&h).contains("not moved"), "{}", msg(&h));
}

#[test]
fn the_edit_form_saves_changed_fields_and_pasted_lines() {
    let mut h = Harness::new(120, 40);
    codebook_pane_on(&mut h, "role.sales");
    h.keys("e");
    assert!(h.app.top_layer::<CodeForm>().is_some());
    let screen = h.draw();
    assert!(screen.contains("When not to use"), "{screen}");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.send(Msg::Paste(" Ligne un.\r\nLigne deux.\rLigne trois.".into()));
    h.ctrl('s');
    assert!(h.app.layers.is_empty(), "{}", msg(&h));
    let def = on_disk_codebook(&h)
        .get("role.sales")
        .unwrap()
        .definition
        .clone();
    assert!(
        def.ends_with(" Ligne un.\nLigne deux.\nLigne trois."),
        "{def:?}"
    );
    // A bad colour keeps the form open with the reason.
    h.keys("e");
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.keys("zz");
    h.key(KeyCode::Esc);
    assert!(h.app.top_layer::<CodeForm>().is_some());
    assert!(msg(&h).contains("colour"), "{}", msg(&h));
    h.ctrl('g');
    assert!(h.app.layers.is_empty());
}

#[test]
fn a_coded_passage_becomes_an_example_of_its_code() {
    let mut h = Harness::new(100, 30);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    h.keys("E");
    let ex = on_disk_codebook(&h)
        .get("role.sales")
        .unwrap()
        .example
        .clone();
    assert!(ex.contains("« Comme je vous l’ai écrit"), "{ex:?}");
    h.keys("u");
    let ex = on_disk_codebook(&h)
        .get("role.sales")
        .unwrap()
        .example
        .clone();
    assert!(!ex.contains("Comme je vous l’ai écrit"), "{ex:?}");
}

#[test]
fn a_codebook_changed_on_disk_is_read_again_or_waits_for_the_edit() {
    let mut h = Harness::new(100, 30);
    let root = h.dir.path().to_path_buf();
    let add = |label: &str| {
        let study = Study::open(&root).unwrap();
        let fields = CodeFields {
            label_fr: Some(label.into()),
            ..CodeFields::default()
        };
        let change = study.codebook.op_add(None, None, &fields).unwrap();
        commit(&study, &change, "autre", None).unwrap();
    };
    add("venu d'ailleurs");
    h.send(Msg::Tick);
    assert!(code_labelled(&h.app.session.study.codebook, "venu d'ailleurs").is_some());
    assert!(msg(&h).contains("read again"), "{}", msg(&h));
    // While a popup is open it waits, and says so.
    codebook_pane_on(&mut h, "role.sales");
    h.keys("e");
    add("encore un");
    h.app.cb_poll_now();
    h.send(Msg::Tick);
    assert!(code_labelled(&h.app.session.study.codebook, "encore un").is_none());
    assert!(msg(&h).contains("when this closes"), "{}", msg(&h));
    h.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('g'),
        KeyModifiers::CONTROL,
    )));
    h.app.cb_poll_now();
    h.send(Msg::Tick);
    assert!(code_labelled(&h.app.session.study.codebook, "encore un").is_some());
}

#[test]
fn split_marked_passages_from_the_retrieval_into_a_new_code() {
    let mut h = Harness::new(120, 36);
    select_a_sentence(&mut h);
    h.keys("c");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    h.keys("s");
    h.keys("1");
    h.key(KeyCode::Esc);
    h.keys("s");
    h.keys("1");
    assert_eq!(h.on_disk().codings.len(), 3);
    let first = h.on_disk().codings[0].id.clone();
    codebook_pane_on(&mut h, "role.sales");
    h.keys("R");
    let Some(r) = h.app.top_layer::<Retrieve>() else {
        panic!("retrieval open")
    };
    assert_eq!(r.passages, 3);
    // Mark the first passage, then split it into a new code.
    h.keys("x");
    h.keys("S");
    h.keys("ventes en ligne");
    h.key(KeyCode::Enter);
    let cb = on_disk_codebook(&h);
    let new = code_labelled(&cb, "ventes en ligne")
        .expect("new code")
        .id
        .clone();
    assert_eq!(cb.claimer_of(&first), Some(new.as_str()), "{}", msg(&h));
    // The coder's file is unchanged; the counts follow the claim.
    assert!(h.on_disk().codings.iter().all(|c| c.code == "role.sales"));
    assert_eq!(h.app.counts.get(&new).map(|c| c.1), Some(1));
    assert_eq!(h.app.counts.get("role.sales").map(|c| c.1), Some(2));
    // Undo the split, then the new code.
    h.keys("u");
    assert_eq!(h.app.counts.get("role.sales").map(|c| c.1), Some(3));
    h.keys("u");
    assert!(!on_disk_codebook(&h).contains(&new), "{}", msg(&h));
}

#[test]
fn no_code_is_created_when_the_coder_file_is_read_only() {
    let dir = super::tests::sample_study();
    let study = Study::open(dir.path()).unwrap();
    let _held = glose::store::CoderStore::open(&study, "tester").unwrap();
    let mut h = Harness::on(dir, 100, 30);
    select_a_sentence(&mut h);
    h.keys("i");
    assert!(msg(&h).contains("read-only"), "{}", msg(&h));
    assert_eq!(
        on_disk_codebook(&h).codes.len(),
        study.codebook.codes.len(),
        "no code created for a coding that cannot be saved"
    );
}

#[test]
fn quitting_saves_the_code_form_and_a_refused_save_does_not_hold_the_quit() {
    let mut h = Harness::new(120, 40);
    codebook_pane_on(&mut h, "role.sales");
    h.keys("e");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.keys(" Ajout.");
    h.ctrl('c');
    assert!(h.app.quit);
    let def = on_disk_codebook(&h)
        .get("role.sales")
        .unwrap()
        .definition
        .clone();
    assert!(def.ends_with(" Ajout."), "{def:?}");
    // Under another glose's lock the save is refused, said, and the quit goes on.
    let mut h = Harness::new(120, 40);
    let _held = FileLock::try_acquire(&lock_path(&h.app.session.study), "someone else").unwrap();
    codebook_pane_on(&mut h, "role.sales");
    h.keys("e");
    h.keys("x");
    h.ctrl('c');
    assert!(h.app.quit && h.app.layers.is_empty());
    assert!(msg(&h).contains("another glose"), "{}", msg(&h));
}

/// A codebook change's message is worded from the core's kind of change, in the
/// interface's language (#17); the history file keeps the core's English sentence.
#[test]
fn codebook_changes_are_worded_in_french_and_in_english() {
    let mut h = Harness::new(120, 36);
    h.app.set_lang(Lang::Fr);
    codebook_pane_on(&mut h, "practice");
    h.keys("C");
    h.keys("enfant neuf");
    h.key(KeyCode::Enter);
    let cb = on_disk_codebook(&h);
    let id = code_labelled(&cb, "enfant neuf").expect("added").id.clone();
    assert_eq!(msg(&h), format!("ajout du code {id} (enfant neuf)"));
    h.keys("u");
    assert_eq!(
        msg(&h),
        format!("annulé : ajout du code {id} (enfant neuf)")
    );
    h.keys("U");
    assert_eq!(
        msg(&h),
        format!("rétabli : ajout du code {id} (enfant neuf)")
    );
    h.app.set_lang(Lang::En);
    h.keys("u");
    assert_eq!(msg(&h), format!("undid: added code {id} (enfant neuf)"));
    h.keys("U");
    assert_eq!(msg(&h), format!("redid: added code {id} (enfant neuf)"));
    assert!(on_disk_codebook(&h).contains(&id));
    // Merge it into role.sales, in English, then undo and redo in French.
    codebook_pane_on(&mut h, &id);
    h.keys("M");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    assert!(!on_disk_codebook(&h).contains(&id), "{}", msg(&h));
    let sales = h.app.label("role.sales").to_string();
    assert_eq!(
        msg(&h),
        format!("merged {id} into role.sales ({sales}): its codings count as it now (u undoes)")
    );
    h.keys("u");
    assert_eq!(msg(&h), format!("undid: merged code {id} into role.sales"));
    h.app.set_lang(Lang::Fr);
    h.keys("U");
    assert_eq!(
        msg(&h),
        format!("rétabli : code {id} fusionné dans role.sales")
    );
    h.keys("u");
    assert_eq!(
        msg(&h),
        format!("annulé : code {id} fusionné dans role.sales")
    );
    codebook_pane_on(&mut h, &id);
    h.keys("M");
    h.keys("role.sales");
    h.key(KeyCode::Enter);
    let sales = h.app.label("role.sales").to_string();
    assert_eq!(
        msg(&h),
        format!(
            "{id} fusionné dans role.sales ({sales}) : ses codages comptent désormais comme lui (u annule)"
        )
    );
    // The history keeps the core's English sentences, whatever the interface's language.
    let path = h
        .app
        .session
        .study
        .root
        .join(&h.app.session.study.config.codebook);
    let (history, _) = glose::codebook::read_history(&path);
    let said: Vec<&str> = history.iter().map(|e| e.summary.as_str()).collect();
    let add = format!("add code {id:?} (enfant neuf)");
    let merge = format!("merge code {id:?} into \"role.sales\"");
    assert_eq!(
        said,
        [
            add.clone(),
            format!("undo: {add}"),
            add.clone(),
            format!("undo: {add}"),
            add,
            merge.clone(),
            format!("undo: {merge}"),
            merge.clone(),
            format!("undo: {merge}"),
            merge,
        ]
    );
}
