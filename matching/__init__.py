"""Pairing supply and demand: scoring, match lifecycle, group purchases, matchmaking events.

Imports `catalog`, never `service` or FastAPI.
"""
