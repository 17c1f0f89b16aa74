"""Metadata from every witness a page offers, including witnesses that disagree.

Whole pages (tests/pages/meta_*.html) cover the sources together, in ten
languages; small inline pages pin down one rule each.
"""

from __future__ import annotations

from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

import clipper
from clipper.extraction.metadata import Metadata, extract_metadata, normalize_language
from tests.conftest import page_bytes

LD = '<script type="application/ld+json">{{"@type":"Article","headline":"x",{}}}</script>'


def meta(
    html: str, url: str | None = "https://www.example.org/news/story", **kwargs: Any
) -> Metadata:
    return extract_metadata(LexborHTMLParser(html), url, **kwargs)


def fixture(name: str, url: str) -> Metadata:
    return meta(page_bytes(name).decode("utf-8"), url)


# --- whole pages -------------------------------------------------------------------


def test_json_ld_graph_page() -> None:
    """Yoast-style @graph: the article node among site, page, breadcrumb and people,
    references followed by @id; a profile URL as author meta; sidebar dates and
    a logo <h1> that must not win."""
    m = fixture(
        "meta_jsonld_graph.html",
        "https://www.example-times.co.uk/news/2021/06/02/skerryvore-keepers?utm_source=x",
    )
    assert m.title == "Lighthouse keepers return to Skerryvore after 50 years"
    assert m.authors == ("Jane Doe", "Angus MacLeod")
    # The article's dates, not the WebPage node's, nor the sidebar's.
    assert m.published == "2021-06-02T07:15:00+01:00"
    assert m.modified == "2021-06-02T18:40:00+01:00"
    assert m.site == "The Example Times"
    assert m.canonical == "https://www.example-times.co.uk/news/2021/06/02/skerryvore-keepers"
    assert m.image == "https://www.example-times.co.uk/images/2021/06/skerryvore.jpg"
    assert m.language == "en-GB"
    assert (
        m.description
        == "A volunteer crew will staff the remote lighthouse for a summer of repairs."
    )


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        (
            "meta_de.html",
            "https://www.beispiel-zeitung.de/verkehr/bahnstreik-100.html",
            {
                "title": "Bahnstreik legt Fernverkehr lahm",
                "authors": ("Hans Müller", "Eva Schmidt"),  # "Redaktion" meta and dpa dropped
                "published": "2020-12-22T14:05:00",
                "modified": "2020-12-23T09:30:00",
                "site": "Beispiel Zeitung",
                "image": "https://static.beispiel-zeitung.de/bilder/streik.jpg",
                "language": "de",
            },
        ),
        (
            "meta_fr.html",
            "https://www.quotidien-exemple.fr/societe/arrete",
            {
                "title": "Le Conseil d'État suspend l'arrêté municipal",
                "authors": ("Jean Dupont", "Marie Martin"),  # microdata, (AFP) an affiliation
                "published": "2020-12-22T20:41:00+01:00",
                "modified": "2020-12-23T08:00:00+01:00",
                "site": "Le Quotidien Exemple",  # from the <title> affix
                "language": "fr-FR",
                "description": (
                    "La haute juridiction administrative a donné raison aux associations."
                ),
            },
        ),
        (
            "meta_es.html",
            "https://diarioejemplo.es/espana/ley-vivienda",
            {
                # JSON-LD names the paper as author and gives an impossible date.
                "authors": ("Juan Pérez", "María García"),
                "published": "2020-12-22T20:41:00",
                "modified": "2020-12-23T08:00:00",
                "site": "Diario Ejemplo",
                "language": "es",
            },
        ),
        (
            "meta_it.html",
            "https://www.giornaleesempio.it/cronaca/allerta",
            {
                "authors": ("Mario Rossi", "Luigi Bianchi"),
                "published": "2020-12-22T20:41:00",
                "modified": "2020-12-23",
                "image": "https://www.giornaleesempio.it/foto/allerta.jpg",
                "language": "it",
            },
        ),
        (
            "meta_pt.html",
            "https://jornalexemplo.com.br/cidades/chuvas",
            {
                "authors": ("Ana Souza",),
                # "Atualizado" comes first on the page and is still the modification.
                "published": "2020-12-22T20:41:00",
                "modified": "2020-12-23T08:00:00",
                "language": "pt-BR",
            },
        ),
        (
            "meta_ru.html",
            "https://primer-novosti.ru/moskva/metro",
            {
                "title": "В Москве открылась новая станция метро",
                "authors": ("Иван Петров",),  # not the commenter "Гость"
                "published": "2020-12-22T20:41:00",
                "modified": "2020-12-23T08:00:00",
                "site": "Пример Новости",
                "language": "ru-RU",  # the template's lang="en" contradicts the Cyrillic title
            },
        ),
        (
            "meta_zh.html",
            "https://news.example.cn/2020/1222/olympics.html",
            {
                "title": "北京冬奥会场馆全部完工",
                "authors": ("张三", "李四"),
                "published": "2020-12-22T20:41:00",
                "site": "示例新闻网",
                "language": "zh-CN",
            },
        ),
        (
            "meta_ja.html",
            "https://www.reiji-shimbun.jp/articles/123",
            {
                "title": "新幹線、大雪で一部運休",
                "authors": ("山田太郎",),
                "published": "2020-12-22T20:41:00",
                "modified": "2020-12-23T08:00:00",
                "site": "例示新聞",
                "language": "ja",
            },
        ),
        (
            "meta_ar.html",
            "https://almithal.example/news/solar",
            {
                "title": "افتتاح أكبر محطة للطاقة الشمسية في المنطقة",
                "authors": ("محمد علي",),
                "published": "2020-12-22",
                "modified": "2020-12-23",
                "site": "جريدة المثال",
                "language": "ar",
            },
        ),
    ],
)
def test_pages_in_many_languages(name: str, url: str, expected: dict[str, Any]) -> None:
    m = fixture(name, url)
    assert {field: getattr(m, field) for field in expected} == expected


