"""Batch clipping speed: clipper beside trafilatura, fetching and extracting the same URLs.

A local server (its own process, on loopback addresses of this machine) serves
1,000 varied pages: the 181 pages of the ScrapingHub benchmark, read at run time
from ``../shared/bench/scrapinghub`` (or ``--data``), never copied, plus
generated news pages in several languages, encodings, sizes and layouts. It
gzips when asked, as real servers do, and every 25th link redirects. The
pages are spread over ``--hosts`` addresses (127.0.0.1, 127.0.0.2, ...), since a
real list of links comes from many sites and clipper limits itself per site.

Each contender runs in a fresh process, timed from start to exit (so start-up
is included), while this script samples the memory of its whole process tree:

- ``clipper``: the real command, ``clipper clip --from urls.txt`` into a fresh
  library (fetch, extract, store every page; default settings: 16 jobs, 2 per
  host, worker processes).
- ``clipper (thread)``: the same batch through the Python API in one process,
  extraction in one thread instead of worker processes: the measurement behind
  that choice.
- ``trafilatura``: ``fetch_url`` + ``extract`` for each URL in a pool of as many
  threads as clipper's default ``--jobs`` (``--threads``), so that both have as
  many pages in flight (its Python API; its CLI's ``-i`` mode waits between
  requests to one host, which would measure politeness, not speed). It stores
  nothing.

CPU time is user + system time of the contender's whole process tree: on a
shared machine it is steadier than the wall clock, and it shows what a batch
costs whatever the number of CPUs. Peak memory is the largest sum over the
process tree of RSS (which counts pages shared by forked workers once per
process) and of PSS (which shares them out).

The machine is shared, so each contender runs ``--rounds`` times, in
alternating order; the best run is the figure (the least disturbed one, as
``timeit`` does) and the median is printed beside it.

    python benchmarks/batch.py [--pages 1000] [--hosts 8] [--rounds 3] [--only clipper]
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from clipper.fetch import FetchOptions

try:  # run as a script: benchmarks/ is on the path
    from installed import compile_clipper
    from loopback import NOT_FOUND
    from loopback import serve as serve_loopback
    from procfs import process_tree
except ImportError:  # imported as benchmarks.batch, as the tests do
    from benchmarks.installed import compile_clipper
    from benchmarks.loopback import NOT_FOUND
    from benchmarks.loopback import serve as serve_loopback
    from benchmarks.procfs import process_tree

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (a worktree may sit one level deeper).
DEFAULT_DATA = next(
    (
        folder / "shared" / "bench" / "scrapinghub"
        for folder in ROOT.parents
        if (folder / "shared" / "bench" / "scrapinghub").is_dir()
    ),
    ROOT.parent / "shared" / "bench" / "scrapinghub",
)

# -- pages -------------------------------------------------------------------------------

_WORDS = {
    "en": "the council said on monday that a new bridge over the river would open next "
    "year after a decade of delays and rising costs while residents welcomed news "
    "officials warned budget weather schedule transport minister hospital school",
    "de": "der stadtrat sagte am montag dass eine neue brücke über den fluss im nächsten "
    "jahr nach zehn jahren verzögerung eröffnet werde während anwohner begrüßten",
    "fr": "le conseil a déclaré lundi qu'un nouveau pont sur la rivière ouvrirait "
    "l'année prochaine après une décennie de retards et de hausses des coûts",
    "ru": "городской совет заявил в понедельник что новый мост через реку откроется в "
    "следующем году после десяти лет задержек и роста расходов жители приветствовали",
    "ja": "市議会は月曜日 川に架かる新しい橋が 十年の遅れと費用の増加を経て 来年開通すると"
    "発表した 住民は歓迎した 当局は予算と天候について警告した",
    "zh": "市议会周一表示 经过十年的拖延和成本上涨 横跨河流的新桥将于明年通车 居民表示欢迎"
    " 官员警告预算和天气可能影响工期",
}
_ENCODINGS = {"ru": "windows-1251", "ja": "shift_jis", "zh": "gb18030"}
_CJK = {"ja", "zh"}


def _sentence(rng: random.Random, language: str) -> str:
    words = _WORDS[language].split()
    picked = [rng.choice(words) for _ in range(rng.randint(8, 22))]
    if language in _CJK:
        return "".join(picked) + "。"
    return " ".join(picked).capitalize() + "."


def generated_page(n: int, rng: random.Random) -> tuple[bytes, str]:
    """A news page with its furniture: (bytes, Content-Type)."""
    language = rng.choice(["en", "en", "en", "de", "fr", "ru", "ja", "zh"])
    encoding = _ENCODINGS[language] if rng.random() < 0.5 and language in _ENCODINGS else "utf-8"
    title = _sentence(rng, language).rstrip(".。")[:90] + f" ({n})"
    paragraphs = [
        " ".join(_sentence(rng, language) for _ in range(rng.randint(2, 6)))
        for _ in range(rng.randint(3, 40))
    ]
    links = "".join(
        f'<li><a href="/section/{i}">{_sentence(rng, language)[:30]}</a></li>'
        for i in range(rng.randint(10, 120))
    )
    layout = rng.choice(["article", "div", "table"])
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    if layout == "article":
        story = f"<article><h1>{title}</h1><div class='byline'>By Staff</div>{body}</article>"
    elif layout == "div":
        story = f"<div id='content'><h1>{title}</h1><div class='entry'>{body}</div></div>"
    else:
        story = (
            f"<table><tr><td class='nav'><ul>{links[:2000]}</ul></td>"
            f"<td><h2>{title}</h2>{body}</td></tr></table>"
        )
    scripts = "".join(
        f"<script>window.ads{i}={{slot:{i},sizes:[[300,250],[728,90]]}};</script>"
        for i in range(rng.randint(1, 25))
    )
    html = (
        f"<!DOCTYPE html><html lang='{language}'><head><meta charset='{encoding}'>"
        f"<title>{title} | The Daily {n % 40}</title>"
        f"<link rel='canonical' href='/p/{n:04d}'>"
        f"<meta property='og:title' content=\"{title}\">"
        f"<meta property='article:published_time' content='2024-0{1 + n % 9}-1{n % 10}T08:00:00Z'>"
        f"{scripts}</head><body><header><nav><ul>{links}</ul></nav></header>"
        f"<main>{story}</main><aside><h3>Most read</h3><ul>{links[:3000]}</ul></aside>"
        f"<footer><p>© The Daily {n % 40}. All rights reserved.</p></footer></body></html>"
    )
    declared = "text/html" if rng.random() < 0.3 else f"text/html; charset={encoding}"
    return html.encode(encoding, "replace"), declared


@dataclass(frozen=True)
class Route:
    body: bytes
    gzipped: bytes | None
    content_type: str
    location: str | None = None


def build_site(count: int, data: Path | None) -> dict[str, Route]:
    """Paths to answers; ``/p/NNNN`` pages, some reached through ``/r/NNNN``."""
    rng = random.Random(20240601)
    real = sorted((data / "html").glob("*.html.gz"))[:count] if data is not None else []
    # Each real page once (their canonical URLs differ), at random places in the list.
    places = dict(zip(sorted(rng.sample(range(count), len(real))), real, strict=True))
    routes: dict[str, Route] = {}
    for n in range(count):
        if n in places:
            body, content_type = gzip.decompress(places[n].read_bytes()), "text/html"
        else:  # its canonical URL is its own path, /p/NNNN
            body, content_type = generated_page(n, rng)
        routes[f"/p/{n:04d}"] = Route(body, gzip.compress(body, 6), content_type)
        if n % 25 == 0:
            routes[f"/r/{n:04d}"] = Route(b"", None, "text/html", location=f"/p/{n:04d}")
    return routes


def link(n: int, hosts: int, port: int) -> str:
    path = f"/r/{n:04d}" if n % 25 == 0 else f"/p/{n:04d}"
    return f"http://127.0.0.{1 + n % hosts}:{port}{path}"


# -- the server (its own process) ---------------------------------------------------------


def serve(routes: dict[str, Route], hosts: int, ready: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    def respond(path: str, asked: dict[str, str], local: str) -> tuple[str, str, bytes]:
        route = routes.get(path)
        if route is None:
            return NOT_FOUND
        if route.location is not None:
            return "301 Moved Permanently", f"Location: {route.location}\r\n", b""
        headers = f"Content-Type: {route.content_type}\r\n"
        if route.gzipped is not None and "gzip" in asked.get("accept-encoding", "").lower():
            return (
                "200 OK",
                headers + "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n",
                route.gzipped,
            )
        return "200 OK", headers, route.body

    serve_loopback(respond, hosts, ready)


# -- measuring a contender -------------------------------------------------------------------


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process, in kB; zeros once it has gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class Result:
    name: str
    seconds: float
    cpu_seconds: float
    peak_rss_kb: int
    peak_pss_kb: int
    output: str


def measure(
    name: str, command: list[str], env: dict[str, str], *, capture: str = "stdout"
) -> Result:
    """Run ``command``; ``Result.output`` is what it wrote on ``capture`` (stdout or stderr)."""
    peaks = [0, 0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    wanted = {"stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL}
    if capture == "stderr":
        wanted = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    process = subprocess.Popen(command, env=env, text=True, **wanted)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = process_tree(process.pid)
            sizes = [_memory(pid) for pid in pids]
            peaks[0] = max(peaks[0], sum(s[0] for s in sizes))
            peaks[1] = max(peaks[1], sum(s[1] for s in sizes))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    output = err if capture == "stderr" else out
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # a crash is reported, and the run left out
        crash = f"exit code {process.returncode}\n{output}"
        return Result(name, elapsed, cpu, peaks[0], peaks[1], crash)
    return Result(name, elapsed, cpu, peaks[0], peaks[1], output.strip())


CLIPPER_THREAD = textwrap.dedent(
    """
    import sys
    from clipper.batch import clip_batch, read_url_list
    from clipper.library import Library
    with Library.open(sys.argv[2]) as library:
        summary = clip_batch(library, read_url_list(sys.argv[1]), extraction="thread")
    print(f"{summary.count('clipped')} clipped, {summary.count('failed')} failed")
    """
)

TRAFILATURA = textwrap.dedent(
    """
    import sys
    from concurrent.futures import ThreadPoolExecutor
    import trafilatura
    from trafilatura.settings import use_config
    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "false")  # the server is on loopback
    urls = open(sys.argv[1]).read().split()
    def one(url):
        html = trafilatura.fetch_url(url, config=config)
        return trafilatura.extract(html, url=url, config=config) if html else None
    with ThreadPoolExecutor(int(sys.argv[2])) as pool:
        texts = list(pool.map(one, urls))
    empty = sum(1 for t in texts if not t)
    print(f"{len(texts) - empty} extracted, {empty} empty or failed")
    """
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses to spread over")
    parser.add_argument(
        "--threads",
        type=int,
        default=FetchOptions().jobs,
        help="trafilatura's thread pool (default: clipper's --jobs, so both fetch as many at once)",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", action="append", help="run only these contenders")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each contender")
    args = parser.parse_args()
    compile_clipper()
    data = args.data if (args.data / "html").is_dir() else None
    if data is None:
        print(f"no ScrapingHub pages in {args.data}: serving generated pages only")
    routes = build_site(args.pages, data)
    real = sum(1 for path in routes if path.startswith("/p/"))
    size = sum(len(r.body) for r in routes.values()) / real
    print(
        f"{real} pages ({min(181, args.pages) if data else 0} ScrapingHub, the rest generated), "
        f"{size / 1024:.0f} KB on average, over {args.hosts} hosts; {os.cpu_count()} CPUs"
    )
    context = multiprocessing.get_context("fork")
    ready: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    server = context.Process(target=serve, args=(routes, args.hosts, ready), daemon=True)
    server.start()
    try:
        port = ready.get(timeout=60)
        with tempfile.TemporaryDirectory(prefix="clipper-batch-") as folder:
            urls = Path(folder) / "urls.txt"
            urls.write_text("\n".join(link(n, args.hosts, port) for n in range(real)) + "\n")
            env = {**os.environ, "CLIPPER_CONFIG": str(Path(folder) / "none.toml")}
            python = sys.executable
            contenders = {
                "clipper": [python, "-m", "clipper", "--library", f"{folder}/a.db", "clip",
                            "--from", str(urls)],
                "clipper (thread)": [python, "-c", CLIPPER_THREAD, str(urls), f"{folder}/b.db"],
                "trafilatura": [python, "-c", TRAFILATURA, str(urls), str(args.threads)],
            }  # fmt: skip
            runs: dict[str, list[Result]] = {}
            names = [n for n in contenders if not args.only or n in args.only]
            for round_ in range(args.rounds):
                # Alternate the order, so that neither side always runs first.
                for name in names if round_ % 2 == 0 else names[::-1]:
                    for stale in Path(folder).glob("*.db*"):
                        stale.unlink()
                    result = measure(name, contenders[name], env)
                    if name == "clipper":
                        result.output = _library_summary(Path(folder) / "a.db")
                    if not result.output.startswith("exit code"):
                        runs.setdefault(name, []).append(result)
                    print(
                        f"  round {round_ + 1}, {name}: {real / result.seconds:.1f} pages/s, "
                        f"{result.output}",
                        flush=True,
                    )
    finally:
        server.terminate()
        server.join()
    print(
        f"\nbest of {args.rounds} (the median in brackets)\n"
        f"{'contender':<18} {'pages/s':>16} {'CPU ms/page':>11} {'peak RSS':>9} {'peak PSS':>9}"
    )
    best: dict[str, float] = {}
    for name, results in runs.items():
        fastest = min(results, key=lambda r: r.seconds)
        median = statistics.median(real / r.seconds for r in results)
        cpu = min(r.cpu_seconds for r in results) / real * 1000
        best[name] = real / fastest.seconds
        print(
            f"{name:<18} {best[name]:7.1f} [{median:6.1f}] {cpu:11.2f} "
            f"{max(r.peak_rss_kb for r in results) / 1024:7.0f}MB "
            f"{max(r.peak_pss_kb for r in results) / 1024:7.0f}MB"
        )
    if "clipper" in best and "trafilatura" in best:
        print(f"\nclipper is {best['clipper'] / best['trafilatura']:.1f}x trafilatura's speed")
    return 0


def _library_summary(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as db:
        clippings = db.execute("SELECT count(*) FROM clippings").fetchone()[0]
        pages = db.execute("SELECT count(*) FROM pages").fetchone()[0]
    return f"{clippings} clippings, {pages} raw pages stored"


if __name__ == "__main__":
    sys.exit(main())
