//! One text per line, from a file or standard input: the input of the `--text` modes.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Opens `path`, or standard input when it is `-`.
pub fn open(path: &Path) -> Result<Box<dyn Read>> {
    Ok(if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Box::new(f)
    })
}

/// Calls `f(line number from 1, text without "\n" or "\r\n")` for each line of `path`. A line
/// that is not valid UTF-8 is reported on standard error with its number and skipped; returns how
/// many were.
pub fn each_line(path: &Path, mut f: impl FnMut(u64, &str) -> Result<()>) -> Result<u64> {
    let name = path.display();
    let mut reader = BufReader::with_capacity(1 << 20, open(path)?);
    let mut buf = Vec::new();
    let (mut line, mut skipped) = (0u64, 0u64);
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{name}: read error after line {line}"))?;
        if n == 0 {
            return Ok(skipped);
        }
        line += 1;
        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        match std::str::from_utf8(text) {
            Ok(text) => f(line, text)?,
            Err(_) => {
                skipped += 1;
                eprintln!("{name}:{line}: not valid UTF-8; line skipped");
            }
        }
    }
}
