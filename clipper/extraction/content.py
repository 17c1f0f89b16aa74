"""Find the story among the page furniture.

The work is split so that the expensive parts run in C (lexbor) and Python
touches each element once:

1. ``clean`` removes what is never prose (scripts, navigation, forms' controls)
   in one walk. What usually is furniture but may be the page (hidden
   elements, ``<noscript>``, dialogs, sign-in forms) goes only when it holds
   less than two thirds of the page's text.
2. Text *units* — elements that hold text but no other block (``p``, ``li``,
   headings, leaf ``div``s), and the own text of containers that mix text and
   blocks — come from one walk of the cleaned body read backwards
   (descendants first), and are measured: length, link text, links,
   punctuation. Only their ancestors are visited, once each, to build a
   skeleton of the page with per-element sums. The block writer reuses the
   measured text.
3. Elements are scored Readability-style by the prose they hold close below
   them, damped by link density, nudged by class/id names and semantic tags;
   the strongest are then weighed by where they stand against the title's
   ``h1`` (the story holds it or starts right after it), marked down inside
   areas named like comments or sidebars and when they are lists of teasers
   or open with a heading like "Related stories", and cross-checked with the
   JSON-LD ``articleBody`` when the page declares one. The winner is joined by
   the lead paragraph between title and body, by other chunks of the same
   class (a story split by advertising), by a run of identical blocks that
   share it (the steps of a how-to), and by siblings as strong as half of it.
4. The story is then weighed against the rest of the page's prose (less
   comments, sidebars and teasers). When it is a list of teasers, or holds
   only a small part of that prose, the page is not one story (a shop, a
   landing page, a listing, a thread) and its main region is kept whole.
5. ``Judge.verdict`` then tells the block writer which elements inside are
   furniture after all (menus, share bars, "Read also" boxes, teasers after
   the story's end, picture frames whose text is a caption), from the same
   sums. Links leaving the site are the story's sources, never furniture.

A class or id name alone never throws away an element that holds a large part
of the story's prose: a site that calls its article wrapper "sidebar-layout"
must not lose its story, nor a page builder whose every block is a "widget".
Nothing taken from the page is ever parsed as a selector or a pattern. All
vocabulary lives in ``hints``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.hints import (
    BLOCK_TAGS,
    FURNITURE_HEADING,
    FURNITURE_ROLES,
    HIDDEN_STYLE,
    NAME_AREA,
    NAME_BODY,
    NAME_EMBED,
    NAME_MEDIA,
    NAME_NEGATIVE,
    NAME_POSITIVE,
    REMOVED_TAGS,
    name_flags,
    thread_flags,
)
from clipper.extraction.microdata import item_types, own

# Elements that hold text but never other blocks: always one unit each.
_TEXT_BLOCKS = frozenset(
    {"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "figcaption", "caption"}
)
# Elements that may hold blocks: a unit when they hold none (a leaf), else their
# own text beside the blocks may be one (a mixed container).
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "td", "center", "font", "blockquote", "li", "dd", "form"}
)
_MEASURED = _TEXT_BLOCKS | _CONTAINERS | {"a"}
_MIN_OWN_TEXT = 15
_BLOCK_TAGS = frozenset(BLOCK_TAGS)
_REMOVED = frozenset(REMOVED_TAGS)
# Removed unless they hold most of the page (see ``clean``).
_GUARDED = frozenset({"noscript", "dialog"})
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
_CREDENTIALS = "input[type=password i], input[type=email i], input[type=tel i]"
# What opens a folded panel, without saying so in ARIA (``aria-expanded`` does):
# a heading (a question, a section's title) or a disclosure's summary. A plain
# button is as often a tooltip's or a chat box's.
_TOGGLES = frozenset({"h2", "h3", "h4", "h5", "h6", "summary"})
_PANELS = frozenset({"div", "section", "dd"})  # a panel wraps its paragraphs
_PANEL_TEXT = 80  # characters: a folded panel's answer holds at least a sentence
_GUARD_TEXT = 200  # characters: less is furniture whatever the page holds
_SIGN_UP_TEXT = 800  # characters: a box around a sign-up form holding more holds other things
_RICH_PROSE = 150  # weighted characters of prose that no class name throws away in a page
# Of the page's prose (but comments, sidebars and teasers): a story holding
# less is not the page's one story...
_STORY_SHARE = 0.6
_ARTICLE_SHARE = 0.2  # ... unless the page says it is an article, or the story holds its
# title and the page names its author
_SUGGESTED_SHARE = 0.4  # ... or only its og:type says so, which SEO plugins write on every
# page, or the story holds the title but no one signs it (the first tab of a service page)
_MIN_STORY = 200  # weighted characters: a story shorter than this must hold most of the page
_KIN_SHARE = 0.8  # of the parent's prose in the story's block and its twins: they join it
_KIN_PAGE_PROSE = 2 * _RICH_PROSE  # in same-named siblings: a page's layout, not furniture
_TAIL = 200  # weighted characters of prose after a list of teasers: the story goes on
_CAPTION_PROSE = 150  # weighted characters: a picture frame holding more is not a caption
_MENU_LINK = 25  # weighted characters: links shorter than this on average make a menu
_MIN_CARDS = 4  # look-alike items that make a grid of cards
_MIN_BLOCKS = 4  # sections joined into a story that make it a page builder's
_CARD_EXTRA = 3  # weighted characters beside its link that make an item a card (a price)
_CARD_TEXT = 600  # weighted characters: an item holding more is a story, not a card
_GRID_SHARE = 3  # a grid of cards showing less than a third of the page's text is a rail
_CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "td", "center", "font", "form", "body", "span"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ITEM_TAGS = frozenset({"div", "article", "li", "section", "ul", "ol", "a", "span", "dl"})
_SLIDE_TAGS = frozenset({"ul", "ol", "div", "section"})
# Posts the story quotes, as the platforms' embed codes write them.
_EMBEDDED_POSTS = (
    "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed,"
    " blockquote.reddit-embed-bq, blockquote.bluesky-embed"
)
_ELLIPSES = ("...", "…", "[…]", "[...]", "…]")
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "؟")
_CLOSERS = "\"'”’»)]"
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_MIN_PROSE = 25
_COLONS = (":", "：")  # a paragraph ending in one announces what follows
_DIVIDERS = (1.0, 2.0, 6.0, 9.0, 12.0)
_TOP = 12  # candidates examined closely
# The counter a slideshow prints on each of its slides: "3/50", "3 of 50".
_SLIDE_COUNTER = re.compile(r"\s*(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\b")
_MIN_SLIDES = 3
_BESIDE_SLIDES = 1000  # weighted characters of story beside a gallery that make it an article's
_MIN_DECLARED = 200  # a JSON-LD articleBody worth cross-checking


def text_weight(text: str) -> int:
    """Length of ``text`` in Latin-letter equivalents: a CJK character counts three."""
    if text.isascii():
        return len(text)
    # Runs, not characters: one match a run is several times faster on Chinese text.
    return len(text) + 2 * sum(map(len, _CJK_RUN.findall(text)))


def punctuation(text: str) -> int:
    """Commas and full stops in ``text``, in Latin, CJK and Arabic script."""
    count = text.count(",") + text.count(".")
    if not text.isascii():
        count += text.count("，") + text.count("。") + text.count("、") + text.count("،")
    return count


@dataclass(slots=True)
class Stats:
    """What the units below one element add up to."""

    node: LexborNode
    parent: int
    text: int = 0  # weighted characters of unit text
    links: int = 0  # of which inside links
    anchors: int = 0  # links with text
    prose: int = 0  # of which in prose units (long, few links)
    headings: int = 0  # heading units
    kids: int = 0  # children that hold text
    score: float = 0.0  # Readability-style content score
    names: str | None = None  # class and id, lower-cased, read on demand
    article_body: bool = False  # itemprop="articleBody", read with the names
    name_bits: int = -1  # what the names say, worked out on demand

    def class_names(self) -> str:
        if self.names is None:
            attrs = self.node.attributes
            # "class names #id": the first word is the first class, if any.
            element_id = attrs.get("id")
            names = (
                f"{attrs.get('class') or ''} #{element_id}"
                if element_id
                else attrs.get("class") or ""
            )
            names = names.strip()
            self.names = names.lower().replace("_", "-") if names else ""
            itemprop = attrs.get("itemprop")
            self.article_body = itemprop is not None and itemprop.lower() == "articlebody"
        return self.names

    @property
    def flags(self) -> int:
        """What the element's class and id say (``hints.NAME_*`` bits)."""
        if self.name_bits < 0:
            names = self.class_names()
            self.name_bits = name_flags(names) if names else 0
        return self.name_bits

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


