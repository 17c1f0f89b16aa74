"""``clipper export --format epub``: every EPUB 3.3 rule the book must keep, one test each.

The book is made once per test module through the real CLI from a real library
(clippings with stored PNG, JPEG, WebP, SVG and AVIF pictures, a picture not
stored, hostile titles and Markdown), then read with ``zipfile`` and an XML
parser. The rules are EPUB 3.3's (W3C Recommendation): its sections on the OCF
ZIP container, the package document, XHTML content documents, resource
locations, core media types and the navigation document.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from clipper.article import Article
from clipper.cli import app
from clipper.images.model import ImageData, ImageOutcome
from clipper.library import Library
from tests import pictures

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB = "{http://www.idpf.org/2007/ops}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
CORE_IMAGES = {"image/jpeg", "image/png", "image/gif", "image/webp"}

HOSTILE_MARKDOWN = (
    "A <script>alert(1)</script> tag, [a trap](javascript:alert(1)), a [page](/relative) "
    "and a [site](https://example.org/x?a=1&b=2).\x07\x1b[31m\n\n"
    "<iframe src='https://evil.example/'></iframe>\n\n"
    "| a | b |\n| --- | --- |\n| 1 & 2 | <3 |\n\n```\nif a < b && c > d:\n```\n\n"
    "# A heading in the story\n\n![a remote one](https://example.org/not-stored.png)"
)


@dataclass
class Book:
    path: Path
    archive: zipfile.ZipFile
    raw: bytes
    images: dict[str, ImageData]

    def xml(self, name: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(name))

    @property
    def package(self) -> ElementTree.Element:
        return self.xml("EPUB/package.opf")

    def manifest(self) -> list[ElementTree.Element]:
        return self.package.findall(f"{OPF}manifest/{OPF}item")

    def chapter(self, clipping_id: int) -> str:
        """The chapter of a clipping (chapters follow the selection: newest first)."""
        for name in self.archive.namelist():
            if f'id="clipping-{clipping_id}"'.encode() in self.archive.read(name):
                return name
        raise AssertionError(f"no chapter for clipping {clipping_id}")


def make_library(path: Path) -> dict[str, ImageData]:
    images = {
        "png": ImageData(pictures.png(6, 4), "image/png", 6, 4),
        "jpeg": ImageData(pictures.jpeg(16, 8), "image/jpeg", 16, 8),
        "webp": ImageData(pictures.webp_lossy(), "image/webp", 1, 1),
        "svg": ImageData(pictures.HOSTILE_SVG, "image/svg+xml", 10, 10),
        "avif": ImageData(pictures.avif(), "image/avif", 640, 480),
        "lead": ImageData(pictures.GIF, "image/gif", 1, 1),
    }
    with Library.open(path) as library:
        names = ["png", "jpeg", "webp", "svg", "avif", "gone"]
        urls = {name: f"https://news.example/img/{name}" for name in [*names, "lead"]}
        markdown = "\n\n".join(
            ["The ferry sails again."]
            + [f"![The {n} picture]({urls[n]})\\\n*Caption of the {n}.*" for n in names]
            + ["## After the storm", "Islanders welcomed it."]
        )
        outcomes = [ImageOutcome(urls[n], images.get(n), "" if n in images else "HTTP 404")
                    for n in ["lead", *names]]  # fmt: skip
        library.add(
            Article(title="Night ferry returns", url="https://news.example/ferry",
                    authors=("Mara Quinn",), published="2026-11-30", site="Coastline News",
                    language="en", image=urls["lead"], text="The ferry sails again.",
                    markdown=markdown),
            tags=["islands"], images=outcomes,
        )  # fmt: skip
        library.add(
            Article(title="Le <b>pont</b> & ses \x1b]8;;x\x07secrets\u202e", language="fr",
                    url="https://journal.example/pont", site="Le Journal", text="Texte.",
                    markdown=HOSTILE_MARKDOWN + f"\n\n![shared]({urls['png']})"),
            tags=["islands"],
            images=[ImageOutcome(urls["png"], images["png"])],
        )  # fmt: skip
        library.add(Article(title="", url="https://e.org/empty", text="Only text.",
                            markdown="Only text.", language="en-GB"))  # fmt: skip
    return images


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    folder = tmp_path_factory.mktemp("epub")
    library = folder / "library.db"
    images = make_library(library)
    target = folder / "clippings.epub"
    result = CliRunner().invoke(
        app,
        ["--library", str(library), "export", "--format", "epub", "--to", str(target),
         "--title", "Island news"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Exported 3 clippings" in result.stderr and "4 pictures inside" in result.stderr
    raw = target.read_bytes()
    return Book(target, zipfile.ZipFile(target), raw, images)


# -- OCF: the ZIP container ---------------------------------------------------------------


def test_mimetype_is_the_first_file_stored_without_an_extra_field(book: Book) -> None:
    first = book.archive.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert book.archive.read("mimetype") == b"application/epub+zip"  # US-ASCII, no padding
    # The local header as readers sniff it: the name at byte 30, the media type at 38.
    assert book.raw[:4] == b"PK\x03\x04"
    assert int.from_bytes(book.raw[8:10], "little") == 0  # stored
    assert int.from_bytes(book.raw[28:30], "little") == 0  # no extra field
    assert book.raw[30:38] == b"mimetype" and book.raw[38:58] == b"application/epub+zip"


def test_entries_are_stored_or_deflated_with_the_allowed_versions(book: Book) -> None:
    for info in book.archive.infolist():
        assert info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED), info.filename
        assert info.extract_version in (10, 20, 45), info.filename
        assert info.flag_bits & 0x1 == 0  # not encrypted
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", info.filename), info.filename
    assert book.archive.testzip() is None


def test_container_xml_names_the_package_document(book: Book) -> None:
    container = book.xml("META-INF/container.xml")
    [rootfile] = container.findall(f"{CONTAINER}rootfiles/{CONTAINER}rootfile")
    assert rootfile.get("media-type") == "application/oebps-package+xml"
    assert rootfile.get("full-path") == "EPUB/package.opf"
    assert "EPUB/package.opf" in book.archive.namelist()


# -- the package document -----------------------------------------------------------------


def test_package_metadata_has_identifier_title_language_date_and_one_modified(
    book: Book,
) -> None:
    package = book.package
    assert package.get("version") == "3.0"
    metadata = package.find(f"{OPF}metadata")
    assert metadata is not None
    [identifier] = metadata.findall(f"{DC}identifier")
    assert identifier.get("id") == package.get("unique-identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier.text or "")
    assert [e.text for e in metadata.findall(f"{DC}title")] == ["Island news"]
    assert [e.text for e in metadata.findall(f"{DC}language")] == ["en"]  # the most common
    [modified] = [
        m for m in metadata.findall(f"{OPF}meta") if m.get("property") == "dcterms:modified"
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified.text or "")
    assert [e.text for e in metadata.findall(f"{DC}date")] == [modified.text]


def test_the_manifest_lists_every_file_and_nothing_else(book: Book) -> None:
    items = book.manifest()
    listed = [str(PurePosixPath("EPUB") / (item.get("href") or "")) for item in items]
    outside = {"mimetype", "META-INF/container.xml", "EPUB/package.opf"}
    assert sorted(listed) == sorted(set(book.archive.namelist()) - outside)
    assert len(set(listed)) == len(listed)
    ids = [item.get("id") for item in items]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z][\w.-]*", i or "") for i in ids)
    navs = [item for item in items if "nav" in (item.get("properties") or "").split()]
    assert [item.get("href") for item in navs] == ["nav.xhtml"]
    for item in items:
        extension = (item.get("href") or "").rsplit(".", 1)[-1]
        assert item.get("media-type") == {
            "xhtml": "application/xhtml+xml", "css": "text/css", "png": "image/png",
            "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        }[extension]  # fmt: skip


def test_the_spine_is_the_title_page_the_contents_then_one_chapter_per_clipping(
    book: Book,
) -> None:
    by_id = {item.get("id"): item for item in book.manifest()}
    spine = book.package.findall(f"{OPF}spine/{OPF}itemref")
    hrefs = [by_id[ref.get("idref")].get("href") for ref in spine]
    assert hrefs == ["title.xhtml", "nav.xhtml", "c0001.xhtml", "c0002.xhtml", "c0003.xhtml"]
    assert {by_id[ref.get("idref")].get("media-type") for ref in spine} == {"application/xhtml+xml"}


# -- content documents --------------------------------------------------------------------


def documents(book: Book) -> dict[str, ElementTree.Element]:
    return {
        name: book.xml(name)  # an XML parser: each must be well-formed
        for name in book.archive.namelist()
        if name.endswith(".xhtml")
    }


def test_every_document_is_well_formed_xhtml_with_a_title(book: Book) -> None:
    parsed = documents(book)
    assert len(parsed) == 5
    for name, root in parsed.items():
        assert root.tag == f"{XHTML}html", name
        title = root.find(f"{XHTML}head/{XHTML}title")
        assert title is not None and (title.text or "").strip(), name
        assert book.archive.read(name).startswith(b'<?xml version="1.0" encoding="utf-8"?>')


def test_no_script_no_event_handlers_and_no_remote_or_missing_resources(book: Book) -> None:
    names = set(book.archive.namelist())
    for name, root in documents(book).items():
        base = PurePosixPath(name).parent
        for element in root.iter():
            assert element.tag not in (f"{XHTML}script", f"{XHTML}iframe"), name
            assert not any(attribute.startswith("on") for attribute in element.attrib), name
            for attribute in ("src", "href"):
                value = element.get(attribute)
                if value is None:
                    continue
                if element.tag == f"{XHTML}a" and re.match(r"(https?|mailto):", value):
                    continue  # a link out to the web, not a resource
                assert not re.match(r"[a-z]+:", value), (name, value)  # nothing remote
                assert str(base / value.split("#")[0]) in names, (name, value)


def test_only_core_media_type_pictures_are_embedded_the_rest_shown_as_text(book: Book) -> None:
    embedded = {item.get("media-type") for item in book.manifest()
                if (item.get("media-type") or "").startswith("image/")}  # fmt: skip
    assert embedded == CORE_IMAGES  # PNG, JPEG, WebP, and the GIF lead image
    for kind in ("png", "jpeg", "webp", "lead"):
        image = book.images[kind]
        href = f"EPUB/images/{image.sha256}.{ {'jpeg': 'jpg', 'lead': 'gif'}.get(kind, kind) }"
        assert book.archive.read(href) == image.content
    chapter = book.archive.read(book.chapter(1)).decode()
    for kind in ("svg", "avif", "gone"):  # never rendered, not core, not stored
        assert f"[image: The {kind} picture]" in chapter
    assert "<svg" not in chapter
    for name in book.archive.namelist():  # the hostile SVG's script is nowhere in the book
        assert b"<script" not in book.archive.read(name), name
    assert chapter.count('<img src="images/') == 4  # the lead image and three story pictures
    assert book.archive.read(book.chapter(2)).count(b"images/") == 1  # the shared PNG
    assert len([n for n in book.archive.namelist() if n.endswith(".png")]) == 1


def test_hostile_page_text_stays_text(book: Book) -> None:
    root = book.xml(book.chapter(2))
    text = "".join(root.itertext())
    assert "<script>alert(1)</script>" in text and "<iframe" in text  # shown, never run
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    links = [a.get("href") for a in root.iter(f"{XHTML}a")]
    assert links == ["https://journal.example/pont", "https://example.org/x?a=1&b=2"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert [h.text for h in root.iter(f"{XHTML}h2")] == ["A heading in the story"]
    assert "[image: a remote one]" in text


# -- navigation -----------------------------------------------------------------------------


def test_the_navigation_document_has_one_toc_with_a_labelled_link_per_chapter(book: Book) -> None:
    root = book.xml("EPUB/nav.xhtml")
    navs = [nav for nav in root.iter(f"{XHTML}nav") if nav.get(f"{EPUB}type") == "toc"]
    assert len(navs) == 1
    lists = navs[0].findall(f"{XHTML}ol")
    assert len(lists) == 1
    entries = lists[0].findall(f"{XHTML}li")
    labels = []
    for entry in entries:
        children = list(entry)
        assert [child.tag for child in children] == [f"{XHTML}a"]
        labels.append((children[0].get("href"), " ".join("".join(children[0].itertext()).split())))
    today = labels[0][1][-10:]  # the day it was clipped: no publication date
    assert labels == [  # the selection's order: newest first
        ("c0001.xhtml", f"Untitled — {today}"),
        ("c0002.xhtml", f"Le <b>pont</b> & ses secrets — Le Journal · {today}"),
        ("c0003.xhtml", "Night ferry returns — Coastline News · Mara Quinn · 2026-11-30"),
    ]


def test_each_chapter_opens_with_title_site_author_date_and_source_link(book: Book) -> None:
    root = book.xml(book.chapter(1))
    section = root.find(f"{XHTML}body/{XHTML}section")
    assert section is not None and section.get(f"{EPUB}type") == "chapter"
    heading, byline, source = list(section)[:3]
    assert heading.text == "Night ferry returns"
    assert byline.text == "Coastline News · Mara Quinn · 2026-11-30"
    [link] = list(source)
    assert link.get("href") == link.text == "https://news.example/ferry"
    title = book.xml("EPUB/title.xhtml")
    assert "Island news" in "".join(title.itertext()) and "3 clippings" in "".join(title.itertext())


# -- the command ------------------------------------------------------------------------------


def test_the_same_selection_gives_the_same_bytes_and_a_query_picks_chapters(
    book: Book, tmp_path: Path
) -> None:
    library = book.path.parent / "library.db"
    again, picked = tmp_path / "again.epub", tmp_path / "picked.epub"
    runner = CliRunner()
    base = ["--library", str(library), "export"]
    assert runner.invoke(app, [*base, "--format", "epub", "--to", str(again),
                               "--title", "Island news"]).exit_code == 0  # fmt: skip
    assert again.read_bytes() == book.raw
    chosen = runner.invoke(app, [*base, "pont", "--format", "epub", "--to", str(picked)])
    assert chosen.exit_code == 0, chosen.stderr
    with zipfile.ZipFile(picked) as archive:
        assert [n for n in archive.namelist() if re.match(r"EPUB/c\d+", n)] == ["EPUB/c0001.xhtml"]
        package = ElementTree.fromstring(archive.read("EPUB/package.opf"))
        assert package.findtext(f"{OPF}metadata/{DC}title") == "Clippings: pont"
        assert package.findtext(f"{OPF}metadata/{DC}language") == "fr"
    refused = runner.invoke(app, [*base, "--format", "epub", "--to", "-"])
    assert refused.exit_code == 2 and "an EPUB is a file" in refused.stderr
    titled = runner.invoke(app, [*base, "--to", str(tmp_path / "n"), "--title", "x"])
    assert titled.exit_code == 2 and "--title applies to --format epub" in titled.stderr
