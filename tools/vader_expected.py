#!/usr/bin/env python3
"""Reference VADER sentiment scores, computed with the Python package
vaderSentiment 3.3.2, for the Rust re-implementation in crates/crowdmine-text.
The Rust side must reproduce neg, neu, pos and compound EXACTLY (zero
mismatches) on every text of both fixture files.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/vader_expected.py

No options. `bench/.venv` is the git-ignored virtualenv (Python 3.11.7) in
which vaderSentiment 3.3.2 is installed (pure Python, no dependency used
here). Versions of the committed run are written into the "meta" line of
vader_generated.jsonl. Run time of the committed run: about 11 s wall (2-core
machine). Running the script twice gives byte-identical files (checked with
sha256sum); the run time is printed only, never written.

The reference is `SentimentIntensityAnalyzer().polarity_scores(text)` with the
lexicons installed with the package (vaderSentiment/vader_lexicon.txt and
vaderSentiment/emoji_utf8_lexicon.txt). Those two files have CRLF line endings
(vader_lexicon.txt has no final newline); the copies in
`<data>/sentiment/vader/` (and crates/crowdmine-text/data/) have LF line
endings but the same content: the script parses both copies the way the
reference does and asserts they give the same dictionaries.

Data folder: the environment variable CROWDMINE_DATA, default
`<repo root>/../shared/data` (the repo root is the parent of this script's
folder). No absolute path is written anywhere.

Outputs (all under crates/crowdmine-text/tests/fixtures/, nothing else is
written):

    vader_corpora.tsv       (a) the four human-rated corpora (no text copied)
    vader_generated.jsonl   (b) generated texts with their scores
    vader_pearson.json      Pearson r (reference compound vs human mean)

(a) Corpora: extraction, byte for byte
=======================================

Files `<data>/sentiment/vader/<corpus>_GroundTruth.txt` for corpus in
tweets, nytEditorialSnippets, movieReviewSnippets, amazonReviewSnippets (in
that order). Each file is read as bytes and decoded as UTF-8 (strict). The
text is split on "\\n" (only); one trailing "\\r" is removed from each piece;
on the first piece a leading U+FEFF would be removed (none of the four
GroundTruth files has one; only amazonReviewSnippets_anonDataRatings.txt,
not used here, starts with a BOM). Empty pieces are skipped (there are none;
no file ends with a newline). The line number is the 1-based index of the
piece. Each line is split on its FIRST TWO tabs into (id, mean, text): the
text is everything after the second tab, unchanged (not stripped). Checked by
the script: every line has 3 fields, no text contains a tab or a "\\r", ids are
unique within a file; row counts 4,200 / 5,190 / 10,605 / 3,708 (as in
PROVENANCE.md). The texts are never copied into the fixtures (real users'
data).

vader_corpora.tsv: "\\n" line endings, a header line

    corpus<TAB>line<TAB>id<TAB>mean<TAB>neg<TAB>neu<TAB>pos<TAB>compound

then one row per text in file order: corpus name as above, line number, id
and mean exactly as the strings in the file, and the four values returned by
polarity_scores(text) written with Python repr(float) (shortest repr that
round-trips; VADER already rounds them: round(x, 3) for neg/neu/pos,
round(x, 4) for compound, Python's correctly rounded, half-even-on-the-exact-
binary-value round).

vader_pearson.json: per corpus n and Pearson's r between the reference
compound and float(mean) (plain Python, math.fsum), for the record.

(b) Generated texts
===================

vader_generated.jsonl: "\\n" line endings (split on "\\n" only: texts may
contain raw U+0085, U+2028, U+2029, which some line readers treat as line
breaks; "\\t", "\\n", "\\r", U+001C.. and other C0 controls are JSON-escaped).
First line `{"meta": {...}}` (purpose, versions, seed, the categories in file
order with their first index and count, checks); then one object per text,
`json.dumps({"text", "neg", "neu", "pos", "compound"}, ensure_ascii=False)`,
the values exactly as returned (all are Python floats: the reference never
returned an int on these inputs, checked; compound can be -0.0, written
"-0.0"). Text index = 0-based position after the meta line. Texts are
deduplicated (first occurrence kept). All randomness comes from
random.Random(20261129), used in a fixed order; no set/hash iteration order
is used. Categories (first the 16 README examples of vaderSentiment.py's
`__main__` block, read from the installed source with `ast`):

* readme (16 texts, first index 0): the 16 example sentences of
  vaderSentiment.py's __main__ block, in order.
* readme_extra (47 texts, first index 16): the other __main__ examples: tricky
  sentences, the paragraph (whole and split on sentence ends), the image-tag
  concepts, the non-English sentences.
* lexicon (7,505 texts, first index 63): every distinct token of
  vader_lexicon.txt once, in file order; forms cycle lower/Title/CAPS among
  lower-case words/every word CAPS, positions alone/start/middle/end (7,506
  tokens, 7,505 texts: one single-word text was already in readme_extra).
* lexicon_duplicates (83 texts, first index 7,568): the 14 tokens listed twice
  in vader_lexicon.txt (last value wins).
* boosters (1,512 texts, first index 7,651): every BOOSTER_DICT key (multi-
  word ones too) at distance 1, 2, 3 before a positive and a negative word,
  lower/Title and CAPS (with and without cap differential); plus alone,
  doubled, before emoticons/emoji.
* negations (977 texts, first index 9,163): every NEGATE word and other n't
  words at distance 1, 2, 3; never so/this, without doubt, 'no' rules
  (adjacent, distance 2, 'no X or/nor Y', standalone).
* idioms (1,313 texts, first index 10,140): every SPECIAL_CASES and
  SENTIMENT_LADEN_IDIOMS phrase after 0..4 fillers with 9 suffixes (idioms
  check runs / does not run), with lexicon words at i-3, caps forms.
* least_kind (325 texts, first index 11,453): 'least' with/without
  'at'/'very'; 'kind of', 'kind', 'sort of', 'just enough' and the one-word
  variants.
* but (1,464 texts, first index 11,778): 'but'/'BUT'/'But' (also with
  punctuation) at various positions, several buts, repeated equal values, v
  and v/2 around 'but' (list.index quirk), opposite values.
* emoticons_punct (1,570 texts, first index 13,242): every non-word lexicon
  token (emoticons, 'gr8', ...) attached to words, wrapped, standalone;
  lexicon words wrapped in punctuation; tokens stripped to <= 2 chars.
* emoji (3,648 texts, first index 14,812): every key of emoji_utf8_lexicon.txt
  (single and multi code point) alone, at start/middle/end, attached to words
  on one or both sides, after tab/NBSP; plus non-lexicon sequences (flags,
  keycaps, ZWJ, lone ZWJ/VS16/modifiers, tag sequences).
* punctuation (422 texts, first index 18,460): 0..5 '!' x 0..5 '?' attached
  and standalone, shuffled mixes, marks inside words.
* unicode_ws (1,095 texts, first index 18,882): case forms, non-ASCII scripts,
  isupper/lower edge cases (titlecase, Kelvin sign, final sigma, dotted I,
  sharp s), every Python whitespace char and non-whitespace look-alikes as
  separators and padding, empty/whitespace-only/punctuation-only texts,
  numbers, URLs, mentions, hashtags.
* lexicon_exact (1,464 texts, first index 19,977): lexicon tokens that did not
  yet appear verbatim (lower case) in an earlier category, alone or among 0..2
  fillers each side.
* rounding_edge (519 texts, first index 21,441): short random texts whose
  unrounded neg/neu/pos/compound is within 1e-6 (in units of the last kept
  digit) of a rounding tie, or compound -0.0; picked from 60,000 candidates.
* random_mix (2,040 texts, first index 21,960): random 1-10 token texts mixing
  all of the above (fillers, lexicon words, boosters, negations, rule words,
  emoticons, emoji, punctuation, caps).

Total 24,000 texts (the random_mix count tops the total up to 24,000). Checks
(in meta.checks): all 7,506 distinct lexicon tokens and all 3,570 emoji keys
(1,212 single code point) occur verbatim in some text; 0 non-float values;
10 texts with compound -0.0; no input raised an exception (meta.dropped_inputs
is empty). 570 texts (478 of them in rounding_edge) would get at least one
value wrong with round-half-away-from-zero of x*10^n.

Reference behaviour worth knowing when porting (all exercised above)
====================================================================

* Lexicon: vader_lexicon.txt has 7,520 lines but 7,506 distinct tokens: 14
  tokens appear twice with different values (':-p', 'd:', 'd=', 'fav',
  'lmao', 'lol', 'muah', 'o.o', 'ok', 'sob', 'x-d', 'x-p', 'xd', 'xp'); the
  LAST line wins (dict assignment). Lookups use item.lower() but the keys are
  NOT lower-cased: 14 keys contain upper-case letters (':D', 'O_o', ':-Þ',
  ...) and can never match as such; ':-Þ' and ':Þ' have no lower-case twin
  (':-þ', ':þ' are not keys), so they score 0 in any case form. Keys with a space ("can't stand", "fed up",
  "screwed up", "( '}{' )") never match a token; '^urs' never matches (its
  token is stripped to 'urs').
* Emoji: the replacement loop looks up each CODE POINT on its own. Only the
  1,212 single-code-point keys can ever be replaced; the 2,358 multi-code-
  point keys (ZWJ, flags, keycaps, VS16 forms...) are never matched as a
  whole, but their parts may be (e.g. a skin-tone modifier U+1F3FB..U+1F3FF is
  itself a key: "light skin tone"; '‼', '©', 'ℹ' are keys). A space is
  inserted before a description only if the previous character was not the
  ASCII space ' ' (a tab or U+00A0 before an emoji still gets a ' '), never
  after it: "😁abc" becomes "beaming face with smiling eyesabc". Descriptions
  can carry '!' ("ON! arrow", "UP! button": they count as exclamation marks)
  and upper-case words ("person gesturing NO": a caps word for the cap
  differential, and "no" for the negation rules).
* Tokens: str.split() (Python whitespace: \\t\\n\\v\\f\\r, U+001C..U+001F, space,
  U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
  U+3000; not U+200B, U+FEFF, U+180E, U+2060), then strip of ASCII
  string.punctuation, undone when the stripped form has <= 2 code points
  ("ok!" stays "ok!" and misses the lexicon, "good!" becomes "good").
* Case: str.isupper() (at least one cased char, no lower-case or title-case
  char; ':D' is upper, ':)' is not, 'ǅ' is not, 'Ⓐ' is) and str.lower() (full
  Unicode mapping, Kelvin sign K -> 'k', 'İ' -> 'i̇', final sigma).
* _but_check uses list.index(value) while rewriting the list: with equal
  values (0 == 0.0 == -0.0 included) the first equal element is rewritten, so
  e.g. [a, but, a/2] becomes [a/4, 0, a/2], not [a/2, 0, 3a/4].
* The "so"/"this" x1.25 rule at distance 3 also fires when the word right
  before the lexicon word is "so" or "this" (whatever precedes it);
  _special_idioms_check (and its "kind of"/"sort of"/"just enough" -0.293,
  added whatever the sign) only runs for i >= 3 when word i-3 is not in the
  lexicon; SENTIMENT_LADEN_IDIOMS are never used (dead code).
* Scores: compound is -0.0 when the summed valence is a tiny negative number
  left by float cancellation (round(-1e-17, 4) == -0.0; 10 generated texts).
  The tie-breaking of round() matters: 0.0625 -> 0.062, 0.3125 -> 0.312.
"""

