//! Crash safety: an ingest killed with SIGKILL at seeded points in every phase (mid-parse,
//! mid-batch, before the ledger write, before the commit) and then re-run reaches exactly the
//! corpus of an uninterrupted run, ledger included.

use crowdmine::Corpus;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PHASES: [&str; 4] = ["parse", "batch", "ledger", "commit"];
const SEEDS: u64 = 3;
/// Small commits, so that every file is committed in many steps.
const COMMIT_EVERY: &str = "3";

fn inputs(tmp: &Path) -> Vec<PathBuf> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = ["x-v2-sample.jsonl", "x-v1-sample.jsonl"]
        .iter()
        .map(|f| examples.join(f))
        .collect();
    // A file with rejects, skipped resources and duplicates of the samples, compressed.
    let sample = std::fs::read_to_string(&files[0]).expect("sample");
    let mut extra = String::new();
    for (i, line) in sample.lines().enumerate() {
        extra.push_str(line);
        extra.push('\n');
        if i % 2 == 0 {
            extra.push_str("{\"broken\": \n");
            extra.push_str("{\"data\":[{\"start\":\"2021-01-01T00:00:00.000Z\",\"end\":\"2021-01-02T00:00:00.000Z\",\"tweet_count\":3}]}\n");
        }
    }
    let zst = tmp.join("extra.jsonl.zst");
    std::fs::write(
        &zst,
        zstd::bulk::compress(extra.as_bytes(), 3).expect("zstd"),
    )
    .expect("write");
    files.push(zst);
    files
}

fn ingest_cmd(db: &Path, files: &[PathBuf]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crowdmine"));
    c.arg("--db")
        .arg(db)
        .args(["ingest", "-q", "--commit-every", COMMIT_EVERY])
        .args(files);
    c.stdout(Stdio::null());
    c
}

/// Runs an ingest that stops at `fault`; returns whether it got there (then it was killed).
fn interrupted_run(db: &Path, files: &[PathBuf], fault: &str) -> bool {
    let mut child = ingest_cmd(db, files)
        .env("CROWDMINE_FAULT", fault)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = child.stderr.take().expect("stderr");
    let mut seen = Vec::new();
    let mut buf = [0u8; 512];
    let reached = loop {
        if String::from_utf8_lossy(&seen).contains("fault point") {
            break true;
        }
        match stderr.read(&mut buf) {
            Ok(0) | Err(_) => break false,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    };
    // Child::kill sends SIGKILL: no destructor, no rollback, no flush runs.
    let _ = child.kill();
    child.wait().expect("wait");
    reached
}

fn dump(db: &Path) -> String {
    Corpus::open_reader(db)
        .expect("open")
        .canonical_dump(true)
        .expect("dump")
}

/// A small deterministic generator (SplitMix64) for the fault positions.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[test]
fn killed_ingests_resume_to_the_same_corpus() {
    let tmp = tempfile::tempdir().expect("tmp");
    let files = inputs(tmp.path());
    let reference_db = tmp.path().join("reference.db");
    assert!(ingest_cmd(&reference_db, &files)
        .status()
        .expect("run")
        .success());
    let reference = dump(&reference_db);
    let checkpoints: u64 = {
        let c = Corpus::open_reader(&reference_db).expect("open");
        match &c
            .sql("SELECT SUM(records_done) FROM files")
            .expect("sql")
            .rows[0][0]
        {
            crowdmine::Cell::Int(n) => *n as u64,
            other => panic!("{other:?}"),
        }
    };
    for (p, phase) in PHASES.iter().enumerate() {
        let mut reached = 0;
        for seed in 0..SEEDS {
            let db = tmp.path().join(format!("{phase}-{seed}.db"));
            // Hits of each point grow with the records; keep the seeded position inside the run.
            let limit = if *phase == "parse" {
                checkpoints
            } else {
                checkpoints / 3
            };
            let n = 1 + splitmix(p as u64 * 1000 + seed) % limit.max(1);
            if interrupted_run(&db, &files, &format!("{phase}:{n}")) {
                reached += 1;
            }
            // A second interruption of the resumed run, further on.
            interrupted_run(&db, &files, &format!("{phase}:{}", n + 1));
            let status = ingest_cmd(&db, &files).status().expect("rerun");
            assert!(status.success(), "{phase}:{n}: the re-run failed");
            let got = dump(&db);
            if got != reference {
                let line = got
                    .lines()
                    .zip(reference.lines())
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("\n  got       {a}\n  reference {b}"))
                    .unwrap_or_else(|| "(one dump is a prefix of the other)".into());
                panic!("{phase}:{n}: the resumed corpus differs:{line}");
            }
        }
        assert!(reached > 0, "fault point {phase} was never reached");
    }
}
