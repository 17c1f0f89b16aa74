"""``clipper feed update``: read every feed, pick the new entries, clip them as a batch.

``FeedBatch`` is a streaming batch (``clipper.batch``): it reads every feed at
once (``clipper.feeds.read``, conditional requests), and as each feed comes
in, its new entries are recorded and queued, so the first stories are being
clipped while the other feeds are still being read.

- **New entries** (``plan_feed``): an entry is new when neither its id nor
  its link (in clean form) was seen in that feed before. The first reading
  of a feed takes only its ``max_per_feed`` newest entries (20 unless told)
  and records the rest as seen, so a feed with 500 archived items does not
  clip years of back issues; later readings take every new entry (or
  ``max_per_feed`` when it is given, leaving the rest, and the feed's
  validators, for the next update).
- **Recorded first**: a feed's new entries are recorded (as entries to clip)
  in the same commit as its validators, before any is clipped; an update
  that is interrupted loses nothing, since the next one clips the entries
  still waiting, whatever the feed answers then (a 304 included).
- **Clipped as a batch**: worker processes, per-site limits, a commit per
  clipping, progress. Each clipping is linked to the entries (and so the
  feeds) it came from in the savepoint of its own commit, and tagged with
  its feeds' tags. A story the library has already (by the entry's link, or
  its id when that is a web address) is linked, not clipped again. When the
  page cannot be fetched or holds no story and the entry carries the full
  text, the story is clipped from the entry, and the entry says so
  (``text_from``). An entry that fails is tried again at the next updates,
  ``MAX_ATTEMPTS`` times in all, then given up and reported.

``plan_update`` and ``preview`` do the same planning without recording
anything, for ``--dry-run``.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clipper.batch import Batch, Extraction, OnOutcome, Outcome, reason_of
from clipper.clip import ClipResult, find_existing, store
from clipper.clipping import Clipping
from clipper.errors import ClipperError
from clipper.feeds.dates import sort_key
from clipper.feeds.parse import Entry
from clipper.feeds.read import FeedRead, read_feed
from clipper.feeds.store import (
    ALREADY,
    CLIPPED,
    MAX_ATTEMPTS,
    NEW,
    NOLINK,
    SKIPPED,
    Feed,
    Reading,
    SeenEntry,
)
from clipper.page import Page, utc_now
from clipper.urls import is_web_url
from clipper.workers import Prepared, Task, WorkerPages

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions
    from clipper.library import Library

#: Entries a feed's first update clips, unless ``--max-per-feed`` says otherwise.
FIRST_UPDATE = 20


@dataclass
class Candidate:
    """A story to clip: its link, and the entries (of one feed or several) that name it."""

    link: str
    title: str = ""
    feeds: list[Feed] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)
    guids: list[str] = field(default_factory=list)
    entry: Entry | None = None  # as the feed shows it now, when it was read now
    attempts: int = 0  # failed attempts so far

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for feed in self.feeds for tag in feed.tags))

    @property
    def feed_names(self) -> str:
        return ", ".join(feed.name for feed in self.feeds)

    def add(self, feed: Feed, entry_id: int | None, guid: str | None, entry: Entry | None) -> None:
        if all(known.id != feed.id for known in self.feeds):
            self.feeds.append(feed)
        if entry_id is not None:
            self.entry_ids.append(entry_id)
        if guid is not None and guid not in self.guids:
            self.guids.append(guid)
        if entry is not None and (self.entry is None or not self.entry.content):
            self.entry = entry
        if entry is not None and entry.title and not self.title:
            self.title = entry.title


@dataclass
class Plan:
    """What an update will do: each feed's reading, and the entries it found new."""

    reads: list[FeedRead]
    readings: list[Reading] = field(default_factory=list)
    #: (feed, entry) picked to clip, newest first within each feed.
    picked: list[tuple[Feed, Entry]] = field(default_factory=list)
    #: Entries recorded earlier that are still to clip (new, or failed and tried again).
    waiting: list[SeenEntry] = field(default_factory=list)
    #: Per feed id: older entries skipped by a first update; new entries without a web link.
    skipped: dict[int, int] = field(default_factory=dict)
    nolink: dict[int, int] = field(default_factory=dict)

    @property
    def failed(self) -> list[FeedRead]:
        return [read for read in self.reads if read.status == "failed"]

    @property
    def unchanged(self) -> list[FeedRead]:
        return [read for read in self.reads if read.status == "unchanged"]


