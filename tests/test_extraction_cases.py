"""Page shapes that trip extractors up, each written small enough to read at a glance.

Every case asserts the exact story and checks that the trap stayed out.
"""

from __future__ import annotations

import json

import pytest

import clipper

URL = "https://example.org/news/story"

ONE = (
    "The city council approved a plan on Monday to turn the old freight depot into a library, "
    "a market hall and two hundred flats, ending a decade of disputes over the site."
)
TWO = (
    "Work is due to start next spring. The developer, a cooperative of local builders, said it "
    "would keep the brick facade and the iron roof, which are listed."
)
THREE = (
    "Neighbours had opposed an earlier plan for offices, arguing that the district already had "
    "too little housing and too much traffic."
)
STORY = (ONE, TWO, THREE)


def body(article: clipper.Article) -> list[str]:
    return article.text.split("\n\n")


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_comments_longer_than_the_story_stay_out() -> None:
    comment = (
        "<div class='comment-body'><p>I have lived here for forty years and I can tell you, "
        "this depot has been an eyesore, a danger to children, and a magnet for trouble. "
        "Whatever they build, it will be better than what we have, and about time too.</p></div>"
    )
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>{paragraphs(*STORY)}"
        f"</div><section id='comments'><h2>12 comments</h2>{comment * 8}</section></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_old_layout_table_with_text_between_line_breaks() -> None:
    html = (
        "<html><head><title>Depot to become a library</title></head>"
        "<body><table><tr><td class='nav'><a href='/'>Home</a><br><a href='/a'>Archive</a>"
        "<br><a href='/c'>Contact</a></td><td><font size='4'><b>Depot to become a library</b>"
        f"</font><br><br>{ONE}<br><br>{TWO}<br><br>{THREE}</td></tr></table></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_story_split_by_advertising_is_joined() -> None:
    html = (
        "<html><body><h1>Depot to become a library</h1>"
        f"<div class='grid'><div class='article-chunk'>{paragraphs(ONE)}</div>"
        "<div class='ad-slot'>Advertisement</div></div>"
        f"<div class='grid'><div class='article-chunk'>{paragraphs(TWO)}</div>"
        "<div class='ad-slot'>Advertisement</div></div>"
        f"<div class='grid'><div class='article-chunk'>{paragraphs(THREE)}</div></div>"
        "</body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_listicle_of_sections_is_the_story_not_a_teaser_list() -> None:
    sections = "".join(
        f"<section class='item'><h2>{n}. {title}</h2><p>{text}</p></section>"
        for n, (title, text) in enumerate(
            [("The library", ONE), ("The market hall", TWO), ("The flats", THREE)], start=1
        )
    )
    html = (
        f"<html><body><h1>Three things to know</h1><div class='list'>{sections}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [
        "1. The library",
        ONE,
        "2. The market hall",
        TWO,
        "3. The flats",
        THREE,
    ]


def test_related_articles_made_of_article_elements_stay_out() -> None:
    teaser = (
        "<article class='card'><h3><a href='/n/{n}'>Another story number {n} about the city</a>"
        "</h3><p>A summary of another story that the site would like you to read next…</p>"
        "</article>"
    )
    related = "".join(teaser.format(n=n) for n in range(5))
    html = (
        f"<html><body><article class='main'><h1>Depot to become a library</h1>"
        f"{paragraphs(*STORY)}</article><section>{related}</section></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)


def test_a_related_links_list_at_the_end_of_the_body_goes_with_its_heading() -> None:
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='entry-content'>"
        f"{paragraphs(*STORY)}<h3>Related</h3><ul>"
        "<li><a href='/a'>Council approves budget for the new year</a></li>"
        "<li><a href='/b'>Market traders fear for their pitches</a></li>"
        "<li><a href='/c'>Library opening hours to be extended</a></li></ul></div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)
    assert "Related" not in article.markdown


def test_byline_dateline_and_share_buttons_inside_the_body_stay_out() -> None:
    html = (
        "<html><body><article><h1>Depot to become a library</h1><div class='content'>"
        "<p class='byline'>By Sam Writer</p><p class='date'>Monday 3 June 2024</p>"
        "<div class='share'><a href='https://facebook.com/sharer'>Facebook</a>"
        "<a href='https://twitter.com/intent'>Twitter</a><a href='mailto:'>Email</a></div>"
        f"{paragraphs(*STORY)}<p>Share this article</p></div></article></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_short_signed_story_beside_a_long_sidebar_is_still_found_by_its_title() -> None:
    # Unsigned, the same page is kept whole: see test_extraction_pages's
    # test_a_story_under_the_title_must_be_signed_to_stand_alone.
    sidebar_item = (
        "<div class='box'><p>Our weekly guide to what is on in town this weekend, from the "
        "market to the cinema, with opening times, prices and everything else you need.</p></div>"
    )
    html = (
        "<html><body><div class='wrap'><div class='main'><h1>Depot to become a library</h1>"
        f"<p class='byline'>By Ann Lee</p><div class='text'>{paragraphs(ONE, TWO)}</div></div>"
        f"<div class='aside-column'>{sidebar_item * 6}</div></div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, TWO]


def test_the_declared_article_body_breaks_a_tie_between_two_runs_of_prose() -> None:
    letter = (
        "<p>Letter: I grew up near the depot and remember the trains, the smell of coal and "
        "the noise, and I think a library would be a fitting end for it, whatever it costs.</p>"
    )
    declared = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(STORY)})
    html = (
        f"<html><head><script type='application/ld+json'>{declared}</script></head><body>"
        f"<div class='a'>{paragraphs(*STORY)}</div><div class='b'>{letter * 3}</div>"
        "</body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_sentence_that_links_its_names_stays_but_a_read_more_line_goes() -> None:
    linked = (
        "<p><a href='/people/ann'>Ann Lee</a> has joined <a href='/teams/rovers'>the City "
        "Rovers</a>.</p>"
    )
    read_more = "<p>Read more: <a href='/n/1'>Rovers sign a new goalkeeper from Porto</a></p>"
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(ONE)}{linked}{read_more}{paragraphs(TWO, THREE)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [
        ONE,
        "Ann Lee has joined the City Rovers.",
        TWO,
        THREE,
    ]


@pytest.mark.parametrize("announced", [True, False])
def test_a_link_or_two_the_story_announces_stays(announced: bool) -> None:
    # "For more information, see:" leads into its two links; after a plain
    # paragraph the same two links are a "Read also" box.
    lead = "The depot's records are kept by the city archive. For more information, see:"
    links = (
        "<ul><li><a href='/archive/depot'>The depot archive</a></li>"
        "<li><a href='/archive/rail'>Rail history files</a></li></ul>"
    )
    intro = lead if announced else lead.replace(" For more information, see:", "")
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(ONE, TWO, intro)}{links}{paragraphs(THREE)}</div></body></html>"
    )
    kept = "The depot archive" in clipper.extract(html, url=URL).text
    assert kept is announced


@pytest.mark.parametrize("listed", [True, False])
def test_a_heading_the_pages_contents_link_to_is_the_storys(listed: bool) -> None:
    # A documentation generator names every heading for its scroll offset
    # under the sticky navbar; the table of contents links to each by its id.
    contents = "<ul class='toc'><li><a href='#plans'>The plans</a></li></ul>" if listed else ""
    html = (
        f"<html><body><h1>Depot to become a library</h1>{contents}<div class='text'>"
        f"{paragraphs(ONE)}<h2 class='anchor anchorTargetStickyNavbar' id='plans'>The plans</h2>"
        f"{paragraphs(TWO, THREE)}</div></body></html>"
    )
    assert ("The plans" in body(clipper.extract(html, url=URL))) is listed


def test_hover_cards_and_screen_reader_words_are_not_read_into_the_line() -> None:
    card = (
        "<span class='person'><a href='/p/ann'>Ann Lee</a><span class='person-tooltip'>"
        "<a href='/p/ann/1'>Ann Lee's last five stories</a></span></span>"
    )
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>{paragraphs(ONE)}"
        f"<p>The plan was drawn up by {card}, the city architect"
        "<span class='sr-only'> (opens in a new window)</span>, who retires next year.</p>"
        f"{paragraphs(TWO)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [
        ONE,
        "The plan was drawn up by Ann Lee, the city architect, who retires next year.",
        TWO,
    ]


def test_an_embedded_post_is_quoted_even_inside_a_widget_or_social_wrapper() -> None:
    tweet = (
        "<div class='article-widget social'><blockquote class='twitter-tweet'><p>The depot "
        "will be a library! Best news this year.</p>— Ann Lee (@annlee) "
        "<a href='https://twitter.com/annlee/status/1'>June 3, 2024</a></blockquote></div>"
    )
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>{paragraphs(ONE)}"
        f"{tweet}{paragraphs(TWO, THREE)}</div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [
        ONE,
        "The depot will be a library! Best news this year.",
        "— Ann Lee (@annlee) June 3, 2024",
        TWO,
        THREE,
    ]
    assert "> The depot will be a library! Best news this year.\n>\n> — Ann Lee" in article.markdown


