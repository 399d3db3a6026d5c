"""Full-text search: alias-aware, audience-aware, and kept in step with every change."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from briefing.domain import Alias, BargainingChip, Dossier, Person
from briefing.store.db.database import Store
from briefing.store.edits import delete_record, put_levels
from briefing.store.search import querying as search_module
from briefing.store.search.querying import (
    MAX_WORDS,
    PHRASE_WORDS,
    Hit,
    fts_query,
    phrase_query,
    query_words,
    search,
    server_queries,
    substrings,
)
from briefing.store.search.snippets import SNIPPET_CHARS
from briefing.store.visibility import EVERYTHING, set_field, set_field_level
from tests.builders import document, load


def _ids(store: Store, query: str, level: int = EVERYTHING) -> list[str]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        hits = search(session, query, dossier_id=dossier.id, level=level)
        return [session.get(Person, h.record_id).uid for h in hits if h.kind == "person"]


def _hits(store: Store, query: str, level: int = EVERYTHING) -> list[Hit]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        return search(session, query, dossier_id=dossier.id, level=level)


def _people(store: Store) -> None:
    load(
        store,
        document(
            people=[
                {
                    "id": "p:ahn",
                    "name": "Ahn Duk-geun",
                    "native_name": "안덕근",
                    "aliases": ["An Deok-geun"],
                },
                {"id": "p:secret", "name": "Hidden Envoy", "handling": "Restricted"},
            ]
        ),
    )


def test_alias_finds_the_person(empty_store: Store) -> None:
    _people(empty_store)
    assert _ids(empty_store, "An Deok-geun") == ["p:ahn"]
    assert _ids(empty_store, "deok") == ["p:ahn"]
    assert _ids(empty_store, "안덕근") == ["p:ahn"]


def test_search_hides_records_above_the_audience(empty_store: Store) -> None:
    _people(empty_store)
    assert _ids(empty_store, "envoy") == ["p:secret"]
    assert _ids(empty_store, "envoy", level=2) == []
    # A two-letter query takes the first matches unranked, through the same filter.
    assert _ids(empty_store, "en") == ["p:secret"]
    assert _ids(empty_store, "en", level=2) == []


def test_records_the_audience_may_not_see_never_crowd_out_those_it_may(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only so many matches are ranked; the audience filter picks them, so a restricted
    audience still finds its records after many it may not see."""
    hidden = [
        {"id": f"p:hidden{i}", "name": f"Trade envoy {i}", "handling": "Restricted"}
        for i in range(3)
    ]
    shown = [{"id": f"p:shown{i}", "name": f"Trade envoy {i}"} for i in range(2)]
    load(empty_store, document(people=hidden + shown))
    monkeypatch.setattr(search_module, "RANK_AMONG", 2)
    assert sorted(_ids(empty_store, "trade envoy", level=0)) == ["p:shown0", "p:shown1"]


def test_index_follows_edits_new_aliases_and_deletes(empty_store: Store) -> None:
    _people(empty_store)
    with empty_store.session() as session:
        person = session.scalars(select(Person).where(Person.uid == "p:ahn")).one()
        person.name = "Renamed Minister"
        person.aliases.append(Alias(name="Duk-keun Ahn"))
    assert _ids(empty_store, "renamed") == ["p:ahn"]
    assert _ids(empty_store, "keun") == ["p:ahn"]
    with empty_store.session() as session:
        person = session.scalars(select(Person).where(Person.uid == "p:ahn")).one()
        person.aliases.clear()
    assert _ids(empty_store, "deok") == []
    with empty_store.session() as session:
        delete_record(
            session, session.scalars(select(Person.id).where(Person.uid == "p:ahn")).one()
        )
    assert _ids(empty_store, "renamed") == []


def test_a_search_finds_only_its_own_dossier_s_records(empty_store: Store) -> None:
    """A server's rows say their dossier themselves (migration 0030): each dossier's
    search finds its own namesake, never the other's."""
    for slug in ("north", "south"):
        load(empty_store, document(slug, people=[{"id": f"p:{slug}", "name": f"Kim {slug}"}]))
    with empty_store.session() as session:
        for dossier in session.scalars(select(Dossier)):
            hits = search(session, "Kim", dossier_id=dossier.id, level=EVERYTHING)
            assert [hit.title for hit in hits] == [f"Kim {dossier.slug}"]


