"""JSON-LD: what a publisher declares about a page for machines, read once per page.

Pages embed one or several ``<script type="application/ld+json">`` blocks, often
as an ``@graph`` in which the article, the web page, the site, the publisher and
the author are separate nodes that point at each other by ``@id`` (the usual
WordPress/Yoast shape). ``read_json_ld`` parses every block once, indexes nodes
by ``@id`` so references can be followed, and picks the node that describes the
article itself rather than the site, a breadcrumb or a teaser.

Real pages' JSON-LD is often not valid JSON: trailing commas, JavaScript
comments, single-quoted strings, several objects run together, a CDATA or HTML
comment wrapper. Those are repaired. A block that is still broken (typically an
unescaped quote inside a description) is not thrown away: its plain fields
(headline, dates, author name, language) are salvaged with patterns, which is
all metadata needs from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Article-like types, most specific first in spirit; the rank decides among them.
_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
        "askpublicnewsarticle", "satiricalarticle", "blogposting", "liveblogposting",
        "socialmediaposting", "discussionforumposting", "techarticle", "scholarlyarticle",
        "medicalscholarlyarticle", "report", "advertisercontentarticle", "posting",
    }
)  # fmt: skip
# Types of a page whose replies are its content, by the kind of thread.
_THREAD_TYPES = {"discussionforumposting": "forum", "qapage": "questions"}


def thread_kind(kinds: Iterable[str]) -> str:
    """``"forum"``, ``"questions"`` or ``""``, by schema.org type names (lower-cased),
    as JSON-LD and microdata name them alike."""
    return next((_THREAD_TYPES[kind] for kind in kinds if kind in _THREAD_TYPES), "")


# Types that describe a page or a work, used when no article node exists.
_OTHER_CONTENT_TYPES = frozenset(
    {
        "claimreview", "review", "recipe", "howto", "videoobject", "podcastepisode",
        "event", "creativework", "qapage", "question", "product", "course",
    }
)  # fmt: skip
# Types of a thing on sale: a page about one is a shop's, whose "comments" are
# its buyers' reviews.
PRODUCT_TYPES = frozenset({"product", "productgroup", "productmodel", "individualproduct"})
_PAGE_TYPES = frozenset(
    {
        "webpage", "itempage", "medicalwebpage", "aboutpage", "profilepage", "faqpage",
        "searchresultspage", "collectionpage", "realestatelisting", "checkoutpage",
    }
)  # fmt: skip
_SITE_TYPES = frozenset({"website"})
_OPENERS = ("<!--", "//<![CDATA[", "// <![CDATA[", "<![CDATA[")
_CLOSERS = ("-->", "//]]>", "// ]]>", "]]>")
_TOKENS = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*")'  # a JSON string, kept as is
    r"|'(?P<single>(?:[^'\\]|\\.)*)'"  # a single-quoted string, re-quoted
    r"|(?P<comment>//[^\n]*|/\*.*?\*/)"  # comments, dropped
    r"|(?P<trailing>,(?=\s*[\]}]))"  # a trailing comma, dropped
    r"|[^\"'/,]+|.",
    re.DOTALL,
)
_SALVAGE_FIELDS = re.compile(
    r'"(?P<key>@type|headline|alternativeHeadline|datePublished|dateCreated|dateModified'
    r'|inLanguage|description|url)"\s*:\s*"(?P<value>(?:[^"\\]|\\.)*)"'
)
_SALVAGE_AUTHOR = re.compile(
    r'"(?:author|creator)"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"(?P<a>(?:[^"\\]|\\.)*)"'
    r'|"(?P<b>(?:[^"\\]|\\.)*)")'
)


@dataclass(frozen=True)
class JsonLd:
    """Every JSON-LD node of a page, and the ones that matter for metadata."""

    values: tuple[Any, ...] = ()  # the parsed blocks
    nodes: tuple[dict[str, Any], ...] = ()
    article: dict[str, Any] = field(default_factory=dict)  # the story's node, or {}
    page: dict[str, Any] = field(default_factory=dict)  # its WebPage node, or {}
    site: dict[str, Any] = field(default_factory=dict)  # the WebSite node, or {}
    is_article: bool = False  # whether ``article`` is article-typed (not a video, recipe...)
    # "forum" (a DiscussionForumPosting: its replies are its Comments) or
    # "questions" (a QAPage: its replies are Answers, its comments are comments).
    thread: str = ""
    product: bool = False  # some node is a Product (or one of its kinds)
    _ids: dict[str, dict[str, Any]] = field(default_factory=dict)
    _indexed: list[bool] = field(default_factory=lambda: [False])  # built yet? (mutable flag)

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Nodes by ``@id``, indexed on first use (most pages never need it)."""
        if not self._indexed[0]:
            _index(list(self.values), self._ids, 0)
            self._indexed[0] = True
        return self._ids

    def resolve(self, value: Any) -> Any:
        """``value`` with an ``{"@id": ...}`` reference replaced by the node it names."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.by_id.get(str(value["@id"]), value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value

    def get(self, key: str) -> Any:
        """``key`` from the article node, else from its page node (resolved)."""
        for node in (self.article, self.page):
            value = node.get(key)
            if value not in (None, "", [], {}):
                return self.resolve(value)
        return None

    def publisher(self) -> dict[str, Any]:
        """The organisation publishing the article (or the site), if declared."""
        for node in (self.article, self.page, self.site):
            value = self.resolve(node.get("publisher"))
            if isinstance(value, list):
                value = next((v for v in value if isinstance(v, dict)), None)
            if isinstance(value, dict):
                return value
        return {}


def types(node: dict[str, Any]) -> set[str]:
    """The node's ``@type`` values, lower-cased, without a ``schema:`` prefix."""
    kind = node.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for k in kinds}


