"""Shared fixtures: a real HTTP server on 127.0.0.1, an offline web behind a real proxy,
a real library file, the real CLI."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from clipper.cli import app
from tests.offline_web import OfflineWeb

PAGES = Path(__file__).parent / "pages"


def page_bytes(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@dataclass
class Route:
    """What the test server answers for one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


@dataclass
class Server:
    """A threaded HTTP server on 127.0.0.1 with routes set by the test."""

    base: str
    routes: dict[str, Route]
    requests: list[str]

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", status: int = 200, **headers: str) -> str:
        encoded = body.encode() if isinstance(body, str) else body
        names = {k.replace("_", "-").title(): v for k, v in headers.items()}
        self.routes[path] = Route(encoded, status, names or {"Content-Type": "text/html"})
        return self.url(path)


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, Route] = {}
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            route = routes.get(self.path, Route(b"not found", 404, {"Content-Type": "text/plain"}))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes, requests)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def offline_web() -> Iterator[OfflineWeb]:
    """A forward proxy serving pages the test adds under real ``http://`` URLs.

    Point clipper at it with ``run(..., env=offline_web.overrides())`` or, for a
    subprocess, ``env=offline_web.env(os.environ)``; see ``tests/offline_web.py``.
    """
    with OfflineWeb() as web:
        yield web


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "clippings.db"


Run = Callable[..., Result]


@pytest.fixture
def run(library_path: Path) -> Run:
    """Run the real ``clipper`` app against the test's library."""
    runner = CliRunner()

    def invoke(
        *args: str, input: bytes | str | None = None, env: Mapping[str, str | None] | None = None
    ) -> Result:
        """``env``: changes to the environment for this run (``None`` unsets a variable)."""
        changes = {"CLIPPER_LIBRARY": str(library_path), **(env or {})}
        return runner.invoke(app, list(args), input=input, env=changes)

    return invoke


def dump(path: Path) -> list[str]:
    """Every row of the library as SQL, to prove a failed command changed nothing."""
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        return list(db.iterdump())
