"""The story's structure survives into Markdown, and plain text comes from the same blocks."""

from __future__ import annotations

import clipper
from tests.conftest import page_bytes

URL = "https://gazette.example.org/transport/2024/trams"

MARKDOWN = """\
The tram network reopened on *Monday* after **three years** of work, the \
[transport authority](https://gazette.example.org/transport/authority) said.

## What changed

Engineers replaced the track bed, the overhead wires and every stop. The work came in three phases:

1. New track on the eastern line
2. Overhead wires, in two parts:
    - the city centre
    - the river crossing
3. Accessible platforms at all 42 stops

![A new tram at the central stop](https://gazette.example.org/images/tram.jpg)\\
*A new tram at the central stop on opening day.*

### Timetable

| Line | Peak frequency |
| --- | --- |
| East | Every 6 minutes |
| West | Every 8 minutes |

> We built it to last fifty years.
>
> And to be quiet.

Developers can query the live positions with the open API, for example `GET /v1/trams`:

```
curl https://api.example.org/v1/trams?line=east
[{"id": 17, "stop": "Central"}]
```

Riders who spot a fault can report it online or read the [FAQ](https://example.org/faq#trams).

Fares stay at **2 euros** until next year."""

TEXT = """\
The tram network reopened on Monday after three years of work, the transport authority said.

What changed

Engineers replaced the track bed, the overhead wires and every stop. The work came in three phases:

New track on the eastern line
Overhead wires, in two parts:
the city centre
the river crossing
Accessible platforms at all 42 stops

Timetable

Line Peak frequency
East Every 6 minutes
West Every 8 minutes

We built it to last fifty years.

And to be quiet.

Developers can query the live positions with the open API, for example GET /v1/trams:

curl https://api.example.org/v1/trams?line=east
[{"id": 17, "stop": "Central"}]

Riders who spot a fault can report it online or read the FAQ.

Fares stay at 2 euros until next year."""


def test_markdown_keeps_headings_lists_quotes_tables_code_figures_and_links() -> None:
    article = clipper.extract(page_bytes("content_structure.html"), url=URL)
    assert article.markdown == MARKDOWN


def test_text_is_the_same_blocks_without_markup_or_captions() -> None:
    article = clipper.extract(page_bytes("content_structure.html"), url=URL)
    assert article.text == TEXT


def test_unsafe_links_and_inline_data_images_never_become_markdown_links() -> None:
    article = clipper.extract(page_bytes("content_structure.html"), url=URL)
    assert "javascript:" not in article.markdown
    assert "data:" not in article.markdown
    assert "spacer" not in article.markdown


def test_byline_title_and_share_bar_are_not_in_the_body() -> None:
    article = clipper.extract(page_bytes("content_structure.html"), url=URL)
    for fragment in ("How the city rebuilt", "Jane Doe", "Share", "Tweet", "Home", "Gazette"):
        assert fragment not in article.text
        assert fragment not in article.markdown


def test_relative_links_resolve_against_the_url_given() -> None:
    html = (
        "<html><body><article><h1>T</h1><p>A long enough paragraph of the story, with a "
        '<a href="../other/page?x=1">relative link</a> and an <a href="//cdn.example.net/a">'
        "protocol-relative one</a>, so that it counts as prose.</p></article></body></html>"
    )
    article = clipper.extract(html, url="https://news.example.com/world/2024/story.html")
    assert "[relative link](https://news.example.com/world/other/page?x=1)" in article.markdown
    assert "[protocol-relative one](https://cdn.example.net/a)" in article.markdown


def test_markdown_special_characters_in_text_are_escaped() -> None:
    html = (
        "<html><body><article><p>Prices rose 5*3 [sic] in the first_quarter, the "
        "report said, and analysts expect more of the same next year.</p>"
        "<p># not a heading, and this paragraph is long enough to be part of the story.</p>"
        "</article></body></html>"
    )
    article = clipper.extract(html, url="https://example.org/a")
    assert "5\\*3 \\[sic\\] in the first\\_quarter" in article.markdown
    assert "\\# not a heading" in article.markdown
    assert "5*3 [sic] in the first_quarter" in article.text


def test_an_emoji_drawn_as_a_picture_stays_in_its_sentence() -> None:
    # WordPress and others replace emoji with <img class="emoji" alt="😀">: the
    # character belongs to the sentence; a photo in a paragraph is set apart.
    lead = "The tram network reopened on Monday after three years of work on the lines. " * 3
    html = (
        "<html><body><article><h1>Trams are back</h1>"
        f"<p>{lead.strip()}</p>"
        "<p>Riders cheered <img class='emoji' alt='🎉' src='/e/1f389.svg'> as the first tram"
        " left <img alt='The first tram leaving the depot' src='/img/tram.jpg'> at dawn.</p>"
        "</article></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert article.text.endswith("Riders cheered 🎉 as the first tram left at dawn.")
    assert article.markdown.endswith(
        "![The first tram leaving the depot](https://gazette.example.org/img/tram.jpg)\n\n"
        "Riders cheered 🎉 as the first tram left at dawn."
    )


def test_a_formula_is_written_as_tex_where_it_stands() -> None:
    # MediaWiki draws formulas as pictures whose alt text is their TeX, with the
    # MathML hidden beside; other pages write MathML with its TeX annotated.
    # TeX goes in the Markdown only, as captions do: it is not words to search.
    lead = "A Hermitian matrix is a complex square matrix equal to its conjugate transpose. " * 3
    inline = (
        "<span style='display:none'><math alttext='{\\displaystyle i}'><mi>i</mi></math></span>"
        "<img class='mwe-math-fallback-image-inline' alt='{\\displaystyle i}' src='/m/i.svg'>"
    )
    html = (
        "<html><body><article><h1>Hermitian matrix</h1>"
        f"<p>{lead.strip()}</p>"
        f"<p>The element in row {inline} is real.</p>"
        "<div><img alt='{\\displaystyle a_{ij}={\\overline {a_{ji}}}}' src='/m/a.svg'></div>"
        "<p>MathML: <math><semantics><mi>x</mi><annotation encoding='application/x-tex'>x^2"
        "</annotation></semantics></math> is positive.</p>"
        "<p>Not trusted: <img alt='{\\displaystyle a$ [x](javascript:alert(1)) $}' src='/m/b.svg'>"
        " stays a picture.</p></article></body></html>"
    )
    article = clipper.extract(html, url=URL)
    markdown = article.markdown
    assert "The element in row $i$ is real." in markdown
    assert "\n\n$$a_{ij}={\\overline {a_{ji}}}$$\n\n" in markdown
    assert "MathML: $x^2$ is positive." in markdown
    assert "![{\\\\displaystyle a$ \\[x\\](javascript:alert(1)) $}](" in markdown
    assert "The element in row is real." in article.text
    assert "$" not in article.text
