//! A large generated glose study, for benchmarks and agreement tests.
//!
//! Transcripts recombine the sample corpus's questions and founder paragraphs (read with
//! glose's own document model) with other company names, first names, platforms and
//! numbers; `cases.csv` keeps the sample's stage proportions; coder files follow the
//! codebook with a controlled level of agreement. Everything derives from the seed: the
//! same options give byte-identical studies.

pub mod codings;
pub mod material;
mod names;

use std::path::{Path, PathBuf};

use glose::codebook::Codebook;
use glose::config::StudyConfig;
use glose::document::{Document, format_timestamp};
use glose::store::{CoderFile, Coding};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use codings::{CodeSpace, CodingPlan, code_document, coder_name};
use material::{Material, PLATFORM_POOL, Persona, Template};

/// Errors of the generator.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output folder already holds files.
    #[error("{0}: the output folder is not empty; give a new or empty folder")]
    NotEmpty(PathBuf),
    /// The sample study cannot serve as material.
    #[error("sample study: {0}")]
    Sample(String),
    /// The options make no sense.
    #[error("{0}")]
    Options(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> GenError + '_ {
    move |source| GenError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenOptions {
    /// Number of interviews.
    pub interviews: usize,
    /// Number of coders.
    pub coders: usize,
    /// The seed: same seed, same study.
    pub seed: u64,
    /// Probability that a coder codes a true passage as it is (0..=1).
    pub agreement: f64,
    /// Codings per interview per coder, on average.
    pub codings_per_interview: usize,
    /// Inclusive range of words per interview.
    pub words: (usize, usize),
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            interviews: 2000,
            coders: 3,
            seed: 1,
            agreement: 0.8,
            codings_per_interview: 50,
            words: (5000, 12000),
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct GenReport {
    /// Interviews written.
    pub interviews: usize,
    /// Words in all transcript bodies.
    pub words: usize,
    /// Codings per coder, by coder name.
    pub codings: Vec<(String, usize)>,
    /// Bytes written.
    pub bytes: u64,
}

/// The stages of the sample, with their counts there (2, 4, 7, 5 of 18).
const STAGE_WEIGHTS: [(&str, usize); 4] = [
    ("pre-launch", 2),
    ("launch", 4),
    ("growth", 7),
    ("consolidation", 5),
];

/// One generated case (a row of `cases.csv`).
#[derive(Debug, Clone)]
struct Case {
    index: usize,
    id: String,
    stage: usize,
    sector: String,
    founded: i64,
    team_size: usize,
    platforms: Vec<&'static str>,
    date: String,
    female: bool,
    persona: Persona,
}

/// Stage indices with the sample's proportions, shuffled.
fn stage_plan(n: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let total: usize = STAGE_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut counts: Vec<usize> = STAGE_WEIGHTS.iter().map(|(_, w)| n * w / total).collect();
    // Hand out the rest by largest remainder, ties to the earlier stage.
    let mut rest: Vec<(usize, usize)> = STAGE_WEIGHTS
        .iter()
        .enumerate()
        .map(|(i, (_, w))| (n * w % total, i))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = n - counts.iter().sum::<usize>();
    for (_, i) in rest.iter().take(missing) {
        if let Some(c) = counts.get_mut(*i) {
            *c += 1;
        }
    }
    let mut plan: Vec<usize> = counts
        .iter()
        .enumerate()
        .flat_map(|(i, c)| std::iter::repeat_n(i, *c))
        .collect();
    plan.shuffle(rng);
    plan
}

fn make_case(i: usize, width: usize, stage: usize, material: &Material, seed: u64) -> Case {
    let mut rng = rng_for(seed, 1, i as u64);
    let female = rng.random_bool(0.55);
    let first = names::first_name(female, &mut rng);
    let last = names::last_name(&mut rng);
    let company = names::company(&mut rng);
    let sector = material
        .sectors
        .choose(&mut rng)
        .cloned()
        .unwrap_or_default();
    let (founded, team) = match stage {
        0 => (2025, rng.random_range(1..=2)),
        1 => (rng.random_range(2023..=2024), rng.random_range(1..=4)),
        2 => (rng.random_range(2020..=2022), rng.random_range(3..=8)),
        _ => (rng.random_range(2015..=2019), rng.random_range(5..=15)),
    };
    let mut pool = PLATFORM_POOL;
    pool.shuffle(&mut rng);
    let mut mapping = [""; 7];
    for (m, p) in mapping.iter_mut().zip(pool.iter()) {
        *m = p;
    }
    let n_platforms = rng.random_range(1..=4usize);
    let platforms: Vec<&'static str> = mapping.iter().take(n_platforms).copied().collect();
    let day = jiff::civil::date(2026, 1, 5)
        .checked_add(jiff::Span::new().days(i as i64 % 3000))
        .unwrap_or(jiff::civil::date(2026, 1, 5));
    Case {
        index: i,
        id: format!("G{:0width$}", i + 1),
        stage,
        sector,
        founded,
        team_size: team,
        platforms,
        date: day.to_string(),
        female,
        persona: Persona {
            full: format!("{first} {last}"),
            first,
            company,
            platforms: mapping,
            year_shift: founded - 2021,
        },
    }
}

/// An independent random stream per (seed, purpose, item): results do not depend on the
/// order or the thread in which items are generated.
fn rng_for(seed: u64, purpose: u64, item: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.set_stream(item);
    rng
}

/// Last words of the founder, after the closing question.
const FAREWELLS: &[&str] = &[
    "Merci à vous, c’était un plaisir.",
    "Avec plaisir. Et bon courage pour l’étude !",
    "Merci, ça m’a fait du bien d’en parler, honnêtement.",
    "Merci à vous. Vous m’enverrez les résultats ?",
];

/// Writes the transcript text of a case: header, then alternating turns.
fn transcript(case: &Case, material: &Material, opts: &GenOptions, rng: &mut ChaCha8Rng) -> String {
    let (lo, hi) = opts.words;
    let margin = (hi - lo) / 20;
    let target = rng.random_range(lo + margin..=hi.saturating_sub(margin).max(lo + margin));
    let ceiling = hi.saturating_sub(margin / 2).max(target);
    let interviewer = if rng.random_bool(0.7) {
        "Intervieweuse"
    } else {
        "Intervieweur"
    };
    let (founder, paragraphs) = if case.female {
        ("Fondatrice", &material.paragraphs_f)
    } else {
        ("Fondateur", &material.paragraphs_m)
    };
    let labels = StudyConfig::default().interviewer_labels();
    let mut text = TranscriptText {
        out: transcript_header(case),
        words: 0,
        seconds: rng.random_range(0..30),
        turn: String::new(),
        interviewer,
        founder,
        persona: &case.persona,
        ceiling,
    };
    let mut first = true;
    while text.words < target {
        let questions = if first {
            &material.openings
        } else {
            &material.questions
        };
        first = false;
        text.question(questions, rng);
        text.answer(paragraphs, &labels, rng);
        if text.words >= ceiling {
            break;
        }
    }
    text.closing(material, rng)
}

/// The transcript's header: id, title, language and the notice that it is generated.
fn transcript_header(case: &Case) -> String {
    format!(
        "---\nid: {}\ntitle: Entretien avec {} de {}\nlanguage: fr\n\
         avertissement: Entretien généré pour les mesures de performance de glose ; \
         personnes et entreprises imaginaires.\n---\n",
        case.id,
        if case.female {
            "la fondatrice"
        } else {
            "le fondateur"
        },
        case.persona.company
    )
}

/// A transcript being written: the text so far, its word count and clock, and the turn
/// being built.
struct TranscriptText<'a> {
    out: String,
    words: usize,
    seconds: u32,
    turn: String,
    interviewer: &'static str,
    founder: &'static str,
    persona: &'a Persona,
    /// Most words the transcript may reach.
    ceiling: usize,
}

impl TranscriptText<'_> {
    /// Starts an interviewer turn at the current time.
    fn start_interviewer_turn(&mut self) {
        self.turn.clear();
        self.turn.push_str(&format!(
            "[{}] {} : ",
            format_timestamp(self.seconds),
            self.interviewer
        ));
    }

    /// A timed interviewer turn with one of `questions`.
    fn question(&mut self, questions: &[Template], rng: &mut ChaCha8Rng) {
        self.start_interviewer_turn();
        if let Some(q) = questions.choose(rng) {
            q.render(self.persona, rng, &mut self.turn);
        }
        self.turn.push_str("\n\n");
        let qw = glose::text::word_count(&self.turn);
        self.out.push_str(&self.turn);
        self.words += qw;
        self.seconds += (qw as u32) * 2 / 5 + rng.random_range(2..8);
    }

    /// The answer: one to three paragraphs, as long as they fit under the ceiling.
    fn answer(&mut self, paragraphs: &[Vec<Template>], labels: &[String], rng: &mut ChaCha8Rng) {
        let n_par = rng.random_range(1..=3);
        let mut answered = false;
        for k in 0..n_par {
            self.turn.clear();
            if k == 0 {
                self.turn.push_str(self.founder);
                self.turn.push_str(" : ");
            }
            let Some(par) = paragraphs.choose(rng) else {
                break;
            };
            for (j, s) in par.iter().enumerate() {
                if j > 0 && rng.random_bool(0.1) {
                    continue;
                }
                if !self.turn.is_empty() && !self.turn.ends_with(' ') {
                    self.turn.push(' ');
                }
                s.render(self.persona, rng, &mut self.turn);
            }
            // A continuation paragraph must not read as a speaker label.
            if k > 0 && glose::document::match_label(&self.turn, labels).is_some() {
                continue;
            }
            let w = glose::text::word_count(&self.turn);
            if self.words + w > self.ceiling {
                if answered {
                    break;
                }
                // Keep the answer to its first sentence.
                let cut = self
                    .turn
                    .find(['.', '?', '!'])
                    .map_or(self.turn.len(), |i| i + 1);
                self.turn.truncate(cut);
            }
            self.turn.push_str("\n\n");
            self.words += glose::text::word_count(&self.turn);
            self.seconds +=
                (glose::text::word_count(&self.turn) as u32) * 2 / 5 + rng.random_range(1..6);
            self.out.push_str(&self.turn);
            answered = true;
        }
    }

    /// The closing question and the founder's farewell; returns the whole text, ending
    /// with one newline.
    fn closing(mut self, material: &Material, rng: &mut ChaCha8Rng) -> String {
        self.start_interviewer_turn();
        if let Some(q) = material.closings.choose(rng) {
            q.render(self.persona, rng, &mut self.turn);
        }
        self.turn.push_str("\n\n");
        self.turn.push_str(self.founder);
        self.turn.push_str(" : ");
        self.turn
            .push_str(FAREWELLS.choose(rng).copied().unwrap_or("Merci à vous."));
        self.out.push_str(&self.turn);
        let trimmed = self.out.trim_end().len();
        self.out.truncate(trimmed);
        self.out.push('\n');
        self.out
    }
}

