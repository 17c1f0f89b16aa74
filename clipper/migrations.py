"""The library schema, as an ordered history of small migrations.

Each migration is a function registered with ``@migration``; its position in
``MIGRATIONS`` is the schema version it produces (``PRAGMA user_version``).
Migrations that have shipped are never edited: a change to the schema is a new
function at the end. ``migrate`` runs the missing ones, each in its own
transaction, so a failure leaves the library at the last good version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from clipper.errors import SchemaError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(step: Migration) -> Migration:
    MIGRATIONS.append(step)
    return step


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> None:
    """Bring ``db`` (opened in autocommit mode) up to the latest schema."""
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise SchemaError(
            f"this library uses schema version {current}, but this clipper only knows "
            f"versions up to {len(MIGRATIONS)}; upgrade clipper to open it"
        )
    if current == len(MIGRATIONS):
        return
    for number, step in enumerate(MIGRATIONS, start=1):
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
def m002_search_filters(db: sqlite3.Connection) -> None:
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
