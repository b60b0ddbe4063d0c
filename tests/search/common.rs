//! A small French/English study written into a temp dir, and helpers.

use std::path::{Path, PathBuf};

use glose::search::{CodedSpan, Hit, Index, Order, SearchOptions, parse_query};
use glose::study::Study;

pub const E01: &str = "---\nid: E01\n---\nIntervieweuse : Comment avez-vous trouvé vos premiers clients ?\n\nFondatrice : Surtout par le bouche à oreille. Les réseaux sociaux sont venus après. Nos communautés sur Instagram nous aident beaucoup.\n\nIntervieweuse : Et les partenariats ?\n\nFondatrice : On a signé deux partenariats avec des boutiques. L’équipe est petite.\n";

pub const E02: &str = "Intervieweur : Parlez-moi des influenceurs.\n\nFondateur : On travaille avec une influenceuse depuis un an. La communauté de nos clients grandit vite. Le partenariat avec elle marche bien.\n\nFondateur : Notre equipe compte cinq personnes. Les reseaux, c’est moi qui m’en occupe.\n";

pub const E03: &str = "Interviewer : How did you build your community?\n\nFounder : Our communities on Instagram grew through word of mouth.\n";

pub const CASES: &str = "id,sector,stage,language\nE01,artisanat (céramique),launch,fr\nE02,mobilité (vélos),growth,fr\nE03,software,pre-launch,en\n";

pub const CODEBOOK: &str = r#"{
  "schema_version": 1,
  "name": "test",
  "codes": [
    {"id": "practice", "parent": null, "label_fr": "Pratiques"},
    {"id": "practice.community", "parent": "practice", "label_fr": "Communauté"},
    {"id": "practice.community.cocreation", "parent": "practice.community", "label_fr": "Co-création"},
    {"id": "role", "parent": null, "label_fr": "Rôles"},
    {"id": "role.sales", "parent": "role", "label_fr": "Ventes"},
    {"id": "stage", "parent": null, "label_fr": "Stades", "exclusive": true},
    {"id": "stage.launch", "parent": "stage", "label_fr": "Lancement"},
    {"id": "stage.growth", "parent": "stage", "label_fr": "Croissance"}
  ]
}
"#;

/// A temp study with E01, E02 (French) and E03 (English).
pub struct TestStudy {
    pub dir: tempfile::TempDir,
}

impl TestStudy {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("glose.toml"),
            "[study]\nname = \"test\"\nlanguage = \"fr\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        std::fs::create_dir_all(root.join("codebooks")).unwrap();
        std::fs::write(root.join("codebooks/codebook.json"), CODEBOOK).unwrap();
        std::fs::write(root.join("corpus/cases.csv"), CASES).unwrap();
        let s = Self { dir };
        s.write("E01", E01);
        s.write("E02", E02);
        s.write("E03", E03);
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, id: &str, text: &str) {
        std::fs::write(self.root().join(format!("corpus/{id}.txt")), text).unwrap();
    }

    pub fn remove(&self, id: &str) {
        std::fs::remove_file(self.root().join(format!("corpus/{id}.txt"))).unwrap();
    }

    pub fn study(&self) -> Study {
        Study::open(self.root()).unwrap()
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root().join(".glose/index")
    }

    pub fn index(&self) -> Index {
        Index::open_or_build(&self.study(), |_| {}).unwrap()
    }

    /// Searches (updating the index first) with these codings.
    pub fn search_with(&self, query: &str, spans: &[CodedSpan], order: Order) -> Vec<Hit> {
        let study = self.study();
        let index = Index::open_or_build(&study, |_| {}).unwrap();
        let q = parse_query(query).unwrap();
        index
            .search(&study, &q, &SearchOptions { limit: 100, order }, spans)
            .unwrap()
    }

    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_with(query, &[], Order::Document)
    }

    /// Documents of the hits, in order, deduplicated.
    pub fn docs(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for h in self.search(query) {
            if out.last() != Some(&h.doc) {
                out.push(h.doc);
            }
        }
        out
    }

    /// The matched word forms of every hit, sliced from the loaded documents.
    pub fn marked(&self, query: &str) -> Vec<String> {
        let study = self.study();
        let mut out = Vec::new();
        for h in self.search(query) {
            let doc = study.load_document(&h.doc).unwrap();
            for m in &h.matches {
                assert!(h.range.start <= m.start && m.end <= h.range.end);
                out.push(doc.slice(m.clone()).to_string());
            }
        }
        out
    }
}

/// A coding for the tests.
pub fn span(doc: &str, code: &str, coder: &str, start: usize, end: usize) -> CodedSpan {
    CodedSpan {
        doc: doc.into(),
        code: code.into(),
        coder: coder.into(),
        start,
        end,
    }
}
