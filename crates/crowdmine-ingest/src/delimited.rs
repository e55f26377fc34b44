//! Delimited text split into records for the adapters. A CSV or TSV file with a header gives
//! one JSON object per row, keyed by column name; an edge list (comma, tab or spaces; `#` and
//! `%` comment lines) gives one JSON array per line, or one object per line keyed by its header
//! when its first line is a header of known column names.
//! Rows keep their 1-based line for messages; a row that cannot be read (unequal field count,
//! bad UTF-8) is a bad item, and the rest of the file is still read.

use crate::records::{Item, HEAD_BYTES};
use serde_json::{Map, Value};
use std::io::{self, BufRead, BufReader, Read};

/// Column names that make the first line of an edge list a header.
pub const EDGE_HEADERS: &[&str] = &[
    "follower",
    "followed",
    "followee",
    "follower_id",
    "followed_id",
    "followee_id",
    "source",
    "target",
    "src",
    "dst",
    "from",
    "to",
    "user",
    "friend",
    "created_at",
    "time",
    "timestamp",
];

/// Rows of a CSV/TSV file with a header.
pub struct CsvRows {
    reader: csv::Reader<Box<dyn Read + Send>>,
    header: Vec<String>,
    ordinal: u64,
    record: csv::ByteRecord,
    done: bool,
    crlf_shift: u64,
}

impl CsvRows {
    /// Reads the header; the delimiter is a tab when the header has more tabs than commas.
    pub fn new(reader: Box<dyn Read + Send>) -> io::Result<CsvRows> {
        // The first line (up to 64 KB) decides the delimiter; it is read ahead and put back.
        let mut reader = reader;
        let mut first = Vec::new();
        let mut chunk = [0u8; 8192];
        while !first.contains(&b'\n') && first.len() < 64 << 10 {
            let n = reader.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            first.extend_from_slice(&chunk[..n]);
        }
        let line = first.split(|b| *b == b'\n').next().unwrap_or(&[]);
        let tabs = line.iter().filter(|b| **b == b'\t').count();
        let commas = line.iter().filter(|b| **b == b',').count();
        let delimiter = if tabs > commas { b'\t' } else { b',' };
        // With CRLF line ends, the reader reports a record's line before it skips the `\n` that
        // ended the previous one: one line early.
        let crlf_shift = u64::from(line.ends_with(b"\r"));
        let buffered = io::Cursor::new(first).chain(reader);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(false)
            .from_reader(Box::new(buffered) as Box<dyn Read + Send>);
        let header = reader
            .headers()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("CSV header: {e}")))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(CsvRows {
            reader,
            header,
            ordinal: 0,
            record: csv::ByteRecord::new(),
            done: false,
            crlf_shift,
        })
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }
}

impl Iterator for CsvRows {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let ordinal = self.ordinal;
        let result = self.reader.read_byte_record(&mut self.record);
        let line = self.record.position().map_or(0, |p| p.line()) + self.crlf_shift;
        let item = match result {
            Ok(false) => return None,
            Ok(true) => row_object(&self.header, &self.record, ordinal, line),
            Err(e) => {
                // An I/O error ends the file; a bad row is reported and the next one read.
                self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                Item::Bad {
                    ordinal,
                    line: e.position().map_or(line, |p| p.line() + self.crlf_shift),
                    reason: format!("unreadable CSV row: {e}"),
                    head: Vec::new(),
                }
            }
        };
        self.ordinal += 1;
        Some(item)
    }
}

fn row_object(header: &[String], record: &csv::ByteRecord, ordinal: u64, line: u64) -> Item {
    let mut map = Map::new();
    for (name, field) in header.iter().zip(record.iter()) {
        match std::str::from_utf8(field) {
            Ok(text) => {
                map.insert(name.clone(), Value::String(text.to_string()));
            }
            Err(_) => {
                return Item::Bad {
                    ordinal,
                    line,
                    reason: format!("column '{name}' is not valid UTF-8"),
                    head: field[..field.len().min(HEAD_BYTES)].to_vec(),
                }
            }
        }
    }
    Item::Record {
        ordinal,
        line,
        bytes: serde_json::to_vec(&map).unwrap_or_default(),
    }
}

/// Lines of an edge list, each as a JSON array of its fields.
pub struct EdgeRows {
    reader: BufReader<Box<dyn Read + Send>>,
    line: u64,
    ordinal: u64,
    buf: Vec<u8>,
    done: bool,
    /// Whether the first data line was looked at for a header, and the header found.
    seen_first: bool,
    header: Option<Vec<String>>,
}

impl EdgeRows {
    pub fn new(reader: Box<dyn Read + Send>) -> EdgeRows {
        EdgeRows {
            reader: BufReader::with_capacity(1 << 20, reader),
            line: 0,
            ordinal: 0,
            buf: Vec::new(),
            done: false,
            seen_first: false,
            header: None,
        }
    }
}

