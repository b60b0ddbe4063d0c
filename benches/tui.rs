//! TUI speed: a key press plus the next frame on a 30,000-word transcript carrying 2,000
//! codings (target: p99 under 16 ms), and opening the sample study to its first frame
//! (target: under 300 ms), through the TUI's public API (`glose::tui`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench harness: a failure stops the bench

use std::path::Path;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use glose::store::{CoderStore, Op, new_coding};
use glose::study::Study;
use glose::testkit::copy_dir;
use glose::tui;

use tui::msg::Msg;
use tui::theme::{ColorMode, Theme};

const WORDS: &[&str] = &[
    "alors",
    "on",
    "a",
    "lancé",
    "la",
    "boutique",
    "sur",
    "Instagram",
    "et",
    "très",
    "vite",
    "les",
    "abonnés",
    "ont",
    "commencé",
    "à",
    "commenter",
    "chaque",
    "publication",
    "c’est",
    "là",
    "qu’on",
    "s’est",
    "dit",
    "qu’il",
    "fallait",
    "une",
    "vraie",
    "stratégie",
    "éditoriale",
];

/// A study with one 30,000-word transcript and 2,000 codings on it.
fn big_study() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    copy_dir(&root.join("codebooks"), &dir.path().join("codebooks")).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    let mut text = String::from("---\nid: B01\n---\n");
    let mut n = 0usize;
    let mut turn = 0usize;
    while n < 30_000 {
        let speaker = if turn.is_multiple_of(2) {
            "Intervieweuse"
        } else {
            "Fondatrice"
        };
        text.push_str(speaker);
        text.push_str(" : ");
        let len = if turn.is_multiple_of(2) { 25 } else { 180 };
        for i in 0..len {
            let w = WORDS[(n * 7 + i) % WORDS.len()];
            text.push_str(w);
            n += 1;
            text.push(if i % 15 == 14 { '.' } else { ' ' });
            if i % 15 == 14 {
                text.push(' ');
            }
        }
        text.push_str("fin.\n\n");
        turn += 1;
    }
    std::fs::write(dir.path().join("corpus/B01.txt"), text).unwrap();
    let study = Study::open(dir.path()).unwrap();
    let doc = study.load_document("B01").unwrap();
    let codes: Vec<String> = study.codebook.codes.iter().map(|c| c.id.clone()).collect();
    let mut ops = Vec::new();
    for i in 0..2000usize {
        let s = &doc.sentences[(i * 13) % doc.sentences.len()];
        let extra = doc.sentences[((i * 13) + i % 3) % doc.sentences.len()].end;
        let end = extra.max(s.end);
        let code = &codes[i % codes.len()];
        ops.push(Op::Add(new_coding(&doc, code, s.start..end, None, "bench")));
    }
    let mut store = CoderStore::open(&study, "bench").unwrap();
    store.apply_all(&ops).unwrap();
    dir
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn bench(c: &mut Criterion) {
    let dir = big_study();
    let study = Study::open(dir.path()).unwrap();
    let (tx, _rx) = channel();
    let theme = Theme {
        mode: ColorMode::TrueColor,
    };
    let mut app = tui::open_app(study, "bench".into(), theme, tx);
    tui::update::update(&mut app, Msg::Resize(160, 48));
    tui::update::update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.session.mine.codings.len(), 2000);
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let script = [
        KeyCode::Char('j'),
        KeyCode::Char('w'),
        KeyCode::PageDown,
        KeyCode::Char('s'),
        KeyCode::Char(')'),
        KeyCode::Esc,
        KeyCode::Char(']'),
        KeyCode::Char('}'),
        KeyCode::Char('k'),
    ];
    let mut step = 0usize;
    let mut frame = |app: &mut tui::app::App, term: &mut Terminal<TestBackend>| {
        let k = script[step % script.len()];
        step += 1;
        if app
            .view
            .as_ref()
            .is_some_and(|v| v.cursor + 2000 > v.doc.char_len())
        {
            tui::update::update(app, key(KeyCode::Char('g')));
        }
        tui::update::update(app, key(k));
        term.draw(|f| tui::view::draw(app, f)).unwrap();
    };
    // Percentiles by hand (criterion reports means).
    let mut times = Vec::with_capacity(3000);
    for _ in 0..3000 {
        let t = Instant::now();
        frame(&mut app, &mut term);
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "key+frame on 30k words / 2000 codings (160x48): p50 {:?}  p99 {:?}  max {:?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    c.bench_function("key_and_frame_30k_words_2000_codings", |b| {
        b.iter(|| frame(&mut app, &mut term));
    });
    drop(app);

    // Opening the sample study to the first frame.
    let sample = glose::testkit::sample_study(None).unwrap();
    let mut opens = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let study = Study::open(sample.path()).unwrap();
        let (tx, _rx) = channel();
        let mut app = tui::open_app(study, "bench".into(), theme, tx);
        tui::update::update(&mut app, Msg::Resize(120, 40));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| tui::view::draw(&app, f)).unwrap();
        opens.push(t.elapsed());
    }
    opens.sort();
    println!(
        "open sample study to first frame: p50 {:?}  max {:?}",
        percentile(&opens, 0.5),
        opens[opens.len() - 1]
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
