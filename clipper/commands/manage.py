"""``clipper open``, ``tag``, ``note``, ``star``, ``unstar``, ``read``, ``unread``,
``highlight``, ``rm``, ``stats``, ``config``.

Changes print one status line per clipping on stderr, or the changed records
as JSON lines on stdout with ``--json``; ``stats`` and ``config`` print their
report on stdout.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clipper.commands.common import ClippingId, ClippingIds, print_json, say, show, state

if TYPE_CHECKING:
    from clipper.clipping import Clipping

#: ``tag`` takes ``-draft`` as a value, not as an option, and so gives up ``-h``.
TAG_CONTEXT: dict[str, Any] = {"ignore_unknown_options": True, "help_option_names": ["--help"]}

AsJson = Annotated[bool, typer.Option("--json", help="Print the changed clippings as JSON lines.")]


def _label(clipping: Clipping) -> str:
    from clipper.text import one_line

    return f"#{clipping.id} {one_line(clipping.title) or '(untitled)'}"


def open_clipping(ctx: typer.Context, clipping_id: ClippingId) -> None:
    """Open a clipping's original page in your web browser.

    Example: clipper open 12
    """
    from clipper.errors import TerminalError
    from clipper.terminal import open_in_browser
    from clipper.text import one_line
    from clipper.urls import is_web_url

    with state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
    url = clipping.url
    if not url:
        raise TerminalError(f"clipping {clipping_id} has no URL (it was clipped from a file)")
    if not is_web_url(url):
        raise TerminalError(
            f"clipping {clipping_id} has the URL {one_line(url)[:80]!r}; "
            "only http:// and https:// pages are opened"
        )
    open_in_browser(url)  # a failure names the URL, to open it by hand
    say(f"Opened {url}")


def tag_clipping(
    ctx: typer.Context,
    clipping_id: ClippingId,
    changes: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="+TAG|-TAG...",
            help="+tag (or tag) adds, -tag removes. Without changes, print the tags.",
            show_default=False,
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Add or remove tags: +tag adds, -tag removes.

    Example: clipper tag 12 +politics -draft
    """
    add: list[str] = []
    remove: list[str] = []
    for change in changes or ():
        if change.startswith("--"):
            raise typer.BadParameter(
                f"no such option: {change} (to remove a tag, write -tag)", param_hint="tag"
            )
        if change.startswith("-"):
            remove.append(change[1:])
        else:
            add.append(change.removeprefix("+"))
    if any(not name.strip() for name in add + remove):
        raise typer.BadParameter("a tag needs a name after + or -", param_hint="TAG")
    with state(ctx).open_library(create=False) as library:
        clipping = (
            library.change_tags(clipping_id, add=add, remove=remove)
            if changes
            else library.get(clipping_id)
        )
    if as_json:
        print_json(clipping.to_record())
    else:
        say(f"#{clipping.id} tags: {', '.join(clipping.tags) or '(none)'}")


def note_clipping(
    ctx: typer.Context,
    clipping_id: ClippingId,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="The note; - reads it from stdin; without it, your $EDITOR opens.",
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the note.")] = False,
    as_json: AsJson = False,
) -> None:
    """Write a note on a clipping (in your $EDITOR when no text is given).

    Example: clipper note 12 "Compare with the 2019 patrol"
    """
    from clipper.terminal import edit_text

    if clear and text is not None:
        raise typer.BadParameter("give either TEXT or --clear")
    with state(ctx).open_library(create=False) as library:
        current = library.get(clipping_id).note
        if clear:
            new = ""
        elif text == "-":
            new = sys.stdin.read()
        elif text is not None:
            new = text
        else:
            new = edit_text(current + ("\n" if current and not current.endswith("\n") else ""))
        new = new.strip()
        if new == current:
            clipping = library.get(clipping_id)
            message = f"#{clipping_id}: the note is unchanged."
        else:
            clipping = library.set_note(clipping_id, new)
            message = f"#{clipping_id}: note {'saved' if new else 'removed'}."
    if as_json:
        print_json(clipping.to_record())
    else:
        say(message)


def _set_star(ctx: typer.Context, ids: list[int], starred: bool, as_json: bool) -> None:
    with state(ctx).open_library(create=False) as library:
        clippings = library.set_starred(ids, starred)
    for clipping in clippings:
        if as_json:
            print_json(clipping.to_record())
        else:
            say(f"{'Starred' if starred else 'Unstarred'} {_label(clipping)}")


def star(ctx: typer.Context, clipping_ids: ClippingIds, as_json: AsJson = False) -> None:
    """Star clippings, to find them again with `clipper list --starred`.

    Example: clipper star 12 15
    """
    _set_star(ctx, clipping_ids, True, as_json)


def unstar(ctx: typer.Context, clipping_ids: ClippingIds, as_json: AsJson = False) -> None:
    """Take the star off clippings.

    Example: clipper unstar 12
    """
    _set_star(ctx, clipping_ids, False, as_json)


def _set_read(ctx: typer.Context, ids: list[int], read: bool, as_json: bool) -> None:
    with state(ctx).open_library(create=False) as library:
        clippings = library.set_read(ids, read)
    for clipping in clippings:
        if as_json:
            print_json(clipping.to_record())
        else:
            say(f"Marked {'read' if read else 'unread'}: {_label(clipping)}")


def mark_read(ctx: typer.Context, clipping_ids: ClippingIds, as_json: AsJson = False) -> None:
    """Mark clippings read: list --unread leaves them out, search is:read finds them.

    Showing a clipping never marks it read on its own.

    Example: clipper read 12 15
    """
    _set_read(ctx, clipping_ids, True, as_json)


