"""Searching Chinese, Japanese, Korean and Thai: words found inside the running text.

These scripts do not put spaces between words (Korean glues particles to them),
so the index holds each of their characters as a token and a query word is the
phrase of its characters (migration 6, ``clipper.unspaced``). The library here
is real; hits are asserted exactly, in order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipper.article import Article
from clipper.clipping import Hit
from clipper.library import Library
from clipper.snippets import Pattern, snippet
from clipper.unspaced import spaced

S, E = Hit.MARK_START, Hit.MARK_END

STORIES = [
    # 1
    Article(
        title="杭州地铁12号线全线贯通 预计年底开通运营",
        url="https://news.example.cn/2024/0820/metro-12.html",
        authors=("陈静",),
        published="2024-08-20",
        site="钱江晚报网",
        language="zh-CN",
        text="8月19日上午，随着最后一段盾构区间顺利接收，杭州地铁12号线实现全线“洞通”。"
        "这条线路全长约35公里，共设车站19座，是连接城西科创大走廊与钱塘新区的重要通道。\n\n"
        "据杭州市地铁集团介绍，12号线采用六节编组A型车，最高运行速度每小时100公里。",
    ),
    # 2
    Article(
        title="暑期地铁延长运营时间至次日零点",
        url="https://news.example.cn/2024/0801/metro-night.html",
        published="2024-08-01",
        site="钱江晚报网",
        language="zh-CN",
        text="市地铁集团宣布，暑期期间地铁运营时间将延长至次日零点，方便市民夜间出行。",
    ),
    # 3: 地 and 铁, never side by side
    Article(
        title="铁路货运量创新高",
        url="https://news.example.cn/2024/0715/rail.html",
        published="2024-07-15",
        language="zh-CN",
        text="今年上半年，全国铁路货运量同比增长。西部地区铁路建设加快推进。",
    ),
    # 4
    Article(
        title="桜の開花、各地で平年より早く",
        url="https://www.example.jp/news/sakura.html",
        authors=("山田太郎",),
        published="2021-03-20T07:00:00+09:00",
        site="朝の新聞",
        language="ja",
        text="気象庁は二十日、東京都心で桜が開花したと発表した。平年より六日早く、"
        "統計を取り始めてから二番目に早い記録となった。",
    ),
    # 5
    Article(
        title="서울 지하철 9호선 연장 구간 개통",
        url="https://www.example.kr/news/line9.html",
        published="2023-05-02T09:00:00+09:00",
        language="ko",
        text="서울시는 지하철 9호선 연장 구간이 다음 달 개통한다고 밝혔다. "
        "시민들은 검색을 통해 노선도를 확인할 수 있다.",
    ),
    # 6
    Article(
        title="รถไฟฟ้าสายสีเหลืองเปิดให้บริการ",
        url="https://www.example.co.th/news/yellow-line.html",
        published="2023-07-03T10:00:00+07:00",
        language="th",
        text="กรุงเทพมหานครเปิดให้บริการรถไฟฟ้าสายสีเหลืองอย่างเป็นทางการในวันนี้ "
        "ผู้โดยสารจำนวนมากเดินทางมาทดลองใช้บริการตั้งแต่เช้า",
    ),
    # 7: Chinese with Latin words and numbers
    Article(
        title="Apple发布iPhone 15系列",
        url="https://tech.example.cn/iphone-15.html",
        published="2023-09-13",
        language="zh-CN",
        text="苹果公司在加州发布iPhone 15，起售价799美元。新机型支持USB-C接口。"
        "iPhone 15发布会在线上举行。",
    ),
    # 8: English with a Chinese name in it
    Article(
        title="Russian and Chinese bombers fly joint patrol over Pacific",
        url="https://www.example.org/world/bombers",
        published="2020-12-22",
        language="en",
        text="Russian and Chinese bombers flew a joint patrol over the Sea of Japan. "
        "Beijing (北京) called the flight routine.",
    ),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path = tmp_path_factory.mktemp("library") / "clippings.db"
    with Library.open(path) as opened:
        for story in STORIES:
            opened.add(story, tags=["transport"] if story.title.endswith("运营") else [])
        yield opened


def ids(library: Library, query: str, **options: object) -> list[int]:
    return [hit.clipping.id for hit in library.search(query, **options)]  # type: ignore[arg-type]


def check_integrity(path: Path) -> None:
    """Both checks from a plain connection: no clipper code, no custom SQL functions."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


# -- Chinese ------------------------------------------------------------------------


