//! `crowdmine sentiment --text`: rows, formats, and lines that are not UTF-8.

use std::io::Write;
use std::process::{Command, Stdio};

fn sentiment(input: &[u8], args: &[&str]) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crowdmine"))
        .args(["sentiment", "--text", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crowdmine runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    let out = child.wait_with_output().expect("crowdmine exits");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn one_row_per_line_as_vader() {
    // vaderSentiment 3.3.2: "The book was good." (0.0, 0.508, 0.492, 0.4404); "Today SUX!"
    // (0.779, 0.221, 0.0, -0.5461); "" all zeros.
    let input = b"The book was good.\r\n\nToday SUX!";
    let (ok, out, err) = sentiment(input, &[]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "line\tneg\tneu\tpos\tcompound\n1\t0.0\t0.508\t0.492\t0.4404\n2\t0.0\t0.0\t0.0\t0.0\n\
         3\t0.779\t0.221\t0.0\t-0.5461\n"
    );
    let (ok, out, _) = sentiment(input, &["--format", "csv"]);
    assert!(ok);
    assert!(out.starts_with("line,neg,neu,pos,compound\n1,0.0,0.508,0.492,0.4404\n"));
    let (ok, out, _) = sentiment(input, &["--format", "json"]);
    assert!(ok);
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["compound"], 0.4404);
    assert_eq!(out.lines().count(), 3);
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let (ok, out, err) = sentiment(b"good\n\xff bad\nbad\n", &[]);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().any(|l| l.starts_with("3\t")));
    assert!(!out.lines().any(|l| l.starts_with("2\t")));
    assert!(err.contains("-:2: not valid UTF-8"), "{err}");
    assert!(err.contains("2 lines scored, 1 skipped"), "{err}");
}
