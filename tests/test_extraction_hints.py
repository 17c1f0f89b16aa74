"""The boilerplate vocabulary says what class names and short lines mean, in many languages."""

from __future__ import annotations

import pytest

from clipper.extraction.guard import bound_nesting
from clipper.extraction.hints import (
    FURNITURE_CALL,
    FURNITURE_HEADING,
    FURNITURE_LINE,
    FURNITURE_PREFIX,
    NAME_AREA,
    NAME_BODY,
    NAME_EMBED,
    NAME_MEDIA,
    NAME_NEGATIVE,
    PHOTO_CREDIT,
    name_flags,
)


@pytest.mark.parametrize(
    "names",
    [
        "share-bar", "social-links", "article-comments", "kommentare", "commentaires",
        "comentarios", "коммент-блок", "related-posts", "lesen-sie-auch", "ad-slot", "ads",
        "top-nav", "newsletter-box", "cookie-banner", "meistgelesen", "popular-list",
        "breadcrumb", "tag-list", "byline", "figure-caption", "sr-only", "paylas",
        "read-also", "baca-juga", "berita-terkait", "souvisejici-clanky", "tin-lien-quan",
    ],
)  # fmt: skip
def test_furniture_names(names: str) -> None:
    assert name_flags(names) & NAME_NEGATIVE


@pytest.mark.parametrize(
    "names", ["header", "headline", "article-body", "story", "content", "loaded", "shadow"]
)
def test_names_that_only_look_like_furniture(names: str) -> None:
    assert not name_flags(names) & NAME_NEGATIVE


@pytest.mark.parametrize(
    ("names", "flag"),
    [
        ("article-body", NAME_BODY),
        ("article--body", NAME_BODY),
        ("entry-content", NAME_BODY),
        ("comments-area", NAME_AREA),
        ("sidebar", NAME_AREA),
        ("wp-caption", NAME_MEDIA),
        ("twitter-tweet", NAME_EMBED),
        ("social-media-embed", NAME_EMBED),
    ],
)
def test_name_flags(names: str, flag: int) -> None:
    assert name_flags(names) & flag


@pytest.mark.parametrize("names", ["content-with-sidebar", "has-sidebar", "sidebar-layout"])
def test_layout_names_are_not_sidebar_areas(names: str) -> None:
    assert not name_flags(names) & NAME_AREA


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "ADVERTISEMENT", "Anzeige", "Publicité", "Реклама", "广告", "إعلان",
     "Read more", "Lesen Sie auch", "Lire aussi :", "Leer más", "Читайте также", "Share",
     "read less read more", "Show more", "Share Tweet Email"],
)  # fmt: skip
def test_furniture_lines(line: str) -> None:
    assert FURNITURE_LINE.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Related stories", "You may also like", "Most read", "Mehr zum Thema", "À lire aussi",
     "Noticias relacionadas", "Читайте также", "相关新闻", "الأكثر قراءة", "Comments (12)",
     "More Great WIRED Stories", "About the author"],
)  # fmt: skip
def test_furniture_headings(line: str) -> None:
    assert FURNITURE_HEADING.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Popular uprising spreads to the capital", "More than 300 people were rescued",
     "Related questions remain unanswered by the ministry", "Trending down: oil prices"],
)  # fmt: skip
def test_story_headings_are_not_furniture(line: str) -> None:
    assert not FURNITURE_HEADING.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Get the latest updates. Subscribe to NJ.com's newsletters.", "Follow her on Twitter.",
     "Suivez-nous sur Facebook", "Подписывайтесь на наш Telegram-канал"],
)  # fmt: skip
def test_calls_to_action(line: str) -> None:
    assert FURNITURE_CALL.search(line.lower())


@pytest.mark.parametrize(
    "line",
    [
        "Assine nossa newsletter e receba as principais notícias todas as manhãs.",
        "Zapisz się do naszego newslettera, aby codziennie otrzymywać wiadomości.",
        "Meld je aan voor onze nieuwsbrief en ontvang elke ochtend het nieuws.",
        "Følg os på Facebook og Instagram.",
        "En son haberleri almak için bültenimize abone olun.",
        "Ikuti berita terkini dari kami di Google News.",
        "Simak berita dan artikel lainnya di Google News.",
        # "Read also:" and another story's headline, in plain text
        "Baca juga: Banjir rendam ribuan rumah di pesisir utara",
        "Czytaj także: Burza zerwała dachy w trzech gminach",
        "यह भी पढ़ें: तूफान से तीन जिलों में बिजली गुल",
        "Đọc thêm: Bão số 9 đổ bộ vào miền Trung",
    ],
)
def test_calls_to_action_in_more_languages(line: str) -> None:
    lower = line.lower()
    assert FURNITURE_PREFIX.match(lower) or FURNITURE_CALL.search(lower)


