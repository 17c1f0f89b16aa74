"""Real pages, as a user meets them: 630 saved pages clipped through the offline web.

Every page of ``../shared/bench/modern-2026`` (under its own URL, ``https``
turned into ``http``) and of ``../shared/bench/readability-testpages`` (under
``http://readability-testpages.example/<id>/``: they carry no URL) is served
by a forward proxy (``tests/offline_web.py``) and clipped with the real
command, ``clipper clip --from urls.txt``, in a subprocess pointed at the
proxy by ``HTTP_PROXY``. Then the library is searched and exported as a user
would, and the same batch is killed with ``kill -9`` halfway and resumed.

A page counts as stored when a raw page fetched from its URL is in the
library, or when the batch said its URL was already in the library as #N
and #N holds the same story (the corpora hold a few pages twice, under two
URLs whose canonical link is the same). The benchmark data is not part of
the repository: without it these tests fail, saying where they looked.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import typer.testing
import yaml

import clipper
from benchmarks.soak import Run, check_library, clipper_command, quiet_env, run_batch
from clipper.cli import app
from tests.offline_web import (
    OfflineWeb,
    SavedPage,
    answers_for,
    corpus_dir,
    corpus_pages,
    url_key,
)

CORPORA = ("modern-2026", "readability-testpages")
#: Consecutive words of a title searched as a phrase: enough to be specific,
#: few enough that a title's stray punctuation rarely falls inside.
PHRASE_WORDS = 4
_WORD = re.compile(r"\w+")
#: Clippings, raw pages and the highest id.
_COUNTS = (
    "SELECT (SELECT count(*) FROM clippings), (SELECT count(*) FROM pages), "
    "(SELECT max(id) FROM clippings)"
)


def _fold(text: str) -> str:
    """Case and punctuation folded: how two titles are compared."""
    return " ".join(_WORD.findall(text.casefold()))


def _load_pages() -> list[SavedPage]:
    pages = []
    for corpus in CORPORA:
        folder = corpus_dir(corpus)
        if not (folder / "ground-truth.json").is_file():
            pytest.fail(
                f"the benchmark corpus {corpus} is missing: no {folder}/ground-truth.json. "
                "These tests serve its pages; put ../shared/bench beside the checkout "
                "(see benchmarks/corpora.py)",
                pytrace=False,
            )
        pages += corpus_pages(corpus, folder)
    return pages


@dataclass(repr=False)
class Batch:
    """A library filled by a batch run of the URL list, and what the runs printed."""

    path: Path
    listing: Path
    first: Run
    second: Run
    #: ``_COUNTS`` after the first run.
    after_first: tuple[object, ...]
    #: What the second run asked the offline web for.
    second_requests: list[tuple[str, str]]

    def rows(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.path) as db:
            return db.execute(sql, args).fetchall()

    def sources(self) -> dict[str, int]:
        """The URL each raw page was fetched from, and its clipping's id."""
        return {str(s): int(str(c)) for s, c in self.rows("SELECT source, clipping_id FROM pages")}


@pytest.fixture(scope="module")
def pages() -> list[SavedPage]:
    return _load_pages()


@pytest.fixture(scope="module")
def web(pages: list[SavedPage]) -> Iterator[OfflineWeb]:
    with OfflineWeb(answers_for(pages)) as offline:
        yield offline


def _urls(pages: list[SavedPage]) -> list[str]:
    return list(dict.fromkeys(page.url for page in pages))


def _env(web: OfflineWeb, folder: Path) -> dict[str, str]:
    return web.env(quiet_env(folder))


@pytest.fixture(scope="module")
def library(
    tmp_path_factory: pytest.TempPathFactory, web: OfflineWeb, pages: list[SavedPage]
) -> Batch:
    """The whole list clipped once, then run again."""
    folder = tmp_path_factory.mktemp("realpages")
    listing = folder / "urls.txt"
    listing.write_text("\n".join(_urls(pages)) + "\n", encoding="utf-8")
    path = folder / "clippings.db"
    command = clipper_command(path, listing)
    first = run_batch(command, env=_env(web, folder))
    asked = len(web.requests)
    with sqlite3.connect(path) as db:
        after_first = db.execute(_COUNTS).fetchone()
    second = run_batch(command, env=_env(web, folder))
    return Batch(path, listing, first, second, after_first, web.requests[asked:])


