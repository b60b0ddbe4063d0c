//! `cases.csv`: one row of attributes per document (company, sector, stage…).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

/// One row of `cases.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The document id (first column).
    pub id: String,
    /// Attribute values by column name (the id column excluded).
    pub values: BTreeMap<String, String>,
    /// 1-based line of the row in the file.
    pub line: usize,
}

/// The case table.
#[derive(Debug, Clone, Default)]
pub struct Cases {
    /// Where it was read from.
    pub path: PathBuf,
    /// Attribute columns in file order (the id column excluded).
    pub columns: Vec<String>,
    /// Rows in file order.
    pub rows: Vec<CaseRow>,
    /// The column separator found in the file (`,`, `;` or a tab; 0 when nothing was read).
    pub delimiter: u8,
    /// Id -> position in `rows`, built by `load` and `from_rows` so `get` is constant time.
    /// Rows pushed or removed afterwards are still found (see `get`).
    index: FxHashMap<String, usize>,
}

/// A problem in `cases.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasesProblem {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The bytes of `cases.csv`, `None` when there is no such file.
fn read_table(path: &Path) -> Result<Option<Vec<u8>>, CasesProblem> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CasesProblem {
            line: 1,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// The table's text without its BOM; invalid UTF-8 is a problem naming its line (a table
/// saved in a legacy encoding).
fn decode_utf8(bytes: &[u8]) -> Result<&str, CasesProblem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            return Err(CasesProblem {
                line,
                message: format!(
                    "invalid UTF-8 at byte {}: save the table as CSV UTF-8",
                    e.valid_up_to()
                ),
            });
        }
    };
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The header row, trimmed; it must start with `id` and name each column once.
fn read_headers(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, CasesProblem> {
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            return Err(CasesProblem {
                line: 1,
                message: e.to_string(),
            });
        }
    };
    if headers.first().map(String::as_str) != Some("id") {
        return Err(CasesProblem {
            line: 1,
            message: "the first column must be `id` (the document id)".to_string(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        if !seen.insert(h.as_str()) {
            return Err(CasesProblem {
                line: 1,
                message: format!(
                    "column {} is named {h:?} like an earlier one: each column needs its own \
                     name (which `{h}` would glose use?)",
                    i + 1
                ),
            });
        }
    }
    Ok(headers)
}

/// The column separator of a CSV table, guessed from its header line: the most frequent of
/// comma, semicolon and tab outside quotes (a French Excel writes semicolons), comma when
/// none occurs.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// How a separator is named in messages.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "semicolons (;)",
        b'\t' => "tabs",
        _ => "commas (,)",
    }
}

/// Whether a record holds an opening quote that is never closed (the csv reader accepts
/// that silently, swallowing every later row into one field): it runs to the end of the
/// text (`starts`: every record's first byte, then the text's end) across a line break,
/// and its raw text holds an odd number of quotes (a lone quote inside a field, as in
/// `5" screen`, is not an opening quote and keeps its row on one line).
fn unclosed_quote(text: &str, record: &csv::StringRecord, starts: &[usize]) -> bool {
    let Some(start) = record.position().map(|p| p.byte() as usize) else {
        return false;
    };
    // `starts` is in file order: the next record's start is found by bisection (a scan
    // per record made reading 20,000 rows quadratic).
    let end = starts
        .get(starts.partition_point(|&s| s <= start))
        .copied()
        .unwrap_or(text.len());
    let raw = text.get(start..end).unwrap_or("");
    let swallows = end == text.len() && record.iter().any(|f| f.contains('\n'));
    swallows && raw.bytes().filter(|&b| b == b'"').count() % 2 == 1
}

