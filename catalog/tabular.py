"""Spreadsheets in and out: recognising a CSV or XLSX upload, decoding it, mapping its header
(English or Chinese) to columns, turning cells into typed values, and writing tables back.

Pure functions on bytes and plain values; importers give meaning to the columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from catalog.errors import AppError, FieldError, ValidationFailed

Format = Literal["csv", "xlsx"]
Cell = str | int | float | bool | date | datetime | time | timedelta | Decimal | None
ColumnKind = Literal["text", "integer", "money", "list", "json", "date"]

ZIP_MAGIC = b"PK\x03\x04"
# Separators people type between list items in one cell: ASCII and full-width semicolons, the
# Chinese enumeration comma.
LIST_SEPARATORS = re.compile(r"[;；、]")


class UnsupportedFile(AppError):
    status = 415
    slug = "unsupported-media-type"
    title_zh = "不支持的文件类型"
    title_en = "Unsupported media type"


class FileTooLarge(AppError):
    status = 413
    slug = "too-large"
    title_zh = "文件过大"
    title_en = "Payload too large"


@dataclass(frozen=True)
class RowError:
    """One problem of one cell: `row` is the spreadsheet row number (the header is row 1)."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Column:
    """A column an importer understands: its canonical (English) name, the other headers people
    write for it, and how its cells are read."""

    name: str
    kind: ColumnKind = "text"
    aliases: tuple[str, ...] = ()


@dataclass
class Table:
    """A decoded upload: the header as written and the data rows with their spreadsheet numbers."""

    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def file_error(message: str, error: type[AppError] = ValidationFailed) -> AppError:
    return error(message, errors=[FieldError("file", message)])


def detect_format(filename: str | None, head: bytes) -> Format:
    """CSV or XLSX, by extension AND content: an .xlsx must be a ZIP container, a .csv must not be
    binary. Anything else (xls, pdf, a renamed file) is refused naming the `file` field."""
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    looks_zip = head.startswith(ZIP_MAGIC)
    if suffix == "xlsx" and looks_zip:
        return "xlsx"
    if suffix == "csv" and not looks_zip and b"\x00" not in head[:4096]:
        return "csv"
    if suffix in {"xlsx", "csv"}:
        raise file_error(f"文件内容与扩展名 .{suffix} 不符", UnsupportedFile)
    raise file_error("仅支持 .csv 或 .xlsx 文件（Excel 97-2003 的 .xls 请另存为 .xlsx）", UnsupportedFile)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030 (a superset of GBK, what Excel in China saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise file_error("无法识别 CSV 文件编码，请保存为 UTF-8 或 GBK") from exc


def _blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# Short cell texts repeat down a column (categories, brands, regions, tags, prices): a table keeps
# one copy of each (up to SHARED_KEPT of them), ~50 MB less for 100,000 rows.
SHARED_MAX_CHARS = 40
SHARED_KEPT = 100_000


def _table(rows: Iterable[Sequence[Cell]]) -> Table:
    """The first non-blank row is the header; blank rows are skipped but keep their numbers."""
    table: Table | None = None
    shared: dict[str, str] = {}
    for number, cells in enumerate(rows, start=1):
        if _blank(cells):
            continue
        if table is None:
            table = Table(header=["" if c is None else str(c) for c in cells])
            continue
        if len(shared) > SHARED_KEPT:
            shared.clear()
        table.rows.append(
            (number, [shared.setdefault(c, c) if type(c) is str and len(c) <= SHARED_MAX_CHARS else c for c in cells])
        )
    if table is None:
        raise file_error("文件为空：第一行应为表头")
    return table


# One line with its ending, as io.StringIO(newline="") yields them (\r\n, \r or \n).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The text's lines, one at a time (a StringIO would hold a second, four-bytes-a-character
    copy of a large file while it is read)."""
    for line in _LINE.finditer(text):
        yield line.group()


def read_csv(data: bytes) -> Table:
    text = decode_text(data)
    try:
        return _table(csv.reader(_lines(text)))
    except csv.Error as exc:
        raise file_error(f"CSV 格式错误：{exc}") from exc


def read_xlsx(data: bytes) -> Table:
    """The first worksheet, read with calamine (Rust; many times faster than openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        left = [""] * sheet.start[1] if sheet.start else []
        rows = sheet.iter_rows()
    except Exception as exc:  # calamine raises its own error types for broken files
        raise file_error(f"无法读取 Excel 文件：{str(exc)[:200]}") from exc
    return _table(_from_column_a(rows, left))


def _from_column_a(rows: Iterator[Sequence[Any]], left: list[Any]) -> Iterator[Sequence[Any]]:
    """calamine's rows one at a time (never the whole sheet as Python lists at once, as
    `to_python` makes it), from column A like Excel's numbering: `iter_rows` starts at the
    first column that has a cell, so the empty ones before it are put back."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise file_error(f"无法读取 Excel 文件：{str(exc)[:200]}") from exc
        yield [*left, *row] if left else row


def read_table(data: bytes, filename: str | None) -> Table:
    fmt = detect_format(filename, data[:8192])
    return read_xlsx(data) if fmt == "xlsx" else read_csv(data)


def normalise_header(value: str) -> str:
    """Header cells compare after NFKC (full-width → half-width), trimming, lower case, and
    dropping a BOM, spaces and an explanatory suffix in brackets: "最低价（元）" → "最低价"."""
    value = unicodedata.normalize("NFKC", value).replace("\ufeff", "").strip().lower()
    value = re.sub(r"[(\[].*?[)\]]$", "", value).strip()
    return re.sub(r"[\s*]+", "", value)


def _header_lookup(columns: Sequence[Column]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in columns:
        for label in (column.name, *column.aliases):
            lookup[normalise_header(label)] = column.name
    return lookup


def unknown_headers(header: Sequence[str], columns: Sequence[Column]) -> list[str]:
    """The non-blank header cells no column answers to: their cells are not read, and an import
    says so (a warning), so nothing is dropped without a word."""
    lookup = _header_lookup(columns)
    return [label for label in header if normalise_header(label) and normalise_header(label) not in lookup]


def map_header(header: Sequence[str], columns: Sequence[Column], *, required: Iterable[str]) -> dict[str, int]:
    """Column name → position in the file. Unknown headers are not read (see `unknown_headers`);
    a column given twice or a required one missing makes the whole file unreadable."""
    lookup = _header_lookup(columns)
    positions: dict[str, int] = {}
    errors: list[FieldError] = []
    for index, label in enumerate(header):
        name = lookup.get(normalise_header(label))
        if name is None:
            continue
        if name in positions:
            errors.append(FieldError("file", f"表头第{index + 1}列“{label}”与第{positions[name] + 1}列重复"))
            continue
        positions[name] = index
    missing = [name for name in required if name not in positions]
    if missing:
        errors.append(FieldError("file", f"表头缺少必需的列：{'、'.join(missing)}"))
    if errors:
        raise ValidationFailed("表头有误：" + "；".join(e.message for e in errors), errors=errors)
    return positions


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is for the user (Chinese)."""


def _text(value: Cell) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: 12000.0 is "12000"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _integer(value: Cell) -> int | None:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("应为整数")
    text = _text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise CellError("应为整数") from exc
    if number != number.to_integral_value():
        raise CellError("应为整数")
    return int(number)


def _money(value: Cell) -> Decimal | None:
    if isinstance(value, bool):
        raise CellError("应为金额（元）")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest decimal that reads back as this float
    text = _text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).replace(",", "").removeprefix("¥").removesuffix("元").strip()
    wan = text.endswith("万")
    try:
        number = Decimal(text.removesuffix("万"))
    except InvalidOperation as exc:
        raise CellError("应为金额（元），如 380000 或 38万") from exc
    if not number.is_finite():
        raise CellError("应为金额（元）")
    return number * 10000 if wan else number


