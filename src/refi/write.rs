//! Writing `.qdpx` projects and `.qdc` codebooks that validate against the
//! REFI-QDA schemas: canonical namespaces, XSD element order, no empty
//! containers, `sources/<guid>.txt` in UTF-8 without BOM and with LF.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use super::xml_write::{Xml, date, push_opt};

use super::model::{
    Case, Code, CodeRef, Codebook, Guid, Note, QdaProject, Selection, Set, TextSource, User, Value,
    Variable, VariableValue, walk_codes,
};
use super::offsets::{Convention, Mapped, OffsetUnit, TextMap, utf16_positions};
use super::{RefiError, Warning, WarningKind};

const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// Writes `project` as a `.qdpx` archive at `path`, atomically.
///
/// Offsets are written in `unit`; `origin` becomes `glose <version>` (with the
/// unit noted when it is UTF-16). Returns what could not be carried over.
pub fn write_qdpx(
    project: &QdaProject,
    path: &Path,
    unit: OffsetUnit,
) -> Result<Vec<Warning>, RefiError> {
    let (qde, texts, warnings) = project_files(project, unit)?;
    atomic_write(path, |file| {
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let zerr = |source| RefiError::ZipWrite {
            path: path.to_path_buf(),
            source,
        };
        let ioerr = |source| RefiError::Io {
            path: path.to_path_buf(),
            source,
        };
        zip.start_file("project.qde", opts).map_err(zerr)?;
        zip.write_all(qde.as_bytes()).map_err(ioerr)?;
        for (name, text) in &texts {
            zip.start_file(format!("sources/{name}"), opts)
                .map_err(zerr)?;
            zip.write_all(text.as_bytes()).map_err(ioerr)?;
        }
        zip.finish().map_err(zerr)?;
        Ok(())
    })?;
    Ok(warnings)
}

/// Writes `codebook` as a `.qdc` file at `path`, atomically (`origin` becomes `glose <version>`).
pub fn write_qdc(codebook: &Codebook, path: &Path) -> Result<Vec<Warning>, RefiError> {
    if codebook.codes.is_empty() {
        return Err(RefiError::Unwritable {
            path: path.to_path_buf(),
            reason: "a codebook needs at least one code".into(),
        });
    }
    let mut x = Xml::new();
    let origin = format!("glose {}", env!("CARGO_PKG_VERSION"));
    x.start(
        "CodeBook",
        &[("xmlns", CODEBOOK_NS.into()), ("origin", origin)],
    );
    x.start("Codes", &[]);
    for c in &codebook.codes {
        code(&mut x, c, false);
    }
    x.end("Codes");
    if !codebook.sets.is_empty() {
        x.start("Sets", &[]);
        for s in &codebook.sets {
            set(&mut x, s, false);
        }
        x.end("Sets");
    }
    x.end("CodeBook");
    let xml = x.finish();
    atomic_write(path, |file| {
        file.write_all(xml.as_bytes())
            .map_err(|source| RefiError::Io {
                path: path.to_path_buf(),
                source,
            })
    })?;
    Ok(x.warnings)
}

/// Builds the file in memory, then writes it with the house's one atomic write
/// ([`crate::fsutil::write_atomic`]: temp file, fsync, rename; through symlinks; keeping an
/// existing file's mode, a new one getting the umask's).
fn atomic_write(
    path: &Path,
    body: impl FnOnce(&mut std::io::Cursor<Vec<u8>>) -> Result<(), RefiError>,
) -> Result<(), RefiError> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    body(&mut buffer)?;
    crate::fsutil::write_atomic(path, buffer.get_ref()).map_err(|e| RefiError::Io {
        path: path.to_path_buf(),
        source: e.source,
    })
}

