"""How clipper talks to the terminal: consoles, plain output, the pager, the editor, the browser.

Plain text, with no escape codes at all, when ``NO_COLOR`` is set (to anything
but the empty string), when ``TERM=dumb``, or when stdout is not a terminal.
Rich's own ``NO_COLOR`` support drops colours but keeps bold and underline, so
clipper turns styles off entirely instead; in plain output, trailing spaces
that Rich pads lines with are dropped too, so piped output diffs cleanly.

Consoles never interpret markup or ``:emoji:`` codes in strings: page text is
passed as ``Text`` anyway, and this makes a slip harmless.

The pager follows git's conventions: ``$CLIPPER_PAGER``, else ``$PAGER``, else
``less``; an empty value or ``cat`` means no pager; ``LESS=FRX`` when ``LESS``
is unset (keep colours, leave the text on screen, quit if it fits).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from clipper.errors import TerminalError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

PAGER_ENV = "CLIPPER_PAGER"


def plain_requested() -> bool:
    """Whether the environment asks for text without styles (NO_COLOR, TERM=dumb)."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def make_console(*, stderr: bool = False) -> Console:
    """A Rich console for stdout (or stderr) that honours ``plain_requested``."""
    from rich.console import Console

    return Console(
        stderr=stderr,
        highlight=False,
        markup=False,
        emoji=False,
        color_system=None if plain_requested() else "auto",
    )


def render(console: Console, *renderables: RenderableType, soft_wrap: bool = False) -> str:
    """What ``console`` would print, as a string (plain: without trailing spaces).

    ``soft_wrap`` leaves long lines whole (for paths people copy).
    """
    with console.capture() as capture:
        console.print(*renderables, soft_wrap=soft_wrap)
    text = capture.get()
    if console.color_system is None:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


def emit(*renderables: RenderableType, page: bool = False, soft_wrap: bool = False) -> None:
    """Print renderables on stdout; with ``page``, through the pager when they
    are taller than the terminal and stdout is one."""
    console = make_console()
    text = render(console, *renderables, soft_wrap=soft_wrap)
    tall = text.count("\n") > console.height
    # isatty, not console.is_terminal: FORCE_COLOR into a pipe must not start a pager.
    if page and tall and sys.stdout.isatty() and run_pager(text):
        return
    write(text)


def write(text: str) -> None:
    """Write to stdout.

    A reader that went away (``| head``) raises ``BrokenPipeError``, which the
    command line turns into a quiet exit 0 (``reader_went_away``) once it has
    unwound whatever was running: exiting here, inside a batch's event loop,
    left asyncio printing a traceback about the task.
    """
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show ★ or box lines
        encoding = sys.stdout.encoding or "ascii"
        sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
    sys.stdout.flush()


def reader_went_away() -> NoReturn:
    """End quietly, with exit code 0: a reader that stops early (``| head``) is done,
    and whatever was left to print is not wanted."""
    # Python would complain about the broken pipe again while flushing at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


def pager_command() -> str | None:
    """The pager to run, or ``None`` when paging is off or the pager is missing."""
    command = os.environ.get(PAGER_ENV, os.environ.get("PAGER", "less")).strip()
    if not command or command == "cat":
        return None
    try:
        program = shlex.split(command)[0]
    except ValueError:
        return None
    return command if shutil.which(program) else None


def run_pager(text: str) -> bool:
    """Show ``text`` in the pager; ``False`` (nothing shown) when there is none."""
    command = pager_command()
    if command is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit before reading everything
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs


def editor_command() -> str:
    """``$VISUAL``, ``$EDITOR``, else the first of nano, vi found."""
    for name in ("VISUAL", "EDITOR"):
        chosen = os.environ.get(name, "").strip()
        if chosen:
            return chosen
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return fallback
    raise TerminalError("no text editor found; set $EDITOR, or give the text as an argument")


def edit_text(initial: str, *, suffix: str = ".md") -> str:
    """Let the person edit ``initial`` in their editor; return what they saved."""
    editor = editor_command()
    with tempfile.TemporaryDirectory(prefix="clipper-") as folder:
        path = Path(folder) / f"note{suffix}"
        path.write_text(initial, encoding="utf-8")
        try:
            # Through the shell, as git does, so EDITOR="code --wait" works.
            result = subprocess.run(["/bin/sh", "-c", f'{editor} "$1"', editor, str(path)])
        except OSError as error:
            raise TerminalError(f"cannot run the editor {editor!r}: {error.strerror}") from error
        if result.returncode != 0:
            raise TerminalError(
                f"the editor {editor!r} exited with status {result.returncode}; nothing was changed"
            )
        return path.read_text(encoding="utf-8")


def open_in_browser(url: str) -> None:
    """Open ``url`` (already checked to be http or https) in the person's browser."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error as error:
        opened = False
        reason = f" ({error})"
    else:
        reason = ""
    if not opened:
        raise TerminalError(
            f"no web browser could be started{reason}; set $BROWSER, or open {url} yourself"
        )
