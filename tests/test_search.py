"""Searching a real library built here: exact hits, in order, for every construct."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.clipping import Hit
from clipper.errors import QueryError
from clipper.library import Library
from clipper.migrations import MIGRATIONS
from clipper.search import TIE_SLACK, edit_distance
from clipper.snippets import Pattern, lead, snippet

FILLER = "Officials gave no further details on the matter. " * 6

STORIES = [
    # 1
    Article(
        title="Russian and Chinese bombers fly joint patrol over Pacific",
        url="https://www.devdiscourse.com/article/1",
        authors=("PTI",),
        published="2020-12-22T20:41:00+05:30",
        site="Devdiscourse",
        language="en",
        description="Two nations flew a joint air patrol.",
        text="Russian and Chinese bombers flew a joint patrol over the Sea of Japan. "
        "The bombers were escorted by fighters. " + FILLER,
    ),
    # 2
    Article(
        title="Pacific fleet holds exercises",
        url="https://www.reuters.com/world/2",
        authors=("Jane Doe",),
        published="2021-03-01",
        site="Reuters",
        language="en-GB",
        description="Ships and aircraft trained for a week.",
        text=FILLER + "Long-range bombers joined on the last day, the navy said.",
    ),
    # 3
    Article(
        title="Visite à Pékin",
        url="https://www.lemonde.fr/international/3",
        authors=("Jeanne Martin",),
        published="2021-01-05",
        site="Le Monde",
        language="fr",
        description="Le président en Chine.",
        text="Le président arrive à Pékin pour une visite de trois jours. "
        "Les entretiens porteront sur le commerce.",
    ),
    # 4
    Article(
        title="Farm laws spark protests in Kerala",
        url="https://uk.reuters.com/india/4",
        authors=("Jane Doe", "Ravi Kumar"),
        published="2019-06-01",
        site="Reuters UK",
        language="en",
        description="Farmers marched on the capital.",
        text="Thousands of farmers protested against the new farm laws. " + FILLER,
    ),
    # 5 and 6: the same story, published two years apart (a tie broken by date)
    Article(
        title="Drone show lights up the harbour",
        url="https://example.org/5",
        published="2020-01-01",
        text="A drone show lit up the harbour on Saturday night.",
    ),
    Article(
        title="Drone show lights up the harbour",
        url="https://example.org/6",
        published="2022-01-01",
        text="A drone show lit up the harbour on Saturday night.",
    ),
    # 7: no publication date: its date is the day it was clipped (today)
    Article(
        title="Bomber über dem Pazifik",
        url=None,
        site="Der Spiegel",
        language="de",
        text="Ein Bomber flog über den Pazifik. [red]Nicht rot[/] \x1b[31mfarbig.",
    ),
]
TAGS = [["Russia", "defence"], ["defence"], ["china"], ["India"], [], [], ["defence"]]


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library.open(library_path) as opened:
        for story, tags in zip(STORIES, TAGS, strict=True):
            opened.add(story, tags=tags)
        opened._db.execute("UPDATE clippings SET starred = 1 WHERE id IN (3, 4)")
        yield opened


def ids(library: Library, query: str, **options: object) -> list[int]:
    return [hit.clipping.id for hit in library.search(query, **options)]  # type: ignore[arg-type]


# -- words, phrases, operators ------------------------------------------------------


def test_words_rank_title_matches_first(library: Library) -> None:
    assert ids(library, "bombers") == [1, 2]
    assert ids(library, "pacific") == [2, 1]
    assert ids(library, "bombers pacific") == [1, 2]


def test_case_and_accents_are_folded(library: Library) -> None:
    assert ids(library, "pekin") == [3]
    assert ids(library, "PÉKIN président") == [3]


def test_phrase(library: Library) -> None:
    assert ids(library, '"joint patrol"') == [1]
    assert ids(library, '"patrol joint"') == []
    assert ids(library, '"sea of japan" bombers') == [1]


def test_exclusion(library: Library) -> None:
    assert ids(library, "bombers -fighters") == [2]
    assert ids(library, 'bombers -"sea of japan"') == [2]
    assert ids(library, "bombers NOT navy") == [1]


def test_or_and_grouping(library: Library) -> None:
    assert ids(library, "farmers OR pekin") == [3, 4]
    assert ids(library, "officials (farmers OR bombers)") == [4, 1, 2]
    assert ids(library, "(bombers -navy) OR drone") == [6, 5, 1]


def test_prefix(library: Library) -> None:
    assert ids(library, "bomb*") == [7, 1, 2]
    assert ids(library, '"joint pat"*') == [1]


def test_title_and_author_fields(library: Library) -> None:
    assert ids(library, "title:bombers") == [1]
    assert ids(library, 'author:"jane doe"') == [2, 4]
    assert ids(library, "author:doe -title:pacific") == [4]


def test_fts5_syntax_is_only_text(library: Library) -> None:
    assert ids(library, "NEAR bombers") == []
    assert ids(library, "title:bombers:pacific") == []
    assert ids(library, "bombers^") == [1, 2]


# -- filters ----------------------------------------------------------------------


def test_site_matches_the_host_and_hosts_under_it(library: Library) -> None:
    assert ids(library, "site:reuters.com") == [2, 4]
    assert ids(library, "site:uk.reuters.com") == [4]
    assert ids(library, "site:https://www.reuters.com/some/story") == [2, 4]
    assert ids(library, "site:euters.com") == []


def test_site_without_a_dot_matches_a_host_label_or_the_site_name(library: Library) -> None:
    assert ids(library, "site:reuters") == [2, 4]
    assert ids(library, 'site:"le monde"') == [3]
    assert ids(library, 'site:"Der Spiegel"') == [7]
    assert ids(library, "site:spiegel") == []  # a name matches whole
    assert ids(library, "site:lemonde") == [3]


def test_site_finds_an_international_host_however_it_is_spelt(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.add(Article(title="Bücher", url="https://www.bücher.de/neu"))
        library.add(Article(title="Punycode", url="https://xn--bcher-kva.de/alt"))
        assert ids(library, "site:xn--bcher-kva.de") == [2, 1]
        assert ids(library, "site:BÜCHER.DE") == [2, 1]


def test_tag(library: Library) -> None:
    assert ids(library, "tag:defence") == [7, 2, 1]
    assert ids(library, "tag:RUSSIA bombers") == [1]
    assert ids(library, "bombers -tag:russia") == [2]


def test_lang(library: Library) -> None:
    assert ids(library, "lang:en") == [2, 1, 4]
    assert ids(library, "lang:en-gb") == [2]
    assert ids(library, "lang:de") == [7]


def test_dates_are_the_start_of_the_period(library: Library) -> None:
    assert ids(library, "after:2020-12 before:2021") == [1]
    assert ids(library, "after:2020-12-22 before:2021-01-05") == [1]
    assert ids(library, "after:2021") == [7, 6, 2, 3]
    assert ids(library, "before:2020") == [4]
    assert ids(library, "bombers before:2021") == [1]


def test_starred(library: Library) -> None:
    assert ids(library, "is:starred") == [3, 4]
    assert ids(library, "-is:starred after:2021") == [7, 6, 2]


def test_filters_or_ed_together(library: Library) -> None:
    assert ids(library, "(tag:china OR lang:de) OR site:example.org") == [7, 6, 3, 5]


def test_only_exclusions_list_everything_else_newest_first(library: Library) -> None:
    assert ids(library, "-bombers -drone") == [7, 3, 4]


# -- ranking, ties, sorting, paging ------------------------------------------------


def test_ties_go_to_the_newest(library: Library) -> None:
    [newer, older] = library.search("drone")
    assert (newer.clipping.id, older.clipping.id) == (6, 5)
    assert newer.score == older.score


def test_sort_by_date(library: Library) -> None:
    assert ids(library, "bombers", sort="date") == [2, 1]
    assert ids(library, "pacific OR pekin OR drone", sort="date") == [6, 2, 3, 1, 5]
    with pytest.raises(QueryError, match="sort by relevance or date"):
        library.search("bombers", sort="size")


def test_paging_walks_the_same_order(library: Library) -> None:
    everything = ids(library, "the OR a OR le OR ein", limit=None)
    assert sorted(everything) == [1, 2, 3, 4, 5, 6, 7]
    pages = [ids(library, "the OR a OR le OR ein", limit=3, offset=n) for n in (0, 3, 6, 9)]
    assert pages[0] + pages[1] + pages[2] == everything
    assert pages[3] == []
    assert ids(library, "the OR a OR le OR ein", limit=1_000_000) == everything


def test_a_tie_longer_than_the_rows_fetched_is_still_broken_by_date(library_path: Path) -> None:
    copies = 2 * TIE_SLACK + 5
    with Library.open(library_path) as library:
        for n in range(copies):
            library.add(
                Article(
                    title="Same story",
                    url=f"https://example.org/copy/{n}",
                    published=f"2020-01-{1 + (n * 7) % 28:02d}T{n % 24:02d}:00:00",
                    text="An identical story about harbours.",
                )
            )
        newest_first = sorted(
            range(1, copies + 1),
            key=lambda i: (library.get(i).article.published, i),
            reverse=True,
        )
        for offset in (0, 3, TIE_SLACK, copies - 2):
            assert (
                ids(library, "harbours", limit=5, offset=offset)
                == (newest_first[offset : offset + 5])
            )


def test_scores_are_positive_and_ordered(library: Library) -> None:
    hits = library.search("bombers OR pacific")
    assert [h.clipping.id for h in hits] == [1, 2]
    assert hits[0].score > hits[1].score > 0
    assert {h.score for h in library.search("tag:defence")} == {0.0}


# -- snippets ---------------------------------------------------------------------

S, E = Hit.MARK_START, Hit.MARK_END


def test_snippet_marks_the_matches_in_the_story(library: Library) -> None:
    [hit] = library.search('"sea of japan"')
    assert hit.snippet.startswith(
        f"Russian and Chinese bombers flew a joint patrol over the {S}Sea of Japan{E}."
    )
    [hit] = library.search("pekin")
    assert hit.snippet == (
        f"Le président arrive à {S}Pékin{E} pour une visite de trois jours. "
        "Les entretiens porteront sur le commerce."
    )


def test_snippet_marks_prefixes_and_every_word(library: Library) -> None:
    [first, *_] = library.search("bomb* fighters")
    assert f"{S}bombers{E} flew" in first.snippet
    assert f"{S}fighters{E}" in first.snippet


def test_snippet_falls_back_to_the_description_then_the_opening(library: Library) -> None:
    [hit] = library.search("aircraft")
    assert hit.snippet == f"Ships and {S}aircraft{E} trained for a week."
    [hit] = library.search("title:kerala")
    assert hit.snippet.startswith("Thousands of farmers protested against the new farm laws.")
    assert S not in hit.snippet
    [hit] = library.search("lang:de")
    assert hit.snippet == "Ein Bomber flog über den Pazifik. [red]Nicht rot[/] farbig."


def test_snippets_window_the_best_place_in_a_long_story() -> None:
    text = "Opening words. " + "Filler sentence here. " * 40 + "Here bombers meet the pacific."
    pattern = Pattern.build([("bombers", False), ("pacific", False)])
    cut = snippet(text, pattern)
    assert cut is not None
    assert cut.startswith("…") and cut.endswith(f"Here {S}bombers{E} meet the {S}pacific{E}.")
    assert snippet(text, Pattern.build([("zeppelin", False)])) is None
    assert lead(text).endswith("…") and len(lead(text)) <= 201


def test_highlighting_whole_words_only() -> None:
    # As in the index, "_" separates words: bomb_x is "bomb x".
    pattern = Pattern.build([("bomb", False)])
    assert snippet("bombers bomb_x bomb. xbomb", pattern) == (
        f"bombers {S}bomb{E}_x {S}bomb{E}. xbomb"
    )


# -- when nothing matches ------------------------------------------------------------


def test_suggestions_fix_spelling(library: Library) -> None:
    assert library.search("bomberz pacifc") == []
    [suggestion] = library.suggest("bomberz pacifc")
    assert (suggestion.query, suggestion.hits) == ("bombers pacific", 2)


def test_suggestions_drop_a_part(library: Library) -> None:
    assert library.search("bombers tag:china") == []
    suggestions = library.suggest("bombers tag:china")
    assert [(s.query, s.hits) for s in suggestions] == [("tag:china", 1), ("bombers", 2)]


def test_no_suggestion_when_nothing_is_close(library: Library) -> None:
    assert library.suggest("zeppelin") == []


def test_edit_distance() -> None:
    assert edit_distance("bombers", "bombers", 2) == 0
    assert edit_distance("bomebrs", "bombers", 2) == 1
    assert edit_distance("bomers", "bombers", 2) == 1
    assert edit_distance("boxers", "bombers", 2) == 2
    assert edit_distance("cat", "bombers", 2) == 3


# -- the schema ---------------------------------------------------------------------


def test_an_older_library_gets_its_site_keys(library_path: Path) -> None:
    library_path.parent.mkdir(parents=True)
    with sqlite3.connect(library_path, isolation_level=None) as db:
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO clippings (url, title, site, clipped_at, updated_at) "
            "VALUES ('https://www.bbc.co.uk/news/1', 'Old', 'BBC', '2020', '2020')"
        )
    with Library.open(library_path) as library:
        assert ids(library, "site:bbc.co.uk") == [1]
        assert ids(library, "site:bbc") == [1]
        assert ids(library, "site:co.uk") == [1]
        library.update(1, Article(title="Old", site="British Broadcasting Corporation"))
        assert ids(library, "site:bbc.co.uk") == [1]
        assert ids(library, 'site:"british broadcasting corporation"') == [1]
        assert ids(library, "site:bbc") == [1]  # still the host's label


def test_every_indexed_column_has_its_weight_in_order(tmp_path: Path) -> None:
    from clipper.migrations import SEARCHED_9
    from clipper.search import WEIGHTS

    assert tuple(WEIGHTS) == SEARCHED_9
    Library.open(tmp_path / "fresh.db").close()
    with sqlite3.connect(tmp_path / "fresh.db") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(clippings_fts)")]
    assert tuple(columns) == tuple(WEIGHTS)  # the index of a new library, as it is
