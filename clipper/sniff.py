"""Is this HTML? Decide from the declared media type, and from the bytes when it lies.

Servers often send no Content-Type, or ``application/octet-stream`` or
``text/plain`` for HTML; and a saved file has no type at all. The bytes settle
it: known binary signatures (magic numbers) are refused by name, and markup is
accepted.

What a page says it is counts for more than a guess from its bytes: an
answer declared ``text/html`` and a file named ``.html`` are refused for a
magic number, or for bytes that are mostly noise (``NOISE``), never for a
few control bytes. A NUL or a stray control character in a page is a flaw
browsers tolerate (the HTML standard reads NUL as U+FFFD), not a sign that
it is binary.
"""

from __future__ import annotations

import re

from clipper.errors import NotHTMLError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: File names that say "a web page": their bytes are doubted only for a magic number.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
# Types that may be HTML mislabelled; anything else declared is believed.
_VAGUE_TYPES = frozenset(
    {"", "text/plain", "application/octet-stream", "binary/octet-stream", "application/xml",
     "text/xml", "application/x-unknown", "unknown/unknown", "application/unknown"}
)  # fmt: skip

#: Magic numbers at the start of a file, long enough that no page starts so by chance.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"(\xb5/\xfd", "application/zstd"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"SQLite format 3\x00", "application/vnd.sqlite3"),
    (b"\x7fELF", "application/x-executable"),
    (b"\x00asm", "application/wasm"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"\x1aE\xdf\xa3", "video/webm"),
    (b"%!PS", "application/postscript"),
    (b"{\\rtf", "application/rtf"),
)
#: RIFF containers, by the form named at offset 8.
_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|title|meta|p|div|article|h1|script|link|!--)[\s>/]",
    re.IGNORECASE,
)


def magic(content: bytes) -> str | None:
    """The media type a file's magic number names, or ``None``: the one proof of not-HTML."""
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head.startswith(b"RIFF"):
        return _RIFF.get(head[8:12], "application/octet-stream")
    if head[4:8] == b"ftyp":  # ISO media: MP4, MOV, HEIC, AVIF...
        return "video/mp4"
    return None


def sniff(content: bytes) -> str | None:
    """The media type the bytes themselves show, or ``None`` when they show none."""
    head = content[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    found = magic(head)
    if found is not None:
        return found
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _looks_binary(head):  # before markup: noise can hold "<p>" by chance
        return "application/octet-stream"
    if _MARKUP.search(head):
        return "text/html"
    if head[:1] in (b"{", b"["):
        return "application/json"
    return None


# Control bytes that text in any ASCII-compatible encoding may hold.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
#: Shares of control bytes in the first kilobyte above which bytes are binary: for
#: an answer that does not say what it is (more than a trace), and for one that says
#: it is HTML (noise: random bytes have about one in ten, a flawed page a handful).
TRACE, NOISE = 1 / 100, 1 / 20


def _looks_binary(head: bytes, share: float = TRACE) -> bool:
    """More than ``share`` of C0 control bytes: no text encoding produces those.

    Random binary has about one in nine bytes below 0x20; a page, in any
    ASCII-compatible encoding, has none beyond tabs and line breaks, or a
    stray one (a NUL pasted from somewhere), which even a short page may hold.
    """
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(1.0, len(head) * share)


def ensure_html(
    content: bytes, declared_type: str = "", *, where: str, named_html: bool = False
) -> None:
    """Raise ``NotHTMLError`` unless ``content`` is (probably) an HTML page.

    A magic number (``magic``) refuses whatever the label says. Otherwise a
    declared HTML type, or a file whose name ends in ``.html`` (``named_html``),
    is believed unless its bytes are noise. For the rest, markup in the bytes
    wins over any declared type; without markup, a vague type (``text/plain``,
    ``octet-stream``, none) is trusted unless the bytes look binary.
    """
    declared = declared_type.split(";")[0].strip().lower()
    sniffed = sniff(content)
    if sniffed == "text/html":
        return
    labelled = declared in HTML_TYPES or named_html
    if labelled and magic(content) is None and not _looks_binary(content[:1024], NOISE):
        return
    trusted = declared in _VAGUE_TYPES or declared.endswith("+xml")
    if sniffed is None and trusted:
        return
    actual = sniffed or declared or "unknown"
    raise NotHTMLError(
        f"{where} is not an HTML page ({actual}); clipper clips web pages",
        content_type=actual,
    )
