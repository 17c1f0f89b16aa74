"""Fetch pages over HTTP(S) with the limits that the real web needs.

One ``Fetcher`` holds one async httpx client, so a batch reuses connections,
and applies two limits: at most ``jobs`` requests at once in all, and at most
``per_host`` at once to any one site, so a long list from one site does not
hammer it. ``fetch(url)`` is the one-page, synchronous form.

What it copes with, and how:

- **Time.** Connect and read timeouts per request, and a total ``deadline`` per
  page (all redirects, retries and the whole body), enforced by a real
  ``asyncio.timeout`` around the transfer, so a server that trickles a byte a
  second is cut off at the deadline, not merely noticed between chunks.
- **Size.** The limit applies to the *decoded* body, while it streams:
  clipper decodes gzip, deflate and brotli itself, in steps of at most
  ``_STEP`` bytes, so a gzip or brotli bomb stops within one step of the limit.
  A ``Content-Length`` above the limit is refused before the body is read.
- **Redirects.** Followed by hand up to ``max_redirects``; the chain is
  recorded in ``Page.redirects``. A loop is a request for a URL already
  visited with the same cookies: a site that sets a cookie and bounces back
  to the same URL is served, a real loop is named.
- **Status.** 4xx/5xx raise ``HTTPStatusError`` naming the status. 429 and 503
  are retried (``retries`` times) after ``Retry-After`` when the server says
  how long, up to ``max_retry_wait`` seconds, else with exponential backoff;
  the wait also holds back other requests to that site. A wait longer than
  the bound, or than what is left of the deadline, fails at once with the
  status. Network errors (refused, reset, timed out) are retried the same
  bounded number of times; unresolvable host names and TLS failures are not,
  since trying again cannot help.
- **Type.** As soon as the first kilobyte has arrived, a body that is not HTML
  (PDF, image, JSON...) is refused, so a 40 MB PDF is not downloaded first.

httpx errors are translated into ``FetchError`` subclasses here, so nothing
above this module knows which HTTP client clipper uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import http.cookiejar
import importlib
import random
import socket
import ssl
import threading
import time
import urllib.request
import zlib
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from clipper import __version__, defaults
from clipper.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    SourceError,
    TooLargeError,
)
from clipper.httpx_lean import httpx
from clipper.page import PackedContent, Page, repack_gzip
from clipper.sniff import ensure_html

if TYPE_CHECKING:
    from clipper.config import FetchSettings

USER_AGENT = (
    f"Mozilla/5.0 (compatible; clipper/{__version__}; news clipping tool; "
    "+https://pypi.org/project/clipper/)"
)
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_ACCEPT_LANGUAGE = "*"
#: Largest piece a decoder produces at once: the size limit is checked at this grain.
_STEP = 256 * 1024
#: Bytes needed to tell HTML from a PDF, an image or JSON (``clipper.sniff`` reads 1 KB).
_SNIFF_BYTES = 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})

T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


@dataclass(frozen=True)
class FetchOptions:
    """Limits for fetching; the defaults suit someone waiting at a terminal.

    ``deadline`` covers one page: every redirect, retry wait and the whole body.
    ``max_bytes`` is the decoded body's limit. ``jobs`` and ``per_host`` limit
    concurrent requests in a batch (in all, and to one site).
    """

    user_agent: str = USER_AGENT
    connect_timeout: float = defaults.CONNECT_TIMEOUT
    read_timeout: float = defaults.READ_TIMEOUT
    deadline: float = defaults.TIMEOUT
    max_bytes: int = defaults.MAX_BYTES
    max_redirects: int = defaults.MAX_REDIRECTS
    retries: int = defaults.RETRIES
    backoff: float = 1.0
    max_retry_wait: float = defaults.MAX_RETRY_WAIT
    jobs: int = defaults.JOBS
    per_host: int = defaults.PER_HOST
    http2: bool = True
    #: Images (``clipper.images``): fetched with a clipping when ``images`` is on.
    images: bool = defaults.IMAGES
    max_image_bytes: int = defaults.MAX_IMAGE_BYTES
    max_images: int = defaults.MAX_IMAGES
    max_images_bytes: int = defaults.MAX_IMAGES_BYTES
    image_width: int = defaults.IMAGE_WIDTH


#: Looks at a body's first kilobyte (and its declared ``Content-Type``) and raises a
#: ``FetchError`` when it is not what was asked for.
Sniff = Callable[[bytes, str], None]


@dataclass(frozen=True)
class _Expect:
    """What a body must be: HTML (``html``), or what ``sniff`` accepts; at most
    ``max_bytes`` decoded (the options' limit when ``None``)."""

    html: bool = True
    max_bytes: int | None = None
    sniff: Sniff | None = None


_HTML = _Expect()


def fetch_options(settings: FetchSettings | None = None, **given: Any) -> FetchOptions:
    """Options from the settings file's ``[fetch]`` table, then the command line.

    ``given`` holds command-line values by ``FetchOptions`` field name; ``None``
    means "not given", so the setting (or the default) applies.
    """
    values: dict[str, Any] = {}
    if settings is not None:
        values = {
            "jobs": settings.jobs,
            "per_host": settings.per_host,
            "deadline": settings.timeout,
            "connect_timeout": settings.connect_timeout,
            "read_timeout": settings.read_timeout,
            "max_bytes": defaults.megabytes_to_bytes(settings.max_size_mb),
            "retries": settings.retries,
            "max_retry_wait": settings.max_retry_wait,
            "max_redirects": settings.max_redirects,
            "images": settings.images,
            "max_image_bytes": defaults.megabytes_to_bytes(settings.max_image_mb),
            "max_images": settings.max_images,
            "max_images_bytes": defaults.megabytes_to_bytes(settings.max_images_mb),
            "image_width": settings.image_width,
        }
        if settings.user_agent:
            values["user_agent"] = settings.user_agent
    values.update({name: value for name, value in given.items() if value is not None})
    return FetchOptions(**values)


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.0f} MB" if megabytes >= 1 else f"{megabytes:.2f} MB"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _h2_available() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True