def _outcome_lines(stderr: str, urls: set[str]) -> dict[str, str]:
    """Each URL's own progress line (``clipped  #12  URL  title``, ``failed  URL: why``)."""
    lines: dict[str, str] = {}
    for line in stderr.splitlines():
        for token in line.split():
            if token.rstrip(":") in urls:
                lines.setdefault(token.rstrip(":"), line.strip())
    return lines


def _missing(library: Batch, pages: list[SavedPage], run: Run) -> dict[str, str]:
    """Pages with text whose story is not in the library, each with what the batch said."""
    sources = library.sources()
    by_url: dict[str, list[SavedPage]] = {}
    for page in pages:
        by_url.setdefault(page.url, []).append(page)
    lines = _outcome_lines(run.stderr, set(by_url))
    missing = {}
    for page in pages:
        if not page.body.strip() or page.url in sources:
            continue
        said = lines.get(page.url, "(no line for it in the batch's output)")
        already = re.search(r"#(\d+)\b", said)
        if said.startswith("already") and already:
            clipping_id = int(already.group(1))
            stored = [u for u, c in sources.items() if c == clipping_id]
            twins = [p for url in stored for p in by_url.get(url, [])]
            title = library.rows("SELECT title FROM clippings WHERE id = ?", clipping_id)
            if _same_story(page, twins, str(title[0][0]) if title else None):
                continue
            said += " (a different story)"
        status, _, rest = said.partition(page.url)
        missing[f"{page.corpus}/{page.key}"] = f"{page.url} [{status.strip()}] {rest.lstrip(' :')}"
    return missing


def _same_story(page: SavedPage, twins: list[SavedPage], stored_title: str | None) -> bool:
    """Whether ``page`` is the story clipped from ``twins`` (pages with one canonical link).

    The same story: the corpus gives both the same title or text, or clipper
    finds the same title on both (issue 15's rule for pages whose canonical
    links collide: same canonical URL and same title is the same clipping).
    """
    for twin in twins:
        if page.body == twin.body or (_fold(page.title) == _fold(twin.title) != ""):
            return True
    if stored_title is None:
        return False
    title = clipper.extract(gzip.decompress(page.gzipped), url=page.url).title
    return _fold(title) == _fold(stored_title) != ""


# -- one batch, and a second run --------------------------------------------------------------


def test_the_batch_meets_no_internal_error(library: Batch) -> None:
    for run in (library.first, library.second):
        assert run.returncode in (0, 1), run.stderr[-2000:]
        bugs = [
            line
            for line in run.stderr.splitlines()
            if "please report it" in line or "Traceback" in line
        ]
        assert bugs == [], "\n".join(bugs)


def test_every_page_with_text_is_stored(library: Batch, pages: list[SavedPage]) -> None:
    missing = _missing(library, pages, library.first)
    listed = "\n".join(f"{key} {said}" for key, said in missing.items())
    if missing:
        pytest.fail(f"{len(missing)} pages with text not stored:\n{listed}", pytrace=False)


def test_a_second_run_stores_nothing_new_and_fetches_nothing_stored(library: Batch) -> None:
    assert library.rows(_COUNTS)[0] == library.after_first
    assert re.search(r"(?m)^0 clipped, ", library.second.stderr), library.second.stderr[-500:]
    stored = {url_key(url) for url in library.sources()}
    refetched = [url for _, url in library.second_requests if url_key(url) in stored]
    assert refetched == []


