"""Who wrote the story: the authors a page declares or shows.

The first witness that names a person (or an agency) wins, strongest first:
JSON-LD, then ``<meta>`` tags (Dublin Core's creator, ``author``, a Twitter/X
card's "Written by"), microdata and ``rel=author``, then the byline around the
headline, then the lines of text around it, an "About the author" box and the
writer's line at the story's end. A name that is the site's own (``BBC News``
on bbc.com), a desk or an account's login only stands in when no person is
named; a forum thread's author is its first post's poster, and a one-person
site's is its owner. Reading the names out of a byline's text is ``bylines.py``'s
job; this module decides which text is the byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborNode

from clipper.extraction.bylines import (
    ABOUT_THE_AUTHOR,
    BY_ALONE,
    BY_LINE,
    BY_WITHIN,
    BYLINE_LABELS,
    BYLINE_WORDS,
    HONORIFICS,
    JOINING_WORDS,
    SHORT_JOINING_WORDS,
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
from clipper.extraction.dates import holds_date, is_day_of_year, longest_first
from clipper.extraction.jsonld import JsonLd, types
from clipper.extraction.page_scan import Around, Page, Places, node_value, text_of
from clipper.extraction.titles import key, tidy
from clipper.urls import host_of

# Words that introduce a byline inside a longer line of text; the words of
# more languages only before a colon ("Szerző:", "Oleh:", "Piše:").
_LABEL_WORDS = longest_first((*BYLINE_WORDS, *BYLINE_LABELS))
_LABELLED = (
    r"Autor(?:in)?:|Author:|Автор:|Авторы:|Текст:|作者[:：]|文[:：]|撰文[:：]|بقلم|كتبت?[:：]|מאת"
    rf"|(?i:{_LABEL_WORDS})\s*[:：]"
)
_BYLINE_LABEL = re.compile(
    rf"(?:^|(?<=[\s|·•\u3000(（]))(?:By|Von|Par|Por|Door|撰文|記者|记者|{_LABELLED})\s*"
)
# The labels that are no word of a sentence, in a line of text under the headline
# (where a capitalised "By" may be a headline-style deck's: "Man Shot By
# Police"): "2025-12-03 来源：人民网 作者：张伟". A Chinese reporter's title only
# before a short name: "记者从市政府获悉" ("the reporter learned") opens a lede.
_LABEL_IN_LINE = re.compile(
    rf"(?:^|(?<=[\s|·•\u3000(（]))(?:{_LABELLED})\s*"
    r"|(?:记者|記者)[\s:：]*(?=[\u4e00-\u9fff]{2,4}(?:$|[\s，,、　]))"
)
# A Korean byline: the name, then its job ("홍길동 기자", "입력 2025.12.03 홍길동 기자").
_KOREAN_BYLINE = re.compile(r"(?:^|\s)([가-힣]{2,4})\s?(?:기자|특파원|선임기자)(?=$|[\s=(,])")


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


def authors(
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
            and not around.teaser(node)
        ][:15]
        texts = [_shown_text(node) for node in nodes]
        for index, (node, text) in enumerate(zip(nodes, texts, strict=True)):
            if len(text) > 60 and _holds_a_title(node):
                continue  # a teaser card named "author-wrapper": a title, its writer, its date
            if 2 <= len(text) <= 160:
                # An inner match ("span.author" inside "div.byline-section") says
                # the same with less around it: prefer it.
                contained = [t for t in texts[index + 1 :] if 1 < len(t) < len(text) and t in text]
                if not any(parse_byline(t) for t in contained):
                    names = _in_context(parse_byline(text), text, texts[:index])
                    if names and not all(is_agency(name) for name in names):
                        for other in _co_authors(node, nodes[index + 1 :]):
                            names += parse_byline(text_of(other))
                    yield _Witness(unique(names))
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
            line = _ORNAMENT.sub("", lines[index])  # "// By Arun Sai Krishnan • Nov 11, 2020"
            if len(line) <= 24 and BY_ALONE.fullmatch(line):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if following in (":", "："):  # "Author" / ":" / "Vinay Sajip": three spans
                    following = lines[index + 2] if index + 2 < len(lines) else ""
                if following[:1] and not following[:1].islower():
                    following += _more_names(lines, index + 2)
                    yield _Witness(parse_byline(f"By {following}"[:160]))
            elif len(line) <= 120 and BY_LINE.match(line):
                yield _Witness(parse_byline(line))
            elif len(line) <= 120 and (by := _dated_by(line)) is not None:
                yield _Witness(parse_byline(line[by:]))
            elif index < below + 5 and (name := _name_in_meta_line(line)):
                yield _Witness([name])
            elif index < below + 5 and len(line) <= 160 and (label := _LABEL_IN_LINE.search(line)):
                yield _Witness(parse_byline(line[label.start() :]))
            elif index < below + 5 and len(line) <= 160 and (korean := _KOREAN_BYLINE.search(line)):
                yield _Witness([korean[1]])
            elif index < below + 8 and (name := _name_beside(lines, index, index <= below + 1)):
                if not _people_listed(lines, below, name):
                    yield _Witness([name])
            elif index < below + 3 and (says := _SAYS.search(line)):
                yield _Witness(parse_byline(says[1]))
            elif index < below + 15 and (agency := _agency_dateline(line)):
                yield _Witness([agency])  # a stand-in: a person named anywhere wins
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
                if source is declared and _more_shown(people, around):
                    # "Written by A, B and C" where only A is declared (a CMS
                    # field for one author): the byline's list is the whole one.
                    for other in visible():
                        # The first byline that names anyone, read no further.
                        if shown_people := split_authors(other.names, site_keys)[0]:
                            if _co_listed(people, shown_people):
                                return shown_people[:8]
                            break
                return people[:8]
            fallback = fallback or others or tuple(unique(witness.organizations))
            stand_in = stand_in or tuple(unique(witness.stand_ins))
    if found := (stand_in or fallback):
        return found[:8]
    poster = _first_poster(around, title)
    if poster is None and _storied(*around.lines(title)):
        poster = _site_owner(around)
    return (poster,) if poster else ()


# Marks a design sets before a meta line: "// By ...", "» By ...", "— By ...".
_ORNAMENT = re.compile(r"^[/|»>•·*#~–—-]+\s*")


# The labels a theme writes for screen readers beside its icons ("Post author",
# "Posted on"): not shown, and no part of the name.
_SCREEN_READER = "[class*=screen-reader i], [class*=sr-only i], [class*=visually-hidden i]"


def _shown_text(node: LexborNode) -> str:
    """A byline element's text without its screen-reader labels: WordPress's
    default theme writes "Post author" before "By Jane Doe"."""
    text = text_of(node)
    for label in node.css(_SCREEN_READER):
        hidden = text_of(label)
        if hidden and hidden != text:
            text = " ".join(text.replace(hidden, " ", 1).split())
    return text


def _holds_a_title(node: LexborNode) -> bool:
    """Whether a byline element holds a heading that is no name: another
    story's title ("Introducing the Venteur Growth Collective: …"), where an
    author box's ``<h4>Jane Doe</h4>`` is one."""
    heading = node.css_first("h1, h2, h3, h4, h5, h6")
    return heading is not None and len(text_of(heading)) > 40


