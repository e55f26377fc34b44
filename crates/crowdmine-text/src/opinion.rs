//! Opinion mining on targets: which posts speak of each target (a candidate, party, brand or
//! topic, defined by keywords, hashtags and handles), each target's share of voice, and the
//! sentiment of what is said about it — mean VADER compound with a 95% percentile bootstrap
//! interval (Efron & Tibshirani 1993), the shares positive (compound ≥ 0.05) and negative
//! (≤ −0.05) and net sentiment (their difference) — overall and per group (day, week, platform,
//! community), with the posts that drive it.
//!
//! Matching is on the social tokenizer's folded tokens (lower case, `’` as `'`, elongations cut to
//! three letters) without a possessive "'s", so "Biden", "BIDEN" and "biden's" match the keyword
//! "biden" and "#Biden2024" does not (list the hashtag). A keyword of several words matches those
//! words in a row, with nothing between them but spaces ("Joe, Biden" is not "joe biden"); a
//! trailing `*` matches any word starting with the rest ("vaccin*"). Words are the tokenizer's:
//! text without spaces (Chinese, Japanese) is one word per run, so list such targets as hashtags.
//! A post that names two targets counts for both.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::random::SplitMix64;
use crate::tokens::{Kind, Tokens};

/// A target as the user defines it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    pub handles: Vec<String>,
}

/// One word of a keyword: exact, or a prefix (`vaccin*`).
#[derive(Clone, Debug)]
enum Word {
    Exact(String),
    Prefix(String),
}

impl Word {
    fn matches(&self, w: &str) -> bool {
        match self {
            Word::Exact(x) => x == w,
            Word::Prefix(p) => w.starts_with(p.as_str()),
        }
    }
}

/// The targets, compiled for matching.
pub struct Matcher {
    names: Vec<String>,
    /// Per target, its keywords as word sequences.
    keywords: Vec<Vec<Vec<Word>>>,
    /// Folded hashtag ("#x") or mention ("@x") → targets.
    tags: FxHashMap<String, Vec<usize>>,
}

impl Matcher {
    /// Checks and compiles targets: names unique and non-empty, at least one keyword, hashtag
    /// or handle each.
    pub fn new(targets: &[Target]) -> Result<Matcher, String> {
        if targets.is_empty() {
            return Err("no targets: define at least one [[target]] with a name".into());
        }
        let mut seen = FxHashSet::default();
        let mut m = Matcher {
            names: Vec::new(),
            keywords: Vec::new(),
            tags: FxHashMap::default(),
        };
        for (i, t) in targets.iter().enumerate() {
            let name = t.name.trim();
            if name.is_empty() {
                return Err(format!("target {} has no name", i + 1));
            }
            if !seen.insert(name.to_string()) {
                return Err(format!("two targets are named {name:?}"));
            }
            if t.keywords.is_empty() && t.hashtags.is_empty() && t.handles.is_empty() {
                return Err(format!(
                    "target {name:?} has no keywords, hashtags or handles"
                ));
            }
            let mut phrases = Vec::new();
            for k in &t.keywords {
                phrases.push(
                    keyword(k).map_err(|why| format!("target {name:?}: keyword {k:?} {why}"))?,
                );
            }
            for (list, mark, wide, kind, what) in [
                (&t.hashtags, '#', '＃', Kind::Hashtag, "hashtag"),
                (&t.handles, '@', '＠', Kind::Mention, "handle"),
            ] {
                for tag in list {
                    // The tag must be one token of its kind, as the tokenizer finds them in posts.
                    let written = format!("{mark}{}", tag.trim().trim_start_matches([mark, wide]));
                    let tokens: Vec<_> = Tokens::new(&written).collect();
                    match tokens.as_slice() {
                        [t] if t.kind == kind => m.tags.entry(t.folded().into_owned()).or_default().push(i),
                        _ => {
                            return Err(format!(
                                "target {name:?}: {tag:?} is not a {what} (letters, digits and _ after the {mark}; \
                                 put words in keywords)"
                            ))
                        }
                    }
                }
            }
            m.names.push(name.to_string());
            m.keywords.push(phrases);
        }
        Ok(m)
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The targets a text speaks of, in target order.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let mut words: Vec<String> = Vec::new();
        let mut hit = vec![false; self.names.len()];
        for t in Tokens::new(text) {
            match t.kind {
                Kind::Hashtag | Kind::Mention => {
                    if let Some(ts) = self.tags.get(t.folded().as_ref()) {
                        ts.iter().for_each(|&i| hit[i] = true);
                    }
                    words.push(String::new());
                }
                Kind::Word | Kind::Number | Kind::Cashtag => words.push(fold_word(&t.folded())),
                // Anything else separates: a phrase does not match across "Joe, Biden".
                _ => words.push(String::new()),
            }
        }
        for (i, phrases) in self.keywords.iter().enumerate() {
            if hit[i] {
                continue;
            }
            hit[i] = phrases.iter().any(|p| {
                words
                    .windows(p.len())
                    .any(|w| p.iter().zip(w).all(|(a, b)| a.matches(b)))
            });
        }
        (0..hit.len()).filter(|&i| hit[i]).collect()
    }
}

