//! LibreOffice / OpenDocument (`.odt`) import: the text of `content.xml`, one paragraph per
//! `text:p` or `text:h`.
//!
//! ODF collapses white space inside paragraphs like HTML does (a run of spaces, tabs or
//! newlines in the XML is one space, and leading space is dropped); explicit spacing is
//! written as elements:
//!
//! | XML | becomes |
//! |---|---|
//! | `text:p`, `text:h` | a paragraph (paragraphs are separated by a blank line) |
//! | `text:s text:c="n"` | n spaces (1 without `text:c`) |
//! | `text:tab` | a tab |
//! | `text:line-break` | a line break inside the paragraph |
//! | `text:span`, `text:a`, … | flattened to their text |
//! | `text:tracked-changes`, `text:note`, `office:annotation` | skipped (deleted text, footnotes, comments) |

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ImportError, XmlPart, flush_paragraph};

/// The zip entry holding the text of an OpenDocument file.
pub const CONTENT_ENTRY: &str = "content.xml";

/// Largest `text:c` honoured on one `text:s` (a hostile file could ask for billions).
const MAX_SPACES: usize = 1000;
/// Most spaces all `text:s` of a document may add, so that a small file cannot expand
/// into gigabytes of spaces; beyond it each `text:s` gives one space.
const SPACE_BUDGET: usize = 1 << 20;

/// Elements whose whole subtree is ignored.
const SKIPPED: &[&str] = &[
    "text:tracked-changes",
    "text:note",
    "office:annotation",
    "text:bookmark-ref",
    "office:automatic-styles",
    "office:font-face-decls",
];

/// Reads the `.odt` archive `bytes` (named `file` in messages) and returns its paragraphs
/// joined by blank lines (not yet normalised).
pub fn extract_text(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let xml = super::archive::read_entry(file, bytes, CONTENT_ENTRY)?;
    content_text(file, &xml)
}

/// The paragraph being built, with ODF's white-space collapsing state.
#[derive(Default)]
struct Para {
    text: String,
    /// True at the start of a paragraph and after a collapsible space: further XML white
    /// space is dropped.
    swallow_space: bool,
}

impl Para {
    fn push_xml_text(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.swallow_space {
                    self.text.push(' ');
                    self.swallow_space = true;
                }
            } else {
                self.text.push(c);
                self.swallow_space = false;
            }
        }
    }

    fn push_literal(&mut self, s: &str) {
        self.text.push_str(s);
        // After an explicit break, XML white space (indentation) is not meaningful.
        self.swallow_space = s.ends_with('\n');
    }
}

