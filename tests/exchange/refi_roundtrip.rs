//! Writing: schema validity (xmllint against the standard's XSDs) and lossless
//! write → read round trips, on a synthetic project and on the real samples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use glose::refi::{
    Case, Code, CodeRef, Codebook, Guid, Note, OffsetUnit, QdaProject, Rgb, Selection, Set,
    TextSource, User, Value, Variable, VariableType, VariableValue, WarningKind, read_qdc,
    read_qdpx, write_qdc, write_qdpx,
};

fn fixture(rel: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/refi-qda"
    ))
    .join(rel)
}

fn g(s: &str) -> Guid {
    Guid::parse(s).unwrap()
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

/// Validates `xml` against `xsd` with xmllint (`.ci/run` installs it when missing).
fn validate(xml: &str, xsd: &str) {
    assert!(
        Command::new("xmllint").arg("--version").output().is_ok(),
        "xmllint is needed to validate exports against the REFI-QDA schemas: \
         apt-get install libxml2-utils (`.ci/run` does it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(fixture(&format!("xsd/{xsd}")))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint rejected the export:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        xml.chars().take(3000).collect::<String>()
    );
}

fn entries(qdpx: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(qdpx).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).unwrap();
            (f.name().unwrap().to_string(), buf)
        })
        .collect()
}

