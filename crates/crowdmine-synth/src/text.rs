//! Post text with planted topics and sentiment.
//!
//! Each community has its own topic words, hashtags and link domains. Each post is given a
//! polarity first — drawn from the community's planted sentiment bias, or from the community's
//! attitude to a target when the post names one — and its words are chosen to carry it: VADER
//! lexicon words, intensifiers, negated opposites ("not bad"), emoji and emoticons, plus noise
//! (elongations, capitals, exclamation marks). A post is a list of [`Piece`]s so that each
//! platform renders mentions, hashtags and links its own way and knows where they are.

use crate::words::{self, Language, LANGUAGES, LANGUAGE_SHARES};
use crate::world::World;
use crowdmine_graph::random::{Alias, Rng};
use std::collections::HashSet;

/// One part of a post's text; rendered with single spaces between pieces.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Word(String),
    Hashtag(String),
    /// An account, by its index.
    Mention(u32),
    Url(String),
}

#[derive(Debug, Clone)]
pub struct Text {
    pub pieces: Vec<Piece>,
    pub lang: &'static str,
    /// The planted polarity: −1, 0 or 1.
    pub polarity: i8,
    /// The target the post names, if any.
    pub target: Option<u16>,
}

impl Text {
    pub fn hashtags(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Hashtag(h) => Some(h.as_str()),
            _ => None,
        })
    }
}

/// A topic, candidate, party or brand the posts talk about, with a planted attitude of each
/// community towards it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Target {
    pub name: String,
    pub keyword: String,
    pub hashtag: String,
    /// Per community, in [−1, 1]: the shift of its posts' polarity when they name the target.
    pub attitude: Vec<f64>,
}

/// A planted event: a new hashtag and terms.
#[derive(Debug, Clone)]
pub struct EventWords {
    pub hashtag: String,
    pub terms: Vec<String>,
}

pub struct Vocabulary {
    pub topics: Vec<Vec<String>>,
    pub hashtags: Vec<Vec<String>>,
    pub domains: Vec<Vec<String>>,
    /// Per community, in [−1, 1].
    pub bias: Vec<f64>,
    pub targets: Vec<Target>,
    pub events: Vec<EventWords>,
    pub spam_domain: String,
    pub spam_words: Vec<String>,
    pub bot_tag: String,
    languages: Alias,
    taken: HashSet<String>,
}

impl Vocabulary {
    pub fn new(communities: u32, targets: usize, events: usize, rng: &mut Rng) -> Vocabulary {
        let mut taken: HashSet<String> = LANGUAGES
            .iter()
            .flat_map(|l| {
                l.function
                    .iter()
                    .chain(l.positive)
                    .chain(l.negative)
                    .chain(l.intensifiers)
            })
            .map(|w| w.to_string())
            .collect();
        let k = communities as usize;
        let topics: Vec<Vec<String>> = (0..k)
            .map(|_| words::distinct_words(rng, 24, &mut taken))
            .collect();
        let hashtags = (0..k)
            .map(|_| words::distinct_words(rng, 4, &mut taken))
            .collect();
        let domains = (0..k)
            .map(|_| {
                words::distinct_words(rng, 3, &mut taken)
                    .into_iter()
                    .map(|w| format!("{w}.example"))
                    .collect()
            })
            .collect();
        // Biases spread evenly over [−0.8, 0.8] in a seeded order, so communities differ clearly.
        let mut bias: Vec<f64> = (0..k)
            .map(|c| {
                if k == 1 {
                    0.0
                } else {
                    -0.8 + 1.6 * c as f64 / (k - 1) as f64
                }
            })
            .collect();
        rng.shuffle(&mut bias);
        let targets = words::distinct_words(rng, targets, &mut taken)
            .into_iter()
            .map(|w| Target {
                name: words::capitalise(&w),
                hashtag: words::capitalise(&w),
                keyword: w,
                attitude: (0..k).map(|_| (rng.f64() * 2.0 - 1.0) * 0.9).collect(),
            })
            .collect();
        let events = (0..events)
            .map(|_| {
                let mut w = words::distinct_words(rng, 4, &mut taken);
                let hashtag = w.remove(0);
                EventWords { hashtag, terms: w }
            })
            .collect();
        let spam_domain = format!("{}.example", words::distinct_words(rng, 1, &mut taken)[0]);
        let spam_words = words::distinct_words(rng, 6, &mut taken);
        let bot_tag = words::distinct_words(rng, 1, &mut taken)[0].clone();
        Vocabulary {
            topics,
            hashtags,
            domains,
            bias,
            targets,
            events,
            spam_domain,
            spam_words,
            bot_tag,
            languages: Alias::new(LANGUAGE_SHARES).unwrap_or_else(|| unreachable!()),
            taken,
        }
    }

