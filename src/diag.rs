//! Diagnostics: what `glose check` and every loader report, with file and line.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The study is unsound; `glose check` exits with status 1.
    Error,
    /// Worth a look; does not fail a check.
    Warning,
}

/// One problem found in a study, pointing at a file and, when known, a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the study root.
    pub file: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error at a file and optional line.
    pub fn error(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// A warning at a file and optional line.
    pub fn warning(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => write!(
                f,
                "{}:{line}: {kind}: {}",
                self.file.display(),
                self.message
            ),
            None => write!(f, "{}: {kind}: {}", self.file.display(), self.message),
        }
    }
}