def loads(raw: str) -> list[Any]:
    """The JSON values in one script's text, repairing what is cheaply repairable."""
    text = raw.strip()
    if text[:1] not in ("{", "["):
        for opener in _OPENERS:
            text = text.removeprefix(opener).strip()
    if text[-1:] not in ("}", "]"):
        for closer in _CLOSERS:
            text = text.removesuffix(closer).strip()
    if not text:
        return []
    try:
        return [json.loads(text, strict=False)]
    except RecursionError:  # absurdly deep nesting: nothing a page means
        return []
    except ValueError:
        pass
    repaired = "".join(_repair_token(match) for match in _TOKENS.finditer(text))
    values = _decode_sequence(repaired)
    if values:
        return values
    salvaged = _salvage(text)
    return [salvaged] if salvaged else []


def _repair_token(match: re.Match[str]) -> str:
    if match["single"] is not None:
        return json.dumps(match["single"].replace("\\'", "'"))
    if match["comment"] is not None or match["trailing"] is not None:
        return ""
    return match[0]


def _decode_sequence(text: str) -> list[Any]:
    """Values of one or more JSON documents written one after another."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    position, end = 0, len(text)
    while position < end:
        while position < end and text[position] in " \t\r\n,;":
            position += 1
        if position >= end:
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _salvage(text: str) -> dict[str, Any]:
    """The plain fields of a block that no repair could parse."""
    found: dict[str, Any] = {}
    for match in _SALVAGE_FIELDS.finditer(text):
        key = match["key"]
        if key not in found:
            try:
                found[key] = json.loads(f'"{match["value"]}"', strict=False)
            except ValueError:
                found[key] = match["value"]
    if author := _SALVAGE_AUTHOR.search(text):
        found["author"] = {"name": author["a"] or author["b"] or ""}
    if "headline" not in found and "datePublished" not in found:
        return {}
    found.setdefault("@type", "Article")
    return found


def _walk(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Top-level nodes: list items, ``@graph`` members, a page's ``mainEntity``, a
    blog's one ``blogPost``."""
    if depth > 5:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
            inner = value.get(key)
            if isinstance(inner, dict | list):
                yield from _walk(inner, depth + 1)
        # A post page's Blog node holding the one post; a blog's front page lists
        # many, none of which is the page's own.
        post = value.get("blogPost")
        if isinstance(post, list) and len(post) == 1:
            post = post[0]
        if isinstance(post, dict):
            yield from _walk(post, depth + 1)


def _index(value: Any, by_id: dict[str, dict[str, Any]], depth: int) -> None:
    """Every node that defines something (more than a bare reference), by ``@id``."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            _index(item, by_id, depth + 1)
    elif isinstance(value, dict):
        node_id = value.get("@id")
        if isinstance(node_id, str) and len(value) > 2:
            by_id.setdefault(node_id, value)
        for item in value.values():
            if isinstance(item, dict | list):
                _index(item, by_id, depth + 1)


def _page_key(url: str) -> str:
    """``url`` reduced to host and path, so http/https, ``www.`` and a query do not matter."""
    rest = url.split("://", 1)[-1].split("#", 1)[0].split("?", 1)[0]
    return rest.removeprefix("www.").rstrip("/").lower()


def _rank(node: dict[str, Any], kinds: set[str], page_urls: set[str]) -> int:
    """Lower is better: an article with a headline that is this page's."""
    if kinds & _ARTICLE_TYPES:
        rank = 0
    elif kinds & _OTHER_CONTENT_TYPES:
        rank = 10
    else:
        return 99
    if not (node.get("headline") or node.get("name")):
        rank += 2
    if not node.get("datePublished"):
        rank += 1
    if page_urls:
        own = node.get("url") or node.get("mainEntityOfPage") or node.get("@id")
        if isinstance(own, dict):
            own = own.get("@id") or own.get("url")
        if isinstance(own, str) and _page_key(own) not in page_urls:
            rank += 3
    return rank


def read_json_ld(
    tree: LexborHTMLParser, url: str | None = None, scripts: list[LexborNode] | None = None
) -> JsonLd:
    """Parse the page's JSON-LD blocks (``scripts`` if the caller found them already)."""
    if scripts is None:
        scripts = tree.css('script[type*="ld+json" i]')
    values: list[Any] = []
    for script in scripts:
        raw = script.text(deep=True)
        if raw and not raw.isspace():
            values.extend(loads(raw))
    if not values:
        return JsonLd()
    nodes = tuple(_walk(values, 0))
    ld = JsonLd(values=tuple(values), nodes=nodes)
    page_urls = {_page_key(url)} if url else set()
    article: dict[str, Any] = {}
    page: dict[str, Any] = {}
    site: dict[str, Any] = {}
    best = 99
    thread = ""
    product = False
    for node in nodes:
        kinds = types(node)
        thread = thread or thread_kind(kinds)
        product = product or not PRODUCT_TYPES.isdisjoint(kinds)
        rank = _rank(node, kinds, page_urls)
        if rank < best:
            article, best = node, rank
        if not page and kinds & _PAGE_TYPES:
            page = node
        if not site and kinds & _SITE_TYPES:
            site = node
    if article:
        # The article's own page node, when the article points at one.
        owner = article.get("mainEntityOfPage") or article.get("isPartOf")
        if isinstance(owner, dict) and len(owner) <= 2 and "@id" in owner:
            resolved = ld.by_id.get(str(owner["@id"]))
            if isinstance(resolved, dict) and types(resolved) & _PAGE_TYPES:
                page = resolved
    return JsonLd(
        ld.values, nodes, article, page, site, best < 10, thread, product, ld._ids, ld._indexed
    )
