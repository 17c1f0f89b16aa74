"""Imports from the read-later services people leave: Pocket, Omnivore, Instapaper, Readwise
Reader, Raindrop.io and Karakeep, from realistic samples in tests/samples, through the CLI."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.clipping import Highlight
from clipper.importers import ImportFormat, detect_format
from clipper.library import Library
from clipper.page import Page
from tests.conftest import Run, Server, dump

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return str(SAMPLES / name)


def zipped(folder: Path, target: Path) -> Path:
    """``folder`` as a ZIP, every file in it (its clutter too), as an export would be."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def pending(run: Run) -> list[dict[str, object]]:
    result = run("pending", "--json")
    assert result.exit_code == 0, result.stderr
    keys = ("url", "title", "tags", "note", "starred", "saved_at", "read", "highlights")
    return [{k: json.loads(line)[k] for k in keys} for line in result.stdout.splitlines()]


def clippings(run: Run) -> dict[int, dict[str, object]]:
    result = run("list", "--json")
    assert result.exit_code == 0, result.stderr
    return {record["id"]: record for record in map(json.loads, result.stdout.splitlines())}


def marks(*quotes: str | tuple[str, str, str | None]) -> list[dict[str, object]]:
    made = [q if isinstance(q, tuple) else (q, "", None) for q in quotes]
    return [{"quote": q, "note": n, "created_at": c} for q, n, c in made]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("instapaper.csv", ImportFormat.instapaper),
        ("readwise.csv", ImportFormat.readwise),
        ("raindrop.csv", ImportFormat.raindrop),
        ("raindrop.html", ImportFormat.bookmarks),
        ("karakeep.json", ImportFormat.karakeep),
        ("pocket-export/part_000000.csv", ImportFormat.pocket),
        ("pocket-export/part_000001.csv", ImportFormat.pocket),  # a BOM, another column order
        ("omnivore-export/metadata_0_to_3.json", ImportFormat.omnivore),
    ],
)
def test_each_export_is_told_by_its_contents(name: str, expected: ImportFormat) -> None:
    assert detect_format((SAMPLES / name).read_bytes()[:8192]) is expected


POCKET_LINKS = [
    {"url": "https://news.example.org/world/pacific-patrol", "title": "Bombers over the Pacific",
     "tags": ["defence", "russia"], "note": "", "starred": False,
     "saved_at": "2020-12-22T16:00:00+00:00", "read": False,
     "highlights": marks(
         ("a joint patrol over the Sea of Japan", "", "2020-12-23T05:06:40+00:00"))},
    {"url": "https://gone.example.org/deleted-from-list", "title": "Only in the annotations",
     "tags": [], "note": "", "starred": False, "saved_at": "2020-12-26T16:26:40+00:00",
     "read": False, "highlights": marks(("a passage kept after the link was removed", "",
                          "2020-12-26T16:26:40+00:00"))},
    {"url": "https://science.example.net/2021/03/glaciers", "title": 'Glaciers, ice and "rivers"',
     "tags": ["climate"], "note": "", "starred": False, "saved_at": "2021-03-06T03:06:40+00:00",
     "read": True,
     "highlights": marks(
         ("Glaciers in the Alps lost a tenth of their volume", "", "2021-03-07T06:53:20+00:00"),
         ("the retreat accelerating in every valley", "", "2021-03-07T06:54:20+00:00"),
     )},
    {"url": "https://blog.example.com/untitled", "title": "", "tags": [], "note": "",
     "starred": False, "saved_at": "2021-05-03T00:00:00+00:00", "read": False, "highlights": []},
    {"url": "https://magazine.example.com/long-read?utm_source=pocket_saves",
     "title": "A title\nover two lines", "tags": ["long reads", "weekend"], "note": "",
     "starred": False, "saved_at": "2022-04-15T05:20:00+00:00", "read": True, "highlights": []},
    {"url": "https://culture.example.fr/essai", "title": "Ceci n'est pas une pipe — l'essai",
     "tags": ["art", "français"], "note": "", "starred": False,
     "saved_at": "2023-11-14T22:13:20+00:00", "read": False, "highlights": []},
    {"url": "https://news.example.org/later/one", "title": "Later: one", "tags": [], "note": "",
     "starred": False, "saved_at": "2023-11-14T22:15:00+00:00", "read": False, "highlights": []},
    {"url": "https://history.example.org/1914", "title": "The summer of 1914",
     "tags": ["history"], "note": "", "starred": False, "saved_at": "2023-11-14T22:16:40+00:00",
     "read": True, "highlights": []},
]  # fmt: skip


