#!/usr/bin/env python3
"""Builds a large Pushshift/Arctic-Shift-style Reddit NDJSON dump for ingest benchmarks.

    python3 bench/make_big_pushshift.py [SIZE_MB]        # default 1024

Writes bench/data/pushshift_<SIZE_MB>.ndjson (at least SIZE_MB MiB, whole copies) and
bench/data/pushshift_<SIZE_MB>.ndjson.zst, compressed like the real dumps with a 2^31 window:
`zstd -T2 -3 --long=31` reading stdin when the zstd command is present, else the python
`zstandard` module (window_log=31, long-distance matching). In both cases the frame carries no
content size, as a streamed dump's does not, so a decoder sizes its buffer from the declared
2 GiB window.

It repeats the real lines of social-posts/reddit/pushshift-dump-sample (test_submissions.ndjson,
test_comments.ndjson) of the shared data folder (CROWDMINE_DATA, default <repo>/../shared/data),
submissions and comments interleaved, rewriting in copy k (0, 1, 2, ...) these top-level fields
so that every copy holds distinct objects:

- id: id + base36(k) zero-padded to 4 digits ("1afwvv8" -> "1afwvv80001"). Still base36, and
  distinct (cut the fixed-width suffix to get back the original id and k). The longest sample id
  has 7 digits, so shifted ids have at most 11 and stay below 2^63. Copy 0 gets "0000" too.
- name (t3_/t1_ + id), and link_id / parent_id when they point at an object of the sample: the
  same suffix. References to objects outside the sample are left as they are (in the current
  sample none points inside it, so every copy's comments reply to the same absent posts).
- permalink, and a submission's url when it is its own permalink: the ids in /comments/<id>/
  and a comment's trailing /<id>/ follow the rewritten ids.
- author: author + "_" + base36(k % 5000), so that authors recur across copies like real
  accounts; "[deleted]" and other bracketed placeholders stay as they are. author_fullname
  (t2_...) gets base36(k % 5000) padded to 3 digits, consistently with author.
- created_utc and created: + k seconds, keeping the JSON type of the original (int, float or
  string of digits).

Everything else, including the key order and the spacing of each original line, is kept byte for
byte (the sample mixes eras: `", "`-separated and compact lines). The outputs stay out of git
(bench/data is ignored).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CROWDMINE_DATA", REPO.parent / "shared" / "data"))
SAMPLE = DATA / "social-posts" / "reddit" / "pushshift-dump-sample"
SUBMISSIONS = SAMPLE / "test_submissions.ndjson"
COMMENTS = SAMPLE / "test_comments.ndjson"
ID_WIDTH = 4  # base36 digits of the copy suffix: up to 36^4 = 1,679,616 copies (~200 GiB)
AUTHORS = 5000  # author k is author + suffix(k % AUTHORS)
AUTHOR_WIDTH = 3
FIELDS = ("id", "name", "link_id", "parent_id", "permalink", "url", "author", "author_fullname",
          "created_utc", "created")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
DECODER = json.JSONDecoder()
WS = " \t\r\n"


def base36(n, width=1):
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = DIGITS[r] + s
    return s.rjust(width, "0")


def skip_ws(s, i):
    while i < len(s) and s[i] in WS:
        i += 1
    return i


def top_level_spans(line):
    """(key, start, end, value) of each top-level member of a JSON object, as offsets in line."""
    i = skip_ws(line, 0)
    assert line[i] == "{", "not a JSON object"
    i = skip_ws(line, i + 1)
    spans = []
    while line[i] != "}":
        key, i = DECODER.raw_decode(line, i)
        i = skip_ws(line, i)
        assert line[i] == ":"
        start = skip_ws(line, i + 1)
        value, end = DECODER.raw_decode(line, start)
        spans.append((key, start, end, value))
        i = skip_ws(line, end)
        if line[i] == ",":
            i = skip_ws(line, i + 1)
    return spans


class Template:
    """One sample line cut around the fields to rewrite; render(k) gives copy k."""

    def __init__(self, line, kind, sample_ids):
        self.parts, self.fields = [], []
        prev = 0
        values = {}
        for key, start, end, value in top_level_spans(line):
            if key in FIELDS:
                self.parts.append(line[prev:start])
                self.fields.append((key, line[start:end], value))
                values[key] = value
                prev = end
        self.parts.append(line[prev:])
        self.id = values["id"]
        self.kind = kind  # "t3" submission, "t1" comment
        # Which references point into the sample (and so follow the copy suffix).
        self.inside = {}
        for key in ("link_id", "parent_id"):
            ref = values.get(key)
            self.inside[key] = isinstance(ref, str) and ref[3:] in sample_ids.get(ref[:2], ())
        self.link = values["link_id"][3:] if isinstance(values.get("link_id"), str) else self.id

    def render(self, k):
        sfx = base36(k, ID_WIDTH)
        out = [self.parts[0]]
        for (key, raw, value), part in zip(self.fields, self.parts[1:]):
            out.append(self.value(key, raw, value, k, sfx))
            out.append(part)
        return "".join(out)

    def value(self, key, raw, value, k, sfx):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return raw  # null and friends
        if key == "id":
            return json.dumps(value + sfx)
        if key == "name":
            return json.dumps(value + sfx) if value[3:] == self.id else raw
        if key in ("link_id", "parent_id"):
            return json.dumps(value + sfx) if self.inside[key] else raw
        if key in ("permalink", "url"):
            return json.dumps(self.permalink(value, sfx)) if isinstance(value, str) else raw
        if key == "author":
            return raw if value.startswith("[") else json.dumps(f"{value}_{base36(k % AUTHORS)}")
        if key == "author_fullname":
            return json.dumps(value + base36(k % AUTHORS, AUTHOR_WIDTH))
        # created_utc, created: shift by k seconds, same JSON type.
        if isinstance(value, str):
            return json.dumps(str(int(value) + k)) if value.isdigit() else raw
        if isinstance(value, int):
            return str(value + k)
        return repr(value + k)

    def permalink(self, link, sfx):
        """Rewrites the ids of /comments/<link>/<slug>/<comment>/ that were shifted."""
        segs = link.split("/")
        try:
            at = segs.index("comments") + 1
        except ValueError:
            return link
        if at >= len(segs):
            return link
        shifted_link = self.kind == "t3" or self.inside["link_id"]
        if shifted_link and segs[at] == self.link:
            segs[at] = self.link + sfx
        if self.kind == "t1":
            last = max((i for i, s in enumerate(segs) if s), default=-1)
            if last > at and segs[last] == self.id:
                segs[last] = self.id + sfx
        return "/".join(segs)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\r\n") for l in f if l.strip()]


def compress(src, dst):
    tmp = dst.with_name(dst.name + ".tmp")
    if shutil.which("zstd"):
        how = "zstd -T2 -3 --long=31"
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            subprocess.run(["zstd", "-q", "-T2", "-3", "--long=31", "-c"], stdin=fin, stdout=fout,
                           check=True)
    else:
        import zstandard  # in bench/.venv

        how = "python zstandard, level 3, window_log=31"
        params = zstandard.ZstdCompressionParameters.from_level(
            3, window_log=31, enable_ldm=True, threads=2)
        cctx = zstandard.ZstdCompressor(compression_params=params)
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            # No size given: the frame declares no content size, like a streamed dump.
            cctx.copy_stream(fin, fout, read_size=1 << 22, write_size=1 << 22)
    os.replace(tmp, dst)
    return how


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("size_mb", nargs="?", type=int, default=1024, help="at least this many MiB")
    ap.add_argument("--out-dir", type=Path, default=REPO / "bench" / "data")
    ap.add_argument("--no-zst", action="store_true", help="skip the .zst copy")
    args = ap.parse_args()

    subs, coms = read_lines(SUBMISSIONS), read_lines(COMMENTS)
    objs = [json.loads(l) for l in subs + coms]
    sample_ids = {"t3": {o["id"] for o in objs[: len(subs)]}, "t1": {o["id"] for o in objs[len(subs):]}}
    # Interleave: submission, comment, submission, comment, ... then the rest of the longer list.
    order = []
    for i in range(max(len(subs), len(coms))):
        order += [("t3", subs[i])] if i < len(subs) else []
        order += [("t1", coms[i])] if i < len(coms) else []
    templates = [Template(l, kind, sample_ids) for kind, l in order]
    for t in templates:
        json.loads(t.render(1))  # a rendered copy is still one JSON object

    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / f"pushshift_{args.size_mb}.ndjson"
    tmp = out.with_name(out.name + ".tmp")
    target = args.size_mb << 20
    written = copies = 0
    with open(tmp, "wb") as f:
        while written < target:
            if copies >= 36 ** ID_WIDTH:
                sys.exit(f"more than {36 ** ID_WIDTH} copies: raise ID_WIDTH")
            data = ("\n".join(t.render(copies) for t in templates) + "\n").encode("utf-8")
            f.write(data)
            written += len(data)
            copies += 1
    os.replace(tmp, out)
    print(f"wrote {out} ({written / 2**20:.1f} MiB, {copies} copies of {len(subs)} submissions "
          f"and {len(coms)} comments = {copies * len(order)} objects)")
    if not args.no_zst:
        zst = out.with_name(out.name + ".zst")
        how = compress(out, zst)
        print(f"wrote {zst} ({zst.stat().st_size / 2**20:.1f} MiB, {how})")


if __name__ == "__main__":
    main()
