"""Fetch one page over HTTP(S) with the limits a person at a terminal expects.

httpx errors are translated into ``FetchError`` subclasses here, so nothing
above this module knows which HTTP client clipper uses.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from clipper import __version__
from clipper.errors import FetchError, FetchTimeout, HTTPStatusError, SourceError, TooLargeError
from clipper.page import Page
from clipper.sniff import ensure_html

USER_AGENT = f"Mozilla/5.0 (compatible; clipper/{__version__}; +https://pypi.org/project/clipper/)"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one fetch; the defaults suit someone waiting at a terminal."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def fetch(url: str, options: FetchOptions | None = None) -> Page:
    """Fetch ``url`` and return the page, or raise a ``FetchError`` saying why not."""
    options = options or FetchOptions()
    timeout = httpx.Timeout(
        options.read_timeout, connect=options.connect_timeout, pool=options.connect_timeout
    )
    started = time.monotonic()
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=options.max_redirects,
                timeout=timeout,
                headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise HTTPStatusError(
                    f"{url} answered HTTP {response.status_code} "
                    f"{response.reason_phrase or ''}".rstrip()
                    + ("; check the address" if response.status_code in (404, 410) else ""),
                    url=url,
                    status=response.status_code,
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise TooLargeError(
                        f"{url} is larger than {_megabytes(options.max_bytes)}; "
                        "raise the limit with --max-size if you really want it",
                        url=url,
                    )
                if time.monotonic() - started > options.deadline:
                    raise FetchTimeout(
                        f"{url} took longer than {options.deadline:.0f} s to download; "
                        "try again later or raise --timeout",
                        url=url,
                    )
                chunks.append(chunk)
            content = b"".join(chunks)
            final_url = str(response.url)
            ensure_html(content, response.headers.get("content-type", ""), where=final_url)
            return Page(
                content=content,
                source=url,
                url=final_url,
                status=response.status_code,
                headers=dict(response.headers),
                redirects=tuple(str(r.url) for r in response.history),
            )
    except httpx.TimeoutException as error:
        raise FetchTimeout(
            f"{url} did not answer in time; try again later or raise --timeout", url=url
        ) from error
    except httpx.TooManyRedirects as error:
        raise FetchError(
            f"{url} redirects too many times (more than {options.max_redirects}, or in a loop)",
            url=url,
        ) from error
    except httpx.InvalidURL as error:
        raise SourceError(f"{url} is not a valid URL ({error})") from error
    except httpx.UnsupportedProtocol as error:
        raise SourceError(f"{url}: only http:// and https:// URLs can be clipped") from error
    except httpx.DecodingError as error:
        raise FetchError(f"{url} sent a body that could not be decompressed", url=url) from error
    except httpx.HTTPError as error:
        reason = str(error) or type(error).__name__
        raise FetchError(
            f"could not fetch {url}: {reason}; check the address and your connection",
            url=url,
        ) from error
