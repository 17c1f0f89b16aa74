"""Reading the real web's feeds: every format, broken ones, hostile ones, and their dates.

``parse_feed`` is a pure function of a feed's bytes and URL, so these tests
call it directly; ``tests/test_feeds_cli.py`` runs the same kinds of feeds
through the real CLI and real HTTP.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from clipper.errors import FeedError
from clipper.feeds.dates import feed_date
from clipper.feeds.discover import linked_feeds, usual_places
from clipper.feeds.opml import read_opml, write_opml
from clipper.feeds.parse import parse_feed

URL = "https://news.example/section/feed.xml"


def test_rss_2_entries_with_ids_links_dates_and_full_text() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World &amp; More</title><link>/world/</link>
<item><title>Harbour reopens</title><link>/world/harbour?utm_source=rss#top</link>
  <guid isPermaLink="false">story-1</guid><dc:creator>Ana Ruiz</dc:creator>
  <pubDate>Tue, 22 Dec 2020 10:00:00 +0100</pubDate><description>A teaser.</description>
  <content:encoded><![CDATA[<p>The whole <b>story</b>.</p>]]></content:encoded></item>
<item><title>No text here</title><link>https://news.example/world/two</link></item>
</channel></rss>""",
        URL,
    )
    assert (feed.kind, feed.title, feed.site_url) == (
        "RSS 2.0",
        "World & More",
        "https://news.example/world/",
    )
    first, second = feed.entries
    assert first.guid == "story-1"
    assert first.link == "https://news.example/world/harbour"  # resolved, in clean form
    assert first.published == "2020-12-22T10:00:00+01:00"
    assert first.author == "Ana Ruiz"
    assert first.content == "<p>The whole <b>story</b>.</p>"  # content:encoded, not the teaser
    assert (second.guid, second.content) == (None, None)


def test_rss_0_91_with_html_entities_xml_does_not_declare() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Caf&eacute; news</title>
<link>http://cafe.example/</link><item><title>Caf&eacute; &amp; cr&egrave;me</title>
<link>http://cafe.example/cafe</link></item></channel></rss>""",
        "http://cafe.example/rss",
    )
    assert feed.kind.startswith("RSS 0.91")
    assert feed.title == "Café news"
    assert [e.title for e in feed.entries] == ["Café & crème"]


def test_rss_1_0_rdf() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF News</title><link>http://rdf.example/</link></channel>
<item rdf:about="http://rdf.example/a"><title>A</title><link>http://rdf.example/a</link>
<dc:date>2020-12-22T10:00:00Z</dc:date></item></rdf:RDF>""",
        "http://rdf.example/index.rdf",
    )
    assert feed.kind == "RSS 1.0"
    [entry] = feed.entries
    assert (entry.guid, entry.link, entry.published) == (
        "http://rdf.example/a",
        "http://rdf.example/a",
        "2020-12-22T10:00:00+00:00",
    )


def test_atom_with_xml_base_alternate_links_and_xhtml_content() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/posts/">
<title type="html">A &lt;em&gt;blog&lt;/em&gt;</title><link href="/" rel="alternate"/>
<id>urn:uuid:feed</id><updated>2020-12-22T10:00:00Z</updated>
<entry><title>First</title><link rel="enclosure" href="first.mp3"/>
  <link rel="alternate" href="first"/><id>tag:blog.example,2020:1</id>
  <updated>2020-12-22t10:00:00z</updated><published>2020-12-21T08:00:00.250-05:00</published>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>All of it.</p></div></content>
</entry></feed>""",
        "https://blog.example/atom.xml",
    )
    assert (feed.kind, feed.title) == ("Atom 1.0", "A blog")
    [entry] = feed.entries
    assert entry.link == "https://blog.example/posts/first"  # the alternate, against xml:base
    assert entry.guid == "tag:blog.example,2020:1"
    assert entry.published == "2020-12-21T08:00:00-05:00"
    assert entry.content is not None and "<p>All of it.</p>" in entry.content


