"""The page's first pass, and the places around its headline.

Every metadata field starts from the same few elements: ``<meta>`` tags,
``<link>``s, JSON-LD scripts, ``<h1>``s, ``<time>``s and microdata. One CSS
query over ``<head>`` and one over ``<body>`` (run in C by lexbor) find them
all, and ``first_pass`` sorts them by kind into a ``Page``, so no field
searches the tree again for what it declares.

What the page shows rather than declares (the byline, the dateline) is looked
for only around the headline, climbing a few containers at most: their
surroundings hold them on virtually every article page, and a search of the
whole page would be slower and would also find sidebar teasers' dates and
commenters' names. ``Around`` does that search once per page for both the
authors and the dates, and ``Places`` says, once per element, which
containers are sidebars, teasers, comments or a site header. Telling a
dateline's box from a box of categories takes knowing whether it holds a date,
so the dates an element keeps in its attributes are read here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.dates import holds_date, parse_date
from clipper.extraction.jsonld import PRODUCT_TYPES, thread_kind
from clipper.extraction.microdata import schema_types

# --- the first pass -------------------------------------------------------------------

# Everything the first pass needs: one query over the (small) head and one over
# the body, each run by lexbor in C; what they return is sorted out in Python.
# The body query repeats the head's tags because a stray element in ``<head>``
# makes the parser move everything after it into the body.
_HEAD_QUERY = (
    "title, meta, link[rel~=canonical i], link[rel~=image_src i], link[rel~=author i], "
    'script[type*="ld+json" i]'
)
_BODY_QUERY = (
    'title, meta, link[rel~=canonical i], script[type*="ld+json" i], h1, time, [itemprop], '
    "[rel~=author], [itemtype]"
)


@dataclass
class Page:
    """What the first pass over the tree found, sorted by kind."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    title: str = ""
    canonical: str | None = None
    image_src: str | None = None
    scripts: list[LexborNode] = field(default_factory=list)
    headings: list[LexborNode] = field(default_factory=list)
    times: list[LexborNode] = field(default_factory=list)
    author_nodes: list[LexborNode] = field(default_factory=list)
    thread: str = ""  # a microdata forum topic or question page, as ``JsonLd.thread``
    product: bool = False  # a microdata Product, as ``JsonLd.product``
    published_nodes: list[LexborNode] = field(default_factory=list)
    modified_nodes: list[LexborNode] = field(default_factory=list)
    headline_nodes: list[LexborNode] = field(default_factory=list)

    def read_type(self, itemtype: str) -> None:
        """What a microdata ``itemtype`` says of the page, the first time it says
        it: a thread (``JsonLd.thread``), a thing on sale (``JsonLd.product``)."""
        kinds = schema_types(itemtype)
        self.thread = self.thread or thread_kind(kinds)
        self.product = self.product or not PRODUCT_TYPES.isdisjoint(kinds)

    def meta(self, *keys: str) -> str | None:
        """The first non-empty ``<meta>`` content under any of ``keys``."""
        for name in keys:
            for value in self.metas.get(name, ()):
                if value := " ".join(value.split()):
                    return value
        return None

    def meta_named(self, pattern: re.Pattern[str], known: Iterable[str]) -> Iterator[str]:
        """``<meta>`` contents whose name matches ``pattern`` and is not in ``known``."""
        skip = set(known)
        for name, values in self.metas.items():
            if name not in skip and pattern.search(name):
                for value in values:
                    if value := " ".join(value.split()):
                        yield value

    def meta_all(self, keys: Iterable[str]) -> Iterator[str]:
        for name in keys:
            for value in self.metas.get(name, ()):
                if value := " ".join(value.split()):
                    yield value


