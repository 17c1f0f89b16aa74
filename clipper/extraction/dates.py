"""Turn the many ways pages write dates into ISO 8601.

A value with a time keeps it, and its UTC offset when the page gave one (a
numeric offset, ``Z``, or a common zone abbreviation such as ``CET`` or
``IST``); a value without a time becomes a plain date. Anything implausible
(before 1990 or more than a day in the future) is rejected rather than guessed
at, so that a copyright year or an expiry date does not become a story's date.

Understood forms: ISO 8601 and its everyday variants (``2020-12-22 20:41``,
``2020/12/22``, ``2020.12.22``), RFC 2822 (``Tue, 22 Dec 2020 15:11:00 GMT``),
numeric day-first dates (``22.12.2020``, ``22-12-2020 20:41 IST``), dates with
month names in English, German, French, Spanish, Catalan, Italian, Portuguese,
Dutch, the Scandinavian languages, Finnish, Estonian, Latvian, Lithuanian,
Polish, Czech, Slovak, Hungarian, Romanian, Croatian, Serbian, Slovene,
Bulgarian, Russian, Ukrainian, Turkish, Indonesian, Malay, Tagalog, Greek and
Arabic (``22. Dezember 2020``, ``22 de diciembre de 2020``, ``22 декабря 2020
г.``, ``2020. december 22.``, ``22. prosince 2020``, ``2020. gada 22. decembris``,
``٢٢ ديسمبر ٢٠٢٠``),
Chinese/Japanese/Korean ``2020年12月22日 20時41分`` / ``2020년 12월 22일``, Hindi
(``3 दिसंबर 2025``), Thai with its Buddhist-era years (``3 ธ.ค. 2568`` is 2025) and
Persian and Dari in the Solar Hijri calendar (``۱۲ آذر ۱۴۰۴``, ``۱۲ قوس ۱۴۰۴`` and
``۱۴۰۴/۰۹/۱۲`` are 3 December 2025).
A two-digit year (``03.12.25``) is read only after a label such as "Publiziert:".

Numeric dates whose first two fields could both be a day or a month
(``03/04/2020``) are read day first, as most of the world writes them, unless
the caller says the page is American English (``month_first=True``), where
``MM/DD/YYYY`` is the norm. ``IST`` is read as India Standard Time (+05:30),
by far its most common use on news pages; ``CST`` as US Central.

``labelled_dates`` reads a visible dateline such as ``Updated: 22-12-2020 20:41
IST | Created: 22-12-2020 20:41 IST`` and says which date is which, in some
forty languages, because a date labelled "Updated" is a modification date and must
never become the publication date.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

# The decimal digits of the scripts news is written in (Arabic-Indic, Persian,
# the Indic scripts, Thai, Lao, Myanmar, Khmer, full-width), read as ASCII ones.
_DIGITS = str.maketrans(
    {
        chr(zero + value): str(value)
        for zero in (0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
                     0xE50, 0xED0, 0x1040, 0x17E0, 0xFF10)
        for value in range(10)
    }
    | {"：": ":"}
)  # fmt: skip

# Month names and abbreviations, lower-cased, by month number: English, German,
# French, Spanish, Catalan, Italian, Portuguese, Dutch, the Scandinavian languages,
# Finnish, Estonian, Latvian, Lithuanian, Polish, Czech, Slovak, Hungarian,
# Romanian, Croatian, Serbian, Slovene, Bulgarian, Russian, Ukrainian, Greek,
# Turkish, Indonesian, Malay, Tagalog, Swahili, Albanian, Arabic (Egypt), Persian,
# Urdu, Hebrew (with its "in" prefix: "3 בדצמבר 2025"), Galician, Uzbek, Azerbaijani,
# Tajik, Kazakh, Belarusian, Georgian and Armenian (the names and their genitives).
# Several languages share spellings (``mars``, ``april``) and agree on the number;
# Croatian "listopad" (October) is left out, as Polish and Czech "listopad" is November.
_MONTH_NAMES = [
    "jan january januar jänner janv janvier enero ene gennaio gen janeiro januari janvāris"
    " stycznia styczeń styczen ocak январь января янв січня січень ιανουαρίου ιανουάριος ιαν"
    " يناير leden ledna januára január tammikuuta tammikuu siječnja siječanj ianuarie gener"
    " sausio jaanuar janvārī janvāra јануар јануари януари"
    " ינואר בינואר ژانویه جنوری"
    " janar"
    " xaneiro yanvar январ қаңтар студзеня студзень იანვარი იანვრის հունվարի հունվար",
    "feb february pebruari februar feber févr fevr février fevrier febrero febbraio fevereiro fev"
    " februari lutego luty şubat subat февраль февраля фев лютого лютий φεβρουαρίου"
    " φεβρουάριος φεβ فبراير únor února februára február febr helmikuuta helmikuu veljače"
    " veljača februarie febrer vasario veebruar februāris februārī februāra pebrero фебруар"
    " февруари"
    " פברואר בפברואר فوریه فروری"
    " shkurt"
    " febreiro fevral феврал ақпан лютага люты თებერვალი თებერვლის փետրվարի փետրվար",
    "mar march märz maerz mär mars marzo março marco maart mrt marca marzec mart maret март"
    " марта мар березня березень μαρτίου μάρτιος μαρ مارس březen března március márc"
    " maaliskuuta maaliskuu ožujka ožujak martie març kovo märts marts martā marta mac marso"
    " marec"
    " מרץ במרץ مارچ"
    " наурыз сакавіка сакавік მარტი მარტის մարտի մարտ",
    "apr april avr avril abril abr aprile aprilie kwietnia kwiecień nisan апрель апреля апр"
    " квітня квітень απριλίου απρίλιος απρ أبريل ابريل إبريل duben dubna apríla április ápr"
    " huhtikuuta huhtikuu travnja travanj balandžio aprill aprīlis aprīlī aprīļa април"
    " אפריל באפריל آوریل اپریل aprili"
    " prill"
    " aprel апрел сәуір красавіка красавік აპრილი აპრილის ապրիլի ապրիլ",
    "may mai mayo maggio mag maio mei maj maja mayıs mayis май мая травня травень μαΐου"
    " μαΐος μαιου μαι مايو květen května mája május máj toukokuuta toukokuu svibnja svibanj"
    " maig gegužės maijs maijā maija мај"
    " מאי במאי مئی"
    " мамыр მაისი მაისის մայիսի մայիս",
    "jun june juni juin junio giugno giu junho czerwca czerwiec haziran июнь июня июн"
    " червня червень ιουνίου ιούνιος ιουν يونيو červen června júna június jún kesäkuuta"
    " kesäkuu lipnja lipanj iunie juny birželio juuni jūnijs jūnijā jūnija hunyo junij јун"
    " юни"
    " יוני ביוני ژوئن جون"
    " qershor"
    " xuño iyun июн маусым чэрвеня чэрвень ივნისი ივნისის հունիսի հունիս",
    "jul july juli juil juillet julio luglio lug julho lipca lipiec temmuz июль июля июл"
    " липня липень ιουλίου ιούλιος ιουλ يوليو červenec července júla július júl heinäkuuta"
    " heinäkuu srpnja srpanj iulie juliol liepos juuli jūlijs jūlijā jūlija julai hulyo"
    " julij јул юли"
    " יולי ביולי ژوئیه جولائی"
    " korrik"
    " xullo iyul июл шілде ліпеня ліпень ივლისი ივლისის հուլիսի հուլիս",
    "aug august août aout agosto ago augustus augusti sierpnia sierpień ağustos agustus"
    " август августа авг серпня серпень αυγούστου αύγουστος αυγ أغسطس اغسطس srpen srpna"
    " augusta augusztus elokuuta elokuu kolovoza kolovoz agost rugpjūčio augusts augustā"
    " ogos avgust"
    " אוגוסט באוגוסט اوت اگست agosti"
    " gusht"
    " avgust avqust тамыз жніўня жнівень აგვისტო აგვისტოს օգոստոսի օգոստոս",
    "sep sept september septembre septiembre setiembre settembre set setembro września"
    " wrzesień eylül сентябрь сентября сен вересня вересень σεπτεμβρίου σεπτέμβριος σεπ"
    " سبتمبر září septembra szeptember szept syyskuuta syyskuu rujna rujan septembrie"
    " setembre rugsėjo septembris septembrī setyembre septembar септембар септември"
    " ספטמבר בספטמבר سپتامبر ستمبر septemba"
    " shtator"
    " sentyabr sentabr сентябр қыркүйек верасня верасень სექტემბერი სექტემბრის"
    " սեպտեմբերի սեպտեմբեր",
    "oct october oktober okt octobre octubre ottobre ott outubro out października"
    " październik ekim октябрь октября окт жовтня жовтень οκτωβρίου οκτώβριος οκτ أكتوبر"
    " اكتوبر říjen října októbra október lokakuuta lokakuu octombrie spalio oktoober"
    " oktobris oktobrī oktobra oktubre oktobar октобар октомври"
    " אוקטובר באוקטובר اکتبر اکتوبر oktoba"
    " tetor"
    " oktyabr oktabr октябр қазан кастрычніка кастрычнік ოქტომბერი ოქტომბრის հոկտեմբերի հոկտեմբեր",
    "nov november nopember novembre noviembre novembro listopada listopad kasım kasim ноябрь ноября"
    " ноя листопада листопад νοεμβρίου νοέμβριος νοε نوفمبر listopadu novembra marraskuuta"
    " marraskuu studenoga studenog studeni noiembrie lapkričio novembris novembrī nobyembre"
    " novembar новембар ноември"
    " נובמבר בנובמבר نوامبر نومبر novemba"
    " nëntor nentor"
    " noyabr ноябр қараша лістапада лістапад ნოემბერი ნოემბრის նոյեմբերի նոյեմբեր",
    "dec december dezember dez déc decembre décembre diciembre dic dicembre dezembro"
    " desember grudnia grudzień aralık aralik декабрь декабря дек грудня грудень δεκεμβρίου"
    " δεκέμβριος δεκ ديسمبر prosinec prosince decembra joulukuuta joulukuu prosinca prosinac"
    " decembrie desembre gruodžio detsember decembris decembrī disember disyembre decembar"
    " децембар декември"
    " דצמבר בדצמבר دسامبر دسمبر desemba"
    " dhjetor"
    " decembro dekabr декабр желтоқсан снежня снежань დეკემბერი დეკემბრის դեկտեմբերի դեկտեմբեր",
]  # fmt: skip
MONTHS = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()
}
# Indonesian short forms ("03 Des 2025", "Agt", "Nop") read only inside a date:
# as words of their own they are names ("Des Walker") that a byline must keep.
# Polish ones too ("3 sty 2025", "sie", "lis"), which are words elsewhere.
_SHORT_MONTHS = {
    "des": 12, "agu": 8, "agt": 8, "nop": 11, "peb": 2, "sty": 1, "lut": 2, "kwi": 4,
    "cze": 6, "lip": 7, "sie": 8, "wrz": 9, "paź": 10, "paz": 10, "lis": 11, "gru": 12,
}  # fmt: skip


# Words a written date is made of besides its numbers: month and weekday names
# and the little words between them ("Miércoles, 3 de diciembre de 2025").
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DATE_WORDS = frozenset(MONTHS) | _words(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi
    mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes
    sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica segunda-feira
    terça-feira quarta-feira quinta-feira sexta-feira понедельник вторник среда четверг
    пятница суббота воскресенье am um le el il on at der den de of the
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag poniedziałek wtorek
    środa czwartek piątek niedziela pondělí úterý středa čtvrtek pátek neděle pazartesi
    salı çarşamba perşembe cumartesi måndag tisdag onsdag torsdag fredag lördag söndag
    mandag tirsdag lørdag søndag maanantai tiistai keskiviikko torstai perjantai
    lauantai sunnuntai hétfő kedd szerda csütörtök péntek szombat vasárnap marți
    miercuri vineri sâmbătă duminică понеділок вівторок середа четвер пʼятниця п'ятниця
    субота неділя δευτέρα τρίτη τετάρτη πέμπτη παρασκευή σάββατο κυριακή dilluns
    dimarts dimecres dijous divendres dissabte diumenge
    """
)  # fmt: skip
# Levantine Arabic month names (some two words, one of two letters) are replaced
# by their Egyptian-usage equivalents before matching.
_LEVANTINE = {
    "كانون الثاني": "يناير", "شباط": "فبراير", "آذار": "مارس", "نيسان": "أبريل",
    "أيار": "مايو", "ايار": "مايو", "حزيران": "يونيو", "تموز": "يوليو", "آب": "أغسطس",
    "أيلول": "سبتمبر", "ايلول": "سبتمبر", "تشرين الأول": "أكتوبر", "تشرين الاول": "أكتوبر",
    "تشرين الثاني": "نوفمبر", "كانون الأول": "ديسمبر", "كانون الاول": "ديسمبر",
}  # fmt: skip
_LEVANTINE_NAME = re.compile("|".join(sorted(_LEVANTINE, key=len, reverse=True)))
# Month names in the Indic scripts and Thai (full, and Thai's abbreviations such as
# "ธ.ค.") are replaced by English ones before matching: their vowel signs are no
# word letters to ``re``. Hindi, Marathi, Nepali, Bengali, Gujarati, Punjabi, Tamil,
# Telugu, Kannada and Malayalam write the English months in their scripts. Thai pages
# count years in the Buddhist era (2568 = 2025).
_INDIC_MONTHS = (
    "जनवरी जानेवारी",
    "फरवरी फ़रवरी फेब्रुवारी फेब्रुअरी",
    "मार्च",
    "अप्रैल एप्रिल अप्रिल",
    "मई मे",
    "जून जुन",
    "जुलाई जुलै",
    "अगस्त ऑगस्ट अगस्ट",
    "सितंबर सितम्बर सप्टेंबर सेप्टेम्बर",
    "अक्टूबर अक्तूबर ऑक्टोबर अक्टोबर",
    "नवंबर नवम्बर नोव्हेंबर नोभेम्बर",
    "दिसंबर दिसम्बर डिसेंबर डिसेम्बर",
)  # Devanagari: Hindi, Marathi, Nepali
_OTHER_INDIC_MONTHS = (
    "জানুয়ারি જાન્યુઆરી ਜਨਵਰੀ ஜனவரி జనవరి ಜನವರಿ ജനുവരി",
    "ফেব্রুয়ারি ફેબ્રુઆરી ਫ਼ਰਵਰੀ ਫਰਵਰੀ பிப்ரவரி ఫిబ్రవరి ಫೆಬ್ರವರಿ ഫെബ്രുവരി",
    "মার্চ માર્ચ ਮਾਰਚ மார்ச் మార్చి ಮಾರ್ಚ್ മാർച്ച്",
    "এপ্রিল એપ્રિલ ਅਪ੍ਰੈਲ ਅਪਰੈਲ ஏப்ரல் ఏప్రిల్ ಏಪ್ರಿಲ್ ഏപ്രിൽ",
    "মে મે ਮਈ மே మే ಮೇ മേയ്",
    "জুন જૂન ਜੂਨ ஜூன் జూన్ ಜೂನ್ ജൂൺ",
    "জুলাই જુલાઈ ਜੁਲਾਈ ஜூலை జూలై ಜುಲೈ ജൂലൈ",
    "আগস্ট ઓગસ્ટ ਅਗਸਤ ஆகஸ்ட் ఆగస్టు ಆಗಸ್ಟ್ ഓഗസ്റ്റ്",
    "সেপ্টেম্বর સપ્ટેમ્બર ਸਤੰਬਰ செப்டம்பர் సెప్టెంబర్ ಸೆಪ್ಟೆಂಬರ್ സെപ്റ്റംബർ",
    "অক্টোবর ઓક્ટોબર ਅਕਤੂਬਰ அக்டோபர் అక్టోబర్ ಅಕ್ಟೋಬರ್ ഒക്ടോബർ",
    "নভেম্বর નવેમ્બર ਨਵੰਬਰ நவம்பர் నవంబర్ ನವೆಂಬರ್ നവംബർ",
    "ডিসেম্বর ડિસેમ્બર ਦਸੰਬਰ டிசம்பர் డిసెంబర్ ಡಿಸೆಂಬರ್ ഡിസംബർ",
)  # Bengali, Gujarati, Punjabi, Tamil, Telugu, Kannada, Malayalam
_THAI_MONTHS = (
    "มกราคม ม.ค.", "กุมภาพันธ์ ก.พ.", "มีนาคม มี.ค.", "เมษายน เม.ย.", "พฤษภาคม พ.ค.",
    "มิถุนายน มิ.ย.", "กรกฎาคม ก.ค.", "สิงหาคม ส.ค.", "กันยายน ก.ย.", "ตุลาคม ต.ค.",
    "พฤศจิกายน พ.ย.", "ธันวาคม ธ.ค.",
)  # fmt: skip
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_INDIC_THAI = {
    name: _ENGLISH_MONTHS[number]
    for names in (_INDIC_MONTHS, _OTHER_INDIC_MONTHS, _THAI_MONTHS)
    for number, spellings in enumerate(names)
    for name in spellings.split()
}
# An Indic month name is a whole word: "मे" (Marathi May) begins "में" ("in").
_INDIC_THAI_NAME = re.compile(
    r"(?<![\u0900-\u0dff])(?:"
    + "|".join(re.escape(name) for name in sorted(_INDIC_THAI, key=len, reverse=True))
    + r")(?![\u0900-\u0dff])"
)
_BUDDHIST_YEAR = re.compile(r"(?<!\d)25[3-9]\d(?!\d)")


