"""Versions: refetching a changed page, re-extraction, history and word-level diffs."""

from __future__ import annotations

import json
from pathlib import Path

from clipper.article import Article
from clipper.history import diff_stats, render_diff, word_diff
from clipper.library import Library
from clipper.page import Page
from tests.conftest import Run, Server, dump, page_bytes
from tests.test_seed_page import PARAGRAPHS

OLD = "a pair of its Tu-95 strategic bombers and four Chinese H-6K bombers"
NEW = "two of its Tu-95 strategic bombers and six Chinese H-6K bombers"


def versions(run: Run, clipping_id: int) -> list[dict[str, object]]:
    result = run("history", str(clipping_id), "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_page_that_changes_between_fetches_gives_two_versions_and_a_diff(
    run: Run, server: Server, library_path: Path
) -> None:
    original = page_bytes("seed_like.html")
    assert OLD.encode() in original
    url = server.route("/world/story-123", original)
    assert run("clip", url, "-t", "russia").exit_code == 0

    same = run("refresh", "--all")
    assert same.exit_code == 0, same.stderr
    assert "Refreshed 1 clipping: 0 with a new text" in same.stderr
    assert "1 unchanged" in same.stderr

    server.route("/world/story-123", original.replace(OLD.encode(), NEW.encode()))
    before_refresh = len(server.requests)
    changed = run("refresh", "bombers")
    assert changed.exit_code == 0, changed.stderr
    assert len(server.requests) == before_refresh + 1
    assert "1 with a new text (the old one kept as a version)" in changed.stderr

    [first, second] = versions(run, 1)
    assert (first["number"], second["number"]) == (1, 2)
    assert first["replaced_at"] is not None and second["replaced_at"] is None
    assert OLD in str(first["text"]) and NEW in str(second["text"])
    assert first["word_count"] == 255 and second["word_count"] == 254
    assert first["page_sha256"] != second["page_sha256"]
    with Library.open(library_path) as library:
        pages = library.raw_pages(1)
        assert [p.content for p in pages] == [
            original,
            original.replace(OLD.encode(), NEW.encode()),
        ]
        assert library.get(1).tags == ("russia",)

    table = run("history", "1")
    assert table.exit_code == 0
    assert "2 (current)" in table.stdout and "+2 −3" in table.stdout

    shown = run("diff", "1")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("#1: version 1 (")
    assert lines[0].endswith("255 words) → version 2 (" + lines[0].split("version 2 (")[1])
    assert "+2 −3 words" in lines[0]
    assert (
        "The Russian military said that [-a pair-] [+two+] of its Tu-95 strategic bombers "
        "and [-four-] [+six+] Chinese H-6K bombers flew over"
    ) in shown.stdout
    # Only the changed paragraph is shown; the unchanged ones are elided.
    assert PARAGRAPHS[1][:60] not in shown.stdout
    assert "…" in shown.stdout
    full = run("diff", "1", "1", "2", "--full")
    assert PARAGRAPHS[1][:60] in full.stdout
    assert run("diff", "1", "2", "1").stdout.count("[+a pair+]") == 1  # reversed

    before = dump(library_path)
    bad = run("diff", "1", "1", "3")
    assert bad.exit_code == 1
    assert bad.stderr == (
        "error: clipping 1 has versions 1 to 2, not 3; `clipper history 1` lists them\n"
    )
    assert dump(library_path) == before


def test_reextract_updates_from_the_stored_page_and_keeps_user_data(
    run: Run, library_path: Path, server: Server
) -> None:
    seed = page_bytes("seed_like.html")
    page = Page(content=seed, source="saved.html", url="https://example.org/story")
    stale = Article(
        title="An old extractor's title",
        url="https://example.org/story",
        text="Only the first sentence, as an older extractor saw it.",
    )
    with Library.open(library_path) as library:
        clipping = library.add(stale, page, tags=["russia"])
        library.add(Article(title="No page", url="https://example.org/none", text="x"))
        with library._transaction() as db:
            db.execute("UPDATE clippings SET note = 'mine', starred = 1 WHERE id = 1")
    result = run("reextract", "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "Re-extracted 2 clippings: 1 with a new text (the old one kept as a version), "
        "0 with new details only, 0 unchanged, 1 without a stored page (imported without HTML)."
    )
    assert server.requests == []
    with Library.open(library_path) as library:
        updated = library.get(clipping.id)
        assert updated.title == "Russian and Chinese bombers fly joint patrol over Pacific"
        assert updated.article.text == "\n\n".join(PARAGRAPHS)
        assert updated.url == "https://example.org/story"  # identity kept
        assert (updated.tags, updated.note, updated.starred) == (("russia",), "mine", True)
        [old, new] = library.versions(clipping.id)
        assert old.title == "An old extractor's title"
        assert old.text == stale.text
        assert old.page_sha256 == new.page_sha256  # same page, another extractor
        assert len(library.raw_pages(clipping.id)) == 1  # nothing fetched or stored
    again = run("reextract", "--id", "1")
    assert "1 unchanged" in again.stderr


