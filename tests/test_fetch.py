"""Fetching against the real web's habits, played by a local server the tests start.

Each test sets up handlers on ``web`` (a threaded ``http.server`` on 127.0.0.1):
redirects, loops, errors, rate limits, trickles, bombs, huge and non-HTML
bodies, lying charsets. Timeouts and backoff are short so the file runs in
seconds.
"""

from __future__ import annotations

import gzip
import random
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

from clipper.errors import FetchError, FetchTimeout, HTTPStatusError, NotHTMLError, TooLargeError
from clipper.fetch import USER_AGENT, FetchOptions, fetch, retry_after
from clipper.library import Library
from tests.conftest import Run, dump, page_bytes
from tests.offline_web import OfflineWeb, html

PAGES = Path(__file__).parent / "pages"
#: Fast options for tests: short waits, short backoff.
FAST = FetchOptions(connect_timeout=2, read_timeout=2, deadline=5, backoff=0.01, retries=2)

Handler = Callable[["Request"], None]


def story(title: str, paragraphs: int = 3, *, words: str = "") -> bytes:
    """A small article page whose story the extractor finds."""
    body = "\n".join(
        f"<p>{title}: paragraph {n} tells the story at length, with enough words in it "
        f"to be read as prose by any extractor that looks for sentences. {words}</p>"
        for n in range(1, paragraphs + 1)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright The Local Gazette</footer></body></html>"
    ).encode()


class Request:
    """The handler's view of one request, with helpers to answer it."""

    def __init__(self, handler: BaseHTTPRequestHandler) -> None:
        self.handler = handler
        self.path = handler.path
        self.headers = handler.headers

    def start(self, status: int = 200, **headers: str) -> None:
        self.handler.send_response(status)
        for name, value in headers.items():
            self.handler.send_header(name.replace("_", "-"), value)
        self.handler.end_headers()

    def send(self, body: bytes, status: int = 200, **headers: str) -> None:
        headers.setdefault("Content_Type", "text/html; charset=utf-8")
        headers.setdefault("Content_Length", str(len(body)))
        self.start(status, **headers)
        self.write(body)

    def write(self, data: bytes) -> bool:
        """Write; False once the client has gone away."""
        try:
            self.handler.wfile.write(data)
            self.handler.wfile.flush()
        except OSError:
            return False
        return True


@dataclass
class Web:
    """The test's web: handlers by path, and a log of what was asked."""

    base: str
    handlers: dict[str, Handler] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def on(self, path: str, handler: Handler) -> str:
        self.handlers[path] = handler
        return self.url(path)

    def page(self, path: str, body: bytes, status: int = 200, **headers: str) -> str:
        return self.on(path, lambda r: r.send(body, status, **headers))

    def redirect(self, path: str, to: str, status: int = 302, **headers: str) -> str:
        return self.on(path, lambda r: r.send(b"", status, Location=to, **headers))

    def sequence(self, path: str, *handlers: Handler) -> str:
        """Answer successive requests with successive handlers (the last one repeats)."""
        answers = iter(handlers)
        last: list[Handler] = []

        def handle(request: Request) -> None:
            handler = next(answers, None)
            if handler is not None:
                last[:] = [handler]
            last[0](request)

        return self.on(path, handle)

    def asked(self, path: str) -> int:
        return sum(1 for asked_path, _ in self.log if asked_path == path)


def serve(web_factory: Callable[[str], Web]) -> Iterator[Web]:
    holder: list[Web] = []

    class Handler_(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            web = holder[0]
            with web.lock:
                web.log.append((self.path, dict(self.headers)))
                web.active += 1
                web.most_active = max(web.most_active, web.active)
            try:
                handler = web.handlers.get(self.path)
                if handler is None:
                    Request(self).send(b"not found", 404, Content_Type="text/plain")
                else:
                    handler(Request(self))
            finally:
                with web.lock:
                    web.active -= 1

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler_)
    httpd.daemon_threads = True
    holder.append(web_factory(f"http://127.0.0.1:{httpd.server_address[1]}"))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def web() -> Iterator[Web]:
    yield from serve(Web)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- redirects ---------------------------------------------------------------------------


