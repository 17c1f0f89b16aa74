"""The library schema, as an ordered history of small migrations.

Each migration is a function registered with ``@migration``; its position in
``MIGRATIONS`` is the schema version it produces (``PRAGMA user_version``).
Migrations that have shipped are never edited: a change to the schema is a new
function at the end. ``migrate`` runs the missing ones, each in its own
transaction, so a failure leaves the library at the last good version.
"""

from __future__ import annotations

import re
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


def host_sql(url: str) -> str:
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
        SELECT host, id FROM (SELECT {host_sql(url)} AS host, id FROM clippings WHERE {clipping})
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


# -- migration 6: words in scripts written without spaces --------------------------

#: Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
#: Myanmar) or with particles glued to words (Korean), as code point ranges. The
#: index of schema 6 gives every character in them a token of its own. Frozen with
#: m006: ``clipper.unspaced`` splits queries by these same ranges, and a change to
#: them is a new migration that rebuilds the index. The most common range comes
#: first, because the ranges are tested in order.
UNSPACED_RANGES: tuple[tuple[int, int], ...] = (
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0xAC00, 0xD7FF),  # Hangul syllables, Hangul Jamo extended-B
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # kana repeat marks
    (0x3038, 0x303C),  # more ideographic numerals and marks
    (0x3100, 0x312F),  # Bopomofo
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31A0, 0x31BF),  # Bopomofo extended
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0xA960, 0xA97F),  # Hangul Jamo extended-A
    (0xA9E0, 0xA9FF),  # Myanmar extended-B
    (0xAA60, 0xAA7F),  # Myanmar extended-A
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFFDC),  # halfwidth Katakana and Hangul
    (0x20000, 0x323AF),  # CJK extensions B to H, compatibility supplement
)
#: The ranges as the inside of a regular expression's character class.
UNSPACED_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in UNSPACED_RANGES)
UNSPACED_CHARACTER = re.compile(f"[{UNSPACED_CLASS}]")
_UNSPACED_RUN = re.compile(f"[{UNSPACED_CLASS}]+")
#: What clipper puts on each side of an unspaced-script character in the indexed
#: form it stores (``indexed_form``): a control character, which ``unicode61``
#: reads as a separator, as it reads a space, and which clipper's view can remove
#: again to check that the form still belongs to the text beside it.
INDEX_PAD = "\x01"


def indexed_form(value: str) -> str | None:
    """The text the index reads for ``value``, stored by clipper when it writes a clipping.

    ``value`` with ``INDEX_PAD`` on each side of every character in
    ``UNSPACED_RANGES``: tokenized exactly as ``_spaced`` makes the view space
    it, but computed here in microseconds instead of in SQL at ~2.5 µs a
    character. ``None`` when there is nothing to split, or when ``value``
    holds a NUL or ``INDEX_PAD`` (then the view's own SQL spaces it).
    """
    if "\x00" in value or INDEX_PAD in value or UNSPACED_CHARACTER.search(value) is None:
        return None
    return pad_unspaced(value, INDEX_PAD)


def pad_unspaced(text: str, pad: str) -> str:
    """``text`` with ``pad`` on each side of every character in ``UNSPACED_RANGES``.

    A run at a time: one call per run, not per character, is five times faster.
    """
    return _UNSPACED_RUN.sub(lambda run: pad + (pad * 2).join(run.group()) + pad, text)


#: Wider ranges holding all of the above, cheaper to test: a piece of text with no
#: character in them needs no splitting.
_UNSPACED_NEAR = ((0x3005, 0xD7FF), (0x0E00, 0x1CFF), (0xF900, 0xFFDC), (0x20000, 0x323AF))
#: The first bytes of those characters in UTF-8 (the CJK ideographs' first).
_UNSPACED_LEADS = (*range(0xE4, 0xEA), 0xE3, *range(0xEA, 0xEE), 0xE0, 0xE1, 0xEF, 0xF0)
#: How many pieces a piece of text is cut into at each step of the splitting.
_FANOUT = 16


def _glob_class(ranges: Sequence[tuple[int, int]]) -> str:
    return "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges) + "]"


