"""Views: clippings, articles and search hits as Rich renderables.

These are pure functions. Everything that came from a web page is put into
``Text`` objects (never into markup strings) after ``one_line``/``strip_controls``,
so a title like ``[red]x[/]`` prints as itself and escape sequences never reach
the terminal. Stories are rendered from their Markdown with links shown as
``text (URL)`` and never as terminal hyperlinks, so what a link points to is
always visible and a ``javascript:`` or ``data:`` link cannot be clicked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clipper.article import Article
from clipper.authors import author_names
from clipper.clipping import Clipping, Highlight, Hit
from clipper.text import counted, one_line, reading_minutes, size_text, strip_controls

if TYPE_CHECKING:
    from clipper.config import Settings
    from clipper.library import LibraryStats


def _date(value: str | None) -> str:
    return value[:10] if value else ""


def byline(article: Article, tags: Iterable[str] = ()) -> Text:
    """``site · author · date · N min read · #tags`` as one dim line."""
    parts = [
        one_line(article.site or ""),
        one_line(", ".join(author_names(article.authors))),
        _date(article.published),
        f"{reading_minutes(article.word_count)} min read" if article.word_count else "",
        " ".join(f"#{one_line(tag)}" for tag in tags),
    ]
    return Text(" · ".join(p for p in parts if p), style="dim")


def article_card(article: Article, *, clipping: Clipping | None = None) -> Panel:
    """The card printed after ``clip`` and by ``show``.

    Title, then ``site · author · date · N min read · #tags``, the URL, the
    summary (lead plus the most central sentences; the page's description when
    there is no text) and the user's note.
    """
    from clipper.summary import summarize

    body: list[RenderableType] = [Text(one_line(article.title) or "(untitled)", style="bold")]
    details = byline(article, clipping.tags if clipping else ())
    if details:
        body.append(details)
    if article.url:
        body.append(Text(one_line(article.url), style="cyan", overflow="fold"))
    gist = summarize(article.text, language=article.language) or one_line(article.description or "")
    if gist:
        body += [Text(""), Text(gist)]
    if clipping and clipping.note.strip():
        note = "\n".join(one_line(line) for line in clipping.note.strip().splitlines())
        body += [Text(""), Text.assemble(("Note: ", "bold"), (note, "italic"))]
    title = None
    if clipping:
        title = Text(f"#{clipping.id}", style="bold green")
        if clipping.starred:
            title.append(" ★", style="yellow")
        if clipping.read:
            title.append(" read", style="dim")
    return Panel(Group(*body), title=title, title_align="left", expand=True)


def clipping_card(clipping: Clipping) -> Panel:
    return article_card(clipping.article, clipping=clipping)


def clippings_table(clippings: Iterable[Clipping]) -> Table:
    """``clipper list``: id, date, site, title, tags.

    The date is the story's publication date, or the day it was clipped when
    the page gave none; a starred clipping's title starts with ★.
    """
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("id", justify="right", style="green", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("site", style="dim", max_width=18, no_wrap=True, overflow="ellipsis")
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    table.add_column("tags", style="magenta", max_width=20, overflow="fold")
    for clipping in clippings:
        a = clipping.article
        title = Text("★ " if clipping.starred else "")
        title.stylize("yellow")
        title.append(one_line(a.title) or "(untitled)")
        table.add_row(
            Text(str(clipping.id)),
            Text(_date(a.published) or _date(clipping.clipped_at)),
            Text(one_line(a.site or "")),
            title,
            Text(", ".join(one_line(tag) for tag in clipping.tags)),
        )
    return table


def snippet_text(snippet: str) -> Text:
    """A search snippet with the matched words highlighted."""
    text = Text()
    highlighted = False
    for part in re.split(f"([{Hit.MARK_START}{Hit.MARK_END}])", _clean_snippet(snippet)):
        if part == Hit.MARK_START:
            highlighted = True
        elif part == Hit.MARK_END:
            highlighted = False
        elif part:
            text.append(part, style="bold yellow" if highlighted else "")
    return text


def _clean_snippet(snippet: str) -> str:
    """``one_line`` for snippets: the match marks are controls too, so park them."""
    placeholder_start, placeholder_end = "\ue000", "\ue001"
    cleaned = snippet.replace(Hit.MARK_START, placeholder_start).replace(
        Hit.MARK_END, placeholder_end
    )
    cleaned = " ".join(strip_controls(cleaned).split())
    return cleaned.replace(placeholder_start, Hit.MARK_START).replace(placeholder_end, Hit.MARK_END)


def search_hits(hits: Iterable[Hit]) -> Table:
    """Search results: id, then title, byline and highlighted snippet, wrapped beside it.

    The byline always has a date: a clipping without a publication date is
    sorted and filtered by the day it was clipped, so that day is shown.
    """
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="green", no_wrap=True)
    table.add_column(ratio=1)
    for hit in hits:
        clipping = hit.clipping
        line = byline(clipping.article, clipping.tags)
        if not clipping.article.published and clipping.clipped_at:
            clipped = Text(f"clipped {_date(clipping.clipped_at)}", style="dim")
            line = Text(" · ", style="dim").join([line, clipped]) if line.plain else clipped
        body = Group(
            Text(one_line(clipping.title) or "(untitled)", style="bold"),
            line,
            snippet_text(hit.snippet),
            Text(""),
        )
        table.add_row(Text(str(clipping.id)), body)
    return table


