"""What a person sees: card, list and reader view as exact plain-text lines, and
page content that tries to drive the terminal (markup, escapes, OSC 8, bidi)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from clipper.article import Article
from clipper.cli import app
from clipper.clipping import Clipping
from clipper.library import Library
from clipper.markdown_view import story_markdown
from clipper.render import article_card, clipping_card, clippings_table
from clipper.terminal import render, run_pager
from tests.conftest import Server
from tests.test_seed_page import URL

SEED = str(Path(__file__).parent / "pages" / "seed_like.html")
WIDTH = 60

Plain = Callable[..., Result]


def environment(library_path: Path, **extra: str | None) -> dict[str, str | None]:
    """A fixed-width terminal-less environment, whatever the developer's shell has."""
    return {
        "CLIPPER_LIBRARY": str(library_path),
        "COLUMNS": str(WIDTH),
        "LINES": "24",
        "NO_COLOR": "1",
        "FORCE_COLOR": None,
        "TTY_COMPATIBLE": None,
        "TERM": "xterm-256color",
        "CLIPPER_PAGER": "",
        **extra,
    }


@pytest.fixture
def plain(library_path: Path) -> Plain:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, **env: str | None) -> Result:
        return runner.invoke(app, list(args), input=input, env=environment(library_path, **env))

    return invoke


@pytest.fixture
def seeded(plain: Plain) -> Plain:
    result = plain("clip", SEED, "--url", URL, "-t", "Russia", "-t", "defence", "--json")
    assert result.exit_code == 0, result.stderr
    return plain


def lines(output: str) -> list[str]:
    return output.rstrip("\n").split("\n")


CARD = [
    "╭─ #1 ─────────────────────────────────────────────────────╮",
    "│ Russian and Chinese bombers fly joint patrol over        │",
    "│ Pacific                                                  │",
    "│ Devdiscourse · PTI · 2020-12-22 · 1 min read · #defence  │",
    "│ #russia                                                  │",
    "│ https://www.devdiscourse.com/article/international/13723 │",
    "│ 70-russian-and-chinese-bombers-fly-joint-patrol-over-pac │",
    "│ ific                                                     │",
    "│                                                          │",
    "│ Russian and Chinese bombers flew a joint patrol mission  │",
    "│ over the Western Pacific on Tuesday in a show of         │",
    "│ increasingly close military ties between Moscow and      │",
    "│ Beijing. The Russian military said that a pair of its    │",
    "│ Tu-95 strategic bombers and four Chinese H-6K bombers    │",
    "│ flew over the Sea of Japan and the East China Sea.       │",
    "│ Tuesday's mission was the second such flight since a     │",
    "│ July 2019 patrol over the same area.                     │",
    "╰──────────────────────────────────────────────────────────╯",
]


def test_the_card_after_clip(plain: Plain) -> None:
    result = plain("clip", SEED, "--url", URL, "-t", "Russia", "-t", "defence")
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == CARD


def test_show_prints_the_card_then_the_story(seeded: Plain) -> None:
    result = seeded("show", "1")
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[: len(CARD) + 5] == [
        *CARD,
        "",
        "Russian and Chinese bombers flew a joint patrol mission over",
        "the Western Pacific on Tuesday in a show of increasingly",
        "close military ties between Moscow and Beijing. The Russian",
        "military said that a pair of its Tu-95 strategic bombers and",
    ]
    assert not any(line.endswith(" ") for line in lines(result.stdout))


def test_show_card_has_star_and_note(seeded: Plain) -> None:
    assert seeded("star", "1").exit_code == 0
    assert seeded("note", "1", "Compare with the 2019 patrol.\nAsk [b]Ivan[/b].").exit_code == 0
    card = lines(seeded("show", "1").stdout)
    assert card[0] == "╭─ #1 ★ ───────────────────────────────────────────────────╮"
    assert card[17:21] == [
        "│                                                          │",
        "│ Note: Compare with the 2019 patrol.                      │",
        "│ Ask [b]Ivan[/b].                                         │",
        "╰──────────────────────────────────────────────────────────╯",
    ]


