//! Lenient conversion of QDA-XML elements (already parsed into a tree) to the
//! model: GUIDs, dates, colours, codes, users, variables, cases, sets, codings.

use super::model::{
    Case, Code, CodeRef, Guid, Rgb, Set, User, Value, Variable, VariableType, VariableValue,
};
use super::xml::Element;
use super::{Warning, WarningKind};

/// Deepest code tree accepted (the XML parser already bounds nesting).
const MAX_CODE_DEPTH: usize = 100;

/// Collects warnings while converting one file.
pub(crate) struct Ctx {
    /// Warnings so far.
    pub warnings: Vec<Warning>,
    /// The file being read, for messages.
    pub file: String,
    zoneless_date_seen: bool,
}

impl Ctx {
    pub(crate) fn new(file: impl Into<String>) -> Ctx {
        Ctx {
            warnings: Vec::new(),
            file: file.into(),
            zoneless_date_seen: false,
        }
    }

    pub(crate) fn warn(&mut self, kind: WarningKind, guid: Option<&Guid>, msg: impl Into<String>) {
        self.warnings.push(Warning::new(kind, guid, msg));
    }

    /// An optional GUID attribute; an invalid value is reported and ignored.
    pub(crate) fn guid_attr(&mut self, el: &Element, attr: &str) -> Option<Guid> {
        let raw = el.attr(attr)?;
        if raw.trim().is_empty() {
            return None;
        }
        let g = Guid::parse(raw);
        if g.is_none() {
            self.warn(
                WarningKind::InvalidValue,
                None,
                format!("<{}> has an invalid {attr}=\"{raw}\"; ignored", el.name),
            );
        }
        g
    }

    /// The element's identity (`@guid`); a fresh one, with a warning, if missing or invalid.
    pub(crate) fn ident(&mut self, el: &Element) -> Guid {
        match Guid::parse(el.attr("guid").unwrap_or("")) {
            Some(g) => g,
            None => {
                let g = Guid::new_v7();
                self.warn(
                    WarningKind::InvalidValue,
                    Some(&g),
                    format!(
                        "<{} name={:?}> has no valid guid ({:?}); a new one was given",
                        el.name,
                        el.attr("name").unwrap_or(""),
                        el.attr("guid").unwrap_or("")
                    ),
                );
                g
            }
        }
    }

    /// An optional `xsd:dateTime` attribute. Without a zone it is read as UTC (reported once).
    pub(crate) fn date_attr(&mut self, el: &Element, attr: &str) -> Option<jiff::Timestamp> {
        let raw = el.attr(attr)?.trim();
        if raw.is_empty() {
            return None;
        }
        self.date(raw, &el.name)
    }

    fn date(&mut self, raw: &str, element: &str) -> Option<jiff::Timestamp> {
        if let Ok(ts) = raw.parse::<jiff::Timestamp>() {
            return Some(ts);
        }
        if let Ok(dt) = raw.parse::<jiff::civil::DateTime>()
            && let Ok(z) = dt.to_zoned(jiff::tz::TimeZone::UTC)
        {
            if !self.zoneless_date_seen {
                self.zoneless_date_seen = true;
                self.warn(
                    WarningKind::Tolerated,
                    None,
                    format!(
                        "{}: dates without a time zone (e.g. {raw}) were read as UTC",
                        self.file
                    ),
                );
            }
            return Some(z.timestamp());
        }
        self.warn(
            WarningKind::InvalidValue,
            None,
            format!("<{element}> has an invalid date {raw:?}; ignored"),
        );
        None
    }

    /// `xsd:boolean`, with a default (reported) when missing or invalid.
    pub(crate) fn bool_attr(&mut self, el: &Element, attr: &str, default: bool) -> bool {
        match el.attr(attr).map(str::trim) {
            Some("true") | Some("1") | Some("True") | Some("TRUE") => true,
            Some("false") | Some("0") | Some("False") | Some("FALSE") => false,
            other => {
                self.warn(
                    WarningKind::Tolerated,
                    None,
                    format!(
                        "<{} name={:?}> has {attr}={other:?}; read as {default}",
                        el.name,
                        el.attr("name").unwrap_or("")
                    ),
                );
                default
            }
        }
    }

