"""What an officer sees, checked in Debian's headless Chromium against a live server: the console
(logged in through its form) draws the demo's figures as SVG, and /docs and /redoc render — every
request each page makes goes to the server itself, never to a CDN (this machine has no Internet
access anyway, so a CDN asset would simply be missing)."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn

from seeds.demo import DEMO_PASSWORD, generate
from seeds.demo_loader import write_demo
from service.config import Settings
from service.db import make_engine, make_sessionmaker
from service.main import create_app
from tests.browser.cdp import Page, browser
from tests.conftest import ReadyDatabase


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def live(ready_database: ReadyDatabase, settings: Settings) -> AsyncIterator[str]:
    """A real server on a free port, over a database holding a small demo market."""
    url = await ready_database("equipmatch_browser")
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await write_demo(session, generate(seed=2024, listings=120, demands=80))
    finally:
        await engine.dispose()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, database_url=url), host="127.0.0.1", port=port, log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    for _ in range(1200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, "the live server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def _poll(page: Page, expression: str, seconds: float = 30) -> object:
    for _ in range(int(seconds * 10)):
        value = await page.evaluate(expression)
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"never true: {expression}")


def _keep(path: Path, name: str) -> None:
    """Copy a screenshot to $EQM_SCREENSHOTS (for the README) when set."""
    if target := os.environ.get("EQM_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / name).write_bytes(path.read_bytes())


async def test_console_and_docs_in_headless_chromium(live: str, tmp_path: Path) -> None:
    async with browser() as page:
        await page.goto(f"{live}/console")
        assert await page.evaluate("document.querySelector('form[action=\"/console/login\"]') !== null")
        await page.submit(
            "form[action='/console/login']",
            {"username": "bureau@jiaxing.demo.equipmatch.cn", "password": DEMO_PASSWORD},
        )
        assert await page.evaluate("document.title") == "嘉兴市 · 设备更新工作台"
        assert await page.evaluate("document.querySelectorAll('svg').length") == 5
        svg_text = await page.evaluate(
            "Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join(' ')"
        )
        assert "海宁市" in svg_text and "供给与需求（按区县）" in svg_text and "匹配漏斗" in svg_text
        # The demo's 嘉兴 events — one held with outcomes, one scheduled — in the events chart and cards.
        assert "供需对接会（按区县）" in svg_text and "已举行" in svg_text and "已排程" in svg_text
        text = await page.evaluate("document.body.innerText")
        assert "对接会已举行\n1" in text and "已排程 1" in text and "对接会意向" in text and "意向 0.00 元" not in text
        # The charts are drawn: bars with a size, not an empty frame.
        bars = await page.evaluate(
            "Array.from(document.querySelectorAll('svg .bar rect')).filter(r => r.getBBox().height > 0).length"
        )
        assert bars >= 3
        assert "规划目标进度" in await page.evaluate("document.body.innerText")
        await page.screenshot(tmp_path / "console.png")
        assert (tmp_path / "console.png").stat().st_size > 30_000
        _keep(tmp_path / "console.png", "console.png")

        await page.goto(f"{live}/docs")
        await _poll(page, "document.querySelectorAll('.opblock').length > 40")
        assert "equipmatch" in await page.evaluate("document.body.innerText")
        await page.screenshot(tmp_path / "docs.png", full_page=False)
        _keep(tmp_path / "docs.png", "docs.png")

        await page.goto(f"{live}/redoc")
        await _poll(page, "document.body.innerText.includes('/api/v1/statistics/overview')")

        requested = set(page.requested_urls())
        # Nothing over the network but the server itself (browser-internal schemes such as
        # chrome-error:// under a slow machine are not requests to anyone).
        outside = sorted(
            u for u in requested if u.startswith(("http:", "https:", "ws:", "wss:")) and not u.startswith(live)
        )
        assert requested and not outside, outside
