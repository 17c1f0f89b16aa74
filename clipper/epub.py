"""Clippings as one EPUB 3 book (``clipper export --format epub``), for e-readers.

The book: a title page, a table of contents (the navigation document, also in
the reading order), then one chapter per clipping: its title, a line with its
site, author and date, its source link, and the story with its stored
pictures. Written with the standard library (``zipfile`` and text) because an
EPUB needs little: what EPUB 3.3 requires of it, and how it is met here,
each rule tested in ``tests/test_epub.py``:

- **Container** (OCF): the ``mimetype`` file first, stored (not compressed),
  without an extra field, holding exactly ``application/epub+zip``; only
  stored and Deflate entries; ``META-INF/container.xml`` naming the package
  document with the media type ``application/oebps-package+xml``; file names
  plain ASCII.
- **Package document**: ``version="3.0"``, a ``unique-identifier`` naming the
  ``dc:identifier``; ``dc:title``, ``dc:language`` and exactly one
  ``dcterms:modified`` (``CCYY-MM-DDThh:mm:ssZ``), with ``dc:date``; a
  manifest listing every file of the book (all but ``mimetype``,
  ``META-INF/`` and the package document itself) and nothing else, each once,
  with its media type; exactly one item with the ``nav`` property; a spine of
  XHTML documents only.
- **Content**: every document well-formed XML (XHTML namespace, UTF-8, no
  characters XML forbids), with a ``title``; no ``script``, no remote
  resources (pictures not stored are shown as ``[image: alt]``), no links
  into the book that lead nowhere (only web and mail links are kept); only
  core media types (JPEG, PNG, GIF, WebP): AVIF, which readers need not show,
  and SVG, which clipper never hands to a renderer, are shown as text.
- **Navigation**: one ``nav`` with ``epub:type="toc"`` holding one ``ol``,
  each ``li`` one ``a`` with a non-empty label, pointing at a document in the
  spine, in spine order.

Everything in the book comes from the clippings: the same selection exported
twice gives the same bytes (dates and the identifier are derived from the
clippings, not from the clock).
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from clipper.images.refs import reference_key, rewrite, story_references
from clipper.text import strip_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from clipper.clipping import Clipping
    from clipper.images.model import StoredReference

MIMETYPE = b"application/epub+zip"
PACKAGE = "EPUB/package.opf"
#: Pictures a book embeds: EPUB 3.3's core image types, less SVG (never rendered by clipper).
EMBEDDED = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_XHTML = "http://www.w3.org/1999/xhtml"
_STYLE = """body { line-height: 1.45; }
h1 { font-size: 1.4em; margin-bottom: 0.3em; }
p.byline, p.source, p.meta { font-size: 0.85em; margin: 0.2em 0; }
p.source a { word-break: break-all; }
img { max-width: 100%; height: auto; }
nav ol { list-style: none; padding-left: 0; }
nav li { margin: 0.4em 0; }
span.meta { font-size: 0.85em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
"""

Pictures = Callable[[Sequence[int]], dict[int, list["StoredReference"]]]
ImageBytes = Callable[[str], "bytes | None"]


def xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 forbids removed (controls, lone surrogates)."""
    return _XML_FORBIDDEN.sub("", strip_controls(value))


def _text(value: str) -> str:
    return escape(xml_text(value))


def _attr(value: str) -> str:
    return quoteattr(xml_text(value))


def _language(value: str | None) -> str | None:
    return value if value and _LANGUAGE.match(value) else None


@dataclass
class EpubReport:
    """What went into the book."""

    chapters: int = 0
    images: int = 0
    images_left_out: int = 0
    bytes_written: int = 0


@dataclass
class _Chapter:
    href: str
    title: str
    meta: str


@dataclass
class _Book:
    """What is written so far: the manifest's files, the spine, the table of contents."""

    archive: zipfile.ZipFile
    when: tuple[int, int, int, int, int, int]
    manifest: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, href, type, props
    chapters: list[_Chapter] = field(default_factory=list)
    images: dict[str, str] = field(default_factory=dict)  # sha256 → href

    def write(self, name: str, data: bytes, *, compress: bool = True) -> None:
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, data)

    def add(
        self,
        item_id: str,
        href: str,
        media_type: str,
        data: bytes,
        *,
        compress: bool = True,
        properties: str = "",
    ) -> None:
        """Write a file of the book and list it in the manifest."""
        self.write(f"EPUB/{href}", data, compress=compress)
        self.manifest.append((item_id, href, media_type, properties))


def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Raw HTML in a story is text (html off); tables and strikethrough as GFM writes them.
    return MarkdownIt("js-default", {"html": False, "xhtmlOut": True})


def _safe_href(href: str) -> bool:
    return href.lower().startswith(("http://", "https://", "mailto:"))


