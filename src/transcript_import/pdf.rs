//! PDF transcripts: the text layer, line by line, with blank lines between paragraphs.
//!
//! The text is read with `lopdf` from each page's content stream: a text line ends when
//! the text position moves down (`Td`, `TD`, `Tm`, `T*`, `'`, `"`) or a text object ends,
//! and a move down by more than one and a half lines starts a new paragraph. The lines
//! then go through the same turn detection as any plain text. A PDF that cannot be read,
//! is encrypted, has no text layer (a scan) or whose text layer does not decode to
//! readable characters is refused with the reason: never garbage.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};

use super::ImportError;

/// The most a page's decompressed content may take (a decompression bomb is refused).
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// The share of unreadable characters (controls, U+FFFD, private use) above which a
/// text layer is refused as garbage.
const MAX_UNREADABLE: f64 = 0.02;

fn refused(file: &str, reason: impl Into<String>) -> ImportError {
    ImportError::Pdf {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// The text of a PDF's text layer, paragraphs separated by blank lines.
pub fn extract_text(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let encrypted_marker = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if encrypted_marker => return Err(encrypted(file)),
        Err(e) => return Err(refused(file, format!("not a readable PDF ({e})"))),
    };
    if doc.is_encrypted() || encrypted_marker {
        return Err(encrypted(file));
    }
    let mut text = String::new();
    for (number, page_id) in doc.get_pages() {
        let page = page_text(&doc, page_id)
            .map_err(|e| refused(file, format!("page {number} cannot be read ({e})")))?;
        if !page.trim().is_empty() {
            text.push_str(&page);
            text.push_str("\n\n");
        }
    }
    if text.trim().is_empty() {
        return Err(refused(
            file,
            "no text layer (a scanned PDF?): run it through OCR, or export the transcript \
             as .docx or .txt, and import that",
        ));
    }
    if unreadable_share(&text) > MAX_UNREADABLE {
        return Err(refused(
            file,
            "its text layer does not decode to readable characters (fonts without a Unicode \
             map); export the transcript as .docx or .txt and import that",
        ));
    }
    Ok(text)
}

fn encrypted(file: &str) -> ImportError {
    refused(
        file,
        "the PDF is encrypted (password or copy protection): save an unprotected copy, or \
         export the transcript as .docx or .txt, and import that",
    )
}

/// The share of non-space characters that no reader could make sense of.
fn unreadable_share(text: &str) -> f64 {
    let mut seen = 0usize;
    let mut bad = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        seen += 1;
        let private = ('\u{e000}'..='\u{f8ff}').contains(&c);
        if c.is_control() || c == '\u{fffd}' || private {
            bad += 1;
        }
    }
    if seen == 0 {
        0.0
    } else {
        bad as f64 / seen as f64
    }
}

/// Where the text position is, to tell a new line and a new paragraph.
#[derive(Default)]
struct Cursor {
    /// The line start's vertical position (text space, `Td` adds to it).
    y: f32,
    /// Where the last shown text was.
    last_y: Option<f32>,
    /// The current font size, the unit of "a line".
    size: f32,
    /// A line break is owed before the next text.
    broken: bool,
}

fn number(o: Option<&Object>) -> f32 {
    o.and_then(|o| o.as_float().ok()).unwrap_or(0.0)
}

/// One page's text.
fn page_text(doc: &Document, page_id: lopdf::ObjectId) -> Result<String, lopdf::Error> {
    let fonts = doc.get_page_fonts(page_id)?;
    let encodings: Vec<(Vec<u8>, Encoding<'_>)> = fonts
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding(doc).ok()?)))
        .collect();
    let content = Content::decode(&doc.get_page_content_with_limit(page_id, MAX_PAGE_CONTENT)?)?;
    let mut out = String::new();
    let mut encoding: Option<&Encoding<'_>> = None;
    let mut at = Cursor {
        size: 12.0,
        ..Cursor::default()
    };
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "BT" => at.y = 0.0,
            "ET" | "T*" => at.broken = true,
            "Tf" => {
                let name = args.first().and_then(|o| o.as_name().ok());
                encoding =
                    name.and_then(|n| encodings.iter().find(|(k, _)| k == n).map(|(_, e)| e));
                let size = number(args.get(1));
                if size > 0.0 {
                    at.size = size;
                }
            }
            "Td" | "TD" => {
                let dy = number(args.get(1));
                at.y += dy;
                if dy != 0.0 {
                    at.broken = true;
                }
            }
            "Tm" => {
                at.y = number(args.get(5));
                at.broken = true;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    at.broken = true;
                }
                let shown = match op.operator.as_str() {
                    "\"" => args.get(2..).unwrap_or(&[]),
                    _ => args.as_slice(),
                };
                let Some(enc) = encoding else { continue };
                let mut piece = String::new();
                collect(enc, shown, &mut piece);
                if piece.is_empty() {
                    continue;
                }
                if let Some(last) = at.last_y
                    && at.broken
                {
                    let gap = last - at.y;
                    out.push('\n');
                    if gap.abs() > 1.5 * at.size {
                        out.push('\n');
                    }
                } else if at.broken && !out.is_empty() {
                    out.push('\n');
                }
                at.broken = false;
                at.last_y = Some(at.y);
                out.push_str(&piece);
            }
            _ => {}
        }
    }
    out.push('\n');
    Ok(out)
}