def _brotli_available() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


# -- decoding ------------------------------------------------------------------


class _DecodeError(Exception):
    """The body does not decode as its Content-Encoding says."""


class _Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            yield data

    def flush(self) -> Iterator[bytes]:
        return iter(())


class _Zlib:
    """gzip (possibly several members) or deflate (zlib-wrapped, or raw as some servers send)."""

    def __init__(self, gzip: bool) -> None:
        self.gzip = gzip
        self._wbits = zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS
        self._inflate = zlib.decompressobj(self._wbits)
        self._started = False
        self.members = 1  # gzip members met so far

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._inflate.decompress(data, _STEP)
            except zlib.error as error:
                if self.gzip or self._started:
                    raise _DecodeError(str(error)) from error
                # "deflate" without the zlib wrapper: start again as raw deflate.
                self._wbits = -zlib.MAX_WBITS
                self._inflate = zlib.decompressobj(self._wbits)
                self._started = True
                continue
            self._started = True
            if out:
                yield out
            if self._inflate.unconsumed_tail:
                data = self._inflate.unconsumed_tail
            elif self._inflate.eof and self._inflate.unused_data and self.gzip:
                data = self._inflate.unused_data  # the next gzip member
                self._inflate = zlib.decompressobj(self._wbits)
                self.members += 1
            else:
                data = b""

    def flush(self) -> Iterator[bytes]:
        try:
            out = self._inflate.flush()
        except zlib.error as error:
            raise _DecodeError(str(error)) from error
        if out:
            yield out


class _Brotli:
    def __init__(self) -> None:
        import brotli

        self._error = brotli.error
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._decompressor.process(data, output_buffer_limit=_STEP)
            if out:
                yield out
            while not self._decompressor.can_accept_more_data():
                out = self._decompressor.process(b"", output_buffer_limit=_STEP)
                if not out:
                    break
                yield out
        except self._error as error:
            raise _DecodeError(str(error)) from error

    def flush(self) -> Iterator[bytes]:
        return iter(())


class _Chain:
    """Several codings (``Content-Encoding: gzip, br``), undone last-applied first."""

    def __init__(self, decoders: list[_Decoder]) -> None:
        self._decoders = decoders

    def _through(self, pieces: Iterator[bytes], start: int) -> Iterator[bytes]:
        if start == len(self._decoders):
            yield from pieces
            return
        decoder = self._decoders[start]
        for piece in pieces:
            yield from self._through(decoder.feed(piece), start + 1)

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(iter((data,)), 0)

    def flush(self) -> Iterator[bytes]:
        for index, decoder in enumerate(self._decoders):
            yield from self._through(decoder.flush(), index + 1)


