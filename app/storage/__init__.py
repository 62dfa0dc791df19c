"""Storage: one SQLite file through sqlite-utils (app/storage/sqlite.py), behind a small
repository layer (app/storage/repository.py)."""