def first_pass(tree: LexborHTMLParser) -> Page:
    page = Page()
    head, body = tree.head, tree.body
    nodes = head.css(_HEAD_QUERY) if head is not None else []
    if body is not None:
        nodes.extend(body.css(_BODY_QUERY))
    # A page's own microdata type often sits on <html> or <body>, which css() does not test.
    for element in (tree.root, body):
        if element is not None and (itemtype := element.attributes.get("itemtype")):
            page.read_type(itemtype)
    metas = page.metas
    for node in nodes:
        tag = node.tag
        if tag == "title":
            if not page.title:
                page.title = node.text(deep=True)
            continue
        if tag == "script":
            page.scripts.append(node)
            continue
        attrs = node.attributes
        if tag == "meta":
            if content := attrs.get("content"):
                for attr in ("property", "name", "itemprop", "http-equiv"):
                    if name := attrs.get(attr):
                        name = name.lower()
                        for part in name.split() if " " in name else (name,):
                            if part.startswith(("dc:", "dcterms:")):  # RDFa spells DC so
                                part = part.replace(":", ".", 1)
                            if part in metas:
                                metas[part].append(content)
                            else:
                                metas[part] = [content]
            if "itemprop" not in attrs:
                continue
        elif tag == "link":
            rel = (attrs.get("rel") or "").lower().split()
            href = attrs.get("href")
            if href and "canonical" in rel and page.canonical is None:
                page.canonical = href.strip()
            elif href and "image_src" in rel and page.image_src is None:
                page.image_src = href.strip()
            elif "author" not in rel:
                continue
        elif tag == "h1":
            page.headings.append(node)
        elif tag == "time":
            page.times.append(node)
        if itemtype := attrs.get("itemtype"):
            page.read_type(itemtype)
        if itemprop := attrs.get("itemprop"):
            if "author" in itemprop or "creator" in itemprop:
                page.author_nodes.append(node)
            if "datePublished" in itemprop or "dateCreated" in itemprop:
                page.published_nodes.append(node)
            if "dateModified" in itemprop:
                page.modified_nodes.append(node)
            if "headline" in itemprop and tag != "meta":
                page.headline_nodes.append(node)
        elif "author" in (attrs.get("rel") or "").lower().split():
            page.author_nodes.append(node)
    return page


def text_of(node: LexborNode) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def node_value(node: LexborNode) -> str:
    """A microdata value: ``content``/``datetime`` attribute, else the text."""
    attrs = node.attributes
    return (attrs.get("content") or attrs.get("datetime") or "").strip() or text_of(node)


# --- around the headline --------------------------------------------------------------

# Around the headline: the byline and the dateline, by class names in several
# languages (Turkish "yazar"/"tarih", Indonesian "penulis"/"tanggal", Hungarian
# "szerzo", Danish and Norwegian "forfatter").
_AROUND = {
    "byline": "[class*=byline i], [class*=author i], [class*=autor i], [class*=auteur i], "
    "[class*=writer i], [class*=reporter i], [class*=firma i], [class*=signature i], "
    "[class*=assinatura i], [id*=author i], address, a[href*='/author/' i], "
    "a[href*='/authors/' i], a[href*='/autor/' i], a[href*='/auteur/' i], "
    "a[href*='/autore/' i], a[href*='/autores/' i], [class*=yazar i], [class*=penulis i], "
    "[class*=szerzo i], [class*=forfatter i]",
    # Rarer marks of a byline, looked for only where the usual ones find nothing
    # (each mark more is a longer search on every page).
    "byline+": "[class*=journalist i], [class*=contributor i], [data-testid*=byline i], "
    "[data-testid*=author i], a[href*='/by/' i], a[href*='/journalist' i]",
    "date": "time, [class*=date i], [class*=time i], [class*=publish i], [class*=posted i], "
    "[class*=datum i], [class*=fecha i], [class*=data i], [class*=tarih i], [class*=tanggal i], "
    "[class*=meta i], [class*=info i], "
    "[class*=byline i], [class*=author i]",
}


# Containers whose dates and names belong to other stories or to readers.
# The name patterns are matched against lower-cased class/id lists: Python's
# IGNORECASE makes an alternation this long several times slower.
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "form", "figcaption", "blockquote"})
_ELSEWHERE = re.compile(
    r"(?:^|[-_])nav(?:$|[-_])|navbar|navigation|menu|comment|related|sidebar|widget|teaser"
    r"|recommend|popular|trending|most-?read|promo"
    r"|newsletter|footer|breadcrumb|outbrain|taboola|(?:^|[-_ ])rail|carousel|ticker|tweet"
    r"|more-?stories|read-?more|also|next-?post|prev-?post|pagination|reply|respond",
)
# Layout modifiers ("has-sidebar", "content__header--no-promo") say what is
# next to an element, not what it is; so does a BEM modifier after "--"
# ("pageHeader__row--footer" is a row of the page header).
_MODIFIER = re.compile(r"(?:^|[-_])(?:has|with|no|without|show|hide|is)[-_]")


