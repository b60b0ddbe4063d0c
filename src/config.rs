//! `glose.toml`: where a study keeps its corpus, codebook and codings.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::DEFAULT_INTERVIEWER_LABELS;

/// The name of the study file that marks a study's root folder.
pub const STUDY_FILE: &str = "glose.toml";

/// The `[study]` table of `glose.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyConfig {
    /// The study's name, shown in the TUI and reports.
    #[serde(default)]
    pub name: String,
    /// Default language of transcripts (`fr`, `en`, `de`…: see [`crate::search::Lang`]).
    #[serde(default = "default_language")]
    pub language: String,
    /// Folder of transcripts and `cases.csv`, relative to the root.
    #[serde(default = "default_corpus")]
    pub corpus: PathBuf,
    /// The codebook file, relative to the root.
    #[serde(default = "default_codebook")]
    pub codebook: PathBuf,
    /// Folder of coder files, relative to the root.
    #[serde(default = "default_codings")]
    pub codings: PathBuf,
    /// Default coder for this study (after `--coder` and `GLOSE_CODER`).
    #[serde(default)]
    pub coder: Option<String>,
    /// Speaker labels that mark interviewers.
    #[serde(default)]
    pub interviewer_labels: Option<Vec<String>>,
    /// The precision at R (leave-one-interview-out, `glose suggest eval`) below which a
    /// code gets no suggestions; default [`crate::suggest::DEFAULT_MIN_PRECISION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggest_min_precision: Option<f64>,
    /// The language of glose's own words (`[ui] language`: `fr` or `en`), see
    /// [`crate::locale::Lang::for_study`]; `None` follows the locale.
    #[serde(skip)]
    pub ui_language: Option<String>,
}

fn default_language() -> String {
    "fr".to_string()
}
fn default_corpus() -> PathBuf {
    PathBuf::from("corpus")
}
fn default_codebook() -> PathBuf {
    PathBuf::from("codebooks/codebook.json")
}
fn default_codings() -> PathBuf {
    PathBuf::from("codings")
}

impl Default for StudyConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            language: default_language(),
            corpus: default_corpus(),
            codebook: default_codebook(),
            codings: default_codings(),
            coder: None,
            interviewer_labels: None,
            suggest_min_precision: None,
            ui_language: None,
        }
    }
}

impl StudyConfig {
    /// The interviewer labels in force.
    pub fn interviewer_labels(&self) -> Vec<String> {
        self.interviewer_labels.clone().unwrap_or_else(|| {
            DEFAULT_INTERVIEWER_LABELS
                .iter()
                .map(|s| (*s).to_string())
                .collect()
        })
    }

    /// Serialises as a `glose.toml` file.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            study: &'a StudyConfig,
        }
        toml::to_string_pretty(&File { study: self }).unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    study: StudyConfig,
    /// `[player]`: how recordings are played (see [`crate::recording`]).
    #[serde(default)]
    player: Option<crate::recording::PlayerConfig>,
    #[serde(default)]
    ui: UiConfig,
}

/// The `[ui]` table of `glose.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiConfig {
    /// `fr` or `en`.
    language: Option<String>,
}

/// Errors finding or reading `glose.toml`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No `glose.toml` above the folder.
    #[error(
        "no {STUDY_FILE} found in {start} or any folder above it: run glose inside a study, \
         or give --study DIR"
    )]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] crate::fsutil::PathError),
    /// The TOML is malformed or has unknown keys.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The study file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Walks up from `start` to the first folder that holds a `glose.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, ConfigError> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut cur = Some(start.as_path());
    while let Some(dir) = cur {
        if dir.join(STUDY_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        cur = dir.parent();
    }
    Err(ConfigError::NotFound { start })
}

/// The `[player]` table of `glose.toml` in `root`, when there is one.
pub fn load_player(root: &Path) -> Result<Option<crate::recording::PlayerConfig>, ConfigError> {
    Ok(read(root)?.1.player)
}

