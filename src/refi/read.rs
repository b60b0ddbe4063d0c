//! Reading `.qdpx` projects and `.qdc` codebooks as real tools write them.

use std::io::Read;
use std::path::Path;

use super::model::{Codebook, Guid, Note, QdaProject, Selection, TextSource, walk_codes};
use super::offsets::{Detection, Mapped, detect, name_matches, normalise_text};
use super::parse::{self, Ctx};
use super::safezip::{Limits, SafeZip};
use super::xml::{self, Element};
use super::{RefiError, Warning, WarningKind};

/// Largest `.qdc` file read (a codebook is a few kilobytes).
const MAX_QDC_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a `.qdpx` project with default [`Limits`].
///
/// Returns the project with every selection converted to code points of its
/// normalised text, plus warnings about what was tolerated or left out.
pub fn read_qdpx(path: &Path) -> Result<(QdaProject, Vec<Warning>), RefiError> {
    read_qdpx_with_limits(path, Limits::default())
}

/// Reads a `.qdpx` project with explicit archive limits.
pub fn read_qdpx_with_limits(
    path: &Path,
    limits: Limits,
) -> Result<(QdaProject, Vec<Warning>), RefiError> {
    let mut zip = SafeZip::open(path, limits)?;
    let qde = pick_qde(zip.names()).ok_or_else(|| RefiError::NoQde {
        archive: path.to_path_buf(),
    })?;
    let label = format!("{}!{}", path.display(), qde);
    let mut ctx = Ctx::new(label.clone());
    let qde_count = zip.names().iter().filter(|n| is_root_qde(n)).count();
    if qde_count > 1 {
        ctx.warn(
            WarningKind::Tolerated,
            None,
            format!(
                "{} holds {qde_count} .qde files; read {qde}",
                path.display()
            ),
        );
    } else if qde != "project.qde" {
        ctx.warn(
            WarningKind::Tolerated,
            None,
            format!("project file is named {qde:?} instead of \"project.qde\""),
        );
    }
    let bytes = zip.read(&qde)?;
    let text = decode(&bytes, &label)?;
    let root = xml::parse(&text, &label)?;
    if root.name != "Project" {
        return Err(RefiError::WrongRoot {
            file: label,
            found: root.name,
            expected: "Project",
        });
    }
    parse::check_namespace(
        &mut ctx,
        &root,
        "urn:QDA-XML:project:1.0",
        "urn:QDA-XML:project:",
    );
    let project = project(&mut ctx, &root, &mut zip)?;
    Ok((project, ctx.warnings))
}

/// Reads a `.qdc` codebook (any `urn:QDA-XML:codebook:*` namespace).
pub fn read_qdc(path: &Path) -> Result<(Codebook, Vec<Warning>), RefiError> {
    let io = |source| RefiError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_QDC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let label = path.display().to_string();
    if bytes.len() as u64 > MAX_QDC_BYTES {
        return Err(RefiError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_QDC_BYTES,
        });
    }
    let text = decode(&bytes, &label)?;
    let root = xml::parse(&text, &label)?;
    if root.name != "CodeBook" {
        return Err(RefiError::WrongRoot {
            file: label,
            found: root.name,
            expected: "CodeBook",
        });
    }
    let mut ctx = Ctx::new(label);
    parse::check_namespace(
        &mut ctx,
        &root,
        "urn:QDA-XML:codebook:1.0",
        "urn:QDA-XML:codebook:",
    );
    let codes = root
        .child("Codes")
        .map(|c| parse::codes(&mut ctx, c, 0))
        .unwrap_or_default();
    let sets = parse::sets(&mut ctx, root.child("Sets"));
    let book = Codebook {
        origin: root.attr("origin").map(str::to_string),
        codes,
        sets,
    };
    Ok((book, ctx.warnings))
}

fn is_root_qde(name: &str) -> bool {
    !name.contains('/') && !name.contains('\\') && name.to_lowercase().ends_with(".qde")
}

/// The `.qde` entry to read: `project.qde` (any case) first, else the first root `.qde`.
fn pick_qde(names: &[String]) -> Option<String> {
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("project.qde"))
        .or_else(|| names.iter().find(|n| is_root_qde(n)))
        .cloned()
}

