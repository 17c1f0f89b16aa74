"""Fetching a clipping's pictures, right after its page, under the page's limits.

Two steps, so that a batch's worker does the first while it holds the raw page:

- ``plan``: the pictures the story names (``refs``), each with the file to
  fetch (``srcset``, read from the raw page) or the reason it is not fetched
  (beyond ``max_images``, not a web address). Pure CPU.
- ``fetch_planned``: fetch them with a ``Fetcher``, so the same per-site
  limits (``per_host``, a site's ``Retry-After``) and the same redirect,
  timeout, size and decompression rules hold as for pages. A ``data:`` URL
  is decoded instead. A few pictures of a clipping at a time. In a batch, the
  worker that prepared the page fetches the pictures on the page's own site
  (``clipper.workers.own_pictures``), and the batch sends each other site's
  to the worker that fetches that site (``host_groups``), so ``per_host``
  holds batch-wide for a site whose pictures many stories show, as for its
  pages; ``within_total`` then applies the clipping's total in story order.

Every picture ends as an ``ImageOutcome``: stored, or refused with a reason a
person can read. Nothing here raises for one picture: a clipping never fails
because of its images.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote_to_bytes

from clipper.errors import (
    ClipperError,
    FetchError,
    HTTPStatusError,
    TooLargeError,
    internal_error,
)
from clipper.images.formats import (
    MAX_PIXELS,
    SVG,
    could_be_image,
    describe_other,
    dimensions,
    sniff,
)
from clipper.images.model import ImageData, ImageLimits, ImageOutcome
from clipper.images.refs import Reference, story_references
from clipper.page import utc_now
from clipper.urls import is_web_url, split

if TYPE_CHECKING:
    from clipper.article import Article
    from clipper.fetch import Fetcher, FetchOptions
    from clipper.page import Page

#: Pictures of one clipping fetched at once (each site's own limit still holds).
AT_ONCE = 4
#: Formats asked for: those every e-reader shows first; AVIF only as any image.
ACCEPT = "image/webp,image/png,image/jpeg,image/gif,image/svg+xml,image/*;q=0.8,*/*;q=0.5"


@dataclass(frozen=True)
class Wanted:
    """A picture to fetch from ``url`` (the candidate chosen), or already refused."""

    reference: Reference
    url: str | None = None
    refusal: str = ""


def _megabytes(size: int) -> str:
    """A limit in words: ``10 MB``, ``2.5 MB``, ``300 KB``, ``900 bytes``."""
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024):g} KB" if size >= 1024 else f"{size} bytes"


def plan(
    article: Article,
    page: Page | None,
    limits: ImageLimits,
    *,
    skip: Collection[str] = (),
) -> tuple[Wanted, ...]:
    """What to fetch for ``article``'s pictures; those whose keys are in ``skip`` (stored
    already) are left out. ``page`` is the raw page, read for ``srcset`` candidates."""
    references = story_references(article.markdown, article.image)
    if not references:
        return ()
    offered = None
    if page is not None and b"srcset" in page.content:
        from clipper.images.srcset import PageImages

        try:
            offered = PageImages(page.content, page.url, page.charset)
        except Exception:  # the pictures' own URLs will do; the clipping must not fail
            offered = None
    wanted: list[Wanted] = []
    for number, reference in enumerate(references):
        if reference.key in skip:
            continue
        if number >= limits.max_count:
            refusal = f"beyond the first {limits.max_count} pictures of the story (max_images)"
            wanted.append(Wanted(reference, refusal=refusal))
        elif reference.is_data:
            wanted.append(Wanted(reference))
        elif not is_web_url(reference.url):
            wanted.append(Wanted(reference, refusal="not a web address"))
        else:
            url = reference.url
            if offered is not None:
                from clipper.images.srcset import choose

                url = choose(url, offered.candidates(url), limits.max_width)
            wanted.append(Wanted(reference, url))
    return tuple(wanted)


def referer(page_url: str | None, image_url: str) -> str | None:
    """The ``Referer`` a browser sends for the picture (its default policy): the page's
    address to its own site, its origin to another, nothing from https to http."""
    page = split(page_url) if page_url and is_web_url(page_url) else None
    image = split(image_url)
    if page is None or image is None:
        return None
    if page.scheme == "https" and image.scheme == "http":
        return None
    if (page.scheme, page.hostname, page.port) == (image.scheme, image.hostname, image.port):
        return page._replace(fragment="").geturl()
    return f"{page.scheme}://{page.netloc}/"


def _sniff(first: bytes, declared: str) -> None:
    if not could_be_image(first):
        raise FetchError(_not_an_image(first, declared))


def _not_an_image(content: bytes, declared: str) -> str:
    kind = declared.split(";")[0].strip().lower()
    sent = f" (sent as {kind})" if kind else ""
    return f"not an image: {describe_other(content)}{sent}"


def examine(content: bytes, declared: str = "") -> ImageData | str:
    """``content`` as an image to store, or why it is refused: not an image by its magic
    number, or a header claiming more than ``MAX_PIXELS``."""
    kind = sniff(content)
    if kind is None:
        return _not_an_image(content, declared)
    size = dimensions(content, kind)
    if size is not None and kind is not SVG and size[0] * size[1] > MAX_PIXELS:
        return (
            f"a decompression bomb: its header claims {size[0]} × {size[1]} pixels, "
            f"over {MAX_PIXELS // 1_000_000} megapixels"
        )
    if size is not None and (size[0] <= 0 or size[1] <= 0):
        size = None
    image = ImageData(content, kind.media_type, *(size or (None, None)))
    _ = image.sha256  # hashed here, where it was fetched (a batch's worker), and kept
    return image


def decode_data_url(url: str, max_bytes: int) -> bytes | str:
    """The bytes of a ``data:`` URL, or why not (too large, not decodable)."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        return "a data: URL without data"
    if len(payload) * 3 // 4 > max_bytes:
        return f"larger than {_megabytes(max_bytes)} (max_image_mb)"
    try:
        if header.lower().endswith(";base64"):
            text = "".join(unquote_to_bytes(payload).decode("ascii").split())
            data = base64.b64decode(text, validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        return f"a data: URL that does not decode ({error})"
    if len(data) > max_bytes:
        return f"larger than {_megabytes(max_bytes)} (max_image_mb)"
    return data


def _reason(error: ClipperError, url: str, limits: ImageLimits) -> str:
    """A fetch error's message as a short reason: without the URL, without the advice
    (about pages) after the first semicolon."""
    if isinstance(error, TooLargeError):
        return f"larger than {_megabytes(limits.max_bytes)} (max_image_mb)"
    message = error.message
    for named in (url, getattr(error, "url", None)):
        if named and message.startswith(named):
            message = message[len(named) :].lstrip(" :")
    if isinstance(error, HTTPStatusError):
        message = message.removeprefix("answered ")
    return message.split("; ")[0] or error.message


def host_groups(wanted: Sequence[Wanted]) -> dict[str, list[Wanted]]:
    """The planned pictures by the site they are fetched from (``scheme://host/``, as a
    batch routes a site's pages); ``""`` for those nothing is fetched for (``data:``
    URLs, refusals)."""
    groups: dict[str, list[Wanted]] = {}
    for item in wanted:
        parts = split(item.url) if item.url and not item.refusal else None
        site = ""
        if parts is not None and parts.hostname:
            site = f"{parts.scheme}://{parts.netloc.rpartition('@')[2].lower()}/"
        groups.setdefault(site, []).append(item)
    return groups


async def fetch_group(
    fetcher: Fetcher, wanted: Sequence[Wanted], page_url: str | None, limits: ImageLimits
) -> tuple[ImageOutcome, ...]:
    """``fetch_planned`` without the total (``within_total`` applies it to the whole
    clipping): what a batch's worker runs for one site's pictures (``clipper.workers.Task``)."""
    return await fetch_planned(fetcher, wanted, page_url=page_url, limits=limits, total=False)


async def fetch_planned(
    fetcher: Fetcher,
    wanted: Sequence[Wanted],
    *,
    page_url: str | None,
    limits: ImageLimits,
    total: bool = True,
) -> tuple[ImageOutcome, ...]:
    """Every planned picture fetched (or decoded), checked and (with ``total``) within
    the clipping's total."""
    if not wanted:
        return ()
    at_once = asyncio.Semaphore(AT_ONCE)
    fetched: dict[str, asyncio.Task[ImageOutcome]] = {}
    kept = [0]  # bytes of the pictures fetched so far: once past the total, no more start

    async def one(item: Wanted) -> ImageOutcome:
        try:
            return await attempt(item)
        except Exception as error:  # a bug costs the picture, never the clipping
            return ImageOutcome(item.reference.key, error=internal_error(error))

    async def attempt(item: Wanted) -> ImageOutcome:
        key, url = item.reference.key, item.url
        if item.refusal:
            return ImageOutcome(key, error=item.refusal)
        if item.reference.is_data:
            data = decode_data_url(item.reference.url, limits.max_bytes)
            found = examine(data) if isinstance(data, bytes) else data
            now = utc_now().isoformat()
            if isinstance(found, str):
                return ImageOutcome(key, error=found, fetched_at=now)
            return ImageOutcome(key, found, fetched_at=now)
        assert url is not None
        async with at_once:
            if kept[0] > limits.max_total:
                return ImageOutcome(key, error=_over_total(limits))
            headers = {"Accept": ACCEPT}
            if sent := referer(page_url, url):
                headers["Referer"] = sent
            now = utc_now().isoformat()
            try:
                got = await fetcher.fetch(
                    url, headers=headers, html=False, max_bytes=limits.max_bytes, sniff=_sniff
                )
            except ClipperError as error:
                return ImageOutcome(key, error=_reason(error, url, limits), fetched_at=now)
            found = examine(got.content, got.headers.get("content-type", ""))
            if isinstance(found, str):
                return ImageOutcome(key, error=found, source=got.url, fetched_at=now)
            kept[0] += found.size
            return ImageOutcome(key, found, source=got.url, fetched_at=now)

    def shared(item: Wanted) -> asyncio.Task[ImageOutcome]:
        # Two references may lead to one file (srcset candidates): it is fetched once.
        slot = item.url if item.url and not item.refusal else f"\0{item.reference.key}"
        if slot not in fetched:
            fetched[slot] = asyncio.ensure_future(one(item))
        return fetched[slot]

    tasks = [shared(item) for item in wanted]
    results = await asyncio.gather(*tasks)
    outcomes = [
        ImageOutcome(item.reference.key, r.image, r.error, r.source, r.fetched_at)
        for item, r in zip(wanted, results, strict=True)
    ]
    return within_total(outcomes, limits) if total else tuple(outcomes)


def _over_total(limits: ImageLimits) -> str:
    total = _megabytes(limits.max_total)
    return f"over the {total} the pictures of one clipping may take in all (max_images_mb)"


def within_total(outcomes: Sequence[ImageOutcome], limits: ImageLimits) -> tuple[ImageOutcome, ...]:
    """In story order, the pictures that fit in ``max_total``; those after are refused.
    A file two references share counts once."""
    kept: list[ImageOutcome] = []
    total = 0
    counted: set[str] = set()
    for outcome in outcomes:
        image = outcome.image
        if image is not None and image.sha256 not in counted:
            if total + image.size > limits.max_total:
                outcome = ImageOutcome(
                    outcome.key, None, _over_total(limits), outcome.source, outcome.fetched_at
                )
            else:
                total += image.size
                counted.add(image.sha256)
        kept.append(outcome)
    return tuple(kept)


def collect_now(
    article: Article,
    page: Page | None,
    options: FetchOptions,
    *,
    skip: Collection[str] = (),
) -> tuple[ImageOutcome, ...]:
    """``plan`` and ``fetch_planned`` with a ``Fetcher`` of their own, for one clipping
    outside a batch (``clipper clip URL``, ``reextract``, ``refresh``)."""
    from clipper.fetch import Fetcher, run_async

    limits = ImageLimits.of(options)
    wanted = plan(article, page, limits, skip=skip)
    if not wanted:
        return ()
    page_url = page.url if page is not None else article.url

    async def run() -> tuple[ImageOutcome, ...]:
        async with Fetcher(options) as fetcher:
            return await fetch_planned(fetcher, wanted, page_url=page_url, limits=limits)

    return run_async(run())
