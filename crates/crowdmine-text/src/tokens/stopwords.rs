//! Stop-word lists for the 16 languages that [`crate::lang::detect`] identifies, from stopwords-iso
//! 1.1.0 (MIT; see NOTICE). The lists are broad: the English one has 1,298 words and includes
//! "good", "great" and "not", so remove stop words for topics and keywords, not before sentiment.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// ISO 639-1 codes of the languages with a list.
pub const STOP_WORD_LANGUAGES: [&str; 16] = [
    "ar", "de", "en", "es", "fr", "hi", "it", "ja", "ko", "nl", "pt", "ru", "sv", "tr", "vi", "zh",
];

const LISTS: [&str; 16] = [
    include_str!("../../data/stopwords/ar.txt"),
    include_str!("../../data/stopwords/de.txt"),
    include_str!("../../data/stopwords/en.txt"),
    include_str!("../../data/stopwords/es.txt"),
    include_str!("../../data/stopwords/fr.txt"),
    include_str!("../../data/stopwords/hi.txt"),
    include_str!("../../data/stopwords/it.txt"),
    include_str!("../../data/stopwords/ja.txt"),
    include_str!("../../data/stopwords/ko.txt"),
    include_str!("../../data/stopwords/nl.txt"),
    include_str!("../../data/stopwords/pt.txt"),
    include_str!("../../data/stopwords/ru.txt"),
    include_str!("../../data/stopwords/sv.txt"),
    include_str!("../../data/stopwords/tr.txt"),
    include_str!("../../data/stopwords/vi.txt"),
    include_str!("../../data/stopwords/zh.txt"),
];

/// The stop words of a language (ISO 639-1 code, lower case), or `None` when there is no list.
/// Words are lower case; compare them with [`super::Token::folded`].
pub fn stop_words(lang: &str) -> Option<&'static FxHashSet<&'static str>> {
    static SETS: OnceLock<HashMap<&'static str, FxHashSet<&'static str>>> = OnceLock::new();
    SETS.get_or_init(|| {
        STOP_WORD_LANGUAGES
            .iter()
            .zip(LISTS)
            .map(|(&code, list)| (code, list.lines().filter(|w| !w.is_empty()).collect()))
            .collect()
    })
    .get(lang)
}
