"""``clipper search``, ``list`` and ``show``: reading the library."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.commands.common import ClippingId, print_json, say, show, state

if TYPE_CHECKING:
    from clipper.search import Suggestion


# The help of `clipper search`. Typer (rich mode) keeps line breaks and lets
# the terminal wrap long lines, so prose paragraphs are one line each and the
# table rows are short enough for 80 columns; tests/test_search_cli.py
# renders it at several widths.
SEARCH_HELP = "\n\n".join(
    [
        "Search the library: ranked hits with highlighted snippets.",
        "Every word must match, in the title, author, site, host, description, tags, note, "
        "highlights or text (a title counts most, then tags and note); case and "
        "accents do not matter (pekin finds Pékin).",
        "Chinese, Japanese, Korean and Thai words are found anywhere in the running text: "
        "地铁 finds 杭州地铁12号线, 검색 finds 검색을.",
        "\n".join(
            [
                '  "joint patrol"     the words together, in this order',
                '  -drill  -"a b"     without this word or phrase (also: NOT drill)',
                "  a OR b             either one; OR binds tighter than the words around it",
                "  bomb*              words that start with bomb (2 letters at least)",
                "  (a OR b) -c        grouping",
                '  title:bombers      in the title (author:"Jane Doe": in the byline)',
                "  site:reuters.com   from reuters.com, www.reuters.com, uk.reuters.com...",
                "  site:reuters       from a host with the label reuters, or the site Reuters",
                "  tag:russia         tagged russia",
                "  lang:de            in German: de, de-AT... (lang:pt-BR: only that region)",
                "  after:2020-12      dated on or after 1 December 2020",
                "  before:2021        dated before 1 January 2021",
                "  is:starred         starred clippings",
                "  is:unread          not marked read (is:read: marked read)",
                "  id:12              clipping 12 (-id:12: all but it)",
                '  feed:"Le Monde"    clipped from that feed (clipper feed list names them)',
            ]
        ),
        "Dates are YYYY, YYYY-MM or YYYY-MM-DD and stand for the start of that year, month "
        "or day; a clipping's date is its publication date, else the day it was clipped. "
        "Filters can be negated (-tag:sport) and OR-ed with each other, but not with words. "
        "Filters alone list clippings newest first. A number is a word of the text here "
        "(2024 finds stories that mention it); clipping 12 is id:12.",
        "\n".join(
            [
                "Example: clipper search bombers pacific",
                "Example: clipper search '\"joint patrol\" -drill site:reuters.com after:2020'",
                "Example: clipper search 'russia ukraine OR belarus' --sort date",
                "Example: clipper search tag:russia lang:de --limit 50 --offset 50",
                "Example: clipper search -paywall after:2024-06",
            ]
        ),
        "A word that starts with - excludes, wherever it stands: clipper search -paywall "
        "lists every clipping without the word (a query of exclusions alone matches all "
        "the rest). -n and -h alone are options, and -- ends the options. Quote phrases "
        "for your shell.",
    ]
)


class SortOrder(StrEnum):
    relevance = "relevance"
    date = "date"


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY", help="What to look for (see above); the words are joined."),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N hits.")] = 20,
    offset: Annotated[
        int, typer.Option("--offset", min=0, help="Skip the first N hits (the next page).")
    ] = 0,
    sort: Annotated[
        SortOrder, typer.Option("--sort", help="Best matches first, or newest first.")
    ] = SortOrder.relevance,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print hits as JSON lines (with snippet, score).")
    ] = False,
) -> None:
    from clipper.selection import number_notice

    text = " ".join(query)
    notice = number_notice(query)
    if notice:
        say(notice)
    with state(ctx).open_library(create=False) as library:
        hits = library.search(text, limit=limit + 1, offset=offset, sort=sort.value)
        more = len(hits) > limit
        hits = hits[:limit]
        suggestions = library.suggest(text) if not hits and not offset else []
        empty = not hits and library.count() == 0
    if empty:
        say("No clippings yet. Add one with: clipper clip URL")
        return
    if as_json:
        for hit in hits:
            print_json(hit.to_record())
    elif hits:
        from clipper.render import search_hits  # not for --json: Rich takes a while to import

        show(search_hits(hits))
    if not hits:
        _nothing_found(text, offset, suggestions)
    elif more:
        say(f"Hits {offset + 1}–{offset + limit}; the next ones: --offset {offset + limit}")


search.__doc__ = SEARCH_HELP


def _nothing_found(text: str, offset: int, suggestions: list[Suggestion]) -> None:
    """Say so on stderr, with queries that would find something."""
    from clipper.query import FIELDS, unknown_fields

    if offset:
        say(f"No more clippings match {text!r} after the first {offset}.")
        return
    say(f"No clippings match {text!r}.")
    if suggestions:
        tries = ", ".join(f"{s.query!r} ({s.hits})" for s in suggestions)
        say(f"Try: {tries}")
    unknown = unknown_fields(text)
    if unknown:
        names = ", ".join(f"{name}:" for name in unknown)
        known = ", ".join(f"{name}:" for name in FIELDS)
        say(f"{names} is searched as text; the filters are {known}")


def list_clippings(
    ctx: typer.Context,
    site: Annotated[
        str | None,
        typer.Option(
            "--site", "-s", metavar="SITE", help="Only this site: a name or a domain (bbc.co.uk)."
        ),
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only clippings tagged TAG (repeatable)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="Only those clipped since WHEN: 2024-05-01, 7d, 2w, 3m, 1y, today, yesterday.",
        ),
    ] = None,
    starred: Annotated[bool, typer.Option("--starred", help="Only starred clippings.")] = False,
    unread: Annotated[
        bool, typer.Option("--unread", help="Only clippings not marked read (clipper read).")
    ] = False,
    feed: Annotated[
        str | None,
        typer.Option(
            "--feed", metavar="NAME", help="Only clippings from this feed (a name or an id)."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N clippings.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print clippings as JSON lines.")] = False,
) -> None:
    """List clippings, newest clipped first: id, date, site, title, tags.

    Example: clipper list --tag politics --since 7d    or    clipper list --unread

    Example: clipper list --feed "Example World" -n 20
    """
    from clipper.render import clippings_table
    from clipper.timespec import parse_since

    try:
        since_time = parse_since(since) if since else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--since") from error
    with state(ctx).open_library(create=False) as library:
        feed_id = library.feeds.find(feed).id if feed is not None else None
        clippings = library.clippings(
            limit=limit,
            site=site,
            tags=tags or (),
            since=since_time,
            starred=starred or None,
            read=False if unread else None,
            feed=feed_id,
        )
        total = library.count()
    if as_json:
        for clipping in clippings:
            print_json(clipping.to_record())
    elif clippings:
        show(clippings_table(clippings))
    elif total:
        say("No clippings match these filters.")
    else:
        say("No clippings yet. Add one with: clipper clip URL")


def show_clipping(
    ctx: typer.Context,
    clipping_id: ClippingId,
    raw: Annotated[
        bool, typer.Option("--raw", help="Print the story as plain Markdown, without the card.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the clipping as JSON.")] = False,
) -> None:
    """Show one clipping: its card, then the story (in a pager when it is long).

    Your highlights are marked in the story and listed after it with their
    notes (those the story no longer holds said so). Showing a clipping does
    not mark it read: `clipper read ID` does.

    Example: clipper show 12
    """
    if raw and as_json:
        raise typer.BadParameter("choose one of --raw, --json")
    with state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
    if as_json:
        print_json(clipping.to_record())
    elif raw:
        from clipper.render import story_markdown_text
        from clipper.terminal import write

        write(story_markdown_text(clipping.article, clipping.highlights))
    else:
        from rich.text import Text

        from clipper.render import clipping_card, highlights_view, story

        parts = [clipping_card(clipping), Text(""), story(clipping.article, clipping.highlights)]
        marked = highlights_view(clipping)
        if marked is not None:
            parts += [Text(""), marked]
        show(*parts, page=True)


def list_images(
    ctx: typer.Context,
    clipping_id: ClippingId,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per picture.")
    ] = False,
) -> None:
    """List a clipping's pictures: URL, type, size, and stored or why not.

    The story's pictures in its order (its lead image first when the story
    does not show it), then any only an earlier version showed. Pictures are
    fetched with `clipper clip --images` (or `images = true` in the settings);
    `clipper reextract ID --images` fetches those not stored yet.

    Example: clipper images 12
    """
    from clipper.images.view import picture_record, pictures

    with state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
        listed = pictures(clipping, library.images.of(clipping_id))
    if as_json:
        for number, picture in enumerate(listed, start=1):
            print_json(picture_record(clipping_id, number, picture))
        return
    if not listed:
        say(f"#{clipping_id} shows no pictures.")
        return
    from clipper.images.view import pictures_table

    show(pictures_table(listed))
    stored = sum(1 for picture in listed if picture.status == "stored")
    unfetched = sum(1 for picture in listed if picture.record is None)
    fetch = f"; `clipper reextract {clipping_id} --images` fetches the {unfetched} not fetched"
    say(f"#{clipping_id}: {stored} of {len(listed)} pictures stored{fetch if unfetched else ''}.")
