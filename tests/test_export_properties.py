"""Property tests: front matter is valid YAML and file names are safe, whatever the input."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clipper.article import Article
from clipper.clipping import Clipping
from clipper.export import (
    MAX_FILENAME_BYTES,
    NoteFolder,
    front_matter,
    front_matter_yaml,
    is_safe_filename,
    note,
    note_filename,
    slug,
    yaml_string,
)

HOSTILE = [
    'He said: "no" — #1 story',
    "- leading dash",
    "? question: mark",
    "yes",
    "No",
    "null",
    "~",
    "1e3",
    "0x1F",
    "2020-12-22",
    "&anchor *alias !tag %directive @at `tick`",
    "{flow: map}, [flow, seq]",
    "line one\nline two\r\nthird\rfourth",
    "tab\there",
    "NUL\x00 and BEL\x07 and ESC\x1b[31m",
    "C1 \x85 NEL \x9b CSI \u2028 LS \u2029 PS \ufeff BOM \ufffe \uffff",
    "emoji 🎉🇺🇦👨‍👩‍👧 and RTL: مرحبا بالعالم שלום \u202e reversed",
    "trailing space ",
    " leading space",
    "'single' and \\backslash\\ and \\u0041",
    "---",
    "...",
    "x" * 5000,
    "",
]

#: Every Unicode code point except surrogates (which no stored text can hold).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


def make(title: str, **article: object) -> Clipping:
    values: dict[str, object] = {"title": title, "url": "https://example.org/x", "text": "Body."}
    values.update(article)
    return Clipping(
        id=1,
        article=Article(**values),  # type: ignore[arg-type]
        clipped_at="2024-05-01T10:00:00+00:00",
        updated_at="2024-05-01T10:00:00+00:00",
        tags=("news", "a b"),
    )


def parse(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    matter, _, _ = text[4:].partition("\n---\n")
    loaded = yaml.safe_load(matter)
    assert isinstance(loaded, dict)
    return loaded


@given(any_text)
@settings(max_examples=400)
def test_any_string_is_a_yaml_scalar_that_parses_back(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_string(value)}\n") == {"key": value}


@given(
    title=any_text,
    author=any_text,
    site=any_text,
    description=any_text,
    published=st.one_of(st.none(), any_text),
)
@settings(max_examples=200)
def test_front_matter_parses_back_to_the_clipping(
    title: str, author: str, site: str, description: str, published: str | None
) -> None:
    clipping = make(
        title, authors=(author, "Second Author"), site=site, description=description,
        published=published,
    )  # fmt: skip
    text = note(clipping)
    assert parse(text) == front_matter(clipping)
    # The file holds no raw control character but the newlines that shape it.
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in text)


def test_hostile_titles_parse_back_exactly() -> None:
    for title in HOSTILE:
        clipping = make(title)
        meta = parse(note(clipping))
        assert meta["title"] == title, title
        assert meta["clipper_id"] == 1
        assert meta["tags"] == ["news", "a b"]
        # The heading is one line, whatever the title held.
        heading = note(clipping).split("\n---\n", 1)[1].lstrip("\n").split("\n", 1)[0]
        assert heading.startswith("# ")


def test_front_matter_keys_follow_obsidian_web_clipper() -> None:
    block = front_matter_yaml(make("T", published=None, image=None))
    keys = [line.split(":", 1)[0] for line in block.splitlines() if line[:1].isalpha()]
    assert keys == [
        "title", "source", "author", "published", "created", "site", "description",
        "tags", "image", "clipper_id",
    ]  # fmt: skip
    assert parse(block)["published"] is None


@given(title=any_text, published=st.one_of(st.none(), any_text), clipping_id=st.integers(1, 10**12))
@settings(max_examples=400)
@example(title="CON", published=None, clipping_id=1)
@example(title="../../etc/passwd", published="../../etc", clipping_id=1)
@example(title="/absolute/path", published="/etc/x", clipping_id=1)
@example(title="nul.txt", published="\x00", clipping_id=1)
@example(title="a" * 500, published="2020-01-01", clipping_id=10**12)
@example(title="é" * 200 + "\u0301", published=None, clipping_id=3)
@example(title="...", published=None, clipping_id=1)
def test_note_filenames_are_safe_everywhere(
    title: str, published: str | None, clipping_id: int
) -> None:
    clipping = make(title, published=published)
    for name in (note_filename(clipping), note_filename(clipping, suffix=str(clipping_id))):
        assert is_safe_filename(name), name
        assert len(name.encode("utf-8")) <= MAX_FILENAME_BYTES
        assert name.endswith(".md")
        assert Path(name).name == name and "/" not in name and "\\" not in name
        date = name.split("-", 3)
        assert name.startswith("undated-") or (
            len(date) == 4 and all(p.isdigit() for p in date[:3])
        )


@given(any_text, st.integers(0, 200))
def test_slugs_never_hold_a_double_dash_or_unsafe_characters(title: str, budget: int) -> None:
    value = slug(title, budget)
    assert "--" not in value
    assert not value.startswith("-") and not value.endswith("-")
    assert len(value.encode("utf-8")) <= budget
    assert not any(c in value for c in '/\\:*?"<>|\x00')


def test_unicode_titles_keep_their_letters() -> None:
    assert note_filename(make("Глетчеры тают: 日本語のタイトル", published="2021-03-05")) == (
        "2021-03-05-глетчеры-тают-日本語のタイトル.md"
    )
    assert note_filename(make("Café   au lait...", published="2021-03-05T08:00:00+01:00")) == (
        "2021-03-05-café-au-lait.md"
    )
    assert note_filename(make("", published="garbage")) == "2024-05-01-untitled.md"


def test_reserved_device_names_cannot_come_out() -> None:
    for reserved in ("CON", "con.md", "NUL", "COM1", "lpt9.txt", "AUX", "PRN", "COM¹"):
        assert not is_safe_filename(reserved)
        assert is_safe_filename(note_filename(make(reserved)))


titles_and_ids = st.lists(
    st.tuples(st.sampled_from(["Same", "same", "SAME!", "Same 7", "x" * 300]) | any_text,
              st.integers(1, 50)),
    min_size=2, max_size=8, unique_by=lambda entry: entry[1],
)  # fmt: skip


@given(titles_and_ids)
@settings(max_examples=100)
def test_names_in_one_folder_never_collide(entries: list[tuple[str, int]]) -> None:
    folder = NoteFolder(Path("/nonexistent"))
    names = []
    for title, clipping_id in entries:
        clipping = Clipping(
            id=clipping_id,
            article=Article(title=title, published="2024-01-01"),
            clipped_at="2024-01-01T00:00:00+00:00",
            updated_at="2024-01-01T00:00:00+00:00",
        )
        name, stale = folder.place(clipping)
        assert stale == []
        names.append(unicodedata.normalize("NFC", name).casefold())
    assert len(set(names)) == len(names)
