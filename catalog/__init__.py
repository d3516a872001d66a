"""The marketplace's records: taxonomy, regions, organisations, listings, demands, search.

Imports neither `matching` nor `service`, and never FastAPI.
"""
