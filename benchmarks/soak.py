"""Soak and crash tests: clipper against a hostile web server, and kill -9 mid-batch.

Two experiments, each printing its figures:

- **soak**: one batch of ``--fetches`` URLs against a local server whose pages
  misbehave in every way the fetching limits exist for (connection resets,
  stalls, trickles, endless and compressed-bomb bodies, garbage, truncated
  bodies, redirect loops, errors). The batch must finish, every URL must be
  accounted for (clipped, or failed with a reason), every well-behaved page
  must be clipped, and memory must stay bounded (peak RSS of clipper and its
  worker processes, sampled from /proc).
- **crash loop**: a batch of ``--pages`` stories, killed with SIGKILL at random
  moments ``--kills`` times, then run to completion. After every kill the
  library passes ``PRAGMA integrity_check`` and the FTS5 integrity check, and
  every clipping the batch had reported (``--json`` prints each record the
  moment it is committed) is there with its text and its raw page.

The fast test suite runs both at a small size (tests/test_reliability.py);
this script runs them at full size::

    python benchmarks/soak.py [--fetches 2000] [--pages 200] [--kills 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

try:
    from procfs import process_tree  # run as a script: benchmarks/ is on the path
except ImportError:  # imported as benchmarks.soak, as the tests do
    from benchmarks.procfs import process_tree

ROOT = Path(__file__).resolve().parent.parent

STORY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Soak Gazette</title><link rel="canonical" href="https://soak.example/{kind}/{n}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>Story {n} begins at the harbour, where the ferry crews waited for the storm to pass.</p>
<p>By the evening of day {n} the quay had reopened and the fishing boats were back at work.</p>
<p>Officials said the repairs to the sea wall would take until the end of the month.</p>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer>Copyright Soak Gazette</footer></body></html>"""

#: What each hostile path does; every one must end as a reported failure.
HOSTILE = (
    "reset",  # the connection is dropped without an answer
    "stall",  # headers, then silence
    "trickle",  # one byte every half second, forever
    "endless",  # an endless body, as fast as it goes
    "bomb",  # a small gzip body that inflates to gigabytes
    "truncated",  # Content-Length promises more than arrives
    "loop",  # redirects to itself
    "error",  # HTTP 500
    "binary",  # application/octet-stream noise
)
#: Garbage bytes labelled text/html: clipped or refused, but always accounted for.
UNDECIDED = ("garbage",)


def story(kind: str, n: int) -> bytes:
    return STORY.format(kind=kind, n=n, title=f"Harbour story {kind} {n}").encode()


def _bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    chunk = b"\0" * (1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(1024)) + compressor.flush()


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (clipper giving up on a stall) are expected, not errors."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class HostileSite:
    """A threaded HTTP server on 127.0.0.1 with good, slow and hostile pages.

    ``/good/N`` answers a story at once; ``/slow/N`` after a short random
    delay (so that batches last long enough to be killed in the middle);
    ``/<hostile kind>/N`` misbehaves as ``HOSTILE`` describes.
    """

    def __init__(self, seed: int = 1, slow: tuple[float, float] = (0.01, 0.06)) -> None:
        self.random = random.Random(seed)
        self.slow = slow
        self.bomb = _bomb()
        self.stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                kind, _, number = self.path.strip("/").partition("/")
                with suppress(ConnectionError, TimeoutError):
                    site.answer(self, kind, int(number or 0))

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> HostileSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, kind: str, n: int) -> str:
        return f"{self.base}/{kind}/{n}"

    def answer(self, handler: BaseHTTPRequestHandler, kind: str, n: int) -> None:
        def head(status: int, content_type: str, length: int | None = None) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            if length is not None:
                handler.send_header("Content-Length", str(length))
            handler.end_headers()

        if kind in ("good", "slow"):
            if kind == "slow":
                time.sleep(self.random.uniform(*self.slow))
            body = story(kind, n)
            head(200, "text/html; charset=utf-8", len(body))
            handler.wfile.write(body)
        elif kind == "reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.close_connection = True
            handler.connection.close()
        elif kind == "stall":
            head(200, "text/html", 100_000)
            handler.wfile.write(b"<html><body><p>")
            handler.wfile.flush()
            self.stop.wait(30)
        elif kind == "trickle":
            head(200, "text/html")
            while not self.stop.wait(0.5):
                handler.wfile.write(b"<p>drip</p>")
                handler.wfile.flush()
        elif kind == "endless":
            head(200, "text/html")
            block = b"<p>" + b"more words " * 6000 + b"</p>\n"
            while not self.stop.is_set():
                handler.wfile.write(block)
        elif kind == "bomb":
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Encoding", "gzip")
            handler.send_header("Content-Length", str(len(self.bomb)))
            handler.end_headers()
            handler.wfile.write(self.bomb)
        elif kind == "truncated":
            body = story(kind, n)
            head(200, "text/html", len(body) * 2)
            handler.wfile.write(body)
            handler.close_connection = True
        elif kind == "loop":
            handler.send_response(302)
            handler.send_header("Location", self.url("loop", n))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        elif kind == "error":
            head(500, "text/plain", 5)
            handler.wfile.write(b"oops\n")
        elif kind == "binary":
            body = self.random.randbytes(4096)
            head(200, "application/octet-stream", len(body))
            handler.wfile.write(body)
        elif kind == "garbage":
            body = self.random.randbytes(8192)
            head(200, "text/html", len(body))
            handler.wfile.write(body)
        else:
            head(404, "text/plain", 10)
            handler.wfile.write(b"not found\n")