def test_a_redirect_chain_is_followed_and_recorded(web: Web) -> None:
    final = web.page("/story", story("Harbour reopens"))
    web.redirect("/b", "/story", 307)
    web.redirect("/a", web.url("/b"), 301)
    start = web.redirect("/short", "/a?x=1", 302)
    web.redirect("/a?x=1", "/a", 308)
    page = fetch(start, FAST)
    assert page.url == final
    assert page.status == 200
    assert page.redirects == (start, web.url("/a?x=1"), web.url("/a"), web.url("/b"))
    assert page.source == start


def test_a_redirect_loop_is_named(web: Web) -> None:
    web.redirect("/one", "/two")
    web.redirect("/two", "/three")
    start = web.redirect("/three", "/one")
    with pytest.raises(FetchError, match=r"redirects in a loop") as caught:
        fetch(start, FAST)
    assert f"{web.url('/three')} → {web.url('/one')} → {web.url('/two')} → " in str(caught.value)
    assert web.asked("/three") == 1  # a loop is not retried


def test_a_cookie_bounce_is_not_a_loop(web: Web) -> None:
    def gate(request: Request) -> None:
        if "seen=1" in request.headers.get("Cookie", ""):
            request.send(story("Behind the cookie wall"))
        else:
            request.send(b"", 302, Location="/set-cookie")

    start = web.on("/gated", gate)
    web.redirect("/set-cookie", "/gated", 302, Set_Cookie="seen=1; Path=/")
    page = fetch(start, FAST)
    assert b"Behind the cookie wall" in page.content
    assert page.redirects == (start, web.url("/set-cookie"))


def test_too_many_redirects(web: Web) -> None:
    for n in range(5):
        web.redirect(f"/hop{n}", f"/hop{n + 1}")
    web.page("/hop5", story("Far away"))
    with pytest.raises(FetchError, match=r"redirects more than 3 times"):
        fetch(web.url("/hop0"), FetchOptions(max_redirects=3))
    assert b"Far away" in fetch(web.url("/hop0"), FetchOptions(max_redirects=5)).content


# -- statuses and retries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [(404, "HTTP 404 Not Found; check the address"), (500, "HTTP 500 Internal Server Error")],
)
def test_error_statuses_name_the_status(web: Web, status: int, words: str) -> None:
    url = web.page("/broken", b"<p>oops</p>", status)
    with pytest.raises(HTTPStatusError, match=words) as caught:
        fetch(url, FAST)
    assert caught.value.status == status
    assert web.asked("/broken") == 1  # only 429 and 503 are worth retrying


def test_429_is_retried_after_the_time_it_asks_for(web: Web) -> None:
    url = web.sequence(
        "/busy",
        lambda r: r.send(b"slow down", 429, Retry_After="1"),
        lambda r: r.send(story("Patience pays")),
    )
    started = time.monotonic()
    page = fetch(url, FAST)
    assert time.monotonic() - started >= 1.0
    assert b"Patience pays" in page.content
    assert web.asked("/busy") == 2


def test_a_retry_after_beyond_the_bound_fails_at_once(web: Web) -> None:
    url = web.page("/later", b"come back tomorrow", 429, Retry_After="3600")
    started = time.monotonic()
    with pytest.raises(HTTPStatusError, match=r"HTTP 429 .* asks to wait 3600 s") as caught:
        fetch(url, FAST)
    assert caught.value.status == 429
    assert time.monotonic() - started < 1.0
    assert web.asked("/later") == 1


def test_503_then_success(web: Web) -> None:
    url = web.sequence(
        "/flaky",
        lambda r: r.send(b"maintenance", 503),
        lambda r: r.send(b"maintenance", 503),
        lambda r: r.send(story("Back online")),
    )
    page = fetch(url, FAST)
    assert b"Back online" in page.content
    assert web.asked("/flaky") == 3


def test_503_that_never_ends_gives_up_after_the_retries(web: Web) -> None:
    url = web.page("/down", b"maintenance", 503)
    with pytest.raises(HTTPStatusError, match=r"HTTP 503 Service Unavailable; try again later"):
        fetch(url, FetchOptions(retries=1, backoff=0.01))
    assert web.asked("/down") == 2


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_connection_refused_is_retried_then_named() -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    with pytest.raises(FetchError, match=r"connection was refused") as caught:
        fetch(url, FetchOptions(retries=1, backoff=0.01))
    assert caught.value.url == url


def test_a_dropped_connection_is_retried(web: Web) -> None:
    def drop(request: Request) -> None:
        request.handler.close_connection = True
        request.handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<p>cut")

    url = web.sequence("/drops", drop, lambda r: r.send(story("Second try")))
    assert b"Second try" in fetch(url, FAST).content
    assert web.asked("/drops") == 2


