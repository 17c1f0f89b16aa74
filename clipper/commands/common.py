"""What every command shares: the global options, the library, and output helpers.

Output discipline: data (records, Markdown, tables) goes to stdout; status
lines and errors go to stderr as one line each. Anything that came from a web
page is printed through ``rich.text.Text`` after ``one_line``/``strip_controls``,
never as a markup string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from clipper import defaults

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from clipper.config import Settings
    from clipper.library import Library


@dataclass(frozen=True)
class State:
    """Global options, shared by every command through the Click context."""

    library_option: str | None = None

    def open_library(self, *, create: bool = True) -> Library:
        """The library; with ``create=False`` a missing file opens empty, in memory."""
        from clipper.config import library_path
        from clipper.library import Library

        return Library.open(library_path(self.library_option), create=create)

    def settings(self) -> Settings:
        from clipper.config import load_settings

        return load_settings()


class WordsCommand(TyperCommand):
    """A command whose arguments are the words of a search, where ``-word`` excludes.

    Click reads ``-paywall`` as the short options ``-p -a ...`` and fails. Here
    an argument that starts with one ``-`` is a word of the search unless it is
    exactly one of the command's short options (``-n``, ``-h``), or one with
    its value attached (``-n5``); the words go after ``--``, in their order,
    so Click takes them as arguments. Long options (``--limit 5``,
    ``--sort=date``) work anywhere, and an unknown one is still an error.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, words_after_options(self.get_params(ctx), ctx, args))


# Typer's Click types are its own (typer._click), so parameters are typed Any here.
def words_after_options(params: list[Any], ctx: Any, args: list[str]) -> list[str]:
    """``args`` with every option first, then ``--`` and the words (see ``WordsCommand``)."""
    options = {
        name: param
        for param in params
        if param.param_type_name == "option"
        for name in (*param.opts, *param.secondary_opts)
    }
    kept: list[str] = []
    words: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        if not _is_option(arg, options, ctx):
            words.append(arg)
            continue
        kept.append(arg)
        option = options.get(arg)  # written alone: a value, if it takes one, comes next
        if option is not None and not (option.is_flag or option.count):
            kept.extend(value for value in [next(rest, None)] if value is not None)
    return kept + (["--", *words] if words else [])


def _is_option(arg: str, options: dict[str, Any], ctx: Any) -> bool:
    """Whether ``arg`` is an option rather than a word; ``--unknown`` is one (Click refuses it)."""
    if arg.startswith("--") or arg in options:
        return True
    if not arg.startswith("-") or len(arg) < 2:
        return False
    short = options.get(arg[:2])
    if short is None or short.is_flag or short.count:
        return False
    try:  # "-n5": the option with its value attached, when the rest is a valid value
        short.type.convert(arg[2:], short, ctx)
    except typer.BadParameter:
        return False
    return True


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    return found if found is not None else State()


def console(*, stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and TERM=dumb fully (see ``clipper.terminal``)."""
    from clipper.terminal import make_console

    return make_console(stderr=stderr)


def show(*renderables: RenderableType, page: bool = False, soft_wrap: bool = False) -> None:
    """Print renderables on stdout (through the pager if ``page`` and they are tall;
    long lines left whole with ``soft_wrap``)."""
    from clipper.terminal import emit

    emit(*renderables, page=page, soft_wrap=soft_wrap)


# Characters a terminal may act on that JSON leaves raw: C1 controls (0x9b is a
# one-byte CSI), line separators and bidi overrides. Escaped, they stay in the data.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def print_json(record: dict[str, Any]) -> None:
    """One JSON object on one line of stdout; nothing in it can drive the terminal."""
    from clipper.terminal import write

    line = json.dumps(record, ensure_ascii=False)
    write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")


def say(message: str) -> None:
    """A status line on stderr, so stdout stays clean for data."""
    from rich.text import Text

    from clipper.text import one_line

    console(stderr=True).print(Text(one_line(message)), soft_wrap=True)


def say_error(message: str) -> None:
    """An error line on stderr; the message may quote a page, so it is never markup."""
    from rich.text import Text

    from clipper.text import one_line

    console(stderr=True).print(
        Text.assemble(("error: ", "bold red"), one_line(message)), soft_wrap=True
    )


def clipping_id(text: str) -> int:
    """A clipping's id as typed: ``12``, or ``#12`` as cards and notes write it."""
    number = text.strip().removeprefix("#")
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        raise typer.BadParameter(f"{text!r} is not a clipping id; give its number, as in 12 or #12")
    return int(number)


# Arguments of the commands that act on clippings by id (show, tag, star, rm, diff...).
ClippingId = Annotated[
    int, typer.Argument(metavar="ID", parser=clipping_id, help="The clipping's id (12 or #12).")
]
ClippingIds = Annotated[
    list[int],
    typer.Argument(
        metavar="ID...", parser=clipping_id, help="Clipping ids (12 15, #12).", show_default=False
    ),
]


# Options shared by every command that fetches many pages (clip, feed update).
Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help=f"Pages fetched at once (default: {defaults.JOBS})."),
]
PerHost = Annotated[
    int | None,
    typer.Option(
        "--per-host",
        min=1,
        help=f"Pages fetched at once from one site (default: {defaults.PER_HOST}).",
    ),
]
