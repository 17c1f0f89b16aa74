"""Exports made of many files: a ZIP archive, or the folder it was unpacked into.

A ZIP is read member by member, in memory, without unpacking anything to
disk, and refused before a single record is read when it is unsafe to open:

- a member named outside the archive (``../x``, ``/etc/x``, ``C:\\x``), which an
  unpacking tool would write outside its folder;
- a symbolic link, which would lead a reader elsewhere on the disk;
- an encrypted member (clipper asks for no passwords: export it again);
- a zip bomb: a member that would unpack to more than ``MAX_MEMBER_BYTES``,
  a whole archive to more than ``MAX_TOTAL_BYTES``, more than
  ``MAX_MEMBERS`` members, or a member of more than ``RATIO_FROM_BYTES``
  that unpacks to more than ``MAX_RATIO`` times its packed size (text
  compresses five to twenty times; a bomb, thousands of times).

Sizes are the archive's own statements, checked first; reading then never
returns more than a member states (Python's ``zipfile`` stops there and
checks the CRC), so a lying archive ends as a damaged member. A damaged
archive or member (a bad CRC, a truncated file) ends the import too. Every
refusal is one ``UnsafeArchiveError`` naming the member; ``clipper import``
holds all of an export's records in one transaction, so nothing of a refused
archive is stored.

A folder is read the same way (regular files only; a symbolic link in it is
refused, never followed), so an unpacked Omnivore export imports like its ZIP.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from clipper.errors import ExportError
from clipper.text import size_text

MAX_MEMBER_BYTES = 256_000_000
MAX_TOTAL_BYTES = 4_000_000_000
MAX_MEMBERS = 100_000
MAX_RATIO = 200
RATIO_FROM_BYTES = 2**20
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: Members that archivers and operating systems add, which hold no records.
_CLUTTER = re.compile(r"(^|/)(__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)


class UnsafeArchiveError(ExportError):
    """The archive (or a member of it) cannot be read safely; nothing was imported."""


def is_clutter(name: str) -> bool:
    """Whether ``name`` is a member an archiver or a desktop added (``__MACOSX/``, dotfiles)."""
    return _CLUTTER.search(name) is not None


def unsafe_name(name: str) -> bool:
    """Whether a member named ``name`` would land outside a folder it is unpacked into."""
    if not name or "\x00" in name:
        return True
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith("\\"):
        return True
    return ".." in posix.parts or ".." in windows.parts


class Bundle:
    """The files of an export, by name (``/``-separated, relative), read on demand."""

    path: Path

    def names(self) -> list[str]:
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what is open (a ZIP archive's file)."""

    def fail(self, name: str, problem: str) -> UnsafeArchiveError:
        return UnsafeArchiveError(
            f"{self.path}: the member {name!r} {problem}; nothing was imported"
        )


@dataclass
class ZipBundle(Bundle):
    """A ZIP archive, checked whole when opened (the module docstring says what for)."""

    path: Path
    _zip: zipfile.ZipFile = field(init=False, repr=False)
    _members: dict[str, zipfile.ZipInfo] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise UnsafeArchiveError(
                f"{self.path} is not a readable ZIP archive ({error}); nothing was imported"
            ) from None
        except OSError as error:
            raise UnsafeArchiveError(f"cannot read {self.path}: {error.strerror}") from None
        try:
            self._check_all(self._zip.infolist())
        except UnsafeArchiveError:
            self._zip.close()
            raise

    def _check_all(self, members: list[zipfile.ZipInfo]) -> None:
        if len(members) > MAX_MEMBERS:
            raise UnsafeArchiveError(
                f"{self.path} holds {len(members):,} members (the limit is {MAX_MEMBERS:,}); "
                "nothing was imported"
            )
        total = 0
        for info in members:
            self._check(info)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise self.fail(
                    info.filename,
                    f"takes the archive past {size_text(MAX_TOTAL_BYTES)} unpacked (a zip bomb?)",
                )
            if not info.is_dir():
                self._members[info.filename] = info

    def _check(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if unsafe_name(name):
            raise self.fail(name, "is named outside the archive")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise self.fail(name, "is a symbolic link")
        if info.flag_bits & 0x1:
            raise self.fail(name, "is encrypted; export it again without a password")
        if info.file_size > MAX_MEMBER_BYTES:
            raise self.fail(
                name,
                f"would unpack to {size_text(info.file_size)} (the limit is "
                f"{size_text(MAX_MEMBER_BYTES)} a member; a zip bomb?)",
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise self.fail(name, f"unpacks to {ratio:,} times its size (a zip bomb?)")

    def names(self) -> list[str]:
        return list(self._members)

    def close(self) -> None:
        self._zip.close()

    def read(self, name: str) -> bytes:
        info = self._members[name]
        try:
            with self._zip.open(info) as stream:
                data = stream.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as error:
            raise self.fail(name, f"is damaged ({error})") from None
        except NotImplementedError as error:
            raise self.fail(name, f"cannot be unpacked ({error})") from None
        except RuntimeError as error:  # zipfile: a password is needed
            raise self.fail(name, f"cannot be read ({error})") from None
        if len(data) > MAX_MEMBER_BYTES:  # cannot happen while zipfile keeps to file_size
            raise self.fail(name, "unpacks to more than it states (a zip bomb?)")
        return data


@dataclass
class FolderBundle(Bundle):
    """A folder, such as an unpacked export: its regular files, no link followed."""

    path: Path
    _members: dict[str, Path] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        total = 0
        for root, folders, files in os.walk(self.path, followlinks=False):
            here = Path(root)
            for entry in [*folders, *files]:
                full = here / entry
                name = full.relative_to(self.path).as_posix()
                try:
                    info = full.lstat()
                except OSError as error:
                    raise self.fail(name, f"cannot be read ({error.strerror})") from None
                if stat.S_ISLNK(info.st_mode):
                    raise self.fail(name, "is a symbolic link")
                if not stat.S_ISREG(info.st_mode):
                    continue
                if info.st_size > MAX_MEMBER_BYTES:
                    raise self.fail(
                        name,
                        f"holds {size_text(info.st_size)}"
                        f" (the limit is {size_text(MAX_MEMBER_BYTES)})",
                    )
                total += info.st_size
                if total > MAX_TOTAL_BYTES or len(self._members) >= MAX_MEMBERS:
                    raise self.fail(name, "takes the folder past what one import reads")
                self._members[name] = full

    def names(self) -> list[str]:
        return sorted(self._members)

    def read(self, name: str) -> bytes:
        try:
            return self._members[name].read_bytes()
        except OSError as error:
            raise self.fail(name, f"cannot be read ({error.strerror})") from None


@dataclass
class OneFile(Bundle):
    """A single file read as a bundle of one member named ``name`` (a loose part of an
    export, such as one Omnivore metadata file)."""

    path: Path
    name: str
    data: bytes

    def names(self) -> list[str]:
        return [self.name]

    def read(self, name: str) -> bytes:
        return self.data


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def open_bundle(path: Path) -> Bundle:
    """The ZIP archive or folder at ``path``, checked (``UnsafeArchiveError`` if unsafe)."""
    if path.is_dir():
        return FolderBundle(path)
    return ZipBundle(path)
