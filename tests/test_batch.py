"""Batch clipping: many URLs at once, a summary, no stop on a bad one, nothing lost on kill -9."""

from __future__ import annotations

import asyncio
import gc
import json
import multiprocessing
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.article import Article
from clipper.batch import Batch, Writer, clip_batch, parse_url_list, unique_sources
from clipper.cli import app
from clipper.errors import AlreadyClippedError, ClipperError
from clipper.fetch import Fetcher, FetchOptions
from clipper.library import Library
from clipper.workers import MAX_DEATHS, LocalPages, Pages, Task, WorkerPages
from tests.conftest import Run, dump
from tests.test_fetch import Request, Web, closed_port, story
from tests.test_fetch import web as web  # the fixture

ROOT = Path(__file__).parent.parent


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def mixed(web: Web, run: Run, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A list of four good URLs (one already clipped) and four bad ones."""
    urls = {
        "good1": web.page("/good1", story("Dam holds after record rain")),
        "good2": web.page("/good2", story("Council votes on new tram line")),
        "good3": web.redirect("/g3", web.page("/good3", story("Orchestra returns home"))),
        "kept": web.page("/kept", story("Museum reopens its doors")),
        "missing": web.url("/missing"),
        "broken": web.page("/broken", b"oops", 500),
        "refused": f"http://127.0.0.1:{closed_port()}/story",
        "pdf": web.page("/report.pdf", b"%PDF-1.7\n...", Content_Type="application/pdf"),
    }
    assert run("clip", urls["kept"]).exit_code == 0
    listing = tmp_path / "links.txt"
    lines = ["# links to clip", "", *urls.values(), "  ", urls["good1"] + "?utm_source=mail"]
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing, urls


def test_a_mixed_batch_reports_exact_counts(
    run: Run, web: Web, mixed: tuple[Path, dict[str, str]]
) -> None:
    listing, urls = mixed
    result = run("clip", "--from", str(listing), "--json", "--retries", "0")
    assert result.exit_code == 1
    titles = sorted(str(r["title"]) for r in records(result.stdout))
    assert titles == [
        "Council votes on new tram line",
        "Dam holds after record rain",
        "Museum reopens its doors",
        "Orchestra returns home",
    ]
    summary = result.stderr[result.stderr.index("3 clipped") :]
    lines = summary.splitlines()
    assert lines[0] == "3 clipped, 1 already in the library, 4 failed"
    failures = dict(line.removeprefix("  ✗ ").split(": ", 1) for line in lines[1:])
    assert set(failures) == {urls["missing"], urls["broken"], urls["refused"], urls["pdf"]}
    assert failures[urls["missing"]].startswith("answered HTTP 404")
    assert failures[urls["broken"]].startswith("answered HTTP 500")
    assert "connection was refused" in failures[urls["refused"]]
    assert failures[urls["pdf"]].startswith("is not an HTML page (application/pdf)")
    # Not a terminal: one plain line per source before the summary.
    assert result.stderr.count("\nclipped  #") + result.stderr.startswith("clipped  #") == 3
    assert web.asked("/good1") == 1  # the tracking-parameter copy was clipped once
    assert web.asked("/kept") == 1  # already in the library: not fetched again


def test_running_the_same_list_again_skips_what_is_done(
    run: Run, web: Web, mixed: tuple[Path, dict[str, str]], library_path: Path
) -> None:
    listing, _ = mixed
    assert run("clip", "--from", str(listing), "--retries", "0").exit_code == 1
    before = dump(library_path)
    asked = len(web.log)
    again = run("clip", "--from", str(listing), "--retries", "0")
    assert again.exit_code == 1
    assert "0 clipped, 4 already in the library, 4 failed" in again.stderr
    assert dump(library_path) == before
    # Only the failures were asked for again (the redirecting link is known too).
    assert sorted(path for path, _ in web.log[asked:]) == ["/broken", "/missing", "/report.pdf"]


def test_a_good_batch_exits_0_and_takes_urls_from_stdin_and_arguments(run: Run, web: Web) -> None:
    first = web.page("/a", story("Ferry service resumes"))
    second = web.page("/b", story("School wins robotics prize"))
    result = run("clip", first, "--from", "-", "-t", "local", "--json", input=f"{second}\n")
    assert result.exit_code == 0, result.stderr
    assert [r["tags"] for r in records(result.stdout)] == [["local"], ["local"]]
    assert "2 clipped, 0 already in the library, 0 failed" in result.stderr


def test_an_empty_or_missing_list_is_an_error(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n", encoding="utf-8")
    result = run("clip", "--from", str(empty))
    assert result.exit_code == 1
    assert result.stderr == f"error: {empty} lists no URLs; put one URL on each line\n"
    missing = run("clip", "--from", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1
    assert "no such file" in missing.stderr


def test_refetch_in_a_batch_updates(run: Run, web: Web, library_path: Path) -> None:
    urls = [web.page(f"/r{n}", story(f"Report number {n}")) for n in range(3)]
    assert run("clip", *urls).exit_code == 0
    web.page("/r1", story("Report number 1, corrected"))
    result = run("clip", *urls, "--refetch")
    assert result.exit_code == 0, result.stderr
    assert "0 clipped, 3 updated, 0 already in the library, 0 failed" in result.stderr
    with Library.open(library_path) as library:
        assert sorted(c.title for c in library.clippings()) == [
            "Report number 0",
            "Report number 1, corrected",
            "Report number 2",
        ]
        assert all(len(library.raw_pages(c.id)) == 2 for c in library.clippings())


@pytest.mark.parametrize("extraction", ["process", "thread"])
def test_extraction_in_processes_or_a_thread_stores_the_same(
    web: Web, library_path: Path, extraction: str
) -> None:
    bodies = {f"Parallel story {n}": story(f"Parallel story {n}", n + 1) for n in range(9)}
    urls = [web.page(f"/p{n}", body) for n, body in enumerate(bodies.values())]
    urls.append(web.page("/empty", b"<html><body><nav>Home</nav></body></html>"))
    seen: list[str] = []
    with Library.open(library_path) as library:
        summary = clip_batch(
            library,
            urls,
            options=FetchOptions(jobs=4, retries=0),
            extraction=extraction,  # type: ignore[arg-type]
            on_outcome=lambda outcome, _: seen.append(outcome.status),
        )
        titles = sorted(c.title for c in library.clippings())
        # The raw pages, packed by the workers, come back byte for byte.
        raw = {c.title: library.raw_pages(c.id)[0].content for c in library.clippings()}
    assert raw == bodies
    assert gc.get_freeze_count() == 0  # the batch froze the heap for its workers, then thawed it
    assert titles == sorted(f"Parallel story {n}" for n in range(9))
    assert summary.count("clipped") == 9
    [failure] = summary.failures
    assert failure.reason is not None and failure.reason.startswith("no story found")
    assert sorted(seen) == ["clipped"] * 9 + ["failed"]


@pytest.mark.parametrize("extraction", ["process", "thread"])
def test_a_streaming_batch_clips_sources_found_while_it_runs(
    web: Web, library_path: Path, extraction: str
) -> None:
    # clipper.feeds.update clips the first feed's stories while it reads the others.
    urls = [web.page(f"/s{n}", story(f"Streamed story {n}")) for n in range(6)]
    totals: list[int] = []

    class Streaming(Batch):
        streaming = True

        async def more_sources(self) -> AsyncIterator[list[str]]:
            yield urls[:3]
            await asyncio.sleep(0.05)  # found later, while the first ones are clipped
            yield [urls[2] + "?utm_source=feed", *urls[3:]]  # a repeat is clipped once
            yield []

    with Library.open(library_path) as library:
        batch = Streaming(
            library,
            [],
            options=FetchOptions(jobs=4, retries=0),
            extraction=extraction,  # type: ignore[arg-type]
            on_outcome=lambda _, summary: totals.append(summary.total),
            expected=6,
        )
        summary = batch.run()
        titles = sorted(c.title for c in library.clippings())
    assert titles == [f"Streamed story {n}" for n in range(6)]
    assert (summary.total, summary.count("clipped"), summary.done) == (6, 6, 6)
    assert totals[-1] == 6 and totals[0] >= 3
    assert gc.get_freeze_count() == 0


async def _status_of(fetcher: Fetcher, url: str) -> tuple[int | None, int]:
    """A task for the workers: fetch ``url`` and say what came back, and from which process."""
    page = await fetcher.fetch(url, html=False)
    return page.status, os.getpid()


@pytest.mark.parametrize("workers", [0, 2])
def test_pages_run_tasks_with_the_fetcher_of_the_urls_site(web: Web, workers: int) -> None:
    # A feed update reads its feeds so: where the site's pages are fetched.
    url = web.page("/feed.xml", b"<rss/>", Content_Type="application/rss+xml")
    missing = web.url("/missing.xml")
    options = FetchOptions(jobs=4, retries=0)
    pages: Pages = WorkerPages(options, workers) if workers else LocalPages(options)

    async def main() -> tuple[tuple[int | None, int], str]:
        await pages.open()
        try:
            done = await pages.run(Task(url, _status_of, (url,)))
            try:
                await pages.run(Task(missing, _status_of, (missing,)))
            except ClipperError as error:
                return done, error.message
            return done, ""
        finally:
            await pages.aclose()

    pages.start()
    try:
        (status, pid), failure = asyncio.run(main())
    finally:
        pages.close()
    assert status == 200
    assert (pid != os.getpid()) == bool(workers)
    assert "answered HTTP 404" in failure


def test_worker_processes_keep_the_per_host_and_global_limits(web: Web, library_path: Path) -> None:
    """Each site's pages go to one worker, whose fetcher limits them; ``jobs`` is shared out."""

    def slow(request: Request) -> None:
        time.sleep(0.1)
        request.send(story(f"Slow story {request.path}"))

    port = web.base.rsplit(":", 1)[1]
    urls = [web.on(f"/slow{n}", slow) for n in range(8)]
    with Library.open(library_path) as library:
        one_site = clip_batch(
            library, urls, options=FetchOptions(jobs=8, per_host=1), extraction="process"
        )
        assert one_site.count("clipped") == 8
        assert web.most_active == 1
        # Two names for the server are two sites; the global limit still holds.
        web.most_active = 0
        two_sites = [
            f"http://{host}:{port}/slow{n}" for n in range(8) for host in ("127.0.0.1", "localhost")
        ]
        summary = clip_batch(
            library,
            two_sites,
            options=FetchOptions(jobs=3, per_host=3),
            extraction="process",
            refetch=True,
        )
        assert summary.count("refetched") + summary.count("clipped") == 16
        assert web.most_active == 3


def test_a_worker_process_that_dies_is_replaced_and_its_pages_tried_again(
    web: Web, library_path: Path
) -> None:
    killed: list[int] = []

    def slow(request: Request) -> None:
        time.sleep(0.3)
        request.send(story(f"Story from {request.path}"))

    urls = [web.on(f"/page{n}", slow) for n in range(12)]

    def kill_one_worker() -> None:
        while web.active == 0:  # the workers are fetching
            time.sleep(0.01)
        [worker, *_] = multiprocessing.active_children()
        os.kill(worker.pid or 0, signal.SIGKILL)
        killed.append(worker.pid or 0)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    with Library.open(library_path) as library:
        summary = clip_batch(
            library, urls, options=FetchOptions(jobs=4, retries=0), extraction="process"
        )
        titles = sorted(c.title for c in library.clippings())
    killer.join()
    assert killed
    assert [o.reason for o in summary.failures] == []
    assert titles == sorted(f"Story from /page{n}" for n in range(12))
    assert multiprocessing.active_children() == []  # the successor stopped with the batch


def _kill_the_worker(times: int, ready: threading.Event, delay: float) -> threading.Thread:
    """Kill the batch's one worker ``times`` times, ``delay`` seconds after each ``ready``."""

    def kill() -> None:
        for _ in range(times):
            assert ready.wait(30)
            ready.clear()
            time.sleep(delay)
            [worker] = multiprocessing.active_children()
            os.kill(worker.pid or 0, signal.SIGKILL)

    killer = threading.Thread(target=kill)
    killer.start()
    return killer


def test_a_page_being_extracted_at_two_deaths_of_its_worker_is_reported(
    web: Web, library_path: Path
) -> None:
    sent = threading.Event()
    heavy = story("Heavy story", 20_000)  # about a second to extract

    def serve_heavy(request: Request) -> None:
        request.send(heavy)
        sent.set()

    url = web.on("/heavy", serve_heavy)
    fine = [web.page(f"/fine{n}", story(f"Fine story {n}")) for n in range(8)]
    killer = _kill_the_worker(2, sent, delay=0.3)
    with Library.open(library_path) as library:
        summary = clip_batch(
            library, [url, *fine], options=FetchOptions(jobs=1), extraction="process"
        )
    killer.join()
    [failure] = summary.failures
    assert failure.source == url
    assert failure.reason == (
        "the worker process preparing it died twice while extracting it; it was not stored"
    )
    assert summary.count("clipped") == 8  # in hand at both deaths, sent again each time


def test_a_page_in_hand_at_repeated_deaths_of_its_worker_is_reported(
    web: Web, library_path: Path
) -> None:
    asked = threading.Event()

    def slow(request: Request) -> None:
        asked.set()
        time.sleep(0.5)
        request.send(story("Never stored"))

    url = web.on("/slow", slow)
    killer = _kill_the_worker(MAX_DEATHS, asked, delay=0)
    with Library.open(library_path) as library:
        summary = clip_batch(library, [url], options=FetchOptions(jobs=1), extraction="process")
    killer.join()
    [failure] = summary.failures
    assert failure.reason == "the worker process preparing it died repeatedly; it was not stored"
    assert web.asked("/slow") == MAX_DEATHS


def test_list_parsing() -> None:
    lines = ["# a comment", "", "  https://a.example/x  ", "https://b.example/y # not a comment"]
    assert parse_url_list(lines) == ["https://a.example/x", "https://b.example/y # not a comment"]
    assert unique_sources(
        ["https://a.example/x?utm_source=1", "https://A.example/x", "page.html", "page.html"]
    ) == ["https://a.example/x?utm_source=1", "page.html"]


def test_a_shared_commit_keeps_each_write_all_or_nothing(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(Article(title="First", url="https://example.org/1", text="One."))
        with library.transaction():
            library.add(Article(title="Second", url="https://example.org/2", text="Two."))
            with pytest.raises(AlreadyClippedError):
                library.add(Article(title="First", url="https://example.org/1", text="Dup."))
            library.add(
                Article(title="Third", url="https://example.org/3", text="Three."), tags=["x"]
            )
        assert sorted(c.title for c in library.clippings()) == ["First", "Second", "Third"]
    with Library.open(library_path) as reopened:  # committed, not merely visible
        assert reopened.count() == 3
        assert reopened.search("three")[0].clipping.tags == ("x",)


def test_the_writer_settles_writes_only_once_committed_and_never_holds_one_back(
    library_path: Path,
) -> None:
    """Writes that arrive together share commits; each is reported after its own."""

    async def main() -> list[int]:
        with Library.open(library_path) as library, sqlite3.connect(library_path) as other:
            writer = Writer(library)
            visible: list[int] = []

            def check(n: int) -> None:  # another connection sees what is reported
                found = other.execute(
                    "SELECT count(*) FROM clippings WHERE url = ?", (f"https://example.org/{n}",)
                ).fetchone()[0]
                visible.append(found)

            try:
                futures = []
                for n in range(20):
                    story = Article(title=f"Story {n}", url=f"https://example.org/{n}", text="T.")
                    futures.append(writer.submit(library.add, story, writes=True))
                    futures[-1].add_done_callback(lambda _, n=n: check(n))
                await asyncio.gather(*futures)
                # A write on its own is stored too: the wait for company ends.
                lone = Article(title="Lone", url="https://example.org/20", text="T.")
                last = writer.submit(library.add, lone, writes=True)
                last.add_done_callback(lambda _: check(20))
                await asyncio.wait_for(last, 10)
            finally:
                writer.close()
            return visible

    assert asyncio.run(main()) == [1] * 21


# -- kill -9 in the middle of a batch -------------------------------------------------------


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    pending.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def held(web: Web) -> Iterator[tuple[list[str], threading.Event]]:
    """Ten pages: the first four answer at once, the rest wait for the event."""
    release = threading.Event()

    def make(n: int) -> None:
        def handle(request: Request) -> None:
            if n >= 4:
                release.wait(20)
            request.send(story(f"Held story {n}"))

        web.on(f"/h{n}", handle)

    for n in range(10):
        make(n)
    try:
        yield [web.url(f"/h{n}") for n in range(10)], release
    finally:
        release.set()


def test_kill_9_mid_batch_loses_nothing_reported_and_a_rerun_completes(
    run: Run,
    web: Web,
    held: tuple[list[str], threading.Event],
    library_path: Path,
    tmp_path: Path,
) -> None:
    urls, release = held
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "clipper", "--library", str(library_path), "clip"]
    command += ["--from", str(listing), "--json", "--jobs", "2", "--retries", "0"]
    env = {**os.environ, "CLIPPER_CONFIG": str(tmp_path / "none.toml")}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdout is not None
    reported: list[dict[str, object]] = []
    try:
        deadline = time.monotonic() + 30
        while len(reported) < 4 and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            reported.append(json.loads(line))
        helpers = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
    assert sorted(str(r["title"]) for r in reported) == [f"Held story {n}" for n in range(4)]
    with Library.open(library_path) as library:
        stored = {c.id: c.title for c in library.clippings()}
    assert {r["id"]: r["title"] for r in reported}.items() <= stored.items()
    # The extraction processes go with the batch instead of lingering.
    give_up = time.monotonic() + 5
    while any(alive(pid) for pid in helpers) and time.monotonic() < give_up:
        time.sleep(0.1)
    assert not [pid for pid in helpers if alive(pid)]

    release.set()
    again = run("clip", "--from", str(listing), "--json", "--retries", "0")
    assert again.exit_code == 0, again.stderr
    assert "6 clipped, 4 already in the library, 0 failed" in again.stderr
    with Library.open(library_path) as library:
        assert sorted(c.title for c in library.clippings()) == [
            f"Held story {n}" for n in range(10)
        ]
    for n in range(4):
        assert web.asked(f"/h{n}") == 1


def test_ctrl_c_mid_batch_stops_cleanly_and_keeps_what_it_reported(
    web: Web,
    held: tuple[list[str], threading.Event],
    library_path: Path,
    tmp_path: Path,
) -> None:
    urls, _ = held
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "clipper", "--library", str(library_path), "clip"]
    command += ["--from", str(listing), "--json", "--jobs", "2", "--retries", "0"]
    env = {**os.environ, "CLIPPER_CONFIG": str(tmp_path / "none.toml")}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    reported = [json.loads(process.stdout.readline()) for _ in range(4)]
    helpers = descendants(process.pid)
    assert helpers  # the worker processes, busy with the held pages
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert rest == ""
    assert errors.endswith("4 clipped, 0 already in the library, 0 failed (stopped after 4 of 10)"
                           "\nerror: interrupted\n")  # fmt: skip
    assert "Traceback" not in errors and "Task" not in errors
    with Library.open(library_path) as library:
        stored = {c.id: c.title for c in library.clippings()}
    assert stored == {r["id"]: r["title"] for r in reported}
    assert not [pid for pid in helpers if alive(pid)]