def _is_furniture(names: str, layout: frozenset[str] = frozenset()) -> bool:
    """Whether a lower-cased class/id list names page furniture (one token is enough).

    Tokens in ``layout`` are the page's own names for its boxes (see ``Places.settle``).
    """
    if not _ELSEWHERE.search(names):
        return False
    return any(
        _ELSEWHERE.search(base) and not _MODIFIER.search(base) and name not in layout
        for name in names.split()
        if (base := name.split("--", 1)[0])
    )


_ELSEWHERE_ROLES = ("banner", "complementary", "navigation")
_SITE_HEADER = re.compile(r"site|global|masthead|banner|^top|navbar|header-top")


_NEUTRAL, _ELSEWHERE_NODE, _BOUNDARY = 0, 1, 2


def _inside_article(node: LexborNode, levels: int = 6) -> bool:
    """Whether ``node`` lies within an ``<article>`` (a few levels up at most)."""
    current = node.parent
    for _depth in range(levels):
        if current is None or current.tag in ("body", "html", "main"):
            return False
        if current.tag == "article":
            return True
        current = current.parent
    return False


def _margin_note(aside: LexborNode) -> bool:
    """Whether an ``<aside>`` is a note beside the story (its date, its author)
    rather than a sidebar: next to nothing in it, or a few words inside the
    story's own ``<article>``."""
    if aside.css_first("h1, h2, h3, h4, h5, h6, li") is not None:
        return False  # "Most read" and its list: teasers
    size = len(aside.text(deep=True).strip())
    return size <= 60 or (size <= 200 and _inside_article(aside))


class Places:
    """Which elements are sidebars, teasers, comments, forms or a site header.

    Each element's verdict is computed once per page: the byline, dateline and
    ``<time>`` candidates share most of their ancestors.
    """

    def __init__(self) -> None:
        self._verdicts: dict[int, int] = {}
        self._layout: frozenset[str] = frozenset()

    def settle(self, headline: LexborNode) -> bool:
        """Take ``headline`` as the story's although its containers look like furniture.

        Page builders name every box after a sidebar or a widget
        (``elementor-widget-container``, ``cs-sidebar-enabled``, ``WidgetArea``),
        and a hero ``<header class="site-header">`` may hold the headline: a
        container that holds the story's one headline is no sidebar, so the class
        names that made it look like one describe layout, and boxes beside it
        with the same names (the byline's, the dateline's) are not furniture
        either. Containers that are furniture by their tag or their ARIA role
        (``<aside>``, ``<nav>``, ``role=navigation``) are not overruled: a
        headline there is a copy. Returns whether ``headline`` was taken.
        """
        names: set[str] = set()
        current = headline.parent
        for _depth in range(14):
            if current is None:
                break
            verdict = self._verdict(current)
            if verdict == _BOUNDARY:
                break
            if verdict == _ELSEWHERE_NODE:
                attrs = current.attributes
                if current.tag in _ELSEWHERE_TAGS or attrs.get("role") in _ELSEWHERE_ROLES:
                    return False
                found = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().split()
                names.update(found)
            current = current.parent
        if not names:
            return False
        self._layout = self._layout | names
        self._verdicts.clear()
        return not self.elsewhere(headline)

    def _verdict(self, node: LexborNode) -> int:
        key = node.mem_id
        verdict = self._verdicts.get(key)
        if verdict is None:
            tag = node.tag
            if tag in ("body", "html", "main"):
                verdict = _BOUNDARY
            elif tag == "article":
                # A comment or a teaser is often an <article> of its own.
                attrs = node.attributes
                names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
                furniture = len(names) > 1 and _is_furniture(names, self._layout)
                verdict = _ELSEWHERE_NODE if furniture else _BOUNDARY
            elif tag in _ELSEWHERE_TAGS:
                verdict = _ELSEWHERE_NODE
                if (tag == "aside" and _margin_note(node)) or (
                    tag == "footer" and _inside_article(node)
                ):
                    verdict = _NEUTRAL  # the story's own note or footer: its author, its date
            else:
                attrs = node.attributes
                names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
                verdict = _NEUTRAL
                site_header = tag == "header" and _SITE_HEADER.search(names)
                if attrs.get("role") in _ELSEWHERE_ROLES or (
                    len(names) > 1
                    and (
                        _is_furniture(names, self._layout)
                        or (site_header and not self._layout.intersection(names.split()))
                    )
                ):
                    verdict = _ELSEWHERE_NODE
            self._verdicts[key] = verdict
        return verdict

    def elsewhere(self, node: LexborNode, stop: LexborNode | None = None) -> bool:
        """Whether ``node`` sits in page furniture (looking no higher than ``stop``)."""
        current = node.parent
        stop_id = stop.mem_id if stop is not None else None
        for _depth in range(14):
            if current is None or current.mem_id == stop_id:
                return False
            verdict = self._verdict(current)
            if verdict != _NEUTRAL:
                return verdict == _ELSEWHERE_NODE
            current = current.parent
        return False

    def furniture(self, node: LexborNode) -> bool:
        """Whether ``node`` is page furniture itself or sits in it."""
        return self._verdict(node) == _ELSEWHERE_NODE or self.elsewhere(node)


