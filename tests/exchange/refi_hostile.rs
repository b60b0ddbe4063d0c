//! Crafted hostile inputs: each must fail with a clear error, never expand,
//! extract or guess.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::io::Write;
use std::path::{Path, PathBuf};

use glose::refi::safezip::SafeZipError;
use glose::refi::{RefiError, read_qdc, read_qdpx};

const QDE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <Sources>
    <TextSource guid="11111111-2222-4333-8444-555555555555" name="s" plainTextPath="internal://11111111-2222-4333-8444-555555555555.txt">
      <PlainTextSelection guid="11111111-2222-4333-8444-666666666666" startPosition="0" endPosition="5"/>
    </TextSource>
  </Sources>
</Project>"#;

fn zip_file(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join(name);
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, data) in entries {
        w.start_file(*n, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
    path
}

#[test]
fn zip_slip_entry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for evil in [
        "../../../tmp/evil.txt",
        "/etc/cron.d/evil",
        "C:/Windows/evil.txt",
        "sources\\..\\..\\evil",
    ] {
        let path = zip_file(
            dir.path(),
            "slip.qdpx",
            &[("project.qde", QDE.as_bytes()), (evil, b"owned")],
        );
        let err = read_qdpx(&path).unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(err, RefiError::Zip(SafeZipError::UnsafeName { .. })),
            "{evil}: {msg}"
        );
        assert!(
            msg.contains("slip.qdpx") && msg.contains(&format!("{evil:?}")),
            "{msg}"
        );
    }
}

#[test]
fn zip_bomb_entry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 64 MiB of zeros deflate to about 64 KiB: a ratio near 1000:1.
    let bomb = vec![0u8; 64 * 1024 * 1024];
    let path = zip_file(
        dir.path(),
        "bomb.qdpx",
        &[
            ("project.qde", QDE.as_bytes()),
            ("sources/11111111-2222-4333-8444-555555555555.txt", &bomb),
        ],
    );
    let err = read_qdpx(&path).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, RefiError::Zip(SafeZipError::RatioTooHigh { .. })),
        "{msg}"
    );
    assert!(
        msg.contains("bomb.qdpx")
            && msg.contains("sources/11111111-2222-4333-8444-555555555555.txt"),
        "{msg}"
    );
}

const LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"><Description>&lol3;</Description></Project>"#;

#[test]
fn billion_laughs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = zip_file(
        dir.path(),
        "laughs.qdpx",
        &[("project.qde", LAUGHS.as_bytes())],
    );
    let err = read_qdpx(&path).unwrap_err();
    assert!(matches!(err, RefiError::Doctype { .. }), "{err}");
    assert!(err.to_string().contains("laughs.qdpx!project.qde"), "{err}");

    let qdc = dir.path().join("laughs.qdc");
    std::fs::write(&qdc, LAUGHS.replace("Project", "CodeBook")).unwrap();
    let err = read_qdc(&qdc).unwrap_err();
    assert!(matches!(err, RefiError::Doctype { .. }), "{err}");

    // An external entity (XXE) is refused the same way.
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code guid="11111111-2222-4333-8444-555555555555" name="&x;" isCodable="true"/></Codes></CodeBook>"#;
    std::fs::write(&qdc, xxe).unwrap();
    assert!(matches!(
        read_qdc(&qdc).unwrap_err(),
        RefiError::Doctype { .. }
    ));
}

#[test]
fn other_broken_inputs_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    // Not a zip at all.
    let not_zip = dir.path().join("plain.qdpx");
    std::fs::write(&not_zip, QDE).unwrap();
    assert!(matches!(
        read_qdpx(&not_zip).unwrap_err(),
        RefiError::Zip(SafeZipError::NotZip { .. })
    ));
    // No .qde at the root.
    let no_qde = zip_file(dir.path(), "empty.qdpx", &[("sources/a.txt", b"x")]);
    assert!(matches!(
        read_qdpx(&no_qde).unwrap_err(),
        RefiError::NoQde { .. }
    ));
    // A source that is not UTF-8 is refused, naming the entry.
    let latin1 = zip_file(
        dir.path(),
        "latin1.qdpx",
        &[
            ("project.qde", QDE.as_bytes()),
            (
                "sources/11111111-2222-4333-8444-555555555555.txt",
                b"caf\xe9 au lait",
            ),
        ],
    );
    let err = read_qdpx(&latin1).unwrap_err();
    assert!(matches!(err, RefiError::Utf8 { offset: 3, .. }), "{err}");
    assert!(err.to_string().contains("555555555555.txt"));
    // Truncated XML.
    let broken = zip_file(
        dir.path(),
        "broken.qdpx",
        &[("project.qde", &QDE.as_bytes()[..200])],
    );
    assert!(matches!(
        read_qdpx(&broken).unwrap_err(),
        RefiError::Xml { .. }
    ));
    // Wrong root.
    let qdc = dir.path().join("wrong.qdc");
    std::fs::write(&qdc, QDE).unwrap();
    assert!(matches!(
        read_qdc(&qdc).unwrap_err(),
        RefiError::WrongRoot { .. }
    ));
}

