"""``clipper clip`` and ``clipper extract``: from a source to a stored or printed article."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from clipper import defaults
from clipper.commands.common import Jobs, PerHost, print_json, say, show, state

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clipper.fetch import FetchOptions
    from clipper.images.model import ImageOutcome


def clip(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="URLs, saved .html files, or - for stdin.", show_default=False),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Clip every URL listed in FILE (one a line, # comments; - for stdin).",
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Where a file or stdin page came from.")
    ] = None,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Tag the clipping (repeatable).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each stored clipping as a JSON line.")
    ] = False,
    refetch: Annotated[
        bool,
        typer.Option("--refetch", help="Fetch pages already in the library again and update them."),
    ] = False,
    jobs: Jobs = None,
    per_host: PerHost = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.001,
            metavar="SECONDS",
            help=f"Time for a whole page (default: {defaults.TIMEOUT:g}).",
        ),
    ] = None,
    connect_timeout: Annotated[
        float | None,
        typer.Option(
            "--connect-timeout",
            min=0.001,
            metavar="SECONDS",
            help=f"Time to connect to a site (default: {defaults.CONNECT_TIMEOUT:g}).",
        ),
    ] = None,
    read_timeout: Annotated[
        float | None,
        typer.Option(
            "--read-timeout",
            min=0.001,
            metavar="SECONDS",
            help=f"Longest silence while reading (default: {defaults.READ_TIMEOUT:g}).",
        ),
    ] = None,
    max_size: Annotated[
        float | None,
        typer.Option(
            "--max-size",
            min=0.001,
            metavar="MB",
            help=f"Refuse larger pages (default: {defaults.MAX_SIZE_MB:g}).",
        ),
    ] = None,
    retries: Annotated[
        int | None,
        typer.Option(
            "--retries",
            min=0,
            help=f"Retries after 429/503 or a network error (default: {defaults.RETRIES}).",
        ),
    ] = None,
    user_agent: Annotated[
        str | None, typer.Option("--user-agent", metavar="TEXT", help="The User-Agent to send.")
    ] = None,
    images: Annotated[
        bool | None,
        typer.Option(
            "--images/--no-images",
            help="Also fetch and keep the story's pictures (default: the images setting, off).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Fetch pages, extract their stories and store them in the library.

    Several URLs, or --from FILE, clip as a batch: pages are fetched in
    parallel with a progress bar, then a summary; one bad URL never stops the
    rest, and exit code 1 means some failed. Re-running the same list skips
    what is already in the library. With --images each story's pictures are
    fetched right after its page and kept in the library (clipper images ID
    lists them); a picture that cannot be kept never fails the clipping.

    Example: clipper clip https://example.org/story -t russia

    Example: clipper clip --from links.txt --jobs 4

    Example: clipper clip https://example.org/story --images
    """
    from clipper.fetch import fetch_options

    options = fetch_options(
        state(ctx).settings().fetch,
        jobs=jobs,
        per_host=per_host,
        deadline=timeout,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_bytes=None if max_size is None else defaults.megabytes_to_bytes(max_size),
        retries=retries,
        user_agent=user_agent,
        images=images,
    )
    listed: list[str] = []
    if from_file is not None:
        from clipper.batch import read_url_list
        from clipper.errors import SourceError

        if from_file == "-" and "-" in (sources or []):
            raise typer.BadParameter("standard input cannot hold both a page and the URL list")
        listed = read_url_list(from_file)
        if not listed and not sources:
            raise SourceError(f"{from_file} lists no URLs; put one URL on each line")
    every = [*(sources or []), *listed]
    if not every:
        raise typer.BadParameter("give a URL, a saved .html file, - for stdin, or --from FILE")
    if url is not None and len(every) > 1:
        raise typer.BadParameter("--url applies to a single SOURCE", param_hint="--url")
    if from_file is None and len(every) == 1:
        _clip_one(ctx, every[0], url=url, tags=tags or [], as_json=as_json, options=options,
                  refetch=refetch)  # fmt: skip
        return
    _clip_batch(ctx, every, tags=tags or [], as_json=as_json, options=options, refetch=refetch)


def _clip_one(
    ctx: typer.Context,
    source: str,
    *,
    url: str | None,
    tags: list[str],
    as_json: bool,
    options: FetchOptions,
    refetch: bool,
) -> None:
    """One source: any error is the command's error (one line, exit 1, library unchanged)."""
    from clipper.clip import clip as clip_source
    from clipper.render import clipping_card

    with state(ctx).open_library() as library:
        result = clip_source(library, source, url=url, tags=tags, options=options, refetch=refetch)
    if as_json:
        print_json(result.clipping.to_record())
        if (collision := result.collision()) is not None:
            say(collision)
        return
    if result.refetched and result.changed:
        number = result.clipping.id
        say(f"Fetched again; #{number} is updated (`clipper history {number}` keeps the old text).")
    elif result.refetched:
        say(f"Fetched again; #{result.clipping.id} is unchanged.")
    elif not result.created:
        say(f"Already in the library as #{result.clipping.id}.")
        if options.images:
            say(f"To fetch its pictures: clipper reextract {result.clipping.id} --images")
    if (collision := result.collision()) is not None:
        say(collision)
    if result.images:
        say(pictures_line(result.clipping.id, result.images))
    show(clipping_card(result.clipping))


def pictures_line(clipping_id: int, images: Sequence[ImageOutcome]) -> str:
    """``#12: 4 of 5 pictures stored (clipper images 12 says why not).``"""
    stored = sum(1 for image in images if image.image is not None)
    line = f"#{clipping_id}: {stored} of {len(images)} pictures stored"
    if stored < len(images):
        line += f" (clipper images {clipping_id} says why not)"
    return line + "."


def _clip_batch(
    ctx: typer.Context,
    sources: list[str],
    *,
    tags: list[str],
    as_json: bool,
    options: FetchOptions,
    refetch: bool,
) -> None:
    """Many sources: progress as they go, a summary, and exit 1 if any failed."""
    from clipper.batch import Batch, BatchSummary, Outcome
    from clipper.batch_view import BatchDisplay

    with state(ctx).open_library() as library:

        def report(outcome: Outcome, summary: BatchSummary) -> None:
            # Called after the clipping is committed: what is printed is stored.
            if as_json and outcome.clipping is not None:
                print_json(outcome.clipping.to_record())
                sys.stdout.flush()
            display.update(outcome, summary)

        batch = Batch(
            library, sources, options=options, tags=tags, refetch=refetch, on_outcome=report
        )
        display = BatchDisplay(batch.summary.total)
        batch.start()  # before the progress bar's thread: the workers may be forked
        try:
            with display:
                batch.run()
        finally:
            display.finish(batch.summary)
    if batch.summary.failures:
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
