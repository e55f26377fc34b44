#!/usr/bin/env python3
"""Make the texts, time VADER in crowdmine or in the Python vaderSentiment package, and write the
table of bench/sentiment.sh.

  bench/.venv/bin/python bench/sentiment_peer.py texts [--lines 1000000] [--out bench/data/texts_1m.txt] [--force]
  bench/.venv/bin/python bench/sentiment_peer.py crowdmine TEXTS --bin BIN --threads N --scores OUT.tsv \
      [--same-as OTHER.tsv]
  bench/.venv/bin/python bench/sentiment_peer.py scorer TEXTS [--bin target/release/examples/vader_speed] [--passes 3]
  bench/.venv/bin/python bench/sentiment_peer.py vader TEXTS --n 100000 --check CROWDMINE.tsv
  bench/.venv/bin/python bench/sentiment_peer.py paired TEXTS [--bin BIN] [--scorer SCORER] [--rounds 11] [--n 100000]
  bench/.venv/bin/python bench/sentiment_peer.py table bench/out/sentiment.jsonl

`texts` writes real social texts, one per line, cycled to --lines lines, unless the file exists
(--force rewrites it). Sources, in the shared data folder ($CROWDMINE_DATA, default
<repo root>/../shared/data; see its PROVENANCE.md): the text column (third TSV field) of
sentiment/vader/*_GroundTruth.txt, the TweetText column of sentiment/sanders/full-corpus.csv, and
the `text` of every tweet in `data` and `includes.tweets` of the X API v2 files under
social-posts/twitter-v2/ (JSON or JSON lines; lines or files that do not parse, and objects that
are not tweets, are skipped). "\r" and "\n" inside a text become spaces (one text per line);
texts that are then empty or blank are dropped, and duplicates are kept once (first seen). The
distinct texts are shuffled once with random.Random(1) and cycled in that order. The file holds
real users' texts, so --out must lie inside bench/data/ (git-ignored): it is never committed.

`crowdmine` times whole commands, spawn to exit, under RAYON_NUM_THREADS=N:
    crowdmine sentiment --text TEXTS --format tsv --out OUT
on an empty file (5 times, median: start-up, mostly parsing the embedded lexicons) and on TEXTS
(--runs times, 5 unless given, median: this host's speed drifts from second to second), which
is read once before (untimed) so it is in the page cache. The TSV is kept at
--scores for the agreement check; --same-as compares it byte for byte with another run's (the
parallel batches must not change a score).

`scorer` times crowdmine's scorer alone, as `vader` times vaderSentiment's: the vader_speed
example of crowdmine-text splits the lines and builds the scorer before the clock, then scores
every text, --passes times (5 unless given; the median is reported); one thread.

`vader` constructs SentimentIntensityAnalyzer() and reads the first --n lines of TEXTS (timed
apart), then times [polarity_scores(t) for t in texts] (vaderSentiment 3.3.2 is pure Python,
one thread), then times writing their rows as crowdmine writes them to a temporary file: reading,
scoring and writing together are the Python counterpart of the whole command. Lines are split as crowdmine splits them (on b"\\n" only, one trailing "\\r"
dropped), so both score the same strings. After the clock its four scores are compared with
crowdmine's rows for the same line numbers (--check), as floats parsed from both, for exact
equality; mismatches are counted and the first 10 listed by line number (never the text).

`paired` measures both sides in turns, so that both meet the same host: this machine's speed
drifts by up to 1.6x over seconds, and measurements taken one after the other compare different
machines. Each of --rounds rounds runs the whole crowdmine command with one thread on all texts,
then one pass of crowdmine's scorer alone, then vaderSentiment on its own slice of the first --n
texts (--n / --rounds of them): reading those lines from the file (their offset found before the
clock), scoring them and writing their rows, each timed. A round's ratios compare texts per
second within the round (the command with reading, scoring and writing; the scorer with
scoring); the medians of the rounds are reported.

`crowdmine`, `scorer`, `vader` and `paired` print one JSON line. `table` writes the Markdown table of
bench/out/sentiment.md from them. MB are 10^6 bytes of input (UTF-8, newlines included).
"""
import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / "data"
DEFAULT_TEXTS = DATA_DIR / "texts_1m.txt"
HEADER = "line\tneg\tneu\tpos\tcompound"
KEYS = ("neg", "neu", "pos", "compound")
SHOWN_MISMATCHES = 10


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def rel(path):
    """Paths in the JSON relative to the repository, so no machine path is recorded."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return p.name


def loadavg():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


# ---------------------------------------------------------------- texts

def clean(text):
    return text.replace("\r", " ").replace("\n", " ")


def vader_texts(data):
    out = []
    for p in sorted((data / "sentiment" / "vader").glob("*_GroundTruth.txt")):
        # utf-8-sig: a possible BOM; split on "\n" only (a text may hold other separators).
        n = 0
        for line in p.read_text(encoding="utf-8-sig").split("\n"):
            fields = line.rstrip("\r").split("\t", 2)
            if len(fields) == 3:
                out.append(fields[2])
                n += 1
        log(f"  {p.relative_to(data)}: {n:,} texts")
    return out


def sanders_texts(data):
    p = data / "sentiment" / "sanders" / "full-corpus.csv"
    if not p.exists():
        log(f"  {p.relative_to(data)}: missing, skipped")
        return []
    with open(p, encoding="utf-8-sig", newline="") as f:
        out = [r["TweetText"] for r in csv.DictReader(f) if r.get("TweetText")]
    log(f"  {p.relative_to(data)}: {len(out):,} texts")
    return out


def json_objects(path):
    """A whole-file JSON document, else one JSON value per line (bad lines skipped)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        return [json.loads(raw)], 0
    except ValueError:
        pass
    objs, bad = [], 0
    for line in raw.split("\n"):
        if line.strip():
            try:
                objs.append(json.loads(line))
            except ValueError:
                bad += 1
    return objs, bad