def test_seed_like_page_through_extract() -> None:
    article = clipper.extract(
        page_bytes("seed_like.html"), url="https://www.devdiscourse.com/article/international/x"
    )
    assert article.published == "2020-12-22T20:41:00+05:30"
    assert article.modified == "2020-12-22T20:41:00+05:30"
    assert article.authors == ("PTI",)


# --- titles --------------------------------------------------------------------------


def test_og_title_beats_a_title_element_with_a_site_suffix() -> None:
    html = """<title>Storm closes schools across the county | Example Gazette</title>
    <meta property="og:title" content="Storm closes schools across the county">"""
    assert meta(html).title == "Storm closes schools across the county"


def test_site_affix_is_removed_before_or_after() -> None:
    suffixed = "<title>Storm closes schools across the county - Example Gazette</title>"
    prefixed = "<title>Example Gazette | Storm closes schools across the county</title>"
    site = '<meta property="og:site_name" content="Example Gazette">'
    assert meta(suffixed).title == "Storm closes schools across the county"
    assert meta(site + prefixed).title == "Storm closes schools across the county"
    # The host names the site when nothing else does.
    assert meta(prefixed, "https://examplegazette.com/a").title == (
        "Storm closes schools across the county"
    )


def test_visible_headline_wins_when_a_declared_title_confirms_it() -> None:
    html = """<title>Storm closes schools - Example Gazette</title>
    <meta property="og:title" content="County schools shut as storm hits">
    <h1 class="logo">Example Gazette</h1>
    <article><h1>Storm closes schools across the county</h1><p>Text.</p></article>"""
    assert meta(html).title == "Storm closes schools across the county"


def test_an_unrelated_h1_is_ignored() -> None:
    html = """<meta property="og:title" content="Storm closes schools across the county">
    <h1>Weather</h1><div class="teaser"><h1>Ferry cancelled</h1></div>"""
    assert meta(html).title == "Storm closes schools across the county"


