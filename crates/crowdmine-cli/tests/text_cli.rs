//! `crowdmine sentiment`: the corpus's posts scored, stored and grouped; `--text`: rows, formats,
//! and lines that are not UTF-8.

mod common;

use common::{crowdmine, ingested};
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `crowdmine ARGS…` with `input` on standard input: success, stdout, stderr.
fn with_stdin(input: &[u8], args: &[&str]) -> (bool, String, String) {
    with_stdin_env(input, args, &[])
}

/// The same, with environment variables set.
fn with_stdin_env(input: &[u8], args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crowdmine"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crowdmine runs");
    // Written from another thread: a large input would otherwise fill the pipe while crowdmine's
    // output fills the other one.
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("crowdmine exits");
    // crowdmine may stop before reading everything (a refused option): that write error is moot.
    let _ = writer.join();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sentiment(input: &[u8], args: &[&str]) -> (bool, String, String) {
    let args: Vec<&str> = ["sentiment", "--text", "-"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    with_stdin(input, &args)
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

#[test]
fn corpus_posts_are_scored_once_and_grouped() {
    let (tmp, db) = ingested();
    let json = |args: &[&str]| -> serde_json::Value {
        let (ok, out, err) = crowdmine(&db, args);
        assert!(ok, "{err}");
        serde_json::from_str(&out).expect("JSON")
    };
    let run = json(&["sentiment", "-q", "--by", "platform", "--format", "json"]);
    let report = &run["report"];
    // 19 of the example's tweets are tagged fr or es (counted from the file: `lang` of every
    // tweet in `data` and `includes.tweets`); the other posts have English text.
    assert_eq!(report["other_language"], 19, "{report}");
    assert_eq!(report["empty"], 0);
    let posts = report["posts"].as_u64().expect("posts");
    assert_eq!(report["scored"].as_u64(), Some(posts - 19));
    assert_eq!(run["scorer"], "vader-3.3.2");
    // Run again: nothing to score.
    let again = json(&["sentiment", "-q", "--by", "all", "--format", "json"]);
    assert_eq!(again["report"]["scored"], 0);
    assert_eq!(again["report"]["unchanged"].as_u64(), Some(posts));
    // The group's mean and shares are those of the stored scores of non-repost posts.
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "sql",
            "SELECT s.compound FROM sentiment s JOIN posts p ON p.id = s.post \
             WHERE s.status = 'scored' AND p.kind <> 'repost'",
            "--format",
            "csv",
        ],
    );
    assert!(ok, "{err}");
    let compounds: Vec<f64> = out
        .lines()
        .skip(1)
        .map(|l| l.parse().expect("number"))
        .collect();
    let all = &again["groups"][0];
    assert_eq!(all["posts"].as_u64(), Some(compounds.len() as u64));
    let mean = compounds.iter().sum::<f64>() / compounds.len() as f64;
    assert!((all["mean_compound"].as_f64().expect("mean") - mean).abs() < 1e-12);
    let positive = compounds.iter().filter(|&&c| c >= 0.05).count() as f64 / compounds.len() as f64;
    assert!((all["positive"].as_f64().expect("share") - positive).abs() < 1e-12);
    // --any-language scores the 19 others, and only them.
    let forced = json(&["sentiment", "-q", "--any-language", "--format", "json"]);
    assert_eq!(forced["report"]["scored"], 19);
    assert_eq!(forced["report"]["other_language"], 0);
    // By the authors' communities: every scored non-repost post in exactly one group.
    let partition = tmp.path().join("communities.csv");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "communities",
            "--kind",
            "mention",
            "--out",
            partition.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    let by_community = json(&[
        "sentiment",
        "-q",
        "--by",
        "community",
        "--communities",
        partition.to_str().expect("path"),
        "--format",
        "json",
    ]);
    let groups = by_community["groups"].as_array().expect("groups");
    let total: u64 = groups.iter().map(|g| g["posts"].as_u64().expect("n")).sum();
    let all = json(&["sentiment", "-q", "--by", "all", "--format", "json"]);
    assert_eq!(Some(total), all["groups"][0]["posts"].as_u64());
    assert!(groups.len() > 2, "{by_community}");
    // A partition file without the columns is refused, before any scoring.
    std::fs::write(&partition, "a,b\n1,2\n").expect("write");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "sentiment",
            "--by",
            "community",
            "--communities",
            partition.to_str().expect("path"),
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("needs the columns node and community"),
        "{err}"
    );
    // Days in order, with a row per day.
    let (ok, out, err) = crowdmine(&db, &["sentiment", "-q", "--format", "csv"]);
    assert!(ok, "{err}");
    let days: Vec<&str> = out.lines().skip(1).map(|l| &l[..10]).collect();
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(out.starts_with("group,posts,mean_compound,positive,negative,neutral,net\n"));
}

