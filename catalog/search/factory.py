"""Choosing the search backend from settings (EQM_SEARCH_BACKEND, default postgres)."""

from __future__ import annotations

from catalog.search.base import SearchBackend
from catalog.search.postgres import PostgresSearch


def make_backend(name: str, *, meili_url: str | None = None, meili_key: str | None = None) -> SearchBackend:
    """`postgres` (the tables' own search columns) or `meilisearch` (needs `meili_url`)."""
    if name == "postgres":
        return PostgresSearch()
    if name == "meilisearch":
        if not meili_url:
            raise ValueError("the meilisearch backend needs MEILI_URL")
        from catalog.search.meilisearch import MeilisearchSearch

        return MeilisearchSearch(meili_url, meili_key)
    raise ValueError(f"unknown search backend: {name}")
