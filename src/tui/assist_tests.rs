//! The assistants' TUI door (#21): suggestions, similar passages and the consistency
//! review, driven through the real app and drawn into a `TestBackend`.

use std::time::Duration;

use ratatui::crossterm::event::KeyCode;

use glose::store::CoderFile;
use glose::suggest::rejections::rejections_path;

use super::app::Pane;
use super::assist_jobs::SimilarScope;
use super::layers::consistency::{ConsistencyReview, Why};
use super::layers::memo::{MemoEditor, MemoFor};
use super::layers::picker::{PickFor, Picker};
use super::layers::similar::SimilarList;
use super::layers::suggest::{Answer, SuggestList};
use super::msg::Msg;
use super::tests::{Harness, sample_study};
use super::update::update;

const TEASING: &str = "practice.community.teasing";

/// A sample study where `tester` has coded what coder-a coded with `codes`.
fn study_with_tester_codings(codes: &[&str]) -> tempfile::TempDir {
    let dir = sample_study();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/codings/coder-a.jsonl");
    let a = std::fs::read_to_string(sample).unwrap();
    std::fs::create_dir_all(dir.path().join("codings")).unwrap();
    let mut file = CoderFile::parse("coder-a", &a).file;
    file.coder = "tester".into();
    file.codings.retain(|c| codes.contains(&c.code.as_str()));
    file.memos.clear();
    for c in &mut file.codings {
        c.coder = "tester".into();
    }
    std::fs::write(dir.path().join("codings/tester.jsonl"), file.serialize()).unwrap();
    dir
}

impl Harness {
    /// Handles messages until the assistant thread answered once.
    fn wait_assistant(&mut self) {
        loop {
            let m = self.rx.recv_timeout(Duration::from_secs(120)).unwrap();
            let done = matches!(m, Msg::Assist(_));
            update(&mut self.app, m);
            if done {
                self.pump();
                return;
            }
        }
    }

    /// Opens the suggestions of `code` from the transcript through the picker.
    fn suggestions_of(&mut self, code: &str) {
        self.keys("S");
        let picker = self.app.top_layer::<Picker>().expect("the picker opens");
        assert_eq!(picker.purpose, PickFor::Suggest);
        self.keys(code);
        self.key(KeyCode::Enter);
        assert!(self.app.top_layer::<SuggestList>().is_some());
        self.wait_assistant();
    }
}

fn ready(h: &Harness) -> &glose::suggest::Suggestions {
    match &h.app.top_layer::<SuggestList>().unwrap().answer {
        Answer::Ready(s) => s,
        other => panic!("no list: {other:?}"),
    }
}

