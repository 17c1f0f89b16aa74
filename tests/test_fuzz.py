"""Fuzzing: whatever a page or a person hands clipper, it answers or refuses in its own words.

Property-based tests (hypothesis) for the URL layer and the extractor: each
either succeeds or raises clipper's own error type, never anything else, and
never hangs (hypothesis's per-example deadline, and a subprocess time limit
for the giant inputs). The query parser, the filename maker and the front
matter writer have their own property tests (test_query_properties.py,
test_export_properties.py).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import clipper
from clipper.article import Article
from clipper.errors import ExtractionError
from clipper.urls import canonical_url, clean_url, is_web_url, join, safe_link, split, url_problem
from tests.conftest import PAGES

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- URLs -----------------------------------------------------------------------------------

url_parts = st.sampled_from(
    ["http://", "https://", "ftp://", "javascript:", "data:", "//", "http://[", "]", ":",
     ":abc", ":99999", "@", "?", "#", "/", "..", "%", "%zz", " ", "\t", "\x00", "\u202e",
     "example.org", "xn--bcher-kva.example", "[::1]", "utm_source=x", "&", "=", "ü", "中文"]
)  # fmt: skip
urlish = st.lists(st.one_of(url_parts, st.text(max_size=6)), max_size=12).map("".join)


@FUZZ
@given(text=urlish, other=urlish)
@example(text="http://[::1", other="http://example.org:abc/")
@example(text="https://", other="http://example.org:99999/")
@example(text="http://..", other="")
def test_the_url_layer_never_raises(text: str, other: str) -> None:
    parts = split(text)
    joined = join(text, other)
    problem = url_problem(text)
    assert (problem is None) == is_web_url(text)
    cleaned = clean_url(text)
    canonical = canonical_url(other, text)
    link = safe_link(text)
    if parts is None:
        assert not is_web_url(text)
    if joined is not None:
        assert split(joined) is not None
    if is_web_url(text):
        assert is_web_url(cleaned)
        assert clean_url(cleaned) == cleaned  # cleaning twice changes nothing
        assert canonical is not None and is_web_url(canonical)
    if link is not None:
        assert not link.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))


# -- the extractor --------------------------------------------------------------------------

TAGS = ["html", "head", "body", "title", "meta", "script", "style", "div", "p", "span", "a",
        "h1", "h2", "ul", "ol", "li", "table", "tr", "td", "blockquote", "pre", "code",
        "article", "main", "nav", "footer", "aside", "figure", "img", "br", "svg", "template",
        "noscript", "iframe", "form", "select", "time", "b", "i", "em", "!--",
        "![CDATA["]  # fmt: skip
ATTRIBUTES = ['class="article-body"', 'class="share related"', 'id="main"', "hidden",
              'href="javascript:alert(1)"', 'href="http://[::1"', 'href="/x"', 'src="data:x"',
              'style="display:none"', 'itemprop="articleBody"', 'type="application/ld+json"',
              'lang="ar" dir="rtl"', 'content="2020-12-22"', 'property="og:title"']  # fmt: skip
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=40
) | st.sampled_from(
    ["Русские бомбардировщики", "中国和俄罗斯", "قاذفات روسية", "Pékin", "&amp;", "&#0;",
     "&#x202e;", "\x1b[31m", "[bold]x[/]", "{\"@type\":\"NewsArticle\",", "<", ">", "\"", "'"]
)  # fmt: skip


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            attrs = " ".join(draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3)))
            pieces.append(f"<{tag} {attrs}>")
        elif kind == 1:
            pieces.append(f"</{tag}>")
        else:
            pieces.append(draw(WORDS))
    return "".join(pieces)


def extracts_or_refuses(html: str | bytes, url: str | None = "https://example.org/s") -> None:
    try:
        article = clipper.extract(html, url=url)
    except ExtractionError as error:
        assert str(error)  # a message a person can read
        return
    assert isinstance(article, Article)
    assert "\x1b" not in article.text and "\x00" not in article.text
    assert "javascript:" not in article.markdown.lower()


@FUZZ
@given(html=tag_soup())
@example(html='<pre ><title ><html href="javascript:alert(1)">')  # a <title> read as text
def test_any_tag_soup_extracts_or_is_refused(html: str) -> None:
    extracts_or_refuses(html)


@FUZZ
@given(content=st.binary(max_size=4096))
def test_any_bytes_extract_or_are_refused(content: bytes) -> None:
    extracts_or_refuses(content, url=None)


SEEDS = sorted(PAGES.glob("*.html"))


@st.composite
def mutated_page(draw: st.DrawFn) -> bytes:
    """A real fixture page, cut, spliced, doubled and sprinkled with junk bytes."""
    page = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(page)))
        action = draw(st.integers(0, 3))
        if action == 0:
            del page[at : at + draw(st.integers(1, 2000))]
        elif action == 1:
            page[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == 2:
            other = draw(st.sampled_from(SEEDS)).read_bytes()
            start = draw(st.integers(0, len(other)))
            page[at:at] = other[start : start + draw(st.integers(1, 3000))]
        else:
            page = page[:at]  # truncated, as a dropped connection leaves it
    return bytes(page)


@settings(FUZZ, max_examples=60)
@given(page=mutated_page())
def test_mutated_real_pages_extract_or_are_refused(page: bytes) -> None:
    extracts_or_refuses(page)


GIANTS = """
import sys, clipper
from clipper.errors import ExtractionError
depth = 100_000
pages = {
    "deep": "<html><body>" + "<div>" * depth
    + "<p>Deep inside the page a paragraph waits to be found by the reader.</p>"
    + "</div>" * depth,
    "deep-unclosed": "<p>" + "<span><b><i>" * (depth // 3) + "words " * 50,
    "one-line": "<html><body><article><p>" + ("word " * 2_000_000) + "</p></article></body></html>",
    "no-markup": "x" * 10_000_000,
}
for name, html in pages.items():
    try:
        article = clipper.extract(html, url="https://example.org/giant")
        print(name, "article", len(article.text))
    except ExtractionError as error:
        print(name, "refused", error)
"""


def test_giant_and_deeply_nested_pages_finish_in_bounded_time(tmp_path: Path) -> None:
    # 100,000 levels of nesting would overflow any recursive walk; a 10 MB line
    # would expose quadratic text handling. A subprocess bounds the time.
    result = subprocess.run(
        [sys.executable, "-c", GIANTS], capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["deep", "deep-unclosed", "one-line", "no-markup"]
    assert (
        "Deep inside the page"
        in clipper.extract(
            "<div>" * 2000
            + "<p>Deep inside the page a paragraph waits to be found by the reader.</p>"
        ).text
    )
