"""The dates feeds write, as clipper stores dates (ISO 8601, with the offset given).

RSS writes RFC 822 dates and Atom and JSON Feed RFC 3339, each in more
variants than the standards allow: two-digit years, RFC 850's
``Sunday, 06-Nov-94``, zone names (``EST``, ``CEST``), a lower-case ``t``
or ``z``, no seconds, fractions of a second, or no time at all. The offset a
feed gives is kept, so a story published at 08:00 in Tokyo is stored so.
A date that cannot be read is no date (``None``), never a guess.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone

_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
#: Zone names seen in feeds that ``email.utils`` does not know (it knows UT, GMT,
#: Z and the North American ones). Only names that mean one offset each.
_ZONES = {
    "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
    "BST": 1, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
    "ACST": 9.5, "AWST": 8, "NZST": 12, "NZDT": 13, "UTC": 0,
}  # fmt: skip
#: The zone names ``email.utils`` reads itself (RFC 822's, and UTC).
_KNOWN_ZONES = frozenset(
    {"UT", "UTC", "GMT", "Z", "AST", "ADT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"}
)
_NUMERIC_ZONE = re.compile(r"[+-]\d{4}")


def feed_date(raw: str | None, parsed: time.struct_time | None = None) -> str | None:
    """``raw`` (a feed's date) as clipper stores dates; ``parsed`` (feedparser's
    reading, in UTC) when ``raw`` is in none of the forms read here."""
    text = " ".join(raw.split())[:100] if raw else ""
    if text:
        found = rfc3339(text) or rfc822(text)
        if found is not None:
            return found
    if parsed is not None:
        try:
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def rfc3339(text: str) -> str | None:
    """``2020-12-22T10:00:00.5+01:00`` and its loose kin → ``2020-12-22T10:00:00+01:00``."""
    match = _RFC3339.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day)).isoformat()
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if zone:
        moment = moment.replace(tzinfo=_offset(zone))
    return moment.isoformat()


def _offset(zone: str) -> timezone:
    if zone in ("Z", "z"):
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def rfc822(text: str) -> str | None:
    """``Tue, 22 Dec 2020 10:00:00 +0100`` (or RFC 850, or with a zone's name) → ISO 8601.

    A date with no zone, an unknown zone's name or ``-0000`` (RFC 2822's "no
    information about the zone") is stored without an offset.
    """
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    zone = text.rsplit(" ", 1)[-1].upper()
    offset: int | None = None
    if _NUMERIC_ZONE.fullmatch(zone):
        offset = None if zone == "-0000" else parts[9]
    elif zone in _KNOWN_ZONES:
        offset = parts[9]
    elif zone in _ZONES:
        offset = int(_ZONES[zone] * 3600)
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if offset is not None:
        moment = moment.replace(tzinfo=timezone(timedelta(seconds=offset)))
    return moment.isoformat()


def sort_key(value: str | None) -> float | None:
    """A date as stored, as seconds since the epoch (UTC when it names no zone)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
