"""Metadata accuracy and speed: clipper beside trafilatura, on every corpus, in one run.

Data: the corpora in ``../shared/bench/`` (see ``benchmarks/corpora.py``), read
where they lie. Two state metadata: modern-2026 (title, author, published, as
the page states them; AI-drafted and checked by a person) and
readability-testpages (Readability's title, byline and publishedTime).
ScrapingHub states none; on it only coverage (how often a field is found) is
printed.

Matching rules, per field, on the pages whose truth states the field:

- published: the same calendar day, as written (the first ten characters of
  the ISO date, so ``2021-11-01T23:10+01:00`` is the first of November);
- author: the same name(s) after case and punctuation folding, or sharing at
  least two words (several authors are joined before comparing);
- title: equal after case and punctuation folding.

Each page is *right*, *wrong* (a value that does not match) or *missing* (no
value): a wrong date misleads a reader more than a missing one, so the two are
counted apart. "unstated" counts the pages whose truth has no value but the
extractor gave one (not scored: a page may state what its truth leaves out).

Peers. trafilatura 2.3.1: its fields come from ``bare_extraction(html,
url=url, with_metadata=True)``, the call behind ``trafilatura.extract(...,
with_metadata=True)``: it runs ``trafilatura.metadata.extract_metadata`` on the
parsed page (htmldate with its default extensive search for the date) before
the body is extracted, so the fields are what a trafilatura user sees.
htmldate (the date library the issue suggests) is measured alone, with its
extensive search (as trafilatura runs it) and without, and as a fallback where
clipper finds no date, so that the choice between it and clipper's own code is
made on figures from the same run.

Speed: pages per second of the whole extraction, ``clipper.extract(html, url)``
against ``trafilatura.extract(html, url=url)`` (its defaults, without metadata:
the cheaper call, so the ratio is the conservative one), in CPU time of this
process (``time.process_time``: other engineers' jobs on a shared machine
disturb it far less than wall-clock time), best of ``--repeat`` passes taken in
turns; trafilatura with metadata is shown too.

Work by folds: change code looking at fold a (``--fold a``), quote fold b.
``--sources`` counts the dates by the kind of evidence they lie in (JSON-LD,
meta, microdata, ``<time>``, ``data-*`` attributes, the URL, visible text),
found independently of clipper: where clipper's dates came from, and where
the right day lay on the pages it missed or got wrong. Those are counts, so
they may be read on fold b too.

``--undeclared`` reruns everything on the same pages with every declared
date and author taken out (JSON-LD and every other script, the ``<meta>`` tags
and microdata that name a date or an author, ``datetime`` attributes and
tooltips) and without the URL: what is left is the visible dateline and
byline, as on the many pages of the web that declare nothing. It measures the
fallbacks that the corpora's well-declared pages rarely reach.

    python benchmarks/metadata.py [--corpus NAME ...] [--fold a|b] [--only clipper]
        [--worst 12] [--repeat 1] [--field title ...] [--sources] [--undeclared]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPORA, Page, available, load

FIELDS = ("published", "author", "title")
# The truth's names for the fields, per corpus (both use the same ones).
WITH_TRUTH = ("modern-2026", "readability-testpages")
_FOLD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")

Fields = dict[str, str | None]


def fold(text: str) -> str:
    """Case and punctuation folded away (compatibility forms too: full-width letters)."""
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


def words(text: str) -> set[str]:
    return set(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def matches(name: str, expected: str, found: str) -> bool:
    if name == "published":
        return found.strip()[:10] == expected.strip()[:10]
    if name == "author":
        return fold(found) == fold(expected) or len(words(found) & words(expected)) >= 2
    return fold(found) == fold(expected)


def verdict(name: str, expected: str | None, found: str | None) -> str:
    """``right`` / ``wrong`` / ``missing`` (truth stated), ``unstated`` / ``none``."""
    if expected is None:
        return "unstated" if found else "none"
    if not found:
        return "missing"
    return "right" if matches(name, expected, found) else "wrong"


# --- extractors ---------------------------------------------------------------------------


@dataclass
class Run:
    """One extractor on one corpus: the fields per page and the best time of a pass."""

    fields: list[Fields]
    seconds: float = float("inf")
    errors: dict[str, str] = field(default_factory=dict)

    def speed(self) -> float:
        return len(self.fields) / self.seconds if self.seconds else 0.0


def clipper_fields() -> Callable[[Page], Fields]:
    from clipper import extract

    def run(page: Page) -> Fields:
        article = extract(page.html, page.url)
        return {
            "title": article.title or None,
            "author": "; ".join(article.authors) or None,
            "published": article.published,
            "modified": article.modified,
        }

    return run


def trafilatura_fields() -> Callable[[Page], Fields]:
    from trafilatura import bare_extraction

    def run(page: Page) -> Fields:
        document = bare_extraction(page.html, url=page.url, with_metadata=True)
        if document is None:
            return dict.fromkeys(FIELDS)
        return {"title": document.title, "author": document.author, "published": document.date}

    return run


def trafilatura_plain() -> Callable[[Page], Fields]:
    """``trafilatura.extract`` with its defaults: timed only."""
    import trafilatura

    def run(page: Page) -> Fields:
        trafilatura.extract(page.html, url=page.url)
        return dict.fromkeys(FIELDS)

    return run


def htmldate_fields(extensive: bool) -> Callable[[Page], Fields]:
    from htmldate import find_date

    def run(page: Page) -> Fields:
        found = find_date(page.html, url=page.url, original_date=True, extensive_search=extensive)
        return {"title": None, "author": None, "published": found}

    return run


# What a <meta> or microdata name says when it declares a date or an author.
_DECLARING = re.compile(
    r"date|time|publish|modif|creat|updat|issued|author|creator|byl|parsely|sailthru|dc\.", re.I
)


def undeclared(page: Page) -> Page:
    """``page`` without its declared dates and authors, nor its URL (see the docstring)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.html)
    for script in tree.css("script"):
        script.decompose()
    for meta in tree.css("meta"):
        names = " ".join(
            str(meta.attributes.get(name) or "")
            for name in ("name", "property", "itemprop", "http-equiv")
        )
        if _DECLARING.search(names):
            meta.decompose()
    for node in tree.css("[itemprop], [datetime], abbr[title]"):
        for name in ("content", "datetime", "title"):
            if name in node.attributes and (
                name != "content" or _DECLARING.search(node.attributes.get("itemprop") or "")
            ):
                del node.attrs[name]
    return replace(page, raw=(tree.html or "").encode(), url=None)


