"""The search query language: text a person types → a safe, compiled search.

Nothing a person types reaches SQLite as syntax. The tokenizer and parser below
turn the query into a small tree; the compiler turns the tree into

* an FTS5 ``MATCH`` expression built only from double-quoted strings (with
  every ``"`` doubled) and the operators and column names clipper itself
  writes (``AND``, ``OR``, ``NOT``, ``*``, parentheses, ``title :``), and
* SQL conditions whose SQL text is clipper's own and whose values are bound
  parameters.

Anything that cannot be compiled raises ``QueryError`` with one line saying what
is wrong and how to fix it, so every string is either a meaningful search or a
clear error (the property tests in ``tests/test_query_properties.py`` hold the
parser to that).

The language (``clipper search --help`` shows the same, with examples):

``word``
    Every word must occur (in the title, author, site name, host,
    description, tags, note, highlights and their notes, or text: migrations
    8 and 9); case and
    accents are ignored, so ``pekin`` finds "Pékin". Words are letters and
    digits; punctuation inside a word splits it into a phrase (``e-mail`` is
    the phrase "e mail"), and a word with no letter or digit (``&``) is
    ignored.
``"exact phrase"``
    The words next to each other, in this order.
``地铁``, ``검색``, ``ภาษา``
    Chinese, Japanese, Korean, Thai, Lao, Khmer and Myanmar are indexed one
    character per token (migration 6; ``clipper.unspaced``), so a word in
    them is the phrase of its characters and is found anywhere inside the
    running text: ``地铁`` finds "杭州地铁12号线", ``검색`` finds "검색을".
    Latin words and numbers beside them stay whole tokens (``12号线`` is the
    phrase "12 号 线").
``prefix*``
    Any word starting with ``prefix`` (at least two letters); also after a
    phrase: ``"prime min"*``. After a character of the scripts above the ``*``
    changes nothing (``地铁*`` is ``地铁``): such a character is a whole token,
    already found wherever it stands.
``-word``, ``-"a phrase"``, ``NOT word``
    Clippings without it. A query of only exclusions (``-sport``) lists every
    clipping without the word.
``a OR b``
    Either. ``OR`` binds tighter than the implicit AND, as in web search
    engines: ``russia ukraine OR belarus`` means russia AND (ukraine OR
    belarus). ``AND`` may be written but changes nothing. Only the upper-case
    words ``OR``, ``AND`` and ``NOT`` are operators; in lower case they are
    words.
``( ... )``
    Grouping, nested at most ``MAX_DEPTH`` deep.
``title:word``, ``title:"a phrase"``, ``author:"Jane Doe"``
    The word or phrase in the title, or in the author names. These are
    ranked like other words.
``site:reuters.com``
    The clipping's URL host is ``reuters.com`` or ends with ``.reuters.com``
    (``www.`` and a scheme, port or path in the value are dropped, so a pasted
    URL works). A value without a dot matches a host with that label
    (``site:reuters`` finds ``www.reuters.co.uk``) or the site's whole name
    (``site:"Le Monde"``). Hosts and names compare ignoring ASCII case, as
    SQLite's ``lower()`` does when it files them (migration 2, ``site_keys``).
``tag:russia``
    Tagged ``russia`` (tags compare as ``clipper clip --tag`` stores them:
    case and spacing ignored).
``lang:de``
    The language code ``de`` or a regional form of it (``de-AT``); a value
    with a region (``lang:pt-br``) matches only that region.
``after:DATE``, ``before:DATE``
    DATE is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and stands for the
    *start* of that year, month or day. ``after:`` keeps clippings dated on or
    after that start, ``before:`` those strictly before it: ``after:2020-12``
    includes all of December 2020, ``before:2021`` ends on 31 December 2020,
    and ``after:2020 before:2021`` is the year 2020. A clipping's date is its
    publication date as the page gave it (the local date), or the day it was
    clipped when the page gave none.
``is:starred``, ``is:read``, ``is:unread``
    Starred clippings; those marked read (``clipper read``, or archived in
    the service they were imported from), or not.
``id:12``
    The clipping with id 12 (``id:#12`` too): ``id:12 OR id:15``, or
    ``russia -id:12`` for the others.
``feed:"Example World"``, ``feed:3``
    Clipped from that feed (``clipper feed list`` names them; case and
    spacing ignored), or from the feed with that id (migration 9).

Filters (``site:``, ``tag:``, ``lang:``, ``after:``, ``before:``, ``is:``, ``id:``,
``feed:``) can be negated (``-tag:sport``) and combined with each other by OR and parentheses,
but not OR-ed with words: they narrow the whole search. A query of only
filters lists the matching clippings, newest first. Field names ignore case;
a name clipper does not know (``note:x``, ``https://...``) is ordinary text.

Control characters count as spaces; queries are normalised to NFC.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import NamedTuple, TypeAlias

from clipper.errors import QueryError
from clipper.library import normalize_tag
from clipper.unspaced import has_unspaced, is_unspaced, spaced

MAX_LENGTH = 2000
MAX_TERMS = 64
MAX_DEPTH = 16
MIN_PREFIX = 2

#: FTS5 column names for the fields that search text.
TEXT_FIELDS = {"title": "title", "author": "authors"}
FILTER_FIELDS = ("site", "tag", "lang", "after", "before", "is", "id", "feed")
FIELDS = (*TEXT_FIELDS, *FILTER_FIELDS)
_FIELD = re.compile(r"([A-Za-z]+):")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?")
_IS_VALUES = ("starred", "read", "unread")
_SEPARATOR_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# -- the tree ------------------------------------------------------------------


class Term(NamedTuple):
    """A word or phrase to find, optionally as a prefix or in one field."""

    value: str
    phrase: bool = False
    prefix: bool = False
    field: str | None = None  # "title" or "author"

    def __str__(self) -> str:
        quoted = self.phrase or not _is_plain_word(self.value)
        text = '"' + self.value.replace('"', "") + '"' if quoted else self.value
        return f"{self.field + ':' if self.field else ''}{text}{'*' if self.prefix else ''}"


class Filter(NamedTuple):
    """A condition on the clipping's metadata: site, tag, language, date, star."""

    field: str
    value: str

    def __str__(self) -> str:
        value = self.value if _is_plain_word(self.value) else '"' + self.value + '"'
        return f"{self.field}:{value}"


