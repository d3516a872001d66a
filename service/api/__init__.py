"""HTTP routers, one module per resource, mounted under /api/v1."""

from fastapi import APIRouter, Depends

from service.api import (
    accounts,
    campaigns,
    demands,
    events,
    listings,
    matching,
    notifications,
    organizations,
    policies,
    reference,
    reviews,
    search,
    statistics,
    transfer,
)
from service.text_input import refuse_unstorable_text

api_router = APIRouter(prefix="/api/v1", dependencies=[Depends(refuse_unstorable_text)])
# Order matters where paths overlap: fixed paths (/listings/import) before /listings/{id}.
for module in (
    accounts,
    organizations,
    reference,
    search,
    transfer,
    listings,
    demands,
    notifications,
    reviews,
    campaigns,
    events,
    matching,
    policies,
    statistics,
):
    api_router.include_router(module.router)