#[test]
fn suggestions_accept_is_an_undoable_coding_and_reject_is_remembered() {
    let mut h = Harness::on(study_with_tester_codings(&[TEASING]), 120, 36);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Pane::Transcript);
    let doc = h.app.view.as_ref().unwrap().doc.id.clone();
    let before = h.on_disk().codings.len();
    h.suggestions_of("teasing");
    let s = ready(&h).clone();
    assert_eq!(s.code, TEASING);
    assert!(!s.items.is_empty());
    assert!(s.evaluation.is_some(), "the gate measured the code");
    assert!(s.items.iter().all(|i| i.doc == doc));
    assert!(s.items.windows(2).all(|w| w[0].score >= w[1].score));
    let first = s.items[0].clone();
    let screen = h.draw();
    assert!(
        screen.contains("Suggestions: Teasing et attente in E01"),
        "{screen}"
    );
    assert!(screen.contains("learned from your"), "{screen}");
    assert!(
        screen.contains("like your coding in"),
        "the nearest example: {screen}"
    );

    // Accept: an ordinary coding of the passage, with the model's receipt; the next
    // suggestion is highlighted.
    h.keys("a");
    let file = h.on_disk();
    assert_eq!(file.codings.len(), before + 1);
    let added = file
        .codings
        .iter()
        .find(|c| c.start == first.start && c.end == first.end)
        .expect("the accepted passage is coded");
    assert_eq!(added.code, TEASING);
    assert_eq!(added.doc, doc);
    assert_eq!(added.suggested.as_ref().unwrap().model, "tfidf-logreg");
    assert_eq!(ready(&h).items[0], s.items[1]);
    // Undo (after closing the list) removes it like any coding.
    h.key(KeyCode::Esc);
    h.keys("u");
    assert_eq!(h.on_disk().codings.len(), before);

    // Reject: remembered in the coder's rejections file, not proposed again.
    h.suggestions_of("teasing");
    let top = ready(&h).items[0].clone();
    h.keys("x");
    h.wait_assistant();
    let tsv = std::fs::read_to_string(rejections_path(&h.app.session.study, "tester")).unwrap();
    assert!(
        tsv.contains(&format!("{TEASING}\t{doc}\t{}\t{}\t", top.start, top.end)),
        "{tsv}"
    );
    assert_eq!(h.on_disk().codings.len(), before, "rejecting codes nothing");
    h.keys("p");
    assert!(
        h.app.top_layer::<Picker>().is_some(),
        "p picks another code"
    );
    h.keys("teasing");
    h.key(KeyCode::Enter);
    h.wait_assistant();
    let again = ready(&h);
    assert_eq!(again.rejected, 1);
    assert!(again.items.iter().all(|i| i.start != top.start));
}

#[test]
fn too_few_examples_and_withheld_codes_are_messages() {
    let dir = study_with_tester_codings(&[TEASING]);
    let toml = dir.path().join("glose.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config.push_str("suggest_min_precision = 0.99\n");
    std::fs::write(&toml, config).unwrap();
    let mut h = Harness::on(dir, 120, 36);
    h.key(KeyCode::Enter);
    h.suggestions_of("teasing");
    let list = h.app.top_layer::<SuggestList>().unwrap();
    let Answer::Message(why) = &list.answer else {
        panic!("{:?}", list.answer);
    };
    assert!(why.contains("below the threshold 0.99"), "{why}");
    let screen = h.draw();
    assert!(screen.contains("below the threshold"), "{screen}");
    // A code the coder never used: what is missing, not a failure.
    h.keys("p");
    h.keys("role.financing");
    h.key(KeyCode::Enter);
    h.wait_assistant();
    let list = h.app.top_layer::<SuggestList>().unwrap();
    let Answer::Message(why) = &list.answer else {
        panic!("{:?}", list.answer);
    };
    assert!(why.contains("coded 0 sentence(s)"), "{why}");
    assert!(h.draw().contains("needed to learn from"));
    assert!(h.app.message.as_ref().is_none_or(|m| !m.1), "no error");
}

#[test]
fn similar_passages_from_the_selection_jump_and_come_back() {
    let mut h = Harness::on(study_with_tester_codings(&[TEASING]), 120, 36);
    h.key(KeyCode::Enter);
    // Without a selection or a coding under the cursor there is nothing to compare.
    h.keys("~");
    assert!(h.app.top_layer::<SimilarList>().is_none());
    assert!(
        h.app
            .message
            .as_ref()
            .unwrap()
            .0
            .contains("select a passage")
    );
    h.keys("jjs");
    let sel = h.app.view.as_ref().unwrap().selection().unwrap();
    h.keys("~");
    h.wait_assistant();
    let list = h.app.top_layer::<SimilarList>().unwrap();
    let items = list.items().to_vec();
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| !p.shared.is_empty()));
    assert!(
        items
            .iter()
            .all(|p| p.doc != "E01" || p.end <= sel.start || p.start >= sel.end),
        "the selection itself is left out"
    );
    let screen = h.draw();
    assert!(screen.contains("Like E01 «"), "{screen}");
    assert!(screen.contains(&items[0].shared[0]), "{screen}");
    // Enter goes to the second passage, selected; `;` brings the list back.
    h.keys("j");
    h.key(KeyCode::Enter);
    assert!(h.app.layers.is_empty());
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, items[1].doc);
    assert_eq!(v.selection(), Some(items[1].start..items[1].end));
    h.keys(";");
    let back = h.app.top_layer::<SimilarList>().unwrap();
    assert_eq!(back.sel, 1);
    // f: only uncoded passages (no coding of anyone touches them).
    h.keys("f");
    h.wait_assistant();
    let list = h.app.top_layer::<SimilarList>().unwrap();
    assert_eq!(list.source.scope, SimilarScope::Uncoded);
    let all: Vec<_> = h
        .app
        .session
        .mine
        .codings
        .iter()
        .chain(&h.app.session.others)
        .collect();
    for p in list.items() {
        assert!(
            !all.iter()
                .any(|c| c.doc == p.doc && c.start < p.end && p.start < c.end),
            "{p:?} is coded"
        );
    }
    assert!(h.draw().contains("uncoded passages"));
}