def test_a_level_put_back_by_undo_is_the_level_a_search_finds_it_at(empty_store: Store) -> None:
    """An undo puts levels back by a statement, indexing nothing again: the search still
    follows the record's level, lowered or raised (on a server, a trigger keeps its rows'
    copy of the level in step, migration 0030)."""
    _people(empty_store)
    with empty_store.session() as session:
        secret = session.scalars(select(Person.id).where(Person.uid == "p:secret")).one()
        put_levels(session, {("record", secret): 0})
    assert _ids(empty_store, "envoy", level=0) == ["p:secret"]
    with empty_store.session() as session:
        put_levels(session, {("record", secret): 3})
    assert _ids(empty_store, "envoy", level=0) == []
    assert _ids(empty_store, "envoy", level=3) == ["p:secret"]


def test_query_syntax_cannot_break_the_search(empty_store: Store) -> None:
    _people(empty_store)
    for hostile in ['"', "AND OR NOT", "*", "a:b", "(((", "NEAR(", "'; DROP TABLE record; --", ""]:
        _ids(empty_store, hostile)
    # Each query is also asked as a phrase and in titles: these would break an unquoted one.
    for hostile in ['2+2"*', "title : ahn", '^"ahn" NEAR(duk geun, 2)', 'ahn" OR "x', "- ahn"]:
        _ids(empty_store, hostile)
    assert fts_query(query_words('say "hi"')) == '"say"* "hi"*'


ARTICLE = " ".join(
    ["Routine remarks on the weather."] * 2000
    + ["The minister conceded the shipbuilding quota at dawn."]
    + ["More routine remarks."] * 2000
)


def test_snippet_marks_the_word_found_deep_in_a_long_text_and_stays_short(
    empty_store: Store,
) -> None:
    """A hit's tooltip shows the passage where its word was found, not 100 KB of article."""
    load(
        empty_store,
        document(sources=[{"id": "src:article", "title": "Article", "full_text": ARTICLE}]),
    )
    [hit] = _hits(empty_store, "shipbuild")
    assert "minister conceded the [shipbuilding] quota at dawn" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET_CHARS + len("……[]")


def test_snippet_marks_the_word_however_it_is_spelt(empty_store: Store) -> None:
    """The index ignores case and accents, so the mark does too: "muller" marks Müller."""
    load(empty_store, document(people=[{"id": "p:m", "name": "Jürgen Müller"}]))
    [hit] = _hits(empty_store, "MULLER jur")
    assert hit.snippet.startswith("[Jürgen] [Müller]")


def test_a_pasted_passage_longer_than_the_word_cap_still_finds_its_record(
    empty_store: Store,
) -> None:
    passage = (
        "Seoul's negotiators offered phased shipbuilding investment in exchange for quota "
        "relief on steel and aluminium exports, subject to an annual review of the package"
    )
    assert len(query_words(passage)) == MAX_WORDS < len(set(passage.split()))
    load(
        empty_store,
        document(
            sources=[
                {"id": "src:cable", "title": "Cable", "full_text": f"Summary. {passage}."},
                {"id": "src:other", "title": "Other", "full_text": "Steel quota relief."},
            ]
        ),
    )
    assert [hit.title for hit in _hits(empty_store, passage)] == ["Cable"]


def test_repeated_words_and_words_that_start_others_are_asked_once() -> None:
    assert fts_query(query_words("tar tariff TARIFF Tariffs")) == '"Tariffs"*'
    assert fts_query(query_words("Deök deok trade")) == '"Deök"* "trade"*'


def _chip_with_a_restricted_minimum(store: Store) -> None:
    load(
        store,
        document(
            chips=[
                {
                    "id": "c:1",
                    "title": "Tariff cut",
                    "party": "party:a",
                    "handling": "Internal",
                    "our_minimum": "Walk away below fivepercent, say nothing of shipyards.",
                }
            ]
        ),
    )
    with store.session() as session:
        set_field_level(session.scalars(select(BargainingChip)).one(), "our_minimum", 3)


def test_a_protected_field_finds_its_record_only_at_or_above_its_level(
    empty_store: Store,
) -> None:
    _chip_with_a_restricted_minimum(empty_store)
    for audience in (1, 2):
        assert _hits(empty_store, "fivepercent", audience) == []
        assert _hits(empty_store, "tariff fivepercent", audience) == []
        [hit] = _hits(empty_store, "tariff", audience)
        assert "fivepercent" not in hit.snippet and hit.level == 1
    [hit] = _hits(empty_store, "fivepercent", 3)
    assert hit.title == "Tariff cut" and hit.level == 3
    assert "[fivepercent]" in hit.snippet
    # Words from the record and from the field together find it, as in one text.
    assert [h.title for h in _hits(empty_store, "tariff shipyards", 3)] == ["Tariff cut"]
    # The word a field row's level is indexed by is not the audience's to find.
    assert _hits(empty_store, "r3", 3) == []
    # A two-letter query is not ranked, and goes through the same filter.
    assert _hits(empty_store, "fi", 2) == []
    assert [h.title for h in _hits(empty_store, "fi", 3)] == ["Tariff cut"]