def _clean_tokens(tokens: list[Token]) -> None:
    """Headings one level down (the chapter's title is the ``h1``); links that lead
    nowhere in a book and pictures not in the book become their text."""
    from markdown_it.token import Token

    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + 1, 6)}"
        if not token.children:
            continue
        kept: list[Token] = []
        dropped = 0
        for child in token.children:
            if child.type == "image":
                src = str(child.attrs.get("src", ""))
                if not src.startswith("images/"):
                    alt = " ".join(child.content.split())
                    shown = f"[image: {alt}]" if alt else "[image]"
                    kept.append(Token("text", "", 0, content=shown))
                    continue
            if child.type == "link_open" and not _safe_href(str(child.attrs.get("href", ""))):
                dropped += 1
                continue
            if child.type == "link_close" and dropped:
                dropped -= 1
                continue
            kept.append(child)
        token.children = kept


def _story_xhtml(md: MarkdownIt, markdown: str) -> str:
    """The story's Markdown as XHTML body content, checked to be well-formed XML; plain
    paragraphs of its text when the rendering is not (it never should be)."""
    tokens = md.parse(xml_text(markdown))
    _clean_tokens(tokens)
    body: str = md.renderer.render(tokens, md.options, {})
    try:
        ElementTree.fromstring(f'<div xmlns="{_XHTML}">{body}</div>')
    except ElementTree.ParseError:
        paragraphs = [p for p in markdown.split("\n\n") if p.strip()]
        body = "".join(f"<p>{_text(p)}</p>\n" for p in paragraphs)
    return body


def _document(title: str, body: str, language: str | None, *, css: str = "style.css") -> bytes:
    lang = f' xml:lang="{language}" lang="{language}"' if language else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{_XHTML}" xmlns:epub="http://www.idpf.org/2007/ops"{lang}>\n'
        f'<head>\n<meta charset="utf-8" />\n<title>{_text(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{css}" />\n</head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    ).encode()


def _byline(clipping: Clipping) -> str:
    a = clipping.article
    date = (a.published or clipping.clipped_at or "")[:10]
    return " · ".join(xml_text(part) for part in (a.site or "", a.author or "", date) if part)


def _stored_images(
    book: _Book,
    references: list[StoredReference],
    image_bytes: ImageBytes,
    report: EpubReport,
) -> dict[str, str]:
    """The clipping's stored pictures a book can hold, written once each: key → href."""
    local: dict[str, str] = {}
    for reference in references:
        if reference.sha256 is None:
            continue
        extension = EMBEDDED.get(reference.media_type or "")
        if extension is None:
            continue
        href = book.images.get(reference.sha256)
        if href is None:
            data = image_bytes(reference.sha256)
            if data is None:
                continue
            href = f"images/{reference.sha256}.{extension}"
            book.add(
                f"img-{reference.sha256[:20]}", href, str(reference.media_type), data,
                compress=False,
            )  # fmt: skip
            book.images[reference.sha256] = href
            report.images += 1
        local[reference.key] = href
    return local


def _chapter(
    book: _Book, md: MarkdownIt, clipping: Clipping, local: dict[str, str], number: int
) -> None:
    a = clipping.article
    title = " ".join(xml_text(a.title).split()) or "Untitled"
    href = f"c{number:04d}.xhtml"
    head = [f"<h1>{escape(title)}</h1>\n"]
    byline = _byline(clipping)
    if byline:
        head.append(f'<p class="byline">{escape(byline)}</p>\n')
    if a.url and _safe_href(a.url):
        head.append(f'<p class="source"><a href={_attr(a.url)}>{_text(a.url)}</a></p>\n')
    lead = reference_key(a.image) if a.image else None
    shown = {ref.key for ref in story_references(a.markdown)}
    if lead and lead not in shown and lead in local:
        head.append(f'<p class="lead"><img src="{local[lead]}" alt="" /></p>\n')
    story = rewrite(a.markdown, local.get)
    body = (
        f'<section epub:type="chapter" id="clipping-{clipping.id}">\n'
        f"{''.join(head)}{_story_xhtml(md, story)}</section>\n"
    )
    book.add(f"c{number:04d}", href, "application/xhtml+xml",
             _document(title, body, _language(a.language)))  # fmt: skip
    book.chapters.append(_Chapter(href, title, byline))


def _nav(book: _Book, language: str) -> bytes:
    items = "".join(
        f'<li><a href="{c.href}">{escape(c.title)}'
        + (f' <span class="meta">— {escape(c.meta)}</span>' if c.meta else "")
        + "</a></li>\n"
        for c in book.chapters
    )
    body = f'<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n{items}</ol>\n</nav>\n'
    return _document("Contents", body, language)


