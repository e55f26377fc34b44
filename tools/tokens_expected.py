#!/usr/bin/env python3
r"""Reference tweet tokenization (NLTK TweetTokenizer) and emoji sequence table
(Python package emoji) for the Rust tokenizer in crates/crowdmine-text.

Command line (from the repo root, no options):

    bench/.venv/bin/python tools/tokens_expected.py

`bench/.venv` is the git-ignored virtualenv (Python 3.11.7) with nltk 3.10.4
(it pulled regex 2026.11.19) and emoji 2.16.0, from `bench/.venv/bin/pip
install nltk emoji`; versions are written into both files. Run time: about
5 s wall on 2 cores (3.5 s of it importing nltk). Two runs give byte-identical
files (checked with sha256sum); the run time is printed only. Data folder: env
var CROWDMINE_DATA, default `<repo root>/../shared/data` (repo root = parent
of this script's folder). Written: only relative file names, line numbers,
JSON pointers, lengths and offsets; never a path of this machine nor any post
text (real users' data). Both outputs go to crates/crowdmine-text/tests/fixtures/.

tweet_tokens.jsonl
------------------
Inputs: every *.json / *.jsonl file under <data>/social-posts/twitter-v1.1/
and .../twitter-v2/ (recursive), sorted by posix path relative to <data>,
strict UTF-8. A .jsonl file is split on "\n" only (not on U+2028 etc.); each
non-whitespace-only line is a document, `line` = 1-based physical line. A
.json file is one document, line 1. Unparsable documents are skipped and
counted. Documents are walked in document order (dict keys in file order,
list items in order); strings are yielded at their own position in the walk.
A "post object" is a dict with a key "id" or "id_str" and a str under
"full_text" or "text" (full_text preferred): that string is yielded, and so
is the str at "note_tweet"/"text" if present. Pointers are RFC 6901 ("~" ->
"~0", "/" -> "~1"). Texts are deduplicated by exact content (first kept);
empty strings are skipped.

Reference: TweetTokenizer(preserve_case=True, reduce_len=False,
strip_handles=False), match_phone_numbers=True (default). nltk 3.10.4's
tokenize does (1) `_replace_html_entities` (ENT_RE `&(#?(x?))([^&;\s]+);`:
named/decimal/hex entity -> one char, 0x80-0x9F via cp1252, unknown or
illegal entities REMOVED), (2) HANG_RE `([^\p{L}\p{N}])\1{3,}` -> `\1\1\1`
(4+ repeats of a non-letter, non-number char, emoji included, become 3),
(3) PHONE_WORD_RE.findall. The script redoes (1) and (2) with nltk's own
compiled patterns, keeping for each transformed char the ORIGINAL range it
came from (an entity's char covers the whole entity; of a shortened run the
third kept char covers the rest of the run), and asserts: transformed text ==
nltk's; each token found by str.find from the previous token's end, at the
PHONE_WORD_RE match position; tokens == tokenize(text); spans non-empty,
increasing, non-overlapping. Span = [original start of the first char,
original end of the last char) in Unicode CODE POINTS. Line 1 is
`{"meta": {...}}` (versions, counts, inputs with sha256), then one compact
object per text: {"file", "line", "pointer", "chars" (code points of the
text), "spans": [[0,5],[6,10],...]}; "\n" line endings.
This data: 48 files, 251 documents (+1 unparsable line in
twitter-v2/twarc-csv/streaming_output_with_error.jsonl), 1,584 texts, 39,409
tokens; 66 texts changed by entities, 39 by HANG_RE, 297 with non-BMP chars
(UTF-16 offsets differ), no lone surrogate, no full_text/note_tweet.
Porting notes: regex's \w includes marks and Join_Control (U+FE0F, U+20E3,
U+200D), so "1<FE0F><20E3>" is one token but a U+FE0F after a non-word emoji
is a token of its own (134 here); a phone number may contain spaces.

emoji_sequences.tsv
-------------------
Every key of emoji.EMOJI_DATA sorted by code points, one per line:
`<code points, upper-case hex, single spaces><TAB><status><TAB><E>`; status =
the emoji.STATUS name of the stored int (component / fully_qualified /
minimally_qualified / unqualified), E = the stored emoji version with str()
("4", "0.6", "13.1"). Two "#" header lines (version and command; columns).
emoji 2.16.0: 5,244 sequences: component 9, fully_qualified 3,963,
minimally_qualified 1,029, unqualified 243; with U+200D 2,667, a skin tone
2,920, regional indicators 259, tag chars 3, U+20E3 24.
"""

