//! Text matching: folding, stemming, phrases, proximity, prefixes, booleans, highlights.

use glose::search::{Order, SearchOptions, parse_query};

use crate::common::TestStudy;

#[test]
fn accents_are_optional_both_ways() {
    let s = TestStudy::new();
    assert_eq!(s.docs("reseaux"), vec!["E01", "E02"]);
    assert_eq!(s.marked("reseaux"), vec!["réseaux", "reseaux"]);
    assert_eq!(s.marked("équipe"), vec!["équipe", "equipe"]);
    assert_eq!(s.marked("EQUIPE"), vec!["équipe", "equipe"]);
}

#[test]
fn stemming_joins_singular_and_plural() {
    let s = TestStudy::new();
    assert_eq!(s.marked("communauté"), vec!["communautés", "communauté"]);
    assert_eq!(
        s.marked("partenariat"),
        vec!["partenariats", "partenariats", "partenariat"]
    );
    // English documents use the English stemmer.
    assert_eq!(s.marked("community"), vec!["community", "communities"]);
}

#[test]
fn phrases_match_adjacent_words_only() {
    let s = TestStudy::new();
    assert_eq!(s.marked("\"bouche à oreille\""), vec!["bouche à oreille"]);
    assert_eq!(s.marked("\"bouche a oreilles\""), vec!["bouche à oreille"]);
    assert!(s.search("\"oreille à bouche\"").is_empty());
    assert!(s.search("\"communauté clients\"").is_empty());
}

#[test]
fn proximity_allows_words_between() {
    let s = TestStudy::new();
    // "La communauté de nos clients": two words between.
    assert_eq!(
        s.marked("\"communauté clients\"~2"),
        vec!["communauté", "clients"]
    );
    assert!(s.search("\"communauté clients\"~1").is_empty());
    // Reversed order costs more.
    assert_eq!(s.docs("\"clients communauté\"~5"), vec!["E02"]);
}

#[test]
fn prefixes_are_folded_and_unstemmed() {
    let s = TestStudy::new();
    assert_eq!(s.marked("influenc*"), vec!["influenceurs", "influenceuse"]);
    assert_eq!(s.marked("RÉSEA*"), vec!["réseaux", "reseaux"]);
    assert!(s.search("zzz*").is_empty());
}

#[test]
fn boolean_operators() {
    let s = TestStudy::new();
    assert_eq!(s.docs("communauté instagram"), vec!["E01"]);
    assert_eq!(s.docs("communauté AND instagram"), vec!["E01"]);
    assert_eq!(s.docs("communauté -instagram"), vec!["E02"]);
    assert_eq!(s.docs("communauté AND NOT instagram"), vec!["E02"]);
    assert_eq!(s.docs("bouche OR influenceuse"), vec!["E01", "E02"]);
    assert_eq!(s.docs("(bouche OR influenceuse) grandit"), vec!["E02"]);
    // A lone negation means "every passage without it".
    let without = s.search("-communauté");
    let total = s.search("stage:launch|growth|pre-launch").len();
    assert_eq!(without.len() + 2, total);
    // "ou" is a French word, not an operator.
    assert!(s.search("ou").is_empty());
}

#[test]
fn highlight_ranges_slice_the_document_text() {
    let s = TestStudy::new();
    let study = s.study();
    let hits = s.search("\"bouche à oreille\" réseaux");
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    let doc = study.load_document(&h.doc).unwrap();
    assert_eq!(doc.slice(h.range.clone()), h.text);
    let words: Vec<&str> = h.matches.iter().map(|m| doc.slice(m.clone())).collect();
    assert_eq!(words, vec!["bouche à oreille", "réseaux"]);
    assert_eq!(h.speaker, "Fondatrice");
    assert_eq!(h.role, glose::document::Role::Respondent);
    assert_eq!(h.turn, Some(1));
}

#[test]
fn score_order_puts_the_best_passage_first() {
    let s = TestStudy::new();
    let study = s.study();
    let index = s.index();
    let q = parse_query("partenariat OR équipe").unwrap();
    let hits = index
        .search(
            &study,
            &q,
            &SearchOptions {
                limit: 10,
                order: Order::Score,
            },
            &[],
        )
        .unwrap();
    assert!(hits.len() >= 3);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let limited = index
        .search(
            &study,
            &q,
            &SearchOptions {
                limit: 1,
                order: Order::Document,
            },
            &[],
        )
        .unwrap();
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0].doc, "E01");
    let huge = index
        .search(
            &study,
            &q,
            &SearchOptions {
                limit: usize::MAX,
                order: Order::Score,
            },
            &[],
        )
        .unwrap();
    assert_eq!(huge.len(), hits.len());
}

#[test]
fn unsearchable_words_are_errors() {
    let s = TestStudy::new();
    let study = s.study();
    let index = s.index();
    let q = parse_query("réseaux !!!").unwrap();
    let err = index
        .search(&study, &q, &SearchOptions::default(), &[])
        .unwrap_err();
    assert!(err.to_string().starts_with("query:9: "), "{err}");
}

#[test]
fn every_stemmed_language_stems_through_a_real_search() {
    let s = TestStudy::new();
    s.write(
        "E04",
        "---\nid: E04\nlanguage: da\n---\nInterviewer : Hvem hjalp jer?\n\nGrundlægger : Forskerne på universitetet hjalp os meget.\n",
    );
    s.write(
        "E05",
        "---\nid: E05\nlanguage: de\n---\nInterviewer : Wie haben Sie angefangen?\n\nGründerin : Wir haben mit drei Kunden angefangen.\n",
    );
    // Danish `forskeren` (the researcher) finds `Forskerne` (the researchers).
    assert_eq!(s.marked("forskeren"), vec!["Forskerne"]);
    assert_eq!(s.docs("forskeren"), vec!["E04"]);
    // German `Kunde` finds `Kunden`; the French analyser alone would not.
    assert_eq!(s.marked("kunde"), vec!["Kunden"]);
}

#[test]
fn a_language_without_a_stemmer_is_indexed_folded_and_reported() {
    let s = TestStudy::new();
    s.write(
        "E06",
        "---\nid: E06\nlanguage: ja\n---\nInterviewer : Café?\n\nFounder : Cafés everywhere.\n",
    );
    // Folded (accents optional) but not stemmed: `cafes` matches, `cafe` matches only `Café`.
    assert_eq!(s.marked("cafes"), vec!["Cafés"]);
    assert_eq!(s.docs("cafe"), vec!["E06"]);
    assert_eq!(s.marked("cafe"), vec!["Café"]);
    let unstemmed = glose::search::unstemmed_documents(&s.study());
    assert_eq!(unstemmed, vec![("E06".to_string(), "ja".to_string())]);
    let report = glose::check::check(&s.study());
    let text = format!("{report:?}");
    assert!(text.contains("\\\"ja\\\" has no stemmer"), "{text}");
}
