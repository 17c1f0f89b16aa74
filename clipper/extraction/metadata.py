"""Title, authors, dates, site, canonical URL, image, language and description.

Each field is read from several witnesses, strongest first: JSON-LD (what the
publisher declares for machines, ``jsonld.py``), then OpenGraph / ``article:`` /
Twitter / Dublin Core / ``<meta>`` tags and microdata, then the visible page
(the ``<h1>``, the byline, the dateline, ``<time>``), and finally the URL. The
first witness that gives a usable value wins, which is why a JSON-LD date beats
a date in a sidebar teaser; a weaker witness is consulted only to fill a gap or
to add precision (a datetime on the same day as a bare date).

Speed: see ``page_scan.py``: one first pass over the tree finds every element
the declared witnesses live in, and the visible byline and dateline are looked
for only around the headline.

Decisions:

- Title: see ``titles.py`` (the visible headline when a declared title confirms it).
- Authors: see ``bylines.py``; the first witness that names a person (or an
  agency) wins; a name that is the site's own (``BBC News`` on bbc.com) is no
  byline.
- Dates: a date labelled Updated/Aktualisiert/Mis à jour/... is ``modified``;
  ``modified`` earlier than ``published`` is dropped as inconsistent.
- Site: ``og:site_name``, JSON-LD publisher or WebSite name, ``application-name``,
  the affix removed from ``<title>``; a candidate that matches the host name is
  preferred to one that does not (``U.S.`` is an edition, not the site), and the
  host name itself (``example.org``) is the last resort.
- Language: ``<html lang>``, then ``Content-Language`` (meta, then the HTTP header
  when the caller passes ``headers``), ``dc.language``, JSON-LD ``inLanguage``,
  ``og:locale``. A declared language that the title's script contradicts (an
  ``en`` template around a Russian story) gives way to a witness that agrees, or
  to the script's own language where the script names one (Japanese kana, Korean
  Hangul, Greek, Hebrew, Thai...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.bylines import (
    ABOUT_THE_AUTHOR,
    BY_ALONE,
    BY_LINE,
    BYLINE_LABELS,
    BYLINE_WORDS,
    biography_subject,
    declared_stand_in,
    is_agency,
    leading_name,
    lone_name,
    names_a_role,
    parse_byline,
    split_authors,
    unique,
)
from clipper.extraction.dates import (
    DATE_LABEL,
    DATELINE_WORDS,
    date_from_url,
    fetch_time,
    is_relative,
    labelled_dates,
    longest_first,
    parse_date,
    relative_date,
)
from clipper.extraction.jsonld import JsonLd, read_json_ld, types
from clipper.extraction.page_scan import (
    Around,
    Page,
    Places,
    attribute_date,
    first_pass,
    machine_date,
    node_value,
    text_of,
)
from clipper.extraction.titles import (
    choose_title,
    key,
    matches_site,
    similarity,
    strip_site,
    tidy,
)
from clipper.urls import host_of, split


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site: str | None = None
    canonical: str | None = None
    image: str | None = None
    language: str | None = None
    description: str | None = None
    body: str | None = None  # JSON-LD articleBody, a cross-check for the content finder
    # The page says it is one story (og:type "article", or an article-typed
    # JSON-LD node): a hint for the content finder, which otherwise weighs
    # keeping a page whole (a shop, a listing) against finding one story in it.
    article: bool = False
    # Only its OpenGraph type says so: SEO plugins write "article" on every
    # page of a site, its shop and its price list included.
    article_by_og: bool = False
    # The page says it is a thread (a forum topic, a question and its answers):
    # its replies are part of it, not comments under it.
    thread: str = ""  # "forum" or "questions", as ``JsonLd.thread``


# Words that introduce a byline inside a longer line of text; the words of
# more languages only before a colon ("Szerző:", "Oleh:", "Piše:").
_LABEL_WORDS = longest_first((*BYLINE_WORDS, *BYLINE_LABELS))
_BYLINE_LABEL = re.compile(
    r"(?:^|(?<=[\s|·•\u3000(（]))(?:By|Von|Par|Por|Door|Autor(?:in)?:|Author:|Автор:|Авторы:"
    rf"|Текст:|作者[:：]|撰文|記者|记者|بقلم|(?i:{_LABEL_WORDS})\s*[:：])\s*"
)


_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "article.published", "publishdate", "publish-date", "publish_date",
    "pubdate", "pub_date", "publication_date", "publication-date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime",
    "article:published", "datecreated", "original-publish-date", "release_date",
    # Scholarly and magazine metadata (Highwire Press for Google Scholar, PRISM).
    "citation_publication_date", "citation_online_date", "citation_date",
    "prism.publicationdate",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "article.updated", "dcterms.modified", "dc.date.modified", "lastmod", "last-modified",
    "article:modified", "modified", "revised", "updated", "dateupdated",
)  # fmt: skip
# Names a publisher made up for the same dates ("w-published-date",
# "article-publish-time"), read after the usual ones above.
_PUBLISHED_NAME = re.compile(
    r"(?:^|[-_.:])(?:publish(?:ed)?|publication|pub|first[-_]?published|released?|creat(?:ed|ion))"
    r"[-_.:]?(?:date|time|datetime|at|on)$|^date[-_.:]?(?:published|created|issued)$"
)
_MODIFIED_NAME = re.compile(
    r"(?:^|[-_.:])(?:modified|modification|updated?|last[-_]?modified|revised|changed)"
    r"[-_.:]?(?:date|time|datetime|at|on)$|^date[-_.:]?(?:modified|updated|revised)$"
)
# Dublin Core's creator first: it is set on purpose, where a bare "author" is
# often a theme's default.
_AUTHOR_META = (
    "dc.creator", "dcterms.creator", "author", "article:author", "og:article:author",
    "parsely-author", "sailthru.author", "byl", "book:author", "cxenseparse:author",
    "article.author", "citation_author",
)  # fmt: skip
# The label of a Twitter/X card's field that holds the author, as WordPress SEO
# plugins write it in their translations ("twitter:label1" / "twitter:data1").
_WRITTEN_BY_LABELS = frozenset(
    {
        "written by", "author", "by", "geschrieben von", "verfasst von", "autor", "écrit par",
        "auteur", "escrito por", "scritto da", "autore", "geschreven door",
        "napisane przez", "автор", "skrevet af", "skrevet av", "skrivet av", "kirjoittanut",
        "yazan", "yazar", "ditulis oleh", "penulis", "írta", "szerző", "napsal", "scris de",
        "γράφτηκε από", "作者", "著者", "作成者",
    }
)  # fmt: skip
_SCRIPTS_LANGUAGE = (  # (pattern, languages that write with it, the one it implies)
    (re.compile(r"[\u3040-\u30ff]"), ("ja",), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), ("ko",), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), ("zh", "ja", "ko"), "zh"),
    (re.compile(r"[\u0400-\u04ff]"), ("ru", "uk", "bg", "sr", "be", "kk", "mk", "mn", "tg"), None),
    (re.compile(r"[\u0600-\u06ff]"), ("ar", "fa", "ur", "ps", "ku", "sd", "ug"), None),
    (re.compile(r"[\u0590-\u05ff]"), ("he", "yi"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), ("el",), "el"),
    (re.compile(r"[\u0e00-\u0e7f]"), ("th",), "th"),
    (re.compile(r"[\u0900-\u097f]"), ("hi", "mr", "ne", "sa"), None),
)  # fmt: skip


_LETTER = re.compile(r"[^\W\d_]")


# Inside a headline, what the reader does not see as its words: a bookmark
# tooltip the page hides ("Stay organized with collections"), a button, an icon.
_UNSHOWN = "[hidden], [aria-hidden=true i], button, template, script, style, svg"


def _unshown(heading: LexborNode) -> None:
    """Remove from ``heading`` what it holds but does not show as text (the
    content step would remove it from the page all the same)."""
    if heading.child is not None and heading.child.next is None and heading.child.tag == "-text":
        return  # the common case: a headline of plain text
    for node in heading.css(_UNSHOWN):
        node.decompose()


# --- hosts and sites -------------------------------------------------------------------


def _host_label(host: str) -> str:
    """The name part of a host: ``www.bbc.co.uk`` → ``bbc``, ``blog.x.org`` → ``x``."""
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def _site_candidates(page: Page, ld: JsonLd) -> list[str]:
    found: list[str] = []
    publisher = ld.publisher()
    for value in (
        page.meta("og:site_name"),
        publisher.get("name") if isinstance(publisher, dict) else None,
        ld.site.get("name"),
        page.meta("application-name", "apple-mobile-web-app-title", "al:android:app_name",
                  "al:ios:app_name", "twitter:app:name:iphone"),
    ):  # fmt: skip
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, str) and (cleaned := tidy(value)) and len(cleaned) <= 80:
            found.append(cleaned)
    return found


def _choose_site(candidates: list[str], host: str, affix: str | None) -> str | None:
    """The site's name: a declared name matching the host, any declared name, the
    affix taken off ``<title>``, the host name; the first that holds up."""
    label = key(_host_label(host)) if host else ""
    usable: list[tuple[int, int, str]] = []
    for index, raw in enumerate([*candidates, *([affix] if affix else [])]):
        if "://" in raw or raw.startswith("www."):
            continue
        # "Paper | Tagline" or "Paper - the best news": the part naming the host.
        parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s*\|\s*", raw) if p.strip()]
        name = next((p for p in parts if label and label in key(p)), parts[0] if parts else "")
        if not name or len(name) > 60:
            continue
        name_key = key(name)
        matches = bool(label) and (
            (label in name_key and len(name_key) <= 2.5 * len(label))
            or (len(name_key) >= 4 and name_key in label)
        )
        looks_like_slug = name.islower() and " " not in name
        looks_like_domain = bool(re.search(r"\.[a-z]{2,6}$", name, re.IGNORECASE))
        rank = (0 if matches else 2) + (1 if looks_like_slug or looks_like_domain else 0)
        if index >= len(candidates):  # the title's affix: unmatched, it may be a section
            rank += 1 if matches else 2
        usable.append((rank, index, name))
    if usable:
        return min(usable)[2]
    return host or None


# --- fields -------------------------------------------------------------------------------


_ORGANIZATION_TYPES = frozenset(
    {
        "organization", "newsmediaorganization", "corporation", "localbusiness",
        "educationalorganization", "governmentorganization", "ngo", "onlinebusiness",
        "collegeoruniversity", "researchorganization", "brand", "website",
    }
)  # fmt: skip


def _ld_values(
    ld: JsonLd, value: Any, organizations: list[str] | None = None, depth: int = 0
) -> list[str]:
    """The names in a JSON-LD author value as written: text, Person, lists.

    An author typed as an Organization goes to ``organizations`` when the
    caller gives that list: a company credited as the author stands in for
    the person only when the page names none.
    """
    value = ld.resolve(value)
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [name for item in value for name in _ld_values(ld, item, organizations, depth + 1)]
    if isinstance(value, dict):
        name = value.get("name")
        if not name and isinstance(node_id := value.get("@id"), str):
            # A reference that carries its type or address but not the name
            # ({"@id": ..., "@type": "Person", "url": ...}): the name is in the graph.
            named = ld.by_id.get(node_id)
            if named is not None and named is not value and named.get("name"):
                return _ld_values(ld, named, organizations, depth + 1)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName') or ''} {value.get('familyName') or ''}"
        if isinstance(name, list):
            names = [n for n in name if isinstance(n, str) and n.strip()]
            if len(names) > 1 and all(" " in n.strip() for n in names):
                # ["Jane Doe", "John Roe"]: several people under one node.
                return [tidy(n) for n in names]
            name = " ".join(names)  # ["Jane"], or a name written in parts
        if not isinstance(name, str):
            return []
        if organizations is not None and types(value) & _ORGANIZATION_TYPES:
            if cleaned := tidy(name):
                organizations.append(cleaned)
            return []
        return [_spelled_out(tidy(name), value)]
    if isinstance(value, str):
        named = ld.by_id.get(value) if value.startswith(("#", "http", "_:")) else None
        if named is not None:  # "author": "https://example.org/#/person/1", an @id
            return _ld_values(ld, named, organizations, depth + 1)
        return [tidy(value)]
    return []


# The author's page on a blog, named after them: ".../author/adauto-silva/".
_AUTHOR_SLUG = re.compile(r"/(?:author|autor|auteur|autore)/([a-z]+(?:-[a-z]+){1,3})/?(?:[#?]|$)")


def _spelled_out(name: str, node: dict[str, Any]) -> str:
    """A person declared by initials ("AS") under the address of their author page
    ("/author/adauto-silva/"): the name the address spells out, when its
    initials are the same."""
    if not (2 <= len(name) <= 4 and name.isalpha() and name.isupper()):
        return name
    for attribute in ("url", "@id"):
        address = node.get(attribute)
        if isinstance(address, str) and (found := _AUTHOR_SLUG.search(address.lower())):
            words = found[1].split("-")
            if "".join(word[0] for word in words) == name.lower():
                return " ".join(word.capitalize() for word in words)
    return name


def _item_of(node: LexborNode) -> LexborNode | None:
    """The microdata item (``itemscope``) an element belongs to."""
    current = node.parent
    for _depth in range(40):
        if current is None:
            return None
        if "itemscope" in current.attributes:
            return current
        current = current.parent
    return None


# Items whose author is a post's: a forum's posts are often marked up as comments.
_POST_ITEM = re.compile(r"(?:comment|posting|article|post)$", re.IGNORECASE)


def _in_furniture(node: LexborNode, item: LexborNode | None, places: Places) -> bool:
    """Whether a microdata author lies in page furniture.

    Inside a post's own item (a forum's ``Comment``, a ``DiscussionForumPosting``),
    what matters is where the item lies: the poster's name sits in a member menu
    (``div.popupmenu``) that is part of the post.
    """
    if not places.elsewhere(node):
        return False
    if item is None or item.tag in ("body", "html"):
        return True
    kind = (item.attributes.get("itemtype") or "").strip().rstrip("/")
    return not _POST_ITEM.search(kind) or places.furniture(item)


@dataclass
class _Witness:
    """One source's say on the authors: names as parsed, and what stands in for them."""

    names: list[str]
    stand_ins: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)


