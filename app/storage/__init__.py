"""Storage: one SQLite file through sqlite-utils, behind a small repository layer."""
