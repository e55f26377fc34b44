#!/usr/bin/env python3
"""Time a Clauset-Shalizi-Newman power-law fit in crowdmine or in the Python `powerlaw` package;
make the degree files and the table of bench/powerlaw.sh.

  bench/.venv/bin/python bench/powerlaw_peer.py degrees EDGE_FILE OUT.degrees
  bench/.venv/bin/python bench/powerlaw_peer.py powerlaw VALUES [--replicates 5] [--target 1000] [--seed 1]
  bench/.venv/bin/python bench/powerlaw_peer.py crowdmine VALUES --bin BIN --threads N \
      [--bootstrap 1000] [--seed 1]
  bench/.venv/bin/python bench/powerlaw_peer.py table bench/out/powerlaw.jsonl

`degrees`: EDGE_FILE is a "u v" edge list with integer node ids (bench/make_graphs.py). The degree
of a node is the number of edge ends at it (numpy bincount over both columns: the total degree,
in + out on a directed file; a self-loop adds 2; as NetworkX's degree on a simple graph). Nodes of
degree 0 (ids below the largest that never occur) are dropped. OUT gets one integer per line, in
node-id order, no header. Deterministic; rewritten on every call (about 1 s for 2M edges).

`powerlaw` and `crowdmine` print one JSON line: {"tool", "version", "input", "n", "threads",
"seconds": {...}, "fit": {"xmin", "alpha", "D", "n_tail", ...}, "bootstrap": {...},
"alternatives": {...}, "notes": [...]}. VALUES holds one non-negative integer per line (a first
line that is not a number is taken as a header); zeros are dropped.

What is timed (time.perf_counter()):

- powerlaw (2.0.0; single-threaded, one process; bench/powerlaw.sh pins OMP/BLAS to 1 thread):
  the values are read before the clock ("load"). "fit" is
      fit = powerlaw.Fit(data, discrete=True, estimate_discrete=False, verbose=0)
  plus, for X in lognormal, exponential, stretched_exponential, truncated_power_law,
      fit.distribution_compare('power_law', X, normalized_ratio=True)
  (which fit the power law again on the tail and each alternative; warnings silenced).
  powerlaw has no goodness-of-fit bootstrap (tools/POWERLAW_NOTES.md, section 8), so the
  "bootstrap" is what a powerlaw user has to write, the CSN 2009 section 4.1 semi-parametric
  bootstrap as in tools/powerlaw_expected.py: per replicate, with numpy.random.default_rng(seed)
  consumed in the order binomial, choice, uniforms, n_below ~ Binomial(n, 1 - n_tail/n) values
  are drawn with replacement from the observations below the fitted x_min, the other n - n_below
  from the exact discrete power law on x >= x_min (inverse CDF through the Hurwitz zeta,
  tools/powerlaw_expected.py's DiscretePowerLawSampler, imported; a copy of it below is the
  fallback if that import fails), and the synthetic set is fitted with powerlaw.Fit(syn, discrete=True,
  estimate_discrete=False) (its own x_min scan; no compares), whose D is recorded. Only
  --replicates R of them run; "bootstrap_measured" is the sampler set-up plus the R replicates,
  and "bootstrap_extrapolated" = set-up + (sum of the R replicate times) / R * --target, linear
  in the number of replicates (each is an independent fit of the same size), labelled as
  extrapolated everywhere. R replicates give no usable p-value; their D values and the count
  with D >= the observed D are recorded for information only.
- crowdmine: whole commands, spawn to exit, under RAYON_NUM_THREADS=N:
      crowdmine powerlaw --values VALUES --output json --bootstrap 0         ("fit", fit + compares)
      crowdmine powerlaw --values VALUES --output json --bootstrap B --seed S ("whole_bootstrap")
  The fit command runs once untimed first (binary and file into the page cache). "bootstrap" =
  whole_bootstrap - fit, the cost of the B replicates alone; both whole times are kept. A whole
  command also holds process start and reading VALUES, which the powerlaw side leaves out.
  From its JSON: xmin, alpha, D, n_tail, bootstrap {p, B}, alternatives (kept as printed).

`table` writes the markdown table of bench/out/powerlaw.md from the JSON lines. For each
crowdmine row the check column compares its x_min and alpha (from the fit command) with
powerlaw's on the same input: identical x_min and |alpha difference| <= 1e-3 (crowdmine takes the
exact MLE, powerlaw Nelder-Mead with tol 1e-4; tools/POWERLAW_NOTES.md section 9).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ALTERNATIVES = ["lognormal", "exponential", "stretched_exponential", "truncated_power_law"]
ALPHA_TOL = 1e-3


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def read_values(path):
    """One non-negative integer per line; a non-numeric first line is a header. Zeros dropped."""
    with open(path) as f:
        lines = [s.strip() for s in f]
    lines = [s for s in lines if s]
    if lines and not lines[0].lstrip("+-").isdigit():
        lines = lines[1:]
    x = np.array([int(s) for s in lines], dtype=np.int64)
    if (x < 0).any():
        sys.exit(f"{path}: negative values")
    return x[x > 0]


# ---------------------------------------------------------------- degrees

def make_degrees(edges, out):
    t = time.perf_counter()
    e = np.fromfile(edges, dtype=np.int64, sep=" ")
    if e.size % 2:
        sys.exit(f"{edges}: odd number of integers, not a 'u v' edge list")
    e = e.reshape(-1, 2)
    n = int(e.max()) + 1
    d = np.bincount(e[:, 0], minlength=n) + np.bincount(e[:, 1], minlength=n)
    d = d[d > 0]
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(map(str, d.tolist())) + "\n")
    os.replace(tmp, out)
    log(f"{out}: {len(d):,} degrees from {len(e):,} edges ({n - len(d)} zeros dropped), "
        f"min {d.min()}, max {d.max()}, {len(np.unique(d))} distinct, "
        f"{time.perf_counter() - t:.2f} s")


# ---------------------------------------------------------------- powerlaw

def sampler_class():
    sys.dont_write_bytecode = True  # no __pycache__ in tools/
    tools = Path(__file__).resolve().parent.parent / "tools"
    sys.path.insert(0, str(tools))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import powerlaw_expected  # noqa: E402  (also pins OMP/BLAS threads to 1)
    finally:
        sys.path.remove(str(tools))
    return powerlaw_expected.DiscretePowerLawSampler, "tools/powerlaw_expected.py (imported)"


def run_powerlaw(a):
    Sampler, sampler_src = sampler_class()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import powerlaw

    seconds, notes = {}, []
    t = time.perf_counter()
    x = read_values(a.values)
    seconds["load"] = time.perf_counter() - t
    n = len(x)
    data = x.astype(float)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        fit = powerlaw.Fit(data, discrete=True, estimate_discrete=False, verbose=0)
        alts = {X: fit.distribution_compare("power_law", X, normalized_ratio=True)
                for X in ALTERNATIVES}
        seconds["fit"] = time.perf_counter() - t
    log(f"  fit + 4 compares: {seconds['fit']:.3f} s")
    xmin, alpha, D = float(fit.xmin), float(fit.alpha), float(fit.D)
    n_tail = int(fit.n_tail)
    res_fit = {"xmin": int(xmin), "alpha": alpha, "D": D, "n_tail": n_tail,
               "sigma": float(fit.sigma), "noise_flag": bool(fit.noise_flag),
               "candidates": int(len(fit.xmin_fitting_results["xmins"]))}
    res_alts = {X: {"R": float(R), "p": float(p)} for X, (R, p) in alts.items()}

    # CSN bootstrap, R replicates of the full x_min scan.
    t = time.perf_counter()
    rng = np.random.default_rng(a.seed)
    pool = np.sort(x[x < xmin])
    sampler = Sampler(alpha, int(xmin))
    setup = time.perf_counter() - t
    per_rep, gen_s, fit_s, Ds, syn_xmin = [], [], [], [], []
    for b in range(a.replicates):
        t0 = time.perf_counter()
        n_below = int(rng.binomial(n, 1.0 - n_tail / n)) if n_tail < n else 0
        below = rng.choice(pool, n_below, replace=True) if n_below else np.empty(0, dtype=np.int64)
        u = 1.0 - rng.random(n - n_below)
        syn = np.concatenate([below, sampler.sample(u)]).astype(float)
        t1 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            f = powerlaw.Fit(syn, discrete=True, estimate_discrete=False, verbose=0)
            d_b, x_b = float(f.D), float(f.xmin)
        t2 = time.perf_counter()
        gen_s.append(t1 - t0)
        fit_s.append(t2 - t1)
        per_rep.append(t2 - t0)
        Ds.append(d_b)
        syn_xmin.append(x_b)
        log(f"  replicate {b + 1}/{a.replicates}: {t2 - t0:.3f} s (generate {t1 - t0:.3f} s), "
            f"x_min {x_b:g}, D {d_b:.5f}")
    measured = setup + sum(per_rep)
    extrapolated = setup + (sum(per_rep) / a.replicates) * a.target if a.replicates else None
    seconds["bootstrap_measured"] = measured
    seconds["bootstrap_extrapolated"] = extrapolated
    if extrapolated is not None:
        log(f"  bootstrap: {a.replicates} replicates in {measured:.3f} s, extrapolated to "
            f"{a.target}: {extrapolated:.1f} s")
    boot = {
        "replicates": a.replicates, "target": a.target, "extrapolated": True, "seed": a.seed,
        "setup_seconds": setup, "replicate_seconds": per_rep,
        "generate_seconds": gen_s, "fit_seconds": fit_s,
        "D_synthetic": Ds, "xmin_synthetic": syn_xmin,
        "n_ge_of_replicates": int(sum(d >= D for d in Ds)),
        "sampler": sampler_src,
    }
    notes.append("fit = powerlaw.Fit(data, discrete=True, estimate_discrete=False) + 4 x "
                 "distribution_compare('power_law', X, normalized_ratio=True); values read "
                 "before the clock")
    notes.append(f"bootstrap: CSN sec. 4.1 semi-parametric, each replicate = synthetic set "
                 f"({sampler_src}) + powerlaw.Fit (no compares); {a.replicates} replicates "
                 f"measured, extrapolated linearly to {a.target}")
    return dict(tool="powerlaw", version=powerlaw.__version__, n=n, threads=1, seconds=seconds,
                fit=res_fit, bootstrap=boot, alternatives=res_alts, notes=notes)


# ---------------------------------------------------------------- crowdmine

def crowdmine_run(cmd, threads):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    start = p.stdout.find("{")
    try:
        obj, _ = json.JSONDecoder().raw_decode(p.stdout[start:]) if start >= 0 else (None, 0)
    except json.JSONDecodeError as exc:
        obj = None
        log(f"  {exc}")
    if not isinstance(obj, dict):
        sys.exit(f"{' '.join(cmd)}: no JSON object on stdout; stdout began:\n{p.stdout[:2000]}")
    log(f"  {' '.join(cmd[1:])} (whole command): {seconds:.3f} s")
    return seconds, obj


def run_crowdmine(a):
    n = len(read_values(a.values))
    base = [a.bin, "powerlaw", "--values", a.values, "--output", "json", "--quiet"]
    fit_cmd = base + ["--bootstrap", "0"]
    boot_cmd = base + ["--bootstrap", str(a.bootstrap), "--seed", str(a.seed)]
    crowdmine_run(fit_cmd, a.threads)  # untimed warm-up
    t_fit, j = crowdmine_run(fit_cmd, a.threads)
    t_boot, jb = crowdmine_run(boot_cmd, a.threads)
    seconds = {"fit": t_fit, "whole_bootstrap": t_boot, "bootstrap": t_boot - t_fit}
    res_fit = {k: j.get(c) for k, c in (("xmin", "xmin"), ("alpha", "alpha"), ("D", "d"),
                                        ("n_tail", "n_tail"))}
    notes = []
    for k in ("xmin", "alpha"):
        if jb.get(k) != j.get(k):
            notes.append(f"{k} differs between the fit command ({j.get(k)}) and the bootstrap "
                         f"command ({jb.get(k)})")
    gof = jb.get("goodness_of_fit")
    boot = {"p": gof.get("p"), "B": gof.get("replicates")} if isinstance(gof, dict) else None
    if boot is None or boot["p"] is None:
        notes.append("bootstrap command printed no goodness_of_fit.p")
    notes.append("seconds: whole commands under RAYON_NUM_THREADS; fit = `powerlaw --values F "
                 "--output json --bootstrap 0`; bootstrap = whole `--bootstrap B --seed S` "
                 "command minus the fit command")
    version = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    return dict(tool="crowdmine", version=version, n=n, threads=a.threads, seconds=seconds,
                whole={"fit": t_fit, "bootstrap": t_boot}, fit=res_fit,
                bootstrap=boot, alternatives=jb.get("alternatives", j.get("alternatives")),
                command=" ".join(["crowdmine"] + boot_cmd[1:]), notes=notes)


# ---------------------------------------------------------------- table

def fmt(s):
    if s is None:
        return "–"
    return f"{s:.3f}" if abs(s) < 10 else f"{s:.1f}"


def ratio(a, b):
    return f"{a / b:.1f}" if a is not None and b is not None and b > 0 else "–"


def check(peer, r):
    """crowdmine's x_min/alpha against powerlaw's on the same input."""
    if peer is None:
        return "– (no powerlaw row)"
    px, pa = peer["fit"]["xmin"], peer["fit"]["alpha"]
    cx, ca = r["fit"].get("xmin"), r["fit"].get("alpha")
    try:
        same_x = cx is not None and float(cx) == float(px)
        da = abs(float(ca) - float(pa))
    except (TypeError, ValueError):
        return f"✗ unreadable (x_min {cx}, α {ca})"
    if same_x and da <= ALPHA_TOL:
        return f"✓ same x_min, \\|Δα\\| {da:.1e}"
    return f"✗ x_min {cx} vs {px}, \\|Δα\\| {da:.1e}"


def alt_text(alts):
    if not isinstance(alts, dict):
        return json.dumps(alts)
    bits = []
    for X, v in alts.items():
        if isinstance(v, dict) and "R" in v and "p" in v:
            bits.append(f"{X} R {float(v['R']):+.3f} p {float(v['p']):.3g}")
        else:
            bits.append(f"{X} {json.dumps(v, separators=(',', ':'))}")
    return "; ".join(bits)


def table(jsonl):
    rows = [json.loads(line) for line in open(jsonl) if line.strip()]
    inputs = []
    for r in rows:
        if r["input"] not in inputs:
            inputs.append(r["input"])
    head = ["input", "n", "tool", "threads", "fit s", "bootstrap-1000 s", "fit + bootstrap-1000 s",
            "x_min", "α", "check against powerlaw", "powerlaw ÷ crowdmine (fit / bootstrap / total)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for inp in inputs:
        here = [r for r in rows if r["input"] == inp]
        peer = next((r for r in here if r["tool"] == "powerlaw"), None)
        pf = pb = pt = None
        if peer:
            s = peer["seconds"]
            pf, pb = s["fit"], s.get("bootstrap_extrapolated")
            pt = pf + pb if pb is not None else None
        for r in sorted(here, key=lambda r: (r["tool"] != "powerlaw", r["threads"])):
            s = r["seconds"]
            if r["tool"] == "powerlaw":
                b = r["bootstrap"]
                boot = f"{fmt(pb)} (extrapolated from {b['replicates']})"
                total = f"{fmt(pt)} (extrapolated)"
                chk, rat = "(reference)", "–"
                tool = f"powerlaw {r['version']}"
            else:
                boot, total = fmt(s["bootstrap"]), fmt(s["whole_bootstrap"])
                B = (r.get("bootstrap") or {}).get("B")
                if B is not None and B != 1000:
                    boot += f" (B = {B})"
                chk = check(peer, r)
                rat = " / ".join([ratio(pf, s["fit"]), ratio(pb, s["bootstrap"]),
                                  ratio(pt, s["whole_bootstrap"])])
                tool = "crowdmine"
            alpha = r["fit"].get("alpha")
            alpha = f"{alpha:.6f}" if isinstance(alpha, (int, float)) else str(alpha)
            print(f"| {inp} | {r['n']:,} | {tool} | {r['threads']} | {fmt(s['fit'])} | {boot} | "
                  f"{total} | {r['fit'].get('xmin')} | {alpha} | {chk} | {rat} |")
    print()
    print("powerlaw: `Fit(data, discrete=True, estimate_discrete=False)` + the four "
          "`distribution_compare('power_law', X, normalized_ratio=True)`, the values read before "
          "the clock, one thread; its bootstrap is the CSN semi-parametric bootstrap written "
          "around it (powerlaw has none), each replicate a synthetic set + `powerlaw.Fit`, "
          "**measured on a few replicates and extrapolated linearly to 1000**. crowdmine: whole "
          "`crowdmine powerlaw --values FILE --output json` commands (process start and reading included); "
          "its bootstrap-1000 is the whole `--bootstrap 1000 --seed 1` command minus the fit "
          "command, and fit + bootstrap-1000 is that whole command. Ratios > 1: crowdmine faster. "
          "The check: same x_min and |Δα| ≤ 1e-3.")
    print()
    for inp in inputs:
        for r in [r for r in rows if r["input"] == inp]:
            desc = f"{inp}, {r['tool']}" + (f" {r['threads']}t" if r["tool"] == "crowdmine" else "")
            f = r["fit"]
            if r["tool"] == "powerlaw":
                b = r["bootstrap"]
                reps = ", ".join(f"{t:.2f}" for t in b["replicate_seconds"])
                print(f"- {desc}: D {f['D']:.6f}, n_tail {f['n_tail']:,}, {f['candidates']} x_min "
                      f"candidates, noise_flag {f['noise_flag']}; replicates {reps} s (sampler "
                      f"set-up {b['setup_seconds']:.3f} s); synthetic D "
                      f"{', '.join(f'{d:.4f}' for d in b['D_synthetic'])} "
                      f"({b['n_ge_of_replicates']} of {b['replicates']} ≥ observed; too few for a p)")
            else:
                b = r.get("bootstrap") or {}
                D = f.get("D")
                dtxt = f"D {D:.6f}" if isinstance(D, (int, float)) else f"D {D}"
                print(f"- {desc}: {dtxt}, n_tail {f.get('n_tail')}; bootstrap p {b.get('p')} "
                      f"(B = {b.get('B')}); `{r.get('command', '')}` ({r.get('version', '?')})")
            print(f"  - alternatives (R normalised, > 0 favours the power law): "
                  f"{alt_text(r.get('alternatives'))}")
            for note in r.get("notes", []):
                if r["tool"] == "crowdmine" and note.startswith("seconds:"):
                    continue
                if r["tool"] == "powerlaw" and not note.startswith("bootstrap:"):
                    continue
                print(f"  - {note}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("degrees", help="write a degree file from an edge list")
    d.add_argument("edges")
    d.add_argument("out")
    p = sub.add_parser("powerlaw", help="time the Python powerlaw package")
    p.add_argument("values")
    p.add_argument("--replicates", type=int, default=5, help="bootstrap replicates measured")
    p.add_argument("--target", type=int, default=1000, help="replicates extrapolated to")
    p.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("crowdmine", help="time `crowdmine powerlaw`")
    c.add_argument("values")
    c.add_argument("--bin", default="target/release/crowdmine")
    c.add_argument("--threads", type=int, default=1)
    c.add_argument("--bootstrap", type=int, default=1000)
    c.add_argument("--seed", type=int, default=1)
    t = sub.add_parser("table", help="markdown table from the JSON lines")
    t.add_argument("jsonl")
    a = ap.parse_args()
    if a.cmd == "degrees":
        make_degrees(a.edges, a.out)
        return
    if a.cmd == "table":
        table(a.jsonl)
        return
    if a.cmd == "powerlaw" and a.replicates < 1:
        ap.error("--replicates must be >= 1")
    log(f"{a.cmd} on {os.path.basename(a.values)}"
        + (f", {a.threads} thread(s)" if a.cmd == "crowdmine" else ""))
    res = run_powerlaw(a) if a.cmd == "powerlaw" else run_crowdmine(a)
    out = dict(tool=res.pop("tool"), input=os.path.basename(a.values))
    out.update(res)
    print(json.dumps(out, allow_nan=True), flush=True)


if __name__ == "__main__":
    main()
