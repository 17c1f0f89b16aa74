"""Pages that are not one story, and markup that hides a story or a trap.

Each case is a small page of a shape seen on the real web: the exact text is
asserted, and the furniture that must stay out is named.
"""

from __future__ import annotations

import json

import pytest

import clipper

URL = "https://example.org/page"
STORY = (
    "The city council approved a plan on Monday to turn the old freight depot into a library, "
    "a market hall and two hundred flats, ending a decade of disputes over the site.",
    "Work is due to start next spring. The developer, a cooperative of local builders, said it "
    "would keep the brick facade and the iron roof, which are listed.",
    "Neighbours had opposed an earlier plan for offices, arguing that the district already had "
    "too little housing and too much traffic.",
)
MENU = (
    "<ul class='menu'><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li><li><a href='/shop'>Shop</a></li>"
    "<li><a href='/about'>About us</a></li><li><a href='/contact'>Contact</a></li></ul>"
)


def body(article: clipper.Article) -> list[str]:
    return article.text.split("\n\n")


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


LANDING_SECTIONS = [
    ("Record in minutes", "Capture your screen, your voice and your face in one take."),
    ("Share with a link", "Everyone watches at once, with no download and no account."),
    ("Keep your team in step", "Comments, reactions and transcripts sit beside the video."),
    ("Safe for business", "Single sign-on, audit logs and data kept in your region."),
]


def landing_page(*, main: bool = True, after: str = "") -> str:
    """A landing page of sections, in ``<main>`` or not, with ``after`` below them."""
    opening, closing = ("<main>", "</main>") if main else ("", "")
    return (
        f"<html><head><meta property='og:type' content='website'></head><body>{MENU}{opening}"
        "<h1>Video messages for work</h1>"
        + "".join(f"<section><h2>{h}</h2><p>{p}</p></section>" for h, p in LANDING_SECTIONS)
        + f"{closing}{after}</body></html>"
    )


def test_a_landing_page_is_kept_whole_but_for_its_menu() -> None:
    article = clipper.extract(landing_page(), url=URL)
    assert body(article) == [text for section in LANDING_SECTIONS for text in section]