/// The text of `Tj`/`TJ` operands: strings decoded, a large negative kerning a space.
fn collect(encoding: &Encoding<'_>, operands: &[Object], out: &mut String) {
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                if let Ok(s) = encoding.bytes_to_string(bytes) {
                    out.push_str(&s);
                }
            }
            Object::Array(items) => collect(encoding, items, out),
            Object::Integer(i) if *i < -200 => out.push(' '),
            Object::Real(r) if *r < -200.0 => out.push(' '),
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A one-page PDF written by hand: Helvetica with WinAnsiEncoding, one `Tj` per line,
    /// `0 -14 Td` between lines and `0 -28 Td` for an empty string (a paragraph gap).
    pub(crate) fn tiny_pdf(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT\n/F1 11 Tf\n72 720 Td\n");
        let mut first = true;
        for line in lines {
            if line.is_empty() {
                content.push_str("0 -14 Td\n");
                continue;
            }
            if !first {
                content.push_str("0 -14 Td\n");
            }
            first = false;
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(line);
            let mut s = String::from("(");
            for &b in bytes.iter() {
                match b {
                    b'(' | b')' | b'\\' => {
                        s.push('\\');
                        s.push(b as char);
                    }
                    0x20..=0x7e => s.push(b as char),
                    _ => s.push_str(&format!("\\{b:03o}")),
                }
            }
            s.push_str(") Tj\n");
            content.push_str(&s);
        }
        content.push_str("ET\n");
        pdf_with_content(&content)
    }

    /// A one-page PDF whose page content stream is `content`, with a valid xref table.
    pub(crate) fn pdf_with_content(content: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
                .to_string(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}endstream",
                content.len()
            ),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn lines_and_paragraphs_come_out_of_the_text_layer() {
        let pdf = tiny_pdf(&[
            "Intervieweuse : Bonjour, merci d’être là.",
            "",
            "Fondatrice : On a lancé « en douce ».",
            "Puis la boutique (en ligne) est venue.",
        ]);
        let text = extract_text("t.pdf", &pdf).unwrap();
        assert_eq!(
            text.trim_end(),
            "Intervieweuse : Bonjour, merci d’être là.\n\n\
             Fondatrice : On a lancé « en douce ».\nPuis la boutique (en ligne) est venue."
        );
    }

    #[test]
    fn scans_broken_and_encrypted_files_are_refused_with_their_reason() {
        let scan = pdf_with_content("0 0 612 792 re f\n");
        let err = extract_text("scan.pdf", &scan).unwrap_err().to_string();
        assert!(
            err.starts_with("scan.pdf: ") && err.contains("no text layer"),
            "{err}"
        );
        let err = extract_text("junk.pdf", b"%PDF-1.4\nnot really")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("junk.pdf") && err.contains("not a readable PDF"),
            "{err}"
        );
        let mut locked = tiny_pdf(&["Fondatrice : secret."]);
        let at = locked.windows(7).rposition(|w| w == b"/Root 1").unwrap();
        locked.splice(
            at..at,
            b"/Encrypt << /Filter /Standard /V 1 /R 2 >> "
                .iter()
                .copied(),
        );
        let err = extract_text("locked.pdf", &locked).unwrap_err().to_string();
        assert!(
            err.contains("locked.pdf") && err.contains("encrypted"),
            "{err}"
        );
    }

    #[test]
    fn a_text_layer_of_unreadable_characters_is_garbage() {
        assert!(unreadable_share("Bonjour, ça va ?") < MAX_UNREADABLE);
        assert!(unreadable_share("\u{1}\u{2}\u{3}abc\u{fffd}") > MAX_UNREADABLE);
        assert!(unreadable_share("\u{e001}\u{e002} x") > MAX_UNREADABLE);
    }
}
