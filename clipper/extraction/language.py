"""The language a story is written in, read from its letters and its commonest words.

A page that declares no language (about one in nine of the benchmark pages:
hand-written sites, old templates, feeds' HTML) still says it in its text.
Clipper reads it the cheap way, without a model:

- A script that one language writes alone names it: Georgian, Armenian, Greek,
  Hebrew, Thai, Hangul, kana, and the scripts of India and South-East Asia.
- A script that several languages share is told apart by the letters only one
  of them uses: Ukrainian ``ї є ґ``, Kazakh ``ә қ ң``, Russian ``ы э`` (which
  Bulgarian, Serbian and Macedonian lack); Urdu ``ے ٹ ڈ``, Persian ``پ چ ژ گ``;
  Marathi ``आहे``, Nepali ``छ``, Hindi ``है``.
- Latin script is told by the words every text of a language is full of ("the",
  "und", "les", "che", "och", ...), counted over the story: one language must
  lead clearly, or none is named. Vietnamese, whose tone marks no other
  language writes, is named by its letters.

A language named wrongly would mislead more than none does, so each rule names
one only on clear evidence; Croatian, Bosnian and Serbian in Latin letters, or
Danish against Norwegian on a short text, stay unnamed.
"""

from __future__ import annotations

import re

# (pattern, the languages that write with it, the one it implies alone). Japanese
# mixes kana with Han characters; ``dominant_script`` counts both for it.
_SCRIPTS: tuple[tuple[re.Pattern[str], tuple[str, ...], str | None], ...] = (
    (re.compile(r"[\u3040-\u30ff]"), ("ja",), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), ("ko",), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), ("zh", "ja", "ko"), "zh"),
    (re.compile(r"[\u0400-\u04ff]"), ("ru", "uk", "bg", "sr", "be", "kk", "mk", "mn", "tg"), None),
    (re.compile(r"[\u0600-\u06ff]"), ("ar", "fa", "ur", "ps", "ku", "sd", "ug"), None),
    (re.compile(r"[\u0590-\u05ff]"), ("he", "yi"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), ("el",), "el"),
    (re.compile(r"[\u0e00-\u0e7f]"), ("th",), "th"),
    (re.compile(r"[\u0900-\u097f]"), ("hi", "mr", "ne", "sa"), None),
    (re.compile(r"[\u10a0-\u10ff]"), ("ka",), "ka"),
    (re.compile(r"[\u0530-\u058f]"), ("hy",), "hy"),
    (re.compile(r"[\u0980-\u09ff]"), ("bn", "as"), "bn"),
    (re.compile(r"[\u0a00-\u0a7f]"), ("pa",), "pa"),
    (re.compile(r"[\u0a80-\u0aff]"), ("gu",), "gu"),
    (re.compile(r"[\u0b00-\u0b7f]"), ("or",), "or"),
    (re.compile(r"[\u0b80-\u0bff]"), ("ta",), "ta"),
    (re.compile(r"[\u0c00-\u0c7f]"), ("te",), "te"),
    (re.compile(r"[\u0c80-\u0cff]"), ("kn",), "kn"),
    (re.compile(r"[\u0d00-\u0d7f]"), ("ml",), "ml"),
    (re.compile(r"[\u0d80-\u0dff]"), ("si",), "si"),
    (re.compile(r"[\u0e80-\u0eff]"), ("lo",), "lo"),
    (re.compile(r"[\u1000-\u109f]"), ("my",), "my"),
    (re.compile(r"[\u1780-\u17ff]"), ("km",), "km"),
    (re.compile(r"[\u1200-\u137f]"), ("am", "ti"), "am"),
)  # fmt: skip

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_KANA, _HAN = _SCRIPTS[0][0], _SCRIPTS[2][0]

# The letters (or words) only one language of a shared script writes, tried in
# order; the last entry names the language left when none is found.
_CYRILLIC = (
    ("uk", re.compile(r"[їєґ]")),
    ("be", re.compile(r"ў")),
    ("kk", re.compile(r"[әғқңөұүһ]")),
    ("sr", re.compile(r"[ђћџ]")),
    ("mk", re.compile(r"[ѓќѕ]")),
    ("ru", re.compile(r"[ыэ]")),
    ("uk", re.compile(r"і")),  # which Belarusian and Kazakh write too (found above)
    ("bg", re.compile(r"ъ")),
)
_ARABIC = (
    ("ur", re.compile(r"[ےٹڈڑں]")),
    ("fa", re.compile(r"[پچژگ]|\u06cc")),  # and the Persian yeh
    ("ar", re.compile(r"[ةى]|ال")),
)
_DEVANAGARI = (
    ("mr", re.compile(r"आहे|आणि")),
    ("ne", re.compile(r"छन्|छ।|हुन्छ")),
    ("hi", re.compile(r"हैं?|और|में")),
)
_SHARED = {"ru": _CYRILLIC, "ar": _ARABIC, "hi": _DEVANAGARI}

