"""``clipper feed update``: read every feed, pick the new entries, clip them as a batch.

Three steps, each in its own function so the CLI (and Python) can show and
stop between them:

1. ``clipper.feeds.read.read_feeds`` reads every feed at once, with
   conditional requests.
2. ``plan_update`` picks the new entries: an entry is new when neither its id
   nor its link (in clean form) was seen in that feed before. The first
   reading of a feed takes only its ``max_per_feed`` newest entries (20
   unless told), and records the rest as seen, so that a feed with 500
   archived items does not clip years of back issues; later readings take
   every new entry (or ``max_per_feed`` when it is given, leaving the rest
   for the next update). ``commit_plan`` records the picks, as entries still
   to clip, with the feeds' validators, in one transaction; an update that
   is interrupted after it loses nothing, since the next one clips the
   entries still waiting, whatever the feed answers then.
3. ``FeedBatch`` clips them through the batch pipeline (``clipper.batch``:
   worker processes, per-site limits, a commit per clipping, progress).
   Each clipping is linked to the entries (and so the feeds) it came from
   in the savepoint of its own commit, and tagged with its feeds' tags. A
   story the library has already (by the entry's link, or its id when that
   is a web address) is linked, not clipped again. When the page cannot be
   fetched or holds no story and the entry carries the full text, the story
   is clipped from the entry, and the entry says so (``text_from``). An entry
   that fails is tried again at the next updates, ``MAX_ATTEMPTS`` times in
   all, then given up and reported.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clipper.batch import Batch, Extraction, OnOutcome, Outcome, reason_of
from clipper.clip import ClipResult, find_existing, store
from clipper.clipping import Clipping
from clipper.errors import ClipperError
from clipper.feeds.dates import sort_key
from clipper.feeds.parse import Entry
from clipper.feeds.read import FeedRead
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

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions
    from clipper.library import Library
    from clipper.workers import Prepared

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


def plan_update(library: Library, reads: Sequence[FeedRead], *, max_per_feed: int | None) -> Plan:
    """The new entries of each feed read, and what to record; nothing is written."""
    plan = Plan(list(reads))
    now = utc_now().isoformat()
    for read in reads:
        feed = read.feed
        if read.status == "failed":
            plan.readings.append(Reading(feed.id, now, error=read.error))
            continue
        reading = Reading(feed.id, now, read=True, etag=read.etag, last_modified=read.last_modified)
        plan.readings.append(reading)
        if read.parsed is None:
            continue
        reading.title, reading.site_url = read.parsed.title or None, read.parsed.site_url
        fresh = _fresh(library, feed, read.parsed.entries)
        first = feed.read_at is None
        limit = max_per_feed if max_per_feed is not None else (FIRST_UPDATE if first else None)
        taken, rest = (fresh[:limit], fresh[limit:]) if limit is not None else (fresh, [])
        for entry in taken:
            if entry.link is None:
                plan.nolink[feed.id] = plan.nolink.get(feed.id, 0) + 1
                if entry.guid is not None:  # remembered, so it is not reported again
                    reading.entries.append(_row(entry, NOLINK))
                continue
            reading.entries.append(_row(entry, NEW))
            plan.picked.append((feed, entry))
        if first:
            plan.skipped[feed.id] = len(rest)
            reading.entries += [_row(entry, SKIPPED) for entry in rest]
        elif rest:
            # Left for the next update: which must read the feed in full to see them.
            reading.etag = reading.last_modified = None
    feed_ids = [read.feed.id for read in reads]
    plan.waiting = library.feeds.waiting(feed_ids)
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


def commit_plan(library: Library, plan: Plan) -> dict[str, Candidate]:
    """Record the plan (the feeds' readings, the new entries) in one transaction,
    and return the stories to clip by link: the new entries, and those waiting."""
    ids = library.feeds.record(plan.readings)
    feeds = {read.feed.id: read.feed for read in plan.reads}
    current: dict[tuple[int, str], Entry] = {}
    for read in plan.reads:
        for entry in read.parsed.entries if read.parsed is not None else ():
            if entry.link is not None:
                current.setdefault((read.feed.id, entry.link), entry)
    candidates: dict[str, Candidate] = {}
    for waiting in plan.waiting:
        if waiting.link is None or not is_web_url(waiting.link):
            continue
        candidate = candidates.setdefault(waiting.link, Candidate(waiting.link, waiting.title))
        feed = feeds[waiting.feed_id]
        candidate.add(feed, waiting.id, waiting.guid, current.get((feed.id, waiting.link)))
        candidate.attempts = max(candidate.attempts, waiting.attempts)
    for feed, entry in plan.picked:
        assert entry.link is not None
        candidate = candidates.setdefault(entry.link, Candidate(entry.link, entry.title))
        candidate.add(feed, ids.get((feed.id, entry.guid, entry.link)), entry.guid, entry)
    return candidates


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


class FeedBatch(Batch):
    """A batch of feed entries: the batch pipeline, with what feeds add at each step.

    Its sources are the candidates' links. ``abandoned`` collects the
    entries given up in this batch (their last attempt failed).
    """

    def __init__(
        self,
        library: Library,
        candidates: Mapping[str, Candidate],
        *,
        options: FetchOptions | None = None,
        on_outcome: OnOutcome | None = None,
        extraction: Extraction = "auto",
    ) -> None:
        super().__init__(
            library, list(candidates), options=options, on_outcome=on_outcome, extraction=extraction
        )
        self.candidates = dict(candidates)
        self.abandoned: list[Outcome] = []
        self._page_failed: dict[str, str] = {}  # source → why its page was not used

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
