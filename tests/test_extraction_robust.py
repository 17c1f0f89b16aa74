"""Hostile and broken input: an article with what could be found, or one ExtractionError.

Never another exception and never a hang: pathological nesting and huge pages
must come back in seconds, not minutes.
"""

from __future__ import annotations

import time

import pytest

import clipper
from clipper.errors import ExtractionError

STORY = (
    "<p>The council approved the new budget on Tuesday after a long debate, and the mayor "
    "said the money would go to schools, roads and the library.</p>"
)


@pytest.mark.parametrize("html", ["", "   \n\t ", b"", b"  \n", "\x00\x00"])
def test_empty_pages_raise_one_clear_error(html: str | bytes) -> None:
    with pytest.raises(ExtractionError, match="empty"):
        clipper.extract(html, url="https://example.org/")


def test_a_value_that_is_not_a_page_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="str or bytes"):
        clipper.extract(None, url="https://example.org/")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "html",
    [
        "just some words, no markup at all",
        "<p>Unclosed paragraph <b>bold <i>both",
        "<html><body><div><p>The text stops in the midd",
        "<<<>>><</>><!-- unterminated comment",
        "<html><head><title>Only a head</title></head></html>",
        "<frameset><frame src='a.html'></frameset>",
        "<svg><text>drawing</text></svg>",
        "<table><tr><td>cell<td>cell<tr><td>",
        bytes(range(256)) * 64,
        "<p>\ud800 lone surrogate and \x07 bell</p>",
    ],
)
def test_broken_documents_give_an_article(html: str | bytes) -> None:
    article = clipper.extract(html, url="https://example.org/a")
    assert isinstance(article.text, str)
    assert "\x07" not in article.text


def test_truncated_page_keeps_the_text_it_has() -> None:
    html = f"<html><body><article>{STORY}<p>The second paragraph was cut off in the mid"
    article = clipper.extract(html, url="https://example.org/a")
    assert article.text.startswith("The council approved the new budget")
    assert article.text.endswith("cut off in the mid")


@pytest.mark.parametrize("tag", ["div", "span", "blockquote", "b", "a", "section"])
def test_deep_nesting_is_fast_and_keeps_the_text(tag: str) -> None:
    depth = 100_000
    html = f"<html><body>{f'<{tag}>' * depth}{STORY}{f'</{tag}>' * depth}</body></html>"
    started = time.perf_counter()
    article = clipper.extract(html, url="https://example.org/a")
    assert time.perf_counter() - started < 20  # a minute before the guard
    assert "the mayor said the money would go to schools" in article.text


def test_deeply_nested_lists_keep_markdown_indentation_bounded() -> None:
    depth = 50_000
    html = "<ul><li>" * depth + "innermost item" + "</li></ul>" * depth
    article = clipper.extract(html, url="https://example.org/a")
    assert "innermost item" in article.text
    assert max(len(line) for line in article.markdown.splitlines()) < 100


def test_a_ten_megabyte_line_is_extracted() -> None:
    words = "word " * 2_000_000
    article = clipper.extract(f"<html><body><p>{words}</p></body></html>", url="https://e.org/")
    assert article.word_count == 2_000_000


def test_a_fifty_megabyte_page_is_extracted() -> None:
    # What makes real pages huge: inline application state and inline images.
    state = '<script id="__NEXT_DATA__" type="application/json">' + '{"k": [1, 2, 3]}' * 2_000_000
    image = '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 2_000_000 + '">'
    html = (
        f"<html><head>{state}</script></head><body><article>{STORY}{image}</article></body></html>"
    )
    assert len(html) > 50_000_000
    article = clipper.extract(html, url="https://example.org/a")
    assert article.text.startswith("The council approved the new budget")


def test_a_page_of_a_hundred_thousand_teasers_is_extracted() -> None:
    teaser = '<div class="teaser"><a href="/x">Another story</a></div>\n'
    html = f"<html><body><article>{STORY}</article>{teaser * 100_000}</body></html>"
    article = clipper.extract(html, url="https://example.org/a")
    assert article.text.startswith("The council approved the new budget")
    assert "Another story" not in article.text


@pytest.mark.parametrize("where", ["og:image", "canonical", "link", "url"])
def test_a_malformed_url_anywhere_costs_at_most_that_url(where: str) -> None:
    bad = "http://[::1"
    head = {
        "og:image": f'<meta property="og:image" content="{bad}">',
        "canonical": f'<link rel="canonical" href="{bad}">',
    }.get(where, "")
    link = f'<a href="{bad}">a link</a>' if where == "link" else "a link"
    html = (
        f"<html><head>{head}</head><body><article>{STORY}<p>And {link}.</p></article></body></html>"
    )
    article = clipper.extract(html, url=bad if where == "url" else "https://example.org/a")
    assert article.text.startswith("The council approved the new budget")


@pytest.mark.parametrize(
    "names", ["story-part\n    wide", 'story "part"', "story\\part", "story[part]", "a:b{c}"]
)
def test_class_names_that_are_not_valid_css_still_join_a_story_split_by_ads(names: str) -> None:
    # A story cut into chunks of one class by advertising is put back together
    # by comparing the chunks' class attribute: the class is the page's text,
    # and a selector built from it would not parse.
    chunk = f'<div class="{names.replace(chr(34), "&quot;")}">'
    facts = [
        "the council met on Tuesday evening in the old town hall",
        "schools will receive four million more than last year",
        "the road repairs start in spring and last until autumn",
        "the library keeps its Sunday opening hours after all",
        "two members voted against the plan and one abstained",
        "the mayor thanked the volunteers who counted the ballots",
    ]
    paragraphs = [
        f"<p>Paragraph {n} of the report: {fact}, according to the minutes published today.</p>"
        for n, fact in enumerate(facts, start=1)
    ]
    html = (
        "<html><body><h1>Council passes the budget</h1><div>"
        f"{chunk}{''.join(paragraphs[:3])}</div>"
        '<div class="ad-slot"><p>Advertisement</p></div>'
        f"{chunk}{''.join(paragraphs[3:])}</div>"
        "</div></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/a")
    for n in range(1, 7):
        assert f"Paragraph {n} of the report" in article.text
    assert "Advertisement" not in article.text


def test_an_escape_sequence_leaves_the_markdown_whole_as_it_leaves_the_text() -> None:
    # Markdown escapes "[", which must not leave "[31m" behind once ESC is gone.
    story = "The storm closed the port for two days and the ferries stayed in. " * 3
    html = (
        "<html><body><article><h1>A story</h1>"
        f"<p>{story}Red \x1b[31mwarning\x1b[0m and a \x1b]0;title\x07 here.</p>"
        "</article></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/a")
    assert article.text.endswith("Red warning and a  here.")
    assert article.markdown.endswith("Red warning and a  here.")