def test_the_index_follows_a_field_s_level_and_value(empty_store: Store) -> None:
    _chip_with_a_restricted_minimum(empty_store)
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        set_field(chip, "our_minimum", "Walk away below sevenpercent.")
    assert _hits(empty_store, "fivepercent", 3) == []
    assert _hits(empty_store, "sevenpercent", 1) == []
    assert len(_hits(empty_store, "sevenpercent", 3)) == 1
    with empty_store.session() as session:
        set_field_level(session.scalars(select(BargainingChip)).one(), "our_minimum", None)
    [hit] = _hits(empty_store, "sevenpercent", 1)
    assert hit.level == 1
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        set_field_level(chip, "our_minimum", 2)
        session.flush()
        delete_record(session, chip.id)
    with empty_store.session() as session:
        left = session.execute(text("SELECT count(*) FROM search_index_field_rows")).scalar()
        # FTS5 indexes the field rows in a table of its own, kept by triggers; PostgreSQL's
        # index is the rows' own column.
        found = (
            session.execute(
                text(
                    "SELECT count(*) FROM search_index_fields "
                    "WHERE search_index_fields MATCH 'seven*'"
                )
            ).scalar()
            if session.get_bind().dialect.name == "sqlite"
            else 0
        )
    assert (left, found) == (0, 0), "a deleted record's protected text stays in no index"


def test_a_derived_title_s_level_is_the_highest_it_names(empty_store: Store) -> None:
    """A brief is titled after its event: its hit carries the event's level, and the
    audience filter asks the row's level as well as the record's."""
    load(
        empty_store,
        document(
            events=[
                {
                    "id": "e:1",
                    "title": "Summit",
                    "kind": "summit",
                    "start_date": "2025-04-24",
                    "handling": "Confidential",
                }
            ],
            meeting_briefs=[{"id": "b:1", "event": "e:1", "purpose": "Agree a package."}],
        ),
    )
    [hit] = [h for h in _hits(empty_store, "package") if h.kind == "meeting_brief"]
    assert (hit.title, hit.level) == ("Brief: Summit", 2)
    with empty_store.session() as session:
        # The row's level alone keeps the title from an audience below it.
        session.execute(text("UPDATE record SET handling = 0 WHERE uid = 'b:1'"))
    assert _hits(empty_store, "package", 1) == []


def test_the_sample_s_central_meeting_comes_first_for_its_name(store: Store) -> None:
    """ "2+2" is two words of one letter, and every number starts with "2": the meeting of
    that name came nowhere among the first 16 hits. Its name as typed is found first, and
    before the delegations and the brief filed under it, which repeat the name."""
    meeting = "Korea–US “2+2” trade and economic consultations"
    for audience in (1, EVERYTHING):  # the meeting is Internal
        hits = _hits(store, "2+2", audience)
        assert (hits[0].kind, hits[0].title) == ("event", meeting)
    assert sorted(hit.kind for hit in hits[1:4]) == ["delegation", "delegation", "meeting_brief"]
    assert _hits(store, "2+2", 0)[0].title != meeting  # not for an audience below it


def test_a_title_holding_the_query_outranks_a_text_that_only_holds_its_words(
    empty_store: Store,
) -> None:
    filler = " ".join(["Background on the negotiating calendar."] * 40)
    load(
        empty_store,
        document(
            people=[
                {"id": f"p:{n}", "name": f"Envoy {n}", "bio": f"Room 2{n}, floor 2."}
                for n in range(60)
            ],
            events=[
                {
                    "id": "e:talks",
                    "title": "The “2+2” talks",
                    "kind": "meeting",
                    "start_date": "2025-04-24",
                },
            ],
            chips=[
                {
                    "id": "c:quota",
                    "title": "Steel quota",
                    "party": "party:a",
                    "description": filler,
                }
            ],
            sources=[
                {
                    "id": "src:report",
                    "title": "Market report",
                    "full_text": "Steel prices rose. A quota on steel; the quota on steel stays.",
                }
            ],
        ),
    )
    assert [hit.title for hit in _hits(empty_store, "steel quota")] == [
        "Steel quota",
        "Market report",
    ]
    assert _hits(empty_store, "2+2")[0].title == "The “2+2” talks"
    # The phrase is the words side by side: "2 2" in that order, not a 2 here and there.
    assert "Envoy 2" not in [hit.title for hit in _hits(empty_store, "2+2")][:1]


