"""GB/T 2260 administrative regions plus development zones, as a tree rooted at 000000 (全国)."""
