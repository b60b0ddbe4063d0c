//! Pins of #17's "Done when" that no other test holds: the orphan scan is one (the TUI's
//! orphan list and `glose reanchor`'s operations ask the same core scan,
//! `store::orphans`, so they agree on which codings lost their text). The others are
//! pinned elsewhere: `tui::tests::retrieval_by_stage_equals_the_export_grouping`,
//! `tests/export` `report_agreement_is_glose_agreement_json`, and `tui::shape_tests`.

use std::time::Duration;

use glose::store::{CoderStore, Op, Placement, new_coding, reanchor_ops};
use glose::study::Study;

use super::tests::{Harness, sample_study};
use super::update::update;

/// A coding whose sentence was deleted and one whose sentence moved: the TUI's orphan
/// list (`O`) names exactly the codings the core's re-anchoring leaves orphaned, and
/// not the moved one, which re-anchoring places again.
#[test]
fn the_tui_orphan_list_is_the_core_scan() {
    let dir = sample_study();
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("E01").unwrap();
    let gone = doc.sentences[2].clone();
    let moved = doc.sentences[4].clone();
    let gone_text = doc.slice(gone.clone()).to_string();
    {
        let mut store = CoderStore::open(&study, "tester").unwrap();
        store
            .apply_all(&[
                Op::Add(new_coding(&doc, "practice", gone, None, "tester")),
                Op::Add(new_coding(&doc, "role.sales", moved, None, "tester")),
            ])
            .unwrap();
    }
    // Delete one sentence; what follows it moves.
    let path = dir.path().join("corpus/E01.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(&gone_text, "Tout autre chose ici.")).unwrap();

    let study = Study::open(dir.path()).unwrap();
    let path = glose::store::coder_path(&study.codings_dir(), "tester");
    let file = glose::store::CoderFile::load(&path, "tester").unwrap().file;
    let (ops, counts, details) = reanchor_ops(&study, &file);
    let mut core: Vec<String> = details
        .iter()
        .filter(|(_, r)| r.placement == Placement::Orphaned || r.range.is_none())
        .map(|(c, _)| c.id.clone())
        .collect();
    core.sort();
    assert_eq!(counts.orphaned, 1, "{counts:?}");
    assert_eq!(ops.len(), 1, "the moved coding is placed again");

    let mut h = Harness::on(dir, 100, 30);
    h.keys("O");
    while h.app.orphans.is_empty() {
        let m = h.rx.recv_timeout(Duration::from_secs(10)).unwrap();
        update(&mut h.app, m);
    }
    let mut tui: Vec<String> = h.app.orphans.iter().map(|o| o.coding.id.clone()).collect();
    tui.sort();
    assert_eq!(tui, core, "the TUI lists what the core's scan orphans");
}
