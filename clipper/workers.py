"""Sources made into articles for a batch: fetched or read, extracted, packed for the archive.

A batch asks ``pages.prepare(source)`` and gets back a ``Prepared``: the
article, and the page with its raw bytes packed (``clipper.page.pack_content``),
ready for the one thread that writes to the library. Two ways to do it, one
interface:

- ``WorkerPages``: worker processes, one per CPU, each running its own event
  loop and ``Fetcher``, so each fetches, decodes, extracts and packs its own
  pages, and only the finished result crosses to the batch's process, which
  is left with storing. Measured with ``benchmarks/batch.py``: fetching in the
  batch's process (HTTP in httpx, decoding) was 2 ms a page of the one
  process every page goes through, and shipping each raw page to a worker
  and back cost more. Every page of one site goes to the same worker, so its
  ``Fetcher`` keeps the site's limits exactly as ``clipper.fetch`` describes
  them (``per_host``, a ``Retry-After`` pause, cookies, reused connections);
  a new site goes to the worker with the fewest sites. ``jobs``, the limit on
  requests at once, is shared out between the workers, and there are never
  more workers than ``jobs``. A list from a single site is therefore
  extracted by one worker: its fetching, limited to ``per_host`` requests at
  once, is what takes the time.
- ``LocalPages``: this process fetches on the batch's event loop and one
  thread extracts; for small batches and one-CPU machines, where starting
  processes costs more than it saves.

A worker also runs other work that needs a site's ``Fetcher`` (``Task``: a
feed update reads its feeds so), under the same per-site limits as the pages.

Workers are forked on Linux, before the batch starts any thread, from a
process that has already imported the extractor, so they start in
milliseconds; elsewhere they are spawned. A worker that dies (the parser
crashed on some page) is replaced, and the pages it had in hand are sent to
its successor; the page it was extracting is tried once more, and reported
as failed if it is being extracted at a second death.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from clipper.article import Article
from clipper.clip import extract_content
from clipper.errors import ClipperError, internal_error
from clipper.fetch import Fetcher, FetchOptions
from clipper.images.fetch import Wanted, fetch_group, plan
from clipper.images.model import ImageLimits, ImageOutcome
from clipper.library import indexed_forms
from clipper.page import PackedContent, Page
from clipper.sources import read_source
from clipper.urls import is_web_url

#: Pages a worker holds beyond those it is fetching: fetched, waiting to be extracted.
AHEAD = 2
#: Deaths of its worker a page may be in hand at (not being extracted) before it fails.
MAX_DEATHS = 4


@dataclass(frozen=True)
class Prepared:
    """A source's article, its page packed for the library (``Page.packed``), the
    article's indexed forms (``clipper.library.indexed_forms``) and, when asked for,
    what became of its pictures (``clipper.images``): everything the library's
    writer needs, worked out beforehand. ``wanted`` are the pictures it plans, in story
    order; ``images`` what became of those fetched so far (``clipper.batch`` fetches
    the rest)."""

    article: Article
    page: Page
    forms: dict[str, str]
    images: tuple[ImageOutcome, ...] = ()
    wanted: tuple[Wanted, ...] = ()
    limits: ImageLimits | None = None


@dataclass(frozen=True)
class Task:
    """Work for whoever fetches ``url``'s site: ``await function(fetcher, *args)``.

    ``function`` is a module-level coroutine function and ``args`` pickle, since
    both may be sent to a worker process; its result is sent back.
    """

    url: str
    function: Callable[..., Awaitable[Any]]
    args: tuple[Any, ...] = ()

    def __str__(self) -> str:
        return self.url


class Pages(Protocol):
    """Where a batch gets its sources made into articles."""

    #: Sources worth having in progress at once to keep every fetcher and extractor busy.
    capacity: int

    def start(self) -> None:
        """Start any processes; called before the caller starts threads."""

    async def open(self) -> None:
        """Get ready on the running event loop."""

    async def prepare(self, source: str) -> Prepared:
        """``source`` fetched or read, extracted and packed; a ``ClipperError`` says why not."""
        ...

    async def run(self, task: Task) -> Any:
        """``task`` done where its site's pages are fetched; a ``ClipperError`` says why not."""
        ...

    async def aclose(self) -> None:
        """Stop fetching, on the event loop."""

    def close(self) -> None:
        """Stop everything (processes, threads), after the event loop has ended."""