def quiet() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def run_once(extract: Callable[[Page], Fields], pages: list[Page]) -> Run:
    out: list[Fields] = []
    errors: dict[str, str] = {}
    started = time.process_time()
    for page in pages:
        try:
            out.append(extract(page))
        except Exception as error:  # a crash is a result: counted as missing, shown
            out.append(dict.fromkeys(FIELDS))
            errors[page.key] = f"{type(error).__name__}: {error}"[:120]
    return Run(out, time.process_time() - started, errors)


# --- reporting ----------------------------------------------------------------------------


def counts(name: str, pages: list[Page], fields: list[Fields]) -> dict[str, int]:
    tally = dict.fromkeys(("right", "wrong", "missing", "unstated", "none"), 0)
    for page, found in zip(pages, fields, strict=True):
        tally[verdict(name, page.expected(name), found.get(name))] += 1
    return tally


def rate(tally: dict[str, int], kind: str) -> float:
    stated = tally["right"] + tally["wrong"] + tally["missing"]
    return tally[kind] / stated if stated else 0.0


def short(value: str | None, width: int = 100) -> str:
    text = " ".join((value or "-").split())
    return text if len(text) <= width else text[: width - 1] + "…"


_SEPARATOR = re.compile(r"\s[|\-–—·•»:]\s|\s?[|｜]\s?|\s[-–—]|[-–—]\s")


def doubtful(name: str, expected: str, found: dict[str, str | None]) -> bool:
    """A wrong value that a stated convention of clipper explains, not an error.

    published: the truth's day is the date clipper reports as *modified* (the
    page shows only its "Updated" date and declares an earlier publication);
    title: the truth is clipper's title with the site's name still affixed
    (``Story | Site``), an affix clipper strips by design.
    """
    value = found.get(name) or ""
    if name == "published":
        modified = found.get("modified") or ""
        return bool(modified) and modified[:10] == expected[:10]
    if name == "title" and value:
        whole, part = fold(expected), fold(value)
        if len(whole) > len(part) and (whole.startswith(part) or whole.endswith(part)):
            return len(_SEPARATOR.findall(expected)) > len(_SEPARATOR.findall(value))
    return False


