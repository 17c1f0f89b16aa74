"""A progress bar for long runs, on stderr and only when a person is watching.

Commands wrap the items they work through in ``tracked``: on a terminal with
more than a few items it shows a Rich bar on stderr (cleared when done, so the
summary line stands alone); in a pipe, a file or a test it is a no-op, so
machine-read output never holds progress noise.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Fewer items than this finish before a bar is worth drawing.
MIN_ITEMS = 20


def wanted(total: int | None) -> bool:
    return sys.stderr.isatty() and (total is None or total >= MIN_ITEMS)


def tracked(items: Iterable[T], total: int | None, label: str) -> Iterator[T]:
    """Yield ``items`` while a progress bar (when ``wanted``) counts them."""
    if not wanted(total):
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
