#!/usr/bin/env python3
"""Reference tweet tokenization (NLTK TweetTokenizer) and the emoji sequence
table (Python package emoji), for the Rust tokenizer in crates/crowdmine-text.

Command line used to produce the committed fixtures (run from the repo root):

    bench/.venv/bin/python tools/tokens_expected.py

No options. `bench/.venv` is the git-ignored virtualenv (Python 3.11.7) with
nltk 3.10.4 (which pulled regex 2026.11.19) and emoji 2.16.0, installed with
`bench/.venv/bin/pip install nltk emoji`. Versions are written into both
files. Run time: about 2 s wall (2-core machine). Two runs give byte-identical
files (checked with sha256sum); the run time is printed only, never written.

Data folder: the environment variable CROWDMINE_DATA, default
`<repo root>/../shared/data` (repo root = parent of this script's folder). No
absolute path is written anywhere. Only numbers, offsets, relative file names
and JSON pointers are written: never the text of a post (real users' data).

Outputs (under crates/crowdmine-text/tests/fixtures/, nothing else written):

tweet_tokens.jsonl
==================
Inputs: every *.json / *.jsonl file under <data>/social-posts/twitter-v1.1/
and <data>/social-posts/twitter-v2/ (recursively), sorted by path relative to
the data folder (posix string, code point order). Files are decoded as strict
UTF-8. A .jsonl file is split on "\\n" only (texts may hold U+2028 etc.); each
line that is not whitespace-only is one JSON document, line = 1-based physical
line number. A .json file is one document, line 1. Documents that fail to
parse are skipped and counted (1 in this data: a line of
twitter-v2/twarc-csv/streaming_output_with_error.jsonl).

Texts: each document is walked in document order (dict keys in file order,
list items in order) and strings are yielded AT THEIR OWN POSITION in that
walk. A "post object" is a dict with a key "id" or "id_str" whose "full_text"
or "text" value is a str ("full_text" preferred when both are str); that
string is yielded. If a post object also has "note_tweet": {"text": str},
that text is yielded too (pointer ".../note_tweet/text"). The pointer is an
RFC 6901 JSON pointer ("~" -> "~0", "/" -> "~1"). Texts are deduplicated by
exact content (first occurrence kept); empty strings are skipped.

Tokenizer: `TweetTokenizer(preserve_case=True, reduce_len=False,
strip_handles=False)` (match_phone_numbers=True, the default). In nltk 3.10.4
`tokenize` does: (1) `_replace_html_entities(text)` (ENT_RE
`&(#?(x?))([^&;\\s]+);`: named, decimal and hex entities -> one char; 0x80-0x9F
via cp1252; unknown/illegal entities are REMOVED); (2) HANG_RE
`([^\\p{L}\\p{N}])\\1{3,}` -> `\\1\\1\\1` (4+ repeats of a char that is not a
Unicode letter or number become 3); (3) `PHONE_WORD_RE.findall`. The script
redoes (1) and (2) with nltk's own compiled patterns while keeping, for every
transformed char, the ORIGINAL range it came from: a char from an entity maps
to the whole entity; of a shortened run the first two kept chars map to
themselves and the third to [its start, end of the run). It asserts the
transformed text equals nltk's, locates each token by str.find from the end of
the previous token (asserting it is found, and at the position of the
PHONE_WORD_RE match), and asserts the tokens equal `tokenize(text)` exactly.
Span of a token = [original start of its first char, original end of its last
char), in Unicode CODE POINTS of the original string (as decoded by Python's
json: an escaped lone surrogate stays one code point). Spans are checked to be
non-empty, increasing and non-overlapping.

Format: "\\n" line endings. Line 1 `{"meta": {...}}` (versions, tokenizer,
counts, inputs with sha256); then one compact JSON object per text:
{"file": <relative path>, "line": n, "pointer": "/data/3/text",
"chars": <code points of the text>, "spans": [[0,5],[6,10],...]}.
Committed run: 48 files, 281 documents (1 unparsable), 1,353 texts kept,
36,929 tokens (see the printed summary for the current data).

emoji_sequences.tsv
===================
Every key of `emoji.EMOJI_DATA`, sorted by code points, one per line:
`<code points, upper-case hex, single spaces><TAB><status><TAB><E>` where the
status name is the key of `emoji.STATUS` whose value is the int in the data
(component / fully_qualified / minimally_qualified / unqualified) and E is the
emoji version as stored (int or float, written with str(): "4", "0.6",
"13.1"). Two header lines start with "#": the package version and command,
then the column names. Committed run: 5,244 sequences.
"""

