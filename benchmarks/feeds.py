"""Feeds: the parser chosen beside two faster ones, then `clipper feed update` beside `clip --from`.

Part 1, the parsers (in this process). The same feeds go to feedparser (which
clipper uses), fastfeedparser and feedparser-rs (the ``bench`` extra):

- **robustness**: feeds the real web serves, each with what a reader must get
  out of it (undeclared HTML entities, wrong and legacy encodings, XML that
  is not well-formed, a truncated download, ``xml:base``, RDF, JSON Feed,
  entity-expansion and external-entity attacks...). A case passes when the
  parser returns what the check asks for, within a second, without raising
  anything but for a web page.
- **speed**: milliseconds a feed over the 200 generated feeds of part 2 (20
  entries each, as news sites publish them: title, link, id, date, a teaser).

``clipper`` is shown too: its own reading (``clipper.feeds.parse``), feedparser
with JSON Feed read by clipper and links checked and cleaned afterwards.
``tests/test_feeds_parse.py`` holds it to every robustness case.

Part 2, the command (each contender in a fresh process, start-up included,
as ``benchmarks/batch.py`` times them). A local server in its own process
serves 200 RSS feeds of 20 new stories each, over ``--hosts`` loopback
addresses, with the stories' pages (``benchmarks/batch.py``'s generated news
pages); it answers ``If-None-Match`` with ``304 Not Modified``.

- ``clip --from``: ``clipper clip --from urls.txt`` with the 4,000 story URLs,
  into a fresh library.
- ``feed update``: ``clipper feed update`` in a fresh library following the
  200 feeds (imported from OPML beforehand, untimed): it reads every feed,
  picks the 20 new entries of each and clips the 4,000 stories.
- ``feed update, all 304``: ``clipper feed update`` again: every feed answers
  304 and nothing is clipped. Printed beside ``clipper --version``, start-up.

The targets (issue 16): ``feed update`` at 90 % or more of ``clip --from``'s
pages a second in the same run, and 200 unchanged feeds in 2 s or less on top
of start-up. Each contender runs ``--rounds`` times, in alternating order;
the best run is the figure and the median is printed beside it.

    python benchmarks/feeds.py [--feeds 200] [--stories 20] [--hosts 8] [--rounds 3]
    python benchmarks/feeds.py --parsers-only
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

try:  # run as a script: benchmarks/ is on the path
    from batch import Result, generated_page, measure
    from installed import compile_clipper
    from loopback import NOT_FOUND
    from loopback import serve as serve_loopback
except ImportError:  # imported as benchmarks.feeds
    from benchmarks.batch import Result, generated_page, measure
    from benchmarks.installed import compile_clipper
    from benchmarks.loopback import NOT_FOUND
    from benchmarks.loopback import serve as serve_loopback

# -- the feeds -------------------------------------------------------------------------------

_TEASER = (
    "The council said on Monday that the new bridge over the river would open next year, "
    "after a decade of delays and rising costs; residents welcomed the news."
)


def feed_document(feed: int, stories: int, base: str) -> bytes:
    """Feed ``feed``'s RSS 2.0: ``stories`` entries, newest first, each linking its story."""
    items = []
    for k in reversed(range(stories)):
        n = feed * stories + k
        items.append(
            f"<item><title>Story {n}: the bridge, the river and the council</title>"
            f"<link>{base}/s/{feed}/{k}</link><guid isPermaLink='false'>story-{n}</guid>"
            f"<pubDate>Tue, {1 + k % 28:02d} Dec 2024 {k % 24:02d}:00:00 GMT</pubDate>"
            f"<category>News</category><description>{_TEASER}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>The Daily {feed}</title><link>{base}/</link><description>News</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def host(feed: int, hosts: int, port: int) -> str:
    return f"http://127.0.0.{1 + feed % hosts}:{port}"


# -- the server (its own process) ---------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str
    etag: str | None = None


def build_routes(feeds: int, stories: int) -> dict[str, Answer]:
    """Paths to answers: ``/feed/F`` (RSS, with an ETag) and ``/s/F/K`` (pages).

    Feed documents name their host, so they are made per request (``serve``)."""
    rng = random.Random(20241201)
    routes: dict[str, Answer] = {}
    for feed in range(feeds):
        for k in range(stories):
            body, content_type = generated_page(feed * stories + k, rng)
            routes[f"/s/{feed}/{k}"] = Answer(body, content_type)
    return routes


def serve(
    routes: dict[str, Answer],
    feeds: int,
    stories: int,
    hosts: int,
    ready: Any,
) -> None:
    documents: dict[tuple[int, str], bytes] = {}

    def feed_answer(path: str, local: str) -> Answer | None:
        try:
            feed = int(path.removeprefix("/feed/"))
        except ValueError:
            return None
        if not 0 <= feed < feeds:
            return None
        key = (feed, local)
        if key not in documents:
            documents[key] = feed_document(feed, stories, f"http://{local}")
        return Answer(documents[key], "application/rss+xml; charset=utf-8", f'"feed-{feed}"')

    def respond(path: str, asked: dict[str, str], local: str) -> tuple[str, str, bytes]:
        found = feed_answer(path, local) if path.startswith("/feed/") else routes.get(path)
        if found is None:
            return NOT_FOUND
        if found.etag is not None and asked.get("if-none-match") == found.etag:
            return "304 Not Modified", f"ETag: {found.etag}\r\n", b""
        headers = f"Content-Type: {found.content_type}\r\n"
        if found.etag is not None:
            headers += f"ETag: {found.etag}\r\n"
        return "200 OK", headers, found.body

    serve_loopback(respond, hosts, ready)


# -- part 1: the parsers --------------------------------------------------------------------------

FEED_URL = "https://bench.example/section/feed.xml"


@dataclass
class Parsed:
    """A parser's result, reduced to what clipper uses."""

    title: str
    entries: list[tuple[str, str, str]]  # title, link (resolved against the feed), id
    text: str  # everything, to look for what must not be there


def _reduce(result: Any) -> Parsed:
    feed = result.get("feed") or {}
    entries = []
    for entry in result.get("entries") or []:
        link = entry.get("link") or ""
        entries.append(
            (
                str(entry.get("title") or ""),
                urljoin(FEED_URL, str(link)),
                str(entry.get("id") or ""),
            )
        )
    return Parsed(str(feed.get("title") or ""), entries, repr(result)[:2_000_000])


def clipper_parser(content: bytes) -> Parsed:
    """clipper's own reading (``clipper.feeds.parse``): feedparser, JSON Feed, links checked."""
    from clipper.errors import FeedError
    from clipper.feeds.parse import parse_feed

    try:
        feed = parse_feed(content, FEED_URL)
    except FeedError:  # a web page: no entries, said so
        return Parsed("", [], "")
    entries = [(e.title, e.link or "", e.guid or "") for e in feed.entries]
    return Parsed(feed.title, entries, repr(feed))


def _feedparser(content: bytes) -> Parsed:
    import io

    import feedparser

    return _reduce(
        feedparser.parse(
            io.BytesIO(content),
            response_headers={},  # as clipper calls it: links resolved afterwards
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    )


def _fastfeedparser(content: bytes) -> Parsed:
    import fastfeedparser

    return _reduce(fastfeedparser.parse(content))


def _feedparser_rs(content: bytes) -> Parsed:
    import feedparser_rs

    return _reduce(feedparser_rs.parse(content))


PARSERS: dict[str, tuple[str, Callable[[bytes], Parsed]]] = {
    "clipper": ("clipper", clipper_parser),
    "feedparser": ("feedparser", _feedparser),
    "fastfeedparser": ("fastfeedparser", _fastfeedparser),
    "feedparser-rs": ("feedparser_rs", _feedparser_rs),
}

_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "'
    + b"a" * 64
    + b'">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 20) for i in range(6)
    )
    + b']><rss version="2.0"><channel><title>&g;</title><item><title>ok</title>'
    b"<link>http://laughs.example/ok</link><description>&g;&g;</description></item>"
    b"</channel></rss>"
)