# -- time and size ------------------------------------------------------------------------


def test_a_trickle_is_cut_at_the_deadline(web: Web) -> None:
    def trickle(request: Request) -> None:
        request.start(200, Content_Type="text/html")
        request.write(b"<html><body><p>")
        end = time.monotonic() + 10
        while time.monotonic() < end and request.write(b"x"):
            time.sleep(0.05)

    url = web.on("/trickle", trickle)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"took longer than 0.5 s to download"):
        fetch(url, FetchOptions(deadline=0.5, read_timeout=5, retries=0))
    assert time.monotonic() - started < 2.0


def test_a_silent_server_hits_the_read_timeout(web: Web) -> None:
    def silent(request: Request) -> None:
        request.start(200, Content_Type="text/html")
        time.sleep(1.5)

    url = web.on("/silent", silent)
    with pytest.raises(FetchTimeout, match=r"stopped answering for 0.3 s"):
        fetch(url, FetchOptions(read_timeout=0.3, retries=0))


def _endless(encoding: str) -> Handler:
    """A compressed body that decodes to blank text for ever (until the client leaves).

    Spaces rather than NUL bytes: sniffing refuses NULs as binary at once, and
    this must prove that the decoded-size limit stops what looks like a page.
    """

    def handle(request: Request) -> None:
        request.start(200, Content_Type="text/html", Content_Encoding=encoding)
        request.write(b"")
        blanks = b" " * (1024 * 1024)
        if encoding == "br":
            compressor = brotli.Compressor()
            compress = compressor.process
            flush = compressor.flush
        else:
            gz = zlib.compressobj(9, zlib.DEFLATED, 31)
            compress = gz.compress
            flush = lambda: gz.flush(zlib.Z_SYNC_FLUSH)  # noqa: E731
        if not request.write(compress(b"<html><body><p>") + flush()):
            return
        for _ in range(10_000):  # 10 GB decoded at most
            if not request.write(compress(blanks) + flush()):
                return

    return handle


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_a_compression_bomb_stops_at_the_decoded_limit(web: Web, encoding: str) -> None:
    url = web.on("/bomb", _endless(encoding))
    started = time.monotonic()
    with pytest.raises(TooLargeError, match=r"larger than 2 MB; raise the limit with --max-size"):
        fetch(url, FetchOptions(max_bytes=2 * 1024 * 1024, deadline=10))
    assert time.monotonic() - started < 3.0


def test_a_finite_gzip_bomb_with_a_small_content_length(web: Web) -> None:
    bomb = gzip.compress(b"<html><body><p>" + b" " * (30 * 1024 * 1024), 9)
    assert len(bomb) < 100_000
    url = web.page("/small-bomb", bomb, Content_Encoding="gzip")
    with pytest.raises(TooLargeError, match=r"larger than 20 MB"):
        fetch(url, FAST)


def test_a_50_mb_body_is_refused(web: Web) -> None:
    chunk = b"<p>" + b"news " * 200_000 + b"</p>"  # about 1 MB

    def huge(request: Request, *, announce: bool) -> None:
        headers = {"Content_Type": "text/html"}
        if announce:
            headers["Content_Length"] = str(50 * len(chunk))
        request.start(200, **headers)
        for _ in range(50):
            if not request.write(chunk):
                return

    announced = web.on("/huge", lambda r: huge(r, announce=True))
    streamed = web.on("/huge-stream", lambda r: huge(r, announce=False))
    for url in (announced, streamed):
        with pytest.raises(TooLargeError, match=r"larger than 20 MB"):
            fetch(url, FAST)


def test_compressed_pages_decode(web: Web) -> None:
    html = story("Compressed but whole", 30)
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    bodies = {
        "gzip": gzip.compress(html),
        "deflate": zlib.compress(html),
        "br": brotli.compress(html),
        "gzip, br": brotli.compress(gzip.compress(html)),
    }
    for n, (encoding, body) in enumerate(bodies.items()):
        url = web.page(f"/c{n}", body, Content_Encoding=encoding)
        assert fetch(url, FAST).content == html, encoding
    url = web.page(
        "/raw", raw_deflate.compress(html) + raw_deflate.flush(), Content_Encoding="deflate"
    )
    assert fetch(url, FAST).content == html
    [(_, headers)] = [entry for entry in web.log if entry[0] == "/c0"]
    assert headers["Accept-Encoding"] == "gzip, deflate, br"