fn code(x: &mut Xml, c: &Code, in_project: bool) {
    let mut attrs = vec![
        ("guid", c.guid.to_string()),
        ("name", c.name.clone()),
        ("isCodable", c.is_codable.to_string()),
    ];
    push_opt(&mut attrs, "color", c.color.map(|c| c.to_string()));
    let note_refs: &[Guid] = if in_project { &c.note_refs } else { &[] };
    if !in_project && !c.note_refs.is_empty() {
        x.warnings.push(Warning::new(
            WarningKind::DataLoss,
            Some(&c.guid),
            format!(
                "notes of code {:?} cannot be carried by a .qdc codebook",
                c.name
            ),
        ));
    }
    if c.description.is_none() && note_refs.is_empty() && c.children.is_empty() {
        x.empty("Code", &attrs);
        return;
    }
    x.start("Code", &attrs);
    if let Some(d) = &c.description {
        x.text_el("Description", d);
    }
    x.refs("NoteRef", note_refs);
    for child in &c.children {
        code(x, child, in_project);
    }
    x.end("Code");
}

fn set(x: &mut Xml, s: &Set, in_project: bool) {
    x.start(
        "Set",
        &[("guid", s.guid.to_string()), ("name", s.name.clone())],
    );
    if let Some(d) = &s.description {
        x.text_el("Description", d);
    }
    if in_project {
        x.refs("MemberCode", &s.member_codes);
        x.refs("MemberSource", &s.member_sources);
        x.refs("MemberNote", &s.member_notes);
    } else {
        for g in &s.member_codes {
            x.empty("MemberCode", &[("guid", g.to_string())]);
        }
        if !s.member_sources.is_empty() || !s.member_notes.is_empty() {
            x.warnings.push(Warning::new(
                WarningKind::DataLoss,
                Some(&s.guid),
                format!(
                    "set {:?}: a .qdc codebook only carries member codes",
                    s.name
                ),
            ));
        }
    }
    x.end("Set");
}

fn variable_values(x: &mut Xml, values: &[VariableValue]) {
    for vv in values {
        let (name, text) = match &vv.value {
            None => (None, String::new()),
            Some(Value::Text(t)) => (Some("TextValue"), t.clone()),
            Some(Value::Boolean(b)) => (Some("BooleanValue"), b.to_string()),
            Some(Value::Integer(i)) => (Some("IntegerValue"), i.to_string()),
            Some(Value::Float(f)) if f.is_finite() => (Some("FloatValue"), f.to_string()),
            Some(Value::Float(f)) => {
                x.warnings.push(Warning::new(
                    WarningKind::DataLoss,
                    Some(&vv.variable),
                    format!("value {f} is not a decimal number; written empty"),
                ));
                (None, String::new())
            }
            Some(Value::Date(d)) => (Some("DateValue"), d.to_string()),
            Some(Value::DateTime(ts)) => (Some("DateTimeValue"), date(ts)),
        };
        x.start("VariableValue", &[]);
        x.empty("VariableRef", &[("targetGUID", vv.variable.to_string())]);
        if let Some(name) = name {
            x.text_el(name, &text);
        }
        x.end("VariableValue");
    }
}

fn codings(x: &mut Xml, codings: &[CodeRef], known: &HashSet<Guid>, owner: &str) {
    for c in codings {
        if !known.contains(&c.code_guid) {
            x.warnings.push(Warning::new(
                WarningKind::DataLoss,
                Some(&c.guid),
                format!(
                    "coding in {owner} refers to unknown code {}; not written",
                    c.code_guid
                ),
            ));
            continue;
        }
        let mut attrs = vec![("guid", c.guid.to_string())];
        push_opt(
            &mut attrs,
            "creatingUser",
            c.creating_user.as_ref().map(Guid::to_string),
        );
        push_opt(
            &mut attrs,
            "creationDateTime",
            c.creation_date.as_ref().map(date),
        );
        x.start("Coding", &attrs);
        x.empty("CodeRef", &[("targetGUID", c.code_guid.to_string())]);
        x.refs("NoteRef", &c.note_refs);
        x.end("Coding");
    }
}

