//! A reader for the coding lines glose itself writes, several times faster than serde's.
//!
//! A coder file holds one JSON object per line, and almost every line is a coding in the
//! exact shape [`super::file::coding_line`] writes: the fields in their order, no
//! whitespace, `memo` present, `selection_name` present or not, no `suggested`. This reader
//! accepts exactly that shape and nothing else; any other line (another field order,
//! spaces, a surrogate `\u` escape, a control character, a big number, a suggestion
//! receipt, a memo) returns `None` and goes through serde as before, which also gives the
//! errors. For every line it accepts, it gives the value serde gives (tested against it).

use super::{Anchor, Coding};

/// A coding read from one line, and its id as it appears in the line when it has no
/// escape (so a duplicate check can borrow it instead of copying it).
pub(super) struct FastCoding<'a> {
    /// The coding (its `coder` empty).
    pub coding: Coding,
    /// The id's text in the line, when it is the id itself.
    pub raw_id: Option<&'a str>,
}

/// Reads `line` if it has the exact shape glose writes; `None` otherwise.
pub(super) fn read_coding(line: &str) -> Option<FastCoding<'_>> {
    let mut r = Cursor { s: line, pos: 0 };
    r.literal("{\"type\":\"coding\",\"id\":")?;
    let (id, raw_id) = r.string()?;
    r.literal(",\"doc\":")?;
    let doc = r.string()?.0;
    r.literal(",\"code\":")?;
    let code = r.string()?.0;
    r.literal(",\"start\":")?;
    let start = r.number()?;
    r.literal(",\"end\":")?;
    let end = r.number()?;
    r.literal(",\"memo\":")?;
    let memo = if r.literal("null").is_some() {
        None
    } else {
        Some(r.string()?.0)
    };
    r.literal(",\"created\":")?;
    let created = r.timestamp()?;
    r.literal(",\"modified\":")?;
    let modified = r.timestamp()?;
    r.literal(",\"anchor\":{\"quote\":")?;
    let quote = r.string()?.0;
    r.literal(",\"prefix\":")?;
    let prefix = r.string()?.0;
    r.literal(",\"suffix\":")?;
    let suffix = r.string()?.0;
    r.literal(",\"doc_hash\":")?;
    let doc_hash = r.string()?.0;
    r.literal("}")?;
    let selection_name = if r.literal(",\"selection_name\":").is_some() {
        Some(r.string()?.0)
    } else {
        None
    };
    r.literal("}")?;
    if r.pos != line.len() {
        return None;
    }
    Some(FastCoding {
        coding: Coding {
            id,
            doc,
            code,
            start,
            end,
            memo,
            created,
            modified,
            anchor: Anchor {
                quote,
                prefix,
                suffix,
                doc_hash,
            },
            selection_name,
            suggested: None,
            coder: String::new(),
        },
        raw_id,
    })
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.s.as_bytes().get(self.pos..).unwrap_or_default()
    }

    /// Consumes `lit` if the text continues with it.
    fn literal(&mut self, lit: &str) -> Option<()> {
        self.rest().starts_with(lit.as_bytes()).then(|| {
            self.pos += lit.len();
        })
    }

    /// A non-negative integer as serde reads a `usize`: `0` or digits without a leading
    /// zero, no sign, fraction or exponent (what follows must not continue the number).
    fn number(&mut self) -> Option<usize> {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || (digits > 1 && rest.first() == Some(&b'0')) {
            return None;
        }
        if matches!(rest.get(digits), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let mut n: usize = 0;
        for b in rest.get(..digits)? {
            n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?;
        }
        self.pos += digits;
        Some(n)
    }

    /// A timestamp string, parsed as serde (jiff's `Deserialize`) parses it.
    fn timestamp(&mut self) -> Option<jiff::Timestamp> {
        let (text, raw) = self.string()?;
        raw?;
        text.parse().ok()
    }

    /// A JSON string: its value, and its text in the line when it has no escape.
    fn string(&mut self) -> Option<(String, Option<&'a str>)> {
        if self.rest().first() != Some(&b'"') {
            return None;
        }
        let start = self.pos + 1;
        let bytes = self.s.as_bytes();
        let mut i = start;
        // The plain run up to the closing quote or the first escape.
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    let raw = self.s.get(start..i)?;
                    self.pos = i + 1;
                    return Some((raw.to_string(), Some(raw)));
                }
                b'\\' => break,
                b if b < 0x20 => return None,
                _ => i += 1,
            }
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.s.get(start..i)?);
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    self.pos = i + 1;
                    return Some((out, None));
                }
                b'\\' => {
                    let escaped = match *bytes.get(i + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.s.get(i + 2..i + 6)?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return None;
                            }
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            // Surrogates (pairs or lone) are left to serde.
                            let c = char::from_u32(code)?;
                            out.push(c);
                            i += 6;
                            continue;
                        }
                        _ => return None,
                    };
                    out.push(escaped);
                    i += 2;
                }
                b if b < 0x20 => return None,
                _ => {
                    let run_end = bytes
                        .get(i..)?
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .map_or(bytes.len(), |p| i + p);
                    out.push_str(self.s.get(i..run_end)?);
                    i = run_end;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::file::coding_line;
    use super::*;

    fn serde_coding(line: &str) -> Option<Coding> {
        #[derive(serde::Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        enum L {
            Coding(Coding),
        }
        match serde_json::from_str::<L>(line) {
            Ok(L::Coding(c)) => Some(c),
            Err(_) => None,
        }
    }

    fn sample() -> Coding {
        let t: jiff::Timestamp = "2026-11-23T17:57:32Z".parse().unwrap();
        Coding {
            id: "019b9258-2647-762c-84a2-3b16d72c76a7".into(),
            doc: "G0001".into(),
            code: "practice.ads".into(),
            start: 216,
            end: 274,
            memo: None,
            created: t,
            modified: t,
            anchor: Anchor {
                quote: "temps. On a perdu 50 % de portée".into(),
                prefix: "’algorithme, qui change tout le ".into(),
                suffix: "\n\n[00:02:49] Intervieweuse : Si ".into(),
                doc_hash: "8fddb76e578b677858c7275981f70c86".into(),
            },
            selection_name: None,
            suggested: None,
            coder: String::new(),
        }
    }

    fn line_of(c: &Coding) -> String {
        let mut l = String::from_utf8(coding_line(c)).unwrap();
        l.pop();
        l
    }

    /// Every line glose writes reads back through the fast path, to what serde reads.
    #[test]
    fn written_lines_read_fast_to_the_serde_value() {
        let odd = [
            "",
            "\"guillemets\" et \\ barre",
            "tab\tcr\r\u{1}\u{1f}\u{7f} fin",
            "« é » 😀 \u{2028}\u{feff}",
            "/slash/ \u{8}\u{c}",
        ];
        for (k, text) in odd.iter().enumerate() {
            let mut c = sample();
            c.anchor.quote = text.to_string();
            c.anchor.prefix = format!("{text}{text}");
            c.id = format!("id-{text}");
            if k % 2 == 1 {
                c.memo = Some(format!("memo {text}"));
                c.selection_name = Some(format!("line:{k}"));
            }
            let line = line_of(&c);
            let fast = read_coding(&line).unwrap_or_else(|| panic!("refused {line}"));
            assert_eq!(Some(&fast.coding), serde_coding(&line).as_ref(), "{line}");
            assert_eq!(fast.coding, c);
            let unescaped = serde_json::to_string(&c.id).unwrap() == format!("\"{}\"", c.id);
            assert_eq!(fast.raw_id.is_some(), unescaped, "{line}");
            if let Some(raw) = fast.raw_id {
                assert_eq!(raw, c.id);
            }
        }
    }

    /// Lines of another shape are left to serde (which reads or rejects them).
    #[test]
    fn other_shapes_are_left_to_serde() {
        let base = line_of(&sample());
        let variants = [
            base.replacen("{\"type\"", "{ \"type\"", 1),
            base.replacen(",\"memo\":null", "", 1),
            base.replacen("\"start\":216", "\"start\":0216", 1),
            base.replacen("\"start\":216", "\"start\":216.0", 1),
            base.replacen("\"start\":216", "\"start\":-216", 1),
            base.replacen("\"start\":216", "\"start\":99999999999999999999999", 1),
            base.replacen("portée", "port\\ud83d\\ude00e", 1),
            base.replacen("portée", "port\\ud83de", 1),
            base.replacen("portée", "port\\qe", 1),
            base.replacen("portée", "port\te", 1),
            base.replacen("2026-11-23T17:57:32Z", "yesterday", 1),
            base.replacen(
                "}}",
                "},\"suggested\":{\"model\":\"m\",\"version\":1,\"at\":\"2026-12-01T10:00:00Z\"}}",
                1,
            ),
            format!("{base} "),
            format!("{base}x"),
            base.replacen("\"doc_hash\"", "\"extra\":1,\"doc_hash\"", 1),
        ];
        for line in variants {
            assert!(read_coding(&line).is_none(), "accepted {line}");
        }
        // A `\u` escape of a plain character is read like serde reads it.
        let escaped = base.replacen("portée", "port\\u00e9e \\u00AB", 1);
        let fast = read_coding(&escaped).unwrap();
        assert_eq!(Some(fast.coding), serde_coding(&escaped));
    }
}
