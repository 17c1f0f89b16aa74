"""The library file: schema versions, full-text index, raw pages, tags."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.errors import AlreadyClippedError, LibraryError, NotFoundError, SchemaError
from clipper.library import Library
from clipper.migrations import MIGRATIONS
from clipper.page import Page, pack_content


def article(n: int, **fields: object) -> Article:
    values: dict[str, object] = {
        "title": f"Story {n}",
        "url": f"https://example.org/{n}",
        "text": f"Paragraph of story {n}.",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_new_library_is_at_the_latest_schema_in_wal_mode(library_path: Path) -> None:
    Library.open(library_path).close()
    with sqlite3.connect(library_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_library_is_refused_and_left_untouched(library_path: Path) -> None:
    Library.open(library_path).close()
    with sqlite3.connect(library_path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    before = library_path.read_bytes()
    with pytest.raises(SchemaError, match="upgrade clipper"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


def test_a_file_that_is_not_a_library_gives_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("just some text, definitely not SQLite " * 100)
    with pytest.raises(LibraryError, match="is not a clipper library"):
        Library.open(bogus)


def test_add_get_and_the_fts_index_agree(library_path: Path) -> None:
    with Library.open(library_path) as library:
        first = library.add(
            article(1, text="Bombers over the Pacific."), tags=["Russia ", "russia"]
        )
        library.add(article(2, text="Farm laws in Kerala."))
        assert library.get(first.id).tags == ("russia",)
        assert [h.clipping.id for h in library.search("pacific")] == [first.id]
        assert library.count() == 2
    with sqlite3.connect(library_path) as db:
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_search_folds_accents_and_case(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(article(1, title="Visite à Pékin", text="Le président arrive à Pékin."))
        assert len(library.search("PEKIN")) == 1


def test_raw_page_is_kept_byte_for_byte(library_path: Path) -> None:
    raw = "<html><body><p>Привет</p></body></html>".encode("cp1251")
    headers = {"Content-Type": "text/html; charset=windows-1251", "Set-Cookie": "x"}
    page = Page(content=raw, source="saved.html", url="https://example.org/1", headers=headers)
    with Library.open(library_path) as library:
        stored = library.add(article(1), page)
        [kept] = library.raw_pages(stored.id)
    assert kept.content == raw
    assert kept.source == "saved.html"
    assert dict(kept.headers) == {"content-type": "text/html; charset=windows-1251"}


def test_a_page_packed_in_advance_is_stored_as_packed_and_read_back_exactly(
    library_path: Path,
) -> None:
    raw = "<html><body><p>Grüße aus Köln</p></body></html>".encode() * 50
    page = Page(content=raw, source="https://example.org/1", packed=pack_content(raw))
    with Library.open(library_path) as library:
        stored = library.add(article(1), page)
        library.update(stored.id, article(1, title="Again"), Page(content=raw, source="again"))
        assert [kept.content for kept in library.raw_pages(stored.id)] == [raw, raw]
    with sqlite3.connect(library_path) as db:
        rows = db.execute("SELECT sha256, html FROM pages ORDER BY id").fetchall()
    assert [sha for sha, _ in rows] == [hashlib.sha256(raw).hexdigest()] * 2
    assert rows[0][1] == page.archived().compressed  # stored as the caller packed it
    assert len(rows[1][1]) < len(raw) / 10  # and packed by the library when not


def test_the_same_story_under_the_same_url_is_stored_once(library_path: Path) -> None:
    with Library.open(library_path) as library:
        first = library.add(article(1))
        with pytest.raises(AlreadyClippedError) as raised:
            library.add(article(1, title="story 1", text="Its text, since updated."))
        assert raised.value.clipping_id == first.id
        assert library.count() == 1
        # Another story whose page names the same canonical URL is another clipping.
        other = library.add(article(1, title="Another story", text="Other words."))
        assert other.id != first.id and library.count() == 2


def test_missing_ids(library_path: Path) -> None:
    with Library.open(library_path) as library:
        with pytest.raises(NotFoundError, match="no clipping with id 7"):
            library.get(7)
        with pytest.raises(NotFoundError):
            library.add_tags(7, ["x"])


def test_list_is_newest_first(library_path: Path) -> None:
    with Library.open(library_path) as library:
        ids = [library.add(article(n)).id for n in range(3)]
        assert [c.id for c in library.clippings()] == ids[::-1]
        assert [c.id for c in library.clippings(limit=1, offset=1)] == [ids[1]]


def test_update_replaces_the_story_and_keeps_user_data(library_path: Path) -> None:
    first_page = Page(content=b"<p>old</p>", source="https://example.org/1")
    second_page = Page(content=b"<p>new</p>", source="https://example.org/1")
    with Library.open(library_path) as library:
        stored = library.add(article(1, text="Old words about frigates."), first_page, ["navy"])
        updated = library.update(
            stored.id, article(1, text="New words about bombers."), second_page
        )
        assert updated.article.text == "New words about bombers."
        assert updated.tags == ("navy",)
        assert updated.url == stored.url
        assert [p.content for p in library.raw_pages(stored.id)] == [b"<p>old</p>", b"<p>new</p>"]
        assert [h.clipping.id for h in library.search("bombers")] == [stored.id]
        assert library.search("frigates") == []