KEEP, SKIP, FIGURE, DROP = 0, 1, 2, 3


@dataclass
class Judge:
    """The measured page: the chosen story elements and the sums to judge what is inside."""

    roots: list[LexborNode]
    skeleton: _Skeleton | None = None
    story_prose: int = 0
    title_id: int = -1  # the title's heading: shown as the article's title, not in its body
    # No one story on the page (a landing page, a listing, a shop): its main
    # region is kept whole but for menus and named furniture.
    page: bool = False
    # The story holds the title or starts right under it, or where the page's
    # declared articleBody starts: it is the page's story even when short.
    anchored: bool = False
    teasers: bool = False  # the strongest block is a list of teasers: the page is a listing
    thread: bool = False  # the page declares itself a thread: its posts name their posters
    twins: bool = False  # the story was put together from look-alike blocks
    asked: bool = False  # a question page's story holds the question its microdata types
    # A grid of cards under a short intro makes the page a listing: the grid,
    # its cards and its wrappers are its content, however short their links.
    cards: frozenset[int] = frozenset()
    # Galleries set into the story (see ``_is_slideshow``): left out, and their
    # captions not counted as the story's prose.
    slideshows: frozenset[int] = frozenset()
    site: str = ""  # the page's site ("example.co.uk"), to tell its own links from sources
    # On a page about a thing on sale, the elements around its name: the buy
    # box (name, price, options, short description) whatever a theme calls it
    # (a "sticky sidebar" beside the gallery).
    product_box: frozenset[int] = frozenset()
    _kin: dict[tuple[int, str | None, str], int] = field(default_factory=dict)

    def verdict(self, node: LexborNode) -> int:
        """``KEEP``; ``SKIP`` for furniture inside the story (``DROP`` when it is so
        small that it says nothing about its neighbours); ``FIGURE`` for a
        picture with its caption, whose text is not prose."""
        if node.mem_id == self.title_id:
            return DROP
        said = self._verdict(node)
        if said == SKIP and self.skeleton is not None:
            # Only links left out say that the line above them was their label
            # ("Related" over a list); an advertisement under a story's
            # subheading does not make the subheading furniture.
            entry = self.skeleton.stats.get(node.mem_id)
            if entry is None or entry.text < 30 or entry.link_density < 0.3:
                return DROP
        return said

    def _verdict(self, node: LexborNode) -> int:
        skeleton = self.skeleton
        if skeleton is None:
            return KEEP
        stats = skeleton.stats
        entry = stats.get(node.mem_id)
        if entry is None:
            return KEEP
        tag = node.tag
        if node.mem_id in self.slideshows and not self.page:
            return SKIP  # a gallery set into the story, however long its captions
        flags = entry.flags
        big = entry.prose * 2 >= self.story_prose and entry.prose > 0
        if flags and not big and (entry.prose or entry.headings):
            # One of several look-alike parts that together hold the story (a
            # page builder's "widget" wrappers): the name is the layout's.
            kin = self._kin_prose(entry)
            big = kin * 2 >= self.story_prose or (
                # In a page of many blocks, a name its prose-rich siblings share is
                # the page builder's ("elementor-widget"), not furniture's.
                self.page and kin >= _KIN_PAGE_PROSE and not flags & NAME_AREA
            )
            if not big and len(self.roots) >= _MIN_BLOCKS and not flags & NAME_AREA:
                # A story put together from many blocks: a name that holds most
                # of its prose, block after block, is the page builder's too.
                big = self._story_kin_prose(entry) * 2 >= self.story_prose
        if flags and not big:
            if (
                flags & NAME_MEDIA
                and entry.prose < _CAPTION_PROSE
                and node.css_first("img, picture, video") is not None
            ):
                return FIGURE
            if (
                flags & NAME_NEGATIVE
                and not flags & (NAME_BODY | NAME_EMBED)
                and not (self.page and _prose_rich(entry) and not flags & NAME_AREA)
                and node.css_first(_EMBEDDED_POSTS) is None
                and not (tag in _HEADINGS and skeleton.linked_here(node))
                and node.mem_id not in self.product_box
            ):
                return SKIP
        density = entry.link_density
        if self.page:
            return self._page_verdict(entry, density)
        if tag in _HEADINGS or tag == "p" or tag == "li":
            # Mostly links: a "Read more: <headline>" line, unless it is a sentence
            # that happens to link its names ("<Name> has left <Show>.").
            if density > 0.5 and tag == "li" and node.parent is not None:
                holder = stats.get(node.parent.mem_id)
                if holder is not None and (
                    # An item of a list of links, which was judged (and kept) whole,
                    holder.link_density > 0.5
                    # or a linked item among sentences: the story's own list
                    # ("Highlights: <post>, <post>, We've landed…").
                    or holder.prose >= _RICH_PROSE
                ):
                    return KEEP
            if density > 0.8:
                return SKIP
            if density > 0.5 and entry.text < 200:
                text = skeleton.unit_text.get(node.mem_id, "")
                sentence = (
                    text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
                    and entry.text - entry.links >= 10
                    and not FURNITURE_HEADING.match(text.lower())
                )
                return KEEP if sentence else SKIP
            return KEEP
        if big:
            return KEEP
        linky = density > 0.5 or (density > 0.3 and entry.prose * 4 < entry.text)
        if (linky or entry.anchors >= 3) and not flags & NAME_NEGATIVE and _cites(node, self.site):
            # Links out of the site or to documents are the story's sources (a
            # reading list, references), never teasers.
            return KEEP
        if (
            linky
            and (entry.anchors < 3 or entry.links < entry.anchors * _MENU_LINK)
            and not _announced(node, skeleton)
        ):
            # Short links are a menu, a tag list or share buttons, and a link
            # or two a "Read also" box, unless the story's sentence before
            # them announces them ("For more information, see:"); a list of
            # longer ones is judged as teasers, below.
            return SKIP
        if tag in _ITEM_TAGS and (
            _furniture_heading(entry, skeleton)
            or (
                _is_teaser_list(entry, stats)
                and self._prose_after(entry) < _TAIL
                and not _introduced(node, entry, skeleton)
            )
        ):
            # Teasers at the story's end are other stories; a list of linked
            # items in the middle of it (a documentation page's list of
            # topics) is part of it.
            return SKIP
        return KEEP

    def _prose_after(self, entry: Stats) -> int:
        """The story's prose after ``entry``, up to the end of its root."""
        assert self.skeleton is not None
        stats = self.skeleton.stats
        roots = {root.mem_id for root in self.roots}
        after = 0
        node: LexborNode | None = entry.node
        while node is not None and node.mem_id not in roots:
            sibling = node.next
            while sibling is not None:
                following = stats.get(sibling.mem_id)
                after += following.prose if following is not None else 0
                sibling = sibling.next
            node = node.parent
        return after

    def whole_page(self, cards: frozenset[int] = frozenset()) -> Judge:
        """The same page judged as a whole rather than as one story (a
        listing's grid of ``cards`` kept)."""
        if self.skeleton is None:
            return self
        region = _main_region(self.skeleton)
        return Judge(
            [region.node],
            self.skeleton,
            region.prose,
            self.title_id,
            page=True,
            thread=self.thread,
            cards=cards,
            product_box=self.product_box,
        )

    def _page_verdict(self, entry: Stats, density: float) -> int:
        """Inside a page that is not one story: headlines and teasers are its
        content; menus, lists of short links, are not."""
        if entry.node.tag in _HEADINGS:
            text = self.skeleton.unit_text.get(entry.node.mem_id, "") if self.skeleton else ""
            return SKIP if FURNITURE_HEADING.match(text.lower()) and len(text) < 60 else KEEP
        if (
            density > 0.5
            and entry.anchors
            and entry.links < entry.anchors * _MENU_LINK
            and entry.node.mem_id not in self.cards
        ):
            return SKIP
        if (
            self.skeleton is not None
            and entry.prose * 2 < self.story_prose  # not most of the page under a "Recommended" bar
            and _furniture_heading(entry, self.skeleton)
        ):
            return SKIP
        return KEEP

    def _story_kin_prose(self, entry: Stats) -> int:
        """Prose of the elements of the story of ``entry``'s tag and first class."""
        assert self.skeleton is not None
        stats = self.skeleton.stats
        key = (-1, entry.node.tag, _first_class(entry))
        total = self._kin.get(key)
        if total is None:
            total = 0
            counted: set[int] = set()
            for root in self.roots:
                for node in root.traverse():
                    kin = stats.get(node.mem_id)
                    if kin is None or not kin.prose or (node.tag, _first_class(kin)) != key[1:]:
                        continue
                    counted.add(node.mem_id)
                    if counted.isdisjoint(self.skeleton.ancestors(kin.parent)):
                        total += kin.prose  # nested namesakes' prose counted once
            self._kin[key] = total
        return total

    def _kin_prose(self, entry: Stats) -> int:
        """Prose of ``entry`` and its siblings of the same tag and first class name."""
        assert self.skeleton is not None
        stats = self.skeleton.stats
        # A wrapper's only child stands for it: "widget > widget-container > p".
        parent = stats.get(entry.parent)
        while parent is not None and parent.kids == 1 and parent.parent != -1:
            entry, parent = parent, stats.get(parent.parent)
        key = (entry.parent, entry.node.tag, _first_class(entry))
        total = self._kin.get(key)
        if total is None:
            total = 0
            if parent is not None:
                for child in parent.node.iter():
                    kin = stats.get(child.mem_id)
                    if (
                        kin is not None
                        and kin.prose
                        and (kin.parent, child.tag, _first_class(kin)) == key
                    ):
                        total += kin.prose
            self._kin[key] = total
        return total

    def unit_texts(self) -> dict[int, str]:
        """The measured units' text (whitespace squashed), by ``mem_id``."""
        return self.skeleton.unit_text if self.skeleton is not None else {}

    def text_of(self, node: LexborNode) -> int:
        """Weighted characters of text that the measure saw in ``node``."""
        if self.skeleton is None:
            return 0
        entry = self.skeleton.stats.get(node.mem_id)
        return entry.text if entry is not None else 0


