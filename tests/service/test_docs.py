"""/docs and /redoc work on an intranet: every script, style sheet and image they load is served by
the app itself, none from a CDN."""

from __future__ import annotations

import re

import httpx


async def test_docs_and_redoc_load_only_local_assets(client: httpx.AsyncClient) -> None:
    for page in ("/docs", "/redoc"):
        response = await client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", response.text)
        assert assets, page
        for asset in assets:
            assert asset.startswith("/"), f"{page} loads {asset} from outside"
            loaded = await client.get(asset)
            assert loaded.status_code == 200 and len(loaded.content) > 1000, asset
        assert "cdn" not in response.text.lower() and "fonts.googleapis" not in response.text
    # The ReDoc bundle's footer logo was the one image still fetched from a CDN.
    bundle = await client.get("/static-offline-docs/redoc.standalone.js")
    assert bundle.status_code == 200 and len(bundle.content) > 500_000 and b"cdn.redoc.ly" not in bundle.content
    swagger = (await client.get("/docs")).text
    assert "/openapi.json" in swagger and '"validatorUrl": null' in swagger
    assert (await client.get("/openapi.json")).json()["info"]["title"] == "equipmatch"