fn decode(bytes: &[u8], label: &str) -> Result<String, RefiError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| RefiError::Utf8 {
        file: label.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Finds the archive entry a `plainTextPath` points at.
///
/// `internal://X` is looked up as `sources/X` in any case, then by file name
/// anywhere; a path without scheme is tolerated the same way. External paths
/// (`relative://`, `absolute://`) are never read: an untrusted project must not
/// pull files from the user's disk.
fn resolve_entry(ctx: &mut Ctx, names: &[String], path: &str, guid: &Guid) -> Option<String> {
    let path = path.trim();
    let rest = if let Some(r) = path.strip_prefix("internal://") {
        r
    } else if path.starts_with("relative://") || path.starts_with("absolute://") {
        ctx.warn(
            WarningKind::DataLoss,
            Some(guid),
            format!("text {path:?} is outside the archive; external files are not read"),
        );
        return None;
    } else {
        ctx.warn(
            WarningKind::Tolerated,
            Some(guid),
            format!("path {path:?} has no internal:// scheme; looked up in the archive"),
        );
        path
    };
    let rest = rest.trim_start_matches('/');
    let wanted = format!("sources/{}", rest.to_lowercase());
    if let Some(n) = names.iter().find(|n| n.to_lowercase() == wanted) {
        return Some(n.clone());
    }
    let base = rest
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(rest)
        .to_lowercase();
    let found = names.iter().find(|n| {
        n.rsplit(['/', '\\'])
            .next()
            .is_some_and(|b| b.to_lowercase() == base)
    });
    if found.is_none() {
        ctx.warn(
            WarningKind::DataLoss,
            Some(guid),
            format!("text file {path:?} is missing from the archive"),
        );
    }
    found.cloned()
}

/// The raw text of a TextSource-like element: inline `PlainTextContent` or its file.
fn raw_text<R: Read + std::io::Seek>(
    ctx: &mut Ctx,
    el: &Element,
    guid: &Guid,
    zip: &mut SafeZip<R>,
) -> Result<Option<String>, RefiError> {
    if let Some(content) = el.child_text("PlainTextContent") {
        return Ok(Some(content));
    }
    let Some(path) = el.attr("plainTextPath") else {
        ctx.warn(
            WarningKind::DataLoss,
            Some(guid),
            format!(
                "{:?} has neither PlainTextContent nor plainTextPath",
                el.attr("name").unwrap_or("")
            ),
        );
        return Ok(None);
    };
    let names = zip.names().to_vec();
    let Some(entry) = resolve_entry(ctx, &names, path, guid) else {
        return Ok(None);
    };
    let bytes = zip.read(&entry)?;
    let label = format!("{}!{}", zip.label().display(), entry);
    Ok(Some(decode(&bytes, &label)?))
}

fn project<R: Read + std::io::Seek>(
    ctx: &mut Ctx,
    root: &Element,
    zip: &mut SafeZip<R>,
) -> Result<QdaProject, RefiError> {
    let mut p = QdaProject {
        name: root.attr("name").unwrap_or("").to_string(),
        origin: root.attr("origin").map(str::to_string),
        description: root.child_text("Description"),
        creating_user: ctx.guid_attr(root, "creatingUserGUID"),
        creation_date: ctx.date_attr(root, "creationDateTime"),
        users: parse::users(ctx, root.child("Users")),
        codes: root
            .child("CodeBook")
            .and_then(|cb| cb.child("Codes"))
            .map(|c| parse::codes(ctx, c, 0))
            .unwrap_or_default(),
        variables: parse::variables(ctx, root.child("Variables")),
        cases: parse::cases(ctx, root.child("Cases")),
        sets: parse::sets(ctx, root.child("Sets")),
        note_refs: ctx.refs(root, "NoteRef"),
        ..QdaProject::default()
    };
    let origin = p.origin.clone();
    if let Some(sources) = root.child("Sources") {
        for el in &sources.children {
            if el.name == "TextSource" {
                p.sources
                    .push(text_source(ctx, el, zip, origin.as_deref())?);
            } else {
                let guid = ctx.ident(el);
                ctx.warn(
                    WarningKind::DataLoss,
                    Some(&guid),
                    format!(
                        "{} {:?} not imported: glose exchanges plain-text sources only",
                        el.name,
                        el.attr("name").unwrap_or("")
                    ),
                );
            }
        }
    }
    if let Some(notes) = root.child("Notes") {
        for el in notes.children_named("Note") {
            p.notes.push(note(ctx, el, zip)?);
        }
    }
    for (container, what) in [("Links", "Link"), ("Graphs", "Graph")] {
        if let Some(c) = root.child(container) {
            let n = c.children_named(what).count();
            ctx.warn(
                WarningKind::DataLoss,
                None,
                format!("{n} <{what}> element(s) not imported"),
            );
        }
    }
    check_code_refs(ctx, &p);
    Ok(p)
}

fn note<R: Read + std::io::Seek>(
    ctx: &mut Ctx,
    el: &Element,
    zip: &mut SafeZip<R>,
) -> Result<Note, RefiError> {
    let guid = ctx.ident(el);
    let text = raw_text(ctx, el, &guid, zip)?
        .map(|t| normalise_text(&t))
        .unwrap_or_default();
    if el.child("PlainTextSelection").is_some() || el.child("Coding").is_some() {
        ctx.warn(
            WarningKind::DataLoss,
            Some(&guid),
            "selections and codings inside a note are not imported",
        );
    }
    Ok(Note {
        name: el.attr("name").unwrap_or("").to_string(),
        text,
        description: el.child_text("Description"),
        creating_user: ctx.guid_attr(el, "creatingUser"),
        creation_date: ctx.date_attr(el, "creationDateTime"),
        guid,
    })
}

/// One `<PlainTextSelection>` before its offsets are converted.
struct RawSel {
    sel: Selection,
    start: i64,
    end: i64,
}

/// Reads one `<TextSource>`: its text, guessing the offset convention of its selections.
fn text_source<R: Read + std::io::Seek>(
    ctx: &mut Ctx,
    el: &Element,
    zip: &mut SafeZip<R>,
    origin: Option<&str>,
) -> Result<TextSource, RefiError> {
    let guid = ctx.ident(el);
    let name = el.attr("name").unwrap_or("").to_string();
    let raws = raw_selections(ctx, el, &name);
    let raw = raw_text(ctx, el, &guid, zip)?;
    let mut src = TextSource {
        name: name.clone(),
        description: el.child_text("Description"),
        creating_user: ctx.guid_attr(el, "creatingUser"),
        creation_date: ctx.date_attr(el, "creationDateTime"),
        codings: parse::codings(ctx, el),
        note_refs: ctx.refs(el, "NoteRef"),
        variable_values: parse::variable_values(ctx, el),
        guid: guid.clone(),
        ..TextSource::default()
    };
    let Some(raw) = raw else {
        for r in raws {
            ctx.warn(
                WarningKind::Selection,
                Some(&r.sel.guid),
                format!(
                    "selection {}..{} of {name:?} dropped: the source text is missing",
                    r.start, r.end
                ),
            );
        }
        return Ok(src);
    };
    let keys: Vec<(i64, i64, &str)> = raws
        .iter()
        .map(|r| (r.start, r.end, r.sel.name.as_str()))
        .collect();
    let det = detect(&raw, &keys, origin);
    warn_detection(ctx, &det, raws.len(), &guid, &name);
    for r in raws {
        if let Some(sel) = place_selection(ctx, &det, r, &name) {
            src.selections.push(sel);
        }
    }
    src.text = det.map.normalised().to_string();
    Ok(src)
}

/// Reads a source's `<PlainTextSelection>`s with their offsets still in the file's unknown
/// convention (dropping, with a warning, those without valid positions).
fn raw_selections(ctx: &mut Ctx, el: &Element, name: &str) -> Vec<RawSel> {
    let mut raws = Vec::new();
    for s in el.children_named("PlainTextSelection") {
        let sguid = ctx.ident(s);
        let pos = |attr: &str| s.attr(attr).and_then(|v| v.trim().parse::<i64>().ok());
        let (Some(start), Some(end)) = (pos("startPosition"), pos("endPosition")) else {
            ctx.warn(
                WarningKind::Selection,
                Some(&sguid),
                format!("selection in {name:?} without valid start/end positions; dropped"),
            );
            continue;
        };
        raws.push(RawSel {
            sel: Selection {
                name: s.attr("name").unwrap_or("").to_string(),
                creating_user: ctx.guid_attr(s, "creatingUser"),
                creation_date: ctx.date_attr(s, "creationDateTime"),
                description: s.child_text("Description"),
                codings: parse::codings(ctx, s),
                note_refs: ctx.refs(s, "NoteRef"),
                guid: sguid,
                start: 0,
                end: 0,
            },
            start,
            end,
        });
    }
    raws
}

/// Tells which offset convention was guessed for a text that several conventions could
/// read, and warns when even the best guess fits few of its `n` selections.
fn warn_detection(ctx: &mut Ctx, det: &Detection, n: usize, guid: &Guid, name: &str) {
    if n == 0 || !det.ambiguous_text {
        return;
    }
    ctx.warn(
        WarningKind::Offsets,
        Some(guid),
        format!(
            "offsets of {name:?} read as {} ({} of {n} selections on word boundaries, {} matching their name)",
            det.convention, det.boundary_hits, det.name_hits
        ),
    );
    if det.boundary_hits * 2 < n && det.name_hits * 2 < n {
        ctx.warn(
            WarningKind::Offsets,
            Some(guid),
            format!("offsets of {name:?} are uncertain: most selections cut words under every convention"),
        );
    }
}

/// Maps one raw selection into the normalised text's code points, widening or clamping
/// it with a warning; `None` (with a warning) when it cannot be placed at all.
fn place_selection(ctx: &mut Ctx, det: &Detection, r: RawSel, name: &str) -> Option<Selection> {
    let len = det.map.len_chars();
    let mut sel = r.sel;
    let what = format!("selection {}..{} of {name:?}", r.start, r.end);
    let start = match det.map.map(r.start) {
        Mapped::Exact(p) => p,
        Mapped::Inside(a, _) => {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("{what} starts inside a character; widened to start at {a}"),
            );
            a
        }
        Mapped::OutOfRange => {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("{what} starts outside the text ({len} characters); dropped"),
            );
            return None;
        }
    };
    let end = match det.map.map(r.end) {
        Mapped::Exact(p) => p,
        Mapped::Inside(_, b) => {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("{what} ends inside a character; widened to end at {b}"),
            );
            b
        }
        Mapped::OutOfRange if r.end > r.start => {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("{what} ends past the text ({len} characters); clamped to its end"),
            );
            len
        }
        Mapped::OutOfRange => {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!("{what} has a negative end; dropped"),
            );
            return None;
        }
    };
    if start > end {
        ctx.warn(
            WarningKind::Selection,
            Some(&sel.guid),
            format!("{what} ends before it starts; dropped"),
        );
        return None;
    }
    sel.start = start;
    sel.end = end;
    if det.name_hits > 0 && sel.name.trim().chars().count() >= 3 {
        let quote = det.map.quote(start, end);
        if !name_matches(&sel.name, quote) {
            ctx.warn(
                WarningKind::Selection,
                Some(&sel.guid),
                format!(
                    "{what}: text {quote:?} does not match its name {:?}",
                    sel.name
                ),
            );
        }
    }
    Some(sel)
}

