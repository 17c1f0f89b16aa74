"""Extraction: from a page's HTML to an ``Article``.

The pipeline runs in named stages, one module each:

- ``decode``   bytes → text (charset from BOM, ``<meta>``, HTTP header, detection)
- ``guard``    bound pathological nesting before the parser sees it
- ``metadata`` title, authors, dates, site, image, language, description
- ``content``  prune the page furniture and find the elements holding the story
- ``blocks``   those elements → blocks → Markdown and plain text
- ``polish``   the last pass over the blocks (labels, captions, repeats, lines)
- ``hints``    the multilingual boilerplate vocabulary, as data

When the page's markup holds much less of the story than the JSON-LD
``articleBody`` it declares (a page drawn by JavaScript), the declared body is
the story.

The package is ``clipper.extraction`` rather than ``clipper.extract`` because
``clipper.extract`` is the public function; a subpackage of the same name would
replace it as an attribute of ``clipper`` whenever it is imported.
"""

from __future__ import annotations

from collections.abc import Mapping

from selectolax.lexbor import LexborHTMLParser

from clipper.article import Article
from clipper.errors import ExtractionError
from clipper.extraction.blocks import Block, BlockWriter, declared_body, render_blocks
from clipper.extraction.content import Judge, find_content, text_weight
from clipper.extraction.decode import decode_html
from clipper.extraction.guard import bound_nesting
from clipper.extraction.language import detect_language
from clipper.extraction.metadata import Metadata, extract_metadata
from clipper.extraction.microdata import is_post
from clipper.extraction.polish import polish
from clipper.text import strip_controls
from clipper.urls import canonical_url

__all__ = ["extract"]

# A JSON-LD articleBody shorter than this is usually a teaser, not the story.
_MIN_DECLARED_BODY = 400


def _charset(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type":
            for param in value.split(";")[1:]:
                name, _, charset = param.partition("=")
                if name.strip().lower() == "charset":
                    return charset.strip().strip("\"'")
    return None


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
) -> Article:
    """Extract the story and its metadata from a page.

    ``html`` may be text or raw bytes; for bytes the encoding is worked out from
    the page itself and, when given, the HTTP ``headers``. ``url`` is where the
    page lives: it resolves relative links and is the fallback for the
    article's URL. The ``headers``' ``Date`` (when the page was fetched) dates a
    story whose only dateline is relative ("3 hours ago").

    A page without a recognisable story gives an article with an empty
    ``text``. The only exception raised is ``ExtractionError``: when the input
    holds nothing at all, or (a bug, with the cause attached) when some stage
    fails on a page nobody foresaw — a caller clipping thousands of pages must
    be able to catch one exception type and go on.
    """
    given: object = html  # callers without type checking pass anything
    if not isinstance(given, str | bytes):
        raise ExtractionError(
            f"extract() takes the page as str or bytes, not {type(given).__name__}"
        )
    try:
        return _extract(html, url, headers)
    except ExtractionError:
        raise
    except Exception as error:
        raise ExtractionError(
            f"clipper could not extract this page ({type(error).__name__}: {error}); "
            "please report it with the page attached"
        ) from error


def _prose_length(blocks: list[Block]) -> int:
    return sum(len(block.text) for block in blocks)


def _weight(blocks: list[Block]) -> int:
    return sum(text_weight(block.text) for block in blocks)


def _write(judge: Judge, base_url: str | None, title: str, *, judged: bool = True) -> list[Block]:
    """The story's blocks, polished; ``judged=False`` keeps the furniture in."""
    # A story made of posts is a thread whether or not the page says so
    # (vBulletin types its posts as Comments in a list of UserComments).
    thread = judge.thread or sum(1 for node in judge.roots if is_post(node)) >= 2
    writer = BlockWriter(
        base_url, judge.verdict if judged else None, judge.unit_texts(), thread=thread
    )
    for node in judge.roots:
        writer.write(node)
    return polish(writer.blocks, title, thread=thread)


def _extract(html: str | bytes, url: str | None, headers: Mapping[str, str] | None) -> Article:
    text = decode_html(html, _charset(headers))[0] if isinstance(html, bytes) else html
    # The parser reads UTF-8, so the text is encoded once here, the way the
    # parser would (a lone surrogate is dropped); a NUL is looked for in the
    # bytes, where the search is a memchr rather than a slow scan of UCS-2 text.
    data = text.encode("utf-8", "ignore")
    if b"\x00" in data:
        text = text.replace("\x00", "")
        data = text.encode("utf-8", "ignore")
    if not text or text.isspace():
        raise ExtractionError("the page is empty; there is nothing to extract")
    bounded = bound_nesting(text, data)
    if bounded is not text:
        data = bounded.encode("utf-8", "ignore")
    try:
        tree = LexborHTMLParser(data)
    except Exception as error:  # selectolax raises bare exceptions on parser failure
        raise ExtractionError(f"the page could not be parsed as HTML ({error})") from error
    try:
        meta = extract_metadata(tree, url, headers=headers)
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError):
        # A malformed value on the page (an og:image of "http://[::1") must not
        # cost the reader the story: go on without metadata.
        meta = Metadata()
    article_url = canonical_url(meta.canonical, url)  # never raises on a malformed URL
    base_url = url if url and url.startswith(("http://", "https://")) else article_url
    judge = find_content(
        tree,
        meta.title,
        meta.body,
        declared_article=meta.article,
        suggested_article=meta.article_by_og,
        thread=meta.thread,
        product=meta.product,
        signed=bool(meta.authors),
        url=base_url,
    )
    blocks = _write(judge, base_url, meta.title)
    if not judge.page and _weight(blocks) * 2 < judge.story_prose:
        # What looked like the story lost most of itself once its furniture
        # was left out: the page, judged as a whole, may say more.
        wider = _write(judge.whole_page(), base_url, meta.title)
        if _weight(wider) > _weight(blocks):
            blocks = wider
    if not blocks and judge.roots:
        # A page with text never comes back empty: rather all of its main
        # region, furniture included, than nothing.
        blocks = _write(judge.whole_page(), base_url, meta.title, judged=False)
    if not blocks and meta.description:
        # A page drawn wholly by JavaScript shows no text at all; its own
        # summary is all there is to keep of it (and to find it by).
        blocks = declared_body(meta.description, base_url)
    # Measured without the runs of spaces and newlines many templates indent it with.
    declared = len(" ".join(meta.body.split())) if meta.body else 0
    if meta.body and declared >= _MIN_DECLARED_BODY and _prose_length(blocks) * 2 < declared:
        # The page's own markup holds little of the story (drawn by JavaScript,
        # or behind a wall) but it declares the body for machines: use that.
        blocks = polish(declared_body(meta.body, base_url), meta.title)
    markdown, body = render_blocks(blocks)
    return Article(
        title=strip_controls(meta.title),
        url=article_url,
        authors=tuple(strip_controls(a) for a in meta.authors),
        published=meta.published,
        modified=meta.modified,
        site=strip_controls(meta.site) if meta.site else None,
        language=meta.language or detect_language(body),
        image=meta.image,
        description=strip_controls(meta.description) if meta.description else None,
        text=strip_controls(body),
        markdown=strip_controls(markdown),
    )
