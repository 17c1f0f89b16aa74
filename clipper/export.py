"""Export clippings as Markdown notes (YAML front matter) or JSON lines.

Markdown notes
--------------
Front matter follows the keys Obsidian Web Clipper writes (``title``,
``source``, ``author`` as a list, ``published``, ``created``, ``site``,
``description``, ``tags``, ``image``) plus ``clipper_id``, so notes drop into an
Obsidian vault or a static site as they are. Every string is written as a
YAML double-quoted scalar built from its JSON encoding (JSON strings are YAML
double-quoted strings), with the few characters YAML treats specially beyond
JSON (C1 controls, NEL, line and paragraph separators, BOM, bidi controls)
escaped as ``\\uXXXX``. That makes any title valid YAML, whatever it holds;
``tests/test_export_properties.py`` proves it by parsing the front matter back
with PyYAML. It is also fast and identical on every machine (no dependence on
whether PyYAML has its C extension).

File names are ``YYYY-MM-DD-slug.md`` (``note_filename``): safe on Linux,
macOS and Windows, at most ``MAX_FILENAME_BYTES``. Exporting into a folder
that already holds notes updates them in place: notes are found by the
``clipper_id`` in their front matter, so a clipping whose title changed has
its note renamed rather than duplicated. When two clippings want the same
name, the one already there (or, in a fresh folder, the first exported) keeps
it and the other gets ``--ID`` appended: slugs never contain ``--``, so such a
name cannot collide with another clipping's. A file clipper did not write (no
``clipper_id``, or a symlink) is never overwritten or removed. A note you
renamed yourself (to a name not shaped ``YYYY-MM-DD-….md``) keeps your name.
Notes are overwritten on re-export: keep your own writing in clipper's note
field or in another file. A clipping's highlights end its note, under
``## Highlights``: each quote a blockquote, followed by its note.

Pictures (``with_images``): each stored picture is written once under
``attachments/``, named by its SHA-256 and extension (two notes showing one
photograph share the file), and the notes link them relatively
(``![alt](attachments/….jpg)``), so any Markdown viewer shows them offline;
pictures not stored keep their web addresses. After an export, the files of
``attachments/`` named like clipper's that no note of the folder links any more
are removed; other files there are never touched.

JSON lines
----------
One ``Clipping.to_record()`` per line, then ``versions`` (the earlier texts,
see ``clipper.history``), with ``with_html`` ``pages`` (every raw page,
base64) and with ``with_images`` ``images`` (every picture record, stored
ones with their bytes in base64). ``clipper import`` reads this back losslessly.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from clipper.clipping import Clipping
from clipper.errors import ExportError
from clipper.text import strip_controls

if TYPE_CHECKING:
    from clipper.images.model import StoredReference
    from clipper.library import Library

MAX_FILENAME_BYTES = 120
#: Characters no file name may hold on some system, plus ``#[]^%``, which break
#: Obsidian's ``[[wiki links]]`` and URL-encoded links to the note.
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|#\[\]^%~]+')
_SEPARATORS = re.compile(r"[\s\-_.]+")
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_WINDOWS_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Names clipper itself gives notes; only files named like this are ever renamed.
_OUR_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}|undated)-.+\.md$")
_CLIPPER_ID = re.compile(r"^clipper_id: (\d+)$", re.MULTILINE)
#: The folder beside the notes where their pictures go, and the names clipper gives them.
ATTACHMENTS = "attachments"
_ATTACHMENT_NAME = r"[0-9a-f]{64}\.(?:jpg|png|gif|webp|avif|svg)"
_OUR_ATTACHMENT = re.compile(f"^{_ATTACHMENT_NAME}$")
_LINKED_ATTACHMENT = re.compile(f"{ATTACHMENTS}/({_ATTACHMENT_NAME})")

# -- YAML front matter --------------------------------------------------------

# Beyond what JSON escapes: characters YAML forbids raw (C1 controls, DEL,
# non-characters), treats as line breaks (NEL, LS, PS), or that would make the
# file display differently from what it holds (BOM, bidi controls).
_YAML_EXTRA = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that parses back to exactly ``value``."""
    return _YAML_EXTRA.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False)
    )


def _yaml_value(value: Any) -> str:
    if value is None:
        return " null"
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, int):
        return f" {value}"
    if isinstance(value, list):
        if not value:
            return " []"
        return "".join(f"\n  - {yaml_string(str(item))}" for item in value)
    return " " + yaml_string(str(value))


def front_matter(clipping: Clipping) -> dict[str, Any]:
    a = clipping.article
    return {
        "title": a.title,
        "source": a.url,
        "author": list(a.authors),
        "published": a.published,
        "created": clipping.clipped_at,
        "site": a.site,
        "description": a.description,
        "tags": list(clipping.tags),
        "image": a.image,
        "clipper_id": clipping.id,
    }


