"""The Library methods behind tag, note, star, rm, stats and list's filters, on a real file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.errors import NotFoundError
from clipper.library import Library
from clipper.migrations import MIGRATIONS
from clipper.page import Page
from tests.conftest import dump


def article(n: int, **fields: object) -> Article:
    values: dict[str, object] = {
        "title": f"Story {n}",
        "url": f"https://example.org/{n}",
        "text": f"Paragraph of story {n} about zeppelins.",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def page(n: int) -> Page:
    return Page(content=f"<html><p>story {n}</p></html>".encode(), source="test")


def fts_is_consistent(path: Path) -> None:
    with sqlite3.connect(path) as db:
        # Raises sqlite3.DatabaseError ("database disk image is malformed") if not.
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES('integrity-check')")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_change_tags_adds_and_removes_in_one_step(library_path: Path) -> None:
    with Library.open(library_path) as library:
        first = library.add(article(1), tags=["draft", "Russia"])
        changed = library.change_tags(first.id, add=["Politics", "russia"], remove=["DRAFT", "x"])
        assert changed.tags == ("politics", "russia")
        assert library.get(first.id).tags == ("politics", "russia")
        with pytest.raises(NotFoundError, match="no clipping with id 99"):
            library.change_tags(99, add=["a"])


def test_note_and_star(library_path: Path) -> None:
    with Library.open(library_path) as library:
        one, two = library.add(article(1)), library.add(article(2))
        assert library.set_note(one.id, "Read with *care*.\nSecond line.").note == (
            "Read with *care*.\nSecond line."
        )
        assert library.set_note(one.id, "").note == ""
        starred = library.set_starred([one.id, two.id, one.id])
        assert [(c.id, c.starred) for c in starred] == [(1, True), (2, True)]
        assert library.set_starred([two.id], starred=False)[0].starred is False
        before = dump(library_path)
        with pytest.raises(NotFoundError):
            library.set_starred([two.id, 42])
        assert dump(library_path) == before


def test_delete_removes_pages_tags_and_index_entries(library_path: Path) -> None:
    with Library.open(library_path) as library:
        keep = library.add(article(1), page(1), tags=["keep"])
        gone = library.add(article(2, text="Unique wording: aardvarks."), page(2), tags=["x"])
        library.update(gone.id, article(2, text="Revised: aardvarks again."), page(3))
        removed = library.delete([gone.id])
        assert [c.id for c in removed] == [gone.id]
        assert removed[0].tags == ("x",)
        assert library.search("aardvarks") == []
        assert [h.clipping.id for h in library.search("zeppelins")] == [keep.id]
        assert library.raw_pages(gone.id) == []
        assert len(library.raw_pages(keep.id)) == 1
    fts_is_consistent(library_path)
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT clipping_id, tag FROM tags").fetchall() == [(1, "keep")]
        assert db.execute("SELECT DISTINCT clipping_id FROM pages").fetchall() == [(1,)]
        assert db.execute("SELECT count(*) FROM clippings_fts").fetchone()[0] == 1


def test_delete_is_all_or_nothing(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(article(1), page(1))
        before = dump(library_path)
        with pytest.raises(NotFoundError, match="no clipping with id 7"):
            library.delete([1, 7])
        assert dump(library_path) == before
        assert library.count() == 1


def test_ids_are_never_reused_after_the_newest_is_removed(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(article(1))
        newest = library.add(article(2))
        library.delete([newest.id])
        assert library.add(article(3)).id == 3
        library.delete([1, 3])
        assert library.add(article(4)).id == 4
    fts_is_consistent(library_path)


def test_a_library_from_schema_1_is_migrated_and_keeps_its_ids(library_path: Path) -> None:
    library_path.parent.mkdir(parents=True)
    db = sqlite3.connect(library_path, isolation_level=None)
    db.execute("BEGIN")
    MIGRATIONS[0](db)
    db.execute(
        "INSERT INTO clippings (id, title, clipped_at, updated_at) VALUES (5, 'Old', 'x', 'x')"
    )
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    db.close()
    with Library.open(library_path) as library:
        assert library.get(5).title == "Old"
        library.delete([5])
        assert library.add(article(1)).id == 6


def test_list_filters(library_path: Path) -> None:
    now = datetime.now(UTC)
    with Library.open(library_path) as library:
        library.add(article(1, site="The New York Times", url="https://www.nytimes.com/a"))
        library.add(article(2, site="BBC News", url="https://bbc.co.uk/b"), tags=["Politics"])
        library.add(article(3, site="100%_real", url="https://news.example.org/c"), tags=["x"])
        library.set_starred([3])

        def ids(**filters: object) -> list[int]:
            return [c.id for c in library.clippings(**filters)]  # type: ignore[arg-type]

        assert ids() == [3, 2, 1]
        assert ids(site="york") == [1]
        assert ids(site="NYTIMES.com") == [1]  # the host, www. or not
        assert ids(site="times.com") == []  # a domain suffix, not any substring
        assert ids(site="bbc.co.uk") == [2]
        assert ids(site="example.org") == [3]
        assert ids(site="%") == [3]  # LIKE wildcards are literal
        assert ids(site="%_r") == [3]
        assert ids(site="0_r") == []  # "_" is not any one character
        assert ids(site="a%b") == []
        assert ids(tags=["politics"]) == [2]
        assert ids(tags=["politics", "x"]) == []
        assert ids(starred=True) == [3]
        assert ids(starred=False) == [2, 1]
        assert ids(since=now - timedelta(hours=1)) == [3, 2, 1]
        assert ids(since=now + timedelta(hours=1)) == []
        assert ids(limit=2) == [3, 2]
        assert ids(limit=1, offset=1, site="e") == [2]


def test_stats(library_path: Path) -> None:
    with Library.open(library_path) as library:
        empty = library.stats()
        assert (empty.clippings, empty.words, empty.oldest_published) == (0, 0, None)
        library.add(article(1, site="A", published="2019-05-01", text="one two three"), page(1))
        library.add(article(2, site="B", published="2021-01-02T10:00:00+02:00", text="four"))
        library.add(article(3, site="A", text="five six"), tags=["t", "u"])
        library.set_starred([2])
        stats = library.stats()
    assert stats.clippings == 3
    assert stats.sites == 2
    assert stats.words == 6
    assert stats.starred == 1
    assert stats.tags == 2
    assert stats.pages == 1
    assert 0 < stats.pages_bytes < stats.size_bytes
    assert stats.oldest_published == "2019-05-01"
    assert stats.newest_published == "2021-01-02T10:00:00+02:00"
    assert stats.first_clipped is not None and stats.last_clipped is not None
    assert stats.first_clipped <= stats.last_clipped
