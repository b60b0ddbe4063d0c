//! Import of every real REFI-QDA sample in the REFI-QDA fixtures.
//!
//! Expected counts were obtained independently by walking the unzipped XML with
//! Python's ElementTree (see the report); quotes are checked against an oracle
//! written here that slices the raw .txt by UTF-16 units, as NOTES §1.9 says NVivo counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use glose::refi::model::walk_codes;
use glose::refi::{QdaProject, WarningKind, read_qdc, read_qdpx};

fn sample(name: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/refi-qda/samples"
    ))
    .join(name)
}

const NVIVO_WIN: &str = "nvivo-win-12.6_oltas0517.qdpx";
const NVIVO_MAC: &str = "nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx";
const SPEC_A2: &str = "spec-annexA2_atlasti-8.4_TestProject.qdpx";

fn counts(p: &QdaProject) -> (usize, usize, usize, usize) {
    let mut all = Vec::new();
    walk_codes(&p.codes, &mut all);
    let sels: usize = p.sources.iter().map(|s| s.selections.len()).sum();
    let codings: usize = p
        .sources
        .iter()
        .flat_map(|s| &s.selections)
        .map(|s| s.codings.len())
        .sum();
    (p.sources.len(), all.len(), sels, codings)
}

fn quote(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Naive, parser-independent oracle: for each PlainTextSelection tag in the raw
/// .qde, its guid and the text NVivo means (UTF-16 slice of the BOM-less raw file,
/// CRLF then turned into LF).
fn nvivo_oracle(archive: &Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    let mut files: HashMap<String, Vec<u16>> = HashMap::new();
    let mut qde = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        if name.ends_with(".qde") {
            qde = String::from_utf8(buf).unwrap();
        } else if name.ends_with(".txt") {
            let s = String::from_utf8(buf).unwrap();
            let s = s.strip_prefix('\u{feff}').unwrap_or(&s).to_string();
            let base = name.rsplit('/').next().unwrap().to_lowercase();
            files.insert(base, s.encode_utf16().collect());
        }
    }
    let attr = |tag: &str, key: &str| -> String {
        let k = format!(" {key}=\"");
        let i = tag.find(&k).unwrap() + k.len();
        tag[i..i + tag[i..].find('"').unwrap()].to_string()
    };
    let mut out = HashMap::new();
    let mut current: Option<&Vec<u16>> = None;
    for piece in qde.split('<').skip(1) {
        let tag = format!(" {}", piece.split('>').next().unwrap());
        if piece.starts_with("TextSource ") {
            let path = attr(&tag, "plainTextPath");
            current = files.get(&path.trim_start_matches("internal://").to_lowercase());
        } else if piece.starts_with("PlainTextSelection ") {
            let units = current.unwrap();
            let a: usize = attr(&tag, "startPosition").parse().unwrap();
            let b: usize = attr(&tag, "endPosition").parse().unwrap();
            let q = String::from_utf16(&units[a..b])
                .unwrap()
                .replace("\r\n", "\n");
            out.insert(attr(&tag, "guid").to_lowercase(), q);
        }
    }
    out
}

fn check_nvivo(file: &str, expected: (usize, usize, usize, usize)) -> QdaProject {
    let path = sample(file);
    let (p, warnings) = read_qdpx(&path).unwrap();
    assert_eq!(counts(&p), expected, "sources, codes, selections, codings");
    assert_eq!(p.users.len(), 2);
    assert!(p.origin.as_deref().unwrap().starts_with("NVivo"));
    // The offsets were recognised as UTF-16 and reported as such.
    assert!(
        warnings
            .iter()
            .any(|w| w.kind == WarningKind::Offsets && w.message.contains("UTF-16")),
        "{warnings:#?}"
    );
    // No selection was dropped or shifted.
    assert!(
        warnings.iter().all(|w| w.kind != WarningKind::Selection),
        "{:#?}",
        warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Selection)
            .collect::<Vec<_>>()
    );
    let oracle = nvivo_oracle(&path);
    assert_eq!(oracle.len(), expected.2);
    for s in &p.sources {
        assert!(!s.text.contains('\r') && !s.text.starts_with('\u{feff}'));
        for sel in &s.selections {
            let want = &oracle[sel.guid.as_str()];
            assert_eq!(&quote(&s.text, sel.start, sel.end), want, "{}", sel.guid);
        }
    }
    p
}

