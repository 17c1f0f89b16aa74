"""clipper's own JSON lines (``clipper export --format jsonl``) back into clippings.

Each line is read on its own: a line that is not a JSON object, or whose
fields have the wrong types, becomes a ``Problem`` naming its line number and
nothing of it is imported; the other lines are unaffected. Extra keys (such as
``snippet`` and ``score`` in ``clipper search --json`` output) are ignored, so
any clipper record stream can be imported.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from clipper.article import Article
from clipper.clipping import Highlight
from clipper.history import Version
from clipper.images.model import ImageData, ImageOutcome
from clipper.importers.model import ArchivedPage, ImportItem, Parsed, Problem


class BadRecord(ValueError):
    """A field has the wrong type or value; the message names it."""


def _get(record: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    value = record.get(key)
    if value is None:
        return default
    # bool is an int in Python; a count or an id given as true/false is a mistake.
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise BadRecord(f"{key!r} must be {_describe(kind)}, not {type(value).__name__}")
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value < 2**63:
        raise BadRecord(f"{key!r} is out of range: {value}")
    return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _describe(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "a number",
        bool: "true or false",
        list: "a list",
        dict: "an object",
    }
    return " or ".join(names.get(k, k.__name__) for k in _kinds(kind))


def _text(record: dict[str, Any], key: str) -> str | None:
    value: str | None = _get(record, key, str, None)
    return value


def _strings(record: dict[str, Any], key: str) -> tuple[str, ...]:
    values = _get(record, key, list, [])
    if not all(isinstance(v, str) for v in values):
        raise BadRecord(f"{key!r} must be a list of strings")
    return tuple(values)


def _date(record: dict[str, Any], key: str) -> str | None:
    value = _text(record, key)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise BadRecord(f"{key!r} is not an ISO 8601 date: {value[:40]!r}") from None
    return value


def _page(record: Any, index: int) -> ArchivedPage:
    if not isinstance(record, dict):
        raise BadRecord(f"pages[{index}] must be an object")
    try:
        content = base64.b64decode(_get(record, "content_base64", str, ""), validate=True)
    except (binascii.Error, ValueError):
        raise BadRecord(f"pages[{index}].content_base64 is not valid base64") from None
    headers = _get(record, "headers", dict, {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise BadRecord(f"pages[{index}].headers must map strings to strings")
    fetched_at = _date(record, "fetched_at")
    if fetched_at is None:
        raise BadRecord(f"pages[{index}].fetched_at is missing")
    page = ArchivedPage(
        content=content,
        source=_get(record, "source", str, ""),
        url=_text(record, "url"),
        status=_get(record, "status", int, None),
        headers=headers,
        redirects=_strings(record, "redirects"),
        fetched_at=fetched_at,
    )
    declared = record.get("sha256")
    if declared is not None and declared != page.sha256:
        raise BadRecord(f"pages[{index}] does not match its sha256 (the content is damaged)")
    return page


def _image(record: Any, index: int) -> ImageOutcome:
    """A picture record of ``clipper export --with-images``: its bytes are checked against
    its sha256 and must be the image its type says (by magic number)."""
    from clipper.images.formats import sniff

    where = f"images[{index}]"
    if not isinstance(record, dict):
        raise BadRecord(f"{where} must be an object")
    key = _get(record, "url", str, "")
    if not key:
        raise BadRecord(f"{where}.url is missing")
    encoded = _get(record, "content_base64", str, None)
    image = None
    if encoded is not None:
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise BadRecord(f"{where}.content_base64 is not valid base64") from None
        kind = sniff(content)
        declared = _get(record, "type", str, None)
        if kind is None or (declared is not None and declared != kind.media_type):
            raise BadRecord(f"{where} is not the image its type says ({declared})")
        image = ImageData(
            content, kind.media_type, _get(record, "width", int, None),
            _get(record, "height", int, None),
        )  # fmt: skip
        sha256 = record.get("sha256")
        if sha256 is not None and sha256 != image.sha256:
            raise BadRecord(f"{where} does not match its sha256 (the content is damaged)")
    return ImageOutcome(
        key,
        image,
        _get(record, "error", str, "") or "",
        _text(record, "source"),
        _date(record, "fetched_at"),
    )


def _version(record: Any, index: int) -> Version:
    if not isinstance(record, dict):
        raise BadRecord(f"versions[{index}] must be an object")
    saved_at = _date(record, "saved_at")
    number = _get(record, "number", int, index + 1)
    if saved_at is None:
        raise BadRecord(f"versions[{index}].saved_at is missing")
    return Version(
        number=number,
        title=_get(record, "title", str, ""),
        text=_get(record, "text", str, ""),
        markdown=_get(record, "markdown", str, ""),
        word_count=_get(record, "word_count", int, 0),
        published=_text(record, "published"),
        modified=_text(record, "modified"),
        saved_at=saved_at,
        replaced_at=_date(record, "replaced_at"),
        page_sha256=_text(record, "page_sha256"),
        page_fetched_at=_text(record, "page_fetched_at"),
    )


def _highlight(record: Any, index: int) -> Highlight:
    if not isinstance(record, dict):
        raise BadRecord(f"highlights[{index}] must be an object")
    quote = _get(record, "quote", str, "")
    if not quote.strip():
        raise BadRecord(f"highlights[{index}].quote is missing")
    return Highlight(
        quote=quote,
        note=_get(record, "note", str, ""),
        created_at=_date(record, "created_at"),
    )


def record_to_item(record: Any, where: str = "") -> ImportItem:
    """One exported record as an ``ImportItem``; ``BadRecord`` says what is wrong."""
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}")
    authors = _strings(record, "authors")
    if not authors and isinstance(record.get("author"), str) and record["author"]:
        authors = (record["author"],)
    text = _get(record, "text", str, "")
    word_count = _get(record, "word_count", int, -1)
    article = Article(
        title=_get(record, "title", str, ""),
        url=_text(record, "url"),
        authors=authors,
        published=_text(record, "published"),
        modified=_text(record, "modified"),
        site=_text(record, "site"),
        language=_text(record, "language"),
        image=_text(record, "image"),
        description=_text(record, "description"),
        text=text,
        markdown=_get(record, "markdown", str, ""),
        word_count=word_count if word_count >= 0 else -1,
    )
    # A clipper record always has clipped_at; anything else needs some content.
    if not (article.url or article.text or article.title or "clipped_at" in record):
        raise BadRecord("the record has no url, title or text: nothing to import")
    clipping_id = _get(record, "id", int, None)
    versions = tuple(_version(v, i) for i, v in enumerate(_get(record, "versions", list, [])))
    numbers = [v.number for v in versions]
    if len(set(numbers)) != len(numbers):
        raise BadRecord("two versions have the same number")
    return ImportItem(
        article=article,
        clipped_at=_date(record, "clipped_at"),
        updated_at=_date(record, "updated_at"),
        tags=_strings(record, "tags"),
        starred=_get(record, "starred", bool, False),
        note=_get(record, "note", str, ""),
        id=clipping_id,
        pages=tuple(_page(p, i) for i, p in enumerate(_get(record, "pages", list, []))),
        versions=versions,
        where=where,
        read=_get(record, "read", bool, False),
        highlights=tuple(
            _highlight(h, i) for i, h in enumerate(_get(record, "highlights", list, []))
        ),
        images=tuple(_image(m, i) for i, m in enumerate(_get(record, "images", list, []))),
    )


def read_jsonl(lines: Iterable[bytes]) -> Iterator[Parsed]:
    """Items and problems, one per non-blank line, in file order."""
    for number, raw in enumerate(lines, start=1):
        where = f"line {number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            yield record_to_item(json.loads(line), where)
        except UnicodeDecodeError:
            yield Problem(where, "not valid UTF-8; the line was skipped")
        except json.JSONDecodeError as error:
            yield Problem(where, f"not valid JSON ({error.msg}, column {error.colno})")
        except RecursionError:
            yield Problem(where, "not a record: nested too deeply")
        except BadRecord as error:
            yield Problem(where, str(error))
