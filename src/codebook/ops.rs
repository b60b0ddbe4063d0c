//! The codebook operations both doors use (CLI and TUI): add, edit, move, merge, split,
//! remove. Each checks its input against the codebook and returns an invertible
//! [`Change`]; nothing is written here (see [`super::commit`]).

use std::collections::BTreeMap;

use super::{
    Change, ChangeKind, Code, CodeField, CodeMeta, CodeRecord, Codebook, Step, new_code_id,
    parse_color,
};
use crate::store::Coding;

/// Fields of a code to set; `None` leaves a field as it is (or empty, for a new code).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeFields {
    /// French label.
    pub label_fr: Option<String>,
    /// English label.
    pub label_en: Option<String>,
    /// Definition.
    pub definition: Option<String>,
    /// When to use.
    pub when_to_use: Option<String>,
    /// When not to use.
    pub when_not_to_use: Option<String>,
    /// Example quotation(s).
    pub example: Option<String>,
    /// `#RRGGBB`.
    pub color: Option<String>,
    /// Children mutually exclusive.
    pub exclusive: Option<bool>,
}

/// Why an operation is refused (nothing is changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    /// No such code.
    #[error("no code {id:?} in the codebook{}", did_you_mean(.suggestions))]
    UnknownCode {
        /// The id given.
        id: String,
        /// Close ids.
        suggestions: Vec<String>,
    },
    /// The id is taken.
    #[error("code id {0:?} is already used (by a code or as the old id of a merged code)")]
    DuplicateId(String),
    /// Not a valid id.
    #[error("code id {0:?} is not valid: use lower-case letters, digits, '-', '_' or '.'")]
    BadId(String),
    /// Another code has this label.
    #[error("the label {label:?} is already the {lang} label of code {other:?}")]
    DuplicateLabel {
        /// The label.
        label: String,
        /// `French` or `English`.
        lang: &'static str,
        /// The code that has it.
        other: String,
    },
    /// No label at all.
    #[error("code {0:?} needs a label: give a French or an English label")]
    EmptyLabel(String),
    /// Bad colour.
    #[error("colour {0:?} is not valid: write it as #RRGGBB, e.g. \"#2E86AB\"")]
    BadColor(String),
    /// A move under the code itself or its descendant.
    #[error(
        "code {code:?} cannot move under {parent:?}, which is itself or one of its descendants"
    )]
    MoveUnderSelf {
        /// The code moved.
        code: String,
        /// The parent asked for.
        parent: String,
    },
    /// Merging a code into itself (or into its own descendant).
    #[error("cannot merge code {from:?} into {into:?}: {why}")]
    BadMerge {
        /// Merged code.
        from: String,
        /// Target.
        into: String,
        /// Why.
        why: &'static str,
    },
    /// Removing a code that is still used.
    #[error(
        "code {code:?} still has {total} coding(s) ({by}): merge it into another code or move them first"
    )]
    StillCoded {
        /// The code.
        code: String,
        /// How many codings.
        total: usize,
        /// Per coder, `coder-a: 3, coder-b: 1`.
        by: String,
    },
    /// Removing a code that has children.
    #[error(
        "code {code:?} has {count} child code(s) (first: {first:?}): move or remove them first"
    )]
    HasChildren {
        /// The code.
        code: String,
        /// How many.
        count: usize,
        /// The first child.
        first: String,
    },
    /// A split given codings that are not on the code.
    #[error("coding {coding} is not a coding of {code:?}: nothing was split")]
    NotOnCode {
        /// The coding id.
        coding: String,
        /// The code split.
        code: String,
    },
    /// Nothing to do.
    #[error("{0}")]
    Nothing(String),
}

fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", s.join(", "))
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
}

impl Codebook {
    fn require(&self, id: &str) -> Result<&Code, OpError> {
        self.get(id).ok_or_else(|| OpError::UnknownCode {
            id: id.to_string(),
            suggestions: self.suggest(id).into_iter().map(String::from).collect(),
        })
    }

    fn record_or_default(&self, code: &Code) -> CodeRecord {
        self.record(code)
    }

