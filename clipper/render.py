"""Views: clippings, articles and search hits as Rich renderables.

These are pure functions. Everything that came from a web page is put into
``Text`` objects (never into markup strings) after ``one_line``/``strip_controls``,
so a title like ``[red]x[/]`` prints as itself and escape sequences never reach
the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clipper.article import Article
from clipper.clipping import Clipping, Hit
from clipper.text import one_line, reading_minutes, strip_controls

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def _date(value: str | None) -> str:
    return value[:10] if value else ""


def summary(text: str, sentences: int = 3, limit: int = 420) -> str:
    """The story's first few sentences, cut at ``limit`` characters."""
    first_paragraphs = " ".join(text.split("\n\n")[:3])
    picked: list[str] = []
    for sentence in _SENTENCE_END.split(one_line(first_paragraphs)):
        if picked and len(" ".join([*picked, sentence])) > limit:
            break
        picked.append(sentence)
        if len(picked) == sentences:
            break
    result = " ".join(picked)
    return result if len(result) <= limit else result[: limit - 1].rstrip() + "…"


def byline(article: Article, tags: Iterable[str] = ()) -> Text:
    """``site · author · date · N min read · #tags`` as one dim line."""
    parts = [
        one_line(article.site or ""),
        one_line(article.author or ""),
        _date(article.published),
        f"{reading_minutes(article.word_count)} min read" if article.word_count else "",
        " ".join(f"#{one_line(tag)}" for tag in tags),
    ]
    return Text(" · ".join(p for p in parts if p), style="dim")


def article_card(article: Article, *, clipping: Clipping | None = None) -> Panel:
    """The summary card printed after ``clip`` and by ``show``."""
    body: list[RenderableType] = [
        Text(one_line(article.title) or "(untitled)", style="bold"),
        byline(article, clipping.tags if clipping else ()),
    ]
    if article.url:
        body.append(Text(one_line(article.url), style="cyan"))
    if article.text:
        body += [Text(""), Text(summary(article.text))]
    title = Text(f"#{clipping.id}", style="bold green") if clipping else None
    return Panel(Group(*body), title=title, title_align="left", expand=True)


def clipping_card(clipping: Clipping) -> Panel:
    return article_card(clipping.article, clipping=clipping)


def clippings_table(clippings: Iterable[Clipping]) -> Table:
    """``clipper list``: id, date, site, title, tags; newest first."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("id", justify="right", style="green", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("site", style="dim", max_width=24, no_wrap=True, overflow="ellipsis")
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("tags", style="magenta")
    for clipping in clippings:
        a = clipping.article
        table.add_row(
            Text(str(clipping.id)),
            Text(_date(a.published) or _date(clipping.clipped_at)),
            Text(one_line(a.site or "")),
            Text(one_line(a.title) or "(untitled)"),
            Text(" ".join(one_line(tag) for tag in clipping.tags)),
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


def story(article: Article) -> RenderableType:
    """The whole story, rendered from its Markdown."""
    from rich.markdown import Markdown

    return Markdown(strip_controls(article.markdown), hyperlinks=False)