def _indic_thai(text: str) -> str:
    """``text`` with Indic and Thai month names in English, and Thai years in the common era."""
    thai = any("\u0e00" <= c <= "\u0e7f" for c in text)
    text = _INDIC_THAI_NAME.sub(lambda m: " " + _INDIC_THAI[m[0]] + " ", text)
    if thai:
        text = _BUDDHIST_YEAR.sub(lambda m: str(int(m[0]) - 543), text)
    return text


# Common zone abbreviations; ambiguous ones are read as their most frequent use
# on news pages (IST: India, CST: US Central, BST: British Summer Time).
_ZONES = {
    "utc": "+00:00", "gmt": "+00:00", "z": "+00:00", "wet": "+00:00", "bst": "+01:00",
    "west": "+01:00", "cet": "+01:00", "mez": "+01:00", "wat": "+01:00", "cest": "+02:00",
    "mesz": "+02:00", "eet": "+02:00", "cat": "+02:00", "sast": "+02:00", "eest": "+03:00",
    "msk": "+03:00", "eat": "+03:00", "ast": "+03:00", "gst": "+04:00", "pkt": "+05:00",
    "ist": "+05:30", "npt": "+05:45", "ict": "+07:00", "wib": "+07:00", "sgt": "+08:00",
    "hkt": "+08:00", "pht": "+08:00", "awst": "+08:00", "jst": "+09:00", "kst": "+09:00",
    "acst": "+09:30", "aest": "+10:00", "aedt": "+11:00", "nzst": "+12:00",
    "nzdt": "+13:00", "edt": "-04:00", "est": "-05:00", "cdt": "-05:00", "cst": "-06:00",
    "mdt": "-06:00", "mst": "-07:00", "pdt": "-07:00", "pst": "-08:00", "akdt": "-08:00",
    "akst": "-09:00", "hst": "-10:00", "brt": "-03:00", "art": "-03:00",
}  # fmt: skip
_NORTH_AMERICAN = _words("edt est cdt cst mdt mst pdt pst akdt akst hst")
# What else a line that is only a date may hold: Indonesian and Malay weekdays
# ("Rabu, 03 Des 2025 16:05 WIB"), the short month forms, time zones. Kept apart
# from DATE_WORDS, which also ends a byline's name ("Des Walker" is a name).
DATELINE_WORDS = (
    DATE_WORDS
    | frozenset(_SHORT_MONTHS)
    | _words("senin selasa rabu kamis jumat jum'at sabtu minggu isnin khamis ahad pukul")
    | frozenset(_ZONES)
)
_ZONE = r"(?:[+-][01]\d(?::?[0-5]\d)?|(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?|[a-z]{1,4}\b)"