def extract_and_pack(page: Page, limits: ImageLimits | None = None) -> Prepared:
    """The page's article, and everything else the library will store, worked out here;
    with ``limits``, the pictures to fetch too (read from the raw page, so before it
    is packed).

    Packing only pages that hold a story: a failed page is not stored.
    """
    article = extract_content(page.content, page.url, page.headers, where=page.url or page.source)
    wanted = plan(article, page, limits) if limits is not None else ()
    packed = _packed_page(page, page.archived())
    return Prepared(article, packed, indexed_forms(article), wanted=wanted, limits=limits)


def site_of(url: str) -> str | None:
    """The site a URL belongs to, as a batch shares sites out between its workers
    (``None``: not a web address)."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname}:{parts.port}" if is_web_url(url) else None
    except ValueError:
        return None


async def own_pictures(
    prepared: Prepared, fetcher: Fetcher, source: str, *, every: bool = False
) -> Prepared:
    """``prepared`` with the pictures ``fetcher`` may fetch itself: on the site of
    ``source``, whose requests it already limits (or ``every`` one, where there is
    only one fetcher), and those nothing is fetched for (``data:``, refusals)."""
    if not prepared.wanted or prepared.limits is None:
        return prepared
    site = site_of(source)
    mine = [
        item
        for item in prepared.wanted
        if every or item.url is None or item.refusal or site_of(item.url) == site
    ]
    if not mine:
        return prepared
    done = await fetch_group(fetcher, mine, prepared.page.url, prepared.limits)
    return dataclasses.replace(prepared, images=done)


def image_limits(options: FetchOptions) -> ImageLimits | None:
    """The limits to plan pictures under, or ``None`` when they are not wanted."""
    return ImageLimits.of(options) if options.images else None


async def _page(source: str, fetcher: Fetcher, options: FetchOptions) -> Page:
    if is_web_url(source):
        return await fetcher.fetch(source)
    return await asyncio.to_thread(read_source, source, options=options)


def _packed_page(page: Page, packed: PackedContent) -> Page:
    """``page`` as the library stores it: packed, without the loose bytes to carry around."""
    return dataclasses.replace(page, content=b"", packed=packed)


# -- in this process ---------------------------------------------------------------------


class LocalPages:
    """Fetching on the batch's event loop, extraction in one thread."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.capacity = options.jobs + AHEAD
        self._fetcher = Fetcher(options)
        self._thread: ThreadPoolExecutor | None = None

    def start(self) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="clipper-extract")

    async def open(self) -> None:
        await self._fetcher.__aenter__()

    async def prepare(self, source: str) -> Prepared:
        page = await _page(source, self._fetcher, self.options)
        loop = asyncio.get_running_loop()
        limits = image_limits(self.options)
        prepared = await loop.run_in_executor(self._thread, extract_and_pack, page, limits)
        return await own_pictures(prepared, self._fetcher, source, every=True)

    async def run(self, task: Task) -> Any:
        return await task.function(self._fetcher, *task.args)

    async def aclose(self) -> None:
        await self._fetcher.__aexit__(None, None, None)

    def close(self) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)


# -- in worker processes -------------------------------------------------------------------


