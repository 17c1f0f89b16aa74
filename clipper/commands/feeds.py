"""``clipper feed add|list|update|rm|import|export``: following RSS, Atom and JSON Feed sources.

Thin commands over ``clipper.feeds``: each opens the library, calls the feed
code, and says what happened (status on stderr, data on stdout).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.commands.common import Jobs, PerHost, print_json, say, say_error, show, state
from clipper.text import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clipper.feeds.read import FeedRead, Found
    from clipper.feeds.store import Feed, FeedStore
    from clipper.feeds.update import Candidate
    from clipper.fetch import FetchOptions
    from clipper.library import Library

app = typer.Typer(
    name="feed",
    no_args_is_help=True,
    help=(
        "Follow feeds: clip the new stories of RSS, Atom and JSON Feed sources.\n\n"
        "Add a feed (or a page that links one), then run clipper feed update, by hand or "
        "from cron or a systemd timer: it clips what is new since the last update.\n\n"
        "Example: clipper feed add https://example.org/world/ --tag world\n\n"
        "Example: clipper feed update --quiet"
    ),
)

FeedRefs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="NAME|ID...", help="Feeds by name or id (default: all).", show_default=False
    ),
]


def _options(
    ctx: typer.Context, jobs: int | None = None, per_host: int | None = None
) -> FetchOptions:
    from clipper.fetch import fetch_options

    return fetch_options(state(ctx).settings().fetch, jobs=jobs, per_host=per_host)


@app.command("add")
def add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="A feed's URL, or a page that links one.")],
    name: Annotated[
        str | None, typer.Option("--name", help="What to call it (default: the feed's title).")
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Tag every story clipped from it (repeatable)."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Follow every feed the page links, not just one.")
    ] = False,
) -> None:
    """Follow a feed: its new stories are clipped by clipper feed update.

    Given a web page, clipper looks for the feeds it links, then at the usual
    places (/feed, /rss, /atom.xml, /index.xml...). When it finds several, it
    lists them: add one, or all with --all. Nothing is clipped yet.

    Example: clipper feed add https://example.org/world/

    Example: clipper feed add https://example.org/rss.xml --tag world --name "Example World"
    """
    from clipper.errors import SourceError
    from clipper.feeds.read import find_feeds
    from clipper.urls import url_problem

    if (problem := url_problem(url)) is not None:
        raise SourceError(f"{url.strip()} is not a feed's address: {problem}")
    found = find_feeds(url.strip(), _options(ctx))
    if len(found) > 1 and not every:
        _ask_for_one(url, found)
        raise typer.Exit(1)
    if name is not None and len(found) > 1:
        raise typer.BadParameter(
            "--name names one feed; leave it out with --all", param_hint="--name"
        )
    with state(ctx).open_library() as library:
        for item in found:
            feed_name = _checked_name(name) if name else _free_name(library.feeds, item)
            feed = library.feeds.add(
                item.url,
                feed_name,
                title=item.feed.title,
                site_url=item.feed.site_url,
                tags=tags or (),
            )
            _say_following(feed.id, feed.name, item)


def _ask_for_one(url: str, found: list[Found]) -> None:
    from rich.text import Text

    from clipper.commands.common import console
    from clipper.text import counted, one_line

    say(f"{url} links {len(found)} feeds; add one of them, or all with --all:")
    err = console(stderr=True)
    for item in found:
        entries = counted(len(item.feed.entries), "entry", "entries")
        err.print(
            Text.assemble(
                "  ",
                one_line(item.url),
                "  ",
                (one_line(item.feed.title) or "(untitled)", "bold"),
                f"  ({item.feed.kind}, {entries})",
            ),
            soft_wrap=True,
        )


def _say_following(feed_id: int, name: str, item: Found) -> None:
    from clipper.feeds.update import FIRST_UPDATE
    from clipper.text import counted, one_line

    held = len(item.feed.entries)
    clipped = min(held, FIRST_UPDATE)
    title = one_line(item.feed.title)
    # The name is the feed's title unless --name (or a clash) chose another: say each once.
    called = (
        f"{name!r} ({item.url})" if title in ("", name) else f"{name!r} ({title!r}, {item.url})"
    )
    say(
        f"Following feed #{feed_id} {called}: "
        f"{item.feed.kind}, {counted(held, 'entry', 'entries')} now; "
        f"`clipper feed update` clips the newest {clipped}."
    )


def _checked_name(name: str) -> str:
    from clipper.text import one_line

    cleaned = one_line(name)
    if not cleaned:
        raise typer.BadParameter("give the feed a name with letters in it", param_hint="--name")
    if cleaned.removeprefix("#").isdigit():
        raise typer.BadParameter(
            f"{cleaned!r} is a number, and numbers are feed ids; choose a name with a letter",
            param_hint="--name",
        )
    return cleaned


def _free_name(feeds: FeedStore, item: Found) -> str:
    from clipper.feeds.names import free_name

    return free_name(feeds, item.feed.title, item.url)


@app.command("list")
def list_feeds(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print feeds as JSON lines.")] = False,
) -> None:
    """List the feeds: name, URL, last checked, last new story, stories, errors.

    Example: clipper feed list --json
    """
    with state(ctx).open_library(create=False) as library:
        feeds = library.feeds.all()
    if as_json:
        for feed in feeds:
            print_json(feed.to_record())
    elif feeds:
        from clipper.feeds.view import feeds_table

        show(feeds_table(feeds))
    else:
        say("No feeds yet. Follow one with: clipper feed add URL")


@app.command("update")
def update(
    ctx: typer.Context,
    refs: FeedRefs = None,
    jobs: Jobs = None,
    per_host: PerHost = None,
    max_per_feed: Annotated[
        int | None,
        typer.Option(
            "--max-per-feed",
            min=1,
            metavar="N",
            help="At most N new stories a feed (default: 20 at a feed's first update, else all).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the new stories; clip and record nothing.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print only errors (for cron); exit 1 if a feed failed."
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each stored clipping as a JSON line.")
    ] = False,
) -> None:
    """Read every feed (or those named) and clip the new stories.

    Feeds are read at once, with conditional requests (an unchanged feed costs
    one 304). New stories are clipped as a batch (progress, then a summary),
    tagged with their feed's tags. A story whose page fails is clipped from
    the feed's full text when it has one; otherwise it is tried again at the
    next updates, 3 times in all. Exit code 1 means a feed could not be read.

    Example: clipper feed update

    Example: clipper feed update "Example World" --dry-run
    """
    from clipper.feeds.update import feeds_named

    options = _options(ctx, jobs, per_host)
    with state(ctx).open_library(create=not dry_run) as library:
        feeds = feeds_named(library, refs or [])
        if not feeds:
            if not quiet:
                say("No feeds yet. Follow one with: clipper feed add URL")
            return
        if dry_run:
            failed = _dry_run(library, feeds, options, max_per_feed=max_per_feed, quiet=quiet)
        else:
            failed = _update(
                library, feeds, options, max_per_feed=max_per_feed, quiet=quiet, as_json=as_json
            )
    if failed:
        raise typer.Exit(1)


def _notes(read: FeedRead, skipped: int, nolink: int) -> list[tuple[bool, str]]:
    """What to say about one feed's reading: ``(is_error, message)`` lines."""
    from clipper.feeds.view import feed_line
    from clipper.text import one_line

    where = f"feed {feed_line(read.feed)}"
    notes = []
    if read.status == "failed":
        # "URL answered HTTP 404", "URL is a web page...": the error names the address.
        said = read.error.startswith(f"{read.feed.url} ")
        named = f"feed #{read.feed.id} {one_line(read.feed.name)}" if said else where
        notes.append((True, f"{named}: {read.error}"))
    if skipped:
        notes.append(
            (
                False,
                f"{where}: first update, so only the newest entries are clipped; "
                f"{skipped} older ones are left out",
            )
        )
    if nolink:
        notes.append((False, f"{where}: {nolink} new entries have no web link; skipped"))
    return notes