_TIME = r"(?P<H>[0-2]?\d)(?:[:h時时시]|\s*[.:]\s*)(?P<M>[0-5]\d)(?:[:分분]\s*(?P<S>[0-5]\d))?"
_ISO = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
    r"(?:(?:T|\s*,?\s*)(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z(?![a-z])|[+-][01]\d(?::?[0-5]\d)?(?!\d))?)?",
    re.IGNORECASE,
)
# "20201222", "20201222T204100Z", and the same without the "T" ("20201222204100"),
# as some publishers' <meta> tags write them.
_COMPACT = re.compile(
    r"(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)"
    r"(?:T?(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
)
_CJK = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?"
)
# Japan's era years: 令和7年 is 2025 (令和元年, its first, 2019), 平成31年 is 2019.
_ERA_START = {"令和": 2018, "平成": 1988}
_JAPANESE_ERA = re.compile(
    r"(?P<era>令和|平成)\s*(?P<y>元|\d{1,2})\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"
)
# Vietnamese numbers its months: "3 tháng 12, 2025", "ngày 3 tháng 12 năm 2025".
_VIETNAMESE = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)\s*(?:,|năm)?\s*(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])\s?(?P<b>[0-3]?\d)(?P=sep)\s?(?P<y>(?:19|20)\d\d)(?!\d)"
)
_WORD = r"(?P<{}>[^\W\d_]{{3,14}}\.?)"
_WORDY = re.compile(
    # 22 December 2020, 22. Dezember 2020, 22 de diciembre del 2020, 1er mars 2020,
    # 3rd of December 2020, 3η Δεκεμβρίου 2020, 03/dic/2020, 21.dez.2018
    rf"(?<!\d)(?P<d1>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.|η)?\s*(?:de\s+|d['’]|of\s+|-|/)?"
    rf"{_WORD.format('m1')}(?:\s*del?\s*|\s*,\s*|\s+|-|/|(?<=\.))(?P<y1>(?:19|20)\d\d)(?!\d)"
    # December 22, 2020; Dec. 22 2020
    rf"|{_WORD.format('m2')}\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*(?P<y2>(?:19|20)\d\d)(?!\d)"
    # 2020. gada 22. decembris (Latvian; before the next form, which would take "gada")
    rf"|(?<!\d)(?P<y4>(?:19|20)\d\d)\.\s*gada\s+(?P<d4>[0-3]?\d)\.\s*{_WORD.format('m4')}"
    # 2020. december 22., 2020 m. gruodžio 22 d.
    rf"|(?<!\d)(?P<y3>(?:19|20)\d\d)\.?\s+(?:m\.\s+)?{_WORD.format('m3')}\s+(?P<d3>[0-3]?\d)(?!\d)",
    re.IGNORECASE,
)
# A time is no date's first digits: "04.12" in "03.12.2025 Обновление: 04.12.2025".
_CLOCK = re.compile(
    rf"(?<![\d.:]){_TIME}(?![\d]|\.\d)\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![a-z])|uhr|horas?|h(?![a-z]))?\s*"
    rf"(?P<tz>{_ZONE})?",
    re.IGNORECASE,
)
_TRAILING_ZONE = re.compile(rf"\s*({_ZONE})", re.IGNORECASE)
_AFTERNOON = re.compile(r"午後|下午|오후")
# /2020/12/22/, /2020-12-22-, /20201222/, and the mixed forms some news systems
# use (/2020/1222/, /2020-12/22/): two-digit month and day when the separators differ.
_URL_DATE = re.compile(
    r"[/_-]((?:19|20)\d\d)(?:[/_-]?([01]\d)[/_-]?([0-3]\d)|([/_-])([01]?\d)\4([0-3]?\d))"
    r"(?=[/_.-]|$)"
)