def _spaced(value: str) -> str:
    """SQL for the text ``value`` with a space on each side of every unspaced-script character.

    Core SQL only, so that every SQLite computes it: the triggers, the FTS5
    integrity check and ``rebuild`` in the sqlite3 shell included. A text whose
    UTF-8 has none of the lead bytes of those scripts (almost every Latin,
    Cyrillic, Greek or Arabic text) is returned as it is after a few ``instr``
    scans. Any other is cut into ``_FANOUT`` pieces, each piece holding such a
    character again into ``_FANOUT`` pieces, down to single characters, by a
    recursive query whose queue is ordered by position, so the pieces come out
    in order and ``group_concat`` puts the text back together, with spaces
    around the characters in ``UNSPACED_RANGES``. Cutting a piece costs its
    length, so the whole costs n·log(n) rather than the n² of reading one
    character at a time with ``substr``, and Latin stretches of mixed text are
    kept whole. ``length`` and ``substr`` stop at a NUL, so text after the
    first NUL (which extraction never leaves, but an import might) follows
    as it is: indexed as before this migration, not split.
    """
    blob = f"CAST({value} AS BLOB)"
    maybe = " OR ".join(f"instr({blob}, x'{lead:02X}')" for lead in _UNSPACED_LEADS)
    near, exact = _glob_class(_UNSPACED_NEAR), _glob_class(UNSPACED_RANGES)
    after_nul = f"CAST(substr({blob}, instr({blob}, x'00') + 1) AS TEXT)"
    step = f"((size + {_FANOUT - 1}) / {_FANOUT})"
    cuts = ", ".join(f"({k})" for k in range(_FANOUT))
    return f"""CASE WHEN typeof({value}) = 'text' AND ({maybe}) THEN (
        WITH RECURSIVE piece(at, size, part) AS (
            SELECT 0, length({value}), substr({value}, 1, length({value}))
            UNION ALL
            SELECT at + cut * {step}, min({step}, size - cut * {step}),
                   substr(part, cut * {step} + 1, {step})
              FROM piece CROSS JOIN (SELECT column1 AS cut FROM (VALUES {cuts}))
             WHERE size > 1 AND part GLOB '*{near}*' AND cut * {step} < size
             ORDER BY 1
        )
        SELECT group_concat(
                   CASE WHEN size = 1 AND part GLOB '{exact}' THEN ' ' || part || ' ' ELSE part END,
                   '')
          FROM piece WHERE size <= 1 OR NOT part GLOB '*{near}*'
    ) || CASE WHEN instr({blob}, x'00') THEN ' ' || {after_nul} ELSE '' END
    ELSE {value} END"""


_INDEXED = "title, description, text, authors"
#: The clippings' columns the full-text index reads.
INDEXED_FIELDS = tuple(_INDEXED.split(", "))