    fn check_labels(&self, code: &Code) -> Result<(), OpError> {
        if code.label_fr.trim().is_empty() && code.label_en.trim().is_empty() {
            return Err(OpError::EmptyLabel(code.id.clone()));
        }
        for (label, lang, get) in [
            (
                &code.label_fr,
                "French",
                (|c: &Code| &c.label_fr) as fn(&Code) -> &String,
            ),
            (&code.label_en, "English", |c: &Code| &c.label_en),
        ] {
            let folded = crate::text::fold(label.trim());
            if folded.is_empty() {
                continue;
            }
            if let Some(other) = self
                .codes
                .iter()
                .find(|o| o.id != code.id && crate::text::fold(get(o).trim()) == folded)
            {
                return Err(OpError::DuplicateLabel {
                    label: label.trim().to_string(),
                    lang,
                    other: other.id.clone(),
                });
            }
        }
        if parse_color(&code.color).is_none() {
            return Err(OpError::BadColor(code.color.clone()));
        }
        Ok(())
    }

    fn next_position(&self, parent: Option<&str>) -> u32 {
        let siblings: Vec<&Code> = match parent {
            Some(p) => self.children(p).collect(),
            None => self.roots().collect(),
        };
        let max = siblings
            .iter()
            .map(|c| self.meta(&c.id).position)
            .max()
            .unwrap_or(0);
        max.max(u32::try_from(siblings.len()).unwrap_or(u32::MAX))
            .saturating_add(1)
    }

    /// Adds a code under `parent` (`None`: a new top-level group). The id is `id` if
    /// given, else generated from the label ([`new_code_id`]). The colour defaults to the
    /// parent's.
    pub fn op_add(
        &self,
        id: Option<&str>,
        parent: Option<&str>,
        fields: &CodeFields,
    ) -> Result<Change, OpError> {
        let parent_code = parent.map(|p| self.require(p)).transpose()?;
        let label = fields
            .label_fr
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .or(fields.label_en.as_deref())
            .unwrap_or("")
            .trim()
            .to_string();
        let id = match id {
            Some(id) => {
                if !valid_id(id) {
                    return Err(OpError::BadId(id.to_string()));
                }
                if self.id_taken(id) {
                    return Err(OpError::DuplicateId(id.to_string()));
                }
                id.to_string()
            }
            None if label.is_empty() => return Err(OpError::EmptyLabel("(new code)".into())),
            None => new_code_id(&label, |i| self.id_taken(i)),
        };
        let mut code = Code {
            id: id.clone(),
            parent: parent.map(str::to_string),
            label_fr: String::new(),
            label_en: String::new(),
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            color: parent_code.map_or_else(|| "#7F8C8D".to_string(), |p| p.color.clone()),
            exclusive: false,
            codable: true,
        };
        apply_fields(&mut code, fields);
        // A code born while coding has one label: it stands in the other language too
        // until someone translates it.
        if code.label_en.is_empty() {
            code.label_en.clone_from(&code.label_fr);
        } else if code.label_fr.is_empty() {
            code.label_fr.clone_from(&code.label_en);
        }
        self.check_labels(&code)?;
        let meta = CodeMeta {
            position: self.next_position(parent),
            ..CodeMeta::default()
        };
        Ok(Change::new(
            ChangeKind::Added {
                id: id.clone(),
                label,
            },
            vec![Step {
                id,
                before: None,
                after: Some(CodeRecord { code, meta }),
            }],
        ))
    }