def _summary_line(reads: Sequence[FeedRead], stories: int, retried: int = 0) -> str:
    """``stories`` in all, of which ``retried`` are earlier updates' stories tried again."""
    from clipper.feeds.view import reading_summary

    def count(status: str) -> int:
        return sum(1 for read in reads if read.status == status)

    return reading_summary(
        count("read"), count("unchanged"), count("failed"), stories - retried, retried
    )


def _dry_run(
    library: Library,
    feeds: list[Feed],
    options: FetchOptions,
    *,
    max_per_feed: int | None,
    quiet: bool,
) -> bool:
    """Read the feeds and list the new stories, recording nothing; whether a feed failed."""
    from clipper.feeds.read import read_feeds
    from clipper.feeds.update import plan_update, preview

    plan = plan_update(library, read_feeds(feeds, options), max_per_feed=max_per_feed)
    candidates = preview(plan)
    for read in plan.reads:
        for error, message in _notes(
            read, plan.skipped.get(read.feed.id, 0), plan.nolink.get(read.feed.id, 0)
        ):
            if error:
                say_error(message)
            elif not quiet:
                say(message)
    if not quiet:
        say(_summary_line(plan.reads, len(candidates)))
    _show_preview(library, candidates)
    return bool(plan.failed)


def _update(
    library: Library,
    feeds: list[Feed],
    options: FetchOptions,
    *,
    max_per_feed: int | None,
    quiet: bool,
    as_json: bool,
) -> bool:
    """Read the feeds and clip their new stories, as they come; whether a feed failed."""
    from rich.text import Text

    from clipper.batch import BatchSummary, Outcome
    from clipper.batch_view import BatchDisplay
    from clipper.feeds.update import FeedBatch, FeedPlan

    display: BatchDisplay | None = None

    def report(outcome: Outcome, summary: BatchSummary) -> None:
        # Called after the clipping is committed: what is printed is stored.
        if as_json and outcome.clipping is not None:
            print_json(outcome.clipping.to_record())
            sys.stdout.flush()
        if display is not None:
            display.update(outcome, summary)
        elif outcome in batch.abandoned:
            say_error(f"{outcome.source}: {outcome.reason}")

    def report_read(read: FeedRead, planned: FeedPlan) -> None:
        for error, message in _notes(read, planned.skipped, planned.nolink):
            if display is None:
                if error:
                    say_error(message)
            elif error:
                display.note(Text.assemble(("error: ", "bold red"), one_line(message)))
            else:
                display.note(Text(one_line(message)))

    batch = FeedBatch(
        library,
        feeds,
        options=options,
        max_per_feed=max_per_feed,
        on_outcome=report,
        on_read=report_read,
    )
    if not quiet:
        display = BatchDisplay(0)
    batch.start()  # before the progress bar's thread: the workers may be forked
    try:
        if display is None:
            batch.run()
        else:
            with display:
                batch.run()
    finally:
        if display is not None:
            if batch.summary.total:
                display.finish(batch.summary)
            say(_summary_line(batch.reads, batch.summary.total, batch.retried))
    return any(read.status == "failed" for read in batch.reads)


