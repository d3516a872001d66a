"""The status machines of both lists, as plain data, without a database."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.demands.models import DEMAND_STATUSES
from catalog.errors import Conflict
from catalog.lifecycle import DEMAND_TRANSITIONS, LISTING_TRANSITIONS, Transition, next_status
from catalog.listings.models import LISTING_STATUSES

MACHINES = [(LISTING_TRANSITIONS, LISTING_STATUSES), (DEMAND_TRANSITIONS, DEMAND_STATUSES)]


@pytest.mark.parametrize(("transitions", "statuses"), MACHINES)
def test_every_transition_names_known_statuses(
    transitions: Mapping[str, Transition], statuses: tuple[str, ...]
) -> None:
    for transition in transitions.values():
        assert transition.target in statuses and transition.sources <= set(statuses)
        assert transition.target not in transition.sources


@given(st.sampled_from(LISTING_STATUSES), st.sampled_from(sorted(LISTING_TRANSITIONS)))
def test_listing_acts_are_idempotent_or_refused(status: str, action: str) -> None:
    try:
        target = next_status(LISTING_TRANSITIONS, status, action)
    except Conflict:
        assert status not in LISTING_TRANSITIONS[action].sources
        return
    if target is None:
        assert status == LISTING_TRANSITIONS[action].target
    else:
        # Doing it again changes nothing.
        assert next_status(LISTING_TRANSITIONS, target, action) is None


@given(st.sampled_from(DEMAND_STATUSES), st.sampled_from(sorted(DEMAND_TRANSITIONS)))
def test_closed_demands_stay_closed(status: str, action: str) -> None:
    try:
        target = next_status(DEMAND_TRANSITIONS, status, action)
    except Conflict:
        assert status == "closed"
        return
    assert status != "closed" or target is None


def test_listing_paths() -> None:
    assert next_status(LISTING_TRANSITIONS, "draft", "publish") == "published"
    assert next_status(LISTING_TRANSITIONS, "published", "unpublish") == "draft"
    assert next_status(LISTING_TRANSITIONS, "published", "archive") == "archived"
    assert next_status(LISTING_TRANSITIONS, "archived", "restore") == "draft"
    assert next_status(LISTING_TRANSITIONS, "draft", "restore") is None
    with pytest.raises(Conflict, match="恢复为草稿"):
        next_status(LISTING_TRANSITIONS, "archived", "publish")
    with pytest.raises(Conflict):
        next_status(LISTING_TRANSITIONS, "published", "restore")
