#!/usr/bin/env python3
"""Independent expected counts for the Reddit (PRAW, Pushshift) and Mastodon test data.

Command line used to produce the committed fixture (run from the repo root):

    python3 tools/platforms_expected.py

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data`. The output is
`crates/crowdmine/tests/fixtures/platforms_expected.json`, keyed by paths
relative to the data folder. Only numbers, ids, names and subreddit names go
into the fixture; no data is copied. See `shared/data/PROVENANCE.md` sections
1c, 1d and 1e for what the files are.

This script deliberately shares no code with the Rust ingester: it re-derives
the counts from the raw JSON with the rules below, so the two can be compared.
Standard library only (Python 3.11).

Rules
=====

Reading. A `.jsonl`/`.ndjson` file is one JSON value per non-empty line; any
other file is one JSON document. `records` is the number of lines for JSONL,
the number of elements for a top-level array, and 1 for a top-level object.

Reddit PRAW (`social-posts/reddit/praw/*.json*`)
  * Things are `{kind, data}` wrappers. They are found by following only the
    API structure: a Listing's `data.children`; a t1's `data.replies` when it
    is a Listing (it is "" for a leaf); a `/api/morechildren` response's
    `json.data.things`; a top-level array of any of these. Nothing else is
    searched (e.g. `crosspost_parent_list` is not a thing wrapper).
  * A thing's key is its fullname `data.name` (falling back to kind + "_" + id).
    All counts are of DISTINCT fullnames.
  * Per file: `t3`, `t1` = distinct fullnames of that kind; `deleted_authors` =
    distinct t1/t3 whose `author` is "[deleted]" or "[removed]";
    `removed_bodies` = distinct t1 whose `body`, plus t3 whose `selftext`, is
    "[deleted]" or "[removed]".
  * Thread 3hahrw: the "tree" is the second Listing of
    `submission_3hahrw_with_comments.json`; the "morechildren" set is all
    t1 in `morechildren_3hahrw.jsonl`. The merged comment set is the union of
    both, keeping only t1 whose `link_id` is t3_3hahrw.
    - `more_stubs` = number of kind=more objects in the tree (including the
      empty "continue this thread" stubs with count 0 and no children).
    - `top_level` = merged comments whose `parent_id` is t3_3hahrw.
    - `orphans` = merged comments whose `parent_id` is neither t3_3hahrw nor a
      t1 fullname in the merged set.
    - depth(c) = 1 + number of t1 ancestors reachable through `parent_id`
      inside the merged set; `max_depth` is the maximum over merged comments.
    - `reddit_depth_field_max` = max of Reddit's own `depth` field over merged
      comments that carry one, or null when none does.
  * `spez_overview_authors` = distinct `author` strings over the things of
    `user_spez_overview_new_listing.json`.

Pushshift (`social-posts/reddit/pushshift-dump-sample/`)
  * One object per line: submissions in `test_submissions.ndjson` (fullname
    "t3_" + id), comments in `test_comments.ndjson` (fullname "t1_" + id). If
    `name` is present it must equal that fullname (checked; the script fails
    otherwise).
  * `created_utc` may be int, float or string; the value is int(float(x)).
    Any float (or float string) with a fractional part is listed under
    extra.pushshift.created_utc_fractional (truncated toward zero).
  * `deleted_authors` = records whose `author` is "[deleted]" or "[removed]".
    `removed_bodies` = comments whose `body`, plus submissions whose
    `selftext`, is "[deleted]" or "[removed]".
  * `distinct_authors` = distinct `author` strings over both files, leaving
    out the placeholders and missing/null authors.
  * `comment_parents` maps each comment fullname to its raw `parent_id`.

Mastodon (`social-posts/mastodon/mastodon-py/*.json*`)
  * The kind is recognised from the file name (prefix before the first "_"
    or the id, see KIND_BY_PREFIX). Kinds `statuses`, `context`, `search`,
    `timeline` and `account` are counted; every other kind (conversations,
    notifications, grouped_notifications, suggestions, trends_tags,
    trends_links, status_history) is skipped: all its counts are 0 except
    `records`. (The statuses embedded in skipped files are reported, for
    information only, under extra.mastodon_skipped_embedded.)
  * Top-level statuses: each line (statuses), `ancestors` + `descendants`
    (context), `statuses` (search), each element (timeline). `statuses` =
    distinct `uri` among them.
  * `all_statuses` = distinct `uri` among the top-level statuses plus, applied
    recursively, each status's `reblog` and `quote.quoted_status`.
  * `direct` = distinct uris among all_statuses with visibility "direct".
  * Accounts: `account` of every status in all_statuses, the `accounts` of a
    search result, and the object of an account file. An account's key is
    `acct` when it contains "@" and `acct` + "@" + host of the account's `url`
    otherwise (host = hostname without port, lower-cased); the domain part is
    lower-cased, the user part kept as is. `accounts` = distinct keys.
  * all_files: the same distinct counts over the union of the counted files,
    and `id_collisions_across_instances` = number of status `id` values (over
    all_statuses of those files) that are shared by statuses whose uri hosts
    differ.
"""