import hashlib
import json
import os
import platform
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

import emoji
from nltk.tokenize.casual import ENT_RE, HANG_RE, TweetTokenizer, _replace_html_entities

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
INPUT_DIRS = ["social-posts/twitter-v1.1", "social-posts/twitter-v2"]
OUT_DIR = REPO_ROOT / "crates" / "crowdmine-text" / "tests" / "fixtures"
COMMAND = "bench/.venv/bin/python tools/tokens_expected.py"
TOKENIZER = TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False)


# ------------------------------------------------------------ inputs --

def documents(counts):
    """Yield (relative path, 1-based line, parsed document) in file order."""
    files = sorted((p.relative_to(DATA_DIR).as_posix(), p) for d in INPUT_DIRS
                   for p in (DATA_DIR / d).rglob("*")
                   if p.is_file() and p.suffix in (".json", ".jsonl"))
    for rel, path in files:
        raw = path.read_bytes()
        counts["inputs"].append([rel, hashlib.sha256(raw).hexdigest()])
        text = raw.decode("utf-8")
        lines = enumerate(text.split("\n"), 1) if path.suffix == ".jsonl" else [(1, text)]
        for lineno, line in lines:
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except ValueError:
                counts["unparsable"] += 1
                continue
            counts["documents"] += 1
            yield rel, lineno, doc


def post_texts(node, pointer=""):
    """Yield (pointer, string) of post texts, each at its position in the walk."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from post_texts(item, f"{pointer}/{i}")
        return
    if not isinstance(node, dict):
        return
    text_key = None
    if "id" in node or "id_str" in node:
        text_key = next((k for k in ("full_text", "text") if isinstance(node.get(k), str)), None)
    for key, value in node.items():
        child = pointer + "/" + key.replace("~", "~0").replace("/", "~1")  # RFC 6901
        if text_key is not None and key == text_key:
            yield child, value
        elif (text_key is not None and key == "note_tweet" and isinstance(value, dict)
              and isinstance(value.get("text"), str)):
            yield f"{child}/text", value["text"]
        yield from post_texts(value, child)


# ------------------------------------------------------- tokenization --

def transform_with_map(text):
    """nltk's pre-tokenization transforms, with an original [start, end) per char."""
    # (1) HTML entities: each replacement char maps to the whole entity.
    chars, spans, pos = [], [], 0
    for m in ENT_RE.finditer(text):
        chars.extend(text[pos:m.start()])
        spans.extend((i, i + 1) for i in range(pos, m.start()))
        for ch in _replace_html_entities(m.group(0)):  # same entity, converted alone
            chars.append(ch)
            spans.append(m.span())
        pos = m.end()
    chars.extend(text[pos:])
    spans.extend((i, i + 1) for i in range(pos, len(text)))
    step1 = "".join(chars)
    assert step1 == _replace_html_entities(text)  # what nltk's tokenize computes
    # (2) HANG_RE: a run of 4+ becomes 3 chars; the third covers the rest of the run.
    chars, spans2, pos = [], [], 0
    for m in HANG_RE.finditer(step1):
        s, e = m.span()
        chars.extend(step1[pos:s])
        spans2.extend(spans[pos:s])
        chars.extend(m.group(1) * 3)
        spans2.extend([spans[s], spans[s + 1], (spans[s + 2][0], spans[e - 1][1])])
        pos = e
    chars.extend(step1[pos:])
    spans2.extend(spans[pos:])
    safe = "".join(chars)
    assert safe == HANG_RE.sub(r"\1\1\1", step1)
    assert len(spans2) == len(safe)
    return step1, safe, spans2


