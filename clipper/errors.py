"""Every error clipper raises on purpose, in one tree.

The CLI turns any ``ClipperError`` into a single line on stderr and exit code 1
(``clipper.cli``); nothing else in clipper prints errors or chooses exit codes.
Lower layers (httpx, sqlite3, the file system) are translated into these classes
where clipper calls them, so callers never see a foreign exception type.

    ClipperError
    ├── SourceError            the file, stdin or URL argument cannot be read
    ├── FetchError             the page could not be fetched
    │   ├── HTTPStatusError    the server answered 4xx/5xx
    │   ├── FetchTimeout       connect/read timeout or the total deadline passed
    │   ├── TooLargeError      the decoded body passed the size limit
    │   └── NotHTMLError       the answer is a PDF, image, JSON, ...
    ├── ExtractionError        no article could be extracted from the page
    ├── FeedError              the answer is not a feed clipper can read (RSS, Atom, JSON Feed)
    ├── LibraryError           the SQLite library cannot be opened or written
    │   ├── NotFoundError      no clipping has that id
    │   ├── AlreadyClippedError  that story is already stored under that URL
    │   └── SchemaError        the library was written by a newer clipper
    ├── QueryError             the search query is malformed
    ├── ConfigError            the settings file is malformed
    ├── ExportError            export or import could not complete
    └── TerminalError          the pager, editor or browser could not be used
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class ClipperError(Exception):
    """Base class: the message is shown to the user as is, so it says what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def internal_error(error: BaseException) -> str:
    """The message for an exception clipper did not expect: a bug, said as one."""
    return (
        f"internal error ({type(error).__name__}: {error}); this is a bug in clipper, "
        "please report it"
    )


@contextmanager
def reading(path: object, wanted: str) -> Iterator[None]:
    """Around reading the file ``path``: its failures as a ``SourceError`` that
    says what to give instead (``wanted``, e.g. "the file to import")."""
    try:
        yield
    except FileNotFoundError:
        raise SourceError(f"no such file: {path}; give {wanted}") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder; give {wanted}") from None
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror}") from None


class SourceError(ClipperError):
    """The SOURCE argument names nothing readable (missing file, empty stdin)."""


class FetchError(ClipperError):
    """The page could not be fetched (network failure, bad answer)."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, url: str | None = None, status: int) -> None:
        super().__init__(message, url=url)
        self.status = status


class FetchTimeout(FetchError):
    """The server did not answer, or not completely, in time."""


class TooLargeError(FetchError):
    """The page is larger than the configured limit."""


class NotHTMLError(FetchError):
    """The answer is not an HTML page."""

    def __init__(self, message: str, *, url: str | None = None, content_type: str) -> None:
        super().__init__(message, url=url)
        self.content_type = content_type


class ExtractionError(ClipperError):
    """The page holds no article clipper can extract."""


class FeedError(ClipperError):
    """The answer is not a feed, or not one clipper can read.

    ``feeds`` holds the feeds that a web page answered instead links to, so
    the caller can offer them.
    """

    def __init__(self, message: str, *, feeds: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.feeds = feeds


class LibraryError(ClipperError):
    """The clippings library cannot be opened, read or written."""


class NotFoundError(LibraryError):
    """No clipping has the requested id."""


class AlreadyClippedError(LibraryError):
    """The same story under the same canonical URL is already in the library."""

    def __init__(self, message: str, *, clipping_id: int) -> None:
        super().__init__(message)
        self.clipping_id = clipping_id


class SchemaError(LibraryError):
    """The library's schema is newer than this clipper understands."""


class QueryError(ClipperError):
    """The search query cannot be understood."""


class ConfigError(ClipperError):
    """The settings file cannot be read or holds a wrong value."""


class ExportError(ClipperError):
    """An export or import could not be completed."""


class TerminalError(ClipperError):
    """The editor, pager or web browser clipper needed could not be used."""
