"""Title, authors, dates, site, image, language and description of a page.

Each field is read from several witnesses, strongest first: JSON-LD (what the
publisher declares for machines), OpenGraph / article / Twitter / Dublin Core
``<meta>`` tags, microdata, then the visible page (``<h1>``, ``<time>``, bylines)
and finally the URL. The first witness that gives a usable value wins, which is
why a JSON-LD date beats a date in a sidebar teaser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.dates import date_from_url, parse_date

_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "socialmediaposting", "liveblogposting", "techarticle", "scholarlyarticle", "report",
        "webpage", "medicalwebpage", "review", "creativework", "posting",
    }
)  # fmt: skip
_NOT_NAMES = re.compile(
    r"^(by|from|staff|admin|administrator|editor|editors|redaktion|rédaction|redacción"
    r"|the editors|news desk|web desk|desk|correspondent|unknown|anonymous|guest|author)$",
    re.IGNORECASE,
)
_BYLINE_PREFIX = re.compile(
    r"^\s*(by|written by|words by|story by|von|par|por|di|door|av|af|от|автор|作者|記者)\b[:\s]*",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b|、)\s*", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»:-]\s+|\s+[-–—]\s+|\s+\|\s*")


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


def _text(node: LexborNode | None) -> str:
    return " ".join(node.text(deep=True, separator=" ").split()) if node is not None else ""


def _meta_values(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """All ``<meta>`` contents keyed by lower-cased property/name/itemprop."""
    values: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = (attrs.get(key_attr) or "").strip().lower()
            if key:
                values.setdefault(key, []).append(" ".join(content.split()))
    return values


def _json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True).strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        yield from _walk_json_ld(data, depth=0)


def _walk_json_ld(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                yield from _walk_json_ld(data[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _article_json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The JSON-LD object describing the article (the most specific one found)."""
    best: dict[str, Any] = {}
    best_rank = 99
    for obj in _json_ld_objects(tree):
        kinds = _types(obj) & _ARTICLE_TYPES
        if not kinds:
            continue
        rank = 2 if kinds <= {"webpage", "creativework", "medicalwebpage"} else 1
        if "headline" in obj or "articleBody" in obj:
            rank -= 1
        if rank < best_rank:
            best, best_rank = obj, rank
    return best


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object, or list of either)."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, str):
        return split_names(value)
    return []


def split_names(raw: str) -> list[str]:
    """Names from a byline: ``"By Jane Doe and John Roe"`` → two names."""
    if "://" in raw or "@" in raw:
        return []
    cleaned = _BYLINE_PREFIX.sub("", " ".join(raw.split()))
    names = []
    for part in _NAME_SPLIT.split(cleaned):
        name = part.strip(" .|-–—:")
        if name and not _NOT_NAMES.match(name) and len(name) <= 60 and not name.isdigit():
            names.append(name)
    return names


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        return next((url for item in value if (url := _image_url(item))), None)
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _first(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def clean_title(title: str, site: str | None) -> str:
    """Drop a `` | Site`` / ``Site - `` affix from a document title."""
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        folded = site.casefold()
        kept = [p for p in parts if p.casefold() != folded]
        if len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    # Without a known site name, drop a short last part: "Story title | Paper".
    if len(parts[-1]) < 30 and len(parts[0]) >= 20:
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    resolved = urljoin(base, url) if base else url
    return resolved if urlsplit(resolved).scheme in ("http", "https") else None


def extract_metadata(tree: LexborHTMLParser, url: str | None) -> Metadata:
    """Read every metadata field from the parsed page ``tree`` fetched from ``url``."""
    meta = _meta_values(tree)
    ld = _article_json_ld(tree)

    def m(*keys: str) -> str | None:
        return _first(*(meta.get(key) for key in keys))

    publisher = ld.get("publisher")
    site = _first(
        m("og:site_name", "application-name", "twitter:app:name:iphone"),
        publisher.get("name") if isinstance(publisher, dict) else None,
    )

    h1 = _text(tree.css_first("h1"))
    document_title = _text(tree.css_first("title"))
    title = (
        _first(
            ld.get("headline"),
            m("og:title", "twitter:title", "dc.title", "headline"),
            h1,
            clean_title(document_title, site) if document_title else None,
        )
        or ""
    )
    title = clean_title(title, site) if title == _first(document_title) else title

    authors = _names(ld.get("author")) or split_names(
        m("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
          "byl") or ""
    )  # fmt: skip
    if not authors:
        for selector in ('[itemprop="author"]', '[rel="author"]', '[class*="author"]',
                         '[class*="byline"]'):  # fmt: skip
            node = tree.css_first(selector)
            if node is not None and (names := split_names(_text(node))):
                authors = names[:4]
                break

    published = parse_date(
        _first(
            ld.get("datePublished"),
            m("article:published_time", "og:published_time", "datepublished",
              "pubdate", "publishdate", "date", "dc.date", "dc.date.issued",
              "dcterms.created", "parsely-pub-date", "sailthru.date", "article.published"),
        )
    )  # fmt: skip
    if published is None:
        time_node = tree.css_first("time[datetime]")
        if time_node is not None:
            published = parse_date(time_node.attributes.get("datetime"))
    if published is None and url:
        published = date_from_url(url)
    modified = parse_date(
        _first(ld.get("dateModified"), m("article:modified_time", "og:updated_time",
                                          "datemodified", "last-modified", "dcterms.modified"))
    )  # fmt: skip

    canonical_node = tree.css_first('link[rel="canonical"]')
    canonical = _first(
        canonical_node.attributes.get("href") if canonical_node is not None else None,
        m("og:url"),
    )
    html_node = tree.css_first("html")
    language = _first(
        html_node.attributes.get("lang") if html_node is not None else None,
        ld.get("inLanguage"),
        m("og:locale", "content-language", "language", "dc.language"),
    )
    body = ld.get("articleBody")
    return Metadata(
        title=title,
        authors=_unique(authors),
        published=published,
        modified=modified,
        site=site,
        canonical=canonical,
        image=_absolute(
            _image_url(ld.get("image"))
            or m("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
            url,
        ),
        language=normalize_language(language),
        description=_first(
            m("description", "og:description", "twitter:description"), ld.get("description")
        ),
        body=body if isinstance(body, str) else None,
    )


def normalize_language(value: str | None) -> str | None:
    """``en_US`` → ``en-US``; only the primary tag and region are kept."""
    if not value:
        return None
    parts = re.split(r"[-_]", value.strip())
    primary = parts[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    if len(parts) > 1 and re.fullmatch(r"[A-Za-z]{2}", parts[1]):
        return f"{primary}-{parts[1].upper()}"
    return primary