/// Normalises a source's text and re-expresses its selections in `unit`.
/// Returns the text and `(selection index, start, end)` for every selection kept.
fn prepare_source(
    s: &TextSource,
    unit: OffsetUnit,
    warnings: &mut Vec<Warning>,
) -> (String, Vec<(usize, usize, usize)>) {
    let map = TextMap::new(&s.text, Convention::MODEL);
    if map.normalised() != s.text {
        warnings.push(Warning::new(
            WarningKind::Tolerated,
            Some(&s.guid),
            format!(
                "text of {:?} normalised (BOM, CRLF, NFC) before export; offsets follow",
                s.name
            ),
        ));
    }
    let utf16 = utf16_positions(map.normalised());
    let mut kept = Vec::new();
    let mut differ = 0;
    for (i, sel) in s.selections.iter().enumerate() {
        let Some((a, b)) = selection_in_text(&map, sel, &s.name, warnings) else {
            continue;
        };
        let (ua, ub) = (
            utf16.get(a).copied().unwrap_or(a),
            utf16.get(b).copied().unwrap_or(b),
        );
        if (ua, ub) != (a, b) {
            differ += 1;
        }
        match unit {
            OffsetUnit::CodePoints => kept.push((i, a, b)),
            OffsetUnit::Utf16 => kept.push((i, ua, ub)),
        }
    }
    if differ > 0 {
        warn_offsets_shift(s, unit, differ, warnings);
    }
    (map.normalised().to_string(), kept)
}

/// Maps one selection onto the normalised text in code points, widening a range that cuts
/// a character sequence; `None` (with a warning) when it cannot be written at all.
fn selection_in_text(
    map: &TextMap,
    sel: &Selection,
    source_name: &str,
    warnings: &mut Vec<Warning>,
) -> Option<(usize, usize)> {
    let to_i64 = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    match (map.map(to_i64(sel.start)), map.map(to_i64(sel.end))) {
        (Mapped::Exact(a), Mapped::Exact(b)) if a <= b => Some((a, b)),
        (Mapped::OutOfRange, _) | (_, Mapped::OutOfRange) => {
            warnings.push(Warning::new(
                WarningKind::DataLoss,
                Some(&sel.guid),
                format!(
                    "selection {}..{} lies outside the text of {:?}; not written",
                    sel.start, sel.end, source_name
                ),
            ));
            None
        }
        (sa, sb) => {
            let a = match sa {
                Mapped::Exact(p) | Mapped::Inside(p, _) => p,
                Mapped::OutOfRange => 0,
            };
            let b = match sb {
                Mapped::Exact(p) | Mapped::Inside(_, p) => p,
                Mapped::OutOfRange => a,
            };
            if a > b {
                warnings.push(Warning::new(
                    WarningKind::DataLoss,
                    Some(&sel.guid),
                    format!(
                        "selection {}..{} ends before it starts; not written",
                        sel.start, sel.end
                    ),
                ));
                return None;
            }
            warnings.push(Warning::new(
                WarningKind::Selection,
                Some(&sel.guid),
                format!(
                    "selection {}..{} cut a character sequence; widened to {a}..{b}",
                    sel.start, sel.end
                ),
            ));
            Some((a, b))
        }
    }
}

/// Warns that `differ` selections of `s` would land elsewhere in tools counting offsets
/// in the other unit (characters outside the BMP count twice in UTF-16).
fn warn_offsets_shift(
    s: &TextSource,
    unit: OffsetUnit,
    differ: usize,
    warnings: &mut Vec<Warning>,
) {
    let (written, other) = match unit {
        OffsetUnit::CodePoints => ("code points", "UTF-16 units (NVivo)"),
        OffsetUnit::Utf16 => (
            "UTF-16 units",
            "code points (the spec, QualCoder, ATLAS.ti)",
        ),
    };
    warnings.push(Warning::new(
        WarningKind::Offsets,
        Some(&s.guid),
        format!(
            "{:?} has characters outside the BMP: {differ} selections written in {written} would shift in tools counting {other}",
            s.name
        ),
    ));
}

