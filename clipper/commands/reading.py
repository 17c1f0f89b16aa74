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
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most N clippings.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print clippings as JSON lines.")] = False,
) -> None:
    """List clippings, newest first.

    Example: clipper list --limit 10
    """
    from clipper.render import clippings_table

    with state(ctx).open_library(create=False) as library:
        clippings = library.clippings(limit=limit)
    if as_json:
        for clipping in clippings:
            print_json(clipping.to_record())
    elif not clippings:
        say("No clippings yet. Add one with: clipper clip URL")
    else:
        show(clippings_table(clippings))


def show_clipping(
    ctx: typer.Context,
    clipping_id: Annotated[int, typer.Argument(metavar="ID", help="The clipping's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the clipping as JSON.")] = False,
) -> None:
    """Show one clipping: its card and the whole story.

    Example: clipper show 12
    """
    from clipper.render import clipping_card, story

    with state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
    if as_json:
        print_json(clipping.to_record())
    else:
        show(clipping_card(clipping), story(clipping.article))
