"""Dates as pages write them, in many languages, to ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.extraction.dates import (
    date_from_url,
    fetch_time,
    is_day_of_year,
    labelled_dates,
    parse_date,
    relative_date,
    short_year_alone,
)

ISO = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d([+-]\d\d:\d\d)?)?")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO 8601 and machine formats keep their time and offset.
        ("2020-12-22T20:41:00+05:30", "2020-12-22T20:41:00+05:30"),
        ("2020-12-22T15:11:00Z", "2020-12-22T15:11:00+00:00"),
        ("2020-12-22T15:11:00.000-0500", "2020-12-22T15:11:00-05:00"),
        ("2020-12-22T15:11:00+01", "2020-12-22T15:11:00+01:00"),
        ("2020-12-22 20:41", "2020-12-22T20:41:00"),
        ("2020-12-22", "2020-12-22"),
        ("20201222", "2020-12-22"),
        ("2020/12/22 20:41", "2020-12-22T20:41:00"),
        ("2020.12.22", "2020-12-22"),
        ("Tue, 22 Dec 2020 15:11:00 GMT", "2020-12-22T15:11:00+00:00"),
        ("Tue, 22 Dec 2020 15:11:00 +0100", "2020-12-22T15:11:00+01:00"),
        # Visible datelines, zone abbreviations included.
        ("22-12-2020 20:41 IST", "2020-12-22T20:41:00+05:30"),
        ("Nov 19, 2019 11:11 PM EST", "2019-11-19T23:11:00-05:00"),
        ("Fri 6:45 PM, Feb 16, 2018", "2018-02-16T18:45:00"),
        ("December 22, 2020", "2020-12-22"),
        ("Dec. 22, 2020", "2020-12-22"),
        ("22nd December 2020", "2020-12-22"),
        ("22.12.2020", "2020-12-22"),
        ("22.12.2020, 14.30 Uhr", "2020-12-22T14:30:00"),
        ("12:05 am, 3 March 2021 GMT", "2021-03-03T00:05:00+00:00"),
        # German, French, Spanish, Italian, Portuguese, Dutch, Polish, Turkish.
        ("22. Dezember 2020", "2020-12-22"),
        ("3. März 2021 um 14:05 Uhr", "2021-03-03T14:05:00"),
        ("22 décembre 2020 à 20h41", "2020-12-22T20:41:00"),
        ("1er mars 2021", "2021-03-01"),
        ("22 de diciembre de 2020", "2020-12-22"),
        ("22 dicembre 2020 ore 20:41", "2020-12-22T20:41:00"),
        ("22 de dezembro de 2020 às 20h41", "2020-12-22T20:41:00"),
        ("22 december 2020", "2020-12-22"),
        ("22 grudnia 2020", "2020-12-22"),
        ("22 Aralık 2020", "2020-12-22"),
        # Czech, Slovak, Hungarian, Romanian, Croatian, Serbian, Bulgarian, Finnish,
        # Estonian, Latvian, Lithuanian, Catalan, Malay, Tagalog, Swedish.
        ("22. prosince 2020 10:45", "2020-12-22T10:45:00"),
        ("3. mája 2021", "2021-05-03"),
        ("2020. december 22. 14:05", "2020-12-22T14:05:00"),
        ("2021. márc. 3.", "2021-03-03"),
        ("3 martie 2021", "2021-03-03"),
        ("22. prosinca 2020.", "2020-12-22"),
        ("3. septembar 2021", "2021-09-03"),
        ("22 декември 2020", "2020-12-22"),
        ("22. joulukuuta 2020", "2020-12-22"),
        ("22. detsember 2020", "2020-12-22"),
        ("22. decembrī 2020", "2020-12-22"),
        ("22 gruodžio 2020", "2020-12-22"),
        ("3 d'agost de 2021", "2021-08-03"),
        ("3 Ogos 2021", "2021-08-03"),
        ("3 Disyembre 2021", "2021-12-03"),
        ("3 augusti 2021", "2021-08-03"),
        # Russian, Ukrainian, Greek, Arabic (Egyptian and Levantine months, Arabic-Indic digits).
        ("22 декабря 2020 г., 20:41", "2020-12-22T20:41:00"),
        ("22 грудня 2020", "2020-12-22"),
        ("22 Δεκεμβρίου 2020", "2020-12-22"),
        ("22 ديسمبر 2020", "2020-12-22"),
        ("٢٢ ديسمبر ٢٠٢٠", "2020-12-22"),
        ("22 كانون الأول 2020", "2020-12-22"),
        ("3 آب 2021", "2021-08-03"),
        # Chinese, Japanese, Korean.
        ("2020年12月22日", "2020-12-22"),
        ("2020年12月22日 20:41", "2020-12-22T20:41:00"),
        ("2020年12月22日 20時41分", "2020-12-22T20:41:00"),
        ("２０２０年１２月２２日", "2020-12-22"),
        ("2020년 12월 22일 오후 8:41", "2020-12-22T20:41:00"),
        ("2020年12月22日 下午3:05", "2020-12-22T15:05:00"),
        # Compact machine dates with a time and no "T"; Indonesian short months;
        # Hindi month names; Thai month names and Buddhist-era years (2568 = 2025).
        ("20251203094500", "2025-12-03T09:45:00"),
        ("Rabu, 03 Des 2025 16:05 WIB", "2025-12-03T16:05:00+07:00"),
        ("17 Agt 2025", "2025-08-17"),
        ("3 दिसंबर 2025, 04:05 PM IST", "2025-12-03T16:05:00+05:30"),
        ("3 ธันวาคม 2568", "2025-12-03"),
        ("3 ธ.ค. 2568 16:05 น.", "2025-12-03T16:05:00"),
        # Spanish "del", English "of", Greek "3η", slashes, Lithuanian "m.", Polish
        # short months.
        ("3 de diciembre del 2025", "2025-12-03"),
        ("3rd of December 2025", "2025-12-03"),
        ("3η Δεκεμβρίου 2025", "2025-12-03"),
        ("03/dic/2025", "2025-12-03"),
        ("2025 m. gruodžio 3 d.", "2025-12-03"),
        ("3 paź 2025, 16:05", "2025-10-03T16:05:00"),
        ("3 sty 2025", "2025-01-03"),
        # Vietnamese numbers its months; Hebrew, Persian, Urdu, Swahili, Bengali
        # names; Devanagari and Bengali digits.
        ("3 tháng 12, 2025", "2025-12-03"),
        ("ngày 3 tháng 12 năm 2025 16:05", "2025-12-03T16:05:00"),
        ("3 בדצמבר 2025", "2025-12-03"),
        ("۳ دسامبر ۲۰۲۵", "2025-12-03"),
        ("3 دسمبر 2025", "2025-12-03"),
        ("3 Desemba 2025", "2025-12-03"),
        ("৩ ডিসেম্বর ২০২৫", "2025-12-03"),
        ("३ दिसंबर २०२५", "2025-12-03"),
        # A month's short name between dots (Folha de S.Paulo's dateline).
        ("21.dez.2018 às 10h55", "2018-12-21T10:55:00"),
        ("21.Dec.2018", "2018-12-21"),
        ("3 dhjetor 2025", "2025-12-03"),  # Albanian
        ("2025. gada 3. decembrī 10:05", "2025-12-03T10:05:00"),  # Latvian
        ("15 korrik 2024, 10:05", "2024-07-15T10:05:00"),
        # The Solar Hijri calendar (Persian): Nowruz moves between 20 and 21 March
        # with the leap years (1399 and 1403 were leap).
        ("۱۲ آذر ۱۴۰۴", "2025-12-03"),
        ("۱۲ آذر ۱۴۰۴ - ۱۰:۰۵", "2025-12-03T10:05:00"),
        ("۱۴۰۴/۰۹/۱۲", "2025-12-03"),
        ("1404/09/12", "2025-12-03"),
        ("۱ فروردین ۱۴۰۳", "2024-03-20"),
        ("۳۰ اسفند ۱۴۰۳", "2025-03-20"),
        ("۱ فروردین ۱۴۰۴", "2025-03-21"),
        ("۱ فروردین ۱۴۰۰", "2021-03-21"),
        ("۱۰ دی ۱۴۰۳", "2024-12-30"),
        ("۳۱ شهریور ۱۳۷۰", "1991-09-22"),
        ("۱۲ قوس ۱۴۰۴", "2025-12-03"),  # Dari month names (Afghanistan)
        ("۱ حمل ۱۴۰۴", "2025-03-21"),
        # The English months in the other Indic scripts, with their digits.
        ("3 डिसेंबर 2025", "2025-12-03"),  # Marathi
        ("३ डिसेम्बर २०२५", "2025-12-03"),  # Nepali
        ("03 டிசம்பர் 2025", "2025-12-03"),  # Tamil
        ("3 డిసెంబర్ 2025", "2025-12-03"),  # Telugu
        ("ಡಿಸೆಂಬರ್ 3, 2025", "2025-12-03"),  # Kannada
        ("2025 ഡിസംബർ 3", "2025-12-03"),  # Malayalam
        ("૩ ડિસેમ્બર ૨૦૨૫", "2025-12-03"),  # Gujarati
        ("3 ਦਸੰਬਰ 2025", "2025-12-03"),  # Punjabi
        ("๓ ธ.ค. ๒๕๖๘", "2025-12-03"),  # Thai digits
        ("उन्होंने 3 मे 2025 रोजी", "2025-05-03"),
        # Galician, Azerbaijani, Uzbek, Kazakh, Belarusian, Georgian, Armenian.
        ("3 de decembro de 2025", "2025-12-03"),
        ("3 dekabr 2025", "2025-12-03"),
        ("3-dekabr, 2025-yil", "2025-12-03"),
        ("3 желтоқсан 2025", "2025-12-03"),
        ("3 снежня 2025", "2025-12-03"),
        ("3 დეკემბერი, 2025", "2025-12-03"),
        ("3 դեկտեմբերի 2025", "2025-12-03"),
        # Japan's era years.
        ("令和7年12月3日", "2025-12-03"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成30年12月3日 午後3時05分", "2018-12-03T15:05:00"),
    ],
)
def test_parse_date(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "not a date",
        "1871-03-18",  # before the web
        "2020-02-30",  # no such day
        "Mayor 22 2020",  # a word that starts like a month is not one
        "Page 3 of 12",
        "0001-01-01T00:00:00Z",
        "Copyright 2020",
        "03.12.25",  # a two-digit year needs a label before it is a date
        "2568",  # a Buddhist-era year alone names no day
        "۳۰ اسفند ۱۴۰۴",  # 1404 is no leap year: Esfand has 29 days
        "1404/13/01",
        "2025 में 3 लोगों की मौत",  # "में" ("in") begins like Marathi "मे" (May)
    ],
)
def test_parse_date_rejects_what_is_not_a_date(value: str | None) -> None:
    assert parse_date(value) is None


def test_a_north_american_zone_writes_the_month_first() -> None:
    assert parse_date("12/03/2025 10:05 AM EST") == "2025-12-03T10:05:00-05:00"
    assert parse_date("12/03/2025 10:05 AM") == "2025-03-12T10:05:00"
    assert parse_date("12.03.2025 10:05 EST") == "2025-03-12T10:05:00-05:00"  # dots: European


def test_a_dates_first_digits_are_no_time() -> None:
    assert parse_date("03.12.2025 Обновление: 04.12.2025") == "2025-12-03"
    assert parse_date("03.12.2025 10.05 Uhr") == "2025-12-03T10:05:00"


def test_parse_date_rejects_the_future() -> None:
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    next_year = tomorrow + timedelta(days=365)
    assert parse_date(tomorrow.strftime("%Y-%m-%d")) == tomorrow.strftime("%Y-%m-%d")
    assert parse_date(next_year.strftime("%Y-%m-%d")) is None


def test_ambiguous_numeric_dates_are_day_first_unless_american() -> None:
    assert parse_date("03/04/2020") == "2020-04-03"
    assert parse_date("03/04/2020", month_first=True) == "2020-03-04"
    # A field above 12 settles the order either way.
    assert parse_date("12/22/2020 3:05 pm") == "2020-12-22T15:05:00"
    assert parse_date("22/12/2020", month_first=True) == "2020-12-22"
    # Dots are always day first.
    assert parse_date("03.04.2020", month_first=True) == "2020-04-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PTI | Moscow | Updated: 22-12-2020 20:41 IST | Created: 22-12-2020 20:41 IST",
            [("modified", "2020-12-22T20:41:00+05:30"), ("published", "2020-12-22T20:41:00+05:30")],
        ),
        (
            "Posted: Fri 6:45 PM, Feb 16, 2018 Updated: Sat 8:31 PM, Feb 17, 2018",
            [("published", "2018-02-16T18:45:00"), ("modified", "2018-02-17T20:31:00")],
        ),
        (
            "Veröffentlicht am 22.12.2020 | Aktualisiert am 23.12.2020, 10:15 Uhr",
            [("published", "2020-12-22"), ("modified", "2020-12-23T10:15:00")],
        ),
        (
            "Publié le 22 décembre 2020 à 20h41, mis à jour le 23 décembre 2020 à 08h00",
            [("published", "2020-12-22T20:41:00"), ("modified", "2020-12-23T08:00:00")],
        ),
        (
            "Publicado el 22 de diciembre de 2020. Actualizado: 23 de diciembre de 2020",
            [("published", "2020-12-22"), ("modified", "2020-12-23")],
        ),
        (
            "Pubblicato il 22 dicembre 2020 - Aggiornato il 23 dicembre 2020",
            [("published", "2020-12-22"), ("modified", "2020-12-23")],
        ),
        (
            "Atualizado em 23 de dezembro de 2020 | Publicado em 22 de dezembro de 2020",
            [("modified", "2020-12-23"), ("published", "2020-12-22")],
        ),
        (
            "Опубликовано: 22 декабря 2020, 20:41 Обновлено: 23 декабря 2020, 08:00",
            [("published", "2020-12-22T20:41:00"), ("modified", "2020-12-23T08:00:00")],
        ),
        (
            "发布时间：2020-12-22 20:41 更新时间：2020-12-23 08:00",
            [("published", "2020-12-22T20:41:00"), ("modified", "2020-12-23T08:00:00")],
        ),
        (
            "公開日：2020年12月22日 更新日：2020年12月23日",
            [("published", "2020-12-22"), ("modified", "2020-12-23")],
        ),
        (
            "نشر في 22 ديسمبر 2020 - آخر تحديث 23 ديسمبر 2020",
            [("published", "2020-12-22"), ("modified", "2020-12-23")],
        ),
        # Czech, Polish, Hungarian, Turkish, Indonesian, Swedish, Finnish, Romanian,
        # Croatian, Greek, Ukrainian, Vietnamese, Danish: "Updated" is never "Published".
        (
            "Publikováno: 3. prosince 2025 10:45 | Aktualizováno: 4. prosince 2025 8:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Zaktualizowano: 4 grudnia 2025, 08:00 Opublikowano: 3 grudnia 2025, 10:45",
            [("modified", "2025-12-04T08:00:00"), ("published", "2025-12-03T10:45:00")],
        ),
        (
            "Közzétéve: 2025. december 3. 10:45 Frissítve: 2025. december 4. 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Yayınlanma: 03.12.2025 10:45 Güncelleme: 04.12.2025 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Diterbitkan 3 Desember 2025 | Diperbarui 4 Desember 2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        (
            "Publicerad 3 december 2025 kl. 10.45 Uppdaterad 4 december 2025 kl. 08.00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Päivitetty 4.12.2025 8:00 Julkaistu 3.12.2025 10:45",
            [("modified", "2025-12-04T08:00:00"), ("published", "2025-12-03T10:45:00")],
        ),
        (
            "Publicat: 3 decembrie 2025, 10:45 Actualizat: 4 decembrie 2025, 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Objavljeno: 03.12.2025. u 10:45 Ažurirano: 04.12.2025. u 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Δημοσίευση: 03.12.2025 10:45 Ενημέρωση: 04.12.2025 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Оновлено 4 грудня 2025, 08:00 Опубліковано 3 грудня 2025, 10:45",
            [("modified", "2025-12-04T08:00:00"), ("published", "2025-12-03T10:45:00")],
        ),
        (
            "Ngày đăng: 03/12/2025 10:45 Cập nhật: 04/12/2025 08:00",
            [("published", "2025-12-03T10:45:00"), ("modified", "2025-12-04T08:00:00")],
        ),
        (
            "Udgivet 3. december 2025 Opdateret den 4. december 2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        (
            "প্রকাশিত: ৩ ডিসেম্বর ২০২৫, আপডেট: ৪ ডিসেম্বর ২০২৫",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        (
            "გამოქვეყნდა: 3 დეკემბერი, 2025 განახლდა: 4 დეკემბერი, 2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        ("Հրապարակվել է 3 դեկտեմբերի 2025", [("published", "2025-12-03")]),
        ("Жарияланды: 3 желтоқсан 2025", [("published", "2025-12-03")]),
        ("Абноўлена 4 снежня 2025", [("modified", "2025-12-04")]),
        ("Yenilənib: 4 dekabr 2025", [("modified", "2025-12-04")]),
        # A date's first digits after another date are no time of day ("04.12").
        (
            "Дата публикации: 03.12.2025 Последнее обновление: 04.12.2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        (
            "Pubblicato il 03/12/2025 Ultima modifica 04/12/2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        (
            "Giriş Tarihi: 03.12.2025 10:05 Güncelleme Tarihi: 04.12.2025 11:00",
            [("published", "2025-12-03T10:05:00"), ("modified", "2025-12-04T11:00:00")],
        ),
        (
            "Ημερομηνία δημοσίευσης: 03/12/2025 Τελευταία ενημέρωση: 04/12/2025",
            [("published", "2025-12-03"), ("modified", "2025-12-04")],
        ),
        # A label is a whole word in any alphabet: "publicat" is not in "publicatie".
        ("publicatie 3 december 2025", [("", "2025-12-03")]),
        ("By Jane Doe, December 22, 2020", [("", "2020-12-22")]),
        ("Updated 13 hours ago", []),
        # A two-digit year is read after a label (German, Hebrew), never alone.
        ("Publiziert: 03.12.25, 16:05", [("published", "2025-12-03T16:05:00")]),
        ("פורסם: 03.12.25", [("published", "2025-12-03")]),
        (
            "Stand: 04.12.25 Erstellt: 03.12.25",
            [("modified", "2025-12-04"), ("published", "2025-12-03")],
        ),
        ("Version 1.2.25", []),
        ("प्रकाशित: 3 दिसंबर 2025", [("published", "2025-12-03")]),
        # "Update" as a noun labels a modification too (English, Dutch).
        ("Last update on: August 25, 2025", [("modified", "2025-08-25")]),
        (
            "3 dec 2025 om 10:05 Update: 4 dec 2025 om 12:00",
            [("", "2025-12-03T10:05:00"), ("modified", "2025-12-04T12:00:00")],
        ),
    ],
)
def test_labelled_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled_dates(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2020/12/22/story", "2020-12-22"),
        ("https://example.org/news/2020-12-22/story", "2020-12-22"),
        ("https://example.org/story-20201222/", "2020-12-22"),
        ("https://example.org/world/2019/nov/18/story", "2019-11-18"),
        ("https://example.org/story-2020", None),
        ("https://example.org/2018/10/story", None),  # a month is not a day
        ("https://example.org/columnists/201911181077343476-title/", None),  # an id
        ("https://example.org/a?date=2020/12/22", None),  # the query is not the path
        # Mixed forms of Chinese news systems: /2025/1203/, /2025-12/03/.
        ("https://example.org/n1/2025/1203/c1002-123.html", "2025-12-03"),
        ("https://example.org/world/2025-12/03/c_123.htm", "2025-12-03"),
        ("https://example.org/2025/1399/story", None),  # no 13th month
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_parse_date_never_raises_and_returns_iso(value: str) -> None:
    result = parse_date(value)
    assert result is None or ISO.fullmatch(result)
    for kind, date in labelled_dates(value):
        assert kind in ("", "published", "modified")
        assert ISO.fullmatch(date)


FETCHED = datetime(2025, 12, 3, 16, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 hours ago", "2025-12-03T13:05:00+00:00"),
        ("an hour ago", "2025-12-03T15:05:00+00:00"),
        ("3h ago", "2025-12-03T13:05:00+00:00"),  # the short forms of feeds and forums
        ("5m ago", "2025-12-03T16:00:00+00:00"),
        ("2d ago", "2025-12-01"),
        ("3 ώρες πριν", "2025-12-03T13:05:00+00:00"),  # Greek, the word after the count
        ("vor 2 Stunden", "2025-12-03T14:05:00+00:00"),
        ("il y a 5 minutes", "2025-12-03T16:00:00+00:00"),
        ("hace 2 días", "2025-12-01"),
        ("há 3 horas", "2025-12-03T13:05:00+00:00"),
        ("2 ore fa", "2025-12-03T14:05:00+00:00"),
        ("5 dagen geleden", "2025-11-28"),
        ("3 часа назад", "2025-12-03T13:05:00+00:00"),
        ("3小时前", "2025-12-03T13:05:00+00:00"),
        ("2시간 전", "2025-12-03T14:05:00+00:00"),
        ("gestern, 14:30 Uhr", "2025-12-02T14:30:00"),
        ("hier à 9h15", "2025-12-02T09:15:00"),
        ("Yesterday", "2025-12-02"),
        ("Today 12:30 PM", "2025-12-03T12:30:00"),
        # Czech, Slovak, Hungarian, Turkish, Indonesian, Swedish, Danish, Finnish,
        # Romanian, Greek, Ukrainian, Polish, Croatian, Bulgarian, Vietnamese, Thai,
        # Persian, Arabic, Hebrew, Hindi, Japanese, Catalan; a unit that holds its
        # count ("před hodinou", "час назад", "منذ ساعتين": two hours).
        ("před 3 hodinami", "2025-12-03T13:05:00+00:00"),
        ("pred hodinou", "2025-12-03T15:05:00+00:00"),
        ("3 órája", "2025-12-03T13:05:00+00:00"),
        ("5 perccel ezelőtt", "2025-12-03T16:00:00+00:00"),
        ("3 saat önce", "2025-12-03T13:05:00+00:00"),
        ("bir gün önce", "2025-12-02"),
        ("3 jam yang lalu", "2025-12-03T13:05:00+00:00"),
        ("3 timmar sedan", "2025-12-03T13:05:00+00:00"),
        ("for 2 dage siden", "2025-12-01"),
        ("3 tuntia sitten", "2025-12-03T13:05:00+00:00"),
        ("acum o oră", "2025-12-03T15:05:00+00:00"),
        ("πριν από 3 ώρες", "2025-12-03T13:05:00+00:00"),
        ("3 години тому", "2025-12-03T13:05:00+00:00"),
        ("час назад", "2025-12-03T15:05:00+00:00"),
        ("godzinę temu", "2025-12-03T15:05:00+00:00"),
        ("dzień temu", "2025-12-02"),
        ("prije 3 sata", "2025-12-03T13:05:00+00:00"),
        ("преди 2 дни", "2025-12-01"),
        ("3 giờ trước", "2025-12-03T13:05:00+00:00"),
        ("3 ชั่วโมงที่แล้ว", "2025-12-03T13:05:00+00:00"),
        ("۳ ساعت پیش", "2025-12-03T13:05:00+00:00"),
        ("منذ ساعتين", "2025-12-03T14:05:00+00:00"),
        ("לפני 3 שעות", "2025-12-03T13:05:00+00:00"),
        ("3 घंटे पहले", "2025-12-03T13:05:00+00:00"),
        ("3時間前", "2025-12-03T13:05:00+00:00"),
        ("fa 3 hores", "2025-12-03T13:05:00+00:00"),
        ("৩ ঘণ্টা আগে", "2025-12-03T13:05:00+00:00"),  # Bengali
        ("3 گھنٹے پہلے", "2025-12-03T13:05:00+00:00"),  # Urdu
        ("3 сағат бұрын", "2025-12-03T13:05:00+00:00"),  # Kazakh
        ("3 saat əvvəl", "2025-12-03T13:05:00+00:00"),  # Azerbaijani
        ("3 soat oldin", "2025-12-03T13:05:00+00:00"),  # Uzbek
        ("3 гадзіны таму", "2025-12-03T13:05:00+00:00"),  # Belarusian
        ("3 საათის წინ", "2025-12-03T13:05:00+00:00"),  # Georgian
        ("3 tundi tagasi", "2025-12-03T13:05:00+00:00"),  # Estonian
        ("prieš 2 dienas", "2025-12-01"),  # Lithuanian
        ("pirms 3 stundām", "2025-12-03T13:05:00+00:00"),  # Latvian
        ("pred 3 urami", "2025-12-03T13:05:00+00:00"),  # Slovene
        ("Včera 14:30", "2025-12-02T14:30:00"),
        ("tegnap 9:15", "2025-12-02T09:15:00"),
        ("Ma 14:30", "2025-12-03T14:30:00"),
        ("Dün", "2025-12-02"),
        ("I går kl. 14.30", "2025-12-02T14:30:00"),
        ("χθες, 14:30", "2025-12-02T14:30:00"),
        ("hôm nay 08:15", "2025-12-03T08:15:00"),
        # Too vague to date a story, or no dateline at all.
        ("3 weeks ago", None),
        ("2 years ago", None),
        ("Hier finden Sie alles über den Hafen", None),
        ("yesterday we went to the harbour", None),
        ("Ma il governo ha deciso", None),  # Hungarian "ma" (today) only before a time
        ("1 год назад", None),  # Russian "год" is a year
        ("hours ago", None),  # no count, and the unit names none
    ],
)
def test_relative_date(text: str, expected: str | None) -> None:
    assert relative_date(text, FETCHED) == expected


def test_fetch_time_is_the_http_date_header() -> None:
    assert fetch_time({"date": "Wed, 03 Dec 2025 16:05:00 GMT"}) == FETCHED
    assert fetch_time({"Content-Type": "text/html"}) is None
    assert fetch_time({"Date": "not a date"}) is None
    assert fetch_time(None) is None


@pytest.mark.parametrize(
    ("text", "month_first", "expected"),
    [
        ("14.11.24", False, "2024-11-14"),
        ("03.12.25, 16:05", False, "2025-12-03T16:05:00"),
        ("03/04/25", False, "2025-04-03"),
        ("03/04/25", True, "2025-03-04"),  # an American page
        ("10.15.15", False, "2015-10-15"),  # no 15th month: read month first
        ("14.11.24 Berlin", False, None),  # more than a date
        ("1.2.3", False, None),  # a version number
        ("Score 3-1-25", False, None),
    ],
)
def test_short_year_alone(text: str, month_first: bool, expected: str | None) -> None:
    assert short_year_alone(text, month_first=month_first) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun 9", True),
        ("9 juin", True),
        ("4. Januar", True),
        ("5 min read", False),
        ("June 2025", False),  # a month, not a day
        ("12", False),
        ("Polyglot, language geek", False),
    ],
)
def test_is_day_of_year(text: str, expected: bool) -> None:
    assert is_day_of_year(text) is expected
