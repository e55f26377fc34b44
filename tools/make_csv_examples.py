#!/usr/bin/env python3
"""Command line (from the repo root):

    python3 -m venv bench/.venv && bench/.venv/bin/pip install twarc-csv==0.7.2 'pandas<3'
    bench/.venv/bin/python tools/make_csv_examples.py

Writes the CSV examples that the CSV ingest tests read:

* `examples/x-v2-sample.twarc.csv` -- the fictional `examples/x-v2-sample.jsonl`
  converted by the reference tool itself, `twarc2 csv` (twarc-csv 0.7.2, its
  default columns, plus `geo.contained_within`, which the sample's places
  carry; without the long `__twarc.url` column to keep the file small).
* `examples/4cat-reddit-sample.csv` -- a small, entirely FICTIONAL export in
  the layout of 4CAT's Reddit data source (its mapped-item columns: id,
  thread_id, timestamp, body, subject, author, subreddit, score, ...; Reddit ids
  bare, without the `t3_`/`t1_` prefix).

Deterministic: the same input gives the same files.
"""

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv" / "bin"


def twarc_csv():
    src = ROOT / "examples" / "x-v2-sample.jsonl"
    out = ROOT / "examples" / "x-v2-sample.twarc.csv"
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.csv"
        # The bearer token only keeps twarc2 from asking for credentials; nothing goes on the network.
        subprocess.run(
            [str(VENV / "twarc2"), "--log", str(Path(tmp) / "twarc.log"), "--bearer-token", "none",
             "csv", "--extra-input-columns", "geo.contained_within", str(src), str(full)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp,
        )
        with open(full, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    keep = [i for i, name in enumerate(rows[0]) if name != "__twarc.url"]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for r in rows:
            w.writerow([r[i] for i in keep])
    print(f"wrote {out.relative_to(ROOT)}: {len(rows) - 1} rows")


FOURCAT_ROWS = [
    # id, thread_id, timestamp, body, subject, author, subreddit, score, url
    ("pe001", "pe001", "2022-10-14 08:00:00", "Bib pickup is at the harbour tent until 6pm.", "Race weekend thread", "harbour_runner", "PortEllery", "41", "https://pem-marathon.example/bibs"),
    ("pe002", "pe001", "2022-10-14 08:12:30", "Thanks! Is there parking near the tent? #PEM2022", "", "gull_watcher", "PortEllery", "7", ""),
    ("pe003", "pe001", "2022-10-14 09:01:05", "Take the shuttle, the lots fill up early.", "", "harbour_runner", "PortEllery", "12", ""),
    ("pe004", "pe001", "2022-10-14 09:30:00", "[deleted]", "", "[deleted]", "PortEllery", "1", ""),
    ("pe005", "pe005", "2022-10-15 18:45:10", "Finished my first marathon today, legs are gone.", "PR report", "slow_and_steady", "running", "230", ""),
    ("pe006", "pe005", "2022-10-15 19:02:44", "Congrats, enjoy the rest day!", "", "gull_watcher", "running", "18", ""),
]


def fourcat():
    out = ROOT / "examples" / "4cat-reddit-sample.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "thread_id", "timestamp", "body", "subject", "author", "subreddit", "score", "url"])
        w.writerows(FOURCAT_ROWS)
    print(f"wrote {out.relative_to(ROOT)}: {len(FOURCAT_ROWS)} rows")


if __name__ == "__main__":
    if not (VENV / "twarc2").exists():
        sys.exit("twarc-csv is missing: see the command line at the top of this file")
    twarc_csv()
    fourcat()