def _decoder(content_encoding: str, url: str) -> _Decoder:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    decoders: list[_Decoder] = []
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            decoders.append(_Zlib(gzip=True))
        elif coding == "deflate":
            decoders.append(_Zlib(gzip=False))
        elif coding == "br" and _brotli_available():
            decoders.append(_Brotli())
        elif coding != "identity":
            raise FetchError(
                f"{url} sent its page compressed as {coding!r}, which clipper cannot read",
                url=url,
            )
    if not decoders:
        return _Identity()
    return decoders[0] if len(decoders) == 1 else _Chain(decoders)


# -- retry bookkeeping ------------------------------------------------------------


class _Retry(Exception):
    """An attempt failed in a way that trying again may fix."""

    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.wait = wait


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class _HostGate:
    """At most ``limit`` requests at once to one host, a pause it asked for,
    and the host's own connection pool (``client``, made on first use)."""

    def __init__(self, key: str, limit: int, *, secure: bool) -> None:
        self.key = key
        self.secure = secure  # https: the pool speaks TLS
        self.slots = asyncio.Semaphore(limit)
        self.not_before = 0.0
        self.client: httpx.AsyncClient | None = None
        self.busy = 0  # requests holding or waiting for ``client``


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions beneath it, outermost first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _cause(error: BaseException, kind: type[E]) -> E | None:
    """The first exception of type ``kind`` in ``error``'s chain."""
    for cause in _causes(error):
        if isinstance(cause, kind):
            return cause
    return None


def _network_error(error: httpx.TransportError, url: str, options: FetchOptions) -> FetchError:
    """A clipper error for a transport failure; ``_Retry`` wraps those worth another try."""
    host = httpx.URL(url).host
    if isinstance(error, httpx.ConnectTimeout):
        return FetchTimeout(
            f"{url} did not accept a connection within "
            f"{_seconds(options.connect_timeout)}; try again later or raise --connect-timeout",
            url=url,
        )
    if isinstance(error, httpx.TimeoutException):
        return FetchTimeout(
            f"{url} stopped answering for {_seconds(options.read_timeout)}; "
            "try again later or raise --read-timeout",
            url=url,
        )
    if _cause(error, socket.gaierror):
        return FetchError(
            f"{url}: the host name {host} could not be found; check the address "
            "and your connection",
            url=url,
        )
    if tls := _cause(error, ssl.SSLError):
        detail = getattr(tls, "verify_message", None) or tls.reason or str(tls)
        return FetchError(
            f"{url}: the secure connection failed ({detail}); "
            "the site's certificate may be invalid, or its TLS setup broken",
            url=url,
        )
    if _cause(error, ConnectionRefusedError):
        reason = "the connection was refused (nothing is listening there)"
    elif _cause(error, ConnectionResetError):
        reason = "the connection was reset"
    elif isinstance(error, httpx.ProxyError):
        reason = f"the proxy refused to connect to it ({error})"
    elif isinstance(error, httpx.RemoteProtocolError):
        reason = f"the server broke the HTTP exchange ({error})"
    else:
        reason = str(error) or type(error).__name__
    return FetchError(
        f"{url} could not be fetched: {reason}; check the address and your connection",
        url=url,
    )


def _retryable(error: httpx.TransportError) -> bool:
    if isinstance(error, httpx.UnsupportedProtocol | httpx.ProxyError):
        return False
    return _cause(error, socket.gaierror) is None and _cause(error, ssl.SSLError) is None


def _status_error(url: str, response: httpx.Response, note: str = "") -> HTTPStatusError:
    status = response.status_code
    phrase = response.reason_phrase or ""
    if not note:
        if status in (404, 410):
            note = "; check the address"
        elif status in (401, 403):
            note = "; the site refuses this client (it may need a login, or try --user-agent)"
        elif status in _RETRY_STATUSES:
            note = "; try again later"
        elif status >= 500:
            note = "; the site has a problem, try again later"
    return HTTPStatusError(
        f"{url} answered HTTP {status} {phrase}".rstrip() + note, url=url, status=status
    )


