//! `corpus/pseudonyms.csv`: replacing real names in everything glose exports.
//!
//! Columns `real,pseudonym[,doc]`. A row with a `doc` applies to that document only (first
//! names repeat across interviews); longer names are replaced first, so `Bastien Lemoine`
//! wins over `Bastien`. A name is replaced only as a whole word (`Lou` does not touch
//! `Louve`); after writing, [`Pseudonyms::scan`] looks for every listed real name anywhere
//! in the output, inside words too, so that what the mapping missed is reported.
//!
//! Matching ignores case (`CLAIRE`, `claire`), takes any run of whitespace for a space
//! (no-break space, tab, line break, repeated spaces: `Julie\u{a0}Karam`, `Julie\nKaram`)
//! and either apostrophe (`O'Neil`, `O’Neil`); replacement and scan use the same matcher
//! ([`match_name_at`]). A name written in capitals gets its pseudonym in capitals.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::ExportError;

/// One row of `pseudonyms.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PseudonymRule {
    /// The real name as written in transcripts.
    pub real: String,
    /// What replaces it.
    pub pseudonym: String,
    /// The only document it applies to, or every document.
    pub doc: Option<String>,
}

/// The pseudonym table of a study.
#[derive(Debug, Clone, Default)]
pub struct Pseudonyms {
    /// The rows, in file order.
    pub rules: Vec<PseudonymRule>,
}

/// The rules in force for one document, longest real name first.
#[derive(Debug, Clone, Default)]
pub struct DocPseudonyms<'a> {
    rules: Vec<&'a PseudonymRule>,
}

/// A listed real name found in an output after pseudonymisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leak {
    /// The real name.
    pub name: String,
    /// How many times it occurs in the output (inside words too).
    pub count: usize,
    /// The documents the name is listed for (empty: every document).
    pub listed_for: Vec<String>,
}

impl Pseudonyms {
    /// The file of a study: `<corpus>/pseudonyms.csv`.
    pub fn path(study: &crate::study::Study) -> std::path::PathBuf {
        study.corpus_dir().join("pseudonyms.csv")
    }