# "Doe, Jane" (or "Doe, Jane A."): a declared name in catalogue order, as
# citation_author and DC.creator write it.
_INVERTED = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’-]+),\s*([A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ]\.)*)")


def _in_reading_order(value: str) -> str:
    """``Doe, Jane; Roe, John`` → ``Jane Doe; John Roe``; other values as they are."""
    parts = value.split(";")
    turned = []
    for part in parts:
        found = _INVERTED.fullmatch(part.strip())
        if found is None or is_agency(found[1]) or is_agency(found[2]):
            return value
        turned.append(f"{found[2]} {found[1]}")
    return "; ".join(turned)


def _declared(values: Iterable[str]) -> _Witness:
    names: list[str] = []
    stand_ins: list[str] = []
    for value in values:
        value = _in_reading_order(value)
        if parsed := parse_byline(value):
            names += parsed
        elif stand_in := declared_stand_in(value):
            stand_ins.append(stand_in)
    return _Witness(names, stand_ins)


# Elements that match a byline's class but never hold this story's byline: a
# forum post's signature (``<blockquote class="signature">``), a quotation, a
# photo's caption, a menu, a form; the story itself, whose classes name its tags
# (``<article class="post tag-fan-contributor">``).
_NOT_A_BYLINE = frozenset({"blockquote", "figcaption", "nav", "form", "article", "main", "body"})


