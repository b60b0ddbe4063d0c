//! Helpers shared by the exchange tests: the sample study in a temp folder, codings made
//! through glose::store, running the CLI, and schema validation with xmllint.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use glose::store::{CoderStore, Memo, MemoTarget, Op, new_coding, new_id, now};
use glose::study::Study;

#[path = "../common/mod.rs"]
mod common;
#[allow(unused_imports, reason = "not every exchange test uses both")]
pub use common::{repo, sample_study};

/// A file of the REFI-QDA fixtures (schemas and real exports; origins in their README).
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/refi-qda/"
    ))
    .join(rel)
}

/// The glose binary: cargo's, unless `GLOSE_TEST_BIN` names a copy (useful when several
/// worktrees share one target folder and rebuild it under a running test).
fn binary() -> PathBuf {
    std::env::var_os("GLOSE_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_glose")))
}

/// Runs the glose binary in `cwd`.
pub fn glose(cwd: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .current_dir(cwd)
        .env_remove("GLOSE_CODER")
        // The studies are French: `check`'s summary speaks English only by the locale.
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

/// Runs glose and requires success, returning stdout.
pub fn glose_ok(cwd: &Path, args: &[&str]) -> String {
    let out = glose(cwd, args);
    assert!(
        out.status.success(),
        "glose {args:?} failed ({:?}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `glose check` on a study must pass.
pub fn check_passes(study: &Path) {
    let out = glose(study, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "glose check failed on {}:\n{}\n{}",
        study.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Validates an XML file against a schema of the REFI-QDA fixtures with xmllint.
pub fn xmllint(xml: &Path, xsd: &str) {
    let schema = fixture(&format!("xsd/{xsd}"));
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(xml)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "xmllint is needed to validate REFI-QDA exports ({e}); install it with \
                 `apt-get install -y libxml2-utils`"
            )
        });
    assert!(
        out.status.success(),
        "{} does not validate against {xsd}:\n{}",
        xml.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every entry of a zip archive.
pub fn entries(archive: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        })
        .collect()
}

/// A transcript with characters outside the BMP, for offset tests.
pub const EMOJI_DOC: &str = "---\nid: E19\ntitle: Entretien avec émojis\nlanguage: fr\n---\n\
Intervieweuse : Vous utilisez des émojis 🙂 dans vos posts ?\n\n\
Fondatrice : Oui 🎉🎉, surtout sur Instagram, pour la communauté.\n";

/// Adds the emoji transcript (with its cases.csv row) to a study copy.
pub fn add_emoji_doc(root: &Path) {
    std::fs::write(root.join("corpus/E19.txt"), EMOJI_DOC).unwrap();
    let cases = root.join("corpus/cases.csv");
    let mut text = std::fs::read_to_string(&cases).unwrap();
    let cols = text.lines().next().unwrap().split(',').count();
    let mut row = vec![String::new(); cols];
    row[0] = "E19".into();
    if let Some(i) = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "language")
    {
        row[i] = "fr".into();
    }
    text.push_str(&row.join(","));
    text.push('\n');
    std::fs::write(cases, text).unwrap();
}

/// Codes a few spans for two coders, with memos on codings, documents and codes: the
/// same span by both coders, two codes on one span, a coding after emoji.
pub fn add_codings(root: &Path) {
    let study = Study::open(root).unwrap();
    let e01 = study.load_document("E01").unwrap();
    let e03 = study.load_document("E03").unwrap();
    let s = |d: &glose::document::Document, i: usize| d.sentences[i].clone();
    let mut alice = CoderStore::open(&study, "alice").unwrap();
    let mut ops = vec![
        Op::Add(new_coding(
            &e01,
            "practice.platform-choice",
            s(&e01, 2),
            None,
            "alice",
        )),
        Op::Add(new_coding(
            &e01,
            "role.sales",
            s(&e01, 2),
            Some("À discuter avec Bob.\nDeux lignes.".into()),
            "alice",
        )),
        Op::Add(new_coding(
            &e03,
            "practice.community.teasing",
            s(&e03, 5),
            None,
            "alice",
        )),
        Op::Add(new_coding(
            &e03,
            "stage.launch",
            0..e03.char_len(),
            None,
            "alice",
        )),
    ];
    if let Ok(e19) = study.load_document("E19") {
        let start = e19.text.find("Oui").map(|b| e19.char_of(b)).unwrap();
        let end = e19.text.find(", surtout").map(|b| e19.char_of(b)).unwrap();
        ops.push(Op::Add(new_coding(
            &e19,
            "practice.content.formats",
            start..end,
            None,
            "alice",
        )));
    }
    let memo = |target: MemoTarget, text: &str| Op::SetMemo {
        target: target.clone(),
        before: None,
        after: Some(Memo {
            id: new_id(),
            target,
            text: text.into(),
            created: now(),
            modified: now(),
        }),
    };
    ops.push(memo(
        MemoTarget::Doc("E01".into()),
        "Entretien riche ; relire la fin.",
    ));
    ops.push(memo(
        MemoTarget::Code("role.sales".into()),
        "Code à scinder ?",
    ));
    alice.apply_all(&ops).unwrap();
    drop(alice);
    let mut bob = CoderStore::open(&study, "bob").unwrap();
    bob.apply_all(&[
        Op::Add(new_coding(
            &e01,
            "practice.platform-choice",
            s(&e01, 2),
            None,
            "bob",
        )),
        Op::Add(new_coding(
            &e03,
            "role.communication",
            s(&e03, 7),
            None,
            "bob",
        )),
        memo(MemoTarget::Doc("E01".into()), "Mémo de Bob."),
    ])
    .unwrap();
}