import hashlib
import json
import os
import platform
import sys
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


def escape(key):
    return key.replace("~", "~0").replace("/", "~1")


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
        child = f"{pointer}/{escape(key)}"
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
    assert step1 == _replace_html_entities(text)
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
    stats["entity_texts"] += step1 != text
    stats["hang_texts"] += safe != step1
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
            stats["lone_surrogates"] += any(0xD800 <= ord(c) <= 0xDFFF for c in text)
            stats["non_bmp"] += any(ord(c) > 0xFFFF for c in text)
            rows.append({"file": rel, "line": lineno, "pointer": pointer,
                         "chars": len(text), "spans": spans})
    meta = {
        "purpose": "Reference token spans of NLTK TweetTokenizer on the texts of the shared X samples; "
                   "spans are [start, end) Unicode code point offsets into the original text.",
        "generator": "tools/tokens_expected.py",
        "command": COMMAND,
        "versions": {"nltk": metadata.version("nltk"), "regex": metadata.version("regex"),
                     "python": platform.python_version()},
        "tokenizer": "TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False, "
                     "match_phone_numbers=True)",
        "files": len(counts["inputs"]),
        "documents": counts["documents"],
        "unparsable_documents": counts["unparsable"],
        "texts": len(rows),
        "tokens": stats["tokens"],
        "texts_changed_by_html_entities": stats["entity_texts"],
        "texts_changed_by_hang_re": stats["hang_texts"],
        "texts_with_non_bmp_chars": stats["non_bmp"],
        "texts_with_lone_surrogates": stats["lone_surrogates"],
        "inputs": counts["inputs"],
    }
    lines = [json.dumps({"meta": meta}, ensure_ascii=False)]
    lines += [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    path = OUT_DIR / "tweet_tokens.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"files: {meta['files']}, documents: {meta['documents']}, unparsable (skipped): "
          f"{meta['unparsable_documents']}, texts kept: {meta['texts']}, tokens: {meta['tokens']}")
    print(f"texts changed by HTML entities: {stats['entity_texts']}, by HANG_RE: {stats['hang_texts']}, "
          f"with non-BMP chars: {stats['non_bmp']}, with lone surrogates: {stats['lone_surrogates']}")
    return path


# --------------------------------------------------------------- emoji --

def write_emoji():
    names = {v: k for k, v in emoji.STATUS.items()}
    assert len(names) == len(emoji.STATUS)
    keys = sorted(emoji.EMOJI_DATA, key=lambda s: [ord(c) for c in s])
    lines = [f"# emoji {metadata.version('emoji')} EMOJI_DATA, generated by: {COMMAND}",
             "# code_points\tstatus\tE"]
    status_count, feature_count = Counter(), Counter()
    features = {
        "U+200D (ZWJ)": lambda cps: 0x200D in cps,
        "U+1F3FB..1F3FF (skin tone)": lambda cps: any(0x1F3FB <= c <= 0x1F3FF for c in cps),
        "U+1F1E6..1F1FF (regional indicator)": lambda cps: any(0x1F1E6 <= c <= 0x1F1FF for c in cps),
        "U+E0020..E007F (tag)": lambda cps: any(0xE0020 <= c <= 0xE007F for c in cps),
        "U+20E3 (keycap)": lambda cps: 0x20E3 in cps,
    }
    for key in keys:
        data = emoji.EMOJI_DATA[key]
        cps = [ord(c) for c in key]
        status = names[data["status"]]
        assert isinstance(data["E"], (int, float)) and not isinstance(data["E"], bool)
        status_count[status] += 1
        for name, test in features.items():
            feature_count[name] += test(cps)
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
    print(f"run time: {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
