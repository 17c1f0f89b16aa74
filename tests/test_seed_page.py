"""The page clipper was designed around: a syndicated news story in a busy template."""

from __future__ import annotations

import clipper
from tests.conftest import page_bytes

URL = (
    "https://www.devdiscourse.com/article/international/"
    "1372370-russian-and-chinese-bombers-fly-joint-patrol-over-pacific"
)
PARAGRAPHS = [
    "Russian and Chinese bombers flew a joint patrol mission over the Western Pacific on Tuesday "
    "in a show of increasingly close military ties between Moscow and Beijing. The Russian "
    "military said that a pair of its Tu-95 strategic bombers and four Chinese H-6K bombers flew "
    "over the Sea of Japan and the East China Sea.",
    "The Russian Defense Ministry said in a statement that the joint mission was intended to "
    "“develop and deepen the comprehensive Russia-China partnership, further increase the level "
    "of cooperation between the two militaries, expand their ability for joint action and "
    "strengthen strategic stability.” The ministry added that the patrol flight “wasn't directed "
    "against any third countries.” Tuesday's mission was the second such flight since a July "
    "2019 patrol over the same area. It follows Russian President Vladimir Putin's statement in "
    "October that the idea of a future Russia-China military alliance can't be ruled out — a "
    "signal of deepening military cooperation between Moscow and Beijing amid growing tensions "
    "in their relations with the United States.",
    "Until that moment, Russia and China had hailed their “strategic partnership,” but rejected "
    "any talk about the possibility of their forming a military alliance. Putin also noted in "
    "October that Russia has been sharing highly sensitive military technologies with China "
    "that helped significantly bolster its defense capability.",
    "Russia has sought to develop stronger ties with China as its relations with the West sank "
    "to post-Cold War lows over Moscow's annexation of Ukraine's Crimea, accusations of Russian "
    "meddling in the 2016 U.S. presidential election and other issues..",
]
BOILERPLATE = [
    "Left Menu",
    "Development News Edition",
    "TRENDING",
    "Maharashtra govt announces night curfew",
    "One Punch Man",
    "OPINION / BLOG / INTERVIEW",
    "Videos",
    "Latest News",
    "Farmers' unions to write to UK MPs",
    "Iraq bans air travel",
    "Give Feedback",
    "Subscribe to our Newsletter",
    "SECTORS",
    "info@devdiscourse.com",
    "VisionRI",
    "Copyright",
    "Tweet",
    "has not been edited",
    "Updated:",
]


def test_seed_page_metadata() -> None:
    article = clipper.extract(page_bytes("seed_like.html"), url=URL)
    assert article.title == "Russian and Chinese bombers fly joint patrol over Pacific"
    assert article.published == "2020-12-22T20:41:00+05:30"
    assert article.authors == ("PTI",)
    assert article.author == "PTI"
    assert article.site == "Devdiscourse"
    assert article.url == URL
    assert article.language == "en"
    assert (
        article.image
        == "https://www.devdiscourse.com/remote.axd?https://img.example.net/bombers.jpg"
    )


def test_seed_page_body_is_the_four_paragraphs_and_nothing_else() -> None:
    article = clipper.extract(page_bytes("seed_like.html"), url=URL)
    assert article.text == "\n\n".join(PARAGRAPHS)
    for fragment in BOILERPLATE:
        assert fragment not in article.text
        assert fragment not in article.markdown
    # The teaser repeats the lead without its punctuation; it must not lead the body.
    assert not article.text.startswith("It follows")
    assert article.word_count == 255  # `wc -w` of the four paragraphs


def test_seed_page_markdown_is_clean() -> None:
    article = clipper.extract(page_bytes("seed_like.html"), url=URL)
    assert article.markdown == "\n\n".join(PARAGRAPHS)


def test_text_and_bytes_input_agree() -> None:
    raw = page_bytes("seed_like.html")
    assert clipper.extract(raw, url=URL) == clipper.extract(raw.decode("utf-8"), url=URL)
