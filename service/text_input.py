"""One gate for text PostgreSQL cannot store: NUL (U+0000) and lone surrogates (U+D800–U+DFFF).

Every /api/v1 request passes here before its handler (a router-level dependency): path
parameters, query strings, form fields and JSON bodies are scanned once, and a value holding
either is a 422 naming the field — instead of a 500 from the database driver wherever the value
would have reached it. Other control characters are legal text and are stored; the XLSX writer
cleans them on the way out (catalog/tabular.py `excel_safe`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import Request

from catalog.errors import FieldError, ValidationFailed

MAX_REPORTED = 10


def unstorable(text: str) -> str | None:
    """Why `text` cannot be stored, or None."""
    for ch in text:
        if ch == "\x00":
            return "不能包含空字符（NUL） / must not contain NUL characters"
        if "\ud800" <= ch <= "\udfff":
            return "包含无效的 Unicode 代理字符 / contains a lone Unicode surrogate"
    return None


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a JSON value (keys too) with its dotted path."""
    if isinstance(value, str):
        yield path or "body", value
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield where, str(key)
            yield from _strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def problems(pairs: Iterator[tuple[str, str]]) -> list[FieldError]:
    found: list[FieldError] = []
    for field, text in pairs:
        reason = unstorable(text)
        if reason is not None and all(e.field != field for e in found):
            found.append(FieldError(field, reason))
            if len(found) >= MAX_REPORTED:
                break
    return found


async def _request_strings(request: Request) -> Iterator[tuple[str, str]]:
    pairs: list[tuple[str, str]] = [(str(k), str(v)) for k, v in request.path_params.items()]
    for key, value in request.query_params.multi_items():
        pairs += [(key, key), (key, value)]
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        pairs += [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    elif content_type == "application/json" or content_type.endswith("+json"):
        body = await request.body()
        try:
            parsed = json.loads(body) if body else None
        except ValueError:  # malformed JSON is the body parser's to report
            parsed = None
        pairs += list(_strings(parsed, ""))
    return iter(pairs)


async def refuse_unstorable_text(request: Request) -> None:
    """The router dependency: 422 when any input string holds NUL or a lone surrogate."""
    found = problems(await _request_strings(request))
    if found:
        raise ValidationFailed("输入包含无法保存的字符 / input holds characters that cannot be stored", errors=found)