def test_json_feed_1_1_and_1_0() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON News",
        "home_page_url": "https://json.example/",
        "items": [
            {
                "id": 1,
                "url": "/j/1",
                "title": "One",
                "content_html": "<p>Full one.</p>",
                "date_published": "2020-12-22T10:00:00+09:00",
                "authors": [{"name": "Kei"}],
            },
            {"id": "2", "content_text": "Para one.\n\nPara <two>.", "author": {"name": "Old"}},
            "not an item",
        ],
    }
    feed = parse_feed(json.dumps(document).encode(), "https://json.example/feed.json")
    assert (feed.kind, feed.title, feed.site_url) == (
        "JSON Feed 1.1",
        "JSON News",
        "https://json.example/",
    )
    one, two = feed.entries
    assert (one.guid, one.link, one.published, one.author) == (
        "1",
        "https://json.example/j/1",
        "2020-12-22T10:00:00+09:00",
        "Kei",
    )
    assert (two.link, two.content) == (None, "<p>Para one.</p><p>Para &lt;two&gt;.</p>")
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse_feed(b'{"items": []}', "https://json.example/api")
    with pytest.raises(FeedError, match="looks like JSON"):
        parse_feed(b'{"version": ', "https://json.example/broken")


def test_a_declared_encoding_the_bytes_do_not_match_and_undeclared_legacy_ones() -> None:
    wrong = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Français</title>'
        "<item><title>Été à Paris</title><link>http://fr.example/ete</link></item></channel></rss>"
    ).encode("cp1252")
    assert [e.title for e in parse_feed(wrong, "http://fr.example/rss").entries] == ["Été à Paris"]
    russian = (
        '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости'
        "</title><item><title>Москва</title><link>http://ru.example/m</link></item></channel></rss>"
    ).encode("cp1251")
    parsed = parse_feed(russian, "http://ru.example/rss")
    assert (parsed.title, parsed.entries[0].title) == ("Новости", "Москва")
    # The HTTP header's charset wins over a missing declaration (RFC 7303).
    latin = "<rss version='2.0'><channel><title>Año</title></channel></rss>".encode("latin-1")
    assert parse_feed(latin, "http://es.example/", "text/xml; charset=iso-8859-1").title == "Año"


def test_xml_that_is_not_well_formed_is_recovered() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & co</title>
<item><title>A <b>bold</title><link>http://broken.example/a?x=1&y=2</link></item>
<item><title>B</title><link>http://broken.example/b</link>
</channel>""",
        "http://broken.example/rss",
    )
    assert feed.title == "Broken & co"
    assert [(e.title, e.link) for e in feed.entries] == [
        ("A bold", "http://broken.example/a?x=1&y=2"),
        ("B", "http://broken.example/b"),
    ]


def test_links_that_are_not_web_links_duplicate_ids_and_entries_without_links() -> None:
    feed = parse_feed(
        b"""<rss version="2.0"><channel><title>Odd</title>