@migration
def m006_unspaced_scripts(db: sqlite3.Connection) -> None:
    """Index every character of Chinese, Japanese, Korean, Thai, Lao, Khmer and Myanmar.

    ``unicode61`` makes a whole run of these scripts between two punctuation
    marks one token ("杭州地铁12号线实现全线", "검색을"), so a word inside the
    run could not be found. From this version the index reads the clippings
    through the view ``clippings_indexed``, which puts a space on each side of
    every character in ``UNSPACED_RANGES`` (``_spaced``): each becomes a token,
    and ``clipper.query`` turns a query word in these scripts into the phrase
    of its characters, so ``地铁`` finds the adjacent tokens 地 铁 anywhere in
    the running text. Latin words and numbers beside them (``12号线``,
    ``iPhone 15发布``) stay whole tokens. Text without these scripts is indexed
    exactly as before.

    One character per token (unigrams) rather than overlapping pairs
    (bigrams): measured on 20,000 synthetic Chinese stories (36 M characters,
    words drawn with their frequencies from a Chinese dictionary), the unigram
    index was 117 MiB and the bigram index 221 MiB; bigrams answered the
    median query in 9 ms against 15 ms, but a one-character query needs a
    prefix query over every pair starting with it (73 ms for 的, against
    15 ms), pairs need to know where each run ends, and a unigram query is
    simply the characters typed. A phrase of unigrams may also match across
    punctuation (中。国 for 中国), as Latin phrases do.

    How the index gets the spaced text, and why this way. The FTS5 integrity
    check (which the tests and ``benchmarks/soak.py`` run from plain sqlite3)
    compares an external-content index with its content table, and the shell
    must be able to edit the library without breaking the index. So:

    * chosen: the content table is a view computing the spaced text with core
      SQL (a recursive query; see ``_spaced``), and the triggers index the
      view's row. Every SQLite agrees on it: the integrity check and
      ``rebuild`` work anywhere, a row the shell inserts, edits or deletes is
      indexed exactly as clipper would, the index changes in the row's own
      transaction, and nothing more is stored. The price is CPU for text in
      these scripts: about 2.5 µs per character, 65 ms for a 26,000-character
      story, which halved a batch's speed on a mix with a tenth of such pages.
      So clipper, when it writes a clipping, also stores the spaced form it
      computes in Python (``indexed_form``, microseconds) in
      ``clippings_spaced``, *before* the row it belongs to is written; the
      view reads a stored form when removing its ``INDEX_PAD`` marks gives
      back the column's text exactly, and spaces the text in SQL otherwise.
      A row the shell writes or edits is therefore still indexed exactly as
      clipper would (slowly), a stale stored form is never used, and
      ``rebuild`` and the integrity check work anywhere. Stored forms are
      dropped with their clipping by a trigger; clipper drops replaced ones.
      Other text pays a few ``instr`` scans (~0.03 µs per character).
      Deleting and updating read the old row through the view, so those
      triggers run BEFORE the change.
    * a custom SQL function (Python) in the triggers: fast, but then the
      sqlite3 shell, any other tool, and ``benchmarks/search.py``'s builder
      could no longer insert, edit or delete a clipping ("no such function"),
      and a view calling it would fail the integrity check outside clipper.
    * a contentless index fed by that function: passes the integrity check
      anywhere only because that check no longer compares index and rows;
      ``rebuild`` is gone, and the function's output must never change.
    * a column (or side table) holding the spaced text, written by clipper:
      stores text in these scripts twice, and a row written by any other
      tool is indexed without spacing, silently.
    * maintaining the index from Python: the shell's edits would leave the
      index stale, which the integrity check then reports as corruption.
    * the ``trigram`` tokenizer: cannot find words of one or two characters,
      most of Chinese, and triples the index of every other language.

    The upgrade drops the old index and rebuilds it from the view in this
    migration's transaction (every token is written anew, as for a new
    library); clippings and everything else are untouched. The trigger on
    updates also watches ``id``, so a row renumbered in the shell keeps its
    index entry.
    """
    spaced = ", ".join(f"{_indexed_column(column)} AS {column}" for column in _INDEXED.split(", "))
    indexed_row = f"SELECT id, {_INDEXED} FROM clippings_indexed WHERE id ="
    columns = f"rowid, {_INDEXED}"
    _run(
        db,
        "DROP TRIGGER clippings_fts_insert",
        "DROP TRIGGER clippings_fts_delete",
        "DROP TRIGGER clippings_fts_update",
        "DROP TABLE clippings_fts",
        """
        CREATE TABLE clippings_spaced (
            id INTEGER NOT NULL,   -- the clipping's id (no foreign key: see the trigger)
            field TEXT NOT NULL,   -- title, description, text or authors
            value TEXT NOT NULL    -- indexed_form() of that column's text
        )
        """,
        "CREATE INDEX clippings_spaced_by_id ON clippings_spaced(id, field)",
        f"CREATE VIEW clippings_indexed AS SELECT c.id AS id, {spaced} FROM clippings AS c",
        f"""
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {_INDEXED},
            content='clippings_indexed', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER clippings_fts_insert AFTER INSERT ON clippings BEGIN
            INSERT INTO clippings_fts({columns}) {indexed_row} new.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_delete BEFORE DELETE ON clippings BEGIN
            INSERT INTO clippings_fts(clippings_fts, {columns})
            SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        """
        CREATE TRIGGER clippings_spaced_delete AFTER DELETE ON clippings BEGIN
            DELETE FROM clippings_spaced WHERE id = old.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_old
        BEFORE UPDATE OF id, {_INDEXED} ON clippings BEGIN
            INSERT INTO clippings_fts(clippings_fts, {columns})
            SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_new
        AFTER UPDATE OF id, {_INDEXED} ON clippings BEGIN
            INSERT INTO clippings_fts({columns}) {indexed_row} new.id;
        END
        """,
    )
    # The forms of the clippings already stored, so that the rebuild reads them.
    forms = (
        (clipping_id, field, form)
        for clipping_id, *values in db.execute(f"SELECT id, {_INDEXED} FROM clippings")
        for field, value in zip(INDEXED_FIELDS, values, strict=True)
        if isinstance(value, str) and (form := indexed_form(value)) is not None
    )
    db.executemany("INSERT INTO clippings_spaced (id, field, value) VALUES (?, ?, ?)", forms)
    db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('rebuild')")


def _indexed_column(column: str) -> str:
    """SQL for what the index reads of ``c.{column}``: clipper's stored form while it
    still belongs to the text (its ``INDEX_PAD`` marks removed, it is the text),
    else the text spaced in SQL. ``coalesce`` runs the SQL only when needed."""
    stored = f"""(SELECT s.value FROM clippings_spaced AS s
                 WHERE s.id = c.id AND s.field = '{column}'
                   AND replace(s.value, char({ord(INDEX_PAD)}), '') = c.{column} LIMIT 1)"""
    return f"coalesce({stored}, {_spaced(f'c.{column}')})"


@migration
def m007_canonical_urls_may_repeat(db: sqlite3.Connection) -> None:
    """Let two clippings share a canonical URL: a template's link is a hint, not proof.

    Some sites point every page's ``<link rel=canonical>`` at one URL, and the
    unique index made the second story "already in the library" and lost it.
    Which pages are one clipping is now decided by ``clipper.dedup`` (the same
    URL and the same story), under the write lock; URLs stay indexed for it.
    """
    _run(
        db,
        "DROP INDEX clippings_url",
        "CREATE INDEX clippings_by_url ON clippings(url) WHERE url IS NOT NULL",
    )


# -- migration 8: search what a person remembers of a clipping ---------------------

#: The index's columns from migration 8, in order: the clipping's own fields, then
#: where it came from and what its owner added. Frozen with m008.
SEARCHED = ("title", "description", "text", "authors", "site", "host", "tags", "note")
#: What clipper writes stored forms for (``clippings_spaced``); the rest is spaced in SQL.
_STORED_FORMS = ("title", "description", "text", "authors")
_TAG_LIST = "(SELECT group_concat(tag, ' ') FROM ({tags} ORDER BY tag))"


def _searched_columns(clipping: str, tags: str) -> str:
    """SQL for the index's columns of the clipping row ``c`` (``clipping`` is its id,
    for the tags), with ``tags`` the query listing its tags (one column, ``tag``).

    Site, tags and note are short or rare enough to be spaced in SQL
    (``_spaced``, migration 6), so Chinese, Japanese, Korean and Thai in them are
    found as in the text. The host is the URL's, without ``www.``: a label in
    those scripts stays one word.
    """
    host = host_sql("c.url")
    columns = [f"{_indexed_column(name)} AS {name}" for name in _STORED_FORMS]
    columns += [
        f"{_spaced('c.site')} AS site",
        f"CASE WHEN {host} LIKE 'www.%' THEN substr({host}, 5) ELSE {host} END AS host",
        f"{_tag_column(clipping, tags)} AS tags",
        f"{_spaced('c.note')} AS note",
    ]
    return ", ".join(columns)


def _tag_column(clipping: str, tags: str) -> str:
    return _spaced(_TAG_LIST.format(tags=tags.format(clipping=clipping)))


_TAGS_OF = "SELECT tag FROM tags WHERE clipping_id = {clipping}"
_NOT_NEW = "NOT (clipping_id = new.clipping_id AND tag = new.tag)"
_MOVED = "old.clipping_id != new.clipping_id"


def _tag_trigger_row(clipping: str, tags: str) -> str:
    """SQL for the index row of the clipping ``clipping`` as it was before a change of
    its tags, ``tags`` listing them as they were: the view's row, but for the tags."""
    columns = ", ".join(
        f"{_tag_column(clipping, tags)} AS tags" if name == "tags" else f"v.{name}"
        for name in SEARCHED
    )
    return f"SELECT v.id, {columns} FROM clippings_indexed AS v WHERE v.id = {clipping}"


