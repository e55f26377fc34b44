//! The ingest progress bar: bytes read from disk over all files, records per second, ETA.

use crowdmine::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub struct Bar {
    bar: ProgressBar,
    /// Bytes of the files finished before the current one.
    base: AtomicU64,
    current_size: AtomicU64,
    records_before: AtomicU64,
    records: AtomicU64,
    start: Mutex<Instant>,
}

impl Bar {
    pub fn new(files: &[PathBuf], quiet: bool) -> Bar {
        let total: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum();
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            let b =
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(4));
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} · {msg} · ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b
        };
        Bar {
            bar,
            base: AtomicU64::new(0),
            current_size: AtomicU64::new(0),
            records_before: AtomicU64::new(0),
            records: AtomicU64::new(0),
            start: Mutex::new(Instant::now()),
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn file(&self, _path: &Path, size: u64) {
        let prev = self.current_size.swap(size, Ordering::Relaxed);
        self.base.fetch_add(prev, Ordering::Relaxed);
        let r = self.records.load(Ordering::Relaxed);
        self.records_before.store(r, Ordering::Relaxed);
        self.bar.set_position(self.base.load(Ordering::Relaxed));
    }

    fn advance(&self, bytes: u64, records: u64) {
        let total_records = self.records_before.load(Ordering::Relaxed) + records;
        self.records.store(total_records, Ordering::Relaxed);
        self.bar
            .set_position(self.base.load(Ordering::Relaxed) + bytes);
        let secs = self
            .start
            .lock()
            .map(|s| s.elapsed().as_secs_f64())
            .unwrap_or(1.0)
            .max(1e-3);
        self.bar.set_message(format!(
            "{total_records} records, {:.0} records/s",
            total_records as f64 / secs
        ));
    }
}