class _BuildsOnly(httpx.AsyncBaseTransport):
    """The request builder's transport: it builds requests, each host's pool sends them."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise AssertionError("requests go through a host's pool")


_BUILDS_ONLY = _BuildsOnly()


# -- the fetcher -------------------------------------------------------------------


class Fetcher:
    """An HTTP client for many pages, with the global and per-host limits.

    Use as ``async with Fetcher(options) as fetcher: page = await fetcher.fetch(url)``.
    """

    #: Host pools kept open at once; the least recently used idle one is closed
    #: beyond this, so a list of a thousand sites never holds a thousand sockets.
    OPEN_POOLS = 32

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client: httpx.AsyncClient | None = None
        self._jobs = asyncio.Semaphore(self.options.jobs)
        self._hosts: dict[str, _HostGate] = {}
        self._open: OrderedDict[str, _HostGate] = OrderedDict()  # gates with a pool
        self._client_settings: dict[str, Any] = {}
        self._tls: dict[str, Any] | None = None  # TLS and HTTP/2 settings, made on first need
        self._proxied = False

    async def __aenter__(self) -> Fetcher:
        options = self.options
        encodings = "gzip, deflate, br" if _brotli_available() else "gzip, deflate"
        # One cookie jar for every pool: a cookie set by one host on a redirect
        # must go with the request to the next.
        self._client_settings = {
            "cookies": http.cookiejar.CookieJar(),
            "follow_redirects": False,
            "timeout": httpx.Timeout(
                connect=options.connect_timeout,
                read=options.read_timeout,
                write=options.read_timeout,
                pool=None,  # the semaphores bound concurrency; never time out waiting
            ),
            "limits": httpx.Limits(
                max_connections=None,
                # Idle connections a host's pool keeps for reuse, pruned after 10 s.
                max_keepalive_connections=max(2, options.per_host),
                keepalive_expiry=10.0,
            ),
            "headers": {
                "User-Agent": options.user_agent,
                "Accept": _ACCEPT,
                "Accept-Language": _ACCEPT_LANGUAGE,
                "Accept-Encoding": encodings,
            },
        }
        # Builds every request (headers, cookies); each host's own pool sends it.
        # One pool per host because httpcore checks every connection in a pool on
        # each request: with one pool for all hosts that was ~2 ms a page in a batch.
        self._client = httpx.AsyncClient(
            **self._client_settings, transport=_BUILDS_ONLY, trust_env=False
        )
        self._proxied = bool(urllib.request.getproxies())
        return self

    def _transport_settings(self, secure: bool) -> dict[str, Any]:
        """TLS and HTTP/2 for a host's pool.

        One TLS context for every pool, made when the first pool needs it:
        loading the certificates takes ~40 ms, and importing h2 for HTTP/2
        ~20 ms, which a batch's every worker paid at start even for plain-http
        pages. A plain-http pool with no proxy never speaks TLS (HTTP/2 needs
        it too); through a proxy, which may be reached over TLS, it gets both.
        """
        if not secure and not self._proxied:
            return {"verify": False, "http2": False}
        if self._tls is None:
            self._tls = {
                "verify": httpx.create_ssl_context(),
                "http2": self.options.http2 and _h2_available(),
            }
        return self._tls

    async def __aexit__(self, *exc: object) -> None:
        pools = [gate.client for gate in self._open.values() if gate.client is not None]
        self._open.clear()
        for gate in self._hosts.values():
            gate.client = None
        for pool in pools:
            await pool.aclose()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _gate(self, url: httpx.URL) -> _HostGate:
        key = f"{url.scheme}://{url.host}:{url.port}"
        gate = self._hosts.get(key)
        if gate is None:
            secure = url.scheme == "https"
            gate = self._hosts[key] = _HostGate(key, self.options.per_host, secure=secure)
        return gate

    def _pool(self, gate: _HostGate) -> httpx.AsyncClient:
        """The host's pool, opened if need be; marked as the most recently used."""
        if gate.client is None:
            settings = self._transport_settings(gate.secure)
            gate.client = httpx.AsyncClient(**self._client_settings, **settings)
        self._open[gate.key] = gate
        self._open.move_to_end(gate.key)
        return gate.client

    async def _close_idle_pools(self) -> None:
        """Close the least recently used idle pools beyond ``OPEN_POOLS``.

        The pools are taken off the books before the first ``await``: other
        requests run while one closes, and one that finished meanwhile would
        otherwise pick the same idle pools and find them gone.
        """
        surplus = len(self._open) - self.OPEN_POOLS
        if surplus <= 0:
            return
        idle = [key for key, gate in self._open.items() if gate.busy == 0][:surplus]
        closing = []
        for key in idle:
            gate = self._open.pop(key)
            pool, gate.client = gate.client, None
            if pool is not None:
                closing.append(pool)
        for pool in closing:
            await pool.aclose()

    async def fetch(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        html: bool = True,
        max_bytes: int | None = None,
        sniff: Sniff | None = None,
    ) -> Page:
        """Fetch ``url`` and return the page, or raise a ``FetchError`` saying why not.

        ``headers`` go with every request for it, redirects included (a feed's
        ``If-None-Match``, say). ``html=False`` takes any answer that is not an
        error without asking whether it is HTML (a feed is not); a ``304 Not
        Modified`` to a conditional request is then a page of that status,
        with no content. ``max_bytes`` replaces the options' size limit; ``sniff``
        (with ``html=False``) judges the body from its first kilobyte, as ``html``
        does for pages (an image, say).
        """
        options = self.options
        expect = _HTML if html else _Expect(False, max_bytes, sniff)
        if html and max_bytes is not None:
            expect = _Expect(True, max_bytes)
        loop = asyncio.get_running_loop()
        end = loop.time() + options.deadline
        try:
            async with asyncio.timeout_at(end):
                return await self._with_retries(url, end, headers, expect)
        except TimeoutError:
            raise FetchTimeout(
                f"{url} took longer than {_seconds(options.deadline)} to download; "
                "try again later or raise --timeout",
                url=url,
            ) from None

    async def _with_retries(
        self, url: str, end: float, headers: Mapping[str, str] | None, expect: _Expect
    ) -> Page:
        options = self.options
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            try:
                return await self._attempt(url, headers, expect)
            except _Retry as retry:
                attempt += 1
                if attempt > options.retries:
                    raise retry.error from None
                wait = retry.wait
                if wait is None:
                    wait = options.backoff * 2 ** (attempt - 1) * random.uniform(0.75, 1.0)
                if loop.time() + wait >= end:
                    raise retry.error from None
                await asyncio.sleep(wait)

    async def _attempt(self, url: str, headers: Mapping[str, str] | None, expect: _Expect) -> Page:
        """One try: follow the redirects and read the final body."""
        assert self._client is not None, "use Fetcher inside `async with`"
        chain: list[str] = []
        visited: set[tuple[str, str | None]] = set()
        current = url
        while True:
            try:
                request = self._client.build_request("GET", current, headers=headers)
            except httpx.InvalidURL as error:
                raise SourceError(f"{current} is not a valid URL ({error})") from error
            if request.url.scheme not in ("http", "https"):
                raise FetchError(
                    f"{url} redirects to {current}, which is not a web address", url=url
                )
            key = (str(request.url), request.headers.get("cookie"))
            if key in visited:
                loop = " → ".join([*chain, str(request.url)])
                raise FetchError(f"{url} redirects in a loop ({loop})", url=url)
            visited.add(key)
            gate = self._gate(request.url)
            async with gate.slots:
                pause = gate.not_before - time.monotonic()
                if pause > 0:  # the site asked for a pause (Retry-After) on another request
                    await asyncio.sleep(pause)
                async with self._jobs:
                    gate.busy += 1
                    try:
                        outcome = await self._hop(request, url, chain, gate, expect)
                    except httpx.TransportError as error:
                        failure = _network_error(error, str(request.url), self.options)
                        if _retryable(error):
                            raise _Retry(failure) from error
                        raise failure from error
                    finally:
                        gate.busy -= 1
                    await self._close_idle_pools()
            if isinstance(outcome, Page):
                return outcome
            chain.append(str(request.url))
            current = outcome

    async def _hop(
        self,
        request: httpx.Request,
        url: str,
        chain: list[str],
        gate: _HostGate,
        expect: _Expect,
    ) -> Page | str:
        """Send one request: the page, or the URL it redirects to."""
        options = self.options
        here = str(request.url)
        response = await self._pool(gate).send(request, stream=True)
        try:
            status = response.status_code
            location = response.headers.get("location", "").strip()
            if status in _REDIRECTS and location:
                if len(chain) >= options.max_redirects:
                    raise FetchError(
                        f"{url} redirects more than {options.max_redirects} times; "
                        "open it in a browser to see where it leads",
                        url=url,
                    )
                try:
                    return str(request.url.join(location))
                except httpx.InvalidURL as error:
                    raise FetchError(
                        f"{url} redirects to an invalid address ({location!r})", url=url
                    ) from error
            if status >= 400 or status in _REDIRECTS:
                if status not in _RETRY_STATUSES:
                    raise _status_error(here, response)
                wait = retry_after(response.headers.get("retry-after"))
                if wait is not None and wait > options.max_retry_wait:
                    raise _status_error(
                        here,
                        response,
                        f" and asks to wait {_seconds(round(wait))} before trying again; "
                        "try again later",
                    )
                if wait is not None:
                    gate.not_before = max(gate.not_before, time.monotonic() + wait)
                raise _Retry(_status_error(here, response), wait)
            content, packed = await self._read(response, here, expect)
        finally:
            await response.aclose()
        return Page(
            content=content,
            source=url,
            url=here,
            status=status,
            headers=dict(response.headers),
            redirects=tuple(chain),
            packed=packed,
        )

    async def _read(
        self, response: httpx.Response, url: str, expect: _Expect = _HTML
    ) -> tuple[bytes, PackedContent | None]:
        """The decoded body, refused as soon as it is too large or clearly not what
        ``expect`` asks for (HTML, or what its ``sniff`` accepts).

        With it, when it came as one gzip member, the body packed for the
        archive from the bytes as they came (``clipper.page.repack_gzip``).
        """
        limit = self.options.max_bytes if expect.max_bytes is None else expect.max_bytes
        html, check = expect.html, expect.sniff
        declared_type = response.headers.get("content-type", "")
        content_encoding = response.headers.get("content-encoding", "")
        length = response.headers.get("content-length", "")
        too_large = TooLargeError(
            f"{url} is larger than {_megabytes(limit)}; "
            "raise the limit with --max-size if you really want it",
            url=url,
        )
        # A Content-Length over the limit is refused once the first kilobyte has
        # shown what the body is: "not an HTML page (application/pdf)" says more.
        announced_too_large = not content_encoding and length.isdigit() and int(length) > limit
        decoder = _decoder(content_encoding, url)
        gunzip = decoder if isinstance(decoder, _Zlib) and decoder.gzip else None
        parts: list[bytes] = []
        received: list[bytes] = []  # as they came, when gzipped
        size = 0
        sniffed = not html and check is None  # nothing to check
        try:
            async for raw in response.aiter_raw():
                if gunzip is not None:
                    received.append(raw)
                for piece in decoder.feed(raw):
                    size += len(piece)
                    if size > limit:
                        raise too_large
                    parts.append(piece)
                if not sniffed and size >= _SNIFF_BYTES:
                    first = b"".join(parts)[:_SNIFF_BYTES]
                    if check is not None:
                        check(first, declared_type)
                    else:
                        ensure_html(first, declared_type, where=url)
                    sniffed = True
                if announced_too_large and sniffed:
                    raise too_large
            for piece in decoder.flush():
                size += len(piece)
                if size > limit:
                    raise too_large
                parts.append(piece)
        except _DecodeError as error:
            raise FetchError(
                f"{url} sent a body that could not be decompressed ({content_encoding}: {error})",
                url=url,
            ) from error
        content = b"".join(parts)
        if not sniffed:
            if check is not None:
                check(content, declared_type)
            else:
                ensure_html(content, declared_type, where=url)
        packed = None
        if gunzip is not None and gunzip.members == 1:
            packed = repack_gzip(b"".join(received), content)
        return content, packed


def preload() -> None:
    """Import what fetching imports on its first request.

    httpx imports its connection layer (httpcore) on making its first
    connection pool, and anyio its event-loop backend on the first request:
    ~80 ms. A batch calls this before forking its workers, so that each
    starts ready instead of importing them itself.
    """
    import anyio  # noqa: F401
    import httpcore  # noqa: F401

    with contextlib.suppress(ImportError):  # anyio's own name for its asyncio backend
        importlib.import_module("anyio._backends._asyncio")


# -- one page, synchronously ------------------------------------------------------------


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    else:
        running = True
    if not running:  # outside the except block, so no error chains to the RuntimeError
        return asyncio.run(coroutine)
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=target, name="clipper-fetch")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


async def _fetch_one(
    url: str, options: FetchOptions | None, headers: Mapping[str, str] | None, html: bool
) -> Page:
    async with Fetcher(options) as fetcher:
        return await fetcher.fetch(url, headers=headers, html=html)


def fetch(
    url: str,
    options: FetchOptions | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    html: bool = True,
) -> Page:
    """Fetch ``url`` and return the page, or raise a ``FetchError`` saying why not
    (``headers`` and ``html`` as for ``Fetcher.fetch``)."""
    return run_async(_fetch_one(url, options, headers, html))
