"""Running a parsed query (``clipper.query``) against the library.

How a search stays fast at 100,000 clippings:

* Rank first, touch rows later. The ranking query reads only the full-text
  index: ``bm25`` over the matching rows, ``ORDER BY`` score, ``LIMIT`` the
  page. Whole clippings are loaded for the page only, and snippets are cut
  from those loaded texts (``clipper.snippets``): ``snippet()`` in the ranking
  query would run on every matching row before the ``LIMIT``, and even on the
  page alone it runs the query again, which for phrases and prefixes costs
  as much as the search.
* Ties by recency without a join. Breaking ties in SQL would look up the date
  of every matching row. Instead the ranking query fetches ``TIE_SLACK`` rows
  more than the page, and ties are broken in Python among them (dates are
  read for tied rows only). That is exact unless a tie runs past the rows
  fetched; only then does a second query fetch every row scoring at least as
  well as the page's last.
* Filters are sets of ids. Each filter is ``id IN (SELECT id FROM <narrow
  index>)`` (see ``clipper.query`` and migration 2), computed once and probed
  per matching row, so a filter never reads the big ``clippings`` rows. The
  id is written ``+rowid``: given plain ``rowid IN (...)``, SQLite hands the
  set to FTS5 as one rowid lookup per member, which at 100,000 clippings
  takes seconds (a minute for a common word and a common tag).
* Newest first (``--sort date``, filters alone) walks an index on the date
  and tests each id against the sets, stopping after the page, rather than
  reading and sorting every match.
* Suggestions (closest indexed words, looser queries) are computed only when a
  search finds nothing.

Words in scripts written without spaces (Chinese, Japanese, Korean, Thai, Lao,
Khmer, Myanmar) reach this module already compiled to phrases of their
characters (``clipper.query``, ``clipper.unspaced``), so ranking, filters and
paging treat them like any phrase; they are never respelled.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from clipper.clipping import Clipping, Hit
from clipper.errors import QueryError
from clipper.library import _SELECT, _clipping
from clipper.query import And, Condition, Filter, Node, Not, Or, Query, Term, parse
from clipper.snippets import Pattern, lead, snippet
from clipper.unspaced import has_unspaced

#: bm25 weights of the index's columns, in its order (``migrations.SEARCHED_9``). The title
#: says most about what a story is; the tags and the note are what its owner chose to
#: say about it, so nearly as much; the highlights are the passages they marked and
#: their notes on them, a little less (their quotes repeat words of the text); the
#: description is the page's own summary;
#: the byline and the site's name are short and exact, but name a person or a
#: publication, not the subject; the host mostly repeats the site's name; and a
#: word of the text is one among hundreds (bm25 also scales each column by its
#: length, so a short column's match already counts for more).
WEIGHTS = {
    "title": 10.0,
    "description": 4.0,
    "text": 1.0,
    "authors": 2.0,
    "site": 2.0,
    "host": 1.0,
    "tags": 5.0,
    "note": 5.0,
    "highlights": 4.0,
}
BM25 = f"bm25(clippings_fts, {', '.join(map(str, WEIGHTS.values()))})"
#: The date clipper sorts and filters by: publication, else clipping.
DATE = "coalesce(c.published, c.clipped_at)"
#: Rows fetched beyond the page, so that ties at its end can be broken by date.
TIE_SLACK = 16
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


RELEVANCE, DATE_ORDER = "relevance", "date"
SORTS = (RELEVANCE, DATE_ORDER)


def run(
    db: sqlite3.Connection,
    query: Query,
    *,
    limit: int | None = 20,
    offset: int = 0,
    sort: str = RELEVANCE,
) -> list[Hit]:
    """The page ``[offset, offset + limit)`` of hits, best first (or newest first)."""
    if sort not in SORTS:
        raise QueryError(f"cannot sort by {sort!r}; sort by {' or '.join(SORTS)}")
    if limit is not None and limit <= 0:
        return []
    offset = max(0, offset)
    if query.match is None:
        ranked = [(i, 0.0) for i in _by_date(db, query, limit, offset)]
    elif sort == DATE_ORDER:
        ranked = _matches_by_date(db, query, limit, offset)
    else:
        ranked = _ranked(db, query, limit, offset)
    clippings = _load(db, [clipping_id for clipping_id, _ in ranked])
    pattern = Pattern.build(_highlighted(query.tree)) if query.match else None
    return [
        Hit(clippings[clipping_id], snippet=_snippet(clippings[clipping_id], pattern), score=score)
        for clipping_id, score in ranked
        if clipping_id in clippings
    ]


def count(db: sqlite3.Connection, query: Query) -> int:
    """How many clippings match ``query``."""
    if query.match is None:
        where, params = _where(query, "c.id")
        sql = f"SELECT count(*) FROM clippings AS c WHERE 1 {where}"
        return int(db.execute(sql, params).fetchone()[0])
    where, params = _where(query, "+clippings_fts.rowid")
    sql = f"SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ? {where}"
    return int(db.execute(sql, (query.match, *params)).fetchone()[0])


# -- ranking ---------------------------------------------------------------------


def _where(query: Query, id_column: str) -> tuple[str, list[object]]:
    """The query's conditions as ``AND ...`` on ``id_column``, and their parameters."""
    sql = "".join(f" AND ({condition.on(id_column)})" for condition in query.conditions)
    return sql, [p for condition in query.conditions for p in condition.params]


