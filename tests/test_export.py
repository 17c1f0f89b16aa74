"""Markdown and JSONL export against a real library file and a real folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from clipper.article import Article
from clipper.export import export_markdown, note_filename
from clipper.library import Library
from clipper.page import Page
from tests.conftest import Run, dump


def story(n: int, title: str | None = None, **fields: object) -> Article:
    values: dict[str, object] = {
        "title": title or f"Story number {n}",
        "url": f"https://example.org/{n}",
        "published": "2024-03-0" + str(1 + n % 9),
        "text": f"First paragraph of story {n}.\n\nSecond paragraph.",
        "markdown": f"First paragraph of story {n}.\n\n## Later\n\nSecond paragraph.",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def meta(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    loaded = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    assert isinstance(loaded, dict)
    return loaded


def notes_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def library(library_path: Path) -> Library:
    return Library.open(library_path)


def test_reexport_updates_in_place_and_renames_when_the_title_changed(
    library: Library, tmp_path: Path, run: Run
) -> None:
    first = library.add(story(1), tags=["a"])
    library.add(story(2))
    folder = tmp_path / "vault"
    assert run("export", "--to", str(folder)).exit_code == 0
    before = notes_in(folder)
    assert before == ["2024-03-02-story-number-1.md", "2024-03-03-story-number-2.md"]
    mtime = (folder / before[0]).stat().st_mtime_ns

    again = run("export", "--to", str(folder))
    assert again.exit_code == 0
    assert "0 written, 2 unchanged" in again.stderr
    assert notes_in(folder) == before
    assert (folder / before[0]).stat().st_mtime_ns == mtime  # untouched when unchanged

    library.update(first.id, story(1, title="Story number 1, corrected"))
    library.add_tags(first.id, ["b"])
    renamed = run("export", "--to", str(folder))
    assert renamed.exit_code == 0, renamed.stderr
    assert "1 renamed" in renamed.stderr
    assert notes_in(folder) == [
        "2024-03-02-story-number-1-corrected.md",
        "2024-03-03-story-number-2.md",
    ]
    updated = meta(folder / "2024-03-02-story-number-1-corrected.md")
    assert updated["title"] == "Story number 1, corrected"
    assert updated["tags"] == ["a", "b"]
    assert updated["clipper_id"] == first.id


def test_collisions_are_resolved_by_id_and_foreign_files_are_never_touched(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    mine = folder / "2024-03-02-same-title.md"
    mine.write_text("my own note, not clipper's\n", encoding="utf-8")
    target = tmp_path / "outside.md"
    target.write_text("outside\n", encoding="utf-8")
    (folder / "2024-03-02-same-title--1.md").symlink_to(target)
    a = library.add(story(1, title="Same title"))
    b = library.add(story(10, title="Same  TITLE!"))  # same date and slug
    assert note_filename(library.get(a.id)) == note_filename(library.get(b.id))

    result = export_markdown(library.clippings(), folder)
    assert result.written == 2
    assert mine.read_text(encoding="utf-8") == "my own note, not clipper's\n"
    assert target.read_text(encoding="utf-8") == "outside\n"
    names = notes_in(folder)
    assert names == [
        "2024-03-02-same-title--1-2.md",  # both plain and --1 were taken by files not ours
        "2024-03-02-same-title--1.md",
        "2024-03-02-same-title--2.md",
        "2024-03-02-same-title.md",
    ]
    assert meta(folder / "2024-03-02-same-title--1-2.md")["clipper_id"] == a.id
    assert meta(folder / "2024-03-02-same-title--2.md")["clipper_id"] == b.id
    # Exporting again changes nothing: each clipping finds its own note.
    again = export_markdown(library.clippings(), folder)
    assert (again.written, again.unchanged, again.renamed) == (0, 2, 0)
    assert notes_in(folder) == names


def test_a_fresh_folder_names_collisions_the_same_way_every_time(
    library: Library, tmp_path: Path
) -> None:
    for n in (1, 10, 19):
        library.add(story(n, title="Breaking news"))
    results = []
    for attempt in range(2):
        folder = tmp_path / f"vault{attempt}"
        export_markdown(library.clippings(), folder)
        results.append({name: meta(folder / name)["clipper_id"] for name in notes_in(folder)})
    assert results[0] == results[1]
    assert sorted(results[0]) == [
        "2024-03-02-breaking-news--1.md",
        "2024-03-02-breaking-news--2.md",
        "2024-03-02-breaking-news.md",
    ]


def test_a_note_renamed_by_the_user_keeps_its_name(library: Library, tmp_path: Path) -> None:
    clipping = library.add(story(1))
    folder = tmp_path / "vault"
    export_markdown(library.clippings(), folder)
    (folder / "2024-03-02-story-number-1.md").rename(folder / "My favourite story.md")
    library.update(clipping.id, story(1, title="New title"))
    export_markdown(library.clippings(), folder)
    assert notes_in(folder) == ["My favourite story.md"]
    assert meta(folder / "My favourite story.md")["title"] == "New title"


def test_hostile_titles_never_leave_the_folder(library: Library, tmp_path: Path) -> None:
    for n, title in enumerate(["../../etc/passwd", "/etc/shadow", "..", "CON", "a\x00b", "C:\\x"]):
        library.add(story(n, title=title, published="../../x"))
    folder = tmp_path / "deep" / "vault"
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = export_markdown(library.clippings(), folder)
    assert result.written == 6
    after = sorted(str(p) for p in tmp_path.rglob("*"))
    created = set(after) - set(before)
    assert all(Path(p).parent == folder for p in created - {str(folder), str(folder.parent)})
    assert {meta(folder / n)["title"] for n in notes_in(folder)} >= {"../../etc/passwd", "CON"}


def test_markdown_to_stdout_is_one_stream(library: Library, run: Run) -> None:
    library.add(story(1))
    library.add(story(2))
    result = run("export", "--to", "-")
    assert result.exit_code == 0
    assert result.stdout.count("---\ntitle: ") == 2  # two notes, each with its front matter
    assert result.stdout.startswith("---\ntitle: ")
    assert "# Story number 1" in result.stdout and "# Story number 2" in result.stdout
    assert result.stderr == ""


def test_markdown_body_has_the_title_and_the_story_structure(
    library: Library, tmp_path: Path
) -> None:
    library.add(story(1))
    export_markdown(library.clippings(), tmp_path / "vault")
    [path] = (tmp_path / "vault").iterdir()
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert (
        body
        == "\n# Story number 1\n\nFirst paragraph of story 1.\n\n## Later\n\nSecond paragraph.\n"
    )


def _rich_library(library: Library) -> None:
    """Clippings with versions, pages, notes, stars, unicode and odd values."""
    page = Page(
        content="<html><body><p>Ünïcode page ✓</p></body></html>".encode(),
        source="https://example.org/1",
        url="https://example.org/1",
        status=200,
        headers={"Content-Type": "text/html; charset=utf-8", "ETag": '"abc"', "X-Junk": "1"},
        redirects=("https://example.org/one",),
    )
    first = library.add(story(1, authors=("Анна", "José")), page, tags=["russia", "défense"])
    library.update(first.id, story(1, text="A changed text.", markdown="A changed text."), page)
    library.add(story(2, title='"Quoted": title\nwith newline', image="https://i/x.png"))
    library.add(story(3, url=None, title="No URL at all", published=None))
    with library._transaction() as db:
        db.execute("UPDATE clippings SET starred = 1, note = 'my note ✍' WHERE id = ?", (first.id,))


@pytest.mark.parametrize("with_html", [False, True])
def test_jsonl_round_trip_is_byte_identical(
    library: Library, tmp_path: Path, run: Run, with_html: bool
) -> None:
    _rich_library(library)
    flag = ["--with-html"] if with_html else []
    first = tmp_path / "first.jsonl"
    assert run("export", "-f", "jsonl", "--to", str(first), *flag).exit_code == 0
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [3, 2, 1]
    assert records[2]["versions"][0]["text"] == "First paragraph of story 1.\n\nSecond paragraph."
    assert records[2]["starred"] is True and records[2]["note"] == "my note ✍"
    assert ("pages" in records[2]) is with_html

    other = tmp_path / "other.db"
    imported = run("--library", str(other), "import", str(first))
    assert imported.exit_code == 0, imported.stderr
    assert "3 clippings added" in imported.stderr
    second = tmp_path / "second.jsonl"
    exported = run("--library", str(other), "export", "-f", "jsonl", "--to", str(second), *flag)
    assert exported.exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    with Library.open(other) as copy:
        assert len(copy.versions(1)) == 2
        if with_html:
            first_page, second_page = copy.raw_pages(1)  # stored by add, then by update
            assert first_page == second_page
            page = first_page
            assert page.content == "<html><body><p>Ünïcode page ✓</p></body></html>".encode()
            assert page.redirects == ("https://example.org/one",)


def test_jsonl_to_stdout_and_query(library: Library, run: Run) -> None:
    library.add(story(1, text="about glaciers"))
    library.add(story(2, text="about bombers"))
    result = run("export", "glaciers", "-f", "jsonl", "--to", "-")
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1]


def test_a_failed_jsonl_export_leaves_nothing_behind(
    library: Library, tmp_path: Path, run: Run
) -> None:
    library.add(story(1))
    target = tmp_path / "all.jsonl"
    target.mkdir()  # a folder where the file should go: the final rename fails
    (target / "keep.txt").write_text("kept\n")
    result = run("export", "-f", "jsonl", "--to", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write")
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonl", "library"]
    assert (target / "keep.txt").read_text() == "kept\n"


def test_with_html_needs_jsonl(library: Library, run: Run, library_path: Path) -> None:
    library.add(story(1))
    before = dump(library_path)
    result = run("export", "--to", "x", "--with-html")
    assert result.exit_code == 2
    assert dump(library_path) == before


def test_markdown_to_a_file_is_refused(library: Library, run: Run, tmp_path: Path) -> None:
    library.add(story(1))
    target = tmp_path / "notes.md"
    target.write_text("mine\n")
    result = run("export", "--to", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {target} is a file; Markdown notes go into a folder "
        "(for one file, use --format jsonl or --to -)\n"
    )
    assert target.read_text() == "mine\n"


def test_counts_agree_with_their_nouns(library: Library, run: Run, tmp_path: Path) -> None:
    # Issue 15: "Exported 1 notes".
    library.add(story(1))
    one = run("export", "--to", str(tmp_path / "one"))
    assert "Exported 1 note to " in one.stderr
    jsonl = run("export", "-f", "jsonl", "--to", str(tmp_path / "one.jsonl"))
    assert "Exported 1 clipping to " in jsonl.stderr
    reextracted = run("reextract", "--all")
    assert "Re-extracted 1 clipping: " in reextracted.stderr
    library.add(story(2))
    two = run("export", "--to", str(tmp_path / "two"))
    assert "Exported 2 notes to " in two.stderr
    imported = run("-L", str(tmp_path / "new.db"), "import", str(tmp_path / "one.jsonl"))
    assert "Imported jsonl: 1 clipping added." in imported.stderr, imported.stderr
    library.update(1, story(1, text="Rewritten.", markdown="Rewritten."))
    diff = run("diff", "1")
    assert diff.stdout.startswith("#1: version 1 (") and ", 1 word): " in diff.stdout


def test_an_export_of_nothing_says_why_and_writes_no_empty_book(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    empty = run("export", "-f", "jsonl", "--to", "-")
    assert (empty.exit_code, empty.stdout) == (0, "")
    assert empty.stderr == "Exported nothing: the library holds no clippings yet.\n"
    book = tmp_path / "book.epub"
    refused = run("export", "-f", "epub", "--to", str(book))
    assert refused.exit_code == 1 and not book.exists()
    assert refused.stderr == (
        "error: the library holds no clippings yet; an EPUB needs at least one clipping, "
        "so none was written\n"
    )
    assert run("clip", "-", "--url", "https://example.org/1", input=PAGE).exit_code == 0
    before = dump(library_path)
    lines = tmp_path / "none.jsonl"
    none = run("export", "tag:nothing", "-f", "jsonl", "--to", str(lines))
    assert none.exit_code == 0 and lines.read_text() == ""
    assert none.stderr == f"Exported 0 clippings to {lines}: no clipping matches 'tag:nothing'.\n"
    notes = run("export", "tag:nothing", "--to", str(tmp_path / "notes"))
    assert notes.stderr.endswith(": no clipping matches 'tag:nothing'.\n")
    no_book = run("export", "tag:nothing", "-f", "epub", "--to", str(book))
    assert no_book.exit_code == 1 and not book.exists()
    assert dump(library_path) == before


PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>"
    + "Ferries run again to the islands after the storm closed the quay for a week. " * 8
    + "</p></article></body></html>"
)


def test_reextract_and_refresh_of_nothing_say_why(run: Run) -> None:
    empty = run("reextract", "--all")
    assert empty.stderr == "Re-extracted 0 clippings: the library holds no clippings yet.\n"
    assert run("clip", "-", "--url", "https://example.org/1", input=PAGE).exit_code == 0
    nothing = run("refresh", "tag:nothing")
    assert nothing.exit_code == 0
    assert nothing.stderr == "Refreshed 0 clippings: no clipping matches 'tag:nothing'.\n"


def test_notes_go_to_the_settings_folder_without_to(run: Run, tmp_path: Path) -> None:
    assert run("clip", "-", "--url", "https://example.org/1", input=PAGE).exit_code == 0
    settings = tmp_path / "config.toml"
    env = {"CLIPPER_CONFIG": str(settings)}
    missing = run("export", env=env)
    assert missing.exit_code == 2
    assert "give --to FOLDER for the notes, or set folder under [export]" in missing.stderr
    settings.write_text(f'[export]\nfolder = "{tmp_path / "vault"}"\n')
    exported = run("export", env=env)
    assert exported.exit_code == 0, exported.stderr
    assert [note.suffix for note in (tmp_path / "vault").iterdir()] == [".md"]
    assert f"Exported 1 note to {tmp_path / 'vault'} " in exported.stderr
    book = run("export", "-f", "epub", env=env)  # the folder is for notes: a book needs its file
    assert book.exit_code == 2 and "give --to FILE, e.g. --to clippings.epub" in book.stderr
