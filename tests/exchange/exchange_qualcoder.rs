//! Projects shaped as QualCoder writes them (refi.py, docs/reference/refi-qda.md §3): memos
//! in Descriptions, cases without SourceRef, and broken GUIDs, imported without loss or
//! with a warning.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::exchange_support::*;
use glose::store::{MemoTarget, load_all};
use glose::study::Study;

const A: &str = "aaaaaaaa-0000-4000-8000-00000000000a";
const B: &str = "bbbbbbbb-0000-4000-8000-00000000000b";
const TXT_A: &str = "aaaaaaaa-0000-4000-8000-0000000000fa";
const TXT_B: &str = "bbbbbbbb-0000-4000-8000-0000000000fb";

fn qdpx(dir: &Path, qde: &str) -> PathBuf {
    let path = dir.join("qualcoder.qdpx");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("project.qde", opts).unwrap();
    w.write_all(qde.as_bytes()).unwrap();
    for (guid, text) in [
        (TXT_A, "Bonjour, je vends des bols.\n"),
        (TXT_B, "Nous vendons du thé en ligne.\n"),
    ] {
        w.start_file(format!("sources/{guid}.txt"), opts).unwrap();
        // QualCoder writes its text files with a BOM.
        w.write_all(format!("\u{feff}{text}").as_bytes()).unwrap();
    }
    w.finish().unwrap();
    path
}

fn project(extra_code: &str, second_coding_guid: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.6">
<Users><User guid="11111111-0000-4000-8000-000000000001" name="colin"/><User guid="11111111-0000-4000-8000-000000000002" name="dana"/></Users>
<CodeBook><Codes>
<Code guid="22222222-0000-4000-8000-000000000001" name="Ventes" isCodable="true" color="#F5A623"><Description>Tout ce qui touche aux ventes.</Description></Code>
{extra_code}
</Codes></CodeBook>
<Variables><Variable guid="33333333-0000-4000-8000-000000000001" name="secteur" typeOfVariable="Text"/></Variables>
<Cases>
<Case guid="44444444-0000-4000-8000-000000000001" name="Entretien A"><VariableValue><VariableRef targetGUID="33333333-0000-4000-8000-000000000001"/><TextValue>céramique</TextValue></VariableValue></Case>
<Case guid="44444444-0000-4000-8000-000000000002" name="Entretien B"><VariableValue><VariableRef targetGUID="33333333-0000-4000-8000-000000000001"/><TextValue>thé</TextValue></VariableValue></Case>
</Cases>
<Sources>
<TextSource guid="{A}" name="Entretien A" plainTextPath="internal://{TXT_A}.txt" creatingUser="11111111-0000-4000-8000-000000000001">
<Description>Entretien court, relancer sur les prix.</Description>
<PlainTextSelection guid="55555555-0000-4000-8000-000000000001" name="je vends des bols" startPosition="9" endPosition="26" creatingUser="11111111-0000-4000-8000-000000000001">
<Description>Vente directe.</Description>
<Coding guid="66666666-0000-4000-8000-000000000001" creatingUser="11111111-0000-4000-8000-000000000001"><CodeRef targetGUID="22222222-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection>
</TextSource>
<TextSource guid="{B}" name="Entretien B" plainTextPath="internal://{TXT_B}.txt" creatingUser="11111111-0000-4000-8000-000000000001">
<PlainTextSelection guid="55555555-0000-4000-8000-000000000002" name="vendons du thé" startPosition="5" endPosition="19" creatingUser="11111111-0000-4000-8000-000000000001">
<Coding guid="{second_coding_guid}" creatingUser="11111111-0000-4000-8000-000000000001"><CodeRef targetGUID="22222222-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection>
</TextSource>
</Sources>
</Project>"##
    )
}

fn import(qdpx: &Path, into: &Path) -> serde_json::Value {
    let json = glose_ok(
        qdpx.parent().unwrap(),
        &[
            "import",
            "qdpx",
            qdpx.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
            "--json",
        ],
    );
    serde_json::from_str(&json).unwrap()
}