def _sign_up_box(form: LexborNode) -> LexborNode:
    """The box around a sign-in or newsletter form: its "Be the first to know"
    heading, its consent line and its "Thanks for signing up" sit beside the
    form, in a container that holds little else."""
    box = form
    for _level in range(4):
        parent = box.parent
        if parent is None or parent.tag in ("body", "html", "main", "article"):
            break
        text = parent.text(deep=True)
        if len(text) > _SIGN_UP_TEXT and len(" ".join(text.split())) > _SIGN_UP_TEXT:
            break
        if parent.css_first("h1") is not None:
            break
        box = parent
    return box


def clean(tree: LexborHTMLParser) -> LexborNode | None:
    """Remove what is never part of a story, in place; return the body.

    Some furniture is judged by its markup alone (scripts, navigation).
    Other markup usually holds furniture but may hold the page: a hidden
    element is a menu or a tooltip, unless it is the page streamed in before
    a script shows it; ``<noscript>`` is what a reader without JavaScript
    sees, and some forums put every post there; a dialog or a form with a
    password or e-mail field (with the small box around it: its heading and
    its consent line) is a login, a consent or a newsletter box, unless
    the whole page sits in it (ASP.NET wraps every page in one ``<form>``).
    Those go unless they hold two thirds of the page's text.
    """
    body = tree.body
    if body is None:
        return None
    # One walk in Python beats a long CSS list: lexbor tests each selector in
    # turn. Removed nodes are only unlinked, so a removed node's descendant in
    # the list is harmless.
    doomed: list[LexborNode] = []
    guarded: list[LexborNode] = []
    for node in body.traverse():
        tag = node.tag
        if tag in _REMOVED:
            (guarded if tag in _GUARDED else doomed).append(node)
        elif tag == "form" and node.css_first(_CREDENTIALS) is not None:
            guarded.append(_sign_up_box(node))
    # Elements the page hides or marks as furniture: simple attribute selectors
    # are cheap in lexbor, substring ones are not, so the values are read here.
    for node in body.css("[hidden], [style], [role], [aria-modal]"):
        attrs = node.attributes
        role = (attrs.get("role") or "").strip().lower()
        if role == "tabpanel":
            # A tab the reader opens with a click (another language's code,
            # the next step): hidden until then, but part of the page.
            continue
        if "hidden" in attrs:
            if not _is_folded_panel(node):
                guarded.append(node)
            continue
        if role:
            if role in FURNITURE_ROLES:
                doomed.append(node)
                continue
            if role in _DIALOG_ROLES:
                guarded.append(node)
                continue
        if (attrs.get("aria-modal") or "").strip().lower() == "true":
            guarded.append(node)
            continue
        style = attrs.get("style")
        if style and HIDDEN_STYLE.search(style.lower()) and not _is_folded_panel(node):
            guarded.append(node)
    # Scripts and styles go first: their text is not the page's.
    for node in doomed:
        node.decompose()
    page_text = -1
    for node in guarded:
        text = len(node.text(deep=True))
        if text >= _GUARD_TEXT:
            if page_text < 0:
                page_text = len(body.text(deep=True))
            if text * 3 >= page_text * 2:
                continue
        node.decompose()
    return body


def _is_folded_panel(node: LexborNode) -> bool:
    """Whether a hidden ``node`` is an accordion's panel, which the reader
    unfolds with a click (an answer under its question, a section under its
    heading): right after its heading or its toggle, a box holding paragraphs
    rather than links. A paragraph hidden on its own under a heading is
    hidden for good."""
    toggle = node.prev
    while toggle is not None and toggle.tag in ("-text", "-comment"):
        toggle = toggle.prev
    if toggle is None or not (toggle.tag in _TOGGLES or "aria-expanded" in toggle.attributes):
        return False
    if node.tag not in _PANELS or node.css_first("p") is None:
        return False
    text = len(node.text(deep=True).strip())
    links = sum(len(link.text(deep=True).strip()) for link in node.css("a"))
    return text >= _PANEL_TEXT and links * 2 < text


