"""``--since`` values: an absolute date or time, or a span back from now.

Accepted: ``2024-05-01`` (midnight, local time), ``2024-05-01T08:30`` (local
unless it carries an offset), ``7d``, ``12h``, ``2w``, ``3m`` (months of 30
days), ``1y`` (365 days), ``today`` and ``yesterday`` (local midnight).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_SPAN = re.compile(r"(\d+)\s*(h|d|w|m|y)", re.IGNORECASE)
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7, "m": 24 * 30, "y": 24 * 365}


def parse_since(value: str, *, now: datetime | None = None) -> datetime:
    """The moment ``value`` names, timezone-aware; ``ValueError`` says what is accepted."""
    now = (now or datetime.now()).astimezone()
    text = value.strip().lower()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if text == "today":
        return midnight
    if text == "yesterday":
        return midnight - timedelta(days=1)
    span = _SPAN.fullmatch(text)
    if span:
        return now - timedelta(hours=int(span.group(1)) * _UNIT_HOURS[span.group(2)])
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{value!r} is not a date; use a date like 2024-05-01, or 7d, 2w, 3m, 1y, today"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()
