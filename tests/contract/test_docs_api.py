"""docs/api.md describes the API that exists: every operation of the OpenAPI description is in it
(method and path), and it names no endpoint the app does not have."""

from __future__ import annotations

import re
from pathlib import Path

from service.config import Settings
from service.main import create_app

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_every_operation_is_documented_and_nothing_else(settings: Settings) -> None:
    app = create_app(settings, database_url="postgresql+asyncpg://unused/unused")
    operations = {("GET", "/openapi.json")} | {
        (method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops
    }
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (GET|POST|PATCH|DELETE|PUT) \| `([^`]+)` \|", text, flags=re.M))
    documented |= {(m, p) for m, p in re.findall(r"`(GET|POST|PATCH|DELETE) (/[^`?\s]+)", text)}
    assert operations - documented == set(), "missing from docs/api.md"
    assert documented - operations == set(), "documented but not served"
