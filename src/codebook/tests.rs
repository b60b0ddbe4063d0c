use std::path::Path;

use super::*;

/// A code with placeholder fields (shared with `ops_tests`).
pub(super) fn code(id: &str, parent: Option<&str>) -> Code {
    Code {
        id: id.to_string(),
        parent: parent.map(str::to_string),
        label_fr: format!("fr {id}"),
        label_en: format!("en {id}"),
        definition: String::new(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        color: "#112233".to_string(),
        exclusive: false,
        codable: true,
    }
}

fn sample() -> Codebook {
    let mut stage = code("stage", None);
    stage.exclusive = true;
    Codebook::from_codes(
        "t",
        vec![
            code("practice", None),
            code("practice.community", Some("practice")),
            code("practice.community.lives", Some("practice.community")),
            stage,
            code("stage.growth", Some("stage")),
        ],
    )
}

#[test]
fn tree_queries() {
    let cb = sample();
    assert!(validate(&cb).is_empty());
    let mut d = cb.descendants_and_self("practice");
    d.sort_unstable();
    assert_eq!(
        d,
        vec!["practice", "practice.community", "practice.community.lives"]
    );
    assert_eq!(
        cb.group_of("practice.community.lives").unwrap().id,
        "practice"
    );
    assert_eq!(cb.depth("practice.community.lives"), 2);
    assert_eq!(cb.stage_group().unwrap().id, "stage");
    assert_eq!(cb.get("stage.growth").unwrap().short_name(), "growth");
    assert_eq!(
        cb.suggest("practice.comunity"),
        vec!["practice.community", "practice.community.lives", "practice"]
    );
}

#[test]
fn json_round_trip_is_stable() {
    let cb = sample();
    let json = cb.to_json();
    let back = Codebook::parse(Path::new("c.json"), &json).unwrap();
    assert_eq!(back.codes, cb.codes);
    assert_eq!(back.to_json(), json);
    assert_eq!(back.line_of("stage.growth").map(|l| l > 1), Some(true));
}

#[test]
fn validation_reports_every_kind_of_problem() {
    let mut bad_colour = code("a", None);
    bad_colour.color = "blue".to_string();
    let mut no_label = code("b", None);
    no_label.label_fr.clear();
    no_label.label_en.clear();
    let cb = Codebook::from_codes(
        "t",
        vec![
            bad_colour,
            no_label,
            code("c", Some("missing")),
            code("c", None),
            code("Bad Id", None),
            code("x", Some("y")),
            code("y", Some("x")),
        ],
    );
    let messages: Vec<String> = validate(&cb).into_iter().map(|p| p.message).collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(has("colour \"blue\""), "{messages:?}");
    assert!(has("has no label"), "{messages:?}");
    assert!(
        has("\"missing\" of code \"c\" does not exist"),
        "{messages:?}"
    );
    assert!(has("used more than once"), "{messages:?}");
    assert!(has("\"Bad Id\" is not valid"), "{messages:?}");
    assert!(has("cycle"), "{messages:?}");
}

#[test]
fn json_errors_have_line_and_column() {
    let err = Codebook::parse(
        Path::new("c.json"),
        "{\n  \"schema_version\": 1,\n  \"codes\": [\n    {\"id\": }\n  ]\n}",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("c.json:4:"), "{msg}");
}

#[test]
fn csv_import_reads_a_spreadsheet_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cb.csv");
    std::fs::write(
        &path,
        "\u{feff}id;parent;label_fr;label_en;color;exclusive\nstage;;Étapes;Stages;#000000;oui\nstage.growth;stage;Croissance;Growth;#111111;\n",
    )
    .unwrap();
    let cb = import_csv(&path, "imported").unwrap();
    assert_eq!(cb.codes.len(), 2);
    assert!(cb.get("stage").unwrap().exclusive);
    assert_eq!(cb.get("stage.growth").unwrap().label_fr, "Croissance");
    assert!(validate(&cb).is_empty());
}

#[test]
fn a_deep_hierarchy_costs_linear_work() {
    // A chain of 20,000 codes: depth, paths, tree order and validation used to walk
    // every chain from every code (cubic), and tree order recursed once per level.
    let n = 20_000;
    let mut codes = vec![code("c0", None)];
    for i in 1..n {
        codes.push(code(&format!("c{i}"), Some(&format!("c{}", i - 1))));
    }
    let cb = Codebook::from_codes("deep", codes);
    let json = cb.to_json();
    let cb = Codebook::parse(Path::new("deep.json"), &json).unwrap();
    assert!(validate(&cb).is_empty());
    let last = format!("c{}", n - 1);
    assert_eq!(cb.depth(&last), n - 1);
    assert_eq!(cb.path_of(&last).len(), n);
    assert_eq!(cb.group_of(&last).unwrap().id, "c0");
    assert_eq!(cb.tree_order().len(), n);
    assert_eq!(cb.descendants_and_self("c0").len(), n);
    let lines = cb.id_lines();
    assert_eq!(lines.len(), n);
    assert_eq!(lines.get(&last).copied(), cb.line_of(&last));
}

#[test]
fn depth_agrees_with_the_path_even_through_cycles() {
    let cb = Codebook::from_codes(
        "cyc",
        vec![
            code("a", Some("c")),
            code("b", Some("a")),
            code("c", Some("b")),
            code("tail", Some("a")),
            code("tail2", Some("tail")),
            code("orphan", Some("missing")),
            code("root", None),
            code("root.x", Some("root")),
        ],
    );
    for c in &cb.codes {
        assert_eq!(cb.depth(&c.id), cb.path_of(&c.id).len() - 1, "{}", c.id);
    }
    let cycles: Vec<_> = validate(&cb)
        .into_iter()
        .filter(|p| p.message.contains("cycle"))
        .collect();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cb.tree_order().len(), cb.codes.len());
}

#[test]
fn a_newer_schema_is_refused_and_a_cycle_makes_the_codebook_unsound() {
    let json = sample()
        .to_json()
        .replace("\"schema_version\": 1", "\"schema_version\": 99");
    let e = Codebook::parse(Path::new("c.json"), &json).unwrap_err();
    assert!(e.to_string().starts_with("c.json:2:"), "{e}");
    assert!(e.to_string().contains("schema_version 99"), "{e}");
    assert!(sample().unsound().is_none());
    let cyclic = Codebook::from_codes("c", vec![code("a", Some("b")), code("b", Some("a"))]);
    assert!(cyclic.unsound().unwrap().contains("cycle"));
}