def robustness_cases(secret: Path) -> list[tuple[str, bytes, Callable[[Parsed], bool]]]:
    """(name, feed, check): what a reader must get out of feeds the real web serves."""
    rss = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    return [
        (
            "RSS 2.0, relative links",
            rss + b"<item><title>A</title><link>/a</link><guid>g-a</guid></item>"
            b"<item><title>B</title><link>https://bench.example/b</link></item></channel></rss>",
            lambda p: (
                [e[:2] for e in p.entries]
                == [("A", "https://bench.example/a"), ("B", "https://bench.example/b")]
            ),
        ),
        (
            "RSS 0.91, HTML entities",
            b'<?xml version="1.0"?><rss version="0.91"><channel><title>Caf&eacute;</title>'
            b"<item><title>Caf&eacute; &amp; cr&egrave;me</title><link>http://c.example/c</link>"
            b"</item></channel></rss>",
            lambda p: p.title == "Café" and [e[0] for e in p.entries] == ["Café & crème"],
        ),
        (
            "RSS 1.0 (RDF)",
            b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://r.example/">'
            b"<title>RDF</title><link>http://r.example/</link></channel>"
            b'<item rdf:about="http://r.example/a"><title>A</title><link>http://r.example/a</link>'
            b"</item></rdf:RDF>",
            lambda p: [e[:2] for e in p.entries] == [("A", "http://r.example/a")],
        ),
        (
            "Atom 1.0, xml:base",
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
            b'xml:base="https://bench.example/posts/"><title>Atom</title><id>f</id>'
            b'<entry><title>First</title><link rel="alternate" href="first"/><id>e1</id>'
            b"<updated>2020-12-22T10:00:00Z</updated></entry></feed>",
            lambda p: (
                [e[:2] for e in p.entries] == [("First", "https://bench.example/posts/first")]
            ),
        ),
        (
            "Atom 1.0, XHTML title",
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><entry>'
            b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Big <b>news</b>'
            b'</div></title><link href="https://x.example/1"/><id>1</id></entry></feed>',
            lambda p: len(p.entries) == 1 and "news" in p.entries[0][0],
        ),
        (
            "JSON Feed 1.1",
            json.dumps(
                {
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": "J",
                    "items": [{"id": "1", "url": "https://j.example/1", "title": "One"}],
                }
            ).encode(),
            lambda p: [e[:2] for e in p.entries] == [("One", "https://j.example/1")],
        ),
        (
            "declared UTF-8, sent cp1252",
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>'
            "<item><title>Été à Paris</title><link>http://f.example/e</link></item>"
            "</channel></rss>".encode("cp1252"),
            lambda p: [e[0] for e in p.entries] == ["Été à Paris"],
        ),
        (
            "windows-1251",
            '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
            "<title>Новости</title><item><title>Москва</title><link>http://r.example/m</link>"
            "</item></channel></rss>".encode("cp1251"),
            lambda p: [e[0] for e in p.entries] == ["Москва"],
        ),
        (
            "not well-formed (bare &, unclosed)",
            b'<rss version="2.0"><channel><title>Broken & co</title><item><title>A</title>'
            b"<link>http://b.example/a?x=1&y=2</link></item><item><title>B</title>"
            b"<link>http://b.example/b</link></channel>",
            lambda p: (
                [e[:2] for e in p.entries]
                == [("A", "http://b.example/a?x=1&y=2"), ("B", "http://b.example/b")]
            ),
        ),
        (
            "truncated download",
            rss + b"<item><title>A</title><link>http://t.example/a</link></item>"
            b"<item><title>B</title><link>http://t.example/b</link></item><item><title>C",
            lambda p: (
                [e[:2] for e in p.entries][:2]
                == [("A", "http://t.example/a"), ("B", "http://t.example/b")]
            ),
        ),
        (
            "duplicate guids",
            rss + b"<item><guid>same</guid><title>A</title><link>http://d.example/a</link></item>"
            b"<item><guid>same</guid><title>B</title><link>http://d.example/b</link></item>"
            b"</channel></rss>",
            lambda p: (
                [e[:2] for e in p.entries]
                == [("A", "http://d.example/a"), ("B", "http://d.example/b")]
            ),
        ),
        (
            "entity expansion (billion laughs)",
            _LAUGHS,
            lambda p: (
                [e[1] for e in p.entries] == ["http://laughs.example/ok"] and len(p.text) < 100_000
            ),
        ),
        (
            "external entity (a local file)",
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://%s">]>'
            % str(secret).encode()
            + b'<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title>'
            b"<link>http://x.example/a</link></item></channel></rss>",
            lambda p: (
                "SECRET" not in p.text and [e[1] for e in p.entries] == ["http://x.example/a"]
            ),
        ),
        (
            "a web page instead (no entries, no crash)",
            b"<!DOCTYPE html><html><head><title>Page</title></head><body><p>Hi</p></body></html>",
            lambda p: p.entries == [],
        ),
    ]