/// Reads `glose.toml` in `root`.
pub fn load(root: &Path) -> Result<StudyConfig, ConfigError> {
    let (path, file, text) = read(root)?;
    check_language(path.clone(), &file.study.language, &text)?;
    check_ui_language(path, &file.ui, &text)?;
    let mut study = file.study;
    study.ui_language = file.ui.language;
    Ok(study)
}

fn check_ui_language(path: PathBuf, ui: &UiConfig, text: &str) -> Result<(), ConfigError> {
    if let Some(code) = &ui.language
        && crate::locale::Lang::from_code(code).is_none()
    {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("[ui]"))
            .map_or(1, |i| i + 2);
        return Err(ConfigError::Parse {
            path,
            line,
            message: format!("[ui] language {code:?}: glose speaks fr or en"),
        });
    }
    Ok(())
}

fn read(root: &Path) -> Result<(PathBuf, ConfigFile, String), ConfigError> {
    let path = root.join(STUDY_FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(crate::fsutil::PathError::with(&path, "cannot read"))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            1 + text[..s.start.min(text.len())].matches('\n').count()
        });
        ConfigError::Parse {
            path: path.clone(),
            line,
            message: e.message().to_string(),
        }
    })?;
    Ok((path, file, text))
}

fn check_language(path: PathBuf, language: &str, text: &str) -> Result<(), ConfigError> {
    if crate::search::Lang::parse(language).is_none() {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("language"))
            .map_or(1, |i| i + 1);
        return Err(ConfigError::Parse {
            path,
            line,
            message: format!(
                "language {:?} is not supported: glose has stemmers for {}",
                language,
                crate::search::Lang::supported_codes()
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_root_from_a_subfolder_and_reads_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STUDY_FILE), "[study]\nname = \"x\"\n").unwrap();
        std::fs::create_dir_all(dir.path().join("corpus/deep")).unwrap();
        let root = find_root(&dir.path().join("corpus/deep")).unwrap();
        assert_eq!(root, std::path::absolute(dir.path()).unwrap());
        let cfg = load(&root).unwrap();
        assert_eq!(cfg.corpus, PathBuf::from("corpus"));
        assert_eq!(cfg.language, "fr");
        assert!(
            cfg.interviewer_labels()
                .contains(&"Intervieweuse".to_string())
        );
    }

    #[test]
    fn an_unsupported_language_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(STUDY_FILE),
            "[study]\nname = \"x\"\nlanguage = \"ja\"\n",
        )
        .unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("glose.toml:3:"), "{err}");
        assert!(err.contains("\"ja\" is not supported"), "{err}");
        assert!(err.contains("de, el"), "{err}");
        std::fs::write(
            dir.path().join(STUDY_FILE),
            "[study]\nname = \"x\"\nlanguage = \"de\"\n",
        )
        .unwrap();
        assert_eq!(load(dir.path()).unwrap().language, "de");
    }

    #[test]
    fn unknown_keys_are_reported_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(STUDY_FILE),
            "[study]\nname = \"x\"\ncorpsu = \"c\"\n",
        )
        .unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("glose.toml:3:"), "{err}");
        assert!(err.contains("corpsu"), "{err}");
    }

    #[test]
    fn reads_the_ui_language() {
        let dir = tempfile::tempdir().unwrap();
        let write = |text: &str| std::fs::write(dir.path().join(STUDY_FILE), text).unwrap();
        write("[study]\nname = \"x\"\n\n[ui]\nlanguage = \"en\"\n");
        assert_eq!(load(dir.path()).unwrap().ui_language.as_deref(), Some("en"));
        write("[study]\nname = \"x\"\n");
        assert_eq!(load(dir.path()).unwrap().ui_language, None);
        write("[study]\nname = \"x\"\n[ui]\nlanguage = \"ja\"\n");
        assert!(matches!(
            load(dir.path()),
            Err(ConfigError::Parse { line: 4, .. })
        ));
    }
}
