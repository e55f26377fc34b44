//! What a run plants is there, measured from the files as a user would read them, over several
//! seeds with stated tolerances: the degree tail, the mixing, the daily rhythm, heavy-tailed
//! cascades, the event burst at its time, the coordinated rounds and the sentiment ordering.

use crowdmine_synth::world::build;
use crowdmine_synth::{generate, Params, Platform};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const SEEDS: [u64; 3] = [1, 2, 3];

fn run(seed: u64, accounts: u32, days: u32, dir: &Path) -> (Value, Vec<Value>) {
    let mut p = Params::new(accounts, days);
    p.platform = Platform::XV1;
    p.seed = seed;
    p.malformed = 0;
    generate(&p, dir, &mut |_| {}).expect("generate");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).expect("truth"))
            .expect("json");
    let statuses = std::fs::read_to_string(dir.join("posts.jsonl"))
        .expect("posts")
        .lines()
        .map(|l| serde_json::from_str(l).expect("status"))
        .collect();
    (truth, statuses)
}

fn hour_of(status: &Value) -> i64 {
    // "Mon Mar 04 10:00:00 +0000 2024"
    let s = status["created_at"].as_str().expect("created_at");
    s[11..13].parse().expect("hour")
}

fn unix(status: &Value) -> i64 {
    // Snowflake ids carry the time in milliseconds since X's epoch.
    let id: i64 = status["id_str"].as_str().expect("id").parse().expect("id");
    ((id >> 22) + 1_288_834_974_657) / 1000
}

#[test]
fn realised_mixing_is_the_planted_one_within_three_hundredths() {
    for seed in SEEDS {
        for mu in [0.1, 0.3, 0.5] {
            let mut p = Params::new(3000, 1);
            p.seed = seed;
            p.mixing = mu;
            let w = build(&p).expect("world");
            // Recount from the follow edges, ignoring direction.
            let mut ties = std::collections::HashSet::new();
            for (u, v, _) in w.follows.edges() {
                ties.insert((u.min(v), u.max(v)));
            }
            let cross = ties
                .iter()
                .filter(|&&(u, v)| {
                    w.accounts[u as usize].community != w.accounts[v as usize].community
                })
                .count();
            let realised = cross as f64 / ties.len() as f64;
            assert!(
                (realised - mu).abs() <= 0.03,
                "seed {seed}, μ {mu}: realised {realised}"
            );
        }
    }
}

#[test]
fn follower_counts_have_a_heavy_tail() {
    for seed in SEEDS {
        let mut p = Params::new(5000, 1);
        p.seed = seed;
        let w = build(&p).expect("world");
        let mut k: Vec<f64> = (0..5000)
            .map(|u| w.follows.in_degree(u) as f64 + w.follows.out_degree(u) as f64)
            .collect();
        k.sort_by(|a, b| b.total_cmp(a));
        let mean = k.iter().sum::<f64>() / k.len() as f64;
        assert!(
            k[0] > 8.0 * mean,
            "seed {seed}: max degree {} vs mean {mean}",
            k[0]
        );
        // Hill estimate of the tail exponent over the top 5 %: the planted τ is 2.3.
        let top = k.len() / 20;
        let xmin = k[top];
        let hill = 1.0 + top as f64 / k[..top].iter().map(|x| (x / xmin).ln()).sum::<f64>();
        assert!(
            (1.8..=3.3).contains(&hill),
            "seed {seed}: tail exponent {hill}"
        );
        // The influencers are the most followed.
        let most = (0..5000u32)
            .max_by_key(|&u| w.follows.in_degree(u))
            .expect("accounts");
        assert_eq!(
            w.follows.in_degree(w.influencers[0]),
            w.follows.in_degree(most)
        );
    }
}