def compare_parsers(feeds: list[bytes]) -> None:
    import importlib.metadata

    with tempfile.TemporaryDirectory(prefix="clipper-feeds-") as folder:
        secret = Path(folder) / "secret.txt"
        secret.write_text("SECRET-FROM-A-FILE")
        cases = robustness_cases(secret)
        rows = []
        failures: dict[str, list[str]] = {}
        for name, (module, parse) in PARSERS.items():
            try:
                __import__(module)
                version = importlib.metadata.version(name)
            except ImportError:
                print(f"{name}: not installed (pip install -e '.[bench]')")
                continue
            passed = 0
            for case, content, check in cases:
                started = time.perf_counter()
                try:
                    parsed = parse(content)
                    ok = check(parsed) and time.perf_counter() - started < 1
                except Exception as error:
                    ok = case.startswith("a web page") and isinstance(error, ValueError)
                passed += ok
                if not ok:
                    failures.setdefault(name, []).append(case)
            parse(feeds[0])
            started = time.perf_counter()
            for feed in feeds:
                parse(feed)
            per_feed = (time.perf_counter() - started) / len(feeds) * 1000
            rows.append((f"{name} {version}", passed, per_feed))
    heading = f"{'parser':<24} {'robustness':>10} {'ms a feed':>10}"
    print(f"\n{heading}   ({len(feeds)} feeds, 20 entries each)")
    for label, passed, per_feed in rows:
        print(f"{label:<24} {passed:>4} of {len(cases):<3} {per_feed:>10.2f}")
    for name, cases_failed in failures.items():
        print(f"  {name} fails: {'; '.join(cases_failed)}")


