"""Every table of the project, imported once so that `Base.metadata` is complete (Alembic, tests)."""

from catalog.audit.models import AuditEvent
from catalog.db import Base
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.notifications.models import Notification
from catalog.organizations.models import Organization, User
from catalog.outbox.models import OutboxEvent
from catalog.regions.models import Region
from catalog.search.models import DemandSearch, ListingSearch, SearchFacetCount
from catalog.taxonomy.models import Category, Tag
from matching.campaigns.models import Campaign, Offer, OfferRevision, Pledge, Settlement, SettlementLine
from matching.matches.models import Match
from matching.policies.models import OrganizationAttribute
from service.idempotency import IdempotencyRecord
from service.throttle import LoginThrottle

__all__ = [
    "AuditEvent", "Base", "Campaign", "Category", "Demand", "DemandSearch", "IdempotencyRecord", "Listing",
    "ListingSearch", "LoginThrottle", "Match", "Notification", "Offer", "OfferRevision", "Organization",
    "OrganizationAttribute", "OutboxEvent", "Pledge",
    "Region", "SearchFacetCount", "Settlement", "SettlementLine", "Tag", "User",
]  # fmt: skip
