"""``clipper search`` end to end: the real app over a real library file."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.article import Article
from clipper.cli import app
from clipper.clipping import RECORD_KEYS, Hit
from clipper.library import Library
from clipper.render import snippet_text
from tests.conftest import Run, Server, dump
from tests.test_search import STORIES, TAGS


@pytest.fixture
def run(run: Run, library_path: Path) -> Run:
    with Library.open(library_path) as library:
        for story, tags in zip(STORIES, TAGS, strict=True):
            library.add(story, tags=tags)
    return run


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_hits_show_title_byline_and_snippet(run: Run) -> None:
    result = run("search", "joint", "patrol")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "1  Russian and Chinese bombers fly joint patrol over Pacific"
    assert lines[1] == "Devdiscourse · PTI · 2020-12-22 · 1 min read · #defence #russia"
    assert lines[2].startswith("Russian and Chinese bombers flew a joint patrol over the Sea")
    assert result.stderr == ""


def test_an_undated_hit_shows_the_day_it_was_clipped(run: Run) -> None:
    result = run("search", "lang:de")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "7  Bomber über dem Pazifik"
    assert re.fullmatch(r"Der Spiegel · 1 min read · #defence · clipped 20\d\d-\d\d-\d\d", lines[1])


def test_page_text_is_never_markup_or_escape_codes(run: Run) -> None:
    result = run("search", "rot")
    assert result.exit_code == 0, result.stderr
    assert "[red]Nicht rot[/] farbig." in result.stdout
    assert "\x1b" not in result.stdout


def test_snippet_highlights_exactly_the_matches() -> None:
    text = snippet_text(f"a {Hit.MARK_START}bombers{Hit.MARK_END} over [b]x[/b]\x1b[31m")
    assert text.plain == "a bombers over [b]x[/b]"
    assert [(text.plain[s.start : s.end], str(s.style)) for s in text.spans] == [
        ("bombers", "bold yellow")
    ]


def test_json_lines_are_records_with_snippet_and_score(run: Run) -> None:
    result = run("search", "bombers", "--json")
    assert result.exit_code == 0, result.stderr
    hits = records(result.stdout)
    assert [h["id"] for h in hits] == [1, 2]
    assert list(hits[0]) == [*RECORD_KEYS, "snippet", "score"]
    assert hits[0]["snippet"] == (
        "Russian and Chinese bombers flew a joint patrol over the Sea of Japan. The bombers "
        "were escorted by fighters. Officials gave no further details on the matter. "
        "Officials gave no further details on the…"
    )
    assert isinstance(hits[0]["score"], float) and hits[0]["score"] > hits[1]["score"] > 0


def test_sort_limit_and_offset(run: Run) -> None:
    def ids(*args: str) -> list[object]:
        result = run("search", "--json", *args)
        assert result.exit_code == 0, result.stderr
        return [h["id"] for h in records(result.stdout)]

    assert ids("pacific OR pekin OR drone", "--sort", "date") == [6, 2, 3, 1, 5]
    assert ids("pacific OR pekin OR drone", "--sort", "date", "-n", "2", "--offset", "2") == [3, 1]
    assert ids("tag:defence") == [7, 2, 1]
    assert ids("--", "-bombers", "-drone") == [7, 3, 4]


def test_a_full_page_says_how_to_get_the_next(run: Run) -> None:
    result = run("search", "tag:defence", "--limit", "2")
    assert result.exit_code == 0
    assert result.stderr == "Hits 1–2; the next ones: --offset 2\n"
    last = run("search", "tag:defence", "--limit", "2", "--offset", "2")
    assert last.stderr == ""
    beyond = run("search", "tag:defence", "--offset", "5")
    assert (beyond.exit_code, beyond.stdout) == (0, "")
    assert beyond.stderr == "No more clippings match 'tag:defence' after the first 5.\n"


def test_no_match_says_so_and_suggests(run: Run) -> None:
    result = run("search", "bomberz", "pacifc")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        "No clippings match 'bomberz pacifc'.",
        "Try: 'bombers pacific' (2)",
    ]
    loose = run("search", "bombers tag:china", "--json")
    assert (loose.exit_code, loose.stdout) == (0, "")
    assert loose.stderr.splitlines()[1] == "Try: 'tag:china' (1), 'bombers' (2)"


def test_a_misspelt_filter_name_is_pointed_out(run: Run) -> None:
    result = run("search", "tilte:bombers")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "tilte: is searched as text; the filters are title:, author:, site:, tag:, lang:, "
        "after:, before:, is:, id:, feed:"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unbalanced', 'the " at character 1 opens a phrase that is never closed'),
        ("NEAR(", "the ( at character 5 is never closed"),
        ("AND OR", "AND at character 1 needs a term before it"),
        ("*", "the * at character 1 must come right after a word"),
        ("site:", "site: at character 1 needs a value, as in site:reuters.com"),
        ("after:2020-13", "after:2020-13 is not a date"),
        ("x " * 1500, "the limit is 2,000"),
        ("\x00\x1b", "it is empty"),
    ],
)
def test_a_bad_query_is_one_line_exit_1(
    run: Run, library_path: Path, query: str, message: str
) -> None:
    before = dump(library_path)
    result = run("search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: cannot understand the search query: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(library_path) == before


def test_a_lone_dash_needs_the_double_dash(run: Run) -> None:
    result = run("search", "--", "-")
    assert result.exit_code == 1
    assert "the - at character 1 excludes nothing" in result.stderr


def help_at(width: int) -> list[str]:
    result = CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    return [line.rstrip() for line in result.stdout.splitlines()]


EXAMPLES = [
    "Example: clipper search bombers pacific",
    "Example: clipper search '\"joint patrol\" -drill site:reuters.com after:2020'",
    "Example: clipper search 'russia ukraine OR belarus' --sort date",
    "Example: clipper search tag:russia lang:de --limit 50 --offset 50",
    "Example: clipper search -paywall after:2024-06",
]
ROWS = [
    '"joint patrol"     the words together, in this order',
    "site:reuters.com   from reuters.com, www.reuters.com, uk.reuters.com...",
    "after:2020-12      dated on or after 1 December 2020",
    "before:2021        dated before 1 January 2021",
    "is:starred         starred clippings",
    "is:unread          not marked read (is:read: marked read)",
]


@pytest.mark.parametrize("width", [80, 120])
def test_help_documents_the_language_with_examples(width: int) -> None:
    lines = [line.strip() for line in help_at(width)]
    for line in EXAMPLES + ROWS:
        assert line in lines


def test_help_prose_is_rewrapped_to_the_terminal() -> None:
    wide = [line.strip() for line in help_at(200)]
    assert (
        "Every word must match, in the title, author, site, host, description, tags, note, "
        "highlights or text (a title counts most, then tags and note); case and accents "
        "do not matter (pekin finds Pékin)."
    ) in wide
    narrow = help_at(60)
    assert max(len(line) for line in narrow) <= 60
    flowing = re.sub(r"\s+", " ", " ".join(narrow))
    assert "Dates are YYYY, YYYY-MM or YYYY-MM-DD and stand for the start of that" in flowing


def test_a_word_starting_with_a_dash_is_an_exclusion_not_an_option(run: Run) -> None:
    # Issue 15: `clipper search -paywall` failed with "No such option: -a".
    def ids(*args: str) -> list[int]:
        result = run(*args)
        assert result.exit_code == 0, result.output
        return sorted(int(str(r["id"])) for r in records(result.stdout))

    everything = {1, 2, 3, 4, 5, 6, 7}
    # A query of exclusions alone lists every clipping without them.
    assert ids("search", "-bombers", "--json") == sorted(everything - {1, 2})
    assert ids("search", "-bombers", "-drone", "--json") == [3, 4, 7]
    # Words that start like clipper's short options (-n, -h) are words too...
    assert ids("search", "-nothing", "-harbour", "--json") == [1, 2, 3, 4, 7]
    # ...while the options themselves, and their values, still work anywhere.
    assert len(ids("search", "-bombers", "-n", "2", "--json")) == 2
    assert len(ids("search", "-n3", "-bombers", "--json")) == 3
    assert ids("search", "--json", "-bombers", "--sort=date", "-drone") == [3, 4, 7]
    assert ids("search", "--json", "--", "-bombers") == sorted(everything - {1, 2})
    assert ids("export", "-bombers", "pacific", "-f", "jsonl", "--to", "-") == []
    assert ids("export", "-drone", "-f", "jsonl", "--to", "-") == [1, 2, 3, 4, 7]
    # A word starting with -- is still an unknown option.
    unknown = run("search", "--paywall")
    assert unknown.exit_code == 2
    assert "No such option: --paywall" in unknown.stderr


def test_search_finds_what_a_person_remembers_of_a_clipping(
    run: Run, server: Server, library_path: Path
) -> None:
    # Issue 15: a note, a tag, a site's name or its host found nothing.
    blog = (
        "<!DOCTYPE html><html><head><title>Why I keep a paper notebook</title>"
        '<meta property="og:site_name" content="Okonkwo Writes">'
        '<link rel="canonical" href="https://www.adaokonkwo.example/2024/notebook"></head>'
        "<body><article><h1>Why I keep a paper notebook</h1>"
        + "<p>Every app I tried asked for an update; the notebook never did, "
        "and its margins hold what I think while I read.</p>" * 4 + "</article></body></html>"
    )
    clipped = run("clip", server.route("/notebook", blog), "--json")
    assert clipped.exit_code == 0, clipped.stderr
    [new] = records(clipped.stdout)
    found = new["id"]

    def hits(query: str) -> list[object]:
        result = run("search", query, "--json")
        assert result.exit_code == 0, result.stderr
        return [r["id"] for r in records(result.stdout)]

    assert run("note", str(found), "zebrafinch comparison, 与地铁笔记比较").exit_code == 0
    assert hits("zebrafinch") == [found]  # the user's note
    assert found in hits("地铁")  # in Chinese too, split as the text is
    assert hits("okonkwo") == [found]  # the site's name
    assert hits("adaokonkwo") == [found]  # the URL's host
    assert run("tag", str(found), "+birdwatching", "+手帳").exit_code == 0
    assert hits("birdwatching") == [found]  # a tag
    assert hits("手帳") == [found]
    # What changes later is indexed again: the old note and tag find nothing now.
    assert run("note", str(found), "marginalia").exit_code == 0
    assert run("tag", str(found), "-birdwatching").exit_code == 0
    assert hits("zebrafinch") == [] and hits("birdwatching") == []
    assert hits("marginalia") == [found]
    # A word in a title still counts for more than the same word in a tag or note.
    with Library.open(library_path) as library:
        titled = library.add(
            Article(title="Marginalia of a birdwatcher", url="https://e.org/m", text="Birds.")
        )
    assert hits("marginalia") == [titled.id, found]
    with sqlite3.connect(library_path) as db:
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")
