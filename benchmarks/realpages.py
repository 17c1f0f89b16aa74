"""Real pages through the offline web: clipper's batch beside trafilatura, same URLs, same proxy.

The pages of ``../shared/bench/modern-2026`` (under their own URLs, ``https``
turned into ``http``) and ``../shared/bench/readability-testpages`` (under
``http://readability-testpages.example/<id>/``) are served by the offline web
of the tests (``tests/offline_web.py``): a forward HTTP proxy on 127.0.0.1, in
this process, that sends each saved page gzipped to clients that accept gzip.
The list holds each URL once (a corpus holds a few pages twice).

Each contender runs once, in a fresh process timed from start to exit (start-up
included), with ``benchmarks/batch.py``'s ``measure`` (CPU time and peak memory
of its whole process tree):

- ``clipper``: the real command, ``clipper clip --from urls.txt`` into a fresh
  library, with ``HTTP_PROXY`` pointing at the proxy; default settings (16 jobs,
  2 per host, worker processes). It fetches, extracts and stores every page.
  Counted from the library and its per-URL lines: clipped (a new clipping),
  already (its canonical link names a clipping made from another URL of the
  list), no story ("no story found"), errors (any other failure).
- ``trafilatura``: its ``fetch_url`` for each URL in a pool of as many threads
  as clipper's ``--jobs`` (``--threads``), as in ``benchmarks/batch.py``, and
  its ``extract`` for each page fetched in a pool of one process per CPU, as
  clipper's batch extracts. (``extract`` in the 16 threads, as ``batch.py``
  runs it, crashed the process in about half the runs on these pages: SIGSEGV
  or "double free or corruption" inside lxml's ``fromstring`` and
  ``text_content``, run by several threads at once.) ``fetch_url`` honours no
  HTTP proxy (only a SOCKS one, with PySocks, read from ``http_proxy``), so its
  urllib3 pool (``trafilatura.downloads.HTTP_POOL``, the pool its own code makes
  once and reuses) is set beforehand to a ``urllib3.ProxyManager`` for the same
  proxy, with the arguments trafilatura gives its own pool and room for as many
  connections as threads (through a proxy every request goes to one host: a pool
  of one would drop and reopen connections). Everything else is trafilatura's:
  headers, retries, size checks, decoding, extraction. It stores nothing.
  Counted: clipped (text extracted), no story (fetched, nothing extracted),
  errors (the fetch failed).

The proxy serves both from this process; its own CPU time is in neither figure.

    python benchmarks/realpages.py [--corpus modern-2026 --corpus readability-testpages]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the tests' offline web is imported from here

from benchmarks.batch import Result, measure  # noqa: E402
from benchmarks.corpora import fold_of  # noqa: E402
from benchmarks.installed import compile_clipper  # noqa: E402
from clipper.fetch import FetchOptions  # noqa: E402
from tests.offline_web import OfflineWeb, SavedPage, answers_for, corpus_pages  # noqa: E402

CORPORA = ("modern-2026", "readability-testpages")

TRAFILATURA = textwrap.dedent(
    """
    import multiprocessing, os, sys
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
    import certifi, urllib3
    import trafilatura, trafilatura.downloads
    from trafilatura.settings import use_config
    urls_file, threads, proxy = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "false")  # the proxy is on loopback
    trafilatura.downloads.HTTP_POOL = urllib3.ProxyManager(
        proxy, num_pools=50, maxsize=threads,
        ca_certs=certifi.where(), cert_reqs="CERT_REQUIRED",
    )
    urls = open(urls_file).read().split()
    def extract(html, url):
        return bool(trafilatura.extract(html, url=url, config=config))
    cpus = len(os.sched_getaffinity(0))
    with ProcessPoolExecutor(cpus, mp_context=multiprocessing.get_context("fork")) as extractors:
        extractors.submit(int).result()  # the processes start before any thread
        def one(url):
            html = trafilatura.fetch_url(url, config=config)
            if html is None:
                return "error"
            return "clipped" if extractors.submit(extract, html, url).result() else "no story"
        with ThreadPoolExecutor(threads) as pool:
            for url, outcome in zip(urls, pool.map(one, urls)):
                print(outcome, url, flush=True)  # all that was done, should it crash
    """
)


def clipper_outcomes(library: Path, stderr: str, urls: list[str]) -> dict[str, str]:
    """Each URL's outcome in clipper's batch: from the library, then from its per-URL lines."""
    with sqlite3.connect(library) as db:
        stored = {row[0] for row in db.execute("SELECT source FROM pages")}
    said: dict[str, str] = {}
    wanted = set(urls)
    for line in stderr.splitlines():
        for token in line.split():
            if token.rstrip(":") in wanted:
                said.setdefault(token.rstrip(":"), line.strip())
    outcomes = {}
    for url in urls:
        line = said.get(url, "")
        if url in stored:
            outcomes[url] = "clipped"
        elif line.startswith("already"):
            outcomes[url] = "already"
        elif "no story found" in line:
            outcomes[url] = "no story"
        else:
            outcomes[url] = "error"
    return outcomes


def trafilatura_outcomes(output: str) -> dict[str, str]:
    """Each URL's outcome, from the lines ``OUTCOME URL`` the script prints."""
    outcomes = {}
    for line in output.splitlines():
        if line.startswith("exit code"):  # it crashed: see main()
            continue
        outcome, _, url = line.rpartition(" ")
        outcomes[url] = outcome
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", action="append", choices=CORPORA, help="corpora to serve (default: both)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=FetchOptions().jobs,
        help="trafilatura's thread pool (default: clipper's --jobs, so both fetch as many at once)",
    )
    parser.add_argument("--only", action="append", help="run only these contenders")
    args = parser.parse_args()
    compile_clipper()
    pages: list[SavedPage] = []
    for corpus in args.corpus or CORPORA:
        pages += corpus_pages(corpus)
    urls = list(dict.fromkeys(page.url for page in pages))
    fold = {page.url: fold_of(page.corpus, page.key) for page in reversed(pages)}
    hosts = len({url.split("/")[2] for url in urls})
    print(f"{len(urls)} URLs on {hosts} hosts ({len(pages)} saved pages); {os.cpu_count()} CPUs")
    results: dict[str, tuple[Result, dict[str, str]]] = {}
    with OfflineWeb(answers_for(pages)) as web, tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        env = web.env({**os.environ, "CLIPPER_CONFIG": str(Path(folder) / "none.toml")})
        library = Path(folder) / "clippings.db"
        python = sys.executable
        contenders = {
            "clipper": [python, "-m", "clipper", "--library", str(library), "clip",
                        "--from", str(listing)],
            "trafilatura": [python, "-c", TRAFILATURA, str(listing), str(args.threads), web.proxy],
        }  # fmt: skip
        for name, command in contenders.items():
            if args.only and name not in args.only:
                continue
            if name == "clipper":
                result = measure(name, command, env, capture="stderr")
                outcomes = clipper_outcomes(library, result.output, urls)
            else:
                result = measure(name, command, env)
                outcomes = trafilatura_outcomes(result.output)
            results[name] = (result, outcomes)
            print(f"  {name}: {len(urls) / result.seconds:.1f} pages/s", flush=True)
            if result.output.startswith("exit code"):
                print(
                    f"  {name} CRASHED ({result.output.splitlines()[0]}) after "
                    f"{len(outcomes)} of {len(urls)} URLs; the rest count as errors"
                )
    kinds = ("clipped", "already", "no story", "error")
    print(
        f"\n{'contender':<12} {'pages/s':>8} {'CPU ms/page':>11} {'peak RSS':>9}  "
        + " ".join(f"{k:>8}" for k in kinds)
        + "   no story in fold a / b"
    )
    for name, (result, outcomes) in results.items():
        counts = Counter(outcomes.get(url, "error") for url in urls)
        by_fold = Counter(fold[url] for url in urls if outcomes.get(url) == "no story")
        print(
            f"{name:<12} {len(urls) / result.seconds:8.1f} "
            f"{result.cpu_seconds / len(urls) * 1000:11.2f} "
            f"{result.peak_rss_kb / 1024:7.0f}MB  "
            + " ".join(f"{counts[k]:8d}" for k in kinds)
            + f"   {by_fold['a']} / {by_fold['b']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
