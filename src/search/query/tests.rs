use super::*;

#[test]
fn knows_whether_it_filters_on_codings() {
    assert!(!parse_query("bouche stage:growth").unwrap().uses_codings());
    assert!(
        parse_query("a (b OR code:practice.ads)")
            .unwrap()
            .uses_codings()
    );
    assert!(parse_query("-uncoded").unwrap().uses_codings());
    assert!(
        parse_query("coder:coder-a instagram")
            .unwrap()
            .uses_codings()
    );
}

fn err(q: &str) -> (usize, String) {
    let e = parse_query(q).unwrap_err();
    (e.position, e.message)
}

fn word(text: &str, at: usize) -> Node {
    Node::Word {
        text: text.to_string(),
        at,
    }
}

#[test]
fn implicit_and_or_not_and_precedence() {
    let q = parse_query("a b OR c -d").unwrap();
    assert_eq!(
        q.root,
        Node::Or(vec![
            Node::And(vec![word("a", 0), word("b", 2)]),
            Node::And(vec![word("c", 7), Node::Not(Box::new(word("d", 10)))]),
        ])
    );
    let q = parse_query("NOT (a OR b) AND c").unwrap();
    assert_eq!(
        q.root,
        Node::And(vec![
            Node::Not(Box::new(Node::Or(vec![word("a", 5), word("b", 10)]))),
            word("c", 17),
        ])
    );
}

#[test]
fn french_or_and_et_are_words() {
    let q = parse_query("ou et").unwrap();
    assert_eq!(q.root, Node::And(vec![word("ou", 0), word("et", 3)]));
}

#[test]
fn phrases_proximity_prefix_filters() {
    let q = parse_query("\"bouche à oreille\" \"communauté clients\"~5 influenc* stage:growth|launch sector:\"vaisselle en céramique\" uncoded").unwrap();
    let Node::And(parts) = q.root else {
        panic!("expected AND")
    };
    assert_eq!(
        parts[0],
        Node::Phrase {
            text: "bouche à oreille".into(),
            slop: None,
            at: 0
        }
    );
    assert_eq!(
        parts[1],
        Node::Phrase {
            text: "communauté clients".into(),
            slop: Some(5),
            at: 19
        }
    );
    assert_eq!(
        parts[2],
        Node::Prefix {
            text: "influenc".into(),
            at: 42
        }
    );
    assert_eq!(
        parts[3],
        Node::Filter {
            key: "stage".into(),
            values: vec!["growth".into(), "launch".into()],
            at: 52,
            value_at: 58
        }
    );
    assert!(matches!(&parts[4], Node::Filter { key, values, .. }
        if key == "sector" && values == &vec!["vaisselle en céramique".to_string()]));
    assert_eq!(parts[5], Node::Uncoded { at: 104 });
}

#[test]
fn errors_point_at_the_problem() {
    assert_eq!(err("réseaux \"bouche à").0, 8);
    assert!(err("réseaux \"bouche à").1.contains("unclosed quote"));
    assert_eq!(
        parse_query("réseaux \"bouche à").unwrap_err().to_string(),
        "query:9: unclosed quote: add a closing \""
    );
    assert_eq!(err("(a OR b").0, 0);
    assert!(err("(a OR b").1.contains("unclosed parenthesis"));
    assert_eq!(err("a b)").0, 3);
    assert_eq!(err("a OR").0, 2);
    assert_eq!(err("AND a").0, 0);
    assert_eq!(err("a NOT").0, 2);
    assert_eq!(err("stage: a").0, 6);
    assert_eq!(err("\"a b\"~x").0, 5);
    assert_eq!(err("in*fluence").0, 2);
    assert_eq!(err("*").0, 0);
    assert_eq!(err("  ").0, 0);
    assert_eq!(err("a ()").0, 2);
    assert_eq!(err("a \"\"").0, 2);
}

#[test]
fn positions_count_chars_not_bytes() {
    // "é" is two bytes but one char.
    assert_eq!(err("éé (").0, 3);
}

#[test]
fn deep_and_long_queries_are_errors_not_stack_overflows() {
    let minus = format!("{}instagram", "-".repeat(1000));
    assert!(err(&minus).1.contains("nests too deeply"));
    let nots = format!("{}instagram", "NOT ".repeat(900));
    assert!(err(&nots).1.contains("nests too deeply"));
    let parens = format!("{}a{}", "(".repeat(7000), ")".repeat(7000));
    assert!(err(&parens).1.contains("too long"));
    let parens = format!("{}a{}", "(".repeat(1000), ")".repeat(1000));
    let (at, message) = err(&parens);
    assert!(message.contains("nests too deeply"), "{message}");
    assert_eq!(at, super::MAX_QUERY_DEPTH);
    // At the limit a query still parses.
    let depth = super::MAX_QUERY_DEPTH;
    let ok = format!("{}a{}", "(".repeat(depth), ")".repeat(depth));
    assert!(parse_query(&ok).is_ok());
    let ok = format!("{}a", "NOT ".repeat(depth));
    assert!(parse_query(&ok).is_ok());
    assert!(
        err(&"a ".repeat(super::MAX_QUERY_CHARS))
            .1
            .contains("too long")
    );
}
