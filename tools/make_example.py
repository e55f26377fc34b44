#!/usr/bin/env python3
"""Command line (from the repo root; paths are resolved from this file):

    python3 tools/make_example.py

Generates the fictional X/Twitter example exports in `examples/`.

Writes two small, entirely FICTIONAL files for the crowdmine examples and tests:

* `examples/x-v2-sample.jsonl` -- six API v2 recent-search response pages, one
  per line, in the shape twarc2 writes them (`data`, `includes` with `users`,
  `tweets`, `media` and `places`, `meta`, `__twarc`). About 400 collected
  tweets from ~120 made-up accounts over the three days of the made-up
  "Port Ellery Marathon" weekend (14-16 October 2022): mostly retweets, then
  originals, replies and quotes, one tweet that is both a reply and a quote,
  and one edited tweet whose two versions are both in `includes.tweets`.
* `examples/x-v1-sample.jsonl` -- 30 API v1.1 statuses, one per line, as a
  v1.1 filter stream delivers them, by some of the same accounts and with the
  same ids (nested `retweeted_status`, one `quoted_status`, one truncated
  status carrying `extended_tweet`).

Every account, name, text, link and id is invented: the city, the race, the
people and the domains (`*.example`, `example-news.org`) do not exist. The
output is deterministic (fixed seed, no clock, no environment). Python 3.11,
standard library only.
"""

import json
import math
import random
import re
import string
from urllib.parse import quote
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "examples"
V2_FILE = OUT_DIR / "x-v2-sample.jsonl"
V1_FILE = OUT_DIR / "x-v1-sample.jsonl"

SEED = 20221016
rng = random.Random(SEED)

UTC = timezone.utc
TWITTER_EPOCH_MS = 1288834974657
WINDOW_START = datetime(2022, 10, 14, 10, 0, tzinfo=UTC)
WINDOW_END = datetime(2022, 10, 16, 20, 55, tzinfo=UTC)
RETRIEVED_AT = datetime(2022, 10, 16, 21, 4, 12, tzinfo=UTC)
RACE_START = datetime(2022, 10, 16, 11, 30, tzinfo=UTC)  # 07:30 local (UTC-4)

# Collected tweets by kind (the reply+quote tweet is counted apart).
N_RETWEETS, N_REPLIES, N_QUOTES, N_REPLY_QUOTE, N_ORIGINALS = 220, 59, 31, 1, 89
N_ACCOUNTS = 120
PAGE_SIZES = [70, 70, 70, 70, 70, 50]

QUERY = '#PortElleryMarathon OR #PEM2022 OR #RunPortEllery OR "Port Ellery Marathon" OR @pe_marathon'
TWARC_VERSION = "2.12.0"


# ------------------------------------------------------------------ ids --

def snowflake(when, ms=None):
    """A snowflake-like id for a moment: time in the high bits, random worker
    and sequence bits, so ids increase with time."""
    if ms is None:
        ms = rng.randrange(1000)
    t = int(when.timestamp()) * 1000 + ms - TWITTER_EPOCH_MS
    return (t << 22) | (rng.randrange(1, 32) << 17) | (rng.randrange(32) << 12) | rng.randrange(64)


def rfc3339(when):
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def v1_time(when):
    return when.strftime("%a %b %d %H:%M:%S +0000 %Y")


def token(n, alphabet=string.ascii_letters + string.digits):
    return "".join(rng.choice(alphabet) for _ in range(n))


def tco():
    return "https://t.co/" + token(10)


# ------------------------------------------------------------- accounts --

# (username, name, role, weight, verified, followers, location, description, url)
HUBS = [
    ("pe_marathon", "Port Ellery Marathon", "official", 30, True, 41200, "Port Ellery, ME",
     "Official account of the Port Ellery Marathon, Half and Lighthouse 5K. Oct 14-16, 2022.",
     "https://pem-marathon.example"),
    ("ellery_gazette", "The Ellery Gazette", "news", 18, True, 58400, "Port Ellery, ME",
     "Local news for Port Ellery and the harbor towns since 1911. Tips: newsroom@example-news.org",
     "https://example-news.org"),
    ("lenamarsh_runs", "Lena Marsh", "elite", 16, True, 31800, "Boulder Creek",
     "Professional distance runner. Marathon PB 2:28. Coffee first.", None),
    ("harborfm981", "Harbor FM 98.1", "radio", 10, True, 22150, "Port Ellery, ME",
     "Your harbor station. Music, news and the morning show with Jess and Dev.",
     "https://harborfm.example"),
    ("pe_transit", "Port Ellery Transit", "transit", 9, True, 15300, "Port Ellery, ME",
     "Service alerts and updates for buses and the harbor ferry. Monitored 6am-10pm.",
     "https://transit-pe.example"),
    ("coach_marisol", "Marisol Vega", "coach", 8, False, 9120, "Port Ellery, ME",
     "Run coach, 14x marathoner. Dockside Run Club. Slow miles are still miles.",
     "https://cityrunners.example/coach-marisol"),
    ("river_otter42", "Ada Quill", "photo", 8, False, 6040, "Port Ellery waterfront",
     "Photographer. I take pictures of runners, boats and the occasional otter.",
     "https://racepix.example/ada"),
    ("pe_cityhall", "City of Port Ellery", "city", 6, True, 12700, "Port Ellery, ME",
     "Official account of the City of Port Ellery. Not monitored 24/7.",
     "https://portellery.example"),
    ("dockside_rc", "Dockside Run Club", "club", 5, False, 4230, "Port Ellery, ME",
     "Tuesday and Saturday group runs from the old ferry dock. All paces welcome.",
     "https://cityrunners.example/dockside"),
    ("tobias_wren", "Tobias Wren", "elite", 4, False, 3010, "Northbridge",
     "Marathoner. Physio student. Chasing sub 2:20 one hill at a time.", None),
]

FIRST = ["Ada", "Bram", "Cora", "Dario", "Elsie", "Felix", "Greta", "Hugo", "Ines", "Jonah",
         "Kira", "Leon", "Mira", "Nico", "Odile", "Pavel", "Quinn", "Rosa", "Soren", "Tess",
         "Uma", "Viktor", "Wren", "Xavi", "Yara", "Zane", "Amara", "Bea", "Cyrus", "Delphine",
         "Emil", "Fern", "Gideon", "Hattie", "Ivo", "Juno", "Kasimir", "Lottie", "Marek", "Nell",
         "Orla", "Piet", "Ronan", "Sabine", "Teo", "Vesna", "Willa", "Ysolde", "Luz", "Cecile",
         "Mateo", "Noemie", "Ximena", "Anouk"]
LAST = ["Quill", "Brightwater", "Fenwick", "Ashdown", "Calloway", "Duskin", "Everly", "Farrow",
        "Gallant", "Holloway", "Ingleby", "Jessup", "Kettering", "Larkspur", "Merriweather",
        "Nettle", "Oakhurst", "Pennywhistle", "Quarrington", "Rook", "Saltmarsh", "Thistlewood",
        "Underhill", "Vantongeren", "Westerly", "Yarrow", "Zeller", "Bellweather", "Copperfield",
        "Driftwood", "Emberly", "Foxglove", "Greenleaf", "Harrowgate", "Ivybridge", "Juniper",
        "Kestrel", "Lindqvist", "Moorcroft", "Northcott"]
ADJ = ["river", "quiet", "sunny", "misty", "brave", "salty", "lucky", "rusty", "swift",
       "sleepy", "harbor", "tidal", "windy", "cozy", "foggy", "steady", "happy", "little"]
ANIMAL = ["otter", "heron", "gull", "seal", "puffin", "fox", "hare", "crab", "pelican",
          "badger", "finch", "moose", "lobster", "tern", "wren", "newt"]
RUNWORDS = ["runs", "miles", "strides", "jogs", "km", "paces", "trots"]

LOCATIONS = ["Port Ellery, ME", "Port Ellery", "Northbridge", "Saltcombe Harbor", "Eastfield",
             "Mainely on the trails", "Port Ellery waterfront", "Kettle Point", "", "", "",
             "Lower Ellery", "somewhere on mile 20", "Bayview Heights", "Granite Falls"]
DESCRIPTIONS = [
    "Runner, reader, bad at stretching.", "Dog mom. Half marathoner. Coffee enthusiast.",
    "Teacher by day, trail runner by weekend.", "Chasing a BQ since 2019.",
    "Dad of two. Slow and steady.", "Nurse. Running my first marathon this fall!",
    "Bakery owner on Front St. Carbs for runners.", "Cheering louder than I run.",
    "Cyclist pretending to be a runner.", "Volunteer coordinator, Harbor Green aid station.",
    "Retired. Still running. Still late.", "Software person. Splits nerd.",
    "Student at Ellery College. Cross country.", "Photography, boats, long runs.",
    "Mother of three, runner of many miles.", "Local history buff and weekend jogger.",
    "", "", "Physio. Ask me about your calves.", "I run so I can eat pancakes.",
]
ES_DESCRIPTIONS = ["Corredora. Café y kilómetros.", "Maratonista aficionado. Vivo en Port Ellery.",
                   "Profe de español y corredor lento."]
FR_DESCRIPTIONS = ["Coureuse du dimanche. Café, pain, footing.", "Marathonien amateur, Québécois exilé."]