/// A tolerant read of the variants real tools write (NOTES §0/§1).
#[test]
fn real_world_variants_are_tolerated_with_warnings() {
    let qde = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1:0" name="variants" origin="QualCoder 3.5">
  <CodeBook><Codes>
    <Code guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="c" isCodable="true" color="#11223344"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{11111111-2222-4333-8444-555555555555}" name="s" plainTextPath="Interview.TXT" creationDateTime="2024-01-02T03:04:05">
      <PlainTextSelection guid="11111111-2222-4333-8444-666666666666" name="second line" startPosition="7" endPosition="18">
        <Coding guid="11111111-2222-4333-8444-777777777777"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="11111111-2222-4333-8444-888888888888" name="" startPosition="50" endPosition="60"/>
    </TextSource>
  </Sources>
</Project>"##;
    let dir = tempfile::tempdir().unwrap();
    let path = zip_file(
        dir.path(),
        "variants.qdpx",
        &[
            ("My Study.qde", qde.as_bytes()),
            (
                "Sources/interview.txt",
                "\u{feff}first\r\nsecond line\r\n".as_bytes(),
            ),
        ],
    );
    let (p, warnings) = read_qdpx(&path).unwrap();
    let text = &p.sources[0].text;
    assert_eq!(text, "first\nsecond line\n");
    let sel = &p.sources[0].selections[0];
    // QualCoder counts code points with CRLF as 2: "second line" = 7..18 in the raw text,
    // 6..17 in the normalised one.
    assert_eq!((sel.start, sel.end), (6, 17));
    assert_eq!(p.sources[0].selections.len(), 1);
    assert_eq!(p.codes[0].color.unwrap().to_string(), "#112233");
    assert!(p.sources[0].creation_date.is_some());
    let msgs: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    for expected in [
        "My Study.qde",
        "project:1:0",
        "no internal://",
        "read as code points",
        "#11223344",
        "without a time zone",
    ] {
        assert!(
            msgs.iter().any(|m| m.contains(expected)),
            "{expected}: {msgs:#?}"
        );
    }
    // The selection past the end is reported by guid, not silently moved.
    assert!(warnings.iter().any(|w| {
        w.guid
            .as_ref()
            .is_some_and(|g| g.as_str() == "11111111-2222-4333-8444-888888888888")
    }));
}

#[test]
fn symlink_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.qdpx");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("project.qde", opts).unwrap();
    w.write_all(QDE.as_bytes()).unwrap();
    // The source text is a link to a file of the machine that reads the archive.
    w.add_symlink(
        "sources/11111111-2222-4333-8444-555555555555.txt",
        "/etc/passwd",
        opts,
    )
    .unwrap();
    w.finish().unwrap();
    let err = read_qdpx(&path).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, RefiError::Zip(SafeZipError::UnsafeName { .. })),
        "{msg}"
    );
    assert!(
        msg.contains("link.qdpx") && msg.contains("symbolic link") && msg.contains("sources/"),
        "{msg}"
    );
}

#[test]
fn nul_and_right_to_left_override_in_the_xml_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (evil, what) in [
        ("name=\"s\u{0}\"", "NUL"),
        ("name=\"s\u{202e}txt.exe\"", "right-to-left override"),
        ("name=\"s&#x202E;txt.exe\"", "right-to-left override"),
    ] {
        let qde = QDE.replacen("name=\"s\"", evil, 1);
        let path = zip_file(
            dir.path(),
            "hidden.qdpx",
            &[
                ("project.qde", qde.as_bytes()),
                (
                    "sources/11111111-2222-4333-8444-555555555555.txt",
                    b"hello world",
                ),
            ],
        );
        let err = read_qdpx(&path).unwrap_err().to_string();
        assert!(
            err.contains("hidden.qdpx") && err.contains("project.qde") && err.contains(what),
            "{evil}: {err}"
        );
        assert!(err.contains("TextSource"), "{err}");
    }
}
