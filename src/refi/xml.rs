//! A tiny element tree over quick-xml, matched by local names, for the lenient
//! reading of `.qde` and `.qdc` files. DOCTYPE (hence entity declarations) is
//! refused outright; only the five predefined entities and character references
//! are resolved.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::RefiError;

/// Deepest element nesting accepted (code trees are far shallower).
const MAX_DEPTH: usize = 200;

/// An XML element with local names only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// Local name (prefix dropped).
    pub name: String,
    /// Attributes by local name, values unescaped; `xmlns` declarations kept as `xmlns`/`xmlns:p`.
    pub attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Concatenated text content directly inside this element.
    pub text: String,
}

impl Element {
    /// The attribute with this local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// First child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Text of the first child with this local name.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.text.clone())
    }
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

fn start_element(e: &BytesStart<'_>, file: &str, pos: u64) -> Result<Element, RefiError> {
    let mut el = Element {
        name: local(e.name().0).to_string(),
        ..Element::default()
    };
    for attr in e.attributes() {
        let attr = attr.map_err(|err| RefiError::Xml {
            file: file.to_string(),
            position: pos,
            message: err.to_string(),
        })?;
        let key = attr.key.0;
        let key = if key == "xmlns" || key.starts_with("xmlns:") {
            key.to_string()
        } else {
            local(key).to_string()
        };
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| RefiError::Xml {
                file: file.to_string(),
                position: pos,
                message: format!("attribute {key}: {err}"),
            })?;
        el.attrs.push((key, value.into_owned()));
    }
    Ok(el)
}

/// Parses a whole document into its root element.
///
/// `file` names the document in errors. A leading BOM is tolerated.
pub(crate) fn parse(text: &str, file: &str) -> Result<Element, RefiError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut tree = TreeBuilder {
        file,
        stack: Vec::new(),
        root: None,
    };
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| tree.error(reader.error_position(), e.to_string()))?;
        match event {
            Event::DocType(_) => {
                return Err(RefiError::Doctype {
                    file: file.to_string(),
                });
            }
            Event::Start(e) => tree.open(&e, pos)?,
            Event::Empty(e) => tree.empty(&e, pos)?,
            Event::End(_) => tree.close(pos)?,
            Event::Text(t) => tree.push_text(&t.xml10_content()),
            Event::CData(t) => tree.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = tree.resolve_reference(&r, pos)?;
                tree.push_text(&resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    let root = tree.finish(reader.buffer_position())?;
    refuse_hidden_characters(&root, file)?;
    Ok(root)
}

/// The element tree as [`parse`] builds it: the open elements and, once closed, the root.
struct TreeBuilder<'f> {
    file: &'f str,
    stack: Vec<Element>,
    root: Option<Element>,
}

impl TreeBuilder<'_> {
    /// A syntax error at byte `pos` of the document.
    fn error(&self, pos: u64, message: String) -> RefiError {
        RefiError::Xml {
            file: self.file.to_string(),
            position: pos,
            message,
        }
    }

    /// Opens an element, refusing nesting beyond [`MAX_DEPTH`] and a second root.
    fn open(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<(), RefiError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(pos, format!("nesting deeper than {MAX_DEPTH}")));
        }
        if self.root.is_some() {
            return Err(self.error(pos, "content after the root element".into()));
        }
        self.stack.push(start_element(e, self.file, pos)?);
        Ok(())
    }

    /// Adds a self-closing element to the open one (or makes it the root).
    fn empty(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<(), RefiError> {
        let el = start_element(e, self.file, pos)?;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None if self.root.is_none() => self.root = Some(el),
            None => return Err(self.error(pos, "content after the root element".into())),
        }
        Ok(())
    }

    /// Closes the innermost open element, attaching it to its parent (or as the root).
    fn close(&mut self, pos: u64) -> Result<(), RefiError> {
        let el = self
            .stack
            .pop()
            .ok_or_else(|| self.error(pos, "unexpected end tag".into()))?;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => self.root = Some(el),
        }
        Ok(())
    }

    /// Appends text to the innermost open element (text outside the root is ignored).
    fn push_text(&mut self, text: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(text);
        }
    }

    /// Resolves a character reference or one of the five predefined entities; any other
    /// entity is an error (no DOCTYPE can declare one).
    fn resolve_reference(&self, r: &BytesRef<'_>, pos: u64) -> Result<String, RefiError> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            Ok(None) => match resolve_predefined_entity(r) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.error(pos, format!("unknown entity &{};", &**r))),
            },
            Err(e) => Err(self.error(pos, e.to_string())),
        }
    }

    /// The root, once the document has ended; `end` is where it ended.
    fn finish(self, end: u64) -> Result<Element, RefiError> {
        if !self.stack.is_empty() {
            return Err(self.error(end, "document ends inside an element".into()));
        }
        let file = self.file;
        self.root.ok_or_else(|| RefiError::Xml {
            file: file.to_string(),
            position: 0,
            message: "no root element".into(),
        })
    }
}

