"""ETag and If-Match as plain functions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.errors import PreconditionFailed
from service.api.params import check_if_match, etag, if_match_satisfied

versions = st.integers(min_value=1, max_value=10**9)


@given(versions)
def test_the_etag_we_hand_out_matches_its_version(version: int) -> None:
    assert if_match_satisfied(etag(version), version)
    assert if_match_satisfied(etag(version).removeprefix("W/"), version)
    assert if_match_satisfied(f'W/"0", {etag(version)}', version)


@given(versions, versions)
def test_another_version_never_matches(held: int, current: int) -> None:
    assert if_match_satisfied(etag(held), current) is (held == current)


@pytest.mark.parametrize("header", [None, "*", ' W/"4" ', 'W/"1",W/"4"'])
def test_admitted(header: str | None) -> None:
    check_if_match(header, 4)


@pytest.mark.parametrize("header", ['W/"40"', "4", "", 'W/"3"', "W/4", "garbage"])
def test_refused(header: str) -> None:
    with pytest.raises(PreconditionFailed):
        check_if_match(header, 4)
