"""The ``clipper`` command line: a thin layer over the library.

Each command reads its options, calls one function of clipper's Python API and
renders the result. Errors are handled in exactly one place,
``ClipperGroup.invoke``: a ``ClipperError`` becomes one line on stderr and exit
code 1; usage errors are Typer's own (exit 2).

Start-up time matters for a tool used many times a day, so this module imports
only Typer and the standard library at the top; httpx, selectolax and Rich's
renderers are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from clipper import __version__
from clipper.errors import ClipperError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from clipper.library import Library

DEBUG_ENV = "CLIPPER_DEBUG"


class ClipperGroup(TyperGroup):
    """The one place where errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:  # a Click context; Typer does not export its type
        try:
            return super().invoke(ctx)
        except ClipperError as error:
            _fail(error.message, error.exit_code)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # usage errors and exits: Typer reports them itself (exit 2 / as asked)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except Exception as error:
            if os.environ.get(DEBUG_ENV):
                raise
            _fail(
                f"internal error ({type(error).__name__}: {error}); this is a bug in clipper, "
                f"please report it (set {DEBUG_ENV}=1 to see the traceback)",
                1,
            )


def _fail(message: str, code: int) -> NoReturn:
    _say_error(message)
    raise typer.Exit(code)


def _say_error(message: str) -> None:
    """One line on stderr; the message may quote a page, so it is never markup."""
    from rich.text import Text

    from clipper.text import one_line

    _console(stderr=True).print(
        Text.assemble(("error: ", "bold red"), one_line(message)), soft_wrap=True
    )


def _say(message: str) -> None:
    """A status line on stderr (stdout stays clean for data)."""
    from rich.text import Text

    from clipper.text import one_line

    _console(stderr=True).print(Text(one_line(message)), soft_wrap=True)


app = typer.Typer(
    cls=ClipperGroup,
    name="clipper",
    help="Clip news articles into a local library you can search, read and export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True)
class State:
    """Global options, shared by every command through the Click context."""

    library_option: str | None

    def open_library(self, *, create: bool = True) -> Library:
        from clipper.config import library_path
        from clipper.library import Library

        return Library.open(library_path(self.library_option), create=create)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State(None)


def _console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _print(*renderables: RenderableType) -> None:
    _console().print(*renderables)


def _print_json(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clipper {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    library: Annotated[
        str | None,
        typer.Option(
            "--library",
            "-L",
            envvar="CLIPPER_LIBRARY",
            metavar="PATH",
            help="The library file to use (default: your user data folder).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Clip news articles into a local library you can search, read and export.

    Example: clipper clip https://example.org/world/story-123
    """
    ctx.obj = State(library)


# -- clipping ------------------------------------------------------------------


@app.command()
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
    with _state(ctx).open_library() as library:
        failures = 0
        for source in sources:
            try:
                result = clip_source(library, source, url=url, tags=tags or ())
            except ClipperError as error:
                if len(sources) == 1:
                    raise
                failures += 1
                _say_error(f"{source}: {error.message}")
                continue
            if as_json:
                _print_json(result.clipping.to_record())
                continue
            if not result.created:
                _say(f"Already in the library as #{result.clipping.id}.")
            _print(clipping_card(result.clipping))
    if failures:
        raise typer.Exit(1)


@app.command()
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
        from dataclasses import asdict

        record = asdict(article)
        record["authors"] = list(article.authors)
        record["author"] = article.author
        _print_json(record)
    elif as_markdown:
        sys.stdout.write(article.markdown + "\n")
    elif as_text:
        sys.stdout.write(article.text + "\n")
    else:
        from clipper.render import article_card, story

        _print(article_card(article), story(article))


# -- reading -------------------------------------------------------------------


@app.command()
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

    with _state(ctx).open_library(create=False) as library:
        hits = library.search(query, limit=limit)
    if as_json:
        for hit in hits:
            _print_json(hit.to_record())
    elif not hits:
        _say(f"No clippings match {query!r}.")
    else:
        _print(search_hits(hits))


@app.command("list")
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

    with _state(ctx).open_library(create=False) as library:
        clippings = library.clippings(limit=limit)
    if as_json:
        for clipping in clippings:
            _print_json(clipping.to_record())
    elif not clippings:
        _say("No clippings yet. Add one with: clipper clip URL")
    else:
        _print(clippings_table(clippings))


@app.command()
def show(
    ctx: typer.Context,
    clipping_id: Annotated[int, typer.Argument(metavar="ID", help="The clipping's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the clipping as JSON.")] = False,
) -> None:
    """Show one clipping: its card and the whole story.

    Example: clipper show 12
    """
    from clipper.render import clipping_card, story

    with _state(ctx).open_library(create=False) as library:
        clipping = library.get(clipping_id)
    if as_json:
        _print_json(clipping.to_record())
    else:
        _print(clipping_card(clipping), story(clipping.article))


# -- export --------------------------------------------------------------------


class ExportFormat(StrEnum):
    markdown = "markdown"
    jsonl = "jsonl"


@app.command()
def export(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Folder for Markdown notes; file (or -) for JSON lines.",
            show_default=False,
        ),
    ],
    query: Annotated[
        str | None, typer.Argument(help="Only clippings matching this search.")
    ] = None,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Markdown notes or JSON lines.")
    ] = ExportFormat.markdown,
) -> None:
    """Export clippings as Markdown notes (YAML front matter) or JSON lines.

    Example: clipper export --to notes/
    """
    from clipper.errors import ExportError
    from clipper.export import export_jsonl, export_markdown

    with _state(ctx).open_library(create=False) as library:
        if query:
            clippings = [hit.clipping for hit in library.search(query, limit=1_000_000)]
        else:
            clippings = library.clippings()
    if output_format is ExportFormat.jsonl:
        if to == "-":
            export_jsonl(clippings, sys.stdout)
            return
        try:
            with Path(to).open("w", encoding="utf-8") as stream:
                count = export_jsonl(clippings, stream)
        except OSError as error:
            raise ExportError(f"cannot write {to}: {error.strerror}") from error
        _say(f"Exported {count} clippings to {to}")
        return
    written = export_markdown(clippings, Path(to))
    _say(f"Exported {len(written)} notes to {to}")


def main() -> None:
    """Console-script entry point."""
    app()