# -- part 2: the command --------------------------------------------------------------------------


def _clippings(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM clippings").fetchone()[0])


def _opml(feeds: int, hosts: int, port: int) -> str:
    outlines = "".join(
        f'<outline type="rss" text="Daily {f}" xmlUrl="{host(f, hosts, port)}/feed/{f}"/>'
        for f in range(feeds)
    )
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--stories", type=int, default=20, help="new stories in each feed")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses to spread over")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each contender")
    parser.add_argument("--parsers-only", action="store_true", help="part 1 only")
    args = parser.parse_args()
    compile_clipper()
    feeds = [
        feed_document(f, args.stories, f"http://127.0.0.{1 + f % args.hosts}:8000")
        for f in range(args.feeds)
    ]
    compare_parsers(feeds)
    if args.parsers_only:
        return 0
    total = args.feeds * args.stories
    print(f"\nbuilding {total} story pages...", flush=True)
    routes = build_routes(args.feeds, args.stories)
    context = multiprocessing.get_context("fork")
    ready: Any = context.Queue()
    server = context.Process(
        target=serve, args=(routes, args.feeds, args.stories, args.hosts, ready), daemon=True
    )
    server.start()
    runs: dict[str, list[Result]] = {}
    try:
        port = ready.get(timeout=120)
        with tempfile.TemporaryDirectory(prefix="clipper-feeds-") as folder:
            work = Path(folder)
            urls = work / "urls.txt"
            urls.write_text(
                "".join(
                    f"{host(f, args.hosts, port)}/s/{f}/{k}\n"
                    for f in range(args.feeds)
                    for k in reversed(range(args.stories))
                )
            )
            (work / "feeds.opml").write_text(_opml(args.feeds, args.hosts, port))
            env = {**os.environ, "CLIPPER_CONFIG": str(work / "none.toml")}
            python = sys.executable
            clipper = [python, "-m", "clipper", "--library"]
            names = ["clip --from", "feed update"]
            for round_ in range(args.rounds):
                for name in names if round_ % 2 == 0 else names[::-1]:
                    for stale in work.glob("*.db*"):
                        stale.unlink()
                    library = work / "run.db"
                    if name == "clip --from":
                        command = [*clipper, str(library), "clip", "--from", str(urls)]
                    else:
                        subprocess.run(
                            [*clipper, str(library), "feed", "import", str(work / "feeds.opml")],
                            env=env,
                            check=True,
                            capture_output=True,
                        )
                        command = [*clipper, str(library), "feed", "update"]
                    result = measure(name, command, env, capture="stderr")
                    stored = _clippings(library)
                    runs.setdefault(name, []).append(result)
                    print(
                        f"  round {round_ + 1}, {name}: {total / result.seconds:.1f} stories/s, "
                        f"{stored} clippings stored, {result.seconds:.2f} s",
                        flush=True,
                    )
                    if name == "feed update":
                        unchanged = measure(
                            "feed update, all 304", [*clipper, str(library), "feed", "update"], env,
                            capture="stderr",
                        )  # fmt: skip
                        runs.setdefault("feed update, all 304", []).append(unchanged)
                        said = unchanged.output.splitlines()[-1] if unchanged.output else ""
                        print(
                            f"  round {round_ + 1}, feed update, all 304: "
                            f"{unchanged.seconds:.2f} s, "
                            f"{_clippings(library) - stored} more clippings; {said}",
                            flush=True,
                        )
                startup = measure("clipper --version", [python, "-m", "clipper", "--version"], env)
                runs.setdefault("clipper --version", []).append(startup)
    finally:
        server.terminate()
        server.join()
    _report(runs, total, args)
    return 0