    /// Whether `w` is one of the run's invented or fixed words (for tests).
    pub fn knows(&self, w: &str) -> bool {
        self.taken.contains(w)
    }

    fn topic<'a>(&'a self, c: u32, rng: &mut Rng) -> &'a str {
        let t = &self.topics[c as usize];
        // Zipf-like: the first words of a community are its most frequent.
        let i = ((rng.f64() * rng.f64()) * t.len() as f64) as usize;
        &t[i.min(t.len() - 1)]
    }

    /// An ordinary post of an account of community `c`.
    pub fn post(&self, world: &World, author: u32, rng: &mut Rng, event: Option<usize>) -> Text {
        let c = world.accounts[author as usize].community;
        let lang = &LANGUAGES[self.languages.sample(rng)];
        let target = (!self.targets.is_empty() && rng.chance(0.2))
            .then(|| rng.index(self.targets.len()) as u16);
        let bias = match target {
            Some(t) => self.targets[t as usize].attitude[c as usize],
            None => self.bias[c as usize],
        };
        let polarity = polarity(bias, rng);
        let mut pieces = Vec::new();
        if rng.chance(0.2) {
            pieces.push(word(lang.openers[rng.index(lang.openers.len())]));
        }
        for _ in 0..1 + rng.index(3) {
            self.filler(lang, c, rng, &mut pieces);
        }
        if let Some(t) = target {
            let t = &self.targets[t as usize];
            if rng.chance(0.3) {
                pieces.push(Piece::Hashtag(t.hashtag.clone()));
            } else {
                pieces.push(word(&t.name));
            }
        }
        if let Some(e) = event {
            let e = &self.events[e];
            pieces.push(word(&e.terms[rng.index(e.terms.len())]));
        }
        sentiment(lang, polarity, rng, &mut pieces);
        for _ in 0..rng.index(3) {
            self.filler(lang, c, rng, &mut pieces);
        }
        if let Some(e) = event {
            let e = &self.events[e];
            pieces.push(word(&e.terms[rng.index(e.terms.len())]));
            pieces.push(Piece::Hashtag(e.hashtag.clone()));
        }
        if rng.chance(0.35) {
            let tags = &self.hashtags[c as usize];
            pieces.push(Piece::Hashtag(tags[rng.index(tags.len())].clone()));
        }
        if rng.chance(0.15) {
            let following = world.following(author);
            if !following.is_empty() {
                pieces.push(Piece::Mention(following[rng.index(following.len())]));
            }
        }
        if rng.chance(0.15) {
            let d = &self.domains[c as usize];
            pieces.push(Piece::Url(format!(
                "https://{}/{}/{}",
                d[rng.index(d.len())],
                self.topic(c, rng),
                rng.below(100_000)
            )));
        }
        emoji(polarity, rng, &mut pieces);
        Text {
            pieces,
            lang: lang.code,
            polarity,
            target,
        }
    }

    /// A reply or a quote's comment: short, with the polarity of the author's community.
    pub fn comment(&self, world: &World, author: u32, rng: &mut Rng) -> Text {
        let c = world.accounts[author as usize].community;
        let lang = &LANGUAGES[self.languages.sample(rng)];
        let polarity = polarity(self.bias[c as usize], rng);
        let mut pieces = Vec::new();
        if rng.chance(0.5) {
            self.filler(lang, c, rng, &mut pieces);
        }
        sentiment(lang, polarity, rng, &mut pieces);
        if rng.chance(0.5) {
            self.filler(lang, c, rng, &mut pieces);
        }
        emoji(polarity, rng, &mut pieces);
        if pieces.is_empty() {
            self.filler(lang, c, rng, &mut pieces);
        }
        Text {
            pieces,
            lang: lang.code,
            polarity,
            target: None,
        }
    }

    /// The copypasta of a coordinated round: one text that members vary slightly.
    pub fn copypasta(&self, world: &World, author: u32, rng: &mut Rng) -> Text {
        let mut t = self.post(world, author, rng, None);
        t.pieces.retain(|p| !matches!(p, Piece::Mention(_)));
        t
    }

    /// A near-duplicate of `t`: one word dropped or repeated, and maybe an emoji added.
    pub fn vary(&self, t: &Text, rng: &mut Rng) -> Text {
        let mut v = t.clone();
        let words: Vec<usize> = (0..v.pieces.len())
            .filter(|&i| matches!(v.pieces[i], Piece::Word(_)))
            .collect();
        if words.len() > 2 && rng.chance(0.5) {
            v.pieces.remove(words[rng.index(words.len())]);
        } else if let Some(&i) = words.first() {
            let w = v.pieces[i].clone();
            v.pieces.insert(i, w);
        }
        if rng.chance(0.5) {
            emoji(v.polarity, rng, &mut v.pieces);
        }
        v
    }

    pub fn spam(&self, rng: &mut Rng, duplicate_of: Option<u64>) -> Text {
        // A duplicate reuses the same code, so its text is identical.
        let code = duplicate_of.unwrap_or_else(|| rng.below(1_000));
        let mut r = crowdmine_graph::random::Rng::new(code);
        let w = &self.spam_words;
        let pieces = vec![
            word("free"),
            word(&w[r.index(w.len())]),
            word("giveaway!"),
            word("claim"),
            word(&w[r.index(w.len())]),
            word("now"),
            Piece::Url(format!("https://{}/{}", self.spam_domain, code)),
            Piece::Hashtag(w[r.index(w.len())].clone()),
        ];
        Text {
            pieces,
            lang: "en",
            polarity: 1,
            target: None,
        }
    }

    pub fn bot(&self, world: &World, author: u32, rng: &mut Rng) -> Text {
        let c = world.accounts[author as usize].community;
        let pieces = vec![
            word(&words::capitalise(self.topic(c, rng))),
            word("update:"),
            word(self.topic(c, rng)),
            word("index"),
            word("at"),
            word(&format!("{}.{}", rng.below(1000), rng.below(10))),
            Piece::Hashtag(self.bot_tag.clone()),
        ];
        Text {
            pieces,
            lang: "en",
            polarity: 0,
            target: None,
        }
    }

    fn filler(&self, lang: &Language, c: u32, rng: &mut Rng, out: &mut Vec<Piece>) {
        out.push(word(lang.function[rng.index(lang.function.len())]));
        out.push(word(self.topic(c, rng)));
    }
}

