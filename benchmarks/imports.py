"""Import speed: a Pocket export of 20,000 links, an Omnivore export of 2,000 articles.

Builds the two exports as the services wrote them (deterministic, seeded):

- Pocket: a ZIP of ``part_000000.csv`` and ``part_000001.csv`` (10,000 rows
  each, the ``cursor`` column included, tags, a third archived) and
  ``annotations/part_000000.json`` (highlights on one link in ten);
- Omnivore: a ZIP of ``metadata_*_to_*.json`` (20 articles a file), the
  readable HTML of each article (``content/<slug>.html``, ~900 words in
  paragraphs and headings, as Omnivore kept it) and, for one in three,
  ``highlights/<slug>.md``;

then times ``clipper import`` (``import_file``, the command's whole path:
reading the ZIP member by member, extraction of every Omnivore article,
storing in one transaction) into a fresh library, and the same import again
into that library (which adds nothing). Targets (issue 18): Pocket ≤ 3 s,
Omnivore ≤ 30 s including extraction. No peer imports these exports, so the
figures are absolute; each is the best of ``--repeat`` runs.

    python benchmarks/imports.py [--links 20000] [--articles 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipper.importers import import_file  # noqa: E402
from clipper.library import Library  # noqa: E402

_VOCABULARY = (
    "the government said on tuesday that talks would resume next week after a pause officials "
    "minister report economy inflation rates market climate glacier bombers patrol pacific "
    "election parliament vote court ruling city council river harbour bridge school hospital"
)
WORDS = _VOCABULARY.split(" ")
TAGS = ["politics", "climate", "long reads", "economy", "science", "to read", "weekend"]


def sentence(rng: random.Random, size: int) -> str:
    return " ".join(rng.choices(WORDS, k=size)).capitalize() + "."


def pocket_export(path: Path, links: int, rng: random.Random) -> None:
    annotated = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, start in enumerate(range(0, links, 10_000)):
            rows = ["title,url,time_added,cursor,tags,status"]
            for n in range(start, min(links, start + 10_000)):
                url = f"https://news{n % 97}.example.org/{n}/{'-'.join(rng.choices(WORDS, k=4))}"
                title = sentence(rng, rng.randint(4, 12)).replace('"', "")
                tags = "|".join(rng.sample(TAGS, rng.choice((0, 0, 1, 2))))
                status = "archive" if n % 3 == 0 else "unread"
                rows.append(f'"{title}",{url},{1_500_000_000 + n * 3600},{n},{tags},{status}')
                if n % 10 == 0:
                    quotes = [sentence(rng, 12) for _ in range(rng.randint(1, 3))]
                    annotated.append(
                        {
                            "url": url,
                            "title": title,
                            "highlights": [
                                {"quote": q, "created_at": 1_500_000_000 + n * 3600 + 60}
                                for q in quotes
                            ],
                        }
                    )
            archive.writestr(f"part_{part:06d}.csv", "\n".join(rows) + "\n")
        archive.writestr("annotations/part_000000.json", json.dumps(annotated, indent=2))


def article_html(rng: random.Random) -> tuple[str, list[str]]:
    blocks, quotes = [], []
    for section in range(4):
        if section:
            blocks.append(f"<h2>{sentence(rng, 4)[:-1]}</h2>")
        for _ in range(rng.randint(3, 5)):
            text = " ".join(sentence(rng, rng.randint(10, 24)) for _ in range(rng.randint(3, 6)))
            blocks.append(f"<p>{text}</p>")
            if rng.random() < 0.1:
                quotes.append(text.split(".")[0] + ".")
    html = '<DIV class="page" id="readability-page-1"><div>' + "\n".join(blocks) + "</div></DIV>"
    return html, quotes


def omnivore_export(path: Path, articles: int, rng: random.Random) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for start in range(0, articles, 20):
            batch = []
            for n in range(start, min(articles, start + 20)):
                slug = f"story-{n}-{rng.getrandbits(40):010x}"
                html, quotes = article_html(rng)
                batch.append(
                    {
                        "id": f"{n:08x}-0000-4000-8000-000000000000",
                        "slug": slug,
                        "title": sentence(rng, rng.randint(5, 10))[:-1],
                        "description": sentence(rng, 20),
                        "author": "Anna Keller",
                        "url": f"https://site{n % 53}.example.com/{n}/{slug}",
                        "state": "ARCHIVED" if n % 4 == 0 else "SUCCEEDED",
                        "readingProgress": 0,
                        "thumbnail": None,
                        "labels": rng.sample(TAGS, rng.choice((0, 1, 2))),
                        "savedAt": f"2024-0{1 + n % 9}-{1 + n % 28:02d}T08:00:00.000Z",
                        "updatedAt": f"2024-0{1 + n % 9}-{1 + n % 28:02d}T09:00:00.000Z",
                        "publishedAt": f"2024-0{1 + n % 9}-{1 + n % 28:02d}T06:00:00.000Z",
                    }
                )
                archive.writestr(f"content/{slug}.html", html)
                if n % 3 == 0 and quotes:
                    marked = "\n\n".join(f"> {q} \n\nA note on it." for q in quotes)
                    archive.writestr(f"highlights/{slug}.md", marked)
            end = start + len(batch)
            archive.writestr(f"metadata_{start}_to_{end}.json", json.dumps(batch, indent=2))


def timed(
    label: str, step: Callable[[], object], setup: Callable[[], object], repeat: int
) -> float:
    runs = []
    for _ in range(repeat):
        setup()
        started, cpu = time.perf_counter(), time.process_time()
        result = step()
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    seconds, cpu_seconds = min(runs)
    print(f"{label:<52} {seconds:6.2f} s wall {cpu_seconds:6.2f} s cpu   {result}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="clipper-imports-"))
    try:
        run(work, args.links, args.articles, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, links: int, articles: int, repeat: int) -> None:
    rng = random.Random(20_250_708)
    pocket, omnivore = work / "pocket.zip", work / "omnivore.zip"
    pocket_export(pocket, links, rng)
    omnivore_export(omnivore, articles, rng)
    size = {p.name: p.stat().st_size >> 10 for p in (pocket, omnivore)}
    print(f"Pocket export: {links:,} links, {size['pocket.zip']:,} KB; "
          f"Omnivore export: {articles:,} articles, {size['omnivore.zip']:,} KB\n")  # fmt: skip
    library = work / "library.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{library}{suffix}").unlink(missing_ok=True)

    def load(path: Path) -> Callable[[], str]:
        def step() -> str:
            with Library.open(library) as opened:
                return import_file(opened, path).summary()

        return step

    results = {}
    for name, path, count, target in (
        ("Pocket", pocket, f"{links:,} links", 3.0),
        ("Omnivore", omnivore, f"{articles:,} articles", 30.0),
    ):
        seconds = timed(f"{name}: {count} into an empty library", load(path), fresh, repeat)
        timed(f"{name}: the same export again (adds nothing)", load(path), lambda: 0, repeat)
        results[name] = (seconds, target)
    print()
    for name, (seconds, target) in results.items():
        verdict = "meets" if seconds <= target else "MISSES"
        print(f"{name}: {seconds:.2f} s ({verdict} the {target:.0f} s target)")


if __name__ == "__main__":
    main()
