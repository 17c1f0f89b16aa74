"""The public corpora in ``../shared/bench/``, read the same way by every benchmark.

Each corpus is a folder of ``html/<id>.html.gz`` pages and a ``ground-truth.json``
keyed by id; this module hides how they differ (which fields each one has, which
pages carry a URL) behind one ``Page`` record.

Folds: every page belongs to fold ``a`` or fold ``b`` by a hash of its corpus
and id (stable across runs and machines, and unrelated to the ids' own order:
modern-2026 holds odd ids only, so parity would not split it). Work on
extraction looks at fold ``a`` while changing code and quotes fold ``b``, which
it must not have read, as the figure for pages never seen.

The data is read from where it lies; it is never copied into the project.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("scrapinghub", "readability-testpages", "modern-2026")


def bench_dir() -> Path:
    """``shared/bench`` beside the checkout, or beside a worktree nested deeper."""
    for up in ROOT.parents:
        candidate = up / "shared" / "bench"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "bench"


def fold_of(corpus: str, key: str) -> str:
    """``"a"`` (tune on it) or ``"b"`` (quote it), by a stable hash."""
    return "ab"[zlib.crc32(f"{corpus}/{key}".encode()) % 2]


@dataclass(frozen=True)
class Page:
    corpus: str
    key: str
    url: str | None  # None where the corpus gives none (readability-testpages)
    raw: bytes
    truth: dict[str, Any] = field(repr=False)

    @property
    def fold(self) -> str:
        return fold_of(self.corpus, self.key)

    @property
    def html(self) -> str:
        """The page as text: every corpus stores UTF-8."""
        return self.raw.decode("utf-8", "replace")

    @property
    def body(self) -> str:
        return str(self.truth.get("articleBody") or "")

    @property
    def kind(self) -> str:
        """The page type where the corpus gives one (modern-2026), else "article"."""
        return str(self.truth.get("type") or "article")

    def expected(self, name: str) -> str | None:
        """A metadata field of the ground truth, ``None`` where it is not stated."""
        value = self.truth.get(name)
        if value is None or value == "None" or (isinstance(value, str) and not value.strip()):
            return None
        return str(value)


def load(corpus: str, data: Path | None = None, folds: Iterable[str] = "ab") -> list[Page]:
    """Every page of ``corpus`` (in id order) that lies in one of ``folds``."""
    folder = data or bench_dir() / corpus
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    wanted = set(folds)
    pages = []
    for key, item in sorted(truth.items()):
        if fold_of(corpus, key) not in wanted:
            continue
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        url = item.get("url") or None
        pages.append(Page(corpus, key, url, raw, item))
    return pages


def available() -> list[str]:
    """The corpora present on this machine, in the order of ``CORPORA``."""
    base = bench_dir()
    return [name for name in CORPORA if (base / name / "ground-truth.json").exists()]
