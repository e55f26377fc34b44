//! Every measure against NetworkX and igraph on real graphs: the values in `tests/fixtures/*.json`
//! were written by `tools/graph_expected.py` with the reference libraries (see the fixtures'
//! README for the command and the conventions). Exact measures must agree to 1e-9 relative (with
//! an absolute floor of 1e-12), iterative ones to 1e-8.

mod common;
use common::data_dir;
use crowdmine_graph::formats::{read, ReadOptions};
use crowdmine_graph::measures::*;
use crowdmine_graph::{BuildOptions, Graph, GraphData};
use serde_json::Value;
use std::path::Path;

const EXACT: f64 = 1e-9;
const ITERATIVE: f64 = 1e-8;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json")
}

/// The file of each reference graph and how it is read.
fn load(name: &str, data: &Path) -> (GraphData, bool) {
    let net = data.join("networks-with-ground-truth");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (path, directed) = match name {
        "karate" => (net.join("karate_club.gml"), false),
        "lesmis" => (net.join("lesmis.gml"), false),
        "football" => (net.join("football.gml"), false),
        "polbooks" => (net.join("polbooks.gml"), false),
        "polblogs" => (net.join("polblogs.gml"), true),
        "email" | "email_noloops" => (net.join("email-Eu-core.txt"), true),
        "ba" => (fixtures.join("ba_2000_3.edges"), false),
        other => panic!("unknown graph {other}"),
    };
    let opts = ReadOptions {
        directed: Some(directed),
        weighted: false,
    };
    (read(&path, None, &opts).expect("read"), directed)
}

/// The simple graph the references use (duplicates merged; self-loops kept unless `noloops`).
fn graph(name: &str, data: &Path) -> Graph {
    let (d, directed) = load(name, data);
    Graph::from_data(
        &d,
        BuildOptions {
            directed,
            self_loops: name != "email_noloops",
            ..BuildOptions::default()
        },
    )
    .expect("graph")
}

/// A node attribute as text, in node order (GML `value`).
fn attribute(name: &str, data: &Path, key: &str) -> Vec<String> {
    let (d, _) = load(name, data);
    d.nodes
        .iter()
        .map(|n| n.attrs.get(key).map(|v| v.to_text()).unwrap_or_default())
        .collect()
}

/// The reference graphs of `tools/graph_expected.py`.
const ALL_GRAPHS: [&str; 8] = [
    "karate",
    "lesmis",
    "football",
    "polbooks",
    "polblogs",
    "email",
    "email_noloops",
    "ba",
];

#[derive(Default)]
struct Check {
    graph: String,
    failures: Vec<String>,
}

impl Check {
    fn close(&mut self, what: &str, got: f64, want: f64, rel: f64) {
        let ok = (got - want).abs() <= (rel * want.abs()).max(1e-12);
        if !ok {
            self.failures.push(format!(
                "{}: {what}: got {got:.17}, expected {want:.17}",
                self.graph
            ));
        }
    }

