#!/usr/bin/env python3
"""Time the social tokenizer in crowdmine or NLTK's TweetTokenizer, and write the table of
bench/tokens.sh.

  bench/.venv/bin/python bench/tokens_peer.py crowdmine TEXTS --bin BIN [--first N]
  bench/.venv/bin/python bench/tokens_peer.py nltk TEXTS --n 100000
  bench/.venv/bin/python bench/tokens_peer.py table bench/out/tokens.jsonl

`crowdmine` runs `crowdmine tokens --text FILE --summary` once, on TEXTS or (--first N) on its
first N lines copied to a temporary file; the file is read once before, untimed, so it is in the
page cache. Two times: the tokenizer's own, which the command prints on its last line
("L lines, B bytes; tokenized in S s (R MB/s, one thread)": the clock runs around the tokenizing
of each line only, reading and UTF-8 checking excluded), and the whole command, spawn to exit.
The token counts by kind are parsed from the table it prints.

`nltk` builds TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False) and reads
the first --n lines of TEXTS before the clock, then times [tokenize(text) for text in texts]
(one thread, pure Python). Lines are split as crowdmine splits them (on b"\\n" only, one trailing
"\\r" dropped; lines that are not UTF-8 skipped), so both tokenize the same strings, and its bytes
are counted as crowdmine counts them: the UTF-8 bytes of those strings, newlines excluded. Its
time for all of TEXTS is EXTRAPOLATED from its MB/s.

`crowdmine` and `nltk` print one JSON line. `table` writes the Markdown table of
bench/out/tokens.md from them. MB are 10^6 bytes.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sentiment_peer import loadavg, log, rel  # the same helpers as the sentiment benchmark

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^(\d+) lines, (\d+) bytes; tokenized in ([0-9.]+) s \(([0-9.]+) MB/s, one thread\)$")
KIND_ROW = re.compile(r"^│\s*(\w+)\s*┆\s*(\d+)\s*│$")
NLTK_ARGS = "preserve_case=True, reduce_len=False, strip_handles=False"


def read_lines(path, n):
    """The first n lines as crowdmine reads them: split on b"\\n", one trailing "\\r" dropped,
    lines that are not UTF-8 skipped (and counted)."""
    texts, nbytes, skipped = [], 0, 0
    with open(path, "rb") as f:  # binary iteration splits on b"\n" only
        for no, b in enumerate(f, 1):
            if no > n:
                break
            b = b[:-1] if b.endswith(b"\n") else b
            b = b[:-1] if b.endswith(b"\r") else b
            try:
                texts.append(b.decode("utf-8"))
                nbytes += len(b)
            except UnicodeDecodeError:
                skipped += 1
    return texts, nbytes, skipped


# ---------------------------------------------------------------- crowdmine

def run_crowdmine(a):
    version = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        path = a.texts
        if a.first:
            path = str(Path(tmp, "first.txt"))
            with open(a.texts, "rb") as src, open(path, "wb") as dst:
                for no, line in enumerate(src, 1):
                    if no > a.first:
                        break
                    dst.write(line)
        with open(path, "rb") as f:  # untimed: into the page cache
            while f.read(1 << 24):
                pass
        cmd = [a.bin, "tokens", "--text", path, "--summary"]
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    if p.stderr.strip():
        log(p.stderr.strip()[-2000:])
    out = p.stdout.strip().splitlines()
    m = SUMMARY.match(out[-1].strip()) if out else None
    if not m:
        sys.exit(f"unexpected last line of `crowdmine tokens --summary`: {out[-1:]}")
    lines, nbytes, seconds, mbps = int(m[1]), int(m[2]), float(m[3]), float(m[4])
    kinds = {k: int(v) for k, v in (r.groups() for r in map(KIND_ROW.match, out) if r)}
    if "all" not in kinds:
        sys.exit("no 'all' row in the summary table")
    total = kinds.pop("all")
    what = f"first {a.first:,} lines of {rel(a.texts)}" if a.first else rel(a.texts)
    res = dict(tool="crowdmine", version=version, input=what, first=a.first, texts=lines,
               bytes=nbytes, tokens=total, kinds=kinds, tokenizer_seconds=seconds,
               tokenizer_mb_per_s=mbps, wall_seconds=wall, wall_mb_per_s=nbytes / 1e6 / wall,
               loadavg=loadavg(),
               command=f"crowdmine tokens --text {'FIRST_N' if a.first else rel(a.texts)} --summary")
    log(f"  crowdmine, {what}: {lines:,} texts, {total:,} tokens; tokenizer {seconds:.3f} s "
        f"({mbps:.1f} MB/s), whole command {wall:.3f} s")
    return res


# ---------------------------------------------------------------- NLTK

def run_nltk(a):
    from importlib.metadata import version
    from nltk.tokenize import TweetTokenizer

    tok = TweetTokenizer(preserve_case=True, reduce_len=False, strip_handles=False)
    all_lines = all_bytes = 0  # only to size the extrapolation
    with open(a.texts, "rb") as f:
        for b in f:
            all_lines += 1
            all_bytes += len(b) - b.endswith(b"\n") - b.rstrip(b"\n").endswith(b"\r")
    texts, nbytes, skipped = read_lines(a.texts, a.n)

    t = time.perf_counter()
    out = [tok.tokenize(s) for s in texts]
    seconds = time.perf_counter() - t

    n, tokens = len(texts), sum(map(len, out))
    mbps = nbytes / 1e6 / seconds
    res = dict(tool="nltk", version=version("nltk"), python=sys.version.split()[0],
               input=f"first {a.n:,} lines of {rel(a.texts)}", first=a.n, texts=n,
               skipped_not_utf8=skipped, bytes=nbytes, tokens=tokens,
               tokenizer_seconds=seconds, tokenizer_mb_per_s=mbps,
               all_texts=all_lines, all_bytes=all_bytes,
               extrapolated_seconds_all=all_bytes / 1e6 / mbps, loadavg=loadavg(),
               command=f"TweetTokenizer({NLTK_ARGS}).tokenize(text) per text "
                       "(tokenizer built and texts read before the clock)")
    log(f"  NLTK: {n:,} texts, {tokens:,} tokens in {seconds:.3f} s ({mbps:.2f} MB/s); all "
        f"{all_lines:,} texts would take ~{res['extrapolated_seconds_all']:.0f} s (EXTRAPOLATED)")
    return res


# ---------------------------------------------------------------- table

def table(jsonl):
    rows = [json.loads(s) for s in Path(jsonl).read_text().splitlines() if s.strip()]
    cm = [r for r in rows if r["tool"] == "crowdmine"]
    peers = [r for r in rows if r["tool"] == "nltk"]
    peer = peers[-1] if peers else None
    print("| tool | input | texts | MB | tokens | tokenizer s | tokenizer MB/s | whole command s "
          "| crowdmine ÷ NLTK (tokenizer MB/s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in cm:
        ratio = f"**{r['tokenizer_mb_per_s'] / peer['tokenizer_mb_per_s']:.0f}×**" if peer else ""
        inp = f"first {r['first']:,}" if r["first"] else "all"
        print(f"| crowdmine | {inp} | {r['texts']:,} | {r['bytes'] / 1e6:.1f} | {r['tokens']:,} | "
              f"{r['tokenizer_seconds']:.3f} | {r['tokenizer_mb_per_s']:.1f} | "
              f"{r['wall_seconds']:.3f} | {ratio} |")
    if peer:
        print(f"| NLTK {peer['version']} TweetTokenizer | first {peer['first']:,} | "
              f"{peer['texts']:,} | {peer['bytes'] / 1e6:.1f} | {peer['tokens']:,} | "
              f"{peer['tokenizer_seconds']:.2f} | {peer['tokenizer_mb_per_s']:.2f} | | |")
        print(f"| NLTK, **extrapolated** | all | {peer['all_texts']:,} | "
              f"{peer['all_bytes'] / 1e6:.1f} | | ≈ {peer['extrapolated_seconds_all']:.0f} | | | |")
    print()
    if cm:
        c = cm[0]
        print(f"crowdmine ({c['version']}, one thread by design): `crowdmine tokens --text FILE "
              f"--summary`; tokenizer s is its own clock around the tokenizing of each line "
              f"(reading excluded), whole command is spawn to exit. MB: UTF-8 bytes of the texts, "
              f"newlines excluded (as crowdmine counts them).")
        for r in cm:
            kinds = ", ".join(f"{k} {v:,}" for k, v in r["kinds"].items())
            print(f"- crowdmine tokens on {r['input']}: {kinds}.")
    if peer:
        same = [r for r in cm if r["first"] == peer["first"]]
        print()
        print(f"NLTK {peer['version']} (Python {peer['python']}, one thread): "
              f"`TweetTokenizer({NLTK_ARGS})` built and the texts read before the clock, then "
              f"`tokenize(text)` per text; **measured on the first {peer['texts']:,} texts only**; "
              f"its time for all texts is extrapolated from its MB/s.")
        if same:
            s = same[-1]
            print(f"On those same {peer['texts']:,} texts: crowdmine {s['tokens']:,} tokens, "
                  f"NLTK {peer['tokens']:,} ({(s['tokens'] - peer['tokens']) / peer['tokens']:+.1%}"
                  f"; the differences are categorised in docs/tokenizer.md).")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("crowdmine", help="time `crowdmine tokens --summary`")
    c.add_argument("texts")
    c.add_argument("--bin", default="target/release/crowdmine")
    c.add_argument("--first", type=int, default=0, help="only the first N lines (0: all)")
    v = sub.add_parser("nltk", help="time NLTK's TweetTokenizer")
    v.add_argument("texts")
    v.add_argument("--n", type=int, default=100_000, help="texts tokenized (the first n lines)")
    tb = sub.add_parser("table", help="Markdown table from the JSON lines")
    tb.add_argument("jsonl")
    a = ap.parse_args()
    if a.cmd == "table":
        table(a.jsonl)
        return
    if (a.cmd == "nltk" and a.n < 1) or (a.cmd == "crowdmine" and a.first < 0):
        ap.error("--n must be >= 1 and --first >= 0")
    res = run_crowdmine(a) if a.cmd == "crowdmine" else run_nltk(a)
    print(json.dumps(res, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
