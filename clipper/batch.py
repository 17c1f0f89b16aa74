"""Clip many sources at once: fetch concurrently, extract in parallel, store one by one.

The pipeline, and why it is shaped so:

- **Preparing** a source (fetching or reading it, extracting its story,
  packing its raw bytes for the archive) is ``clipper.workers``' job: on a
  machine with more than one CPU, in worker processes, one per CPU, each
  with its own event loop and ``Fetcher`` (``clipper.fetch``), so that
  every page's CPU-bound work, HTTP included, is spread over the CPUs. The
  limits hold as ``clipper.fetch`` states them: at most ``jobs`` requests at
  once, at most ``per_host`` to one site. Small batches, and one-CPU
  machines, fetch on this process's event loop and extract in one thread
  instead, since starting processes would cost more than it saves.
  Measured with ``benchmarks/batch.py``; see the README.
- **Storing** happens in exactly one place: a single writer thread owns the
  library for the whole batch. A clipping is committed as soon as it is
  extracted, in a short transaction; ``on_outcome`` is called only after the
  commit, so whatever is reported as clipped survives a ``kill -9`` (and,
  with the library's ``synchronous=FULL``, a power cut) a moment later.
  Every commit costs an fsync and a new segment of the full-text index, so
  clippings ready at about the same time share one (group commit), each in
  its own savepoint so that one failing leaves the others stored: a commit
  waits up to 20 ms for company (``Writer.LINGER``), and the batch keeps a
  few more pages in flight meanwhile. Every lookup for "already in the
  library" goes through the same thread, so a re-run of the same list skips
  what is done without fetching.

At most ``jobs + 2 × workers + 32`` pages are in flight (fetched, not yet stored),
so memory stays flat however long the list is. One bad source never stops
the batch: its failure is recorded with the reason and the rest go on.
Repeated URLs in the list (the same after ``clean_url``) are clipped once.

A batch may also learn its sources as it runs (``streaming``, ``more_sources``):
a feed update clips the first feed's new stories while the others are still
being read, so the reading costs no time of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import os
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO, TypeVar

from clipper.clip import ClipResult, find_existing, store
from clipper.clipping import Clipping
from clipper.errors import ClipperError, SourceError, internal_error, reading
from clipper.fetch import FetchOptions
from clipper.library import Library
from clipper.sources import STDIN
from clipper.urls import clean_url, is_web_url
from clipper.workers import LocalPages, Pages, Prepared, Task, WorkerPages

Status = Literal["clipped", "refetched", "already", "failed"]
Extraction = Literal["auto", "process", "thread"]
#: Batches smaller than this stay in one process: starting workers costs ~0.3 s.
PROCESS_POOL_MIN_SOURCES = 8
#: Lanes beyond those fetching and extracting, for pages whose commit waits:
#: for company (``Writer.LINGER``), or for a commit in progress, which takes
#: tens of milliseconds when SQLite checkpoints its log (every ~4 MB written).
#: At 200 pages a second that is more than 8 pages: with 8 lanes, the workers
#: went idle while a commit lasted; measured with benchmarks/batch.py, 32
#: gave a median 15% faster, and 64 no more than 32.
WAITING_LANES = 32
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """What became of one source in a batch."""

    source: str
    status: Status
    clipping: Clipping | None = None
    reason: str | None = None
    note: str | None = None  # about a clipping stored: its canonical link is another's too
    #: Its pictures fetched with it (``--images``): how many were stored, how many not.
    pictures: tuple[int, int] = (0, 0)


@dataclass
class BatchSummary:
    """The outcomes so far, in the order they were committed.

    Counted as they are added: a progress bar asks for the counts after every
    outcome, and counting the list each time made a long batch quadratic.
    """

    total: int
    outcomes: list[Outcome] = field(default_factory=list)
    _counts: Counter[Status] = field(default_factory=Counter, repr=False)
    #: Pictures stored, and not stored, with the clippings so far (``--images``).
    pictures: tuple[int, int] = (0, 0)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self._counts[outcome.status] += 1
        if outcome.pictures != (0, 0):
            kept, refused = self.pictures
            self.pictures = (kept + outcome.pictures[0], refused + outcome.pictures[1])

    def count(self, status: Status) -> int:
        return self._counts[status]

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    @property
    def done(self) -> int:
        return len(self.outcomes)


OnOutcome = Callable[[Outcome, BatchSummary], None]
#: Called by the writer right after a source's clipping is stored (or found already
#: stored), in the same transaction, with the source, the clipping and whether it is
#: new; returns the clipping as it then is. ``clipper pending --clip`` gives each
#: clipping what its pending link knew, and drops the link, in the commit that
#: stores the clipping: a batch killed half-way leaves no link both clipped and pending.
OnStored = Callable[[Library, str, Clipping, bool], Clipping]


def parse_url_list(lines: Iterable[str]) -> list[str]:
    """The sources in a list: one per line; blank lines and ``#`` comments are ignored."""
    sources = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            sources.append(text)
    return sources