def test_datelines_and_filing_lines_around_the_story_stay_out() -> None:
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='text'>"
        "<p>Updated at 1:23 p.m.</p><p>05/10/2018 - Published by: Sam Writer</p>"
        f"{paragraphs(*STORY)}<p>Filed under: City | Housing</p>"
        "<p>© 2024 Example News. All rights reserved.</p></div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_aria_landmarks_for_banner_navigation_and_footer_stay_out() -> None:
    html = (
        "<html><body><div role='banner'><p>The Example Gazette, your city's daily paper since "
        "1871, independent and proud of it.</p></div><div role='navigation'><p>News, Sport, "
        "Culture, Opinion, Weather, Puzzles, Obituaries, Jobs, Property</p></div>"
        f"<h1>Depot to become a library</h1><div class='text'>{paragraphs(*STORY)}</div>"
        "<div role='contentinfo'><p>Printed and published by Example Media, 1 Harbour Street, "
        "Port Town, registered in England.</p></div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_timeline_table_and_list_with_dates_are_kept() -> None:
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>{paragraphs(ONE)}"
        "<table><tr><th>Date</th><th>Step</th></tr><tr><td>12/05/2025</td><td>Works begin</td>"
        "</tr></table><ul><li>01/03/2026: roof repaired</li><li>01/09/2026: library opens</li>"
        f"</ul>{paragraphs(TWO)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [
        ONE,
        "Date Step\n12/05/2025 Works begin",
        "01/03/2026: roof repaired\n01/09/2026: library opens",
        TWO,
    ]