@migration
def m008_search_what_a_person_remembers(db: sqlite3.Connection) -> None:
    """Index the site's name, the URL's host, the tags and the note beside the story.

    A person remembers a clipping by its title, its author, the site or blog
    it came from, the tags and the note they gave it, as much as by its
    words; before this version only the title, description, text and authors
    were indexed. The index (``SEARCHED``) now reads all eight through the
    view ``clippings_indexed`` (the stored forms and SQL spacing of migration
    6 are kept), and ``clipper.search`` weighs each column.

    Tags live in their own table, so their triggers re-index the clipping
    when a tag is added, removed or changed: an external-content index must
    be told the old row exactly, and those triggers rebuild it from the tags
    as they were (the new ones without ``new.tag``, with ``old.tag``) after
    the change, since a BEFORE trigger would also run for an ``INSERT OR
    IGNORE`` that inserts nothing. A note, a site or a URL changed in the
    row is re-indexed like the text.

    Writing a new clipping's tags after its row would index it once per tag
    (the foreign key keeps them from coming first, and deferring it was
    slower still). So clipper lists a clipping it is writing in
    ``clippings_unindexed``, where the triggers leave it alone, and takes it
    off the list once the row and its tags are in: that indexes it, once
    (``library.indexed_once``). Any other tool's rows are indexed by the
    triggers as they come.

    The upgrade drops the index, its view and triggers, and rebuilds it from
    every clipping in this migration's transaction.
    """
    watched = "id, title, description, text, authors, site, url, note"
    unlisted = "NOT EXISTS (SELECT 1 FROM clippings_unindexed WHERE id = {})"
    columns = ", ".join(SEARCHED)
    indexed_row = f"SELECT id, {columns} FROM clippings_indexed WHERE id ="
    into = f"clippings_fts(rowid, {columns})"
    delete = f"clippings_fts(clippings_fts, rowid, {columns})"

    def reindex(clipping: str, tags_before: str, when: str = "1") -> str:
        """Statements re-indexing ``clipping`` whose tags were ``tags_before``, if ``when``."""
        before = _tag_trigger_row(clipping, tags_before)
        return (
            f"INSERT INTO {delete} SELECT 'delete', * FROM ({before}) WHERE {when};\n"
            f"INSERT INTO {into} {indexed_row} {clipping} AND {when};"
        )

    _run(
        db,
        "DROP TRIGGER clippings_fts_insert",
        "DROP TRIGGER clippings_fts_delete",
        "DROP TRIGGER clippings_fts_update_old",
        "DROP TRIGGER clippings_fts_update_new",
        "DROP TABLE clippings_fts",
        "DROP VIEW clippings_indexed",
        "CREATE TABLE clippings_unindexed (id INTEGER PRIMARY KEY)",
        f"""CREATE VIEW clippings_indexed AS
            SELECT c.id AS id, {_searched_columns("c.id", _TAGS_OF)} FROM clippings AS c""",
        f"""
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {columns},
            content='clippings_indexed', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER clippings_fts_insert AFTER INSERT ON clippings
        WHEN {unlisted.format("new.id")} BEGIN
            INSERT INTO {into} {indexed_row} new.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_listed AFTER DELETE ON clippings_unindexed BEGIN
            INSERT INTO {into} {indexed_row} old.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_delete BEFORE DELETE ON clippings BEGIN
            INSERT INTO {delete} SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_old BEFORE UPDATE OF {watched} ON clippings BEGIN
            INSERT INTO {delete} SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_new AFTER UPDATE OF {watched} ON clippings BEGIN
            INSERT INTO {into} {indexed_row} new.id;
        END
        """,
        f"""
        CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags
        WHEN {unlisted.format("new.clipping_id")} BEGIN
            {reindex("new.clipping_id", _TAGS_OF + " AND tag != new.tag")}
        END
        """,
        f"""
        CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags
        WHEN {unlisted.format("old.clipping_id")} BEGIN
            {reindex("old.clipping_id", _TAGS_OF + " UNION SELECT old.tag")}
        END
        """,
        # Changed in place (only another tool does that): the old tag's clipping had it
        # and not the new one; the new tag's clipping, when another, had not the new one.
        f"""
        CREATE TRIGGER tags_fts_update AFTER UPDATE ON tags BEGIN
            {reindex("old.clipping_id", f"{_TAGS_OF} AND {_NOT_NEW} UNION SELECT old.tag")}
            {reindex("new.clipping_id", f"{_TAGS_OF} AND tag != new.tag", _MOVED)}
        END
        """,
    )
    db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('rebuild')")