def test_update_keeps_a_version_only_when_the_story_changes(library_path: Path) -> None:
    with Library.open(library_path) as library:
        clipping = library.add(Article(title="T", url="https://example.org/1", text="One two."))
        library.update(clipping.id, Article(title="T", text="One two.", site="New site"))
        assert [v.number for v in library.versions(clipping.id)] == [1]
        library.update(clipping.id, Article(title="T2", text="One two."))
        library.update(clipping.id, Article(title="T2", text="One two three."))
        history = library.versions(clipping.id)
        assert [(v.number, v.title, v.text) for v in history] == [
            (1, "T", "One two."),
            (2, "T2", "One two."),
            (3, "T2", "One two three."),
        ]
        assert history[0].saved_at == clipping.clipped_at
        assert history[1].saved_at == history[0].replaced_at
        assert history[2].replaced_at is None


def test_command_usage_errors(run: Run) -> None:
    assert run("reextract").exit_code == 2
    assert run("refresh", "x", "--all").exit_code == 2
    missing = run("history", "5")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no clipping with id 5; `clipper list` shows the ids\n"


def test_word_diff_compares_words_not_spacing() -> None:
    segments = word_diff("The cat sat\non the mat.", "The cat  sat on a mat today.")
    assert [(s.op, s.text.strip()) for s in segments] == [
        ("=", "The cat  sat on"),
        ("-", "the mat."),
        ("+", "a mat today."),
    ]
    stats = diff_stats(segments)
    assert (stats.added, stats.removed) == (3, 2)
    assert render_diff(segments, color=False).plain == (
        "The cat  sat on [-the mat.-] [+a mat today.+]"
    )
    coloured = render_diff(segments, color=True)
    assert coloured.plain == "The cat  sat on the mat. a mat today."
    assert {str(span.style) for span in coloured.spans} == {"bold red strike", "bold green"}


def test_diff_output_strips_control_characters() -> None:
    text = render_diff(word_diff("safe", "safe \x1b]0;pwned\x07 \x1b[31mred"), color=False).plain
    assert text == "safe  [+red+]"


def test_a_library_from_before_versions_is_upgraded_in_place(library_path: Path) -> None:
    import sqlite3

    from clipper.migrations import MIGRATIONS

    library_path.parent.mkdir(parents=True)
    db = sqlite3.connect(library_path, isolation_level=None)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO clippings (url, title, text, clipped_at, updated_at) "
        "VALUES ('https://example.org/old', 'Old', 'Old text.', '2020-01-01', '2020-01-01')"
    )
    db.close()
    with Library.open(library_path) as library:
        library.update(1, Article(title="Old", text="New text."))
        first, current = library.versions(1)
        assert (first.number, first.text, first.saved_at) == (1, "Old text.", "2020-01-01")
        assert current.text == "New text."
        assert library.pending() == []


def test_a_number_is_an_id_in_every_command_that_takes_clippings(run: Run, server: Server) -> None:
    # Issue 15: `clipper reextract 5` re-extracted 257 clippings: "5" was a search,
    # and it matched every story that mentions 5.
    for n in range(1, 5):
        page = (
            f"<html><head><title>Harbour story {n}</title></head><body><article>"
            f"<h1>Harbour story {n}</h1>"
            + f"<p>In 2015, 5 ships left harbour {n} at dawn, and 3 came back by night.</p>" * 3
            + "</article></body></html>"
        )
        assert run("clip", server.route(f"/s{n}", page)).exit_code == 0
    searched = run("search", "5", "--json")  # clipper search always searches...
    assert len(records(searched.stdout)) == 4
    # ...and says how to name clipping 5 instead.
    assert "searched for 5 as text; for clipping #5, search id:5" in searched.stderr

    def summary(*args: str) -> str:
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        return result.stderr

    assert "Re-extracted 1 clipping: " in summary("reextract", "2")
    assert "Re-extracted 2 clippings: " in summary("reextract", "#2", "3")
    assert "Re-extracted 3 clippings: " in summary("reextract", "1 2 4")  # one quoted argument
    asked = len(server.requests)
    assert "Refreshed 1 clipping: " in summary("refresh", "3")
    assert server.requests[asked:] == ["/s3"]
    exported = run("export", "#4", "2", "-f", "jsonl", "--to", "-")
    assert [r["id"] for r in records(exported.stdout)] == [4, 2]
    # Anything else is a search; one that holds a number says how it was read.
    mixed = run("reextract", "5", "ships")
    assert "Re-extracted 4 clippings: " in mixed.stderr
    assert "'5 ships' is a search" in mixed.stderr
    assert "id:5" in mixed.stderr
    # id: in the query language.
    assert [r["id"] for r in records(run("search", "id:3", "--json").stdout)] == [3]
    one = run("export", "harbour id:1", "--to", "-", "-f", "jsonl")
    assert [r["id"] for r in records(one.stdout)] == [1]
    both = run("search", "id:2 OR id:4", "--json")
    assert sorted(r["id"] for r in records(both.stdout)) == [2, 4]
    excluded = run("search", "ships -id:1 -id:2", "--json")
    assert sorted(r["id"] for r in records(excluded.stdout)) == [3, 4]
    # A number that names no clipping is an error, and nothing changes.
    missing = run("reextract", "9")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no clipping with id 9; `clipper list` shows the ids\n"
    assert run("show", "2").exit_code == 0 and run("history", "2").exit_code == 0


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]
