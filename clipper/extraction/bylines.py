"""People's names from bylines and author fields, in many languages.

A byline is written for readers, not machines: ``By JANE DOE and John Roe |
Staff Writers | Updated Nov 19, 2019``, ``Von Hans Müller und Eva Schmidt``,
``Par Jean Dupont et Marie Martin (AFP)``, ``Phil Helsel is a reporter for NBC
News``. ``parse_byline`` keeps the names and drops everything else: the "By"
word, dates and labels, job titles, credentials (``MS, RD``), social handles,
e-mail addresses and URLs, and words that name a role rather than a person
("Staff", "Redaktion", "Admin", "Guest").

Decisions where a byline is ambiguous:

- News agencies (Reuters, AP, AFP, dpa, PTI, EFE, ANSA, TASS, Xinhua...) are valid
  authors on their own. Next to a person's name they are that person's
  affiliation (``Jill Lawless, Associated Press``) and ``choose_authors`` keeps
  only the person.
- ``The Paper Staff`` / ``Redaktion Beispiel`` name a desk, not a person, and
  are dropped unless what remains is an agency (``Reuters Staff`` → Reuters).
- A single lower-case token (``jdadmin``) is a login, not a name.
- A byline written in capitals is shown in title case (``DANICA KIRKA`` →
  Danica Kirka); short capitalised words stay (``PTI``, ``AFP``).
- Only the first field of a byline split by ``|`` or ``·`` holds names; the
  others are places, dates and roles (``PTI | Moscow | Updated: ...``). The
  exception is a dateline that starts with its place: when the first field is
  one word that is not an agency and a later field holds names, those win
  (``Amman - Sara Al-Khatib``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clipper.authors import author_name
from clipper.extraction.dates import (
    DATE_LABEL,
    DATE_WORDS,
    RELATIVE_WORDS,
    longest_first,
    relative_start,
)
from clipper.extraction.titles import key
from clipper.text import strip_controls


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AGENCIES = frozenset(
    {
        "reuters", "thomson reuters", "ap", "associated press", "the associated press",
        "afp", "agence france-presse", "agence france presse", "dpa", "deutsche presse-agentur",
        "pti", "press trust of india", "ians", "ani", "uni", "efe", "agencia efe",
        "europa press", "ansa", "adnkronos", "agi", "lapresse", "xinhua", "xinhua news agency",
        "新华社", "中新社", "中央社", "kyodo", "kyodo news", "jiji", "jiji press", "共同通信",
        "時事通信", "yonhap", "연합뉴스", "tass", "тасс", "итар-тасс", "ria novosti",
        "риа новости", "interfax", "интерфакс", "ukrinform", "укрінформ", "unian", "уніан",
        "bloomberg", "upi", "united press international", "anadolu", "anadolu agency",
        "apa", "sda", "keystone-sda", "belga", "anp", "lusa", "agência brasil", "aap",
        "australian associated press", "canadian press", "the canadian press", "cp",
        "pa", "pa media", "press association", "epa", "kna", "epd", "ntb", "tt", "ritzau",
        "stt", "čtk", "ctk", "pap", "mti", "hina", "tanjug", "mena", "wam", "spa", "qna",
        "kuna", "petra", "irna", "isna", "wafa", "sana", "bernama", "antara", "pna", "vna",
        "bss", "unb", "app", "sapa", "nan", "kbs", "cna", "rtt news", "dow jones",
        "dow jones newswires", "ap news", "وكالة الأنباء", "وكالات", "أ ف ب", "رويترز",
    }
)  # fmt: skip
# The newsroom as a whole, in many languages ("Redakcja", "Tim Redaksi",
# "Haber Merkezi"): a byline that names it names no person.
_NEWSROOM_WORDS = _wordset(
    """
    redakcja redakce redakcia redaksi toimitus redaktionen redaksjonen redacția redactia
    redakcija redakcia szerkesztőség merkezi σύνταξη редакція редакцията уредништво
    """
)  # fmt: skip
# Words that name a job, a desk or an affiliation: a name ends where one begins.
_ROLE_WORDS = _wordset(
    """
    staff writer writers reporter reporters correspondent correspondents editor editors
    columnist contributor contributors journalist journalists producer photographer
    photographers analyst author authors freelancer intern desk team bureau director
    manager founder ceo president professor fellow host anchor editor-at-large critic
    blogger expert specialist lecturer researcher is was for at from via member members
    moderator moderators engineer engineers developer developers designer scientist
    consultant strategist evangelist architect marketer coordinator officer
    redakteur redakteurin korrespondent korrespondentin autorin reporterin ressortleiter
    chefredakteur chefredakteurin volontär volontärin mitarbeiter mitarbeiterin leiter
    leiterin für redaktion journaliste rédacteur rédactrice correspondant correspondante
    envoyé envoyée chroniqueur chroniqueuse pour rédaction periodista redactor redactora
    corresponsal enviado enviada columnista editora para redacción giornalista redattore
    redattrice corrispondente inviato inviata editorialista redazione per jornalista
    repórter correspondente colunista redator redatora redação корреспондент журналист
    журналистка редактор обозреватель автор спецкор репортёр репортер редакция
    dziennikarz dziennikarka reporterka korespondent korespondentka redaktorka publicysta
    redaktor zpravodaj zpravodajka novinář novinářka reportér reportérka spravodajca
    újságíró szerkesztő tudósító riporter munkatárs muhabir muhabiri editör wartawan
    wartawati jurnalis kontributor koresponden redaktör korrespondent redaktør toimittaja
    kirjeenvaihtaja jurnalist jurnalistă redactor corespondent novinar novinarka urednik
    urednica dopisnik δημοσιογράφος ανταποκριτής журналіст журналістка кореспондент
    기자 특파원 선임기자 객원기자 논설위원
    кореспондентка оглядач журналист репортер кореспондент žurnalistas žurnalistė
    """
) | _NEWSROOM_WORDS  # fmt: skip
# Words that qualify a role ("Senior", "News", "Political"): they end a name only
# when a role word follows, so "Fox News" or "Chief Keef" stay whole.
_QUALIFIERS = _wordset(
    """
    senior chief associate assistant deputy managing executive political business sports
    science health technology tech news digital special foreign national international
    investigative data video multimedia content social head contributing freelance staff
    spécial spéciale especial speciale leitender leitende stellvertretender
    """
)  # fmt: skip
_DESK_WORDS = (
    _wordset(
        "staff desk team bureau redaktion rédaction redacción redazione redação редакция"
        " newsroom wire wires services"
    )
    | _NEWSROOM_WORDS
)
# Whole entries that are never a person.
_NOT_NAMES = _wordset(
    """
    by from staff admin administrator editor editors the-editors redaktion rédaction
    redacción redazione redação редакция newsroom news-desk web-desk desk correspondent
    unknown anonymous anonym anonyme anónimo anonimo guest author user team webmaster
    gast invité invitée invitado invitada ospite convidado гость аноним 匿名 ゲスト
    編集部 编辑部 편집부 زائر nobody none null n/a editorial editorial-staff
    editorial-team wire wires wire-services agencies agency agencias agenturen agences
    агентства staff-reporter staff-writer online-desk digital-desk contributor
    profile follow unfollow subscribe name author-name your-name first-name full-name
    review reviews rating ratings price relevance popularity newest oldest featured
    best-selling most-popular date
    """
) | _NEWSROOM_WORDS  # fmt: skip
_CREDENTIALS = _wordset(
    """
    md phd ms ma mba mph rd rdn ld ldn cde cdces rn bsn np pa pa-c do dds dmd dvm pharmd
    jd esq cpt cscs cns ccn ibclc lcsw lmft psyd edd facs facp frcp msc bsc ba bs cfa
    cpa cfp mfa llm dphil
    """
)  # fmt: skip
_MIXED_CASE = frozenset({"PhD", "PharmD", "PsyD", "EdD", "DPhil", "MSc", "BSc", "Esq"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
HONORIFICS = re.compile(
    r"^(?:dr|prof|mr|mrs|ms|mx|dott|dott\.ssa|ing|mag|herr|frau|mme|mlle|sra|dña|д-р)"
    r"\.?\s+(?=\S)",
    re.IGNORECASE,
)
# Words that open a byline in more languages, taken off it before a space or a
# colon: Czech and Slovak "Napsal", Hungarian "Szerző" and "Írta", Indonesian
# "Penulis", Finnish "Teksti" and "Kirjoittaja", Nordic "Skrevet av", South
# Slavic "Piše", Greek "Του"/"Της" (the name follows in the genitive) and
# "Γράφει", Vietnamese "Tác giả", Thai "โดย", Persian, Hindi, Bengali, Tamil,
# Telugu, Urdu, Japanese "執筆者", Georgian, Armenian, Belarusian, Azerbaijani and
# Uzbek. Lower case.
BYLINE_WORDS = (
    "napsal", "napsala", "napísal", "napísala", "szerző", "szerzők", "írta", "penulis",
    "teksti", "kirjoittaja", "kirjoittajat", "skrevet av", "skrevet af", "skriven av",
    "piše", "pišu", "пише", "аутор", "автори", "avtor", "autorius", "autors", "του", "της",
    "γράφει ο", "γράφει η", "γράφει", "συντάκτης", "tác giả", "ผู้เขียน", "โดย", "نویسنده",
    "به قلم", "लेखक", "লেখক", "எழுதியவர்", "రచయిత", "تحریر", "執筆者", "ავტორი", "հեղինակ",
    "аўтар", "müəllif", "muallif",
)  # fmt: skip
# Byline words that count only before a colon ("Oleh: Budi Santoso", "Yazar:
# Ali Demir"): alone they are given names too (Oleh, Yazan) or everyday words.
BYLINE_LABELS = ("oleh", "yazan", "yazar")

# A line that opens with a byline word: "By Jon Foster - 2025-09-13". The name
# is not written in lower case: "By logging in, you agree" is a sentence.
_BY_VERB = (
    r"(?:(?:written|posted|published|reported|reporting)\s+by|(?:escrito|publicado)\s+por"
    r"|(?:geschrieben|verfasst)\s+von|(?:écrit|rédigé|publié)\s+par|(?:scritto|pubblicato)\s+da"
    r"|(?:skrevet|skriven)\s+a[vf]|napsala?|napísala?|írta|piše|пише|γράφει|โดย"
    r"|(?:story|words)\s+by|by|von|par|por|door|di|av|af)"
)
# A line that opens with a byline word and a colon: "Szerző: Kovács Anna",
# "Oleh: Budi Santoso". Greek "Του"/"Της" open sentences too: only in a byline's box.
_LINE_WORDS = longest_first(word for word in BYLINE_WORDS if word not in ("του", "της"))
# "Text:" ("Texte :", "Tekst:") credits the words' author, only before a colon.
_LINE_LABELS = longest_first((*BYLINE_LABELS, "text", "texte", "texto", "testo", "tekst", "текст"))
# ("By: Jon Foster" too, the colon after "By".)
BY_LINE = re.compile(
    rf"(?:(?i:{_BY_VERB})\s*[:：]?\s+|(?i:{_LINE_WORDS}|{_LINE_LABELS}|autor(?:in)?|author)\s*[:：՝]\s*)"
    r"(?![a-zß-ÿ])[^\W\d_]"
)
# The same words inside a line, after what comes first: "Posted on March 3, 2025
# by Jane Doe", "3 mars 2025 par Jane Doe" (a caller checks that it is a date).
BY_WITHIN = re.compile(rf"(?<=\s)(?i:{_BY_VERB})\s*[:：]?\s+(?![a-zß-ÿ])[^\W\d_]")
# The words alone on their line, the name on the next: "Written by" / "Maya Perez".
BY_ALONE = re.compile(
    rf"(?i:{_BY_VERB}|autor(?:in)?|author|auteure?|autore|{_LINE_WORDS})\s*[:：]?"
    rf"|(?i:{_LINE_LABELS})\s*[:：]"
)


_PREFIX = re.compile(
    r"^\s*(?:(?:"
    r"(?:(?:text|story|words|report(?:ing|ed)?|analysis|opinion|review(?:ed)?|commentary"
    r"|interview|column|essay|compiled|edited|written|posted|published|text\s+and\s+photos?"
    r"|an?\s+\w+)\s+)?by\b"
    r"|(?:text\s+)?von|par|por|di|a\s+cura\s+di|door|av|af|przez|tekst|texte?|texto|testo"
    r"|autor(?:in)?|autore|autora|auteure?|authors?|reporter"
    r"|авторы?|текст|作者|文|记者|記者|撰文|撰稿|기자|글|بقلم|كتب|كتبت|إعداد|כתב|מאת"
    rf"|{longest_first(BYLINE_WORDS)}"
    r")(?:\s*[:：՝/／|-]\s*|\s+|(?<=[\u3000-\u9fff])\s*)"
    rf"|(?:{longest_first(BYLINE_LABELS)})\s*[:：]\s*)",
    re.IGNORECASE,
)
# A "Label:" left after the byline words are taken off names a field, not a person.
_LABEL = re.compile(r"[^\W\d_][^\W\d_ ]{1,20}(?: [^\W\d_]{1,20})?\s?[:：]\s")
# "This post was written by Jane Doe", "Écrit par Marie Martin": the name follows
# the phrase, also with the post's date or category between ("Posted on March 3
# in News by Jane Doe").
_WRITTEN_BY = re.compile(
    r"\b(?:(?:written|posted|published|reported|authored|compiled|edited)"
    r"(?:\s+(?:on|in|at)\s+[^|·•]{1,40}?)?\s+by"
    r"|(?:écrit|rédigé|publié)e?s?\s+par|(?:escrito|publicado|redactado)\s+por"
    r"|(?:geschrieben|verfasst)\s+von|(?:scritto|pubblicato)\s+da|geschreven\s+door"
    r"|(?:skrevet|skriven)\s+a[vf])(?:\s*[:：]\s*|\s+|$)",
    re.IGNORECASE,
)
# Where the reporter was, after the name: "Jane Doe in London", "Hans Müller aus
# Berlin", "Jean Dupont à Paris".
_IN_PLACE = re.compile(r"(?<=[^\W\d_]{2})\s+(?:in|aus|à)\s+(?=[A-ZÀ-ÖØ-Þ])")
_CAMEL = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")
# A name run into the date after it ("Jane DoeDecember 3, 2025"): the month's
# capital is where they meet.
_GLUED_DATE = re.compile(
    r"(?<=[a-zß-öø-ÿ])(?=(?:"
    + "|".join(
        sorted(
            (w.capitalize() for w in DATE_WORDS if len(w) >= 3 and w.isalpha()),
            key=len,
            reverse=True,
        )
    )
    + r")\b)"
)
# A job described rather than named: "Head of Marketing", "Director of Research".
_ROLE_PHRASE = re.compile(
    r"^(?:(?:senior|junior|associate|assistant|deputy|former)\s+)?(?:head|director|chair"
    r"|manager|professor|member|vp|vice\s+president|chief\s+\w+\s+officer|lead)\s+(?:of|for)\b",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"^\s*(?:photos?|photograph(?:s|y)?|pictures?|images?|foto(?:s|grafie)?|bild(?:er)?"
    r"|illustrations?|video|фото|写真|图|사진)\b",
    re.IGNORECASE,
)
_FIELD_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s*[|·•｜]\s*|\s+-\s+|\n|\u3000|\s{3,}")
# The words that join two names in a byline ("Jane Doe and John Smith"), lower case.
JOINING_WORDS = _wordset(
    "and und et with mit avec con com og och ve та and/or és oraz și ja και và"
)
# One-letter conjunctions split only between two names of two words or more,
# so that "Bruce Y. Lee" and "Maria Lopes e Silva" stay whole; so does Dutch
# "en", which is also a preposition ("Juan Pérez en Madrid").
SHORT_JOINING_WORDS = _wordset("y e i a en и і و")
_AND = longest_first(JOINING_WORDS)
# A comma may stand before the last "and" ("By A, B, and C").
_NAME_SPLIT = re.compile(
    rf"\s*(?:[,;/、，；](?:\s*(?:{_AND})\s)?|&|\s(?:{_AND})\s|[和与與及])\s*",
    re.IGNORECASE,
)
_SHORT_AND = re.compile(rf"\s+(?:{'|'.join(sorted(SHORT_JOINING_WORDS))})\s+")
_SENTENCE_SPLIT = re.compile(
    r"(?<=[^\W\d_]{2})(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bJr)(?<!\bSr)(?<!\bSt)"
    r"(?<!\bProf)\.\s+(?=[A-ZÀ-Þ])"
)
# Asides in brackets, e-mail addresses (also as "Jane Doe <jane at example dot
# com>"), handles and links.
_NOISE = re.compile(
    r"\([^)]*\)|\[[^\]]*\]|<[^<>]*>|\S+@\S+\.\w+|(?<!\w)@\w+|https?://\S+|www\.\S+",
    re.IGNORECASE,
)
# Where the names stop: a digit (a date or time begins), or a phrase that is
# page furniture. Month and weekday names just before the digit go too.
_CUT = re.compile(
    r"(?<![^\W\d_])\d|\d{1,2},?\s+[^\W\d_]{3}"  # "Lucas Nolan22 Dec 2016", yet "Rapid7"
    r"|\b(?:hours?|minutes?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:min\.?\s+read|print\s+this|follow|unfollow|share|e-?mail|contact|on\s+behalf\s+of"
    r"|profile|subscribe|(?:view|see|read)\s+(?:all|more|full)|more\s+(?:from|by|articles|posts))\b",
    re.IGNORECASE,
)
# Words that go with the date a name runs into ("Lewis White Nov 3", "Hans
# Müller vor 3 Stunden"): they end the name.
_BEFORE_A_DATE = DATE_WORDS | RELATIVE_WORDS
_LOGIN = re.compile(r"([a-z]{2,})[._]([a-z]{2,})")
_DOMAIN = re.compile(
    r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|news|co|io|uk|de|fr|es|it|ru|in|au|ca"
    r"|br|jp|cn|nl|pl|ch|at|be|se|no|dk|fi|pt|gr|tr|ie|nz|za|mx|ar|us|tv|me|biz|online|media)$",
    re.IGNORECASE,
)


_AGENCY_KEYS = frozenset(key(name) for name in _AGENCIES)
# The words that end a newspaper's or a broadcaster's name ("Los Angeles Times",
# "BBC News", "Süddeutsche Zeitung") and no person's. "Post", "Press", "Star",
# "Sun" and "Mail" are surnames too (Emily Post), so they are not among them.
_OUTLET_WORDS = _wordset(
    """
    times news journal herald tribune gazette telegraph chronicle observer magazine
    newspaper radio tv television zeitung nachrichten rundschau tagblatt anzeiger kurier
    diario noticias notícias jornal gazzetta corriere giornale quotidiano dagblad tidning
    nyheter sanomat gazeta новости газета
    """
)  # fmt: skip


def is_agency(name: str) -> bool:
    """True for a news agency's name (``AFP``, ``The Associated Press``, ``dpa``)."""
    return key(name) in _AGENCY_KEYS


