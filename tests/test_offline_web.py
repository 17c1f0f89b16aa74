"""The offline web (a forward proxy on 127.0.0.1), and clipper's use of the proxy variables."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import Run, Server, dump
from tests.offline_web import Answer, OfflineWeb, corpus_pages, html, url_key
from tests.test_fetch import story


def _opener(web: OfflineWeb) -> urllib.request.OpenerDirector:
    """A plain client through the proxy, asking for no compression."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": web.proxy, "https": web.proxy})
    )


def test_clipper_fetches_a_real_url_through_the_proxy(
    run: Run, offline_web: OfflineWeb, library_path: Path
) -> None:
    url = offline_web.add("http://news.example/world/harbour", html(story("Harbour reopens")))
    result = run("clip", url, "--json", env=offline_web.overrides())
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["url"], record["title"]) == (url, "Harbour reopens")
    assert offline_web.requests == [("GET", url)]  # absolute form: a proxy request


def test_an_unknown_url_is_a_404_and_an_https_url_a_refused_tunnel(
    run: Run, offline_web: OfflineWeb, library_path: Path
) -> None:
    offline_web.add("http://news.example/a", html(story("Known")))
    missing = run("clip", "http://news.example/b", env=offline_web.overrides())
    assert missing.exit_code == 1
    assert "answered HTTP 404" in missing.output
    secure = run("clip", "https://news.example/a", env=offline_web.overrides())
    assert secure.exit_code == 1
    assert "403" in secure.output and "Traceback" not in secure.output
    assert len(secure.output.strip().splitlines()) == 1
    assert ("CONNECT", "news.example:443") in offline_web.requests
    assert "the proxy refused" in secure.output
    assert not any(line.startswith("INSERT INTO clippings") for line in dump(library_path))


def test_no_proxy_sends_a_host_around_the_proxy(
    run: Run, offline_web: OfflineWeb, server: Server
) -> None:
    local = server.route("/story", story("Straight to the server"))
    result = run("clip", local, env={**offline_web.overrides(), "NO_PROXY": "127.0.0.1"})
    assert result.exit_code == 0, result.output
    assert offline_web.requests == []
    assert server.requests == ["/story"]


def test_a_gzipped_page_goes_compressed_only_to_clients_that_accept_gzip() -> None:
    page = b"<html><body><p>saved</p></body></html>"
    with OfflineWeb({"http://saved.example/": Answer(gzip.compress(page), gzipped=True)}) as web:
        opener = _opener(web)
        plain = opener.open("http://saved.example/")
        assert (plain.read(), plain.headers["Content-Encoding"]) == (page, None)
        asking = urllib.request.Request(
            "http://SAVED.example:80/#top", headers={"Accept-Encoding": "gzip, br"}
        )
        packed = opener.open(asking)
        assert packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.read()) == page
        assert packed.headers["Content-Type"] == "text/html; charset=utf-8"
        assert web.asked("http://saved.example") == 2


def test_requests_that_are_not_for_a_known_http_url_are_refused() -> None:
    with OfflineWeb({"http://a.example/x y": html("<p>here</p>")}) as web:
        opener = _opener(web)
        assert opener.open("http://a.example/x%20y").read() == b"<p>here</p>"
        with pytest.raises(urllib.error.HTTPError) as unknown:
            opener.open("http://a.example/other")
        assert unknown.value.code == 404
        with pytest.raises(urllib.error.HTTPError) as direct:  # not a proxy request
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(web.proxy + "/x")
        assert direct.value.code == 400
        with pytest.raises(ValueError, match="http:// URLs only"):
            web.add("https://a.example/", html(""))


def test_env_replaces_every_proxy_variable() -> None:
    with OfflineWeb() as web:
        env = web.env({"PATH": "/bin", "no_proxy": "*", "NO_PROXY": "*", "ALL_PROXY": "x"})
        assert env == {
            "PATH": "/bin",
            "http_proxy": web.proxy,
            "HTTP_PROXY": web.proxy,
            "https_proxy": web.proxy,
            "HTTPS_PROXY": web.proxy,
        }


def test_url_keys_ignore_case_default_ports_fragments_and_percent_encoding() -> None:
    assert url_key("HTTP://Example.COM:80/a%20b?q=1#f") == "http://example.com/a b?q=1"
    assert url_key("http://example.com") == "http://example.com/"
    assert url_key("http://example.com:8080/") == "http://example.com:8080/"


def test_corpus_pages_get_http_urls_and_invented_ones_where_they_have_none(
    tmp_path: Path,
) -> None:
    (tmp_path / "html").mkdir()
    truth = {
        "1": {"url": "https://site.example/one", "title": "One"},
        "2": {"title": "No URL"},
        "3": {"url": "/relative", "title": "Relative"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    for key in truth:
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
    pages = corpus_pages("tiny", tmp_path)
    assert [p.url for p in pages] == [
        "http://site.example/one",
        "http://tiny.example/2/",
        "http://tiny.example/3/",
    ]
    assert pages[1].title == "No URL"