/// Builds `project.qde` and the `(file name, text)` pairs of `sources/`.
#[allow(clippy::type_complexity)]
pub(crate) fn project_files(
    p: &QdaProject,
    unit: OffsetUnit,
) -> Result<(String, Vec<(String, String)>, Vec<Warning>), RefiError> {
    let mut x = Xml::new();
    let mut all = Vec::new();
    walk_codes(&p.codes, &mut all);
    let known: HashSet<Guid> = all.iter().map(|c| c.guid.clone()).collect();
    x.start("Project", &project_attrs(p, unit));
    users(&mut x, &p.users);
    if !p.codes.is_empty() {
        x.start("CodeBook", &[]);
        x.start("Codes", &[]);
        for c in &p.codes {
            code(&mut x, c, true);
        }
        x.end("Codes");
        x.end("CodeBook");
    }
    variables(&mut x, &p.variables);
    cases(&mut x, &p.cases);
    let mut texts = Vec::new();
    if !p.sources.is_empty() {
        x.start("Sources", &[]);
        for s in &p.sources {
            texts.push(text_source(&mut x, s, unit, &known));
        }
        x.end("Sources");
    }
    notes(&mut x, &p.notes);
    if !p.sets.is_empty() {
        x.start("Sets", &[]);
        for s in &p.sets {
            set(&mut x, s, true);
        }
        x.end("Sets");
    }
    if let Some(d) = &p.description {
        x.text_el("Description", d);
    }
    x.refs("NoteRef", &p.note_refs);
    x.end("Project");
    let xml = x.finish();
    Ok((xml, texts, x.warnings))
}

/// The `<Project>` element's attributes; `origin` names glose and, when not the spec's
/// code points, the offset unit.
fn project_attrs(p: &QdaProject, unit: OffsetUnit) -> Vec<(&'static str, String)> {
    let origin = match unit {
        OffsetUnit::CodePoints => format!("glose {}", env!("CARGO_PKG_VERSION")),
        OffsetUnit::Utf16 => format!("glose {} (offsets: UTF-16)", env!("CARGO_PKG_VERSION")),
    };
    let mut attrs = vec![
        ("xmlns", PROJECT_NS.to_string()),
        ("name", p.name.clone()),
        ("origin", origin),
    ];
    push_opt(
        &mut attrs,
        "creatingUserGUID",
        p.creating_user.as_ref().map(Guid::to_string),
    );
    push_opt(
        &mut attrs,
        "creationDateTime",
        p.creation_date.as_ref().map(date),
    );
    attrs
}