def x_v2_texts(data):
    out = []
    base = data / "social-posts" / "twitter-v2"
    for p in sorted(q for q in base.rglob("*") if q.suffix in (".json", ".jsonl")):
        objs, bad = json_objects(p)
        n = 0
        for o in objs:
            if not isinstance(o, dict):
                continue
            tweets = o.get("data")
            tweets = [tweets] if isinstance(tweets, dict) else tweets
            inc = o.get("includes")
            extra = inc.get("tweets") if isinstance(inc, dict) else None
            for t in (tweets if isinstance(tweets, list) else []) + \
                     (extra if isinstance(extra, list) else []):
                # Users, lists and counts in `data` have no "text"; they are skipped here.
                if isinstance(t, dict) and isinstance(t.get("text"), str):
                    out.append(t["text"])
                    n += 1
        if n or bad:
            log(f"  {p.relative_to(data)}: {n:,} tweets" + (f" ({bad} bad lines skipped)" if bad else ""))
    return out


def make_texts(a):
    out = Path(a.out).resolve()
    try:
        out.relative_to(DATA_DIR.resolve())
    except ValueError:
        sys.exit(f"--out {a.out}: must lie inside bench/data/ (git-ignored; real users' texts)")
    if out.exists() and not a.force:
        log(f"{rel(out)}: exists ({out.stat().st_size / 1e6:.1f} MB), kept (--force rewrites it)")
        return
    data = Path(os.environ.get("CROWDMINE_DATA") or ROOT.parent / "shared" / "data")
    if not data.is_dir():
        sys.exit(f"shared data folder {data} not found (set CROWDMINE_DATA)")
    log(f"texts from the shared data folder (CROWDMINE_DATA):")
    raw = vader_texts(data) + sanders_texts(data) + x_v2_texts(data)
    pool = list(dict.fromkeys(t for t in map(clean, raw) if t.strip()))
    if not pool:
        sys.exit("no texts found")
    random.Random(1).shuffle(pool)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    # Written to a temporary name and renamed, so a stopped run leaves no half file.
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        for i in range(a.lines):
            f.write(pool[i % len(pool)])
            f.write("\n")
    os.replace(tmp, out)
    log(f"{rel(out)}: {a.lines:,} lines from {len(pool):,} distinct source texts, cycled "
        f"(of {len(raw):,} read), {out.stat().st_size / 1e6:.1f} MB")


