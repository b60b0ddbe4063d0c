//! Every coder file of a study at once, for readers (check, agreement, exports, lists):
//! through the parsed-file cache, with each file's journal replayed.

use std::path::{Path, PathBuf};

use super::file::{CoderFile, LoadedFile};
use super::{AnchorTexts, Coding, Memo};
use crate::diag::Diagnostic;
use crate::study::Study;

/// Every coder file of a study, read without locks (readers never need them).
#[derive(Debug, Clone, Default)]
pub struct AllCodings {
    /// Every coding of every coder.
    pub codings: Vec<Coding>,
    /// Every memo, with its coder.
    pub memos: Vec<(String, Memo)>,
    /// The coders found, sorted.
    pub coders: Vec<String>,
    /// Problems (unreadable lines are skipped with a warning).
    pub problems: Vec<Diagnostic>,
}

/// The coder files in a codings folder, sorted by coder.
pub fn coder_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            Some((stem, p))
        })
        .collect();
    out.sort();
    out
}

/// The folder of the parsed coder-file cache (`.glose/cache/codings/`).
pub fn cache_dir(study: &Study) -> PathBuf {
    study.cache_dir().join("cache").join("codings")
}

/// Loads every coder's codings and memos, as readers (agreement, export, search) need them,
/// through the parsed-file cache.
pub fn load_all(study: &Study) -> AllCodings {
    let cache = cache_dir(study);
    load_all_with(study, |path, coder| {
        CoderFile::load_cached(path, coder, &cache)
    })
}

/// [`load_all`] for readers that count and place codings and never use an anchor's
/// texts (matrices, segment exports): quote, prefix and suffix may be left empty.
pub fn load_all_spans(study: &Study) -> AllCodings {
    let cache = cache_dir(study);
    load_all_with(study, |path, coder| {
        CoderFile::load_cached_with(path, coder, &cache, AnchorTexts::Skip)
    })
}

/// [`load_all`] restricted to the codings on one document (memos and problems are the
/// files' all the same), reading only that document's part of each cached file.
pub fn load_all_on_doc(study: &Study, doc: &str) -> AllCodings {
    let cache = cache_dir(study);
    load_all_with(study, |path, coder| {
        CoderFile::load_cached_doc(path, coder, &cache, doc)
    })
}

fn load_all_with(
    study: &Study,
    load: impl Fn(&Path, &str) -> Result<LoadedFile, crate::fsutil::PathError> + Sync,
) -> AllCodings {
    let files: Vec<(String, PathBuf)> = coder_files(&study.codings_dir());
    // Each coder file is read and decoded on its own thread (the decode is most of a
    // reader's start at thousands of interviews); results are taken in coder order.
    let loaded: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|(coder, path)| {
                let load = &load;
                scope.spawn(move || super::valid_coder_name(coder).then(|| load(path, coder)))
            })
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    let mut all = AllCodings::default();
    let total = loaded
        .iter()
        .filter_map(|r| match r {
            Ok(Some(Ok(l))) => Some(l.file.codings.len()),
            _ => None,
        })
        .sum();
    all.codings.reserve_exact(total);
    for ((coder, path), result) in files.into_iter().zip(loaded) {
        let rel = study.rel(&path);
        let result = match result {
            Ok(Some(result)) => result,
            Ok(None) => {
                all.problems.push(Diagnostic::warning(
                    rel,
                    None,
                    format!("{coder:?} is not a valid coder name: file ignored (rename it)"),
                ));
                continue;
            }
            Err(_) => {
                all.problems.push(Diagnostic::error(
                    rel,
                    None,
                    "reading this coder file failed (internal error)".to_string(),
                ));
                continue;
            }
        };
        match result {
            Ok(loaded) => {
                for p in &loaded.problems {
                    all.problems.push(Diagnostic::warning(
                        rel.clone(),
                        Some(p.line),
                        format!("{}; line skipped", p.message),
                    ));
                }
                all.codings.extend(loaded.file.codings);
                all.memos
                    .extend(loaded.file.memos.into_iter().map(|m| (coder.clone(), m)));
                all.coders.push(coder);
            }
            // A coder file that cannot be read at all is an error: answers without it are
            // wrong, and exports refuse to give them.
            Err(e) => all
                .problems
                .push(Diagnostic::error(rel, None, e.to_string())),
        }
    }
    // Merged and split codes: every reader sees codings under the code they count as now.
    study.codebook.resolve_codings(&mut all.codings);
    study
        .codebook
        .resolve_memos(all.memos.iter_mut().map(|(_, m)| m));
    all
}
