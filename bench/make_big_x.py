#!/usr/bin/env python3
"""Builds a large X/Twitter API v2 JSONL file for ingest benchmarks.

    python3 bench/make_big_x.py --size-mb 1024 --out bench/data/x-v2-big.jsonl

It repeats the real twarc2 search pages of the shared data folder (CROWDMINE_DATA, default
<repo>/../shared/data), shifting every id in each copy so that every copy holds distinct posts
and accounts, as a real collection would. The output stays out of git (bench/data is ignored).
"""

import argparse
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CROWDMINE_DATA", REPO.parent / "shared" / "data"))
PAGES = [
    "cascades-temporal/twarc-network_blacklivesmatter_search.jsonl",
    "social-posts/twitter-v2/twarc-csv/2sets.jsonl",
    "social-posts/twitter-v2/twarc-csv/brexit.jsonl",
    "social-posts/twitter-v2/twarc-csv/entities_test.jsonl",
    "social-posts/twitter-v2/twarc-csv/kpop.jsonl",
    "social-posts/twitter-v2/twarc-csv/noflat.jsonl",
    "social-posts/twitter-v2/twarc-csv/withheld.jsonl",
]
# Quoted decimal ids (tweets, users, conversations, polls, media keys' numeric part).
ID = re.compile(rb'"(\d{5,19})"')
SHIFT = 10**15


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "data" / "x-v2-big.jsonl")
    args = ap.parse_args()
    lines = []
    for rel in PAGES:
        with open(DATA / rel, "rb") as f:
            lines.extend(l.rstrip(b"\n") for l in f if l.strip())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    target = args.size_mb << 20
    written = copies = 0
    with open(args.out, "wb") as out:
        while written < target:
            offset = copies * SHIFT
            shift = lambda m: b'"%d"' % (int(m.group(1)) + offset)
            for line in lines:
                data = ID.sub(shift, line) + b"\n"
                out.write(data)
                written += len(data)
            copies += 1
    print(f"wrote {args.out} ({written / 2**20:.0f} MiB, {copies} copies of {len(lines)} pages)")


if __name__ == "__main__":
    main()
