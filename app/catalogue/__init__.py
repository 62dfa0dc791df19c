"""The catalogue over time: the list as it stood on a date, and what changed between two."""