fn cases_csv(cases: &[Case]) -> Result<Vec<u8>, GenError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| GenError::Io {
        path: PathBuf::from("cases.csv"),
        source: std::io::Error::other(e),
    };
    w.write_record([
        "id",
        "company",
        "founder",
        "sector",
        "founded",
        "stage",
        "team_size",
        "platforms",
        "interview_date",
        "language",
    ])
    .map_err(csv_err)?;
    for c in cases {
        w.write_record([
            c.id.as_str(),
            &c.persona.company,
            &c.persona.full,
            &c.sector,
            &c.founded.to_string(),
            STAGE_WEIGHTS.get(c.stage).map_or("", |s| s.0),
            &c.team_size.to_string(),
            &c.platforms.join(";"),
            &c.date,
            "fr",
        ])
        .map_err(csv_err)?;
    }
    w.into_inner().map_err(|e| GenError::Io {
        path: PathBuf::from("cases.csv"),
        source: std::io::Error::other(e.to_string()),
    })
}

/// An interview's words, bytes and every coder's codings.
type Interview = (usize, u64, Vec<Vec<Coding>>);

/// One interview: its transcript written to disk, its words and every coder's codings.
fn interview(
    case: &Case,
    material: &Material,
    space: &CodeSpace,
    opts: &GenOptions,
    corpus: &Path,
) -> Result<Interview, GenError> {
    let mut rng = rng_for(opts.seed, 2, case.index as u64);
    let text = transcript(case, material, opts, &mut rng);
    let path = corpus.join(format!("{}.txt", case.id));
    std::fs::write(&path, &text).map_err(io(&path))?;
    let labels = StudyConfig::default().interviewer_labels();
    let doc = Document::parse(&case.id, &path, &text, &labels);
    let plan = CodingPlan {
        coders: opts.coders,
        agreement: opts.agreement,
        per_interview: opts.codings_per_interview,
        t0: base_time(opts.seed) + case.index as i64 * 5400,
    };
    let codings = code_document(&doc, case.stage, space, &plan, &mut rng);
    Ok((doc.word_count(), text.len() as u64, codings))
}

