"""Reading and writing spreadsheets without a database: formats, encodings, headers, cells."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from catalog.errors import ValidationFailed
from catalog.listings.importer import COLUMNS as LISTING_COLUMNS
from catalog.tabular import (
    Column,
    UnsupportedFile,
    decode_text,
    detect_format,
    export_cell,
    map_header,
    read_csv,
    read_row,
    read_table,
    read_xlsx,
    write_csv,
    write_xlsx,
)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_format_is_detected_by_extension_and_content() -> None:
    assert detect_format("供给清单.CSV", "标题,品类\n".encode()) == "csv"
    assert detect_format("供给清单.xlsx", xlsx([["标题"]])[:64]) == "xlsx"
    for name, content in [
        ("清单.xlsx", "标题,品类\n".encode()),  # a CSV renamed to .xlsx
        ("清单.csv", xlsx([["标题"]])),  # a workbook renamed to .csv
        ("清单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("清单.pdf", b"%PDF-1.7"),
        (None, b"a,b"),
    ]:
        with pytest.raises(UnsupportedFile) as caught:
            detect_format(name, content)
        assert caught.value.status == 415
        assert caught.value.errors[0].field == "file"


def test_csv_encodings_utf8_bom_and_gbk_are_decoded() -> None:
    text = "标题,品类\n数控车床 CK6150,数控车床\n"
    assert decode_text(text.encode("utf-8")) == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_text(text.encode("gbk")) == text
    assert decode_text(text.encode("gb18030")) == text


def test_chinese_headers_in_any_order_with_bom_spaces_and_units() -> None:
    header = ["\ufeff 参数 ", "标题", "最低价（元）", "品类", "备注", "服务区域"]
    positions = map_header(header, LISTING_COLUMNS, required=("title", "category"))
    assert positions == {"specs": 0, "title": 1, "price_min": 2, "category": 3, "service_regions": 5}


def test_header_without_a_required_column_or_with_a_duplicate_is_refused() -> None:
    with pytest.raises(ValidationFailed) as missing:
        map_header(["标题", "品牌"], LISTING_COLUMNS, required=("title", "category"))
    assert missing.value.errors[0].field == "file"
    assert "category" in missing.value.errors[0].message
    with pytest.raises(ValidationFailed) as twice:
        map_header(["title", "标题", "品类"], LISTING_COLUMNS, required=("title",))
    assert "重复" in twice.value.errors[0].message


COLUMNS = (
    Column("n", "integer"),
    Column("price", "money"),
    Column("tags", "list"),
    Column("specs", "json"),
    Column("day", "date"),
    Column("text"),
)
POSITIONS = {c.name: i for i, c in enumerate(COLUMNS)}


def test_cells_are_read_as_their_column_kind() -> None:
    values, errors = read_row(2, [12000.0, "38万", "首台套；好品山东、能效二级", '{"spindle_rpm": 12000}', "2027年6月30日", 5.0], COLUMNS, POSITIONS)  # fmt: skip
    assert errors == []
    assert values == {
        "n": 12000, "price": Decimal("380000"), "tags": ["首台套", "好品山东", "能效二级"],
        "specs": {"spindle_rpm": 12000}, "day": date(2027, 6, 30), "text": "5",
    }  # fmt: skip
    values, errors = read_row(3, ["1,200", "¥1,200,000.50", "", "", datetime(2027, 1, 2), "  "], COLUMNS, POSITIONS)
    assert values == {"n": 1200, "price": Decimal("1200000.50"), "tags": [], "specs": {}, "day": date(2027, 1, 2), "text": None}  # fmt: skip


def test_bad_cells_name_their_row_and_column() -> None:
    _, errors = read_row(7, [12.5, "很多", "", "[1, 2]", "明年", None], COLUMNS, POSITIONS)
    assert [(e.row, e.column) for e in errors] == [(7, "n"), (7, "price"), (7, "specs"), (7, "day")]
    assert all(e.message for e in errors)


def test_xlsx_numbers_and_dates_come_back_typed() -> None:
    table = read_xlsx(xlsx([["标题", "数量", "日期"], [None, None, None], ["加工中心", 10, date(2027, 6, 30)]]))
    assert table.header == ["标题", "数量", "日期"]
    (number, cells) = table.rows[0]
    assert number == 3  # the blank row 2 keeps its number
    values, errors = read_row(number, cells, (Column("n", "integer"), Column("d", "date")), {"n": 1, "d": 2})
    assert errors == [] and values == {"n": 10, "d": date(2027, 6, 30)}


def test_a_sheet_starting_below_and_right_of_a1_keeps_excel_numbering() -> None:
    """Rows are streamed from calamine; its rows start at the first used column, so the empty
    columns before it are put back and the empty rows above keep the numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["C3"], sheet["D3"] = "标题", "数量"
    sheet["C4"], sheet["D4"] = "数控车床", 2
    sheet["D6"] = 5
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_xlsx(buffer.getvalue())
    assert table.header == ["", "", "标题", "数量"]
    assert [(n, cells[2:]) for n, cells in table.rows] == [(4, ["数控车床", 2]), (6, ["", 5])]
    assert [cells[:2] for _, cells in table.rows] == [["", ""], ["", ""]]


