"""Property tests: whatever a library holds, export → import → export is byte-identical;
whatever bytes an export holds, its reader yields records or problems, never a crash."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clipper.article import Article
from clipper.clipping import Highlight
from clipper.export import export_jsonl, select
from clipper.images.model import ImageData, ImageOutcome
from clipper.importers import import_file, parse_file
from clipper.library import Library
from clipper.page import Page
from tests import pictures

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
highlights = st.lists(st.tuples(text, text), max_size=3)
#: A clipping's pictures: stored (a few real images, shared between clippings) or not.
KINDS = [
    ImageData(pictures.png(3, 2), "image/png", 3, 2),
    ImageData(pictures.jpeg(8, 8), "image/jpeg", 8, 8),
    ImageData(pictures.HOSTILE_SVG, "image/svg+xml", 10, 10),
    None,
]
images = st.lists(st.tuples(st.integers(0, 5), st.sampled_from(KINDS), optional), max_size=3).map(
    lambda found: [
        ImageOutcome(f"https://example.org/img/{n}", image, "" if image else "HTTP 404", source)
        for n, image, source in {n: (n, i, s) for n, i, s in found}.values()
    ]
)
clippings = st.lists(
    st.tuples(
        articles,
        st.lists(text, max_size=3),
        st.lists(articles, max_size=2),
        st.binary(),
        highlights,
        st.booleans(),
        images,
    ),
    min_size=1,
    max_size=4,
)


def dump(library: Library) -> str:
    out = io.StringIO()
    export_jsonl(library, select(library, None), out, with_html=True, with_images=True)
    return out.getvalue()


@given(clippings)
@settings(max_examples=25, deadline=None)
@example([(Article(), [], [], b"", [], False, []), (Article(), [], [], b"", [], False, [])])
@example([(Article(text="a b"), [], [], b"", [("A  b", "x"), ("a b\r\n", "y")], True, [])])
def test_any_library_survives_a_round_trip(
    entries: list[
        tuple[
            Article,
            list[str],
            list[Article],
            bytes,
            list[tuple[str, str]],
            bool,
            list[ImageOutcome],
        ]
    ],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Library.open(root / "a.db") as library:
            for article, tags, updates, raw, marks, read, outcomes in entries:
                if article.url and library.find_by_url(article.url):
                    continue
                page = Page(content=raw, source="-")
                stored = library.add(article, page, tags, images=outcomes)
                for update in updates:
                    library.update(stored.id, update, Page(content=raw + b"!", source="x"))
                for quote, note in marks:
                    if quote.strip():
                        library.add_highlight(stored.id, Highlight(quote, note, "2024-01-01"))
                library.set_read([stored.id], read)
            first = dump(library)
        (root / "a.jsonl").write_text(first, encoding="utf-8")
        with Library.open(root / "b.db") as copy:
            report = import_file(copy, root / "a.jsonl")
            assert report.problems == []
            assert dump(copy) == first


READERS = ("wallabag", "bookmarks", "pocket", "instapaper", "readwise", "raindrop", "karakeep",
           "urls", "omnivore", "jsonl")  # fmt: skip


@given(
    st.sampled_from(READERS),
    st.one_of(
        st.binary(max_size=400),
        st.text(st.sampled_from(',"\n\r>#[]{}:|\x00aéZ0'), max_size=300).map(str.encode),
    ),
)
@settings(max_examples=300, deadline=None)
def test_any_bytes_read_as_any_format_give_records_problems_or_one_error(
    name: str, data: bytes
) -> None:
    from clipper.errors import ClipperError
    from clipper.importers import ImportFormat
    from clipper.importers.model import ImportItem, Link, Problem

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export"
        path.write_bytes(data)
        try:  # a refusal is clipper's own error, one line (a file that looks like a ZIP)
            _, parsed = parse_file(path, ImportFormat(name))
            assert all(isinstance(entry, ImportItem | Link | Problem) for entry in parsed)
        except ClipperError as error:
            assert "\n" not in error.message


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_highlight_files_and_cells_always_parse(text: str) -> None:
    from clipper.importers.omnivore import parse_highlights
    from clipper.importers.services import raindrop_highlights
    from clipper.importers.tables import list_cell

    quotes, loose = parse_highlights(text)
    assert all(h.quote.strip() for h in quotes) and all(part.strip() for part in loose)
    assert all(h.quote.strip() for h in raindrop_highlights(text))
    assert all(item for item in list_cell(text))


@pytest.mark.parametrize("name", ["wallabag", "karakeep", "jsonl", "omnivore"])
def test_json_nested_beyond_any_export_is_a_problem_not_a_crash(name: str, tmp_path: Path) -> None:
    from clipper.importers import ImportFormat
    from clipper.importers.model import Problem

    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _, parsed = parse_file(path, ImportFormat(name))
    [problem] = list(parsed)
    assert isinstance(problem, Problem) and "nested too deeply" in problem.message
