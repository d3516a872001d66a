"""The import machinery's pure parts: which rows name an existing record before their check (so the
pool builds no new-record search text for them), and the rows an import wrote."""

from __future__ import annotations

from typing import Any, cast

from catalog.importing import ImportResult, RowContext, check_rows, naming_existing
from catalog.listings.importer import COLUMNS, HEADER

POSITIONS = {name: i for i, name in enumerate(HEADER)}


def _context(search_text: Any = None) -> RowContext:
    def validate(
        number: int, body: dict[str, Any], refs: Any, actor: Any
    ) -> tuple[dict[str, Any], list[Any], list[Any]]:
        return dict(body), [], []

    return RowContext(COLUMNS, validate, POSITIONS, cast(Any, None), cast(Any, None), search_text, index="ctx")


def _row(external_id: Any = None, record_id: Any = None) -> list[Any]:
    cells: list[Any] = [None] * len(HEADER)
    cells[POSITIONS["external_id"]] = external_id
    cells[POSITIONS["title"]] = "立式加工中心 VMC850"
    if "id" in POSITIONS:
        cells[POSITIONS["id"]] = record_id
    return cells


def test_rows_naming_an_existing_record_are_known_before_their_check() -> None:
    rows = [
        (2, _row("海宁-001")),  # the organisation has it: an update
        (3, _row(" 海宁-001 ")),  # the same, as the cell reader reads it
        (4, _row("海宁-002")),  # new
        (5, _row(None, "7c9e6679-7425-40de-944b-e07fc1f90ae7")),  # an id: an update (or an error), never new
        (6, _row(12000.0)),  # Excel's number 12000.0 is the text "12000"
        (7, _row(None, "   ")),  # a blank id is no id
    ]
    assert naming_existing(_context(), rows, {"海宁-001", "12000"}) == {2, 3, 5, 6}
    assert naming_existing(_context(), rows, set()) == {5}


def test_no_new_record_search_text_for_rows_naming_existing_ones() -> None:
    built: list[str] = []

    def search_text(values: dict[str, Any], index: Any) -> tuple[str, str]:
        built.append(values["external_id"])
        return "'立式':1A", "立式加工中心"

    rows = [(2, _row("甲-1")), (3, _row("乙-2"))]
    checked = check_rows(_context(search_text), rows, existing={2})
    assert [c.search for c in checked] == [None, ("'立式':1A", "立式加工中心")]
    assert built == ["乙-2"]


def test_rows_written_are_none_for_a_dry_run() -> None:
    assert ImportResult(created=3, updated=2, unchanged=4).written == 5
    assert ImportResult(created=3, updated=2, dry_run=True).written == 0


def test_a_one_chunk_file_starts_no_pool_but_uses_a_running_one() -> None:
    """A CLI import of one chunk checks its rows in its own process (starting the pool's processes
    would cost more than the chunk); a larger file starts the pool, and an API process's running
    pool takes even a small file."""
    from catalog import cpu
    from catalog.importing import CHUNK, _Checker
    from catalog.tabular import Table

    def table(rows: int) -> Table:
        return Table(header=list(HEADER), rows=[(n + 2, _row(f"甲-{n}")) for n in range(rows)])

    cpu.shutdown()
    try:
        assert _Checker(_context(), table(CHUNK)).executor is None
        assert not cpu.running()
        assert _Checker(_context(), table(CHUNK + 1)).executor is not None
        assert cpu.running()
        assert _Checker(_context(), table(3)).executor is not None
    finally:
        cpu.shutdown()
    assert not cpu.running()
