"""An offline web: saved pages served under their real URLs by a forward HTTP proxy.

Tests (and ``benchmarks/realpages.py``) start an ``OfflineWeb`` on 127.0.0.1
with a mapping of URLs to ``Answer``s and point a client at it with
``HTTP_PROXY``/``HTTPS_PROXY`` (``OfflineWeb.env``). The client then asks for
``http://www.example.com/story`` as it would on the real web: the host name is
never resolved, the proxy answers from the mapping, and nothing reaches the
network. That exercises what a plain local server cannot: many hosts (so
per-host limits, pools and dedup by canonical URL behave as on the real web),
real URLs stored in the library, and the proxy support itself.

How it answers:

- ``GET``/``HEAD`` in absolute form (``GET http://host/path HTTP/1.1``) for a
  URL in the mapping: its answer. Pages saved gzipped (``Answer.gzipped``) go
  as they are, with ``Content-Encoding: gzip``, to a client that accepts gzip,
  as a real server compresses its pages; decompressed to any other client.
  A conditional request whose ``If-None-Match`` names the answer's ``ETag``,
  or whose ``If-Modified-Since`` is its ``Last-Modified``, gets ``304 Not
  Modified`` (and ``statuses`` records it), as from a real server.
- any other URL: ``404 Not Found``.
- ``CONNECT`` (the tunnel an https URL needs): ``403 Forbidden``, as a proxy
  that allows no tunnels answers (Squid's default for them). The offline web
  has no https: give pages ``http://`` URLs.
- a request in origin form (``GET /path``, i.e. not a proxy request):
  ``400 Bad Request``, so a client that bypassed the proxy settings is noticed.

URLs are compared after lower-casing the scheme and host, dropping a default
port and the fragment, and undoing percent-encoding, so a client that encodes
``/topic/Car Rental`` as ``%20`` and one that sends it otherwise both find it.

Corpora: ``corpus_pages`` reads a folder of ``../shared/bench`` (the benchmark
data, found as ``benchmarks/corpora.py`` finds it) into ``SavedPage``s with
``http://`` URLs, and ``answers_for`` turns them into the mapping.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from benchmarks.corpora import bench_dir

HTML = "text/html; charset=utf-8"
#: The proxy variables a client may read; ``env`` sets or removes every one of them.
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@dataclass(frozen=True)
class Answer:
    """What the offline web sends for one URL.

    ``gzipped``: ``body`` is gzip-compressed (a saved ``.html.gz``), sent with
    ``Content-Encoding: gzip`` to clients that accept it, decompressed to others.
    """

    body: bytes = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    gzipped: bool = False


def html(body: bytes | str, status: int = 200, **headers: str) -> Answer:
    """An HTML answer; ``headers`` by Python name (``content_type=...``, ``location=...``)."""
    encoded = body.encode() if isinstance(body, str) else body
    named = {"Content-Type": HTML} | {k.replace("_", "-").title(): v for k, v in headers.items()}
    return Answer(encoded, status, named)


def url_key(url: str) -> str:
    """The form URLs are compared in (see the module's docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port is not None and parts.port != default else ""
    path = unquote(parts.path) or "/"
    query = f"?{unquote(parts.query)}" if parts.query else ""
    return f"{scheme}://{host}{port}{path}{query}"


class OfflineWeb:
    """A threaded forward HTTP proxy on 127.0.0.1 that answers from ``answers``.

    Use as a context manager (or ``start()``/``close()``). ``requests`` lists
    ``(method, url)`` of every request in the order they came, including
    refused ones; ``add`` may be called while it runs.
    """

    def __init__(self, answers: Mapping[str, Answer] | None = None) -> None:
        self._answers: dict[str, Answer] = {}
        self.requests: list[tuple[str, str]] = []
        #: ``(url, status)`` of every answer from the mapping, in order.
        self.statuses: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        for url, answer in (answers or {}).items():
            self.add(url, answer)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, url: str, answer: Answer) -> str:
        """Serve ``answer`` at ``url`` (an ``http://`` URL); returns ``url``."""
        if urlsplit(url).scheme != "http":
            raise ValueError(f"the offline web serves http:// URLs only, not {url!r}")
        self._answers[url_key(url)] = answer
        return url

    def answer(self, url: str) -> Answer | None:
        return self._answers.get(url_key(url))

    @property
    def proxy(self) -> str:
        """The proxy's address, for ``HTTP_PROXY``."""
        assert self._server is not None, "start the offline web first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: none) with every proxy variable pointing here, for a subprocess.

        ``NO_PROXY``/``ALL_PROXY`` (either case) are removed: a ``NO_PROXY``
        in the caller's environment must not send a request around the proxy.
        """
        env = {
            name: value
            for name, value in (base or {}).items()
            if name.upper() not in _PROXY_VARIABLES
        }
        return env | {name: value for name, value in self.overrides().items() if value}

    def overrides(self) -> dict[str, str | None]:
        """The same as changes to the current environment (``None``: unset), for ``CliRunner``."""
        changes: dict[str, str | None] = {}
        for name in _PROXY_VARIABLES:
            changes[name] = changes[name.lower()] = None
        for name in ("http_proxy", "https_proxy"):
            changes[name] = changes[name.upper()] = self.proxy
        return changes

    def asked(self, url: str) -> int:
        """How many requests came for ``url``."""
        key = url_key(url)
        with self._lock:
            return sum(1 for _, asked in self.requests if url_key(asked) == key)

    def start(self) -> OfflineWeb:
        self._server = _ProxyServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="offline-web", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OfflineWeb:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _log(self, method: str, url: str) -> None:
        with self._lock:
            self.requests.append((method, url))

    def _answered(self, url: str, status: int) -> None:
        with self._lock:
            self.statuses.append((url, status))

    def answered(self, url: str, status: int) -> int:
        """How many times ``url`` was answered with ``status``."""
        key = url_key(url)
        with self._lock:
            return sum(1 for done, code in self.statuses if url_key(done) == key and code == status)


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    # A batch opens a connection per site at once; the default backlog of 5
    # would leave some waiting a second for a SYN retry.
    request_queue_size = 256

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer (a killed batch) is not an error here."""


