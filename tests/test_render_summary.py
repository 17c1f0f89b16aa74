"""The card's extractive summary: sentence splitting in many scripts, lead plus central."""

from __future__ import annotations

import pytest

from clipper.summary import MAX_CHARS, split_sentences, summarize
from tests.test_seed_page import PARAGRAPHS


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Dr. Ng met J. Smith in the U.S. on Monday. It was 3.5 degrees! "
            '"Really?" he asked. Prices rose, e.g. bread. Yes.',
            ["Dr. Ng met J. Smith in the U.S. on Monday.", "It was 3.5 degrees!",
             '"Really?" he asked.', "Prices rose, e.g. bread.", "Yes."],
        ),
        (
            "Die Regierung (bzw. das Kabinett) tagte am 3. Mai. Danach sprach z.B. Herr Roth.",
            ["Die Regierung (bzw. das Kabinett) tagte am 3. Mai.",
             "Danach sprach z.B. Herr Roth."],
        ),
        (
            "«Это правда», сказал он. Затем он ушёл... И всё.",
            ["«Это правда», сказал он.", "Затем он ушёл...", "И всё."],
        ),
        (
            "¿Qué pasó? El gobierno respondió. ¡Basta!",
            ["¿Qué pasó?", "El gobierno respondió.", "¡Basta!"],
        ),
        (
            "中俄轰炸机在太平洋上空进行了联合巡逻。这是第二次！日本表示关切？“是的。”他说。",
            ["中俄轰炸机在太平洋上空进行了联合巡逻。", "这是第二次！", "日本表示关切？",
             "“是的。”", "他说。"],
        ),
        (
            "政府は火曜日に発表した。「問題はない」と述べた。",
            ["政府は火曜日に発表した。", "「問題はない」と述べた。"],
        ),
        ("यह एक वाक्य है। यह दूसरा वाक्य है।", ["यह एक वाक्य है।", "यह दूसरा वाक्य है।"]),
        ("هل هذا سؤال؟ نعم هذا سؤال.", ["هل هذا سؤال؟", "نعم هذا سؤال."]),
        ("정부는 화요일에 발표했다. 문제는 없다고 말했다.",
         ["정부는 화요일에 발표했다.", "문제는 없다고 말했다."]),
        ("First paragraph without a stop\n\nSecond one.", ["First paragraph without a stop",
                                                         "Second one."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, sentences: list[str]) -> None:
    language = "de" if text.startswith("Die ") else None
    assert split_sentences(text, language) == sentences


def test_ordinal_dots_only_in_languages_that_use_them() -> None:
    assert split_sentences("The vote was 52 to 48. The bill passed.") == [
        "The vote was 52 to 48.",
        "The bill passed.",
    ]
    assert split_sentences("Er kam am 3. Mai. Sie am 4. Juni.", "de-AT") == [
        "Er kam am 3. Mai.",
        "Sie am 4. Juni.",
    ]


def test_the_seed_story_summary_is_its_lead_and_central_sentences() -> None:
    assert summarize("\n\n".join(PARAGRAPHS)) == (
        "Russian and Chinese bombers flew a joint patrol mission over the Western Pacific on "
        "Tuesday in a show of increasingly close military ties between Moscow and Beijing. "
        "The Russian military said that a pair of its Tu-95 strategic bombers and four Chinese "
        "H-6K bombers flew over the Sea of Japan and the East China Sea. "
        "Tuesday's mission was the second such flight since a July 2019 patrol over the same "
        "area."
    )


STORY = """Photo: Reuters

Updated: 12 May 2020 10:05 GMT

The city council approved the new harbour bridge on Monday after a decade of debate.

Residents had argued about the harbour bridge for years. The weather was pleasant.
Council members said the bridge would cut traffic across the harbour by half.

A local bakery opened a second shop. The mayor thanked the bridge engineers."""


def test_the_lead_comes_first_then_central_sentences_in_story_order() -> None:
    summary = summarize(STORY)
    assert summary.startswith("The city council approved the new harbour bridge")
    assert "Photo: Reuters" not in summary  # a caption is not a lead
    assert "Updated" not in summary  # nor is a timestamp
    assert "bakery" not in summary and "weather" not in summary
    assert summary.count(". ") + 1 == 3
    picked = split_sentences(summary)
    positions = [split_sentences(STORY).index(s) for s in picked]
    assert positions == sorted(positions)


def test_cjk_summary_joins_sentences_without_spaces() -> None:
    story = (
        "北京时间周二，中国和俄罗斯的轰炸机在太平洋上空进行了联合巡逻。"
        "这是两国轰炸机第二次在太平洋上空进行联合巡逻。"
        "当天天气晴朗，气温适宜。"
        "日本和韩国对轰炸机的联合巡逻表示关切。"
    )
    summary = summarize(story, max_sentences=2)
    assert summary.startswith("北京时间周二，中国和俄罗斯的轰炸机在太平洋上空进行了联合巡逻。")
    assert " " not in summary
    assert "天气" not in summary
    assert len(split_sentences(summary)) == 2


def test_limits() -> None:
    assert summarize("") == ""
    assert summarize("Just a line") == "Just a line"
    long_lead = "word " * 200 + "end."
    cut = summarize(long_lead)
    assert len(cut) <= MAX_CHARS and cut.endswith("word…")
    many = " ".join(f"Sentence number {n} talks about the harbour bridge plan." for n in range(50))
    assert len(summarize(many)) <= MAX_CHARS
    # Near-duplicates of a chosen sentence are skipped.
    repeated = "The bridge opens today in the city. " * 3 + "Traffic will fall by half next year."
    assert summarize(repeated) == (
        "The bridge opens today in the city. Traffic will fall by half next year."
    )
