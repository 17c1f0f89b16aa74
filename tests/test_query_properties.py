"""Any string is either a search that runs or a one-line ``QueryError``: never SQLite's error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clipper.article import Article
from clipper.errors import QueryError
from clipper.library import Library
from clipper.query import MAX_LENGTH, parse

# Pieces that mean something to the language, to FTS5 or to SQL, so that random
# queries hit the interesting corners far more often than random text would.
PIECES = [
    '"', "(", ")", "-", "*", ":", " ", "  ", "\t", "\n", "OR", "AND", "NOT", "NEAR", "NEAR(",
    "and", "or", "not", "near", "title:", "author:", "site:", "tag:", "lang:", "after:",
    "before:", "is:", "TITLE:", "text:", "authors:", "{title}:", "{title authors}:", "^", "+",
    "'", "''", '""', "%", "_", "\\", ";", "--", "/*", "*/", "?", "?1", ":x", "$x", "@x",
    "bombers", "pacific", "pékin", "PEKIN", "Pe\u0301kin", "starred", "2020", "2020-12",
    "2020-13", "reuters.com", "www.reuters.com", "https://x.org/a?b", "de", "pt-BR", "é",
    "🙂", "👩‍👩‍👧", "東京", "Москва", "\x00", "\x1b[31m", "\x02", "\x03", "\u202e", "\ud800",
    "\ufeff", "\u200b", "x" * 40, "1e10", "NULL", "rank", "bm25", "'; DROP TABLE clippings; --",
    # Scripts the index splits into characters, and what sits beside them.
    "地铁", "杭州", "地", "铁*", "地铁*", "12号线", "iPhone15发布", "。", "，", "“", "ภาษาไทย", "ที่",
    "\u0e48", "검색을", "검", "タワー", "ｶﾞ", "々", "𠀀", "\u3000", "ພາສາ", "ខ្មែរ", "မြန်မာ",
]  # fmt: skip

text_with_pieces = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
any_text = st.text(
    alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=60
)
# Chinese, Japanese, Korean, Thai, Lao, Khmer and Myanmar, with the query syntax mixed in.
unspaced_text = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0EFF),
        st.characters(min_codepoint=0x1000, max_codepoint=0x11FF),
        st.characters(min_codepoint=0x1780, max_codepoint=0x17FF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7AF),
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2000F),
        st.sampled_from([*'"()-*: aZ1', "OR", "title:", "site:"]),
    ),
    max_size=40,
).map("".join)
queries = st.one_of(text_with_pieces, any_text, unspaced_text)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path = tmp_path_factory.mktemp("library") / "clippings.db"
    with Library.open(path) as opened:
        stories = [
            ("Bombers over the Pacific", "https://www.reuters.com/a", "en", "2020-12-22"),
            ("Visite à Pékin", "https://www.lemonde.fr/b", "fr", "2021-01-05"),
            ("Near and not far: or so", "https://example.org/c", "en", None),
            ("東京 and Москва 🙂", "file:///tmp/d.html", None, "2019-06-01T10:00:00+09:00"),
            ("杭州地铁12号线全线贯通", "https://news.example.cn/e", "zh-CN", "2024-08-20"),
        ]
        for n, (title, url, language, published) in enumerate(stories):
            opened.add(
                Article(
                    title=title,
                    url=url,
                    language=language,
                    published=published,
                    site="Reuters" if n == 0 else None,
                    authors=("Jane Doe",) if n % 2 else (),
                    description=f"About {title}.",
                    text=f"{title}. The story of {title.lower()} in 2020, near the end.",
                ),
                tags=["russia"] if n < 2 else [],
            )
        opened._db.execute("UPDATE clippings SET starred = 1 WHERE id = 2")
        yield opened


def check_error(error: QueryError) -> None:
    message = str(error)
    assert message.startswith("cannot understand the search query: ")
    assert "\n" not in message and len(message) < 300


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=queries)
@example(text='"unbalanced')
@example(text="NEAR(")
@example(text="AND OR")
@example(text="*")
@example(text="-")
@example(text="site:")
@example(text="x " * 5000)
@example(text="\x00\x01\x1b\x7f\x9f")
@example(text="and not near")
@example(text="a title:b:c author:")
@example(text="\ud800")
def test_any_string_parses_or_says_what_is_wrong(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as error:
        check_error(error)
        return
    assert query.match is not None or query.conditions


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=queries, sort=st.sampled_from(["relevance", "date"]), offset=st.integers(0, 3))
def test_every_query_that_parses_runs(library: Library, text: str, sort: str, offset: int) -> None:
    try:
        hits = library.search(text, limit=3, offset=offset, sort=sort)
    except QueryError as error:
        check_error(error)
        return
    assert len(hits) <= 3
    for hit in hits:
        assert hit.snippet == hit.snippet.strip()
        assert not any(c in hit.snippet for c in "\x00\x1b\n")
    if not hits:
        library.suggest(text)


@settings(max_examples=200, deadline=None)
@given(text=queries)
def test_the_canonical_form_means_the_same(text: str) -> None:
    try:
        query = parse(text)
    except QueryError:
        return
    again = parse(str(query))
    assert (again.match, again.conditions) == (query.match, query.conditions)


def test_long_queries_are_refused_before_any_work(library: Library) -> None:
    with pytest.raises(QueryError, match="characters long"):
        library.search("x " * (MAX_LENGTH // 2 + 1))


def test_searching_never_writes(library: Library) -> None:
    path = Path(library.path)
    before = path.stat().st_mtime_ns, path.with_name(path.name + "-wal").stat().st_size
    for text in ["bombers", "zzz", "-bombers", "tag:russia", "bomberz pacifc"]:
        library.search(text)
        library.suggest(text)
    after = path.stat().st_mtime_ns, path.with_name(path.name + "-wal").stat().st_size
    assert after == before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
