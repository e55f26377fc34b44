//! Streaming split of JSON documents into records: concatenated values, or the elements of
//! top-level arrays, found by tracking nesting and strings byte by byte. Memory is bounded by the
//! largest record (capped at [`MAX_LINE`](crate::records::MAX_LINE)), never by the file.

use crate::records::{HEAD_BYTES, MAX_LINE};

/// A record found by the splitter, or a problem with one.
#[derive(Debug, PartialEq, Eq)]
pub enum Split {
    Record {
        line: u64,
        bytes: Vec<u8>,
    },
    TooLong {
        line: u64,
        len: usize,
        head: Vec<u8>,
    },
    Stray {
        line: u64,
        byte: u8,
    },
}

#[derive(Default)]
pub struct Splitter {
    /// Current line (1-based once the first byte is seen).
    line: u64,
    /// Nesting depth, the containing top-level array included.
    depth: usize,
    /// Depth at which records start: 1 inside a top-level array, else 0.
    base: usize,
    in_string: bool,
    escape: bool,
    recording: bool,
    start_line: u64,
    len: usize,
    buf: Vec<u8>,
}

impl Splitter {
    pub fn new(first_line: u64) -> Splitter {
        Splitter {
            line: first_line,
            ..Splitter::default()
        }
    }

    /// The current line.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn start(&mut self) {
        self.recording = true;
        self.start_line = self.line;
        self.len = 0;
        self.buf.clear();
    }

    fn push(&mut self, b: u8) {
        self.len += 1;
        if self.len <= MAX_LINE {
            self.buf.push(b);
        }
    }

    fn finish(&mut self, out: &mut Vec<Split>) {
        self.recording = false;
        let bytes = std::mem::take(&mut self.buf);
        out.push(if self.len > MAX_LINE {
            Split::TooLong {
                line: self.start_line,
                len: self.len,
                head: bytes[..HEAD_BYTES.min(bytes.len())].to_vec(),
            }
        } else {
            Split::Record {
                line: self.start_line,
                bytes,
            }
        });
    }

    /// Feeds bytes; complete records are appended to `out`.
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<Split>) {
        for &b in data {
            if b == b'\n' {
                self.line += 1;
            }
            if self.in_string {
                self.push(b);
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == self.base {
                        self.finish(out);
                    }
                }
                continue;
            }
            match b {
                b'"' => {
                    if !self.recording {
                        self.start();
                    }
                    self.in_string = true;
                    self.push(b);
                }
                b'[' if self.depth == 0 && !self.recording => {
                    // A top-level array: its elements are the records.
                    self.depth = 1;
                    self.base = 1;
                }
                b'{' | b'[' => {
                    if !self.recording {
                        self.start();
                    }
                    self.push(b);
                    self.depth += 1;
                }
                b']' if self.base == 1 && self.depth == 1 && !self.recording => {
                    self.depth = 0;
                    self.base = 0;
                }
                b'}' | b']' => {
                    if self.recording && self.depth > self.base {
                        self.push(b);
                        self.depth -= 1;
                        if self.depth == self.base {
                            self.finish(out);
                        }
                    } else {
                        if self.recording {
                            self.finish(out);
                        }
                        out.push(Split::Stray {
                            line: self.line,
                            byte: b,
                        });
                    }
                }
                b',' if self.depth == self.base => {
                    if self.recording {
                        self.finish(out);
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' => {
                    if self.recording {
                        if self.depth == self.base {
                            // The end of a scalar (a number or a literal).
                            self.finish(out);
                        } else {
                            self.push(b);
                        }
                    }
                }
                _ => {
                    if !self.recording {
                        self.start();
                    }
                    self.push(b);
                }
            }
        }
    }

    /// The end of the input: a record still open is reported as truncated.
    pub fn end(&mut self, out: &mut Vec<Split>) {
        if self.recording {
            if self.depth == self.base && !self.in_string {
                self.finish(out);
            } else {
                // Let the parser say what is wrong with it.
                self.depth = self.base;
                self.finish(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &str) -> Vec<(u64, String)> {
        let mut s = Splitter::new(1);
        let mut out = Vec::new();
        for chunk in input.as_bytes().chunks(3) {
            s.feed(chunk, &mut out);
        }
        s.end(&mut out);
        out.into_iter()
            .map(|x| match x {
                Split::Record { line, bytes } => {
                    (line, String::from_utf8_lossy(&bytes).into_owned())
                }
                other => (0, format!("{other:?}")),
            })
            .collect()
    }

    #[test]
    fn arrays_and_concatenated_documents() {
        assert_eq!(
            split("[\n {\"a\": \"x]}\\\"\"},\n {\"b\": [1, 2]}\n]\n{\n \"c\": 3\n}\n"),
            vec![
                (2, "{\"a\": \"x]}\\\"\"}".to_string()),
                (3, "{\"b\": [1, 2]}".to_string()),
                (5, "{\n \"c\": 3\n}".to_string()),
            ]
        );
    }

    proptest::proptest! {
        /// Any array of objects, pretty-printed and fed in chunks of any size, splits into its
        /// elements exactly.
        #[test]
        fn splits_pretty_arrays_into_their_elements(
            items in proptest::collection::vec(("[a-z\\[\\]{}\",\\\\ é]{0,12}", -1000i64..1000), 0..12),
            chunk in 1usize..64,
        ) {
            let values: Vec<serde_json::Value> = items
                .iter()
                .map(|(k, n)| serde_json::json!({"k": k, "n": n, "l": [n, {"x": k}]}))
                .collect();
            let text = serde_json::to_string_pretty(&values).expect("json");
            let mut s = Splitter::new(1);
            let mut out = Vec::new();
            for c in text.as_bytes().chunks(chunk) {
                s.feed(c, &mut out);
            }
            s.end(&mut out);
            let got: Vec<serde_json::Value> = out
                .into_iter()
                .map(|x| match x {
                    Split::Record { bytes, .. } => serde_json::from_slice(&bytes).expect("record"),
                    other => panic!("{other:?}"),
                })
                .collect();
            proptest::prop_assert_eq!(got, values);
        }
    }

    #[test]
    fn truncated_record_is_returned_for_the_parser_to_reject() {
        assert_eq!(
            split("[{\"a\": 1}, {\"b\":"),
            vec![(1, "{\"a\": 1}".into()), (1, "{\"b\":".into())]
        );
    }
}
