"""Excel and Word tables in the official annex layouts: export, import, department round-trips."""
