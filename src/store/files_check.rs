//! `glose check`'s part on coder files: their lines, then the anchors of their codings
//! on each document as the check loads it.

use std::path::PathBuf;

use super::MemoTarget;
use super::all::{cache_dir, coder_files};
use super::file::{CoderFile, ProblemKind};
use crate::diag::Diagnostic;
use crate::document::Document;
use crate::study::Study;

/// The checks `glose check` runs on coder files: unreadable lines, conflict markers,
/// unknown documents and codes, and codings whose text changed (to re-anchor) or was lost
/// (orphaned). `begin` reads the coder files; `document` compares the anchors of the
/// codings on a document with its text as the check loads it, so each transcript is loaded
/// once.
#[derive(Debug, Default)]
pub(crate) struct CoderFilesCheck {
    /// The coder files read, with their path relative to the study.
    files: Vec<(PathBuf, CoderFile)>,
    /// Document id -> (file, coding) positions of the codings on it.
    by_doc: std::collections::BTreeMap<String, Vec<(usize, usize)>>,
}

impl CoderFilesCheck {
    /// Reads the coder files and checks what needs no transcript.
    pub(crate) fn begin(&mut self, study: &Study, diags: &mut Vec<Diagnostic>) {
        let cache = cache_dir(study);
        for (coder, path) in coder_files(&study.codings_dir()) {
            let rel = study.rel(&path);
            if !super::valid_coder_name(&coder) {
                diags.push(Diagnostic::error(
                    rel,
                    None,
                    format!("{coder:?} is not a valid coder name: use letters, digits, '-' or '_'"),
                ));
                continue;
            }
            match CoderFile::load_cached(&path, &coder, &cache) {
                Ok(loaded) => {
                    let journalled = super::journal::holds_saves(&path);
                    for p in &loaded.problems {
                        let torn = p.kind == ProblemKind::TornTail;
                        let message = if torn {
                            format!(
                                "{}; the next write by {coder} repairs it and keeps a copy of \
                                 the damaged file",
                                p.message
                            )
                        } else {
                            p.message.clone()
                        };
                        if torn && journalled {
                            // An append cut short: the journal still holds its saves.
                            let message = format!(
                                "{message} (an interrupted append: the saves it held are \
                                 still in the journal, and counted)"
                            );
                            diags.push(Diagnostic::warning(rel.clone(), Some(p.line), message));
                        } else {
                            diags.push(Diagnostic::error(rel.clone(), Some(p.line), message));
                        }
                    }
                    for message in super::journal::status(&path) {
                        diags.push(Diagnostic::warning(rel.clone(), None, message));
                    }
                    self.files.push((rel, loaded.file));
                }
                Err(e) => diags.push(Diagnostic::error(rel, None, e.to_string())),
            }
        }
        for (f, (rel, file)) in self.files.iter().enumerate() {
            for (i, c) in file.codings.iter().enumerate() {
                if study.codebook.resolve_coding(&c.id, &c.code).is_none() {
                    diags.push(Diagnostic::error(
                        rel.clone(),
                        None,
                        format!(
                            "coding {} uses code {:?}, which is not in the codebook",
                            c.id, c.code
                        ),
                    ));
                }
                if study.entry(&c.doc).is_err() {
                    diags.push(Diagnostic::error(
                        rel.clone(),
                        None,
                        format!(
                            "coding {} is on document {:?}, which is not in the corpus",
                            c.id, c.doc
                        ),
                    ));
                    continue;
                }
                match self.by_doc.get_mut(c.doc.as_str()) {
                    Some(v) => v.push((f, i)),
                    None => {
                        self.by_doc.insert(c.doc.clone(), vec![(f, i)]);
                    }
                }
            }
            for m in &file.memos {
                if let MemoTarget::Code(code) = &m.target
                    && !study.codebook.is_known(code)
                {
                    diags.push(Diagnostic::warning(
                        rel.clone(),
                        None,
                        format!(
                            "memo {} is on code {code:?}, which is not in the codebook",
                            m.id
                        ),
                    ));
                }
            }
        }
    }

    /// The coder files read, with their path relative to the study.
    pub(crate) fn files(&self) -> &[(PathBuf, CoderFile)] {
        &self.files
    }

    /// Checks the anchors of the codings on `doc`.
    pub(crate) fn document(&mut self, doc: &Document, diags: &mut Vec<Diagnostic>) {
        let Some(codings) = self.by_doc.remove(&doc.id) else {
            return;
        };
        let doc_id = &doc.id;
        let items: Vec<_> = codings
            .into_iter()
            .filter_map(|(f, i)| {
                self.files
                    .get(f)
                    .and_then(|(rel, file)| Some((rel, file.codings.get(i)?)))
            })
            .collect();
        // Codings on this very text must lie inside it (a hand-edited or hostile file may
        // say 100000..100010 on a short transcript).
        let len = doc.char_len();
        for (rel, c) in &items {
            if c.anchor.doc_hash == doc.hash && (c.start >= c.end || c.end > len) {
                diags.push(Diagnostic::error(
                    (*rel).clone(),
                    None,
                    format!(
                        "coding {} ({} on {doc_id}) spans {}..{}, outside the document \
                         ({len} characters): remove it (`glose code rm {}`) and code again",
                        c.id, c.code, c.start, c.end, c.id
                    ),
                ));
            }
        }
        let scan = super::orphans::scan_document(doc, items, |(_, c)| c);
        for ((rel, c), r) in scan.stale {
            match r.placement {
                super::Placement::Exact => {}
                super::Placement::Orphaned => diags.push(Diagnostic::error(
                    rel.clone(),
                    None,
                    format!(
                        "coding {} ({} on {doc_id}, «{}») is orphaned: its text is no longer in \
                         the transcript. It is kept; place it again in the TUI or remove it",
                        c.id,
                        c.code,
                        short(&c.anchor.quote)
                    ),
                )),
                placement => diags.push(Diagnostic::warning(
                    rel.clone(),
                    None,
                    format!(
                        "coding {} on {doc_id} must be re-anchored ({}): run `glose reanchor`",
                        c.id,
                        placement.describe()
                    ),
                )),
            }
        }
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s.replace('\n', " ")
}