/// Reports codings whose code is not in the code tree (NVivo codes cases this way).
fn check_code_refs(ctx: &mut Ctx, p: &QdaProject) {
    let mut all = Vec::new();
    walk_codes(&p.codes, &mut all);
    let known: std::collections::HashSet<&Guid> = all.iter().map(|c| &c.guid).collect();
    let cases: std::collections::HashSet<&Guid> = p.cases.iter().map(|c| &c.guid).collect();
    for s in &p.sources {
        let codings = s
            .codings
            .iter()
            .chain(s.selections.iter().flat_map(|x| &x.codings));
        for c in codings {
            if known.contains(&c.code_guid) {
                continue;
            }
            let msg = if cases.contains(&c.code_guid) {
                format!(
                    "coding in {:?} refers to case {} (case coding), not a code",
                    s.name, c.code_guid
                )
            } else {
                format!(
                    "coding in {:?} refers to unknown code {}",
                    s.name, c.code_guid
                )
            };
            ctx.warn(WarningKind::InvalidValue, Some(&c.guid), msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qde_is_picked_leniently() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            pick_qde(&names(&["sources/a.txt", "My Project.qde", "Project.qde"])).as_deref(),
            Some("Project.qde")
        );
        assert_eq!(
            pick_qde(&names(&["x/project.qde", "Study.QDE"])).as_deref(),
            Some("Study.QDE")
        );
        assert_eq!(pick_qde(&names(&["sources/a.txt"])), None);
    }

    #[test]
    fn entries_resolve_case_insensitively() {
        let names: Vec<String> = ["Sources/AB.TXT", "other/x.txt", "notes.txt"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let g = Guid::new_v7();
        let mut ctx = Ctx::new("t");
        assert_eq!(
            resolve_entry(&mut ctx, &names, "internal://ab.txt", &g).as_deref(),
            Some("Sources/AB.TXT")
        );
        assert_eq!(
            resolve_entry(&mut ctx, &names, "x.txt", &g).as_deref(),
            Some("other/x.txt")
        );
        assert_eq!(
            resolve_entry(&mut ctx, &names, "absolute:///etc/passwd", &g),
            None
        );
        assert_eq!(
            resolve_entry(&mut ctx, &names, "internal://none.txt", &g),
            None
        );
        assert_eq!(ctx.warnings.len(), 3);
    }
}
