"""Read state and highlights, end to end through the CLI on a real library file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from clipper.article import Article
from clipper.library import Library
from clipper.page import Page
from tests.conftest import Run, dump

STORY = (
    "Russian and Chinese bombers flew a joint patrol over the Sea of Japan on Tuesday.\n\n"
    "The ministry said the “mission” was the second since 2019."
)
MARKDOWN = (
    "Russian and Chinese **bombers flew** a joint patrol over the Sea of Japan on Tuesday.\n\n"
    "The ministry said the “mission” was the second since 2019."
)


def add(library_path: Path, n: int, **fields: object) -> int:
    values: dict[str, object] = {
        "title": f"Story {n}",
        "url": f"https://example.org/{n}",
        "text": STORY,
        "markdown": MARKDOWN,
    }
    values.update(fields)
    with Library.open(library_path) as library:
        page = Page(content=b"<p>raw</p>", source="test")
        return library.add(Article(**values), page).id  # type: ignore[arg-type]


def records(run: Run, *args: str) -> list[dict[str, object]]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def fts_is_intact(library_path: Path) -> None:
    with sqlite3.connect(library_path) as db:
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_unread_list_and_search_use_the_read_state(run: Run, library_path: Path) -> None:
    for n in (1, 2, 3):
        add(library_path, n)
    [one] = records(run, "show", "1")
    assert one["read"] is False and one["highlights"] == []
    assert run("show", "2").exit_code == 0  # showing never marks read
    marked = run("read", "1", "2")
    assert marked.exit_code == 0, marked.stderr
    assert marked.stderr.splitlines() == ["Marked read: #1 Story 1", "Marked read: #2 Story 2"]
    assert [c["id"] for c in records(run, "list", "--unread")] == [3]
    assert [c["id"] for c in records(run, "search", "is:read")] == [2, 1]
    assert [c["id"] for c in records(run, "search", "patrol", "is:unread")] == [3]
    [back] = records(run, "unread", "2")
    assert back["read"] is False
    assert sorted(c["id"] for c in records(run, "list", "--unread")) == [2, 3]
    card = run("show", "1")
    assert "#1 read" in card.stdout and "#3 read" not in run("show", "3").stdout
    # One unknown id and nothing changes.
    before = dump(library_path)
    missing = run("read", "3", "99")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no clipping with id 99; `clipper list` shows the ids\n"
    assert dump(library_path) == before


def test_a_highlight_is_marked_in_the_story_listed_exported_and_searchable(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    add(library_path, 1)
    add(library_path, 2, text="Nothing about it.", markdown="Nothing about it.", title="Other")
    added = run("highlight", "1", "Bombers  flew a JOINT patrol", "--note", "second since 2019")
    assert added.exit_code == 0, added.stderr
    assert added.stderr == "#1: highlighted (1 in all).\n"
    again = run("highlight", "1", "bombers flew a joint patrol")
    assert again.stderr == "#1: already highlighted (1 in all).\n"
    quoted = run("highlight", "1", 'the "mission" was the second', "--json")  # straight quotes
    [record] = [json.loads(quoted.stdout)]
    assert [h["quote"] for h in record["highlights"]] == [  # type: ignore[union-attr]
        "Bombers  flew a JOINT patrol",
        'the "mission" was the second',
    ]
    assert record["highlights"][0]["note"] == "second since 2019"  # type: ignore[index]
    assert run("highlight", "1", "bombers flew a joint patrol", "--note", "new").stderr == (
        "#1: note changed on the highlight (2 in all).\n"
    )
    listed = run("highlight", "1")
    assert listed.stdout.splitlines() == [
        "1. Bombers flew a JOINT patrol — new",
        '2. the "mission" was the second',
    ]
    # A passage the story does not hold is refused, and nothing changes.
    before = dump(library_path)
    refused = run("highlight", "1", "drones over the Baltic")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: clipping 1's story does not hold 'drones over the Baltic'; copy the passage "
        "as it reads (`clipper show 1 --raw`)\n"
    )
    assert dump(library_path) == before

    shown = run("show", "1", env={"CLIPPER_PAGER": ""})
    assert "Russian and Chinese ==bombers flew a joint patrol== over the Sea" in shown.stdout
    assert "The ministry said ==the “mission” was the second== since 2019." in shown.stdout
    assert "Highlights (2)" in shown.stdout and "Note: new" in shown.stdout
    assert "(no longer in the story)" not in shown.stdout

    raw = run("show", "1", "--raw").stdout
    assert raw.endswith(
        "\n## Highlights\n\n> Bombers  flew a JOINT patrol\n\nnew\n\n"
        '> the "mission" was the second\n'
    )
    notes = tmp_path / "notes"
    assert run("export", "--to", str(notes)).exit_code == 0
    [note] = [p for p in notes.iterdir() if "story-1" in p.name]
    assert note.read_text(encoding="utf-8").endswith(
        "since 2019.\n\n## Highlights\n\n> Bombers  flew a JOINT patrol\n\nnew\n\n"
        '> the "mission" was the second\n'
    )
    # Search finds a highlight by its note.
    assert [c["id"] for c in records(run, "search", "new")] == [1]
    fts_is_intact(library_path)


def test_a_highlight_the_story_lost_is_kept_and_said_so(run: Run, library_path: Path) -> None:
    add(library_path, 1)
    assert run("highlight", "1", "over the Sea of Japan").exit_code == 0
    with Library.open(library_path) as library:
        library.update(1, Article(title="Story 1", url="https://example.org/1", text="Rewritten."))
    shown = run("show", "1", env={"CLIPPER_PAGER": ""})
    assert "> over the Sea of Japan  (no longer in the story)" in shown.stdout
    assert "==" not in shown.stdout
    [record] = records(run, "show", "1")
    assert record["highlights"][0]["quote"] == "over the Sea of Japan"  # type: ignore[index]
    assert [c["id"] for c in records(run, "search", "japan")] == [1]  # still found by it
    # Removing the clipping removes its highlights and their index entries.
    assert run("rm", "1", "--yes").exit_code == 0
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT count(*) FROM highlights").fetchone()[0] == 0
    fts_is_intact(library_path)


def test_jsonl_carries_read_state_and_highlights_byte_for_byte(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    add(library_path, 1)
    add(
        library_path,
        2,
        title="日本語の記事",
        text="東京で桜が開花した。",
        markdown="東京で桜が開花した。",
    )
    run("highlight", "1", "a joint patrol", "--note", "見出し")
    run("highlight", "2", "桜が開花")
    run("read", "2")
    first = tmp_path / "first.jsonl"
    assert run("export", "-f", "jsonl", "--to", str(first), "--with-html").exit_code == 0
    copy = tmp_path / "copy.db"
    assert run("import", str(first), env={"CLIPPER_LIBRARY": str(copy)}).exit_code == 0
    second = tmp_path / "second.jsonl"
    exported = run("export", "-f", "jsonl", "--to", str(second), "--with-html",
                   env={"CLIPPER_LIBRARY": str(copy)})  # fmt: skip
    assert exported.exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    # The copy's index holds the highlights: Chinese and Japanese in them are found too.
    found = run("search", "開花", "--json", env={"CLIPPER_LIBRARY": str(copy)})
    assert [json.loads(line)["id"] for line in found.stdout.splitlines()] == [2]
    noted = run("search", "見出し", "--json", env={"CLIPPER_LIBRARY": str(copy)})
    assert [json.loads(line)["id"] for line in noted.stdout.splitlines()] == [1]
    fts_is_intact(copy)
    # Importing it again over the copy changes nothing.
    before = dump(copy)
    again = run("import", str(first), env={"CLIPPER_LIBRARY": str(copy)})
    assert "0 clippings added, 2 merged" in again.stderr
    assert dump(copy) == before


def test_bad_highlights_in_jsonl_are_reported_by_line(run: Run, tmp_path: Path) -> None:
    lines = [
        {"url": "https://example.org/a", "title": "A", "text": "x", "highlights": "oops"},
        {"url": "https://example.org/b", "title": "B", "text": "x", "highlights": [{"note": "n"}]},
        {"url": "https://example.org/c", "title": "C", "text": "x", "read": "yes"},
        {"url": "https://example.org/d", "title": "D", "text": "x", "read": True,
         "highlights": [{"quote": "x", "created_at": "2024-01-02T03:04:05+00:00"}]},
    ]  # fmt: skip
    path = tmp_path / "h.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert [line.split(": ", 2)[-1] for line in result.stderr.splitlines()[:-1]] == [
        "'highlights' must be a list, not str",
        "highlights[0].quote is missing",
        "'read' must be true or false, not str",
    ]
    [stored] = records(run, "list")
    assert stored["read"] is True
    assert stored["highlights"] == [
        {"quote": "x", "note": "", "created_at": "2024-01-02T03:04:05+00:00"}
    ]


def test_the_index_follows_highlights_written_by_any_tool(run: Run, library_path: Path) -> None:
    # The triggers keep the index right whoever writes the rows: clipper, or the sqlite3
    # shell inserting, changing, moving and deleting highlights, beside tag changes.
    add(library_path, 1)
    add(library_path, 2, title="Other", text="Nothing about it.", markdown="Nothing about it.")
    run("highlight", "1", "the Sea of Japan", "--note", "kelp")
    run("tag", "1", "+maps", "+seas")
    with sqlite3.connect(library_path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(
            "INSERT INTO highlights (clipping_id, quote, note) VALUES (2, 'Nothing', 'walrus')"
        )
        db.execute("UPDATE highlights SET note = 'narwhal' WHERE note = 'walrus'")
        db.execute("UPDATE highlights SET clipping_id = 2 WHERE note = 'kelp'")
        db.execute("DELETE FROM tags WHERE tag = 'seas'")
    fts_is_intact(library_path)
    assert [c["id"] for c in records(run, "search", "narwhal")] == [2]
    assert records(run, "search", "walrus") == []
    assert [c["id"] for c in records(run, "search", "kelp")] == [2]  # moved with its row
    assert [c["id"] for c in records(run, "search", "maps")] == [1]
    with sqlite3.connect(library_path) as db:
        db.execute("DELETE FROM highlights")
    fts_is_intact(library_path)
    assert records(run, "search", "kelp") == [] and records(run, "search", "narwhal") == []