def test_a_failed_page_is_named_once_in_its_line(run: Run, web: Web, tmp_path: Path) -> None:
    # Issue 15: "failed URL: no story found in URL: ...".
    empty = web.page("/empty", b"<html><body><nav>Home</nav></body></html>")
    good = web.page("/good", story("Tide tables published"))
    result = run("clip", empty, good)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert line.count(empty) == 1, line
    assert line == f"failed   {empty}: no story found: the page has no readable text " + (
        "(it may need JavaScript, or be a login or index page)"
    )


def test_on_a_terminal_each_failure_is_shown_once_with_the_rate_and_time_left(
    web: Web, library_path: Path
) -> None:
    # Issue 15: each failure was printed as it happened and again in the summary; the
    # bar showed neither pages per second nor the time left.
    def slow(request: Request) -> None:
        time.sleep(0.15)
        request.send(story(f"Slow story {request.path}"))

    urls = [web.on(f"/slow{n}", slow) for n in range(12)]
    urls += [web.url("/missing-a"), web.url("/missing-b")]
    env = {"CLIPPER_LIBRARY": str(library_path), "TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1",
           "NO_COLOR": "1", "COLUMNS": "120"}  # fmt: skip
    result = CliRunner().invoke(app, ["clip", *urls, "--jobs", "2", "--retries", "0"], env=env)
    assert result.exit_code == 1
    for missing in ("/missing-a", "/missing-b"):
        assert result.stderr.count(web.url(missing)) == 1, result.stderr
    assert "12 clipped, 0 already in the library, 2 failed" in result.stderr
    assert re.search(r"\d+(\.\d)? pages/s", result.stderr), result.stderr
    assert re.search(r"\d+:\d\d left", result.stderr), result.stderr
