//! Exports of coded segments: stage resolution, every format read back, formula
//! neutralisation, pseudonymisation and determinism.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::io::Read;

use crate::export_support::*;
use glose::export::formats::{Format, render};
use glose::export::matrix::{Axis, Measure, crosstab};
use glose::export::{
    Dimension, ExportOptions, Pseudonyms, SegmentSet, Selection, ValueRule, build_segments,
};
use glose::store::load_all;
use glose::study::Study;

fn options(study: &Study, by: &[&str], pseudonymise: bool) -> ExportOptions {
    ExportOptions {
        by: by
            .iter()
            .map(|b| Dimension::resolve(study, b).unwrap())
            .collect(),
        selection: Selection::default(),
        lang: "en".into(),
        pseudonyms: pseudonymise.then(|| Pseudonyms::load(&Pseudonyms::path(study)).unwrap()),
        lean: false,
    }
}

fn build(study: &Study, by: &[&str], pseudonymise: bool) -> SegmentSet {
    build_segments(study, &load_all(study), &options(study, by, pseudonymise)).unwrap()
}

fn find<'a>(
    set: &'a SegmentSet,
    coder: &str,
    doc: &str,
    code: &str,
) -> &'a glose::export::SegmentRecord {
    set.records
        .iter()
        .find(|r| &*r.coder == coder && &*r.doc == doc && &*r.code == code)
        .unwrap_or_else(|| panic!("no record {coder} {doc} {code}"))
}

#[test]
fn stage_comes_from_the_same_coders_stage_code_then_the_attribute() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage"], false);
    // A pre-launch passage of a growth-stage interview is pre-launch.
    let r = find(&set, "alice", "E01", "practice.community.teasing");
    assert_eq!(r.dims[0].value.as_deref(), Some("pre-launch"));
    assert_eq!(r.dims[0].rule, ValueRule::Code);
    // No stage code over it: the interview's attribute.
    let r = find(&set, "alice", "E01", "practice.ads");
    assert_eq!(r.dims[0].value.as_deref(), Some("growth"));
    assert_eq!(r.dims[0].rule, ValueRule::Attribute);
    // bob's stage codes do not decide alice's segments, nor the other way round: bob's
    // teasing straddles his pre-launch and launch spans equally: the earlier stage wins.
    let r = find(&set, "bob", "E01", "practice.community.teasing");
    assert_eq!(r.dims[0].value.as_deref(), Some("pre-launch"));
    assert_eq!(r.dims[0].rule, ValueRule::CodeTie);
    // bob's ads overlaps nothing of his stage codes (launch ends 20 chars after teasing).
    let r = find(&set, "bob", "E01", "practice.ads");
    assert_eq!(r.dims[0].rule, ValueRule::Attribute);
    let r = find(&set, "alice", "E02", "role.sales");
    assert_eq!(
        (r.dims[0].value.as_deref(), r.dims[0].rule),
        (Some("launch"), ValueRule::Attribute)
    );
    // No stage attribute and no stage code: none.
    let r = find(&set, "alice", "E03", "practice.ads");
    assert_eq!(
        (r.dims[0].value.as_deref(), r.dims[0].rule),
        (None, ValueRule::None)
    );
    // Sorted by stage in codebook order, none last.
    let stages: Vec<Option<&str>> = set.records.iter().map(|r| r.dim(0)).collect();
    let first_growth = stages.iter().position(|s| *s == Some("growth")).unwrap();
    assert!(
        stages[..first_growth]
            .iter()
            .all(|s| matches!(*s, Some("pre-launch") | Some("launch")))
    );
    assert_eq!(stages.last(), Some(&None));
}

#[test]
fn a_larger_overlap_beats_the_attribute_and_a_smaller_one() {
    let (_dir, study) = sample();
    let s = &study;
    let sentence = span(
        s,
        "E01",
        "Avant le lancement, on teasait sur Instagram avec Julie Karam.",
    );
    // consolidation covers 5 chars of the sentence, launch the rest.
    code_range(
        s,
        "carol",
        "E01",
        "stage.consolidation",
        sentence.start..sentence.start + 5,
        None,
    );
    code_range(
        s,
        "carol",
        "E01",
        "stage.launch",
        sentence.start + 5..sentence.end,
        None,
    );
    code_range(s, "carol", "E01", "practice.ads", sentence.clone(), None);
    let set = build(s, &["stage"], false);
    let r = find(&set, "carol", "E01", "practice.ads");
    assert_eq!(
        (r.dims[0].value.as_deref(), r.dims[0].rule),
        (Some("launch"), ValueRule::Code)
    );
}

