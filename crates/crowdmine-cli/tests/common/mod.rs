//! What the CLI tests share: running the binary, and a corpus of the fictional X example.
#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `crowdmine --db DB ARGS…`: success, stdout, stderr.
pub fn crowdmine(db: &Path, args: &[&str]) -> (bool, String, String) {
    let db = db.to_str().expect("path");
    run(&[&["--db", db], args].concat())
}

/// Runs `crowdmine ARGS…`: success, stdout, stderr.
pub fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crowdmine"))
        .args(args)
        .output()
        .expect("run crowdmine");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/x-v2-sample.jsonl")
}

/// A corpus of the fictional X example, in a temporary folder.
pub fn ingested() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let ex = example();
    let (ok, _, err) = crowdmine(&db, &["ingest", "-q", ex.to_str().expect("path")]);
    assert!(ok, "{err}");
    (tmp, db)
}
