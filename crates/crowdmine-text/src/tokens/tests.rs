use super::*;

fn kinds(s: &str) -> Vec<(Kind, &str)> {
    tokenize(s).into_iter().map(|t| (t.kind, t.text)).collect()
}

fn texts(s: &str) -> Vec<&str> {
    tokenize(s).into_iter().map(|t| t.text).collect()
}

#[test]
fn social_units() {
    use Kind::*;
    assert_eq!(
        kinds("RT @jack: loving #RustLang!!! see https://t.co/AbC1.. $AAPL up 1,000.50 :-) 👍🏽 <3"),
        vec![
            (Word, "RT"),
            (Mention, "@jack"),
            (Punct, ":"),
            (Word, "loving"),
            (Hashtag, "#RustLang"),
            (Punct, "!!!"),
            (Word, "see"),
            (Url, "https://t.co/AbC1"),
            (Punct, ".."),
            (Cashtag, "$AAPL"),
            (Word, "up"),
            (Number, "1,000.50"),
            (Emoticon, ":-)"),
            (Emoji, "👍🏽"),
            (Emoticon, "<3"),
        ]
    );
    assert_eq!(
        kinds("mail press@example.org or @alice@mastodon.social (www.a.org/x_(y)) bbc.co.uk/news."),
        vec![
            (Word, "mail"),
            (Email, "press@example.org"),
            (Word, "or"),
            (Mention, "@alice@mastodon.social"),
            (Punct, "("),
            (Url, "www.a.org/x_(y)"),
            (Punct, ")"),
            (Url, "bbc.co.uk/news"),
            (Punct, "."),
        ]
    );
}

#[test]
fn words_and_numbers() {
    assert_eq!(
        texts("don't y’all well-known covid-19 2-1 U.S. e.g. 10:30 5pm 24/7 2022-10-26"),
        [
            "don't",
            "y’all",
            "well-known",
            "covid-19",
            "2-1",
            "U.S.",
            "e.g.",
            "10:30",
            "5pm",
            "24/7",
            "2022-10-26"
        ]
    );
    assert_eq!(
        texts("end.Then a#b #1 #2024election x@y"),
        [
            "end",
            ".",
            "Then",
            "a",
            "#",
            "b",
            "#",
            "1",
            "#2024election",
            "x",
            "@",
            "y"
        ]
    );
    assert_eq!(
        texts("Tom&amp;Jerry &lt;3"),
        ["Tom", "&amp;", "Jerry", "&lt;", "3"]
    );
    assert_eq!(
        texts("日本語のテキスト #日本"),
        ["日本語のテキスト", "#日本"]
    );
    assert_eq!(texts("$5 and $BRK.A"), ["$", "5", "and", "$BRK.A"]);
    assert_eq!(
        texts("wait... what?! —no"),
        ["wait", "...", "what", "?!", "—", "no"]
    );
}

#[test]
fn emoji_sequences_stay_whole() {
    assert_eq!(texts("ok👩🏽‍💻🏳️‍🌈🇫🇷🇩🇪1️⃣"), ["ok", "👩🏽‍💻", "🏳️‍🌈", "🇫🇷", "🇩🇪", "1️⃣"]);
}

#[test]
fn folded_forms() {
    let folded: Vec<String> = tokenize("SOOOOO Don’t #BLM @Jack HTTPS://T.CO/AbC 👍🏽 &amp; 1000000")
        .iter()
        .map(|t| t.folded().into_owned())
        .collect();
    assert_eq!(
        folded,
        [
            "sooo",
            "don't",
            "#blm",
            "@jack",
            "https://t.co/AbC",
            "👍",
            "&",
            "1000000"
        ]
    );
    let t = tokenize("sooooo so");
    assert!(t[0].is_elongated() && !t[1].is_elongated());
}

