"""A short extractive summary: the story's lead plus its most central sentences.

Runs offline on the stored text: no network, no model, no language packs, so it
works the same on a laptop without internet and on any language clipper stores.
News is written lead first, so the first real sentence is almost always the
best single-sentence summary; the rest are the sentences closest to what the
whole story talks about (cosine similarity to the story's TF-IDF centroid),
with a mild preference for sentences near the top, as news importance decays
down the page.

Language independence comes from three choices:

- sentences end at ``. ! ? …`` followed by a space and something that is not a
  lower-case letter (so ``e.g. this`` and ``3.5`` do not split), and at the
  full-width ``。！？`` (Chinese, Japanese), the danda ``।`` (Hindi, Bengali...),
  ``؟ ۔`` (Arabic, Urdu), ``።`` (Amharic) and ``׃`` without needing a space;
- words are ``\\w+`` runs, except in scripts written without spaces (Chinese,
  Japanese, Thai...), where overlapping character pairs stand in for words;
- no stop-word lists: inverse sentence frequency makes words that occur in
  every sentence ("the", "de", "的") weigh next to nothing in every language.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from clipper.text import one_line

#: Sentences a summary holds at most, and characters it may take.
MAX_SENTENCES = 3
MAX_CHARS = 420

# Characters of scripts written without spaces between words.
_UNSPACED = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
)
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")  # words made of letters (not numbers)

# Terminators that end a sentence even with no space after them.
_HARD_END = "。！？｡।॥؟۔።׃"
# Terminators that end one only when followed by a space (and not lower case).
_SOFT_END = ".!?…"
# Chinese and Japanese put no space after these.
_FULL_WIDTH_ENDS = "。！？｡」』）】〕〉》"
# What may follow a terminator and still belong to its sentence.
_CLOSERS = "\"'”’»」』）)]】〕〉》"
_BOUNDARY = re.compile(
    f"(?:[{_HARD_END}][{re.escape(_CLOSERS)}]*\\s*"
    f"|[{re.escape(_SOFT_END)}]+[{re.escape(_CLOSERS)}]*\\s+)"
)

# Abbreviations after which a full stop rarely ends a sentence, in the languages
# clipper meets most; a single letter (an initial) is handled separately.
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\S+",
        """
        mr mrs ms dr prof sr jr st mt ft vs inc ltd co corp dept gen sen rep gov lt col
        sgt capt cmdr adm pres rev hon vol fig approx u.s u.k e.g i.e z.b bzw usw ca nr
        hr mme mlle sra srta dña av pp ed eds al
        """,
    )
)

# A sentence shorter than this is a caption, a dateline or a fragment.
_MIN_WORDS = 5
_MIN_UNSPACED_CHARS = 12


# Languages that write ordinals as "3." ("am 3. Mai"): there a short number
# before a full stop does not end a sentence.
_ORDINAL_DOT_LANGUAGES = frozenset(
    {"de", "da", "nb", "nn", "no", "fi", "cs", "sk", "sl", "hr", "sr", "bs", "hu", "et", "lv"}
    | {"is", "fo", "tr"}
)


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """``text`` cut into sentences, each on one line, in order.

    ``language`` (a BCP 47 tag such as ``de`` or ``de-AT``) is optional; it only
    refines the rules for languages that write ordinals with a full stop.
    """
    ordinal_dot = (language or "").split("-")[0].lower() in _ORDINAL_DOT_LANGUAGES
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        sentences += _split_paragraph(one_line(paragraph), ordinal_dot)
    return sentences


def _split_paragraph(paragraph: str, ordinal_dot: bool) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph):
            break
        if not _ends_sentence(paragraph, match.start(), end, ordinal_dot):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    rest = paragraph[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _ends_sentence(paragraph: str, at: int, following: int, ordinal_dot: bool) -> bool:
    """Whether the terminator at ``at`` really ends a sentence."""
    mark = paragraph[at]
    if mark in _HARD_END:
        return True
    next_char = paragraph[following]
    if next_char.islower() or (next_char.isdigit() and mark == "."):
        return False
    if mark == ".":
        word = paragraph[:at].rsplit(None, 1)[-1] if paragraph[:at].strip() else ""
        word = word.lstrip("\"'(“‘«[").lower()
        if len(word) == 1 and word.isalpha():
            return False  # an initial: "J. Smith"
        if word in _ABBREVIATIONS or ("." in word and len(word) <= 5):
            return False  # "Dr. Ng", "U.S. troops"
        if ordinal_dot and word.isdigit() and len(word) <= 2:
            return False  # "am 3. Mai"
    return True


def _terms(sentence: str) -> list[str]:
    """Words for comparing sentences; character pairs in unspaced scripts."""
    lowered = sentence.casefold()
    terms: list[str] = []
    for run in _UNSPACED_RUN.findall(lowered):
        terms += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    terms += [w for w in _WORD.findall(_UNSPACED_RUN.sub(" ", lowered)) if not w.isdigit()]
    return terms


def _is_substantial(sentence: str) -> bool:
    """A real sentence, not a caption, byline or timestamp ("Updated: 12 May 2020 10:05")."""
    unspaced = sum(len(run) for run in _UNSPACED_RUN.findall(sentence))
    if unspaced >= _MIN_UNSPACED_CHARS:
        return True
    return len(_LETTERS.findall(sentence)) >= _MIN_WORDS


def _vectors(sentences: Sequence[str]) -> list[dict[str, float]]:
    """TF-IDF vectors, with the sentences standing in for documents."""
    counts = [Counter(_terms(s)) for s in sentences]
    frequency: Counter[str] = Counter()
    for count in counts:
        frequency.update(count.keys())
    total = len(sentences)
    return [
        {t: (1 + math.log(n)) * math.log((1 + total) / frequency[t]) for t, n in count.items()}
        for count in counts
    ]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _centrality(vectors: Sequence[dict[str, float]]) -> list[float]:
    """Each sentence's cosine similarity to the sum of all sentences."""
    centroid: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            centroid[term] = centroid.get(term, 0.0) + value
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values()))
    scores = []
    for vector in vectors:
        norm = math.sqrt(sum(v * v for v in vector.values())) * centroid_norm
        dot = sum(value * centroid[term] for term, value in vector.items())
        scores.append(dot / norm if norm else 0.0)
    return scores


