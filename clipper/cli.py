"""The ``clipper`` command line: a table of contents over the Python API.

Commands live in ``clipper.commands``, grouped by what they do; this module
registers them and is the one place where errors become messages and exit
codes (``ClipperGroup.invoke``): a ``ClipperError`` becomes one line on stderr
and exit code 1; usage errors are Typer's own (exit 2).

Start-up time matters for a tool used many times a day, so nothing here or in
``clipper.commands`` imports httpx, selectolax or the extractor at the top.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from clipper import __version__
from clipper.commands import archive, clipping, feeds, manage, reading
from clipper.commands.common import State, WordsCommand, say_error
from clipper.errors import ClipperError, internal_error

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
        except BrokenPipeError:
            # The reader of stdout is done (`clipper list | head`, `export --to - | head`).
            from clipper.terminal import reader_went_away

            reader_went_away()
        except Exception as error:
            if os.environ.get(DEBUG_ENV):
                raise
            _fail(f"{internal_error(error)} (set {DEBUG_ENV}=1 to see the traceback)", 1)


def _fail(message: str, code: int) -> NoReturn:
    say_error(message)
    raise typer.Exit(code)


app = typer.Typer(
    cls=ClipperGroup,
    name="clipper",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Static scripts in completions/ (python -m clipper.completions) replace Typer's,
    # which start Python on every Tab.
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


# Clipping
app.command()(clipping.clip)
app.command()(clipping.extract)
# Reading
app.command(cls=WordsCommand)(reading.search)
app.command("list")(reading.list_clippings)
app.command("show")(reading.show_clipping)
app.command("images")(reading.list_images)
# Managing
app.command("open")(manage.open_clipping)
app.command("tag", context_settings=manage.TAG_CONTEXT)(manage.tag_clipping)
app.command("note")(manage.note_clipping)
app.command()(manage.star)
app.command()(manage.unstar)
app.command("read")(manage.mark_read)
app.command("unread")(manage.mark_unread)
app.command()(manage.highlight)
app.command("rm")(manage.remove)
app.command()(manage.stats)
app.command()(manage.config)
# Archive
app.command(cls=WordsCommand)(archive.export)
app.command("import")(archive.import_file)
app.command()(archive.pending)
app.command(cls=WordsCommand)(archive.reextract)
app.command(cls=WordsCommand)(archive.refresh)
app.command()(archive.history)
app.command()(archive.diff)
# Feeds
app.add_typer(feeds.app, name="feed")


def main() -> None:
    """Console-script entry point."""
    was_devnull = _stdout_is_devnull()
    try:
        app()
    except SystemExit as done:
        # Rich answers a reader that went away (``clipper --help | head``) by
        # pointing stdout at /dev/null and exiting 1; clipper's own output
        # treats a closed pipe as the reader being done, not as a failure.
        if done.code == 1 and not was_devnull and _stdout_is_devnull():
            raise SystemExit(0) from None
        raise


def _stdout_is_devnull() -> bool:
    try:
        out, null = os.fstat(sys.stdout.fileno()), Path(os.devnull).stat()
    except (OSError, ValueError):
        return False
    return (out.st_dev, out.st_ino) == (null.st_dev, null.st_ino)