def test_the_title_heading_inside_the_story_is_not_repeated_in_the_body() -> None:
    # The <h1> words the title differently from <title>; it is still the title.
    html = (
        "<html><head><title>Depot will become a library - The Example Gazette</title></head>"
        "<body><article><h1>Depot to become library, council decides</h1>"
        "<div class='credits'><span>Sam Writer</span><span>Example Gazette</span></div>"
        "<div class='ad'>Advertisement - the story continues below this box</div>"
        f"{paragraphs(*STORY)}</article></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_subheading_above_an_advertisement_is_kept() -> None:
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>{paragraphs(ONE)}"
        "<h2>What happens next</h2><div class='ad-container'>Advertisement - scroll to continue "
        f"reading</div>{paragraphs(TWO, THREE)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, "What happens next", TWO, THREE]


def test_a_section_shown_twice_by_the_template_is_kept_once() -> None:
    # Responsive templates print the same story twice (one copy for small
    # screens): the reader sees it once.
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"<div class='mobile'>{paragraphs(*STORY)}</div>"
        f"<div class='desktop'>{paragraphs(*STORY)}</div></div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_description_shown_twice_keeps_its_list_once() -> None:
    # A shop prints its description again for small screens, below the
    # add-to-cart button: its short lead-in line and its list go with the copy.
    items = ("A brass lamp holder", "Two metres of cloth cord", "A linen shade")
    section = (
        f"<p>{ONE}</p><p><strong>In the box:</strong></p>"
        f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul><p>{TWO}</p>"
    )
    html = (
        f"<html><body><main><h1>Walnut desk lamp</h1><div class='product'>"
        f"<div class='description'>{section}</div><button>Add to cart</button>"
        f"<div class='description'>{section}</div></div></main></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, "In the box:", "\n".join(items), TWO]


def test_a_heading_and_paragraph_the_page_repeats_stay() -> None:
    # A long paragraph said again under each subheading, each saying
    # overlapping the one before: the page's own words, not a template's copy.
    long = f"{ONE} {TWO}"
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"<p>{long}</p><h2>Again</h2><p>{long}</p><h2>Again</h2><p>{long}</p></div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [long, "Again", long, "Again", long]


def test_a_paragraph_the_page_says_twice_in_a_row_stays_twice() -> None:
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"{paragraphs(ONE, TWO, TWO, THREE)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, TWO, TWO, THREE]


def test_a_paragraph_whose_words_recur_after_a_subheading_is_not_a_teaser() -> None:
    # A lead shown twice is repeated where the story opens; a summary further
    # down, after a subheading, that reuses the opening's words is the story's own.
    recap = f"In short: {ONE[0].lower()}{ONE[1:]} {TWO}"
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"{paragraphs(ONE, TWO, THREE)}<h2>In short</h2>{paragraphs(recap)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, TWO, THREE, "In short", recap]


def test_a_subheading_that_quotes_part_of_the_title_stays_in_the_story() -> None:
    html = (
        # No <h1>: the page shows its title only in the browser's tab.
        "<html><head><title>Depot plan: a library, a market and flats</title></head><body>"
        "<div class='text'>"
        f"{paragraphs(ONE)}<h2>A market and flats</h2>{paragraphs(TWO, THREE)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, "A market and flats", TWO, THREE]


def test_subheadings_that_link_to_themselves_are_kept() -> None:
    # Documentation links each heading to itself (a permalink): that is no link away.
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(ONE)}<h2 id='next'><a href='#next'>What happens next</a></h2>"
        f"{paragraphs(TWO, THREE)}</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [ONE, "What happens next", TWO, THREE]


def test_a_long_paragraph_repeated_alone_under_another_heading_stays() -> None:
    # A template repeats a run of blocks; one paragraph said again in another
    # section (a recap, a summary box) is the page's own words.
    both = f"{ONE} {TWO}"
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(both, THREE)}<h2>In short</h2>{paragraphs(both)}<p>Ask the council.</p>"
        "</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [
        both,
        THREE,
        "In short",
        both,
        "Ask the council.",
    ]