#[test]
fn by_twice_gives_stage_then_sector_columns() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage", "sector"], false);
    let r = find(&set, "alice", "E02", "role.sales");
    assert_eq!(r.dims[1].value.as_deref(), Some("mobilité"));
    assert_eq!(r.dims[1].rule, ValueRule::Attribute);
    let csv = String::from_utf8(
        render(&set, Format::Csv, &study.codebook, "t")
            .unwrap()
            .into_bytes(),
    )
    .unwrap();
    assert!(
        csv.starts_with("stage,stage_rule,sector,sector_rule,code,"),
        "{csv}"
    );
    // A code group other than stage works as well, and unknown names are refused.
    assert!(Dimension::resolve(&study, "practice.community").is_ok());
    let err = Dimension::resolve(&study, "secteur")
        .unwrap_err()
        .to_string();
    assert!(err.contains("sector"), "{err}");
}

#[test]
fn csv_and_tsv_parse_back_with_formulas_neutralised() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage"], false);
    for (format, delim) in [(Format::Csv, b','), (Format::Tsv, b'\t')] {
        let out = render(&set, format, &study.codebook, "t").unwrap();
        assert!(
            out.bytes().windows(2).any(|w| w == b"\r\n"),
            "RFC 4180 line ends"
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delim)
            .from_reader(out.bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), set.records.len());
        for (row, rec) in rows.iter().zip(&set.records) {
            assert_eq!(&row[col("code")], &*rec.code);
            assert_eq!(row[col("start")].parse::<usize>().unwrap(), rec.start);
            let text = &row[col("text")];
            if rec.text.starts_with(['=', '+', '-', '@']) {
                assert_eq!(text, format!("'{}", rec.text));
            } else {
                assert_eq!(text, rec.text);
            }
        }
        let ads = rows
            .iter()
            .find(|r| {
                &r[col("code")] == "practice.ads"
                    && &r[col("coder")] == "alice"
                    && &r[col("doc")] == "E01"
            })
            .unwrap();
        assert!(ads[col("text")].starts_with("'=HYPERLINK("));
        assert_eq!(&ads[col("memo")], "'-la pub, enfin");
        assert_eq!(&ads[col("speaker")], "Fondatrice");
        assert_eq!(&ads[col("timestamp")], "00:05:00");
        assert_eq!(&ads[col("turn")], "4");
        // No unneutralised cell anywhere.
        for row in &rows {
            for cell in row.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
    }
}

#[test]
fn jsonl_parses_back_with_the_raw_text() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage"], false);
    let out = String::from_utf8(
        render(&set, Format::Jsonl, &study.codebook, "t")
            .unwrap()
            .into_bytes(),
    )
    .unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), set.records.len());
    for (v, r) in lines.iter().zip(&set.records) {
        assert_eq!(v["text"], r.text.as_str());
        assert_eq!(v["stage_rule"], r.dims[0].rule.as_str());
        assert_eq!(v["end"], r.end);
    }
}