class _Skeleton:
    """The units and their ancestors, with sums, built with one visit per element."""

    def __init__(self, body: LexborNode) -> None:
        self.body_id = body.mem_id
        self.stats: dict[int, Stats] = {self.body_id: Stats(body, -1)}
        self.unit_text: dict[int, str] = {}
        self._targets: frozenset[str] | None = None

    def linked_here(self, node: LexborNode) -> bool:
        """Whether the page's own links point at ``node`` ("#fast-track"): a
        section its table of contents lists, whatever its class says."""
        anchor = node.attributes.get("id")
        if not anchor:
            return False
        if self._targets is None:
            body = self.stats[self.body_id].node
            self._targets = frozenset(
                (link.attributes.get("href") or "")[1:] for link in body.css('a[href^="#"]')
            )
        return anchor in self._targets

    def add(self, node: LexborNode, node_id: int | None = None) -> Stats:
        """The entry of ``node``, creating it and its missing ancestors."""
        stats = self.stats
        if node_id is None:
            node_id = node.mem_id
        entry = stats.get(node_id)
        if entry is not None:
            return entry
        path: list[tuple[int, LexborNode]] = []
        current: LexborNode | None = node
        current_id = node_id
        while current is not None and current_id not in stats:
            path.append((current_id, current))
            current = current.parent
            current_id = current.mem_id if current is not None else -1
        # A node outside the body cannot come from the body's walk; were it
        # to, it would hang from the body.
        parent_id = current_id if current is not None else self.body_id
        for path_id, path_node in reversed(path):
            stats[path_id] = Stats(path_node, parent_id)
            parent_id = path_id
        return stats[node_id]

    def ancestors(self, node_id: int) -> list[int]:
        """``node_id`` and its ancestors up to the body, nearest first."""
        stats = self.stats
        chain = []
        while node_id in stats:
            chain.append(node_id)
            node_id = stats[node_id].parent
        return chain


def _inline_text(node: LexborNode, stats: dict[int, Stats]) -> str:
    """The text of ``node`` outside its blocks (and outside any child that holds
    measured text, such as a custom element): a container's own prose."""
    parts = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag not in _BLOCK_TAGS and child.mem_id not in stats:
            parts.append(child.text(deep=True))
    return " ".join(" ".join(parts).split())


def _measure(body: LexborNode) -> _Skeleton:
    skeleton = _Skeleton(body)
    stats = skeleton.stats
    # The body's elements walked backwards: an element's descendants come
    # before it, so a container is a leaf exactly when no unit below it was
    # seen, and the links inside a unit are all counted by the time the unit is
    # reached. (Walking the tree and testing tags here is faster than a CSS
    # selection of the same tags: lexbor tests each selector in turn.)
    link_lengths: dict[int, int] = {}
    link_counts: dict[int, int] = {}
    text_blocks, block_tags, measured, add = _TEXT_BLOCKS, _BLOCK_TAGS, _MEASURED, skeleton.add
    unit_text = skeleton.unit_text
    for node in reversed(list(body.traverse())):
        tag = node.tag
        if tag not in measured:
            continue
        if tag == "a":
            text = node.text(deep=True, strip=True)
            if text:
                current = node.parent
                for _ in range(8):
                    if current is None:
                        break
                    if current.tag in block_tags:
                        if current.tag in _HEADINGS and _is_anchor(node):
                            break  # a heading's permalink to itself is no link away
                        key = current.mem_id
                        link_lengths[key] = link_lengths.get(key, 0) + text_weight(text)
                        link_counts[key] = link_counts.get(key, 0) + 1
                        break
                    current = current.parent
            continue
        node_id = node.mem_id
        if tag in text_blocks or node_id not in stats:
            text = " ".join(node.text(deep=True).split())
        elif node_id in link_lengths or len(node.text(deep=False).strip()) >= _MIN_OWN_TEXT:
            # A container that holds text of its own beside blocks (prose between
            # <br>s next to a <div>, a link under a heading): its own text is a unit.
            text = _inline_text(node, stats)
        else:
            continue
        if not text:
            continue
        entry = add(node, node_id)
        unit_text[node_id] = text
        weight = text_weight(text)
        links = min(weight, link_lengths.get(node_id, 0))
        entry.text += weight
        entry.links += links
        if links:
            entry.anchors += link_counts[node_id]
        if tag in _HEADINGS:
            entry.headings += 1
            continue
        if weight < _MIN_PROSE or links * 2 >= weight:
            continue
        entry.prose += weight - links
        score = (1 + punctuation(text) + min(weight / 100, 3)) * (1 - links / weight)
        holder = entry if tag in _CONTAINER_TAGS else stats.get(entry.parent)
        level = 0
        while holder is not None and level < len(_DIVIDERS) and holder.parent != -1:
            holder.score += score / _DIVIDERS[level]
            level += 1
            holder = stats.get(holder.parent)
    # Sum text, links and prose bottom-up. ``add`` enters a parent before its
    # children, so the entries read backwards put every child before its parent.
    for entry in reversed(stats.values()):
        parent = stats.get(entry.parent)
        if parent is not None:
            parent.kids += entry.text > 0
            parent.text += entry.text
            parent.links += entry.links
            parent.anchors += entry.anchors
            parent.prose += entry.prose
            parent.headings += entry.headings
    return skeleton


def _class_weight(entry: Stats) -> float:
    flags = entry.flags
    weight = 0.0
    if flags:
        if flags & NAME_BODY:
            weight += 50
        elif flags & NAME_POSITIVE:
            weight += 25
        if flags & NAME_NEGATIVE:
            weight -= 25
    tag = entry.node.tag
    if tag == "article":
        weight += 15
    elif tag == "main":
        weight += 10
    entry.class_names()  # reads itemprop too
    if entry.article_body:
        weight += 50
    return weight


def _title_node(body: LexborNode, title: str) -> LexborNode | None:
    """The heading that shows the story's title on the page, if there is one."""
    wanted = " ".join(title.casefold().split())
    headings = body.css("h1")
    if not wanted:
        return headings[0] if len(headings) == 1 else None
    for selector in ("h1", "h2, h3, [itemprop=headline]"):
        for heading in headings if selector == "h1" else body.css(selector):
            text = " ".join(heading.text(deep=True).casefold().split())
            if text == wanted or (
                # The title with or without the site's name or a kicker; a
                # subheading that quotes a few of its words is not it.
                len(text) > 10
                and (text in wanted or wanted in text)
                and min(len(text), len(wanted)) * 3 >= max(len(text), len(wanted)) * 2
            ):
                return heading
    return headings[0] if len(headings) == 1 else None


def _prose_rich(entry: Stats) -> bool:
    """Whether ``entry`` holds paragraphs worth reading, whatever it is named."""
    return entry.prose >= _RICH_PROSE and entry.link_density < 0.3