def front_matter_yaml(clipping: Clipping) -> str:
    """The front matter block, from ``---`` to ``---``, each line ending in a newline."""
    lines = [f"{key}:{_yaml_value(value)}" for key, value in front_matter(clipping).items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def note(clipping: Clipping, local: Callable[[str], str | None] | None = None) -> str:
    """One clipping as a Markdown note: front matter, ``# Title``, the story, and
    ``## Highlights`` when it has any (each quote a blockquote, its note after it).
    ``local`` gives the path of a picture's local copy by its key, when there is one."""
    from clipper.highlights import markdown_section

    title = " ".join(strip_controls(clipping.title).split()) or "Untitled"
    body = strip_controls(clipping.article.markdown)
    if local is not None:
        from clipper.images.refs import rewrite

        body = rewrite(body, local)
    section = markdown_section(clipping.highlights)
    highlights = f"\n{section}" if section else ""
    return f"{front_matter_yaml(clipping)}\n# {title}\n\n{body}\n{highlights}"


# -- file names ---------------------------------------------------------------


def slug(title: str, max_bytes: int) -> str:
    """A file-name-safe form of ``title``: Unicode letters kept, the rest made dashes.

    Letters, digits, marks and symbols (emoji too) of every script are kept;
    apostrophes vanish (``putins``); punctuation, spaces, control, format and
    unassigned characters, and symbols unsafe in a file name or a wiki link
    become separators; runs of separators become one
    ``-`` (so a slug never holds ``--``), and the result is cut at a character
    boundary to ``max_bytes`` of UTF-8.
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFC", title.lower()))
    text = "".join(" " if unicodedata.category(c)[0] in "CPZ" else c for c in text)
    text = _UNSAFE_FILENAME.sub(" ", text)
    text = _SEPARATORS.sub("-", text).strip("-")
    while True:  # NFC again after the cut: a cut may split what composition joins
        cut = text.encode("utf-8")[: max(max_bytes, 0)].decode("utf-8", "ignore")
        cut = unicodedata.normalize("NFC", cut).strip("-")
        if len(cut.encode("utf-8")) <= max_bytes:
            return cut
        max_bytes -= 1


def _note_date(clipping: Clipping) -> str:
    for value in (clipping.article.published, clipping.clipped_at):
        if value and _DATE.match(value[:10]):
            return value[:10]
    return "undated"


def note_filename(clipping: Clipping, *, suffix: str = "") -> str:
    """``YYYY-MM-DD-slug.md`` (``…-slug--SUFFIX.md`` with ``suffix``), at most 120 bytes.

    The date is the published date, else the clipping date, else ``undated``;
    it always leads the name, so the name can never be a reserved device name.
    """
    date = _note_date(clipping)
    tail = f"--{suffix}" if suffix else ""
    budget = MAX_FILENAME_BYTES - len(f"{date}-{tail}.md".encode())
    name = slug(clipping.title, budget) or "untitled"
    return f"{date}-{name}{tail}.md"


def is_safe_filename(name: str) -> bool:
    """Whether ``name`` is one path component every common file system accepts."""
    return (
        0 < len(name.encode("utf-8")) <= MAX_FILENAME_BYTES
        and name not in (".", "..")
        and not any(c in name for c in '/\\:*?"<>|')
        and not any(unicodedata.category(c)[0] == "C" for c in name)
        and not name.endswith((".", " "))
        and not name.startswith(" ")
        and not _WINDOWS_RESERVED.match(name)
        and unicodedata.normalize("NFC", name) == name
    )


def _key(name: str) -> str:
    """Names that a case-insensitive file system (macOS, Windows) would confuse."""
    return unicodedata.normalize("NFC", name).casefold()


# -- the folder ---------------------------------------------------------------


def _clipper_id_of(path: Path) -> int | None:
    """The ``clipper_id`` in a note's front matter (read from its first kilobytes)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(16384).decode("utf-8", "ignore")
    except OSError:
        return None
    if not head.startswith("---\n"):
        return None
    end = head.find("\n---\n", 3)
    match = _CLIPPER_ID.search(head, 0, end if end >= 0 else len(head))
    return int(match.group(1)) if match else None


@dataclass
class NoteFolder:
    """What a folder holds: every name in it, and which notes belong to which clipping."""

    root: Path
    taken: set[str] = field(default_factory=set)
    notes: dict[int, list[str]] = field(default_factory=dict)
    #: Names given out that nothing in the folder had: written without a rename.
    created: set[str] = field(default_factory=set)

    @classmethod
    def scan(cls, root: Path) -> NoteFolder:
        folder = cls(root)
        with os.scandir(root) as entries:
            for entry in entries:
                folder.taken.add(_key(entry.name))
                if entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):
                    owner = _clipper_id_of(Path(entry.path))
                    if owner is not None:
                        folder.notes.setdefault(owner, []).append(entry.name)
        for names in folder.notes.values():
            names.sort()
        return folder

    def place(self, clipping: Clipping) -> tuple[str, list[str]]:
        """The name for ``clipping``'s note, and its old notes to remove afterwards."""
        base = note_filename(clipping)
        owned = self.notes.get(clipping.id, [])
        if not owned and _key(base) not in self.taken:  # the common case: a new note
            self.taken.add(_key(base))
            self.created.add(base)
            self.notes[clipping.id] = [base]
            return base, []
        numbered = note_filename(clipping, suffix=str(clipping.id))
        stem = _key(numbered)[: -len(".md")] + "-"

        def is_candidate(name: str) -> bool:
            key = _key(name)
            if key in (_key(base), _key(numbered)):
                return True
            return key.startswith(stem) and key.endswith(".md") and key[len(stem) : -3].isdigit()

        ours = [name for name in owned if _OUR_NAME.match(name)]
        keep = next((name for name in owned if is_candidate(name)), None)
        if keep is None and owned and not ours:
            keep = owned[0]  # renamed by the user: update it under their name
        if keep is None:
            candidates = self._candidates(base, numbered)
            keep = next(name for name in candidates if _key(name) not in self.taken)
            self.created.add(keep)
        self.taken.add(_key(keep))
        self.notes[clipping.id] = [keep]
        return keep, [name for name in ours if name != keep]

    @staticmethod
    def _candidates(base: str, numbered: str) -> Iterator[str]:
        yield base
        yield numbered
        stem = numbered[: -len(".md")]
        n = 2
        while True:  # only when files clipper did not write hold both names
            yield f"{stem}-{n}.md"
            n += 1

    def write(self, name: str, content: bytes, *, new: bool = False) -> bool:
        """Write a note; ``False`` when it already held exactly this.

        A ``new`` name (nothing in the folder had it when scanned) is created
        exclusively, in one go: nothing can be lost by a crash half-way, and the
        next export rewrites a partial note. An existing note is replaced
        atomically (a temporary file renamed over it), so it is never half-old.
        """
        if not is_safe_filename(name) or Path(name).name != name:
            raise ExportError(f"refusing to write an unsafe file name: {name!r}")
        path = self.root / name
        if new:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), "wb") as out:
                out.write(content)
            return True
        try:
            if path.stat().st_size == len(content) and path.read_bytes() == content:
                return False
        except FileNotFoundError:
            pass
        temporary = self.root / f".{name[:60]}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
            temporary.replace(path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return True

    def remove(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)
        self.taken.discard(_key(name))


@dataclass
class Attachments:
    """The pictures of a folder's notes: written once each under ``attachments/``."""

    folder: Path
    pictures: Callable[[int], list[StoredReference]]
    image_bytes: Callable[[str], bytes | None]
    written: int = 0
    on_disk: dict[str, int] = field(default_factory=dict)  # name → size

    def open(self) -> None:
        """Make the folder (refusing one that is a link or a file) and see what it holds."""
        if self.folder.is_symlink() or (self.folder.exists() and not self.folder.is_dir()):
            raise ExportError(
                f"{self.folder} is not a folder clipper can write pictures into "
                "(a file or a link); move it away and try again"
            )
        self.folder.mkdir(exist_ok=True)
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if _OUR_ATTACHMENT.match(entry.name) and entry.is_file(follow_symlinks=False):
                    self.on_disk[entry.name] = entry.stat(follow_symlinks=False).st_size

    def local(self, clipping: Clipping) -> Callable[[str], str | None]:
        """Write the stored pictures the clipping's note shows that are not there yet; a
        picture's path relative to the notes, by its key."""
        from clipper.images.refs import story_references

        shown = {ref.key for ref in story_references(clipping.article.markdown)}
        paths: dict[str, str] = {}
        if not shown:
            return paths.get
        for picture in self.pictures(clipping.id):
            if picture.sha256 is None or picture.key not in shown:
                continue
            name = picture.filename
            if self.on_disk.get(name) != picture.size:
                data = self.image_bytes(picture.sha256)
                if data is None:
                    continue
                self._write(name, data)
            paths[picture.key] = f"{ATTACHMENTS}/{name}"
        return paths.get

    def _write(self, name: str, data: bytes) -> None:
        temporary = self.folder / f".{name[:16]}.{os.getpid()}.tmp"
        try:
            with temporary.open("wb") as stream:
                stream.write(data)
            temporary.replace(self.folder / name)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        self.on_disk[name] = len(data)
        self.written += 1


def remove_unused_attachments(root: Path) -> int:
    """Remove the files of ``root/attachments`` named like clipper's that no note in
    ``root`` links; how many. Anything else there is left alone."""
    folder = root / ATTACHMENTS
    if folder.is_symlink() or not folder.is_dir():
        return 0
    used: set[str] = set()
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):
                text = Path(entry.path).read_text(encoding="utf-8", errors="replace")
                if ATTACHMENTS in text:
                    used.update(_LINKED_ATTACHMENT.findall(text))
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if (
                _OUR_ATTACHMENT.match(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.name not in used
            ):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed


@dataclass
class MarkdownExport:
    written: int = 0
    unchanged: int = 0
    renamed: int = 0
    paths: list[Path] = field(default_factory=list)
    attachments_written: int = 0
    attachments_removed: int = 0

    @property
    def count(self) -> int:
        return self.written + self.unchanged


def export_markdown(
    clippings: Iterable[Clipping],
    folder: Path,
    *,
    on_note: Callable[[], None] | None = None,
    library: Library | None = None,
) -> MarkdownExport:
    """Write one note per clipping into ``folder`` (created if missing); see the module doc.

    With ``library``, each note's stored pictures are written under ``attachments/``
    and linked from the note (``with_images``).
    """
    result = MarkdownExport()
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file; Markdown notes go into a folder "
            "(for one file, use --format jsonl or --to -)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        notes = NoteFolder.scan(folder.resolve())
        attachments = None
        if library is not None:
            images = library.images
            attachments = Attachments(notes.root / ATTACHMENTS, images.of, images.data)
            attachments.open()
        for clipping in clippings:
            name, stale = notes.place(clipping)
            local = attachments.local(clipping) if attachments is not None else None
            content = note(clipping, local).encode("utf-8")
            if notes.write(name, content, new=name in notes.created):
                result.written += 1
            else:
                result.unchanged += 1
            for old in stale:
                notes.remove(old)
                result.renamed += 1
            result.paths.append(notes.root / name)
            if on_note:
                on_note()
        if attachments is not None:
            result.attachments_written = attachments.written
        result.attachments_removed = remove_unused_attachments(notes.root)
    except FileExistsError as error:
        raise ExportError(
            f"cannot write notes to {folder}: {error.filename} is in the way "
            "(another export running?); remove it and try again"
        ) from error
    except OSError as error:
        raise ExportError(f"cannot write notes to {folder}: {error.strerror}") from error
    return result


def write_markdown_stream(clippings: Iterable[Clipping], stream: IO[str]) -> int:
    """All notes, one after the other, as a single Markdown stream."""
    count = 0
    for clipping in clippings:
        stream.write(("\n" if count else "") + note(clipping))
        count += 1
    return count


# -- JSON lines ---------------------------------------------------------------


def jsonl_record(
    library: Library, clipping: Clipping, *, with_html: bool, with_images: bool = False
) -> dict[str, Any]:
    """A clipping's JSONL export record: its record, its versions, and maybe its pages
    and its pictures."""
    record = clipping.to_record()
    record["versions"] = [v.to_record() for v in library.earlier_versions(clipping.id)]
    if with_html:
        from clipper.imported import ArchivedPage

        record["pages"] = [
            ArchivedPage.from_page(page).to_record() for page in library.raw_pages(clipping.id)
        ]
    if with_images:
        from clipper.images.model import outcome_record

        record["images"] = [outcome_record(o) for o in library.images.outcomes(clipping.id)]
    return record


def export_jsonl(
    library: Library,
    clippings: Iterable[Clipping],
    stream: IO[str],
    *,
    with_html: bool = False,
    on_record: Callable[[], None] | None = None,
    with_images: bool = False,
) -> int:
    """Write one JSON record per line; return how many."""
    count = 0
    for clipping in clippings:
        record = jsonl_record(library, clipping, with_html=with_html, with_images=with_images)
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
        if on_record:
            on_record()
    return count


# -- choosing clippings ---------------------------------------------------------

#: ``Library.search`` takes an int limit today; this stands for "all of them".
ALL = 1_000_000_000


def select(library: Library, query: str | None, *, page_size: int = 500) -> Iterator[Clipping]:
    """The clippings to export: all of them newest first (read in pages), or a search's hits."""
    if query:
        for hit in library.search(query, limit=ALL):
            yield hit.clipping
        return
    offset = 0
    while True:
        batch = library.clippings(limit=page_size, offset=offset)
        yield from batch
        if len(batch) < page_size:
            return
        offset += page_size