_EARLIEST = date(1990, 1, 1)
_latest: tuple[float, date] = (0.0, _EARLIEST)


_URL_WORDY_DATE = re.compile(r"/((?:19|20)\d\d)/([a-z]{3,9})/([0-3]?\d)(?=/|$)", re.IGNORECASE)


def _plausible(day: date) -> bool:
    """From 1990 to tomorrow (UTC); "tomorrow" is recomputed once a minute."""
    global _latest
    now = time.time()
    if now > _latest[0]:
        _latest = (now + 60, (datetime.now(UTC) + timedelta(days=1)).date())
    return _EARLIEST <= day <= _latest[1]


_NUMERIC_ZONE = re.compile(r"([+-])(\d{1,2}):?(\d\d)?")


def _offset(zone: str | None) -> str | None:
    """``+05:30`` for ``+0530``, ``+05``, ``UTC+5:30``, ``IST``; ``None`` if unknown."""
    if not zone:
        return None
    zone = zone.strip().lower().replace(" ", "")
    if zone in _ZONES:
        return _ZONES[zone]
    if zone.startswith(("utc", "gmt")):
        zone = zone[3:]
    match = _NUMERIC_ZONE.fullmatch(zone)
    if not match:
        return None
    hours, minutes = int(match[2]), int(match[3] or 0)
    if hours > 14 or minutes > 59:
        return None
    return f"{match[1]}{hours:02d}:{minutes:02d}"


def _make(
    year: int, month: int, day: int, hour: str | None = None, minute: str | None = None,
    second: str | None = None, zone: str | None = None,
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
    return moment.isoformat() + (_offset(zone) or "")


def _clock(text: str, start: int, end: int) -> tuple[str, str, str | None, str | None] | None:
    """The time of day written just after (or else just before) a date at ``start:end``."""
    for before, window in ((False, text[end : end + 40]), (True, text[max(0, start - 40) : start])):
        match = _CLOCK.search(window)
        if match is None:
            continue
        hour, minute = int(match["H"]), match["M"]
        ampm = (match["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        elif _AFTERNOON.search(window[: match.start()]) and hour < 12:
            hour += 12
        if hour > 23:
            continue
        zone = match["tz"]
        if zone and _offset(zone) is None:
            zone = None
        if zone is None and before and (after := _TRAILING_ZONE.match(text, end)):
            zone = after[1] if _offset(after[1]) else None  # "12:05 am, 3 March 2021 GMT"
        return str(hour), minute, match["S"], zone
    return None


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    # Unlisted short forms ("sept", "janv") by their first three letters only:
    # a longer word that merely starts like a month ("Mayor") is not one.
    if len(key) > 4:
        return MONTHS.get(key)
    return MONTHS.get(key) or MONTHS.get(key[:3]) or _SHORT_MONTHS.get(key[:3])


def parse_date(value: str | None, *, month_first: bool = False) -> str | None:
    """An ISO 8601 date or datetime for ``value``, or ``None`` when it holds none.

    ``month_first`` reads an ambiguous ``03/04/2020`` as March 4th (US usage).
    """
    if not value:
        return None
    text = " ".join(str(value).split())[:300]
    if not text.isascii():
        text = text.translate(_DIGITS)
    if not text or not any(c.isdigit() for c in text):
        return None
    if match := _ISO.search(text):
        g = match.groupdict()
        found = _make(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], g["tz"])
        if found and g["H"] is None and (clock := _clock(text, match.start(), match.end())):
            found = _make(int(g["y"]), int(g["m"]), int(g["d"]), *clock)
        if found:
            return found
    if match := _COMPACT.fullmatch(text):
        g = match.groupdict()
        return _make(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], g["tz"])
    if match := _CJK.search(text):
        clock = _clock(text, match.start(), match.end())
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), *(clock or ()))
    if not text.isascii() and (match := _JAPANESE_ERA.search(text)):
        year = _ERA_START[match["era"]] + (1 if match["y"] == "元" else int(match["y"]))
        clock = _clock(text, match.start(), match.end())
        return _make(year, int(match["m"]), int(match["d"]), *(clock or ()))
    if not text.isascii() and (match := _VIETNAMESE.search(text)):
        clock = _clock(text, match.start(), match.end())
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), *(clock or ()))
    if match := _NUMERIC.search(text):
        first, second = int(match["a"]), int(match["b"])
        clock = _clock(text, match.start(), match.end())
        # A North American time zone beside the date says how it is written.
        american = month_first or bool(clock and (clock[3] or "").lower() in _NORTH_AMERICAN)
        if first > 12 or (second <= 12 and not (american and match["sep"] == "/")):
            day, month = first, second
        else:
            day, month = second, first
        if found := _make(int(match["y"]), month, day, *(clock or ())):
            return found
    if ("/" in text or max(text) >= "\u0600") and (found := _jalali(text)):
        return found  # Persian pages' Solar Hijri dates
    if max(text) >= "\u0600" and _LEVANTINE_NAME.search(text):
        text = _LEVANTINE_NAME.sub(lambda m: _LEVANTINE[m[0]], text)
    if max(text) >= "\u0900" and _INDIC_THAI_NAME.search(text):
        text = _indic_thai(text)
    for match in _WORDY.finditer(text):
        g = match.groupdict()
        name = g["m1"] or g["m2"] or g["m3"] or g["m4"] or ""
        month_number = _month(name)
        if not month_number:
            continue
        year = int(g["y1"] or g["y2"] or g["y3"] or g["y4"])
        day = int(g["d1"] or g["d2"] or g["d3"] or g["d4"])
        clock = _clock(text, match.start(), match.end())
        if found := _make(year, month_number, day, *(clock or ())):
            return found
    return None