def field_table(name: str, pages: list[Page], runs: dict[str, Run]) -> None:
    stated = sum(1 for page in pages if page.expected(name) is not None)
    print(f"\n  {name} ({stated} pages state it)")
    print(
        f"    {'extractor':<22} {'right':>6} {'wrong':>6} {'missing':>8}   "
        f"{'n right':>7} {'n wrong':>7} {'n miss':>7} {'unstated':>8}"
    )
    for label, run in runs.items():
        if all(found.get(name) is None for found in run.fields):
            continue  # this extractor does not give the field
        tally = counts(name, pages, run.fields)
        print(
            f"    {label:<22} {rate(tally, 'right'):6.3f} {rate(tally, 'wrong'):6.3f} "
            f"{rate(tally, 'missing'):8.3f}   {tally['right']:7d} {tally['wrong']:7d} "
            f"{tally['missing']:7d} {tally['unstated']:8d}"
        )
    if name in ("published", "title") and "clipper" in runs:
        explained = sum(
            1
            for page, found in zip(pages, runs["clipper"].fields, strict=True)
            if verdict(name, page.expected(name), found.get(name)) == "wrong"
            and doubtful(name, page.expected(name) or "", found)
        )
        why = {
            "published": "the truth's day is the one clipper reports as modified ('Updated')",
            "title": "the truth keeps the site's name affixed, which clipper strips",
        }[name]
        print(f"    of clipper's wrong, {explained}: {why}")


# --- where a date comes from --------------------------------------------------------------

# The kinds of evidence a page's date can be read from, strongest first. The
# benchmark finds them on its own (not through clipper's choices) so that the
# pages clipper misses can be counted by where their right day lay: these are
# aggregates, safe to read on the fold not tuned on.
SOURCES = ("json-ld", "meta", "microdata", "time", "data-attribute", "url", "text")
_META_DATE = re.compile(r"date|time|pub|issued|creat")
_META_MODIFIED = re.compile(r"modif|updat|revis|edit|change|expir")
_ITEMPROP_DATE = re.compile(r"date(?:published|created)", re.IGNORECASE)
_DATA_DATE = re.compile(r"^data-.*(?:date|time|publish|created|posted|timestamp)")


def date_witnesses(page: Page) -> dict[str, set[str]]:
    """For each source, the calendar days the page's evidence of that kind names."""
    from selectolax.lexbor import LexborHTMLParser

    from clipper.extraction.dates import date_from_url, parse_date
    from clipper.extraction.jsonld import read_json_ld

    def day(value: object) -> str | None:
        found = parse_date(value) if isinstance(value, str) else None
        return found[:10] if found else None

    found: dict[str, set[str]] = {name: set() for name in SOURCES}
    tree = LexborHTMLParser(page.html)
    for node in read_json_ld(tree, page.url).nodes:
        for name in ("datePublished", "dateCreated", "uploadDate"):
            if value := day(node.get(name)):
                found["json-ld"].add(value)
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        names = " ".join(str(attrs.get(a) or "") for a in ("name", "property", "itemprop"))
        names = names.lower()
        declared = _META_DATE.search(names) and not _META_MODIFIED.search(names)
        if declared and (value := day(attrs.get("content"))):
            found["meta"].add(value)
    for node in tree.css("[itemprop]"):
        attrs = node.attributes
        declared = _ITEMPROP_DATE.search(str(attrs.get("itemprop")))
        if node.tag != "meta" and declared:
            value = day(attrs.get("datetime") or attrs.get("content") or node.text())
            if value:
                found["microdata"].add(value)
    for node in tree.css("time"):
        if value := day(node.attributes.get("datetime") or node.text()):
            found["time"].add(value)
    body = tree.body
    for node in body.css("*") if body is not None else []:
        for name, attribute in node.attributes.items():
            if attribute and _DATA_DATE.match(name) and (value := day(attribute)):
                found["data-attribute"].add(value)
    if page.url and (value := date_from_url(page.url)):
        found["url"].add(value)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    if body is not None:
        for line in body.text(deep=True, separator="\n").split("\n"):
            if 6 <= len(line.strip()) <= 120 and (value := day(line)):
                found["text"].add(value)
    return found


def source_of(value: str | None, witnesses: dict[str, set[str]]) -> str:
    """The first source (strongest first) naming the day of ``value``."""
    if not value:
        return "-"
    return next((name for name in SOURCES if value[:10] in witnesses[name]), "elsewhere")


