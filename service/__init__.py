"""Delivery: settings, database, auth, HTTP API, background worker and CLI."""
