"""The pure event scheduler: every hard rule on random events (Hypothesis), the lexicographic
objective against a brute force on small instances, kept meetings, and the reasons given."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.events.scheduler import (
    BUYER_AT_CAP,
    NO_COMMON_SLOT,
    SCORE_SCALE,
    SIDES_BUSY,
    SLOT_FULL,
    SUPPLIER_AT_CAP,
    Meeting,
    Participant,
    Problem,
    Proposal,
    Request,
    _candidates,
    first_fit,
    schedule,
    violations,
)


@st.composite
def problems(draw: st.DrawFn, max_people: int = 8, max_slots: int = 5) -> Problem:
    slots = draw(st.integers(1, max_slots))
    tables = draw(st.integers(1, 4))
    n_suppliers = draw(st.integers(1, max_people // 2))
    n_buyers = draw(st.integers(1, max_people // 2))
    people = []
    for i in range(n_suppliers + n_buyers):
        role = "supplier" if i < n_suppliers else "buyer"
        pid = f"{role[0]}{i}"
        available = draw(st.frozensets(st.integers(0, slots - 1), min_size=1, max_size=slots))
        people.append(Participant(pid, role, available, draw(st.integers(1, slots))))  # type: ignore[arg-type]
    suppliers = [p.id for p in people if p.role == "supplier"]
    buyers = [p.id for p in people if p.role == "buyer"]
    pairs = draw(st.lists(st.tuples(st.sampled_from(suppliers), st.sampled_from(buyers)), unique=True, max_size=12))
    requests = []
    for n, (s, b) in enumerate(pairs):
        status = draw(st.sampled_from(["accepted", "accepted", "accepted", "pending", "declined"]))
        requests.append(Request(f"r{n}", s, b, draw(st.sampled_from(["must", "meet"])), status))
    proposal_pairs = draw(
        st.lists(st.tuples(st.sampled_from(suppliers), st.sampled_from(buyers)), unique=True, max_size=6)
    )
    proposals = [Proposal(s, b, draw(st.floats(0.3, 1.0))) for s, b in proposal_pairs]
    return Problem(slots=slots, tables=tables, participants=people, requests=requests, proposals=proposals)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_hard_rule_holds_on_random_events(problem: Problem) -> None:
    result = schedule(problem, time_limit=2.0)
    assert violations(problem, result.meetings) == []
    placed = {m.request_id for m in result.meetings if m.request_id}
    not_accepted = {r.id for r in problem.requests if r.status != "accepted"}
    assert not placed & not_accepted  # pending and declined never placed
    accepted = {r.id for r in problem.requests if r.status == "accepted"}
    reported = {u.request_id for u in result.unplaced}
    # every accepted request is either placed or explained (a pair with two requests: one is placed)
    assert accepted <= placed | reported
    assert not placed & reported
    requested = {(r.supplier, r.buyer) for r in problem.requests}
    assert all((m.supplier, m.buyer) not in requested for m in result.meetings if m.source == "proposed")


def _brute_force(problem: Problem) -> tuple[int, int, int]:
    """The lexicographic optimum by trying every assignment of every candidate to a slot or none."""
    candidates = _candidates(problem)
    best = (0, 0, 0)
    for choice in itertools.product(*[(None, *c.slots) for c in candidates]):
        meetings = [
            Meeting(slot, 1 + i, c.supplier, c.buyer, "request" if c.request_id else "proposed", c.request_id)
            for i, (c, slot) in enumerate(zip(candidates, choice, strict=True))
            if slot is not None
        ]
        per_slot: dict[int, int] = {}
        for m in meetings:
            per_slot[m.slot] = per_slot.get(m.slot, 0) + 1
        if any(n > problem.tables for n in per_slot.values()):
            continue
        relabelled = _relabel_tables(meetings)
        if violations(problem, relabelled):
            continue
        value = [0, 0, 0]
        for c, slot in zip(candidates, choice, strict=True):
            if slot is not None:
                value[c.level] += c.weight
        best = max(best, (value[0], value[1], value[2]))
    return best


def _relabel_tables(meetings: Sequence[Meeting]) -> list[Meeting]:
    used: dict[int, int] = {}
    out = []
    for m in meetings:
        used[m.slot] = used.get(m.slot, 0) + 1
        out.append(Meeting(m.slot, used[m.slot], m.supplier, m.buyer, m.source, m.request_id, m.score))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_people=6, max_slots=3).filter(lambda p: len(_candidates(p)) <= 7))
def test_small_events_are_solved_to_the_lexicographic_optimum(problem: Problem) -> None:
    result = schedule(problem, time_limit=5.0)
    assert result.optimal
    assert (result.must_placed, result.meet_placed, result.proposed_score) == _brute_force(problem)


def test_one_must_outweighs_any_number_of_meets() -> None:
    # s0 can meet only once: the must request wins over a meet request with a 0.99 proposal beside it.
    people = [
        Participant("s0", "supplier", frozenset({0, 1}), 1),
        Participant("b0", "buyer", frozenset({0, 1}), 2),
        Participant("b1", "buyer", frozenset({0, 1}), 2),
    ]
    requests = [Request("must", "s0", "b0", "must"), Request("meet", "s0", "b1", "meet")]
    proposals = [Proposal("s0", "b1", 0.99)]
    result = schedule(Problem(slots=2, tables=2, participants=people, requests=requests, proposals=proposals))
    assert [m.request_id for m in result.meetings] == ["must"]
    assert [(u.request_id, u.reason) for u in result.unplaced] == [("meet", SUPPLIER_AT_CAP)]


def test_reasons_name_what_blocks_each_request() -> None:
    people = [
        Participant("s0", "supplier", frozenset({0}), 1),
        Participant("s1", "supplier", frozenset({1}), 2),
        Participant("s2", "supplier", frozenset({1}), 2),
        Participant("b0", "buyer", frozenset({0}), 2),
        Participant("b1", "buyer", frozenset({1}), 1),
        Participant("b2", "buyer", frozenset({1}), 2),
        Participant("b3", "buyer", frozenset({1}), 2),
    ]
    requests = [
        Request("no-slot", "s0", "b1", "must"),  # s0 only in slot 0, b1 only in slot 1
        Request("a", "s1", "b1", "must"),  # placed in slot 1 (b1 then at its cap)
        Request("cap", "s2", "b1", "meet"),  # b1 is at its cap
        Request("b", "s2", "b2", "must"),  # slot 1 now has 2 meetings = tables
        Request("full", "s1", "b3", "meet"),  # s1 is busy in slot 1 anyway -> sides busy
        Request("pending", "s0", "b0", "must", "pending"),
    ]
    result = schedule(Problem(slots=2, tables=2, participants=people, requests=requests))
    assert violations(Problem(slots=2, tables=2, participants=people, requests=requests), result.meetings) == []
    assert {m.request_id for m in result.meetings} == {"a", "b"}
    reasons = {u.request_id: u.reason for u in result.unplaced}
    assert reasons == {"no-slot": NO_COMMON_SLOT, "cap": BUYER_AT_CAP, "full": SIDES_BUSY}
    assert all(u.text for u in result.unplaced)


def test_a_full_slot_is_named() -> None:
    people = [
        Participant("s0", "supplier", frozenset({0}), 1),
        Participant("s1", "supplier", frozenset({0}), 1),
        Participant("b0", "buyer", frozenset({0}), 1),
        Participant("b1", "buyer", frozenset({0}), 1),
    ]
    requests = [Request("one", "s0", "b0", "must"), Request("two", "s1", "b1", "meet")]
    result = schedule(Problem(slots=1, tables=1, participants=people, requests=requests))
    assert [m.request_id for m in result.meetings] == ["one"]
    assert [(u.request_id, u.reason) for u in result.unplaced] == [("two", SLOT_FULL)]


def test_meetings_of_held_slots_are_kept_and_count_towards_caps() -> None:
    people = [
        Participant("s0", "supplier", frozenset({0, 1, 2}), 2),
        Participant("b0", "buyer", frozenset({0, 1, 2}), 3),
        Participant("b1", "buyer", frozenset({0, 1, 2}), 3),
        Participant("b2", "buyer", frozenset({0, 1, 2}), 3),
    ]
    kept = [Meeting(0, 3, "s0", "b2", "proposed", None, 0.8)]
    requests = [Request("x", "s0", "b0", "must"), Request("y", "s0", "b1", "must"), Request("z", "s0", "b2", "meet")]
    problem = Problem(slots=3, tables=3, participants=people, requests=requests, held_slots=frozenset({0}), kept=kept)
    result = schedule(problem)
    assert kept[0] in result.meetings
    assert violations(problem, result.meetings) == []
    assert all(m.slot != 0 for m in result.meetings if m not in kept)
    # cap 2 with one kept: one more must; z's pair already met
    assert result.must_placed == 1
    assert {u.reason for u in result.unplaced} >= {"already_met"}


def test_suppliers_keep_their_table_between_slots_when_they_can() -> None:
    people = [Participant("s0", "supplier", frozenset({0, 1, 2}), 3)] + [
        Participant(f"b{i}", "buyer", frozenset({0, 1, 2}), 1) for i in range(3)
    ]
    requests = [Request(f"r{i}", "s0", f"b{i}", "meet") for i in range(3)]
    result = schedule(Problem(slots=3, tables=4, participants=people, requests=requests))
    assert len(result.meetings) == 3 and len({m.table for m in result.meetings}) == 1


def test_proposals_fill_free_capacity_by_score() -> None:
    people = [
        Participant("s0", "supplier", frozenset({0}), 1),
        Participant("b0", "buyer", frozenset({0}), 1),
        Participant("b1", "buyer", frozenset({0}), 1),
    ]
    proposals = [Proposal("s0", "b0", 0.6), Proposal("s0", "b1", 0.9)]
    result = schedule(Problem(slots=1, tables=2, participants=people, proposals=proposals))
    assert [(m.buyer, m.source, m.score) for m in result.meetings] == [("b1", "proposed", 0.9)]
    assert result.proposed_score == round(0.9 * SCORE_SCALE)


def test_first_fit_peer_obeys_the_rules_too() -> None:
    people = [Participant(f"s{i}", "supplier", frozenset(range(4)), 3) for i in range(3)] + [
        Participant(f"b{i}", "buyer", frozenset(range(4)), 3) for i in range(3)
    ]
    requests = [Request(f"r{i}{j}", f"s{i}", f"b{j}", "meet") for i in range(3) for j in range(3)]
    problem = Problem(slots=4, tables=2, participants=people, requests=requests)
    chosen = first_fit(problem)
    assert len(chosen) == 8  # 4 slots × 2 tables
