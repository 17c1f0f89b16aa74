"""The story's title, chosen among the page's several versions of it.

A page usually states its title four or five times: the JSON-LD ``headline``,
``og:title``, ``twitter:title``, the ``<title>`` element (mostly with a
`` | Site`` or ``Site - `` affix), and the visible ``<h1>``. They often differ:
the JSON-LD headline and ``<title>`` are written for search engines, ``og:title``
for social networks, and the ``<h1>`` is what the reader sees.

Clipper prefers the visible headline when a declared title confirms it (the two
share most of their words), because that is the title a person citing the story
would use; this also repairs declared titles that were truncated. An ``<h1>``
that no declared title resembles (a logo, a section name, another story's
headline in a teaser) is ignored. Without a usable ``<h1>`` the declared title
most of the others agree with wins, in the order JSON-LD, OpenGraph, Twitter,
Dublin Core, ``<title>``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Separators between a title and the site's name. A colon is not one: "Review:
# the film" and French "Titre : sous-titre" are titles. Nor is « (it opens a
# French quotation: "Pékin : « un tournant »"); » is, in "Site » Section".
_SEPARATORS = re.compile(r"(?=[\s|｜])(?:\s*[|｜]\s*|\s+(?:[–—·•»/-]|::)\s+)")
# Chinese sites also write "标题_网站名" or "标题-网站名" without spaces.
_CJK_SEPARATORS = re.compile(
    _SEPARATORS.pattern
    + r"|(?<=[\u3000-\u9fff\uff00-\uffef])[_-]|[_-](?=[\u3000-\u9fff\uff00-\uffef])"
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_TOKENS = re.compile(r"[^\W_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A loose comparison key: case, accents, spaces and punctuation ignored."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.casefold()))


def tidy(text: str) -> str:
    """One line of text, with HTML entities (double-escaped ones included) decoded."""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]{0,200}>", " ", text)
    return " ".join(text.replace("\u00a0", " ").split())


@lru_cache(maxsize=1024)
def _tokens(text: str) -> frozenset[str]:
    """Words, or single characters for unspaced scripts (Chinese, Japanese, Korean)."""
    folded = text.casefold()
    if folded.isascii():
        return frozenset(_TOKENS.findall(folded))
    return frozenset(_TOKENS.findall(_UNSPACED.sub(" ", folded))) | set(_UNSPACED.findall(folded))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two titles' word sets (0 to 1)."""
    first, second = _tokens(a), _tokens(b)
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def matches_site(part: str, site_keys: Sequence[str]) -> bool:
    """Whether a title part names the site (its name or its host name)."""
    part_key = key(part)
    if not part_key:
        return False
    for site in site_keys:
        if not site:
            continue
        if part_key == site:
            return True
        # "SpaceNews.com", "The GiveWell Blog": the name with little around it.
        if len(site) >= 4 and site in part_key and len(part_key) <= 2.5 * len(site):
            return True
        if len(part_key) >= 4 and part_key in site:
            return True
    return False


def strip_site(title: str, site_keys: Sequence[str]) -> tuple[str, str | None]:
    """``title`` without a site-name affix, and the affix that was removed.

    ``site_keys`` are ``key()`` forms of the site's name and host name. Without a
    match, a short last part after a long first part is taken for the site:
    "Story title here | Paper".
    """
    title = tidy(title)
    separators = _SEPARATORS if title.isascii() else _CJK_SEPARATORS
    # French quotes: "Pékin : « un tournant » pour la Chine" is one title, its »
    # no separator. Without a », « is one: "Title « Site", an old WordPress
    # default. (Characters are swapped one for one, to split on the same spans.)
    if "»" in title.partition("«")[2]:
        split = title.replace("»", "”")
    else:
        split = title.replace(" « ", " » ")
    # Parts as (start, end) spans, so that what is kept keeps its own separators.
    spans, start = [], 0
    for separator in separators.finditer(split):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(title)))
    spans = [(a, b) for a, b in spans if title[a:b].strip()]
    if len(spans) < 2:
        return title, None
    parts = [title[a:b].strip() for a, b in spans]
    for index in range(len(parts) - 1, 0, -1):  # "Title - Section - Site (- tagline)"
        if matches_site(parts[index], site_keys):
            return title[: spans[index - 1][1]].strip(), title[spans[index][0] :].strip()
    if matches_site(parts[0], site_keys):  # "Site | Title"
        return title[spans[1][0] :].strip(), parts[0]
    last, rest = parts[-1], parts[:-1]
    # A question or an exclamation is the headline's own end ("Title - Consulting
    # or Insurance?"), not a site's name.
    if (
        len(last.split()) <= 4
        and _wordy(" ".join(rest))
        and len(last) < len(rest[0])
        and not last.endswith(("?", "？"))
    ):
        return title[: spans[-2][1]].strip(), last
    return title, None


def _wordy(text: str) -> bool:
    """At least three words, or six characters of an unspaced script."""
    return len(text.split()) >= 3 or len(_UNSPACED.findall(text)) >= 6


def _is_truncated(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` cut off: it says so (…) or stops at a length
    where social networks and search engines cut titles."""
    stem = short.rstrip(".…· ").strip()
    if len(stem) < 10 or len(long) <= len(stem) or not key(long).startswith(key(stem)):
        return False
    return short.endswith(("…", "...")) or len(stem) >= 55


def _affix_of(headline: str, title: str) -> bool:
    """Whether ``title`` is ``headline`` with an affix behind a separator
    ("Advanced Usage — Requests documentation", "Site | Headline")."""
    parts = [part for part in _CJK_SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2:
        return False
    wanted = key(headline)
    return bool(wanted) and wanted in (key(parts[0]), key(parts[-1]))


def _opens(headline: str, title: str) -> bool:
    """Whether ``title``, or its first part before a separator, is the opening
    words of ``headline``: a title shortened for search engines ("Storm |
    Paper" over the headline "Storm warnings issued for the coast")."""
    first, *rest = _CJK_SEPARATORS.split(title, maxsplit=1)
    if rest and len(rest[0].split()) > 4:
        return False  # "Paper - Story headline": the first part is the site's name
    words, opening = _words(headline), _words(first)
    return 0 < len(opening) < len(words) and words[: len(opening)] == opening


def _words(text: str) -> list[str]:
    """Words in order, case folded (a whole unspaced run is one word)."""
    return _TOKENS.findall(text.casefold())


def choose_title(declared: Sequence[str], headlines: Sequence[str]) -> str:
    """The title among ``declared`` ones (best first, site affixes removed) and
    the page's visible ``headlines`` (``<h1>`` texts in document order)."""
    declared = [title for title in declared if title]
    for headline in headlines:
        if not declared:
            return headline
        if any(
            key(headline) == key(title) or _affix_of(headline, title) or _opens(headline, title)
            for title in declared
        ):
            return headline
        best = max(declared, key=lambda title: similarity(headline, title))
        score = similarity(headline, best)
        if score >= 0.5 or _is_truncated(best, headline):
            # A headline that is the declared title after a kicker ("Breaking:
            # Title") loses to the declared title; otherwise the headline wins.
            if key(best) != key(headline) and key(headline).endswith(key(best)) and score >= 0.6:
                return best
            return headline
    if not declared:
        return ""
    votes = [
        (sum(similarity(title, other) >= 0.8 for other in declared), -index)
        for index, title in enumerate(declared)
    ]
    chosen = declared[max(range(len(declared)), key=lambda i: votes[i])]
    if chosen.endswith(("…", "...")) or len(chosen) >= 70:
        for other in (*headlines, *declared):
            if _is_truncated(chosen, other):
                return other
    return chosen
