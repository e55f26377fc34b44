//! Shared by the reference tests: fixtures and the shared data folder.

use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The shared data folder (`CROWDMINE_DATA`, default `<workspace>/../shared/data`). Outside CI a
/// missing folder skips the test loudly; under CI it fails it.
pub fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CROWDMINE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.join("PROVENANCE.md").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the shared data folder {} is missing",
        dir.display()
    );
    eprintln!(
        "\n!!!!!!!! SKIPPED: the shared data folder {} is missing !!!!!!!!\n",
        dir.display()
    );
    None
}
