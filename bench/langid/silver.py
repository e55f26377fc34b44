#!/usr/bin/env python3
"""Silver language labels for bench/langid: the posts of the shared data's X files (their `lang`,
as X gave it) and Mastodon statuses (their `language`), one `lang<TAB>text` line per distinct post,
written to bench/data/lang_x.tsv and bench/data/lang_mastodon.tsv (git-ignored: real posts).

  python3 bench/langid/silver.py      # data folder: CROWDMINE_DATA or <repo>/../shared/data
"""
import html
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("CROWDMINE_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "bench" / "data"


def documents(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        yield json.loads(text)
    except ValueError:
        for line in text.splitlines():
            try:
                yield json.loads(line)
            except ValueError:
                pass


def walk(o, found, lang_key, text_of):
    if isinstance(o, dict):
        lang, text = o.get(lang_key), text_of(o)
        if isinstance(lang, str) and isinstance(text, str) and "id" in o:
            found[str(o.get("id_str") or o["id"])] = (lang, text)
        for v in o.values():
            walk(v, found, lang_key, text_of)
    elif isinstance(o, list):
        for v in o:
            walk(v, found, lang_key, text_of)


def tweet_text(o):
    ext = o.get("extended_tweet")
    if isinstance(ext, dict) and isinstance(ext.get("full_text"), str):
        return ext["full_text"]
    return o.get("full_text") or o.get("text")


def status_text(o):
    c = o.get("content")
    return html.unescape(re.sub(r"<[^>]+>", " ", c)) if isinstance(c, str) else None


def collect(folder, lang_key, text_of, out_name):
    found = {}
    for path in sorted((DATA / "social-posts").glob(folder + "/**/*")):
        if path.suffix in (".json", ".jsonl") and path.is_file():
            for doc in documents(path):
                walk(doc, found, lang_key, text_of)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / out_name, "w", encoding="utf-8") as f:
        for lang, text in found.values():
            text = " ".join(text.split())
            if text:
                f.write(f"{lang}\t{text}\n")
    print(f"{out_name}: {len(found)} posts")


collect("twitter*", "lang", tweet_text, "lang_x.tsv")
collect("mastodon", "language", status_text, "lang_mastodon.tsv")
