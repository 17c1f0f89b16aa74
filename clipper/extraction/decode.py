"""Bytes to text: find the encoding a page was written in.

Order of evidence: a byte-order mark; the page's own ``<meta charset>`` or
``http-equiv`` declaration; the charset in the HTTP Content-Type header; then
statistical detection. The page's declaration is preferred to the server's
because servers commonly send a blanket default (``ISO-8859-1``) for every
file, while the author who wrote the page knew what they saved. Any declared
encoding that cannot decode the bytes strictly is skipped, so a lie in either
place falls through to the next witness. Decoding never fails: the last resort
replaces undecodable bytes.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE
)
_PRESCAN_BYTES = 4096

# Labels pages use that Python spells differently, or that browsers
# deliberately widen (WHATWG Encoding Standard): latin-1 means windows-1252.
_ALIASES = {
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "tis-620": "cp874",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "x-user-defined": "windows-1252",
}


def normalize_label(label: str) -> str | None:
    """Python's codec name for an encoding label, or ``None`` if it knows none."""
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    name = _ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # A page cannot really be UTF-16 once it has been read as ASCII-compatible
    # bytes to find this declaration; browsers treat the label as UTF-8.
    if codec.name.startswith("utf-16") or codec.name.startswith("utf-32"):
        return "utf-8"
    return codec.name


def declared_charset(content: bytes) -> str | None:
    """The encoding named by the page's ``<meta>`` tags, if any."""
    match = _META_CHARSET.search(content[:_PRESCAN_BYTES])
    if match is None:
        return None
    return normalize_label(match.group(1).decode("ascii", "ignore"))


def _strict(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(content: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    best = from_bytes(content[:200_000]).best()
    return None if best is None else normalize_label(best.encoding)


def decode_html(content: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a page; return ``(text, encoding used)``."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, "replace"), encoding
    declared = [declared_charset(content), normalize_label(http_charset or "")]
    candidates = [encoding for encoding in declared if encoding]
    for encoding in candidates:
        # windows-1252 decodes almost anything, so prefer UTF-8 when the bytes
        # are valid UTF-8: a false positive there is vanishingly rare.
        if encoding == "cp1252" and _is_utf8_with_non_ascii(content):
            return content.decode("utf-8"), "utf-8"
        text = _strict(content, encoding)
        if text is not None:
            return text, encoding
    if (text := _strict(content, "utf-8")) is not None:
        return text, "utf-8"
    detected = _detect(content)
    if detected and (text := _strict(content, detected)) is not None:
        return text, detected
    fallback = candidates[0] if candidates else detected or "utf-8"
    return content.decode(fallback, "replace"), fallback


def _is_utf8_with_non_ascii(content: bytes) -> bool:
    if content.isascii():
        return False
    return _strict(content, "utf-8") is not None