# -- migration 9: read state, and highlights searchable with the rest ---------------

#: The index's columns from migration 9: migration 8's, then the highlights (their
#: quotes and notes). Frozen with m009.
SEARCHED_9 = (*SEARCHED, "highlights")
#: What one highlight contributes to the index: its quote, then its note.
_HIGHLIGHT_TEXT = "quote || ' ' || note"
_HIGHLIGHTS_OF = "SELECT id, quote, note FROM highlights WHERE clipping_id = {clipping}"
_HIGHLIGHT_LIST = f"(SELECT group_concat({_HIGHLIGHT_TEXT}, ' ') FROM ({{rows}} ORDER BY id))"


def _highlight_column(clipping: str, rows: str) -> str:
    """SQL for the index's highlights column of ``clipping``, its highlights listed by
    ``rows`` (``id, quote, note``): their texts in the order they were made, spaced
    in SQL as the note is (migration 6)."""
    return _spaced(_HIGHLIGHT_LIST.format(rows=rows.format(clipping=clipping)))


def _trigger_row_9(clipping: str, column: str, value: str) -> str:
    """SQL for the index row of ``clipping`` as it was before a change to one of its
    tags or highlights: the view's row, but ``column`` computed as ``value``."""
    columns = ", ".join(f"{value} AS {column}" if name == column else f"v.{name}"
                        for name in SEARCHED_9)  # fmt: skip
    return f"SELECT v.id, {columns} FROM clippings_indexed AS v WHERE v.id = {clipping}"