#[test]
fn nvivo_windows_sample() {
    let p = check_nvivo(NVIVO_WIN, (2, 152, 303, 303));
    // Spot check published in NOTES §1.9.
    let sel = p
        .sources
        .iter()
        .flat_map(|s| s.selections.iter().map(move |x| (s, x)))
        .find(|(_, x)| x.guid.as_str() == "7154a758-6873-4134-badd-ae1dc04d3086")
        .map(|(s, x)| quote(&s.text, x.start, x.end))
        .unwrap();
    assert!(sel.starts_with("Senkit nem lehet kötelezni olt"), "{sel}");
    assert!(sel.ends_with("és nem élhet."), "{sel}");
    // NVivo exports no colours.
    let mut all = Vec::new();
    walk_codes(&p.codes, &mut all);
    assert!(all.iter().all(|c| c.color.is_none()));
}

#[test]
fn nvivo_mac_sample() {
    check_nvivo(NVIVO_MAC, (2, 152, 297, 297));
}

/// The two NVivo exports of the same project agree once converted: every Mac
/// coding (source, code path, span, quote) is a Windows coding, and Windows has
/// exactly 6 more (counted independently with Python).
#[test]
fn nvivo_windows_and_mac_agree() {
    fn keyed(p: &QdaProject) -> HashMap<(String, String, usize, usize, String), usize> {
        let mut paths = HashMap::new();
        fn walk(codes: &[glose::refi::Code], prefix: &str, out: &mut HashMap<String, String>) {
            for c in codes {
                let path = format!("{prefix}/{}", c.name);
                out.insert(c.guid.to_string(), path.clone());
                walk(&c.children, &path, out);
            }
        }
        walk(&p.codes, "", &mut paths);
        let mut out = HashMap::new();
        for s in &p.sources {
            for sel in &s.selections {
                for c in &sel.codings {
                    let key = (
                        s.name.clone(),
                        paths[c.code_guid.as_str()].clone(),
                        sel.start,
                        sel.end,
                        quote(&s.text, sel.start, sel.end),
                    );
                    *out.entry(key).or_insert(0) += 1;
                }
            }
        }
        out
    }
    let (win, _) = read_qdpx(&sample(NVIVO_WIN)).unwrap();
    let (mac, _) = read_qdpx(&sample(NVIVO_MAC)).unwrap();
    let (w, m) = (keyed(&win), keyed(&mac));
    for (k, n) in &m {
        assert_eq!(
            w.get(k).copied().unwrap_or(0),
            *n,
            "Mac coding missing on Windows: {k:?}"
        );
    }
    let extra: usize = w
        .iter()
        .map(|(k, n)| n - m.get(k).copied().unwrap_or(0))
        .sum();
    assert_eq!(extra, 6);
    // Same texts, up to one trailing newline the Mac export adds.
    for s in &win.sources {
        let t = &mac.sources.iter().find(|x| x.name == s.name).unwrap().text;
        assert_eq!(t.trim_end(), s.text.trim_end());
    }
}