import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
OUT_FILE = REPO_ROOT / "crates" / "crowdmine" / "tests" / "fixtures" / "platforms_expected.json"

PRAW_DIR = "social-posts/reddit/praw"
PUSHSHIFT_DIR = "social-posts/reddit/pushshift-dump-sample"
MASTODON_DIR = "social-posts/mastodon/mastodon-py"

SUBMISSION = "t3_3hahrw"
TREE_FILE = PRAW_DIR + "/submission_3hahrw_with_comments.json"
MORECHILDREN_FILE = PRAW_DIR + "/morechildren_3hahrw.jsonl"
SPEZ_FILE = PRAW_DIR + "/user_spez_overview_new_listing.json"

PLACEHOLDERS = ("[deleted]", "[removed]")

KIND_BY_PREFIX = [  # longest prefixes first
    ("grouped_notifications", "grouped_notifications"),
    ("test_instance_public_timeline", "timeline"),
    ("status_context", "context"),
    ("status_history", "status_history"),
    ("statuses", "statuses"),
    ("search", "search"),
    ("account", "account"),
    ("conversations", "conversations"),
    ("notifications", "notifications"),
    ("suggestions", "suggestions"),
    ("trends_tags", "trends_tags"),
    ("trends_links", "trends_links"),
]
COUNTED_KINDS = ("statuses", "context", "search", "timeline", "account")


# ---------------------------------------------------------------- reading --

def is_jsonl(path):
    return path.suffix in (".jsonl", ".ndjson")


def load(path):
    """Return (values, records): the list of top-level JSON values (one per
    line for JSONL, else a one-element list) and the record count."""
    text = path.read_text(encoding="utf-8")
    if is_jsonl(path):
        values = [json.loads(line) for line in text.splitlines() if line.strip()]
        return values, len(values)
    doc = json.loads(text)
    return [doc], (len(doc) if isinstance(doc, list) else 1)


def rel(path):
    return path.relative_to(DATA_DIR).as_posix()


# ----------------------------------------------------------------- reddit --

def fullname(thing):
    data = thing["data"]
    return data.get("name") or f"{thing['kind']}_{data['id']}"


def walk_things(value, out):
    """Append every {kind, data} thing reachable through API structure."""
    if isinstance(value, list):
        for item in value:
            walk_things(item, out)
        return
    if not isinstance(value, dict):
        return
    if "json" in value and isinstance(value["json"], dict):  # /api/morechildren
        walk_things(value["json"].get("data", {}).get("things", []), out)
        return
    kind, data = value.get("kind"), value.get("data")
    if not isinstance(data, dict):
        return
    if kind == "Listing":
        walk_things(data.get("children", []), out)
        return
    out.append(value)
    if kind == "t1" and isinstance(data.get("replies"), dict):
        walk_things(data["replies"], out)


def things_of(path):
    values, _ = load(path)
    things = []
    walk_things(values, things)
    return things


def distinct(things, kinds):
    """Distinct things of the given kinds, by fullname (first occurrence)."""
    seen = {}
    for thing in things:
        if thing["kind"] in kinds:
            seen.setdefault(fullname(thing), thing["data"])
    return seen


def praw_file_counts(things):
    t3 = distinct(things, ("t3",))
    t1 = distinct(things, ("t1",))
    both = list(t3.values()) + list(t1.values())
    return {
        "t3": len(t3),
        "t1": len(t1),
        "deleted_authors": sum(1 for d in both if d.get("author") in PLACEHOLDERS),
        "removed_bodies": sum(1 for d in t1.values() if d.get("body") in PLACEHOLDERS)
        + sum(1 for d in t3.values() if d.get("selftext") in PLACEHOLDERS),
    }