    /// Per-node values keyed by node id.
    fn nodes(&mut self, what: &str, g: &Graph, got: &[f64], want: &Value, rel: f64) {
        let Some(map) = want.as_object() else {
            self.failures
                .push(format!("{}: {what}: no fixture", self.graph));
            return;
        };
        assert_eq!(map.len(), got.len(), "{}: {what}: node count", self.graph);
        for (u, label) in g.labels().iter().enumerate() {
            match map.get(label).and_then(Value::as_f64) {
                Some(w) => self.close(&format!("{what}[{label}]"), got[u], w, rel),
                None => self
                    .failures
                    .push(format!("{}: {what}: no value for {label}", self.graph)),
            }
        }
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

#[test]
fn measures_match_networkx_and_igraph() {
    let Some(data) = data_dir() else { return };
    let mut check = Check::default();
    for name in ALL_GRAPHS {
        let fx = fixture(name);
        check.graph = name.to_string();
        let g = graph(name, &data);
        assert_eq!(
            g.node_count() as u64,
            fx["n"].as_u64().expect("n"),
            "{name}: n"
        );
        assert_eq!(
            g.edge_count() as u64,
            fx["m"].as_u64().expect("m"),
            "{name}: m"
        );
        check.close("density", density(&g), f(&fx["density"]), EXACT);
        let deg: Vec<f64> = degrees(&g).iter().map(|&d| d as f64).collect();
        check.nodes("degree", &g, &deg, &fx["degree"], EXACT);
        if g.is_directed() {
            check.close(
                "reciprocity (NetworkX)",
                reciprocity(&g, Loops::Count),
                f(&fx["reciprocity_nx"]),
                EXACT,
            );
            check.close(
                "reciprocity (igraph)",
                reciprocity(&g, Loops::Ignore),
                f(&fx["reciprocity_igraph"]),
                EXACT,
            );
            check.nodes(
                "clustering_directed",
                &g,
                &directed_clustering(&g),
                &fx["clustering_directed"],
                EXACT,
            );
            check.close(
                "average_clustering_directed",
                average_directed_clustering(&g),
                f(&fx["average_clustering_directed"]),
                EXACT,
            );
            let ind: Vec<f64> = in_degrees(&g).iter().map(|&d| d as f64).collect();
            check.nodes("in_degree", &g, &ind, &fx["in_degree"], EXACT);
            for (key, x, y) in [
                ("assortativity_out_in", Side::Out, Side::In),
                ("assortativity_out_out", Side::Out, Side::Out),
                ("assortativity_in_in", Side::In, Side::In),
                ("assortativity_in_out", Side::In, Side::Out),
            ] {
                if let Some(w) = fx.get(key) {
                    check.close(key, degree_assortativity(&g, x, y), f(w), EXACT);
                }
            }
        } else if let Some(w) = fx.get("degree_assortativity") {
            check.close(
                "degree_assortativity",
                degree_assortativity(&g, Side::Out, Side::In),
                f(w),
                EXACT,
            );
        }
        let pr = pagerank(
            &g,
            &PageRankParams {
                tol: 1e-12,
                max_iter: 10_000,
                weighted: false,
                ..PageRankParams::default()
            },
        );
        check.nodes("pagerank", &g, &pr.scores, &fx["pagerank"], ITERATIVE);
        let pr20 = pagerank(
            &g,
            &PageRankParams {
                fixed_iterations: Some(20),
                weighted: false,
                ..PageRankParams::default()
            },
        );
        check.nodes(
            "pagerank_iter20",
            &g,
            &pr20.scores,
            &fx["pagerank_iter20"],
            EXACT,
        );
        let t: Vec<f64> = triangles(&g).iter().map(|&t| t as f64).collect();
        check.nodes("triangles", &g, &t, &fx["triangles"], EXACT);
        check.nodes(
            "clustering",
            &g,
            &clustering(&g, Weighting::None),
            &fx["clustering"],
            EXACT,
        );
        check.close(
            "average_clustering",
            average_clustering(&g, Weighting::None),
            f(&fx["average_clustering"]),
            EXACT,
        );
        check.close(
            "transitivity",
            transitivity(&g),
            f(&fx["transitivity"]),
            EXACT,
        );
        let core: Vec<f64> = core_numbers(&g).iter().map(|&c| c as f64).collect();
        check.nodes("core_number", &g, &core, &fx["core_number"], EXACT);
        let weak = weak_components(&g);
        let mut sizes = weak.sizes.clone();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        let want: Vec<usize> = fx["weak_components"]["sizes"]
            .as_array()
            .expect("sizes")
            .iter()
            .map(|v| v.as_u64().expect("size") as usize)
            .collect();
        assert_eq!(sizes, want, "{name}: weak components");
        if let Some(strong) = fx.get("strong_components") {
            let mut sizes = strong_components(&g).sizes;
            sizes.sort_unstable_by(|a, b| b.cmp(a));
            let want: Vec<usize> = strong["sizes"]
                .as_array()
                .expect("sizes")
                .iter()
                .map(|v| v.as_u64().expect("size") as usize)
                .collect();
            assert_eq!(sizes, want, "{name}: strong components");
        }
        if let Some(want) = fx.get("strength") {
            check.nodes("strength", &g, &strengths(&g), want, EXACT);
            let pr = pagerank(
                &g,
                &PageRankParams {
                    tol: 1e-12,
                    max_iter: 10_000,
                    ..PageRankParams::default()
                },
            );
            check.nodes(
                "pagerank_weighted",
                &g,
                &pr.scores,
                &fx["pagerank_weighted"],
                ITERATIVE,
            );
            let pr20 = pagerank(
                &g,
                &PageRankParams {
                    fixed_iterations: Some(20),
                    ..PageRankParams::default()
                },
            );
            check.nodes(
                "pagerank_weighted_iter20",
                &g,
                &pr20.scores,
                &fx["pagerank_weighted_iter20"],
                EXACT,
            );
            check.nodes(
                "clustering_weighted",
                &g,
                &clustering(&g, Weighting::Onnela),
                &fx["clustering_weighted"],
                EXACT,
            );
            check.nodes(
                "clustering_barrat",
                &g,
                &clustering(&g, Weighting::Barrat),
                &fx["clustering_barrat"],
                EXACT,
            );
        }
        if let Some(want) = fx.get("attribute_assortativity") {
            let classes = attribute(name, &data, "value");
            check.close(
                "attribute_assortativity",
                attribute_assortativity(&g, &classes),
                f(want),
                EXACT,
            );
        }
        if let Some(want) = fx.get("numeric_assortativity") {
            let values: Vec<f64> = attribute(name, &data, "value")
                .iter()
                .map(|v| v.parse().expect("number"))
                .collect();
            check.close(
                "numeric_assortativity",
                numeric_assortativity(&g, &values),
                f(want),
                EXACT,
            );
        }
        if let Some(want) = fx.get("eigenvector") {
            let e = eigenvector_centrality(&g, false, 1e-15, 100_000);
            check.nodes("eigenvector", &g, &e.scores, want, ITERATIVE);
        }
        if let Some(want) = fx.get("eigenvector_lscc") {
            let lscc = g.induced(&strong_components(&g).largest());
            let e = eigenvector_centrality(&lscc, false, 1e-15, 100_000);
            check.nodes("eigenvector_lscc", &lscc, &e.scores, want, ITERATIVE);
        }
        if let Some(want) = fx.get("katz") {
            let lambda = eigenvector_centrality(&g, false, 1e-15, 100_000).value;
            check.close("lambda_max", lambda, f(&fx["lambda_max"]), ITERATIVE);
            let k = katz_centrality(
                &g,
                &KatzParams {
                    alpha: Some(f(&fx["katz_alpha"])),
                    weighted: false,
                    tol: 1e-15,
                    ..KatzParams::default()
                },
            );
            check.nodes("katz", &g, &k.scores, want, ITERATIVE);
        }
        if let Some(want) = fx.get("hits_hubs") {
            let h = hits(&g, false, 1e-15, 100_000);
            check.nodes("hits_hubs", &g, &h.hubs, want, ITERATIVE);
            check.nodes(
                "hits_authorities",
                &g,
                &h.authorities,
                &fx["hits_authorities"],
                ITERATIVE,
            );
        }
        let hist: Vec<u64> = degree_histogram(&g).iter().map(|&x| x as u64).collect();
        let want: Vec<u64> = fx["degree_histogram"]
            .as_array()
            .expect("hist")
            .iter()
            .map(|v| v.as_u64().expect("count"))
            .collect();
        assert_eq!(hist, want, "{name}: degree histogram");
    }
    assert!(
        check.failures.is_empty(),
        "{} differences:\n{}",
        check.failures.len(),
        check
            .failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn fast_edge_list_path_gives_the_same_graphs() {
    let Some(data) = data_dir() else { return };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (path, directed) in [
        (
            data.join("networks-with-ground-truth/email-Eu-core.txt"),
            true,
        ),
        (fixtures.join("ba_2000_3.edges"), false),
    ] {
        let fast = crowdmine_graph::load::edge_list_graph(&path, directed, false, false)
            .expect("fast")
            .expect("accepted");
        let d = read(
            &path,
            None,
            &ReadOptions {
                directed: Some(directed),
                weighted: false,
            },
        )
        .expect("read");
        let general = Graph::from_data(
            &d,
            BuildOptions {
                directed,
                ..BuildOptions::default()
            },
        )
        .expect("graph");
        assert!(fast == general, "{}", path.display());
    }
}

/// A signed network of the shared data: signs from the sign column or the rating's sign.
fn signed_graph(data: &Path, file: &str, directed: bool) -> Graph {
    let d = read(
        &data.join("signed").join(file),
        None,
        &ReadOptions {
            directed: Some(directed),
            weighted: true,
        },
    )
    .expect("read");
    Graph::from_data(
        &d,
        BuildOptions {
            directed,
            signed: true,
            ..BuildOptions::default()
        },
    )
    .expect("graph")
}

/// Balance and status against a brute-force census (`tools/signed_expected.py`): triangles by
/// number of negative edges, ambivalent edges, and the eight status patterns.
#[test]
fn signed_balance_and_status_match_brute_force() {
    let Some(data) = data_dir() else { return };
    for (file, directed, name) in [
        ("highland_tribes_signnet.csv", false, "highland_tribes"),
        ("soc-sign-bitcoinalpha.csv", true, "bitcoinalpha"),
        ("soc-sign-bitcoinotc.csv", true, "bitcoinotc"),
    ] {
        let fx = fixture(&format!("signed_{name}"));
        let g = signed_graph(&data, file, directed);
        let t = triads(&g);
        let count = |k: &str| fx[k].as_u64().expect("count");
        assert_eq!(
            t.by_negatives,
            [count("+++"), count("++-"), count("+--"), count("---")],
            "{name}"
        );
        assert_eq!(t.triangles, count("triangles"), "{name}");
        assert_eq!(t.edges, count("edges"), "{name}");
        assert_eq!(t.negative_edges, count("negative"), "{name}");
        assert_eq!(t.ambivalent_edges, count("zero_sign_edges"), "{name}");
        assert!(
            (t.balanced_share - f(&fx["balanced_share"])).abs() < 1e-12,
            "{name}"
        );
        if directed {
            let c = status_census(&g);
            for (idx, key) in [
                "ab+_bc+_ac+",
                "ab+_bc+_ac-",
                "ab+_bc-_ac+",
                "ab+_bc-_ac-",
                "ab-_bc+_ac+",
                "ab-_bc+_ac-",
                "ab-_bc-_ac+",
                "ab-_bc-_ac-",
            ]
            .iter()
            .enumerate()
            {
                assert_eq!(c.patterns[idx], count(key), "{name}: {key}");
            }
            assert_eq!(c.status_predicted, count("status_predicted"), "{name}");
            assert_eq!(c.status_consistent, count("status_consistent"), "{name}");
            assert_eq!(c.balance_consistent, count("balance_consistent"), "{name}");
            assert_eq!(c.triads, count("balance_total"), "{name}");
        }
        // The null model keeps the edges and their signs' counts: its shares are a distribution
        // around the share of a random sign assignment; the observed graphs are more balanced.
        let null = balance_null(&g, 20, 7);
        assert!(null.null_std > 0.0 && null.z > 2.0, "{name}: {null:?}");
        let fr = frustration(&g, 8, 3);
        assert!(
            fr.frustrated <= t.negative_edges,
            "{name}: one side for all is a bound"
        );
        assert!((0.0..=1.0).contains(&fr.partial_balance), "{name}");
    }
}

/// Signed networks keep their signs: edge and sign counts of the real trust networks, as their
/// provenance notes state them (counted there from the files, not by this code).
#[test]
fn signed_networks_keep_their_signs() {
    let Some(data) = data_dir() else { return };
    for (file, directed, nodes, edges, negative) in [
        ("soc-sign-bitcoinalpha.csv", true, 3_783, 24_186, 1_536),
        ("soc-sign-bitcoinotc.csv", true, 5_881, 35_592, 3_563),
        ("highland_tribes_signnet.csv", false, 16, 58, 29),
    ] {
        let g = signed_graph(&data, file, directed);
        assert!(g.is_signed() && !g.is_weighted(), "{file}");
        assert_eq!((g.node_count(), g.edge_count()), (nodes, edges), "{file}");
        let signs: Vec<f64> = g.edges().map(|e| e.2).collect();
        let neg = signs.iter().filter(|&&s| s < 0.0).count();
        assert_eq!(neg, negative, "{file}: negative edges");
        assert_eq!(
            signs.len() - neg,
            edges - negative,
            "{file}: positive edges"
        );
        // In- and out-lists agree on every sign.
        if directed {
            for u in 0..g.node_count() as u32 {
                let out = g.out_signs(u).expect("signs");
                for (i, &v) in g.out(u).iter().enumerate() {
                    let at = g.inn(v).binary_search(&u).expect("in-list");
                    assert_eq!(g.in_signs(v).expect("signs")[at], out[i]);
                }
            }
        }
    }
}

/// Path-based measures against NetworkX (fixtures `paths_<graph>.json` from
/// `tools/paths_expected.py`): betweenness (normalised, raw, with endpoints, weighted; edges on
/// the small graphs), closeness and harmonic centrality in both directions, eccentricity,
/// diameter and the average path length.
#[test]
fn path_measures_match_networkx() {
    let Some(data) = data_dir() else { return };
    let mut check = Check::default();
    for name in ALL_GRAPHS {
        let fx = fixture(&format!("paths_{name}"));
        check.graph = name.to_string();
        let g = graph(name, &data);
        let plain = BetweennessParams {
            weighted: false,
            ..BetweennessParams::default()
        };
        check.nodes(
            "betweenness",
            &g,
            &betweenness(&g, &plain),
            &fx["betweenness"],
            EXACT,
        );
        let raw = BetweennessParams {
            normalized: false,
            ..plain
        };
        check.nodes(
            "betweenness_raw",
            &g,
            &betweenness(&g, &raw),
            &fx["betweenness_raw"],
            EXACT,
        );
        let ends = BetweennessParams {
            endpoints: true,
            ..plain
        };
        check.nodes(
            "betweenness_endpoints",
            &g,
            &betweenness(&g, &ends),
            &fx["betweenness_endpoints"],
            EXACT,
        );
        if let Some(want) = fx.get("betweenness_weighted") {
            let weighted = BetweennessParams {
                weighted: true,
                ..plain
            };
            check.nodes(
                "betweenness_weighted",
                &g,
                &betweenness(&g, &weighted),
                want,
                EXACT,
            );
            check.nodes(
                "closeness_weighted",
                &g,
                &closeness(&g, Direction::In, true),
                &fx["closeness_weighted"],
                EXACT,
            );
        }
        if let Some(want) = fx.get("edge_betweenness").and_then(Value::as_array) {
            let got = edge_betweenness(&g, &plain);
            assert_eq!(got.len(), want.len(), "{name}: edge count");
            let index: std::collections::HashMap<(&str, &str), f64> = got
                .iter()
                .map(|&(u, v, x)| ((g.label(u), g.label(v)), x))
                .collect();
            for e in want {
                let (a, b) = (e[0].as_str().expect("id"), e[1].as_str().expect("id"));
                let got = index.get(&(a, b)).or_else(|| index.get(&(b, a))).copied();
                match got {
                    Some(x) => {
                        check.close(&format!("edge_betweenness[{a}-{b}]"), x, f(&e[2]), EXACT)
                    }
                    None => check.failures.push(format!("{name}: no edge {a}-{b}")),
                }
            }
        }
        check.nodes(
            "closeness",
            &g,
            &closeness(&g, Direction::In, false),
            &fx["closeness"],
            EXACT,
        );
        if let Some(want) = fx.get("closeness_out") {
            check.nodes(
                "closeness_out",
                &g,
                &closeness(&g, Direction::Out, false),
                want,
                EXACT,
            );
        }
        check.nodes(
            "harmonic",
            &g,
            &harmonic(&g, Direction::In, false),
            &fx["harmonic"],
            EXACT,
        );
        if let Some(want) = fx.get("eccentricity") {
            let ecc: Vec<f64> = eccentricity(&g).iter().map(|&e| f64::from(e)).collect();
            check.nodes("eccentricity", &g, &ecc, want, EXACT);
        }
        for key in ["diameter", "diameter_lcc"] {
            if let Some(want) = fx.get(key) {
                check.close(key, f64::from(diameter(&g).value), f(want), EXACT);
            }
        }
        check.close(
            "average_path_length_reachable",
            average_path_length(&g, usize::MAX, 0).mean,
            f(&fx["average_path_length_reachable"]),
            EXACT,
        );
    }
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
}

/// Node similarity against NetworkX's link-prediction functions and SimRank (fixtures
/// `similarity_<graph>.json` from `tools/similarity_expected.py`): every non-zero pair.
#[test]
fn similarities_match_networkx() {
    let Some(data) = data_dir() else { return };
    let mut check = Check::default();
    for name in ["karate", "lesmis", "football", "polbooks"] {
        let fx = fixture(&format!("similarity_{name}"));
        check.graph = name.to_string();
        let g = graph(name, &data);
        let hoods = Neighbourhoods::new(&g);
        let pairs = |want: &Value| -> Vec<(String, String, f64)> {
            want.as_array()
                .expect("pairs")
                .iter()
                .map(|e| {
                    let id = |i: usize| e[i].as_str().expect("id").to_string();
                    (id(0), id(1), f(&e[2]))
                })
                .collect()
        };
        for (key, kind) in [
            ("common_neighbors", Similarity::CommonNeighbours),
            ("jaccard", Similarity::Jaccard),
            ("cosine", Similarity::Cosine),
            ("adamic_adar", Similarity::AdamicAdar),
            ("resource_allocation", Similarity::ResourceAllocation),
            (
                "preferential_attachment",
                Similarity::PreferentialAttachment,
            ),
            ("structural_equivalence", Similarity::StructuralEquivalence),
        ] {
            let got: std::collections::HashMap<(String, String), f64> = hoods
                .all_pairs(kind)
                .into_iter()
                .map(|(u, v, s)| ((g.label(u).to_string(), g.label(v).to_string()), s))
                .collect();
            let want = pairs(&fx[key]);
            if got.len() != want.len() {
                check.failures.push(format!(
                    "{name}: {key}: {} non-zero pairs, expected {}",
                    got.len(),
                    want.len()
                ));
            }
            for (a, b, w) in want {
                let x = got
                    .get(&(a.clone(), b.clone()))
                    .or_else(|| got.get(&(b.clone(), a.clone())));
                match x {
                    Some(&x) => check.close(&format!("{key}[{a},{b}]"), x, w, EXACT),
                    None => check
                        .failures
                        .push(format!("{name}: {key}: no pair {a},{b}")),
                }
            }
        }
        if let Some(want) = fx.get("simrank") {
            let params = SimRankParams {
                tolerance: 1e-10,
                ..SimRankParams::default()
            };
            let (sim, iterations) = simrank(&g, &params).expect("simrank");
            if let Some(it) = fx.get("simrank_iterations") {
                assert_eq!(iterations as f64, f(it), "{name}: SimRank iterations");
            }
            let n = g.node_count();
            let index: std::collections::HashMap<&str, usize> = g
                .labels()
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_str(), i))
                .collect();
            for (a, b, w) in pairs(want) {
                let x = sim[index[a.as_str()] * n + index[b.as_str()]];
                check.close(&format!("simrank[{a},{b}]"), x, w, EXACT);
            }
        }
        // The top-k of a node agrees with the all-pairs values.
        let top = hoods.most_similar(0, Similarity::Jaccard, 5);
        for &(v, s) in &top {
            check.close(
                "most_similar",
                s,
                hoods.similarity(0, v, Similarity::Jaccard),
                0.0,
            );
        }
        assert!(
            top.windows(2).all(|w| w[0].1 >= w[1].1),
            "{name}: top-k order"
        );
    }
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
}

/// Approximate betweenness keeps its promise: over 100 seeds, the largest error against the exact
/// values is within the bound in at least a 1 − δ share of the runs; and a seed gives the same
/// estimates on one thread and on two.
#[test]
fn approximate_betweenness_keeps_its_guarantee() {
    let Some(data) = data_dir() else { return };
    for (name, epsilon) in [("karate", 0.02), ("polbooks", 0.02), ("email", 0.05)] {
        let g = graph(name, &data);
        let exact = betweenness(&g, &BetweennessParams::default());
        let delta = 0.1;
        let mut within = 0;
        for seed in 0..100 {
            let a = approximate_betweenness(
                &g,
                &ApproxParams {
                    epsilon,
                    delta,
                    seed,
                },
            );
            let worst = a
                .scores
                .iter()
                .zip(&exact)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f64::max);
            if worst <= a.error_bound {
                within += 1;
            }
        }
        assert!(
            within >= 90,
            "{name}: {within} of 100 runs within the bound"
        );
    }
    let g = graph("polbooks", &data);
    let p = ApproxParams {
        epsilon: 0.05,
        delta: 0.1,
        seed: 3,
    };
    let pool = |t| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .expect("pool")
    };
    let one = pool(1).install(|| approximate_betweenness(&g, &p).scores);
    let two = pool(2).install(|| approximate_betweenness(&g, &p).scores);
    assert_eq!(one, two);
}

