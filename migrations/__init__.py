"""Alembic migrations: the only author of the schema."""