@pytest.mark.parametrize(
    "line",
    [
        "Ikuti perintah dokter, kata menteri kesehatan.",  # "follow the doctor's orders"
        "Volg de rivier naar het noorden en je ziet de haven.",
        "Read the full report, the minister said, before judging the port.",
        "Baca juga laporan lengkapnya di halaman berikut",  # no colon: a sentence
    ],
)
def test_story_lines_that_start_alike_are_kept(line: str) -> None:
    lower = line.lower()
    assert not (FURNITURE_PREFIX.match(lower) or FURNITURE_CALL.search(lower))


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Home Depot stock fell. Photograph by Robyn Beck/AFP/Getty Images", True),
        ("Esper meets Lich in Hanoi. (AP Photo/Hau Dinh)", True),
        ("Foto: Archiv", True),
        ("盾构机顺利出洞。记者 李明 摄", True),
        ("The company said on Tuesday, according to Reuters.", False),
        ("He wrote a book about the photo: it sold well.", False),
    ],
)
def test_photo_credits(line: str, credit: bool) -> None:
    assert bool(PHOTO_CREDIT.search(line.lower())) is credit


def test_shallow_pages_pass_the_nesting_guard_untouched() -> None:
    page = "<div><p>x</p></div>" * 10_000
    assert bound_nesting(page) is page


def test_icon_heavy_pages_are_not_mistaken_for_deep_nesting() -> None:
    icon = '<svg viewBox="0 0 8 8"><path d="M0 0h8"/><circle r="1"/></svg>'
    page = "<body>" + icon * 5_000 + "</body>"
    assert bound_nesting(page) is page


def test_deep_pages_lose_their_deep_tags_but_not_their_text() -> None:
    page = "<div>" * 5_000 + "words" + "</div>" * 5_000
    bounded = bound_nesting(page)
    assert "words" in bounded
    assert bounded.count("<div>") < 1_000


@pytest.mark.parametrize(
    "line",
    ["Advert", "Text size", "Tempo de leitura: 1 minuto", "5 min read",
     "paul.takahashi@chron.com", "twitter.com/paultakahashi", "@annlee",
     "This slideshow requires JavaScript.", "Back to top ↑", "RATE THIS PAGE",
     "Was this page helpful?", "Skip to main content"],
)  # fmt: skip
def test_more_furniture_lines(line: str) -> None:
    assert FURNITURE_LINE.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Reklama", "Advertentie", "Iklan", "Quảng cáo", "광고", "विज्ञापन", "Διαφήμιση",
     "Publicidade", "Bagikan", "Udostępnij", "Paylaş", "共有", "Komentarze", "Yorumlar",
     "Kommentare", "Комментарии", "댓글", "Σχόλια", "Commentaires", "Baca Selengkapnya",
     "Czytaj więcej", "Leia mais", "Devamını oku", "Läs mer", "続きを読む", "और पढ़ें"],
)  # fmt: skip
def test_furniture_lines_in_more_languages(line: str) -> None:
    assert FURNITURE_LINE.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Berita Terkait", "İlgili Haberler", "Tin liên quan", "Zobacz także", "Související články",
     "Meer nieuws", "Relaterade artiklar", "Σχετικά άρθρα", "Схожі новини", "関連記事",
     "관련기사", "اخبار مرتبط", "כתבות נוספות", "Kapcsolódó cikkek", "Articole similare",
     "সম্পর্কিত খবর", "ข่าวที่เกี่ยวข้อง", "संबंधित खबरें", "Baca Juga"],
)  # fmt: skip
def test_headings_over_other_stories_in_more_languages(line: str) -> None:
    assert FURNITURE_HEADING.match(line.lower())
    assert FURNITURE_LINE.match(line.lower())


@pytest.mark.parametrize(
    "line",
    ["Fox News’ Jessica Napoli contributed to this report.",
     "Additional reporting by Joseph Hudak", "Like this story? Share it with a friend!",
     "Follow AP's full coverage of Brexit at https://apnews.com/Brexit"],
)  # fmt: skip
def test_desk_credits(line: str) -> None:
    assert FURNITURE_CALL.search(line.lower())


@pytest.mark.parametrize(
    "line",
    ["More than 300 people were rescued", "Read more books, the minister says",
     "Share prices fell", "Back to top form after the injury"],
)  # fmt: skip
def test_story_lines_are_not_furniture_lines(line: str) -> None:
    assert not FURNITURE_LINE.match(line.lower())


@pytest.mark.parametrize(
    "names",
    ["overflow-hidden", "overflow-x-hidden", "data-[state=closed]:animate-accordion-up",
     "md:hidden", "group-hover:share-visible", "w-[320px] text-[13px]"],
)  # fmt: skip
def test_utility_classes_say_nothing(names: str) -> None:
    assert name_flags(names) == 0


def test_a_name_beside_utility_classes_still_counts() -> None:
    assert name_flags("comments overflow-hidden md:block") & NAME_AREA
    assert name_flags("hidden") & NAME_NEGATIVE
