"""Imports of clipper JSONL, wallabag, bookmarks, Pocket CSV and URL lists (samples by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.importers import ImportFormat, detect_format
from clipper.library import Library
from tests.conftest import Run, Server, dump, page_bytes

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return str(SAMPLES / name)


def pending(run: Run) -> list[dict[str, object]]:
    result = run("pending", "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def clippings(run: Run) -> list[dict[str, object]]:
    result = run("list", "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("clipper.jsonl", ImportFormat.jsonl),
        ("wallabag.json", ImportFormat.wallabag),
        ("bookmarks.html", ImportFormat.bookmarks),
        ("pocket.csv", ImportFormat.pocket),
        ("urls.txt", ImportFormat.urls),
    ],
)
def test_formats_are_detected(name: str, expected: ImportFormat) -> None:
    assert detect_format((SAMPLES / name).read_bytes()) is expected


def test_jsonl_sample_reports_bad_lines_and_imports_the_rest(run: Run) -> None:
    result = run("import", sample("clipper.jsonl"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {sample('clipper.jsonl')} line 2: not valid JSON (Expecting value, column 1)",
        f"error: {sample('clipper.jsonl')} line 3: 'tags' must be a list, not str",
    ]
    assert "Imported jsonl: 2 clippings added, 2 unreadable and skipped." in result.stderr
    stored = {c["id"]: c for c in clippings(run)}
    assert sorted(stored) == [7, 9]  # ids kept
    assert stored[7]["starred"] is True
    assert stored[7]["note"] == "Compare with the July 2019 patrol."
    assert stored[7]["tags"] == ["defence", "russia"]
    assert stored[7]["updated_at"] == "2020-12-24T08:00:00+00:00"
    assert stored[9]["markdown"] == "Some *text* worth keeping."
    assert stored[9]["word_count"] == 4  # computed when the record has none
    history = run("history", "7", "--json")
    versions = [json.loads(line) for line in history.stdout.splitlines()]
    assert [(v["number"], v["text"]) for v in versions] == [
        (1, "Bombers flew a patrol."),
        (2, "Russian and Chinese bombers flew a joint patrol.\n\nIt was the second such flight."),
    ]


def test_importing_the_same_file_twice_merges_and_loses_nothing(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    with Library.open(library_path) as library:
        mine = library.add(
            Article(title="Mine", url="https://example.org/mine", text="My own."), tags=["keep"]
        )
        library.add(
            Article(
                title="Already here",
                url="https://blog.example.com/long-read",
                text="The stored text stays.",
            ),
            tags=["old"],
        )
    run("import", sample("clipper.jsonl"))
    again = run("import", sample("clipper.jsonl"))
    assert "0 clippings added, 2 merged into clippings already here" in again.stderr
    stored = {c["url"]: c for c in clippings(run)}
    assert len(stored) == 3
    assert stored["https://example.org/mine"]["id"] == mine.id
    assert stored["https://example.org/mine"]["tags"] == ["keep"]
    merged = stored["https://blog.example.com/long-read"]
    assert merged["id"] == 2  # the stored clipping keeps its id...
    assert merged["text"] == "The stored text stays."  # ...and its text
    # The record for id 7 kept its id; 9 was free too, but its URL was already stored.
    assert stored["https://news.example.org/world/pacific-patrol"]["id"] == 7


def test_ids_that_are_taken_are_renumbered(run: Run, library_path: Path, tmp_path: Path) -> None:
    with Library.open(library_path) as library:
        for n in range(1, 10):
            library.add(Article(title=f"S{n}", url=f"https://example.org/{n}", text="x"))
    result = run("import", sample("clipper.jsonl"))
    assert "2 clippings added, 2 of them with a new id (theirs was taken)" in result.stderr
    ids = {c["url"]: c["id"] for c in clippings(run)}
    assert ids["https://news.example.org/world/pacific-patrol"] == 10
    assert ids["https://blog.example.com/long-read"] == 11


def test_an_import_never_takes_an_id_that_was_removed(run: Run, library_path: Path) -> None:
    # The sample's records want ids 7 and 9. Ids 1-9 were used here and 7-9 removed:
    # neither may come back, and the next ids are 10 and 11, not 7, 8 or 9.
    with Library.open(library_path) as library:
        for n in range(1, 10):
            library.add(Article(title=f"S{n}", url=f"https://example.org/{n}", text="x"))
        library.delete([7, 8, 9])
    result = run("import", sample("clipper.jsonl"))
    assert "2 clippings added, 2 of them with a new id (theirs was taken)" in result.stderr
    ids = {c["url"]: c["id"] for c in clippings(run)}
    assert ids["https://news.example.org/world/pacific-patrol"] == 10
    assert ids["https://blog.example.com/long-read"] == 11


def test_wallabag_entries_with_content_become_clippings_without_fetching(run: Run) -> None:
    result = run("import", sample("wallabag.json"))
    assert result.exit_code == 1  # the ftp:// entry is reported
    assert "entry 3: no http(s) URL in this entry: ftp://files.example.org/x" in result.stderr
    assert "1 clipping added" in result.stderr and "1 link kept as pending" in result.stderr
    [clipping] = clippings(run)
    assert clipping["title"] == "Glaciers retreat faster than expected"
    assert clipping["url"] == "https://science.example.net/2021/03/glaciers"
    assert clipping["authors"] == ["Anna Keller", "Luis Ortega"]
    assert clipping["published"] == "2021-03-05T08:00:00+01:00"
    assert clipping["clipped_at"] == "2021-03-06T09:30:00+01:00"
    assert clipping["language"] == "en"
    assert clipping["image"] == "https://science.example.net/images/glacier.jpg"
    assert clipping["starred"] is True
    assert clipping["tags"] == ["alps", "climate"]
    assert clipping["note"] == "> aerial photographs taken in 2011\nCheck the 2011 baseline."
    text = str(clipping["text"])
    assert "Glaciers in the Alps lost a tenth of their volume" in text
    assert "found the retreat accelerating in every valley" in text
    assert "## A decade of measurements" in str(clipping["markdown"])
    assert "Aletsch glacier: 300 metres" in text
    [link] = pending(run)
    assert link["url"] == "https://blog.example.com/long-read"
    assert link["tags"] == ["later"]
    # The same story imported with its content later replaces the pending link.
    assert run("import", sample("clipper.jsonl")).exit_code == 1
    assert pending(run) == []
    stored = {c["url"]: c for c in clippings(run)}
    assert stored["https://blog.example.com/long-read"]["tags"] == ["later"]
    # The wrapped page was kept, so re-extraction works on it offline.
    again = run("reextract", "--all")
    assert again.exit_code == 0, again.stderr
    assert "1 unchanged" in again.stderr


def test_bookmarks_become_pending_links_with_tags_dates_and_notes(run: Run) -> None:
    result = run("import", sample("bookmarks.html"))
    assert result.exit_code == 0, result.stderr
    assert "3 links kept as pending" in result.stderr
    assert "2 skipped as said above" in result.stderr
    assert "not an http(s) link, skipped: javascript:alert(document.title)" in result.stderr
    links = {link["url"]: link for link in pending(run)}
    assert list(links) == [
        "https://news.example.org/world/pacific-patrol",
        "https://science.example.net/2021/03/glaciers?utm_source=feed",
        "https://blog.example.com/long-read",
    ]
    patrol = links["https://news.example.org/world/pacific-patrol"]
    assert patrol["title"] == "Bombers over the Pacific & the Sea of Japan"
    assert patrol["tags"] == ["defence", "russia"]  # the toolbar folder is not a tag
    assert patrol["saved_at"] == "2020-12-22T16:00:00+00:00"
    assert patrol["note"] == "Joint patrol, second since 2019."
    glaciers = links["https://science.example.net/2021/03/glaciers?utm_source=feed"]
    assert glaciers["title"] == "Glaciers « retreat » faster — 日本語も"
    assert glaciers["tags"] == ["climate"]
    assert glaciers["saved_at"] == "2021-03-06T03:06:40+00:00"  # microseconds read right
    assert links["https://blog.example.com/long-read"]["tags"] == ["climate", "reading list"]
    assert clippings(run) == []


def test_pocket_csv_and_url_lists_merge_into_the_same_pending_links(run: Run) -> None:
    pocket = run("import", sample("pocket.csv"))
    assert pocket.exit_code == 1
    assert f"{sample('pocket.csv')} line 5: no http(s) URL in this row: (empty)" in pocket.stderr
    assert "3 links kept as pending" in pocket.stderr
    urls = run("import", sample("urls.txt"))
    assert urls.exit_code == 1
    assert f"{sample('urls.txt')} line 5: not an http(s) URL: not a url at all" in urls.stderr
    assert "1 link kept as pending, 2 already pending" in urls.stderr
    links = {link["url"]: link for link in pending(run)}
    assert len(links) == 4
    patrol = links["https://news.example.org/world/pacific-patrol"]
    assert patrol["tags"] == ["defence", "russia"]
    assert patrol["saved_at"] == "2020-12-22T16:00:00+00:00"  # the earlier date is kept
    assert links["https://science.example.net/2021/03/glaciers"]["title"] == (
        'Glaciers, ice and "rivers"'
    )
    assert links["https://blog.example.com/untitled"]["title"] == ""


def test_pending_links_are_clipped_later_and_failures_stay_pending(
    run: Run, server: Server, tmp_path: Path
) -> None:
    good = server.route("/story", page_bytes("seed_like.html"))
    missing = server.url("/gone")
    listing = tmp_path / "links.txt"
    listing.write_text(f"{good} My saved story\n{missing}\n", encoding="utf-8")
    bookmarks = tmp_path / "b.html"
    bookmarks.write_text(
        f'<DL><DT><A HREF="{good}" ADD_DATE="1608652800" TAGS="pacific">x</A></DL>',
        encoding="utf-8",
    )
    assert run("import", str(listing)).exit_code == 0
    assert run("import", str(bookmarks)).exit_code == 0
    assert server.requests == []  # importing fetched nothing

    result = run("pending", "--clip")
    assert result.exit_code == 1
    assert "answered HTTP 404" in result.stderr
    assert "1 clipped, 0 already in the library, 1 failed" in result.stderr
    assert result.stderr.endswith("1 link stays pending, with the error: clipper pending\n")
    [clipping] = clippings(run)
    assert clipping["title"] == "Russian and Chinese bombers fly joint patrol over Pacific"
    assert clipping["tags"] == ["pacific"]
    assert clipping["clipped_at"] == "2020-12-22T16:00:00+00:00"  # dated when it was saved
    [left] = pending(run)
    assert left["url"] == missing
    assert left["attempts"] == 1 and "404" in str(left["error"])


def test_import_fetch_clips_at_once(run: Run, server: Server, tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text(server.route("/story", page_bytes("seed_like.html")) + "\n")
    result = run("import", str(listing), "--fetch")
    assert result.exit_code == 0, result.stderr
    assert "Imported urls: 0 clippings added, 1 link to clip now.\n" in result.stderr
    assert "kept as pending" not in result.stderr  # they are clipped, not kept
    assert "1 clipped, 0 already in the library, 0 failed" in result.stderr
    assert len(clippings(run)) == 1
    assert pending(run) == []


def test_a_missing_file_is_one_line_and_changes_nothing(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    nope = tmp_path / "nope.jsonl"
    missing = run("import", str(nope))
    assert missing.stderr == f"error: no such file: {nope}; give the file to import\n"
    assert not library_path.exists()  # not even an empty library was created
    run("import", sample("urls.txt"))
    before = dump(library_path)
    for path in (nope, tmp_path):
        result = run("import", str(path))
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "is a folder; give the file to import" in result.stderr
    assert dump(library_path) == before


def test_forced_format_and_hostile_jsonl_lines(run: Run, tmp_path: Path) -> None:
    lines = [
        '{"id": 1, "title": "ok", "url": "https://example.org/ok", "text": "fine"}',
        '{"id": true, "title": "bool id", "url": "https://example.org/b"}',
        '{"id": 99999999999999999999999, "url": "https://example.org/huge"}',
        json.dumps({"url": "https://example.org/p",
                    "pages": [{"content_base64": "!!", "fetched_at": "2020-01-01"}]}),
        json.dumps({"url": "https://example.org/s",
                    "pages": [{"content_base64": "eA==", "fetched_at": "2020-01-01",
                               "sha256": "00"}]}),
        '{"clipped_at": "yesterday", "url": "https://example.org/d"}',
        "[1, 2, 3]",
        "{}",
    ]  # fmt: skip
    path = tmp_path / "data.txt"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe not utf-8\n")
    result = run("import", str(path), "--format", "jsonl")
    assert result.exit_code == 1
    messages = [line.split(": ", 2)[-1] for line in result.stderr.splitlines()[:-1]]
    assert messages == [
        "'id' must be a number, not bool",
        "'id' is out of range: 99999999999999999999999",
        "pages[0].content_base64 is not valid base64",
        "pages[0] does not match its sha256 (the content is damaged)",
        "'clipped_at' is not an ISO 8601 date: 'yesterday'",
        "expected a JSON object, got list",
        "the record has no url, title or text: nothing to import",
        "not valid UTF-8; the line was skipped",
    ]
    assert [c["title"] for c in clippings(run)] == ["ok"]


def test_pocket_html_export_and_refusing_an_ordinary_page(run: Run, tmp_path: Path) -> None:
    pocket = tmp_path / "ril_export.html"
    pocket.write_text(
        "<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>"
        "<h1>Unread</h1><ul>"
        '<li><a href="https://example.org/a" time_added="1608652800" tags="x,y">A</a></li>'
        "</ul><h1>Read Archive</h1><ul>"
        '<li><a href="https://example.org/b" time_added="1608652801" tags="">B</a></li>'
        "</ul></body></html>",
        encoding="utf-8",
    )
    assert run("import", str(pocket)).exit_code == 0
    assert [(p["url"], p["tags"]) for p in pending(run)] == [
        ("https://example.org/a", ["x", "y"]),
        ("https://example.org/b", []),
    ]
    page = str(Path(__file__).parent / "pages" / "seed_like.html")
    refused = run("import", page)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {page} is an HTML page, not a bookmarks export; to clip a saved page use "
        f"clipper clip {page} --url URL (or force it with --format bookmarks)\n"
    )
    assert len(pending(run)) == 2
