//! Times VADER alone, on one thread: no reading, no writing, as `vaderSentiment` is timed in
//! `bench/sentiment.sh`.
//!
//!   cargo run --release -p crowdmine-text --example vader_speed -- FILE [PASSES]
//!
//! The lines of FILE are split as `crowdmine sentiment --text` splits them (on "\n", one trailing
//! "\r" dropped, lines that are not UTF-8 skipped) and the scorer is built, before the clock;
//! then each pass (3 unless PASSES) scores every text, keeping the scores. Prints one JSON line:
//! the texts, their bytes and each pass's seconds.

use crowdmine_text::{Scores, Vader};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), passes) = (args.next(), args.next()) else {
        eprintln!("usage: vader_speed FILE [PASSES]");
        std::process::exit(2);
    };
    let passes: usize = match passes.map(|p| p.parse()) {
        None => 3,
        Some(Ok(p)) if p > 0 => p,
        Some(_) => {
            eprintln!("PASSES must be a whole number above 0");
            std::process::exit(2);
        }
    };
    let body = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let lines = body.strip_suffix(b"\n").unwrap_or(&body);
    let texts: Vec<&str> = if body.is_empty() {
        Vec::new()
    } else {
        lines
            .split(|&b| b == b'\n')
            .filter_map(|l| std::str::from_utf8(l.strip_suffix(b"\r").unwrap_or(l)).ok())
            .collect()
    };
    let vader = Vader::new();
    let mut seconds = Vec::with_capacity(passes);
    let mut scores: Vec<Scores> = Vec::with_capacity(texts.len());
    for _ in 0..passes {
        scores.clear();
        let clock = Instant::now();
        scores.extend(texts.iter().map(|t| vader.polarity_scores(t)));
        seconds.push(clock.elapsed().as_secs_f64());
    }
    // Every score is used, so none of the work can be left out.
    let checksum: f64 = scores.iter().map(|s| s.compound).sum();
    println!(
        "{{\"texts\": {}, \"bytes\": {}, \"pass_seconds\": {seconds:?}, \"checksum\": {checksum}}}",
        texts.len(),
        body.len()
    );
}
