"""Bytes to text: find the encoding a page was written in.

Order of evidence:

1. A byte-order mark settles it.
2. Bytes that are valid UTF-8 (and not plain ASCII) are UTF-8, whatever a label
   says: a legacy-encoded page is valid UTF-8 by accident essentially never,
   while a UTF-8 page mislabelled ``ISO-8859-1`` by a server or a template is
   common. This is also the fast path: most pages end here after one decode.
3. The page's own ``<meta charset>`` / ``http-equiv`` declaration (or XML
   declaration), then the charset in the HTTP ``Content-Type`` header when the
   caller passes it. The page's declaration is preferred because servers
   commonly send a blanket default for every file, while the author who wrote
   the page knew what they saved. A declared encoding that cannot decode the
   bytes strictly is skipped, so a lie in either place falls through to the
   next witness. When the two disagree and both decode, the one whose text
   looks like a language wins (see ``plausibility``); a tie goes to the page.
4. Detection, for pages without a usable declaration: charset-normalizer on a
   sample of the page's non-ASCII words (tags, scripts and styles removed, at
   most 24 KB), then, for a single-byte guess that does not read cleanly, the
   alphabet check below across the common single-byte encodings: it tells
   ISO-8859-2 from windows-1250 and windows-1252 where statistics alone cannot.
   A few milliseconds, and only for pages that are neither UTF-8 nor declared.
5. Decoding never fails: the last resort replaces undecodable bytes.

Labels are read the way browsers read them (the WHATWG Encoding Standard):
``ISO-8859-1`` and ``ASCII`` mean windows-1252, ``GB2312``/``GBK`` mean GB18030,
``Shift_JIS`` means windows-31J, ``EUC-KR`` means windows-949; and windows-1252's
five unassigned bytes decode to the C1 controls browsers give them rather than
making a page undecodable.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

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
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_:.+-]+)""")
_PRESCAN_BYTES = 16384

