"""Libraries written by every released schema version open, upgrade and keep every record."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.library import Library
from clipper.migrations import MIGRATIONS, migrate, schema_version

SNAPSHOTS = Path(__file__).parent / "libraries"
VERSIONS = sorted(SNAPSHOTS.glob("v*.db"), key=lambda p: int(p.stem[1:]))  # v10 after v9


def test_there_is_a_snapshot_for_every_released_version_but_the_newest() -> None:
    # A migration that ships gets a snapshot of the version before it (see libraries/README.md).
    assert [int(p.stem[1:]) for p in VERSIONS] == list(range(1, len(VERSIONS) + 1))
    assert len(VERSIONS) >= len(MIGRATIONS) - 1


@pytest.mark.parametrize("snapshot", VERSIONS, ids=lambda p: p.stem)
def test_an_old_library_upgrades_and_keeps_every_record(snapshot: Path, tmp_path: Path) -> None:
    path = tmp_path / snapshot.name
    shutil.copy(snapshot, path)
    expected = json.loads(snapshot.with_suffix(".json").read_text(encoding="utf-8"))
    with Library.open(path) as library:
        clippings = sorted(library.clippings(), key=lambda c: c.id)
        assert len(clippings) == len(expected)
        for clipping, before in zip(clippings, expected, strict=True):
            record = clipping.to_record()
            for key, value in before.items():
                if key != "raw_sha256":
                    assert record[key] == value, (clipping.id, key)
            raw = [hashlib.sha256(p.content).hexdigest() for p in library.raw_pages(clipping.id)]
            assert raw == before["raw_sha256"]
        assert library.search("Pekin")[0].clipping.id == 2
    with sqlite3.connect(path) as db:
        assert schema_version(db) == len(MIGRATIONS)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_a_failing_migration_leaves_the_last_good_version(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    shutil.copy(SNAPSHOTS / "v1.db", path)
    before = path.read_bytes()

    def m_broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE clippings ADD COLUMN half_done TEXT")
        db.execute("THIS IS NOT SQL")

    history = [*MIGRATIONS[:1], m_broken]
    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, history)
    assert schema_version(db) == 1
    columns = [row[1] for row in db.execute("PRAGMA table_info(clippings)")]
    assert "half_done" not in columns
    db.close()
    assert path.read_bytes() == before


def test_ids_removed_before_an_upgrade_are_never_given_out_again(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    shutil.copy(SNAPSHOTS / "v2.db", path)
    with Library.open(path) as library:
        added = library.add(Article(title="New", url="https://example.org/new", text="New words."))
    assert added.id == 5  # v2.db's clipping 4 was removed


def test_versions_and_pending_links_survive_an_upgrade_from_v3(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    shutil.copy(SNAPSHOTS / "v3.db", path)
    with Library.open(path) as library:
        [earlier] = library.earlier_versions(1)
        assert earlier.word_count == 28
        assert "Sea of Japan" not in earlier.text
        assert "Sea of Japan" in library.get(1).article.text
        assert [p.link.url for p in library.pending()] == [
            "https://example.com/later/one",
            "https://example.com/later/two",
        ]
        added = library.add(Article(title="New", url="https://example.org/new", text="New words."))
    assert added.id == 4  # v3.db's clipping 3 was removed


def test_search_filters_work_on_clippings_stored_before_they_existed(tmp_path: Path) -> None:
    # site: relies on keys filed by m005; clippings from v4 must be filed on upgrade.
    path = tmp_path / "v4.db"
    shutil.copy(SNAPSHOTS / "v4.db", path)
    with Library.open(path) as library:
        assert [h.clipping.id for h in library.search("site:exemple.fr")] == [2]
        assert [h.clipping.id for h in library.search("tag:russia")] == [1]
        assert [h.clipping.id for h in library.search("is:starred")] == [1]


def test_chinese_added_after_an_upgrade_from_v4_is_found_and_old_text_still_is(
    tmp_path: Path,
) -> None:
    # Migration 6 rebuilt the index through a view that splits unspaced scripts.
    path = tmp_path / "v4.db"
    shutil.copy(SNAPSHOTS / "v4.db", path)
    with Library.open(path) as library:
        added = library.add(
            Article(
                title="杭州地铁12号线全线贯通",
                url="https://news.example.cn/metro-12",
                text="8月19日上午，杭州地铁12号线实现全线“洞通”。Russian 巡逻 patrol.",
            )
        )
        assert [h.clipping.id for h in library.search("地铁")] == [added.id]
        assert [h.clipping.id for h in library.search("12号线 洞通")] == [added.id]
        assert [h.clipping.id for h in library.search("patrol")] == [1, added.id]
        assert [h.clipping.id for h in library.search('"joint patrol" pacific')] == [1]
        assert [h.clipping.id for h in library.search("pekin -地铁")] == [2]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_words_inside_unspaced_text_stored_before_the_upgrade_are_found(tmp_path: Path) -> None:
    # v5.db holds Chinese, Japanese, Korean and Thai clippings, indexed run by run.
    path = tmp_path / "v5.db"
    shutil.copy(SNAPSHOTS / "v5.db", path)
    with Library.open(path) as library:
        assert [h.clipping.id for h in library.search("地铁")] == [4]
        assert [h.clipping.id for h in library.search("全线贯通 盾构")] == [4]
        assert [h.clipping.id for h in library.search("開花 東京")] == [5]
        assert [h.clipping.id for h in library.search("지하철 9호선")] == [6]
        assert [h.clipping.id for h in library.search("สีเหลือง")] == [7]
        assert [h.clipping.id for h in library.search("tag:交通")] == [4]
        assert [h.clipping.id for h in library.search("bombers")] == [1]
    with sqlite3.connect(path) as db:
        # The upgrade stored clipper's indexed forms of those texts, and the index read them.
        stored = {row[0] for row in db.execute("SELECT DISTINCT id FROM clippings_spaced")}
        assert stored == {4, 5, 6, 7}
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("name", ["v6.db", "v7.db", "v8.db"])
def test_notes_tags_sites_and_hosts_stored_before_the_upgrade_are_searchable(
    name: str, tmp_path: Path
) -> None:
    # Migration 8 rebuilt the index over title, author, site, host, description,
    # tags, note and text; clippings stored before are found by each.
    path = tmp_path / name
    shutil.copy(SNAPSHOTS / name, path)
    with Library.open(path) as library:
        assert [h.clipping.id for h in library.search("zebrafinch")] == [8]  # a note
        assert [h.clipping.id for h in library.search("notebooks")] == [8]  # a tag
        assert [h.clipping.id for h in library.search("手帳")] == [8]  # a Chinese tag
        assert [h.clipping.id for h in library.search("smith")] == [8]  # the site's name
        assert [h.clipping.id for h in library.search("janesmith")] == [8]  # the host
        assert sorted(h.clipping.id for h in library.search("地铁")) == [4, 8]  # text, note
        assert [h.clipping.id for h in library.search("transit")] == [4]  # a note
        library.change_tags(8, add=["fieldwork"], remove=["notebooks"])
        library.set_note(8, "")
        assert [h.clipping.id for h in library.search("fieldwork")] == [8]
        assert library.search("notebooks") == [] and library.search("zebrafinch") == []
        if name in ("v7.db", "v8.db"):  # two stories under one canonical URL, both indexed
            assert [h.clipping.id for h in library.search("quokka")] == [10]
            assert sorted(h.clipping.id for h in library.search("tag:local")) == [9, 10]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_tags_and_notes_written_by_schema_8_stay_searchable_and_editable(tmp_path: Path) -> None:
    # v8.db changed tags and notes through migration 8's triggers; the upgrade
    # must keep the index in step with them, and later changes too.
    path = tmp_path / "v8.db"
    shutil.copy(SNAPSHOTS / "v8.db", path)
    with Library.open(path) as library:
        assert [h.clipping.id for h in library.search("tag:pacific")] == [1]
        assert [h.clipping.id for h in library.search("tag:islands ferry")] == [11]
        assert [h.clipping.id for h in library.search("timetable storms")] == [11]
        assert [h.clipping.id for h in library.search('"voir aussi"')] == [2]  # a note
        assert [h.clipping.id for h in library.search("site:coastline.example")] == [11]
        assert library.find_at("https://coastline.example/news/2026/ferries-return?utm_source=rss")
        library.change_tags(11, remove=["islands"])
        assert library.search("tag:islands") == []
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("name", ["v6.db", "v7.db", "v8.db"])
def test_read_state_and_highlights_start_empty_and_work_after_the_upgrade(
    name: str, tmp_path: Path
) -> None:
    # Migration 9 (read state, highlights, the index's ninth column) keeps every
    # record of a library written before it: unread, without highlights, all found.
    from clipper.clipping import Highlight

    path = tmp_path / name
    shutil.copy(SNAPSHOTS / name, path)
    expected = json.loads(SNAPSHOTS.joinpath(name).with_suffix(".json").read_text("utf-8"))
    with Library.open(path) as library:
        clippings = sorted(library.clippings(), key=lambda c: c.id)
        assert [c.id for c in clippings] == [record["id"] for record in expected]
        assert not any(c.read or c.highlights for c in clippings)
        assert [link.link.read for link in library.pending()] == [False, False]
        assert library.clippings(read=False) == library.clippings()
        clipping, outcome = library.add_highlight(1, Highlight("joint patrol", "the quokka memo"))
        assert outcome == "added" and clipping.highlights[0].note == "the quokka memo"
        library.set_read([2])
        assert [h.clipping.id for h in library.search("memo")] == [1]
        assert [h.clipping.id for h in library.search("is:read")] == [2]
        assert [h.clipping.id for h in library.search("zebrafinch")] == [8]  # a note, as before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_a_library_at_schema_8_keeps_its_clippings_through_migration_9(tmp_path: Path) -> None:
    # No v8 snapshot in this branch: schema 8 is made here from v7.db by the migrations
    # up to 8, a clipping is written by plain SQL (as any tool could), then upgraded.
    path = tmp_path / "v8.db"
    shutil.copy(SNAPSHOTS / "v7.db", path)
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:8])
    assert schema_version(db) == 8
    db.execute(
        "INSERT INTO clippings (id, url, title, text, clipped_at, updated_at, starred, note) "
        "VALUES (40, 'https://example.org/axolotl', 'Axolotls return', 'Axolotl numbers "
        "rose in the canals.', '2025-01-02T00:00:00+00:00', '2025-01-02T00:00:00+00:00', 1, "
        "'ask the lab')"
    )
    db.execute("INSERT INTO tags (clipping_id, tag) VALUES (40, 'mexico')")
    before = db.execute("SELECT * FROM clippings ORDER BY id").fetchall()
    db.close()
    with Library.open(path) as library:
        assert [h.clipping.id for h in library.search("axolotl tag:mexico lab")] == [40]
        stored = library.get(40)
        assert (stored.starred, stored.note, stored.read, stored.highlights) == (
            True, "ask the lab", False, ()
        )  # fmt: skip
    with sqlite3.connect(path) as db:
        after = db.execute("SELECT * FROM clippings ORDER BY id").fetchall()
        assert [row[:-1] for row in after] == before  # every column kept; read is new, 0
        assert {row[-1] for row in after} == {0}
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_read_state_and_highlights_written_by_schema_9_survive_the_feeds_migration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v9.db"
    shutil.copy(SNAPSHOTS / "v9.db", path)
    with Library.open(path) as library:
        assert sorted(h.clipping.id for h in library.search("is:read")) == [1, 11]
        assert [h.clipping.id for h in library.search("compare 2019 patrol")] == [1]
        assert library.feeds.all() == []
    with sqlite3.connect(path) as db:
        assert schema_version(db) == len(MIGRATIONS)
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_a_feed_and_its_entries_written_by_schema_10_survive_every_later_migration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v10.db"
    shutil.copy(SNAPSHOTS / "v10.db", path)
    with Library.open(path) as library:
        [feed] = library.feeds.all()
        assert (feed.name, feed.tags, feed.etag, feed.stories) == (
            "Coastline News", ("islands",), '"abc123"', 2
        )  # fmt: skip
        assert sorted(library.feeds.clipping_ids(feed.id)) == [11, 12]
        assert [h.clipping.id for h in library.search('feed:"Coastline News" night')] == [12]
        assert [c.id for c in library.clippings(feed=feed.id)] == [12, 11]
    with sqlite3.connect(path) as db:
        states = db.execute("SELECT state FROM feed_entries ORDER BY id").fetchall()
        assert [state for (state,) in states] == ["clipped", "already", "skipped"]
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every ordinary table (the index's shadow tables included)."""
    with sqlite3.connect(path) as db:
        names = [
            name
            for (name, sql) in db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
            if not name.startswith("sqlite_") and "VIRTUAL TABLE" not in (sql or "").upper()
        ]
        return {name: db.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names}


