//! The words synthetic posts are made of: invented topic words and names (syllables, so they
//! never collide with real accounts or brands), and small fixed lists of function words,
//! sentiment words, intensifiers, negations and emoji per language. The sentiment words are
//! entries of VADER's lexicon, so lexicon-based scorers see the planted polarity.

use crowdmine_graph::random::Rng;

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kl",
    "pr", "st", "tr", "sh", "ch",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "s", "m", "x", "nd", "rt"];

/// An invented word of `syllables` syllables.
pub fn pseudo_word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for i in 0..syllables {
        w.push_str(ONSETS[rng.index(ONSETS.len())]);
        w.push_str(VOWELS[rng.index(VOWELS.len())]);
        if i + 1 == syllables || rng.chance(0.3) {
            w.push_str(CODAS[rng.index(CODAS.len())]);
        }
    }
    w
}

/// `count` distinct invented words of two or three syllables, none in `taken`.
pub fn distinct_words(
    rng: &mut Rng,
    count: usize,
    taken: &mut std::collections::HashSet<String>,
) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let syllables = 2 + rng.index(2);
        let w = pseudo_word(rng, syllables);
        if w.len() >= 4 && taken.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

/// Capitalised first letter.
pub fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The words of one language a post is built from.
pub struct Language {
    pub code: &'static str,
    pub function: &'static [&'static str],
    pub positive: &'static [&'static str],
    pub negative: &'static [&'static str],
    pub intensifiers: &'static [&'static str],
    pub negation: &'static str,
    pub openers: &'static [&'static str],
}

/// English first; the others are the language mix (share of posts in [`LANGUAGE_SHARES`]).
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        function: &[
            "the", "a", "this", "that", "and", "with", "for", "about", "on", "in", "of", "our",
            "my", "their", "is", "was", "just", "today", "again", "now",
        ],
        positive: &[
            "good",
            "great",
            "love",
            "happy",
            "excellent",
            "wonderful",
            "amazing",
            "nice",
            "awesome",
            "best",
            "fantastic",
            "glad",
            "hope",
            "win",
            "support",
            "beautiful",
        ],
        negative: &[
            "bad",
            "terrible",
            "hate",
            "awful",
            "sad",
            "angry",
            "worst",
            "horrible",
            "disgusting",
            "fail",
            "wrong",
            "ugly",
            "scared",
            "lies",
            "disaster",
            "boring",
        ],
        intensifiers: &["very", "really", "so", "extremely", "incredibly", "totally"],
        negation: "not",
        openers: &[
            "honestly", "wow", "ok", "well", "so", "lol", "hey", "breaking",
        ],
    },
    Language {
        code: "es",
        function: &[
            "el", "la", "los", "que", "de", "y", "en", "con", "por", "para", "hoy",
        ],
        positive: &[
            "bueno",
            "genial",
            "excelente",
            "feliz",
            "maravilloso",
            "increíble",
        ],
        negative: &["malo", "terrible", "horrible", "triste", "peor", "odio"],
        intensifiers: &["muy", "tan", "super"],
        negation: "no",
        openers: &["bueno", "vaya", "hola"],
    },
    Language {
        code: "de",
        function: &[
            "der", "die", "das", "und", "mit", "für", "von", "ist", "heute", "auf",
        ],
        positive: &["gut", "toll", "super", "schön", "wunderbar", "glücklich"],
        negative: &[
            "schlecht",
            "schrecklich",
            "traurig",
            "furchtbar",
            "hass",
            "böse",
        ],
        intensifiers: &["sehr", "so", "wirklich"],
        negation: "nicht",
        openers: &["also", "na", "hallo"],
    },
    Language {
        code: "fr",
        function: &[
            "le",
            "la",
            "les",
            "et",
            "avec",
            "pour",
            "dans",
            "est",
            "aujourd'hui",
            "sur",
        ],
        positive: &[
            "bon",
            "génial",
            "excellent",
            "heureux",
            "magnifique",
            "super",
        ],
        negative: &[
            "mauvais", "terrible", "horrible", "triste", "nul", "déteste",
        ],
        intensifiers: &["très", "vraiment", "tellement"],
        negation: "pas",
        openers: &["bon", "alors", "salut"],
    },
];

/// Share of posts in each of [`LANGUAGES`].
pub const LANGUAGE_SHARES: &[f64] = &[0.88, 0.06, 0.03, 0.03];

pub const POSITIVE_EMOJI: &[&str] = &["😀", "😍", "🎉", "👍", "❤️", "😊", "🙌", "👍🏽"];
pub const NEGATIVE_EMOJI: &[&str] = &["😡", "😢", "👎", "💔", "😠", "🤬", "😞"];
pub const NEUTRAL_EMOJI: &[&str] = &["🤔", "👀", "📢", "🗳️", "📰", "🇪🇺"];
pub const POSITIVE_EMOTICONS: &[&str] = &[":)", ":-)", ":D", "<3"];
pub const NEGATIVE_EMOTICONS: &[&str] = &[":(", ":-(", ":/"];

/// First names and surnames for display names, invented like the topic words.
pub fn display_name(rng: &mut Rng) -> String {
    format!("{} {}", capitalise(&pseudo_word(rng, 2)), {
        let syllables = 2 + rng.index(2);
        capitalise(&pseudo_word(rng, syllables))
    })
}

/// A handle: an invented word, sometimes with digits or an underscore, at most 15 characters
/// (X's limit). Uniqueness is the caller's.
pub fn handle(rng: &mut Rng) -> String {
    let syllables = 2 + rng.index(2);
    let mut h = pseudo_word(rng, syllables);
    match rng.index(4) {
        0 => h.push_str(&format!("{}", rng.below(100))),
        1 => {
            h.push('_');
            h.push_str(&pseudo_word(rng, 1));
        }
        _ => {}
    }
    h.truncate(15);
    h
}
