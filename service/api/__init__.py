"""HTTP routers, one module per resource, mounted under /api/v1."""

from fastapi import APIRouter

from service.api import (
    accounts,
    campaigns,
    demands,
    listings,
    matching,
    notifications,
    policies,
    reference,
    reviews,
    search,
    statistics,
    transfer,
)

api_router = APIRouter(prefix="/api/v1")
# Order matters where paths overlap: fixed paths (/listings/import) before /listings/{id}.
for module in (
    accounts,
    reference,
    search,
    transfer,
    listings,
    demands,
    notifications,
    reviews,
    campaigns,
    matching,
    policies,
    statistics,
):
    api_router.include_router(module.router)
