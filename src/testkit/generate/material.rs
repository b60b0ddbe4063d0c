//! The sample corpus cut into reusable pieces: interviewer questions and founder
//! paragraphs, read with glose's own document model, as templates whose company names,
//! first names, platforms and numbers vary from one generated interview to the next.

use std::path::{Path, PathBuf};

use glose::cases::Cases;
use glose::document::{Document, Role};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::GenError;

/// The platforms named in the sample corpus; a generated interview maps each one to a
/// platform of [`PLATFORM_POOL`].
pub const SAMPLE_PLATFORMS: [&str; 7] = [
    "Instagram",
    "TikTok",
    "Facebook",
    "LinkedIn",
    "Pinterest",
    "YouTube",
    "Discord",
];

/// The platforms a generated interview can talk about.
pub const PLATFORM_POOL: [&str; 9] = [
    "Instagram",
    "TikTok",
    "Facebook",
    "LinkedIn",
    "Pinterest",
    "YouTube",
    "Discord",
    "Snapchat",
    "Twitch",
];

/// One piece of a template.
#[derive(Debug, Clone)]
enum Piece {
    /// Text kept as it is.
    Lit(String),
    /// The sample company's name (full or short form).
    Company,
    /// The sample founder's first name.
    FirstName,
    /// The sample founder's full name.
    FullName,
    /// A platform of [`SAMPLE_PLATFORMS`], by index.
    Platform(usize),
    /// A number (ASCII digits) that can vary.
    Number(u64, usize),
}

/// A sentence or question of the sample, ready to be rendered with other names.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// What one generated interview substitutes into templates.
#[derive(Debug, Clone)]
pub struct Persona {
    /// The company's name.
    pub company: String,
    /// The founder's first name.
    pub first: String,
    /// The founder's full name.
    pub full: String,
    /// `platforms[i]` replaces `SAMPLE_PLATFORMS[i]`.
    pub platforms: [&'static str; 7],
    /// Added to years (founding, launch…), so that stories shift in time.
    pub year_shift: i64,
}

impl Template {
    /// The text with this interview's names, platforms and varied numbers.
    pub fn render(&self, persona: &Persona, rng: &mut ChaCha8Rng, out: &mut String) {
        for p in &self.pieces {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Company => out.push_str(&persona.company),
                Piece::FirstName => out.push_str(&persona.first),
                Piece::FullName => out.push_str(&persona.full),
                Piece::Platform(i) => {
                    out.push_str(persona.platforms.get(*i).copied().unwrap_or(""))
                }
                Piece::Number(n, digits) => {
                    out.push_str(&vary_number(*n, *digits, persona.year_shift, rng))
                }
            }
        }
    }
}

/// A varied number: years shift with the interview, small counts stay, others scale.
fn vary_number(n: u64, digits: usize, year_shift: i64, rng: &mut ChaCha8Rng) -> String {
    if digits == 4 && (1950..=2030).contains(&n) {
        let y = (n as i64 + year_shift).min(2026);
        return y.to_string();
    }
    if n < 10 || digits > 9 {
        return n.to_string();
    }
    let factor: f64 = rng.random_range(0.6..1.6);
    let scaled = (n as f64 * factor).round().max(1.0) as u64;
    let rounded = if n.is_multiple_of(100) && scaled >= 100 {
        scaled / 100 * 100
    } else if n.is_multiple_of(10) && scaled >= 10 {
        scaled / 10 * 10
    } else {
        scaled
    };
    rounded.to_string()
}

/// The sample corpus as templates.
#[derive(Debug, Clone, Default)]
pub struct Material {
    /// First questions of the sample interviews (greetings).
    pub openings: Vec<Template>,
    /// The other interviewer turns.
    pub questions: Vec<Template>,
    /// Last questions of the sample interviews (thanks, last words).
    pub closings: Vec<Template>,
    /// Founder paragraphs (each a list of sentences), spoken by women.
    pub paragraphs_f: Vec<Vec<Template>>,
    /// Founder paragraphs spoken by men.
    pub paragraphs_m: Vec<Vec<Template>>,
    /// The sectors of the sample cases.
    pub sectors: Vec<String>,
}

/// Words that are too common to stand for a company when they open its name.
const COMMON_FIRST_WORDS: &[&str] = &[
    "Les", "Le", "La", "Mon", "Ma", "Coach", "Studio", "Seconde", "Cuisine", "Plume",
];