#[test]
fn markdown_and_html_group_by_stage_then_code_with_citations() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage"], true);
    let md = String::from_utf8(
        render(&set, Format::Md, &study.codebook, "Segments")
            .unwrap()
            .into_bytes(),
    )
    .unwrap();
    let pre = md.find("## Pre-launch (").unwrap();
    let growth = md.find("## Growth (").unwrap();
    let none = md.find("## (no stage) (").unwrap();
    assert!(pre < growth && growth < none, "{md}");
    let teasing = md[pre..]
        .find("### Teasing and anticipation — `practice.community.teasing`")
        .unwrap()
        + pre;
    assert!(teasing < growth);
    assert!(
        md.contains("> on teasait sur Instagram avec \\[Amie 1\\]\n"),
        "{md}"
    );
    // bob's teasing ends inside "Karam" and his launch inside "Dieulefit": replaced whole.
    assert!(!md.contains("Kara") && !md.contains("Dieulefi\n"), "{md}");
    assert!(
        md.contains("— E01 (Lin & Sel), Fondatrice, turn 2, 00:01:10 [alice]"),
        "{md}"
    );
    let html = String::from_utf8(
        render(&set, Format::Html, &study.codebook, "Segments")
            .unwrap()
            .into_bytes(),
    )
    .unwrap();
    assert!(html.contains("<h2>Pre-launch <span class=\"muted\">("));
    assert!(html.contains("— E01 (Lin &amp; Sel), Fondatrice, turn 2, 00:01:10"));
    assert!(html.contains("=HYPERLINK(&quot;http://evil.example&quot;)"));
    assert!(!html.contains("href=\"http") && !html.contains("src=\"http"));
}

/// Reads an XLSX back with zip + quick-xml: sheet names, and each sheet's cells as
/// (row, col, text, quote-prefixed).
/// A sheet read back: its name and its rows of (text, quote-prefixed) cells.
type Sheet = (String, Vec<Vec<(String, bool)>>);

