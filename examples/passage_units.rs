//! Compares the two passage units on a study: passages, build time, hits of AND and
//! proximity queries. `cargo run --release --example passage_units -- [STUDY_DIR]`
//! (this is how the choice documented in `src/search/passages.rs` was measured).

use std::time::Instant;

use glose::search::{Lang, passages};
use glose::study::Study;
use glose::unit::Unit;
use tantivy::collector::Count;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    let study = Study::open(std::path::Path::new(&root))?;
    let docs: Vec<_> = study
        .entries
        .iter()
        .filter_map(|e| study.load_document(&e.id).ok())
        .collect();
    let queries = [
        "communauté AND clients",
        "réseaux AND clientes",
        "instagram AND ventes",
        "\"communauté clients\"~5",
        "\"bouche à oreille\"",
    ];
    for unit in [Unit::Sentence, Unit::Passage] {
        let mut schema = Schema::builder();
        let text = schema.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("fr")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register("fr", Lang::Fr.analyzer());
        let started = Instant::now();
        let mut writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 50_000_000)?;
        let mut count = 0;
        for d in &docs {
            for p in passages(d, unit) {
                let mut doc = TantivyDocument::default();
                doc.add_text(text, &p.text);
                writer.add_document(doc)?;
                count += 1;
            }
        }
        writer.commit()?;
        let build = started.elapsed();
        let searcher = index.reader()?.searcher();
        let parser = QueryParser::for_index(&index, vec![text]);
        print!(
            "{:<10} passages {count:>5}  build {:>6.1} ms",
            unit.name(),
            build.as_secs_f64() * 1e3
        );
        for q in queries {
            let n = searcher.search(&parser.parse_query(q)?, &Count)?;
            print!("  [{q}] {n}");
        }
        println!();
    }
    Ok(())
}