def _worker_main(
    connection: multiprocessing.connection.Connection,
    options: FetchOptions,
    extracting: ctypes.c_longlong,
) -> None:
    """A worker: prepare each source it is sent, and send back the result, until told to stop.

    Ctrl-C is left to the batch. If the batch's process is killed (``kill -9``
    included), the worker is handed to another parent; a watchdog notices
    within half a second and exits, so no orphan is left behind.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="clipper-watchdog", daemon=True).start()
    asyncio.run(_serve(connection, options, extracting))


async def _serve(
    connection: multiprocessing.connection.Connection,
    options: FetchOptions,
    extracting: ctypes.c_longlong,
) -> None:
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    tasks: set[asyncio.Task[None]] = set()

    async def job(number: int, source: str | Task, fetcher: Fetcher) -> None:
        reply: tuple[int, Any, str | None]
        try:
            if isinstance(source, Task):
                reply = (number, await source.function(fetcher, *source.args), None)
            else:
                page = await _page(source, fetcher, options)
                # Written down first, in memory the batch shares, so that if the parser
                # kills this process the batch knows which page did it (see
                # WorkerPages._replace). Extracted here, on the worker's loop: its other
                # requests wait a few milliseconds, and nothing else needs this
                # process's CPU meanwhile.
                extracting.value = number
                try:
                    prepared = extract_and_pack(page, image_limits(options))
                finally:
                    extracting.value = -1
                # Its pictures on its own site right away (this worker limits that site);
                # the batch sends others to the workers of their sites.
                reply = (number, await own_pictures(prepared, fetcher, source), None)
        except ClipperError as error:
            reply = (number, None, error.message)
        except Exception as error:  # a bug must not cost the rest of the batch
            reply = (number, None, internal_error(error))
        answer(reply)

    def answer(message: tuple[int, Any, str | None]) -> None:
        try:
            connection.send(message)
        except OSError:  # the batch has gone (interrupted): stop quietly
            stop_serving()

    def stop_serving() -> None:
        if not stop.done():
            stop.set_result(None)

    async with Fetcher(options) as fetcher:

        def receive() -> None:
            try:
                message = connection.recv()
            except (EOFError, OSError):  # the batch has gone
                message = None
            if message is None:
                stop_serving()
                return
            number, source = message
            task = loop.create_task(job(number, source, fetcher))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        loop.add_reader(connection.fileno(), receive)
        try:
            await stop
        finally:
            loop.remove_reader(connection.fileno())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


@dataclass(eq=False)
class _Job:
    """A source (or a task) sent to a worker and not yet answered."""

    source: str | Task
    future: asyncio.Future[Any]
    #: Deaths of its worker while it was being extracted, and while it was in hand.
    blamed: int = 0
    deaths: int = 0


@dataclass(eq=False)
class _Worker:
    """The batch's side of one worker process."""

    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    jobs: int
    #: The job number the worker is extracting (-1: none), in memory both share.
    extracting: ctypes.c_longlong
    waiting: dict[int, _Job] = field(default_factory=dict)  # by job number
    sites: int = 0
    room: asyncio.Semaphore | None = None


