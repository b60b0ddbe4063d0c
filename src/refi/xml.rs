//! A tiny element tree over quick-xml, matched by local names, for the lenient
//! reading of `.qde` and `.qdc` files. DOCTYPE (hence entity declarations) is
//! refused outright; only the five predefined entities and character references
//! are resolved.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
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
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let xml_err = |pos: u64, message: String| RefiError::Xml {
        file: file.to_string(),
        position: pos,
        message,
    };
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| xml_err(reader.error_position(), e.to_string()))?;
        match event {
            Event::DocType(_) => {
                return Err(RefiError::Doctype {
                    file: file.to_string(),
                });
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(xml_err(pos, format!("nesting deeper than {MAX_DEPTH}")));
                }
                if root.is_some() {
                    return Err(xml_err(pos, "content after the root element".into()));
                }
                stack.push(start_element(&e, file, pos)?);
            }
            Event::Empty(e) => {
                let el = start_element(&e, file, pos)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(xml_err(pos, "content after the root element".into())),
                }
            }
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or_else(|| xml_err(pos, "unexpected end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(xml_err(pos, format!("unknown entity &{};", &*r)));
                        }
                    },
                    Err(e) => return Err(xml_err(pos, e.to_string())),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(xml_err(
            reader.buffer_position(),
            "document ends inside an element".into(),
        ));
    }
    let root = root.ok_or_else(|| xml_err(0, "no root element".into()))?;
    refuse_hidden_characters(&root, file)?;
    Ok(root)
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