def test_a_chinese_word_is_found_inside_the_running_text(library: Library) -> None:
    assert ids(library, "地铁") == [2, 1]  # 2 is shorter, with 地铁 as often
    assert ids(library, "杭州地铁") == [1]
    assert ids(library, "全线贯通") == [1]  # in the title only
    assert ids(library, "洞通") == [1]  # between quotation marks
    assert ids(library, "盾构区间") == [1]


def test_characters_that_are_not_side_by_side_do_not_match(library: Library) -> None:
    assert ids(library, "铁路") == [3]
    assert ids(library, "地区") == [3]
    assert 3 not in ids(library, "地铁")
    assert ids(library, "铁地") == []


def test_one_character_is_a_word_too(library: Library) -> None:
    assert ids(library, "铁") == [3, 2, 1]
    assert ids(library, "桜") == [4]


def test_numbers_and_latin_words_beside_chinese(library: Library) -> None:
    assert ids(library, "12号线") == [1]
    assert ids(library, "号线") == [1]
    assert ids(library, "12") == [1]
    assert ids(library, "2号线") == []  # a number is still a whole token
    assert ids(library, "iPhone") == [7]
    assert ids(library, "发布iPhone") == [7]
    assert ids(library, "iPhone 15发布") == [7]
    assert ids(library, "15发布会") == [7]
    assert ids(library, "5发布") == []  # 15 is one token
    assert ids(library, "iPhone 15系列") == [7]
    assert ids(library, "799美元") == [7]
    assert ids(library, "USB-C接口") == [7]
    assert ids(library, "北京") == [8]
    assert ids(library, "Beijing 北京 bombers") == [8]


def test_operators_filters_and_fields_keep_their_meaning(library: Library) -> None:
    assert ids(library, "地铁 -杭州") == [2]
    assert ids(library, "地铁 NOT 集团") == []
    assert ids(library, "地铁 OR 铁路") == [3, 2, 1]
    assert ids(library, "(杭州 OR 暑期) 地铁") == [2, 1]
    assert ids(library, "title:地铁") == [2, 1]
    assert ids(library, "title:铁路 -title:地铁") == [3]
    assert ids(library, "author:陈静") == [1]
    assert ids(library, '"杭州地铁 12号线"') == [1]
    assert ids(library, "地铁 tag:transport") == [1]
    assert ids(library, "地铁 after:2024-08-10") == [1]
    assert ids(library, "铁 lang:zh") == [3, 2, 1]
    assert ids(library, "铁 lang:ja") == []
    assert ids(library, "-铁 lang:zh") == [7]
    assert ids(library, "铁", sort="date") == [1, 2, 3]


def test_a_star_after_a_chinese_word_changes_nothing(library: Library) -> None:
    assert ids(library, "地铁*") == ids(library, "地铁") == [2, 1]
    assert ids(library, "铁*") == ids(library, "铁")
    assert ids(library, "发布iPh*") == [7]


def test_chinese_snippets_mark_the_words_in_the_original_text(library: Library) -> None:
    [hit] = library.search("杭州地铁")
    assert hit.snippet == (
        f"8月19日上午，随着最后一段盾构区间顺利接收，{S}杭州地铁{E}12号线实现全线“洞通”。"
        "这条线路全长约35公里，共设车站19座，是连接城西科创大走廊与钱塘新区的重要通道。"
        " 据杭州市地铁集团介绍，12号线采用六节编组A型车，…"  # 200 columns: a CJK character is 2
    )
    [hit] = library.search("12号线 地铁集团")
    assert f"{S}12号线{E}实现" in hit.snippet
    assert f"杭州市{S}地铁集团{E}介绍，{S}12号线{E}采用" in hit.snippet
    [hit] = library.search("iPhone 15发布")
    assert hit.snippet == (
        f"苹果公司在加州发布{S}iPhone{E} 15，起售价799美元。新机型支持USB-C接口。"
        f"{S}iPhone{E} {S}15发布{E}会在线上举行。"
    )


# -- Japanese, Korean, Thai -------------------------------------------------------------


def test_japanese_kanji_and_kana(library: Library) -> None:
    assert ids(library, "開花") == [4]
    assert ids(library, "東京") == [4]
    assert ids(library, "平年より早く") == [4]
    assert ids(library, "発表した") == [4]
    assert ids(library, "山田") == [4]
    [hit] = library.search("東京都心")
    assert f"、{S}東京都心{E}で桜が" in hit.snippet


def test_korean_words_are_found_without_their_particles(library: Library) -> None:
    assert ids(library, "검색") == [5]  # the text says 검색을
    assert ids(library, "검색을") == [5]
    assert ids(library, "지하철") == [5]
    assert ids(library, "9호선") == [5]
    assert ids(library, "서울") == [5]  # 서울시는
    [hit] = library.search("검색")
    assert f"시민들은 {S}검색{E}을 통해" in hit.snippet