def longest_first(words: Iterable[str]) -> str:
    """An alternation of ``words`` that matches the longest one it can, factored
    as a trie: Python's ``re`` tries a flat alternation's branches one by one at
    every position, and these lists are searched in every dateline."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a label ends here; a longer one is tried first
            return f"(?:{body})?"
        return body

    return build(trie)


# The Solar Hijri calendar of Iran and Afghanistan, as Persian pages write it:
# "۱۲ آذر ۱۴۰۴" and "۱۴۰۴/۰۹/۱۲" (digits already made Western) are 3 December 2025.
# Iran's month names, then Afghanistan's (Dari: "۱۲ قوس ۱۴۰۴"), in the same order.
_JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
_DARI_MONTHS = (
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
)  # fmt: skip
_JALALI_MONTH = {
    name: number for names in (_JALALI_MONTHS, _DARI_MONTHS) for number, name in enumerate(names, 1)
}
_JALALI_WORDY = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s*(?P<m>"
    + longest_first(_JALALI_MONTH)
    + r")\s*(?P<y>1[34]\d\d)(?!\d)"
)
_JALALI_NUMERIC = re.compile(r"(?<![\d/])(?P<y>1[34]\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])")
_NOWRUZ_1404 = date(2025, 3, 21)  # 1 Farvardin 1404


def _jalali_leap(year: int) -> bool:
    """Whether a Solar Hijri year has 366 days: eight years in each cycle of 33,
    which follows the astronomical calendar from 1343 to 1472."""
    return year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)


def _from_jalali(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Solar Hijri date (years 1343 to 1472 only)."""
    if not (1343 <= year <= 1472 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    if day > (31 if month <= 6 else 30 if month <= 11 else 30 if _jalali_leap(year) else 29):
        return None
    nowruz = _NOWRUZ_1404.toordinal()
    for earlier in range(year, 1404):
        nowruz -= 366 if _jalali_leap(earlier) else 365
    for later in range(1404, year):
        nowruz += 366 if _jalali_leap(later) else 365
    into = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return date.fromordinal(nowruz + into + day - 1)


def _jalali(text: str) -> str | None:
    """A Solar Hijri date in ``text``, in ISO 8601 (with its time, if written)."""
    match = _JALALI_WORDY.search(text)
    month = _JALALI_MONTH[match["m"]] if match else 0
    if match is None and (match := _JALALI_NUMERIC.search(text)):
        month = int(match["m"])
    if match is None or (day := _from_jalali(int(match["y"]), month, int(match["d"]))) is None:
        return None
    clock = _clock(text, match.start(), match.end())
    return _make(day.year, day.month, day.day, *(clock or ()))


# How news pages write "3 hours ago", by language: the words before the count
# ("vor", "před", "acum") or after the unit ("ago", "sitten", "önce"), and the
# words for minutes, hours and days in the forms those phrases take (weeks,
# months and years ago say too little to date a story). Alternatives are split
# by "|"; unit words by spaces.
# (before, after, minute words, hour words, day words)
_AGO = (
    ("", "ago", "min mins minute minutes m", "hour hours hr hrs h", "day days d"),  # en, "3h ago"
    ("vor", "", "minute minuten min", "stunde stunden std", "tag tagen"),  # de
    ("il y a", "", "minute minutes min", "heure heures h", "jour jours"),  # fr
    ("hace|há", "", "minuto minutos min", "hora horas h", "día días dia dias"),  # es, pt
    ("", "fa", "minuto minuti min", "ora ore", "giorno giorni"),  # it
    ("fa", "", "minut minuts", "hora hores", "dia dies"),  # ca
    ("", "geleden", "minuut minuten min", "uur", "dag dagen"),  # nl
    ("", "назад", "минуту минуты минут мин", "час часа часов", "день дня дней"),  # ru
    ("", "тому", "хвилину хвилини хвилин хв", "годину години годин", "день дні днів"),  # uk
    ("преди", "", "минута минути мин", "час часа", "ден дни"),  # bg
    ("пре", "", "минут минута минуте мин", "сат сата сати", "дан дана"),  # sr
    ("prije|pre", "", "minutu minute minuta min", "sat sata sati", "dan dana"),  # hr, sr, bs
    ("před|pred", "", "minutou minutami minútou minútami min", "hodinou hodinami hod",
     "dnem dny dňom dňami"),  # cs, sk
    ("", "temu", "minutę minuty minut min", "godzinę godziny godzin godz", "dzień dni"),  # pl
    ("", "ezelőtt", "perccel", "órával", "nappal"),  # hu
    ("acum", "", "minut minute min", "oră ore", "zi zile"),  # ro
    ("πριν από|πριν", "", "λεπτό λεπτά", "ώρα ώρες", "ημέρα ημέρες μέρα μέρες"),  # el
    ("", "πριν", "λεπτό λεπτά", "ώρα ώρες", "ημέρα ημέρες μέρα μέρες"),  # el: "3 ώρες πριν"
    ("", "önce", "dakika dk", "saat", "gün"),  # tr
    ("", "yang lalu|lalu", "menit minit", "jam", "hari"),  # id, ms
    ("", "sedan", "minut minuter min", "timme timmar tim", "dag dagar dygn"),  # sv
    ("", "siden", "minut minutter min", "time timer", "dag dage dager døgn"),  # da, no
    ("", "sitten", "minuutti minuuttia min", "tunti tuntia", "päivä päivää"),  # fi
    ("", "trước", "phút", "giờ tiếng", "ngày"),  # vi
    ("", "ที่แล้ว|ก่อน", "นาที", "ชั่วโมง", "วัน"),  # th
    ("", "پیش|قبل", "دقیقه", "ساعت", "روز"),  # fa
    ("منذ", "", "دقيقة دقائق دقيقتين", "ساعة ساعات ساعتين", "يوم أيام يومين"),  # ar
    ("לפני", "", "דקה דקות", "שעה שעות שעתיים", "יום ימים יומיים"),  # he
    ("", "पहले", "मिनट", "घंटे घंटा", "दिन"),  # hi
    ("", "前", "分钟 分鐘 分", "小时 小時 時間", "天 日"),  # zh, ja
    ("", "전", "분", "시간", "일"),  # ko
    ("", "আগে", "মিনিট", "ঘণ্টা", "দিন"),  # bn
    ("", "پہلے|قبل", "منٹ", "گھنٹے گھنٹہ گھنٹا", "دن"),  # ur
    ("", "бұрын", "минут", "сағат", "күн"),  # kk
    ("", "əvvəl", "dəqiqə", "saat", "gün"),  # az
    ("", "oldin|avval", "daqiqa", "soat", "kun"),  # uz
    ("", "таму", "хвіліну хвіліны хвілін", "гадзіну гадзіны гадзін", "дзень дні дзён"),  # be
    ("", "წინ", "წუთის", "საათის", "დღის"),  # ka
    ("", "tagasi", "minut minutit", "tund tundi", "päev päeva"),  # et
    ("prieš", "", "minutę minutes minučių", "valandą valandas valandų", "dieną dienas dienų"),  # lt
    ("pirms", "", "minūtes minūtēm minūtem", "stundas stundām stundu", "dienas dienām"),  # lv
    ("pred", "", "minuto minutami", "uro urami", "dnevom dnevi"),  # sl
)  # fmt: skip
# Hungarian writes "3 órája" ("its third hour"): the unit itself says "ago".
_AGO_IN_UNIT = ("perce", "órája", "napja")
# Words for "one" before a unit ("an hour ago", "vor einer Stunde", "acum o oră").
_ONE_WORDS = _words(
    """
    a an one ein eine einer einem einen un un' un’ une una uno uma um een o egy bir en ett
    et yksi jeden jedna jedną jednu μία μια ένα один одна одну одного một یک एक
    """
)
# Unit words that carry their count when written without one: "час назад",
# "před hodinou", "tunti sitten", "منذ ساعتين" (two hours), "לפני יומיים".
_COUNT_IN_UNIT = {
    "час": 1, "минуту": 1, "день": 1, "годину": 1, "хвилину": 1, "godzinę": 1, "minutę": 1,
    "dzień": 1, "hodinou": 1, "minutou": 1, "minútou": 1, "dnem": 1, "dňom": 1, "tunti": 1,
    "päivä": 1, "valandą": 1, "dieną": 1, "uro": 1, "dnevom": 1, "гадзіну": 1, "дзень": 1,
    "ساعة": 1, "دقيقة": 1, "يوم": 1, "ساعتين": 2, "دقيقتين": 2, "يومين": 2, "שעה": 1,
    "דקה": 1, "יום": 1, "שעתיים": 2, "יומיים": 2,
}  # fmt: skip
_UNIT_MINUTES = (
    {
        word.lower(): minutes
        for entry in _AGO
        for minutes, words in zip((1, 60, 1440), entry[2:], strict=True)
        for word in words.split()
    }
    | dict.fromkeys(("perce",), 1)
    | {"órája": 60, "napja": 1440}
)


def _ago_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern for the languages that write their word before the count, the
    other for those that write it after the unit (and Hungarian's "3 órája")."""
    count = rf"(?:(?P<n>(?<!\d)\d{{1,3}}|(?<!\w)(?:{longest_first(_ONE_WORDS)}))\s*|(?<!\w))"
    before = [word for entry in _AGO for word in entry[0].split("|") if word]
    after = [word for entry in _AGO for word in entry[1].split("|") if word]
    units_before = [u for entry in _AGO if entry[0] for words in entry[2:] for u in words.split()]
    units_after = [u for entry in _AGO if entry[1] for words in entry[2:] for u in words.split()]
    # Words in scripts without spaces run into what follows ("3小时前发布").
    spaced = [word for word in after if word.isascii() or not _UNSPACED.search(word)]
    unspaced = [word for word in after if word not in spaced]
    return (
        re.compile(
            rf"(?<!\w)(?:{longest_first(before)})\s+{count}(?P<u>{longest_first(units_before)})(?!\w)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"{count}(?:(?P<u>{longest_first(units_after)})\s*"
            rf"(?:(?:{longest_first(spaced)})(?!\w)|{longest_first(unspaced)})"
            rf"|(?P<hu>{longest_first(_AGO_IN_UNIT)})(?!\w))",
            re.IGNORECASE,
        ),
    )


_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_RELATIVE = _ago_patterns()
# A quick look for the words the second pattern needs before running it: a
# pattern that may start with any count or unit is slow to search for.
_AGO_WORD = re.compile(
    longest_first([w for entry in _AGO for w in entry[1].split("|") if w] + [*_AGO_IN_UNIT]),
    re.IGNORECASE,
)

# "Yesterday" and "today" at the start of a dateline ("gestern, 14:30", "Dnes 9:12").
_YESTERDAY_WORDS = (
    "yesterday", "gestern", "hier", "ayer", "ieri", "ontem", "gisteren", "вчера", "昨天",
    "昨日", "어제", "včera", "wczoraj", "tegnap", "dün", "kemarin", "semalam", "igår",
    "i går", "eilen", "χθες", "χτες", "вчора", "јуче", "jučer", "juče", "hôm qua", "ahir",
    "เมื่อวาน", "دیروز", "أمس", "אתמול",
)  # fmt: skip
_TODAY_WORDS = (
    "today", "heute", "aujourd'hui", "aujourd’hui", "hoy", "oggi", "hoje", "vandaag",
    "сегодня", "今天", "今日", "오늘", "dnes", "dziś", "dzisiaj", "bugün", "hari ini", "idag",
    "i dag", "tänään", "azi", "astăzi", "σήμερα", "сьогодні", "днес", "данас", "danas",
    "hôm nay", "avui", "วันนี้", "امروز", "आज",
)  # fmt: skip
_YESTERDAY = re.compile(
    rf"^(?:(?P<yesterday>{longest_first(_YESTERDAY_WORDS)})|(?P<today>{longest_first(_TODAY_WORDS)}"
    # Hungarian "ma" (today) is also an everyday word elsewhere: only before a time.
    r"|ma(?=\s*,?\s*\d{1,2}[:.]\d\d)))(?=$|[\s,.:]|\d)",
    re.IGNORECASE,
)

# The words of a relative dateline that come before its number ("vor", "před",
# "il y a", "gestern"): a byline that runs into one ends its name there.
RELATIVE_WORDS = frozenset(
    word.lower()
    for phrase in (
        *(p for entry in _AGO for p in entry[0].split("|")),
        *_YESTERDAY_WORDS,
        *_TODAY_WORDS,
    )
    for word in phrase.split()
)


def _ago(text: str) -> tuple[int, int, int] | None:
    """The count, the unit in minutes and the start of the first "3 hours ago"
    in ``text``."""
    for pattern in _RELATIVE:
        if pattern is _RELATIVE[1] and not _AGO_WORD.search(text):
            continue
        if not (match := pattern.search(text)):
            continue
        unit = (match["u"] or match["hu"]).lower()
        if match["n"] is None:
            count = _COUNT_IN_UNIT.get(unit)
        else:
            count = int(match["n"]) if match["n"].isdigit() else 1
        minutes = _UNIT_MINUTES.get(unit)
        if count and minutes:
            return count, minutes, match.start()
    return None


def relative_start(text: str) -> int | None:
    """Where a relative dateline ("vor 3 Stunden", "před hodinou") starts in ``text``."""
    found = _ago(text)
    return found[2] if found else None


def is_relative(text: str) -> bool:
    """Whether ``text`` holds a relative dateline ("3 hours ago", "gestern")."""
    text = " ".join(text.split())
    return bool(text) and (_ago(text) is not None or bool(_YESTERDAY.search(text)))


def holds_date(text: str) -> bool:
    """Whether ``text`` holds a date, written out or relative ("3 hours ago")."""
    return parse_date(text) is not None or is_relative(text)


def is_day_of_year(text: str) -> bool:
    """Whether ``text`` is a day without its year, as blogs write this year's posts:
    "Jun 9", "9 juin", "4. Januar". (Read by trying it with a year added.)"""
    text = text.strip(" ,.")
    return (
        0 < len(text) <= 16
        and not any(c in text for c in ":/")
        and sum(c.isdigit() for c in text) <= 2
        and parse_date(f"{text} 2020") is not None
    )


def relative_date(text: str, now: datetime) -> str | None:
    """The moment a dateline such as "3 hours ago" or "gestern, 14:30" names,
    counted back from ``now`` (the time the page was fetched), or ``None``.

    Minutes and hours give a datetime in ``now``'s zone; days, "yesterday" and
    "today" give a date (with the clock time when the dateline writes one).
    Only short texts are read: "yesterday" in a sentence is no dateline.
    """
    text = " ".join(text.split())
    if not text or len(text) > 60:
        return None
    if ago := _ago(text):
        count, minutes, _start = ago
        moment = now - timedelta(minutes=count * minutes)
        if minutes >= 1440:
            return moment.date().isoformat()
        return moment.replace(second=0, microsecond=0).isoformat()
    if match := _YESTERDAY.match(text):
        day = now.date() - timedelta(days=1 if match["yesterday"] else 0)
        rest = text[match.end() :]
        if (clock := _CLOCK.search(rest)) and clock.start() <= 8:
            hour, ampm = int(clock["H"]), (clock["ampm"] or "").lower()[:1]
            hour = hour % 12 + 12 if ampm == "p" else (hour % 12 if ampm == "a" else hour)
            if hour < 24:
                return datetime(day.year, day.month, day.day, hour, int(clock["M"])).isoformat()
        if not rest.strip(" ,.:"):
            return day.isoformat()
    return None


def fetch_time(headers: Mapping[str, str] | None) -> datetime | None:
    """When the page was fetched: the HTTP ``Date`` header of its response."""
    for name, value in (headers or {}).items():
        if name.lower() == "date":
            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def date_from_url(url: str) -> str | None:
    """A date in the URL path (``/2020/12/22/``), the weakest witness of all.

    Only a full date counts: a year and month alone (``/2018/10/slug``) do not
    say which day, and clipper never invents one.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        month, day = (match[2], match[3]) if match[2] else (match[5], match[6])
        if found := _make(int(match[1]), int(month), int(day)):
            return found
    if wordy := _URL_WORDY_DATE.search(path):  # /2019/nov/18/
        month_number = MONTHS.get(wordy[2].lower())
        if month_number and (found := _make(int(wordy[1]), month_number, int(wordy[3]))):
            return found
    return None


# Labels that say what a visible date is, matched case-insensitively and not
# inside a longer word; where two overlap the longer wins ("Last updated" over
# "updated"). An "Updated" date is a modification date in every language: it
# must never become the publication date.
_MODIFIEDDATE_LABELS = (
    "last updated", "last modified", "updated on", "updated", "update", "modified", "revised",
    "edited", "last post", "last reply", "latest reply", "last activity", "letzter beitrag",
    "letzte antwort", "dernier message", "dernière réponse", "último mensaje",
    "última respuesta", "ultimo messaggio", "ultima risposta",
    "zuletzt aktualisiert", "aktualisiert am", "aktualisiert", "geändert", "stand",
    "mis à jour le", "mis à jour", "mise à jour le", "mise à jour", "modifié le", "modifié",
    "actualizado el", "actualizado", "actualización", "última actualización", "modificado",
    "aggiornato il", "aggiornato", "ultimo aggiornamento", "aggiornamento", "modificato",
    "modificato il", "ultima modifica", "последнее обновление", "обновление",
    "τελευταία τροποποίηση",
    "atualizado em", "atualizado", "atualização", "bijgewerkt", "gewijzigd",
    "zaktualizowano", "aktualizacja", "güncellendi", "güncelleme", "güncellenme",
    "oppdatert", "uppdaterad", "opdateret", "päivitetty", "diperbarui",
    "обновлено", "обновлён", "обновлен", "изменено", "оновлено",
    "最終更新日", "最終更新", "更新日時", "更新日", "更新时间", "更新時間", "更新于", "更新",
    "修改时间", "修改", "수정", "업데이트", "آخر تحديث", "تم التحديث", "تحديث", "עודכן",
    # Czech, Slovak, Hungarian, Turkish, Indonesian and Malay, the Nordic languages,
    # Romanian, Catalan, South Slavic, Bulgarian, Greek, Ukrainian, the Baltic
    # languages, Vietnamese, Thai, Persian, Hindi.
    "aktualizováno", "aktualizace", "poslední aktualizace", "upraveno", "aktualizované",
    "aktualizovaný", "aktualizácia", "frissítve", "frissítés", "módosítva", "utolsó frissítés",
    "son güncelleme", "güncellenme tarihi", "diperbaharui", "pembaruan", "dikemas kini",
    "kemas kini", "uppdaterat", "senast uppdaterad", "sist oppdatert", "opdateret den",
    "sidst opdateret", "päivitetty viimeksi", "päivitys", "actualizat", "actualizare",
    "ultima actualizare", "actualizată", "actualitzat", "actualització", "ažurirano", "ažuriran",
    "azurirano", "ажурирано", "posodobljeno", "обновена", "обновено", "актуализирана",
    "актуализирано", "ενημέρωση", "ενημερώθηκε", "τελευταία ενημέρωση", "оновлена",
    "atnaujinta", "atjaunināts", "uuendatud", "cập nhật", "อัปเดต", "อัพเดท", "แก้ไขล่าสุด",
    "به‌روزرسانی", "بروزرسانی", "به روز رسانی", "अपडेट", "अपडेटेड",
    # Bengali, Gujarati, Punjabi, Tamil, Malayalam, Georgian, Armenian, Kazakh,
    # Belarusian, Azerbaijani, Uzbek.
    "আপডেট", "અપડેટ", "ਅਪਡੇਟ", "புதுப்பிக்கப்பட்டது", "അപ്ഡേറ്റ്", "განახლდა",
    "განახლებულია", "թարմացվել է", "жаңартылды", "жаңартылған", "абноўлена", "yenilənib",
    "yangilandi",
)  # fmt: skip
_PUBLISHEDDATE_LABELS = (
    "first published", "published on", "published", "posted on", "posted", "created",
    "publication date", "date published", "released", "erstmals veröffentlicht",
    "publiziert am", "publiziert", "datum",
    "veröffentlicht am", "veröffentlicht", "erstellt am", "erstellt", "erschienen am",
    "erschienen", "publié le", "publié", "créé le", "créé", "publicado el", "publicado em",
    "publicado", "publicación", "fecha de publicación", "creado", "pubblicato il",
    "pubblicato", "pubblicazione", "creato", "criado em", "criado", "gepubliceerd",
    "geplaatst", "opublikowano", "publikacja", "yayınlanma", "yayımlandı", "yayınlandı",
    "publisert", "publicerad", "publiceret", "julkaistu", "diterbitkan", "dipublikasikan",
    "опубликовано", "опубликован", "создано", "дата публикации", "опубліковано",
    "发布时间", "发布于", "发布日期", "发布", "發布", "发表于", "发表", "公開日時", "公開日",
    "公開", "投稿日時", "投稿日", "掲載日", "配信日時", "입력", "등록", "작성", "게시",
    "تاريخ النشر", "نشر في", "نشر", "פורסם",
    # The same languages as above.
    "giriş tarihi", "giriş", "ημερομηνία δημοσίευσης", "ημερομηνία",
    "publikováno", "zveřejněno", "vydáno", "publikované", "zverejnené", "közzétéve",
    "publikálva", "megjelent", "megjelenés", "yayın tarihi", "yayınlanma tarihi",
    "oluşturulma", "dipublikasi", "terbit", "diterbitkan pada", "disiarkan", "publicerat",
    "udgivet", "publicat", "publicată", "publicat pe", "data publicării", "objavljeno", "objavljen",
    "објављено", "публикувано", "публикувана", "δημοσίευση", "δημοσιεύθηκε",
    "δημοσιεύτηκε", "paskelbta", "publicēts", "avaldatud", "ngày đăng",
    "đăng lúc", "đăng ngày", "xuất bản", "เผยแพร่", "วันที่เผยแพร่", "تاریخ انتشار",
    "منتشر شده", "प्रकाशित", "प्रकाशन",
    "প্রকাশিত", "પ્રકાશિત", "ਪ੍ਰਕਾਸ਼ਿਤ", "வெளியிடப்பட்டது", "ప్రచురించబడింది",
    "പ്രസിദ്ധീകരിച്ചത്", "ಪ್ರಕಟಿಸಲಾಗಿದೆ", "გამოქვეყნდა", "გამოქვეყნებულია",
    "հրապարակվել է", "жарияланды", "жарияланған", "апублікавана", "dərc olunub",
    "dərc edilib", "e'lon qilindi",
)  # fmt: skip


# A label is not a piece of a longer word, in any alphabet that writes words
# with spaces (Latin with its extensions, Greek, Cyrillic); in Chinese, Japanese
# and Thai a label runs straight into the text around it.
_WORD_LETTER = r"A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿḀ-ỿ"
DATE_LABEL = re.compile(
    rf"(?<![{_WORD_LETTER}])(?:(?P<modified>"
    + longest_first(_MODIFIEDDATE_LABELS)
    + r")|(?P<published>"
    + longest_first(_PUBLISHEDDATE_LABELS)
    + rf"))(?![{_WORD_LETTER}])",
    re.IGNORECASE,
)
# The same labels (all written in lower case) for text already in lower case:
# matching without IGNORECASE is twice as fast, which counts where every text of
# a story is searched for a label.
_DATE_LABEL_LOWER = re.compile(DATE_LABEL.pattern)


def find_date_label(text: str) -> re.Match[str] | None:
    """``DATE_LABEL.search(text)``, faster on ASCII text (where lower-casing
    keeps every position and is all that IGNORECASE does)."""
    if text.isascii():
        return _DATE_LABEL_LOWER.search(text.lower())
    return DATE_LABEL.search(text)


def labelled_dates(text: str, *, month_first: bool = False) -> list[tuple[str, str]]:
    """``(kind, date)`` pairs in a visible dateline, in the order written.

    ``kind`` is ``"modified"`` or ``"published"`` when a label before the date
    says so, else ``""``. Each label governs the text up to the next label.
    """
    text = " ".join(text.split())[:400]
    if not text or not any(c.isdigit() for c in text):
        return []
    labels = list(DATE_LABEL.finditer(text))
    segments: list[tuple[str, str]] = []
    if not labels:
        segments.append(("", text))
    else:
        if labels[0].start() > 0:
            segments.append(("", text[: labels[0].start()]))
        for index, label in enumerate(labels):
            end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
            kind = "modified" if label["modified"] else "published"
            segments.append((kind, text[label.end() : end]))
    found = []
    for kind, segment in segments:
        value = parse_date(segment, month_first=month_first)
        if value is None and kind:
            value = _short_year_date(segment, month_first)
        if value is not None:
            found.append((kind, value))
    return found


# "03.12.25": a day-first date with a two-digit year, as German, Hebrew and
# Scandinavian datelines write it. Believed only after a label ("Publiziert:",
# "פורסם:"): alone, such a triple is as often a version or a score.
_SHORT_YEAR = re.compile(
    r"(?<![\d.:/-])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>\d\d)(?![\d.:/-]?\d)"
)


def _short_year_date(text: str, month_first: bool = False) -> str | None:
    if (match := _SHORT_YEAR.search(text)) is None:
        return None
    clock = _clock(text, match.start(), match.end())
    day, month = int(match["d"]), int(match["m"])
    if month > 12 or (month_first and match["sep"] == "/" and day <= 12):
        day, month = month, day  # "11/14/24" on an American page; "10.15.15" anywhere
    return _make(2000 + int(match["y"]), month, day, *(clock or ()))


# What may follow a two-digit-year date in an element that holds nothing else:
# its time of day ("14.11.24, 09:30", "14.11.24 | 9:30 pm").
_CLOCK_AFTER = re.compile(r"\s*(?:[,|·•-]\s*)?(?:\d{1,2}[:.h]\d\d(?:\s*[ap]\.?\s?m\.?)?)?\s*", re.I)


def short_year_alone(text: str, *, month_first: bool = False) -> str | None:
    """The date of a text that is nothing but a two-digit-year date ("14.11.24"),
    perhaps with its time: believed where the markup already says "a date"
    (an element classed as one, the line under the headline), not in prose."""
    text = text.strip()
    match = _SHORT_YEAR.match(text)
    if match is None or len(text) > 24 or not _CLOCK_AFTER.fullmatch(text[match.end() :]):
        return None
    return _short_year_date(text, month_first)