def test_a_gzipped_page_is_archived_from_the_bytes_as_they_came(web: Web) -> None:
    html = story("Compressed once, by the server", 30)
    member = gzip.compress(html, 9)
    one = fetch(web.page("/one", member, Content_Encoding="gzip"), FAST)
    assert one.packed is not None
    # The server's deflate data, rewrapped: not compressed again.
    assert one.packed.compressed[2:-4] == member[10:-8]
    assert zlib.decompress(one.packed.compressed) == html == one.content
    assert one.archived() is one.packed
    # Two members, or a coding on top, cannot be rewrapped: packed as usual, later.
    two = fetch(web.page("/two", gzip.compress(html[:99]) + gzip.compress(html[99:]),
                         Content_Encoding="gzip"), FAST)  # fmt: skip
    both = fetch(web.page("/both", brotli.compress(member), Content_Encoding="gzip, br"), FAST)
    for page in (two, both):
        assert page.content == html and page.packed is None
        assert zlib.decompress(page.archived().compressed) == html


def test_a_broken_or_unknown_encoding_is_an_error(web: Web) -> None:
    broken = web.page("/broken-gzip", b"this is not gzip at all", Content_Encoding="gzip")
    with pytest.raises(FetchError, match=r"could not be decompressed \(gzip"):
        fetch(broken, FAST)
    unknown = web.page("/zstd", b"(\xb5/\xfd...", Content_Encoding="zstd")
    with pytest.raises(FetchError, match=r"compressed as 'zstd', which clipper cannot read"):
        fetch(unknown, FAST)


# -- content types ----------------------------------------------------------------------------


def test_a_pdf_is_refused_without_downloading_it(web: Web) -> None:
    pdf = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)
    url = web.page("/report.pdf", pdf, Content_Type="application/pdf")
    # The limit is below the PDF's size: being refused as a PDF, not as too large,
    # shows that the type was settled from the first kilobyte.
    with pytest.raises(NotHTMLError, match=r"is not an HTML page \(application/pdf\)"):
        fetch(url, FetchOptions(max_bytes=1024 * 1024, deadline=5))
    labelled = web.page("/lying.html", b"%PDF-1.4\n...", Content_Type="text/html")
    with pytest.raises(NotHTMLError, match=r"\(application/pdf\)"):
        fetch(labelled, FAST)


def test_no_content_type_falls_back_to_sniffing(web: Web) -> None:
    def bare(body: bytes) -> Handler:
        def handle(request: Request) -> None:
            request.handler.send_response(200)
            request.handler.send_header("Content-Length", str(len(body)))
            request.handler.end_headers()
            request.write(body)

        return handle

    html = web.on("/bare", bare(story("No label at all")))
    page = fetch(html, FAST)
    assert "content-type" not in page.headers
    assert b"No label at all" in page.content
    data = web.on("/bare-json", bare(b'{"items": []}'))
    with pytest.raises(NotHTMLError, match=r"\(application/json\)"):
        fetch(data, FAST)


def test_the_user_agent_is_clear_and_configurable(web: Web) -> None:
    url = web.page("/ua", story("Who is asking"))
    fetch(url, FAST)
    fetch(url, FetchOptions(user_agent="MyArchive/1.0 (me@example.org)"))
    agents = [headers["User-Agent"] for _, headers in web.log]
    assert agents == [USER_AGENT, "MyArchive/1.0 (me@example.org)"]
    assert "clipper/" in USER_AGENT


def test_headers_go_with_every_hop_and_any_answer_can_be_taken(web: Web) -> None:
    # Feeds ask with validators (If-None-Match), through redirects, for answers
    # that are not HTML; a 304 is then an answer, not an error.
    feed = b'{"version": "https://jsonfeed.org/version/1.1", "items": []}'

    def conditional(request: Request) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            request.send(b"", 304, ETag='"v1"')
        else:
            request.send(feed, Content_Type="application/feed+json", ETag='"v1"')

    web.on("/feed.json", conditional)
    moved = web.redirect("/old-feed", "/feed.json", 301)
    with pytest.raises(NotHTMLError):
        fetch(moved, FAST)
    page = fetch(moved, FAST, html=False)
    assert (page.status, page.content, page.headers["etag"]) == (200, feed, '"v1"')
    again = fetch(moved, FAST, headers={"If-None-Match": '"v1"'}, html=False)
    assert (again.status, again.content) == (304, b"")
    assert [headers.get("If-None-Match") for _, headers in web.log[-2:]] == ['"v1"', '"v1"']
    big = web.page("/big.xml", b"<rss>" + b" " * 2048, Content_Type="application/rss+xml")
    with pytest.raises(TooLargeError):  # the size limit holds for any answer
        fetch(big, FetchOptions(max_bytes=1024, deadline=5), html=False)


