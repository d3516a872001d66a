"""Organisations (suppliers, buyers, bureaus) and their users."""
