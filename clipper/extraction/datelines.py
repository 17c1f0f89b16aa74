"""When the story was published and last modified, as the page says it.

The declared dates come first: JSON-LD, ``<meta>`` tags (including names a
publisher made up), microdata. A weaker witness is consulted only to fill a
gap or to add precision (a datetime on the same day as a bare date): the
dateline around the headline (``<time>``, a box whose class names a date, a
tooltip), the lines of text near the headline, a labelled date anywhere in the
story, the URL, and last a relative dateline ("3 hours ago") counted back from
when the page was fetched. A date labelled Updated/Aktualisiert/Mis à jour/...
is ``modified``; ``modified`` earlier than ``published`` is dropped as
inconsistent. Reading a date out of text is ``dates.py``'s job; this module
decides which text is the story's dateline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from selectolax.lexbor import LexborNode

from clipper.extraction.bylines import BY_LINE
from clipper.extraction.dates import (
    DATE_LABEL,
    DATELINE_WORDS,
    date_from_url,
    find_date_label,
    labelled_dates,
    parse_date,
    relative_date,
    short_year_alone,
)
from clipper.extraction.jsonld import JsonLd
from clipper.extraction.page_scan import (
    Around,
    Page,
    attribute_date,
    machine_date,
    node_value,
    text_of,
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


def dates(
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
    if published and (modified is None or modified[:10] == published[:10]):
        # A declared date that was never followed by a modification, days after
        # the dateline the page shows: the page was rebuilt or republished and
        # stamped anew, and the dateline says when the story came out.
        seen = _shown_dateline(around, month_first)
        if seen and _days_between(seen, published) > 2:
            published, modified = seen, modified or published
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


def _shown_dateline(around: Around, month_first: bool) -> str | None:
    """The publication date the dateline right by the headline shows (an element
    classed as a date, two containers up at most), if it shows one: the quick
    look that checks a declared date against the page."""
    for node in around.nodes("date", 2):
        if around.teaser(node):
            continue
        if node.tag == "time":
            pair = _time_element(node, month_first)
            found = [pair] if pair else []
        elif len(text := text_of(node)) <= 250:
            found = labelled_dates(text, month_first=month_first)
        else:
            continue
        if value := next((value for kind, value in found if kind in ("", "published")), None):
            return value
    return None


def _days_between(earlier: str, later: str) -> int:
    """How many days ``later`` (an ISO date) comes after ``earlier``."""
    return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days


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


def dateline_near_title(
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
    updated = -1  # the index of the last line of a date labelled "Updated"
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
            taken = 1  # the lines the labelled date is written on, after the label's
            if (
                not dated
                and (label := DATE_LABEL.fullmatch(line.strip(" :")))
                and (pieces := _date_in_pieces(lines[index + 1 : index + 5], month_first))
            ):
                kind = "modified" if label["modified"] else "published"
                dated, taken = [(kind, pieces[0])], pieces[1]
            # "Published 3 Dec 2025, updated 4 Dec 2025": the modified one too.
            stated = (value for kind, value in dated if kind == "modified")
            modified = modified or next(stated, None)
            # "Updated 5 Dec 2025 · Published 3 Dec 2025": the published one,
            # wherever it stands in the line.
            if first := next((value for kind, value in dated if kind != "modified"), None):
                found = first
            elif dated:
                updated = index + taken
        elif BY_LINE.match(line) or any(name in line for name in names):
            dated = labelled_dates(near, month_first=month_first)
            if dated and dated[0][0] != "modified":
                found = dated[0][1]
            elif index >= below and line.strip() in names:
                # A post's header: its date a few lines above the poster's name
                # alone on its line ("30th March 2025, 16:26" / "#1" / "microfast").
                found = _date_above(lines, max(below, index - 6), index, month_first)
        elif (
            below <= index < below + 4
            and index > updated  # "Updated" / "October 8, 2025"
            and (value := _dateline_below(lines, index, month_first))
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


def labelled_in_story(around: Around, month_first: bool) -> str | None:
    """A date labelled as the publication anywhere in the story's ``<article>``
    or ``<main>`` (the body, on a page that has neither): templates that write it
    after the last paragraph ("Publié le 3 décembre 2025", "This entry was posted
    on December 3, 2025", "First Published on Nov 20, 2019").

    Not in furniture (comments, sidebars, teasers), and only when every
    such date names the same day: two labelled days are a thread's posts or a
    list's, and none of them is surely the story's.
    """
    scope = around.story_scope()
    if scope is None:
        return None
    # In a whole body, the story's end lies after its headline, and not far.
    whole_body = scope.tag not in ("article", "main")
    if whole_body and not around.headlines:
        return None
    nodes = _after(around.headlines[0]) if whole_body else scope.traverse(include_text=True)
    budget = _BODY_TEXTS
    days: dict[str, str] = {}
    for node in nodes:
        if node.tag != "-text" or (element := node.parent) is None:
            continue
        own = node.text(deep=False)
        # Most text nodes are the indentation between tags: no label there, and
        # the long search for one would cost more than all the others together.
        if own.isspace():
            continue
        if whole_body and (budget := budget - 1) < 0:
            break
        if len(own) > 160 or not (label := find_date_label(own)) or label["modified"]:
            continue
        text = text_of(element)
        if len(text) < 40 and element.parent is not None and not parse_date(text):
            element = element.parent  # "<span>Posted on</span> <span>3 Dec 2025</span>"
            text = text_of(element)
        if len(text) > 160 or around.places.elsewhere(element) or around.teaser(element):
            continue
        start = find_date_label(text)
        if start is None or start.start() > 40:  # "This entry was posted on"
            continue
        dated = labelled_dates(text[start.start() :], month_first=month_first)
        if dated and dated[0][0] == "published":
            days.setdefault(dated[0][1][:10], dated[0][1])
            if len(days) > 1:
                return None
    return next(iter(days.values()), None)


# How many texts after the headline a whole body is searched for its "Published" line.
_BODY_TEXTS = 150


def _after(node: LexborNode) -> Iterator[LexborNode]:
    """The nodes that come after ``node`` in the page, in document order."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        sibling = current.next
        while sibling is not None:
            yield from sibling.traverse(include_text=True)
            sibling = sibling.next
        current = current.parent


def _date_above(lines: list[str], start: int, end: int, month_first: bool) -> str | None:
    """The last line between ``start`` and ``end`` that is nothing but a date."""
    for line in reversed(lines[start:end]):
        if not DATE_LABEL.search(line) and (value := _date_alone(line, month_first)):
            return value
    return None


def _dateline_below(lines: list[str], index: int, month_first: bool) -> str | None:
    """The date of an unlabelled line just under the headline, if it is a dateline."""
    line = lines[index]
    if value := (
        _date_alone(line, month_first)
        or _date_part(line, month_first)
        or _opening_dateline(line, month_first)
    ):
        return value
    pieces = _date_in_pieces(lines[index : index + 4], month_first)
    return pieces[0] if pieces else None


def _short_year(text: str, month_first: bool) -> list[tuple[str, str]]:
    """An element classed as a date that holds "14.11.24": an unlabelled date."""
    value = short_year_alone(text, month_first=month_first)
    return [("", value)] if value else []


def _date_alone(line: str, month_first: bool) -> str | None:
    """The date of a line that is nothing but a date: "January 22nd, 2019",
    "Mi., 3 de diciembre de 2025", "14.11.24", a date and one name ("October 8,
    2024 Swoogo")."""
    if len(line) > 60:
        return None
    if not (value := parse_date(line, month_first=month_first)):
        return short_year_alone(line, month_first=month_first)
    words = [
        word
        for word in line.split()
        if not any(c.isdigit() for c in word) and word.strip(",.").casefold() not in DATELINE_WORDS
    ]
    # Lower-case words make a phrase: a caption's "The depot on December 3, 2025."
    return value if len(words) <= 2 and not any(word[:1].islower() for word in words) else None


# A time of day alone on its line, between the pieces of a date.
_CLOCK_LINE = re.compile(r"\d{1,2}[:.h]\d\d(?:\s*[ap]\.?m\.?)?", re.I)


def _date_in_pieces(lines: list[str], month_first: bool) -> tuple[str, int] | None:
    """A date set in short pieces, one per element: a calendar badge ("03" /
    "Dec" / "2025") or "November 20" / "15:23" / "2019". The pieces' times of
    day are left out. Returns the date and how many lines it took (at least
    two: a date on one line is read as such)."""
    pieces: list[str] = []
    for count, line in enumerate(lines, 1):
        if len(line) > 16:
            break
        if not _CLOCK_LINE.fullmatch(line):
            pieces.append(line)
        if len(pieces) >= 2 and (value := _date_alone(" ".join(pieces), month_first)):
            return value, count
    return None


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


def relative_dates(
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
    # The label is written before the element ("Updated <time>") or inside it
    # (``<time class="pubdate">Last Updated: Dec 17, 2025</time>``), where it
    # says more than the class name does.
    own_label = DATE_LABEL.match(own_text.lstrip(" :·|-")) if own_text else None
    labels = [own_label] if own_label else list(DATE_LABEL.finditer(before[-60:]))
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
    ``published updated`` (a story never changed) is the publication date.

    hAtom's bare ``updated`` is ``"updated"``: the microformat requires it on
    every entry and reads it as the publication date where no ``published``
    is given, so themes write ``entry-date updated`` on the one date they show.
    """
    names = (node.attributes.get("class") or "").lower().split()
    if any(_PUBLISHED_CLASS.search(name) for name in names):
        return "published"
    if "updated" in names:
        return "updated"
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
            if kind == "updated":  # hAtom: the publication date, unless one is given
                found.setdefault("updated", value)
                kind = "modified"
            if kind == "modified":
                found.setdefault("modified", value)
            elif (kind or not labelled_only) and "published" not in found:
                found["published"] = value
                found["labelled"] = kind
            elif kind != "modified" and _more_precise(value, found.get("published")):
                found["published"] = value  # the <time> inside a dateline already read
        return "published" in found and "modified" in found

    def result() -> tuple[str | None, str | None, bool]:
        if "published" not in found and "updated" in found:
            return found["updated"], None, False
        return found.get("published"), found.get("modified"), bool(found.get("labelled"))

    for node in around.nodes("date", 2 if modified_only else 5):
        if around.teaser(node):
            continue
        if node.tag == "time":
            pair = _time_element(node, month_first)
            if take([pair] if pair else []):
                return result()
        elif _holds_classed_time(node):
            continue  # its <time> elements say which date is which: they are read next
        elif len(text := text_of(node)) <= 250 and take(
            labelled_dates(text, month_first=month_first)
            or _tooltip_date(node, text, month_first)
            or _short_year(text, month_first)
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
    if "published" not in found and "updated" not in found:
        # A <time> anywhere outside sidebars and teasers.
        for node in page.times[:10]:
            if (
                not around.places.elsewhere(node)
                and not around.teaser(node)
                and (pair := _time_element(node, month_first))
            ):
                take([pair])
                if "published" in found:
                    break
    return result()