#[test]
fn n_grams() {
    let w = ["a", "b", "c"];
    assert_eq!(ngrams(&w, 2).collect::<Vec<_>>(), ["a b", "b c"]);
    assert_eq!(ngrams(&w, 4).count(), 0);
}

#[test]
fn sentence_split() {
    assert_eq!(
        sentences(
            "Dr. Smith met J. Doe in the U.S. today. Great game! 🎉 What?!\nnew line no stop"
        ),
        [
            "Dr. Smith met J. Doe in the U.S. today.",
            "Great game! 🎉",
            "What?!",
            "new line no stop"
        ]
    );
    assert!(sentences("  ").is_empty());
    assert_eq!(
        sentences("The answer is no. We left. So do I. Then"),
        ["The answer is no.", "We left.", "So do I.", "Then"]
    );
}

#[test]
fn stop_word_lists() {
    assert!(stop_words("en").is_some_and(|s| s.contains("the")));
    assert!(stop_words("de").is_some_and(|s| s.contains("und")));
    assert!(stop_words("xx").is_none());
    for lang in STOP_WORD_LANGUAGES {
        assert!(stop_words(lang).is_some_and(|s| s.len() > 100), "{lang}");
    }
}

proptest::proptest! {
    /// Tokens are in order, do not overlap, and between them lies only white space or ignorable
    /// format characters: nothing of the text is dropped.
    #[test]
    fn tokens_cover_the_text(s in "\\PC{0,60}|[a-z@#$:;()<>./&0-9' \u{1F44D}\u{1F3FD}\u{200D}\u{FE0F}-]{0,60}") {
        let mut at = 0;
        for t in tokenize(&s) {
            proptest::prop_assert!(t.start >= at && !t.text.is_empty());
            proptest::prop_assert!(s[at..t.start].chars().all(|c| c.is_whitespace() || is_ignorable(c)));
            proptest::prop_assert_eq!(&s[t.start..t.end()], t.text);
            let _ = t.folded();
            at = t.end();
        }
        proptest::prop_assert!(s[at..].chars().all(|c| c.is_whitespace() || is_ignorable(c)));
        let _ = sentences(&s);
    }
}

#[test]
fn review_findings() {
    // Control characters and signs are not entities; a lone skin tone keeps a folded form.
    assert_eq!(
        texts("&#9; &#+65;"),
        ["&", "#", "9", ";", "&", "#", "+", "65", ";"]
    );
    let t = tokenize("a \u{1F3FD} b");
    assert_eq!(t[1].folded(), "\u{1F3FD}");
    // The path keeps its case even when it holds another link.
    assert_eq!(
        tokenize("www.Example.COM/Path?u=http://Foo.COM/Bar")[0].folded(),
        "www.example.com/Path?u=http://Foo.COM/Bar"
    );
    // Full-width marks fold to ASCII ones.
    let f: Vec<String> = tokenize("＃Labour ＠Bob")
        .iter()
        .map(|t| t.folded().into_owned())
        .collect();
    assert_eq!(f, ["#labour", "@bob"]);
    // Not emoticons.
    assert_eq!(
        texts("see (8) x=3 Windows XP"),
        ["see", "(", "8", ")", "x", "=", "3", "Windows", "XP"]
    );
}

/// Inputs that once took quadratic time take linear time (milliseconds here).
#[test]
fn long_runs_are_linear() {
    // A quadratic scan of these 200,000-byte runs takes minutes; linear ones take milliseconds
    // optimised, and a second or two unoptimised.
    let limit = if cfg!(debug_assertions) { 20.0 } else { 2.0 };
    for s in [
        format!("http://a.org/{}", ")".repeat(200_000)),
        "ab.".repeat(100_000),
        "a+".repeat(100_000),
    ] {
        let clock = std::time::Instant::now();
        let n = tokenize(&s).len();
        assert!(
            n > 0 && clock.elapsed().as_secs_f64() < limit,
            "{n} tokens in {:?}",
            clock.elapsed()
        );
    }
}
