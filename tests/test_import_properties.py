"""Property test: whatever a library holds, export → import → export is byte-identical."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from clipper.article import Article
from clipper.export import export_jsonl, select
from clipper.importers import import_file
from clipper.library import Library
from clipper.page import Page

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
optional = st.one_of(st.none(), text)
articles = st.builds(
    Article,
    title=text,
    url=st.one_of(st.none(), st.integers(0, 10**6).map(lambda n: f"https://example.org/{n}")),
    authors=st.lists(text, max_size=3).map(tuple),
    published=optional,
    modified=optional,
    site=optional,
    language=optional,
    image=optional,
    description=optional,
    text=text,
    markdown=text,
)
clippings = st.lists(
    st.tuples(articles, st.lists(text, max_size=3), st.lists(articles, max_size=2), st.binary()),
    min_size=1,
    max_size=4,
)


def dump(library: Library) -> str:
    out = io.StringIO()
    export_jsonl(library, select(library, None), out, with_html=True)
    return out.getvalue()


@given(clippings)
@settings(max_examples=25, deadline=None)
@example([(Article(), [], [], b""), (Article(), [], [], b"")])  # two identical, URL-less
def test_any_library_survives_a_round_trip(
    entries: list[tuple[Article, list[str], list[Article], bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Library.open(root / "a.db") as library:
            for article, tags, updates, raw in entries:
                if article.url and library.find_by_url(article.url):
                    continue
                stored = library.add(article, Page(content=raw, source="-"), tags)
                for update in updates:
                    library.update(stored.id, update, Page(content=raw + b"!", source="x"))
            first = dump(library)
        (root / "a.jsonl").write_text(first, encoding="utf-8")
        with Library.open(root / "b.db") as copy:
            report = import_file(copy, root / "a.jsonl")
            assert report.problems == []
            assert dump(copy) == first