def mark_unread(ctx: typer.Context, clipping_ids: ClippingIds, as_json: AsJson = False) -> None:
    """Mark clippings unread again, to read later.

    Example: clipper unread 12
    """
    _set_read(ctx, clipping_ids, False, as_json)


def highlight(
    ctx: typer.Context,
    clipping_id: ClippingId,
    quote: Annotated[
        str | None,
        typer.Argument(
            metavar="QUOTE",
            help="The passage, as it reads in the story; without it, list the highlights.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="What you make of it (replaces the passage's note).", show_default=False
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Highlight a passage of a clipping's story, with an optional note.

    The passage must be in the story (case, spacing and the shape of quotation
    marks do not matter). `clipper show` marks it in the story; exported notes
    list it under "## Highlights"; search finds its words and its note.
    Highlighting the same passage again changes its note.

    Example: clipper highlight 12 "flew a joint patrol" --note "the second since 2019"
    """
    from clipper.clipping import Highlight
    from clipper.errors import NotFoundError
    from clipper.highlights import is_found
    from clipper.page import utc_now
    from clipper.text import one_line

    if quote is None and note is not None:
        raise typer.BadParameter("--note needs the QUOTE it is about", param_hint="--note")
    with state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
        if quote is not None:
            if not quote.strip():
                raise typer.BadParameter("give the passage to highlight", param_hint="QUOTE")
            if not is_found(quote, clipping.article):
                shown = one_line(quote)
                raise NotFoundError(
                    f"clipping {clipping_id}'s story does not hold "
                    f"{shown[:60] + ('…' if len(shown) > 60 else '')!r}; copy the passage as "
                    f"it reads (`clipper show {clipping_id} --raw`)"
                )
            made = Highlight(quote.strip(), (note or "").strip(), utc_now().isoformat())
            clipping, outcome = library.add_highlight(clipping_id, made)
            if not as_json:
                said = {"added": "highlighted", "updated": "note changed on the highlight",
                        "unchanged": "already highlighted"}[outcome]  # fmt: skip
                say(f"#{clipping_id}: {said} ({len(clipping.highlights)} in all).")
    if as_json:
        print_json(clipping.to_record())
    elif quote is None:
        _list_highlights(clipping)


def _list_highlights(clipping: Clipping) -> None:
    """Each highlight on one line of stdout, numbered, its note after a dash."""
    from clipper.terminal import write
    from clipper.text import one_line

    if not clipping.highlights:
        say(f'#{clipping.id} has no highlights; add one: clipper highlight {clipping.id} "…"')
    for number, marked in enumerate(clipping.highlights, start=1):
        note = f" — {one_line(marked.note)}" if marked.note else ""
        write(f"{number}. {one_line(marked.quote)}{note}\n")


def remove(
    ctx: typer.Context,
    clipping_ids: ClippingIds,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; remove.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the removed clippings as JSON lines.")
    ] = False,
) -> None:
    """Remove clippings, with their tags, notes and saved pages.

    Asks first when run in a terminal; --yes skips the question (and is needed
    when standard input is not a terminal). Ids of removed clippings are never
    reused.

    Example: clipper rm 12 15 --yes
    """
    from clipper.errors import TerminalError

    with state(ctx).open_library(create=False) as library:
        doomed = [library.get(clipping_id) for clipping_id in dict.fromkeys(clipping_ids)]
        if not yes:
            if not sys.stdin.isatty():
                raise TerminalError(
                    "not removing anything without asking, and standard input is not a "
                    "terminal; add --yes to remove without asking"
                )
            for clipping in doomed:
                say(f"  {_label(clipping)}")
            count = f"these {len(doomed)} clippings" if len(doomed) > 1 else "this clipping"
            if not typer.confirm(f"Remove {count}?", default=False, err=True):
                say("Nothing was removed.")
                return
        removed = library.delete(clipping.id for clipping in doomed)
    for clipping in removed:
        if as_json:
            print_json(clipping.to_record())
        else:
            say(f"Removed {_label(clipping)}")


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Count clippings, sites, tags and words; library size; oldest and newest.

    Example: clipper stats
    """
    from dataclasses import asdict

    from clipper.config import library_path
    from clipper.render import stats_view

    path = library_path(state(ctx).library_option)
    with state(ctx).open_library(create=False) as library:
        figures = library.stats()
    if not path.exists():
        figures = type(figures)(**{**asdict(figures), "size_bytes": 0})
    if as_json:
        print_json({"library": str(path), **asdict(figures)})
    else:
        show(stats_view(figures, str(path), exists=path.exists()), soft_wrap=True)


def config(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print it all as JSON.")] = False,
) -> None:
    """Show where the library and the settings file are, and the settings in force.

    The settings are printed as TOML: copy them into the settings file and
    change what you need.

    Example: clipper config
    """
    from dataclasses import asdict

    from clipper.config import config_path, library_path, library_source
    from clipper.render import config_view

    option = state(ctx).library_option
    settings = state(ctx).settings()
    library, source = library_path(option), library_source(option)
    settings_file = config_path()
    if as_json:
        print_json(
            {
                "library": str(library),
                "library_source": source,
                "library_exists": library.exists(),
                "settings_file": str(settings_file),
                "settings_file_exists": settings_file.exists(),
                "settings": asdict(settings),
            }
        )
    else:
        show(config_view(library, source, settings_file, settings), soft_wrap=True)