# ---------------------------------------------------------------- crowdmine

def timed(cmd, env):
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    s = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return s, p.stderr


def run_crowdmine(a):
    env = dict(os.environ, RAYON_NUM_THREADS=str(a.threads))
    with open(a.texts, "rb") as f:  # untimed: the file into the page cache, and its size
        blob = f.read()
    size, lines = len(blob), blob.count(b"\n") + (1 if blob and not blob.endswith(b"\n") else 0)
    del blob
    version = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp, "empty.txt")
        empty.touch()
        cmd = [a.bin, "sentiment", "--text", str(empty), "--format", "tsv",
               "--out", str(Path(tmp, "empty.tsv"))]
        startups = [timed(cmd, env)[0] for _ in range(5)]
    cmd = [a.bin, "sentiment", "--text", a.texts, "--format", "tsv", "--out", a.scores]
    # The host's speed drifts from second to second: several runs, the median compared.
    runs = []
    for _ in range(a.runs):
        s, err = timed(cmd, env)
        runs.append(s)
        if err.strip():
            log(err.strip()[-2000:])
    seconds = statistics.median(runs)
    with open(a.scores, "rb") as f:
        head = f.readline().rstrip(b"\n").decode()
        rows = sum(1 for _ in f)
    if head != HEADER:
        sys.exit(f"unexpected header {head!r} in {a.scores}")
    res = dict(tool="crowdmine", version=version, input=rel(a.texts), threads=a.threads,
               texts=lines, bytes=size, rows=rows, seconds=seconds, runs=runs,
               startup_seconds=statistics.median(startups), startup_runs=startups,
               texts_per_s=lines / seconds, mb_per_s=size / 1e6 / seconds, loadavg=loadavg(),
               command=f"RAYON_NUM_THREADS={a.threads} crowdmine sentiment --text "
                       f"{rel(a.texts)} --format tsv --out OUT")
    if rows != lines:
        log(f"warning: {rows:,} rows for {lines:,} lines")
    if a.same_as:
        with open(a.scores, "rb") as f1, open(a.same_as, "rb") as f2:
            res["identical_to"] = {"run": Path(a.same_as).stem, "identical": f1.read() == f2.read()}
    log(f"  crowdmine {a.threads}t: {lines:,} texts in {seconds:.3f} s "
        f"({lines / seconds:,.0f} texts/s), start-up {res['startup_seconds'] * 1e3:.1f} ms")
    return res


# ---------------------------------------------------------------- vaderSentiment

