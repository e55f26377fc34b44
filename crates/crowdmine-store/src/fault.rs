//! Fault points for crash tests. When `CROWDMINE_FAULT=<point>:<n>` is set, the n-th time the
//! process passes `point` it announces it on stderr and stops there, so a test can kill it with
//! SIGKILL at a known place. Without the variable a fault point costs one relaxed atomic load.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

static PLAN: OnceLock<Option<(String, u64)>> = OnceLock::new();
static HITS: AtomicU64 = AtomicU64::new(0);

fn plan() -> &'static Option<(String, u64)> {
    PLAN.get_or_init(|| {
        let v = std::env::var("CROWDMINE_FAULT").ok()?;
        let (name, n) = v.split_once(':')?;
        Some((name.to_string(), n.parse().ok()?))
    })
}

/// Marks a place where an interruption must leave the corpus recoverable.
pub fn point(name: &str) {
    if let Some((want, n)) = plan() {
        if want == name && HITS.fetch_add(1, Ordering::Relaxed) + 1 == *n {
            eprintln!("crowdmine: fault point {name} #{n} reached");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
    }
}