#[test]
fn planted_behaviour_shows_in_the_posts() {
    for seed in SEEDS {
        let tmp = tempfile::tempdir().expect("tmp");
        let (truth, statuses) = run(seed, 600, 7, tmp.path());

        // Daily rhythm (UTC here): the evening peak hours hold at least three times the posts of
        // the night trough.
        let mut by_hour = [0u64; 24];
        for s in &statuses {
            by_hour[hour_of(s) as usize] += 1;
        }
        let evening: u64 = by_hour[18..22].iter().sum();
        let night: u64 = by_hour[2..6].iter().sum();
        assert!(
            evening >= 3 * night,
            "seed {seed}: evening {evening}, night {night}: {by_hour:?}"
        );

        // Cascades: most roots get one repost, a few get many.
        let sizes: Vec<(u64, u64)> = truth["cascades"]["size_distribution"]
            .as_array()
            .expect("sizes")
            .iter()
            .map(|p| (p[0].as_u64().expect("size"), p[1].as_u64().expect("count")))
            .collect();
        let roots: u64 = sizes.iter().map(|s| s.1).sum();
        let ones = sizes.iter().find(|s| s.0 == 1).map_or(0, |s| s.1);
        let largest = sizes.iter().map(|s| s.0).max().unwrap_or(0);
        assert!(
            ones * 2 > roots,
            "seed {seed}: {ones} of {roots} cascades have one repost"
        );
        assert!(largest >= 10, "seed {seed}: largest cascade {largest}");
        let retweets = statuses
            .iter()
            .filter(|s| s.get("retweeted_status").is_some())
            .count() as u64;
        let in_sizes: u64 = sizes.iter().map(|s| s.0 * s.1).sum();
        assert!(
            retweets <= in_sizes,
            "seed {seed}: retweets written {retweets}, in cascades {in_sizes}"
        );

        // The event: its hashtag is absent before the planted start and peaks within a day of it.
        let ev = &truth["events"][0];
        let (tag, start) = (
            ev["hashtag"].as_str().expect("tag"),
            ev["start"].as_i64().expect("start"),
        );
        let mut per_hour: HashMap<i64, u64> = HashMap::new();
        for s in &statuses {
            let tags = s["entities"]["hashtags"].as_array().expect("hashtags");
            if tags.iter().any(|t| t["text"] == tag) {
                let t = unix(s);
                assert!(t >= start, "seed {seed}: #{tag} before its start");
                *per_hour.entry((t - start) / 3600).or_insert(0) += 1;
            }
        }
        let peak = per_hour
            .iter()
            .max_by_key(|(h, c)| (**c, -**h))
            .map(|(h, _)| *h)
            .expect("event posts");
        assert!(
            peak < 24,
            "seed {seed}: the burst peaks {peak} h after the start"
        );
        let total: u64 = per_hour.values().sum();
        assert!(total >= 30, "seed {seed}: {total} event posts");

        // Coordinated reposts land within 20 seconds of the leader's post.
        let rounds = truth["coordinated"]["rounds"].as_array().expect("rounds");
        assert!(!rounds.is_empty(), "seed {seed}: no coordinated rounds");
        let by_id: HashMap<&str, &Value> = statuses
            .iter()
            .map(|s| (s["id_str"].as_str().expect("id"), s))
            .collect();
        for r in rounds.iter().filter(|r| r["kind"] == "repost") {
            let times: Vec<i64> = r["posts"]
                .as_array()
                .expect("posts")
                .iter()
                .filter_map(|id| by_id.get(id.as_str().expect("id")).map(|s| unix(s)))
                .collect();
            let span = times.iter().max().unwrap_or(&0) - times.iter().min().unwrap_or(&0);
            assert!(
                times.len() >= 5 && span <= 21,
                "seed {seed}: round of {} posts over {span} s",
                times.len()
            );
        }
    }
}