    /// Edits a code's fields (labels, definition, when to use and not, examples, colour).
    pub fn op_edit(&self, id: &str, fields: &CodeFields) -> Result<Change, OpError> {
        let before = self.record_or_default(self.require(id)?);
        let blank = |l: &Option<String>| l.as_deref().is_some_and(|l| l.trim().is_empty());
        if blank(&fields.label_fr) || blank(&fields.label_en) {
            return Err(OpError::EmptyLabel(id.to_string()));
        }
        let mut after = before.clone();
        apply_fields(&mut after.code, fields);
        if after == before {
            return Err(OpError::Nothing(format!(
                "code {id:?} already has these values"
            )));
        }
        if fields.label_fr.is_some() || fields.label_en.is_some() {
            self.check_labels(&after.code)?;
        } else if parse_color(&after.code.color).is_none() {
            // Labels untouched: a duplicate left by a git merge does not block other edits.
            return Err(OpError::BadColor(after.code.color.clone()));
        }
        let set: Vec<CodeField> = [
            (CodeField::LabelFr, fields.label_fr.is_some()),
            (CodeField::LabelEn, fields.label_en.is_some()),
            (CodeField::Definition, fields.definition.is_some()),
            (CodeField::WhenToUse, fields.when_to_use.is_some()),
            (CodeField::WhenNotToUse, fields.when_not_to_use.is_some()),
            (CodeField::Example, fields.example.is_some()),
            (CodeField::Color, fields.color.is_some()),
            (CodeField::Exclusive, fields.exclusive.is_some()),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(f, _)| f)
        .collect();
        Ok(Change::new(
            ChangeKind::Edited {
                id: id.to_string(),
                fields: set,
            },
            vec![Step {
                id: id.to_string(),
                before: Some(before),
                after: Some(after),
            }],
        ))
    }

    /// Adds a coded passage to a code's examples (a new paragraph of `example`), as the
    /// TUI's one key on a coding does.
    pub fn op_add_example(&self, id: &str, quotation: &str) -> Result<Change, OpError> {
        let code = self.require(id)?;
        let quotation = quotation.trim();
        if quotation.is_empty() {
            return Err(OpError::Nothing("the passage is empty".into()));
        }
        if code.example.contains(quotation) {
            return Err(OpError::Nothing(format!(
                "code {id:?} already has this example"
            )));
        }
        let example = if code.example.trim().is_empty() {
            format!("« {quotation} »")
        } else {
            format!("{}\n\n« {quotation} »", code.example.trim_end())
        };
        let edit = self.op_edit(
            id,
            &CodeFields {
                example: Some(example),
                ..CodeFields::default()
            },
        )?;
        Ok(Change::new(
            ChangeKind::ExampleAdded { id: id.to_string() },
            edit.steps,
        ))
    }

    /// Moves a code (with its subtree) under another parent, last among its new siblings.
    pub fn op_move(&self, id: &str, parent: Option<&str>) -> Result<Change, OpError> {
        let before = self.record_or_default(self.require(id)?);
        if let Some(p) = parent {
            self.require(p)?;
            if self.descendants_and_self(id).contains(&p) {
                return Err(OpError::MoveUnderSelf {
                    code: id.to_string(),
                    parent: p.to_string(),
                });
            }
        }
        if before.code.parent.as_deref() == parent {
            return Err(OpError::Nothing(format!(
                "code {id:?} is already under {}",
                parent.map_or("the top level".to_string(), |p| format!("{p:?}"))
            )));
        }
        let mut after = before.clone();
        after.code.parent = parent.map(str::to_string);
        after.meta.position = self.next_position(parent);
        Ok(Change::new(
            ChangeKind::Moved {
                id: id.to_string(),
                parent: parent.map(str::to_string),
            },
            vec![Step {
                id: id.to_string(),
                before: Some(before),
                after: Some(after),
            }],
        ))
    }

    /// Merges `from` into `into`: `from` disappears, its id (and the ids merged into it)
    /// become aliases of `into`, so every coder's codings of `from` count as `into`; its
    /// children and split codings move to `into`.
    pub fn op_merge(&self, from: &str, into: &str) -> Result<Change, OpError> {
        let from_rec = self.record_or_default(self.require(from)?);
        let into_rec = self.record_or_default(self.require(into)?);
        let bad = |why| OpError::BadMerge {
            from: from.to_string(),
            into: into.to_string(),
            why,
        };
        if from == into {
            return Err(bad("a code cannot be merged into itself"));
        }
        if self.descendants_and_self(from).contains(&into) {
            return Err(bad(
                "the target is one of its descendants; move it out first",
            ));
        }
        let mut after = into_rec.clone();
        after.meta.aliases.push(from.to_string());
        after
            .meta
            .aliases
            .extend(from_rec.meta.aliases.iter().cloned());
        after
            .meta
            .claims
            .extend(from_rec.meta.claims.iter().cloned());
        let mut steps = vec![Step {
            id: into.to_string(),
            before: Some(into_rec),
            after: Some(after),
        }];
        for (position, child) in (self.next_position(Some(into))..).zip(self.children(from)) {
            let before = self.record(child);
            let mut moved = before.clone();
            moved.code.parent = Some(into.to_string());
            moved.meta.position = position;
            steps.push(Step {
                id: child.id.clone(),
                before: Some(before),
                after: Some(moved),
            });
        }
        steps.push(Step {
            id: from.to_string(),
            before: Some(from_rec),
            after: None,
        });
        Ok(Change::new(
            ChangeKind::Merged {
                from: from.to_string(),
                into: into.to_string(),
            },
            steps,
        ))
    }