SOURCES_PEOPLE = ["Twitter for iPhone"] * 5 + ["Twitter for Android"] * 4 + ["Twitter Web App"] * 2
SOURCES_ORG = ["TweetDeck", "Twitter Web App", "Sprout Social", "Hootsuite Inc."]
V1_SOURCE_HTML = {
    "Twitter for iPhone": '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    "Twitter for Android": '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
    "Twitter Web App": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    "TweetDeck": '<a href="https://about.twitter.com/products/tweetdeck" rel="nofollow">TweetDeck</a>',
    "Sprout Social": '<a href="http://sproutsocial.com" rel="nofollow">Sprout Social</a>',
    "Hootsuite Inc.": '<a href="https://www.hootsuite.com" rel="nofollow">Hootsuite Inc.</a>',
}


def account_created(year_lo, year_hi):
    year = rng.randint(year_lo, year_hi)
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = min(datetime(year + 1, 1, 1, tzinfo=UTC), datetime(2022, 9, 1, tzinfo=UTC))
    return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


# Rough (made-up) anchors for the old sequential user ids: date -> id.
LEGACY_USER_IDS = [(datetime(2009, 1, 1, tzinfo=UTC), 18_000_000), (datetime(2010, 1, 1, tzinfo=UTC), 100_000_000),
                   (datetime(2011, 1, 1, tzinfo=UTC), 230_000_000), (datetime(2012, 1, 1, tzinfo=UTC), 450_000_000),
                   (datetime(2013, 1, 1, tzinfo=UTC), 1_050_000_000), (datetime(2014, 1, 1, tzinfo=UTC), 2_250_000_000),
                   (datetime(2015, 6, 1, tzinfo=UTC), 3_300_000_000)]


def user_id_for(created):
    """Older accounts have sequential numeric ids, newer ones snowflakes."""
    if created >= LEGACY_USER_IDS[-1][0]:
        return str(snowflake(created))
    for (t0, i0), (t1, i1) in zip(LEGACY_USER_IDS, LEGACY_USER_IDS[1:]):
        if t0 <= created < t1:
            frac = (created - t0) / (t1 - t0)
            return str(int(i0 + frac * (i1 - i0)) + rng.randrange(1000))
    raise ValueError(created)


def make_accounts():
    accounts, used_handles, used_names = [], set(), set()

    def add(handle, name, role, weight, verified, followers, location, description, url, lang="en"):
        created = account_created(2009, 2014) if role not in ("regular",) else account_created(2009, 2022)
        uid = user_id_for(created)
        acc = {
            "id": uid, "username": handle, "name": name, "role": role, "weight": weight,
            "verified": verified, "followers": followers, "location": location,
            "description": description, "url": url, "lang": lang, "created": created,
            "following": rng.randint(80, 1400) if role != "news" else rng.randint(300, 900),
            "tweet_count": int(followers * rng.uniform(0.3, 1.5)) + rng.randint(200, 4000),
            "listed": int(followers * rng.uniform(0.002, 0.02)),
            "favourites": rng.randint(100, 30000),
            "default_image": False,
            "image": token(8),
            "url_tco": tco() if url else None,
            "source": rng.choice(SOURCES_ORG) if role in ("official", "news", "radio", "transit", "city")
            else rng.choice(SOURCES_PEOPLE),
        }
        used_handles.add(handle.lower())
        used_names.add(name)
        accounts.append(acc)
        return acc

    for h in HUBS:
        add(*h)

    langs = ["es"] * 7 + ["fr"] * 5
    while len(accounts) < N_ACCOUNTS:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        if name in used_names:
            continue
        style = rng.random()
        if style < 0.35:
            handle = f"{rng.choice(ADJ)}_{rng.choice(ANIMAL)}{rng.randint(1, 99)}"
        elif style < 0.6:
            handle = f"{first.lower()}_{last.lower()}"
        elif style < 0.8:
            handle = f"{first.lower()}{rng.choice(RUNWORDS)}"
        else:
            handle = f"{first[0].lower()}{last.lower()}{rng.randint(1, 999)}"
        if len(handle) > 15 or handle.lower() in used_handles:
            continue
        lang = langs.pop() if langs and rng.random() < 0.3 else "en"
        if lang == "es":
            description = rng.choice(ES_DESCRIPTIONS)
        elif lang == "fr":
            description = rng.choice(FR_DESCRIPTIONS)
        else:
            description = rng.choice(DESCRIPTIONS)
        followers = int(math.exp(rng.gauss(5.3, 1.0)))
        acc = add(handle, name, "regular", 1, False, followers, rng.choice(LOCATIONS),
                  description, None, lang)
        acc["default_image"] = rng.random() < 0.12
    # a few regular accounts are more active (skewed activity)
    for acc in accounts[len(HUBS):]:
        acc["activity"] = rng.paretovariate(1.6)
    for acc in accounts[:len(HUBS)]:
        acc["activity"] = 2.0
    return accounts


ACCOUNTS = make_accounts()
BY_HANDLE = {a["username"]: a for a in ACCOUNTS}
HUB_ACCS = ACCOUNTS[:len(HUBS)]
REGULARS = ACCOUNTS[len(HUBS):]


# ----------------------------------------------------------------- links --

UTM = "utm_source=twitter&utm_medium=social&utm_campaign=pem2022"
LINKS = {
    "official": [
        ("https://pem-marathon.example/spectator-guide", "Spectator guide | Port Ellery Marathon"),
        ("https://pem-marathon.example/course-map", "Course map | Port Ellery Marathon"),
        ("https://pem-marathon.example/live-tracking", "Live runner tracking | Port Ellery Marathon"),
        ("https://pem-marathon.example/results/2022", "2022 results | Port Ellery Marathon"),
        ("https://pem-marathon.example/expo", "Race expo at Harbor Hall | Port Ellery Marathon"),
    ],
    "news": [
        ("https://example-news.org/local/2022/10/14/marathon-weekend-road-closures",
         "Marathon weekend: what closes, and when"),
        ("https://example-news.org/local/2022/10/16/port-ellery-marathon-live",
         "LIVE: Port Ellery Marathon race day"),
        ("https://example-news.org/sports/2022/10/16/marsh-course-record",
         "Marsh breaks the Port Ellery course record"),
        ("https://example-news.org/local/2022/10/15/volunteers-aid-stations",
         "Meet the 900 volunteers behind the aid stations"),
    ],
    "transit": [("https://transit-pe.example/alerts/marathon-detours", "Marathon detours | Port Ellery Transit"),
                ("https://transit-pe.example/ferry/extra-sailings", "Extra ferry sailings | Port Ellery Transit")],
    "club": [("https://cityrunners.example/blog/race-week-taper", "Race week: trust the taper"),
             ("https://cityrunners.example/events/pem-shakeout-run", "PEM shakeout run with Dockside RC"),
             ("https://cityrunners.example/blog/cheer-map-2022", "Our 2022 cheer map")],
    "radio": [("https://harborfm.example/live", "Harbor FM 98.1 - Listen live"),
              ("https://harborfm.example/shows/race-day-special", "Race Day Special | Harbor FM")],
    "city": [("https://portellery.example/news/marathon-weekend-parking", "Marathon weekend parking and closures")],
    "photo": [("https://racepix.example/pem2022/gallery", "PEM 2022 gallery | RacePix")],
    "weather": [("https://weather-desk.example/forecast/port-ellery", "Port Ellery forecast | Weather Desk")],
}
ROLE_LINKS = {"official": ["official"], "news": ["news"], "transit": ["transit"], "radio": ["radio"],
              "city": ["city", "official"], "club": ["club"], "coach": ["club"], "photo": ["photo"],
              "elite": ["news", "official"], "regular": ["official", "news", "club", "weather", "photo"]}


def display_url(url):
    rest = re.sub(r"^https?://(www\.)?", "", url)
    host, _, path = rest.partition("/")
    if not path:
        return host
    return host + "/" + (path if len(path) <= 14 else path[:14] + "\u2026")


def make_link(category, index=None):
    url, title = LINKS[category][index] if index is not None else rng.choice(LINKS[category])
    item = {"url": tco()}
    r = rng.random()
    if r < 0.2:
        # a shortener link that Twitter unwound to the tracked destination
        dest = f"{url}?{UTM}"
        item["expanded_url"] = "https://lnk.example/" + token(6)
        item["display_url"] = display_url(item["expanded_url"])
        item.update({"status": 200, "title": title, "unwound_url": dest})
    else:
        expanded = f"{url}?{UTM}" if r < 0.35 else url
        item["expanded_url"] = expanded
        item["display_url"] = display_url(expanded)
        if rng.random() < 0.5:
            item.update({"status": 200, "title": title, "unwound_url": expanded})
    return item


# ----------------------------------------------------------- text build --

