//! Splitting a decompressed stream into records.
//!
//! Three layouts are recognised from the content: JSON lines (the first non-empty line is a whole
//! JSON value), one JSON document (pretty-printed, possibly several concatenated), and a top-level
//! array whose elements are records. Lines longer than [`MAX_LINE`] are reported and skipped
//! without being held in memory. Every record carries its ordinal (for resuming) and the 1-based
//! line where it starts (for messages).

use crate::splitter::{Split, Splitter};
use serde_json::value::RawValue;
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};

/// The longest line accepted, in bytes.
pub const MAX_LINE: usize = 16 << 20;

/// How many bytes of a bad record are kept in the rejects table.
pub const HEAD_BYTES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    JsonLines,
    Document,
    Empty,
}

#[derive(Debug)]
pub enum Item {
    Record {
        ordinal: u64,
        line: u64,
        bytes: Vec<u8>,
    },
    /// A record that could not even be split out: overlong line or an unreadable stream.
    Bad {
        ordinal: u64,
        line: u64,
        reason: String,
        head: Vec<u8>,
    },
}

pub struct RecordReader {
    inner: BufReader<Box<dyn Read + Send>>,
    layout: Layout,
    pending: VecDeque<Item>,
    line: u64,
    ordinal: u64,
    done: bool,
    /// Set in the document layout.
    splitter: Option<Splitter>,
}

enum Line {
    Text(Vec<u8>),
    TooLong { len: usize, head: Vec<u8> },
    Eof,
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

impl RecordReader {
    /// Reads as far as needed to recognise the layout.
    pub fn new(reader: Box<dyn Read + Send>) -> RecordReader {
        let mut r = RecordReader {
            inner: BufReader::with_capacity(1 << 20, reader),
            layout: Layout::Empty,
            pending: VecDeque::new(),
            line: 0,
            ordinal: 0,
            done: false,
            splitter: None,
        };
        r.recognise();
        r
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    fn recognise(&mut self) {
        loop {
            match self.read_line() {
                Err(e) => {
                    self.layout = Layout::JsonLines;
                    self.push_bad(self.line + 1, format!("read error: {e}"), Vec::new());
                    self.done = true;
                    return;
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    return;
                }
                Ok(Line::TooLong { len, head }) => {
                    self.layout = Layout::JsonLines;
                    self.push_too_long(len, head);
                    return;
                }
                Ok(Line::Text(t)) => {
                    let body = trim(&t);
                    if body.is_empty() {
                        continue;
                    }
                    let first_line = self.line;
                    let whole = serde_json::from_slice::<&RawValue>(body).is_ok();
                    if whole || !(body[0] == b'{' || body[0] == b'[') {
                        self.layout = Layout::JsonLines;
                        self.push_record(first_line, body.to_vec());
                        return;
                    }
                    self.recognise_after_partial_line(first_line, t);
                    return;
                }
            }
        }
    }

    /// The first line opens a value without closing it: a pretty-printed document, or JSON lines
    /// whose first line is broken. The next non-empty line tells: in JSON lines it is a whole
    /// value.
    fn recognise_after_partial_line(&mut self, first_line: u64, first: Vec<u8>) {
        let mut consumed = first;
        consumed.push(b'\n');
        loop {
            match self.read_line() {
                Ok(Line::Text(t)) => {
                    let body = trim(&t);
                    if body.is_empty() {
                        consumed.extend_from_slice(&t);
                        consumed.push(b'\n');
                        continue;
                    }
                    let line = self.line;
                    let whole = (body[0] == b'{' || body[0] == b'[')
                        && serde_json::from_slice::<&RawValue>(body).is_ok();
                    if whole {
                        self.layout = Layout::JsonLines;
                        let first = trim(&consumed).to_vec();
                        self.push_record(first_line, first);
                        self.push_record(line, body.to_vec());
                    } else {
                        consumed.extend_from_slice(&t);
                        consumed.push(b'\n');
                        self.start_document(first_line, consumed);
                    }
                    return;
                }
                Ok(Line::Eof) => {
                    self.start_document(first_line, consumed);
                    return;
                }
                Ok(Line::TooLong { len, head }) => {
                    self.layout = Layout::JsonLines;
                    let first = trim(&consumed).to_vec();
                    self.push_record(first_line, first);
                    self.push_too_long(len, head);
                    return;
                }
                Err(e) => {
                    self.layout = Layout::JsonLines;
                    self.push_bad(self.line + 1, format!("read error: {e}"), Vec::new());
                    self.done = true;
                    return;
                }
            }
        }
    }

    /// Switches to the document layout: the bytes read so far, then the rest of the stream, go
    /// through the streaming splitter.
    fn start_document(&mut self, first_line: u64, consumed: Vec<u8>) {
        self.layout = Layout::Document;
        let mut splitter = Splitter::new(first_line);
        let mut out = Vec::new();
        splitter.feed(&consumed, &mut out);
        self.take_splits(out);
        self.splitter = Some(splitter);
    }

    fn take_splits(&mut self, splits: Vec<Split>) {
        for s in splits {
            match s {
                Split::Record { line, bytes } => self.push_record(line, bytes),
                Split::TooLong { line, len, head } => self.push_bad(
                    line,
                    format!("record of {len} bytes is longer than the 16 MB limit"),
                    head,
                ),
                Split::Stray { line, byte } => self.push_bad(
                    line,
                    format!(
                        "malformed JSON: unexpected '{}' between records",
                        byte as char
                    ),
                    vec![byte],
                ),
            }
        }
    }

    /// Reads the next chunk of a document through the splitter.
    fn read_document_chunk(&mut self) {
        let Some(mut splitter) = self.splitter.take() else {
            self.done = true;
            return;
        };
        let mut out = Vec::new();
        match self.inner.fill_buf() {
            Err(e) => {
                let line = splitter.line();
                splitter.end(&mut out);
                self.take_splits(out);
                self.push_bad(
                    line,
                    format!("read error at line {line}, the rest of the file is unreadable: {e}"),
                    Vec::new(),
                );
                self.done = true;
                return;
            }
            Ok([]) => {
                splitter.end(&mut out);
                self.done = true;
            }
            Ok(buf) => {
                let n = buf.len();
                splitter.feed(buf, &mut out);
                self.inner.consume(n);
                self.splitter = Some(splitter);
            }
        }
        self.take_splits(out);
    }

    fn push_record(&mut self, line: u64, bytes: Vec<u8>) {
        self.pending.push_back(Item::Record {
            ordinal: self.ordinal,
            line,
            bytes,
        });
        self.ordinal += 1;
    }

    fn push_bad(&mut self, line: u64, reason: String, head: Vec<u8>) {
        self.pending.push_back(Item::Bad {
            ordinal: self.ordinal,
            line,
            reason,
            head,
        });
        self.ordinal += 1;
    }

    fn push_too_long(&mut self, len: usize, head: Vec<u8>) {
        let reason = format!("line of {len} bytes is longer than the 16 MB limit");
        self.push_bad(self.line, reason, head);
    }

    /// Reads one line (without its newline), counting lines; overlong lines are drained.
    fn read_line(&mut self) -> io::Result<Line> {
        let mut out = Vec::new();
        let mut len = 0usize;
        let mut too_long = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                if len == 0 {
                    return Ok(Line::Eof);
                }
                break;
            }
            let (take, end) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            if !too_long {
                if len + take > MAX_LINE {
                    too_long = true;
                    let room = HEAD_BYTES.saturating_sub(out.len());
                    out.extend_from_slice(&buf[..take.min(room)]);
                } else {
                    out.extend_from_slice(&buf[..take]);
                }
            }
            len += take;
            self.inner.consume(take + usize::from(end));
            if end {
                len += 1;
                break;
            }
        }
        self.line += 1;
        if too_long {
            out.truncate(HEAD_BYTES);
            Ok(Line::TooLong { len, head: out })
        } else {
            Ok(Line::Text(out))
        }
    }
}