fn qde_of(qdpx: &Path) -> String {
    let (_, bytes) = entries(qdpx)
        .into_iter()
        .find(|(n, _)| n == "project.qde")
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

fn synthetic() -> QdaProject {
    let user = g("11111111-2222-4333-8444-555555555555");
    let text = "Intervieweur : Ça va ? 😀 Oui.\nRéponse 🎉 longue, « cœur » et fin.\n".to_string();
    // Code points: "Oui" = 25..28; "Réponse" = 30..37; "longue" = 40..46.
    let code_a = g("aaaaaaaa-0000-4000-8000-000000000001");
    let code_b = g("aaaaaaaa-0000-4000-8000-000000000002");
    let note = g("cccccccc-0000-4000-8000-000000000001");
    let var_age = g("dddddddd-0000-4000-8000-000000000001");
    let source = g("eeeeeeee-0000-4000-8000-000000000001");
    let sel1 = g("ffffffff-0000-4000-8000-000000000001");
    let sel2 = g("ffffffff-0000-4000-8000-000000000002");
    let mut vars = Vec::new();
    let mut values = Vec::new();
    for (i, (kind, value)) in [
        (
            VariableType::Text,
            Value::Text("infirmière & <cadre>".into()),
        ),
        (VariableType::Boolean, Value::Boolean(true)),
        (VariableType::Integer, Value::Integer(-42)),
        (VariableType::Float, Value::Float(3.25)),
        (
            VariableType::Date,
            Value::Date(jiff::civil::date(2024, 2, 29)),
        ),
        (
            VariableType::DateTime,
            Value::DateTime(ts("2024-03-01T10:00:00Z")),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let guid = if i == 0 {
            var_age.clone()
        } else {
            Guid::parse(&format!("dddddddd-0000-4000-8000-00000000001{i}")).unwrap()
        };
        vars.push(Variable {
            guid: guid.clone(),
            name: format!("v{i}"),
            kind,
            description: (i == 1).then(|| "a flag".to_string()),
        });
        values.push(VariableValue {
            variable: guid,
            value: Some(value),
        });
    }
    QdaProject {
        name: "Étude « soins »".into(),
        origin: None,
        description: Some("Projet de test\navec deux lignes".into()),
        creating_user: Some(user.clone()),
        creation_date: Some(ts("2025-01-02T03:04:05Z")),
        users: vec![User {
            guid: user.clone(),
            name: "Anaïs".into(),
        }],
        codes: vec![Code {
            guid: g("aaaaaaaa-0000-4000-8000-000000000000"),
            name: "Émotions".into(),
            color: None,
            description: Some("catégorie".into()),
            is_codable: false,
            note_refs: vec![note.clone()],
            children: vec![
                Code {
                    guid: code_a.clone(),
                    name: "joie".into(),
                    color: Some(Rgb([255, 0, 128])),
                    description: None,
                    is_codable: true,
                    note_refs: vec![],
                    children: vec![],
                },
                Code {
                    guid: code_b.clone(),
                    name: "\"doute\" <&>".into(),
                    color: Some(Rgb([1, 2, 3])),
                    description: Some("  espaces  \n gardés ".into()),
                    is_codable: true,
                    note_refs: vec![],
                    children: vec![],
                },
            ],
        }],
        variables: vars,
        cases: vec![
            Case {
                guid: g("bbbbbbbb-0000-4000-8000-000000000001"),
                name: Some("P01".into()),
                description: Some("participante".into()),
                code_refs: vec![code_a.clone()],
                variable_values: values.clone(),
                source_refs: vec![source.clone()],
                selection_refs: vec![sel1.clone()],
            },
            Case {
                guid: g("bbbbbbbb-0000-4000-8000-000000000002"),
                name: None,
                variable_values: vec![VariableValue {
                    variable: var_age.clone(),
                    value: None,
                }],
                source_refs: vec![source.clone()],
                ..Case::default()
            },
        ],
        sources: vec![TextSource {
            guid: source.clone(),
            name: "entretien 1".into(),
            text,
            description: Some("premier".into()),
            creating_user: Some(user.clone()),
            creation_date: Some(ts("2025-01-02T03:04:06Z")),
            selections: vec![
                Selection {
                    guid: sel1,
                    name: String::new(),
                    start: 30,
                    end: 46,
                    creating_user: Some(user.clone()),
                    creation_date: Some(ts("2025-01-02T03:04:07Z")),
                    description: Some("commentaire".into()),
                    codings: vec![
                        CodeRef {
                            guid: g("99999999-0000-4000-8000-000000000001"),
                            code_guid: code_a.clone(),
                            creating_user: Some(user.clone()),
                            creation_date: Some(ts("2025-01-02T03:04:08Z")),
                            note_refs: vec![note.clone()],
                        },
                        CodeRef {
                            guid: g("99999999-0000-4000-8000-000000000002"),
                            code_guid: code_b.clone(),
                            creating_user: None,
                            creation_date: None,
                            note_refs: vec![],
                        },
                    ],
                    note_refs: vec![note.clone()],
                },
                Selection {
                    guid: sel2,
                    name: "Oui".into(),
                    start: 25,
                    end: 28,
                    ..Selection::default()
                },
            ],
            codings: vec![CodeRef {
                guid: g("99999999-0000-4000-8000-000000000003"),
                code_guid: code_b.clone(),
                creating_user: None,
                creation_date: None,
                note_refs: vec![],
            }],
            note_refs: vec![note.clone()],
            variable_values: values,
        }],
        notes: vec![Note {
            guid: note.clone(),
            name: "mémo".into(),
            text: "Une note\nsur deux lignes & <balises>".into(),
            description: None,
            creating_user: Some(user),
            creation_date: Some(ts("2025-01-02T03:04:09Z")),
        }],
        sets: vec![Set {
            guid: g("12121212-0000-4000-8000-000000000001"),
            name: "groupe".into(),
            description: Some("desc".into()),
            member_codes: vec![code_a],
            member_sources: vec![source],
            member_notes: vec![note.clone()],
        }],
        note_refs: vec![note],
    }
}

fn without_origin(mut p: QdaProject) -> QdaProject {
    p.origin = None;
    p
}

#[test]
fn synthetic_project_round_trips_in_both_units() {
    let dir = tempfile::tempdir().unwrap();
    let original = synthetic();
    for unit in [OffsetUnit::CodePoints, OffsetUnit::Utf16] {
        let path = dir.path().join(format!("{unit:?}.qdpx"));
        let warnings = write_qdpx(&original, &path, unit).unwrap();
        // Two emoji precede selection 1: code points and UTF-16 differ, and we say so.
        assert!(
            warnings.iter().any(|w| w.kind == WarningKind::Offsets),
            "{warnings:#?}"
        );
        assert!(
            warnings.iter().all(|w| w.kind == WarningKind::Offsets),
            "{warnings:#?}"
        );
        let qde = qde_of(&path);
        validate(&qde, "Project-mrt2019.xsd");
        let (s1, s2) = match unit {
            OffsetUnit::CodePoints => (
                "startPosition=\"30\" endPosition=\"46\"",
                "startPosition=\"25\"",
            ),
            OffsetUnit::Utf16 => (
                "startPosition=\"31\" endPosition=\"48\"",
                "startPosition=\"26\"",
            ),
        };
        assert!(qde.contains(s1) && qde.contains(s2), "{qde}");
        let names: Vec<String> = entries(&path).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "project.qde",
                "sources/eeeeeeee-0000-4000-8000-000000000001.txt"
            ]
        );
        let (back, read_warnings) = read_qdpx(&path).unwrap();
        assert!(
            read_warnings.iter().all(|w| w.kind == WarningKind::Offsets),
            "{read_warnings:#?}"
        );
        assert_eq!(without_origin(back), original, "{unit:?}");
    }
}

