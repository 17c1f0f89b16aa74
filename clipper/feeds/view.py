"""Feeds as Rich renderables: the ``clipper feed list`` table, and lines about feeds.

As everywhere in clipper, names, titles and URLs (which came from feeds and
pages) go into ``Text`` after ``one_line``, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from clipper.feeds.store import Feed
from clipper.text import counted, one_line


def when(value: str | None) -> str:
    """A stored time (UTC) as local ``YYYY-MM-DD HH:MM``; ``never`` for none."""
    if not value:
        return "never"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return one_line(value)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def feeds_table(feeds: Sequence[Feed]) -> RenderableType:
    """``clipper feed list``: id, name, URL, last checked, last new story, stories, errors;
    then the last error of each feed that could not be read."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("id", justify="right", style="green", no_wrap=True)
    table.add_column("name", max_width=28, overflow="fold")
    table.add_column("url", style="dim", ratio=1, min_width=20, overflow="fold")
    table.add_column("checked", no_wrap=True)
    table.add_column("last new", no_wrap=True)
    table.add_column("stories", justify="right", no_wrap=True)
    table.add_column("errors", justify="right", style="red", no_wrap=True)
    for feed in feeds:
        table.add_row(
            Text(str(feed.id)),
            Text(one_line(feed.name)),
            Text(one_line(feed.url)),
            Text(when(feed.checked_at)),
            Text(when(feed.last_new_at) if feed.last_new_at else ""),
            Text(str(feed.stories)),
            Text(_errors(feed)),
        )
    notes: list[RenderableType] = [table]
    for feed in feeds:
        if feed.error:
            notes.append(
                Text.assemble(
                    (f"#{feed.id} ", "green"),
                    one_line(feed.name),
                    ": ",
                    (one_line(feed.error), "red"),
                )
            )
    return Group(*notes)


def _errors(feed: Feed) -> str:
    parts = []
    if feed.failures:  # readings of the feed that failed, in a row
        parts.append(counted(feed.failures, "failed read"))
    if feed.failing:  # its stories
        parts.append(f"{counted(feed.failing, 'story', 'stories')} retrying")
    if feed.given_up:
        parts.append(f"{counted(feed.given_up, 'story', 'stories')} given up")
    return ", ".join(parts)


def feed_line(feed: Feed) -> str:
    """``#3 Example World (https://example.org/rss.xml)``, for status lines."""
    return f"#{feed.id} {one_line(feed.name)} ({one_line(feed.url)})"


def reading_summary(read: int, unchanged: int, failed: int, new: int, retried: int = 0) -> str:
    """``12 feeds read (8 unchanged), 1 could not be read; 17 new stories, 2 tried again``."""
    text = f"{counted(read + unchanged, 'feed')} read"
    if unchanged:
        text += f" ({unchanged} unchanged)"
    if failed:
        text += f", {failed} could not be read"
    again = f", {retried} tried again" if retried else ""
    return text + f"; {counted(new, 'new story', 'new stories')}{again}"


def names(feeds: Iterable[Feed]) -> str:
    return ", ".join(one_line(feed.name) for feed in feeds)