#[test]
fn languages_tagged_and_identified() {
    let (_tmp, db) = ingested();
    let (ok, out, err) = crowdmine(&db, &["lang"]);
    assert!(ok, "{err}");
    // Counted from the file's `lang` fields (every tweet in `data` and `includes.tweets`).
    let row = |lang: &str| {
        out.lines()
            .find(|l| l.contains(&format!(" {lang} ")))
            .map(|l| l.split('┆').map(str::trim).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(row("fr").get(1), Some(&"11"), "{out}");
    assert_eq!(row("es").get(1), Some(&"8"), "{out}");
    let (ok, out, err) = with_stdin(
        "The weather is lovely today\nDas Wetter ist heute schön\n@x https://t.co/y\n".as_bytes(),
        &["lang", "--text", "-"],
    );
    assert!(ok, "{err}");
    assert_eq!(out, "line\tlang\n1\ten\n2\tde\n3\t\n");
}

#[test]
fn tokens_of_each_line() {
    let mut input = "Sooo happy!!! 👍🏽 #Win @Bob\n".as_bytes().to_vec();
    input.extend(b"\xff\nU.S. wins. Next!\n");
    let (ok, out, err) = with_stdin(&input, &["tokens", "--text", "-"]);
    assert!(ok, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "line\tstart\tkind\ttext\tfolded");
    assert!(rows.contains(&"1\t0\tword\tSooo\tsooo"), "{out}");
    assert!(rows.contains(&"1\t14\temoji\t👍🏽\t👍"), "{out}");
    assert!(rows.contains(&"1\t23\thashtag\t#Win\t#win"), "{out}");
    assert!(rows.contains(&"3\t0\tword\tU.S.\tu.s."), "{out}");
    assert!(err.contains("-:2: not valid UTF-8"), "{err}");
    let (ok, out, _) = with_stdin(
        b"U.S. wins. Next!\n",
        &["tokens", "--text", "-", "--sentences"],
    );
    assert!(ok);
    assert_eq!(out, "line\tsentence\ttext\n1\t1\tU.S. wins.\n1\t2\tNext!\n");
    let (ok, out, _) = with_stdin(
        b"the very best day\n",
        &[
            "tokens",
            "--text",
            "-",
            "--ngrams",
            "2",
            "--stop-words",
            "en",
            "--format",
            "json",
        ],
    );
    assert!(ok);
    // "the", "very" and "best" are English stop words (stopwords-iso is broad): "day" has no pair.
    assert_eq!(out, "{\"line\":1,\"ngrams\":[]}\n", "{out}");
    let (ok, _, err) = with_stdin(b"x\n", &["tokens", "--text", "-", "--stop-words", "xx"]);
    assert!(!ok && err.contains("no stop-word list for \"xx\""), "{err}");
}

#[test]
fn classifiers_train_evaluate_apply() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("labelled.csv");
    let mut csv = String::from("id,text,label\n");
    for i in 0..30 {
        csv.push_str(&format!("{i},\"I love this, great day {i}\",pos\n"));
        csv.push_str(&format!("{i},\"I hate this, awful day {i}\",neg\n"));
        csv.push_str(&format!("{i},spam spam buy now {i},junk\n"));
    }
    std::fs::write(&data, csv).expect("write");
    let d = data.to_str().expect("path");
    let db = tmp.path().join("none.db");
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "classify", "evaluate", "--data", d, "--folds", "5", "--drop", "junk",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("60 texts, 2 classes (neg, pos), 5-fold"),
        "{out}"
    );
    assert!(
        out.contains("naive Bayes         ┆ 1.0000   ┆ 1.0000"),
        "{out}"
    );
    assert!(
        out.contains("logistic regression ┆ 1.0000   ┆ 1.0000"),
        "{out}"
    );
    let model = tmp.path().join("model.json");
    let m = model.to_str().expect("path");
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "classify", "train", "--data", d, "--method", "nb", "--out", m,
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("naive Bayes trained on 90 texts (3 classes: junk, neg, pos)"),
        "{out}"
    );
    let (ok, out, err) = with_stdin(
        b"what a great day\nawful\nbuy now\n",
        &["classify", "apply", "--model", m, "--text", "-"],
    );
    assert!(ok, "{err}");
    let labels: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(labels, ["pos", "neg", "junk"], "{out}");
    assert!(out.starts_with("line,label,p_junk,p_neg,p_pos\n"), "{out}");
    // Errors that say what to do.
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "classify",
            "evaluate",
            "--data",
            d,
            "--label-column",
            "sentiment",
        ],
    );
    assert!(
        !ok && err.contains("no column \"sentiment\"") && err.contains("\"label\""),
        "{err}"
    );
    std::fs::write(&model, "{}").expect("write");
    let (ok, _, err) = crowdmine(&db, &["classify", "apply", "--model", m, "--text", d]);
    assert!(!ok && err.contains("not a crowdmine model file"), "{err}");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "classify",
            "evaluate",
            "--data",
            d,
            "--folds",
            "5",
            "--method",
            "lr",
            "--max-iter",
            "1",
        ],
    );
    assert!(
        ok && err.contains("stopped at --max-iter 1 before converging in 5 of 5 folds"),
        "{err}"
    );
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "classify", "train", "--data", d, "--method", "nb", "--alpha", "0", "--out", m,
        ],
    );
    assert!(
        !ok && err.contains("--alpha must be a positive number"),
        "{err}"
    );
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "classify", "train", "--data", d, "--min-df", "1000", "--out", m,
        ],
    );
    assert!(!ok && err.contains("lower --min-df"), "{err}");
    // TSV: no quoting (a text may start with '"'); rows without a label are left out and counted.
    let tsv = tmp.path().join("labelled.tsv");
    std::fs::write(
        &tsv,
        "text\tlabel\n\"so good\tpos\nbad day\tneg\nreally\" good\tpos\nawful\tneg\nno label\t\n",
    )
    .expect("write");
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "classify",
            "train",
            "--data",
            tsv.to_str().expect("path"),
            "--min-df",
            "1",
            "--out",
            m,
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("trained on 4 texts (2 classes: neg, pos)"),
        "{out}"
    );
    assert!(err.contains("1 rows without a label left out"), "{err}");
    let dup = tmp.path().join("dup.csv");
    std::fs::write(&dup, "text,label,text\na,b,c\n").expect("write");
    let (ok, _, err) = crowdmine(
        &db,
        &[
            "classify",
            "train",
            "--data",
            dup.to_str().expect("path"),
            "--out",
            m,
        ],
    );
    assert!(
        !ok && err.contains("names \"text\" more than once"),
        "{err}"
    );
}

