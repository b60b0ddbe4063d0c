//! Filters: attributes, documents, speakers, roles, codes, coders, uncoded.

use glose::search::{Order, SearchError, SearchOptions, parse_query};

use crate::common::{TestStudy, span};

fn query_error(s: &TestStudy, query: &str) -> (usize, String) {
    let study = s.study();
    let q = parse_query(query).unwrap();
    match s.index().search(&study, &q, &SearchOptions::default(), &[]) {
        Err(SearchError::Query(e)) => (e.position, e.message),
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn attribute_filters_fold_case_and_accents() {
    let s = TestStudy::new();
    assert_eq!(s.docs("stage:growth"), vec!["E02"]);
    assert_eq!(s.docs("STAGE:Growth"), vec!["E02"]);
    // `launch` is not `pre-launch`.
    assert_eq!(s.docs("stage:launch"), vec!["E01"]);
    assert_eq!(s.docs("stage:launch|growth"), vec!["E01", "E02"]);
    assert_eq!(s.docs("sector:mobilite"), vec!["E02"]);
    assert_eq!(s.docs("sector:\"artisanat (Céramique)\""), vec!["E01"]);
    assert_eq!(s.docs("sector:céramique"), vec!["E01"]);
    assert_eq!(s.docs("réseaux stage:growth"), vec!["E02"]);
    assert_eq!(s.docs("réseaux -stage:growth"), vec!["E01"]);
    assert_eq!(s.docs("language:en"), vec!["E03"]);
}

#[test]
fn doc_speaker_and_role_filters() {
    let s = TestStudy::new();
    assert_eq!(s.docs("doc:e02"), vec!["E02"]);
    assert_eq!(s.docs("doc:E01|E03"), vec!["E01", "E03"]);
    let interviewer: Vec<String> = s
        .search("role:interviewer")
        .into_iter()
        .map(|h| h.speaker)
        .collect();
    assert_eq!(
        interviewer,
        vec![
            "Intervieweuse",
            "Intervieweuse",
            "Intervieweur",
            "Interviewer"
        ]
    );
    assert_eq!(
        s.search("role:respondent|interviewer").len(),
        s.search("-zzz").len()
    );
    assert_eq!(s.docs("speaker:fondatrice"), vec!["E01"]);
    assert_eq!(s.docs("speaker:Fondateur partenariat"), vec!["E02"]);
    assert_eq!(s.docs("influenc* role:respondent"), vec!["E02"]);
    assert_eq!(s.marked("influenc* role:interviewer"), vec!["influenceurs"]);
}

#[test]
fn unknown_filters_codes_documents_and_roles_are_errors_with_positions() {
    let s = TestStudy::new();
    let (pos, msg) = query_error(&s, "réseaux sectr:mobilité");
    assert_eq!(pos, 8);
    assert!(msg.contains("did you mean sector"), "{msg}");
    let (pos, msg) = query_error(&s, "code:practice.comunity");
    assert_eq!(pos, 5);
    assert!(msg.contains("practice.community"), "{msg}");
    let (pos, msg) = query_error(&s, "a doc:E9");
    assert_eq!(pos, 6);
    assert!(msg.contains("E9"), "{msg}");
    let (pos, _) = query_error(&s, "role:boss");
    assert_eq!(pos, 5);
}

#[test]
fn code_coder_and_uncoded_use_the_given_spans() {
    let s = TestStudy::new();
    let study = s.study();
    let e01 = study.load_document("E01").unwrap();
    let e02 = study.load_document("E02").unwrap();
    let at = |doc: &glose::document::Document, word: &str| {
        let byte = doc.text.find(word).unwrap();
        let start = doc.char_of(byte);
        (start, start + word.chars().count())
    };
    let (a, b) = at(&e01, "bouche à oreille");
    let (c, d) = at(&e02, "communauté de nos clients");
    let (e, f) = at(&e01, "deux partenariats");
    let spans = vec![
        span("E01", "practice.community.cocreation", "ana", a, b),
        span("E02", "practice.community", "ben", c, d),
        span("E01", "role.sales", "ben", e, f),
    ];
    let docs = |q: &str| -> Vec<(String, usize)> {
        s.search_with(q, &spans, Order::Document)
            .into_iter()
            .map(|h| (h.doc, h.range.start))
            .collect()
    };
    // A parent code finds codings of its descendants.
    let community = docs("code:practice.community");
    assert_eq!(community.len(), 2);
    assert_eq!(community[0].0, "E01");
    assert_eq!(community[1].0, "E02");
    assert_eq!(docs("code:practice.community.cocreation").len(), 1);
    assert_eq!(docs("code:cocreation").len(), 1);
    assert_eq!(
        docs("code:practice.community coder:ben"),
        vec![community[1].clone()]
    );
    assert_eq!(
        docs("code:practice.community coder:ANA"),
        vec![community[0].clone()]
    );
    assert_eq!(docs("coder:ben").len(), 2);
    assert_eq!(docs("code:role").len(), 1);
    assert_eq!(
        docs("code:role OR code:practice.community.cocreation").len(),
        2
    );
    assert_eq!(docs("partenariats code:role").len(), 1);
    // uncoded: every passage that no coding touches.
    let all = docs("-zzz").len();
    assert_eq!(docs("uncoded").len(), all - 3);
    assert_eq!(docs("uncoded coder:ana").len(), all - 1);
    let uncoded_reseaux: Vec<String> = docs("réseaux uncoded").into_iter().map(|d| d.0).collect();
    assert_eq!(uncoded_reseaux, vec!["E02"]);
    assert_eq!(docs("partenariat uncoded").len(), 1);
    // Without spans nothing is coded.
    assert_eq!(s.search("uncoded").len(), all);
    assert!(s.search("code:practice").is_empty());
}
