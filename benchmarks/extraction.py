"""Extraction quality and speed: clipper beside its peers, on every corpus, in one run.

Data: the corpora in ``../shared/bench/`` (see ``benchmarks/corpora.py``):
ScrapingHub's 181 news pages, Mozilla Readability's 130 test pages and the
500 pages of modern-2026; read where they lie, never copied here.

Metric, as the ScrapingHub benchmark defines it: tokens are ``\\w+`` matches
(case kept); each page's body becomes a multiset of 4-token shingles; per page
tp/fp/fn are the shared, predicted-only and truth-only shingle counts,
normalised by their sum; precision is the mean of tp/(tp+fp) over pages with a
prediction, recall the mean of tp/(tp+fn) over pages with a truth; F1 is their
harmonic mean.

For each corpus this prints one table (every extractor: F1, precision, recall,
pages/s, pages that raised, pages left empty), clipper's and trafilatura's
figures on each fold (see ``corpora.fold_of``: tune looking at fold a, quote
fold b), F1 by page type where the corpus has types, and clipper's worst pages
with what it kept and what it missed.

Peers (trafilatura, readability-lxml, resiliparse) come from the ``bench``
extra: ``pip install -e '.[bench]'``. A peer that is not installed is skipped.
Speed is pages per second of wall-clock time over a corpus, the best of
``--repeat`` passes; the passes take turns between extractors so that a burst
of load on a shared machine slows everyone, not one peer.

    python benchmarks/extraction.py [--corpus NAME ...] [--fold a|b] [--only clipper]
        [--worst 15] [--repeat 1] [--show ID]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPORA, Page, available, load

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


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
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return lambda html, url: trafilatura.extract(html, url=url) or ""


def readability_extractor() -> Extractor:
    from lxml import html as lxml_html
    from readability import Document

    def run(html: str, url: str | None) -> str:
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


@dataclass
class Run:
    """One extractor on one corpus: its output per page, and its best time."""

    outputs: list[str]
    errors: dict[str, str]  # page id -> the exception's last line
    seconds: float = float("inf")
    cpu: float = float("inf")  # process time: less disturbed by other work on the machine

    def counts(self, pages: list[Page]) -> list[Counts]:
        return [compare(page.body, out) for page, out in zip(pages, self.outputs, strict=True)]


def run_once(extractor: Extractor, pages: list[Page], texts: list[str]) -> Run:
    outputs, errors = [], {}
    started, cpu_started = time.perf_counter(), time.process_time()
    for page, html in zip(pages, texts, strict=True):
        try:
            outputs.append(extractor(html, page.url))
        except Exception as error:  # a crash is a result: counted and shown
            outputs.append("")
            errors[page.key] = traceback.format_exception_only(error)[-1].strip()
    return Run(outputs, errors, time.perf_counter() - started, time.process_time() - cpu_started)


def snippet(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def missed_and_kept(truth: str, output: str) -> tuple[str, str]:
    """A sample of what the truth has and the output lacks, and the reverse."""
    expected, got = shingles(truth), shingles(output)
    missed = [" ".join(s) for s in expected if s not in got]
    extra = [" ".join(s) for s in got if s not in expected]
    return " | ".join(missed[:: max(1, len(missed) // 4)][:4]), " | ".join(
        extra[:: max(1, len(extra) // 4)][:4]
    )


def print_table(title: str, rows: list[tuple[str, float, float, float, str]]) -> None:
    print(title)
    print(f"  {'extractor':<18} {'F1':>6} {'prec.':>6} {'recall':>6} {'':>8}")
    for name, f, p, r, extra in rows:
        print(f"  {name:<18} {f:6.3f} {p:6.3f} {r:6.3f} {extra:>8}")


def report(corpus: str, pages: list[Page], runs: dict[str, Run], worst: int) -> None:
    print(f"\n== {corpus}: {len(pages)} pages")
    print(
        f"  {'extractor':<18} {'F1':>6} {'prec.':>6} {'recall':>6} {'pages/s':>8} "
        f"{'cpu ms':>7} {'raised':>6} {'empty':>6}"
    )
    per_page = {name: run.counts(pages) for name, run in runs.items()}
    rows = []
    for name, run in runs.items():
        f, p, r = scores(per_page[name])
        empty = sum(
            1
            for page, out in zip(pages, run.outputs, strict=True)
            if page.body.strip() and not out.strip()
        )
        speed, cpu_ms = len(pages) / run.seconds, run.cpu * 1000 / len(pages)
        rows.append((name, f, p, r, speed, cpu_ms, len(run.errors), empty))
    for name, f, p, r, speed, cpu_ms, raised, empty in sorted(rows, key=lambda row: -row[1]):
        print(
            f"  {name:<18} {f:6.3f} {p:6.3f} {r:6.3f} {speed:8.1f} {cpu_ms:7.2f} "
            f"{raised:6d} {empty:6d}"
        )
    speeds = {row[0]: (row[4], row[5]) for row in rows}
    if "clipper" in speeds and "trafilatura" in speeds:
        (ours, our_cpu), (theirs, their_cpu) = speeds["clipper"], speeds["trafilatura"]
        print(
            f"  clipper runs at {ours / theirs:.1f}x trafilatura's pages/s "
            f"({their_cpu / our_cpu:.1f}x in CPU time)"
        )
    folds = sorted({page.fold for page in pages})
    if len(folds) > 1:
        print("  by fold (tune on a, quote b):")
        for name in runs:
            cells = []
            for fold in folds:
                chosen = [
                    c for c, page in zip(per_page[name], pages, strict=True) if page.fold == fold
                ]
                f, p, r = scores(chosen)
                cells.append(f"{fold}: {f:.3f} ({p:.3f}/{r:.3f}) n={len(chosen)}")
            print(f"    {name:<18} " + "   ".join(cells))
    kinds = sorted({page.kind for page in pages})
    if len(kinds) > 1:
        print("  F1 by page type:")
        names = list(runs)
        print(f"    {'type':<14} {'pages':>5} " + "".join(f"{n[:12]:>13}" for n in names))
        for kind in sorted(kinds, key=lambda k: -sum(p.kind == k for p in pages)):
            chosen = [i for i, page in enumerate(pages) if page.kind == kind]
            cells = "".join(f"{scores([per_page[n][i] for i in chosen])[0]:13.3f}" for n in names)
            print(f"    {kind:<14} {len(chosen):5d} {cells}")
    for name, run in runs.items():
        for key, message in list(run.errors.items())[:10]:
            print(f"  {name} raised on {key}: {message}")
    if "clipper" in runs and worst:
        print(f"  clipper's {worst} worst pages (F1 prec. recall, id, type, url):")
        ranked = sorted(
            zip(pages, per_page["clipper"], runs["clipper"].outputs, strict=True),
            key=lambda item: f1(precision(item[1]), recall(item[1])),
        )
        for page, c, out in ranked[:worst]:
            p, r = precision(c), recall(c)
            print(
                f"    {f1(p, r):.3f} {p:.3f} {r:.3f}  {page.key} {page.fold} {page.kind:<13} "
                f"{snippet(page.url or '', 70)}"
            )
            missed, kept = missed_and_kept(page.body, out)
            if missed:
                print(f"        missed: {snippet(missed)}")
            if kept:
                print(f"        extra:  {snippet(kept)}")


def show(pages: list[Page], key: str) -> None:
    """Print clipper's output for one page beside the expected body."""
    from clipper import extract

    for page in pages:
        if page.key == key:
            out = extract(page.html, page.url).text
            c = compare(page.body, out)
            print(f"{page.corpus}/{page.key} {page.kind} {page.url}")
            print(f"F1 {f1(precision(c), recall(c)):.3f} P {precision(c):.3f} R {recall(c):.3f}")
            print("----- expected\n" + page.body.strip() + "\n----- clipper\n" + out)
            return
    print(f"no page {key}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        action="append",
        choices=CORPORA,
        help="run on this corpus only (repeatable); default: all present",
    )
    parser.add_argument("--fold", choices=("a", "b"), help="only the pages of this fold")
    parser.add_argument("--worst", type=int, default=15, help="list clipper's N worst pages")
    parser.add_argument("--only", action="append", help="run only these extractors")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time N passes of each, in turn (best is kept)"
    )
    parser.add_argument("--show", help="print clipper's output for page ID beside the truth")
    args = parser.parse_args()
    corpora = args.corpus or available()
    if not corpora:
        print("no benchmark data found beside the checkout (shared/bench/)", file=sys.stderr)
        return 2
    folds = args.fold or "ab"
    if args.show:
        for corpus in corpora:
            show(load(corpus, folds=folds), args.show)
        return 0
    extractors: dict[str, Extractor] = {}
    for name, make in EXTRACTORS.items():
        if args.only and name not in args.only:
            continue
        try:
            extractors[name] = make()
        except ImportError as error:
            print(f"{name}: not installed ({error.name}); pip install -e '.[bench]'")
    for corpus in corpora:
        pages = load(corpus, folds=folds)
        texts = [page.html for page in pages]
        for extractor in extractors.values():  # warm up imports and caches
            run_once(extractor, pages[:1], texts[:1])
        runs: dict[str, Run] = {}
        for _ in range(max(1, args.repeat)):
            for name, extractor in extractors.items():
                run = run_once(extractor, pages, texts)
                if name not in runs:
                    runs[name] = run
                else:
                    runs[name].seconds = min(runs[name].seconds, run.seconds)
                    runs[name].cpu = min(runs[name].cpu, run.cpu)
        report(corpus, pages, runs, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
