"""The supply list (供给清单): suppliers' equipment listings, their lifecycle and review."""
