"""The parts metadata is built from: bylines, titles, JSON-LD."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from clipper.extraction.bylines import declared_stand_in, is_agency, parse_byline, split_authors
from clipper.extraction.jsonld import loads, read_json_ld
from clipper.extraction.titles import choose_title, key, strip_site


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        (
            "By JANE DOE and John Roe | Staff Writers | Updated Nov 19, 2019",
            ["Jane Doe", "John Roe"],
        ),
        ("Jane Doe, John Roe and Max Mustermann", ["Jane Doe", "John Roe", "Max Mustermann"]),
        ("Von Hans Müller und Eva Schmidt", ["Hans Müller", "Eva Schmidt"]),
        ("Par Jean Dupont et Marie Martin (AFP)", ["Jean Dupont", "Marie Martin"]),
        ("Por Juan Pérez y María García", ["Juan Pérez", "María García"]),
        ("di Mario Rossi e Luigi Bianchi", ["Mario Rossi", "Luigi Bianchi"]),
        ("Por Ana Souza, repórter", ["Ana Souza"]),
        ("Автор: Иван Петров и Мария Иванова", ["Иван Петров", "Мария Иванова"]),
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
        ("作者：张三、李四", ["张三", "李四"]),
        ("記者 山田太郎", ["山田太郎"]),
        ("新华社记者 张三", ["张三"]),
        ("Redaktion: Hans Müller", ["Hans Müller"]),
        ("بقلم محمد علي و أحمد حسن", ["محمد علي", "أحمد حسن"]),
        # Byline words of more languages; "Oleh" and "Yazan" only before a colon,
        # for they are given names too.
        ("Szerző: Kovács Anna", ["Kovács Anna"]),
        ("Írta: Kovács Anna és Nagy Péter", ["Kovács Anna", "Nagy Péter"]),
        ("Autor: Jan Kowalski oraz Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("Napsala Jana Nováková a Petr Novák", ["Jana Nováková", "Petr Novák"]),
        ("Oleh: Budi Santoso", ["Budi Santoso"]),
        ("Penulis: Budi Santoso", ["Budi Santoso"]),
        ("Oleh Sentsov", ["Oleh Sentsov"]),
        ("By Oleh Sentsov", ["Oleh Sentsov"]),
        ("Yazar: Ali Demir", ["Ali Demir"]),
        ("Yazan Al-Saadi", ["Yazan Al-Saadi"]),
        ("Teksti: Matti Meikäläinen ja Maija Virtanen", ["Matti Meikäläinen", "Maija Virtanen"]),
        ("Kirjoittaja Matti Meikäläinen", ["Matti Meikäläinen"]),
        ("Skrevet av Kari Nordmann", ["Kari Nordmann"]),
        ("Av Anna Svensson och Erik Larsson", ["Anna Svensson", "Erik Larsson"]),
        ("Af Lars Jensen", ["Lars Jensen"]),
        ("Piše: Ivan Horvat", ["Ivan Horvat"]),
        ("Ion Popescu și Maria Ionescu", ["Ion Popescu", "Maria Ionescu"]),
        (
            "Της Μαρίας Οικονόμου και του Νίκου Σταθόπουλου",
            ["Μαρίας Οικονόμου", "Νίκου Σταθόπουλου"],
        ),
        ("Συντάκτης: Νίκος Σταθόπουλος", ["Νίκος Σταθόπουλος"]),
        ("Tác giả: Nguyễn Văn An", ["Nguyễn Văn An"]),
        ("Автори: Олена Коваленко та Іван Петренко", ["Олена Коваленко", "Іван Петренко"]),
        ("लेखक: राहुल शर्मा", ["राहुल शर्मा"]),
        ("โดย สมชาย ใจดี", ["สมชาย ใจดี"]),
        ("نویسنده: علی رضایی", ["علی رضایی"]),
        ("Aktualizováno 3. prosince 2025", []),
        # Job titles and the newsroom itself in more languages.
        ("Jan Kowalski, dziennikarz", ["Jan Kowalski"]),
        ("Kovács Anna újságíró", ["Kovács Anna"]),
        ("Matti Meikäläinen toimittaja", ["Matti Meikäläinen"]),
        ("Redakcja: Jan Kowalski", ["Jan Kowalski"]),
        ("Redakcja / PAP", ["PAP"]),
        ("Redakcja", []),
        ("Tim Redaksi", []),
        ("Haber Merkezi", []),
        ("Редакція", []),
        # Job titles, credentials, handles, dates and furniture are not names.
        ("Phil Helsel is a reporter for NBC News", ["Phil Helsel"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        ("Tom Gillespie News reporter", ["Tom Gillespie"]),
        ("Senior correspondent Jane Doe", ["Jane Doe"]),
        ("Rachael Link, MS, RD", ["Rachael Link"]),
        ("Jane Doe @janedoe", ["Jane Doe"]),
        ("Amy Kuperinsky | NJ Advance Media for NJ.com", ["Amy Kuperinsky"]),
        ("Madeline Fry | November 18, 2019 12:01 PM Print this article", ["Madeline Fry"]),
        ("Carrie Arnold November 15", ["Carrie Arnold"]),
        ("Jeff Foust Monday, November 18", ["Jeff Foust"]),
        ("Lewis White 3 days ago", ["Lewis White"]),
        # A relative dateline after the name, in any language, is no part of it.
        ("Hans Müller vor 3 Stunden", ["Hans Müller"]),
        ("Jean Dupont il y a 3 heures", ["Jean Dupont"]),
        ("Jana Nováková před hodinou", ["Jana Nováková"]),
        ("Ion Popescu acum 3 ore", ["Ion Popescu"]),
        ("Jan Kowalski wczoraj 14:30", ["Jan Kowalski"]),
        ("Олег Петров час назад", ["Олег Петров"]),
        ("Finian Cunningham. Sputnik International", ["Finian Cunningham"]),
        ("Troy L. Smith, cleveland.com", ["Troy L. Smith"]),
        ("Dr. Jane Doe", ["Jane Doe"]),
        ("Jane Doe MD", ["Jane Doe"]),
        ("By Matthew Digby , Minh Do on Monday, November 18th, 2019", ["Matthew Digby", "Minh Do"]),
        # Names that look like something else stay whole.
        ("Bruce Y. Lee", ["Bruce Y. Lee"]),
        ("Maria Lopes e Silva", ["Maria Lopes e Silva"]),
        ("Martin Luther King, Jr.", ["Martin Luther King Jr."]),
        ("Fox News", ["Fox News"]),
        ("kei_eno", ["Kei Eno"]),
        # A dateline's place before the names is not a name.
        ("عمّان - سارة الخطيب", ["سارة الخطيب"]),
        ("WASHINGTON — Jane Doe", ["Jane Doe"]),
        ("Moscow | PTI", ["PTI"]),
        ("Zendaya | Staff Writer", ["Zendaya"]),
        # Agencies are authors.
        ("PTI | Moscow | Updated: 22-12-2020 20:41 IST", ["PTI"]),
        ("Reuters Staff", ["Reuters"]),
        ("dpa/AFP", ["dpa", "AFP"]),
        ("Redacción / EFE", ["EFE"]),
        ("Von dpa", ["dpa"]),
        (
            "DANICA KIRKA and JILL LAWLESS Associated Press",
            ["Danica Kirka", "Jill Lawless", "Associated Press"],
        ),
        # Nobody.
        ("Redaktion", []),
        ("Redaktion Beispiel", []),
        ("Da Redação", []),
        ("JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43", []),
        ("Detroit News wire services Published 11:11 PM EST Nov 19", []),
        ("By", []),
        ("Гость", []),
        ("admin", []),
        ("jdadmin", []),
        ("webnata", []),
        ("https://www.facebook.com/jane.doe", []),
        ("@janedoe", []),
        ("Photo: John Smith", []),
        ("on Desember 30, 2015 at 4:36 am said", []),
        # Labels, sentences and glued dates.
        ("Categories: Uncategorized", []),
        ("content: Example; design: Jane Doe", []),
        ("Texte : Marie Martin", ["Marie Martin"]),
        (
            "This post was written by Danielle Padula, Head of Marketing and Community Development",
            ["Danielle Padula"],
        ),
        ("Dec. 19, 2025 · Niko Matsakis on behalf of the Vision Doc group", ["Niko Matsakis"]),
        ("by Amanda · Dec 20, 2025 at 3:00 am · One comment so far", ["Amanda"]),
        ("by Lucas Nolan22 Dec 2016", ["Lucas Nolan"]),
        ("Dr. Allen", ["Dr. Allen"]),  # the honorific stays when it leaves one word
        ("Rapid7", []),  # an account name, not "Rapid"
        ("thanosmano Members", []),
        # A phrase is no person; a name's particles are part of it.
        ("The Russian and Syrian defense ministries", []),
        ("Ursula von der Leyen and Ahmed al-Hassan", ["Ursula von der Leyen", "Ahmed al-Hassan"]),
        ("Por María dos Santos y Pérez", ["María dos Santos y Pérez"]),
        ("by jane doe", ["jane doe"]),  # a style, kept as written
        # An agency's dateline place is no author; a second agency by "and" is.
        ("Reuters, Washington,", ["Reuters"]),
        ("By Reuters and Bloomberg", ["Reuters", "Bloomberg"]),
        ("AP, Jane Doe", ["AP", "Jane Doe"]),
        # Markup and escape sequences written into a field make no name.
        ("[link=http://evil]Mallory[/link] Evil", ["Mallory Evil"]),
        ("Mallory \x1b[31mEvil\x1b[0m [i]Jones[/i]", ["Mallory Evil Jones"]),
        # A comma before the last "and"; Dutch "en" between two full names.
        ("By Jane Doe, John Roe, and Kim Poe", ["Jane Doe", "John Roe", "Kim Poe"]),
        ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        # The reporter's place after the name, and a date run into it.
        ("By Jane Doe in London", ["Jane Doe"]),
        ("By Jane Doe and John Roe in Kyiv", ["Jane Doe", "John Roe"]),
        ("Von Hans Müller aus Berlin", ["Hans Müller"]),
        ("Par Jean Dupont à Paris", ["Jean Dupont"]),
        ("By Jane DoeDecember 3, 2025", ["Jane Doe"]),
        ("Von Hans MüllerMontag, 3. Dezember 2025", ["Hans Müller"]),
        # A post's date or category between "Posted" and "by".
        ("Posted on March 3, 2025 in News by Jane Doe", ["Jane Doe"]),
        ("Posted in Harbour News by Jane Doe", ["Jane Doe"]),
        ("Posted by Jane Doe at 10:05 AM", ["Jane Doe"]),
        ("Von Hans Müller, Berlin", ["Hans Müller"]),
        ("By Jane Doe, Kim Poe, Washington", ["Jane Doe", "Kim Poe"]),
        ("Jane Doe and Zendaya", ["Jane Doe", "Zendaya"]),
        ("By The Editors", []),
        ("Écrit par Marie Martin", ["Marie Martin"]),
        ("Escrito por Juan Pérez", ["Juan Pérez"]),
        ("Geschrieben von Hans Müller", ["Hans Müller"]),
        ("Scritto da Mario Rossi", ["Mario Rossi"]),
        ("Geschreven door Jan de Vries", ["Jan de Vries"]),
        # Full-width separators end a name as their ASCII forms do.
        ("by ライトハウス国際特許事務所 ／ 2016.12.01", ["ライトハウス国際特許事務所"]),
        # A sentence of prose names no one in lower case (a forum signature's motto),
        # while a byline in lower case is a style, and a biography names its subject.
        (
            "There were too many of us, we had access to too much money, too much "
            "equipment, and little by little we went insane.",
            [],
        ),
        ("jane doe", ["jane doe"]),
        # A colon after the verb, and the next field a label of its own.
        ("Publicado por: Clarissa Borba - Categoria: Saúde", ["Clarissa Borba"]),
        ("Written by: Jane Doe", ["Jane Doe"]),
        ("Jane Doe is a reporter covering the harbour and the city council for us.", ["Jane Doe"]),
        # Byline labels in Bengali, Tamil, Georgian, Armenian (its comma "՝"),
        # Belarusian, Azerbaijani, Uzbek, Urdu and Japanese.
        ("লেখক: রহিম উদ্দিন", ["রহিম উদ্দিন"]),
        ("எழுதியவர்: ராஜா குமார்", ["ராஜா குமார்"]),
        ("ავტორი: გიორგი ბერიძე", ["გიორგი ბერიძე"]),
        ("Հեղինակ՝ Արամ Պետրոսյան", ["Արամ Պետրոսյան"]),
        ("Аўтар: Ганна Іванова", ["Ганна Іванова"]),
        ("Müəllif: Elvin Məmmədov", ["Elvin Məmmədov"]),
        ("Muallif: Aziz Karimov", ["Aziz Karimov"]),
        ("تحریر: علی خان", ["علی خان"]),
        ("執筆者：山田太郎", ["山田太郎"]),
        # A surname is no month name ("Marzal" is none, in any language).
        ("By Jaime Marzal 3 Dec 2025", ["Jaime Marzal"]),
    ],
)
def test_parse_byline(byline: str, names: list[str]) -> None:
    assert parse_byline(byline) == names


def test_split_authors() -> None:
    # People first; an agency beside them is their affiliation.
    assert split_authors(["Jane Doe", "Reuters"]) == (("Jane Doe",), ("Reuters",))
    assert split_authors(["Reuters", "AFP"]) == ((), ("Reuters", "AFP"))
    # The site's own name stands in for a person only when none is named.
    assert split_authors(["BBC News"], [key("BBC News")]) == ((), ("BBC News",))
    assert split_authors(["PTI"], [key("PTI")]) == ((), ("PTI",))
    assert split_authors(["Kevin McCoy USA TODAY"], [key("USA TODAY")])[0] == ("Kevin McCoy",)
    assert split_authors(["Jane Doe", "JANE DOE", "jane doe"])[0] == ("Jane Doe",)
    assert is_agency("The Associated Press") and is_agency("dpa") and not is_agency("Jane")


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("TOI Lifestyle Desk", "TOI Lifestyle Desk"),  # a desk, when nobody is named
        ("By JERUSALEM POST STAFF", "Jerusalem Post Staff"),  # without its "By", not shouted
        ("luizjr4", "luizjr4"),  # a forum account
        ("@hayley.p", "hayley.p"),
        ("admin", None),
        ("Staff", None),
        ("Guest", None),
        ("https://example.org/author/jane", None),
        ("Jane Doe12 Dec 2016", None),
        ("A very long declared value that goes on and on about the whole team", None),
    ],
)
def test_declared_stand_in(declared: str, expected: str | None) -> None:
    assert declared_stand_in(declared) == expected


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Story title here | Example Gazette", ["examplegazette"], "Story title here"),
        ("Example Gazette - Story title here", ["examplegazette"], "Story title here"),
        (
            "Story title here – Section – Example Gazette",
            ["examplegazette"],
            "Story title here – Section",
        ),
        ("Story title here - SpaceNews.com", ["spacenews"], "Story title here"),
        ("Story title here - The GiveWell Blog", ["givewell"], "Story title here"),
        ("Story title here | Paper", [], "Story title here"),  # a short last part
        # ... but a question ends the headline, it names no site
        (
            "Actuaries pick an industry - Consulting or Insurance?",
            ["smithhanley"],
            "Actuaries pick an industry - Consulting or Insurance?",
        ),
        ("Review: the film of the year", [], "Review: the film of the year"),  # a colon is not one
        ("Rock - Paper - Scissors", [], "Rock - Paper - Scissors"),
        ("北京冬奥会场馆全部完工_示例新闻网", [], "北京冬奥会场馆全部完工"),
        ("新幹線、大雪で一部運休 | 例示新聞", [], "新幹線、大雪で一部運休"),
        ("comwrap auf der DMEXCO 2018 | Blog", ["comwrap"], "comwrap auf der DMEXCO 2018"),
        ("Using __init__ in Python classes", [], "Using __init__ in Python classes"),
        ("Storm closes the harbour « Example News", ["examplenews"], "Storm closes the harbour"),
        ("Pékin : « un tournant » pour la Chine", [], "Pékin : « un tournant » pour la Chine"),
        (
            "Actualités » Pékin : un tournant pour la Chine",
            ["actualites"],
            "Pékin : un tournant pour la Chine",
        ),
    ],
)
def test_strip_site(title: str, sites: list[str], expected: str) -> None:
    assert strip_site(title, sites)[0] == expected


def test_choose_title() -> None:
    declared = ["County schools shut as storm hits", "Storm closes schools - Gazette"]
    # The visible headline wins when a declared title resembles it...
    assert choose_title(declared, ["Storm closes schools across the county"]) == (
        "Storm closes schools across the county"
    )
    # ...but not a logo or a section name.
    assert choose_title(["Storm closes schools"], ["Gazette", "Weather"]) == "Storm closes schools"
    # A kicker in the <h1> goes: "Breaking: Title" → "Title".
    assert choose_title(["Storm closes schools"], ["Breaking: Storm closes schools"]) == (
        "Storm closes schools"
    )
    # Most declared titles agreeing beats the first one.
    assert choose_title(["Home", "Storm closes schools", "Storm closes schools"], []) == (
        "Storm closes schools"
    )
    # A title shortened to the headline's first words yields to the headline...
    assert choose_title(["Storm | Paper"], ["Storm warnings issued for the coast"]) == (
        "Storm warnings issued for the coast"
    )
    # ...but a title that opens with the site's name does not crown a logo.
    assert choose_title(["Paper - Storm warnings issued for the coast"], ["Paper Daily"]) == (
        "Paper - Storm warnings issued for the coast"
    )
    assert choose_title([], ["Only a headline"]) == "Only a headline"
    assert choose_title([], []) == ""


def test_loads_repairs_what_it_can() -> None:
    assert loads('{"a": [1, 2,], "b": {"c": 3,},}') == [{"a": [1, 2], "b": {"c": 3}}]
    assert loads("{'a': 'it\\'s', // note\n \"u\": \"https://x/y\"}") == [
        {"a": "it's", "u": "https://x/y"}
    ]
    assert loads('{"a": 1}{"b": 2},') == [{"a": 1}, {"b": 2}]
    assert loads('<!-- {"a": 1} -->') == [{"a": 1}]
    assert loads('//<![CDATA[\n{"a": 1}\n//]]>') == [{"a": 1}]
    assert loads("") == []
    assert loads("not json at all") == []
    assert loads("[" * 100_000 + "]" * 100_000) == []
    salvaged = loads('{"@type":"NewsArticle","headline":"H","description":"a "b" c",'
                     '"datePublished":"2020-01-02","author":{"name":"Jane Doe"}}')  # fmt: skip
    assert salvaged == [
        {
            "@type": "NewsArticle",
            "headline": "H",
            "description": "a ",
            "datePublished": "2020-01-02",
            "author": {"name": "Jane Doe"},
        }
    ]


def test_read_json_ld_follows_references_and_picks_the_article() -> None:
    html = """<script type="application/ld+json">{"@graph":[
      {"@type":"WebSite","@id":"#site","name":"Gazette"},
      {"@type":"WebPage","@id":"#page","datePublished":"2020-01-01","inLanguage":"en"},
      {"@type":"Person","@id":"#jane","name":"Jane Doe"},
      {"@type":["NewsArticle"],"headline":"H","author":{"@id":"#jane"},"isPartOf":{"@id":"#page"}}
    ]}</script>"""
    ld = read_json_ld(LexborHTMLParser(html))
    assert ld.article["headline"] == "H"
    assert ld.resolve(ld.article["author"]) == {
        "@type": "Person",
        "@id": "#jane",
        "name": "Jane Doe",
    }
    assert ld.get("inLanguage") == "en"  # from the article's page
    assert ld.site["name"] == "Gazette"
    assert read_json_ld(LexborHTMLParser("<p>none</p>")).article == {}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_byline_never_raises_and_gives_short_names(text: str) -> None:
    for name in parse_byline(text):
        assert name == name.strip() and 0 < len(name) <= 60
        assert "://" not in name
