"""The query language, construct by construct: what each compiles to, and its errors."""

from __future__ import annotations

import pytest

from clipper.errors import QueryError
from clipper.query import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TERMS,
    And,
    Filter,
    Not,
    Or,
    Term,
    parse,
    unknown_fields,
)


def match(text: str) -> str | None:
    return parse(text).match


def conditions(text: str) -> list[tuple[str, tuple[object, ...]]]:
    return [(c.sql, c.params) for c in parse(text).conditions]


# -- words, phrases, operators ------------------------------------------------------


def test_words_must_all_match() -> None:
    query = parse("bombers  pacific")
    assert query.tree == And((Term("bombers"), Term("pacific")))
    assert query.match == '"bombers" AND "pacific"'
    assert query.conditions == ()


def test_a_single_word() -> None:
    assert match("bombers") == '"bombers"'


def test_exact_phrase() -> None:
    query = parse('"joint patrol" pacific')
    assert query.tree == And((Term("joint patrol", phrase=True), Term("pacific")))
    assert query.match == '"joint patrol" AND "pacific"'


def test_excluded_word_and_phrase() -> None:
    assert match("bombers -drones") == '"bombers" NOT "drones"'
    assert match('bombers -"air show" -drill') == '"bombers" NOT ("air show" OR "drill")'
    assert parse("bombers -drones").tree == And((Term("bombers"), Not(Term("drones"))))


def test_not_is_the_same_as_minus() -> None:
    assert parse("bombers NOT drones").tree == parse("bombers -drones").tree


def test_or_binds_tighter_than_and() -> None:
    query = parse("russia ukraine OR belarus")
    assert query.tree == And((Term("russia"), Or((Term("ukraine"), Term("belarus")))))
    assert query.match == '"russia" AND ("ukraine" OR "belarus")'
    assert str(query) == "russia (ukraine OR belarus)"


def test_explicit_and_changes_nothing() -> None:
    assert parse("russia AND china").tree == parse("russia china").tree


def test_operators_are_upper_case_only() -> None:
    assert match("rock and roll or not near") == (
        '"rock" AND "and" AND "roll" AND "or" AND "not" AND "near"'
    )


def test_prefix() -> None:
    assert parse("bomb*").tree == Term("bomb", prefix=True)
    assert match("bomb* pacific") == '"bomb" * AND "pacific"'
    assert match('"prime min"*') == '"prime min" *'
    assert match("bomb**") == '"bomb" *'


def test_a_prefix_needs_two_letters() -> None:
    with pytest.raises(QueryError, match="too short a prefix"):
        parse("b*")


def test_parentheses_group() -> None:
    query = parse("(russia OR china) -(trade deal)")
    assert query.tree == And(
        (Or((Term("russia"), Term("china"))), Not(And((Term("trade"), Term("deal")))))
    )
    assert query.match == '("russia" OR "china") NOT ("trade" AND "deal")'


def test_exclusion_inside_a_group() -> None:
    assert match("(bombers -drones) OR fighters") == '("bombers" NOT "drones") OR "fighters"'


def test_redundant_parentheses_and_double_negation_vanish() -> None:
    assert parse("((((bombers))))").tree == Term("bombers")
    assert parse("NOT -bombers").tree == Term("bombers")
    assert parse("a a").tree == Term("a")


def test_nesting_has_a_limit() -> None:
    parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH)
    with pytest.raises(QueryError, match=f"nested more than {MAX_DEPTH} deep"):
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))


def test_quotes_inside_values_cannot_escape_the_fts_string() -> None:
    # A word cannot hold a quote (it starts a phrase); FTS5 syntax in a word is text.
    assert match("title:x:y") == 'title : "x:y"'
    assert match('a"b"') == '"a" AND "b"'
    assert match("{title}:x") == '"{title}:x"'
    assert match("x^y") == '"x^y"'


# -- text fields ------------------------------------------------------------------


def test_title_and_author_search_one_column() -> None:
    query = parse('title:bombers author:"Jane Doe"')
    assert query.tree == And(
        (Term("bombers", field="title"), Term("Jane Doe", phrase=True, field="author"))
    )
    assert query.match == '(title : "bombers") AND (authors : "Jane Doe")'