class Text:
    """Builds a tweet text while recording entity offsets (code points)."""

    def __init__(self):
        self.s = ""
        self.ents = {"hashtags": [], "cashtags": [], "mentions": [], "urls": []}

    def add(self, s):
        self.s += s

    def hashtag(self, tag):
        st = len(self.s)
        self.s += "#" + tag
        self.ents["hashtags"].append({"start": st, "end": len(self.s), "tag": tag})

    def cashtag(self, tag):
        st = len(self.s)
        self.s += "$" + tag
        self.ents["cashtags"].append({"start": st, "end": len(self.s), "tag": tag})

    def mention(self, acc):
        st = len(self.s)
        self.s += "@" + acc["username"]
        self.ents["mentions"].append({"start": st, "end": len(self.s),
                                      "username": acc["username"], "id": acc["id"]})

    def link(self, item):
        st = len(self.s)
        self.s += item["url"]
        self.ents["urls"].append({"start": st, "end": len(self.s), **item})

    def entities(self):
        return {k: v for k, v in self.ents.items() if v}


TOKEN_RE = re.compile(r"\{([^}]+)\}")


def render(template, author, t=None, tags_extra=True, lang="en"):
    """Fill a template. {#Tag} hashtag, {$TKR} cashtag, {@handle} mention
    ({@any} a random account), {link} a link for the author's role,
    {link:cat} a link of a category, {time} a finish time, {mile} a mile."""
    t = t or Text()
    pos = 0
    for m in TOKEN_RE.finditer(template):
        t.add(template[pos:m.start()])
        key = m.group(1)
        if key.startswith("#"):
            t.hashtag(key[1:])
        elif key.startswith("$"):
            t.cashtag(key[1:])
        elif key.startswith("@"):
            handle = key[1:]
            if handle == "any":
                acc = rng.choice([a for a in ACCOUNTS if a is not author])
            else:
                acc = BY_HANDLE[handle]
            t.mention(acc)
        elif key == "link":
            t.link(make_link(rng.choice(ROLE_LINKS[author["role"]])))
        elif key.startswith("link:"):
            cat, _, index = key[5:].partition(":")
            t.link(make_link(cat, int(index) if index else None))
        elif key == "time":
            t.add(f"{rng.randint(3, 5)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")
        elif key == "mile":
            t.add(str(rng.randint(3, 25)))
        elif key == "temp":
            t.add(str(rng.randint(44, 52)))
        else:
            raise ValueError(key)
        pos = m.end()
    t.add(template[pos:])
    if tags_extra:
        have = {h["tag"].lower() for h in t.ents["hashtags"]}
        extra = []
        if "portellerymarathon" not in have and rng.random() < 0.55:
            extra.append("PortElleryMarathon")
        if "pem2022" not in have and rng.random() < 0.25:
            extra.append("PEM2022")
        if lang == "en" and rng.random() < 0.08:
            extra.append(rng.choice(["running", "marathon", "RunPortEllery"]))
        for tag in extra:
            t.add(" ")
            t.hashtag(tag)
    return t


# Original tweet templates: phases (w=week before, f=Fri, s=Sat, p=race morning,
# r=during the race, a=after) and text.
ORIGINALS = {
    "official": [
        ("wf", "Bib pickup is open at Harbor Hall until 8pm tonight. Bring your photo ID and your QR code. {#PortElleryMarathon} {link}"),
        ("wfs", "Race week checklist: shoes you have already run in, a plan for the morning, and a thank-you for the volunteers. Everything else is in the runner guide. {#PEM2022} {link}"),
        ("fs", "The expo is busy but moving fast. Average wait for bibs right now is about 10 minutes. {#PortElleryMarathon}"),
        ("s", "Lighthouse 5K is done! 2,140 finishers on a bright morning by the water. Tomorrow it is the big one. {#PortElleryMarathon} {#5K}"),
        ("sp", "Forecast for race morning: {temp}F at the start, light wind off the harbor. Dress for mile 3, not the start line. {#PEM2022}"),
        ("p", "Corrals open at 6:45. Wave 1 starts at 7:30 sharp. Good luck to all 6,800 runners! {#PortElleryMarathon} {#RaceDay}"),
        ("r", "And they are off! Wave 1 is on the course. Follow your runner with live tracking: {link:official} {#PortElleryMarathon}"),
        ("r", "Lead women through halfway: {@lenamarsh_runs} has a gap of about 40 seconds. {#PortElleryMarathon}"),
        ("r", "The finish line on Front Street is loud right now. Keep it up, Port Ellery! {#PEM2022}"),
        ("a", "Thank you to the 900 volunteers, the city crews and every person who rang a cowbell today. See you in 2023. {#PortElleryMarathon}"),
        ("a", "Official results are now online. Search by name or bib number: {link:official} {#PEM2022}"),
    ],
    "news": [
        ("wf", "Road closures for marathon weekend start Saturday night. Here is the full list, street by street, plus where you can still park downtown and how the ferry schedule changes on Sunday. {link} {#PortElleryMarathon}"),
        ("fs", "Meet the volunteers who will hand out 40,000 cups of water on Sunday. Some have worked the same aid station for twenty years. {link} {#PortElleryMarathon}"),
        ("s", "Title sponsor Stridewell ({$STRW}) says it will return for three more years, race officials confirmed Saturday. {link} {#PEM2022}"),
        ("pr", "LIVE: Follow our race-day coverage from the start on Harbor Road to the finish on Front Street, with updates from reporters at miles 6, 13 and 20. {link}"),
        ("a", "Lena Marsh breaks the Port Ellery course record by 33 seconds. Our full story: {link:news:2} {#PortElleryMarathon}"),
        ("a", "Tobias Wren takes the men's title in his marathon debut, pulling away after mile 22 on the Bayview climb. {link} {#PEM2022}"),
        ("a", "Downtown shops and restaurants report their busiest Sunday of the year. Sponsor Stridewell ({$STRW}) and Harbor Savings ({$HBSV}) both plan to return in 2023. {link}"),
        ("a", "Photos: the best moments from a record-setting day at the Port Ellery Marathon. {link}"),
    ],
    "transit": [
        ("wfs", "Sunday marathon detours: routes 2, 5 and 11 will not serve Front Street from 6am to 2pm. Details: {link} {#PortElleryMarathon}"),
        ("sp", "Extra harbor ferry sailings on Sunday morning for runners and spectators. First boat leaves Kettle Point at 5:40am. {link}"),
        ("r", "Route 5 is running about 15 minutes late because of marathon detours. Thank you for your patience. {#PEM2022}"),
        ("a", "All routes are back on their regular paths. Congrats to every runner today! {#PortElleryMarathon}"),
    ],
    "radio": [
        ("fs", "We are broadcasting live from the expo at Harbor Hall until 6. Come say hi and grab a sticker! {#PortElleryMarathon}"),
        ("pr", "Race Day Special is on air now with live reports from the course. Listen: {link} {#PEM2022}"),
        ("a", "What a morning. Replay of the finish line broadcast is up now. {link} {#PortElleryMarathon}"),
    ],
    "city": [
        ("wfs", "Marathon weekend parking: garages on Pier Street and Mill Lane are free for spectators on Sunday. {link} {#PortElleryMarathon}"),
        ("a", "Streets are reopening along the course. Thank you, runners and neighbors, for a great day in Port Ellery. {#PEM2022}"),
    ],
    "club": [
        ("wf", "Shakeout run Saturday 8am from the old ferry dock, 3 easy miles, all paces. Coffee after. {link} {#PortElleryMarathon}"),
        ("sp", "Our cheer station is at mile 18 on Bayview Road. Look for the orange tent and the very loud drum. {#PortElleryMarathon} {#RunPortEllery}"),
        ("a", "So proud of everyone in orange today. 43 club members finished, 12 of them for the first time! {#RunPortEllery}"),
    ],
    "coach": [
        ("wfs", "Taper week reminder: you will feel sluggish and doubt everything. That is normal. The work is done. {#PortElleryMarathon}"),
        ("sp", "Race plan for my athletes: first 10K should feel too easy. If it feels right, you are going too fast. {#PEM2022}"),
        ("ra", "Watching my runners come through mile 20 and every single one of them is smiling. Well, most of them. {#PortElleryMarathon}"),
    ],
    "photo": [
        ("fs", "Harbor Hall expo, Friday evening. {#PortElleryMarathon} {photo}"),
        ("p", "Sunrise over the start line. Almost time. {#PortElleryMarathon} {#RaceDay} {photo}"),
        ("r", "The lead pack on the Bayview climb. {#PEM2022} {photo}"),
        ("r", "Mile {mile}, and the crowds are three deep. {#PortElleryMarathon} {photo}"),
        ("a", "Full gallery from today is going up tonight. {link} {#PortElleryMarathon} {photo}"),
    ],
    "elite": [
        ("fs", "Happy to be back in Port Ellery. Legs feel good, weather looks kind. See you Sunday {@pe_marathon} {#PortElleryMarathon}"),
        ("sp", "Last easy jog along the harbor done. Bib pinned, shoes by the door. {#PEM2022}"),
        ("p", "Warming up. Thank you for all the messages, reading every one. {#PortElleryMarathon}"),
        ("a", "Still processing today. Thank you Port Ellery, that crowd on Front Street carried me home. {#PortElleryMarathon}"),
    ],
    "regular": [
        ("wfs", "Picked up my bib today. It is real now. {#PortElleryMarathon}"),
        ("wfs", "Carb loading has officially begun. Pasta count: 3 bowls. {#PEM2022}"),
        ("fs", "Saw so many {$STRW} shoes at the expo it looked like a uniform. {#PortElleryMarathon}"),
        ("fs", "The expo at Harbor Hall is huge this year. Got my shirt, a hat and way too many gels. {#PortElleryMarathon}"),
        ("s", "Ran the Lighthouse 5K this morning with my kids. Best way to start the weekend. {#5K} {#PortElleryMarathon}"),
        ("sp", "Laying out my race kit like a crime scene photo. Bib, gels, lucky socks. {#PEM2022}"),
        ("p", "Corral C, trying not to cry, trying not to pee. Let's go! {#PortElleryMarathon} {#RaceDay}"),
        ("p", "Good luck to everyone running today, especially my sister on her first full! {#PortElleryMarathon}"),
        ("pr", "Heading to mile {mile} with a cowbell and a sign that says TOUCH HERE FOR POWER. {#PortElleryMarathon}"),
        ("r", "The lead women just flew past us at mile {mile}. Unreal pace. {#PortElleryMarathon}"),
        ("r", "Mile {mile} cheer crew checking in. The orange slices are a hit. {#PEM2022}"),
        ("r", "Tracking app says my dad is at the half and on pace. Heading to the finish! {#PortElleryMarathon}"),
        ("a", "Finished! {time}. My legs have filed a formal complaint. {#PortElleryMarathon}"),
        ("a", "First marathon done in {time}. I cried at mile 24 and again at the finish. Thank you volunteers! {#PortElleryMarathon}"),
        ("a", "Shoutout to the kid at mile 21 handing out pretzels. You are the real hero. {#PEM2022}"),
        ("a", "Walking down stairs backwards like a pro. Worth it. {#PortElleryMarathon}"),
        ("a", "Missed my goal by four minutes but ran the whole Bayview hill for the first time. Proud of that. Next year I am coming back for the sub four hour finish I trained all summer for. {#PortElleryMarathon} {#running}"),
        ("wfs", "Week 18 of training is in the books. Sunday, be kind to me. {#PortElleryMarathon}"),
        ("fs", "Anyone from out of town need a recommendation? Get the chowder at the place by the ferry dock. Trust me. {#PEM2022}"),
        ("fs", "Volunteering at the water station at mile {mile} on Sunday. Come say hi and grab a cup! {#PortElleryMarathon}"),
        ("s", "Shakeout run done with the Dockside crew. Legs feel weirdly fresh. {#RunPortEllery}"),
        ("s", "Making signs with the kids for tomorrow. Current favorite: YOU RUN BETTER THAN OUR GOVERNMENT WIFI. {#PortElleryMarathon}"),
        ("s", "Alarm set for 4:45. Oatmeal prepped. Why do I do this to myself {#PEM2022}"),
        ("p", "Ferry full of runners in foil blankets at 6am is a very specific vibe. {#PortElleryMarathon}"),
        ("r", "Just saw a runner dressed as a lobster pass a runner dressed as a lighthouse. Port Ellery is undefeated. {#PortElleryMarathon}"),
        ("r", "Bayview hill is no joke. Respect to everyone running up it right now. {#PEM2022}"),
        ("a", "Post-race pancakes have never tasted better. {#PortElleryMarathon}"),
        ("a", "Hit my goal of sub four by 41 seconds. Front Street crowd, I heard every one of you. {#PortElleryMarathon}"),
        ("a", "Medal is heavier than I expected. So are my legs. {#PEM2022}"),
        ("a", "Live tracking worked great this year, I could see exactly when to run to the next corner. {link:official}"),
    ],
    "es": [
        ("wfs", "Acabo de recoger mi dorsal en la expo. Nervios y emoción. {#PortElleryMarathon}"),
        ("s", "Mañana corro mi primer maratón. ¡Mucha suerte a todos! {#PEM2022} {#maratón}"),
        ("r", "Qué ambiente en la milla {mile}. ¡Vamos corredores! {#PortElleryMarathon}"),
        ("a", "¡Lo logré! {time}. Gracias a todos los voluntarios. {#PortElleryMarathon} {#maratón}"),
    ],
    "fr": [
        ("wfs", "Dossard récupéré ! Dimanche, on court. {#PortElleryMarathon}"),
        ("s", "Météo parfaite annoncée pour demain : frais et pas de vent. {#PEM2022}"),
        ("r", "Quelle ambiance sur le port ce matin. Bravo à tous les coureurs ! {#PortElleryMarathon}"),
        ("a", "Premier marathon terminé en {time}. Merci aux bénévoles ! {#PortElleryMarathon}"),
    ],
}