def story(article: Article, highlights: Sequence[Highlight] = ()) -> RenderableType:
    """The whole story, rendered from its Markdown, its ``highlights`` marked in it."""
    from clipper.markdown_view import story_markdown

    # Plain text is valid Markdown too, for a clipping stored without structure.
    return story_markdown(article.markdown or article.text, [h.quote for h in highlights])


def highlights_view(clipping: Clipping) -> RenderableType | None:
    """After the story: each highlight's quote and note, those the story no longer
    holds said so (a later version dropped the passage); ``None`` without any."""
    from clipper.highlights import missing

    if not clipping.highlights:
        return None
    gone = {id(h) for h in missing(clipping.highlights, clipping.article)}
    lines: list[RenderableType] = [Text(f"Highlights ({len(clipping.highlights)})", style="bold")]
    for highlight in clipping.highlights:
        quote = "\n".join(one_line(line) for line in highlight.quote.splitlines() if line.strip())
        entry = Text.assemble(("> ", "dim"), (quote, "italic"))
        if id(highlight) in gone:
            entry.append("  (no longer in the story)", style="yellow")
        lines.append(entry)
        if highlight.note.strip():
            note = "\n".join(one_line(line) for line in highlight.note.strip().splitlines())
            lines.append(Text.assemble(("  Note: ", "bold"), note))
    return Group(*lines)


def story_markdown_text(article: Article, highlights: Sequence[Highlight] = ()) -> str:
    """``show --raw``: ``# Title``, the story's Markdown and its highlights, without
    control characters."""
    from clipper.highlights import markdown_section

    title = one_line(article.title) or "(untitled)"
    body = strip_controls(article.markdown or article.text).strip()
    section = markdown_section(highlights)
    return f"# {title}\n\n{body}\n" + (f"\n{section}" if section else "")


def _report(rows: Iterable[tuple[str, str]]) -> Text:
    """``label  value`` lines (print with ``soft_wrap`` so paths stay whole for copying)."""
    report = Text()
    for label, value in rows:
        if report:
            report.append("\n")
        report.append(label.ljust(15), style="bold")
        report.append(value)
    return report


def stats_view(stats: LibraryStats, path: str, *, exists: bool = True) -> Text:
    """``clipper stats``: one figure a line."""
    minutes = round(stats.words / 230)
    reading = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    saved = f"{stats.pages:,} saved page{'' if stats.pages == 1 else 's'}"
    pages = f"{saved}, {size_text(stats.pages_bytes)}"
    if stats.images:
        pages += f"; {counted(stats.images, 'image')}, {size_text(stats.images_bytes)}"
    return _report(
        [
            ("clippings", f"{stats.clippings:,} ({stats.starred:,} starred)"),
            (
                "reading",
                f"{stats.clippings - stats.read:,} unread, {stats.read:,} read, "
                f"{counted(stats.highlights, 'highlight')}",
            ),
            ("sites", f"{stats.sites:,}"),
            ("tags", f"{stats.tags:,}"),
            ("words", f"{stats.words:,} (about {reading} of reading)"),
            ("library size", f"{size_text(stats.size_bytes)} ({pages})"),
            ("oldest story", _date(stats.oldest_published) or "-"),
            ("newest story", _date(stats.newest_published) or "-"),
            ("first clipped", _date(stats.first_clipped) or "-"),
            ("last clipped", _date(stats.last_clipped) or "-"),
            ("library", path + ("" if exists else " (not created yet)")),
        ]
    )


def _toml_value(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def config_view(library: Path, source: str, settings_file: Path, settings: Settings) -> Group:
    """``clipper config``: where things are, then the settings in force, as TOML."""
    from dataclasses import fields, is_dataclass

    exists = "" if settings_file.exists() else "  (not created yet)"
    where = _report(
        [("library", f"{library}  ({source})"), ("settings file", f"{settings_file}{exists}")]
    )
    lines: list[str] = []
    sections: list[tuple[str, object]] = []
    for field in fields(settings):
        value = getattr(settings, field.name)
        if is_dataclass(value):
            sections.append((field.name, value))
        elif value is None:
            lines.append(f"# {field.name} = (not set)")
        else:
            lines.append(f"{field.name} = {_toml_value(value)}")
    for name, section in sections:
        lines += ["", f"[{name}]"]
        for field in fields(section):  # type: ignore[arg-type]
            value = getattr(section, field.name)
            shown = "(not set)" if value is None else _toml_value(value)
            lines.append(f"{'# ' if value is None else ''}{field.name} = {shown}")
    return Group(where, Text(""), Text("\n".join(lines)))
