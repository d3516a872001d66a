"""Bureau statistics: what was published, matched, contracted and pooled in a region, by region,
category group and month."""