def source_table(pages: list[Page], runs: dict[str, Run]) -> None:
    """Where clipper's dates came from, and where the right day lay when it failed."""
    witnesses = [date_witnesses(page) for page in pages]
    print("\n  published by source (counts; a page may hold the right day in several)")
    for which in sorted({page.fold for page in pages}):
        chosen = [
            i for i, page in enumerate(pages)
            if page.fold == which and page.expected("published") is not None
        ]  # fmt: skip
        print(f"    fold {which}: {len(chosen)} pages state a date")
        for label in ("clipper", "htmldate", "trafilatura"):
            if label not in runs:
                continue
            tally: dict[str, dict[str, int]] = {}
            for i in chosen:
                expected = pages[i].expected("published") or ""
                found = runs[label].fields[i].get("published")
                kind = verdict("published", expected, found)
                row = tally.setdefault(source_of(found, witnesses[i]), {})
                row[kind] = row.get(kind, 0) + 1
            cells = [
                f"{name} {row.get('right', 0)}/{row.get('wrong', 0)}"
                for name, row in sorted(tally.items())
                if name != "-"
            ]
            missing = tally.get("-", {}).get("missing", 0)
            print(f"      {label:<12} from (right/wrong): {', '.join(cells)}; none {missing}")
        for kind in ("missing", "wrong"):
            failed = [
                i for i in chosen
                if verdict("published", pages[i].expected("published"),
                           runs["clipper"].fields[i].get("published")) == kind
            ]  # fmt: skip
            held = {
                name: sum(
                    1 for i in failed
                    if (pages[i].expected("published") or "")[:10] in witnesses[i][name]
                )
                for name in SOURCES
            }  # fmt: skip
            nowhere = sum(
                1 for i in failed
                if not any(
                    (pages[i].expected("published") or "")[:10] in witnesses[i][name]
                    for name in SOURCES
                )
            )  # fmt: skip
            cells = ", ".join(f"{name} {count}" for name, count in held.items())
            print(f"      clipper {kind} {len(failed)}: right day in {cells}; in none {nowhere}")


def fold_table(pages: list[Page], runs: dict[str, Run]) -> None:
    folds = sorted({page.fold for page in pages})
    print("\n  by fold (right / wrong / missing; tune on a, quote b)")
    for name in FIELDS:
        labels = ["clipper", "trafilatura"]
        if name == "published":
            labels += ["htmldate", "clipper, else htmldate"]
        for label in labels:
            if label not in runs:
                continue
            cells = []
            for which in folds:
                chosen = [i for i, page in enumerate(pages) if page.fold == which]
                tally = counts(
                    name, [pages[i] for i in chosen], [runs[label].fields[i] for i in chosen]
                )
                n = tally["right"] + tally["wrong"] + tally["missing"]
                cells.append(
                    f"{which}: {rate(tally, 'right'):.3f} / {rate(tally, 'wrong'):.3f} / "
                    f"{rate(tally, 'missing'):.3f} n={n:<3d}"
                )
            print(f"    {name:<10} {label:<22} " + "   ".join(cells))


def worst(name: str, pages: list[Page], run: Run, limit: int) -> None:
    """Clipper's failures on a field: wrong values first, then missing ones."""
    failures = []
    for page, found in zip(pages, run.fields, strict=True):
        kind = verdict(name, page.expected(name), found.get(name))
        if kind in ("wrong", "missing"):
            failures.append((kind != "wrong", page, found.get(name)))
    if not failures:
        return
    failures.sort(key=lambda item: (item[0], item[1].fold, item[1].key))
    shown = min(limit, len(failures))
    print(f"\n  clipper's failures on {name}: {len(failures)} (showing {shown})")
    for missing, page, found in failures[:limit]:
        tag = "missing" if missing else "wrong"
        print(f"    {page.key} {page.fold} {page.kind:<13} {tag:<7} {short(page.url or '', 80)}")
        print(f"        expected {short(page.expected(name))}")
        print(f"        found    {short(found)}")


def coverage(pages: list[Page], runs: dict[str, Run]) -> None:
    print("\n  coverage (no truth: pages where the field is found)")
    for label, run in runs.items():
        if label not in ("clipper", "trafilatura"):
            continue
        cells = [
            f"{name} {sum(1 for f in run.fields if f.get(name)) / len(pages):.3f}"
            for name in FIELDS
        ]
        print(f"    {label:<12} " + "   ".join(cells))