<item><title>Script</title><link>javascript:alert(1)</link><guid>https://odd.example/s</guid></item>
<item><title>File</title><link>file:///etc/passwd</link><guid isPermaLink="false">f</guid></item>
<item><title>Data</title><link>data:text/html,hi</link></item>
<item><title>Same A</title><guid isPermaLink="false">same</guid><link>/a</link></item>
<item><title>Same B</title><guid isPermaLink="false">same</guid><link>/b</link></item>
<item><title>Twice</title><guid isPermaLink="false">t</guid><link>/t</link></item>
<item><title>Twice</title><guid isPermaLink="false">t</guid><link>/t</link></item>
</channel></rss>""",
        "https://odd.example/rss",
    )
    got = [(e.title, e.guid, e.link) for e in feed.entries]
    assert got == [
        ("Script", "https://odd.example/s", "https://odd.example/s"),  # a permalink guid
        ("File", "f", None),
        ("Data", None, None),
        ("Same A", None, "https://odd.example/a"),  # a shared id tells nothing: the link does
        ("Same B", None, "https://odd.example/b"),
        ("Twice", "t", "https://odd.example/t"),  # one entry written twice
    ]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37+00:00"),
        ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37+00:00"),  # RFC 850
        ("6 Nov 1994 08:49 PST", "1994-11-06T08:49:00-08:00"),  # no weekday, no seconds
        ("22 Dec 20 10:00 EST", "2020-12-22T10:00:00-05:00"),  # two-digit year
        ("Tue, 22 Dec 2020 10:00:00 +0530", "2020-12-22T10:00:00+05:30"),
        ("Tue, 22 Dec 2020 10:00:00 CEST", "2020-12-22T10:00:00+02:00"),
        ("Tue, 22 dec 2020 10:00:00 gmt", "2020-12-22T10:00:00+00:00"),
        ("Tue,22 Dec 2020 10:00:00 Z", "2020-12-22T10:00:00+00:00"),
        ("Tue, 22 Dec 2020 10:00:00", "2020-12-22T10:00:00"),  # no zone: none invented
        ("Tue, 22 Dec 2020 10:00:00 -0000", "2020-12-22T10:00:00"),  # "zone unknown"
        ("Tue, 22 Dec 2020 10:00:00 XYZ", "2020-12-22T10:00:00"),
        ("2020-12-22T10:00:00Z", "2020-12-22T10:00:00+00:00"),
        ("2020-12-22t10:00:00z", "2020-12-22T10:00:00+00:00"),
        ("2020-12-22T10:00:00.123456+01:00", "2020-12-22T10:00:00+01:00"),
        ("2020-12-22T10:00+0100", "2020-12-22T10:00:00+01:00"),
        ("2020-12-22 10:00:00", "2020-12-22T10:00:00"),
        ("2020-12-22", "2020-12-22"),
        ("Mon, 31 Feb 2020 10:00:00 GMT", None),  # no such day
        ("2020-13-01", None),
        ("soon", None),
        ("", None),
    ],
)
def test_dates_in_rfc_822_and_3339_variants(raw: str, stored: str | None) -> None:
    assert feed_date(raw) == stored


def test_entries_without_dates_keep_none_and_feedparser_reading_is_the_last_resort() -> None:
    assert feed_date(None) is None
    parsed = time.strptime("2021-01-02 03:04:05", "%Y-%m-%d %H:%M:%S")
    assert feed_date("Saturday the second", parsed) == "2021-01-02T03:04:05+00:00"


# -- hostile feeds ------------------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss version="2.0"><channel><title>&g;</title>
<item><title>&g;&g;</title><link>http://laughs.example/ok</link><description>&g;</description></item>
</channel></rss>"""


def test_entity_expansion_is_never_done_without_bound() -> None:
    # Expanded, &g; would be 66 × 20⁶ bytes: 4 GB. It must stay a few bytes, quickly.
    started = time.perf_counter()
    feed = parse_feed(LAUGHS, "http://laughs.example/rss")
    assert time.perf_counter() - started < 2
    assert len(feed.title) < 100
    assert [e.link for e in feed.entries] == ["http://laughs.example/ok"]
    assert len(feed.entries[0].title) < 100


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: a feed must never make one."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"SECRET-FROM-THE-NETWORK")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_external_entities_read_no_file_and_no_network(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    base, asked = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-A-FILE")
    for document in (
        f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>t &x;</title><item><title>&x;</title>
<link>http://xxe.example/a</link><description>&x;</description></item></channel></rss>""",
        f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{base}/entity">]>
<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title>
<link>http://xxe.example/b</link></item></channel></rss>""",
        f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{base}/dtd"> %p;]>
<rss version="2.0"><channel><title>p</title><item><title>x</title>
<link>http://xxe.example/c</link></item></channel></rss>""",
        f"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{base}/doctype.dtd">
<rss version="2.0"><channel><title>d</title><item><title>y</title>
<link>http://xxe.example/d</link></item></channel></rss>""",
    ):
        feed = parse_feed(document.encode(), "http://xxe.example/rss")
        shown = repr(feed)
        assert "SECRET" not in shown
        assert len(feed.entries) == 1
    assert asked == []