# Reply texts by what is replied to: (author role group, before/after the race).
REPLIES = {
    ("org", "pre"): ["Is bag check at the start or the finish?", "Which streets are closed near Harbor Green?",
                     "Is the expo open on Saturday morning too?", "Can spectators use the ferry too?",
                     "Thanks for the update!", "Super helpful, thank you"],
    ("org", "post"): ["Any word on when the results go live?", "Loved the course this year",
                      "Huge thanks to all the volunteers", "Thanks for a great day!", "Same time next year?"],
    ("media", "pre"): ["Thanks for the update!", "Great piece", "Good to know, thanks"],
    ("media", "post"): ["Great coverage today", "This made my day", "What a race"],
    ("elite", "pre"): ["Good luck out there!", "Go get it!", "We will be cheering at the Bayview hill!"],
    ("elite", "post"): ["Congrats!! What a finish", "Well deserved!", "Incredible run today"],
    ("photo", "pre"): ["Amazing photo", "Love this one", "This made my day"],
    ("photo", "post"): ["Amazing photo", "Can you find me in the mile 20 ones?", "Great shots today"],
    ("people", "pre"): ["Good luck out there!", "You've got this!", "See you at mile 18 with the cowbell"],
    ("people", "post"): ["Congrats!!", "Well deserved!", "So proud of you", "Amazing, rest up!"],
}
REPLIES_OTHER = {
    "es": {"pre": ["¡Suerte!", "¡Mucho ánimo!"], "post": ["¡Felicidades!", "¡Qué carrera!"]},
    "fr": {"pre": ["Bonne chance !", "Merci pour l'info"], "post": ["Bravo !", "Félicitations !"]},
}
# Questions to an organisation, and the answer it gives in the thread.
ANSWERS = {
    "Is bag check at the start or the finish?": "Bag check is at the start, in Harbor Park. Bags are waiting at the finish.",
    "Which streets are closed near Harbor Green?": "Front Street and Pier Street from 6am to 2pm. Full list is in the spectator guide.",
    "Is the expo open on Saturday morning too?": "Yes, Saturday 9am to 6pm at Harbor Hall.",
    "Can spectators use the ferry too?": "Yes! Spectators ride free on the early sailings.",
    "Any word on when the results go live?": "Official results are up now, search by name or bib number.",
    "Same time next year?": "Registration for 2023 opens in January. We will be here!",
}
ROLE_GROUP = {"official": "org", "transit": "org", "city": "org", "club": "org", "news": "media",
              "radio": "media", "elite": "elite", "photo": "photo", "coach": "people", "regular": "people"}
# Quote comments by (what is quoted, before/after the race start); other languages apart.
QUOTES = {
    ("info", "pre"): ["Heads up, runners.", "Worth reading before Sunday.", "Saving this for race morning.",
                      "Good to know if you are driving downtown.", "Pace yourselves out there."],
    ("people", "pre"): ["Love this.", "This is the energy we need.", "Same!", "This is why we love this city."],
    ("info", "post"): ["What a run!", "Goosebumps.", "History made on Front Street today.",
                       "Saving this for next year.", "Volunteers are the real MVPs."],
    ("people", "post"): ["What a run!", "So proud of this one.", "This is why we love this city.", "Goosebumps."],
}
QUOTES_MEDIA_PRE = ["Our team will be live from the finish line.", "We will have reporters at miles 6, 13 and 20."]
QUOTES_OTHER = {"pre": {"es": ["Muy útil para el domingo."], "fr": ["À lire avant dimanche."]},
                "post": {"es": ["¡Qué carrera!"], "fr": ["Incroyable !"]}}


def phase(when):
    if when < datetime(2022, 10, 14, tzinfo=UTC):
        return "w"
    if when < datetime(2022, 10, 15, 4, tzinfo=UTC):
        return "f"
    if when < datetime(2022, 10, 16, 4, tzinfo=UTC):
        return "s"
    if when < RACE_START:
        return "p"
    if when < datetime(2022, 10, 16, 14, 0, tzinfo=UTC):
        return "r"
    return "a"


# -------------------------------------------------------------- timeline --

def collected_times(n):
    """n distinct seconds inside the window, busiest on race day."""
    peaks = [  # (center, sd hours, weight)
        (datetime(2022, 10, 14, 20, tzinfo=UTC), 4.0, 0.18),
        (datetime(2022, 10, 15, 16, tzinfo=UTC), 5.0, 0.24),
        (datetime(2022, 10, 16, 10, 30, tzinfo=UTC), 1.2, 0.13),
        (datetime(2022, 10, 16, 14, 30, tzinfo=UTC), 1.8, 0.33),
        (datetime(2022, 10, 16, 18, 30, tzinfo=UTC), 1.5, 0.12),
    ]
    seen, out = set(), []
    while len(out) < n:
        r, acc = rng.random(), 0.0
        for center, sd, w in peaks:
            acc += w
            if r <= acc:
                break
        when = center + timedelta(hours=rng.gauss(0, sd))
        when = when.replace(microsecond=0)
        # quiet nights (local time UTC-4): drop most tweets between 1am and 6am
        local_hour = (when - timedelta(hours=4)).hour
        if 1 <= local_hour < 6 and rng.random() < 0.85:
            continue
        if not (WINDOW_START <= when <= WINDOW_END) or when in seen:
            continue
        seen.add(when)
        out.append(when)
    return sorted(out)