def read_url_list(path: str, stdin: TextIO | None = None) -> list[str]:
    """The sources listed in the file ``path`` (``-`` for standard input)."""
    if path == STDIN:
        return parse_url_list(stdin or sys.stdin)
    with (
        reading(path, "a file with one URL per line"),
        open(path, encoding="utf-8-sig", errors="replace") as stream,  # noqa: PTH123
    ):
        return parse_url_list(stream)


def unique_sources(sources: Iterable[str]) -> list[str]:
    """``sources`` without repeats (URLs compared after ``clean_url``), in order."""
    seen: set[str] = set()
    kept = []
    for source in sources:
        key = _key(source)
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


def _key(source: str) -> str:
    return clean_url(source) if is_web_url(source) else source


def reason_of(error: ClipperError, source: str) -> str:
    """The error's message without naming the source (its line shows it): neither the
    source it starts with, nor "in SOURCE" inside it ("no story found in SOURCE: ...").
    A different address (where a redirect led) is kept: it says something new."""
    message = error.message
    if message.startswith(source):
        message = message[len(source) :].lstrip(" :")
    for named in dict.fromkeys((source, clean_url(source) if is_web_url(source) else source)):
        message = message.replace(f" in {named}:", ":").replace(f" in {named}", "")
    return message or error.message


