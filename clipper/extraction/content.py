"""Find the story among the page furniture.

The work is split so that the expensive parts run in C (lexbor):

1. ``clean`` removes what is never prose (scripts, navigation, hidden
   elements) with one CSS selection.
2. Text *units* — the innermost block elements that hold text (``p``, ``li``,
   headings, leaf ``div``s...) — are selected by CSS and measured: length,
   link text, punctuation. Only their ancestors are visited from Python, once
   each, to build a small skeleton of the page with per-element sums.
3. Each element of the skeleton is scored Readability-style by the prose it
   holds close below it, damped by its link density and nudged by its
   class/id names and semantic tags; the best one, joined by the siblings
   that look like more of the same story, is the story.
4. ``Judge.skip`` then tells the block writer which elements inside the story
   are furniture after all (share bars, related-link lists, captions), using
   the same sums, so nothing is measured twice.

A class or id name alone never throws away an element that holds a large part
of the page's prose: a site that calls its article wrapper "sidebar-layout"
must not lose its story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.hints import (
    BLOCK_TAGS,
    BODY_NAMES,
    HIDDEN_SELECTOR,
    NEGATIVE,
    POSITIVE,
    REMOVED_TAGS,
)

# Block elements that, when they hold no other block, are one unit of text.
_INNER_BLOCKS = (
    "div, p, ul, ol, dl, table, pre, blockquote, section, article, h1, h2, h3, h4, h5, h6,"
    " figure, header, main, li, form, center"
)
_UNITS = ", ".join(
    (
        "p, pre, h1, h2, h3, h4, h5, h6, dd, dt, th, figcaption, caption",
        "blockquote:not(:has(p, div))",
        "li:not(:has(p, li, div))",
        "td:not(:has(p, td, div))",
        *(
            f"{tag}:not(:has({_INNER_BLOCKS}))"
            for tag in ("div", "section", "article", "main", "center", "font")
        ),
    )
)
_MIXED = "div, section, article, main, td, center, font, blockquote, li, dd, form"
_MIN_OWN_TEXT = 15
_BLOCK_TAGS = frozenset(BLOCK_TAGS)
_CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "td", "center", "font", "form", "body", "span"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PUNCTUATION = re.compile(r"[,.;:!?，。、،؛！？]")
_MIN_PROSE = 25
_DIVIDERS = (1.0, 2.0, 6.0, 9.0, 12.0)


def text_weight(text: str) -> int:
    """Length of ``text`` in Latin-letter equivalents: a CJK character counts three."""
    if text.isascii():
        return len(text)
    return len(text) + 2 * len(_CJK.findall(text))


@dataclass
class Stats:
    """What the units below one element add up to."""

    node: LexborNode
    parent: int
    depth: int
    text: int = 0  # weighted characters of unit text
    links: int = 0  # of which inside links
    prose: int = 0  # of which in prose units (long, few links)
    score: float = 0.0  # Readability-style content score
    names: str | None = None  # class and id, lower-cased, read on demand

    def class_names(self) -> str:
        if self.names is None:
            attrs = self.node.attrs
            self.names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().strip()
        return self.names

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


@dataclass
class Judge:
    """The measured page: the chosen story elements and the sums to judge what is inside."""

    roots: list[LexborNode]
    stats: dict[int, Stats] = field(default_factory=dict)
    story_prose: int = 0

    def skip(self, node: LexborNode) -> bool:
        """Whether an element inside the story is furniture rather than story."""
        entry = self.stats.get(node.mem_id)
        if entry is None:
            return False
        tag = node.tag
        names = entry.class_names()
        big = entry.prose * 2 >= self.story_prose and entry.prose > 0
        if names and not big and NEGATIVE.search(names) and not BODY_NAMES.search(names):
            return True
        density = entry.link_density
        if tag in _HEADINGS or tag == "p":
            return density > 0.6 and entry.text < 200
        if density > 0.5 and not big:
            return True
        return density > 0.3 and entry.prose * 4 < entry.text


def clean(tree: LexborHTMLParser) -> LexborNode | None:
    """Remove what is never part of a story, in place; return the body."""
    body = tree.body
    if body is None:
        return None
    for node in body.css(f"{', '.join(REMOVED_TAGS)}, {HIDDEN_SELECTOR}"):
        node.decompose()
    return body


def _names(node: LexborNode) -> str:
    attrs = node.attrs
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def _class_weight(entry: Stats) -> float:
    names = entry.class_names()
    weight = 0.0
    if names:
        if BODY_NAMES.search(names):
            weight += 50
        elif POSITIVE.search(names):
            weight += 25
        if NEGATIVE.search(names):
            weight -= 25
    tag = entry.node.tag
    if tag == "article":
        weight += 15
    elif tag == "main":
        weight += 10
    if (entry.node.attrs.get("itemprop") or "").lower() == "articlebody":
        weight += 50
    return weight


class _Skeleton:
    """The units and their ancestors, with sums, built with one visit per element."""

    def __init__(self, body: LexborNode) -> None:
        self.body_id = body.mem_id
        self.stats: dict[int, Stats] = {self.body_id: Stats(body, -1, 0)}
        self.units: list[tuple[Stats, int, int, int]] = []  # entry, weight, links, punctuation

    def add(self, node: LexborNode) -> Stats:
        """The entry of ``node``, creating it and its missing ancestors."""
        stats = self.stats
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
        if current is None:  # outside the body (cannot happen for body.css results)
            parent_id, depth = self.body_id, 0
        else:
            parent_id, depth = current_id, stats[current_id].depth
        for path_id, path_node in reversed(path):
            depth += 1
            stats[path_id] = Stats(path_node, parent_id, depth)
            parent_id = path_id
        return stats[node_id]


def _inline_text(node: LexborNode) -> str:
    """The text of ``node`` outside its block children: a container's own prose."""
    parts = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag not in _BLOCK_TAGS:
            parts.append(child.text(deep=True))
    return " ".join(" ".join(parts).split())