/// The first coding's time: a day of 2026 chosen by the seed (never the clock).
fn base_time(seed: u64) -> i64 {
    1_767_600_000 + (seed % 300) as i64 * 86_400
}

/// Generates a study into `out` (which must be missing or empty), using the sample study
/// at `sample_root` as material.
pub fn generate(sample_root: &Path, out: &Path, opts: &GenOptions) -> Result<GenReport, GenError> {
    check_options(out, opts)?;
    let material = material::load(sample_root)?;
    let codebook_path = sample_root.join("codebooks/codebook.json");
    let codebook_bytes = std::fs::read(&codebook_path).map_err(io(&codebook_path))?;
    let codebook = Codebook::load(&codebook_path).map_err(|e| GenError::Sample(e.to_string()))?;
    let space = CodeSpace::new(&codebook);

    let corpus = out.join("corpus");
    let codings_dir = out.join("codings");
    for dir in [&corpus, &codings_dir, &out.join("codebooks")] {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let width = opts.interviews.to_string().len().max(4);
    let mut rng = rng_for(opts.seed, 0, 0);
    let stages = stage_plan(opts.interviews, &mut rng);
    let cases: Vec<Case> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| make_case(i, width, *s, &material, opts.seed))
        .collect();
    let results = interviews(&cases, &material, &space, opts, &corpus);

    let mut report = GenReport {
        interviews: cases.len(),
        ..GenReport::default()
    };
    let mut files: Vec<CoderFile> = (0..opts.coders)
        .map(|c| CoderFile {
            coder: coder_name(c),
            ..CoderFile::default()
        })
        .collect();
    for r in results {
        let (words, bytes, per_coder) = r?;
        report.words += words;
        report.bytes += bytes;
        for (file, codings) in files.iter_mut().zip(per_coder) {
            file.codings.extend(codings);
        }
    }
    if report.interviews != opts.interviews {
        return Err(GenError::Sample("a generator thread failed".into()));
    }
    write_coder_files(&codings_dir, &files, &mut report)?;
    let cases_path = corpus.join("cases.csv");
    std::fs::write(&cases_path, cases_csv(&cases)?).map_err(io(&cases_path))?;
    let cb_path = out.join("codebooks/codebook.json");
    std::fs::write(&cb_path, codebook_bytes).map_err(io(&cb_path))?;
    write_study_toml(out, opts)?;
    Ok(report)
}