fn read_xlsx(bytes: &[u8]) -> Vec<Sheet> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let shared = read("xl/sharedStrings.xml");
    let styles = read("xl/styles.xml");
    let attr = |e: &quick_xml::events::BytesStart, k: &str| {
        e.attributes()
            .filter_map(Result::ok)
            .find(|a| a.key.0 == k)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .to_string()
            })
    };
    let mut strings = Vec::new();
    let mut r = quick_xml::Reader::from_str(&shared);
    let (mut in_si, mut cur) = (false, String::new());
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "si" => {
                in_si = true;
                cur.clear();
            }
            Event::Text(t) if in_si => cur.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if in_si => {
                let name: &str = &g;
                cur.push_str(&quick_xml::escape::unescape(&format!("&{name};")).unwrap());
            }
            Event::End(e) if e.name().0 == "si" => {
                in_si = false;
                strings.push(cur.clone());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // cellXfs with quotePrefix="1".
    let mut quoted_xf = Vec::new();
    let mut r = quick_xml::Reader::from_str(&styles);
    let (mut in_xfs, mut xf) = (false, 0usize);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "cellXfs" => in_xfs = true,
            Event::End(e) if e.name().0 == "cellXfs" => in_xfs = false,
            Event::Start(e) | Event::Empty(e) if in_xfs && e.name().0 == "xf" => {
                if attr(&e, "quotePrefix").as_deref() == Some("1") {
                    quoted_xf.push(xf);
                }
                xf += 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut names = Vec::new();
    let mut r = quick_xml::Reader::from_str(&workbook);
    loop {
        match r.read_event().unwrap() {
            Event::Empty(e) | Event::Start(e) if e.name().0 == "sheet" => {
                names.push(attr(&e, "name").unwrap())
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let xml = read(&format!("xl/worksheets/sheet{}.xml", i + 1));
        let mut rows: Vec<Vec<(String, bool)>> = Vec::new();
        let mut r = quick_xml::Reader::from_str(&xml);
        let (mut kind, mut style, mut in_v) = (String::new(), 0usize, false);
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) if e.name().0 == "row" => rows.push(Vec::new()),
                Event::Start(e) if e.name().0 == "c" => {
                    kind = attr(&e, "t").unwrap_or_default();
                    style = attr(&e, "s").map_or(0, |s| s.parse().unwrap());
                }
                Event::Start(e) if e.name().0 == "v" => in_v = true,
                Event::End(e) if e.name().0 == "v" => in_v = false,
                Event::Text(t) if in_v => {
                    let raw = t.xml10_content().to_string();
                    let value = if kind == "s" {
                        strings[raw.parse::<usize>().unwrap()].clone()
                    } else {
                        raw
                    };
                    rows.last_mut()
                        .unwrap()
                        .push((value, quoted_xf.contains(&style)));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out.push((name, rows));
    }
    out
}

#[test]
fn xlsx_reads_back_with_a_summary_and_one_sheet_per_stage() {
    let (_dir, study) = coded();
    let set = build(&study, &["stage"], true);
    let out = render(&set, Format::Xlsx, &study.codebook, "t").unwrap();
    let sheets = read_xlsx(out.bytes());
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        ["Summary", "pre-launch", "launch", "growth", "(none)"]
    );
    let total_rows: usize = sheets[1..].iter().map(|s| s.1.len() - 1).sum();
    assert_eq!(total_rows, set.records.len());
    let pre = &sheets[1].1;
    let header: Vec<&str> = pre[0].iter().map(|c| c.0.as_str()).collect();
    let text_col = header.iter().position(|h| *h == "text").unwrap();
    assert!(
        pre[1..]
            .iter()
            .any(|row| row[text_col].0 == "on teasait sur Instagram avec [Amie 1]")
    );
    // The formula-like answer is stored as its exact text, with Excel's quote prefix.
    let growth = &sheets[3].1;
    let cell = growth[1..]
        .iter()
        .map(|row| &row[text_col])
        .find(|c| c.0.starts_with("=HYPERLINK"))
        .unwrap();
    assert!(cell.1, "quote prefix on {:?}", cell.0);
    let plain = growth[1..]
        .iter()
        .map(|row| &row[text_col])
        .find(|c| c.0.starts_with("Aujourd"))
        .unwrap();
    assert!(!plain.1);
    // Summary: code rows × stages, totals in the last row.
    let summary = &sheets[0].1;
    assert_eq!(
        summary[0]
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>()
            .last(),
        Some(&"total")
    );
    let last = summary.last().unwrap();
    assert_eq!(last.last().unwrap().0, set.records.len().to_string());
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let (_dir, study) = coded();
    for format in [
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Md,
        Format::Html,
        Format::Xlsx,
    ] {
        let a = render(
            &build(&study, &["stage", "sector"], true),
            format,
            &study.codebook,
            "t",
        )
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = render(
            &build(&study, &["stage", "sector"], true),
            format,
            &study.codebook,
            "t",
        )
        .unwrap();
        assert!(a.bytes() == b.bytes(), "{format:?} differs between runs");
    }
}

#[test]
fn pseudonyms_are_applied_and_leftovers_reported() {
    let (_dir, study) = coded();
    let plain = build(&study, &["stage"], false);
    let csv_plain = String::from_utf8(
        render(&plain, Format::Csv, &study.codebook, "t")
            .unwrap()
            .into_bytes(),
    )
    .unwrap();
    assert!(csv_plain.contains("Julie Karam") && csv_plain.contains("Dieulefit"));
    let set = build(&study, &["stage"], true);
    let out = render(&set, Format::Csv, &study.codebook, "t").unwrap();
    let text = String::from_utf8(out.bytes().to_vec()).unwrap();
    assert!(
        !text.contains("Julie") && text.contains("[Amie 1]"),
        "{text}"
    );
    // "Dieulefit" is listed for E01 only; E02's "Dieulefitois" is left and reported.
    let p = Pseudonyms::load(&Pseudonyms::path(&study)).unwrap();
    let leaks = p.scan(out.scan_text());
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert_eq!(leaks[0].name, "Dieulefit");
    assert_eq!(leaks[0].listed_for, ["E01"]);
    // XLSX is scanned through the same strings.
    let x = render(&set, Format::Xlsx, &study.codebook, "t").unwrap();
    assert_eq!(p.scan(x.scan_text()).len(), 1);
}

#[test]
fn selection_consensus_and_matrix() {
    let (_dir, study) = coded();
    let all = load_all(&study);
    let mut opts = options(&study, &["stage"], false);
    opts.selection = Selection {
        coders: vec!["bob".into()],
        ..Selection::default()
    };
    let set = build_segments(&study, &all, &opts).unwrap();
    assert!(set.records.iter().all(|r| &*r.coder == "bob"));
    opts.selection = Selection {
        codes: vec!["practice".into()],
        docs: vec!["E01".into()],
        ..Selection::default()
    };
    let set = build_segments(&study, &all, &opts).unwrap();
    assert!(
        set.records
            .iter()
            .all(|r| r.code.starts_with("practice") && &*r.doc == "E01")
    );
    assert_eq!(set.records.len(), 4);
    opts.selection = Selection {
        consensus: true,
        ..Selection::default()
    };
    let set = build_segments(&study, &all, &opts).unwrap();
    // alice and bob both coded ads and teasing in E01 (overlapping) and pre-launch.
    let codes: Vec<&str> = set.records.iter().map(|r| r.code.as_ref()).collect();
    assert!(
        codes.contains(&"practice.ads") && codes.contains(&"practice.community.teasing"),
        "{codes:?}"
    );
    assert!(
        set.records
            .iter()
            .all(|r| &*r.coder == "consensus" && &*r.doc == "E01")
    );
    opts.selection = Selection {
        coders: vec!["zoe".into()],
        ..Selection::default()
    };
    assert!(build_segments(&study, &all, &opts).is_err());

    let set = build(&study, &["stage"], false);
    let m = crosstab(
        &set,
        &Axis::Code,
        &Axis::Dim(0),
        Measure::Segments,
        &study.codebook,
    );
    assert_eq!(
        m.cols,
        ["pre-launch", "launch", "growth", "consolidation", ""]
    );
    let row = |id: &str| m.rows.iter().position(|r| r == id).unwrap();
    // teasing: alice pre-launch (code) + bob pre-launch (tie).
    assert_eq!(m.cells[row("practice.community.teasing")][0], 2);
    assert_eq!(m.cells[row("practice.ads")][2], 2);
    assert_eq!(m.cells[row("practice.ads")][4], 1);
    assert_eq!(m.total as usize, set.records.len());
    assert_eq!(m.col_totals.iter().sum::<u64>(), m.total);
    // The lean build (no transcripts) gives the same matrix.
    let lean_opts = ExportOptions {
        lean: true,
        ..options(&study, &["stage"], false)
    };
    let lean = build_segments(&study, &all, &lean_opts).unwrap();
    let m2 = crosstab(
        &lean,
        &Axis::Code,
        &Axis::Dim(0),
        Measure::Segments,
        &study.codebook,
    );
    assert_eq!((&m2.cells, m2.total), (&m.cells, m.total));
    let docs = crosstab(
        &set,
        &Axis::Code,
        &Axis::Dim(0),
        Measure::Documents,
        &study.codebook,
    );
    assert_eq!(docs.row_totals[row("practice.ads")], 2);
    assert_eq!(docs.total, 3);
}

/// Matrices and segment exports load codings without their anchors' texts once the parsed
/// cache is fresh (`load_all_spans`): what they print is the same as from the files.
#[test]
fn exports_from_a_fresh_cache_without_anchor_texts_are_the_same() {
    let (_dir, study) = coded();
    let from_files = load_all(&study);
    // Coder files older than their cache entries: the next load reads the entries.
    let codings = study.root.join("codings");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(&codings).unwrap() {
        let f = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap();
        f.set_modified(old).unwrap();
    }
    load_all(&study); // stamps the entries anew (same bytes, older time)
    let spans = glose::store::load_all_spans(&study);
    assert!(
        from_files
            .codings
            .iter()
            .any(|c| !c.anchor.quote.is_empty())
    );
    assert!(
        spans.codings.iter().all(|c| c.anchor.quote.is_empty()),
        "the texts were skipped"
    );
    assert_eq!(spans.codings.len(), from_files.codings.len());

    let opts = options(&study, &["stage"], true);
    let full = build_segments(&study, &from_files, &opts).unwrap();
    let lean = build_segments(&study, &spans, &opts).unwrap();
    for format in [Format::Csv, Format::Jsonl, Format::Md] {
        assert_eq!(
            render(&lean, format, &study.codebook, "t")
                .unwrap()
                .into_bytes(),
            render(&full, format, &study.codebook, "t")
                .unwrap()
                .into_bytes(),
        );
    }
    let table = |set: &SegmentSet| {
        crosstab(
            set,
            &Axis::Code,
            &Axis::Dim(0),
            Measure::Words,
            &study.codebook,
        )
    };
    assert_eq!(format!("{:?}", table(&lean)), format!("{:?}", table(&full)));
}