def _authors(
    page: Page, ld: JsonLd, site_keys: list[str], around: Around, title: str, host: str
) -> tuple[str, ...]:
    """People named by the publisher, else in the visible byline; else what stands in.

    Declared sources come first (JSON-LD, ``<meta>``, microdata, ``rel=author``),
    then the byline around the headline. A person from any of them outranks an
    agency, the site's own name, a desk or an account name; among those the
    first source that gives one wins.
    """

    def declared() -> Iterator[_Witness]:
        organizations: list[str] = []
        witness = _declared(_ld_values(ld, ld.get("author") or ld.get("creator"), organizations))
        witness.organizations = organizations
        yield witness
        for value in page.meta_all(_AUTHOR_META):
            yield _declared([tidy(value)])
        for number in range(1, 5):  # Yoast's "Written by" card for Twitter/X
            label = page.meta(f"twitter:label{number}")
            if label and label.casefold().rstrip(" :") in _WRITTEN_BY_LABELS:
                yield _declared([tidy(page.meta(f"twitter:data{number}") or "")])
        # Several itemprop=author elements name several people when they belong
        # to one item; on a forum each post is an item and the first is the thread's.
        values: list[str] = []
        items: set[int | None] = set()
        for node in page.author_nodes:
            item = _item_of(node) if "itemprop" in node.attributes else None
            if node.tag == "meta":
                value = tidy(node.attributes.get("content") or "")
            elif _in_furniture(node, item, around.places):
                continue
            else:
                inner = node.css_first("[itemprop~=name]")
                value = node_value(inner if inner is not None else node)
            if not value:
                continue
            if "itemprop" in node.attributes:
                item_id = item.mem_id if item is not None else None
                if items and item_id not in items:
                    continue
                items.add(item_id)
            values.append(value)
        yield _declared(values)

    def visible() -> Iterator[_Witness]:
        nodes = [
            node
            for node in around.nodes("byline") or around.nodes("byline+", 3)
            if node.tag not in _NOT_A_BYLINE
            and not _authority(node)
            and not _foreign_author_link(node, host)
        ][:15]
        texts = [text_of(node) for node in nodes]
        for index, (node, text) in enumerate(zip(nodes, texts, strict=True)):
            if 2 <= len(text) <= 160:
                # An inner match ("span.author" inside "div.byline-section") says
                # the same with less around it: prefer it.
                contained = [t for t in texts[index + 1 :] if 1 < len(t) < len(text) and t in text]
                if not any(parse_byline(t) for t in contained):
                    yield _Witness(_in_context(parse_byline(text), text, texts[:index]))
            elif len(text) > 160:  # an author box with a biography: its links name them
                for link in node.css("a")[:3]:
                    yield _Witness(parse_byline(text_of(link)))
        # A byline inside a dateline or info line: "来源：新华社　作者：张三、李四".
        for node in around.nodes("date", 2)[:10]:
            text = node.text(deep=True, separator=" ")
            if len(text) <= 300 and (label := _BYLINE_LABEL.search(text)):
                yield _Witness(parse_byline(text[label.start() :]))
        # A "By" line in the text around the headline, whatever its markup:
        # "by" and the name are often two elements ("by <a>Amanda</a>").
        lines, below = around.lines(title)
        for index in range(below, min(len(lines), below + 30)):
            line = lines[index]
            if len(line) <= 24 and BY_ALONE.fullmatch(line):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if following in (":", "："):  # "Author" / ":" / "Vinay Sajip": three spans
                    following = lines[index + 2] if index + 2 < len(lines) else ""
                if following[:1] and not following[:1].islower():
                    yield _Witness(parse_byline(f"By {following}"[:160]))
            elif len(line) <= 120 and BY_LINE.match(line):
                yield _Witness(parse_byline(line))
            elif index < below + 8 and (name := _name_beside(lines, index, index <= below + 1)):
                if not _people_listed(lines, below, name):
                    yield _Witness([name])
            elif index < below + 3 and (says := _SAYS.search(line)):
                yield _Witness(parse_byline(says[1]))
        # An author box without a telling class, under its "About the author";
        # a writer's line at the story's end.
        if _storied(lines, below):
            if name := _about_the_author(around):
                yield _Witness([name])
            yield _Witness(_story_end_writer(around))

    fallback: tuple[str, ...] = ()
    # An account name or a desk, from the first source that declares one: a
    # forum's JSON-LD names the thread's poster before its microdata names a reply's.
    stand_in: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    for source in (declared, visible):
        for witness in source():
            people, others = split_authors(witness.names, site_keys)
            if people and source is declared and all(_account_name(name) for name in people):
                # "KatieS", "jdoe": the login that posted the story; a person
                # the byline names in full is the author, if there is one.
                accounts = accounts or people
                stand_in = stand_in or people
                continue
            if accounts and {key(n) for n in people} & {key(n) for n in accounts}:
                return accounts[:8]  # the byline shows the declared one-word name: "by Catherine"
            if people and (not accounts or not all(_account_name(n) for n in people)):
                if source is declared and (shown := _shown_instead(people, around, title)):
                    return tuple(unique(shown))[:8]
                return people[:8]
            fallback = fallback or others or tuple(unique(witness.organizations))
            stand_in = stand_in or tuple(unique(witness.stand_ins))
    if found := (stand_in or fallback):
        return found[:8]
    poster = _first_poster(around, title)
    if poster is None and _storied(*around.lines(title)):
        poster = _site_owner(around)
    return (poster,) if poster else ()


def _storied(lines: list[str], below: int) -> bool:
    """Whether prose follows the headline (a paragraph among the first lines
    under it): only a story has a writer to look for at its end or in its
    footer; a shop's or a listing's page is spared the search."""
    return any(len(line) >= 200 for line in lines[below : below + 30])


# A poster's name on a forum or a social site: the element themes call "username",
# an attribute that holds it (XenForo's ``data-author``, Reddit's ``author``), or a
# link to the poster's profile page whose address holds the name it shows.
_POSTER = (
    "[class*=username i], [data-author], [author], a[class*=author i], a[href*='/u/' i], "
    "a[href*='/user/' i], a[href*='/users/' i], a[href*='/member/' i], "
    "a[href*='/members/' i], a[href*='/profile/' i], a[href*='/@' i], a[href*='user?id=' i]"
)
# The last part of an address that is an account's page, not a person's profile.
_ACCOUNT_PAGES = frozenset(
    {
        "login", "signin", "signup", "register", "logout", "signout", "profile", "account",
        "settings", "edit", "user", "users", "member", "members", "me",
    }
)  # fmt: skip


