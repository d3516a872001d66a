"""The export round trip as a property, without a database: any list of listings or demands the
validation accepts, exported (CSV or XLSX, English or Chinese headers) and read back through the
importer's own row validation and matching rules, decides no change for any record."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.access import Actor
from catalog.demands import importer as demand_sheet
from catalog.demands.models import Demand
from catalog.demands.rules import check_demand
from catalog.demands.rules import decide_create as create_demand
from catalog.demands.schemas import DemandCreate
from catalog.importing import ImportSpec, _validate_rows
from catalog.listings import importer as listing_sheet
from catalog.listings.models import Listing
from catalog.listings.rules import check_listing
from catalog.listings.rules import decide_create as create_listing
from catalog.listings.schemas import ListingCreate
from catalog.reference import ReferenceData
from catalog.tabular import read_table, write_table
from catalog.taxonomy.models import Category

NOW = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)
SCHEMA = [
    {"key": "axes", "name": "联动轴数", "type": "integer", "unit": "轴", "better": "higher", "min": 1, "max": 30},
    {"key": "spindle_rpm", "name": "主轴转速", "type": "number", "unit": "rpm", "better": "higher", "min": 10, "max": 200000},
    {"key": "positioning_accuracy_mm", "name": "定位精度", "type": "number", "unit": "mm", "better": "lower",
     "min": 0.00001, "max": 3},
    {"key": "control_system", "name": "数控系统", "type": "string", "better": "none"},
]  # fmt: skip
CENTRE = Category(code="0101", name="加工中心", level="leaf", parent_code="01", ancestors=["01", "0101"],
                  aliases=["立式加工中心"], replaces=[], spec_schema=SCHEMA)  # fmt: skip
GROUP = Category(code="01", name="工业母机", level="group", parent_code=None, ancestors=["01"], aliases=[], replaces=[],
                 spec_schema=[])  # fmt: skip
REFS = ReferenceData(
    categories={"0101": CENTRE, "01": GROUP},
    lookup={"加工中心": CENTRE, "立式加工中心": CENTRE, "工业母机": GROUP},
    tags={"首台套", "能效二级", "浙江制造", "专精特新"},
    regions={"000000", "330000", "330400", "330481", "370800"},
)
SUPPLIER = Actor(uuid.uuid4(), "s@example.cn", uuid.uuid4(), "supplier", "330481")
BUYER = Actor(uuid.uuid4(), "b@example.cn", uuid.uuid4(), "buyer", "330481")

# Text as people type it: CJK, Latin, digits, punctuation, CJK Ext-B, emoji, inner line breaks.
_chars = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"), exclude_characters="\x00"
)
text = st.text(_chars | st.sampled_from("加工中心数控车床激光焊接𠀋😀，。；、 "), min_size=1, max_size=40).filter(
    str.strip
)
long_text = st.text(_chars | st.sampled_from("\n高精度五轴联动"), max_size=200)
money = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False)
spec_number = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False).map(lambda f: float(f"{f:.6g}")),
)
specs = st.fixed_dictionaries(
    {},
    optional={
        "axes": st.integers(min_value=0, max_value=50),
        "spindle_rpm": spec_number,
        "positioning_accuracy_mm": spec_number,
        "control_system": text,
        "自定义参数": st.one_of(text, st.integers(min_value=-1000, max_value=1000)),
    },
)
external_id = st.one_of(st.none(), st.text(st.sampled_from("ABC-0123456789编号"), min_size=1, max_size=20))


@st.composite
def listing_bodies(draw: st.DrawFn) -> dict[str, Any]:
    low, high = sorted([draw(money), draw(money)])
    return {
        "title": draw(text), "category": draw(st.sampled_from(["0101", "加工中心", "立式加工中心"])),
        "brand": draw(st.none() | text), "model": draw(st.none() | text), "description": draw(long_text),
        "price_min": draw(st.none() | st.just(low)), "price_max": draw(st.none() | st.just(high)),
        "lead_time_days": draw(st.none() | st.integers(0, 3650)), "energy_grade": draw(st.none() | st.integers(1, 5)),
        "tags": draw(st.lists(st.sampled_from(sorted(REFS.tags)), max_size=3)),
        "service_regions": draw(st.lists(st.sampled_from(["330000", "330400", "370800", "000000"]), max_size=3)),
        "specs": draw(specs), "external_id": draw(external_id),
    }  # fmt: skip


@st.composite
def demand_bodies(draw: st.DrawFn) -> dict[str, Any]:
    replaces = draw(
        st.none()
        | st.fixed_dictionaries(
            {
                "description": st.none() | text,
                "age_years": st.none() | st.integers(0, 100),
                "count": st.none() | st.integers(1, 1000),
                "energy_grade": st.none() | st.integers(1, 5),
            }
        )
    )
    if replaces is not None and all(v is None for v in replaces.values()):
        replaces = None
    return {
        "title": draw(text), "category": draw(st.none() | st.sampled_from(["0101", "加工中心"])),
        "description": draw(long_text), "quantity": draw(st.integers(1, 10000)), "budget_max": draw(st.none() | money),
        "region_code": draw(st.sampled_from(["330481", "330400", "370800"])),
        "needed_by": draw(st.none() | st.dates(date(2025, 1, 1), date(2030, 12, 31))),
        "motivations": draw(st.lists(st.sampled_from(["high_end", "smart", "green", "safety"]), unique=True)),
        "replaces": replaces,
        "specs": draw(st.dictionaries(st.sampled_from(["spindle_rpm_min", "axes", "positioning_accuracy_mm_max", "备注"]),
                                      st.integers(0, 100000), max_size=3)),
        "external_id": draw(external_id),
    }  # fmt: skip


def _unique_external_ids(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    for body in bodies:
        if body["external_id"] in seen:
            body["external_id"] = None
        elif body["external_id"] is not None:
            seen.add(body["external_id"])
    return bodies


def _listings(bodies: list[dict[str, Any]]) -> list[Listing]:
    records = []
    for body in _unique_external_ids(bodies):
        valid = check_listing(ListingCreate.model_validate(body), REFS, default_region="330481")
        assert not valid.errors, valid.errors
        records.append(
            Listing(id=uuid.uuid4(), organization_id=SUPPLIER.organization_id, **create_listing(valid.values))
        )
    return records


def _demands(bodies: list[dict[str, Any]]) -> list[Demand]:
    records = []
    for body in _unique_external_ids(bodies):
        valid = check_demand(DemandCreate.model_validate(body), REFS)
        assert not valid.errors, valid.errors
        records.append(Demand(id=uuid.uuid4(), organization_id=BUYER.organization_id, **create_demand(valid.values)))
    return records


def _round_trip(
    spec: ImportSpec[Any], records: list[Any], rows: list[Any], header: list[str], fmt: str, actor: Actor
) -> None:
    content = write_table(fmt, header, rows, title="导出")  # type: ignore[arg-type]
    table = read_table(content, f"export.{fmt}")
    candidates, errors, warnings = _validate_rows(spec, table, REFS, actor, None)
    assert errors == [] and [w for w in warnings if w.row == 1] == []
    by_id = {r.id: r for r in records}
    assert [c.record_id for c in candidates] == [r.id for r in records]
    for candidate in candidates:
        record = by_id[candidate.record_id]
        assert spec.decide_edit(record, candidate.values, NOW) == {}, (
            candidate.values,
            record.description,
            record.title,
        )


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    st.lists(listing_bodies(), min_size=1, max_size=6), st.sampled_from(["csv", "xlsx"]), st.sampled_from(["en", "zh"])
)
def test_an_untouched_listing_export_reimports_unchanged(bodies: list[dict[str, Any]], fmt: str, language: str) -> None:
    records = _listings(bodies)
    rows = [listing_sheet.export_row(r) for r in records]
    _round_trip(listing_sheet.SPEC, records, rows, listing_sheet.export_header(language), fmt, SUPPLIER)  # type: ignore[arg-type]


@SETTINGS
@given(
    st.lists(demand_bodies(), min_size=1, max_size=6), st.sampled_from(["csv", "xlsx"]), st.sampled_from(["en", "zh"])
)
def test_an_untouched_demand_export_reimports_unchanged(bodies: list[dict[str, Any]], fmt: str, language: str) -> None:
    records = _demands(bodies)
    rows = [demand_sheet.export_row(r) for r in records]
    spec = demand_sheet.import_spec(180)
    _round_trip(spec, records, rows, demand_sheet.export_header(language), fmt, BUYER)  # type: ignore[arg-type]
