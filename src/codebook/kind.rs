//! What a codebook change did, as data ([`ChangeKind`]) for the front doors to word in
//! their language. [`ChangeKind::sentence`] is the one English rendering the history file
//! keeps as a change's `summary` (a data format, like a commit message).

/// A field of a code that an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeField {
    /// French label.
    LabelFr,
    /// English label.
    LabelEn,
    /// Definition.
    Definition,
    /// When to use.
    WhenToUse,
    /// When not to use.
    WhenNotToUse,
    /// Example quotation(s).
    Example,
    /// Colour.
    Color,
    /// Children mutually exclusive.
    Exclusive,
}

impl CodeField {
    /// The field's name in the codebook files (`label_fr`, `when_to_use`…).
    pub fn name(self) -> &'static str {
        match self {
            CodeField::LabelFr => "label_fr",
            CodeField::LabelEn => "label_en",
            CodeField::Definition => "definition",
            CodeField::WhenToUse => "when_to_use",
            CodeField::WhenNotToUse => "when_not_to_use",
            CodeField::Example => "example",
            CodeField::Color => "color",
            CodeField::Exclusive => "exclusive",
        }
    }

    /// A label, French or English.
    pub fn is_label(self) -> bool {
        matches!(self, CodeField::LabelFr | CodeField::LabelEn)
    }
}

/// What a codebook change did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ChangeKind {
    /// A new code, with the label it was given.
    Added {
        /// The code id.
        id: String,
        /// Its label.
        label: String,
    },
    /// Fields of a code set (a rename when they are all labels).
    Edited {
        /// The code id.
        id: String,
        /// The fields set, in the codebook's order.
        fields: Vec<CodeField>,
    },
    /// A passage added to a code's examples.
    ExampleAdded {
        /// The code id.
        id: String,
    },
    /// A code moved under another parent.
    Moved {
        /// The code id.
        id: String,
        /// The new parent (`None`: the top level).
        parent: Option<String>,
    },
    /// A code merged into another.
    Merged {
        /// The code merged (gone).
        from: String,
        /// The code it now counts as.
        into: String,
    },
    /// Codings of a code split into another.
    Split {
        /// The code they were on.
        from: String,
        /// The code that claims them.
        into: String,
        /// How many.
        codings: usize,
    },
    /// A code removed.
    Removed {
        /// The code id.
        id: String,
    },
    /// The codebook moved to the folder format.
    Migrated {
        /// How many codes.
        codes: usize,
    },
    /// The undoing of another change.
    Undo(Box<ChangeKind>),
    /// Several changes made as one, in order.
    Several(Vec<ChangeKind>),
    /// A change read back from a history file, known by its recorded `summary` only.
    #[default]
    Recorded,
}

impl ChangeKind {
    /// Whether an edit sets labels only.
    fn is_rename(fields: &[CodeField]) -> bool {
        fields.iter().all(|f| f.is_label())
    }

    /// The operation's name in the history file (`add`, `rename`, `undo merge`…; empty
    /// for [`ChangeKind::Recorded`]).
    pub fn op(&self) -> String {
        match self {
            ChangeKind::Added { .. } => "add".into(),
            ChangeKind::Edited { fields, .. } if Self::is_rename(fields) => "rename".into(),
            ChangeKind::Edited { .. } => "edit".into(),
            ChangeKind::ExampleAdded { .. } => "example".into(),
            ChangeKind::Moved { .. } => "move".into(),
            ChangeKind::Merged { .. } => "merge".into(),
            ChangeKind::Split { .. } => "split".into(),
            ChangeKind::Removed { .. } => "rm".into(),
            ChangeKind::Migrated { .. } => "migrate".into(),
            ChangeKind::Undo(kind) => format!("undo {}", kind.op()),
            ChangeKind::Several(kinds) => kinds.first().map(ChangeKind::op).unwrap_or_default(),
            ChangeKind::Recorded => String::new(),
        }
    }

    /// The English sentence the history file records (`add code "x" (Label)`; empty for
    /// [`ChangeKind::Recorded`], whose sentence is its change's `summary`).
    pub fn sentence(&self) -> String {
        let top = |p: &Option<String>| {
            p.as_ref()
                .map_or("the top level".into(), |p| format!("{p:?}"))
        };
        match self {
            ChangeKind::Added { id, label } => format!("add code {id:?} ({label})"),
            ChangeKind::Edited { id, fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                format!("{} code {id:?}: {}", self.op(), names.join(", "))
            }
            ChangeKind::ExampleAdded { id } => format!("add an example to code {id:?}"),
            ChangeKind::Moved { id, parent } => format!("move code {id:?} under {}", top(parent)),
            ChangeKind::Merged { from, into } => format!("merge code {from:?} into {into:?}"),
            ChangeKind::Split {
                from,
                into,
                codings,
            } => format!("split {codings} coding(s) of {from:?} into {into:?}"),
            ChangeKind::Removed { id } => format!("remove code {id:?}"),
            ChangeKind::Migrated { codes } => {
                format!("move the codebook to the folder format ({codes} codes, ids unchanged)")
            }
            ChangeKind::Undo(kind) => format!("undo: {}", kind.sentence()),
            ChangeKind::Several(kinds) => kinds
                .iter()
                .map(ChangeKind::sentence)
                .collect::<Vec<_>>()
                .join("; "),
            ChangeKind::Recorded => String::new(),
        }
    }

    /// This change followed by `then`, flattened.
    pub(crate) fn then(self, then: ChangeKind) -> ChangeKind {
        let mut kinds = match self {
            ChangeKind::Several(kinds) => kinds,
            one => vec![one],
        };
        match then {
            ChangeKind::Several(more) => kinds.extend(more),
            one => kinds.push(one),
        }
        ChangeKind::Several(kinds)
    }
}