#[test]
fn text_is_normalised_on_export_and_offsets_follow() {
    let mut p = synthetic();
    let src = &mut p.sources[0];
    src.text = "\u{feff}ab\r\nCafe\u{301} ok".into();
    // "Café" is 5..10 in this raw model text (BOM, CRLF and a combining accent).
    src.selections.truncate(1);
    src.selections[0].start = 5;
    src.selections[0].end = 10;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.qdpx");
    let warnings = write_qdpx(&p, &path, OffsetUnit::CodePoints).unwrap();
    assert!(warnings.iter().any(|w| w.message.contains("normalised")));
    let txt = entries(&path)
        .into_iter()
        .find(|(n, _)| n.starts_with("sources/"))
        .unwrap()
        .1;
    assert_eq!(String::from_utf8(txt).unwrap(), "ab\nCafé ok");
    let (back, _) = read_qdpx(&path).unwrap();
    let s = &back.sources[0];
    let q: String = s
        .text
        .chars()
        .skip(s.selections[0].start)
        .take(s.selections[0].end - s.selections[0].start)
        .collect();
    assert_eq!(q, "Café");
}

#[test]
fn real_samples_re_export_validly_and_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "nvivo-win-12.6_oltas0517.qdpx",
        "nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx",
        "spec-annexA2_atlasti-8.4_TestProject.qdpx",
    ] {
        let (first, _) = read_qdpx(&fixture(&format!("samples/{name}"))).unwrap();
        for unit in [OffsetUnit::CodePoints, OffsetUnit::Utf16] {
            let out = dir.path().join(format!("{name}.{unit:?}.qdpx"));
            write_qdpx(&first, &out, unit).unwrap();
            validate(&qde_of(&out), "Project-mrt2019.xsd");
            for (n, bytes) in entries(&out) {
                if n.ends_with(".txt") {
                    assert!(!bytes.starts_with(b"\xef\xbb\xbf") && !bytes.contains(&b'\r'));
                }
            }
            let (second, _) = read_qdpx(&out).unwrap();
            assert_eq!(
                without_origin(second),
                without_origin(first.clone()),
                "{name} {unit:?}"
            );
        }
    }
}

#[test]
fn codebooks_re_export_validly_and_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "atlasti-win-9.0.19_portableQDA_Atlasti.qdc",
        "spec-annexA1_REFI-QDA-1-5.qdc",
    ] {
        let (book, _) = read_qdc(&fixture(&format!("samples/{name}"))).unwrap();
        let out = dir.path().join(name);
        let warnings = write_qdc(&book, &out).unwrap();
        assert!(warnings.is_empty(), "{warnings:#?}");
        let xml = std::fs::read_to_string(&out).unwrap();
        assert!(xml.contains("xmlns=\"urn:QDA-XML:codebook:1.0\""));
        validate(&xml, "Codebook.xsd");
        let (back, back_warnings) = read_qdc(&out).unwrap();
        assert!(back_warnings.is_empty(), "{back_warnings:#?}");
        assert_eq!((back.codes, back.sets), (book.codes, book.sets));
        assert!(back.origin.unwrap().starts_with("glose "));
    }
    // Project-only data is reported, not silently dropped.
    let p = synthetic();
    let book = Codebook {
        origin: None,
        codes: p.codes.clone(),
        sets: p.sets.clone(),
    };
    let out = dir.path().join("from_project.qdc");
    let warnings = write_qdc(&book, &out).unwrap();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.kind == WarningKind::DataLoss)
            .count(),
        2,
        "{warnings:#?}"
    );
    validate(&std::fs::read_to_string(&out).unwrap(), "Codebook.xsd");
    assert!(write_qdc(&Codebook::default(), &out).is_err());
}

#[test]
fn unwritable_parts_are_reported() {
    let mut p = synthetic();
    let src = &mut p.sources[0];
    src.selections[0].codings[0].code_guid = Guid::new_v7();
    src.selections[1].end = 10_000;
    src.description = Some("bell\u{7}".into());
    p.cases[0].variable_values[3].value = Some(Value::Float(f64::NAN));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.qdpx");
    let warnings = write_qdpx(&p, &path, OffsetUnit::CodePoints).unwrap();
    let loss: Vec<_> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::DataLoss)
        .collect();
    assert_eq!(loss.len(), 4, "{warnings:#?}");
    validate(&qde_of(&path), "Project-mrt2019.xsd");
}
