"""Reading a thread's schema.org microdata: which elements are posts, which
properties belong to a post itself rather than to a reply nested in it.

Forum and question-and-answer software marks up each post for search engines
(``Comment``, ``DiscussionForumPosting``, ``Question``, ``Answer``) whatever
its layout calls them, so these types say what a post is on any software.
Types and properties are compared as attribute values, never turned into
selectors.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from clipper.extraction.hints import POST_TYPES, SCHEMA_TYPE


def schema_types(itemtype: str | None) -> set[str]:
    """The schema.org type names in a microdata ``itemtype`` value, lower-cased."""
    return {name.lower() for name in SCHEMA_TYPE.findall(itemtype)} if itemtype else set()


def item_types(node: LexborNode) -> set[str]:
    """The schema.org type names of ``node``'s ``itemtype``, lower-cased."""
    return schema_types(node.attributes.get("itemtype"))


def is_post(node: LexborNode) -> bool:
    """Whether ``node`` is one post of a thread (or a comment), as its schema.org
    microdata says."""
    return not POST_TYPES.isdisjoint(item_types(node))


def own(node: LexborNode, post: LexborNode) -> bool:
    """Whether ``node`` belongs to ``post`` itself, not to a reply nested in it."""
    parent = node.parent
    while parent is not None and parent.mem_id != post.mem_id:
        if is_post(parent):
            return False
        parent = parent.parent
    return True


def item_value(node: LexborNode) -> str:
    """A microdata property's value as the page shows it (whitespace squashed)."""
    raw = node.attributes.get("content") if node.tag == "meta" else node.text(deep=True)
    return " ".join((raw or "").split())
