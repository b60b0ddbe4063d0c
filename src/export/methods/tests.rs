use super::render::{NEEDS_AUTHORS, to_html, to_markdown};
use super::*;

fn sample() -> (Study, AllCodings) {
    let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let all = crate::store::load_all(&study);
    (study, all)
}

#[test]
fn the_appendix_follows_coreq_and_answers_what_the_files_can() {
    let (study, all) = sample();
    let a = methods_appendix(&study, &all);
    let numbered: Vec<u8> = a.items.iter().filter_map(|i| i.number).collect();
    assert_eq!(numbered, (1..=32).collect::<Vec<u8>>());
    let answer = |n: u8| {
        a.items
            .iter()
            .find(|i| i.number == Some(n))
            .unwrap()
            .answer
            .clone()
    };
    assert_eq!(answer(12).unwrap(), "18 interviews, one transcript each.");
    assert!(answer(24).unwrap().starts_with("2 coders: coder-a ("));
    assert!(answer(22).unwrap().contains("Guest, Namey and Chen (2020)"));
    assert!(answer(27).unwrap().contains(env!("CARGO_PKG_VERSION")));
    assert!(answer(25).unwrap().contains("top-level groups"));
    // Nothing in the files says who interviewed or how participants were approached.
    assert_eq!(answer(1), None);
    assert_eq!(answer(11), None);
    let md = to_markdown(&a);
    assert!(md.contains(NEEDS_AUTHORS));
    assert!(md.contains("Machine assistance"));
    assert!(md.contains("No coding carries a machine-suggestion mark"));
    // No real name of the pseudonym table leaks (the cases' founders are listed there).
    let p = crate::export::Pseudonyms::load(&crate::export::Pseudonyms::path(&study)).unwrap();
    assert!(p.scan(&md).is_empty(), "{:?}", p.scan(&md));
    assert!(p.scan(&to_html(&a)).is_empty());
}

#[test]
fn regenerating_gives_the_same_bytes() {
    let (study, all) = sample();
    let first = methods_appendix(&study, &all);
    let second = methods_appendix(&study, &all);
    assert_eq!(
        to_markdown(&first).as_bytes(),
        to_markdown(&second).as_bytes()
    );
    assert_eq!(to_html(&first).as_bytes(), to_html(&second).as_bytes());
}

#[test]
fn the_checklists_are_the_published_item_lists() {
    // COREQ: Tong, Sainsbury & Craig 2007, Table 1 (32 items in three domains).
    let coreq: Vec<&str> = COREQ.iter().map(|i| i.2).collect();
    assert_eq!(
        coreq,
        [
            "Interviewer/facilitator",
            "Credentials",
            "Occupation",
            "Gender",
            "Experience and training",
            "Relationship established",
            "Participant knowledge of the interviewer",
            "Interviewer characteristics",
            "Methodological orientation and theory",
            "Sampling",
            "Method of approach",
            "Sample size",
            "Non-participation",
            "Setting of data collection",
            "Presence of non-participants",
            "Description of sample",
            "Interview guide",
            "Repeat interviews",
            "Audio/visual recording",
            "Field notes",
            "Duration",
            "Data saturation",
            "Transcripts returned",
            "Number of data coders",
            "Description of the coding tree",
            "Derivation of themes",
            "Software",
            "Participant checking",
            "Quotations presented",
            "Data and findings consistent",
            "Clarity of major themes",
            "Clarity of minor themes",
        ]
    );
    let domains = |d: &str| COREQ.iter().filter(|i| i.1 == d).count();
    assert_eq!(
        [
            domains("Research team and reflexivity"),
            domains("Study design"),
            domains("Analysis and findings")
        ],
        [8, 15, 9]
    );
    // SRQR: O'Brien et al. 2014, Table 1 (21 items, S1–S21).
    let srqr: Vec<(u8, &str)> = srqr::SRQR.iter().map(|i| (i.0, i.2)).collect();
    assert_eq!(
        srqr,
        [
            (1, "Title"),
            (2, "Abstract"),
            (3, "Problem formulation"),
            (4, "Purpose or research question"),
            (5, "Qualitative approach and research paradigm"),
            (6, "Researcher characteristics and reflexivity"),
            (7, "Context"),
            (8, "Sampling strategy"),
            (9, "Ethical issues pertaining to human subjects"),
            (10, "Data collection methods"),
            (11, "Data collection instruments and technologies"),
            (12, "Units of study"),
            (13, "Data processing"),
            (14, "Data analysis"),
            (15, "Techniques to enhance trustworthiness"),
            (16, "Synthesis and interpretation"),
            (17, "Links to empirical data"),
            (
                18,
                "Integration with prior work, implications, transferability"
            ),
            (19, "Limitations"),
            (20, "Conflicts of interest"),
            (21, "Funding"),
        ]
    );
    let sections: Vec<usize> = [
        "Title and abstract",
        "Introduction",
        "Methods",
        "Results/findings",
        "Discussion",
        "Other",
    ]
    .iter()
    .map(|d| srqr::SRQR.iter().filter(|i| i.1 == *d).count())
    .collect();
    assert_eq!(sections, [2, 2, 11, 2, 2, 2]);
}

