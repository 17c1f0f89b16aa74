"""A plain list of URLs, one per line, optionally followed by a title.

Blank lines and lines starting with ``#`` are ignored; any other line that
does not start with an http(s) URL is reported with its line number.
"""

from __future__ import annotations

from collections.abc import Iterator

from clipper.importers.model import Link, Parsed, Problem
from clipper.urls import is_web_url


def read_url_list(text: str, origin: str = "urls") -> Iterator[Parsed]:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        url, _, title = stripped.partition(" ")
        if not is_web_url(url):
            yield Problem(f"line {number}", f"not an http(s) URL: {stripped[:60]}")
            continue
        yield Link(url=url, title=" ".join(title.split()), origin=origin)
