//! Codes: duplicate GUIDs, and the notes and descriptions that become code memos.

use std::collections::HashMap;

use crate::exchange::ids::stable_guid;
use crate::refi::{self, WarningKind};
use crate::store::MemoTarget;

use super::Importer;
use super::notes::repeats;

impl Importer<'_> {
    /// Warns of the codes not imported because another code has their GUID.
    pub(super) fn warn_duplicate_codes(&mut self) {
        for (guid, name) in &self.codes.duplicates {
            self.warnings.push(refi::Warning::new(
                WarningKind::DataLoss,
                Some(guid),
                format!(
                    "two codes share the GUID {guid}: {name:?} is not imported, and codings that refer to this GUID go to the first code"
                ),
            ));
        }
    }

    /// The notes on codes, and the memos glose wrote in code descriptions, as code memos.
    pub(super) fn add_code_memos(&mut self) {
        let mut code_memo_texts: HashMap<&str, Vec<String>> = HashMap::new();
        for (code, refs) in &self.codes.notes {
            for g in refs {
                if let Some(note) = self.notes.take(g) {
                    code_memo_texts
                        .entry(code)
                        .or_default()
                        .push(note.text.clone());
                    self.memos.add(
                        self.coders.of(note.user.as_ref()),
                        MemoTarget::Code(code.clone()),
                        (g.clone(), note.text, note.date),
                    );
                }
            }
        }
        // A tool that keeps descriptions but drops notes (QualCoder) still brings the memos
        // glose wrote in a code's description back.
        for (code, text) in &self.codes.described_memos {
            let known = code_memo_texts
                .get(code.as_str())
                .cloned()
                .unwrap_or_default();
            if !repeats(text, &known) {
                self.memos.add(
                    self.coders.default.clone(),
                    MemoTarget::Code(code.clone()),
                    (stable_guid("code-memo", code), text.clone(), None),
                );
            }
        }
    }
}