/// Sampled closeness and harmonic centrality: exact when every node is a source, and within the
/// stated Hoeffding bound from a sample.
#[test]
fn sampled_closeness_estimates() {
    let Some(data) = data_dir() else { return };
    for name in ["polbooks", "email"] {
        let g = graph(name, &data);
        let n = g.node_count();
        let exact_c = closeness(&g, Direction::In, false);
        let exact_h: Vec<f64> = harmonic(&g, Direction::In, false)
            .iter()
            .map(|h| h / (n - 1) as f64)
            .collect();
        let all = sampled_closeness(&g, Direction::In, n, 0.1, 1);
        for v in 0..n {
            assert!(
                (all.closeness[v] - exact_c[v]).abs() < 1e-12,
                "{name}: closeness {v}"
            );
            assert!(
                (all.harmonic[v] - exact_h[v]).abs() < 1e-12,
                "{name}: harmonic {v}"
            );
        }
        let some = sampled_closeness(&g, Direction::In, n / 4, 0.1, 7);
        let worst = some
            .harmonic
            .iter()
            .zip(&exact_h)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(
            worst <= some.harmonic_error,
            "{name}: {worst} > {}",
            some.harmonic_error
        );
    }
}

/// Group degree and closeness against NetworkX, group betweenness against a brute-force count of
/// its definition (and NetworkX where NetworkX agrees with it), and the greedy top-k group
/// against NetworkX's `prominent_group` (fixtures `group_<graph>.json`, `tools/group_expected.py`).
#[test]
fn group_centrality_matches_networkx() {
    let Some(data) = data_dir() else { return };
    let mut check = Check::default();
    for name in ["karate", "lesmis", "football", "polbooks", "polblogs"] {
        let fx = fixture(&format!("group_{name}"));
        check.graph = name.to_string();
        let g = graph(name, &data);
        let index: std::collections::HashMap<&str, u32> = g
            .labels()
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u32))
            .collect();
        let ids = |v: &Value| -> Vec<u32> {
            v.as_array()
                .expect("nodes")
                .iter()
                .map(|x| index[x.as_str().expect("id")])
                .collect()
        };
        for (key, grp) in fx["groups"].as_object().expect("groups") {
            let c = ids(&grp["nodes"]);
            let what = |m: &str| format!("{key} {m}");
            check.close(
                &what("degree"),
                group_degree(&g, &c, Direction::Out),
                f(&grp["group_degree"]),
                EXACT,
            );
            if let Some(w) = grp.get("group_in_degree") {
                check.close(
                    &what("in-degree"),
                    group_degree(&g, &c, Direction::In),
                    f(w),
                    EXACT,
                );
                check.close(
                    &what("out-degree"),
                    group_degree(&g, &c, Direction::Out),
                    f(&grp["group_out_degree"]),
                    EXACT,
                );
            }
            check.close(
                &what("closeness"),
                group_closeness(&g, &c),
                f(&grp["group_closeness"]),
                EXACT,
            );
            let exact = grp
                .get("group_betweenness_exact")
                .unwrap_or(&grp["group_betweenness"]);
            check.close(
                &what("betweenness"),
                group_betweenness(&g, &c, true),
                f(exact),
                EXACT,
            );
            let raw = grp
                .get("group_betweenness_raw_exact")
                .unwrap_or(&grp["group_betweenness_raw"]);
            check.close(
                &what("betweenness raw"),
                group_betweenness(&g, &c, false),
                f(raw),
                EXACT,
            );
        }
        if let Some(best) = fx.get("prominent_group_greedy").and_then(|p| p.get("3")) {
            let (group, _) = greedy_group(&g, 3, true);
            let mut got: Vec<&str> = group.iter().map(|&u| g.label(u)).collect();
            let mut want: Vec<&str> = best[1]
                .as_array()
                .expect("group")
                .iter()
                .map(|x| x.as_str().expect("id"))
                .collect();
            got.sort_unstable();
            want.sort_unstable();
            if got != want {
                check
                    .failures
                    .push(format!("{name}: greedy group {got:?}, NetworkX {want:?}"));
            }
        }
    }
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
}