def reddit_praw():
    files = {}
    for path in sorted((DATA_DIR / PRAW_DIR).glob("*.json*")):
        files[rel(path)] = praw_file_counts(things_of(path))

    tree_values, _ = load(DATA_DIR / TREE_FILE)
    submission_listing, tree_listing = tree_values[0]
    submission_things = []
    walk_things(submission_listing, submission_things)
    submission = distinct(submission_things, ("t3",))
    assert list(submission) == [SUBMISSION], list(submission)
    tree_things = []
    walk_things(tree_listing, tree_things)
    tree = distinct(tree_things, ("t1",))
    stubs = [t["data"] for t in tree_things if t["kind"] == "more"]
    more = distinct(things_of(DATA_DIR / MORECHILDREN_FILE), ("t1",))

    merged = {}
    for source in (tree, more):
        for name, data in source.items():
            if data.get("link_id") == SUBMISSION:
                merged.setdefault(name, data)

    depth_cache = {}

    def depth(name):
        chain = []
        while name in merged and name not in depth_cache:
            chain.append(name)
            name = merged[name]["parent_id"]
        base = depth_cache.get(name, 0)
        for n in reversed(chain):
            base += 1
            depth_cache[n] = base
        return depth_cache[chain[0]] if chain else base

    depths = {name: depth(name) for name in merged}
    parents = {name: data["parent_id"] for name, data in merged.items()}
    orphans = sorted(n for n, p in parents.items() if p != SUBMISSION and p not in merged)
    own_depths = [d["depth"] for d in merged.values() if isinstance(d.get("depth"), int)]
    stub_ids = {"t1_" + c for s in stubs for c in s.get("children", [])}

    spez = things_of(DATA_DIR / SPEZ_FILE)
    result = {
        "submission": SUBMISSION,
        "tree_comments": len(tree),
        "morechildren_comments": len(more),
        "comments": len(merged),
        "more_stubs": len(stubs),
        "max_depth": max(depths.values()),
        "reddit_depth_field_max": max(own_depths) if own_depths else None,
        "orphans": len(orphans),
        "top_level": sum(1 for p in parents.values() if p == SUBMISSION),
        "files": files,
        "spez_overview_authors": len({t["data"]["author"] for t in spez
                                      if isinstance(t["data"].get("author"), str)}),
    }
    extra = {
        "submission_num_comments": submission[SUBMISSION].get("num_comments"),
        "tree_morechildren_overlap": len(set(tree) & set(more)),
        "comments_off_submission": len(set(tree) | set(more)) - len(merged),
        "more_stub_child_ids": len(stub_ids),
        "more_stub_child_ids_in_morechildren": len(stub_ids & set(more)),
        "more_stubs_empty": sum(1 for s in stubs if not s.get("children")),
        "more_stub_count_sum": sum(s.get("count", 0) for s in stubs),
        "orphan_ids": orphans,
        "depth_histogram": {str(k): v for k, v in sorted(
            _histogram(depths.values()).items())},
        "deepest": sorted(n for n, d in depths.items() if d == max(depths.values())),
    }
    return result, extra


def _histogram(values):
    counts = defaultdict(int)
    for v in values:
        counts[v] += 1
    return counts


# -------------------------------------------------------------- pushshift --

def pushshift():
    created, subreddits, parents, authors = {}, {}, {}, set()
    deleted_authors = removed_bodies = 0
    fractional, types = [], defaultdict(int)
    counts = {}
    for fname, prefix, body_field, key in [
            ("test_submissions.ndjson", "t3_", "selftext", "submissions"),
            ("test_comments.ndjson", "t1_", "body", "comments")]:
        records, n = load(DATA_DIR / PUSHSHIFT_DIR / fname)
        counts[key] = n
        for rec in records:
            name = prefix + rec["id"]
            if "name" in rec and rec["name"] != name:
                sys.exit(f"{fname}: name {rec['name']!r} disagrees with id {rec['id']!r}")
            if name in created:
                sys.exit(f"{fname}: duplicate {name}")
            raw = rec["created_utc"]
            types[f"{key}:{type(raw).__name__}"] += 1
            value = float(raw)
            if value != int(value):
                fractional.append(name)
            created[name] = int(value)
            subreddits[name] = rec["subreddit"]
            author = rec.get("author")
            if author in PLACEHOLDERS:
                deleted_authors += 1
            elif isinstance(author, str) and author:
                authors.add(author)
            if rec.get(body_field) in PLACEHOLDERS:
                removed_bodies += 1
            if prefix == "t1_":
                parents[name] = rec["parent_id"]
    result = {
        "submissions": counts["submissions"],
        "comments": counts["comments"],
        "created": created,
        "subreddits": subreddits,
        "deleted_authors": deleted_authors,
        "removed_bodies": removed_bodies,
        "comment_parents": parents,
        "distinct_authors": len(authors),
    }
    extra = {
        "created_utc_fractional": sorted(fractional),
        "created_utc_json_types": dict(sorted(types.items())),
        "comment_parents_in_sample": sorted(p for p in parents.values() if p in created),
    }
    return result, extra


