//! `crowdmine generate MODEL`: seeded random graphs written to any graph format, with the planted
//! communities of block models and LFR beside them; `crowdmine models compare`: an observed graph
//! beside the models fitted to it.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use crowdmine::graph::generators::{self as gen, DcsbmParams, LfrParams, Multi};
use crowdmine::graph::{AttrValue, Graph};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a generated graph goes.
#[derive(Args, Debug, Clone)]
pub struct Output {
    /// The graph file (edge list, GML, GraphML, GEXF, Pajek, tables; by extension or --format).
    #[arg(long)]
    pub out: PathBuf,
    /// The format of --out.
    #[arg(long)]
    pub format: Option<String>,
    /// Random seed: the same seed gives the same graph on any number of threads.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Model {
    /// Erdős–Rényi G(n, p): each pair an edge with probability p (geometric skipping, O(n + m)).
    Er {
        #[arg(long)]
        n: u32,
        #[arg(long)]
        p: f64,
        #[arg(long)]
        directed: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Erdős–Rényi G(n, m): m distinct edges uniformly.
    Gnm {
        #[arg(long)]
        n: u32,
        #[arg(long)]
        m: u64,
        #[arg(long)]
        directed: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Watts–Strogatz: a ring of n nodes joined to their k nearest neighbours, each edge rewired
    /// with probability p (as NetworkX).
    Ws {
        #[arg(long)]
        n: u32,
        #[arg(long)]
        k: u32,
        #[arg(long)]
        p: f64,
        #[command(flatten)]
        out: Output,
    },
    /// Newman–Watts: the same ring, a shortcut added per edge with probability p.
    Nw {
        #[arg(long)]
        n: u32,
        #[arg(long)]
        k: u32,
        #[arg(long)]
        p: f64,
        #[command(flatten)]
        out: Output,
    },
    /// Barabási–Albert: each new node joins m earlier nodes, chosen by degree. With --directed,
    /// each new node cites m earlier nodes chosen by in-degree + --attractiveness (Price's model).
    Ba {
        #[arg(long)]
        n: u32,
        #[arg(long)]
        m: u32,
        #[arg(long)]
        directed: bool,
        /// Directed: the weight every node has before its first citation.
        #[arg(long, default_value_t = 1.0)]
        attractiveness: f64,
        #[command(flatten)]
        out: Output,
    },
    /// Configuration model from a degree sequence (a file with one degree per line; "out in" per
    /// line with --directed). A multigraph with exactly these degrees, or --erase for a simple
    /// graph (repeats merged, self-loops dropped).
    Config {
        #[arg(long)]
        degrees: PathBuf,
        #[arg(long)]
        directed: bool,
        #[arg(long)]
        erase: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Chung–Lu: expected degrees from a file (one per line); pairs join with probability
    /// w_u w_v / Σw (as NetworkX expected_degree_graph).
    ChungLu {
        #[arg(long)]
        degrees: PathBuf,
        /// Allow self-loops (NetworkX's default).
        #[arg(long)]
        self_loops: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Stochastic block model: blocks of --sizes, edge probability --p-in inside a block and
    /// --p-out between blocks, or a full --matrix file (one row of probabilities per line).
    Sbm {
        /// Block sizes, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        sizes: Vec<u32>,
        #[arg(long)]
        p_in: Option<f64>,
        #[arg(long)]
        p_out: Option<f64>,
        #[arg(long, conflicts_with_all = ["p_in", "p_out"])]
        matrix: Option<PathBuf>,
        #[arg(long)]
        directed: bool,
        #[command(flatten)]
        out: Output,
    },
    /// Degree-corrected block model: blocks of --sizes, power-law expected degrees (--avg-degree,
    /// --max-degree, --tau), a share --mixing of edge ends leaving their block.
    Dcsbm {
        #[arg(long, value_delimiter = ',', required = true)]
        sizes: Vec<u32>,
        #[arg(long, default_value_t = 10.0)]
        avg_degree: f64,
        #[arg(long, default_value_t = 100)]
        max_degree: u32,
        #[arg(long, default_value_t = 2.5)]
        tau: f64,
        #[arg(long, default_value_t = 0.3)]
        mixing: f64,
        /// Keep repeated edges and self-loops (a multigraph).
        #[arg(long)]
        multi: bool,
        #[command(flatten)]
        out: Output,
    },
    /// LFR benchmark (Lancichinetti, Fortunato & Radicchi 2008) with planted communities.
    Lfr {
        #[arg(long, default_value_t = 1000)]
        n: u32,
        #[arg(long, default_value_t = 20.0)]
        avg_degree: f64,
        #[arg(long, default_value_t = 50)]
        max_degree: u32,
        /// Degree exponent.
        #[arg(long, default_value_t = 2.0)]
        tau1: f64,
        /// Community size exponent.
        #[arg(long, default_value_t = 1.0)]
        tau2: f64,
        /// Mixing: the share of each node's edges that leave its community.
        #[arg(long, default_value_t = 0.3)]
        mu: f64,
        #[arg(long, default_value_t = 20)]
        min_community: u32,
        #[arg(long, default_value_t = 100)]
        max_community: u32,
        /// Directed arcs: in-degrees from the degree law, out-degrees the same values shuffled,
        /// a share μ of each node's in- and out-arcs leaving its community.
        #[arg(long)]
        directed: bool,
        #[command(flatten)]
        out: Output,
    },
}

/// Numbers from a file, one line each (`columns` per line), `#` comments allowed.
fn numbers(path: &Path, columns: usize) -> Result<Vec<Vec<f64>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let row: Vec<f64> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<f64>())
            .collect::<Result<_, _>>()
            .with_context(|| {
                format!(
                    "{}:{}: expected numbers, found {line:?}",
                    path.display(),
                    i + 1
                )
            })?;
        if columns > 0 && row.len() != columns {
            bail!(
                "{}:{}: expected {columns} number(s) per line, found {}",
                path.display(),
                i + 1,
                row.len()
            );
        }
        rows.push(row);
    }
    Ok(rows)
}

fn counts(path: &Path, column: usize, columns: usize) -> Result<Vec<u32>> {
    numbers(path, columns)?
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let x = r[column];
            if x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX) {
                bail!("{}: degree {x} of node {i} is not a count", path.display());
            }
            Ok(x as u32)
        })
        .collect()
}

