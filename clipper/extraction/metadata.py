"""Title, authors, dates, site, canonical URL, image, language and description.

Each field is read from several witnesses, strongest first: JSON-LD (what the
publisher declares for machines, ``jsonld.py``), then OpenGraph / ``article:`` /
Twitter / Dublin Core / ``<meta>`` tags and microdata, then the visible page
(the ``<h1>``, the byline, the dateline, ``<time>``), and finally the URL. The
first witness that gives a usable value wins, which is why a JSON-LD date beats
a date in a sidebar teaser; a weaker witness is consulted only to fill a gap or
to add precision (a datetime on the same day as a bare date).

``extract_metadata`` runs the page's one first pass (``page_scan.py``), parses
JSON-LD once, chooses the title and the headline it stands for, and hands both
to the modules that read who wrote the story and when; the small fields are
read here.

Decisions:

- Title: see ``titles.py`` (the visible headline when a declared title confirms it).
- Authors: see ``authorship.py`` and ``bylines.py``; the first witness that
  names a person (or an agency) wins; a name that is the site's own (``BBC
  News`` on bbc.com) is no byline.
- Dates: see ``datelines.py``; a date labelled Updated/Aktualisiert/Mis à
  jour/... is ``modified``; ``modified`` earlier than ``published`` is dropped
  as inconsistent.
- Site: ``og:site_name``, JSON-LD publisher or WebSite name, ``application-name``,
  the affix removed from ``<title>``; a candidate that matches the host name is
  preferred to one that does not (``U.S.`` is an edition, not the site), and the
  host name itself (``example.org``) is the last resort.
- Language: ``<html lang>``, then ``Content-Language`` (meta, then the HTTP header
  when the caller passes ``headers``), ``dc.language``, JSON-LD ``inLanguage``,
  ``og:locale``. A declared language that the title's script contradicts (an
  ``en`` template around a Russian story) gives way to a witness that agrees, or
  to the script's own language where the script names one (Japanese kana, Korean
  Hangul, Greek, Hebrew, Thai...). A page that declares none is read for its
  language after its story is extracted (``language.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction import authorship, datelines
from clipper.extraction.dates import fetch_time
from clipper.extraction.jsonld import JsonLd, read_json_ld
from clipper.extraction.language import dominant_script
from clipper.extraction.page_scan import Around, Page, Places, first_pass, text_of
from clipper.extraction.titles import choose_title, key, matches_site, similarity, strip_site, tidy
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
    # The page says it is about a thing on sale (a schema.org Product in JSON-LD
    # or microdata, or og:type "product"): its "comments" are buyers' reviews.
    product: bool = False


# Inside a headline, what the reader does not see as its words: a bookmark
# tooltip the page hides ("Stay organized with collections"), a button, an icon.
_UNSHOWN = "[hidden], [aria-hidden=true i], button, template, script, style, svg"


def _site_label(tree: LexborHTMLParser, title: str, site_keys: list[str]) -> tuple[str, str] | None:
    """A ``<title>`` written "Site: Headline" (Blogger's default) as the headline
    and the site, when a heading on the page shows that headline. A colon is no
    separator otherwise: "Review: the film", and a home page's "Figma: The
    Collaborative Interface Design Tool" is its whole title."""
    site, colon, rest = tidy(title).partition(": ")
    if not colon or not rest or not matches_site(site, site_keys):
        return None
    wanted = key(rest)
    for heading in tree.css("h1, h2, h3")[:30]:
        if key(text_of(heading)) == wanted:
            return rest, site
    return None


def _unshown(heading: LexborNode) -> None:
    """Remove from ``heading`` what it holds but does not show as text (the
    content step would remove it from the page all the same)."""
    if heading.child is not None and heading.child.next is None and heading.child.tag == "-text":
        return  # the common case: a headline of plain text
    for node in heading.css(_UNSHOWN):
        node.decompose()


# A tag set before a headline, in its own element: a forum thread's prefix
# ("Tips/Techniques"), a "Live" or "Exclusive" badge.
_PREFIX_CLASS = re.compile(r"(?:^|[-_])(?:label|badge|prefix)(?:$|[-_])")


def _heading_text(heading: LexborNode) -> str:
    """A heading's text as a headline: without a prefix tag in an element of its own."""
    text = tidy(text_of(heading)).rstrip(" ¶#§🔗")
    first = heading.child
    while first is not None and first.tag == "-text" and not (first.text() or "").strip():
        first = first.next
    if first is None or first.tag in ("-text", "a") or first.next is None:
        return text
    names = (first.attributes.get("class") or "").lower().split()
    prefix = tidy(text_of(first))
    if prefix and any(_PREFIX_CLASS.search(name) for name in names) and text.startswith(prefix):
        return text[len(prefix) :].strip() or text
    return text


def _links_home(heading: LexborNode, text: str) -> bool:
    """Whether ``heading`` is nothing but a link to the site's home page: the
    site's name set as an ``<h1>`` (a book's title over each of its chapters)."""
    links = heading.css("a")
    if len(links) != 1 or tidy(text_of(links[0])) != text:
        return False
    href = (links[0].attributes.get("href") or "").strip()
    return href in ("/", "./", "../", "index.html", "./index.html") or bool(
        re.fullmatch(r"https?://[^/]+/?", href)
    )


# --- hosts and sites ------------------------------------------------------------------


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


# --- fields ---------------------------------------------------------------------------


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
    if script := dominant_script(sample):
        languages, implied = script
        agreeing = [w for w in witnesses if w.split("-")[0] in languages]
        return agreeing[0] if agreeing else implied
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

    # Site keys from declared names and the host, to strip title affixes. An
    # <h1> that only links to the home page names the site too.
    for node in page.headings[:6]:
        _unshown(node)
    headings = [
        (node, text, _links_home(node, text))
        for node in page.headings[:6]
        if (text := _heading_text(node))
    ]
    homes = [text for _node, text, home in headings if home]
    declared_sites = _site_candidates(page, ld)
    site_keys = [key(name) for name in (*declared_sites, *homes)]
    site_keys += [key(_host_label(host)), key(host)]
    document_title, affix = strip_site(page.title, site_keys) if page.title else ("", None)
    if affix is None and page.title and (labelled := _site_label(tree, page.title, site_keys)):
        document_title, affix = labelled
    site = _choose_site(declared_sites, host, affix)
    if site:
        site_keys.insert(0, key(site))

    places = Places()
    visible = [(node, text) for node, text, home in headings if len(text) <= 300 and not home]
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
    authors = authorship.authors(page, ld, site_keys, around, title, host)
    published, modified = datelines.dates(page, ld, around, url, month_first)
    if published is None and title:
        published, seen_modified = datelines.dateline_near_title(
            around, title, authors, url, month_first
        )
        modified = modified or seen_modified
        if published is None:
            published = datelines.labelled_in_story(around, month_first)
    if (published is None or modified is None) and (fetched := fetch_time(headers)):
        seen_published, seen_modified = datelines.relative_dates(page, around, title, fetched)
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
        product=ld.product or page.product or _og_product(page.meta("og:type")),
    )


def _og_product(kind: str | None) -> bool:
    """Whether an og:type names a thing on sale ("product", "og:product",
    "product.item", "product.group")."""
    return (kind or "").strip().lower().removeprefix("og:").split(".")[0] == "product"


def _ld_url(ld: JsonLd) -> str | None:
    for value in (ld.article.get("url"), ld.article.get("mainEntityOfPage")):
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None


__all__ = ["Metadata", "extract_metadata", "normalize_language"]