/// A folded word without a possessive "'s" ("Biden's" → "biden").
fn fold_word(folded: &str) -> String {
    match folded.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => folded.to_string(),
    }
}

/// A keyword's words as the tokenizer folds them in posts; a trailing `*` makes the last one a
/// prefix. Anything that is not words (punctuation, hashtags, links) is refused: it could never
/// match.
fn keyword(k: &str) -> Result<Vec<Word>, &'static str> {
    let (body, prefix) = match k.trim().strip_suffix('*') {
        Some(b) => (b, true),
        None => (k.trim(), false),
    };
    let mut words = Vec::new();
    for t in Tokens::new(body) {
        if !matches!(t.kind, Kind::Word | Kind::Number | Kind::Cashtag) {
            return Err(
                "holds something other than words (hashtags and handles have their own lists)",
            );
        }
        words.push(Word::Exact(fold_word(&t.folded())));
    }
    match words.last_mut() {
        None => return Err("has no words"),
        Some(last) if prefix => {
            if body.ends_with(char::is_whitespace) {
                return Err("ends with a lone *");
            }
            if let Word::Exact(w) = last {
                *last = Word::Prefix(std::mem::take(w));
            }
        }
        _ => {}
    }
    Ok(words)
}

/// The mean of `values` with its percentile bootstrap interval at `level` (0.95): `resamples`
/// means of resamples drawn with replacement, and their `(1 − level)/2` and `(1 + level)/2`
/// quantiles (linear interpolation). `None` for no values.
pub fn bootstrap_mean(
    values: &[f64],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Option<(f64, f64, f64)> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 || resamples == 0 {
        return Some((mean, mean, mean));
    }
    let mut rng = SplitMix64(seed);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| (0..n).map(|_| values[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_unstable_by(f64::total_cmp);
    let q = |p: f64| {
        let x = p * (resamples - 1) as f64;
        let (i, frac) = (x.floor() as usize, x - x.floor());
        means[i] + frac * (means[(i + 1).min(resamples - 1)] - means[i])
    };
    Some((mean, q((1.0 - level) / 2.0), q((1.0 + level) / 2.0)))
}

/// A post as opinion mining sees it.
#[derive(Clone, Debug)]
pub struct Post {
    /// Where it is shown: `platform:id`.
    pub id: String,
    pub author: String,
    pub text: String,
    /// The group it falls in (a day, a platform, a community); "all" when not grouped.
    pub group: String,
    /// VADER compound, when the post was scored (English, not empty).
    pub compound: Option<f64>,
    /// Likes + reposts + replies + quotes, as the platform counted them.
    pub engagement: u64,
}

/// Scores of one target, overall or in one group.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Stance {
    /// Posts that speak of the target.
    pub posts: u64,
    /// Its share of all target mentions (in the group).
    pub share_of_voice: f64,
    /// Posts with a sentiment score.
    pub scored: u64,
    pub mean_compound: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub positive: f64,
    pub negative: f64,
    pub net: f64,
}

/// A post that drives a target's sentiment or attention.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Driver {
    pub id: String,
    pub author: String,
    pub text: String,
    pub compound: Option<f64>,
    pub engagement: u64,
}