def test_thai_words_inside_a_run_of_thai(library: Library) -> None:
    assert ids(library, "สีเหลือง") == [6]
    assert ids(library, "ผู้โดยสาร") == [6]
    assert ids(library, "บริการ") == [6]
    assert ids(library, "กรุงเทพมหานคร") == [6]
    [hit] = library.search("ผู้โดยสาร")
    assert f"วันนี้ {S}ผู้โดยสาร{E}จำนวนมาก" in hit.snippet  # the vowel marks included


def test_latin_searches_are_unchanged(library: Library) -> None:
    assert ids(library, "bombers") == [8]
    assert ids(library, '"joint patrol" pacific') == [8]
    assert ids(library, "bomb*") == [8]
    assert ids(library, "routine -drill") == [8]
    [hit] = library.search("beijing")
    assert f"{S}Beijing{E} (北京) called" in hit.snippet


def test_a_prefix_stops_where_an_unspaced_character_starts() -> None:
    # The index holds bombers and 发 as two tokens, so bomb* matched bombers only.
    pattern = Pattern.build([("bomb", True), ("布", False)])
    assert snippet("bombers发布 and bomb_x", pattern) == f"{S}bombers{E}发{S}布{E} and {S}bomb{E}_x"


def test_nothing_found_suggests_without_respelling_chinese(library: Library) -> None:
    assert ids(library, "地铁 铁路货运") == []
    suggestions = library.suggest("地铁 铁路货运")
    assert [s.query for s in suggestions] == ["铁路货运", "地铁"]


# -- the index, whoever writes the library -------------------------------------------------


def test_a_clipping_the_sqlite_shell_writes_is_indexed_as_clipper_would(
    library_path: Path,
) -> None:
    with Library.open(library_path) as opened:
        opened.add(Article(title="Old", text="旧的文字", url="https://a.example/1"))
    with sqlite3.connect(library_path) as db:  # no clipper code on this connection
        db.execute(
            "INSERT INTO clippings (url, title, text, clipped_at, updated_at) VALUES "
            "('https://a.example/2', '新闻', '上海地铁开通新线路', '2024-01-01', '2024-01-01')"
        )
        db.execute("UPDATE clippings SET text = '北京地铁票价调整' WHERE id = 1")
    check_integrity(library_path)
    with Library.open(library_path) as opened:
        assert ids(opened, "地铁") == [1, 2]
        assert ids(opened, "上海地铁") == [2]
        assert ids(opened, "票价") == [1]
        assert ids(opened, "旧的") == []
    with sqlite3.connect(library_path) as db:
        db.execute("DELETE FROM clippings WHERE id = 2")
        db.execute("UPDATE clippings SET id = 7 WHERE id = 1")
    check_integrity(library_path)
    with Library.open(library_path) as opened:
        assert ids(opened, "地铁") == [7]


def test_updates_and_removals_keep_the_index_exact(library_path: Path) -> None:
    with Library.open(library_path) as opened:
        first = opened.add(Article(title="杭州", text="杭州地铁", url="https://a.example/1"))
        opened.add(Article(title="ภาษาไทย", text="ผู้โดยสาร", url="https://a.example/2"))
        opened.update(first.id, Article(title="杭州", text="西湖景区"))
        assert ids(opened, "地铁") == []
        assert ids(opened, "西湖") == [1]
        opened.delete([2])
        assert ids(opened, "โดยสาร") == []
    check_integrity(library_path)


def indexed_text(path: Path, clipping_id: int) -> str:
    """What the index read for a clipping's text, through a plain connection."""
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT text FROM clippings_indexed WHERE id = ?", (clipping_id,))
        return str(row.fetchone()[0])


def test_clipper_stores_the_indexed_form_and_the_shell_never_sees_a_stale_one(
    library_path: Path,
) -> None:
    """Clipper stores the spaced text it computes (fast) beside a clipping it writes;
    the view reads it only while it belongs to the text, else spaces the text in SQL."""
    with Library.open(library_path) as opened:
        first = opened.add(Article(title="杭州", text="杭州地铁", url="https://a.example/1"))
        assert indexed_text(library_path, first.id) == "\x01杭\x01\x01州\x01\x01地\x01\x01铁\x01"
        opened.update(first.id, Article(title="杭州", text="西湖景区"))
        assert indexed_text(library_path, first.id) == "\x01西\x01\x01湖\x01\x01景\x01\x01区\x01"
    with sqlite3.connect(library_path) as db:
        # The replaced form is gone; the title's and the text's remain.
        fields = db.execute("SELECT field FROM clippings_spaced ORDER BY field").fetchall()
        assert fields == [("text",), ("title",)]
        db.execute("UPDATE clippings SET text = '上海地铁开通' WHERE id = 1")  # no clipper code
    assert indexed_text(library_path, 1) == " 上  海  地  铁  开  通 "  # spaced by the view's SQL
    check_integrity(library_path)
    with Library.open(library_path) as opened:
        assert ids(opened, "上海地铁") == [1]
        assert ids(opened, "西湖") == []
        opened.delete([1])
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT count(*) FROM clippings_spaced").fetchone()[0] == 0
    check_integrity(library_path)