pub fn run(model: Model) -> Result<()> {
    let start = std::time::Instant::now();
    let (g, communities, out, note): (Graph, Option<Vec<u32>>, Output, String) = match model {
        Model::Er {
            n,
            p,
            directed,
            out,
        } => (
            gen::gnp(n, p, directed, out.seed)?,
            None,
            out,
            String::new(),
        ),
        Model::Gnm {
            n,
            m,
            directed,
            out,
        } => (
            gen::gnm(n, m, directed, out.seed)?,
            None,
            out,
            String::new(),
        ),
        Model::Ws { n, k, p, out } => (
            gen::watts_strogatz(n, k, p, out.seed)?,
            None,
            out,
            String::new(),
        ),
        Model::Nw { n, k, p, out } => (
            gen::newman_watts(n, k, p, out.seed)?,
            None,
            out,
            String::new(),
        ),
        Model::Ba {
            n,
            m,
            directed,
            attractiveness,
            out,
        } => {
            let g = if directed {
                gen::price(n, m, attractiveness, out.seed)?
            } else {
                gen::barabasi_albert(n, m, out.seed)?
            };
            (g, None, out, String::new())
        }
        Model::Config {
            degrees,
            directed,
            erase,
            out,
        } => {
            let multi = if erase { Multi::Erase } else { Multi::Keep };
            let g = if directed {
                let (o, i) = (counts(&degrees, 0, 2)?, counts(&degrees, 1, 2)?);
                gen::configuration_directed(&o, &i, multi, out.seed)?
            } else {
                gen::configuration(&counts(&degrees, 0, 1)?, multi, out.seed)?
            };
            (g, None, out, String::new())
        }
        Model::ChungLu {
            degrees,
            self_loops,
            out,
        } => {
            let w: Vec<f64> = numbers(&degrees, 1)?.into_iter().map(|r| r[0]).collect();
            (
                gen::chung_lu(&w, self_loops, out.seed)?,
                None,
                out,
                String::new(),
            )
        }
        Model::Sbm {
            sizes,
            p_in,
            p_out,
            matrix,
            directed,
            out,
        } => {
            let p = match (matrix, p_in, p_out) {
                (Some(path), _, _) => numbers(&path, sizes.len())?,
                (None, Some(a), Some(b)) => (0..sizes.len())
                    .map(|r| {
                        (0..sizes.len())
                            .map(|s| if r == s { a } else { b })
                            .collect()
                    })
                    .collect(),
                _ => bail!("give --p-in and --p-out, or a --matrix file"),
            };
            let (g, blocks) = gen::sbm(&sizes, &p, directed, out.seed)?;
            (g, Some(blocks), out, String::new())
        }
        Model::Dcsbm {
            sizes,
            avg_degree,
            max_degree,
            tau,
            mixing,
            multi,
            out,
        } => {
            let blocks: Vec<u32> = sizes
                .iter()
                .enumerate()
                .flat_map(|(r, &s)| std::iter::repeat_n(r as u32, s as usize))
                .collect();
            let degrees =
                gen::power_law_degrees(blocks.len(), avg_degree, max_degree, tau, out.seed)?;
            let params = DcsbmParams {
                blocks: blocks.clone(),
                degrees,
                mixing,
                multi: if multi { Multi::Keep } else { Multi::Erase },
            };
            (
                gen::dcsbm(&params, out.seed)?,
                Some(blocks),
                out,
                String::new(),
            )
        }
        Model::Lfr {
            n,
            avg_degree,
            max_degree,
            tau1,
            tau2,
            mu,
            min_community,
            max_community,
            directed,
            out,
        } => {
            let params = LfrParams {
                n,
                avg_degree,
                max_degree,
                tau1,
                tau2,
                mu,
                min_community,
                max_community,
                directed,
            };
            let l = gen::lfr(&params, out.seed)?;
            let note = format!(
                ", realised mixing {:.4} ({} edges dropped in repair)",
                l.realised_mixing, l.dropped_edges
            );
            (l.graph, Some(l.communities), out, note)
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let communities_count = communities
        .as_ref()
        .map(|c| c.iter().copied().max().map_or(0, |m| m as usize + 1));
    eprintln!(
        "generated {} nodes and {} edges in {seconds:.2} s (seed {}){note}{}",
        g.node_count(),
        g.edge_count(),
        out.seed,
        communities_count.map_or(String::new(), |c| format!(", {c} planted communities"))
    );
    let mut data = g.to_data();
    if let Some(c) = &communities {
        for (node, &k) in data.nodes.iter_mut().zip(c) {
            node.attrs
                .insert("community".into(), AttrValue::Int(i64::from(k)));
        }
        let path = out.out.with_extension("communities.csv");
        let mut text = String::from("node,community\n");
        for (u, &k) in c.iter().enumerate() {
            text.push_str(&format!("{u},{k}\n"));
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote the planted communities to {}", path.display());
    }
    crate::graph_cmd::write(&data, &out.out, out.format.as_deref())
}

/// `crowdmine models compare`: the observed graph's statistics beside each fitted model's.
pub fn compare(g: &Graph, opts: &gen::compare::CompareOptions, json: bool) -> Result<()> {
    let c = gen::compare::compare(g, opts)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &c)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut header = vec!["statistic".to_string(), "observed".to_string()];
    for m in &c.models {
        header.push(format!("{} (± s.e.)", m.model));
        if m.analytic.iter().any(Option::is_some) {
            header.push(format!("{} analytic", m.model));
        }
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(header);
    let fmt = |x: f64| {
        if x.is_nan() {
            "–".to_string()
        } else if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            format!("{x:.4}")
        }
    };
    for (i, name) in c.statistics.iter().enumerate() {
        let mut row = vec![name.clone(), fmt(c.observed[i])];
        for m in &c.models {
            let se = m.standard_error[i];
            row.push(if se > 0.0 {
                format!("{} ± {}", fmt(m.mean[i]), fmt(se))
            } else {
                fmt(m.mean[i])
            });
            if m.analytic.iter().any(Option::is_some) {
                row.push(m.analytic[i].map_or("–".into(), fmt));
            }
        }
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    for m in &c.models {
        writeln!(out, "{}: {}", m.model, m.parameters)?;
    }
    writeln!(
        out,
        "{} seeds per model (from --seed {}); undirected simple graphs; path lengths over reachable \
         pairs of the largest component, {}",
        c.seeds,
        opts.seed,
        if c.observed[0] as usize <= c.path_samples {
            "exact".to_string()
        } else {
            format!("from {} sampled sources", c.path_samples)
        }
    )?;
    Ok(())
}