def test_a_pocket_zip_keeps_every_link_pending_with_tags_state_and_highlights(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    export = zipped(SAMPLES / "pocket-export", tmp_path / "pocket.zip")
    result = run("import", str(export))
    assert result.exit_code == 1  # the broken rows are reported
    assert result.stderr.splitlines() == [
        f"error: {export} annotations/part_000000.json entry 4: no http(s) URL in this entry",
        f"error: {export} part_000000.csv line 5: no http(s) URL in this row: (empty)",
        f"error: {export} part_000001.csv line 5: no http(s) URL in this row: javascript:alert(1)",
        "Imported pocket: 0 clippings added, 8 links kept as pending, 3 unreadable and skipped.",
    ]
    assert pending(run) == POCKET_LINKS
    assert clippings(run) == {}
    # The same export again adds nothing and writes nothing; its unpacked folder neither.
    before = dump(library_path)
    again = run("import", str(export))
    assert again.stderr.splitlines()[-1] == (
        "Imported pocket: 0 clippings added, 0 links kept as pending, 8 already pending, "
        "3 unreadable and skipped."
    )
    folder = run("import", sample("pocket-export"))
    assert "8 already pending" in folder.stderr
    assert dump(library_path) == before


def test_pocket_merges_into_what_the_library_already_holds(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    with Library.open(library_path) as library:
        clipping = library.add(
            Article(title="Glaciers retreat", url="https://science.example.net/2021/03/glaciers",
                    text="Glaciers in the Alps lost a tenth of their volume in two years."),
            Page(content=b"<p>x</p>", source="https://science.example.net/2021/03/glaciers"),
            tags=["mine"],
        )  # fmt: skip
        library.set_note(clipping.id, "My own note.")
        library.add_highlight(clipping.id, Highlight("glaciers in the alps lost a tenth of their "
                                                     "volume", "my reading"))  # fmt: skip
    export = zipped(SAMPLES / "pocket-export", tmp_path / "pocket.zip")
    result = run("import", str(export))
    assert "7 links kept as pending, 1 link already clipped" in result.stderr
    [stored] = clippings(run).values()
    assert stored["tags"] == ["climate", "mine"]
    assert stored["read"] is True  # archived in Pocket
    assert stored["note"] == "My own note."
    assert stored["title"] == "Glaciers retreat" and "two years" in str(stored["text"])
    assert [(h["quote"], h["note"]) for h in stored["highlights"]] == [  # type: ignore[attr-defined]
        ("glaciers in the alps lost a tenth of their volume", "my reading"),  # the user's own
        ("the retreat accelerating in every valley", ""),
    ]
    assert [link["url"] for link in pending(run)] == [
        str(link["url"]) for link in POCKET_LINKS if "glaciers" not in str(link["url"])
    ]


def test_an_omnivore_export_becomes_clippings_from_its_saved_html(
    run: Run, library_path: Path, tmp_path: Path, server: object
) -> None:
    export = zipped(SAMPLES / "omnivore-export", tmp_path / "omnivore.zip")
    result = run("import", str(export))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{export} metadata_0_to_3.json entry 3: deleted in Omnivore, not imported: "
        "https://spam.example.com/offer",
        f"error: {export} metadata_3_to_5.json entry 2: no http(s) URL in this article: "
        "file:///home/me/notes.pdf",
        "Imported omnivore: 2 clippings added, 1 link kept as pending, 1 unreadable and skipped, "
        "1 skipped as said above.",
    ]
    stored = clippings(run)
    assert sorted(stored) == [1, 2]
    cities = stored[1]
    assert {k: cities[k] for k in ("url", "title", "authors", "published", "image",
                                    "description", "clipped_at", "updated_at", "tags",
                                    "starred", "read", "note")} == {
        "url": "https://www.example-times.com/2024/07/how-cities-cool-down",
        "title": "How cities cool down: shade, water and white roofs",
        "authors": ["Maria Lopez"],
        "published": "2024-07-14T06:00:00+00:00",
        "image": "https://www.example-times.com/images/heat.jpg",
        "description": "Cities are hotter than the countryside around them. Three fixes work.",
        "clipped_at": "2024-07-15T08:30:00+00:00",
        "updated_at": "2024-07-16T10:00:00+00:00",
        "tags": ["cities", "climate"],
        "starred": False,
        "read": False,
        "note": "A note on the whole article, not on a passage.",
    }  # fmt: skip
    assert str(cities["text"]).startswith("Cities are hotter than the countryside around them")
    assert "## Shade first" in str(cities["markdown"])
    assert str(cities["text"]).endswith("spending where the heat is worst.")
    assert cities["highlights"] == marks(
        ("Trees are the cheapest air conditioning a city can buy.", "Compare with the Vienna "
         "plan.\n\n#shade #trees", None),
        "White and reflective roofs send sunlight back into the sky\n\nbefore it becomes heat, "
        "and in trials",
    )  # fmt: skip
    library = stored[2]
    assert (library["title"], library["read"], library["tags"], library["published"]) == (
        "Die Stille der Bibliotheken",
        True,
        ["deutsch", "lesen"],
        None,
    )
    assert library["highlights"] == marks(
        "Die Stille der Bibliotheken ist keine Leere.",
        ("A passage no longer in the story", "Still kept.", None),
    )
    assert pending(run) == [
        {"url": "https://paywall.example.com/story?utm_source=omnivore",
         "title": "A paywalled story Omnivore could not fetch", "tags": ["later"], "note": "",
         "starred": False, "saved_at": "2024-09-09T09:09:09+00:00", "read": False,
         "highlights": marks("the paywall hid the rest")},
    ]  # fmt: skip
    shown = run("show", "2", env={"CLIPPER_PAGER": ""}).stdout
    assert "==Die Stille der Bibliotheken ist keine Leere.== Sie ist" in shown
    assert "> A passage no longer in the story  (no longer in the story)" in shown
    # Nothing was fetched, and the saved page is kept for re-extraction.
    again = run("reextract", "--all")
    assert again.exit_code == 0 and "2 unchanged" in again.stderr
    # The unpacked folder is the same export: nothing new.
    before = dump(library_path)
    folder = run("import", sample("omnivore-export"))
    assert "0 clippings added, 2 merged into clippings already here" in folder.stderr
    assert dump(library_path) == before


def test_instapaper_folders_selections_and_tags(run: Run) -> None:
    result = run("import", sample("instapaper.csv"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {sample('instapaper.csv')} line 7: no http(s) URL in this row: (empty)",
        "Imported instapaper: 0 clippings added, 5 links kept as pending, "
        "1 unreadable and skipped.",
    ]
    assert pending(run) == [
        {"url": "https://news.example.org/world/pacific-patrol", "title": "Bombers over the "
         "Pacific", "tags": ["defence"], "note": "", "starred": False,
         "saved_at": "2020-12-22T16:00:00+00:00", "read": False, "highlights": []},
        {"url": "https://science.example.net/2021/03/glaciers",
         "title": 'Glaciers, ice and "rivers"', "tags": [], "note": "", "starred": False,
         "saved_at": "2021-03-06T03:06:40+00:00", "read": True,
         "highlights": marks("Glaciers in the Alps lost a tenth of their volume")},
        {"url": "https://essays.example.com/on-walking", "title": "On walking", "tags": [],
         "note": "", "starred": True, "saved_at": "2021-05-03T00:00:00+00:00", "read": False,
         "highlights": []},
        {"url": "https://recipes.example.com/bread", "title": "Sourdough at home",
         "tags": ["cooking", "food", "weekend"], "note": "", "starred": False,
         "saved_at": "2021-08-26T17:46:40+00:00", "read": False,
         "highlights": marks("Let the dough rest overnight.\nThen fold it twice.")},
        {"url": "https://café.example.fr/menu", "title": "Le menu du café", "tags": [],
         "note": "", "starred": False, "saved_at": "2021-08-26T17:46:42+00:00", "read": False,
         "highlights": []},
    ]  # fmt: skip


def test_readwise_reader_in_utf16_with_locations_and_a_feed_item(run: Run) -> None:
    result = run("import", sample("readwise.csv"))
    assert result.stderr.splitlines() == [
        f"{sample('readwise.csv')} line 4: a feed item you never saved, skipped: "
        "https://feeds.example.org/digest/42",
        f"error: {sample('readwise.csv')} line 6: no http(s) URL in this row: not-a-url",
        f"error: {sample('readwise.csv')} line 7: no http(s) URL in this row: tome I",
        "Imported readwise: 0 clippings added, 3 links kept as pending, "
        "2 unreadable and skipped, 1 skipped as said above.",
    ]
    assert pending(run) == [
        {"url": "https://news.example.org/world/pacific-patrol", "title": "Bombers over the "
         "Pacific", "tags": ["defence", "russia"], "note": "", "starred": False,
         "saved_at": "2024-02-10T08:15:00+00:00", "read": False, "highlights": []},
        {"url": "https://science.example.net/2021/03/glaciers",
         "title": 'Glaciers, ice and "rivers"', "tags": [], "note": "", "starred": False,
         "saved_at": "2024-02-11T09:00:00+00:00", "read": True, "highlights": []},
        {"url": "https://essays.example.com/on-walking", "title": "Read me next",
         "tags": ["essays", "shortlist"], "note": "", "starred": False,
         "saved_at": "2024-02-13T11:30:00+01:00", "read": False, "highlights": []},
    ]  # fmt: skip


def test_raindrop_csv_in_windows_1252_and_its_bookmarks_html(run: Run) -> None:
    result = run("import", sample("raindrop.csv"))
    assert result.stderr.splitlines() == [
        f"error: {sample('raindrop.csv')} line 7: no http(s) URL in this row: (empty)",
        "Imported raindrop: 0 clippings added, 3 links kept as pending, 1 unreadable and skipped.",
    ]
    assert pending(run) == [
        {"url": "https://doc.example.org/book/", "title": "Rust: the book",
         "tags": ["books", "dev", "rust"], "note": "", "starred": False,
         "saved_at": "2023-08-25T21:46:40+00:00", "read": False, "highlights": []},
        {"url": "https://travel.example.at/cafe-culture", "title": "Café culture in Vienna",
         "tags": ["coffee", "europe", "travel", "vienna"],
         "note": "Visit in spring. Naïve question: why so many?", "starred": True,
         "saved_at": "2024-08-30T10:00:00+00:00", "read": False,
         "highlights": marks(("listed as intangible heritage", "since 2011", None),
                             "a newspaper on a wooden holder")},
        {"url": "https://github.example.com/bee-queue",
         "title": "bee-queue: a simple, fast job queue", "tags": [], "note": "",
         "starred": False, "saved_at": "2024-09-03T20:06:53+00:00", "read": False,
         "highlights": marks("A simple, fast, robust job/task queue")},
    ]  # fmt: skip
    html = run("import", sample("raindrop.html"))
    assert html.stderr == (
        "Imported bookmarks: 0 clippings added, 0 links kept as pending, 2 already pending.\n"
    )
    links = {str(link["url"]): link for link in pending(run)}
    assert links["https://github.example.com/bee-queue"]["tags"] == ["unsorted"]  # its folder
    assert links["https://github.example.com/bee-queue"]["saved_at"] == (
        "2024-09-03T19:56:53+00:00"  # the earlier of the two dates
    )
    assert links["https://travel.example.at/cafe-culture"]["note"] == (
        "Visit in spring. Naïve question: why so many?"  # the note it had is kept
    )


def test_karakeep_links_texts_and_crawled_pages(run: Run, library_path: Path) -> None:
    result = run("import", sample("karakeep.json"))
    assert result.stderr.splitlines() == [
        f"{sample('karakeep.json')} bookmark 4: an uploaded file (image or PDF), which the "
        "export does not hold; skipped",
        f"error: {sample('karakeep.json')} bookmark 5: no http(s) URL in this bookmark: "
        "javascript:alert(1)",
        f"error: {sample('karakeep.json')} bookmark 6: expected an object",
        "Imported karakeep: 2 clippings added, 1 link kept as pending, 2 unreadable and "
        "skipped, 1 skipped as said above.",
    ]
    stored = clippings(run)
    crawled, text = stored[1], stored[2]
    assert {k: crawled[k] for k in ("url", "authors", "site", "tags", "note", "starred",
                                     "read", "clipped_at")} == {
        "url": "https://www.example-times.com/2024/07/how-cities-cool-down",
        "authors": ["Maria Lopez"], "site": "The Example Times", "tags": ["cities", "climate"],
        "note": "For the heat plan.", "starred": True, "read": True,
        "clipped_at": "2024-06-01T07:00:00+00:00",
    }  # fmt: skip
    assert "Trees are the cheapest air conditioning" in str(crawled["text"])
    assert (text["url"], text["title"], text["text"], text["clipped_at"]) == (
        None,
        "Remember: the library closes at six on Saturdays.",
        "Remember: the library closes at six on Saturdays.\nBring the card.",
        "2024-06-03T07:00:00+00:00",
    )
    assert [link["url"] for link in pending(run)] == ["https://doc.example.org/book/"]
    before = dump(library_path)
    again = run("import", sample("karakeep.json"))
    assert "0 clippings added, 2 merged into clippings already here" in again.stderr
    assert dump(library_path) == before  # the text note is not stored twice


def test_a_zip_holding_one_export_file_of_another_format(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "instapaper-export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.write(SAMPLES / "instapaper.csv", "instapaper-export.csv")
        archive.writestr("__MACOSX/._instapaper-export.csv", b"\x00\x05\x16\x07")
    result = run("import", str(export))
    assert "Imported instapaper: 0 clippings added, 5 links kept as pending" in result.stderr
    empty = tmp_path / "photos.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("a.jpg", b"\xff\xd8")
        archive.writestr("b.jpg", b"\xff\xd8")
    refused = run("import", str(empty))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {empty} holds no export clipper knows (Pocket's part_*.csv, Omnivore's "
        "metadata_*.json, or a single file to import); it holds: a.jpg, b.jpg\n"
    )
    folder = run("import", str(tmp_path))
    assert folder.stderr == (
        f"error: {tmp_path} is a folder; give the file to import (or the folder of an "
        "unpacked Omnivore or Pocket export)\n"
    )


# -- archives that must not be opened ---------------------------------------------------


def _patch_central(path: Path, member: str, offset: int, value: bytes) -> None:
    """Overwrite bytes of ``member``'s central directory entry (a ZIP's table of contents)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == member.encode():
            data[at + offset : at + offset + len(value)] = value
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(member)


def _pocket_zip(path: Path, **extra: bytes) -> Path:
    zipped(SAMPLES / "pocket-export", path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra.items():
            archive.writestr(name.replace("__", "/"), data)
    return path


def _hostile(kind: str, path: Path) -> tuple[Path, str]:
    """An export carrying one hostile member, and the message that names it."""
    if kind == "outside":
        with zipfile.ZipFile(_pocket_zip(path), "a") as archive:
            archive.writestr("../part_000009.csv", "title,url\nx,https://example.org/x\n")
        return path, "the member '../part_000009.csv' is named outside the archive"
    if kind == "absolute":
        with zipfile.ZipFile(_pocket_zip(path), "a") as archive:
            archive.writestr("/etc/cron.d/part_000009.csv", "x")
        return path, "the member '/etc/cron.d/part_000009.csv' is named outside the archive"
    if kind == "symlink":
        info = zipfile.ZipInfo("annotations/part_000001.json")
        info.external_attr = 0o120777 << 16
        with zipfile.ZipFile(_pocket_zip(path), "a") as archive:
            archive.writestr(info, "/home/me/.ssh/id_rsa")
        return path, "the member 'annotations/part_000001.json' is a symbolic link"
    if kind == "encrypted":
        _pocket_zip(path)
        _patch_central(path, "part_000001.csv", 8, b"\x01\x00")
        return path, (
            "the member 'part_000001.csv' is encrypted; export it again without a password"
        )
    if kind == "ratio":
        with zipfile.ZipFile(_pocket_zip(path), "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("part_000002.csv", b"\x00" * (20 * 2**20))
        return path, "the member 'part_000002.csv' unpacks to 1,028 times its size (a zip bomb?)"
    if kind == "huge":
        _pocket_zip(path)
        _patch_central(path, "README.txt", 24, (4_000_000_000).to_bytes(4, "little"))
        return path, (
            "the member 'README.txt' would unpack to 4.0 GB (the limit is 256 MB a member; "
            "a zip bomb?)"
        )
    if kind == "damaged":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            archive.write(SAMPLES / "pocket-export/part_000000.csv", "part_000000.csv")
            archive.write(SAMPLES / "pocket-export/part_000001.csv", "part_000001.csv")
        data = path.read_bytes()
        at = data.find(b"The summer of 1914")
        path.write_bytes(data[:at] + b"X" + data[at + 1 :])
        return path, (
            "the member 'part_000001.csv' is damaged (Bad CRC-32 for file 'part_000001.csv')"
        )
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["outside", "absolute", "symlink", "encrypted", "ratio", "huge", "damaged"]
)
def test_an_unsafe_or_damaged_archive_is_one_line_and_nothing_is_imported(
    kind: str, run: Run, library_path: Path, tmp_path: Path
) -> None:
    run("import", sample("instapaper.csv"))  # the library holds something to keep
    before = dump(library_path)
    path, problem = _hostile(kind, tmp_path / f"{kind}.zip")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: {problem}; nothing was imported\n"
    assert dump(library_path) == before  # not one row of the parts read before it


def test_a_file_that_only_looks_like_a_zip(run: Run, library_path: Path, tmp_path: Path) -> None:
    fake = tmp_path / "pocket.zip"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"not really an archive")
    result = run("import", str(fake))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {fake} is not a readable ZIP archive (File is not a zip file); "
        "nothing was imported\n"
    )
    assert not library_path.exists()  # refused before the library was even opened


def test_a_symbolic_link_in_an_unpacked_export_is_refused(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "omnivore"
    shutil.copytree(SAMPLES / "omnivore-export", folder)
    (folder / "content" / "secret.html").symlink_to("/etc/passwd")
    result = run("import", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder}: the member 'content/secret.html' is a symbolic link; "
        "nothing was imported\n"
    )


# -- pending links, clipped later -------------------------------------------------------

UNTITLED = (
    "<html><body><article><p>"
    + "Night trains are coming back across Europe as travellers look for slower ways to go. " * 12
    + "</p></article></body></html>"
)


def test_pending_clip_fetches_with_the_batch_and_keeps_what_the_export_knew(
    run: Run, server: Server, tmp_path: Path
) -> None:
    from tests.conftest import page_bytes

    story = server.route("/story", page_bytes("seed_like.html"))
    untitled = server.route("/untitled", UNTITLED)
    gone = server.url("/gone")
    export = tmp_path / "pocket.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "part_000000.csv",
            "title,url,time_added,tags,status\n"
            f"Saved title,{story},1608652800,defence|russia,archive\n"
            f"Night trains,{untitled},1609000000,travel,unread\n"
            f"Gone,{gone},1609100000,,unread\n",
        )
        archive.writestr(
            "annotations/part_000000.json",
            json.dumps(
                [
                    {
                        "url": story,
                        "title": "Saved title",
                        "highlights": [{"quote": "joint patrol", "created_at": 1608700000}],
                    }
                ]
            ),
        )
    assert run("import", str(export)).exit_code == 0
    assert server.requests == []
    result = run("pending", "--clip")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-3:] == [
        "2 clipped, 0 already in the library, 1 failed",
        f"  ✗ {gone}: answered HTTP 404 Not Found; check the address",
        "1 link stays pending, with the error: clipper pending",
    ]
    stored = {c["title"]: c for c in clippings(run).values()}
    patrol = stored["Russian and Chinese bombers fly joint patrol over Pacific"]
    assert (patrol["clipped_at"], patrol["read"], patrol["tags"]) == (
        "2020-12-22T16:00:00+00:00", True, ["defence", "russia"]
    )  # fmt: skip
    assert patrol["highlights"] == marks(("joint patrol", "", "2020-12-23T05:06:40+00:00"))
    trains = stored["Night trains"]  # the page has no title: the link's
    assert (trains["url"], trains["clipped_at"], trains["read"]) == (
        untitled, "2020-12-26T16:26:40+00:00", False
    )  # fmt: skip
    [left] = json.loads("[" + run("pending", "--json").stdout.strip() + "]")
    assert (left["url"], left["attempts"]) == (gone, 1)
    assert "404" in left["error"]
    # Clipped links are known: a second run fetches only what is still pending.
    server.requests.clear()
    again = run("pending", "--clip")
    assert server.requests == ["/gone"]
    assert again.exit_code == 1


def test_one_omnivore_metadata_file_alone_keeps_its_links(run: Run) -> None:
    path = sample("omnivore-export/metadata_3_to_5.json")
    result = run("import", path)
    assert result.stderr.splitlines() == [
        f"error: {path} metadata_3_to_5.json entry 2: no http(s) URL in this article: "
        "file:///home/me/notes.pdf",
        "Imported omnivore: 0 clippings added, 1 link kept as pending, 1 unreadable and skipped.",
    ]
    [link] = pending(run)
    assert (link["url"], link["tags"], link["highlights"]) == (
        "https://paywall.example.com/story?utm_source=omnivore", ["later"], []
    )  # fmt: skip


def test_a_format_that_is_not_the_exports_says_which_it_is(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    pocket = zipped(SAMPLES / "pocket-export", tmp_path / "pocket.zip")
    omnivore = zipped(SAMPLES / "omnivore-export", tmp_path / "omnivore.zip")
    links = tmp_path / "links.txt"
    links.write_text("https://example.org/kept\n")
    assert run("import", str(links)).exit_code == 0
    before = dump(library_path)
    for export, given, really in (
        (pocket, "wallabag", "Pocket's export, not wallabag; leave out --format (or give "
                             "--format pocket)"),
        (pocket, "omnivore", "Pocket's export, not omnivore;"),
        (omnivore, "pocket", "Omnivore's export, not pocket; leave out --format (or give "
                             "--format omnivore)"),
    ):  # fmt: skip
        wrong = run("import", str(export), "--format", given)
        assert wrong.exit_code == 1, given
        assert wrong.stderr.startswith(f"error: {export} is {really}"), wrong.stderr
        assert wrong.stderr.count("\n") == 1
    assert dump(library_path) == before
