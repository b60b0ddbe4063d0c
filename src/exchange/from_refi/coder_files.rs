//! The coder files: one per user and per coder of a coding or memo.

use std::collections::BTreeMap;

use crate::store::{CoderFile, Memo, MemoTarget, new_id, now};

use super::Importer;
use super::notes::MemoPiece;

impl Importer<'_> {
    /// Every coder's file, with its codings and memos, sorted.
    pub(super) fn coder_files(&mut self) -> Vec<CoderFile> {
        let mut files: BTreeMap<String, CoderFile> = BTreeMap::new();
        // Every user becomes a coder, with or without codings, so a re-export keeps them.
        for coder in self.coders.all() {
            file_of(&mut files, coder);
        }
        for c in std::mem::take(&mut self.codings) {
            file_of(&mut files, &c.coder).codings.push(c);
        }
        for ((coder, target), pieces) in std::mem::take(&mut self.memos.by_target) {
            let memo = self.memo(target, pieces);
            file_of(&mut files, &coder).memos.push(memo);
        }
        let mut coder_files: Vec<CoderFile> = files.into_values().collect();
        for f in &mut coder_files {
            f.sort();
        }
        coder_files
    }

    /// One memo from its pieces: the first piece's GUID as its id (a new id when taken),
    /// the earliest date, the texts joined.
    fn memo(&mut self, target: MemoTarget, pieces: Vec<MemoPiece>) -> Memo {
        let first = pieces
            .first()
            .map(|(g, _, _)| g.to_string())
            .unwrap_or_else(new_id);
        let id = if self.used_ids.insert(first.clone()) {
            first
        } else {
            new_id()
        };
        let created = pieces
            .iter()
            .filter_map(|(_, _, d)| *d)
            .min()
            .unwrap_or_else(now);
        let text = pieces
            .into_iter()
            .map(|(_, t, _)| t)
            .collect::<Vec<_>>()
            .join("\n\n");
        Memo {
            id,
            target,
            text,
            created,
            modified: created,
        }
    }
}

/// The file of `coder` in `files`, made empty when missing.
fn file_of<'f>(files: &'f mut BTreeMap<String, CoderFile>, coder: &str) -> &'f mut CoderFile {
    files.entry(coder.to_string()).or_insert_with(|| CoderFile {
        coder: coder.to_string(),
        ..CoderFile::default()
    })
}
