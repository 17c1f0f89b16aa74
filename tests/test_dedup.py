"""One story, one clipping: a shared canonical link is a hint, never proof (issue 15, item 1).

Some sites' templates point every page's ``<link rel=canonical>`` at one URL (a
section, a placeholder). Two pages are one clipping only when their canonical
URLs match and they are the same story (``clipper.dedup``); through the real
CLI, a real HTTP server and a real library file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from clipper.article import Article
from clipper.dedup import same_story
from clipper.library import Library
from tests.conftest import Run, Server

SECTION = "/section/local"
SENTENCES = {
    "bridge": "The council approved the new harbour bridge on Tuesday after a long debate.",
    "library": "The town library reopened its doors on Saturday, two months after the flood.",
    "ferry": "The island ferry will run every hour this summer, the operator announced.",
}


def page(title: str, story: str, *, canonical: str = SECTION, extra: str = "") -> str:
    paragraphs = "".join(
        f"<p>{SENTENCES[story]} Paragraph {n} adds detail about the {story}, "
        f"as local papers do at length for their readers.</p>"
        for n in range(1, 7)
    ) + (f"<p>{extra}</p>" if extra else "")
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<link rel="canonical" href="{canonical}"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def titles(library_path: Path) -> dict[int, str]:
    with sqlite3.connect(library_path) as db:
        return dict(db.execute("SELECT id, title FROM clippings ORDER BY id").fetchall())


def test_two_stories_sharing_a_canonical_link_are_both_kept(
    run: Run, server: Server, library_path: Path
) -> None:
    first = run("clip", server.route("/local/1", page("Council approves bridge", "bridge")))
    assert first.exit_code == 0, first.stderr
    second = run("clip", server.route("/local/2", page("Library reopens", "library")))
    assert second.exit_code == 0, second.stderr
    assert "Already in the library" not in second.stderr
    shared = server.url(SECTION)
    assert second.stderr == (
        f"#2: its canonical link {shared} collides with #1, a different story; "
        "stored as a new clipping.\n"
    )
    assert "Library reopens" in second.stdout
    assert titles(library_path) == {1: "Council approves bridge", 2: "Library reopens"}
    # Each is still found from the address it came from, without fetching it again.
    asked = len(server.requests)
    again = run("clip", server.url("/local/2"))
    assert "Already in the library as #2." in again.stderr
    assert len(server.requests) == asked
    # The shared link itself was never the address of either story: it is fetched,
    # not taken for #1.
    server.route(SECTION, page("Ferry timetable", "ferry"))
    section = run("clip", shared)
    assert section.exit_code == 0, section.stderr
    assert server.requests[-1] == SECTION
    assert "collides with #1, #2, a different story" in section.stderr
    assert titles(library_path)[3] == "Ferry timetable"


def test_the_same_story_through_two_addresses_is_still_one_clipping(
    run: Run, server: Server, library_path: Path
) -> None:
    assert (
        run("clip", server.route("/story", page("Council approves bridge", "bridge"))).exit_code
        == 0
    )
    # The same title (case, accents and punctuation aside), another address.
    amp = run("clip", server.route("/amp/story", page("COUNCIL approves bridge!", "bridge")))
    assert "Already in the library as #1." in amp.stderr
    # Another title, the same text give or take a word: still the same story.
    retitled = page("Bridge gets the green light", "bridge", extra="Updated on Wednesday.")
    print_version = run("clip", server.route("/print/story", retitled), "-t", "print")
    assert "Already in the library as #1." in print_version.stderr
    assert titles(library_path) == {1: "Council approves bridge"}
    with Library.open(library_path) as library:
        assert library.get(1).tags == ("print",)


def test_a_batch_keeps_every_story_and_names_the_collision(
    run: Run, server: Server, library_path: Path, tmp_path: Path
) -> None:
    urls = [
        server.route("/local/1", page("Council approves bridge", "bridge")),
        server.route("/local/2", page("Library reopens", "library")),
        server.route("/local/3", page("Ferry runs hourly", "ferry")),
        server.route("/local/1-amp", page("Council approves bridge", "bridge")),
    ]
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    result = run("clip", "--from", str(listing), "--jobs", "1", "--per-host", "1")
    assert result.exit_code == 0, result.stderr
    assert "3 clipped, 1 already in the library, 0 failed" in result.stderr
    assert result.stderr.count("collides with #") == 2
    assert sorted(titles(library_path).values()) == [
        "Council approves bridge",
        "Ferry runs hourly",
        "Library reopens",
    ]


def test_refetch_updates_the_story_it_names_and_never_another(
    run: Run, server: Server, library_path: Path
) -> None:
    assert (
        run("clip", server.route("/local/1", page("Council approves bridge", "bridge"))).exit_code
        == 0
    )
    assert run("clip", server.route("/local/2", page("Library reopens", "library"))).exit_code == 0
    # A third story sharing the canonical link, clipped with --refetch: a new clipping,
    # not an update of #1 with another story's text.
    third = run("clip", server.route("/local/3", page("Ferry runs hourly", "ferry")), "--refetch")
    assert third.exit_code == 0, third.stderr
    assert "collides with #1, #2" in third.stderr
    # The page of #2 changed: --refetch updates #2 (where it came from), and only #2.
    server.route("/local/2", page("Library reopens early", "library"))
    updated = run("clip", server.url("/local/2"), "--refetch")
    assert "Fetched again; #2 is updated" in updated.stderr
    assert titles(library_path) == {
        1: "Council approves bridge",
        2: "Library reopens early",
        3: "Ferry runs hourly",
    }


def test_an_export_of_stories_sharing_a_link_imports_whole(
    run: Run, server: Server, library_path: Path, tmp_path: Path
) -> None:
    run("clip", server.route("/local/1", page("Council approves bridge", "bridge")))
    run("clip", server.route("/local/2", page("Library reopens", "library")))
    exported = tmp_path / "all.jsonl"
    assert run("export", "-f", "jsonl", "--with-html", "--to", str(exported)).exit_code == 0
    copy = tmp_path / "copy.db"
    imported = run("-L", str(copy), "import", str(exported))
    assert "Imported jsonl: 2 clippings added." in imported.stderr, imported.stderr
    again = run("-L", str(copy), "import", str(exported))
    assert "0 clippings added, 2 merged into clippings already here" in again.stderr
    assert titles(copy) == titles(library_path)
    # Into a library that clipped only the first: the second, whose raw page came from
    # another address, is another story and is added.
    other = tmp_path / "other.db"
    assert run("-L", str(other), "clip", server.url("/local/1")).exit_code == 0
    into = run("-L", str(other), "import", str(exported))
    assert "1 clipping added, 1 merged into a clipping already here" in into.stderr
    assert sorted(titles(other).values()) == ["Council approves bridge", "Library reopens"]


def test_the_library_refuses_the_same_story_under_its_write_lock(library_path: Path) -> None:
    text = " ".join(SENTENCES.values()) * 8
    with Library.open(library_path) as library:
        first = library.add(Article(title="A", url="https://example.org/s", text=text))
        other = library.add(Article(title="B", url="https://example.org/s", text="Else. " * 80))
        assert other.id != first.id
        found, others = library.find_story(Article(title="a.", url="https://example.org/s"))
        assert found is not None and found.id == first.id
        assert others == (other.id,)


def test_same_story_is_an_equal_title_or_near_identical_long_text() -> None:
    long = " ".join(f"{SENTENCES['bridge']} Detail number {n} follows." for n in range(12))
    story = Article(title="Council approves bridge", text=long)
    assert same_story(story, Article(title="Council Approves Bridge.", text="Other."))
    assert same_story(story, Article(title="Another headline", text=long + " One more word."))
    assert not same_story(story, Article(title="Another headline", text=long[: len(long) // 2]))
    # A short text (a paywall's teaser, a caption) proves nothing, identical or not.
    teaser = "Subscribe to read the rest of this story."
    assert not same_story(Article(title="One", text=teaser), Article(title="Two", text=teaser))
    # Nor do titles with no letters or digits.
    assert not same_story(Article(title="—", text="a"), Article(title="...", text="b"))