def test_field_names_ignore_case_and_take_prefixes() -> None:
    assert match("TITLE:bomb*") == 'title : "bomb" *'


def test_unknown_field_names_are_text() -> None:
    assert match("note:x") == '"note:x"'
    assert match("https://example.org/a") == '"https://example.org/a"'
    assert unknown_fields("note:x -tilte:y https://e.org 10:30 tag:z") == ("note", "tilte")


# -- filters ------------------------------------------------------------------------

SITE_KEY = "{id} IN (SELECT clipping_id FROM site_keys WHERE key IN (?))"
SITE_LABEL = "{id} IN (SELECT clipping_id FROM site_keys WHERE key = ? OR (key > ? AND key < ?))"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("site:reuters.com", "reuters.com"),
        ("site:Reuters.COM", "reuters.com"),
        ("site:www.reuters.com", "reuters.com"),
        ("site:https://www.reuters.com/world/story?x=1", "reuters.com"),
        ("site:http://user@news.bbc.co.uk:8080/", "news.bbc.co.uk"),
        ("site:www.com", "www.com"),
    ],
)
def test_site_with_a_dot_is_a_host(text: str, key: str) -> None:
    query = parse(text)
    assert query.match is None
    assert conditions(text) == [(SITE_KEY, (key,))]
    assert query.tree == Filter("site", key)


def test_site_finds_both_spellings_of_an_international_host() -> None:
    both = "{id} IN (SELECT clipping_id FROM site_keys WHERE key IN (?, ?))"
    assert conditions("site:Bücher.de") == [(both, ("bücher.de", "xn--bcher-kva.de"))]
    assert conditions("site:xn--bcher-kva.de") == [(both, ("xn--bcher-kva.de", "bücher.de"))]


def test_site_without_a_dot_is_a_label_or_a_name() -> None:
    assert conditions("site:Reuters") == [(SITE_LABEL, ("reuters", "reuters.", "reuters/"))]
    assert conditions('site:"Le  Monde"') == [(SITE_LABEL, ("le monde", "le monde.", "le monde/"))]


def test_tag_compares_as_tags_are_stored() -> None:
    sql = "{id} IN (SELECT clipping_id FROM tags WHERE tag = ?)"
    assert conditions("tag:Russia") == [(sql, ("russia",))]
    assert conditions('tag:" Middle  East "') == [(sql, ("middle east",))]


def test_lang() -> None:
    primary = (
        "{id} IN (SELECT id FROM clippings WHERE language = ? OR (language > ? AND language < ?))"
    )
    assert conditions("lang:DE") == [(primary, ("de", "de-", "de."))]
    exact = "{id} IN (SELECT id FROM clippings WHERE language = ?)"
    assert conditions("lang:pt_br") == [(exact, ("pt-BR",))]
    for bad in ("lang:x", "lang:german", "lang:de-", "lang:12"):
        with pytest.raises(QueryError, match="is not a language code"):
            parse(bad)


DATES = "{id} IN (SELECT id FROM clippings WHERE coalesce(published, clipped_at) "


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("after:2020", "2020-01-01"),
        ("after:2020-12", "2020-12-01"),
        ("after:2020-2", "2020-02-01"),
        ("after:2020-12-22", "2020-12-22"),
    ],
)
def test_after_means_on_or_after_the_start_of_the_period(text: str, start: str) -> None:
    assert conditions(text) == [(DATES + ">= ?)", (start,))]


def test_before_means_before_the_start_of_the_period() -> None:
    assert conditions("before:2021") == [(DATES + "< ?)", ("2021-01-01",))]


def test_date_filters_combine_into_one_range() -> None:
    sql = DATES + ">= ? AND coalesce(published, clipped_at) < ?)"
    expected = [(sql, ("2020-06-01", "2021-01-01"))]
    assert conditions("after:2020 before:2021-03 after:2020-06 before:2021") == expected


