#!/usr/bin/env python3
"""Independent expected ingest counts for X/Twitter export files.

Command line used to produce the committed fixture (run from the repo root):

    python3 tools/x_expected.py

The data folder comes from the environment variable CROWDMINE_DATA and
defaults to `<repo root>/../shared/data`. The output is
`crates/crowdmine/tests/fixtures/x_expected.json`, keyed by paths relative to
the data folder (and, for the fictional samples in `examples/`, to the repo root). Each input file is processed on its own, as if it were
ingested into a fresh, empty corpus.

This script deliberately shares no code with the Rust ingester: it re-derives
the counts from the raw JSON with the rules below, so the two can be compared.
Standard library only (Python 3.11).
"""

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CROWDMINE_DATA", REPO_ROOT.parent / "shared" / "data"))
OUT_FILE = REPO_ROOT / "crates" / "crowdmine" / "tests" / "fixtures" / "x_expected.json"
INPUT_DIRS = ["social-posts/twitter-v2", "social-posts/twitter-v1.1"]
INPUT_FILES = ["cascades-temporal/twarc-network_blacklivesmatter_search.jsonl"]

# Fields whose presence on a mention item means it carries an inlined user
# object (twarc2 flattening expands mentions into full users).
USER_OBJECT_FIELDS = ("name", "created_at", "description", "public_metrics", "profile_image_url")


# ---------------------------------------------------------------- reading --

