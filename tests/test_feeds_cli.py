"""``clipper feed``: following feeds through the real CLI, against an offline web.

Feeds, story pages, 304s, redirects and hostile feeds are served under real
``http://`` URLs by the offline web (``tests/offline_web.py``: a forward
proxy clipper reaches through ``HTTP_PROXY``), which answers conditional
requests as a real server does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import Run, dump
from tests.offline_web import Answer, OfflineWeb, html

RSS = "application/rss+xml; charset=utf-8"


def story(title: str, words: str = "harbour") -> Answer:
    """A story page the extractor reads as one."""
    body = "".join(
        f"<p>{title}: paragraph {n} tells the {words} story at length, with enough words "
        "in it to be read as prose by any extractor that looks for whole sentences.</p>"
        for n in range(1, 4)
    )
    return html(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "</body></html>"
    )


def item(n: int, host: str = "news.example", *, content: str = "", guid: str | None = None) -> str:
    full = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>Story {n}</title><link>/stories/{n}</link>"
        f"<guid isPermaLink='false'>{guid or f'{host}-{n}'}</guid>"
        f"<pubDate>Tue, {n % 28 + 1:02d} Dec 2020 10:00:00 GMT</pubDate>{full}</item>"
    )


def rss(title: str, items: Iterable[str], etag: str = '"1"') -> Answer:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>/</link>{''.join(items)}</channel></rss>"
    )
    return Answer(body.encode(), headers={"Content-Type": RSS, "ETag": etag})


def serve_stories(web: OfflineWeb, numbers: Iterable[int], host: str = "news.example") -> None:
    for n in numbers:
        web.add(f"http://{host}/stories/{n}", story(f"Story {n} of {host}"))


def records(run: Run, *args: str) -> list[dict[str, object]]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_add_update_list_and_find_a_feeds_stories(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("Harbour News", [item(1), item(2)]))
    serve_stories(web, [1, 2])
    env = web.overrides()

    added = run("feed", "add", feed, "--tag", "harbour", "-t", "Local", env=env)
    assert added.exit_code == 0, added.output
    assert "Following feed #1 'Harbour News' (http://news.example/rss.xml): " in added.stderr
    assert added.stderr.count("Harbour News") == 1  # the name is the title: said once
    assert "RSS 2.0, 2 entries now" in added.stderr
    assert records(run, "list") == []  # adding clips nothing

    updated = run("feed", "update", env=env)
    assert updated.exit_code == 0, updated.output
    assert "1 feed read; 2 new stories" in updated.stderr
    assert "2 clipped, 0 already in the library, 0 failed" in updated.stderr
    clipped = records(run, "list", "--feed", "harbour news")
    assert sorted(str(c["title"]) for c in clipped) == [
        "Story 1 of news.example",
        "Story 2 of news.example",
    ]
    assert all(c["tags"] == ["harbour", "local"] for c in clipped)
    # The page gave no date; the entry's is kept.
    assert {c["published"] for c in clipped} == {
        "2020-12-02T10:00:00+00:00",
        "2020-12-03T10:00:00+00:00",
    }
    assert len(records(run, "search", 'feed:"Harbour  NEWS"')) == 2
    assert len(records(run, "search", "feed:1 paragraph")) == 2
    assert records(run, "search", "-feed:1") == []

    [listed] = records(run, "feed", "list")
    assert list(listed) == [
        "id", "name", "url", "title", "site_url", "tags", "added_at", "checked_at",
        "last_new_at", "stories", "error", "errors", "failing", "given_up",
    ]  # fmt: skip
    assert (listed["name"], listed["url"], listed["stories"], listed["errors"]) == (
        "Harbour News",
        feed,
        2,
        0,
    )
    assert listed["site_url"] == "http://news.example/"
    assert listed["tags"] == ["harbour", "local"]
    assert listed["checked_at"] is not None and listed["last_new_at"] is not None
    table = run("feed", "list", env={"COLUMNS": "160"})
    assert "Harbour News" in table.stdout and "http://news.example/rss.xml" in table.stdout

    listing = run("list", "--feed", "nothing-like-it")
    assert listing.exit_code == 1
    assert "no feed is named or numbered 'nothing-like-it'" in listing.stderr


def test_an_unchanged_feed_costs_one_304_and_only_new_entries_are_clipped(
    run: Run, offline_web: OfflineWeb, library_path: Path
) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1), item(2)]))
    serve_stories(web, range(1, 6))
    env = web.overrides()
    assert run("feed", "add", feed, env=env).exit_code == 0
    assert run("feed", "update", env=env).exit_code == 0
    before = dump(library_path)

    again = run("feed", "update", env=env)
    assert again.exit_code == 0, again.output
    assert web.answered(feed, 304) == 1
    assert "1 feed read (1 unchanged); 0 new stories" in again.stderr

    # A new entry, an old one whose link changed (same id), and an old link under a new id.
    web.add(
        feed,
        rss(
            "News",
            [item(3), item(1).replace("/stories/1", "/stories/4"), item(2, guid="new-id-2")],
            etag='"2"',
        ),
    )
    third = run("feed", "update", env=env)
    assert third.exit_code == 0, third.output
    assert "1 clipped, 0 already in the library, 0 failed" in third.stderr
    assert [c["title"] for c in records(run, "list", "-n", "1")] == ["Story 3 of news.example"]
    assert web.asked("http://news.example/stories/4") == 0
    assert len(dump(library_path)) > len(before)


def test_a_first_update_takes_the_newest_entries_only(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    # 30 entries, oldest first in the document: the newest 20 are 11-30 by date.
    feed = web.add(
        "http://busy.example/feed", rss("Busy", [item(n, "busy.example") for n in range(30)])
    )
    serve_stories(web, range(30), "busy.example")
    env = web.overrides()
    assert run("feed", "add", feed, env=env).exit_code == 0
    dry = run("feed", "update", "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert "Dry run: 20 new stories would be clipped; nothing was recorded." in dry.stderr
    assert "10 older ones are left out" in dry.stderr

    first = run("feed", "update", env=env)
    assert first.exit_code == 0, first.output
    titles = {str(c["title"]) for c in records(run, "list")}
    # pubDate day is n % 28 + 1: entries 27, 28 and 29 are the oldest (days 28, 1, 2)...
    dates = {n: n % 28 + 1 for n in range(30)}
    newest = sorted(range(30), key=lambda n: -dates[n])[:20]
    assert titles == {f"Story {n} of busy.example" for n in newest}
    # ... and the entries left out are never clipped later.
    web.add(feed, rss("Busy", [item(n, "busy.example") for n in range(31)], etag='"2"'))
    web.add("http://busy.example/stories/30", story("Story 30 of busy.example"))
    later = run("feed", "update", env=env)
    assert "1 clipped" in later.stderr
    assert len(records(run, "list")) == 21


def test_max_per_feed_on_a_later_update_leaves_the_rest_for_the_next(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1)]))
    serve_stories(web, range(1, 5))
    env = web.overrides()
    run("feed", "add", feed, env=env)
    run("feed", "update", env=env)
    web.add(feed, rss("News", [item(n) for n in range(1, 5)], etag='"2"'))
    capped = run("feed", "update", "--max-per-feed", "2", env=env)
    assert "2 clipped" in capped.stderr
    rest = run("feed", "update", env=env)  # the feed is read in full again, not 304
    assert "1 feed read; 1 new story" in rest.stderr
    assert len(records(run, "list")) == 4


def test_a_story_already_in_the_library_is_linked_not_clipped_again(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1), item(2)]))
    serve_stories(web, [1, 2])
    other = web.add(
        "http://other.example/rss",
        rss(
            "Other",
            [item(2, "other.example").replace("/stories/2", "http://news.example/stories/2")],
        ),
    )
    env = web.overrides()
    assert run("clip", "http://news.example/stories/1", env=env).exit_code == 0
    run("feed", "add", feed, "-t", "news", env=env)
    run("feed", "add", other, "-t", "other", env=env)
    updated = run("feed", "update", env=env)
    assert updated.exit_code == 0, updated.output
    assert "1 clipped, 1 already in the library, 0 failed" in updated.stderr
    assert web.asked("http://news.example/stories/1") == 1  # by hand, not by the feed
    assert web.asked("http://news.example/stories/2") == 1  # once for both feeds
    by_id = {c["title"]: c for c in records(run, "list")}
    assert by_id["Story 2 of news.example"]["tags"] == ["news", "other"]
    assert [c["title"] for c in records(run, "list", "--feed", "Other")] == [
        "Story 2 of news.example"
    ]
    assert len(records(run, "list", "--feed", "News")) == 2


def test_a_failed_page_is_clipped_from_the_feeds_full_text_and_it_says_so(
    run: Run, offline_web: OfflineWeb, library_path: Path
) -> None:
    web = offline_web
    full = "".join(
        f"<p>The feed carries paragraph {n} of the ferry story, long enough to be read as "
        "prose by the extractor, about timetables and storms.</p>"
        for n in range(3)
    )
    feed = web.add("http://news.example/rss.xml", rss("News", [item(7, content=full)]))
    env = web.overrides()
    run("feed", "add", feed, env=env)
    updated = run("feed", "update", env=env)  # /stories/7 is not served: 404
    assert updated.exit_code == 0, updated.output
    assert "text from the feed: the page failed (answered HTTP 404" in updated.stderr
    [clipping] = records(run, "list")
    assert clipping["title"] == "Story 7"
    assert "paragraph 2 of the ferry story" in str(clipping["text"])
    assert clipping["url"] == "http://news.example/stories/7"
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT state, text_from FROM feed_entries").fetchall() == [
            ("clipped", "feed")
        ]


def test_a_json_feed_is_followed_like_the_others(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    text = " ".join(["The tram line opens on Monday after two years of works."] * 8)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Transit Log",
        "home_page_url": "http://transit.example/",
        "items": [
            {
                "id": "t-1",
                "url": "/posts/1",
                "title": "Depot",
                "date_published": "2024-05-01T08:00:00+02:00",
            },
            {"id": "t-2", "url": "/posts/2", "title": "Tram", "content_text": f"{text}\n\n{text}"},
            {"id": "t-3", "title": "A note without a link", "content_text": "Short."},
        ],
    }
    feed = web.add(
        "http://transit.example/feed.json",
        Answer(json.dumps(document).encode(), headers={"Content-Type": "application/feed+json"}),
    )
    web.add("http://transit.example/posts/1", story("The depot opens"))
    env = web.overrides()
    added = run("feed", "add", feed, env=env)
    assert "JSON Feed 1.1, 3 entries now" in added.stderr
    updated = run("feed", "update", env=env)
    assert updated.exit_code == 0, updated.output
    assert "1 new entries have no web link; skipped" in updated.stderr
    assert "2 clipped, 0 already in the library, 0 failed" in updated.stderr
    by_url = {c["url"]: c for c in records(run, "list", "--feed", "transit log")}
    assert by_url["http://transit.example/posts/1"]["title"] == "The depot opens"
    tram = by_url["http://transit.example/posts/2"]  # no page: the feed's text
    assert tram["title"] == "Tram" and "tram line opens" in str(tram["text"])


def test_failed_entries_are_retried_then_given_up_and_reported(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1), item(2)]))
    web.add("http://news.example/stories/1", story("Story 1 of news.example"))
    env = web.overrides()
    run("feed", "add", feed, env=env)
    first = run("feed", "update", env=env)
    assert first.exit_code == 0  # every feed was read: a story failing is not a feed failing
    assert "will try again at the next update (1 of 3)" in first.stderr
    second = run("feed", "update", "--quiet", env=env)  # a 304, and the entry is tried again
    assert (second.exit_code, second.stdout, second.stderr) == (0, "", "")
    assert web.answered(feed, 304) == 1
    assert web.asked("http://news.example/stories/2") == 2
    third = run("feed", "update", "--quiet", env=env)
    assert third.exit_code == 0
    assert third.stderr.count("\n") == 1
    assert "error: http://news.example/stories/2: answered HTTP 404" in third.stderr
    assert "gave up after 3 attempts" in third.stderr
    fourth = run("feed", "update", env=env)
    assert "0 new stories" in fourth.stderr
    assert web.asked("http://news.example/stories/2") == 3
    [listed] = records(run, "feed", "list")
    assert (listed["failing"], listed["given_up"], listed["stories"]) == (0, 1, 1)


def test_a_story_tried_again_is_not_counted_as_new(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1), item(2)]))
    web.add("http://news.example/stories/1", story("Story 1 of news.example"))
    env = web.overrides()
    run("feed", "add", feed, env=env)
    first = run("feed", "update", env=env)
    assert first.stderr.splitlines()[-1] == "1 feed read; 2 new stories"
    second = run("feed", "update", env=env)  # a 304; story 2, which failed, is tried again
    assert (
        second.stderr.splitlines()[-1] == "1 feed read (1 unchanged); 0 new stories, 1 tried again"
    )


def test_an_interrupted_update_loses_no_entry_a_later_one_clips_them(
    run: Run, offline_web: OfflineWeb
) -> None:
    # The entries are recorded before they are clipped: when the story pages
    # cannot be had, the next update clips them though the feed answers 304.
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1), item(2)]))
    env = web.overrides()
    run("feed", "add", feed, env=env)
    assert "0 clipped, 0 already in the library, 2 failed" in run("feed", "update", env=env).stderr
    serve_stories(web, [1, 2])
    later = run("feed", "update", env=env)
    assert web.answered(feed, 304) == 1
    assert "2 clipped" in later.stderr


def test_quiet_prints_only_errors_and_exits_1_when_a_feed_cannot_be_read(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    good = web.add("http://news.example/rss.xml", rss("News", [item(1)]))
    serve_stories(web, [1])
    env = web.overrides()
    run("feed", "add", good, env=env)
    gone = web.add("http://gone.example/feed", rss("Gone", [item(1, "gone.example")]))
    run("feed", "add", gone, env=env)
    quiet = run("feed", "update", "--quiet", env=env)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    web.add(gone, Answer(b"gone", 410, {"Content-Type": "text/plain"}))
    failing = run("feed", "update", "-q", env=env)
    assert failing.exit_code == 1
    assert failing.stdout == ""
    assert failing.stderr.startswith("error: feed #2 Gone: http://gone.example/feed answered ")
    assert "answered HTTP 410" in failing.stderr and failing.stderr.count("\n") == 1
    assert failing.stderr.count("http://gone.example/feed") == 1  # the address said once
    [gone_feed, _] = records(run, "feed", "list")
    assert gone_feed["errors"] == 1 and "410" in str(gone_feed["error"])
    table = run("feed", "list", env={"COLUMNS": "200"}).stdout.splitlines()
    assert table[0].split()[-1] == "errors"
    [gone_row] = [row for row in table if row.startswith(" 2  Gone ")]
    assert gone_row.endswith("  1 failed read, 1 story retrying")  # the feed, then its story
    only_good = run("feed", "update", "News", "-q", env=env)
    assert only_good.exit_code == 0


def test_adding_a_page_finds_its_feeds(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    web.add(
        "http://paper.example/world/",
        html(
            "<html><head><title>World</title>"
            "<link rel='alternate' type='application/rss+xml' href='/world/rss' title='World'>"
            "<link rel='alternate' type='application/atom+xml' href='/world/atom'>"
            "</head><body><p>The world section.</p></body></html>"
        ),
    )
    web.add("http://paper.example/world/rss", rss("World RSS", [item(1, "paper.example")]))
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>World Atom</title>'
        '<entry><title>A</title><link href="/a"/><id>a</id></entry></feed>'
    )
    web.add(
        "http://paper.example/world/atom",
        Answer(atom.encode(), headers={"Content-Type": "application/atom+xml"}),
    )
    env = web.overrides()
    several = run("feed", "add", "http://paper.example/world/", env=env)
    assert several.exit_code == 1
    assert (
        "http://paper.example/world/ links 2 feeds; add one of them, or all with --all"
        in several.stderr
    )
    assert "http://paper.example/world/rss  World RSS  (RSS 2.0, 1 entry)" in several.stderr
    assert records(run, "feed", "list") == []
    every = run("feed", "add", "http://paper.example/world/", "--all", env=env)
    assert every.exit_code == 0, every.output
    assert [f["name"] for f in records(run, "feed", "list")] == ["World Atom", "World RSS"]
    twice = run("feed", "add", "http://paper.example/world/rss", env=env)
    assert twice.exit_code == 1
    assert "is already followed, as feed #1 'World RSS'" in twice.stderr

    # A page that links none: the usual places on its site are tried.
    web.add("http://blog.example/post/1", html("<html><body><p>A post.</p></body></html>"))
    web.add("http://blog.example/index.xml", rss("Blog", [item(1, "blog.example")]))
    found = run("feed", "add", "http://blog.example/post/1", "--name", "My blog", env=env)
    assert found.exit_code == 0, found.output
    assert "Following feed #3 'My blog' ('Blog', http://blog.example/index.xml)" in found.stderr
    web.add("http://empty.example/", html("<html><body><p>Nothing.</p></body></html>"))
    nothing = run("feed", "add", "http://empty.example/", env=env)
    assert nothing.exit_code == 1
    assert (
        "is a web page, not a feed; it links none, and its site has none at /feed" in nothing.stderr
    )
    numeric = run("feed", "add", "http://blog.example/index.xml", "--name", "2024", env=env)
    assert numeric.exit_code == 2 and "numbers are feed ids" in numeric.output
    bad = run("feed", "add", "ftp://x.example/feed", env=env)
    assert bad.exit_code == 1 and "only http:// and https://" in bad.stderr


def test_a_feed_that_turned_into_a_web_page_offers_the_feeds_it_links(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1)]))
    serve_stories(web, [1])
    env = web.overrides()
    run("feed", "add", feed, env=env)
    web.add(
        feed,
        html(
            "<html><head><link rel='alternate' type='application/atom+xml' href='/new/atom'>"
            "</head><body><p>We moved our feed.</p></body></html>"
        ),
    )
    moved = run("feed", "update", env=env)
    assert moved.exit_code == 1
    assert (
        "http://news.example/rss.xml is a web page, not a feed; it links "
        "http://news.example/new/atom: follow one of them (clipper feed add URL)"
    ) in moved.stderr


def test_redirected_feeds_relative_links_and_entries_without_links(
    run: Run, offline_web: OfflineWeb
) -> None:
    web = offline_web
    web.add("http://news.example/old-feed", html("", 301, location="http://feeds.example/news"))
    body = (
        '<rss version="2.0"><channel><title>Moved</title>'
        "<item><title>Relative</title><link>../stories/1</link></item>"
        "<item><title>Script</title><link>javascript:alert(document.cookie)</link>"
        "<guid isPermaLink='false'>js</guid></item>"
        "<item><title>Nothing at all</title></item></channel></rss>"
    )
    web.add(
        "http://feeds.example/news",
        Answer(
            body.encode(),
            headers={"Content-Type": "text/xml", "Last-Modified": "Tue, 22 Dec 2020 10:00:00 GMT"},
        ),
    )
    web.add("http://feeds.example/stories/1", story("Relative story"))
    env = web.overrides()
    assert run("feed", "add", "http://news.example/old-feed", env=env).exit_code == 0
    updated = run("feed", "update", env=env)
    assert updated.exit_code == 0, updated.output
    assert "1 new entries have no web link; skipped" in updated.stderr
    assert [c["url"] for c in records(run, "list")] == ["http://feeds.example/stories/1"]
    again = run("feed", "update", env=env)  # If-Modified-Since, through the redirect
    assert web.answered("http://feeds.example/news", 304) == 1
    assert "no web link" not in again.stderr


def test_hostile_feeds_are_refused_or_inert(
    run: Run, offline_web: OfflineWeb, tmp_path: Path, library_path: Path
) -> None:
    web = offline_web
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-A-FILE")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        '<rss version="2.0"><channel><title>&x; &d;</title>'
        "<item><title>&x;&d;</title><link>http://evil.example/s</link>"
        "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>&x;</content:encoded>"
        "</item></channel></rss>"
    )
    evil = web.add("http://evil.example/rss", Answer(xxe.encode(), headers={"Content-Type": RSS}))
    web.add("http://evil.example/s", story("An ordinary story"))
    huge = web.add(
        "http://huge.example/rss",
        Answer(b"<rss>" + b" " * (50 * 1024 * 1024) + b"</rss>", headers={"Content-Type": RSS}),
    )
    env = web.overrides()
    added = run("feed", "add", evil, env=env)
    assert added.exit_code == 0, added.output
    assert "SECRET" not in added.output
    refused = run("feed", "add", huge, env=env)
    assert refused.exit_code == 1
    assert "http://huge.example/rss is larger than 20 MB" in refused.stderr
    updated = run("feed", "update", env=env)
    assert updated.exit_code == 0, updated.output
    assert "SECRET" not in updated.output
    assert all("SECRET" not in row for row in dump(library_path))
    assert [c["title"] for c in records(run, "list")] == ["An ordinary story"]


def test_removing_a_feed_keeps_its_stories(run: Run, offline_web: OfflineWeb) -> None:
    web = offline_web
    feed = web.add("http://news.example/rss.xml", rss("News", [item(1)]))
    serve_stories(web, [1])
    env = web.overrides()
    run("feed", "add", feed, env=env)
    run("feed", "update", env=env)
    removed = run("feed", "rm", "news")
    assert removed.exit_code == 0, removed.output
    assert (
        "Stopped following feed #1 News (http://news.example/rss.xml); its 1 story stays in"
        in removed.stderr
    )
    assert records(run, "feed", "list") == []
    assert len(records(run, "list")) == 1
    assert records(run, "search", "feed:news") == []
    run("feed", "add", feed, env=env)
    none_yet = run("feed", "rm", "news")
    assert none_yet.stderr.endswith("; no story was clipped from it.\n")
    unknown = run("feed", "rm", "news")
    assert unknown.exit_code == 1 and "no feed is named or numbered 'news'" in unknown.stderr


def test_opml_import_and_export(run: Run, tmp_path: Path, library_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        """<?xml version="1.0"?><opml version="2.0"><head><title>Reader</title></head><body>
<outline text="World"><outline type="rss" text="Le Monde" xmlUrl="https://lemonde.example/rss"/>
<outline type="rss" text="2024" xmlUrl="https://numbers.example/feed"/></outline>
<outline type="rss" text="Le Monde" xmlUrl="https://other.example/rss" category="/press"/>
<outline type="rss" text="Bad" xmlUrl="file:///etc/passwd"/>
</body></opml>"""
    )
    imported = run("feed", "import", str(opml), "--tag", "reader")
    assert imported.exit_code == 0, imported.output
    assert "skipped 'file:///etc/passwd': not a web address" in imported.stderr
    assert "Imported 3 feeds from" in imported.stderr
    feeds = {f["url"]: f for f in records(run, "feed", "list")}
    assert feeds["https://lemonde.example/rss"]["name"] == "Le Monde"
    assert feeds["https://lemonde.example/rss"]["tags"] == ["reader", "world"]
    assert feeds["https://other.example/rss"]["name"] == "Le Monde (2)"
    assert feeds["https://other.example/rss"]["tags"] == ["press", "reader"]
    assert feeds["https://numbers.example/feed"]["name"] == "numbers.example"  # never a number
    again = run("feed", "import", str(opml))
    assert "Imported 0 feeds from" in again.stderr and "(3 already followed)" in again.stderr
    one = tmp_path / "one.opml"
    one.write_text(
        '<opml version="2.0"><body><outline xmlUrl="https://one.example/rss"/></body></opml>'
    )
    single = run("--library", str(tmp_path / "one.db"), "feed", "import", str(one))
    assert "Imported 1 feed from" in single.stderr
    assert single.stderr.endswith("; `clipper feed update` reads it.\n")

    exported = run("feed", "export", "--opml")
    assert exported.exit_code == 0
    assert exported.stdout.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">'
    )
    copy = tmp_path / "copy.db"
    back = tmp_path / "back.opml"
    back.write_text(exported.stdout)
    assert run("--library", str(copy), "feed", "import", str(back)).exit_code == 0

    def kept(*library: str) -> list[tuple[object, ...]]:
        feeds = records(run, *library, "feed", "list")
        return [(f["name"], f["url"], f["tags"], f["site_url"]) for f in feeds]

    assert kept("--library", str(copy)) == kept()
    to_file = run("feed", "export", "--to", str(tmp_path / "out.opml"))
    assert to_file.exit_code == 0 and (tmp_path / "out.opml").read_text().count("<outline") == 3

    before = dump(library_path)
    missing = run("feed", "import", str(tmp_path / "nope.opml"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    html_file = tmp_path / "bookmarks.html"
    html_file.write_text("<html><body><a href='https://x.example/'>x</a></body></html>")
    wrong = run("feed", "import", str(html_file))
    assert wrong.exit_code == 1 and "is not an OPML file" in wrong.stderr
    assert dump(library_path) == before


@pytest.mark.parametrize("command", [["feed", "list"], ["feed", "export"], ["list", "--feed", "x"]])
def test_reading_commands_leave_no_library_behind(
    run: Run, library_path: Path, command: list[str]
) -> None:
    run(*command)
    assert not library_path.exists()