def test_written_tables_read_back_the_same() -> None:
    header = ["external_id", "title", "price", "tags", "specs"]
    rows = [["SKU-1", "立式加工中心 VMC850", Decimal("380000.10"), ["首台套", "好品山东"], {"axes": 3}]]
    cells = [[export_cell(v) for v in row] for row in rows]
    for content, reader in ((write_csv(header, cells), read_csv), (write_xlsx(header, cells), read_xlsx)):
        table = reader(content)
        assert table.header == header
        kinds = (Column("external_id"), Column("title"), Column("price", "money"), Column("tags", "list"), Column("specs", "json"))  # fmt: skip
        values, errors = read_row(2, table.rows[0][1], kinds, {c.name: i for i, c in enumerate(kinds)})
        assert errors == []
        assert values == {"external_id": "SKU-1", "title": "立式加工中心 VMC850", "price": Decimal("380000.10"),
                          "tags": ["首台套", "好品山东"], "specs": {"axes": 3}}  # fmt: skip
    assert write_csv(header, cells).startswith(b"\xef\xbb\xbf")
    assert read_table(write_csv(header, cells), "x.csv").header == header


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False))
def test_money_survives_an_excel_number_cell(value: Decimal) -> None:
    """NUMERIC(14,2) written as a float cell reads back as the same decimal."""
    column = (Column("p", "money"),)
    read, errors = read_row(2, [float(value)], column, {"p": 0})
    assert errors == [] and read["p"].quantize(Decimal("0.01")) == value


@given(st.lists(st.text(alphabet="数控车床加工中心首台套ABC12 -_", min_size=1).map(str.strip).filter(bool), max_size=6))
def test_list_cells_round_trip(items: list[str]) -> None:
    column = (Column("l", "list"),)
    read, _ = read_row(2, [export_cell(items)], column, {"l": 0})
    assert read["l"] == items


def test_text_that_looks_like_a_formula_stays_text_in_xlsx() -> None:
    from catalog.tabular import read_table, write_xlsx

    table = read_table(write_xlsx(["title", "description"], [["=0", "=SUM(A1:A3)"]]), "x.xlsx")
    assert table.rows[0][1] == ["=0", "=SUM(A1:A3)"]


def test_csv_lines_are_read_as_a_stringio_would_give_them() -> None:
    """read_csv walks the decoded text line by line (no second copy of a large file): the lines,
    and the records csv makes of them, are StringIO(newline="")'s for any mix of \\r\\n, \\r, \\n,
    quotes, commas and Unicode line separators."""
    import csv as csv_module
    import io
    import random

    from catalog.tabular import _lines

    rng = random.Random(2)
    alphabet = ["a", "中", "\r", "\n", "\r\n", '"', ",", "\u2028", "\x0b", " "]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert list(_lines(text)) == list(io.StringIO(text, newline="")), repr(text)
        try:
            expected: object = list(csv_module.reader(io.StringIO(text, newline="")))
        except csv_module.Error:
            expected = "error"
        try:
            got: object = list(csv_module.reader(_lines(text)))
        except csv_module.Error:
            got = "error"
        assert got == expected, repr(text)