#[test]
fn consistency_review_keep_recode_and_memo() {
    let mut h = Harness::on(study_with_tester_codings(&[TEASING]), 120, 36);
    h.keys("I");
    assert!(h.app.top_layer::<ConsistencyReview>().is_some());
    h.wait_assistant();
    let review = h.app.top_layer::<ConsistencyReview>().unwrap();
    let items = review.items.clone().unwrap().unwrap();
    assert!(!items.is_empty());
    let outliers: Vec<_> = items
        .iter()
        .filter(|i| matches!(i.why, Why::Outlier(_)))
        .collect();
    assert_eq!(outliers.len(), 14, "each of the 14 codings is scored");
    let first = review.sel;
    assert!(h.draw().contains("Likely miscodings"));
    let first_item = items[first].clone();
    // Keep: marked, the next is highlighted.
    h.keys("y");
    let review = h.app.top_layer::<ConsistencyReview>().unwrap();
    assert_eq!(review.sel, first + 1);
    let screen = h.draw();
    assert!(screen.contains("[kept]"));
    // Recode: the picker on the coding; the review is still below it.
    let target = items[first + 1].clone();
    h.keys("r");
    let picker = h.app.top_layer::<Picker>().unwrap();
    assert_eq!(picker.purpose, PickFor::Change(target.codings[0].clone()));
    h.keys("role.financing");
    h.key(KeyCode::Enter);
    assert!(h.app.top_layer::<ConsistencyReview>().is_some());
    let file = h.on_disk();
    let changed = file.coding(&target.codings[0]).unwrap();
    assert_eq!(changed.code, "role.financing");
    // Memo on the highlighted coding.
    let third = h.app.top_layer::<ConsistencyReview>().unwrap().sel;
    let memo_item = items[third].clone();
    h.keys("m");
    let editor = h.app.top_layer::<MemoEditor>().unwrap();
    assert_eq!(editor.target, MemoFor::Coding(memo_item.codings[0].clone()));
    h.keys("peut-être pas du teasing");
    h.key(KeyCode::Esc);
    assert!(h.app.top_layer::<ConsistencyReview>().is_some());
    let file = h.on_disk();
    assert_eq!(
        file.coding(&memo_item.codings[0]).unwrap().memo.as_deref(),
        Some("peut-être pas du teasing")
    );
    // Each action moved to the next item; Enter goes to the first one's passage, `;`
    // comes back.
    assert_eq!(
        h.app.top_layer::<ConsistencyReview>().unwrap().sel,
        first + 3
    );
    h.keys("kkk");
    h.key(KeyCode::Enter);
    let v = h.app.view.as_ref().unwrap();
    assert_eq!(v.doc.id, first_item.doc);
    assert_eq!(v.selection(), Some(first_item.range.clone()));
    h.keys(";");
    assert!(h.app.top_layer::<ConsistencyReview>().is_some());
}