def speed_lines(pages: list[Page], runs: dict[str, Run]) -> None:
    print("\n  speed of the whole extraction (pages per CPU second, best pass)")
    for label in ("clipper", "trafilatura (extract)", "trafilatura", "htmldate", "htmldate -x"):
        if label in runs:
            suffix = " (bare_extraction with metadata)" if label == "trafilatura" else ""
            if label.startswith("htmldate"):
                suffix = " (date only)"
            print(f"    {label:<24} {runs[label].speed():8.1f}{suffix}")
    if "clipper" in runs and "trafilatura (extract)" in runs:
        ratio = runs["clipper"].speed() / runs["trafilatura (extract)"].speed()
        print(f"    clipper.extract runs at {ratio:.1f}x trafilatura.extract")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="repeatable")
    parser.add_argument("--fold", choices=("a", "b"), help="only the pages of this fold")
    parser.add_argument("--only", choices=("clipper",), help="run clipper alone (faster)")
    parser.add_argument("--worst", type=int, default=12, help="clipper's failures per field")
    parser.add_argument("--field", action="append", choices=FIELDS, help="failures to list")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (best is kept)")
    parser.add_argument(
        "--sources", action="store_true", help="count dates by the kind of evidence they lie in"
    )
    parser.add_argument(
        "--undeclared",
        action="store_true",
        help="the same pages without declared dates, authors and URL: the visible ones alone",
    )
    args = parser.parse_args()
    corpora = args.corpus or available()
    if not corpora:
        print("no benchmark data found beside the checkout (shared/bench/)", file=sys.stderr)
        return 2
    quiet()
    makers: dict[str, Callable[[], Callable[[Page], Fields]]] = {"clipper": clipper_fields}
    if args.only != "clipper":
        makers["trafilatura (extract)"] = trafilatura_plain
        makers["trafilatura"] = trafilatura_fields
        makers["htmldate -x"] = lambda: htmldate_fields(True)
        makers["htmldate"] = lambda: htmldate_fields(False)
    extractors: dict[str, Callable[[Page], Fields]] = {}
    for label, make in makers.items():
        try:
            extractors[label] = make()
        except ImportError as error:
            print(f"{label}: not installed ({error.name}); pip install -e '.[bench]'")
    totals: dict[str, list[float]] = {}  # label -> [pages, seconds] over every corpus
    for corpus in corpora:
        pages = load(corpus, folds=args.fold or "ab")
        if not pages:
            continue
        if args.undeclared:
            pages = [undeclared(page) for page in pages]
        for extract in extractors.values():  # warm up imports and caches
            run_once(extract, pages[:1])
        runs: dict[str, Run] = {}
        for _ in range(max(1, args.repeat)):
            for label, extract in extractors.items():
                if label.startswith("htmldate") and corpus not in WITH_TRUTH:
                    continue
                run = run_once(extract, pages)
                if label in runs:
                    runs[label].seconds = min(runs[label].seconds, run.seconds)
                else:
                    runs[label] = run
        if "htmldate" in runs and "clipper" in runs:
            # clipper's own date, else htmldate's (without its extensive guessing).
            runs["clipper, else htmldate"] = Run(
                [
                    {**mine, "published": mine["published"] or theirs["published"]}
                    for mine, theirs in zip(
                        runs["clipper"].fields, runs["htmldate"].fields, strict=True
                    )
                ]
            )
        for label, run in runs.items():
            if run.seconds == float("inf"):
                continue
            total = totals.setdefault(label, [0.0, 0.0])
            total[0] += len(pages)
            total[1] += run.seconds
        stripped = ", declared dates and authors taken out" if args.undeclared else ""
        print(f"\n== {corpus}: {len(pages)} pages (folds {args.fold or 'a+b'}{stripped})")
        for label, run in runs.items():
            for key, message in list(run.errors.items())[:5]:
                print(f"  {label} raised on {key}: {message}")
        if corpus in WITH_TRUTH:
            for name in FIELDS:
                scored = {k: v for k, v in runs.items() if k != "trafilatura (extract)"}
                field_table(name, pages, scored)
            if len({page.fold for page in pages}) > 1:
                fold_table(pages, runs)
            if args.sources:
                source_table(pages, runs)
            for name in args.field or FIELDS:
                worst(name, pages, runs["clipper"], args.worst)
        else:
            coverage(pages, runs)
        speed_lines(pages, runs)
    if len(corpora) > 1 and "clipper" in totals and "trafilatura (extract)" in totals:
        mine, theirs = (totals[k][0] / totals[k][1] for k in ("clipper", "trafilatura (extract)"))
        print(
            f"\nall corpora: clipper.extract {mine:.1f} pages/s, trafilatura.extract "
            f"{theirs:.1f} pages/s: {mine / theirs:.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
