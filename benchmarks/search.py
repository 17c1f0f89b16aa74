"""Search speed at 100,000 clippings: the raw FTS5 floor, ``Library.search`` and ``clipper search``.

One run prints, side by side, for a fixed set of 50 queries (common words, rare
words, phrases, prefixes, filters):

* floor: the plain SQL a person would write for the same top 20: FTS5
  ``MATCH ... ORDER BY bm25(...) LIMIT 20`` (with the filter as SQL over the same
  tables; filters alone: newest first), no snippets, no rows loaded;
* ``Library.search``: clipper's parser, ranking, snippets and whole clippings
  for the page of 20;
* ``clipper search``: the command, end to end, as a new process (Rich output
  into a pipe), beside ``clipper --version``, which is the start-up cost;

each as p50 and p99 over the queries (every query's time is the median of
``--rounds`` runs after one warm-up run). It also checks that clipper returns
the floor's hits, and times the no-match path (suggestions).

The library is synthetic and deterministic (seeded): a Zipf vocabulary of
150,000 words (real English words at the top, made-up words below), stories
of log-normal length (median ~550 words) in paragraphs, titles, descriptions,
authors, 80 sites, tags, languages, dates over 13 years, recurring phrases. It
is built once (a minute or two) and cached in ``benchmarks/.cache/``.

    python benchmarks/search.py [--clippings 100000] [--rounds 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
GENERATOR_VERSION = 1
VOCABULARY_SIZE = 150_000
ZIPF_EXPONENT = 1.05

sys.path.insert(0, str(ROOT))

from benchmarks.installed import compile_clipper  # noqa: E402
from clipper.library import Library  # noqa: E402
from clipper.search import BM25  # noqa: E402  (the floor ranks with clipper's column weights)

COMMON = """
the of and to a in that is for on it with as was he be by at have are this from his but
not has they an or had were which their said been will one who its would all she more her
after also when two about there up new out first people than over time only last other
into some year can we what years could government him most three told no them before if
may world president like where back state just percent while during against police
country since city made because through million between officials those now under our
week security minister day former national house four many public military told being
any should how both including second according even group support called still end
report five high early next days work part power own months several local political
health forces court law party told market company news economic top war workers well
month left talks attack children families long family say death chief foreign water
election leader plan official north south deal countries least billion use way another
""".split()  # noqa: SIM905

TOPICS = """
climate ukraine russia pacific bombers vaccine inflation refugees earthquake satellite
drought tariffs parliament protest submarine pipeline wildfire semiconductor glacier
ceasefire referendum monsoon blockade coalition uranium hurricane sanctions famine
telescope lithium archipelago cartel tsunami fjord zeppelin
""".split()  # noqa: SIM905

PHRASES = [
    "prime minister",
    "climate change",
    "central bank",
    "united nations",
    "human rights",
    "interest rates",
    "supply chain",
    "peace talks",
    "air force",
    "joint patrol",
    "heat wave",
    "bond yields",
]

SITES = [
    ("Reuters", "www.reuters.com", "en"),
    ("AP News", "apnews.com", "en"),
    ("BBC News", "www.bbc.co.uk", "en"),
    ("The Guardian", "www.theguardian.com", "en"),
    ("The New York Times", "www.nytimes.com", "en"),
    ("Der Spiegel", "www.spiegel.de", "de"),
    ("Le Monde", "www.lemonde.fr", "fr"),
    ("El País", "elpais.com", "es"),
    ("Devdiscourse", "www.devdiscourse.com", "en"),
    ("Al Jazeera", "www.aljazeera.com", "en"),
    ("Reuters UK", "uk.reuters.com", "en"),
    ("Die Zeit", "www.zeit.de", "de"),
]

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + [
    c + v + e for c in "bdgklmnprst" for v in "aeiou" for e in "nrs"
]


def made_up_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    words: list[str] = []
    seen = set(taken)
    while len(words) < count:
        size = min(5, 1 + int(rng.expovariate(0.9)) + (len(words) > 2000))
        word = "".join(rng.choice(SYLLABLES) for _ in range(size))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def vocabulary(rng: random.Random) -> list[str]:
    """Real words at the top of the ranking, topic words spread through it, made-up below."""
    real = list(dict.fromkeys(COMMON))
    words = real + made_up_words(rng, VOCABULARY_SIZE - len(real) - len(TOPICS), set(real))
    for i, topic in enumerate(TOPICS):  # ranks ~300 (common) ... ~140,000 (rare)
        words.insert(int(300 * (1.2 ** (i * 0.95))), topic)
    return words[:VOCABULARY_SIZE]


@dataclass
class Generator:
    rng: random.Random
    words: list[str]
    cumulative: list[float]
    authors: list[str]
    tags: list[str]

    @classmethod
    def create(cls, seed: int) -> Generator:
        rng = random.Random(seed)
        words = vocabulary(rng)
        weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words))]
        cumulative = list(itertools.accumulate(weights))
        names = made_up_words(rng, 1200, set(words))
        authors = [f"{rng.choice(names).title()} {rng.choice(names).title()}" for _ in range(3000)]
        tags = ["russia", "climate", "economy", "defence", "ukraine", "health", "elections"]
        tags += made_up_words(rng, 150, set(words) | set(tags))
        return cls(rng, words, cumulative, authors, tags)

    def sample(self, count: int, skip: int = 0) -> list[str]:
        total = self.cumulative[-1]
        low = self.cumulative[skip - 1] if skip else 0.0
        draws = [low + self.rng.random() * (total - low) for _ in range(count)]
        return [self.words[bisect.bisect(self.cumulative, x)] for x in draws]

    def sentence(self, size: int) -> str:
        words = self.sample(size)
        if self.rng.random() < 0.15:
            at = self.rng.randrange(len(words))
            words[at] = self.rng.choice(PHRASES[: 1 + int(self.rng.expovariate(0.3))])
        if size > 12 and self.rng.random() < 0.5:
            words[self.rng.randrange(3, size - 2)] += ","
        return " ".join(words).capitalize() + "."

    def story(self) -> str:
        target = int(min(5000, max(60, self.rng.lognormvariate(math.log(550), 0.6))))
        paragraphs: list[str] = []
        written = 0
        while written < target:
            sentences = []
            for _ in range(self.rng.randint(2, 5)):
                size = self.rng.randint(8, 30)
                sentences.append(self.sentence(size))
                written += size
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def clipping(self, n: int) -> tuple[tuple[object, ...], list[str]]:
        rng = self.rng
        site, host, language = SITES[min(int(rng.expovariate(0.35)), len(SITES) - 1)]
        if rng.random() < 0.3:
            name = rng.choice(self.words[2000:4000])
            site, host, language = name.title() + " Daily", f"www.{name}daily.com", "en"
        title = " ".join(self.sample(rng.randint(6, 13), skip=40)).capitalize()
        description = self.sentence(rng.randint(15, 35))
        text = self.story()
        published_day = 15_340 + rng.randrange(13 * 365)  # 2012 .. 2024
        stamp = time.strftime("%Y-%m-%dT%H:%M:00+00:00", time.gmtime(published_day * 86400))
        published = None if rng.random() < 0.04 else stamp
        clipped = time.strftime(
            "%Y-%m-%dT%H:%M:%S+00:00",
            time.gmtime((published_day + rng.randrange(30)) * 86400 + rng.randrange(86400)),
        )
        writers = [] if rng.random() < 0.1 else rng.sample(self.authors, rng.choice((1, 1, 2)))
        row = (
            f"https://{host}/news/{'-'.join(title.lower().split()[:6])}-{n}",
            title,
            json.dumps(writers, ensure_ascii=False),
            published,
            site,
            language,
            description,
            text,
            text,  # markdown: the same story, so rows are as big as real ones
            len(text.split()),
            clipped,
            clipped,
            int(rng.random() < 0.02),
        )
        tags = rng.sample(self.tags[: 5 + int(rng.expovariate(0.05))], rng.choice((0, 0, 1, 2, 3)))
        return row, tags


def build(path: Path, clippings: int, seed: int = 20_201_222) -> None:
    """Write the synthetic library to ``path`` (through a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".building")
    for leftover in path.parent.glob(temporary.name + "*"):
        leftover.unlink()
    Library.open(temporary).close()
    generator = Generator.create(seed)
    db = sqlite3.connect(temporary, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    batch = 2000
    for start in range(0, clippings, batch):
        made = [generator.clipping(n) for n in range(start, min(clippings, start + batch))]
        db.execute("BEGIN")
        cursor = db.execute("SELECT coalesce(max(id), 0) FROM clippings")
        first_id = cursor.fetchone()[0] + 1
        db.executemany(
            """
            INSERT INTO clippings (url, title, authors, published, site, language,
                description, text, markdown, word_count, clipped_at, updated_at, starred)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [row for row, _ in made],
        )
        db.executemany(
            "INSERT INTO tags (clipping_id, tag) VALUES (?, ?)",
            [(first_id + i, tag) for i, (_, tags) in enumerate(made) for tag in tags],
        )
        db.execute("COMMIT")
        done = min(clippings, start + batch)
        elapsed = time.perf_counter() - started
        print(f"\rbuilding: {done:,}/{clippings:,} clippings, {elapsed:.0f} s", end="", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print()
    temporary.rename(path)


# -- the queries -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A clipper query and the hand-written SQL a person would use for the same top 20."""

    kind: str
    query: str
    match: str | None
    where: str = ""
    params: tuple[object, ...] = ()


def cases(words: Sequence[str]) -> list[Case]:
    def rare(rank: int) -> str:
        return words[rank]

    hosts = "SELECT clipping_id FROM site_keys WHERE key = ?"
    out = [
        *(Case("common", w, f'"{w}"') for w in ["the", "said", "government", "police"]),
        *(Case("common", w, f'"{w}"') for w in ["minister", "election"]),
        Case("common", "said government", '"said" "government"'),
        Case("common", "police city week", '"police" "city" "week"'),
        *(Case("mid", w, f'"{w}"') for w in TOPICS[:8]),
        Case("mid", "climate drought", '"climate" "drought"'),
        Case("mid", "russia bombers pacific", '"russia" "bombers" "pacific"'),
        *(Case("rare", w, f'"{w}"') for w in TOPICS[20:26]),
        *(Case("rare", rare(r), f'"{rare(r)}"') for r in (30_000, 70_000, 120_000)),
        Case("rare", f"{rare(20_000)} government", f'"{rare(20_000)}" "government"'),
        *(Case("phrase", f'"{p}"', f'"{p}"') for p in PHRASES[:8]),
        Case("phrase", '"of the"', '"of the"'),
        Case("phrase", '"the government said"', '"the government said"'),
        Case("prefix", "infla*", '"infla" *'),
        Case("prefix", "elect*", '"elect" *'),
        Case("filter", "tag:russia", None, "c.id IN (SELECT clipping_id FROM tags WHERE tag = ?)",
             ("russia",)),
        Case("filter", "site:reuters.com", None, f"c.id IN ({hosts})",
             ("reuters.com",)),
        Case("filter", "climate site:reuters.com", '"climate"', f"+rowid IN ({hosts})",
             ("reuters.com",)),
        Case("filter", "the tag:russia", '"the"',
             "+rowid IN (SELECT clipping_id FROM tags WHERE tag = ?)", ("russia",)),
        Case("filter", "inflation lang:de", '"inflation"',
             "+rowid IN (SELECT id FROM clippings WHERE language = ?)", ("de",)),
        Case("filter", "election after:2020 before:2021", '"election"',
             "+rowid IN (SELECT id FROM clippings WHERE coalesce(published, clipped_at) >= ? "
             "AND coalesce(published, clipped_at) < ?)",
             ("2020-01-01", "2021-01-01")),
        Case("filter", "is:starred", None, "c.id IN (SELECT id FROM clippings WHERE starred)"),
        Case("filter", '"prime minister" -election', '"prime minister" NOT "election"'),
        Case("filter", "title:climate", 'title : "climate"'),
        Case("filter", "police OR protest", '"police" OR "protest"'),
    ]  # fmt: skip
    assert len(out) == 50, len(out)
    return out


# -- measuring -------------------------------------------------------------------


def floor_scores(db: sqlite3.Connection, case: Case) -> list[float]:
    """The floor's top-20 scores (as clipper reports them: higher is better)."""
    if case.match is None:
        return []
    where = f"AND {case.where}" if case.where else ""
    sql = f"""SELECT -{BM25} FROM clippings_fts WHERE clippings_fts MATCH ? {where}
              ORDER BY {BM25} LIMIT 20"""
    return [row[0] for row in db.execute(sql, (case.match, *case.params))]


def floor_query(db: sqlite3.Connection, case: Case) -> list[int]:
    if case.match is None:
        sql = f"""SELECT c.id FROM clippings AS c WHERE {case.where}
                  ORDER BY coalesce(c.published, c.clipped_at) DESC, c.id DESC LIMIT 20"""
        return [row[0] for row in db.execute(sql, case.params)]
    where = f"AND {case.where}" if case.where else ""
    sql = f"""SELECT rowid, {BM25} FROM clippings_fts WHERE clippings_fts MATCH ? {where}
              ORDER BY {BM25} LIMIT 20"""
    return [row[0] for row in db.execute(sql, (case.match, *case.params))]


def timed(action: Callable[[], object], rounds: int) -> float:
    action()  # warm-up: the page cache, SQLite's schema, Python's imports
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def clipper_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "clipper", *args]


def run_process(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clippings", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each query's times")
    options = parser.parse_args()
    compile_clipper()

    schema = hashlib.sha256((ROOT / "clipper" / "migrations.py").read_bytes()).hexdigest()[:8]
    path = CACHE / f"search-{options.clippings}-g{GENERATOR_VERSION}-{schema}.db"
    if options.rebuild or not path.exists():
        for stale in CACHE.glob(f"search-{options.clippings}-*.db"):
            stale.unlink()  # built by another generator or schema: 1+ GB each
        started = time.perf_counter()
        build(path, options.clippings)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    size = path.stat().st_size / 2**20
    print(f"library: {path.relative_to(ROOT)} ({options.clippings:,} clippings, {size:,.0f} MiB)")

    words = Generator.create(20_201_222).words
    all_cases = cases(words)
    rounds = options.rounds
    raw = sqlite3.connect(path)
    library = Library.open(path, create=False)
    floors, searches, by_date, processes, mismatches, ties = [], [], [], [], [], []
    os.environ["CLIPPER_LIBRARY"] = str(path)  # for the clipper processes
    for case in all_cases:
        floor_ids = floor_query(raw, case)
        hits = library.search(case.query, limit=20)
        if sorted(floor_ids) != sorted(h.clipping.id for h in hits):
            # Equal scores at the page's end: clipper takes the newer, SQL any of them.
            scores = [round(h.score, 9) for h in hits]
            if case.match and scores == [round(s, 9) for s in floor_scores(raw, case)]:
                ties.append(case.query)
            else:
                mismatches.append(case.query)
        floors.append(timed(lambda c=case: floor_query(raw, c), rounds))
        searches.append(timed(lambda c=case: library.search(c.query, limit=20), rounds))
        by_date.append(timed(lambda c=case: library.search(c.query, limit=20, sort="date"), rounds))
        command = clipper_command("search", case.query)
        processes.append(timed(lambda cmd=command: run_process(cmd), rounds))
        if options.show:
            print(
                f"  {case.kind:7} {case.query[:34]:34} floor {floors[-1] * 1000:7.1f} ms"
                f"  library {searches[-1] * 1000:7.1f} ms  process {processes[-1] * 1000:6.0f} ms"
                f"  ({len(hits)} hits)"
            )
    version, show = [], []
    for _ in range(15):
        version.append(timed(lambda: run_process(clipper_command("--version")), 1))
        show.append(timed(lambda: run_process(clipper_command("show", "1", "--json")), 1))
    typo = f"{words[2100][:2]}{words[2100][3]}{words[2100][2]}{words[2100][4:]} {words[300]}"
    nothing = library.search(typo, limit=20)
    no_match = timed(lambda: library.suggest(typo), rounds)
    suggestions = library.suggest(typo)
    library.close()
    raw.close()

    def row(name: str, values: Sequence[float], note: str = "") -> str:
        p50, p99 = percentile(values, 50) * 1000, percentile(values, 99) * 1000
        return f"{name:42} {p50:9.1f} {p99:9.1f}  {note}"

    floor50, search50 = percentile(floors, 50), percentile(searches, 50)
    version50, process50 = percentile(version, 50), percentile(processes, 50)
    print(f"\n{len(all_cases)} queries, median of {rounds} runs each after a warm-up")
    print(f"{'':42} {'p50 ms':>9} {'p99 ms':>9}")
    print(row("raw FTS5 MATCH ... ORDER BY bm25 (floor)", floors))
    print(
        row(
            "Library.search (with snippets)",
            searches,
            f"p50 = {search50 / floor50:.2f}x floor (target <= 1.5x)",
        )
    )
    print(row("Library.search --sort date (newest first)", by_date))
    print(row("clipper --version (process)", version))
    print(
        row(
            "clipper show 1 --json (process)",
            show,
            f"p50 = --version + {(percentile(show, 50) - version50) * 1000:.0f} ms "
            "(any command that opens the library)",
        )
    )
    print(
        row(
            "clipper search (process)",
            processes,
            f"p50 = --version + {(process50 - version50) * 1000:.0f} ms (target <= +150 ms); "
            f"show 1 --json + {(process50 - percentile(show, 50)) * 1000:.0f} ms",
        )
    )
    print(
        f"no match ({typo!r}, {len(nothing)} hits): suggestions in {no_match * 1000:.0f} ms: "
        + ", ".join(f"{s.query!r} ({s.hits})" for s in suggestions)
    )
    for kind in dict.fromkeys(c.kind for c in all_cases):
        picked = [i for i, c in enumerate(all_cases) if c.kind == kind]
        f = statistics.median(floors[i] for i in picked) * 1000
        s = statistics.median(searches[i] for i in picked) * 1000
        print(
            f"  {kind:8} ({len(picked):2} queries) median: floor {f:6.1f} ms, library {s:6.1f} ms"
        )
    print(
        "same hits as the floor: "
        + ("all queries" if not mismatches else f"NOT for {mismatches}")
        + (f" (the same scores, ties at the end broken by date, for {ties})" if ties else "")
    )


if __name__ == "__main__":
    main()
