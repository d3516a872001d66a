"""`equipmatch import listings|demands FILE --org USCC` against its own committed database."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.organizations.service import create_user
from catalog.organizations.uscc import generate_uscc
from service.bootstrap import in_transaction
from service.cli import app
from service.config import Settings, get_settings
from tests.conftest import ReadyDatabase
from tests.service.api.test_import_export import HEADER, csv_bytes, listing_row


async def _supplier(url: str) -> str:
    uscc = generate_uscc("370800", random.Random(), authority="9", kind="1")

    async def work(session: object) -> None:
        org = Organization(name="济宁鲁智数控机床有限公司", uscc=uscc, kind="supplier", region_code="370800")
        session.add(org)  # type: ignore[attr-defined]
        await session.flush()  # type: ignore[attr-defined]
        await create_user(
            session, email=f"cli-{uscc}@test.equipmatch.cn", password="Secret@2024", display_name="李工",  # type: ignore[arg-type]
            organization_id=org.id, roles=["org_admin"],
        )  # fmt: skip

    await in_transaction(url, work)
    return uscc


async def _count(url: str) -> int:
    async def work(session: object) -> int:
        return await session.scalar(select(func.count()).select_from(Listing)) or 0  # type: ignore[attr-defined,no-any-return]

    return await in_transaction(url, work)


async def test_cli_import_with_summary_and_row_errors(
    ready_database: ReadyDatabase, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = await ready_database("equipmatch_cli")
    uscc = await _supplier(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, ["import", *args])
        return result.exit_code, result.output

    try:
        good, bad = tmp_path / "供给清单.csv", tmp_path / "有错.csv"
        good.write_bytes(csv_bytes(HEADER, [listing_row(), listing_row()], "gbk"))
        bad.write_bytes(csv_bytes(HEADER, [listing_row(), listing_row(category="量子机床")]))

        code, output = await asyncio.to_thread(run, "listings", str(bad), "--org", uscc)
        assert code == 1 and "第3行" in output and "未知品类：量子机床" in output
        assert await _count(url) == 0
        code, output = await asyncio.to_thread(run, "listings", str(good), "--org", uscc, "--dry-run")
        assert code == 0 and "dry run" in output and await _count(url) == 0
        code, output = await asyncio.to_thread(run, "listings", str(good), "--org", uscc, "--publish")
        assert code == 0, output
        assert "新建 created" in output and "│ 2" in output
        assert await _count(url) == 2
        code, output = await asyncio.to_thread(run, "listings", str(bad), "--org", uscc, "--partial")
        assert code == 0 and await _count(url) == 3
        code, output = await asyncio.to_thread(run, "listings", str(good), "--org", "91370800MA3C5XXXX0")
        assert code != 0 and "--org" in output
    finally:
        get_settings.cache_clear()