TWEETS = {}          # id -> internal tweet record
COLLECTED = []       # ids of collected tweets (v2 data)


def new_tweet(author, when, text, kind, lang, **kw):
    tid = str(snowflake(when))
    tw = {"id": tid, "author": author, "when": when, "text": text.s, "entities": text.entities(),
          "kind": kind, "lang": lang, "refs": [], "reply_to_user": None, "conversation": tid,
          "rts": 0, "replies": 0, "quotes": 0, "virality": min(rng.paretovariate(1.3), 6.0),
          "media": None, "place": None, "source": author["source"], "edit_history": [tid],
          "answer": None}
    if author["role"] == "regular" and rng.random() < 0.2:
        tw["source"] = rng.choice(SOURCES_PEOPLE)
    tw.update(kw)
    TWEETS[tid] = tw
    return tw


def author_lang(author):
    if author["lang"] != "en" and rng.random() < 0.85:
        return author["lang"]
    return "en"


PLACES = [
    {"full_name": "Port Ellery, ME", "place_type": "city", "name": "Port Ellery",
     "country_code": "US", "id": "7c2e91b04d3a58f6",
     "geo": {"type": "Feature", "bbox": [-69.9312, 43.7021, -69.8127, 43.7844], "properties": {}},
     "country": "United States"},
    {"full_name": "Harbor Green Park", "place_type": "poi", "name": "Harbor Green Park",
     "country_code": "US", "id": "0f5d8a3be21c4790", "contained_within": ["7c2e91b04d3a58f6"],
     "geo": {"type": "Feature", "bbox": [-69.8751, 43.7402, -69.8751, 43.7402], "properties": {}},
     "country": "United States"},
]


TEMPLATE_USES = {}


def make_original(author, when, template_role=None, template=None):
    lang = author_lang(author)
    role = template_role or (lang if lang != "en" and author["role"] == "regular" else author["role"])
    if template is None:
        ph = phase(when)
        done = author.setdefault("templates_used", set())
        if role not in ("regular", "es", "fr"):
            done = done | set(TEMPLATE_USES)  # an organisation's or a runner's words are their own
        choices = [tx for phs, tx in ORIGINALS[role] if ph in phs and tx not in done]
        if not choices and role in ("es", "fr"):
            role, lang = "regular", "en"
            choices = [tx for phs, tx in ORIGINALS[role] if ph in phs and tx not in done]
        if not choices:
            return None  # nothing left for this account to say now
        weights = [1.0 / (1 + TEMPLATE_USES.get(tx, 0)) ** 3 for tx in choices]
        template = rng.choices(choices, weights=weights)[0]
    TEMPLATE_USES[template] = TEMPLATE_USES.get(template, 0) + 1
    author.setdefault("templates_used", set()).add(template)
    if role in ("es", "fr"):
        lang = role
    photo = "{photo}" in template
    template = template.replace(" {photo}", "")
    text = render(template, author, tags_extra=author["role"] == "regular", lang=lang)
    tw = new_tweet(author, when, text, "original", lang)
    if photo or (author["role"] == "regular" and rng.random() < 0.15):
        add_photo(tw, text)
    if author["role"] in ("regular", "photo") and rng.random() < 0.12:
        tw["place"] = rng.choice(PLACES)["id"]
        if rng.random() < 0.4:
            tw["coordinates"] = [round(-69.93 + rng.random() * 0.11, 8), round(43.70 + rng.random() * 0.08, 8)]
    return tw


def add_photo(tw, text):
    if not text.s.endswith(" "):
        text.add(" ")
    media_id = snowflake(tw["when"] - timedelta(seconds=rng.randint(5, 60)))
    code = token(10)
    item = {"url": "https://t.co/" + code,
            "expanded_url": f"https://twitter.com/{tw['author']['username']}/status/{tw['id']}/photo/1",
            "display_url": "pic.twitter.com/" + code, "media_key": f"3_{media_id}"}
    text.link(item)
    w, h = rng.choice([(2048, 1365), (1536, 2048), (1200, 800), (1080, 1350)])
    tw["media"] = {"media_key": f"3_{media_id}", "type": "photo", "width": w, "height": h,
                   "url": f"https://pbs.twimg.com/media/{token(15)}.jpg"}
    tw["text"], tw["entities"] = text.s, text.entities()


def status_link(target):
    return {"url": tco(),
            "expanded_url": f"https://twitter.com/{target['author']['username']}/status/{target['id']}",
            "display_url": display_url(f"https://twitter.com/{target['author']['username']}/status/{target['id']}")}


def pick_author(pool, used, exclude=(), fresh_bias=0.5):
    """Prefer accounts that have not acted yet, so most of them appear."""
    pool = [a for a in pool if a not in exclude]
    fresh = [a for a in pool if a["id"] not in used]
    if fresh and rng.random() < fresh_bias:
        a = rng.choice(fresh)
    else:
        a = rng.choices(pool, weights=[x["activity"] for x in pool])[0]
    used.add(a["id"])
    return a


def popularity(tw, when):
    age_h = max((when - tw["when"]).total_seconds() / 3600, 0.05)
    return tw["author"]["weight"] * tw["virality"] * 0.5 ** (age_h / tw.get("half_life", 7.0))


def pick_target(when, kinds, exclude_author=None, not_by=None):
    cands = [t for t in TWEETS.values()
             if t["when"] < when - timedelta(seconds=30) and t["kind"] in kinds and not t.get("superseded_at_or_before", when + timedelta(days=1)) <= when
             and t["author"] is not exclude_author and t["id"] not in (not_by or ())]
    if not cands:
        return None
    weights = [popularity(t, when) for t in cands]
    return rng.choices(cands, weights=weights)[0]


def make_retweet(author, when, target):
    t = Text()
    prefix = f"RT @{target['author']['username']}: "
    t.add("RT ")
    t.mention(target["author"])
    t.add(": ")
    shift = len(prefix)
    full = prefix + target["text"]
    cut = len(full) if len(full) <= 140 else 139
    t.s = full[:cut] + ("\u2026" if cut < len(full) else "")
    for field, items in target["entities"].items():
        for e in items:
            if e["end"] + shift <= cut:
                t.ents[field].append({**e, "start": e["start"] + shift, "end": e["end"] + shift})
    # keep mentions ordered by position (the RT mention first)
    t.ents["mentions"].sort(key=lambda e: e["start"])
    tw = new_tweet(author, when, t, "retweet", target["lang"], refs=[("retweeted", target["id"])])
    tw["source"] = author["source"]
    target["rts"] += 1
    target.setdefault("retweeters", set()).add(author["id"])
    return tw


def leading_mentions(author, target):
    users = [target["author"]]
    if target["reply_to_user"] and target["reply_to_user"] is not target["author"]:
        users.append(target["reply_to_user"])
    return [u for u in users if u is not author]


def make_reply(author, when, target, text_body=None):
    t = Text()
    for u in leading_mentions(author, target):
        t.mention(u)
        t.add(" ")
    lang = author_lang(author)
    when_phase = "post" if when >= datetime(2022, 10, 16, 14, tzinfo=UTC) else "pre"
    if text_body is None:
        if lang != "en":
            text_body = rng.choice(REPLIES_OTHER[lang][when_phase])
        else:
            options = REPLIES[(ROLE_GROUP[target["author"]["role"]], when_phase)]
            if when > datetime(2022, 10, 15, 16, tzinfo=UTC):
                options = [o for o in options if "expo" not in o]
            text_body = rng.choice(options)
    else:
        lang = "en"
    t.add(text_body)
    if rng.random() < 0.25:
        t.add(" ")
        t.hashtag("PortElleryMarathon")
    tw = new_tweet(author, when, t, "reply", lang, refs=[("replied_to", target["id"])],
                   reply_to_user=target["author"], conversation=target["conversation"],
                   answer=ANSWERS.get(text_body))
    target["replies"] += 1
    return tw


def make_quote(author, when, target, reply_to=None, body=None):
    t = Text()
    if reply_to is not None:
        for u in leading_mentions(author, reply_to):
            t.mention(u)
            t.add(" ")
    lang = author_lang(author)
    when_phase = "post" if when >= RACE_START else "pre"
    if body is None and lang != "en":
        body = rng.choice(QUOTES_OTHER[when_phase][lang])
    elif body is None:
        group = "people" if target["author"]["role"] in ("regular", "elite", "coach", "photo") else "info"
        options = QUOTES[(group, when_phase)]
        if author["role"] in ("news", "radio") and when_phase == "pre":
            options = QUOTES_MEDIA_PRE
        body = rng.choice(options)
    else:
        lang = "en"
    if author["role"] == "news" and target["author"]["username"] == "lenamarsh_runs" and when_phase == "post":
        body = "Our reporter caught up with the new course record holder after the finish."
    render(body + (" {#PortElleryMarathon}" if rng.random() < 0.45 else ""), author, t,
           tags_extra=False)
    t.add(" ")
    t.link(status_link(target))
    refs = [("quoted", target["id"])]
    kw = {}
    kind = "quote"
    if reply_to is not None:
        refs.append(("replied_to", reply_to["id"]))
        kw = {"reply_to_user": reply_to["author"], "conversation": reply_to["conversation"]}
        reply_to["replies"] += 1
        kind = "reply+quote"
    tw = new_tweet(author, when, t, kind, lang, refs=refs, **kw)
    target["quotes"] += 1
    return tw


