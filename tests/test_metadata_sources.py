"""Each witness issue 14 lists, pinned on a hand-written page through ``clipper.extract``.

Every case states the exact title, authors, published and modified date the
page must give, so a change that moves any of them fails here. The pages are
small but written the way real templates write them, in eight languages, and
many hold a second witness that disagrees with the first (a sidebar date, an
"Updated" line, a site name where a person is named, a role glued to a name)
so that the rule deciding between them is pinned too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import clipper

FETCHED = {"Date": "Wed, 03 Dec 2025 16:05:00 GMT"}  # the HTTP Date of the response


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    story = "<p>" + "The story itself, in enough words to be a story. " * 8 + "</p>"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body.replace('STORY', story)}</body></html>"
    )


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@dataclass(frozen=True)
class Case:
    html: str
    url: str = "https://news.example.org/world/story"
    title: str = "Storm closes the harbour"
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


H1 = "<h1>Storm closes the harbour</h1>"
SIDEBAR = (
    '<aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Older story</a>'
    '<time datetime="2019-04-01T10:00:00Z">1 April 2019</time> by Zed Sidebar</li></ul></aside>'
)
COMMENTS = (
    '<section class="comments"><article class="comment"><footer class="comment-meta">'
    '<span class="author">Kim Commenter</span> <time datetime="2025-12-09">9 Dec</time>'
    "</footer><p>Nice piece.</p></article></section>"
)
# A story longer than the stretch read line by line under the headline.
LONG = "STORY " * 6
STYLE = ".blog-inner__content {margin-top: 0} " * 80  # a style sheet in the page's body
FOOTER = '<footer class="site-footer">© 2024 Example News. Updated daily.</footer>'

CASES: dict[str, Case] = {
    # --- dates: JSON-LD ---------------------------------------------------------------
    "json-ld graph with @id author, sidebar and comment dates ignored (en)": Case(
        page(
            "<title>Storm closes the harbour | Example News</title>"
            + ld(
                '{"@context":"https://schema.org","@graph":['
                '{"@type":"WebSite","@id":"https://news.example.org/#site","name":"Example News"},'
                '{"@type":"Person","@id":"https://news.example.org/#/p/1","name":"Jane Doe"},'
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"author":{"@id":"https://news.example.org/#/p/1"},'
                '"datePublished":"2025-12-03T07:15:00+01:00",'
                '"dateModified":"2025-12-03T18:40:00+01:00"}]}'
            ),
            f"{SIDEBAR}<article>{H1}STORY</article>{COMMENTS}{FOOTER}",
        ),
        authors=("Jane Doe",),
        published="2025-12-03T07:15:00+01:00",
        modified="2025-12-03T18:40:00+01:00",
    ),
    "json-ld author array, publisher beside them (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"author":[{"@type":"Person","name":"Jane Doe"},'
                '{"@type":"Person","name":"John Roe"}],'
                '"publisher":{"@type":"Organization","name":"Example News"},'
                '"datePublished":"2025-12-03"}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        authors=("Jane Doe", "John Roe"),
        published="2025-12-03",
    ),
    "json-ld dateCreated alone (en)": Case(
        page(
            ld(
                '{"@type":"Article","headline":"Storm closes the harbour",'
                '"dateCreated":"2025-12-03T09:00:00Z"}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03T09:00:00+00:00",
    ),
    "json-ld uploadDate of a video page (en)": Case(
        page(
            ld(
                '{"@type":"VideoObject","name":"Storm closes the harbour",'
                '"uploadDate":"2025-12-03T10:30:00+00:00"}'
            ),
            f"<main>{H1}STORY</main>",
        ),
        published="2025-12-03T10:30:00+00:00",
    ),
    "json-ld Blog holding its one blogPost (en)": Case(
        page(
            ld(
                '{"@context":"https://schema.org","@type":"Blog","name":"Harbour Notes",'
                '"blogPost":[{"@type":"BlogPosting","headline":"Storm closes the harbour",'
                '"datePublished":"2025-12-03T09:00:00+01:00"}]}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03T09:00:00+01:00",
    ),
    "json-ld Blog listing many posts dates none of them (es)": Case(
        page(
            ld(
                '{"@context":"https://schema.org","@type":"Blog","blogPost":['
                '{"@type":"BlogPosting","headline":"Otra","datePublished":"2025-11-20"},'
                '{"@type":"BlogPosting","headline":"Storm closes the harbour",'
                '"datePublished":"2025-12-03"}]}'
            ),
            f"<article>{H1}STORY</article>",
            lang="es",
        ),
    ),
    "json-ld date as a typed value object (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"datePublished":{"@type":"Date","@value":"2025-12-03"}}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03",
    ),
    "json-ld beats a visible dateline on another day (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"datePublished":"2025-12-03T08:00:00-05:00"}'
            ),
            f'<article>{H1}<p class="dateline">Filed 5 December 2025</p>STORY</article>',
        ),
        published="2025-12-03T08:00:00-05:00",
    ),
    "a UTC declaration is given in the publisher's own zone (en)": Case(
        page(
            '<meta property="article:published_time" content="2025-12-04T03:05:00+00:00">',
            f'<article>{H1}<time datetime="2025-12-03T19:05:00-08:00">December 3, 2025</time>'
            "STORY</article>",
        ),
        published="2025-12-03T19:05:00-08:00",
    ),
    # --- dates: OpenGraph and <meta> variants -----------------------------------------------
    "opengraph published and modified, title affix stripped (en)": Case(
        page(
            "<title>Storm closes the harbour | Example News</title>"
            '<meta property="og:site_name" content="Example News">'
            '<meta property="article:published_time" content="2025-12-03T07:15:00Z">'
            '<meta property="article:modified_time" content="2025-12-03T09:00:00Z">',
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03T07:15:00+00:00",
        modified="2025-12-03T09:00:00+00:00",
    ),
    "dublin core date and creator, in RDFa spelling (en)": Case(
        page(
            '<meta property="dc:date" content="2025-12-03">'
            '<meta property="dc:creator" content="Jane Doe"><meta name="author" content="admin">',
            f"<article>{H1}STORY</article>",
        ),
        authors=("Jane Doe",),
        published="2025-12-03",
    ),
    # --- dates: the visible page ---------------------------------------------------------
    "time element in the byline, a sidebar time first in the page (en)": Case(
        page(
            "",
            f'{SIDEBAR}<article>{H1}<div class="byline">By Jane Doe '
            '<time datetime="2025-12-03T16:05:00-05:00">Dec 3, 2025</time></div>STORY</article>',
        ),
        authors=("Jane Doe",),
        published="2025-12-03T16:05:00-05:00",
    ),
    "microdata datePublished and author (en)": Case(
        page(
            "",
            '<article itemscope itemtype="https://schema.org/NewsArticle">'
            '<h1 itemprop="headline">Storm closes the harbour</h1>'
            '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
            '<span itemprop="name">Jane Doe</span></span>'
            '<meta itemprop="datePublished" content="2025-12-03T11:00:00+00:00">STORY</article>',
        ),
        authors=("Jane Doe",),
        published="2025-12-03T11:00:00+00:00",
    ),
    "english dateline with 'at' and pm (en-US)": Case(
        page(
            "",
            f'<article>{H1}<p class="meta">By John Roe | Dec 3, 2025 at 4:05 pm</p>STORY</article>',
            lang="en-US",
        ),
        authors=("John Roe",),
        published="2025-12-03T16:05:00",
    ),
    "german byline 'Von A und B', dateline and 'Aktualisiert' (de)": Case(
        page(
            "<title>Sturm schließt den Hafen - Beispiel Zeitung</title>",
            "<article><h1>Sturm schließt den Hafen</h1>"
            '<div class="autor">Von Hans Müller und Eva Schmidt</div>'
            '<div class="datum">Aktualisiert am 4. Dezember 2025, 09:30 Uhr · '
            "Erstellt am 3. Dezember 2025, 14:05 Uhr</div>STORY</article>",
            lang="de",
        ),
        url="https://www.beispiel-zeitung.de/panorama/sturm-100.html",
        title="Sturm schließt den Hafen",
        authors=("Hans Müller", "Eva Schmidt"),
        published="2025-12-03T14:05:00",
        modified="2025-12-04T09:30:00",
    ),
    "french 'Par', 'le 3 décembre 2025', a colon kept in the title (fr)": Case(
        page(
            "<title>Marseille : le port fermé par la tempête - Le Quotidien</title>",
            "<article><h1>Marseille : le port fermé par la tempête</h1>"
            '<p class="signature">Par Jean Dupont</p>'
            '<p class="date">Publié le 3 décembre 2025 à 16h05, mis à jour le 4 décembre 2025'
            "</p>STORY</article>",
            lang="fr",
        ),
        url="https://www.lequotidien.fr/societe/tempete",
        title="Marseille : le port fermé par la tempête",
        authors=("Jean Dupont",),
        published="2025-12-03T16:05:00",
        modified="2025-12-04",
    ),
    "french 'Texte :' label (fr)": Case(
        page(
            "",
            "<article><h1>Marseille : le port fermé par la tempête</h1>"
            '<p class="auteur">Texte : Marie Martin</p>'
            '<time datetime="2025-12-03">3 décembre 2025</time>STORY</article>',
            lang="fr",
        ),
        title="Marseille : le port fermé par la tempête",
        authors=("Marie Martin",),
        published="2025-12-03",
    ),
    "spanish 'Por A y B' and '3 de diciembre de 2025' (es)": Case(
        page(
            "",
            "<article><h1>La tormenta cierra el puerto de Valencia</h1>"
            '<div class="firma">Por Juan Pérez y María García</div>'
            '<div class="fecha">3 de diciembre de 2025 - 10:42</div>STORY</article>',
            lang="es",
        ),
        title="La tormenta cierra el puerto de Valencia",
        authors=("Juan Pérez", "María García"),
        published="2025-12-03T10:42:00",
    ),
    "italian 'di' and a numeric dateline 03.12.2025 (it)": Case(
        page(
            "",
            "<article><h1>La tempesta chiude il porto di Genova</h1>"
            '<p class="autore">di Mario Rossi</p><p class="data">03.12.2025</p>STORY</article>',
            lang="it",
        ),
        title="La tempesta chiude il porto di Genova",
        authors=("Mario Rossi",),
        published="2025-12-03",
    ),
    "russian author label and dateline (ru)": Case(
        page(
            "",
            "<article><h1>Шторм закрыл порт Новороссийска</h1>"
            '<div class="author">Автор: Иван Петров</div>'
            '<div class="date">3 декабря 2025, 16:05</div>STORY</article>',
            lang="ru",
        ),
        title="Шторм закрыл порт Новороссийска",
        authors=("Иван Петров",),
        published="2025-12-03T16:05:00",
    ),
    "japanese 2025年12月3日 and a full-width affix (ja)": Case(
        page(
            "<title>嵐で港が閉鎖｜例示新聞</title>",
            "<article><h1>嵐で港が閉鎖</h1>"
            '<div class="date">2025年12月3日 16時05分</div>STORY</article>',
            lang="ja",
        ),
        title="嵐で港が閉鎖",
        published="2025-12-03T16:05:00",
    ),
    "chinese dateline with source and two authors (zh)": Case(
        page(
            "",
            "<article><h1>暴风雨导致港口关闭</h1>"
            '<div class="info">2025年12月3日 16:05　来源：新华社　作者：张三、李四</div>'
            "STORY</article>",
            lang="zh-CN",
        ),
        title="暴风雨导致港口关闭",
        authors=("张三", "李四"),
        published="2025-12-03T16:05:00",
    ),
    "url date when the page states none (en)": Case(
        page("", f"<article>{H1}STORY</article>{FOOTER}"),
        url="https://news.example.org/2025/12/03/storm-closes-the-harbour/",
        published="2025-12-03",
    ),
    "no date rather than a sidebar's, a comment's or the copyright's (en)": Case(
        page("", f"{SIDEBAR}<article>{H1}STORY</article>{COMMENTS}{FOOTER}"),
    ),
    "relative dateline counted back from the fetch time (en)": Case(
        page("", f'<article>{H1}<span class="date">3 hours ago</span>STORY</article>'),
        published="2025-12-03T13:05:00+00:00",
        headers=FETCHED,
    ),
    "relative dateline without a fetch time is left unread (en)": Case(
        page("", f'<article>{H1}<span class="date">3 hours ago</span>STORY</article>'),
    ),
    "'gestern' counted back from the fetch time (de)": Case(
        page(
            "",
            '<article><h1>Sturm schließt den Hafen</h1><span class="datum">gestern, 14:30 Uhr'
            "</span>STORY</article>",
            lang="de",
        ),
        title="Sturm schließt den Hafen",
        published="2025-12-02T14:30:00",
        headers=FETCHED,
    ),
    "a tooltip's exact date behind '1 year ago' (en)": Case(
        page(
            "",
            f'<article>{H1}<span class="post-time" title="Friday, October 4th, 2024 at '
            '3:43:10 PM">1 year ago</span>STORY</article>',
        ),
        published="2024-10-04T15:43:10",
    ),
    "the dateline in plain text right under the headline (en)": Case(
        page("", f"<div>{H1}<p>December 3rd, 2025</p>STORY</div>"),
        published="2025-12-03",
    ),
    "'Posted on' and the date in two plain spans (en)": Case(
        page(
            "",
            f"<div>{H1}<div><span>Posted on</span> <span>Dec 3, 2025</span></div>STORY</div>",
        ),
        published="2025-12-03",
    ),
    # --- dates: scholarly and older declared forms, hAtom classes, more scripts ----------
    "highwire citation_publication_date of a paper's page (en)": Case(
        page(
            '<meta name="citation_title" content="Storm closes the harbour">'
            '<meta name="citation_publication_date" content="2025/12/03">',
            f"<main>{H1}STORY</main>",
        ),
        published="2025-12-03",
    ),
    "parsely-page JSON, the older form of parsely-pub-date (en)": Case(
        page(
            '<meta name="parsely-page" content=\'{"title": "Storm closes the harbour", '
            '"pub_date": "2025-12-03T07:15:00Z", "section": "World"}\'>',
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03T07:15:00+00:00",
    ),
    "json-ld datePublished as a Unix timestamp written as text (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"datePublished":"1764746100"}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        published="2025-12-03T07:15:00+00:00",
    ),
    "wordpress hAtom classes: 'updated' written before 'published' (en)": Case(
        page(
            "",
            f'{SIDEBAR}<article><header>{H1}<div class="entry-meta">'
            '<time class="updated" datetime="2025-12-05T10:00:00+00:00">December 5, 2025</time> '
            '<time class="entry-date published" datetime="2025-12-03T08:00:00+00:00">'
            "December 3, 2025</time></div></header>STORY</article>",
        ),
        published="2025-12-03T08:00:00+00:00",
        modified="2025-12-05T10:00:00+00:00",
    ),
    "hAtom's lone 'updated' class is the publication date (en)": Case(
        page(
            "",
            f'{SIDEBAR}<article><header>{H1}<div class="td-post-date">'
            '<time class="entry-date updated td-module-date" datetime="2025-12-03T08:00:00+00:00">'
            "December 3, 2025</time></div></header>STORY</article>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        published="2025-12-03T08:00:00+00:00",
    ),
    "a label inside the <time> outranks its class: 'Last Updated' is modified (en)": Case(
        page(
            "",
            f'<article><header>{H1}<div class="byline__meta"><time class="byline__pubdate" '
            'datetime="2025-12-05">Last Updated: Dec 5, 2025</time></div></header>STORY</article>',
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        modified="2025-12-05",
    ),
    "a two-digit-year date in an element classed as a date (de)": Case(
        page(
            "",
            f'<article><div class="article-head"><span class="post-date">03.12.25</span>{H1}</div>'
            "STORY</article>",
            lang="de",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        published="2025-12-03",
    ),
    "a date set in pieces under the headline, its time between them (en)": Case(
        page(
            "",
            f'<div class="story">{H1}<div class="meta"><span>December 3</span><span>16:05</span>'
            "<span>2025</span></div><p>Print this article</p>STORY</div>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        published="2025-12-03",
    ),
    "a calendar badge after 'Updated' is the modified date, not the published (en)": Case(
        page(
            "",
            f'<div class="story">{H1}<div class="meta"><span>Updated</span><span>05</span>'
            "<span>Dec</span><span>2025</span></div>STORY</div>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        modified="2025-12-05",
    ),
    "a grid of other posts' dates is not the story's (en)": Case(
        page(
            "",
            f'<div class="page">{H1}<div class="intro">{LONG}</div><div class="posts">'
            '<article class="post"><h3><a href="/a">An older post</a></h3>'
            '<span class="post-date">12 November 2024</span></article>'
            '<article class="post"><h3><a href="/b">Another post</a></h3>'
            '<span class="post-date">11 November 2024</span></article></div></div>',
        ),
        url="https://news.example.org/storm-closes-the-harbour",
    ),
    "a thread's first post: its date a few lines above the poster's name (en)": Case(
        page(
            "<title>Storm closes the harbour - Harbour Forum</title>",
            '<div class="navbar"><a href="/">Harbour Forum</a> &gt; <strong>Storm closes the '
            'harbour</strong></div><div class="tools"><a href="/register">Register</a> '
            '<a href="/faq">FAQ</a> <a href="#tools">Thread Tools</a> <a href="#modes">Display '
            'Modes</a></div><table class="tborder"><tr><td class="thead">'
            "30th November 2025, 16:26</td>"
            '<td class="thead">#<a href="#post1">1</a> | <a href="#post1">Link</a></td></tr>'
            '<tr><td class="alt2"><a class="bigusername" href="member.php?u=7">Kim Harbour</a>'
            "<div>Registered User</div><div>Join Date: Mar 2016</div><div>Posts: 1</div></td>"
            '<td class="alt1"><div class="post">STORY'
            '</div></td></tr><tr><td class="thead">2nd December 2025, 13:59</td></tr></table>',
        ),
        url="https://forum.example.org/showthread.php?t=186269",
        authors=("Kim Harbour",),
        published="2025-11-30T16:26:00",
    ),
    "a style sheet set between the headline and its byline is not read as text (en)": Case(
        page(
            "",
            f'<div class="blog-inner">{H1}<style>{STYLE}</style><div class="meta">'
            "<span>Written by:</span> <span>Jane Doe</span></div>STORY</div>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        authors=("Jane Doe",),
    ),
    "a name alone under the headline, over this year's day without its year (en)": Case(
        page(
            "",
            f'<div class="post">{H1}<div class="post-meta"><span>Jane Doe</span></div>'
            '<div class="post-info"><span>Dec 3</span><span>5 min read</span></div>'
            f"{LONG}</div>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        authors=("Jane Doe",),
    ),
    "a declared date stamped months after the dateline the page shows (en)": Case(
        page(
            ld(
                '{"@type":"BlogPosting","headline":"Storm closes the harbour",'
                '"datePublished":"Jun 24, 2025","dateModified":"Jun 24, 2025"}'
            ),
            f'<article>{H1}<div class="header__attributed"><div class="text__author">Jane Doe'
            '</div><div class="text__date">August 25, 2024</div></div>STORY</article>',
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        authors=("Jane Doe",),
        published="2024-08-25",
        modified="2025-06-24",
    ),
    "a declared date a day after the shown one is the same moment in UTC (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"datePublished":"2025-12-04T03:05:00Z"}'
            ),
            f'<article>{H1}<p class="date">December 3, 2025</p>STORY</article>',
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        published="2025-12-04T03:05:00+00:00",
    ),
    "'First Published' at the story's end, in a page without <article> or <main> (en)": Case(
        page(
            "",
            f'<div class="content">{H1}{LONG}<p class="pub">First Published on Dec 3, 2025 '
            '01:38 pm</p></div><div class="more">'
            + "".join(
                f'<article class="card"><h3><a href="/s{n}">Another story</a></h3>'
                f"<p>Published on Nov {n}, 2025</p></article>"
                for n in (10, 11, 12)
            )
            + "</div>",
        ),
        url="https://news.example.org/storm-closes-the-harbour",
        published="2025-12-03T13:38:00",
    ),
    "'Aktualisiert' before 'Veröffentlicht' on one unmarked line (de)": Case(
        page(
            "",
            f"<article>{H1}<p>Aktualisiert am 5. Dezember 2025 · Veröffentlicht am "
            "3. Dezember 2025</p>STORY STORY STORY</article>",
            lang="de",
        ),
        published="2025-12-03",
        modified="2025-12-05",
    ),
    "the date as one part of a meta line under the headline (fr)": Case(
        page(
            "",
            f"<article>{H1}<p>Économie | 3 décembre 2025 | 4 min de lecture</p>STORY</article>",
            lang="fr",
        ),
        published="2025-12-03",
    ),
    "a meta line with two dates is no dateline: the URL's day instead (fr)": Case(
        page(
            "",
            f"<article>{H1}<p>Festival | 3 décembre 2025 | 9 décembre 2025</p>STORY</article>",
            lang="fr",
        ),
        url="https://news.example.org/2025/12/01/story",
        published="2025-12-01",
    ),
    "weekday, short month and zone in an unmarked dateline (id)": Case(
        page(
            "",
            f"<article>{H1}<div><span>Rabu, 03 Des 2025 16:05 WIB</span></div>STORY</article>",
            lang="id",
        ),
        published="2025-12-03T16:05:00+07:00",
    ),
    "a labelled date with Hindi month names (hi)": Case(
        page(
            "", f"<article>{H1}<p>प्रकाशित: 3 दिसंबर 2025, 04:05 PM IST</p>STORY</article>", lang="hi"
        ),
        published="2025-12-03T16:05:00+05:30",
    ),
    "a Thai date in the Buddhist era, sidebar date ignored (th)": Case(
        page(
            "",
            f'{SIDEBAR}<article>{H1}<p class="date">3 ธ.ค. 2568 16:05 น.</p>STORY</article>',
            lang="th",
        ),
        published="2025-12-03T16:05:00",
    ),
    "a two-digit year after a Hebrew label (he)": Case(
        page("", f"<article>{H1}<p>פורסם: 03.12.25</p>STORY</article>", lang="he"),
        published="2025-12-03",
    ),
    "the date in a Chinese news system's URL, /2025/1203/ (zh)": Case(
        page("", f"<article>{H1}STORY</article>{FOOTER}", lang="zh"),
        url="https://news.example.org/n1/2025/1203/c1002-40001.html",
        published="2025-12-03",
    ),
    "a relative dateline keeps its moment in a data attribute (en)": Case(
        page(
            "",
            f'<article>{H1}<p class="meta"><span class="timestamp" data-timestamp="1764746100">'
            "3h</span></p>STORY</article>",
        ),
        published="2025-12-03T07:15:00+00:00",
    ),
    "a data attribute dating something else is no dateline (en)": Case(
        page(
            "",
            f'<article>{H1}<div class="product-info" data-preorder-date="2025-12-08"></div>'
            "STORY</article>",
        ),
    ),
    "'Publié le' after the last paragraph, a comment's date ignored (fr)": Case(
        page(
            "",
            f"<article>{H1}{LONG}<p>Publié le 3 décembre 2025</p>"
            '<section class="comments"><p>Publié le 6 décembre 2025 par Luc</p></section>'
            "</article>",
            lang="fr",
        ),
        published="2025-12-03",
    ),
    "two labelled days after the story say nothing sure (en)": Case(
        page(
            "",
            f"<article>{H1}{LONG}<ul><li>Posted on December 1, 2025</li>"
            "<li>Posted on December 2, 2025</li></ul></article>",
        ),
    ),
    "an agency dateline opens the first paragraph (de)": Case(
        page(
            "",
            f"<article>{H1}<p>BERLIN, 3. Dezember 2025 (dpa) – Der Stadtrat hat am Mittwoch "
            "die neue Brücke genehmigt.</p>STORY STORY STORY</article>",
            lang="de",
        ),
        authors=("dpa",),
        published="2025-12-03",
    ),
    "an agency dateline with a numeric date (pl)": Case(
        page(
            "",
            f"<article>{H1}<p>Warszawa, 03.12.2025 (PAP) - Rada miasta zatwierdziła w środę "
            "budowę nowego mostu.</p>STORY STORY STORY</article>",
            lang="pl",
        ),
        authors=("PAP",),
        published="2025-12-03",
    ),
    # --- dates and bylines that templates set apart from the headline --------------------
    "a page builder's 'widget' boxes hold headline, byline and date (en)": Case(
        page(
            "<title>Storm closes the harbour | Example News</title>",
            '<div class="elementor-widget-container"><h1>Storm closes the harbour</h1></div>'
            '<div class="elementor-widget-container"><div class="post-meta">'
            '<span class="author-name">Jane Doe</span> <span class="post-date">'
            "December 3, 2025</span></div></div>"
            '<div class="elementor-widget-container">STORY</div>'
            '<div class="sidebar"><div class="post-date">April 1, 2019</div>'
            '<span class="author-name">Zed Sidebar</span></div>',
        ),
        authors=("Jane Doe",),
        published="2025-12-03",
    ),
    "a layout class naming the sidebar beside the story (de)": Case(
        page(
            "<title>Sturm schließt den Hafen</title>",
            '<div class="sidebar"><div class="datum">1. April 2019</div></div>'
            '<div class="site-content sidebar-enabled sidebar-right">'
            '<div class="entry-meta"><span class="datum">3. Dezember 2025</span> · '
            '<span class="autor">Von Hans Müller</span></div>'
            '<div class="entry-header"><h1>Sturm schließt den Hafen</h1></div>'
            "<div>STORY</div></div>",
            lang="de",
        ),
        title="Sturm schließt den Hafen",
        authors=("Hans Müller",),
        published="2025-12-03",
    ),
    "a BEM modifier '--footer' is a row of the header, not the page footer (fr)": Case(
        page(
            "",
            '<header class="page-header"><div class="page-header__row">'
            "<h1>Marseille : le port fermé par la tempête</h1></div>"
            '<div class="page-header__row page-header__row--footer"><span class="auteur">'
            'Marie Martin</span> <time datetime="2025-12-03T16:05:00+01:00">3 décembre 2025'
            "</time></div></header><div>STORY</div>",
            lang="fr",
        ),
        title="Marseille : le port fermé par la tempête",
        authors=("Marie Martin",),
        published="2025-12-03T16:05:00+01:00",
    ),
    "a ticker repeating the headline above it does not hide the dateline (es)": Case(
        page(
            "<title>La tormenta cierra el puerto de Valencia</title>",
            "<div>"
            + "".join(
                f"<div><a href='/{n}'>{t}</a></div>"
                for n, t in enumerate(
                    (
                        "La tormenta cierra el puerto de Valencia",
                        "Suben los precios del aceite",
                        "El Valencia gana en casa",
                        "Nueva línea de metro",
                        "Huelga de transporte el lunes",
                        "Lluvias en Castellón",
                    )
                )
            )
            + "</div><div class='row'><div class='col'>"
            "<h1>La tormenta cierra el puerto de Valencia</h1></div></div>"
            "<div class='row'><div class='col'>Escrito por</div><div>Juan Pérez</div>"
            "<div>Miércoles, 3 de diciembre de 2025</div></div><div>STORY</div>",
            lang="es",
        ),
        title="La tormenta cierra el puerto de Valencia",
        authors=("Juan Pérez",),
        published="2025-12-03",
    ),
    "'By logging in, you agree' under the headline is no byline (en)": Case(
        page("", f"<div>{H1}<p>By logging in, you agree to our terms.</p>STORY</div>"),
    ),
    "a byline box's 'Profile' and 'Follow' buttons are not part of the name (en)": Case(
        page(
            "",
            f'<article><header>{H1}</header><div class="author-hovercard">'
            '<span>Patrick Allan</span> <a href="/u/pa">Profile</a> '
            "<button>Follow</button></div>STORY</article>",
        ),
        authors=("Patrick Allan",),
    ),
    "the dateline just above the headline, where the kicker is (nl)": Case(
        page(
            "<title>Storm sluit de haven</title>",
            "<main><div>Nieuws</div><p>3 december 2025</p><p>Jan de Vries</p>"
            "<h1>Storm sluit de haven</h1>STORY</main>",
            lang="nl",
        ),
        title="Storm sluit de haven",
        published="2025-12-03",
    ),
    "a czech dateline under the headline, a sidebar date beside it (cs)": Case(
        page(
            "<title>Bouře uzavřela přístav</title>",
            "<article><h1>Bouře uzavřela přístav</h1>"
            '<p class="meta"><span class="autor">Jana Nováková</span> | 3. prosince 2025 10:45</p>'
            "STORY</article>" + SIDEBAR,
            lang="cs",
        ),
        title="Bouře uzavřela přístav",
        authors=("Jana Nováková",),
        published="2025-12-03T10:45:00",
    ),
    "a hungarian year-first dateline (hu)": Case(
        page(
            "<title>A vihar lezárta a kikötőt</title>",
            '<article><h1>A vihar lezárta a kikötőt</h1><p class="date">2025. december 3.'
            " 14:05</p>STORY</article>",
            lang="hu",
        ),
        title="A vihar lezárta a kikötőt",
        published="2025-12-03T14:05:00",
    ),
    "a romanian dateline with its 'Actualizat' line (ro)": Case(
        page(
            "<title>Furtuna a închis portul</title>",
            "<article><h1>Furtuna a închis portul</h1>"
            '<p class="date">3 decembrie 2025</p>STORY</article>',
            lang="ro",
        ),
        title="Furtuna a închis portul",
        published="2025-12-03",
    ),
    "a 'by' line in a sidebar beside a short story is not its byline (en)": Case(
        page("", f"<main><article>{H1}STORY</article>{SIDEBAR}</main>"),
    ),
    "'Updated' alone on its line: the date under it is no publication date (en)": Case(
        page("", f"<div>{H1}<p>Updated</p><p>December 4, 2025</p>STORY</div>"),
        modified="2025-12-04",
    ),
    "a Solar Hijri dateline under the headline (fa)": Case(
        page(
            "<title>طوفان بندر را بست</title>",
            '<article><h1>طوفان بندر را بست</h1><div class="meta">۱۲ آذر ۱۴۰۴ - ۱۰:۰۵</div>'
            "STORY</article>",
            "fa",
        ),
        title="طوفان بندر را بست",
        published="2025-12-03T10:05:00",
    ),
    "one line of published and updated dates gives both (en)": Case(
        page(
            "",
            f"<article>{H1}<div>Published 3 December 2025, updated 4 December 2025</div>"
            f"{LONG}</article>",
        ),
        published="2025-12-03",
        modified="2025-12-04",
    ),
    "'publié le ..., mis à jour le ...' on one line gives both (fr)": Case(
        page(
            "<title>La tempête ferme le port</title>",
            "<article><h1>La tempête ferme le port</h1><div>Publié le 3 décembre 2025 à 10h05,"
            f" mis à jour le 4 décembre 2025 à 12h00</div>{LONG}</article>",
            "fr",
        ),
        title="La tempête ferme le port",
        published="2025-12-03T10:05:00",
        modified="2025-12-04T12:00:00",
    ),
    "a caption's date under the headline is no dateline (en)": Case(
        page(
            "",
            f"<article>{H1}<figure><img src='harbour.jpg' alt=''>"
            "<figcaption>The harbour on December 3, 2025.</figcaption></figure>STORY</article>",
        ),
    ),
    "a script between headline and dateline is not read as lines (en)": Case(
        page(
            "",
            f"<div>{H1}<script>\nvar slot = 1;\nfunction show() {{\nwindow.ads.push(slot);"
            "\n}\nshow();\n</script><p>December 3, 2025</p>STORY</div>",
        ),
        published="2025-12-03",
    ),
    "a categories box by the headline does not end the search for the dateline (it)": Case(
        page(
            "<title>La tempesta chiude il porto di Genova</title>",
            '<div class="entry-header"><div class="entry-inner"><div class="post-meta">'
            '<a href="/cronaca">Cronaca</a> <a href="/liguria">Liguria</a></div>'
            "<h1>La tempesta chiude il porto di Genova</h1></div></div>"
            '<div class="entry-infobar"><div class="post-meta"><span class="meta-author">'
            'di Mario Rossi</span> <span class="meta-date">3 dicembre 2025</span></div></div>'
            "<div>STORY</div>",
            lang="it",
        ),
        title="La tempesta chiude il porto di Genova",
        authors=("Mario Rossi",),
        published="2025-12-03",
    ),
    "a forum post's date only in a tooltip, past the thread's counters (pt)": Case(
        page(
            "<title>Como mostrar a rota salva no telemóvel?</title>",
            '<main><div class="topic-header"><h1>Como mostrar a rota salva no telemóvel?</h1>'
            '<div class="topic-info">23 Mensagens 3 Participantes 928 Visualizações</div></div>'
            '<ul class="posts"><li class="post"><a class="username" href="/u/ana">ana_sousa</a>'
            '<span class="timeago" title="2025-12-03T10:29:24.807Z"></span>STORY</li></ul></main>',
            lang="pt",
        ),
        title="Como mostrar a rota salva no telemóvel?",
        authors=("ana_sousa",),  # the thread's first poster
        published="2025-12-03T10:29:24+00:00",
    ),
    "a thread's 'Last post' date is no publication date (en, de)": Case(
        page(
            "",
            f"<div>{H1}<p>12 replies</p><p>Last post: 5 December 2025</p>"
            "<p>Letzter Beitrag: 6. Dezember 2025</p>STORY</div>",
        ),
        modified="2025-12-05",
    ),
    "a template's 'Name' placeholder is no author (en)": Case(
        page(
            '<meta name="author" content="Name">',
            f"<div>{H1}<p>Written by</p><p>Maya Perez</p><p>Friday, December 19, 2025</p>"
            "STORY</div>",
        ),
        authors=("Maya Perez",),
        published="2025-12-19",
    ),
    # --- authors ---------------------------------------------------------------------
    # --- bylines, date labels and relative dates in more languages -----------------------
    "polish 'Autor:' and 'Opublikowano', the 'Zaktualizowano' date kept apart (pl)": Case(
        page(
            "<title>Burza zamknęła port</title>",
            "<article><h1>Burza zamknęła port</h1>"
            '<p class="meta">Autor: Jan Kowalski | Zaktualizowano: 4 grudnia 2025, 08:00 | '
            "Opublikowano: 3 grudnia 2025, 10:45</p>STORY</article>" + SIDEBAR,
            lang="pl",
        ),
        title="Burza zamknęła port",
        authors=("Jan Kowalski",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "hungarian 'Szerző:' and 'Frissítve' before 'Közzétéve' in plain lines (hu)": Case(
        page(
            "<title>A vihar lezárta a kikötőt</title>",
            "<div><h1>A vihar lezárta a kikötőt</h1><p>Szerző: Kovács Anna</p>"
            "<p>Frissítve: 2025. december 4. 08:00</p><p>Közzétéve: 2025. december 3. 10:45</p>"
            "STORY</div>",
            lang="hu",
        ),
        title="A vihar lezárta a kikötőt",
        authors=("Kovács Anna",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "turkish 'Yazar:' and '3 saat önce', a teaser's '2 gün önce' beside it (tr)": Case(
        page(
            "<title>Fırtına limanı kapattı</title>",
            '<aside class="sidebar"><a href="/a">Eski haber</a><span class="date">2 gün önce'
            "</span></aside><article><h1>Fırtına limanı kapattı</h1>"
            '<span class="author">Yazar: Ali Demir</span> <span class="date">3 saat önce</span>'
            "STORY</article>",
            lang="tr",
        ),
        title="Fırtına limanı kapattı",
        authors=("Ali Demir",),
        published="2025-12-03T13:05:00+00:00",
        headers=FETCHED,
    ),
    "indonesian 'Oleh:' inside the dateline, a 'Diperbarui' date after it (id)": Case(
        page(
            "<title>Badai menutup pelabuhan</title>",
            "<article><h1>Badai menutup pelabuhan</h1>"
            '<div class="info">Oleh: Budi Santoso - Rabu, 3 Desember 2025 10:45 WIB</div>'
            '<div class="info">Diperbarui 4 Desember 2025 08:00 WIB</div>STORY</article>',
            lang="id",
        ),
        title="Badai menutup pelabuhan",
        authors=("Budi Santoso",),
        published="2025-12-03T10:45:00+07:00",
        modified="2025-12-04T08:00:00+07:00",
    ),
    "czech 'před 3 hodinami', its 'Aktualizováno před hodinou' a modification (cs)": Case(
        page(
            "<title>Bouře uzavřela přístav</title>",
            "<article><h1>Bouře uzavřela přístav</h1>"
            '<span class="autor">Napsala Jana Nováková</span>'
            '<span class="date">Aktualizováno před hodinou</span>'
            '<span class="date">před 3 hodinami</span>STORY</article>',
            lang="cs",
        ),
        title="Bouře uzavřela přístav",
        authors=("Jana Nováková",),
        published="2025-12-03T13:05:00+00:00",
        modified="2025-12-03T15:05:00+00:00",
        headers=FETCHED,
    ),
    "swedish 'Av' line, 'Publicerad' and 'Uppdaterad' (sv)": Case(
        page(
            "<title>Stormen stängde hamnen</title>",
            "<div><h1>Stormen stängde hamnen</h1><p>Av Anna Svensson och Erik Larsson</p>"
            "<p>Publicerad 3 december 2025 kl. 10.45 Uppdaterad 4 december 2025 kl. 08.00</p>"
            "STORY</div>",
            lang="sv",
        ),
        title="Stormen stängde hamnen",
        authors=("Anna Svensson", "Erik Larsson"),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "greek 'Του' byline in the genitive, 'Ενημέρωση' first in the dateline (el)": Case(
        page(
            "<title>Η καταιγίδα έκλεισε το λιμάνι</title>",
            "<article><h1>Η καταιγίδα έκλεισε το λιμάνι</h1>"
            '<div class="author">Του Γιώργου Παπαδόπουλου</div>'
            '<div class="date">Ενημέρωση: 04.12.2025 08:00 | Δημοσίευση: 03.12.2025 10:45</div>'
            "STORY</article>" + SIDEBAR,
            lang="el",
        ),
        title="Η καταιγίδα έκλεισε το λιμάνι",
        authors=("Γιώργου Παπαδόπουλου",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "ukrainian 'Автор:' and '3 години тому' (uk)": Case(
        page(
            "<title>Шторм закрив порт</title>",
            "<article><h1>Шторм закрив порт</h1>"
            '<p class="meta">Автор: Олена Коваленко · <span class="time">3 години тому</span></p>'
            "STORY</article>" + SIDEBAR,
            lang="uk",
        ),
        title="Шторм закрив порт",
        authors=("Олена Коваленко",),
        published="2025-12-03T13:05:00+00:00",
        headers=FETCHED,
    ),
    "finnish 'Teksti:' line, 'Päivitetty' beside 'Julkaistu' (fi)": Case(
        page(
            "<title>Myrsky sulki sataman</title>",
            "<div><h1>Myrsky sulki sataman</h1><p>Teksti: Matti Meikäläinen</p>"
            "<p>Päivitetty 4.12.2025 8:00 | Julkaistu 3.12.2025 10:45</p>STORY</div>",
            lang="fi",
        ),
        title="Myrsky sulki sataman",
        authors=("Matti Meikäläinen",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "croatian 'Piše:' and 'Objavljeno' / 'Ažurirano' (hr)": Case(
        page(
            "<title>Oluja zatvorila luku</title>",
            "<article><h1>Oluja zatvorila luku</h1>"
            '<div class="meta"><span>Piše: Ivan Horvat</span> '
            "<span>Objavljeno: 03.12.2025. u 10:45</span> "
            "<span>Ažurirano: 04.12.2025. u 08:00</span></div>STORY</article>",
            lang="hr",
        ),
        title="Oluja zatvorila luku",
        authors=("Ivan Horvat",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "romanian 'Autor:' and 'Actualizat' before 'Publicat' (ro)": Case(
        page(
            "<title>Furtuna a închis portul</title>",
            "<article><h1>Furtuna a închis portul</h1>"
            '<p class="info">Autor: Ion Popescu</p><p class="date">Actualizat: 4 decembrie 2025,'
            " 08:00 · Publicat: 3 decembrie 2025, 10:45</p>STORY</article>",
            lang="ro",
        ),
        title="Furtuna a închis portul",
        authors=("Ion Popescu",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "vietnamese 'Tác giả:' and 'Cập nhật' after 'Ngày đăng' (vi)": Case(
        page(
            "<title>Bão đóng cửa cảng</title>",
            "<article><h1>Bão đóng cửa cảng</h1>"
            '<div class="meta">Tác giả: Nguyễn Văn An | Ngày đăng: 03/12/2025 10:45 | '
            "Cập nhật: 04/12/2025 08:00</div>STORY</article>",
            lang="vi",
        ),
        title="Bão đóng cửa cảng",
        authors=("Nguyễn Văn An",),
        published="2025-12-03T10:45:00",
        modified="2025-12-04T08:00:00",
    ),
    "danish 'Af' and 'i går kl. 14.30' (da)": Case(
        page(
            "<title>Stormen lukkede havnen</title>",
            "<article><h1>Stormen lukkede havnen</h1>"
            '<div class="byline">Af Lars Jensen</div><time>i går kl. 14.30</time>'
            "STORY</article>" + SIDEBAR,
            lang="da",
        ),
        title="Stormen lukkede havnen",
        authors=("Lars Jensen",),
        published="2025-12-02T14:30:00",
        headers=FETCHED,
    ),
    "japanese '3時間前' counted back from the fetch time (ja)": Case(
        page(
            "<title>嵐で港が閉鎖</title>",
            '<article><h1>嵐で港が閉鎖</h1><span class="date">3時間前</span>STORY</article>',
            lang="ja",
        ),
        title="嵐で港が閉鎖",
        published="2025-12-03T13:05:00+00:00",
        headers=FETCHED,
    ),
    "turkish 'yazar' and 'tarih' boxes, a sidebar's date and name beside them (tr)": Case(
        page(
            "<title>Fırtına limanı kapattı</title>",
            SIDEBAR + "<article><h1>Fırtına limanı kapattı</h1>"
            '<div class="haber-yazar">Ali Demir</div>'
            '<div class="haber-tarih">03.12.2025 10:45</div>STORY</article>',
            lang="tr",
        ),
        title="Fırtına limanı kapattı",
        authors=("Ali Demir",),
        published="2025-12-03T10:45:00",
    ),
    "indonesian 'penulis' and 'tanggal' boxes with a 'Diperbarui' line (id)": Case(
        page(
            "<title>Badai menutup pelabuhan</title>",
            "<article><h1>Badai menutup pelabuhan</h1>"
            '<div class="read__penulis">Budi Santoso</div>'
            '<div class="read__tanggal">Diperbarui 4 Desember 2025, 08:00 WIB</div>'
            '<div class="read__tanggal">Rabu, 3 Desember 2025, 10:45 WIB</div>STORY</article>',
            lang="id",
        ),
        title="Badai menutup pelabuhan",
        authors=("Budi Santoso",),
        published="2025-12-03T10:45:00+07:00",
        modified="2025-12-04T08:00:00+07:00",
    ),
    "rel=author link (en)": Case(
        page("", f'<article>{H1}<a rel="author" href="/people/jane">Jane Doe</a>STORY</article>'),
        authors=("Jane Doe",),
    ),
    "'A, Reuters': the person, the agency only an affiliation (en)": Case(
        page("", f'<article>{H1}<p class="byline">By Jane Doe, Reuters</p>STORY</article>'),
        authors=("Jane Doe",),
    ),
    "an agency alone is the author (en)": Case(
        page("", f'<article>{H1}<p class="byline">By Reuters</p>STORY</article>'),
        authors=("Reuters",),
    ),
    "role words, a handle and a date glued to the name (en)": Case(
        page(
            "",
            f'<article>{H1}<p class="byline">By JANE DOE, Senior Reporter @janedoe '
            "3 December 2025</p>STORY</article>",
        ),
        authors=("Jane Doe",),
        published="2025-12-03",
    ),
    "'Admin' and 'Staff' give way to a named person (en)": Case(
        page(
            '<meta name="author" content="admin">'
            + ld(
                '{"@type":"Article","headline":"Storm closes the harbour",'
                '"author":{"@type":"Person","name":"Staff"}}'
            ),
            f'<article>{H1}<p class="byline">By Jane Doe</p>STORY</article>',
        ),
        authors=("Jane Doe",),
    ),
    "'Admin' alone names nobody (en)": Case(
        page('<meta name="author" content="admin">', f"<article>{H1}STORY</article>"),
    ),
    "the site's name gives way to the person in the byline (en)": Case(
        page(
            '<meta property="og:site_name" content="Example News">'
            + ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"author":{"@type":"Organization","name":"Example News"}}'
            ),
            f'<article>{H1}<div class="byline">By Jane Doe, Staff Writer</div>STORY</article>',
        ),
        authors=("Jane Doe",),
    ),
    "the site's name when no person is named (en)": Case(
        page(
            '<meta property="og:site_name" content="Example News">'
            + ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"author":{"@type":"Organization","name":"Example News"}}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        authors=("Example News",),
    ),
    "a desk declared as the author, when no person is named (en)": Case(
        page(
            ld(
                '{"@type":"NewsArticle","headline":"Storm closes the harbour",'
                '"author":{"@type":"Person","name":"Lifestyle Desk"}}'
            ),
            f"<article>{H1}STORY</article>",
        ),
        authors=("Lifestyle Desk",),
    ),
    "a forum thread: its first post's account, not the replies' (en)": Case(
        page(
            "",
            "<main><h1>How do I rig a storm sail?</h1>"
            + "".join(
                f'<div class="post" itemscope itemtype="https://schema.org/Comment">'
                f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
                f'<span itemprop="name">{name}</span></span><p>Post text here.</p></div>'
                for name in ("sailor_42", "Ann Reply", "bob.c")
            )
            + "</main>",
        ),
        title="How do I rig a storm sail?",
        authors=("sailor_42",),
    ),
    "a photo credit is no byline (en)": Case(
        page("", f'<article>{H1}<p class="byline">Photos: John Roe</p>STORY</article>'),
    ),
    "a company declared as the author gives way to the person in the byline (en)": Case(
        page(
            ld(
                '{"@type":"BlogPosting","headline":"Storm closes the harbour",'
                '"author":{"@type":"Organization","name":"Harbour Media Ltd"}}'
            ),
            f'<article>{H1}<p class="byline">By Jack Shepherd</p>STORY</article>',
        ),
        authors=("Jack Shepherd",),
    ),
    "a company declared as the author, when no person is named (fr)": Case(
        page(
            ld(
                '{"@type":"Article","headline":"Marseille : le port fermé par la tempête",'
                '"author":{"@type":"Organization","name":"Presse Provence SA"}}'
            ),
            "<article><h1>Marseille : le port fermé par la tempête</h1>STORY</article>",
            lang="fr",
        ),
        title="Marseille : le port fermé par la tempête",
        authors=("Presse Provence SA",),
    ),
    "an 'authority control' box is no byline (en)": Case(
        page(
            "",
            f'<article>{H1}STORY<div class="authority-control">Authority control '
            "National libraries</div></article>",
        ),
    ),
    "a link to the site's author page names the author (de)": Case(
        page(
            "<title>Sturm schließt den Hafen</title>",
            "<main><div><h1>Sturm schließt den Hafen</h1>"
            '<div class="flex"><a class="flex" href="/autor/hans-mueller/">Hans Müller</a>'
            "</div></div>STORY</main>",
            lang="de",
        ),
        url="https://www.beispiel-zeitung.de/panorama/sturm-100.html",
        title="Sturm schließt den Hafen",
        authors=("Hans Müller",),
    ),
    "an author link to another site belongs to a quoted story (en)": Case(
        page(
            "",
            f"<main><div>{H1}<div><p>Harbours face more storms, as "
            '<a href="https://other.example.com/author/erik-van-klinken/">Erik Van Klinken</a>'
            " wrote last week.</p></div></div>STORY</main>",
        ),
    ),
    "a declared account name gives way to the full name in the byline (es)": Case(
        page(
            '<meta name="author" content="KatieS">',
            "<article><h1>La tormenta cierra el puerto de Valencia</h1>"
            '<p class="byline">Por <a class="author-link" href="/autor/aoife">Aoife '
            "O'Riordan</a></p>STORY</article>",
            lang="es",
        ),
        title="La tormenta cierra el puerto de Valencia",
        authors=("Aoife O'Riordan",),
    ),
    "a declared account name when the byline names nobody else (en)": Case(
        page('<meta name="author" content="KatieS">', f"<article>{H1}STORY</article>"),
        authors=("KatieS",),
    ),
    "a job after the name ends the byline (en)": Case(
        page(
            "",
            f'<article>{H1}<div class="byline">by Daniel Burstein, Senior Director, Content '
            "&amp; Marketing, Example Media and Example Institute</div>STORY</article>",
        ),
        authors=("Daniel Burstein",),
    ),
    # --- titles -------------------------------------------------------------------------
    "'Site - Story' prefix stripped (en)": Case(
        page("<title>Example News - Storm closes the harbour</title>", "<p>STORY</p>"),
    ),
    "Blogger's 'Blog: Post' title, the post's title in an h3 (en)": Case(
        page(
            "<title>Example News: Storm closes the harbour</title>",
            '<div class="post hentry"><h2 class="date-header"><span>Wednesday, December 3, 2025'
            '</span></h2><h3 class="post-title entry-title">Storm closes the harbour</h3>'
            '<div class="post-body entry-content">STORY</div></div>',
        ),
        url="https://examplenews.blogspot.com/2025/12/storm.html",
        published="2025-12-03",
    ),
    "a colon after a site's name the page never shows as a heading stays (en)": Case(
        page(
            "<title>Example News: the harbour, reopened</title>", "<div><h2>Tides</h2>STORY</div>"
        ),
        url="https://examplenews.example/harbour",
        title="Example News: the harbour, reopened",
    ),
    "a dash that belongs to the headline is kept (en)": Case(
        page(
            "<title>Storm closes the harbour – and the ferries stop | Example News</title>",
            "<article><h1>Storm closes the harbour – and the ferries stop</h1>STORY</article>",
        ),
        title="Storm closes the harbour – and the ferries stop",
    ),
    "a tooltip hidden inside the h1 is not part of the title (en)": Case(
        page(
            "<title>Storm closes the harbour | Port news | Example Docs</title>",
            '<article><h1 class="page-title">Storm closes the harbour<div hidden>'
            "<span>Stay organized with collections</span><span>Save and categorize content"
            '</span></div><button aria-label="Bookmark">☆</button></h1>STORY</article>',
        ),
    ),
    "a thread's prefix tag before the headline is not part of it (en)": Case(
        page(
            "<title>Question - Storm closes the harbour | Harbour Forum</title>"
            '<meta property="og:title" content="Question - Storm closes the harbour">'
            '<meta property="og:site_name" content="Harbour Forum">',
            '<div class="p-body"><h1 class="p-title-value"><span class="label label--primary">'
            'Question</span><span class="label-append">&nbsp;</span>Storm closes the harbour</h1>'
            "STORY</div>",
        ),
    ),
    "an <h1> that only links to the home page is the site's name (en)": Case(
        page(
            "<title>Storm closes the harbour | A Handbook of Harbours and Their Storms</title>",
            '<div class="book-header"><h1><i class="fa fa-spin"></i><a href="./">A Handbook of '
            'Harbours and Their Storms</a></h1></div><section class="normal"><h2>Storm closes '
            'the harbour<a class="anchor" href="#storm"></a></h2>STORY</section>',
        ),
        url="https://harbour.guide/storm-closes-the-harbour.html",
        title="Storm closes the harbour",
    ),
    "og:title and h1 agree over a longer <title> (en)": Case(
        page(
            "<title>Storm closes the harbour: live updates, pictures | Example News</title>"
            '<meta property="og:title" content="Storm closes the harbour">',
            f"<article>{H1}STORY</article>",
        ),
    ),
    "json-ld headline when the h1 is the blog's name (en)": Case(
        page(
            "<title>Harbour Notes: Storm closes the harbour</title>"
            '<meta property="og:site_name" content="Harbour Notes">'
            + ld(
                '{"@type":"BlogPosting","headline":"Storm closes the harbour",'
                '"datePublished":"2025-12-03"}'
            ),
            "<header><h1>Harbour Notes</h1></header><article><h2>Storm closes the harbour</h2>"
            "STORY</article>",
        ),
        url="https://harbournotes.example.net/2025/storm",
        published="2025-12-03",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_witness(case: Case) -> None:
    article = clipper.extract(case.html, case.url, headers=case.headers or None)
    found = (article.title, article.authors, article.published, article.modified)
    assert found == (case.title, case.authors, case.published, case.modified)


def test_the_languages_are_covered() -> None:
    languages = {name.rsplit("(", 1)[1].rstrip(")").split("-")[0] for name in CASES}
    assert languages >= {"en", "de", "fr", "es", "it", "ru", "ja", "zh"}
    assert languages >= {"pl", "hu", "tr", "id", "cs", "sv", "el", "uk", "fi", "hr", "ro", "vi"}
