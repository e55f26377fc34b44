//! VADER against the reference vaderSentiment 3.3.2 (Python 3.11), score for score: 24,000
//! generated texts that exercise every rule, and the 23,703 texts of VADER's four human-rated
//! corpora. Fixtures from `tools/vader_expected.py`; zero mismatches allowed.

use crowdmine_text::{Scores, Vader};
mod common;

use common::{data_dir, fixture};

/// Exact equality, sign of zero included.
fn same(a: &Scores, b: [f64; 4]) -> bool {
    [a.neg, a.neu, a.pos, a.compound]
        .iter()
        .zip(b)
        .all(|(x, y)| x.to_bits() == y.to_bits())
}

fn report(mismatches: &[String], total: usize, what: &str) {
    for m in mismatches.iter().take(20) {
        eprintln!("{m}");
    }
    assert!(
        mismatches.is_empty(),
        "{} of {total} {what} differ from vaderSentiment 3.3.2",
        mismatches.len()
    );
    eprintln!("{what}: {total} texts, 0 mismatches");
}

#[test]
fn generated_texts_score_as_the_reference() {
    let text = std::fs::read_to_string(fixture("vader_generated.jsonl")).expect("fixture");
    let vader = Vader::new();
    // Split on "\n" only: texts hold U+0085, U+2028 and U+2029, which other line readers break at.
    let mut lines = text.split('\n').filter(|l| !l.is_empty());
    let meta: serde_json::Value = serde_json::from_str(lines.next().expect("meta")).expect("JSON");
    assert_eq!(meta["meta"]["versions"]["vaderSentiment"], "3.3.2");
    let (mut total, mut mismatches) = (0, Vec::new());
    for (i, line) in lines.enumerate() {
        let row: serde_json::Value = serde_json::from_str(line).expect("JSON row");
        let input = row["text"].as_str().expect("text");
        let want = ["neg", "neu", "pos", "compound"].map(|k| row[k].as_f64().expect("score"));
        let got = vader.polarity_scores(input);
        if !same(&got, want) {
            mismatches.push(format!("text {i} {input:?}: got {got:?}, want {want:?}"));
        }
        total += 1;
    }
    assert_eq!(total, 24_000);
    report(&mismatches, total, "generated texts");
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

#[test]
fn human_rated_corpora_score_as_the_reference() {
    let Some(data) = data_dir() else { return };
    let expected = std::fs::read_to_string(fixture("vader_corpora.tsv")).expect("fixture");
    let pearson_want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("vader_pearson.json")).expect("fixture"),
    )
    .expect("JSON");
    let vader = Vader::new();
    let mut rows = expected
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>());
    let (mut total, mut mismatches) = (0, Vec::new());
    for corpus in [
        "tweets",
        "nytEditorialSnippets",
        "movieReviewSnippets",
        "amazonReviewSnippets",
    ] {
        let path = data.join(format!("sentiment/vader/{corpus}_GroundTruth.txt"));
        let bytes = std::fs::read(&path).expect("corpus file");
        let text = String::from_utf8(bytes).expect("UTF-8");
        let (mut compound, mut human) = (Vec::new(), Vec::new());
        // As tools/vader_expected.py: lines split on "\n", one trailing "\r" dropped, empty lines
        // skipped, fields split at the first two tabs.
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let mut fields = line.splitn(3, '\t');
            let (id, mean, input) = (
                fields.next().expect("id"),
                fields.next().expect("mean"),
                fields.next().expect("text"),
            );
            let row = rows.next().expect("a fixture row per text");
            assert_eq!(
                (row[0], row[1], row[2], row[3]),
                (corpus, (i + 1).to_string().as_str(), id, mean)
            );
            let want = [4, 5, 6, 7].map(|k| row[k].parse::<f64>().expect("score"));
            let got = vader.polarity_scores(input);
            if !same(&got, want) {
                mismatches.push(format!(
                    "{corpus} line {}: got {got:?}, want {want:?}",
                    i + 1
                ));
            }
            compound.push(got.compound);
            human.push(mean.parse::<f64>().expect("mean"));
            total += 1;
        }
        let r = pearson(&compound, &human);
        let want = pearson_want["corpora"][corpus]["pearson_r"]
            .as_f64()
            .expect("r");
        eprintln!(
            "{corpus}: {} texts, Pearson r (compound, human mean) = {r:.4}",
            compound.len()
        );
        assert!((r - want).abs() < 1e-9, "{corpus}: r {r} against {want}");
    }
    assert!(rows.next().is_none(), "fixture rows left over");
    assert_eq!(total, 23_703);
    report(&mismatches, total, "corpus texts");
}