def _twins(entry: Stats, other: Stats) -> bool:
    """Whether two elements have the same tag and the same class attribute.

    Twins' ids tell them apart ("post_2", "post_3") and do not count; two
    elements with no class at all are told apart by their ids, though: a
    "#precontent" and a "#maincontent" are two parts of a layout, not a run.
    """
    if entry.node.tag != other.node.tag:
        return False
    names = entry.node.attributes.get("class")
    if names:
        return names == other.node.attributes.get("class")
    return entry.class_names() == other.class_names()


def _twins_share(wrapper: Stats, parent: Stats, stats: dict[int, Stats]) -> float:
    """The part of ``parent``'s prose in ``wrapper`` and at least two twins of
    it: a run of identical blocks that share the story."""
    prose, count = wrapper.prose, 0
    for child in parent.node.iter():
        entry = stats.get(child.mem_id)
        if entry is not None and entry is not wrapper and entry.prose and _twins(entry, wrapper):
            prose += entry.prose
            count += 1
    return prose / parent.prose if parent.prose and count >= 2 else 0.0


_DOCUMENTS = (".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".odt", ".epub")


def site_of(host: str) -> str:
    """The site a host belongs to: its last two labels, three under a short
    second level such as ``co.uk`` or ``com.au`` (close enough to tell a
    page's own links from links elsewhere)."""
    labels = host.lower().strip(".").split(".")
    if len(labels) > 2 and len(labels[-2]) <= 3 and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _cites(node: LexborNode, site: str) -> bool:
    """Whether most of the links in ``node`` lead off the site or to documents."""
    if not site:
        return False
    links = away = 0
    for link in node.css("a[href]"):
        href = (link.attributes.get("href") or "").strip().lower()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        links += 1
        path = href.split("?", 1)[0].split("#", 1)[0]
        if path.endswith(_DOCUMENTS):
            away += 1
        elif href.startswith(("http://", "https://", "//")):
            host = href.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0]
            away += site_of(host) != site
    return links >= 2 and away * 2 >= links


def _is_anchor(link: LexborNode) -> bool:
    """Whether ``link`` points within the page (``href="#..."``)."""
    return (link.attributes.get("href") or "").lstrip().startswith("#")


def _first_class(entry: Stats) -> str:
    """The first class name of the element ("" when it has none)."""
    first = entry.class_names().split(" ", 1)[0]
    return "" if first.startswith("#") else first


def _is_teaser_list(entry: Stats, stats: dict[int, Stats]) -> bool:
    """Whether most of ``entry``'s prose sits in a run of look-alike teaser items.

    A story's paragraphs are plain; a list of teasers repeats one item shape
    (same tag and first class name) where each item carries a headline link,
    is an ``<article>`` of its own, or ends its summary with an ellipsis.
    """
    if entry.kids < 3:
        return False
    groups: dict[tuple[str, str], list[tuple[LexborNode, Stats]]] = {}
    for child in entry.node.iter():
        child_entry = stats.get(child.mem_id)
        if child_entry is None or child_entry.text == 0:
            continue
        tag = child.tag
        if tag not in _ITEM_TAGS:
            continue
        groups.setdefault((tag or "", _first_class(child_entry)), []).append((child, child_entry))
    for (tag, _), items in groups.items():
        if len(items) < 3 or sum(i.prose for _, i in items) * 2 < entry.prose:
            continue
        teasers = 0
        for node, item in items:
            if tag == "article" or (item.links >= 10 and item.links * 7 >= item.text):
                teasers += item.prose < 600 or (
                    # A row of a grid: a teaser under each of its linked headlines.
                    item.headings > 1 and item.prose < 600 * _headlines(item, stats)
                )
            elif item.prose < 600 and node.text(deep=True).rstrip().endswith(_ELLIPSES):
                teasers += 1
        if teasers * 3 >= len(items) * 2:
            return True
    return False


def _is_slideshow(entry: Stats, stats: dict[int, Stats]) -> bool:
    """Whether ``entry``'s items are the slides of a gallery: each opens with
    its counter, "1/50", "2/50", and so on in order, out of the same total.

    A slideshow set into a story shows pictures with their captions (often
    whole paragraphs, of other stories), not the story.
    """
    if entry.kids < _MIN_SLIDES or entry.node.tag not in _SLIDE_TAGS:
        return False
    count = 0
    total = ""
    for child in entry.node.iter():
        child_entry = stats.get(child.mem_id)
        if child_entry is None or child_entry.text == 0:
            continue
        counter = _SLIDE_COUNTER.match(_opening(child))
        count += 1
        if counter is None or int(counter.group(1)) != count:
            return False
        if total and counter.group(2) != total:
            return False
        total = counter.group(2)
    return count >= _MIN_SLIDES and int(total) >= count


def _opening(node: LexborNode) -> str:
    """The first few dozen characters of ``node``'s text, read without its whole text."""
    parts: list[str] = []
    size = 0
    for part in node.traverse(include_text=True):
        if part.tag != "-text":
            continue
        text = part.text_content or ""
        if not parts:
            text = text.lstrip()
        if text:
            parts.append(text)
            size += len(text)
            if size >= 40:
                break
    return " ".join(parts)


def _card_grid(entry: Stats, stats: dict[int, Stats]) -> list[Stats]:
    """The cards of ``entry`` when it is a grid of look-alike cards (a shop's
    products, a chart's titles, a directory's entries), else nothing.

    A menu, or a list of filters with their counts, repeats links; a card
    shows a picture and holds more than its link (a price, a rating, a date,
    a line of description). Short links alone would make the grid a menu; a
    run of such cards is the listing's own content.
    """
    if entry.kids < _MIN_CARDS:
        return []
    groups: dict[tuple[str, str], list[Stats]] = {}
    for child in entry.node.iter():
        item = stats.get(child.mem_id)
        if item is not None and item.text and item.anchors:
            groups.setdefault((child.tag or "", _first_class(item)), []).append(item)
    for items in groups.values():
        if len(items) < _MIN_CARDS or sum(i.text for i in items) * 3 < entry.text * 2:
            continue
        cards = sum(
            i.text - i.links >= _CARD_EXTRA
            and i.text < _CARD_TEXT
            and i.node.css_first("img, picture") is not None
            for i in items
        )
        if cards * 3 >= len(items) * 2:
            return items
    return []


def _main_grid(skeleton: _Skeleton) -> tuple[Stats, list[Stats]] | None:
    """The page's largest grid of cards and its cards, when it shows a good
    part of the page's text; a smaller grid is a rail of other pages'
    teasers beside the content."""
    stats = skeleton.stats
    grid: Stats | None = None
    cards: list[Stats] = []
    for entry in stats.values():
        if entry.parent == -1 or entry.kids < _MIN_CARDS:
            continue
        if grid is not None and entry.text <= grid.text:
            continue
        found = _card_grid(entry, stats)
        if found:
            grid, cards = entry, found
    if grid is None or grid.text * _GRID_SHARE < stats[skeleton.body_id].text:
        return None
    return grid, cards


def _listing(skeleton: _Skeleton, story_prose: int) -> frozenset[int]:
    """When the page is a listing whose story is only its intro, its grid of
    cards, the cards and the wrappers that hold little but the grid: what it
    shows, never its menus. A listing's grid shows twice the story's prose, in
    names and prices rather than paragraphs (a shop's category page, a chart)."""
    main = _main_grid(skeleton)
    if main is None:
        return frozenset()
    grid, cards = main
    if grid.text < 2 * story_prose or grid.prose * 2 >= grid.text:
        return frozenset()
    found = {card.node.mem_id for card in cards}
    holder: Stats | None = grid
    while holder is not None and holder.parent != -1 and grid.text * 2 >= holder.text:
        found.add(holder.node.mem_id)
        holder = skeleton.stats.get(holder.parent)
    return frozenset(found)


