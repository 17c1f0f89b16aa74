"""Extraction quality and speed: clipper beside its peers, on the same pages, in one run.

Data: the ScrapingHub article-extraction benchmark (181 pages with human-checked
bodies), read from ``../shared/bench/scrapinghub`` (or ``--data``); never copied here.

Metric, as that benchmark defines it: tokens are ``\\w+`` matches (case kept);
each page's body becomes a multiset of 4-token shingles; per page tp/fp/fn are
the shared, predicted-only and truth-only shingle counts, normalised by their
sum; precision is the mean of tp/(tp+fp) over pages with a prediction, recall
the mean of tp/(tp+fn) over pages with a truth; F1 is their harmonic mean.

Peers (trafilatura, readability-lxml, resiliparse) come from the ``bench``
extra: ``pip install -e '.[bench]'``. A peer that is not installed is skipped.

Speed is pages per second of wall-clock time over the whole set, the best of
``--repeat`` passes (3 by default); the passes take turns between extractors.

    python benchmarks/extraction.py [--data DIR] [--worst 15] [--only clipper] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The data sits beside the checkout (``../shared``); from a worktree one level
# deeper (``wt/<branch>``) it is two levels up.
DEFAULT_DATA = next(
    (
        base / "shared" / "bench" / "scrapinghub"
        for base in (ROOT.parent, ROOT.parent.parent)
        if (base / "shared" / "bench" / "scrapinghub").is_dir()
    ),
    ROOT.parent / "shared" / "bench" / "scrapinghub",
)
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


@dataclass(frozen=True)
class Counts:
    tp: float
    fp: float
    fn: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def compare(truth: str, prediction: str) -> Counts:
    expected, got = shingles(truth), shingles(prediction)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return Counts(tp / total, fp / total, fn / total) if total else Counts(0, 0, 0)


def precision(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0


def recall(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(counts: list[Counts]) -> tuple[float, float, float]:
    p = statistics.mean([precision(c) for c in counts if c.tp + c.fp > 0] or [0.0])
    r = statistics.mean([recall(c) for c in counts if c.tp + c.fn > 0] or [0.0])
    return f1(p, r), p, r


def clipper_extractor() -> Extractor:
    from clipper import extract

    return lambda html, url: extract(html, url).text


def trafilatura_extractor() -> Extractor:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, url=url) or ""


def readability_extractor() -> Extractor:
    from lxml import html as lxml_html
    from readability import Document

    def run(html: str, url: str) -> str:
        summary = Document(html, url=url).summary(html_partial=True)
        return str(lxml_html.fromstring(summary).text_content()) if summary.strip() else ""

    return run


def resiliparse_extractor() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "clipper": clipper_extractor,
    "trafilatura": trafilatura_extractor,
    "readability-lxml": readability_extractor,
    "resiliparse": resiliparse_extractor,
}


def load(data: Path) -> list[tuple[str, str, str, str]]:
    """``(id, url, html, truth)`` for every page, decoded once for all extractors."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, item["url"], raw.decode("utf-8", "replace"), item["articleBody"]))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--worst", type=int, default=15, help="list clipper's N worst pages")
    parser.add_argument("--only", action="append", help="run only these extractors")
    parser.add_argument(
        "--repeat", type=int, default=3, help="time N passes of each, in turn (best is kept)"
    )
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"benchmark data not found in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    pages = load(args.data)
    print(f"{len(pages)} pages from {args.data}\n")
    extractors: dict[str, Extractor] = {}
    for name, make in EXTRACTORS.items():
        if args.only and name not in args.only:
            continue
        try:
            extractors[name] = make()
        except ImportError as error:
            print(f"{name}: not installed ({error.name}); pip install -e '.[bench]'")
            continue
        extractors[name](pages[0][2], pages[0][1])  # warm up imports and caches
    # Passes go round the extractors in turn, and each keeps its fastest pass:
    # on a shared machine, a burst of load then slows everyone, not one peer.
    best = dict.fromkeys(extractors, float("inf"))
    per_page: dict[str, list[Counts]] = {}
    for repeat in range(max(1, args.repeat)):
        for name, extractor in extractors.items():
            outputs = []
            started = time.perf_counter()
            for _key, url, html, _truth in pages:
                outputs.append(extractor(html, url))
            best[name] = min(best[name], time.perf_counter() - started)
            if repeat == 0:
                per_page[name] = [
                    compare(page[3], out) for page, out in zip(pages, outputs, strict=True)
                ]
    rows = [(name, *scores(per_page[name]), len(pages) / best[name]) for name in extractors]
    print(f"{'extractor':<18} {'F1':>6} {'prec.':>6} {'recall':>6} {'pages/s':>8}")
    for name, f, p, r, speed in sorted(rows, key=lambda row: -row[1]):
        print(f"{name:<18} {f:6.3f} {p:6.3f} {r:6.3f} {speed:8.1f}")
    speeds = {row[0]: row[4] for row in rows}
    if "clipper" in speeds and "trafilatura" in speeds:
        print(f"\nclipper is {speeds['clipper'] / speeds['trafilatura']:.1f}x trafilatura's speed")
    if "clipper" in per_page and args.worst:
        print(f"\nclipper's {args.worst} worst pages (F1, precision, recall, url):")
        ranked = sorted(
            zip(pages, per_page["clipper"], strict=True),
            key=lambda item: f1(precision(item[1]), recall(item[1])),
        )
        for page, c in ranked[: args.worst]:
            p, r = precision(c), recall(c)
            print(f"  {f1(p, r):.3f} {p:.3f} {r:.3f}  {page[0][:12]}  {page[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