    /// Splits chosen codings of `from` into `into` (an existing code), which claims them:
    /// readers count them as `into` without anyone's coder file being rewritten.
    /// `codings` are every coder's codings, resolved ([`Codebook::resolve_codings`]).
    pub fn op_split(
        &self,
        from: &str,
        into: &str,
        coding_ids: &[String],
        codings: &[Coding],
    ) -> Result<Change, OpError> {
        self.require(from)?;
        let into_rec = self.record_or_default(self.require(into)?);
        if from == into {
            return Err(OpError::Nothing(format!(
                "the codings are already on {from:?}"
            )));
        }
        if coding_ids.is_empty() {
            return Err(OpError::Nothing("no coding given to split".into()));
        }
        let mut after = into_rec.clone();
        // Previous claimers give their claim up (a coding split twice).
        let mut released: BTreeMap<String, CodeRecord> = BTreeMap::new();
        for cid in coding_ids {
            let on_from = codings.iter().any(|c| c.id == *cid && c.code == from);
            if !on_from {
                return Err(OpError::NotOnCode {
                    coding: cid.clone(),
                    code: from.to_string(),
                });
            }
            if let Some(prev) = self.claimer_of(cid)
                && prev != into
                && let Some(code) = self.get(prev)
            {
                let rec = released
                    .entry(prev.to_string())
                    .or_insert_with(|| self.record(code));
                rec.meta.claims.retain(|c| c != cid);
            }
            if !after.meta.claims.contains(cid) {
                after.meta.claims.push(cid.clone());
            }
        }
        let mut steps = vec![Step {
            id: into.to_string(),
            before: Some(into_rec),
            after: Some(after),
        }];
        for (id, rec) in released {
            steps.push(Step {
                id: id.clone(),
                before: self.record_of(&id),
                after: Some(rec),
            });
        }
        Ok(Change::new(
            ChangeKind::Split {
                from: from.to_string(),
                into: into.to_string(),
                codings: coding_ids.len(),
            },
            steps,
        ))
    }

    /// Removes a code: refused while codings (resolved) use it or it has children.
    pub fn op_remove(&self, id: &str, codings: &[Coding]) -> Result<Change, OpError> {
        let before = self.record_or_default(self.require(id)?);
        let children: Vec<&Code> = self.children(id).collect();
        if let Some(first) = children.first() {
            return Err(OpError::HasChildren {
                code: id.to_string(),
                count: children.len(),
                first: first.id.clone(),
            });
        }
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for c in codings.iter().filter(|c| c.code == id) {
            *by.entry(c.coder.as_str()).or_default() += 1;
        }
        if !by.is_empty() {
            return Err(OpError::StillCoded {
                code: id.to_string(),
                total: by.values().sum(),
                by: by
                    .iter()
                    .map(|(k, n)| format!("{k}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(Change::new(
            ChangeKind::Removed { id: id.to_string() },
            vec![Step {
                id: id.to_string(),
                before: Some(before),
                after: None,
            }],
        ))
    }
}

fn apply_fields(code: &mut Code, f: &CodeFields) {
    let set = |slot: &mut String, v: &Option<String>| {
        if let Some(v) = v {
            *slot = v.trim().to_string();
        }
    };
    set(&mut code.label_fr, &f.label_fr);
    set(&mut code.label_en, &f.label_en);
    set(&mut code.definition, &f.definition);
    set(&mut code.when_to_use, &f.when_to_use);
    set(&mut code.when_not_to_use, &f.when_not_to_use);
    set(&mut code.example, &f.example);
    set(&mut code.color, &f.color);
    if let Some(e) = f.exclusive {
        code.exclusive = e;
    }
}
