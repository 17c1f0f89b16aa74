"""``clipper search``, ``list`` and ``show``: reading the library."""

from __future__ import annotations

from typing import Annotated

import typer

from clipper.commands.common import print_json, say, show, state


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON lines.")] = False,
) -> None:
    """Search the library: ranked hits with highlighted snippets.

    Example: clipper search "bombers pacific"
    """
    from clipper.render import search_hits

    with state(ctx).open_library(create=False) as library:
        hits = library.search(query, limit=limit)
    if as_json:
        for hit in hits:
            print_json(hit.to_record())
    elif not hits:
        say(f"No clippings match {query!r}.")
    else:
        show(search_hits(hits))


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
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N clippings.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print clippings as JSON lines.")] = False,
) -> None:
    """List clippings, newest clipped first: id, date, site, title, tags.

    Example: clipper list --tag politics --since 7d
    """
    from clipper.render import clippings_table
    from clipper.timespec import parse_since

    try:
        since_time = parse_since(since) if since else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--since") from error
    with state(ctx).open_library(create=False) as library:
        clippings = library.clippings(
            limit=limit, site=site, tags=tags or (), since=since_time, starred=starred or None
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
    clipping_id: Annotated[int, typer.Argument(metavar="ID", help="The clipping's id.")],
    raw: Annotated[
        bool, typer.Option("--raw", help="Print the story as plain Markdown, without the card.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the clipping as JSON.")] = False,
) -> None:
    """Show one clipping: its card, then the story (in a pager when it is long).

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

        write(story_markdown_text(clipping.article))
    else:
        from rich.text import Text

        from clipper.render import clipping_card, story

        show(clipping_card(clipping), Text(""), story(clipping.article), page=True)
