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