class WorkerPages:
    """Worker processes that fetch, extract and pack (see the module's docstring)."""

    def __init__(self, options: FetchOptions, workers: int) -> None:
        self.options = options
        self.count = max(1, min(workers, options.jobs))
        # ``jobs`` shared out: the first workers take one more when it does not divide.
        self._jobs = [
            options.jobs // self.count + (n < options.jobs % self.count) for n in range(self.count)
        ]
        self.capacity = options.jobs + AHEAD * self.count
        self._workers: list[_Worker] = []
        self._sites: dict[str, int] = {}  # site → its worker's place in ``_workers``
        self._numbers = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context: Any = None

    def start(self) -> None:
        if self._workers:
            return
        if sys.platform == "linux":
            # Imported once here, and inherited by every fork.
            import clipper.extraction  # noqa: F401
            from clipper.fetch import preload

            preload()
            self._context = multiprocessing.get_context("fork")
        else:  # fork is unsafe on macOS, and absent on Windows
            self._context = multiprocessing.get_context("spawn")
        self._workers = [self._spawn(jobs) for jobs in self._jobs]

    def _spawn(self, jobs: int) -> _Worker:
        ours, theirs = self._context.Pipe()
        options = dataclasses.replace(self.options, jobs=jobs)
        extracting = self._context.Value("q", -1, lock=False)
        process = self._context.Process(
            target=_worker_main,
            args=(theirs, options, extracting),
            name="clipper-worker",
            daemon=True,
        )
        process.start()
        theirs.close()
        return _Worker(process, ours, jobs, extracting)

    async def open(self) -> None:
        self._loop = asyncio.get_running_loop()
        for worker in self._workers:
            self._attach(worker)

    def _attach(self, worker: _Worker) -> None:
        assert self._loop is not None
        worker.room = asyncio.Semaphore(worker.jobs + AHEAD)
        self._loop.add_reader(worker.connection.fileno(), self._receive, worker)

    def _worker_for(self, source: str) -> _Worker:
        site = site_of(source)
        if site is None:  # a file: any worker, the least busy
            return min(self._workers, key=lambda w: len(w.waiting))
        place = self._sites.get(site)
        if place is None:
            place = min(
                range(len(self._workers)),
                key=lambda n: (self._workers[n].sites, len(self._workers[n].waiting)),
            )
            self._workers[place].sites += 1
            self._sites[site] = place
        return self._workers[place]

    async def prepare(self, source: str) -> Prepared:
        prepared: Prepared = await self._done_by_worker(source)
        return prepared

    async def run(self, task: Task) -> Any:
        return await self._done_by_worker(task)

    async def _done_by_worker(self, source: str | Task) -> Any:
        worker = self._worker_for(str(source))
        assert worker.room is not None and self._loop is not None
        async with worker.room:
            if worker not in self._workers:  # replaced while this source waited
                return await self._done_by_worker(source)
            job = _Job(source, self._loop.create_future())
            self._send(worker, job)
            return await job.future

    def _send(self, worker: _Worker, job: _Job) -> None:
        number = next(self._numbers)
        worker.waiting[number] = job
        with contextlib.suppress(OSError):  # the worker has died; its reader reports it
            worker.connection.send((number, job.source))

    def _receive(self, worker: _Worker) -> None:
        """Settle the future of an answer that has arrived from ``worker``.

        One answer a call: the event loop calls again while more are waiting,
        and asking the pipe whether they are (``poll``) cost more than that.
        """
        try:
            number, prepared, failure = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return
        future = worker.waiting.pop(number).future
        if future.done():  # the caller gave up (interrupted)
            return
        if failure is not None:
            future.set_exception(ClipperError(failure))
        else:
            future.set_result(prepared)

    def _replace(self, worker: _Worker) -> None:
        """``worker`` died: start another in its place, and send it what was in hand.

        The page being extracted at the death is tried once more, and fails
        if it is being extracted at a second one: the parser crashes on it.
        The others in hand are sent again up to ``MAX_DEATHS`` times, since
        something else may be killing the workers.
        """
        assert self._loop is not None
        self._loop.remove_reader(worker.connection.fileno())
        worker.connection.close()
        worker.process.join(timeout=5)
        index = self._workers.index(worker)
        successor = self._workers[index] = self._spawn(worker.jobs)
        successor.sites = worker.sites  # its sites stay at its place
        self._attach(successor)
        for number, job in worker.waiting.items():
            if job.future.done():
                continue
            job.deaths += 1
            job.blamed += number == worker.extracting.value
            if job.blamed >= 2 or job.deaths >= MAX_DEATHS:
                failure = (
                    f"{job.source}: the worker process preparing it died "
                    f"{'twice while extracting it' if job.blamed >= 2 else 'repeatedly'}"
                    "; it was not stored"
                )
                job.future.set_exception(ClipperError(failure))
            else:
                self._send(successor, job)
        worker.waiting.clear()

    async def aclose(self) -> None:
        if self._loop is not None:
            for worker in self._workers:
                self._loop.remove_reader(worker.connection.fileno())

    def close(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.connection.close()
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self._workers = []
