"""Versions of a clipping, and word-level differences between them.

News stories are rewritten after publication, usually without a note. When an
update (a refetch, a refresh, a re-extraction) changes a clipping's title,
text or Markdown, the text it had until then is kept as an earlier *version*;
the clipping's own row always holds the newest one. Versions are numbered 1, 2,
... per clipping, oldest first; the current text is the highest number.

The storage functions here run inside the library's write transaction (they
take the open ``sqlite3.Connection`` from ``Library``), so a clipping and its
history always change together. The rest is pure: ``word_diff`` compares two
texts word by word and ``render_diff`` turns the result into a Rich ``Text``,
coloured for a terminal or marked with ``[-removed-]``/``[+added+]`` for pipes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, Literal

from clipper.article import Article
from clipper.text import strip_controls

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

#: The parts of a clipping whose change makes a new version.
VERSIONED_FIELDS = ("title", "text", "markdown")


@dataclass(frozen=True)
class Version:
    """One text a clipping has had.

    ``saved_at`` is when this text entered the library; ``replaced_at`` when a
    later text took its place (``None`` for the current version). The raw page
    it was extracted from is named by ``page_sha256`` and ``page_fetched_at``
    (``None`` when the library holds no raw page for it, e.g. after an import).
    """

    number: int
    title: str
    text: str
    markdown: str
    word_count: int
    published: str | None
    modified: str | None
    saved_at: str
    replaced_at: str | None
    page_sha256: str | None = None
    page_fetched_at: str | None = None

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None

    def to_record(self) -> dict[str, Any]:
        """The version as JSON-ready data (``history --json`` and JSONL export)."""
        return {
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "markdown": self.markdown,
            "word_count": self.word_count,
            "published": self.published,
            "modified": self.modified,
            "saved_at": self.saved_at,
            "replaced_at": self.replaced_at,
            "page_sha256": self.page_sha256,
            "page_fetched_at": self.page_fetched_at,
        }


# -- storage (called by Library inside its transactions) ---------------------


def _newest_page(db: sqlite3.Connection, clipping_id: int) -> tuple[str | None, str | None]:
    row = db.execute(
        "SELECT sha256, fetched_at FROM pages WHERE clipping_id = ? "
        "ORDER BY fetched_at DESC, id DESC LIMIT 1",
        (clipping_id,),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _last_version(db: sqlite3.Connection, clipping_id: int) -> tuple[int, str | None]:
    row = db.execute(
        "SELECT number, replaced_at FROM versions WHERE clipping_id = ? "
        "ORDER BY number DESC LIMIT 1",
        (clipping_id,),
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, None)


def text_changed(current: sqlite3.Row, article: Article) -> bool:
    """Whether storing ``article`` over the row ``current`` changes what a reader sees."""
    return any(current[name] != getattr(article, name) for name in VERSIONED_FIELDS)


def keep_previous_version(
    db: sqlite3.Connection, current: sqlite3.Row, article: Article, now: str
) -> bool:
    """Before ``current`` (a clippings row) is overwritten by ``article``, keep its text.

    Must run before the new raw page is stored, so that the newest stored page
    is the one the current text came from. Returns whether a version was kept
    (only when the title, text or Markdown actually change).
    """
    if not text_changed(current, article):
        return False
    clipping_id = int(current["id"])
    number, last_replaced = _last_version(db, clipping_id)
    sha256, fetched_at = _newest_page(db, clipping_id)
    db.execute(
        """
        INSERT INTO versions (clipping_id, number, title, text, markdown, word_count,
            published, modified, saved_at, replaced_at, page_sha256, page_fetched_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            clipping_id,
            number + 1,
            current["title"],
            current["text"],
            current["markdown"],
            current["word_count"],
            current["published"],
            current["modified"],
            last_replaced or current["clipped_at"],
            now,
            sha256,
            fetched_at,
        ),
    )
    return True