def _wrapper(node: LexborNode) -> LexborNode:
    """The outermost element around ``node`` that shows no more than its text: a
    member menu (``div#postmenu_1``) that the poster's name opens is part of the
    post, not a menu of the site."""
    current = node
    for _depth in range(4):
        parent = current.parent
        if parent is None or parent.tag in ("body", "html") or not _shows_only(parent, current):
            break
        current = parent
    return current


def _shows_only(parent: LexborNode, node: LexborNode) -> bool:
    """Whether ``parent`` shows no text but ``node``'s (a script beside it shows none)."""
    child = parent.child
    while child is not None:
        shown = child.tag not in ("script", "style", "-comment")
        if shown and child.mem_id != node.mem_id and child.text(deep=True).strip():
            return False
        child = child.next
    return True


def _first_poster(around: Around, title: str) -> str | None:
    """The name of the first post's poster just below the headline, on a page that
    names no author otherwise: a forum thread is its first post's. (A name far
    below is a reviewer's on a shop's page, or a teaser's on a listing.)"""
    body = around.tree.body
    lines, below = around.lines(title)
    near = lines[below : below + 25]
    if body is None or not near:
        return None
    headline = around.headlines[0] if around.headlines else None
    nodes = body.css(f"h1, {_POSTER}")
    holders = set()  # the headline's containers: a post that holds it names its poster
    if headline is not None and any(node.mem_id == headline.mem_id for node in nodes):
        current = headline.parent
        while current is not None:
            holders.add(current.mem_id)
            current = current.parent
    passed = not holders  # no <h1> headline: every post counts
    for node in nodes[:200]:
        if not passed:
            passed = headline is not None and node.mem_id == headline.mem_id
            if node.mem_id not in holders:
                continue
        if node.tag == "h1":
            continue
        attrs = node.attributes
        text = (attrs.get("data-author") or attrs.get("author") or text_of(node)).strip()
        if not 2 <= len(text) <= 40 or around.places.elsewhere(_wrapper(node)):
            continue
        if not any(text in line for line in near):
            continue
        if (
            node.tag == "a"
            and "username" not in (attrs.get("class") or "").lower()
            and not _links_to(attrs.get("href") or "", text)
        ):
            continue  # "Log in", "My profile": a link to a page, not to a poster
        # An account name is shown as written ("ana_sousa", not "Ana Sousa").
        account = text.rsplit("/", 1)[-1]  # "u/jdoe"
        if " " not in account and (handle := declared_stand_in(account)):
            return handle
        if parsed := parse_byline(text):
            return parsed[0]
    return None


# "© 2025 Cassidy Williams", "Copyright (c) 2019-2025 by Jane Doe".
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:(?:19|20)\d\d|present)\s*)?)?"
    r",?\s*(?:by\s+)?(?P<name>[^\W\d_][^\n|·•,.©]{2,60})",
    re.IGNORECASE,
)
# Words of a company's or a publication's name, never of a person's.
_ORGANIZATION_WORDS = frozenset(
    {
        "inc", "ltd", "llc", "gmbh", "ag", "sa", "sas", "srl", "bv", "plc", "corp", "corporation",
        "company", "co", "media", "group", "news", "press", "blog", "studio", "studios", "labs",
        "foundation", "university", "institute", "association", "society", "network", "agency",
        "publishing", "magazine", "journal", "times", "post", "daily", "all", "rights", "reserved",
    }
)  # fmt: skip


def _site_owner(around: Around) -> str | None:
    """The person a one-person site belongs to, where nothing else names an author:
    the name in its copyright notice when its header shows the same name (a blog
    called "Cassidy Williams", "© 2025 Cassidy Williams" at its foot)."""
    body = around.tree.body
    if body is None:
        return None
    for node in reversed(body.css("footer, [class*=copyright i], [class*=footer i]")[-6:]):
        found = _COPYRIGHT.search(text_of(node))
        if found is None:
            continue
        name = leading_name(found["name"])
        if name is None or not _personal(name):
            return None
        wanted = key(name)
        heads = body.css("header h1, header a, a[href='/'], [class*=site-title i], [class*=logo i]")
        return name if any(key(text_of(head)) == wanted for head in heads[:40]) else None
    return None


def _personal(name: str) -> bool:
    """Whether a site's owner's name is a person's: two or three words, none an
    acronym ("YMCA") or a word of a company's name."""
    words = [word.strip(".,") for word in name.split()]
    return len(words) <= 3 and not any(
        word.casefold() in _ORGANIZATION_WORDS or (len(word) > 1 and word.isupper())
        for word in words
    )


def _links_to(href: str, text: str) -> bool:
    """Whether ``href`` is the profile of someone ``text`` names: a word of the
    text ("jdoe" in "Jane Doe @jdoe") in the address, not an account's page."""
    address = key(href)
    for word in re.findall(r"[^\W_][\w.-]*", text):
        folded = key(word)
        if len(folded) >= 2 and folded not in _ACCOUNT_PAGES and folded in address:
            return True
    return False


def _in_context(names: list[str], text: str, before: list[str]) -> list[str]:
    """``names`` read in one element of a byline, without a one-word name that the
    whole byline around it does not give: in "PTI, Washington, Nov 20" the span
    that holds "Washington," alone holds the agency's dateline place, not a person."""
    if all(" " in name for name in names):
        return names
    around = [t for t in before if len(text) < len(t) <= 300 and text in t]
    whole = {key(name) for t in around for name in parse_byline(t)}
    if not whole:
        return names
    return [name for name in names if " " in name or key(name) in whole]


def _account_name(name: str) -> bool:
    """One word in a script with capitals (``KatieS``, ``jdoe``): an account, not a name."""
    return " " not in name and any(c.isupper() or c.islower() for c in name)


def _shown_instead(declared: tuple[str, ...], around: Around, title: str) -> list[str] | None:
    """The names of a "By" line just under the headline, when the page shows none
    of the people it declares near it.

    A publisher's declared author is often the account that posted the story
    (a WordPress user, an editor) while the byline the reader sees, and cites,
    names the writer: "By: Paul Fenaroli" under the headline, "Luke Daigle" in
    JSON-LD and nowhere on the page. The byline's name may be the site's own
    ("Written by Model Remodel").
    """
    if around.headlines:
        # The headline's own box first (the story's header, its byline with
        # it): a quick look that settles most pages.
        box = around.headlines[0]
        for _level in range(3):
            if box.parent is None or box.parent.tag in ("body", "html"):
                break
            box = box.parent
        header = box.text(deep=True, separator=" ")[:5000].casefold()
        if any(name.casefold() in header for name in declared):
            return None
    lines, below = around.lines(title)
    near = lines[max(0, below - 3) : below + 12]
    if not near:
        return None
    shown = "\n".join(near).casefold()
    if any(name.casefold() in shown for name in declared):
        return None
    for index, line in enumerate(near):
        if len(line) <= 120 and BY_LINE.match(line):
            names = parse_byline(line)
        elif len(line) <= 24 and BY_ALONE.fullmatch(line) and index + 1 < len(near):
            names = parse_byline(f"By {near[index + 1]}"[:160])
        else:
            continue
        if names:
            return names
    return None


_ABOUT = frozenset(ABOUT_THE_AUTHOR)