# A line of a script or a style sheet (the parser's text holds theirs too).
_CODE_LINE = re.compile(r"[;{}]$|^[{}]|\bfunction\s*\(|=>|\b(?:document|window)\.")


def _shown_lines(raw_lines: list[str]) -> list[str]:
    """The non-empty lines a reader sees, spaces folded; code is left out."""
    lines = []
    for raw in raw_lines:
        if (line := " ".join(raw.split())) and not _CODE_LINE.search(line):
            lines.append(line)
    return lines


# Marks the headline's place in the page's text for a moment (a private-use character).
_MARK = "\ue000\ue001"


class Around:
    """The byline and dateline elements around the headline, found on demand.

    For each kind, climbs from the ``<h1>`` one container at a time (up to six
    levels, stopping at ``article``/``main``) and keeps the matches of the lowest
    level that has any, leaving out those in sidebars, teasers and comments.
    Without a headline the whole body is searched once.
    """

    def __init__(self, headlines: list[LexborNode], tree: LexborHTMLParser, places: Places) -> None:
        self.tree = tree
        self.headlines = headlines
        self.places = places
        self._found: dict[tuple[str, int], list[LexborNode]] = {}
        self._matches: dict[tuple[int, str], list[LexborNode]] = {}
        self._lines: tuple[list[str], int] | None = None
        self._scope: tuple[LexborNode | None] | None = None
        self._headline_line: frozenset[int] | None = None  # the headline and its ancestors
        self._header: str | None = None

    def lines(self, title: str) -> tuple[list[str], int]:
        """The lines of text around the headline (``title`` as written in the
        page's text), and the index of the first line below it.

        For templates whose byline and dateline have no telling markup: the
        reader finds them just above or below the headline all the same.
        """
        if self._lines is None:
            self._lines = ([], 0)
            body = self.story_scope()
            needle, position = "", -1
            if body is not None and self.headlines:
                # The headline's own place, marked for a moment: the same words
                # are often written earlier, in a ticker or the breadcrumbs.
                headline = self.headlines[0]
                headline.insert_before(_MARK)
                mark = headline.prev
                text = body.text(deep=True, separator="\n")
                if mark is not None and mark.tag == "-text":
                    mark.decompose()
                position = text.find(_MARK)
                if position >= 0:
                    text = text[:position] + text[position + len(_MARK) :].lstrip("\n")
                    own = headline.text(deep=True, separator="\n").strip()
                    needle = own if text.startswith(own, position) else ""
            elif body is not None:
                text = body.text(deep=True, separator="\n")
            else:
                text = ""
            if position < 0:
                # The title chosen from the headline, where the headline is not an element.
                needle = title[:40]
                position = text.find(needle) if len(needle) >= 8 else -1
            if position >= 0:
                size = 2000 - len(needle)
                tail = text[position + len(needle) :]
                after = _shown_lines(tail[:size].split("\n"))
                if (
                    "{" in tail[:size]
                    and sum(len(line) for line in after if len(line) < 300) < size // 2
                    and body is not None
                ):
                    # Braces, and little of the stretch shown as lines: a style
                    # sheet or a script set in the body fills it. Read it without.
                    after = _shown_lines(_without_code(body, tail)[:size].split("\n"))
                before = text[max(0, position - 400) : position].split("\n")[1:]
                lines = _shown_lines(before)
                below = len(lines)
                self._lines = (lines + after, below)
        return self._lines

    @property
    def headline_line(self) -> frozenset[int]:
        """The ``mem_id`` of the headline and of each of its ancestors (none
        without a headline): what holds the story's headline is no teaser."""
        if self._headline_line is None:
            ancestors: set[int] = set()
            current = self.headlines[0] if self.headlines else None
            while current is not None:
                ancestors.add(current.mem_id)
                current = current.parent
            self._headline_line = frozenset(ancestors)
        return self._headline_line

    @property
    def header_text(self) -> str:
        """The text of the headline's box (the story's header, with its byline);
        empty without a headline. Found once: the declared authors are looked
        for in it, and the names joined to them."""
        if self._header is None:
            box = self.headlines[0] if self.headlines else None
            for _level in range(3):
                if box is None or box.parent is None or box.parent.tag in ("body", "html"):
                    break
                box = box.parent
            self._header = box.text(deep=True, separator=" ")[:5000] if box else ""
        return self._header

    def teaser(self, node: LexborNode) -> bool:
        """Whether ``node`` lies in a teaser of another page: one ``<article>`` of
        a row of them that does not hold the headline (a grid of posts), or a
        link that holds a title besides ``node`` ("5 May 2025 Understanding the
        FTC's New Rule"). Its date and author are that page's, not the story's."""
        own = len(text_of(node))
        current: LexborNode | None = node
        for depth in range(10):
            current = current.parent if current is not None else None
            if current is None or current.tag in ("body", "main"):
                return False
            if current.mem_id in self.headline_line:
                return False
            if current.tag == "a" and depth < 3 and len(text_of(current)) > own + 20:
                return True
            if current.tag == "article":
                return _has_sibling(current, "article")
        return False

    def story_element(self) -> LexborNode | None:
        """The ``<article>`` or ``<main>`` that holds the headline with its story, if any."""
        scope = self.story_scope()
        return scope if scope is not None and scope.tag in ("article", "main") else None

    def story_scope(self) -> LexborNode | None:
        """The ``<article>`` or ``<main>`` that holds the headline with its story,
        else the body: a "by" line in a sidebar or a teaser beside a short story is
        not its byline. Found once: the lines around the headline, the labelled
        date and the writer at the story's end all start from it."""
        if self._scope is None:
            self._scope = (self._find_scope(),)
        return self._scope[0]

    def _find_scope(self) -> LexborNode | None:
        body = self.tree.body
        if not self.headlines:
            return body
        headline = self.headlines[0]
        own = len(headline.text(deep=True).strip())
        current = headline.parent
        while current is not None and current.tag not in ("body", "html"):
            if (
                current.tag in ("article", "main")
                and not self.places.elsewhere(current)
                and len(current.text(deep=True).strip()) > own + 200
            ):
                return current
            current = current.parent
        return body

    def nodes(self, kind: str, levels: int = 5) -> list[LexborNode]:
        """``"byline"`` or ``"date"`` elements, in document order, looking at most
        ``levels`` containers up from the headline."""
        if (kind, levels) not in self._found:
            self._found[kind, levels] = self._search(kind, levels)
        return self._found[kind, levels]

    def _search(self, kind: str, levels: int) -> list[LexborNode]:
        selector = _AROUND[kind]
        if not self.headlines:
            # The same whole-body search for any ``levels``: the dateline is
            # looked for two and five levels up.
            body = self.tree.body
            matches = self._matching(body, selector)[:40] if body is not None else []
            return [node for node in matches if not self.places.elsewhere(node)]
        holds = _holds_date if kind == "date" else _holds_words
        for headline in self.headlines[:2]:
            if found := self._climb(headline, selector, levels, holds):
                return found
        return []

    def _climb(
        self,
        headline: LexborNode,
        selector: str,
        levels: int,
        holds: Callable[[LexborNode], bool],
    ) -> list[LexborNode]:
        """The matches of the lowest level up from ``headline`` of which one
        ``holds`` what is looked for: a "meta" box of categories next to the
        headline does not stop the search for the dateline further up."""
        container = headline
        seen: set[int] = set()
        for level in range(1, levels + 1):
            parent = container.parent
            # The whole body only for a flat page whose <h1> sits just under it.
            if parent is None or parent.tag == "html" or (parent.tag == "body" and level > 2):
                break
            container = parent
            if level == 4 and levels > 4 and container.tag not in ("article", "main"):
                # Each level up is a bigger search; the fourth is folded into the
                # fifth (which contains it), since few bylines sit that far away.
                continue
            found = []
            for node in self._matching(container, selector)[:40]:
                # A node already rejected at a lower level is rejected again.
                if node.mem_id not in seen:
                    seen.add(node.mem_id)
                    if not self.places.elsewhere(node, stop=container):
                        found.append(node)
            if any(holds(node) for node in found):
                return found
            if container.tag in ("article", "main", "body"):
                break
        return []

    def _matching(self, container: LexborNode, selector: str) -> list[LexborNode]:
        """``container.css(selector)``, run once: the dateline is looked for
        two and five levels up, and both climbs pass the same containers.
        (Only a text node is ever added to or taken from the page meanwhile.)"""
        key = (container.mem_id, selector)
        matches = self._matches.get(key)
        if matches is None:
            matches = self._matches[key] = container.css(selector)
        return matches


