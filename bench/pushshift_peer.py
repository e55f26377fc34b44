#!/usr/bin/env python3
"""The peer of the Reddit ingest benchmark: a Pushshift dump to CSV, the way most people do it.

    bench/.venv/bin/python bench/pushshift_peer.py IN.ndjson.zst OUT.csv

It follows the method of Watchful1/PushshiftDumps' scripts/to_csv.py, the converter that comes
with the dumps (written independently here, not copied): stream-decompress the .zst with the
`zstandard` module (ZstdDecompressor(max_window_size=2**31).stream_reader), read it in 128 MiB
chunks, decode them as UTF-8 (a character split across two chunks is carried over), split lines
(the partial last line is carried over to the next chunk), json.loads every line, and write one
CSV row per object with the csv module (every field through str(), lone surrogates replaced, as
to_csv.py does). Lines that are not JSON are counted and skipped.

to_csv.py has one field list for submissions and one for comments; the dumps generated for this
benchmark mix both, so the columns are the union: kind, id, author (as "u/name"), created (UTC,
"YYYY-MM-DD HH:MM:SS", from created_utc whatever its JSON type), subreddit, score, link (the
permalink as a full URL; built from link_id and id for old comments that have none), title, text
(selftext or body), url. A plain .ndjson input is read the same way without the decompressor.
"""

import codecs
import csv
import json
import sys
import time
from datetime import datetime, timezone

import zstandard

CHUNK = 1 << 27  # 128 MiB of decompressed text per read, as to_csv.py
COLUMNS = ["kind", "id", "author", "created", "subreddit", "score", "link", "title", "text", "url"]


def lines(path):
    """Yields the text lines of a .zst or plain NDJSON file, streamed."""
    with open(path, "rb") as raw:
        if path.endswith(".zst"):
            reader = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(raw)
        else:
            reader = raw
        utf8 = codecs.getincrementaldecoder("utf-8")()
        rest = ""
        while True:
            chunk = reader.read(CHUNK)
            text = rest + utf8.decode(chunk, final=not chunk)
            if not chunk:
                if text:
                    yield text
                return
            parts = text.split("\n")
            rest = parts.pop()
            yield from parts


def row(obj):
    is_comment = "body" in obj or "link_id" in obj
    sub = obj.get("subreddit") or ""
    permalink = obj.get("permalink")
    if not permalink and is_comment and isinstance(obj.get("link_id"), str):
        permalink = f"/r/{sub}/comments/{obj['link_id'][3:]}/_/{obj['id']}/"
    created = obj.get("created_utc")
    when = (datetime.fromtimestamp(int(float(created)), timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
            if created not in (None, "") else "")
    return [
        "comment" if is_comment else "submission",
        obj.get("id", ""),
        f"u/{obj.get('author', '')}",
        when,
        sub,
        obj.get("score", ""),
        f"https://www.reddit.com{permalink}" if permalink else "",
        obj.get("title", ""),
        obj.get("body", "") if is_comment else obj.get("selftext", ""),
        obj.get("url", "") or "",
    ]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    src, dst = sys.argv[1], sys.argv[2]
    start = time.monotonic()
    total = bad = 0
    with open(dst, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for line in lines(src):
            if not line.strip():
                continue
            total += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            # As to_csv.py: every field through str(), lone surrogates replaced.
            writer.writerow([str(v).encode("utf-8", "replace").decode() for v in row(obj)])
            if total % 1_000_000 == 0:
                print(f"{total:,} lines, {time.monotonic() - start:.0f} s", file=sys.stderr)
    print(f"{total:,} lines ({bad:,} not JSON) -> {dst} in {time.monotonic() - start:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