@migration
def m009_read_state_and_highlights(db: sqlite3.Connection) -> None:
    """Read state, and highlights: passages of a story a person marked, with notes.

    Read-later services keep an archive of what was read; moving a library
    here must not turn every story back into one still to read. ``read`` is
    set by ``clipper read``/``unread`` and by imports (an archived entry is a
    read one), never by showing a clipping; its index answers ``is:read``,
    ``is:unread`` and ``list --unread`` without reading the rows. A pending
    link keeps its read state until it is clipped.

    ``highlights`` holds the quoted text as it was marked (so a highlight whose
    passage a later version of the story dropped is still kept, and shown as
    no longer found), the note, and when it was made. One quote is one
    highlight of a clipping (``UNIQUE``): importing the same export again
    adds nothing. A pending link keeps the highlights another service
    exported for it (JSON, ``pending.highlights``) until it is clipped.

    Highlights and their notes are what a person remembers a story by, so the
    index gains a ninth column, ``highlights`` (``SEARCHED_9``), read through
    the view like the tags: their triggers re-index the clipping with its
    highlights as they were before the change (an external-content index must
    be told the old row exactly), in the order they were made. A clipping
    listed in ``clippings_unindexed`` (being written by clipper) is left alone
    and indexed once when it leaves the list, highlights included.

    The upgrade drops the index, its view and its triggers and rebuilds them
    from every clipping (as migration 8 did); clippings, tags and everything
    else are untouched: existing clippings and pending links are unread and
    have no highlights yet.
    """
    watched = "id, title, description, text, authors, site, url, note"
    unlisted = "NOT EXISTS (SELECT 1 FROM clippings_unindexed WHERE id = {})"
    columns = ", ".join(SEARCHED_9)
    indexed_row = f"SELECT id, {columns} FROM clippings_indexed WHERE id ="
    into = f"clippings_fts(rowid, {columns})"
    delete = f"clippings_fts(clippings_fts, rowid, {columns})"

    def reindex(clipping: str, before: str, when: str = "1") -> str:
        """Statements re-indexing ``clipping``, whose row was ``before``, if ``when``."""
        return (
            f"INSERT INTO {delete} SELECT 'delete', * FROM ({before}) WHERE {when};\n"
            f"INSERT INTO {into} {indexed_row} {clipping} AND {when};"
        )

    def tags_before(clipping: str, tags: str, when: str = "1") -> str:
        return reindex(
            clipping, _trigger_row_9(clipping, "tags", _tag_column(clipping, tags)), when
        )

    def highlights_before(clipping: str, rows: str, when: str = "1") -> str:
        value = _highlight_column(clipping, rows)
        return reindex(clipping, _trigger_row_9(clipping, "highlights", value), when)

    old_row = " UNION ALL SELECT old.id, old.quote, old.note"
    view_columns = (
        f"{_searched_columns('c.id', _TAGS_OF)}, "
        f"{_highlight_column('c.id', _HIGHLIGHTS_OF)} AS highlights"
    )
    _run(
        db,
        """
        CREATE TABLE highlights (
            id          INTEGER PRIMARY KEY,
            clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            quote       TEXT NOT NULL,
            note        TEXT NOT NULL DEFAULT '',
            created_at  TEXT,
            UNIQUE (clipping_id, quote)
        )
        """,
        "ALTER TABLE clippings ADD COLUMN read INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX clippings_read ON clippings(read)",
        "ALTER TABLE pending ADD COLUMN read INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE pending ADD COLUMN highlights TEXT NOT NULL DEFAULT '[]'",
        "DROP TRIGGER clippings_fts_insert",
        "DROP TRIGGER clippings_fts_listed",
        "DROP TRIGGER clippings_fts_delete",
        "DROP TRIGGER clippings_fts_update_old",
        "DROP TRIGGER clippings_fts_update_new",
        "DROP TRIGGER tags_fts_insert",
        "DROP TRIGGER tags_fts_delete",
        "DROP TRIGGER tags_fts_update",
        "DROP TABLE clippings_fts",
        "DROP VIEW clippings_indexed",
        f"CREATE VIEW clippings_indexed AS SELECT c.id AS id, {view_columns} FROM clippings AS c",
        f"""
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {columns},
            content='clippings_indexed', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
        f"""
        CREATE TRIGGER clippings_fts_insert AFTER INSERT ON clippings
        WHEN {unlisted.format("new.id")} BEGIN
            INSERT INTO {into} {indexed_row} new.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_listed AFTER DELETE ON clippings_unindexed BEGIN
            INSERT INTO {into} {indexed_row} old.id;
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_delete BEFORE DELETE ON clippings BEGIN
            INSERT INTO {delete} SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_old BEFORE UPDATE OF {watched} ON clippings BEGIN
            INSERT INTO {delete} SELECT 'delete', * FROM ({indexed_row} old.id);
        END
        """,
        f"""
        CREATE TRIGGER clippings_fts_update_new AFTER UPDATE OF {watched} ON clippings BEGIN
            INSERT INTO {into} {indexed_row} new.id;
        END
        """,
        f"""
        CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags
        WHEN {unlisted.format("new.clipping_id")} BEGIN
            {tags_before("new.clipping_id", _TAGS_OF + " AND tag != new.tag")}
        END
        """,
        f"""
        CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags
        WHEN {unlisted.format("old.clipping_id")} BEGIN
            {tags_before("old.clipping_id", _TAGS_OF + " UNION SELECT old.tag")}
        END
        """,
        f"""
        CREATE TRIGGER tags_fts_update AFTER UPDATE ON tags BEGIN
            {tags_before("old.clipping_id", f"{_TAGS_OF} AND {_NOT_NEW} UNION SELECT old.tag")}
            {tags_before("new.clipping_id", f"{_TAGS_OF} AND tag != new.tag", _MOVED)}
        END
        """,
        f"""
        CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights
        WHEN {unlisted.format("new.clipping_id")} BEGIN
            {highlights_before("new.clipping_id", _HIGHLIGHTS_OF + " AND id != new.id")}
        END
        """,
        f"""
        CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights
        WHEN {unlisted.format("old.clipping_id")} BEGIN
            {highlights_before("old.clipping_id", _HIGHLIGHTS_OF + old_row)}
        END
        """,
        # Changed in place: the old clipping had the old row and not the new one; the new
        # clipping, when another, had not the new row.
        f"""
        CREATE TRIGGER highlights_fts_update AFTER UPDATE ON highlights
        WHEN {unlisted.format("old.clipping_id")} OR {unlisted.format("new.clipping_id")} BEGIN
            {highlights_before("old.clipping_id", _HIGHLIGHTS_OF + " AND id != new.id" + old_row)}
            {highlights_before("new.clipping_id", _HIGHLIGHTS_OF + " AND id != new.id", _MOVED)}
        END
        """,
    )
    db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('rebuild')")


# -- migration 10: feeds -----------------------------------------------------------


@migration
def m010_feeds(db: sqlite3.Connection) -> None:
    """Feeds the library follows, and every entry seen in each (``clipper.feeds``).

    ``feeds`` holds what a conditional request needs (``etag``,
    ``last_modified``) and how the last reading went. ``feed_entries`` is the
    memory that makes an entry new: its id and its link in clean form, both
    indexed per feed; its ``state`` says what became of it (``new`` waiting
    to be clipped, ``clipped``, ``already`` in the library, ``skipped`` as
    older than a first update takes, ``nolink``, ``failed`` to be tried again,
    ``abandoned`` after its last try), and ``clipping_id`` links the clipping
    it became, which is how ``feed:`` and ``clipper list --feed`` find a
    feed's clippings. Removing a clipping keeps the entry (so the feed does
    not clip it again); removing a feed removes its entries, not its clippings.
    Nothing existing is changed.
    """
    _run(
        db,
        """
        CREATE TABLE feeds (
            id            INTEGER PRIMARY KEY,
            url           TEXT NOT NULL UNIQUE,
            name          TEXT NOT NULL,
            name_key      TEXT NOT NULL UNIQUE,
            title         TEXT NOT NULL DEFAULT '',
            site_url      TEXT,
            tags          TEXT NOT NULL DEFAULT '[]',
            added_at      TEXT NOT NULL,
            checked_at    TEXT,
            read_at       TEXT,
            etag          TEXT,
            last_modified TEXT,
            error         TEXT NOT NULL DEFAULT '',
            failures      INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE feed_entries (
            id          INTEGER PRIMARY KEY,
            feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            guid        TEXT,
            link        TEXT,
            title       TEXT NOT NULL DEFAULT '',
            published   TEXT,
            seen_at     TEXT NOT NULL,
            state       TEXT NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            error       TEXT NOT NULL DEFAULT '',
            clipping_id INTEGER REFERENCES clippings(id) ON DELETE SET NULL,
            text_from   TEXT
        )
        """,
        "CREATE INDEX feed_entries_guid ON feed_entries(feed_id, guid) WHERE guid IS NOT NULL",
        "CREATE INDEX feed_entries_link ON feed_entries(feed_id, link) WHERE link IS NOT NULL",
        # A feed's entries by state (those to clip), and the clippings they became.
        "CREATE INDEX feed_entries_feed ON feed_entries(feed_id, state, clipping_id)",
        """CREATE INDEX feed_entries_clipping ON feed_entries(clipping_id)
           WHERE clipping_id IS NOT NULL""",
    )


# -- migration 11: images ----------------------------------------------------------


@migration
def m011_images(db: sqlite3.Connection) -> None:
    """Pictures kept with clippings (``clipper clip --images``, ``clipper.images``).

    ``images`` holds each picture once, by the SHA-256 of its bytes (two
    clippings showing one photograph share it), with the media type its magic
    number shows, its size, and its width and height when its header gave
    them. ``clipping_images`` is what each clipping knows of its pictures, in
    the order it met them: ``url`` as the story's Markdown (or its lead image)
    names it, ``source`` where the bytes came from (a ``srcset`` candidate,
    after redirects), and either the stored image's ``sha256`` or the
    ``error`` saying why it was not stored. Removing a clipping removes its
    rows, and a trigger removes every image no row uses any more, whichever
    code path (or other tool) deleted the row. Nothing existing is changed.
    """
    unused = "NOT EXISTS (SELECT 1 FROM clipping_images WHERE sha256 = old.sha256)"
    _run(
        db,
        """
        CREATE TABLE images (
            id     INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            type   TEXT NOT NULL,
            size   INTEGER NOT NULL,
            width  INTEGER,
            height INTEGER,
            data   BLOB NOT NULL
        )
        """,
        """
        CREATE TABLE clipping_images (
            clipping_id INTEGER NOT NULL REFERENCES clippings(id) ON DELETE CASCADE,
            position    INTEGER NOT NULL,
            url         TEXT NOT NULL,
            source      TEXT,
            fetched_at  TEXT,
            sha256      TEXT REFERENCES images(sha256),
            error       TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (clipping_id, url)
        )
        """,
        "CREATE INDEX clipping_images_sha256 ON clipping_images(sha256) WHERE sha256 IS NOT NULL",
        f"""
        CREATE TRIGGER clipping_images_delete AFTER DELETE ON clipping_images
        WHEN old.sha256 IS NOT NULL AND {unused} BEGIN
            DELETE FROM images WHERE sha256 = old.sha256;
        END
        """,
        f"""
        CREATE TRIGGER clipping_images_update AFTER UPDATE OF sha256 ON clipping_images
        WHEN old.sha256 IS NOT NULL AND old.sha256 IS NOT new.sha256 AND {unused} BEGIN
            DELETE FROM images WHERE sha256 = old.sha256;
        END
        """,
    )