def _co_authors(node: LexborNode, later: list[LexborNode]) -> list[LexborNode]:
    """The byline elements after ``node`` that name its co-authors, each in its
    own element joined to the one before by "and" or a comma: "By <a>Jane
    Doe</a> and <a>John Smith</a>", two ``span.author`` in one meta line. A
    list of reviewers or a page's other links are not joined so."""
    found: list[LexborNode] = []
    current = node
    for other in later[:8]:
        if len(text_of(other)) > 60:
            break
        if current.mem_id in (_id(other.parent), _id(other.parent and other.parent.parent)):
            continue  # the same author's link inside the element just taken
        # Siblings, or wrapped in siblings ("<span><a>A</a></span>, <span><a>B</a>").
        pairs = [(current, other), (current.parent, other), (current, other.parent)]
        pairs.append((current.parent, other.parent))
        if any(a is not None and b is not None and _joined(a, b) for a, b in pairs):
            found.append(other)
            current = other
        else:
            break
    return found


def _id(node: LexborNode | None) -> int | None:
    return node.mem_id if node is not None else None


def _joined(first: LexborNode, second: LexborNode) -> bool:
    """Whether ``second`` follows ``first`` in the same parent with only a
    joining word ("and", ",", "&") between them."""
    # The joint may close the first element: "<span><a>A</a>, </span> <span>".
    tail = text_of(first).rsplit(None, 1)[-1:] if first.tag != "a" else []
    between: list[str] = [tail[0][-1]] if tail and tail[0][-1] in ",&" else []
    sibling = first.next
    for _ in range(4):
        if sibling is None:
            return False
        if sibling.mem_id == second.mem_id:
            words = " ".join(between).replace(",", " , ").split()
            return bool(words) and all(word.casefold() in _AND for word in words)
        between.append(
            sibling.text(deep=True) if sibling.tag != "-text" else sibling.text_content or ""
        )
        sibling = sibling.next
    return False


# The words that join names in a byline, also each alone on its line between two
# links: "By" / "Jane Doe" / "and" / "John Smith".
_AND = JOINING_WORDS | SHORT_JOINING_WORDS | {",", "&", "、"}