# Vietnamese writes horns and hooks no other language does.
_VIETNAMESE = re.compile(r"[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")

# The commonest words of each language written in Latin letters, lower case.
_COMMON_WORDS = {
    "en": "the and of to in is that for was with on as are it by this be at from have not",
    "de": "der die und das ist nicht ein eine mit den von zu auf sich des dem im für auch wird",
    "fr": "le la les et des est une dans pour pas que qui sur du au avec ce sont il elle",
    "es": "el la los las que del en por con una para es se no como más pero sus fue",
    "pt": "o os as que não uma com para por são do da dos das em mais foi ao também",
    "it": "il di che la è per una sono del della non con gli nel anche come alla delle",
    "nl": "de het een van en is dat op niet zijn met voor er ook aan om bij werd",
    "sv": "och att det som är på för med inte av en till den har om var jag också",
    "da": "og at det som er på for med ikke af en til den har de var jeg også",
    "no": "og at det som er på for med ikke av en til den har de var jeg også",
    "fi": "ja on ei se että oli hän mutta kun tai myös ovat kuin joka sen",
    "pl": "i w nie na się że to jest do z o jak ale po co tak przez dla",
    "cs": "a v se na je že to s z do o jako pro ale by jsou také které",
    "sk": "a v sa na je že to s z do o ako pre ale by sú aj ktoré",
    "hu": "a az és hogy nem is egy meg van de csak ez már volt el mint",
    "ro": "și în de la a cu că nu o pe un care mai din este pentru",
    "tr": "ve bir bu da de için ile çok ne gibi daha olarak sonra kadar ama değil",
    "id": "yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena",
    "sl": "in je v na se da za so z ki tudi pa ne to bi",
    "lt": "ir yra kad su į iš o tai bet jo buvo kaip",
    "lv": "un ir ka ar uz no par arī bet tas kā to",
    "et": "ja on et ei see oli ka kui aga mis ta nii",
    "sq": "të e dhe në për një me është nga që nuk se",
    "ca": "el la i els les de que per amb una és del als al no",
}  # fmt: skip
_LANGUAGES_OF: dict[str, list[str]] = {}
for _language, _words in _COMMON_WORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF.setdefault(_word, []).append(_language)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE = 2000  # characters: enough for the commonest words to show
_MIN_HITS = 5
_MIN_WORDS = 5
_MIN_SHARE = 0.08  # of the words: prose is a third or more its commonest words
_MARGIN = 1.5  # the leader's count over the runner-up's


def detect_language(text: str) -> str | None:
    """The language ``text`` is written in (a primary subtag: ``en``, ``uk``,
    ``ka``), or ``None`` when its letters and words do not say it clearly."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return None
    if sample.isascii():
        return _by_words(sample)
    if script := dominant_script(sample, letters):
        languages, implied = script
        return implied or _by_letters(sample, _SHARED[languages[0]])
    if len(_VIETNAMESE.findall(sample.lower())) * 20 >= letters:
        return "vi"
    return _by_words(sample)


def dominant_script(
    sample: str, letters: int | None = None
) -> tuple[tuple[str, ...], str | None] | None:
    """The script that writes half of ``sample``'s letters or more (``letters``, when
    the caller has counted them): the languages that write with it, and the one it
    implies alone (``None`` where several share it). ``None`` for Latin letters."""
    if letters is None:
        letters = len(_LETTER.findall(sample))
    kana = len(_KANA.findall(sample))
    if not kana and len(_LATIN.findall(sample)) * 2 >= letters:
        return None  # half the letters are Latin: no other script holds half
    for pattern, languages, implied in _SCRIPTS:
        if implied == "ja":  # kana, and the Han characters Japanese writes with it
            count = kana + len(_HAN.findall(sample)) if kana else 0
        else:
            count = len(pattern.findall(sample))
        if count * 2 >= letters:
            return languages, implied
    return None


def _by_letters(sample: str, hints: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    for language, pattern in hints:
        if pattern.search(sample):
            return language
    return None


def _by_words(sample: str) -> str | None:
    # A word several languages write counts for each a share: "la" says little
    # between Spanish, French, Italian and Catalan; "els" says Catalan.
    counts: dict[str, float] = {}
    seen: dict[str, set[str]] = {}
    words = _WORD.findall(sample.lower())
    for word in words:
        if languages := _LANGUAGES_OF.get(word):
            for language in languages:
                counts[language] = counts.get(language, 0.0) + 1 / len(languages)
                seen.setdefault(language, set()).add(word)
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)[:2]
    # Several of a language's words, not one repeated: "et" and "est" in Latin
    # filler text ("Lorem ipsum") are no French.
    if not ranked or ranked[0][1] < _MIN_HITS or len(seen[ranked[0][0]]) < _MIN_WORDS:
        return None
    if ranked[0][1] < len(words) * _MIN_SHARE:
        return None  # a list of product names that happens to hold "a", "v", "pro"
    if len(ranked) > 1 and ranked[0][1] < ranked[1][1] * _MARGIN:
        return None
    return ranked[0][0]