import ast
import builtins
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from decimal import Decimal, ROUND_FLOOR
from importlib import metadata
from pathlib import Path

import vaderSentiment.vaderSentiment as vs_mod
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
VADER_DATA = DATA_DIR / "sentiment" / "vader"
OUT_DIR = REPO_ROOT / "crates" / "crowdmine-text" / "tests" / "fixtures"
CORPORA = ["tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets"]
EXPECTED_ROWS = {"tweets": 4200, "nytEditorialSnippets": 5190,
                 "movieReviewSnippets": 10605, "amazonReviewSnippets": 3708}
SEED = 20261129
TARGET_TOTAL = 24000
MODULE_FILE = Path(vs_mod.__file__)

# Words with a role in the rules; kept out of the neutral filler list.
RULE_WORDS = {"but", "kind", "of", "least", "at", "very", "no", "or", "nor", "never",
              "so", "this", "without", "doubt", "the", "bomb", "shit", "ass", "bad",
              "bus", "stop", "yeah", "right", "kiss", "death", "to", "die", "for",
              "beating", "heart", "just", "enough", "sort"}
FILLER_CANDIDATES = (
    "a movie day we they it was is that phone car book food today here my our team game "
    "show city train coffee plan story song and then in on with there she he what when "
    "where one two people house road water time place thing week year video music class "
    "room door window table chair paper street store menu price service staff hotel "
    "flight film actor plot scene camera laptop bag shoes app update screen battery "
    "morning evening lunch dinner ticket seat station weekend office email"
).split()

WHITESPACE_PY = [chr(c) for c in range(0x110000) if chr(c).isspace()]
NOT_WHITESPACE = ["\u200b", "\ufeff", "\u180e", "\u2060", "\u00ad"]


# ------------------------------------------------------------ lexicons --

def parse_like_reference(text):
    """The reference's make_lex_dict / make_emoji_dict parsing (last wins)."""
    lex = {}
    for line in text.rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lex[word] = measure
    return lex


def lexicon_lines(text):
    return [line.strip().split("\t")[0] for line in text.rstrip("\n").split("\n") if line]


