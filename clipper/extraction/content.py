"""Find the story among the page furniture.

The approach is Readability's, on selectolax: prune what is never prose
(scripts, navigation, elements named like furniture), score each element by
the paragraph text it directly holds (length, commas, few links), let parents
inherit part of their children's score, take the best-scoring element and the
siblings that look like more of the same story.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.hints import NEGATIVE, POSITIVE, REMOVED_TAGS

_PARAGRAPHS = "p, pre, blockquote, li, td, h2, h3"
_MIN_PARAGRAPH = 25


@dataclass
class _Candidate:
    node: LexborNode
    score: float = 0.0


def _names(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()


def _class_weight(node: LexborNode) -> float:
    names = _names(node)
    if not names:
        return 0.0
    weight = 0.0
    if NEGATIVE.search(names):
        weight -= 25
    if POSITIVE.search(names):
        weight += 25
    return weight


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def prune(root: LexborNode) -> None:
    """Remove what is never part of a story, in place."""
    for node in root.css(",".join(REMOVED_TAGS)):
        node.decompose()
    for node in root.css("[class], [id], [hidden], [aria-hidden], [style]"):
        if node.tag in ("html", "body", "article", "main"):
            continue
        if _is_hidden(node):
            node.decompose()
            continue
        names = _names(node)
        if names and NEGATIVE.search(names) and not POSITIVE.search(names):
            node.decompose()


def link_density(node: LexborNode) -> float:
    text_length = len(node.text(deep=True, strip=True))
    if not text_length:
        return 1.0
    linked = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return min(1.0, linked / text_length)


def _paragraph_score(text: str) -> float:
    return 1 + text.count(",") + text.count("،") + text.count("，") + min(len(text) / 100, 3)


def find_content(tree: LexborHTMLParser) -> list[LexborNode]:
    """The elements that hold the story, in document order (may be empty)."""
    body = tree.body
    if body is None:
        return []
    prune(body)
    candidates: dict[int, _Candidate] = {}
    for paragraph in body.css(_PARAGRAPHS):
        text = paragraph.text(deep=True, strip=True)
        if len(text) < _MIN_PARAGRAPH:
            continue
        score = _paragraph_score(text)
        ancestor = paragraph.parent
        for level in range(3):
            if ancestor is None or ancestor.tag in ("html", "#document"):
                break
            entry = candidates.get(ancestor.mem_id)
            if entry is None:
                entry = candidates[ancestor.mem_id] = _Candidate(
                    ancestor, _class_weight(ancestor) + (5 if ancestor.tag == "article" else 0)
                )
            entry.score += score / (1 if level == 0 else 2 * level)
            ancestor = ancestor.parent
    if not candidates:
        return [body]
    for entry in candidates.values():
        entry.score *= 1 - link_density(entry.node)
    best = max(candidates.values(), key=lambda c: c.score)
    parent = best.node.parent
    if parent is None:
        return [best.node]
    threshold = max(10.0, best.score * 0.2)
    chosen: list[LexborNode] = []
    for sibling in parent.iter():
        if sibling.mem_id == best.node.mem_id:
            chosen.append(sibling)
            continue
        entry = candidates.get(sibling.mem_id)
        if entry is not None and entry.score >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = sibling.text(deep=True, strip=True)
            if len(text) > 80 and link_density(sibling) < 0.25:
                chosen.append(sibling)
    return chosen
