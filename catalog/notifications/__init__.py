"""The notification feed: what an organisation should know (new strong matches and leads,
campaign outcomes, review decisions)."""