def test_show_raw_is_plain_markdown(seeded: Plain) -> None:
    result = seeded("show", "1", "--raw")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "# Russian and Chinese bombers fly joint patrol over Pacific\n\n"
        "Russian and Chinese bombers flew a joint patrol mission over the Western Pacific on "
        "Tuesday in a show of increasingly close military ties between Moscow and Beijing. "
    )
    assert result.stdout.endswith("in China-Russia cooperation.\n") or result.stdout.endswith(".\n")
    assert "╭" not in result.stdout
    assert seeded("show", "1", "--raw", "--json").exit_code == 2


def test_list_table(seeded: Plain, library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(
            Article(title="Second story, undated", url="https://example.org/2", site=None),
            tags=["x"],
        )
        library.set_starred([2])
    result = seeded("list")
    assert result.exit_code == 0, result.stderr
    today = lines(result.stdout)[1][4:14]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", today)
    assert lines(result.stdout) == [
        "id  date        site          title                 tags",
        f" 2  {today}                ★ Second story,       x",
        "                              undated",
        " 1  2020-12-22  Devdiscourse  Russian and Chinese   defence,",
        "                              bombers fly joint     russia",
        "                              patrol over Pacific",
    ]


def test_list_filters_on_the_command_line(seeded: Plain, library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(Article(title="Other", url="https://news.example.org/2", site="Example"))

    def ids(*args: str) -> list[str]:
        table = lines(seeded("list", *args).stdout)[1:]
        return [line.split()[0] for line in table if line[:3].strip()]

    assert ids() == ["2", "1"]
    assert ids("--site", "devdiscourse.com") == ["1"]
    assert ids("--site", "example.ORG") == ["2"]
    assert ids("-s", "example") == ["2"]
    assert ids("--tag", "RUSSIA") == ["1"]
    assert ids("--since", "7d") == ["2", "1"]
    assert ids("--limit", "1") == ["2"]
    nothing = seeded("list", "--since", "2999-01-01")
    assert (nothing.exit_code, nothing.stdout) == (0, "")
    assert nothing.stderr == "No clippings match these filters.\n"
    bad = seeded("list", "--since", "last tuesday")
    assert bad.exit_code == 2
    assert "'last tuesday' is not a date" in bad.stderr


def test_list_site_matches_a_host_served_on_a_port(seeded: Plain, server: Server) -> None:
    # The URL is http://127.0.0.1:PORT/...: the port is not part of the site's domain.
    page = "<html><head><title>Harbour reopens</title><meta property='og:site_name' "
    page += "content='Harbour Daily'></head><body><article><h1>Harbour reopens"
    page += "</h1><p>" + "Ferries run again to the islands after the storm. " * 12
    page += "</p></article></body></html>"
    clipped = seeded("clip", server.route("/harbour", page), "--json")
    assert clipped.exit_code == 0, clipped.stderr

    def ids(*args: str) -> list[str]:
        table = lines(seeded("list", *args).stdout)[1:]
        return [line.split()[0] for line in table if line[:3].strip()]

    assert ids("--site", "127.0.0.1") == ["2"]
    assert ids("--site", "0.0.1") == ["2"]  # a domain's tail, as nytimes.com is www.nytimes.com's
    assert ids("--site", "devdiscourse.com") == ["1"]
    assert seeded("search", "site:127.0.0.1", "--json").stdout.count("\n") == 1


def test_list_json_lines(seeded: Plain) -> None:
    result = seeded("list", "--json", "--tag", "defence")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    assert '"id": 1' in result.stdout


# -- page content that tries to drive the terminal -----------------------------------------

ESC = "\x1b"
HOSTILE = {
    "markup": "[bold red]x[/] [link=https://evil.example]y[/link]",
    "csi": f"{ESC}[31mred{ESC}[0m {ESC}[2J{ESC}[H",
    "osc8": f"{ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\",
    "osc_title": f"{ESC}]0;pwned\x07title",
    "bel": "ding\x07dong",
    "bidi": "abc\u202etxt.exe",
    "c1": "one\x9b31mtwo",
}


def hostile_article(kind: str) -> Article:
    payload = HOSTILE[kind]
    return Article(
        title=f"T {payload}",
        url=f"https://example.org/{kind}?q={payload}",
        authors=(f"A {payload}",),
        site=f"S {payload}",
        text=f"Lead sentence with {payload} inside it, long enough to count.",
        markdown=f"## H {payload}\n\nLead sentence with {payload} [l {payload}](https://e.org/)",
        description=payload,
    )


def assert_safe(output: str, *, colour: bool = False) -> None:
    """No control character except newline; with colour, only SGR sequences."""
    if colour:
        output = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), repr(
        output
    )


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_page_content_never_drives_the_terminal(
    kind: str, plain: Plain, library_path: Path
) -> None:
    with Library.open(library_path) as library:
        library.add(hostile_article(kind), tags=[f"tag {HOSTILE[kind]}"])
    for args in (["list"], ["show", "1"], ["show", "1", "--raw"], ["list", "--json"]):
        for env in ({}, {"NO_COLOR": None, "FORCE_COLOR": "1"}):
            result = plain(*args, **env)
            assert result.exit_code == 0, result.stderr
            assert_safe(result.stdout, colour=bool(env))
            if "--json" not in args and kind != "markup":
                assert "evil.example" not in result.stdout  # a sequence goes as a whole
    # JSON keeps the data whole: the controls are escaped, not dropped.
    assert json.loads(plain("show", "1", "--json").stdout)["title"] == f"T {HOSTILE[kind]}"
    if kind == "markup":
        shown = plain("show", "1").stdout
        assert "T [bold red]x[/] [link=https://evil.example]y[/link]" in shown
        assert "[bold red]x[/]" in plain("list").stdout


def test_a_hostile_url_in_an_error_message(plain: Plain, library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(Article(title="x", url=f"javascript:alert(1)//{ESC}]0;pwned\x07[red]"))
    result = plain("open", "1")
    assert result.exit_code == 1
    assert_safe(result.stderr)
    assert result.stderr == (
        "error: clipping 1 has the URL 'javascript:alert(1)//[red]'; "
        "only http:// and https:// pages are opened\n"
    )


@pytest.mark.parametrize(
    "env",
    [
        {"NO_COLOR": "1", "FORCE_COLOR": "1"},
        {"NO_COLOR": None, "TERM": "dumb", "FORCE_COLOR": "1"},
        {"NO_COLOR": None},  # not a terminal
    ],
)
def test_no_escape_codes_without_colour(seeded: Plain, env: dict[str, str | None]) -> None:
    for args in (["list"], ["show", "1"], ["stats"], ["config"], ["show", "9"]):
        result = seeded(*args, **env)
        assert ESC not in result.stdout + result.stderr, args


def test_colour_when_forced_and_allowed(seeded: Plain) -> None:
    result = seeded("list", NO_COLOR=None, FORCE_COLOR="1")
    assert f"{ESC}[" in result.stdout


# -- the reader view ----------------------------------------------------------------------

STORY = """## What happened

A [report](https://example.org/report?id=1&x=2) says so. See <https://example.org/a>.
Do not click [this](javascript:alert(document.cookie)) or [that](data:text/html;base64,PHNjcmlwdD4=)
or [pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk).

- first point
- second point, [mail](mailto:desk@example.org)

> A quote from &#x202e;someone.

![A map of the route](https://example.org/map.png)

### Background

1. one
2. two
"""


def test_story_markdown_in_plain_text() -> None:
    console = Console(record=True, width=WIDTH, color_system=None)
    assert lines(render(console, story_markdown(STORY))) == [
        "## What happened",
        "",
        "A report (https://example.org/report?id=1&x=2) says so. See",
        "https://example.org/a. Do not click",
        "[this](javascript:alert(document.cookie)) or",
        "[that](data:text/html;base64,PHNjcmlwdD4=) or pixel",
        "(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA…).",
        "",
        " • first point",
        " • second point, mail (mailto:desk@example.org)",
        "",
        "▌ A quote from someone.",
        "",
        "[image: A map of the route]",
        "",
        "### Background",
        "",
        " 1 one",
        " 2 two",
    ]


def test_story_links_are_never_terminal_hyperlinks() -> None:
    console = Console(width=WIDTH, force_terminal=True, color_system="truecolor")
    output = render(console, story_markdown(STORY))
    assert f"{ESC}]8" not in output  # no OSC 8 hyperlink anywhere
    assert "https://example.org/report?id=1&x=2" in re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert_safe(output, colour=True)


def test_card_without_text_shows_the_description() -> None:
    card = article_card(Article(title="Video", description="A short clip of the launch."))
    console = Console(width=40, color_system=None)
    assert lines(render(console, card)) == [
        "╭──────────────────────────────────────╮",
        "│ Video                                │",
        "│                                      │",
        "│ A short clip of the launch.          │",
        "╰──────────────────────────────────────╯",
    ]


def test_render_functions_take_clippings() -> None:
    clipping = Clipping(
        id=7,
        article=Article(title="日本語の記事", site="朝日新聞"),
        clipped_at="2024-01-02",
        updated_at="",
    )
    console = Console(width=WIDTH, color_system=None)
    assert "│ 日本語の記事" in render(console, clipping_card(clipping))
    assert lines(render(console, clippings_table([clipping])))[1] == (
        " 7  2024-01-02  朝日新聞  日本語の記事"
    )


# -- the pager ----------------------------------------------------------------------------


def test_run_pager_pipes_the_text_to_the_pager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "paged.txt"
    monkeypatch.setenv("CLIPPER_PAGER", f"cat > {target}")
    assert run_pager("one\ntwo\n") is True
    assert target.read_text() == "one\ntwo\n"
    for off in ("", "cat", "no-such-pager-anywhere --flag"):
        monkeypatch.setenv("CLIPPER_PAGER", off)
        assert run_pager("x") is False


def run_in_terminal(args: list[str], env: dict[str, str], *, answer: bytes = b"") -> str:
    """Run clipper in a pseudo-terminal of 60x12; return what it showed."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 12, 60, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        close_fds=True,
    )
    os.close(terminal)
    if answer:
        os.write(controller, answer)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def terminal_env(library_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return {**env, "CLIPPER_LIBRARY": str(library_path), "TERM": "xterm", "LINES": "12", **extra}


def test_show_pages_a_long_story_on_a_terminal_only(
    seeded: Plain, library_path: Path, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    env = terminal_env(library_path, CLIPPER_PAGER=f"cat > {paged}")
    screen = run_in_terminal(["show", "1"], env)
    assert "Russian" not in screen  # it all went to the pager
    text = paged.read_text()
    assert "Russian and Chinese bombers" in text and f"{ESC}[" in text  # styled for less -R
    # A short clipping fits on the screen: no pager.
    paged.unlink()
    with Library.open(library_path) as library:
        library.add(Article(title="Short", url="https://example.org/s", text="Tiny."))
    screen = run_in_terminal(["show", "2"], env)
    assert "Short" in screen and not paged.exists()


def test_a_clipping_without_markdown_shows_its_text(plain: Plain, library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(Article(title="Plain", text="Only plain text.\n\nTwo paragraphs.", markdown=""))
    assert lines(plain("show", "1").stdout)[-3:] == ["Only plain text.", "", "Two paragraphs."]
    assert plain("show", "1", "--raw").stdout == "# Plain\n\nOnly plain text.\n\nTwo paragraphs.\n"


def test_a_terminal_that_cannot_encode_the_symbols(seeded: Plain, library_path: Path) -> None:
    assert seeded("star", "1").exit_code == 0
    env = {**os.environ, "CLIPPER_LIBRARY": str(library_path), "PYTHONIOENCODING": "ascii"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "list"], env=env, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert b"? Russian and Chinese" in result.stdout


def test_a_link_label_is_never_shown_as_the_author(
    plain: Plain, server: Server, library_path: Path
) -> None:
    # Issue 15: a card showed the author "View all posts by …", a theme's link label.
    byline = '<a rel="author" href="/author/jane/">View all posts by Jane Doe</a>'
    page = (
        "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article>"
        f"<h1>Harbour reopens</h1>{byline}"
        + "<p>The harbour reopened on Monday after a week of repairs to the sea wall.</p>" * 4
        + "</article></body></html>"
    )
    clipped = plain("clip", server.route("/harbour", page), "--json")
    assert clipped.exit_code == 0, clipped.stderr
    [record] = [json.loads(line) for line in clipped.stdout.splitlines()]
    assert record["authors"] == ["Jane Doe"]
    # A clipping stored before this was filtered (or edited in the shell) shows none either.
    with sqlite3.connect(library_path) as db:
        db.execute(
            "UPDATE clippings SET authors = ? WHERE id = 1",
            ('["Alle Beiträge von Hans Weber anzeigen", "View all posts"]',),
        )
    for shown in (plain("show", "1"), plain("search", "harbour")):
        [byline] = [line for line in lines(shown.stdout) if " · " in line]
        assert "Hans Weber · " in byline, byline
        assert "Beiträge" not in byline and "View all" not in byline
