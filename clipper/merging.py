"""Writing imports into the library (called by ``Library`` inside its transaction).

Part of the library layer: the readers in ``clipper.importers`` build the
values (``clipper.imported``), ``Library`` stores them through these rules.

Merge rules, so that importing never loses what is stored and never duplicates:

- A clipping is the same as a stored one when it has the same URL (its
  canonical URL), unless that URL's page is shown to be another: another
  story (``clipper.dedup``) whose raw pages were fetched from other
  addresses than the stored clipping's, or a clipping this same import
  added (a file's records are clippings their library kept apart, as it
  keeps apart stories of a site whose template gives every page one
  canonical URL). The same story, or the same id, is preferred among several.
  One without a URL (clipped from stdin without ``--url``) is the same only
  as the stored clipping with its id, title, text and clipping time: two
  identical URL-less clippings stay two.
- A new clipping keeps its id when that id is free here; otherwise it gets the
  next free id (``renumbered``). Into an empty library every id is kept, which
  is what makes export → import → export byte-identical.
  A URL-less record without an id (a text saved in another tool) is the same
  as a stored URL-less clipping with its title, text and clipping time, so
  importing the same export twice adds nothing the second time.
- Merging into a stored clipping keeps the stored text, history and metadata;
  the import adds its tags, its star (a star is never removed), its read state
  (an import may mark a clipping read, never unread), its note (set when the
  stored note is empty, else appended when not already there), its highlights,
  any raw page the stored clipping does not have yet (by sha256) and any
  picture it has not stored (``clipper.images.store.keep``).
- Highlights are one per passage of a clipping: a quote that reads like a
  stored one (case, spacing and quotation marks aside) is not added again,
  and the stored note is kept; an imported note fills only an empty one
  (``clipper highlight`` with ``--note`` replaces it).
- A pending link whose URL is already clipped gives that clipping its tags,
  star, note, read state and highlights; one already pending gets the new
  tags and highlights, and keeps its title and the older date. A clipping
  imported for a URL that was pending absorbs the pending link the same way,
  and the link leaves the pending list.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Collection, Iterable
from typing import Literal

from clipper.clipping import Highlight
from clipper.dedup import clipping_at, fetched_elsewhere, same_story_at
from clipper.highlights import folded
from clipper.history import insert_versions
from clipper.images.store import keep as keep_images
from clipper.imported import (
    ArchivedPage,
    ImportItem,
    ImportOutcome,
    Link,
    PendingLink,
    PendingOutcome,
)
from clipper.library import (
    ARTICLE_COLUMNS,
    INSERT_PAGE,
    NEXT_ID,
    RETIRED_UP_TO,
    article_values,
    index_forms,
    indexed_once,
    normalize_tag,
)
from clipper.page import utc_now


def _tags(tags: tuple[str, ...] | list[str]) -> list[str]:
    return sorted({normalize_tag(tag) for tag in tags} - {""})


def _insert_tags(db: sqlite3.Connection, clipping_id: int, tags: tuple[str, ...]) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO tags (clipping_id, tag) VALUES (?, ?)",
        [(clipping_id, tag) for tag in _tags(tags)],
    )


def _insert_pages(
    db: sqlite3.Connection, clipping_id: int, pages: tuple[ArchivedPage, ...], *, merge: bool
) -> None:
    """Store raw pages; when merging, only those the clipping does not have yet."""
    rows = db.execute("SELECT sha256 FROM pages WHERE clipping_id = ?", (clipping_id,))
    stored = {row[0] for row in rows} if merge else set()
    for page in pages:
        if page.sha256 in stored:
            continue
        if merge:
            stored.add(page.sha256)
        db.execute(
            INSERT_PAGE,
            (
                clipping_id,
                page.source,
                page.url,
                page.status,
                json.dumps(page.headers, ensure_ascii=False),
                json.dumps(list(page.redirects), ensure_ascii=False),
                page.fetched_at,
                page.sha256,
                zlib.compress(page.content, 6),
            ),
        )


def _existing(
    db: sqlite3.Connection, item: ImportItem, clipped_at: str, fresh: Collection[int]
) -> int | None:
    """The stored clipping ``item`` merges into, if any (the rules in the module docstring)."""
    a = item.article
    if a.url is not None:
        row = db.execute(
            "SELECT id FROM clippings WHERE id = ? AND url = ?", (item.id, a.url)
        ).fetchone()
        if row is not None and row[0] not in fresh:
            return int(row[0])
        same, others = same_story_at(db, a, a.url, exclude=fresh)
        if same is not None:
            return same
        addresses = [address for page in item.pages for address in (page.source, page.url)]
        for other in others:  # another story under that URL: merged unless shown apart
            if not fetched_elsewhere(db, other, addresses):
                return other
        return None
    same_id = "id = ?" if item.id is not None else "id NOT IN (SELECT value FROM json_each(?))"
    row = db.execute(
        f"SELECT id FROM clippings WHERE {same_id} AND url IS NULL AND title = ? AND text = ? "
        "AND clipped_at = ? ORDER BY id LIMIT 1",
        (
            item.id if item.id is not None else json.dumps(sorted(fresh)),
            a.title,
            a.text,
            clipped_at,
        ),
    ).fetchone()
    return int(row[0]) if row else None


def _merge_user_data(
    db: sqlite3.Connection,
    clipping_id: int,
    tags: tuple[str, ...],
    starred: bool,
    note: str,
    read: bool = False,
    highlights: Iterable[Highlight] = (),
) -> None:
    _insert_tags(db, clipping_id, tags)
    if starred:
        db.execute("UPDATE clippings SET starred = 1 WHERE id = ? AND NOT starred", (clipping_id,))
    if read:
        db.execute("UPDATE clippings SET read = 1 WHERE id = ? AND NOT read", (clipping_id,))
    store_highlights(db, clipping_id, highlights)
    if note.strip():
        (stored,) = db.execute("SELECT note FROM clippings WHERE id = ?", (clipping_id,)).fetchone()
        if not stored.strip():
            db.execute("UPDATE clippings SET note = ? WHERE id = ?", (note, clipping_id))
        elif note.strip() not in stored:
            db.execute(
                "UPDATE clippings SET note = ? WHERE id = ?",
                (stored.rstrip() + "\n\n" + note.strip(), clipping_id),
            )


def _insert(db: sqlite3.Connection, item: ImportItem, clipped_at: str) -> tuple[int, bool]:
    """Insert an imported clipping; return its id and whether it had to be renumbered.

    A record keeps its id when that id is free and above every id this library
    ever removed (removed ids are never given out again); otherwise it gets the
    library's next id. A fresh library has removed nothing, so an export
    imported into one keeps every id.
    """
    wanted = item.id
    keep = (
        wanted is not None
        and wanted > db.execute(f"SELECT {RETIRED_UP_TO}").fetchone()[0]
        and db.execute("SELECT 1 FROM clippings WHERE id = ?", (wanted,)).fetchone() is None
    )
    columns = ", ".join(ARTICLE_COLUMNS)
    marks = ", ".join("?" * len(ARTICLE_COLUMNS))
    if keep and wanted is not None:
        clipping_id = wanted
    else:
        clipping_id = int(db.execute(f"SELECT {NEXT_ID}").fetchone()[0])
    values = article_values(item.article)
    with indexed_once(db, clipping_id), index_forms(db, clipping_id, values):
        db.execute(
            f"INSERT INTO clippings (id, url, {columns}, clipped_at, updated_at, starred, note,"
            f" read) VALUES (?, ?, {marks}, ?, ?, ?, ?, ?)",
            (
                clipping_id,
                item.article.url,
                *values,
                clipped_at,
                item.updated_at or clipped_at,
                int(item.starred),
                item.note,
                int(item.read),
            ),
        )
        _insert_tags(db, clipping_id, item.tags)
        store_highlights(db, clipping_id, item.highlights)
    _insert_pages(db, clipping_id, item.pages, merge=False)
    insert_versions(db, clipping_id, item.versions)
    keep_images(db, clipping_id, item.images)
    return clipping_id, wanted is not None and not keep


def _absorb_pending(db: sqlite3.Connection, clipping_id: int, url: str) -> None:
    """A pending link for a URL that is now clipped gives the clipping what it knew."""
    row = db.execute("SELECT * FROM pending WHERE url = ?", (url,)).fetchone()
    if row is not None:
        absorb_pending(db, int(row["id"]), clipping_id, new=False)


def absorb_pending(db: sqlite3.Connection, pending_id: int, clipping_id: int, *, new: bool) -> None:
    """The pending link ``pending_id``, just clipped as ``clipping_id``, gives the clipping
    what it knew (tags, star, note, read state, highlights) and leaves the pending list.

    A ``new`` clipping is dated when the link was saved, and takes the link's title
    when the page gave none: what the link kept until it was clipped.
    """
    row = db.execute("SELECT * FROM pending WHERE id = ?", (pending_id,)).fetchone()
    if row is None:
        return
    link = _pending_link(row).link
    _merge_user_data(
        db, clipping_id, link.tags, link.starred, link.note, link.read, link.highlights
    )
    if new and link.saved_at:
        db.execute("UPDATE clippings SET clipped_at = ? WHERE id = ?", (link.saved_at, clipping_id))
    if new and link.title.strip():
        db.execute(
            "UPDATE clippings SET title = ? WHERE id = ? AND trim(title) = ''",
            (link.title, clipping_id),
        )
    db.execute("DELETE FROM pending WHERE id = ?", (pending_id,))


def store_item(db: sqlite3.Connection, item: ImportItem, fresh: set[int]) -> ImportOutcome:
    """Add ``item`` as a new clipping or merge it into the stored one (module docstring).

    ``fresh`` holds the ids this import added so far, never merged into; an
    added clipping's id joins it.
    """
    clipped_at = item.clipped_at or utc_now().isoformat()
    db.execute("SAVEPOINT import_item")
    try:
        existing = _existing(db, item, clipped_at, fresh)
        if existing is not None:
            _merge_user_data(
                db, existing, item.tags, item.starred, item.note, item.read, item.highlights
            )
            _insert_pages(db, existing, item.pages, merge=True)
            keep_images(db, existing, item.images)
            outcome = ImportOutcome("merged", existing, where=item.where)
        else:
            clipping_id, renumbered = _insert(db, item, clipped_at)
            fresh.add(clipping_id)
            outcome = ImportOutcome("added", clipping_id, renumbered, where=item.where)
        if item.article.url is not None:
            _absorb_pending(db, int(outcome.clipping_id or 0), item.article.url)
    except sqlite3.IntegrityError as error:
        db.execute("ROLLBACK TO import_item")
        db.execute("RELEASE import_item")
        message = f"the library refused it ({error})"
        return ImportOutcome("failed", message=message, where=item.where)
    db.execute("RELEASE import_item")
    return outcome


def store_link(db: sqlite3.Connection, link: Link) -> PendingOutcome:
    """Keep ``link`` as pending, unless it is already clipped or pending (then merge).

    Already clipped: known at that address without fetching it (``clipper.dedup``).
    """
    clipped = clipping_at(db, link.url)
    if clipped is not None:
        _merge_user_data(
            db, clipped, link.tags, link.starred, link.note, link.read, link.highlights
        )
        return PendingOutcome("already clipped", clipped)
    row = db.execute("SELECT * FROM pending WHERE url = ?", (link.url,)).fetchone()
    if row is not None:
        stored = _pending_link(row).link
        tags = _tags([*stored.tags, *link.tags])
        dates = [d for d in (stored.saved_at, link.saved_at) if d]
        highlights = _merged_highlights(stored.highlights, link.highlights)
        changed = (
            tags != list(stored.tags)
            or (not stored.title and link.title)
            or (not stored.note and link.note)
            or (link.starred and not stored.starred)
            or (link.read and not stored.read)
            or min(dates) != stored.saved_at
            or highlights != stored.highlights
        )
        if changed:  # an import of the same file again writes nothing
            db.execute(
                "UPDATE pending SET tags = ?, title = ?, note = ?, starred = ?, saved_at = ?, "
                "read = ?, highlights = ? WHERE id = ?",
                (
                    json.dumps(tags, ensure_ascii=False),
                    stored.title or link.title,
                    stored.note or link.note,
                    int(stored.starred or link.starred),
                    min(dates),
                    int(stored.read or link.read),
                    _highlights_json(highlights),
                    row["id"],
                ),
            )
        return PendingOutcome("already pending", int(row["id"]))
    cursor = db.execute(
        "INSERT INTO pending (url, title, tags, note, starred, saved_at, origin, read, highlights) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            link.url,
            link.title,
            json.dumps(_tags(link.tags), ensure_ascii=False),
            link.note,
            int(link.starred),
            link.saved_at or utc_now().isoformat(),
            link.origin,
            int(link.read),
            _highlights_json(_merged_highlights((), link.highlights)),
        ),
    )
    return PendingOutcome("pending", int(cursor.lastrowid or 0))


def _pending_link(row: sqlite3.Row) -> PendingLink:
    return PendingLink(
        id=row["id"],
        link=Link(
            url=row["url"],
            title=row["title"],
            tags=tuple(json.loads(row["tags"])),
            note=row["note"],
            starred=bool(row["starred"]),
            saved_at=row["saved_at"],
            origin=row["origin"],
            read=bool(row["read"]),
            highlights=tuple(
                Highlight(h["quote"], h.get("note") or "", h.get("created_at"))
                for h in json.loads(row["highlights"])
            ),
        ),
        attempts=row["attempts"],
        error=row["error"],
    )


def pending_links(db: sqlite3.Connection, ids: Collection[int] | None = None) -> list[PendingLink]:
    """Links waiting to be clipped, oldest first (only those in ``ids``, when given)."""
    rows = db.execute("SELECT * FROM pending ORDER BY saved_at, id").fetchall()
    return [_pending_link(row) for row in rows if ids is None or row["id"] in ids]


# -- highlights ------------------------------------------------------------------------


def clean_quote(quote: str) -> str:
    """A quote as stored: lines ending in ``\\n``, without NULs or the blank space around it."""
    return quote.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _merged_highlights(
    stored: Iterable[Highlight], new: Iterable[Highlight]
) -> tuple[Highlight, ...]:
    """``stored`` and the quotes of ``new`` it lacks (an empty note filled), in order."""
    kept: dict[str, Highlight] = {folded(h.quote)[0]: h for h in stored}
    for highlight in new:
        quote = clean_quote(highlight.quote)
        if not quote:
            continue
        key = folded(quote)[0]
        old = kept.get(key)
        if old is None:
            kept[key] = Highlight(quote, highlight.note.strip(), highlight.created_at)
        elif not old.note and highlight.note.strip():
            kept[key] = Highlight(old.quote, highlight.note.strip(), old.created_at)
    return tuple(kept.values())


def _highlights_json(highlights: Iterable[Highlight]) -> str:
    return json.dumps([h.to_record() for h in highlights], ensure_ascii=False)


Stored = Literal["added", "updated", "unchanged"]


def store_highlights(
    db: sqlite3.Connection,
    clipping_id: int,
    highlights: Iterable[Highlight],
    *,
    replace_notes: bool = False,
) -> Stored:
    """Keep ``highlights`` on a clipping (the rules in the module docstring).

    A quote is the same as a stored one when they read alike (``highlights.folded``:
    case, spacing and quotation marks aside). ``replace_notes``: a highlight's
    non-empty note replaces the stored one (a person marking the passage again);
    otherwise it only fills an empty one. Says whether anything was added, else
    whether a note changed.
    """
    result: Stored = "unchanged"
    stored: dict[str, tuple[int, str]] | None = None
    for highlight in highlights:
        quote = clean_quote(highlight.quote)
        if not quote:
            continue
        if stored is None:  # read once, and only for a clipping given highlights
            rows = db.execute(
                "SELECT id, quote, note FROM highlights WHERE clipping_id = ?", (clipping_id,)
            )
            stored = {folded(row[1])[0]: (row[0], row[2]) for row in rows}
        note = highlight.note.strip()
        key = folded(quote)[0]
        found = stored.get(key)
        if found is None:
            cursor = db.execute(
                "INSERT INTO highlights (clipping_id, quote, note, created_at) VALUES (?, ?, ?, ?)",
                (clipping_id, quote, note, highlight.created_at),
            )
            stored[key] = (int(cursor.lastrowid or 0), note)
            result = "added"
        elif note and note != found[1] and (replace_notes or not found[1]):
            db.execute("UPDATE highlights SET note = ? WHERE id = ?", (note, found[0]))
            stored[key] = (found[0], note)
            if result == "unchanged":
                result = "updated"
    return result
