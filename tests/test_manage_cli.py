"""tag, note, star, rm, open, stats and config, end to end on a real library file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from clipper.article import Article
from clipper.cli import app
from clipper.library import Library
from clipper.page import Page
from tests.conftest import dump
from tests.test_render_cli import Plain, environment, run_in_terminal, terminal_env


def add(library_path: Path, n: int, **fields: object) -> None:
    values: dict[str, object] = {
        "title": f"Story {n}",
        "url": f"https://example.org/{n}",
        "site": "Example",
        "text": f"Story {n} is about zeppelins over the harbour.",
        "published": f"2024-01-0{n}",
    }
    values.update(fields)
    with Library.open(library_path) as library:
        library.add(Article(**values), Page(content=b"<p>raw</p>", source="test"))  # type: ignore[arg-type]


@pytest.fixture
def plain(library_path: Path) -> Plain:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, **env: str | None) -> Result:
        return runner.invoke(app, list(args), input=input, env=environment(library_path, **env))

    return invoke


@pytest.fixture
def three(plain: Plain, library_path: Path) -> Plain:
    for n in (1, 2, 3):
        add(library_path, n)
    return plain


def record(plain: Plain, clipping_id: int) -> dict[str, object]:
    result = plain("show", str(clipping_id), "--json")
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_tag_adds_and_removes(three: Plain) -> None:
    result = three("tag", "1", "+Politics", "draft", "+x")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "#1 tags: draft, politics, x\n"
    # -draft and -h are tags to remove, not options.
    result = three("tag", "1", "-draft", "-h", "+hello")
    assert result.stderr == "#1 tags: hello, politics, x\n"
    assert record(three, 1)["tags"] == ["hello", "politics", "x"]
    assert three("tag", "1").stderr == "#1 tags: hello, politics, x\n"
    as_json = three("tag", "1", "-x", "--json")
    assert json.loads(as_json.stdout)["tags"] == ["hello", "politics"]
    assert three("tag", "2").stderr == "#2 tags: (none)\n"


def test_tag_errors_change_nothing(three: Plain, library_path: Path) -> None:
    before = dump(library_path)
    empty = three("tag", "1", "+")
    assert empty.exit_code == 2 and "a tag needs a name" in empty.stderr
    missing = three("tag", "9", "+x")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no clipping with id 9; `clipper list` shows the ids\n"
    assert three("tag", "one", "+x").exit_code == 2
    typo = three("tag", "1", "+x", "--jsn")
    assert typo.exit_code == 2 and "no such option: --jsn" in typo.stderr
    assert dump(library_path) == before


def test_note_from_argument_stdin_and_clear(three: Plain) -> None:
    assert three("note", "2", "First thoughts.").stderr == "#2: note saved.\n"
    assert record(three, 2)["note"] == "First thoughts."
    assert three("note", "2", "First thoughts.").stderr == "#2: the note is unchanged.\n"
    assert three("note", "2", "-", input="From a pipe.\nTwo lines.\n").exit_code == 0
    assert record(three, 2)["note"] == "From a pipe.\nTwo lines."
    assert three("note", "2", "--clear").stderr == "#2: note removed.\n"
    assert record(three, 2)["note"] == ""
    assert three("note", "2", "x", "--clear").exit_code == 2


def test_note_in_the_editor(three: Plain, tmp_path: Path) -> None:
    editor = tmp_path / "fake editor"
    # Appends a line to the file it is given, as a person would in an editor.
    editor.write_text('#!/bin/sh\nprintf "Written in the editor.\\n" >> "$1"\n')
    editor.chmod(0o755)
    command = f"'{editor}'"
    assert three("note", "3", "Before.").exit_code == 0
    result = three("note", "3", EDITOR=command, VISUAL=None)
    assert result.exit_code == 0, result.stderr
    assert record(three, 3)["note"] == "Before.\nWritten in the editor."
    # VISUAL wins over EDITOR, and a failing editor changes nothing.
    failed = three("note", "3", EDITOR=command, VISUAL="false")
    assert failed.exit_code == 1
    assert failed.stderr == "error: the editor 'false' exited with status 1; nothing was changed\n"
    assert record(three, 3)["note"] == "Before.\nWritten in the editor."


def test_star_and_unstar(three: Plain) -> None:
    result = three("star", "1", "3")
    assert result.exit_code == 0
    assert result.stderr == "Starred #1 Story 1\nStarred #3 Story 3\n"
    starred = three("list", "--starred", "--json").stdout.splitlines()
    listed = [json.loads(line)["id"] for line in starred]
    assert listed == [3, 1]
    assert json.loads(three("unstar", "3", "--json").stdout)["starred"] is False
    assert [r["starred"] for r in map(json.loads, three("list", "--json").stdout.splitlines())] == [
        False,
        False,
        True,
    ]
    assert three("star", "1", "7").exit_code == 1
    assert record(three, 1)["starred"] is True


def fts_integrity(library_path: Path) -> None:
    with sqlite3.connect(library_path) as db:
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES('integrity-check')")
        counts = [
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clippings", "clippings_fts", "pages")
        ]
        assert counts[0] == counts[1] == counts[2]
        orphans = db.execute(
            "SELECT count(*) FROM tags WHERE clipping_id NOT IN (SELECT id FROM clippings)"
        ).fetchone()[0]
        assert orphans == 0


def test_rm_removes_everything_of_a_clipping(three: Plain, library_path: Path) -> None:
    assert three("tag", "2", "+gone").exit_code == 0
    result = three("rm", "2", "3", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Removed #2 Story 2\nRemoved #3 Story 3\n"
    fts_integrity(library_path)
    assert three("search", "zeppelins", "--json").stdout.count("\n") == 1
    assert three("show", "2").exit_code == 1
    as_json = three("rm", "1", "-y", "--json")
    assert json.loads(as_json.stdout)["title"] == "Story 1"
    fts_integrity(library_path)
    # Ids are not handed out again.
    add(library_path, 4)
    assert [json.loads(line)["id"] for line in three("list", "--json").stdout.splitlines()] == [4]


def test_rm_refuses_without_a_terminal_or_a_known_id(three: Plain, library_path: Path) -> None:
    before = dump(library_path)
    result = three("rm", "1")
    assert result.exit_code == 1
    assert "add --yes to remove without asking" in result.stderr
    missing = three("rm", "1", "8", "--yes")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no clipping with id 8; `clipper list` shows the ids\n"
    assert dump(library_path) == before


@pytest.mark.parametrize(("answer", "removed"), [(b"y\n", True), (b"\n", False)])
def test_rm_asks_on_a_terminal(
    three: Plain, library_path: Path, answer: bytes, removed: bool
) -> None:
    screen = run_in_terminal(["rm", "2"], terminal_env(library_path), answer=answer)
    assert "#2 Story 2" in screen
    assert "Remove this clipping? [y/N]:" in screen
    assert ("Removed #2 Story 2" in screen) is removed
    assert ("Nothing was removed." in screen) is not removed
    with Library.open(library_path) as library:
        assert library.count() == (2 if removed else 3)


def test_open_starts_the_browser(library_path: Path, tmp_path: Path) -> None:
    add(library_path, 1)
    add(library_path, 2, url="javascript:alert(1)")
    add(library_path, 3, url=None)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n')
    browser.chmod(0o755)
    env = {**os.environ, "CLIPPER_LIBRARY": str(library_path), "BROWSER": str(browser)}

    def clipper_open(clipping_id: int) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "clipper", "open", str(clipping_id)]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    result = clipper_open(1)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "Opened https://example.org/1\n"
    assert opened.read_text() == "https://example.org/1\n"
    refused = clipper_open(2)
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: clipping 2 has the URL 'javascript:alert(1)'; "
        "only http:// and https:// pages are opened\n"
    )
    no_url = clipper_open(3)
    assert no_url.returncode == 1
    assert "clipping 3 has no URL" in no_url.stderr
    assert opened.read_text() == "https://example.org/1\n"
    browser.write_text("#!/bin/sh\nexit 1\n")  # a browser that cannot start
    failed = clipper_open(1)
    assert failed.returncode == 1
    assert failed.stderr.count("https://example.org/1") == 1  # said once, to open by hand
    assert failed.stderr.startswith("error: no web browser could be started")


def test_stats(three: Plain, library_path: Path) -> None:
    three("star", "2")
    three("tag", "1", "+a", "+b")
    three("read", "3")
    three("highlight", "1", "zeppelins over the harbour")
    result = three("stats")
    assert result.exit_code == 0
    shown = result.stdout.splitlines()
    assert shown.pop(1) == "reading        2 unread, 1 read, 1 highlight"
    assert shown[:4] == [
        "clippings      3 (1 starred)",
        "sites          1",
        "tags           2",
        "words          24 (about 0 min of reading)",
    ]
    assert shown[4].startswith("library size   ") and "(3 saved pages, " in shown[4]
    assert shown[5:] == [
        "oldest story   2024-01-01",
        "newest story   2024-01-03",
        f"first clipped  {shown[7][15:25]}",
        f"last clipped   {shown[8][15:25]}",
        f"library        {library_path}",
    ]
    figures = json.loads(three("stats", "--json").stdout)
    assert figures["clippings"] == 3 and figures["words"] == 24
    assert (figures["read"], figures["highlights"]) == (1, 1)
    assert figures["library"] == str(library_path)


def test_stats_and_config_on_a_library_not_yet_created(plain: Plain, library_path: Path) -> None:
    result = plain("stats")
    assert result.exit_code == 0
    assert "clippings      0 (0 starred)" in result.stdout
    assert f"library        {library_path} (not created yet)" in result.stdout
    assert not library_path.exists()


def test_config_shows_paths_and_settings(plain: Plain, library_path: Path, tmp_path: Path) -> None:
    settings = tmp_path / "clipper.toml"
    settings.write_text('[fetch]\njobs = 3\nuser_agent = "Clipper/1 \\"quoted\\""\n')
    result = plain("config", CLIPPER_CONFIG=str(settings))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"library        {library_path}  ($CLIPPER_LIBRARY)",
        f"settings file  {settings}",
        "",
        "# library = (not set)",
        "",
        "[fetch]",
        "jobs = 3",
        "per_host = 2",
        "timeout = 60.0",
        "connect_timeout = 10.0",
        "read_timeout = 20.0",
        "max_size_mb = 20.0",
        "retries = 2",
        "max_retry_wait = 30.0",
        "max_redirects = 10",
        'user_agent = "Clipper/1 \\"quoted\\""',
        "images = false",
        "max_image_mb = 10.0",
        "max_images = 50",
        "max_images_mb = 50.0",
        "image_width = 1600",
        "",
        "[export]",
        "# folder = (not set)",
    ]
    other = tmp_path / "other.db"
    as_json = json.loads(
        plain("--library", str(other), "config", "--json", CLIPPER_CONFIG=str(settings)).stdout
    )
    assert as_json["library"] == str(other)
    assert as_json["library_source"] == "--library"
    assert as_json["settings_file_exists"] is True
    assert as_json["settings"]["fetch"]["jobs"] == 3
    missing = plain("config", CLIPPER_CONFIG=str(tmp_path / "none.toml"), CLIPPER_LIBRARY=None)
    assert f"settings file  {tmp_path / 'none.toml'}  (not created yet)" in missing.stdout
    assert "(default)" in missing.stdout.splitlines()[0]
    settings.write_text('library = "~/elsewhere.db"\n')
    chosen = plain("config", CLIPPER_CONFIG=str(settings), CLIPPER_LIBRARY=None)
    assert chosen.stdout.splitlines()[0].endswith("elsewhere.db  (the settings file)")
    assert 'library = "~/elsewhere.db"' in chosen.stdout
    settings.write_text("[fetch]\njobs = 'many'\n")
    broken = plain("config", CLIPPER_CONFIG=str(settings))
    assert broken.exit_code == 1 and "jobs must be a number" in broken.stderr


def test_ids_are_taken_as_cards_and_notes_write_them(three: Plain, library_path: Path) -> None:
    # `#12` is how a card, a note and the README write a clipping's id.
    shown = three("show", "#2", "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["title"] == "Story 2"
    assert three("star", "#1", "3").exit_code == 0
    starred = three("list", "--starred", "--json").stdout.splitlines()
    assert [json.loads(line)["id"] for line in starred] == [3, 1]
    before = dump(library_path)
    for args in (("show", "two"), ("star", "1", "#x"), ("tag", "-1", "+x"), ("diff", "#")):
        bad = three(*args)
        assert bad.exit_code == 2, args
        said = " ".join(bad.stderr.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())
        assert "is not a clipping id; give its number, as in 12 or #12" in said
    assert dump(library_path) == before
