"""Listing pages: a shop's category or a chart is its grid of cards, under a short intro.

Each case asserts the exact text kept, and that the site's menus (and, on a story,
its rail of teasers) stay out.
"""

from __future__ import annotations

import clipper
from tests.test_extraction_pages import STORY

URL = "https://shop.example.org/standing-desks/"

INTRO = "Desks that rise and fall with you, built in Texas and shipped free within ten days."
DESKS = (
    ("Oak Standing Desk", "$599"),
    ("Walnut Corner Desk", "$1149"),
    ("Parsons Standing Desk", "$829"),
    ("Walking Desk", "$948"),
    ("Bamboo Desk, 4-Leg", "$959"),
    ("Curved Corner Desk", "$989"),
    ("Laminate Standing Desk", "$899"),
    ("Solid Wood Standing Desk", "$1989"),
    ("Height Adjustable Craft Table", "$1539"),
    ("Conference Table, 42-inch", "$1199"),
)
MENU = (
    "<div class='links'><a href='/'>Home</a> <a href='/chairs/'>Chairs</a> "
    "<a href='/lamps/'>Lamps</a> <a href='/sale/'>Sale</a> <a href='/help/'>Help</a></div>"
)


def card(name: str, price: str) -> str:
    slug = name.lower().replace(" ", "-").replace(",", "")
    return (
        f"<div class='card'><a href='/{slug}/'><img src='/{slug}.jpg' alt=''></a>"
        f"<a href='/{slug}/'>{name}</a> <span class='price'>{price}</span></div>"
    )


def test_a_grid_of_product_cards_under_a_short_intro_is_the_page() -> None:
    grid = "".join(card(name, price) for name, price in DESKS)
    html = (
        f"<html><body>{MENU}<main><h1>Standing desks</h1><p>{INTRO}</p>"
        f"<div class='grid'>{grid}</div></main></body></html>"
    )
    text = clipper.extract(html, url=URL).text
    expected = [INTRO] + [f"{name} {price}" for name, price in DESKS]
    assert text.split("\n\n") == expected
    assert "Chairs" not in text


def test_a_story_keeps_its_paragraphs_and_drops_a_rail_of_cards_after_it() -> None:
    grid = "".join(card(name, price) for name, price in DESKS)
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    html = (
        f"<html><body>{MENU}<main><h1>Depot to become a library</h1>"
        f"<div class='story'>{story}</div><div class='grid'>{grid}</div></main></body></html>"
    )
    text = clipper.extract(html, url="https://example.org/news/depot").text
    assert text.split("\n\n") == list(STORY)


NEWS = tuple(
    (
        f"Council report number {n} on the freight depot",
        f"Report {n}: the council's planners looked again at the old freight depot, its brick "
        "facade and its iron roof, and at what two hundred flats, a library and a market hall "
        "would mean for traffic, schools and the river path along the site.",
    )
    for n in range(1, 13)
)


def test_a_news_index_laid_out_in_rows_of_teasers_keeps_every_headline() -> None:
    def teaser(headline: str, summary: str) -> str:
        slug = headline.lower().replace(" ", "-")
        return (
            f"<div class='col'><h3><a href='/news/{slug}'>{headline}</a></h3><p>{summary}</p></div>"
        )

    rows = "".join(
        "<div class='row'>" + "".join(teaser(*item) for item in NEWS[i : i + 3]) + "</div>"
        for i in range(0, len(NEWS), 3)
    )
    html = (
        f"<html><body>{MENU}<main><h1>Latest news</h1><div class='posts'>{rows}</div>"
        "</main></body></html>"
    )
    text = clipper.extract(html, url="https://example.org/news/").text
    assert text.split("\n\n") == [line for item in NEWS for line in item]
    assert "Chairs" not in text


LONG_REVIEW = (
    "I came to the school as an adult beginner, unsure, nervous, and convinced I had no rhythm "
    "at all, and three years later I play in a band, read charts, and practise every day. "
    "The lessons are patient, precise, and fun, with a plan for each week, notes sent after "
    "each lesson, recordings of the tricky bits, and a teacher who answers every question, "
    "however small, however late, and however many times I ask it. The studio is warm, the "
    "kit is good, the hours are flexible, and the progress, week after week, is real."
)
REVIEWS = (
    (LONG_REVIEW, "Adult student"),
    *(
        (
            f"Review {n}: my son comes home from every lesson with a new groove to practise "
            "and a bigger smile; we could not ask for a kinder, more patient teacher.",
            f"Parent number {n}",
        )
        for n in range(1, 4)
    ),
)


def test_a_page_builders_blocks_named_widget_are_its_content() -> None:
    # Each review sits in its own section, in blocks the builder names "widget":
    # a name the blocks of the whole story share is the layout's, not a sidebar's.
    sections = "".join(
        "<section class='builder-section'><div class='builder-column'>"
        f"<div class='builder-element builder-widget heading-widget'><h5>{name}</h5></div>"
        f"<div class='builder-element builder-widget text-widget'><p>{review}</p></div>"
        "</div></section>"
        for review, name in REVIEWS
    )
    html = (
        f"<html><body>{MENU}<div class='layout'><h1>What our students say</h1>"
        f"<div class='builder-page'>{sections}</div></div></body></html>"
    )
    text = clipper.extract(html, url="https://example.org/testimonials/").text
    assert text.split("\n\n") == [line for review, name in REVIEWS for line in (name, review)]


def test_fields_set_side_by_side_are_separate_words() -> None:
    # A film's year, length and rating in spans with nothing between them (the
    # page's style sets them apart), and a word split in two for styling.
    details = "<p class='details'><span>1994</span><span>2h 22m</span><span>R</span></p>"
    split = "<p>Filmed on the <span>Co</span><span>rnell</span> campus over one winter.</p>"
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    html = f"<html><body><main><h1>The Long Road</h1>{details}{story}{split}</main></body></html>"
    text = clipper.extract(html, url="https://example.org/films/the-long-road").text
    assert text.split("\n\n") == [
        "1994 2h 22m R",
        *STORY,
        "Filmed on the Cornell campus over one winter.",
    ]


def test_a_pickers_menu_and_options_are_controls_not_content() -> None:
    # ARIA menus and listboxes are a page's controls, however long their choices.
    picker = (
        "<ul role='listbox'><li role='option'>English, the language this story was first "
        "written in, and the one shown unless you choose another</li><li role='option'>"
        "Français, traduit par notre rédaction et relu par un correcteur</li></ul>"
        "<div role='menu'><a role='menuitemradio' href='?since=daily'>Stories from today, "
        "newest first, updated every hour</a></div>"
    )
    first, *rest = (f"<p>{paragraph}</p>" for paragraph in STORY)
    html = (
        "<html><body><h1>Depot to become a library</h1>"
        f"<div class='text'>{first}{picker}{''.join(rest)}</div></body></html>"
    )
    text = clipper.extract(html, url="https://example.org/news/depot").text
    assert text.split("\n\n") == list(STORY)