def run_scorer(a):
    """crowdmine's scorer alone, one thread: the vader_speed example (texts split and scorer
    built before the clock; PASSES passes, the median reported)."""
    p = subprocess.run([a.bin, a.texts, str(a.passes)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{a.bin} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    out = json.loads(p.stdout)
    seconds = statistics.median(out["pass_seconds"])
    n = out["texts"]
    res = dict(tool="crowdmine-scorer", input=rel(a.texts), threads=1, texts=n,
               bytes=out["bytes"], seconds=seconds, pass_seconds=out["pass_seconds"],
               texts_per_s=n / seconds, mb_per_s=out["bytes"] / 1e6 / seconds,
               loadavg=loadavg(),
               command=f"{rel(a.bin)} {rel(a.texts)} {a.passes} (median of the passes)")
    log(f"  crowdmine scorer alone: {n:,} texts in {seconds:.3f} s, median of "
        f"{len(out['pass_seconds'])} passes ({n / seconds:,.0f} texts/s)")
    return res


def read_lines(path, n):
    """The first n lines as crowdmine reads them: split on b"\\n", one trailing "\\r" dropped;
    lines that are not UTF-8 are skipped (crowdmine skips them too), keeping line numbers."""
    texts, nbytes = [], 0
    with open(path, "rb") as f:  # binary iteration splits on b"\n" only
        for no, b in enumerate(f, 1):
            if no > n:
                break
            nbytes += len(b)
            b = b[:-1] if b.endswith(b"\n") else b
            b = b[:-1] if b.endswith(b"\r") else b
            try:
                texts.append((no, b.decode("utf-8")))
            except UnicodeDecodeError:
                pass
    return texts, nbytes


def crowdmine_rows(path, last):
    rows = {}
    with open(path, encoding="utf-8") as f:
        if f.readline().rstrip("\n") != HEADER:
            sys.exit(f"{path}: not a crowdmine sentiment TSV")
        for line in f:
            fields = line.rstrip("\n").split("\t")
            no = int(fields[0])
            if no > last:
                break
            rows[no] = tuple(float(x) for x in fields[1:5])
    return rows


def run_vader(a):
    from importlib.metadata import version
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    with open(a.texts, "rb") as f:
        blob = f.read()
    all_texts = blob.count(b"\n") + (1 if blob and not blob.endswith(b"\n") else 0)
    all_bytes = len(blob)
    del blob

    # Three clocks: reading, scoring (the figure compared), writing the rows as crowdmine does.
    t = time.perf_counter()
    items, nbytes = read_lines(a.texts, a.n)
    read_seconds = time.perf_counter() - t
    texts = [t for _, t in items]

    t = time.perf_counter()
    scores = [analyzer.polarity_scores(s) for s in texts]
    seconds = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with open(Path(tmp, "scores.tsv"), "w", encoding="utf-8") as out:
            out.write(HEADER + "\n")
            for (no, _), sc in zip(items, scores):
                out.write(f"{no}\t{sc['neg']}\t{sc['neu']}\t{sc['pos']}\t{sc['compound']}\n")
        write_seconds = time.perf_counter() - t
    script_seconds = read_seconds + seconds + write_seconds

    n = len(texts)
    res = dict(tool="vaderSentiment", version=version("vaderSentiment"),
               python=sys.version.split()[0], input=rel(a.texts), threads=1, texts=n,
               bytes=nbytes, seconds=seconds, texts_per_s=n / seconds,
               mb_per_s=nbytes / 1e6 / seconds, all_texts=all_texts, all_bytes=all_bytes,
               extrapolated_seconds_all=seconds * all_texts / n,
               read_seconds=read_seconds, write_seconds=write_seconds,
               script_seconds=script_seconds, script_texts_per_s=n / script_seconds,
               loadavg=loadavg(),
               command="SentimentIntensityAnalyzer().polarity_scores(text) per text "
                       "(analyzer built and texts read before the clock)",
               script="the texts read from the file, scored, and their rows written as "
                      "crowdmine writes them (line, neg, neu, pos, compound; Python's repr)")
    log(f"  vaderSentiment: {n:,} texts in {seconds:.3f} s ({n / seconds:,.0f} texts/s); "
        f"all {all_texts:,} texts would take ~{res['extrapolated_seconds_all']:.1f} s "
        f"(EXTRAPOLATED); with reading and writing {script_seconds:.3f} s")
    if a.check:
        rows = crowdmine_rows(a.check, items[-1][0] if items else 0)
        bad = []
        for (no, _), sc in zip(items, scores):
            mine = tuple(float(sc[k]) for k in KEYS)
            theirs = rows.get(no)
            if theirs != mine:
                bad.append({"line": no, "vaderSentiment": list(mine),
                            "crowdmine": list(theirs) if theirs else None})
        res["check"] = {"against": Path(a.check).stem, "texts": n, "mismatches": len(bad),
                        "first": bad[:SHOWN_MISMATCHES]}
        log(f"  agreement on the first {n:,} texts: {len(bad)} mismatches")
        for m in bad[:SHOWN_MISMATCHES]:
            log(f"    line {m['line']}: vaderSentiment {m['vaderSentiment']}, "
                f"crowdmine {m['crowdmine']}")
    return res


# ---------------------------------------------------------------- both in turns

def run_paired(a):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    with open(a.texts, "rb") as f:  # untimed: the file into the page cache, its size, offsets
        blob = f.read()
    all_texts = blob.count(b"\n") + (1 if blob and not blob.endswith(b"\n") else 0)
    starts = [0]
    for _ in range(a.n):
        i = blob.find(b"\n", starts[-1])
        starts.append(len(blob) if i < 0 else i + 1)
    del blob
    per = a.n // a.rounds
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        out_tsv = str(Path(tmp, "crowdmine.tsv"))
        cmd = [a.bin, "sentiment", "--text", a.texts, "--format", "tsv", "--out", out_tsv]
        for r in range(a.rounds):
            command, err = timed(cmd, env)
            if err.strip():
                log(err.strip()[-2000:])
            p = subprocess.run([a.scorer, a.texts, "1"], capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(f"{a.scorer} failed ({p.returncode}):\n{p.stderr[-2000:]}")
            scorer = json.loads(p.stdout)["pass_seconds"][0]
            first, last = r * per, (r + 1) * per
            # Reading this round's lines, split as crowdmine splits them (see read_lines).
            t = time.perf_counter()
            with open(a.texts, "rb") as f:
                f.seek(starts[first])
                raw = f.read(starts[last] - starts[first])
            texts = []
            for b in raw.split(b"\n")[: last - first]:
                b = b[:-1] if b.endswith(b"\r") else b
                try:
                    texts.append(b.decode("utf-8"))
                except UnicodeDecodeError:
                    texts.append(None)
            read = time.perf_counter() - t
            t = time.perf_counter()
            scores = [analyzer.polarity_scores(s) if s is not None else None for s in texts]
            scoring = time.perf_counter() - t
            t = time.perf_counter()
            with open(Path(tmp, "vader.tsv"), "w", encoding="utf-8") as out:
                out.write(HEADER + "\n")
                for no, sc in enumerate(scores, first + 1):
                    if sc is not None:
                        out.write(f"{no}\t{sc['neg']}\t{sc['neu']}\t{sc['pos']}\t{sc['compound']}\n")
            write = time.perf_counter() - t
            n = sum(1 for s in texts if s is not None)
            peer_script, peer_scoring = n / (read + scoring + write), n / scoring
            rounds.append(dict(
                command_seconds=command, scorer_seconds=scorer, peer_texts=n,
                peer_read_seconds=read, peer_seconds=scoring, peer_write_seconds=write,
                command_ratio=all_texts / command / peer_script,
                scorer_ratio=all_texts / scorer / peer_scoring))
            log(f"  round {r + 1}: command {command:.3f} s, scorer {scorer:.3f} s, "
                f"vaderSentiment {n:,} texts {read + scoring + write:.3f} s "
                f"(scoring {scoring:.3f} s): {rounds[-1]['command_ratio']:.1f}x, "
                f"{rounds[-1]['scorer_ratio']:.1f}x")
    res = dict(tool="paired", input=rel(a.texts), texts=all_texts, rounds=rounds,
               command_ratio=statistics.median(x["command_ratio"] for x in rounds),
               scorer_ratio=statistics.median(x["scorer_ratio"] for x in rounds),
               loadavg=loadavg())
    log(f"  in turns, medians of {a.rounds} rounds: command {res['command_ratio']:.1f}x, "
        f"scorer {res['scorer_ratio']:.1f}x")
    return res


# ---------------------------------------------------------------- table

def table(jsonl):
    rows = [json.loads(s) for s in Path(jsonl).read_text().splitlines() if s.strip()]
    cm = sorted((r for r in rows if r["tool"] == "crowdmine"), key=lambda r: r["threads"])
    scorers = [r for r in rows if r["tool"] == "crowdmine-scorer"]
    peers = [r for r in rows if r["tool"] == "vaderSentiment"]
    peer = peers[-1] if peers else None
    paired = [r for r in rows if r["tool"] == "paired"]

    def ratio(r, key, like):
        if not peer or key not in peer:
            return ""
        x = f"{r['texts_per_s'] / (peer['texts'] / peer[key]):.1f}×"
        return f"**{x}**" if like else x

    print("| tool | timed | threads | texts | seconds | texts/s | MB/s "
          "| ÷ vaderSentiment scoring | ÷ vaderSentiment reading, scoring, writing |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in cm:
        print(f"| crowdmine | whole command | {r['threads']} | {r['texts']:,} | "
              f"{r['seconds']:.2f} | {r['texts_per_s']:,.0f} | {r['mb_per_s']:.2f} | "
              f"{ratio(r, 'seconds', False)} | {ratio(r, 'script_seconds', True)} |")
    for r in scorers:
        print(f"| crowdmine | scorer alone | 1 | {r['texts']:,} | {r['seconds']:.2f} | "
              f"{r['texts_per_s']:,.0f} | {r['mb_per_s']:.2f} | {ratio(r, 'seconds', True)} | |")
    if peer:
        print(f"| vaderSentiment {peer['version']} | scoring | 1 | {peer['texts']:,} (first) | "
              f"{peer['seconds']:.2f} | {peer['texts_per_s']:,.0f} | {peer['mb_per_s']:.2f} | | |")
        if "script_seconds" in peer:
            s = peer["script_seconds"]
            print(f"| vaderSentiment {peer['version']} | reading, scoring, writing | 1 | "
                  f"{peer['texts']:,} (first) | {s:.2f} | {peer['texts'] / s:,.0f} | "
                  f"{peer['bytes'] / 1e6 / s:.2f} | | |")
        print(f"| vaderSentiment, **extrapolated** | scoring | 1 | {peer['all_texts']:,} | "
              f"≈ {peer['extrapolated_seconds_all']:.1f} | | | | |")
    print()
    print("Ratios in bold compare like with like: crowdmine's scorer alone with vaderSentiment's "
          "scoring alone (texts in memory, scorer built, before both clocks), and the whole "
          "command with vaderSentiment reading the file, scoring and writing the same rows. "
          "The whole command against vaderSentiment's scoring alone is the strictest figure: "
          "only one side reads and writes.")
    print()
    if cm:
        c = cm[0]
        print(f"Input: `{c['input']}`, {c['texts']:,} texts, {c['bytes'] / 1e6:.1f} MB. crowdmine: "
              f"whole `crowdmine sentiment --text FILE --format tsv --out OUT` commands under "
              f"RAYON_NUM_THREADS (spawn to exit: start-up, reading and writing included); "
              f"the median of {len(c.get('runs', [c['seconds']]))} runs ("
              + "; ".join(f"{r['threads']}t: " + ", ".join(f"{x:.2f}" for x in r.get("runs", [r["seconds"]]))
                          + " s" for r in cm)
              + "); start-up (same command on an empty file, median of 5): "
              + ", ".join(f"{r['startup_seconds'] * 1e3:.1f} ms ({r['threads']}t)" for r in cm)
              + f". {c['version']}.")
        for r in cm:
            same = r.get("identical_to")
            if same:
                print(f"The {r['threads']}-thread TSV is "
                      f"{'byte-identical' if same['identical'] else '**not identical**'} to "
                      f"the {same['run']} one.")
    if peer:
        print()
        print(f"vaderSentiment {peer['version']} (Python {peer['python']}, one thread): "
              f"`SentimentIntensityAnalyzer()` built and the texts read before the clock, then "
              f"`polarity_scores(text)` per text; **measured on the first {peer['texts']:,} "
              f"texts only**, its time for all {peer['all_texts']:,} is extrapolated linearly "
              f"from them. The ratios compare texts/s (crowdmine on all texts, vaderSentiment on "
              f"its first {peer['texts']:,}).")
        if "script_seconds" in peer:
            print(f"Its reading, scoring and writing: the same run's scoring plus two more "
                  f"clocks, reading those lines from the file ({peer['read_seconds']:.2f} s) and "
                  f"writing their rows as crowdmine writes them ({peer['write_seconds']:.2f} s); "
                  f"Python's start-up and the analyzer's construction stay outside.")
    for p in paired:
        print()
        print(f"In turns (`paired`: both sides measured in each round, one thread; like for like, "
              f"the ratios of texts per second within each round):")
        print()
        print("| round | command | vaderSentiment reading, scoring, writing | **command ÷ its "
              "reading, scoring, writing** | scorer alone | vaderSentiment scoring | **scorer ÷ "
              "its scoring** |")
        print("|---|---|---|---|---|---|---|")
        for i, x in enumerate(p["rounds"], 1):
            rsw = x["peer_read_seconds"] + x["peer_seconds"] + x["peer_write_seconds"]
            print(f"| {i} | {x['command_seconds']:.2f} s ({p['texts']:,} texts) | "
                  f"{rsw:.2f} s ({x['peer_texts']:,} texts) | {x['command_ratio']:.1f}× | "
                  f"{x['scorer_seconds']:.2f} s | {x['peer_seconds']:.2f} s | "
                  f"{x['scorer_ratio']:.1f}× |")
        print(f"| **median** | | | **{p['command_ratio']:.1f}×** | | | "
              f"**{p['scorer_ratio']:.1f}×** |")
    for r in scorers:
        print()
        print(f"crowdmine's scorer alone: `{r['command']}` (the texts split as the command "
              f"splits them and the scorer built before the clock, the scores kept; passes "
              + ", ".join(f"{x:.2f} s" for x in r["pass_seconds"]) + ").")
        chk = peer.get("check")
        if chk:
            print()
            print(f"Agreement (outside the clocks; the four scores of each of those "
                  f"{chk['texts']:,} texts, exact float equality with the `{chk['against']}` "
                  f"rows): **{chk['mismatches']} mismatches**.")
            for m in chk["first"]:
                print(f"- line {m['line']}: vaderSentiment {m['vaderSentiment']}, "
                      f"crowdmine {m['crowdmine']}")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("texts", help="write the input texts (real social texts, cycled)")
    t.add_argument("--lines", type=int, default=1_000_000)
    t.add_argument("--out", default=str(DEFAULT_TEXTS), help="inside bench/data/")
    t.add_argument("--force", action="store_true", help="rewrite an existing file")
    c = sub.add_parser("crowdmine", help="time `crowdmine sentiment`")
    c.add_argument("texts")
    c.add_argument("--bin", default="target/release/crowdmine")
    c.add_argument("--threads", type=int, default=1)
    c.add_argument("--scores", required=True, help="where its TSV is kept")
    c.add_argument("--same-as", help="a TSV this one must equal byte for byte")
    c.add_argument("--runs", type=int, default=5, help="timed runs (the median is reported)")
    sc = sub.add_parser("scorer", help="time crowdmine's scorer alone (the vader_speed example)")
    sc.add_argument("texts")
    sc.add_argument("--bin", default="target/release/examples/vader_speed")
    sc.add_argument("--passes", type=int, default=5)
    v = sub.add_parser("vader", help="time vaderSentiment and check agreement")
    v.add_argument("texts")
    v.add_argument("--n", type=int, default=100_000, help="texts scored (the first n lines)")
    v.add_argument("--check", help="crowdmine's TSV on the same file")
    pr = sub.add_parser("paired", help="crowdmine and vaderSentiment in turns, one thread")
    pr.add_argument("texts")
    pr.add_argument("--bin", default="target/release/crowdmine")
    pr.add_argument("--scorer", default="target/release/examples/vader_speed")
    pr.add_argument("--rounds", type=int, default=11)
    pr.add_argument("--n", type=int, default=100_000, help="vaderSentiment's texts, all rounds")
    tb = sub.add_parser("table", help="Markdown table from the JSON lines")
    tb.add_argument("jsonl")
    a = ap.parse_args()
    if a.cmd == "texts":
        if a.lines < 1:
            ap.error("--lines must be >= 1")
        make_texts(a)
    elif a.cmd == "table":
        table(a.jsonl)
    else:
        if a.cmd == "vader" and a.n < 1:
            ap.error("--n must be >= 1")
        if a.cmd == "scorer" and a.passes < 1:
            ap.error("--passes must be >= 1")
        if a.cmd == "crowdmine" and a.runs < 1:
            ap.error("--runs must be >= 1")
        if a.cmd == "paired" and not 1 <= a.rounds <= a.n:
            ap.error("--rounds must be between 1 and --n")
        run = {"crowdmine": run_crowdmine, "scorer": run_scorer, "vader": run_vader,
               "paired": run_paired}[a.cmd]
        res = run(a)
        print(json.dumps(res, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
