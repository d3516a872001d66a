"""A small driver for headless Chromium over the DevTools protocol (Debian's `chromium`, no
browser download, no extra package: `websockets` comes with uvicorn[standard]). Enough to load a
page, type into a form, read the DOM, list every request the page made and take a screenshot.

    python -m tests.browser.cdp http://127.0.0.1:8000/console docs/console.png \
        --login bureau@jiaxing.demo.equipmatch.cn Demo@2024
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import websockets


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


class Page:
    """One tab, attached with a flat session; events are queued per method."""

    def __init__(self, ws: Any, session_id: str) -> None:
        self._ws = ws
        self._session = session_id
        self._ids = itertools.count(1000)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self._event = asyncio.Event()

    async def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message and message["id"] in self._pending:
            self._pending.pop(message["id"]).set_result(message)
        elif message.get("sessionId") == self._session:
            self.events.append(message)
            self._event.set()

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        msg_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = future
        await self._ws.send(json.dumps({"id": msg_id, "method": method, "params": params, "sessionId": self._session}))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def wait_for(self, method: str, *, after: int = 0, seconds: float = 30) -> dict[str, Any]:
        deadline = asyncio.get_running_loop().time() + seconds
        while True:
            for event in self.events[after:]:
                if event["method"] == method:
                    return event
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError(method)
            self._event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), remaining)

    async def goto(self, url: str) -> None:
        mark = len(self.events)
        await self.send("Page.navigate", url=url)
        await self.wait_for("Page.loadEventFired", after=mark)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    async def submit(self, form_selector: str, values: dict[str, str]) -> None:
        """Fill the form's fields by name and submit it, then wait for the next page."""
        mark = len(self.events)
        fill = ";".join(
            f"document.querySelector({json.dumps(form_selector)}).elements[{json.dumps(k)}].value = {json.dumps(v)}"
            for k, v in values.items()
        )
        await self.evaluate(f"{fill}; document.querySelector({json.dumps(form_selector)}).submit(); true")
        await self.wait_for("Page.loadEventFired", after=mark)

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    async def screenshot(self, path: Path, *, width: int = 1400, full_page: bool = True, scale: float = 1.0) -> None:
        """A PNG of the whole page (or of its first 1000 pixels when not `full_page`), `scale` device
        pixels per CSS pixel (below 1: a smaller file)."""
        height = int(await self.evaluate("document.documentElement.scrollHeight") or 1000) if full_page else 1000
        await self.send(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale, mobile=False
        )
        shot = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        await asyncio.to_thread(path.write_bytes, base64.b64decode(shot["data"]))


@contextlib.asynccontextmanager
async def browser(*, width: int = 1400, height: int = 1000) -> AsyncIterator[Page]:
    """Headless Chromium with a throw-away profile, one tab ready to use."""
    binary = chromium_path()
    if binary is None:
        raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
    profile = tempfile.mkdtemp(prefix="eqm-chromium-")
    args = [
        binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--remote-debugging-port=0",
        f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank",
    ]  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        *args, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    drain: asyncio.Task[None] | None = None
    try:
        assert process.stderr is not None
        url = None
        while url is None:
            line = (await asyncio.wait_for(process.stderr.readline(), 60)).decode(errors="replace")
            if not line:
                raise RuntimeError("chromium exited before opening its DevTools port")
            if found := re.search(r"DevTools listening on (ws://\S+)", line):
                url = found.group(1)
        # Keep reading what Chromium logs, or a full pipe would stop it.
        drain = asyncio.create_task(_drain(process.stderr))
        async with websockets.connect(url, max_size=64 * 2**20) as ws:
            await ws.send(json.dumps({"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}))
            target = await _reply(ws, 1)
            await ws.send(json.dumps({"id": 2, "method": "Target.attachToTarget",
                                      "params": {"targetId": target["targetId"], "flatten": True}}))  # fmt: skip
            session_id = (await _reply(ws, 2))["sessionId"]
            page = Page(ws, session_id)
            reader = asyncio.create_task(_read(ws, page))
            try:
                await page.send("Page.enable")
                await page.send("Network.enable")
                await page.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                                deviceScaleFactor=1, mobile=False)  # fmt: skip
                yield page
            finally:
                reader.cancel()
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        if drain is not None:
            drain.cancel()
        shutil.rmtree(profile, ignore_errors=True)


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.readline():
        pass


async def _reply(ws: Any, msg_id: int) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if message.get("id") == msg_id:
            result: dict[str, Any] = message["result"]
            return result


async def _read(ws: Any, page: Page) -> None:
    async for raw in ws:
        await page._dispatch(json.loads(raw))


async def _main(url: str, out: Path, login: list[str] | None, scale: float) -> None:
    async with browser() as page:
        await page.goto(url)
        if login:
            await page.submit("form[action='/console/login']", {"username": login[0], "password": login[1]})
        await page.screenshot(out, scale=scale)
    print(f"{out}; requests: {sorted(set(page.requested_urls()))}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshot a page with headless Chromium.")
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument("--login", nargs=2, metavar=("EMAIL", "PASSWORD"))
    parser.add_argument("--scale", type=float, default=1.0, help="device pixels per CSS pixel (0.7: a smaller file)")
    ns = parser.parse_args()
    os.environ.setdefault("NO_PROXY", "*")
    asyncio.run(_main(ns.url, ns.out, ns.login, ns.scale))
