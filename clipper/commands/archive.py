"""``clipper export``: clippings out of the library, as notes or records."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clipper.commands.common import say, state


class ExportFormat(StrEnum):
    markdown = "markdown"
    jsonl = "jsonl"


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

    with state(ctx).open_library(create=False) as library:
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
        say(f"Exported {count} clippings to {to}")
        return
    written = export_markdown(clippings, Path(to))
    say(f"Exported {len(written)} notes to {to}")
