//! `glose codebook add | edit | rename | move | merge | split | rm | log | export | migrate`
//! as researchers use them: codings follow merges and splits without any coder's file
//! being rewritten, bad input changes nothing, the codebook migrates from today's sample
//! study, and two git clones that each add a code merge cleanly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use crate::common;

fn glose_as(dir: &Path, coder: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glose"))
        .args(args)
        .current_dir(dir)
        .env("GLOSE_CODER", coder)
        // The sample study is French: `check` speaks English only by the locale.
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap()
}

fn glose(dir: &Path, args: &[&str]) -> Output {
    glose_as(dir, "coder-a", args)
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The sample study with its codings.
fn study() -> tempfile::TempDir {
    let dir = common::sample_study();
    common::copy_dir(&common::repo().join("codings"), &dir.path().join("codings"));
    dir
}

/// Every coding as (id -> code), as readers see it.
fn resolved(dir: &Path) -> BTreeMap<String, (String, String)> {
    let study = glose::study::Study::open(dir).unwrap();
    glose::store::load_all(&study)
        .codings
        .into_iter()
        .map(|c| (c.id, (c.coder, c.code)))
        .collect()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

/// Snapshot of every file under codebooks/ and codings/.
fn files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    for sub in ["codebooks", "codings"] {
        walk(dir, &dir.join(sub), &mut out);
    }
    out
}

#[test]
fn migration_of_the_sample_study_keeps_every_coding_on_its_code() {
    let dir = study();
    let before = resolved(dir.path());
    let coder_a = read(dir.path(), "codings/coder-a.jsonl");
    assert!(before.len() > 900);
    let out = ok(&glose(dir.path(), &["codebook", "migrate"]));
    // In the study's language or the locale's (#18).
    assert!(
        out.contains("no coding changed") || out.contains("aucun codage n’a changé"),
        "{out}"
    );
    assert_eq!(resolved(dir.path()), before);
    assert_eq!(read(dir.path(), "codings/coder-a.jsonl"), coder_a);
    let header = read(dir.path(), "codebooks/codebook.json");
    assert!(header.contains("\"codes_dir\": \"codes\""), "{header}");
    let codes = std::fs::read_dir(dir.path().join("codebooks/codes"))
        .unwrap()
        .count();
    let original =
        glose::codebook::Codebook::load(&common::repo().join("codebooks/codebook.json")).unwrap();
    assert_eq!(codes, original.codes.len());
    // Same tree, same order (the stages stay in their order).
    let migrated = glose::study::Study::open(dir.path()).unwrap().codebook;
    let ids = |cb: &glose::codebook::Codebook| -> Vec<String> {
        cb.tree_order().iter().map(|c| c.id.clone()).collect()
    };
    assert_eq!(ids(&migrated), ids(&original));
    let check = ok(&glose(dir.path(), &["check"]));
    assert!(check.contains("0 error(s)"), "{check}");
    // Migrating twice is refused, clearly.
    assert!(
        err(&glose(dir.path(), &["codebook", "migrate"])).contains("already in the folder format")
    );
    let log = ok(&glose(dir.path(), &["codebook", "log"]));
    assert!(log.contains("migrate"), "{log}");
}

#[test]
fn three_coders_codings_follow_a_merge_and_no_coder_file_is_rewritten() {
    let dir = study();
    // A third coder who coded one span with both codes: after the merge it counts once.
    let a = read(dir.path(), "codings/coder-a.jsonl");
    let line = a
        .lines()
        .find(|l| l.contains("\"code\":\"practice.ads\""))
        .unwrap()
        .to_string()
        .replacen("\"id\":\"01", "\"id\":\"03", 1);
    let twin = line
        .replace(
            "\"code\":\"practice.ads\"",
            "\"code\":\"practice.platform-choice\"",
        )
        .replacen("\"id\":\"03", "\"id\":\"02", 1);
    std::fs::write(
        dir.path().join("codings/coder-c.jsonl"),
        format!("{line}\n{twin}\n"),
    )
    .unwrap();
    let before = resolved(dir.path());
    let ads: Vec<(String, String)> = before
        .iter()
        .filter(|(_, (_, code))| code == "practice.ads")
        .map(|(id, (coder, _))| (id.clone(), coder.clone()))
        .collect();
    let coders: std::collections::BTreeSet<&str> = ads.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(coders.len(), 3, "{coders:?}");
    let coding_files: BTreeMap<String, String> = files(dir.path())
        .into_iter()
        .filter(|(k, _)| k.starts_with("codings"))
        .collect();

    let out = ok(&glose(
        dir.path(),
        &[
            "codebook",
            "merge",
            "practice.ads",
            "practice.platform-choice",
            "--reason",
            "same idea",
        ],
    ));
    assert!(out.contains("merge"), "{out}");
    let after = resolved(dir.path());
    for (id, coder) in &ads {
        if coder == "coder-c" && !after.contains_key(id) {
            continue; // the duplicate, dropped
        }
        assert_eq!(
            after[id],
            (coder.clone(), "practice.platform-choice".to_string()),
            "coding {id}"
        );
    }
    assert!(!after.values().any(|(_, c)| c == "practice.ads"));
    let c_codings: Vec<_> = after.values().filter(|(c, _)| c == "coder-c").collect();
    assert_eq!(c_codings.len(), 1, "the span coded twice counts once");
    assert_eq!(after.len(), before.len() - 1);
    // Nobody's file was touched: the merge lives in the codebook.
    let now: BTreeMap<String, String> = files(dir.path())
        .into_iter()
        .filter(|(k, _)| k.starts_with("codings"))
        .collect();
    assert_eq!(now, coding_files);
    let check = ok(&glose(dir.path(), &["check"]));
    assert!(check.contains("0 error(s)"), "{check}");
    // The history says who, what and why.
    let log: serde_json::Value =
        serde_json::from_str(&ok(&glose(dir.path(), &["codebook", "log", "--json"]))).unwrap();
    let last = log.as_array().unwrap().last().unwrap();
    assert_eq!(last["who"], "coder-a");
    assert_eq!(last["op"], "merge");
    assert_eq!(last["reason"], "same idea");
}

#[test]
fn add_edit_rename_move_and_rm_through_the_cli() {
    let dir = study();
    let add: serde_json::Value = serde_json::from_str(&ok(&glose(
        dir.path(),
        &[
            "codebook",
            "add",
            "Risques",
            "--parent",
            "practice",
            "--definition",
            "Risques perçus",
            "--json",
        ],
    )))
    .unwrap();
    let id = add["steps"][0]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("risques-"), "{id}");
    // The one-file codebook changes by the new code's block only.
    let text = read(dir.path(), "codebooks/codebook.json");
    let original = read(&common::repo(), "codebooks/codebook.json");
    assert!(!text.contains("\"position\""), "{text}");
    assert_eq!(text.lines().count(), original.lines().count() + 12);
    let cb = || glose::study::Study::open(dir.path()).unwrap().codebook;
    assert_eq!(cb().get(&id).unwrap().parent.as_deref(), Some("practice"));
    assert_eq!(cb().get(&id).unwrap().label_en, "Risques");
    ok(&glose(
        dir.path(),
        &["codebook", "rename", &id, "Risks", "--lang", "en"],
    ));
    ok(&glose(
        dir.path(),
        &[
            "codebook",
            "edit",
            &id,
            "--when-to-use",
            "Quand on parle de risque",
            "--color",
            "#AA0000",
        ],
    ));
    ok(&glose(
        dir.path(),
        &["codebook", "move", &id, "--parent", "role"],
    ));
    let code = cb().get(&id).unwrap().clone();
    assert_eq!(code.label_en, "Risks");
    assert_eq!(code.label_fr, "Risques");
    assert_eq!(code.when_to_use, "Quand on parle de risque");
    assert_eq!(code.color, "#AA0000");
    assert_eq!(code.parent.as_deref(), Some("role"));
    // Its id did not change through rename and move.
    assert!(cb().tree_order().iter().any(|c| c.id == id));
    ok(&glose(dir.path(), &["codebook", "rm", &id]));
    assert!(cb().get(&id).is_none());
    let log = ok(&glose(dir.path(), &["codebook", "log", "--code", &id]));
    for op in ["add", "rename", "edit", "move", "rm"] {
        assert!(
            log.lines().any(|l| l.contains(&format!(" {op} "))),
            "{op} in\n{log}"
        );
    }
    let check = ok(&glose(dir.path(), &["check"]));
    assert!(check.contains("0 error(s)"), "{check}");
}