/// Adds the optional `creatingUser` and `creationDateTime` attributes shared by
/// sources, selections, codings and notes.
fn push_authorship(
    attrs: &mut Vec<(&'static str, String)>,
    user: Option<&Guid>,
    created: Option<&jiff::Timestamp>,
) {
    push_opt(attrs, "creatingUser", user.map(Guid::to_string));
    push_opt(attrs, "creationDateTime", created.map(date));
}

/// Writes `<Users>` (omitted when empty: the schema allows no empty containers).
fn users(x: &mut Xml, users: &[User]) {
    if users.is_empty() {
        return;
    }
    x.start("Users", &[]);
    for u in users {
        x.empty(
            "User",
            &[("guid", u.guid.to_string()), ("name", u.name.clone())],
        );
    }
    x.end("Users");
}

/// Writes `<Variables>` (omitted when empty).
fn variables(x: &mut Xml, variables: &[Variable]) {
    if variables.is_empty() {
        return;
    }
    x.start("Variables", &[]);
    for v in variables {
        let attrs = [
            ("guid", v.guid.to_string()),
            ("name", v.name.clone()),
            ("typeOfVariable", v.kind.as_str().to_string()),
        ];
        match &v.description {
            Some(d) => {
                x.start("Variable", &attrs);
                x.text_el("Description", d);
                x.end("Variable");
            }
            None => x.empty("Variable", &attrs),
        }
    }
    x.end("Variables");
}

/// Writes `<Cases>` with their references and variable values (omitted when empty).
fn cases(x: &mut Xml, cases: &[Case]) {
    if cases.is_empty() {
        return;
    }
    x.start("Cases", &[]);
    for c in cases {
        let mut attrs = vec![("guid", c.guid.to_string())];
        push_opt(&mut attrs, "name", c.name.clone());
        x.start("Case", &attrs);
        if let Some(d) = &c.description {
            x.text_el("Description", d);
        }
        x.refs("CodeRef", &c.code_refs);
        variable_values(x, &c.variable_values);
        x.refs("SourceRef", &c.source_refs);
        x.refs("SelectionRef", &c.selection_refs);
        x.end("Case");
    }
    x.end("Cases");
}

/// Writes one `<TextSource>` with its kept selections; returns its `sources/` file
/// name and normalised text.
fn text_source(
    x: &mut Xml,
    s: &TextSource,
    unit: OffsetUnit,
    known: &HashSet<Guid>,
) -> (String, String) {
    let (text, kept) = prepare_source(s, unit, &mut x.warnings);
    let file = format!("{}.txt", s.guid);
    let mut attrs = vec![
        ("guid", s.guid.to_string()),
        ("name", s.name.clone()),
        ("plainTextPath", format!("internal://{file}")),
    ];
    push_authorship(
        &mut attrs,
        s.creating_user.as_ref(),
        s.creation_date.as_ref(),
    );
    x.start("TextSource", &attrs);
    if let Some(d) = &s.description {
        x.text_el("Description", d);
    }
    let owner = format!("{:?}", s.name);
    for (i, start, end) in kept {
        if let Some(sel) = s.selections.get(i) {
            plain_text_selection(x, sel, (start, end), known, &owner);
        }
    }
    codings(x, &s.codings, known, &owner);
    x.refs("NoteRef", &s.note_refs);
    variable_values(x, &s.variable_values);
    x.end("TextSource");
    (file, text)
}

/// Writes one `<PlainTextSelection>` at `range` (already in the written offset unit).
fn plain_text_selection(
    x: &mut Xml,
    sel: &Selection,
    (start, end): (usize, usize),
    known: &HashSet<Guid>,
    owner: &str,
) {
    let mut attrs = vec![
        ("guid", sel.guid.to_string()),
        ("name", sel.name.clone()),
        ("startPosition", start.to_string()),
        ("endPosition", end.to_string()),
    ];
    push_authorship(
        &mut attrs,
        sel.creating_user.as_ref(),
        sel.creation_date.as_ref(),
    );
    x.start("PlainTextSelection", &attrs);
    if let Some(d) = &sel.description {
        x.text_el("Description", d);
    }
    codings(x, &sel.codings, known, owner);
    x.refs("NoteRef", &sel.note_refs);
    x.end("PlainTextSelection");
}

/// Writes `<Notes>` with their normalised text (omitted when empty).
fn notes(x: &mut Xml, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    x.start("Notes", &[]);
    for n in notes {
        let mut attrs = vec![("guid", n.guid.to_string()), ("name", n.name.clone())];
        push_authorship(
            &mut attrs,
            n.creating_user.as_ref(),
            n.creation_date.as_ref(),
        );
        x.start("Note", &attrs);
        if let Some(d) = &n.description {
            x.text_el("Description", d);
        }
        let text = super::offsets::normalise_text(&n.text);
        x.text_el("PlainTextContent", &text);
        x.end("Note");
    }
    x.end("Notes");
}
