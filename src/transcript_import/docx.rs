//! Word (`.docx`) import: the visible text of `word/document.xml`, one paragraph per `w:p`.
//!
//! | XML | becomes |
//! |---|---|
//! | `w:p` | a paragraph (paragraphs are separated by a blank line) |
//! | `w:t` | its text; surrounding whitespace kept only with `xml:space="preserve"` |
//! | `w:tab` (in a run) | a tab |
//! | `w:br`, `w:cr` | a line break inside the paragraph |
//! | `w:noBreakHyphen` | U+2011 |
//! | `w:del`, `w:moveFrom`, `w:delText`, `w:instrText` | skipped (tracked deletions, field codes) |
//! | `w:pPr`, `w:rPr`, `mc:Fallback` | skipped (formatting, duplicated fallback content) |
//!
//! Speaker labels ("Intervieweuse : …") are ordinary text and are kept as they are.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ImportError, XmlPart, flush_paragraph};

/// The zip entry holding the main text of a Word document.
pub const DOCUMENT_ENTRY: &str = "word/document.xml";

/// Elements whose whole subtree is ignored.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "w:delText",
    "w:instrText",
    "w:pPr",
    "w:rPr",
    "mc:Fallback",
];

/// Reads the `.docx` archive `bytes` (named `file` in messages) and returns its paragraphs
/// joined by blank lines (not yet normalised).
pub fn extract_text(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let xml = super::archive::read_entry(file, bytes, DOCUMENT_ENTRY)?;
    document_text(file, &xml)
}

/// Extracts the paragraphs of a `word/document.xml` part (see the module table).
pub fn document_text(file: &str, xml: &[u8]) -> Result<String, ImportError> {
    let part = XmlPart {
        file,
        entry: DOCUMENT_ENTRY,
    };
    let mut reader = Reader::from_str(part.decode(xml)?);
    let mut doc = DocumentText::default();
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
                doc.start(&e);
            }
            Event::Empty(e) => doc.empty(e.name().0),
            Event::End(e) => doc.end(e.name().0),
            Event::Text(t) => doc.push_text(&t.xml10_content()),
            Event::CData(t) => doc.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = part.resolve_ref(position, &r)?;
                doc.push_text(c.encode_utf8(&mut [0u8; 4]));
            }
            Event::DocType(_) => return Err(part.doctype_error(position)),
            Event::Eof => {
                if doc.depth > 0 {
                    return Err(part.error(position, "the XML ends before its elements close"));
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    Ok(doc.finish())
}

/// The paragraphs read so far and where the reader stands in the element tree.
#[derive(Default)]
struct DocumentText {
    paragraphs: Vec<String>,
    /// The paragraph being built.
    buf: String,
    para_depth: usize,
    run_depth: usize,
    depth: usize,
    /// Text of the `w:t` being read, and whether it preserves its spaces.
    t_text: Option<(String, bool)>,
}

impl DocumentText {
    /// An element opens (one not skipped): a paragraph, a run, a `w:t`, or an inline mark.
    fn start(&mut self, e: &BytesStart<'_>) {
        self.depth += 1;
        let name = e.name().0;
        match name {
            "w:p" => {
                if self.para_depth > 0 {
                    flush_paragraph(&mut self.buf, &mut self.paragraphs);
                }
                self.para_depth += 1;
            }
            "w:r" => self.run_depth += 1,
            "w:t" => self.t_text = Some((String::new(), preserves_space(e))),
            _ => push_inline(name, self.run_depth, &mut self.buf),
        }
    }

    /// A self-closing element: an empty paragraph ends the current one, else an inline mark.
    fn empty(&mut self, name: &str) {
        if name == "w:p" {
            flush_paragraph(&mut self.buf, &mut self.paragraphs);
        } else {
            push_inline(name, self.run_depth, &mut self.buf);
        }
    }

    /// An element closes: a paragraph is flushed, a `w:t`'s text added (trimmed unless
    /// it preserves space).
    fn end(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        match name {
            "w:p" => {
                flush_paragraph(&mut self.buf, &mut self.paragraphs);
                self.para_depth = self.para_depth.saturating_sub(1);
            }
            "w:r" => self.run_depth = self.run_depth.saturating_sub(1),
            "w:t" => {
                if let Some((text, preserve)) = self.t_text.take() {
                    self.buf
                        .push_str(if preserve { &text } else { text.trim() });
                }
            }
            _ => {}
        }
    }

    /// Character data, kept only inside a `w:t`.
    fn push_text(&mut self, s: &str) {
        if let Some((text, _)) = self.t_text.as_mut() {
            text.push_str(s);
        }
    }

    /// The paragraphs joined by blank lines.
    fn finish(mut self) -> String {
        flush_paragraph(&mut self.buf, &mut self.paragraphs);
        self.paragraphs.join("\n\n")
    }
}

/// Whether a `w:t` has `xml:space="preserve"`.
fn preserves_space(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.0 == "xml:space" && a.value.as_ref() == "preserve")
}

/// Appends the character an inline element stands for, when it sits inside a run.
fn push_inline(name: &str, run_depth: usize, buf: &mut String) {
    if run_depth == 0 {
        return;
    }
    match name {
        "w:tab" => buf.push('\t'),
        "w:br" | "w:cr" => buf.push('\n'),
        "w:noBreakHyphen" => buf.push('\u{2011}'),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn runs_tabs_breaks_and_deletions() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">Q : a </w:t></w:r><w:r><w:t> b </w:t></w:r>"#,
            r#"<w:r><w:tab/><w:t>c</w:t><w:br/><w:t>d&amp;e&#233;</w:t></w:r>"#,
            r#"<w:del w:id="1"><w:r><w:delText>supprimé</w:delText></w:r></w:del>"#,
            r#"<w:r><w:instrText> PAGE </w:instrText></w:r></w:p><w:p/>"#,
            r#"<w:p><w:r><w:t>deux</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            document_text("t.docx", xml.as_bytes()).unwrap(),
            "Q : a b\tc\nd&eé\n\ndeux"
        );
    }

    #[test]
    fn refuses_doctype_and_unknown_entities() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "boom">]><w:document/>"#;
        let msg = document_text("evil.docx", xml.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("evil.docx") && msg.contains("word/document.xml"));
        assert!(msg.contains("DOCTYPE"), "{msg}");
        let xml = doc("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>");
        let msg = document_text("e.docx", xml.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("undefined entity `&x;`"), "{msg}");
    }

    #[test]
    fn truncated_or_malformed_xml_is_an_error() {
        let xml = doc("<w:p><w:r><w:t>abc</w:t></w:r></w:p>");
        let cut = xml.get(..xml.len() - 20).unwrap();
        assert!(document_text("t.docx", cut.as_bytes()).is_err());
        assert!(document_text("t.docx", b"<a><b></a>").is_err());
        assert!(document_text("t.docx", b"\xff\xfe<").is_err());
    }
}