def test_the_sites_cookie_notice_stays_out_but_a_sentence_about_cookies_stays() -> None:
    about = "Regulators say that Google uses cookies to follow readers from site to site."
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(ONE, about)}"
        "<div class='fixed bottom'><p>We use cookies to improve your experience. By using our "
        f"site, you agree to our cookie policy.</p></div>{paragraphs(TWO)}</div></body></html>"
    )
    text = clipper.extract(html, url=URL).text
    assert about in text
    assert "We use cookies" not in text


def test_paragraphs_cut_from_one_pattern_are_not_teasers_of_each_other() -> None:
    # A story listing the cancelled ferries writes each line alike; only their
    # first words differ, and none of them is a lead shown twice.
    lines = [
        f"Ferry {n} from the old harbour was cancelled on Sunday after the storm closed the port."
        for n in (12, 14, 16, 18, 20)
    ]
    html = (
        "<html><body><article><h1>Ferries cancelled</h1>"
        f"{paragraphs(*lines)}</article></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == lines


FAQ = (
    ("Can the lamp be used outdoors?", "No: the shade is linen and the wiring is rated for dry "
     "rooms only, so keep it indoors and away from the bath."),
    ("Which bulb does it take?", "Any E27 bulb up to 40 watts; we ship it with a warm LED bulb "
     "that lasts about fifteen thousand hours."),
)  # fmt: skip


def test_the_answers_folded_under_their_questions_are_kept() -> None:
    # An accordion hides each answer until its question is clicked.
    faq = "".join(
        f"<div class='item'><h3>{question}</h3><div style='display: none'><p>{answer}</p></div>"
        "</div>"
        for question, answer in FAQ
    )
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"{paragraphs(*STORY)}<h2>Questions</h2>{faq}</div></body></html>"
    )
    expected = [*STORY, "Questions", *(line for pair in FAQ for line in pair)]
    assert body(clipper.extract(html, url=URL)) == expected


def test_a_paragraph_hidden_under_a_heading_or_a_tooltip_stays_hidden() -> None:
    tip = "When enabled, the assistant reads the page you are viewing to answer more closely."
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='story'>"
        f"{paragraphs(*STORY)}<h2>Draft</h2><p style='display:none'>{FAQ[0][1]}</p>"
        f"<button>Context</button><div style='display:none'><p>{tip}</p></div>"
        "</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)
