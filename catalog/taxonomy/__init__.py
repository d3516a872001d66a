"""The equipment taxonomy: groups and leaves with stable codes, aliases and per-category spec schemas."""