/// The posts driving a target's sentiment.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Drivers {
    pub most_positive: Vec<Driver>,
    pub most_negative: Vec<Driver>,
    pub most_engaged: Vec<Driver>,
}

/// What opinion mining found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub targets: Vec<String>,
    pub overall: Vec<Stance>,
    /// Group key → one stance per target, in group order (as the posts came).
    pub groups: Vec<(String, Vec<Stance>)>,
    pub drivers: Vec<Drivers>,
    /// Posts read, and posts that spoke of at least one target.
    pub posts: u64,
    pub matched: u64,
}

/// Settings of the aggregation.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub resamples: usize,
    pub level: f64,
    pub seed: u64,
    /// Driving posts kept per list.
    pub top: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            resamples: 1000,
            level: 0.95,
            seed: 1,
            top: 3,
        }
    }
}

/// Matches and aggregates `posts` (the order of first appearance sets the group order).
pub fn analyse(
    matcher: &Matcher,
    posts: impl IntoIterator<Item = Post>,
    settings: Settings,
) -> Report {
    let k = matcher.names.len();
    let mut overall: Vec<Vec<Option<f64>>> = vec![Vec::new(); k];
    let mut groups: Vec<(String, Vec<Vec<Option<f64>>>)> = Vec::new();
    let mut group_index: FxHashMap<String, usize> = FxHashMap::default();
    // Per target: the indices (into `kept`) of its posts, for the driver lists.
    let mut kept: Vec<Driver> = Vec::new();
    let mut of_target: Vec<Vec<usize>> = vec![Vec::new(); k];
    let (mut read, mut matched) = (0u64, 0u64);
    for p in posts {
        read += 1;
        let hits = matcher.matches(&p.text);
        if hits.is_empty() {
            continue;
        }
        matched += 1;
        let g = *group_index.entry(p.group.clone()).or_insert_with(|| {
            groups.push((p.group.clone(), vec![Vec::new(); k]));
            groups.len() - 1
        });
        for &t in &hits {
            overall[t].push(p.compound);
            groups[g].1[t].push(p.compound);
            of_target[t].push(kept.len());
        }
        kept.push(Driver {
            id: p.id,
            author: p.author,
            text: p.text,
            compound: p.compound,
            engagement: p.engagement,
        });
    }
    let stances = |lists: &[Vec<Option<f64>>], salt: &str| -> Vec<Stance> {
        let total: usize = lists.iter().map(Vec::len).sum();
        lists
            .iter()
            .enumerate()
            .map(|(t, list)| {
                stance(
                    list,
                    total,
                    settings,
                    seed_of(settings.seed, &matcher.names[t], salt),
                )
            })
            .collect()
    };
    // Ties broken by id, so the lists do not depend on the input order.
    let top = |list: &[usize], key: &dyn Fn(&Driver) -> Option<f64>| -> Vec<Driver> {
        let mut ranked: Vec<(f64, &Driver)> = list
            .iter()
            .filter_map(|&i| key(&kept[i]).map(|v| (v, &kept[i])))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        ranked
            .into_iter()
            .take(settings.top)
            .map(|(_, d)| d.clone())
            .collect()
    };
    let drivers = of_target
        .iter()
        .map(|list| Drivers {
            most_positive: top(list, &|d| d.compound.filter(|&c| c > 0.0)),
            most_negative: top(list, &|d| d.compound.filter(|&c| c < 0.0).map(|c| -c)),
            most_engaged: top(list, &|d| Some(d.engagement as f64)),
        })
        .collect();
    Report {
        targets: matcher.names.clone(),
        overall: stances(&overall, ""),
        groups: groups
            .iter()
            .map(|(key, lists)| (key.clone(), stances(lists, key)))
            .collect(),
        drivers,
        posts: read,
        matched,
    }
}