#[test]
fn opinion_on_targets() {
    let (tmp, db) = ingested();
    let targets = tmp.path().join("targets.toml");
    std::fs::write(
        &targets,
        "[[target]]\nname = \"Volunteers\"\nkeywords = [\"volunteer*\"]\n\n\
         [[target]]\nname = \"Course\"\nkeywords = [\"course\"]\n\n\
         [[target]]\nname = \"Organisers\"\nhandles = [\"@PE_Marathon\"]\n",
    )
    .expect("write");
    let t = targets.to_str().expect("path");
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "opinion",
            "--targets",
            t,
            "-q",
            "--format",
            "json",
            "--by",
            "all",
        ],
    );
    assert!(ok, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // Counted independently over the example's 186 posts that are not reposts (a Python regex
    // over the file, one post per edit chain): volunteer… 12, course 4, @pe_marathon 28 of which
    // 3 are in Spanish or French.
    let posts: Vec<u64> = r["overall"]
        .as_array()
        .expect("overall")
        .iter()
        .map(|s| s["posts"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(posts, [12, 4, 28]);
    assert_eq!(r["posts"], 186);
    assert_eq!(r["overall"][2]["scored"], 25);
    let share = r["overall"][0]["share_of_voice"].as_f64().unwrap_or(0.0);
    assert!((share - 12.0 / 44.0).abs() < 1e-12, "{share}");
    for s in r["overall"].as_array().expect("overall") {
        let (lo, m, hi) = (
            s["ci_low"].as_f64(),
            s["mean_compound"].as_f64(),
            s["ci_high"].as_f64(),
        );
        assert!(lo <= m && m <= hi, "{s}");
    }
    // The daily series as CSV, and the terminal tables.
    let csv = tmp.path().join("daily.csv");
    let (ok, out, err) = crowdmine(
        &db,
        &[
            "opinion",
            "--targets",
            t,
            "-q",
            "--out",
            csv.to_str().expect("path"),
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("mean compound [95% CI]") && out.contains("Volunteers: the posts driving it"),
        "{out}"
    );
    let series = std::fs::read_to_string(&csv).expect("series");
    assert!(series.starts_with("group,target,posts,share_of_voice,scored,mean_compound,ci_low,ci_high,positive,negative,net\n"));
    assert!(series.contains("\n2022-10-16,Volunteers,"), "{series}");
    // Mistakes in the targets file are explained.
    std::fs::write(&targets, "[[target]]\nname = \"A\"\n").expect("write");
    let (ok, _, err) = crowdmine(&db, &["opinion", "--targets", t]);
    assert!(
        !ok && err.contains("target \"A\" has no keywords, hashtags or handles"),
        "{err}"
    );
    std::fs::write(&targets, "name = \"A\"\n").expect("write");
    let (ok, _, err) = crowdmine(&db, &["opinion", "--targets", t]);
    assert!(!ok && err.contains("[[target]]"), "{err}");
}

/// Input is read in blocks (4 MiB, or 256 KiB with one thread): lines across block ends, a line
/// longer than a block and the lines after it, and a last line without newline are all scored,
/// each once, in order, with one thread and with two, from a file and from standard input (whose
/// reads return less than a block).
#[test]
fn lines_across_blocks() {
    let mut input = String::new();
    for i in 0..300_000 {
        input.push_str(if i % 2 == 0 {
            "good day\n"
        } else {
            "bad day\r\n"
        });
    }
    input.push_str(&"good ".repeat(1_000_000));
    input.push('\n');
    input.push_str(&"bad day\n".repeat(1_000));
    input.push_str("the end");
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("texts.txt");
    std::fs::write(&path, &input).expect("write");
    let path = path.to_str().expect("path");
    let mut first: Option<String> = None;
    for threads in ["1", "2"] {
        for from in [path, "-"] {
            let stdin = if from == "-" { input.as_bytes() } else { b"" };
            let env = [("RAYON_NUM_THREADS", threads)];
            let (ok, out, err) = with_stdin_env(stdin, &["sentiment", "--text", from], &env);
            assert!(ok, "{threads} threads, {from}: {err}");
            let rows: Vec<&str> = out.lines().collect();
            assert_eq!(rows.len(), 1 + 301_002, "{threads} threads, {from}");
            assert_eq!(rows[1], "1\t0.0\t0.256\t0.744\t0.4404");
            assert_eq!(rows[2], "2\t0.778\t0.222\t0.0\t-0.5423");
            assert_eq!(rows[299_999], "299999\t0.0\t0.256\t0.744\t0.4404");
            assert!(
                rows[300_001].starts_with("300001\t0.0\t0.0\t1.0\t"),
                "{}",
                rows[300_001]
            );
            assert_eq!(rows[300_002], "300002\t0.778\t0.222\t0.0\t-0.5423");
            assert_eq!(rows[301_001], "301001\t0.778\t0.222\t0.0\t-0.5423");
            assert_eq!(rows[301_002], "301002\t0.0\t1.0\t0.0\t0.0");
            // Every row in order: the line numbers count up.
            assert!(rows[1..]
                .iter()
                .zip(1u64..)
                .all(|(r, n)| r.split('\t').next() == Some(n.to_string().as_str())));
            match &first {
                None => first = Some(out),
                Some(f) => assert!(*f == out, "{threads} threads, {from}: other rows"),
            }
        }
    }
}
