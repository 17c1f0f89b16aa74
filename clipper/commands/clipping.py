"""``clipper clip`` and ``clipper extract``: from a source to a stored or printed article."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from clipper.commands.common import print_json, say, say_error, show, state
from clipper.errors import ClipperError


def clip(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="URLs, saved .html files, or - for stdin.", show_default=False),
    ],
    url: Annotated[
        str | None, typer.Option("--url", help="Where a file or stdin page came from.")
    ] = None,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Tag the clipping (repeatable).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each stored clipping as a JSON line.")
    ] = False,
) -> None:
    """Fetch a page, extract its story and store it in the library.

    Example: clipper clip https://example.org/story -t russia
    """
    from clipper.clip import clip as clip_source
    from clipper.render import clipping_card

    if url is not None and len(sources) > 1:
        raise typer.BadParameter("--url applies to a single SOURCE", param_hint="--url")
    with state(ctx).open_library() as library:
        failures = 0
        for source in sources:
            try:
                result = clip_source(library, source, url=url, tags=tags or ())
            except ClipperError as error:
                if len(sources) == 1:
                    raise
                failures += 1
                say_error(f"{source}: {error.message}")
                continue
            if as_json:
                print_json(result.clipping.to_record())
                continue
            if not result.created:
                say(f"Already in the library as #{result.clipping.id}.")
            show(clipping_card(result.clipping))
    if failures:
        raise typer.Exit(1)


def extract(
    source: Annotated[str, typer.Argument(help="A URL, a saved .html file, or - for stdin.")],
    url: Annotated[
        str | None, typer.Option("--url", help="Where a file or stdin page came from.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the story as Markdown.")
    ] = False,
    as_text: Annotated[bool, typer.Option("--text", help="Print the story as plain text.")] = False,
) -> None:
    """Extract a page's story and print it; nothing is stored.

    Example: clipper extract saved-page.html --markdown
    """
    from clipper.clip import extract_page
    from clipper.sources import read_source

    if as_json + as_markdown + as_text > 1:
        raise typer.BadParameter("choose one of --json, --markdown, --text")
    article = extract_page(read_source(source, url=url))
    if as_json:
        print_json(article.to_record())
    elif as_markdown:
        sys.stdout.write(article.markdown + "\n")
    elif as_text:
        sys.stdout.write(article.text + "\n")
    else:
        from clipper.render import article_card, story

        show(article_card(article), story(article))