#[test]
fn srqr_is_answered_where_the_files_can_and_needs_the_authors_elsewhere() {
    let (study, all) = sample();
    let a = methods_appendix(&study, &all);
    let answered: Vec<u8> = a
        .srqr
        .iter()
        .filter(|i| i.answer.is_some())
        .filter_map(|i| i.number)
        .collect();
    assert_eq!(answered, [8, 10, 11, 12, 13, 14, 15, 17]);
    let answer = |n: u8| a.srqr[usize::from(n) - 1].answer.clone().unwrap();
    assert!(answer(8).contains("18 interviews") && answer(8).contains("Guest, Namey and Chen"));
    assert!(answer(11).contains(env!("CARGO_PKG_VERSION")));
    assert!(answer(11).contains("No coding carries a machine-suggestion mark"));
    assert!(answer(14).starts_with("2 coders: coder-a ("));
    assert!(answer(17).contains("identified by interview id"));
    let md = to_markdown(&a);
    assert!(md.contains("## SRQR") && md.contains("**S21. Funding**"));
    assert!(md.contains("8 of 21 items answered"));
    let html = to_html(&a);
    assert!(html.contains("<h2>SRQR</h2>") && html.contains("S9. Ethical issues"));
}

#[test]
fn machine_assistance_is_reported_with_its_measured_precision() {
    let dir = crate::testkit::sample_study(None).unwrap();
    let root = crate::testkit::sample_root();
    crate::testkit::copy_dir(&root.join("codings"), &dir.path().join("codings")).unwrap();
    let path = dir.path().join("codings/coder-a.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut marked = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if marked < 3 && l.contains("\"practice.community.teasing\"") && l.ends_with('}') {
                marked += 1;
                format!(
                    "{},\"suggested\":{{\"model\":\"tfidf-logreg\",\"version\":2,\"at\":\"2026-12-07T08:00:00Z\"}}}}",
                    &l[..l.len() - 1]
                )
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(marked, 3);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let study = Study::open(dir.path()).unwrap();
    let all = crate::store::load_all(&study);
    let a = methods_appendix(&study, &all);
    let item = a
        .items
        .iter()
        .find(|i| i.topic == "Machine assistance")
        .unwrap();
    let answer = item.answer.clone().unwrap();
    assert!(
        answer.contains("coder-a, practice.community.teasing: 3 codings (precision at R 0."),
        "{answer}"
    );
    assert!(answer.contains("held-out interviews"), "{answer}");
    // The same files give the same bytes, the measure included.
    let again = methods_appendix(&study, &crate::store::load_all(&study));
    assert_eq!(to_markdown(&a), to_markdown(&again));
}

#[test]
fn a_study_without_codings_says_so_and_makes_up_no_number() {
    let dir = crate::testkit::sample_study(None).unwrap();
    let study = Study::open(dir.path()).unwrap();
    let all = crate::store::load_all(&study);
    let a = methods_appendix(&study, &all);
    let md = to_markdown(&a);
    assert!(md.contains("No coder has coded yet"), "{md}");
    assert!(
        md.contains("Saturation could not be assessed from the files: no coder has codings yet")
    );
    assert!(md.contains("Agreement could not be computed"));
    assert!(!md.contains("0 coders"));
    assert_eq!(md, to_markdown(&methods_appendix(&study, &all)));
}