def _more_names(lines: list[str], index: int) -> str:
    """The names that follow a byline's first one on their own lines, each after
    a joining word ("and", ","), as the text to add to the byline."""
    more = ""
    while index + 1 < len(lines) and len(more) < 120 and lines[index].casefold() in _AND:
        name = lines[index + 1]
        if not name[:1].isupper() or len(name) > 40:
            break
        more += f" {lines[index]} {name}"
        index += 2
    return more


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
    # The headline and its containers: a post that holds it names its poster.
    holders = frozenset[int]()
    if headline is not None and any(node.mem_id == headline.mem_id for node in nodes):
        holders = around.headline_line
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


_POSSESSIVE = re.compile(r"([^\W\d_][^'’]{2,40}?)['’]s\s+\w")


def _site_owner(around: Around) -> str | None:
    """The person a one-person site belongs to, where nothing else names an author:
    the name in its copyright notice when its header shows the same name (a blog
    called "Cassidy Williams", "© 2025 Cassidy Williams" at its foot), the
    blog's name that is its owner's ("Derek Seaman's Tech Blog"), or its tagline
    ("Mike Woodward's thoughts on AI")."""
    body = around.tree.body
    if body is None:
        return None
    # A blog's tagline under its name: "Mike Woodward's thoughts on AI, data, and
    # analytics" (Blogger's header description).
    for node in body.css("[id*=header i] [class*=description i]")[:2]:
        if (owned := _POSSESSIVE.match(text_of(node))) and (name := leading_name(owned[1])):
            return name if _personal(name) else None
    for node in reversed(body.css("footer, [class*=copyright i], [class*=footer i]")[-6:]):
        found = _COPYRIGHT.search(text_of(node))
        if found is None:
            continue
        # "© 2025 Derek Seaman's Tech Blog": the blog is named after its owner.
        owned = _POSSESSIVE.match(found["name"].strip())
        name = leading_name(owned[1] if owned else found["name"])
        if name is None or not _personal(name):
            return None
        wanted = key(found["name"]) if owned else key(name)
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


def _more_shown(declared: tuple[str, ...], around: Around) -> bool:
    """Whether the headline's box shows a declared name joined to another one
    ("Jane Doe, John Smith", "Jane Doe and John Smith"): a quick look before
    the byline is read for co-authors the declaration left out."""
    header = around.header_text
    for name in declared:
        start = header.find(name)
        while start >= 0:
            joined = _JOINED_AFTER.match(header, start + len(name))
            if joined and _opens_with_name(joined[1]):
                return True
            start = header.find(name, start + 1)
    return False


# The words after a name that another one may be joined to: ", Dr John Smith",
# " and John Smith 3 hours ago".
_JOINED_AFTER = re.compile(
    rf"\s*(?:,|&|、|(?:{longest_first(JOINING_WORDS)})\b)\s*([^,&|·•\n]{{3,60}})", re.IGNORECASE
)


def _opens_with_name(text: str) -> bool:
    """Whether ``text`` opens with a person's name of two to four words (after
    an honorific: "Dr Dieter Veldsman")."""
    words = HONORIFICS.sub("", text, count=1).split()[:4]
    return any(lone_name(" ".join(words[:size]).rstrip(",")) for size in (2, 3, 4))


def _co_listed(declared: tuple[str, ...], shown: tuple[str, ...]) -> bool:
    """Whether ``shown`` is ``declared`` with more people: each one more is a
    whole name (not a paper's one word: "Victor Tangermann, Futurism") and
    none repeats a declared one ("Dylan Bailey, MS, RD, FAND" read as two)."""
    wanted = {key(name) for name in declared}
    more = [name for name in shown if key(name) not in wanted]
    return (
        bool(more)
        and wanted <= {key(name) for name in shown}
        and all(
            (len(name.split()) >= 2 or not name.isascii())
            and not any(known in key(name) for known in wanted)
            for name in more
        )
    )


def _shown_instead(declared: tuple[str, ...], around: Around, title: str) -> list[str] | None:
    """The names of a "By" line just under the headline, when the page shows none
    of the people it declares near it.

    A publisher's declared author is often the account that posted the story
    (a WordPress user, an editor) while the byline the reader sees, and cites,
    names the writer: "By: Paul Fenaroli" under the headline, "Luke Daigle" in
    JSON-LD and nowhere on the page. The byline's name may be the site's own
    ("Written by Model Remodel").
    """
    # The headline's own box first (the story's header, its byline with it): a
    # quick look that settles most pages.
    header = around.header_text.casefold()
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


# A day's name or a short date with its time, as a post's header writes this
# week's posts: "Monday 6:30PM", "Mon 18:30".
_WHEN_SHORT = re.compile(r"^[^\W\d_]{2,12}\.?,?\s+\d{1,2}[:.h]\d\d\s*(?:[ap]\.?m\.?)?$", re.I)


