"""The CLI contract, end to end: real app, real HTTP server, real library file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clipper import __version__
from clipper.clipping import RECORD_KEYS
from tests.conftest import Run, Server, dump, page_bytes
from tests.test_seed_page import PARAGRAPHS, URL

TITLE = "Russian and Chinese bombers fly joint patrol over Pacific"
SEED = str(Path(__file__).parent / "pages" / "seed_like.html")


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def seeded(run: Run) -> Run:
    """A library holding the seed-like page as clipping #1."""
    result = run("clip", SEED, "--url", URL, "--tag", "Russia", "--json")
    assert result.exit_code == 0, result.stderr
    return run


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"clipper {__version__}\n"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == f"clipper {__version__}\n"


def test_clip_file_prints_the_stored_record(run: Run) -> None:
    result = run("clip", SEED, "--url", URL, "--tag", "Russia", "-t", "defence", "--json")
    assert result.exit_code == 0, result.stderr
    [record] = records(result.stdout)
    assert list(record) == list(RECORD_KEYS)
    assert record["id"] == 1
    assert record["url"] == URL
    assert record["title"] == TITLE
    assert record["author"] == "PTI"
    assert record["published"] == "2020-12-22T20:41:00+05:30"
    assert record["site"] == "Devdiscourse"
    assert record["language"] == "en"
    assert record["text"] == "\n\n".join(PARAGRAPHS)
    assert record["word_count"] == 255  # `wc -w` of the paragraphs
    assert record["tags"] == ["defence", "russia"]
    assert isinstance(record["clipped_at"], str) and record["clipped_at"].startswith("20")


def test_clip_url_through_a_local_server(run: Run, server: Server) -> None:
    page_url = server.route("/world/story-123", page_bytes("seed_like.html"))
    result = run("clip", page_url)
    assert result.exit_code == 0, result.stderr
    assert TITLE in result.stdout
    assert "Devdiscourse · PTI · 2020-12-22" in result.stdout
    listed = records(run("list", "--json").stdout)
    # The page declares its canonical URL, so the clipping is filed under it.
    assert [r["url"] for r in listed] == [URL]


def test_clip_stdin(run: Run) -> None:
    result = run("clip", "-", "--url", URL, "--json", input=page_bytes("seed_like.html"))
    assert result.exit_code == 0, result.stderr
    assert records(result.stdout)[0]["title"] == TITLE


def test_clipping_the_same_story_twice_keeps_one(seeded: Run, server: Server) -> None:
    again = seeded("clip", server.route("/copy", page_bytes("seed_like.html")), "-t", "pacific")
    assert again.exit_code == 0, again.stderr
    assert "Already in the library as #1." in again.stderr
    listed = records(seeded("list", "--json").stdout)
    assert len(listed) == 1
    assert listed[0]["tags"] == ["pacific", "russia"]


def test_extract_stores_nothing(run: Run, library_path: Path) -> None:
    as_json = run("extract", SEED, "--url", URL, "--json")
    assert as_json.exit_code == 0, as_json.stderr
    record = json.loads(as_json.stdout)
    assert record["title"] == TITLE
    assert record["author"] == "PTI"
    assert record["published"] == "2020-12-22T20:41:00+05:30"
    assert run("extract", SEED, "--markdown").stdout == "\n\n".join(PARAGRAPHS) + "\n"
    assert run("extract", SEED, "--text").stdout == "\n\n".join(PARAGRAPHS) + "\n"
    assert TITLE in run("extract", SEED).stdout
    assert not library_path.exists()


def test_extract_refuses_two_formats(run: Run) -> None:
    result = run("extract", SEED, "--json", "--text")
    assert result.exit_code == 2


def test_search_ranks_and_snippets(seeded: Run) -> None:
    result = seeded("search", "bombers pacific", "--json")
    assert result.exit_code == 0, result.stderr
    [hit] = records(result.stdout)
    assert hit["id"] == 1
    assert "bombers" in str(hit["snippet"])
    assert isinstance(hit["score"], float)
    shown = seeded("search", "bombers pacific")
    assert TITLE in shown.stdout
    nothing = seeded("search", "zeppelin")
    assert nothing.exit_code == 0
    assert "No clippings match 'zeppelin'." in nothing.stderr


def test_search_in_an_empty_library_says_how_to_fill_it(run: Run, library_path: Path) -> None:
    for args in (("search", "zeppelin"), ("search", "zeppelin", "--json"), ("list",)):
        empty = run(*args)
        assert (empty.exit_code, empty.stdout) == (0, "")
        assert empty.stderr == "No clippings yet. Add one with: clipper clip URL\n"
    assert not library_path.exists()  # reading commands never create it
    bad = run("search", "title:")
    assert bad.exit_code == 1 and "needs a value" in bad.stderr  # the query is still checked


def test_list_and_show(seeded: Run) -> None:
    listed = seeded("list")
    assert listed.exit_code == 0
    assert "Devdiscourse" in listed.stdout and "russia" in listed.stdout
    shown = seeded("show", "1")
    assert shown.exit_code == 0
    assert TITLE in shown.stdout
    assert "Sea of Japan" in shown.stdout
    assert json.loads(seeded("show", "1", "--json").stdout)["id"] == 1