def token_spans(text, stats):
    step1, safe, cmap = transform_with_map(text)
    stats["texts_changed_by_html_entities"] += step1 != text
    stats["texts_changed_by_hang_re"] += safe != step1
    tokens = TOKENIZER.tokenize(text)
    matches = [m.span() for m in TOKENIZER.PHONE_WORD_RE.finditer(safe)]
    assert len(matches) == len(tokens)
    out, pos, prev_end = [], 0, 0
    for tok, (ms, me) in zip(tokens, matches):
        start = safe.find(tok, pos)
        assert start >= 0 and tok, (tok, pos)
        assert (start, start + len(tok)) == (ms, me)
        pos = start + len(tok)
        span = [cmap[start][0], cmap[pos - 1][1]]
        assert prev_end <= span[0] < span[1] <= len(text)
        prev_end = span[1]
        out.append(span)
    return out


def write_tokens():
    counts = {"inputs": [], "documents": 0, "unparsable": 0}
    stats = Counter()
    seen, rows = set(), []
    for rel, lineno, doc in documents(counts):
        for pointer, text in post_texts(doc):
            if not text or text in seen:
                continue
            seen.add(text)
            spans = token_spans(text, stats)
            stats["tokens"] += len(spans)
            stats["texts_with_non_bmp_chars"] += any(ord(c) > 0xFFFF for c in text)
            stats["texts_with_lone_surrogates"] += any(0xD800 <= ord(c) <= 0xDFFF for c in text)
            rows.append({"file": rel, "line": lineno, "pointer": pointer,
                         "chars": len(text), "spans": spans})
    meta = {
        "purpose": "Reference token spans of NLTK TweetTokenizer on the texts of the shared X samples: "
                   "[start, end) Unicode code point offsets into the original text; see the generator.",
        "generator": "tools/tokens_expected.py",
        "command": COMMAND,
        "versions": {"nltk": metadata.version("nltk"), "regex": metadata.version("regex"),
                     "python": platform.python_version()},
        "tokenizer": "TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False, "
                     "match_phone_numbers=True)",
        "files": len(counts["inputs"]), "documents": counts["documents"],
        "unparsable_documents": counts["unparsable"], "texts": len(rows),
        **{k: stats[k] for k in ("tokens", "texts_changed_by_html_entities", "texts_changed_by_hang_re",
                                 "texts_with_non_bmp_chars", "texts_with_lone_surrogates")},
        "inputs": counts["inputs"],
    }
    lines = [json.dumps({"meta": meta}, ensure_ascii=False)]
    lines += [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    path = OUT_DIR / "tweet_tokens.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    print(", ".join(f"{k}: {v}" for k, v in meta.items() if isinstance(v, int)))
    return path


# --------------------------------------------------------------- emoji --

def write_emoji():
    names = {v: k for k, v in emoji.STATUS.items()}
    assert len(names) == len(emoji.STATUS)
    keys = sorted(emoji.EMOJI_DATA, key=lambda s: [ord(c) for c in s])
    lines = [f"# emoji {metadata.version('emoji')} EMOJI_DATA, generated by: {COMMAND}",
             "# code_points\tstatus\tE"]
    status_count, feature_count = Counter(), Counter()
    features = {"U+200D (ZWJ)": (0x200D, 0x200D), "U+1F3FB-1F3FF (skin tone)": (0x1F3FB, 0x1F3FF),
                "U+1F1E6-1F1FF (regional indicator)": (0x1F1E6, 0x1F1FF),
                "U+E0020-E007F (tag)": (0xE0020, 0xE007F), "U+20E3 (keycap)": (0x20E3, 0x20E3)}
    for key in keys:
        data = emoji.EMOJI_DATA[key]
        cps = [ord(c) for c in key]
        status = names[data["status"]]
        assert isinstance(data["E"], (int, float)) and not isinstance(data["E"], bool)
        status_count[status] += 1
        for name, (lo, hi) in features.items():
            feature_count[name] += any(lo <= c <= hi for c in cps)
        lines.append(f"{' '.join(f'{c:X}' for c in cps)}\t{status}\t{data['E']}")
    path = OUT_DIR / "emoji_sequences.tsv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"emoji sequences: {len(keys)}; by status: " +
          ", ".join(f"{s} {status_count[s]}" for s in emoji.STATUS))
    print("  containing " + ", ".join(f"{n}: {feature_count[n]}" for n in features))
    return path


def main():
    t0 = time.time()
    paths = [write_tokens(), write_emoji()]
    for p in paths:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        print(f"{p.relative_to(REPO_ROOT)}: {p.stat().st_size} bytes, sha256 {digest}")
    print(f"run time (after imports): {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
