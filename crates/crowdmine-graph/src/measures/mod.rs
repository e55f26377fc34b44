//! Network measures, one file each. Conventions where NetworkX and igraph differ:
//!
//! | measure | reference | convention here | other convention |
//! |---|---|---|---|
//! | degree | `G.degree` | undirected self-loop counts 2; directed: in + out | — |
//! | density | `nx.density` | self-loops counted in m | — |
//! | reciprocity | `nx.reciprocity` / igraph `reciprocity` | [`Loops::Count`] (NetworkX) | [`Loops::Ignore`] (igraph) |
//! | PageRank | `nx.pagerank` | dangling rank spread like teleport; stop at L1 < n·tol | fixed iterations |
//! | triangles, clustering, transitivity | `nx.triangles`, `nx.clustering`, `nx.transitivity` | undirected simple view, loops ignored; degree < 2 → 0 | — |
//! | directed clustering | `nx.clustering` on a `DiGraph` | Fagiolo 2007, loops ignored | undirected view ([`clustering`]) |
//! | weighted clustering | `nx.clustering(weight=)` | Onnela, weights over the maximum | Barrat (igraph) |
//! | k-core | `nx.core_number` | loops dropped; directed degree in + out | — |
//! | components | `nx.*_connected_components` | numbered by smallest node | — |
//! | assortativity | `nx.degree_assortativity_coefficient`, `nx.attribute_assortativity_coefficient` | Pearson over edges, undirected edges both ways | four directed variants |
//! | eigenvector | `nx.eigenvector_centrality_numpy` | L2 norm, positive; directed: in-edges, on the largest SCC | — |
//! | Katz | `nx.katz_centrality_numpy` | α = 0.9/λ_max by default, β = 1, L2 norm | any α |
//! | betweenness | `nx.betweenness_centrality`, `nx.edge_betweenness_centrality` | normalised 1/((n−1)(n−2)) nodes, 1/(n(n−1)) edges; endpoints excluded | igraph: raw counts, undirected pairs once |
//! | closeness, harmonic | `nx.closeness_centrality`, `nx.harmonic_centrality` | Wasserman–Faust; directed: distances *to* the node | [`Direction::Out`] (igraph) |
//! | similarity | `nx.jaccard_coefficient`, `nx.adamic_adar_index`, … , `nx.simrank_similarity` | undirected simple view; see [`similarity`] | — |
//! | signed triads, status | brute-force census (`tools/signed_expected.py`) | undirected view signed by the sum of records; ambivalent (0) edges left out | — |
//! | HITS | `nx.hits` | hubs and authorities each sum to 1 | — |

pub mod assortativity;
pub mod betweenness;
pub mod betweenness_approx;
pub mod closeness;
pub mod clustering;
pub mod components;
pub mod degree;
pub mod eigenvector;
pub mod group;
pub mod hits;
pub mod katz;
pub mod kcore;
pub mod pagerank;
pub mod paths;
pub mod shortest_paths;
pub mod signed;
pub mod similarity;
pub mod status;

pub use assortativity::{
    attribute_assortativity, degree_assortativity, numeric_assortativity, Side,
};
pub use betweenness::{betweenness, edge_betweenness, BetweennessParams};
pub use betweenness_approx::{approximate_betweenness, ApproxBetweenness, ApproxParams};
pub use closeness::{closeness, harmonic, sampled_closeness, SampledCloseness};
pub use eigenvector::{eigenvector_centrality, Eigen};
pub use group::{greedy_group, group_betweenness, group_closeness, group_degree};
pub use hits::{hits, Hits};
pub use katz::{katz_centrality, Katz, KatzParams};
pub use shortest_paths::{Direction, Search};
pub use signed::{
    balance_null, frustration, signed_degrees, triads, BalanceNull, Frustration, SignedDegrees,
    Triads,
};
pub use similarity::{simrank, Neighbourhoods, SimRankParams, Similarity};
pub use status::{status_census, status_surprise, StatusCensus, StatusSurprise, SurpriseType};

pub use clustering::{
    average_clustering, average_directed_clustering, clustering, directed_clustering, transitivity,
    triangles, Weighting,
};
pub use components::{strong_components, weak_components, Components};
pub use degree::{
    degree_histogram, degrees, density, in_degrees, out_degrees, reciprocity, strengths, Loops,
};
pub use kcore::{core_numbers, k_core};
pub use pagerank::{pagerank, PageRankParams, Ranking};
pub use paths::{average_path_length, bfs, diameter, eccentricity, Diameter, PathLength};