def _window(limit: int | None, offset: int) -> tuple[int, int]:
    return (-1 if limit is None else limit), offset


def _by_date(db: sqlite3.Connection, query: Query, limit: int | None, offset: int) -> list[int]:
    """Filters only: no words to rank by, so newest first.

    ``+c.id`` keeps SQLite from looking up every clipping in the filters' sets
    and sorting them: it walks the date index newest first instead, testing
    ids against the sets, and stops after the page (worst case, a filter that
    matches almost nothing, one pass over the index; no rows are read).
    """
    where, params = _where(query, "+c.id")
    rows = db.execute(
        f"""
        SELECT c.id FROM clippings AS c WHERE 1 {where}
        ORDER BY {DATE} DESC, c.id DESC LIMIT ? OFFSET ?
        """,
        (*params, *_window(limit, offset)),
    ).fetchall()
    return [row[0] for row in rows]


def _matches_by_date(
    db: sqlite3.Connection, query: Query, limit: int | None, offset: int
) -> list[tuple[int, float]]:
    """Newest first: the matches are a set tested while walking the date index."""
    matches = Condition(
        "{id} IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)", (query.match,)
    )
    ids = _by_date(db, query._replace(conditions=(matches, *query.conditions)), limit, offset)
    scores: dict[int, float] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        # +rowid: one pass over the matches beats one FTS5 lookup per id (10x here).
        sql = f"""
            SELECT rowid, {BM25} FROM clippings_fts
             WHERE clippings_fts MATCH ? AND +rowid IN ({marks})
        """
        scores.update(db.execute(sql, (query.match, *chunk)).fetchall())
    return [(clipping_id, -scores.get(clipping_id, 0.0)) for clipping_id in ids]


def _ranked(
    db: sqlite3.Connection, query: Query, limit: int | None, offset: int
) -> list[tuple[int, float]]:
    """Best first; equal scores newest first (see the module docstring)."""
    where, params = _where(query, "+clippings_fts.rowid")
    sql = f"""
        SELECT clippings_fts.rowid, {BM25} FROM clippings_fts
         WHERE clippings_fts MATCH ? {where} {{score}}
         ORDER BY {BM25} LIMIT ?
    """
    page_end = None if limit is None else offset + limit
    wanted = -1 if page_end is None else page_end + TIE_SLACK
    rows: list[tuple[int, float]] = db.execute(
        sql.format(score=""), (query.match, *params, wanted)
    ).fetchall()
    if page_end is not None and len(rows) == wanted and rows[-1][1] == rows[page_end - 1][1]:
        # Ties run past the rows fetched: fetch every row scoring as well as the page's last.
        sql = sql.format(score=f"AND {BM25} <= ?")
        rows = db.execute(sql, (query.match, *params, rows[-1][1], -1)).fetchall()
    ranked = _break_ties(db, rows)
    return [(clipping_id, -score) for clipping_id, score in ranked[offset:page_end]]


def _break_ties(db: sqlite3.Connection, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """``rows`` by score, then newest first: dates are looked up for tied rows only."""
    scores: dict[float, int] = {}
    for _, score in rows:
        scores[score] = scores.get(score, 0) + 1
    tied = [clipping_id for clipping_id, score in rows if scores[score] > 1]
    if not tied:
        return rows
    dates: dict[int, str] = {}
    for chunk in _chunks(tied):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT c.id, {DATE} FROM clippings AS c WHERE c.id IN ({marks})"
        dates.update(db.execute(sql, chunk).fetchall())
    ordered = sorted(rows, key=lambda row: row[0], reverse=True)
    ordered.sort(key=lambda row: dates.get(row[0]) or "", reverse=True)
    ordered.sort(key=lambda row: row[1])
    return ordered


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# -- the page: clippings and snippets ----------------------------------------------


def _load(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Clipping]:
    found: dict[int, Clipping] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"{_SELECT} WHERE c.id IN ({marks})", chunk):
            found[row["id"]] = _clipping(row)
    return found


def _snippet(clipping: Clipping, pattern: Pattern | None) -> str:
    """Around the matches in the story, else in the description, else in the note,
    else in a highlight's note, else the opening (the other columns are shown in the
    hit's title and byline; a highlight's quote is in the story)."""
    article = clipping.article
    return (
        snippet(article.text, pattern)
        or snippet(article.description or "", pattern)
        or snippet(clipping.note, pattern)
        or next(filter(None, (snippet(h.note, pattern) for h in clipping.highlights)), "")
        or next(filter(None, (snippet(h.quote, pattern) for h in clipping.highlights)), "")
        or lead(article.text or article.description or "")
    )