def _headlines(entry: Stats, stats: dict[int, Stats]) -> int:
    """Headings in ``entry`` that are links to other pages: teasers' headlines."""
    count = 0
    for node in entry.node.traverse():
        if node.tag in _HEADINGS:
            heading = stats.get(node.mem_id)
            count += heading is not None and heading.link_density > 0.5
    return count


def _introduced(node: LexborNode, entry: Stats, skeleton: _Skeleton) -> bool:
    """Whether the story's paragraph just before ``node`` leads into it: a list
    the story introduces is the story's, however much it looks like teasers.

    Either the paragraph announces it with a colon ("...these ways of making a
    type:"), or it is the story's prose with no heading between, and the list's
    links are short names, each followed by what it is ("Generics - types that
    take parameters"), not headlines.
    """
    sibling = _unit_before(node, skeleton)
    short_names = entry.anchors >= 3 and entry.links < entry.anchors * _MENU_LINK
    if sibling is not None and sibling.tag in _HEADINGS:
        # Or one of the story's own subheadings names it ("Modules" after "What
        # you'll learn", set alike), where a heading of its own ("Popular
        # guides") would name teasers.
        heading = skeleton.unit_text.get(sibling.mem_id, "").lower()
        return (
            short_names
            and not FURNITURE_HEADING.match(heading)
            and _after_its_like(sibling, skeleton)
        )
    text = _lead_in(sibling, skeleton)
    return text is not None and (text.endswith(_COLONS) or short_names)


def _announced(node: LexborNode, skeleton: _Skeleton) -> bool:
    """Whether the paragraph just before ``node`` is the story's prose ending in
    a colon: it announces what follows ("For more information, see:")."""
    text = _lead_in(_unit_before(node, skeleton), skeleton)
    return text is not None and text.endswith(_COLONS)


def _unit_before(node: LexborNode, skeleton: _Skeleton) -> LexborNode | None:
    """The nearest measured sibling before ``node`` (text and comments skipped)."""
    sibling = node.prev
    while sibling is not None and sibling.mem_id not in skeleton.stats:
        sibling = sibling.prev
    return sibling


def _lead_in(sibling: LexborNode | None, skeleton: _Skeleton) -> str | None:
    """The text of ``sibling`` when it is a paragraph of the story's prose, which
    may lead into what follows it."""
    if sibling is None or sibling.tag != "p":
        return None
    text = skeleton.unit_text.get(sibling.mem_id, "").rstrip()
    return text if len(text) >= _MIN_PROSE else None


def _after_its_like(heading: LexborNode, skeleton: _Skeleton) -> bool:
    """Whether an earlier sibling of ``heading`` is a heading of the same tag and class."""
    tag, names = heading.tag, heading.attributes.get("class")
    sibling = heading.prev
    while sibling is not None:
        if sibling.tag == tag and sibling.attributes.get("class") == names:
            return sibling.mem_id in skeleton.unit_text
        sibling = sibling.prev
    return False


def _furniture_heading(entry: Stats, skeleton: _Skeleton) -> bool:
    """Whether ``entry`` opens with a heading such as "Related stories"."""
    if not entry.headings:
        return False
    stats = skeleton.stats
    node: LexborNode | None = entry.node
    for _ in range(3):  # the first text, at most three levels down
        if node is None:
            return False
        first = next((c for c in node.iter() if c.mem_id in stats), None)
        if first is None:
            return False
        if first.tag in _HEADINGS:
            text = skeleton.unit_text.get(first.mem_id, "")
            if len(text) > 60:
                return False
            return bool(FURNITURE_HEADING.match(text.lower())) or bool(
                stats[first.mem_id].flags & NAME_AREA
            )
        if first.mem_id in skeleton.unit_text:
            return False
        node = first
    return False


class _Chooser:
    """Picks the story's element among the scored ones (see the module docstring)."""

    def __init__(
        self, skeleton: _Skeleton, title: LexborNode | None, declared: str | None = None
    ) -> None:
        self.skeleton = skeleton
        self.stats = skeleton.stats
        self.area_memo: dict[int, bool] = {}
        self.page_prose = self.stats[skeleton.body_id].prose
        self.title_chain: list[int] = []
        if title is not None and title.mem_id in self.stats:
            self.title_chain = skeleton.ancestors(title.mem_id)
        self.title_index = {node_id: i for i, node_id in enumerate(self.title_chain)}
        self.declared_chain = set(self._declared_start(declared))

    def _declared_start(self, declared: str | None) -> list[int]:
        """The unit where the JSON-LD articleBody starts, with its ancestors: a
        cross-check, when the page declares its body for machines."""
        if not declared or len(declared) < _MIN_DECLARED:
            return []
        probe = " ".join(declared.split()[:8])
        if len(probe) < 30:
            return []
        for node_id, text in self.skeleton.unit_text.items():
            if probe in text:
                return self.skeleton.ancestors(node_id)
        return []

    def in_negative_area(self, node_id: int) -> bool:
        """Whether an ancestor (below the body) is named like comments or a sidebar."""
        stats, memo = self.stats, self.area_memo
        chain = []
        current = stats[node_id].parent
        result = False
        while current in stats and stats[current].parent != -1:
            if current in memo:
                result = memo[current]
                break
            chain.append(current)
            flags = stats[current].flags
            if (
                flags & NAME_AREA
                and not flags & NAME_BODY
                and stats[current].prose * 2 < self.page_prose
            ):
                result = True
                break
            current = stats[current].parent
        # Everything between the start and the hit (or the memo) shares the answer.
        for visited in chain:
            memo[visited] = result
        return result

    def title_factor(self, entry: Stats) -> float:
        """More for holding the title or following it closely; less for preceding it."""
        if not self.title_index:
            return 1.0
        node_id = entry.node.mem_id
        title_steps = self.title_index.get(node_id)
        if title_steps is not None:
            return 1.3 if title_steps <= 4 else 1.0
        chain = self.skeleton.ancestors(node_id)
        for steps, ancestor in enumerate(chain):
            title_steps = self.title_index.get(ancestor)
            if title_steps is None:
                continue
            if steps > 4 or title_steps > 5:
                return 1.0
            own_branch, title_branch = chain[steps - 1], self.title_chain[title_steps - 1]
            between = 0
            seen_title = False
            for child in self.stats[ancestor].node.iter():
                child_id = child.mem_id
                if child_id == own_branch:
                    if not seen_title:
                        return 0.8
                    return 1.15 if between < 200 else 1.0
                if child_id == title_branch:
                    seen_title = True
                elif seen_title:
                    child_entry = self.stats.get(child_id)
                    between += child_entry.prose if child_entry is not None else 0
            return 1.0
        return 1.0

    def final_score(self, entry: Stats) -> float:
        return (entry.score + _class_weight(entry)) * (1 - entry.link_density)

    def choose(self) -> Stats:
        stats = self.stats
        # Class names and position are read for the strongest candidates only.
        raw = sorted(
            (
                (entry.score * (1 - entry.link_density), entry)
                for entry in stats.values()
                if entry.score > 0 and entry.parent != -1
            ),
            key=lambda item: -item[0],
        )
        if not raw:
            return stats[self.skeleton.body_id]
        ranked = sorted(
            ((self.final_score(entry), entry) for _, entry in raw[: _TOP * 2]),
            key=lambda item: -item[0],
        )
        adjusted: list[tuple[float, Stats]] = []
        for score, entry in ranked[:_TOP]:
            node_id = entry.node.mem_id
            if self.in_negative_area(node_id):
                score *= 0.2
            if (
                _is_teaser_list(entry, stats)
                or _furniture_heading(entry, self.skeleton)
                or _is_slideshow(entry, stats)
            ):
                score *= 0.3
            score *= self.title_factor(entry)
            if entry.node.mem_id in self.declared_chain:
                score *= 1.15
            adjusted.append((score, entry))
        adjusted.sort(key=lambda item: -item[0])
        return adjusted[0][1]


