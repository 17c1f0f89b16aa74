"""The archive: export, import, pending, reextract, refresh, history, diff."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from clipper.commands.common import (
    ClippingId,
    console,
    print_json,
    say,
    say_error,
    show,
    state,
)
from clipper.text import counted

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from clipper.clipping import Clipping
    from clipper.imported import PendingLink
    from clipper.library import Library
    from clipper.refresh import RenewReport
    from clipper.selection import Selection


class ExportFormat(StrEnum):
    markdown = "markdown"
    jsonl = "jsonl"
    epub = "epub"


class ImportFormatOption(StrEnum):
    jsonl = "jsonl"
    wallabag = "wallabag"
    bookmarks = "bookmarks"
    pocket = "pocket"
    omnivore = "omnivore"
    instapaper = "instapaper"
    readwise = "readwise"
    raindrop = "raindrop"
    karakeep = "karakeep"
    urls = "urls"


def _chosen(library: Library, query: str | None) -> tuple[Iterator[Clipping], int]:
    """The clippings a command works on (a search, or all), and how many there are."""
    from clipper.export import select

    if query:
        hits = list(select(library, query))
        return iter(hits), len(hits)
    return select(library, None), library.count()


def _by_ids(library: Library, ids: Sequence[int]) -> tuple[Iterator[Clipping], int]:
    """Those clippings, all looked up first: one unknown id and nothing is done."""
    return iter([library.get(clipping_id) for clipping_id in ids]), len(ids)


def _selected(command: str, words: list[str] | None) -> Selection:
    """Ids or a query (``clipper.selection``); a query holding a number says how it was read."""
    from clipper.selection import select

    chosen = select(words or [], command)
    if chosen.notice:
        say(chosen.notice)
    return chosen


Words = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[IDS | QUERY]",
        help="Clipping ids (12 15, #12), or a search (see clipper search --help).",
        show_default=False,
    ),
]


def export(
    ctx: typer.Context,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Folder for Markdown notes (default: the folder setting under [export]), "
            "file for JSON lines or an EPUB; - for stdout.",
            show_default=False,
        ),
    ] = None,
    words: Words = None,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="Markdown notes, JSON lines, or an EPUB book."),
    ] = ExportFormat.markdown,
    with_html: Annotated[
        bool, typer.Option("--with-html", help="JSON lines: include every raw page (base64).")
    ] = False,
    with_images: Annotated[
        bool,
        typer.Option(
            "--with-images",
            help="Notes: stored pictures under attachments/, linked; JSON lines: their bytes.",
        ),
    ] = False,
    title: Annotated[
        str | None,
        typer.Option("--title", help="EPUB: the book's title (default: Clippings)."),
    ] = None,
) -> None:
    """Export clippings as Markdown notes (YAML front matter), JSON lines or an EPUB.

    Re-exporting into the same folder updates the notes in place (found by
    their clipper_id), renaming a note whose title changed. With
    --with-images each stored picture is written once under attachments/ and
    the notes link it, so they show offline. --format epub writes one EPUB 3
    book (a chapter per clipping, stored pictures inside) for e-readers.
    Without IDS or QUERY, every clipping is exported.

    Example: clipper export --to notes/    or    clipper export -f jsonl --to all.jsonl

    Example: clipper export 12 15 --to notes/    or    clipper export climate -paywall --to -

    Example: clipper export tag:longread --format epub --to longreads.epub
    """
    from clipper.progress import tracked

    if to is None:
        to = _settings_folder(ctx, output_format)
    if with_html and output_format is not ExportFormat.jsonl:
        raise typer.BadParameter("--with-html applies to --format jsonl", param_hint="--with-html")
    if title is not None and output_format is not ExportFormat.epub:
        raise typer.BadParameter("--title applies to --format epub", param_hint="--title")
    if to == "-" and output_format is ExportFormat.epub:
        raise typer.BadParameter("an EPUB is a file: give --to FILE.epub", param_hint="--to")
    if to == "-" and with_images and output_format is ExportFormat.markdown:
        raise typer.BadParameter(
            "--with-images writes the pictures beside the notes: give a folder with --to",
            param_hint="--with-images",
        )
    chosen = _selected("export", words)
    with state(ctx).open_library(create=False) as library:
        if chosen.ids:
            clippings, total = _by_ids(library, chosen.ids)
        else:
            clippings, total = _chosen(library, chosen.query)
        empty = _why_empty(chosen.query, output_format) if total == 0 else None
        if output_format is ExportFormat.jsonl:
            _export_jsonl(
                library, tracked(clippings, total, "Exporting"), to, with_html, with_images, empty
            )
            return
        if output_format is ExportFormat.epub:
            book = title or (f"Clippings: {chosen.query}" if chosen.query else "Clippings")
            _export_epub(library, tracked(clippings, total, "Exporting"), to, book)
            return
        from clipper.export import export_markdown, write_markdown_stream

        if to == "-":
            write_markdown_stream(clippings, sys.stdout)
            if empty:
                say(f"Exported nothing: {empty}.")
            return
        result = export_markdown(
            tracked(clippings, total, "Exporting"),
            Path(to),
            library=library if with_images else None,
        )
    if empty and not result.attachments_removed:
        say(f"Exported 0 notes to {to}: {empty}.")
        return
    details = f"{result.written} written, {result.unchanged} unchanged"
    if result.renamed:
        details += f", {result.renamed} renamed"
    if result.attachments_written:
        details += f", {counted(result.attachments_written, 'picture')} added"
    if result.attachments_removed:
        details += f", {counted(result.attachments_removed, 'unused picture')} removed"
    say(f"Exported {counted(result.count, 'note')} to {to} ({details}).")


def _settings_folder(ctx: typer.Context, output_format: ExportFormat) -> str:
    """Where notes go without --to: the settings file's ``folder`` under ``[export]``."""
    if output_format is not ExportFormat.markdown:
        raise typer.BadParameter(f"give --to FILE, e.g. --to clippings.{output_format.value}")
    folder = state(ctx).settings().export.folder
    if not folder:
        raise typer.BadParameter(
            "give --to FOLDER for the notes, or set folder under [export] in the settings "
            "file (`clipper config` shows where it is)"
        )
    return str(Path(folder).expanduser())