    /// All `targetGUID`s (or `guid`s, as in .qdc `MemberCode`) of children named `name`.
    pub(crate) fn refs(&mut self, el: &Element, name: &str) -> Vec<Guid> {
        let mut out = Vec::new();
        for child in el.children_named(name) {
            let attr = if child.attr("targetGUID").is_some() {
                "targetGUID"
            } else {
                "guid"
            };
            if let Some(g) = self.guid_attr(child, attr) {
                out.push(g);
            }
        }
        out
    }
}

/// Reads `<Users>`.
pub(crate) fn users(ctx: &mut Ctx, el: Option<&Element>) -> Vec<User> {
    let Some(el) = el else { return Vec::new() };
    el.children_named("User")
        .map(|u| User {
            guid: ctx.ident(u),
            name: u.attr("name").unwrap_or("").to_string(),
        })
        .collect()
}

/// Reads a list of `<Code>` elements (recursively).
pub(crate) fn codes(ctx: &mut Ctx, parent: &Element, depth: usize) -> Vec<Code> {
    let mut out = Vec::new();
    for c in parent.children_named("Code") {
        let guid = ctx.ident(c);
        let name = match c.attr("name") {
            Some(n) => n.to_string(),
            None => {
                ctx.warn(WarningKind::Tolerated, Some(&guid), "code without a name");
                String::new()
            }
        };
        let color = match c.attr("color").map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                let parsed = Rgb::parse(raw);
                if parsed.is_none() {
                    ctx.warn(
                        WarningKind::InvalidValue,
                        Some(&guid),
                        format!("code {name:?}: colour {raw:?} not understood; ignored"),
                    );
                } else if !(raw.len() == 7 || raw.len() == 4) {
                    ctx.warn(
                        WarningKind::Tolerated,
                        Some(&guid),
                        format!("code {name:?}: colour {raw:?} read as RGB"),
                    );
                }
                parsed
            }
        };
        let is_codable = ctx.bool_attr(c, "isCodable", true);
        let children = if depth >= MAX_CODE_DEPTH {
            ctx.warn(
                WarningKind::DataLoss,
                Some(&guid),
                format!("code tree deeper than {MAX_CODE_DEPTH}; sub-codes of {name:?} dropped"),
            );
            Vec::new()
        } else {
            codes(ctx, c, depth + 1)
        };
        out.push(Code {
            description: c.child_text("Description"),
            note_refs: ctx.refs(c, "NoteRef"),
            guid,
            name,
            color,
            is_codable,
            children,
        });
    }
    out
}

/// Reads `<Variables>`.
pub(crate) fn variables(ctx: &mut Ctx, el: Option<&Element>) -> Vec<Variable> {
    let Some(el) = el else { return Vec::new() };
    let mut out = Vec::new();
    for v in el.children_named("Variable") {
        let guid = ctx.ident(v);
        let name = v.attr("name").unwrap_or("").to_string();
        let raw_kind = v.attr("typeOfVariable").unwrap_or("");
        let kind = VariableType::parse(raw_kind).unwrap_or_else(|| {
            ctx.warn(
                WarningKind::InvalidValue,
                Some(&guid),
                format!("variable {name:?}: type {raw_kind:?} unknown; read as Text"),
            );
            VariableType::Text
        });
        out.push(Variable {
            guid,
            name,
            kind,
            description: v.child_text("Description"),
        });
    }
    out
}

/// Reads the `<VariableValue>` children of an element.
pub(crate) fn variable_values(ctx: &mut Ctx, el: &Element) -> Vec<VariableValue> {
    let mut out = Vec::new();
    for vv in el.children_named("VariableValue") {
        let Some(variable) = vv
            .child("VariableRef")
            .and_then(|r| ctx.guid_attr(r, "targetGUID"))
        else {
            ctx.warn(
                WarningKind::InvalidValue,
                None,
                "<VariableValue> without a valid VariableRef; ignored",
            );
            continue;
        };
        let value = vv
            .children
            .iter()
            .find(|c| c.name != "VariableRef")
            .and_then(|c| value(ctx, &variable, c));
        out.push(VariableValue { variable, value });
    }
    out
}