def _about_the_author(around: Around) -> str | None:
    """The person an "About the author" heading introduces: the name or the
    biography that follows it (in the heading's box, or after its box)."""
    body = around.tree.body
    if body is None:
        return None
    for heading in body.css("h2, h3, h4, h5, h6, strong, b")[:500]:
        raw = heading.text(deep=True)
        if len(raw) > 60 or " ".join(raw.split()).casefold().rstrip(" :：") not in _ABOUT:
            continue
        following = _next_shown(heading)
        if following is None and heading.parent is not None:
            following = _next_shown(heading.parent)
        if following is not None and (name := leading_name(text_of(following))):
            return name
    return None


# "(Reporting by Jane Doe; Editing by John Roe)": an agency's credits at the end.
_REPORTING_BY = re.compile(r"[(\[]?\s*(?:additional\s+)?(?:reporting|writing)\s+by\s", re.I)


def _story_end_writer(around: Around) -> list[str]:
    """The writer named in the story's last paragraphs: an agency's "Reporting
    by" credits, or a one-line biography ("Jane Doe is a freelance reporter
    based in Berlin.")."""
    scope = around.story_scope()
    if scope is None:
        return []
    for paragraph in reversed(scope.css("p")[-8:]):
        text = text_of(paragraph)
        if not 8 <= len(text) <= 300 or around.places.elsewhere(paragraph):
            continue
        if _REPORTING_BY.match(text):
            if names := parse_byline(text.strip("()[] ")):
                return names
        elif name := biography_subject(text):
            return [name]
    return []


def _next_shown(node: LexborNode) -> LexborNode | None:
    """The next sibling of ``node`` that is not blank text."""
    following = node.next
    while following is not None and following.tag == "-text" and not following.text().strip():
        following = following.next
    return following


def _name_beside(lines: list[str], index: int, dated: bool = False) -> str | None:
    """A line that is only a person's name, beside a line that is its job title
    ("Liz Kenny" / "Former McKinsey Consultant") or, when ``dated`` (just under
    the headline), its date ("Bence Kovács" / "02-12-2025"): a byline without a
    "By" or a telling class."""
    line = lines[index]
    if len(line) > 40 or (name := lone_name(line)) is None:
        return None
    for other in lines[max(0, index - 1) : index + 2 : 2] if index else lines[1:2]:
        if names_a_role(other) or (dated and len(other) <= 40 and _holds_date_text(other)):
            return name
    return None


def _people_listed(lines: list[str], below: int, name: str) -> bool:
    """Whether another name with its job title follows ``name`` below the headline:
    a page of people (a team, experts for hire) has no byline in them."""
    for index in range(below, min(len(lines), below + 60)):
        if lines[index] != name and _name_beside(lines, index) and lone_name(lines[index]):
            return True
    return False


def _holds_date_text(text: str) -> bool:
    return bool(parse_date(text) or is_relative(text))


# A standfirst that ends with its writer's name in capitals, as some papers
# print it: "..., says OLIVE RYAN."
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+"
_SAYS = re.compile(
    rf"\b(?:says|writes|reports|explains)\s+({_CAPS_WORD}(?:\s+{_CAPS_WORD}){{1,3}})\.?$"
)


def _foreign_author_link(node: LexborNode, host: str) -> bool:
    """A link to an author's page on another site, found by its address alone:
    the byline of a story quoted or linked to, not this one's. (A link the
    page marks as its byline may well go to the author's own site.)"""
    if node.tag != "a" or not host:
        return False
    attrs = node.attributes
    marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('rel') or ''}"
    if _BYLINE_MARK.search(marks.lower()):
        return False
    href = (node.attributes.get("href") or "").strip()
    other = host_of(href) if href.startswith(("http://", "https://", "//")) else ""
    if href.startswith("//"):
        other = host_of("https:" + href)
    return bool(other) and other != host and not other.endswith("." + host)


_BYLINE_MARK = re.compile(
    r"author|autor|auteur|byline|writer|reporter|firma|signature|yazar|penulis|szerzo|forfatter"
    r"|journalist|contributor|verfasser|skribent|zuozhe"
)
_AUTHORITY = re.compile(r"authori[tz]")


def _authority(node: LexborNode) -> bool:
    """A box matched as a byline for "author" inside "authority" ("authority-control")
    or "authorize": its class and id say nothing else of an author."""
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not _AUTHORITY.search(names) or node.tag == "address":
        return False
    rest = _AUTHORITY.sub("", names)
    return not _BYLINE_MARK.search(rest)


def _dates(
    page: Page, ld: JsonLd, around: Around, url: str | None, month_first: bool
) -> tuple[str | None, str | None]:
    def parse(value: Any) -> str | None:
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str | int)), None)
        if isinstance(value, dict):  # {"@value": "2025-12-03", "@type": "Date"}
            value = value.get("@value")
        return machine_date(value, month_first)

    # A JSON-LD node that is not an article (a video, a recipe) may describe
    # something embedded in the story: its dates come after the page's own.
    declared_published = [ld.article.get("datePublished"), ld.article.get("dateCreated")]
    declared_modified = [ld.article.get("dateModified")]
    if not ld.is_article:
        declared_published.append(ld.article.get("uploadDate"))
    strong_published = [
        *(declared_published if ld.is_article else ()),
        ld.page.get("datePublished"),
        *page.meta_all(_PUBLISHED_META),
        _parsely_date(page),
        *(node_value(node) for node in page.published_nodes),
        *(declared_published if not ld.is_article else ()),
        *page.meta_named(_PUBLISHED_NAME, _PUBLISHED_META),
    ]
    strong_modified = [
        *(declared_modified if ld.is_article else ()),
        ld.page.get("dateModified"),
        *page.meta_all(_MODIFIED_META),
        *(node_value(node) for node in page.modified_nodes),
        *(declared_modified if not ld.is_article else ()),
        *page.meta_named(_MODIFIED_NAME, _MODIFIED_META),
    ]
    published_values = [parse(value) for value in strong_published]
    modified_values = [parse(value) for value in strong_modified]
    published = _best(published_values)
    modified = _best(modified_values)
    if (published and published.endswith("+00:00")) or (modified and modified.endswith("+00:00")):
        # A date declared in UTC is often written elsewhere on the page in the
        # publisher's own zone: that one says which day it was where it was written.
        local = [*published_values, *modified_values]
        local += [parse(node.attributes.get("datetime")) for node in page.times[:20]]
        published = _in_local_time(published, local)
        modified = _in_local_time(modified, local)
    if published is None or modified is None:
        seen_published, seen_modified, labelled = _visible_dates(
            page, around, month_first, modified_only=published is not None
        )
        if published is None and seen_published and url and not labelled:
            # An unlabelled visible date on another day than the URL's is some
            # other date (a quoted statement's, an event's): the URL was made
            # when the story was published.
            in_url = date_from_url(url)
            if in_url and in_url != seen_published[:10]:
                seen_published = in_url
        published = published or seen_published
        modified = modified or seen_modified
    if published is None and url:
        published = date_from_url(url)
    if published and modified and modified[:10] < published[:10]:
        modified = None
    return published, modified