def build_timeline():
    used = set()
    # Tweets from the days before the collection window: referenced only.
    pre = [("pe_marathon", datetime(2022, 10, 11, 14, 2, 11, tzinfo=UTC), 0),
           ("pe_marathon", datetime(2022, 10, 13, 15, 30, 40, tzinfo=UTC), 1),
           ("ellery_gazette", datetime(2022, 10, 13, 11, 5, 2, tzinfo=UTC), 0),
           ("pe_transit", datetime(2022, 10, 12, 19, 45, 9, tzinfo=UTC), 0),
           ("coach_marisol", datetime(2022, 10, 10, 12, 12, 55, tzinfo=UTC), 0),
           ("dockside_rc", datetime(2022, 10, 12, 22, 31, 7, tzinfo=UTC), 0),
           ("pe_cityhall", datetime(2022, 10, 13, 16, 48, 30, tzinfo=UTC), 0)]
    for handle, when, k in pre:
        a = BY_HANDLE[handle]
        choices = [tx for phs, tx in ORIGINALS[a["role"]] if "w" in phs]
        tw = make_original(a, when, template=choices[k % len(choices)])
        tw["half_life"] = 30.0  # race-week posts keep circulating

    kinds = (["rt"] * N_RETWEETS + ["reply"] * N_REPLIES + ["quote"] * N_QUOTES
             + ["orig"] * N_ORIGINALS)
    rng.shuffle(kinds)
    times = collected_times(len(kinds) + N_REPLY_QUOTE)
    rq_index = next(i for i, w in enumerate(times) if w > datetime(2022, 10, 16, 9, tzinfo=UTC))
    kinds.insert(rq_index, "reply+quote")

    # The edited tweet: the official account posts the winning time with a
    # typo and fixes it six minutes later (v2 supersedes v1).
    edit_at = datetime(2022, 10, 16, 14, 4, 37, tzinfo=UTC)
    edit_v2_at = edit_at + timedelta(minutes=6, seconds=18)
    pending_edit = True

    hubs_orig_pool = [a for a in HUB_ACCS]
    # originals placed at the first free slot after a time (the cashtag stories)
    forced = [(datetime(2022, 10, 15, 12, tzinfo=UTC), "ellery_gazette", "Stridewell"),
              (datetime(2022, 10, 16, 17, 30, tzinfo=UTC), "ellery_gazette", "Downtown shops")]
    for when, kind in zip(times, kinds):
        if pending_edit and when > edit_at:
            pending_edit = False
            off = BY_HANDLE["pe_marathon"]
            t1 = Text()
            render("Unofficial: {@lenamarsh_runs} wins in 2:29:14, a new course record! {#PortElleryMarathon} {#PEM2022}",
                   off, t1, tags_extra=False)
            v1 = new_tweet(off, edit_at, t1, "original", "en", virality=4.0)
            t2 = Text()
            render("Unofficial: {@lenamarsh_runs} wins in 2:28:41, a new course record! {#PortElleryMarathon} {#PEM2022}",
                   off, t2, tags_extra=False)
            v2 = new_tweet(off, edit_v2_at, t2, "original", "en", virality=4.0)
            v1["edit_history"] = v2["edit_history"] = [v1["id"], v2["id"]]
            v1["superseded_at_or_before"] = edit_v2_at
            v1["edited"] = v2["edited"] = True
            v2["pending_collect"] = True
        if kind == "orig" and forced and when >= forced[0][0]:
            _, handle, start = forced.pop(0)
            a = BY_HANDLE[handle]
            tw = make_original(a, when, template=next(
                tx for _, tx in ORIGINALS[a["role"]] if start in tx))
        elif kind == "orig":
            r = rng.random()
            if r < 0.40:
                a = rng.choices(hubs_orig_pool, weights=[h["weight"] for h in hubs_orig_pool])[0]
                used.add(a["id"])
            elif r < 0.55:
                a = pick_author([x for x in REGULARS if x["lang"] != "en"], used, fresh_bias=0.6)
            else:
                a = pick_author(REGULARS, used, fresh_bias=0.4)
            tw = make_original(a, when)
            while tw is None:
                a = pick_author(REGULARS, used, fresh_bias=0.4)
                tw = make_original(a, when)
        elif kind == "rt":
            target = pick_target(when, ("original", "quote"))
            pool = REGULARS if rng.random() < 0.93 else HUB_ACCS
            exclude = [target["author"]] + [a for a in pool if a["id"] in target.get("retweeters", ())]
            a = pick_author(pool, used, exclude=exclude, fresh_bias=0.35)
            tw = make_retweet(a, when, target)
        elif kind == "reply":
            target = pick_target(when, ("reply",)) if rng.random() < 0.25 else None
            if target is not None:
                replied_hub = target["reply_to_user"]
                if target.get("answer") and not target.get("answered") and replied_hub is not target["author"]:
                    a = replied_hub
                    target["answered"] = True
                    tw = make_reply(a, when, target, target["answer"])
                else:
                    a = pick_author(REGULARS, used, exclude=[target["author"]], fresh_bias=0.5)
                    tw = make_reply(a, when, target)
            else:
                target = pick_target(when, ("original", "quote"))
                pool = REGULARS
                if target["lang"] != "en":
                    pool = [x for x in REGULARS if x["lang"] == target["lang"]] or REGULARS
                a = pick_author(pool, used, exclude=[target["author"]], fresh_bias=0.5)
                tw = make_reply(a, when, target)
        elif kind == "quote":
            target = pick_target(when, ("original",))
            pool = REGULARS if rng.random() < 0.7 else HUB_ACCS
            a = pick_author(pool, used, exclude=[target["author"]], fresh_bias=0.4)
            tw = make_quote(a, when, target)
        else:  # reply+quote
            a = BY_HANDLE["coach_marisol"]
            reply_to = max((t for t in TWEETS.values() if t["author"]["username"] == "dockside_rc"
                            and t["kind"] == "original" and t["when"] < when), key=lambda t: t["when"])
            target = max((t for t in TWEETS.values() if t["author"]["username"] == "pe_transit"
                          and t["kind"] == "original" and t["when"] < when), key=lambda t: t["when"])
            tw = make_quote(a, when, target, reply_to=reply_to,
                            body="Heads up for everyone heading to the cheer station: buses are detoured "
                                 "all morning, the ferry is the way to go.")
        COLLECTED.append(tw["id"])
    # the edited tweet's final version is collected (the search returns the
    # latest version only); replace the last plain original by it to keep the count
    v2 = next(t for t in TWEETS.values() if t.get("pending_collect"))
    drop = max((TWEETS[i] for i in COLLECTED if TWEETS[i]["kind"] == "original"
                and TWEETS[i]["rts"] == 0 and TWEETS[i]["replies"] == 0 and TWEETS[i]["quotes"] == 0
                and TWEETS[i]["when"] > v2["when"] and not TWEETS[i]["media"]),
               key=lambda t: t["when"])
    COLLECTED.remove(drop["id"])
    del TWEETS[drop["id"]]
    COLLECTED.append(v2["id"])
    COLLECTED.sort(key=int, reverse=True)
    return used


# ------------------------------------------------------------- v2 output --

def v2_user(a):
    u = {
        "id": a["id"], "username": a["username"], "name": a["name"],
        "created_at": rfc3339(a["created"]), "description": a["description"],
        "location": a["location"], "verified": a["verified"], "protected": False,
        "profile_image_url": ("https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
                              if a["default_image"] else
                              f"https://pbs.twimg.com/profile_images/{a['id']}/{a['image']}_normal.jpg"),
        "url": "",
        "public_metrics": {"followers_count": a["followers"], "following_count": a["following"],
                           "tweet_count": a["tweet_count"], "listed_count": a["listed"]},
    }
    if a["url"]:
        u["url"] = a["url_tco"]
        u["entities"] = {"url": {"urls": [{"start": 0, "end": 23, "url": a["url_tco"],
                                           "expanded_url": a["url"],
                                           "display_url": display_url(a["url"])}]}}
    return u


def like_count(tw):
    base = tw["rts"] * rng.uniform(2.5, 5) + tw["replies"] * 2 + tw["quotes"] * 2
    return int(base + tw["author"]["weight"] * rng.uniform(0, 6) + rng.randint(0, 6))