class Not(NamedTuple):
    item: Node

    def __str__(self) -> str:
        return f"-{_grouped(self.item)}"


class And(NamedTuple):
    items: tuple[Node, ...]

    def __str__(self) -> str:
        # OR binds tighter than AND, but brackets make the meaning plain to a reader.
        return " ".join(_grouped(item) for item in self.items)


class Or(NamedTuple):
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(_grouped(item) for item in self.items)


Node: TypeAlias = Term | Filter | Not | And | Or


def _same_node(self: tuple[object, ...], other: object) -> bool:
    return type(self) is type(other) and tuple.__eq__(self, other)


def _other_node(self: tuple[object, ...], other: object) -> bool:
    return not _same_node(self, other)


# The nodes are NamedTuples rather than frozen dataclasses because `clipper
# search` starts a new process every time, and creating a frozen dataclass
# costs about a millisecond. Equality must still tell And((a, b)) from
# Or((a, b)), so it compares types too (hashes stay tuple hashes).
for _node in (Term, Filter, Not, And, Or):
    setattr(_node, "__eq__", _same_node)  # noqa: B010
    setattr(_node, "__ne__", _other_node)  # noqa: B010


def _grouped(node: Node) -> str:
    return f"({node})" if isinstance(node, And | Or) else str(node)


def _is_plain_word(value: str) -> bool:
    return (
        bool(value)
        and not any(c.isspace() or c in '"()*:' for c in value)
        and (value[0] != "-" and value not in ("OR", "AND", "NOT"))
    )


# -- tokens ----------------------------------------------------------------------


class Kind:
    """Token kinds (plain strings: they are also what messages call them)."""

    WORD = "word"
    PHRASE = "phrase"
    FIELD = "field"
    OPEN = "("
    CLOSE = ")"
    OR = "OR"
    AND = "AND"
    NOT = "NOT"
    MINUS = "-"
    END = "end"


class Token(NamedTuple):
    kind: str
    position: int  # 1-based character position in the query, for messages
    value: str = ""
    prefix: bool = False
    field: str | None = None
    phrase: bool = False


def _fail(message: str) -> QueryError:
    return QueryError(f"cannot understand the search query: {message}")


