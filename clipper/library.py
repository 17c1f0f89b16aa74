"""The clippings library: one SQLite file, no server.

Everything that touches the database lives here, so the rest of clipper deals
in ``Article`` and ``Clipping`` values. sqlite3 errors are translated into
``LibraryError`` at this boundary with a message a person can act on.

Durability choices: WAL journal (readers never block the writer), a busy
timeout (several clipper processes may share one library), ``synchronous=FULL``
(a clipping reported as saved survives a power cut), and short write
transactions (one clipping at a time).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from clipper.article import Article
from clipper.clipping import Clipping, Hit
from clipper.errors import AlreadyClippedError, LibraryError, NotFoundError
from clipper.migrations import migrate
from clipper.page import Page, utc_now

if TYPE_CHECKING:
    from clipper.search import Suggestion

BUSY_TIMEOUT_SECONDS = 30.0
_TAG_SEPARATOR = "\x1f"

_COLUMNS = f"""
    c.*, (SELECT group_concat(tag, '{_TAG_SEPARATOR}')
            FROM (SELECT tag FROM tags WHERE clipping_id = c.id ORDER BY tag)) AS tag_list
"""
_SELECT = f"SELECT {_COLUMNS} FROM clippings AS c"


def normalize_tag(tag: str) -> str:
    """Tags are compared loosely: ``Russia`` and `` russia `` are one tag."""
    return " ".join(tag.split()).casefold()


def _describe(error: sqlite3.Error, path: str) -> str:
    text = str(error).lower()
    if "full" in text:
        return f"the disk holding {path} is full; free some space and try again (nothing was saved)"
    if "readonly" in text or "read-only" in text:
        return f"the library {path} is read-only; check its permissions or use --library"
    if "locked" in text or "busy" in text:
        return f"the library {path} is busy with another clipper process; try again in a moment"
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a clipper library, or it is damaged"
    if "unable to open" in text:
        return f"cannot open the library {path}; check that its folder exists and is writable"
    return f"library error ({path}): {error}"


@contextmanager
def _translated(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise LibraryError(_describe(error, path)) from error


def _not_found(clipping_id: int) -> str:
    return f"no clipping with id {clipping_id}; `clipper list` shows the ids"


def _tuple_from_json(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parsed = json.loads(value)
    return tuple(str(item) for item in parsed) if isinstance(parsed, list) else ()


def _clipping(row: sqlite3.Row) -> Clipping:
    article = Article(
        title=row["title"],
        url=row["url"],
        authors=_tuple_from_json(row["authors"]),
        published=row["published"],
        modified=row["modified"],
        site=row["site"],
        language=row["language"],
        image=row["image"],
        description=row["description"],
        text=row["text"],
        markdown=row["markdown"],
        word_count=row["word_count"],
    )
    tag_list = row["tag_list"]
    return Clipping(
        id=row["id"],
        article=article,
        clipped_at=row["clipped_at"],
        updated_at=row["updated_at"],
        tags=tuple(tag_list.split(_TAG_SEPARATOR)) if tag_list else (),
        starred=bool(row["starred"]),
        note=row["note"],
    )


class Library:
    """A clippings library backed by one SQLite file.

    Use ``Library.open(path)``; it creates the file and runs migrations. With
    ``create=False`` a missing file opens as an empty in-memory library, so that
    reading commands never leave a file behind on a fresh machine.
    """

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Library:
        location = Path(path).expanduser()
        name = str(location)
        if not create and not location.exists():
            location, name = Path(":memory:"), ":memory:"
        with _translated(name):
            if name != ":memory:":
                try:
                    location.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise LibraryError(
                        f"cannot create the folder for the library {name}: {error.strerror}"
                    ) from error
            db = sqlite3.connect(
                name, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
            )
            try:
                db.row_factory = sqlite3.Row
                db.execute("PRAGMA foreign_keys = ON")
                db.execute("PRAGMA synchronous = FULL")
                if name != ":memory:":
                    db.execute("PRAGMA journal_mode = WAL")
                migrate(db)
            except BaseException:
                db.close()
                raise
        return cls(db, name)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; taken IMMEDIATE so it never deadlocks on upgrade."""
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with _translated(self.path):
            return self._db.execute(sql, parameters).fetchall()

    # -- writing ---------------------------------------------------------------

    def add(self, article: Article, page: Page | None = None, tags: Iterable[str] = ()) -> Clipping:
        """Store ``article`` (and the raw ``page`` it came from) as a new clipping.

        Raises ``AlreadyClippedError`` when a clipping with the same URL exists;
        the check runs under the write lock, so two processes clipping the same
        story at once still store it once.
        """
        now = utc_now().isoformat()
        with self._transaction() as db:
            if article.url is not None:
                row = db.execute(
                    "SELECT id FROM clippings WHERE url = ?", (article.url,)
                ).fetchone()
                if row is not None:
                    raise AlreadyClippedError(
                        f"{article.url} is already in the library (id {row[0]})",
                        clipping_id=row[0],
                    )
            cursor = db.execute(
                """
                INSERT INTO clippings (url, title, authors, published, modified, site,
                    language, image, description, text, markdown, word_count,
                    clipped_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    article.url,
                    article.title,
                    json.dumps(list(article.authors), ensure_ascii=False),
                    article.published,
                    article.modified,
                    article.site,
                    article.language,
                    article.image,
                    article.description,
                    article.text,
                    article.markdown,
                    article.word_count,
                    now,
                    now,
                ),
            )
            clipping_id = int(cursor.lastrowid or 0)
            self._insert_tags(db, clipping_id, tags)
            if page is not None:
                self._insert_page(db, clipping_id, page)
        return self.get(clipping_id)

    def update(self, clipping_id: int, article: Article, page: Page | None = None) -> Clipping:
        """Replace a clipping's extracted fields with ``article``'s.

        Used when a story is re-extracted or fetched again. What the user added
        (tags, note, star) and the clipping's URL, its identity, stay as they
        are; ``page``, when given, is kept beside the earlier raw pages.
        """
        with self._transaction() as db:
            self._require(db, clipping_id)
            db.execute(
                """
                UPDATE clippings SET title = ?, authors = ?, published = ?, modified = ?,
                    site = ?, language = ?, image = ?, description = ?, text = ?,
                    markdown = ?, word_count = ?, updated_at = ?
                WHERE id = ?
                """,
                (
                    article.title,
                    json.dumps(list(article.authors), ensure_ascii=False),
                    article.published,
                    article.modified,
                    article.site,
                    article.language,
                    article.image,
                    article.description,
                    article.text,
                    article.markdown,
                    article.word_count,
                    utc_now().isoformat(),
                    clipping_id,
                ),
            )
            if page is not None:
                self._insert_page(db, clipping_id, page)
        return self.get(clipping_id)

    def add_tags(self, clipping_id: int, tags: Iterable[str]) -> Clipping:
        """Add ``tags`` to a clipping (tags it already has are left alone)."""
        tags = list(tags)
        if tags:
            with self._transaction() as db:
                self._require(db, clipping_id)
                self._insert_tags(db, clipping_id, tags)
        return self.get(clipping_id)

    @staticmethod
    def _require(db: sqlite3.Connection, clipping_id: int) -> None:
        if db.execute("SELECT 1 FROM clippings WHERE id = ?", (clipping_id,)).fetchone() is None:
            raise NotFoundError(_not_found(clipping_id))

    @staticmethod
    def _insert_tags(db: sqlite3.Connection, clipping_id: int, tags: Iterable[str]) -> None:
        names = {normalize_tag(tag) for tag in tags} - {""}
        db.executemany(
            "INSERT OR IGNORE INTO tags (clipping_id, tag) VALUES (?, ?)",
            [(clipping_id, name) for name in sorted(names)],
        )

    @staticmethod
    def _insert_page(db: sqlite3.Connection, clipping_id: int, page: Page) -> None:
        db.execute(
            """
            INSERT INTO pages (clipping_id, source, url, status, headers, redirects,
                fetched_at, sha256, html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                clipping_id,
                page.source,
                page.url,
                page.status,
                json.dumps(page.kept_headers(), ensure_ascii=False),
                json.dumps(list(page.redirects), ensure_ascii=False),
                page.fetched_at.isoformat(),
                hashlib.sha256(page.content).hexdigest(),
                zlib.compress(page.content, 6),
            ),
        )

    # -- reading ---------------------------------------------------------------

    def get(self, clipping_id: int) -> Clipping:
        rows = self._query(_SELECT + " WHERE c.id = ?", (clipping_id,))
        if not rows:
            raise NotFoundError(_not_found(clipping_id))
        return _clipping(rows[0])

    def find_by_url(self, url: str) -> Clipping | None:
        """The clipping stored under ``url`` (a canonical URL), if any."""
        rows = self._query(_SELECT + " WHERE c.url = ?", (url,))
        return _clipping(rows[0]) if rows else None

    def clippings(self, *, limit: int | None = None, offset: int = 0) -> list[Clipping]:
        """Clippings, newest first."""
        rows = self._query(
            _SELECT + " ORDER BY c.clipped_at DESC, c.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [_clipping(row) for row in rows]

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM clippings")[0][0])

    def raw_pages(self, clipping_id: int) -> list[Page]:
        """Every raw page stored for a clipping, oldest first."""
        rows = self._query("SELECT * FROM pages WHERE clipping_id = ? ORDER BY id", (clipping_id,))
        return [
            Page(
                content=zlib.decompress(row["html"]),
                source=row["source"],
                url=row["url"],
                status=row["status"],
                headers=json.loads(row["headers"]),
                redirects=tuple(json.loads(row["redirects"])),
                fetched_at=datetime.fromisoformat(row["fetched_at"]),
            )
            for row in rows
        ]

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = "relevance",
    ) -> list[Hit]:
        """Clippings matching ``query`` (the language of ``clipper.query``), best first.

        ``limit=None`` returns every match; ``sort="date"`` orders them newest
        first. Raises ``QueryError`` for a query that cannot be understood.
        """
        from clipper import search
        from clipper.query import parse

        parsed = parse(query)
        with _translated(self.path):
            return search.run(self._db, parsed, limit=limit, offset=offset, sort=sort)

    def suggest(self, query: str) -> list[Suggestion]:
        """Queries near ``query`` that find something, for when it finds nothing."""
        from clipper import search
        from clipper.query import parse

        parsed = parse(query)
        with _translated(self.path):
            return search.suggest(self._db, parsed)