fn replacements(cases: &Cases) -> Vec<(String, Piece)> {
    let mut out: Vec<(String, Piece)> = Vec::new();
    for row in &cases.rows {
        if let Some(company) = row.values.get("company") {
            out.push((company.clone(), Piece::Company));
            if let Some(first) = company.split([' ', '-']).next()
                && first != company
                && first.chars().count() >= 5
                && !COMMON_FIRST_WORDS.contains(&first)
            {
                out.push((first.to_string(), Piece::Company));
            }
        }
        if let Some(founder) = row.values.get("founder") {
            out.push((founder.clone(), Piece::FullName));
            if let Some(first) = founder.split(' ').next() {
                out.push((first.to_string(), Piece::FirstName));
            }
        }
    }
    for (i, p) in SAMPLE_PLATFORMS.iter().enumerate() {
        out.push(((*p).to_string(), Piece::Platform(i)));
    }
    // Longest first, so that `Brindille Céramique` wins over `Brindille`.
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Cuts `text` into literal text, names, platforms and numbers.
fn template(text: &str, repl: &[(String, Piece)]) -> Template {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    let prev_is_word = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
    };
    while i < text.len() {
        let rest = &text[i..];
        if bytes[i].is_ascii_digit() && !prev_is_word(i) {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            let digits = &rest[..len];
            // `3 000`: the group after a thousands space is kept as it is.
            let before: Vec<char> = text[..i].chars().rev().take(2).collect();
            let grouped = len == 3
                && matches!(before.as_slice(), [s, d]
                    if [' ', '\u{a0}', '\u{202f}'].contains(s) && d.is_ascii_digit());
            match digits.parse::<u64>() {
                Ok(n) if !grouped => {
                    flush(&mut lit, &mut pieces);
                    pieces.push(Piece::Number(n, len));
                }
                _ => lit.push_str(digits),
            }
            i += len;
            continue;
        }
        let found = if prev_is_word(i) {
            None
        } else {
            repl.iter().find(|(pat, _)| {
                rest.starts_with(pat.as_str())
                    && !rest[pat.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
        };
        if let Some((pat, piece)) = found {
            flush(&mut lit, &mut pieces);
            pieces.push(piece.clone());
            i += pat.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        lit.push(c);
        i += c.len_utf8();
    }
    flush(&mut lit, &mut pieces);
    Template { pieces }
}

fn flush(lit: &mut String, pieces: &mut Vec<Piece>) {
    if !lit.is_empty() {
        pieces.push(Piece::Lit(std::mem::take(lit)));
    }
}

/// Reads the sample study at `sample_root` (its `corpus/*.txt` and `corpus/cases.csv`).
pub fn load(sample_root: &Path) -> Result<Material, GenError> {
    let corpus = sample_root.join("corpus");
    let (cases, _) = Cases::load(&corpus.join("cases.csv"));
    let repl = replacements(&cases);
    let labels = glose::config::StudyConfig::default().interviewer_labels();
    let mut m = Material::default();
    for path in &transcript_paths(&corpus)? {
        let doc = Document::load(path, &labels).map_err(|e| GenError::Sample(e.to_string()))?;
        m.add_document(&doc, &repl);
    }
    m.sectors = cases
        .rows
        .iter()
        .filter_map(|r| r.values.get("sector").cloned())
        .collect();
    if m.openings.is_empty()
        || m.questions.is_empty()
        || m.closings.is_empty()
        || m.paragraphs_f.is_empty()
        || m.paragraphs_m.is_empty()
        || m.sectors.is_empty()
    {
        return Err(GenError::Sample(format!(
            "{}: the sample corpus needs interviewer and founder turns (women and men) and \
             sectors in cases.csv",
            corpus.display()
        )));
    }
    Ok(m)
}

/// The sample's `.txt` transcripts, sorted so that the material does not depend on the
/// order the file system lists them in.
fn transcript_paths(corpus: &Path) -> Result<Vec<PathBuf>, GenError> {
    let listing = std::fs::read_dir(corpus).map_err(|source| GenError::Io {
        path: corpus.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt") && glose::study::is_transcript_file(p)
        })
        .collect();
    paths.sort();
    Ok(paths)
}

impl Material {
    /// Adds one sample interview: its first question is an opening, its last a closing,
    /// the others questions; each founder paragraph becomes a list of sentence templates.
    fn add_document(&mut self, doc: &Document, repl: &[(String, Piece)]) {
        let mut asked: Vec<Template> = Vec::new();
        for turn in &doc.turns {
            match turn.role {
                Role::Interviewer => {
                    let text = doc.slice(turn.content.clone()).replace("\n\n", " ");
                    let text = text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    asked.push(template(text, repl));
                }
                Role::Respondent => {
                    let female = turn.speaker.ends_with("rice") || turn.speaker.ends_with("ante");
                    for p in doc
                        .paragraphs
                        .iter()
                        .filter(|p| p.start >= turn.content.start && p.end <= turn.content.end)
                    {
                        let sentences: Vec<Template> = doc
                            .sentences
                            .iter()
                            .filter(|s| s.start >= p.start && s.end <= p.end)
                            .map(|s| template(doc.slice(s.clone()), repl))
                            .collect();
                        if sentences.is_empty() {
                            continue;
                        }
                        if female {
                            self.paragraphs_f.push(sentences);
                        } else {
                            self.paragraphs_m.push(sentences);
                        }
                    }
                }
                Role::Unknown => {}
            }
        }
        let last = asked.pop();
        let mut asked = asked.into_iter();
        self.openings.extend(asked.next());
        self.questions.extend(asked);
        self.closings.extend(last);
    }
}

#[cfg(test)]
// Benchmarks include this module too, without a test harness: their `cfg(test)` build
// drops the `#[test]` functions and leaves the import unused.
#[allow(unused_imports)]
mod tests {
    use super::*;

    #[test]
    fn template_swaps_names_platforms_and_numbers() {
        let repl = vec![
            ("Brindille Céramique".to_string(), Piece::Company),
            ("Brindille".to_string(), Piece::Company),
            ("Claire".to_string(), Piece::FirstName),
            ("Instagram".to_string(), Piece::Platform(0)),
        ];
        let t = template(
            "Claire a lancé Brindille en 2021 sur Instagram, 3 000 abonnés.",
            &repl,
        );
        let persona = Persona {
            company: "Atelier Lune".into(),
            first: "Nina".into(),
            full: "Nina Roy".into(),
            platforms: ["TikTok"; 7],
            year_shift: -2,
        };
        let mut rng = <ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let mut out = String::new();
        t.render(&persona, &mut rng, &mut out);
        assert!(
            out.starts_with("Nina a lancé Atelier Lune en 2019 sur TikTok, "),
            "{out}"
        );
        assert!(out.ends_with(" 000 abonnés."), "{out}");
    }
}