def test_a_web_page_is_not_a_feed_and_its_feeds_are_offered() -> None:
    page = b"""<!DOCTYPE html><html><head><title>World</title>
<base href="https://news.example/">
<link rel="alternate" type="application/rss+xml" title="World RSS" href="world/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://news.example/world/atom">
<link rel="alternate" type="application/json" href="/api/v2/items">
<link rel="alternate" type="application/feed+json" href="javascript:alert(1)">
<link rel="alternate" hreflang="fr" href="https://news.example/fr/">
<link rel="stylesheet" type="text/css" href="/x.css">
</head><body><p>Hello</p></body></html>"""
    with pytest.raises(FeedError) as caught:
        parse_feed(page, "https://news.example/world/", "text/html")
    assert caught.value.feeds == (
        "https://news.example/world/rss.xml",
        "https://news.example/world/atom",
    )
    assert "is a web page, not a feed; it links https://news.example/world/rss.xml" in str(
        caught.value
    )
    links = linked_feeds(page, "https://news.example/world/")
    assert [link.title for link in links] == ["World RSS", ""]
    assert usual_places("https://news.example/world/x")[:2] == [
        "https://news.example/feed",
        "https://news.example/rss",
    ]
    with pytest.raises(FeedError, match="links no feed"):
        parse_feed(b"<html><body>nothing</body></html>", "https://plain.example/")
    with pytest.raises(FeedError, match="not a feed clipper can read"):
        parse_feed(b"just some text, no markup at all", "https://text.example/")


def test_clipper_reads_every_feed_of_the_parser_comparison(tmp_path: Path) -> None:
    # benchmarks/feeds.py compares parsers on these; clipper must get every one right.
    from benchmarks.feeds import clipper_parser, robustness_cases

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-A-FILE")
    failed = [
        name
        for name, content, check in robustness_cases(secret)
        if not check(clipper_parser(content))
    ]
    assert failed == []


# -- OPML -------------------------------------------------------------------------------------


def test_opml_folders_and_categories_become_tags_and_round_trip() -> None:
    listed = read_opml(
        b"""<?xml version="1.0" encoding="UTF-8"?><opml version="1.0">
<head><title>Mine</title></head><body><outline text="News &amp; Politics">
  <outline type="rss" text="World" xmlUrl="https://news.example/world.xml"
    htmlUrl="https://news.example/"/>
  <outline text="Deeper"><outline type="rss" title="Tech & Science"
    xmlURL="https://tech.example/rss" category="/gadgets,/ai"/></outline>
</outline>
<outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
<outline type="rss" text="Loose" xmlUrl="http://loose.example/feed"></outline>
</body></opml>""",
        "mine.opml",
    )
    got = [(s.url, s.name, s.tags, s.site_url) for s in listed.subscriptions]
    assert got == [
        ("https://news.example/world.xml", "World", ("News & Politics",), "https://news.example/"),
        (
            "https://tech.example/rss",
            "Tech & Science",
            ("News & Politics", "Deeper", "gadgets", "ai"),
            None,
        ),
        ("http://loose.example/feed", "Loose", (), None),
    ]
    assert listed.skipped == ["javascript:alert(1)"]
    written = write_opml([(s.url, s.name, s.site_url, s.tags) for s in listed.subscriptions])
    again = read_opml(written.encode(), "again.opml").subscriptions
    assert [(s.url, s.name, s.site_url) for s in again] == [(s[0], s[1], s[3]) for s in got]
    assert [set(s.tags) for s in again] == [set(s[2]) for s in got]


def test_opml_entities_are_never_expanded_and_other_files_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    hostile = f"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&x;&b;" xmlUrl="https://ok.example/feed"/></body></opml>"""
    [item] = read_opml(hostile.encode(), "hostile.opml").subscriptions
    assert item.url == "https://ok.example/feed"
    assert "SECRET" not in item.name and len(item.name) < 20
    from clipper.errors import SourceError

    with pytest.raises(SourceError, match="is not an OPML file"):
        read_opml(b"<html><body>bookmarks</body></html>", "bookmarks.html")