# -- limits ---------------------------------------------------------------------------------


def test_per_host_and_global_limits(web: Web) -> None:
    import asyncio

    from clipper.fetch import Fetcher

    def slow(request: Request) -> None:
        time.sleep(0.15)
        request.send(story("Slowly"))

    for n in range(6):
        web.on(f"/slow{n}", slow)

    async def run(options: FetchOptions, hosts: list[str]) -> None:
        async with Fetcher(options) as fetcher:
            await asyncio.gather(
                *(fetcher.fetch(f"http://{hosts[n % len(hosts)]}/slow{n}") for n in range(6))
            )

    port = web.base.rsplit(":", 1)[1]
    asyncio.run(run(FetchOptions(jobs=8, per_host=2), [f"127.0.0.1:{port}"]))
    assert web.most_active == 2
    web.most_active = 0
    # Two names for the same server are two hosts; the global limit still holds.
    two = [f"127.0.0.1:{port}", f"localhost:{port}"]
    asyncio.run(run(FetchOptions(jobs=3, per_host=3), two))
    assert web.most_active == 3


def test_a_list_of_many_sites_fetches_every_page_while_idle_pools_close(
    offline_web: OfflineWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More sites than ``Fetcher.OPEN_POOLS``: idle pools are closed while others fetch.

    Two requests finishing together once picked the same idle pools to close,
    and the second failed with a KeyError ("internal error") though its page
    had arrived: 71 of 630 real pages in a batch over the offline web.
    """
    import asyncio

    from clipper.fetch import Fetcher

    sites = 4 * Fetcher.OPEN_POOLS
    urls = [
        offline_web.add(f"http://site{n}.example/story", html(story(f"Story {n}")))
        for n in range(sites)
    ]
    for name, value in offline_web.overrides().items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)

    async def fetch_all() -> list[object]:
        async with Fetcher(FetchOptions(jobs=16)) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls), return_exceptions=True)

    outcomes = asyncio.run(fetch_all())
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert len(offline_web.requests) == sites


# -- through the command line: charsets, stored fields, the error contract ------------------------


def test_clipping_stores_the_final_url_chain_status_and_headers(
    run: Run, web: Web, library_path: Path
) -> None:
    final = web.page(
        "/world/story?utm_source=feed&id=7",
        story("Bridge opens after ten years"),
        ETag='"abc"',
        Last_Modified="Mon, 18 Jan 2021 09:30:00 GMT",
        X_Powered_By="noise",
    )
    start = web.redirect("/s/7", final, 301)
    result = run("clip", start, "--json")
    assert result.exit_code == 0, result.stderr
    with Library.open(library_path) as library:
        [clipping] = library.clippings()
        assert clipping.url == web.url("/world/story?id=7")
        [raw] = library.raw_pages(clipping.id)
    assert raw.url == final
    assert raw.source == start
    assert raw.redirects == (start,)
    assert raw.status == 200
    assert raw.headers["etag"] == '"abc"'
    assert raw.headers["last-modified"] == "Mon, 18 Jan 2021 09:30:00 GMT"
    assert "x-powered-by" not in raw.headers
    assert raw.content == story("Bridge opens after ten years")


CHARSET_PAGES = {
    "story_windows1251.html": (
        "Морозы в Сибири побили рекорд столетней давности",
        "В понедельник утром столбик термометра в Якутске опустился до минус",
        ["Главная", "Все права защищены"],
    ),
    "story_shift_jis.html": (
        "桜の開花、各地で平年より早く",
        "気象庁は二十日、東京都心で桜が開花したと発表した。",
        ["ホーム", "無断転載を禁じます"],
    ),
    "story_gb18030.html": (
        "北京冬季首场降雪带来交通延误",
        "周日清晨，北京迎来今冬首场降雪，",
        ["首页", "版权所有"],
    ),
}


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("story_windows1251.html", "text/html; charset=windows-1251"),
        ("story_windows1251.html", "text/html; charset=iso-8859-1"),  # the header lies
        ("story_shift_jis.html", "text/html"),  # only the page says
        ("story_shift_jis.html", "text/html; charset=utf-8"),  # the header lies
        ("story_gb18030.html", "text/html; charset=gb2312"),  # the label browsers widen
    ],
)
def test_pages_in_legacy_charsets_come_out_as_unicode(
    run: Run, web: Web, name: str, content_type: str
) -> None:
    title, opening, boilerplate = CHARSET_PAGES[name]
    url = web.page("/story", page_bytes(name), Content_Type=content_type)
    result = run("clip", url, "--json")
    assert result.exit_code == 0, result.stderr
    record = __import__("json").loads(result.stdout)
    assert record["title"] == title
    assert record["text"].startswith(opening)
    assert record["text"].count("\n\n") == 3  # four paragraphs
    for words in boilerplate:
        assert words not in record["text"]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda w: w.page("/gone", b"gone", 410), "answered HTTP 410 Gone; check the address"),
        (lambda w: w.page("/err", b"oops", 500), "answered HTTP 500 Internal Server Error"),
        (lambda w: w.redirect("/loop", "/loop"), "redirects in a loop"),
        (lambda w: f"http://127.0.0.1:{closed_port()}/", "connection was refused"),
        (lambda w: w.page("/big", b"<p>" + b"x" * 2_000_000), "is larger than 1 MB"),
        (lambda w: w.page("/x.pdf", b"%PDF-1.5", Content_Type="application/pdf"),
         "is not an HTML page (application/pdf)"),
    ],
)  # fmt: skip
def test_a_single_url_that_fails_is_one_line_exit_1_library_unchanged(
    run: Run,
    web: Web,
    library_path: Path,
    setup: Callable[[Web], str],
    message: str,
) -> None:
    assert run("clip", str(PAGES / "seed_like.html")).exit_code == 0
    before = dump(library_path)
    result = run("clip", setup(web), "--max-size", "1", "--retries", "0")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert dump(library_path) == before


def test_the_deadline_option_cuts_a_trickle(run: Run, web: Web) -> None:
    def trickle(request: Request) -> None:
        request.start(200, Content_Type="text/html")
        end = time.monotonic() + 10
        while time.monotonic() < end and request.write(b"<p>"):
            time.sleep(0.05)

    result = run("clip", web.on("/t", trickle), "--timeout", "0.4", "--retries", "0")
    assert result.exit_code == 1
    assert "took longer than 0.4 s to download; try again later or raise --timeout" in (
        result.stderr
    )


def test_refetch_updates_and_keeps_the_old_page(run: Run, web: Web, library_path: Path) -> None:
    url = web.sequence(
        "/live",
        lambda r: r.send(story("Live: first version")),
        lambda r: r.send(story("Live: second version")),
    )
    first = run("clip", url, "--json")
    assert first.exit_code == 0, first.stderr
    again = run("clip", url)
    assert "Already in the library as #1." in again.stderr
    assert web.asked("/live") == 1  # found without fetching
    refetched = run("clip", url, "--refetch")
    assert refetched.exit_code == 0, refetched.stderr
    assert "Fetched again; #1 is updated (`clipper history 1` keeps the old text)." in (
        refetched.stderr
    )
    with Library.open(library_path) as library:
        [clipping] = library.clippings()
        assert clipping.title == "Live: second version"
        pages = library.raw_pages(clipping.id)
    assert [b"first version" in p.content for p in pages] == [True, False]
    assert [b"second version" in p.content for p in pages] == [False, True]
    unchanged = run("clip", url, "--refetch")  # the page says the same as before
    assert "Fetched again; #1 is unchanged." in unchanged.stderr


# -- HTTP/2 and TLS --------------------------------------------------------------------------


@pytest.fixture
def tls_h2(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """An HTTPS server on 127.0.0.1 that speaks only HTTP/2, with a self-signed certificate."""
    import asyncio
    import shutil
    import ssl
    import subprocess

    import h2.config
    import h2.connection
    import h2.events

    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["h2"])
    protocols: list[str] = []
    body = story("Served over HTTP/2")

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ssl_object = writer.get_extra_info("ssl_object")
        protocols.append(ssl_object.selected_alpn_protocol() or "http/1.1")
        connection = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        connection.initiate_connection()
        writer.write(connection.data_to_send())
        while data := await reader.read(65536):
            for event in connection.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    connection.send_headers(
                        event.stream_id,
                        [(":status", "200"), ("content-type", "text/html"),
                         ("content-length", str(len(body)))],
                    )  # fmt: skip
                    connection.send_data(event.stream_id, body, end_stream=True)
            writer.write(connection.data_to_send())
            await writer.drain()
        writer.close()

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(asyncio.start_server(handle, "127.0.0.1", 0, ssl=context))
    port = server.sockets[0].getsockname()[1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{port}/story", cert, protocols
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        server.close()
        loop.close()


def test_https_with_http2(
    tls_h2: tuple[str, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert, protocols = tls_h2
    with pytest.raises(FetchError, match=r"the secure connection failed \(.*certificate"):
        fetch(url, FAST)
    assert protocols == []  # refused during the handshake
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # how a user trusts their own CA
    page = fetch(url, FAST)
    assert protocols == ["h2"]
    assert b"Served over HTTP/2" in page.content
    assert page.status == 200


def test_each_host_reuses_its_connections_and_pools_beyond_the_bound_close() -> None:
    """One connection pool per host (httpcore checks every pooled connection on
    every request, so one shared pool grew slower with every host); idle pools
    beyond ``Fetcher.OPEN_POOLS`` are closed, so long lists never hoard sockets."""
    import asyncio

    from clipper.fetch import Fetcher

    body = story("Kept alive")
    connections: list[int] = []

    class KeepAlive(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep the connection open between requests

        def do_GET(self) -> None:
            connections.append(self.client_address[1])
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), KeepAlive)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    port = httpd.server_address[1]
    hosts = [f"127.0.0.1:{port}", f"localhost:{port}"]  # two names: two hosts

    async def alternate(open_pools: int | None) -> list[str]:
        async with Fetcher(FAST) as fetcher:
            if open_pools is not None:
                fetcher.OPEN_POOLS = open_pools
            pages = [await fetcher.fetch(f"http://{host}/story") for host in hosts * 3]
        return [page.url or "" for page in pages]

    try:
        urls = asyncio.run(alternate(None))
        assert urls == [f"http://{host}/story" for host in hosts * 3]
        assert len(connections) == 6 and len(set(connections)) == 2  # one per host, reused
        connections.clear()
        asyncio.run(alternate(1))  # each host's pool closes when the other opens
        assert len(connections) == 6 and len(set(connections)) == 6
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- what is HTML: a few stray control bytes never make a page binary ---------------------


def test_a_page_with_a_nul_byte_is_clipped_not_refused_as_binary(
    run: Run, web: Web, tmp_path: Path
) -> None:
    # Issue 15: one NUL (the HTML standard reads it as U+FFFD) made a text/html answer
    # "not an HTML page (application/octet-stream)". A few control bytes are not binary.
    flawed = story("Harbour reopens after the storm").replace(
        b"<h1>", b"<h1>\x00\x01\x02\x0b\x0e\x10\x7f", 1
    )
    flawed = flawed.replace(b"<title>", b"<title>\x00", 1)
    served = run("clip", web.page("/nul", flawed, Content_Type="text/html; charset=utf-8"))
    assert served.exit_code == 0, served.stderr
    assert "Harbour reopens after the storm" in served.stdout
    saved = tmp_path / "saved page.html"
    saved.write_bytes(b"\x00\x00" + flawed)  # a file named .html, starting with NULs
    from_file = run("clip", str(saved), "--url", "https://example.org/harbour", "--json")
    assert from_file.exit_code == 0, from_file.stderr


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"%PDF-1.7\n" + b"\x00\x01" * 600, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 1200, "image/png"),
        (b"PK\x03\x04" + b"\x00\x14" * 600, "application/zip"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 1200, "application/gzip"),
        (random.Random(15).randbytes(4096), "application/octet-stream"),  # noise
    ],
)
def test_what_is_clearly_something_else_is_still_refused_though_it_says_html(
    run: Run, web: Web, tmp_path: Path, body: bytes, kind: str
) -> None:
    served = run("clip", web.page("/lies", body, Content_Type="text/html"), "--retries", "0")
    assert served.exit_code == 1
    assert f"is not an HTML page ({kind})" in served.stderr
    saved = tmp_path / "lies.html"
    saved.write_bytes(body)
    from_file = run("clip", str(saved))
    assert from_file.exit_code == 1
    assert f"is not an HTML page ({kind})" in from_file.stderr