@dataclass
class FeedPlan:
    """What one reading of a feed brings: what to record, and the entries to clip."""

    reading: Reading
    picked: list[Entry] = field(default_factory=list)
    skipped: int = 0  # older entries a first update leaves out
    nolink: int = 0  # new entries without a web link


def plan_feed(library: Library, read: FeedRead, *, max_per_feed: int | None, now: str) -> FeedPlan:
    """The new entries of the feed read, and what to record of the reading; nothing is written."""
    feed = read.feed
    if read.status == "failed":
        return FeedPlan(Reading(feed.id, now, error=read.error))
    reading = Reading(feed.id, now, read=True, etag=read.etag, last_modified=read.last_modified)
    plan = FeedPlan(reading)
    if read.parsed is None:
        return plan
    reading.title, reading.site_url = read.parsed.title or None, read.parsed.site_url
    fresh = _fresh(library, feed, read.parsed.entries)
    first = feed.read_at is None
    limit = max_per_feed if max_per_feed is not None else (FIRST_UPDATE if first else None)
    taken, rest = (fresh[:limit], fresh[limit:]) if limit is not None else (fresh, [])
    for entry in taken:
        if entry.link is None:
            plan.nolink += 1
            if entry.guid is not None:  # remembered, so it is not reported again
                reading.entries.append(_row(entry, NOLINK))
            continue
        reading.entries.append(_row(entry, NEW))
        plan.picked.append(entry)
    if first:
        plan.skipped = len(rest)
        reading.entries += [_row(entry, SKIPPED) for entry in rest]
    elif rest:
        # Left for the next update, which must read the feed in full to see them.
        reading.etag = reading.last_modified = None
    return plan


def plan_update(library: Library, reads: Sequence[FeedRead], *, max_per_feed: int | None) -> Plan:
    """What an update would do with these readings (for ``--dry-run``); nothing is written."""
    plan = Plan(list(reads))
    now = utc_now().isoformat()
    for read in reads:
        planned = plan_feed(library, read, max_per_feed=max_per_feed, now=now)
        plan.readings.append(planned.reading)
        plan.picked += [(read.feed, entry) for entry in planned.picked]
        if planned.skipped:
            plan.skipped[read.feed.id] = planned.skipped
        if planned.nolink:
            plan.nolink[read.feed.id] = planned.nolink
    plan.waiting = library.feeds.waiting([read.feed.id for read in reads])
    return plan


def _row(entry: Entry, state: str) -> tuple[str | None, str | None, str, str | None, str]:
    return (entry.guid, entry.link, entry.title, entry.published, state)


def _fresh(library: Library, feed: Feed, entries: Sequence[Entry]) -> list[Entry]:
    """The entries not seen in ``feed`` before, newest first.

    Newest by date when every entry has one; otherwise in the feed's own
    order, which is newest first in feeds that give no dates.
    """
    guids = [e.guid for e in entries if e.guid is not None]
    links = [e.link for e in entries if e.link is not None]
    seen_guids, seen_links = library.feeds.seen(feed.id, guids, links)
    fresh = [
        entry
        for entry in entries
        if not (entry.guid is not None and entry.guid in seen_guids)
        and not (entry.link is not None and entry.link in seen_links)
        and (entry.guid is not None or entry.link is not None)
    ]
    keys = [sort_key(entry.published) for entry in fresh]
    if all(key is not None for key in keys):
        order = sorted(range(len(fresh)), key=lambda i: -(keys[i] or 0.0))
        fresh = [fresh[i] for i in order]
    return fresh


def preview(plan: Plan) -> dict[str, Candidate]:
    """The stories an update would clip, without recording anything (``--dry-run``)."""
    feeds = {read.feed.id: read.feed for read in plan.reads}
    candidates: dict[str, Candidate] = {}
    for waiting in plan.waiting:
        if waiting.link is not None and is_web_url(waiting.link):
            candidate = candidates.setdefault(waiting.link, Candidate(waiting.link, waiting.title))
            candidate.add(feeds[waiting.feed_id], waiting.id, waiting.guid, None)
    for feed, entry in plan.picked:
        assert entry.link is not None
        candidate = candidates.setdefault(entry.link, Candidate(entry.link, entry.title))
        candidate.add(feed, None, entry.guid, entry)
    return candidates


def known_story(library: Library, candidate: Candidate) -> Clipping | None:
    """The clipping the library already has for the candidate: by its link, or by
    an id of its entries that is a web address (a permalink)."""
    found = find_existing(library, candidate.link)
    for guid in candidate.guids:
        if found is not None:
            break
        if guid != candidate.link and is_web_url(guid):
            found = library.find_at(guid)
    return found


