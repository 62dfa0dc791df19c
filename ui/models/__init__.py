"""Qt item models over the library's data."""
