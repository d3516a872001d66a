"""Schemathesis over the app's own OpenAPI document: every operation, called with generated
parameters and bodies — strings laced with NUL, control characters, emoji, CJK Extension B and
lone surrogates — as anonymous, as a supplier and as a buyer, must never answer 5xx.

The app runs in-process on its own database (real commits, so what one call stores the next one
reads back, exports included). EQM_FUZZ_EXAMPLES sets the examples per operation (default below:
the number that keeps `make test` near ten minutes on two shared cores; CI may raise it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.python import asgi
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.config import Settings
from service.db import make_engine
from service.main import create_app
from tests.conftest import ReadyDatabase
from tests.factories import make_account

EXAMPLES = int(os.environ.get("EQM_FUZZ_EXAMPLES", "20"))
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01\x07\x1b\x7f",
    "😀🏭",
    "𠀀𠀁𪚥",
    "\ud800",
    "x\udfffy",
    "加工中心\x00",
    "\u200b\ufeff",
    "",
]
# Any string, laced with what breaks storage, XLSX and encoders.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.sampled_from(["\x00", "\x0b", "😀", "𠀀", "\ud800", "\udc00", "数", "a", " "]), max_size=12),
)


def lace(value: Any) -> st.SearchStrategy[Any]:
    """`value` with each string kept or swapped for a hostile one."""
    if isinstance(value, str):
        return st.one_of(st.just(value), hostile_text, st.builds(lambda h, v=value: v + h, hostile_text))
    if isinstance(value, dict):
        return st.fixed_dictionaries({k: lace(v) for k, v in value.items()})
    if isinstance(value, list):
        return st.tuples(*(lace(v) for v in value)).map(list)
    return st.just(value)


def has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_surrogate(v) for v in value)
    return False


def takes_json(operation: Any) -> bool:
    body = (operation.definition.raw if operation is not None else {}).get("requestBody", {})
    return "application/json" in body.get("content", {})


@pytest.fixture(scope="session")
async def fuzz_target(ready_database: ReadyDatabase, settings: Settings) -> dict[str, Any]:
    url = await ready_database("equipmatch_fuzz")
    engine = make_engine(url)
    async with async_sessionmaker(engine, expire_on_commit=False)() as session:
        supplier = await make_account(session, settings, kind="supplier", region_code="330424")
        buyer = await make_account(session, settings, kind="buyer", region_code="330481")
        await session.commit()
    await engine.dispose()
    return {"url": url, "headers": {"anonymous": {}, "supplier": supplier.headers, "buyer": buyer.headers}}


@pytest.fixture(scope="session")
def fuzz_schema(fuzz_target: dict[str, Any], settings: Settings) -> Iterator[schemathesis.BaseSchema]:
    app = create_app(settings, database_url=fuzz_target["url"])
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    @schema.hook
    def flatmap_body(context: Any, body: Any) -> st.SearchStrategy[Any]:
        laced = lace(body)
        # Only JSON carries a lone surrogate (as a \\ud800 escape); forms and files are UTF-8 bytes.
        return laced if takes_json(context.operation) else laced.filter(lambda b: not has_surrogate(b))

    @schema.hook
    def flatmap_query(context: Any, query: Any) -> st.SearchStrategy[Any]:
        return lace(query).filter(lambda q: not has_surrogate(q))  # a URL has no UTF-8 for one

    yield schema


def test_no_operation_answers_5xx(fuzz_schema: schemathesis.BaseSchema, fuzz_target: dict[str, Any]) -> None:
    failures: list[str] = []
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    assert len(operations) > 50
    with asgi.get_client(operations[0].app) as client:
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                phases=[Phase.explicit, Phase.generate],  # report the first failure, do not shrink it
                database=None,
            )  # fmt: skip
            def call(case: schemathesis.Case) -> None:
                for who, headers in fuzz_target["headers"].items():
                    try:
                        response = case.call(session=client, headers=headers)
                    except Exception as exc:  # the in-process client re-raises what the app did not handle
                        raise AssertionError(
                            f"{who} {case.method} {case.formatted_path} query={case.query!r} body={case.body!r}"
                            f" -> {type(exc).__name__}: {str(exc)[:200]}"
                        ) from exc
                    assert response.status_code < 500, (
                        f"{who} {case.method} {case.formatted_path} query={case.query!r} body={case.body!r}"
                        f" -> {response.status_code} {response.text[:200]}"
                    )

            try:
                call()
            except AssertionError as failure:
                failures.append(str(failure).splitlines()[0])
    assert failures == [], "\n".join(failures)