def _parsely_date(page: Page) -> str | None:
    """``pub_date`` in the JSON of a ``parsely-page`` tag, the older form of
    ``parsely-pub-date`` that many news sites still write."""
    raw = page.meta("parsely-page")
    if not raw or "pub_date" not in raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    value = data.get("pub_date") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _dateline_near_title(
    around: Around, title: str, authors: tuple[str, ...], url: str | None, month_first: bool
) -> tuple[str | None, str | None]:
    """The story's date read in the lines of text around its headline.

    The last resort before the URL, for templates whose dateline has no telling
    markup: a date labelled as the publication ("Posted on" / "Nov 21, 2018"
    in two spans), a date on the author's line ("Faith Katunga • Oct 20, 2025",
    "by Jon Foster - 2025-09-13"), or a line that is nothing but a date just
    under the headline (or just over it, where the kicker is). Only the lines
    near the headline are read: further down, dates belong to what the story
    mentions, to comments, to teasers. Returns the published date and the
    modified one a line labelled "Updated" gives on the way.
    """
    lines, below = around.lines(title)
    names = [name for name in authors if len(name) >= 3]
    found: str | None = None
    modified: str | None = None
    updated = -2  # the index of the last line labelled "Updated"
    for index, line in enumerate(lines):
        if len(line) > 200:
            if below <= index < below + 4 and (value := _opening_dateline(line, month_first)):
                found = value  # the first paragraph opens with the dateline
                break
            continue
        near = " ".join(lines[index : index + 3])[:200]
        if DATE_LABEL.match(line) or (DATE_LABEL.search(line) and len(line) <= 40):
            pair = " ".join(lines[index : index + 2])[:200]
            dated = labelled_dates(pair, month_first=month_first)
            if dated and dated[0][0] == "modified":
                modified = modified or dated[0][1]
            # "Updated 5 Dec 2025 · Published 3 Dec 2025": the published one,
            # wherever it stands in the line.
            if first := next((value for kind, value in dated if kind != "modified"), None):
                found = first
            elif dated:
                updated = index
        elif BY_LINE.match(line) or any(name in line for name in names):
            dated = labelled_dates(near, month_first=month_first)
            if dated and dated[0][0] != "modified":
                found = dated[0][1]
        elif (
            below <= index < below + 4
            and updated != index - 1  # "Updated" / "October 8, 2025"
            and (
                value := _date_alone(line, month_first)
                or _date_part(line, month_first)
                or _opening_dateline(line, month_first)
            )
        ):
            found = value
        if found:
            break
    if found is None:
        found = _kicker_date(around, month_first)
    if found and url and (in_url := date_from_url(url)) and in_url != found[:10]:
        found = in_url
    if found and modified and modified[:10] < found[:10]:
        modified = None
    return found, modified


def _labelled_in_story(around: Around, month_first: bool) -> str | None:
    """A date labelled as the publication anywhere in the story's ``<article>``
    or ``<main>``: templates that write it after the last paragraph ("Publié le
    3 décembre 2025", "This entry was posted on December 3, 2025").

    Not in furniture inside the story (comments, teasers), and only when every
    such date names the same day: two labelled days are a thread's posts or a
    list's, and none of them is surely the story's.
    """
    scope = around.story_element()
    if scope is None:
        return None
    days: dict[str, str] = {}
    for node in scope.traverse(include_text=True):
        if node.tag != "-text" or (element := node.parent) is None:
            continue
        own = node.text(deep=False)
        if len(own) > 160 or not (label := DATE_LABEL.search(own)) or label["modified"]:
            continue
        text = text_of(element)
        if len(text) < 40 and element.parent is not None and not parse_date(text):
            element = element.parent  # "<span>Posted on</span> <span>3 Dec 2025</span>"
            text = text_of(element)
        if len(text) > 160 or around.places.elsewhere(element):
            continue
        start = DATE_LABEL.search(text)
        if start is None or start.start() > 40:  # "This entry was posted on"
            continue
        dated = labelled_dates(text[start.start() :], month_first=month_first)
        if dated and dated[0][0] == "published":
            days.setdefault(dated[0][1][:10], dated[0][1])
            if len(days) > 1:
                return None
    return next(iter(days.values()), None)


def _date_alone(line: str, month_first: bool) -> str | None:
    """The date of a line that is nothing but a date: "January 22nd, 2019",
    "Mi., 3 de diciembre de 2025", a date and one name ("October 8, 2024 Swoogo")."""
    if len(line) > 60 or not (value := parse_date(line, month_first=month_first)):
        return None
    words = [
        word
        for word in line.split()
        if not any(c.isdigit() for c in word) and word.strip(",.").casefold() not in DATELINE_WORDS
    ]
    return value if len(words) <= 2 else None


# What templates put between the parts of a meta line under a headline.
_META_SEPARATOR = re.compile(r"\s*[|·•‧∙]\s*|\s+[-–—]\s+")


def _date_part(line: str, month_first: bool) -> str | None:
    """The date that is one part of a meta line ("Jane Doe | December 3, 2025 |
    5 min read"), the other parts being no dates: a line with two dates is no
    simple dateline."""
    if len(line) > 120 or not _META_SEPARATOR.search(line):
        return None
    parts = [part for part in _META_SEPARATOR.split(line) if part]
    dated = [value for part in parts if (value := _date_alone(part, month_first))]
    return dated[0] if len(dated) == 1 else None


# "BERLIN, 3. Dezember 2025 (dpa) – Der Stadtrat ...": a place, a date, then the
# agency in brackets or a dash, where the story's first paragraph begins.
_OPENING = re.compile(r"([^\W\d_][^\W\d][^,\d]{0,28}),\s*(.{6,40}?)\s*(?:[(\[]|[–—-]\s)")


def _opening_dateline(line: str, month_first: bool) -> str | None:
    """The date of an agency dateline that opens the story's first paragraph."""
    match = _OPENING.match(line)
    return _date_alone(match[2], month_first) if match else None


def _kicker_date(around: Around, month_first: bool) -> str | None:
    """A date alone just before the headline, where the kicker is: the elements
    right before it, or before its container, a level or two up. Found by the
    markup, not the text: a sidebar's last teaser also comes just before."""
    if not around.headlines:
        return None
    current: LexborNode | None = around.headlines[0]
    for _level in range(3):
        if current is None or current.tag in ("article", "main", "body", "html"):
            return None
        sibling = current.prev
        seen = 0
        while sibling is not None and seen < 3:
            tag = sibling.tag or "-"
            if tag[:1] != "-" and tag not in ("script", "style", "template"):
                seen += 1
                text = text_of(sibling)
                value = _date_alone(text, month_first) if text else None
                if (
                    value
                    and not DATE_LABEL.search(text)
                    and not around.places.elsewhere(sibling, stop=current.parent)
                ):
                    return value
            sibling = sibling.prev
        current = current.parent
    return None


def _relative_dates(
    page: Page, around: Around, title: str, fetched: datetime
) -> tuple[str | None, str | None]:
    """ "3 hours ago", "gestern, 14:30": datelines that count back from the moment
    the page was fetched, read where the absolute ones were looked for."""
    texts = [text_of(node) for node in around.nodes("date")[:20]]
    texts += [text_of(node) for node in page.times[:10] if not around.places.elsewhere(node)]
    lines, below = around.lines(title) if title else ([], 0)
    texts += lines[max(0, below - 3) : below + 8]
    found: dict[str, str] = {}
    for text in texts:
        label = DATE_LABEL.search(text)
        if label:
            text = text[label.end() :]
        if value := relative_date(text.strip(" :·|-"), fetched):
            kind = "modified" if label and label["modified"] else "published"
            found.setdefault(kind, value)
            if kind == "published":
                break
    return found.get("published"), found.get("modified")