fn stance(list: &[Option<f64>], total: usize, settings: Settings, seed: u64) -> Stance {
    let scores: Vec<f64> = list.iter().flatten().copied().collect();
    let n = scores.len() as f64;
    let share = |pred: fn(f64) -> bool| {
        if n > 0.0 {
            scores.iter().filter(|&&c| pred(c)).count() as f64 / n
        } else {
            0.0
        }
    };
    let (positive, negative) = (share(|c| c >= 0.05), share(|c| c <= -0.05));
    let ci = bootstrap_mean(&scores, settings.resamples, settings.level, seed);
    Stance {
        posts: list.len() as u64,
        share_of_voice: if total > 0 {
            list.len() as f64 / total as f64
        } else {
            0.0
        },
        scored: scores.len() as u64,
        mean_compound: ci.map(|c| c.0),
        ci_low: ci.map(|c| c.1),
        ci_high: ci.map(|c| c.2),
        positive,
        negative,
        net: positive - negative,
    }
}

/// A seed per (target, group), so an interval does not depend on which other targets or groups
/// there are, nor on their order.
fn seed_of(seed: u64, target: &str, group: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in target.bytes().chain([0]).chain(group.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Vader;

    fn target(name: &str, keywords: &[&str], hashtags: &[&str], handles: &[&str]) -> Target {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        Target {
            name: name.into(),
            keywords: v(keywords),
            hashtags: v(hashtags),
            handles: v(handles),
        }
    }

    #[test]
    fn matching() {
        let m = Matcher::new(&[
            target(
                "Biden",
                &["biden", "joe biden"],
                &["#Biden2024"],
                &["@JoeBiden"],
            ),
            target("Vaccines", &["vaccin*", "booster shot"], &[], &[]),
        ])
        .expect("valid");
        assert_eq!(m.matches("BIDEN's speech"), [0]);
        assert_eq!(m.matches("#biden2024 rally"), [0]);
        assert_eq!(m.matches("thanks @joebiden"), [0]);
        assert_eq!(m.matches("#Biden is here"), Vec::<usize>::new());
        assert_eq!(
            m.matches("Vaccination drive, booster shot for Biden"),
            [0, 1]
        );
        assert_eq!(m.matches("booster for the shot"), Vec::<usize>::new());
        assert!(Matcher::new(&[target("A", &[], &[], &[])]).is_err());
        // Keywords and tags that could never match are refused.
        for bad in [
            target("A", &["!!!"], &[], &[]),
            target("A", &["#labour"], &[], &[]),
            target("A", &["a*b"], &[], &[]),
            target("A", &["*"], &[], &[]),
            target("A", &[], &["#new york"], &[]),
            target("A", &[], &["@x"], &[]),
            target("A", &[], &[], &["#y"]),
        ] {
            assert!(Matcher::new(std::slice::from_ref(&bad)).is_err(), "{bad:?}");
        }
        let m2 = Matcher::new(&[target("Joe", &["joe biden", "sooo"], &["＃Labour"], &[])])
            .expect("valid");
        assert_eq!(m2.matches("I told Joe, Biden is bad"), Vec::<usize>::new());
        assert_eq!(m2.matches("soooooo"), [0]);
        assert_eq!(m2.matches("#labour"), [0]);
        assert!(
            Matcher::new(&[target("A", &["x"], &[], &[]), target("A", &["y"], &[], &[])]).is_err()
        );
    }

    #[test]
    fn bootstrap_by_hand() {
        assert_eq!(bootstrap_mean(&[], 100, 0.95, 1), None);
        assert_eq!(bootstrap_mean(&[0.5], 100, 0.95, 1), Some((0.5, 0.5, 0.5)));
        let (m, lo, hi) = bootstrap_mean(&[0.0, 1.0, 0.0, 1.0], 2000, 0.95, 3).expect("values");
        assert_eq!(m, 0.5);
        // Resample means are k/4 for k ~ Binomial(4, 1/2): the 2.5% and 97.5% quantiles are 0 and 1.
        assert_eq!((lo, hi), (0.0, 1.0));
    }

    /// Posts about two targets drawn from known mixtures of sentences: the truth is the mixture's
    /// mean VADER compound. The 95% intervals must cover it in about 95% of seeds.
    #[test]
    fn intervals_cover_the_truth() {
        let vader = Vader::new();
        let templates = [
            "{} is wonderful and I love it!",
            "{} is a total disaster.",
            "{} spoke today.",
            "I really hate {} :(",
            "{} is ok I guess",
        ];
        let weights = [[0.4, 0.1, 0.3, 0.1, 0.1], [0.1, 0.35, 0.2, 0.25, 0.1]];
        let names = ["Alpha", "Beta"];
        let m = Matcher::new(&[
            target("Alpha", &["alpha"], &[], &[]),
            target("Beta", &["beta"], &[], &[]),
        ])
        .expect("valid");
        let compound = |t: usize, name: &str| {
            vader
                .polarity_scores(&templates[t].replace("{}", name))
                .compound
        };
        let truth: Vec<f64> = (0..2)
            .map(|g| (0..5).map(|t| weights[g][t] * compound(t, names[g])).sum())
            .collect();
        let (seeds, mut covered) = (200u64, [0u32; 2]);
        for seed in 0..seeds {
            let mut rng = SplitMix64(seed * 7919 + 1);
            let mut posts = Vec::new();
            for i in 0..300 {
                let g = i % 2;
                let u = rng.next() as f64 / u64::MAX as f64;
                let mut acc = 0.0;
                let t = (0..5).find(|&t| {
                    acc += weights[g][t];
                    u < acc
                });
                let t = t.unwrap_or(4);
                let text = templates[t].replace("{}", names[g]);
                let c = vader.polarity_scores(&text).compound;
                posts.push(Post {
                    id: format!("x:{i}"),
                    author: String::new(),
                    text,
                    group: "all".into(),
                    compound: Some(c),
                    engagement: 0,
                });
            }
            let r = analyse(
                &m,
                posts,
                Settings {
                    seed,
                    ..Settings::default()
                },
            );
            for g in 0..2 {
                let s = &r.overall[g];
                assert_eq!(s.posts, 150);
                if s.ci_low.unwrap_or(1.0) <= truth[g] && truth[g] <= s.ci_high.unwrap_or(-1.0) {
                    covered[g] += 1;
                }
            }
        }
        for (g, c) in covered.iter().enumerate() {
            let rate = f64::from(*c) / seeds as f64;
            eprintln!("target {g}: 95% interval covers the truth in {rate:.3} of {seeds} seeds");
            assert!((0.90..=0.99).contains(&rate), "target {g}: coverage {rate}");
        }
    }

    #[test]
    fn shares_and_drivers() {
        let m = Matcher::new(&[
            target("A", &["alpha"], &[], &[]),
            target("B", &["beta"], &[], &[]),
        ])
        .expect("valid");
        let post = |id: &str, text: &str, c: Option<f64>, e: u64| Post {
            id: id.into(),
            author: "@a".into(),
            text: text.into(),
            group: "d1".into(),
            compound: c,
            engagement: e,
        };
        let r = analyse(
            &m,
            vec![
                post("1", "alpha good", Some(0.6), 5),
                post("2", "alpha bad", Some(-0.4), 50),
                post("3", "alpha and beta", Some(0.0), 1),
                post("4", "nothing", Some(0.9), 0),
                post("5", "alpha in french", None, 2),
            ],
            Settings::default(),
        );
        assert_eq!((r.posts, r.matched), (5, 4));
        let a = &r.overall[0];
        assert_eq!((a.posts, a.scored), (4, 3));
        assert!((a.share_of_voice - 0.8).abs() < 1e-12);
        assert!((a.mean_compound.unwrap_or(0.0) - 0.2 / 3.0).abs() < 1e-12);
        assert!((a.net - 0.0).abs() < 1e-12 && (a.positive - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.drivers[0].most_positive[0].id, "1");
        assert_eq!(r.drivers[0].most_negative[0].id, "2");
        assert_eq!(r.drivers[0].most_engaged[0].id, "2");
        assert_eq!(r.drivers[0].most_engaged.len(), 3);
        assert_eq!(r.groups.len(), 1);
        assert!((r.groups[0].1[1].share_of_voice - 0.2).abs() < 1e-12);
    }
}