/// Status theory's 16-type surprise table (Leskovec, Huttenlocher & Kleinberg 2010) and signed
/// degrees against the brute-force census of `tools/signed_expected.py`.
#[test]
fn status_surprise_and_signed_degrees_match_brute_force() {
    let Some(data) = data_dir() else { return };
    for (file, name) in [
        ("soc-sign-bitcoinalpha.csv", "bitcoinalpha"),
        ("soc-sign-bitcoinotc.csv", "bitcoinotc"),
    ] {
        let fx = fixture(&format!("signed_{name}"));
        let g = signed_graph(&data, file, true);
        let s = status_surprise(&g);
        let want = &fx["status_surprise"];
        let count = |v: &Value| v.as_u64().expect("count");
        for (t, w) in s.types.iter().zip(want["types"].as_array().expect("types")) {
            let label = format!("{name} type {}", t.index);
            assert_eq!(t.index as u64, count(&w["index"]), "{label}");
            assert_eq!(
                (t.count, t.positive),
                (count(&w["count"]), count(&w["positive"])),
                "{label}"
            );
            let sign = |v: &Value| v.as_i64().expect("sign") as i8;
            assert_eq!(t.balance, sign(&w["balance"]), "{label}");
            assert_eq!(
                t.status_generative,
                sign(&w["status_generative"]),
                "{label}"
            );
            assert_eq!(t.status_receptive, sign(&w["status_receptive"]), "{label}");
            for (got, key) in [
                (t.generative, "generative_surprise"),
                (t.receptive, "receptive_surprise"),
            ] {
                match (got, w[key].as_f64()) {
                    (Some(a), Some(b)) => assert!(
                        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                        "{label} {key}: {a} vs {b}"
                    ),
                    (a, b) => assert_eq!(a, b, "{label} {key}"),
                }
            }
        }
        let n = |k: &str| want[k].as_u64().expect("count") as usize;
        assert_eq!(s.instances, n("instances") as u64, "{name}");
        assert_eq!(s.types_with_surprise, n("types_with_surprise"), "{name}");
        assert_eq!(
            s.balance_consistent_generative,
            n("balance_consistent_generative"),
            "{name}"
        );
        assert_eq!(
            s.balance_consistent_receptive,
            n("balance_consistent_receptive"),
            "{name}"
        );
        assert_eq!(
            s.status_consistent_generative,
            n("status_consistent_generative"),
            "{name}"
        );
        assert_eq!(
            s.status_consistent_receptive,
            n("status_consistent_receptive"),
            "{name}"
        );

        // Signed degrees: sums, and the nodes with the most of each (ties to the smaller id).
        let d = signed_degrees(&g);
        let ids: Vec<String> = read(
            &data.join("signed").join(file),
            None,
            &ReadOptions {
                directed: Some(true),
                weighted: true,
            },
        )
        .expect("read")
        .nodes
        .into_iter()
        .map(|n| n.id)
        .collect();
        let want = &fx["signed_degrees"];
        let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
        assert_eq!(sum(&d.out_positive), count(&want["sum_out_pos"]), "{name}");
        assert_eq!(sum(&d.out_negative), count(&want["sum_out_neg"]), "{name}");
        assert_eq!(sum(&d.in_positive), count(&want["sum_in_pos"]), "{name}");
        assert_eq!(sum(&d.in_negative), count(&want["sum_in_neg"]), "{name}");
        let best = |score: &dyn Fn(usize) -> i64, sign: i64| -> Value {
            let key = |u: &usize| {
                (
                    sign * score(*u),
                    std::cmp::Reverse(ids[*u].parse::<u64>().expect("id")),
                )
            };
            let u = (0..ids.len()).max_by_key(key).expect("nodes");
            serde_json::json!([ids[u], score(u)])
        };
        assert_eq!(
            best(&|u| i64::from(d.in_positive[u]), 1),
            want["max_in_pos"],
            "{name}"
        );
        assert_eq!(
            best(&|u| i64::from(d.in_negative[u]), 1),
            want["max_in_neg"],
            "{name}"
        );
        assert_eq!(best(&|u| d.net(u), 1), want["max_net"], "{name}");
        let min_net = best(&|u| d.net(u), -1);
        assert_eq!(min_net, want["min_net"], "{name}");
        let mut by_status: Vec<usize> = (0..ids.len()).collect();
        by_status.sort_by_key(|&u| {
            (
                std::cmp::Reverse(d.status(u)),
                ids[u].parse::<u64>().expect("id"),
            )
        });
        let top: Vec<Value> = by_status[..5]
            .iter()
            .map(|&u| serde_json::json!([ids[u], d.status(u)]))
            .collect();
        assert_eq!(Value::from(top), want["status_score_top"], "{name}");
    }
}