def test_export_markdown_notes(seeded: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    result = seeded("export", "--to", str(notes))
    assert result.exit_code == 0, result.stderr
    [note] = list(notes.iterdir())
    assert note.name == "2020-12-22-russian-and-chinese-bombers-fly-joint-patrol-over-pacific.md"
    text = note.read_text(encoding="utf-8")
    _, matter, body = text.split("---\n", 2)
    meta = yaml.safe_load(matter)
    assert meta["title"] == TITLE
    assert meta["source"] == URL
    assert meta["published"] == "2020-12-22T20:41:00+05:30"
    assert meta["author"] == ["PTI"]
    assert meta["tags"] == ["russia"]
    assert meta["clipper_id"] == 1
    assert body == f"\n# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    # Exporting again updates the note in place.
    assert seeded("export", "--to", str(notes)).exit_code == 0
    assert len(list(notes.iterdir())) == 1


def test_export_jsonl(seeded: Run, tmp_path: Path) -> None:
    to_stdout = seeded("export", "--format", "jsonl", "--to", "-")
    assert to_stdout.exit_code == 0
    [record] = records(to_stdout.stdout)
    assert record["title"] == TITLE
    target = tmp_path / "all.jsonl"
    assert seeded("export", "bombers", "--format", "jsonl", "--to", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == to_stdout.stdout


def test_reading_commands_do_not_create_a_library(run: Run, library_path: Path) -> None:
    assert run("list").exit_code == 0
    assert run("search", "anything").exit_code == 0
    assert not library_path.exists()


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda s: ["clip", "/no/such/page.html"], "no such file: /no/such/page.html"),
        (lambda s: ["clip", s.url("/missing")], "answered HTTP 404 Not Found"),
        (lambda s: ["clip", s.route("/a.pdf", b"%PDF-1.7\n", content_type="application/pdf")],
         "is not an HTML page (application/pdf)"),
        (lambda s: ["clip", s.route("/data", b'{"a": 1}', content_type="application/json")],
         "is not an HTML page (application/json)"),
        (lambda s: ["clip", "-"], "nothing arrived on standard input"),
        (lambda s: ["show", "42"], "no clipping with id 42"),
        (lambda s: ["clip", "ftp://example.org/x"], "only http:// and https:// URLs"),
        (lambda s: ["clip", "http://[::1"], "its IPv6 address is not closed with ]"),
        (lambda s: ["clip", "http://example.org:99999/"], "its port is not a number"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    seeded: Run,
    server: Server,
    library_path: Path,
    make_args,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    before = dump(library_path)
    result = seeded(*make_args(server), input=b"")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(library_path) == before


def test_one_bad_source_does_not_stop_the_others(run: Run, server: Server) -> None:
    good = server.route("/good", page_bytes("seed_like.html"))
    result = run("clip", server.url("/missing"), good, "--json")
    assert result.exit_code == 1
    assert [r["title"] for r in records(result.stdout)] == [TITLE]
    assert "404" in result.stderr


def test_library_option_beats_the_environment(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert run("--library", str(other), "clip", SEED).exit_code == 0
    assert other.exists()
    assert records(run("--library", str(other), "list", "--json").stdout)[0]["title"] == TITLE
    assert records(run("list", "--json").stdout) == []


def test_help_into_a_reader_that_stops_early_is_not_an_error() -> None:
    # `clipper --help | head -1`: the reader closes the pipe before the help ends.
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    assert process.wait(timeout=30) == 0
    assert process.stderr.read() == b""


def test_a_batch_into_a_reader_that_stops_early_stops_quietly(
    server: Server, library_path: Path, tmp_path: Path
) -> None:
    # `clipper clip --from links.txt --json | head -1`: the records are printed from
    # inside the batch's event loop; the reader going away ends the batch, exit 0,
    # with its summary and no traceback.
    story = "<p>" + "Ferries run again to the islands after the storm closed the quay. " * 8
    links = tmp_path / "links.txt"
    page = "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
    urls = [server.route(f"/s{n}", page.format(n=n) + story + "</p></article>") for n in range(40)]
    links.write_text("\n".join(urls))
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "clip", "--from", str(links), "--json", "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CLIPPER_LIBRARY": str(library_path)},
    )
    assert process.stdout is not None and process.stderr is not None
    assert json.loads(process.stdout.readline())["title"].startswith("Story ")
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    said = process.stderr.read().decode()
    assert "Traceback" not in said and "Task exception" not in said
    assert " of 40)" in said.splitlines()[-1]  # the summary: stopped after some of 40


@pytest.mark.parametrize("output_format", ["markdown", "jsonl"])
def test_export_into_a_reader_that_stops_early_is_not_an_error(
    run: Run, library_path: Path, tmp_path: Path, output_format: str
) -> None:
    # `clipper export --to - | head`: export writes its stream itself, one clipping at a
    # time, and goes on writing after the reader has gone.
    story = "A story about the harbour, the ferries and the storm that closed the quay. " * 20
    lines = [
        json.dumps({"id": n, "url": f"https://example.org/{n}", "title": f"Story {n}",
                    "text": story, "markdown": story, "clipped_at": "2024-05-01T08:00:00+00:00"})
        for n in range(1, 401)
    ]  # fmt: skip
    exported = tmp_path / "many.jsonl"
    exported.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("import", str(exported)).exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "export", "-f", output_format, "--to", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CLIPPER_LIBRARY": str(library_path)},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(3) in (b"---", b'{"i')
    process.stdout.close()
    assert process.wait(timeout=30) == 0
    assert process.stderr.read() == b""


def test_a_library_that_is_a_folder_is_one_line_naming_a_file_in_it(
    run: Run, tmp_path: Path
) -> None:
    for args in (("list",), ("clip", SEED)):
        result = run("--library", str(tmp_path), *args)
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"error: {tmp_path} is a folder; the library is a file in it, "
            f"e.g. --library {tmp_path / 'clippings.db'}\n"
        )
    assert not any(tmp_path.iterdir())  # nothing was written in it
