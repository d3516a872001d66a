"""The example spreadsheets under seeds/examples/ (the ones the README shows) import as they are:
every row, nothing failed, the Chinese spec names and units understood."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.listings.models import Listing
from service.config import Settings
from tests.factories import make_account

EXAMPLES = Path(__file__).resolve().parents[2] / "seeds" / "examples"


async def _upload(client: httpx.AsyncClient, headers: dict[str, str], path: str, name: str) -> dict[str, object]:
    content = (EXAMPLES / name).read_bytes()
    response = await client.post(path, files={"file": (name, content)}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_the_example_files_import_whole(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="330481", name="海宁示例装备有限公司")
    buyer = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁示例经编有限公司")

    listings = await _upload(client, supplier.headers, "/api/v1/listings/import", "供给清单-示例.csv")
    assert (listings["created"], listings["failed"], listings["errors"]) == (8, 0, []), listings
    assert listings["warnings"] == [], listings["warnings"]
    kede = await db.scalar(select(Listing).where(Listing.external_id == "KD-KMC800U"))
    assert kede is not None and kede.specs["spindle_rpm"] == 18000 and kede.specs["positioning_accuracy_mm"] == 0.005
    assert kede.price_min == 3800000 and kede.tags == ["首台套", "专精特新", "国产替代"]

    demands = await _upload(client, buyer.headers, "/api/v1/demands/import", "需求清单-示例.csv")
    assert (demands["created"], demands["failed"], demands["errors"]) == (4, 0, []), demands
    assert demands["warnings"] == [], demands["warnings"]

    ledger = await _upload(client, buyer.headers, "/api/v1/demands/ledger", "设备台账-示例.csv")
    assert ledger["errors"] == [] and ledger["warnings"] == [], ledger
    assert (ledger["rows"], ledger["flagged"]) == (6, 5), ledger