def _without_code(scope: LexborNode, text: str) -> str:
    """``text`` (part of ``scope``'s) without its scripts' and style sheets' text."""
    for node in scope.css("script, style, template"):
        code = node.text(deep=True)
        if len(code) > 80:
            text = text.replace(code, "", 1)
    return text


# --- what an element holds ------------------------------------------------------------


def _has_sibling(node: LexborNode, tag: str) -> bool:
    """Whether an element next to ``node`` (before or after it) is a ``tag`` too."""
    for step in ("prev", "next"):
        sibling = getattr(node, step)
        while sibling is not None and (sibling.tag or "-")[:1] == "-":  # text, comments
            sibling = getattr(sibling, step)
        if sibling is not None and sibling.tag == tag:
            return True
    return False


def _holds_date(node: LexborNode) -> bool:
    """Whether an element holds a date: in its text ("3 hours ago" too) or its tooltip."""
    if node.tag == "time":
        return True
    text = text_of(node)
    if len(text) <= 250 and holds_date(text):
        return True
    return attribute_date(node, False) is not None


def _holds_words(node: LexborNode) -> bool:
    return any(c.isalpha() for c in node.text(deep=True))


def machine_date(value: Any, month_first: bool) -> str | None:
    """A date written for machines: any text ``parse_date`` reads, or a Unix
    timestamp (a number, or digits in text, in seconds or milliseconds)."""
    if isinstance(value, str) and value.isdigit() and len(value) in (10, 13):
        value = int(value[:10])
    if isinstance(value, int) and 10**9 <= value < 10**10:
        found = datetime.fromtimestamp(value, UTC)
        return found.isoformat() if found <= datetime.now(UTC) + timedelta(days=1) else None
    return parse_date(value, month_first=month_first) if isinstance(value, str) else None