@pytest.mark.parametrize("bad", ["after:2020-13", "before:2021-02-30", "after:20", "after:x"])
def test_bad_dates(bad: str) -> None:
    with pytest.raises(QueryError, match="is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"):
        parse(bad)


def test_is_starred() -> None:
    assert conditions("is:starred") == [("{id} IN (SELECT id FROM clippings WHERE starred)", ())]
    assert conditions("IS:Starred") == conditions("is:starred")
    with pytest.raises(
        QueryError, match="is:pinned is unknown; clipper knows is:starred, is:read, is:unread"
    ):
        parse("is:pinned")


def test_is_read_and_is_unread_read_the_read_state() -> None:
    by_state = "{id} IN (SELECT id FROM clippings WHERE read = ?)"
    assert conditions("is:read") == [(by_state, (1,))]
    assert conditions("IS:Unread") == [(by_state, (0,))]
    assert conditions("-is:read") == [(f"NOT ({by_state})", (1,))]


def test_id_names_a_clipping() -> None:
    by_id = "{id} IN (SELECT id FROM clippings WHERE id = ?)"
    assert conditions("id:12") == [(by_id, (12,))]
    assert conditions("ID:#012") == [(by_id, (12,))]
    assert conditions("-id:3") == [(f"NOT ({by_id})", (3,))]
    for bad in ("id:x", "id:-3", "id:1.5", "id:１２"):
        with pytest.raises(QueryError, match="is not a clipping id; give its number, as in id:12"):
            parse(bad)


def test_feed_names_a_feed_by_name_or_id() -> None:
    by_feed = (
        "{id} IN (SELECT e.clipping_id FROM feed_entries AS e JOIN feeds AS f"
        " ON f.id = e.feed_id WHERE f.name_key = ? OR f.id = ?)"
    )
    assert parse('feed:"Le  Monde"').tree == Filter("feed", "le monde")
    assert conditions('feed:"Le  Monde"') == [(by_feed, ("le monde", -1))]
    assert conditions("FEED:#3") == [(by_feed, ("#3", 3))]
    assert conditions("-feed:world") == [(f"NOT ({by_feed})", ("world", -1))]
    assert conditions("feed:a OR feed:b")[0][1] == ("a", -1, "b", -1)
    with pytest.raises(QueryError, match='needs a value, as in feed:"Example World"'):
        parse("feed:")


def test_filters_with_words() -> None:
    query = parse("bombers site:reuters.com tag:russia")
    assert query.match == '"bombers"'
    assert [c.params for c in query.conditions] == [("reuters.com",), ("russia",)]


def test_negated_and_or_ed_filters() -> None:
    assert conditions("-tag:sport") == [
        ("NOT ({id} IN (SELECT clipping_id FROM tags WHERE tag = ?))", ("sport",))
    ]
    [(sql, params)] = conditions("(site:a.com OR tag:b)")
    assert sql == (
        "({id} IN (SELECT clipping_id FROM site_keys WHERE key IN (?))) OR "
        "({id} IN (SELECT clipping_id FROM tags WHERE tag = ?))"
    )
    assert params == ("a.com", "b")


def test_filters_cannot_be_or_ed_with_words() -> None:
    with pytest.raises(QueryError, match="mixes words and filters under OR"):
        parse("bombers OR tag:russia")


def test_a_filter_takes_a_whole_value() -> None:
    with pytest.raises(QueryError, match="takes a whole value"):
        parse("tag:rus*")


def test_only_exclusions_become_a_condition() -> None:
    query = parse("-sport -tag:football")
    assert query.match is None
    assert [c.sql for c in query.conditions] == [
        "NOT ({id} IN (SELECT clipping_id FROM tags WHERE tag = ?))",
        "{id} NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)",
    ]
    assert query.conditions[1].params == ('"sport"',)


# -- text the tokenizer cleans --------------------------------------------------------


def test_accents_and_case_are_left_to_the_index() -> None:
    assert match("Pékin") == '"Pékin"'


def test_control_characters_are_spaces() -> None:
    assert match("bombers\x00pacific\x1b[31m\u202e") == '"bombers" AND "pacific" AND "[31m"'