def finalize_metrics():
    """Counts seen at retrieval: what the sample shows plus some unseen."""
    for tw in TWEETS.values():
        if tw["kind"] == "retweet":
            continue
        extra = int(tw["author"]["weight"] * tw["virality"] * rng.uniform(0, 0.6))
        tw["metrics"] = {"retweet_count": tw["rts"] + extra, "reply_count": tw["replies"] + rng.randint(0, 2),
                         "like_count": like_count(tw) + extra * 3, "quote_count": tw["quotes"]}
    for tw in TWEETS.values():
        if tw["kind"] == "retweet":
            orig = TWEETS[tw["refs"][0][1]]
            tw["metrics"] = {"retweet_count": orig["metrics"]["retweet_count"], "reply_count": 0,
                             "like_count": 0, "quote_count": 0}


def v2_tweet(tw):
    edit_start = TWEETS[tw["edit_history"][0]]["when"]
    out = {
        "edit_history_tweet_ids": tw["edit_history"],
        "conversation_id": tw["conversation"],
        "created_at": rfc3339(tw["when"]),
        "lang": tw["lang"],
        "possibly_sensitive": False,
        "reply_settings": "everyone",
        "id": tw["id"],
        "author_id": tw["author"]["id"],
        "source": tw["source"],
        "edit_controls": {"edits_remaining": 4 if tw.get("edited") else 5,
                          "is_edit_eligible": tw["kind"] != "retweet",
                          "editable_until": rfc3339(edit_start + timedelta(minutes=30))},
        "public_metrics": tw["metrics"],
        "text": tw["text"],
    }
    if tw["entities"]:
        out["entities"] = tw["entities"]
    if tw["refs"]:
        out["referenced_tweets"] = [{"type": k, "id": i} for k, i in tw["refs"]]
    if tw["reply_to_user"] is not None:
        out["in_reply_to_user_id"] = tw["reply_to_user"]["id"]
    if tw["media"]:
        out["attachments"] = {"media_keys": [tw["media"]["media_key"]]}
    if tw["place"]:
        out["geo"] = {"place_id": tw["place"]}
        if tw.get("coordinates"):
            out["geo"]["coordinates"] = {"type": "Point", "coordinates": tw["coordinates"]}
    return out


def search_url(next_token=None):
    fields = [
        ("expansions", "author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id,"
                       "entities.mentions.username,attachments.poll_ids,attachments.media_keys,geo.place_id,"
                       "edit_history_tweet_ids"),
        ("tweet.fields", "attachments,author_id,context_annotations,conversation_id,created_at,entities,geo,id,"
                         "in_reply_to_user_id,lang,public_metrics,text,possibly_sensitive,referenced_tweets,"
                         "reply_settings,source,withheld,edit_controls,edit_history_tweet_ids"),
        ("user.fields", "created_at,description,entities,id,location,name,pinned_tweet_id,profile_image_url,"
                        "protected,public_metrics,url,username,verified,withheld"),
        ("media.fields", "alt_text,duration_ms,height,media_key,preview_image_url,type,url,width,variants,"
                         "public_metrics"),
        ("poll.fields", "duration_minutes,end_datetime,id,options,voting_status"),
        ("place.fields", "contained_within,country,country_code,full_name,geo,id,name,place_type"),
        ("query", QUERY),
        ("max_results", "70"),
    ]
    if next_token:
        fields.append(("next_token", next_token))
    return "https://api.twitter.com/2/tweets/search/recent?" + "&".join(
        f"{k}={quote(v, safe='')}" for k, v in fields)