# --------------------------------------------------------------- mastodon --

def mastodon_kind(name):
    for prefix, kind in KIND_BY_PREFIX:
        if name.startswith(prefix):
            return kind
    sys.exit(f"unknown Mastodon file kind: {name}")


def host(url):
    return (urlsplit(url).hostname or "").lower()


def account_key(account):
    acct = account["acct"]
    if "@" in acct:
        user, domain = acct.split("@", 1)
    else:
        user, domain = acct, host(account["url"])
    return f"{user}@{domain.lower()}"


def expand(statuses):
    """All statuses reachable from the given ones through reblog and
    quote.quoted_status, the given ones included."""
    out, stack = [], list(statuses)
    while stack:
        status = stack.pop()
        if not isinstance(status, dict):
            continue
        out.append(status)
        stack.append(status.get("reblog"))
        quote = status.get("quote")
        if isinstance(quote, dict):
            stack.append(quote.get("quoted_status"))
    return out


def top_level_statuses(kind, values):
    if kind in ("statuses",):
        return values
    doc = values[0]
    if kind == "context":
        return doc["ancestors"] + doc["descendants"]
    if kind == "search":
        return doc["statuses"]
    if kind == "timeline":
        return doc
    return []


def embedded_in_skipped(kind, doc):
    """Statuses embedded in a skipped file (for information only)."""
    if kind == "conversations":
        return [c.get("last_status") for c in doc]
    if kind == "notifications":
        return [n.get("status") for n in doc]
    if kind == "grouped_notifications":
        return doc.get("statuses", [])
    return []


def mastodon():
    result, skipped = {}, {}
    all_uris, all_accounts = set(), set()
    hosts_by_id = defaultdict(set)
    for path in sorted((DATA_DIR / MASTODON_DIR).glob("*.json*")):
        kind = mastodon_kind(path.name)
        values, records = load(path)
        entry = {"kind": kind, "records": records, "statuses": 0,
                 "all_statuses": 0, "direct": 0, "accounts": 0}
        result[rel(path)] = entry
        if kind not in COUNTED_KINDS:
            embedded = expand(embedded_in_skipped(kind, values[0]))
            if embedded:
                skipped[rel(path)] = {
                    "all_statuses": len({s["uri"] for s in embedded}),
                    "direct": len({s["uri"] for s in embedded if s.get("visibility") == "direct"}),
                }
            continue
        top = top_level_statuses(kind, values)
        every = expand(top)
        accounts = {account_key(s["account"]) for s in every}
        if kind == "search":
            accounts |= {account_key(a) for a in values[0]["accounts"]}
        if kind == "account":
            accounts.add(account_key(values[0]))
        entry["statuses"] = len({s["uri"] for s in top})
        entry["all_statuses"] = len({s["uri"] for s in every})
        entry["direct"] = len({s["uri"] for s in every if s.get("visibility") == "direct"})
        entry["accounts"] = len(accounts)
        all_uris |= {s["uri"] for s in every}
        all_accounts |= accounts
        for s in every:
            hosts_by_id[s["id"]].add(host(s["uri"]))
    collisions = sorted(i for i, hosts in hosts_by_id.items() if len(hosts) > 1)
    result["all_files"] = {
        "statuses": len(all_uris),
        "accounts": len(all_accounts),
        "id_collisions_across_instances": len(collisions),
    }
    extra = {"id_collisions": collisions}
    return result, skipped, extra


# ------------------------------------------------------------------- main --

def main():
    if not DATA_DIR.is_dir():
        sys.exit(f"data folder not found: {DATA_DIR} (set CROWDMINE_DATA)")
    praw, praw_extra = reddit_praw()
    ps, ps_extra = pushshift()
    masto, skipped, masto_extra = mastodon()
    out = {
        "reddit_praw": praw,
        "pushshift": ps,
        "mastodon": masto,
        "extra": {
            "reddit_praw": praw_extra,
            "pushshift": ps_extra,
            "mastodon": masto_extra,
            "mastodon_skipped_embedded": skipped,
        },
    }
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT_FILE.relative_to(REPO_ROOT)}")
    checks = [("tree_comments", praw["tree_comments"], 476),
              ("morechildren_comments", praw["morechildren_comments"], 57),
              ("comments", praw["comments"], 533),
              ("max_depth", praw["max_depth"], 10)]
    for name, got, want in checks:
        print(f"  {'ok' if got == want else 'MISMATCH':8} reddit_praw.{name}: got {got}, brief says {want}")


if __name__ == "__main__":
    main()