def _is_prose(entry: Stats) -> bool:
    """Whether ``entry`` is a paragraph or two of plain prose (a lead beside the body)."""
    return (
        entry.prose > 80
        and entry.link_density < 0.25
        and entry.prose * 5 >= entry.text * 4
        and not entry.flags & (NAME_NEGATIVE | NAME_MEDIA)
    )


def _wrapper(best: Stats, stats: dict[int, Stats]) -> Stats:
    """The outermost ancestor of ``best`` that adds next to no prose to it."""
    current = best
    while True:
        parent = stats.get(current.parent)
        if parent is None or parent.parent == -1:
            return current
        if parent.prose > best.prose + max(50, best.prose // 10):
            return current
        current = parent


def _starts_within(node: LexborNode, declared: str) -> bool:
    """Whether the first words of ``node`` appear in the declared article body."""
    probe = " ".join(node.text(deep=True, separator=" ").split()[:8])
    return probe in declared


def _chunks(
    best: Stats, wrapper: Stats, parent: Stats, stats: dict[int, Stats]
) -> dict[int, list[LexborNode]]:
    """Other parts of a story split into chunks of the same class (ads between
    them), grouped by the sibling of ``wrapper`` that holds them.

    The chunks are found by comparing tag and class among the measured
    elements, never by a selector built from the page: a class name is the
    page's text, and some are not valid CSS.
    """
    names = best.node.attributes.get("class")
    if not names:
        return {}
    tag = best.node.tag
    parent_id, best_id, wrapper_id = parent.node.mem_id, best.node.mem_id, wrapper.node.mem_id
    groups: dict[int, list[LexborNode]] = {}
    for chunk_id, entry in stats.items():
        chunk = entry.node
        if chunk_id in (best_id, parent_id) or chunk.tag != tag:
            continue
        if chunk.attributes.get("class") != names:
            continue
        while entry.parent != parent_id and entry.parent in stats:
            entry = stats[entry.parent]
        top = entry.node.mem_id
        if entry.parent == parent_id and top != wrapper_id:
            groups.setdefault(top, []).append(chunk)
    for top, chunks in groups.items():
        if len(chunks) > 1:  # the measure walked the page backwards: restore its order
            order = {node.mem_id: i for i, node in enumerate(stats[top].node.traverse())}
            chunks.sort(key=lambda node: order.get(node.mem_id, 0))
    return groups


def find_content(
    tree: LexborHTMLParser,
    title: str = "",
    body_hint: str | None = None,
    *,
    declared_article: bool = False,
    suggested_article: bool = False,
    thread: str = "",
    product: bool = False,
    signed: bool = False,
    url: str | None = None,
) -> Judge:
    """The elements that hold the story, in document order, and how to judge inside them.

    Most pages clipped are one story among furniture, and the story is the
    strongest block of prose. When that block is a list of teasers, or holds
    only a small part of the page's prose, the page is not one story (a
    landing page, a shop, a listing, a forum whose posts are scattered): its
    main region is kept whole, less its menus and furniture. A page that
    declares itself an article, or whose story holds its title and is signed
    (``signed``: the page names an author), must show it more plainly before
    it is kept whole; one whose og:type alone says "article"
    (``suggested_article``: SEO plugins write it on every page of a site), or
    whose story holds its title but nobody signs it (the first tab of a
    service page, under its headline), somewhat more plainly. On a page that
    declares itself a thread
    (``thread``: "forum" for a forum topic, "questions" for a question and
    its answers) the replies are the page too; a forum's are its "comments"
    (schema.org models a topic's replies as Comments), while the comments
    under a question's answers stay comments. On a page about a thing on sale
    (``product``) that does not say it is an article, the "comments" are its
    buyers' reviews, which a person clipping the page keeps with it.
    """
    body = clean(tree)
    if body is None:
        return Judge([])
    skeleton = _measure(body)
    shop = product and not declared_article  # its "comments" are buyers' reviews
    if thread == "forum" or (shop and not thread):
        for entry in skeleton.stats.values():
            names = entry.class_names()
            entry.name_bits = thread_flags(names) if names else 0
    title_node = _title_node(body, title)
    story = _find_story(skeleton, title_node, body_hint)
    if url and url.startswith(("http://", "https://")):
        story.site = site_of(url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0])
    story.thread = bool(thread)
    if shop and title_node is not None:
        story.product_box = _ancestors(title_node, skeleton.body_id)
    if thread == "questions" and not story.teasers:
        _ask(story, body)
    if story.teasers or (
        thread == "questions" and story.twins and not story.anchored and not story.asked
    ):
        # Look-alike answers that leave the title out leave their question out
        # too (it is marked up unlike them): the thread is the page.
        return story.whole_page()
    if not (thread or declared_article or suggested_article):
        cards = _listing(skeleton, story.story_prose)
        if cards:
            return story.whole_page(cards)
    if thread:  # its opening post holds the title, but the replies are the thread too
        share = _STORY_SHARE
    elif declared_article or (story.anchored and signed):
        share = _ARTICLE_SHARE
    elif suggested_article or story.anchored:
        share = _SUGGESTED_SHARE
    else:
        share = _STORY_SHARE
    # A gallery set into the story is weighed neither with it nor against it.
    slides = sum(skeleton.stats[node_id].prose for node_id in story.slideshows)
    rivals = _rival_prose(skeleton, story.roots) - slides
    # A story of a few lines must hold most of the page, teasers included,
    # unless the page says it is an article (a short news item over a strip
    # of teasers).
    around = (
        rivals
        if declared_article or suggested_article
        else skeleton.stats[skeleton.body_id].prose - slides
    )
    if story.story_prose < share * rivals or (
        story.story_prose < _MIN_STORY and around >= 2 * story.story_prose
    ):
        return story.whole_page()
    return story


def _ancestors(node: LexborNode, stop: int) -> frozenset[int]:
    """The ids of the elements around ``node``, up to the one with id ``stop``."""
    ids = []
    parent = node.parent
    while parent is not None and parent.mem_id != stop:
        ids.append(parent.mem_id)
        parent = parent.parent
    return frozenset(ids)


def _ask(story: Judge, body: LexborNode) -> None:
    """Put the question at the head of a question page's story when the story
    leaves it out.

    Question-and-answer software marks the question and its answers up unlike
    each other (the answers sit together under their own heading, the question
    above it), so the strongest block is an answer and its look-alikes are the
    other answers. The page's microdata names the question (schema.org
    ``Question``) and its text (``itemprop=text``, its own, not an answer's);
    without it, the question's text is the box like the answers' boxes
    nearest above them.
    """
    skeleton = story.skeleton
    if skeleton is None or not story.roots:
        return
    item = next(
        (node for node in body.css("[itemscope][itemtype]") if "question" in item_types(node)), None
    )
    if item is not None:
        text = next((found for found in item.css("[itemprop~=text]") if own(found, item)), None)
    elif not story.anchored:  # a story right under the title starts with the question
        text = _look_alike_above(story, body)
    else:
        return
    entry = skeleton.stats.get(text.mem_id) if text is not None else None
    if text is None or entry is None or entry.prose == 0:
        return
    story.asked = True
    roots = {root.mem_id for root in story.roots}
    if not roots.isdisjoint(skeleton.ancestors(text.mem_id)) or any(
        text.mem_id in skeleton.ancestors(root.mem_id) for root in story.roots
    ):
        return  # the story holds it already, or lies inside it
    story.roots.insert(0, text)
    story.story_prose += entry.prose