def _list(value: Cell) -> list[str]:
    text = _text(value)
    if text is None:
        return []
    return [item.strip() for item in LIST_SEPARATORS.split(text) if item.strip()]


def _json(value: Cell) -> dict[str, Any]:
    text = _text(value)
    if text is None:
        return {}
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CellError(f'应为 JSON 对象，如 {{"spindle_rpm": 12000}}（第{exc.colno}个字符处有误）') from exc
    if not isinstance(parsed, dict):
        raise CellError('应为 JSON 对象，如 {"spindle_rpm": 12000}')
    return parsed


def _date(value: Cell) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError("日期格式应为 YYYY-MM-DD")


READERS: dict[ColumnKind, Callable[[Cell], Any]] = {
    "text": _text,
    "integer": _integer,
    "money": _money,
    "list": _list,
    "json": _json,
    "date": _date,
}


def read_row(
    number: int, cells: Sequence[Cell], columns: Sequence[Column], positions: dict[str, int]
) -> tuple[dict[str, Any], list[RowError]]:
    """The typed values of one data row (absent columns are left out) and the cells that failed."""
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column in columns:
        index = positions.get(column.name)
        if index is None:
            continue
        raw = cells[index] if index < len(cells) else None
        try:
            values[column.name] = READERS[column.kind](raw)
        except CellError as exc:
            errors.append(RowError(number, column.name, str(exc)))
    return values, errors


# --- writing ---------------------------------------------------------------------------------


def export_cell(value: Any) -> Cell:
    """A value as a spreadsheet cell in the form the reader reads back."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value  # type: ignore[no-any-return]


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM, so Excel opens Chinese text correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def excel_safe(value: Any) -> Any:
    """A cell value XLSX can hold: control characters (other than tab, newline, carriage return)
    are legal in our text but not in the file format, so they are dropped on the way out."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _text_cell(sheet: Any, value: Any) -> Any:
    """Text that starts with "=" is text, not a formula: openpyxl would store "=0" as a formula
    with no cached value, which reads back empty (and a formula in a user's text is an injection)."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str = "Sheet1") -> bytes:
    """openpyxl's write-only mode: rows are streamed to the file, memory stays flat."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([excel_safe(h) for h in header])
    for row in rows:
        # NUMERIC(14,2) has at most 14 significant digits, which a float holds exactly enough for
        # its shortest repr to give the same decimal back: money stays a number in Excel.
        sheet.append([float(c) if isinstance(c, Decimal) else _text_cell(sheet, excel_safe(c)) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(fmt: Format, header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    return write_xlsx(header, rows, title=title) if fmt == "xlsx" else write_csv(header, rows)


def iter_chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
