//! Unit tests of the codebook operations, changes and the resolver.

use super::tests::code;
use super::*;
use crate::store::{Anchor, Coding};

fn book() -> Codebook {
    Codebook::from_codes(
        "t",
        vec![
            code("a", None),
            code("a.x", Some("a")),
            code("a.y", Some("a")),
            code("a.x.deep", Some("a.x")),
            code("b", None),
        ],
    )
}

fn coding(id: &str, coder: &str, code: &str, start: usize) -> Coding {
    let t = jiff::Timestamp::UNIX_EPOCH;
    Coding {
        id: id.into(),
        doc: "D".into(),
        code: code.into(),
        start,
        end: start + 5,
        memo: None,
        created: t,
        modified: t,
        anchor: Anchor {
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            doc_hash: String::new(),
        },
        selection_name: None,
        suggested: None,
        coder: coder.into(),
    }
}

fn records(cb: &Codebook) -> Vec<CodeRecord> {
    cb.tree_order().into_iter().map(|c| cb.record(c)).collect()
}

#[test]
fn merge_then_undo_restores_the_codebook_exactly() {
    let mut cb = book();
    let before = records(&cb);
    let change = cb.op_merge("a.x", "a.y").unwrap();
    change.apply(&mut cb).unwrap();
    assert!(cb.get("a.x").is_none());
    assert_eq!(cb.get("a.x.deep").unwrap().parent.as_deref(), Some("a.y"));
    assert_eq!(cb.resolve("a.x").unwrap().id, "a.y");
    change.inverse().apply(&mut cb).unwrap();
    assert_eq!(records(&cb), before);
    // Redo is the change again.
    change.apply(&mut cb).unwrap();
    assert_eq!(cb.resolve("a.x").unwrap().id, "a.y");
}

#[test]
fn merges_of_merges_resolve_to_the_last_target() {
    let mut cb = book();
    cb.op_merge("a.x.deep", "a.x")
        .unwrap()
        .apply(&mut cb)
        .unwrap();
    cb.op_merge("a.x", "b").unwrap().apply(&mut cb).unwrap();
    assert_eq!(cb.resolve("a.x.deep").unwrap().id, "b");
    let mut codings = vec![coding("1", "c1", "a.x.deep", 0), coding("2", "c1", "b", 0)];
    let (changed, dropped) = cb.resolve_codings(&mut codings);
    assert_eq!(
        (changed, dropped),
        (1, 1),
        "same coder, same span, same code: once"
    );
    assert_eq!(codings.len(), 1);
    assert_eq!(codings[0].id, "2");
}

#[test]
fn duplicates_not_made_by_a_merge_are_left_alone() {
    let cb = book();
    let mut codings = vec![coding("1", "c1", "a", 0), coding("2", "c1", "a", 0)];
    assert_eq!(cb.resolve_codings(&mut codings), (0, 0));
    assert_eq!(codings.len(), 2);
}

#[test]
fn a_change_on_a_stale_copy_is_refused_and_changes_nothing() {
    let mut cb = book();
    let change = cb
        .op_edit(
            "a.y",
            &CodeFields {
                definition: Some("d".into()),
                ..CodeFields::default()
            },
        )
        .unwrap();
    cb.op_edit(
        "a.y",
        &CodeFields {
            color: Some("#000000".into()),
            ..CodeFields::default()
        },
    )
    .unwrap()
    .apply(&mut cb)
    .unwrap();
    let before = records(&cb);
    let e = change.apply(&mut cb).unwrap_err();
    assert_eq!(e, ChangeError::Stale { code: "a.y".into() });
    assert_eq!(records(&cb), before);
}

#[test]
fn new_ids_are_valid_distinct_and_never_taken() {
    let cb = book();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..200 {
        let id = new_code_id("Co-création « spontanée » !", |i| cb.id_taken(i));
        assert!(id.starts_with("co-creation-spontanee-"), "{id}");
        assert!(seen.insert(id));
    }
    assert!(new_code_id("!!!", |_| false).starts_with("code-"));
    let change = cb
        .op_add(
            None,
            Some("a"),
            &CodeFields {
                label_fr: Some("Risques".into()),
                ..CodeFields::default()
            },
        )
        .unwrap();
    let mut cb2 = cb.clone();
    change.apply(&mut cb2).unwrap();
    assert!(validate(&cb2).is_empty(), "{:?}", validate(&cb2));
}

