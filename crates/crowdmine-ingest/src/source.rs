//! Opening input files: plain, gzip (multi-member) or zstd, recognised by magic bytes, with the
//! compressed bytes counted for progress and hashed for the ledger's checksum.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::Xxh3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Plain,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Plain => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Why a file could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path}: no such file; check the path (globs are expanded by your shell)")]
    Missing { path: String },
    #[error("{path}: is a directory; pass the files inside it, e.g. {path}/*.jsonl")]
    Directory { path: String },
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: io::Error },
}

/// Counts and hashes the bytes that pass through, as they are read from disk.
struct Tap<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
    hash: Arc<Mutex<Xxh3>>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        if let Ok(mut h) = self.hash.lock() {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// An opened input: the decompressed byte stream and what is known about the file.
pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    pub compression: Compression,
    /// Size on disk in bytes.
    pub size: u64,
    /// Modification time (Unix seconds), used to recognise a file already ingested.
    pub mtime: i64,
    /// Bytes read from disk so far (compressed), for progress bars.
    pub bytes_read: Arc<AtomicU64>,
    hash: Arc<Mutex<Xxh3>>,
}

impl Opened {
    /// The xxh3-128 checksum of the bytes on disk read so far (the whole file once at EOF).
    pub fn checksum(&self) -> String {
        self.hash
            .lock()
            .map(|h| format!("xxh3:{:032x}", h.digest128()))
            .unwrap_or_default()
    }

    /// A handle that reports the checksum later, after the reader has moved elsewhere.
    pub fn checksum_handle(&self) -> ChecksumHandle {
        ChecksumHandle(self.hash.clone())
    }
}

#[derive(Clone)]
pub struct ChecksumHandle(Arc<Mutex<Xxh3>>);

impl ChecksumHandle {
    pub fn get(&self) -> String {
        self.0
            .lock()
            .map(|h| format!("xxh3:{:032x}", h.digest128()))
            .unwrap_or_default()
    }
}

/// Opens a file, recognising gzip (`1f 8b`) and zstd (`28 b5 2f fd`) by their magic bytes.
/// Zstd frames may declare windows up to 2^31 bytes, as Pushshift and Arctic Shift dumps do.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => OpenError::Missing {
            path: shown.clone(),
        },
        _ => OpenError::Io {
            path: shown.clone(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(OpenError::Directory { path: shown });
    }
    let io_err = |source| OpenError::Io {
        path: shown.clone(),
        source,
    };
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    let mut file = File::open(path).map_err(io_err)?;
    let mut magic = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        let n = file.read(&mut magic[got..]).map_err(io_err)?;
        if n == 0 {
            break;
        }
        got += n;
    }
    let bytes = Arc::new(AtomicU64::new(0));
    let hash = Arc::new(Mutex::new(Xxh3::new()));
    // Re-feed the magic bytes we consumed, then the rest of the file, through the tap.
    let tapped = Tap {
        inner: io::Cursor::new(magic[..got].to_vec()).chain(file),
        bytes: bytes.clone(),
        hash: hash.clone(),
    };
    let raw = BufReader::with_capacity(1 << 20, tapped);
    let (reader, compression): (Box<dyn Read + Send>, _) = match &magic[..got] {
        [0x1f, 0x8b, ..] => (
            Box::new(flate2::read::MultiGzDecoder::new(raw)),
            Compression::Gzip,
        ),
        [0x28, 0xb5, 0x2f, 0xfd] => {
            let mut d = zstd::stream::read::Decoder::with_buffer(raw).map_err(io_err)?;
            d.window_log_max(31).map_err(io_err)?;
            (Box::new(d), Compression::Zstd)
        }
        _ => (Box::new(raw), Compression::Plain),
    };
    Ok(Opened {
        reader,
        compression,
        size: meta.len(),
        mtime,
        bytes_read: bytes,
        hash,
    })
}
