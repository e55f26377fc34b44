//! Times VADER alone (no reading, no writing) on one text per line of a file:
//! `cargo run --release -p crowdmine-text --example vader_speed -- FILE`.

use crowdmine_text::Vader;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: vader_speed FILE");
        std::process::exit(2);
    };
    let body = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<&str> = body
        .split(|&b| b == b'\n')
        .filter_map(|l| std::str::from_utf8(l.strip_suffix(b"\r").unwrap_or(l)).ok())
        .collect();
    let vader = Vader::new();
    let mut best = f64::INFINITY;
    let mut check = 0.0;
    for _ in 0..3 {
        let clock = Instant::now();
        for t in &texts {
            check += vader.polarity_scores(t).compound;
        }
        best = best.min(clock.elapsed().as_secs_f64());
    }
    println!(
        "{} texts: best of 3 {best:.3} s, {:.3} µs/text (checksum {check:.4})",
        texts.len(),
        best / texts.len() as f64 * 1e6
    );
}
