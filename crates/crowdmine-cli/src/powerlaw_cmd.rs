//! `crowdmine powerlaw`: whether a degree distribution, or any column of counts, follows a power
//! law (Clauset, Shalizi & Newman 2009).

use crate::graph_cmd::{self, Source};
use crate::OutFormat;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use crowdmine::graph::measures;
use crowdmine::graph::powerlaw::{self as pl, AlternativeKind, Histogram, PowerLawParams};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum DegreeArg {
    /// In + out for a directed graph.
    Total,
    In,
    Out,
}

#[derive(Args, Debug)]
pub struct PowerLawArgs {
    #[command(flatten)]
    source: Source,
    /// Fit these values instead of a graph's degrees: non-negative integers, one per line (a
    /// first line that is not a number is a header), or the --column of a CSV file.
    #[arg(long, conflicts_with_all = ["graph", "kind"])]
    values: Option<PathBuf>,
    /// The CSV column of --values (by header name).
    #[arg(long, requires = "values")]
    column: Option<String>,
    /// Which degree of a directed graph.
    #[arg(long, value_enum, default_value_t = DegreeArg::Total)]
    degree: DegreeArg,
    /// Fix x_min instead of choosing it by the KS distance.
    #[arg(long)]
    xmin: Option<u64>,
    /// The largest exponent considered (as the `powerlaw` package: fits within 0.01 of it are
    /// not valid).
    #[arg(long, default_value_t = 3.0)]
    alpha_max: f64,
    /// Synthetic samples for the goodness-of-fit p-value (0 to skip; 2,500 give p to ±0.01).
    #[arg(long, default_value_t = 1000)]
    bootstrap: usize,
    /// Seed of the synthetic samples: the same seed gives the same p on any number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Significance level of the likelihood-ratio tests' verdicts.
    #[arg(long, default_value_t = 0.1)]
    level: f64,
    /// Also show the fit at every candidate x_min.
    #[arg(long)]
    candidates: bool,
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    output: OutFormat,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// Non-negative integers from a file: one per line, or one CSV column.
fn read_values(path: &Path, column: Option<&str>) -> Result<Vec<u64>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader = std::io::BufReader::new(file);
    let mut values = Vec::new();
    let mut index = None;
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), i + 1))?;
        let fields: Vec<&str> = match column {
            Some(_) => line
                .split(',')
                .map(|f| f.trim().trim_matches('"'))
                .collect(),
            None => vec![line.trim()],
        };
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if let (Some(name), None) = (column, index) {
            index = Some(fields.iter().position(|f| *f == name).with_context(|| {
                format!(
                    "{}:{}: no column {name:?} in the header {line:?}",
                    path.display(),
                    i + 1
                )
            })?);
            continue;
        }
        let field = fields.get(index.unwrap_or(0)).copied().unwrap_or("");
        match parse_count(field) {
            Some(v) => values.push(v),
            None if i == 0 && column.is_none() => {} // a header
            None => bail!(
                "{}:{}: {field:?} is not a non-negative integer; the fit is for discrete data \
                 (degrees, counts of posts, reposts, followers)",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(values)
}

fn parse_count(s: &str) -> Option<u64> {
    s.parse::<u64>().ok().or_else(|| {
        let x: f64 = s.parse().ok()?;
        (x >= 0.0 && x.fract() == 0.0 && x < 2f64.powi(63)).then_some(x as u64)
    })
}

pub fn run(args: &PowerLawArgs, db: &Path) -> Result<()> {
    let (values, what) = match &args.values {
        Some(path) => (
            read_values(path, args.column.as_deref())?,
            format!("values of {}", path.display()),
        ),
        None => {
            let (g, _) = graph_cmd::load(&args.source, db)?;
            let d = match (g.is_directed(), args.degree) {
                (true, DegreeArg::In) => measures::in_degrees(&g),
                (true, DegreeArg::Out) => measures::out_degrees(&g),
                _ => measures::degrees(&g),
            };
            let kind = if g.is_directed() {
                format!("{:?} degrees", args.degree).to_lowercase()
            } else {
                "degrees".into()
            };
            (d.into_iter().map(|x| x as u64).collect(), kind)
        }
    };
    let h = Histogram::new(values);
    let params = PowerLawParams {
        alpha_max: args.alpha_max,
        xmin: args.xmin,
        ..PowerLawParams::default()
    };
    if args.alpha_max.is_nan() || args.alpha_max <= 1.0 + params.boundary {
        bail!("--alpha-max must exceed 1.01");
    }
    let fit = pl::fit_power_law(&h, &params).with_context(|| format!("fitting the {what}"))?;
    let alternatives = pl::compare_alternatives(&h, &fit, &params, &AlternativeKind::ALL);
    let gof = (args.bootstrap > 0).then(|| {
        let bar = if args.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(
                Some(args.bootstrap as u64),
                ProgressDrawTarget::stderr_with_hz(4),
            )
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} synthetic samples · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        let g = pl::goodness_of_fit(&h, &fit, &params, args.bootstrap, args.seed, &|| bar.inc(1));
        bar.finish_and_clear();
        g
    });
    let mut out = std::io::stdout().lock();
    match args.output {
        OutFormat::Json => {
            let mut v = serde_json::to_value(&fit)?;
            if let Some(o) = v.as_object_mut() {
                if !args.candidates {
                    o.remove("candidates");
                }
                o.insert("data".into(), what.into());
                o.insert("goodness_of_fit".into(), serde_json::to_value(&gof)?);
                o.insert("alternatives".into(), serde_json::to_value(&alternatives)?);
            }
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        OutFormat::Csv => bail!("powerlaw has no CSV form; use --output table or json"),
        OutFormat::Table => {
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED);
            t.set_header(vec![format!("power law, discrete ({what})"), String::new()]);
            let pct = 100.0 * fit.n_tail as f64 / fit.n as f64;
            t.add_row(vec![
                "observations".into(),
                format!("{} ({} zeros left out)", fit.n, fit.zeros),
            ]);
            let chosen = if args.xmin.is_some() {
                "fixed"
            } else {
                "by the KS distance"
            };
            t.add_row(vec!["x_min".into(), format!("{} ({chosen})", fit.xmin)]);
            t.add_row(vec![
                "α".into(),
                format!("{:.4} ± {:.4}", fit.alpha, fit.sigma),
            ]);
            t.add_row(vec![
                "tail (x ≥ x_min)".into(),
                format!("{} observations ({pct:.1} %)", fit.n_tail),
            ]);
            t.add_row(vec!["KS distance D".into(), format!("{:.5}", fit.d)]);
            if let Some(g) = &gof {
                let verdict = if g.p >= 0.1 {
                    "plausible (p ≥ 0.1)"
                } else {
                    "ruled out (p < 0.1)"
                };
                t.add_row(vec![
                    "goodness of fit p".into(),
                    format!(
                        "{:.3} ± {:.3}: a power law is {verdict} ({} synthetic samples, seed {})",
                        g.p, g.standard_error, g.replicates, g.seed
                    ),
                ]);
            }
            writeln!(out, "{t}")?;
            if !fit.valid {
                writeln!(
                    out,
                    "warning: every candidate x_min gave α within 0.01 of --alpha-max {}: the tail \
                     is steeper than the range allows, and the fit above is the least bad one",
                    args.alpha_max
                )?;
            }
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED);
            t.set_header(vec!["alternative", "parameters", "R", "p", "favours"]);
            for a in &alternatives {
                let params: Vec<String> = a
                    .parameters
                    .iter()
                    .map(|(k, v)| format!("{k} {v:.4}"))
                    .collect();
                let mut name = a.kind.name().to_string();
                if a.nested {
                    name.push_str(" (nested)");
                }
                let mut params = params.join(", ");
                if a.at_boundary {
                    params.push_str(" (at a range end)");
                }
                t.add_row(vec![
                    name,
                    params,
                    format!("{:+.3}", a.ratio),
                    format!("{:.3e}", a.p),
                    a.favours(args.level).to_string(),
                ]);
            }
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "R: log-likelihood ratio over its standard deviation, > 0 favours the power law; p: \
                 Vuong's test (χ²₁ for the nested law); verdicts at p < {}.",
                args.level
            )?;
            if args.candidates {
                let mut t = Table::new();
                t.load_preset(UTF8_FULL_CONDENSED);
                t.set_header(vec!["x_min", "α", "σ", "D", "tail", "valid"]);
                for c in &fit.candidates {
                    t.add_row(vec![
                        c.xmin.to_string(),
                        format!("{:.4}", c.alpha),
                        format!("{:.4}", c.sigma),
                        format!("{:.5}", c.d),
                        c.n_tail.to_string(),
                        if c.valid { "yes" } else { "no" }.into(),
                    ]);
                }
                writeln!(out, "{t}")?;
            }
        }
    }
    Ok(())
}