def test_truncated_declared_title_is_completed() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"Council approves the long-delayed plan to rebuild the harbour wall before…"}
    </script>
    <h1>Council approves the long-delayed plan to rebuild the harbour wall
        before winter storms</h1>"""
    assert meta(html).title == (
        "Council approves the long-delayed plan to rebuild the harbour wall before winter storms"
    )


def test_entities_in_declared_titles_are_decoded() -> None:
    html = """<script type="application/ld+json">{"@type":"Article",
      "headline":"&#8216;The Medium is the Message&#8217; &amp; more"}</script>"""
    assert meta(html).title == "‘The Medium is the Message’ & more"


# --- authors -------------------------------------------------------------------------


def test_profile_url_author_meta_is_not_a_name() -> None:
    html = """<meta property="article:author" content="https://www.facebook.com/jane.doe">
    <meta name="author" content="Jane Doe">"""
    assert meta(html).authors == ("Jane Doe",)


def test_site_named_as_author_gives_way_to_the_byline() -> None:
    html = """<meta property="og:site_name" content="BBC News">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Floods in the north",
      "author":{"@type":"Organization","name":"BBC News"}}</script>
    <article><h1>Floods in the north</h1>
      <div class="byline">By Tom Gillespie, News reporter</div></article>"""
    assert meta(html, "https://www.bbc.com/news/uk-1").authors == ("Tom Gillespie",)
    # Without a person, the publisher's own name is the author it declares.
    no_byline = html.replace("By Tom Gillespie, News reporter", "")
    assert meta(no_byline, "https://www.bbc.com/news/uk-1").authors == ("BBC News",)


def test_agency_is_an_author() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake",
      "author":[{"@type":"Organization","name":"Reuters"}]}</script>"""
    assert meta(html).authors == ("Reuters",)
    byline = "<h1>Quake strikes off coast</h1><p class='byline'>By AFP</p>"
    assert meta(byline).authors == ("AFP",)


def test_byline_beside_the_headline_not_in_the_sidebar_or_comments() -> None:
    html = """<div class="story"><h1>Quake strikes off coast</h1>
      <span class="author-name">Written by Sarah E. Needleman</span></div>
    <div class="sidebar"><span class="author">Tom Smith</span></div>
    <div id="comments"><span class="comment-author">anonymous</span></div>"""
    assert meta(html).authors == ("Sarah E. Needleman",)


def test_json_ld_author_string_with_several_names() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake",
      "author":"By DANICA KIRKA and JILL LAWLESS, Associated Press"}</script>"""
    assert meta(html).authors == ("Danica Kirka", "Jill Lawless")


# --- dates ---------------------------------------------------------------------------


def test_json_ld_date_beats_a_sidebar_date() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake",
      "datePublished":"2021-03-03T10:00:00+09:00"}</script>
    <aside><time datetime="2021-03-01T08:00:00Z">1 March</time></aside>
    <h1>Quake</h1>"""
    assert meta(html).published == "2021-03-03T10:00:00+09:00"


def test_updated_is_modified_and_created_is_published() -> None:
    html = """<h1>Quake strikes off coast</h1>
    <div class="byline">PTI | Tokyo | Updated: 04-03-2021 09:15 IST |
      Created: 03-03-2021 20:41 IST</div>"""
    m = meta(html)
    assert (m.published, m.modified) == ("2021-03-03T20:41:00+05:30", "2021-03-04T09:15:00+05:30")


def test_time_element_labelled_updated_is_modified() -> None:
    html = """<h1>Quake strikes off coast</h1>
    <p class="meta">Updated <time datetime="2021-03-04T09:15:00Z">4 March</time></p>"""
    m = meta(html, "https://www.example.org/2021/03/03/quake")
    assert m.modified == "2021-03-04T09:15:00+00:00"
    assert m.published == "2021-03-03"  # from the URL, the weakest witness


def test_unlabelled_visible_date_that_contradicts_the_url_is_not_the_story_date() -> None:
    html = """<article><h1>What is the value of drugs that come to the border?</h1>
    <p class="statement__meta">— A congressman on Sunday, October 13th, 2019 in a newspaper</p>
    <p class="article__meta">By Matthew Digby on Monday, November 18th, 2019</p></article>"""
    url = "https://www.example.org/statements/2019/nov/18/drugs-border/"
    assert meta(html, url).published == "2019-11-18"
    assert meta(html, "https://www.example.org/statements/drugs-border/").published == "2019-10-13"


def test_implausible_dates_fall_through_to_the_next_witness() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake",
      "datePublished":"0001-01-01T00:00:00Z","dateModified":"2999-01-01"}</script>
    <meta property="article:published_time" content="2021-03-03T10:00:00Z">"""
    m = meta(html)
    assert (m.published, m.modified) == ("2021-03-03T10:00:00+00:00", None)


def test_bare_date_gets_the_time_of_a_weaker_witness_on_the_same_day() -> None:
    html = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Quake",
      "datePublished":"2021-03-03"}</script>
    <meta property="article:published_time" content="2021-03-03T10:00:00-05:00">"""
    assert meta(html).published == "2021-03-03T10:00:00-05:00"