# Labels pages use that Python spells differently, or that browsers
# deliberately widen (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "iso_8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "l1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "latin5": "windows-1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "windows-949": "cp949",
    "iso-8859-8-i": "iso-8859-8",
    "utf8": "utf-8",
    "utf8mb4": "utf-8",
    "unicode": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-user-defined": "windows-1252",
}
_MULTIBYTE = frozenset(
    {"cp932", "shift_jis", "euc_jp", "euc_jis_2004", "iso2022_jp", "gb18030", "gbk",
     "gb2312", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "utf-8"}
)  # fmt: skip
# Single-byte encodings considered when detecting, most common on the web first.
_SINGLE_BYTE = (
    "cp1252", "cp1251", "iso8859_2", "cp1250", "koi8_r", "cp1253", "cp1254", "cp1257",
    "iso8859_15", "cp1256", "cp1255", "cp874", "iso8859_7", "koi8_u", "iso8859_5",
)  # fmt: skip
_TAGS = re.compile(rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
_SAMPLE_BYTES = 24576


def _c1_for_unassigned(error: UnicodeError) -> tuple[str, int]:
    """windows-1252's unassigned bytes (0x81, 0x8D...) as the C1 controls browsers use."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start]
    if 0x80 <= byte <= 0x9F:
        return chr(byte), error.start + 1
    raise error


codecs.register_error("clipper-c1", _c1_for_unassigned)


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
    if codec.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec.name


def declared_charset(content: bytes) -> str | None:
    """The encoding named by the page itself: ``<meta>`` or the XML declaration."""
    head = content[:_PRESCAN_BYTES]
    end = head.lower().find(b"</head")
    if end > 0:
        head = head[:end]
    match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    if match is None:
        return None
    return normalize_label(match.group(1).decode("ascii", "ignore"))


def _decode(content: bytes, encoding: str) -> str | None:
    """``content`` decoded strictly (cp1252's unassigned bytes aside), or ``None``."""
    try:
        if encoding == "cp1252":
            return content.decode(encoding, "clipper-c1")
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _sample(content: bytes) -> bytes:
    """Up to 24 KB of the page's words that are not plain ASCII, markup removed.

    Only those words tell encodings apart, and a page's first kilobytes are
    often all ASCII navigation. Cutting at ``<``/``>`` and at whitespace is safe
    in every ASCII-compatible encoding: those bytes are never the second byte of
    a Shift_JIS, GBK, Big5 or EUC character.
    """
    text = _TAGS.sub(b" ", content[:2_000_000])
    words = b" ".join(word for word in text.split() if not word.isascii())
    if len(words) > _SAMPLE_BYTES:
        cut = words.rfind(b" ", 0, _SAMPLE_BYTES)
        words = words[: cut if cut > 0 else _SAMPLE_BYTES]
    return words


# Letters of the alphabets written with single-byte encodings, by language or
# script, and punctuation any of them uses.
_ALPHABETS = (
    "äöüßÄÖÜ",  # German
    "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",  # French
    "áéíñóúüÁÉÍÑÓÚÜ",  # Spanish
    "áâãàçéêíóôõúÁÂÃÀÇÉÊÍÓÔÕÚ",  # Portuguese
    "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ",  # Italian
    "áéíóúëïöüèÉËÏÖÜ",  # Dutch
    "åäöéÅÄÖÉ",  # Swedish, Finnish
    "æøåéÆØÅÉ",  # Danish, Norwegian
    "áðéíóúýþæöÁÐÉÍÓÚÝÞÆÖ",  # Icelandic
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",  # Polish
    "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ",  # Czech
    "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ",  # Slovak
    "áéíóöőúüűÁÉÍÓÖŐÚÜŰ",  # Hungarian
    "ăâîșțşţĂÂÎȘȚŞŢ",  # Romanian
    "čćđšžČĆĐŠŽ",  # Croatian, Bosnian, Serbian (Latin), Slovenian
    "çğıöşüâîÇĞİÖŞÜÂÎ",  # Turkish
    "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ",  # Latvian
    "ąčęėįšųūžĄČĘĖĮŠŲŪŽ",  # Lithuanian
    "äõöüšžÄÕÖÜŠŽ",  # Estonian
    "".join(chr(c) for c in range(0x0400, 0x0460)) + "ґҐ",  # Cyrillic
    "".join(chr(c) for c in range(0x0386, 0x03CF)),  # Greek
    "".join(chr(c) for c in range(0x05D0, 0x05EB)),  # Hebrew
    "".join(chr(c) for c in range(0x0621, 0x064B)) + "پچژگکی",  # Arabic, Persian
    "".join(chr(c) for c in range(0x0E01, 0x0E5C)),  # Thai
)
_PUNCTUATION = frozenset("\u00a0«»“”‘’„‚–—…•·€£°©®™§¿¡×′″‹›")
_LETTER_LANGUAGES: dict[str, int] = {}
for _index, _alphabet in enumerate(_ALPHABETS):
    for _letter in _alphabet:
        _LETTER_LANGUAGES[_letter] = _LETTER_LANGUAGES.get(_letter, 0) | (1 << _index)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def plausibility(text: str) -> float:
    """How much ``text`` looks like one language correctly decoded (at most 1).

    The share of its non-ASCII characters that belong to a single language's
    alphabet (or are common punctuation), less the share of words whose case
    changes midway ("рИВЕТ": KOI8-R read as windows-1251). A wrong single-byte
    decoding scatters letters across alphabets (Polish in windows-1252 gives
    "³" and "¿"; Russian in ISO-8859-2 gives "Ďđčâĺň"), so its share drops.
    """
    sample = text[:6000]
    characters = Counter(_NON_ASCII.findall(sample))
    total = sum(characters.values())
    if not total:
        return 1.0
    per_language = [0] * len(_ALPHABETS)
    neutral = 0
    for character, count in characters.items():
        if character in _PUNCTUATION:
            neutral += count
            continue
        mask = _LETTER_LANGUAGES.get(character, 0)
        index = 0
        while mask:
            if mask & 1:
                per_language[index] += count
            mask >>= 1
            index += 1
    words = [w for w in _WORD.findall(sample) if not w.isascii()]
    odd = sum(1 for w in words if w[0].islower() and not w.islower())
    return (max(per_language) + neutral) / total - (odd / len(words) if words else 0.0)


def _normalizer_guess(sample: bytes, only: list[str] | None = None) -> str | None:
    """charset-normalizer's best encoding for ``sample`` (among ``only``, if given)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=only).best()
    except Exception:  # pragma: no cover - detection must never break decoding
        return None
    return normalize_label(best.encoding) if best is not None else None


def _detect(content: bytes) -> tuple[str, str] | None:
    """The likeliest encoding of undeclared, non-UTF-8 bytes, and the text."""
    sample = _sample(content)
    guess = _normalizer_guess(sample)
    if guess in _MULTIBYTE and guess is not None:
        text = _decode(content, guess)
        if text is not None:
            return text, guess
    # Single-byte: charset-normalizer cannot tell ISO-8859-2 from windows-1250 or
    # -1252 reliably; the alphabet check can. Its guess wins ties.
    candidates = [guess] if guess and guess not in _MULTIBYTE else []
    decoded_guess = _decode(sample, candidates[0]) if candidates else None
    clean = decoded_guess is not None and plausibility(decoded_guess) >= 0.98
    if clean and (text := _decode(content, candidates[0])) is not None:
        return text, candidates[0]  # a clean guess needs no second opinion
    candidates += [name for name in _SINGLE_BYTE if name != guess]
    scored = []
    for rank, encoding in enumerate(candidates):
        decoded_sample = _decode(sample, encoding)
        if decoded_sample is not None:
            scored.append((plausibility(decoded_sample), -rank, encoding))
    for _score, _rank, encoding in sorted(scored, reverse=True):
        if (text := _decode(content, encoding)) is not None:
            return text, encoding
    return None


def _choose(content: bytes, candidates: list[str]) -> tuple[str, str] | None:
    """The first declared encoding that decodes; between two that do, the likelier."""
    decoded = []
    for encoding in dict.fromkeys(candidates):
        text = _decode(content, encoding)
        if text is not None:
            decoded.append((text, encoding))
    if len(decoded) < 2:
        return decoded[0] if decoded else None
    sample = _sample(content)
    if all(encoding in _MULTIBYTE for _text, encoding in decoded):
        # Chinese, Japanese and Korean encodings: charset-normalizer's character
        # frequencies tell them apart, restricted to the declared pair.
        preferred = _normalizer_guess(sample, [encoding for _text, encoding in decoded])
        return next((item for item in decoded if item[1] == preferred), decoded[0])
    scores = []
    for rank, (text, encoding) in enumerate(decoded):
        sample_text = _decode(sample, encoding)
        score = plausibility(sample_text) if sample_text is not None else -1.0
        scores.append((score, -rank, text, encoding))
    _score, _rank, text, encoding = max(scores)
    return text, encoding


def decode_html(content: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a page; return ``(text, encoding used)``."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, "replace"), encoding
    if content.isascii():  # every ASCII-compatible encoding reads it alike
        return content.decode("ascii"), "ascii"
    if (text := _decode(content, "utf-8")) is not None:
        return text, "utf-8"
    declared = [declared_charset(content), normalize_label(http_charset or "")]
    candidates = [encoding for encoding in declared if encoding and encoding != "utf-8"]
    if chosen := _choose(content, candidates):
        return chosen
    if detected := _detect(content):
        return detected
    fallback = candidates[0] if candidates else "cp1252"
    return content.decode(fallback, "replace"), fallback