def extraction_workers(extraction: Extraction, sources: int) -> int:
    """How many worker processes a batch uses; 0 means this process and one thread instead.

    Always 0 on Windows: the workers talk to the batch through the event
    loop's ``add_reader``, which Windows' event loop does not have.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpus = cpus or 1
    if (
        extraction == "thread"
        or sys.platform == "win32"
        or (extraction == "auto" and (cpus < 2 or sources < PROCESS_POOL_MIN_SOURCES))
    ):
        return 0
    return cpus


# -- the writer -----------------------------------------------------------------------


@dataclass
class _Job:
    function: Callable[..., Any]
    args: tuple[Any, ...]
    writes: bool
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


def _settle_all(results: list[tuple[_Job, Any, BaseException | None]]) -> None:
    for job, value, error in results:
        if job.future.done():
            continue
        if error is not None:
            job.future.set_exception(error)
        else:
            job.future.set_result(value)


class Writer:
    """The one thread that touches the library during a batch, with group commit.

    Jobs run in the order they were submitted. The jobs waiting when the
    writer turns to the queue run together inside one ``Library.transaction``
    (at most ``GROUP`` of them), and their futures are settled only after it
    commits. A job that raises fails alone; a commit that fails fails its
    whole group, and none of it is stored.

    A write waits at most ``LINGER`` seconds for company (until ``SHARE``
    writes are in hand): every commit costs an fsync, a new segment of the
    full-text index and the index pages it touches, so sharing it saves CPU.
    Measured with ``benchmarks/batch.py``: the writer's time per clipping
    falls by a third from one clipping a commit to five or more. The wait
    happens before the transaction starts, so other processes are not held up.
    """

    GROUP = 64
    LINGER = 0.02
    SHARE = 16

    def __init__(self, library: Library) -> None:
        self.library = library
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="clipper-writer", daemon=True)
        self._thread.start()

    def submit(self, function: Callable[..., T], *args: Any, writes: bool) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Job(function, args, writes, future, loop))
        return future

    def close(self) -> None:
        """Finish the jobs already submitted (a commit in progress included), then stop."""
        self._jobs.put(None)
        self._thread.join()

    def _serve(self) -> None:
        stopping = False
        while not stopping:
            first = self._jobs.get()
            if first is None:
                return
            group = [first]
            writes = int(first.writes)
            # A write waits up to LINGER for others to share its commit.
            deadline = time.monotonic() + self.LINGER if writes else None
            while len(group) < self.GROUP and writes < self.SHARE:
                try:
                    if deadline is not None and (remaining := deadline - time.monotonic()) > 0:
                        following = self._jobs.get(timeout=remaining)
                    else:
                        following = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if following is None:
                    stopping = True
                    break
                group.append(following)
                if following.writes:
                    writes += 1
                    if deadline is None:
                        deadline = time.monotonic() + self.LINGER
            results = self._run(group)
            loops = {id(job.loop): job.loop for job in group}
            for loop in loops.values():  # one wake-up of the event loop per commit
                # RuntimeError: the event loop is gone (the batch was interrupted).
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(
                        _settle_all, [result for result in results if result[0].loop is loop]
                    )

    def _run(self, group: list[_Job]) -> list[tuple[_Job, Any, BaseException | None]]:
        results: list[tuple[_Job, Any, BaseException | None]] = []
        try:
            if any(job.writes for job in group):
                with self.library.transaction():
                    results = [self._call(job) for job in group]
            else:
                results = [self._call(job) for job in group]
        except Exception as error:  # the commit itself failed: nothing in the group is stored
            return [(job, None, error) for job in group]
        return results

    @staticmethod
    def _call(job: _Job) -> tuple[_Job, Any, BaseException | None]:
        try:
            return job, job.function(*job.args), None
        except Exception as error:
            return job, None, error


# -- the batch ------------------------------------------------------------------------


class Batch:
    """One run over a list of sources; ``summary`` holds the outcomes so far.

    ``summary`` stays readable after ``run`` is interrupted (Ctrl-C), so the
    caller can report what was done. A subclass that sets ``streaming`` adds
    sources while the batch runs (``more_sources``); ``expected`` then says
    how many it expects, to choose worker processes or a thread.
    """

    #: Whether ``more_sources`` adds sources while the batch runs.
    streaming = False

    def __init__(
        self,
        library: Library,
        sources: Iterable[str],
        *,
        options: FetchOptions | None = None,
        tags: Iterable[str] = (),
        refetch: bool = False,
        on_outcome: OnOutcome | None = None,
        extraction: Extraction = "auto",
        on_stored: OnStored | None = None,
        expected: int | None = None,
    ) -> None:
        self.library = library
        self.on_stored = on_stored
        self.sources = unique_sources(sources)
        self._keys = {_key(source) for source in self.sources}
        self.options = options or FetchOptions()
        self.tags = tuple(tags)
        self.refetch = refetch
        self.on_outcome = on_outcome
        self.summary = BatchSummary(total=len(self.sources))
        workers = extraction_workers(extraction, max(len(self.sources), expected or 0))
        self.pages: Pages = (
            WorkerPages(self.options, workers) if workers else LocalPages(self.options)
        )
        self._writer: Writer | None = None
        self._started = False

    def start(self) -> None:
        """Start the worker processes; call it before starting threads of your own.

        ``run`` calls it when the caller has not. (The CLI calls it before its
        progress bar starts its refresh thread.)
        """
        if not self._started and (self.sources or self.streaming):
            # What exists now (the modules, mostly) stays out of garbage collection
            # until the batch ends: each full collection would otherwise walk it
            # all, in this process and in every forked worker, where walking it
            # also copies every page it touches. Python's gc docs advise this
            # before forking; measured, it saves ~0.3 ms a page (see the commit).
            gc.freeze()
            self.pages.start()
            self._started = True

    def run(self) -> BatchSummary:
        """Clip every source; return the summary (failures included, never raised)."""
        if not self.sources and not self.streaming:
            return self.summary
        self.start()
        self._writer = Writer(self.library)
        try:
            asyncio.run(self._main())
        finally:
            self.pages.close()
            # Wait for a commit in progress: the library is closed right after.
            self._writer.close()
            gc.unfreeze()
        return self.summary

    async def _main(self) -> None:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        for source in self.sources:
            queue.put_nowait(source)
        # Lanes preparing pages, and WAITING_LANES more whose pages wait for a commit.
        lanes = self.pages.capacity + WAITING_LANES
        if not self.streaming:
            lanes = min(len(self.sources), lanes)
        await self.pages.open()
        try:
            tasks = [asyncio.create_task(self._lane(queue)) for _ in range(lanes)]
            tasks.append(asyncio.create_task(self._add_sources(queue, lanes)))
            try:
                await asyncio.gather(*tasks)
            finally:
                for task in tasks:
                    task.cancel()
        finally:
            await self.pages.aclose()

    async def more_sources(self) -> AsyncIterator[list[str]]:
        """Sources found while the batch runs, a group at a time (with ``streaming``)."""
        found: tuple[list[str], ...] = ()  # none: an async generator that finds nothing
        for sources in found:
            yield sources

    async def _add_sources(self, queue: asyncio.Queue[str | None], lanes: int) -> None:
        """Queue what ``more_sources`` finds (each source once), then end every lane."""
        try:
            if self.streaming:
                async for sources in self.more_sources():
                    for source in sources:
                        key = _key(source)
                        if key not in self._keys:
                            self._keys.add(key)
                            self.summary.total += 1
                            queue.put_nowait(source)
        finally:
            for _ in range(lanes):
                queue.put_nowait(None)

    async def _lane(self, queue: asyncio.Queue[str | None]) -> None:
        while (source := await queue.get()) is not None:  # every lane pulls from the one queue
            outcome = await self._one(source)
            self.summary.add(outcome)
            if self.on_outcome is not None:
                self.on_outcome(outcome, self.summary)

    async def _library(self, function: Callable[..., T], *args: Any, writes: bool = True) -> T:
        assert self._writer is not None
        return await self._writer.submit(function, *args, writes=writes)

    async def _one(self, source: str) -> Outcome:
        try:
            if source == STDIN:
                raise SourceError("standard input (-) can only be clipped on its own")
            existing = await self._library(self.find, source, writes=False)
            if existing is not None and not self.refetch:
                clipping = await self._library(
                    self.keep, source, existing, writes=self.keeping_writes
                )
                return Outcome(source, "already", clipping)
            prepared = await self.prepare(source)
            result: ClipResult = await self._library(self.store, source, prepared, existing)
        except ClipperError as error:
            return await self.failed(source, reason_of(error, source))
        except Exception as error:  # a bug must not cost the rest of the batch
            return await self.failed(source, internal_error(error))
        status: Status = (
            "clipped" if result.created else "refetched" if result.refetched else "already"
        )
        kept = sum(1 for image in result.images if image.image is not None)
        pictures = (kept, len(result.images) - kept)
        return Outcome(
            source, status, result.clipping, note=self.note(source, result), pictures=pictures
        )

    # What a batch does with each source, step by step. A subclass may do more
    # at each step (``clipper.feeds.update`` links each clipping to its feed);
    # ``find``, ``keep`` and ``store`` run on the writer thread, ``store`` and
    # ``keep`` (when ``keeping_writes``) in the savepoint of the source's commit.

    def find(self, source: str) -> Clipping | None:
        """The clipping the library already has for ``source``, found without fetching."""
        return find_existing(self.library, source)

    @property
    def keeping_writes(self) -> bool:
        """Whether ``keep`` writes (a batch with tags adds them to what it finds, and
        ``on_stored`` may change it)."""
        return bool(self.tags) or self.on_stored is not None

    def keep(self, source: str, existing: Clipping) -> Clipping:
        """What to do with a clipping the library has already: add the batch's tags."""
        clipping = self.library.add_tags(existing.id, self.tags)
        if self.on_stored is not None:
            clipping = self.on_stored(self.library, source, clipping, False)
        return clipping

    async def prepare(self, source: str) -> Prepared:
        """``source`` fetched or read, extracted and packed (``clipper.workers``), then
        its pictures fetched when asked for (``pictures``)."""
        return await self.pictures(await self.pages.prepare(source))

    async def pictures(self, prepared: Prepared) -> Prepared:
        """``prepared`` with the pictures it plans fetched. Those on the page's own site
        came with it (``clipper.workers.own_pictures``); each other site's are fetched
        by the worker that fetches that site's pages (a ``Task``), so ``per_host``
        holds for a site whose pictures many stories show as it does for its pages.
        The clipping's total applies last, in story order."""
        if not prepared.wanted or prepared.limits is None:
            return prepared
        from clipper.images.fetch import fetch_group, host_groups, within_total

        page_url = prepared.page.url
        by_key = {outcome.key: outcome for outcome in prepared.images}
        rest = [item for item in prepared.wanted if item.reference.key not in by_key]
        done = await asyncio.gather(
            *(
                self.pages.run(
                    Task(site or page_url or "", fetch_group, (group, page_url, prepared.limits))
                )
                for site, group in host_groups(rest).items()
            )
        )
        by_key.update((outcome.key, outcome) for outcomes in done for outcome in outcomes)
        ordered = [by_key[item.reference.key] for item in prepared.wanted]
        images = within_total(ordered, prepared.limits)
        return dataclasses.replace(prepared, images=images, wanted=())

    def store(self, source: str, prepared: Prepared, existing: Clipping | None) -> ClipResult:
        """Store the prepared article (``clipper.clip.store``)."""
        result = _store(self.library, prepared, self.tags, existing, self.refetch)
        if self.on_stored is not None:
            stored = self.on_stored(self.library, source, result.clipping, result.created)
            result = dataclasses.replace(result, clipping=stored)
        return result

    async def failed(self, source: str, reason: str) -> Outcome:
        """The outcome of a source that could not be clipped, for ``reason``."""
        return Outcome(source, "failed", reason=reason)

    def note(self, source: str, result: ClipResult) -> str | None:
        """What to say beside a stored clipping: that its canonical link is another's too."""
        return result.collision()


def _store(
    library: Library,
    prepared: Prepared,
    tags: tuple[str, ...],
    existing: Clipping | None,
    refetch: bool,
) -> ClipResult:
    article, page, forms = prepared.article, prepared.page, prepared.forms
    return store(
        library,
        article,
        page,
        tags,
        existing=existing,
        refetch=refetch,
        forms=forms,
        images=prepared.images,
    )


def clip_batch(
    library: Library,
    sources: Iterable[str],
    *,
    options: FetchOptions | None = None,
    tags: Iterable[str] = (),
    refetch: bool = False,
    on_outcome: OnOutcome | None = None,
    extraction: Extraction = "auto",
    on_stored: OnStored | None = None,
) -> BatchSummary:
    """Clip every source into ``library``; see the module's docstring."""
    return Batch(
        library,
        sources,
        options=options,
        tags=tags,
        refetch=refetch,
        on_outcome=on_outcome,
        extraction=extraction,
        on_stored=on_stored,
    ).run()