def _handler(web: OfflineWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as clients expect of a proxy
        disable_nagle_algorithm = True  # headers and body are written separately

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def do_CONNECT(self) -> None:
            web._log("CONNECT", self.path)
            self._send(
                403, {"Content-Type": "text/plain"}, b"no tunnels: the offline web is http only\n"
            )

        def _answer(self, *, with_body: bool) -> None:
            url = self.path
            web._log(self.command, url)
            if not url.lower().startswith(("http://", "https://")):
                body = b"this is a forward proxy: ask for an absolute http:// URL\n"
                self._send(400, {"Content-Type": "text/plain"}, body)
                return
            answer = web.answer(url) if url.lower().startswith("http://") else None
            if answer is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not in the offline web\n")
                return
            headers = dict(answer.headers)
            body = answer.body
            if _not_modified(headers, self.headers):
                web._answered(url, 304)
                kept = {k: v for k, v in headers.items() if k.lower() in ("etag", "last-modified")}
                self._send(304, kept, b"", with_body=False)
                return
            web._answered(url, answer.status)
            if answer.gzipped:
                headers["Vary"] = "Accept-Encoding"
                if _accepts_gzip(self.headers.get("Accept-Encoding", "")):
                    headers["Content-Encoding"] = "gzip"
                else:
                    body = gzip.decompress(body)
            self._send(answer.status, headers, body, with_body=with_body)

        def _send(
            self, status: int, headers: Mapping[str, str], body: bytes, *, with_body: bool = True
        ) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _not_modified(answer: Mapping[str, str], request: Any) -> bool:
    """Whether a conditional request is answered by what the client has (RFC 9110)."""
    headers = {name.lower(): value for name, value in answer.items()}
    tags = request.get("If-None-Match")
    if tags is not None and "etag" in headers:
        return headers["etag"] in [tag.strip() for tag in tags.split(",")] or tags.strip() == "*"
    since = request.get("If-Modified-Since")
    return since is not None and since == headers.get("last-modified")


def _accepts_gzip(accept_encoding: str) -> bool:
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


# -- saved corpora ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedPage:
    """One page of a corpus: where it is served, its saved bytes (gzip) and its ground truth."""

    corpus: str
    key: str
    url: str
    gzipped: bytes = field(repr=False)
    truth: Mapping[str, Any] = field(repr=False)

    @property
    def title(self) -> str:
        return str(self.truth.get("title") or "")

    @property
    def body(self) -> str:
        return str(self.truth.get("articleBody") or "")


def corpus_dir(corpus: str) -> Path:
    """``../shared/bench/<corpus>``, found as ``benchmarks/corpora.py`` finds it."""
    return bench_dir() / corpus


def corpus_pages(corpus: str, folder: Path | None = None) -> list[SavedPage]:
    """Every page of ``corpus``, in id order, each with an ``http://`` URL.

    A page's own URL has ``https`` turned into ``http``. A page without one (the
    readability test pages, or a corpus entry whose URL is missing or relative)
    gets ``http://<corpus>.example/<id>/`` (``.example`` is reserved for such
    use). Pages that share a URL (a corpus may hold the same page twice) keep
    it: they are one page of the offline web, and the first one saved is served.
    """
    folder = folder or corpus_dir(corpus)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        url = str(item.get("url") or "")
        scheme = urlsplit(url).scheme.lower()
        if scheme == "https":
            url = "http" + url[len("https") :]
        elif scheme != "http":
            url = f"http://{corpus}.example/{key}/"
        gzipped = (folder / "html" / f"{key}.html.gz").read_bytes()
        pages.append(SavedPage(corpus, key, url, gzipped, item))
    return pages


def answers_for(pages: Iterable[SavedPage]) -> dict[str, Answer]:
    """Each page's saved bytes as the answer for its URL (the first page wins a shared URL)."""
    answers: dict[str, Answer] = {}
    for page in pages:
        answers.setdefault(page.url, Answer(page.gzipped, gzipped=True))
    return answers