# -- clipping ------------------------------------------------------------------------------


OnRead = Callable[[FeedRead, FeedPlan], None]


class FeedBatch(Batch):
    """Every feed read, and its new stories clipped, in one streaming batch.

    ``reads`` holds each feed's reading as it comes in; ``on_read`` is called
    with it (and what it brought) once its entries are recorded. ``abandoned``
    collects the entries given up in this batch (their last attempt failed).
    """

    streaming = True

    def __init__(
        self,
        library: Library,
        feeds: Sequence[Feed],
        *,
        options: FetchOptions | None = None,
        max_per_feed: int | None = None,
        on_outcome: OnOutcome | None = None,
        on_read: OnRead | None = None,
        extraction: Extraction = "auto",
    ) -> None:
        self.feeds = list(feeds)
        self.max_per_feed = max_per_feed
        self.on_read = on_read
        self._waiting = library.feeds.waiting([feed.id for feed in self.feeds])
        # Worker processes pay off for many stories, which only a feed's first
        # update is known to bring; updates of feeds read before bring a few.
        first = max_per_feed or FIRST_UPDATE
        expected = len(self._waiting) + sum(first for f in self.feeds if f.read_at is None)
        super().__init__(
            library,
            [],
            options=options,
            on_outcome=on_outcome,
            extraction=extraction,
            expected=expected,
        )
        self.candidates: dict[str, Candidate] = {}
        self.reads: list[FeedRead] = []
        self.abandoned: list[Outcome] = []
        #: Stories of earlier updates tried again (not new): counted apart in the summary.
        self.retried = 0
        self._page_failed: dict[str, str] = {}  # source → why its page was not used

    def start(self) -> None:
        if isinstance(self.pages, WorkerPages):  # imported once, before the workers fork
            import feedparser  # noqa: F401

            import clipper.feeds.parse  # noqa: F401
        super().start()

    async def more_sources(self) -> AsyncIterator[list[str]]:
        feeds = {feed.id: feed for feed in self.feeds}
        waiting = []
        for seen in self._waiting:
            if seen.link is not None and is_web_url(seen.link):
                candidate = self._candidate(seen.link, seen.title)
                candidate.add(feeds[seen.feed_id], seen.id, seen.guid, None)
                candidate.attempts = max(candidate.attempts, seen.attempts)
                waiting.append(seen.link)
        if waiting:
            self.retried = len(set(waiting))
            yield waiting
        # Half the requests at once at most go to feeds, so the first feeds' stories
        # are fetched while the others are read, rather than after every feed.
        reading = asyncio.Semaphore(max(1, self.options.jobs // 2))
        tasks = {asyncio.create_task(self._read(feed, reading)) for feed in self.feeds}
        try:
            while tasks:
                # The readings that are in, recorded together: one commit for many.
                done, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                reads = [task.result() for task in done]
                taken = await self._library(self._take_all, reads)
                links = []
                for read, (planned, found) in zip(reads, taken, strict=True):
                    self.reads.append(read)
                    if self.on_read is not None:
                        self.on_read(read, planned)
                    links += found
                if links:
                    yield links
        finally:
            for task in tasks:
                task.cancel()

    async def _read(self, feed: Feed, reading: asyncio.Semaphore) -> FeedRead:
        """The feed read where its site's pages are fetched (a worker, when there are
        workers): its requests count against the site's limits, and the parsing
        is done beside the extraction, not in this process, which stores."""
        async with reading:
            try:
                read: FeedRead = await self.pages.run(Task(feed.url, read_feed, (feed,)))
            except ClipperError as error:  # the worker reading it died
                return FeedRead(feed, "failed", error=error.message)
        return read

    def _take_all(self, reads: list[FeedRead]) -> list[tuple[FeedPlan, list[str]]]:
        return [self._take(read) for read in reads]

    def _take(self, read: FeedRead) -> tuple[FeedPlan, list[str]]:
        """On the writer: plan the reading, record it, and make its new entries candidates."""
        now = utc_now().isoformat()
        planned = plan_feed(self.library, read, max_per_feed=self.max_per_feed, now=now)
        ids = self.library.feeds.record([planned.reading])
        feed = read.feed
        links = []
        for entry in planned.picked:
            assert entry.link is not None
            if entry.link not in self.candidates:
                links.append(entry.link)
            candidate = self._candidate(entry.link, entry.title)
            candidate.add(feed, ids.get((feed.id, entry.guid, entry.link)), entry.guid, entry)
        # Entries waiting from an earlier update get the feed's text now, for a fallback.
        for entry in read.parsed.entries if read.parsed is not None else ():
            if entry.link in self.candidates and entry.content:
                self.candidates[entry.link].add(feed, None, entry.guid, entry)
        return planned, links

    def _candidate(self, link: str, title: str) -> Candidate:
        return self.candidates.setdefault(link, Candidate(link, title))

    def find(self, source: str) -> Clipping | None:
        return known_story(self.library, self.candidates[source])

    @property
    def keeping_writes(self) -> bool:
        return True

    def keep(self, source: str, existing: Clipping) -> Clipping:
        candidate = self.candidates[source]
        clipping = self.library.add_tags(existing.id, candidate.tags)
        self.library.feeds.settle(candidate.entry_ids, existing.id, ALREADY, None)
        return clipping

    async def prepare(self, source: str) -> Prepared:
        try:
            return await super().prepare(source)
        except ClipperError as error:
            entry = self.candidates[source].entry
            if entry is None or not entry.content:
                raise
            from clipper.workers import extract_and_pack

            try:
                prepared = await asyncio.to_thread(extract_and_pack, entry_page(entry))
            except ClipperError:
                raise error from None
            self._page_failed[source] = reason_of(error, source)
            return prepared

    def store(self, source: str, prepared: Prepared, existing: Clipping | None) -> ClipResult:
        candidate = self.candidates[source]
        entry = candidate.entry
        if prepared.article.published is None and entry is not None and entry.published:
            prepared = replace(
                prepared, article=replace(prepared.article, published=entry.published)
            )
        result = store(
            self.library,
            prepared.article,
            prepared.page,
            candidate.tags,
            existing=existing,
            forms=prepared.forms,
            images=prepared.images,
        )
        state = CLIPPED if result.created else ALREADY
        text_from = "feed" if source in self._page_failed else "page"
        self.library.feeds.settle(candidate.entry_ids, result.clipping.id, state, text_from)
        return result

    async def failed(self, source: str, reason: str) -> Outcome:
        candidate = self.candidates[source]
        last = False
        if candidate.entry_ids:
            try:
                last = await self._library(self.library.feeds.fail, candidate.entry_ids, reason)
            except ClipperError as error:  # the library could not note it: say so, go on
                reason = f"{reason} (and it could not be noted: {error.message})"
        attempt = candidate.attempts + 1
        if last:
            reason = f"{reason}; gave up after {counted_attempts(attempt)}"
        else:
            reason = f"{reason}; will try again at the next update ({attempt} of {MAX_ATTEMPTS})"
        outcome = Outcome(source, "failed", reason=reason)
        if last:
            self.abandoned.append(outcome)
        return outcome

    def note(self, source: str, result: ClipResult) -> str | None:
        notes = [result.collision()]
        if source in self._page_failed:
            notes.append(f"text from the feed: the page failed ({self._page_failed[source]})")
        return "; ".join(note for note in notes if note) or None


def counted_attempts(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


def entry_page(entry: Entry) -> Page:
    """The entry's full text as a page, for the extractor: its title, author, date
    and link in the head, as a story's page has them."""
    assert entry.content is not None and entry.link is not None
    title = html.escape(entry.title)
    head = [f'<meta charset="utf-8"><title>{title}</title>']
    head.append(f'<link rel="canonical" href="{html.escape(entry.link)}">')
    if entry.author:
        head.append(f'<meta name="author" content="{html.escape(entry.author)}">')
    if entry.published:
        head.append(
            f'<meta property="article:published_time" content="{html.escape(entry.published)}">'
        )
    document = (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head>"
        f"<body><article><h1>{title}</h1>{entry.content}</article></body></html>"
    )
    return Page(
        content=document.encode("utf-8", "replace"),
        source=entry.link,
        url=entry.link,
        headers={"content-type": "text/html; charset=utf-8"},
    )


def feeds_named(library: Library, refs: Iterable[str]) -> list[Feed]:
    """The feeds named (by name or id), each once; every feed when none is named."""
    refs = list(refs)
    if not refs:
        return library.feeds.all()
    found: dict[int, Feed] = {}
    for ref in refs:
        feed = library.feeds.find(ref)
        found.setdefault(feed.id, feed)
    return list(found.values())