#[test]
fn an_id_freed_by_a_merge_is_not_reused() {
    let mut cb = book();
    cb.op_merge("a.y", "b").unwrap().apply(&mut cb).unwrap();
    assert_eq!(
        cb.op_add(
            Some("a.y"),
            None,
            &CodeFields {
                label_fr: Some("New".into()),
                ..CodeFields::default()
            }
        )
        .unwrap_err(),
        OpError::DuplicateId("a.y".into())
    );
}

#[test]
fn moves_and_merges_into_descendants_are_refused() {
    let cb = book();
    assert!(matches!(
        cb.op_move("a", Some("a.x.deep")),
        Err(OpError::MoveUnderSelf { .. })
    ));
    assert!(matches!(
        cb.op_merge("a", "a.x"),
        Err(OpError::BadMerge { .. })
    ));
    assert!(matches!(
        cb.op_move("a.y", Some("nope")),
        Err(OpError::UnknownCode { .. })
    ));
}

#[test]
fn split_claims_codings_and_a_second_split_moves_the_claim() {
    let mut cb = book();
    let codings = vec![coding("1", "c1", "a.x", 0), coding("2", "c2", "a.x", 9)];
    cb.op_split("a.x", "a.y", &["1".into()], &codings)
        .unwrap()
        .apply(&mut cb)
        .unwrap();
    assert_eq!(cb.resolve_coding("1", "a.x"), Some("a.y"));
    assert_eq!(cb.resolve_coding("2", "a.x"), Some("a.x"));
    let mut resolved = codings.clone();
    cb.resolve_codings(&mut resolved);
    cb.op_split("a.y", "b", &["1".into()], &resolved)
        .unwrap()
        .apply(&mut cb)
        .unwrap();
    assert_eq!(cb.resolve_coding("1", "a.x"), Some("b"));
    assert!(cb.meta("a.y").claims.is_empty());
    assert!(matches!(
        cb.op_split("a.x", "b", &["2".into(), "zzz".into()], &codings),
        Err(OpError::NotOnCode { .. })
    ));
}

#[test]
fn the_folder_layout_round_trips_and_its_stamp_notices_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codebook.json");
    let mut cb = book();
    cb.layout = Layout::Folder("codes".into());
    cb.save(&path).unwrap();
    let stamp = codebook_stamp(&path);
    let loaded = Codebook::load(&path).unwrap();
    assert_eq!(records(&loaded), records(&cb));
    assert_eq!(loaded.schema_version, CODEBOOK_DIR_SCHEMA_VERSION);
    let mut changed = loaded.clone();
    changed
        .op_remove("b", &[])
        .unwrap()
        .apply(&mut changed)
        .unwrap();
    assert!(!loaded.changed_on_disk());
    changed.save(&path).unwrap();
    assert!(loaded.changed_on_disk());
    assert!(!dir.path().join("codes/b.json").exists());
    assert!(dir.path().join("codes/a.json").exists());
    assert_ne!(codebook_stamp(&path), stamp);
    assert!(Codebook::load(&path).unwrap().get("b").is_none());
}

#[test]
fn check_reports_a_merged_code_that_came_back_through_git() {
    let mut cb = book();
    cb.op_merge("a.y", "b").unwrap().apply(&mut cb).unwrap();
    // The other clone's copy of a.y, kept by a git merge.
    let mut both = cb.clone();
    let back = Change {
        op: "add".into(),
        summary: String::new(),
        kind: ChangeKind::Recorded,
        steps: vec![Step {
            id: "a.y".into(),
            before: None,
            after: Some(CodeRecord {
                code: code("a.y", Some("a")),
                meta: CodeMeta::default(),
            }),
        }],
    };
    back.apply(&mut both).unwrap();
    let problems = validate(&both);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("was merged into \"b\" but still exists")
    );
    assert!(validate(&cb).is_empty());
}

#[test]
fn a_coded_passage_becomes_an_example_once() {
    let mut cb = book();
    cb.op_add_example("a.x", "  On a tout testé.  ")
        .unwrap()
        .apply(&mut cb)
        .unwrap();
    cb.op_add_example("a.x", "Puis on a arrêté.")
        .unwrap()
        .apply(&mut cb)
        .unwrap();
    assert_eq!(
        cb.get("a.x").unwrap().example,
        "« On a tout testé. »\n\n« Puis on a arrêté. »"
    );
    assert!(matches!(
        cb.op_add_example("a.x", "On a tout testé."),
        Err(OpError::Nothing(_))
    ));
}