def build_pages():
    pages, start, prev_token = [], 0, None
    for n, size in enumerate(PAGE_SIZES):
        ids = COLLECTED[start:start + size]
        start += size
        data = [TWEETS[i] for i in ids]
        users, inc_tweets, media, places = {}, {}, {}, {}

        def add_user(a):
            users.setdefault(a["id"], a)

        for tw in data:
            add_user(tw["author"])
        for tw in data:
            for kind, rid in tw["refs"]:
                ref = TWEETS[rid]
                inc_tweets.setdefault(rid, ref)
                add_user(ref["author"])
            if len(tw["edit_history"]) > 1:
                for vid in tw["edit_history"]:
                    if vid != tw["id"]:
                        inc_tweets.setdefault(vid, TWEETS[vid])
            if tw["reply_to_user"] is not None:
                add_user(tw["reply_to_user"])
            for m in tw["entities"].get("mentions", []):
                add_user(BY_HANDLE[m["username"]])
        for tw in data + list(inc_tweets.values()):
            if tw["media"]:
                media.setdefault(tw["media"]["media_key"], tw["media"])
        for tw in data:
            if tw["place"]:
                places.setdefault(tw["place"], next(p for p in PLACES if p["id"] == tw["place"]))
        includes = {"users": [v2_user(a) for a in users.values()]}
        if inc_tweets:
            includes["tweets"] = [v2_tweet(t) for t in inc_tweets.values()]
        if media:
            includes["media"] = list(media.values())
        if places:
            includes["places"] = list(places.values())
        meta = {"newest_id": ids[0], "oldest_id": ids[-1], "result_count": len(ids)}
        token_next = None
        if n < len(PAGE_SIZES) - 1:
            token_next = "b26v89c19zqg8o3fpzhm" + token(25, string.ascii_lowercase + string.digits)
            meta["next_token"] = token_next
        page = {
            "data": [v2_tweet(t) for t in data],
            "includes": includes,
            "meta": meta,
            "__twarc": {"url": search_url(prev_token), "version": TWARC_VERSION,
                        "retrieved_at": (RETRIEVED_AT + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")},
        }
        prev_token = token_next
        pages.append(page)
    return pages


# ------------------------------------------------------------- v1 output --

def v1_user(a):
    return {
        "id": int(a["id"]), "id_str": a["id"], "name": a["name"], "screen_name": a["username"],
        "location": a["location"] or None, "url": a["url_tco"], "description": a["description"] or None,
        "translator_type": "none", "protected": False, "verified": a["verified"],
        "followers_count": a["followers"], "friends_count": a["following"], "listed_count": a["listed"],
        "favourites_count": a["favourites"], "statuses_count": a["tweet_count"],
        "created_at": v1_time(a["created"]), "utc_offset": None, "time_zone": None,
        "geo_enabled": a["role"] in ("regular", "photo"), "lang": None,
        "contributors_enabled": False, "is_translator": False,
        "profile_background_color": "F5F8FA", "profile_background_image_url": "",
        "profile_background_image_url_https": "", "profile_background_tile": False,
        "profile_link_color": "1DA1F2", "profile_sidebar_border_color": "C0DEED",
        "profile_sidebar_fill_color": "DDEEF6", "profile_text_color": "333333",
        "profile_use_background_image": True,
        "profile_image_url": ("http://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
                              if a["default_image"] else
                              f"http://pbs.twimg.com/profile_images/{a['id']}/{a['image']}_normal.jpg"),
        "profile_image_url_https": ("https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
                                    if a["default_image"] else
                                    f"https://pbs.twimg.com/profile_images/{a['id']}/{a['image']}_normal.jpg"),
        "default_profile": True, "default_profile_image": a["default_image"],
        "following": None, "follow_request_sent": None, "notifications": None,
        "withheld_in_countries": [],
    }


def v1_entities(entities):
    out = {"hashtags": [], "urls": [], "user_mentions": [], "symbols": []}
    media = []
    for h in entities.get("hashtags", []):
        out["hashtags"].append({"text": h["tag"], "indices": [h["start"], h["end"]]})
    for c in entities.get("cashtags", []):
        out["symbols"].append({"text": c["tag"], "indices": [c["start"], c["end"]]})
    for m in entities.get("mentions", []):
        a = BY_HANDLE[m["username"]]
        out["user_mentions"].append({"screen_name": a["username"], "name": a["name"], "id": int(a["id"]),
                                     "id_str": a["id"], "indices": [m["start"], m["end"]]})
    for u in entities.get("urls", []):
        if "media_key" in u:
            media.append(u)
            continue
        out["urls"].append({"url": u["url"], "expanded_url": u["expanded_url"],
                            "display_url": u["display_url"], "indices": [u["start"], u["end"]]})
    return out, media


def media_of(tw):
    """The photo a status shows: its own, or the retweeted one's."""
    if tw["media"] is None and tw["kind"] == "retweet":
        return TWEETS[tw["refs"][0][1]]["media"]
    return tw["media"]


def v1_media(u, tw):
    m = media_of(tw)
    mid = m["media_key"].split("_", 1)[1]
    w, h = m["width"], m["height"]
    murl = m["url"].replace("https://", "http://")
    return {"id": int(mid), "id_str": mid, "indices": [u["start"], u["end"]],
            "media_url": murl, "media_url_https": m["url"], "url": u["url"],
            "display_url": u["display_url"], "expanded_url": u["expanded_url"], "type": "photo",
            "sizes": {"thumb": {"w": 150, "h": 150, "resize": "crop"},
                      "small": {"w": 680, "h": int(680 * h / w), "resize": "fit"},
                      "medium": {"w": 1200, "h": int(1200 * h / w), "resize": "fit"},
                      "large": {"w": w, "h": h, "resize": "fit"}}}


def v1_place(pid):
    p = next(p for p in PLACES if p["id"] == pid)
    w, s, e, n = p["geo"]["bbox"]
    return {"id": p["id"], "url": f"https://api.twitter.com/1.1/geo/id/{p['id']}.json",
            "place_type": p["place_type"], "name": p["name"], "full_name": p["full_name"],
            "country_code": p["country_code"], "country": p["country"],
            "bounding_box": {"type": "Polygon", "coordinates": [[[w, s], [w, n], [e, n], [e, s]]]},
            "attributes": {}}


def counts_at(tw, when):
    """Counts of a referenced tweet as of `when` (what the stream showed)."""
    rts = sum(1 for t in TWEETS.values() if t["kind"] == "retweet" and t["refs"][0][1] == tw["id"]
              and t["when"] <= when)
    reps = sum(1 for t in TWEETS.values() if t["when"] <= when and any(
        k == "replied_to" and i == tw["id"] for k, i in t["refs"]))
    qs = sum(1 for t in TWEETS.values() if t["when"] <= when and any(
        k == "quoted" and i == tw["id"] for k, i in t["refs"]))
    return {"quote_count": qs, "reply_count": reps, "retweet_count": rts,
            "favorite_count": int(rts * 3.1 + reps * 2 + qs)}


def v1_status(tw, at=None, nested=False):
    """A v1.1 status as delivered by the filter stream (compat mode)."""
    at = at or tw["when"]
    text = tw["text"]
    entities, media = v1_entities(tw["entities"])
    out = {
        "created_at": v1_time(tw["when"]), "id": int(tw["id"]), "id_str": tw["id"],
        "text": text, "display_text_range": [0, len(text)],
        "source": V1_SOURCE_HTML[tw["source"]], "truncated": False,
        "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
        "in_reply_to_user_id": None, "in_reply_to_user_id_str": None, "in_reply_to_screen_name": None,
        "user": v1_user(tw["author"]), "geo": None, "coordinates": None,
        "place": v1_place(tw["place"]) if tw["place"] else None, "contributors": None,
        "is_quote_status": False,
    }
    replied = next((i for k, i in tw["refs"] if k == "replied_to"), None)
    if replied:
        r = TWEETS[replied]
        out.update({"in_reply_to_status_id": int(r["id"]), "in_reply_to_status_id_str": r["id"],
                    "in_reply_to_user_id": int(r["author"]["id"]), "in_reply_to_user_id_str": r["author"]["id"],
                    "in_reply_to_screen_name": r["author"]["username"]})
        # leading @mentions of a reply are outside the display range
        lead = 0
        for m in tw["entities"].get("mentions", []):
            if m["start"] == lead:
                lead = m["end"] + 1
        out["display_text_range"] = [lead, len(text)]
    if tw["kind"] == "retweet":
        orig = TWEETS[tw["refs"][0][1]]
        out["retweeted_status"] = v1_status(orig, at=at, nested=True)
    quoted = next((i for k, i in tw["refs"] if k == "quoted"), None)
    if quoted:
        q = TWEETS[quoted]
        link = tw["entities"]["urls"][-1]
        out["is_quote_status"] = True
        out["quoted_status_id"] = int(q["id"])
        out["quoted_status_id_str"] = q["id"]
        out["quoted_status"] = v1_status(q, at=at, nested=True)
        out["quoted_status_permalink"] = {"url": link["url"], "expanded": link["expanded_url"],
                                          "display": link["display_url"]}
    if len(text) > 140 and tw["kind"] != "retweet":
        # compat mode: cut the text, point to the full status, full text in extended_tweet
        web = f"https://twitter.com/i/web/status/{tw['id']}"
        cut = text[:113].rsplit(" ", 1)[0]
        short = cut + "\u2026 "
        link_url = tco()
        short_text = short + link_url
        top, _ = v1_entities({k: [e for e in v if e["end"] <= len(cut)] for k, v in tw["entities"].items()})
        top["urls"].append({"url": link_url, "expanded_url": web, "display_url": display_url(web),
                            "indices": [len(short), len(short_text)]})
        ext = {"full_text": text, "display_text_range": out["display_text_range"], "entities": entities}
        if media:
            ext["entities"]["media"] = [v1_media(media[0], tw)]
            ext["extended_entities"] = {"media": [v1_media(media[0], tw)]}
        out.update({"text": short_text, "display_text_range": [0, len(short_text)], "truncated": True,
                    "extended_tweet": ext})
        entities, media = top, []
    if tw["kind"] == "retweet":
        out["display_text_range"] = [0, len(text)]
    metrics = counts_at(tw, at) if nested else {"quote_count": 0, "reply_count": 0,
                                                 "retweet_count": 0, "favorite_count": 0}
    out.update(metrics)
    out["entities"] = entities
    if media:
        out["entities"]["media"] = [v1_media(media[0], tw)]
        out["extended_entities"] = {"media": [v1_media(media[0], tw)]}
    out.update({"favorited": False, "retweeted": False, "possibly_sensitive": False,
                "filter_level": "low", "lang": tw["lang"]})
    if not nested:
        out["timestamp_ms"] = str((int(tw["id"]) >> 22) + TWITTER_EPOCH_MS)
    else:
        del out["filter_level"]
    return out


def pick_v1():
    """30 race-day statuses: a v1.1 filter stream run alongside the search."""
    race_day = [TWEETS[i] for i in COLLECTED
                if TWEETS[i]["when"] >= datetime(2022, 10, 16, 9, tzinfo=UTC) and not TWEETS[i].get("edited")]
    by_kind = lambda k: [t for t in race_day if t["kind"] == k]
    r = random.Random(SEED + 1)
    chosen = []
    long_orig = [t for t in by_kind("original") if len(t["text"]) > 140]
    if not long_orig:  # make sure one long original exists for the extended_tweet case
        raise SystemExit("no original longer than 140 characters on race day; change SEED")
    chosen.append(long_orig[0])
    chosen.append(r.choice([t for t in by_kind("quote") if len(t["text"]) <= 140]))
    # only one status long enough to need extended_tweet
    rest = [t for t in by_kind("original") if t not in chosen and len(t["text"]) <= 140]
    chosen += r.sample(rest, 13)
    chosen += r.sample(by_kind("retweet"), 11)
    chosen += r.sample([t for t in by_kind("reply") if len(t["text"]) <= 140], 4)
    return sorted(chosen, key=lambda t: int(t["id"]))


# ------------------------------------------------------------------ main --

def main():
    build_timeline()
    finalize_metrics()
    pages = build_pages()
    OUT_DIR.mkdir(exist_ok=True)
    with V2_FILE.open("w", encoding="utf-8", newline="\n") as f:
        for page in pages:
            f.write(json.dumps(page, ensure_ascii=False) + "\n")
    v1 = pick_v1()
    with V1_FILE.open("w", encoding="utf-8", newline="\n") as f:
        for tw in v1:
            f.write(json.dumps(v1_status(tw), ensure_ascii=False) + "\n")

    # summary
    coll = [TWEETS[i] for i in COLLECTED]
    n = lambda k: sum(1 for t in coll if t["kind"] == k)
    rq = n("reply+quote")
    referenced = {rid for t in coll for _, rid in t["refs"]} | {
        v for t in coll for v in t["edit_history"]}
    referenced -= set(COLLECTED)
    accounts = {u["id"] for p in pages for u in p["includes"]["users"]}
    print(f"wrote {V2_FILE.relative_to(REPO_ROOT)} ({V2_FILE.stat().st_size:,} bytes): "
          f"{len(pages)} pages, {len(coll)} collected tweets")
    print(f"  retweets {n('retweet')}, replies {n('reply') + rq}, quotes {n('quote') + rq} "
          f"(1 both reply and quote), originals {n('original')}")
    photos = {m["media_key"] for p in pages for m in p["includes"].get("media", [])}
    print(f"  referenced-only tweets in includes {len(referenced)}, accounts {len(accounts)}, "
          f"edited tweets 1 (2 versions), photos {len(photos)}, geotagged {sum(1 for t in coll if t['place'])}, "
          f"with cashtags {sum(1 for t in coll if t['entities'].get('cashtags'))}")
    langs = {}
    for t in coll:
        langs[t["lang"]] = langs.get(t["lang"], 0) + 1
    print(f"  languages {dict(sorted(langs.items(), key=lambda kv: -kv[1]))}")
    top_rt = {}
    for t in coll:
        if t["kind"] == "retweet":
            h = TWEETS[t["refs"][0][1]]["author"]["username"]
            top_rt[h] = top_rt.get(h, 0) + 1
    print("  most retweeted accounts: " + ", ".join(
        f"@{h} {c}" for h, c in sorted(top_rt.items(), key=lambda kv: -kv[1])[:5]))
    tags = {}
    for t in coll:
        for h in t["entities"].get("hashtags", []):
            tags[h["tag"]] = tags.get(h["tag"], 0) + 1
    print("  top hashtags: " + ", ".join(
        f"#{h} {c}" for h, c in sorted(tags.items(), key=lambda kv: -kv[1])[:5]))
    v1_kinds = {}
    for t in v1:
        v1_kinds[t["kind"]] = v1_kinds.get(t["kind"], 0) + 1
    print(f"wrote {V1_FILE.relative_to(REPO_ROOT)} ({V1_FILE.stat().st_size:,} bytes): "
          f"{len(v1)} statuses ({', '.join(f'{k} {c}' for k, c in sorted(v1_kinds.items()))}; "
          f"1 with extended_tweet), by {len({t['author']['id'] for t in v1})} authors")


if __name__ == "__main__":
    main()