impl Cases {
    /// Reads `cases.csv`; a missing file gives an empty table. Rows that cannot be read are
    /// reported and skipped.
    pub fn load(path: &Path) -> (Self, Vec<CasesProblem>) {
        let mut problems = Vec::new();
        let mut cases = Self {
            path: path.to_path_buf(),
            ..Self::default()
        };
        let bytes = match read_table(path) {
            Ok(Some(b)) => b,
            Ok(None) => return (cases, problems),
            Err(p) => {
                problems.push(p);
                return (cases, problems);
            }
        };
        let text = match decode_utf8(&bytes) {
            Ok(t) => t,
            Err(p) => {
                problems.push(p);
                return (cases, problems);
            }
        };
        let delimiter = detect_delimiter(text);
        cases.delimiter = delimiter;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let headers = match read_headers(&mut reader) {
            Ok(h) => h,
            Err(p) => {
                problems.push(p);
                return (cases, problems);
            }
        };
        cases.columns = headers[1..].to_vec();
        let records: Vec<_> = reader.records().collect();
        let starts: Vec<usize> = (records.iter().flatten())
            .filter_map(|r| r.position().map(|p| p.byte() as usize))
            .chain([text.len()])
            .collect();
        // The attribute columns' positions in name order: each row's map is then built
        // from pairs already sorted (no sort per row).
        let mut by_name: Vec<usize> = (1..headers.len()).collect();
        by_name.sort_by(|&a, &b| headers[a].cmp(&headers[b]));
        for record in records {
            match record {
                Ok(record) if unclosed_quote(text, &record, &starts) => {
                    problems.push(CasesProblem {
                        line: record.position().map_or(0, |p| p.line() as usize),
                        message: "a quote opened in this row is never closed: the rest of the \
                              file was read as one field (close the quote)"
                            .to_string(),
                    })
                }
                Ok(record) => cases.add_record(&record, &headers, &by_name, &mut problems),
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    problems.push(CasesProblem {
                        line,
                        message: e.to_string(),
                    });
                }
            }
        }
        (cases, problems)
    }

    /// Adds one data row, reporting a field count that differs from the header's, and
    /// skipping (with a problem) a row without an id or repeating one.
    fn add_record(
        &mut self,
        record: &csv::StringRecord,
        headers: &[String],
        by_name: &[usize],
        problems: &mut Vec<CasesProblem>,
    ) {
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() != headers.len() {
            problems.push(CasesProblem {
                line,
                message: format!(
                    "row has {} fields but the header has {}: check the {} and quotes",
                    record.len(),
                    headers.len(),
                    delimiter_name(self.delimiter)
                ),
            });
        }
        let id = record.get(0).unwrap_or("").trim().to_string();
        if id.is_empty() {
            problems.push(CasesProblem {
                line,
                message: "row without an id".to_string(),
            });
            return;
        }
        if self.index.contains_key(&id) {
            problems.push(CasesProblem {
                line,
                message: format!("document {id:?} has two rows"),
            });
            return;
        }
        let values = by_name
            .iter()
            .filter_map(|&i| Some((headers.get(i)?.clone(), record.get(i)?.trim().to_string())))
            .collect();
        self.index.insert(id.clone(), self.rows.len());
        self.rows.push(CaseRow { id, values, line });
    }

    /// A table of these rows (the first row of an id wins in `get`).
    pub fn from_rows(path: PathBuf, columns: Vec<String>, rows: Vec<CaseRow>) -> Self {
        let mut index = FxHashMap::default();
        index.reserve(rows.len());
        for (i, row) in rows.iter().enumerate() {
            index.entry(row.id.clone()).or_insert(i);
        }
        Self {
            path,
            columns,
            rows,
            delimiter: b',',
            index,
        }
    }

    /// The row of a document: a hash lookup. Should rows have been pushed or removed since
    /// the table was built, it falls back to a linear search; after editing ids in place,
    /// call [`Cases::reindex`].
    pub fn get(&self, id: &str) -> Option<&CaseRow> {
        if let Some(row) = self.index.get(id).and_then(|&i| self.rows.get(i))
            && row.id == id
        {
            return Some(row);
        }
        if self.index.len() == self.rows.len() && !self.index.contains_key(id) {
            // Every row is indexed and this id is not among them.
            return None;
        }
        self.rows.iter().find(|r| r.id == id)
    }

    /// Rebuilds the id index after `rows` were edited in place.
    pub fn reindex(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        *self = Self::from_rows(
            std::mem::take(&mut self.path),
            std::mem::take(&mut self.columns),
            rows,
        );
    }

    /// Serialises the table back to CSV (RFC 4180), rows in their order.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut header = vec!["id".to_string()];
        header.extend(self.columns.iter().cloned());
        let _ = w.write_record(&header);
        for row in &self.rows {
            let mut rec = vec![row.id.clone()];
            rec.extend(
                self.columns
                    .iter()
                    .map(|c| row.values.get(c).cloned().unwrap_or_default()),
            );
            let _ = w.write_record(&rec);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_reports_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        std::fs::write(
            &path,
            "id,company,stage\nE01,\"Lin & Sel, SARL\",growth\nE02,X\nE01,Y,launch\n,Z,launch\n",
        )
        .unwrap();
        let (cases, problems) = Cases::load(&path);
        assert_eq!(cases.columns, vec!["company", "stage"]);
        assert_eq!(
            cases.get("E01").unwrap().values["company"],
            "Lin & Sel, SARL"
        );
        assert_eq!(cases.get("E01").unwrap().line, 2);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert!(Cases::load(&dir.path().join("none.csv")).1.is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        let table =
            "id,company,note\nE01,A,\"two\nlines\"\nE00,5\" screen,z\nE02,\"Unclosed,x\nE03,B,y\n";
        std::fs::write(&path, table).unwrap();
        let (cases, problems) = Cases::load(&path);
        assert_eq!(cases.get("E01").unwrap().values["note"], "two\nlines");
        assert!(cases.get("E02").is_none() && cases.get("E03").is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(cases.get("E00").unwrap().values["company"], "5\" screen");
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].message.contains("never closed"), "{problems:?}");
    }

    #[test]
    fn semicolon_and_tab_tables_are_read_and_duplicate_columns_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        for (sep, text) in [
            (
                b';',
                "\u{feff}id;company;stage\nE01;\"Lin; Sel, SARL\";growth\n",
            ),
            (b'\t', "id\tcompany\tstage\nE01\tLin; Sel, SARL\tgrowth\n"),
            (b',', "id,company,stage\nE01,\"Lin; Sel, SARL\",growth\n"),
        ] {
            std::fs::write(&path, text).unwrap();
            let (cases, problems) = Cases::load(&path);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(cases.delimiter, sep);
            assert_eq!(cases.columns, vec!["company", "stage"]);
            assert_eq!(
                cases.get("E01").unwrap().values["company"],
                "Lin; Sel, SARL"
            );
        }
        std::fs::write(&path, "id,stage,sector,stage\nE01,growth,x,launch\n").unwrap();
        let (cases, problems) = Cases::load(&path);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("column 4"), "{problems:?}");
        assert!(cases.rows.is_empty());
    }

    #[test]
    fn csv_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        let text = "id,company,stage\nE01,\"Lin & Sel, SARL\",growth\n";
        std::fs::write(&path, text).unwrap();
        assert_eq!(Cases::load(&path).0.to_csv(), text);
    }

    #[test]
    fn get_by_index_and_after_edits() {
        let rows = |ids: &[&str]| -> Vec<CaseRow> {
            ids.iter()
                .map(|id| CaseRow {
                    id: id.to_string(),
                    values: BTreeMap::new(),
                    line: 0,
                })
                .collect()
        };
        let mut cases = Cases::from_rows(PathBuf::new(), Vec::new(), rows(&["A", "B", "A"]));
        assert_eq!(cases.get("A").map(|r| r.id.as_str()), Some("A"));
        assert!(std::ptr::eq(cases.get("A").unwrap(), &cases.rows[0]));
        assert!(cases.get("C").is_none());
        cases.rows.extend(rows(&["C"]));
        assert_eq!(cases.get("C").map(|r| r.id.as_str()), Some("C"));
        cases.rows.remove(0);
        assert_eq!(cases.get("B").map(|r| r.id.as_str()), Some("B"));
        cases.rows[0].id = "Z".to_string();
        cases.reindex();
        assert!(cases.get("Z").is_some());
        assert!(cases.get("B").is_none());
    }
}