def sha256_file(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------- README texts --

def readme_lists():
    tree = ast.parse(MODULE_FILE.read_text(encoding="utf-8"))
    main_if = [n for n in tree.body if isinstance(n, ast.If)][-1]
    found = {}
    for node in ast.walk(main_if):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("sentences", "tricky_sentences", "paragraph", "conceptList", "nonEnglish_sentences"):
                try:
                    val = ast.literal_eval(node.value)
                except ValueError:
                    continue
                found.setdefault(name, []).append(val)
    sentences = found["sentences"][0]
    assert len(sentences) == 16 and sentences[0] == "VADER is smart, handsome, and funny.", sentences
    extra = list(found["tricky_sentences"][0])
    para = found["paragraph"][0]
    extra.append(para)
    extra.extend(re.split(r"(?<=[.!])\s+", para))
    for concepts in found["conceptList"]:
        extra.extend(concepts)
    extra.extend(found["nonEnglish_sentences"][0])
    return sentences, extra


# ----------------------------------------------------------- generator --

class Gen:
    def __init__(self, rng, lex, emojis):
        self.rng = rng
        self.lex = lex                      # token -> float (reference dict)
        self.emojis = emojis                # emoji -> description
        special = RULE_WORDS | set(BOOSTER_DICT) | set(NEGATE)
        self.fillers = [w for w in FILLER_CANDIDATES
                        if w not in lex and w not in special and "n't" not in w and w.isalpha()]
        assert len(self.fillers) >= 60, len(self.fillers)
        plain = [k for k in lex if re.fullmatch(r"[a-z]+([-'][a-z]+)*", k)
                 and k not in special and k not in ("no", "kind")]
        self.pos = [k for k in plain if lex[k] > 0]
        self.neg = [k for k in plain if lex[k] < 0]
        self.by_value = {}
        for k in plain:
            self.by_value.setdefault(lex[k], []).append(k)
        self.emoticons = [k for k in lex if not re.fullmatch(r"[a-z]+([-'][a-z]+)*", k)]
        self.emoji_single = [k for k in emojis if len(k) == 1]
        self.emoji_all = list(emojis)
        self.booster_keys = list(BOOSTER_DICT)
        self.negs = list(NEGATE)

    # small helpers
    def f(self, n):
        return [self.rng.choice(self.fillers) for _ in range(n)]

    def word(self, pol):
        return self.rng.choice(self.pos if pol == "pos" else self.neg)

    def case(self, w, form):
        if form == "l":
            return w
        if form == "t":
            return w[:1].upper() + w[1:]
        if form == "u":
            return w.upper()
        if form == "m":   # mixed case, e.g. gOoD
            return "".join(c.upper() if i % 2 else c for i, c in enumerate(w))
        raise ValueError(form)

    def expand(self, pattern, pol):
        """Pattern tokens: F filler, L lexicon word of polarity pol, M word of
        the other polarity, P positive, N negative, E single-code-point emoji,
        O emoticon key, anything else literal. 'F*k' = k fillers."""
        other = "neg" if pol == "pos" else "pos"
        out = []
        for t in pattern.split():
            if t == "F":
                out += self.f(1)
            elif t.startswith("F*"):
                out += self.f(int(t[2:]))
            elif t == "L":
                out.append(self.word(pol))
            elif t == "M":
                out.append(self.word(other))
            elif t == "P":
                out.append(self.word("pos"))
            elif t == "N":
                out.append(self.word("neg"))
            elif t == "E":
                out.append(self.rng.choice(self.emoji_single))
            elif t == "O":
                out.append(self.rng.choice(self.emoticons))
            else:
                out.append(t)
        return out

    def expand_all(self, patterns, reps=1, prefixes=(0, 1, 2, 3)):
        texts = []
        for p in patterns:
            for pol in ("pos", "neg"):
                for _ in range(reps):
                    toks = self.f(self.rng.choice(prefixes)) + self.expand(p, pol)
                    texts.append(" ".join(toks))
        return texts

    # ---- categories ----

    def lexicon(self, keys):
        """Every distinct lexicon token once, in file order."""
        rng = self.rng
        texts = []
        for j, k in enumerate(keys):
            form = ("l", "t", "u", "U")[j % 4]       # U = every word caps
            where = ("alone", "start", "middle", "end")[(j // 4) % 4]
            if where == "alone":
                toks = [k]
            elif where == "start":
                toks = [k] + self.f(rng.randint(1, 3))
            elif where == "middle":
                toks = self.f(rng.randint(1, 3)) + [k] + self.f(rng.randint(1, 2))
            else:
                toks = self.f(rng.randint(1, 4)) + [k]
            if form in ("t", "u"):
                toks = [self.case(t, form) if t == k else t for t in toks]
            elif form == "U":
                toks = [t.upper() for t in toks]
            if toks[-1] != k and toks[-1].upper() != k.upper() and rng.random() < 0.4:
                toks[-1] += rng.choice([".", ",", "!", "?", "..."])
            texts.append(" ".join(toks))
        return texts

    def lexicon_duplicates(self, dups):
        texts = []
        for k in dups:
            texts += [k, k.upper(), f"the {k} day", f"{k} {k}", f"it was {k}!", f"{k} but {k}"]
        return texts

    def boosters(self):
        rng = self.rng
        texts = []
        for bk in self.booster_keys:
            btoks = bk.split()
            for d in (1, 2, 3):
                for caps in (False, True):
                    for pol in ("pos", "neg"):
                        b = [t.upper() for t in btoks] if caps else [
                            self.case(t, rng.choice("llt")) for t in btoks]
                        w = self.word(pol)
                        wform = rng.choice("lu") if caps else rng.choice("llt")
                        toks = (self.f(rng.randrange(4)) + b + self.f(d - 1)
                                + [self.case(w, wform)] + self.f(rng.choice((0, 0, 1, 2))))
                        if caps and rng.random() < 0.25:
                            toks = [t.upper() for t in toks]     # no cap differential
                        if rng.random() < 0.2:
                            toks[-1] += rng.choice(["!", ".", "!!", "?"])
                        texts.append(" ".join(toks))
            # booster with no lexicon word, at the end, doubled, before an emoticon/emoji
            texts.append(" ".join(self.f(rng.randrange(3)) + [bk]))
            texts.append(" ".join([bk] + self.f(2)))
            texts.append(" ".join(self.f(rng.randrange(3)) + [bk, bk, self.word(rng.choice(("pos", "neg")))]))
            texts.append(" ".join(self.f(rng.randrange(3)) + [bk, rng.choice(self.emoticons)]))
            texts.append(" ".join(self.f(rng.randrange(3)) + [bk, rng.choice(self.emoji_single)]))
            texts.append(" ".join([self.word("pos"), bk, self.word("neg")]))
        return texts

    def negations(self):
        rng = self.rng
        extra = ["shouldn't've", "mayn't", "y'all'dn't", "n't", "N'T", "ISN'T", "Don't", "DIDN'T",
                 "couldn't've", "Wouldn't", "NEVER", "Not", "NOT", "not,", "never!", "(not)",
                 "don\u2019t", "isn\u2019t", "dont.", "don t", "nt", "NOR", "Without", "WITHOUT"]
        texts = []
        for nw in self.negs + extra:
            for d in (1, 2, 3):
                for pol in ("pos", "neg"):
                    form = rng.choice("llllltu") if nw in self.negs else "l"
                    toks = (self.f(rng.randrange(4)) + [self.case(nw, form)] + self.f(d - 1)
                            + [self.word(pol)] + self.f(rng.choice((0, 0, 1))))
                    texts.append(" ".join(toks))
            texts.append(" ".join(self.f(rng.randrange(3)) + [nw]))
        patterns = [
            "never so L", "never this L", "never so very L", "never this F L", "never so F L",
            "NEVER SO L", "Never This L", "never L", "never F L", "never F F L", "never really L",
            "so L", "this L", "F so L", "F this L", "F F so L", "F F this L", "F never so F L",
            "so so L", "this so L", "never so", "L so", "not so L", "never so not L",
            "without doubt L", "without a doubt L", "without any doubt, L", "without doubt",
            "Without a doubt, L", "without F doubt L", "WITHOUT DOUBT L", "without L", "without F L",
            "without F F L", "doubt L", "F without doubt L", "without doubt F L",
            "no L", "no F L", "no F F L", "no F F F L", "no L or M", "no L nor M", "no F or L",
            "no F nor L", "no F and L", "no F or F L", "no", "F no", "no F", "no no", "no no L",
            "not no L", "no L L", "NO L", "No L", "NO l", "no! L", "no, L", "no. L", "(no) L",
            "no L!", "L no", "no :)", "no E", "L or no", "no no no", "no L but M", "no doubt L",
            "no never L", "never no L", "no least L", "no kind of L", "no very L", "no not L",
            "nope L", "none L", "nothing L", "nowhere F L", "uh-uh L", "uhuh F F L",
            "isn't L", "isn't F L", "isn't F F L", "F F F isn't F F L", "not L but M", "not L not M",
            "not not L", "never not L", "L not", "F L n't", "despite L", "despite F M",
            "rarely L", "seldom F L", "neither L nor M", "cannot L", "can't L", "cant F L",
        ]
        texts += self.expand_all(patterns, reps=2)
        return texts

    def idioms(self):
        rng = self.rng
        phrases = list(SPECIAL_CASES) + list(SENTIMENT_LADEN_IDIOMS)
        suffixes = ["", "F", "L", "F L", "F F L", "L F", "M", "!", "F F F L"]
        texts = []
        for ph in phrases:
            for pre in range(5):
                for sfx in suffixes:
                    form = rng.choice("lllltuU")
                    p = ph if form in "lU" else " ".join(self.case(t, form) for t in ph.split())
                    toks = self.f(pre) + [p] + self.expand(sfx, rng.choice(("pos", "neg")))
                    if form == "U":
                        toks = [t.upper() for t in toks]
                    texts.append(" ".join(toks))
            # lexicon word at i-3 (check does not run) and other contexts
            for pat in ("L {p}", "L F {p}", "L F F {p}", "{p} L", "{p} F L", "L F F {p} L",
                        "F L F {p} F L", "not {p}", "very {p}", "{p} but L", "L but {p}",
                        "F F F {p} {p}", "{p}!!", "F F F {p}, L", "F F F F {p} {p} L"):
                texts.append(" ".join(self.expand(pat.replace("{p}", "§"), rng.choice(("pos", "neg")))).replace("§", ph))
        # bus stop etc with lexicon word around, and the phrases inside other words
        texts += self.expand_all(["F F bus stop L", "F F F stop bus", "F F F the bomb", "F F F bombs",
                                  "F F F bad ass!!", "F F F badass", "F F F badasses", "F F F kiss of life",
                                  "F F F kiss of death", "F F F death of kiss", "F F to die for L",
                                  "F F F die for", "F F F to die", "F F F beating heart L", "F F F heart beating",
                                  "F F F yeah right", "F F F yeah right!", "F F F yeah, right", "F F F YEAH RIGHT",
                                  "F F F the shit!", "F F F the shitty", "F F F THE SHIT", "the the the shit",
                                  "F F F L the shit", "F F F upper hand", "F F F in the red L", "F F F cut the mustard L"],
                                 reps=1, prefixes=(0, 1))
        return texts

    def least_kind(self):
        patterns = [
            "least L", "at least L", "very least L", "the least L", "F least L", "F at least L",
            "F very least L", "least F L", "at least F L", "least", "at least", "F F least",
            "LEAST L", "At Least L", "at LEAST L", "AT LEAST L", "least least L", "not least L",
            "least of all L", "at the least L", "F F F least L", "F F F at least L", "least, L",
            "at least, L", "at least it isn't a L F", "very very least L", "least L L", "L least",
            "least very L", "least so L", "least this L", "no least L", "least no L",
            "kind of L", "kind L", "kind of", "kind", "KIND OF L", "Kind of L", "kind OF L",
            "kindof L", "kind-of L", "kinda L", "KINDA L", "kind kind of L", "of kind L", "the kind of L",
            "F F kind of L", "F F F kind of L", "kind of F L", "kind of F F L", "kind of kind of L",
            "F kind", "kind F", "kind, of L", "kind of, L", "kind. of L", "kind of not L", "not kind of L",
            "sort of L", "sort L", "F F sort of L", "sort-of L", "sortof L", "sorta L", "SORT OF L",
            "just enough L", "F F just enough L", "just L", "enough L", "just enough", "F F F just enough F L",
            "kind of sort of L", "L kind of", "kind of a L", "so kind", "very kind", "not kind",
            "F F F kind", "F F F kind of", "kind of :)", "kind of E",
        ]
        return self.expand_all(patterns, reps=2)

    def buts(self):
        """Contrastive 'but', with repeated and half/double values (list.index quirk)."""
        rng = self.rng
        vals = sorted(self.by_value)
        halves = [v for v in vals if (v / 2) in self.by_value]
        texts = []
        but_forms = ["but", "but", "but", "BUT", "But", "but,", "BUT!", "but...", "(but)"]
        for n in range(1500):
            kind = n % 6
            if kind == 0:      # same word repeated around buts
                w = self.word(rng.choice(("pos", "neg")))
                toks = []
                for _ in range(rng.randint(2, 6)):
                    r = rng.random()
                    toks.append(w if r < 0.5 else (rng.choice(self.fillers) if r < 0.8 else rng.choice(but_forms)))
            elif kind == 1:    # value v before, v/2 or 2v after (and mirrored)
                v = rng.choice(halves)
                a, b = rng.choice(self.by_value[v]), rng.choice(self.by_value[v / 2])
                order = rng.choice(("ab", "ba", "aab", "abb", "aba", "bab"))
                seq = [a if c == "a" else b for c in order]
                cut = rng.randint(0, len(seq))
                toks = seq[:cut] + [rng.choice(but_forms)] + seq[cut:]
                if rng.random() < 0.5:
                    toks.insert(rng.randint(0, len(toks)), rng.choice(self.fillers))
            elif kind == 2:    # several buts
                toks = []
                for _ in range(rng.randint(3, 9)):
                    r = rng.random()
                    if r < 0.35:
                        toks.append(rng.choice(but_forms))
                    elif r < 0.7:
                        toks.append(self.word(rng.choice(("pos", "neg"))))
                    else:
                        toks.append(rng.choice(self.fillers))
            elif kind == 3:    # zeros and equal values around, boosters/negations
                w = self.word(rng.choice(("pos", "neg")))
                pool = [w, w, "very", "not", rng.choice(self.fillers), rng.choice(self.fillers), "no",
                        self.word(rng.choice(("pos", "neg"))), "but"]
                toks = [rng.choice(pool) for _ in range(rng.randint(3, 8))]
                if "but" not in toks:
                    toks.insert(rng.randint(0, len(toks)), "but")
            elif kind == 4:    # sentence-like
                toks = (self.f(rng.randint(0, 2)) + [self.word(rng.choice(("pos", "neg")))]
                        + [rng.choice(but_forms)] + self.f(rng.randint(0, 2))
                        + [self.word(rng.choice(("pos", "neg")))] + self.f(rng.randint(0, 1)))
            else:              # opposite values and 'but' at the edges
                v = rng.choice([v for v in vals if -v in self.by_value])
                a, b = rng.choice(self.by_value[v]), rng.choice(self.by_value[-v])
                toks = rng.choice(([rng.choice(but_forms), a, b], [a, b, rng.choice(but_forms)],
                                   [a, rng.choice(but_forms), b], [a, b, "but", a, b], ["but"],
                                   [a, "but"], ["but", a]))
            if rng.random() < 0.2:
                toks[-1] += rng.choice(["!", "!!", "?", "."])
            texts.append(" ".join(toks))
        return texts

    def emoticons_punct(self):
        rng = self.rng
        texts = []
        for k in self.emoticons:
            w = self.word(rng.choice(("pos", "neg")))
            f = rng.choice(self.fillers)
            variants = [f"{w}{k}", f"{k}{w}", f"({k})", f"{k}!!", f"{k} {f} {f}", f"{f} {f} {k}",
                        f"{f} {w} {k}", f"{k},{f}", f"'{k}'", f"{k} {k}", f"{f.upper()} {k}"]
            for v in rng.sample(variants, 3):
                texts.append(v)
        # lexicon words wrapped in punctuation; short tokens (stripped <= 2 chars)
        wraps = ["{w}!!", "({w})", "'{w}'", '"{w}"', "{w}...", "...{w}", "#{w}", "@{w}", "{w},",
                 "{w}?!", "*{w}*", "-{w}-", "{w}:)", "{w}.", "{w}!", "{w}?", "{w}'s", "{w}s", "[{w}]",
                 "{w}/", "{w}-", "_{w}_", "~{w}~", "{w}!?!?!", "<{w}>", "'{w}", "{w}'"]
        short = [k for k in self.lex if len(k) <= 3 and re.fullmatch(r"[a-z]+", k)]
        words = short + rng.sample(self.pos, 60) + rng.sample(self.neg, 60)
        for w in words:
            for wr in rng.sample(wraps, 2):
                tok = wr.format(w=w)
                form = rng.choice("llltu")
                tok = self.case(tok, form)
                toks = rng.choice(([tok], self.f(1) + [tok], [tok] + self.f(1), self.f(2) + [tok] + self.f(1)))
                texts.append(" ".join(toks))
        for t in ["a", "a.", "ab.", "(a)", "'ab'", "&", "--", "'tis", "xd!", ":(", "(:", "ok!", "(no)",
                  "no!", "ok", "OK!", "Ok.", "..ok..", "!ok!", "#ok", "ok:)", ":):)", ":):", "):)",
                  ":-)))", ":)))", ":((", "((:", "<3<3", "</3 :(", "<33", ":'(", ":‑)", ":)good",
                  "good:(", "xD", "XD", "x-D", "X-D", ":P", ":p", ":-P", ";P", "=D", "8)", "B)",
                  ":-Þ", ":-þ", ":Þ", ":þ", "( '}{' )", "^urs", "urs", "can't stand", "fed up", "screwed up",
                  "CAN'T STAND it", "i am fed up", "i'm so screwed up!", "(-:O", "(:O", "O.o", "o.O",
                  "O_o", "o_O", "(-:o", "hi5!", "gr8!!", "h8 it", "<3 you", "i <3 u", "sweet<3",
                  "\\o/", "o/\\o", "*\\0/*", "d:", "D:", "d=", "D=", ":d", ":D", "lol", "LOL", "lmao",
                  "LMAO!", "xd", "xp", "XP", "x-p", "muah", "sob", "SOB", "fav", "FAV!", "o.o", "x-d"]:
            texts.append(t)
            texts.append(f"the movie {t} today")
        return texts

    def emoji(self):
        rng = self.rng
        texts = []
        for j, e in enumerate(self.emoji_all):
            w = rng.choice(self.fillers + self.pos[:200] + self.neg[:200])
            f = rng.choice(self.fillers)
            where = j % 9
            if where == 0:
                t = e
            elif where == 1:
                t = f"{e} {f} {w}"
            elif where == 2:
                t = f"{f} {w} {e}"
            elif where == 3:
                t = f"{f} {e} {w}"
            elif where == 4:
                t = f"{w}{e}{f}"
            elif where == 5:
                t = f"{f} {w}{e}"
            elif where == 6:
                t = f"{e}{w} {f}"
            elif where == 7:
                t = f"{e}{rng.choice(self.emoji_all)} {w}"
            else:
                sep = rng.choice(["\t", "\u00a0", "  ", "!", ".", ":)", ""])
                end = rng.choice(["", " ", "!", "\u3000"])
                t = f"{w}{sep}{e}{end}"
            texts.append(t)
        extra = [
            "\u200d", "\ufe0f", "\u20e3", "\U0001f3fb", "\U0001f1fa", "\U0001f1fa\U0001f1f8", "\U0001f1e6\U0001f1e6",
            "\U0001f1fa\U0001f1f8\U0001f1eb\U0001f1f7", "good \U0001f1fa\U0001f1f8!", "1\ufe0f\u20e3", "#\ufe0f\u20e3",
            "*\u20e3", "5\u20e3 stars", "\U0001faE0", "\U0001fae0 melting", "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
            "\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f4\u200d\u2620\ufe0f pirate", "\U0001f44d\U0001f3fd", "\U0001f44d\U0001f3fd\U0001f3fd",
            "good\U0001f44d\U0001f3ffgreat", "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
            "\U0001f3f4\U000e0075\U000e0073\U000e0074\U000e0078\U000e007f", "\u2764", "\u2764\ufe0f", "\u2764\ufe0f\u200d\U0001f525",
            "i \u2764 you", "i\u2764you", "\U0001f60d\U0001f60d\U0001f60d", "\U0001f621\U0001f621 bad", "\U0001f622 but \U0001f600",
            "\U0001f600 but \U0001f622", "not \U0001f600", "very \U0001f600", "\U0001f600!!!", "\U0001f600???", "\u203c", "\u2049",
            "good \u203c", "bad \u2049", "\U0001f51b", "good \U0001f51b", "\U0001f199 great", "\U0001f51b\U0001f51b\U0001f51b\U0001f51b\U0001f51b good",
            "\U0001f645", "good \U0001f645", "\U0001f645 good", "the \U0001f645 great idea", "GOOD \U0001f645", "\U0001f645\U0001f645",
            "\u00a9 2024", "\u00ae", "\u2122 brand", "\u2139 info", "\U0001f600\t\U0001f600", "\U0001f600\u00a0\U0001f600",
            "\U0001f600 \U0001f600", " \U0001f600 ", "\t\U0001f600\t", "\U0001f600\n\U0001f600", "a\U0001f600", "\U0001f600a",
            "\U0001f600\U0001f600", ":)\U0001f600", "\U0001f600:)", "\U0001f600.", ".\U0001f600", "#\U0001f600", "@\U0001f600",
            "\U0001f600" * 12, "\U0001f621" * 8 + " but " + "\U0001f600" * 3, "\u263a", "\u263a\ufe0f", "\u2639\ufe0f sad",
            "\u2611\ufe0f done", "\u2615 coffee", "\U0001f9d1\u200d\U0001f4bb coding", "\U0001f468\U0001f3fe\u200d\U0001f9b3",
            "\u00e9\U0001f600\u00e9", "\u4f60\u597d\U0001f600\u4e16\u754c", "\u041f\u0440\u0438\u0432\u0435\u0442\U0001f600",
        ]
        return texts + extra

    def punctuation(self):
        rng = self.rng
        texts = []
        contexts = [("pos", "F L"), ("neg", "F L"), ("pos", "L"), ("pos", "F F")]
        for e in range(6):
            for q in range(6):
                for pol, pat in contexts:
                    toks = self.expand(pat, pol)
                    marks = "!" * e + "?" * q
                    if rng.random() < 0.5:
                        marks = "".join(rng.sample(marks, len(marks)))
                    if marks:
                        if rng.random() < 0.5:
                            toks[-1] += marks
                        else:
                            toks.append(marks)
                    texts.append(" ".join(toks))
        for _ in range(250):
            toks = self.expand(rng.choice(["L", "F L", "L F", "L M", "F F", "L but M", "not L"]),
                               rng.choice(("pos", "neg")))
            n = rng.randint(1, 4)
            for _ in range(n):
                marks = "".join(rng.choice("!?") for _ in range(rng.randint(1, 4)))
                pos = rng.randrange(len(toks) + 1)
                if rng.random() < 0.5 or pos == len(toks):
                    toks.insert(pos, marks)
                else:
                    toks[pos] = marks + toks[pos] if rng.random() < 0.5 else toks[pos] + marks
            texts.append(" ".join(toks))
        texts += ["!", "?", "!!", "??", "!!!", "???", "!!!!", "????", "!!!!!", "?????", "!?", "?!", "!?!?!?",
                  "good!", "good?", "good??", "good???", "good????", "good !", "good ? ?", "go!od", "g?o?o?d",
                  "bad!!!!!", "bad?????", "bad!?!?!?!?", "the day!!!", "the day???", "!good", "?bad"]
        return texts

    def unicode_ws(self):
        rng = self.rng
        texts = ["", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\x1c", "\x1f", "\u0085", "\u200b",
                 "\ufeff", " \t\n ", "\u2028\u2029", ".", "...", "!@#$%^&*()", "'", "''", '"', "(((", ")))",
                 "-", "--", "---", "_", "~", "`", "|", "\\", "/", ":", ";", "[]", "{}", "<>", "…", "—", "“”",
                 "\x00", "good\x00bad", "\x07good", "a", "I", "i", "GOOD", "Good", "good", "gOOd", "GooD",
                 "GOOD!!!", "gOod mOvie", "GOOD MOVIE", "GOOD movie", "good MOVIE", "GOOD 123", "GOOD :)",
                 "GOOD :D", "GOOD :d", "GOOD ǅ", "ǅ GOOD", "ǅAMN good", "I LOVE it", "I love it", "I LOVE IT",
                 "i LOVE it", "LOVE", "LOVE LOVE", "LOVE love", "Love LOVE", "LOVE!!! it", "LOVE 😁",
                 "NOT GOOD", "NOT good", "not GOOD", "VERY GOOD", "VERY good", "very GOOD", "BUT GOOD",
                 "BAD BUT GOOD", "bad BUT good", "KIND OF GOOD", "AT LEAST GOOD", "NO GOOD", "NO good",
                 "no GOOD", "Ⓐ GOOD", "ⓐ GOOD", "ª GOOD", "Ⅷ GOOD", "ⅷ GOOD", "ẞ GOOD", "ß GOOD",
                 "STRASSE GOOD", "straße good", "GROSS good", "ΣΑΣ GOOD", "ΟΔΟΣ good", "Σ good", "σ GOOD",
                 "ΑΣ'Α GOOD", "Σ. GOOD", "İYİ GOOD", "İ good", "İ GOOD", "iyi GOOD", "ı GOOD",
                 "O\u212a", "o\u212a", "O\u212a good", "the day is O\u212a", "\u212aILL them", "\u212aill",
                 "LI\u212aE it", "li\u212ae", "\u212aind of good", "\u212aIND OF GOOD", "\u212aind", "the \u212aiss of death",
                 "\u212bngstrom", "ﬁne", "ﬁne day", "FINE day", "ﬀ good", "ŉ good", "ǰ GOOD",
                 "café très bon good", "naïve but good", "CAFÉ GOOD", "Café good", "crème brûlée is great",
                 "ΚΑΛΗΜΕΡΑ GOOD morning", "καλημέρα good", "Привет GOOD", "ПРИВЕТ good", "привет хорошо",
                 "我很好good", "今日はいい天気です", "今日はgoodです", "좋아요 good", "جيد جدا good", "טוב מאוד good",
                 "अच्छा good", "ดีมากgood", "ＧＯＯＤ", "ＧＯＯＤ day", "ｇｏｏｄ", "𝐆𝐎𝐎𝐃 day", "𝐠𝐨𝐨𝐝",
                 "goöd", "goo\u0308d", "good\u0301", "G\u0301OOD day", "good\u200bday", "good\u200b", "\u200bgood",
                 "good\ufeffday", "\ufeffgood", "good\u00adday", "g00d", "100", "3.5", "1,000", "-5", "+1", "24/7",
                 "2nd", "100% good", "5 stars", "0 stars", "10/10 great", "1/10 bad", "$100", "#1",
                 "http://good.com", "https://t.co/abc!!", "www.bad.com", "http://example.com/good?x=1&y=2 great",
                 "url_removed good", "@good", "@anonymous good", "@anonymous: bad", "#love", "#LOVE", "#sad!",
                 "#good #bad", "good@bad.com", "RT @user: great!", "@user_123 thanks!!", "#NotGood",
                 "it's good", "It's GOOD", "i'm sad", "I'M SAD", "don't", "isn't", "n't", "good-bad",
                 "good/bad", "good,bad", "good.bad", "good_bad", "self-esteem", "SELF-ESTEEM day",
                 ]
        seps = WHITESPACE_PY + NOT_WHITESPACE
        for W in seps:
            texts += [f"good{W}movie", f"{W}good", f"good{W}", f"{W}", f"{W}{W}", f"not{W}good",
                      f"very{W}bad{W}!!", f"\U0001f601{W}\U0001f601", f"good{W}\U0001f601", f"{W}\U0001f601{W}",
                      f"GOOD{W}movie", f"kind{W}of good", f"good{W}but{W}bad", f"at{W}least good", f"ok{W}!"]
        # random texts with exotic separators and scripts
        scripts = ["é", "ñ", "ü", "ø", "ç", "Σ", "σ", "ς", "İ", "ı", "ß", "ẞ", "ǅ", "ǆ", "Ǆ", "Ж", "ж",
                   "漢", "字", "ー", "あ", "ア", "한", "ع", "א", "क", "ก", "Ⓐ", "ⓐ", "\u212a", "\u0301", "\u0308"]
        for _ in range(400):
            toks = self.expand(" ".join(rng.choice("FFLLPNE") for _ in range(rng.randint(1, 6))),
                               rng.choice(("pos", "neg")))
            out = []
            for t in toks:
                r = rng.random()
                if r < 0.15:
                    t = t.upper()
                elif r < 0.25:
                    t = self.case(t, "t")
                elif r < 0.3:
                    t = self.case(t, "m")
                if rng.random() < 0.3:
                    c = rng.choice(scripts)
                    t = rng.choice((c + t, t + c, t[:len(t) // 2] + c + t[len(t) // 2:]))
                out.append(t)
            s = ""
            for t in out:
                s += (rng.choice(seps) if rng.random() < 0.4 else " ") + t
            s = s[1:]
            if rng.random() < 0.3:
                s = rng.choice(seps) + s
            if rng.random() < 0.3:
                s = s + rng.choice(seps)
            texts.append(s)
        return texts

    def random_mix(self, n):
        rng = self.rng
        special = ["but", "least", "at", "very", "kind", "of", "no", "or", "nor", "never", "so",
                   "this", "without", "doubt", "the", "bomb", "shit", "bad", "ass", "yeah", "right",
                   "kiss", "death", "to", "die", "for", "sort", "just", "enough"]
        punct = ["!", "?", "!!", "...", "-", "?!", ",", "."]
        texts = []
        for _ in range(n):
            toks = []
            for _ in range(rng.randint(1, 10)):
                r = rng.random()
                if r < 0.36:
                    t = rng.choice(self.fillers)
                elif r < 0.60:
                    t = self.word(rng.choice(("pos", "neg")))
                elif r < 0.68:
                    t = rng.choice(self.booster_keys)
                elif r < 0.75:
                    t = rng.choice(self.negs)
                elif r < 0.88:
                    t = rng.choice(special)
                elif r < 0.91:
                    t = rng.choice(self.emoticons)
                elif r < 0.94:
                    t = rng.choice(self.emoji_single if rng.random() < 0.7 else self.emoji_all)
                else:
                    t = rng.choice(punct)
                r = rng.random()
                if r < 0.08:
                    t = t.upper()
                elif r < 0.13:
                    t = self.case(t, "t")
                if rng.random() < 0.1:
                    t += rng.choice(punct)
                elif rng.random() < 0.03:
                    t = rng.choice("(\"'#") + t + rng.choice(")\"'")
                toks.append(t)
            if rng.random() < 0.05:
                toks = [t.upper() for t in toks]
            s = toks[0]
            for t in toks[1:]:
                s += ("" if rng.random() < 0.03 else " ") + t
            texts.append(s)
        return texts


# ------------------------------------------------------- rounding search --

def rounding_edges(an, texts, want):
    """Texts whose unrounded neg/neu/pos/compound lie within 1e-6 (in units of
    the last kept digit) of a rounding tie, or whose compound rounds to -0.0."""
    captured = []

    def recording_round(x, n):
        captured.append((x, n))
        return builtins.round(x, n)

    vs_mod.round = recording_round
    try:
        picked = []
        half = Decimal("0.5")
        eps = Decimal("1e-6")
        for t in texts:
            captured.clear()
            res = an.polarity_scores(t)
            edge = False
            for x, n in captured:
                d = Decimal(x).scaleb(n)
                frac = d - d.to_integral_value(rounding=ROUND_FLOOR)
                if abs(frac - half) < eps:
                    edge = True
            if res["compound"] == 0 and math.copysign(1.0, res["compound"]) < 0:
                edge = True
            if edge:
                picked.append(t)
                if len(picked) >= want:
                    break
    finally:
        del vs_mod.round
    return picked


def rounding_pool(gen, n):
    rng = gen.rng
    out = []
    for _ in range(n):
        k = rng.randint(1, 4)
        toks = []
        for _ in range(k):
            r = rng.random()
            if r < 0.45:
                toks.append(gen.word(rng.choice(("pos", "neg"))))
            elif r < 0.7:
                toks.append(rng.choice(gen.fillers))
            elif r < 0.8:
                toks.append(rng.choice(("not", "very", "but", "no", "kind of", "never so", "least")))
            else:
                toks.append(rng.choice(gen.fillers) + rng.choice(("!", "!!", "??", "?", "!!!")))
        out.append(" ".join(toks))
    return out


# ------------------------------------------------------------- helpers --

def check_floats(res, nonfloat):
    for k in ("neg", "neu", "pos", "compound"):
        if type(res[k]) is not float:
            nonfloat.append((k, type(res[k]).__name__))


def read_corpus(path):
    data = path.read_bytes().decode("utf-8")
    rows = []
    pieces = data.split("\n")
    for ln, line in enumerate(pieces, 1):
        if line.endswith("\r"):
            line = line[:-1]
        if ln == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line:
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            raise SystemExit(f"{path.name}:{ln}: {len(parts)} fields")
        if "\t" in parts[2] or "\r" in parts[2]:
            raise SystemExit(f"{path.name}:{ln}: tab or CR inside the text")
        rows.append((ln, parts[0], parts[1], parts[2]))
    return rows


def pearson(xs, ys):
    n = len(xs)
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


# ---------------------------------------------------------------- main --

def main():
    t0 = time.time()
    version = metadata.version("vaderSentiment")
    assert version == "3.3.2", version
    pyver = "%d.%d.%d" % sys.version_info[:3]
    an = SentimentIntensityAnalyzer()

    # lexicons: installed copy vs shared-data copy (same parsed content)
    lex_file = MODULE_FILE.parent / "vader_lexicon.txt"
    emo_file = MODULE_FILE.parent / "emoji_utf8_lexicon.txt"
    for name, inst in (("vader_lexicon.txt", lex_file), ("emoji_utf8_lexicon.txt", emo_file)):
        a = parse_like_reference(inst.read_bytes().decode("utf-8"))
        b = parse_like_reference((VADER_DATA / name).read_bytes().decode("utf-8"))
        assert a == b, name
    lex_text = lex_file.read_bytes().decode("utf-8")
    lines = lexicon_lines(lex_text)
    keys = list(dict.fromkeys(lines))
    assert len(lines) == 7520 and len(keys) == len(an.lexicon) == 7506, (len(lines), len(keys))
    dups = [k for k in keys if lines.count(k) > 1]

    # ---- (a) corpora
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    nonfloat = []
    tsv = ["corpus\tline\tid\tmean\tneg\tneu\tpos\tcompound"]
    pear = {}
    for c in CORPORA:
        rows = read_corpus(VADER_DATA / f"{c}_GroundTruth.txt")
        assert len(rows) == EXPECTED_ROWS[c], (c, len(rows))
        assert len({r[1] for r in rows}) == len(rows), c
        comp, means = [], []
        for ln, id_, mean, text in rows:
            res = an.polarity_scores(text)
            check_floats(res, nonfloat)
            tsv.append("\t".join([c, str(ln), id_, mean] + [repr(res[k]) for k in ("neg", "neu", "pos", "compound")]))
            comp.append(res["compound"])
            means.append(float(mean))
        pear[c] = {"n": len(rows), "pearson_r": pearson(comp, means)}
    (OUT_DIR / "vader_corpora.tsv").write_bytes(("\n".join(tsv) + "\n").encode("utf-8"))
    (OUT_DIR / "vader_pearson.json").write_bytes((json.dumps({
        "meta": {"purpose": "Pearson r between vaderSentiment 3.3.2 compound and the human mean rating "
                            "of each VADER ground-truth corpus (informational; rows in vader_corpora.tsv)",
                 "generator": "tools/vader_expected.py", "vaderSentiment": version, "python": pyver},
        "corpora": pear}, indent=2) + "\n").encode("utf-8"))

    # ---- (b) generated
    rng = random.Random(SEED)
    gen = Gen(rng, an.lexicon, an.emojis)
    readme, readme_extra = readme_lists()
    cats = [
        ("readme", "the 16 example sentences of vaderSentiment.py's __main__ block, in order", readme),
        ("readme_extra", "the other __main__ examples: tricky sentences, the paragraph (whole and split on "
                         "sentence ends), the image-tag concepts, the non-English sentences", readme_extra),
        ("lexicon", "every distinct token of vader_lexicon.txt once, in file order; forms cycle lower/Title/"
                    "CAPS among lower-case words/every word CAPS, positions alone/start/middle/end", gen.lexicon(keys)),
        ("lexicon_duplicates", "the 14 tokens listed twice in vader_lexicon.txt (last value wins)",
         gen.lexicon_duplicates(dups)),
        ("boosters", "every BOOSTER_DICT key (multi-word ones too) at distance 1, 2, 3 before a positive and a "
                     "negative word, lower/Title and CAPS (with and without cap differential); plus alone, "
                     "doubled, before emoticons/emoji", gen.boosters()),
        ("negations", "every NEGATE word and other n't words at distance 1, 2, 3; never so/this, without doubt, "
                      "'no' rules (adjacent, distance 2, 'no X or/nor Y', standalone)", gen.negations()),
        ("idioms", "every SPECIAL_CASES and SENTIMENT_LADEN_IDIOMS phrase after 0..4 fillers with 9 suffixes "
                   "(idioms check runs / does not run), with lexicon words at i-3, caps forms", gen.idioms()),
        ("least_kind", "'least' with/without 'at'/'very'; 'kind of', 'kind', 'sort of', 'just enough' and the "
                       "one-word variants", gen.least_kind()),
        ("but", "'but'/'BUT'/'But' (also with punctuation) at various positions, several buts, repeated equal "
                "values, v and v/2 around 'but' (list.index quirk), opposite values", gen.buts()),
        ("emoticons_punct", "every non-word lexicon token (emoticons, 'gr8', ...) attached to words, wrapped, "
                            "standalone; lexicon words wrapped in punctuation; tokens stripped to <= 2 chars",
         gen.emoticons_punct()),
        ("emoji", "every key of emoji_utf8_lexicon.txt (single and multi code point) alone, at start/middle/end, "
                  "attached to words on one or both sides, after tab/NBSP; plus non-lexicon sequences "
                  "(flags, keycaps, ZWJ, lone ZWJ/VS16/modifiers, tag sequences)", gen.emoji()),
        ("punctuation", "0..5 '!' x 0..5 '?' attached and standalone, shuffled mixes, marks inside words",
         gen.punctuation()),
        ("unicode_ws", "case forms, non-ASCII scripts, isupper/lower edge cases (titlecase, Kelvin sign, "
                       "final sigma, dotted I, sharp s), every Python whitespace char and non-whitespace "
                       "look-alikes as separators and padding, empty/whitespace-only/punctuation-only texts, "
                       "numbers, URLs, mentions, hashtags", gen.unicode_ws()),
    ]
    seen = set()
    ordered = []          # (category, text)
    for name, _, texts in cats:
        n = 0
        for t in texts:
            if t in seen:
                continue
            seen.add(t)
            ordered.append((name, t))
            n += 1
    # lexicon tokens not yet present verbatim (their text used another case form)
    blob0 = "\n".join(t for _, t in ordered)
    missing = [k for k in keys if k not in blob0]
    n = 0
    for j, k in enumerate(missing):
        t = " ".join((gen.f(rng.randint(0, 2)) + [k] + gen.f(rng.randint(0, 2))) if j % 3 else [k])
        if t not in seen:
            seen.add(t)
            ordered.append(("lexicon_exact", t))
            n += 1
    cats.append(("lexicon_exact", "lexicon tokens that did not yet appear verbatim (lower case) in an earlier "
                                  "category, alone or among 0..2 fillers each side", None))
    # rounding edge cases, picked from a random pool
    pool = [t for t in rounding_pool(gen, 60000) if t not in seen]
    edges = rounding_edges(an, pool, 800)
    n = 0
    for t in edges:
        if t not in seen:
            seen.add(t)
            ordered.append(("rounding_edge", t))
            n += 1
    cats.append(("rounding_edge", "short random texts whose unrounded neg/neu/pos/compound is within 1e-6 "
                                  "(in units of the last kept digit) of a rounding tie, or compound -0.0; "
                                  "picked from 60,000 candidates", None))
    # random mixes up to the target
    n = 0
    while len(ordered) < TARGET_TOTAL:
        for t in gen.random_mix(TARGET_TOTAL - len(ordered)):
            if t not in seen:
                seen.add(t)
                ordered.append(("random_mix", t))
                n += 1
    cats.append(("random_mix", "random 1-10 token texts mixing all of the above (fillers, lexicon words, "
                               "boosters, negations, rule words, emoticons, emoji, punctuation, caps)", None))

    # scores (pristine reference)
    an = SentimentIntensityAnalyzer()
    out_lines = []
    failed = []
    neg_zero = 0
    kept_counts = {}
    kept = []
    for name, t in ordered:
        try:
            res = an.polarity_scores(t)
        except Exception as exc:   # noqa: BLE001 - record and drop
            failed.append({"category": name, "text": t, "exception": f"{type(exc).__name__}: {exc}"})
            continue
        check_floats(res, nonfloat)
        if res["compound"] == 0 and math.copysign(1.0, res["compound"]) < 0:
            neg_zero += 1
        kept.append((name, t))
        kept_counts[name] = kept_counts.get(name, 0) + 1
        out_lines.append(json.dumps({"text": t, "neg": res["neg"], "neu": res["neu"], "pos": res["pos"],
                                     "compound": res["compound"]}, ensure_ascii=False))
    cat_meta = []
    first = 0
    for name, desc, _ in cats:
        c = kept_counts.get(name, 0)
        cat_meta.append({"name": name, "first": first, "count": c, "description": desc})
        first += c
    assert [c for c, _ in kept] == [c for m in cat_meta for c in [m["name"]] * m["count"]]

    blob = "\n".join(t for _, t in kept)
    emoji_cov = [e for e in an.emojis if e in blob]
    emoji_single_cov = [e for e in emoji_cov if len(e) == 1]
    lex_cov = [k for k in keys if k in blob]
    assert len(lex_cov) == len(keys), [k for k in keys if k not in blob]
    assert len(emoji_cov) >= 1000
    meta = {
        "purpose": "Reference scores of vaderSentiment 3.3.2 SentimentIntensityAnalyzer().polarity_scores(text) "
                   "on generated texts exercising every rule; the Rust port must match neg, neu, pos, compound "
                   "exactly. One JSON object per following line; text index = 0-based line index after this one.",
        "generator": "tools/vader_expected.py",
        "command": "bench/.venv/bin/python tools/vader_expected.py",
        "versions": {"vaderSentiment": version, "python": pyver},
        "lexicon_sha256": {"vader_lexicon.txt": sha256_file(lex_file),
                           "emoji_utf8_lexicon.txt": sha256_file(emo_file)},
        "lexicon_note": "the installed lexicon files have CRLF line endings; <data>/sentiment/vader/ has the same "
                        "content with LF endings (asserted by the script)",
        "seed": SEED,
        "n_texts": len(kept),
        "categories": cat_meta,
        "checks": {
            "distinct_lexicon_tokens_present": len(lex_cov),
            "distinct_emoji_keys_present": len(emoji_cov),
            "distinct_single_code_point_emoji_keys_present": len(emoji_single_cov),
            "non_float_values_returned": len(nonfloat),
            "compound_negative_zero": neg_zero,
        },
        "dropped_inputs": failed,
    }
    with open(OUT_DIR / "vader_generated.jsonl", "wb") as fh:
        fh.write((json.dumps({"meta": meta}, ensure_ascii=False) + "\n").encode("utf-8"))
        fh.write(("\n".join(out_lines) + "\n").encode("utf-8"))

    dt = time.time() - t0
    print("corpora:", {c: pear[c]["n"] for c in CORPORA}, "pearson:",
          {c: round(pear[c]["pearson_r"], 4) for c in CORPORA})
    print("generated texts:", len(kept))
    for m in cat_meta:
        print(f"  {m['name']:<20} {m['count']:>6}  (first {m['first']})")
    print("distinct emoji keys present:", len(emoji_cov), "single code point:", len(emoji_single_cov))
    print("lexicon tokens present:", len(lex_cov), "non-float values:", len(nonfloat),
          "compound -0.0:", neg_zero, "dropped (exceptions):", len(failed))
    for f in ("vader_corpora.tsv", "vader_generated.jsonl", "vader_pearson.json"):
        p = OUT_DIR / f
        print(f"{p.relative_to(REPO_ROOT)}: {p.stat().st_size} bytes, sha256 {sha256_file(p)}")
    print(f"run time: {dt:.1f} s")


if __name__ == "__main__":
    main()