/// A character no text of a project may hold: NUL and the other control characters XML 1.0
/// forbids (even as `&#0;`), and the bidirectional overrides (U+202D, U+202E) that make a
/// name display as something else.
fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\0' => Some("a NUL character"),
        c if u32::from(c) < 0x20 => Some("a control character"),
        '\u{202D}' => Some("a left-to-right override (U+202D)"),
        '\u{202E}' => Some("a right-to-left override (U+202E)"),
        _ => None,
    }
}

fn refuse_hidden_characters(root: &Element, file: &str) -> Result<(), RefiError> {
    let mut stack = vec![root];
    while let Some(el) = stack.pop() {
        let texts = el
            .attrs
            .iter()
            .map(|(k, v)| (format!("attribute {k} of <{}>", el.name), v))
            .chain(std::iter::once((
                format!("the text of <{}>", el.name),
                &el.text,
            )));
        for (place, value) in texts {
            if let Some(what) = value.chars().find_map(forbidden) {
                let name = el
                    .attr("name")
                    .map(|n| format!(" named {n:?}"))
                    .unwrap_or_default();
                return Err(RefiError::Hidden {
                    file: file.to_string(),
                    what,
                    place: format!("{place}{}", name.escape_debug()),
                });
            }
        }
        stack.extend(el.children.iter());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_by_local_name_and_resolves_predefined_entities() {
        let doc = r#"<?xml version="1.0"?><q:Project xmlns:q="urn:QDA-XML:project:1.0" q:name="a &amp; b&#10;c"><q:Description>x &lt; y &#x1F600;</q:Description><Empty/></q:Project>"#;
        let root = parse(doc, "t").unwrap();
        assert_eq!(root.name, "Project");
        assert_eq!(root.attr("name"), Some("a & b\nc"));
        assert_eq!(root.child_text("Description").unwrap(), "x < y 😀");
        assert!(root.child("Empty").is_some());
    }

    #[test]
    fn doctype_and_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project name="&lol2;"/>"#;
        assert!(matches!(parse(bomb, "t"), Err(RefiError::Doctype { .. })));
        let undeclared = r#"<Project><Description>&lol;</Description></Project>"#;
        assert!(matches!(parse(undeclared, "t"), Err(RefiError::Xml { .. })));
    }

    #[test]
    fn nul_and_bidi_overrides_are_refused() {
        for (xml, what) in [
            (
                "<Project name=\"a&#0;b\"/>",
                "0x0 character is not permitted",
            ),
            (
                "<Project name=\"ab\"><Description>x\u{0}y</Description></Project>",
                "NUL",
            ),
            (
                "<Project name=\"x\"><TextSource name=\"E1\u{202E}txt.exe\"/></Project>",
                "right-to-left override",
            ),
            ("<Project name=\"x&#x202E;y\"/>", "right-to-left override"),
        ] {
            let e = parse(xml, "p.qde").unwrap_err().to_string();
            assert!(e.starts_with("p.qde: ") && e.contains(what), "{xml}: {e}");
        }
        assert!(parse("<Project name=\"\u{5d0}\u{200f}b\"/>", "p.qde").is_ok());
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(parse("<a><b></a>", "t").is_err());
        assert!(parse("<a>", "t").is_err());
        assert!(parse("", "t").is_err());
    }
}