def test_modified_before_published_is_dropped() -> None:
    html = """<meta property="article:published_time" content="2021-03-03T10:00:00Z">
    <meta property="article:modified_time" content="2019-01-01T10:00:00Z">"""
    m = meta(html)
    assert (m.published, m.modified) == ("2021-03-03T10:00:00+00:00", None)


def test_embedded_video_upload_date_is_not_the_story_date() -> None:
    html = """<script type="application/ld+json">{"@type":"VideoObject","name":"Clip",
      "uploadDate":"2019-10-11T14:59:54Z"}</script>
    <meta itemprop="datePublished" content="2019-11-19T02:34:30Z">"""
    assert meta(html).published == "2019-11-19T02:34:30+00:00"


def test_american_pages_read_slashed_dates_month_first() -> None:
    html = """<html lang="en-US"><h1>Quake strikes off coast</h1>
    <div class="date">Posted 03/04/2021</div></html>"""
    assert meta(html).published == "2021-03-04"
    assert meta(html.replace("en-US", "en-GB")).published == "2021-04-03"


# --- JSON-LD that is not valid JSON ------------------------------------------------------


def test_malformed_json_ld_is_repaired() -> None:
    html = """<script type="application/ld+json">
    // generated by a CMS plugin
    {"@context": "https://schema.org", "@type": 'NewsArticle',
     "headline": "Harbour wall rebuilt",
     "author": {"@type": "Person", "name": "Jane Doe",},
     "datePublished": "2021-03-03T10:00:00Z", /* trailing comma next */
     "keywords": ["harbour", "council", ],
    }
    </script>"""
    m = meta(html)
    assert (m.title, m.authors, m.published) == (
        "Harbour wall rebuilt",
        ("Jane Doe",),
        "2021-03-03T10:00:00+00:00",
    )


def test_broken_json_ld_is_salvaged() -> None:
    html = """<script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Harbour wall rebuilt",
     "description": "The council said "never again" after the storm",
     "datePublished": "2021-03-03T10:00:00Z",
     "author": {"@type": "Person", "name": "Jane Doe"}}
    </script>"""
    m = meta(html)
    assert (m.title, m.authors, m.published) == (
        "Harbour wall rebuilt",
        ("Jane Doe",),
        "2021-03-03T10:00:00+00:00",
    )


def test_several_json_ld_blocks_only_one_is_the_article() -> None:
    html = """<script type="application/ld+json">{"@type":"Organization","name":"Example Gazette",
      "url":"https://www.example.org/"}</script>
    <script type="application/ld+json">[{"@type":"BreadcrumbList","itemListElement":[]},
      {"@type":"NewsArticle","headline":"Related: ferry cancelled","url":"https://www.example.org/other",
       "datePublished":"2021-01-01"},
      {"@type":"NewsArticle","headline":"Harbour wall rebuilt","url":"https://www.example.org/news/story",
       "datePublished":"2021-03-03","publisher":{"@type":"Organization","name":"Example Gazette"}}]
    </script>"""
    m = meta(html)
    assert (m.title, m.published, m.site) == (
        "Harbour wall rebuilt",
        "2021-03-03",
        "Example Gazette",
    )


# --- site, canonical, image, language, description ----------------------------------------


def test_site_name_sources() -> None:
    assert meta('<meta name="application-name" content="Gazette">').site == "Gazette"
    # An edition name that does not match the host loses to the publisher that does.
    html = """<meta property="og:site_name" content="U.S.">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"x",
      "publisher":{"@type":"Organization","name":"Reuters"}}</script>"""
    assert meta(html, "https://www.reuters.com/article/x").site == "Reuters"
    assert meta("<p>x</p>", "https://www.example-gazette.co.uk/a").site == "example-gazette.co.uk"
    assert meta("<title>Harbour wall rebuilt | The Gazette</title>", None).site == "The Gazette"
    assert meta("<p>x</p>", None).site is None


