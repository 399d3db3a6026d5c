"""The proof's own parts: its tables agree with the store's, and its judge can fail.

A proof whose generator missed a protected field, whose parents differed from the store's,
or whose judge could not see a leak would pass for the wrong reason; these tests keep it
honest at no cost to the budget.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.fields import GROUPS, PARENTS, protected_fields
from briefing.domain.registry import KINDS as REGISTRY_KINDS
from tests.clearance.expect import Expect
from tests.clearance.plan import GROUPED, KINDS, MARKER_LENGTH, PROTECTED, Rec, new_marker
from tests.clearance.strategy import plans
from tests.clearance.verdict import Verdict, markers_in
from tests.kinds import KOREAN_TEXT_FIELDS

_LINKS = ("party", "organization", "person", "event", "subject", "owner")


def test_the_generator_protects_exactly_what_the_store_can() -> None:
    for kind in KINDS:
        assert set(PROTECTED[kind]) == set(protected_fields(kind)), kind


def test_the_expected_parents_are_the_stores() -> None:
    """Each kind's parents in ``plan.Rec.parents`` are the store's ``fields.PARENTS``."""
    for kind in KINDS:
        rec = Rec(kind, new_marker(), 0, {})
        links = {name: Rec("party", new_marker(), 0, {}) for name in _LINKS}
        for name, parent in links.items():
            setattr(rec, name, parent)
        ours = {name for name, parent in links.items() if parent in rec.parents()}
        theirs = {column.removesuffix("_id") for _table, column in PARENTS.get(kind, ())}
        assert ours == theirs, kind


def test_markers_are_unique_fixed_length_and_found_run_together() -> None:
    made = [new_marker() for _ in range(5000)]
    assert len(set(made)) == len(made)
    assert {len(m) for m in made} == {MARKER_LENGTH}
    assert markers_in("x" + made[0] + made[1] + "\n" + made[2][:4] + "\n" + made[2][4:]) == {
        made[0],
        made[1],
        made[2],
    }
    assert markers_in("USD 734,219 and QJX; 1,734,2190") == {"734,219", "QJX"}


@settings(max_examples=20, database=None, deadline=None, derandomize=True)
@given(plan=plans(), data=st.data())
def test_the_judge_sees_a_planted_leak_and_a_lost_marker(plan: object, data: st.DataObject) -> None:
    """Every marker shown to an audience below its level is a leak; every marker a channel
    must show and does not is missing."""
    expect = Expect(plan)  # type: ignore[arg-type]
    withheld = [m for m in expect.markers.values() if m.level > 0]
    everything = "\n".join(expect.markers)
    verdict = Verdict(expect)
    verdict.look("planted", "everything", 0, everything)
    assert {x.marker.text for x in verdict.leaks} == {m.text for m in withheld}
    needs = expect.book_text()
    verdict.look("planted", "nothing", 3, "", needs)
    assert len(verdict.missing) == len({n for n in needs if n.at(3)})
    if withheld:
        one = data.draw(st.sampled_from(withheld))
        lone = Verdict(expect)
        lone.look("planted", "one", one.level - 1, f"text {one.text} text")
        assert [x.marker for x in lone.leaks] == [one]


def test_the_value_is_protected_as_one_as_the_store_keeps_it() -> None:
    assert set(GROUPS.values()) == set(GROUPED)


def test_every_korean_text_the_registry_declares_is_marked() -> None:
    """A Korean text the proof left unmarked could leak in a Korean book unseen."""
    declared = {kind.name: {f.name for f in kind.fields if f.korean_of} for kind in REGISTRY_KINDS}
    marked = {kind: set(names) for kind, names in KOREAN_TEXT_FIELDS.items()}
    assert {kind: names for kind, names in declared.items() if names} == marked