def clean(text: str) -> str:
    """The query as the tokenizer sees it: NFC, controls and bidi marks as spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _BIDI_CONTROLS.sub(" ", text)
    return "".join(" " if unicodedata.category(c) in _SEPARATOR_CATEGORIES else c for c in text)


def tokenize(text: str) -> list[Token]:
    """Split a cleaned query into tokens; quotes, ``*`` and ``-`` are checked here."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        at = i + 1
        if c.isspace():
            i += 1
        elif c == "(":
            tokens.append(Token(Kind.OPEN, at))
            i += 1
        elif c == ")":
            tokens.append(Token(Kind.CLOSE, at))
            i += 1
        elif c == "-":
            if i + 1 >= n or text[i + 1].isspace() or text[i + 1] == ")":
                raise _fail(
                    f"the - at character {at} excludes nothing; put it right before a word, "
                    'as in -sport or -"a phrase"'
                )
            if text[i + 1] == "-":
                raise _fail(f"-- at character {at}: one - is enough to exclude a word")
            tokens.append(Token(Kind.MINUS, at))
            i += 1
        elif c == '"':
            value, i = _phrase(text, i)
            i, prefix = _stars(text, i)
            tokens.append(Token(Kind.PHRASE, at, value, prefix=prefix, phrase=True))
        elif c == "*":
            raise _fail(
                f"the * at character {at} must come right after a word, as in bomb* "
                "(clipper can match the start of words, not their end)"
            )
        else:
            token, i = _word(text, i)
            tokens.append(token)
    tokens.append(Token(Kind.END, n + 1))
    return tokens


def _phrase(text: str, start: int) -> tuple[str, int]:
    end = text.find('"', start + 1)
    if end < 0:
        raise _fail(
            f'the " at character {start + 1} opens a phrase that is never closed; '
            'add the closing " (or remove this one)'
        )
    return text[start + 1 : end], end + 1


def _stars(text: str, i: int) -> tuple[int, bool]:
    prefix = False
    while i < len(text) and text[i] == "*":
        prefix, i = True, i + 1
    return i, prefix


def _word(text: str, start: int) -> tuple[Token, int]:
    i, n = start, len(text)
    while i < n and not text[i].isspace() and text[i] not in '()"':
        i += 1
    raw = text[start:i]
    at = start + 1
    if raw in (Kind.OR, Kind.AND, Kind.NOT):
        return Token(raw, at), i
    named = _FIELD.match(raw)
    if named and named.group(1).lower() in FIELDS:
        name = named.group(1).lower()
        value = raw[named.end() :]
        if not value and i < n and text[i] == '"':
            value, i = _phrase(text, i)
            i, prefix = _stars(text, i)
            return Token(Kind.FIELD, at, value, prefix=prefix, field=name, phrase=True), i
        stripped = value.rstrip("*")
        if not stripped:
            raise _fail(f"{name}: at character {at} needs a value, as in {_EXAMPLES[name]}")
        return Token(Kind.FIELD, at, stripped, prefix=stripped != value, field=name), i
    stripped = raw.rstrip("*")
    if not stripped:
        raise _fail(f"the * at character {at} must come right after a word, as in bomb*")
    return Token(Kind.WORD, at, stripped, prefix=stripped != raw), i


_EXAMPLES = {
    "site": "site:reuters.com",
    "tag": "tag:russia",
    "author": 'author:"Jane Doe"',
    "title": "title:bombers",
    "lang": "lang:de",
    "after": "after:2020-12",
    "before": "before:2021-01-01",
    "is": "is:starred",
    "id": "id:12",
    "feed": 'feed:"Example World"',
}