fn messages(report: &serde_json::Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            format!(
                "{}: {}",
                w["kind"].as_str().unwrap(),
                w["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn cases_without_source_ref_and_memos_in_descriptions_come_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = qdpx(
        dir.path(),
        &project("", "66666666-0000-4000-8000-000000000002"),
    );
    let into = dir.path().join("study");
    let report = import(&file, &into);
    let warnings = messages(&report);
    check_passes(&into);
    let study = Study::open(&into).unwrap();
    let ids: Vec<String> = study.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), 2);
    // Case variables reach their documents, matched by name, with a warning.
    for (id, sector) in ids.iter().zip(["céramique", "thé"]) {
        assert_eq!(
            study.attributes(id).get("secteur").map(String::as_str),
            Some(sector),
            "{id}: {warnings:#?}"
        );
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("tolerated") && w.contains("matched by name")),
        "{warnings:#?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("has no imported document"))
    );
    // The source's Description is a document memo, not a cases.csv column.
    assert!(!study.cases.columns.iter().any(|c| c == "description"));
    let all = load_all(&study);
    let doc_memos: Vec<&str> = all
        .memos
        .iter()
        .filter(|(_, m)| matches!(m.target, MemoTarget::Doc(_)))
        .map(|(_, m)| m.text.as_str())
        .collect();
    assert_eq!(doc_memos, ["Entretien court, relancer sur les prix."]);
    // The selection's Description is the coding's memo.
    let memo: Vec<Option<&str>> = all.codings.iter().map(|c| c.memo.as_deref()).collect();
    assert!(memo.contains(&Some("Vente directe.")), "{memo:?}");
    assert_eq!(all.codings.len(), 2);

    // Exported again, what glose does not own is as it came: source names, users
    // without codings, the selection's name.
    let back = dir.path().join("back.qdpx");
    glose_ok(&into, &["export", "qdpx", "--out", back.to_str().unwrap()]);
    let (p, _) = glose::refi::read_qdpx(&back).unwrap();
    let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Entretien A", "Entretien B"]);
    let users: Vec<&str> = p.users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(users, ["colin", "dana"]);
    let sel = &p.sources[0].selections[0];
    assert_eq!(sel.name, "je vends des bols");
    assert_eq!(sel.description.as_deref(), Some("Vente directe."));
    assert_eq!(
        p.sources[0].description.as_deref(),
        Some("Entretien court, relancer sur les prix.")
    );
}

#[test]
fn non_codable_codes_and_selection_names_survive_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    // A non-codable folder holding the code, and a selection named as QualCoder names it.
    let qde = project("", "66666666-0000-4000-8000-000000000002")
        .replace(
            r##"<Code guid="22222222-0000-4000-8000-000000000001" name="Ventes" isCodable="true" color="#F5A623">"##,
            r##"<Code guid="22222222-0000-4000-8000-000000000009" name="Dossier" isCodable="false"><Code guid="22222222-0000-4000-8000-000000000001" name="Ventes" isCodable="true" color="#F5A623">"##,
        )
        .replace("</Code>\n", "</Code></Code>\n")
        .replace(r#"name="vendons du thé""#, r#"name="line:0""#);
    let file = qdpx(dir.path(), &qde);
    let into = dir.path().join("study");
    import(&file, &into);
    let study = Study::open(&into).unwrap();
    let codable: Vec<bool> = study.codebook.codes.iter().map(|c| c.codable).collect();
    assert_eq!(codable, [false, true]);

    let back = dir.path().join("back.qdpx");
    glose_ok(&into, &["export", "qdpx", "--out", back.to_str().unwrap()]);
    let (p, _) = glose::refi::read_qdpx(&back).unwrap();
    let folder = &p.codes[0];
    assert_eq!(folder.name, "Dossier");
    assert!(!folder.is_codable);
    assert_eq!(folder.children[0].name, "Ventes");
    assert!(folder.children[0].is_codable);
    let names: Vec<&str> = p
        .sources
        .iter()
        .flat_map(|s| s.selections.iter().map(|sel| sel.name.as_str()))
        .collect();
    assert_eq!(names, ["je vends des bols", "line:0"]);
}

#[test]
fn duplicate_guids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let twin = r##"<Code guid="22222222-0000-4000-8000-000000000001" name="Prix" isCodable="true" color="#000000"/>"##;
    // The second coding reuses the first coding's GUID; a second code reuses a code's.
    let file = qdpx(
        dir.path(),
        &project(twin, "66666666-0000-4000-8000-000000000001"),
    );
    let into = dir.path().join("study");
    let report = import(&file, &into);
    let warnings = messages(&report);
    assert!(
        warnings.iter().any(|w| w.starts_with("data-loss")
            && w.contains("two codes share the GUID 22222222-0000-4000-8000-000000000001")
            && w.contains("\"Prix\"")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("coding GUID 66666666-0000-4000-8000-000000000001 is used twice")),
        "{warnings:#?}"
    );
    let all = load_all(&Study::open(&into).unwrap());
    assert_eq!(all.codings.len(), 2, "both codings kept");
}
