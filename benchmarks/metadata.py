"""Metadata coverage and speed: clipper beside trafilatura, on the same pages, in one run.

Data: the ScrapingHub article-extraction benchmark (181 news pages), read from
``../shared/bench/scrapinghub`` (or ``--data``); never copied here. It has no
metadata ground truth, so this prints how often each field is *found* by each
extractor (coverage, not accuracy) and a sample of pages' title / author / date
from both, side by side, so disagreements can be read by eye. ``--diff`` lists
every page where the two disagree on one field.

Timing: both extractors are timed on the same decoded text, in CPU time
(``time.process_time``) so that other processes on a shared machine disturb the
figures less; each page is run ``--repeat`` times and its best time kept. "parse+meta" is what
a caller pays from text (lexbor parse + clipper's metadata; lxml parse +
trafilatura's ``extract_metadata``, which also runs htmldate); "meta" is the
metadata step alone on an already parsed tree (for trafilatura: a fresh lxml
tree per page, since it may change the tree). Trafilatura needs the ``bench``
extra: ``pip install -e '.[bench]'``.

    python benchmarks/metadata.py [--data DIR] [--sample 20] [--diff title] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The data sits beside the repository (``../shared``); a worktree may be nested deeper.
DEFAULT_DATA = next(
    (
        up / "shared" / "bench" / "scrapinghub"
        for up in ROOT.parents
        if (up / "shared" / "bench" / "scrapinghub").is_dir()
    ),
    ROOT.parent / "shared" / "bench" / "scrapinghub",
)
FIELDS = (
    "title",
    "author",
    "published",
    "modified",
    "site",
    "url",
    "image",
    "language",
    "description",
)


@dataclass(frozen=True)
class Result:
    fields: dict[str, str | None]
    parse_and_meta: float  # seconds per page
    meta_only: float


def load(data: Path) -> list[tuple[str, str, bytes]]:
    """``(id, url, raw bytes)`` for every page."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (key, item["url"], gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()))
        for key, item in sorted(truth.items())
    ]


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def run_clipper(pages: list[tuple[str, str, str]], repeat: int) -> list[Result]:
    from selectolax.lexbor import LexborHTMLParser

    from clipper.extraction.metadata import extract_metadata

    def fields(html: str, url: str) -> dict[str, str | None]:
        meta = extract_metadata(LexborHTMLParser(html), url)
        return {
            "title": meta.title or None,
            "author": "; ".join(meta.authors) or None,
            "published": meta.published,
            "modified": meta.modified,
            "site": meta.site,
            "url": meta.canonical,
            "image": meta.image,
            "language": meta.language,
            "description": meta.description,
        }

    fields(pages[0][2], pages[0][1])  # warm up imports and caches
    results = []
    for _key, url, html in pages:
        tree = LexborHTMLParser(html)
        meta_only = best_time(lambda tree=tree, url=url: extract_metadata(tree, url), repeat)
        total = best_time(
            lambda html=html, url=url: extract_metadata(LexborHTMLParser(html), url), repeat
        )
        results.append(Result(fields(html, url), total, meta_only))
    return results


def run_trafilatura(pages: list[tuple[str, str, str]], repeat: int) -> list[Result]:
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)

    def fields(doc: Any) -> dict[str, str | None]:
        return {
            "title": doc.title,
            "author": doc.author,
            "published": doc.date,
            "modified": None,  # not extracted separately
            "site": doc.sitename,
            "url": doc.url,
            "image": doc.image,
            "language": doc.language,
            "description": doc.description,
        }

    extract_metadata(pages[0][2], default_url=pages[0][1])  # warm up
    results = []
    for _key, url, html in pages:
        meta_only = float("inf")
        for _ in range(repeat):
            tree = load_html(html)
            started = time.process_time()
            extract_metadata(tree, default_url=url)
            meta_only = min(meta_only, time.process_time() - started)
        total = best_time(
            lambda html=html, url=url: extract_metadata(html, default_url=url), repeat
        )
        results.append(Result(fields(extract_metadata(html, default_url=url)), total, meta_only))
    return results