    /// Reads `pseudonyms.csv`; a missing file gives an empty table.
    pub fn load(path: &Path) -> Result<Self, ExportError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(ExportError::Pseudonyms {
                path: path.to_path_buf(),
                line: 1,
                message: format!("cannot read: {e}"),
            }),
        }
    }

    /// Parses the CSV text (`path` is used in messages).
    pub fn parse(path: &Path, text: &str) -> Result<Self, ExportError> {
        let err = |line: usize, message: String| ExportError::Pseudonyms {
            path: path.to_path_buf(),
            line,
            message,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim() == name);
        let (Some(real_col), Some(pseudo_col)) = (col("real"), col("pseudonym")) else {
            return Err(err(
                1,
                "the header must name the columns real,pseudonym (and optionally doc)".into(),
            ));
        };
        let doc_col = col("doc");
        let mut rules = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| err(line, e.to_string()))?;
            let get = |c: usize| row.get(c).map(str::trim).unwrap_or("");
            let real = get(real_col);
            if real.is_empty() {
                if row.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                return Err(err(line, "the real name is empty".into()));
            }
            let doc = doc_col.map(get).filter(|d| !d.is_empty());
            rules.push(PseudonymRule {
                real: crate::text::normalize(real),
                pseudonym: get(pseudo_col).to_string(),
                doc: doc.map(str::to_string),
            });
        }
        Ok(Self { rules })
    }

    /// Whether there is nothing to replace.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules in force for `doc`, longest real name first (ties: alphabetical).
    pub fn for_doc(&self, doc: &str) -> DocPseudonyms<'_> {
        let mut rules: Vec<&PseudonymRule> = self
            .rules
            .iter()
            .filter(|r| r.doc.as_deref().is_none_or(|d| d == doc))
            .collect();
        // A document-specific rule wins over a global one for the same name.
        rules.sort_by(|a, b| {
            b.real
                .chars()
                .count()
                .cmp(&a.real.chars().count())
                .then_with(|| a.real.cmp(&b.real))
                .then_with(|| b.doc.is_some().cmp(&a.doc.is_some()))
        });
        rules.dedup_by(|later, earlier| later.real == earlier.real);
        DocPseudonyms { rules }
    }

    /// Every listed real name that occurs in `output`, anywhere (inside words too), sorted
    /// by name. An empty result means the output is clean.
    pub fn scan(&self, output: &str) -> Vec<Leak> {
        let mut names: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for r in &self.rules {
            let docs = names.entry(r.real.as_str()).or_default();
            match &r.doc {
                Some(d) => docs.push(d.clone()),
                None => docs.push(String::new()),
            }
        }
        let mut leaks = Vec::new();
        if names.is_empty() {
            return leaks;
        }
        let folded = fold_for_match(output);
        for (name, mut docs) in names {
            let count = leak_positions(output, &folded, name).len();
            if count == 0 {
                continue;
            }
            let global = docs.iter().any(String::is_empty);
            docs.retain(|d| !d.is_empty());
            docs.sort();
            docs.dedup();
            leaks.push(Leak {
                name: name.to_string(),
                count,
                listed_for: if global { Vec::new() } else { docs },
            });
        }
        leaks
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Where a match of `name` starting at byte `pos` of `text` ends (byte offset), or `None`.
/// Case is ignored, any run of whitespace in the text matches any run in the name, and
/// the apostrophes `'` and `’` are the same character.
pub fn match_name_at(text: &str, pos: usize, name: &str) -> Option<usize> {
    let rest = text.get(pos..)?;
    let mut t = rest.char_indices().peekable();
    let mut n = name.chars().peekable();
    let mut matched_any = false;
    while let Some(nc) = n.next() {
        if nc.is_whitespace() {
            while n.peek().is_some_and(|c| c.is_whitespace()) {
                n.next();
            }
            if !t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                return None;
            }
            while t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                t.next();
            }
            continue;
        }
        let (_, tc) = t.next()?;
        let equal = if is_apostrophe(nc) {
            is_apostrophe(tc)
        } else {
            same_letter(nc, tc)
        };
        if !equal {
            return None;
        }
        matched_any = true;
    }
    matched_any.then(|| pos + t.peek().map_or(rest.len(), |(i, _)| *i))
}

/// Lower-cased, apostrophes made straight, whitespace runs made one space: a cheap test
/// that a name may occur in a text before matching it for real.
fn fold_for_match(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            // The same as below for ASCII (`'` and `` ` `` are apostrophes), without the
            // Unicode case tables.
            out.push(match c {
                '`' => '\'',
                c => c.to_ascii_lowercase(),
            });
        } else if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `folded_text` (see [`fold_for_match`]) may hold `name`: it holds the name's
/// first word.
fn may_hold(folded_text: &str, name: &str) -> bool {
    let folded = fold_for_match(name);
    let first = folded.split(' ').next().unwrap_or("");
    !first.is_empty() && folded_text.contains(first)
}

/// The pseudonym as it should replace `matched`: in capitals when the name was written in
/// capitals (two letters or more), as written otherwise.
fn pseudonym_for(pseudonym: &str, matched: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if shouting {
        pseudonym.to_uppercase()
    } else {
        pseudonym.to_string()
    }
}

/// Byte offsets where a listed `name` occurs in `text` for the leak scan: anywhere with
/// its exact spelling (inside words too), and as a whole word with the loose matcher.
fn leak_positions(text: &str, folded_text: &str, name: &str) -> Vec<usize> {
    let mut at: Vec<usize> = text.match_indices(name).map(|(i, _)| i).collect();
    if may_hold(folded_text, name) {
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            if prev.is_none_or(|p| !is_word_char(p))
                && let Some(end) = match_name_at(text, i, name)
                && text[end..].chars().next().is_none_or(|c| !is_word_char(c))
            {
                at.push(i);
            }
            prev = Some(c);
        }
    }
    at.sort_unstable();
    at.dedup();
    at
}