/// Extracts the paragraphs of a `content.xml` part (see the module table).
pub fn content_text(file: &str, xml: &[u8]) -> Result<String, ImportError> {
    let part = XmlPart {
        file,
        entry: CONTENT_ENTRY,
    };
    let mut reader = Reader::from_str(part.decode(xml)?);
    let mut content = ContentText {
        paragraphs: Vec::new(),
        para: Para::default(),
        para_depth: 0,
        depth: 0,
        spaces_left: SPACE_BUDGET,
    };
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| part.error(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(e) => {
                if SKIPPED.contains(&e.name().0) {
                    reader
                        .read_to_end(e.name())
                        .map_err(|err| part.error(reader.error_position(), err.to_string()))?;
                    continue;
                }
                content.start(&part, position, &e)?;
            }
            Event::Empty(e) => content.empty(&part, position, &e)?,
            Event::End(e) => content.end(e.name().0),
            Event::Text(t) => content.push_text(&t.xml10_content()),
            Event::CData(t) => content.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = part.resolve_ref(position, &r)?;
                content.push_text(c.encode_utf8(&mut [0u8; 4]));
            }
            Event::DocType(_) => return Err(part.doctype_error(position)),
            Event::Eof => {
                if content.depth > 0 {
                    return Err(part.error(position, "the XML ends before its elements close"));
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    Ok(content.finish())
}

/// The paragraphs read so far, the one being built, and where the reader stands.
struct ContentText {
    paragraphs: Vec<String>,
    para: Para,
    para_depth: usize,
    depth: usize,
    /// What is left of [`SPACE_BUDGET`].
    spaces_left: usize,
}

impl ContentText {
    /// A fresh paragraph, swallowing leading white space.
    fn new_para() -> Para {
        Para {
            swallow_space: true,
            ..Para::default()
        }
    }

    /// An element opens (one not skipped): a paragraph starts, or spacing inside one.
    fn start(
        &mut self,
        part: &XmlPart<'_>,
        position: u64,
        e: &BytesStart<'_>,
    ) -> Result<(), ImportError> {
        self.depth += 1;
        if is_paragraph(e.name().0) {
            if self.para_depth > 0 {
                flush_paragraph(&mut self.para.text, &mut self.paragraphs);
            }
            self.para = Self::new_para();
            self.para_depth += 1;
        } else if self.para_depth > 0 {
            push_inline(part, position, e, &mut self.para, &mut self.spaces_left)?;
        }
        Ok(())
    }

    /// A self-closing element: an empty paragraph ends the current one, else spacing.
    fn empty(
        &mut self,
        part: &XmlPart<'_>,
        position: u64,
        e: &BytesStart<'_>,
    ) -> Result<(), ImportError> {
        if is_paragraph(e.name().0) {
            flush_paragraph(&mut self.para.text, &mut self.paragraphs);
        } else if self.para_depth > 0 {
            push_inline(part, position, e, &mut self.para, &mut self.spaces_left)?;
        }
        Ok(())
    }

    /// An element closes; a paragraph's end flushes it.
    fn end(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        if is_paragraph(name) {
            flush_paragraph(&mut self.para.text, &mut self.paragraphs);
            self.para = Self::new_para();
            self.para_depth = self.para_depth.saturating_sub(1);
        }
    }

    /// Character data, kept (collapsed as ODF says) only inside a paragraph.
    fn push_text(&mut self, s: &str) {
        if self.para_depth > 0 {
            self.para.push_xml_text(s);
        }
    }

    /// The paragraphs joined by blank lines.
    fn finish(mut self) -> String {
        flush_paragraph(&mut self.para.text, &mut self.paragraphs);
        self.paragraphs.join("\n\n")
    }
}

fn is_paragraph(name: &str) -> bool {
    name == "text:p" || name == "text:h"
}

/// Appends what a spacing element inside a paragraph stands for.
fn push_inline(
    part: &XmlPart<'_>,
    position: u64,
    e: &BytesStart<'_>,
    para: &mut Para,
    spaces_left: &mut usize,
) -> Result<(), ImportError> {
    match e.name().0 {
        "text:s" => {
            let mut count = 1usize;
            for attr in e.attributes() {
                let attr = attr.map_err(|err| part.error(position, err.to_string()))?;
                if attr.key.0 == "text:c" {
                    count = attr.value.trim().parse().map_err(|_| {
                        part.error(position, format!("bad space count `{}`", attr.value))
                    })?;
                }
            }
            let count = count.min(MAX_SPACES).min(*spaces_left).max(1);
            *spaces_left = spaces_left.saturating_sub(count);
            para.push_literal(&" ".repeat(count));
        }
        "text:tab" => para.push_literal("\t"),
        "text:line-break" => para.push_literal("\n"),
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    #[test]
    fn spaces_tabs_breaks_and_spans() {
        let xml = content(concat!(
            "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>",
            "<text:p>effacé</text:p></text:deletion></text:changed-region></text:tracked-changes>",
            "<text:h text:outline-level=\"1\">Titre</text:h>\n  ",
            "<text:p>  Q :<text:s/>a <text:span text:style-name=\"T1\">b\n   c</text:span>",
            "<text:s text:c=\"3\"/>d<text:tab/>e<text:line-break/>  f&amp;&#x2019;",
            "<text:note><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p>",
            "<text:p/><text:list><text:list-item><text:p>item</text:p></text:list-item></text:list>",
        ));
        assert_eq!(
            content_text("t.odt", xml.as_bytes()).unwrap(),
            "Titre\n\nQ : a b c   d\te\nf&\u{2019}\n\nitem"
        );
    }

    #[test]
    fn refuses_doctype_and_bad_counts() {
        let xml = r#"<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>"#;
        let msg = content_text("e.odt", xml.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("e.odt") && msg.contains("content.xml") && msg.contains("DOCTYPE"));
        let xml = content(r#"<text:p>a<text:s text:c="-1"/></text:p>"#);
        assert!(content_text("e.odt", xml.as_bytes()).is_err());
        let xml = content(r#"<text:p>a<text:s text:c="99999999999"/>b</text:p>"#);
        let text = content_text("e.odt", xml.as_bytes()).unwrap();
        assert_eq!(text.len(), 2 + MAX_SPACES);
        let many = r#"<text:s text:c="1000"/>"#.repeat(2000);
        let xml = content(&format!("<text:p>a{many}b</text:p>"));
        let text = content_text("e.odt", xml.as_bytes()).unwrap();
        // 1048 full `text:s`, one of 576 spaces, then 951 single spaces.
        assert_eq!(text.len(), 2 + SPACE_BUDGET + 951);
    }
}
