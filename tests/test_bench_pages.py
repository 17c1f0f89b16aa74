"""Every page of the public corpora extracts: no exception, and never empty where
the page has a story.

The corpora lie in ``shared/bench`` beside the checkout (CI links ``shared``
beside its clone); they are read where they lie, never copied here. Missing
data fails the test: a skipped test would hide that nothing was checked.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import clipper
from clipper.errors import ExtractionError

CORPORA = ("scrapinghub", "readability-testpages", "modern-2026")


def bench_dir() -> Path:
    for up in Path(__file__).resolve().parents:
        candidate = up / "shared" / "bench"
        if candidate.is_dir():
            return candidate
    pytest.fail("shared/bench not found beside the checkout: the corpora tests need it")


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_page_extracts_without_error_and_keeps_text(corpus: str) -> None:
    folder = bench_dir() / corpus
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth) >= 130
    raised, empty = [], []
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        try:
            # Bytes, as fetched: the charset is worked out as for a real clip.
            article = clipper.extract(raw, item.get("url") or None)
        except ExtractionError as error:
            raised.append(f"{key}: {error}")
            continue
        if (item.get("articleBody") or "").strip() and not article.text.strip():
            empty.append(key)
    assert raised == []
    assert empty == []
