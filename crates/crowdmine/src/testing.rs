//! Test support: finding the shared real datasets.
//!
//! The data folder is `CROWDMINE_DATA`, or `<workspace root>/../shared/data`. A test that needs it
//! skips with a loud message when it is missing, and fails when `CI` is set: CI must run it.

use std::path::PathBuf;

/// The shared data folder, or `None` (after a loud message) when it is missing outside CI.
///
/// # Panics
/// When the folder is missing and the `CI` environment variable is set.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CROWDMINE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.join("PROVENANCE.md").is_file() {
        return Some(dir);
    }
    let msg = format!(
        "{test}: the shared data folder {} is missing; set CROWDMINE_DATA to it",
        dir.display()
    );
    assert!(std::env::var_os("CI").is_none(), "{msg}");
    eprintln!("\n!!!!!!!! SKIPPED {msg} !!!!!!!!\n");
    None
}