fn word(w: &str) -> Piece {
    Piece::Word(w.to_string())
}

/// Polarity from a bias in [−1, 1]: positive with probability 0.3 + 0.3 b, negative with
/// 0.3 − 0.3 b, neutral otherwise.
fn polarity(bias: f64, rng: &mut Rng) -> i8 {
    let u = rng.f64();
    let pos = 0.3 + 0.3 * bias;
    if u < pos {
        1
    } else if u < 0.6 {
        -1
    } else {
        0
    }
}

fn sentiment(lang: &Language, polarity: i8, rng: &mut Rng, out: &mut Vec<Piece>) {
    if polarity == 0 {
        return;
    }
    let (same, other) = if polarity > 0 {
        (lang.positive, lang.negative)
    } else {
        (lang.negative, lang.positive)
    };
    if rng.chance(0.12) {
        // A negated opposite: "not bad" is mildly positive, "not good" negative.
        out.push(word(lang.negation));
        out.push(word(other[rng.index(other.len())]));
        return;
    }
    if rng.chance(0.4) {
        let i = lang.intensifiers[rng.index(lang.intensifiers.len())];
        if rng.chance(0.15) {
            // An elongation: "sooo".
            let mut s = i.to_string();
            if let Some(last) = s.chars().last() {
                s.extend(std::iter::repeat_n(last, 2 + rng.index(3)));
            }
            out.push(Piece::Word(s));
        } else {
            out.push(word(i));
        }
    }
    let w = same[rng.index(same.len())];
    let mut w = if rng.chance(0.08) {
        w.to_uppercase()
    } else {
        w.to_string()
    };
    if rng.chance(0.15) {
        w.push_str(&"!".repeat(1 + rng.index(3)));
    }
    out.push(Piece::Word(w));
}

fn emoji(polarity: i8, rng: &mut Rng, out: &mut Vec<Piece>) {
    if !rng.chance(0.3) {
        return;
    }
    let set: &[&str] = match polarity {
        1 if rng.chance(0.25) => words::POSITIVE_EMOTICONS,
        1 => words::POSITIVE_EMOJI,
        -1 if rng.chance(0.25) => words::NEGATIVE_EMOTICONS,
        -1 => words::NEGATIVE_EMOJI,
        _ => words::NEUTRAL_EMOJI,
    };
    out.push(word(set[rng.index(set.len())]));
}
