"""Stored matches between demands and listings and their lifecycle to the signed deal."""