def is_stand_in(name: str) -> bool:
    """True for a name that stands in for the writer: an agency's or a paper's."""
    return is_agency(name) or is_outlet(name)


def is_outlet(name: str) -> bool:
    """True for a newspaper's or a broadcaster's name, by its last word: the
    paper a syndicated story came from ("By Jane Doe, Los Angeles Times")."""
    words = name.split()
    return len(words) >= 2 and _fold_word(words[-1]) in _OUTLET_WORDS


def _fold_word(word: str) -> str:
    return word.strip(".,:;!?()[]{}\"'«»“”‘’").casefold()


def _titled(name: str) -> str:
    """``DANICA KIRKA`` → ``Danica Kirka``; mixed case and short acronyms are kept."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 5 or not all(c.isupper() for c in letters):
        return name
    if is_agency(name):
        return name
    return " ".join(
        word if len(word.strip(".")) <= 2 else word[:1] + word[1:].lower() for word in name.split()
    )


# What may stand at either end of a name in a byline and is not part of it.
_SEPARATORS = " .,:;|-–—/"
_FULL_WIDTH = "／｜：，、・"  # the same, as Chinese and Japanese pages write them


def _clean_name(part: str, first: bool = True) -> str | None:
    """One person's (or agency's) name from one piece of a byline, or ``None``.

    A piece after the first that holds a job title is an affiliation ("Jane Doe,
    CNN Editor-at-large"): only an agency survives from it.
    """
    text = _NOISE.sub(" ", part)
    text = " ".join(text.split()).strip(_SEPARATORS + _FULL_WIDTH + "·•*\"'“”«»")
    text = _PREFIX.sub("", text).strip(_SEPARATORS)
    while (stripped := HONORIFICS.sub("", text)) != text and " " in stripped:
        text = stripped  # "Dr. Jane Doe" → Jane Doe; "Dr. Allen" stays: he is known so
    if not text or (_LABEL.match(text) and _fold_word(text.split()[0]) not in _DESK_WORDS):
        return None  # "Categories: News", "design: Jane Doe": a label, not a byline
    if is_agency(text):
        return text
    words = text.split()
    # Leading role words ("Senior correspondent Jane Doe"), then the name runs to
    # the next role word ("Jane Doe, News reporter", "Phil Helsel is a reporter").
    folded = [_fold_word(word) for word in words]
    # A desk named after or instead of a name ("Jerusalem Post Staff", "Redaktion
    # Beispiel") is no person; a desk word used as a label ("Redaktion: Hans
    # Müller") is only a label.
    desk = any(word in _DESK_WORDS for word in folded[1:]) or (
        bool(folded) and folded[0] in _DESK_WORDS and not words[0].endswith((":", "："))
    )
    start = 0
    while start < len(words) and _is_role(folded, start):
        start += 1
    end = len(words)
    for index in range(start + 1, len(words)):
        # Credentials inside a name only in capitals: "Jane Doe MD", not "Minh Do".
        word = words[index].strip(".,")
        credential = folded[index] in _CREDENTIALS and (word.isupper() or word in _MIXED_CASE)
        if _is_role(folded, index) or credential:
            end = index
            break
    had_role = start > 0 or end < len(words)
    words = words[start:end]
    name = " ".join(words).strip(_SEPARATORS + _FULL_WIDTH)
    if not name:
        return None
    if is_agency(name):
        return name
    if desk or (had_role and not first):
        return None  # "Jerusalem Post Staff", "Redaktion Beispiel": a desk, not a person
    if _DOMAIN.match(name):
        return None
    if (login := _LOGIN.fullmatch(name)) is not None:
        # "kei_eno", "jane.doe": a login made of a name; a bare "webnata" is not one.
        name = f"{login[1].capitalize()} {login[2].capitalize()}"
    if not _looks_like_name(name):
        return None
    return _titled(name)


# Chinese and Japanese job titles are written onto the word: "新华社记者".
_CJK_ROLE = re.compile(r"(?:记者|記者|通讯员|通訊員|编辑|編集|特派员|特派員|撰稿人|主笔)$")


def _is_role(folded: list[str], index: int) -> bool:
    """Whether the word at ``index`` starts (or is) a job title."""
    word = folded[index]
    if word in _ROLE_WORDS or _CJK_ROLE.search(word):
        return True
    return word in _QUALIFIERS and any(w in _ROLE_WORDS for w in folded[index + 1 : index + 4])


# Lower-case words that belong to people's names, in the languages whose names
# carry them, and the articles that start a phrase, never a name.
_PARTICLES = _wordset(
    "de da di do dos das del della delle dello der den des du la le lo van von ten ter"
    " zu zur y e i bin ibn bint al el af av og"
)
_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ben|bin|d|l)[-'’]\w", re.IGNORECASE)
_ARTICLES = _wordset("the a an")


def _looks_like_name(name: str) -> bool:
    folded = name.casefold()
    if folded.replace(" ", "-") in _NOT_NAMES or folded in _NOT_NAMES or folded in _ARTICLES:
        return False  # "The" is what "By The Editors" leaves
    if len(name) > 60 or len(name.split()) > 6 or any(c.isdigit() for c in name):
        return False
    if _DOMAIN.match(name) or "admin" in folded:
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    # A lone lower-case token in a cased script is a login ("jdadmin", "rmb").
    cased = [c for c in letters if c.isupper() or c.islower()]
    if cased and " " not in name and all(c.islower() for c in cased):
        return False
    # Words in lower case inside a capitalised name are particles ("Ursula von der
    # Leyen", "al-Hassan"); others make a phrase ("The Russian and Syrian defense
    # ministries", "Staff of the paper"), not a person. A byline all in lower case
    # ("jane doe") is a style, not a phrase.
    words = name.split()
    if len(words) > 1 and any(word[:1].isupper() for word in words):
        if words[0].casefold() in _ARTICLES:
            return False
        for word in words:
            first = next((c for c in word if c.isalpha()), "")
            if first.islower() and word.casefold() not in _PARTICLES and not _PARTICLE.match(word):
                return False
    return True


def _split_agency_suffix(name: str) -> list[str]:
    """``Jill Lawless Associated Press`` → the person and the agency."""
    words = name.split()
    for size in (3, 2, 1):
        if len(words) > size + 1 and is_agency(" ".join(words[-size:])):
            return [" ".join(words[:-size]), " ".join(words[-size:])]
    return [name]


def _pieces(field: str) -> list[str]:
    pieces = []
    for piece in _NAME_SPLIT.split(field):
        parts = _SHORT_AND.split(piece)
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
            pieces.extend(parts)
        else:
            pieces.append(piece)
    return pieces


# A name that needs no cleaning: two to four capitalised words of letters (an
# initial may end with a period), none of them a role, a desk or a prefix.
_PLAIN_NAME = re.compile(
    r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?: (?:[A-ZÀ-ÖØ-Þ]\.|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+)){1,3}"
)
_NOT_PLAIN = (
    _ROLE_WORDS
    | _QUALIFIERS
    | _DESK_WORDS
    | _NOT_NAMES
    | DATE_WORDS
    | _CREDENTIALS
    | _wordset("by von par por di da door av af text texto testo autor autorin author photo")
    | frozenset(word for word in BYLINE_WORDS if " " not in word)
)


# Markup written into a field rather than read ("[link=...]Jane[/link]", "[i]"):
# no name is made of it.
_BRACKETED = re.compile(r"\[[^\[\]]{0,60}\]")


def parse_byline(text: str) -> list[str]:
    """The names in one byline or author field, in order, without duplicates."""
    text = " ".join(_BRACKETED.sub(" ", strip_controls(str(text))).split())
    if not text or len(text) > 300 or "://" in text[:12]:
        return []
    # A theme's link label around the name ("View all posts by Jane Doe").
    named = author_name(text)
    if named is None:
        return []
    text = named
    if _PLAIN_NAME.fullmatch(text) and not _NOT_PLAIN.intersection(text.casefold().split()):
        words = text.split()
        if not any(is_agency(" ".join(words[-size:])) for size in (1, 2, 3)):
            return [text]  # "Natasha Turak", "Sarah E. Needleman": most declared authors
    if _PHOTO_CREDIT.match(text):
        return []
    sentence = _is_sentence(text)
    if written := _WRITTEN_BY.search(text):
        text = text[written.end() :]
    if _CAMEL.search(text):
        text = _GLUED_DATE.sub(" ", text)
    place: list[str] = []  # a lone first word that may be a dateline's place
    for number, field in enumerate(_FIELD_SPLIT.split(_SENTENCE_SPLIT.sub(" | ", text))):
        if cut := _IN_PLACE.search(field):
            field = field[: cut.start()]
        if cut := _CUT.search(field):
            words = field[: cut.start()].split()
            while words and words[-1].strip(".,").casefold() in _BEFORE_A_DATE:
                words.pop()
            field = " ".join(words)
        if (start := relative_start(field)) is not None:  # "Jana Nováková před hodinou"
            field = field[:start]
        if label := DATE_LABEL.search(field):
            field = field[: label.start()]
        field = field.strip()
        labelled = bool(_PREFIX.match(field))  # "by Amanda": a name, though one word
        field = _PREFIX.sub("", field)
        names: list[str] = []
        pieces = _pieces(field)
        for index, piece in enumerate(pieces):
            folded = _fold_word(piece)
            if folded in _CREDENTIALS:
                continue
            if index and _ROLE_PHRASE.match(piece.strip()):
                break  # "Jane Doe, Head of Marketing and Community Development"
            words = [_fold_word(word) for word in piece.split()]
            if index and names and words and _is_role(words, 0):
                break  # "Jane Doe, Senior Director, Content & Marketing": the rest is her job
            if folded in _SUFFIXES and names:
                names[-1] = f"{names[-1]} {piece.strip(' ,')}"
                continue
            for part in _split_agency_suffix(piece.strip()):
                if (name := _clean_name(part, first=index == 0)) is not None:
                    if " " not in name and names and _after_agency(field, names[-1], name):
                        continue  # "Reuters, Washington": the agency's dateline place
                    if _place_after(field, names, name, last=index == len(pieces) - 1):
                        continue  # "Von Hans Müller, Berlin": where he wrote from
                    names.append(name)
        if names:
            # "Amman - Sara Al-Khatib", "WASHINGTON — Jane Doe": a dateline's place
            # comes first; the names after it win. ("PTI | Moscow": an agency stays.)
            if (
                number == 0
                and not labelled
                and len(names) == 1
                and " " not in names[0]
                and not is_agency(names[0])
            ):
                place = names
                continue
            if sentence:
                # In prose a phrase in lower case is no name written in lower case
                # ("too much equipment" in a signature's motto).
                names = [name for name in names if not name.islower()]
                if not names:
                    continue
            return unique(names)
    return place


def _is_sentence(text: str) -> bool:
    """Whether ``text`` is a sentence of prose rather than a byline: ten words or
    more ending in a full stop, with no "By" before them (an author's biography,
    a signature's motto)."""
    return len(text.split()) >= 10 and text[-1] in ".!?" and not _PREFIX.match(text)


def _after_agency(field: str, previous: str, word: str) -> bool:
    """Whether ``word`` follows the agency ``previous`` behind a comma or a bar
    ("Reuters, Washington", "PTI | Moscow"), as a dateline's place does; a name
    joined by "and" is a second author."""
    if not is_agency(previous) or is_agency(word):
        return False  # "dpa/AFP": two agencies
    start = field.find(previous)
    after = field[start + len(previous) :] if start >= 0 else ""
    return after.lstrip(" ").startswith((",", "|", "/", "-", "–", "—")) and word in after


def _place_after(field: str, names: list[str], word: str, last: bool) -> bool:
    """Whether one word after a comma, last in a byline of full names, is a place
    ("Von Hans Müller, Berlin"); a one-word name joined by "and" is an author."""
    if not last or " " in word or not names or is_agency(word):
        return False
    if not all(" " in name for name in names):
        return False  # "张三、李四": names written without spaces
    before = field.rsplit(word, 1)[0].rstrip()
    return before.endswith(",")


def unique(names: Iterable[str]) -> list[str]:
    """Names without repeats, compared loosely; the first spelling is kept."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(key(name), name)
    return list(seen.values())


def split_authors(
    names: Iterable[str], site_keys: Iterable[str] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """People, and the names that stand in for them only when no person is named.

    The stand-ins are news agencies and the site's own name: ``BBC News`` on
    bbc.com, ``Swoogo`` on swoogo.events, a one-person blog named after its
    author. A person named anywhere on the page outranks them.
    """
    excluded = {k for k in site_keys if k}
    people, others = [], []
    for name in unique(names):
        if is_stand_in(name) or key(name) in excluded or _site_desk(name, excluded):
            others.append(name)
        else:
            people.append(_without_site(name, excluded))
    return tuple(unique(people)), tuple(others)


# Declared values that name nobody, even when nothing better is found.
_NOBODY = _wordset(
    """
    admin administrator root user users guest author authors unknown anonymous anonym
    anonyme anónimo anonimo nobody none null n/a na undefined default webmaster editor
    editors staff team by name
    """
)  # fmt: skip
_HANDLE = re.compile(r"@?[\w][\w.\-]{1,30}")


def declared_stand_in(text: str) -> str | None:
    """What a publisher's own author field says when it names no person by name.

    A desk or team (``TOI Lifestyle Desk``) or an account name (``luizjr4``,
    ``hayley.p``, the poster of a forum thread): ``parse_byline`` rightly rejects
    them in a byline, but declared as the author they are the best there is.
    Generic words (``admin``, ``Staff``, ``Guest``) never are.
    """
    text = " ".join(text.split()).strip(_SEPARATORS)
    text = _titled(_PREFIX.sub("", text).strip(_SEPARATORS))  # "By JERUSALEM POST STAFF"
    if not text or len(text) > 60 or len(text.split()) > 5 or "://" in text:
        return None
    folded = text.casefold().lstrip("@")
    if folded in _NOBODY or "admin" in folded or _DOMAIN.match(text) or "@" in text[1:]:
        return None
    if not any(c.isalpha() for c in text):
        return None
    if " " not in text and not _HANDLE.fullmatch(text):
        return None
    if " " in text and any(c.isdigit() for c in text):
        return None  # a name run into a date, not an account name
    return text.lstrip("@")


def _site_desk(name: str, site_keys: set[str]) -> bool:
    """Whether ``name`` is a desk of the site, named after its initials: "CNN
    Business" on cnn.com, "BBC Sport" on bbc.co.uk. (Initials only: a first name
    may be a personal site's name.)"""
    first, _, rest = name.partition(" ")
    return bool(rest) and first.isupper() and len(first) >= 2 and key(first) in site_keys


def _without_site(name: str, site_keys: set[str]) -> str:
    """``Kevin McCoy USA TODAY`` → ``Kevin McCoy`` when the site is USA TODAY."""
    words = name.split()
    for size in range(min(4, len(words) - 2), 0, -1):
        if key(" ".join(words[-size:])) in site_keys:
            return " ".join(words[:-size])
    return name


# Words of a page's furniture, written in capitals as names are: "Next Post",
# "Read More", "Share This", "Table Of Contents".
_PAGE_WORDS = _wordset(
    """
    next previous prev older newer post posts article articles read more share print
    comment comments reply home menu search contents table subscribe sign login log
    download watch listen related top back skip close open view
    """
)


def lone_name(text: str) -> str | None:
    """The person ``text`` names when it is nothing but a name of two to four
    capitalised words ("Bence Kovács"), else ``None``: a line of a template
    that needs a neighbour (a date, a job title) to be taken for a byline."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(word[:1].isupper() for word in words):
        return None
    if any(_fold_word(word) in _PAGE_WORDS for word in words) or text.endswith((":", "：")):
        return None  # "Next Post", "Table Of Contents", "Filed Under:": the page's furniture
    names = parse_byline(text)
    if len(names) != 1 or key(names[0]) != key(text) or is_stand_in(names[0]):
        return None
    return names[0]


def names_a_role(text: str) -> bool:
    """Whether a short line is a job title ("Co-Founder & Marketing Director",
    "Former McKinsey Consultant", "Staff Reporter")."""
    if len(text) > 60 or any(c.isdigit() for c in text):
        return False
    folded = [_fold_word(part) for word in text.split() for part in word.split("-")]
    return any(word in _JOB_WORDS or _CJK_ROLE.search(word) for word in folded) or bool(
        _ROLE_PHRASE.match(text)
    )


# The role words that name a job by themselves; "for", "at" and "from" end a
# name in a byline but make no job title ("Built for life", "From Wikipedia").
_JOB_WORDS = _ROLE_WORDS - _wordset("is was for at from via für pour para per")


# The heading of an author box, in the languages clipper's users clip most.
ABOUT_THE_AUTHOR = (
    "about the author", "about the authors", "about the writer", "about the reporter",
    "über den autor", "über die autorin", "über die autoren", "zum autor", "zur autorin",
    "à propos de l'auteur", "à propos de l’auteur", "à propos de l'auteure",
    "à propos de l’auteure", "sobre el autor", "sobre la autora", "sobre o autor",
    "sobre a autora", "sull'autore", "sull’autore", "l'autore", "l’autore", "over de auteur",
    "om författaren", "om forfatteren", "об авторе", "o autorze", "o autorovi",
    "yazar hakkında", "tentang penulis", "a szerzőről", "tekijästä", "despre autor",
    "σχετικά με τον συγγραφέα", "про автора", "作者简介", "关于作者", "著者について",
)  # fmt: skip


def leading_name(text: str) -> str | None:
    """The person an author's biography opens with ("Jane Doe is a reporter...",
    "Hans Müller ist Redakteur..."): its run of capitalised words, when that run
    is a name ("TOI Lifestyle Desk is a team" opens with none)."""
    run: list[str] = []
    for word in text.split()[:5]:
        if not word[:1].isupper():
            break
        run.append(word)
        if word.endswith((",", ".", ";", ":")) and len(word.strip(",.;:")) > 1:
            break
    if not 2 <= len(run) <= 4:
        return None
    return lone_name(" ".join(run).rstrip(",.;:"))


# "Jane Doe is a reporter...", "Hans Müller ist Redakteur...": the verb that
# joins a name to its job in a writer's one-line biography.
_COPULA = _wordset("is ist est es è é jest je är er on")
# The jobs of people who write: "Jane Doe is the CEO of Acme." ending a story is
# about someone in it.
_WRITING_JOBS = _JOB_WORDS - _wordset(
    """
    director manager founder ceo president host anchor member members moderator moderators
    engineer engineers developer developers designer scientist consultant strategist
    evangelist architect marketer coordinator officer leiter leiterin desk team bureau
    """
)


def biography_subject(text: str) -> str | None:
    """The writer a one-line biography at a story's end is about ("Jane Doe is a
    freelance reporter based in Berlin."): a name, a verb of being, and a job
    among the next words."""
    if len(text) > 300 or (name := leading_name(text)) is None:
        return None
    rest = text[len(name) :].lstrip(" ,").split()
    if not rest or _fold_word(rest[0]) not in _COPULA:
        return None
    following = [_fold_word(word) for word in rest[1:12]]
    if not any(word in _WRITING_JOBS for word in following):
        return None
    return name