def short(value: str | None, width: int) -> str:
    text = " ".join((value or "-").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def same(field: str, a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    if field == "published":
        return a[:10] == b[:10]
    fold = re.compile(r"\W+")
    return fold.sub("", a.casefold()) == fold.sub("", b.casefold())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=20, help="pages to print side by side")
    parser.add_argument("--diff", action="append", default=[], help="list disagreements on FIELD")
    parser.add_argument("--repeat", type=int, default=3, help="time N passes per page, keep best")
    parser.add_argument("--only", choices=("clipper", "trafilatura"))
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"benchmark data not found in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    raw_pages = load(args.data)

    from clipper.extraction.decode import decode_html

    decode_html(raw_pages[0][2], None)
    decode_time = best_time(lambda: [decode_html(raw, None) for *_, raw in raw_pages], 3)
    decode_time /= len(raw_pages)
    decoded = [decode_html(raw, None) for _key, _url, raw in raw_pages]
    encodings = sorted({encoding for _text, encoding in decoded})
    pages = [
        (key, url, text)
        for (key, url, _raw), (text, _encoding) in zip(raw_pages, decoded, strict=True)
    ]
    print(f"{len(pages)} pages from {args.data}")
    print(f"clipper decode_html: {decode_time * 1000:.3f} ms/page, encodings {encodings}\n")

    runs: dict[str, list[Result]] = {}
    if args.only != "trafilatura":
        runs["clipper"] = run_clipper(pages, args.repeat)
    if args.only != "clipper":
        try:
            runs["trafilatura"] = run_trafilatura(pages, args.repeat)
        except ImportError as error:
            print(f"trafilatura: not installed ({error.name}); pip install -e '.[bench]'")
    names = list(runs)

    print("coverage (pages where the field is found)")
    print(f"{'field':<12}" + "".join(f"{name:>14}" for name in names))
    for field in FIELDS:
        cells = []
        for name in names:
            found = sum(1 for r in runs[name] if r.fields[field])
            cells.append(f"{found:>8} {found / len(pages):4.0%}")
        print(f"{field:<12}" + "".join(f"{cell:>14}" for cell in cells))
    print("\ntime per page (mean over pages of the best of each page's runs)")
    for label, attr in (("parse+meta", "parse_and_meta"), ("meta", "meta_only")):
        cells = [
            f"{sum(getattr(r, attr) for r in runs[n]) / len(pages) * 1000:>11.3f} ms" for n in names
        ]
        print(f"{label:<12}" + "".join(cells))
    if len(names) == 2:
        a, b = (sum(r.meta_only for r in runs[n]) for n in names)
        print(f"\nclipper's metadata step is {b / a:.0f}x faster than trafilatura's")
        print("\nagreement (both found the field and the values match; dates by day)")
        for field in ("title", "author", "published", "site", "image", "description"):
            both = [
                (x.fields[field], y.fields[field])
                for x, y in zip(runs[names[0]], runs[names[1]], strict=True)
                if x.fields[field] and y.fields[field]
            ]
            agree = sum(1 for x, y in both if same(field, x, y))
            print(f"  {field:<12} {agree:>4} of {len(both):>4} found by both")

    if args.sample and names:
        step = max(1, len(pages) // args.sample)
        print(f"\nsample of {args.sample} pages (every {step}th): title / author / published")
        for index in range(0, len(pages), step)[: args.sample]:
            key, url, _html = pages[index]
            print(f"\n  {key[:10]} {short(url, 100)}")
            for field in ("title", "author", "published"):
                for name in names:
                    value = runs[name][index].fields[field]
                    print(f"    {field[:6]:<6} {name[:5]:<5} {short(value, 96)}")
    for field in args.diff:
        if len(names) < 2:
            break
        print(f"\npages where clipper and trafilatura disagree on {field}:")
        for index, (key, url, _html) in enumerate(pages):
            x, y = runs[names[0]][index].fields[field], runs[names[1]][index].fields[field]
            if not same(field, x, y):
                print(f"  {key[:10]} {short(url, 90)}")
                print(f"    clipper {short(x, 110)}")
                print(f"    trafila {short(y, 110)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
