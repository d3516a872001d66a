"""Access in one place: the row policy (`policy`), the same policy as SQL clauses (`scopes`) and
what a supplier may learn about an anonymised demand (`reveal`). No other module decides region
scope; `tests/catalog/test_access_single_place.py` fails on a new copy."""

from catalog.access.policy import (
    Action,
    Actor,
    authorize,
    in_scope,
    may,
    outside_scope,
    reads_in_full,
    region_scope,
    regions_within,
)
from catalog.access.reveal import city_level, region_counts, region_filter, visible_region

__all__ = [
    "Action",
    "Actor",
    "authorize",
    "city_level",
    "in_scope",
    "may",
    "outside_scope",
    "reads_in_full",
    "region_counts",
    "region_filter",
    "region_scope",
    "regions_within",
    "visible_region",
]