def test_the_images_migration_leaves_every_existing_row_as_it_was(tmp_path: Path) -> None:
    from clipper.images.model import ImageData, ImageOutcome
    from clipper.images.view import pictures as listed
    from tests import pictures

    path = tmp_path / "v10.db"
    shutil.copy(SNAPSHOTS / "v10.db", path)
    before = _tables(path)
    with Library.open(path) as library:
        # Clipping 12's pictures are known from its Markdown and lead image, not fetched yet.
        assert library.images.of(12) == []
        clipping = library.get(12)
        assert [(p.key.rsplit("/", 1)[1], p.lead, p.status) for p in listed(clipping, [])] == [
            ("ferry-lead.jpg", True, "not fetched"),
            ("ferry-dawn.jpg", False, "not fetched"),
        ]
    after = _tables(path)
    assert {name: rows for name, rows in after.items() if name in before} == before
    assert after["images"] == [] and after["clipping_images"] == []
    with Library.open(path) as library:
        image = ImageData(pictures.jpeg(8, 8), "image/jpeg", 8, 8)
        library.images.keep(
            12, [ImageOutcome("https://coastline.example/img/ferry-dawn.jpg", image)]
        )
        assert [r.stored for r in library.images.of(12)] == [True]
        library.delete([12])
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM images").fetchone()[0] == 0
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")
