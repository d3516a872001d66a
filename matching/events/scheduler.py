"""The one-to-one schedule of a matchmaking event (供需对接会) as a pure model: who meets whom, in
which slot, at which table. No database: the service loads plain data, calls `schedule`, stores.

Hard rules (API.md): a registration has at most one meeting per slot, only in its available
slots, at most its cap; at most `tables` meetings per slot, each at its own table 1..tables; a
pair meets at most once; only accepted requests (and proposed pairs) are placed. Meetings of
slots already held are kept as they are and count towards the caps.

Objective, lexicographic and exact: (1) accepted `must` requests placed, (2) accepted `meet`
requests placed, (3) the sum of the match scores of proposed meetings. It is solved as three
CP-SAT solves in a row — each maximises one level with the levels before it fixed at their best
value — so no weights can trade a `must` for any number of `meet`s. Every solve starts from the
previous one's solution (the first from a greedy first-fit), and a greedy pass afterwards fills
what a solve cut short by its time limit left open, so the result is always maximal: every
accepted request left out has a reason that holds in the final schedule.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

Priority = Literal["must", "meet"]
SCORE_SCALE = 1000  # match scores (0..1) are summed as integers to 0.001
MIN_SOLVE_SECONDS = 0.2  # below this a solve is not started (model building alone takes longer)

# Why an accepted request is not in the schedule (checked in this order).
NO_COMMON_SLOT = "no_common_slot"  # the two sides share no free slot at all
ALREADY_MET = "already_met"  # the pair already met in a held slot
SUPPLIER_AT_CAP = "supplier_at_cap"
BUYER_AT_CAP = "buyer_at_cap"
SLOT_FULL = "slot_full"  # every common slot where both are free has all its tables taken
SIDES_BUSY = "sides_busy"  # in every common slot one side already meets someone else
REASONS = {
    NO_COMMON_SLOT: "双方没有共同的空闲时段",
    ALREADY_MET: "双方已在已举行的时段会谈过",
    SUPPLIER_AT_CAP: "供应商的洽谈场次已满",
    BUYER_AT_CAP: "需求企业的洽谈场次已满",
    SLOT_FULL: "双方共同空闲的时段桌位已满",
    SIDES_BUSY: "双方共同空闲的时段均已安排了其他洽谈",
}


@dataclass(frozen=True)
class Participant:
    id: str
    role: Literal["supplier", "buyer"]
    available: frozenset[int]
    cap: int


@dataclass(frozen=True)
class Request:
    id: str
    supplier: str
    buyer: str
    priority: Priority
    status: str = "accepted"  # only accepted requests are ever placed


@dataclass(frozen=True)
class Proposal:
    supplier: str
    buyer: str
    score: float  # the matching engine's score, 0..1


@dataclass(frozen=True)
class Meeting:
    slot: int
    table: int
    supplier: str
    buyer: str
    source: Literal["request", "proposed"]
    request_id: str | None = None
    score: float | None = None


@dataclass(frozen=True)
class Problem:
    slots: int
    tables: int
    participants: Sequence[Participant]
    requests: Sequence[Request] = ()
    proposals: Sequence[Proposal] = ()
    held_slots: frozenset[int] = frozenset()
    kept: Sequence[Meeting] = ()  # meetings of held slots, kept as they are


@dataclass(frozen=True)
class Unplaced:
    request_id: str
    reason: str

    @property
    def text(self) -> str:
        return REASONS[self.reason]


@dataclass
class Result:
    meetings: list[Meeting]
    unplaced: list[Unplaced]
    must_placed: int
    meet_placed: int
    proposed_score: int  # sum of proposed meetings' scores × SCORE_SCALE
    optimal: bool  # every level proven optimal
    bounds: tuple[int, int, int]  # the solver's upper bounds of the three levels
    seconds: float
    stats: dict[str, int | float | bool | str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Candidate:
    supplier: str
    buyer: str
    slots: tuple[int, ...]
    level: int  # 0 must, 1 meet, 2 proposed
    weight: int  # 1 for requests, the scaled score for proposals
    request_id: str | None
    score: float | None


# --------------------------------------------------------------------------- the model's input


def _candidates(problem: Problem) -> list[_Candidate]:
    """The pairs that may still meet: accepted requests (the stronger one if a pair has two) and
    proposals for pairs without a request, each with the slots both sides are free in."""
    people = {p.id: p for p in problem.participants}
    met = {(m.supplier, m.buyer) for m in problem.kept}
    busy: dict[str, set[int]] = defaultdict(set)
    for m in problem.kept:
        busy[m.supplier].add(m.slot)
        busy[m.buyer].add(m.slot)
    open_slots = frozenset(range(problem.slots)) - problem.held_slots

    def free(a: str, b: str) -> tuple[int, ...]:
        common = people[a].available & people[b].available & open_slots
        return tuple(sorted(common - busy[a] - busy[b]))

    found: dict[tuple[str, str], _Candidate] = {}
    requested: set[tuple[str, str]] = set()
    for r in problem.requests:
        pair = (r.supplier, r.buyer)
        requested.add(pair)
        if r.status != "accepted" or pair in met or r.supplier not in people or r.buyer not in people:
            continue
        level = 0 if r.priority == "must" else 1
        if pair in found and found[pair].level <= level:
            continue
        found[pair] = _Candidate(r.supplier, r.buyer, free(*pair), level, 1, r.id, None)
    for p in problem.proposals:
        pair = (p.supplier, p.buyer)
        weight = round(p.score * SCORE_SCALE)
        if pair in requested or pair in met or pair in found or weight <= 0:
            continue
        if p.supplier not in people or p.buyer not in people:
            continue
        found[pair] = _Candidate(p.supplier, p.buyer, free(*pair), 2, weight, None, p.score)
    return [c for c in found.values() if c.slots]


def _caps_left(problem: Problem) -> dict[str, int]:
    used: dict[str, int] = defaultdict(int)
    for m in problem.kept:
        used[m.supplier] += 1
        used[m.buyer] += 1
    return {p.id: max(0, p.cap - used[p.id]) for p in problem.participants}


def _tables_left(problem: Problem) -> dict[int, int]:
    taken: dict[int, int] = defaultdict(int)
    for m in problem.kept:
        taken[m.slot] += 1
    return {s: max(0, problem.tables - taken[s]) for s in range(problem.slots)}


Choice = dict[int, int]  # candidate index → slot


# --------------------------------------------------------------------------- greedy first-fit


def first_fit(problem: Problem) -> Choice:
    """The usual event tools' greedy, the benchmark's peer: requests one by one (must, then meet,
    then proposals by score), each in the earliest slot where both sides and a table are free
    and neither side is at its cap."""
    return _fill(problem, _candidates(problem), {}, balanced=False)


def _fill(problem: Problem, candidates: Sequence[_Candidate], chosen: Choice, *, balanced: bool = True) -> Choice:
    """Add candidates to `chosen` greedily. `balanced` (the solver's hint and final pass): within
    a level the pairs with the fewest common slots go first, each into the open slot with the
    most free tables — on generated events this alone reaches the optimum far more often than
    first-fit, which fills the early slots and strands the pairs that are only free late."""
    caps = _caps_left(problem)
    tables = _tables_left(problem)
    busy: set[tuple[str, int]] = set()
    for i, slot in chosen.items():
        c = candidates[i]
        caps[c.supplier] -= 1
        caps[c.buyer] -= 1
        tables[slot] -= 1
        busy |= {(c.supplier, slot), (c.buyer, slot)}

    def key(i: int) -> tuple[int, ...]:
        c = candidates[i]
        return (c.level, len(c.slots), -c.weight, i) if balanced else (c.level, -c.weight, i)

    for i in sorted(range(len(candidates)), key=key):
        c = candidates[i]
        if i in chosen or caps[c.supplier] <= 0 or caps[c.buyer] <= 0:
            continue
        free = [s for s in c.slots if tables[s] > 0 and (c.supplier, s) not in busy and (c.buyer, s) not in busy]
        if not free:
            continue
        slot = max(free, key=lambda s: (tables[s], -s)) if balanced else free[0]
        chosen[i] = slot
        caps[c.supplier] -= 1
        caps[c.buyer] -= 1
        tables[slot] -= 1
        busy |= {(c.supplier, slot), (c.buyer, slot)}
    return chosen


# --------------------------------------------------------------------------- CP-SAT


def _model(
    problem: Problem, candidates: Sequence[_Candidate], upto: int
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]]:
    """The hard rules over the candidates of levels 0..`upto` (x[i, slot]: candidate i meets in
    slot). Leaving the higher levels out changes no optimum of the lower ones (their variables
    could all be 0) and keeps the first solves small."""
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for i, c in enumerate(candidates):
        if c.level > upto:
            continue
        for slot in c.slots:
            x[i, slot] = model.new_bool_var(f"x{i}_{slot}")
        model.add_at_most_one(x[i, s] for s in c.slots)
    by_person_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    by_person: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (i, slot), var in x.items():
        c = candidates[i]
        for who in (c.supplier, c.buyer):
            by_person_slot[who, slot].append(var)
            by_person[who].append(var)
        by_slot[slot].append(var)
    for group in by_person_slot.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    caps = _caps_left(problem)
    for who, group in by_person.items():
        if len(group) > caps[who]:
            model.add(sum(group) <= caps[who])
    tables = _tables_left(problem)
    for slot, group in by_slot.items():
        if len(group) > tables[slot]:
            model.add(sum(group) <= tables[slot])
    return model, x


def _trivial_bound(problem: Problem, candidates: Sequence[_Candidate], level: int, earlier: int) -> int:
    """An upper bound of a level without solving: its candidates' weights, and for the request
    levels the table-slots left after the meetings of the levels before it."""
    weights = sum(c.weight for c in candidates if c.level == level)
    if level == 2:
        return weights if sum(_tables_left(problem).values()) > earlier else 0
    return min(weights, sum(_tables_left(problem).values()) - earlier)


def schedule(problem: Problem, *, time_limit: float = 8.0, workers: int = 2, seed: int = 0) -> Result:
    """The schedule of `problem`: optimal when the solves finish within `time_limit` seconds in
    all (then `optimal` is true), otherwise the best found, always maximal."""
    started = time.perf_counter()
    candidates = _candidates(problem)
    best = _fill(problem, candidates, {})
    optimal = True
    bounds: list[int] = []
    solver_status: list[str] = []
    variables = 0
    for level in range(3):
        placed_before = sum(1 for i in best if candidates[i].level < level)
        bound = _trivial_bound(problem, candidates, level, placed_before)
        if _value(candidates, best, level) >= bound:
            bounds.append(bound)
            solver_status.append("BOUND")  # the greedy start already reaches a bound: nothing to solve
            continue
        if time_limit - (time.perf_counter() - started) < MIN_SOLVE_SECONDS:
            optimal = False  # out of time: this level keeps the greedy filling
            bounds.append(max(bound, _value(candidates, best, level)))
            solver_status.append("NO_TIME")
            continue
        model, x = _model(problem, candidates, level)
        variables = max(variables, len(x))

        def level_sum(k: int, x: dict[tuple[int, int], cp_model.IntVar] = x) -> cp_model.LinearExprT:
            return sum(candidates[i].weight * var for (i, _), var in x.items() if candidates[i].level == k)

        for earlier in range(level):
            # The levels before at their best (>=: the solves found them optimal or as good as they could).
            model.add(level_sum(earlier) >= _value(candidates, best, earlier))
        for (i, slot), var in x.items():
            model.add_hint(var, best.get(i) == slot)
        model.maximize(level_sum(level))
        solver = cp_model.CpSolver()
        remaining = time_limit - (time.perf_counter() - started)
        # Shares of the time left: the must level matters most and is small (it usually ends
        # early and leaves its time to the others); the meet level is the hard one.
        solver.parameters.max_time_in_seconds = max(MIN_SOLVE_SECONDS, remaining * (0.5, 0.7, 1.0)[level])
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        status = solver.solve(model)
        solver_status.append(solver.status_name(status))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = {i: slot for (i, slot), var in x.items() if solver.boolean_value(var)}
            # Keep the higher levels' greedy meetings where they still fit.
            found = _fill(problem, candidates, found)
            if _values(candidates, found) > _values(candidates, best):
                best = found
            bound = min(bound, int(solver.best_objective_bound))
        optimal = optimal and _value(candidates, best, level) >= bound
        bounds.append(max(bound, _value(candidates, best, level)))
    best = _fill(problem, candidates, best)
    meetings = _meetings(problem, candidates, best)
    placed = {m.request_id for m in meetings if m.request_id is not None}
    return Result(
        meetings=meetings,
        unplaced=explain(problem, meetings, placed),
        must_placed=_value(candidates, best, 0),
        meet_placed=_value(candidates, best, 1),
        proposed_score=_value(candidates, best, 2),
        optimal=optimal,
        bounds=(bounds[0], bounds[1], bounds[2]),
        seconds=time.perf_counter() - started,
        stats={"candidates": len(candidates), "variables": variables, "status": "/".join(solver_status)},
    )


def _value(candidates: Sequence[_Candidate], chosen: Choice, level: int) -> int:
    return sum(candidates[i].weight for i in chosen if candidates[i].level == level)


def _values(candidates: Sequence[_Candidate], chosen: Choice) -> tuple[int, int, int]:
    """The objective as a tuple: Python compares it lexicographically, as the solves do."""
    return (_value(candidates, chosen, 0), _value(candidates, chosen, 1), _value(candidates, chosen, 2))


# --------------------------------------------------------------------------- tables and reasons


def _meetings(problem: Problem, candidates: Sequence[_Candidate], chosen: Choice) -> list[Meeting]:
    """The kept meetings plus the chosen ones at tables: a supplier keeps the table it had in an
    earlier slot when that table is free (fewer moves on the day), else the lowest free one."""
    meetings = list(problem.kept)
    taken: dict[int, set[int]] = defaultdict(set)
    home: dict[str, int] = {}
    for m in sorted(problem.kept, key=lambda m: m.slot):
        taken[m.slot].add(m.table)
        home.setdefault(m.supplier, m.table)
    by_slot: dict[int, list[int]] = defaultdict(list)
    for i, slot in chosen.items():
        by_slot[slot].append(i)
    for slot in sorted(by_slot):
        items = sorted(by_slot[slot], key=lambda i: (candidates[i].supplier not in home, candidates[i].supplier))
        for i in items:
            c = candidates[i]
            table = home.get(c.supplier)
            if table is None or table in taken[slot]:
                table = next(t for t in range(1, problem.tables + 1) if t not in taken[slot])
            taken[slot].add(table)
            home.setdefault(c.supplier, table)
            meetings.append(
                Meeting(
                    slot=slot, table=table, supplier=c.supplier, buyer=c.buyer,
                    source="request" if c.request_id is not None else "proposed",
                    request_id=c.request_id, score=c.score,
                )
            )  # fmt: skip
    return sorted(meetings, key=lambda m: (m.slot, m.table))


def explain(problem: Problem, meetings: Sequence[Meeting], placed: Iterable[str]) -> list[Unplaced]:
    """Why each accepted request outside `meetings` is not there, judged on the final schedule."""
    people = {p.id: p for p in problem.participants}
    placed = set(placed)
    count: dict[str, int] = defaultdict(int)
    busy: set[tuple[str, int]] = set()
    per_slot: dict[int, int] = defaultdict(int)
    met: set[tuple[str, str]] = set()
    for m in meetings:
        count[m.supplier] += 1
        count[m.buyer] += 1
        busy |= {(m.supplier, m.slot), (m.buyer, m.slot)}
        per_slot[m.slot] += 1
        met.add((m.supplier, m.buyer))
    open_slots = frozenset(range(problem.slots)) - problem.held_slots
    out: list[Unplaced] = []
    for r in sorted(problem.requests, key=lambda r: (r.priority != "must", r.id)):
        if r.status != "accepted" or r.id in placed:
            continue
        supplier, buyer = people.get(r.supplier), people.get(r.buyer)
        if supplier is None or buyer is None:
            out.append(Unplaced(r.id, NO_COMMON_SLOT))
            continue
        common = supplier.available & buyer.available & open_slots
        if (r.supplier, r.buyer) in met:
            out.append(Unplaced(r.id, ALREADY_MET))
        elif not common:
            out.append(Unplaced(r.id, NO_COMMON_SLOT))
        elif count[r.supplier] >= supplier.cap:
            out.append(Unplaced(r.id, SUPPLIER_AT_CAP))
        elif count[r.buyer] >= buyer.cap:
            out.append(Unplaced(r.id, BUYER_AT_CAP))
        else:
            both_free = [s for s in common if (r.supplier, s) not in busy and (r.buyer, s) not in busy]
            out.append(Unplaced(r.id, SLOT_FULL if both_free else SIDES_BUSY))
    return out


def violations(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    """Every hard rule a schedule breaks (empty for a valid one): for tests and outside checks."""
    people = {p.id: p for p in problem.participants}
    accepted = {r.id: r for r in problem.requests if r.status == "accepted"}
    problems: list[str] = []
    seen_person_slot: set[tuple[str, int]] = set()
    seen_table: set[tuple[int, int]] = set()
    pairs: set[tuple[str, str]] = set()
    count: dict[str, int] = defaultdict(int)
    kept = set(problem.kept)
    for m in meetings:
        if not 0 <= m.slot < problem.slots:
            problems.append(f"slot {m.slot} out of range")
        if not 1 <= m.table <= problem.tables:
            problems.append(f"table {m.table} out of range")
        if (m.slot, m.table) in seen_table:
            problems.append(f"table {m.table} twice in slot {m.slot}")
        seen_table.add((m.slot, m.table))
        for who in (m.supplier, m.buyer):
            if (who, m.slot) in seen_person_slot:
                problems.append(f"{who} twice in slot {m.slot}")
            seen_person_slot.add((who, m.slot))
            count[who] += 1
            if m not in kept and who in people and m.slot not in people[who].available:
                problems.append(f"{who} unavailable in slot {m.slot}")
        if (m.supplier, m.buyer) in pairs:
            problems.append(f"{m.supplier}/{m.buyer} meet twice")
        pairs.add((m.supplier, m.buyer))
        if m not in kept and m.slot in problem.held_slots:
            problems.append(f"new meeting in held slot {m.slot}")
        if people.get(m.supplier) is None or people[m.supplier].role != "supplier":
            problems.append(f"{m.supplier} is not a supplier")
        if people.get(m.buyer) is None or people[m.buyer].role != "buyer":
            problems.append(f"{m.buyer} is not a buyer")
        if m.source == "request":
            request = accepted.get(m.request_id or "")
            if request is None or (request.supplier, request.buyer) != (m.supplier, m.buyer):
                problems.append(f"meeting for request {m.request_id} that is not accepted for this pair")
    for who, n in count.items():
        if who in people and n > people[who].cap:
            problems.append(f"{who} has {n} meetings, cap {people[who].cap}")
    missing = kept - set(meetings)
    if missing:
        problems.append(f"{len(missing)} kept meetings dropped")
    return problems
