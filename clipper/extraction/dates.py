"""Turn the many ways pages write dates into ISO 8601.

A value with a time keeps it (and its UTC offset when the page gave one); a
value without a time becomes a plain date. Anything implausible (before 1990
or more than a day in the future) is rejected rather than guessed at.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january janv janvier enero ene januar gennaio janeiro январь января янв",
            "feb february févr fevrier février febrero febr februar febbraio fevereiro"
            " февраль февраля фев",
            "mar march mars marzo märz maerz marzo março март марта",
            "apr april avr avril abril aprile апрель апреля апр",
            "may mai mayo maggio maio май мая",
            "jun june juin junio juni giugno junho июнь июня",
            "jul july juil juillet julio juli luglio julho июль июля",
            "aug august août aout agosto август августа авг",
            "sep sept september septembre septiembre settembre setembro сентябрь сентября сен",
            "oct october octobre octubre okt oktober ottobre outubro октябрь октября окт",
            "nov november novembre noviembre novembro ноябрь ноября ноя",
            "dec december déc décembre decembre diciembre dez dezember dicembre dezembro"
            " декабрь декабря дек",
        ],
        start=1,
    )
    for name in names.split()
}  # fmt: skip

_ISO = re.compile(
    r"(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:[T ](?P<H>[0-2]\d):?(?P<M>[0-5]\d)(?::?(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?"
)
_NUMERIC = re.compile(
    r"\b(?P<a>[0-3]?\d)[./-](?P<b>[01]?\d)[./-](?P<y>(?:19|20)\d\d)"
    r"(?:,?\s+(?P<H>[0-2]?\d):(?P<M>[0-5]\d))?"
)
_WORDY = re.compile(
    r"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?P<m1>[^\W\d_]{3,10})\.?(?:\s+de)?,?\s+(?P<y1>(?:19|20)\d\d))"
    r"|(?:(?P<m2>[^\W\d_]{3,10})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[-_]|$)")
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*([01]?\d)\s*月\s*([0-3]?\d)\s*日")


def _plausible(day: date) -> bool:
    return date(1990, 1, 1) <= day <= (datetime.now(UTC) + timedelta(days=1)).date()


def _make(
    year: int, month: int, day: int, hour: str | None = None, minute: str | None = None,
    second: str | None = None, tz: str | None = None,
) -> str | None:  # fmt: skip
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if not _plausible(day_value):
        return None
    if hour is None or minute is None:
        return day_value.isoformat()
    try:
        moment = datetime(year, month, day, int(hour), int(minute), int(second or 0))
    except ValueError:
        return day_value.isoformat()
    text = moment.isoformat()
    if tz:
        if tz == "Z":
            return text + "+00:00"
        return text + (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return text


def parse_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime for ``value``, or ``None`` when it holds none."""
    if not value:
        return None
    text = " ".join(str(value).split())[:200]
    if match := _ISO.search(text):
        g = match.groupdict()
        return _make(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], g["tz"])
    if match := _CJK_DATE.search(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    else:
        if _plausible(moment.date()):
            return moment.replace(microsecond=0).isoformat()
    if match := _NUMERIC.search(text):
        first, second = int(match["a"]), int(match["b"])
        # Day first is the norm outside the US; a first field above 12 settles it.
        day, month = (first, second) if first > 12 or second <= 12 else (second, first)
        return _make(int(match["y"]), month, day, match["H"], match["M"])
    if match := _WORDY.search(text):
        g = match.groupdict()
        month_name = (g["m1"] or g["m2"] or "").lower().rstrip(".")
        named_month = _MONTHS.get(month_name) or _MONTHS.get(month_name[:3])
        if named_month:
            return _make(int(g["y1"] or g["y2"]), named_month, int(g["d1"] or g["d2"]))
    return None


def date_from_url(url: str) -> str | None:
    """A date in the URL path (``/2020/12/22/``), the weakest witness of all."""
    match = _URL_DATE.search(url)
    return _make(int(match[1]), int(match[2]), int(match[3])) if match else None