#[test]
fn communities_say_what_their_bias_says() {
    // Share of positive minus negative lexicon words per community follows the planted bias.
    let tmp = tempfile::tempdir().expect("tmp");
    let (truth, statuses) = run(5, 800, 4, tmp.path());
    let community: HashMap<String, usize> = truth["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["community"].as_u64().expect("c") as usize,
            )
        })
        .collect();
    let bias: Vec<f64> = truth["communities"]["sentiment_bias"]
        .as_array()
        .expect("bias")
        .iter()
        .map(|b| b.as_f64().expect("bias"))
        .collect();
    // The English sentiment words the generator draws from.
    let english = &crowdmine_synth::words::LANGUAGES[0];
    let mut net = vec![(0i64, 0i64); bias.len()];
    for s in statuses
        .iter()
        .filter(|s| s.get("retweeted_status").is_none() && s["lang"] == "en")
    {
        let c = community[s["user"]["id_str"].as_str().expect("author")];
        let text = s["text"].as_str().expect("text").to_lowercase();
        if text.contains(" not ") {
            continue;
        }
        for w in text.split(|ch: char| !ch.is_alphabetic()) {
            if english.positive.contains(&w) {
                net[c].0 += 1;
            } else if english.negative.contains(&w) {
                net[c].1 += 1;
            }
        }
    }
    let (lo, hi) = (
        (0..bias.len())
            .min_by(|&a, &b| bias[a].total_cmp(&bias[b]))
            .expect("c"),
        (0..bias.len())
            .max_by(|&a, &b| bias[a].total_cmp(&bias[b]))
            .expect("c"),
    );
    let share = |c: usize| net[c].0 as f64 / (net[c].0 + net[c].1).max(1) as f64;
    assert!(
        share(hi) > share(lo) + 0.3,
        "most positive community {} vs most negative {}",
        share(hi),
        share(lo)
    );
}

#[test]
fn cascade_sizes_are_heavy_tailed_by_the_clauset_shalizi_newman_test() {
    use crowdmine_graph::powerlaw::{
        compare_alternatives, fit_power_law, AlternativeKind, Histogram, PowerLawParams,
    };
    for seed in SEEDS {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut p = Params::new(4000, 7);
        p.seed = seed;
        p.malformed = 0;
        p.platform = Platform::Bluesky;
        generate(&p, tmp.path(), &mut |_| {}).expect("generate");
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(tmp.path().join("truth.json")).expect("truth"),
        )
        .expect("json");
        // Sizes of organic cascades: coordinated rounds add a fixed-size bump.
        let group = truth["coordinated"]["accounts"]
            .as_array()
            .expect("group")
            .len() as u64;
        let h = Histogram::new(
            truth["cascades"]["size_distribution"]
                .as_array()
                .expect("sizes")
                .iter()
                .flat_map(|s| {
                    let (size, n) = (s[0].as_u64().expect("size"), s[1].as_u64().expect("n"));
                    std::iter::repeat_n(size, n as usize)
                })
                .filter(|&s| s + 1 != group),
        );
        let params = PowerLawParams {
            alpha_max: 6.0,
            ..PowerLawParams::default()
        };
        let fit = fit_power_law(&h, &params).expect("fit");
        assert!(
            (1.5..=4.5).contains(&fit.alpha) && fit.n_tail >= 50,
            "seed {seed}: α {} over {} cascades from x_min {}",
            fit.alpha,
            fit.n_tail,
            fit.xmin
        );
        let exp = &compare_alternatives(&h, &fit, &params, &[AlternativeKind::Exponential])[0];
        eprintln!(
            "seed {seed}: α {:.2} ± {:.2}, x_min {}, {} of {} cascades in the tail, R vs exponential {:.1} (p {:.3})",
            fit.alpha, fit.sigma, fit.xmin, fit.n_tail, fit.n, exp.ratio_raw, exp.p
        );
        assert!(
            exp.ratio_raw > 0.0 && exp.p < 0.01,
            "seed {seed}: the exponential fits the tail better (R = {}, p = {})",
            exp.ratio_raw,
            exp.p
        );
    }
}