def test_imports_store_the_indexed_form_too(library_path: Path, tmp_path: Path) -> None:
    from clipper.importers import import_file

    record = {"id": 3, "url": "https://a.example/1", "title": "新闻", "text": "上海地铁开通新线路"}
    exported = tmp_path / "export.jsonl"
    exported.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Library.open(library_path) as opened:
        import_file(opened, exported)
        assert ids(opened, "地铁") == [3]
    assert indexed_text(library_path, 3).startswith("\x01上\x01\x01海\x01")
    check_integrity(library_path)


def test_text_after_a_nul_is_indexed_as_before(library_path: Path) -> None:
    # Extraction never leaves a NUL, but the Python API and imports take any text.
    with Library.open(library_path) as opened:
        opened.add(Article(title="T", text="地铁\x00 lorem 地铁", url="https://a.example/1"))
        assert ids(opened, "地铁") == [1]
        assert ids(opened, "lorem") == [1]
    check_integrity(library_path)


def test_a_long_chinese_text_is_indexed_in_reasonable_time(library_path: Path) -> None:
    text = "杭州地铁12号线实现全线洞通。" * 20_000 + "最后一句话"  # 300,000 characters
    with Library.open(library_path) as opened:
        opened.add(Article(title="长文", text=text, url="https://a.example/1"))
        assert ids(opened, "最后一句话") == [1]
    check_integrity(library_path)


# -- the query side splits exactly as the index does ---------------------------------------

PIECES = [
    "地", "铁", "杭州", "12", "号线", "。", "，", "“", "”", " ", "  ", "\n", "a", "iPhone", "-",
    "ภาษา", "ไทย", "ที่", "\u0e48", "\u0e35", "검색", "을", "ガ", "ー", "ｶﾞ", "々", "𠀀", "\u3000",
    "é", "e\u0301", "Pékin", "—", "…", "🙂", "\u1e00", "\u0900", "ꀀ", "\ufb01", "\ufffd", "_",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40),
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[sqlite3.Connection]:
    """A library in memory, written and read with plain SQL."""
    with Library.open(Path("/nonexistent/clipper-scratch.db"), create=False) as opened:
        yield opened._db


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_the_index_view_and_the_query_side_space_text_alike(
    scratch: sqlite3.Connection, text: str
) -> None:
    scratch.execute("DELETE FROM clippings")
    scratch.execute(
        "INSERT INTO clippings (title, text, clipped_at, updated_at) VALUES ('t', ?, 'x', 'x')",
        (text,),
    )
    stored = scratch.execute("SELECT text FROM clippings_indexed").fetchone()[0]
    assert stored == spaced(text)


unspaced_runs = st.lists(
    st.sampled_from(["地铁", "杭州", "号线", "ภาษาไทย", "ที่นี่", "검색을", "東京タワー", "々", "𠀀"]),
    min_size=1,
    max_size=4,
).map("".join)
story_parts = st.lists(
    st.one_of(unspaced_runs, st.sampled_from([" ", "，", "。", "12", " iPhone ", "“", "é"])),
    max_size=6,
).map("".join)
stories = st.tuples(story_parts, unspaced_runs, story_parts).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=stories, data=st.data())
def test_any_stretch_of_unspaced_text_is_found_and_marked(
    scratch: sqlite3.Connection, text: str, data: st.DataObject
) -> None:
    starts = [i for i, c in enumerate(text) if c.isalnum() and spaced(c) != c]
    start = data.draw(st.sampled_from(starts))
    ends = [i + 1 for i in starts if i >= start]
    end = data.draw(st.sampled_from(ends))
    scratch.execute("DELETE FROM clippings")
    scratch.execute(
        "INSERT INTO clippings (id, title, text, clipped_at, updated_at) "
        "VALUES (1, '', ?, 'x', 'x')",
        (text,),
    )
    from clipper import search
    from clipper.query import parse

    hits = search.run(scratch, parse('"' + text[start:end] + '"'))
    assert [hit.clipping.id for hit in hits] == [1]
    assert S in hits[0].snippet