def test_canonical_and_image_are_absolute() -> None:
    html = """<link rel="canonical" href="/news/story-1">
    <meta property="og:image" content="//cdn.example.org/a.jpg">"""
    m = meta(html, "https://www.example.org/news/story-1?utm_source=feed")
    assert m.canonical == "https://www.example.org/news/story-1"
    assert m.image == "https://cdn.example.org/a.jpg"
    assert meta('<meta property="og:image" content="javascript:alert(1)">').image is None
    assert meta('<link rel="image_src" href="/i.png">').image == "https://www.example.org/i.png"
    # A saved page: protocol-relative URLs still work, path-relative ones cannot.
    saved = meta(
        '<meta property="og:image" content="//cdn.example.org/a.jpg">', "file:///tmp/a.html"
    )
    assert saved.image == "https://cdn.example.org/a.jpg"
    assert meta('<meta property="og:image" content="/a.jpg">', "file:///tmp/a.html").image is None
    assert meta('<meta property="og:url" content="https://www.example.org/x">').canonical == (
        "https://www.example.org/x"
    )


def test_language_sources() -> None:
    assert meta('<html lang="pt_BR"><p>x</p></html>').language == "pt-BR"
    assert meta('<meta http-equiv="Content-Language" content="nl">').language == "nl"
    assert meta("<p>x</p>", headers={"Content-Language": "sv-SE"}).language == "sv-SE"
    ld = LD.format('"inLanguage":"it-IT"')
    assert meta(ld).language == "it-IT"
    assert meta('<meta property="og:locale" content="es_ES">').language == "es-ES"
    assert meta("<p>x</p>").language is None
    # The title's script settles a contradiction: kana mean Japanese.
    html = '<html lang="en"><title>新幹線、大雪で一部運休します</title></html>'
    assert meta(html).language == "ja"


def test_description_sources() -> None:
    assert meta('<meta name="description" content="  One   line. ">').description == "One line."
    assert meta('<meta name="twitter:description" content="Tw">').description == "Tw"
    ld = LD.format('"description":"Ld &amp; co"')
    assert meta(ld).description == "Ld & co"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en_US", "en-US"), ("EN", "en"), ("zh-Hans-CN", "zh"), ("x", None), ("und", None)],
)
def test_normalize_language(value: str, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_empty_and_broken_pages_give_empty_metadata() -> None:
    for html in ("", "<html>", "<title></title>", "<<<>>>", "\x00\x01"):
        m = meta(html, None)
        assert m.title == ""
        assert m.authors == ()


def test_a_quotation_or_subtitle_in_the_title_is_not_taken_for_the_site() -> None:
    page = (
        "<html lang='fr'><head><title>Visite d’État à Pékin : « un tournant »</title></head>"
        "<body><article><h1>Visite d’État à Pékin : « un tournant »</h1>"
        "<p>Le président est arrivé à Pékin mardi pour une visite d’État de trois jours.</p>"
        "</article></body></html>"
    )
    found = meta(page, "https://www.exemple.fr/monde/pekin")
    assert found.title == "Visite d’État à Pékin : « un tournant »"
    assert found.site == "exemple.fr"


@pytest.mark.parametrize(
    ("head", "article", "by_og", "thread"),
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
         True, False, ""),
        ('<meta property="og:type" content="article">', False, True, ""),
        ('<meta property="og:type" content="website">', False, False, ""),
        ('<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
         True, False, "forum"),
        ('<script type="application/ld+json">{"@type": "QAPage"}</script>', False, False,
         "questions"),
    ],
)  # fmt: skip
def test_what_the_page_says_it_is(head: str, article: bool, by_og: bool, thread: str) -> None:
    # A JSON-LD article node is a plain declaration; og:type "article" is
    # written by SEO plugins on every page of a site, shop pages included, so
    # it is kept apart as a weaker hint; a forum topic or a Q&A page is a thread.
    html = f"<html><head>{head}</head><body><h1>The depot plan</h1><p>Text.</p></body></html>"
    meta = extract_metadata(LexborHTMLParser(html), "https://example.org/a")
    assert (meta.article, meta.article_by_og, meta.thread) == (article, by_og, thread)


@pytest.mark.parametrize(
    ("where", "thread"),
    [
        ("html", "questions"),
        ("body", "questions"),
        ("main", "questions"),
    ],
)
def test_a_thread_declared_by_microdata_anywhere(where: str, thread: str) -> None:
    # Stack Exchange types the whole document, on <html>.
    mark = ' itemscope itemtype="https://schema.org/QAPage"'
    html = (
        f"<html{mark if where == 'html' else ''}><body{mark if where == 'body' else ''}>"
        f"<main{mark if where == 'main' else ''}><h1>How?</h1><p>Text.</p></main></body></html>"
    )
    meta = extract_metadata(LexborHTMLParser(html), "https://example.org/q/1")
    assert meta.thread == thread
