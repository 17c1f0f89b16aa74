"""Turn a SOURCE argument (a URL, a saved file, or ``-`` for stdin) into a ``Page``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from clipper import defaults
from clipper.errors import SourceError, TooLargeError
from clipper.page import Page
from clipper.sniff import HTML_SUFFIXES, ensure_html
from clipper.urls import is_web_url, url_problem

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions

STDIN = "-"


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.0f} MB" if megabytes >= 1 else f"{megabytes:.2f} MB"


def _read_limited(stream: BinaryIO, limit: int, where: str) -> bytes:
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise TooLargeError(
            f"{where} is larger than {_megabytes(limit)}; "
            "raise the limit with --max-size if you really want it"
        )
    return content


def read_source(
    source: str,
    *,
    url: str | None = None,
    stdin: BinaryIO | None = None,
    options: FetchOptions | None = None,
) -> Page:
    """Read ``source``; ``url`` says where a file or stdin page came from.

    ``options`` set the limits for fetching a URL; their ``max_bytes`` also
    limits files and stdin.
    """
    # Files and stdin obey the same size limit as downloads.
    max_bytes = options.max_bytes if options is not None else defaults.MAX_BYTES
    if is_web_url(source):
        from clipper.fetch import fetch

        return fetch(source, options)
    if source == STDIN:
        content = _read_limited(stdin or sys.stdin.buffer, max_bytes, "standard input")
        if not content.strip():
            raise SourceError(
                "nothing arrived on standard input; pipe a page in, "
                "e.g. curl -s URL | clipper clip - --url URL"
            )
        ensure_html(content, where="standard input")
        return Page(content=content, source=STDIN, url=url)
    if "://" in source and (problem := url_problem(source)):
        raise SourceError(f"{source} cannot be clipped: {problem}")
    path = Path(source).expanduser()
    try:
        with path.open("rb") as stream:
            content = _read_limited(stream, max_bytes, str(path))
    except FileNotFoundError:
        raise SourceError(
            f"no such file: {source}; give a URL (https://...), a saved .html file, or - for stdin"
        ) from None
    except IsADirectoryError:
        raise SourceError(f"{source} is a folder; give a saved .html file") from None
    except OSError as error:
        raise SourceError(f"cannot read {source}: {error.strerror}") from None
    if not content.strip():
        raise SourceError(f"{source} is empty; there is nothing to clip")
    ensure_html(content, where=source, named_html=path.suffix.lower() in HTML_SUFFIXES)
    return Page(content=content, source=str(path), url=url or path.resolve().as_uri())