def _name_beside(lines: list[str], index: int, dated: bool = False) -> str | None:
    """A line that is only a person's name, beside a line that is its job title
    ("Liz Kenny" / "Former McKinsey Consultant") or, when ``dated`` (just under
    the headline), its date ("Bence Kovács" / "02-12-2025"): a byline without a
    "By" or a telling class."""
    line = lines[index]
    if len(line) > 40 or (name := lone_name(line)) is None:
        return None
    for other in lines[max(0, index - 1) : index + 2 : 2] if index else lines[1:2]:
        if names_a_role(other) or (
            dated
            and len(other) <= 40
            and (holds_date(other) or is_day_of_year(other) or _WHEN_SHORT.search(other))
        ):
            return name
    # "Shelia R. Cotten" / "," / "Clemson University": a scholar's credit, as The
    # Conversation prints it on the stories other sites republish.
    following = lines[index + 1 : index + 3]
    if len(following) == 2 and following[0] == "," and _affiliation(following[1]):
        return name
    return None


# The words of a scholar's affiliation in a credit line ("Clemson University",
# "Institut Pasteur", "Karolinska Institutet").
_AFFILIATION = re.compile(
    r"\b(?:universit(?:y|ies|ät|é|à|at|ario|ad|ade|eit)|college|institute|institut(?:e|et|o)?"
    r"|hochschule|école|school of|academy|akademie|hospital|laborator(?:y|ies|ium))\b",
    re.IGNORECASE,
)


def _affiliation(text: str) -> bool:
    """Whether a short line names a university or an institute."""
    return len(text) <= 80 and bool(_AFFILIATION.search(text))


# The parts of a meta line under a headline, and the parts that are no name:
# a date, a reading time, a word count.
_META_PARTS = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s+")
_MEASURE = re.compile(
    r"\d[\d,.]*\s*(?:min(?:ute)?s?|words?|wörter|mots|palabras|parole)(?:\s+read)?", re.I
)


def _name_in_meta_line(line: str) -> str | None:
    """The name in a meta line under the headline whose other parts are a date,
    a reading time or a word count: "· 30 min · 6279 words · Ash Vardanian"
    (Hugo's PaperMod), "Dec 3, 2025 · 4 min read · Jane Doe"."""
    if len(line) > 120:
        return None
    if not _META_PARTS.search(line):
        # "Jane Doe, Staff Writer", "Jane Doe, Clemson University": a name, then its
        # job or its university after a comma.
        name, comma, job = line.partition(", ")
        return lone_name(name) if comma and (names_a_role(job) or _affiliation(job)) else None
    parts = [(part, lone_name(part.strip())) for part in _META_PARTS.split(line) if part.strip()]
    names = [name for _part, name in parts if name]
    if len(names) != 1 or len(parts) < 2:
        return None
    if all(
        _MEASURE.fullmatch(part.strip())
        or holds_date(part)
        or is_day_of_year(part)
        or names_a_role(part)
        for part, name in parts
        if not name
    ):
        return names[0]
    return None


def _people_listed(lines: list[str], below: int, name: str) -> bool:
    """Whether another name with its job title follows ``name`` below the headline:
    a page of people (a team, experts for hire) has no byline in them."""
    for index in range(below, min(len(lines), below + 60)):
        if lines[index] != name and _name_beside(lines, index) and lone_name(lines[index]):
            return True
    return False


def _dated_by(line: str) -> int | None:
    """Where the "by" of a dated byline starts: "Posted on March 3, 2025 by
    Jane Doe", "3 mars 2025 par Jane Doe" (WordPress's own meta line). Only a
    date may come before it: "Photo taken in Kyiv by" credits a picture."""
    by = BY_WITHIN.search(line)
    if by is None or not holds_date(line[: by.start()]):
        return None
    return by.start()


# A standfirst that ends with its writer's name in capitals, as some papers
# print it: "..., says OLIVE RYAN."
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+"
_SAYS = re.compile(
    rf"\b(?:says|writes|reports|explains)\s+({_CAPS_WORD}(?:\s+{_CAPS_WORD}){{1,3}})\.?$"
)


# A wire story's lede names its agency after the place: "HAYWARD, Calif. (AP) —",
# "LONDON (Reuters) -", "MADRID, 3 Dic. (EUROPA PRESS) -".
_AGENCY_DATELINE = re.compile(r"(?:[^\W\d_][^()\n]{0,60}?)?\(([^()]{2,40})\)\s*[—–-]")


def _agency_dateline(line: str) -> str | None:
    """The news agency a lede's dateline credits, if it opens with one."""
    found = _AGENCY_DATELINE.match(line) if "(" in line[:80] else None
    return found[1].strip() if found and is_agency(found[1]) else None


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
