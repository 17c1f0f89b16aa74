"""Pictures with clippings: a batch with and without them, then an EPUB and notes with them.

Three figures, each beside its target, from one run:

1. **Batch.** A local server (its own process, on ``--hosts`` loopback
   addresses) serves ``--stories`` news stories (200), each with five pictures
   in its Markdown (figures with captions between its paragraphs, the first
   also its lead image, one a ``<picture>`` offering ``srcset`` widths), the
   page dressed as ``benchmarks/batch.py`` dresses its generated pages: PNGs of
   20–140 KB of noise, as photographs do not compress, on the story's own site
   (so the pictures share the site's ``per_host`` limit with the pages, the
   harder case). ``clipper clip --from`` runs in a fresh process into a
   fresh library, without and with ``--images``, ``--rounds`` times each in
   alternating order; the best run of each is compared (pages a second, and
   the peak memory of the process tree, RSS and PSS). Targets: with pictures
   at least half as fast, and peak memory within 1.5 times.
2. **EPUB.** A library of ``--clippings`` (1,000) synthetic clippings of about
   700 words, each with five stored pictures (PNGs of 2–40 KB, 5,000 in all),
   built untimed; ``write_epub`` of all of them is timed (best of 3). Target
   ≤ 10 s.
3. **Notes.** ``export_markdown`` of the same 1,000 clippings with their
   pictures into an empty folder (best of 3), and again into the full folder
   (every note and picture already there). Target ≤ 10 s.

    python benchmarks/images.py [--stories 200] [--clippings 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import statistics
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

try:  # run as a script: benchmarks/ is on the path
    from batch import Result, measure
    from installed import compile_clipper
    from loopback import NOT_FOUND
    from loopback import serve as serve_loopback
except ImportError:  # imported as benchmarks.images
    from benchmarks.batch import Result, measure
    from benchmarks.installed import compile_clipper
    from benchmarks.loopback import NOT_FOUND
    from benchmarks.loopback import serve as serve_loopback

from clipper.article import Article  # noqa: E402
from clipper.images.model import ImageData, ImageOutcome  # noqa: E402

PICTURES = 5
_VOCABULARY = (
    "the council said on monday that a new bridge over the river would open next year "
    "after a decade of delays and rising costs while residents welcomed news officials "
    "warned budget weather schedule transport minister hospital school harbour ferry"
)
_WORDS = _VOCABULARY.split(" ")


def noise_png(rng: random.Random, width: int, height: int) -> bytes:
    """A PNG of random pixels: as large as a photograph of its size, since it cannot shrink."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )


def _paragraph(rng: random.Random, n: int) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 90)))
    return f"Paragraph {n}: {words}."


def story_page(n: int, rng: random.Random) -> str:
    """A news story as sites serve them (the furniture of ``benchmarks/batch.py``'s
    generated pages: ad scripts, a menu, a "most read" aside, a footer), with five
    captioned figures between its paragraphs; the first is also its lead image
    (``og:image``), as on most news sites, and the third a ``<picture>`` whose
    ``srcset`` offers three widths."""
    paragraphs = [_paragraph(rng, k) for k in range(rng.randint(8, 30))]
    places = sorted(rng.sample(range(1, len(paragraphs)), PICTURES))
    parts: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index in places:
            k = places.index(index)
            if k == 2:
                figure = (
                    f'<picture><source type="image/webp" srcset="/img/{n}-{k}-800.png 800w, '
                    f'/img/{n}-{k}.png 1600w, /img/{n}-{k}-3200.png 3200w">'
                    f'<img src="/img/{n}-{k}-small.png" alt="Chart {k}"></picture>'
                )
            else:
                figure = f'<img src="/img/{n}-{k}.png" alt="Photograph {k} of story {n}">'
            parts.append(
                f"<figure>{figure}<figcaption>Caption {k} of story {n}.</figcaption></figure>"
            )
        parts.append(f"<p>{paragraph}</p>")
    title = f"Story {n}: the bridge opens next year"
    links = "".join(
        f"<li><a href='/section/{i}'>{_paragraph(rng, i)[:30]}</a></li>"
        for i in range(rng.randint(10, 120))
    )
    scripts = "".join(
        f"<script>window.ads{i}={{slot:{i},sizes:[[300,250],[728,90]]}};</script>"
        for i in range(rng.randint(1, 25))
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:image' content='/img/{n}-0.png'>"
        f"<link rel='canonical' href='/story/{n}'>{scripts}</head><body><header><nav><ul>"
        f"{links}</ul></nav></header><main><article><h1>{title}</h1>{''.join(parts)}"
        f"</article></main><aside><h3>Most read</h3><ul>{links[:3000]}</ul></aside>"
        "<footer><p>© The Daily.</p></footer></body></html>"
    )