def _look_alike_above(story: Judge, body: LexborNode) -> LexborNode | None:
    """The nearest element above the story that looks like (same tag, same
    class attribute) each of the story's look-alike blocks."""
    first = story.roots[0]
    names = first.attributes.get("class")
    if len(story.roots) < 2 or not names:
        return None
    if any(root.tag != first.tag or root.attributes.get("class") != names for root in story.roots):
        return None
    found = None
    for node in body.traverse():
        if node.mem_id == first.mem_id:
            return found
        if node.tag == first.tag and node.attributes.get("class") == names:
            found = node
    return None


def _rival_prose(skeleton: _Skeleton, roots: list[LexborNode]) -> int:
    """The page's prose but what sits outside the story in areas named like
    comments, related links or sidebars, or in lists of teasers: what the
    story is weighed against. A comment thread or a list of other stories
    longer than the story does not make the page a forum or a listing."""
    stats = skeleton.stats
    total = stats[skeleton.body_id].prose
    floor = total // 10  # smaller areas change little
    story = {root.mem_id for root in roots}
    around = {node_id for root in roots for node_id in skeleton.ancestors(root.mem_id)}
    areas = {
        node_id
        for node_id, entry in stats.items()
        if entry.prose > floor
        and entry.parent != -1
        and node_id not in around
        and (
            (entry.flags & NAME_AREA and not entry.flags & NAME_BODY)
            or _is_teaser_list(entry, stats)
        )
    }
    for node_id in areas:
        chain = skeleton.ancestors(stats[node_id].parent)
        if story.isdisjoint(chain) and areas.isdisjoint(chain):
            total -= stats[node_id].prose
    return total


def _main_region(skeleton: _Skeleton) -> Stats:
    """The page's ``<main>`` (or ``role=main``) when it holds a good part of the
    page's text, else the body."""
    body = skeleton.stats[skeleton.body_id]
    region = body
    for entry in skeleton.stats.values():
        node = entry.node
        if node.tag != "main" and (node.attributes.get("role") or "").lower() != "main":
            continue
        if entry.text * 10 >= body.text * 4 and (region is body or entry.text > region.text):
            region = entry
    return region


def _find_story(skeleton: _Skeleton, title_node: LexborNode | None, body_hint: str | None) -> Judge:
    """The strongest block of prose, with the lead and the parts that belong to it."""
    stats = skeleton.stats
    title_id = title_node.mem_id if title_node is not None else -1
    chooser = _Chooser(skeleton, title_node, body_hint)
    best = chooser.choose()
    if best.parent == -1:
        return Judge([best.node], skeleton, best.prose, title_id)
    wrapper = _wrapper(best, stats)
    parent = stats.get(wrapper.parent)
    if parent is None:
        return Judge([best.node], skeleton, best.prose, title_id)
    # A sibling that is not a lead and not a chunk of the same class joins only
    # when it scores half as well as the story itself (Readability's fifth is
    # loose enough to take a column of boxed prose beside a short story).
    # When the page declares its body, a sibling must be part of it to join.
    declared = (
        " ".join(body_hint.split())
        if body_hint and len(body_hint) >= _MIN_DECLARED and chooser.declared_chain
        else None
    )
    anchored = chooser.title_factor(best) > 1.0 or best.node.mem_id in chooser.declared_chain
    best_score = chooser.final_score(best) * chooser.title_factor(best)
    threshold = max(10.0, best_score * 0.5)
    chunks = _chunks(best, wrapper, parent, stats)
    kin = (wrapper.node.tag, _first_class(wrapper))
    kin_join = _twins_share(wrapper, parent, stats) >= _KIN_SHARE
    roots: list[LexborNode] = []
    story_prose = 0
    headings: list[LexborNode] = []  # sibling subheadings, kept when story follows them

    def join(*nodes: LexborNode) -> None:
        nonlocal story_prose, headings
        roots.extend(headings)
        headings = []
        for node in nodes:
            roots.append(node)
            story_prose += stats[node.mem_id].prose

    before_best = True
    for sibling in parent.node.iter():
        sibling_id = sibling.mem_id
        if sibling_id == wrapper.node.mem_id:
            # Among look-alike blocks (a thread's posts) the seed comes whole,
            # as its twins do: its poster's name sits beside its prose.
            join(wrapper.node if kin_join else best.node)
            before_best = False
            continue
        entry = stats.get(sibling_id)
        if entry is None:
            continue
        if entry.prose == 0:
            if roots and entry.headings and entry.text < _MIN_STORY:
                headings.append(sibling)
            continue
        if chooser.in_negative_area(sibling_id):
            continue
        if kin_join and _twins(entry, wrapper) and entry.link_density < 0.3:
            # One of the identical blocks that together hold the story (the
            # steps of a how-to, the posts of a thread).
            join(sibling)
            continue
        # A name shared with the story's own block is the layout's (a page
        # builder calls every block a "widget"), not furniture's.
        negative = bool(entry.flags & NAME_NEGATIVE) and (sibling.tag, _first_class(entry)) != kin
        if sibling_id in chunks and not negative:
            join(*chunks[sibling_id])
            continue
        if negative or _is_teaser_list(entry, stats) or _furniture_heading(entry, skeleton):
            continue
        # A plain paragraph between the title and the body is the lead.
        lead = (
            before_best
            and sibling.tag not in ("ul", "ol", "table")
            and entry.headings == 0
            and _is_prose(entry)
            and chooser.title_factor(entry) >= 1.0
            and sibling.css_first("li, table") is None  # not a box of key points
        )
        if lead or (
            entry.score * (1 - entry.link_density) >= threshold
            and (declared is None or _starts_within(sibling, declared))
        ):
            join(sibling)
        headings = []
    # The story, or the look-alike chunks it was put together from, are teasers.
    teasers = _is_teaser_list(best, stats) or (
        len(roots) >= 3 and parent.parent != -1 and _is_teaser_list(parent, stats)
    )
    slideshows = _slideshows(roots, stats)
    beside = story_prose - sum(stats[node_id].prose for node_id in slideshows)
    if beside >= _BESIDE_SLIDES:
        story_prose = beside
    else:  # a gallery under a line or two of introduction: the gallery is the page
        slideshows = frozenset()
    return Judge(
        roots,
        skeleton,
        story_prose,
        title_id,
        anchored=anchored,
        teasers=teasers,
        twins=kin_join,
        slideshows=slideshows,
    )


def _slideshows(roots: list[LexborNode], stats: dict[int, Stats]) -> frozenset[int]:
    """The galleries inside the story's ``roots`` (a root itself is the story)."""
    found: set[int] = set()
    for root in roots:
        for node in root.traverse():
            if node.tag not in _SLIDE_TAGS or node.mem_id == root.mem_id:
                continue
            entry = stats.get(node.mem_id)
            if entry is not None and _is_slideshow(entry, stats):
                found.add(node.mem_id)
    return frozenset(found)