def _measure(body: LexborNode) -> _Skeleton:
    skeleton = _Skeleton(body)
    unit_text: dict[int, str] = {}
    for node in body.css(_UNITS):
        text = " ".join(node.text(deep=True).split())
        if not text:
            continue
        entry = skeleton.add(node)
        unit_text[node.mem_id] = text
        skeleton.units.append((entry, text_weight(text), 0, len(_PUNCTUATION.findall(text))))
    # Containers that hold prose of their own beside blocks (text between <br>s
    # next to a <div>): their own text is a unit too.
    for node in body.css(_MIXED):
        if len(node.text(deep=False).strip()) < _MIN_OWN_TEXT or node.mem_id in unit_text:
            continue
        text = _inline_text(node)
        if not text:
            continue
        entry = skeleton.add(node)
        unit_text[node.mem_id] = text
        skeleton.units.append((entry, text_weight(text), 0, len(_PUNCTUATION.findall(text))))
    link_lengths: dict[int, int] = {}
    for link in body.css("a"):
        text = " ".join(link.text(deep=True).split())
        if not text:
            continue
        current = link.parent
        for _ in range(8):
            if current is None:
                break
            current_id = current.mem_id
            if current_id in unit_text:
                link_lengths[current_id] = link_lengths.get(current_id, 0) + text_weight(text)
                break
            current = current.parent
    stats = skeleton.stats
    for index, (entry, weight, _, punctuation) in enumerate(skeleton.units):
        links = min(weight, link_lengths.get(entry.node.mem_id, 0))
        skeleton.units[index] = (entry, weight, links, punctuation)
        entry.text += weight
        entry.links += links
        if weight >= _MIN_PROSE and links * 2 < weight and entry.node.tag not in _HEADINGS:
            entry.prose += weight - links
            score = (1 + punctuation + min(weight / 100, 3)) * (1 - links / weight)
            holder = entry if entry.node.tag in _CONTAINER_TAGS else stats.get(entry.parent)
            level = 0
            while holder is not None and level < len(_DIVIDERS) and holder.parent != -1:
                holder.score += score / _DIVIDERS[level]
                level += 1
                holder = stats.get(holder.parent)
    # Sum text, links and prose bottom-up: deepest elements first.
    for entry in sorted(stats.values(), key=lambda e: -e.depth):
        parent = stats.get(entry.parent)
        if parent is not None:
            parent.text += entry.text
            parent.links += entry.links
            parent.prose += entry.prose
    return skeleton


def _ancestors(stats: dict[int, Stats], node_id: int) -> list[int]:
    chain = []
    while node_id in stats:
        chain.append(node_id)
        node_id = stats[node_id].parent
    return chain


def _choose(skeleton: _Skeleton) -> tuple[Stats, list[Stats]]:
    stats = skeleton.stats
    ranked: list[tuple[float, Stats]] = []
    for entry in stats.values():
        if entry.score <= 0 or entry.parent == -1:
            continue
        final = (entry.score + _class_weight(entry)) * (1 - entry.link_density)
        ranked.append((final, entry))
    if not ranked:
        return stats[skeleton.body_id], []
    ranked.sort(key=lambda item: -item[0])
    best_score, best = ranked[0]
    # Paragraphs wrapped one by one: when several strong candidates share an
    # ancestor, the story is that ancestor.
    best_chain = _ancestors(stats, best.node.mem_id)
    best_set = set(best_chain)
    alternatives = []
    for score, entry in ranked[1:6]:
        if score < best_score * 0.75:
            break
        chain = _ancestors(stats, entry.node.mem_id)
        if best.node.mem_id not in chain and entry.node.mem_id not in best_set:
            alternatives.append(set(chain))
    if len(alternatives) >= 2:
        for ancestor in best_chain[1:]:
            if stats[ancestor].parent == -1:
                break
            if sum(1 for chain in alternatives if ancestor in chain) >= 2:
                best = stats[ancestor]
                break
    return best, [entry for _, entry in ranked]


def find_content(tree: LexborHTMLParser, body_hint: str | None = None) -> Judge:
    """The elements that hold the story, in document order, and how to judge inside them."""
    body = clean(tree)
    if body is None:
        return Judge([])
    skeleton = _measure(body)
    best, _ = _choose(skeleton)
    stats = skeleton.stats
    if best.parent == -1:
        return Judge([best.node], stats, best.prose)
    parent = stats.get(best.parent)
    best_score = best.score + _class_weight(best)
    threshold = max(10.0, best_score * 0.2)
    best_class = best.class_names()
    roots: list[LexborNode] = []
    story_prose = 0
    siblings: Iterable[LexborNode] = parent.node.iter() if parent is not None else [best.node]
    for sibling in siblings:
        sibling_id = sibling.mem_id
        entry = stats.get(sibling_id)
        if sibling_id == best.node.mem_id:
            roots.append(sibling)
            story_prose += best.prose
            continue
        if entry is None or entry.text == 0:
            continue
        bonus = best_score * 0.2 if best_class and entry.class_names() == best_class else 0.0
        sibling_score = (entry.score + _class_weight(entry)) * (1 - entry.link_density)
        if sibling_score + bonus >= threshold or (
            sibling.tag == "p" and entry.prose > 80 and entry.link_density < 0.25
        ):
            roots.append(sibling)
            story_prose += entry.prose
    return Judge(roots, stats, story_prose)