# -- running clipper -----------------------------------------------------------------------


def clipper_command(library: Path, listing: Path, *options: str) -> list[str]:
    return [
        sys.executable, "-m", "clipper", "--library", str(library),
        "clip", "--from", str(listing), "--json", *options,
    ]  # fmt: skip


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in bytes."""
    total = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


@dataclass
class Run:
    """One clipper batch: what it reported, and how it ended."""

    records: list[dict[str, object]] = field(default_factory=list)
    stderr: str = ""
    returncode: int | None = None
    peak_rss: int = 0
    killed: bool = False


def run_batch(
    command: list[str], *, kill_at: tuple[int, float] | None = None, env: dict[str, str]
) -> Run:
    """Run a batch, reading records as they are printed.

    With ``kill_at = (records, delay)``, SIGKILL the batch and its workers
    ``delay`` seconds after it has reported ``records`` clippings: a random
    moment of its work, between commits or in the middle of one.
    """
    result = Run()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    stdout, stderr = process.stdout, process.stderr
    enough = threading.Event()

    def read_records() -> None:
        for line in stdout:
            result.records.append(json.loads(line))
            if kill_at is not None and len(result.records) >= kill_at[0]:
                enough.set()

    def read_errors() -> None:
        result.stderr = stderr.read()

    readers = [threading.Thread(target=read_records), threading.Thread(target=read_errors)]
    for reader in readers:
        reader.start()
    if kill_at is not None and kill_at[0] == 0:
        enough.set()
    kill_time: float | None = None
    while process.poll() is None:
        result.peak_rss = max(result.peak_rss, tree_rss(process.pid))
        if kill_at is not None and kill_time is None and enough.is_set():
            kill_time = time.monotonic() + kill_at[1]
        if kill_time is not None and time.monotonic() >= kill_time:
            for member in process_tree(process.pid):
                with suppress(ProcessLookupError):
                    os.kill(member, signal.SIGKILL)
            result.killed = True
            break
        time.sleep(0.01)
    result.returncode = process.wait(60)
    for reader in readers:
        reader.join(60)
    return result


def quiet_env(folder: Path) -> dict[str, str]:
    """The environment for a batch: no user settings file, no colours."""
    return {**os.environ, "CLIPPER_CONFIG": str(folder / "none.toml"), "NO_COLOR": "1"}


# -- the soak ------------------------------------------------------------------------------


@dataclass
class SoakReport:
    fetches: int
    clipped: int
    failed: int
    unaccounted: list[str]
    good_not_clipped: list[str]
    hostile_clipped: list[str]
    failures_by_kind: Counter[str]
    seconds: float
    peak_rss: int
    returncode: int | None


def soak(
    folder: Path,
    fetches: int,
    *,
    seed: int = 1,
    hostile_share: float = 0.4,
    timeout: float = 2.0,
    jobs: int = 32,
) -> SoakReport:
    """One batch of ``fetches`` URLs against a ``HostileSite``; see the module docstring."""
    chooser = random.Random(seed)
    kinds = [*HOSTILE, *UNDECIDED]
    plan = [
        (chooser.choice(kinds) if chooser.random() < hostile_share else "good", n)
        for n in range(fetches)
    ]
    library = folder / "soak.db"
    listing = folder / "soak.txt"
    with HostileSite(seed) as site:
        urls = {site.url(kind, n): kind for kind, n in plan}
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        options = ["--jobs", str(jobs), "--per-host", str(jobs), "--timeout", str(timeout)]
        options += ["--read-timeout", str(timeout / 2), "--max-size", "5", "--retries", "1"]
        started = time.monotonic()
        run = run_batch(clipper_command(library, listing, *options), env=quiet_env(folder))
        seconds = time.monotonic() - started
    clipped_urls = _clipped_sources(library)
    failed = _failed_urls(run.stderr)
    unaccounted = [u for u in urls if u not in clipped_urls and u not in failed]
    return SoakReport(
        fetches=fetches,
        clipped=len(clipped_urls & urls.keys()),
        failed=len(failed),
        unaccounted=unaccounted,
        good_not_clipped=[u for u, k in urls.items() if k == "good" and u not in clipped_urls],
        hostile_clipped=[u for u, k in urls.items() if k in HOSTILE and u in clipped_urls],
        failures_by_kind=Counter(urls[u] for u in failed if u in urls),
        seconds=seconds,
        peak_rss=run.peak_rss,
        returncode=run.returncode,
    )


def _clipped_sources(library: Path) -> set[str]:
    if not library.exists():
        return set()
    with sqlite3.connect(library) as db:
        return {row[0] for row in db.execute("SELECT source FROM pages")}


def _failed_urls(stderr: str) -> set[str]:
    """URLs the batch summary lists as failed (``✗ URL: reason`` or ``failed URL: ...``)."""
    failed = set()
    for line in stderr.splitlines():
        words = line.split()
        for index, word in enumerate(words[:-1]):
            if word in ("✗", "x", "failed") and words[index + 1].startswith("http"):
                failed.add(words[index + 1].rstrip(":"))
    return failed


# -- the crash loop ------------------------------------------------------------------------


@dataclass
class CrashReport:
    pages: int
    kills: int
    reported: int
    lost: list[str]
    damaged: list[str]
    stored_at_end: int
    duplicates: int


def check_library(library: Path, reported: list[dict[str, object]]) -> tuple[list[str], list[str]]:
    """``(lost, damaged)``: reported clippings missing or changed, and integrity failures."""
    damaged: list[str] = []
    if not library.exists():
        return [str(r["url"]) for r in reported], damaged
    with sqlite3.connect(library) as db:
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            damaged.append(f"integrity_check: {verdict}")
        try:
            db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            damaged.append(f"fts: {error}")
        lost = []
        for record in reported:
            row = db.execute(
                "SELECT c.text, p.html, p.sha256 FROM clippings AS c JOIN pages AS p"
                " ON p.clipping_id = c.id WHERE c.id = ? AND c.url = ?",
                (record["id"], record["url"]),
            ).fetchone()
            if row is None or row[0] != record["text"]:
                lost.append(str(record["url"]))
            elif hashlib.sha256(zlib.decompress(row[1])).hexdigest() != row[2]:
                damaged.append(f"raw page of {record['url']}")
    return lost, damaged


def crash_loop(
    folder: Path,
    pages: int,
    kills: int,
    *,
    seed: int = 1,
    on_round: Callable[[int, Run, list[str], list[str]], None] | None = None,
) -> CrashReport:
    """Kill a batch of ``pages`` stories ``kills`` times at random moments, then finish it.

    Each kill comes after a random number (up to half) of the clippings still
    to do have been reported, plus a random delay of up to 0.15 s, so kills
    land between commits, inside them, and while pages are being fetched.
    """
    chooser = random.Random(seed)
    library = folder / "crash.db"
    listing = folder / "crash.txt"
    reported: list[dict[str, object]] = []
    lost: list[str] = []
    damaged: list[str] = []
    done_kills = 0
    with HostileSite(seed, slow=(0.05, 0.25)) as site:
        listing.write_text("\n".join(site.url("slow", n) for n in range(pages)) + "\n")
        command = clipper_command(library, listing, "--jobs", "8", "--per-host", "8")
        round_number = 0
        while True:
            stored = _stored(library)
            remaining = pages - stored
            kill_at = None
            if done_kills < kills and remaining > 1:
                # A re-run first reprints what is stored; then, within the first half of
                # what remains, so the batch is still at work when the kill comes.
                new = chooser.randrange(remaining // 2 + 1)
                kill_at = (stored + new, chooser.uniform(0.0, 0.15))
            run = run_batch(command, kill_at=kill_at, env=quiet_env(folder))
            done_kills += run.killed
            # Records of clippings already stored in an earlier round are reprinted.
            known = {r["id"] for r in reported}
            reported += [r for r in run.records if r["id"] not in known]
            round_lost, round_damaged = check_library(library, reported)
            lost += round_lost
            damaged += round_damaged
            if on_round is not None:
                on_round(round_number, run, round_lost, round_damaged)
            round_number += 1
            if not run.killed:
                break
    with sqlite3.connect(library) as db:
        stored = db.execute("SELECT count(*) FROM clippings").fetchone()[0]
        distinct = db.execute("SELECT count(DISTINCT url) FROM clippings").fetchone()[0]
    return CrashReport(
        pages=pages,
        kills=done_kills,
        reported=len(reported),
        lost=sorted(set(lost)),
        damaged=damaged,
        stored_at_end=stored,
        duplicates=stored - distinct,
    )


def _stored(library: Path) -> int:
    if not library.exists():
        return 0
    with sqlite3.connect(library) as db:
        try:
            return int(db.execute("SELECT count(*) FROM clippings").fetchone()[0])
        except sqlite3.OperationalError:  # killed before the schema was created
            return 0


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="clipper-soak-") as folder:
        yield Path(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fetches", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    healthy = True

    with scratch() as folder:
        print(f"soak: {args.fetches} fetches against a hostile server ...", flush=True)
        report = soak(folder, args.fetches, seed=args.seed)
        print(f"  finished in {report.seconds:.1f} s, exit code {report.returncode}")
        print(f"  clipped {report.clipped}, failed {report.failed}, "
              f"unaccounted {len(report.unaccounted)}")  # fmt: skip
        print(f"  failures by kind: {dict(sorted(report.failures_by_kind.items()))}")
        print(f"  good pages not clipped: {len(report.good_not_clipped)}; "
              f"hostile pages clipped: {len(report.hostile_clipped)}")  # fmt: skip
        print(f"  peak RSS of clipper and its workers: {report.peak_rss / 2**20:.0f} MB")
        healthy &= not (report.unaccounted or report.good_not_clipped or report.hostile_clipped)

    with scratch() as folder:
        print(f"\ncrash loop: {args.pages} pages, kill -9 at {args.kills} random moments ...")

        def progress(number: int, run: Run, lost: list[str], damaged: list[str]) -> None:
            how = "killed  " if run.killed else f"finished (exit {run.returncode})"
            print(f"  round {number + 1:>2}: {how}, {len(run.records):>3} reported, "
                  f"{len(lost)} lost, {len(damaged)} integrity problems", flush=True)  # fmt: skip

        crash = crash_loop(folder, args.pages, args.kills, seed=args.seed, on_round=progress)
        print(f"  kills {crash.kills}, reported {crash.reported}, "
              f"stored at the end {crash.stored_at_end} of {crash.pages}, "
              f"duplicates {crash.duplicates}")  # fmt: skip
        print(f"  records lost: {len(crash.lost)}; integrity problems: {len(crash.damaged)}")
        healthy &= not crash.lost and not crash.damaged and crash.stored_at_end == crash.pages
        healthy &= crash.duplicates == 0

    print("\nverdict:", "OK" if healthy else "PROBLEMS FOUND")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
