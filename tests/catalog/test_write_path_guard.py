"""One write path per record, held by a test: audit rows, outbox events and search rows of
listings and demands are written by `catalog.changes.record` only. An importer, job or seed that
wrote its own would drift from the rules again (as the importer once did: its published listings
never reached the review queue)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("catalog", "matching", "service", "seeds")
# Where these writes may appear: the recorder, and the packages that own the tables.
ALLOWED = ("catalog/changes.py", "catalog/audit/", "catalog/outbox/", "catalog/search/")
SIDE_EFFECTS = re.compile(
    r"\b(AuditEvent|OutboxEvent)\s*\(|insert\(\s*(AuditEvent|OutboxEvent)|\bindex_(listings|demands)\s*\("
)


def test_only_the_recorder_writes_audit_outbox_and_search_rows() -> None:
    offenders = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(ALLOWED):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if SIDE_EFFECTS.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "write through catalog.changes.record instead:\n" + "\n".join(offenders)


def test_the_guard_sees_a_copy() -> None:
    assert SIDE_EFFECTS.search("    await session.execute(insert(AuditEvent), rows)")
    assert SIDE_EFFECTS.search("await index_listings(session, touched)")
    assert not SIDE_EFFECTS.search("from catalog.changes import record")
