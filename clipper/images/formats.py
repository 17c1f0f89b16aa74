"""What an image's bytes are, and how many pixels its header claims.

Servers label images wrongly all the time (a PNG sent as ``image/jpeg``, a JPEG
as ``application/octet-stream``) and sometimes send something else entirely
under an image's name (a login page, an error page). The bytes decide: an image
is stored only when its magic number is one of the formats below, and under the
type its bytes show.

Dimensions come from each format's header, read directly (a few bytes, no
decoding), so a decompression bomb, a small file that claims 50,000 × 50,000
pixels, is refused before anything could decode it. No image library is needed:
clipper never decodes or draws a picture.

SVG is text: it is recognised by its root element and stored as data. It is
never parsed as XML here (no entities are expanded), rendered or executed.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

#: Most pixels an image may claim: four times a 50-megapixel photograph, and far
#: beyond any picture a news story shows; 100 million RGBA pixels decode to 400 MB.
MAX_PIXELS = 100_000_000


@dataclass(frozen=True)
class ImageFormat:
    """A format clipper keeps: its media type and the file extension it is saved under."""

    media_type: str
    extension: str


JPEG = ImageFormat("image/jpeg", "jpg")
PNG = ImageFormat("image/png", "png")
GIF = ImageFormat("image/gif", "gif")
WEBP = ImageFormat("image/webp", "webp")
AVIF = ImageFormat("image/avif", "avif")
SVG = ImageFormat("image/svg+xml", "svg")
FORMATS = (JPEG, PNG, GIF, WEBP, AVIF, SVG)
BY_TYPE = {kind.media_type: kind for kind in FORMATS}

#: Bytes of the start of an SVG file read to find its root element (a long
#: comment or doctype before it is allowed, up to this).
_SVG_PROLOG = 65536
_PROLOG_PART = re.compile(
    rb"\s+|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE\s[^[>]*(?:\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE
)
_SVG_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_AVIF_BRANDS = (b"avif", b"avis")


def sniff(data: bytes) -> ImageFormat | None:
    """The format ``data`` is in, by its magic number (SVG by its root element)."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and _is_avif(data):
        return AVIF
    if _is_svg(data):
        return SVG
    return None


def _is_avif(data: bytes) -> bool:
    """An ISO media file whose major or compatible brands name AVIF."""
    size = int.from_bytes(data[:4], "big")
    box = data[8 : min(max(size, 16), 256)]
    return any(box[i : i + 4] in _AVIF_BRANDS for i in range(0, len(box) - 3, 4))


def _text_start(data: bytes) -> bytes:
    """The start of ``data`` as UTF-8 bytes (an SVG saved as UTF-16 is re-encoded)."""
    head = data[:_SVG_PROLOG]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf")


def _is_svg(data: bytes) -> bool:
    head = _text_start(data)
    position = 0
    while match := _PROLOG_PART.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    return _SVG_ROOT.match(head, position) is not None


def could_be_image(start: bytes) -> bool:
    """Whether the first bytes of a download may still turn out to be an image: a raster
    format's magic number, or text that may be an SVG (decided once all has arrived).

    Lets a download that is plainly something else (an HTML page, a PDF, a ZIP) stop
    after its first kilobyte.
    """
    if sniff(start) is not None:
        return True
    head = _text_start(start).lstrip()
    return head.startswith(b"<") and _HTML_START.match(head) is None


def describe_other(data: bytes) -> str:
    """What a body that is not an image looks like, for the reason it was refused."""
    head = _text_start(data).lstrip()
    if _HTML_START.match(head):
        return "an HTML page"
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head.startswith((b"{", b"[")):
        return "JSON or other text"
    if not data:
        return "empty"
    return "an unknown format"


# -- dimensions -------------------------------------------------------------------------


def dimensions(data: bytes, kind: ImageFormat) -> tuple[int, int] | None:
    """Width and height in pixels as the header states them, or ``None`` when it does not
    say (or is cut short). SVG sizes are read from the root element's ``width`` and
    ``height`` (in pixels), else its ``viewBox``."""
    try:
        if kind is PNG:
            return _png(data)
        if kind is GIF:
            return _pair(struct.unpack_from("<HH", data, 6))
        if kind is JPEG:
            return _jpeg(data)
        if kind is WEBP:
            return _webp(data)
        if kind is AVIF:
            return _avif(data)
        if kind is SVG:
            return _svg(data)
    except struct.error:  # a header cut short
        return None
    return None


def _pair(values: tuple[int, ...]) -> tuple[int, int]:
    return int(values[0]), int(values[1])


def _png(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":
        return None
    return _pair(struct.unpack_from(">II", data, 16))


#: Start-of-frame markers, whose segment holds the frame's size (not DHT, JPG, DAC).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # no length follows
            position += 2
            continue
        if marker == 0xDA:  # start of scan: the frame header was not found before it
            return None
        (length,) = struct.unpack_from(">H", data, position + 2)
        if marker in _SOF:
            height, width = struct.unpack_from(">HH", data, position + 5)
            return int(width), int(height)
        position += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: a key frame's header after its start code
        if data[23:26] != b"\x9d\x01\x2a":
            return None
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":  # lossless: 14 bits each, minus one
        if data[20] != 0x2F:
            return None
        (bits,) = struct.unpack_from("<I", data, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: 24 bits each, minus one
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None


def _avif(data: bytes) -> tuple[int, int] | None:
    """The largest image spatial extent (``ispe``) property in the file's first 64 KB:
    the whole picture's, when it is a grid of tiles."""
    found: list[tuple[int, int]] = []
    head = data[:65536]
    start = head.find(b"ispe")
    while start >= 4 and len(found) < 16:
        found.append(_pair(struct.unpack_from(">II", head, start + 8)))
        start = head.find(b"ispe", start + 4)
    return max(found, key=lambda size: size[0] * size[1]) if found else None


_SVG_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg\b[^>]*>", re.DOTALL)
_LENGTH = rb"""\s*=\s*["']\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*["']"""
_WIDTH = re.compile(rb"\swidth" + _LENGTH)
_HEIGHT = re.compile(rb"\sheight" + _LENGTH)
_VIEWBOX = re.compile(
    rb"""\sviewBox\s*=\s*["']\s*(?:[-+0-9.eE]+[\s,]+){2}([0-9.]+)[\s,]+([0-9.]+)"""
)


def _svg(data: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(_text_start(data))
    if tag is None:
        return None
    attributes = tag.group()
    width, height = _WIDTH.search(attributes), _HEIGHT.search(attributes)
    try:
        if width and height:
            return round(float(width.group(1))), round(float(height.group(1)))
        if box := _VIEWBOX.search(attributes):
            return round(float(box.group(1))), round(float(box.group(2)))
    except (ValueError, OverflowError):
        return None
    return None
