"""Reference data (taxonomy, regions, tags) and the demo-data generator, with their loaders."""