def _nothing_chosen(query: str | None) -> str:
    return f"no clipping matches {query!r}" if query else "the library holds no clippings yet"


def _why_empty(query: str | None, output_format: ExportFormat) -> str:
    """Why an export selects nothing; an EPUB of no chapter is no book (its table of
    contents would be an empty list, which EPUB 3 forbids), so that one is refused."""
    from clipper.errors import ExportError

    why = _nothing_chosen(query)
    if output_format is ExportFormat.epub:
        raise ExportError(f"{why}; an EPUB needs at least one clipping, so none was written")
    return why


@contextmanager
def _written_whole(to: str, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream to the file ``to`` that replaces it only once everything is written:
    an export that fails (a full disk, Ctrl-C) leaves the file that was there, or
    none, never half of one."""
    import os

    from clipper.errors import ExportError

    target = Path(to)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if binary:
            with temporary.open("wb") as stream:
                yield stream
        else:
            with temporary.open("w", encoding="utf-8", newline="\n") as text_stream:
                yield text_stream
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {to}: {error.strerror}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _export_epub(library: Library, clippings: Iterator[Clipping], to: str, title: str) -> None:
    from clipper.epub import write_epub
    from clipper.errors import ExportError

    if Path(to).is_dir():
        raise ExportError(f"{to} is a folder; an EPUB is one file (e.g. --to clippings.epub)")
    images = library.images
    with _written_whole(to, binary=True) as stream:
        report = write_epub(
            clippings, stream, title=title, pictures=images.of_clippings, image_bytes=images.data
        )
    pictures = f", {counted(report.images, 'picture')} inside" if report.images else ""
    say(f"Exported {counted(report.chapters, 'clipping')} to {to} (EPUB 3{pictures}).")


def _export_jsonl(
    library: Library,
    clippings: Iterator[Clipping],
    to: str,
    with_html: bool,
    with_images: bool,
    empty: str | None,
) -> None:
    from clipper.export import export_jsonl

    if to == "-":
        export_jsonl(library, clippings, sys.stdout, with_html=with_html, with_images=with_images)
        if empty:
            say(f"Exported nothing: {empty}.")
        return
    with _written_whole(to) as stream:
        count = export_jsonl(
            library, clippings, stream, with_html=with_html, with_images=with_images
        )
    say(
        f"Exported 0 clippings to {to}: {empty}."
        if empty
        else f"Exported {counted(count, 'clipping')} to {to}."
    )


def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The file to import (a ZIP, or an unpacked export's folder, too).",
            show_default=False,
        ),
    ],
    file_format: Annotated[
        ImportFormatOption | None,
        typer.Option("--format", "-f", help="The file's format (default: detected)."),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Clip imported links now instead of keeping them.")
    ] = False,
) -> None:
    """Import a library from Pocket, Omnivore, Instapaper, Readwise, Raindrop and more.

    Also Karakeep, clipper's JSON lines, wallabag JSON, bookmarks HTML and URL lists. The
    format is detected from the contents (--format overrides) and named in the
    summary; ZIP archives are read as they are. Clippings (JSONL, wallabag,
    Omnivore and Karakeep entries with saved text) are stored at once, with
    tags, notes, stars, read state and highlights; links are kept as pending,
    to clip later with `clipper pending --clip` (or now, with --fetch).
    Unreadable lines are reported and skipped; an unsafe or damaged archive
    stops the import, and nothing of it is stored. Importing the same export
    again adds nothing.

    Example: clipper import pocket.zip    or    clipper import bookmarks.html
    """
    from clipper.importers import ImportFormat, import_parsed, parse_file
    from clipper.importers.model import Problem

    def report_problem(problem: Problem) -> None:
        message = f"{file} {problem.where}: {problem.message}"
        if problem.skipped:
            say(message)
        else:
            say_error(message)

    # The file is opened (and a missing one reported) before the library is.
    chosen, parsed = parse_file(file, ImportFormat(file_format.value) if file_format else None)
    with state(ctx).open_library() as library:
        report = import_parsed(library, chosen, parsed, on_problem=report_problem)
        say(report.summary(clipping_links=fetch))
        failed = any(not p.skipped for p in report.problems)
        if fetch and report.links:
            wanted = set(report.links)
            links = [p for p in library.pending() if p.link.url in wanted]
            failed = _clip_pending(ctx, library, links) or failed
    if failed:
        raise typer.Exit(1)


def _clip_pending(ctx: typer.Context, library: Library, links: list[PendingLink]) -> bool:
    """Clip pending links with the batch pipeline (as `clip --from`); whether any failed.

    Each stored clipping takes what its link knew and the link leaves the list in
    the clipping's own commit; a link that fails stays pending, its error noted.
    """
    from clipper.batch import Batch, BatchSummary, Outcome
    from clipper.batch_view import BatchDisplay
    from clipper.fetch import fetch_options

    by_url = {item.link.url: item for item in links}

    def absorb(library: Library, source: str, clipping: Clipping, new: bool) -> Clipping:
        return library.absorb_pending(by_url[source].id, clipping.id, new=new)

    def report(outcome: Outcome, summary: BatchSummary) -> None:
        display.update(outcome, summary)

    options = fetch_options(state(ctx).settings().fetch)
    batch = Batch(library, list(by_url), options=options, on_outcome=report, on_stored=absorb)
    display = BatchDisplay(batch.summary.total)
    batch.start()  # before the progress bar's thread: the workers may be forked
    try:
        with display:
            batch.run()
    finally:
        display.finish(batch.summary)
        for failure in batch.summary.failures:
            library.settle_pending(by_url[failure.source].id, failure.reason or "failed")
    failed = len(batch.summary.failures)
    if failed:
        stay = "stays" if failed == 1 else "stay"
        say(f"{counted(failed, 'link')} {stay} pending, with the error: clipper pending")
    return bool(failed)


def pending(
    ctx: typer.Context,
    clip: Annotated[
        bool, typer.Option("--clip", help="Fetch and clip every pending link, in parallel.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print pending links as JSON.")] = False,
) -> None:
    """List links imported to clip later, or clip them all now (--clip).

    --clip fetches them as `clipper clip --from` does (in parallel, with a
    progress bar and a summary); each clipping is dated when the link was
    saved, keeps its title when the page has none, and gets its tags, note,
    star, read state and highlights. A link whose fetch fails stays pending,
    with the error noted.

    Example: clipper pending --clip
    """
    with state(ctx).open_library(create=clip) as library:
        links = library.pending()
        if clip:
            if not links:
                say("No pending links.")
                return
            if _clip_pending(ctx, library, links):
                raise typer.Exit(1)
            return
    if as_json:
        for link in links:
            print_json(link.to_record())
        return
    if not links:
        say("No pending links. Import some with: clipper import bookmarks.html")
        return
    from rich.table import Table
    from rich.text import Text

    from clipper.text import one_line

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name in ("saved", "url", "title", "tags", "last error"):
        table.add_column(name, overflow="fold")
    for item in links:
        table.add_row(
            Text((item.link.saved_at or "")[:10]),
            Text(one_line(item.link.url), style="cyan"),
            Text(one_line(item.link.title)),
            Text(" ".join(one_line(tag) for tag in item.link.tags), style="magenta"),
            Text(one_line(item.error), style="red"),
        )
    show(table)


IdsOption = Annotated[
    list[int] | None, typer.Option("--id", help="This clipping (repeatable).", show_default=False)
]
AllOption = Annotated[bool, typer.Option("--all", help="Every clipping in the library.")]


def _targets(
    library: Library, chosen: Selection, ids: list[int] | None, everything: bool
) -> tuple[Iterator[Clipping], int]:
    """IDS (and --id) as ids, a QUERY as a search, or --all: exactly one of these."""
    numbers = [*chosen.ids, *(ids or [])]
    if sum((chosen.query is not None, bool(numbers), everything)) != 1:
        raise typer.BadParameter("give exactly one of IDS, QUERY (or --id ID) and --all")
    if numbers:
        return _by_ids(library, list(dict.fromkeys(numbers)))
    return _chosen(library, chosen.query)


ImagesOption = Annotated[
    bool | None,
    typer.Option(
        "--images/--no-images",
        help="Also fetch the pictures not stored yet (default: the images setting, off).",
        show_default=False,
    ),
]


def _renew(
    ctx: typer.Context,
    targets: tuple[list[str] | None, list[int] | None, bool],
    run: Callable[..., RenewReport],
    command: str,
    progress: str,
    verb: str,
    skipped: str,
    images: bool | None = None,
) -> None:
    """Run ``reextract`` or ``refresh`` over the chosen clippings and report."""
    from clipper.fetch import fetch_options
    from clipper.progress import tracked

    words, ids, everything = targets
    chosen = _selected(command, words)
    options = fetch_options(state(ctx).settings().fetch, images=images)
    with state(ctx).open_library(create=False) as library:
        clippings, total = _targets(library, chosen, ids, everything)
        if total == 0:
            say(f"{verb} 0 clippings: {_nothing_chosen(chosen.query)}.")
            return
        report = run(
            library,
            tracked(clippings, total, progress),
            on_failure=lambda what, message: say_error(f"{what}: {message}"),
            options=options,
        )
    say(report.summary(verb, skipped))
    if report.failed:
        raise typer.Exit(1)


def reextract(
    ctx: typer.Context,
    words: Words = None,
    ids: IdsOption = None,
    everything: AllOption = False,
    images: ImagesOption = None,
) -> None:
    """Re-run the current extractor on the stored raw pages (no network).

    Give ids (12 15, #12), a search, or --all. Tags, notes and stars stay as
    they are; a changed text keeps the old one as an earlier version (see
    `clipper history`). With --images, the story's pictures not stored yet are
    fetched (this needs the network); pictures stored before are kept.

    Example: clipper reextract 12 15    or    clipper reextract --all

    Example: clipper reextract 12 --images
    """
    from clipper.refresh import reextract as run

    _renew(
        ctx, (words, ids, everything), run, "reextract", "Re-extracting", "Re-extracted",
        "without a stored page (imported without HTML)", images,
    )  # fmt: skip


def refresh(
    ctx: typer.Context,
    words: Words = None,
    ids: IdsOption = None,
    everything: AllOption = False,
    images: ImagesOption = None,
) -> None:
    """Fetch clippings again; a story that changed gets a new version.

    Give ids (12 15, #12), a search, or --all. The earlier text is kept:
    `clipper history ID` lists the versions and `clipper diff ID` shows what
    changed. With --images, the story's pictures not stored yet are fetched
    too; pictures stored before are kept.

    Example: clipper refresh 12    or    clipper refresh tag:live after:2024-06
    """
    from clipper.refresh import refresh as run

    _renew(
        ctx, (words, ids, everything), run, "refresh", "Refreshing", "Refreshed",
        "without a web URL", images,
    )  # fmt: skip


def history(
    ctx: typer.Context,
    clipping_id: ClippingId,
    as_json: Annotated[bool, typer.Option("--json", help="Print versions as JSON lines.")] = False,
) -> None:
    """List a clipping's text versions, oldest first, with dates and word counts.

    Example: clipper history 12
    """
    from clipper.history import versions_table

    with state(ctx).open_library(create=False) as library:
        versions = library.versions(clipping_id)
    if as_json:
        for version in versions:
            print_json({"id": clipping_id, **version.to_record()})
        return
    show(versions_table(versions))


def diff(
    ctx: typer.Context,
    clipping_id: ClippingId,
    old: Annotated[
        int | None, typer.Argument(metavar="V1", help="The older version (default: previous).")
    ] = None,
    new: Annotated[
        int | None, typer.Argument(metavar="V2", help="The newer version (default: current).")
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Show unchanged paragraphs too.")] = False,
) -> None:
    """Show what changed between two versions of a clipping, word by word.

    On a terminal removed words are red and struck through, added words green;
    otherwise they are marked [-removed-] and [+added+].

    Example: clipper diff 12        (the previous version against the current one)
    """
    from rich.text import Text

    from clipper.errors import NotFoundError
    from clipper.history import diff_stats, render_diff, render_title_change, word_diff

    with state(ctx).open_library(create=False) as library:
        versions = library.versions(clipping_id)
    numbers = [v.number for v in versions]
    if len(versions) < 2 and old is None:
        say(f"Clipping {clipping_id} has one version; there is nothing to compare yet.")
        return
    second = new if new is not None else numbers[-1]
    first = old if old is not None else (second - 1 if second > 1 else second)
    for number in (first, second):
        if number not in numbers:
            raise NotFoundError(
                f"clipping {clipping_id} has versions {numbers[0]} to {numbers[-1]}, "
                f"not {number}; `clipper history {clipping_id}` lists them"
            )
    a, b = versions[numbers.index(first)], versions[numbers.index(second)]
    out = console()
    color = out.is_terminal and not out.no_color and out.color_system is not None
    segments = word_diff(a.text, b.text)
    stats = diff_stats(segments)
    wrap = not out.is_terminal
    sizes = counted(a.word_count, "word"), counted(b.word_count, "word")
    out.print(
        Text(
            f"#{clipping_id}: version {a.number} ({a.saved_at[:10]}, {sizes[0]}) → "
            f"version {b.number} ({b.saved_at[:10]}, {sizes[1]}): "
            f"+{stats.added} −{stats.removed} words",
            style="dim",
        ),
        soft_wrap=wrap,
    )
    title = render_title_change(a.title, b.title, color=color)
    if title is not None:
        out.print(title, soft_wrap=wrap)
    body = render_diff(segments, color=color, full=full)
    if body.plain:
        out.print(body, soft_wrap=wrap)