#[test]
fn undoing_an_add_would_orphan_the_codings_made_with_it_since() {
    let cb = book();
    let add = cb
        .op_add(
            None,
            Some("b"),
            &CodeFields {
                label_fr: Some("Nouveau".into()),
                ..CodeFields::default()
            },
        )
        .unwrap();
    let id = add.steps[0].id.clone();
    let mut after = cb.clone();
    add.apply(&mut after).unwrap();
    let codings = vec![
        coding("c1", "ana", &id, 0),
        coding("c2", "ana", &id, 10),
        coding("c3", "ben", &id, 20),
        coding("c4", "ben", "a.x", 30),
    ];
    let by = add.inverse().would_orphan(&after, &codings);
    assert_eq!(by.get("ana"), Some(&2));
    assert_eq!(by.get("ben"), Some(&1));
    // A merge's undo orphans nothing: the merged code comes back with its codings.
    let merge = cb.op_merge("a.y", "b").unwrap();
    let mut merged = cb.clone();
    merge.apply(&mut merged).unwrap();
    let on_y = vec![coding("c5", "ana", "a.y", 0)];
    assert!(merge.inverse().would_orphan(&merged, &on_y).is_empty());
    assert!(
        merge.would_orphan(&cb, &on_y).is_empty(),
        "merged codings follow"
    );
}

/// Each change says what it did as data, and the history file's English sentence and
/// operation name stay as they always were (#17: the front doors word the data).
#[test]
fn changes_carry_their_kind_and_the_history_sentence_is_unchanged() {
    let cb = book();
    let fields = CodeFields {
        label_fr: Some("Nouveau".into()),
        ..CodeFields::default()
    };
    let add = cb.op_add(Some("c"), None, &fields).unwrap();
    assert_eq!(
        add.kind,
        ChangeKind::Added {
            id: "c".into(),
            label: "Nouveau".into()
        }
    );
    assert_eq!(
        (add.op.as_str(), add.summary.as_str()),
        ("add", "add code \"c\" (Nouveau)")
    );
    let rename = cb.op_edit("a.x", &fields).unwrap();
    assert_eq!(rename.op, "rename");
    assert_eq!(rename.summary, "rename code \"a.x\": label_fr");
    let edit = cb
        .op_edit(
            "a.x",
            &CodeFields {
                label_en: Some("New".into()),
                definition: Some("d".into()),
                ..CodeFields::default()
            },
        )
        .unwrap();
    assert_eq!(edit.op, "edit");
    assert_eq!(edit.summary, "edit code \"a.x\": label_en, definition");
    let example = cb.op_add_example("a.x", "un passage").unwrap();
    assert_eq!(example.op, "example");
    assert_eq!(example.summary, "add an example to code \"a.x\"");
    let moved = cb.op_move("a.y", None).unwrap();
    assert_eq!(moved.summary, "move code \"a.y\" under the top level");
    let moved = cb.op_move("a.y", Some("b")).unwrap();
    assert_eq!(moved.summary, "move code \"a.y\" under \"b\"");
    let merge = cb.op_merge("a.y", "b").unwrap();
    assert_eq!(
        merge.kind,
        ChangeKind::Merged {
            from: "a.y".into(),
            into: "b".into()
        }
    );
    assert_eq!(merge.summary, "merge code \"a.y\" into \"b\"");
    let rm = cb.op_remove("b", &[]).unwrap();
    assert_eq!(
        (rm.op.as_str(), rm.summary.as_str()),
        ("rm", "remove code \"b\"")
    );
    let undo = merge.inverse();
    assert_eq!(undo.kind, ChangeKind::Undo(Box::new(merge.kind.clone())));
    assert_eq!(undo.op, "undo merge");
    assert_eq!(undo.summary, "undo: merge code \"a.y\" into \"b\"");
    let both = add.clone().then(rm.clone()).then(moved.clone());
    assert_eq!(
        both.kind,
        ChangeKind::Several(vec![add.kind, rm.kind, moved.kind])
    );
    assert_eq!(both.op, "add");
    assert_eq!(
        both.summary,
        "add code \"c\" (Nouveau); remove code \"b\"; move code \"a.y\" under \"b\""
    );
    // The kind's sentence is the summary, and the history file does not carry the kind.
    for change in [&both, &undo, &edit, &example] {
        assert_eq!(change.kind.sentence(), change.summary);
        assert_eq!(change.kind.op(), change.op);
    }
    let json = serde_json::to_string(&undo).unwrap();
    assert!(!json.contains("kind"), "{json}");
    let back: Change = serde_json::from_str(&json).unwrap();
    assert_eq!(back.kind, ChangeKind::Recorded);
    assert_eq!(back.summary, undo.summary);
}
