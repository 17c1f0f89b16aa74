"""Every page of the public corpora extracts: no exception, and never empty where
the page has a story.

The corpora lie in ``shared/bench`` beside the checkout (CI links ``shared``
beside its clone) and are read where they lie by ``benchmarks/corpora.py``,
never copied here. Missing data fails the test: a skipped test would hide that
nothing was checked.
"""

from __future__ import annotations

import pytest

import clipper
from benchmarks.corpora import CORPORA, bench_dir, load
from clipper.errors import ExtractionError


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_page_extracts_without_error_and_keeps_text(corpus: str) -> None:
    folder = bench_dir() / corpus
    if not (folder / "ground-truth.json").is_file():
        pytest.fail(f"the corpus {corpus} is missing: no {folder}/ground-truth.json")
    pages = load(corpus, folder)
    assert len(pages) >= 130
    raised, empty = [], []
    for page in pages:
        try:
            # Bytes, as fetched: the charset is worked out as for a real clip.
            article = clipper.extract(page.raw, page.url)
        except ExtractionError as error:
            raised.append(f"{page.key}: {error}")
            continue
        if page.body.strip() and not article.text.strip():
            empty.append(page.key)
    assert raised == []
    assert empty == []
