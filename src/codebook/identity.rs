//! Code identity: ids are names given once and never changed (they do not spell a path),
//! old ids live on as aliases of the code that absorbed them, and codings split out of a
//! code are claimed by id. Every reader resolves a coding's code through [`Codebook::resolve`]
//! and [`Codebook::resolve_codings`], so no coder's file is ever rewritten by someone else.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Code, Codebook};
use crate::store::{Coding, Memo, MemoTarget};

/// Identity bookkeeping kept with a code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeMeta {
    /// Ids of codes merged into this one: their codings now count as this code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Ids of codings split into this code from another one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// Order among siblings (ties broken by id; 0 keeps the file's order).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub position: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl CodeMeta {
    /// Whether there is nothing to store.
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty() && self.claims.is_empty() && self.position == 0
    }
}

/// A code as stored: its fields and its identity bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRecord {
    /// The code.
    #[serde(flatten)]
    pub code: Code,
    /// Aliases, claims, position.
    #[serde(flatten)]
    pub meta: CodeMeta,
}

const ID_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new code id: a slug of the label and six random characters (30 bits), so that two
/// clones adding codes at the same time, even with the same label, never pick the same id.
/// `taken` says whether an id (or alias) is already used.
pub fn new_code_id(label: &str, taken: impl Fn(&str) -> bool) -> String {
    let folded = crate::text::fold(label);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 24 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "code" } else { slug };
    loop {
        let random = uuid::Uuid::now_v7().as_u128();
        let suffix: String = (0..6)
            .map(|i| {
                let idx = ((random >> (i * 5)) & 0x1f) as usize % ID_ALPHABET.len();
                char::from(ID_ALPHABET[idx])
            })
            .collect();
        let id = format!("{slug}-{suffix}");
        if !taken(&id) {
            return id;
        }
    }
}

impl Codebook {
    /// The code an id stands for: the code itself, or the code it was merged into
    /// (following merges of merges).
    pub fn resolve(&self, id: &str) -> Option<&Code> {
        let mut cur = id;
        for _ in 0..=self.alias_of.len() {
            if let Some(code) = self.get(cur) {
                return Some(code);
            }
            cur = self.alias_of.get(cur)?;
        }
        None
    }

    /// Whether `id` is a code or an alias of one.
    pub fn is_known(&self, id: &str) -> bool {
        self.resolve(id).is_some()
    }

    /// Whether an id is taken by a code or an alias (new ids must avoid both).
    pub fn id_taken(&self, id: &str) -> bool {
        self.contains(id) || self.alias_of.contains_key(id)
    }

    /// The code a coding counts as: the code that claimed it in a split, else its code
    /// resolved through aliases. `None` when the code is unknown.
    pub fn resolve_coding(&self, coding_id: &str, code: &str) -> Option<&str> {
        if let Some(claimer) = self.claim_of.get(coding_id)
            && let Some(c) = self.get(claimer)
        {
            return Some(c.id.as_str());
        }
        self.resolve(code).map(|c| c.id.as_str())
    }

    /// The code that claims a coding in a split, if any.
    pub fn claimer_of(&self, coding_id: &str) -> Option<&str> {
        self.claim_of.get(coding_id).map(String::as_str)
    }

    /// The code id an alias points to.
    pub fn alias_target(&self, alias: &str) -> Option<&str> {
        self.alias_of.get(alias).map(String::as_str)
    }

    /// Rewrites each coding's code to the code it counts as (unknown codes are left for
    /// `glose check`). A span that a coder has now coded twice with the same code (after a
    /// merge) counts once: the later duplicate is dropped. Returns how many codings changed
    /// code and how many duplicates were dropped.
    pub fn resolve_codings(&self, codings: &mut Vec<Coding>) -> (usize, usize) {
        let mut moved = vec![false; codings.len()];
        let mut changed = 0;
        for (i, c) in codings.iter_mut().enumerate() {
            if let Some(to) = self.resolve_coding(&c.id, &c.code)
                && to != c.code
            {
                c.code = to.to_string();
                moved[i] = true;
                changed += 1;
            }
        }
        if changed == 0 {
            return (0, 0);
        }
        let key = |c: &Coding| {
            (
                c.coder.clone(),
                c.doc.clone(),
                c.start,
                c.end,
                c.code.clone(),
            )
        };
        let mut seen: HashSet<_> = codings
            .iter()
            .zip(&moved)
            .filter(|(_, m)| !**m)
            .map(|(c, _)| key(c))
            .collect();
        let before = codings.len();
        let mut i = 0;
        codings.retain(|c| {
            let was_moved = moved[i];
            i += 1;
            !was_moved || seen.insert(key(c))
        });
        (changed, before - codings.len())
    }

    /// Points memos on merged codes at the code that absorbed them.
    pub fn resolve_memos<'m>(&self, memos: impl Iterator<Item = &'m mut Memo>) {
        for m in memos {
            if let MemoTarget::Code(code) = &mut m.target
                && let Some(to) = self.resolve(code)
                && to.id != *code
            {
                *code = to.id.clone();
            }
        }
    }
}

/// What `glose check` says about identity bookkeeping: an alias that is also a live code
/// (a git merge kept a code another clone merged away), an id claimed as alias by two
/// codes, a coding claimed by two codes.
pub(crate) fn identity_problems(cb: &Codebook) -> Vec<super::CodebookProblem> {
    let mut out = Vec::new();
    let mut aliases: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut claims: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut ids: Vec<&str> = cb.meta.keys().map(String::as_str).collect();
    ids.sort_unstable();
    for id in ids {
        let meta = &cb.meta[id];
        let mut push = |message: String| {
            out.push(super::CodebookProblem {
                code: id.to_string(),
                line: cb.line_of(id),
                message,
            });
        };
        for a in &meta.aliases {
            if cb.contains(a) {
                push(format!(
                    "code {a:?} was merged into {id:?} but still exists (a git merge kept both?): \
                     merge it again (`glose codebook merge {a} {id}`) or remove {a:?} from the aliases of {id:?}"
                ));
            }
            if let Some(other) = aliases.insert(a, id) {
                push(format!(
                    "old id {a:?} is an alias of both {other:?} and {id:?}: keep one"
                ));
            }
        }
        for c in &meta.claims {
            if let Some(other) = claims.insert(c, id) {
                push(format!(
                    "coding {c} is claimed by both {other:?} and {id:?}: keep one"
                ));
            }
        }
    }
    out
}