def _title_page(title: str, chapters: int, dates: list[str], language: str) -> bytes:
    span = ""
    if dates:
        first, last = min(dates), max(dates)
        span = f", {first}" + (f" to {last}" if last != first else "")
    count = f"{chapters} clipping{'' if chapters == 1 else 's'}{span}"
    body = (
        '<section epub:type="titlepage" id="title">\n'
        f'<h1>{_text(title)}</h1>\n<p class="meta">{escape(count)}</p>\n'
        '<p class="meta">Made by clipper from its library.</p>\n</section>\n'
    )
    return _document(title, body, language)


def _package(book: _Book, title: str, language: str, identifier: str, modified: str) -> bytes:
    items = "".join(
        f'    <item id="{item_id}" href="{href}" media-type="{media_type}"'
        + (f' properties="{properties}"' if properties else "")
        + " />\n"
        for item_id, href, media_type, properties in book.manifest
    )
    spine = "".join(
        f'    <itemref idref="{item_id}" />\n'
        for item_id, _, media_type, _ in book.manifest
        if media_type == "application/xhtml+xml"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        f'unique-identifier="book-id" xml:lang="{language}">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'    <dc:identifier id="book-id">{identifier}</dc:identifier>\n'
        f"    <dc:title>{_text(title)}</dc:title>\n"
        f"    <dc:language>{language}</dc:language>\n"
        f"    <dc:date>{modified}</dc:date>\n"
        f'    <meta property="dcterms:modified">{modified}</meta>\n'
        "  </metadata>\n"
        f"  <manifest>\n{items}  </manifest>\n"
        f"  <spine>\n{spine}  </spine>\n"
        "</package>\n"
    ).encode()


_CONTAINER = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    b"  <rootfiles>\n"
    b'    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml" />\n'
    b"  </rootfiles>\n</container>\n"
)


def _utc(value: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    if when is None:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def write_epub(
    clippings: Iterable[Clipping],
    stream: IO[bytes],
    *,
    title: str,
    pictures: Pictures,
    image_bytes: ImageBytes,
    on_chapter: Callable[[], None] | None = None,
) -> EpubReport:
    """Write the clippings to ``stream`` as one EPUB 3 book (see the module docstring).

    ``pictures`` gives the stored pictures of a page of clippings by id
    (``ImageStore.of_clippings``), ``image_bytes`` an image's bytes by hash.
    """
    selected = list(clippings)
    report = EpubReport()
    stamps = [s for c in selected if (s := _utc(c.updated_at) or _utc(c.clipped_at))]
    newest = max(stamps) if stamps else datetime(2000, 1, 1, tzinfo=UTC)
    modified = newest.strftime("%Y-%m-%dT%H:%M:%SZ")
    seed = ",".join(f"{c.id}@{c.updated_at}" for c in selected)
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'clipper-epub:' + seed)}"
    languages = Counter(
        lang.split("-")[0].lower() for c in selected if (lang := _language(c.article.language))
    )
    language = languages.most_common(1)[0][0] if languages else "en"
    stamp = max(newest, datetime(1980, 1, 1, tzinfo=UTC))  # ZIP dates start in 1980
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    md = _markdown()
    with zipfile.ZipFile(stream, "w") as archive:
        book = _Book(archive, when)
        book.write("mimetype", MIMETYPE, compress=False)
        book.write("META-INF/container.xml", _CONTAINER)
        book.add("style", "style.css", "text/css", _STYLE.encode())
        for start in range(0, len(selected), 200):
            page = selected[start : start + 200]
            stored = pictures([c.id for c in page])
            for clipping in page:
                references = stored.get(clipping.id, [])
                local = _stored_images(book, references, image_bytes, report)
                report.images_left_out += sum(1 for r in references if r.key not in local)
                report.chapters += 1
                _chapter(book, md, clipping, local, report.chapters)
                if on_chapter:
                    on_chapter()
        dates = [
            (c.article.published or c.clipped_at)[:10]
            for c in selected
            if (c.article.published or c.clipped_at)
        ]
        book.add("title-page", "title.xhtml", "application/xhtml+xml",
                 _title_page(title, report.chapters, dates, language))  # fmt: skip
        book.add("nav", "nav.xhtml", "application/xhtml+xml", _nav(book, language),
                 properties="nav")  # fmt: skip
        # The reading order: the title page, the contents, then the chapters.
        chapters = [item for item in book.manifest if item[1] in {c.href for c in book.chapters}]
        firsts = [item for item in book.manifest if item[0] in ("title-page", "nav")]
        others = [item for item in book.manifest if item not in chapters and item not in firsts]
        book.manifest = [*firsts, *chapters, *others]
        book.write(PACKAGE, _package(book, title, language, identifier, modified))
    return report