/// The fields of an edge-list line: split on commas, tabs or runs of spaces; quotes dropped.
pub fn edge_fields(line: &str) -> Vec<&str> {
    let sep: &[char] = if line.contains([',', '\t']) {
        &[',', '\t']
    } else {
        &[' ']
    };
    line.split(sep)
        .map(|f| f.trim().trim_matches('"'))
        .filter(|f| !f.is_empty() || sep != [' '])
        .collect()
}

impl Iterator for EdgeRows {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let ordinal = self.ordinal;
                    let Ok(text) = std::str::from_utf8(&self.buf) else {
                        self.ordinal += 1;
                        return Some(Item::Bad {
                            ordinal,
                            line: self.line,
                            reason: "not valid UTF-8".into(),
                            head: self.buf[..self.buf.len().min(HEAD_BYTES)].to_vec(),
                        });
                    };
                    let text = text.trim().trim_start_matches('\u{feff}');
                    if text.is_empty() || text.starts_with(['#', '%']) {
                        continue;
                    }
                    let fields = edge_fields(text);
                    if !self.seen_first {
                        self.seen_first = true;
                        let is_header = fields
                            .iter()
                            .all(|f| EDGE_HEADERS.contains(&f.to_ascii_lowercase().as_str()));
                        if is_header {
                            self.header =
                                Some(fields.iter().map(|f| f.to_ascii_lowercase()).collect());
                            continue;
                        }
                    }
                    // With a header, a row names its columns, so their order does not matter.
                    let bytes = match &self.header {
                        Some(names) => {
                            let row: Map<String, Value> = names
                                .iter()
                                .zip(&fields)
                                .map(|(n, f)| (n.clone(), Value::String(f.to_string())))
                                .collect();
                            serde_json::to_vec(&row)
                        }
                        None => serde_json::to_vec(&fields),
                    };
                    self.ordinal += 1;
                    return Some(Item::Record {
                        ordinal,
                        line: self.line,
                        bytes: bytes.unwrap_or_default(),
                    });
                }
                Err(e) => {
                    self.done = true;
                    let ordinal = self.ordinal;
                    self.ordinal += 1;
                    return Some(Item::Bad {
                        ordinal,
                        line: self.line + 1,
                        reason: format!("cannot read the file: {e}"),
                        head: Vec::new(),
                    });
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(it: impl Iterator<Item = Item>) -> Vec<(u64, Result<String, String>)> {
        it.map(|i| match i {
            Item::Record { line, bytes, .. } => (line, Ok(String::from_utf8(bytes).expect("utf8"))),
            Item::Bad { line, reason, .. } => (line, Err(reason)),
        })
        .collect()
    }

    #[test]
    fn csv_rows_are_objects_and_bad_rows_are_reported() {
        let data = "id,text\n1,\"multi\nline\"\n2,a,extra\n3,ok\n";
        let rows =
            CsvRows::new(Box::new(std::io::Cursor::new(data.as_bytes().to_vec()))).expect("valid");
        assert_eq!(rows.header(), ["id", "text"]);
        let got = items(rows);
        assert_eq!(got[0], (2, Ok(r#"{"id":"1","text":"multi\nline"}"#.into())));
        assert_eq!(got[1].0, 4);
        assert!(got[1].1.is_err());
        assert_eq!(got[2], (5, Ok(r#"{"id":"3","text":"ok"}"#.into())));
    }

    #[test]
    fn crlf_lines() {
        let data = "id,text\r\n1,a\r\n2,\"b\r\nc\"\r\n3,d\r\n";
        let got = items(
            CsvRows::new(Box::new(std::io::Cursor::new(data.as_bytes().to_vec()))).expect("rows"),
        );
        let lines: Vec<u64> = got.iter().map(|g| g.0).collect();
        assert_eq!(lines, vec![2, 3, 5]);
    }

    #[test]
    fn tsv_is_sniffed() {
        let data = "id\ttext\n1\ta,b\n";
        let got = items(
            CsvRows::new(Box::new(std::io::Cursor::new(data.as_bytes().to_vec()))).expect("rows"),
        );
        assert_eq!(got[0].1, Ok(r#"{"id":"1","text":"a,b"}"#.into()));
    }

    #[test]
    fn edge_lists() {
        let rows = |data: &str| -> Vec<(u64, String)> {
            items(EdgeRows::new(Box::new(std::io::Cursor::new(
                data.as_bytes().to_vec(),
            ))))
            .into_iter()
            .map(|(l, r)| (l, r.expect("record")))
            .collect()
        };
        assert_eq!(
            rows("# comment\nfollowed,follower\n1,2\n\"3\",\"4\"\n"),
            vec![
                (3, r#"{"followed":"1","follower":"2"}"#.to_string()),
                (4, r#"{"followed":"3","follower":"4"}"#.to_string()),
            ]
        );
        assert_eq!(
            rows("1,2\n\n5 6\n7\t8\n"),
            vec![
                (1, r#"["1","2"]"#.to_string()),
                (3, r#"["5","6"]"#.to_string()),
                (4, r#"["7","8"]"#.to_string())
            ]
        );
    }
}
