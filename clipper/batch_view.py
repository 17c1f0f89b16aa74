"""How a batch shows itself on stderr: a progress bar on a terminal, plain lines elsewhere.

Everything here is status, so it goes to stderr; with ``--json`` the records
go to stdout, one line per clipping. Text that came from a page or from the
URL list (titles, URLs, reasons quoting them) goes through ``Text`` after
``one_line``, never into markup.

Each thing is said once. On a terminal, a failure (or a note about a
clipping) is printed above the bar as it happens, and the closing summary
holds the counts only: the failures are already on the screen, together.
Elsewhere (a log, a pipe) every source has its line as it happens, and the
summary lists the failures again after the counts, so that a script or a
person reading a long log finds them in one place.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console, Group
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from clipper.batch import BatchSummary, Outcome
from clipper.text import one_line

_LABELS = {
    "clipped": ("clipped", "green"),
    "refetched": ("updated", "green"),
    "already": ("already", "dim"),
    "failed": ("failed ", "bold red"),
}


def outcome_line(outcome: Outcome) -> Text:
    """One line per source: what happened, the clipping's id and title, or the reason."""
    label, style = _LABELS[outcome.status]
    line = Text.assemble((label, style), "  ")
    if outcome.clipping is not None:
        line.append(f"#{outcome.clipping.id}  ", style="bold")
        line.append(one_line(outcome.source))
        if outcome.clipping.title:
            line.append("  " + one_line(outcome.clipping.title), style="dim")
        if outcome.note:
            line.append("  (" + one_line(outcome.note) + ")", style="yellow")
    else:
        line.append(one_line(outcome.source))
        line.append(": " + one_line(outcome.reason or "unknown error"))
    return line


def counts_line(summary: BatchSummary) -> Text:
    """``3 clipped, 1 already in the library, 2 failed`` (and ``N updated`` with --refetch)."""
    parts = [f"{summary.count('clipped')} clipped"]
    if summary.count("refetched"):
        parts.append(f"{summary.count('refetched')} updated")
    parts.append(f"{summary.count('already')} already in the library")
    parts.append(f"{summary.count('failed')} failed")
    text = ", ".join(parts)
    if summary.done < summary.total:
        text += f" (stopped after {summary.done} of {summary.total})"
    kept, refused = summary.pictures
    if kept or refused:
        text += f"; pictures: {kept} stored, {refused} not (clipper images ID says why)"
    return Text(text, style="bold")


def summary_view(summary: BatchSummary, *, failures: bool = True) -> Group:
    """The closing summary: the counts, then (with ``failures``) each failure's URL and reason."""
    lines: list[Text] = [counts_line(summary)]
    for failure in summary.failures if failures else ():
        lines.append(
            Text.assemble(
                ("  ✗ ", "red"), one_line(failure.source), ": ", one_line(failure.reason or "")
            )
        )
    return Group(*lines)


class RateColumn(ProgressColumn):
    """``12.5 pages/s``: the batch's pace over the last half minute (Rich's estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None:
            return Text("")
        return Text(f"{speed:.1f} pages/s" if speed < 10 else f"{speed:.0f} pages/s")


class TimeLeftColumn(ProgressColumn):
    """``1:05 left``: the pages still to do at the current pace."""

    max_refresh = 0.5  # a figure that changes each frame cannot be read

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        if left is None or task.finished:
            return Text("")
        minutes, seconds = divmod(round(left), 60)
        hours, minutes = divmod(minutes, 60)
        shown = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return Text(f"{shown} left")


class BatchDisplay:
    """Shows a batch as it goes: a Rich progress bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.total = total
        self._progress: Progress | None = None
        self._task = None
        if self.console.is_terminal:
            self._progress = Progress(
                TextColumn("Clipping"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                RateColumn(),
                TimeLeftColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._task = self._progress.add_task("clip", total=total, counts="")

    def __enter__(self) -> BatchDisplay:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, outcome: Outcome, summary: BatchSummary) -> None:
        """Called after each source's outcome is committed."""
        if self._progress is None or self._task is None:
            # Not a terminal, so no styles to render: the line's plain text is
            # what Rich would write, at a tenth of the cost (measured: 0.14 ms
            # a line, on the thread that runs the whole batch).
            self.console.file.write(outcome_line(outcome).plain + "\n")
            return
        if outcome.status == "failed" or outcome.note:  # scroll above the bar as they happen
            self._progress.console.print(outcome_line(outcome), soft_wrap=True)
        counts = (
            f"[green]{summary.count('clipped') + summary.count('refetched')} new[/] "
            f"[dim]{summary.count('already')} already[/] "
            f"[red]{summary.count('failed')} failed[/]"
        )
        self._progress.update(
            self._task, completed=summary.done, total=summary.total, counts=counts
        )

    def note(self, line: Text) -> None:
        """A line about the batch as a whole (a feed that could not be read), said at once:
        above the bar on a terminal, as a line of its own elsewhere."""
        if self._progress is None:
            self.console.file.write(line.plain + "\n")
        else:
            self._progress.console.print(line, soft_wrap=True)

    def finish(self, summary: BatchSummary) -> None:
        """The summary; on a terminal without the failures, already printed above the bar."""
        shown_already = self._progress is not None
        self.console.print(summary_view(summary, failures=not shown_already), soft_wrap=True)