def insert_versions(db: sqlite3.Connection, clipping_id: int, versions: Iterable[Version]) -> None:
    """Store earlier versions as they are (import); numbers are kept."""
    db.executemany(
        """
        INSERT INTO versions (clipping_id, number, title, text, markdown, word_count,
            published, modified, saved_at, replaced_at, page_sha256, page_fetched_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (
                clipping_id,
                v.number,
                v.title,
                v.text,
                v.markdown,
                v.word_count,
                v.published,
                v.modified,
                v.saved_at,
                v.replaced_at or v.saved_at,
                v.page_sha256,
                v.page_fetched_at,
            )
            for v in versions
        ],
    )


def _version(row: sqlite3.Row) -> Version:
    return Version(
        number=row["number"],
        title=row["title"],
        text=row["text"],
        markdown=row["markdown"],
        word_count=row["word_count"],
        published=row["published"],
        modified=row["modified"],
        saved_at=row["saved_at"],
        replaced_at=row["replaced_at"],
        page_sha256=row["page_sha256"],
        page_fetched_at=row["page_fetched_at"],
    )


def earlier_versions(db: sqlite3.Connection, clipping_id: int) -> list[Version]:
    """The stored (replaced) versions of a clipping, oldest first."""
    rows = db.execute(
        "SELECT * FROM versions WHERE clipping_id = ? ORDER BY number", (clipping_id,)
    ).fetchall()
    return [_version(row) for row in rows]


def all_versions(db: sqlite3.Connection, current: sqlite3.Row) -> list[Version]:
    """Every version of the clipping whose row is ``current``, the current text last."""
    clipping_id = int(current["id"])
    earlier = earlier_versions(db, clipping_id)
    sha256, fetched_at = _newest_page(db, clipping_id)
    latest = Version(
        number=(earlier[-1].number if earlier else 0) + 1,
        title=current["title"],
        text=current["text"],
        markdown=current["markdown"],
        word_count=current["word_count"],
        published=current["published"],
        modified=current["modified"],
        saved_at=(earlier[-1].replaced_at or current["clipped_at"])
        if earlier
        else current["clipped_at"],
        replaced_at=None,
        page_sha256=sha256,
        page_fetched_at=fetched_at,
    )
    return [*earlier, latest]


# -- word-level difference (pure) ---------------------------------------------

Op = Literal["=", "-", "+"]
#: A word with the whitespace that follows it, so joining tokens rebuilds the text.
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    """A run of words that is unchanged (``=``), removed (``-``) or added (``+``)."""

    op: Op
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """``old`` → ``new`` as unchanged, removed and added runs of words.

    Words are compared without their surrounding whitespace, so re-wrapped
    text is not a change; unchanged runs keep the new text's spacing.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("=", "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("-", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("+", "".join(b[j1:j2])))
    return segments


@dataclass(frozen=True)
class DiffStats:
    added: int
    removed: int


def diff_stats(segments: Iterable[Segment]) -> DiffStats:
    added = removed = 0
    for segment in segments:
        words = len(segment.text.split())
        if segment.op == "+":
            added += words
        elif segment.op == "-":
            removed += words
    return DiffStats(added, removed)


def _paragraphs(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Split segments at paragraph breaks (a blank line), keeping every character."""
    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        pieces = re.split(r"(\n\s*\n\s*)", segment.text)
        for index, piece in enumerate(pieces):
            if index % 2 == 1:  # a paragraph break ends the current paragraph
                paragraphs[-1].append(Segment(segment.op, piece))
                paragraphs.append([])
            elif piece:
                paragraphs[-1].append(Segment(segment.op, piece))
    return [p for p in paragraphs if p]


MARKS: dict[Op, tuple[str, str]] = {"-": ("[-", "-]"), "+": ("[+", "+]"), "=": ("", "")}
STYLES: dict[Op, str] = {"-": "bold red strike", "+": "bold green", "=": ""}


def render_diff(segments: Sequence[Segment], *, color: bool, full: bool = False) -> Text:
    """The difference as one ``Text``: whole paragraphs, changed ones only unless ``full``.

    With ``color`` removals are red and struck through and additions green;
    without, they are wrapped in ``[-…-]`` and ``[+…+]`` so the change survives
    a pipe or a file. Everything from the page goes through ``strip_controls``.
    """
    from rich.text import Text

    out = Text()
    skipped = False
    for paragraph in _paragraphs(segments):
        if not full and all(s.op == "=" for s in paragraph):
            skipped = True
            continue
        if skipped:
            out.append("…\n\n", style="dim")
            skipped = False
        previous: Op = "="
        for segment in paragraph:
            text = strip_controls(segment.text)
            core = text.strip()
            if not core:
                out.append(text)
                continue
            lead = text[: len(text) - len(text.lstrip())]
            tail = text[len(text.rstrip()) :]
            out.append(lead)
            if segment.op != "=" and previous != "=" and not out.plain[-1:].isspace():
                out.append(" ")  # a removal right before an addition: keep them apart
            previous = segment.op
            if color:
                out.append(core, style=STYLES[segment.op])
            else:
                start, end = MARKS[segment.op]
                out.append(f"{start}{core}{end}")
            out.append(tail)
    if skipped:
        out.append("…\n", style="dim")
    out.rstrip()
    return out


def render_title_change(old: str, new: str, *, color: bool) -> Text | None:
    """A one-line word diff of two titles, or ``None`` when they are equal."""
    from clipper.text import one_line

    old, new = one_line(old), one_line(new)
    if old == new:
        return None
    line = render_diff(word_diff(old, new), color=color, full=True)
    from rich.text import Text

    return Text.assemble(("title: ", "bold"), line)


def versions_table(versions: Sequence[Version]) -> RenderableType:
    """``clipper history``: one row per version, oldest first, with its change in words."""
    from rich.table import Table
    from rich.text import Text

    from clipper.text import one_line

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("version", justify="right", style="green", no_wrap=True)
    table.add_column("saved", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    table.add_column("page fetched", style="dim", no_wrap=True)
    table.add_column("title", ratio=1, overflow="fold")
    previous: Version | None = None
    for version in versions:
        if previous is None:
            change = Text("")
        else:
            stats = diff_stats(word_diff(previous.text, version.text))
            change = Text.assemble((f"+{stats.added}", "green"), " ", (f"−{stats.removed}", "red"))
        label = f"{version.number}{' (current)' if version.is_current else ''}"
        table.add_row(
            Text(label),
            Text(version.saved_at.replace("T", " ")[:16]),
            Text(str(version.word_count)),
            change,
            Text((version.page_fetched_at or "").replace("T", " ")[:16] or "—"),
            Text(one_line(version.title) or "(untitled)"),
        )
        previous = version
    return table
