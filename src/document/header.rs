//! The optional `---` header of a transcript: `key: value` lines.

use std::collections::HashSet;

/// A header parsed from the start of a normalised transcript.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// The `key: value` pairs, in file order.
    pub fields: Vec<(String, String)>,
    /// Number of lines the header takes in the file (0 without a header), so that body line
    /// `n` (1-based) is file line `n + lines`.
    pub lines: usize,
    /// Byte offset of the body in the normalised text.
    pub body_start: usize,
}

impl Header {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A problem in a header, with its 1-based file line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeaderProblem {
    /// 1-based line in the file.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Parses the header at the start of `text` (already normalised).
///
/// A text whose first line is not exactly `---` has no header. Problems are returned
/// beside the best-effort header so that `glose check` can report every one of them.
pub fn parse_header(text: &str) -> (Header, Vec<HeaderProblem>) {
    let mut problems = Vec::new();
    // Keys seen so far: a set, so that a header of n keys is read in O(n), not O(n²).
    let mut seen: HashSet<String> = HashSet::new();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (Header::default(), problems);
    };
    if first.trim_end() != "---" {
        return (Header::default(), problems);
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = first.len();
    for (line_no, line) in (2..).zip(lines) {
        offset += line.len();
        let content = line.trim_end_matches('\n').trim_end();
        if content == "---" {
            return (
                Header {
                    fields,
                    lines: line_no,
                    body_start: offset,
                },
                problems,
            );
        }
        if content.trim().is_empty() {
            continue;
        }
        match content.split_once(':') {
            Some((key, value)) => {
                let key = key.trim();
                if key.is_empty()
                    || !key
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    problems.push(HeaderProblem {
                        line: line_no,
                        message: format!(
                            "header key {key:?} is not valid: use letters, digits, '_' or '-'"
                        ),
                    });
                    continue;
                }
                let key = key.to_lowercase();
                if !seen.insert(key.clone()) {
                    problems.push(HeaderProblem {
                        line: line_no,
                        message: format!("header key {key:?} appears twice: keep one"),
                    });
                    continue;
                }
                fields.push((key, value.trim().to_string()));
            }
            None => problems.push(HeaderProblem {
                line: line_no,
                message: format!(
                    "header line {content:?} is not `key: value`: add the key and a colon, \
                     or close the header with a line `---`"
                ),
            }),
        }
    }
    problems.push(HeaderProblem {
        line: 1,
        message: "the header opened by `---` on line 1 is never closed: add a line `---` after \
                  the last `key: value` line"
            .to_string(),
    });
    (Header::default(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_keys_are_all_read_and_duplicates_found() {
        // #20 item 15: 100,000 keys took over 20 s when each key was compared with every
        // earlier one; duplicates are now found through a set (linear). Not timed: the
        // speed is measured by hand (see the trans report / BENCHMARKS.md).
        let n = 100_000;
        let mut text = String::from("---\n");
        for i in 0..n {
            text.push_str(&format!("key{i}: value {i}\n"));
        }
        text.push_str("key7: again\n---\nbody");
        let (h, problems) = parse_header(&text);
        assert_eq!(h.fields.len(), n);
        assert_eq!(h.get("key99999"), Some("value 99999"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, n + 2);
        assert!(problems[0].message.contains("appears twice"));
        assert_eq!(&text[h.body_start..], "body");
    }

    #[test]
    fn parses_fields_and_body_start() {
        let text = "---\nid: E03\nTitle: Entretien : suite\n---\nIntervieweuse : Bonjour";
        let (h, problems) = parse_header(text);
        assert!(problems.is_empty());
        assert_eq!(h.get("id"), Some("E03"));
        assert_eq!(h.get("title"), Some("Entretien : suite"));
        assert_eq!(h.lines, 4);
        assert_eq!(&text[h.body_start..], "Intervieweuse : Bonjour");
    }

    #[test]
    fn no_header_when_first_line_is_text() {
        let (h, problems) = parse_header("Intervieweuse : ---\n---\n");
        assert!(problems.is_empty());
        assert_eq!(h.body_start, 0);
        assert_eq!(h.lines, 0);
    }

    #[test]
    fn reports_bad_lines_with_numbers() {
        let (h, problems) = parse_header("---\nid: E01\nno colon here\nbad key!: x\n---\nbody");
        assert_eq!(h.get("id"), Some("E01"));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, 3);
        assert_eq!(problems[1].line, 4);
    }

    #[test]
    fn reports_unclosed_header() {
        let (h, problems) = parse_header("---\nid: E01\nbody");
        assert_eq!(h.body_start, 0);
        assert_eq!(problems.len(), 2);
        assert!(problems.last().unwrap().message.contains("never closed"));
    }

    #[test]
    fn header_with_crlf_is_handled_after_normalisation() {
        let text = crate::text::normalize("---\r\nid: E01\r\n---\r\nA : b");
        let (h, _) = parse_header(&text);
        assert_eq!(h.get("id"), Some("E01"));
        assert_eq!(&text[h.body_start..], "A : b");
    }
}
