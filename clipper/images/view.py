"""``clipper images ID``: a clipping's pictures, stored or why not, as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clipper.images.refs import story_references

if TYPE_CHECKING:
    from rich.table import Table

    from clipper.clipping import Clipping
    from clipper.images.model import StoredReference

#: Longest URL shown in the table (a ``data:`` URL can be megabytes).
_SHOWN_URL = 120
NOT_FETCHED = "not fetched (clipper reextract ID --images fetches it)"


@dataclass(frozen=True)
class Picture:
    """One picture of a clipping as listed: the story's (or its lead image), or one an
    earlier version of the story showed, with its record when the library has one."""

    key: str
    lead: bool
    in_story: bool
    record: StoredReference | None

    @property
    def status(self) -> str:
        if self.record is None:
            return "not fetched"
        return "stored" if self.record.stored else "not stored"

    @property
    def reason(self) -> str | None:
        if self.record is None:
            return NOT_FETCHED
        return None if self.record.stored else self.record.error or "unknown"


def pictures(clipping: Clipping, records: Sequence[StoredReference]) -> list[Picture]:
    """The story's pictures in its order (the lead image first when the story does not
    show it), then those only an earlier version showed."""
    by_key = {record.key: record for record in records}
    article = clipping.article
    shown = {ref.key for ref in story_references(article.markdown)}
    listed = [
        Picture(ref.key, ref.lead, ref.key in shown, by_key.pop(ref.key, None))
        for ref in story_references(article.markdown, article.image)
    ]
    listed += [Picture(record.key, False, False, record) for record in by_key.values()]
    return listed


def picture_record(clipping_id: int, number: int, picture: Picture) -> dict[str, Any]:
    """The JSON object ``clipper images ID --json`` prints for one picture."""
    record = picture.record
    stored = record is not None and record.stored
    return {
        "id": clipping_id,
        "number": number,
        "url": picture.key,
        "lead": picture.lead,
        "in_story": picture.in_story,
        "status": picture.status,
        "reason": picture.reason,
        "type": record.media_type if stored and record else None,
        "size": record.size if stored and record else None,
        "width": record.width if stored and record else None,
        "height": record.height if stored and record else None,
        "sha256": record.sha256 if record else None,
        "source": record.source if record else None,
        "fetched_at": record.fetched_at if record else None,
    }


def pictures_table(listed: Sequence[Picture]) -> Table:
    """One row per picture: number, what became of it, type, size, pixels, and the URL
    with, under it, why the picture is not stored."""
    from rich.table import Table
    from rich.text import Text

    from clipper.text import one_line, size_text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name in ("#", "status", "type", "size", "pixels", "url"):
        table.add_column(name, overflow="fold", no_wrap=name in ("#", "size", "pixels"))
    for number, picture in enumerate(listed, start=1):
        record = picture.record
        stored = record is not None and record.stored
        status = Text(picture.status, style="green" if stored else "yellow")
        pixels = ""
        if stored and record and record.width and record.height:
            pixels = f"{record.width}×{record.height}"
        url = one_line(picture.key)
        if len(url) > _SHOWN_URL:
            url = url[: _SHOWN_URL - 1] + "…"
        notes = [note for note, on in (("lead", picture.lead), ("earlier version",
                 not picture.in_story and not picture.lead)) if on]  # fmt: skip
        shown = Text(url, style="cyan")
        if notes:
            shown.append(f" ({', '.join(notes)})", style="dim")
        if picture.reason and record is not None:  # "not fetched" says it all; the summary says how
            shown.append("\n" + one_line(picture.reason), style="yellow")
        table.add_row(
            Text(str(number)),
            status,
            Text(record.media_type or "" if stored and record else ""),
            Text(size_text(record.size) if stored and record and record.size is not None else ""),
            Text(pixels),
            shown,
        )
    return table