#[test]
fn spec_annex_a2_atlas_sample() {
    let (p, warnings) = read_qdpx(&sample(SPEC_A2)).unwrap();
    // 6 TextSources, 14 codes (flat), 6 selections with 7 codings in the XML; the
    // archive has no .txt files, so every selection is dropped with a warning.
    assert_eq!(counts(&p), (6, 14, 0, 0));
    assert_eq!(p.codes.len(), 14);
    assert_eq!(p.users.len(), 3);
    assert_eq!(p.notes.len(), 2);
    assert_eq!(p.sets.len(), 16);
    let dropped: Vec<_> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Selection && w.message.contains("missing"))
        .collect();
    assert_eq!(dropped.len(), 6, "{dropped:#?}");
    assert!(dropped.iter().all(|w| w.guid.is_some()));
    assert!(
        dropped
            .iter()
            .any(|w| w.guid.as_ref().unwrap().as_str() == "4191294a-e287-4510-95b0-69bce4638e56")
    );
    // PictureSource, 2 PDFSource, AudioSource, 2 VideoSource, Links and Graphs reported.
    let loss = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::DataLoss)
        .map(|w| w.message.as_str())
        .collect::<Vec<_>>();
    for what in [
        "PictureSource",
        "PDFSource",
        "AudioSource",
        "VideoSource",
        "<Link>",
        "<Graph>",
    ] {
        assert!(loss.iter().any(|m| m.contains(what)), "{what}: {loss:#?}");
    }
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.kind == WarningKind::DataLoss && w.message.contains("Source "))
            .count(),
        6
    );
    // "Project.qde" tolerated; upper-case GUIDs canonicalised; colours kept.
    assert!(warnings.iter().any(|w| w.message.contains("Project.qde")));
    let milk = p.codes.iter().find(|c| c.name == "milk").unwrap();
    assert_eq!(milk.color, None);
    let coke = p.codes.iter().find(|c| c.name == "Coke").unwrap();
    assert_eq!(coke.color.unwrap().to_string(), "#966450");
    assert_eq!(coke.guid.as_str(), "7496ba52-9c8d-4396-8fab-cc438614e453");
    assert_eq!(
        coke.description.as_deref(),
        Some("the breakfast of champions")
    );
    let rushed = p
        .codes
        .iter()
        .find(|c| c.guid.as_str() == "9f43fe32-c2cb-4ba8-b766-a0734c826e49");
    assert_eq!(rushed.unwrap().name, "\"rushed\"");
    assert_eq!(
        p.sets
            .iter()
            .find(|s| s.name == "<3")
            .unwrap()
            .member_codes
            .len(),
        0
    );
    let note = p.notes.iter().find(|n| n.name == "Research Plan").unwrap();
    assert_eq!(
        note.text,
        "This is a great project by a dynamic team of researcher-developers. "
    );
}

#[test]
fn atlas_9_codebook_with_0_4_namespace() {
    let (book, warnings) = read_qdc(&sample("atlasti-win-9.0.19_portableQDA_Atlasti.qdc")).unwrap();
    let mut all = Vec::new();
    walk_codes(&book.codes, &mut all);
    assert_eq!(all.len(), 5);
    assert_eq!(book.codes.len(), 3);
    assert_eq!(book.sets.len(), 2);
    assert_eq!(
        book.sets
            .iter()
            .map(|s| s.member_codes.len())
            .sum::<usize>(),
        4
    );
    let code3 = book.codes.iter().find(|c| c.name == "code3").unwrap();
    assert!(!code3.is_codable);
    assert_eq!(code3.children[0].name, "code:3.1");
    assert_eq!(book.origin.as_deref(), Some("ATLAS.ti Win 9.0.19"));
    assert!(
        warnings
            .iter()
            .any(|w| w.kind == WarningKind::Tolerated && w.message.contains("codebook:0:4")),
        "{warnings:#?}"
    );
}

#[test]
fn spec_annex_a1_codebook_with_braced_guids() {
    let (book, warnings) = read_qdc(&sample("spec-annexA1_REFI-QDA-1-5.qdc")).unwrap();
    assert_eq!(book.codes.len(), 6);
    assert!(book.sets.is_empty());
    let economy = book.codes.iter().find(|c| c.name == "Economy").unwrap();
    assert_eq!(
        economy.guid.as_str(),
        "d7aa29da-519b-4946-9b90-253b6db8fd0a"
    );
    assert_eq!(economy.color.unwrap().to_string(), "#FFFF00");
    assert_eq!(
        economy.description.as_deref(),
        Some("Anything about jobs or taxes or business")
    );
    assert!(!book.codes[0].is_codable);
    assert!(warnings.is_empty(), "{warnings:#?}");
}