def test_decomposed_accents_are_composed() -> None:
    assert match("Pe\u0301kin") == '"Pékin"'


def test_words_without_letters_or_digits_are_ignored() -> None:
    assert match("rock & roll 🙂 —") == '"rock" AND "roll"'
    assert match("🙂rock") == '"🙂rock"'


def test_unicode_words() -> None:
    # 東京 is the phrase of its characters, as the index holds them (migration 6).
    assert match("東京 Москва") == '"東 京" AND "Москва"'


def test_words_in_unspaced_scripts_become_phrases_of_their_characters() -> None:
    assert match("地铁") == '"地 铁"'
    assert match("杭州地铁 12号线") == '"杭 州 地 铁" AND "12 号 线"'
    assert match("iPhone 15发布") == '"iPhone" AND "15 发 布"'
    assert match('"杭州 地铁"') == '"杭 州 地 铁"'
    assert match("title:地铁 -北京") == '(title : "地 铁") NOT "北 京"'
    assert match("검색 OR ภาษา") == '"검 색" OR "ภ า ษ า"'
    assert match("东京タワー") == '"东 京 タ ワ ー"'


def test_a_star_after_an_unspaced_character_changes_nothing() -> None:
    # Such a character is a whole token, found wherever it stands: 地铁* is 地铁.
    assert match("地铁*") == match("地铁") == '"地 铁"'
    assert match("铁*") == '"铁"'
    assert str(parse("铁*")) == "铁"
    assert match("发布iPh*") == '"发 布 iPh" *'
    with pytest.raises(QueryError, match="too short a prefix"):
        parse("发布i*")


def test_canonical_text_parses_to_the_same_search() -> None:
    text = 'Bombers  "joint patrol" -drill (a OR bo*) title:x site:www.reuters.com after:2020-1'
    query = parse(text)
    assert str(query) == (
        'Bombers "joint patrol" -drill (a OR bo*) title:x site:reuters.com after:2020-01-01'
    )
    again = parse(str(query))
    assert (again.match, again.conditions) == (query.match, query.conditions)


# -- errors: one line that says what is wrong ----------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unbalanced', 'the " at character 1 opens a phrase that is never closed'),
        ('title:"x', 'the " at character 7 opens a phrase that is never closed'),
        ("NEAR(", "the ( at character 5 is never closed; add a )"),
        ("a)", "the ) at character 2 has no ( before it"),
        ("()", "the parentheses at character 1 hold nothing"),
        ("AND OR", "AND at character 1 needs a term before it"),
        ("a AND", "AND at character 3 needs a term after it"),
        ("OR a", "OR at character 1 needs a term before it"),
        ("a OR", "OR at character 3 needs a term after it"),
        ("a OR -b", "has an exclusion as one side of OR"),
        ("a OR (-b -c)", "only excludes; inside parentheses or OR, say what to find too"),
        ("a NOT", "NOT at character 3 needs a term after it"),
        ("*", "the * at character 1 must come right after a word"),
        ("*bomb", "the * at character 1 must come right after a word"),
        ("-", "the - at character 1 excludes nothing"),
        ("a - b", "the - at character 3 excludes nothing"),
        ("--a", "one - is enough"),
        ("site:", "site: at character 1 needs a value, as in site:reuters.com"),
        ("tag: russia", "tag: at character 1 needs a value, as in tag:russia"),
        ('author:""', "has no letters or digits to search for"),
        ('tag:""', "tag: at character 1 needs a value"),
        ("site:https://", "names no site"),
        ("", "it is empty"),
        ("   \x00 ", "it is empty"),
        ("&&& !!", "has no letters or digits to search for"),
        ("a" * (MAX_LENGTH + 1), f"the limit is {MAX_LENGTH:,}"),
        (" ".join(["w"] * (MAX_TERMS + 1)), f"more than {MAX_TERMS} terms"),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(text)
    assert message in str(raised.value)
    assert str(raised.value).startswith("cannot understand the search query: ")
    assert "\n" not in str(raised.value)