def _highlighted(node: Node) -> Iterable[tuple[str, bool]]:
    """The words and phrases the snippet marks: those searched for in all fields."""
    if isinstance(node, Term):
        if node.field is None:
            yield node.value, node.prefix
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from _highlighted(item)


# -- when nothing matches ----------------------------------------------------------


class Suggestion(NamedTuple):
    """Another query worth trying, and how many clippings it finds."""

    query: str
    hits: int


_WORD = re.compile(r"\w+")
MAX_SUGGESTIONS = 3
_MAX_TRIES = 8


def suggest(db: sqlite3.Connection, query: Query) -> list[Suggestion]:
    """Queries close to ``query`` that do find something: spelling first, then looser.

    Spelling: each word the index does not hold is replaced by the indexed word
    closest to it (edit distance, ties to the more common word; see
    ``closest_term``). Looser: the query without one of its parts
    (a word, a phrase, a filter).
    """
    found: list[Suggestion] = []
    seen = {str(query)}
    for tree in [*_respelled(db, query.tree), *_loosened(query.tree)][:_MAX_TRIES]:
        text = str(tree)
        if text in seen:
            continue
        seen.add(text)
        try:
            alternative = parse(text)
        except QueryError:
            continue
        hits = count(db, alternative)
        if hits:
            found.append(Suggestion(text, hits))
        if len(found) == MAX_SUGGESTIONS:
            break
    return found


def _loosened(tree: Node) -> list[Node]:
    if not isinstance(tree, And):
        return []
    looser = [And(tree.items[:i] + tree.items[i + 1 :]) for i in range(len(tree.items))]
    return [item.items[0] if len(item.items) == 1 else item for item in looser]


def _respelled(db: sqlite3.Connection, tree: Node) -> list[Node]:
    replacements: dict[str, str] = {}
    for term in _terms(tree):
        word = fold(term.value)
        if term.phrase or term.prefix or not _WORD.fullmatch(word) or word in replacements:
            continue
        if has_unspaced(word):  # indexed character by character: nothing to respell
            continue
        if not _indexed(db, word):
            closest = closest_term(db, word)
            if closest:
                replacements[word] = closest
    if not replacements:
        return []
    return [_replace(tree, replacements)]


def _terms(node: Node) -> Iterable[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Not):
        yield from _terms(node.item)
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from _terms(item)


def _replace(node: Node, replacements: dict[str, str]) -> Node:
    if isinstance(node, Term):
        new = replacements.get(fold(node.value))
        if new is None or node.phrase or node.prefix:
            return node
        return Term(new, field=node.field)
    if isinstance(node, Filter):
        return node
    if isinstance(node, Not):
        return Not(_replace(node.item, replacements))
    return type(node)(tuple(_replace(item, replacements) for item in node.items))


def fold(word: str) -> str:
    """A word as the index stores it: lower case, without diacritics (roughly unicode61)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _vocabulary(db: sqlite3.Connection) -> str:
    """A per-connection view of the index's words (nothing is written to the library)."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.clipper_vocabulary "
        "USING fts5vocab(main, clippings_fts, row)"
    )
    return "temp.clipper_vocabulary"


def _indexed(db: sqlite3.Connection, word: str) -> bool:
    """Whether any clipping has ``word`` (reads one posting, not the word's whole list)."""
    found = db.execute(
        "SELECT 1 FROM clippings_fts WHERE clippings_fts MATCH ? LIMIT 1",
        ('"' + word.replace('"', '""') + '"',),
    )
    return found.fetchone() is not None


def closest_term(db: sqlite3.Connection, word: str) -> str | None:
    """The indexed word nearest to ``word``, if close enough.

    Candidates share ``word``'s first two letters, or have them swapped: the
    index can list a range of words cheaply, not all of them (at 100,000
    clippings a two-letter range takes milliseconds, the whole vocabulary
    seconds), and typing mistakes are rarer in the first letters.
    """
    if len(word) < 3:
        return None
    allowed = 1 if len(word) <= 5 else 2
    best: tuple[int, int, str] | None = None
    for start in dict.fromkeys((word[:2], word[1] + word[0])):
        rows = db.execute(
            f"SELECT term, doc FROM {_vocabulary(db)} WHERE term >= ? AND term < ?",
            (start, start[0] + chr(ord(start[1]) + 1)),
        )
        for term, docs in rows:
            if abs(len(term) - len(word)) > allowed or term == word:
                continue
            distance = edit_distance(word, term, allowed)
            if distance <= allowed:
                candidate = (distance, -docs, term)
                if best is None or candidate < best:
                    best = candidate
    return best[2] if best else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count 1), or ``limit + 1`` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