def _show_preview(library: Library, candidates: dict[str, Candidate]) -> None:
    from rich.table import Table
    from rich.text import Text

    from clipper.feeds.update import known_story
    from clipper.text import counted, one_line

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("feed", max_width=24, overflow="fold")
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("url", style="dim", overflow="fold")
    new = 0
    for candidate in candidates.values():
        known = known_story(library, candidate)
        title = Text(one_line(candidate.title) or "(untitled)")
        if known is not None:
            title.append(f"  (already in the library as #{known.id})", style="dim")
        else:
            new += 1
        table.add_row(Text(one_line(candidate.feed_names)), title, Text(one_line(candidate.link)))
    if candidates:
        show(table)
    stories = counted(new, "new story", "new stories")
    say(f"Dry run: {stories} would be clipped; nothing was recorded.")


@app.command("rm")
def remove(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(metavar="NAME|ID...", help="Feeds by name or id.", show_default=False),
    ],
) -> None:
    """Stop following feeds; the stories clipped from them stay in the library.

    Example: clipper feed rm "Example World"
    """
    from clipper.feeds.update import feeds_named
    from clipper.feeds.view import feed_line
    from clipper.text import counted

    with state(ctx).open_library(create=False) as library:
        feeds = feeds_named(library, refs)
        library.feeds.remove(feeds)
    for feed in feeds:
        kept = (
            f"its {counted(feed.stories, 'story', 'stories')} "
            + ("stays" if feed.stories == 1 else "stay")
            + " in the library"
            if feed.stories
            else "no story was clipped from it"
        )
        say(f"Stopped following feed {feed_line(feed)}; {kept}.")


@app.command("import")
def import_opml(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An OPML file (- for stdin).", show_default=False)],
    tags: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", "-t", help="Tag every feed imported, beside its folders (repeatable)."
        ),
    ] = None,
) -> None:
    """Follow the feeds of an OPML file, as feed readers export them.

    Each feed's folders (and OPML categories) become its tags. Nothing is
    fetched: feeds are read at the next clipper feed update. Feeds already
    followed are left as they are.

    Example: clipper feed import subscriptions.opml
    """
    from clipper.errors import reading
    from clipper.feeds.names import free_name
    from clipper.feeds.opml import read_opml
    from clipper.text import counted

    if str(file) == "-":
        content = sys.stdin.buffer.read()
    else:
        with reading(file, "an OPML file"):
            content = file.read_bytes()
    listed = read_opml(content, str(file))
    added = already = 0
    with state(ctx).open_library() as library:
        for item in listed.subscriptions:
            if library.feeds.following(item.url) is not None:
                already += 1
                continue
            library.feeds.add(
                item.url,
                free_name(library.feeds, item.name, item.url),
                site_url=item.site_url,
                tags=[*item.tags, *(tags or [])],
            )
            added += 1
    for url in listed.skipped:
        say(f"{file}: skipped {url!r}: not a web address")
    say(
        f"Imported {counted(added, 'feed')} from {file}"
        + (f" ({already} already followed)" if already else "")
        + ("; `clipper feed update` reads " + ("it." if added == 1 else "them.") if added else ".")
    )


@app.command("export")
def export_opml(
    ctx: typer.Context,
    opml: Annotated[
        bool, typer.Option("--opml", help="As OPML 2.0 (the one format, and the default).")
    ] = True,
    to: Annotated[
        Path | None, typer.Option("--to", help="Write to FILE instead of stdout.", metavar="FILE")
    ] = None,
) -> None:
    """Print the feeds followed as OPML, for a feed reader or another clipper.

    Example: clipper feed export --opml > subscriptions.opml
    """
    from clipper.feeds.opml import write_opml

    with state(ctx).open_library(create=False) as library:
        feeds = library.feeds.all()
    document = write_opml((f.url, f.name, f.site_url, f.tags) for f in feeds)
    if to is None:
        from clipper.terminal import write

        write(document)
        return
    from clipper.errors import ExportError

    try:
        to.write_text(document, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {to}: {error.strerror}") from None
    say(f"Wrote {len(feeds)} feeds to {to}")
