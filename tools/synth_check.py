#!/usr/bin/env python3
"""Independent checker for the output directories of `crowdmine synth`.

How to run (from the repo root):

    python -m venv bench/.venv && bench/.venv/bin/pip install twarc-csv zstandard
    bench/.venv/bin/python tools/synth_check.py DIR [DIR...]
    bench/.venv/bin/python tools/synth_check.py --self-test

It shares no code with crowdmine. The reference is the real sample files in the
data folder: `$CROWDMINE_DATA`, by default `<repo root>/../shared/data`. Checks per DIR:

1. Key paths. Every object key path in DIR/posts.jsonl (or posts.jsonl.zst), e.g.
   `data[].entities.hashtags[].tag`, must also occur in that platform's samples. The
   malformed lines listed in DIR/truth.json are skipped. For mastodon and x-v1, a
   status found anywhere in a sample (a context's `ancestors`, a search's `statuses`,
   a `reblog`, a `retweeted_status`, ...) also counts as a record root. Object keys
   with 3 or more digits are data, not structure (Reddit's `media_metadata` is keyed
   by media id), so they are written `{id}` on both sides. There is no real Bluesky
   sample: for bluesky the reference is the repo's hand-written fixture
   `crates/crowdmine/tests/fixtures/bluesky/jetstream.jsonl`. A JSON value type that a
   path never has in the samples is printed as a note and does not fail the check.
2. x-v2 only: twarc-csv (its Python API, same code as `twarc2 csv`) must convert
   the posts with no error or warning, and write exactly one row per tweet in `data`.
   Options: inline_referenced_tweets=False, so tweets in `includes` get no rows
   of their own, and allow_duplicates=True, so a tweet id that appears on two pages
   still gets one row per occurrence.

Exit status is 1 if any DIR fails, else 0.
"""

import argparse
import contextlib
import csv
import io
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
BLUESKY_FIXTURE = REPO_ROOT / "crates/crowdmine/tests/fixtures/bluesky/jetstream.jsonl"
SAMPLES = {
    "x-v2": DATA_DIR / "social-posts/twitter-v2",
    "x-v1": DATA_DIR / "social-posts/twitter-v1.1",
    "reddit": DATA_DIR / "social-posts/reddit/pushshift-dump-sample",
    "mastodon": DATA_DIR / "social-posts/mastodon",
    "bluesky": BLUESKY_FIXTURE,
}
TWARC_SAMPLE = DATA_DIR / "social-posts/twitter-v2/twarc-csv/two_tweets.jsonl"
ID_KEY = re.compile(r"\d{3}")  # such object keys are ids (data), e.g. Reddit media_metadata.<media id>


def split_lines(text):
    """Split JSONL text on "\\n" only. str.splitlines would also split inside strings at U+2028 etc."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def json_type(v):
    names = {bool: "bool", int: "number", float: "number", str: "string", dict: "object", list: "array"}
    return "null" if v is None else names[type(v)]


def is_status(platform, obj):
    if platform == "mastodon":
        return {"uri", "account", "content"} <= obj.keys()
    if platform == "x-v1":
        # A user object's latest `status` is a status without its `user`.
        return {"id_str", "created_at", "entities"} <= obj.keys() and ("text" in obj or "full_text" in obj)
    return False


def collect_paths(value, out, prefix="", reroot=None, only_rerooted=False):
    """Add {key path: set of JSON types} for value to out. reroot=platform also roots nested statuses;
    only_rerooted (for synth output) records a nested status re-rooted only, so a reblog or retweet is
    checked against statuses wherever the samples have them."""
    if isinstance(value, dict):
        if prefix and reroot and is_status(reroot, value):
            collect_paths(value, out, "", reroot, only_rerooted)
            if only_rerooted:
                return
        for key, v in value.items():
            path = (prefix + "." if prefix else "") + ("{id}" if ID_KEY.search(key) else key)
            out.setdefault(path, set()).add(json_type(v))
            collect_paths(v, out, path, reroot, only_rerooted)
    elif isinstance(value, list):
        for v in value:
            collect_paths(v, out, prefix + "[]", reroot, only_rerooted)


def sample_records(platform, bad):
    """Yield the record roots of the platform's sample files; append unparsable lines to bad."""
    root = SAMPLES[platform]
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.suffix in (".json", ".jsonl", ".ndjson"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        docs = [(1, text)] if f.suffix == ".json" else enumerate(split_lines(text), 1)
        for n, doc in docs:
            if not doc.strip():
                continue
            try:
                parsed = json.loads(doc)
            except ValueError:
                bad.append(f"{f.relative_to(root.parent)}:{n}")
                continue
            yield from parsed if isinstance(parsed, list) else [parsed]


def reference_paths(platform):
    paths, bad, count = {}, [], 0
    for rec in sample_records(platform, bad):
        collect_paths(rec, paths, reroot=platform)
        count += 1
    if not count:  # a wrong data folder would otherwise flag every synth path
        sys.exit(f"no sample records for {platform} under {SAMPLES[platform]}")
    return paths, count, bad


def read_posts(d):
    plain, zst = d / "posts.jsonl", d / "posts.jsonl.zst"
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    try:
        import zstandard
        with zst.open("rb") as f:
            return zstandard.ZstdDecompressor().stream_reader(f, read_across_frames=True).read().decode("utf-8")
    except ImportError:
        return subprocess.run(["zstd", "-dc", str(zst)], check=True, capture_output=True).stdout.decode("utf-8")


def run_twarc_csv(lines):
    """Convert JSONL lines (twarc2 pages) with twarc-csv. Returns (csv ids, expected ids, problems)."""
    expected = []
    for line in lines:
        rec = json.loads(line)
        data = rec.get("data", []) if isinstance(rec, dict) else []
        expected += [str(t.get("id")) for t in (data if isinstance(data, list) else [data])]
    try:
        import twarc_csv
    except ImportError:
        return [], expected, ["twarc-csv is not installed (pip install twarc-csv)"]
    problems, stderr = [], io.StringIO()

    class Collect(logging.Handler):
        def emit(self, record):
            problems.append(f"log {record.levelname}: {record.getMessage()[:300]}")

    handler = Collect(logging.WARNING)
    logging.getLogger("twarc").addHandler(handler)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp, "posts.jsonl"), Path(tmp, "posts.csv")
        src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        conv = twarc_csv.DataFrameConverter(input_data_type="tweets", inline_referenced_tweets=False,
                                            allow_duplicates=True)
        try:
            with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8", newline="") as fout, \
                    contextlib.redirect_stderr(stderr), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                twarc_csv.CSVConverter(fin, fout, conv, hide_progress=True).process()
        except Exception as e:  # the CLI would exit non-zero here
            problems.append(f"exception: {e!r}")
            caught = []
        finally:
            logging.getLogger("twarc").removeHandler(handler)
        # pandas' FutureWarning about twarc-csv's own applymap calls is not about the data.
        problems += [f"warning: {w.message}" for w in caught
                     if not issubclass(w.category, (FutureWarning, DeprecationWarning))]
        problems += [f"stderr: {s}" for s in stderr.getvalue().splitlines() if s.strip()]
        if conv.counts["parse_errors"] or conv.counts["non_objects"]:
            problems.append(f"counts: {conv.counts}")
        with open(dst, encoding="utf-8", newline="") as f:
            ids = [row["id"] for row in csv.DictReader(f)] if dst.stat().st_size else []
    return ids, expected, problems