fn value(ctx: &mut Ctx, var: &Guid, el: &Element) -> Option<Value> {
    let t = el.text.trim();
    let v = match el.name.as_str() {
        "TextValue" => Some(Value::Text(el.text.clone())),
        "BooleanValue" => match t {
            "true" | "1" => Some(Value::Boolean(true)),
            "false" | "0" => Some(Value::Boolean(false)),
            _ => None,
        },
        "IntegerValue" => t.parse().ok().map(Value::Integer),
        "FloatValue" => t
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Value::Float),
        "DateValue" => t.parse().ok().map(Value::Date),
        "DateTimeValue" => ctx.date(t, "DateTimeValue").map(Value::DateTime),
        _ => None,
    };
    if v.is_none() && !t.is_empty() {
        ctx.warn(
            WarningKind::InvalidValue,
            Some(var),
            format!("<{}> value {t:?} not understood; left empty", el.name),
        );
    }
    v
}

/// Reads `<Cases>`.
pub(crate) fn cases(ctx: &mut Ctx, el: Option<&Element>) -> Vec<Case> {
    let Some(el) = el else { return Vec::new() };
    let mut out = Vec::new();
    for c in el.children_named("Case") {
        out.push(Case {
            guid: ctx.ident(c),
            name: c.attr("name").map(str::to_string),
            description: c.child_text("Description"),
            code_refs: ctx.refs(c, "CodeRef"),
            variable_values: variable_values(ctx, c),
            source_refs: ctx.refs(c, "SourceRef"),
            selection_refs: ctx.refs(c, "SelectionRef"),
        });
    }
    out
}

/// Reads `<Sets>` (project or codebook flavour).
pub(crate) fn sets(ctx: &mut Ctx, el: Option<&Element>) -> Vec<Set> {
    let Some(el) = el else { return Vec::new() };
    let mut out = Vec::new();
    for s in el.children_named("Set") {
        out.push(Set {
            guid: ctx.ident(s),
            name: s.attr("name").unwrap_or("").to_string(),
            description: s.child_text("Description"),
            member_codes: ctx.refs(s, "MemberCode"),
            member_sources: ctx.refs(s, "MemberSource"),
            member_notes: ctx.refs(s, "MemberNote"),
        });
    }
    out
}

/// Reads the `<Coding>` children of a selection or source.
pub(crate) fn codings(ctx: &mut Ctx, el: &Element) -> Vec<CodeRef> {
    let mut out = Vec::new();
    for c in el.children_named("Coding") {
        let guid = ctx.ident(c);
        let Some(code_guid) = c
            .child("CodeRef")
            .and_then(|r| ctx.guid_attr(r, "targetGUID"))
        else {
            ctx.warn(
                WarningKind::InvalidValue,
                Some(&guid),
                "coding without a valid CodeRef; ignored",
            );
            continue;
        };
        out.push(CodeRef {
            creating_user: ctx.guid_attr(c, "creatingUser"),
            creation_date: ctx.date_attr(c, "creationDateTime"),
            note_refs: ctx.refs(c, "NoteRef"),
            guid,
            code_guid,
        });
    }
    out
}

/// Checks the root's namespace against `expected`, tolerating REFI variants.
pub(crate) fn check_namespace(ctx: &mut Ctx, root: &Element, expected: &str, family: &str) {
    let declared: Vec<&str> = root
        .attrs
        .iter()
        .filter(|(k, _)| k == "xmlns" || k.starts_with("xmlns:"))
        .map(|(_, v)| v.as_str())
        .collect();
    if declared.contains(&expected) {
        return;
    }
    let msg = match declared.iter().find(|v| v.starts_with(family)) {
        Some(variant) => format!("{}: namespace {variant:?} read as {expected:?}", ctx.file),
        None => format!("{}: no {expected:?} namespace; read anyway", ctx.file),
    };
    ctx.warn(WarningKind::Tolerated, None, msg);
}