def test_search_finds_each_clipping_by_a_phrase_from_its_title(library: Batch) -> None:
    """The first few words of each title, searched as a phrase, find that clipping.

    Among the first 20 hits: a person searching for words of a title looks no
    further. A title without a word (empty, or only punctuation) cannot be
    searched for: its clipping is looked for by the first words of its text,
    among all hits, since such text may be as bare as "Test" (a readability
    test page) and rank below every title that holds the word. The real
    command tree is built once and run in this process: a new process, or
    Typer building it anew, for each of 600 searches would take half a minute.
    """
    command = typer.main.get_command(app)
    runner = typer.testing.CliRunner()
    not_found = []
    rows = library.rows("SELECT id, title, text FROM clippings ORDER BY id")
    assert len(rows) > 500
    with pytest.MonkeyPatch.context() as patch:
        # Typer's runner builds the command tree on every call; build it once.
        patch.setattr(typer.testing, "_get_command", lambda _app: command)
        for clipping_id, title, text in rows:
            words = _WORD.findall(str(title))
            limit = 20 if words else len(rows)
            phrase = '"' + " ".join((words or _WORD.findall(str(text)))[:PHRASE_WORDS]) + '"'
            arguments = ["--library", str(library.path), "search", phrase, "--json"]
            result = runner.invoke(app, [*arguments, "--limit", str(limit)])
            found = [json.loads(line)["id"] for line in result.stdout.splitlines()]
            if result.exit_code != 0 or clipping_id not in found:
                not_found.append(f"#{clipping_id} {phrase}: exit {result.exit_code}, {found[:5]}")
    assert not_found == [], f"{len(not_found)} not found:\n" + "\n".join(not_found)


def test_export_writes_one_valid_note_per_clipping(library: Batch, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--library", str(library.path), "export", "--to",
         str(notes)],
        env=quiet_env(tmp_path), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = {
        int(str(i)): (str(t), str(u))
        for i, t, u in library.rows("SELECT id, title, url FROM clippings")
    }
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    seen: dict[int, tuple[str, str]] = {}
    files = sorted(notes.iterdir())
    for note in files:
        text = note.read_text(encoding="utf-8")
        assert text.startswith("---\n"), note.name
        front = yaml.load(text[4 : text.index("\n---\n", 3)], Loader=loader)
        seen[front["clipper_id"]] = (front["title"], front["source"])
    assert len(files) == len(expected)
    assert seen == expected


# -- kill -9 halfway, then resume ---------------------------------------------------------------


def test_a_batch_killed_halfway_loses_nothing_it_reported_and_resumes(
    tmp_path: Path, web: OfflineWeb, pages: list[SavedPage], library: Batch
) -> None:
    """Killed once its output shows half the list clipped, then run again to the end.

    What the killed run reported (its ``--json`` records, each printed after
    its commit) must be in the library with its text and raw page, and the
    resumed run must leave the library as the uninterrupted run did.
    """
    listing = tmp_path / "urls.txt"
    urls = _urls(pages)
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    path = tmp_path / "clippings.db"
    command = clipper_command(path, listing)
    killed = run_batch(command, kill_at=(len(urls) // 2, 0.0), env=_env(web, tmp_path))
    assert killed.killed
    assert len(urls) // 2 <= len(killed.records) < len(urls)
    lost, damaged = check_library(path, killed.records)
    assert (lost, damaged) == ([], [])
    resumed = run_batch(command, env=_env(web, tmp_path))
    assert resumed.returncode in (0, 1), resumed.stderr[-2000:]
    lost, damaged = check_library(path, killed.records + resumed.records)
    assert (lost, damaged) == ([], [])
    finished = Batch(path, listing, killed, resumed, (), [])
    assert finished.rows(_COUNTS)[0][:2] == library.after_first[:2]
    assert finished.rows("SELECT count(DISTINCT url) FROM clippings") == library.rows(
        "SELECT count(DISTINCT url) FROM clippings"
    )
    # The same pages are missing as after one uninterrupted run (the strict
    # test above lists those): resuming lost none.
    assert (
        _missing(finished, pages, resumed).keys() == _missing(library, pages, library.first).keys()
    )