def build_routes(stories: int) -> dict[str, tuple[bytes, str]]:
    rng = random.Random(20261207)
    routes: dict[str, tuple[bytes, str]] = {}
    for n in range(stories):
        routes[f"/story/{n}"] = (story_page(n, rng).encode(), "text/html; charset=utf-8")
        for k in range(PICTURES):
            side = rng.randint(80, 220)
            routes[f"/img/{n}-{k}.png"] = (noise_png(rng, side, side * 2 // 3), "image/png")
    return routes


def serve(routes: dict[str, tuple[bytes, str]], hosts: int, ready: Any) -> None:
    def respond(path: str, asked: dict[str, str], local: str) -> tuple[str, str, bytes]:
        found = routes.get(path)
        if found is None:
            return NOT_FOUND
        body, kind = found
        return "200 OK", f"Content-Type: {kind}\r\n", body

    serve_loopback(respond, hosts, ready)


def _stored(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as db:
        clippings = db.execute("SELECT count(*) FROM clippings").fetchone()[0]
        images = db.execute("SELECT count(*), coalesce(sum(size), 0) FROM images").fetchone()
        refused = db.execute("SELECT count(*) FROM clipping_images WHERE sha256 IS NULL")
    return (
        f"{clippings} clippings, {images[0]} pictures ({images[1] / 1e6:.1f} MB), "
        f"{refused.fetchone()[0]} refused"
    )


def run_batch(args: argparse.Namespace) -> dict[str, list[Result]]:
    routes = build_routes(args.stories)
    pictures = sum(len(body) for path, (body, _) in routes.items() if path.startswith("/img/"))
    print(
        f"{args.stories} stories with {PICTURES} pictures each "
        f"({pictures / 1e6:.1f} MB of pictures), over {args.hosts} hosts; "
        f"{os.cpu_count()} CPUs"
    )
    context = multiprocessing.get_context("fork")
    ready = context.Queue()
    server = context.Process(target=serve, args=(routes, args.hosts, ready), daemon=True)
    server.start()
    runs: dict[str, list[Result]] = {}
    try:
        port = ready.get(timeout=60)
        with tempfile.TemporaryDirectory(prefix="clipper-images-") as folder:
            urls = Path(folder) / "urls.txt"
            urls.write_text(
                "".join(
                    f"http://127.0.0.{1 + n % args.hosts}:{port}/story/{n}\n"
                    for n in range(args.stories)
                )
            )
            env = {**os.environ, "CLIPPER_CONFIG": str(Path(folder) / "none.toml")}
            command = [sys.executable, "-m", "clipper", "--library", f"{folder}/a.db", "clip",
                       "--from", str(urls)]  # fmt: skip
            contenders = {"without pictures": command, "with --images": [*command, "--images"]}
            for round_ in range(args.rounds):
                names = list(contenders) if round_ % 2 == 0 else list(contenders)[::-1]
                for name in names:
                    for stale in Path(folder).glob("*.db*"):
                        stale.unlink()
                    result = measure(name, contenders[name], env, capture="stderr")
                    result.output = _stored(Path(folder) / "a.db")
                    runs.setdefault(name, []).append(result)
                    print(
                        f"  round {round_ + 1}, {name}: "
                        f"{args.stories / result.seconds:.1f} stories/s, {result.output}",
                        flush=True,
                    )
    finally:
        server.terminate()
        server.join()
    return runs


# -- a library of clippings with pictures --------------------------------------------------


@dataclass
class Timed:
    best: float
    median: float


def timed(
    step: Callable[[], Any], setup: Callable[[], Any] = lambda: None, rounds: int = 3
) -> Timed:
    times = []
    for _ in range(rounds):
        setup()
        os.sync()
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return Timed(min(times), statistics.median(times))


def build_library(path: Path, count: int) -> int:
    """``count`` clippings of ~700 words with five stored pictures each; the bytes stored."""
    from clipper.library import Library

    rng = random.Random(20261208)
    stored = 0
    with Library.open(path) as library, library.transaction():
        for n in range(count):
            pictures = []
            paragraphs = [_paragraph(rng, k) for k in range(10)]
            markdown = [paragraphs[0]]
            for k in range(PICTURES):
                url = f"https://news.example.org/img/{n}-{k}.png"
                side = rng.randint(30, 110)
                data = noise_png(rng, side, side * 2 // 3)
                stored += len(data)
                image = ImageData(data, "image/png", side, side * 2 // 3)
                when = "2026-12-01T08:00:00+00:00"
                pictures.append(ImageOutcome(url, image, source=url, fetched_at=when))
                markdown += [f"![Photograph {k}]({url})\\\n*Caption {k}.*", paragraphs[k + 1]]
            markdown += [f"## Later {n}", *paragraphs[6:]]
            article = Article(
                title=f"Story {n}: the bridge opens next year",
                url=f"https://news.example.org/story/{n}",
                authors=("Anna Keller",),
                published=f"2026-0{1 + n % 9}-{1 + n % 28:02d}",
                site="Example News",
                language="en",
                text="\n\n".join(paragraphs),
                markdown="\n\n".join(markdown),
            )
            library.add(article, images=pictures)
    return stored


def run_exports(args: argparse.Namespace, work: Path) -> tuple[Timed, Timed, Timed, int]:
    from clipper.epub import write_epub
    from clipper.export import export_markdown, select
    from clipper.library import Library

    database = work / "library.db"
    start = time.perf_counter()
    stored = build_library(database, args.clippings)
    print(
        f"\n{args.clippings} clippings with {PICTURES} pictures each "
        f"({stored / 1e6:.1f} MB of pictures) built in {time.perf_counter() - start:.1f} s"
    )
    book = work / "clippings.epub"
    notes = work / "notes"
    with Library.open(database) as library:
        images = library.images

        def epub() -> None:
            with book.open("wb") as stream:
                write_epub(
                    select(library, None), stream, title="Clippings",
                    pictures=images.of_clippings, image_bytes=images.data,
                )  # fmt: skip

        epub_time = timed(epub)
        fresh = timed(
            lambda: export_markdown(select(library, None), notes, library=library),
            setup=lambda: shutil.rmtree(notes, ignore_errors=True),
        )
        again = timed(lambda: export_markdown(select(library, None), notes, library=library))
    return epub_time, fresh, again, book.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--clippings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["batch", "exports"])
    args = parser.parse_args()
    compile_clipper()
    runs = run_batch(args) if args.only != "exports" else {}
    exports = None
    if args.only != "batch":
        with tempfile.TemporaryDirectory(prefix="clipper-images-") as folder:
            exports = run_exports(args, Path(folder))
    if runs:
        print(
            f"\nbatch of {args.stories} stories, best of {args.rounds} (median in brackets)\n"
            f"{'':<18} {'stories/s':>17} {'CPU s':>7} {'peak RSS':>9} {'peak PSS':>9}"
        )
        best = {}
        for name, results in runs.items():
            fastest = min(results, key=lambda r: r.seconds)
            median = statistics.median(args.stories / r.seconds for r in results)
            best[name] = fastest
            print(
                f"{name:<18} {args.stories / fastest.seconds:8.1f} [{median:6.1f}] "
                f"{min(r.cpu_seconds for r in results):7.2f} "
                f"{max(r.peak_rss_kb for r in results) / 1024:7.0f}MB "
                f"{max(r.peak_pss_kb for r in results) / 1024:7.0f}MB"
            )
        plain, pictures = best["without pictures"], best["with --images"]
        pace = plain.seconds / pictures.seconds
        rss = max(r.peak_rss_kb for r in runs["with --images"]) / max(
            r.peak_rss_kb for r in runs["without pictures"]
        )
        pss = max(r.peak_pss_kb for r in runs["with --images"]) / max(
            r.peak_pss_kb for r in runs["without pictures"]
        )
        print(
            f"with pictures: {pace:.0%} of the pace without ({'meets' if pace >= 0.5 else 'MISSES'}"
            f" the 50% target); peak memory {rss:.2f}x RSS, {pss:.2f}x PSS "
            f"({'meets' if max(rss, pss) <= 1.5 else 'MISSES'} the 1.5x target)"
        )
    if exports is not None:
        epub_time, fresh, again, size = exports
        print(
            f"\nEPUB of {args.clippings} clippings with their pictures: {epub_time.best:.2f} s "
            f"[{epub_time.median:.2f}], {size / 1e6:.1f} MB "
            f"({'meets' if epub_time.best <= 10 else 'MISSES'} the 10 s target)\n"
            f"notes with pictures, empty folder: {fresh.best:.2f} s [{fresh.median:.2f}] "
            f"({'meets' if fresh.best <= 10 else 'MISSES'} the 10 s target); "
            f"again, all in place: {again.best:.2f} s [{again.median:.2f}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