impl DocPseudonyms<'_> {
    /// Replaces every listed name that stands as a whole word (not preceded or followed by
    /// a letter or digit); longer names first, never replacing inside a replacement.
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.rules.is_empty() {
            return Cow::Borrowed(text);
        }
        let folded = fold_for_match(text);
        if !self.rules.iter().any(|r| may_hold(&folded, &r.real)) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(self.apply_span(text, 0..text.len()))
    }

    /// The pseudonymised text of `full[span]` (byte offsets), looking at the text around
    /// the span: a name cut by the span's start or end (`…à Dieulefi`) is still a name of
    /// the document and is replaced whole.
    pub fn apply_span(&self, full: &str, span: std::ops::Range<usize>) -> String {
        let floor = |mut i: usize| {
            i = i.min(full.len());
            while !full.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (floor(span.start), floor(span.end.max(span.start)));
        if self.rules.is_empty() {
            return full.get(start..end).unwrap_or("").to_string();
        }
        // A match may be longer than the name (repeated spaces, a line break and indent).
        let reach = self
            .rules
            .iter()
            .map(|r| r.real.len())
            .max()
            .unwrap_or(0)
            .saturating_mul(4);
        let win_start = floor(start.saturating_sub(reach));
        let win_end = floor(end.saturating_add(reach));
        let window = fold_for_match(full.get(win_start..win_end).unwrap_or(""));
        let present: Vec<&PseudonymRule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| may_hold(&window, &r.real))
            .collect();
        let inner = full.get(start..end).unwrap_or("");
        if present.is_empty() {
            return inner.to_string();
        }
        let mut out = String::with_capacity(inner.len());
        let mut pos = win_start;
        let mut prev: Option<char> = full.get(..win_start).and_then(|s| s.chars().next_back());
        while pos < win_end && pos < end {
            let Some(rest) = full.get(pos..) else { break };
            let at_boundary = prev.is_none_or(|c| !is_word_char(c));
            let hit = if at_boundary {
                present.iter().find_map(|r| {
                    let end = match_name_at(full, pos, &r.real)?;
                    full[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_word_char(c))
                        .then_some((r, end))
                })
            } else {
                None
            };
            if let Some((r, match_end)) = hit {
                let matched = &full[pos..match_end];
                if match_end > start {
                    out.push_str(&pseudonym_for(&r.pseudonym, matched));
                }
                prev = matched.chars().next_back();
                pos = match_end;
            } else if let Some(c) = rest.chars().next() {
                if pos >= start {
                    out.push(c);
                }
                prev = Some(c);
                pos += c.len_utf8();
            } else {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut of `fold_for_match` gives what the Unicode path gives, next to
    /// accents, curly apostrophes and non-ASCII whitespace.
    #[test]
    fn fold_for_match_ascii_shortcut_is_the_unicode_fold() {
        let reference = |s: &str| {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                if is_apostrophe(c) {
                    out.push('\'');
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            out
        };
        let mut text: String = (0u8..=0x7f).map(char::from).collect();
        text.push_str(" Élise\u{a0}D\u{2019}ARC\u{202f}`Ñ´\u{3000}İ ʼ ‘x\u{85}ẞ\u{2028}ÉCOLE ");
        assert_eq!(fold_for_match(&text), reference(&text));
        assert_eq!(fold_for_match("  a \t\u{a0}B  "), "a b");
    }

    fn table(csv: &str) -> Pseudonyms {
        Pseudonyms::parse(Path::new("pseudonyms.csv"), csv).unwrap()
    }

    #[test]
    fn longer_names_first_and_per_document() {
        let p = table(
            "real,pseudonym,doc\nBastien,[Associé 1],E02\nBastien Lemoine,[Associé 1],E02\nAngers,[Ville 1],\n",
        );
        let e02 = p.for_doc("E02");
        assert_eq!(
            e02.apply("Bastien Lemoine et Bastien, à Angers."),
            "[Associé 1] et [Associé 1], à [Ville 1]."
        );
        // In another document only the global rule applies.
        assert_eq!(
            p.for_doc("E05").apply("Bastien, à Angers."),
            "Bastien, à [Ville 1]."
        );
    }

    #[test]
    fn whole_words_only_and_scan_finds_what_is_left() {
        let p = table("real,pseudonym,doc\nLou,[Proche 1],E05\nAngers,[Ville 1],E02\n");
        let out = p.for_doc("E05").apply("Lou loue à Louvain, l’ami de Lou.");
        assert_eq!(out, "[Proche 1] loue à Louvain, l’ami de [Proche 1].");
        let leaks = p.scan(&out);
        assert_eq!(
            leaks,
            vec![Leak {
                name: "Lou".into(),
                count: 1,
                listed_for: vec!["E05".into()]
            }]
        );
        assert!(p.scan("rien à signaler").is_empty());
        let angevins = p.for_doc("E02").apply("les Angersois");
        assert_eq!(angevins, "les Angersois");
        assert_eq!(p.scan(&angevins)[0].name, "Angers");
    }

    #[test]
    fn a_name_cut_by_the_span_is_replaced_whole() {
        let p = table("real,pseudonym,doc\nDieulefit,[Ville 1],\nJulie Karam,[Amie 1],\n");
        let d = p.for_doc("E01");
        let full = "avec Julie Karam. C’était à Dieulefit, oui";
        let cut = |a: &str, b: &str| {
            let s = full.find(a).unwrap();
            let e = full.find(b).unwrap() + b.len();
            d.apply_span(full, s..e)
        };
        assert_eq!(cut("avec", "Kara"), "avec [Amie 1]");
        assert_eq!(cut("aram", "Dieulefi"), "[Amie 1]. C’était à [Ville 1]");
        assert_eq!(cut("C’", "oui"), "C’était à [Ville 1], oui");
        assert_eq!(d.apply_span(full, 0..full.len()), d.apply(full));
    }

    #[test]
    fn names_match_across_case_whitespace_and_apostrophes() {
        let p = table(
            "real,pseudonym,doc\nClaire,Camille,\nMme Vasseur,Mme Martin,\nJulie Karam,[Amie 1],\nO’Neil,[Client 1],\n",
        );
        let d = p.for_doc("E01");
        let text = "CLAIRE, claire et Claire ; Mme VASSEUR ; Julie\u{a0}Karam, Julie  Karam, \
                    Julie\nKaram, Julie\t Karam ; O'Neil et O’Neil ; Clairement.";
        let out = d.apply(text);
        assert_eq!(
            out,
            "CAMILLE, Camille et Camille ; Mme Martin ; [Amie 1], [Amie 1], [Amie 1], \
             [Amie 1] ; [Client 1] et [Client 1] ; Clairement."
        );
        // Only the exact spelling inside a longer word remains, and the scan says so.
        let left = p.scan(&out);
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!((left[0].name.as_str(), left[0].count), ("Claire", 1));
        // The scan sees each spelling the replacement would have caught.
        let leaks = p.scan(text);
        let count = |name: &str| leaks.iter().find(|l| l.name == name).map(|l| l.count);
        assert_eq!(count("Claire"), Some(4));
        assert_eq!(count("Mme Vasseur"), Some(1));
        assert_eq!(count("Julie Karam"), Some(4));
        assert_eq!(count("O’Neil"), Some(2));
        // Spans use the same matcher, names cut by the span included.
        let full = "avec JULIE\nKARAM. Fin";
        assert_eq!(d.apply_span(full, 0..8), "avec [AMIE 1]");
    }

    #[test]
    fn bad_header_is_an_error_with_a_line() {
        let e = Pseudonyms::parse(Path::new("p.csv"), "nom,alias\nA,B\n").unwrap_err();
        assert!(e.to_string().starts_with("p.csv:1:"), "{e}");
        assert!(table("real,pseudonym\n").is_empty());
    }
}