def summarize(
    text: str,
    *,
    language: str | None = None,
    max_sentences: int = MAX_SENTENCES,
    max_chars: int = MAX_CHARS,
) -> str:
    """Two or three sentences of ``text`` (fewer if it is short), in story order.

    The lead always comes first; the others are picked by centrality while they
    fit in ``max_chars``. A lead longer than ``max_chars`` is cut at a word and
    ends with an ellipsis. Returns ``""`` for a text without words.
    """
    sentences = split_sentences(text, language)
    candidates = [i for i, s in enumerate(sentences) if _is_substantial(s)] or list(
        range(len(sentences))
    )
    if not candidates:
        return ""
    lead = candidates[0]
    if len(sentences[lead]) >= max_chars:
        return _shorten(sentences[lead], max_chars)
    vectors = _vectors(sentences)
    centrality = _centrality(vectors)
    count = len(sentences)

    def score(i: int) -> float:
        return centrality[i] * (1.0 - 0.5 * i / count)

    chosen = [lead]
    used = len(sentences[lead])
    for i in sorted(candidates[1:], key=lambda i: (-score(i), i)):
        if len(chosen) == max_sentences:
            break
        if used + 1 + len(sentences[i]) > max_chars:
            continue
        if any(_cosine(vectors[i], vectors[j]) > 0.6 for j in chosen):
            continue  # says again what a chosen sentence says
        chosen.append(i)
        used += 1 + len(sentences[i])
    return _join(sentences[i] for i in sorted(chosen))


def _join(sentences: Iterable[str]) -> str:
    """Sentences joined with a space, except after full-width punctuation."""
    result = ""
    for sentence in sentences:
        if result and result[-1] not in _FULL_WIDTH_ENDS:
            result += " "
        result += sentence
    return result


def _shorten(sentence: str, limit: int) -> str:
    cut = sentence[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