/// Refuses options that cannot give a study, and an output folder that holds files.
fn check_options(out: &Path, opts: &GenOptions) -> Result<(), GenError> {
    if opts.interviews == 0 || opts.coders == 0 || !(0.0..=1.0).contains(&opts.agreement) {
        return Err(GenError::Options(
            "need at least one interview and one coder, and an agreement in 0..=1".into(),
        ));
    }
    if opts.words.0 >= opts.words.1 {
        return Err(GenError::Options("the word range is empty".into()));
    }
    if out.exists() {
        let mut listing = std::fs::read_dir(out).map_err(io(out))?;
        if listing.next().is_some() {
            return Err(GenError::NotEmpty(out.to_path_buf()));
        }
    }
    Ok(())
}

/// Writes every case's interview: they are independent, so two workers share them and
/// the results are put back in case order.
fn interviews(
    cases: &[Case],
    material: &Material,
    space: &CodeSpace,
    opts: &GenOptions,
    corpus: &Path,
) -> Vec<Result<Interview, GenError>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 2);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    cases
                        .iter()
                        .skip(w)
                        .step_by(workers)
                        .map(|c| interview(c, material, space, opts, corpus))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut per_worker: Vec<std::vec::IntoIter<_>> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default().into_iter())
            .collect();
        (0..cases.len())
            .filter_map(|i| per_worker.get_mut(i % workers).and_then(Iterator::next))
            .collect()
    })
}

/// Writes each coder's file, counting its bytes and codings in `report`.
fn write_coder_files(
    codings_dir: &Path,
    files: &[CoderFile],
    report: &mut GenReport,
) -> Result<(), GenError> {
    for file in files {
        let path = glose::store::coder_path(codings_dir, &file.coder);
        let text = file.serialize();
        report.bytes += text.len() as u64;
        std::fs::write(&path, text).map_err(io(&path))?;
        report
            .codings
            .push((file.coder.clone(), file.codings.len()));
    }
    Ok(())
}

/// Writes `glose.toml`, its name saying how the study was generated.
fn write_study_toml(out: &Path, opts: &GenOptions) -> Result<(), GenError> {
    let config = StudyConfig {
        name: format!(
            "Étude générée : {} entretiens, {} codeurs, graine {}, accord {}",
            opts.interviews, opts.coders, opts.seed, opts.agreement
        ),
        ..StudyConfig::default()
    };
    let toml_path = out.join(glose::config::STUDY_FILE);
    std::fs::write(&toml_path, config.to_toml()).map_err(io(&toml_path))
}

/// The study for `opts` under `cache_dir`, generated on first use and reused after.
///
/// It is generated into a `.partial` folder renamed at the end, so a run that was
/// interrupted never leaves a half-written study behind.
pub fn ensure_study(
    sample_root: &Path,
    cache_dir: &Path,
    opts: &GenOptions,
) -> Result<PathBuf, GenError> {
    let name = format!(
        "i{}-c{}-s{}-a{}-k{}",
        opts.interviews, opts.coders, opts.seed, opts.agreement, opts.codings_per_interview
    );
    let dir = cache_dir.join(&name);
    if dir.join(glose::config::STUDY_FILE).is_file() {
        return Ok(dir);
    }
    let partial = cache_dir.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io(&partial))?;
    }
    std::fs::create_dir_all(cache_dir).map_err(io(cache_dir))?;
    generate(sample_root, &partial, opts)?;
    std::fs::rename(&partial, &dir).map_err(io(&dir))?;
    Ok(dir)
}
