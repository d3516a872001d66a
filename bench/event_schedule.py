"""Matchmaking-event scheduling benchmark: generated events of N participants × 16 slots × N/8
tables, ~6 requests per participant (a fifth of them `must`, a tenth still pending or declined),
caps and availabilities; our CP-SAT schedule against the solver's proven bound and a greedy
first-fit peer (the usual event tools' approach), with the time taken.

    .venv/bin/python -m bench.event_schedule [--sizes 100 400 1000] [--time-limit 8] [--seed 1]

The data is generated here (never tuned on): every figure is a regression guard, not a claim
about real events.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

from matching.events.scheduler import Participant, Problem, Proposal, Request, first_fit, schedule, violations

SLOTS = 16


def generate(participants: int, *, seed: int, requests_each: float = 6.0, slots: int = SLOTS) -> Problem:
    """A random event: half suppliers, half buyers; each available in 10–16 slots (some leave at
    lunch), caps 4–10 (default 8); requests go preferentially to a few popular suppliers (as in
    real events), so some must compete for capacity; ~1 proposal per participant."""
    rng = random.Random(seed)
    suppliers = [f"s{i}" for i in range(participants // 2)]
    buyers = [f"b{i}" for i in range(participants - len(suppliers))]
    people: list[Participant] = []
    for pid in suppliers + buyers:
        if rng.random() < 0.3:
            start = rng.randrange(0, 6)
            available = frozenset(range(start, min(slots, start + rng.randint(8, 12))))
        else:
            available = frozenset(range(slots))
        cap = 8 if rng.random() < 0.6 else rng.randint(4, 10)
        people.append(Participant(pid, "supplier" if pid.startswith("s") else "buyer", available, cap))
    popularity = [1.0 / (1 + i) ** 0.6 for i in range(len(suppliers))]
    pairs: set[tuple[str, str]] = set()
    target = int(participants * requests_each / 2)  # each request involves two participants
    while len(pairs) < target:
        pairs.add((rng.choices(suppliers, popularity)[0], rng.choice(buyers)))
    requests: list[Request] = []
    for n, (s, b) in enumerate(sorted(pairs)):
        roll = rng.random()
        status = "pending" if roll < 0.05 else "declined" if roll < 0.1 else "accepted"
        requests.append(Request(f"r{n}", s, b, "must" if rng.random() < 0.2 else "meet", status))
    proposals: list[Proposal] = []
    while len(proposals) < participants:
        s, b = rng.choice(suppliers), rng.choice(buyers)
        if (s, b) not in pairs:
            proposals.append(Proposal(s, b, round(rng.uniform(0.5, 0.95), 3)))
    return Problem(slots=slots, tables=max(1, participants // 8), participants=people, requests=requests,
                   proposals=proposals)  # fmt: skip


@dataclass
class Row:
    participants: int
    accepted: int
    must_accepted: int
    must: int
    must_bound: int
    placed: int
    placed_bound: int
    greedy_must: int
    greedy_placed: int
    seconds: float
    optimal: bool
    valid: bool
    reference: str = ""  # a long solve's result, when asked for


def run(participants: int, *, seed: int, time_limit: float, reference: float = 0.0) -> Row:
    problem = generate(participants, seed=seed)
    accepted = [r for r in problem.requests if r.status == "accepted"]
    started = time.perf_counter()
    result = schedule(problem, time_limit=time_limit, workers=2, seed=seed)
    seconds = time.perf_counter() - started
    greedy = first_fit(problem)
    from matching.events.scheduler import _candidates  # the same candidates the solver sees

    candidates = _candidates(problem)
    greedy_must = sum(1 for i in greedy if candidates[i].level == 0)
    greedy_meet = sum(1 for i in greedy if candidates[i].level == 1)
    long = ""
    if reference:
        ref = schedule(problem, time_limit=reference, workers=2, seed=seed)
        long = (
            f"{ref.must_placed}, {ref.must_placed + ref.meet_placed} in {ref.seconds:.0f} s"
            f" ({'proven optimal' if ref.optimal else 'bound ' + str(ref.bounds[0] + ref.bounds[1])})"
        )
    return Row(
        reference=long,
        participants=participants, accepted=len(accepted),
        must_accepted=sum(1 for r in accepted if r.priority == "must"),
        must=result.must_placed, must_bound=result.bounds[0],
        placed=result.must_placed + result.meet_placed, placed_bound=min(result.bounds[0] + result.bounds[1], problem.tables * problem.slots),
        greedy_must=greedy_must, greedy_placed=greedy_must + greedy_meet, seconds=seconds,
        optimal=result.optimal, valid=not violations(problem, result.meetings),
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1000])
    parser.add_argument("--time-limit", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference", type=float, default=0.0, help="also solve with this time limit (the optimum)")
    args = parser.parse_args()
    print(
        "| participants | tables | accepted requests (must) | must placed / bound | requests placed / bound "
        "| % of bound | greedy first-fit: must, placed | time s | optimal | hard rules | long solve: must, placed |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|---|")
    for size in args.sizes:
        row = run(size, seed=args.seed, time_limit=args.time_limit, reference=args.reference)
        share = 100.0 * row.placed / row.placed_bound if row.placed_bound else 100.0
        print(
            f"| {row.participants} | {row.participants // 8} | {row.accepted} ({row.must_accepted}) "
            f"| {row.must} / {row.must_bound} | {row.placed} / {row.placed_bound} | {share:.1f} % "
            f"| {row.greedy_must}, {row.greedy_placed} | {row.seconds:.2f} | {'yes' if row.optimal else 'no'} "
            f"| {'ok' if row.valid else 'BROKEN'} | {row.reference or '—'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
