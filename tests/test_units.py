"""Pure helpers: URL cleaning, sniffing, control characters, settings.

Decoding and dates are tested in test_decode.py and test_dates.py.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clipper.errors import ConfigError, NotHTMLError
from clipper.page import repack_gzip
from clipper.sniff import ensure_html, sniff
from clipper.text import count_words, size_text, strip_controls
from clipper.urls import canonical_url, clean_url, safe_link


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.org:443/a?utm_source=x&id=3&fbclid=y#top", "https://example.org/a?id=3"),
        ("http://example.org", "http://example.org/"),
        ("https://example.org/a?gclid=1&UTM_Medium=2", "https://example.org/a"),
        ("https://example.org:8080/a?b=1", "https://example.org:8080/a?b=1"),
        ("http://[::1]:8080/a?utm_source=x", "http://[::1]:8080/a"),
    ],
)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def test_canonical_url_prefers_the_page_but_not_its_front_page() -> None:
    story = "https://example.org/world/story-1?utm_source=feed"
    assert canonical_url("/world/story-1", story) == "https://example.org/world/story-1"
    assert canonical_url("https://example.org/", story) == "https://example.org/world/story-1"
    assert canonical_url(None, story) == "https://example.org/world/story-1"
    assert canonical_url(None, "file:///tmp/x.html") == "file:///tmp/x.html"
    assert canonical_url("https://example.org/s", "file:///tmp/x.html") == "https://example.org/s"


def test_safe_link_drops_script_schemes() -> None:
    assert safe_link("javascript:alert(1)") is None
    assert safe_link(" JavaScript:alert(1)") is None
    assert safe_link("data:text/html,<b>") is None
    assert safe_link("https://example.org/") == "https://example.org/"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.4 ...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"  <!DOCTYPE html><html>", "text/html"),
        (b'{"json": true}', "application/json"),
        (b"plain words", None),
        ("Слова на кириллице".encode("cp1251"), None),
        ("<p>UTF-16 page</p>".encode("utf-16"), "text/html"),
        (bytes(range(1, 256)) * 4, "application/octet-stream"),  # binary without a NUL
        (b"<html><title>A\x00B</title><p>one stray NUL is a flaw, not binary", "text/html"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00", "video/mp4"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),
    ],
)
def test_sniff(content: bytes, expected: str | None) -> None:
    assert sniff(content) == expected


def test_random_bytes_are_never_taken_for_a_page() -> None:
    import random

    noise = random.Random(187)
    for _ in range(500):
        blob = noise.randbytes(4096)
        with pytest.raises(NotHTMLError):
            ensure_html(blob, "application/octet-stream", where="x")


def test_ensure_html_believes_bytes_over_labels() -> None:
    ensure_html(b"<html><p>x</p></html>", "application/octet-stream", where="x")
    ensure_html(b"<html><p>x</p></html>", "image/png", where="x")
    with pytest.raises(NotHTMLError, match=r"\(application/pdf\)"):
        ensure_html(b"%PDF-1.4", "text/html", where="x")
    with pytest.raises(NotHTMLError, match=r"\(image/jpeg\)"):
        ensure_html(b"no markup", "image/jpeg", where="x")


def test_strip_controls_removes_escapes_but_keeps_text() -> None:
    hostile = "A\x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eevil\x07 ok\n"
    assert strip_controls(hostile) == "Ared link evil ok\n"


def test_count_words_counts_what_whitespace_separates_and_each_cjk_character() -> None:
    assert count_words("three plain words") == 3
    assert count_words("don't count the U.S. twice, well-known café") == 7
    assert count_words("俄罗斯和中国 bombers") == 7
    assert count_words("杭州地铁12号线 opens") == 8  # 杭州地铁 12 号线 opens
    assert count_words("  \n ") == 0


def test_settings_file(tmp_path: Path) -> None:
    from clipper.config import FetchSettings, load_settings

    assert load_settings(tmp_path / "absent.toml").fetch == FetchSettings()
    path = tmp_path / "config.toml"
    path.write_text(
        'library = "~/x.db"\n[fetch]\njobs = 3\ntimeout = 2.5\n[export]\nfolder = "n"\n'
    )
    settings = load_settings(path)
    assert (settings.library, settings.fetch.jobs, settings.fetch.timeout) == ("~/x.db", 3, 2.5)
    assert settings.export.folder == "n"
    for bad, message in [
        ("[fetch]\njobs = 'many'\n", "jobs must be a number"),
        ("[fetch]\njobz = 3\n", "unknown setting 'jobz'"),
        ("[fetch]\njobs = 0\n", "jobs must be greater than 0"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ("[fetch\n", "is not valid TOML"),
    ]:
        path.write_text(bad)
        with pytest.raises(ConfigError, match=message):
            load_settings(path)


def test_malformed_urls_are_answered_never_raised() -> None:
    from clipper.urls import join, split, url_problem

    for bad in ("http://[::1", "http://example.org:abc/x", "http://example.org:99999/"):
        assert split(bad) is None
        assert clean_url(bad) == bad  # kept as given, never a crash
    assert join("https://example.org/", "http://[::1") is None
    assert url_problem("http://[::1") == "its IPv6 address is not closed with ]"
    assert url_problem("https://") == "it has no host name"
    assert url_problem("http://exa mple.org/") == "its host name contains a space"
    assert url_problem("https://example.org/a") is None


def test_a_page_with_malformed_links_still_extracts() -> None:
    import clipper

    html = (
        '<html><head><title>T</title><link rel=canonical href="http://[bad">'
        '<meta property=og:image content="http://x:99999/a.jpg"></head><body><article><h1>T</h1>'
        '<p>A paragraph long enough to be the story, with a <a href="http://[::1">bad link</a>'
        ' and <a href="http://ex.org:abc/">another</a>.</p></article></body></html>'
    )
    article = clipper.extract(html, url="https://example.org/s")
    assert article.url == "https://example.org/s"
    assert article.image is None
    assert "[bad link]" not in article.markdown and "bad link and another" in article.text


@given(
    data=st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode),
    level=st.integers(0, 9),
    name=st.none() | st.binary(min_size=1, max_size=20).filter(lambda b: b"\0" not in b),
    comment=st.none() | st.binary(max_size=20).filter(lambda b: b"\0" not in b),
    extra=st.none() | st.binary(max_size=40),
    header_crc=st.booleans(),
)
def test_a_gzip_member_rewrapped_for_the_archive_inflates_to_its_content(
    data: bytes,
    level: int,
    name: bytes | None,
    comment: bytes | None,
    extra: bytes | None,
    header_crc: bool,
) -> None:
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    flags = (header_crc and 0x02) | (extra is not None and 0x04)
    flags |= (name is not None and 0x08) | (comment is not None and 0x10)
    header = b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\0\xff"
    if extra is not None:
        header += len(extra).to_bytes(2, "little") + extra
    header += (name + b"\0" if name is not None else b"") + (
        comment + b"\0" if comment is not None else b""
    )
    header += b"\x12\x34" if header_crc else b""
    trailer = zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(4, "little")
    member = header + deflate.compress(data) + deflate.flush() + trailer
    assert gzip.decompress(member) == data  # a member any gzip reads
    packed = repack_gzip(member, data)
    assert packed is not None
    assert zlib.decompress(packed.compressed) == data
    assert packed.sha256 == hashlib.sha256(data).hexdigest()


def test_what_is_not_a_gzip_member_is_not_rewrapped() -> None:
    member = gzip.compress(b"<p>story</p>")
    assert repack_gzip(member[:9], b"<p>story</p>") is None  # too short
    assert repack_gzip(b"\x1f\x8b\x07" + member[3:], b"<p>story</p>") is None  # not deflate
    assert repack_gzip(member[:3] + b"\x20" + member[4:], b"<p>story</p>") is None  # reserved flag
    unterminated = member[:3] + b"\x08" + member[4:10] + b"name without its end"
    assert repack_gzip(unterminated, b"<p>story</p>") is None


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0 bytes"), (111, "111 bytes"), (999, "999 bytes"), (1_000, "1.0 kB"),
     (1_540, "1.5 kB"), (256_000_000, "256 MB"), (4_000_000_000, "4.0 GB"),
     (12_000_000_000_000, "12 TB")],
)  # fmt: skip
def test_sizes_are_shown_one_way_everywhere(count: int, shown: str) -> None:
    # The pictures table, `stats` and the import limits once each wrote their own.
    assert size_text(count) == shown