# -- parsing ---------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens; precedence: ``-``/NOT, then OR, then AND."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.terms = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def starts_term(self, token: Token) -> bool:
        return token.kind in (Kind.WORD, Kind.PHRASE, Kind.FIELD, Kind.OPEN, Kind.MINUS, Kind.NOT)

    def parse(self) -> Node | None:
        node = self.conjunction(depth=0)
        token = self.peek()
        if token.kind == Kind.CLOSE:
            raise _fail(f"the ) at character {token.position} has no ( before it")
        return node

    def conjunction(self, depth: int) -> Node | None:
        items: list[Node] = []
        while True:
            token = self.peek()
            if token.kind in (Kind.END, Kind.CLOSE):
                break
            if token.kind == Kind.AND:
                self.take()
                if not items:
                    raise _fail(f"AND at character {token.position} needs a term before it")
                if not self.starts_term(self.peek()):
                    raise _fail(f"AND at character {token.position} needs a term after it")
                continue
            if token.kind == Kind.OR:
                raise _fail(
                    f"OR at character {token.position} needs a term before it "
                    '(to search for the word "or", write it in lower case)'
                )
            items.append(self.disjunction(depth))
        if not items:
            return None
        return items[0] if len(items) == 1 else And(tuple(items))

    def disjunction(self, depth: int) -> Node:
        items = [self.unary(depth)]
        while self.peek().kind == Kind.OR:
            token = self.take()
            if not self.starts_term(self.peek()):
                raise _fail(
                    f"OR at character {token.position} needs a term after it "
                    '(to search for the word "or", write it in lower case)'
                )
            items.append(self.unary(depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def unary(self, depth: int) -> Node:
        negations = 0  # a loop, not recursion: "NOT NOT NOT ..." must not exhaust the stack
        while self.peek().kind in (Kind.MINUS, Kind.NOT):
            token = self.take()
            if not self.starts_term(self.peek()):
                what = "-" if token.kind == Kind.MINUS else "NOT"
                raise _fail(f"{what} at character {token.position} needs a term after it")
            negations += 1
        node = self.primary(depth)
        return Not(node) if negations % 2 else node

    def primary(self, depth: int) -> Node:
        token = self.take()
        if token.kind == Kind.OPEN:
            if depth >= MAX_DEPTH:
                raise _fail(f"parentheses are nested more than {MAX_DEPTH} deep")
            inner = self.conjunction(depth + 1)
            closing = self.take()
            if closing.kind != Kind.CLOSE:
                raise _fail(f"the ( at character {token.position} is never closed; add a )")
            if inner is None:
                raise _fail(f"the parentheses at character {token.position} hold nothing")
            return inner
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise _fail(f"it has more than {MAX_TERMS} terms; search for fewer words")
        if token.kind in (Kind.WORD, Kind.PHRASE):
            return Term(token.value, phrase=token.phrase, prefix=token.prefix)
        if token.kind == Kind.FIELD:
            assert token.field is not None
            return _field(token)
        # Operators in the wrong place (the other kinds are handled by the callers).
        raise _fail(f"{token.kind} at character {token.position} is out of place")


def _field(token: Token) -> Node:
    name = token.field or ""
    if name in TEXT_FIELDS:
        return Term(token.value, phrase=token.phrase, prefix=token.prefix, field=name)
    if token.prefix:
        raise _fail(f"{name}: takes a whole value, not a prefix: {name}:{token.value}*")
    value = token.value.strip()
    if not value:
        raise _fail(f"{name}: at character {token.position} needs a value, as in {_EXAMPLES[name]}")
    return Filter(name, _checked_filter_value(name, value))


def _checked_filter_value(name: str, value: str) -> str:
    if name == "site":
        host = _site_value(value)
        if not host:
            raise _fail(f"site:{value} names no site; use a host or a name, as in site:reuters.com")
        return host
    if name == "tag":
        return normalize_tag(value)
    if name == "lang":
        # As clipper stores languages (extraction.metadata.normalize_language).
        found = _LANGUAGE.fullmatch(value)
        if not found:
            raise _fail(f"lang:{value} is not a language code; use one such as en, de or pt-BR")
        primary, region = found.group(1).lower(), found.group(2)
        return f"{primary}-{region.upper()}" if region else primary
    if name in ("after", "before"):
        return date_start(name, value)
    if name == "is":
        word = value.lower()
        if word not in _IS_VALUES:
            known = ", ".join(f"is:{v}" for v in _IS_VALUES)
            raise _fail(f"is:{value} is unknown; clipper knows {known}")
        return word
    if name == "id":
        number = value.removeprefix("#")
        if not (number.isascii() and number.isdigit()) or len(number) > 18:
            raise _fail(f"id:{value} is not a clipping id; give its number, as in id:12")
        return str(int(number))
    if name == "feed":
        return normalize_tag(value)  # as feed names compare (clipper.feeds.store.name_key)
    raise AssertionError(name)


def _site_value(value: str) -> str:
    """A host (lower case, no scheme, path, port or ``www.``) or a site name."""
    text = _ascii_lower(" ".join(value.split()))
    url = re.match(r"[a-z][a-z0-9+.-]*://", text)
    if url:
        text = re.split(r"[/?#]", text[url.end() :], maxsplit=1)[0]
        text = text.rsplit("@", 1)[-1].split(":", 1)[0]
    if "." not in text or " " in text:
        return text
    text = text.split("/", 1)[0].strip(".").lower()  # a host: as urlsplit lower-cases it
    return text.removeprefix("www.") if text.count(".") > 1 else text


def _host_forms(host: str) -> tuple[str, ...]:
    """``host`` and its other IDNA spelling: a stored URL may have either."""
    try:
        other = host.encode("idna").decode("ascii") if not host.isascii() else host
        if other == host and "xn--" in host:
            other = host.encode("ascii").decode("idna")
    except UnicodeError:
        return (host,)
    return tuple(dict.fromkeys((host, other)))


def _ascii_lower(text: str) -> str:
    """Lower case as SQLite's lower() makes it, so both sides of a comparison agree."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def date_start(name: str, value: str) -> str:
    """``2020-12`` → ``2020-12-01``: the ISO date at which the period starts."""
    found = _DATE.fullmatch(value)
    problem = f"{name}:{value} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, as in {name}:2020-12"
    if not found:
        raise _fail(problem)
    year, month, day = int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise _fail(problem) from None


# -- compiling -------------------------------------------------------------------


class Condition(NamedTuple):
    """A SQL condition on a clipping id, written ``{id}`` in ``sql``."""

    sql: str
    params: tuple[object, ...] = ()

    def on(self, id_column: str) -> str:
        return self.sql.replace("{id}", id_column)


class Query(NamedTuple):
    """A parsed, compiled query, ready for ``clipper.search`` to run.

    ``match`` is the FTS5 expression of the words to find (ranked and
    highlighted), or ``None`` when the query has none (only filters or
    exclusions); ``conditions`` must all hold as well.
    """

    text: str
    tree: Node
    match: str | None
    conditions: tuple[Condition, ...] = ()

    def __str__(self) -> str:
        return str(self.tree)


def parse(text: str) -> Query:
    """Parse and compile ``text``; raise ``QueryError`` saying what is wrong."""
    if len(text) > MAX_LENGTH:
        raise _fail(
            f"it is {len(text):,} characters long; the limit is {MAX_LENGTH:,} "
            "(search for a few distinctive words or a short phrase)"
        )
    cleaned = clean(text)
    tree = _Parser(tokenize(cleaned)).parse()
    simple = simplify(tree) if tree is not None else None
    if simple is None:
        if tree is None:
            raise _fail('it is empty; give a word, a "phrase" or a filter such as tag:russia')
        raise _fail(
            f"{text.strip()!r} has no letters or digits to search for; "
            'give a word, a "phrase" or a filter such as tag:russia'
        )
    match, conditions = compile_tree(simple)
    return Query(text, simple, match, conditions)


def unknown_fields(text: str) -> tuple[str, ...]:
    """Names written like a filter (``note:x``) that are not one: they are searched as text."""
    names = []
    for word in clean(text).split():
        named = _FIELD.match(word.lstrip("-("))
        rest = word[named.end() :] if named else ""
        if named and named.group(1).lower() not in FIELDS and rest and not rest.startswith("/"):
            names.append(named.group(1))
    return tuple(dict.fromkeys(names))


def searchable(value: str) -> bool:
    """Whether FTS5 will see a token in ``value``: clipper's test is a letter or digit."""
    return any(c.isalnum() for c in value)


def simplify(node: Node) -> Node | None:
    """Drop what cannot be searched (``&``), flatten nested AND/OR, undo ``--``."""
    if isinstance(node, Term):
        if not searchable(node.value):
            return None
        if node.prefix:
            last = _last_token(node.value)
            if is_unspaced(last[-1:]):
                # Its last token is one character, matched wherever it stands: * adds nothing.
                return node._replace(prefix=False)
            if sum(c.isalnum() for c in last) < MIN_PREFIX:
                raise _fail(
                    f"{node} is too short a prefix; give at least {MIN_PREFIX} letters before the *"
                )
        return node
    if isinstance(node, Filter):
        return node
    if isinstance(node, Not):
        inner = simplify(node.item)
        if inner is None:
            return None
        return inner.item if isinstance(inner, Not) else Not(inner)
    kind = type(node)
    items: list[Node] = []
    for item in node.items:
        simple = simplify(item)
        if simple is None:
            continue
        items.extend(simple.items if isinstance(simple, kind) else (simple,))
    unique = tuple(dict.fromkeys(items))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(unique)


def _last_token(value: str) -> str:
    """The last token FTS5 makes of ``value`` (unspaced-script characters are one each)."""
    tokens = re.findall(r"\w+", spaced(value))
    return tokens[-1] if tokens else ""


def _is_text(node: Node) -> bool:
    if isinstance(node, Term):
        return True
    if isinstance(node, Filter):
        return False
    if isinstance(node, Not):
        return _is_text(node.item)
    return all(_is_text(item) for item in node.items)


def _is_filter(node: Node) -> bool:
    if isinstance(node, Filter):
        return True
    if isinstance(node, Term):
        return False
    if isinstance(node, Not):
        return _is_filter(node.item)
    return all(_is_filter(item) for item in node.items)


def compile_tree(tree: Node) -> tuple[str | None, tuple[Condition, ...]]:
    """Split the top-level AND into ranked text (FTS5) and conditions (SQL)."""
    clauses = tree.items if isinstance(tree, And) else (tree,)
    positive: list[Node] = []
    negative: list[Node] = []
    conditions: list[Condition] = []
    dates = [c for c in clauses if isinstance(c, Filter) and c.field in ("after", "before")]
    if dates:
        conditions.append(_date_range(dates))
    for clause in clauses:
        if clause in dates:
            continue
        if _is_filter(clause):
            conditions.append(_condition(clause))
        elif _is_text(clause):
            (negative if isinstance(clause, Not) else positive).append(clause)
        else:
            raise _fail(
                f"{clause} mixes words and filters under OR or -; filters narrow the whole "
                "search, so write them outside: (a OR b) site:x"
            )
    excluded = [_fts(c.item) for c in negative if isinstance(c, Not)]
    if not positive:
        if excluded:
            conditions.append(_excluded_text(_join(excluded, "OR")))
        return None, tuple(conditions)
    match = _join([_fts(c) for c in positive], "AND")
    if excluded:
        match = f"{_wrap(match)} NOT {_wrap(_join(excluded, 'OR'))}"
    return match, tuple(conditions)


def _join(parts: list[str], operator: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return f" {operator} ".join(_wrap(p) for p in parts)


_ATOM = re.compile(r'"(?:[^"]|"")*"(?: \*)?')


def _wrap(expression: str) -> str:
    """Parenthesise anything but one quoted string, so precedence is never a question."""
    return expression if _ATOM.fullmatch(expression) else f"({expression})"


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _searched(value: str) -> str:
    """A word or phrase as FTS5 must read it: unspaced scripts split into their characters.

    The index holds each character of these scripts as a token (migration 6),
    so ``地铁`` becomes the phrase "地 铁"; other text is left exactly as typed.
    """
    return " ".join(spaced(value).split()) if has_unspaced(value) else value


def _fts(node: Node) -> str:
    """The FTS5 expression for a text-only node (words, phrases, AND, OR, NOT)."""
    if isinstance(node, Term):
        expression = _quoted(_searched(node.value)) + (" *" if node.prefix else "")
        if node.field:
            return f"{TEXT_FIELDS[node.field]} : {expression}"
        return expression
    if isinstance(node, Or):
        if any(isinstance(item, Not) for item in node.items):
            raise _fail(
                f"{node} has an exclusion as one side of OR; say what to find and what to "
                "leave out instead, as in: bombers -drones"
            )
        return _join([_fts(item) for item in node.items], "OR")
    if isinstance(node, And):
        found = [_fts(item) for item in node.items if not isinstance(item, Not)]
        left_out = [_fts(item.item) for item in node.items if isinstance(item, Not)]
        if not found:
            raise _fail(
                f"({node}) only excludes; inside parentheses or OR, say what to find too, "
                "as in (bombers -drones)"
            )
        expression = _join(found, "AND")
        if left_out:
            expression = f"{_wrap(expression)} NOT {_wrap(_join(left_out, 'OR'))}"
        return expression
    if isinstance(node, Not):
        raise _fail(f"{node} only excludes; say what to find as well, as in: bombers {node}")
    raise AssertionError(node)


# -- filters as SQL --------------------------------------------------------------


def _excluded_text(match: str) -> Condition:
    return Condition(
        "{id} NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)", (match,)
    )


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filter_sql(node: Filter) -> Condition:
    """Each filter is a set of clipping ids, chosen so that an index answers it."""
    value = node.value
    if node.field == "site":
        # site_keys (migration 2): every host, each suffix of it, and site names.
        if "." in value:
            forms = _host_forms(value)
            marks = ", ".join("?" * len(forms))
            return Condition(
                f"{{id}} IN (SELECT clipping_id FROM site_keys WHERE key IN ({marks}))", forms
            )
        return Condition(
            "{id} IN (SELECT clipping_id FROM site_keys WHERE key = ? OR (key > ? AND key < ?))",
            (value, value + ".", value + "/"),  # "/" sorts right after "."
        )
    if node.field == "tag":
        return Condition("{id} IN (SELECT clipping_id FROM tags WHERE tag = ?)", (value,))
    if node.field == "lang":
        if "-" in value:
            return Condition("{id} IN (SELECT id FROM clippings WHERE language = ?)", (value,))
        return Condition(
            "{id} IN (SELECT id FROM clippings WHERE language = ? "
            "OR (language > ? AND language < ?))",
            (value, value + "-", value + "."),  # "." sorts right after "-"
        )
    if node.field in ("after", "before"):
        low, high = (value, None) if node.field == "after" else (None, value)
        return _dates(low, high)
    if node.field == "is":
        if value == "starred":
            return Condition("{id} IN (SELECT id FROM clippings WHERE starred)")
        # read = ?: the index clippings_read (migration 9) answers it without the rows.
        return Condition(
            "{id} IN (SELECT id FROM clippings WHERE read = ?)", (int(value == "read"),)
        )
    if node.field == "id":
        return Condition("{id} IN (SELECT id FROM clippings WHERE id = ?)", (int(value),))
    if node.field == "feed":
        # A name, or an id (names are never numbers: clipper.feeds.names).
        number = value.removeprefix("#")
        feed_id = int(number) if number.isascii() and number.isdigit() and len(number) < 19 else -1
        return Condition(
            "{id} IN (SELECT e.clipping_id FROM feed_entries AS e JOIN feeds AS f"
            " ON f.id = e.feed_id WHERE f.name_key = ? OR f.id = ?)",
            (value, feed_id),
        )
    raise AssertionError(node.field)


def _dates(low: str | None, high: str | None) -> Condition:
    """Dated on or after ``low`` and before ``high``: a range of the date index.

    The date is ``coalesce(published, clipped_at)`` (index ``clippings_date``;
    SQLite answers from the index without reading the rows). ISO 8601 strings
    compare as text, and ``2020-12-31T23:00+05:30`` sorts before
    ``2021-01-01`` as its local date does.
    """
    date = "coalesce(published, clipped_at)"
    bounds = [f"{date} >= ?"] if low is not None else []
    bounds += [f"{date} < ?"] if high is not None else []
    params = tuple(bound for bound in (low, high) if bound is not None)
    return Condition(f"{{id}} IN (SELECT id FROM clippings WHERE {' AND '.join(bounds)})", params)


def _date_range(filters: list[Filter]) -> Condition:
    """All top-level ``after:`` and ``before:`` filters as one range (one index scan)."""
    lows = [f.value for f in filters if f.field == "after"]
    highs = [f.value for f in filters if f.field == "before"]
    return _dates(max(lows) if lows else None, min(highs) if highs else None)


def _condition(node: Node) -> Condition:
    if isinstance(node, Filter):
        return _filter_sql(node)
    if isinstance(node, Not):
        inner = _condition(node.item)
        return Condition(f"NOT ({inner.sql})", inner.params)
    assert isinstance(node, And | Or)
    parts = [_condition(item) for item in node.items]
    operator = " AND " if isinstance(node, And) else " OR "
    return Condition(
        operator.join(f"({part.sql})" for part in parts),
        tuple(p for part in parts for p in part.params),
    )
