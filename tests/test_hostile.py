"""A hostile page, end to end: served, clipped, searched, shown, exported; nothing it
carries ever reaches the terminal as a control sequence or as Rich markup, and its
``javascript:``/``data:`` links are never links.

(test_render_cli.py covers each renderer with hostile clippings made in Python;
this follows a real page through the whole pipeline.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from clipper.cli import app
from tests.conftest import Server

ESC = "\x1b"
PAYLOAD = (
    f"{ESC}[31mred{ESC}[0m {ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\ "
    f"{ESC}]0;pwned\x07 ding\x07 \u202eevil.exe \x9b2J [bold red]loud[/] [link=https://evil.example]x[/link]"
)
PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Harbour {PAYLOAD} reopens</title>
<meta name="author" content="Jane {PAYLOAD} Doe">
<meta property="og:site_name" content="Gazette {PAYLOAD}">
<meta name="description" content="Harbour news {PAYLOAD}">
</head><body><nav><a href="/">Home</a></nav><article>
<h1>Harbour {PAYLOAD} reopens</h1>
<p>The harbour reopened on Monday after the storm {PAYLOAD} had closed it for three days.</p>
<p>Read the <a href="javascript:alert(document.cookie)">official statement</a> and the
<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">timetable</a> before travelling.</p>
<p>Fishing boats returned to the quay by noon, and the ferry resumed in the afternoon.</p>
</article></body></html>"""

CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_inert(output: str) -> None:
    assert not CONTROLS.search(output), repr(output)
    assert "evil.example" not in output or "[link=https://evil.example]" in output
    assert "javascript:" not in output.lower()
    assert "data:text/html" not in output.lower()


@pytest.fixture
def cli(library_path: Path, tmp_path: Path) -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "forced-colour"])
def test_a_hostile_page_is_inert_everywhere(
    cli: CliRunner, server: Server, library_path: Path, colour: bool
) -> None:
    env = {
        "CLIPPER_LIBRARY": str(library_path),
        "COLUMNS": "200",
        "NO_COLOR": None if colour else "1",
        "FORCE_COLOR": "1" if colour else None,
        "CLIPPER_PAGER": "",
    }

    def run(*args: str) -> Result:
        result = cli.invoke(app, list(args), env=env)
        for stream in (result.stdout, result.stderr):
            # With colour, clipper's own SGR styling is expected; nothing else.
            assert_inert(re.sub(r"\x1b\[[0-9;]*m", "", stream) if colour else stream)
        return result

    url = server.route("/harbour", PAGE, content_type="text/html; charset=utf-8")
    clipped = run("clip", url)
    assert clipped.exit_code == 0, clipped.stderr
    assert "[bold red]loud[/]" in clipped.stdout  # shown as written, not as bold red text
    for args in (
        ["list"],
        ["search", "harbour"],
        ["search", "harbour", "--json"],
        ["show", "1"],
        ["show", "1", "--raw"],
        ["show", "1", "--json"],
        ["history", "1"],
        ["export", "--to", "-"],
        ["export", "--format", "jsonl", "--to", "-"],
        ["stats"],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    shown = run("show", "1", "--raw").stdout
    assert "official statement" in shown and "timetable" in shown  # the words stay
    missing = run("show", "99")
    assert missing.exit_code == 1
    refused = run("clip", f"http://[::1{ESC}]0;pwned\x07")
    assert refused.exit_code == 1