/// The first bytes of a record, for the rejects table.
pub fn head(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len().min(HEAD_BYTES)].to_vec()
}

impl Iterator for RecordReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            if self.splitter.is_some() {
                self.read_document_chunk();
                continue;
            }
            match self.read_line() {
                Err(e) => {
                    self.done = true;
                    let line = self.line + 1;
                    self.push_bad(
                        line,
                        format!(
                            "read error at line {line}, the rest of the file is unreadable: {e}"
                        ),
                        Vec::new(),
                    );
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong { len, head }) => self.push_too_long(len, head),
                Ok(Line::Text(t)) => {
                    let body = trim(&t);
                    if !body.is_empty() {
                        let line = self.line;
                        let body = body.to_vec();
                        self.push_record(line, body);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str) -> (Layout, Vec<(u64, String)>) {
        let r = RecordReader::new(Box::new(io::Cursor::new(input.as_bytes().to_vec())));
        let layout = r.layout();
        let v = r
            .map(|i| match i {
                Item::Record { line, bytes, .. } => {
                    (line, String::from_utf8_lossy(&bytes).into_owned())
                }
                Item::Bad { line, reason, .. } => (line, format!("BAD {reason}")),
            })
            .collect();
        (layout, v)
    }

    #[test]
    fn json_lines_with_blank_and_crlf() {
        let (l, v) = items("{\"a\":1}\r\n\n{\"b\":2}\n{broken\n");
        assert_eq!(l, Layout::JsonLines);
        assert_eq!(
            v,
            vec![
                (1, "{\"a\":1}".into()),
                (3, "{\"b\":2}".into()),
                (4, "{broken".into())
            ]
        );
    }

    #[test]
    fn pretty_document_and_array() {
        let (l, v) = items("{\n  \"a\": 1\n}\n");
        assert_eq!(l, Layout::Document);
        assert_eq!(v.len(), 1);
        let (l, v) = items("[\n {\"a\":1},\n {\"b\":2}\n]");
        assert_eq!(l, Layout::Document);
        assert_eq!(v, vec![(2, "{\"a\":1}".into()), (3, "{\"b\":2}".into())]);
    }

    #[test]
    fn broken_first_line_falls_back_to_lines() {
        let (l, v) = items("{\"a\":\n{\"b\":2}\n");
        assert_eq!(l, Layout::JsonLines);
        assert_eq!(v, vec![(1, "{\"a\":".into()), (2, "{\"b\":2}".into())]);
    }

    #[test]
    fn empty() {
        let (l, v) = items("\n \n");
        assert_eq!(l, Layout::Empty);
        assert!(v.is_empty());
    }
}
