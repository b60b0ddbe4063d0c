//! `corpus/pseudonyms.csv`: replacing real names in everything glose exports.
//!
//! Columns `real,pseudonym[,doc]`. A row with a `doc` applies to that document only (first
//! names repeat across interviews); longer names are replaced first, so `Bastien Lemoine`
//! wins over `Bastien`. A name is replaced only as a whole word (`Lou` does not touch
//! `Louve`); after writing, [`Pseudonyms::scan`] looks for every listed real name anywhere
//! in the output, inside words too, so that what the mapping missed is reported.

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
        for (name, mut docs) in names {
            let count = output.matches(name).count();
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

impl DocPseudonyms<'_> {
    /// Replaces every listed name that stands as a whole word (not preceded or followed by
    /// a letter or digit); longer names first, never replacing inside a replacement.
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !self.rules.iter().any(|r| text.contains(r.real.as_str())) {
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
        let reach = self.rules.iter().map(|r| r.real.len()).max().unwrap_or(0);
        let win_start = floor(start.saturating_sub(reach));
        let win_end = floor(end.saturating_add(reach));
        let window = full.get(win_start..win_end).unwrap_or("");
        let present: Vec<&PseudonymRule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| window.contains(r.real.as_str()))
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
                present.iter().find(|r| {
                    rest.starts_with(r.real.as_str())
                        && rest[r.real.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !is_word_char(c))
                })
            } else {
                None
            };
            if let Some(r) = hit {
                if pos + r.real.len() > start {
                    out.push_str(&r.pseudonym);
                }
                prev = r.real.chars().next_back();
                pos += r.real.len();
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
    fn bad_header_is_an_error_with_a_line() {
        let e = Pseudonyms::parse(Path::new("p.csv"), "nom,alias\nA,B\n").unwrap_err();
        assert!(e.to_string().starts_with("p.csv:1:"), "{e}");
        assert!(table("real,pseudonym\n").is_empty());
    }
}