def test_a_pop_up_on_a_page_kept_whole_stays_out() -> None:
    # A page judged whole keeps prose-rich blocks whatever they are named, but a
    # block named as a modal or a pop-up is an overlay the reader closes.
    pop_up = (
        "Thank you for your interest in our training. We think we can serve you better from our "
        "regional site, where prices are shown in your currency. To go there, please click below."
    )
    html = landing_page(
        main=False,
        after=f"<div class='site-modal closed'><div class='site-modal-content'><p>{pop_up}</p>"
        "</div></div>",
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [text for section in LANDING_SECTIONS for text in section]


def test_a_listing_keeps_its_headlines_and_summaries() -> None:
    items = [
        ("Storm closes the harbour for a second day", "Ferries stay in port as winds reach 90."),
        ("Council approves the depot library plan", "Work starts next spring, the mayor says."),
        ("Rovers sign a goalkeeper from Porto", "The 24-year-old joins on a three-year deal."),
        ("Bakery on Mill Lane wins national prize", "Its rye loaf beat 400 entries this year."),
        ("New bus timetable starts on Monday", "Night services return on three routes."),
    ]
    teasers = "".join(
        f"<article class='card'><h3><a href='/n/{n}'>{headline}</a></h3><p>{summary}</p></article>"
        for n, (headline, summary) in enumerate(items)
    )
    html = (
        "<html><head><meta property='og:type' content='website'></head><body>"
        f"{MENU}<h1>Latest news</h1><div class='grid'>{teasers}</div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [text for item in items for text in item]


def test_forum_posts_shown_only_without_javascript_are_kept() -> None:
    # Some forums send their posts inside <noscript> and draw them with scripts.
    posts = [
        ("ann", "Has anyone renewed a certificate with the longer chain since February?"),
        ("bo", "Yes: ask for the alternate chain in your client's settings and it works."),
        ("ann", "That did it, thank you. The old phones connect again without a warning."),
    ]
    thread = "".join(
        f"<div class='post'><span class='author'>{who}</span><p>{text} It took me a while to "
        "find out, so I am writing it down here for the next person who runs into it.</p></div>"
        for who, text in posts
    )
    html = (
        "<html><body><div id='app'></div><noscript><div id='main-outlet'>"
        f"<h1>Longer chain after renewal</h1>{thread}</div></noscript></body></html>"
    )
    article = clipper.extract(html, url=URL)
    for _who, text in posts:
        assert text in article.text


def test_a_story_streamed_into_a_hidden_element_is_kept() -> None:
    # Streaming renderers send the page into a hidden element that a script
    # then moves into place: it is the page, not a hidden menu.
    html = (
        "<html><body><div id='root'><p>Loading…</p></div>"
        f"<div hidden id='S:0'><h1>Depot to become a library</h1>{paragraphs(*STORY)}</div>"
        "<div hidden><p>A tooltip that the page never shows to anyone at all.</p></div>"
        "</body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_login_form_and_a_dialog_are_not_the_story() -> None:
    login = (
        "<form action='/login'><h2>Sign in to continue</h2><p>This e-mail address is already "
        "registered with us. Please sign in with your password, or reset it if you have "
        "forgotten it, to keep reading all our stories for free.</p>"
        "<input type='email' name='e'><input type='password' name='p'></form>"
    )
    dialog = (
        "<div role='dialog' aria-modal='true'><p>We use cookies to understand how you use our "
        "site and to show you personalised advertising; choose what you accept below.</p></div>"
    )
    html = (
        f"<html><body>{dialog}<h1>Depot to become a library</h1>"
        f"<div class='text'>{paragraphs(STORY[0])}</div>{login}</body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [STORY[0]]


def test_a_page_wrapped_in_one_form_keeps_its_story() -> None:
    html = (
        "<html><body><form id='aspnetForm' action='/page.aspx'><input type='hidden' name='v'>"
        "<div class='header'><input type='email' placeholder='Newsletter'></div>"
        f"<h1>Depot to become a library</h1><div class='text'>{paragraphs(*STORY)}</div>"
        "</form></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == list(STORY)


def test_a_story_made_of_page_builder_widgets_is_kept_whole() -> None:
    # Page builders wrap every block of a story in elements named "widget":
    # the name is the layout's, and no block of the story may be lost to it.
    def widget(kind: str, inner: str) -> str:
        return (
            f"<div class='elementor-element elementor-widget elementor-widget-{kind}'>"
            f"<div class='elementor-widget-container'>{inner}</div></div>"
        )

    more = (
        "The council will publish the full plans in January, and residents can comment on "
        "them for eight weeks at the town hall or online.",
        "A second meeting, on the market hall, is planned for the spring; traders want a say "
        "in how the stalls are let and what the rent will be.",
    )
    html = (
        "<html><body><h1>Depot to become a library</h1><div class='elementor-column'>"
        + widget("text-editor", paragraphs(*STORY))
        + widget("heading", "<h2>What happens next</h2>")
        + widget("text-editor", paragraphs(*more))
        + "</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [*STORY, "What happens next", *more]


def test_a_page_of_headings_and_pictures_only_is_not_empty() -> None:
    html = (
        "<html><body><h2>Test case 1</h2><img src='/a.jpg' alt='a'>"
        "<h2>Test case 2</h2><img src='/b.jpg' alt='b'></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == ["Test case 1", "Test case 2"]


def test_a_page_drawn_by_javascript_keeps_its_description() -> None:
    description = "Shop the washable tan rug: made to order, stain resistant, free shipping."
    state = json.dumps({"props": {"text": "never shown without a script"}})
    html = (
        f"<html><head><meta name='description' content='{description}'></head><body>"
        f"<div id='__next'></div><script id='__NEXT_DATA__' type='application/json'>{state}"
        "</script></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert article.text == description


def test_a_short_story_with_a_long_teaser_strip_stays_a_story() -> None:
    teaser = (
        "<li><a href='/n/{n}'>Another story number {n} about the city and its council</a>"
        "<p>A summary of another story that the site would like you to read next…</p></li>"
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        f"<h1>Depot to become a library</h1><div class='text'>{paragraphs(STORY[0])}</div>"
        f"<ul>{''.join(teaser.format(n=n) for n in range(12))}</ul></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [STORY[0]]


def test_the_steps_of_a_how_to_are_all_kept() -> None:
    # Each step is a short block of its own; together they are the story.
    steps = [
        "Rinse the glass cloche and let it dry completely before you start.",
        "Cut the floral foam to fit the saucer, leaving a finger's width free.",
        "Press the moss onto the foam, working from the middle outwards.",
        "Tuck the small plants into the moss where the light falls best.",
        "Mist everything lightly with water, then set the cloche over it.",
        "Keep it out of direct sun and mist again once every two weeks.",
    ]
    intro = (
        "Glass cloche terrariums preserve a bit of nature in your home, need little care, and "
        "make a fine present. This one takes an afternoon, costs less than a bunch of flowers, "
        "and uses moss, a few small plants, a saucer, foam and, of course, a glass cloche. "
        "Closed terrariums water themselves: the glass keeps the moisture in, so the moss "
        "stays green for months, even in a dry flat, and the plants grow slowly."
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        "<h1>How to make a cloche terrarium</h1><div class='main'>"
        f"<div class='mod step'><div class='content lead'><p>{intro}</p></div></div>"
        + "".join(
            f"<div class='mod step'><div class='how'><h3>Step {n}</h3><p>{text}</p></div></div>"
            for n, text in enumerate(steps, start=1)
        )
        + "<div class='related'><a href='/x'>More craft ideas for the weekend</a></div>"
        "</div></body></html>"
    )
    text = clipper.extract(html, url=URL).text
    assert text.startswith(intro)
    for n, step in enumerate(steps, start=1):
        assert f"Step {n}\n\n{step}" in text
    assert "More craft ideas" not in text


def test_a_list_of_sources_stays_and_a_list_of_the_sites_own_stories_goes() -> None:
    sources = (
        "<ul><li><a href='https://www.epa.gov/greenscaping.pdf'>Greenscaping guide (pdf)</a></li>"
        "<li><a href='https://www.arborday.org/climate'>Arbor Day Foundation on climate</a></li>"
        "<li><a href='https://budburst.org/'>Project Budburst, a citizen science project</a></li>"
        "</ul>"
    )
    related = (
        "<ul><li><a href='/news/1'>Storm closes the harbour for a second day</a></li>"
        "<li><a href='https://www.example.org/news/2'>Rovers sign a goalkeeper from Porto</a>"
        "</li><li><a href='/news/3'>Bakery on Mill Lane wins a national prize</a></li></ul>"
    )
    html = (
        f"<html><body><h1>Depot to become a library</h1><div class='text'>"
        f"{paragraphs(*STORY)}{sources}{related}</div></body></html>"
    )
    text = clipper.extract(html, url="https://www.example.org/news/depot").text
    assert text.split("\n\n") == [
        *STORY,
        "Greenscaping guide (pdf)\nArbor Day Foundation on climate\n"
        "Project Budburst, a citizen science project",
    ]


def test_a_list_of_linked_topics_inside_a_guide_is_part_of_it() -> None:
    # Teasers at the end of a story are other stories; linked items in the
    # middle of a guide are its table of topics.
    topics = [
        "Overview of Redis strings",
        "Redis string command reference",
        "Overview of Redis sorted sets",
        "Redis sorted set command reference",
    ]
    items = "".join(f"<li><a href='/docs/{n}'>{topic}</a></li>" for n, topic in enumerate(topics))
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        "<h1>Redis data types</h1><div class='docs'>"
        f"{paragraphs(STORY[0])}<ul>{items}</ul>{paragraphs(STORY[1], STORY[2])}"
        "</div></body></html>"
    )
    assert body(clipper.extract(html, url=URL)) == [STORY[0], "\n".join(topics), *STORY[1:]]


def test_references_at_the_end_of_a_story_are_kept() -> None:
    # A list of sources is never "other stories", even at the very end.
    refs = "".join(
        f"<li><a href='#cite-{n}'>^</a> <a href='https://{site}/{n}'>{title}</a>. "
        "Retrieved 12 May 2024 from the council's archive of planning papers.</li>"
        for n, (site, title) in enumerate(
            [
                ("www.reuters.com", "Council backs depot plan after decade of delays"),
                ("www.theguardian.com", "The fight over the old freight depot"),
                ("archive.org", "Depot site survey, 1998 (archived)"),
            ]
        )
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        f"<h1>Depot to become a library</h1><div class='text'>{paragraphs(*STORY)}"
        f"<ol class='references'>{refs}</ol></div></body></html>"
    )
    text = clipper.extract(html, url="https://en.example.org/wiki/Depot").text
    assert text.split("\n\n")[:3] == list(STORY)
    assert "The fight over the old freight depot. Retrieved 12 May 2024 from" in text


def test_posts_inside_a_forums_moderation_form_are_kept() -> None:
    # Forum software wraps a thread in a <form> (to select posts); only forms
    # that ask for a password, an e-mail or a phone number are sign-in boxes.
    posts = "".join(
        f"<article class='post'><div class='author'>user{n}</div><p>{text}</p></article>"
        for n, text in enumerate(STORY)
    )
    html = (
        "<html><body><h1>New interface in version 10</h1>"
        f"<form action='/moderate' method='post'><input type='checkbox'>{posts}</form>"
        "</body></html>"
    )
    text = clipper.extract(html, url=URL).text
    for paragraph in STORY:
        assert paragraph in text


def test_hidden_tabs_of_a_guide_are_kept_and_hidden_menus_are_not() -> None:
    tabs = (
        "<div role='tablist'><button>Java</button><button>Python</button></div>"
        "<div role='tabpanel'><p>Install the Java development kit, then add the library "
        "to your build file and run the example from your editor.</p></div>"
        "<div role='tabpanel' hidden><p>Install Python 3.11 or newer, then add the "
        "library with pip and run the example from a terminal window.</p></div>"
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        f"<h1>Send your first message</h1><div class='docs'>{paragraphs(STORY[0])}{tabs}"
        "<div hidden><p>Menu: Products, Pricing, Docs, Blog, Careers, Contact us</p></div>"
        "</div></body></html>"
    )
    text = clipper.extract(html, url=URL).text
    assert "Install the Java development kit" in text
    assert "Install Python 3.11 or newer" in text
    assert "Menu: Products" not in text


def test_a_live_ticker_keeps_its_entries_not_just_the_minute_marks() -> None:
    events = [
        ("95'", "Full time! The home side hold on for a famous win after long stoppage time."),
        ("88'", "Chance! A header from the corner flies just over the bar, the keeper beaten."),
        ("81'", "Yellow card for the visiting captain after a late tackle in midfield."),
        ("74'", "Substitution: the striker comes off to applause, replaced by the winger."),
        ("63'", "Goal! A low shot from the edge of the box finds the bottom corner. 2-1."),
    ]
    entries = "".join(
        f"<li class='ticker-entry'><time class='minute'>{minute}</time>"
        f"<div class='ticker-text'><p>{text}</p></div></li>"
        for minute, text in events
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        f"<nav>Home Sport</nav><h1>Live: City v Rovers</h1><ul class='ticker'>{entries}</ul>"
        "</body></html>"
    )
    text = clipper.extract(html, url=URL).text
    for _minute, event in events:
        assert event in text


LATER = (
    "A second meeting, on the market hall, is planned for the spring; traders want a say in "
    "how the stalls are let and what the rent will be, and they have asked for a vote.",
    "The library itself will open in stages, starting with the reading room under the iron "
    "roof, which the architects say can be restored without closing the street outside.",
)


def test_a_block_of_text_beside_a_picture_is_text_not_a_caption() -> None:
    # Landing pages set sections as "picture and text"; a frame named for its
    # picture holds a caption only when its text is a line or so.
    more = (
        "The council will publish the full plans in January, and residents can comment on "
        "them for eight weeks at the town hall or online, before a final vote in the spring."
    )
    split = (
        "<section class='split-with-image'><img src='/hall.jpg' alt='the hall'>"
        f"<div class='copy'><p>{STORY[1]}</p><p>{more}</p></div></section>"
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        f"<h1>Depot to become a library</h1><div class='story'>{paragraphs(STORY[0])}{split}"
        f"{paragraphs(STORY[2], *LATER)}</div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert article.text.split("\n\n") == [STORY[0], STORY[1], more, STORY[2], *LATER]


def test_a_toggle_beside_each_section_is_not_text() -> None:
    # Course and product pages fold each section with a script link whose two
    # states are written side by side: "read less read more".
    toggle = "<a href='' class='see'><span>read less</span> <span>read more</span></a>"
    sections = "".join(
        f"<section><h2>Part {n}</h2><div>{text}</div>{toggle}</section>"
        for n, text in enumerate(STORY, start=1)
    )
    html = f"<html><body>{MENU}<article><h1>The depot plan</h1>{sections}</article></body></html>"
    article = clipper.extract(html, url=URL)
    assert body(article) == ["Part 1", STORY[0], "Part 2", STORY[1], "Part 3", STORY[2]]


TOPICS = (
    ("Generic types", "types which take parameters, so that one definition serves many."),
    ("The keyof operator", "the keys of a type as a union of their names."),
    ("The typeof operator", "the type of a value the program already has."),
    ("Mapped types", "new types made by changing each property of an existing one."),
)


def topics_list() -> str:
    return (
        "<ul>"
        + "".join(
            f"<li><a href='/docs/{name[-6:]}'>{name}</a> - {text}</li>" for name, text in TOPICS
        )
        + "</ul>"
    )


def test_a_list_of_topics_that_ends_the_story_is_the_story() -> None:
    # A documentation page's last paragraph leads into the topics it covers:
    # short linked names, each with what it is, are not teasers.
    html = (
        f"<html><body>{MENU}<main><article><h1>Types from types</h1>"
        f"{paragraphs(*STORY)}{topics_list()}</article></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    topics = "\n".join(f"{name} - {text}" for name, text in TOPICS)
    assert body(article) == [*STORY, topics]


def test_the_same_list_under_a_heading_after_the_story_is_teasers() -> None:
    html = (
        f"<html><body>{MENU}<main><article><h1>Types from types</h1>"
        f"{paragraphs(*STORY)}<h2>Popular guides</h2>{topics_list()}</article></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)


def test_the_same_list_under_a_subheading_of_the_story_is_the_story() -> None:
    # A subheading set like the story's others names a part of it ("Modules").
    html = (
        f"<html><body>{MENU}<main><article><h1>Types from types</h1>"
        f"{paragraphs(STORY[0])}<h2>What you will learn</h2>{paragraphs(*STORY[1:])}"
        f"<h2>Modules</h2>{topics_list()}</article></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    topics = "\n".join(f"{name} - {text}" for name, text in TOPICS)
    assert body(article) == [STORY[0], "What you will learn", *STORY[1:], "Modules", topics]


def test_a_linked_item_in_a_list_of_sentences_is_the_story() -> None:
    # A newsletter's "Highlights" list points to two posts elsewhere, then
    # carries its news: the linked items are its own, not a "Read also" line.
    linked = ["Here is our year in review!", "Here is our performance report!"]
    items = "".join(
        f"<li><a href='https://blog.example.org/{n}'>{t}</a></li>" for n, t in enumerate(linked)
    )
    items += "".join(f"<li>{text}</li>" for text in STORY)
    html = (
        f"<html><body>{MENU}<main><article><h1>This week</h1><h3>Highlights</h3>"
        f"<ul>{items}</ul>{paragraphs(*LATER)}</article></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == ["Highlights", "\n".join([*linked, *STORY]), *LATER]


REPLIES = (
    "Same here: the old depot flooded twice while I lived on that street, so I hope the "
    "plan includes proper drainage under the market hall before anyone moves in.",
    "The cooperative built the school on Mill Road and it came in on time and on budget, "
    "which is more than can be said for the offices the council wanted instead.",
)


def commented_page(
    declared: str,
    itemtype: str,
    title: str,
    text: tuple[str, ...],
    comments: tuple[str, ...],
    *,
    poster: str,
    heading: str = "",
    item: str = "comment-item",
    holder: str = "post-body",
) -> str:
    """A page of ``text`` under ``title`` with ``comments`` below it, named as
    reader comments (``poster`` and a number name each commenter)."""
    posts = "".join(
        f"<div class='{item}'><div class='comment-author'>{poster}{n}</div>"
        f"<div class='comment-body'><p>{said}</p></div></div>"
        for n, said in enumerate(comments)
    )
    return (
        f"<html><head>{declared}</head><body>{MENU}<main{itemtype}><h1>{title}</h1>"
        f"<div class='{holder}'>{paragraphs(*text)}</div>"
        f"<section class='comments'>{heading}{posts}</section></main></body></html>"
    )  # fmt: skip


def thread_page(declared: str, itemtype: str = "") -> str:
    return commented_page(declared, itemtype, "The depot plan", STORY, REPLIES, poster="user")


@pytest.mark.parametrize(
    ("declared", "itemtype"),
    [
        ('<script type="application/ld+json">{"@type": "DiscussionForumPosting", '
         '"headline": "The depot plan"}</script>', ""),
        ("", ' itemscope itemtype="https://schema.org/DiscussionForumPosting"'),
    ],
)  # fmt: skip
def test_the_replies_of_a_declared_thread_are_its_posts(declared: str, itemtype: str) -> None:
    article = clipper.extract(thread_page(declared, itemtype), url=URL)
    for text in (*STORY, *REPLIES):
        assert text in article.text


def test_a_furniture_heading_over_most_of_a_page_does_not_drop_it() -> None:
    # Forum software puts a "Recommended Posts" bar over the whole topic.
    posts = "".join(f"<article class='post'><p>{text}</p></article>" for text in (*STORY, *REPLIES))
    html = (
        '<html><head><script type=\'application/ld+json\'>{"@type": "QAPage"}</script></head>'
        f"<body>{MENU}<main><h1>The depot plan</h1><div class='topic'><h2>Recommended Posts</h2>"
        f"{posts}</div><div><h2>Recommended Posts</h2><ul><li><a href='/t/1'>Bus lanes</a></li>"
        "<li><a href='/t/2'>The new bridge</a></li></ul></div></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, *REPLIES]


def test_the_answers_of_a_question_page_are_kept_and_its_comments_are_not() -> None:
    # schema.org's QAPage: the replies are Answers; a Comment is a note under one.
    notes = (
        "Thanks, that is what I was looking for; the council minutes from March say the same "
        "about the drainage, if anyone wants to check.",
        "Do you have a source for the budget? The figure I saw in the local paper last week was "
        "a good deal higher than that, closer to twice as much.",
    )
    answers = "".join(
        f"<div class='answer'><div class='post-text'><p>{text}</p></div>"
        f"<div class='comments'><p>{note}</p></div></div>"
        for text, note in zip(REPLIES, notes, strict=True)
    )
    html = (
        '<html itemscope itemtype="https://schema.org/QAPage"><body>'
        f"{MENU}<main><h1>The depot plan</h1><div class='question'>"
        f"<div class='post-text'>{paragraphs(*STORY)}</div></div>"
        f"<div id='answers'>{answers}</div></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, *REPLIES]


def test_the_same_replies_under_an_article_are_comments() -> None:
    declared = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    article = clipper.extract(thread_page(declared), url=URL)
    assert body(article) == list(STORY)


def test_a_folded_panel_styled_by_utility_classes_is_kept() -> None:
    # Tailwind names an accordion's panel by its states and its overflow:
    # "closed" and "hidden" there describe an animation, not furniture.
    details = "Each flat has a balcony over the market hall, and the roof garden is open to all."
    panel = (
        "<div class='data-[state=closed]:animate-accordion-up "
        "data-[state=open]:animate-accordion-down overflow-hidden'>"
        f"<h2>Details</h2><p>{details}</p></div>"
    )
    html = (
        f"<html><body>{MENU}<main><article><h1>The depot plan</h1><div class='text-sm'>"
        f"{paragraphs(*STORY)}{panel}</div></article></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, "Details", details]


def test_a_newsletter_box_goes_with_its_form() -> None:
    # The form is a sign-up form; its heading, consent line and thanks sit
    # beside it in a box whose class names say nothing.
    box = (
        "<div class='flex flex-col mx-auto'><div>Be the first to know!</div>"
        "<div>Get the best deals texted right to your phone, every morning.</div>"
        "<form><input type='tel' placeholder='Phone'><button>Sign me up</button></form>"
        "<div>By signing up, you agree to receive recurring messages. Reply STOP to opt out."
        "</div><div>Thanks for signing up!</div></div>"
    )
    html = (
        f"<html><body>{MENU}<article><h1>The depot plan</h1>{paragraphs(STORY[0])}{box}"
        f"{paragraphs(STORY[1], STORY[2])}</article></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)


def test_a_declared_body_indented_with_whitespace_does_not_replace_the_page() -> None:
    # The JSON-LD articleBody repeats the story, indented by its template: the
    # page's own markup (with its list) holds all of it and is kept.
    indented = "\n                ".join(word for text in STORY for word in text.split())
    data = json.dumps(
        {"@type": "NewsArticle", "headline": "The depot plan", "articleBody": indented}
    )
    items = "<ul><li>A library</li><li>A market hall</li><li>Two hundred flats</li></ul>"
    html = (
        f"<html><head><script type='application/ld+json'>{data}</script></head><body>{MENU}"
        f"<article><h1>The depot plan</h1>{paragraphs(*STORY)}{items}</article></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, "A library\nA market hall\nTwo hundred flats"]


def test_a_page_builders_widgets_are_its_layout_not_furniture() -> None:
    # Every block of a page builder is a "widget": a heading in one, each short
    # paragraph in another, in sections side by side on a page that is no story.
    def widget(kind: str, inner: str) -> str:
        return (
            f"<div class='elementor-element elementor-widget elementor-widget-{kind}'>"
            f"<div class='elementor-widget-container'>{inner}</div></div>"
        )

    sections = [
        ("How it works", (
            "Each board listens for the small signals that phones and watches send out.",
            "The hub compares how strong each signal is in every room of the house.",
            "The room with the strongest signal is the room where the person is.",
            "Two boards in a large room stop the hub from guessing between rooms.",
            "Nothing leaves the house: the signals are read and forgotten on the spot.",
        )),
        ("What it costs", (
            "A board costs less than ten dollars and runs on an old phone charger.",
            "The antenna sold with the larger board doubles its range indoors.",
            "A case printed at the library costs a dollar and hides the wires.",
            "The whole house, six rooms, came to less than a dinner for two.",
            "Chargers bought in a pack of five cost half as much as single ones.",
        )),
        ("How to set it up", (
            "Updates arrive over the air, so the boards never need to be unplugged.",
            "Name each board after its room before you fix it to the wall.",
            "Give the hub a day to learn how strong each room's signals are.",
            "Move a board a metre when two rooms keep being mistaken for each other.",
            "Check the hub's log after a week to see which rooms it still confuses.",
        )),
    ]  # fmt: skip
    html = (
        "<html><head><meta property='og:type' content='website'></head><body>"
        f"<nav>{MENU}</nav><h1>Room presence</h1><p>{STORY[0]}</p>"
        + "".join(
            "<section class='elementor-section'><div class='elementor-widget-wrap'>"
            + widget("heading", f"<h2>{heading}</h2>")
            + "".join(widget("text-editor", f"<p>{text}</p>") for text in texts)
            + "</div></section>"
            for heading, texts in sections
        )
        + "</body></html>"
    )
    article = clipper.extract(html, url=URL)
    lines = [line for heading, texts in sections for line in (heading, *texts)]
    assert body(article) == [STORY[0], *lines]


def test_a_live_blog_keeps_the_time_of_each_post() -> None:
    # One time under a headline is the byline's; one before each post, down the
    # story, is when each thing happened.
    posts = "".join(
        f"<article class='live-post'><time datetime='2025-03-03T1{n}:00'>1{n}:00</time>"
        f"<p>{text}</p></article>"
        for n, text in enumerate(STORY)
    )
    html = f"<html><body>{MENU}<main><h1>Council vote live</h1>{posts}</main></body></html>"
    article = clipper.extract(html, url=URL)
    assert body(article) == ["10:00", STORY[0], "11:00", STORY[1], "12:00", STORY[2]]


def test_a_lone_time_under_the_headline_is_not_the_story() -> None:
    html = (
        f"<html><body>{MENU}<main><h1>The depot plan</h1><p>10:05 GMT</p>"
        f"{paragraphs(*STORY)}</main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)


def test_every_post_of_a_thread_keeps_its_poster() -> None:
    # The posts are look-alike blocks; the strongest one (the story's seed) must
    # come whole like the others, its poster's name with it.
    posts = "".join(
        f"<div class='post'><div class='poster'>member{n}</div>"
        f"<div class='post-body'><p>{text}</p></div></div>"
        for n, text in enumerate(STORY)
    )
    html = (
        f"<html><body>{MENU}<div class='topic'><h1>The depot plan</h1>{posts}</div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == ["member0", STORY[0], "member1", STORY[1], "member2", STORY[2]]


def microdata_thread(posts: str) -> str:
    return (
        f"<html><body>{MENU}<main itemscope itemtype='https://schema.org/DiscussionForumPosting'>"
        f"<h1 itemprop='headline'>The depot plan</h1><div class='stream'>{posts}</div>"
        "</main></body></html>"
    )


def test_each_post_of_a_thread_opens_with_its_poster_and_its_time() -> None:
    # Forum software marks each post up for search engines (schema.org Comment,
    # its author and datePublished) and names the box they sit in like
    # furniture ("post-meta", "userinfo"): the posts' ids differ, their classes
    # do not.
    posters = ("ann_k", "Bob Lee", "ann_k")
    posts = "".join(
        f"<div id='post_{n}' class='topic-post' itemprop='comment' itemscope"
        " itemtype='https://schema.org/Comment'><div class='post-meta'>"
        "<span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
        f"<a href='/u/{name}'><span itemprop='name'>{name}</span></a></span>"
        f"<time itemprop='datePublished' datetime='2025-03-0{n + 3}'>March {n + 3}, 2025,"
        f"  4:3{n}pm</time></div><div class='post' itemprop='text'><p>{text}</p></div></div>"
        for n, (name, text) in enumerate(zip(posters, STORY, strict=True))
    )
    article = clipper.extract(microdata_thread(posts), url=URL)
    assert body(article) == [
        "ann_k · March 3, 2025, 4:30pm",
        STORY[0],
        "Bob Lee · March 4, 2025, 4:31pm",
        STORY[1],
        "ann_k · March 5, 2025, 4:32pm",
        STORY[2],
    ]
    assert "**Bob Lee** · March 4, 2025, 4:31pm" in article.markdown


def test_a_posters_profile_box_is_not_written_under_their_name() -> None:
    # The author element holds the poster's box: title, join date, post count.
    posts = "".join(
        f"<article id='js-post-{n}' class='message' itemscope"
        " itemtype='https://schema.org/Comment'><div class='message-user' itemprop='author'"
        f" itemscope itemtype='https://schema.org/Person'><h4><a href='/members/m{n}.{n}/'>"
        f"<span itemprop='name'>member{n}</span></a></h4><div class='user-extras'>"
        f"<dl><dt>Joined</dt><dd>Apr 13, 2009</dd></dl><dl><dt>Messages</dt><dd>88{n}</dd></dl>"
        f"</div></div><div class='message-main'><time itemprop='datePublished'>Jul {n + 9}, "
        f"2022</time><div class='bbwrapper' itemprop='text'><p>{text}</p></div></div></article>"
        for n, text in enumerate(STORY)
    )
    article = clipper.extract(microdata_thread(posts), url=URL)
    assert body(article) == [
        "member0 · Jul 9, 2022",
        STORY[0],
        "member1 · Jul 10, 2022",
        STORY[1],
        "member2 · Jul 11, 2022",
        STORY[2],
    ]
    assert "Messages" not in article.text and "Joined" not in article.text


def test_a_comment_under_an_article_names_no_poster() -> None:
    # Only a thread's posts open with their poster: an article's comments are
    # furniture, marked up or not.
    comments = "".join(
        f"<div id='c{n}' class='comment' itemscope itemtype='https://schema.org/Comment'>"
        f"<span itemprop='author'>reader{n}</span><p itemprop='text'>{text}</p></div>"
        for n, text in enumerate(REPLIES)
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle"}</script>'
        f"</head><body>{MENU}<article><h1>The depot plan</h1>{paragraphs(*STORY)}</article>"
        f"<section class='comments'>{comments}</section></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == list(STORY)


def test_answers_that_leave_their_question_out_are_not_the_thread() -> None:
    # The answers look alike (their ids differ) and outweigh the question above
    # them, which is marked up unlike them: the question page is kept whole.
    question = "What is going to happen to the old freight depot, and when?"
    more = (
        *REPLIES,
        "The minutes of the last council meeting are online, with the drawings of the market "
        "hall and a timetable for the work on the roof.",
    )
    answers = "".join(
        f"<div id='answer-{n}' class='answer'><div class='answer-body'>"
        f"{paragraphs(STORY[n], more[n])}</div></div>"
        for n in range(3)
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "QAPage"}</script></head>'
        f"<body>{MENU}<div class='content'><div class='question-header'><h1>The depot plan</h1>"
        f"</div><div class='layout'><div class='main-column'><div class='question'>"
        f"<div class='question-body'>{paragraphs(question)}</div></div>"
        f"<div id='answers'><h2>3 Answers</h2>{answers}</div></div></div></div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article)[:2] == [question, "3 Answers"]
    assert body(article)[2:] == [STORY[0], more[0], STORY[1], more[1], STORY[2], more[2]]


def test_a_posters_signature_is_not_part_of_the_thread() -> None:
    # Each post comes whole, and forum software prints its poster's signature
    # in it, under the post: the same line under every post of that poster.
    signature = (
        "All three apps on a 2020 iMac with 32 GB of memory, macOS 10.15.8; an iPad of the "
        "sixth generation for sketching."
    )
    posts = "".join(
        f"<article id='elComment_{n}' class='post'><div class='post-content'><p>{text}</p></div>"
        f"<div class='post-signature'><p>{signature}</p></div></article>"
        for n, text in enumerate((*STORY, *REPLIES))
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}'
        f"</script></head><body>{MENU}<main><h1>The depot plan</h1><div class='topic'>{posts}"
        "</div></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, *REPLIES]


def test_a_posts_tally_of_likes_is_not_part_of_the_thread() -> None:
    tallies = ("1 Like", "12 Likes", "3 reactions", "1.2k upvotes", "2 Likes")
    # A tally in a sentence is the post's own.
    sentence = "12 Likes is more than the council's own post about it got."
    texts = (*STORY, REPLIES[0], f"{REPLIES[1]}</p><p>{sentence}")
    posts = "".join(
        f"<div class='post'><div class='cooked'><p>{text}</p></div>"
        f"<div class='post-likes'>{tally}</div></div>"
        for text, tally in zip(texts, tallies, strict=True)
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}'
        f"</script></head><body>{MENU}<main><h1>The depot plan</h1><div class='topic'>{posts}"
        "</div></main></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, *REPLIES, sentence]


def test_a_story_made_of_typed_posts_names_their_posters_undeclared() -> None:
    # The page declares no thread, but its story is posts its microdata types
    # (vBulletin: Comments in a list of UserComments).
    posts = "".join(
        f"<li id='post_{n}' class='postbit' itemscope itemtype='http://schema.org/Comment'>"
        f"<div class='posthead'><span class='postdate' itemprop='datePublished'>11-2{n}-2024,"
        f" 09:0{n} AM</span></div><div class='userinfo'><a class='username' href='member.php?"
        f"u={n}'><strong itemprop='author'>poster{n}</strong></a><span class='usertitle'>"
        f"Junior Guru</span></div><div class='postbody'><span itemprop='text'>{text}</span>"
        "</div></li>"
        for n, text in enumerate((*STORY, *REPLIES))
    )
    html = (
        f"<html><body>{MENU}<div class='postlist'><h1>The depot plan</h1><ol class='posts'"
        f" itemscope itemtype='http://schema.org/UserComments'>{posts}</ol></div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [
        line
        for n, text in enumerate((*STORY, *REPLIES))
        for line in (f"poster{n} · 11-2{n}-2024, 09:0{n} AM", text)
    ]


def thread_with_profiles(declared: str) -> str:
    posts = "".join(
        f"<div class='post'><div class='post-head'><p>#{n + 1}</p></div>"
        f"<div class='user-box'><p>Original Poster</p><p>Join Date: Aug 2008</p>"
        f"<p>Location: Leeds</p><p>Posts: 1,07{n}</p></div>"
        f"<div class='post-text'><p>{text}</p><p>Last edited by user{n}; 14 Feb 2026 at 08:1{n} "
        f"PM.</p></div><div class='votes'><p>{n}</p></div></div>"
        for n, text in enumerate((*STORY, *REPLIES))
    )
    return (
        f"<html><head>{declared}</head><body>{MENU}<div class='topic'><h1>The depot plan</h1>"
        f"{posts}</div></body></html>"
    )


def test_the_lines_forum_software_prints_with_every_post_are_not_the_thread() -> None:
    declared = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    article = clipper.extract(thread_with_profiles(declared), url=URL)
    assert body(article) == [*STORY, *REPLIES]


def test_a_profile_line_outside_a_thread_is_left_to_the_other_rules() -> None:
    # Not a thread: "Location: Leeds" under a story is the story's business.
    html = (
        f"<html><body>{MENU}<article><h1>The depot plan</h1>{paragraphs(*STORY)}"
        "<p>Location: Leeds</p><p>Posts: 12</p></article></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [*STORY, "Location: Leeds", "Posts: 12"]


PRODUCT_TEXT = (
    "A walnut desk lamp with a linen shade, turned by hand in our workshop in Porto and wired "
    "for a standard bulb; the arm swings a full half turn so the light falls where you work.",
    "The base is weighted with cast iron so the lamp stands steady even with the arm at full "
    "reach, and a felt pad keeps it from marking the desk underneath it.",
)
PRODUCT_REVIEWS = (
    "Bought two for our study and both arrived well packed; the linen shade gives a warm, even "
    "light that is easy on the eyes in the evening.",
    "Solid and heavier than it looks. The switch on the cord is a little stiff at first but the "
    "finish on the walnut is lovely and it matches our shelves.",
)


def product_page(declared: str, itemtype: str = "") -> str:
    return commented_page(
        declared, itemtype, "Walnut desk lamp", PRODUCT_TEXT, PRODUCT_REVIEWS,
        poster="buyer", heading="<h2>Reviews</h2>", item="comment", holder="description",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("declared", "itemtype"),
    [
        ('<script type="application/ld+json">{"@type": "Product", "name": "Walnut desk lamp", '
         '"offers": {"@type": "Offer", "price": "120.00"}}</script>', ""),
        ("", ' itemscope itemtype="https://schema.org/Product"'),
        ('<meta property="og:type" content="product">', ""),
    ],
)  # fmt: skip
def test_the_reviews_of_a_declared_product_are_kept(declared: str, itemtype: str) -> None:
    # Shops name their buyers' reviews "comments"; on a page about a thing on
    # sale they are part of what a person clips.
    article = clipper.extract(product_page(declared, itemtype), url=URL)
    reviews = [line for n, text in enumerate(PRODUCT_REVIEWS) for line in (f"buyer{n}", text)]
    assert body(article) == [*PRODUCT_TEXT, "Reviews", *reviews]


def test_comments_on_a_page_that_declares_no_product_stay_out() -> None:
    article = clipper.extract(product_page(""), url=URL)
    assert body(article) == list(PRODUCT_TEXT)


def test_comments_on_an_article_about_a_product_stay_out() -> None:
    # A review in a magazine declares the product it reviews beside itself.
    declared = (
        '<script type="application/ld+json">[{"@type": "NewsArticle", "headline": "Walnut desk '
        'lamp"}, {"@type": "Product", "name": "Walnut desk lamp"}]</script>'
    )
    article = clipper.extract(product_page(declared), url=URL)
    assert body(article) == list(PRODUCT_TEXT)


def buy_box_page(declared: str) -> str:
    return (
        f"<html><head>{declared}</head><body>{MENU}<main><div class='product'>"
        f"<div class='gallery'><img src='/lamp.jpg' alt=''></div>"
        "<div class='sticky sidebar'><h1>Walnut desk lamp</h1><p class='price'>€120.00</p>"
        "<p>A lamp turned by hand in walnut, with a linen shade.</p></div>"
        f"<div class='details'>{paragraphs(*PRODUCT_TEXT)}</div></div></main></body></html>"
    )


def test_the_box_holding_a_products_name_is_kept_whatever_its_name() -> None:
    # Shop themes call the buy box beside the gallery a "sticky sidebar": on a
    # page about a thing on sale it holds the price and the short description.
    declared = '<script type="application/ld+json">{"@type": "Product"}</script>'
    article = clipper.extract(buy_box_page(declared), url=URL)
    assert body(article) == [
        "€120.00",
        "A lamp turned by hand in walnut, with a linen shade.",
        *PRODUCT_TEXT,
    ]


def test_a_sidebar_beside_a_headline_is_furniture_on_other_pages() -> None:
    article = clipper.extract(buy_box_page(""), url=URL)
    assert body(article) == list(PRODUCT_TEXT)


QUESTION = (
    "What is going to happen to the old freight depot, and when will the work on it start?",
)
ANSWERS = (
    STORY,
    (
        *REPLIES,
        "The minutes of the last council meeting are online, with the drawings of the market "
        "hall and a timetable for the work on the roof.",
    ),
    (
        "Ask at the library on Station Road: they keep a folder with every plan the council has "
        "published for the depot since the railway sold it.",
    ),
)


def question_page(accepted: str, *, typed: bool = True) -> str:
    """A question page as question-and-answer software writes it: the question
    above its answers, each post's text in a look-alike box, the types in
    microdata (or only the page's, in JSON-LD); the sidebar lists other
    questions."""

    def item(name: str) -> str:
        return f" itemscope itemtype='https://schema.org/{name}'" if typed else ""

    answers = "".join(
        f"<div id='answer-{n}' class='answer{accepted if n == 0 else ''}'{item('Answer')}>"
        "<div class='votes'>12</div><div class='cell'>"
        f"<div class='prose post-body' itemprop='text'>{paragraphs(*texts)}</div></div></div>"
        for n, texts in enumerate(ANSWERS)
    )
    related = "".join(
        f"<li><a href='/q/{n}'>Another question about the depot, number {n}</a></li>"
        for n in range(8)
    )
    declared = "" if typed else '<script type="application/ld+json">{"@type": "QAPage"}</script>'
    return (
        f"<html{item('QAPage')}><head>{declared}</head><body>{MENU}<div id='content'>"
        f"<div itemprop='mainEntity'{item('Question')}><div id='question-header'>"
        "<h1 itemprop='name'>The depot plan</h1></div><div class='stats'>Asked 3 years ago, viewed"
        " 2k times</div><div class='main'><div class='question'>"
        "<div class='votes'>3</div><div class='cell'><div class='prose post-body'"
        f" itemprop='text'>{paragraphs(*QUESTION)}</div></div></div><div id='answers'>"
        f"<h2>3 Answers</h2>{answers}</div></div></div><div class='sidebar'><h3>Related</h3>"
        f"<ul>{related}</ul></div></div></body></html>"
    )


@pytest.mark.parametrize("accepted", ["", " accepted"])
def test_a_question_its_microdata_types_heads_its_answers(accepted: str) -> None:
    # The strongest box is an answer's; the question's box looks like it but
    # sits above the answers, outside their list, so neither the answers'
    # look-alike boxes nor the answers themselves (alike, or the accepted one
    # marked) bring it: the microdata names it.
    article = clipper.extract(question_page(accepted), url=URL)
    assert body(article) == [*QUESTION, *(text for answer in ANSWERS for text in answer)]


def test_a_poster_named_in_a_meta_is_named_by_their_profile_link() -> None:
    # The Person's name is a <meta> for search engines; the page shows it as the
    # link to the poster's profile, beside their score and badges.
    posts = "".join(
        f"<div id='answer-{n}' class='answer' itemprop='comment' itemscope"
        " itemtype='https://schema.org/Answer'><div class='post-body' itemprop='text'>"
        f"<p>{text}</p></div><div class='user-card'><div class='user-details' itemprop='author'"
        f" itemscope itemtype='http://schema.org/Person'><a href='/users/{n}/m{n}'"
        f" itemprop='url'>member{n}</a><meta itemprop='name' content='member{n}'><div>"
        f"<span class='reputation'>1,06{n}</span><span class='badges'>{n + 1} gold badges"
        "</span></div></div></div></div>"
        for n, text in enumerate(STORY)
    )
    article = clipper.extract(microdata_thread(posts), url=URL)
    assert body(article) == ["member0", STORY[0], "member1", STORY[1], "member2", STORY[2]]


def test_a_question_in_a_box_like_its_answers_boxes_heads_them() -> None:
    # The page says it is a question page in JSON-LD only: the question's box,
    # like the answers' text boxes joined as the story, is the nearest above them.
    article = clipper.extract(question_page(" accepted", typed=False), url=URL)
    assert body(article) == [*QUESTION, *(text for answer in ANSWERS for text in answer)]


@pytest.mark.parametrize(
    "prompt",
    [
        "You must log in to answer this question.",
        "You must log in or register to reply here.",
        "Please sign in to comment",
    ],
)
def test_the_prompts_around_a_thread_are_not_the_thread(prompt: str) -> None:
    # A question page kept whole (its look-alike answers outweigh a question
    # marked up unlike them) comes without the button to ask a question, the
    # log-in prompt under the answers and the heading over other questions.
    question = "What is going to happen to the old freight depot, and when?"
    more = (*REPLIES, QUESTION[0])
    answers = "".join(
        f"<div id='answer-{n}' class='answer'><div class='answer-body'>"
        f"{paragraphs(STORY[n], more[n])}</div></div>"
        for n in range(3)
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "QAPage"}</script></head>'
        f"<body>{MENU}<div class='content'><div class='question-header'><h1>The depot plan</h1>"
        "<p><button>Ask Question</button></p></div><div class='layout'><div class='main-column'>"
        f"<div class='question'><div class='question-body'>{paragraphs(question)}</div></div>"
        f"<div id='answers'><h2>3 Answers</h2>{answers}</div><p>{prompt}</p>"
        "<h2>Related questions</h2></div></div></div></body></html>"
    )
    article = clipper.extract(html, url=URL)
    assert body(article) == [
        question,
        "3 Answers",
        *(text for n in range(3) for text in (STORY[n], more[n])),
    ]