def read_records(path):
    """Yield (record_number, value, ok). JSONL if the first non-empty line
    parses on its own (record number = 1-based line number, a bad line is a
    rejected record); otherwise one document, an array being one record per
    element (numbered 1..n)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next((l for l in lines if l.strip()), None)
    if first is None:
        return
    try:
        json.loads(first)
        jsonl = True
    except ValueError:
        jsonl = False
    if jsonl:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line), True
            except ValueError:
                yield n, None, False
        return
    try:
        doc = json.loads(text)
    except ValueError:
        yield 1, None, False
        return
    if isinstance(doc, list):
        for n, element in enumerate(doc, 1):
            yield n, element, True
    else:
        yield 1, doc, True


# ------------------------------------------------------------- file state --

class UnionFind:
    """Groups tweet ids that are versions of one post (edit history)."""

    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class FileState:
    def __init__(self):
        self.uf = UnionFind()
        self.post_ids = set()            # tweet ids that appear as post objects
        self.collected_ids = set()       # ... of which appear as collected
        self.kinds = defaultdict(set)    # tweet id -> {"repost","reply","quote"}
        self.author = {}                 # tweet id -> author account id
        self.accounts = {}               # account id -> lowercased handle (or None)
        self.id_refs = set()             # author_id / in_reply_to ids (may lack object)
        self.mention_ids = set()         # mention targets known by id
        self.pending_mentions = []       # (tweet id, lowercased handle) w/o id
        self.edges = set()               # (tweet id, kind, dst account key)
        self.entities = set()            # (tweet id, kind, value)

    # -- accounts --
    def add_account(self, user):
        uid = user.get("id_str") or user.get("id")
        if uid is None:
            return
        handle = user.get("username") or user.get("screen_name")
        uid = str(uid)
        if self.accounts.get(uid) is None:
            self.accounts[uid] = handle.lower() if handle else None

    # -- posts --
    def add_post(self, tid, collected, author, kinds, edit_history):
        tid = str(tid)
        self.post_ids.add(tid)
        self.uf.find(tid)
        if collected:
            self.collected_ids.add(tid)
        if author:
            self.author[tid] = str(author)
            self.id_refs.add(str(author))
        self.kinds[tid] |= kinds
        # Every id in one edit history is a version of the same post.
        for other in edit_history or []:
            self.uf.union(tid, str(other))

    def add_reply_target(self, tid, user_id):
        # reply interaction author -> in_reply_to user; the id also counts as
        # an (id-only, unless an object exists) account.
        if user_id:
            self.id_refs.add(str(user_id))
            self.edges.add((str(tid), "reply", str(user_id)))

    def add_mention(self, tid, mention_id, handle, local_users):
        """A mention of post `tid`: by id if given, else by handle resolved
        against the same record's includes.users (`local_users`: lowercased
        handle -> id), else left for file-level resolution."""
        if handle:
            self.entities.add((str(tid), "mention", handle.lower()))
        if mention_id:
            key = str(mention_id)
        elif handle and handle.lower() in local_users:
            key = local_users[handle.lower()]
        elif handle:
            self.pending_mentions.append((str(tid), handle.lower()))
            return
        else:
            return
        self.mention_ids.add(key)
        self.edges.add((str(tid), "mention", key))

    def add_entities(self, tid, entities, v1):
        """Hashtags, cashtags and urls (mentions are handled by add_mention)."""
        tag_field = "text" if v1 else "tag"
        # API v1.1 calls cashtags "symbols".
        cashtags = "symbols" if v1 else "cashtags"
        for kind, field in (("hashtag", "hashtags"), ("cashtag", cashtags)):
            for item in entities.get(field) or []:
                value = item.get(tag_field)
                if value:
                    self.entities.add((str(tid), kind, value))
        for item in entities.get("urls") or []:
            value = item.get("unwound_url") or item.get("expanded_url") or item.get("url")
            if value:
                self.entities.add((str(tid), "url", value))


# --------------------------------------------------------------- v2 pages --

V2_KIND = {"retweeted": "repost", "replied_to": "reply", "quoted": "quote"}


def v2_tweet(st, tweet, collected, tweet_map, local_users):
    """One v2 tweet object (from data or includes.tweets). `tweet_map` gives
    the tweet objects of the same record, used to find the author of the
    retweeted / quoted tweet."""
    tid = tweet["id"]
    author = tweet.get("author_id")
    refs = tweet.get("referenced_tweets") or []
    kinds = {V2_KIND[r["type"]] for r in refs if r.get("type") in V2_KIND}
    st.add_post(tid, collected, author, kinds, tweet.get("edit_history_tweet_ids"))
    st.add_reply_target(tid, tweet.get("in_reply_to_user_id"))
    for r in refs:
        kind = V2_KIND.get(r.get("type"))
        target = tweet_map.get(r.get("id"))
        if kind in ("repost", "quote") and target and target.get("author_id"):
            st.edges.add((str(tid), kind, str(target["author_id"])))
    entities = tweet.get("entities") or {}
    for m in entities.get("mentions") or []:
        st.add_mention(tid, m.get("id"), m.get("username"), local_users)
    st.add_entities(tid, entities, v1=False)


def v2_page(st, rec):
    """v2 response page / stream line / single lookup. Returns "accepted" or
    a skip reason."""
    data = rec.get("data")
    data = [data] if isinstance(data, dict) else (data or [])
    includes = rec.get("includes") or {}
    inc_users = includes.get("users") or []
    inc_tweets = includes.get("tweets") or []
    # Non-post resources that share the page shape.
    if data and all("tweet_count" in d for d in data):
        return "tweet-counts"
    if data and all("owner_id" in d and "name" in d and "username" not in d
                    and ("member_count" in d or "follower_count" in d) for d in data):
        return "lists"
    tweets = [d for d in data if "text" in d]
    users = [d for d in data if "username" in d and "text" not in d]
    if not tweets and not users and not inc_users and not inc_tweets:
        return "errors-only" if "errors" in rec else "unrecognised"
    for u in users + inc_users:
        st.add_account(u)
    local_users = {u["username"].lower(): str(u["id"]) for u in users + inc_users if u.get("username")}
    tweet_map = {t["id"]: t for t in tweets + inc_tweets}
    for t in tweets:
        v2_tweet(st, t, True, tweet_map, local_users)
    # includes.tweets are referenced posts (pinned tweets on a users page).
    for t in inc_tweets:
        v2_tweet(st, t, False, tweet_map, local_users)
    return "accepted"


# ---------------------------------------------------- twarc2 flattened --

def flat_tweet(st, tweet, collected):
    """A twarc2 flattened tweet: `author`, `in_reply_to_user` and mention
    users are inlined; referenced_tweets entries that carry `text` are the
    referenced tweets themselves (plus a `type`)."""
    tid = tweet["id"]
    author_obj = tweet.get("author") or {}
    author = author_obj.get("id") or tweet.get("author_id")
    if author_obj:
        st.add_account(author_obj)
    if tweet.get("in_reply_to_user"):
        st.add_account(tweet["in_reply_to_user"])
    refs = tweet.get("referenced_tweets") or []
    kinds = {V2_KIND[r["type"]] for r in refs if r.get("type") in V2_KIND}
    st.add_post(tid, collected, author, kinds, tweet.get("edit_history_tweet_ids"))
    st.add_reply_target(tid, tweet.get("in_reply_to_user_id")
                        or (tweet.get("in_reply_to_user") or {}).get("id"))
    entities = tweet.get("entities") or {}
    # Inlined mention users give both an account object and a local handle map.
    local_users = {}
    for m in entities.get("mentions") or []:
        if any(f in m for f in USER_OBJECT_FIELDS):
            st.add_account(m)
            if m.get("username") and m.get("id"):
                local_users[m["username"].lower()] = str(m["id"])
    for m in entities.get("mentions") or []:
        st.add_mention(tid, m.get("id"), m.get("username"), local_users)
    st.add_entities(tid, entities, v1=False)
    for r in refs:
        if "text" not in r:
            continue  # a bare id: reference to a post not in the export
        flat_tweet(st, r, False)
        kind = V2_KIND.get(r.get("type"))
        target_author = (r.get("author") or {}).get("id") or r.get("author_id")
        if kind in ("repost", "quote") and target_author:
            st.edges.add((str(tid), kind, str(target_author)))


# ------------------------------------------------------------------ v1.1 --

def v1_status(st, status, collected, author_obj=None):
    """A v1.1 status. Nested retweeted_status / quoted_status (any depth) are
    referenced posts. `author_obj` is used for a user's embedded `status`,
    which has no `user` of its own."""
    tid = status["id_str"]
    user = status.get("user") or author_obj or {}
    if user:
        st.add_account(user)
    author = user.get("id_str")
    kinds = set()
    if status.get("retweeted_status"):
        kinds.add("repost")
    if status.get("in_reply_to_status_id_str"):
        kinds.add("reply")
    if status.get("quoted_status") or status.get("quoted_status_id_str"):
        kinds.add("quote")
    st.add_post(tid, collected, author, kinds, None)
    st.add_reply_target(tid, status.get("in_reply_to_user_id_str"))
    for field, kind in (("retweeted_status", "repost"), ("quoted_status", "quote")):
        nested = status.get(field)
        if isinstance(nested, dict) and nested.get("id_str"):
            v1_status(st, nested, False)
            target = (nested.get("user") or {}).get("id_str")
            if target:
                st.edges.add((tid, kind, target))
    # Extended (280-char compat) tweets carry the full entities there.
    entities = (status.get("extended_tweet") or {}).get("entities") or status.get("entities") or {}
    for m in entities.get("user_mentions") or []:
        st.add_mention(tid, m.get("id_str"), m.get("screen_name"), {})
    st.add_entities(tid, entities, v1=True)


def v1_user(st, user):
    st.add_account(user)
    if isinstance(user.get("status"), dict) and user["status"].get("id_str"):
        v1_status(st, user["status"], False, author_obj=user)


# -------------------------------------------------------- classification --

def classify(st, rec):
    """Process one record. Returns (outcome, format) where outcome is
    "accepted", "rejected" or a skip reason."""
    if not isinstance(rec, dict):
        return "rejected", None
    if "data" in rec or "includes" in rec:
        return v2_page(st, rec), "x-v2"
    if "errors" in rec and len(rec.keys() - {"errors", "__twarc", "meta"}) == 0:
        return "errors-only", "x-v2"
    if "id" in rec and "text" in rec and ("author" in rec or "author_id" in rec) and "id_str" not in rec:
        flat_tweet(st, rec, True)
        return "accepted", "x-v2-flat"
    if "id_str" in rec and ("text" in rec or "full_text" in rec) and "user" in rec:
        v1_status(st, rec, True)
        return "accepted", "x-v1"
    if isinstance(rec.get("statuses"), list) and "search_metadata" in rec:
        for s in rec["statuses"]:
            v1_status(st, s, True)
        return ("accepted" if rec["statuses"] else "empty-search"), "x-v1"
    if "screen_name" in rec and "id_str" in rec and "text" not in rec:
        v1_user(st, rec)
        return "accepted", "x-v1"
    if isinstance(rec.get("users"), list):
        for u in rec["users"]:
            v1_user(st, u)
        return ("accepted" if rec["users"] else "empty-user-list"), "x-v1"
    # Non-post resources.
    if {"id", "action", "reason"} <= rec.keys() and "text" not in rec:
        return "compliance", "x-compliance"
    if isinstance(rec.get("ids"), list):
        return "id-list", "x-v1"
    if isinstance(rec.get("result"), dict) and "places" in rec["result"]:
        return "geo", "x-v1"
    return "rejected", None


# ---------------------------------------------------------------- counts --

def process_file(path):
    st = FileState()
    accepted, skipped, rejected_lines = 0, 0, []
    skip_reasons, formats = set(), set()
    for n, rec, ok in read_records(path):
        outcome, fmt = classify(st, rec) if ok else ("rejected", None)
        if fmt:
            formats.add(fmt)
        if outcome == "accepted":
            accepted += 1
        elif outcome == "rejected" or outcome == "unrecognised":
            rejected_lines.append(n)
        else:
            skipped += 1
            skip_reasons.add(outcome)

    # Mentions without id: resolve against any account object in the file by
    # lowercased handle; else they are handle-only accounts ("@handle").
    by_handle = {}
    for uid, handle in sorted(st.accounts.items()):
        if handle:
            by_handle.setdefault(handle, uid)
    for tid, handle in st.pending_mentions:
        key = by_handle.get(handle, "@" + handle)
        st.mention_ids.add(key)
        st.edges.add((tid, "mention", key))

    # Posts = edit-history groups over ids that appear as post objects.
    group = {tid: st.uf.find(tid) for tid in st.post_ids}
    groups = set(group.values())
    collected_groups = {group[t] for t in st.collected_ids}
    versions = defaultdict(set)
    for x in list(st.uf.parent):
        versions[st.uf.find(x)].add(x)
    group_kinds, group_author = defaultdict(set), {}
    for tid in st.post_ids:
        group_kinds[group[tid]] |= st.kinds[tid]
        if tid in st.author:
            group_author.setdefault(group[tid], st.author[tid])
    kinds = {"repost": 0, "reply": 0, "quote": 0, "original": 0}
    for g in collected_groups:
        for k in group_kinds[g]:
            kinds[k] += 1
        if not group_kinds[g]:
            kinds["original"] += 1

    # One post per latest version: entities and interactions come from the
    # latest version present as an object (edits get larger snowflake ids);
    # the occurrences of that version are merged.
    latest = {}
    for tid in st.post_ids:
        g = group[tid]
        if g not in latest or int(tid) > int(latest[g]):
            latest[g] = tid

    # Interactions: one per (post, kind, dst), only when the author is known;
    # mentions of reposts are the original's and are not counted.
    interactions = set()
    for tid, kind, dst in st.edges:
        g = group[tid]
        if tid != latest[g]:
            continue
        if g not in group_author:
            continue
        if kind == "mention" and "repost" in group_kinds[g]:
            continue
        interactions.add((g, kind, dst))
    entities = {(group[t], k, v) for t, k, v in st.entities if t == latest[group[t]]}

    # Account partition, as the issue defines it: mention-only = mention
    # targets without an object (ids and handle-only keys); id-only = the
    # remaining author / in_reply_to ids without an object. So a reply target
    # that is also @mentioned (the usual case) counts as mention-only.
    with_object = set(st.accounts)
    mention_only = st.mention_ids - with_object
    id_only = st.id_refs - with_object - mention_only

    def count_by(items, keys):
        return {k: sum(1 for it in items if it[1] == k) for k in keys}

    result = {
        "format": formats.pop() if len(formats) == 1 else ("mixed" if formats else "unknown"),
        "records": {"accepted": accepted, "skipped": skipped,
                    "rejected": len(rejected_lines), "rejected_lines": rejected_lines},
        "posts": len(groups),
        "collected": len(collected_groups),
        "referenced": len(groups - collected_groups),
        "kinds": kinds,
        "accounts": len(with_object | id_only | mention_only),
        "accounts_with_object": len(with_object),
        "accounts_id_only": len(id_only),
        "accounts_mention_only": len(mention_only),
        "interactions": count_by(interactions, ["reply", "repost", "quote", "mention"]),
        "entities": count_by(entities, ["hashtag", "cashtag", "mention", "url"]),
        "edited_posts": sum(1 for g in groups if len(versions[g]) > 1),
    }
    # The whole file is a non-post resource: say which.
    if accepted == 0 and skipped > 0:
        result["skip_reason"] = ",".join(sorted(skip_reasons))
    return result, st


# ------------------------------------------------------------ main / checks --

def input_paths():
    paths = []
    for d in INPUT_DIRS:
        paths += [p for p in (DATA_DIR / d).rglob("*") if p.is_file()]
    paths += [DATA_DIR / f for f in INPUT_FILES]
    return sorted(paths)


def sanity_checks(results, states):
    """Print the figures stated in the issue next to ours."""
    def get(rel):
        return results.get(rel), states.get(rel)
    blm, blm_st = get(INPUT_FILES[0])
    checks = [
        ("blm collected", blm["collected"], 500),
        ("blm repost", blm["kinds"]["repost"], 367),
        ("blm original", blm["kinds"]["original"], 81),
        ("blm 1408876788839763968 reply+quote",
         sorted(blm_st.kinds["1408876788839763968"]), ["quote", "reply"]),
        ("blm posts", blm["posts"], 676),
        ("blm accounts_with_object", blm["accounts_with_object"], 691),
        ("blm accounts", blm["accounts"], 751),
        ("blm accounts_mention_only", blm["accounts_mention_only"], 60),
    ]
    twarc = "social-posts/twitter-v2/twarc-csv/"
    for name, want in [("2sets", 276), ("brexit", 155), ("entities_test", 650),
                       ("withheld", 284), ("noflat", 164), ("kpop", 121)]:
        checks.append((f"{name} posts", results[twarc + name + ".jsonl"]["posts"], want))
    users = results[twarc + "users.jsonl"]
    checks.append(("users accounts", users["accounts"], 91))
    checks.append(("users accounts_with_object", users["accounts_with_object"], 91))
    so = results[twarc + "streaming_output_with_error.jsonl"]
    checks += [("stream accepted", so["records"]["accepted"], 7),
               ("stream posts", so["posts"], 11),
               ("stream accounts", so["accounts"], 11),
               ("stream rejected_lines", so["records"]["rejected_lines"], [8])]
    ok = True
    for name, got, want in checks:
        flag = "ok" if got == want else "MISMATCH"
        ok &= got == want
        print(f"  {flag:8} {name}: got {got}, issue says {want}")
    return ok


def main():
    if not DATA_DIR.is_dir():
        sys.exit(f"data folder not found: {DATA_DIR} (set CROWDMINE_DATA)")
    results, states = {}, {}
    for path in input_paths():
        rel = path.relative_to(DATA_DIR).as_posix()
        results[rel], states[rel] = process_file(path)
    # The fictional samples committed in the repo, keyed from the repo root, so that their test
    # runs without the shared data folder.
    for path in sorted((REPO_ROOT / "examples").glob("*.jsonl")):
        rel = path.relative_to(REPO_ROOT).as_posix()
        results[rel], states[rel] = process_file(path)
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(results)} files to {OUT_FILE.relative_to(REPO_ROOT)}")
    print("sanity checks:")
    sanity_checks(results, states)


if __name__ == "__main__":
    main()