def _in_local_time(value: str | None, others: Iterable[str | None]) -> str | None:
    """``value`` (a UTC datetime) as another witness writes the same instant with
    its own UTC offset, if one does."""
    if not value or not value.endswith("+00:00"):
        return value
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return value
    for other in others:
        if other and len(other) > 19 and other[19:] not in ("", "+00:00"):
            try:
                if datetime.fromisoformat(other) == instant:
                    return other
            except ValueError:
                continue
    return value


def _best(values: Iterable[str | None]) -> str | None:
    """The first date, made precise by a later datetime on the same day."""
    first: str | None = None
    for value in values:
        if value is None:
            continue
        if first is None:
            first = value
            if len(first) > 10:
                return first
        elif value[:10] == first and len(value) > 10:
            return value
    return first


def _time_element(node: LexborNode, month_first: bool) -> tuple[str, str] | None:
    """A ``<time>``'s date and what the words just before it call it."""
    own_text = text_of(node)
    value = parse_date(node.attributes.get("datetime") or own_text, month_first=month_first)
    if value is None:
        return None
    parent = node.parent
    context = text_of(parent) if parent is not None else ""
    if len(context) > 300:
        return "", value
    position = context.find(own_text) if own_text else -1
    before = context[: position if position >= 0 else len(context)]
    labels = list(DATE_LABEL.finditer(before[-60:]))
    kind = ""
    if labels:
        kind = "modified" if labels[-1]["modified"] else "published"
    return kind or _class_kind(node), value


# hAtom's class names, which WordPress themes write on their <time> elements
# (``entry-date published`` then ``updated``, in either order): a class says
# which date an element holds when no visible label does.
_PUBLISHED_CLASS = re.compile(r"(?:^|[-_])(?:published|pubdate|posted-on|date-?created)(?:$|[-_])")
_MODIFIED_CLASS = re.compile(r"(?:^|[-_])(?:updated|modified|date-?updated)(?:$|[-_])")


def _holds_classed_time(node: LexborNode) -> bool:
    return any(_class_kind(time) for time in node.css("time"))


def _class_kind(node: LexborNode) -> str:
    """``"published"``/``"modified"`` as the element's class names say, else ``""``;
    ``published updated`` (a story never changed) is the publication date."""
    names = (node.attributes.get("class") or "").lower().split()
    if any(_PUBLISHED_CLASS.search(name) for name in names):
        return "published"
    if any(_MODIFIED_CLASS.search(name) for name in names):
        return "modified"
    return ""


def _more_precise(value: str, known: str | None) -> bool:
    """Whether ``value`` is ``known`` (a bare day) with the time of day added."""
    return bool(known) and len(known or "") == 10 and len(value) > 10 and value[:10] == known


def _tooltip_date(node: LexborNode, text: str, month_first: bool) -> list[tuple[str, str]]:
    """A dateline written for people ("1 year ago", "Wednesday") whose element
    keeps the exact date in a tooltip (``title="Friday, October 4th, 2024 at 3:43
    PM"``) or a data attribute (``data-timestamp="1764746100"``)."""
    if len(text) > 40:
        return []
    found = attribute_date(node, month_first)
    return [found] if found else []


def _visible_dates(
    page: Page, around: Around, month_first: bool, modified_only: bool
) -> tuple[str | None, str | None, bool]:
    """Dates in the dateline around the headline, sorted by their labels.

    When only the modification date is missing, the search stays close to the
    headline: an "Updated" label is part of the dateline or it is not there.
    Returns the published date, the modified date, and whether a label named
    the published one.
    """
    found: dict[str, str] = {}  # "published" / "modified" -> the first date with that role

    def take(pairs: Iterable[tuple[str, str]], labelled_only: bool = False) -> bool:
        """Record ``pairs``; whether both dates are now known."""
        for kind, value in pairs:
            if kind == "modified":
                found.setdefault("modified", value)
            elif (kind or not labelled_only) and "published" not in found:
                found["published"] = value
                found["labelled"] = kind
            elif kind != "modified" and _more_precise(value, found.get("published")):
                found["published"] = value  # the <time> inside a dateline already read
        return "published" in found and "modified" in found

    def result() -> tuple[str | None, str | None, bool]:
        return found.get("published"), found.get("modified"), bool(found.get("labelled"))

    for node in around.nodes("date", 2 if modified_only else 5):
        if node.tag == "time":
            pair = _time_element(node, month_first)
            if take([pair] if pair else []):
                return result()
        elif _holds_classed_time(node):
            continue  # its <time> elements say which date is which: they are read next
        elif len(text := text_of(node)) <= 250 and take(
            labelled_dates(text, month_first=month_first) or _tooltip_date(node, text, month_first)
        ):
            return result()
    if not modified_only:
        # The byline's own element often carries the date: "Lucía Ferrer · Valencia ·
        # 15 jun 2024 - 10:42". A date written beside the author is the story's.
        for node in around.nodes("byline")[:5]:
            if len(text := text_of(node)) <= 250 and take(
                labelled_dates(text, month_first=month_first)
            ):
                return result()
    if around.headlines and not modified_only:
        # A dateline without a telling class ("publiziert am 25. September 2018"
        # in a plain <span>): the labelled dates in the headline's surroundings.
        container: LexborNode | None = around.headlines[0]
        for _level in range(3):
            container = container.parent if container is not None else None
            if container is None or container.tag in ("body", "html"):
                break
            text = text_of(container)
            if len(text) > 600:
                break
            if take(labelled_dates(text, month_first=month_first), labelled_only=True):
                return result()
    if "published" not in found:  # a <time> anywhere outside sidebars and teasers
        for node in page.times[:10]:
            if not around.places.elsewhere(node) and (pair := _time_element(node, month_first)):
                take([pair])
                if "published" in found:
                    break
    return result()


def _absolute(url: str | None, base: str | None) -> str | None:
    """``url`` as an absolute http(s) URL, resolved against ``base`` if that is one."""
    if not url:
        return None
    url = url.strip()
    if url.startswith(("https://", "http://")) and " " not in url:
        return url if split(url) is not None else None
    if base and not base.startswith(("https://", "http://")):
        base = None  # a saved file's file:// URL resolves nothing on the web
    if url.startswith("//") and not base:
        url = "https:" + url
    try:
        resolved = urljoin(base, url) if base else url
        scheme = urlsplit(resolved).scheme
    except ValueError:
        return None
    return resolved if scheme in ("http", "https") else None


def _image(page: Page, ld: JsonLd, url: str | None) -> str | None:
    def ld_image(value: Any, depth: int = 0) -> str | None:
        value = ld.resolve(value)
        if depth > 3:
            return None
        if isinstance(value, list):
            return next((found for item in value if (found := ld_image(item, depth + 1))), None)
        if isinstance(value, dict):
            return ld_image(value.get("url") or value.get("contentUrl"), depth + 1)
        return value if isinstance(value, str) and value.strip() else None

    for candidate in (
        page.meta("og:image", "og:image:url", "og:image:secure_url"),
        ld_image(ld.article.get("image") or ld.article.get("thumbnailUrl")),
        page.meta("twitter:image", "twitter:image:src", "image", "thumbnail", "thumbnailurl"),
        page.image_src,
    ):
        if absolute := _absolute(candidate, url):
            return absolute
    return None


_PRIMARY = re.compile(r"[a-z]{2,3}")
_REGION = re.compile(r"[A-Za-z]{2}|\d{3}")