def test_phrases_are_quoted_so_typing_cannot_break_them() -> None:
    assert phrase_query('say "hi"') == '"say hi"'
    assert phrase_query("2+2") == '"2 2"'  # whole words: a prefix of "2" matches too much
    assert phrase_query("Korea–US tra") == '"Korea US tra"*'
    assert phrase_query('*" OR title : ^(') == '"OR title"*'  # words, quoted
    assert phrase_query(" ".join(["word"] * (PHRASE_WORDS + 1))) is None


def test_the_server_finds_hangul_kanji_and_kana_inside_a_run_of_them(pg_store: Store) -> None:
    """Korean names and Japanese sentences run words together; on PostgreSQL a word of
    those scripts is found inside others (pg_trgm), as a Latin word is found by its start."""
    load(
        pg_store,
        document(
            people=[
                {"id": "p:ahn", "name": "Ahn Duk-geun", "native_name": "안덕근"},
                {"id": "p:sato", "name": "Sato Kenji", "notes": "日本語の文章をかく"},
            ]
        ),
    )
    assert _ids(pg_store, "덕근") == ["p:ahn"]
    assert _ids(pg_store, "文章") == ["p:sato"]
    assert _ids(pg_store, "ahn 덕근") == ["p:ahn"]
    assert _ids(pg_store, "sato 덕근") == []
    assert _ids(pg_store, "eun") == []  # Latin words are still found by their start only


def test_the_server_reads_a_hangul_word_through_the_trigram_indexes(pg_store: Store) -> None:
    """The trigram indexes hold only the texts with Hangul, kanji or kana (migration
    0010): the search's condition for such a word must state that in the indexes' own
    words, or the server reads every text of the dossier instead of the index."""
    for indexed in (search_module._SERVER_OWN, search_module._SERVER_FIELDS):
        condition = indexed.match(search_module.WORDS, (True,))
        bound = (
            select(indexed.row_id)
            .select_from(indexed.rows)
            .where(condition)
            .params(
                {f"tier{search_module.WORDS}": server_queries("덕근")[search_module.WORDS]},
                part0=substrings("덕근")[0],
            )
        )
        with pg_store.session() as session:
            sql = bound.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(session.connection().exec_driver_sql(f"EXPLAIN {sql}").scalars())
        for column in ("title", "body"):
            assert f"{indexed.name}_{column}_trgm" in plan, plan


def test_letters_with_diacritics_are_found_by_their_plain_letters(empty_store: Store) -> None:
    """ "Nguyễn" is found by "nguyen", "Şahin" by "sahin", as by the spelling itself."""
    load(
        empty_store,
        document(
            people=[
                {"id": "p:trong", "name": "Nguyễn Phú Trọng"},
                {"id": "p:sahin", "name": "Uğur Şahin"},
                {"id": "p:dvorak", "name": "Tomáš Dvořák", "notes": "Lưu Thị Hiền"},
            ]
        ),
    )
    assert _ids(empty_store, "nguyen trong") == ["p:trong"]
    assert _ids(empty_store, "Nguyễn") == ["p:trong"]
    assert _ids(empty_store, "ugur sahin") == ["p:sahin"]
    assert _ids(empty_store, "tomas dvorak") == ["p:dvorak"]
    assert _ids(empty_store, "luu thi hien") == ["p:dvorak"]


def test_a_server_search_leaves_the_planner_as_it_found_it(pg_store: Store) -> None:
    """The search has the server join its tables in the order written (a quicker plan
    to make); whatever the caller's transaction does next is planned as before."""
    _people(pg_store)
    settings = (
        "SELECT current_setting('join_collapse_limit'), current_setting('from_collapse_limit')"
    )
    with pg_store.session() as session:
        session.execute(text("SET LOCAL join_collapse_limit = 5"))
        before = session.execute(text(settings)).one()
        dossier = session.scalars(select(Dossier)).one()
        assert search(session, "envoy", dossier_id=dossier.id, level=EVERYTHING)
        assert session.execute(text(settings)).one() == before == ("5", "8")
