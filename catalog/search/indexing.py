"""Keeping search in step with the tables. The listing and demand services call these after every
write, in the same transaction, so the PostgreSQL backend is always consistent; the Meilisearch
backend follows through the outbox.

The foundation ships them as no-ops; the search work fills them in.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.models import Demand
from catalog.listings.models import Listing


async def index_listings(session: AsyncSession, listings: Sequence[Listing]) -> None:
    """Refresh the search fields of these listings (batch-friendly: imports pass thousands)."""
    return None


async def index_demands(session: AsyncSession, demands: Sequence[Demand]) -> None:
    """Refresh the search fields of these demands."""
    return None