def normalize_language(value: str | None) -> str | None:
    """``en_US`` → ``en-US``; only the primary tag and a region are kept."""
    if not value or not isinstance(value, str):
        return None
    parts = value.strip().split(",")[0].strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    if not _PRIMARY.fullmatch(primary) or primary in ("und", "mul", "zxx"):
        return None
    if len(parts) > 1 and _REGION.fullmatch(parts[1]):
        return f"{primary}-{parts[1].upper()}"
    return primary


def _language(
    page: Page, ld: JsonLd, tree: LexborHTMLParser, sample: str,
    headers: Mapping[str, str] | None,
) -> str | None:  # fmt: skip
    root = tree.root
    header_language = None
    for name, value in (headers or {}).items():
        if name.lower() == "content-language":
            header_language = value
    in_language = ld.get("inLanguage")
    if isinstance(in_language, dict):
        in_language = in_language.get("name") or in_language.get("alternateName")

    def declared() -> Iterator[str]:
        root_attrs = root.attributes if root is not None else {}
        for value in (
            root_attrs.get("lang") or root_attrs.get("xml:lang"),
            page.meta("content-language"),
            header_language,
            page.meta("language", "dc.language", "dcterms.language", "lang"),
            in_language if isinstance(in_language, str) else None,
            page.meta("og:locale"),
        ):
            if language := normalize_language(value):
                yield language

    if sample.isascii():  # nothing in the title to contradict the first witness
        return next(declared(), None)
    witnesses = list(declared())
    letters = len(_LETTER.findall(sample))
    kana = len(_SCRIPTS_LANGUAGE[0][0].findall(sample))
    han = len(_SCRIPTS_LANGUAGE[2][0].findall(sample)) if kana else 0
    for pattern, languages, implied in _SCRIPTS_LANGUAGE:
        # Japanese mixes kana with kanji: the two count together.
        count = kana + han if implied == "ja" else len(pattern.findall(sample))
        if letters and count * 2 >= letters:
            agreeing = [w for w in witnesses if w.split("-")[0] in languages]
            if agreeing:
                return agreeing[0]
            return implied
    return witnesses[0] if witnesses else None


def extract_metadata(
    tree: LexborHTMLParser, url: str | None, *, headers: Mapping[str, str] | None = None
) -> Metadata:
    """Read every metadata field from the parsed page ``tree`` fetched from ``url``.

    ``headers`` (optional) are the HTTP response headers: ``Content-Language``
    is a witness of the language, and ``Date`` (when the page was fetched) is
    what a relative dateline ("3 hours ago", "gestern") counts back from;
    without it such a dateline is left unread rather than guessed at.
    """
    page = first_pass(tree)
    ld = read_json_ld(tree, url, page.scripts)
    host = host_of(url) or host_of(page.canonical) or host_of(page.meta("og:url"))

    # Site keys from declared names and the host, to strip title affixes.
    declared_sites = _site_candidates(page, ld)
    site_keys = [key(name) for name in declared_sites] + [key(_host_label(host)), key(host)]
    document_title, affix = strip_site(page.title, site_keys) if page.title else ("", None)
    site = _choose_site(declared_sites, host, affix)
    if site:
        site_keys.insert(0, key(site))

    places = Places()
    for node in page.headings[:6]:
        _unshown(node)
    visible = [
        (node, text)
        for node in page.headings[:6]
        if 0 < len(text := tidy(text_of(node)).rstrip(" ¶#§🔗")) <= 300
    ]
    # A declared title that the page shows whole as its headline has no affix
    # to strip: "Digjitale Signal #18 – The World Without Work?" is one title.
    shown = {key(text) for _node, text in visible}
    if page.title and key(page.title) in shown:
        document_title, affix = tidy(page.title), None
    declared: list[str] = []
    stripped: dict[str, str] = {}  # the same title is often declared three times
    for value in (
        ld.article.get("headline") or ld.article.get("name"),
        page.meta("og:title"),
        page.meta("twitter:title"),
        page.meta("dc.title", "dcterms.title", "headline", "parsely-title"),
        *(text_of(node) for node in page.headline_nodes[:1]),
    ):
        if isinstance(value, str):
            if value not in stripped:
                whole = key(value) in shown
                stripped[value] = tidy(value) if whole else strip_site(value, site_keys)[0]
            if cleaned := stripped[value]:
                declared.append(cleaned)
    if document_title:
        declared.append(document_title)
    if not declared:  # nothing to confirm a headline: a logo's <h1> must not become it
        visible = [(node, text) for node, text in visible if not places.elsewhere(node)]
    else:  # an <h1> that names the site (a blog's name over its post) is no headline
        declared_keys = {key(title) for title in declared}
        visible = [
            (node, text)
            for node, text in visible
            if key(text) in declared_keys or not matches_site(text, site_keys)
        ]
    title = choose_title(declared, [text for _node, text in visible])
    if affix and key(affix) in key(title):
        # What looked like a "Title | Site" affix is part of the headline itself.
        site = _choose_site(declared_sites, host, None)
    # The byline and dateline are looked for around the <h1> that is the title
    # (not a copy in a sticky navigation bar); an <h1> that is not the title (a
    # logo, a section name) is no guide to them.
    matching = [node for node, text in visible if text == title] or [
        node for node, text in visible if similarity(text, title) >= 0.5
    ]
    headlines = [node for node in matching if not places.elsewhere(node)]
    if not headlines:
        headlines = next(([node] for node in matching[:2] if places.settle(node)), [])
    if not headlines and page.headline_nodes:
        headlines = page.headline_nodes[:1]
    if not headlines and title and tree.body is not None:
        # Pages that set their headline in an <h2> or <h3>.
        headlines = [
            node
            for node in tree.body.css("h2, h3")[:20]
            if similarity(tidy(text_of(node)), title) >= 0.8
        ][:1]

    language_sample = title + " " + (page.meta("description") or "")
    language = _language(page, ld, tree, language_sample, headers)
    month_first = language == "en-US"
    around = Around(headlines, tree, places)
    authors = _authors(page, ld, site_keys, around, title, host)
    published, modified = _dates(page, ld, around, url, month_first)
    if published is None and title:
        published, seen_modified = _dateline_near_title(around, title, authors, url, month_first)
        modified = modified or seen_modified
        if published is None:
            published = _labelled_in_story(around, month_first)
    if (published is None or modified is None) and (fetched := fetch_time(headers)):
        seen_published, seen_modified = _relative_dates(page, around, title, fetched)
        published = published or seen_published
        modified = modified or seen_modified

    canonical = _absolute(
        page.canonical or page.meta("og:url") or _ld_url(ld), url or page.meta("og:url")
    )
    description = next(
        (
            tidy(value)
            for value in (
                page.meta("description", "og:description", "twitter:description"),
                page.meta("dc.description", "dcterms.description"),
                ld.article.get("description"),
            )
            if isinstance(value, str) and tidy(value)
        ),
        None,
    )
    body = ld.article.get("articleBody")
    return Metadata(
        title=title,
        authors=authors,
        published=published,
        modified=modified,
        site=site,
        canonical=canonical,
        image=_image(page, ld, url or canonical),
        language=language,
        description=description,
        body=body if isinstance(body, str) else None,
        article=ld.is_article,
        article_by_og=(page.meta("og:type") or "").strip().lower() == "article",
        thread=ld.thread or page.thread,
    )


def _ld_url(ld: JsonLd) -> str | None:
    for value in (ld.article.get("url"), ld.article.get("mainEntityOfPage")):
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None


__all__ = ["Metadata", "extract_metadata", "normalize_language"]