_TOOLTIPS = ("title", "data-tippy-content", "data-tooltip", "data-original-title", "aria-label")


# Data attributes a script formats a dateline from ("data-timestamp", "data-utime",
# "data-publishtime"); one that names an update is the modification date. A date
# of something else ("data-preorder-date", "data-event-date") is none of them.
_DATA_DATE = re.compile(
    r"data-(?:date|time|datetime|timestamp|utime|unixtime|epoch"
    r"|(?:[\w-]*[-_])?(?:publish(?:ed)?|pub|posted|created|modified|updated)(?:[-_]?(?:date|time|at|on))?)"
)
_DATA_MODIFIED = re.compile(r"modified|updated")


def attribute_date(node: LexborNode, month_first: bool) -> tuple[str, str] | None:
    """The date an element keeps in an attribute: a tooltip, or a data attribute."""
    attrs = node.attributes
    for name in _TOOLTIPS:
        if (value := attrs.get(name)) and (found := parse_date(value, month_first=month_first)):
            return "", found
    for name, value in attrs.items():
        if (
            value
            and name.startswith("data-")
            and _DATA_DATE.fullmatch(name)
            and (found := machine_date(value.strip(), month_first))
        ):
            return ("modified" if _DATA_MODIFIED.search(name) else ""), found
    return None
