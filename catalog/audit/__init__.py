"""The audit trail: who changed what on listings, demands, campaigns and events, and when."""
