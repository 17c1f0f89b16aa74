"""Is this HTML? Decide from the declared media type, and from the bytes when it lies.

Servers often send no Content-Type, or ``application/octet-stream`` or
``text/plain`` for HTML; and a saved file has no type at all. The bytes settle
it: known binary signatures are refused by name, and markup is accepted.
"""

from __future__ import annotations

import re

from clipper.errors import NotHTMLError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types that may be HTML mislabelled; anything else declared is believed.
_VAGUE_TYPES = frozenset(
    {"", "text/plain", "application/octet-stream", "binary/octet-stream", "application/xml",
     "text/xml", "application/x-unknown", "unknown/unknown", "application/unknown"}
)  # fmt: skip

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"RIFF", "image/webp"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"\x00\x00\x00", "video/mp4"),
    (b"%!PS", "application/postscript"),
    (b"{\\rtf", "application/rtf"),
)
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|title|meta|p|div|article|h1|script|link|!--)[\s>/]",
    re.IGNORECASE,
)


def sniff(content: bytes) -> str | None:
    """The media type the bytes themselves show, or ``None`` when they show none."""
    head = content[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if _looks_binary(head):  # before markup: noise can hold "<p>" by chance
        return "application/octet-stream"
    if _MARKUP.search(head):
        return "text/html"
    if head[:1] in (b"{", b"["):
        return "application/json"
    return None


# Control bytes that text in any ASCII-compatible encoding may hold.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def _looks_binary(head: bytes) -> bool:
    """More than a trace of C0 control bytes: no text encoding produces those.

    Random binary has about one in nine bytes below 0x20; a page, in any
    ASCII-compatible encoding, has none beyond tabs and line breaks.
    """
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > len(head) // 100 or b"\x00" in head


def ensure_html(content: bytes, declared_type: str = "", *, where: str) -> None:
    """Raise ``NotHTMLError`` unless ``content`` is (probably) an HTML page.

    Markup in the bytes wins over any declared type; without markup, a declared
    HTML type or a vague one (``text/plain``, ``octet-stream``, none) is trusted
    unless the bytes carry a known binary signature.
    """
    declared = declared_type.split(";")[0].strip().lower()
    sniffed = sniff(content)
    if sniffed == "text/html":
        return
    trusted = declared in HTML_TYPES or declared in _VAGUE_TYPES or declared.endswith("+xml")
    if sniffed is None and trusted:
        return
    actual = sniffed or declared or "unknown"
    raise NotHTMLError(
        f"{where} is not an HTML page ({actual}); clipper clips web pages",
        content_type=actual,
    )
