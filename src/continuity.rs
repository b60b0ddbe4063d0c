//! Continuity between sessions: per coder, the document and place they left and their
//! recent codes, kept in `.glose/state/<coder>.txt` (plain text, one `key = value` a
//! line, written atomically).
//!
//! The state is a convenience, never the researcher's work: a missing file is an empty
//! state, and a damaged one (unknown keys, bad numbers, not UTF-8) is read as far as it
//! makes sense, with a warning naming the file and line; it never stops the caller.

use std::path::{Path, PathBuf};

use crate::fsutil::{PathError, write_atomic};
use crate::store::valid_coder_name;
use crate::study::Study;

/// How many recent codes are kept.
pub const MAX_RECENT: usize = 9;

/// Where a coder left off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Continuity {
    /// The document last open.
    pub doc: Option<String>,
    /// The char offset of the cursor in it.
    pub place: usize,
    /// Codes last applied, most recent first, at most [`MAX_RECENT`], no repeats.
    pub recent_codes: Vec<String>,
}

/// Why the state cannot be saved.
#[derive(Debug, thiserror::Error)]
pub enum ContinuityError {
    /// The coder name cannot be a file name.
    #[error("invalid coder name {0:?}")]
    Coder(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] PathError),
}

impl Continuity {
    /// Puts `code` first among the recent codes (dropping its older place and the oldest
    /// beyond [`MAX_RECENT`]).
    pub fn used_code(&mut self, code: &str) {
        self.recent_codes.retain(|c| c != code);
        self.recent_codes.insert(0, code.to_string());
        self.recent_codes.truncate(MAX_RECENT);
    }

    /// The state as written on disk.
    pub fn to_text(&self, coder: &str) -> String {
        let mut out = format!("# glose: where {coder} left off (safe to delete)\n");
        if let Some(doc) = &self.doc {
            out.push_str(&format!(
                "doc = {}\nplace = {}\n",
                one_line(doc),
                self.place
            ));
        }
        for code in &self.recent_codes {
            out.push_str(&format!("recent = {}\n", one_line(code)));
        }
        out
    }

    /// Reads a state; `warnings` get one line per problem (`path:line: …`).
    pub fn parse(text: &str, path: &Path) -> (Continuity, Vec<String>) {
        let mut state = Continuity::default();
        let mut warnings = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let warn = |what: &str| format!("{}:{}: {what} (ignored)", path.display(), n + 1);
            let Some((key, value)) = line.split_once('=') else {
                warnings.push(warn("not `key = value`"));
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "doc" if !value.is_empty() => state.doc = Some(value.to_string()),
                "place" => match value.parse() {
                    Ok(p) => state.place = p,
                    Err(_) => warnings.push(warn("place is not a number")),
                },
                "recent" if !value.is_empty() => {
                    if state.recent_codes.len() < MAX_RECENT
                        && !state.recent_codes.iter().any(|c| c == value)
                    {
                        state.recent_codes.push(value.to_string());
                    }
                }
                other => warnings.push(warn(&format!("unknown entry `{other}`"))),
            }
        }
        (state, warnings)
    }
}

fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The state file of `coder`.
pub fn state_path(study: &Study, coder: &str) -> PathBuf {
    study.cache_dir().join("state").join(format!("{coder}.txt"))
}

/// The state of `coder`, and warnings about a damaged file (a missing file is an empty
/// state without warning). Never fails.
pub fn load(study: &Study, coder: &str) -> (Continuity, Vec<String>) {
    if !valid_coder_name(coder) {
        return (Continuity::default(), Vec::new());
    }
    let path = state_path(study, coder);
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Continuity::parse(&text, &path),
            Err(_) => (
                Continuity::default(),
                vec![format!("{}: not UTF-8 (ignored)", path.display())],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Continuity::default(), Vec::new()),
        Err(e) => (
            Continuity::default(),
            vec![format!("{}: cannot read: {e} (ignored)", path.display())],
        ),
    }
}

/// Saves the state of `coder` atomically (temp file, fsync, rename).
pub fn save(study: &Study, coder: &str, state: &Continuity) -> Result<(), ContinuityError> {
    if !valid_coder_name(coder) {
        return Err(ContinuityError::Coder(coder.to_string()));
    }
    let path = state_path(study, coder);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(PathError::with(dir, "create"))?;
    }
    write_atomic(&path, state.to_text(coder).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study() -> (tempfile::TempDir, Study) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
        std::fs::create_dir_all(dir.path().join("codebooks")).unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/codebook.json");
        std::fs::copy(sample, dir.path().join("codebooks/codebook.json")).unwrap();
        std::fs::write(dir.path().join("glose.toml"), "[study]\nname = \"t\"\n").unwrap();
        let study = Study::open(dir.path()).unwrap();
        (dir, study)
    }

    #[test]
    fn saves_and_loads_a_coders_place_and_recent_codes() {
        let (_dir, study) = study();
        assert_eq!(load(&study, "ana"), (Continuity::default(), Vec::new()));
        let mut state = Continuity {
            doc: Some("E05".into()),
            place: 1234,
            recent_codes: Vec::new(),
        };
        for c in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "b"] {
            state.used_code(c);
        }
        assert_eq!(
            state.recent_codes,
            ["b", "j", "i", "h", "g", "f", "e", "d", "c"]
        );
        save(&study, "ana", &state).unwrap();
        assert_eq!(load(&study, "ana"), (state, Vec::new()));
        // Each coder has their own.
        assert_eq!(load(&study, "bob").0, Continuity::default());
        assert!(save(&study, "../x", &Continuity::default()).is_err());
    }

    #[test]
    fn a_damaged_state_is_read_as_far_as_it_goes_with_warnings() {
        let (_dir, study) = study();
        let path = state_path(&study, "ana");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "doc = E02\nplace = lots\ngarbage\nrecent = x\ncolour = red\n",
        )
        .unwrap();
        let (state, warnings) = load(&study, "ana");
        assert_eq!(state.doc.as_deref(), Some("E02"));
        assert_eq!(state.place, 0);
        assert_eq!(state.recent_codes, ["x"]);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("ana.txt:2:"), "{warnings:?}");
        std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        let (state, warnings) = load(&study, "ana");
        assert_eq!(state, Continuity::default());
        assert!(warnings[0].contains("not UTF-8"));
    }
}