def _report(runs: dict[str, list[Result]], total: int, args: argparse.Namespace) -> None:
    print(f"\nbest of {args.rounds} (the median in brackets); {os.cpu_count()} CPUs")
    print(f"{'contender':<24} {'stories/s':>17} {'seconds':>16} {'CPU s':>7} {'peak RSS':>9}")
    best: dict[str, Result] = {}
    for name, results in runs.items():
        fastest = min(results, key=lambda r: r.seconds)
        best[name] = fastest
        median = statistics.median(r.seconds for r in results)
        rate = (
            f"{total / fastest.seconds:7.1f} [{total / median:7.1f}]"
            if "304" not in name and "version" not in name
            else ""
        )
        cpu = min(r.cpu_seconds for r in results)
        rss = max(r.peak_rss_kb for r in results) / 1024
        print(
            f"{name:<24} {rate:>17} {fastest.seconds:7.2f} [{median:6.2f}] {cpu:7.2f} {rss:7.0f}MB"
        )
    if "clip --from" in best and "feed update" in best:
        ratio = best["clip --from"].seconds / best["feed update"].seconds
        medians = statistics.median(r.seconds for r in runs["clip --from"]) / statistics.median(
            r.seconds for r in runs["feed update"]
        )
        print(
            f"\nfeed update clips at {ratio:.0%} of clip --from's rate (medians: {medians:.0%}); "
            "target: 90 % or more"
        )
    if "feed update, all 304" in best and "clipper --version" in best:
        over = best["feed update, all 304"].seconds - best["clipper --version"].seconds
        print(
            f"{args.feeds} unchanged feeds: {best['feed update, all 304'].seconds:.2f} s, "
            f"{over:.2f} s on top of start-up ({best['clipper --version'].seconds:.2f} s); "
            "target: 2 s or less"
        )


if __name__ == "__main__":
    sys.exit(main())