def check_dir(d, refs):
    print(f"== {d}")
    try:
        truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
        text = read_posts(d)
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        print(f"  FAIL: cannot read truth.json or posts.jsonl[.zst]: {e}")
        return False
    platform = truth.get("platform")
    if platform not in SAMPLES:
        print(f"  FAIL: unknown platform {platform!r}")
        return False
    planted = {m["line"] for m in truth.get("malformed", []) if m.get("file", "").startswith("posts.jsonl")}
    kept, paths, parse_errors = [], {}, []
    for n, line in enumerate(split_lines(text), 1):
        if n in planted:
            continue
        try:
            collect_paths(json.loads(line), paths, reroot=platform, only_rerooted=True)
            kept.append(line)
        except ValueError as e:
            parse_errors.append(f"line {n}: {e}")
    if platform not in refs:
        refs[platform] = reference_paths(platform)
    ref, ref_records, _ = refs[platform]
    extra = sorted(set(paths) - set(ref))
    source = "repo fixture jetstream.jsonl, no real Bluesky sample" if platform == "bluesky" else "real samples"
    print(f"  platform {platform}: {len(kept)} records, {len(planted)} planted malformed lines skipped")
    print(f"  key paths: {len(paths)} (reference: {len(ref)} paths from {ref_records} records, {source})")
    if parse_errors:
        print(f"  FAIL: {len(parse_errors)} unplanted unparsable lines, first: {parse_errors[:3]}")
    print(f"  {'FAIL: ' if extra else ''}extra paths (not in the samples): {len(extra) or 'none'}")
    print("".join(f"    {p}\n" for p in extra), end="")
    for p, types in sorted(paths.items()):
        if p in ref and types - ref[p]:
            print(f"  note: {p} is {'/'.join(sorted(types - ref[p]))}, samples: {'/'.join(sorted(ref[p]))}")
    ok = not parse_errors and not extra
    if platform == "x-v2":
        ids, expected, problems = run_twarc_csv(kept)
        good = not problems and ids == expected
        print(f"  twarc-csv: {len(ids)} rows for {len(expected)} data tweets ({len(set(expected))} unique ids)"
              f"{'' if ids == expected else ', ids differ'}: {'OK' if good else 'FAIL'}")
        print("".join(f"    {p}\n" for p in problems[:10]), end="")
        ok &= good
    print(f"  RESULT: {'OK' if ok else 'FAIL'}")
    return ok


def self_test():
    print(f"data folder: {DATA_DIR}")
    for platform in SAMPLES:
        paths, records, bad = reference_paths(platform)
        id_paths = sorted(p for p in paths if p.endswith("{id}"))
        source = " (repo fixture, no real Bluesky sample)" if platform == "bluesky" else ""
        print(f"{platform}: {len(paths)} key paths from {records} records{source}")
        if bad:
            print(f"  unparsable sample lines skipped: {', '.join(bad)}")
        if id_paths:
            print(f"  data-valued keys written {{id}}: {', '.join(id_paths)}")
    if TWARC_SAMPLE.exists():
        lines = [line for line in split_lines(TWARC_SAMPLE.read_text(encoding="utf-8")) if line.strip()]
        ids, expected, problems = run_twarc_csv(lines)
        print(f"twarc-csv on {TWARC_SAMPLE.name}: {len(ids)} rows for {len(expected)} data tweets, "
              f"problems: {problems or 'none'}")
        return ids == expected and not problems
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, help="crowdmine synth output directories")
    ap.add_argument("--self-test", action="store_true", help="print reference key path counts per platform")
    args = ap.parse_args()
    if not args.self_test and not args.dirs:
        ap.error("give at least one DIR, or --self-test")
    ok, refs = True, {}
    if args.self_test:
        ok = self_test()
    for d in args.dirs:
        ok &= check_dir(d, refs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