#[test]
fn bad_input_names_the_code_and_changes_nothing() {
    let dir = study();
    let before = files(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "codebook",
                "add",
                "Publicité payante",
                "--parent",
                "practice",
            ],
            "already the French label of code \"practice.ads\"",
        ),
        (
            &["codebook", "add", "X", "--id", "practice.ads"],
            "\"practice.ads\" is already used",
        ),
        (
            &["codebook", "add", "X", "--parent", "practice.nope"],
            "no code \"practice.nope\"",
        ),
        (&["codebook", "add", "  "], "needs a label"),
        (
            &["codebook", "merge", "practice.ads", "practice.ads"],
            "cannot be merged into itself",
        ),
        (
            &[
                "codebook",
                "move",
                "practice",
                "--parent",
                "practice.community",
            ],
            "cannot move under \"practice.community\"",
        ),
        (&["codebook", "rename", "practice.ads", ""], "needs a label"),
        (
            &["codebook", "edit", "practice.ads", "--color", "red"],
            "colour \"red\"",
        ),
        (
            &["codebook", "rm", "practice.community"],
            "has 7 child code(s)",
        ),
    ];
    for (args, expected) in cases {
        let e = err(&glose(dir.path(), args));
        assert!(e.contains(expected), "{args:?}: {e}");
    }
    // Removing a code still in use says how many codings and whose.
    let e = err(&glose(dir.path(), &["codebook", "rm", "practice.ads"]));
    assert!(e.contains("coding(s) (coder-a: "), "{e}");
    assert!(e.contains("coder-b: "), "{e}");
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_second_writer_is_told_the_codebook_is_locked() {
    let dir = study();
    let study = glose::study::Study::open(dir.path()).unwrap();
    let _held = glose::fsutil::FileLock::try_acquire(
        &glose::codebook::lock_path(&study),
        "pid 1 on test, glose tui",
    )
    .unwrap();
    let before = files(dir.path());
    let e = err(&glose(
        dir.path(),
        &["codebook", "add", "Risques", "--parent", "practice"],
    ));
    assert!(
        e.contains("being changed by another glose (pid 1 on test, glose tui)"),
        "{e}"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_change_computed_on_a_stale_codebook_is_refused() {
    let dir = study();
    let study = glose::study::Study::open(dir.path()).unwrap();
    let change = study
        .codebook
        .op_edit(
            "practice.ads",
            &glose::codebook::CodeFields {
                definition: Some("mine".into()),
                ..Default::default()
            },
        )
        .unwrap();
    // Someone else changes the same code meanwhile.
    ok(&glose_as(
        dir.path(),
        "coder-b",
        &["codebook", "edit", "practice.ads", "--definition", "theirs"],
    ));
    let e = glose::codebook::commit(&study, &change, "coder-a", None).unwrap_err();
    assert!(
        e.to_string()
            .contains("code \"practice.ads\" was changed by someone else"),
        "{e}"
    );
    let now = glose::study::Study::open(dir.path()).unwrap().codebook;
    assert_eq!(now.get("practice.ads").unwrap().definition, "theirs");
}

#[test]
fn split_moves_chosen_codings_to_a_new_code_and_undo_brings_them_back() {
    let dir = study();
    let before = resolved(dir.path());
    let mut ads: Vec<&String> = before
        .iter()
        .filter(|(_, (_, c))| c == "practice.ads")
        .map(|(id, _)| id)
        .collect();
    ads.truncate(2);
    let out = ok(&glose(
        dir.path(),
        &[
            "codebook",
            "split",
            "practice.ads",
            ads[0],
            ads[1],
            "--new",
            "Publicité locale",
            "--json",
        ],
    ));
    let change: glose::codebook::Change = serde_json::from_str(&out).unwrap();
    let new_id = change.steps[0].id.clone();
    let after = resolved(dir.path());
    assert_eq!(after[ads[0]].1, new_id);
    assert_eq!(after[ads[1]].1, new_id);
    let moved = before
        .iter()
        .filter(|(id, (_, c))| after[*id].1 != *c)
        .count();
    assert_eq!(moved, 2);
    // Removing the new code is refused while it holds codings.
    assert!(err(&glose(dir.path(), &["codebook", "rm", &new_id])).contains("2 coding(s)"));
    // Undo (what the TUI's `u` commits): the inverse change.
    let study = glose::study::Study::open(dir.path()).unwrap();
    glose::codebook::commit(&study, &change.inverse(), "coder-a", None).unwrap();
    assert_eq!(resolved(dir.path()), before);
}

#[test]
fn export_md_and_html_give_tree_definitions_counts_and_pseudonymised_quotations() {
    let dir = study();
    let md = ok(&glose(
        dir.path(),
        &["codebook", "export", "--format", "md"],
    ));
    assert!(md.starts_with("# Plateformes sociales"), "{}", &md[..100]);
    assert!(md.contains("## Pratiques / Practices"), "{md}");
    // Its own words are in the language of its labels: the study's, French (#18).
    assert!(md.contains("**Définition.**"), "{md}");
    assert!(md.contains("**Quand ne pas l’utiliser.**"));
    assert!(md.contains("Citations tirées des codages :"));
    let study = glose::study::Study::open(dir.path()).unwrap();
    let all = glose::store::load_all(&study);
    let usage = glose::codebook::usage(&all.codings);
    let ads = &usage["practice.ads"];
    assert!(md.contains(&format!(
        "{} codage(s), {} entretien(s), {} codeur(s)",
        ads.codings, ads.interviews, ads.coders
    )));
    let names = glose::export::Pseudonyms::load(&glose::export::Pseudonyms::path(&study)).unwrap();
    assert!(!names.is_empty());
    assert!(names.scan(&md).is_empty(), "{:?}", names.scan(&md));
    let html = ok(&glose(
        dir.path(),
        &["codebook", "export", "--format", "html", "--lang", "en"],
    ));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<section id=\"practice.ads\">"));
    assert!(html.contains("<strong>Definition.</strong>"), "{html}");
    assert!(html.contains("<strong>When not to use.</strong>"));
    assert!(html.contains(&format!(
        "{} coding(s), {} interview(s), {} coder(s)",
        ads.codings, ads.interviews, ads.coders
    )));
    assert!(!html.contains("Définition"));
    assert!(names.scan(&html).is_empty());
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn two_clones_that_each_add_a_code_merge_in_git_and_check_clean() {
    let origin = study();
    let o = origin.path();
    git(o, &["init", "-q", "-b", "main"]);
    std::fs::write(o.join(".gitignore"), "/.glose/\n").unwrap();
    ok(&glose(o, &["codebook", "migrate"]));
    git(o, &["add", "-A"]);
    git(o, &["commit", "-qm", "study"]);
    let clones = tempfile::tempdir().unwrap();
    let a = clones.path().join("a");
    let b = clones.path().join("b");
    for c in [&a, &b] {
        git(
            clones.path(),
            &["clone", "-q", o.to_str().unwrap(), c.to_str().unwrap()],
        );
    }
    // Both add a code under the same parent, even with the same label.
    ok(&glose_as(
        &a,
        "coder-a",
        &["codebook", "add", "Risques", "--parent", "practice"],
    ));
    ok(&glose_as(
        &b,
        "coder-b",
        &[
            "codebook", "add", "Risques", "--parent", "practice", "--en", "Risks",
        ],
    ));
    ok(&glose_as(
        &b,
        "coder-b",
        &[
            "codebook",
            "edit",
            "practice.ads",
            "--example",
            "« On a boosté une publication. »",
        ],
    ));
    for (c, who) in [(&a, "a"), (&b, "b")] {
        git(c, &["add", "-A"]);
        git(c, &["commit", "-qm", who]);
    }
    git(&b, &["push", "-q", "origin", "HEAD:refs/heads/b"]);
    git(&a, &["fetch", "-q", "origin", "b"]);
    git(&a, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
    let check = ok(&glose(&a, &["check"]));
    assert!(check.contains("0 error(s)"), "{check}");
    let cb = glose::study::Study::open(&a).unwrap().codebook;
    let risks: Vec<_> = cb
        .children("practice")
        .filter(|c| c.label_fr == "Risques")
        .collect();
    assert_eq!(risks.len(), 2, "both new codes, distinct ids");
    assert_ne!(risks[0].id, risks[1].id);
    assert_eq!(
        cb.get("practice.ads").unwrap().example,
        "« On a boosté une publication. »"
    );
    let log = ok(&glose(&a, &["codebook", "log"]));
    assert!(log.contains("coder-a") && log.contains("coder-b"), "{log}");
}

#[test]
fn code_add_follows_a_merged_id_and_refuses_a_group() {
    let dir = study();
    ok(&glose(
        dir.path(),
        &[
            "codebook",
            "merge",
            "practice.ads",
            "practice.platform-choice",
        ],
    ));
    // The retired id still codes, with the code it was merged into.
    let o = glose(
        dir.path(),
        &[
            "code",
            "add",
            "--doc",
            "E03",
            "--code",
            "practice.ads",
            "--start",
            "0",
            "--end",
            "40",
            "--json",
        ],
    );
    let out = ok(&o);
    assert!(out.contains("practice.platform-choice"), "{out}");
    assert!(!out.contains("\"practice.ads\""), "{out}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("was merged into"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // A group that is not codable (as imported from another tool) is refused by name.
    let path = dir.path().join("codebooks/codebook.json");
    let mut book: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let group = book["codes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == "practice")
        .unwrap();
    group["codable"] = serde_json::Value::Bool(false);
    std::fs::write(&path, serde_json::to_string_pretty(&book).unwrap()).unwrap();
    let before = read(dir.path(), "codings/coder-a.jsonl");
    let e = err(&glose(
        dir.path(),
        &[
            "code", "add", "--doc", "E03", "--code", "practice", "--start", "0", "--end", "40",
        ],
    ));
    assert!(
        e.contains("\"practice\"") && e.contains("not codable"),
        "{e}"
    );
    assert!(
        e.contains("practice.platform-choice"),
        "names its codes: {e}"
    );
    assert_eq!(read(dir.path(), "codings/coder-a.jsonl"), before);
}
