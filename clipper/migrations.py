"""The library schema, as an ordered history of small migrations.

Each migration is a function registered with ``@migration``; its position in
``MIGRATIONS`` is the schema version it produces (``PRAGMA user_version``).
Migrations that have shipped are never edited: a change to the schema is a new
function at the end. ``migrate`` runs the missing ones, each in its own
transaction, so a failure leaves the library at the last good version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from clipper.errors import SchemaError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(step: Migration) -> Migration:
    MIGRATIONS.append(step)
    return step


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Bring ``db`` (opened in autocommit mode) up to the latest schema.

    ``migrations`` is the history to apply; tests pass their own to prove that
    a failing step leaves the library at the last good version.
    """
    current = schema_version(db)
    if current > len(migrations):
        raise SchemaError(
            f"this library uses schema version {current}, but this clipper only knows "
            f"versions up to {len(migrations)}; upgrade clipper to open it"
        )
    if current == len(migrations):
        return
    for number, step in enumerate(migrations, start=1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated.
            if schema_version(db) < number:
                step(db)
                db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _run(db: sqlite3.Connection, *statements: str) -> None:
    # Not executescript(): it would COMMIT the migration's transaction half-way.
    for statement in statements:
        db.execute(statement)


@migration
def m001_clippings_tags_pages_fts(db: sqlite3.Connection) -> None:
    """Clippings, their tags, the raw pages they came from, and a full-text index."""
    _run(
        db,
        """
        CREATE TABLE clippings (
            id          INTEGER PRIMARY KEY,
            url         TEXT,
            title       TEXT NOT NULL DEFAULT '',
            authors     TEXT NOT NULL DEFAULT '[]',
            published   TEXT,
            modified    TEXT,
            site        TEXT,
            language    TEXT,
            image       TEXT,
            description TEXT,
            text        TEXT NOT NULL DEFAULT '',
            markdown    TEXT NOT NULL DEFAULT '',
            word_count  INTEGER NOT NULL DEFAULT 0,
            clipped_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            starred     INTEGER NOT NULL DEFAULT 0,
            note        TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE UNIQUE INDEX clippings_url ON clippings(url) WHERE url IS NOT NULL",
        "CREATE INDEX clippings_clipped_at ON clippings(clipped_at)",
        "CREATE INDEX clippings_published ON clippings(published)",
        "CREATE INDEX clippings_site ON clippings(site)",
        """
        CREATE TABLE tags (
            clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            tag         TEXT NOT NULL,
            PRIMARY KEY (clipping_id, tag)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX tags_tag ON tags(tag)",
        # Every raw page a clipping was extracted from, zlib-compressed: the
        # archive that re-extraction and version history are built on.
        """
        CREATE TABLE pages (
            id          INTEGER PRIMARY KEY,
            clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            source      TEXT NOT NULL,
            url         TEXT,
            status      INTEGER,
            headers     TEXT NOT NULL DEFAULT '{}',
            redirects   TEXT NOT NULL DEFAULT '[]',
            fetched_at  TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            html        BLOB NOT NULL
        )
        """,
        "CREATE INDEX pages_clipping ON pages(clipping_id)",
        """
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            title, description, text, authors,
            content='clippings', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
        """
        CREATE TRIGGER clippings_fts_insert AFTER INSERT ON clippings BEGIN
            INSERT INTO clippings_fts(rowid, title, description, text, authors)
            VALUES (new.id, new.title, new.description, new.text, new.authors);
        END
        """,
        """
        CREATE TRIGGER clippings_fts_delete AFTER DELETE ON clippings BEGIN
            INSERT INTO clippings_fts(clippings_fts, rowid, title, description, text, authors)
            VALUES ('delete', old.id, old.title, old.description, old.text, old.authors);
        END
        """,
        """
        CREATE TRIGGER clippings_fts_update
        AFTER UPDATE OF title, description, text, authors ON clippings BEGIN
            INSERT INTO clippings_fts(clippings_fts, rowid, title, description, text, authors)
            VALUES ('delete', old.id, old.title, old.description, old.text, old.authors);
            INSERT INTO clippings_fts(rowid, title, description, text, authors)
            VALUES (new.id, new.title, new.description, new.text, new.authors);
        END
        """,
    )


@migration
def m002_retired_ids(db: sqlite3.Connection) -> None:
    """Remember the highest id ever used, so a removed clipping's id is never reused.

    SQLite gives a new row the largest id plus one, so removing the newest
    clipping would hand its id to the next one, and ``clipper show 12`` (or an
    exported note's ``clipper_id``) would silently point at another story.
    The trigger keeps the mark whichever code path deletes a row.
    """
    _run(
        db,
        """
        CREATE TABLE id_high_water (
            only   INTEGER PRIMARY KEY CHECK (only = 1),
            max_id INTEGER NOT NULL
        )
        """,
        """
        CREATE TRIGGER clippings_retire_id AFTER DELETE ON clippings BEGIN
            INSERT INTO id_high_water (only, max_id) VALUES (1, old.id)
            ON CONFLICT (only) DO UPDATE SET max_id = max(max_id, excluded.max_id);
        END
        """,
    )


@migration
def m003_versions_and_pending(db: sqlite3.Connection) -> None:
    """Earlier texts of a clipping, and links imported to be clipped later.

    ``versions`` holds every text a clipping had before an update replaced it
    (the current text stays in ``clippings``). The raw page a version came from
    is named by its sha256 and fetch time rather than by a foreign key, so the
    reference survives an export/import without the raw pages.

    ``pending`` holds links imported from bookmarks, Pocket or URL lists that
    have not been fetched yet; an entry leaves it only when it becomes a clipping.
    """
    _run(
        db,
        """
        CREATE TABLE versions (
            id              INTEGER PRIMARY KEY,
            clipping_id     INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            number          INTEGER NOT NULL,
            title           TEXT NOT NULL DEFAULT '',
            text            TEXT NOT NULL DEFAULT '',
            markdown        TEXT NOT NULL DEFAULT '',
            word_count      INTEGER NOT NULL DEFAULT 0,
            published       TEXT,
            modified        TEXT,
            saved_at        TEXT NOT NULL,
            replaced_at     TEXT NOT NULL,
            page_sha256     TEXT,
            page_fetched_at TEXT,
            UNIQUE (clipping_id, number)
        )
        """,
        """
        CREATE TABLE pending (
            id        INTEGER PRIMARY KEY,
            url       TEXT NOT NULL UNIQUE,
            title     TEXT NOT NULL DEFAULT '',
            tags      TEXT NOT NULL DEFAULT '[]',
            note      TEXT NOT NULL DEFAULT '',
            starred   INTEGER NOT NULL DEFAULT 0,
            saved_at  TEXT NOT NULL,
            origin    TEXT NOT NULL DEFAULT '',
            attempts  INTEGER NOT NULL DEFAULT 0,
            error     TEXT NOT NULL DEFAULT ''
        )
        """,
    )


@migration
def m004_pages_by_url(db: sqlite3.Connection) -> None:
    """Find a clipping from the address its page was fetched from, without a scan."""
    _run(
        db,
        "CREATE INDEX pages_source ON pages(source)",
        "CREATE INDEX pages_url ON pages(url)",
    )


def _host(url: str) -> str:
    """SQL for the lower-case host of the URL expression ``url`` ('' when it has none).

    Built from core functions only, so the triggers below work in any SQLite
    (the ``sqlite3`` shell included), not just inside clipper.
    """

    def before(expression: str, mark: str) -> str:
        return f"substr({expression}, 1, instr({expression} || '{mark}', '{mark}') - 1)"

    rest = f"replace(replace(substr({url}, instr({url}, '://') + 3), '?', '/'), '#', '/')"
    authority = before(rest, "/")
    host_port = f"substr({authority}, instr({authority}, '@') + 1)"
    host = before(host_port, ":")
    return f"CASE WHEN instr({url}, '://') > 0 THEN lower(rtrim({host}, '.')) ELSE '' END"


#: Host labels deeper than this (a.b.c.d.e.f.g.example.com) get no shorter keys.
_HOST_LEVELS = 12


def _site_key_statements(clipping_id: str | None, url: str, site: str) -> list[str]:
    """SQL that files the clipping ``clipping_id`` (or all) under its site keys.

    The keys are the URL's host, every suffix of it at a dot (``www.bbc.co.uk``,
    ``bbc.co.uk``, ``co.uk``, ``uk``) and the site's name in lower case, so
    ``site:`` is an index lookup however it is spelled. Suffixes are derived
    one level per statement because triggers cannot hold recursive queries.
    """
    clipping = f"id = {clipping_id}" if clipping_id else "1"
    keyed = f"clipping_id = {clipping_id}" if clipping_id else "1"
    hosts = f"""
        INSERT OR IGNORE INTO site_keys (key, clipping_id)
        SELECT host, id FROM (SELECT {_host(url)} AS host, id FROM clippings WHERE {clipping})
         WHERE host != ''
    """
    shorter = f"""
        INSERT OR IGNORE INTO site_keys (key, clipping_id)
        SELECT substr(key, instr(key, '.') + 1), clipping_id FROM site_keys
         WHERE {keyed} AND instr(key, '.') > 0
    """
    names = f"""
        INSERT OR IGNORE INTO site_keys (key, clipping_id)
        SELECT lower(trim({site})), id FROM clippings WHERE {clipping} AND trim({site}) != ''
    """
    return [hosts] + [shorter] * _HOST_LEVELS + [names]


@migration
def m005_search_filters(db: sqlite3.Connection) -> None:
    """Indexes that let search filters (site:, lang:, is:starred, dates) skip the big rows.

    A clipping's row holds its whole text, so scanning ``clippings`` reads the
    library. Every filter is answered from a narrow index instead. ``site_keys``
    (kept by triggers) files each clipping under its host, the host's
    suffixes and its site name, so ``site:reuters.com`` finds
    ``www.reuters.com`` with one index lookup; sorting by date walks an index
    on the date clipper sorts by: the publication date, else the clipping date.
    """
    refile = ";\n".join(_site_key_statements("new.id", "new.url", "new.site"))
    _run(
        db,
        """
        CREATE TABLE site_keys (
            key         TEXT NOT NULL,
            clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            PRIMARY KEY (key, clipping_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX site_keys_clipping ON site_keys(clipping_id)",
        *_site_key_statements(None, "url", "site"),
        f"CREATE TRIGGER site_keys_insert AFTER INSERT ON clippings BEGIN {refile}; END",
        f"""
        CREATE TRIGGER site_keys_update AFTER UPDATE OF url, site ON clippings BEGIN
            DELETE FROM site_keys WHERE clipping_id = old.id;
            {refile};
        END
        """,
        """
        CREATE TRIGGER site_keys_delete AFTER DELETE ON clippings BEGIN
            DELETE FROM site_keys WHERE clipping_id = old.id;
        END
        """,
        "CREATE INDEX clippings_date ON clippings(coalesce(published, clipped_at))",
        "CREATE INDEX clippings_language ON clippings(language)",
        "CREATE INDEX clippings_starred ON clippings(starred) WHERE starred",
    )
