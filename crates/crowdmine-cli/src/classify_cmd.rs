//! `crowdmine classify train|evaluate|apply`: text classifiers for users' own labels.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::text::classify::{
    cross_validate, stratified_folds, FeatureOptions, Method, Model, Scores,
};
use crowdmine::text::Vader;
use crowdmine::{csv_field, Cell, Corpus};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum ClassifyCommand {
    /// Train a classifier on labelled texts and save it as a model file.
    Train(TrainArgs),
    /// Cross-validate classifiers on labelled texts: accuracy, macro-F1, confusion matrix.
    Evaluate(EvaluateArgs),
    /// Label texts, a file's rows or the corpus's posts with a saved model.
    Apply(ApplyArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum MethodArg {
    /// Multinomial naive Bayes.
    Nb,
    /// Multinomial logistic regression (L2).
    Lr,
}

#[derive(Args, Debug)]
pub struct DataArgs {
    /// Labelled texts: CSV with a header (TSV when the name ends in .tsv).
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// The column holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_column: String,
    /// The column holding the label.
    #[arg(long, default_value = "label", value_name = "NAME")]
    label_column: String,
    /// Leave out rows with this label (repeatable), e.g. --drop irrelevant.
    #[arg(long, value_name = "LABEL")]
    drop: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ModelArgs {
    /// Largest n of the word n-grams (1: words only; 2: words and word pairs).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=5))]
    ngrams: u16,
    /// Drop terms found in fewer training texts than this.
    #[arg(long, default_value_t = 2)]
    min_df: usize,
    /// Naive Bayes: additive smoothing.
    #[arg(long, default_value_t = 1.0)]
    alpha: f64,
    /// Logistic regression: inverse strength of the L2 penalty (scikit-learn's C).
    #[arg(long, default_value_t = 1.0)]
    c: f64,
    /// Logistic regression: stop when no gradient entry exceeds this.
    #[arg(long, default_value_t = 1e-6)]
    tol: f64,
    /// Logistic regression: most L-BFGS iterations.
    #[arg(long, default_value_t = 1000)]
    max_iter: usize,
}

impl ModelArgs {
    fn method(&self, m: MethodArg) -> Result<Method> {
        let positive = |name: &str, x: f64| {
            if x.is_finite() && x > 0.0 {
                Ok(x)
            } else {
                Err(anyhow::anyhow!(
                    "--{name} must be a positive number (it is {x})"
                ))
            }
        };
        Ok(match m {
            MethodArg::Nb => Method::NaiveBayes {
                alpha: positive("alpha", self.alpha)?,
            },
            MethodArg::Lr => {
                if self.max_iter == 0 {
                    bail!("--max-iter must be at least 1");
                }
                Method::Logistic {
                    c: positive("c", self.c)?,
                    tol: positive("tol", self.tol)?,
                    max_iter: self.max_iter,
                }
            }
        })
    }

    fn features(&self) -> FeatureOptions {
        FeatureOptions {
            ngrams: self.ngrams.into(),
            min_df: self.min_df,
        }
    }
}

#[derive(Args, Debug)]
pub struct TrainArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
    /// The learning method.
    #[arg(long, value_enum, default_value_t = MethodArg::Lr)]
    method: MethodArg,
    /// Where to save the model (JSON).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Args, Debug)]
pub struct EvaluateArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
    /// Methods to compare (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [MethodArg::Nb, MethodArg::Lr])]
    method: Vec<MethodArg>,
    /// Number of folds.
    #[arg(long, default_value_t = 10)]
    folds: usize,
    /// Seed of the fold assignment.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also score VADER (compound >= 0.05 positive, <= -0.05 negative, else neutral) when the
    /// labels are positive, negative and neutral.
    #[arg(long)]
    vader: bool,
    /// Write the folds, labels and each fold's feature matrices (Matrix Market) to this folder,
    /// for checking with another library (tools/classify_expected.py).
    #[arg(long, value_name = "DIR")]
    export: Option<PathBuf>,
    /// Write the results (per fold, pooled, out-of-fold predictions) as JSON.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The model file from `classify train`.
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    /// Label one text per line of this file (`-` for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    text: Option<PathBuf>,
    /// Label the rows of this CSV (TSV when .tsv); the text is in --text-column.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// With --data: the column holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_column: String,
    /// Write the labels here (CSV) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(cmd: &ClassifyCommand, db: &Path) -> Result<()> {
    match cmd {
        ClassifyCommand::Train(a) => train(a),
        ClassifyCommand::Evaluate(a) => evaluate(a),
        ClassifyCommand::Apply(a) => apply(a, db),
    }
}

/// Labelled texts: texts, class index of each, class names (sorted).
struct Labelled {
    texts: Vec<String>,
    labels: Vec<usize>,
    classes: Vec<String>,
}

fn delimiter(path: &Path) -> u8 {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
    {
        b'\t'
    } else {
        b','
    }
}

/// Reads `columns` of a CSV/TSV file, by header name. A row that cannot be read is an error with
/// its line: a labelled set with holes would bias what is learnt.
fn read_columns(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>> {
    let name = path.display();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(path))
        // A TSV has no quoting: a text that starts with '"' is text, not a quoted field.
        .quoting(delimiter(path) != b'\t')
        .flexible(false)
        .from_reader(crate::lines::open(path)?);
    let header = reader
        .headers()
        .with_context(|| format!("{name}: cannot read the header"))?
        .clone();
    let mut at = Vec::new();
    for c in columns {
        if header.iter().filter(|h| h == c).count() > 1 {
            bail!("{name}: the header names {c:?} more than once; rename one of the columns");
        }
        match header.iter().position(|h| h == *c) {
            Some(i) => at.push(i),
            None => bail!(
                "{name}: no column {c:?}; the columns are {} (choose with --text-column / --label-column)",
                header.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>().join(", ")
            ),
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{name}: unreadable row"))?;
        rows.push(
            at.iter()
                .map(|&i| record.get(i).unwrap_or_default().to_string())
                .collect(),
        );
    }
    Ok(rows)
}

fn read_labelled(a: &DataArgs) -> Result<Labelled> {
    if a.text_column == a.label_column {
        bail!(
            "--text-column and --label-column are both {:?}; the label cannot be the text",
            a.text_column
        );
    }
    let rows = read_columns(&a.data, &[&a.text_column, &a.label_column])?;
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut unlabelled = 0;
    for mut row in rows {
        let label = row.pop().unwrap_or_default();
        let text = row.pop().unwrap_or_default();
        if label.trim().is_empty() {
            unlabelled += 1;
        } else if !a.drop.contains(&label) {
            kept.push((text, label));
        }
    }
    if unlabelled > 0 {
        eprintln!(
            "{}: {unlabelled} rows without a label left out",
            a.data.display()
        );
    }
    let mut classes: Vec<String> = kept.iter().map(|(_, l)| l.clone()).collect();
    classes.sort();
    classes.dedup();
    if classes.len() < 2 {
        bail!(
            "{}: {} class(es) after --drop; a classifier needs at least two",
            a.data.display(),
            classes.len()
        );
    }
    let labels = kept
        .iter()
        .map(|(_, l)| classes.binary_search(l).unwrap_or(0))
        .collect();
    Ok(Labelled {
        texts: kept.into_iter().map(|(t, _)| t).collect(),
        labels,
        classes,
    })
}

fn train(a: &TrainArgs) -> Result<()> {
    let d = read_labelled(&a.data)?;
    let model = Model::train(
        &d.texts,
        &d.labels,
        d.classes.clone(),
        a.model.method(a.method)?,
        a.model.features(),
    );
    if !model.converged() {
        eprintln!(
            "warning: logistic regression stopped at --max-iter {} before converging (a gradient \
             entry is still above --tol {}); raise --max-iter",
            a.model.max_iter, a.model.tol
        );
    }
    if model.vectorizer.terms.is_empty() {
        bail!(
            "no term is in --min-df {} of the {} training texts: lower --min-df (nothing saved)",
            a.model.min_df,
            d.texts.len()
        );
    }
    std::fs::write(&a.out, model.to_json())
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    println!(
        "{} trained on {} texts ({} classes: {}), {} terms; saved to {}",
        model.method(),
        d.texts.len(),
        d.classes.len(),
        d.classes.join(", "),
        model.vectorizer.terms.len(),
        a.out.display()
    );
    Ok(())
}

fn evaluate(a: &EvaluateArgs) -> Result<()> {
    let d = read_labelled(&a.data)?;
    let k = a.folds;
    let smallest = (0..d.classes.len())
        .map(|c| d.labels.iter().filter(|&&l| l == c).count())
        .min()
        .unwrap_or(0);
    if k < 2 || smallest < k {
        bail!("--folds {k}: needs 2 or more folds and at least that many texts in every class (the smallest has {smallest})");
    }
    let folds = stratified_folds(&d.labels, k, a.seed);
    let methods: Vec<Method> = a
        .method
        .iter()
        .map(|&m| a.model.method(m))
        .collect::<Result<_>>()?;
    if let Some(dir) = &a.export {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let lines = |v: &[usize]| v.iter().map(|x| format!("{x}\n")).collect::<String>();
        std::fs::write(
            dir.join("classes.txt"),
            d.classes
                .iter()
                .map(|c| format!("{c}\n"))
                .collect::<String>(),
        )?;
        std::fs::write(dir.join("labels.txt"), lines(&d.labels))?;
        std::fs::write(dir.join("folds.txt"), lines(&folds))?;
        let params = serde_json::json!({"k": k, "nb_alpha": a.model.alpha, "lr_c": a.model.c,
            "lr_max_iter": a.model.max_iter, "lr_tol": a.model.tol, "seed": a.seed,
            "ngrams": a.model.ngrams, "min_df": a.model.min_df});
        std::fs::write(dir.join("params.json"), format!("{params:#}\n"))?;
    }
    let evaluations = cross_validate(
        &d.texts,
        &d.labels,
        d.classes.len(),
        &folds,
        &methods,
        a.model.features(),
        |m| {
            if let Some(dir) = &a.export {
                std::fs::write(
                    dir.join(format!("fold_{}.train.mtx", m.fold)),
                    m.train.to_matrix_market(),
                )?;
                std::fs::write(
                    dir.join(format!("fold_{}.test.mtx", m.fold)),
                    m.test.to_matrix_market(),
                )?;
            }
            Ok(())
        },
    )?;
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header([
        "method",
        "accuracy",
        "macro-F1",
        "± sd (folds)",
    ]);
    for e in &evaluations {
        table.add_row([
            e.method.name().to_string(),
            format!("{:.4}", e.accuracy),
            format!("{:.4}", e.macro_f1),
            format!("{:.4}", e.macro_f1_sd),
        ]);
    }
    let vader = if a.vader {
        Some(vader_scores(&d)?)
    } else {
        None
    };
    if let Some(s) = &vader {
        table.add_row([
            "VADER (no training; all texts)".to_string(),
            format!("{:.4}", s.accuracy),
            format!("{:.4}", s.macro_f1),
            String::new(),
        ]);
    }
    println!(
        "{} texts, {} classes ({}), {k}-fold stratified cross-validation (seed {}); features: folded \
         tokens, 1..{}-grams, min_df {}, TF-IDF; means over the folds",
        d.texts.len(),
        d.classes.len(),
        d.classes.join(", "),
        a.seed,
        a.model.ngrams,
        a.model.min_df
    );
    println!("{table}");
    for e in evaluations.iter().filter(|e| e.unconverged_folds > 0) {
        eprintln!(
            "warning: {} stopped at --max-iter {} before converging in {} of {k} folds; raise --max-iter",
            e.method.name(),
            a.model.max_iter,
            e.unconverged_folds
        );
    }
    for e in &evaluations {
        println!(
            "{} — pooled confusion matrix (rows: true, columns: predicted):",
            e.method.name()
        );
        println!("{}", confusion_table(&d.classes, &e.pooled));
    }
    if let Some(out) = &a.out {
        let json =
            serde_json::json!({"classes": d.classes, "folds": folds, "evaluations": evaluations});
        std::fs::write(out, format!("{json}\n"))
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(())
}

/// VADER's labels against the truth, over all texts (VADER is not trained: folds change nothing).
fn vader_scores(d: &Labelled) -> Result<Scores> {
    let find = |name: &str| d.classes.iter().position(|c| c.eq_ignore_ascii_case(name));
    let (Some(pos), Some(neg), Some(neu)) = (find("positive"), find("negative"), find("neutral"))
    else {
        bail!(
            "--vader needs the labels positive, negative and neutral; they are {}",
            d.classes.join(", ")
        );
    };
    let v = Vader::new();
    let predicted: Vec<usize> = d
        .texts
        .iter()
        .map(|t| {
            let c = v.polarity_scores(t).compound;
            if c >= 0.05 {
                pos
            } else if c <= -0.05 {
                neg
            } else {
                neu
            }
        })
        .collect();
    Ok(Scores::of(&d.labels, &predicted, d.classes.len()))
}

fn confusion_table(classes: &[String], s: &Scores) -> Table {
    let mut t = Table::new();
    let mut header = vec![String::new()];
    header.extend(classes.iter().cloned());
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    for (name, row) in classes.iter().zip(&s.confusion) {
        let mut cells = vec![name.clone()];
        cells.extend(row.iter().map(u64::to_string));
        t.add_row(cells);
    }
    t
}

fn apply(a: &ApplyArgs, db: &Path) -> Result<()> {
    let json = std::fs::read_to_string(&a.model)
        .with_context(|| format!("cannot read {}", a.model.display()))?;
    let model =
        Model::from_json(&json).map_err(|e| anyhow::anyhow!("{}: {e}", a.model.display()))?;
    // (key columns, text) of each item.
    let (key_names, items): (Vec<&str>, Vec<(Vec<String>, String)>) = if let Some(path) = &a.text {
        let mut items = Vec::new();
        crate::lines::each_line(path, |line, text| {
            items.push((vec![line.to_string()], text.to_string()));
            Ok(())
        })?;
        (vec!["line"], items)
    } else if let Some(path) = &a.data {
        let rows = read_columns(path, &[&a.text_column])?;
        let items = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| (vec![(i + 1).to_string()], r.pop().unwrap_or_default()))
            .collect();
        (vec!["row"], items)
    } else {
        let corpus = Corpus::open_reader(db)?;
        let mut items = Vec::new();
        let text = |c: &Cell| match c {
            Cell::Text(t) => t.clone(),
            _ => String::new(),
        };
        corpus.sql_each(
            "SELECT platform, native_id, text FROM posts WHERE kind != 'repost' AND text IS NOT NULL ORDER BY id",
            &mut |_, r| {
                items.push((vec![text(&r[0]), text(&r[1])], text(&r[2])));
                Ok(())
            },
        )?;
        (vec!["platform", "id"], items)
    };
    let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
    let probabilities = model.probabilities(&texts);
    let out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let mut header: Vec<String> = key_names.iter().map(|s| s.to_string()).collect();
    header.push("label".into());
    header.extend(model.classes.iter().map(|c| format!("p_{c}")));
    writeln!(
        out,
        "{}",
        header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    let mut counts = vec![0u64; model.classes.len()];
    for ((keys, _), p) in items.iter().zip(&probabilities) {
        let best = (0..p.len()).fold(0, |b, i| if p[i] > p[b] { i } else { b });
        counts[best] += 1;
        let mut row: Vec<String> = keys.iter().map(|k| csv_field(k)).collect();
        row.push(csv_field(&model.classes[best]));
        row.extend(p.iter().map(|x| format!("{x:.4}")));
        writeln!(out, "{}", row.join(","))?;
    }
    out.flush()?;
    let summary: Vec<String> = model
        .classes
        .iter()
        .zip(&counts)
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    eprintln!(
        "{} texts labelled by {} ({})",
        items.len(),
        model.method(),
        summary.join(", ")
    );
    Ok(())
}
